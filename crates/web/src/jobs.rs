//! The follow-up's scheduled work, run by `tremplin serve` every hour and idempotent (each mail
//! has a unique key, each ladder step is recorded on its match), so a missed or doubled run
//! neither loses nor repeats anything:
//! - overdue referrals are escalated to the pilots;
//! - the chasing ladder (default 9 / 21 / 45 days without taking charge): advisers of the
//!   branch (or partner), then its managers too, then the pilots too;
//! - on Mondays, a digest per adviser and manager;
//! - satisfaction surveys about ten days after a partner closes its match as done;
//! - the advisers and managers of the partners holding a file hear of each request for access
//!   to it (once each).

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Utc};
use rand::RngCore;
use tremplin_domain::dates::paris_date;
use tremplin_domain::followup::{MatchStatus, ReferralStatus, ladder_step};
use tremplin_store::mail::Mail;
use tremplin_store::routing::{InboxFilter, InboxScope};
use tremplin_store::users::Recipient;
use tremplin_store::{Result, access, companies, orgs, referrals, routing, surveys, users};
use uuid::Uuid;

use crate::mail::texts::{self as mails, ReferralText};
use crate::state::AppState;

/// What one run did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    pub escalated: usize,
    pub reminders: usize,
    pub digests: usize,
    pub surveys: usize,
    pub access_requests: usize,
}

/// Runs every scheduled follow-up task as of `at`.
pub async fn run(state: &AppState, at: DateTime<Utc>) -> Result<Report> {
    let mut report = Report {
        escalated: escalate(state, at).await?,
        reminders: chase(state, at).await?,
        ..Report::default()
    };
    if paris_date(at).weekday() == chrono::Weekday::Mon {
        report.digests = digests(state, at).await?;
    }
    report.surveys = send_surveys(state, at).await?;
    report.access_requests = tell_holders(state).await?;
    Ok(report)
}

/// Mails the advisers and managers of the partners holding a file about each pending request
/// for access to it; each person hears of a request once (the mail's key).
async fn tell_holders(state: &AppState) -> Result<usize> {
    let names = Names::load(state).await?;
    let link = format!(
        "{}/entreprises#acces",
        state.config().public_url.trim_end_matches('/')
    );
    let mut sent = 0;
    for r in access::pending(state.db()).await? {
        for holder in companies::holders(state.db(), r.company_id).await? {
            for p in users::members_of(state.db(), holder, &["adviser", "manager"]).await? {
                let l = mails::lang_of(p.locale.as_deref());
                let (subject, body) = mails::access_request(
                    l,
                    &p.display_name,
                    &r.company_name,
                    &names.org(r.organisation_id, l),
                    &link,
                );
                let queued = tremplin_store::mail::enqueue(
                    state.db(),
                    &Mail {
                        key: format!("access:{}:{}", r.id, p.id),
                        kind: "access_request",
                        to: &p.email,
                        subject: &subject,
                        body: &body,
                    },
                )
                .await?;
                sent += usize::from(queued);
            }
        }
    }
    Ok(sent)
}

struct Names {
    orgs: HashMap<Uuid, (String, String)>,
}

impl Names {
    async fn load(state: &AppState) -> Result<Names> {
        Ok(Names {
            orgs: orgs::list(state.db())
                .await?
                .into_iter()
                .map(|o| (o.id, (o.name_fr.clone(), o.name_en.clone())))
                .collect(),
        })
    }

    fn org(&self, id: Uuid, lang: crate::http::i18n::Lang) -> String {
        self.orgs
            .get(&id)
            .map(|(fr, en)| lang.pick(fr, en).to_string())
            .unwrap_or_default()
    }
}

fn subject_label(state: &AppState, subject: &str, lang: crate::http::i18n::Lang) -> String {
    state
        .catalogue()
        .catalogue
        .taxonomies
        .need_label(subject, lang.code())
}

fn lang(r: &Recipient) -> crate::http::i18n::Lang {
    mails::lang_of(r.locale.as_deref())
}

async fn escalate(state: &AppState, at: DateTime<Utc>) -> Result<usize> {
    let fresh = referrals::escalate_overdue(state.db(), paris_date(at)).await?;
    if fresh.is_empty() {
        return Ok(0);
    }
    let names = Names::load(state).await?;
    let pilots = users::with_role(state.db(), &["pilot"]).await?;
    let base = &state.config().public_url;
    for r in &fresh {
        for p in &pilots {
            let l = lang(p);
            let link = format!("{base}/orientations/{}", r.id);
            let (subject, body) = mails::referral(
                l,
                "escalated",
                &p.display_name,
                &ReferralText {
                    company: &r.company_name,
                    from: &names.org(r.from_organisation_id, l),
                    to: &names.org(r.to_organisation_id, l),
                    subject: &subject_label(state, &r.subject, l),
                    due: &r.due_on.to_string(),
                    message: &r.message,
                    link: &link,
                },
            );
            tremplin_store::mail::enqueue(
                state.db(),
                &Mail {
                    key: format!("referral-escalated:{}:{}", r.id, p.id),
                    kind: "referral_escalated",
                    to: &p.email,
                    subject: &subject,
                    body: &body,
                },
            )
            .await?;
        }
    }
    Ok(fresh.len())
}

async fn chase(state: &AppState, at: DateTime<Utc>) -> Result<usize> {
    let ladder = &state.config().followup.reminder_days;
    let today = paris_date(at);
    let base = &state.config().public_url;
    let pilots = users::with_role(state.db(), &["pilot"]).await?;
    let mut members: HashMap<Uuid, Vec<Recipient>> = HashMap::new();
    let mut sent = 0;
    for w in routing::waiting(state.db()).await? {
        let age = (today - paris_date(w.created_at)).num_days();
        let step = ladder_step(ladder, age);
        if step <= w.reminder_step {
            continue;
        }
        if let std::collections::hash_map::Entry::Vacant(e) = members.entry(w.organisation_id) {
            e.insert(
                users::members_of(state.db(), w.organisation_id, &["adviser", "manager"]).await?,
            );
        }
        let to = reminded(&members[&w.organisation_id], &pilots, w.branch_id, step);
        let link = format!("{base}/demandes/{}", w.match_id);
        let texts: Vec<(String, (String, String))> = to
            .iter()
            .map(|r| {
                let l = lang(r);
                (
                    r.email.clone(),
                    mails::reminder(
                        l,
                        &r.display_name,
                        &w.company_name,
                        &subject_label(state, &w.subject, l),
                        age,
                        &link,
                    ),
                )
            })
            .collect();
        let batch: Vec<Mail> = texts
            .iter()
            .zip(&to)
            .map(|((email, (subject, body)), r)| Mail {
                key: format!("reminder:{}:{step}:{}", w.match_id, r.id),
                kind: "reminder",
                to: email,
                subject,
                body,
            })
            .collect();
        routing::record_reminder(state.db(), w.match_id, step, &batch).await?;
        sent += 1;
    }
    Ok(sent)
}

/// Who a reminder of `step` goes to: advisers, then managers (step 2), then pilots (step 3).
fn reminded<'a>(
    people: &'a [Recipient],
    pilots: &'a [Recipient],
    branch: Option<Uuid>,
    step: i32,
) -> Vec<&'a Recipient> {
    // The branch's people when it has some, else the whole partner.
    let in_branch: Vec<&Recipient> = people
        .iter()
        .filter(|r| branch.is_some() && r.branch_id == branch)
        .collect();
    let scope: Vec<&Recipient> = if in_branch.is_empty() {
        people.iter().collect()
    } else {
        in_branch
    };
    let mut to: Vec<&Recipient> = scope
        .into_iter()
        .filter(|r| step >= 2 || r.role == "adviser")
        .collect();
    if step >= 2 {
        to.extend(people.iter().filter(|r| r.role == "manager"));
    }
    if step >= 3 {
        to.extend(pilots.iter());
    }
    to.sort_by_key(|r| r.id);
    to.dedup_by_key(|r| r.id);
    to
}

async fn digests(state: &AppState, at: DateTime<Utc>) -> Result<usize> {
    let today = paris_date(at);
    let week = format!(
        "{}-W{:02}",
        today.iso_week().year(),
        today.iso_week().week()
    );
    let base = &state.config().public_url;
    let mut sent = 0;
    for r in users::with_role(state.db(), &["adviser", "manager"]).await? {
        let u = users::get(state.db(), r.id).await?;
        let (waiting, mine, pending) = digest_counts(state, r.id, &u).await?;
        if waiting + mine + pending == 0 {
            continue;
        }
        let (subject, body) = mails::digest(
            lang(&r),
            &r.display_name,
            waiting,
            mine,
            pending,
            &format!("{base}/demandes"),
        );
        let queued = tremplin_store::mail::enqueue(
            state.db(),
            &Mail {
                key: format!("digest:{}:{week}", r.id),
                kind: "digest",
                to: &r.email,
                subject: &subject,
                body: &body,
            },
        )
        .await?;
        sent += usize::from(queued);
    }
    Ok(sent)
}

/// A user's digest: requests waiting for the team, matches taken in charge, referrals pending.
async fn digest_counts(
    state: &AppState,
    user: Uuid,
    u: &users::UserWithMemberships,
) -> Result<(i64, i64, i64)> {
    let orgs: Vec<Uuid> = u.memberships.iter().map(|m| m.organisation_id).collect();
    let branch = u.memberships.iter().find_map(|m| m.branch_id);
    let count = |rows: &[(MatchStatus, i64)], s: MatchStatus| {
        rows.iter()
            .filter(|(st, _)| *st == s)
            .map(|(_, n)| *n)
            .sum::<i64>()
    };
    let team = routing::inbox_counts(
        state.db(),
        &InboxScope {
            orgs: orgs.clone(),
            branch,
            adviser: None,
        },
        &InboxFilter::default(),
    )
    .await?;
    let own = routing::inbox_counts(
        state.db(),
        &InboxScope {
            orgs: orgs.clone(),
            branch: None,
            adviser: Some(user),
        },
        &InboxFilter::default(),
    )
    .await?;
    let pending = referrals::for_orgs(state.db(), &orgs, true, 1000)
        .await?
        .iter()
        .filter(|f| f.status == ReferralStatus::Pending)
        .count() as i64;
    Ok((
        count(&team, MatchStatus::Waiting),
        count(&own, MatchStatus::TakingCharge),
        pending,
    ))
}

async fn send_surveys(state: &AppState, at: DateTime<Utc>) -> Result<usize> {
    let days = state.config().followup.survey_after_days;
    let due = surveys::due(state.db(), at - chrono::Duration::days(days)).await?;
    if due.is_empty() {
        return Ok(0);
    }
    let names = Names::load(state).await?;
    let base = &state.config().public_url;
    for d in &due {
        let l = mails::lang_of(Some(&d.locale));
        let mut raw = [0u8; 24];
        rand::rng().fill_bytes(&mut raw);
        let token = hex::encode(raw);
        let link = format!("{base}/enquete/{token}");
        let (subject, body) = mails::survey(
            l,
            &d.company_name,
            &names.org(d.organisation_id, l),
            &subject_label(state, &d.subject, l),
            &link,
        );
        surveys::create(
            state.db(),
            d,
            &token,
            &Mail {
                key: format!("survey:{}", d.match_id),
                kind: "survey",
                to: &d.contact_email,
                subject: &subject,
                body: &body,
            },
        )
        .await?;
    }
    Ok(due.len())
}
