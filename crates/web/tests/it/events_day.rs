//! Guests' sectors, languages and availability; registrations linked to company files by SIREN;
//! request expiry; check-in, attendance and outcomes noted in the company's file; re-planning
//! after a no-show; the event's statistics.

use tremplin_store::Db;
use tremplin_store::both_backends as both;
use uuid::Uuid;

use crate::helpers::*;

const MANAGER: &str = "claire.fontaine@businessfrance.example";

struct Ev {
    app: App,
    m: reqwest::Client,
    path: String,
    id: Uuid,
}

impl Ev {
    /// A meeting request recorded and accepted through the page.
    async fn accepted_request(&self, registration: Uuid, guest: Uuid, by: &str, priority: &str) {
        let actor = tremplin_store::audit::Actor::system("test");
        let q = tremplin_store::events::request_meeting(
            &self.app.db,
            &actor,
            self.id,
            &tremplin_store::events::NewMeetingRequest {
                registration,
                guest,
                by: by.parse().expect("by"),
                priority: priority.parse().expect("priority"),
                expires_on: None,
            },
        )
        .await
        .expect("request");
        let r = self.post(&format!("/demandes-rdv/{q}/accepter"), &[]).await;
        assert_eq!(r.status(), 303);
    }

    async fn post(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.m
            .post(format!("{}{}{path}", self.app.base, self.path))
            .form(form)
            .send()
            .await
            .expect("post")
    }
}

async fn event(db: Db) -> Ev {
    let app = spawn(db).await;
    let m = logged_in(&app, MANAGER).await;
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
    let path = location(&r);
    let id = path.trim_start_matches("/evenements/").parse().expect("id");
    Ev { app, m, path, id }
}

/// A company file with a SIREN (for the registrations to link to).
async fn company_file(db: &Db, name: &str, naf: &str) -> (Uuid, String) {
    let siren = tremplin_store::scale::fake_siren(4242);
    let f = tremplin_store::companies::Fields {
        siren: Some(siren.clone()),
        name: name.into(),
        name_key: tremplin_domain::company::name_key(name),
        naf: Some(naf.into()),
        country: "FR".into(),
        sharing_consent: true,
        ..Default::default()
    };
    let actor = tremplin_store::audit::Actor::system("test");
    match tremplin_store::companies::create(db, &actor, None, &f)
        .await
        .expect("company")
    {
        tremplin_store::companies::Created::New(id)
        | tremplin_store::companies::Created::Existing(id) => (id, siren),
    }
}

async fn guests_availability_expiry_and_file_links(db: Db) {
    let ev = event(db.clone()).await;
    // Bad guest details are refused, each at its field; nothing is stored.
    for (field, value, message) in [
        ("sectors", "C, Z", "Sections NAF invalides"),
        ("languages", "fra", "Langues invalides"),
        ("unavailable", "2, 9", "Créneaux invalides"),
    ] {
        let mut form = vec![
            ("name", "K. Weber"),
            ("role", "ambassador"),
            ("country", "DE"),
        ];
        form.push((field, value));
        let r = ev.post("/invites", &form).await;
        assert_eq!(r.status(), 422, "{field}");
        assert!(r.text().await.expect("b").contains(message), "{message}");
    }
    assert!(
        tremplin_store::events::guests(&db, ev.id)
            .await
            .expect("g")
            .is_empty()
    );
    let r = ev
        .post(
            "/invites",
            &[
                ("name", "K. Weber"),
                ("role", "ambassador"),
                ("country", "DE"),
                ("organisation", "Ambassade d'Allemagne"),
                ("sectors", "c j"),
                ("languages", "DE, fr"),
                ("unavailable", "1,2"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let g = tremplin_store::events::guests(&db, ev.id)
        .await
        .expect("g")
        .remove(0);
    assert_eq!(
        (
            g.sectors.as_str(),
            g.languages.as_str(),
            g.unavailable.as_str()
        ),
        ("C,J", "de,fr", "0,1")
    );
    let (_, page) = get(&ev.m, &ev.app, &ev.path).await;
    assert!(
        page.contains("<td>C,J</td><td>de,fr</td><td>14:00, 14:20</td>"),
        "the guest's details: {page}"
    );

    // A registration with a SIREN is linked to the file and takes its activity; a bad SIREN is
    // refused at its field. From the file, the organiser's link fills the form.
    let (company, siren) = company_file(&db, "Verrerie d'Arques", "23.13Z").await;
    let (_, file) = get(&ev.m, &ev.app, &format!("/entreprises/{company}")).await;
    let link = format!("{}?inscrire={company}#add-reg", ev.path);
    assert!(file.contains(&link), "the file offers the event: {file}");
    let (s, page) = get(&ev.m, &ev.app, &format!("{}?inscrire={company}", ev.path)).await;
    assert_eq!(s, 200);
    assert!(
        page.contains(&format!("name=\"siren\" type=\"text\" value=\"{siren}\"")),
        "prefilled: {page}"
    );
    let (_, page) = get(
        &logged_in(&ev.app, ADVISER).await,
        &ev.app,
        &format!("{}?inscrire={company}", ev.path),
    )
    .await;
    assert!(!page.contains(&siren), "advisers do not organise: no form");
    let r = ev
        .post(
            "/inscriptions",
            &[
                ("company_name", "Verrerie"),
                ("card_name", "Jeanne Test"),
                ("siren", "123456789"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let r = ev
        .post(
            "/inscriptions",
            &[
                ("company_name", "Verrerie d'Arques"),
                ("card_name", "Jeanne Test"),
                ("siren", &siren),
                ("targets", "DE"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let reg = tremplin_store::events::registrations(&db, ev.id)
        .await
        .expect("r")
        .remove(0);
    assert_eq!(reg.company_id, Some(company));
    assert_eq!(reg.naf.as_deref(), Some("23.13Z"));

    // Expiry: a date in the past is refused; a request past its day can no longer be answered.
    let (reg_id, guest_id) = (reg.id.to_string(), g.id.to_string());
    let r = ev
        .post(
            "/demandes-rdv",
            &[
                ("registration", &reg_id),
                ("guest", &guest_id),
                ("requested_by", "company"),
                ("priority", "must"),
                ("expires_on", "2020-01-01"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let actor = tremplin_store::audit::Actor::system("test");
    let yesterday =
        tremplin_domain::dates::paris_date(chrono::Utc::now()) - chrono::Duration::days(1);
    let expired = tremplin_store::events::request_meeting(
        &db,
        &actor,
        ev.id,
        &tremplin_store::events::NewMeetingRequest {
            registration: reg.id,
            guest: g.id,
            by: "guest".parse().expect("by"),
            priority: "nice".parse().expect("priority"),
            expires_on: Some(yesterday),
        },
    )
    .await
    .expect("request");
    let r = ev
        .post(&format!("/demandes-rdv/{expired}/accepter"), &[])
        .await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.expect("b").contains("a expiré sans réponse"));
    let (_, page) = get(&ev.m, &ev.app, &ev.path).await;
    assert!(page.contains("expirée"), "shown as expired");
    let r = ev
        .post(
            "/demandes-rdv",
            &[
                ("registration", &reg_id),
                ("guest", &guest_id),
                ("requested_by", "company"),
                ("priority", "must"),
                ("expires_on", "2100-01-01"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let pending = tremplin_store::events::meeting_requests(&db, ev.id)
        .await
        .expect("q")
        .into_iter()
        .find(|q| q.requested_by == "company")
        .expect("the company's request");
    assert_eq!(
        ev.post(&format!("/demandes-rdv/{}/accepter", pending.id), &[])
            .await
            .status(),
        303
    );
    // The guest is away at slots 1 and 2: the meeting is placed later.
    assert_eq!(ev.post("/planning", &[]).await.status(), 200);
    let meetings = tremplin_store::events::meetings(&db, ev.id)
        .await
        .expect("m");
    assert_eq!(meetings.len(), 1);
    assert!(
        meetings[0].slot >= 2,
        "not while the guest is away: slot {}",
        meetings[0].slot
    );
}
both!(guests_availability_expiry_and_file_links);

async fn the_day_attendance_outcomes_replanning_and_statistics(db: Db) {
    let ev = event(db.clone()).await;
    let (company, siren) = company_file(&db, "Verrerie d'Arques", "23.13Z").await;
    for (name, country) in [("S. Mbeki", "ZA"), ("K. Weber", "DE")] {
        let r = ev
            .post(
                "/invites",
                &[("name", name), ("role", "ambassador"), ("country", country)],
            )
            .await;
        assert_eq!(r.status(), 303);
    }
    for (name, siren) in [
        ("Verrerie d'Arques", siren.as_str()),
        ("Brasserie Absente", ""),
    ] {
        let r = ev
            .post(
                "/inscriptions",
                &[
                    ("company_name", name),
                    ("card_name", "Jeanne Test"),
                    ("siren", siren),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
    }
    let regs = tremplin_store::events::registrations(&db, ev.id)
        .await
        .expect("r");
    let guests = tremplin_store::events::guests(&db, ev.id).await.expect("g");
    let reg = |n: &str| {
        regs.iter()
            .find(|r| r.company_name.starts_with(n))
            .expect("reg")
            .id
    };
    let guest = |n: &str| guests.iter().find(|g| g.name == n).expect("guest").id;
    for r in ["Verrerie", "Brasserie"] {
        for g in ["S. Mbeki", "K. Weber"] {
            ev.accepted_request(reg(r), guest(g), "company", "must")
                .await;
        }
    }
    assert_eq!(ev.post("/planning", &[]).await.status(), 200);
    let meetings = tremplin_store::events::meetings(&db, ev.id)
        .await
        .expect("m");
    assert_eq!(meetings.len(), 4);
    // Door sheets, booklets, and the scheduler's JSON: exported, imported back after a check.
    let (_, doors) = get(&ev.m, &ev.app, &format!("{}/portes", ev.path)).await;
    assert!(
        doors.contains("Table 1") && doors.contains("Brasserie Absente"),
        "{doors}"
    );
    let (_, books) = get(&ev.m, &ev.app, &format!("{}/livrets", ev.path)).await;
    let glassworks = books.contains("Verrerie d&#39;Arques") || books.contains("Verrerie d'Arques");
    assert!(books.contains("S. Mbeki") && glassworks, "{books}");
    let instance: serde_json::Value =
        ev.m.get(format!("{}{}/instance.json", ev.app.base, ev.path))
            .send()
            .await
            .expect("get")
            .json()
            .await
            .expect("json");
    assert_eq!(instance["participants"].as_array().map(Vec::len), Some(4));
    assert_eq!(instance["requests"].as_array().map(Vec::len), Some(4));
    let schedule =
        ev.m.get(format!("{}{}/planning.json", ev.app.base, ev.path))
            .send()
            .await
            .expect("get")
            .text()
            .await
            .expect("text");
    let mut bad: serde_json::Value = serde_json::from_str(&schedule).expect("schedule json");
    bad["meetings"][0]["slot"] = serde_json::json!(99);
    bad["meetings"][1]["a"] = serde_json::json!("c:inconnu");
    let r = ev
        .post("/planning.json", &[("schedule", &bad.to_string())])
        .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.expect("b");
    let saved_nothing =
        body.contains("rien n&#39;a été enregistré") || body.contains("rien n'a été enregistré");
    assert!(
        body.contains("slot 99") && body.contains("c:inconnu") && saved_nothing,
        "{body}"
    );
    assert_eq!(
        ev.post("/planning.json", &[("schedule", "{not json")])
            .await
            .status(),
        400
    );
    assert_eq!(
        tremplin_store::events::meetings(&db, ev.id)
            .await
            .expect("m")
            .len(),
        4,
        "nothing changed"
    );
    assert_eq!(
        ev.post("/planning.json", &[("schedule", &schedule)])
            .await
            .status(),
        303
    );
    assert_eq!(
        tremplin_store::events::meetings(&db, ev.id)
            .await
            .expect("m")
            .len(),
        4
    );
    let meetings = tremplin_store::events::meetings(&db, ev.id)
        .await
        .expect("m");
    let meeting = |r: &str, g: &str| {
        meetings
            .iter()
            .find(|m| m.registration_id == reg(r) && m.guest_id == guest(g))
            .expect("meeting")
            .clone()
    };
    // Check-in: the glassworks and both guests arrive; the brewery does not.
    for who in [
        format!("c:{}", reg("Verrerie")),
        format!("g:{}", guest("S. Mbeki")),
        format!("g:{}", guest("K. Weber")),
    ] {
        assert_eq!(
            ev.post("/presence", &[("who", &who), ("present", "1")])
                .await
                .status(),
            303
        );
    }
    assert_eq!(
        ev.post("/presence", &[("who", "x:1"), ("present", "1")])
            .await
            .status(),
        422
    );
    let (s, day) = get(&ev.m, &ev.app, &format!("{}/jour-j", ev.path)).await;
    assert_eq!(s, 200);
    assert!(
        day.contains("Enregistrer l&#39;arrivée : Brasserie Absente")
            || day.contains("Enregistrer l'arrivée : Brasserie Absente"),
        "{day}"
    );
    // An outcome needs the meeting held; held with "cooperation" notes it in the company file.
    let held = meeting("Verrerie", "S. Mbeki");
    let r = ev
        .post(
            &format!("/rdv/{}/suivi", held.id),
            &[("attendance", "scheduled"), ("outcome", "cooperation")],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.expect("b").contains("rendez-vous tenu"));
    let r = ev
        .post(
            &format!("/rdv/{}/suivi", held.id),
            &[
                ("attendance", "held"),
                ("outcome", "cooperation"),
                ("note", "Envoyer un devis"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let adviser = logged_in(&ev.app, ADVISER).await;
    let (_, file) = get(&adviser, &ev.app, &format!("/entreprises/{company}")).await;
    assert!(
        file.contains("S. Mbeki (ZA") && file.contains("coopération possible — Envoyer un devis"),
        "the outcome in the company's timeline: {file}"
    );
    // The brewery misses its first meeting; re-planning from there frees its later one.
    let missed = meeting("Brasserie", "S. Mbeki");
    let later = meeting("Brasserie", "K. Weber");
    assert_eq!(
        ev.post(
            &format!("/rdv/{}/suivi", missed.id),
            &[("attendance", "no_show")]
        )
        .await
        .status(),
        303
    );
    let from = (missed.slot.min(later.slot) + 1).to_string();
    let r = ev.post("/replanifier", &[("from_slot", &from)]).await;
    assert_eq!(r.status(), 303);
    let after = tremplin_store::events::meetings(&db, ev.id)
        .await
        .expect("m");
    let state_of = |id: Uuid| after.iter().find(|m| m.id == id).expect("m").attendance;
    assert_eq!(
        state_of(later.id),
        "cancelled",
        "the absent company's later meeting is freed"
    );
    assert_eq!(state_of(held.id), "held", "a held meeting never moves");
    let other = meeting("Verrerie", "K. Weber");
    let kept = after.iter().find(|m| m.id == other.id).expect("kept");
    assert_eq!(
        (kept.slot, kept.table_no, kept.attendance.as_str()),
        (other.slot, other.table_no, "scheduled"),
        "the others stay put"
    );
    assert_eq!(
        ev.post("/replanifier", &[("from_slot", "99")])
            .await
            .status(),
        422
    );
    // Statistics: 4 requests accepted, 1 held, 1 no-show (50 %), the outcome by country.
    let (s, stats) = get(&ev.m, &ev.app, &format!("{}/statistiques", ev.path)).await;
    assert_eq!(s, 200);
    assert!(
        stats.contains("<dd>4 (100 %)</dd>") && stats.contains("<dd>50 %</dd>"),
        "{stats}"
    );
    let by_country = crate::html::table(&stats, "#table-pays");
    assert!(
        by_country
            .iter()
            .any(|r| r[0] == "Afrique du Sud" && r[1] == "1"),
        "{by_country:?}"
    );
    let by_sector = crate::html::table(&stats, "#table-secteurs");
    assert!(
        by_sector.iter().any(|r| r[0].starts_with("C — ")),
        "the glassworks' NAF section: {by_sector:?}"
    );
    let xlsx =
        ev.m.get(format!(
            "{}{}/statistiques?format=xlsx",
            ev.app.base, ev.path
        ))
        .send()
        .await
        .expect("get")
        .bytes()
        .await
        .expect("b");
    assert!(xlsx.starts_with(b"PK"));
    assert!(
        audit_of(&db, "event")
            .await
            .iter()
            .any(|a| a.action == "record_attendance")
    );
}
both!(the_day_attendance_outcomes_replanning_and_statistics);

async fn sessions_breaks_tables_by_zone_and_offers(db: Db) {
    let ev = event(db.clone()).await;
    let good = [
        ("pitch_start", "09:30"),
        ("pitch_minutes", "5"),
        ("pitch_buffer", "1"),
        ("meeting_start", "14:00"),
        ("meeting_minutes", "20"),
        ("meeting_slots", "4"),
        ("meeting_tables", "3"),
        ("breaks", "1, 2"),
    ];
    for (field, value, message) in [
        ("meeting_start", "25:00", "Heure invalide"),
        ("meeting_slots", "0", "entre 1 et 96"),
        ("meeting_minutes", "120", "après minuit"),
        ("breaks", "9", "Créneaux invalides"),
    ] {
        let mut form: Vec<(&str, &str)> =
            good.iter().filter(|(k, _)| *k != field).copied().collect();
        form.push((field, value));
        if field == "meeting_minutes" {
            form.retain(|(k, _)| *k != "meeting_start");
            form.push(("meeting_start", "22:00"));
        }
        let r = ev.post("/reglages", &form).await;
        assert_eq!(r.status(), 422, "{field}");
        assert!(r.text().await.expect("b").contains(message), "{message}");
    }
    assert_eq!(
        tremplin_store::events::get(&db, ev.id)
            .await
            .expect("e")
            .meeting_slots,
        8,
        "unchanged"
    );
    assert_eq!(ev.post("/reglages", &good).await.status(), 303);
    let e = tremplin_store::events::get(&db, ev.id).await.expect("e");
    assert_eq!(
        (
            e.pitch_start,
            e.meeting_start,
            e.meeting_slots,
            e.meeting_tables,
            e.meeting_breaks.as_str()
        ),
        (570, 840, 4, 3, "0,1")
    );
    // Tables by zone from the guests' countries.
    for (name, country) in [("S. Mbeki", "ZA"), ("A. Benali", "MA"), ("K. Weber", "DE")] {
        assert_eq!(
            ev.post(
                "/invites",
                &[("name", name), ("role", "ambassador"), ("country", country)]
            )
            .await
            .status(),
            303
        );
    }
    assert_eq!(ev.post("/tables-par-zone", &[]).await.status(), 303);
    let tables = tremplin_store::events::tables(&db, ev.id).await.expect("t");
    let mut labels: Vec<&str> = tables.iter().map(|t| t.label.as_str()).collect();
    labels.sort();
    assert_eq!(labels, ["Afrique", "Europe"]);
    let guests = tremplin_store::events::guests(&db, ev.id).await.expect("g");
    let table_of = |n: &str| {
        let g = guests.iter().find(|g| g.name == n).expect("guest");
        tables
            .iter()
            .find(|t| Some(t.id) == g.table_id)
            .map(|t| t.label.clone())
    };
    assert_eq!(table_of("S. Mbeki").as_deref(), Some("Afrique"));
    assert_eq!(table_of("A. Benali").as_deref(), Some("Afrique"));
    assert_eq!(table_of("K. Weber").as_deref(), Some("Europe"));
    // A zone as a target: seated with the guests of that zone; an unknown zone is refused.
    let r = ev
        .post(
            "/inscriptions",
            &[
                ("company_name", "Cacao du Nord"),
                ("card_name", "Paul"),
                ("targets", "Atlantide"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let r = ev
        .post(
            "/inscriptions",
            &[
                ("company_name", "Cacao du Nord"),
                ("card_name", "Paul"),
                ("targets", "afrique"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(ev.post("/placement", &[]).await.status(), 303);
    let cacao = tremplin_store::events::registrations(&db, ev.id)
        .await
        .expect("r")
        .into_iter()
        .find(|r| r.company_name == "Cacao du Nord")
        .expect("reg");
    assert_eq!(cacao.targets, "Z:002");
    let at = tables
        .iter()
        .find(|t| Some(t.id) == cacao.table_id)
        .map(|t| t.label.as_str());
    assert_eq!(at, Some("Afrique"), "{}", cacao.seat_reason);
    let (_, page) = get(&ev.m, &ev.app, &ev.path).await;
    assert!(
        page.contains("Cacao du Nord — Paul — Afrique"),
        "the zone by name"
    );
    // An offer summary goes to the guest's booklet; breaks keep the meeting away from slots 1-2.
    let r = ev
        .post(
            "/inscriptions",
            &[
                ("company_name", "Verrerie"),
                ("card_name", "Jeanne Test"),
                ("offer_summary", "Flacons de parfum sur mesure"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let reg = tremplin_store::events::registrations(&db, ev.id)
        .await
        .expect("r")
        .into_iter()
        .find(|r| r.company_name == "Verrerie")
        .expect("the glassworks");
    let weber = guests.iter().find(|g| g.name == "K. Weber").expect("g").id;
    ev.accepted_request(reg.id, weber, "guest", "must").await;
    assert_eq!(ev.post("/planning", &[]).await.status(), 200);
    let m = tremplin_store::events::meetings(&db, ev.id)
        .await
        .expect("m");
    assert_eq!(m.len(), 1);
    assert!(m[0].slot >= 2, "not during the breaks: {}", m[0].slot);
    let (_, books) = get(&ev.m, &ev.app, &format!("{}/livrets", ev.path)).await;
    assert!(books.contains("Flacons de parfum sur mesure"), "{books}");
    // Fewer slots than a scheduled meeting needs: refused until re-planned.
    let mut fewer: Vec<(&str, &str)> = good
        .iter()
        .filter(|(k, _)| *k != "meeting_slots" && *k != "breaks")
        .copied()
        .collect();
    fewer.push(("meeting_slots", "2"));
    let r = ev.post("/reglages", &fewer).await;
    assert_eq!(r.status(), 409);
    let body = r.text().await.expect("b");
    assert!(
        body.contains("Replanifiez d&#39;abord") || body.contains("Replanifiez d'abord"),
        "{body}"
    );
}
both!(sessions_breaks_tables_by_zone_and_offers);

/// The event exported as a scheduler instance, edited offline, imported back: availability,
/// accepted requests and locks change; a bad instance is refused, naming what is wrong.
async fn an_instance_edited_offline_comes_back(db: Db) {
    let ev = event(db.clone()).await;
    for (name, country) in [("S. Mbeki", "ZA"), ("K. Weber", "DE")] {
        let r = ev
            .post(
                "/invites",
                &[("name", name), ("role", "ambassador"), ("country", country)],
            )
            .await;
        assert_eq!(r.status(), 303);
    }
    let r = ev
        .post(
            "/inscriptions",
            &[
                ("company_name", "Verrerie"),
                ("card_name", "Jeanne"),
                ("unavailable", "9"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422, "slot 9 of 8");
    let r = ev
        .post(
            "/inscriptions",
            &[
                ("company_name", "Verrerie"),
                ("card_name", "Jeanne"),
                ("unavailable", "8"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let reg = tremplin_store::events::registrations(&db, ev.id)
        .await
        .expect("r")
        .remove(0);
    assert_eq!(reg.unavailable, "7");
    let guests = tremplin_store::events::guests(&db, ev.id).await.expect("g");
    let (mbeki, weber) = (guests[1].id, guests[0].id);
    ev.accepted_request(reg.id, mbeki, "company", "nice").await;
    let mut inst: serde_json::Value =
        ev.m.get(format!("{}{}/instance.json", ev.app.base, ev.path))
            .send()
            .await
            .expect("get")
            .json()
            .await
            .expect("json");
    assert_eq!(
        inst["participants"][0]["available"],
        serde_json::json!([0, 1, 2, 3, 4, 5, 6]),
        "the company is away at slot 8"
    );
    // Offline: Weber only free at 6-8, the company now meets Weber (must) and not Mbeki,
    // and that meeting is locked at slot 7, table 3.
    let c = format!("c:{}", reg.id);
    let w = format!("g:{weber}");
    for p in inst["participants"].as_array_mut().expect("participants") {
        if p["id"] == w {
            p["available"] = serde_json::json!([5, 6, 7]);
        }
        if p["id"] == c {
            p["available"] = serde_json::json!([0, 1, 2, 3, 4, 5, 6, 7]);
        }
    }
    inst["requests"] = serde_json::json!([{"a": c, "b": w, "weight": 5}]);
    inst["locked"] = serde_json::json!([{"a": c, "b": w, "slot": 6, "table": 2}]);
    // Bad instances first: an unknown participant, another shape.
    let mut bad = inst.clone();
    bad["participants"][0]["id"] = serde_json::json!("c:nope");
    bad["requests"] = serde_json::json!([]);
    bad["locked"] = serde_json::json!([]);
    let r = ev
        .post("/instance.json", &[("instance", &bad.to_string())])
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.expect("b").contains("c:nope"));
    let mut bad = inst.clone();
    bad["slots"] = serde_json::json!(12);
    let r = ev
        .post("/instance.json", &[("instance", &bad.to_string())])
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.expect("b").contains("slots 12"));
    assert_eq!(
        ev.post("/instance.json", &[("instance", "[1,2")])
            .await
            .status(),
        400
    );
    assert_eq!(
        tremplin_store::events::guests(&db, ev.id).await.expect("g")[0].unavailable,
        "",
        "nothing saved"
    );
    let r = ev
        .post("/instance.json", &[("instance", &inst.to_string())])
        .await;
    assert_eq!(r.status(), 303);
    let guests = tremplin_store::events::guests(&db, ev.id).await.expect("g");
    assert_eq!(
        guests
            .iter()
            .find(|g| g.id == weber)
            .expect("w")
            .unavailable,
        "0,1,2,3,4"
    );
    assert_eq!(
        tremplin_store::events::registrations(&db, ev.id)
            .await
            .expect("r")[0]
            .unavailable,
        ""
    );
    let reqs = tremplin_store::events::meeting_requests(&db, ev.id)
        .await
        .expect("q");
    let status = |g: Uuid| {
        reqs.iter()
            .find(|q| q.guest_id == g)
            .map(|q| (q.status.to_string(), q.priority.to_string()))
    };
    assert_eq!(
        status(mbeki),
        Some(("pending".into(), "nice".into())),
        "no longer accepted"
    );
    assert_eq!(status(weber), Some(("accepted".into(), "must".into())));
    let meetings = tremplin_store::events::meetings(&db, ev.id)
        .await
        .expect("m");
    assert_eq!(meetings.len(), 1);
    assert!(meetings[0].locked && meetings[0].slot == 6 && meetings[0].table_no == 2);
    // The scheduler keeps the lock.
    assert_eq!(ev.post("/planning", &[]).await.status(), 200);
    let meetings = tremplin_store::events::meetings(&db, ev.id)
        .await
        .expect("m");
    assert_eq!(
        (meetings.len(), meetings[0].slot, meetings[0].table_no),
        (1, 6, 2)
    );
}
both!(an_instance_edited_offline_comes_back);

/// A trade mission over three days: its dates, the day of its meetings (in the agendas and
/// their .ics), and days outside the event refused.
async fn an_event_over_several_days(db: Db) {
    let app = spawn(db.clone()).await;
    let m = logged_in(&app, MANAGER).await;
    let create = |end: &'static str| {
        let c = m.clone();
        let url = format!("{}/evenements", app.base);
        async move {
            c.post(url)
                .form(&[
                    ("name", "Mission Japon"),
                    ("kind", "trade_mission"),
                    ("day", "2026-12-07"),
                    ("end_day", end),
                    ("venue", "Tokyo"),
                ])
                .send()
                .await
                .expect("post")
        }
    };
    let r = create("2026-12-01").await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .expect("b")
            .contains("La fin est avant le début")
    );
    assert_eq!(create("2027-02-01").await.status(), 422, "over 31 days");
    assert_eq!(create("09/12/2026").await.status(), 422);
    let r = create("2026-12-09").await;
    assert_eq!(r.status(), 303);
    let path = location(&r);
    let id: Uuid = path.trim_start_matches("/evenements/").parse().expect("id");
    let (_, list) = get(&m, &app, "/evenements").await;
    assert!(list.contains("2026-12-07 → 2026-12-09"), "{list}");
    let settings = |meeting_day: &'static str| {
        let c = m.clone();
        let url = format!("{}{path}/reglages", app.base);
        async move {
            c.post(url)
                .form(&[
                    ("pitch_day", "2026-12-07"),
                    ("meeting_day", meeting_day),
                    ("pitch_start", "09:30"),
                    ("pitch_minutes", "5"),
                    ("pitch_buffer", "1"),
                    ("meeting_start", "14:00"),
                    ("meeting_minutes", "20"),
                    ("meeting_slots", "4"),
                    ("meeting_tables", "3"),
                    ("breaks", ""),
                ])
                .send()
                .await
                .expect("post")
        }
    };
    let r = settings("2026-12-10").await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.expect("b");
    assert!(
        body.contains("pas l&#39;un des jours") || body.contains("pas l'un des jours"),
        "{body}"
    );
    assert_eq!(settings("2026-12-09").await.status(), 303);
    let e = tremplin_store::events::get(&db, id).await.expect("e");
    assert_eq!(e.meetings_on().to_string(), "2026-12-09");
    // A meeting on that day: the agenda and its .ics say 9 December.
    let post = Poster::new(&m, &app, &path);
    assert_eq!(
        post.status(
            "/invites",
            vec![
                ("name", "T. Sato".to_string()),
                ("role", "buyer".to_string()),
                ("country", "JP".to_string())
            ]
        )
        .await,
        303
    );
    assert_eq!(
        post.status(
            "/inscriptions",
            vec![
                ("company_name", "Verrerie".to_string()),
                ("card_name", "Jeanne".to_string())
            ]
        )
        .await,
        303
    );
    let reg = tremplin_store::events::registrations(&db, id)
        .await
        .expect("r")
        .remove(0);
    let guest = tremplin_store::events::guests(&db, id)
        .await
        .expect("g")
        .remove(0);
    let actor = tremplin_store::audit::Actor::system("test");
    let q = tremplin_store::events::request_meeting(
        &db,
        &actor,
        id,
        &tremplin_store::events::NewMeetingRequest {
            registration: reg.id,
            guest: guest.id,
            by: "guest".parse().expect("by"),
            priority: "must".parse().expect("priority"),
            expires_on: None,
        },
    )
    .await
    .expect("q");
    assert_eq!(
        post.status(&format!("/demandes-rdv/{q}/accepter"), NO_FORM)
            .await,
        303
    );
    assert_eq!(post.status("/planning", NO_FORM).await, 200);
    let (_, agenda) = get(&m, &app, &format!("{path}/agenda/c:{}", reg.id)).await;
    assert!(agenda.contains("2026-12-09"), "{agenda}");
    let ics = m
        .get(format!("{}{path}/agenda/c:{}.ics", app.base, reg.id))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("ics");
    assert!(
        ics.contains("DTSTART") && ics.contains("20261209T"),
        "{ics}"
    );
}
both!(an_event_over_several_days);
