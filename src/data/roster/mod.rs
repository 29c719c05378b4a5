//! Delegate lists (danh sách đại biểu) kept in CSV or Excel, read into typed
//! records.
//!
//! Offices keep these lists in spreadsheets, so the reader takes them as they
//! are: columns are found by their Vietnamese headers in any order, a title
//! block above the header row is skipped, and every problem of a list is
//! reported at once with its file, row and column — and, for CSV, the byte
//! range of the cell, so the caller can show the line like a compiler does.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

mod cells;
mod columns;
mod csv;
mod sheet;

pub use cells::{CellRow, MAX_TABLE_CELL, MAX_TABLE_ROWS, read_cells};

use columns::{
    DELEGATE_FIELDS, Field, GUEST_VALUES, MEMBER_VALUES, closest_header, field_of, group_of,
    header_key, headers_of, known_columns, loose_key, quoted,
};
use csv::{CsvLines, decode_csv, delimiter_with};
pub use csv::{csv_delimiter, not_utf8_hint};
use sheet::{cell_of, phone_from_number, read_sheet};

/// Whether a delegate belongs to the unit holding the congress or is an invited guest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Group {
    /// A party member of the unit (`Đảng viên`).
    Member,
    /// An invited guest (`Khách mời`).
    Guest,
}

/// One delegate, all text NFC-normalised and trimmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Delegate {
    /// Full name (`Họ và tên`).
    pub name: String,
    /// Position (`Chức vụ`).
    #[serde(default)]
    pub position: Option<String>,
    /// Unit or workplace (`Đơn vị`).
    #[serde(default)]
    pub unit: Option<String>,
    /// Party member of the unit or invited guest (`Nhóm`).
    pub group: Group,
    /// How to address the delegate (`Danh xưng`): `Đồng chí`, `Ông`, `Bà`.
    #[serde(default)]
    pub salutation: Option<String>,
    /// Phone number (`Điện thoại`), as text: leading zeros are kept.
    #[serde(default)]
    pub phone: Option<String>,
}

/// Where a record or a problem is in the source list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The list file (shared by every row of the list).
    pub file: Arc<Path>,
    /// The sheet of a spreadsheet; `None` for CSV.
    pub sheet: Option<Arc<str>>,
    /// Row as the user sees it, 1-based: the Excel row number, or the line
    /// of a CSV file in an editor (where the record starts).
    pub row: usize,
    /// Column, 1-based (A = 1), when the problem is in one cell.
    pub column: Option<usize>,
}

/// A problem in a list file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterProblem {
    /// What is wrong, in one line.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// Where it is.
    pub place: Place,
    /// For CSV: the byte range of the offending cell (or the row) in the file
    /// text, so a caller can show the source line; None for xlsx.
    pub span: Option<Range<usize>>,
    /// For CSV, when it is certain: the text that replaces `span`
    /// (`vanban fix` applies it).
    pub fix: Option<String>,
}

/// A delegate with where it came from.
#[derive(Debug, Clone)]
pub struct Row {
    /// The delegate.
    pub delegate: Delegate,
    /// Its row (`column` is `None`).
    pub place: Place,
}

/// Reads a delegate list from its bytes; `path` names it in messages and
/// says what it is by its extension: `.csv` → CSV (UTF-8, with or without
/// BOM; delimiter `,`, `;` or tab, sniffed from the header line); `.xlsx`,
/// `.xlsm`, `.xlsb`, `.xls`, `.ods` → spreadsheet (the one visible sheet
/// that has data, or `sheet` if given).
///
/// `default_group` is the group of rows whose `Nhóm` cell is empty, and of
/// every row if the list has no such column.
///
/// Returns every row in list order, or every problem found (not just the first).
pub fn read(
    path: &Path,
    bytes: &[u8],
    sheet: Option<&str>,
    default_group: Option<Group>,
) -> Result<Vec<Row>, Vec<RosterProblem>> {
    let here = Here::new(path, sheet);
    match kind_of(path) {
        Some(ListKind::Csv) if sheet.is_some() => Err(here.csv_has_no_sheets()),
        Some(ListKind::Csv) => {
            let text = decode_csv(path, bytes)?;
            let table = Table {
                sheet: None,
                first_column: 1,
                lines: Lines::Csv(CsvLines::new(text, delimiter_with(text))),
            };
            interpret(path, table, default_group, Some(text))
        }
        Some(ListKind::Spreadsheet) => {
            interpret(path, read_sheet(path, bytes, sheet)?, default_group, None)
        }
        None => Err(here.not_a_list()),
    }
}

/// What a list file is, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// CSV text.
    Csv,
    /// An Excel or OpenDocument spreadsheet.
    Spreadsheet,
}

/// The kind of list at `path`, by its extension; `None` if it is neither.
pub fn kind_of(path: &Path) -> Option<ListKind> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    match ext.to_lowercase().as_str() {
        "csv" => Some(ListKind::Csv),
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Some(ListKind::Spreadsheet),
        _ => None,
    }
}

/// NFC, trimmed, every run of white space (non-breaking space included) as
/// one space; invisible characters (zero-width spaces, stray BOMs pasted
/// from the web) dropped. (Between two letters such a character is an
/// error first: see [`cells_that_mislead`].)
fn clean(s: &str) -> String {
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    // Most cells are clean already: one pass to tell, no allocation but the copy.
    let tidy = !s.starts_with(char::is_whitespace)
        && !s.ends_with(char::is_whitespace)
        && !s.contains(|c| crate::chars::kind(c) == Some(crate::chars::Kind::Invisible))
        && !s
            .as_bytes()
            .windows(2)
            .any(|w| w[0] == b' ' && w[1] == b' ')
        && !s.contains(|c: char| c.is_whitespace() && c != ' ');
    if tidy && is_nfc_quick(s.chars()) == IsNormalized::Yes {
        return s.to_string();
    }
    let strip = |c: &char| crate::chars::kind(*c) != Some(crate::chars::Kind::Invisible);
    // Most cells are already NFC: skip the (costly) recomposition then.
    let s: String = if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        s.chars().filter(strip).collect()
    } else {
        s.nfc().filter(strip).collect()
    };
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How a spreadsheet stored a cell; CSV cells are all text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Number,
    Error,
}

/// A cell as read, before cleaning.
#[derive(Debug)]
struct Cell {
    text: String,
    kind: Kind,
    span: Option<Range<usize>>,
}

/// A row as read: its number as the user sees it, and for CSV its bytes.
#[derive(Debug)]
struct Line {
    number: usize,
    cells: Vec<Cell>,
    span: Option<Range<usize>>,
}

impl Line {
    fn texts(&self) -> Vec<String> {
        self.cells.iter().map(|c| clean(&c.text)).collect()
    }

    fn filled(&self) -> usize {
        self.texts().iter().filter(|t| !t.is_empty()).count()
    }

    /// The cell's bytes if it has any, else the row's: a caret under an
    /// empty cell between two commas is hard to see.
    fn span_of(&self, j: usize) -> Option<Range<usize>> {
        match self.cells.get(j).and_then(|c| c.span.clone()) {
            Some(s) if !s.is_empty() => Some(s),
            _ => self.span.clone(),
        }
    }
}

/// A sheet or CSV file as rows of cells, read one at a time (a list of
/// 100,000 rows is not held as cells); cell `j` is in column
/// `first_column + j`.
struct Table<'t> {
    sheet: Option<String>,
    first_column: usize,
    lines: Lines<'t>,
}

/// The rows of a table, made as they are read.
enum Lines<'t> {
    Csv(CsvLines<'t>),
    Sheet {
        range: calamine::Range<calamine::Data>,
        /// The next row, from the range's first.
        next: usize,
    },
}

impl Iterator for Lines<'_> {
    type Item = Line;

    fn next(&mut self) -> Option<Line> {
        match self {
            Lines::Csv(csv) => csv.next(),
            Lines::Sheet { range, next } => {
                let (top, _) = range.start()?;
                let cells = range.rows().nth(*next)?;
                let line = Line {
                    number: top as usize + *next + 1,
                    cells: cells.iter().map(cell_of).collect(),
                    span: None,
                };
                *next += 1;
                Some(line)
            }
        }
    }
}

/// Row, column and span of a problem.
type At = (usize, Option<usize>, Option<Range<usize>>);

/// The file (and sheet) problems are in.
struct Here<'a> {
    file: &'a Path,
    sheet: Option<&'a str>,
}

impl<'a> Here<'a> {
    fn new(file: &'a Path, sheet: Option<&'a str>) -> Self {
        Self { file, sheet }
    }

    fn problem(
        &self,
        at: At,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> RosterProblem {
        let (row, column, span) = at;
        let sheet = self.sheet.map(Arc::from);
        RosterProblem {
            message: message.into(),
            hint: Some(hint.into()),
            place: Place {
                file: Arc::from(self.file),
                sheet,
                row,
                column,
            },
            span,
            fix: None,
        }
    }

    /// A problem with the file as a whole, placed at its first row.
    fn whole(&self, message: String, hint: impl Into<String>) -> Vec<RosterProblem> {
        vec![self.problem((1, None, None), message, hint)]
    }

    /// A sheet asked of a CSV file.
    fn csv_has_no_sheets(&self) -> Vec<RosterProblem> {
        let message = crate::tr!(
            "data-csv-has-no-sheets",
            path = self.file.display().to_string()
        );
        self.whole(message, crate::tr!("data-csv-has-no-sheets-hint"))
    }

    /// A file that is neither CSV nor a spreadsheet, by its extension.
    fn not_a_list(&self) -> Vec<RosterProblem> {
        let message = crate::tr!("data-not-a-list", path = self.file.display().to_string());
        self.whole(message, crate::tr!("data-not-a-list-hint"))
    }
}

/// Finds the header row: the first row with a name header, past a title
/// block of rows with at most two filled cells (`DANH SÁCH ĐẠI BIỂU`, or the
/// unit's name beside `ĐẢNG CỘNG SẢN VIỆT NAM`). Without one, `Err` holds
/// the row most likely meant as the header, to say what it has instead.
/// No accepted header is longer than this (in UTF-8 bytes, with room for
/// spaces and a trailing `*`).
const MAX_HEADER_BYTES: usize = 64;

fn header_row(lines: &[Line]) -> Result<usize, Option<usize>> {
    for (i, line) in lines.iter().enumerate() {
        if is_header(line) {
            return Ok(i);
        }
        if line.filled() > 2 {
            return Err(Some(i));
        }
    }
    Err(lines.iter().position(|l| l.filled() > 0))
}

/// Whether `line` is the header row: it has a name header.
fn is_header(line: &Line) -> bool {
    line.cells
        .iter()
        // A header is short; a whole line read with the wrong delimiter is not.
        .any(|c| c.text.len() <= MAX_HEADER_BYTES && field_of(&c.text) == Some(Field::Name))
}

/// The header row, read: what each column holds.
struct Columns {
    titles: Vec<String>,
    /// The field of each column; `None` for empty, unknown and repeated headers.
    fields: Vec<Option<Field>>,
    first_column: usize,
}

impl Columns {
    fn index(&self, f: Field) -> Option<usize> {
        self.fields.iter().position(|x| *x == Some(f))
    }

    /// The header of a field's column as written, for messages.
    fn title(&self, f: Field) -> &str {
        self.index(f).map_or(headers_of(f)[0], |j| &self.titles[j])
    }

    fn at(&self, line: &Line, j: usize) -> At {
        (line.number, Some(self.first_column + j), line.span_of(j))
    }

    fn read(
        header: &Line,
        first_column: usize,
        here: &Here,
        problems: &mut Vec<RosterProblem>,
    ) -> Self {
        let titles = header.texts();
        let mut columns = Columns {
            titles: titles.clone(),
            fields: Vec::new(),
            first_column,
        };
        for (j, title) in titles.iter().enumerate() {
            let mut field = field_of(title);
            let at = columns.at(header, j);
            match field {
                None if !title.is_empty() => {
                    let (known, ignored) = known_columns();
                    let hint = match closest_header(title) {
                        Some(c) if loose_key(c) == loose_key(title) => crate::tr!(
                            "data-unknown-column-accents-hint",
                            guess = c,
                            known = known,
                            ignored = ignored
                        ),
                        Some(c) => crate::tr!(
                            "data-unknown-column-guess-hint",
                            guess = c,
                            known = known,
                            ignored = ignored
                        ),
                        None => {
                            crate::tr!("data-unknown-column-hint", known = known, ignored = ignored)
                        }
                    };
                    let message = crate::tr!("data-unknown-column", column = title);
                    problems.push(here.problem(at, message, hint));
                }
                Some(f) if columns.index(f).is_some() && DELEGATE_FIELDS.contains(&f) => {
                    let message = crate::tr!(
                        "data-column-repeats",
                        column = title,
                        first = columns.title(f)
                    );
                    let hint = crate::tr!("data-column-repeats-hint");
                    problems.push(here.problem(at, message, hint));
                    field = None;
                }
                _ => {}
            }
            columns.fields.push(field);
        }
        columns
    }
}

/// Turns the rows of a table into delegates, or lists all that is wrong.
fn interpret(
    path: &Path,
    table: Table,
    default_group: Option<Group>,
    text: Option<&str>,
) -> Result<Vec<Row>, Vec<RosterProblem>> {
    let Table {
        sheet,
        first_column,
        mut lines,
    } = table;
    let mut problems = Vec::new();
    let here = Here::new(path, sheet.as_deref());
    // The header row: past a title block of rows with at most two filled
    // cells. The rows before it are not kept (but the first filled one,
    // to say what was found if there is no header).
    let mut first_filled: Option<Line> = None;
    let header = loop {
        let Some(line) = lines.next() else {
            break Err(first_filled);
        };
        if is_header(&line) {
            break Ok(line);
        }
        if line.filled() > 2 {
            break Err(Some(line));
        }
        if first_filled.is_none() && line.filled() > 0 {
            first_filled = Some(line);
        }
    };
    let header = match header {
        Ok(line) => line,
        // Without names nothing else can be checked, and the header row is
        // only a guess: one problem, naming what was found.
        Err(found) => {
            let line = found.as_ref();
            let mut headers = line.map(Line::texts).unwrap_or_default();
            headers.retain(|t| !t.is_empty());
            let names = quoted(headers_of(Field::Name));
            let hint = if headers.is_empty() {
                crate::tr!("data-no-name-column-hint-none", names = names)
            } else {
                crate::tr!(
                    "data-no-name-column-hint",
                    names = names,
                    found = quoted(&headers)
                )
            };
            let at = line.map_or((1, None, None), |l| (l.number, None, l.span.clone()));
            let message = crate::tr!("data-missing-column", column = "Họ và tên");
            problems.push(here.problem(at, message, hint));
            if let Lines::Csv(csv) = &lines
                && let Some(at) = csv.unclosed.clone()
            {
                problems.push(unclosed_quote(&here, at));
            }
            return Err(problems);
        }
    };
    let header = &header;
    let columns = Columns::read(header, first_column, &here, &mut problems);
    if columns.index(Field::Group).is_none() && default_group.is_none() {
        let hint = crate::tr!(
            "data-no-group-column-hint",
            names = quoted(headers_of(Field::Group)),
            members = quoted(MEMBER_VALUES),
            guests = quoted(GUEST_VALUES),
        );
        let at = (header.number, None, header.span.clone());
        let message = crate::tr!("data-missing-column", column = "Nhóm");
        problems.push(here.problem(at, message, hint));
    }
    let mut headless = Vec::new();
    let mut rows = Vec::new();
    // One copy of the file's name and sheet for all its rows.
    let file: Arc<Path> = Arc::from(path);
    let sheet: Option<Arc<str>> = sheet.as_deref().map(Arc::from);
    for line in lines.by_ref() {
        let line = &line;
        let before = problems.len();
        let delegate = read_row(
            &columns,
            line,
            default_group,
            &here,
            &mut problems,
            &mut headless,
        );
        cells_that_mislead(&columns, line, &here, text, &mut problems);
        if let (Some(delegate), true) = (delegate, problems.len() == before) {
            let place = Place {
                file: file.clone(),
                sheet: sheet.clone(),
                row: line.number,
                column: None,
            };
            rows.push(Row { delegate, place });
        }
    }
    if let Lines::Csv(csv) = &lines
        && let Some(at) = csv.unclosed.clone()
    {
        problems.push(unclosed_quote(&here, at));
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

/// The problem of a quote that is never closed, at `at`.
fn unclosed_quote(here: &Here, at: At) -> RosterProblem {
    let message = crate::tr!("data-unclosed-quote");
    let hint = crate::tr!("data-unclosed-quote-hint");
    here.problem(at, message, hint)
}

/// Reads one row below the header; `None` for a row with no delegate, or
/// one whose problems were added to `problems`.
fn read_row(
    columns: &Columns,
    line: &Line,
    default_group: Option<Group>,
    here: &Here,
    problems: &mut Vec<RosterProblem>,
    headless: &mut Vec<usize>,
) -> Option<Delegate> {
    let texts = line.texts();
    // A row with nothing but a number in `STT` is an unfilled line of a
    // pre-numbered template, or a total under the table: no delegate.
    let numbered = |j: usize| columns.fields.get(j) == Some(&Some(Field::Numbering));
    if texts
        .iter()
        .enumerate()
        .all(|(j, t)| t.is_empty() || numbered(j))
    {
        return None;
    }
    // Data under no header would be dropped without a word: say so, once a column.
    for (j, text) in texts.iter().enumerate() {
        let headed = columns.titles.get(j).is_some_and(|t| !t.is_empty());
        if !text.is_empty() && !headed && !headless.contains(&j) {
            headless.push(j);
            let (known, ignored) = known_columns();
            let hint = crate::tr!(
                "data-headless-column-hint",
                known = known,
                ignored = ignored
            );
            let message = crate::tr!("data-headless-column", text = text);
            problems.push(here.problem(columns.at(line, j), message, hint));
        }
    }
    // A field's cell in this row: (index, clean text, kind).
    let get = |f: Field| {
        let j = columns.index(f)?;
        let kind = line.cells.get(j).map_or(Kind::Text, |c| c.kind);
        Some((j, texts.get(j).cloned().unwrap_or_default(), kind))
    };
    for f in DELEGATE_FIELDS {
        if let Some((j, text, Kind::Error)) = get(f) {
            let message = crate::tr!("data-excel-error", error = text, column = columns.title(f));
            problems.push(here.problem(
                columns.at(line, j),
                message,
                crate::tr!("data-excel-error-hint"),
            ));
        }
    }
    let value = |f: Field| get(f).filter(|(_, t, kind)| !t.is_empty() && *kind != Kind::Error);
    let text = |f: Field| value(f).map(|(_, t, _)| t);
    let name = text(Field::Name);
    if get(Field::Name).is_some_and(|(_, t, _)| t.is_empty()) {
        let message = crate::tr!(
            "data-row-no-name",
            row = line.number,
            column = columns.title(Field::Name)
        );
        let at = columns.at(line, columns.index(Field::Name).unwrap_or(0));
        problems.push(here.problem(at, message, crate::tr!("data-row-no-name-hint")));
    }
    let group_column = columns.title(Field::Group);
    let group = match get(Field::Group) {
        Some((j, text, Kind::Text | Kind::Number)) if !text.is_empty() => {
            let group = group_of(&text);
            if group.is_none() {
                let message = crate::tr!("data-not-a-group", value = &text, column = group_column);
                let hint = crate::tr!(
                    "data-not-a-group-hint",
                    members = quoted(MEMBER_VALUES),
                    guests = quoted(GUEST_VALUES)
                );
                problems.push(here.problem(columns.at(line, j), message, hint));
            }
            group
        }
        Some((j, _, Kind::Text | Kind::Number)) if default_group.is_none() => {
            let message = crate::tr!(
                "data-row-no-group",
                row = line.number,
                column = group_column
            );
            let hint = crate::tr!("data-row-no-group-hint");
            problems.push(here.problem(columns.at(line, j), message, hint));
            None
        }
        _ => default_group,
    };
    Some(Delegate {
        name: name?,
        position: text(Field::Position),
        unit: text(Field::Unit),
        group: group?,
        salutation: text(Field::Salutation),
        phone: value(Field::Phone).map(|(_, t, kind)| match kind {
            Kind::Number => phone_from_number(&t),
            _ => t,
        }),
    })
}

/// Longest name, in characters.
pub const MAX_NAME: usize = 100;
/// Longest cell (a position, a unit), in characters.
pub const MAX_CELL: usize = 1_000;

/// At most this many misleading characters of one cell are reported one
/// by one (each with its fix); the rest are counted in one problem.
const MAX_FOUND_PER_CELL: usize = 3;

/// Problems of the cells of a row that do not print as typed: too long (a
/// 10 MB cell pasted by mistake), holding a control, bidirectional or
/// invisible character (an invisible space at the edge of a cell, pasted
/// from the web, is only dropped), or a name or position with no letter
/// that prints. `text` is a CSV list's text, to place a fix.
fn cells_that_mislead(
    columns: &Columns,
    line: &Line,
    here: &Here,
    text: Option<&str>,
    problems: &mut Vec<RosterProblem>,
) {
    use crate::chars::{self, Kind};
    for f in DELEGATE_FIELDS {
        let (Some(j), title) = (columns.index(f), columns.title(f)) else {
            continue;
        };
        let Some(cell) = line.cells.get(j) else {
            continue;
        };
        let raw = cell.text.as_str();
        let limit = if f == Field::Name { MAX_NAME } else { MAX_CELL };
        // Counted without reading a huge cell through.
        if raw.len() > limit && raw.chars().nth(limit).is_some() {
            let count = raw.chars().count();
            let message = if f == Field::Name {
                crate::tr!(
                    "data-name-cell-too-long",
                    count = count,
                    column = title,
                    limit = limit
                )
            } else {
                crate::tr!(
                    "data-cell-too-long",
                    count = count,
                    column = title,
                    limit = limit
                )
            };
            let hint = crate::tr!("data-cell-pasted-hint");
            problems.push(here.problem(columns.at(line, j), message, hint));
            continue;
        }
        let edge = |c: char| c.is_whitespace() || chars::kind(c) == Some(Kind::Invisible);
        let inner = raw.trim_start_matches(edge);
        let inner = &inner[..inner.trim_end_matches(edge).len()];
        let offset = raw.len() - raw.trim_start_matches(edge).len();
        // Each one with its fix, the first few of a cell; the others are
        // counted (a cell of a damaged file may hold thousands).
        let mut at = 0;
        let mut found = 0usize;
        while let Some(next) = chars::misleading(&inner[at..]) {
            let found_here = chars::Finding {
                at: offset + at + next.at,
                ..next
            };
            at = found_here.at - offset + found_here.char.len_utf8();
            found += 1;
            if found > MAX_FOUND_PER_CELL {
                continue;
            }
            let found = found_here;
            let message = crate::tr!(
                "data-char-in-cell",
                what = found.kind.describe(),
                code = found.code(),
                column = title
            );
            let mut p = crate::data::limits::character_problem(&found, raw);
            // The character's own bytes in the file, for `vanban fix`: the
            // cell's bytes are its text (quotes aside, which are not it).
            let exact = text.zip(line.span_of(j)).and_then(|(text, span)| {
                let cell = text.get(span.clone())?;
                // The same occurrence: as many of that character before it.
                let nth = raw[..found.at].matches(found.char).count();
                let (k, _) = cell.match_indices(found.char).nth(nth)?;
                Some(span.start + k..span.start + k + found.char.len_utf8())
            });
            let mut problem = here.problem(columns.at(line, j), message, p.hints.remove(0));
            if let Some(exact) = exact {
                problem.span = Some(exact);
                problem.fix = p.fix;
            }
            problems.push(problem);
        }
        if found > MAX_FOUND_PER_CELL {
            let message = crate::tr!(
                "data-more-chars-in-cell",
                count = found - MAX_FOUND_PER_CELL,
                column = title
            );
            let hint = crate::tr!("data-more-chars-in-cell-hint");
            problems.push(here.problem(columns.at(line, j), message, hint));
        }
        if found > 0 {
            continue;
        }
        if matches!(f, Field::Name | Field::Position) {
            let clean = clean(raw);
            if !clean.is_empty() && !chars::has_visible_letter(&clean) {
                let message = crate::tr!(
                    "data-cell-no-printing-letter",
                    row = line.number,
                    text = &clean,
                    codes = chars::codes(&clean),
                    column = title
                );
                let hint = crate::tr!("data-cell-no-printing-letter-hint");
                problems.push(here.problem(columns.at(line, j), message, hint));
            }
        }
    }
}

#[cfg(test)]
mod tests;
