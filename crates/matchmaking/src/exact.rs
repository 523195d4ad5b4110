//! Exact branch-and-bound on total weight for small events (pure Rust, no LP).
//!
//! Requests are branched in order of decreasing weight: each feasible slot, then
//! "not scheduled". Empty slots with identical availability columns are
//! interchangeable, so only the first is tried (symmetry breaking). The node bound
//! is current weight + the heaviest still-placeable remaining requests, capped by
//! the number of free table-slots. Search starts from the LNS incumbent and stops
//! at once if it already equals the capacity bound.

use crate::state::{NONE, State};
use std::time::Instant;

pub(crate) struct Bb<'s, 'p> {
    st: &'s mut State<'p>,
    order: Vec<u32>,
    class: Vec<u32>,
    pub best: u64,
    pub best_slots: Option<Vec<u32>>,
    nodes: u64,
    max_nodes: u64,
    deadline: Instant,
    pub aborted: bool,
}

impl<'s, 'p> Bb<'s, 'p> {
    pub fn new(st: &'s mut State<'p>, incumbent: u64, max_nodes: u64, deadline: Instant) -> Self {
        let p = st.p;
        let mut order: Vec<u32> = (0..p.requests() as u32)
            .filter(|&r| {
                st.slot_of[r as usize] == NONE && !st.frozen[r as usize] && p.common_count(r) > 0
            })
            .collect();
        order.sort_by_key(|&r| {
            (
                std::cmp::Reverse(p.reqs[r as usize].w),
                p.common_count(r),
                r,
            )
        });
        // Slot classes: identical availability of every participant.
        let t_n = p.slots as usize;
        let mut class = vec![0u32; t_n];
        for t in 0..t_n {
            class[t] = t as u32;
            for t2 in 0..t {
                if (0..p.participants() as u32)
                    .all(|x| p.is_avail(x, t as u32) == p.is_avail(x, t2 as u32))
                {
                    class[t] = class[t2];
                    break;
                }
            }
        }
        Bb {
            st,
            order,
            class,
            best: incumbent,
            best_slots: None,
            nodes: 0,
            max_nodes,
            deadline,
            aborted: false,
        }
    }

    fn bound(&self, i: usize) -> u64 {
        let free: u64 = self
            .st
            .load
            .iter()
            .map(|&l| u64::from(self.st.p.tables - l))
            .sum();
        let mut ub = self.st.weight;
        let mut taken = 0u64;
        for &r in &self.order[i..] {
            if taken >= free {
                break;
            }
            if (0..self.st.p.slots).any(|t| self.st.can_place(r, t)) {
                ub += u64::from(self.st.p.reqs[r as usize].w);
                taken += 1;
            }
        }
        ub
    }

    pub fn run(&mut self, i: usize) {
        if self.aborted {
            return;
        }
        self.nodes += 1;
        if self.nodes > self.max_nodes
            || (self.nodes.is_multiple_of(1024) && Instant::now() >= self.deadline)
        {
            self.aborted = true;
            return;
        }
        if self.st.weight > self.best {
            self.best = self.st.weight;
            self.best_slots = Some(self.st.slot_of.clone());
        }
        if i == self.order.len() || self.bound(i) <= self.best {
            return;
        }
        let r = self.order[i];
        let mut tried_empty: Vec<u32> = Vec::new();
        for t in 0..self.st.p.slots {
            if !self.st.can_place(r, t) {
                continue;
            }
            if self.st.load[t as usize] == 0 {
                let c = self.class[t as usize];
                if tried_empty.contains(&c) {
                    continue;
                }
                tried_empty.push(c);
            }
            let mark = self.st.mark();
            self.st.place(r, t);
            self.run(i + 1);
            self.st.rollback(mark);
            if self.aborted {
                return;
            }
        }
        self.run(i + 1);
    }
}
