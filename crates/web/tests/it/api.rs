//! The JSON API: JSON and problem+json answers, the OpenAPI description, and the follow-up API
//! (needs, contacts, accompaniments, referrals).

use tremplin_store::Db;
use tremplin_store::both_backends as both;

use crate::helpers::*;

async fn api_answers_json_and_problem_json(db: Db) {
    let app = spawn(db).await;
    let c = client();
    let r = c
        .get(format!("{}/api/v1/me", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 401);
    assert_eq!(
        r.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/problem+json")
    );
    let p: serde_json::Value = r.json().await.expect("json");
    assert_eq!(p["code"], "login_required");
    assert_eq!(p["status"], 401);

    let r = c
        .get(format!("{}/api/v1/nope", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 404);
    let p: serde_json::Value = r.json().await.expect("json");
    assert_eq!(p["code"], "not_found");

    let orgs = get_json(&c, &app, "/api/v1/organisations").await;
    assert_eq!(orgs.as_array().map(|a| a.len()), Some(6));

    let fr = get_json(&c, &app, "/api/v1/reference/countries/za").await;
    assert_eq!(fr["name_fr"], "Afrique du Sud");
    let zones: Vec<String> = serde_json::from_value(fr["zones"].clone()).expect("zones");
    assert!(
        zones.contains(&"southern_africa".to_string())
            && zones.contains(&"sub_saharan_africa".to_string()),
        "{zones:?}"
    );
    let naf = get_json(&c, &app, "/api/v1/reference/naf/6201Z").await;
    assert_eq!(naf["code"], "62.01Z");
    assert_eq!(naf["section"], "J");
    let lille = get_json(&c, &app, "/api/v1/reference/communes/59350").await;
    assert_eq!(lille["name"], "Lille");
    let r = c
        .get(format!("{}/api/v1/reference/naf/99.99X", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 404);

    // English problem titles with Accept-Language.
    let r = c
        .get(format!("{}/api/v1/me", app.base))
        .header("accept-language", "en")
        .send()
        .await
        .expect("get");
    let p: serde_json::Value = r.json().await.expect("json");
    assert_eq!(p["title"], "Login required");

    let me = logged_in(&app, ADVISER).await;
    let r = get_json(&me, &app, "/api/v1/me").await;
    assert_eq!(r["email"], ADVISER);
    assert_eq!(r["memberships"][0]["role"], "adviser");
}
both!(api_answers_json_and_problem_json);

async fn openapi_describes_the_api(db: Db) {
    let app = spawn(db).await;
    let c = client();
    let spec = get_json(&c, &app, "/api/openapi.json").await;
    assert!(spec["openapi"].as_str().unwrap_or("").starts_with("3."));
    for path in [
        "/api/v1/me",
        "/api/v1/organisations",
        "/api/v1/reference/countries/{code}",
        "/api/v1/reference/zones",
    ] {
        assert!(spec["paths"].get(path).is_some(), "{path} documented");
    }
    let r = c
        .get(format!("{}/api/docs/", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 200);
    assert!(r.text().await.expect("body").contains("swagger"));
}
both!(openapi_describes_the_api);

async fn the_api_covers_needs_contacts_accompaniments_and_referrals(db: Db) {
    let app = spawn(db).await;
    let link = craft_request(&app).await;
    let cma = logged_in(&app, CMA_NORD).await;
    let file = open_file(&cma, &app, &link).await;
    let company = file.rsplit('/').next().unwrap_or("").to_string();
    let needs = get_json(&cma, &app, &format!("/api/v1/companies/{company}/needs")).await;
    assert_eq!(needs[0]["subject"], "orientation");
    assert_eq!(needs[0]["matches"][0]["status"], "waiting");
    let need = needs[0]["id"].as_str().expect("need id").to_string();
    let api = |path: String, json: serde_json::Value| {
        let c = cma.clone();
        let url = format!("{}{path}", app.base);
        async move { c.post(url).json(&json).send().await.expect("post") }
    };
    // Accompaniments: bad input is a problem with the field; a good one is created.
    let r = api(
        format!("/api/v1/companies/{company}/accompaniments"),
        serde_json::json!({"title": "", "status": "done"}),
    )
    .await;
    assert_eq!(r.status(), 422);
    let problem: serde_json::Value = r.json().await.expect("json");
    assert!(problem.to_string().contains("title"), "{problem}");
    let r = api(
        format!("/api/v1/companies/{company}/accompaniments"),
        serde_json::json!({"title": "Diagnostic export", "status": "in_progress", "need": need, "loan": "20 000"}),
    )
    .await;
    assert_eq!(r.status(), 201);
    let accs = get_json(
        &cma,
        &app,
        &format!("/api/v1/companies/{company}/accompaniments"),
    )
    .await;
    assert_eq!(accs[0]["need_id"], need.as_str());
    assert_eq!(accs[0]["loan_cents"], 2_000_000);
    let r = post_form(
        &cma,
        &app,
        &format!("{file}/contacts"),
        &[
            ("name", "Jeanne Test"),
            ("email", "jeanne@atelier.example"),
            ("consent", "oui"),
            ("consent_method", "formulaire"),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let contacts = get_json(&cma, &app, &format!("/api/v1/companies/{company}/contacts")).await;
    assert_eq!(contacts[0]["name"], "Jeanne Test");
    assert_eq!(contacts[0]["consent_share"], true);
    // Referrals: create, list on the recipient's side, decline without then with a reason.
    let bpi = org_id(&app.db, "bpifrance").await;
    let r = api(
        format!("/api/v1/companies/{company}/referrals"),
        serde_json::json!({"need": need, "to": bpi, "message": "Assurance prospection ?"}),
    )
    .await;
    assert_eq!(r.status(), 201);
    let referral: serde_json::Value = r.json().await.expect("json");
    assert_eq!(referral["status"], "pending");
    let id = referral["id"].as_str().expect("id").to_string();
    let emma = logged_in(&app, "emma.deswarte@bpifrance.example").await;
    let received = get_json(&emma, &app, "/api/v1/referrals").await;
    assert_eq!(received[0]["id"], id.as_str());
    let sent = get_json(&cma, &app, "/api/v1/referrals?direction=sent").await;
    assert_eq!(sent[0]["id"], id.as_str());
    let decline = |reason: &'static str| {
        let c = emma.clone();
        let url = format!("{}/api/v1/referrals/{id}/decline", app.base);
        async move {
            c.post(url)
                .json(&serde_json::json!({"reason": reason}))
                .send()
                .await
                .expect("post")
        }
    };
    assert_eq!(decline("").await.status(), 422);
    let r = decline("Pas de projet finançable").await;
    assert_eq!(r.status(), 200);
    let out: serde_json::Value = r.json().await.expect("json");
    assert_eq!(out["status"], "declined");
    assert_eq!(decline("encore").await.status(), 409, "already answered");
    // Unknown fields are refused, as everywhere in the API.
    let r = api(
        format!("/api/v1/companies/{company}/referrals"),
        serde_json::json!({"need": need, "to": bpi, "message": "x", "priority": 1}),
    )
    .await;
    assert_eq!(r.status(), 400);
}

both!(the_api_covers_needs_contacts_accompaniments_and_referrals);
