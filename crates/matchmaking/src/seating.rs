//! Round-table seating: which company pitches at which geographic table.
//!
//! Companies want to sit where a guest from a country they target is seated, so the
//! assignment maximises, lexicographically:
//! 0. the number of seated companies (all of them whenever capacity allows);
//! 1. the number of companies seated at a table hosting a guest of a targeted country;
//! 2. the total number of targeted countries present at their tables;
//! 3. balance: the sum of squared table loads is minimised (fixed seats included).
//!
//! Level 3 is a separable convex function; on the load vectors of the optimal
//! assignments (an M-convex set, being the projection of network flows) its
//! minimiser is also *decreasingly minimal* (Frank & Murota, "Discrete decreasing
//! minimization", 2022), so it minimises the maximum load and then the next ones.
//!
//! Exact and deterministic: the Kuhn–Munkres (Hungarian) algorithm on a
//! seat-expanded matrix — one column per free seat, the `k`-th free seat of a table
//! costing its resulting load, so filling a table costs the sum of its loads — with
//! the levels encoded as exact `i128` weights. Fixed seats (manual moves) are kept
//! as given and count towards capacity and load; if they overflow a table that is an
//! error, never a silent drop. Ties are broken by input order.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

/// A guest seated at a round table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guest {
    /// Unique identifier.
    pub id: String,
    /// ISO 3166-1 alpha-2 country code (case-insensitive, e.g. `"JP"`).
    pub country: String,
}

/// A geographic round table; its zone is the set of its guests' countries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// Unique identifier.
    pub id: String,
    /// Display label, e.g. `"Europe"`.
    pub label: String,
    /// Number of company seats.
    pub capacity: u32,
    /// Guests seated at the table.
    #[serde(default)]
    pub guests: Vec<Guest>,
}

impl Table {
    /// The table's zone: its guests' countries, upper-cased and sorted.
    pub fn countries(&self) -> BTreeSet<String> {
        self.guests
            .iter()
            .map(|g| g.country.trim().to_ascii_uppercase())
            .collect()
    }
}

/// A company to seat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Company {
    /// Unique identifier.
    pub id: String,
    /// Targeted countries (ISO alpha-2); empty means undecided.
    #[serde(default)]
    pub targets: Vec<String>,
}

/// A manual move that the optimiser must keep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixedSeat {
    /// Company id.
    pub company: String,
    /// Table id.
    pub table: String,
}

/// A seating problem (JSON input).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatingInput {
    /// Round tables.
    pub tables: Vec<Table>,
    /// Companies to seat.
    pub companies: Vec<Company>,
    /// Seats fixed by the organiser.
    #[serde(default)]
    pub fixed: Vec<FixedSeat>,
}

/// Why a company sits where it sits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SeatReason {
    /// The table hosts guests from these targeted countries.
    Targets(Vec<String>),
    /// The organiser fixed this seat.
    Fixed,
    /// The company targets countries but no seat at a matching table was left
    /// (or no table hosts them).
    NoTargetAvailable,
    /// The company has no target countries yet.
    Undecided,
}

/// One company's seat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seat {
    /// Company id.
    pub company: String,
    /// Table id.
    pub table: String,
    /// Targeted countries present at the table (sorted, upper-case).
    pub matched_countries: Vec<String>,
    /// Explanation.
    pub reason: SeatReason,
}

/// Why a company could not be seated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum UnseatedReason {
    /// Total capacity is smaller than the number of companies.
    NoSeatLeft,
}

/// A company left without a seat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unseated {
    /// Company id.
    pub company: String,
    /// Explanation.
    pub reason: UnseatedReason,
}

/// The seating plan (JSON output); both lists follow the input order of companies.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seating {
    /// Seated companies.
    pub seats: Vec<Seat>,
    /// Companies without a seat.
    pub unseated: Vec<Unseated>,
}

/// The objective values of a [`Seating`], in priority order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SeatingScore {
    /// Seated companies.
    pub seated: usize,
    /// Companies seated with at least one targeted country at their table.
    pub matched_companies: usize,
    /// Sum over companies of the targeted countries present at their table.
    pub matched_countries: usize,
    /// Sum of squared table loads (lower is more balanced).
    pub load_squares: u64,
    /// Largest table load.
    pub max_load: u32,
}

impl Seating {
    /// Companies seated at `table`, in plan order.
    pub fn at_table<'a>(&'a self, table: &'a str) -> impl Iterator<Item = &'a Seat> + 'a {
        self.seats.iter().filter(move |s| s.table == table)
    }

    /// Objective values, computed from the seats alone.
    pub fn score(&self) -> SeatingScore {
        let mut loads: HashMap<&str, u32> = HashMap::new();
        for s in &self.seats {
            *loads.entry(&s.table).or_default() += 1;
        }
        SeatingScore {
            seated: self.seats.len(),
            matched_companies: self
                .seats
                .iter()
                .filter(|s| !s.matched_countries.is_empty())
                .count(),
            matched_countries: self.seats.iter().map(|s| s.matched_countries.len()).sum(),
            load_squares: loads.values().map(|&l| u64::from(l) * u64::from(l)).sum(),
            max_load: loads.values().copied().max().unwrap_or(0),
        }
    }
}

/// Something wrong with a [`SeatingInput`]; each variant names the offending entry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SeatingError {
    /// Two tables share an id.
    #[error("table id {id:?} appears more than once (entries #{first} and #{second})")]
    DuplicateTable {
        id: String,
        first: usize,
        second: usize,
    },
    /// Two companies share an id.
    #[error("company id {id:?} appears more than once (entries #{first} and #{second})")]
    DuplicateCompany {
        id: String,
        first: usize,
        second: usize,
    },
    /// A guest is seated twice.
    #[error("guest id {id:?} is seated at table {first:?} and again at table {second:?}")]
    DuplicateGuest {
        id: String,
        first: String,
        second: String,
    },
    /// A country is not two ASCII letters.
    #[error("{entry}: {code:?} is not an ISO 3166-1 alpha-2 country code")]
    InvalidCountry { entry: String, code: String },
    /// A fixed seat names an unknown company.
    #[error("fixed seat #{index} names unknown company {company:?}")]
    UnknownFixedCompany { index: usize, company: String },
    /// A fixed seat names an unknown table.
    #[error("fixed seat #{index} (company {company:?}) names unknown table {table:?}")]
    UnknownFixedTable {
        index: usize,
        company: String,
        table: String,
    },
    /// A company is fixed twice.
    #[error("company {company:?} has two fixed seats (#{first} and #{second})")]
    DuplicateFixed {
        company: String,
        first: usize,
        second: usize,
    },
    /// More fixed seats than a table holds.
    #[error("table {table:?} has {fixed} fixed seats but capacity {capacity}")]
    FixedOverCapacity {
        table: String,
        capacity: u32,
        fixed: usize,
    },
}

fn country(entry: impl FnOnce() -> String, code: &str) -> Result<String, SeatingError> {
    let c = code.trim().to_ascii_uppercase();
    if c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(c)
    } else {
        Err(SeatingError::InvalidCountry {
            entry: entry(),
            code: code.to_string(),
        })
    }
}

/// Computes the optimal seating (see the module docs for the objective).
pub fn seat(input: &SeatingInput) -> Result<Seating, SeatingError> {
    // ---- validation ----
    let mut table_ix: HashMap<&str, usize> = HashMap::new();
    let mut guest_at: HashMap<&str, &str> = HashMap::new();
    let mut zones: Vec<BTreeSet<String>> = Vec::with_capacity(input.tables.len());
    for (i, t) in input.tables.iter().enumerate() {
        if let Some(&first) = table_ix.get(t.id.as_str()) {
            return Err(SeatingError::DuplicateTable {
                id: t.id.clone(),
                first,
                second: i,
            });
        }
        table_ix.insert(&t.id, i);
        let mut zone = BTreeSet::new();
        for g in &t.guests {
            if let Some(first) = guest_at.insert(&g.id, &t.id) {
                return Err(SeatingError::DuplicateGuest {
                    id: g.id.clone(),
                    first: first.to_string(),
                    second: t.id.clone(),
                });
            }
            zone.insert(country(
                || format!("table {:?} guest {:?}", t.id, g.id),
                &g.country,
            )?);
        }
        zones.push(zone);
    }
    let mut company_ix: HashMap<&str, usize> = HashMap::new();
    let mut targets: Vec<BTreeSet<String>> = Vec::with_capacity(input.companies.len());
    for (i, c) in input.companies.iter().enumerate() {
        if let Some(&first) = company_ix.get(c.id.as_str()) {
            return Err(SeatingError::DuplicateCompany {
                id: c.id.clone(),
                first,
                second: i,
            });
        }
        company_ix.insert(&c.id, i);
        let set = c
            .targets
            .iter()
            .map(|code| country(|| format!("company {:?}", c.id), code))
            .collect::<Result<BTreeSet<_>, _>>()?;
        targets.push(set);
    }
    let mut fixed_table: Vec<Option<usize>> = vec![None; input.companies.len()];
    let mut fixed_index: Vec<usize> = vec![0; input.companies.len()];
    let mut fixed_load = vec![0usize; input.tables.len()];
    for (k, f) in input.fixed.iter().enumerate() {
        let Some(&c) = company_ix.get(f.company.as_str()) else {
            return Err(SeatingError::UnknownFixedCompany {
                index: k,
                company: f.company.clone(),
            });
        };
        let Some(&t) = table_ix.get(f.table.as_str()) else {
            return Err(SeatingError::UnknownFixedTable {
                index: k,
                company: f.company.clone(),
                table: f.table.clone(),
            });
        };
        if fixed_table[c].is_some() {
            return Err(SeatingError::DuplicateFixed {
                company: f.company.clone(),
                first: fixed_index[c],
                second: k,
            });
        }
        fixed_table[c] = Some(t);
        fixed_index[c] = k;
        fixed_load[t] += 1;
    }
    for (t, table) in input.tables.iter().enumerate() {
        if fixed_load[t] > table.capacity as usize {
            return Err(SeatingError::FixedOverCapacity {
                table: table.id.clone(),
                capacity: table.capacity,
                fixed: fixed_load[t],
            });
        }
    }

    // matched[c][t]: targeted countries of company c present at table t.
    let matched: Vec<Vec<Vec<String>>> = targets
        .iter()
        .map(|tg| {
            zones
                .iter()
                .map(|z| tg.intersection(z).cloned().collect())
                .collect()
        })
        .collect();

    // ---- seat-expanded assignment ----
    let free: Vec<usize> = (0..input.companies.len())
        .filter(|&c| fixed_table[c].is_none())
        .collect();
    let n = free.len();
    // Column j < seats.len(): (table, resulting load); further columns: "unseated".
    let mut seats: Vec<(usize, i128)> = Vec::new();
    for (t, table) in input.tables.iter().enumerate() {
        let open = (table.capacity as usize - fixed_load[t]).min(n);
        for k in 0..open {
            seats.push((t, (fixed_load[t] + k + 1) as i128));
        }
    }
    let m = seats.len().max(n);
    // Exact lexicographic weights: each level outweighs everything below it.
    let balance_max: i128 = seats.iter().map(|&(_, l)| l).sum();
    let w2 = balance_max + 1;
    let countries_max: i128 = free
        .iter()
        .map(|&c| matched[c].iter().map(Vec::len).max().unwrap_or(0) as i128)
        .sum();
    let w1 = w2 * (countries_max + 1);
    let w0 = w1 * (n as i128 + 1);
    let cost = |row: usize, col: usize| -> i128 {
        match seats.get(col) {
            None => 0,
            Some(&(t, load)) => {
                let k = matched[free[row]][t].len() as i128;
                -(w0 + w1 * i128::from(k > 0) + w2 * k - load)
            }
        }
    };
    let assignment = hungarian(n, m, cost);

    // ---- explain ----
    let mut table_of: Vec<Option<usize>> = fixed_table.clone();
    for (row, &col) in assignment.iter().enumerate() {
        if let Some(&(t, _)) = seats.get(col) {
            table_of[free[row]] = Some(t);
        }
    }
    let mut out = Seating::default();
    for (c, company) in input.companies.iter().enumerate() {
        match table_of[c] {
            Some(t) => {
                let matched_countries = matched[c][t].clone();
                let reason = if fixed_table[c].is_some() {
                    SeatReason::Fixed
                } else if targets[c].is_empty() {
                    SeatReason::Undecided
                } else if matched_countries.is_empty() {
                    SeatReason::NoTargetAvailable
                } else {
                    SeatReason::Targets(matched_countries.clone())
                };
                out.seats.push(Seat {
                    company: company.id.clone(),
                    table: input.tables[t].id.clone(),
                    matched_countries,
                    reason,
                });
            }
            None => out.unseated.push(Unseated {
                company: company.id.clone(),
                reason: UnseatedReason::NoSeatLeft,
            }),
        }
    }
    Ok(out)
}

/// Kuhn–Munkres with potentials (O(n²m)) for an `n × m` cost matrix, `n ≤ m`,
/// given as a function. Returns the column assigned to each row (minimum total cost).
fn hungarian(n: usize, m: usize, cost: impl Fn(usize, usize) -> i128) -> Vec<usize> {
    debug_assert!(n <= m);
    const INF: i128 = i128::MAX / 4;
    // 1-based rows/columns; column 0 and row 0 are sentinels.
    let mut u = vec![0i128; n + 1];
    let mut v = vec![0i128; m + 1];
    let mut p = vec![0usize; m + 1];
    let mut way = vec![0usize; m + 1];
    let mut minv = vec![INF; m + 1];
    let mut used = vec![false; m + 1];
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        minv.fill(INF);
        used.fill(false);
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = INF;
            let mut j1 = 0;
            for j in 1..=m {
                if !used[j] {
                    let cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=m {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut row_to_col = vec![0usize; n];
    for j in 1..=m {
        if p[j] != 0 {
            row_to_col[p[j] - 1] = j - 1;
        }
    }
    row_to_col
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hungarian_small() {
        let c = [[4i128, 1, 3], [2, 0, 5], [3, 2, 2]];
        let a = hungarian(3, 3, |i, j| c[i][j]);
        let total: i128 = a.iter().enumerate().map(|(i, &j)| c[i][j]).sum();
        assert_eq!(total, 5);
    }

    #[test]
    fn hungarian_rectangular() {
        let c = [[5i128, 9, 1, 7], [10, 3, 2, 8]];
        let a = hungarian(2, 4, |i, j| c[i][j]);
        assert_eq!(a, vec![2, 1]);
    }
}
