use chrono::Duration;
use tremplin_domain::policy::Role;
use tremplin_store::audit::{self, Actor, Filter};
use tremplin_store::users::{self, NewMembership, NewUser, TokenPurpose, TokenState};
use tremplin_store::{Db, StoreError, orgs, seed, sessions};

use tremplin_store::both_backends as both;

async fn region(db: &Db) -> uuid::Uuid {
    seed::partners(db)
        .await
        .expect("partners")
        .into_iter()
        .find(|(s, _)| *s == "region-hdf")
        .expect("region")
        .1
}

/// An adviser of `org`.
async fn adviser(
    db: &Db,
    admin: &Actor,
    org: uuid::Uuid,
    email: &str,
    display_name: &str,
    password_hash: Option<&str>,
) -> uuid::Uuid {
    users::create(
        db,
        admin,
        &NewUser {
            email,
            display_name,
            password_hash,
            memberships: &[NewMembership {
                organisation_id: org,
                branch_id: None,
                role: Role::Adviser,
            }],
        },
    )
    .await
    .expect("create")
}

async fn partners_are_seeded_once(db: Db) {
    let a = seed::partners(&db).await.expect("first");
    let b = seed::partners(&db).await.expect("second");
    assert_eq!(a, b, "seeding twice must not create duplicates");
    let all = orgs::list(&db).await.expect("list");
    assert_eq!(all.len(), 6);
    let kinds: Vec<&str> = all.iter().map(|o| o.kind.as_str()).collect();
    for k in [
        "region",
        "cci",
        "cma",
        "business_france",
        "bpifrance",
        "douanes",
    ] {
        assert!(kinds.contains(&k), "{k}");
    }
}
both!(partners_are_seeded_once);

async fn demo_team_loads_into_an_empty_database_only(db: Db) {
    assert!(seed::demo_team(&db, "hash").await.expect("load"));
    let all = users::list(&db).await.expect("users");
    assert_eq!(all.len(), seed::DEMO_USERS.len());
    let advisers = all
        .iter()
        .filter(|u| u.memberships.iter().any(|m| m.role == "adviser"))
        .count();
    assert!(advisers >= 12, "about 15 advisers, got {advisers}");
    let branches = orgs::branches(&db).await.expect("branches");
    let mut deps: Vec<&str> = branches
        .iter()
        .flat_map(|b| b.coverage.iter().map(|(d, _)| d.as_str()))
        .collect();
    deps.sort();
    deps.dedup();
    assert_eq!(deps, ["02", "59", "60", "62", "80"]);
    assert!(
        !seed::demo_team(&db, "hash").await.expect("second"),
        "not loaded twice"
    );
    assert_eq!(
        users::list(&db).await.expect("users").len(),
        seed::DEMO_USERS.len()
    );
}
both!(demo_team_loads_into_an_empty_database_only);

async fn accounts_memberships_and_their_audit(db: Db) {
    let org = region(&db).await;
    let admin = Actor::system("test");
    let id = adviser(&db, &admin, org, "Ada@Example.org", "Ada", Some("h")).await;
    // E-mails are stored lower-case and unique.
    let again = users::create(
        &db,
        &admin,
        &NewUser {
            email: "ada@example.org",
            display_name: "Ada bis",
            password_hash: None,
            memberships: &[],
        },
    )
    .await;
    assert!(
        matches!(again, Err(StoreError::Conflict("email_taken"))),
        "{again:?}"
    );
    let creds = users::credentials(&db, "ADA@example.org")
        .await
        .expect("creds")
        .expect("found");
    assert_eq!(creds.id, id);
    assert_eq!(creds.password_hash.as_deref(), Some("h"));

    users::set_memberships(
        &db,
        &admin,
        id,
        &[NewMembership {
            organisation_id: org,
            branch_id: None,
            role: Role::Pilot,
        }],
    )
    .await
    .expect("memberships");
    let u = users::get(&db, id).await.expect("get");
    assert_eq!(u.memberships.len(), 1);
    assert_eq!(u.memberships[0].role, "pilot");
    assert!(u.principal().has_role(Role::Pilot));

    // Deactivation ends the user's sessions.
    let later = tremplin_store::now() + Duration::hours(1);
    sessions::save(&db, "s1", Some(id), "{}", later)
        .await
        .expect("session");
    sessions::save(&db, "s2", None, "{}", later)
        .await
        .expect("session");
    users::set_active(&db, &admin, id, false)
        .await
        .expect("deactivate");
    assert!(sessions::load(&db, "s1").await.expect("load").is_none());
    assert!(sessions::load(&db, "s2").await.expect("load").is_some());
    assert!(!users::get(&db, id).await.expect("get").user.active);

    // Every change is in the audit log, with before and after.
    let rows = audit::list(
        &db,
        &Filter {
            entity_type: Some("user".into()),
            entity_id: Some(id.to_string()),
            ..Filter::default()
        },
        None,
        50,
    )
    .await
    .expect("audit");
    let actions: Vec<&str> = rows.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["deactivate", "update_memberships", "create"]);
    let upd = &rows[1];
    assert!(upd.before_json.as_deref().unwrap_or("").contains("adviser"));
    assert!(upd.after_json.as_deref().unwrap_or("").contains("pilot"));
    assert_eq!(rows[0].actor_label, "system:test");
}
both!(accounts_memberships_and_their_audit);

async fn invitation_links_work_once_and_expire(db: Db) {
    let org = region(&db).await;
    let admin = Actor::system("test");
    let id = adviser(&db, &admin, org, "new@example.org", "New", None).await;
    let token = users::create_token(
        &db,
        &admin,
        TokenPurpose::Invite,
        Some(id),
        Duration::days(7),
    )
    .await
    .expect("token");
    assert_eq!(token.len(), 64);
    assert_eq!(
        users::token_info(&db, &token).await.expect("info").0,
        TokenState::Valid
    );
    assert_eq!(
        users::accept_invitation(&db, &token, "hash1")
            .await
            .expect("accept"),
        id
    );
    assert_eq!(
        users::token_info(&db, &token).await.expect("info").0,
        TokenState::Used
    );
    assert!(matches!(
        users::accept_invitation(&db, &token, "hash2").await,
        Err(StoreError::Conflict("link_invalid"))
    ));
    let creds = users::credentials(&db, "new@example.org")
        .await
        .expect("c")
        .expect("found");
    assert_eq!(
        creds.password_hash.as_deref(),
        Some("hash1"),
        "second use changed nothing"
    );

    let expired = users::create_token(
        &db,
        &admin,
        TokenPurpose::Invite,
        Some(id),
        Duration::seconds(-1),
    )
    .await
    .expect("token");
    assert_eq!(
        users::token_info(&db, &expired).await.expect("info").0,
        TokenState::Expired
    );
    assert!(users::accept_invitation(&db, &expired, "x").await.is_err());
    assert_eq!(
        users::token_info(&db, "nope").await.expect("info").0,
        TokenState::Unknown
    );

    // A setup link cannot be used as an invitation, and creates the first admin once.
    let setup = users::create_token(&db, &admin, TokenPurpose::Setup, None, Duration::hours(1))
        .await
        .expect("token");
    assert!(users::accept_invitation(&db, &setup, "x").await.is_err());
    let a = users::accept_setup(&db, &setup, "Boss@Example.org", "Boss", "h", org)
        .await
        .expect("setup");
    assert!(
        users::get(&db, a)
            .await
            .expect("get")
            .principal()
            .is_admin()
    );
    assert!(
        users::accept_setup(&db, &setup, "other@example.org", "O", "h", org)
            .await
            .is_err()
    );
}
both!(invitation_links_work_once_and_expire);

async fn login_failures_are_counted_per_account(db: Db) {
    let start = tremplin_store::now() - Duration::seconds(1);
    for _ in 0..3 {
        users::record_login_failure(&db, "Eve@Example.org", "10.0.0.1")
            .await
            .expect("record");
    }
    users::record_login_failure(&db, "bob@example.org", "10.0.0.1")
        .await
        .expect("record");
    assert_eq!(
        users::login_failures_since(&db, "eve@example.org", start)
            .await
            .expect("n"),
        3
    );
    assert_eq!(
        users::login_failures_since(&db, "bob@example.org", start)
            .await
            .expect("n"),
        1
    );
    let future = tremplin_store::now() + Duration::minutes(1);
    assert_eq!(
        users::login_failures_since(&db, "eve@example.org", future)
            .await
            .expect("n"),
        0
    );
    assert_eq!(
        users::purge_login_failures(&db, future)
            .await
            .expect("purge"),
        4
    );
}
both!(login_failures_are_counted_per_account);

/// A new password ends the sessions the old one opened and every older link of the account.
async fn a_new_password_revokes_older_links_and_sessions(db: Db) {
    let org = region(&db).await;
    let admin = Actor::system("test");
    let id = adviser(&db, &admin, org, "reset@example.org", "Reset", Some("old")).await;
    let link = |days| {
        users::create_token(
            &db,
            &admin,
            TokenPurpose::Invite,
            Some(id),
            Duration::days(days),
        )
    };
    let older = link(7).await.expect("older link");
    let newer = link(7).await.expect("newer link");
    let later = chrono::Utc::now() + Duration::hours(8);
    sessions::create(&db, "session-before", Some(id), "{}", later)
        .await
        .expect("session");
    sessions::create(&db, "someone-else", None, "{}", later)
        .await
        .expect("other session");
    users::accept_invitation(&db, &newer, "new")
        .await
        .expect("reset");
    assert_eq!(
        users::token_info(&db, &older).await.expect("info").0,
        TokenState::Used,
        "the older link is burnt too"
    );
    assert!(
        users::accept_invitation(&db, &older, "again")
            .await
            .is_err()
    );
    assert!(
        sessions::load(&db, "session-before")
            .await
            .expect("load")
            .is_none(),
        "sessions opened before the change are gone"
    );
    assert!(
        sessions::load(&db, "someone-else")
            .await
            .expect("load")
            .is_some()
    );
}
both!(a_new_password_revokes_older_links_and_sessions);
