//! Capacity upper bound on the total weight (docs/MATCHMAKING.md §3.4).
//!
//! Relaxation: forget which slot a meeting takes; keep only (1) each participant
//! meets at most as many times as they have *useful* free slots (available, not
//! taken by a fixed meeting, and shared with at least one partner), (2) at most
//! `Σ_t min(free tables at t, ⌊people usable at t / 2⌋)` meetings in total, and
//! (3) each request at most once. The fractional optimum of this b-matching LP is
//! half the integral max-weight flow on the bipartite double cover (every request
//! a–b becomes arcs a_L→b_R and b_L→a_R), so no LP solver is needed. Fixed
//! (locked / kept) meetings are counted with their weight. Every feasible schedule
//! satisfies (1)–(3), hence the bound is valid.

use crate::flow::Flow;
use crate::model::Problem;
use crate::state::{NONE, State};

/// Upper bound on the total weight of any valid schedule of `p`.
pub fn upper_bound(p: &Problem) -> u64 {
    bound_with(&State::new(p))
}

/// Bound for schedules that keep every frozen meeting of `st` (locked, past, kept).
pub(crate) fn bound_with(st: &State) -> u64 {
    let p = st.p;
    let n = p.participants();
    let t_n = p.slots as usize;
    let fixed: u64 = (0..p.requests())
        .filter(|&r| st.frozen[r] && st.slot_of[r] != NONE)
        .map(|r| u64::from(p.reqs[r].w))
        .sum();
    let mut frozen_load = vec![0u32; t_n];
    for r in 0..p.requests() {
        if st.frozen[r] && st.slot_of[r] != NONE {
            frozen_load[st.slot_of[r] as usize] += 1;
        }
    }
    // Useful slots per person: union of common slots of free requests, minus frozen-busy slots.
    let mut useful = vec![false; n * t_n];
    let mut open = Vec::new();
    for (r, q) in p.reqs.iter().enumerate() {
        if st.frozen[r] {
            continue;
        }
        let mut any = false;
        for t in 0..p.slots {
            if !p.is_common(r as u32, t) {
                continue;
            }
            let busy = |x: u32| {
                let m = st.at(x, t);
                m != NONE && st.frozen[m as usize]
            };
            if busy(q.a) || busy(q.b) || frozen_load[t as usize] >= p.tables {
                continue;
            }
            any = true;
            useful[q.a as usize * t_n + t as usize] = true;
            useful[q.b as usize * t_n + t as usize] = true;
        }
        if any {
            open.push(r);
        }
    }
    let mut total_cap = 0i64;
    for t in 0..t_n {
        let people = (0..n).filter(|&x| useful[x * t_n + t]).count() as i64;
        total_cap += (i64::from(p.tables - frozen_load[t])).min(people / 2);
    }
    let cap: Vec<i64> = (0..n)
        .map(|x| {
            useful[x * t_n..(x + 1) * t_n]
                .iter()
                .filter(|&&u| u)
                .count() as i64
        })
        .collect();
    let (s, s2, sink) = (0, 1, 2 + 2 * n);
    let mut f = Flow::new(3 + 2 * n);
    f.add(s, s2, 2 * total_cap, 0);
    for (x, &c) in cap.iter().enumerate() {
        if c > 0 {
            f.add(s2, 2 + x, c, 0);
            f.add(2 + n + x, sink, c, 0);
        }
    }
    for &r in &open {
        let q = p.reqs[r];
        let w = i64::from(q.w);
        f.add(2 + q.a as usize, 2 + n + q.b as usize, 1, -w);
        f.add(2 + q.b as usize, 2 + n + q.a as usize, 1, -w);
    }
    let (_, cost) = f.max_profit(s, sink);
    fixed + (-cost / 2) as u64
}
