//! Round-table seating and pitch running order: validation, explanations,
//! capacities, fixed seats, optimality against brute force, determinism.

use tremplin_matchmaking::*;

fn table(id: &str, capacity: u32, countries: &[&str]) -> Table {
    Table {
        id: id.into(),
        label: format!("Table {id}"),
        capacity,
        guests: countries
            .iter()
            .enumerate()
            .map(|(i, c)| Guest {
                id: format!("{id}-g{i}"),
                country: (*c).into(),
            })
            .collect(),
    }
}
fn company(id: &str, targets: &[&str]) -> Company {
    Company {
        id: id.into(),
        targets: targets.iter().map(|s| (*s).into()).collect(),
    }
}
fn fixed(company: &str, table: &str) -> FixedSeat {
    FixedSeat {
        company: company.into(),
        table: table.into(),
    }
}
fn seat_of<'a>(s: &'a Seating, company: &str) -> &'a Seat {
    s.seats.iter().find(|x| x.company == company).unwrap()
}

#[test]
fn seats_by_target_with_reasons() {
    let input = SeatingInput {
        tables: vec![
            table("eu", 2, &["DE", "it"]),
            table("asia", 2, &["JP", "KR"]),
            table("am", 2, &["US"]),
        ],
        companies: vec![
            company("a", &["JP"]),
            company("b", &["de", "IT", "BR"]),
            company("c", &[]),
            company("d", &["BR"]),
            company("e", &["US"]),
        ],
        fixed: vec![fixed("e", "eu")],
    };
    let s = seat(&input).unwrap();
    assert!(s.unseated.is_empty());
    let order: Vec<&str> = s.seats.iter().map(|x| x.company.as_str()).collect();
    assert_eq!(order, ["a", "b", "c", "d", "e"]);
    assert_eq!(seat_of(&s, "a").table, "asia");
    assert_eq!(
        seat_of(&s, "a").reason,
        SeatReason::Targets(vec!["JP".into()])
    );
    assert_eq!(seat_of(&s, "b").table, "eu");
    assert_eq!(seat_of(&s, "b").matched_countries, ["DE", "IT"]);
    assert_eq!(seat_of(&s, "c").reason, SeatReason::Undecided);
    assert_eq!(seat_of(&s, "d").reason, SeatReason::NoTargetAvailable);
    let e = seat_of(&s, "e");
    assert_eq!((e.table.as_str(), &e.reason), ("eu", &SeatReason::Fixed));
    assert!(e.matched_countries.is_empty());
    // c and d are undecided/unmatched: balance sends them to the emptier tables.
    let score = s.score();
    assert_eq!(score.max_load, 2);
    assert_eq!(score.matched_companies, 2);
    assert_eq!(score.matched_countries, 3);
}

#[test]
fn balances_loads() {
    let input = SeatingInput {
        tables: vec![table("x", 10, &["FR"]), table("y", 10, &["FR"])],
        companies: (0..7).map(|i| company(&format!("c{i}"), &[])).collect(),
        fixed: vec![],
    };
    let s = seat(&input).unwrap();
    let x = s.at_table("x").count();
    assert!(x == 3 || x == 4, "{x}");
    assert_eq!(s.score().max_load, 4);
}

#[test]
fn not_enough_seats_reports_unseated() {
    let input = SeatingInput {
        tables: vec![table("t", 2, &["FR"]), table("u", 0, &[])],
        companies: vec![
            company("a", &[]),
            company("b", &["FR"]),
            company("c", &[]),
            company("d", &["FR"]),
        ],
        fixed: vec![],
    };
    let s = seat(&input).unwrap();
    assert_eq!(s.seats.len(), 2);
    // Matching companies win the scarce seats.
    assert!(s.seats.iter().all(|x| x.company == "b" || x.company == "d"));
    assert_eq!(
        s.unseated,
        vec![
            Unseated {
                company: "a".into(),
                reason: UnseatedReason::NoSeatLeft
            },
            Unseated {
                company: "c".into(),
                reason: UnseatedReason::NoSeatLeft
            },
        ]
    );
}

#[test]
fn input_errors_name_the_entry() {
    let base = || SeatingInput {
        tables: vec![table("t", 1, &["FR"]), table("u", 1, &["DE"])],
        companies: vec![company("a", &["FR"]), company("b", &[])],
        fixed: vec![],
    };
    let mut i = base();
    i.tables.push(table("t", 3, &[]));
    assert_eq!(
        seat(&i),
        Err(SeatingError::DuplicateTable {
            id: "t".into(),
            first: 0,
            second: 2
        })
    );
    let mut i = base();
    i.companies.push(company("a", &[]));
    assert!(matches!(seat(&i), Err(SeatingError::DuplicateCompany { id, .. }) if id == "a"));
    let mut i = base();
    i.fixed.push(fixed("a", "nowhere"));
    let err = seat(&i).unwrap_err();
    assert!(matches!(&err, SeatingError::UnknownFixedTable { table, .. } if table == "nowhere"));
    assert!(err.to_string().contains("nowhere"));
    let mut i = base();
    i.fixed.push(fixed("zz", "t"));
    assert!(matches!(
        seat(&i),
        Err(SeatingError::UnknownFixedCompany { .. })
    ));
    let mut i = base();
    i.fixed = vec![fixed("a", "t"), fixed("a", "u")];
    assert!(matches!(seat(&i), Err(SeatingError::DuplicateFixed { .. })));
    let mut i = base();
    i.fixed = vec![fixed("a", "t"), fixed("b", "t")];
    assert_eq!(
        seat(&i),
        Err(SeatingError::FixedOverCapacity {
            table: "t".into(),
            capacity: 1,
            fixed: 2
        })
    );
    let mut i = base();
    i.companies[1].targets = vec!["France".into()];
    assert!(matches!(seat(&i), Err(SeatingError::InvalidCountry { code, .. }) if code == "France"));
    let mut i = base();
    i.tables[1].guests[0].id = "t-g0".into();
    assert!(matches!(seat(&i), Err(SeatingError::DuplicateGuest { .. })));
}

#[test]
fn empty_input() {
    let s = seat(&SeatingInput {
        tables: vec![],
        companies: vec![],
        fixed: vec![],
    })
    .unwrap();
    assert_eq!(s, Seating::default());
    let s = seat(&SeatingInput {
        tables: vec![],
        companies: vec![company("a", &["FR"])],
        fixed: vec![],
    })
    .unwrap();
    assert_eq!(s.unseated.len(), 1);
}

const COUNTRIES: [&str; 4] = ["FR", "DE", "JP", "US"];

fn random_input(rng: &mut Rng) -> SeatingInput {
    let nt = 1 + rng.below(3);
    let nc = rng.below(7);
    let tables: Vec<Table> = (0..nt)
        .map(|t| {
            let guests: Vec<&str> = (0..rng.below(3)).map(|_| COUNTRIES[rng.below(4)]).collect();
            table(&format!("t{t}"), rng.below(4) as u32, &guests)
        })
        .collect();
    let companies: Vec<Company> = (0..nc)
        .map(|c| {
            let targets: Vec<&str> = (0..rng.below(3)).map(|_| COUNTRIES[rng.below(4)]).collect();
            company(&format!("c{c}"), &targets)
        })
        .collect();
    let mut fixed_seats = Vec::new();
    let mut room: Vec<u32> = tables.iter().map(|t| t.capacity).collect();
    for c in &companies {
        if rng.chance(0.15) {
            let t = rng.below(nt);
            if room[t] > 0 {
                room[t] -= 1;
                fixed_seats.push(fixed(&c.id, &tables[t].id));
            }
        }
    }
    SeatingInput {
        tables,
        companies,
        fixed: fixed_seats,
    }
}

/// Best (seated, matched companies, matched countries, -Σload²) and, among the
/// assignments optimal on the first three levels, the smallest maximum load.
fn brute_force(input: &SeatingInput) -> ((usize, usize, usize, i64), u32) {
    let nt = input.tables.len();
    let zones: Vec<_> = input.tables.iter().map(Table::countries).collect();
    let matched = |c: &Company, t: usize| {
        let mut v: Vec<String> = c.targets.iter().map(|s| s.to_ascii_uppercase()).collect();
        v.sort();
        v.dedup();
        v.iter().filter(|x| zones[t].contains(*x)).count()
    };
    let fixed_to = |c: &Company| {
        input
            .fixed
            .iter()
            .find(|f| f.company == c.id)
            .map(|f| input.tables.iter().position(|t| t.id == f.table).unwrap())
    };
    let n = input.companies.len();
    let mut choice = vec![0usize; n]; // nt = unseated
    let mut best: Option<(usize, usize, usize, i64)> = None;
    let mut best_max: Vec<((usize, usize, usize), u32)> = Vec::new();
    loop {
        let mut loads = vec![0u32; nt];
        let mut ok = true;
        let (mut seated, mut mc, mut mn) = (0, 0, 0);
        for (i, c) in input.companies.iter().enumerate() {
            let t = fixed_to(c).unwrap_or(choice[i]);
            if fixed_to(c).is_some() && choice[i] != 0 {
                ok = false; // enumerate fixed companies once
            }
            if t < nt {
                loads[t] += 1;
                seated += 1;
                let m = matched(c, t);
                mc += usize::from(m > 0);
                mn += m;
            }
        }
        for (t, l) in loads.iter().enumerate() {
            ok &= *l <= input.tables[t].capacity;
        }
        if ok {
            let sq: i64 = loads.iter().map(|&l| i64::from(l * l)).sum();
            let key = (seated, mc, mn, -sq);
            if best.is_none_or(|b| key > b) {
                best = Some(key);
            }
            best_max.push(((seated, mc, mn), loads.iter().copied().max().unwrap_or(0)));
        }
        // next choice vector
        let mut i = 0;
        loop {
            if i == n {
                let b = best.unwrap();
                let min_max = best_max
                    .iter()
                    .filter(|(k, _)| *k == (b.0, b.1, b.2))
                    .map(|&(_, m)| m)
                    .min()
                    .unwrap();
                return (b, min_max);
            }
            choice[i] += 1;
            if choice[i] <= nt {
                break;
            }
            choice[i] = 0;
            i += 1;
        }
    }
}

#[test]
fn optimal_against_brute_force_and_feasible() {
    let mut rng = Rng::new(2024);
    for case in 0..400 {
        let input = random_input(&mut rng);
        let s = seat(&input).unwrap();
        // Feasibility: every company exactly once, capacities, fixed seats kept.
        assert_eq!(s.seats.len() + s.unseated.len(), input.companies.len());
        for t in &input.tables {
            assert!(
                s.at_table(&t.id).count() <= t.capacity as usize,
                "case {case}"
            );
        }
        for f in &input.fixed {
            let st = seat_of(&s, &f.company);
            assert_eq!(
                (st.table.as_str(), &st.reason),
                (f.table.as_str(), &SeatReason::Fixed)
            );
        }
        let total: u32 = input.tables.iter().map(|t| t.capacity).sum();
        assert_eq!(s.seats.len(), input.companies.len().min(total as usize));
        // Optimality (all four levels) and the min-max-load claim.
        let (best, min_max) = brute_force(&input);
        let sc = s.score();
        assert_eq!(
            (
                sc.seated,
                sc.matched_companies,
                sc.matched_countries,
                -(sc.load_squares as i64)
            ),
            best,
            "case {case}: {input:?}\n{s:?}"
        );
        assert_eq!(sc.max_load, min_max, "case {case}");
    }
}

#[test]
fn deterministic_and_json_round_trip() {
    let mut rng = Rng::new(7);
    for _ in 0..50 {
        let input = random_input(&mut rng);
        let json = serde_json::to_string(&input).unwrap();
        let back: SeatingInput = serde_json::from_str(&json).unwrap();
        let a = seat(&input).unwrap();
        let b = seat(&back).unwrap();
        assert_eq!(a, b);
        let out: Seating = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        assert_eq!(out, a);
    }
}

#[test]
fn larger_instance_is_fast_enough_and_full() {
    // 300 companies, 12 tables: the O(n²m) Hungarian stays well under a second.
    let countries = [
        "FR", "DE", "JP", "US", "CN", "BR", "IN", "MA", "SN", "CA", "GB", "IT",
    ];
    let tables: Vec<Table> = (0..12)
        .map(|t| {
            table(
                &format!("t{t}"),
                26,
                &[countries[t], countries[(t + 5) % 12]],
            )
        })
        .collect();
    let companies: Vec<Company> = (0..300)
        .map(|c| {
            company(
                &format!("c{c:03}"),
                &[countries[c % 12], countries[(c * 7) % 12]],
            )
        })
        .collect();
    let s = seat(&SeatingInput {
        tables,
        companies,
        fixed: vec![],
    })
    .unwrap();
    assert_eq!(s.seats.len(), 300);
    assert_eq!(s.score().matched_companies, 300);
    assert_eq!(s.score().max_load, 25);
}

// ---- pitch running order ----

fn seated(company: &str, matched: &[&str]) -> Seat {
    Seat {
        company: company.into(),
        table: "t".into(),
        matched_countries: matched.iter().map(|s| (*s).into()).collect(),
        reason: SeatReason::Undecided,
    }
}

#[test]
fn pitch_order_matched_first_then_id() {
    let seats = [
        seated("zeta", &[]),
        seated("beta", &["FR"]),
        seated("alpha", &[]),
        seated("gamma", &["JP"]),
    ];
    let p = PitchParams {
        buffer: 2,
        ..PitchParams::at(14, 0)
    };
    let order = pitch_order(&seats, p).unwrap();
    let names: Vec<&str> = order.iter().map(|e| e.company.as_str()).collect();
    assert_eq!(names, ["beta", "gamma", "alpha", "zeta"]);
    let times: Vec<(String, String)> = order
        .iter()
        .map(|e| (e.start_hhmm(), e.end_hhmm()))
        .collect();
    assert_eq!(
        times,
        [
            ("14:00".into(), "14:05".into()),
            ("14:07".into(), "14:12".into()),
            ("14:14".into(), "14:19".into()),
            ("14:21".into(), "14:26".into()),
        ]
    );
}

#[test]
fn pitch_errors_and_edges() {
    let seats = [seated("a", &[]), seated("b", &[])];
    let zero = PitchParams {
        slot: 0,
        ..PitchParams::default()
    };
    assert_eq!(pitch_order(&seats, zero), Err(PitchError::ZeroSlot));
    // Ends exactly at midnight: fine.
    let ok = pitch_order(&seats, PitchParams::at(23, 50)).unwrap();
    assert_eq!(ok[1].end_hhmm(), "24:00");
    let late = PitchParams {
        buffer: 1,
        ..PitchParams::at(23, 50)
    };
    assert_eq!(
        pitch_order(&seats, late),
        Err(PitchError::PastMidnight {
            company: "b".into(),
            end: 1441
        })
    );
    assert!(matches!(
        pitch_order(&seats, PitchParams::at(24, 0)),
        Err(PitchError::InvalidStart { .. })
    ));
    assert_eq!(pitch_order(&[], PitchParams::default()), Ok(vec![]));
    assert_eq!(PitchParams::default().slot, 5);
}

#[test]
fn pitch_order_from_a_seating() {
    let input = SeatingInput {
        tables: vec![table("eu", 5, &["DE"])],
        companies: vec![company("b", &[]), company("a", &[]), company("c", &["DE"])],
        fixed: vec![],
    };
    let s = seat(&input).unwrap();
    let order = pitch_order(s.at_table("eu"), PitchParams::at(9, 30)).unwrap();
    let names: Vec<&str> = order.iter().map(|e| e.company.as_str()).collect();
    assert_eq!(names, ["c", "a", "b"]);
    assert_eq!((order[2].start, order[2].end), (9 * 60 + 40, 9 * 60 + 45));
}
