//! Targets, the dashboard and the public statistics through the real server.

use tremplin_store::Db;
use tremplin_store::both_backends as both;

use crate::helpers::*;
use crate::html::table;

async fn the_pilot_sets_targets_and_follows_progress(db: Db) {
    let app = spawn(db).await;
    let pilot = logged_in(&app, PILOT).await;
    let adviser = logged_in(&app, ADVISER).await;
    assert_eq!(get(&adviser, &app, "/pilotage/objectifs").await.0, 403);
    assert_eq!(
        get(&adviser, &app, "/pilotage/tableau-de-bord").await.0,
        403
    );
    let post = Poster::new(&pilot, &app, "/pilotage/objectifs");
    // Bad input: negative, absurd, not a number, a year out of range.
    for (value, message) in [
        ("-5", "nombre entier positif"),
        ("250000", "trop grande"),
        ("six cents", "en chiffres"),
    ] {
        let r = post
            .send("", vec![("annee", "2019"), ("cible_team", value)])
            .await;
        assert_eq!(r.status(), 422, "{value}");
        assert!(r.text().await.expect("b").contains(message), "{message}");
    }
    assert_eq!(
        post.send("", vec![("annee", "1789"), ("cible_team", "600")])
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
    let r = post
        .send("", vec![("annee", "2019"), ("cible_team", "600")])
        .await;
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
                    status: Default::default(),
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
    let csv = get(
        &pilot,
        &app,
        "/pilotage/tableau-de-bord?annee=2019&format=csv",
    )
    .await
    .1;
    assert!(
        csv.contains("CCI Hauts-de-France,1") && csv.contains("Bpifrance,1"),
        "{csv}"
    );
    let months = get(
        &pilot,
        &app,
        "/pilotage/tableau-de-bord?annee=2019&table=mois&format=csv",
    )
    .await
    .1;
    assert!(
        months.contains("mars,2,0") && months.contains("décembre,2,0"),
        "{months}"
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
    // Breakdowns of the latest year counted: neither file has a département or an activity yet.
    assert_eq!(json["breakdown_year"], 2019);
    assert_eq!(json["by_departement"][0]["code"], "-");
    assert_eq!(json["by_departement"][0]["companies_accompanied"], 2);
    assert_eq!(json["by_sector"][0]["companies_accompanied"], 2);
    let (_, page) = get(&anonymous, &app, "/statistiques").await;
    assert!(page.contains("id=\"stats-departements\"") && page.contains("id=\"stats-secteurs\""));
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
                status: Default::default(),
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
    let rows = table(&page, "#breakdown");
    let count = |first: &str| rows.iter().find(|r| r[0] == first).map(|r| r[1].clone());
    assert_eq!(count("Nord (59)").as_deref(), Some("2"), "{rows:?}");
    assert_eq!(count("Somme (80)").as_deref(), Some("1"), "{rows:?}");
    let (_, page) = get(&pilot, &app, &format!("{base}&par=taille")).await;
    let rows = table(&page, "#breakdown");
    assert!(
        rows.iter().any(|r| r.get(1).is_some_and(|c| c == "2")),
        "{rows:?}"
    );
    let (_, page) = get(&pilot, &app, &format!("{base}&par=naf")).await;
    let rows = table(&page, "#breakdown");
    assert!(
        rows.iter()
            .any(|r| r[0].starts_with("C — ") && r.get(1).is_some_and(|c| c == "3")),
        "one NAF section: {rows:?}"
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

/// A craft company asks to be called back (its profile says it never exported and targets
/// Japan); returns the CMA's match link.
async fn craft_request(app: &App, company: &str) -> String {
    call_back(
        app,
        "departement=59&registre=rm&besoins=orientation&experience=never&pays=JP",
        company,
        "jeanne@atelier.example",
    )
    .await
}

/// One request accompanied by the CMA's Nord branch, one never answered: the breakdowns by
/// need, zone, export experience, first-time exporters and branch, a filter, and the funnel.
async fn breakdowns_by_need_zone_experience_and_the_funnel(db: Db) {
    let app = spawn(db).await;
    let cma = logged_in(&app, CMA_NORD).await;
    let link = craft_request(&app, "Atelier Zen").await;
    craft_request(&app, "Poterie Oubliée").await;
    assert_eq!(
        post_form(
            &cma,
            &app,
            &format!("{link}/statut"),
            &[("status", "taking_charge")]
        )
        .await
        .status(),
        303
    );
    let r = post_form(&cma, &app, &format!("{link}/fiche"), &[]).await;
    assert_eq!(r.status(), 303, "the company file opened from the request");
    // The dashboard's cached figures follow the change (the triggers bump the data version).
    let pilot = logged_in(&app, PILOT).await;
    let count = |page: String| {
        page.split("id=\"steer-count\">")
            .nth(1)
            .and_then(|s| s.split('<').next())
            .map(str::to_string)
    };
    let before = count(get(&pilot, &app, "/pilotage/tableau-de-bord").await.1);
    assert!(
        before.is_none() || before.as_deref() == Some("0"),
        "{before:?}"
    );
    assert_eq!(
        post_form(&cma, &app, &format!("{link}/statut"), &[("status", "done")])
            .await
            .status(),
        303
    );
    let after = count(get(&pilot, &app, "/pilotage/tableau-de-bord").await.1);
    assert_eq!(
        after.as_deref(),
        Some("1"),
        "recounted after the need was closed"
    );

    let year = tremplin_domain::dates::paris_date(chrono::Utc::now())
        .format("%Y")
        .to_string();
    let base = format!("/pilotage/tableau-de-bord/repartition?annee={year}");
    // (first cell starts with, count) of the breakdown's rows.
    let rows = |page: String| -> Vec<(String, String)> {
        table(&page, "#breakdown")
            .into_iter()
            .filter(|r| r.len() >= 2)
            .map(|r| (r[0].clone(), r[1].clone()))
            .collect()
    };
    let has = |rows: &[(String, String)], first: &str, n: &str| {
        rows.iter().any(|(k, v)| k.starts_with(first) && v == n)
    };
    let t = rows(get(&pilot, &app, &format!("{base}&par=besoin")).await.1);
    // The need "orientation", by its label.
    assert!(has(&t, "Savoir par où commencer", "1"), "{t:?}");
    let t = rows(get(&pilot, &app, &format!("{base}&par=zone")).await.1);
    assert!(has(&t, "Asie", "1"), "Japan is in Asia: {t:?}");
    let t = rows(get(&pilot, &app, &format!("{base}&par=experience")).await.1);
    assert!(has(&t, "n'a jamais exporté", "1"), "{t:?}");
    let t = rows(get(&pilot, &app, &format!("{base}&par=primo")).await.1);
    assert!(has(&t, "oui (", "1"), "{t:?}");
    let t = rows(get(&pilot, &app, &format!("{base}&par=antenne")).await.1);
    assert!(
        has(&t, "CMA Hauts-de-France — ", "1"),
        "the branch that closed it: {t:?}"
    );
    // Filters: Europe has none of them, Asia has it; the drill-down keeps the filter.
    let (_, page) = get(&pilot, &app, &format!("{base}&par=besoin&zone=150")).await;
    assert!(
        page.contains("Aucune entreprise accompagnée ne correspond"),
        "{page}"
    );
    let (_, page) = get(
        &pilot,
        &app,
        &format!("{base}&par=besoin&zone=142&valeur=orientation"),
    )
    .await;
    let list = page
        .split("id=\"drill-companies\"")
        .nth(1)
        .expect("drill-down");
    assert!(
        list.contains("Atelier Zen") && !list.contains("Poterie"),
        "{list}"
    );
    let (s, _) = get(&pilot, &app, &format!("{base}&par=zone&format=xlsx")).await;
    assert_eq!(s, 200);

    // The funnel: two requests to the CMA, one taken in charge and accompanied, one never
    // answered; the CSV has the same figures.
    let (s, page) = get(&pilot, &app, &format!("/pilotage/qualite?annee={year}")).await;
    assert_eq!(s, 200);
    assert!(
        page.contains("<title id=\"funnel-title\">"),
        "the funnel chart"
    );
    let csv = get(
        &pilot,
        &app,
        &format!("/pilotage/qualite?annee={year}&format=csv"),
    )
    .await
    .1;
    let cma_row = csv
        .lines()
        .find(|l| l.starts_with("CMA Hauts-de-France"))
        .expect("a CMA row");
    assert!(
        cma_row.starts_with("CMA Hauts-de-France,2,1 (50 %),1 (50 %),50 %,"),
        "{cma_row}"
    );
    let (_, page) = get(
        &pilot,
        &app,
        &format!("/pilotage/qualite?annee={year}&par=antenne"),
    )
    .await;
    assert!(page.contains("CMA Hauts-de-France — "), "per branch");
    // A year with no request: an honest empty state.
    let (_, page) = get(&pilot, &app, "/pilotage/qualite?annee=2016").await;
    assert!(page.contains("Aucune donnée pour cette période"), "{page}");
    assert_eq!(
        get(&logged_in(&app, ADVISER).await, &app, "/pilotage/qualite")
            .await
            .0,
        403
    );
}
both!(breakdowns_by_need_zone_experience_and_the_funnel);
