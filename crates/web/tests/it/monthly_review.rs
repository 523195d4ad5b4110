//! The monthly review: decisions and action items carried over from month to month, its PDF.

use tremplin_store::Db;
use tremplin_store::both_backends as both;

use crate::helpers::*;

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
    let csv = get(
        &pilot,
        &app,
        "/pilotage/revue?mois=2019-05&table=points&format=csv",
    )
    .await
    .1;
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
