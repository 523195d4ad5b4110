//! Configuration: one typed struct; every setting is a flag and an environment variable, with
//! defaults that make `cargo run` work on a fresh machine (SQLite in ./data).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "tremplin",
    version,
    about = "Tremplin — the shared platform of a regional Team Export"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub config: Config,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the web server (the default).
    Serve,
    /// Write a consistent copy of the live SQLite database to FILE (PostgreSQL: use pg_dump).
    Backup { file: PathBuf },
    /// Apply the database migrations and exit.
    Migrate,
    /// Account administration.
    #[command(subcommand)]
    Admin(AdminCmd),
    /// The scheme catalogue.
    #[command(subcommand)]
    Catalogue(CatalogueCmd),
    /// Load the demo team, then generate fictional volumes: N companies, each with a contact, four
    /// requests, four accompaniments and sixteen notes over six years (benchmarks, demos).
    Demo {
        /// Number of companies to add (50000 gives 200,000 requests, 1,000,000 events).
        #[arg(long)]
        scale: usize,
        /// Seed of the generator (same seed, same data).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Accompaniments per company (1 to 20; 5 with --scale 200000 gives 1,000,000).
        #[arg(long, default_value_t = 4)]
        accompaniments: usize,
    },
    /// One-to-one meeting scheduling on JSON files (generate, solve, check).
    #[command(subcommand)]
    Matchmaking(crate::matchmaking::MatchmakingCmd),
}

#[derive(Subcommand, Debug)]
pub enum CatalogueCmd {
    /// Validate scheme files and run their examples; every problem as FILE:LINE: message.
    Check {
        /// The catalogue directory (with schemes/, taxonomies/ and weights.toml).
        #[arg(default_value = "catalogue")]
        dir: PathBuf,
    },
    /// Write the live (published) catalogue of the database as scheme files into DIR/schemes/,
    /// the format of the shipped files, so it can be reviewed and committed.
    Export { dir: PathBuf },
}

#[derive(Subcommand, Debug)]
pub enum AdminCmd {
    /// Create an administrator account. The password is read from TREMPLIN_ADMIN_PASSWORD or
    /// from standard input; it is never printed.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
}

#[derive(clap::Args, Clone)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(
        long,
        env = "TREMPLIN_BIND",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub bind: String,
    /// Directory for the data of this instance (the SQLite database by default).
    #[arg(long, env = "TREMPLIN_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,
    /// Database URL: sqlite://PATH or postgres://USER@HOST/DB. Default: SQLite in the data directory.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,
    /// Load the fictional demo team into an empty database.
    #[arg(long, env = "TREMPLIN_DEMO", global = true)]
    pub demo: bool,
    /// Public base URL (e.g. https://tremplin.example.org); HTTPS marks cookies Secure.
    #[arg(long, env = "TREMPLIN_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// Trust X-Forwarded-For from the reverse proxy for the client address.
    #[arg(long, env = "TREMPLIN_TRUST_PROXY", global = true)]
    pub trust_proxy: bool,
    /// With --trust-proxy: how many proxies of yours append to X-Forwarded-For (the client is
    /// the address the outermost one saw).
    #[arg(long, env = "TREMPLIN_PROXY_HOPS", global = true, default_value_t = 1)]
    pub proxy_hops: usize,
    /// Largest request body accepted, in KiB.
    #[arg(
        long,
        env = "TREMPLIN_MAX_BODY_KIB",
        default_value_t = 512,
        global = true
    )]
    pub max_body_kib: usize,
    /// Seconds before a request is answered 408.
    #[arg(
        long,
        env = "TREMPLIN_REQUEST_TIMEOUT",
        default_value_t = 30,
        global = true
    )]
    pub request_timeout_secs: u64,
    /// Uses of each public form (call-back, event registration) per client address per hour.
    #[arg(
        long,
        env = "TREMPLIN_PUBLIC_PER_ADDRESS_PER_HOUR",
        default_value_t = 10,
        global = true
    )]
    pub public_per_address_per_hour: u32,
    /// Uses of each public form per e-mail address it writes to, per hour.
    #[arg(
        long,
        env = "TREMPLIN_PUBLIC_PER_MAILBOX_PER_HOUR",
        default_value_t = 5,
        global = true
    )]
    pub public_per_mailbox_per_hour: u32,
    /// Contacts with no activity for this many years are anonymised by the daily job.
    #[arg(
        long,
        env = "TREMPLIN_CONTACT_RETENTION_YEARS",
        default_value_t = 3,
        global = true
    )]
    pub contact_retention_years: i64,
    /// SMTP server for outgoing mail: smtp://HOST:PORT, smtp://USER:PASS@HOST:587?tls=required
    /// (STARTTLS) or smtps://HOST:465. Without it, mails are written to DATA_DIR/outbox.
    #[arg(long, env = "TREMPLIN_SMTP_URL", global = true, hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// Sender of Tremplin's mails.
    #[arg(
        long,
        env = "TREMPLIN_MAIL_FROM",
        default_value = "Tremplin <ne-pas-repondre@tremplin.invalid>",
        global = true
    )]
    pub mail_from: String,
    /// The chasing ladder: days without taking charge after which a reminder goes out.
    #[arg(
        long,
        env = "TREMPLIN_REMINDER_DAYS",
        default_value = "9,21,45",
        value_delimiter = ',',
        global = true
    )]
    pub reminder_days: Vec<i64>,
    /// Days after a request is closed "done" before the satisfaction survey is sent.
    #[arg(
        long,
        env = "TREMPLIN_SURVEY_AFTER_DAYS",
        default_value_t = 10,
        global = true
    )]
    pub survey_after_days: i64,
    /// The headless Chromium that prints the monthly review as PDF (default: `chromium`,
    /// `chromium-browser` or `google-chrome` on the PATH; without one, the PDF link says so).
    #[arg(long, env = "TREMPLIN_CHROMIUM", global = true)]
    pub chromium: Option<std::path::PathBuf>,
    /// Log format: text or json.
    #[arg(
        long,
        env = "TREMPLIN_LOG_FORMAT",
        default_value = "text",
        global = true
    )]
    pub log_format: String,
}

/// Hand-written so that the database password never reaches a log.
impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("bind", &self.bind)
            .field("data_dir", &self.data_dir)
            .field(
                "database_url",
                &self.database_url.as_deref().map(redact_url),
            )
            .field("demo", &self.demo)
            .field("public_url", &self.public_url)
            .field("trust_proxy", &self.trust_proxy)
            .field("proxy_hops", &self.proxy_hops)
            .field("smtp_url", &self.smtp_url.as_deref().map(redact_url))
            .finish_non_exhaustive()
    }
}

impl Config {
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(u) => u.clone(),
            None => format!("sqlite://{}", self.data_dir.join("tremplin.db").display()),
        }
    }
}

/// Hides the password of a URL (`postgres://user:***@host/db`).
pub fn redact_url(url: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://")
        && let Some((userinfo, host)) = rest.rsplit_once('@')
        && let Some((user, _)) = userinfo.split_once(':')
    {
        return format!("{scheme}://{user}:***@{host}");
    }
    url.to_string()
}

pub fn init_tracing(cfg: &Config) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("RUST_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if cfg.log_format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact_url("postgres://app:s3cret@db.example:5432/tremplin"),
            "postgres://app:***@db.example:5432/tremplin"
        );
        assert_eq!(
            redact_url("sqlite://data/tremplin.db"),
            "sqlite://data/tremplin.db"
        );
    }
}
