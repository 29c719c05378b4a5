//! From a parsed data file to a resolved project: delegate lists read (from
//! the YAML or from CSV / Excel files beside it), and the plan's counts
//! computed from them — a count that the data also states must agree.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use unicode_normalization::UnicodeNormalization;

use super::images::{self, Images};
use super::model::{
    DataFile, Delegate, DelegateFile, Delegates, Event, Group, InvitationSpec, Paper, PrintLayout,
};
use super::roster;
use super::unreadable;
use super::{Loaded, locate_issues};
use crate::error::{DataIssue, DataPath, Error, Problem, SourceFile};
use crate::input::{self, Confine, InputError};

/// The data with every delegate list read and every count known.
#[derive(Debug)]
pub struct Project {
    /// The data file, parsed.
    pub data: DataFile,
    /// Its text, for messages.
    pub file: SourceFile,
    /// Events with their delegates, in data order.
    pub events: Vec<ResolvedEvent>,
    /// Members and invited delegates per unit id.
    pub counts: HashMap<String, Counts>,
    /// The rows of each file read as cells (header first), by the place
    /// that names it in the data (`body[2].table`, `meeting.invitees`).
    pub tables: HashMap<String, Vec<roster::CellRow>>,
    /// The signature and seal images the data names, read and checked.
    pub images: Images,
}

/// Members and invited delegates of a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Party members of the unit.
    pub members: u32,
    /// Invited delegates.
    pub invited: u32,
}

/// An event with its delegate list read.
#[derive(Debug)]
pub struct ResolvedEvent {
    /// Position in `events`.
    pub index: usize,
    /// The event as written.
    pub event: Event,
    /// Its delegates, in list order.
    pub delegates: Vec<Delegate>,
    /// Where the list came from (`the YAML` or a file name), for messages.
    pub source: String,
    /// The text the delegates were read from (the YAML file, or a CSV
    /// list), to point at a bad character; `None` for a spreadsheet.
    pub list: Option<SourceFile>,
    /// Where each delegate is in its list file (`None` for delegates
    /// written in the YAML: their place is `events[i].delegates[j]`).
    pub places: Vec<Option<roster::Place>>,
}

/// Reads every delegate list (from the folder `base` of the data file, as
/// `confine` allows) and computes the counts; reports every problem.
pub fn resolve(loaded: Loaded<DataFile>, base: &Path, confine: &Confine) -> Result<Project, Error> {
    let Loaded { data, file } = loaded;
    let mut problems: Vec<Problem> = Vec::new();
    let mut issues: Vec<DataIssue> = Vec::new();
    let mut events = Vec::new();
    let mut seen_units: HashMap<&str, usize> = HashMap::new();

    // Lists are read on all cores at once: a spreadsheet takes a few
    // milliseconds to unpack, and a rebuild after a one-name edit is not
    // much longer than that.
    let mut read: Vec<Option<Result<List, InputError>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = data
            .events
            .iter()
            .map(|event| match &event.delegates {
                Delegates::File(f) => Some(scope.spawn(move || read_list(confine, base, f))),
                Delegates::List(_) => None,
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.and_then(|h| h.join().ok()))
            .collect()
    });
    for (i, event) in data.events.iter().enumerate() {
        let here = DataPath::new().key("events").index(i);
        if !data.units.iter().any(|u| u.id == event.unit) {
            issues.push(DataIssue::new(
                here.clone().key("unit"),
                crate::tr!("data-no-such-unit", unit = &event.unit),
                crate::tr!(
                    "data-no-such-unit-hint",
                    units = data
                        .units
                        .iter()
                        .map(|u| u.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        if let Some(first) = seen_units.insert(event.unit.as_str(), i) {
            issues.push(DataIssue::new(
                here.clone().key("unit"),
                crate::tr!(
                    "data-unit-has-event",
                    unit = &event.unit,
                    first = first.to_string()
                ),
                crate::tr!("data-unit-has-event-hint"),
            ));
        }
        issues.extend(print_layout(
            &event.invitation,
            here.clone().key("invitation"),
        ));
        if let Delegates::List(list) = &event.delegates {
            for (j, d) in list.iter().enumerate() {
                let at = here.clone().key("delegates").index(j);
                let name = at.clone().key("name");
                issues.extend(unprintable(name, &d.name, roster::MAX_NAME, true));
                if let Some(position) = &d.position {
                    let position_at = at.key("position");
                    issues.extend(unprintable(position_at, position, roster::MAX_CELL, false));
                }
            }
        }
        let (delegates, source, list, places) = match &event.delegates {
            Delegates::List(list) => (
                list.iter().map(normalise).collect(),
                file.name.clone(),
                Some(file.clone()),
                vec![None; list.len()],
            ),
            Delegates::File(f) => match read[i].take() {
                Some(Ok((text, Ok(rows)))) => {
                    // Exactly as long as the list: a collect in place would
                    // keep the rows' larger (and doubled) allocation.
                    let mut places = Vec::with_capacity(rows.len());
                    let mut delegates = Vec::with_capacity(rows.len());
                    for row in rows {
                        places.push(Some(row.place));
                        delegates.push(row.delegate);
                    }
                    (delegates, f.file.clone(), text, places)
                }
                Some(Ok((text, Err(list_problems)))) => {
                    problems.extend(
                        list_problems
                            .into_iter()
                            .map(|p| roster_problem(p, text.as_ref())),
                    );
                    (Vec::new(), f.file.clone(), text, Vec::new())
                }
                Some(Err(e)) => {
                    issues.push(unreadable(here.clone().key("delegates").key("file"), &e));
                    (Vec::new(), f.file.clone(), None, Vec::new())
                }
                None => {
                    let e = Error::problem(Problem::error(crate::tr!(
                        "data-list-read-failed",
                        path = &f.file
                    )));
                    return Err(e);
                }
            },
        };
        if delegates.is_empty() && problems.is_empty() && issues.is_empty() {
            issues.push(DataIssue::new(
                here.clone().key("delegates"),
                crate::tr!("data-delegates-empty", event = &event.title),
                crate::tr!("data-delegates-empty-hint"),
            ));
        }
        events.push(ResolvedEvent {
            index: i,
            event: event.clone(),
            delegates,
            source,
            list,
            places,
        });
    }

    let mut counts = HashMap::new();
    for (i, unit) in data.units.iter().enumerate() {
        let here = DataPath::new().key("units").index(i);
        let from_list = events.iter().find(|e| e.event.unit == unit.id).map(|e| {
            // Counted wide, then capped: no list is that long (a list file
            // is bounded), but a count must never wrap.
            let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            let members = e
                .delegates
                .iter()
                .filter(|d| d.group == Group::Member)
                .count();
            (count(members), count(e.delegates.len() - members), e)
        });
        match from_list {
            Some((members, invited, event)) => {
                for (stated, counted, field) in [
                    (unit.members, members, "members"),
                    (unit.invited, invited, "invited"),
                ] {
                    if let Some(stated) = stated
                        && stated != counted
                        && problems.is_empty()
                    {
                        let (unit_id, list) = (unit.id.as_str(), event.source.as_str());
                        let message = match field {
                            "members" => crate::tr!(
                                "data-count-members-differ",
                                unit = unit_id,
                                stated = stated,
                                list = list,
                                counted = counted
                            ),
                            _ => crate::tr!(
                                "data-count-invited-differ",
                                unit = unit_id,
                                stated = stated,
                                list = list,
                                counted = counted
                            ),
                        };
                        issues.push(DataIssue::new(
                            here.clone().key(field),
                            message,
                            crate::tr!("data-count-differ-hint", field = field, counted = counted),
                        ));
                    }
                }
                counts.insert(unit.id.clone(), Counts { members, invited });
            }
            None => match (unit.members, unit.invited) {
                (Some(members), Some(invited)) => {
                    counts.insert(unit.id.clone(), Counts { members, invited });
                }
                _ => issues.push(DataIssue::new(
                    here,
                    crate::tr!("data-unit-no-counts", unit = &unit.id),
                    crate::tr!("data-unit-no-counts-hint"),
                )),
            },
        }
    }

    let mut tables = HashMap::new();
    for (path, name, sheet) in data.cell_files() {
        let at = base.join(name);
        let bytes = match confine.read(&at, input::MAX_LIST) {
            Ok(b) => b,
            Err(e) => {
                issues.push(unreadable(path.key("file"), &e));
                continue;
            }
        };
        let (text, read) = with_text(&at, bytes, |b| roster::read_cells(&at, b, sheet));
        match read {
            Ok(rows) => {
                tables.insert(path.to_string(), rows);
            }
            Err(found) => {
                problems.extend(found.into_iter().map(|p| roster_problem(p, text.as_ref())))
            }
        }
    }

    let (images, image_issues) = images::read(&data, base, confine);
    issues.extend(image_issues);

    if !issues.is_empty()
        && let Error::Problems(mut located) = locate_issues(&file, issues)
    {
        problems.append(&mut located);
    }
    if !problems.is_empty() {
        return Err(Error::Problems(problems));
    }
    Ok(Project {
        data,
        file,
        events,
        counts,
        tables,
        images,
    })
}

/// A delegate list file, read: its text (a CSV list's, for messages) and
/// its rows, or the problems of its content.
type List = (
    Option<SourceFile>,
    Result<Vec<roster::Row>, Vec<roster::RosterProblem>>,
);

/// Reads the list file `f` names, relative to `base`, as `confine` allows.
fn read_list(confine: &Confine, base: &Path, f: &DelegateFile) -> Result<List, InputError> {
    let path = base.join(&f.file);
    let bytes = confine.read(&path, input::MAX_LIST)?;
    let (sheet, group) = (f.sheet.as_deref(), f.group);
    Ok(with_text(&path, bytes, |b| {
        roster::read(&path, b, sheet, group)
    }))
}

/// A list or table file's `bytes` read by `read`, with, for a CSV file,
/// its text (without a byte-order mark) kept once for the messages that
/// point into it: the rows are read from that very text, so the places
/// they give are offsets into it.
fn with_text<R>(
    path: &Path,
    bytes: Vec<u8>,
    read: impl FnOnce(&[u8]) -> R,
) -> (Option<SourceFile>, R) {
    if roster::kind_of(path) != Some(roster::ListKind::Csv) {
        return (None, read(&bytes));
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            let text: Arc<str> = Arc::from(text);
            let read = read(text.as_bytes());
            let file = SourceFile {
                name: path.display().to_string(),
                text,
            };
            (Some(file), read)
        }
        // Its problem, with the byte and line, is the reader's to say.
        Err(e) => (None, read(e.as_bytes())),
    }
}

/// What is wrong with an event's `print:` and `cut_line:` (at `here`,
/// its `invitation:`): two letters side by side on an A4 sheet are two
/// A5 letters, and a cut line is drawn only between two of them. A
/// `cut_line` without `two-up` is an error rather than a warning: the
/// clerk who wrote it expects a line the print file would not have.
fn print_layout(spec: &InvitationSpec, here: DataPath) -> Vec<DataIssue> {
    let mut out = Vec::new();
    let two_up = spec.print == PrintLayout::TwoUp;
    if two_up && spec.paper != Paper::A5 {
        out.push(DataIssue::new(
            here.clone().key("print"),
            crate::tr!("print-two-up-not-a5"),
            crate::tr!("print-two-up-not-a5-hint"),
        ));
    }
    if spec.cut_line && !two_up {
        out.push(DataIssue::new(
            here.key("cut_line"),
            crate::tr!("print-cut-line-single"),
            crate::tr!("print-cut-line-single-hint"),
        ));
    }
    out
}

/// A name or position written in the YAML that would not print as a name:
/// longer than `limit` characters, or without a letter that prints (or
/// empty, if it is `required`).
fn unprintable(path: DataPath, text: &str, limit: usize, required: bool) -> Option<DataIssue> {
    let count = text.chars().count();
    if count > limit {
        return Some(DataIssue::new(
            path,
            crate::tr!("data-value-too-long", count = count, limit = limit),
            crate::tr!("data-value-too-long-hint"),
        ));
    }
    let text = text.trim();
    if text.is_empty() && required {
        return Some(DataIssue::new(
            path,
            crate::tr!("data-name-empty"),
            crate::tr!("data-name-empty-hint"),
        ));
    }
    (!text.is_empty() && !crate::chars::has_visible_letter(text)).then(|| {
        DataIssue::new(
            path,
            crate::tr!(
                "data-no-printing-letter",
                text = text,
                codes = crate::chars::codes(text)
            ),
            crate::tr!("data-no-printing-letter-hint"),
        )
    })
}

/// NFC and trimmed text for a delegate written in the YAML (the file reader
/// does the same for lists).
fn normalise(d: &Delegate) -> Delegate {
    let t = |s: &str| -> String { s.nfc().collect::<String>().trim().to_string() };
    let o = |s: &Option<String>| s.as_deref().map(t).filter(|s| !s.is_empty());
    Delegate {
        name: t(&d.name),
        position: o(&d.position),
        unit: o(&d.unit),
        group: d.group,
        salutation: o(&d.salutation),
        phone: o(&d.phone),
    }
}

/// A problem in a delegate list as a located problem.
fn roster_problem(p: roster::RosterProblem, text: Option<&SourceFile>) -> Problem {
    let mut problem = Problem::error(p.message);
    if let Some(h) = p.hint {
        problem = problem.hint(h);
    }
    if let Some(fix) = p.fix {
        problem = problem.fix(fix);
    }
    match (p.span, text) {
        (Some(span), Some(file)) if span.end <= file.text.len() => problem.at(file, span),
        _ => {
            let file = p.place.file.display().to_string();
            let row = p.place.row;
            let at = match (&p.place.sheet, p.place.column.map(column_name)) {
                (None, None) => crate::tr!("data-at-row", file = file, row = row),
                (None, Some(column)) => {
                    crate::tr!(
                        "data-at-row-column",
                        file = file,
                        row = row,
                        column = column
                    )
                }
                (Some(sheet), None) => crate::tr!(
                    "data-at-sheet-row",
                    file = file,
                    sheet = sheet.as_ref(),
                    row = row
                ),
                (Some(sheet), Some(column)) => crate::tr!(
                    "data-at-sheet-row-column",
                    file = file,
                    sheet = sheet.as_ref(),
                    row = row,
                    column = column
                ),
            };
            problem.hint(at)
        }
    }
}

/// Spreadsheet column letters: 1 → A, 27 → AA.
fn column_name(mut n: usize) -> String {
    let mut s = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}
