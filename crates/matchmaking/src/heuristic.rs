//! Greedy construction with Kempe-style repair, then large-neighbourhood search.
//!
//! * Greedy: requests by weight (desc), then scarcity (fewest common slots), then a
//!   seeded random tie-break; each goes to the feasible slot that adds the fewest idle
//!   gaps (ties: least-loaded slot). If no slot is free, a *repair* tries each common
//!   slot, ejects the meetings blocking it and re-places them elsewhere (a short
//!   alternating chain, as in Vizing/Kempe recolouring); the change is undone if any
//!   ejected meeting cannot be re-placed.
//! * LNS (Kristiansen et al. style): destroy the meetings of a few random people, of
//!   a person with an unplaced request and the partners blocking it, or of a slot
//!   window around a person; repair by randomised greedy (allowing a heavier request
//!   to evict lighter ones); accept when the lexicographic objective (weight, people
//!   met, −idle gaps) does not get worse, else roll back.
//!
//! Reproducibility: decisions only use the seeded RNG. The clock is read only every
//! [`BATCH`] iterations to stop; with `Budget::max_iterations` set (and a generous
//! time limit) the result is identical on every machine.

use crate::model::Problem;
use crate::rng::Rng;
use crate::state::{NONE, State};
use std::time::Instant;

/// Iterations between clock checks.
pub const BATCH: u64 = 64;

pub(crate) struct Search<'p> {
    pub st: State<'p>,
    pub rng: Rng,
    tabu: Vec<u32>,
    stamp: Vec<u32>,
    rstamp: Vec<u32>,
    epoch: u32,
    ejected: Vec<u32>,
    /// Prefer gap-minimising slots (true) or least-loaded slots (false).
    gap_first: bool,
}

/// Stop rule for [`Search::lns`].
pub(crate) struct Stop {
    pub deadline: Instant,
    pub max_iterations: Option<u64>,
    /// Known upper bound: when reached, stop after `stall` non-improving iterations.
    pub bound: u64,
    pub stall: u64,
}

impl<'p> Search<'p> {
    pub fn new(st: State<'p>, seed: u64) -> Self {
        let n = st.p.participants();
        let r = st.p.requests();
        Search {
            st,
            rng: Rng::new(seed),
            tabu: Vec::new(),
            stamp: vec![0; n],
            rstamp: vec![0; r],
            epoch: 0,
            ejected: Vec::new(),
            gap_first: true,
        }
    }

    fn p(&self) -> &'p Problem {
        self.st.p
    }

    fn span(&self, x: u32) -> Option<(i64, i64)> {
        let t = self.st.t;
        let row = &self.st.busy[x as usize * t..(x as usize + 1) * t];
        let f = row.iter().position(|&r| r != NONE)?;
        let l = row.iter().rposition(|&r| r != NONE)?;
        Some((f as i64, l as i64))
    }

    /// Feasible slot with the best (gap, load) score, random tie-break.
    fn best_slot(&mut self, r: u32) -> Option<u32> {
        let q = self.p().reqs[r as usize];
        let (sa, sb) = (self.span(q.a), self.span(q.b));
        let delta = |sp: Option<(i64, i64)>, s: i64| match sp {
            None => 0,
            Some((f, _)) if s < f => f - s - 1,
            Some((_, l)) if s > l => s - l - 1,
            Some(_) => -1,
        };
        let mut best: Option<(i64, i64, u32)> = None;
        let mut ties = 0usize;
        for t in 0..self.p().slots {
            if !self.st.can_place(r, t) {
                continue;
            }
            let g = delta(sa, i64::from(t)) + delta(sb, i64::from(t));
            let l = i64::from(self.st.load[t as usize]);
            let key = if self.gap_first { (g, l) } else { (l, g) };
            match best {
                Some((k0, k1, _)) if (key.0, key.1) > (k0, k1) => {}
                Some((k0, k1, _)) if (key.0, key.1) == (k0, k1) => {
                    ties += 1;
                    if self.rng.below(ties + 1) == 0 {
                        best = Some((key.0, key.1, t));
                    }
                }
                _ => {
                    best = Some((key.0, key.1, t));
                    ties = 0;
                }
            }
        }
        best.map(|b| b.2)
    }

    fn movable(&self, m: u32) -> bool {
        !self.st.frozen[m as usize] && !self.tabu.contains(&m)
    }

    /// Places `r` directly or by a repair chain of depth `depth`; with `eject`, may
    /// evict strictly lighter blockers (they go to `self.ejected`).
    pub fn insert(&mut self, r: u32, depth: u32, eject: bool) -> bool {
        if let Some(t) = self.best_slot(r) {
            self.st.place(r, t);
            return true;
        }
        if depth == 0 {
            return false;
        }
        let p = self.p();
        let q = p.reqs[r as usize];
        let t_n = p.slots as usize;
        let start = self.rng.below(t_n);
        let mut evict: Option<(u64, u32)> = None;
        for k in 0..t_n {
            let t = ((start + k) % t_n) as u32;
            if !p.is_common(r, t) {
                continue;
            }
            let (ba, bb) = (self.st.at(q.a, t), self.st.at(q.b, t));
            let blockers: Vec<u32> = [ba, bb].into_iter().filter(|&m| m != NONE).collect();
            if blockers.is_empty() || !blockers.iter().all(|&m| self.movable(m)) {
                continue;
            }
            let mark = self.st.mark();
            for &m in &blockers {
                self.st.unplace(m);
            }
            if !self.st.can_place(r, t) {
                self.st.rollback(mark);
                continue;
            }
            self.st.place(r, t);
            self.tabu.push(r);
            let ok = blockers.iter().all(|&m| self.insert(m, depth - 1, false));
            self.tabu.pop();
            if ok {
                return true;
            }
            self.st.rollback(mark);
            if eject {
                let w: u64 = blockers
                    .iter()
                    .map(|&m| u64::from(p.reqs[m as usize].w))
                    .sum();
                if w < u64::from(q.w) && evict.is_none_or(|(bw, _)| w < bw) {
                    evict = Some((w, t));
                }
            }
        }
        if let Some((_, t)) = evict {
            for x in [q.a, q.b] {
                let m = self.st.at(x, t);
                if m != NONE {
                    self.st.unplace(m);
                    self.ejected.push(m);
                }
            }
            self.st.place(r, t);
            return true;
        }
        false
    }

    /// Greedy construction over all free requests.
    pub fn greedy(&mut self, depth: u32) {
        let p = self.p();
        let mut order: Vec<(u32, u32, u64, u32)> = (0..p.requests() as u32)
            .filter(|&r| self.st.slot_of[r as usize] == NONE && p.common_count(r) > 0)
            .map(|r| {
                (
                    p.reqs[r as usize].w,
                    p.common_count(r),
                    self.rng.next_u64(),
                    r,
                )
            })
            .collect();
        order.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        for (_, _, _, r) in order {
            self.insert(r, depth, false);
        }
        self.st.commit();
    }

    fn next_epoch(&mut self) {
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.stamp.iter_mut().for_each(|s| *s = 0);
            self.rstamp.iter_mut().for_each(|s| *s = 0);
            self.epoch = 1;
        }
    }

    fn random_unplaced(&mut self, prefer_unmet: bool) -> Option<u32> {
        let p = self.p();
        let nr = p.requests();
        if nr == 0 {
            return None;
        }
        for _ in 0..24 {
            let r = self.rng.below(nr) as u32;
            if self.st.slot_of[r as usize] != NONE || p.common_count(r) == 0 {
                continue;
            }
            let q = p.reqs[r as usize];
            if prefer_unmet && self.st.deg[q.a as usize] > 0 && self.st.deg[q.b as usize] > 0 {
                continue;
            }
            return Some(r);
        }
        None
    }

    /// One LNS move; returns true if the objective strictly improved.
    fn lns_step(&mut self) -> bool {
        let p = self.p();
        let n = p.participants();
        if n < 2 || p.requests() == 0 {
            return false;
        }
        self.next_epoch();
        let ep = self.epoch;
        let before = self.st.score();
        let mark = self.st.mark();
        let mut people: Vec<u32> = Vec::new();
        let mut window = (0u32, p.slots);
        let mut target = None;
        let op = self.rng.below(8);
        self.gap_first = self.rng.chance(0.6);
        match op {
            0..=3 => {
                if let Some(r) = self.random_unplaced(op == 3) {
                    target = Some(r);
                    let q = p.reqs[r as usize];
                    people.extend([q.a, q.b]);
                    for t in 0..p.slots {
                        if p.is_common(r, t) {
                            for x in [q.a, q.b] {
                                let m = self.st.at(x, t);
                                if m != NONE && self.rng.chance(0.5) {
                                    people.push(p.other(m, x));
                                }
                            }
                        }
                    }
                }
            }
            4 | 5 => {
                let x = self.rng.below(n) as u32;
                let w = 1 + self.rng.below(3) as u32;
                let t0 = self.rng.below(p.slots as usize) as u32;
                window = (t0, (t0 + w).min(p.slots));
                people.push(x);
                for t in window.0..window.1 {
                    let m = self.st.at(x, t);
                    if m != NONE {
                        let y = p.other(m, x);
                        people.push(y);
                        for t2 in window.0..window.1 {
                            let m2 = self.st.at(y, t2);
                            if m2 != NONE {
                                people.push(p.other(m2, y));
                            }
                        }
                    }
                }
            }
            _ => {}
        }
        if people.is_empty() {
            let k = 1 + self.rng.below(3);
            for _ in 0..k {
                people.push(self.rng.below(n) as u32);
            }
        }
        people.retain(|&x| {
            let fresh = self.stamp[x as usize] != ep;
            self.stamp[x as usize] = ep;
            fresh
        });
        // Destroy.
        for &x in &people {
            for t in window.0..window.1 {
                let m = self.st.at(x, t);
                if m != NONE && !self.st.frozen[m as usize] {
                    self.st.unplace(m);
                }
            }
        }
        // Candidates: free requests incident to destroyed people.
        let mut cand: Vec<(u64, u32)> = Vec::new();
        let mut push = |s: &mut Self, r: u32, bonus: u64| {
            if s.rstamp[r as usize] != ep
                && s.st.slot_of[r as usize] == NONE
                && !s.st.frozen[r as usize]
                && p.common_count(r) > 0
            {
                s.rstamp[r as usize] = ep;
                let q = p.reqs[r as usize];
                let unmet = u64::from(s.st.deg[q.a as usize] == 0 || s.st.deg[q.b as usize] == 0);
                let key = (u64::from(q.w) << 40)
                    | (bonus << 39)
                    | (unmet << 38)
                    | (s.rng.next_u64() >> 26);
                cand.push((key, r));
            }
        };
        if let Some(r) = target {
            push(self, r, 1);
        }
        for &x in &people {
            for &r in &p.inc[x as usize] {
                push(self, r, 0);
            }
        }
        cand.sort_unstable_by(|a, b| b.cmp(a));
        let mut queue: Vec<u32> = cand.into_iter().map(|c| c.1).rev().collect();
        let mut budget = queue.len() * 2 + 8;
        while let Some(r) = queue.pop() {
            if self.st.slot_of[r as usize] != NONE {
                continue;
            }
            self.insert(r, 1, true);
            for m in self.ejected.drain(..) {
                if budget > 0 {
                    budget -= 1;
                    queue.insert(0, m);
                }
            }
        }
        let after = self.st.score();
        if after >= before {
            self.st.commit();
            after > before
        } else {
            self.st.rollback(mark);
            self.st.commit();
            false
        }
    }

    /// Runs LNS until the stop rule fires; returns the number of iterations.
    pub fn lns(&mut self, stop: &Stop) -> u64 {
        let mut it = 0u64;
        let mut stall = 0u64;
        loop {
            if stop.max_iterations.is_some_and(|m| it >= m) {
                break;
            }
            if it.is_multiple_of(BATCH) && Instant::now() >= stop.deadline {
                break;
            }
            if self.st.weight >= stop.bound && stall >= stop.stall {
                break;
            }
            if self.lns_step() {
                stall = 0;
            } else {
                stall += 1;
            }
            it += 1;
        }
        it
    }
}
