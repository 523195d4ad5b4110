//! Security layers: cross-site posts refused on every state-changing route, security headers,
//! oversized bodies, garbage input that never breaks the server.

use tremplin_store::Db;
use tremplin_store::both_backends as both;
use tremplin_web::WebConfig;

use crate::helpers::*;

/// The `.rs` files under a folder, at any depth.
fn rust_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// Every state-changing route declared in the web crate's sources (`post`, `put`, `patch`,
/// `delete`, `any`), read from the code so that a new route cannot be forgotten here.
fn state_changing_routes() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let mut out = Vec::new();
    for file in rust_files(std::path::Path::new(dir)) {
        let src = std::fs::read_to_string(file).expect("read");
        // OpenAPI-described handlers: #[utoipa::path(post, path = "/api/…")]
        for attr in src.split("#[utoipa::path(").skip(1) {
            let method = attr.split(',').next().unwrap_or("").trim();
            if ["post", "put", "patch", "delete"].contains(&method)
                && let Some(path) = attr
                    .split("path = \"")
                    .nth(1)
                    .and_then(|p| p.split('"').next())
            {
                out.push(path.to_string());
            }
        }
        let mut rest = src.as_str();
        while let Some(i) = rest.find(".route(") {
            rest = &rest[i + 7..];
            // The call's text up to its matching parenthesis.
            let mut depth = 1;
            let mut end = 0;
            for (j, ch) in rest.char_indices() {
                match ch {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            end = j;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let call = &rest[..end];
            let Some(path) = call.split('"').nth(1) else {
                continue;
            };
            if ["post(", "put(", "patch(", "delete(", "any("]
                .iter()
                .any(|m| call.contains(m))
            {
                let concrete: String = path
                    .split('/')
                    .map(|seg| {
                        if seg.starts_with("{*") {
                            "x".to_string()
                        } else if seg.starts_with('{') {
                            "0190a3c4-0000-7000-8000-000000000001".to_string()
                        } else {
                            seg.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("/");
                out.push(concrete);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

async fn cross_site_posts_are_refused_on_every_route(db: Db) {
    let app = spawn(db).await;
    let routes = state_changing_routes();
    assert!(routes.len() >= 10, "route scan found only {routes:?}");
    assert!(
        routes.contains(&"/api/v1/orientation".to_string()),
        "{routes:?}"
    );
    // Logged in as admin so that a refusal cannot come from the policy instead.
    let c = logged_in(&app, ADMIN).await;
    for path in &routes {
        let r = c
            .post(format!("{}{path}", app.base))
            .header("origin", "https://evil.example")
            .header("sec-fetch-site", "cross-site")
            .form(&[("lang", "en"), ("email", "x@y.z")])
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), 403, "cross-site POST {path} must be refused");
        let body = r.text().await.unwrap_or_default();
        assert!(
            body.contains("Requête refusée") || path.starts_with("/api/"),
            "translated page for {path}"
        );
    }
    // The same request from the site itself passes the CSRF layer.
    let r = c
        .post(format!("{}/langue", app.base))
        .header("origin", app.base.as_str())
        .header("sec-fetch-site", "same-origin")
        .form(&[("lang", "en")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
}
both!(cross_site_posts_are_refused_on_every_route);

async fn security_headers_everywhere(db: Db) {
    let app = spawn(db).await;
    let c = client();
    for path in [
        "/",
        "/static/app.css",
        "/nexiste-pas",
        "/api/v1/organisations",
        "/healthz",
        "/api/v1/me",
    ] {
        let r = c
            .get(format!("{}{path}", app.base))
            .send()
            .await
            .expect("get");
        let h = r.headers();
        let csp = h
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert_eq!(
            h.get("x-content-type-options").map(|v| v.as_bytes()),
            Some(&b"nosniff"[..]),
            "{path}"
        );
        assert_eq!(
            h.get("referrer-policy").map(|v| v.as_bytes()),
            Some(&b"same-origin"[..]),
            "{path}"
        );
    }
    // Logged in, pages and exports are never cached; static files keep their own policy.
    let adviser = logged_in(&app, ADVISER).await;
    let cache = |r: &reqwest::Response| {
        r.headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    for path in [
        "/espace",
        "/entreprises?q=leon&format=csv",
        "/api/v1/me",
        "/demandes",
    ] {
        let r = adviser
            .get(format!("{}{path}", app.base))
            .send()
            .await
            .expect("get");
        assert_eq!(cache(&r), "no-store", "{path}");
    }
    let r = adviser
        .get(format!("{}/static/app.css", app.base))
        .send()
        .await
        .expect("get");
    assert_ne!(cache(&r), "no-store");
}
both!(security_headers_everywhere);

async fn oversized_bodies_get_413(db: Db) {
    let app = spawn(db).await;
    let c = client();
    let big = "a".repeat(1024 * 1024);
    let r = c
        .post(format!("{}/connexion", app.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("email={big}"))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 413);
    assert!(
        r.text()
            .await
            .unwrap_or_default()
            .contains("Envoi trop volumineux")
    );
    let r = c
        .post(format!("{}/api/v1/organisations", app.base))
        .header("content-type", "application/json")
        .body(format!("{{\"x\":\"{big}\"}}"))
        .send()
        .await
        .expect("post");
    assert!(r.status() == 413 || r.status() == 405, "{}", r.status());
}
both!(oversized_bodies_get_413);

/// Garbage in forms, paths and headers never makes the server fail (no 5xx, no panic).
async fn garbage_input_never_breaks_the_server(db: Db) {
    let app = spawn(db).await;
    let c = logged_in(&app, ADMIN).await;
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let alphabet: Vec<char> = "aé€\u{0}'\"<>&%/\\{}[]$;=+ \n\t😀0123456789-_.zZ"
        .chars()
        .collect();
    let mut word = |n: usize| -> String {
        (0..n)
            .map(|_| alphabet[(next() as usize) % alphabet.len()])
            .collect()
    };
    let posts = [
        "/connexion",
        "/langue",
        "/admin/utilisateurs",
        "/admin/utilisateurs/0190a3c4-0000-7000-8000-000000000001/adhesions",
        "/invitation/abc",
        "/installation/abc",
    ];
    for i in 0..120 {
        let path = posts[i % posts.len()];
        let fields = [
            ("email", word(i % 40)),
            ("password", word(i % 30)),
            ("confirm", word(5)),
            ("lang", word(3)),
            ("retour", word(12)),
            ("suite", word(12)),
            ("display_name", word(i % 200)),
            ("organisation", word(36)),
            ("role", word(6)),
            ("branch", word(8)),
        ];
        let r = c
            .post(format!("{}{path}", app.base))
            .form(&fields)
            .send()
            .await
            .expect("post");
        assert!(
            r.status().as_u16() < 500,
            "POST {path} with {fields:?} → {}",
            r.status()
        );
        let g = format!(
            "/admin/journal?from={}&to={}&actor={}&avant={}",
            word(10),
            word(10),
            word(5),
            word(20)
        );
        let r = c
            .get(format!(
                "{}{}",
                app.base,
                g.replace(' ', "%20").replace('#', "%23")
            ))
            .send()
            .await
            .expect("get");
        assert!(r.status().as_u16() < 500, "GET {g} → {}", r.status());
    }
    // Raw bodies that are not forms at all.
    let r = c
        .post(format!("{}/connexion", app.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![0xff, 0xfe, 0x00, b'=', b'%'])
        .send()
        .await
        .expect("post");
    assert!(r.status().as_u16() < 500);
}
both!(garbage_input_never_breaks_the_server);

/// A NUL character is refused at the edge whatever the declared content type (PostgreSQL
/// cannot store one in text: it used to answer 500).
async fn nul_bytes_are_refused_whatever_the_content_type(db: Db) {
    let app = spawn(db).await;
    let adviser = logged_in(&app, ADVISER).await;
    for ct in ["application/json", "text/plain", "application/octet-stream"] {
        let r = adviser
            .post(format!("{}/api/v1/companies", app.base))
            .header("content-type", ct)
            .header("origin", app.base.as_str())
            .body("{\"name\": \"Caf\\u0000e\"}")
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), 400, "{ct}");
    }
}
both!(nul_bytes_are_refused_whatever_the_content_type);

/// The public call-back form fills an inbox and mails the address given: beyond the hourly
/// quotas per client address and per mailbox it answers 429 with a translated page and
/// `Retry-After`, and nothing more is recorded.
async fn public_forms_are_rate_limited(db: Db) {
    let app = spawn_with(
        db,
        WebConfig {
            public_per_address_per_hour: 3,
            public_per_mailbox_per_hour: 2,
            ..WebConfig::default()
        },
    )
    .await;
    let call_back = |email: &'static str| {
        let url = format!("{}/orientation/rappel", app.base);
        async move {
            client()
                .post(url)
                .form(&[
                    ("profil", "departement=59&besoins=orientation"),
                    ("nom", "Jeanne Test"),
                    ("email", email),
                    ("entreprise", "Atelier"),
                    ("consentement", "oui"),
                ])
                .send()
                .await
                .expect("post")
        }
    };
    // Per mailbox: the third call-back to the same address is refused.
    assert_eq!(call_back("a@example.org").await.status(), 303);
    assert_eq!(call_back("a@example.org").await.status(), 303);
    let r = call_back("A@example.org").await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().get("retry-after").is_some());
    assert!(r.text().await.expect("b").contains("Trop de"));
    // Per address: the fourth from the same client, whatever the mailbox.
    let r = call_back("b@example.org").await;
    assert_eq!(r.status(), 429, "the 3 per hour of this address are used");
    // Refused call-backs record nothing and mail nobody.
    let mails = |to: &'static str| {
        let db = app.db.clone();
        async move {
            tremplin_store::mail::to_address(&db, to)
                .await
                .expect("mails")
                .len()
        }
    };
    assert_eq!(mails("a@example.org").await, 2);
    assert_eq!(mails("b@example.org").await, 0);
}
both!(public_forms_are_rate_limited);
