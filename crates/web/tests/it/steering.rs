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
    let months = pilot
        .get(format!(
            "{}/pilotage/tableau-de-bord?annee=2019&table=mois&format=csv",
            app.base
        ))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("csv");
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
    let table = |page: String| {
        page.split("id=\"breakdown\"")
            .nth(1)
            .map(str::to_string)
            .unwrap_or_else(|| panic!("no table in {page}"))
    };
    let t = table(get(&pilot, &app, &format!("{base}&par=besoin")).await.1);
    assert!(t.contains("<td>1</td>") && t.contains("orientation"), "{t}");
    let t = table(get(&pilot, &app, &format!("{base}&par=zone")).await.1);
    assert!(
        t.contains("Asie</a></th><td>1</td>"),
        "Japan is in Asia: {t}"
    );
    let t = table(get(&pilot, &app, &format!("{base}&par=experience")).await.1);
    assert!(
        t.contains("n&#39;a jamais exporté</a></th><td>1</td>")
            || t.contains("n'a jamais exporté</a></th><td>1</td>"),
        "{t}"
    );
    let t = table(get(&pilot, &app, &format!("{base}&par=primo")).await.1);
    assert!(t.contains("oui (") && t.contains("<td>1</td>"), "{t}");
    let t = table(get(&pilot, &app, &format!("{base}&par=antenne")).await.1);
    assert!(
        t.contains("CMA Hauts-de-France — ") && t.contains("<td>1</td>"),
        "the branch that closed it: {t}"
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
    let csv = pilot
        .get(format!(
            "{}/pilotage/qualite?annee={year}&format=csv",
            app.base
        ))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("csv");
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

fn item_ids(page: &str) -> Vec<String> {
    page.split("action=\"/pilotage/revue/points/")
        .skip(1)
        .filter_map(|s| s.split('/').next())
        .map(str::to_string)
        .collect()
}

/// The pilot records two action items and a decision in March; the open ones carry over to
/// April, one is done there and is gone from May. Bad input is refused and nothing is stored.
async fn a_monthly_review_carries_open_action_items_over(db: Db) {
    let app = spawn(db).await;
    let pilot = logged_in(&app, PILOT).await;
    let manager = logged_in(&app, "nathalie.dupuis@cci-hdf.example").await;
    let (s, page) = get(&pilot, &app, "/pilotage/revue?mois=2019-03").await;
    assert_eq!(s, 200);
    assert!(
        page.contains("Revue mensuelle — mars 2019") && page.contains("Aucune décision ni action"),
        "{page}"
    );
    let (s, page) = get(&pilot, &app, "/pilotage/revue?mois=2019-13").await;
    assert_eq!(s, 422);
    assert!(page.contains("Mois invalide"), "{page}");
    let orgs = tremplin_store::orgs::list(&app.db).await.expect("orgs");
    let cci = orgs
        .iter()
        .find(|o| o.slug == "cci-hdf")
        .expect("cci")
        .id
        .to_string();
    let cma = orgs
        .iter()
        .find(|o| o.slug == "cma-hdf")
        .expect("cma")
        .id
        .to_string();
    let add = |form: Vec<(&'static str, String)>| {
        let c = pilot.clone();
        let url = format!("{}/pilotage/revue/points", app.base);
        async move { c.post(url).form(&form).send().await.expect("post") }
    };
    for (form, message) in [
        (
            vec![
                ("mois", "2019-03".to_string()),
                ("kind", "action".into()),
                ("body", " ".into()),
                ("owner_organisation", cci.clone()),
            ],
            "obligatoire",
        ),
        (
            vec![
                ("mois", "2019-03".to_string()),
                ("kind", "action".into()),
                ("body", "Relancer".into()),
            ],
            "a un responsable",
        ),
        (
            vec![
                ("mois", "2019-03".to_string()),
                ("kind", "action".into()),
                ("body", "Relancer".into()),
                ("owner_person", "Paul".into()),
                ("due_on", "31/04/2019".into()),
            ],
            "AAAA-MM-JJ",
        ),
        (
            vec![
                ("mois", "2019-03".to_string()),
                ("kind", "vote".into()),
                ("body", "Relancer".into()),
                ("owner_person", "Paul".into()),
            ],
            "Valeur inconnue",
        ),
        (
            vec![
                ("mois", "2019-03".to_string()),
                ("kind", "action".into()),
                ("body", "Relancer".into()),
                ("owner_organisation", "not-a-partner".into()),
            ],
            "Valeur inconnue",
        ),
    ] {
        let r = add(form).await;
        assert_eq!(r.status(), 422, "{message}");
        assert!(r.text().await.expect("b").contains(message), "{message}");
    }
    assert!(
        tremplin_store::review::items(&app.db, "2019-03")
            .await
            .expect("i")
            .is_empty(),
        "nothing stored"
    );
    let r = manager
        .post(format!("{}/pilotage/revue/points", app.base))
        .form(&[("mois", "2019-03"), ("kind", "decision"), ("body", "x")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 403, "only the pilot records");
    for form in [
        vec![
            ("mois", "2019-03".to_string()),
            ("kind", "action".into()),
            ("body", "Relancer les CCI sur les salons".into()),
            ("owner_organisation", cci.clone()),
            ("owner_person", "Nathalie Dupuis".into()),
            ("due_on", "2019-04-15".into()),
        ],
        vec![
            ("mois", "2019-03".to_string()),
            ("kind", "action".into()),
            ("body", "Fiche Team France Export à mettre à jour".into()),
            ("owner_organisation", cma.clone()),
        ],
        vec![
            ("mois", "2019-03".to_string()),
            ("kind", "decision".into()),
            ("body", "Objectif 2019 maintenu à 600".into()),
        ],
    ] {
        let r = add(form).await;
        assert_eq!(r.status(), 303);
        assert_eq!(location(&r), "/pilotage/revue?mois=2019-03#points");
    }
    let (_, march) = get(&pilot, &app, "/pilotage/revue?mois=2019-03").await;
    assert!(
        march.contains("Objectif 2019 maintenu") && march.contains("Nathalie Dupuis"),
        "{march}"
    );
    // April: both action items carried over, not the decision.
    let (_, april) = get(&pilot, &app, "/pilotage/revue?mois=2019-04").await;
    assert_eq!(
        april.matches("reportée depuis 2019-03").count(),
        2,
        "{april}"
    );
    assert!(!april.contains("Objectif 2019 maintenu"));
    let ids = item_ids(&april);
    assert_eq!(ids.len(), 2);
    let r = post_form(
        &pilot,
        &app,
        &format!("/pilotage/revue/points/{}/statut", ids[0]),
        &[("mois", "2019-04"), ("statut", "done")],
    )
    .await;
    assert_eq!(r.status(), 303);
    let (_, april) = get(&pilot, &app, "/pilotage/revue?mois=2019-04").await;
    assert!(
        april.contains("<td>faite</td>") && april.contains("<td>à faire</td>"),
        "{april}"
    );
    let (_, may) = get(&pilot, &app, "/pilotage/revue?mois=2019-05").await;
    assert_eq!(
        may.matches("reportée depuis 2019-03").count(),
        1,
        "only the open one: {may}"
    );
    assert!(may.contains("Fiche Team France Export") && !may.contains("Relancer les CCI"));
    // A decision has no status; an item cannot be closed at a review before it was raised.
    let decision = tremplin_store::review::items(&app.db, "2019-03")
        .await
        .expect("i")
        .into_iter()
        .find(|i| i.kind == "decision")
        .expect("d");
    let r = post_form(
        &pilot,
        &app,
        &format!("/pilotage/revue/points/{}/statut", decision.id),
        &[("mois", "2019-03"), ("statut", "done")],
    )
    .await;
    assert_eq!(r.status(), 409);
    let r = post_form(
        &pilot,
        &app,
        &format!("/pilotage/revue/points/{}/statut", ids[1]),
        &[("mois", "2019-02"), ("statut", "done")],
    )
    .await;
    assert_eq!(r.status(), 409);
    // Exports of every table, the managers' read-only view.
    let csv = pilot
        .get(format!(
            "{}/pilotage/revue?mois=2019-05&table=points&format=csv",
            app.base
        ))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("csv");
    assert!(
        csv.contains("Fiche Team France Export") && csv.contains("2019-03"),
        "{csv}"
    );
    for t in [
        "demandes",
        "retards",
        "orientations",
        "enlises",
        "sans-suite",
        "evenements",
        "catalogue",
        "points",
    ] {
        let r = pilot
            .get(format!(
                "{}/pilotage/revue?mois=2019-05&table={t}&format=xlsx",
                app.base
            ))
            .send()
            .await
            .expect("get");
        assert_eq!(r.status(), 200, "{t}");
        assert!(r.bytes().await.expect("b").starts_with(b"PK"), "{t}");
    }
    assert_eq!(
        get(
            &pilot,
            &app,
            "/pilotage/revue?mois=2019-05&table=nope&format=xlsx"
        )
        .await
        .0,
        400
    );
    let (s, page) = get(&manager, &app, "/pilotage/revue?mois=2019-05").await;
    assert_eq!(s, 200);
    assert!(
        page.contains("Fiche Team France Export") && !page.contains("/pilotage/revue/points\""),
        "read-only for managers"
    );
    assert_eq!(
        get(&logged_in(&app, ADVISER).await, &app, "/pilotage/revue")
            .await
            .0,
        403
    );
    assert_eq!(
        audit_of(&app.db, "review_item").await.len(),
        4,
        "3 added, 1 closed"
    );
}
both!(a_monthly_review_carries_open_action_items_over);

/// The review as PDF: printed by Chromium when it is there (required in CI), a clear 503
/// message when the configured browser is missing.
async fn the_review_prints_to_pdf_or_says_why_not(db: Db) {
    let cfg = tremplin_web::WebConfig {
        chromium: Some("/nonexistent/chromium".into()),
        ..Default::default()
    };
    let app = spawn_with(db.clone(), cfg).await;
    let pilot = logged_in(&app, PILOT).await;
    let (s, page) = get(&pilot, &app, "/pilotage/revue/pdf?mois=2019-03").await;
    assert_eq!(s, 503);
    assert!(
        page.contains("Chromium") && page.contains("Enregistrer au format PDF"),
        "{page}"
    );
    let has_browser = std::path::Path::new("/usr/bin/chromium").is_file();
    if !has_browser {
        assert!(
            std::env::var("E2E_REQUIRED").is_err(),
            "CI installs chromium: the PDF leg must run"
        );
        eprintln!("skipped: the PDF leg needs /usr/bin/chromium");
        return;
    }
    let app = spawn_with(
        db,
        tremplin_web::WebConfig {
            chromium: Some("/usr/bin/chromium".into()),
            ..Default::default()
        },
    )
    .await;
    let pilot = logged_in(&app, PILOT).await;
    let r = pilot
        .get(format!("{}/pilotage/revue/pdf?mois=2019-03", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    let pdf = r.bytes().await.expect("b");
    assert!(
        pdf.starts_with(b"%PDF") && pdf.len() > 1000,
        "a PDF of {} bytes",
        pdf.len()
    );
}
both!(the_review_prints_to_pdf_or_says_why_not);
