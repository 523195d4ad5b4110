//! Table exports: CSV in plain UTF-8 (RFC 4180, `,`) or "Excel FR" (UTF-8 BOM and `;`, what
//! French Excel opens correctly), with formula-injection escaping: a cell that a spreadsheet
//! would run as a formula (starting with = + - @, tab or carriage return) gets a leading `'`.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    Plain,
    ExcelFr,
}

impl Profile {
    /// `?format=csv` → plain, `?format=excel` → Excel FR.
    pub fn parse(s: &str) -> Option<Profile> {
        match s {
            "csv" => Some(Profile::Plain),
            "excel" => Some(Profile::ExcelFr),
            _ => None,
        }
    }
}

/// Neutralises spreadsheet formulas in a cell.
pub fn safe_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// The CSV bytes of a table.
pub fn csv_bytes(profile: Profile, headers: &[String], rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = Vec::new();
    if profile == Profile::ExcelFr {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let delimiter = if profile == Profile::ExcelFr {
        b';'
    } else {
        b','
    };
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .from_writer(&mut out);
        let _ = w.write_record(headers.iter().map(|h| safe_cell(h)));
        for r in rows {
            let _ = w.write_record(r.iter().map(|c| safe_cell(c)));
        }
        let _ = w.flush();
    }
    out
}

/// A CSV download response.
pub fn csv_response(
    profile: Profile,
    filename: &str,
    headers: &[String],
    rows: &[Vec<String>],
) -> Response {
    let mut res = csv_bytes(profile, headers, rows).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_excel_gets_bom_and_semicolons() {
        assert_eq!(safe_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe_cell("-2+3"), "'-2+3");
        assert_eq!(safe_cell("Lille"), "Lille");
        let rows = vec![vec!["=1+1".to_string(), "a;b, c".to_string()]];
        let h = vec!["x".to_string(), "y".to_string()];
        let plain = String::from_utf8(csv_bytes(Profile::Plain, &h, &rows)).unwrap();
        assert_eq!(plain, "x,y\n'=1+1,\"a;b, c\"\n");
        let excel = String::from_utf8(csv_bytes(Profile::ExcelFr, &h, &rows)).unwrap();
        assert_eq!(excel, "\u{feff}x;y\n'=1+1;\"a;b, c\"\n");
    }
}
