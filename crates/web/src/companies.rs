//! The shared company file: search, creation (an existing SIREN opens the existing file; a
//! similar name in the same commune is suggested first), the file page, edits that never
//! silently overwrite another adviser's save, export countries, establishments, merges.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use tremplin_domain::company::{ExportStatus, HEADCOUNT_BANDS, name_key, similar_names};
use tremplin_domain::geo::{CommuneCode, CountryCode};
use tremplin_domain::naf::NafCode;
use tremplin_domain::policy::{Action, Resource};
use tremplin_domain::siren::Siret;
use tremplin_store::companies::{self, Company, Created, Establishment, Fields};
use tremplin_store::{accompaniments, orgs};
use uuid::Uuid;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::orientation::country_name;
use crate::tpl::{self, FormState, render};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/entreprises", get(list_page))
        .route("/entreprises/nouvelle", get(new_page).post(create))
        .route("/entreprises/{id}", get(file_page))
        .route("/entreprises/{id}/modifier", get(edit_page).post(edit))
        .route("/entreprises/{id}/pays", post(set_country))
        .route("/entreprises/{id}/etablissements", post(add_establishment))
        .route("/entreprises/{id}/fusion", post(merge))
        .route("/entreprises/{id}/accompagnements", post(add_accompaniment))
        .route(
            "/entreprises/{id}/accompagnements/{acc}/statut",
            post(accompaniment_status),
        )
        .route("/entreprises/{id}/notes", post(add_note))
        .route("/entreprises/{id}/demandes", post(add_request))
        .route("/entreprises/{id}/contacts", post(add_contact))
        .route(
            "/entreprises/{id}/contacts/{cid}/retrait",
            post(withdraw_contact_consent),
        )
        .route(
            "/entreprises/{id}/contacts/{cid}/anonymiser",
            post(anonymise_contact),
        )
        .route(
            "/entreprises/{id}/contacts/{cid}/export",
            get(export_contact),
        )
}

/// Whether the policy lets the user do `action` on a company's file (shared, or held by one
/// of the user's partners: one question per holder).
pub async fn can_on_company(
    ctx: &Ctx,
    state: &AppState,
    c: &Company,
    action: Action,
) -> Result<bool, AppError> {
    Ok(require_company(ctx, state, c, action).await.is_ok())
}

/// Asks the policy for a company's file; the refusal as an error.
pub(crate) async fn require_company(
    ctx: &Ctx,
    state: &AppState,
    c: &Company,
    action: Action,
) -> Result<(), AppError> {
    let holders = companies::holders(state.db(), c.id).await?;
    allowed(ctx, c.sharing_consent, &holders, action)
}

/// The policy's answer for a file, given whether it is shared and who holds it.
fn allowed(ctx: &Ctx, shared: bool, holders: &[Uuid], action: Action) -> Result<(), AppError> {
    let mut last = ctx.require(
        action,
        Resource::CompanyFile {
            shared,
            holder: None,
        },
    );
    for h in holders {
        last = ctx.require(
            action,
            Resource::CompanyFile {
                shared,
                holder: Some(*h),
            },
        );
        if last.is_ok() {
            return last;
        }
    }
    last
}

#[derive(Deserialize, Default)]
struct SearchQ {
    #[serde(default)]
    q: String,
    #[serde(default)]
    format: String,
}

async fn list_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<SearchQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    let text = q.q.trim();
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let digits = if digits.len() >= 3
        && digits.len() == text.chars().filter(|c| !c.is_whitespace()).count()
    {
        digits
    } else {
        String::new()
    };
    let key = if digits.is_empty() {
        name_key(text)
    } else {
        String::new()
    };
    let hits = if key.is_empty() && digits.is_empty() {
        Vec::new()
    } else {
        companies::search(state.db(), &key, &digits, 50).await?
    };
    let ids: Vec<Uuid> = hits.iter().map(|h| h.id).collect();
    let holders = companies::holders_of(state.db(), &ids).await?;
    let mut rows = Vec::new();
    for h in hits {
        let held: Vec<Uuid> = holders
            .iter()
            .filter(|(c, _)| *c == h.id)
            .map(|(_, o)| *o)
            .collect();
        let visible = allowed(&ctx, h.sharing_consent, &held, Action::ViewCompany).is_ok();
        rows.push(tpl::CompanyRow {
            id: h.id,
            name: h.name,
            siren: h.siren.unwrap_or_default(),
            commune: commune_label(h.commune.as_deref()),
            visible,
        });
    }
    if let Some(profile) = crate::export::Profile::parse(&q.format) {
        let headers = vec![
            ctx.t("company-name"),
            "SIREN".to_string(),
            ctx.t("company-commune"),
        ];
        let table: Vec<Vec<String>> = rows
            .iter()
            .map(|r| vec![r.name.clone(), r.siren.clone(), r.commune.clone()])
            .collect();
        return Ok(crate::export::table_response(
            profile,
            "entreprises",
            &headers,
            &table,
        ));
    }
    let form = FormState::new(ctx.lang).with("q", text);
    Ok(render(
        &tpl::CompanyList {
            ctx,
            rows,
            form,
            searched: !text.is_empty(),
        },
        StatusCode::OK,
    ))
}

pub fn commune_label(code: Option<&str>) -> String {
    match code {
        Some(c) => CommuneCode::parse(c)
            .ok()
            .and_then(|c| {
                c.hdf_commune()
                    .map(|x| format!("{} ({})", x.name, x.code_insee))
            })
            .unwrap_or_else(|| c.to_string()),
        None => String::new(),
    }
}

/// The company form, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CompanyForm {
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub siren: String,
    #[serde(default)]
    pub naf: String,
    #[serde(default)]
    pub legal_form: String,
    #[serde(default)]
    pub rcs: String,
    #[serde(default)]
    pub rm: String,
    #[serde(default)]
    pub headcount_band: String,
    #[serde(default)]
    pub turnover_eur: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub commune: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub sharing_consent: String,
    #[serde(default)]
    pub confirm_similar: String,
}

impl CompanyForm {
    fn from_company(c: &Company) -> CompanyForm {
        CompanyForm {
            version: c.version.to_string(),
            name: c.name.clone(),
            siren: c.siren.clone().unwrap_or_default(),
            naf: c.naf.clone().unwrap_or_default(),
            legal_form: c.legal_form.clone().unwrap_or_default(),
            rcs: if c.registries.contains("rcs") {
                "oui".into()
            } else {
                String::new()
            },
            rm: if c.registries.contains("rm") {
                "oui".into()
            } else {
                String::new()
            },
            headcount_band: c.headcount_band.clone().unwrap_or_default(),
            turnover_eur: c.turnover_eur.map(|t| t.to_string()).unwrap_or_default(),
            address: c.address.clone().unwrap_or_default(),
            commune: c.commune.clone().unwrap_or_default(),
            country: c.country.clone(),
            sharing_consent: if c.sharing_consent {
                "oui".into()
            } else {
                String::new()
            },
            confirm_similar: String::new(),
        }
    }

    fn state(&self, ctx: &Ctx) -> FormState {
        let mut f = FormState::new(ctx.lang);
        for (k, v) in [
            ("version", &self.version),
            ("name", &self.name),
            ("siren", &self.siren),
            ("naf", &self.naf),
            ("legal_form", &self.legal_form),
            ("rcs", &self.rcs),
            ("rm", &self.rm),
            ("headcount_band", &self.headcount_band),
            ("turnover_eur", &self.turnover_eur),
            ("address", &self.address),
            ("commune", &self.commune),
            ("country", &self.country),
            ("sharing_consent", &self.sharing_consent),
        ] {
            f.values.insert(k.into(), v.clone());
        }
        f
    }

    /// Parses the fields into domain types; errors next to each field.
    pub fn fields(&self, form: &mut FormState) -> Option<Fields> {
        let trim = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let name = self.name.trim();
        if name.is_empty() {
            form.fail("name", "required");
        } else if name.chars().count() > 200 {
            form.fail("name", "too_long");
        }
        let siren = match trim(&self.siren) {
            None => None,
            Some(s) => match tremplin_domain::siren::parse_siren_or_siret(&s) {
                Ok(s) => Some(s.as_str().to_string()),
                Err(e) => {
                    form.fail("siren", e.code());
                    None
                }
            },
        };
        let naf = match trim(&self.naf) {
            None => None,
            Some(n) => match NafCode::parse(&n) {
                Ok(n) => Some(n.code().to_string()),
                Err(e) => {
                    form.fail("naf", e.code());
                    None
                }
            },
        };
        let country = match trim(&self.country) {
            None => "FR".to_string(),
            Some(c) => match CountryCode::parse(&c) {
                Ok(c) => c.as_str().to_string(),
                Err(e) => {
                    form.fail("country", e.code());
                    "FR".into()
                }
            },
        };
        let (commune, departement) = match trim(&self.commune) {
            None => (None, None),
            Some(c) => match CommuneCode::parse(&c) {
                Ok(c) => (
                    Some(c.as_str().to_string()),
                    Some(c.departement().as_str().to_string()),
                ),
                Err(e) => {
                    form.fail("commune", e.code());
                    (None, None)
                }
            },
        };
        if siren.is_some() && country != "FR" {
            form.fail("siren", "siren_for_french_only");
        }
        let headcount_band = trim(&self.headcount_band);
        if let Some(b) = &headcount_band
            && !HEADCOUNT_BANDS.iter().any(|x| x.0 == b)
        {
            form.fail("headcount_band", "value_unknown");
        }
        let turnover_eur = match trim(&self.turnover_eur) {
            None => None,
            Some(t) => match t.replace([' ', '\u{202f}', '\u{a0}'], "").parse::<i64>() {
                Ok(v) if v >= 0 => Some(v),
                Ok(_) => {
                    form.fail("turnover_eur", "value_negative");
                    None
                }
                Err(_) => {
                    form.fail("turnover_eur", "number_invalid");
                    None
                }
            },
        };
        let mut registries = Vec::new();
        if self.rcs == "oui" {
            registries.push("rcs");
        }
        if self.rm == "oui" {
            registries.push("rm");
        }
        if form.has_errors() {
            return None;
        }
        Some(Fields {
            siren,
            name: name.to_string(),
            name_key: name_key(name),
            naf,
            legal_form: trim(&self.legal_form),
            registries: registries.join(","),
            headcount_band,
            turnover_eur,
            address: trim(&self.address),
            commune,
            departement,
            country,
            sharing_consent: self.sharing_consent == "oui",
        })
    }
}

fn bands(ctx: &Ctx) -> Vec<(String, String)> {
    HEADCOUNT_BANDS
        .iter()
        .map(|b| (b.0.to_string(), ctx.tp("band-headcount-", b.0)))
        .collect()
}

async fn new_page(ctx: Ctx) -> Result<Response, AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    let form = FormState::new(ctx.lang).with("country", "FR");
    let bands = bands(&ctx);
    Ok(render(
        &tpl::CompanyForm {
            ctx,
            form,
            bands,
            similar: vec![],
            id: None,
        },
        StatusCode::OK,
    ))
}

async fn create(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(f): Form<CompanyForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    let mut form = f.state(&ctx);
    let bands = bands(&ctx);
    let Some(fields) = f.fields(&mut form) else {
        return Ok(render(
            &tpl::CompanyForm {
                ctx,
                form,
                bands,
                similar: vec![],
                id: None,
            },
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    };
    // A similar name in the same commune: suggest the existing files before creating.
    if fields.siren.is_none()
        && f.confirm_similar != "oui"
        && let Some(commune) = &fields.commune
    {
        let similar: Vec<tpl::CompanyRow> = companies::in_commune(state.db(), commune)
            .await?
            .into_iter()
            .filter(|h| similar_names(&h.name, &fields.name))
            .map(|h| tpl::CompanyRow {
                id: h.id,
                name: h.name,
                siren: h.siren.unwrap_or_default(),
                commune: commune_label(h.commune.as_deref()),
                visible: true,
            })
            .collect();
        if !similar.is_empty() {
            return Ok(render(
                &tpl::CompanyForm {
                    ctx,
                    form,
                    bands,
                    similar,
                    id: None,
                },
                StatusCode::OK,
            ));
        }
    }
    let holder = ctx.own_org();
    match companies::create(state.db(), &ctx.actor(), holder, &fields).await? {
        Created::New(id) => Ok(Redirect::to(&format!("/entreprises/{id}")).into_response()),
        Created::Existing(id) => {
            // The adviser's partner works with this company now: it becomes a holder.
            if let Some(org) = holder {
                companies::add_holder(state.db(), &ctx.actor(), id, org).await?;
            }
            Ok(Redirect::to(&format!("/entreprises/{id}?existant=1")).into_response())
        }
    }
}

#[derive(Deserialize, Default)]
struct FileQ {
    existant: Option<String>,
}

async fn file_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Query(q): Query<FileQ>,
) -> Result<Response, AppError> {
    ctx.require(Action::ListCompanies, Resource::Global)?;
    let c = companies::get(state.db(), id).await?;
    if let Some(into) = c.merged_into {
        return Ok(Redirect::to(&format!("/entreprises/{into}")).into_response());
    }
    require_company(&ctx, &state, &c, Action::ViewCompany).await?;
    let l = ctx.lang.code();
    let all_orgs = orgs::list(state.db()).await?;
    let holders = companies::holders(state.db(), id)
        .await?
        .into_iter()
        .filter_map(|h| {
            all_orgs
                .iter()
                .find(|o| o.id == h)
                .map(|o| o.name(l).to_string())
        })
        .collect();
    let countries = companies::countries(state.db(), id)
        .await?
        .into_iter()
        .map(|r| {
            let name = CountryCode::parse(&r.country)
                .map(|c| country_name(ctx.lang, &c))
                .unwrap_or(r.country.clone());
            (name, ctx.tp("export-", &r.status))
        })
        .collect();
    let establishments = companies::establishments(state.db(), id).await?;
    let naf_label = c
        .naf
        .as_deref()
        .and_then(|n| NafCode::parse(n).ok())
        .and_then(|n| n.label_fr().map(str::to_string));
    let country_options = tremplin_domain::refdata::refdata()
        .countries_by_name_fr()
        .map(|c| {
            (
                c.alpha2.clone(),
                ctx.lang.pick(&c.name_fr, &c.name_en).to_string(),
            )
        })
        .collect();
    let notice = q.existant.map(|_| ctx.t("company-existing"));
    let can_merge = ctx.can(Action::MergeCompanies);
    // The timeline: accompaniments and the notes this user may read, newest first.
    let viewer_orgs = ctx.org_ids();
    let org_label = |o: Uuid| {
        all_orgs
            .iter()
            .find(|x| x.id == o)
            .map(|x| x.name(l).to_string())
            .unwrap_or_default()
    };
    let live = state.catalogue();
    let accompaniments: Vec<tpl::AccompanimentView> = accompaniments::of_company(state.db(), id)
        .await?
        .into_iter()
        .map(|a| tpl::AccompanimentView {
            id: a.id,
            version: a.version,
            title: a.title,
            partner: org_label(a.organisation_id),
            scheme: a
                .scheme_id
                .as_deref()
                .and_then(|s| live.catalogue.get(s))
                .map(|s| s.spec.name.get(l).to_string()),
            status: a.status,
            start: a.start_date.map(|d| d.to_string()).unwrap_or_default(),
            end: a.end_date.map(|d| d.to_string()).unwrap_or_default(),
            outcome: a.outcome.unwrap_or_default(),
            mine: viewer_orgs.contains(&a.organisation_id),
        })
        .collect();
    let mut timeline: Vec<tpl::TimelineItem> =
        accompaniments::interactions_for(state.db(), id, &viewer_orgs)
            .await?
            .into_iter()
            .map(|i| tpl::TimelineItem {
                date: i.occurred_on.to_string(),
                what: format!(
                    "{} — {}",
                    ctx.tp("kind-", &i.kind),
                    org_label(i.organisation_id)
                ),
                text: i.note,
                private: i.visibility == "partner",
            })
            .collect();
    let needs_tax = &live.catalogue.taxonomies;
    for (_, at, subjects) in tremplin_store::catalogue::requests_of_company(state.db(), id).await? {
        let labels: Vec<String> = subjects
            .iter()
            .map(|s| {
                needs_tax
                    .need(s)
                    .map(|n| n.label(l).to_string())
                    .unwrap_or_else(|| s.clone())
            })
            .collect();
        timeline.push(tpl::TimelineItem {
            date: tremplin_domain::dates::paris_date(at).to_string(),
            what: ctx.t("timeline-request"),
            text: labels.join(", "),
            private: false,
        });
    }
    for a in &accompaniments {
        let date = if a.end.is_empty() {
            a.start.clone()
        } else {
            a.end.clone()
        };
        timeline.push(tpl::TimelineItem {
            date,
            what: format!("{} — {}", ctx.tp("acc-status-", &a.status), a.partner),
            text: a.title.clone(),
            private: false,
        });
    }
    // Needs, their matches and referrals: what is open, who handles it, what comes next.
    let need_label = |s: &str| {
        needs_tax
            .need(s)
            .map(|n| n.label(l).to_string())
            .unwrap_or_else(|| s.to_string())
    };
    let all_matches = tremplin_store::routing::matches_of_company(state.db(), id).await?;
    let today = tremplin_domain::dates::paris_date(chrono::Utc::now());
    let referral_rows = tremplin_store::referrals::of_company(state.db(), id).await?;
    let mut needs = Vec::new();
    for n in tremplin_store::routing::needs_of_company(state.db(), id).await? {
        let matches = all_matches
            .iter()
            .filter(|m| m.need_id == n.id)
            .map(|m| tpl::NeedMatch {
                id: m.match_id,
                partner: org_label(m.organisation_id),
                status: m.status.clone(),
                lead: n.lead_organisation_id == Some(m.organisation_id),
                mine: viewer_orgs.contains(&m.organisation_id),
            })
            .collect();
        needs.push(tpl::NeedView {
            id: n.id,
            subject: need_label(&n.subject),
            status: n.status.clone(),
            since: tremplin_domain::dates::paris_date(n.created_at).to_string(),
            matches,
        });
    }
    for m in &all_matches {
        if let Some(t) = m.taken_at {
            timeline.push(tpl::TimelineItem {
                date: tremplin_domain::dates::paris_date(t).to_string(),
                what: format!(
                    "{} — {}",
                    ctx.t("match-taking_charge"),
                    org_label(m.organisation_id)
                ),
                text: need_label(&m.subject),
                private: false,
            });
        }
        if let (Some(t), true) = (
            m.closed_at,
            tremplin_store::routing::CLOSED.contains(&m.status.as_str()),
        ) {
            timeline.push(tpl::TimelineItem {
                date: tremplin_domain::dates::paris_date(t).to_string(),
                what: format!(
                    "{} — {}",
                    ctx.tp("match-", &m.status),
                    org_label(m.organisation_id)
                ),
                text: need_label(&m.subject),
                private: false,
            });
        }
    }
    let referrals: Vec<tpl::ReferralView> = referral_rows
        .into_iter()
        .map(|r| tpl::ReferralView {
            subject: need_label(&r.subject),
            from: org_label(r.from_organisation_id),
            to: org_label(r.to_organisation_id),
            overdue: r.status == "pending" && r.due_on < today,
            due: r.due_on.to_string(),
            r,
        })
        .collect();
    for f in &referrals {
        timeline.push(tpl::TimelineItem {
            date: tremplin_domain::dates::paris_date(f.r.created_at).to_string(),
            what: format!("{} — {} → {}", ctx.t("referrals-one"), f.from, f.to),
            text: format!("{} : {}", f.subject, f.r.message),
            private: false,
        });
        if let Some(t) = f.r.decided_at {
            timeline.push(tpl::TimelineItem {
                date: tremplin_domain::dates::paris_date(t).to_string(),
                what: format!("{} — {}", ctx.tp("referral-", &f.r.status), f.to),
                text: f.r.reason.clone().unwrap_or_default(),
                private: false,
            });
        }
    }
    timeline.sort_by(|a, b| b.date.cmp(&a.date));
    let next_step = next_step(&ctx, &referrals, &needs, &accompaniments);
    let partners: Vec<(Uuid, String)> = all_orgs
        .iter()
        .filter(|o| !viewer_orgs.contains(&o.id))
        .map(|o| (o.id, o.name(l).to_string()))
        .collect();
    let need_subjects: Vec<(String, String)> = needs_tax
        .needs
        .iter()
        .map(|n| (n.id.clone(), n.label(l).to_string()))
        .collect();
    let default_due = tremplin_domain::dates::add_working_days(
        today,
        state.config().followup.referral_working_days,
    )
    .to_string();
    // A person is shown to the Team only with their consent; otherwise to the partner that
    // recorded them.
    let contacts: Vec<tremplin_store::contacts::Contact> =
        tremplin_store::contacts::of_company(state.db(), id)
            .await?
            .into_iter()
            .filter(|c| c.consent_share || viewer_orgs.contains(&c.organisation_id))
            .collect();
    let schemes: Vec<(String, String)> = live
        .catalogue
        .schemes
        .iter()
        .map(|s| (s.spec.id.clone(), s.spec.name.get(l).to_string()))
        .collect();
    // Upcoming events the file can be registered to (by the event's organisers).
    let upcoming_events: Vec<(Uuid, String)> = if ctx.can(Action::ManageEvents) {
        tremplin_store::events::list(state.db())
            .await?
            .into_iter()
            .filter(|e| e.day >= today)
            .map(|e| (e.id, format!("{} — {}", e.name, e.day)))
            .collect()
    } else {
        Vec::new()
    };
    Ok(render(
        &tpl::CompanyFile {
            upcoming_events,
            commune: commune_label(c.commune.as_deref()),
            c,
            naf_label,
            holders,
            countries,
            establishments,
            country_options,
            notice,
            can_merge,
            accompaniments,
            timeline,
            schemes,
            contacts,
            needs,
            referrals,
            next_step,
            partners,
            need_subjects,
            default_due,
            form: FormState::new(ctx.lang),
            ctx,
        },
        StatusCode::OK,
    )
    .into_response())
}

#[derive(Deserialize)]
struct RequestForm {
    #[serde(default)]
    subject: String,
    /// One of the company's contacts (the company's mails go to them), or empty.
    #[serde(default)]
    contact: String,
    #[serde(default)]
    message: String,
}

/// An adviser enters a request for a company: it is routed by the rules like a public one,
/// from what the file knows (territory, size, activity, registers).
async fn add_request(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<RequestForm>,
) -> Result<Response, AppError> {
    let c = companies::get(state.db(), id).await?;
    require_company(&ctx, &state, &c, Action::EditCompany).await?;
    let mut errors = crate::error::FieldErrors::new();
    let subject = f.subject.trim().to_string();
    if state
        .catalogue()
        .catalogue
        .taxonomies
        .need(&subject)
        .is_none()
    {
        errors.insert("subject".into(), "need_unknown".into());
    }
    if f.message.chars().count() > 2000 {
        errors.insert("message".into(), "too_long".into());
    }
    let contact = if f.contact.trim().is_empty() {
        None
    } else {
        match Uuid::parse_str(f.contact.trim()).ok() {
            Some(k) => match tremplin_store::contacts::get(state.db(), k).await {
                Ok(k) if k.company_id == id && k.anonymised_at.is_none() => Some(k),
                _ => {
                    errors.insert("contact".into(), "value_unknown".into());
                    None
                }
            },
            None => {
                errors.insert("contact".into(), "value_unknown".into());
                None
            }
        }
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let request = tremplin_store::catalogue::create_adviser_request(
        state.db(),
        &ctx.actor(),
        &tremplin_store::catalogue::AdviserRequest {
            company: &c,
            contact_name: contact.as_ref().map(|k| k.name.as_str()).unwrap_or(""),
            contact_email: contact.as_ref().map(|k| k.email.as_str()).unwrap_or(""),
            message: Some(f.message.trim()).filter(|m| !m.is_empty()),
            locale: ctx.lang.code(),
        },
    )
    .await?;
    let facts = tremplin_domain::routing::CompanyFacts {
        departement: c.departement.clone(),
        commune: c.commune.clone(),
        headcount: c
            .headcount_band
            .as_deref()
            .and_then(|b| HEADCOUNT_BANDS.iter().find(|x| x.0 == b).map(|x| x.1)),
        age_years: None,
        naf: c
            .naf
            .as_deref()
            .and_then(|n| NafCode::parse(n).ok())
            .and_then(|n| tremplin_domain::routing::CompanyFacts::naf_of(&n)),
        registries: Some(c.registries.clone())
            .filter(|r| !r.is_empty())
            .map(|r| r.split(',').map(str::to_string).collect()),
    };
    crate::inbox::route_needs(&state, request, &facts, vec![subject]).await?;
    Ok(Redirect::to(&format!("/entreprises/{id}#besoins")).into_response())
}

/// The company's next step, in words: an awaited referral answer, a request waiting to be
/// taken in charge, an accompaniment under way or planned; otherwise a prompt.
fn next_step(
    ctx: &Ctx,
    referrals: &[tpl::ReferralView],
    needs: &[tpl::NeedView],
    accompaniments: &[tpl::AccompanimentView],
) -> String {
    if let Some(f) = referrals.iter().find(|f| f.r.status == "pending") {
        return ctx.t2("next-referral", ("partner", &f.to), ("date", &f.due));
    }
    if let Some(m) = needs
        .iter()
        .filter(|n| n.status == "open")
        .flat_map(|n| n.matches.iter())
        .find(|m| m.status == "waiting")
    {
        return ctx.t1("next-take", "partner", &m.partner);
    }
    if let Some(a) = accompaniments
        .iter()
        .find(|a| a.status == "in_progress" || a.status == "planned")
    {
        return ctx.t2(
            "next-accompaniment",
            ("title", &a.title),
            ("partner", &a.partner),
        );
    }
    ctx.t("next-none")
}

async fn edit_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let c = companies::get(state.db(), id).await?;
    require_company(&ctx, &state, &c, Action::EditCompany).await?;
    let form = CompanyForm::from_company(&c).state(&ctx);
    let bands = bands(&ctx);
    Ok(render(
        &tpl::CompanyForm {
            ctx,
            form,
            bands,
            similar: vec![],
            id: Some(id),
        },
        StatusCode::OK,
    ))
}

async fn edit(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<CompanyForm>,
) -> Result<Response, AppError> {
    let c = companies::get(state.db(), id).await?;
    require_company(&ctx, &state, &c, Action::EditCompany).await?;
    let mut form = f.state(&ctx);
    let bands = bands(&ctx);
    let version = f.version.parse::<i32>().unwrap_or(-1);
    let Some(fields) = f.fields(&mut form) else {
        return Ok(render(
            &tpl::CompanyForm {
                ctx,
                form,
                bands,
                similar: vec![],
                id: Some(id),
            },
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    };
    match companies::update(state.db(), &ctx.actor(), id, version, &fields).await {
        Ok(()) => Ok(Redirect::to(&format!("/entreprises/{id}")).into_response()),
        Err(tremplin_store::StoreError::Conflict(code)) => {
            let field = if code == "siren_taken" {
                "siren"
            } else {
                "version"
            };
            form.fail(field, code);
            Ok(render(
                &tpl::CompanyForm {
                    ctx,
                    form,
                    bands,
                    similar: vec![],
                    id: Some(id),
                },
                StatusCode::CONFLICT,
            ))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct CountryForm {
    #[serde(default)]
    country: String,
    #[serde(default)]
    status: String,
}

async fn set_country(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<CountryForm>,
) -> Result<Response, AppError> {
    let c = companies::get(state.db(), id).await?;
    require_company(&ctx, &state, &c, Action::EditCompany).await?;
    let mut errors = crate::error::FieldErrors::new();
    let country = CountryCode::parse(&f.country)
        .map_err(|e| errors.insert("country".into(), e.code().into()));
    let status = ExportStatus::parse(&f.status)
        .ok_or_else(|| errors.insert("status".into(), "value_unknown".into()));
    let (Ok(country), Ok(status)) = (country, status) else {
        return Err(AppError::Invalid(errors));
    };
    companies::set_country(
        state.db(),
        &ctx.actor(),
        id,
        country.as_str(),
        status.as_str(),
    )
    .await?;
    Ok(Redirect::to(&format!("/entreprises/{id}#pays")).into_response())
}

#[derive(Deserialize)]
struct EstablishmentForm {
    #[serde(default)]
    siret: String,
    #[serde(default)]
    name: String,
}

async fn add_establishment(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<EstablishmentForm>,
) -> Result<Response, AppError> {
    let c = companies::get(state.db(), id).await?;
    require_company(&ctx, &state, &c, Action::EditCompany).await?;
    let digits: String = f.siret.chars().filter(|c| !c.is_whitespace()).collect();
    let siret = Siret::parse(&digits)
        .map_err(|e| AppError::Invalid([("siret".to_string(), e.code().to_string())].into()))?;
    if let Some(s) = &c.siren
        && siret.siren().as_str() != s
    {
        return Err(AppError::Invalid(
            [("siret".to_string(), "siret_other_company".to_string())].into(),
        ));
    }
    let e = Establishment {
        siret: siret.as_str().to_string(),
        name: Some(f.name.trim().to_string()).filter(|n| !n.is_empty()),
        address: None,
        commune: None,
    };
    companies::add_establishment(state.db(), &ctx.actor(), id, &e).await?;
    Ok(Redirect::to(&format!("/entreprises/{id}#etablissements")).into_response())
}

#[derive(Deserialize)]
struct MergeForm {
    #[serde(default)]
    into: String,
}

async fn merge(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<MergeForm>,
) -> Result<Response, AppError> {
    ctx.require(Action::MergeCompanies, Resource::Global)?;
    let from = companies::get(state.db(), id).await?;
    require_company(&ctx, &state, &from, Action::EditCompany).await?;
    let into_id =
        Uuid::parse_str(f.into.trim().trim_start_matches("/entreprises/")).map_err(|_| {
            AppError::Invalid([("into".to_string(), "company_unknown".to_string())].into())
        })?;
    let into = companies::get(state.db(), into_id).await.map_err(|_| {
        AppError::Invalid([("into".to_string(), "company_unknown".to_string())].into())
    })?;
    require_company(&ctx, &state, &into, Action::EditCompany).await?;
    companies::merge(state.db(), &ctx.actor(), id, into_id).await?;
    Ok(Redirect::to(&format!("/entreprises/{into_id}")).into_response())
}

#[derive(Deserialize, Default, Debug, utoipa::ToSchema)]
pub struct AccompanimentForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub scheme: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub start: String,
    #[serde(default)]
    pub end: String,
    #[serde(default)]
    pub budget: String,
    #[serde(default)]
    pub loan: String,
    #[serde(default)]
    pub guarantee: String,
    #[serde(default)]
    pub advisers: String,
    /// The company's need this service answers (optional).
    #[serde(default)]
    pub need: String,
}

fn amount(s: &str, field: &str, errors: &mut crate::error::FieldErrors) -> Option<i64> {
    if s.trim().is_empty() {
        return None;
    }
    match tremplin_domain::money::Cents::parse(s) {
        Ok(c) => Some(c.get()),
        Err(e) => {
            errors.insert(field.into(), e.code().into());
            None
        }
    }
}

fn day(s: &str, field: &str, errors: &mut crate::error::FieldErrors) -> Option<chrono::NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    match chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            errors.insert(field.into(), "date_invalid".into());
            None
        }
    }
}

async fn add_accompaniment(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<AccompanimentForm>,
) -> Result<Response, AppError> {
    record_accompaniment(&ctx, &state, id, f).await?;
    Ok(Redirect::to(&format!("/entreprises/{id}#accompagnements")).into_response())
}

/// Checks and records an accompaniment delivered by the user's partner (pages and API).
pub async fn record_accompaniment(
    ctx: &Ctx,
    state: &AppState,
    id: Uuid,
    f: AccompanimentForm,
) -> Result<Uuid, AppError> {
    let c = companies::get(state.db(), id).await?;
    require_company(ctx, state, &c, Action::EditCompany).await?;
    let org = ctx.own_org().ok_or(AppError::Forbidden)?;
    let mut errors = crate::error::FieldErrors::new();
    if f.title.trim().is_empty() {
        errors.insert("title".into(), "required".into());
    }
    if !accompaniments::STATUSES.contains(&f.status.as_str()) {
        errors.insert("status".into(), "value_unknown".into());
    }
    let scheme = Some(f.scheme.trim().to_string()).filter(|s| !s.is_empty());
    if let Some(s) = &scheme
        && state.catalogue().catalogue.get(s).is_none()
    {
        errors.insert("scheme".into(), "value_unknown".into());
    }
    let start = day(&f.start, "start", &mut errors);
    let end = day(&f.end, "end", &mut errors);
    if let (Some(a), Some(b)) = (start, end)
        && b < a
    {
        errors.insert("end".into(), "end_before_start".into());
    }
    let budget = amount(&f.budget, "budget", &mut errors);
    let loan = amount(&f.loan, "loan", &mut errors);
    let guarantee = amount(&f.guarantee, "guarantee", &mut errors);
    let need = if f.need.trim().is_empty() {
        None
    } else {
        let needs = tremplin_store::routing::needs_of_company(state.db(), id).await?;
        let found = Uuid::parse_str(f.need.trim())
            .ok()
            .filter(|n| needs.iter().any(|x| x.id == *n));
        if found.is_none() {
            errors.insert("need".into(), "value_unknown".into());
        }
        found
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let created = accompaniments::create(
        state.db(),
        &ctx.actor(),
        id,
        &accompaniments::NewAccompaniment {
            organisation_id: org,
            scheme_id: scheme,
            title: f.title.trim().to_string(),
            advisers: if f.advisers.trim().is_empty() {
                ctx.user_name().to_string()
            } else {
                f.advisers.trim().to_string()
            },
            status: f.status,
            start_date: start,
            end_date: end,
            budget_cents: budget,
            loan_cents: loan,
            guarantee_cents: guarantee,
            need_id: need,
            ..Default::default()
        },
    )
    .await?;
    Ok(created)
}

#[derive(Deserialize)]
struct AccStatusForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    end: String,
    #[serde(default)]
    outcome: String,
}

async fn accompaniment_status(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, acc)): Path<(Uuid, Uuid)>,
    Form(f): Form<AccStatusForm>,
) -> Result<Response, AppError> {
    let c = companies::get(state.db(), id).await?;
    require_company(&ctx, &state, &c, Action::EditCompany).await?;
    let a = accompaniments::of_company(state.db(), id)
        .await?
        .into_iter()
        .find(|a| a.id == acc)
        .ok_or(AppError::NotFound)?;
    // Only the partner delivering an accompaniment changes it.
    ctx.require(
        Action::HandleMatch,
        Resource::Organisation(a.organisation_id),
    )?;
    let mut errors = crate::error::FieldErrors::new();
    let end = day(&f.end, "end", &mut errors);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let version = f.version.parse().unwrap_or(-1);
    let outcome = Some(f.outcome.trim()).filter(|o| !o.is_empty());
    match accompaniments::set_status(
        state.db(),
        &ctx.actor(),
        acc,
        version,
        &f.status,
        end,
        outcome,
    )
    .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/entreprises/{id}#accompagnements")).into_response()),
        Err(tremplin_store::StoreError::Conflict("version_conflict")) => {
            Err(AppError::Conflict("company_version_conflict"))
        }
        Err(tremplin_store::StoreError::Conflict(code)) => Err(AppError::Invalid(
            [("status".to_string(), code.to_string())].into(),
        )),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct NoteForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    visibility: String,
}

async fn add_note(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<NoteForm>,
) -> Result<Response, AppError> {
    let c = companies::get(state.db(), id).await?;
    require_company(&ctx, &state, &c, Action::EditCompany).await?;
    let org = ctx.own_org().ok_or(AppError::Forbidden)?;
    let mut errors = crate::error::FieldErrors::new();
    if f.note.trim().is_empty() {
        errors.insert("note".into(), "required".into());
    }
    let on = day(&f.date, "date", &mut errors)
        .unwrap_or_else(|| tremplin_domain::dates::paris_date(chrono::Utc::now()));
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let n = accompaniments::NewInteraction {
        organisation_id: org,
        kind: &f.kind,
        occurred_on: on,
        note: f.note.trim(),
        visibility: &f.visibility,
    };
    match accompaniments::add_interaction(state.db(), &ctx.actor(), id, &n).await {
        Ok(_) => Ok(Redirect::to(&format!("/entreprises/{id}#historique")).into_response()),
        Err(tremplin_store::StoreError::Conflict(code)) => Err(AppError::Invalid(
            [("kind".to_string(), code.to_string())].into(),
        )),
        Err(e) => Err(e.into()),
    }
}

/// A contact of this company the user may act on (visible to them).
async fn contact_of(
    ctx: &Ctx,
    state: &AppState,
    company: Uuid,
    cid: Uuid,
) -> Result<tremplin_store::contacts::Contact, AppError> {
    let c = companies::get(state.db(), company).await?;
    require_company(ctx, state, &c, Action::EditCompany).await?;
    let contact = tremplin_store::contacts::get(state.db(), cid).await?;
    if contact.company_id != company
        || !(contact.consent_share || ctx.org_ids().contains(&contact.organisation_id))
    {
        return Err(AppError::NotFound);
    }
    Ok(contact)
}

#[derive(Deserialize)]
struct ContactForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    consent: String,
    #[serde(default)]
    consent_method: String,
}

async fn add_contact(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    Form(f): Form<ContactForm>,
) -> Result<Response, AppError> {
    let c = companies::get(state.db(), id).await?;
    require_company(&ctx, &state, &c, Action::EditCompany).await?;
    let org = ctx.own_org().ok_or(AppError::Forbidden)?;
    let mut errors = crate::error::FieldErrors::new();
    if f.name.trim().is_empty() {
        errors.insert("name".into(), "required".into());
    }
    let email = if f.email.trim().is_empty() {
        String::new()
    } else {
        tremplin_domain::contact::Email::parse(&f.email)
            .map(|e| e.as_str().to_string())
            .unwrap_or_else(|_| {
                errors.insert("email".into(), "email_invalid".into());
                String::new()
            })
    };
    let phone = if f.phone.trim().is_empty() {
        String::new()
    } else {
        tremplin_domain::contact::Phone::parse(&f.phone)
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|_| {
                errors.insert("phone".into(), "phone_invalid".into());
                String::new()
            })
    };
    let consent = f.consent == "oui";
    if consent && f.consent_method.trim().is_empty() {
        errors.insert("consent_method".into(), "consent_method_required".into());
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let n = tremplin_store::contacts::NewContact {
        organisation_id: org,
        name: f.name.trim().into(),
        role: f.role.trim().into(),
        email,
        phone,
        consent_share: consent,
        consent_scope: if consent {
            "team".into()
        } else {
            String::new()
        },
        consent_method: f.consent_method.trim().into(),
    };
    tremplin_store::contacts::add(state.db(), &ctx.actor(), id, &n).await?;
    Ok(Redirect::to(&format!("/entreprises/{id}#contacts")).into_response())
}

async fn withdraw_contact_consent(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, cid)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    contact_of(&ctx, &state, id, cid).await?;
    tremplin_store::contacts::withdraw_consent(state.db(), &ctx.actor(), cid).await?;
    Ok(Redirect::to(&format!("/entreprises/{id}#contacts")).into_response())
}

async fn anonymise_contact(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, cid)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    contact_of(&ctx, &state, id, cid).await?;
    tremplin_store::contacts::anonymise(state.db(), &ctx.actor(), cid).await?;
    Ok(Redirect::to(&format!("/entreprises/{id}#contacts")).into_response())
}

/// Everything stored about a person, as JSON (right of access).
async fn export_contact(
    ctx: Ctx,
    State(state): State<AppState>,
    Path((id, cid)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    contact_of(&ctx, &state, id, cid).await?;
    let json = tremplin_store::contacts::export(state.db(), cid).await?;
    let mut res = axum::Json(json).into_response();
    if let Ok(v) =
        axum::http::HeaderValue::from_str(&format!("attachment; filename=\"contact-{cid}.json\""))
    {
        res.headers_mut()
            .insert(axum::http::header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}
