//! Interoperability: the generated .vcf and .ics are read back by independent
//! parsers (Python `vobject` and `icalendar`). Skipped, not failed, when python3 or
//! the modules are missing; CI installs them with
//! `python3 -m pip install vobject icalendar`.

use std::path::PathBuf;
use std::process::Command;
use tremplin_matchmaking::*;

const READER: &str = r#"
import json, sys, datetime, vobject, icalendar
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    card = vobject.readOne(f.read())
org = card.org.value
out = {
    "fn": card.fn.value,
    "family": card.n.value.family,
    "given": card.n.value.given,
    "title": card.title.value,
    "org": [org] if isinstance(org, str) else list(org),
    "email": card.email.value,
    "tel": card.tel.value,
    "url": card.url.value,
    "version": card.version.value,
}
with open(sys.argv[2], "rb") as f:
    cal = icalendar.Calendar.from_ical(f.read())
out["calendar"] = {k: str(cal[k]) for k in ("VERSION", "PRODID", "CALSCALE", "METHOD")}
out["events"] = []
for ev in cal.walk("VEVENT"):
    start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
    out["events"].append({
        "uid": str(ev["UID"]),
        "summary": str(ev["SUMMARY"]),
        "location": str(ev["LOCATION"]),
        "description": str(ev["DESCRIPTION"]),
        "start_utc": start.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M"),
        "end_utc": end.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M"),
        "stamp": ev.decoded("DTSTAMP").strftime("%Y%m%dT%H%M%S"),
    })
print(json.dumps(out))
"#;

fn python_ready() -> bool {
    Command::new("python3")
        .args(["-c", "import vobject, icalendar"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tremplin-formats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn python_parsers_read_our_files() {
    if !python_ready() {
        println!("skipped: python vobject/icalendar not installed");
        return;
    }
    let title =
        "Directrice export, Asie; Japon \\ 🍷 — responsable du développement 日本".repeat(2);
    let card = BusinessCard {
        given_name: "Zoé".into(),
        family_name: "Lefèvre, Dupont".into(),
        formatted_name: String::new(),
        title: Some(title.clone()),
        organization: Some("Vins; Co".into()),
        email: Some("zoe@example.fr".into()),
        phone: Some("+33 5 56 00 00 00".into()),
        website: Some("https://example.fr/zoé".into()),
    };
    let description =
        "Ordre du jour :\n- vins; spiritueux, cognac\n- logistique \\ douane 🚢 ".repeat(3);
    let meeting = |b: &str, slot: u32, start: DateTime, end: DateTime| AgendaMeeting {
        a: "acme".into(),
        b: b.into(),
        slot,
        start,
        end,
        summary: format!("Rendez-vous avec {b}, 日本"),
        location: "Table Asie; n°3".into(),
        description: description.clone(),
    };
    let agenda = Agenda {
        event_id: "tremplin-2025".into(),
        dtstamp: DateTime::parse_basic("20250601T101500Z").unwrap(),
        meetings: vec![
            // Summer (CEST, UTC+2) and winter (CET, UTC+1) dates.
            meeting(
                "amb-jp",
                0,
                DateTime::new(2025, 6, 12, 9, 0),
                DateTime::new(2025, 6, 12, 9, 20),
            ),
            meeting(
                "buyer-kr",
                1,
                DateTime::new(2025, 12, 4, 14, 30),
                DateTime::new(2025, 12, 4, 14, 50),
            ),
        ],
    };
    let dir = temp_dir();
    let vcf = dir.join("card.vcf");
    let ics = dir.join("agenda.ics");
    std::fs::write(&vcf, vcard(&card).unwrap()).unwrap();
    std::fs::write(&ics, icalendar(&agenda).unwrap()).unwrap();
    let out = Command::new("python3")
        .arg("-c")
        .arg(READER)
        .arg(&vcf)
        .arg(&ics)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        out.status.success(),
        "python failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();

    assert_eq!(v["version"], "4.0");
    assert_eq!(v["fn"], "Zoé Lefèvre, Dupont");
    assert_eq!(v["family"], "Lefèvre, Dupont");
    assert_eq!(v["given"], "Zoé");
    assert_eq!(v["title"], title.as_str());
    // One ORG component: the escaped `;` did not split it.
    assert_eq!(v["org"], serde_json::json!(["Vins; Co"]));
    assert_eq!(v["email"], "zoe@example.fr");
    assert_eq!(v["tel"], "tel:+33-5-56-00-00-00");
    assert_eq!(v["url"], "https://example.fr/zoé");

    assert_eq!(v["calendar"]["VERSION"], "2.0");
    assert_eq!(v["calendar"]["PRODID"], PRODID);
    assert_eq!(v["calendar"]["CALSCALE"], "GREGORIAN");
    assert_eq!(v["calendar"]["METHOD"], "PUBLISH");
    let events = v["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    for (e, m) in events.iter().zip(&agenda.meetings) {
        assert_eq!(e["uid"], meeting_uid(&agenda.event_id, &m.a, &m.b, m.slot));
        assert_eq!(e["summary"], m.summary.as_str());
        assert_eq!(e["location"], "Table Asie; n°3");
        assert_eq!(e["description"], description.as_str());
        assert_eq!(e["stamp"], "20250601T101500");
    }
    assert_eq!(events[0]["start_utc"], "2025-06-12T07:00");
    assert_eq!(events[0]["end_utc"], "2025-06-12T07:20");
    assert_eq!(events[1]["start_utc"], "2025-12-04T13:30");
    assert_eq!(events[1]["end_utc"], "2025-12-04T13:50");
}
