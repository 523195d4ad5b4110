//! Referrals between partners: declined with a reason, then accepted.

use tremplin_store::both_backends as both;
use tremplin_store::{Db, mail, now};

use crate::helpers::*;

async fn a_referral_is_declined_with_a_reason_then_accepted(db: Db) {
    let app = spawn(db).await;
    let link = craft_request(&app).await;
    let cma = logged_in(&app, CMA_NORD).await;
    let file = open_file(&cma, &app, &link).await;
    let (_, page) = get(&cma, &app, &file).await;
    assert!(page.contains("Prochaine étape") && page.contains("Prise en charge attendue de CMA"));
    let need = need_id(&page);
    let cci = org_id(&app.db, "cci-hdf").await;
    let cma_org = org_id(&app.db, "cma-hdf").await;
    let refer = format!("{file}/orientations");
    // Bad input: own partner, unknown partner, empty message, past date.
    for (to, message, due, field) in [
        (cma_org.as_str(), "x", "", "propre partenaire"),
        ("nope", "x", "", "Valeur inconnue"),
        (cci.as_str(), "  ", "", "obligatoire"),
        (cci.as_str(), "x", "2020-01-01", "passée"),
        (cci.as_str(), "x", "31/12/2030", "AAAA-MM-JJ"),
    ] {
        let r = post_form(
            &cma,
            &app,
            &refer,
            &[
                ("need", &need),
                ("to", to),
                ("message", message),
                ("due", due),
            ],
        )
        .await;
        assert_eq!(r.status(), 422, "{field}");
        let body = r.text().await.expect("body");
        assert!(body.contains(field), "{field}: {body}");
    }
    assert!(
        tremplin_store::referrals::of_company(&app.db, uuid(&file))
            .await
            .expect("list")
            .is_empty()
    );
    let r = post_form(
        &cma,
        &app,
        &refer,
        &[
            ("need", &need),
            ("to", &cci),
            ("message", "Négoce en parallèle, à voir par la CCI"),
            ("due", ""),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let referral = location(&r);
    // A second pending referral of the same need to the same partner is refused.
    let r = post_form(
        &cma,
        &app,
        &refer,
        &[
            ("need", &need),
            ("to", &cci),
            ("message", "encore"),
            ("due", ""),
        ],
    )
    .await;
    assert_eq!(r.status(), 422);
    // The default deadline is 5 working days away, and the recipient's people get a mail.
    let stored = tremplin_store::referrals::get(&app.db, uuid(&referral))
        .await
        .expect("get");
    let today = tremplin_domain::dates::paris_date(now());
    assert_eq!(
        stored.due_on,
        tremplin_domain::dates::add_working_days(today, 5)
    );
    let to_cci = mail::to_address(&app.db, ADVISER).await.expect("mails");
    assert!(
        to_cci
            .iter()
            .any(|m| m.kind == "referral" && m.body.contains("Négoce en parallèle")),
        "{to_cci:?}"
    );

    let camille = logged_in(&app, ADVISER).await;
    let (_, received) = get(&camille, &app, "/orientations").await;
    assert!(received.contains("Atelier Craft"));
    // Declining needs a reason; the sender cannot answer for the recipient.
    assert_eq!(
        post_form(
            &camille,
            &app,
            &format!("{referral}/refuser"),
            &[("reason", " ")]
        )
        .await
        .status(),
        422
    );
    assert_eq!(
        post_form(
            &cma,
            &app,
            &format!("{referral}/refuser"),
            &[("reason", "non")]
        )
        .await
        .status(),
        403
    );
    let r = post_form(
        &camille,
        &app,
        &format!("{referral}/refuser"),
        &[("reason", "Hors de notre champ : artisan")],
    )
    .await;
    assert_eq!(r.status(), 303);
    let (_, page) = get(&cma, &app, &referral).await;
    assert!(page.contains("refusée") && page.contains("Hors de notre champ"));
    let csv = get(&cma, &app, "/orientations?onglet=envoyees&format=csv")
        .await
        .1;
    assert!(
        csv.contains("Atelier Craft") && csv.contains("Hors de notre champ : artisan"),
        "{csv}"
    );
    assert_eq!(
        post_form(&camille, &app, &format!("{referral}/accepter"), &[])
            .await
            .status(),
        409,
        "already answered"
    );
    // A second referral, on a new need, is accepted: it becomes a match taken in charge.
    let r = post_form(
        &cma,
        &app,
        &refer,
        &[
            ("need", "new"),
            ("subject", "trade_fair"),
            ("to", &cci),
            ("message", "Salon à Milan"),
            ("due", ""),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let second = location(&r);
    let r = post_form(&camille, &app, &format!("{second}/accepter"), &[]).await;
    assert_eq!(r.status(), 303);
    let m = location(&r);
    assert!(m.starts_with("/demandes/"), "{m}");
    let (s, page) = get(&camille, &app, &m).await;
    assert_eq!(s, 200);
    assert!(page.contains("prise en charge"));
    let (_, file_page) = get(&cma, &app, &file).await;
    assert!(
        file_page.contains("acceptée") && file_page.contains("refusée"),
        "both referrals on the file"
    );
    let audit = audit_of(&app.db, "referral").await;
    assert_eq!(audit.len(), 4, "two created, one declined, one accepted");
}

both!(a_referral_is_declined_with_a_reason_then_accepted);
