use tremplin_store::{Db, StoreError, orgs, seed};

use tremplin_store::both_backends as both;

/// `VACUUM INTO` copy of a live SQLite database, reopened as a database of its own.
async fn backup_restores_on_sqlite_and_points_to_pg_dump_on_postgres(db: Db) {
    seed::partners(&db).await.expect("seed");
    let dir = tempfile::tempdir().expect("tmp");
    let target = dir.path().join("copy.db");
    match db.backend() {
        tremplin_store::Backend::Sqlite => {
            db.backup_to(&target).await.expect("backup");
            assert!(
                matches!(db.backup_to(&target).await, Err(StoreError::Backup(_))),
                "never overwrites"
            );
            let restored = Db::connect_url(&format!("sqlite://{}", target.display()))
                .await
                .expect("open copy");
            restored.migrate().await.expect("copy is up to date");
            assert_eq!(orgs::list(&restored).await.expect("list").len(), 6);
            restored.close().await;
        }
        tremplin_store::Backend::Postgres => {
            let err = db.backup_to(&target).await.expect_err("pg");
            assert!(err.to_string().contains("pg_dump"), "{err}");
            assert!(!target.exists());
        }
    }
}
both!(backup_restores_on_sqlite_and_points_to_pg_dump_on_postgres);
