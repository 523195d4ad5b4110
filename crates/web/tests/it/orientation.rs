//! The public questionnaire, its results and the call-back request.

use serde_json::{Value, json};
use tremplin_store::Db;
use tremplin_store::both_backends as both;

use crate::helpers::*;

async fn post_orientation(app: &App, body: &Value) -> (u16, Value) {
    let r = client()
        .post(format!("{}/api/v1/orientation", app.base))
        .json(body)
        .send()
        .await
        .expect("post");
    let s = r.status().as_u16();
    (s, r.json().await.unwrap_or(Value::Null))
}

async fn orientation_api_ranks_and_explains(db: Db) {
    let app = spawn(db).await;
    let (s, body) = post_orientation(
        &app,
        &json!({"naf": "10.71C", "departement": "59", "headcount": 8, "export_experience": "never",
                "offer": "goods", "needs": ["trade_fair"], "registries": ["rm"]}),
    )
    .await;
    assert_eq!(s, 200, "{body}");
    assert!(
        body["catalogue_version"]
            .as_str()
            .is_some_and(|v| v.len() == 16)
    );
    let results = body["results"].as_array().expect("results");
    assert!(!results.is_empty());
    // Ranked: buckets in order, scores decreasing within a bucket.
    let rank = |b: &str| {
        ["eligible", "to_confirm", "not_eligible"]
            .iter()
            .position(|x| *x == b)
            .unwrap_or(9)
    };
    for w in results.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let (ra, rb) = (
            rank(a["bucket"].as_str().unwrap_or("")),
            rank(b["bucket"].as_str().unwrap_or("")),
        );
        assert!(
            ra < rb || (ra == rb && a["score"].as_u64() >= b["score"].as_u64()),
            "{a} before {b}"
        );
    }
    assert!(
        results.iter().all(|r| r["bucket"] != "not_eligible"),
        "not eligible only on request"
    );
    // The first need is served by the top result, and the score lines add up.
    let top = &results[0];
    let lines = top["score_lines"].as_array().expect("lines");
    let sum: u64 = lines
        .iter()
        .map(|l| l["points"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(sum, top["score"].as_u64().unwrap_or(0));
    assert!(lines.iter().any(|l| l["kind"] == "need_primary"), "{top}");
    // Closed schemes are never recommended.
    assert!(
        results
            .iter()
            .all(|r| r["scheme_id"] != "bpifrance-assurance-prospection-accompagnement")
    );
}
both!(orientation_api_ranks_and_explains);

async fn a_trader_is_not_eligible_to_assurance_prospection(db: Db) {
    let app = spawn(db).await;
    let (s, body) = post_orientation(
        &app,
        &json!({"turnover_eur": 3000000, "closed_fiscal_years": 2, "activity_flags": ["international_trading"],
                "include_not_eligible": true}),
    )
    .await;
    assert_eq!(s, 200);
    let ap = body["results"]
        .as_array()
        .and_then(|r| {
            r.iter()
                .find(|r| r["scheme_id"] == "bpifrance-assurance-prospection")
        })
        .expect("AP listed when asked");
    assert_eq!(ap["bucket"], "not_eligible");
    let failing: Vec<&Value> = ap["criteria"]
        .as_array()
        .expect("criteria")
        .iter()
        .filter(|c| c["outcome"] == "fail")
        .collect();
    assert!(!failing.is_empty());
    assert!(
        failing.iter().any(|c| c["requirement"]
            .as_str()
            .unwrap_or("")
            .contains("négoce international")),
        "{failing:?}"
    );
    assert_eq!(ap["score"], 0);
}
both!(a_trader_is_not_eligible_to_assurance_prospection);

async fn bad_profiles_get_field_errors(db: Db) {
    let app = spawn(db).await;
    let (s, body) = post_orientation(
        &app,
        &json!({"turnover_eur": -5, "headcount": 1_000_000_000_000i64, "french_share_pct": 150,
                "needs": ["fly"], "target_zones": ["atlantis"], "target_countries": ["XX"], "siren": "123456789"}),
    )
    .await;
    assert_eq!(s, 422);
    let e = &body["errors"];
    assert_eq!(e["turnover_eur"]["code"], "value_negative");
    assert_eq!(e["headcount"]["code"], "value_too_large");
    assert_eq!(e["french_share_pct"]["code"], "percent_out_of_range");
    assert_eq!(e["siren"]["code"], "siren_checksum");
    assert!(
        e["needs"]["valid"]
            .as_array()
            .is_some_and(|v| v.iter().any(|x| x == "finance_prospection"))
    );
    assert!(
        e["target_zones"]["valid"]
            .as_array()
            .is_some_and(|v| v.iter().any(|x| x == "maghreb"))
    );
    assert_eq!(e["target_countries"]["code"], "country_unknown");
    // Unknown keys and broken JSON: 400 with the parser's explanation.
    let (s, body) = post_orientation(&app, &json!({"turnover": 5})).await;
    assert_eq!(s, 400);
    assert!(
        body["detail"]
            .as_str()
            .unwrap_or("")
            .contains("turnover_eur"),
        "{body}"
    );
    let r = client()
        .post(format!("{}/api/v1/orientation", app.base))
        .header("content-type", "application/json")
        .body(format!("{{\"naf\": \"{}\"}}", "x".repeat(1024 * 1024)))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 413);
    assert_eq!(
        r.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/problem+json")
    );
}
both!(bad_profiles_get_field_errors);

async fn catalogue_search_and_pages(db: Db) {
    let app = spawn(db).await;
    let c = client();
    let ids = |v: Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| s["id"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let all = ids(get_json(&c, &app, "/api/v1/schemes").await);
    assert!(all.len() >= 20, "published schemes: {all:?}");
    let export = ids(get_json(&c, &app, "/api/v1/schemes?q=exporter").await);
    assert!(!export.is_empty());
    let salon = ids(get_json(&c, &app, "/api/v1/schemes?q=SALONS").await);
    assert!(
        salon.contains(&"business-france-pavillon-france".to_string()),
        "{salon:?}"
    );
    let bpi = ids(get_json(
        &c,
        &app,
        "/api/v1/schemes?operator=bpifrance&need=secure_payment",
    )
    .await);
    assert!(
        !bpi.is_empty() && bpi.iter().all(|i| i.starts_with("bpifrance-")),
        "{bpi:?}"
    );
    let closed = ids(get_json(&c, &app, "/api/v1/schemes?status=closed").await);
    assert!(closed.contains(&"bpifrance-assurance-prospection-accompagnement".to_string()));
    // Drafts are for partner accounts.
    let drafts_anon = ids(get_json(&c, &app, "/api/v1/schemes?status=draft").await);
    assert!(drafts_anon.is_empty());
    let adviser = logged_in(&app, ADVISER).await;
    let drafts = ids(get_json(&adviser, &app, "/api/v1/schemes?status=draft").await);
    assert!(
        drafts.contains(&"cma-accompagnement-export".to_string()),
        "{drafts:?}"
    );
    let r = c
        .get(format!("{}/api/v1/schemes?need=nope", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 422);
    let one = get_json(&c, &app, "/api/v1/schemes/bpifrance-assurance-prospection").await;
    assert_eq!(one["confidence"], "to_confirm");
    assert!(one["sources"].as_array().is_some_and(|s| !s.is_empty()));
    assert_eq!(get(&c, &app, "/api/v1/schemes/nope").await.0, 404);
    let (s, body) = get(&c, &app, "/dispositifs?q=douane").await;
    assert_eq!(s, 200);
    assert!(body.contains("/dispositifs/douane-"));
    let (s, body) = get(&c, &app, "/dispositifs/bpifrance-assurance-prospection").await;
    assert_eq!(s, 200);
    assert!(body.contains("Sources"));
}
both!(catalogue_search_and_pages);

/// The questionnaire end to end over HTTP: screen 1 (posted: the SIREN stays out of URLs),
/// screen 2, results, refinement fields only when useful, call-back stored with consent.
async fn questionnaire_results_and_call_back(db: Db) {
    let app = spawn(db.clone()).await;
    let c = client();
    let r = c
        .post(format!("{}/orientation", app.base))
        .form(&[
            ("siren", "215903501"),
            ("naf", "10.71C"),
            ("departement", "59"),
            ("effectif", "1-9"),
            ("ca", ""),
            ("creation", "2015"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    let next = location(&r);
    assert!(
        next.starts_with("/orientation/etape-2?") && !next.contains("215903501"),
        "{next}"
    );
    let (s, body) = get(&c, &app, &next).await;
    assert_eq!(s, 200);
    assert!(body.contains("name=\"besoins\""));
    // Screen 1 errors come back next to the field.
    let r = c
        .post(format!("{}/orientation", app.base))
        .form(&[("siren", "123456789"), ("creation", "3000")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 422);
    let body = r.text().await.expect("body");
    assert!(body.contains("id=\"siren-error\"") && body.contains("id=\"creation-error\""));
    assert!(body.contains("value=\"123456789\""), "values kept");

    let q = "naf=10.71C&departement=59&effectif=1-9&creation=2015&experience=never&offre=goods&besoins=orientation&besoins=trade_fair&zones=indecis";
    let (s, body) = get(&c, &app, &format!("/orientation/resultats?{q}")).await;
    assert_eq!(s, 200);
    assert!(body.contains("id=\"path-prospecter\""));
    assert!(body.contains("Qui contacter"));
    assert!(!body.contains("215903501"));
    let (_, en) = {
        let r = c
            .get(format!("{}/orientation/resultats?{q}", app.base))
            .header("accept-language", "en")
            .send()
            .await
            .expect("get");
        (r.status(), r.text().await.expect("body"))
    };
    assert!(en.contains("The schemes that suit your company"));

    let (s, form) = get(&c, &app, &format!("/orientation/rappel?{q}")).await;
    assert_eq!(s, 200);
    assert!(
        form.contains("value=\"215903501\""),
        "SIREN carried by the session into the form"
    );
    let r = c
        .post(format!("{}/orientation/rappel", app.base))
        .form(&[
            ("profil", q),
            ("nom", ""),
            ("email", "pas-une-adresse"),
            ("entreprise", "Boulangerie Test"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 422);
    let r = c
        .post(format!("{}/orientation/rappel", app.base))
        .form(&[
            ("profil", q),
            ("nom", "Jeanne Fournil"),
            ("email", "jeanne@fournil.example"),
            ("telephone", "03 20 12 34 56"),
            ("entreprise", "Le Fournil de Jeanne"),
            ("siren", "215903501"),
            ("consentement", "oui"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/orientation/rappel/merci");
    let rows = tremplin_store::audit::list(
        &db,
        &tremplin_store::audit::Filter {
            entity_type: Some("request".into()),
            ..Default::default()
        },
        None,
        10,
    )
    .await
    .expect("audit");
    assert_eq!(rows.len(), 1);
    let id: uuid::Uuid = rows[0].entity_id.parse().expect("uuid");
    let req = tremplin_store::catalogue::get_request(&db, id)
        .await
        .expect("request stored");
    assert_eq!(req.company_name, "Le Fournil de Jeanne");
    assert_eq!(req.departement.as_deref(), Some("59"));
    assert!(req.consent_share);
    let profile: Value = serde_json::from_str(&req.profile_json).expect("json");
    assert_eq!(profile["naf"], "10.71C");
    assert_eq!(profile["siren"], "215903501");
    let results: Value = serde_json::from_str(&req.results_json).expect("json");
    assert!(results.as_array().is_some_and(|r| !r.is_empty()));
    assert!(
        !rows[0]
            .after_json
            .as_deref()
            .unwrap_or("")
            .contains("jeanne"),
        "no personal data in the audit trail"
    );
}
both!(questionnaire_results_and_call_back);
