//! `vanban fix`: applies to the files themselves the fixes that `vanban
//! check` is certain of (text from the old TCVN3/VNI fonts, abbreviation
//! slips, the Icelandic Ð, weekdays, counts in words) and saves a data file
//! typed in decomposed Unicode as composed. Only the words at fault change:
//! comments, order and layout stay as the clerk wrote them, and each file is
//! copied to `FILE.bak` before it is replaced.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::build::Engine;
use crate::error::Error;
use crate::input::{self, Confine};
use crate::output;
use crate::templates::Templates;

/// One change made to a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The file changed.
    pub file: PathBuf,
    /// Line and column (from 1) of the change, in the file as it was.
    pub line: usize,
    /// Column, in characters.
    pub column: usize,
    /// The text replaced.
    pub from: String,
    /// The text written instead.
    pub to: String,
}

/// What `vanban fix` did: the changes, and the files rewritten (with their
/// backups).
#[derive(Debug, Default)]
pub struct Fixed {
    /// Every change, file by file, in order.
    pub applied: Vec<Applied>,
    /// Files rewritten, each with its backup.
    pub files: Vec<(PathBuf, PathBuf)>,
    /// Files with fixes that were left as they are, because they are
    /// outside the data file's folder (a list allowed with `--allow-dir`),
    /// with the changes they would have had.
    pub outside: Vec<(PathBuf, Vec<Applied>)>,
}

impl Fixed {
    /// What `vanban fix` on `data` tells its user, line by line: each
    /// change (`FILE:LINE:COLUMN: `from` → `to``), the files left as they
    /// are with the changes to make there by hand, the files rewritten,
    /// and a summary.
    pub fn report(&self, data: &Path) -> Vec<String> {
        let mut lines = Vec::new();
        for a in &self.applied {
            lines.push(format!(
                "{}:{}:{}: `{}` → `{}`",
                a.file.display(),
                a.line,
                a.column,
                a.from,
                a.to
            ));
        }
        for (file, changes) in &self.outside {
            lines.push(crate::tr!(
                "fix-outside",
                file = file.display().to_string(),
                data = data.display().to_string(),
                count = changes.len().to_string()
            ));
            for a in changes {
                lines.push(format!(
                    "  {}:{}: `{}` → `{}`",
                    a.line, a.column, a.from, a.to
                ));
            }
        }
        for (file, backup) in &self.files {
            lines.push(crate::tr!(
                "fix-rewrote",
                file = file.display().to_string(),
                backup = backup.display().to_string()
            ));
        }
        if self.files.is_empty() && self.outside.is_empty() {
            lines.push(crate::tr!("fix-nothing", data = data.display().to_string()));
        } else {
            lines.push(crate::tr!(
                "fix-summary",
                changes = self.applied.len().to_string(),
                files = self.files.len().to_string()
            ));
        }
        lines
    }
}

/// Runs `vanban fix` on the data file `data` and the CSV lists it names.
pub fn run(data: &Path, templates: Option<PathBuf>, allowed: &[PathBuf]) -> Result<Fixed, Error> {
    let engine = Engine::new(Templates::new(templates), &[])?.allow_dirs(allowed);
    // The fixes of what stops the data from loading (a character that
    // misleads, in the YAML or a list) are applied too; what loading hides
    // behind them shows on the next run.
    let (project, problems) = match engine.load(data) {
        Ok(project) => {
            let (errors, warnings) = engine.check_project(&project, data);
            (Some(project), errors.into_iter().chain(warnings).collect())
        }
        Err(Error::Problems(problems)) if problems.iter().any(|p| p.fix.is_some()) => {
            (None, problems)
        }
        Err(e) => return Err(e),
    };
    let mut edits: BTreeMap<String, Edits> = BTreeMap::new();
    for p in &problems {
        let (Some(fix), Some((file, range))) = (&p.fix, &p.location) else {
            continue;
        };
        edits
            .entry(file.name.clone())
            .or_insert_with(|| (file.text.to_string(), Vec::new()))
            .1
            .push((range.clone(), fix.clone()));
    }
    // A data file in decomposed Unicode is saved as read, composed (NFC).
    let raw = crate::data::read_raw(data).unwrap_or_default();
    if let Some(project) = project.filter(|p| *raw != *p.file.text) {
        edits
            .entry(project.file.name.clone())
            .or_insert_with(|| (project.file.text.to_string(), Vec::new()));
    }

    // Only files inside the data file's folder are rewritten, whatever
    // else the data was allowed to read.
    let folder = Confine::new(data.parent().unwrap_or(Path::new(".")), &[]);
    let mut fixed = Fixed::default();
    for (name, (text, mut changes)) in edits {
        let path = PathBuf::from(&name);
        let inside = path == data || folder.resolve(&path).is_ok();
        // From the end, so earlier ranges stay valid; overlapping fixes
        // (two findings on one value) are applied once.
        changes.sort_by(|a, b| b.0.start.cmp(&a.0.start).then(b.0.end.cmp(&a.0.end)));
        let mut out = text.clone();
        let mut applied = Vec::new();
        let mut limit = usize::MAX;
        for (range, to) in changes {
            if range.end > limit || range.end > out.len() || !out.is_char_boundary(range.start) {
                continue;
            }
            let from = out[range.clone()].to_string();
            if from == to {
                continue;
            }
            let (line, column) = line_column(&text, range.start);
            out.replace_range(range.clone(), &to);
            limit = range.start;
            applied.push(Applied {
                file: path.clone(),
                line,
                column,
                from,
                to,
            });
        }
        applied.reverse();
        if !inside {
            if !applied.is_empty() {
                fixed.outside.push((path, applied));
            }
            continue;
        }
        let original = if path == data {
            input::read(&path, input::MAX_DATA)?
        } else {
            folder.read(&path, input::MAX_LIST)?
        };
        let mut bytes = Vec::with_capacity(out.len() + 3);
        // Excel needs the byte-order mark to open a UTF-8 CSV right.
        if original.starts_with(b"\xef\xbb\xbf") && !out.starts_with('\u{feff}') {
            bytes.extend_from_slice(b"\xef\xbb\xbf");
        }
        bytes.extend_from_slice(out.as_bytes());
        if bytes == original {
            continue;
        }
        let backup = backup_path(&path);
        std::fs::write(&backup, &original).map_err(|source| Error::Write {
            path: backup.clone(),
            source,
        })?;
        output::write_atomic(&path, &bytes)?;
        fixed.applied.extend(applied);
        fixed.files.push((path, backup));
    }
    Ok(fixed)
}

/// A file's text to edit, and its replacements (byte range → new text).
type Edits = (String, Vec<(Range<usize>, String)>);

/// `data.yaml` → `data.yaml.bak`.
fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Line and column (both from 1; the column in characters) of byte `at`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}
