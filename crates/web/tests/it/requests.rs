//! Requests routed to partners: public requests and their handling, routing rules tested and
//! published, coverage, inboxes, the chasing ladder and escalations.

use chrono::Duration;
use tremplin_store::Db;
use tremplin_store::both_backends as both;
use tremplin_store::{mail, now};
use tremplin_web::jobs;

use crate::helpers::*;

fn first_match_link(inbox: &str) -> String {
    inbox
        .split("href=\"/demandes/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .map(|id| format!("/demandes/{id}"))
        .expect("a request in the inbox")
}

async fn public_requests_are_routed_and_handled(db: Db) {
    let app = spawn(db).await;
    request_call_back(
        &app,
        "departement=59&registre=rm&besoins=orientation",
        "Atelier Craft",
        "jeanne@test.example",
    )
    .await;
    request_call_back(
        &app,
        "departement=59&registre=rcs&naf=46.90Z&besoins=orientation",
        "Négoce Trade",
        "jeanne@test.example",
    )
    .await;

    let cma = logged_in(&app, CMA_NORD).await;
    let (_, inbox) = get(&cma, &app, "/demandes").await;
    assert!(
        inbox.contains("Atelier Craft"),
        "craft company routed to the CMA: {inbox}"
    );
    assert!(!inbox.contains("Négoce Trade"));
    let cci = logged_in(&app, ADVISER).await;
    let (_, inbox) = get(&cci, &app, "/demandes").await;
    assert!(
        inbox.contains("Négoce Trade"),
        "trading company routed to the CCI"
    );
    assert!(!inbox.contains("Atelier Craft"));

    // Why this partner, then the lifecycle.
    let (_, cma_inbox) = get(&cma, &app, "/demandes").await;
    let link = first_match_link(&cma_inbox);
    let (s, page) = get(&cma, &app, &link).await;
    assert_eq!(s, 200);
    assert!(
        page.contains("registre d&#39;immatriculation")
            || page.contains("registre d'immatriculation"),
        "why: the register"
    );
    assert!(page.contains("votre antenne couvre le département"));
    // Another partner cannot open it.
    assert_eq!(get(&cci, &app, &link).await.0, 403);
    let post = |status: &'static str, reason: &'static str| {
        let c = cma.clone();
        let url = format!("{}{link}/statut", app.base);
        async move {
            c.post(url)
                .form(&[("status", status), ("reason", reason)])
                .send()
                .await
                .expect("post")
        }
    };
    assert_eq!(post("taking_charge", "").await.status(), 303);
    assert_eq!(
        post("not_for_me", "").await.status(),
        422,
        "a reason is required"
    );
    assert_eq!(post("done", "").await.status(), 303);
    let (_, page) = get(&cma, &app, &link).await;
    assert!(page.contains("accompagnée") && page.contains("Rouvrir"));
    let (_, closed) = get(&cma, &app, "/demandes?onglet=closed").await;
    assert!(closed.contains("Atelier Craft"));
    // Exports: plain CSV and the French-Excel profile (BOM, semicolons).
    let r = cma
        .get(format!("{}/demandes?onglet=all&format=csv", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(
        r.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("text/csv; charset=utf-8")
    );
    let csv = r.text().await.expect("body");
    assert!(
        csv.starts_with("Raison sociale,") && csv.contains("Atelier Craft"),
        "{csv}"
    );
    let excel = cma
        .get(format!("{}/demandes?onglet=all&format=excel", app.base))
        .send()
        .await
        .expect("get")
        .bytes()
        .await
        .expect("body");
    assert!(excel.starts_with("\u{feff}Raison sociale;".as_bytes()));
    assert_eq!(post("waiting", "").await.status(), 303, "reopened");
    // The request becomes (or opens) the company's shared file, with the request in its timeline.
    let r = cma
        .post(format!("{}{link}/fiche", app.base))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    let file = location(&r);
    assert!(file.starts_with("/entreprises/"), "{file}");
    let (s, page) = get(&cma, &app, &file).await;
    assert_eq!(s, 200);
    assert!(page.contains("Atelier Craft") && page.contains("Demande reçue"));
    let r = cma
        .post(format!("{}{link}/fiche", app.base))
        .send()
        .await
        .expect("post");
    assert_eq!(location(&r), file, "linked once, opened afterwards");
    let rows = audit_of(&app.db, "match").await;
    assert_eq!(rows.len(), 3, "three status changes");
}
both!(public_requests_are_routed_and_handled);

async fn the_pilot_tests_rules_and_sees_coverage(db: Db) {
    let app = spawn(db).await;
    let adviser = logged_in(&app, ADVISER).await;
    assert_eq!(get(&adviser, &app, "/pilotage/routage").await.0, 403);
    let pilot = logged_in(&app, "pilote@region-hdf.example").await;
    let (s, page) = get(
        &pilot,
        &app,
        "/pilotage/routage?sujet=orientation&commune=59350&registre=rm",
    )
    .await;
    assert_eq!(s, 200);
    let status = page
        .split("role=\"status\"")
        .nth(1)
        .and_then(|s| s.split("</div>").next())
        .unwrap_or("");
    assert!(
        status.contains("CMA Hauts-de-France") && status.contains("CMA — Nord"),
        "{status}"
    );
    assert!(!status.contains("CCI Hauts-de-France"));
    // The coverage report names every need × département; a gap would read "aucun".
    assert!(page.contains("Aisne (02)") && page.contains("Somme (80)"));
    let (s, page) = get(
        &pilot,
        &app,
        "/pilotage/routage?sujet=orientation&commune=5935",
    )
    .await;
    assert_eq!(s, 422);
    assert!(page.contains("id=\"commune-error\""));
}
both!(the_pilot_tests_rules_and_sees_coverage);

async fn the_pilot_drafts_tests_and_publishes_a_rule(db: Db) {
    let app = spawn(db).await;
    let pilot = logged_in(&app, "pilote@region-hdf.example").await;
    let douanes = tremplin_store::orgs::by_slug(&app.db, "douanes")
        .await
        .expect("org")
        .expect("exists")
        .id
        .to_string();
    let post = Poster::new(&pilot, &app, "/pilotage/routage/regles");
    let base = |extra: Vec<(&'static str, &str)>| {
        let mut f: Vec<(&'static str, String)> = vec![
            ("subject", "fx_risk".into()),
            ("organisation", douanes.clone()),
            ("registry", "any".into()),
            ("position", "5".into()),
        ];
        for (k, v) in extra {
            f.retain(|(x, _)| *x != k);
            f.push((k, v.to_string()));
        }
        f
    };
    // Bad input: each field says what is wrong; nothing is stored.
    for (extra, message) in [
        (
            vec![("min_headcount", "50"), ("max_headcount", "10")],
            "inférieur au minimum",
        ),
        (vec![("naf_include", "10.71C, ZZ")], "Filtre NAF invalide"),
        (vec![("subject", "astrologie")], "Besoin inconnu"),
        (vec![("min_age", "-1")], "négative"),
        (vec![("registry", "rcs_maybe")], "Valeur inconnue"),
    ] {
        let r = post.send("", base(extra)).await;
        assert_eq!(r.status(), 422);
        assert!(r.text().await.expect("body").contains(message), "{message}");
    }
    let before = tremplin_store::routing::rules(&app.db)
        .await
        .expect("rules")
        .len();
    let r = post
        .send(
            "",
            base(vec![("min_headcount", "10"), ("naf_include", "c, 46")]),
        )
        .await;
    assert_eq!(r.status(), 303);
    let rules = tremplin_store::routing::rules(&app.db)
        .await
        .expect("rules");
    assert_eq!(rules.len(), before + 1);
    let new = rules.iter().find(|r| !r.active).expect("a draft");
    assert_eq!(new.naf_include, ["C", "46"]);
    // A draft routes nothing live; the test mode tries it on request.
    let test = "/pilotage/routage?sujet=fx_risk&commune=59350&effectif=50&naf=46.90Z";
    let status = |page: &str| {
        page.split("role=\"status\"")
            .nth(1)
            .and_then(|s| s.split("</div>").next())
            .unwrap_or("")
            .to_string()
    };
    let (_, page) = get(&pilot, &app, test).await;
    assert!(!status(&page).contains("Douanes"), "{}", status(&page));
    let (_, page) = get(&pilot, &app, &format!("{test}&brouillons=1")).await;
    assert!(status(&page).contains("Douanes"), "{}", status(&page));
    let (s, page) = get(
        &pilot,
        &app,
        "/pilotage/routage?sujet=fx_risk&commune=59350&effectif=3&naf=46.90Z&brouillons=1",
    )
    .await;
    assert_eq!(s, 200);
    assert!(
        status(&page).contains("Bpifrance") && !status(&page).contains("Douanes"),
        "too small for the rule"
    );
    // Publish: live routing uses it; withdraw: it stops.
    let publish = pilot
        .post(format!(
            "{}/pilotage/routage/regles/{}/publier",
            app.base, new.id
        ))
        .send()
        .await
        .expect("post");
    assert_eq!(publish.status(), 303);
    let (_, page) = get(&pilot, &app, test).await;
    assert!(status(&page).contains("Douanes"));
    // Editing keeps it published and changes its conditions.
    let mut edit = base(vec![("min_headcount", "100")]);
    edit.push(("naf_include", "".into()));
    let r = pilot
        .post(format!("{}/pilotage/routage/regles/{}", app.base, new.id))
        .form(&edit)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    let (_, page) = get(&pilot, &app, test).await;
    assert!(!status(&page).contains("Douanes"), "50 < 100 now");
    // Advisers cannot touch the rules.
    let adviser = logged_in(&app, ADVISER).await;
    let r = adviser
        .post(format!(
            "{}/pilotage/routage/regles/{}/retirer",
            app.base, new.id
        ))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 403);
    let audit = audit_of(&app.db, "routing_rule").await;
    assert_eq!(audit.len(), 3, "created, published, edited");
}
both!(the_pilot_drafts_tests_and_publishes_a_rule);

async fn the_ladder_chases_waiting_requests_and_overdue_referrals_escalate(db: Db) {
    let app = spawn(db).await;
    let link = craft_request(&app).await;
    let reminders = |v: Vec<mail::MailRow>| v.into_iter().filter(|m| m.kind == "reminder").count();
    let r = jobs::run(&app.state, now() + Duration::days(8))
        .await
        .expect("jobs");
    assert_eq!(r.reminders, 0);
    let r = jobs::run(&app.state, now() + Duration::days(10))
        .await
        .expect("jobs");
    assert_eq!(r.reminders, 1);
    assert_eq!(
        reminders(mail::to_address(&app.db, CMA_NORD).await.expect("m")),
        1
    );
    assert_eq!(
        jobs::run(&app.state, now() + Duration::days(11))
            .await
            .expect("jobs")
            .reminders,
        0,
        "once per step"
    );
    // The pilot sees it on the reminder view, then at 45 days is mailed too.
    let pilot = logged_in(&app, PILOT).await;
    let (s, page) = get(&pilot, &app, "/pilotage/relances").await;
    assert_eq!(s, 200);
    assert!(page.contains("Atelier Craft"));
    assert_eq!(
        get(&logged_in(&app, ADVISER).await, &app, "/pilotage/relances")
            .await
            .0,
        403
    );
    assert_eq!(
        jobs::run(&app.state, now() + Duration::days(46))
            .await
            .expect("jobs")
            .reminders,
        1
    );
    assert_eq!(
        reminders(mail::to_address(&app.db, PILOT).await.expect("m")),
        1
    );
    // Taken in charge: no more chasing.
    let cma = logged_in(&app, CMA_NORD).await;
    post_form(
        &cma,
        &app,
        &format!("{link}/statut"),
        &[("status", "taking_charge")],
    )
    .await;
    assert!(
        tremplin_store::routing::waiting(&app.db)
            .await
            .expect("w")
            .is_empty()
    );

    // A referral due today is escalated to the pilot the day after, once.
    let file = open_file(&cma, &app, &link).await;
    let (_, page) = get(&cma, &app, &file).await;
    let today = tremplin_domain::dates::paris_date(now()).to_string();
    let r = post_form(
        &cma,
        &app,
        &format!("{file}/orientations"),
        &[
            ("need", &need_id(&page)),
            ("to", &org_id(&app.db, "bpifrance").await),
            ("message", "Financement"),
            ("due", &today),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        jobs::run(&app.state, now()).await.expect("jobs").escalated,
        0
    );
    assert_eq!(
        jobs::run(&app.state, now() + Duration::days(2))
            .await
            .expect("jobs")
            .escalated,
        1
    );
    assert_eq!(
        jobs::run(&app.state, now() + Duration::days(3))
            .await
            .expect("jobs")
            .escalated,
        0
    );
    let escalations = mail::to_address(&app.db, PILOT)
        .await
        .expect("m")
        .into_iter()
        .filter(|m| m.kind == "referral_escalated")
        .count();
    assert_eq!(escalations, 1);
}

both!(the_ladder_chases_waiting_requests_and_overdue_referrals_escalate);

async fn inboxes_by_branch_and_mine_with_xlsx_export(db: Db) {
    let app = spawn(db).await;
    let link = craft_request(&app).await;
    let cma = logged_in(&app, CMA_NORD).await;
    let (_, mine) = get(&cma, &app, "/demandes?vue=moi").await;
    assert!(
        !mine.contains("Atelier Craft"),
        "not mine before taking charge"
    );
    post_form(
        &cma,
        &app,
        &format!("{link}/statut"),
        &[("status", "taking_charge")],
    )
    .await;
    let (_, mine) = get(&cma, &app, "/demandes?vue=moi").await;
    assert!(
        mine.contains("Atelier Craft") && mine.contains("Prises en charge (1)"),
        "{mine}"
    );
    let (s, branch) = get(&cma, &app, "/demandes?vue=antenne&onglet=all").await;
    assert_eq!(s, 200);
    assert!(
        branch.contains("Atelier Craft"),
        "routed to the Nord branch"
    );
    let (_, old) = get(&cma, &app, "/demandes?onglet=all&age=3").await;
    assert!(
        !old.contains("Atelier Craft"),
        "received today, not older than 3 days"
    );
    let r = cma
        .get(format!("{}/demandes?onglet=all&format=xlsx", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(
        r.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    );
    let bytes = r.bytes().await.expect("body");
    assert!(bytes.starts_with(b"PK"), "a zip container");
}

both!(inboxes_by_branch_and_mine_with_xlsx_export);

async fn an_adviser_enters_a_request_routed_by_the_rules(db: Db) {
    let app = spawn(db).await;
    let link = craft_request(&app).await;
    let cma = logged_in(&app, CMA_NORD).await;
    let file = open_file(&cma, &app, &link).await;
    let r = post_form(
        &cma,
        &app,
        &format!("{file}/demandes"),
        &[("subject", "astrologie")],
    )
    .await;
    assert_eq!(r.status(), 422);
    let r = post_form(
        &cma,
        &app,
        &format!("{file}/demandes"),
        &[
            ("subject", "finance_prospection"),
            ("message", "Salon à Dubaï"),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    // Routed to Bpifrance by the default rules; it shows on the file and in Bpifrance's inbox.
    let emma = logged_in(&app, "emma.deswarte@bpifrance.example").await;
    let (_, inbox) = get(&emma, &app, "/demandes").await;
    assert!(inbox.contains("Atelier Craft"), "{inbox}");
    let (_, page) = get(&cma, &app, &file).await;
    assert!(page.contains("Bpifrance"));
}

both!(an_adviser_enters_a_request_routed_by_the_rules);

/// An anonymous request carrying the SIREN of a file another partner holds does not open that
/// file to the partner handling the request: the holder is asked for access.
async fn a_siren_in_a_request_opens_no_file_by_itself(db: Db) {
    let app = spawn(db).await;
    let cci = logged_in(&app, ADVISER).await;
    let r = post_form(
        &cci,
        &app,
        "/entreprises/nouvelle",
        &[("name", "Atelier Craft"), ("siren", "215903501")],
    )
    .await;
    assert_eq!(r.status(), 303);
    let file = location(&r);
    let r = post_form(
        &client(),
        &app,
        "/orientation/rappel",
        &[
            ("profil", "departement=59&registre=rm&besoins=orientation"),
            ("nom", "Jeanne Test"),
            ("email", "jeanne@test.example"),
            ("entreprise", "Atelier Craft"),
            ("siren", "215903501"),
            ("consentement", "oui"),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let cma = logged_in(&app, CMA_NORD).await;
    let (_, inbox) = get(&cma, &app, "/demandes").await;
    let link = crate::html::row_links(&inbox, "table", "Atelier Craft")
        .into_iter()
        .find(|h| h.starts_with("/demandes/"))
        .expect("the request in the CMA inbox");
    let r = post_form(&cma, &app, &format!("{link}/fiche"), &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), format!("{link}?acces=demande"));
    assert_eq!(get(&cma, &app, &file).await.0, 403);
    let (_, page) = get(&cma, &app, &location(&r)).await;
    assert!(
        crate::html::texts(&page, "[role=status]")
            .iter()
            .any(|t| t.contains("nous lui avons demandé l'accès")),
        "{page}"
    );
    let (_, mine) = get(&cci, &app, "/entreprises").await;
    let asked = crate::html::table(&mine, "#acces + table");
    assert_eq!(asked[1][2], "demande d'entreprise reçue", "{asked:?}");
}
both!(a_siren_in_a_request_opens_no_file_by_itself);
