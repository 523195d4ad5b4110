//! Persistence of Tremplin. One [`Db`] holds either a SQLite or a PostgreSQL pool, chosen by the
//! database URL; repositories are written once with [`on_db!`], which expands the same sqlx code
//! into one arm per backend so each arm type-checks against its own driver (sqlx's `Any` driver
//! cannot carry uuid, bool or timestamps, see docs in CONTRIBUTING.md). SQL lives here only.

pub mod access;
pub mod accompaniments;
pub mod audit;
pub mod catalogue;
pub mod companies;
pub mod contacts;
pub mod events;
pub mod imports;
pub mod kpi;
pub mod mail;
pub mod orgs;
pub mod referrals;
pub mod review;
pub mod routing;
pub mod scale;
pub mod seed;
pub mod sessions;
pub mod surveys;
#[cfg(feature = "testing")]
pub mod testing;
pub mod users;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};

/// Runs the same expression against whichever pool `$db` holds.
/// `on_db!(db, pool => sqlx::query("…").execute(pool).await)`
#[macro_export]
macro_rules! on_db {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::Db::Sqlite($pool) => $body,
            $crate::Db::Postgres($pool) => $body,
        }
    };
}

static SQLITE_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("unsupported database URL: expected sqlite://… or postgres://…")]
    UnsupportedUrl,
    #[error("invalid database URL: {0}")]
    InvalidUrl(String),
    #[error("database unreachable: {0}")]
    Unreachable(String),
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("backup: {0}")]
    Backup(String),
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
}

impl StoreError {
    /// True when a unique constraint refused the write.
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, StoreError::Sqlx(sqlx::Error::Database(e)) if e.is_unique_violation())
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Which engine a URL points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Result<Self> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(StoreError::UnsupportedUrl)
        }
    }
}

#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Connection options checked before anything is created on disk.
pub enum ConnectOptions {
    Sqlite(SqliteConnectOptions),
    Postgres(PgConnectOptions),
}

impl ConnectOptions {
    /// Parses a database URL without touching the disk or the network.
    pub fn parse(url: &str) -> Result<Self> {
        match Backend::from_url(url)? {
            Backend::Sqlite => {
                let opts = SqliteConnectOptions::from_str(url)
                    .map_err(|e| StoreError::InvalidUrl(e.to_string()))?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(5));
                Ok(ConnectOptions::Sqlite(opts))
            }
            Backend::Postgres => {
                let opts = PgConnectOptions::from_str(url)
                    .map_err(|e| StoreError::InvalidUrl(e.to_string()))?;
                Ok(ConnectOptions::Postgres(opts))
            }
        }
    }

    /// The SQLite file this URL designates, if any (None for PostgreSQL and in-memory).
    pub fn sqlite_file(&self) -> Option<&Path> {
        match self {
            ConnectOptions::Sqlite(o) => {
                let p = o.get_filename();
                (p != Path::new(":memory:") && !p.as_os_str().is_empty()).then_some(p)
            }
            ConnectOptions::Postgres(_) => None,
        }
    }
}

impl Db {
    /// Opens the pool. Fails fast (5 s) when the server is unreachable.
    pub async fn connect(opts: ConnectOptions) -> Result<Self> {
        match opts {
            ConnectOptions::Sqlite(o) => {
                let pool = SqlitePoolOptions::new()
                    .max_connections(8)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(o)
                    .await
                    .map_err(|e| StoreError::Unreachable(e.to_string()))?;
                Ok(Db::Sqlite(pool))
            }
            ConnectOptions::Postgres(o) => {
                // One direct attempt first: the pool would retry until its timeout and report
                // only "timed out", hiding the real cause (refused, bad password, no database).
                use sqlx::Connection;
                let probe = tokio::time::timeout(
                    Duration::from_secs(5),
                    sqlx::postgres::PgConnection::connect_with(&o),
                )
                .await
                .map_err(|_| StoreError::Unreachable("no answer within 5 s".into()))?
                .map_err(|e| StoreError::Unreachable(e.to_string()))?;
                let _ = probe.close().await;
                let pool = PgPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(5))
                    .connect_with(o)
                    .await
                    .map_err(|e| StoreError::Unreachable(e.to_string()))?;
                Ok(Db::Postgres(pool))
            }
        }
    }

    pub async fn connect_url(url: &str) -> Result<Self> {
        Self::connect(ConnectOptions::parse(url)?).await
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies pending migrations. Each migration runs in its own transaction, so a failing one
    /// leaves the database as it was before it.
    pub async fn migrate(&self) -> Result<()> {
        match self {
            Db::Sqlite(p) => {
                SQLITE_MIGRATOR.run(p).await?;
                // Statistics for indexes a migration just created (a plan without them can be
                // quadratic at volume); cheap when nothing needs analysing.
                sqlx::query("PRAGMA optimize=0x10002").execute(p).await?;
            }
            Db::Postgres(p) => POSTGRES_MIGRATOR.run(p).await?,
        }
        Ok(())
    }

    /// The migrations compiled into this binary for a backend: (version, description).
    pub fn migrations(backend: Backend) -> Vec<(i64, String)> {
        let m = match backend {
            Backend::Sqlite => &SQLITE_MIGRATOR,
            Backend::Postgres => &POSTGRES_MIGRATOR,
        };
        m.iter()
            .map(|m| (m.version, m.description.to_string()))
            .collect()
    }

    /// True once the pool has been closed (shutdown).
    pub fn is_closed(&self) -> bool {
        on_db!(self, p => p.is_closed())
    }

    /// A cheap round trip, for `/healthz`.
    pub async fn ping(&self) -> Result<()> {
        on_db!(self, p => sqlx::query("SELECT 1").execute(p).await.map(|_| ()))?;
        Ok(())
    }

    /// Consistent copy of a live SQLite database (`VACUUM INTO`), safe while the server runs.
    /// PostgreSQL is backed up with `pg_dump` (see README).
    pub async fn backup_to(&self, target: &Path) -> Result<()> {
        match self {
            Db::Sqlite(p) => {
                if target.exists() {
                    return Err(StoreError::Backup(format!(
                        "{} already exists; choose a new file name",
                        target.display()
                    )));
                }
                let path = target
                    .to_str()
                    .ok_or_else(|| StoreError::Backup("the path is not valid UTF-8".into()))?;
                sqlx::query("VACUUM INTO $1").bind(path).execute(p).await?;
                Ok(())
            }
            Db::Postgres(_) => Err(StoreError::Backup(
                "PostgreSQL databases are backed up with pg_dump (see README)".into(),
            )),
        }
    }

    pub async fn close(&self) {
        on_db!(self, p => p.close().await)
    }
}

/// Starts a transaction that will write. On SQLite it takes the write lock at once (`BEGIN
/// IMMEDIATE`): a deferred transaction that reads first and writes later fails with "database
/// is locked" (SQLITE_BUSY_SNAPSHOT, no retry possible) when another connection committed in
/// between; an immediate one waits for the lock (busy timeout) instead.
pub trait BeginWrite {
    type Database: sqlx::Database;
    fn begin_write(
        &self,
    ) -> impl std::future::Future<
        Output = Result<sqlx::Transaction<'static, Self::Database>, sqlx::Error>,
    > + Send;
}

impl BeginWrite for SqlitePool {
    type Database = sqlx::Sqlite;
    fn begin_write(
        &self,
    ) -> impl std::future::Future<
        Output = Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error>,
    > + Send {
        self.begin_with("BEGIN IMMEDIATE")
    }
}

impl BeginWrite for PgPool {
    type Database = sqlx::Postgres;
    fn begin_write(
        &self,
    ) -> impl std::future::Future<
        Output = Result<sqlx::Transaction<'static, sqlx::Postgres>, sqlx::Error>,
    > + Send {
        self.begin()
    }
}

/// A fresh v7 id (time-ordered).
pub fn new_id() -> uuid::Uuid {
    uuid::Uuid::now_v7()
}

pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}
