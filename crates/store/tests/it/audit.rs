use chrono::Duration;
use tremplin_store::audit::{self, Actor, Entry, Filter};
use tremplin_store::{Db, now};

use tremplin_store::both_backends as both;

async fn audit_filters_and_pages(db: Db) {
    let alice = Actor::user(uuid::Uuid::now_v7(), "alice@example.org");
    let bob = Actor::user(uuid::Uuid::now_v7(), "bob@example.org");
    for i in 0..5 {
        let actor = if i % 2 == 0 { &alice } else { &bob };
        audit::record(
            &db,
            Entry {
                actor,
                action: if i < 3 { "create" } else { "update" },
                entity_type: "thing",
                entity_id: format!("t{i}"),
                before: None,
                after: Some(serde_json::json!({"i": i})),
            },
        )
        .await
        .expect("record");
    }
    let all = audit::list(&db, &Filter::default(), None, 100)
        .await
        .expect("all");
    assert_eq!(all.len(), 5);
    assert_eq!(all[0].entity_id, "t4", "newest first");
    let by_actor = audit::list(
        &db,
        &Filter {
            actor: Some("ALICE".into()),
            ..Filter::default()
        },
        None,
        100,
    )
    .await
    .expect("actor");
    assert_eq!(by_actor.len(), 3);
    let updates = audit::list(
        &db,
        &Filter {
            action: Some("update".into()),
            ..Filter::default()
        },
        None,
        100,
    )
    .await
    .expect("action");
    assert_eq!(updates.len(), 2);
    let future = audit::list(
        &db,
        &Filter {
            from: Some(now() + Duration::hours(1)),
            ..Filter::default()
        },
        None,
        100,
    )
    .await
    .expect("from");
    assert!(future.is_empty());
    let page1 = audit::list(&db, &Filter::default(), None, 2)
        .await
        .expect("p1");
    let page2 = audit::list(&db, &Filter::default(), Some(page1[1].at), 2)
        .await
        .expect("p2");
    assert_eq!(page2.len(), 2);
    assert!(page2.iter().all(|r| r.at < page1[1].at));
    let (actions, types) = audit::facets(&db).await.expect("facets");
    assert_eq!(actions, ["create", "update"]);
    assert_eq!(types, ["thing"]);
}
both!(audit_filters_and_pages);
