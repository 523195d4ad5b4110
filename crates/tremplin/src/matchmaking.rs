//! `tremplin matchmaking generate|solve|check`: the scheduler on JSON files, for organisers
//! and benchmarks. Instances and schedules use the documented JSON format (README, issue 6).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::{Subcommand, ValueEnum};
use tremplin_matchmaking::{
    Budget, GenParams, Instance, Schedule, Structure, auto_solve, check, generate,
};

#[derive(Subcommand, Debug)]
pub enum MatchmakingCmd {
    /// Write a seeded benchmark instance (docs/MATCHMAKING.md §7 parameters) as JSON.
    Generate {
        #[arg(long, default_value_t = 400)]
        participants: u32,
        #[arg(long, value_enum, default_value = "any-to-any")]
        structure: StructureArg,
        /// Hosts (guests) for the ambassador structure.
        #[arg(long, default_value_t = 13)]
        hosts: u32,
        #[arg(long, default_value_t = 12)]
        slots: u32,
        /// Tables K = ceil(requests / slots × factor).
        #[arg(long, default_value_t = 1.15)]
        table_factor: f64,
        #[arg(long, default_value_t = 4.0)]
        mean_requests: f64,
        /// Zipf exponent of the popularity of targets (0 = uniform).
        #[arg(long, default_value_t = 0.5)]
        zipf: f64,
        /// Fraction of participants present half the day only.
        #[arg(long, default_value_t = 0.3)]
        half_day: f64,
        /// Fraction of (participant, slot) pairs blocked at random (scattered unavailability).
        #[arg(long, default_value_t = 0.0)]
        blocked: f64,
        /// Fraction of requests pre-fixed as locked meetings.
        #[arg(long, default_value_t = 0.0)]
        locked: f64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Output file (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Schedule an instance: the schedule JSON on stdout; weight, meetings, bound and time on stderr.
    Solve {
        instance: PathBuf,
        /// Seconds the search may take.
        #[arg(long, default_value_t = 2.0)]
        time_limit: f64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Validate a schedule against an instance; every violation named.
    Check {
        instance: PathBuf,
        schedule: PathBuf,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum StructureArg {
    Bipartite,
    #[value(name = "bipartite-3to1")]
    Bipartite3To1,
    Ambassador,
    AnyToAny,
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

fn instance(path: &Path) -> Result<Instance> {
    Instance::from_json(&read(path)?)
        .with_context(|| format!("{} is not an instance (JSON)", path.display()))
}

pub fn run(cmd: MatchmakingCmd) -> Result<()> {
    match cmd {
        MatchmakingCmd::Generate {
            participants,
            structure,
            hosts,
            slots,
            table_factor,
            mean_requests,
            zipf,
            half_day,
            blocked,
            locked,
            seed,
            out,
        } => {
            let structure = match structure {
                StructureArg::Bipartite => Structure::Bipartite,
                StructureArg::Bipartite3To1 => Structure::Bipartite3To1,
                StructureArg::Ambassador => Structure::Ambassador { hosts },
                StructureArg::AnyToAny => Structure::AnyToAny,
            };
            let g = GenParams {
                participants,
                structure,
                slots,
                table_factor,
                mean_requests,
                zipf,
                half_day,
                blocked,
                locked,
                seed,
            };
            let json = generate(&g).to_json();
            match out {
                Some(p) => std::fs::write(&p, json)
                    .with_context(|| format!("cannot write {}", p.display()))?,
                None => println!("{json}"),
            }
            Ok(())
        }
        MatchmakingCmd::Solve {
            instance: path,
            time_limit,
            seed,
        } => {
            if !(time_limit.is_finite() && time_limit > 0.0) {
                bail!("--time-limit must be a positive number of seconds");
            }
            let inst = instance(&path)?;
            let problem = match inst.validate() {
                Ok(p) => p,
                Err(errors) => {
                    for e in &errors {
                        eprintln!("{}: {e}", path.display());
                    }
                    bail!("{} problem(s) in the instance", errors.len());
                }
            };
            let started = Instant::now();
            let sol = auto_solve(
                &problem,
                &Budget::new(Duration::from_secs_f64(time_limit), seed),
                None,
            );
            let elapsed = started.elapsed();
            println!("{}", sol.schedule.to_json());
            eprintln!(
                "weight {} · meetings {} · bound {} (at most {} possible) · {} · method {} · {} ms · unplaced {}",
                sol.weight,
                sol.meetings,
                sol.bound,
                sol.bound,
                if sol.optimal {
                    "optimal"
                } else {
                    "not proven optimal"
                },
                sol.method,
                elapsed.as_millis(),
                sol.unplaced.len()
            );
            Ok(())
        }
        MatchmakingCmd::Check {
            instance: ipath,
            schedule,
        } => {
            let inst = instance(&ipath)?;
            let sched = Schedule::from_json(&read(&schedule)?)
                .with_context(|| format!("{} is not a schedule (JSON)", schedule.display()))?;
            match check(&inst, &sched) {
                Ok(s) => {
                    println!(
                        "schedule OK: {} meetings, weight {}, {} of {} requesters met, {} idle gaps",
                        s.meetings, s.total_weight, s.requesters_met, s.requesters, s.idle_gaps
                    );
                    Ok(())
                }
                Err(v) => {
                    for x in &v {
                        println!("{x}");
                    }
                    bail!("{} violation(s)", v.len())
                }
            }
        }
    }
}
