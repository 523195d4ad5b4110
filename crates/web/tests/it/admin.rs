//! Administration: users and memberships, invitations, deactivation, the audit log.

use tremplin_store::Db;
use tremplin_store::both_backends as both;
use tremplin_store::{orgs, users};

use crate::helpers::*;

async fn only_admins_reach_administration(db: Db) {
    let app = spawn(db).await;
    let anon = client();
    let r = anon
        .get(format!("{}/admin/utilisateurs", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/connexion?suite=/admin/utilisateurs");
    let adviser = logged_in(&app, ADVISER).await;
    for path in ["/admin/utilisateurs", "/admin/journal"] {
        let (s, body) = get(&adviser, &app, path).await;
        assert_eq!(s, 403, "{path}");
        assert!(body.contains("Accès refusé"), "translated 403 page");
    }
    let r = adviser
        .post(format!("{}/admin/utilisateurs", app.base))
        .form(&[("email", "x@example.org")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 403);
    let admin = logged_in(&app, ADMIN).await;
    let (s, body) = get(&admin, &app, "/admin/utilisateurs").await;
    assert_eq!(s, 200);
    assert!(body.contains("Camille Lefebvre"));
}
both!(only_admins_reach_administration);

async fn invite_set_password_deactivate_with_audit(db: Db) {
    let app = spawn(db.clone()).await;
    let admin = logged_in(&app, ADMIN).await;
    let cma = orgs::by_slug(&db, "cma-hdf")
        .await
        .expect("q")
        .expect("cma");

    // Invalid fields: shown again with each error and the values kept.
    let r = admin
        .post(format!("{}/admin/utilisateurs", app.base))
        .form(&[
            ("display_name", "Jeanne Artisan"),
            ("email", "pas-une-adresse"),
            ("organisation", ""),
            ("role", "adviser"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 422);
    let body = r.text().await.expect("body");
    assert!(body.contains("value=\"Jeanne Artisan\""));
    assert!(body.contains("value=\"pas-une-adresse\""));
    assert!(body.contains("id=\"email-error\""));
    assert!(body.contains("Choisissez une organisation."));
    assert!(body.contains("aria-invalid=\"true\""));

    let org_id = cma.id.to_string();
    let r = admin
        .post(format!("{}/admin/utilisateurs", app.base))
        .form(&[
            ("display_name", "Jeanne Artisan"),
            ("email", "jeanne@cma.example"),
            ("organisation", org_id.as_str()),
            ("role", "adviser"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 201);
    let body = r.text().await.expect("body");
    let start = body.find("/invitation/").expect("link shown");
    let link: String = body[start..].chars().take_while(|c| *c != '"').collect();
    // Same e-mail again: a field error, not a second account.
    let r = admin
        .post(format!("{}/admin/utilisateurs", app.base))
        .form(&[
            ("display_name", "J"),
            ("email", "JEANNE@cma.example"),
            ("organisation", org_id.as_str()),
            ("role", "adviser"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Un compte existe déjà")
    );

    // The invitee chooses a password through the link, once.
    let anon = client();
    let (s, _) = get(&anon, &app, &link).await;
    assert_eq!(s, 200);
    let r = anon
        .post(format!("{}{link}", app.base))
        .form(&[("password", "court"), ("confirm", "court")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("au moins 12 caractères")
    );
    let pw = "une phrase de passe solide";
    let r = anon
        .post(format!("{}{link}", app.base))
        .form(&[("password", pw), ("confirm", pw)])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    let (s, _) = get(&anon, &app, &link).await;
    assert_eq!(s, 410, "a used link is gone");
    let jeanne = client();
    assert_eq!(
        login_as(&jeanne, &app, "jeanne@cma.example", pw)
            .await
            .status(),
        303
    );
    let (_, body) = get(&jeanne, &app, "/espace").await;
    assert!(body.contains("CMA Hauts-de-France"));

    // Deactivation ends her session at once and forbids new logins.
    let id = users::credentials(&db, "jeanne@cma.example")
        .await
        .expect("q")
        .expect("user")
        .id;
    let r = admin
        .post(format!("{}/admin/utilisateurs/{id}/desactiver", app.base))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    let r = jeanne
        .get(format!("{}/espace", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 303);
    assert_eq!(
        login_as(&client(), &app, "jeanne@cma.example", pw)
            .await
            .status(),
        401
    );

    // An admin cannot deactivate themself.
    let admin_id = users::credentials(&db, ADMIN)
        .await
        .expect("q")
        .expect("admin")
        .id;
    let r = admin
        .post(format!(
            "{}/admin/utilisateurs/{admin_id}/desactiver",
            app.base
        ))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 403);

    // Every step is in the audit log, filterable by object.
    let (s, body) = get(
        &admin,
        &app,
        &format!("/admin/journal?entity_type=user&entity_id={id}"),
    )
    .await;
    assert_eq!(s, 200);
    let rows = crate::html::table(&body, "table");
    for action in ["create", "set_password", "deactivate"] {
        assert!(
            rows.iter().any(|r| r.iter().any(|c| c == action)),
            "{action} in audit page: {rows:?}"
        );
    }
    assert!(body.contains(ADMIN), "the admin is named as actor");
    let (s, body) = get(&admin, &app, "/admin/journal?from=2026-13-45").await;
    assert_eq!(s, 422);
    // The message is tied to its labelled field.
    assert!(crate::html::label_of(&body, "from").is_some());
    let error = crate::html::field_error(&body, "from").unwrap_or_default();
    assert!(error.contains("Date invalide"), "{error:?}");
}
both!(invite_set_password_deactivate_with_audit);

async fn memberships_can_be_changed_and_removed(db: Db) {
    let app = spawn(db.clone()).await;
    let admin = logged_in(&app, ADMIN).await;
    let id = users::credentials(&db, ADVISER)
        .await
        .expect("q")
        .expect("user")
        .id;
    let bf = orgs::by_slug(&db, "business-france")
        .await
        .expect("q")
        .expect("bf");
    let cci = orgs::by_slug(&db, "cci-hdf")
        .await
        .expect("q")
        .expect("cci");
    let bf_branch = orgs::branches(&db)
        .await
        .expect("branches")
        .into_iter()
        .find(|b| b.branch.organisation_id == bf.id)
        .expect("bf branch");
    let cci_branch = orgs::branches(&db)
        .await
        .expect("branches")
        .into_iter()
        .find(|b| b.branch.organisation_id == cci.id)
        .expect("cci branch");
    // A branch of another organisation is refused.
    let r = admin
        .post(format!("{}/admin/utilisateurs/{id}/adhesions", app.base))
        .form(&[
            ("organisation", bf.id.to_string()),
            ("branch", cci_branch.branch.id.to_string()),
            ("role", "manager".into()),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 422);
    assert!(r.text().await.expect("body").contains("appartient pas"));
    let r = admin
        .post(format!("{}/admin/utilisateurs/{id}/adhesions", app.base))
        .form(&[
            ("organisation", bf.id.to_string()),
            ("branch", bf_branch.branch.id.to_string()),
            ("role", "manager".into()),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    let u = users::get(&db, id).await.expect("get");
    assert_eq!(u.memberships.len(), 2);
    let r = admin
        .post(format!(
            "{}/admin/utilisateurs/{id}/adhesions/{}/retirer",
            app.base, cci.id
        ))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    let u = users::get(&db, id).await.expect("get");
    assert_eq!(u.memberships.len(), 1);
    assert_eq!(u.memberships[0].role, "manager");
}
both!(memberships_can_be_changed_and_removed);
