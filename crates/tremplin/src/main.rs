//! The `tremplin` binary: configuration, start-up and subcommands. Kept thin: the work is done
//! by the store and web crates.

mod catalogue;
mod config;
mod matchmaking;

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::Parser;
use tokio::net::TcpListener;
use tremplin_store::{ConnectOptions, Db, seed};
use tremplin_web::{AppState, WebConfig, build_app};

use config::{AdminCmd, CatalogueCmd, Cli, Command, Config};

fn main() -> std::process::ExitCode {
    // Everything Tremplin writes (data folder, database, backups, outbox mails) holds personal
    // data: readable by its owner only.
    #[cfg(unix)]
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
    let cli = Cli::parse();
    config::init_tracing(&cli.config);
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("tremplin: cannot start the async runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match rt.block_on(run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            // One clear line (with its causes), no backtrace: this is for operators.
            eprintln!("tremplin: error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<()> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(&cli.config).await,
        Command::Backup { file } => backup(&cli.config, &file).await,
        Command::Migrate => {
            open_db(&cli.config).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::Admin(AdminCmd::Create { email, name }) => {
            admin_create(&cli.config, &email, &name).await
        }
        Command::Catalogue(CatalogueCmd::Check { dir }) => catalogue::check(&dir),
        Command::Matchmaking(cmd) => matchmaking::run(cmd),
        Command::Demo {
            scale,
            seed,
            accompaniments,
        } => demo(&cli.config, scale, seed, accompaniments).await,
        Command::Catalogue(CatalogueCmd::Export { dir }) => {
            let db = open_db(&cli.config).await?;
            let n = catalogue::export(&db, &dir).await?;
            println!(
                "{n} scheme files written to {}",
                dir.join("schemes").display()
            );
            Ok(())
        }
    }
}

/// Parses the URL, prepares the data directory, connects and migrates. Nothing is created on
/// disk before the URL has been parsed; a failing migration leaves the database as it was.
async fn open_db(cfg: &Config) -> Result<Db> {
    let url = cfg.database_url();
    let opts = ConnectOptions::parse(&url).with_context(|| {
        format!(
            "the database URL {} is not usable",
            config::redact_url(&url)
        )
    })?;
    if let Some(file) = opts.sqlite_file() {
        let dir = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if cfg.database_url.is_none() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create the data directory {}", dir.display()))?;
            owner_only(dir)?;
        } else if !dir.is_dir() {
            bail!(
                "the directory {} of the SQLite database does not exist; create it or fix --database-url",
                dir.display()
            );
        }
        check_writable(dir)?;
    }
    let db = Db::connect(opts).await.with_context(|| {
        format!(
            "cannot connect to the database {}",
            config::redact_url(&url)
        )
    })?;
    db.migrate().await.context(
        "the database schema could not be brought up to date; the database was left as it was",
    )?;
    Ok(db)
}

/// A data folder created before (or by hand) is made readable by its owner only.
fn owner_only(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .with_context(|| format!("cannot restrict the data directory {}", dir.display()))?;
    }
    Ok(())
}

fn check_writable(dir: &Path) -> Result<()> {
    let probe = dir.join(format!(".tremplin-write-test-{}", std::process::id()));
    std::fs::File::create(&probe)
        .and_then(|mut f| f.write_all(b"ok"))
        .with_context(|| format!("the data directory {} is not writable", dir.display()))?;
    let _ = std::fs::remove_file(probe);
    Ok(())
}

/// The partners, the shipped catalogue and the default routing rules, when missing.
async fn seed_reference(db: &Db) -> Result<()> {
    seed::partners(db)
        .await
        .context("cannot load the partner organisations")?;
    tremplin_web::catalogue::seed_if_empty(db)
        .await
        .context("cannot load the shipped scheme catalogue")?;
    tremplin_store::routing::seed_default_rules(db)
        .await
        .context("cannot load the default routing rules")?;
    Ok(())
}

/// The fictional demo team, into a database with no account yet (false otherwise).
async fn load_demo_team(db: &Db) -> Result<bool> {
    let hash = tremplin_web::auth::hash_password(seed::DEMO_PASSWORD.to_string())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    seed::demo_team(db, &hash)
        .await
        .context("cannot load the demo team")
}

/// Loads what `serve --demo` loads, then generates `scale` companies and their history.
async fn demo(cfg: &Config, scale: usize, seed: u64, accompaniments: usize) -> Result<()> {
    if scale == 0 || scale > 5_000_000 {
        anyhow::bail!("--scale: give a number of companies between 1 and 5000000");
    }
    if !(1..=20).contains(&accompaniments) {
        anyhow::bail!("--accompaniments: give a number per company between 1 and 20");
    }
    let db = open_db(cfg).await?;
    seed_reference(&db).await?;
    load_demo_team(&db).await?;
    let started = Instant::now();
    let r = tremplin_store::scale::generate_with(
        &db,
        scale,
        seed,
        tremplin_store::now(),
        accompaniments,
    )
    .await
    .context("generation failed")?;
    println!(
        "{} companies, {} requests, {} accompaniments, {} notes generated in {:.1} s",
        r.companies,
        r.requests,
        r.accompaniments,
        r.interactions,
        started.elapsed().as_secs_f64()
    );
    db.close().await;
    Ok(())
}

async fn serve(cfg: &Config) -> Result<()> {
    let started = Instant::now();
    let db = open_db(cfg).await?;
    if cfg.database_url.is_some() {
        std::fs::create_dir_all(&cfg.data_dir).with_context(|| {
            format!(
                "cannot create the data directory {}",
                cfg.data_dir.display()
            )
        })?;
        owner_only(&cfg.data_dir)?;
        check_writable(&cfg.data_dir)?;
    }
    // Reference data is parsed once, now, rather than on the first request that needs it.
    let r = tremplin_domain::refdata::refdata();
    tracing::debug!(
        countries = r.country_count(),
        communes = r.commune_count(),
        "reference data loaded"
    );
    seed_reference(&db).await?;
    let demo_loaded = if cfg.demo {
        load_demo_team(&db).await?
    } else {
        false
    };

    let listener = TcpListener::bind(&cfg.bind).await.with_context(|| {
        format!(
            "cannot listen on {} (is another program using it?)",
            cfg.bind
        )
    })?;
    let addr = listener.local_addr()?;
    let local_url = if addr.ip().is_unspecified() {
        format!("http://localhost:{}", addr.port())
    } else {
        format!("http://{addr}")
    };
    let web = WebConfig {
        public_url: cfg.public_url.clone().unwrap_or_else(|| local_url.clone()),
        proxy_hops: if cfg.trust_proxy { cfg.proxy_hops } else { 0 },
        max_body_bytes: cfg.max_body_kib * 1024,
        request_timeout_secs: cfg.request_timeout_secs,
        public_per_address_per_hour: cfg.public_per_address_per_hour,
        public_per_mailbox_per_hour: cfg.public_per_mailbox_per_hour,
        mail: mail_config(cfg),
        followup: followup_config(cfg)?,
        chromium: cfg.chromium.clone(),
        ..WebConfig::default()
    };
    web.mail
        .validate()
        .map_err(|e| anyhow::anyhow!("mail configuration: {e}"))?;
    let state = AppState::new(db.clone(), web);
    state
        .reload_catalogue()
        .await
        .context("cannot compile the scheme catalogue")?;
    let setup_link = tremplin_web::auth::setup_link_if_empty(&state).await?;

    let mut out = String::new();
    out.push_str(&format!(
        "Tremplin {} — {local_url}/  (prêt en {} ms, base {})\n",
        env!("CARGO_PKG_VERSION"),
        started.elapsed().as_millis(),
        match db.backend() {
            tremplin_store::Backend::Sqlite => "SQLite",
            tremplin_store::Backend::Postgres => "PostgreSQL",
        }
    ));
    if let Some(link) = setup_link {
        out.push_str(&format!(
            "Aucun compte encore. Créez le premier administrateur avec ce lien (valable 24 h) :\n  {link}\n\
             ou : tremplin admin create --email … --name …\n"
        ));
    } else if cfg.demo {
        out.push_str(&format!(
            "Équipe de démonstration{} — mot de passe de tous les comptes : {}\n",
            if demo_loaded {
                " chargée"
            } else {
                " (déjà présente)"
            },
            seed::DEMO_PASSWORD
        ));
        for (email, name, slug, _, role) in seed::DEMO_USERS {
            out.push_str(&format!(
                "  {email:<42} {name} — {slug}, {}\n",
                role.as_str()
            ));
        }
    } else {
        out.push_str(&format!("Connexion : {local_url}/connexion\n"));
    }
    print!("{out}");
    let _ = std::io::stdout().flush();

    tokio::spawn(housekeeping(db.clone(), cfg.contact_retention_years));
    tokio::spawn(catalogue_watch(state.clone()));
    tokio::spawn(followup_jobs(state.clone()));
    tokio::spawn(mail_sender(state.clone()));
    tokio::spawn(kpi_warmer(state.clone()));
    let app = build_app(state.clone());
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown(state))
    .await
    .context("the server stopped with an error")?;
    db.close().await;
    Ok(())
}

/// Hourly clean-up: expired sessions, old login failures, contacts past their retention.
async fn housekeeping(db: Db, retention_years: i64) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        tick.tick().await;
        if let Err(e) = tremplin_store::sessions::delete_expired(&db).await {
            tracing::warn!(error = %e, "session clean-up failed");
        }
        let cutoff = tremplin_store::now() - chrono::Duration::days(1);
        if let Err(e) = tremplin_store::users::purge_login_failures(&db, cutoff).await {
            tracing::warn!(error = %e, "login-failure clean-up failed");
        }
        // Unconfirmed CSV imports keep a copy of the file: a day is enough.
        if let Err(e) = tremplin_store::imports::purge(&db, cutoff).await {
            tracing::warn!(error = %e, "import clean-up failed");
        }
        // GDPR retention: contacts without activity for the configured period.
        match tremplin_store::contacts::anonymise_inactive(&db, retention_years.max(1)).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(contacts = n, "inactive contacts anonymised"),
            Err(e) => tracing::warn!(error = %e, "contact retention job failed"),
        }
    }
}

fn mail_config(cfg: &Config) -> tremplin_web::MailConfig {
    use tremplin_web::{MailConfig, Transport};
    MailConfig {
        transport: match &cfg.smtp_url {
            Some(url) if !url.trim().is_empty() => Transport::Smtp { url: url.clone() },
            _ => Transport::Folder {
                dir: cfg.data_dir.join("outbox"),
            },
        },
        from: cfg.mail_from.clone(),
    }
}

fn followup_config(cfg: &Config) -> Result<tremplin_web::FollowupConfig> {
    let mut days = cfg.reminder_days.clone();
    if days.is_empty() || days.iter().any(|d| *d < 1 || *d > 365) {
        anyhow::bail!(
            "--reminder-days: give increasing day counts between 1 and 365, e.g. 9,21,45"
        );
    }
    days.sort_unstable();
    days.dedup();
    if !(0..=365).contains(&cfg.survey_after_days) {
        anyhow::bail!("--survey-after-days: give a number of days between 0 and 365");
    }
    Ok(tremplin_web::FollowupConfig {
        reminder_days: days,
        survey_after_days: cfg.survey_after_days,
        ..Default::default()
    })
}

/// Hourly: escalations, the chasing ladder, Monday digests, surveys (idempotent, see `jobs`).
async fn followup_jobs(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        tick.tick().await;
        match tremplin_web::jobs::run(&state, tremplin_store::now()).await {
            Ok(r) => tracing::info!(?r, "follow-up jobs ran"),
            Err(e) => tracing::warn!(error = %e, "follow-up jobs failed"),
        }
    }
}

/// Every 20 s, delivers the mails that are due; failures are retried later (see `mailer`).
async fn mail_sender(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(20));
    loop {
        tick.tick().await;
        if let Err(e) =
            tremplin_web::mail::delivery::deliver_due(state.db(), &state.config().mail).await
        {
            tracing::warn!(error = %e, "mail delivery round failed");
        }
    }
}

/// Every 15 s, recounts this year's figures if the data changed, so that dashboards rarely wait.
async fn kpi_warmer(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(15));
    loop {
        tick.tick().await;
        if let Err(e) = tremplin_web::steering::warm(&state).await {
            tracing::warn!(error = ?e, "recounting the dashboard figures failed");
        }
    }
}

/// Every 30 s, picks up catalogue versions published by another app server.
async fn catalogue_watch(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(30));
    tick.tick().await;
    loop {
        tick.tick().await;
        match state.refresh_catalogue_if_changed().await {
            Ok(true) => tracing::info!("catalogue reloaded (published elsewhere)"),
            Ok(false) => {}
            Err(e) => tracing::warn!(error = %e, "catalogue refresh failed"),
        }
    }
}

async fn shutdown(state: AppState) {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    state.set_ready(false);
    tracing::info!("shutting down");
}

async fn backup(cfg: &Config, file: &Path) -> Result<()> {
    let db = open_db(cfg).await?;
    db.backup_to(file).await.context("backup failed")?;
    println!("backup written to {}", file.display());
    Ok(())
}

async fn admin_create(cfg: &Config, email: &str, name: &str) -> Result<()> {
    let email = tremplin_domain::contact::Email::parse(email)
        .map_err(|_| anyhow::anyhow!("invalid e-mail address: {email}"))?;
    let name = name.trim();
    if name.is_empty() {
        bail!("--name must not be empty");
    }
    let password = match std::env::var("TREMPLIN_ADMIN_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            eprint!("Mot de passe (12 caractères au moins) : ");
            let _ = std::io::stderr().flush();
            let mut line = String::new();
            std::io::stdin().read_line(&mut line)?;
            line.trim_end_matches(['\n', '\r']).to_string()
        }
    };
    if password.chars().count() < tremplin_web::auth::MIN_PASSWORD_LEN {
        bail!(
            "the password must have at least {} characters",
            tremplin_web::auth::MIN_PASSWORD_LEN
        );
    }
    let db = open_db(cfg).await?;
    seed::partners(&db).await?;
    let region = tremplin_store::orgs::pilot(&db)
        .await?
        .map(|o| o.id)
        .context("the pilot organisation is missing")?;
    let hash = tremplin_web::auth::hash_password(password)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let id = tremplin_store::users::create(
        &db,
        &tremplin_store::audit::Actor::system("cli"),
        &tremplin_store::users::NewUser {
            email: email.as_str(),
            display_name: name,
            password_hash: Some(&hash),
            memberships: &[tremplin_store::users::NewMembership {
                organisation_id: region,
                branch_id: None,
                role: tremplin_domain::policy::Role::Admin,
            }],
        },
    )
    .await
    .map_err(|e| match e {
        tremplin_store::StoreError::Conflict(_) => {
            anyhow::anyhow!("an account already exists with {email}")
        }
        other => other.into(),
    })?;
    println!("administrator {email} created ({id})");
    Ok(())
}
