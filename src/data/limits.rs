//! What the text of a data file may hold, checked before it is read as data.
//!
//! - No character that does not show what it is ([`crate::chars`]): a
//!   control character, a bidirectional override, an invisible space —
//!   whether typed raw or written as a YAML escape (`"\u202E"`).
//! - No string longer than [`MAX_STRING`] characters.
//! - No more than [`MAX_EXPANDED`] bytes once its aliases are expanded: a
//!   YAML alias (`*x`) repeats what its anchor (`&x`) holds, so a small
//!   file of a large string and many aliases (or aliases of aliases) can
//!   stand for gigabytes. That is measured on the parser's events, before
//!   any tree is built.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser};

use crate::chars::{self, Kind};
use crate::error::{Problem, SourceFile};

/// Longest string value, in characters: a long paragraph of a plan is a
/// few thousand.
pub const MAX_STRING: usize = 20_000;

/// Largest size of the data with every alias expanded, in bytes.
pub const MAX_EXPANDED: u64 = 16 << 20;

/// What [`check`] found.
pub struct Found {
    /// Every problem, in the order found.
    pub problems: Vec<Problem>,
    /// Whether the text cannot be read as YAML at all (a control
    /// character), or must not be (a bomb of aliases): the other checks
    /// would then only add noise, or take minutes.
    pub fatal: bool,
}

/// The characters and values of `file`'s YAML text (see the module
/// documentation).
pub fn check(file: &SourceFile) -> Found {
    let (mut problems, control) = raw_characters(file);
    if control {
        return Found {
            problems,
            fatal: true,
        };
    }
    let (values, bomb) = values(file);
    problems.extend(values);
    Found {
        problems,
        fatal: bomb,
    }
}

/// Misleading characters typed raw in `file`, each a problem with its fix;
/// and whether one is a control character.
fn raw_characters(file: &SourceFile) -> (Vec<Problem>, bool) {
    let text = &file.text;
    let mut problems = Vec::new();
    let mut control = false;
    let mut at = 0;
    while let Some(found) = chars::misleading(&text[at..]) {
        let start = at + found.at;
        let end = start + found.char.len_utf8();
        control |= found.kind == Kind::Control;
        let finding = chars::Finding { at: start, ..found };
        problems.push(character_problem(&finding, text).at(file, start..end));
        at = end;
        // A file full of them needs one screen, not thousands.
        if problems.len() == 20 {
            break;
        }
    }
    (problems, control)
}

/// The problem of a misleading character at `f.at` in `text`, with its fix.
pub fn character_problem(f: &chars::Finding, text: &str) -> Problem {
    let fix = f.replacement(text);
    let hint = match (f.kind, fix) {
        (_, " ") => crate::tr!("data-char-glues-hint"),
        (Kind::Bidi, _) => crate::tr!("data-char-bidi-hint"),
        _ => crate::tr!("data-char-hidden-hint"),
    };
    Problem::error(crate::tr!(
        "data-char-in-text",
        what = f.kind.describe(),
        code = f.code()
    ))
    .hint(hint)
    .fix(fix)
}

/// Problems of the values of `file`'s YAML, found on the parser's events
/// (no tree is built): a string longer than [`MAX_STRING`], a misleading
/// character written as an escape; or, alone, a size with aliases
/// expanded over [`MAX_EXPANDED`] (placed at the alias where it first is;
/// then `true`).
fn values(file: &SourceFile) -> (Vec<Problem>, bool) {
    let text = &file.text;
    let mut problems = Vec::new();
    // The size of each anchored node, expanded; the nodes being read.
    let mut anchors: HashMap<usize, u64> = HashMap::new();
    let mut open: Vec<(usize, u64)> = vec![(0, 0)];
    let mut aliases = false;
    let mut bytes = CharToByte::new(text);
    for event in Parser::new_from_str(text) {
        // A syntax error is the validator's to report, with its place.
        let Ok((event, span)) = event else {
            break;
        };
        let size = match event {
            Event::Scalar(value, _, anchor, _) => {
                let start = bytes.at(span.start.index());
                let end = bytes.at(span.end.index()).max(start);
                let count = value.chars().count();
                if count > MAX_STRING {
                    problems.push(
                        Problem::error(crate::tr!(
                            "data-text-too-long",
                            count = count,
                            limit = MAX_STRING
                        ))
                        .hint(crate::tr!("data-text-too-long-hint"))
                        .at(file, start..start),
                    );
                }
                // Those typed raw are reported already.
                if let Some(found) = chars::misleading(&value)
                    && chars::misleading(&text[start..end]).is_none()
                {
                    problems.push(
                        Problem::error(crate::tr!(
                            "data-char-escaped",
                            what = found.kind.describe(),
                            code = found.code()
                        ))
                        .hint(crate::tr!("data-char-escaped-hint"))
                        .at(file, start..end),
                    );
                }
                let size = value.len() as u64 + 1;
                if anchor != 0 {
                    anchors.insert(anchor, size);
                }
                size
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                open.push((anchor, 1));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some((anchor, size)) = open.pop() else {
                    break;
                };
                if anchor != 0 {
                    anchors.insert(anchor, size);
                }
                size
            }
            Event::Alias(anchor) => {
                aliases = true;
                anchors.get(&anchor).copied().unwrap_or(1)
            }
            _ => continue,
        };
        let Some(parent) = open.last_mut() else {
            break;
        };
        parent.1 = parent.1.saturating_add(size);
        let total: u64 = open.iter().fold(0, |t, (_, s)| t.saturating_add(*s));
        if aliases && total > MAX_EXPANDED {
            let start = bytes.at(span.start.index());
            let end = bytes.at(span.end.index()).max(start);
            let bomb = Problem::error(crate::tr!(
                "data-aliases-too-large",
                size = MAX_EXPANDED >> 20
            ))
            .hint(crate::tr!("data-aliases-too-large-hint"))
            .at(file, start..end);
            return (vec![bomb], true);
        }
    }
    (problems, false)
}

/// Byte offsets of character indices, found walking forward (the parser
/// counts characters, and its events come in the order of the text).
struct CharToByte<'a> {
    text: &'a str,
    chars: std::str::CharIndices<'a>,
    /// The character index reached, and its byte offset.
    at: (usize, usize),
}

impl<'a> CharToByte<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            chars: text.char_indices(),
            at: (0, 0),
        }
    }

    /// The byte offset of character `index` (from the start again if it
    /// is behind the last one asked for).
    fn at(&mut self, index: usize) -> usize {
        if index < self.at.0 {
            *self = Self::new(self.text);
        }
        while self.at.0 < index {
            if self.chars.next().is_none() {
                return self.text.len();
            }
            self.at = (self.at.0 + 1, self.chars.offset());
        }
        self.at.1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            name: "d.yaml".into(),
            text: Arc::from(text),
        }
    }

    #[test]
    fn a_bomb_of_aliases_is_stopped_where_it_grows_too_large() {
        let big = "x".repeat(1 << 20);
        let mut yaml = format!("a: &big {big}\nb: [");
        for _ in 0..40 {
            yaml.push_str("*big, ");
        }
        yaml.push_str("]\n");
        let found = check(&file(&yaml));
        assert!(found.fatal);
        assert_eq!(found.problems.len(), 1, "one problem, the bomb");
        let (_, range) = found.problems[0].location.clone().unwrap();
        assert_eq!(&yaml[range], "*big");
        // Aliases of aliases: 10 levels of 10 make 10¹⁰ leaves.
        let mut yaml = String::from("l0: &l0 [x]\n");
        for i in 1..10 {
            let refs = vec![format!("*l{}", i - 1); 10].join(", ");
            yaml.push_str(&format!("l{i}: &l{i} [{refs}]\n"));
        }
        assert!(check(&file(&yaml)).fatal);
        // A few aliases of small values are fine.
        assert!(
            check(&file("a: &n 5\nb: *n\nc: [*n, *n]\n"))
                .problems
                .is_empty()
        );
    }

    #[test]
    fn long_strings_and_escaped_tricks_are_found() {
        let yaml = format!(
            "a: Lò Văn\nb: \"x\\u202Ey\"\nc: {}\n",
            "y".repeat(MAX_STRING + 1)
        );
        let p = check(&file(&yaml)).problems;
        assert_eq!(p.len(), 2);
        assert!(
            p[0].message
                .contains("(U+202E) in the text, written as an escape"),
            "{}",
            p[0].message
        );
        let (_, range) = p[0].location.clone().unwrap();
        assert_eq!(&yaml[range], "\"x\\u202Ey\"");
        assert!(
            p[1].message.contains("20001 characters long"),
            "{}",
            p[1].message
        );
    }

    #[test]
    fn raw_tricks_are_found_with_their_fix() {
        let found = check(&file("name: \"Lò\u{202e}Văn\"\n"));
        assert!(!found.fatal);
        assert_eq!(found.problems.len(), 1);
        assert!(found.problems[0].message.contains("U+202E"));
        assert_eq!(found.problems[0].fix.as_deref(), Some(""));
        let found = check(&file("name: Lò\u{1b}]0;x\u{7}\n"));
        assert!(found.fatal);
        assert_eq!(found.problems.len(), 2);
    }
}
