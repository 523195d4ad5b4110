//! `serve` (with the demo team, configured by flags or by environment), the first-start setup
//! link, `admin create` and `backup` of a live database.

use reqwest::StatusCode;

use crate::helpers::{
    PgTempDb, Server, client, location, login, pg_url, run, run_with_stdin, serve_cmd, tremplin,
};

const DEMO_EMAIL: &str = "camille.lefebvre@cci-hdf.example";
const DEMO_PASSWORD: &str = "tremplin-demo";

#[tokio::test]
async fn serve_prints_url_and_demo_logins() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let mut cmd = serve_cmd(tmp.path(), &data);
    cmd.arg("--demo");
    let mut server = Server::start(cmd);
    server.wait_for_line(DEMO_EMAIL);
    let out = server.stdout().to_string();
    assert!(out.contains(&server.url), "{out}");
    assert!(out.contains(DEMO_PASSWORD), "{out}");
    assert!(!out.contains("/installation/"), "no setup link with --demo");

    let c = client();
    let res = c.get(server.get("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let res = c.get(server.get("/")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let ct = res.headers()[reqwest::header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .to_string();
    assert!(ct.starts_with("text/html"), "{ct}");
    let body = res.text().await.unwrap();
    assert!(body.contains(r#"lang="fr""#), "{body}");

    let (_, page) = login(&server, DEMO_EMAIL, DEMO_PASSWORD).await;
    assert!(page.contains("Bonjour, Camille Lefebvre"), "{page}");
    server.stop();
    assert!(data.join("tremplin.db").is_file());

    // The same with environment variables only, and a second start on the same data is fine.
    for _ in 0..2 {
        let data2 = tmp.path().join("from-env");
        let mut cmd = tremplin(tmp.path());
        cmd.env("TREMPLIN_BIND", "127.0.0.1:0")
            .env("TREMPLIN_DATA_DIR", &data2)
            .env("TREMPLIN_DEMO", "true");
        let mut server = Server::start(cmd);
        server.wait_for_line(DEMO_EMAIL);
        assert!(
            data2.join("tremplin.db").is_file(),
            "database in the data dir"
        );
        let res = client().get(server.get("/healthz")).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        login(&server, DEMO_EMAIL, DEMO_PASSWORD).await;
    }
    assert!(
        !tmp.path().join("data").join("from-env").exists()
            && !tmp.path().join("tremplin.db").exists()
    );
}

/// The 64-hex-digit token of the first `/installation/` link in `text`.
fn setup_path(text: &str) -> String {
    let at = text
        .find("/installation/")
        .unwrap_or_else(|| panic!("no setup link in {text}"));
    let token: String = text[at + "/installation/".len()..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    assert_eq!(token.len(), 64, "a 64-hex-digit token: {text}");
    format!("/installation/{token}")
}

#[tokio::test]
async fn first_start_prints_setup_link() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let mut server = Server::start(serve_cmd(tmp.path(), &data));
    let line = server.wait_for_line("/installation/");
    let path = setup_path(&line);
    assert!(
        line.contains(&format!("{}{path}", server.url)),
        "the link is absolute, on the served URL: {line}"
    );

    let c = client();
    let res = c.get(server.get(&path)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    // An unknown token is refused.
    let bad = format!("/installation/{}", "0".repeat(64));
    let res = c.get(server.get(&bad)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::GONE);

    let password = "un mot de passe assez long";
    let form = [
        ("display_name", "Première Admin"),
        ("email", "premiere@region.example"),
        ("password", password),
        ("confirm", password),
    ];
    // A too-short password is refused and uses nothing up.
    let short = [
        ("display_name", "Première Admin"),
        ("email", "premiere@region.example"),
        ("password", "court"),
        ("confirm", "court"),
    ];
    let res = c.post(server.get(&path)).form(&short).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let res = c.post(server.get(&path)).form(&form).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let to = location(&res);
    assert!(to.starts_with("/connexion"), "{to}");

    let (_, page) = login(&server, "premiere@region.example", password).await;
    assert!(page.contains("Bonjour"), "{page}");
    assert!(page.contains("Première Admin"), "{page}");

    // The link works once.
    let res = c.get(server.get(&path)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::GONE);
    let other = [
        ("display_name", "Intrus"),
        ("email", "intrus@example.org"),
        ("password", password),
        ("confirm", password),
    ];
    let res = c.post(server.get(&path)).form(&other).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::GONE);
    let res = client()
        .post(server.get("/connexion"))
        .form(&[("email", "intrus@example.org"), ("password", password)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    server.stop();

    // Accounts exist now: a restart prints no setup link.
    let mut server = Server::start(serve_cmd(tmp.path(), &data));
    let line = server.wait_for_line("/connexion");
    assert!(!server.stdout().contains("/installation/"), "{line}");
}

#[tokio::test]
async fn admin_create_then_login() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let password = "Correct-Horse-Battery-9";
    let create = |password: &str, email: &str| {
        let mut cmd = tremplin(tmp.path());
        cmd.arg("--data-dir")
            .arg(&data)
            .args(["admin", "create", "--email", email, "--name", "Ada Admin"])
            .env("TREMPLIN_ADMIN_PASSWORD", password);
        run(cmd)
    };

    // Too short: refused before anything is created.
    let out = create("short-pw", "admin@x.example");
    assert!(!out.status.success(), "{out:?}");
    assert!(out.stderr.contains("at least 12 characters"), "{out:?}");
    assert!(!out.all().contains("short-pw"), "password leaked: {out:?}");
    assert!(!data.exists(), "nothing created for a refused password");

    let out = create(password, "admin@x.example");
    assert!(out.status.success(), "{out:?}");
    assert!(out.stdout.contains("created"), "{out:?}");
    assert!(out.stdout.contains("admin@x.example"), "{out:?}");
    assert!(!out.all().contains(password), "password leaked: {out:?}");

    // Same e-mail again (whatever the case): refused with a clear message.
    for email in ["admin@x.example", "Admin@X.example"] {
        let out = create("another-long-password", email);
        assert!(!out.status.success(), "{out:?}");
        assert!(
            out.stderr.contains("already exists"),
            "{email}: clear message: {out:?}"
        );
        assert_eq!(out.stderr.lines().count(), 1, "{out:?}");
    }

    // Password from standard input when the variable is not set; the prompt is on stderr.
    let mut cmd = tremplin(tmp.path());
    cmd.arg("--data-dir").arg(&data).args([
        "admin",
        "create",
        "--email",
        "second@x.example",
        "--name",
        "Bob Second",
    ]);
    let out = run_with_stdin(&mut cmd, Some("stdin-password-123\n"));
    assert!(out.status.success(), "{out:?}");
    assert!(!out.all().contains("stdin-password-123"), "{out:?}");

    let mut server = Server::start(serve_cmd(tmp.path(), &data));
    server.wait_for_line("/connexion");
    assert!(!server.stdout().contains("/installation/"));
    let (_, page) = login(&server, "admin@x.example", password).await;
    assert!(page.contains("Bonjour, Ada Admin"), "{page}");
    let (_, page) = login(&server, "second@x.example", "stdin-password-123").await;
    assert!(page.contains("Bonjour, Bob Second"), "{page}");
    // The refused second creation did not change the first password.
    let res = client()
        .post(server.get("/connexion"))
        .form(&[
            ("email", "admin@x.example"),
            ("password", "another-long-password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn backup_of_a_live_database_restores() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let copy = tmp.path().join("copy.db");
    let mut cmd = serve_cmd(tmp.path(), &data);
    cmd.arg("--demo");
    let mut server = Server::start(cmd);
    server.wait_for_line(DEMO_EMAIL);
    // The server is in use while the backup runs.
    let (c, _) = login(&server, DEMO_EMAIL, DEMO_PASSWORD).await;

    let backup = |file: &std::path::Path| {
        let mut cmd = tremplin(tmp.path());
        cmd.arg("backup").arg(file).arg("--data-dir").arg(&data);
        run(cmd)
    };
    let out = backup(&copy);
    assert!(out.status.success(), "{out:?}");
    assert!(out.stdout.contains("copy.db"), "{out:?}");
    assert!(copy.is_file());
    let size = std::fs::metadata(&copy).unwrap().len();
    // Personal data: the data folder, the database and the backup are their owner's only.
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&data), 0o700, "data folder");
        assert_eq!(mode(&data.join("tremplin.db")), 0o600, "database");
        assert_eq!(mode(&copy), 0o600, "backup");
    }

    // Never overwrites.
    let out = backup(&copy);
    assert!(!out.status.success(), "{out:?}");
    assert!(out.stderr.contains("already exists"), "{out:?}");
    assert_eq!(std::fs::metadata(&copy).unwrap().len(), size);

    // The live server is unaffected.
    let res = c.get(server.get("/espace")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    server.stop();

    // Restore: a new data directory with only the copy.
    let restored = tmp.path().join("restored");
    std::fs::create_dir(&restored).unwrap();
    std::fs::rename(&copy, restored.join("tremplin.db")).unwrap();
    let mut server = Server::start(serve_cmd(tmp.path(), &restored));
    server.wait_for_line("/connexion");
    assert!(
        !server.stdout().contains("/installation/"),
        "the accounts came with the backup: {}",
        server.stdout()
    );
    let (_, page) = login(&server, DEMO_EMAIL, DEMO_PASSWORD).await;
    assert!(page.contains("Bonjour, Camille Lefebvre"), "{page}");
    server.stop();

    let Some(pg) = pg_url() else {
        println!("skipped: TREMPLIN_TEST_PG_URL not set");
        return;
    };
    let db = PgTempDb::create(&pg);
    let target = tmp.path().join("pg.db");
    let mut cmd = tremplin(tmp.path());
    cmd.arg("backup")
        .arg(&target)
        .arg("--database-url")
        .arg(&db.url);
    let out = run(cmd);
    assert!(!out.status.success(), "{out:?}");
    assert!(out.stderr.contains("pg_dump"), "{out:?}");
    assert_eq!(out.stderr.lines().count(), 1, "{out:?}");
    assert!(!target.exists());
}
