//! Events with foreign guests: setup, round tables, guests, registrations, seating, pitches,
//! business cards.

use tremplin_store::Db;
use tremplin_store::both_backends as both;

use crate::helpers::*;

const MANAGER: &str = "claire.fontaine@businessfrance.example";

async fn organiser_seats_the_round_tables(db: Db) {
    let app = spawn(db.clone()).await;
    let adviser = logged_in(&app, ADVISER).await;
    let r = adviser
        .post(format!("{}/evenements", app.base))
        .form(&[
            ("name", "X"),
            ("kind", "ambassadors"),
            ("day", "2026-12-10"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 403, "advisers do not organise");
    let m = logged_in(&app, MANAGER).await;
    let r = m
        .post(format!("{}/evenements", app.base))
        .form(&[
            ("name", "Journée des ambassadeurs"),
            ("kind", "ambassadors"),
            ("day", "demain"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 422);
    let r = m
        .post(format!("{}/evenements", app.base))
        .form(&[
            ("name", "Journée des ambassadeurs"),
            ("kind", "ambassadors"),
            ("day", "2026-12-10"),
            ("venue", "Lille"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    let ev = location(&r);
    let post = Poster::new(&m, &app, &ev);
    assert_eq!(
        post.status(
            "/tables",
            vec![
                ("label", "Afrique".to_string()),
                ("capacity", "2".to_string())
            ]
        )
        .await,
        303
    );
    assert_eq!(
        post.status(
            "/tables",
            vec![
                ("label", "Europe".to_string()),
                ("capacity", "2".to_string())
            ]
        )
        .await,
        303
    );
    assert_eq!(
        post.status(
            "/tables",
            vec![("label", "Vide".to_string()), ("capacity", "0".to_string())]
        )
        .await,
        422
    );
    let events_id: uuid::Uuid = ev.trim_start_matches("/evenements/").parse().expect("id");
    let tables = tremplin_store::events::tables(&db, events_id)
        .await
        .expect("tables");
    let (afrique, europe) = (tables[0].id.to_string(), tables[1].id.to_string());
    assert_eq!(
        post.status(
            "/invites",
            vec![
                ("name", "S. Mbeki".to_string()),
                ("role", "ambassador".to_string()),
                ("country", "ZA".to_string()),
                ("table", afrique.clone())
            ]
        )
        .await,
        303
    );
    assert_eq!(
        post.status(
            "/invites",
            vec![
                ("name", "K. Weber".to_string()),
                ("role", "ambassador".to_string()),
                ("country", "DE".to_string()),
                ("table", europe.clone())
            ]
        )
        .await,
        303
    );
    assert_eq!(
        post.status(
            "/invites",
            vec![
                ("name", "?".to_string()),
                ("role", "ambassador".to_string()),
                ("country", "XX".to_string())
            ]
        )
        .await,
        422
    );
    for (name, targets) in [
        ("Protéines Végétales", "ZA"),
        ("Réalité Virtuelle Santé", "DE, IE"),
        ("Mode Nord", ""),
        ("Bois Flandres", "ZA"),
    ] {
        assert_eq!(
            post.status(
                "/inscriptions",
                vec![
                    ("company_name", name.to_string()),
                    ("targets", targets.to_string()),
                    ("card_name", "Jeanne Test".to_string()),
                    ("card_email", "jeanne@test.example".to_string())
                ]
            )
            .await,
            303
        );
    }
    assert_eq!(
        post.status(
            "/inscriptions",
            vec![
                ("company_name", "Z".to_string()),
                ("targets", "QQ".to_string()),
                ("card_name", "Z".to_string())
            ]
        )
        .await,
        422
    );
    assert_eq!(post.status("/placement", NO_FORM).await, 303);
    let (_, page) = get(&m, &app, &ev).await;
    assert!(
        page.contains("Ordre de passage — Afrique") && page.contains("Ordre de passage — Europe")
    );
    let regs = tremplin_store::events::registrations(&db, events_id)
        .await
        .expect("regs");
    let seat_of = |name: &str| {
        regs.iter()
            .find(|r| r.company_name == name)
            .and_then(|r| r.table_id)
            .map(|t| t.to_string())
    };
    assert_eq!(
        seat_of("Protéines Végétales"),
        Some(afrique.clone()),
        "South Africa target → the Africa table"
    );
    assert_eq!(seat_of("Bois Flandres"), Some(afrique.clone()));
    assert_eq!(seat_of("Réalité Virtuelle Santé"), Some(europe.clone()));
    assert!(page.contains("invités de : ZA"), "each seat explained");
    // A manual move is kept when the seating runs again.
    let mode = regs
        .iter()
        .find(|r| r.company_name == "Mode Nord")
        .expect("reg")
        .id;
    assert_eq!(
        post.status(
            &format!("/inscriptions/{mode}/deplacer"),
            vec![("table", afrique.clone())]
        )
        .await,
        303
    );
    assert_eq!(post.status("/placement", NO_FORM).await, 303);
    let regs = tremplin_store::events::registrations(&db, events_id)
        .await
        .expect("regs");
    let moved = regs
        .iter()
        .find(|r| r.company_name == "Mode Nord")
        .expect("reg");
    assert_eq!(moved.table_id.map(|t| t.to_string()), Some(afrique.clone()));
    assert!(moved.seat_fixed);
    // One-to-one meetings: requests, answers, schedule, grid and agendas.
    let guests = tremplin_store::events::guests(&db, events_id)
        .await
        .expect("guests");
    let mbeki = guests
        .iter()
        .find(|g| g.country == "ZA")
        .expect("ZA")
        .id
        .to_string();
    let weber = guests
        .iter()
        .find(|g| g.country == "DE")
        .expect("DE")
        .id
        .to_string();
    let reg_id = |name: &str| {
        regs.iter()
            .find(|r| r.company_name == name)
            .expect("reg")
            .id
            .to_string()
    };
    let proteins = reg_id("Protéines Végétales");
    let vr = reg_id("Réalité Virtuelle Santé");
    for (reg, guest, by, prio) in [
        (&proteins, &mbeki, "company", "must"),
        (&proteins, &mbeki, "guest", "nice"),
        (&vr, &weber, "company", "nice"),
        (&vr, &mbeki, "company", "nice"),
    ] {
        assert_eq!(
            post.status(
                "/demandes-rdv",
                vec![
                    ("registration", reg.clone()),
                    ("guest", guest.clone()),
                    ("requested_by", by.to_string()),
                    ("priority", prio.to_string())
                ]
            )
            .await,
            303
        );
    }
    assert_eq!(
        post.status(
            "/demandes-rdv",
            vec![
                ("registration", proteins.clone()),
                ("guest", mbeki.clone()),
                ("requested_by", "company".to_string()),
                ("priority", "must".to_string())
            ]
        )
        .await,
        422,
        "duplicate request"
    );
    let reqs = tremplin_store::events::meeting_requests(&db, events_id)
        .await
        .expect("requests");
    for (i, r) in reqs.iter().enumerate() {
        let answer = if i == 3 { "refuser" } else { "accepter" };
        assert_eq!(
            post.status(&format!("/demandes-rdv/{}/{answer}", r.id), NO_FORM)
                .await,
            303
        );
    }
    let r = m
        .post(format!("{}{ev}/planning", app.base))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 200);
    let result = r.text().await.expect("body");
    assert!(
        result.contains("2 rendez-vous planifiés") && result.contains("optimal"),
        "{result}"
    );
    let meetings = tremplin_store::events::meetings(&db, events_id)
        .await
        .expect("meetings");
    assert_eq!(meetings.len(), 2, "the declined request is not scheduled");
    let (_, page) = get(&m, &app, &ev).await;
    assert!(
        page.contains("Grille des rendez-vous") && page.contains("Protéines Végétales — S. Mbeki")
    );
    let (s, agenda) = get(&m, &app, &format!("{ev}/agenda/c:{proteins}")).await;
    assert_eq!(s, 200);
    assert!(agenda.contains("S. Mbeki (ZA)"));
    let ics = get(&m, &app, &format!("{ev}/agenda/g:{mbeki}.ics")).await.1;
    assert!(
        ics.starts_with("BEGIN:VCALENDAR\r\n")
            && ics.matches("BEGIN:VEVENT").count() == 1
            && ics.contains("TZID=Europe/Paris"),
        "{ics}"
    );

    // Badges with the card as a QR code; the public page and registration, no account.
    let (s, badges) = get(&m, &app, &format!("{ev}/badges")).await;
    assert_eq!(s, 200);
    assert!(badges.contains("<svg") && !badges.contains("<?xml") && badges.contains("Mode Nord"));
    let anon = client();
    let (s, public) = get(&anon, &app, &format!("{ev}/inscription")).await;
    assert_eq!(s, 200);
    assert!(
        public.contains("Afrique du Sud") && !public.contains("S. Mbeki"),
        "countries, not names"
    );
    let r = anon
        .post(format!("{}{ev}/inscription", app.base))
        .form(&[
            ("company_name", ""),
            ("card_name", "X"),
            ("card_email", "nope"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 422);
    let body = r.text().await.expect("body");
    assert!(
        body.contains("id=\"r-company_name-error\"") && body.contains("id=\"r-card_email-error\"")
    );
    // Bounded texts and an http(s) website only (it goes into the vCard and its QR code).
    let huge = "x".repeat(100_000);
    for (field, value, message) in [
        (
            "card_website",
            "javascript:alert(1)",
            "Adresse web invalide",
        ),
        ("company_name", huge.as_str(), "trop long"),
        ("pitch_summary", &"p".repeat(5_000), "trop long"),
    ] {
        let mut form = vec![("company_name", "Public SAS"), ("card_name", "Paul Public")];
        form.retain(|(k, _)| *k != field);
        form.push((field, value));
        let r = anon
            .post(format!("{}{ev}/inscription", app.base))
            .form(&form)
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), 422, "{field}");
        let body = r.text().await.expect("body");
        let error = crate::html::texts(&body, &format!("#r-{field}-error"));
        assert!(
            error.iter().any(|e| e.contains(message)),
            "{field}: {error:?}"
        );
    }
    let r = anon
        .post(format!("{}{ev}/inscription", app.base))
        .form(&[
            ("company_name", "Public SAS"),
            ("card_name", "Paul Public"),
            ("targets", "ZA"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 200);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("inscription est enregistrée")
    );
    assert!(
        tremplin_store::events::registrations(&db, events_id)
            .await
            .expect("regs")
            .iter()
            .any(|r| r.company_name == "Public SAS")
    );

    // The business card as vCard 4.0.
    let card = m
        .get(format!("{}{ev}/inscriptions/{mode}/carte.vcf", app.base))
        .send()
        .await
        .expect("get");
    assert_eq!(
        card.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("text/vcard; charset=utf-8")
    );
    let text = card.text().await.expect("body");
    assert!(
        text.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n")
            && text.contains("FN:Jeanne Test")
            && text.contains("ORG:Mode Nord"),
        "{text}"
    );
}
both!(organiser_seats_the_round_tables);
