use std::net::SocketAddr;
use std::sync::OnceLock;

use reqwest::{Client, Response, redirect};
use tremplin_store::{Db, seed};
use tremplin_web::{AppState, WebConfig, build_app};

pub struct App {
    pub base: String,
    pub state: AppState,
    pub db: Db,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for App {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The demo password's hash, computed once per test binary (Argon2 is slow on purpose).
fn demo_hash() -> &'static str {
    static H: OnceLock<String> = OnceLock::new();
    H.get_or_init(|| password_auth::generate_hash(seed::DEMO_PASSWORD))
}

/// Serves the whole application with the demo team on 127.0.0.1:0.
pub async fn spawn(db: Db) -> App {
    spawn_with(db, WebConfig::default()).await
}

pub async fn spawn_with(db: Db, mut cfg: WebConfig) -> App {
    seed::demo_team(&db, demo_hash()).await.expect("demo team");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let base = format!("http://{addr}");
    if cfg.public_url == WebConfig::default().public_url {
        cfg.public_url = base.clone();
    }
    tremplin_web::catalogue::seed_if_empty(&db)
        .await
        .expect("catalogue");
    tremplin_store::routing::seed_default_rules(&db)
        .await
        .expect("routing rules");
    let state = AppState::new(db.clone(), cfg);
    state.reload_catalogue().await.expect("compile catalogue");
    let app = build_app(state.clone());
    let task = tokio::spawn(async move {
        let _ = axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await;
    });
    App {
        base,
        state,
        db,
        task,
    }
}

/// A browser-like client: keeps cookies, does not follow redirects, speaks French.
pub fn client() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(redirect::Policy::none())
        .default_headers({
            let mut h = reqwest::header::HeaderMap::new();
            h.insert("accept-language", "fr-FR,fr;q=0.9".parse().expect("header"));
            h
        })
        .build()
        .expect("client")
}

pub const ADVISER: &str = "camille.lefebvre@cci-hdf.example";
pub const ADMIN: &str = "admin@region-hdf.example";

pub async fn login_as(c: &Client, app: &App, email: &str, password: &str) -> Response {
    c.post(format!("{}/connexion", app.base))
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .expect("login request")
}

/// Logs in with the demo password and checks the redirect to the workspace.
pub async fn logged_in(app: &App, email: &str) -> Client {
    let c = client();
    let r = login_as(&c, app, email, seed::DEMO_PASSWORD).await;
    assert_eq!(r.status(), 303, "login of {email}");
    assert_eq!(location(&r), "/espace");
    c
}

pub fn location(r: &Response) -> String {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

pub async fn get(c: &Client, app: &App, path: &str) -> (u16, String) {
    let r = c
        .get(format!("{}{path}", app.base))
        .send()
        .await
        .expect("get");
    let s = r.status().as_u16();
    (s, r.text().await.unwrap_or_default())
}

/// GETs a JSON document (the request and the parse must succeed).
pub async fn get_json(c: &Client, app: &App, path: &str) -> serde_json::Value {
    c.get(format!("{}{path}", app.base))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json")
}

/// The audit rows of one entity type, newest first.
pub async fn audit_of(db: &Db, entity_type: &str) -> Vec<tremplin_store::audit::Row> {
    tremplin_store::audit::list(
        db,
        &tremplin_store::audit::Filter {
            entity_type: Some(entity_type.into()),
            ..Default::default()
        },
        None,
        100,
    )
    .await
    .expect("audit")
}

/// The CMA adviser of Nord (craft companies of the Nord are routed to the CMA).
pub const CMA_NORD: &str = "marc.vasseur@cma-hdf.example";

/// A company asks to be called back with this orientation profile; returns the link of its
/// request in the CMA's inbox.
pub async fn call_back(app: &App, profile: &str, company: &str, email: &str) -> String {
    request_call_back(app, profile, company, email).await;
    let cma = logged_in(app, CMA_NORD).await;
    let (_, inbox) = get(&cma, app, "/demandes").await;
    crate::html::row_links(&inbox, "table", company)
        .into_iter()
        .find(|href| href.starts_with("/demandes/"))
        .expect("the request in the CMA inbox")
}

/// A company asks to be called back with this orientation profile (the request is accepted).
pub async fn request_call_back(app: &App, profile: &str, company: &str, email: &str) {
    let r = client()
        .post(format!("{}/orientation/rappel", app.base))
        .form(&[
            ("profil", profile),
            ("nom", "Jeanne Test"),
            ("email", email),
            ("entreprise", company),
            ("consentement", "oui"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
}

/// POSTs a form (the request must be sent; the status is the caller's to check).
pub async fn post_form(c: &Client, app: &App, path: &str, form: &[(&str, &str)]) -> Response {
    c.post(format!("{}{path}", app.base))
        .form(form)
        .send()
        .await
        .expect("post")
}

/// The company of the follow-up tests.
pub const COMPANY_MAIL: &str = "jeanne@atelier.example";
/// The Region's pilot.
pub const PILOT: &str = "pilote@region-hdf.example";

/// A craft company asks to be called back (routed to the CMA); returns the CMA's match link.
pub async fn craft_request(app: &App) -> String {
    call_back(
        app,
        "departement=59&registre=rm&besoins=orientation",
        "Atelier Craft",
        COMPANY_MAIL,
    )
    .await
}

/// Opens the company file of a match (created from the request); returns its path.
pub async fn open_file(c: &reqwest::Client, app: &App, link: &str) -> String {
    let r = post_form(c, app, &format!("{link}/fiche"), &[]).await;
    assert_eq!(r.status(), 303);
    location(&r)
}

pub async fn org_id(db: &Db, slug: &str) -> String {
    tremplin_store::orgs::by_slug(db, slug)
        .await
        .expect("org")
        .expect("exists")
        .id
        .to_string()
}

pub fn need_id(file: &str) -> String {
    file.split("<option value=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap_or(""))
        .find(|v| v.len() == 36)
        .expect("an open need in the referral form")
        .to_string()
}

pub fn uuid(path: &str) -> uuid::Uuid {
    uuid::Uuid::parse_str(path.rsplit('/').next().unwrap_or("")).expect("uuid in path")
}

/// An empty form for [`Poster`].
pub const NO_FORM: Vec<(&str, &str)> = Vec::new();

/// POSTs forms under one path with one client: `Poster::new(&c, &app, "/evenements/…")`, then
/// `post.status("/tables", vec![("name", "A")]).await`.
#[derive(Clone)]
pub struct Poster {
    c: Client,
    base: String,
}

impl Poster {
    pub fn new(c: &Client, app: &App, prefix: &str) -> Poster {
        Poster {
            c: c.clone(),
            base: format!("{}{prefix}", app.base),
        }
    }

    pub async fn send<K: serde::Serialize, V: serde::Serialize>(
        &self,
        path: &str,
        form: Vec<(K, V)>,
    ) -> Response {
        self.c
            .post(format!("{}{path}", self.base))
            .form(&form)
            .send()
            .await
            .expect("post")
    }

    pub async fn status<K: serde::Serialize, V: serde::Serialize>(
        &self,
        path: &str,
        form: Vec<(K, V)>,
    ) -> u16 {
        self.send(path, form).await.status().as_u16()
    }
}
