//! The texts of the mails Tremplin sends, from the translations. Each builder returns
//! (subject, body) in the recipient's language, signed.

use crate::http::i18n::Lang;

pub type Text = (String, String);

fn build(lang: Lang, key: &str, args: &[(&'static str, String)]) -> Text {
    let subject = lang.tn(&format!("mail-{key}-subject"), args);
    let body = format!(
        "{}\n\n{}\n",
        lang.tn(&format!("mail-{key}-body"), args),
        lang.t("mail-signature")
    );
    (subject, body)
}

/// To a holder's adviser: another partner asks to open a file.
pub fn access_request(lang: Lang, name: &str, company: &str, partner: &str, link: &str) -> Text {
    build(
        lang,
        "access",
        &[
            ("name", name.into()),
            ("company", company.into()),
            ("partner", partner.into()),
            ("link", link.into()),
        ],
    )
}

pub fn lang_of(locale: Option<&str>) -> Lang {
    locale.and_then(Lang::parse).unwrap_or_default()
}

pub fn received(lang: Lang, name: &str, company: &str) -> Text {
    build(
        lang,
        "received",
        &[("name", name.into()), ("company", company.into())],
    )
}

/// "taken" or "closed": the company hears from the partner.
pub fn step(
    lang: Lang,
    which: &str,
    name: &str,
    company: &str,
    partner: &str,
    subject: &str,
) -> Text {
    build(
        lang,
        which,
        &[
            ("name", name.into()),
            ("company", company.into()),
            ("partner", partner.into()),
            ("subject", subject.into()),
        ],
    )
}

pub fn survey(lang: Lang, company: &str, partner: &str, subject: &str, link: &str) -> Text {
    build(
        lang,
        "survey",
        &[
            ("company", company.into()),
            ("partner", partner.into()),
            ("subject", subject.into()),
            ("link", link.into()),
        ],
    )
}

pub fn reminder(
    lang: Lang,
    name: &str,
    company: &str,
    subject: &str,
    days: i64,
    link: &str,
) -> Text {
    build(
        lang,
        "reminder",
        &[
            ("name", name.into()),
            ("company", company.into()),
            ("subject", subject.into()),
            ("days", days.to_string()),
            ("link", link.into()),
        ],
    )
}

pub struct ReferralText<'a> {
    pub company: &'a str,
    pub from: &'a str,
    pub to: &'a str,
    pub subject: &'a str,
    pub due: &'a str,
    pub message: &'a str,
    pub link: &'a str,
}

/// "referral" (to the recipient partner) or "escalated" (to the pilot).
pub fn referral(lang: Lang, which: &str, name: &str, r: &ReferralText<'_>) -> Text {
    build(
        lang,
        which,
        &[
            ("name", name.into()),
            ("company", r.company.into()),
            ("from", r.from.into()),
            ("to", r.to.into()),
            ("subject", r.subject.into()),
            ("due", r.due.into()),
            ("message", r.message.into()),
            ("link", r.link.into()),
        ],
    )
}

pub fn digest(lang: Lang, name: &str, waiting: i64, mine: i64, referrals: i64, link: &str) -> Text {
    build(
        lang,
        "digest",
        &[
            ("name", name.into()),
            ("waiting", waiting.to_string()),
            ("mine", mine.to_string()),
            ("referrals", referrals.to_string()),
            ("link", link.into()),
        ],
    )
}
