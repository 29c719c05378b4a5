//! Any table in a CSV or spreadsheet file, read as rows of text: the rows
//! of a task table in a plan (`table: {file: nhiem-vu.xlsx}`). The file is
//! decoded and its sheet chosen as for a delegate list; no column has a
//! meaning here, so the first row with text is the header.

use std::path::Path;

use super::csv::{CsvLines, decode_csv};
use super::sheet::read_sheet;
use super::{Here, Lines, ListKind, RosterProblem, Table, kind_of};
use crate::chars;

/// A row of a table file: its number as the user sees it, and its cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellRow {
    /// Row number (Excel's, or the CSV line where the record starts).
    pub row: usize,
    /// The cells, trimmed, as text.
    pub cells: Vec<String>,
}

/// At most this many characters in a cell of a table file: a 10 MB cell
/// pasted by mistake is an error, not a page of text.
pub const MAX_TABLE_CELL: usize = 2_000;

/// At most this many rows in a table file.
pub const MAX_TABLE_ROWS: usize = 5_000;

/// Reads every row with text of the table file `path` (its `bytes`), the
/// header first (a title above it, in fewer cells, is left out); rows with
/// no text are skipped. Every problem is reported:
/// an undecodable CSV, a misleading character or an over-long cell.
pub fn read_cells(
    path: &Path,
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<Vec<CellRow>, Vec<RosterProblem>> {
    let here = Here::new(path, sheet);
    let table = match kind_of(path) {
        Some(ListKind::Csv) if sheet.is_some() => return Err(here.csv_has_no_sheets()),
        Some(ListKind::Csv) => {
            let text = decode_csv(path, bytes)?;
            Table {
                sheet: None,
                first_column: 1,
                lines: Lines::Csv(CsvLines::new(text, sniff_delimiter(text))),
            }
        }
        Some(ListKind::Spreadsheet) => read_sheet(path, bytes, sheet)?,
        None => return Err(here.not_a_list()),
    };
    let here = Here::new(path, table.sheet.as_deref());
    let first_column = table.first_column;
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut lines = table.lines;
    for line in lines.by_ref() {
        let mut cells = Vec::with_capacity(line.cells.len());
        for (j, cell) in line.cells.iter().enumerate() {
            let at = (line.number, Some(first_column + j), cell.span.clone());
            let text = cell.text.trim();
            if text.len() > MAX_TABLE_CELL && text.chars().nth(MAX_TABLE_CELL).is_some() {
                let message = crate::tr!(
                    "data-table-cell-too-long",
                    count = text.chars().count(),
                    limit = MAX_TABLE_CELL
                );
                problems.push(here.problem(at, message, crate::tr!("data-cell-pasted-hint")));
                cells.push(String::new());
                continue;
            }
            if let Some(found) = chars::misleading(text) {
                let message = crate::tr!(
                    "data-table-cell-char",
                    code = found.code(),
                    what = found.kind.describe()
                );
                problems.push(here.problem(at, message, crate::tr!("data-table-cell-char-hint")));
            }
            cells.push(text.to_string());
        }
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        if cells.is_empty() {
            continue;
        }
        if rows.len() == MAX_TABLE_ROWS {
            let message = crate::tr!("data-table-too-many-rows", limit = MAX_TABLE_ROWS);
            problems.push(here.problem(
                (line.number, None, line.span.clone()),
                message,
                crate::tr!("data-table-too-many-rows-hint"),
            ));
            break;
        }
        rows.push(CellRow {
            row: line.number,
            cells,
        });
    }
    if let Lines::Csv(csv) = &lines
        && let Some(at) = csv.unclosed.clone()
    {
        problems.push(super::unclosed_quote(&here, at));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    // A sheet often has a title above its header (`DANH SÁCH …` in one
    // cell): the header is the first row filled across more than half the
    // width of the widest row near the top.
    let widest = rows.iter().take(20).map(filled).max().unwrap_or(0);
    let header = rows
        .iter()
        .position(|r| filled(r) * 2 > widest && (filled(r) >= 2 || widest < 2))
        .unwrap_or(0);
    rows.drain(..header);
    Ok(rows)
}

/// How many cells of a row have text.
fn filled(row: &CellRow) -> usize {
    row.cells.iter().filter(|c| !c.is_empty()).count()
}

/// The delimiter of a table's CSV text: of `,`, `;` and tab, the one the
/// first line with text has most of (outside quotes); `,` if none.
fn sniff_delimiter(text: &str) -> u8 {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in line.bytes() {
        match b {
            b'"' => quoted = !quoted,
            _ if quoted => {}
            _ => {
                for (d, n) in &mut counts {
                    if *d == b {
                        *n += 1;
                    }
                }
            }
        }
    }
    counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(_, n)| *n)
        .map_or(b',', |(d, _)| *d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_with_their_numbers_and_delimiter() {
        let text = "Nội dung;Chủ trì;Thời gian\n\nXây dựng kế hoạch;\"Sở Tư pháp; Sở Nội vụ\";Tháng 1\n;;\nTổng kết;UBND;Tháng 12\n";
        let rows = read_cells(Path::new("t.csv"), text.as_bytes(), None).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].cells, ["Nội dung", "Chủ trì", "Thời gian"]);
        assert_eq!(rows[1].row, 3);
        assert_eq!(rows[1].cells[1], "Sở Tư pháp; Sở Nội vụ");
        assert_eq!(rows[2].row, 5);
    }

    #[test]
    fn a_title_above_the_header_is_left_out() {
        let text = "DANH MỤC NHIỆM VỤ\n(kèm theo kế hoạch)\nNội dung,Chủ trì,Thời gian\nHọp,UBND,Tháng 1\n";
        let rows = read_cells(Path::new("t.csv"), text.as_bytes(), None).unwrap();
        assert_eq!(rows[0].cells, ["Nội dung", "Chủ trì", "Thời gian"]);
        assert_eq!(rows.len(), 2);
        // A one-column table keeps its first row as the header.
        let rows = read_cells(Path::new("t.csv"), "Tên\nA\nB\n".as_bytes(), None).unwrap();
        assert_eq!(rows[0].cells, ["Tên"]);
    }

    #[test]
    fn a_misleading_cell_is_a_located_problem() {
        let text = "A,B\nx,\u{202e}y\n";
        let problems = read_cells(Path::new("t.csv"), text.as_bytes(), None).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(
            (problems[0].place.row, problems[0].place.column),
            (2, Some(2))
        );
        assert!(
            problems[0].message.contains("U+202E"),
            "{}",
            problems[0].message
        );
    }
}
