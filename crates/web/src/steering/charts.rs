//! The charts of the steering pages, as SVG with a title and a description (each is also given
//! as a table beside it).

use super::figures::YearView;
use crate::http::ctx::Ctx;
use chrono::Datelike;

/// The monthly cumulative chart as SVG: this year, last year (dashed) and the target's pace.
pub fn chart_svg(ctx: &Ctx, v: &YearView) -> String {
    let months_shown = if v.current { v.to.month() as usize } else { 12 };
    let max = v
        .cumulative
        .iter()
        .chain(v.last_cumulative.iter())
        .map(|x| *x as f64)
        .chain(v.target.map(|t| t as f64))
        .fold(1.0_f64, f64::max)
        * 1.1;
    let f = Frame {
        w: 640.0,
        h: 260.0,
        left: 48.0,
        bottom: 28.0,
        top: 12.0,
        right: 12.0,
        max,
    };
    let (w, h, left) = (f.w, f.h, f.left);
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"chart-title\">{}</title><desc id=\"chart-desc\">{}</desc>",
        crate::http::render::escape(&ctx.t1("steer-chart-title", "year", v.year)),
        crate::http::render::escape(&ctx.t("steer-chart-desc")),
    );
    svg.push_str(&f.axes());
    if let Some(t) = v.target {
        svg.push_str(&format!(
            "<line x1=\"{left}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#b35900\" stroke-width=\"2\" stroke-dasharray=\"2 4\"/>",
            f.y(0.0),
            f.x(11),
            f.y(t as f64)
        ));
    }
    svg.push_str(&format!(
        "<polyline fill=\"none\" stroke=\"#6b7280\" stroke-width=\"2\" stroke-dasharray=\"6 4\" points=\"{}\"/>",
        f.line(&v.last_cumulative, 12)
    ));
    svg.push_str(&format!(
        "<polyline fill=\"none\" stroke=\"#0b5cad\" stroke-width=\"3\" points=\"{}\"/></svg>",
        f.line(&v.cumulative, months_shown)
    ));
    svg
}

/// The chart's size, margins and vertical scale (`max` at the top).
struct Frame {
    w: f64,
    h: f64,
    left: f64,
    bottom: f64,
    top: f64,
    right: f64,
    max: f64,
}

impl Frame {
    /// The x of month `i` (0-based).
    fn x(&self, i: usize) -> f64 {
        self.left + (self.w - self.left - self.right) * (i as f64 + 1.0) / 12.0
    }

    /// The y of a count.
    fn y(&self, val: f64) -> f64 {
        self.top + (self.h - self.top - self.bottom) * (1.0 - val / self.max)
    }

    /// The points of a cumulative line, from the origin through its first `n` months.
    fn line(&self, values: &[usize], n: usize) -> String {
        std::iter::once(format!("{:.1},{:.1}", self.left, self.y(0.0)))
            .chain(
                values
                    .iter()
                    .take(n)
                    .enumerate()
                    .map(|(i, c)| format!("{:.1},{:.1}", self.x(i), self.y(*c as f64))),
            )
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Axes and a few horizontal grid lines with their values, and the months' initials.
    fn axes(&self) -> String {
        let (w, h, left, right) = (self.w, self.h, self.left, self.right);
        let mut svg = String::new();
        for k in 0..=4 {
            let val = self.max / 1.1 * k as f64 / 4.0;
            let y = self.y(val);
            svg.push_str(&format!(
                "<line x1=\"{left}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#d0d4d9\" stroke-width=\"1\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\" fill=\"#333\">{}</text>",
                w - right, y, y, left - 6.0, y + 4.0, val.round()
            ));
        }
        for (i, m) in ["J", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D"]
            .iter()
            .enumerate()
        {
            svg.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#333\">{m}</text>",
                self.x(i),
                h - 8.0
            ));
        }
        svg
    }
}

/// The Team's funnel as horizontal bars (SVG), described and given as a table beside it.
pub(super) fn funnel_svg(ctx: &Ctx, steps: &[(String, usize)]) -> String {
    let (w, bar, gap, label_w) = (560.0, 34.0, 12.0, 190.0);
    let max = steps.first().map_or(1, |s| s.1.max(1)) as f64;
    let h = steps.len() as f64 * (bar + gap) + gap;
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"funnel-title funnel-desc\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"funnel-title\">{}</title><desc id=\"funnel-desc\">{}</desc>",
        crate::http::render::escape(&ctx.t("quality-funnel-title")),
        crate::http::render::escape(&ctx.t("quality-funnel-desc")),
    );
    for (i, (label, n)) in steps.iter().enumerate() {
        let y = gap + i as f64 * (bar + gap);
        let bw = ((w - label_w - 70.0) * *n as f64 / max).max(1.0);
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\" text-anchor=\"end\" fill=\"#222\">{}</text>\
             <rect x=\"{label_w}\" y=\"{y:.1}\" width=\"{bw:.1}\" height=\"{bar}\" fill=\"#0b5cad\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\" fill=\"#222\">{n}</text>",
            label_w - 8.0,
            y + bar / 2.0 + 5.0,
            crate::http::render::escape(label),
            label_w + bw + 6.0,
            y + bar / 2.0 + 5.0,
        ));
    }
    svg.push_str("</svg>");
    svg
}
