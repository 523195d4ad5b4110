//! Exact method for bipartite events where everyone is available all day
//! (docs/MATCHMAKING.md §3.1). By König's theorem a bipartite multigraph of maximum
//! degree Δ ≤ T is T-edge-colourable, and Kempe swaps make the colour classes
//! equitable, so a set of meetings fits iff each person has ≤ T and the total is
//! ≤ T·K. Hence: (1) choose the max-weight degree-constrained subgraph by flow
//! (source → side A cap T → side B cap T → sink, total ≤ T·K), (2) colour it with T
//! colours by alternating-path recolouring, (3) balance colour classes to ≤ K with
//! Kempe-chain swaps. The result is optimal in weight.

use crate::flow::Flow;
use crate::model::Problem;
use crate::state::{NONE, State};

/// Side (0/1) of each participant if the instance qualifies, else `None`.
pub(crate) fn applies(p: &Problem) -> Option<Vec<u8>> {
    if !p.locked.is_empty() || p.requests() == 0 {
        return None;
    }
    let n = p.participants();
    let all = (0..n as u32).all(|x| (0..p.slots).all(|t| p.is_avail(x, t)));
    if !all {
        return None;
    }
    let mut side = vec![u8::MAX; n];
    for s in 0..n {
        if side[s] != u8::MAX {
            continue;
        }
        side[s] = 0;
        let mut stack = vec![s as u32];
        while let Some(x) = stack.pop() {
            for &r in &p.inc[x as usize] {
                let y = p.other(r, x);
                if side[y as usize] == u8::MAX {
                    side[y as usize] = 1 - side[x as usize];
                    stack.push(y);
                } else if side[y as usize] == side[x as usize] {
                    return None;
                }
            }
        }
    }
    Some(side)
}

/// Builds the optimal assignment into `st` (which must be empty). Returns false if
/// colouring failed (cannot happen for valid input; kept as a safety net).
pub(crate) fn solve_into(st: &mut State, side: &[u8]) -> bool {
    let p = st.p;
    let n = p.participants();
    let t_n = p.slots as usize;
    let k = i64::from(p.tables);
    let (s, s2, sink) = (0, 1, 2 + n);
    let mut f = Flow::new(3 + n);
    f.add(s, s2, k * t_n as i64, 0);
    for (x, &sd) in side.iter().enumerate() {
        if sd == 0 {
            f.add(s2, 2 + x, t_n as i64, 0);
        } else {
            f.add(2 + x, sink, t_n as i64, 0);
        }
    }
    let mut arcs = Vec::with_capacity(p.requests());
    for (r, q) in p.reqs.iter().enumerate() {
        let (l, rt) = if side[q.a as usize] == 0 {
            (q.a, q.b)
        } else {
            (q.b, q.a)
        };
        arcs.push((
            r as u32,
            f.add(2 + l as usize, 2 + rt as usize, 1, -i64::from(q.w)),
        ));
    }
    f.max_profit(s, sink);
    let chosen: Vec<u32> = arcs
        .iter()
        .filter(|&&(_, a)| f.flow(a) > 0)
        .map(|&(r, _)| r)
        .collect();
    // Edge colouring: col[x * T + c] = request coloured c at x.
    let mut col = vec![NONE; n * t_n];
    let mut colour = vec![NONE; p.requests()];
    let free = |col: &[u32], x: u32| (0..t_n).find(|&c| col[x as usize * t_n + c] == NONE);
    for &r in &chosen {
        let q = p.reqs[r as usize];
        let (Some(a), Some(b)) = (free(&col, q.a), free(&col, q.b)) else {
            return false;
        };
        if col[q.b as usize * t_n + a] != NONE {
            // Flip the a/b alternating path starting at q.b with colour a.
            let path = alternating_path(p, &col, t_n, q.b, a, b);
            swap_colours(p, &mut col, &mut colour, t_n, &path, a, b);
        }
        colour[r as usize] = a as u32;
        col[q.a as usize * t_n + a] = r;
        col[q.b as usize * t_n + a] = r;
    }
    // Balance colour classes so that each has ≤ K meetings.
    let mut cnt = vec![0i64; t_n];
    for &r in &chosen {
        cnt[colour[r as usize] as usize] += 1;
    }
    loop {
        let c = (0..t_n)
            .max_by_key(|&c| (cnt[c], std::cmp::Reverse(c)))
            .unwrap_or(0);
        if cnt[c] <= k {
            break;
        }
        let d = (0..t_n).min_by_key(|&c| (cnt[c], c)).unwrap_or(0);
        let mut progressed = false;
        for x in 0..n {
            if cnt[c] - cnt[d] <= 1 {
                break;
            }
            let start = col[x * t_n + c];
            if start == NONE || col[x * t_n + d] != NONE {
                continue;
            }
            let path = alternating_path(p, &col, t_n, x as u32, c, d);
            if path.len().is_multiple_of(2) {
                continue;
            }
            swap_colours(p, &mut col, &mut colour, t_n, &path, c, d);
            cnt[c] -= 1;
            cnt[d] += 1;
            progressed = true;
        }
        if !progressed {
            return false;
        }
    }
    for &r in &chosen {
        st.place(r, colour[r as usize]);
    }
    st.commit();
    true
}

/// The requests of the c1/c2 alternating path from participant `start`, first edge coloured c1.
fn alternating_path(
    p: &Problem,
    col: &[u32],
    t_n: usize,
    start: u32,
    c1: usize,
    c2: usize,
) -> Vec<u32> {
    let mut path = Vec::new();
    let (mut x, mut c) = (start, c1);
    loop {
        let e = col[x as usize * t_n + c];
        if e == NONE {
            return path;
        }
        path.push(e);
        x = p.other(e, x);
        c = if c == c1 { c2 } else { c1 };
    }
}

/// Swaps colours c1 and c2 along `path` (a Kempe chain), keeping `col` in step with `colour`.
fn swap_colours(
    p: &Problem,
    col: &mut [u32],
    colour: &mut [u32],
    t_n: usize,
    path: &[u32],
    c1: usize,
    c2: usize,
) {
    for &e in path {
        let q = p.reqs[e as usize];
        let c0 = colour[e as usize] as usize;
        col[q.a as usize * t_n + c0] = NONE;
        col[q.b as usize * t_n + c0] = NONE;
    }
    for &e in path {
        let q = p.reqs[e as usize];
        let c = if colour[e as usize] as usize == c1 {
            c2
        } else {
            c1
        };
        colour[e as usize] = c as u32;
        col[q.a as usize * t_n + c] = e;
        col[q.b as usize * t_n + c] = e;
    }
}
