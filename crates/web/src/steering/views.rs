//! The askama structs of the steering pages.

use askama::Template;

use super::figures::YearView;
use crate::http::ctx::Ctx;

#[derive(Template)]
#[template(path = "steering/targets.html")]
pub struct Targets {
    pub ctx: Ctx,
    pub year: i32,
    pub team: String,
    /// (organisation id, name, target as typed).
    pub partners: Vec<(String, String, String)>,
}

pub struct PartnerCount {
    pub name: String,
    pub count: usize,
    pub target: String,
    pub share: String,
}

#[derive(Template)]
#[template(path = "steering/dashboard.html")]
pub struct Dashboard {
    pub ctx: Ctx,
    pub v: std::sync::Arc<YearView>,
    pub chart: String,
    pub months: Vec<(String, String, String)>,
    pub projection: String,
    pub partners: Vec<PartnerCount>,
}

impl Dashboard {
    /// When the figures were counted, Paris time.
    pub fn as_of(&self) -> String {
        self.v
            .computed_at
            .with_timezone(&chrono_tz::Europe::Paris)
            .format("%H:%M:%S")
            .to_string()
    }

    pub fn share(&self) -> String {
        match self.v.target {
            Some(t) => format!("{:.0} %", 100.0 * self.v.count as f64 / t as f64),
            None => String::new(),
        }
    }

    pub fn median(&self) -> String {
        self.v
            .response
            .median_hours
            .map(|h| format!("{h:.0} h"))
            .unwrap_or_else(|| "—".into())
    }

    pub fn pct(&self, s: &Option<f64>) -> String {
        s.map(|s| format!("{:.0} %", s * 100.0))
            .unwrap_or_else(|| "—".into())
    }
}

pub struct PublicYear {
    pub year: i32,
    pub count: usize,
    pub target: String,
    pub partial: bool,
    pub median: String,
    pub within_72h: String,
    pub has_data: bool,
}

#[derive(Template)]
#[template(path = "steering/public.html")]
pub struct PublicStats {
    pub ctx: Ctx,
    pub years: Vec<PublicYear>,
    /// Years with data or a target.
    pub shown: usize,
    /// The year of the breakdowns (the latest with companies counted).
    pub breakdown_year: Option<i32>,
    /// (code, label, companies)
    pub by_dep: Vec<(String, String, usize)>,
    pub by_sec: Vec<(String, String, usize)>,
}

/// A filter select of a breakdown.
pub struct FilterField {
    pub name: String,
    pub value: String,
    /// (value, label)
    pub options: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "steering/breakdown.html")]
pub struct Breakdown {
    pub ctx: Ctx,
    pub year: i32,
    pub dim: String,
    pub dims: Vec<String>,
    /// Distinct companies accompanied in the year within the filters.
    pub total: usize,
    /// Distinct companies accompanied in the year.
    pub all: usize,
    /// The filters as a query-string tail (`&name=value…`, not yet HTML-escaped).
    pub filter_qs: String,
    pub filter_fields: Vec<FilterField>,
    /// (label, count, key) per value.
    pub rows: Vec<Vec<String>>,
    /// The value drilled into, if any.
    pub drill: Option<String>,
    /// (label of the value, [(id, name, SIREN)]).
    pub companies: (String, Vec<(uuid::Uuid, String, String)>),
}

#[derive(Template)]
#[template(path = "steering/quality.html")]
pub struct Quality {
    pub ctx: Ctx,
    pub year: i32,
    pub by_branch: bool,
    pub headers: Vec<String>,
    /// One row per group, the Team's last.
    pub rows: Vec<Vec<String>>,
    pub chart: String,
    /// (step, count) of the Team's funnel.
    pub funnel: Vec<(String, usize)>,
}

impl Quality {
    pub fn empty(&self) -> bool {
        self.funnel.first().is_none_or(|f| f.1 == 0)
    }
}
