//! Behavioural tests: validation, checker, solvers, bound, König, locked meetings,
//! rescheduling, determinism and robustness (property tests). No timed assertions.

use proptest::prelude::*;
use std::time::Duration;
use tremplin_matchmaking::*;

fn part(id: &str, available: &[u32]) -> Participant {
    Participant {
        id: id.into(),
        available: available.to_vec(),
    }
}
fn req(a: &str, b: &str, weight: u32) -> Request {
    Request {
        a: a.into(),
        b: b.into(),
        weight,
    }
}
fn lock(a: &str, b: &str, slot: u32) -> Locked {
    Locked {
        a: a.into(),
        b: b.into(),
        slot,
        table: None,
    }
}
fn meet(a: &str, b: &str, slot: u32, table: u32) -> Meeting {
    Meeting {
        a: a.into(),
        b: b.into(),
        slot,
        table,
    }
}

fn small() -> Instance {
    Instance {
        slots: 3,
        tables: 2,
        participants: vec![
            part("x", &[0, 1, 2]),
            part("y", &[0, 1, 2]),
            part("z", &[1, 2]),
        ],
        requests: vec![req("x", "y", 3), req("x", "z", 1), req("y", "z", 5)],
        locked: vec![],
    }
}

fn errors(i: &Instance) -> Vec<InputError> {
    i.validate().expect_err("instance should be invalid")
}

#[test]
fn json_shape() {
    let mut i = small();
    i.locked.push(lock("x", "y", 0));
    let v: serde_json::Value = serde_json::from_str(&i.to_json()).unwrap();
    assert_eq!(v["slots"], 3);
    assert_eq!(v["participants"][2]["available"], serde_json::json!([1, 2]));
    assert_eq!(
        v["requests"][0],
        serde_json::json!({"a": "x", "b": "y", "weight": 3})
    );
    assert_eq!(
        v["locked"][0],
        serde_json::json!({"a": "x", "b": "y", "slot": 0})
    );
    let without: Instance = serde_json::from_str(
        r#"{"slots":1,"tables":1,"participants":[{"id":"a","available":[0]}],"requests":[]}"#,
    )
    .unwrap();
    assert!(without.locked.is_empty());
    let s = Schedule {
        meetings: vec![meet("x", "y", 0, 1)],
    };
    assert_eq!(
        s.to_json().replace([' ', '\n'], ""),
        r#"{"meetings":[{"a":"x","b":"y","slot":0,"table":1}]}"#
    );
}

#[test]
fn validator_names_each_problem() {
    let mut i = small();
    i.slots = 0;
    i.tables = 0;
    let e = errors(&i);
    assert!(e.contains(&InputError::ZeroSlots) && e.contains(&InputError::ZeroTables));

    let mut i = small();
    i.participants.push(part("x", &[]));
    assert!(
        matches!(&errors(&i)[..], [InputError::DuplicateParticipant { id, first: 0, second: 3 }] if id == "x")
    );

    let mut i = small();
    i.participants[2].available.push(7);
    assert!(
        matches!(&errors(&i)[..], [InputError::AvailabilityOutOfRange { participant, slot: 7 }] if participant == "z")
    );

    let mut i = small();
    i.requests.push(req("x", "ghost", 1));
    assert!(
        matches!(&errors(&i)[..], [InputError::UnknownParticipant { entry, id }] if id == "ghost" && entry.contains("#3"))
    );

    let mut i = small();
    i.requests.push(req("z", "z", 1));
    assert!(matches!(&errors(&i)[..], [InputError::SelfMeeting { id, .. }] if id == "z"));

    let mut i = small();
    i.requests.push(req("y", "x", 1));
    assert!(matches!(
        &errors(&i)[..],
        [InputError::DuplicateRequest {
            first: 0,
            second: 3,
            ..
        }]
    ));

    let mut i = small();
    i.requests[1].weight = 0;
    assert!(
        matches!(&errors(&i)[..], [InputError::ZeroWeight { index: 1, a, b }] if a == "x" && b == "z")
    );

    let mut i = small();
    i.requests.remove(0);
    i.locked.push(lock("x", "y", 0));
    assert!(matches!(
        &errors(&i)[..],
        [InputError::LockedNotRequested { index: 0, .. }]
    ));

    let mut i = small();
    i.locked.push(lock("x", "y", 9));
    assert!(matches!(
        &errors(&i)[..],
        [InputError::LockedSlotOutOfRange { slot: 9, .. }]
    ));

    let mut i = small();
    i.locked.push(lock("x", "z", 0));
    assert!(
        matches!(&errors(&i)[..], [InputError::LockedUnavailable { who, slot: 0, .. }] if who == "z")
    );

    let mut i = small();
    i.locked.push(lock("x", "y", 1));
    i.locked.push(lock("x", "z", 1));
    assert!(
        matches!(&errors(&i)[..], [InputError::LockedDoubleBooked { participant, slot: 1, first: 0, second: 1 }] if participant == "x")
    );

    let mut i = small();
    i.tables = 1;
    i.participants.push(part("w", &[0, 1, 2]));
    i.requests.push(req("z", "w", 1));
    i.locked.push(lock("x", "y", 1));
    i.locked.push(lock("z", "w", 1));
    assert!(matches!(
        &errors(&i)[..],
        [InputError::LockedOverCapacity {
            slot: 1,
            count: 2,
            tables: 1
        }]
    ));

    let mut i = small();
    i.locked.push(lock("x", "y", 1));
    i.locked.push(lock("x", "y", 2));
    assert!(matches!(
        &errors(&i)[..],
        [InputError::DuplicateLocked {
            first: 0,
            second: 1,
            ..
        }]
    ));

    // Errors are displayable and name the entry.
    let mut i = small();
    i.requests.push(req("x", "ghost", 1));
    assert!(errors(&i)[0].to_string().contains("ghost"));
}

#[test]
fn checker_catches_violations() {
    let mut i = small();
    i.participants.push(part("w", &[0, 1, 2]));
    i.locked.push(lock("y", "z", 2));
    let good = Schedule {
        meetings: vec![meet("x", "y", 0, 0), meet("y", "z", 2, 0)],
    };
    let st = check(&i, &good).unwrap();
    assert_eq!(
        (
            st.meetings,
            st.total_weight,
            st.requesters_met,
            st.idle_gaps
        ),
        (2, 8, 3, 1)
    );

    let bad = |ms: Vec<Meeting>| check(&i, &Schedule { meetings: ms }).unwrap_err();
    let lz = meet("y", "z", 2, 0);
    assert!(
        matches!(&bad(vec![lz.clone(), meet("x", "q", 0, 0)])[..], [Violation::UnknownParticipant { id, .. }] if id == "q")
    );
    assert!(matches!(
        &bad(vec![lz.clone(), meet("x", "x", 0, 0)])[..],
        [Violation::SelfMeeting { .. }]
    ));
    assert!(matches!(
        &bad(vec![lz.clone(), meet("x", "w", 0, 0)])[..],
        [Violation::NotRequested { .. }]
    ));
    assert!(
        bad(vec![lz.clone(), meet("x", "y", 5, 0)])
            .iter()
            .any(|v| matches!(v, Violation::SlotOutOfRange { slot: 5, .. }))
    );
    assert!(matches!(
        &bad(vec![lz.clone(), meet("x", "y", 0, 4)])[..],
        [Violation::TableOutOfRange { table: 4, .. }]
    ));
    assert!(bad(vec![lz.clone(), meet("x", "z", 2, 1)]).iter().any(
        |v| matches!(v, Violation::DoubleBooked { participant, slot: 2, .. } if participant == "z")
    ));
    assert!(
        matches!(&bad(vec![lz.clone(), meet("x", "z", 0, 1)])[..], [Violation::Unavailable { participant, .. }] if participant == "z")
    );
    assert!(
        bad(vec![lz.clone(), meet("x", "y", 2, 0)])
            .iter()
            .any(|v| matches!(
                v,
                Violation::TableClash {
                    slot: 2,
                    table: 0,
                    ..
                }
            ))
    );
    assert!(
        bad(vec![lz.clone(), meet("x", "y", 0, 0), meet("y", "x", 1, 0)])
            .iter()
            .any(|v| matches!(v, Violation::DuplicateMeeting { .. }))
    );
    assert!(matches!(
        &bad(vec![])[..],
        [Violation::LockedMissing { .. }]
    ));
    assert!(matches!(
        &bad(vec![meet("y", "z", 1, 0)])[..],
        [Violation::LockedMoved { slot: 1, .. }]
    ));
}

fn params(n: u32, s: Structure, seed: u64) -> GenParams {
    GenParams {
        participants: n,
        structure: s,
        slots: 6,
        table_factor: 1.0,
        mean_requests: 3.0,
        zipf: 0.8,
        half_day: 0.3,
        blocked: 0.1,
        locked: 0.05,
        seed,
    }
}

fn solvers() -> Vec<(&'static str, Box<dyn Solver>)> {
    vec![
        ("greedy", Box::new(Greedy)),
        ("lns", Box::new(Lns)),
        ("exact", Box::new(Exact { max_nodes: 200_000 })),
        ("konig", Box::new(Konig)),
        ("auto", Box::new(Auto::default())),
    ]
}

#[test]
fn every_solver_output_passes_check() {
    for (k, s) in [
        Structure::AnyToAny,
        Structure::Bipartite,
        Structure::Bipartite3To1,
        Structure::Ambassador { hosts: 5 },
    ]
    .into_iter()
    .enumerate()
    {
        let inst = generate(&params(30, s, k as u64));
        let p = inst.validate().unwrap();
        for (name, solver) in solvers() {
            let sol = solver.solve(&p, &Budget::iterations(300, 3), None);
            let st = check(&inst, &sol.schedule).unwrap_or_else(|v| panic!("{name}: {v:?}"));
            assert_eq!(st.total_weight, sol.weight, "{name}");
            assert_eq!(st.meetings, sol.meetings, "{name}");
            assert!(sol.bound >= sol.weight);
            assert_eq!(sol.unplaced.len(), inst.requests.len() - sol.meetings);
            // Warm start from its own output never loses weight.
            let again = Lns.solve(&p, &Budget::iterations(50, 4), Some(&sol.schedule));
            check(&inst, &again.schedule).unwrap();
            assert!(again.weight >= sol.weight, "{name}");
        }
    }
}

/// Random tiny instance from a seed (may contain no requests, nobody available…).
fn tiny(seed: u64, n: usize, slots: u32, tables: u32, density: f64, avail: f64) -> Instance {
    let mut r = tremplin_matchmaking::Rng::new(seed);
    let participants = (0..n)
        .map(|i| {
            part(
                &format!("p{i}"),
                &(0..slots).filter(|_| r.chance(avail)).collect::<Vec<_>>(),
            )
        })
        .collect();
    let mut requests = vec![];
    for a in 0..n {
        for b in a + 1..n {
            if r.chance(density) {
                requests.push(req(
                    &format!("p{a}"),
                    &format!("p{b}"),
                    1 + r.below(5) as u32,
                ));
            }
        }
    }
    Instance {
        slots,
        tables,
        participants,
        requests,
        locked: vec![],
    }
}

/// Exhaustive optimum: every request gets a slot or nothing.
fn brute(inst: &Instance) -> u64 {
    let t = inst.slots as usize;
    let idx = |id: &str| inst.participants.iter().position(|p| p.id == id).unwrap();
    let rq: Vec<(usize, usize, u64)> = inst
        .requests
        .iter()
        .map(|r| (idx(&r.a), idx(&r.b), u64::from(r.weight)))
        .collect();
    let av = |p: usize, s: usize| inst.participants[p].available.contains(&(s as u32));
    fn rec(
        i: usize,
        rq: &[(usize, usize, u64)],
        busy: &mut Vec<Vec<bool>>,
        load: &mut Vec<u32>,
        k: u32,
        av: &dyn Fn(usize, usize) -> bool,
    ) -> u64 {
        if i == rq.len() {
            return 0;
        }
        let mut best = rec(i + 1, rq, busy, load, k, av);
        let (a, b, w) = rq[i];
        for s in 0..load.len() {
            if load[s] < k && av(a, s) && av(b, s) && !busy[a][s] && !busy[b][s] {
                busy[a][s] = true;
                busy[b][s] = true;
                load[s] += 1;
                best = best.max(w + rec(i + 1, rq, busy, load, k, av));
                busy[a][s] = false;
                busy[b][s] = false;
                load[s] -= 1;
            }
        }
        best
    }
    rec(
        0,
        &rq,
        &mut vec![vec![false; t]; inst.participants.len()],
        &mut vec![0; t],
        inst.tables,
        &av,
    )
}

#[test]
fn exact_matches_brute_force_and_bound_is_valid() {
    let mut r = tremplin_matchmaking::Rng::new(99);
    for seed in 0..120 {
        let n = 3 + r.below(4);
        let inst = tiny(
            seed,
            n,
            1 + r.below(3) as u32,
            1 + r.below(2) as u32,
            0.6,
            0.7,
        );
        if inst.requests.len() > 8 {
            continue;
        }
        let p = inst.validate().unwrap();
        let opt = brute(&inst);
        let ex = Exact::default().solve(&p, &Budget::iterations(100, seed), None);
        let gr = Greedy.solve(&p, &Budget::iterations(0, seed), None);
        check(&inst, &ex.schedule).unwrap();
        assert!(ex.optimal, "seed {seed}");
        assert_eq!(ex.weight, opt, "seed {seed}: exact vs brute force");
        assert!(ex.weight >= gr.weight);
        assert!(
            upper_bound(&p) >= opt,
            "seed {seed}: bound {} < optimum {opt}",
            upper_bound(&p)
        );
    }
}

#[test]
fn bound_is_valid_on_larger_random_instances() {
    for seed in 0..20 {
        let inst = tiny(seed, 9, 3, 2, 0.35, 0.6);
        let p = inst.validate().unwrap();
        let ex = Exact::default().solve(&p, &Budget::iterations(200, seed), None);
        if ex.optimal {
            assert!(upper_bound(&p) >= ex.weight, "seed {seed}");
        }
    }
}

#[test]
fn konig_reaches_the_bound() {
    for seed in 0..5 {
        let g = GenParams {
            participants: 60 + 20 * seed as u32,
            structure: if seed % 2 == 0 {
                Structure::Bipartite
            } else {
                Structure::Bipartite3To1
            },
            slots: 5,
            table_factor: 0.9,
            mean_requests: 4.0,
            zipf: 0.8,
            half_day: 0.0,
            blocked: 0.0,
            locked: 0.0,
            seed,
        };
        let inst = generate(&g);
        let p = inst.validate().unwrap();
        let sol = Konig.solve(&p, &Budget::iterations(100, seed), None);
        assert_eq!(sol.method, "konig");
        check(&inst, &sol.schedule).unwrap();
        assert!(sol.optimal);
        assert_eq!(sol.weight, upper_bound(&p), "seed {seed}");
        let lns = Lns.solve(&p, &Budget::iterations(200, seed), None);
        assert!(lns.weight <= sol.weight);
    }
}

#[test]
fn locked_meetings_are_kept_with_tables() {
    let mut inst = generate(&GenParams {
        locked: 0.1,
        ..params(40, Structure::AnyToAny, 5)
    });
    assert!(!inst.locked.is_empty());
    inst.locked[0].table = Some(inst.tables - 1);
    let p = inst.validate().unwrap();
    for (name, solver) in solvers() {
        let sol = solver.solve(&p, &Budget::iterations(200, 1), None);
        check(&inst, &sol.schedule).unwrap_or_else(|v| panic!("{name}: {v:?}"));
        for l in &inst.locked {
            assert!(
                sol.schedule
                    .meetings
                    .iter()
                    .any(|m| m.a == l.a && m.b == l.b && m.slot == l.slot)
            );
        }
    }
}

#[test]
fn unplaced_reasons() {
    let inst = Instance {
        slots: 2,
        tables: 1,
        participants: vec![
            part("a", &[0]),
            part("b", &[1]),
            part("c", &[0, 1]),
            part("d", &[0, 1]),
            part("e", &[0, 1]),
        ],
        requests: vec![
            req("a", "b", 1),
            req("c", "d", 1),
            req("c", "e", 1),
            req("d", "e", 1),
        ],
        locked: vec![lock("c", "d", 0)],
    };
    let p = inst.validate().unwrap();
    let sol = auto_solve(&p, &Budget::iterations(50, 1), None);
    check(&inst, &sol.schedule).unwrap();
    let reason = |a: &str, b: &str| {
        sol.unplaced
            .iter()
            .find(|u| u.a == a && u.b == b)
            .map(|u| u.reason)
    };
    assert_eq!(reason("a", "b"), Some(Reason::NoCommonSlot));
    assert_eq!(sol.weight, 2);
    // One of c–e / d–e is placed at slot 1; the other is blocked.
    let other = reason("c", "e").or(reason("d", "e")).unwrap();
    assert!(matches!(
        other,
        Reason::LockedConflict | Reason::ParticipantBooked | Reason::NoFreeTable
    ));
}

#[test]
fn reschedule_keeps_locked_and_past_meetings() {
    let inst = generate(&GenParams {
        locked: 0.05,
        ..params(80, Structure::AnyToAny, 11)
    });
    let p = inst.validate().unwrap();
    let sol = auto_solve(&p, &Budget::iterations(300, 2), None);
    let absent: Vec<String> = inst
        .participants
        .iter()
        .step_by(7)
        .map(|x| x.id.clone())
        .collect();
    let from = 2;
    let cancel = Cancellations {
        participants: absent.clone(),
        meetings: vec![],
    };
    let r = reschedule(
        &p,
        &sol.schedule,
        &cancel,
        from,
        &Budget::iterations(200, 3),
    )
    .unwrap();
    check(&inst, &r.solution.schedule).unwrap();
    let new = &r.solution.schedule.meetings;
    for m in &sol.schedule.meetings {
        let is_locked = inst
            .locked
            .iter()
            .any(|l| (l.a == m.a && l.b == m.b) || (l.a == m.b && l.b == m.a));
        let gone = absent.contains(&m.a) || absent.contains(&m.b);
        if m.slot < from || is_locked || !gone {
            assert!(new.contains(m), "moved or dropped {m:?}");
        } else {
            assert!(!new.contains(m) && r.removed.contains(m));
        }
    }
    for m in &r.added {
        assert!(m.slot >= from && !absent.contains(&m.a) && !absent.contains(&m.b));
    }
    // Cancelling a meeting by pair frees exactly that meeting if it is in the future.
    let m = sol
        .schedule
        .meetings
        .iter()
        .find(|m| m.slot >= from && !inst.locked.iter().any(|l| l.a == m.a && l.b == m.b))
        .unwrap();
    let c = Cancellations {
        participants: vec![],
        meetings: vec![(m.b.clone(), m.a.clone())],
    };
    let r2 = reschedule(&p, &sol.schedule, &c, from, &Budget::iterations(100, 3)).unwrap();
    assert_eq!(r2.removed, vec![m.clone()]);
    check(&inst, &r2.solution.schedule).unwrap();
    let bad = Cancellations {
        participants: vec!["nobody".into()],
        meetings: vec![],
    };
    assert!(matches!(
        reschedule(&p, &sol.schedule, &bad, from, &Budget::iterations(10, 3)),
        Err(RescheduleError::UnknownParticipant(_))
    ));
}

#[test]
fn deterministic_for_a_seed() {
    let g = params(120, Structure::AnyToAny, 8);
    let (i1, i2) = (generate(&g), generate(&g));
    assert_eq!(i1.to_json(), i2.to_json());
    assert_ne!(
        i1.to_json(),
        generate(&GenParams {
            seed: 9,
            ..g.clone()
        })
        .to_json()
    );
    let p = i1.validate().unwrap();
    for (name, s) in solvers() {
        let a = s.solve(&p, &Budget::iterations(400, 5), None);
        let b = s.solve(&p, &Budget::iterations(400, 5), None);
        assert_eq!(a.schedule, b.schedule, "{name}");
    }
}

#[test]
fn edge_cases_do_not_panic() {
    let empty = Instance {
        slots: 1,
        tables: 1,
        participants: vec![],
        requests: vec![],
        locked: vec![],
    };
    let p = empty.validate().unwrap();
    let s = auto_solve(&p, &Budget::new(Duration::from_millis(50), 1), None);
    assert_eq!((s.weight, s.bound, s.optimal), (0, 0, true));
    let nobody = Instance {
        slots: 4,
        tables: 2,
        participants: vec![part("a", &[]), part("b", &[])],
        requests: vec![req("a", "b", 2)],
        locked: vec![],
    };
    let p = nobody.validate().unwrap();
    let s = auto_solve(&p, &Budget::new(Duration::from_millis(50), 1), None);
    assert_eq!(s.unplaced[0].reason, Reason::NoCommonSlot);
    assert_eq!(s.bound, 0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn random_instances_never_panic(seed in 0u64..1_000_000, n in 0usize..12, slots in 1u32..5, tables in 1u32..4,
                                    density in 0.0f64..1.0, avail in 0.0f64..1.0) {
        let inst = tiny(seed, n, slots, tables, density, avail);
        let p = inst.validate().unwrap();
        let bound = upper_bound(&p);
        for (name, s) in solvers() {
            let sol = s.solve(&p, &Budget::iterations(60, seed), None);
            let st = check(&inst, &sol.schedule);
            prop_assert!(st.is_ok(), "{} {:?}", name, st);
            prop_assert!(sol.weight <= bound, "{} weight {} > bound {}", name, sol.weight, bound);
        }
        if inst.requests.len() <= 7 {
            let ex = Exact::default().solve(&p, &Budget::iterations(60, seed), None);
            prop_assert_eq!(ex.weight, brute(&inst));
        }
    }
}
