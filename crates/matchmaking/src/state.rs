//! Mutable assignment (request → slot) with incremental objective bookkeeping and
//! an undo log, shared by all solvers. Tables are only numbered at the end: with
//! identical tables any numbering within a slot is valid.

use crate::model::{Meeting, Problem, Schedule};
use crate::solve::{Reason, Unplaced};

pub(crate) const NONE: u32 = u32::MAX;

#[derive(Debug, Clone, Copy)]
enum Op {
    Place(u32),
    Unplace(u32, u32),
}

/// Lexicographic objective: weight, then requesters met, then fewer idle gaps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Score {
    pub weight: u64,
    pub met: u32,
    pub neg_gaps: i64,
}

#[derive(Debug, Clone)]
pub(crate) struct State<'p> {
    pub p: &'p Problem,
    pub t: usize,
    /// `participants × slots` → request index or NONE.
    pub busy: Vec<u32>,
    pub load: Vec<u32>,
    pub slot_of: Vec<u32>,
    /// Requests that must not be moved or removed (locked, past, kept).
    pub frozen: Vec<bool>,
    /// Fixed table per request (locked with table, kept meetings), else NONE.
    pub fixed_table: Vec<u32>,
    pub deg: Vec<u32>,
    pub gaps: Vec<u32>,
    pub weight: u64,
    pub met: u32,
    pub total_gaps: i64,
    pub count: usize,
    log: Vec<Op>,
}

impl<'p> State<'p> {
    pub fn new(p: &'p Problem) -> Self {
        let n = p.participants();
        let t = p.slots as usize;
        let mut s = State {
            p,
            t,
            busy: vec![NONE; n * t],
            load: vec![0; t],
            slot_of: vec![NONE; p.requests()],
            frozen: vec![false; p.requests()],
            fixed_table: vec![NONE; p.requests()],
            deg: vec![0; n],
            gaps: vec![0; n],
            weight: 0,
            met: 0,
            total_gaps: 0,
            count: 0,
            log: Vec::new(),
        };
        for l in &p.locked {
            s.place(l.req, l.slot);
            s.frozen[l.req as usize] = true;
            if let Some(tb) = l.table {
                s.fixed_table[l.req as usize] = tb;
            }
        }
        s.log.clear();
        s
    }

    pub fn score(&self) -> Score {
        Score {
            weight: self.weight,
            met: self.met,
            neg_gaps: -self.total_gaps,
        }
    }

    #[inline]
    pub fn at(&self, person: u32, slot: u32) -> u32 {
        self.busy[person as usize * self.t + slot as usize]
    }

    #[inline]
    pub fn can_place(&self, r: u32, slot: u32) -> bool {
        let q = self.p.reqs[r as usize];
        self.load[slot as usize] < self.p.tables
            && self.p.is_common(r, slot)
            && self.at(q.a, slot) == NONE
            && self.at(q.b, slot) == NONE
    }

    fn person_gaps(&self, x: u32) -> u32 {
        let row = &self.busy[x as usize * self.t..(x as usize + 1) * self.t];
        let f = row.iter().position(|&r| r != NONE);
        let l = row.iter().rposition(|&r| r != NONE);
        match (f, l) {
            (Some(f), Some(l)) => (l - f + 1) as u32 - self.deg[x as usize],
            _ => 0,
        }
    }

    fn refresh(&mut self, x: u32) {
        let g = self.person_gaps(x);
        self.total_gaps += i64::from(g) - i64::from(self.gaps[x as usize]);
        self.gaps[x as usize] = g;
    }

    pub fn place(&mut self, r: u32, slot: u32) {
        let q = self.p.reqs[r as usize];
        debug_assert!(self.slot_of[r as usize] == NONE);
        for x in [q.a, q.b] {
            self.busy[x as usize * self.t + slot as usize] = r;
            self.deg[x as usize] += 1;
            if self.deg[x as usize] == 1 {
                self.met += 1;
            }
        }
        self.refresh(q.a);
        self.refresh(q.b);
        self.load[slot as usize] += 1;
        self.slot_of[r as usize] = slot;
        self.weight += u64::from(q.w);
        self.count += 1;
        self.log.push(Op::Place(r));
    }

    pub fn unplace(&mut self, r: u32) {
        let q = self.p.reqs[r as usize];
        let slot = self.slot_of[r as usize];
        debug_assert!(slot != NONE);
        for x in [q.a, q.b] {
            self.busy[x as usize * self.t + slot as usize] = NONE;
            self.deg[x as usize] -= 1;
            if self.deg[x as usize] == 0 {
                self.met -= 1;
            }
        }
        self.refresh(q.a);
        self.refresh(q.b);
        self.load[slot as usize] -= 1;
        self.slot_of[r as usize] = NONE;
        self.weight -= u64::from(q.w);
        self.count -= 1;
        self.log.push(Op::Unplace(r, slot));
    }

    pub fn mark(&self) -> usize {
        self.log.len()
    }

    /// Undoes every change after `mark`.
    pub fn rollback(&mut self, mark: usize) {
        while self.log.len() > mark {
            match self.log.pop() {
                Some(Op::Place(r)) => {
                    self.unplace(r);
                    self.log.pop();
                }
                Some(Op::Unplace(r, s)) => {
                    self.place(r, s);
                    self.log.pop();
                }
                None => break,
            }
        }
    }

    /// Forgets the undo history (changes are committed).
    pub fn commit(&mut self) {
        self.log.clear();
    }

    /// Loads meetings of a previous schedule where still valid (warm start);
    /// meetings that no longer fit are ignored.
    pub fn load_schedule(&mut self, s: &Schedule, freeze: bool, keep_tables: bool) -> Vec<u32> {
        let index = self.p.id_index();
        let mut loaded = Vec::new();
        for m in &s.meetings {
            let (Some(&a), Some(&b)) = (index.get(m.a.as_str()), index.get(m.b.as_str())) else {
                continue;
            };
            let Some(r) = self.p.request_between(a, b) else {
                continue;
            };
            if m.slot >= self.p.slots {
                continue;
            }
            if self.slot_of[r as usize] != NONE {
                continue;
            }
            let q = self.p.reqs[r as usize];
            // Kept meetings need not be currently available (past slots), only conflict-free.
            let free = self.at(q.a, m.slot) == NONE
                && self.at(q.b, m.slot) == NONE
                && self.load[m.slot as usize] < self.p.tables;
            if free && (freeze || self.p.is_common(r, m.slot)) {
                self.place(r, m.slot);
                if freeze {
                    self.frozen[r as usize] = true;
                }
                if keep_tables && m.table < self.p.tables {
                    self.fixed_table[r as usize] = m.table;
                }
                loaded.push(r);
            }
        }
        self.commit();
        loaded
    }

    /// Numbers tables per slot, honouring fixed tables first.
    pub fn to_schedule(&self) -> Schedule {
        let mut by_slot: Vec<Vec<u32>> = vec![Vec::new(); self.t];
        for (r, &s) in self.slot_of.iter().enumerate() {
            if s != NONE {
                by_slot[s as usize].push(r as u32);
            }
        }
        let mut meetings = Vec::with_capacity(self.count);
        let mut used = vec![false; self.p.tables as usize];
        for (slot, rs) in by_slot.iter().enumerate() {
            used.iter_mut().for_each(|u| *u = false);
            let mut assigned: Vec<(u32, u32)> = Vec::with_capacity(rs.len());
            let mut done = vec![false; rs.len()];
            for (i, &r) in rs.iter().enumerate() {
                let ft = self.fixed_table[r as usize];
                if ft != NONE && !used[ft as usize] {
                    used[ft as usize] = true;
                    assigned.push((r, ft));
                    done[i] = true;
                }
            }
            let mut next = 0usize;
            for (i, &r) in rs.iter().enumerate() {
                if done[i] {
                    continue;
                }
                while used[next] {
                    next += 1;
                }
                used[next] = true;
                assigned.push((r, next as u32));
            }
            assigned.sort_by_key(|&(_, tb)| tb);
            for (r, tb) in assigned {
                let q = self.p.reqs[r as usize];
                meetings.push(Meeting {
                    a: self.p.ids[q.a as usize].clone(),
                    b: self.p.ids[q.b as usize].clone(),
                    slot: slot as u32,
                    table: tb,
                });
            }
        }
        Schedule { meetings }
    }

    /// Why each unplaced request is unplaced, judged on the final schedule.
    pub fn unplaced(&self) -> Vec<Unplaced> {
        let mut out = Vec::new();
        let mut frozen_load = vec![0u32; self.t];
        for (r, &s) in self.slot_of.iter().enumerate() {
            if s != NONE && self.frozen[r] {
                frozen_load[s as usize] += 1;
            }
        }
        for (r, q) in self.p.reqs.iter().enumerate() {
            let r = r as u32;
            if self.slot_of[r as usize] != NONE {
                continue;
            }
            let mut any_common = false;
            let mut all_locked = true;
            let mut all_booked = true;
            for t in 0..self.p.slots {
                if !self.p.is_common(r, t) {
                    continue;
                }
                any_common = true;
                let blockers = [self.at(q.a, t), self.at(q.b, t)];
                let booked = blockers.iter().any(|&x| x != NONE);
                let locked_block = blockers
                    .iter()
                    .any(|&x| x != NONE && self.frozen[x as usize])
                    || (!booked
                        && self.load[t as usize] >= self.p.tables
                        && frozen_load[t as usize] >= self.p.tables);
                if !locked_block {
                    all_locked = false;
                }
                if !booked {
                    all_booked = false;
                }
            }
            let reason = if !any_common {
                Reason::NoCommonSlot
            } else if all_locked {
                Reason::LockedConflict
            } else if all_booked {
                Reason::ParticipantBooked
            } else {
                Reason::NoFreeTable
            };
            out.push(Unplaced {
                a: self.p.ids[q.a as usize].clone(),
                b: self.p.ids[q.b as usize].clone(),
                weight: q.w,
                reason,
            });
        }
        out
    }
}
