//! Typed errors of the library, and the one place that prints them for people.
//!
//! Every problem the user can fix is a [`Problem`]: a message, hints, and where
//! it is (a file and a byte range in it), whatever produced it — the YAML
//! loader, a template, or Typst. [`Error::emit`] prints them all in one style
//! with codespan-reporting: `error: …`, the source line with a caret, `hint: …`.

use std::io::{self, IsTerminal};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::term::{self, termcolor};

/// A source file that problems point into.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Name shown to the user (a path as given, or a template name).
    pub name: String,
    /// Its full text.
    pub text: Arc<str>,
}

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Stops the build.
    Error,
    /// Reported, does not stop the build.
    Warning,
}

/// A problem the user can fix, with where it is.
#[derive(Debug, Clone)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// One-line message.
    pub message: String,
    /// Suggestions, each printed as `hint: …`.
    pub hints: Vec<String>,
    /// File and byte range, when the problem has a place.
    pub location: Option<(SourceFile, Range<usize>)>,
    /// What the located text should be replaced by, when the fix is
    /// certain (`vanban fix` applies it).
    pub fix: Option<String>,
    /// Other places the problem involves, each with a note (the first of
    /// two units whose files would collide).
    pub related: Vec<(SourceFile, Range<usize>, String)>,
}

impl Problem {
    /// An error without a place.
    pub fn error(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            message: message.into(),
            hints: Vec::new(),
            location: None,
            fix: None,
            related: Vec::new(),
        }
    }

    /// A warning without a place: worth a look, does not stop the build.
    pub fn warning(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(message)
        }
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        let hint = hint.into();
        if !hint.is_empty() {
            self.hints.push(hint);
        }
        self
    }

    /// The replacement for the located text (see [`Problem::fix`]).
    pub fn fix(mut self, replacement: impl Into<String>) -> Self {
        self.fix = Some(replacement.into());
        self
    }

    /// Places the problem in a file.
    pub fn at(mut self, file: &SourceFile, range: Range<usize>) -> Self {
        self.location = Some((file.clone(), range));
        self
    }

    /// Adds another place the problem involves, with a note.
    pub fn also(mut self, file: &SourceFile, range: Range<usize>, note: impl Into<String>) -> Self {
        self.related.push((file.clone(), range, note.into()));
        self
    }
}

/// Where in the data a semantic problem is: a path of keys and indices,
/// resolved to a place in the YAML file when the error is reported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DataPath(pub Vec<PathSegment>);

/// One step of a [`DataPath`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    /// A mapping key.
    Key(String),
    /// A sequence index, from 0.
    Index(usize),
}

impl DataPath {
    /// The document root.
    pub fn new() -> Self {
        Self::default()
    }

    /// Goes into a mapping key.
    pub fn key(mut self, key: &str) -> Self {
        self.0.push(PathSegment::Key(key.to_string()));
        self
    }

    /// Goes into a sequence item.
    pub fn index(mut self, i: usize) -> Self {
        self.0.push(PathSegment::Index(i));
        self
    }
}

impl std::fmt::Display for DataPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                PathSegment::Key(k) if i == 0 => write!(f, "{k}")?,
                PathSegment::Key(k) => write!(f, ".{k}")?,
                PathSegment::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// A problem in the meaning of the data (an unknown unit id, a total that
/// does not add up), found after the data was parsed.
#[derive(Debug, Clone)]
pub struct DataIssue {
    /// Where in the data.
    pub path: DataPath,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

impl DataIssue {
    /// A new issue.
    pub fn new(path: DataPath, message: String, hint: String) -> Self {
        Self {
            path,
            message,
            hint,
        }
    }
}

/// Everything that can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Problems in the user's files: data, templates, presets or Typst layout.
    #[error("{}", crate::tr!("problems-found", count = .0.len()))]
    Problems(Vec<Problem>),
    /// A file could not be read.
    #[error("{}", crate::tr!("read-failed", path = path.display().to_string(), reason = crate::lang::io_reason(source)))]
    Read {
        /// The path.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// An input file was not read: outside its folder, not a regular
    /// file, or too large.
    #[error(transparent)]
    Input(#[from] crate::input::InputError),
    /// An output could not be written.
    #[error("{}", crate::tr!("write-failed", path = path.display().to_string(), reason = crate::lang::io_reason(source)))]
    Write {
        /// The path.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

impl Error {
    /// Problems in the user's files, or a single one.
    pub fn problem(p: Problem) -> Self {
        Self::Problems(vec![p])
    }

    /// Prints the error to stderr in the one style of the tool.
    pub fn emit(&self) {
        let choice = if io::stderr().is_terminal() {
            termcolor::ColorChoice::Auto
        } else {
            termcolor::ColorChoice::Never
        };
        let mut out = termcolor::StandardStream::stderr(choice);
        let problems = match self {
            Error::Problems(problems) => problems.clone(),
            Error::Read { path, source } => vec![
                Problem::error(crate::tr!(
                    "read-failed",
                    path = path.display().to_string(),
                    reason = crate::lang::io_reason(source)
                ))
                .hint(read_hint(source)),
            ],
            Error::Input(e) => vec![Problem::error(e.to_string()).hint(match e {
                crate::input::InputError::Io { source, .. } => read_hint(source),
                crate::input::InputError::TooLarge { .. } => crate::tr!("input-hint-too-large"),
                _ => crate::tr!("input-hint-saved-file"),
            })],
            Error::Write { path, source } => vec![
                Problem::error(crate::tr!(
                    "write-failed",
                    path = path.display().to_string(),
                    reason = crate::lang::io_reason(source)
                ))
                .hint(if source.kind() == io::ErrorKind::StorageFull {
                    crate::tr!("write-hint-disk-full")
                } else {
                    crate::tr!("write-hint-folder")
                }),
            ],
        };
        let problems = distinct(problems);
        emit_problems(&mut out, &problems);
        let errors = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        if errors > 1 {
            let _ = writeln_stderr(
                &mut out,
                &crate::tr!("diag-errors-nothing-written", count = errors),
            );
        }
    }
}

/// `problems` with each said once: the same problem found twice (the
/// signature a plan and its invitations share) is one problem to fix.
pub fn distinct(problems: Vec<Problem>) -> Vec<Problem> {
    let mut seen = std::collections::HashSet::new();
    problems
        .into_iter()
        .filter(|p| {
            seen.insert((
                p.severity == Severity::Error,
                p.message.clone(),
                p.hints.clone(),
                p.location
                    .as_ref()
                    .map(|(f, r)| (f.name.clone(), r.start, r.end)),
            ))
        })
        .collect()
}

fn writeln_stderr(out: &mut dyn termcolor::WriteColor, s: &str) -> io::Result<()> {
    writeln!(out, "{s}")
}

fn read_hint(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => crate::tr!("read-hint-not-found"),
        io::ErrorKind::PermissionDenied => crate::tr!("read-hint-permission"),
        _ => String::new(),
    }
}

/// Longest message or hint printed, in characters.
const MAX_MESSAGE: usize = 400;

/// Prints problems with codespan-reporting: message, source snippet, hints.
///
/// Everything printed is made safe for a terminal first: control and
/// bidirectional characters from the data are written as escapes, and a
/// message or source line of a huge value (a 10 MB cell) is cut to a window
/// around the place. Each place is shown from its own line only, so a
/// problem deep in a 100,000-row list costs no more than one at its top.
pub fn emit_problems(out: &mut dyn termcolor::WriteColor, problems: &[Problem]) {
    let config = term::Config::default();
    let mut lines = LineIndex::default();
    for p in problems {
        let mut snippets = Snippets::default();
        let clean =
            |s: &str| crate::chars::escape(&crate::chars::clip(s, MAX_MESSAGE)).into_owned();
        let mut labels = Vec::new();
        if let Some((file, range)) = &p.location {
            let (id, at) = snippets.add(&mut lines, file, range.clone());
            labels.push(Label::primary(id, at));
        }
        for (file, range, note) in &p.related {
            let (id, at) = snippets.add(&mut lines, file, range.clone());
            labels.push(Label::secondary(id, at).with_message(clean(note)));
        }
        let diag = match p.severity {
            Severity::Error => Diagnostic::error(),
            Severity::Warning => Diagnostic::warning(),
        }
        .with_message(clean(&p.message))
        .with_notes(
            p.hints
                .iter()
                .map(|h| crate::tr!("diag-hint", text = clean(h)))
                .collect(),
        )
        .with_labels(labels);
        // Printing can only fail if stderr is gone; there is nobody left to tell.
        let _ = term::emit_to_write_style(&mut Severities::new(out), &config, &snippets, &diag);
    }
}

/// A writer that prints codespan's severity words (`error`, `warning`) in
/// the user's language (`lỗi`, `cảnh báo`) and passes the rest through,
/// colours included: codespan writes the word on its own, right after
/// setting the header's style, and has no option to name it otherwise.
struct Severities<'a> {
    out: &'a mut dyn termcolor::WriteColor,
    /// The severity whose word is written next.
    header: Option<codespan_reporting::diagnostic::Severity>,
}

impl<'a> Severities<'a> {
    fn new(out: &'a mut dyn termcolor::WriteColor) -> Self {
        Self { out, header: None }
    }
}

impl io::Write for Severities<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        use codespan_reporting::diagnostic::Severity as S;
        let word = match (self.header.take(), buf) {
            (Some(S::Error), b"error") => Some(crate::tr!("diag-error")),
            (Some(S::Warning), b"warning") => Some(crate::tr!("diag-warning")),
            _ => None,
        };
        match word {
            Some(word) => {
                self.out.write_all(word.as_bytes())?;
                Ok(buf.len())
            }
            None => self.out.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

impl codespan_reporting::term::WriteStyle for Severities<'_> {
    fn set_header(&mut self, severity: codespan_reporting::diagnostic::Severity) -> io::Result<()> {
        self.header = Some(severity);
        self.out.set_header(severity)
    }

    fn set_header_message(&mut self) -> io::Result<()> {
        self.out.set_header_message()
    }

    fn set_line_number(&mut self) -> io::Result<()> {
        self.out.set_line_number()
    }

    fn set_note_bullet(&mut self) -> io::Result<()> {
        self.out.set_note_bullet()
    }

    fn set_source_border(&mut self) -> io::Result<()> {
        self.out.set_source_border()
    }

    fn set_label(
        &mut self,
        severity: codespan_reporting::diagnostic::Severity,
        style: codespan_reporting::diagnostic::LabelStyle,
    ) -> io::Result<()> {
        self.out.set_label(severity, style)
    }

    fn reset(&mut self) -> io::Result<()> {
        codespan_reporting::term::WriteStyle::reset(self.out)
    }
}

/// Where each line of a file starts, worked out once per file however
/// many problems point into it.
#[derive(Default)]
struct LineIndex {
    files: Vec<(Arc<str>, Vec<usize>)>,
}

impl LineIndex {
    fn starts(&mut self, text: &Arc<str>) -> &[usize] {
        let k = match self.files.iter().position(|(t, _)| Arc::ptr_eq(t, text)) {
            Some(k) => k,
            None => {
                let starts = std::iter::once(0)
                    .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                    .collect();
                self.files.push((text.clone(), starts));
                self.files.len() - 1
            }
        };
        &self.files[k].1
    }
}

/// One place to show: its file's name, its line (made safe and cut to a
/// window around the place), and where that line is in the file.
struct Snippet {
    name: String,
    text: String,
    /// Line number in the file, from 1.
    line: usize,
    /// Byte in `text` of the place, and its column in the file (from 1).
    start: usize,
    column: usize,
}

/// The places of one problem, as codespan's files: each is one line.
#[derive(Default)]
struct Snippets {
    shown: Vec<Snippet>,
}

/// Characters of a line shown on either side of the place, and of the place.
const CONTEXT: usize = 60;
const PLACE: usize = 80;

impl Snippets {
    /// Adds the line of `range` in `file`; returns its id and where the
    /// place is in the shown line.
    fn add(
        &mut self,
        lines: &mut LineIndex,
        file: &SourceFile,
        range: Range<usize>,
    ) -> (usize, Range<usize>) {
        let text = &file.text;
        let floor = |mut i: usize| {
            i = i.min(text.len());
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let (start, end) = (floor(range.start), floor(range.end.max(range.start)));
        let starts = lines.starts(text);
        let line = starts.partition_point(|&s| s <= start).max(1);
        let line_start = starts[line - 1];
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |n| line_start + n);
        let line_end = if text[..line_end].ends_with('\r') {
            line_end - 1
        } else {
            line_end
        }
        .max(start);
        let end = end.min(line_end);
        let column = text[line_start..start].chars().count() + 1;

        // A window of the line: some characters either side of the place,
        // and the place itself cut if it is long.
        let before = &text[line_start..start];
        let skip = before.chars().count().saturating_sub(CONTEXT);
        let before_shown = before
            .char_indices()
            .nth(skip)
            .map_or("", |(i, _)| &before[i..]);
        let place = &text[start..end];
        let after = &text[end..line_end];
        let mut shown = String::new();
        if skip > 0 {
            shown.push('…');
        }
        shown.push_str(&crate::chars::escape(before_shown));
        let at = shown.len();
        let place_shown = crate::chars::escape(place);
        match place_shown.char_indices().nth(PLACE) {
            Some((i, _)) => {
                shown.push_str(&place_shown[..i]);
                shown.push('…');
            }
            None => shown.push_str(&place_shown),
        }
        let at_end = shown.len();
        let after_shown = crate::chars::escape(after);
        match after_shown.char_indices().nth(CONTEXT) {
            Some((i, _)) => {
                shown.push_str(&after_shown[..i]);
                shown.push('…');
            }
            None => shown.push_str(&after_shown),
        }
        self.shown.push(Snippet {
            name: crate::chars::escape(&file.name).into_owned(),
            text: shown,
            line,
            start: at,
            column,
        });
        (self.shown.len() - 1, at..at_end)
    }

    fn get(&self, id: usize) -> Result<&Snippet, codespan_reporting::files::Error> {
        self.shown
            .get(id)
            .ok_or(codespan_reporting::files::Error::FileMissing)
    }
}

impl<'a> codespan_reporting::files::Files<'a> for Snippets {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.get(id)?.name)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.get(id)?.text)
    }

    fn line_index(&'a self, _: usize, _: usize) -> Result<usize, codespan_reporting::files::Error> {
        Ok(0)
    }

    fn line_number(
        &'a self,
        id: usize,
        _: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.get(id)?.line)
    }

    fn column_number(
        &'a self,
        id: usize,
        _: usize,
        byte: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        let s = self.get(id)?;
        let byte = byte.min(s.text.len());
        Ok(if byte >= s.start {
            s.column + s.text.get(s.start..byte).map_or(0, |t| t.chars().count())
        } else {
            s.column
                .saturating_sub(s.text.get(byte..s.start).map_or(0, |t| t.chars().count()))
        })
    }

    fn line_range(
        &'a self,
        id: usize,
        _: usize,
    ) -> Result<Range<usize>, codespan_reporting::files::Error> {
        Ok(0..self.get(id)?.text.len())
    }
}
