//! Delivery of the mail outbox (`tremplin_store::mail`). With an SMTP URL the queue goes out over
//! SMTP (`smtp://host:port`, `smtp://host:587?tls=required` for STARTTLS, `smtps://…`); without
//! one, each mail is written as an `.eml` file into the outbox folder, listed on the admin page.
//! A delivery failure leaves the mail queued with a growing delay: nothing else fails.

use std::time::Duration;

use crate::state::{MailConfig, Transport};
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use tremplin_store::Db;
use tremplin_store::mail::{self, MailRow};

/// Sends or files one mail.
async fn deliver(cfg: &MailConfig, m: &MailRow) -> Result<(), String> {
    let from: Mailbox = cfg.from.parse().map_err(|e| format!("sender: {e}"))?;
    let to: Mailbox = m
        .to_addr
        .parse()
        .map_err(|e| format!("recipient {:?}: {e}", m.to_addr))?;
    let message = Message::builder()
        .from(from)
        .to(to)
        .subject(&m.subject)
        .header(ContentType::TEXT_PLAIN)
        .body(m.body.clone())
        .map_err(|e| e.to_string())?;
    match &cfg.transport {
        Transport::Smtp { url } => {
            let t = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                .map_err(|e| e.to_string())?
                .timeout(Some(Duration::from_secs(20)))
                .build();
            t.send(message).await.map(|_| ()).map_err(|e| e.to_string())
        }
        Transport::Folder { dir } => {
            tokio::fs::create_dir_all(dir)
                .await
                .map_err(|e| format!("{}: {e}", dir.display()))?;
            AsyncFileTransport::<Tokio1Executor>::new(dir)
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string())
        }
    }
}

/// What one delivery round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub sent: usize,
    pub failed: usize,
}

/// Delivers every due mail once. A failure is recorded on the mail and retried later.
pub async fn deliver_due(db: &Db, cfg: &MailConfig) -> Result<Round, tremplin_store::StoreError> {
    let mut round = Round::default();
    for m in mail::due(db, tremplin_store::now(), 200).await? {
        match deliver(cfg, &m).await {
            Ok(()) => {
                mail::mark_sent(db, m.id).await?;
                round.sent += 1;
            }
            Err(e) => {
                tracing::warn!(mail = %m.id, error = %e, "mail delivery failed; will retry");
                mail::mark_failed(db, &m, &e).await?;
                round.failed += 1;
            }
        }
    }
    Ok(round)
}

impl MailConfig {
    /// Checks the sender and the SMTP URL at start-up, so a typo fails there, not at 3 a.m.
    pub fn validate(&self) -> Result<(), String> {
        self.from
            .parse::<Mailbox>()
            .map_err(|e| format!("invalid sender address {:?}: {e}", self.from))?;
        if let Transport::Smtp { url } = &self.transport {
            AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                .map_err(|e| format!("invalid SMTP URL: {e}"))?;
        }
        Ok(())
    }

    pub fn describe(&self) -> String {
        match &self.transport {
            Transport::Smtp { url } => {
                // Never show the SMTP password.
                match url::Url::parse(url) {
                    Ok(mut u) => {
                        if u.password().is_some() {
                            let _ = u.set_password(Some("***"));
                        }
                        u.to_string()
                    }
                    Err(_) => "smtp".into(),
                }
            }
            Transport::Folder { dir } => dir.display().to_string(),
        }
    }
}
