//! Loading and validating input: YAML text → NFC → located schema check →
//! typed structs. Every problem of a file is reported in one run, each with
//! its place; serde only runs on data the schema check has accepted.

pub mod images;
pub mod limits;
pub mod locate;
pub mod model;
pub mod repair;
pub mod resolve;
pub mod roster;
pub mod validate;

use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use unicode_normalization::UnicodeNormalization;

use crate::error::{DataIssue, DataPath, Error, Problem, SourceFile};
use crate::input;

/// A data file, parsed and validated, with its text kept for messages.
#[derive(Debug)]
pub struct Loaded<T> {
    /// The typed data.
    pub data: T,
    /// The file as read (after NFC normalisation).
    pub file: SourceFile,
}

/// Reads and validates the YAML file at `path` as a `T` (at most
/// [`input::MAX_DATA`] bytes of UTF-8).
pub fn load<T: DeserializeOwned + schemars::JsonSchema>(path: &Path) -> Result<Loaded<T>, Error> {
    load_or_repair(path).map_err(|r| r.map_or_else(|e| e, |r| Error::Problems(r.problems)))
}

/// [`load`], with the data as meant when its problems can be undone
/// (`Err(Ok(…))`); a file that cannot be read at all is `Err(Err(…))`.
pub fn load_or_repair<T: DeserializeOwned + schemars::JsonSchema>(
    path: &Path,
) -> Result<Loaded<T>, Result<Rejected<T>, Error>> {
    let bytes = input::read(path, input::MAX_DATA).map_err(|e| Err(e.into()))?;
    let name = path.display().to_string();
    let text = decode(&name, &bytes).map_err(Err)?;
    parse_or_repair(&name, &text).map_err(Ok)
}

/// The data file as typed (before NFC), if it can be read: to tell a
/// file typed in decomposed Unicode.
pub fn read_raw(path: &Path) -> Option<String> {
    let bytes = input::read(path, input::MAX_DATA).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    Some(
        text.strip_prefix('\u{feff}')
            .map_or(text.clone(), str::to_string),
    )
}

/// The text of a data file's bytes; bytes that are not UTF-8 are a
/// problem at the first of them, with the usual cause as a hint.
pub fn decode(name: &str, bytes: &[u8]) -> Result<String, Error> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            // The text up to the bad byte is as it was; shown with the bad
            // byte replaced, the line can be pointed at.
            let file = SourceFile {
                name: name.to_string(),
                text: Arc::from(String::from_utf8_lossy(bytes).as_ref()),
            };
            let len = '\u{fffd}'.len_utf8();
            Err(Error::problem(
                Problem::error(crate::tr!(
                    "data-not-utf8",
                    path = name,
                    byte = format!("0x{:02X}", bytes[at]),
                    line = line
                ))
                .hint(roster::not_utf8_hint())
                .at(&file, at..at + len),
            ))
        }
    }
}

/// Parses YAML text named `name` as a `T`.
///
/// The text is normalised to NFC first: Typst does not normalise, and text
/// typed or pasted in decomposed form would print right but search, sort and
/// compare wrong.
pub fn parse<T: DeserializeOwned + schemars::JsonSchema>(
    name: &str,
    text: &str,
) -> Result<Loaded<T>, Error> {
    parse_or_repair(name, text).map_err(|r| Error::Problems(r.problems))
}

/// A data file that does not load: its problems, and, when each is one
/// the schema check can undo (an unknown field, a line YAML read as a
/// field), the data as meant, for the content checks to run on as well.
#[derive(Debug)]
pub struct Rejected<T> {
    /// What stops the file from loading, located.
    pub problems: Vec<Problem>,
    /// The data with those problems undone, if every one can be (boxed:
    /// a rejected file is the rare case, and the data is large).
    pub repaired: Option<Box<Meant<T>>>,
}

/// The data as its writer meant it ([`repair`]): read from the repaired
/// text, with the way back to the places of the text as typed.
#[derive(Debug)]
pub struct Meant<T> {
    /// The data; its file is the repaired text.
    pub loaded: Loaded<T>,
    /// The way back to the file as typed.
    pub places: Places,
}

/// Where the places of a repaired text were in the text as typed.
#[derive(Debug)]
pub struct Places {
    /// The file as typed.
    typed: SourceFile,
    /// The repaired text (what the problems to place point into).
    text: Arc<str>,
    repaired: repair::Repaired,
}

impl Places {
    /// `p` with its places in the repaired text moved to the text as
    /// typed; `None` when it is about a stand-in value, not the data.
    pub fn place(&self, mut p: Problem) -> Option<Problem> {
        let ours = |f: &SourceFile| Arc::ptr_eq(&f.text, &self.text);
        if let Some((file, range)) = &p.location
            && ours(file)
        {
            let typed = self.repaired.place(range.clone())?;
            // A fix is for the text it was made for: not for the whole of
            // a line that a repair quoted.
            if self.typed.text.get(typed.clone()) != file.text.get(range.clone()) {
                p.fix = None;
            }
            p.location = Some((self.typed.clone(), typed));
        }
        p.related = std::mem::take(&mut p.related)
            .into_iter()
            .filter_map(|(file, range, note)| match ours(&file) {
                true => Some((self.typed.clone(), self.repaired.place(range)?, note)),
                false => Some((file, range, note)),
            })
            .collect();
        Some(p)
    }
}

/// [`parse`], with the data as meant when the problems can be undone.
pub fn parse_or_repair<T: DeserializeOwned + schemars::JsonSchema>(
    name: &str,
    text: &str,
) -> Result<Loaded<T>, Rejected<T>> {
    let rejected = |problems| Rejected {
        problems,
        repaired: None,
    };
    // Notepad saves UTF-8 with a byte-order mark: it is not part of the data.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text: String = text.nfc().collect();
    let file = SourceFile {
        name: name.to_string(),
        text: Arc::from(text.as_str()),
    };
    // Characters and values first: a control character is no YAML, and a
    // bomb of aliases would take the validator minutes and gigabytes.
    let found = limits::check(&file);
    let mut problems = found.problems;
    if found.fatal {
        return Err(rejected(problems));
    }
    let schema = schemars::schema_for!(T);
    let checked = validate::validate(&text, &schema);
    let repaired = (problems.is_empty() && !checked.is_empty())
        .then(|| repair::apply(&text, checked.iter().map(|p| p.repair.as_ref())))
        .flatten();
    problems.extend(checked.into_iter().map(|p| {
        let mut problem = Problem::error(p.message);
        if let Some(h) = p.hint {
            problem = problem.hint(h);
        }
        if let Some(f) = p.fix {
            problem = problem.fix(f);
        }
        problem.at(&file, p.span)
    }));
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.location.as_ref().map_or(0, |(_, r)| r.start));
        // The repaired text must pass the check whole, or it says nothing.
        let repaired = repaired
            .filter(|r| validate::validate(&r.text, &schema).is_empty())
            .and_then(|r| {
                let data = serde_yaml_ng::from_str::<T>(&r.text).ok()?;
                let text: Arc<str> = Arc::from(r.text.as_str());
                let loaded = Loaded {
                    data,
                    file: SourceFile {
                        name: file.name.clone(),
                        text: text.clone(),
                    },
                };
                let places = Places {
                    typed: file.clone(),
                    text,
                    repaired: r,
                };
                Some(Box::new(Meant { loaded, places }))
            });
        return Err(Rejected { problems, repaired });
    }
    match serde_yaml_ng::from_str::<T>(&text) {
        Ok(data) => Ok(Loaded { data, file }),
        Err(e) => {
            // The schema check accepts all that serde does not, in practice;
            // if serde still objects, say where.
            let mut p =
                Problem::error(strip_location(&e.to_string())).hint(crate::tr!("data-serde-hint"));
            if let Some(loc) = e.location() {
                let start = loc.index().min(text.len());
                let end = text[start..].find('\n').map_or(text.len(), |n| start + n);
                p = p.at(&file, start..end);
            }
            Err(rejected(vec![p]))
        }
    }
}

/// serde_yaml appends "at line X column Y": the report shows that already.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Turns semantic issues into problems located in the file.
pub fn locate_issues(file: &SourceFile, issues: Vec<DataIssue>) -> Error {
    Error::Problems(
        issues
            .into_iter()
            .map(|issue| {
                let p = Problem::error(issue.message).hint(issue.hint);
                match locate::locate(&file.text, &issue.path) {
                    Some(range) => p.at(file, range),
                    None => p.hint(crate::tr!("data-at-path", path = issue.path.to_string())),
                }
            })
            .collect(),
    )
}

/// Why a file the data names could not be read, at the place it is named.
pub fn unreadable(path: DataPath, e: &input::InputError) -> DataIssue {
    let hint = match e {
        input::InputError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
            crate::tr!("data-named-file-not-found-hint")
        }
        input::InputError::Io { .. } => crate::tr!("data-named-file-unreadable-hint"),
        input::InputError::Outside { .. } => crate::tr!("data-named-file-outside-hint"),
        input::InputError::NotAFile { .. } => crate::tr!("input-hint-saved-file"),
        input::InputError::TooLarge { .. } => crate::tr!("data-named-file-too-large-hint"),
    };
    DataIssue::new(path, e.to_string(), hint)
}
