//! Targets, the dashboard and the public statistics through the real server.

use tremplin_store::Db;
use tremplin_store::both_backends as both;

use crate::helpers::*;

const PILOT: &str = "pilote@region-hdf.example";

async fn the_pilot_sets_targets_and_follows_progress(db: Db) {
    let app = spawn(db).await;
    let pilot = logged_in(&app, PILOT).await;
    let adviser = logged_in(&app, ADVISER).await;
    assert_eq!(get(&adviser, &app, "/pilotage/objectifs").await.0, 403);
    assert_eq!(
        get(&adviser, &app, "/pilotage/tableau-de-bord").await.0,
        403
    );
    let post = |form: Vec<(&'static str, &'static str)>| {
        let c = pilot.clone();
        let url = format!("{}/pilotage/objectifs", app.base);
        async move { c.post(url).form(&form).send().await.expect("post") }
    };
    // Bad input: negative, absurd, not a number, a year out of range.
    for (value, message) in [
        ("-5", "nombre entier positif"),
        ("250000", "trop grande"),
        ("six cents", "en chiffres"),
    ] {
        let r = post(vec![("annee", "2019"), ("cible_team", value)]).await;
        assert_eq!(r.status(), 422, "{value}");
        assert!(r.text().await.expect("b").contains(message), "{message}");
    }
    assert_eq!(
        post(vec![("annee", "1789"), ("cible_team", "600")])
            .await
            .status(),
        422
    );
    assert!(
        tremplin_store::kpi::targets(&app.db, 2019)
            .await
            .expect("t")
            .is_empty(),
        "nothing stored"
    );
    // A year with nothing recorded: an honest empty state, not zeros.
    let (s, page) = get(&pilot, &app, "/pilotage/tableau-de-bord?annee=2019").await;
    assert_eq!(s, 200);
    assert!(page.contains("id=\"steer-empty\""), "{page}");
    let r = post(vec![("annee", "2019"), ("cible_team", "600")]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/pilotage/tableau-de-bord?annee=2019");
    // Two companies accompanied in 2019, one of them by two partners.
    let orgs = tremplin_store::orgs::list(&app.db).await.expect("orgs");
    let org = |slug: &str| orgs.iter().find(|o| o.slug == slug).expect("org").id;
    let actor = tremplin_store::audit::Actor::system("test");
    for (name, partners) in [
        ("Alpha", vec!["cci-hdf", "bpifrance"]),
        ("Beta", vec!["cma-hdf"]),
    ] {
        let f = tremplin_store::companies::Fields {
            name: name.into(),
            name_key: tremplin_domain::company::name_key(name),
            country: "FR".into(),
            ..Default::default()
        };
        let id = match tremplin_store::companies::create(&app.db, &actor, None, &f)
            .await
            .expect("c")
        {
            tremplin_store::companies::Created::New(id)
            | tremplin_store::companies::Created::Existing(id) => id,
        };
        for p in partners {
            tremplin_store::accompaniments::create(
                &app.db,
                &actor,
                id,
                &tremplin_store::accompaniments::NewAccompaniment {
                    organisation_id: org(p),
                    title: "Diagnostic".into(),
                    status: "completed".into(),
                    end_date: chrono::NaiveDate::from_ymd_opt(2019, 3, 15),
                    ..Default::default()
                },
            )
            .await
            .expect("acc");
        }
    }
    let (_, page) = get(&pilot, &app, "/pilotage/tableau-de-bord?annee=2019").await;
    let count = page
        .split("id=\"steer-count\">")
        .nth(1)
        .and_then(|s| s.split('<').next());
    assert_eq!(count, Some("2"), "two distinct companies");
    assert!(page.contains("600 (0 %)"), "share of the target");
    assert!(
        page.contains("<svg class=\"chart\"") && page.contains("<title id=\"chart-title\">"),
        "the chart"
    );
    let csv = pilot
        .get(format!(
            "{}/pilotage/tableau-de-bord?annee=2019&format=csv",
            app.base
        ))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("csv");
    assert!(
        csv.contains("CCI Hauts-de-France,1") && csv.contains("Bpifrance,1"),
        "{csv}"
    );
    // The public page: no login, no personal data, also as JSON.
    let anonymous = client();
    let (s, page) = get(&anonymous, &app, "/statistiques").await;
    assert_eq!(s, 200);
    assert!(page.contains("id=\"stats-years\"") && !page.contains("Alpha"));
    let json = get_json(&anonymous, &app, "/statistiques?format=json").await;
    let y2019 = json["years"]
        .as_array()
        .expect("years")
        .iter()
        .find(|y| y["year"] == 2019)
        .expect("2019")
        .clone();
    assert_eq!(y2019["companies_accompanied"], 2);
    assert_eq!(y2019["target"], 600);
    assert_eq!(audit_of(&app.db, "targets").await.len(), 1);
}
both!(the_pilot_sets_targets_and_follows_progress);

async fn breakdowns_drill_down_to_the_companies(db: Db) {
    let app = spawn(db).await;
    let pilot = logged_in(&app, PILOT).await;
    let actor = tremplin_store::audit::Actor::system("test");
    let cci = tremplin_store::orgs::by_slug(&app.db, "cci-hdf")
        .await
        .expect("o")
        .expect("cci")
        .id;
    for (name, commune, band) in [
        ("Alpha", "59350", "10-49"),
        ("Beta", "80021", "1-9"),
        ("Gamma", "59183", "10-49"),
    ] {
        let f = tremplin_store::companies::Fields {
            name: name.into(),
            name_key: tremplin_domain::company::name_key(name),
            country: "FR".into(),
            commune: Some(commune.into()),
            departement: Some(commune[..2].into()),
            headcount_band: Some(band.into()),
            naf: Some("10.71C".into()),
            ..Default::default()
        };
        let id = match tremplin_store::companies::create(&app.db, &actor, None, &f)
            .await
            .expect("c")
        {
            tremplin_store::companies::Created::New(id)
            | tremplin_store::companies::Created::Existing(id) => id,
        };
        tremplin_store::accompaniments::create(
            &app.db,
            &actor,
            id,
            &tremplin_store::accompaniments::NewAccompaniment {
                organisation_id: cci,
                title: "x".into(),
                status: "completed".into(),
                end_date: chrono::NaiveDate::from_ymd_opt(2019, 5, 1),
                ..Default::default()
            },
        )
        .await
        .expect("acc");
    }
    let base = "/pilotage/tableau-de-bord/repartition?annee=2019";
    let (s, page) = get(&pilot, &app, &format!("{base}&par=departement")).await;
    assert_eq!(s, 200);
    let table = page.split("id=\"breakdown\"").nth(1).expect("table");
    assert!(
        table.contains("Nord (59)</a></th><td>2</td>")
            && table.contains("Somme (80)</a></th><td>1</td>"),
        "{table}"
    );
    let (_, page) = get(&pilot, &app, &format!("{base}&par=taille")).await;
    assert!(page.contains("<td>2</td>"));
    let (_, page) = get(&pilot, &app, &format!("{base}&par=naf")).await;
    assert!(
        page.contains("C — ") && page.contains("<td>3</td>"),
        "one NAF section"
    );
    // Drill down: the companies of Nord.
    let (_, page) = get(&pilot, &app, &format!("{base}&par=departement&valeur=59")).await;
    let list = page.split("id=\"drill-companies\"").nth(1).expect("list");
    assert!(list.contains("Alpha") && list.contains("Gamma") && !list.contains("Beta"));
    let xlsx = pilot
        .get(format!(
            "{}{base}&par=departement&valeur=59&format=xlsx",
            app.base
        ))
        .send()
        .await
        .expect("get")
        .bytes()
        .await
        .expect("b");
    assert!(xlsx.starts_with(b"PK"));
    assert_eq!(
        get(&logged_in(&app, ADVISER).await, &app, base).await.0,
        403
    );
}
both!(breakdowns_drill_down_to_the_companies);
