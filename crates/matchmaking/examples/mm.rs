//! Command-line harness for measurements:
//!
//! ```text
//! mm generate <params.json|preset> <out.json>      presets: amb53, any400, bip4000
//! mm solve <instance.json> <schedule.json> [seconds] [seed] [greedy|lns|exact|konig|auto]
//! mm check <instance.json> <schedule.json>
//! mm reschedule <instance.json> <schedule.json> <noshow-fraction> <from-slot> <out.json> [seconds]
//! ```

use std::time::{Duration, Instant};
use tremplin_matchmaking::*;

fn preset(name: &str) -> Option<GenParams> {
    let base = GenParams::default();
    Some(match name {
        "amb53" => GenParams {
            participants: 53,
            structure: Structure::Ambassador { hosts: 13 },
            slots: 19,
            table_factor: 1.15,
            mean_requests: 3.0,
            zipf: 0.5,
            half_day: 0.3,
            ..base
        },
        "any400" => GenParams {
            participants: 400,
            structure: Structure::AnyToAny,
            slots: 12,
            ..base
        },
        "any400tight" => GenParams {
            participants: 400,
            structure: Structure::AnyToAny,
            slots: 12,
            zipf: 0.8,
            mean_requests: 6.0,
            table_factor: 0.9,
            blocked: 0.05,
            ..base
        },
        "bip4000" => GenParams {
            participants: 4000,
            structure: Structure::Bipartite,
            slots: 16,
            mean_requests: 8.0,
            ..base
        },
        "bip4000full" => GenParams {
            participants: 4000,
            structure: Structure::Bipartite,
            slots: 16,
            mean_requests: 8.0,
            half_day: 0.0,
            ..base
        },
        "any4000" => GenParams {
            participants: 4000,
            structure: Structure::AnyToAny,
            slots: 16,
            mean_requests: 8.0,
            ..base
        },
        _ => return None,
    })
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize| args.get(i).map(String::as_str);
    match arg(1) {
        Some("generate") => {
            let (Some(src), Some(out)) = (arg(2), arg(3)) else {
                return usage();
            };
            let mut g = match preset(src) {
                Some(g) => g,
                None => serde_json::from_str(&read(src)).expect("params JSON"),
            };
            if let Some(seed) = arg(4) {
                g.seed = seed.parse().expect("seed");
            }
            let inst = generate(&g);
            std::fs::write(out, inst.to_json()).expect("write");
            println!(
                "generated {} participants, {} requests, T={}, K={}, {} locked",
                inst.participants.len(),
                inst.requests.len(),
                inst.slots,
                inst.tables,
                inst.locked.len()
            );
        }
        Some("solve") => {
            let (Some(inp), Some(out)) = (arg(2), arg(3)) else {
                return usage();
            };
            let secs: f64 = arg(4).map_or(2.0, |s| s.parse().expect("seconds"));
            let seed: u64 = arg(5).map_or(1, |s| s.parse().expect("seed"));
            let inst = Instance::from_json(&read(inp)).expect("instance JSON");
            let t0 = Instant::now();
            let p = match inst.validate() {
                Ok(p) => p,
                Err(errs) => {
                    errs.iter().for_each(|e| eprintln!("error: {e}"));
                    std::process::exit(2);
                }
            };
            let budget = Budget::new(Duration::from_secs_f64(secs), seed);
            let sol = match arg(6).unwrap_or("auto") {
                "greedy" => Greedy.solve(&p, &budget, None),
                "lns" => Lns.solve(&p, &budget, None),
                "exact" => Exact::default().solve(&p, &budget, None),
                "konig" => Konig.solve(&p, &budget, None),
                _ => auto_solve(&p, &budget, None),
            };
            let el = t0.elapsed();
            std::fs::write(out, sol.schedule.to_json()).expect("write");
            let ratio = if sol.bound > 0 {
                sol.weight as f64 / sol.bound as f64 * 100.0
            } else {
                100.0
            };
            println!(
                "method={} weight={} bound={} ({ratio:.3}% of bound) optimal={} meetings={} unplaced={} iterations={} time={:.3}s",
                sol.method,
                sol.weight,
                sol.bound,
                sol.optimal,
                sol.meetings,
                sol.unplaced.len(),
                sol.iterations,
                el.as_secs_f64()
            );
            report(&inst, &sol.schedule);
        }
        Some("check") => {
            let (Some(inp), Some(sch)) = (arg(2), arg(3)) else {
                return usage();
            };
            let inst = Instance::from_json(&read(inp)).expect("instance JSON");
            let s = Schedule::from_json(&read(sch)).expect("schedule JSON");
            report(&inst, &s);
        }
        Some("reschedule") => {
            let (Some(inp), Some(sch), Some(frac), Some(from), Some(out)) =
                (arg(2), arg(3), arg(4), arg(5), arg(6))
            else {
                return usage();
            };
            let secs: f64 = arg(7).map_or(1.0, |s| s.parse().expect("seconds"));
            let inst = Instance::from_json(&read(inp)).expect("instance JSON");
            let cur = Schedule::from_json(&read(sch)).expect("schedule JSON");
            let frac: f64 = frac.parse().expect("fraction");
            let from: u32 = from.parse().expect("slot");
            let mut rng = Rng::new(7);
            let absent: Vec<String> = inst
                .participants
                .iter()
                .filter(|_| rng.chance(frac))
                .map(|p| p.id.clone())
                .collect();
            let t0 = Instant::now();
            let p = inst.validate().expect("valid instance");
            let c = Cancellations {
                participants: absent.clone(),
                meetings: vec![],
            };
            let r = reschedule(
                &p,
                &cur,
                &c,
                from,
                &Budget::new(Duration::from_secs_f64(secs), 1),
            )
            .expect("reschedule");
            let el = t0.elapsed();
            std::fs::write(out, r.solution.schedule.to_json()).expect("write");
            println!(
                "absent={} removed={} added={} weight={} bound={} iterations={} time={:.3}s",
                absent.len(),
                r.removed.len(),
                r.added.len(),
                r.solution.weight,
                r.solution.bound,
                r.solution.iterations,
                el.as_secs_f64()
            );
            report(&inst, &r.solution.schedule);
        }
        _ => usage(),
    }
}

fn report(inst: &Instance, s: &Schedule) {
    match check(inst, s) {
        Ok(st) => println!("check: OK {}", serde_json::to_string(&st).expect("stats")),
        Err(v) => {
            println!("check: {} violations", v.len());
            for x in v.iter().take(20) {
                println!("  {x}");
            }
            std::process::exit(1);
        }
    }
}

fn usage() {
    eprintln!("usage: see the doc comment of examples/mm.rs");
    std::process::exit(2);
}
