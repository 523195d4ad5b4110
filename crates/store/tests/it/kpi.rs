//! The count of companies accompanied on the real database, with fixtures worked out by hand:
//! several partners on one company, merged duplicates, a year boundary at midnight Paris time,
//! cancelled and unfinished accompaniments, a reopened need.

use chrono::{NaiveDate, TimeZone, Utc};
use tremplin_domain::company::name_key;
use tremplin_domain::followup::{AccompanimentStatus, MatchStatus};
use tremplin_domain::kpi::{CountRule, count_year};
use tremplin_store::accompaniments::{self, NewAccompaniment};
use tremplin_store::audit::Actor;
use tremplin_store::both_backends as both;
use tremplin_store::companies::{self, Created, Fields};
use tremplin_store::routing::{self, StatusMails};
use tremplin_store::{Db, catalogue, kpi, on_db, seed};
use uuid::Uuid;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

async fn company(db: &Db, name: &str) -> Uuid {
    let f = Fields {
        name: name.into(),
        name_key: name_key(name),
        country: "FR".into(),
        ..Fields::default()
    };
    match companies::create(db, &Actor::system("t"), None, &f)
        .await
        .expect("create")
    {
        Created::New(id) | Created::Existing(id) => id,
    }
}

async fn acc(db: &Db, company: Uuid, org: Uuid, status: &str, end: NaiveDate) {
    accompaniments::create(
        db,
        &Actor::system("t"),
        company,
        &NewAccompaniment {
            organisation_id: org,
            title: "x".into(),
            status: AccompanimentStatus::parse(status).expect("status"),
            end_date: Some(end),
            ..Default::default()
        },
    )
    .await
    .expect("accompaniment");
}

/// A request of `company` routed to `org`, closed "done" at `closed_at` (UTC).
async fn need_done(
    db: &Db,
    company: Uuid,
    org: Uuid,
    closed_at: chrono::DateTime<Utc>,
    reopen: bool,
) {
    let r = crate::support::request(db, None).await;
    catalogue::link_request(db, &Actor::system("t"), r, company)
        .await
        .expect("link");
    let m = tremplin_domain::routing::Match {
        organisation: org,
        branch: None,
        rule: Uuid::nil(),
        why: vec!["subject"],
    };
    let need = routing::create_need(db, &Actor::system("t"), r, "orientation", &[m])
        .await
        .expect("need");
    let id = routing::need_matches(db, need).await.expect("matches")[0].match_id;
    let none = StatusMails::default();
    routing::set_status(db, &Actor::system("t"), id, MatchStatus::Done, None, &none)
        .await
        .expect("done");
    if reopen {
        routing::set_status(
            db,
            &Actor::system("t"),
            id,
            MatchStatus::Waiting,
            None,
            &none,
        )
        .await
        .expect("reopen");
    }
    on_db!(db, p => sqlx::query("UPDATE matches SET closed_at = $1 WHERE id = $2").bind(closed_at).bind(id).execute(p).await.map(|_| ()))
        .expect("date");
}

async fn the_count_follows_the_rules_worked_by_hand(db: Db) {
    let orgs = seed::partners(&db).await.expect("partners");
    let org = |slug: &str| orgs.iter().find(|(s, _)| *s == slug).expect("org").1;
    let (cci, cma, bpi) = (org("cci-hdf"), org("cma-hdf"), org("bpifrance"));
    let a = company(&db, "Alpha").await;
    let b = company(&db, "Beta").await;
    let c = company(&db, "Gamma").await;
    let dd = company(&db, "Delta").await;
    let e = company(&db, "Alpha bis").await;
    let f = company(&db, "Epsilon").await;
    // Alpha: CCI and Bpifrance in 2019 → once for the Team, once for each partner.
    acc(&db, a, cci, "completed", d(2019, 3, 10)).await;
    acc(&db, a, bpi, "completed", d(2019, 6, 1)).await;
    // Beta: completed on 31 December 2018 (2018), cancelled in 2019 (never counts).
    acc(&db, b, cma, "completed", d(2018, 12, 31)).await;
    acc(&db, b, cma, "cancelled", d(2019, 2, 1)).await;
    // Gamma: in progress only.
    acc(&db, c, cci, "in_progress", d(2019, 4, 1)).await;
    // Delta: need closed done at 23:30 UTC on 31 December 2019 = 00:30 on 1 January 2020 in Paris.
    need_done(
        &db,
        dd,
        cma,
        Utc.with_ymd_and_hms(2019, 12, 31, 23, 30, 0)
            .single()
            .expect("t"),
        false,
    )
    .await;
    // Epsilon: closed done in 2019, then reopened → not done any more.
    need_done(
        &db,
        f,
        cma,
        Utc.with_ymd_and_hms(2019, 5, 1, 10, 0, 0)
            .single()
            .expect("t"),
        true,
    )
    .await;
    // Alpha bis: a duplicate of Alpha with its own 2019 accompaniment, merged into Alpha.
    acc(&db, e, cci, "completed", d(2019, 8, 1)).await;
    companies::merge(&db, &Actor::system("t"), e, a)
        .await
        .expect("merge");

    let ev = kpi::evidence(&db, d(2018, 1, 1), d(2020, 12, 31), true)
        .await
        .expect("evidence");
    let c2019 = count_year(&ev, 2019, CountRule::default());
    assert_eq!(
        c2019.team, 1,
        "only Alpha (merged duplicate included) in 2019"
    );
    assert_eq!(c2019.per_partner.get(&cci), Some(&1));
    assert_eq!(c2019.per_partner.get(&bpi), Some(&1));
    assert_eq!(
        c2019.per_partner.get(&cma),
        None,
        "cancelled, reopened and 2020 do not count"
    );
    assert_eq!(count_year(&ev, 2018, CountRule::default()).team, 1, "Beta");
    assert_eq!(
        count_year(&ev, 2020, CountRule::default()).team,
        1,
        "Delta, midnight Paris time"
    );

    // Targets: set, replace, remove, all audited.
    kpi::set_targets(
        &db,
        &Actor::system("t"),
        2019,
        &[("team".into(), Some(600)), (cci.to_string(), Some(250))],
    )
    .await
    .expect("targets");
    kpi::set_targets(&db, &Actor::system("t"), 2019, &[(cci.to_string(), None)])
        .await
        .expect("remove");
    assert_eq!(
        kpi::targets(&db, 2019).await.expect("t"),
        vec![("team".to_string(), 600)]
    );
    assert_eq!(kpi::team_targets(&db).await.expect("t"), vec![(2019, 600)]);
}
both!(the_count_follows_the_rules_worked_by_hand);
