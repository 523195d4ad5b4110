//! The shared follow-up at the store level: a match's lifecycle (two advisers taking charge at
//! once send one mail), a company file opened from a request, referrals, meeting requests.

use chrono::NaiveDate;
use tremplin_domain::company::name_key;
use tremplin_domain::events::{EventKind, GuestRole, Priority, RequestStatus, RequestedBy};
use tremplin_domain::followup::{
    AccessSource, AccessStatus, MatchStatus, NeedStatus, ReferralStatus,
};
use tremplin_store::access;
use tremplin_store::audit::Actor;
use tremplin_store::both_backends as both;
use tremplin_store::companies::{self, Created, Fields, Opened};
use tremplin_store::mail::{self, Mail};
use tremplin_store::referrals::{self, NeedRef, NewReferral};
use tremplin_store::routing::{self, StatusMails};
use tremplin_store::{Db, StoreError, events, on_db, seed};

use crate::support::request;
use uuid::Uuid;

async fn partners(db: &Db) -> (Uuid, Uuid) {
    let orgs = seed::partners(db).await.expect("partners");
    let org = |slug: &str| orgs.iter().find(|(s, _)| *s == slug).expect("org").1;
    (org("cci-hdf"), org("bpifrance"))
}

async fn need_for(db: &Db, request: Uuid, org: Uuid) -> (Uuid, Uuid) {
    let m = tremplin_domain::routing::Match {
        organisation: org,
        branch: None,
        rule: Uuid::nil(),
        why: vec!["subject"],
    };
    let need = routing::create_need(db, &Actor::system("t"), request, "prospection", &[m])
        .await
        .expect("need");
    let id = routing::need_matches(db, need).await.expect("matches")[0].match_id;
    (need, id)
}

/// Two advisers press "take charge" at the same moment: both succeed, the company gets one
/// mail (each call brings its own mail key, so only the status read inside the transaction
/// can prevent the second mail).
async fn two_advisers_taking_charge_at_once_send_one_mail(db: Db) {
    let (cci, _) = partners(&db).await;
    // Connections open ahead and several rounds, so that the two transactions do overlap.
    on_db!(&db, p => {
        let held = (p.acquire().await, p.acquire().await, p.acquire().await);
        drop(held);
    });
    let mut last = None;
    for round in 0..12 {
        let r = request(&db, None).await;
        let (need, m) = need_for(&db, r, cci).await;
        let to = format!("lea-{round}@example.test");
        let take = |n: u32| {
            let (db, to) = (db.clone(), to.clone());
            tokio::spawn(async move {
                let mails = StatusMails {
                    taken: Some(Mail {
                        key: format!("taken-test-{m}-{n}"),
                        kind: "taken_in_charge",
                        to: &to,
                        subject: "Votre demande est prise en charge",
                        body: "…",
                    }),
                    closed: None,
                };
                routing::set_status(
                    &db,
                    &Actor::system("adviser"),
                    m,
                    MatchStatus::TakingCharge,
                    None,
                    &mails,
                )
                .await
            })
        };
        let (a, b) = (take(1), take(2));
        a.await.expect("join").expect("first");
        b.await.expect("join").expect("second");
        let sent = mail::to_address(&db, &to).await.expect("mails");
        assert_eq!(sent.len(), 1, "round {round}: {sent:?}");
        last = Some((need, m));
    }
    let (need, m) = last.expect("rounds");
    let row = routing::get_match(&db, m).await.expect("match");
    assert_eq!(row.status, MatchStatus::TakingCharge);
    // "Not for me" needs a reason; nothing changes without one.
    let refused = routing::set_status(
        &db,
        &Actor::system("adviser"),
        m,
        MatchStatus::NotForMe,
        Some("  "),
        &StatusMails::default(),
    )
    .await;
    assert!(matches!(
        refused,
        Err(StoreError::Conflict("reason_required"))
    ));
    assert_eq!(
        routing::get_match(&db, m).await.expect("m").status,
        MatchStatus::TakingCharge
    );
    // The lead partner closing its match closes the need.
    routing::set_status(
        &db,
        &Actor::system("adviser"),
        m,
        MatchStatus::Done,
        None,
        &StatusMails::default(),
    )
    .await
    .expect("done");
    let needs = routing::need_matches(&db, need).await.expect("n");
    assert_eq!(needs[0].status, MatchStatus::Done);
    assert_eq!(needs[0].need_status, NeedStatus::Closed);
}
both!(two_advisers_taking_charge_at_once_send_one_mail);

/// A request with the SIREN of a file the partner may not open asks its holders for access
/// (no access by the SIREN alone); once they accept, the request joins that file. One without a
/// SIREN gets a provisional file the partner holds; opening again returns the same file.
async fn a_file_opened_from_a_request_is_found_or_created_once(db: Db) {
    let (cci, bpi) = partners(&db).await;
    let f = Fields {
        name: "Biscuiterie du Beffroi".into(),
        name_key: name_key("Biscuiterie du Beffroi"),
        siren: Some("732829320".into()),
        country: "FR".into(),
        ..Fields::default()
    };
    let existing = match companies::create(&db, &Actor::system("t"), Some(bpi), &f)
        .await
        .expect("create")
    {
        Created::New(id) | Created::Existing(id) => id,
    };
    let with_siren = request(&db, Some("732829320")).await;
    let opened = companies::open_from_request(&db, &Actor::system("t"), with_siren, cci)
        .await
        .expect("open");
    assert_eq!(opened, Opened::AccessAsked(existing));
    assert_eq!(
        companies::holders(&db, existing).await.expect("holders"),
        vec![bpi],
        "the SIREN alone grants nothing"
    );
    let asked = access::pending_for(&db, &[bpi]).await.expect("pending");
    assert_eq!(asked.len(), 1);
    assert_eq!(
        (
            asked[0].organisation_id,
            asked[0].source,
            asked[0].company_id
        ),
        (cci, AccessSource::Request, existing)
    );
    // Asking twice files one request.
    companies::open_from_request(&db, &Actor::system("t"), with_siren, cci)
        .await
        .expect("again");
    assert_eq!(access::pending_for(&db, &[bpi]).await.expect("p").len(), 1);
    assert!(
        access::pending_for(&db, &[cci])
            .await
            .expect("p")
            .is_empty()
    );
    access::decide(&db, &Actor::system("bpi"), asked[0].id, true)
        .await
        .expect("accept");
    let twice = access::decide(&db, &Actor::system("bpi"), asked[0].id, false).await;
    assert!(matches!(
        twice,
        Err(StoreError::Conflict("access_request_decided"))
    ));
    let opened = companies::open_from_request(&db, &Actor::system("t"), with_siren, cci)
        .await
        .expect("open");
    assert_eq!(opened, Opened::File(existing));
    let holders = companies::holders(&db, existing).await.expect("holders");
    assert!(
        holders.contains(&cci) && holders.contains(&bpi),
        "{holders:?}"
    );
    assert_eq!(
        access::of_company(&db, existing).await.expect("a")[0].status,
        AccessStatus::Accepted
    );

    let without = request(&db, None).await;
    let Opened::File(fresh) = companies::open_from_request(&db, &Actor::system("t"), without, cci)
        .await
        .expect("new")
    else {
        panic!("a new file")
    };
    assert_ne!(fresh, existing);
    let c = companies::get(&db, fresh).await.expect("file");
    assert_eq!(c.name, "Biscuiterie du Beffroi");
    assert_eq!(c.siren, None);
    assert_eq!(companies::holders(&db, fresh).await.expect("h"), vec![cci]);
    let missing = companies::open_from_request(&db, &Actor::system("t"), Uuid::nil(), cci).await;
    assert!(matches!(missing, Err(StoreError::NotFound)));
}
both!(a_file_opened_from_a_request_is_found_or_created_once);

/// A referral accepted becomes the recipient's match (taken in charge, "referral" as its
/// reason) and makes it a holder; a decided referral cannot be decided again.
async fn a_referral_accepted_is_a_match_of_the_recipient(db: Db) {
    let (cci, bpi) = partners(&db).await;
    let r = request(&db, None).await;
    let Opened::File(company) = companies::open_from_request(&db, &Actor::system("t"), r, cci)
        .await
        .expect("file")
    else {
        panic!("a new file")
    };
    let (need, _) = need_for(&db, r, cci).await;
    let day = NaiveDate::from_ymd_opt(2030, 1, 10).expect("d");
    let to_self = referrals::create(
        &db,
        &Actor::system("t"),
        &NewReferral {
            company,
            need: NeedRef::Existing(need),
            from_org: cci,
            to_org: cci,
            message: "x",
            due_on: day,
        },
    )
    .await;
    assert!(matches!(
        to_self,
        Err(StoreError::Conflict("referral_same_partner"))
    ));
    let id = referrals::create(
        &db,
        &Actor::system("t"),
        &NewReferral {
            company,
            need: NeedRef::Existing(need),
            from_org: cci,
            to_org: bpi,
            message: "Financement de la prospection",
            due_on: day,
        },
    )
    .await
    .expect("referral");
    assert_eq!(
        referrals::get(&db, id).await.expect("r").status,
        ReferralStatus::Pending
    );
    let m = referrals::accept(&db, &Actor::system("t"), id)
        .await
        .expect("accept");
    let row = routing::get_match(&db, m).await.expect("match");
    assert_eq!(
        (row.organisation_id, row.status),
        (bpi, MatchStatus::TakingCharge)
    );
    assert!(
        companies::holders(&db, company)
            .await
            .expect("h")
            .contains(&bpi)
    );
    let twice = referrals::decline(&db, &Actor::system("t"), id, "trop tard").await;
    assert!(
        matches!(twice, Err(StoreError::Conflict("referral_decided"))),
        "{twice:?}"
    );
    assert_eq!(
        referrals::get(&db, id).await.expect("r").status,
        ReferralStatus::Accepted
    );
}
both!(a_referral_accepted_is_a_match_of_the_recipient);

/// Meeting requests: the same pair twice is a conflict; a pending request past its day reads
/// as expired and cannot be answered; answers are stored as typed statuses.
async fn meeting_requests_expire_and_are_answered_once(db: Db) {
    let actor = Actor::system("t");
    let day = NaiveDate::from_ymd_opt(2030, 6, 12).expect("d");
    let ev = events::create(
        &db,
        &actor,
        &events::NewEvent {
            name: "Journée des ambassadeurs",
            kind: EventKind::Ambassadors,
            day,
            end_day: None,
            venue: "Lille",
        },
    )
    .await
    .expect("event");
    assert_eq!(
        events::get(&db, ev).await.expect("e").kind,
        EventKind::Ambassadors
    );
    let guest = events::add_guest(
        &db,
        &actor,
        ev,
        &events::NewGuest {
            name: "Ana Ruiz",
            role: GuestRole::Buyer,
            country: "ES",
            organisation: "Distribuciones Ruiz",
            table_id: None,
            sectors: "",
            languages: "",
            unavailable: "",
        },
    )
    .await
    .expect("guest");
    let reg = events::register(
        &db,
        &actor,
        ev,
        &events::NewRegistration {
            company_name: "Biscuiterie du Beffroi".into(),
            ..Default::default()
        },
    )
    .await
    .expect("registration");
    let ask = |expires_on| events::NewMeetingRequest {
        registration: reg,
        guest,
        by: RequestedBy::Company,
        priority: Priority::Must,
        expires_on,
    };
    let yesterday = NaiveDate::from_ymd_opt(2030, 6, 1).expect("d");
    let today = NaiveDate::from_ymd_opt(2030, 6, 2).expect("d");
    let q = events::request_meeting(&db, &actor, ev, &ask(Some(yesterday)))
        .await
        .expect("request");
    let dup = events::request_meeting(&db, &actor, ev, &ask(None)).await;
    assert!(matches!(
        dup,
        Err(StoreError::Conflict("meeting_request_duplicate"))
    ));
    let stored = events::meeting_requests(&db, ev).await.expect("reqs");
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].status, RequestStatus::Pending);
    assert_eq!(stored[0].status_on(today), RequestStatus::Expired);
    assert_eq!(stored[0].status_on(yesterday), RequestStatus::Pending);
    let late = events::answer_request(&db, &actor, ev, q, RequestStatus::Accepted, today).await;
    assert!(matches!(
        late,
        Err(StoreError::Conflict("meeting_request_expired"))
    ));
    events::answer_request(&db, &actor, ev, q, RequestStatus::Accepted, yesterday)
        .await
        .expect("answer in time");
    let stored = events::meeting_requests(&db, ev).await.expect("reqs");
    assert_eq!(
        (stored[0].status, stored[0].priority, stored[0].requested_by),
        (
            RequestStatus::Accepted,
            Priority::Must,
            RequestedBy::Company
        )
    );
}
both!(meeting_requests_expire_and_are_answered_once);
