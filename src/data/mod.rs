//! Loading and validating input: YAML text → NFC → located schema check →
//! typed structs. Every problem of a file is reported in one run, each with
//! its place; serde only runs on data the schema check has accepted.

pub mod locate;
pub mod model;
pub mod resolve;
pub mod roster;
pub mod validate;

use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use unicode_normalization::UnicodeNormalization;

use crate::error::{DataIssue, Error, Problem, SourceFile};

/// A data file, parsed and validated, with its text kept for messages.
#[derive(Debug)]
pub struct Loaded<T> {
    /// The typed data.
    pub data: T,
    /// The file as read (after NFC normalisation).
    pub file: SourceFile,
}

/// Reads and validates the YAML file at `path` as a `T`.
pub fn load<T: DeserializeOwned + schemars::JsonSchema>(path: &Path) -> Result<Loaded<T>, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    parse(&path.display().to_string(), &text)
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
    let text: String = text.nfc().collect();
    let file = SourceFile {
        name: name.to_string(),
        text: Arc::from(text.as_str()),
    };
    let schema = schemars::schema_for!(T);
    let problems: Vec<Problem> = validate::validate(&text, &schema)
        .into_iter()
        .map(|p| {
            let mut problem = Problem::error(p.message);
            if let Some(h) = p.hint {
                problem = problem.hint(h);
            }
            problem.at(&file, p.span)
        })
        .collect();
    if !problems.is_empty() {
        return Err(Error::Problems(problems));
    }
    match serde_yaml_ng::from_str::<T>(&text) {
        Ok(data) => Ok(Loaded { data, file }),
        Err(e) => {
            // The schema check accepts all that serde does not, in practice;
            // if serde still objects, say where.
            let mut p = Problem::error(strip_location(&e.to_string()))
                .hint("check the value's type and spelling");
            if let Some(loc) = e.location() {
                let start = loc.index().min(text.len());
                let end = text[start..].find('\n').map_or(text.len(), |n| start + n);
                p = p.at(&file, start..end);
            }
            Err(Error::problem(p))
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
                    None => p.hint(format!("at `{}`", issue.path)),
                }
            })
            .collect(),
    )
}
