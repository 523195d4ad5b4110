//! Pages of every feature in French and English, translated error pages, health and readiness, the
//! partners' directory and static files.

use tremplin_store::Db;
use tremplin_store::both_backends as both;

use crate::helpers::*;

async fn pages_in_french_and_english(db: Db) {
    let app = spawn(db).await;
    let c = client();
    let (s, body) = get(&c, &app, "/").await;
    assert_eq!(s, 200);
    assert!(body.contains("<html lang=\"fr\">"));
    assert!(body.contains("Aller au contenu principal"));
    assert!(body.contains("CCI Hauts-de-France"));
    let r = c
        .get(format!("{}/", app.base))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .expect("get");
    let body = r.text().await.expect("body");
    assert!(body.contains("<html lang=\"en\">"));
    assert!(body.contains("Skip to main content"));
    // An unknown language falls back to French.
    let r = c
        .get(format!("{}/", app.base))
        .header("accept-language", "de-DE")
        .send()
        .await
        .expect("get");
    assert!(r.text().await.expect("body").contains("<html lang=\"fr\">"));
    let r = c
        .post(format!("{}/langue", app.base))
        .form(&[("lang", "de"), ("retour", "/a-propos")])
        .send()
        .await
        .expect("post");
    assert_eq!(location(&r), "/a-propos");
    let (_, body) = get(&c, &app, "/a-propos").await;
    assert!(body.contains("<html lang=\"fr\">"));
    assert!(body.contains("Licence Ouverte 2.0"));
    // The switch is remembered by cookie, and on the account once logged in.
    let r = c
        .post(format!("{}/langue", app.base))
        .form(&[("lang", "en"), ("retour", "https://evil.example")])
        .send()
        .await
        .expect("post");
    assert_eq!(location(&r), "/", "no open redirect");
    let (_, body) = get(&c, &app, "/").await;
    assert!(body.contains("<html lang=\"en\">"));
    let me = logged_in(&app, ADVISER).await;
    me.post(format!("{}/langue", app.base))
        .form(&[("lang", "en")])
        .send()
        .await
        .expect("post");
    let other_device = logged_in(&app, ADVISER).await;
    let (_, body) = get(&other_device, &app, "/espace").await;
    assert!(
        body.contains("Hello, Camille Lefebvre"),
        "the account remembers English"
    );
}
both!(pages_in_french_and_english);

async fn errors_are_translated_pages(db: Db) {
    let app = spawn(db).await;
    let c = client();
    let (s, body) = get(&c, &app, "/nexiste-pas").await;
    assert_eq!(s, 404);
    assert!(body.contains("Page introuvable"));
    assert!(body.contains("<main id=\"contenu\""), "inside the layout");
    let r = c
        .delete(format!("{}/", app.base))
        .send()
        .await
        .expect("delete");
    assert_eq!(r.status(), 405);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Méthode non autorisée")
    );
    let r = c
        .get(format!("{}/nexiste-pas", app.base))
        .header("accept-language", "en")
        .send()
        .await
        .expect("get");
    assert!(r.text().await.expect("body").contains("Page not found"));
}
both!(errors_are_translated_pages);

async fn health_and_readiness(db: Db) {
    let app = spawn(db).await;
    let c = client();
    let (s, body) = get(&c, &app, "/healthz").await;
    assert_eq!((s, body.as_str()), (200, r#"{"status":"ok"}"#));
    assert_eq!(get(&c, &app, "/readyz").await.0, 200);
    app.state.set_ready(false);
    assert_eq!(get(&c, &app, "/readyz").await.0, 503);
    app.db.close().await;
    assert_eq!(
        get(&c, &app, "/healthz").await.0,
        503,
        "database unreachable"
    );
}
both!(health_and_readiness);

async fn partner_directory_and_static_files(db: Db) {
    let app = spawn(db).await;
    let c = logged_in(&app, ADVISER).await;
    let (s, body) = get(&c, &app, "/partenaires").await;
    assert_eq!(s, 200);
    assert!(body.contains("CMA — Picardie"));
    assert!(body.contains("Aisne (02)"));
    let r = c
        .get(format!("{}/static/htmx.min.js", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .contains("javascript")
    );
    assert_eq!(get(&c, &app, "/static/../Cargo.toml").await.0, 404);
}
both!(partner_directory_and_static_files);
