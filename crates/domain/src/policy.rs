//! Authorisation: one pure function, [`can`], decides whether an actor may perform an action on a
//! resource. Every handler asks it first; the table test below covers every role × action.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A role held in one partner organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Adviser,
    Manager,
    Pilot,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Adviser, Role::Manager, Role::Pilot, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Adviser => "adviser",
            Role::Manager => "manager",
            Role::Pilot => "pilot",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// The kinds of partner organisations of a Team Export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    Region,
    Cci,
    Cma,
    BusinessFrance,
    Bpifrance,
    Douanes,
}

impl OrgKind {
    pub const ALL: [OrgKind; 6] = [
        OrgKind::Region,
        OrgKind::Cci,
        OrgKind::Cma,
        OrgKind::BusinessFrance,
        OrgKind::Bpifrance,
        OrgKind::Douanes,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Region => "region",
            OrgKind::Cci => "cci",
            OrgKind::Cma => "cma",
            OrgKind::BusinessFrance => "business_france",
            OrgKind::Bpifrance => "bpifrance",
            OrgKind::Douanes => "douanes",
        }
    }

    pub fn parse(s: &str) -> Option<OrgKind> {
        OrgKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Membership {
    pub organisation_id: Uuid,
    pub branch_id: Option<Uuid>,
    pub role: Role,
}

/// A logged-in, active user with their memberships.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Principal {
    pub user_id: Uuid,
    pub memberships: Vec<Membership>,
}

impl Principal {
    pub fn has_role(&self, role: Role) -> bool {
        self.memberships.iter().any(|m| m.role == role)
    }

    pub fn is_admin(&self) -> bool {
        self.has_role(Role::Admin)
    }

    pub fn role_in(&self, org: Uuid) -> Option<Role> {
        self.memberships
            .iter()
            .filter(|m| m.organisation_id == org)
            .map(|m| m.role)
            .max()
    }
}

/// Everything an actor can try to do. Later features add their actions here and a row per
/// role in the table test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Public pages: home, about, statistics, orientation.
    ViewPublic,
    /// Change one's own language or password.
    ManageOwnAccount,
    /// The personal workspace and partner directory.
    ViewWorkspace,
    ListUsers,
    InviteUser,
    DeactivateUser,
    ChangeMemberships,
    ViewAudit,
    ViewOrganisations,
    ManageOrganisations,
    /// Propose a new version of a scheme run by an organisation (resource: that organisation).
    EditScheme,
    /// Publish or reject versions in review (the Region pilot).
    ReviewSchemes,
    /// Search the shared company file and create companies.
    ListCompanies,
    /// Open a company's file (resource: `CompanyFile`).
    ViewCompany,
    /// Change a company's file (resource: `CompanyFile`).
    EditCompany,
    /// Merge two duplicate files.
    MergeCompanies,
    /// See and handle the requests routed to a partner (resource: that organisation).
    HandleMatch,
    /// Routing rules, their test mode and the coverage report (the Region pilot).
    ManageRouting,
    /// Organise events: guests, round tables, registrations, seating (pilot and managers).
    ManageEvents,
    /// The mail outbox: what was sent, what waits, what failed (admins and the pilot).
    ViewMail,
    /// The steering dashboard: companies accompanied against targets (pilot and managers).
    ViewSteering,
    /// Set the yearly targets (the Region pilot).
    ManageTargets,
    /// Record the monthly review's decisions and action items, and close them (the pilot).
    RecordReview,
}

impl Action {
    pub const ALL: [Action; 23] = [
        Action::ViewPublic,
        Action::ManageOwnAccount,
        Action::ViewWorkspace,
        Action::ListUsers,
        Action::InviteUser,
        Action::DeactivateUser,
        Action::ChangeMemberships,
        Action::ViewAudit,
        Action::ViewOrganisations,
        Action::ManageOrganisations,
        Action::EditScheme,
        Action::ReviewSchemes,
        Action::ListCompanies,
        Action::ViewCompany,
        Action::EditCompany,
        Action::MergeCompanies,
        Action::HandleMatch,
        Action::ManageRouting,
        Action::ManageEvents,
        Action::ViewMail,
        Action::ViewSteering,
        Action::ManageTargets,
        Action::RecordReview,
    ];
}

/// What the action applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    Global,
    Organisation(Uuid),
    User(Uuid),
    /// A company's file: whether the company agreed to sharing within the Team, and one
    /// partner holding the file (ask once per holder).
    CompanyFile {
        shared: bool,
        holder: Option<Uuid>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    /// Not logged in: the caller should ask for a login.
    NeedsLogin,
    /// Logged in but not permitted.
    Deny,
}

impl Decision {
    pub fn allowed(self) -> bool {
        self == Decision::Allow
    }
}

/// The single authorisation rule of Tremplin.
pub fn can(actor: Option<&Principal>, action: Action, resource: Resource) -> Decision {
    use Action::*;
    if action == ViewPublic {
        return Decision::Allow;
    }
    let Some(p) = actor else {
        return Decision::NeedsLogin;
    };
    let allow = match action {
        ViewPublic => true,
        ManageOwnAccount => match resource {
            Resource::User(u) => u == p.user_id,
            _ => true,
        },
        ViewWorkspace | ViewOrganisations => !p.memberships.is_empty(),
        // Account administration and the audit trail belong to admins. Deactivating oneself
        // would lock the last admin out: refused here, whatever the role.
        ListUsers | InviteUser | ChangeMemberships | ViewAudit | ManageOrganisations => {
            p.is_admin()
        }
        DeactivateUser => p.is_admin() && resource != Resource::User(p.user_id),
        // A partner's managers edit the schemes their organisation runs; the pilot edits any
        // (and publishes). Advisers suggest changes to their manager.
        EditScheme => {
            p.has_role(Role::Pilot)
                || match resource {
                    Resource::Organisation(o) => p.role_in(o) == Some(Role::Manager),
                    _ => false,
                }
        }
        ReviewSchemes => p.has_role(Role::Pilot),
        ListCompanies => !p.memberships.is_empty(),
        // The file is seen by every partner when the company agreed to sharing within the
        // Team; otherwise only by the partners that hold it.
        ViewCompany | EditCompany => match resource {
            Resource::CompanyFile { shared, holder } => {
                !p.memberships.is_empty()
                    && (shared || holder.is_some_and(|h| p.role_in(h).is_some()))
            }
            _ => false,
        },
        MergeCompanies => p.has_role(Role::Pilot) || p.has_role(Role::Manager),
        // A partner's people handle what is routed to it; the pilot follows every partner.
        HandleMatch => match resource {
            Resource::Organisation(o) => p.role_in(o).is_some() || p.has_role(Role::Pilot),
            Resource::Global => !p.memberships.is_empty(),
            _ => false,
        },
        ManageRouting => p.has_role(Role::Pilot),
        ManageEvents => p.has_role(Role::Pilot) || p.has_role(Role::Manager),
        ViewMail => p.has_role(Role::Pilot) || p.is_admin(),
        ViewSteering => p.has_role(Role::Pilot) || p.has_role(Role::Manager),
        ManageTargets | RecordReview => p.has_role(Role::Pilot),
    };
    if allow {
        Decision::Allow
    } else {
        Decision::Deny
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principal(role: Role) -> Principal {
        Principal {
            user_id: Uuid::from_u128(1),
            memberships: vec![Membership {
                organisation_id: Uuid::from_u128(10),
                branch_id: None,
                role,
            }],
        }
    }

    /// Expected decision for anonymous, adviser, manager, pilot, admin (A = allow, L = needs
    /// login, D = deny), on a global resource.
    const TABLE: [(Action, [char; 5]); 23] = [
        (Action::ViewPublic, ['A', 'A', 'A', 'A', 'A']),
        (Action::ManageOwnAccount, ['L', 'A', 'A', 'A', 'A']),
        (Action::ViewWorkspace, ['L', 'A', 'A', 'A', 'A']),
        (Action::ListUsers, ['L', 'D', 'D', 'D', 'A']),
        (Action::InviteUser, ['L', 'D', 'D', 'D', 'A']),
        (Action::DeactivateUser, ['L', 'D', 'D', 'D', 'A']),
        (Action::ChangeMemberships, ['L', 'D', 'D', 'D', 'A']),
        (Action::ViewAudit, ['L', 'D', 'D', 'D', 'A']),
        (Action::ViewOrganisations, ['L', 'A', 'A', 'A', 'A']),
        (Action::ManageOrganisations, ['L', 'D', 'D', 'D', 'A']),
        // On the principal's own organisation (see `principal`).
        (Action::EditScheme, ['L', 'D', 'A', 'A', 'D']),
        (Action::ReviewSchemes, ['L', 'D', 'D', 'A', 'D']),
        (Action::ListCompanies, ['L', 'A', 'A', 'A', 'A']),
        // On a file held by the principal's organisation, not shared (see `resource_for`).
        (Action::ViewCompany, ['L', 'A', 'A', 'A', 'A']),
        (Action::EditCompany, ['L', 'A', 'A', 'A', 'A']),
        (Action::MergeCompanies, ['L', 'D', 'A', 'A', 'D']),
        (Action::HandleMatch, ['L', 'A', 'A', 'A', 'A']),
        (Action::ManageRouting, ['L', 'D', 'D', 'A', 'D']),
        (Action::ManageEvents, ['L', 'D', 'A', 'A', 'D']),
        (Action::ViewMail, ['L', 'D', 'D', 'A', 'A']),
        (Action::ViewSteering, ['L', 'D', 'A', 'A', 'D']),
        (Action::ManageTargets, ['L', 'D', 'D', 'A', 'D']),
        (Action::RecordReview, ['L', 'D', 'D', 'A', 'D']),
    ];

    fn resource_for(action: Action) -> Resource {
        match action {
            Action::EditScheme | Action::HandleMatch => Resource::Organisation(Uuid::from_u128(10)),
            Action::ViewCompany | Action::EditCompany => Resource::CompanyFile {
                shared: false,
                holder: Some(Uuid::from_u128(10)),
            },
            _ => Resource::Global,
        }
    }

    #[test]
    fn a_company_file_is_seen_when_shared_or_held() {
        let adviser = principal(Role::Adviser);
        let other = Some(Uuid::from_u128(11));
        let held = Some(Uuid::from_u128(10));
        let see = |shared, holder| {
            can(
                Some(&adviser),
                Action::ViewCompany,
                Resource::CompanyFile { shared, holder },
            )
            .allowed()
        };
        assert!(see(true, other), "shared within the Team");
        assert!(see(false, held), "held by the adviser's partner");
        assert!(!see(false, other), "neither shared nor held");
        assert!(!see(false, None));
        assert!(
            !can(
                None,
                Action::ViewCompany,
                Resource::CompanyFile {
                    shared: true,
                    holder: None
                }
            )
            .allowed()
        );
    }

    fn letter(d: Decision) -> char {
        match d {
            Decision::Allow => 'A',
            Decision::NeedsLogin => 'L',
            Decision::Deny => 'D',
        }
    }

    #[test]
    fn every_role_and_action_is_in_the_table() {
        let listed: Vec<Action> = TABLE.iter().map(|(a, _)| *a).collect();
        assert_eq!(listed, Action::ALL.to_vec(), "add the new action to TABLE");
        for (action, expected) in TABLE {
            let on = resource_for(action);
            let got = std::iter::once(letter(can(None, action, on)))
                .chain(
                    Role::ALL
                        .iter()
                        .map(|r| letter(can(Some(&principal(*r)), action, on))),
                )
                .collect::<Vec<_>>();
            assert_eq!(got, expected.to_vec(), "{action:?}");
        }
    }

    #[test]
    fn an_admin_cannot_deactivate_themself() {
        let admin = principal(Role::Admin);
        assert_eq!(
            can(
                Some(&admin),
                Action::DeactivateUser,
                Resource::User(admin.user_id)
            ),
            Decision::Deny
        );
        assert_eq!(
            can(
                Some(&admin),
                Action::DeactivateUser,
                Resource::User(Uuid::from_u128(2))
            ),
            Decision::Allow
        );
    }

    #[test]
    fn managers_edit_only_their_organisation_s_schemes() {
        let manager = principal(Role::Manager);
        let own = Resource::Organisation(Uuid::from_u128(10));
        let other = Resource::Organisation(Uuid::from_u128(11));
        assert!(can(Some(&manager), Action::EditScheme, own).allowed());
        assert!(!can(Some(&manager), Action::EditScheme, other).allowed());
        assert!(can(Some(&principal(Role::Pilot)), Action::EditScheme, other).allowed());
        assert!(!can(Some(&principal(Role::Adviser)), Action::EditScheme, own).allowed());
    }

    #[test]
    fn own_account_only() {
        let adviser = principal(Role::Adviser);
        let own = Resource::User(adviser.user_id);
        let other = Resource::User(Uuid::from_u128(99));
        assert!(can(Some(&adviser), Action::ManageOwnAccount, own).allowed());
        assert!(!can(Some(&adviser), Action::ManageOwnAccount, other).allowed());
    }

    #[test]
    fn a_user_without_membership_sees_no_workspace() {
        let p = Principal {
            user_id: Uuid::from_u128(5),
            memberships: vec![],
        };
        assert_eq!(
            can(Some(&p), Action::ViewWorkspace, Resource::Global),
            Decision::Deny
        );
    }
}
