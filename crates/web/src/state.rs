//! The application state every handler gets: the database, the configuration, the live
//! catalogue, the login limiter, readiness, and a typed slot per feature for what a feature
//! keeps in memory (e.g. steering's year figures), so that this file knows no feature.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use tremplin_domain::catalogue::Catalogue;
use tremplin_domain::catalogue::Weights;
use tremplin_domain::catalogue::search::SearchIndex;
use tremplin_store::Db;

/// Settings of the web layer (a slice of the binary's configuration).
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The public base URL (e.g. `https://tremplin.example.org`), used in links sent to people
    /// and to mark cookies `Secure` when it is HTTPS.
    pub public_url: String,
    /// How many reverse proxies you run in front of Tremplin, each appending the address it
    /// received from to `X-Forwarded-For`; 0: the socket's peer is the client.
    pub proxy_hops: usize,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Time after which a request is answered 408.
    pub request_timeout_secs: u64,
    /// Failed logins per account within 15 minutes before the account is locked for that time.
    pub login_max_failures: i64,
    /// Login attempts allowed per client address per minute.
    pub login_per_ip_per_minute: u32,
    /// Uses of each public form (call-back, event registration) per client address per hour.
    pub public_per_address_per_hour: u32,
    /// Uses of each public form per e-mail address it would write to, per hour.
    pub public_per_mailbox_per_hour: u32,
    pub mail: MailConfig,
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
            proxy_hops: 0,
            max_body_bytes: 512 * 1024,
            request_timeout_secs: 30,
            login_max_failures: 5,
            login_per_ip_per_minute: 20,
            public_per_address_per_hour: 10,
            public_per_mailbox_per_hour: 5,
            mail: MailConfig::default(),
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
    catalogue: std::sync::RwLock<Shared>,
    login_ip_limiter: DefaultKeyedRateLimiter<IpAddr>,
    /// Public forms: `door:address` and `door:mailbox` keys.
    public_address_limiter: DefaultKeyedRateLimiter<String>,
    public_mailbox_limiter: DefaultKeyedRateLimiter<String>,
    ready: AtomicBool,
    /// When the database last answered a health check (ms since the Unix epoch).
    last_db_ok_ms: std::sync::atomic::AtomicU64,
    /// One value per type, for the features (see [`AppState::feature_state`]).
    features: std::sync::Mutex<axum::http::Extensions>,
}

/// Shared application state: cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

impl AppState {
    pub fn new(db: Db, config: WebConfig) -> Self {
        let n = |v: u32| NonZeroU32::new(v.max(1)).unwrap_or(NonZeroU32::MIN);
        AppState(Arc::new(Inner {
            db,
            login_ip_limiter: RateLimiter::keyed(Quota::per_minute(n(
                config.login_per_ip_per_minute
            ))),
            public_address_limiter: RateLimiter::keyed(Quota::per_hour(n(
                config.public_per_address_per_hour
            ))),
            public_mailbox_limiter: RateLimiter::keyed(Quota::per_hour(n(
                config.public_per_mailbox_per_hour
            ))),
            catalogue: std::sync::RwLock::new(Arc::default()),
            config,
            ready: AtomicBool::new(true),
            last_db_ok_ms: std::sync::atomic::AtomicU64::new(0),
            features: std::sync::Mutex::new(axum::http::Extensions::new()),
        }))
    }

    pub fn config(&self) -> &WebConfig {
        &self.0.config
    }

    pub fn login_ip_limiter(&self) -> &DefaultKeyedRateLimiter<IpAddr> {
        &self.0.login_ip_limiter
    }

    pub fn public_limiters(
        &self,
    ) -> (
        &DefaultKeyedRateLimiter<String>,
        &DefaultKeyedRateLimiter<String>,
    ) {
        (
            &self.0.public_address_limiter,
            &self.0.public_mailbox_limiter,
        )
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
    pub fn db(&self) -> &Db {
        &self.0.db
    }

    /// The live catalogue (cheap: an `Arc` clone under a short read lock).
    pub fn catalogue(&self) -> Shared {
        match self.0.catalogue.read() {
            Ok(g) => g.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }

    /// Replaces the live catalogue (see `catalogue::reload_catalogue`).
    pub fn set_catalogue(&self, live: Live) {
        let live = Arc::new(live);
        match self.0.catalogue.write() {
            Ok(mut g) => *g = live,
            Err(p) => *p.into_inner() = live,
        }
    }

    /// What a feature keeps in memory for the life of the process, one value per type,
    /// created on first use. `T` is cheap to clone (an `Arc` inside).
    pub fn feature_state<T: Default + Clone + Send + Sync + 'static>(&self) -> T {
        let mut map = match self.0.features.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        if let Some(v) = map.get::<T>() {
            return v.clone();
        }
        let v = T::default();
        map.insert(v.clone());
        v
    }
}

/// The compiled, published catalogue with its weights and search index.
#[derive(Debug, Default)]
pub struct Live {
    pub catalogue: Catalogue,
    pub weights: Weights,
    pub index: SearchIndex,
    /// The database fingerprint this was compiled from (see `refresh_catalogue_if_changed`).
    pub fingerprint: String,
}

pub type Shared = Arc<Live>;

/// Where mail goes.
#[derive(Debug, Clone)]
pub enum Transport {
    Smtp { url: String },
    Folder { dir: PathBuf },
}

#[derive(Debug, Clone)]
pub struct MailConfig {
    pub transport: Transport,
    /// The sender, e.g. `Tremplin <ne-pas-repondre@tremplin.example>`.
    pub from: String,
}

impl Default for MailConfig {
    fn default() -> Self {
        MailConfig {
            transport: Transport::Folder {
                dir: PathBuf::from("outbox"),
            },
            from: "Tremplin <ne-pas-repondre@tremplin.invalid>".into(),
        }
    }
}
