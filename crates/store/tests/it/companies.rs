use tremplin_domain::company::name_key;
use tremplin_store::audit::{self, Actor, Filter};
use tremplin_store::both_backends as both;
use tremplin_store::companies::{self, Created, Establishment, Fields};
use tremplin_store::{Db, StoreError, seed};

fn fields(name: &str, siren: Option<&str>, commune: &str) -> Fields {
    Fields {
        siren: siren.map(str::to_string),
        name: name.into(),
        name_key: name_key(name),
        commune: Some(commune.into()),
        departement: Some(commune[..2].into()),
        country: "FR".into(),
        ..Fields::default()
    }
}

async fn siren_opens_the_existing_file_and_versions_protect_edits(db: Db) {
    let cci = seed::partners(&db).await.expect("seed")[1].1;
    let actor = Actor::system("test");
    let Created::New(id) = companies::create(
        &db,
        &actor,
        Some(cci),
        &fields("Boulangerie Léon SARL", Some("215903501"), "59350"),
    )
    .await
    .expect("create") else {
        panic!("new file expected")
    };
    let again = companies::create(
        &db,
        &actor,
        None,
        &fields("Autre nom", Some("215903501"), "59350"),
    )
    .await
    .expect("create");
    assert_eq!(
        again,
        Created::Existing(id),
        "the same SIREN opens the existing file"
    );
    assert_eq!(companies::holders(&db, id).await.expect("holders"), [cci]);

    // Search by folded name words and by SIREN prefix.
    let hits = companies::search(&db, &name_key("boulangerie LEON"), "", 10)
        .await
        .expect("search");
    assert_eq!(hits.len(), 1);
    let hits = companies::search(&db, "", "2159", 10)
        .await
        .expect("search");
    assert_eq!(hits.len(), 1);
    assert_eq!(
        companies::in_commune(&db, "59350").await.expect("q").len(),
        1
    );

    // Two advisers edit the same version: the second is refused.
    let c = companies::get(&db, id).await.expect("get");
    let mut f = fields("Boulangerie Léon", Some("215903501"), "59350");
    f.headcount_band = Some("1-9".into());
    companies::update(&db, &actor, id, c.version, &f)
        .await
        .expect("first save");
    let second = companies::update(
        &db,
        &actor,
        id,
        c.version,
        &fields("Écrasé", Some("215903501"), "59350"),
    )
    .await;
    assert!(
        matches!(second, Err(StoreError::Conflict("version_conflict"))),
        "{second:?}"
    );
    let now = companies::get(&db, id).await.expect("get");
    assert_eq!(now.name, "Boulangerie Léon");
    assert_eq!(now.version, c.version + 1);

    // Export countries with their history in the audit trail.
    companies::set_country(&db, &actor, id, "DE", "target")
        .await
        .expect("set");
    companies::set_country(&db, &actor, id, "DE", "exporting")
        .await
        .expect("set");
    let cs = companies::countries(&db, id).await.expect("countries");
    assert_eq!((cs.len(), cs[0].status.as_str()), (1, "exporting"));
    let hist = audit::list(
        &db,
        &Filter {
            action: Some("set_country".into()),
            entity_id: Some(id.to_string()),
            ..Default::default()
        },
        None,
        10,
    )
    .await
    .expect("audit");
    assert_eq!(hist.len(), 2);
    assert!(
        hist[0]
            .before_json
            .as_deref()
            .unwrap_or("")
            .contains("target")
    );
}
both!(siren_opens_the_existing_file_and_versions_protect_edits);

async fn merging_moves_every_record(db: Db) {
    let orgs = seed::partners(&db).await.expect("seed");
    let (cci, cma) = (orgs[1].1, orgs[2].1);
    let actor = Actor::system("test");
    let Created::New(a) = companies::create(
        &db,
        &actor,
        Some(cci),
        &fields("Menuiserie Dubois", Some("218000198"), "80021"),
    )
    .await
    .expect("a") else {
        panic!()
    };
    let Created::New(b) = companies::create(
        &db,
        &actor,
        Some(cma),
        &fields("Menuiserie Dubois", None, "80021"),
    )
    .await
    .expect("b") else {
        panic!()
    };
    companies::set_country(&db, &actor, a, "BE", "target")
        .await
        .expect("c");
    let e = Establishment {
        siret: "21800019800015".into(),
        name: None,
        address: None,
        commune: Some("80021".into()),
    };
    companies::add_establishment(&db, &actor, a, &e)
        .await
        .expect("e");
    assert!(matches!(
        companies::add_establishment(&db, &actor, b, &e).await,
        Err(StoreError::Conflict("siret_taken"))
    ));
    companies::merge(&db, &actor, a, b).await.expect("merge");
    let kept = companies::get(&db, b).await.expect("b");
    assert_eq!(
        kept.siren.as_deref(),
        Some("218000198"),
        "the SIREN moves to the surviving file"
    );
    assert_eq!(
        companies::get(&db, a).await.expect("a").merged_into,
        Some(b)
    );
    assert_eq!(companies::countries(&db, b).await.expect("c").len(), 1);
    assert_eq!(companies::establishments(&db, b).await.expect("e").len(), 1);
    let mut holders = companies::holders(&db, b).await.expect("h");
    holders.sort();
    let mut expected = vec![cci, cma];
    expected.sort();
    assert_eq!(holders, expected);
    assert!(
        companies::search(&db, "menuiserie", "", 10)
            .await
            .expect("s")
            .iter()
            .all(|h| h.id == b),
        "merged file hidden"
    );
    assert!(
        companies::merge(&db, &actor, a, b).await.is_err(),
        "no double merge"
    );
}
both!(merging_moves_every_record);
