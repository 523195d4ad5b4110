//! Test support shared by the test suites of every crate: a fresh, migrated database per test
//! on SQLite and (when `TREMPLIN_TEST_PG_URL` is set) on PostgreSQL, dropped afterwards.
//! Behind the `testing` feature: dependent crates' tests enable it, the production library
//! does not have it.

use std::future::Future;

use crate::Db;

pub const PG_ENV: &str = "TREMPLIN_TEST_PG_URL";

/// A migrated database that cleans itself up.
pub struct TestDb {
    pub db: Db,
    _dir: Option<tempfile::TempDir>,
    pg_drop: Option<(String, String)>,
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let db = Db::connect_url(&url).await.expect("sqlite connect");
        db.migrate().await.expect("migrate");
        TestDb {
            db,
            _dir: Some(dir),
            pg_drop: None,
        }
    }

    /// None (and a printed notice) when no PostgreSQL test URL is configured.
    pub async fn postgres() -> Option<TestDb> {
        let Ok(base) = std::env::var(PG_ENV) else {
            eprintln!("skipped on PostgreSQL: {PG_ENV} is not set");
            return None;
        };
        let name = format!("tremplin_t_{}", uuid::Uuid::new_v4().simple());
        let admin = Db::connect_url(&base)
            .await
            .expect("connect to the PostgreSQL test server");
        crate::on_db!(&admin, p => sqlx::query(&format!("CREATE DATABASE {name}")).execute(p).await.map(|_| ()))
            .expect("create test database");
        admin.close().await;
        let url = with_database(&base, &name);
        let db = Db::connect_url(&url).await.expect("pg connect");
        db.migrate().await.expect("migrate");
        Some(TestDb {
            db,
            _dir: None,
            pg_drop: Some((base, name)),
        })
    }

    pub async fn cleanup(self) {
        self.db.close().await;
        if let Some((base, name)) = self.pg_drop
            && let Ok(admin) = Db::connect_url(&base).await
        {
            let _ = crate::on_db!(&admin, p => sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(p).await.map(|_| ()));
            admin.close().await;
        }
    }
}

/// `postgres://u@h:p/db?x` with its database replaced by `name` (test suites create one
/// database per test on the server named by [`PG_ENV`]).
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let (scheme, rest) = base.split_once("://").unwrap_or(("postgres", base));
    let authority = rest.split('/').next().unwrap_or(rest);
    format!("{scheme}://{authority}/{name}{query}")
}

/// Runs `f` on a fresh database of one backend; drops the database even if `f` panics.
pub async fn run<F, Fut>(t: TestDb, f: F)
where
    F: FnOnce(Db) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let db = t.db.clone();
    let res = tokio::spawn(f(db)).await;
    t.cleanup().await;
    if let Err(e) = res {
        std::panic::resume_unwind(e.into_panic());
    }
}

/// Declares `sqlite` and `postgres` tests running the same `async fn(Db)`.
#[macro_export]
macro_rules! both_backends {
    ($name:ident) => {
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                $crate::testing::run($crate::testing::TestDb::sqlite().await, super::$name).await;
            }
            #[tokio::test]
            async fn postgres() {
                if let Some(t) = $crate::testing::TestDb::postgres().await {
                    $crate::testing::run(t, super::$name).await;
                }
            }
        }
    };
}
