//! Data loaded at start-up: the Team's partner organisations (always, idempotent) and, with
//! `--demo`, a fictional demo team. Every person here is invented; addresses use the reserved
//! `.example` domain.

use tremplin_domain::policy::{OrgKind, Role};
use uuid::Uuid;

use crate::audit::Actor;
use crate::orgs::{self, NewBranch, NewOrganisation};
use crate::users::{self, NewMembership, NewUser};
use crate::{Db, Result};

/// The six partner organisations of the Team Hauts-de-France Export.
pub const PARTNERS: [(&str, OrgKind, &str, &str); 6] = [
    (
        "region-hdf",
        OrgKind::Region,
        "Région Hauts-de-France",
        "Hauts-de-France Region",
    ),
    (
        "cci-hdf",
        OrgKind::Cci,
        "CCI Hauts-de-France",
        "Hauts-de-France Chamber of Commerce and Industry",
    ),
    (
        "cma-hdf",
        OrgKind::Cma,
        "CMA Hauts-de-France",
        "Hauts-de-France Chamber of Crafts",
    ),
    (
        "business-france",
        OrgKind::BusinessFrance,
        "Business France",
        "Business France",
    ),
    ("bpifrance", OrgKind::Bpifrance, "Bpifrance", "Bpifrance"),
    (
        "douanes",
        OrgKind::Douanes,
        "Douanes — pôle d'action économique",
        "Customs — business advice unit",
    ),
];

/// Creates the partner organisations that do not exist yet; returns (slug, id) pairs.
pub async fn partners(db: &Db) -> Result<Vec<(&'static str, Uuid)>> {
    let actor = Actor::system("seed");
    let mut ids = Vec::new();
    for (slug, kind, name_fr, name_en) in PARTNERS {
        let id = orgs::ensure(
            db,
            &actor,
            &NewOrganisation {
                slug,
                kind,
                name_fr,
                name_en,
                // The Region pilots the Team Hauts-de-France Export.
                pilot: kind == OrgKind::Region,
            },
        )
        .await?;
        ids.push((slug, id));
    }
    Ok(ids)
}

/// Demo branches: (organisation slug, branch name, départements covered).
const DEMO_BRANCHES: &[(&str, &str, &[&str])] = &[
    (
        "region-hdf",
        "Direction de l'international",
        &["02", "59", "60", "62", "80"],
    ),
    ("cci-hdf", "CCI — antenne Lille Métropole", &["59"]),
    ("cci-hdf", "CCI — antenne Artois", &["62"]),
    ("cci-hdf", "CCI — antenne Amiens-Picardie", &["80", "02"]),
    ("cci-hdf", "CCI — antenne Oise", &["60"]),
    ("cma-hdf", "CMA — Nord", &["59"]),
    ("cma-hdf", "CMA — Pas-de-Calais", &["62"]),
    ("cma-hdf", "CMA — Picardie", &["02", "60", "80"]),
    (
        "business-france",
        "Team France Export — Lille",
        &["59", "62"],
    ),
    (
        "business-france",
        "Team France Export — Amiens",
        &["02", "60", "80"],
    ),
    ("bpifrance", "Bpifrance — Lille", &["59", "62"]),
    ("bpifrance", "Bpifrance — Amiens", &["02", "60", "80"]),
    ("douanes", "PAE — Lille", &["59", "62"]),
    ("douanes", "PAE — Amiens", &["02", "60", "80"]),
];

/// Demo people: (e-mail, name, organisation slug, branch name or "", role).
pub const DEMO_USERS: &[(&str, &str, &str, &str, Role)] = &[
    (
        "admin@region-hdf.example",
        "Alex Martin",
        "region-hdf",
        "",
        Role::Admin,
    ),
    (
        "pilote@region-hdf.example",
        "Hélène Marchand",
        "region-hdf",
        "Direction de l'international",
        Role::Pilot,
    ),
    (
        "camille.lefebvre@cci-hdf.example",
        "Camille Lefebvre",
        "cci-hdf",
        "CCI — antenne Lille Métropole",
        Role::Adviser,
    ),
    (
        "julien.roussel@cci-hdf.example",
        "Julien Roussel",
        "cci-hdf",
        "CCI — antenne Artois",
        Role::Adviser,
    ),
    (
        "sarah.benali@cci-hdf.example",
        "Sarah Benali",
        "cci-hdf",
        "CCI — antenne Amiens-Picardie",
        Role::Adviser,
    ),
    (
        "thomas.caron@cci-hdf.example",
        "Thomas Caron",
        "cci-hdf",
        "CCI — antenne Oise",
        Role::Adviser,
    ),
    (
        "nathalie.dupuis@cci-hdf.example",
        "Nathalie Dupuis",
        "cci-hdf",
        "",
        Role::Manager,
    ),
    (
        "marc.vasseur@cma-hdf.example",
        "Marc Vasseur",
        "cma-hdf",
        "CMA — Nord",
        Role::Adviser,
    ),
    (
        "ines.delattre@cma-hdf.example",
        "Inès Delattre",
        "cma-hdf",
        "CMA — Pas-de-Calais",
        Role::Adviser,
    ),
    (
        "paul.lemaire@cma-hdf.example",
        "Paul Lemaire",
        "cma-hdf",
        "CMA — Picardie",
        Role::Adviser,
    ),
    (
        "sophie.wattel@businessfrance.example",
        "Sophie Wattel",
        "business-france",
        "Team France Export — Lille",
        Role::Adviser,
    ),
    (
        "karim.haddad@businessfrance.example",
        "Karim Haddad",
        "business-france",
        "Team France Export — Amiens",
        Role::Adviser,
    ),
    (
        "claire.fontaine@businessfrance.example",
        "Claire Fontaine",
        "business-france",
        "",
        Role::Manager,
    ),
    (
        "olivier.masse@bpifrance.example",
        "Olivier Masse",
        "bpifrance",
        "Bpifrance — Lille",
        Role::Adviser,
    ),
    (
        "emma.deswarte@bpifrance.example",
        "Emma Deswarte",
        "bpifrance",
        "Bpifrance — Amiens",
        Role::Adviser,
    ),
    (
        "lucas.bernard@douane.example",
        "Lucas Bernard",
        "douanes",
        "PAE — Lille",
        Role::Adviser,
    ),
    (
        "manon.leroy@douane.example",
        "Manon Leroy",
        "douanes",
        "PAE — Amiens",
        Role::Adviser,
    ),
];

/// The password of every demo account (printed at start with `--demo`).
pub const DEMO_PASSWORD: &str = "tremplin-demo";

/// Loads the demo team into a database with no account yet. `password_hash` is the hash of
/// [`DEMO_PASSWORD`] (hashing belongs to the web layer). Returns false if accounts exist.
pub async fn demo_team(db: &Db, password_hash: &str) -> Result<bool> {
    if users::count(db).await? > 0 {
        return Ok(false);
    }
    let actor = Actor::system("demo");
    let partners = partners(db).await?;
    let org = |slug: &str| {
        partners
            .iter()
            .find(|(s, _)| *s == slug)
            .map(|(_, id)| *id)
            .expect("demo data names a known partner")
    };
    let mut branch_ids = Vec::new();
    for (slug, name, deps) in DEMO_BRANCHES {
        let id = orgs::create_branch(
            db,
            &actor,
            &NewBranch {
                organisation_id: org(slug),
                name,
                email: None,
                phone: None,
                departements: deps,
            },
        )
        .await?;
        branch_ids.push((*name, id));
    }
    for (email, name, slug, branch, role) in DEMO_USERS {
        let branch_id = branch_ids
            .iter()
            .find(|(n, _)| n == branch)
            .map(|(_, id)| *id);
        users::create(
            db,
            &actor,
            &NewUser {
                email,
                display_name: name,
                password_hash: Some(password_hash),
                memberships: &[NewMembership {
                    organisation_id: org(slug),
                    branch_id,
                    role: *role,
                }],
            },
        )
        .await?;
    }
    Ok(true)
}
