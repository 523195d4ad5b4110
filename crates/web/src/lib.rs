//! HTTP edge of Tremplin: routers per feature, the page context, errors, security layers.
//! `build_app` returns the whole router so tests can serve it on port 0.

pub mod admin;
pub mod api;
pub mod api_followup;
pub mod api_referrals;
pub mod assets;
pub mod auth;
pub mod catalogue;
pub mod companies;
pub mod ctx;
pub mod error;
pub mod event_day;
pub mod event_docs;
pub mod events;
pub mod export;
pub mod i18n;
pub mod import;
pub mod inbox;
pub mod jobs;
pub mod mail_pages;
pub mod mailer;
pub mod mails;
pub mod orient_pages;
pub mod orientation;
pub mod pages;
pub mod referrals;
pub mod review;
pub mod routing_pages;
pub mod scheme_edit;
pub mod schemes;
pub mod security;
pub mod session;
pub mod steering;
pub mod surveys;
pub mod tpl;

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::Router;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use tremplin_store::Db;

/// Settings of the web layer (a slice of the binary's configuration).
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The public base URL (e.g. `https://tremplin.example.org`), used in links sent to people
    /// and to mark cookies `Secure` when it is HTTPS.
    pub public_url: String,
    /// Trust `X-Forwarded-For` for the client address (only behind a reverse proxy you run).
    pub trust_proxy: bool,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Time after which a request is answered 408.
    pub request_timeout_secs: u64,
    /// Failed logins per account within 15 minutes before the account is locked for that time.
    pub login_max_failures: i64,
    /// Login attempts allowed per client address per minute.
    pub login_per_ip_per_minute: u32,
    pub mail: mailer::MailConfig,
    pub followup: FollowupConfig,
    /// The headless browser that prints PDFs (the monthly review); `None`: look for `chromium`,
    /// `chromium-browser` or `google-chrome` on the PATH.
    pub chromium: Option<std::path::PathBuf>,
}

/// The follow-up's clocks.
#[derive(Debug, Clone)]
pub struct FollowupConfig {
    /// Days without taking charge after which each step of the chasing ladder is sent.
    pub reminder_days: Vec<i64>,
    /// Days after a match is closed "done" before the satisfaction survey goes out.
    pub survey_after_days: i64,
    /// Default response deadline of a referral, in working days.
    pub referral_working_days: u32,
}

impl Default for FollowupConfig {
    fn default() -> Self {
        FollowupConfig {
            reminder_days: vec![9, 21, 45],
            survey_after_days: 10,
            referral_working_days: 5,
        }
    }
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            public_url: "http://127.0.0.1:8080".into(),
            trust_proxy: false,
            max_body_bytes: 512 * 1024,
            request_timeout_secs: 30,
            login_max_failures: 5,
            login_per_ip_per_minute: 20,
            mail: mailer::MailConfig::default(),
            followup: FollowupConfig::default(),
            chromium: None,
        }
    }
}

impl WebConfig {
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

struct Inner {
    db: Db,
    config: WebConfig,
    catalogue: std::sync::RwLock<catalogue::Shared>,
    login_ip_limiter: DefaultKeyedRateLimiter<IpAddr>,
    ready: AtomicBool,
    /// When the database last answered a health check (ms since the Unix epoch).
    last_db_ok_ms: std::sync::atomic::AtomicU64,
    /// Figures of the count of companies accompanied, per year (see `steering::year_views`).
    kpi_cache: std::sync::Mutex<steering::KpiCache>,
    /// Held while recounting, so that concurrent views recount once.
    kpi_recount: tokio::sync::Mutex<()>,
}

/// A partner's name in a language, from a list already read ("" if unknown).
pub(crate) fn org_name(
    orgs: &[tremplin_store::orgs::Organisation],
    id: uuid::Uuid,
    lang: &str,
) -> String {
    orgs.iter()
        .find(|o| o.id == id)
        .map(|o| o.name(lang).to_string())
        .unwrap_or_default()
}

/// Shared application state: cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

impl AppState {
    pub fn new(db: Db, config: WebConfig) -> Self {
        let per_minute =
            NonZeroU32::new(config.login_per_ip_per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
        AppState(Arc::new(Inner {
            db,
            login_ip_limiter: RateLimiter::keyed(Quota::per_minute(per_minute)),
            catalogue: std::sync::RwLock::new(Arc::default()),
            config,
            ready: AtomicBool::new(true),
            last_db_ok_ms: std::sync::atomic::AtomicU64::new(0),
            kpi_cache: std::sync::Mutex::new(steering::KpiCache::default()),
            kpi_recount: tokio::sync::Mutex::new(()),
        }))
    }

    pub fn config(&self) -> &WebConfig {
        &self.0.config
    }

    pub fn login_ip_limiter(&self) -> &DefaultKeyedRateLimiter<IpAddr> {
        &self.0.login_ip_limiter
    }

    /// `/readyz` answers 503 once shutdown has begun, so a load balancer drains this instance.
    pub fn set_ready(&self, ready: bool) {
        self.0.ready.store(ready, Ordering::Relaxed);
    }

    pub fn is_ready(&self) -> bool {
        self.0.ready.load(Ordering::Relaxed)
    }

    /// Database reachability for health checks. A successful round trip is trusted for
    /// 100 ms, so a load balancer probing thousands of times a second does not queue behind
    /// real queries for pool connections; a closed pool is seen at once.
    pub async fn database_healthy(&self) -> Result<(), tremplin_store::StoreError> {
        const TRUST_MS: u64 = 100;
        if self.0.db.is_closed() {
            return Err(tremplin_store::StoreError::Unreachable(
                "pool closed".into(),
            ));
        }
        let now_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0);
        if now_ms.saturating_sub(self.0.last_db_ok_ms.load(Ordering::Relaxed)) < TRUST_MS {
            return Ok(());
        }
        self.0.db.ping().await?;
        self.0.last_db_ok_ms.store(now_ms, Ordering::Relaxed);
        Ok(())
    }
}

impl AppState {
    /// Reloads the catalogue if another app server published a version since (several
    /// instances on one PostgreSQL each keep the compiled catalogue in memory).
    pub async fn refresh_catalogue_if_changed(&self) -> anyhow::Result<bool> {
        let now = tremplin_store::catalogue::fingerprint(&self.0.db).await?;
        if now == self.catalogue().fingerprint {
            return Ok(false);
        }
        self.reload_catalogue().await?;
        Ok(true)
    }

    pub fn db(&self) -> &Db {
        &self.0.db
    }

    pub(crate) fn kpi_cache(&self) -> std::sync::MutexGuard<'_, steering::KpiCache> {
        match self.0.kpi_cache.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        }
    }

    pub(crate) fn kpi_recount(&self) -> &tokio::sync::Mutex<()> {
        &self.0.kpi_recount
    }

    /// The live catalogue (cheap: an `Arc` clone under a short read lock).
    pub fn catalogue(&self) -> catalogue::Shared {
        match self.0.catalogue.read() {
            Ok(g) => g.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }

    /// Recompiles the published catalogue from the database (at start-up and after a publish).
    pub async fn reload_catalogue(&self) -> anyhow::Result<()> {
        let fingerprint = tremplin_store::catalogue::fingerprint(&self.0.db).await?;
        let mut live = catalogue::load_live(&self.0.db).await?;
        live.fingerprint = fingerprint;
        let live = Arc::new(live);
        match self.0.catalogue.write() {
            Ok(mut g) => *g = live,
            Err(p) => *p.into_inner() = live,
        }
        Ok(())
    }
}

/// The whole application. Feature routers are merged here, then the security layers are
/// applied once, after every route, so that no route escapes them.
pub fn build_app(state: AppState) -> Router {
    i18n::init();
    let routes = Router::new()
        .merge(pages::router())
        .merge(auth::router())
        .merge(admin::router())
        .merge(schemes::router())
        .merge(orient_pages::router())
        .merge(scheme_edit::router())
        .merge(import::router())
        .merge(companies::router())
        .merge(inbox::router())
        .merge(referrals::router())
        .merge(surveys::router())
        .merge(mail_pages::router())
        .merge(steering::router())
        .merge(review::router())
        .merge(routing_pages::router())
        .merge(events::router())
        .merge(event_day::router())
        .merge(event_docs::router())
        .merge(api::router())
        .merge(assets::router())
        .fallback(pages::not_found);
    security::apply(routes, state)
}
