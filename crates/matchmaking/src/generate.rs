//! Seeded instance generator following the benchmark plan (docs/MATCHMAKING.md §7), so
//! every solver is measured on the same bytes: same parameters and seed → identical
//! JSON. The PRNG is our own SplitMix64 (platform-independent); the only libm call is
//! `powf` for the Zipf weights, so write instances to JSON and share the files when
//! comparing across machines.

use crate::model::{Instance, Locked, Participant, Request};
use crate::rng::Rng;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Who requests whom.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Structure {
    /// Half buyers (`b…`, requesters) and half sellers (`s…`).
    Bipartite,
    /// Three suppliers (`s…`, requesters) per buyer (`b…`).
    Bipartite3To1,
    /// Companies (`c…`, requesters) meet a few hosts/ambassadors (`h…`).
    Ambassador {
        /// Number of hosts.
        hosts: u32,
    },
    /// Everybody (`p…`) may request anybody.
    AnyToAny,
}

/// Generator parameters (see docs/MATCHMAKING.md §7 for the benchmark values).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GenParams {
    /// Number of participants `n`.
    pub participants: u32,
    /// Request structure.
    pub structure: Structure,
    /// Slots `T`.
    pub slots: u32,
    /// Tables `K = ⌈requests / T × f⌉`.
    pub table_factor: f64,
    /// Mean requests per requester (uniform ±50 %).
    pub mean_requests: f64,
    /// Zipf exponent of target popularity (0 = uniform).
    pub zipf: f64,
    /// Fraction of participants present only half the day.
    pub half_day: f64,
    /// Fraction of remaining (participant, slot) pairs blocked at random.
    pub blocked: f64,
    /// Fraction of requests pre-fixed as locked meetings.
    pub locked: f64,
    /// Seed.
    pub seed: u64,
}

impl Default for GenParams {
    fn default() -> Self {
        GenParams {
            participants: 400,
            structure: Structure::AnyToAny,
            slots: 12,
            table_factor: 1.15,
            mean_requests: 4.0,
            zipf: 0.5,
            half_day: 0.3,
            blocked: 0.0,
            locked: 0.0,
            seed: 1,
        }
    }
}

/// Generates an instance (valid by construction).
pub fn generate(g: &GenParams) -> Instance {
    let mut rng = Rng::new(g.seed);
    let n = g.participants.max(2) as usize;
    let t_n = g.slots.max(1);
    // Participant ids and roles: requesters and possible targets.
    let (ids, requesters, targets): (Vec<String>, Vec<usize>, Vec<usize>) = match g.structure {
        Structure::Bipartite | Structure::Bipartite3To1 => {
            let buyers = if matches!(g.structure, Structure::Bipartite) {
                n / 2
            } else {
                n / 4
            }
            .max(1);
            let sellers = n - buyers;
            let mut ids: Vec<String> = (0..buyers).map(|i| format!("b{i:04}")).collect();
            ids.extend((0..sellers).map(|i| format!("s{i:04}")));
            let (bs, ss): (Vec<usize>, Vec<usize>) = ((0..buyers).collect(), (buyers..n).collect());
            if matches!(g.structure, Structure::Bipartite) {
                (ids, bs, ss)
            } else {
                (ids, ss, bs)
            }
        }
        Structure::Ambassador { hosts } => {
            let h = (hosts as usize).clamp(1, n - 1);
            let c = n - h;
            let mut ids: Vec<String> = (0..c).map(|i| format!("c{i:04}")).collect();
            ids.extend((0..h).map(|i| format!("h{i:04}")));
            (ids, (0..c).collect(), (c..n).collect())
        }
        Structure::AnyToAny => (
            (0..n).map(|i| format!("p{i:04}")).collect(),
            (0..n).collect(),
            (0..n).collect(),
        ),
    };
    // Zipf popularity over a random ranking of the targets.
    let mut ranked = targets.clone();
    rng.shuffle(&mut ranked);
    let mut cum = Vec::with_capacity(ranked.len());
    let mut acc = 0.0;
    for i in 0..ranked.len() {
        acc += 1.0 / ((i + 1) as f64).powf(g.zipf);
        cum.push(acc);
    }
    let mut pairs: HashSet<(usize, usize)> = HashSet::new();
    let mut requests = Vec::new();
    for &a in &requesters {
        let want = (g.mean_requests * (0.5 + rng.unit())).round().max(1.0) as usize;
        let want = want.min(targets.len().saturating_sub(1)).max(1);
        let mut got = 0;
        let mut tries = 0;
        while got < want && tries < want * 20 {
            tries += 1;
            let u = rng.unit() * acc;
            let i = cum.partition_point(|&c| c <= u).min(ranked.len() - 1);
            let b = ranked[i];
            let key = (a.min(b), a.max(b));
            if a == b || pairs.contains(&key) {
                continue;
            }
            pairs.insert(key);
            got += 1;
            let u = rng.unit();
            let weight = if u < 0.1 {
                5
            } else if u < 0.4 {
                3
            } else {
                1
            };
            requests.push((a, b, weight));
        }
    }
    let tables = ((requests.len() as f64 / f64::from(t_n) * g.table_factor).ceil() as u32).max(1);
    // Availability.
    let half = t_n / 2;
    let mut avail = vec![vec![true; t_n as usize]; n];
    for row in avail.iter_mut() {
        if rng.chance(g.half_day) {
            let first = rng.chance(0.5);
            for (t, v) in row.iter_mut().enumerate() {
                if (t < half as usize) != first {
                    *v = false;
                }
            }
        }
        for v in row.iter_mut() {
            if *v && rng.chance(g.blocked) {
                *v = false;
            }
        }
    }
    // Locked meetings: random requests at a random feasible slot.
    let mut locked = Vec::new();
    let n_locked = (g.locked * requests.len() as f64).round() as usize;
    if n_locked > 0 {
        let mut order: Vec<usize> = (0..requests.len()).collect();
        rng.shuffle(&mut order);
        let mut busy: HashSet<(usize, u32)> = HashSet::new();
        let mut load = vec![0u32; t_n as usize];
        for &i in &order {
            if locked.len() >= n_locked {
                break;
            }
            let (a, b, _) = requests[i];
            let ok: Vec<u32> = (0..t_n)
                .filter(|&t| {
                    avail[a][t as usize]
                        && avail[b][t as usize]
                        && load[t as usize] < tables
                        && !busy.contains(&(a, t))
                        && !busy.contains(&(b, t))
                })
                .collect();
            if ok.is_empty() {
                continue;
            }
            let t = ok[rng.below(ok.len())];
            busy.insert((a, t));
            busy.insert((b, t));
            load[t as usize] += 1;
            locked.push(Locked {
                a: ids[a].clone(),
                b: ids[b].clone(),
                slot: t,
                table: None,
            });
        }
    }
    Instance {
        slots: t_n,
        tables,
        participants: ids
            .iter()
            .zip(&avail)
            .map(|(id, row)| Participant {
                id: id.clone(),
                available: (0..t_n).filter(|&t| row[t as usize]).collect(),
            })
            .collect(),
        requests: requests
            .into_iter()
            .map(|(a, b, weight)| Request {
                a: ids[a].clone(),
                b: ids[b].clone(),
                weight,
            })
            .collect(),
        locked,
    }
}
