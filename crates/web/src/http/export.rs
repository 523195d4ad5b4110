//! Table exports: CSV in plain UTF-8 (RFC 4180, `,`) or "Excel FR" (UTF-8 BOM and `;`, what
//! French Excel opens correctly), with formula-injection escaping: a cell that a spreadsheet
//! would run as a formula (starting with = + - @, tab or carriage return) gets a leading `'`.
//! XLSX cells are always written as text cells, which no spreadsheet evaluates.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    Plain,
    ExcelFr,
    Xlsx,
}

impl Profile {
    /// `?format=csv` → plain, `?format=excel` → Excel FR.
    pub fn parse(s: &str) -> Option<Profile> {
        match s {
            "csv" => Some(Profile::Plain),
            "excel" => Some(Profile::ExcelFr),
            "xlsx" => Some(Profile::Xlsx),
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

/// The XLSX bytes of a table: a bold, frozen header row, text cells, fitted columns.
pub fn xlsx_bytes(
    sheet: &str,
    headers: &[String],
    rows: &[Vec<String>],
) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    // Sheet names are at most 31 characters, without []:*?/\.
    let name: String = sheet
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    ws.set_name(if name.is_empty() { "Tremplin" } else { &name })
        .map_err(|e| e.to_string())?;
    let bold = Format::new().set_bold();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold)
            .map_err(|e| e.to_string())?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, v)
                .map_err(|e| e.to_string())?;
        }
    }
    ws.set_freeze_panes(1, 0).map_err(|e| e.to_string())?;
    ws.autofit();
    wb.save_to_buffer().map_err(|e| e.to_string())
}

/// A table download: CSV (plain or Excel FR) or XLSX, named `basename.csv` / `.xlsx`.
pub fn table_response(
    profile: Profile,
    basename: &str,
    headers: &[String],
    rows: &[Vec<String>],
) -> Response {
    if profile != Profile::Xlsx {
        return csv_response(profile, &format!("{basename}.csv"), headers, rows);
    }
    match xlsx_bytes(basename, headers, rows) {
        Ok(bytes) => {
            let mut res = bytes.into_response();
            let h = res.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
            );
            if let Ok(v) =
                HeaderValue::from_str(&format!("attachment; filename=\"{basename}.xlsx\""))
            {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            res
        }
        Err(e) => {
            tracing::error!(error = %e, "xlsx export failed");
            axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
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
