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
use codespan_reporting::files::SimpleFiles;
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
    #[error("{} problem(s) found", .0.len())]
    Problems(Vec<Problem>),
    /// A file could not be read.
    #[error("cannot read `{}`: {source}", path.display())]
    Read {
        /// The path.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// An output could not be written.
    #[error("cannot write `{}`: {source}", path.display())]
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
                Problem::error(format!("cannot read `{}`: {source}", path.display()))
                    .hint(read_hint(source)),
            ],
            Error::Write { path, source } => vec![
                Problem::error(format!("cannot write `{}`: {source}", path.display())).hint(
                    "check that the output folder exists and is writable; nothing was replaced",
                ),
            ],
        };
        emit_problems(&mut out, &problems);
        let errors = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        if errors > 1 {
            let _ = writeln_stderr(&mut out, &format!("{errors} errors; nothing was written"));
        }
    }
}

fn writeln_stderr(out: &mut dyn termcolor::WriteColor, s: &str) -> io::Result<()> {
    writeln!(out, "{s}")
}

fn read_hint(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "check the path; it is relative to the current folder".into(),
        io::ErrorKind::PermissionDenied => "you do not have permission to read it".into(),
        _ => String::new(),
    }
}

/// Prints problems with codespan-reporting: message, source snippet, hints.
pub fn emit_problems(out: &mut dyn termcolor::WriteColor, problems: &[Problem]) {
    let mut files = SimpleFiles::new();
    let mut ids: Vec<(String, usize)> = Vec::new();
    let config = term::Config::default();
    for p in problems {
        let mut diag = match p.severity {
            Severity::Error => Diagnostic::error(),
            Severity::Warning => Diagnostic::warning(),
        }
        .with_message(&p.message)
        .with_notes(p.hints.iter().map(|h| format!("hint: {h}")).collect());
        if let Some((file, range)) = &p.location {
            let id = match ids.iter().find(|(n, _)| n == &file.name) {
                Some((_, id)) => *id,
                None => {
                    let id = files.add(file.name.clone(), file.text.to_string());
                    ids.push((file.name.clone(), id));
                    id
                }
            };
            let end = range.end.min(file.text.len()).max(range.start);
            diag = diag.with_labels(vec![Label::primary(id, range.start..end)]);
        }
        // Printing can only fail if stderr is gone; there is nobody left to tell.
        let _ = term::emit_to_write_style(out, &config, &files, &diag);
    }
}
