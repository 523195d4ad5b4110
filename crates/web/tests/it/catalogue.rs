//! Editing the scheme catalogue: managers propose, the pilot reviews and publishes.

use tremplin_store::Db;
use tremplin_store::both_backends as both;

use crate::helpers::*;

const BF_MANAGER: &str = "claire.fontaine@businessfrance.example";
const CCI_MANAGER: &str = "nathalie.dupuis@cci-hdf.example";
/// The edit form's current fields, read from the page (hidden and text inputs, textareas,
/// selected options), so the test posts back exactly what a browser would.
fn form_fields(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let unescape = |s: &str| {
        s.replace("&#39;", "'")
            .replace("&#34;", "\"")
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    };
    for part in html.split("<input ").skip(1) {
        let tag = part.split('>').next().unwrap_or("");
        let attr = |a: &str| {
            tag.split(&format!("{a}=\""))
                .nth(1)
                .and_then(|v| v.split('"').next())
                .map(unescape)
        };
        if let (Some(n), Some(v)) = (attr("name"), attr("value"))
            && (!tag.contains("type=\"checkbox\"") || tag.contains(" checked"))
        {
            out.push((n, v));
        }
    }
    for part in html.split("<textarea ").skip(1) {
        let name = part
            .split("name=\"")
            .nth(1)
            .and_then(|v| v.split('"').next())
            .unwrap_or("");
        let body = part
            .split_once('>')
            .map(|x| x.1)
            .unwrap_or("")
            .split("</textarea>")
            .next()
            .unwrap_or("");
        out.push((name.to_string(), unescape(body)));
    }
    for part in html.split("<select ").skip(1) {
        let name = part
            .split("name=\"")
            .nth(1)
            .and_then(|v| v.split('"').next())
            .unwrap_or("");
        let body = part.split("</select>").next().unwrap_or("");
        if let Some(sel) = body.split("<option ").find(|o| o.contains(" selected")) {
            let v = sel
                .split("value=\"")
                .nth(1)
                .and_then(|v| v.split('"').next())
                .unwrap_or("");
            out.push((name.to_string(), v.to_string()));
        }
    }
    out
}

fn set(fields: &mut [(String, String)], name: &str, value: &str) {
    for f in fields.iter_mut().filter(|f| f.0 == name) {
        f.1 = value.to_string();
    }
}

async fn managers_propose_the_pilot_publishes(db: Db) {
    let app = spawn(db.clone()).await;
    let id = "business-france-vie";
    // Advisers and other partners' managers cannot edit.
    let adviser = logged_in(&app, ADVISER).await;
    assert_eq!(
        get(&adviser, &app, &format!("/dispositifs/{id}/modifier"))
            .await
            .0,
        403
    );
    let cci = logged_in(&app, CCI_MANAGER).await;
    assert_eq!(
        get(&cci, &app, &format!("/dispositifs/{id}/modifier"))
            .await
            .0,
        403
    );
    assert_eq!(get(&cci, &app, "/catalogue/relecture").await.0, 403);

    let bf = logged_in(&app, BF_MANAGER).await;
    let (s, page) = get(&bf, &app, &format!("/dispositifs/{id}/modifier")).await;
    assert_eq!(s, 200);
    let mut fields = form_fields(&page);
    assert!(
        fields
            .iter()
            .any(|f| f.0 == "rules" && f.1.contains("[[criteria]]"))
    );

    // Invalid: a bad date and broken criteria TOML are reported next to their fields.
    let mut bad = fields.clone();
    set(&mut bad, "valid_from", "2026-13-01");
    set(&mut bad, "rules", "[[criteria]]\nid = \"x\"\nkind = \n");
    let r = bf
        .post(format!("{}/dispositifs/{id}/modifier", app.base))
        .form(&bad)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 422);
    let body = r.text().await.expect("body");
    assert!(body.contains("id=\"valid_from-error\""), "date error shown");
    assert!(
        body.contains("id=\"rules-error\"") && body.contains("ligne 3"),
        "TOML error with its line"
    );
    // Invalid by the catalogue rules: unknown need.
    let mut unknown = fields.clone();
    set(&mut unknown, "needs", "recruit_vie, fly_to_mars");
    let r = bf
        .post(format!("{}/dispositifs/{id}/modifier", app.base))
        .form(&unknown)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 422);
    assert!(r.text().await.expect("body").contains("fly_to_mars"));

    // A valid proposal: a version in review, the public catalogue unchanged.
    set(
        &mut fields,
        "name_fr",
        "V.I.E — Volontariat international en entreprise",
    );
    set(&mut fields, "comment", "Nom complet");
    let r = bf
        .post(format!("{}/dispositifs/{id}/modifier", app.base))
        .form(&fields)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let public = get_json(&client(), &app, &format!("/api/v1/schemes/{id}")).await;
    assert_ne!(
        public["name"],
        "V.I.E — Volontariat international en entreprise"
    );
    // Saving again from the same (now stale) form is a conflict, not a silent overwrite.
    let r = bf
        .post(format!("{}/dispositifs/{id}/modifier", app.base))
        .form(&fields)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 409);

    // A second app server on the same database, to check it picks up the publication.
    let other = tremplin_web::AppState::new(db.clone(), tremplin_web::WebConfig::default());
    other.reload_catalogue().await.expect("load");
    assert!(
        !other.refresh_catalogue_if_changed().await.expect("check"),
        "nothing new yet"
    );

    // The pilot sees the change, rejects without reason (refused), then publishes.
    let pilot = logged_in(&app, PILOT).await;
    let (s, queue) = get(&pilot, &app, "/catalogue/relecture").await;
    assert_eq!(s, 200);
    assert!(
        queue.contains("+ ") && queue.contains("Volontariat international"),
        "the diff is shown"
    );
    let r = pilot
        .post(format!("{}/catalogue/relecture/{id}/2/refuser", app.base))
        .form(&[("reason", "")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 422);
    let r = pilot
        .post(format!("{}/catalogue/relecture/{id}/2/publier", app.base))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    let public = get_json(&client(), &app, &format!("/api/v1/schemes/{id}")).await;
    assert_eq!(
        public["name"],
        "V.I.E — Volontariat international en entreprise"
    );
    let r = pilot
        .post(format!("{}/catalogue/relecture/{id}/2/publier", app.base))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 409, "already published");

    // History: who and when; export as TOML reads back.
    let (s, hist) = get(&bf, &app, &format!("/dispositifs/{id}/versions")).await;
    assert_eq!(s, 200);
    assert!(hist.contains(BF_MANAGER) && hist.contains(PILOT) && hist.contains("remplacée"));
    let toml = client()
        .get(format!("{}/dispositifs/{id}/toml", app.base))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    let spec =
        tremplin_domain::catalogue::SchemeSpec::from_toml(&toml).expect("exported TOML parses");
    assert_eq!(
        spec.name.fr,
        "V.I.E — Volontariat international en entreprise"
    );
    let audit = tremplin_store::audit::list(
        &db,
        &tremplin_store::audit::Filter {
            entity_type: Some("scheme".into()),
            entity_id: Some(id.into()),
            ..Default::default()
        },
        None,
        10,
    )
    .await
    .expect("audit");
    let actions: Vec<&str> = audit.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["publish", "propose"]);
}
both!(managers_propose_the_pilot_publishes);
