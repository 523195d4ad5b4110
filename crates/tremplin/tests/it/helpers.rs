//! Shared helpers: running the real `tremplin` binary with a clean environment, a server guard
//! that always kills its process, a login helper and a throw-away PostgreSQL database.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long a CLI command or a server start may take before the test gives up (a hang guard,
/// not a timing assertion).
pub const DEADLINE: Duration = Duration::from_secs(60);

/// The environment variables read by the binary; removed so that the caller's environment
/// (a developer's `DATABASE_URL`, say) cannot change what a test sees.
fn is_config_var(name: &str) -> bool {
    name.starts_with("TREMPLIN_") || name == "DATABASE_URL" || name == "RUST_LOG"
}

/// A `tremplin` command running in `cwd`, with none of the configuration variables inherited.
pub fn tremplin(cwd: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tremplin"));
    cmd.current_dir(cwd);
    for (name, _) in std::env::vars_os() {
        if name.to_str().is_some_and(is_config_var) {
            cmd.env_remove(&name);
        }
    }
    cmd
}

/// The result of a finished command.
#[derive(Debug)]
pub struct Output {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    pub fn all(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }
}

/// Kills a child process when dropped, whatever happened in between.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn drain(mut r: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = r.read_to_end(&mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    })
}

/// Runs a command to completion (stdin closed); panics if it is still running after
/// [`DEADLINE`] (the process is killed).
pub fn run(mut cmd: Command) -> Output {
    run_with_stdin(&mut cmd, None)
}

pub fn run_with_stdin(cmd: &mut Command, input: Option<&str>) -> Output {
    cmd.stdin(if input.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = KillOnDrop(cmd.spawn().expect("spawn tremplin"));
    if let Some(input) = input {
        use std::io::Write;
        let mut stdin = child.0.stdin.take().expect("stdin");
        stdin.write_all(input.as_bytes()).expect("write stdin");
    }
    let out = drain(child.0.stdout.take().expect("stdout"));
    let err = drain(child.0.stderr.take().expect("stderr"));
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.0.try_wait().expect("try_wait") {
            break s;
        }
        if start.elapsed() > DEADLINE {
            drop(child);
            panic!(
                "{cmd:?} still running after {DEADLINE:?}; stderr so far: {}",
                err.join().unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out.join().expect("stdout reader"),
        stderr: err.join().expect("stderr reader"),
    }
}

/// A running `tremplin serve`. Dropping it kills the process.
pub struct Server {
    child: KillOnDrop,
    lines: Receiver<String>,
    stdout: String,
    stderr: Option<std::thread::JoinHandle<String>>,
    pub url: String,
}

impl Server {
    /// Starts `cmd` (which must listen on 127.0.0.1:0) and waits for the line with its URL.
    pub fn start(mut cmd: Command) -> Server {
        cmd.stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = KillOnDrop(cmd.spawn().expect("spawn tremplin serve"));
        let stdout = child.0.stdout.take().expect("stdout");
        let stderr = drain(child.0.stderr.take().expect("stderr"));
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server {
            child,
            lines,
            stdout: String::new(),
            stderr: Some(stderr),
            url: String::new(),
        };
        let line = server.wait_for_line("http://127.0.0.1:");
        let rest =
            &line[line.find("http://127.0.0.1:").expect("url") + "http://127.0.0.1:".len()..];
        let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let port: u16 = port
            .parse()
            .unwrap_or_else(|_| panic!("no port in the line {line:?}"));
        assert_ne!(port, 0, "the printed port is the real one, not 0");
        server.url = format!("http://127.0.0.1:{port}");
        server
    }

    /// Everything read from stdout so far.
    pub fn stdout(&self) -> &str {
        &self.stdout
    }

    /// Reads stdout until a line contains `needle` (or a previous line did); returns that line.
    pub fn wait_for_line(&mut self, needle: &str) -> String {
        if let Some(l) = self.stdout.lines().find(|l| l.contains(needle)) {
            return l.to_string();
        }
        let deadline = Instant::now() + DEADLINE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.stdout.push_str(&line);
                    self.stdout.push('\n');
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(e) => {
                    let why = match e {
                        RecvTimeoutError::Timeout => "timed out",
                        RecvTimeoutError::Disconnected => "stdout closed (the server exited)",
                    };
                    let stderr = self.stop();
                    panic!(
                        "waiting for {needle:?} on stdout: {why}\n--- stdout ---\n{}--- stderr ---\n{stderr}",
                        self.stdout
                    );
                }
            }
        }
    }

    pub fn get(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }

    /// Kills the server and returns what it wrote on stderr.
    pub fn stop(&mut self) -> String {
        let _ = self.child.0.kill();
        let _ = self.child.0.wait();
        self.stderr
            .take()
            .and_then(|h| h.join().ok())
            .unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // KillOnDrop kills the process; this only reports its log when a test failed (and
        // `wait_for_line` has not reported it already).
        if std::thread::panicking() && self.stderr.is_some() {
            let stderr = self.stop();
            eprintln!(
                "--- server stdout ---\n{}--- server stderr ---\n{stderr}",
                self.stdout
            );
        }
    }
}

/// A serve command for `data_dir` on a free port.
pub fn serve_cmd(cwd: &Path, data_dir: &Path) -> Command {
    let mut cmd = tremplin(cwd);
    cmd.arg("--bind")
        .arg("127.0.0.1:0")
        .arg("--data-dir")
        .arg(data_dir);
    cmd
}

/// A client that keeps cookies and does not follow redirects.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client")
}

pub fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get(reqwest::header::LOCATION)
        .map(|v| v.to_str().expect("ascii location").to_string())
        .unwrap_or_default()
}

/// Logs in (expects 303 to /espace) and returns the workspace page.
pub async fn login(server: &Server, email: &str, password: &str) -> (reqwest::Client, String) {
    let c = client();
    let res = c
        .post(server.get("/connexion"))
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .expect("POST /connexion");
    let status = res.status();
    let to = location(&res);
    let body = res.text().await.unwrap_or_default();
    assert_eq!(
        status,
        reqwest::StatusCode::SEE_OTHER,
        "login as {email} refused; body:\n{body}"
    );
    assert_eq!(to, "/espace");
    let res = c
        .get(server.get("/espace"))
        .send()
        .await
        .expect("GET /espace");
    assert_eq!(res.status(), reqwest::StatusCode::OK);
    let page = res.text().await.expect("body");
    (c, page)
}

/// Random hex (no extra dependency): std's randomly keyed hasher, mixed with time and pid.
pub fn random_hex() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos(),
    );
    h.write_u32(std::process::id());
    format!("{:016x}", h.finish())
}

/// The URL of a PostgreSQL server for the tests, if configured.
pub fn pg_url() -> Option<String> {
    std::env::var("TREMPLIN_TEST_PG_URL")
        .ok()
        .filter(|s| !s.is_empty())
}

/// A fresh PostgreSQL database, dropped (with its connections) when this value is dropped.
pub struct PgTempDb {
    admin_url: String,
    pub name: String,
    pub url: String,
}

fn psql(url: &str, sql: &str) -> Output {
    let mut cmd = Command::new("psql");
    cmd.arg(url)
        .arg("-v")
        .arg("ON_ERROR_STOP=1")
        .arg("-c")
        .arg(sql);
    run(cmd)
}

impl PgTempDb {
    pub fn create(admin_url: &str) -> PgTempDb {
        let name = format!("tremplin_cli_{}", random_hex());
        let out = psql(admin_url, &format!("CREATE DATABASE {name}"));
        assert!(
            out.status.success(),
            "CREATE DATABASE failed: {}",
            out.all()
        );
        PgTempDb {
            admin_url: admin_url.to_string(),
            url: tremplin_store::testing::with_database(admin_url, &name),
            name,
        }
    }
}

impl Drop for PgTempDb {
    fn drop(&mut self) {
        let out = psql(
            &self.admin_url,
            &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
        );
        if !out.status.success() {
            eprintln!("could not drop {}: {}", self.name, out.all());
        }
    }
}
