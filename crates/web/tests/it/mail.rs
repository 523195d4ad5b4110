//! The company's mails at each step, the survey, and mail delivery (outbox folder, then a
//! real SMTP server started by the test).

use chrono::Duration;
use tremplin_store::both_backends as both;
use tremplin_store::{Db, mail, now};
use tremplin_web::jobs;

use crate::helpers::*;

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
