use chrono::Duration;
use tremplin_store::{Db, now, sessions};

use tremplin_store::both_backends as both;

async fn sessions_round_trip_and_expire(db: Db) {
    let later = now() + Duration::hours(8);
    assert!(
        sessions::create(&db, "a", None, r#"{"k":1}"#, later)
            .await
            .expect("create")
    );
    assert!(
        !sessions::create(&db, "a", None, "{}", later)
            .await
            .expect("dup"),
        "ids are unique"
    );
    let (data, exp) = sessions::load(&db, "a")
        .await
        .expect("load")
        .expect("present");
    assert_eq!(data, r#"{"k":1}"#);
    assert!((exp - later).num_seconds().abs() <= 1);
    sessions::save(&db, "a", None, r#"{"k":2}"#, later)
        .await
        .expect("save");
    assert_eq!(
        sessions::load(&db, "a")
            .await
            .expect("load")
            .expect("present")
            .0,
        r#"{"k":2}"#
    );
    sessions::save(&db, "old", None, "{}", now() - Duration::seconds(5))
        .await
        .expect("save");
    assert!(
        sessions::load(&db, "old").await.expect("load").is_none(),
        "expired sessions are not loaded"
    );
    assert_eq!(sessions::delete_expired(&db).await.expect("purge"), 1);
    sessions::delete(&db, "a").await.expect("delete");
    assert!(sessions::load(&db, "a").await.expect("load").is_none());
}
both!(sessions_round_trip_and_expire);

/// The table holds a hash of each session id, never the id a browser presents.
async fn session_ids_are_stored_hashed(db: Db) {
    let id = "7f3c9b1e2d4a4c8e9a0b1c2d3e4f5a6b";
    sessions::create(&db, id, None, "{}", now() + Duration::hours(1))
        .await
        .expect("create");
    let stored: Vec<(String,)> = tremplin_store::on_db!(&db, p => sqlx::query_as("SELECT id FROM sessions").fetch_all(p).await)
        .expect("rows");
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0].0, id);
    assert_eq!(stored[0].0.len(), 64, "a SHA-256 in hex");
    assert!(
        sessions::load(&db, &stored[0].0)
            .await
            .expect("load")
            .is_none(),
        "the stored value does not open the session"
    );
    assert!(sessions::load(&db, id).await.expect("load").is_some());
}
both!(session_ids_are_stored_hashed);
