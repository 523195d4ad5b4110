//! The shared company file: search, creation, editing, access by sharing consent and holders,
//! needs, accompaniments, contacts, merge.

use tremplin_store::Db;
use tremplin_store::both_backends as both;

use crate::helpers::*;

const CMA_ADVISER: &str = "marc.vasseur@cma-hdf.example";
const CCI_MANAGER: &str = "nathalie.dupuis@cci-hdf.example";

fn id_from(location: &str) -> String {
    location
        .trim_start_matches("/entreprises/")
        .split('?')
        .next()
        .unwrap_or("")
        .to_string()
}

async fn company_file_create_dedupe_visibility_and_conflicts(db: Db) {
    let app = spawn(db).await;
    let cci = logged_in(&app, ADVISER).await;
    // Bad input: each error next to its field, values kept.
    let r = cci
        .post(format!("{}/entreprises/nouvelle", app.base))
        .form(&[
            ("name", "Boulangerie Léon"),
            ("siren", "123456789"),
            ("commune", "5935"),
            ("naf", "99.99Z"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 422);
    let body = r.text().await.expect("body");
    for id in ["siren-error", "commune-error", "naf-error"] {
        assert!(body.contains(&format!("id=\"{id}\"")), "{id}");
    }
    assert!(body.contains("value=\"Boulangerie Léon\""));

    let r = cci
        .post(format!("{}/entreprises/nouvelle", app.base))
        .form(&[
            ("name", "Boulangerie Léon SARL"),
            ("siren", "215903501"),
            ("commune", "59350"),
            ("rm", "oui"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    let id = id_from(&location(&r));
    let (s, page) = get(&cci, &app, &format!("/entreprises/{id}")).await;
    assert_eq!(s, 200);
    assert!(page.contains("Lille (59350)") && page.contains("CCI Hauts-de-France"));

    // Not shared: another partner's adviser cannot open it; a search says only that a file
    // exists and who holds it, without its name, SIREN or commune.
    let cma = logged_in(&app, CMA_ADVISER).await;
    assert_eq!(get(&cma, &app, &format!("/entreprises/{id}")).await.0, 403);
    let (_, found) = get(&cma, &app, "/entreprises?q=215903501").await;
    let rows = crate::html::table(&found, "table");
    assert_eq!(
        rows[1],
        ["Une fiche existe, tenue par CCI Hauts-de-France. Demander l'accès"],
        "{rows:?}"
    );
    assert!(!found.contains("Boulangerie"), "{found}");
    let hits = get_json(&cma, &app, "/api/v1/companies?q=215903501").await;
    assert_eq!(hits[0]["visible"], false);
    assert!(
        hits[0]["name"].is_null() && hits[0]["siren"].is_null(),
        "{hits}"
    );
    assert_eq!(hits[0]["held_by"][0], "CCI Hauts-de-France");
    // Creating it with the same SIREN does not open it: the holder is asked for access.
    let r = cma
        .post(format!("{}/entreprises/nouvelle", app.base))
        .form(&[("name", "Leon boulangerie"), ("siren", "215 903 501")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/entreprises?acces=demande");
    assert_eq!(get(&cma, &app, &format!("/entreprises/{id}")).await.0, 403);
    let api = cma
        .post(format!("{}/api/v1/companies", app.base))
        .json(&serde_json::json!({"name": "Léon", "siren": "215903501"}))
        .send()
        .await
        .expect("post");
    assert_eq!(api.status(), 409);
    assert_eq!(get(&cma, &app, &format!("/entreprises/{id}")).await.0, 403);
    // The holder's advisers hear of it once, however often the hourly jobs run.
    for _ in 0..2 {
        tremplin_web::jobs::run(&app.state, chrono::Utc::now())
            .await
            .expect("jobs");
    }
    let told: Vec<_> = tremplin_store::mail::to_address(&app.db, ADVISER)
        .await
        .expect("mails")
        .into_iter()
        .filter(|m| m.kind == "access_request")
        .collect();
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(
        told[0].subject.contains("Boulangerie Léon SARL")
            && told[0].body.contains("CMA Hauts-de-France"),
        "{told:?}"
    );
    // The holder sees one request (asked twice) and accepts it.
    let (_, mine) = get(&cci, &app, "/entreprises").await;
    let asked = crate::html::table(&mine, "#acces + table");
    assert_eq!(asked.len(), 2, "one request: {asked:?}");
    assert_eq!(asked[1][0], "Boulangerie Léon SARL");
    assert_eq!(asked[1][1], "CMA Hauts-de-France");
    let req = crate::html::form_actions(&mine)
        .iter()
        .find_map(|a| {
            a.strip_prefix("/entreprises/acces/")?
                .strip_suffix("/accepter")
                .map(str::to_string)
        })
        .expect("the request's accept button");
    // Another partner that does not hold the file cannot answer.
    let r = post_form(
        &cma,
        &app,
        &format!("/entreprises/acces/{req}/accepter"),
        &[],
    )
    .await;
    assert_eq!(r.status(), 403);
    let r = post_form(
        &cci,
        &app,
        &format!("/entreprises/acces/{req}/accepter"),
        &[],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(get(&cma, &app, &format!("/entreprises/{id}")).await.0, 200);
    let r = post_form(
        &cci,
        &app,
        &format!("/entreprises/acces/{req}/refuser"),
        &[],
    )
    .await;
    assert_eq!(r.status(), 409, "answered once");

    // A similar name in the same commune without SIREN: suggested before creating.
    let r = cci
        .post(format!("{}/entreprises/nouvelle", app.base))
        .form(&[("name", "BOULANGERIE LEON"), ("commune", "59350")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 200);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains(&format!("/entreprises/{id}"))
    );
    let r = cci
        .post(format!("{}/entreprises/nouvelle", app.base))
        .form(&[
            ("name", "BOULANGERIE LEON"),
            ("commune", "59350"),
            ("confirm_similar", "oui"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    let twin = id_from(&location(&r));
    assert_ne!(twin, id);

    // Two saves of the same version: the second gets a conflict, nothing overwritten.
    let form = |name: &str| {
        vec![
            ("version", "1".to_string()),
            ("name", name.to_string()),
            ("siren", "215903501".to_string()),
            ("commune", "59350".to_string()),
        ]
    };
    let r = cci
        .post(format!("{}/entreprises/{id}/modifier", app.base))
        .form(&form("Boulangerie Léon"))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    let r = cma
        .post(format!("{}/entreprises/{id}/modifier", app.base))
        .form(&form("Écrasement"))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 409);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("pendant que vous la modifiiez")
    );
    let (_, page) = get(&cci, &app, &format!("/entreprises/{id}")).await;
    assert_eq!(crate::html::texts(&page, "h1"), ["Boulangerie Léon"]);

    // Export countries and establishments.
    let r = cci
        .post(format!("{}/entreprises/{id}/pays", app.base))
        .form(&[("country", "BE"), ("status", "target")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    let r = cci
        .post(format!("{}/entreprises/{id}/pays", app.base))
        .form(&[("country", "XX"), ("status", "target")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 422);
    let r = cci
        .post(format!("{}/entreprises/{id}/etablissements", app.base))
        .form(&[("siret", "21800019800015")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 422, "a SIRET of another SIREN");
    let (_, page) = get(&cci, &app, &format!("/entreprises/{id}")).await;
    assert!(page.contains("Belgique — pays visé"));

    // The CCI manager merges the duplicate into the original.
    let adviser_merge = cci
        .post(format!("{}/entreprises/{twin}/fusion", app.base))
        .form(&[("into", id.as_str())])
        .send()
        .await
        .expect("post");
    assert_eq!(adviser_merge.status(), 403, "advisers do not merge");
    let manager = logged_in(&app, CCI_MANAGER).await;
    let r = manager
        .post(format!("{}/entreprises/{twin}/fusion", app.base))
        .form(&[("into", id.as_str())])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    let r = manager
        .get(format!("{}/entreprises/{twin}", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(
        location(&r),
        format!("/entreprises/{id}"),
        "the merged file points to the kept one"
    );
}
both!(company_file_create_dedupe_visibility_and_conflicts);

async fn follow_up_api(db: Db) {
    let app = spawn(db).await;
    let anon = client();
    let r = anon
        .get(format!("{}/api/v1/companies?q=x", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 401);
    let cci = logged_in(&app, ADVISER).await;
    let r = cci
        .post(format!("{}/api/v1/companies", app.base))
        .json(&serde_json::json!({"name": "Brasserie du Nord", "siren": "123456789"}))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 422);
    let p: serde_json::Value = r.json().await.expect("json");
    assert_eq!(p["errors"]["siren"]["code"], "siren_checksum");
    let r = cci
        .post(format!("{}/api/v1/companies", app.base))
        .json(&serde_json::json!({"name": "Brasserie du Nord", "siren": "215903501", "commune": "59350", "registries": ["rcs"]}))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 201);
    let c: serde_json::Value = r.json().await.expect("json");
    assert_eq!(c["departement"], "59");
    assert_eq!(c["existing"], false);
    let r = cci
        .post(format!("{}/api/v1/companies", app.base))
        .json(&serde_json::json!({"name": "Autre", "siren": "215903501"}))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 200);
    let again: serde_json::Value = r.json().await.expect("json");
    assert_eq!(
        (again["id"].clone(), again["existing"].clone()),
        (c["id"].clone(), serde_json::json!(true))
    );
    let hits = get_json(&cci, &app, "/api/v1/companies?q=brasserie").await;
    assert_eq!(hits[0]["visible"], true);
    let cma = logged_in(&app, CMA_ADVISER).await;
    let r = cma
        .get(format!(
            "{}/api/v1/companies/{}",
            app.base,
            c["id"].as_str().unwrap_or("")
        ))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 403, "not shared, not held by the CMA");

    // Matches: a request routed to the CCI, handled through the API.
    let r = client()
        .post(format!("{}/orientation/rappel", app.base))
        .form(&[
            (
                "profil",
                "departement=59&registre=rcs&besoins=export_formalities",
            ),
            ("nom", "X"),
            ("email", "x@y.example"),
            ("entreprise", "Brasserie du Nord"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    let list = get_json(&cci, &app, "/api/v1/matches").await;
    let m = &list[0];
    assert_eq!(m["subject"], "export_formalities");
    assert_eq!(m["lead"], true);
    let id = m["id"].as_str().unwrap_or("").to_string();
    let r = cma
        .post(format!("{}/api/v1/matches/{id}/status", app.base))
        .json(&serde_json::json!({"status": "taking_charge"}))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 403, "another partner's request");
    let r = cci
        .post(format!("{}/api/v1/matches/{id}/status", app.base))
        .json(&serde_json::json!({"status": "not_for_me"}))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 422);
    let r = cci
        .post(format!("{}/api/v1/matches/{id}/status", app.base))
        .json(&serde_json::json!({"status": "done"}))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 200);
    let done: serde_json::Value = r.json().await.expect("json");
    assert_eq!(done["status"], "done");
}
both!(follow_up_api);

async fn private_notes_stay_with_their_partner(db: Db) {
    let app = spawn(db).await;
    let cci = logged_in(&app, ADVISER).await;
    let r = cci
        .post(format!("{}/entreprises/nouvelle", app.base))
        .form(&[
            ("name", "Verrerie Test"),
            ("siren", "218000198"),
            ("sharing_consent", "oui"),
        ])
        .send()
        .await
        .expect("post");
    let id = id_from(&location(&r));
    for (note, visibility) in [
        ("Note pour toute la Team", "team"),
        ("Secret CCI : marge négociée", "partner"),
    ] {
        let r = cci
            .post(format!("{}/entreprises/{id}/notes", app.base))
            .form(&[
                ("kind", "meeting"),
                ("date", "2026-11-20"),
                ("note", note),
                ("visibility", visibility),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), 303);
    }
    let r = cci
        .post(format!("{}/entreprises/{id}/accompagnements", app.base))
        .form(&[
            ("title", "Diagnostic export"),
            ("scheme", "cci-formalites-export"),
            ("status", "completed"),
            ("start", "2026-11-01"),
            ("end", "2026-10-01"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 422, "end before start");
    let r = cci
        .post(format!("{}/entreprises/{id}/accompagnements", app.base))
        .form(&[
            ("title", "Diagnostic export"),
            ("scheme", "cci-formalites-export"),
            ("status", "in_progress"),
            ("start", "2026-11-01"),
            ("budget", "1 500,00 €"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    let (_, own) = get(&cci, &app, &format!("/entreprises/{id}")).await;
    assert!(
        own.contains("Secret CCI")
            && own.contains("Note pour toute la Team")
            && own.contains("Diagnostic export")
    );
    // The company shares its file: the CMA sees it, but never the CCI's private note.
    let cma = logged_in(&app, CMA_ADVISER).await;
    let (s, other) = get(&cma, &app, &format!("/entreprises/{id}")).await;
    assert_eq!(s, 200);
    assert!(other.contains("Note pour toute la Team") && other.contains("Diagnostic export"));
    assert!(
        !other.contains("Secret CCI"),
        "a partner-private note never shows outside its partner"
    );
    // Only the delivering partner changes the accompaniment.
    let acc = own
        .split("/accompagnements/")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .expect("accompaniment id")
        .to_string();
    let r = cma
        .post(format!(
            "{}/entreprises/{id}/accompagnements/{acc}/statut",
            app.base
        ))
        .form(&[("version", "1"), ("status", "completed")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 403);
    let r = cci
        .post(format!(
            "{}/entreprises/{id}/accompagnements/{acc}/statut",
            app.base
        ))
        .form(&[
            ("version", "1"),
            ("status", "completed"),
            ("end", "2026-11-25"),
            ("outcome", "Dossier prêt"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    let r = cci
        .post(format!(
            "{}/entreprises/{id}/accompagnements/{acc}/statut",
            app.base
        ))
        .form(&[("version", "1"), ("status", "cancelled")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 409, "stale version");
}
both!(private_notes_stay_with_their_partner);

async fn contacts_consent_export_and_anonymisation(db: Db) {
    let app = spawn(db).await;
    let cci = logged_in(&app, ADVISER).await;
    let r = cci
        .post(format!("{}/entreprises/nouvelle", app.base))
        .form(&[("name", "Faïencerie Test"), ("sharing_consent", "oui")])
        .send()
        .await
        .expect("post");
    let id = id_from(&location(&r));
    let contacts = Poster::new(&cci, &app, &format!("/entreprises/{id}/contacts"));
    assert_eq!(
        contacts
            .status("", vec![("name", "Ana"), ("email", "pas-une-adresse")])
            .await,
        422
    );
    assert_eq!(
        contacts
            .status("", vec![("name", "Ana"), ("consent", "oui")])
            .await,
        422,
        "consent needs how it was obtained"
    );
    assert_eq!(
        contacts
            .status(
                "",
                vec![
                    ("name", "Ana Partagée"),
                    ("email", "ana@faience.example"),
                    ("consent", "oui"),
                    ("consent_method", "oral")
                ]
            )
            .await,
        303
    );
    assert_eq!(
        contacts
            .status(
                "",
                vec![("name", "Bruno Privé"), ("email", "bruno@faience.example")]
            )
            .await,
        303
    );
    let (_, own) = get(&cci, &app, &format!("/entreprises/{id}")).await;
    assert!(own.contains("Ana Partagée") && own.contains("Bruno Privé"));
    // Another partner sees the file (shared) and the consenting contact only.
    let cma = logged_in(&app, CMA_ADVISER).await;
    let (_, other) = get(&cma, &app, &format!("/entreprises/{id}")).await;
    assert!(other.contains("Ana Partagée") && !other.contains("Bruno Privé"));
    let cid = own
        .split("/contacts/")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .expect("contact id")
        .to_string();
    let export = get_json(
        &cci,
        &app,
        &format!("/entreprises/{id}/contacts/{cid}/export"),
    )
    .await;
    assert!(export["contact"]["name"].as_str().is_some());
    let r = cci
        .post(format!(
            "{}/entreprises/{id}/contacts/{cid}/anonymiser",
            app.base
        ))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    let export = get_json(
        &cci,
        &app,
        &format!("/entreprises/{id}/contacts/{cid}/export"),
    )
    .await;
    assert_eq!(export["contact"]["email"], "");
    assert!(export["contact"]["anonymised_at"].as_str().is_some());
}
both!(contacts_consent_export_and_anonymisation);
