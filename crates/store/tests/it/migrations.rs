use tremplin_store::{Backend, Db, on_db};

use tremplin_store::both_backends as both;

#[test]
fn both_backends_have_the_same_migration_versions() {
    let sqlite = Db::migrations(Backend::Sqlite);
    let pg = Db::migrations(Backend::Postgres);
    assert!(!sqlite.is_empty());
    assert_eq!(
        sqlite, pg,
        "migrations/sqlite and migrations/postgres must have the same versions and names"
    );
}

async fn migrating_twice_is_a_no_op(db: Db) {
    db.migrate().await.expect("second run");
    let tables: Vec<(String,)> = match &db {
        Db::Sqlite(p) => sqlx::query_as("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetch_all(p).await,
        Db::Postgres(p) => sqlx::query_as("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1").fetch_all(p).await,
    }
    .expect("list tables");
    let names: Vec<&str> = tables.iter().map(|t| t.0.as_str()).collect();
    for t in [
        "organisations",
        "branches",
        "users",
        "memberships",
        "sessions",
        "audit_log",
    ] {
        assert!(names.contains(&t), "{t} missing from {names:?}");
    }
}
both!(migrating_twice_is_a_no_op);

/// A migration that fails half-way leaves nothing behind: each migration is one transaction.
async fn a_failing_migration_leaves_the_database_as_it_was(db: Db) {
    let dir = tempfile::tempdir().expect("tmp");
    let src = match db.backend() {
        Backend::Sqlite => concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite"),
        Backend::Postgres => concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/postgres"),
    };
    for e in std::fs::read_dir(src).expect("read migrations") {
        let e = e.expect("entry");
        std::fs::copy(e.path(), dir.path().join(e.file_name())).expect("copy");
    }
    std::fs::write(
        dir.path().join("9999_broken.sql"),
        "CREATE TABLE half_done (id integer);\nINSERT INTO organisations (id) VALUES (NULL);\n",
    )
    .expect("write");
    let migrator = sqlx::migrate::Migrator::new(dir.path())
        .await
        .expect("load");
    let res = on_db!(&db, p => migrator.run(p).await);
    assert!(res.is_err(), "the broken migration must fail");
    let exists: Vec<(String,)> = match &db {
        Db::Sqlite(p) => {
            sqlx::query_as("SELECT name FROM sqlite_master WHERE name = 'half_done'")
                .fetch_all(p)
                .await
        }
        Db::Postgres(p) => sqlx::query_as(
            "SELECT table_name::text FROM information_schema.tables WHERE table_name = 'half_done'",
        )
        .fetch_all(p)
        .await,
    }
    .expect("query");
    assert!(
        exists.is_empty(),
        "the half-applied table must be rolled back"
    );
    let applied: Vec<(i64,)> = on_db!(&db, p => sqlx::query_as("SELECT version FROM _sqlx_migrations WHERE version = 9999").fetch_all(p).await)
        .expect("query");
    assert!(applied.is_empty());
    // (No second `migrate` here: on PostgreSQL the failed run's advisory lock stays with its
    // pooled connection until the process exits, which is what happens in production.)
    let orgs: Vec<(i64,)> =
        on_db!(&db, p => sqlx::query_as("SELECT COUNT(*) FROM organisations").fetch_all(p).await)
            .expect("the real schema is intact");
    assert_eq!(orgs[0].0, 0);
}
both!(a_failing_migration_leaves_the_database_as_it_was);
