use tremplin_domain::followup::InboxTab;
use tremplin_store::both_backends as both;
use tremplin_store::{Db, routing, scale, seed};

async fn scale_generates_consistent_volumes_and_adds_on_rerun(db: Db) {
    seed::demo_team(&db, "hash").await.expect("demo team");
    let r = scale::generate(&db, 30, 7, tremplin_store::now())
        .await
        .expect("generate");
    assert_eq!(
        r,
        scale::Report {
            companies: 30,
            requests: 120,
            accompaniments: 120,
            interactions: 480
        }
    );
    assert_eq!(
        tremplin_store::companies::count(&db).await.expect("count"),
        30
    );
    // Every generated SIREN is valid; a second run adds new companies, no conflict.
    let c = tremplin_store::companies::search(&db, "", "9", 100)
        .await
        .expect("search");
    assert_eq!(c.len(), 30);
    for h in &c {
        let s = h.siren.as_deref().expect("siren");
        assert!(tremplin_domain::siren::Siren::parse(s).is_ok(), "{s}");
    }
    scale::generate(&db, 5, 7, tremplin_store::now())
        .await
        .expect("again");
    assert_eq!(
        tremplin_store::companies::count(&db).await.expect("count"),
        35
    );
    // The generated requests are routed: matches exist in a partner's inbox.
    let cci = tremplin_store::orgs::by_slug(&db, "cci-hdf")
        .await
        .expect("org")
        .expect("cci");
    let scope = routing::InboxScope {
        orgs: vec![cci.id],
        ..Default::default()
    };
    let counts = routing::inbox_counts(&db, &scope, &Default::default())
        .await
        .expect("counts");
    let total: i64 = counts.iter().map(|(_, n)| n).sum();
    let page = routing::inbox(&db, &scope, &Default::default(), InboxTab::All, 10, 0)
        .await
        .expect("page");
    assert!(
        total > 0 && page.len() as i64 == total.min(10),
        "{total} {}",
        page.len()
    );
    assert!(
        page.windows(2).all(|w| w[0].created_at >= w[1].created_at),
        "newest first"
    );
}
both!(scale_generates_consistent_volumes_and_adds_on_rerun);
