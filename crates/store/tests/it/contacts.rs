use chrono::Duration;
use tremplin_domain::company::name_key;
use tremplin_store::audit::{self, Actor, Filter};
use tremplin_store::both_backends as both;
use tremplin_store::companies::{self, Created, Fields};
use tremplin_store::contacts::{self, NewContact};
use tremplin_store::{Db, now, seed};

async fn consent_export_anonymise_and_retention(db: Db) {
    let cci = seed::partners(&db).await.expect("seed")[1].1;
    let actor = Actor::system("test");
    let f = Fields {
        name: "Verrerie".into(),
        name_key: name_key("Verrerie"),
        country: "FR".into(),
        ..Fields::default()
    };
    let Created::New(company) = companies::create(&db, &actor, Some(cci), &f)
        .await
        .expect("company")
    else {
        panic!()
    };
    let c = NewContact {
        organisation_id: cci,
        name: "Jeanne Verrier".into(),
        role: "Gérante".into(),
        email: "jeanne@verrerie.example".into(),
        phone: "+33320123456".into(),
        consent_share: true,
        consent_scope: "team".into(),
        consent_method: "oral, rendez-vous".into(),
    };
    let id = contacts::add(&db, &actor, company, &c).await.expect("add");
    let old = contacts::add(
        &db,
        &actor,
        company,
        &NewContact {
            name: "Paul Ancien".into(),
            ..c.clone()
        },
    )
    .await
    .expect("add");
    let export = contacts::export(&db, id).await.expect("export");
    assert_eq!(export["contact"]["email"], "jeanne@verrerie.example");
    assert_eq!(export["contact"]["consent_method"], "oral, rendez-vous");
    assert!(export["history"].as_array().is_some_and(|h| h.len() == 1));
    contacts::withdraw_consent(&db, &actor, id)
        .await
        .expect("withdraw");
    let after = contacts::get(&db, id).await.expect("get");
    assert!(!after.consent_share && after.consent_withdrawn_at.is_some());
    contacts::anonymise(&db, &actor, id)
        .await
        .expect("anonymise");
    let anon = contacts::get(&db, id).await.expect("get");
    assert_eq!(
        (anon.name.as_str(), anon.email.as_str(), anon.phone.as_str()),
        ("—", "", "")
    );
    assert!(
        anon.anonymised_at.is_some(),
        "the row stays for the statistics"
    );
    // No personal data ever reached the audit trail.
    let trail = audit::list(
        &db,
        &Filter {
            entity_type: Some("contact".into()),
            ..Default::default()
        },
        None,
        50,
    )
    .await
    .expect("audit");
    assert!(trail.iter().all(|r| {
        !r.after_json
            .as_deref()
            .unwrap_or("")
            .contains("verrerie.example")
    }));
    // Retention: three years without activity → anonymised by the job; recent ones kept.
    contacts::set_last_activity(&db, old, now() - Duration::days(365 * 3 + 10))
        .await
        .expect("age");
    let recent = contacts::add(
        &db,
        &actor,
        company,
        &NewContact {
            name: "Récente".into(),
            ..c
        },
    )
    .await
    .expect("add");
    assert_eq!(contacts::anonymise_inactive(&db, 3).await.expect("job"), 1);
    assert!(
        contacts::get(&db, old)
            .await
            .expect("get")
            .anonymised_at
            .is_some()
    );
    assert!(
        contacts::get(&db, recent)
            .await
            .expect("get")
            .anonymised_at
            .is_none()
    );
    assert_eq!(
        contacts::of_company(&db, company)
            .await
            .expect("list")
            .len(),
        3
    );
}
both!(consent_export_anonymise_and_retention);
