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
