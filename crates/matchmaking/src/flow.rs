//! Max-profit flow (min-cost flow with negative arc costs, stopped when no
//! augmenting path has negative cost). Primal–dual: Dijkstra on reduced costs
//! sets potentials, then Dinic pushes a blocking flow on zero-reduced-cost arcs.
//! With integer weights ≤ W the number of phases is at most W per distinct path
//! cost, so it is fast for meeting weights (1–5) even with 10⁵ arcs.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

#[derive(Debug, Clone)]
pub(crate) struct Flow {
    head: Vec<Vec<usize>>,
    to: Vec<u32>,
    cap: Vec<i64>,
    cost: Vec<i64>,
}

impl Flow {
    pub fn new(n: usize) -> Self {
        Flow {
            head: vec![Vec::new(); n],
            to: Vec::new(),
            cap: Vec::new(),
            cost: Vec::new(),
        }
    }

    /// Adds arc `u → v`; returns its id (the reverse arc is `id ^ 1`).
    pub fn add(&mut self, u: usize, v: usize, cap: i64, cost: i64) -> usize {
        let id = self.to.len();
        self.head[u].push(id);
        self.to.push(v as u32);
        self.cap.push(cap);
        self.cost.push(cost);
        self.head[v].push(id + 1);
        self.to.push(u as u32);
        self.cap.push(0);
        self.cost.push(-cost);
        id
    }

    /// Flow currently on arc `id`.
    pub fn flow(&self, id: usize) -> i64 {
        self.cap[id ^ 1]
    }

    /// Sends flow `s → t` while it lowers the cost; returns (flow, cost).
    pub fn max_profit(&mut self, s: usize, t: usize) -> (i64, i64) {
        let n = self.head.len();
        const INF: i64 = i64::MAX / 4;
        // Initial potentials by Bellman–Ford (queue-based); the graph has no negative cycles.
        let mut pot = vec![INF; n];
        pot[s] = 0;
        let mut inq = vec![false; n];
        let mut q = VecDeque::from([s]);
        while let Some(u) = q.pop_front() {
            inq[u] = false;
            for &e in &self.head[u] {
                let v = self.to[e] as usize;
                if self.cap[e] > 0 && pot[u] + self.cost[e] < pot[v] {
                    pot[v] = pot[u] + self.cost[e];
                    if !inq[v] {
                        inq[v] = true;
                        q.push_back(v);
                    }
                }
            }
        }
        if pot[t] >= INF || pot[t] >= 0 {
            return (0, 0);
        }
        let reach_max = pot.iter().filter(|&&d| d < INF).max().copied().unwrap_or(0);
        for d in pot.iter_mut() {
            if *d >= INF {
                *d = reach_max;
            }
        }
        let (mut total_flow, mut total_cost) = (0i64, 0i64);
        let mut dist = vec![INF; n];
        let mut level = vec![u32::MAX; n];
        let mut it = vec![0usize; n];
        loop {
            // Dijkstra on reduced costs.
            dist.iter_mut().for_each(|d| *d = INF);
            dist[s] = 0;
            let mut heap = BinaryHeap::from([Reverse((0i64, s as u32))]);
            while let Some(Reverse((d, u))) = heap.pop() {
                let u = u as usize;
                if d > dist[u] {
                    continue;
                }
                for &e in &self.head[u] {
                    if self.cap[e] <= 0 {
                        continue;
                    }
                    let v = self.to[e] as usize;
                    let nd = d + self.cost[e] + pot[u] - pot[v];
                    if nd < dist[v] {
                        dist[v] = nd;
                        heap.push(Reverse((nd, v as u32)));
                    }
                }
            }
            if dist[t] >= INF {
                break;
            }
            let dt = dist[t];
            for v in 0..n {
                pot[v] += dist[v].min(dt);
            }
            if pot[t] - pot[s] >= 0 {
                break;
            }
            // Dinic on admissible arcs (residual, zero reduced cost).
            loop {
                level.iter_mut().for_each(|l| *l = u32::MAX);
                level[s] = 0;
                let mut q = VecDeque::from([s]);
                while let Some(u) = q.pop_front() {
                    for &e in &self.head[u] {
                        let v = self.to[e] as usize;
                        if self.cap[e] > 0
                            && level[v] == u32::MAX
                            && self.cost[e] + pot[u] - pot[v] == 0
                        {
                            level[v] = level[u] + 1;
                            q.push_back(v);
                        }
                    }
                }
                if level[t] == u32::MAX {
                    break;
                }
                it.iter_mut().for_each(|i| *i = 0);
                loop {
                    let f = self.dfs(s, t, i64::MAX, &level, &pot, &mut it);
                    if f == 0 {
                        break;
                    }
                    total_flow += f;
                    total_cost += f * (pot[t] - pot[s]);
                }
            }
        }
        (total_flow, total_cost)
    }

    /// Iterative-deepening-free DFS for Dinic (explicit stack to avoid recursion depth issues).
    fn dfs(
        &mut self,
        s: usize,
        t: usize,
        limit: i64,
        level: &[u32],
        pot: &[i64],
        it: &mut [usize],
    ) -> i64 {
        let mut path: Vec<usize> = Vec::new();
        let mut u = s;
        loop {
            if u == t {
                let f = path.iter().fold(limit, |m, &e| m.min(self.cap[e]));
                for &e in &path {
                    self.cap[e] -= f;
                    self.cap[e ^ 1] += f;
                }
                return f;
            }
            let mut advanced = false;
            while it[u] < self.head[u].len() {
                let e = self.head[u][it[u]];
                let v = self.to[e] as usize;
                if self.cap[e] > 0
                    && level[v] == level[u] + 1
                    && self.cost[e] + pot[u] - pot[v] == 0
                {
                    path.push(e);
                    u = v;
                    advanced = true;
                    break;
                }
                it[u] += 1;
            }
            if !advanced {
                if u == s {
                    return 0;
                }
                let e = path.pop().expect("non-empty path");
                u = self.to[e ^ 1] as usize;
                it[u] += 1;
            }
        }
    }
}
