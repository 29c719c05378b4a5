//! How the schema check words its problems: the nouns of "expected X,
//! found Y", the YAML scanner's phrases, the hints that list what may be
//! written, and the guess of what was meant.

use std::ops::Range;

use serde_json::Value;

use super::{Leaf, Problem, problem, strings};

/// A part of a message of the YAML scanner (`did not find expected key`,
/// `parsing a block mapping`) in the user's language: the common ones;
/// others as the scanner says them.
pub(super) fn scanner_text(text: &str) -> String {
    match text {
        "parsing a block mapping" => crate::tr!("data-yaml-in-block-mapping"),
        "parsing a flow mapping" => crate::tr!("data-yaml-in-flow-mapping"),
        "parsing a flow sequence" => crate::tr!("data-yaml-in-flow-sequence"),
        "parsing a block collection" => crate::tr!("data-yaml-in-block-collection"),
        "parsing a node" => crate::tr!("data-yaml-in-node"),
        "scanning a quoted scalar" => crate::tr!("data-yaml-scanning-quoted"),
        "parsing a quoted scalar" => crate::tr!("data-yaml-parsing-quoted"),
        "scanning a block scalar" => crate::tr!("data-yaml-in-block-scalar"),
        "did not find expected key" => crate::tr!("data-yaml-no-key"),
        "expected ',' or ']'" => crate::tr!("data-yaml-no-comma-bracket"),
        "did not find expected ',' or '}'" => crate::tr!("data-yaml-no-comma-brace"),
        "did not find expected '-' indicator" => crate::tr!("data-yaml-no-dash"),
        "did not find expected node content" => crate::tr!("data-yaml-no-content"),
        "found unexpected end of stream" => crate::tr!("data-yaml-end-of-file"),
        "found unknown escape character" => crate::tr!("data-yaml-bad-escape"),
        "mapping values are not allowed in this context" => crate::tr!("data-yaml-colon"),
        "duplicated key in mapping" => crate::tr!("data-yaml-duplicate-key"),
        "block sequence entries are not allowed in this context" => {
            crate::tr!("data-yaml-dash-here")
        }
        "invalid indentation" => crate::tr!("data-yaml-indentation"),
        "invalid indentation in flow construct" => crate::tr!("data-yaml-flow-indentation"),
        "wrongly indented line in block scalar" => crate::tr!("data-yaml-block-indentation"),
        "illegal placement of ':' indicator" => crate::tr!("data-yaml-colon-placement"),
        "tabs disallowed within this context (block indentation)" => {
            crate::tr!("data-yaml-tab-indentation")
        }
        "tabs disallowed in this context" => crate::tr!("data-yaml-tab-here"),
        "tab cannot be used as indentation" => crate::tr!("data-yaml-tab-indent"),
        "mapping keys are not allowed in this context" => crate::tr!("data-yaml-key-here"),
        "simple key expect ':'" => crate::tr!("data-yaml-key-colon"),
        "misplaced bracket" => crate::tr!("data-yaml-misplaced-bracket"),
        "invalid trailing content after double-quoted scalar" => {
            crate::tr!("data-yaml-after-quote")
        }
        "unexpected end of plain scalar" => crate::tr!("data-yaml-plain-end"),
        "did not find expected next token" => crate::tr!("data-yaml-no-token"),
        _ => text.to_string(),
    }
}

/// What a value is, as "expected X, found Y" names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Noun {
    /// A mapping.
    Fields,
    List,
    Text,
    /// An integer.
    Whole,
    Number,
    /// A number with a fraction.
    Decimal,
    Bool,
    /// `key:` with nothing after it; or, expected, a null.
    Nothing,
    /// `null` or `~` written out.
    Null,
    /// Anything.
    Value,
    /// A branch of an enum by its title in the schema.
    Title(String),
}

impl Noun {
    /// The noun in the user's language.
    pub(super) fn text(&self) -> String {
        match self {
            Noun::Fields => crate::tr!("data-noun-fields"),
            Noun::List => crate::tr!("data-noun-list"),
            Noun::Text => crate::tr!("data-noun-text"),
            Noun::Whole => crate::tr!("data-noun-whole"),
            Noun::Number => crate::tr!("data-noun-number"),
            Noun::Decimal => crate::tr!("data-noun-decimal"),
            Noun::Bool => crate::tr!("data-noun-bool"),
            Noun::Nothing => crate::tr!("data-noun-nothing"),
            Noun::Null => crate::tr!("data-noun-null"),
            Noun::Value => crate::tr!("data-noun-value"),
            Noun::Title(title) => title.clone(),
        }
    }
}

pub(super) fn type_nouns(types: &Value) -> Vec<Noun> {
    let names = strings(Some(types));
    let nouns = names
        .iter()
        .filter(|t| **t != "null" || names.len() == 1)
        .map(|t| match *t {
            "object" => Noun::Fields,
            "array" => Noun::List,
            "string" => Noun::Text,
            "integer" => Noun::Whole,
            "number" => Noun::Number,
            "boolean" => Noun::Bool,
            _ => Noun::Nothing,
        });
    nouns.collect()
}

pub(super) fn unknown_value(leaf: &Leaf, allowed: &[Value], span: Range<usize>) -> Problem {
    let names: Vec<String> = allowed
        .iter()
        .map(|v| v.as_str().map_or_else(|| v.to_string(), String::from))
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let hint = one_of_hint(&leaf.text, &names);
    problem(
        crate::tr!("data-unknown-value", value = &leaf.text),
        span,
        Some(hint),
    )
}

/// "did you mean `x`? expected one of: …", or without the guess when no
/// value is near `word`.
pub(super) fn one_of_hint(word: &str, names: &[&str]) -> String {
    let values = names.join(", ");
    match closest(word, names.iter().copied()) {
        Some(guess) => crate::tr!(
            "data-hint-did-you-mean-one-of",
            guess = guess,
            values = values
        ),
        None => crate::tr!("data-hint-one-of", values = values),
    }
}

/// "did you mean `x`? known fields: …", or without the guess.
pub(super) fn known_fields_hint<S: AsRef<str>>(guess: Option<&str>, known: &[S]) -> String {
    let fields = known
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(", ");
    match guess {
        Some(guess) => crate::tr!(
            "data-hint-did-you-mean-fields",
            guess = guess,
            fields = fields
        ),
        None => crate::tr!("data-hint-known-fields", fields = fields),
    }
}

/// "value 80 is out of range (20–60)", by the bounds there are.
pub(super) fn out_of_range(value: &str, bounds: (Option<String>, Option<String>)) -> String {
    match bounds {
        (Some(low), Some(high)) => {
            crate::tr!(
                "data-out-of-range-between",
                value = value,
                low = low,
                high = high
            )
        }
        (Some(low), None) => crate::tr!("data-out-of-range-low", value = value, low = low),
        (None, Some(high)) => crate::tr!("data-out-of-range-high", value = value, high = high),
        (None, None) => crate::tr!("data-out-of-range-large", value = value),
    }
}

/// The closest candidate, if close enough to be the word meant.
pub(super) fn closest<'c>(
    word: &str,
    candidates: impl Iterator<Item = &'c str>,
) -> Option<&'c str> {
    let word = word.to_lowercase();
    let scored = candidates.map(|c| {
        let lower = c.to_lowercase();
        let near = strsim::levenshtein(&word, &lower)
            <= (c.chars().count().max(word.chars().count()) / 3).max(1);
        (c, strsim::jaro_winkler(&word, &lower), near)
    });
    let best = scored
        .filter(|(_, jw, near)| *jw >= 0.85 || *near)
        .max_by(|a, b| a.1.total_cmp(&b.1));
    best.map(|(c, _, _)| c)
}

pub(super) fn join_or(items: &[Noun]) -> String {
    match items {
        [] => Noun::Value.text(),
        [one] => one.text(),
        [init @ .., last] => crate::tr!(
            "data-noun-or",
            first = init.iter().map(Noun::text).collect::<Vec<_>>().join(", "),
            last = last.text()
        ),
    }
}
