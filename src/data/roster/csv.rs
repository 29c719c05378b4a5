//! Delegate lists in CSV: decoded (UTF-8, with or without a byte-order
//! mark), the delimiter guessed, and records read one at a time with the
//! byte ranges of their cells.

use std::ops::Range;
use std::path::Path;

use super::{At, Cell, Here, Kind, Line, RosterProblem, header_row};

/// The records of CSV text, each a [`Line`] with the byte ranges of its
/// cells; reading stops at a quote that is never closed ([`CsvLines::unclosed`]).
pub(super) struct CsvLines<'t> {
    text: &'t str,
    delimiter: u8,
    reader: csv::Reader<&'t [u8]>,
    record: csv::StringRecord,
    /// Where the last record ended, and its line number.
    counted: usize,
    number: usize,
    /// The place of a quote left open, once it is met.
    pub(super) unclosed: Option<At>,
}

impl<'t> CsvLines<'t> {
    pub(super) fn new(text: &'t str, delimiter: u8) -> Self {
        Self {
            text,
            delimiter,
            reader: csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delimiter)
                .from_reader(text.as_bytes()),
            record: csv::StringRecord::new(),
            counted: 0,
            number: 1,
            unclosed: None,
        }
    }
}

impl Iterator for CsvLines<'_> {
    type Item = Line;

    fn next(&mut self) -> Option<Line> {
        let text = self.text;
        // The text is UTF-8 and rows may differ in length, so reading cannot fail.
        if self.unclosed.is_some() || !matches!(self.reader.read_record(&mut self.record), Ok(true))
        {
            return None;
        }
        // The reader's position is where the previous record ended, before
        // its line break and any blank lines: skip them, and count lines
        // here, since its line number lags the same way.
        let after = self
            .record
            .position()
            .map_or(self.counted, |p| p.byte() as usize);
        let start = text.len() - text[after..].trim_start_matches(['\r', '\n']).len();
        self.number += text[self.counted..start]
            .bytes()
            .filter(|&b| b == b'\n')
            .count();
        self.counted = start;
        let (spans, end, unclosed) = scan_record(text, start, self.delimiter);
        if let (true, Some(cell)) = (unclosed, spans.last()) {
            self.unclosed = Some((
                self.number,
                Some(spans.len()),
                Some(cell.start..cell.start + 1),
            ));
            return None;
        }
        // The csv crate gives no cell offsets; the scan's are used when it
        // agrees on the number of cells, as it should.
        let agree = spans.len() == self.record.len();
        let mut spans = spans.into_iter();
        let cells = self
            .record
            .iter()
            .map(|text| Cell {
                text: text.into(),
                kind: Kind::Text,
                span: spans.next().filter(|_| agree),
            })
            .collect();
        Some(Line {
            number: self.number,
            cells,
            span: Some(start..end),
        })
    }
}

/// A CSV file's bytes as UTF-8 text without its BOM.
pub(super) fn decode_csv<'b>(path: &Path, bytes: &'b [u8]) -> Result<&'b str, Vec<RosterProblem>> {
    let here = Here::new(path, None);
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        let path = path.display().to_string();
        let message = match bytes.get(at) {
            Some(b) => crate::tr!(
                "data-not-utf8",
                path = path,
                byte = format!("0x{b:02X}"),
                line = line
            ),
            None => crate::tr!("data-not-utf8-end", path = path, line = line),
        };
        vec![here.problem((line, None, None), message, not_utf8_hint())]
    })
}

/// What to do with a text file that is not UTF-8: the usual cause.
pub fn not_utf8_hint() -> String {
    crate::tr!("data-not-utf8-hint")
}

/// The delimiter of a delegate list's CSV text (`,`, `;` or tab), as the
/// loader reads it: for whoever reads the cells again (`vanban check`).
pub fn csv_delimiter(text: &str) -> u8 {
    delimiter_with(text)
}

pub(super) fn delimiter_with(text: &str) -> u8 {
    // Each delimiter is tried: the right one is the one under which a name
    // header stands in a cell of its own. Counting separators in the first
    // line is not enough: `Họ, tên` has a comma in a `;` file, and a title
    // line above the header may have none.
    let score = |delimiter| {
        // Scored on the first rows only (the header is near the top); the
        // caller then reads the whole list once, with the winner.
        let lines: Vec<Line> = CsvLines::new(text, delimiter).take(SNIFF_ROWS).collect();
        match header_row(&lines) {
            Ok(i) => (true, lines[i].filled()),
            Err(i) => (false, i.map_or(0, |i| lines[i].filled())),
        }
    };
    let mut best = (b',', score(b','));
    for delimiter in [b';', b'\t'] {
        let score = score(delimiter);
        if score > best.1 {
            best = (delimiter, score);
        }
    }
    best.0
}

/// Rows read to guess a CSV file's delimiter: room for a title block above
/// the header row.
const SNIFF_ROWS: usize = 40;

/// Cell ranges, end and whether a quote is left open, of the record at
/// `start`, found the way csv-core reads it: a quote opens a quoted cell only
/// as its first character, `""` inside is a quote, and a line break inside
/// quotes belongs to the cell.
pub(super) fn scan_record(
    text: &str,
    start: usize,
    delimiter: u8,
) -> (Vec<Range<usize>>, usize, bool) {
    let b = text.as_bytes();
    let (mut cells, mut cell_start, mut quoted, mut i) = (Vec::new(), start, false, start);
    while i < b.len() {
        match b[i] {
            b'"' if quoted && b.get(i + 1) == Some(&b'"') => i += 1,
            b'"' if quoted => quoted = false,
            b'"' if i == cell_start => quoted = true,
            _ if quoted => {}
            c if c == delimiter => {
                cells.push(cell_start..i);
                cell_start = i + 1;
            }
            b'\n' | b'\r' => break,
            _ => {}
        }
        i += 1;
    }
    cells.push(cell_start..i);
    (cells, i, quoted)
}
