//! Logging in and out, session renewal, secure cookies, account lock and per-address limits,
//! the return address kept and open redirects refused.

use tremplin_store::both_backends as both;
use tremplin_store::{Db, seed};
use tremplin_web::WebConfig;

use crate::helpers::*;

async fn login_success_failure_and_logout(db: Db) {
    let app = spawn(db).await;
    let c = client();
    // Unknown account and wrong password get the same answer.
    let unknown = login_as(&c, &app, "nobody@example.org", "whatever-password").await;
    assert_eq!(unknown.status(), 401);
    let unknown = unknown.text().await.expect("body");
    let wrong = login_as(&c, &app, ADVISER, "mauvais-mot-de-passe").await;
    assert_eq!(wrong.status(), 401);
    let wrong = wrong.text().await.expect("body");
    assert!(wrong.contains("Adresse e-mail ou mot de passe incorrect."));
    assert!(unknown.contains("Adresse e-mail ou mot de passe incorrect."));
    assert!(
        wrong.contains(&format!("value=\"{ADVISER}\"")),
        "the e-mail is kept"
    );

    let c = logged_in(&app, ADVISER).await;
    let (s, body) = get(&c, &app, "/espace").await;
    assert_eq!(s, 200);
    assert!(body.contains("Bonjour, Camille Lefebvre"));
    let r = c
        .post(format!("{}/deconnexion", app.base))
        .send()
        .await
        .expect("logout");
    assert_eq!(r.status(), 303);
    let r = c
        .get(format!("{}/espace", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 303, "logged out: asked to log in again");
    assert_eq!(location(&r), "/connexion?suite=/espace");
    // Logins and logouts are audited; failures are not (they are counted per account).
    let rows = tremplin_store::audit::list(
        &app.db,
        &tremplin_store::audit::Filter {
            actor: Some(ADVISER.into()),
            ..Default::default()
        },
        None,
        10,
    )
    .await
    .expect("audit");
    let actions: Vec<&str> = rows.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["logout", "login"]);
}
both!(login_success_failure_and_logout);

/// A login renews the session id (no session fixation) and the cookie is HttpOnly, SameSite=Lax.
async fn session_id_is_renewed_at_login(db: Db) {
    let app = spawn(db).await;
    let c = client();
    let r = login_as(&c, &app, ADVISER, seed::DEMO_PASSWORD).await;
    let first = r
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .expect("cookie")
        .to_string();
    assert!(first.contains("HttpOnly"), "{first}");
    assert!(first.contains("SameSite=Lax"), "{first}");
    assert!(!first.contains("Secure"), "plain HTTP on loopback");
    let r = login_as(&c, &app, ADVISER, seed::DEMO_PASSWORD).await;
    let second = r
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .expect("cookie")
        .to_string();
    let id = |s: &str| s.split(';').next().unwrap_or("").to_string();
    assert_ne!(
        id(&first),
        id(&second),
        "the session id changes at each login"
    );
    // The old id no longer opens the workspace.
    let old = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let r = old
        .get(format!("{}/espace", app.base))
        .header("cookie", id(&first))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 303);
}
both!(session_id_is_renewed_at_login);

async fn cookies_are_secure_behind_https(db: Db) {
    let app = spawn_with(
        db,
        WebConfig {
            public_url: "https://tremplin.example".into(),
            ..WebConfig::default()
        },
    )
    .await;
    let c = client();
    let r = login_as(&c, &app, ADVISER, seed::DEMO_PASSWORD).await;
    assert_eq!(r.status(), 303);
    let cookie = r
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    assert!(cookie.contains("Secure"), "{cookie}");
}
both!(cookies_are_secure_behind_https);

/// After 5 failures in 15 minutes the account is locked, even for the right password; other
/// accounts are not affected.
async fn repeated_failures_lock_the_account(db: Db) {
    let app = spawn(db).await;
    let c = client();
    for _ in 0..5 {
        assert_eq!(
            login_as(&c, &app, ADVISER, "wrong-password!!")
                .await
                .status(),
            401
        );
    }
    let r = login_as(&c, &app, ADVISER, seed::DEMO_PASSWORD).await;
    assert_eq!(r.status(), 429);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("échecs de connexion")
    );
    assert_eq!(
        login_as(&c, &app, ADMIN, seed::DEMO_PASSWORD)
            .await
            .status(),
        303
    );
}
both!(repeated_failures_lock_the_account);

/// Anyone may lock an account by typing wrong passwords, but never out of a browser its owner
/// already logged in from.
async fn a_lock_never_keeps_the_owner_out_of_a_known_browser(db: Db) {
    let app = spawn(db).await;
    let owner = client();
    assert_eq!(
        login_as(&owner, &app, ADVISER, seed::DEMO_PASSWORD)
            .await
            .status(),
        303
    );
    let r = post_form(&owner, &app, "/deconnexion", &[]).await;
    assert!(r.status().is_redirection());
    let attacker = client();
    for _ in 0..6 {
        login_as(&attacker, &app, ADVISER, "wrong-password!!").await;
    }
    assert_eq!(
        login_as(&attacker, &app, ADVISER, seed::DEMO_PASSWORD)
            .await
            .status(),
        429,
        "a new browser waits"
    );
    assert_eq!(
        login_as(&owner, &app, ADVISER, seed::DEMO_PASSWORD)
            .await
            .status(),
        303,
        "the owner's browser is not locked out"
    );
    // Wrong passwords from the known browser are still refused.
    assert_eq!(
        login_as(&owner, &app, ADVISER, "wrong-password!!")
            .await
            .status(),
        401
    );
}
both!(a_lock_never_keeps_the_owner_out_of_a_known_browser);

async fn logins_are_rate_limited_per_address(db: Db) {
    let app = spawn_with(
        db,
        WebConfig {
            login_per_ip_per_minute: 3,
            ..WebConfig::default()
        },
    )
    .await;
    let c = client();
    for i in 0..3 {
        let r = login_as(&c, &app, &format!("u{i}@example.org"), "x-password-long").await;
        assert_eq!(r.status(), 401);
    }
    let r = login_as(&c, &app, ADVISER, seed::DEMO_PASSWORD).await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().get("retry-after").is_some());
    assert!(r.text().await.expect("body").contains("Trop de tentatives"));
}
both!(logins_are_rate_limited_per_address);

/// Behind one proxy, the limit counts the address the proxy saw: an attacker writing its own
/// `X-Forwarded-For` entries does not get a fresh address each time.
async fn the_per_address_limit_holds_behind_the_proxy(db: Db) {
    let app = spawn_with(
        db,
        WebConfig {
            login_per_ip_per_minute: 3,
            proxy_hops: 1,
            ..WebConfig::default()
        },
    )
    .await;
    let attempt = |spoofed: String| {
        let url = format!("{}/connexion", app.base);
        async move {
            client()
                .post(url)
                .header("x-forwarded-for", format!("{spoofed}, 203.0.113.7"))
                .form(&[("email", "x@example.org"), ("password", "x-password-long")])
                .send()
                .await
                .expect("post")
                .status()
        }
    };
    for i in 0..3 {
        assert_eq!(attempt(format!("10.0.0.{i}")).await, 401);
    }
    assert_eq!(attempt("10.0.0.99".into()).await, 429, "same real client");
    // Another real client (another address seen by the proxy) is not limited.
    let r = client()
        .post(format!("{}/connexion", app.base))
        .header("x-forwarded-for", "198.51.100.4")
        .form(&[("email", "x@example.org"), ("password", "x-password-long")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 401);
}
both!(the_per_address_limit_holds_behind_the_proxy);

async fn return_to_is_kept_and_open_redirects_refused(db: Db) {
    let app = spawn(db).await;
    let c = client();
    let r = c
        .post(format!("{}/connexion", app.base))
        .form(&[
            ("email", ADMIN),
            ("password", seed::DEMO_PASSWORD),
            ("suite", "/admin/journal"),
        ])
        .send()
        .await
        .expect("login");
    assert_eq!(location(&r), "/admin/journal");
    for evil in [
        "//evil.example",
        "https://evil.example",
        "/\\evil.example",
        "/\t/evil.example/x",
        "/%09/evil.example/",
        "/\n/evil.example",
        "/ /evil.example",
        "http:evil.example",
    ] {
        let c = client();
        let r = c
            .post(format!("{}/connexion", app.base))
            .form(&[
                ("email", ADMIN),
                ("password", seed::DEMO_PASSWORD),
                ("suite", evil),
            ])
            .send()
            .await
            .expect("login");
        let to = location(&r);
        assert!(
            to == "/espace" || (to.starts_with('/') && !to.starts_with("//") && !to.contains("\\")),
            "{evil} → {to}"
        );
        let followed = url::Url::parse("http://tremplin.test/")
            .expect("base")
            .join(&to)
            .expect("a URL");
        assert_eq!(followed.host_str(), Some("tremplin.test"), "{evil} → {to}");
    }
}
both!(return_to_is_kept_and_open_redirects_refused);
