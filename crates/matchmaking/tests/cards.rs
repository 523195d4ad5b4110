//! vCard and iCalendar exports: structure, CRLF, 75-octet folding on character
//! boundaries, and escaping round trips for arbitrary strings (property tests).

use proptest::prelude::*;
use tremplin_matchmaking::*;

/// Logical lines as (NAME-with-params, raw value).
fn content_lines(doc: &str) -> Vec<(String, String)> {
    unfold_lines(doc)
        .iter()
        .map(|l| {
            let (n, v) = split_content_line(l).expect("content line has a colon");
            (n.to_string(), v.to_string())
        })
        .collect()
}
fn value<'a>(lines: &'a [(String, String)], name: &str) -> Option<&'a str> {
    lines
        .iter()
        .find(|(n, _)| n == name || n.starts_with(&format!("{name};")))
        .map(|(_, v)| v.as_str())
}
fn assert_physical_lines(doc: &str) {
    assert!(doc.ends_with("\r\n"));
    for line in doc[..doc.len() - 2].split("\r\n") {
        assert!(
            line.len() <= MAX_LINE_OCTETS,
            "{} octets: {line:?}",
            line.len()
        );
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
    }
}

/// Strings mixing ASCII, accents, emoji, CJK, and the characters that need escaping.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => any::<char>().prop_filter("no ASCII controls", |c| !c.is_ascii_control()),
            1 => prop::sample::select(vec!['\n', ',', ';', '\\', ':', '"', 'é', '😀', '漢', ' ', '\t']),
        ],
        0..160,
    )
    .prop_map(|v| v.into_iter().collect())
}

fn sample_card() -> BusinessCard {
    BusinessCard {
        given_name: "Zoé".into(),
        family_name: "Lefèvre-Dupont".into(),
        formatted_name: String::new(),
        title: Some("Directrice export, Asie; Japon".into()),
        organization: Some("Vins & Co\\Bordeaux".into()),
        email: Some("zoe@example.fr".into()),
        phone: Some("+33 5 56 00 00 00".into()),
        website: Some("https://example.fr/a,b;c".into()),
    }
}

#[test]
fn vcard_structure() {
    let doc = vcard(&sample_card()).unwrap();
    assert_physical_lines(&doc);
    let lines = content_lines(&doc);
    let names: Vec<&str> = lines.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "BEGIN",
            "VERSION",
            "FN",
            "N",
            "TITLE",
            "ORG",
            "EMAIL;TYPE=work",
            "TEL;VALUE=uri;TYPE=work,voice",
            "URL",
            "END"
        ]
    );
    assert_eq!(value(&lines, "VERSION"), Some("4.0"));
    assert_eq!(value(&lines, "FN"), Some("Zoé Lefèvre-Dupont"));
    assert_eq!(value(&lines, "N"), Some("Lefèvre-Dupont;Zoé;;;"));
    assert_eq!(
        value(&lines, "TITLE"),
        Some("Directrice export\\, Asie\\; Japon")
    );
    assert_eq!(value(&lines, "ORG"), Some("Vins & Co\\\\Bordeaux"));
    assert_eq!(value(&lines, "TEL"), Some("tel:+33-5-56-00-00-00"));
    assert_eq!(value(&lines, "URL"), Some("https://example.fr/a,b;c"));
}

#[test]
fn vcard_optional_fields_and_errors() {
    let minimal = BusinessCard {
        formatted_name: "Ada".into(),
        ..Default::default()
    };
    let doc = vcard(&minimal).unwrap();
    assert_eq!(
        doc,
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada\r\nN:;;;;\r\nEND:VCARD\r\n"
    );
    assert_eq!(vcard(&BusinessCard::default()), Err(CardError::EmptyName));
    let mut c = sample_card();
    c.phone = Some("ext. 12".into());
    assert!(matches!(vcard(&c), Err(CardError::InvalidPhone(_))));
    let mut c = sample_card();
    c.website = Some("https://a b".into());
    assert!(matches!(vcard(&c), Err(CardError::InvalidUrl(_))));
}

#[test]
fn long_values_fold_without_splitting_characters() {
    let mut c = sample_card();
    c.title = Some("Responsable 🌍 développement international — ".repeat(6));
    let doc = vcard(&c).unwrap();
    assert_physical_lines(&doc);
    assert!(doc.contains("\r\n "), "expected a folded line");
    let lines = content_lines(&doc);
    assert_eq!(
        unescape_text(value(&lines, "TITLE").unwrap()),
        c.title.unwrap()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn vcard_round_trip(
        given in text(), family in text(), title in text(), org in text(), email in text(),
    ) {
        let card = BusinessCard {
            given_name: given.clone(),
            family_name: family.clone(),
            formatted_name: format!("{given} {family}!"),
            title: Some(title.clone()),
            organization: Some(org.clone()),
            email: Some(email.clone()),
            phone: None,
            website: None,
        };
        let doc = vcard(&card).unwrap();
        assert_physical_lines(&doc);
        let lines = content_lines(&doc);
        prop_assert_eq!(unescape_text(value(&lines, "FN").unwrap()), format!("{given} {family}!"));
        let n = split_structured(value(&lines, "N").unwrap());
        prop_assert_eq!(n.len(), 5);
        prop_assert_eq!(&n[0], &family);
        prop_assert_eq!(&n[1], &given);
        let opt = |name: &str| value(&lines, name).map(unescape_text).unwrap_or_default();
        prop_assert_eq!(opt("TITLE"), title);
        prop_assert_eq!(split_structured(value(&lines, "ORG").unwrap_or("")).join(";"), org);
        prop_assert_eq!(opt("EMAIL"), email);
    }

    #[test]
    fn ical_round_trip(summary in text(), location in text(), description in text(), id in text()) {
        let agenda = Agenda {
            event_id: id.clone(),
            dtstamp: DateTime::new(2025, 1, 2, 3, 4),
            meetings: vec![AgendaMeeting {
                a: id.clone(),
                b: "guest".into(),
                slot: 7,
                start: DateTime::new(2025, 6, 12, 9, 0),
                end: DateTime::new(2025, 6, 12, 9, 20),
                summary: summary.clone(),
                location: location.clone(),
                description: description.clone(),
            }],
        };
        let doc = icalendar(&agenda).unwrap();
        assert_physical_lines(&doc);
        let lines = content_lines(&doc);
        let opt = |name: &str| value(&lines, name).map(unescape_text).unwrap_or_default();
        prop_assert_eq!(opt("SUMMARY"), summary);
        prop_assert_eq!(opt("LOCATION"), location);
        prop_assert_eq!(opt("DESCRIPTION"), description);
        prop_assert_eq!(opt("UID"), meeting_uid(&id, &id, "guest", 7));
        prop_assert!(opt("UID").is_ascii());
    }
}

fn sample_agenda() -> Agenda {
    let m = |b: &str, slot: u32, h: u8, mi: u8| AgendaMeeting {
        a: "acme".into(),
        b: b.into(),
        slot,
        start: DateTime::new(2025, 10, 26, h, mi),
        end: DateTime::new(2025, 10, 26, h, mi + 20),
        summary: format!("Rendez-vous avec {b}"),
        location: "Table Asie, n°3".into(),
        description: "Ordre du jour :\n- vins; spiritueux\n- logistique".into(),
    };
    Agenda {
        event_id: "tremplin-2025".into(),
        dtstamp: DateTime::parse_basic("20251001T120000Z").unwrap(),
        meetings: vec![m("amb-jp", 0, 9, 0), m("buyer-kr", 1, 9, 30)],
    }
}

#[test]
fn ical_structure() {
    let doc = icalendar(&sample_agenda()).unwrap();
    assert_physical_lines(&doc);
    let lines = content_lines(&doc);
    assert_eq!(lines[0], ("BEGIN".into(), "VCALENDAR".into()));
    assert_eq!(lines.last().unwrap(), &("END".into(), "VCALENDAR".into()));
    assert_eq!(value(&lines, "VERSION"), Some("2.0"));
    assert_eq!(value(&lines, "PRODID"), Some(PRODID));
    assert_eq!(value(&lines, "CALSCALE"), Some("GREGORIAN"));
    assert_eq!(value(&lines, "METHOD"), Some("PUBLISH"));
    // Components are balanced and properly nested.
    let mut stack = Vec::new();
    for (n, v) in &lines {
        match n.as_str() {
            "BEGIN" => stack.push(v.clone()),
            "END" => assert_eq!(stack.pop().as_deref(), Some(v.as_str())),
            _ => assert!(!stack.is_empty()),
        }
    }
    assert!(stack.is_empty());
    let count = |v: &str| lines.iter().filter(|l| l.0 == "BEGIN" && l.1 == v).count();
    assert_eq!((count("VTIMEZONE"), count("VEVENT")), (1, 2));
    assert_eq!((count("DAYLIGHT"), count("STANDARD")), (1, 1));
    let uids: Vec<&str> = lines
        .iter()
        .filter(|l| l.0 == "UID")
        .map(|l| l.1.as_str())
        .collect();
    assert_eq!(
        uids,
        [
            "tremplin%2D2025-acme-amb%2Djp-0@tremplin",
            "tremplin%2D2025-acme-buyer%2Dkr-1@tremplin"
        ]
    );
    assert_eq!(value(&lines, "DTSTAMP"), Some("20251001T120000Z"));
    assert_eq!(
        value(&lines, "DTSTART;TZID=Europe/Paris"),
        Some("20251026T090000")
    );
    assert_eq!(value(&lines, "DTEND"), Some("20251026T092000"));
    assert_eq!(value(&lines, "LOCATION"), Some("Table Asie\\, n°3"));
    assert_eq!(
        value(&lines, "DESCRIPTION"),
        Some("Ordre du jour :\\n- vins\\; spiritueux\\n- logistique")
    );
    assert!(doc.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"));
    assert!(doc.contains("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"));
    // Deterministic.
    assert_eq!(doc, icalendar(&sample_agenda()).unwrap());
}

#[test]
fn ical_errors() {
    let mut a = sample_agenda();
    a.meetings[1].end = a.meetings[1].start;
    assert!(matches!(
        icalendar(&a),
        Err(CalendarError::EndBeforeStart { index: 1, .. })
    ));
    let mut a = sample_agenda();
    a.meetings[0].start.day = 31;
    a.meetings[0].start.month = 11;
    assert!(matches!(
        icalendar(&a),
        Err(CalendarError::InvalidTime { index: 0, .. })
    ));
    let mut a = sample_agenda();
    a.dtstamp.hour = 24;
    assert!(matches!(icalendar(&a), Err(CalendarError::InvalidStamp(_))));
    let empty = Agenda {
        meetings: vec![],
        ..sample_agenda()
    };
    let doc = icalendar(&empty).unwrap();
    assert!(!doc.contains("VEVENT"));
}
