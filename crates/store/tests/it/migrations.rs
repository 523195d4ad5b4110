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

/// (table, column) of every table the migrations create.
async fn columns(db: &Db) -> Vec<(String, String)> {
    let mut cols: Vec<(String, String)> = match db {
        Db::Sqlite(p) => {
            sqlx::query_as(
                "SELECT m.name, c.name FROM sqlite_master m JOIN pragma_table_info(m.name) c \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
            )
            .fetch_all(p)
            .await
        }
        Db::Postgres(p) => {
            sqlx::query_as(
                "SELECT table_name::text, column_name::text FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%'",
            )
            .fetch_all(p)
            .await
        }
    }
    .expect("columns");
    cols.sort();
    cols
}

/// Both backends end with the same tables and the same columns in each, so one SQL runs on both.
#[tokio::test]
async fn both_backends_have_the_same_tables_and_columns() {
    let Some(pg) = tremplin_store::testing::TestDb::postgres().await else {
        return;
    };
    let sqlite = tremplin_store::testing::TestDb::sqlite().await;
    let (a, b) = (columns(&sqlite.db).await, columns(&pg.db).await);
    sqlite.cleanup().await;
    pg.cleanup().await;
    assert!(a.len() > 100, "columns are read: {}", a.len());
    let only_sqlite: Vec<_> = a.iter().filter(|c| !b.contains(c)).collect();
    let only_pg: Vec<_> = b.iter().filter(|c| !a.contains(c)).collect();
    assert!(
        only_sqlite.is_empty() && only_pg.is_empty(),
        "only on SQLite: {only_sqlite:?}\nonly on PostgreSQL: {only_pg:?}"
    );
}

#[test]
fn with_database_replaces_only_the_path() {
    use tremplin_store::testing::with_database;
    assert_eq!(
        with_database("postgres://postgres@127.0.0.1:5432/test", "x"),
        "postgres://postgres@127.0.0.1:5432/x"
    );
    assert_eq!(
        with_database("postgresql://u:p@h/db?sslmode=disable", "y"),
        "postgresql://u:p@h/y?sslmode=disable"
    );
    assert_eq!(with_database("postgres://h", "z"), "postgres://h/z");
}
