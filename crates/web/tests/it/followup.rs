//! Referrals, the company's mails, the chasing ladder, escalations, surveys and mail delivery
//! (outbox folder, and a real SMTP server started by the test).

use chrono::Duration;
use tremplin_store::both_backends as both;
use tremplin_store::{Db, mail, now};
use tremplin_web::jobs;

use crate::helpers::*;

const PILOT: &str = "pilote@region-hdf.example";
const COMPANY_MAIL: &str = "jeanne@atelier.example";

/// A craft company asks to be called back (routed to the CMA); returns the CMA's match link.
async fn craft_request(app: &App) -> String {
    call_back(
        app,
        "departement=59&registre=rm&besoins=orientation",
        "Atelier Craft",
        COMPANY_MAIL,
    )
    .await
}

/// Opens the company file of a match (created from the request); returns its path.
async fn open_file(c: &reqwest::Client, app: &App, link: &str) -> String {
    let r = post_form(c, app, &format!("{link}/fiche"), &[]).await;
    assert_eq!(r.status(), 303);
    location(&r)
}

async fn org_id(db: &Db, slug: &str) -> String {
    tremplin_store::orgs::by_slug(db, slug)
        .await
        .expect("org")
        .expect("exists")
        .id
        .to_string()
}

fn need_id(file: &str) -> String {
    file.split("<option value=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap_or(""))
        .find(|v| v.len() == 36)
        .expect("an open need in the referral form")
        .to_string()
}

async fn a_referral_is_declined_with_a_reason_then_accepted(db: Db) {
    let app = spawn(db).await;
    let link = craft_request(&app).await;
    let cma = logged_in(&app, CMA_NORD).await;
    let file = open_file(&cma, &app, &link).await;
    let (_, page) = get(&cma, &app, &file).await;
    assert!(page.contains("Prochaine étape") && page.contains("Prise en charge attendue de CMA"));
    let need = need_id(&page);
    let cci = org_id(&app.db, "cci-hdf").await;
    let cma_org = org_id(&app.db, "cma-hdf").await;
    let refer = format!("{file}/orientations");
    // Bad input: own partner, unknown partner, empty message, past date.
    for (to, message, due, field) in [
        (cma_org.as_str(), "x", "", "propre partenaire"),
        ("nope", "x", "", "Valeur inconnue"),
        (cci.as_str(), "  ", "", "obligatoire"),
        (cci.as_str(), "x", "2020-01-01", "passée"),
        (cci.as_str(), "x", "31/12/2030", "AAAA-MM-JJ"),
    ] {
        let r = post_form(
            &cma,
            &app,
            &refer,
            &[
                ("need", &need),
                ("to", to),
                ("message", message),
                ("due", due),
            ],
        )
        .await;
        assert_eq!(r.status(), 422, "{field}");
        let body = r.text().await.expect("body");
        assert!(body.contains(field), "{field}: {body}");
    }
    assert!(
        tremplin_store::referrals::of_company(&app.db, uuid(&file))
            .await
            .expect("list")
            .is_empty()
    );
    let r = post_form(
        &cma,
        &app,
        &refer,
        &[
            ("need", &need),
            ("to", &cci),
            ("message", "Négoce en parallèle, à voir par la CCI"),
            ("due", ""),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let referral = location(&r);
    // A second pending referral of the same need to the same partner is refused.
    let r = post_form(
        &cma,
        &app,
        &refer,
        &[
            ("need", &need),
            ("to", &cci),
            ("message", "encore"),
            ("due", ""),
        ],
    )
    .await;
    assert_eq!(r.status(), 422);
    // The default deadline is 5 working days away, and the recipient's people get a mail.
    let stored = tremplin_store::referrals::get(&app.db, uuid(&referral))
        .await
        .expect("get");
    let today = tremplin_domain::dates::paris_date(now());
    assert_eq!(
        stored.due_on,
        tremplin_domain::dates::add_working_days(today, 5)
    );
    let to_cci = mail::to_address(&app.db, ADVISER).await.expect("mails");
    assert!(
        to_cci
            .iter()
            .any(|m| m.kind == "referral" && m.body.contains("Négoce en parallèle")),
        "{to_cci:?}"
    );

    let camille = logged_in(&app, ADVISER).await;
    let (_, received) = get(&camille, &app, "/orientations").await;
    assert!(received.contains("Atelier Craft"));
    // Declining needs a reason; the sender cannot answer for the recipient.
    assert_eq!(
        post_form(
            &camille,
            &app,
            &format!("{referral}/refuser"),
            &[("reason", " ")]
        )
        .await
        .status(),
        422
    );
    assert_eq!(
        post_form(
            &cma,
            &app,
            &format!("{referral}/refuser"),
            &[("reason", "non")]
        )
        .await
        .status(),
        403
    );
    let r = post_form(
        &camille,
        &app,
        &format!("{referral}/refuser"),
        &[("reason", "Hors de notre champ : artisan")],
    )
    .await;
    assert_eq!(r.status(), 303);
    let (_, page) = get(&cma, &app, &referral).await;
    assert!(page.contains("refusée") && page.contains("Hors de notre champ"));
    let csv = cma
        .get(format!(
            "{}/orientations?onglet=envoyees&format=csv",
            app.base
        ))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(
        csv.contains("Atelier Craft") && csv.contains("Hors de notre champ : artisan"),
        "{csv}"
    );
    assert_eq!(
        post_form(&camille, &app, &format!("{referral}/accepter"), &[])
            .await
            .status(),
        409,
        "already answered"
    );
    // A second referral, on a new need, is accepted: it becomes a match taken in charge.
    let r = post_form(
        &cma,
        &app,
        &refer,
        &[
            ("need", "new"),
            ("subject", "trade_fair"),
            ("to", &cci),
            ("message", "Salon à Milan"),
            ("due", ""),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let second = location(&r);
    let r = post_form(&camille, &app, &format!("{second}/accepter"), &[]).await;
    assert_eq!(r.status(), 303);
    let m = location(&r);
    assert!(m.starts_with("/demandes/"), "{m}");
    let (s, page) = get(&camille, &app, &m).await;
    assert_eq!(s, 200);
    assert!(page.contains("prise en charge"));
    let (_, file_page) = get(&cma, &app, &file).await;
    assert!(
        file_page.contains("acceptée") && file_page.contains("refusée"),
        "both referrals on the file"
    );
    let audit = audit_of(&app.db, "referral").await;
    assert_eq!(audit.len(), 4, "two created, one declined, one accepted");
}
both!(a_referral_is_declined_with_a_reason_then_accepted);

fn uuid(path: &str) -> uuid::Uuid {
    uuid::Uuid::parse_str(path.rsplit('/').next().unwrap_or("")).expect("uuid in path")
}

async fn the_company_hears_at_each_step_and_answers_the_survey(db: Db) {
    let app = spawn(db).await;
    let link = craft_request(&app).await;
    let kinds = |v: &[mail::MailRow]| v.iter().map(|m| m.kind.clone()).collect::<Vec<_>>();
    assert_eq!(
        kinds(&mail::to_address(&app.db, COMPANY_MAIL).await.expect("m")),
        ["request_received"]
    );
    let cma = logged_in(&app, CMA_NORD).await;
    let status = format!("{link}/statut");
    post_form(&cma, &app, &status, &[("status", "taking_charge")]).await;
    post_form(&cma, &app, &status, &[("status", "waiting")]).await;
    post_form(&cma, &app, &status, &[("status", "taking_charge")]).await;
    post_form(&cma, &app, &status, &[("status", "done")]).await;
    let mails = mail::to_address(&app.db, COMPANY_MAIL).await.expect("m");
    assert_eq!(
        kinds(&mails),
        ["request_received", "taken_in_charge", "need_closed"],
        "once each"
    );
    assert!(
        mails[1].body.contains("CMA Hauts-de-France")
            && mails[1].subject.contains("prise en charge")
    );

    // Ten days later the survey goes out, once.
    let report = jobs::run(&app.state, now() + Duration::days(9))
        .await
        .expect("jobs");
    assert_eq!(report.surveys, 0, "not before ten days");
    let report = jobs::run(&app.state, now() + Duration::days(11))
        .await
        .expect("jobs");
    assert_eq!(report.surveys, 1);
    assert_eq!(
        jobs::run(&app.state, now() + Duration::days(12))
            .await
            .expect("jobs")
            .surveys,
        0
    );
    let survey = mail::to_address(&app.db, COMPANY_MAIL)
        .await
        .expect("m")
        .into_iter()
        .find(|m| m.kind == "survey")
        .expect("survey mail");
    let path = survey
        .body
        .split(&app.base)
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .expect("link")
        .to_string();
    assert!(path.starts_with("/enquete/"), "{path}");
    let anonymous = client();
    let (s, page) = get(&anonymous, &app, &path).await;
    assert_eq!(s, 200);
    assert!(page.contains("Atelier Craft"));
    assert_eq!(get(&anonymous, &app, "/enquete/0000").await.0, 404);
    let r = post_form(
        &anonymous,
        &app,
        &path,
        &[("useful", "9"), ("comment", "x")],
    )
    .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .expect("b")
            .contains("Choisissez une réponse")
    );
    let r = post_form(
        &anonymous,
        &app,
        &path,
        &[
            ("useful", "5"),
            ("recommend", "4"),
            ("comment", "Très réactifs"),
        ],
    )
    .await;
    assert_eq!(r.status(), 200);
    assert!(r.text().await.expect("b").contains("survey-done"));
    // A second answer changes nothing.
    post_form(
        &anonymous,
        &app,
        &path,
        &[("useful", "1"), ("recommend", "1")],
    )
    .await;
    let (_, page) = get(&cma, &app, &link).await;
    assert!(
        page.contains("5 / 5") && page.contains("4 / 5") && page.contains("Très réactifs"),
        "{page}"
    );
    // Another partner's adviser does not see it.
    assert_eq!(
        get(&logged_in(&app, ADVISER).await, &app, &link).await.0,
        403
    );
}
both!(the_company_hears_at_each_step_and_answers_the_survey);

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

async fn outbox_folder_then_smtp_with_retry(db: Db) {
    let dir = tempfile::tempdir().expect("tmp");
    let app = spawn(db).await;
    craft_request(&app).await;
    // Default: written to the outbox folder as .eml files.
    let folder = tremplin_web::MailConfig {
        transport: tremplin_web::Transport::Folder {
            dir: dir.path().join("outbox"),
        },
        ..Default::default()
    };
    let round = tremplin_web::mail::delivery::deliver_due(&app.db, &folder)
        .await
        .expect("deliver");
    assert_eq!(round.sent, 1);
    let files: Vec<_> = std::fs::read_dir(dir.path().join("outbox"))
        .expect("dir")
        .collect();
    assert_eq!(files.len(), 1);
    // The outbox page lists it; an adviser cannot see it.
    let admin = logged_in(&app, "admin@region-hdf.example").await;
    let (s, page) = get(&admin, &app, "/admin/courriels").await;
    assert_eq!(s, 200);
    assert!(page.contains(COMPANY_MAIL) && page.contains("envoyé"));
    assert_eq!(
        get(&logged_in(&app, ADVISER).await, &app, "/admin/courriels")
            .await
            .0,
        403
    );

    let Some(port) = free_port() else { return };
    mail::enqueue(
        &app.db,
        &mail::Mail {
            key: "smtp-test".into(),
            kind: "test",
            to: "x@dest.example",
            subject: "Essai SMTP",
            body: "Bonjour",
        },
    )
    .await
    .expect("enqueue");
    let smtp = tremplin_web::MailConfig {
        transport: tremplin_web::Transport::Smtp {
            url: format!("smtp://127.0.0.1:{port}"),
        },
        ..Default::default()
    };
    // The server is down: the mail stays queued with the error, nothing else fails.
    let round = tremplin_web::mail::delivery::deliver_due(&app.db, &smtp)
        .await
        .expect("deliver");
    assert_eq!(
        round,
        tremplin_web::mail::delivery::Round { sent: 0, failed: 1 }
    );
    let row = mail::list(&app.db, Some("queued"), 10)
        .await
        .expect("list")
        .into_iter()
        .find(|m| m.dedupe_key == "smtp-test")
        .expect("queued");
    assert_eq!(row.attempts, 1);
    assert!(row.last_error.is_some() && row.next_attempt_at > now());
    // Not due yet: the next round leaves it alone.
    assert_eq!(
        tremplin_web::mail::delivery::deliver_due(&app.db, &smtp)
            .await
            .expect("d")
            .failed,
        0
    );
    let Some(server) = SmtpServer::start(port, dir.path()) else {
        if std::env::var_os("E2E_REQUIRED").is_some() {
            panic!("aiosmtpd is required in CI: python3 -m pip install aiosmtpd");
        }
        eprintln!("SKIPPED: the SMTP leg (python3 -m pip install aiosmtpd)");
        return;
    };
    mail::retry(&app.db, row.id).await.expect("retry");
    let round = tremplin_web::mail::delivery::deliver_due(&app.db, &smtp)
        .await
        .expect("deliver");
    assert_eq!(round.sent, 1, "{round:?}");
    let delivered = server.messages();
    assert!(
        delivered
            .iter()
            .any(|m| m.contains("Subject: Essai SMTP") && m.contains("x@dest.example")),
        "{delivered:?}"
    );
}
both!(outbox_folder_then_smtp_with_retry);

fn free_port() -> Option<u16> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .ok()?
        .local_addr()
        .ok()
        .map(|a| a.port())
}

/// Python's aiosmtpd writing every message into a Maildir.
struct SmtpServer {
    child: std::process::Child,
    maildir: std::path::PathBuf,
}

impl SmtpServer {
    fn start(port: u16, tmp: &std::path::Path) -> Option<SmtpServer> {
        let maildir = tmp.join(format!("maildir-{port}"));
        let child = std::process::Command::new("python3")
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(&maildir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .ok()?;
        let server = SmtpServer { child, maildir };
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Some(server);
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        None
    }

    fn messages(&self) -> Vec<String> {
        let mut out = Vec::new();
        for sub in ["new", "cur"] {
            if let Ok(rd) = std::fs::read_dir(self.maildir.join(sub)) {
                for e in rd.flatten() {
                    out.push(std::fs::read_to_string(e.path()).unwrap_or_default());
                }
            }
        }
        out
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

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
