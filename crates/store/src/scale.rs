//! `tremplin demo --scale N`: realistic volumes for benchmarks and demos, fictional and seeded
//! (same N and seed, same companies and history, dated relative to the day it runs). Per company: one contact, four requests (each one need routed
//! to one partner), four accompaniments and sixteen notes spread over six years, so N = 50,000
//! gives 200,000 requests and 1,000,000 timeline events. Rows go in by multi-row inserts, a
//! transaction per batch.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

use crate::{BeginWrite, Db, Result, on_db};

/// A value of a generated row.
#[derive(Clone)]
enum V {
    Id(Uuid),
    OptId(Option<Uuid>),
    Text(String),
    OptText(Option<String>),
    Int(i64),
    OptInt(Option<i64>),
    Bool(bool),
    Time(DateTime<Utc>),
    OptTime(Option<DateTime<Utc>>),
    Date(NaiveDate),
}

/// Inserts rows into `table` in one statement per chunk, inside one transaction.
async fn insert(db: &Db, table: &str, cols: &[&str], rows: &[Vec<V>]) -> Result<()> {
    // Small fixed-size chunks: one statement text, prepared once and reused.
    let per_chunk = 100;
    on_db!(db, p => {
        let mut tx = p.begin_write().await?;
        for chunk in rows.chunks(per_chunk) {
            let mut sql = format!("INSERT INTO {table} ({}) VALUES ", cols.join(", "));
            let mut n = 0;
            for (i, _) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push_str(", ");
                }
                sql.push('(');
                for c in 0..cols.len() {
                    if c > 0 {
                        sql.push_str(", ");
                    }
                    n += 1;
                    sql.push_str(&format!("${n}"));
                }
                sql.push(')');
            }
            let mut q = sqlx::query(&sql);
            for row in chunk {
                for v in row {
                    q = match v.clone() {
                        V::Id(x) => q.bind(x),
                        V::OptId(x) => q.bind(x),
                        V::Text(x) => q.bind(x),
                        V::OptText(x) => q.bind(x),
                        V::Int(x) => q.bind(x),
                        V::OptInt(x) => q.bind(x),
                        V::Bool(x) => q.bind(x),
                        V::Time(x) => q.bind(x),
                        V::OptTime(x) => q.bind(x),
                        V::Date(x) => q.bind(x),
                    };
                }
            }
            q.execute(&mut *tx).await?;
        }
        tx.commit().await?;
    });
    Ok(())
}

/// A valid SIREN (Luhn) from a counter, in a range no real register uses for tests' sake.
pub fn fake_siren(i: u64) -> String {
    let base = format!("{:08}", 90_000_000 + i % 10_000_000);
    for check in 0..10 {
        let s = format!("{base}{check}");
        let sum: u32 = s
            .bytes()
            .rev()
            .enumerate()
            .map(|(k, b)| {
                let d = u32::from(b - b'0');
                if k % 2 == 1 {
                    let d2 = d * 2;
                    if d2 > 9 { d2 - 9 } else { d2 }
                } else {
                    d
                }
            })
            .sum();
        if sum.is_multiple_of(10) {
            return s;
        }
    }
    unreachable!("one check digit always fits")
}

const WORDS: [&str; 24] = [
    "Atelier",
    "Maison",
    "Brasserie",
    "Filature",
    "Verrerie",
    "Chocolaterie",
    "Menuiserie",
    "Textiles",
    "Mécanique",
    "Conserverie",
    "Biscuiterie",
    "Céramiques",
    "Robotique",
    "Logistique",
    "Optique",
    "Imprimerie",
    "Tonnellerie",
    "Forge",
    "Laboratoires",
    "Peintures",
    "Emballages",
    "Énergies",
    "Jardins",
    "Cuirs",
];
const PLACES: [&str; 16] = [
    "du Nord",
    "des Flandres",
    "de l'Artois",
    "du Hainaut",
    "de la Somme",
    "de l'Oise",
    "de l'Aisne",
    "d'Opale",
    "du Boulonnais",
    "de Thiérache",
    "du Vimeu",
    "du Valois",
    "de la Lys",
    "de l'Avesnois",
    "du Cambrésis",
    "de Picardie",
];
/// (commune INSEE code, département): a few real communes of each département.
const COMMUNES: [(&str, &str); 10] = [
    ("59350", "59"),
    ("59599", "59"),
    ("59183", "59"),
    ("62041", "62"),
    ("62160", "62"),
    ("80021", "80"),
    ("60057", "60"),
    ("60175", "60"),
    ("02691", "02"),
    ("02408", "02"),
];
const NAFS: [(&str, &str); 8] = [
    ("10.71C", "rm"),
    ("25.62B", "rcs"),
    ("46.90Z", "rcs"),
    ("16.23Z", "rm"),
    ("28.29B", "rcs"),
    ("13.20Z", "rcs"),
    ("43.32A", "rm"),
    ("62.01Z", "rcs"),
];
const BANDS: [&str; 5] = ["1-9", "1-9", "10-49", "10-49", "50-249"];
const SUBJECTS: [&str; 6] = [
    "orientation",
    "export_diagnostic",
    "trade_fair",
    "finance_prospection",
    "market_selection",
    "tariff_classification",
];
const ACC_STATUS: [&str; 6] = [
    "completed",
    "completed",
    "completed",
    "in_progress",
    "planned",
    "cancelled",
];
const MATCH_STATUS: [&str; 10] = [
    "done",
    "done",
    "done",
    "done",
    "done",
    "done_no_help",
    "taking_charge",
    "waiting",
    "unreachable",
    "not_for_me",
];

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    pub companies: usize,
    pub requests: usize,
    pub accompaniments: usize,
    pub interactions: usize,
}

/// Generates `n` companies and their history (see the module doc), as of `until`.
pub async fn generate(db: &Db, n: usize, seed: u64, until: DateTime<Utc>) -> Result<Report> {
    generate_with(db, n, seed, until, 4).await
}

/// As [`generate`], with `accompaniments` per company instead of four (the steering benchmark
/// uses five: 200,000 companies, 1,000,000 accompaniments).
pub async fn generate_with(
    db: &Db,
    n: usize,
    seed: u64,
    until: DateTime<Utc>,
    accompaniments: usize,
) -> Result<Report> {
    let orgs = crate::orgs::list(db).await?;
    let slug = |s: &str| orgs.iter().find(|o| o.slug == s).map(|o| o.id);
    let (Some(cci), Some(cma), Some(bf), Some(bpi), Some(douanes)) = (
        slug("cci-hdf"),
        slug("cma-hdf"),
        slug("business-france"),
        slug("bpifrance"),
        slug("douanes"),
    ) else {
        return Err(crate::StoreError::Corrupt(
            "the partner organisations are missing: run with --demo".into(),
        ));
    };
    let users = crate::users::list(db).await?;
    let adviser_of = |org: Uuid| {
        users
            .iter()
            .find(|u| u.memberships.iter().any(|m| m.organisation_id == org))
            .map(|u| u.user.id)
    };
    let branches = crate::orgs::branches(db).await?;
    let branch_of = |org: Uuid, dep: &str| {
        branches
            .iter()
            .find(|b| b.branch.organisation_id == org && b.coverage.iter().any(|(d, _)| d == dep))
            .map(|b| b.branch.id)
    };
    let six_years = 6 * 365;
    let start = until - Duration::days(six_years);
    let offset = crate::companies::count(db).await? as u64;
    // Adding to existing data continues with new ids rather than repeating the first ones.
    let mut rng = StdRng::seed_from_u64(seed ^ offset.rotate_left(32));
    let batch = 5_000;
    let mut report = Report::default();
    let mut done = 0;
    while done < n {
        let size = batch.min(n - done);
        let (mut companies, mut holders, mut contacts) = (Vec::new(), Vec::new(), Vec::new());
        let (mut requests, mut needs, mut matches) = (Vec::new(), Vec::new(), Vec::new());
        let (mut accs, mut notes) = (Vec::new(), Vec::new());
        for k in 0..size {
            let i = offset + (done + k) as u64;
            let id = Uuid::from_u128(rng.random());
            let name = format!(
                "{} {} {}",
                WORDS[rng.random_range(0..WORDS.len())],
                PLACES[rng.random_range(0..PLACES.len())],
                i
            );
            let (commune, dep) = COMMUNES[rng.random_range(0..COMMUNES.len())];
            let (naf, registry) = NAFS[rng.random_range(0..NAFS.len())];
            let created = start + Duration::days(rng.random_range(0..six_years - 30));
            let shared = rng.random_bool(0.8);
            let holder = if registry == "rm" { cma } else { cci };
            companies.push(vec![
                V::Id(id),
                V::OptText(Some(fake_siren(i))),
                V::Text(name.clone()),
                V::Text(tremplin_domain::company::name_key(&name)),
                V::OptText(Some(naf.to_string())),
                V::Text(registry.to_string()),
                V::OptText(Some(BANDS[rng.random_range(0..BANDS.len())].to_string())),
                V::OptText(Some(commune.to_string())),
                V::OptText(Some(dep.to_string())),
                V::Text("FR".into()),
                V::Bool(shared),
                V::Int(1),
                V::Time(created),
                V::Time(created),
            ]);
            holders.push(vec![V::Id(id), V::Id(holder), V::Time(created)]);
            contacts.push(vec![
                V::Id(Uuid::from_u128(rng.random())),
                V::Id(id),
                V::Id(holder),
                V::Text(format!("Contact {i}")),
                V::Text(format!("contact{i}@entreprise.example")),
                V::Bool(shared),
                V::Time(until - Duration::days(rng.random_range(0..700))),
                V::Time(created),
            ]);
            let span = (until - created).num_days().max(1);
            for _ in 0..4 {
                let at = created + Duration::days(rng.random_range(0..span));
                let subject = SUBJECTS[rng.random_range(0..SUBJECTS.len())];
                let org = match subject {
                    "trade_fair" | "market_selection" => bf,
                    "finance_prospection" => bpi,
                    "tariff_classification" => douanes,
                    _ => holder,
                };
                let request = Uuid::from_u128(rng.random());
                let need = Uuid::from_u128(rng.random());
                requests.push(vec![
                    V::Id(request),
                    V::Text("orientation".into()),
                    V::Time(at),
                    V::Text(format!("Contact {i}")),
                    V::Text(format!("contact{i}@entreprise.example")),
                    V::Text(name.clone()),
                    V::OptText(Some(fake_siren(i))),
                    V::OptText(Some(dep.to_string())),
                    V::Bool(shared),
                    V::Text(String::new()),
                    V::Text("{}".into()),
                    V::Text("[]".into()),
                    V::Text(String::new()),
                    V::OptId(Some(id)),
                ]);
                let status = MATCH_STATUS[rng.random_range(0..MATCH_STATUS.len())];
                let closed = !["waiting", "taking_charge"].contains(&status);
                let taken =
                    (status != "waiting").then(|| at + Duration::hours(rng.random_range(2..240)));
                let closed_at = closed.then(|| at + Duration::days(rng.random_range(10..120)));
                needs.push(vec![
                    V::Id(need),
                    V::Id(request),
                    V::Text(subject.into()),
                    V::OptId(Some(org)),
                    V::Text(if closed { "closed" } else { "open" }.into()),
                    V::Time(at),
                    V::OptTime(closed_at),
                ]);
                matches.push(vec![
                    V::Id(Uuid::from_u128(rng.random())),
                    V::Id(need),
                    V::Id(org),
                    V::OptId(branch_of(org, dep)),
                    V::Text("subject,territory_departement".into()),
                    V::Text(status.into()),
                    V::OptText((status == "not_for_me").then(|| "Hors de notre champ".to_string())),
                    V::OptId(if status == "waiting" {
                        None
                    } else {
                        adviser_of(org)
                    }),
                    V::Time(at),
                    V::OptTime(taken),
                    V::OptTime(closed_at),
                    V::Int(if status == "waiting" { 3 } else { 0 }),
                ]);
            }
            for _ in 0..accompaniments {
                let s = created + Duration::days(rng.random_range(0..span));
                let end = s + Duration::days(rng.random_range(1..200));
                let status = ACC_STATUS[rng.random_range(0..ACC_STATUS.len())];
                accs.push(vec![
                    V::Id(Uuid::from_u128(rng.random())),
                    V::Id(id),
                    V::Id(if rng.random_bool(0.7) { holder } else { bf }),
                    V::Text("Accompagnement export".into()),
                    V::Text(status.into()),
                    V::Date(s.date_naive()),
                    V::Date(end.date_naive()),
                    V::OptInt(
                        rng.random_bool(0.3)
                            .then(|| rng.random_range(100_000..5_000_000)),
                    ),
                    V::Time(s),
                    V::Time(s),
                ]);
            }
            for _ in 0..16 {
                let on = created + Duration::days(rng.random_range(0..span));
                notes.push(vec![
                    V::Id(Uuid::from_u128(rng.random())),
                    V::Id(id),
                    V::Id(holder),
                    V::OptId(adviser_of(holder)),
                    V::Text(["meeting", "call", "email", "event"][rng.random_range(0..4)].into()),
                    V::Date(on.date_naive()),
                    V::Text("Échange sur le projet export de l'entreprise.".into()),
                    V::Text(
                        if rng.random_bool(0.8) {
                            "team"
                        } else {
                            "partner"
                        }
                        .into(),
                    ),
                    V::Time(on),
                ]);
            }
        }
        insert(
            db,
            "companies",
            &[
                "id",
                "siren",
                "name",
                "name_key",
                "naf",
                "registries",
                "headcount_band",
                "commune",
                "departement",
                "country",
                "sharing_consent",
                "version",
                "created_at",
                "updated_at",
            ],
            &companies,
        )
        .await?;
        insert(
            db,
            "company_holders",
            &["company_id", "organisation_id", "since"],
            &holders,
        )
        .await?;
        insert(
            db,
            "contacts",
            &[
                "id",
                "company_id",
                "organisation_id",
                "name",
                "email",
                "consent_share",
                "last_activity_at",
                "created_at",
            ],
            &contacts,
        )
        .await?;
        insert(
            db,
            "requests",
            &[
                "id",
                "source",
                "created_at",
                "contact_name",
                "contact_email",
                "company_name",
                "siren",
                "departement",
                "consent_share",
                "consent_text",
                "profile_json",
                "results_json",
                "catalogue_version",
                "company_id",
            ],
            &requests,
        )
        .await?;
        insert(
            db,
            "needs",
            &[
                "id",
                "request_id",
                "subject",
                "lead_organisation_id",
                "status",
                "created_at",
                "closed_at",
            ],
            &needs,
        )
        .await?;
        insert(
            db,
            "matches",
            &[
                "id",
                "need_id",
                "organisation_id",
                "branch_id",
                "why",
                "status",
                "reason",
                "adviser_id",
                "created_at",
                "taken_at",
                "closed_at",
                "reminder_step",
            ],
            &matches,
        )
        .await?;
        insert(
            db,
            "accompaniments",
            &[
                "id",
                "company_id",
                "organisation_id",
                "title",
                "status",
                "start_date",
                "end_date",
                "budget_cents",
                "created_at",
                "updated_at",
            ],
            &accs,
        )
        .await?;
        insert(
            db,
            "interactions",
            &[
                "id",
                "company_id",
                "organisation_id",
                "author_id",
                "kind",
                "occurred_on",
                "note",
                "visibility",
                "created_at",
            ],
            &notes,
        )
        .await?;
        report.companies += size;
        report.requests += requests.len();
        report.accompaniments += accs.len();
        report.interactions += notes.len();
        done += size;
    }
    // Fresh statistics for the query planners after a bulk load; PostgreSQL also needs its
    // visibility map for index-only scans (what the inbox counts rely on).
    let after_load = match db.backend() {
        crate::Backend::Sqlite => "ANALYZE",
        crate::Backend::Postgres => "VACUUM ANALYZE",
    };
    on_db!(db, p => sqlx::query(after_load).execute(p).await.map(|_| ()))?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    #[test]
    fn fake_sirens_pass_the_checksum() {
        for i in [0, 1, 7, 49_999, 9_999_999] {
            let s = super::fake_siren(i);
            assert!(tremplin_domain::siren::Siren::parse(&s).is_ok(), "{s}");
        }
    }
}
