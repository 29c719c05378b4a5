//! Delegate lists in spreadsheets (Excel, OpenDocument), read with
//! calamine: the sheet is the one named, or the one visible sheet with
//! data; a reader that panics on a damaged file is a problem, not a crash.

use std::path::Path;

use calamine::{Data, Reader};

use super::{Cell, Here, Kind, Lines, RosterProblem, Table, header_key, quoted};

/// Reads a sheet of a spreadsheet with calamine.
pub(super) fn read_sheet(
    path: &Path,
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<Table<'static>, Vec<RosterProblem>> {
    // A damaged file can make the spreadsheet reader panic (the fuzzer found
    // an overflow on a malformed cell reference): that is a file it cannot
    // read, not a crash, and the panic's own message is not shown.
    quiet_panics(|| read_sheet_unguarded(path, bytes, sheet)).unwrap_or_else(|| {
        let message = crate::tr!("data-sheet-damaged", path = path.display().to_string());
        Err(Here::new(path, sheet).whole(message, crate::tr!("data-sheet-damaged-hint")))
    })
}

thread_local! {
    /// Set while [`quiet_panics`] runs on this thread.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`; `None` if it panicked, without the panic's message on stderr
/// (the panic hook, installed once, stays silent on a thread inside here
/// and defers to the previous hook everywhere else).
pub(super) fn quiet_panics<T>(f: impl FnOnce() -> T) -> Option<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result.ok()
}

pub(super) fn read_sheet_unguarded(
    path: &Path,
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<Table<'static>, Vec<RosterProblem>> {
    let here = Here::new(path, sheet);
    let mut book =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|e| {
            let message = crate::tr!(
                "data-sheet-unreadable",
                path = path.display().to_string(),
                reason = e.to_string()
            );
            here.whole(message, crate::tr!("data-sheet-unreadable-hint"))
        })?;
    let sheets = book.sheets_metadata().to_vec();
    let quoted_names = |names: &mut dyn Iterator<Item = &str>| quoted(&names.collect::<Vec<_>>());
    let read = |book: &mut calamine::Sheets<_>, name: &str| {
        book.worksheet_range(name).map_err(|e| {
            let message = crate::tr!(
                "data-sheet-read-failed",
                sheet = name,
                path = path.display().to_string(),
                reason = e.to_string()
            );
            here.whole(message, crate::tr!("data-sheet-read-failed-hint"))
        })
    };
    let (name, range) = match sheet {
        // Sheet names are typed by hand in the YAML: forgive case and
        // spacing. A sheet asked for by name is read even if hidden.
        Some(s) => {
            let Some(found) = sheets.iter().find(|n| header_key(&n.name) == header_key(s)) else {
                let message = crate::tr!(
                    "data-no-such-sheet",
                    path = path.display().to_string(),
                    sheet = s
                );
                let hint = crate::tr!(
                    "data-no-such-sheet-hint",
                    sheets = quoted_names(&mut sheets.iter().map(|s| s.name.as_str()))
                );
                return Err(here.whole(message, hint));
            };
            (found.name.clone(), read(&mut book, &found.name)?)
        }
        // Otherwise the one visible sheet with data: a list spread over
        // two sheets, or a hidden sheet of old data, must not be read as
        // the list by chance.
        None => {
            let mut with_data = Vec::new();
            for s in sheets
                .iter()
                .filter(|s| s.visible == calamine::SheetVisible::Visible)
            {
                let Ok(range) = book.worksheet_range(&s.name) else {
                    continue;
                };
                if range
                    .used_cells()
                    .any(|(_, _, d)| !d.to_string().trim().is_empty())
                {
                    with_data.push((s.name.clone(), range));
                }
            }
            let hidden: Vec<&str> = sheets
                .iter()
                .filter(|s| s.visible != calamine::SheetVisible::Visible)
                .map(|s| s.name.as_str())
                .collect();
            match with_data.len() {
                1 => with_data.remove(0),
                0 => {
                    let message =
                        crate::tr!("data-no-sheet-with-data", path = path.display().to_string());
                    let hint = if hidden.is_empty() {
                        crate::tr!("data-no-sheet-with-data-hint")
                    } else {
                        crate::tr!(
                            "data-no-sheet-with-data-hidden-hint",
                            hidden = quoted(&hidden)
                        )
                    };
                    return Err(here.whole(message, hint));
                }
                n => {
                    let names: Vec<&str> = with_data.iter().map(|(n, _)| n.as_str()).collect();
                    let message = crate::tr!(
                        "data-sheets-with-data",
                        path = path.display().to_string(),
                        count = n,
                        sheets = quoted(&names)
                    );
                    let hint = crate::tr!("data-sheets-with-data-hint", first = names[0]);
                    return Err(here.whole(message, hint));
                }
            }
        }
    };
    let (_, left) = range.start().unwrap_or((0, 0));
    Ok(Table {
        sheet: Some(name),
        first_column: left as usize + 1,
        lines: Lines::Sheet { range, next: 0 },
    })
}

pub(super) fn cell_of(data: &Data) -> Cell {
    let (text, kind) = match data {
        Data::String(s) => (s.clone(), Kind::Text),
        Data::Int(i) => (i.to_string(), Kind::Number),
        // Whole numbers print without “.0”: 912345678, not 912345678.0.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
            ((*f as i64).to_string(), Kind::Number)
        }
        Data::Float(f) => (f.to_string(), Kind::Number),
        Data::Error(e) => (e.to_string(), Kind::Error),
        other => (other.to_string(), Kind::Text),
    };
    Cell {
        text,
        kind,
        span: None,
    }
}

/// Restores the leading zero of a phone number Excel stored as a number.
///
/// `0912345678` typed into a General cell without a leading apostrophe is
/// kept as the number 912345678. Vietnamese numbers written nationally start
/// with 0: mobiles have 10 digits (03x, 05x, 07x, 08x, 09x) and landlines 11
/// (02xx…). So 9 digits starting with 3, 5, 7, 8 or 9, or 10 digits starting
/// with 2, have lost their zero and get it back; any other number is left as
/// it is, since a wrong guess would be worse than what was typed.
pub(super) fn phone_from_number(digits: &str) -> String {
    let lost_zero = digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(
            (digits.len(), digits.as_bytes().first()),
            (9, Some(b'3' | b'5' | b'7' | b'8' | b'9')) | (10, Some(b'2'))
        );
    if lost_zero {
        format!("0{digits}")
    } else {
        digits.to_string()
    }
}
