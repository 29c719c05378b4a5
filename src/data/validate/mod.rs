//! Located schema check of YAML input, run before serde.
//!
//! serde stops at the first error and locates it poorly, so a clerk would fix
//! one typo, rerun and meet the next. This walks the YAML tree (with saphyr's
//! positions) alongside the JSON Schema that schemars derives for the target
//! type, and reports every problem at once, each with a byte span.
//!
//! Scalars are typed the way serde_yaml_ng types them, so that what passes here
//! also deserializes: a text field takes any plain scalar (`295`, `true`), an
//! integer field needs a plain integer, and inside an untagged enum (which serde
//! buffers, typing each plain scalar on its own) a text value must really be text.
//!
//! The walk is here; `branches` picks the branch of an enum the writer meant,
//! `scalar` types a scalar as serde does, and `meant` makes the repair of
//! each problem (the data as meant, see [`super::repair`]).

use std::collections::HashSet;
use std::ops::Range;

use saphyr::{LoadableYamlNode, MarkedYamlOwned as Node, ScalarOwned, ScanError};
use saphyr::{YamlDataOwned as Data, YamlDataOwned::Mapping, YamlDataOwned::Sequence};
use serde_json::{Map, Value};

use super::repair::{self, Repair};

mod branches;
mod meant;
mod scalar;
mod words;

use scalar::{bound, format_range, parse_int, plain_kind, type_fits, value_matches};
use words::{
    Noun, closest, join_or, known_fields_hint, one_of_hint, out_of_range, scanner_text, type_nouns,
    unknown_value,
};

/// One problem found in a YAML document, located by byte offsets into the source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// One-line message in the user's language, e.g. "unknown field `adress`".
    pub message: String,
    /// Optional help, e.g. "did you mean `address`? known fields: name, address, phone".
    pub hint: Option<String>,
    /// Byte range into the source (start..end); for a missing field, the span of the mapping's first key or the parent key.
    pub span: Range<usize>,
    /// The text that replaces `span`, when the fix is certain (`vanban
    /// fix` applies it): a line quoted that YAML read as a field.
    pub fix: Option<String>,
    /// An edit of the source (range, replacement) after which this
    /// problem is gone without changing anything else the data says (an
    /// unknown field deleted, a line quoted, a date written `15/10/2024`):
    /// with every problem so repaired, the content checks run on the rest
    /// of the data too ([`super::repair`]).
    pub repair: Option<Repair>,
}

fn problem(message: impl Into<String>, span: Range<usize>, hint: Option<String>) -> Problem {
    Problem {
        message: message.into(),
        hint,
        span,
        fix: None,
        repair: None,
    }
}

/// Validate `source` (a YAML document) against `schema` (from `schemars::schema_for!(T)` / `SchemaGenerator`).
/// Returns all problems found, in source order (sorted by span start). Empty vec = valid.
pub fn validate(source: &str, schema: &schemars::Schema) -> Vec<Problem> {
    // saphyr counts characters; problems carry byte offsets.
    let offsets: Vec<usize> = source
        .char_indices()
        .map(|(b, _)| b)
        .chain([source.len()])
        .collect();
    let mut checker = Checker {
        source,
        offsets,
        root: schema.as_value(),
        renamed: HashSet::new(),
    };
    let mut out = Vec::new();
    match checker.parse() {
        Ok(docs) => checker.check_document(&docs, &mut out),
        Err(err) => out.push(checker.syntax_problem(&err)),
    }
    out.sort_by_key(|p| p.span.start);
    out.dedup();
    out
}

/// The kind of a YAML node as serde_yaml_ng sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Null,
    Bool,
    Int,
    Float,
    Text,
    Map,
    List,
}

/// A node's kind and, for scalars, its text.
struct Leaf {
    kind: Kind,
    text: String,
    /// `key:` with nothing after it, which serde reads as an empty list,
    /// mapping or text where one is expected (outside untagged enums).
    empty: bool,
    quoted: bool,
}

/// Where a node sits: the key it is the value of, and whether serde buffers it.
#[derive(Clone)]
struct At {
    key: Option<Range<usize>>,
    /// Inside an untagged enum serde_yaml_ng types plain scalars before the
    /// variant sees them: `2025` is a number there and cannot be text.
    buffered: bool,
}

impl At {
    fn under(&self, key: Option<Range<usize>>) -> At {
        At {
            key,
            buffered: self.buffered,
        }
    }
}

struct Checker<'a> {
    source: &'a str,
    offsets: Vec<usize>,
    root: &'a Value,
    /// Character index of each repeated key (see [`Checker::parse`]).
    renamed: HashSet<usize>,
}

impl Checker<'_> {
    /// Parses the source. saphyr stops at the first repeated key; to report
    /// everything else too, each repeated key is renamed in a copy of the text
    /// (one character swapped for a private-use one, which keeps every
    /// character index) and the copy parsed again. The walk reports them.
    fn parse(&mut self) -> Result<Vec<Node>, ScanError> {
        let mut chars: Vec<char> = self.source.chars().collect();
        // A fresh private-use character for each rename, so renamed keys never collide.
        let mut private = '\u{E000}'..='\u{F8FF}';
        loop {
            let err = match Node::load_from_str(&chars.iter().collect::<String>()) {
                Ok(docs) => return Ok(docs),
                Err(err) => err,
            };
            let at = err.marker().index();
            let i = at + usize::from(matches!(chars.get(at), Some('"' | '\'')));
            let duplicate = err.info() == "duplicated key in mapping";
            match (chars.get_mut(i), private.next()) {
                (Some(c), Some(p)) if duplicate && !"\"'\\".contains(*c) => {
                    *c = p;
                    self.renamed.insert(at);
                }
                _ => return Err(err),
            }
        }
    }

    fn syntax_problem(&self, err: &ScanError) -> Problem {
        let mut start = self.byte(err.marker().index());
        let info = err.info().trim();
        // The scanner stops on a tab while still reading the line above
        // (the value that a tab-indented key seems to continue): point at
        // the tab itself.
        if info.contains("tab")
            && let Some(tab) = self.source[start..].find('\t')
        {
            start += tab;
            return problem(
                crate::tr!("data-yaml-tab"),
                start..start + 1,
                Some(crate::tr!("data-yaml-tab-hint")),
            );
        }
        let end = self.source[start..]
            .chars()
            .next()
            .filter(|c| *c != '\n')
            .map_or(start, |c| start + c.len_utf8());
        // "while parsing a block mapping, did not find expected key": the what first.
        let message = match info.strip_prefix("while ").and_then(|i| i.split_once(", ")) {
            Some((context, what)) => crate::tr!(
                "data-yaml-invalid-while",
                what = scanner_text(what),
                context = scanner_text(context)
            ),
            None => crate::tr!("data-yaml-invalid", what = scanner_text(info)),
        };
        let hint = if info.contains("duplicated key") {
            crate::tr!("data-yaml-hint-duplicate")
        } else if info.contains("mapping values are not allowed") {
            crate::tr!("data-yaml-hint-colon")
        } else if info.contains("',' or") || info.contains("':' indicator") {
            crate::tr!("data-yaml-hint-unclosed")
        } else {
            crate::tr!("data-yaml-hint-check")
        };
        problem(message, start..end, Some(hint))
    }

    fn check_document(&self, docs: &[Node], out: &mut Vec<Problem>) {
        let Some(doc) = docs.first().filter(|d| !matches!(d.data, Data::BadValue)) else {
            let needed = strings(self.root.get("required")).join(", ");
            let hint =
                (!needed.is_empty()).then(|| crate::tr!("data-file-empty-hint", fields = needed));
            return out.push(problem(crate::tr!("data-file-empty"), 0..0, hint));
        };
        if let Some(second) = docs.get(1) {
            let at = self.byte(second.span.start.index());
            let start = self.source[..at].rfind("---").unwrap_or(at);
            let hint = Some(crate::tr!("data-yaml-many-documents-hint"));
            out.push(problem(
                crate::tr!("data-yaml-many-documents"),
                start..start + 3,
                hint,
            ));
        }
        let at = At {
            key: None,
            buffered: false,
        };
        self.check(doc, self.root, &at, out);
    }

    fn byte(&self, char_index: usize) -> usize {
        self.offsets
            .get(char_index)
            .copied()
            .unwrap_or(self.source.len())
    }

    /// Byte span of a node, trimmed of trailing blanks. A collection is shown
    /// by its first line, which is where a reader looks for it.
    fn span(&self, node: &Node) -> Range<usize> {
        let start = self.byte(node.span.start.index());
        let mut end = self.byte(extent(node)).max(start);
        if matches!(node.data, Mapping(_) | Sequence(_)) {
            // saphyr ends a flow collection before its closing bracket.
            let rest = self.source[end..].trim_start();
            if rest.starts_with([']', '}']) {
                end = self.source.len() - rest.len() + 1;
            }
            end = self.source[start..end]
                .find('\n')
                .map_or(end, |n| start + n);
        }
        start..start + self.source[start..end].trim_end().len()
    }

    /// The node's span, or its key's when the node has no text (`key:`).
    fn value_span(&self, node: &Node, at: &At) -> Range<usize> {
        match (self.span(node), &at.key) {
            (span, Some(key)) if span.is_empty() => key.clone(),
            (span, _) => span,
        }
    }

    fn leaf(&self, node: &Node) -> Leaf {
        let (kind, text, quoted) = match &node.data {
            Mapping(_) => (Kind::Map, String::new(), false),
            Sequence(_) => (Kind::List, String::new(), false),
            Data::Tagged(_, inner) => return self.leaf(&self.tag_target(node, inner)),
            Data::Value(ScalarOwned::String(s)) => {
                let quoted = self.source[self.span(node)].starts_with(['"', '\'']);
                (
                    if quoted { Kind::Text } else { plain_kind(s) },
                    s.clone(),
                    quoted,
                )
            }
            // saphyr resolved a plain scalar by its own rules; resolve the
            // source text by serde_yaml_ng's (`013` is text there, not 13).
            _ => {
                let raw = self.source[self.span(node)].to_string();
                (plain_kind(&raw), raw, false)
            }
        };
        Leaf {
            kind,
            empty: kind == Kind::Null && text.is_empty(),
            text,
            quoted,
        }
    }

    /// Follows `$ref`s (a bounded number: a cycle of refs consumes no node).
    fn resolve<'s>(&'s self, mut schema: &'s Value) -> Option<&'s Value> {
        for _ in 0..32 {
            let Some(r) = schema.get("$ref").and_then(Value::as_str) else {
                return Some(schema);
            };
            schema = self.root.pointer(r.strip_prefix('#')?)?;
        }
        None
    }

    fn check(&self, node: &Node, schema: &Value, at: &At, out: &mut Vec<Problem>) {
        let obj = match self.resolve(schema) {
            Some(Value::Object(obj)) => obj,
            Some(Value::Bool(false)) => {
                return out.push(problem(
                    crate::tr!("data-no-value-allowed"),
                    self.value_span(node, at),
                    None,
                ));
            }
            _ => return,
        };
        if let Data::Tagged(tag, inner) = &node.data {
            let inner = self.tag_target(node, inner);
            match obj.get("oneOf") {
                Some(Value::Array(bs)) => {
                    return self.check_tagged(node, &tag.suffix, &inner, bs, at, out);
                }
                _ if !obj.contains_key("anyOf") => return self.check(&inner, schema, at, out),
                _ => {}
            }
        }
        if let Some(Value::Array(branches)) = obj.get("anyOf").or_else(|| obj.get("oneOf")) {
            // `Option<T>` is `anyOf [T, null]` and read directly; any other
            // `anyOf` is an untagged enum, which serde buffers.
            let untagged = obj.contains_key("anyOf") && !is_option(branches);
            let at = At {
                key: at.key.clone(),
                buffered: at.buffered || untagged,
            };
            return self.check_branches(node, branches, obj.contains_key("oneOf"), &at, out);
        }
        let leaf = self.leaf(node);
        let types = obj.get("type");
        if types.is_some_and(|t| !type_fits(t, &leaf, at.buffered)) {
            if let Some(quoted) = self.colon_line(node)
                && types.is_some_and(|t| strings(Some(t)).contains(&"string"))
            {
                return out.push(quoted);
            }
            let mut p = self.mismatch(node, &leaf, types.map(type_nouns).unwrap_or_default(), at);
            self.repair_value(&mut p, node, &leaf, schema);
            return out.push(p);
        }
        let names = strings(types);
        // serde_yaml_ng reads `key:` as an empty mapping or list where one is expected.
        let empty_as = |t| leaf.empty && !names.contains(&"null") && names.contains(&t);
        match &node.data {
            Mapping(map) => self.check_object(node, &map.iter().collect::<Vec<_>>(), obj, at, out),
            Sequence(items) => self.check_array(node, items, obj, at, out),
            _ if empty_as("object") => self.check_object(node, &[], obj, at, out),
            _ if empty_as("array") => self.check_array(node, &[], obj, at, out),
            _ => self.check_scalar(node, &leaf, obj, at, out),
        }
    }

    fn check_object(
        &self,
        node: &Node,
        entries: &[(&Node, &Node)],
        obj: &Map<String, Value>,
        at: &At,
        out: &mut Vec<Problem>,
    ) {
        let props = obj.get("properties").and_then(Value::as_object);
        let known: Vec<&str> = props
            .map(|p| p.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let names: Vec<String> = entries.iter().map(|(k, _)| self.leaf(k).text).collect();
        for ((key, value), name) in entries.iter().zip(&names) {
            let key_span = self.span(key);
            if self.renamed.contains(&key.span.start.index()) {
                let name = self.source[key_span.clone()].trim_matches(['"', '\'']);
                let hint = Some(crate::tr!("data-duplicate-field-hint"));
                out.push(problem(
                    crate::tr!("data-duplicate-field", field = name),
                    key_span,
                    hint,
                ));
                continue;
            }
            let child = at.under(Some(key_span.clone()));
            match (
                props.and_then(|p| p.get(name)),
                obj.get("additionalProperties"),
            ) {
                (Some(schema), _) | (None, Some(schema @ Value::Object(_))) => {
                    self.check(value, schema, &child, out)
                }
                (None, Some(Value::Bool(false))) => {
                    // Suggest only fields not given yet: a typo stands for a missing one.
                    let unused = known
                        .iter()
                        .copied()
                        .filter(|k| !names.iter().any(|n| n == k));
                    // `{ position: Trưởng phòng, Văn phòng UBND }`: the comma
                    // ended the value, and the rest reads as a key.
                    let in_flow = self.source[..key_span.start].trim_end().ends_with(',');
                    let no_value = matches!(value.data, Data::Value(ScalarOwned::Null));
                    let hint = if in_flow && no_value && name.contains(" ") {
                        crate::tr!("data-hint-flow-comma", field = name)
                    } else if known.is_empty() {
                        crate::tr!("data-hint-no-fields")
                    } else {
                        known_fields_hint(closest(name, unused), &known)
                    };
                    let mut p = problem(
                        crate::tr!("data-unknown-field", field = name),
                        key_span,
                        Some(hint),
                    );
                    p.repair = self.entry_removal(key, value).map(|r| Repair::meant(r, ""));
                    out.push(p);
                }
                _ => {}
            }
        }
        let required = strings(obj.get("required"));
        let span = match (&at.key, entries.first()) {
            (Some(key), _) => key.clone(),
            (None, Some((first, _))) => self.span(first),
            (None, None) => self.span(node),
        };
        for field in required.iter().filter(|r| !names.iter().any(|n| n == *r)) {
            let hint = Some(crate::tr!(
                "data-missing-field-hint",
                fields = required.join(", ")
            ));
            let mut p = problem(
                crate::tr!("data-missing-field", field = *field),
                span.clone(),
                hint,
            );
            p.repair = props
                .and_then(|p| p.get(*field))
                .and_then(|schema| self.stand_in(schema))
                .and_then(|value| self.insertion(node, entries, field, &value))
                .map(|(at, text)| Repair::stand_in(at, text));
            out.push(p);
        }
    }

    fn check_array(
        &self,
        node: &Node,
        items: &[Node],
        obj: &Map<String, Value>,
        at: &At,
        out: &mut Vec<Problem>,
    ) {
        if let Some(schema) = obj.get("items") {
            for item in items {
                self.check(item, schema, &at.under(None), out);
            }
        }
        if let Some(min) = obj
            .get("minItems")
            .and_then(Value::as_u64)
            .filter(|&m| (items.len() as u64) < m)
        {
            let message = crate::tr!("data-list-too-short", min = min, count = items.len());
            out.push(problem(message, self.value_span(node, at), None));
        }
    }

    fn check_scalar(
        &self,
        node: &Node,
        leaf: &Leaf,
        obj: &Map<String, Value>,
        at: &At,
        out: &mut Vec<Problem>,
    ) {
        let span = self.value_span(node, at);
        if let Some(allowed) =
            enum_values(obj).filter(|a| !a.iter().any(|v| value_matches(v, leaf, at.buffered)))
        {
            let mut p = unknown_value(leaf, &allowed, span.clone());
            p.repair = self.meant_value(node, leaf, &allowed, span);
            return out.push(p);
        }
        let format = obj.get("format").and_then(Value::as_str).unwrap_or("");
        if leaf.kind == Kind::Int {
            let (low, high) = format_range(format).unzip();
            let low = low.max(obj.get("minimum").and_then(bound));
            let high = [high, obj.get("maximum").and_then(bound)]
                .into_iter()
                .flatten()
                .min();
            let fits = parse_int(&leaf.text)
                .is_some_and(|v| low.is_none_or(|l| v >= l) && high.is_none_or(|h| v <= h));
            if !fits {
                let bounds = (low.map(|l| l.to_string()), high.map(|h| h.to_string()));
                let mut p = problem(out_of_range(&leaf.text, bounds), span.clone(), None);
                let stand_in = low.unwrap_or(1).max(1).min(high.unwrap_or(i128::MAX));
                p.repair = Some(Repair::stand_in(span, stand_in.to_string()));
                out.push(p);
            }
        } else if leaf.kind == Kind::Float {
            // A number with a fraction (`36.5`), against bounds such as a
            // seal's diameter in millimetres has.
            let low = obj.get("minimum").and_then(Value::as_f64);
            let high = obj.get("maximum").and_then(Value::as_f64);
            let value = leaf
                .text
                .strip_prefix('+')
                .unwrap_or(&leaf.text)
                .parse::<f64>();
            let fits = value.is_ok_and(|v| {
                v.is_finite() && low.is_none_or(|l| v >= l) && high.is_none_or(|h| v <= h)
            });
            if !fits && (low.is_some() || high.is_some()) {
                let bounds = (low.map(|l| l.to_string()), high.map(|h| h.to_string()));
                let mut p = problem(out_of_range(&leaf.text, bounds), span.clone(), None);
                let stand_in = low.or(high).unwrap_or(1.0);
                p.repair = Some(Repair::stand_in(span, stand_in.to_string()));
                out.push(p);
            }
        } else if format == "date"
            && leaf.kind != Kind::Null
            && leaf.text.parse::<chrono::NaiveDate>().is_err()
        {
            // The check is exactly what chrono's `NaiveDate` deserializer accepts.
            let meant = repair::meant_date(&leaf.text).filter(|_| !self.span(node).is_empty());
            let hint = match &meant {
                Some(iso) => crate::tr!("data-date-hint-meant", date = iso),
                None => crate::tr!("data-date-hint"),
            };
            let mut p = problem(
                crate::tr!("data-date-invalid", value = &leaf.text),
                span.clone(),
                Some(hint),
            );
            p.fix = meant.clone();
            p.repair = meant.map(|iso| Repair::meant(span, iso));
            out.push(p);
        }
    }

    fn mismatch(&self, node: &Node, leaf: &Leaf, expected: Vec<Noun>, at: &At) -> Problem {
        let nouns = unique(expected);
        let found = match leaf.kind {
            Kind::Null if leaf.empty => Noun::Nothing,
            Kind::Null => Noun::Null,
            Kind::Bool => Noun::Bool,
            Kind::Int => Noun::Whole,
            Kind::Float => Noun::Decimal,
            Kind::Text => Noun::Text,
            Kind::Map => Noun::Fields,
            Kind::List => Noun::List,
        };
        let wants = |n: Noun| nouns.contains(&n);
        let hint = match leaf.kind {
            Kind::Int | Kind::Float | Kind::Bool if wants(Noun::Text) => {
                crate::tr!("data-hint-quote-text", value = &leaf.text)
            }
            Kind::Text
                if wants(Noun::Whole) && leaf.quoted && plain_kind(&leaf.text) == Kind::Int =>
            {
                crate::tr!("data-hint-unquote", value = &leaf.text)
            }
            Kind::Text | Kind::Float | Kind::Null if wants(Noun::Whole) => {
                crate::tr!("data-hint-whole-number")
            }
            Kind::Null if wants(Noun::List) => crate::tr!("data-hint-empty-list"),
            Kind::Null => crate::tr!("data-hint-value-after-colon"),
            _ if wants(Noun::List) => crate::tr!("data-hint-list-items"),
            _ if wants(Noun::Bool) => crate::tr!("data-hint-true-false"),
            _ => String::new(),
        };
        let message = match found {
            Noun::Nothing => crate::tr!("data-type-mismatch-nothing", expected = join_or(&nouns)),
            found => crate::tr!(
                "data-type-mismatch",
                expected = join_or(&nouns),
                found = found.text()
            ),
        };
        problem(
            message,
            self.value_span(node, at),
            Some(hint).filter(|h| !h.is_empty()),
        )
    }
}

/// Character index where the node's text ends, children included.
fn extent(node: &Node) -> usize {
    let end = node.span.end.index();
    match &node.data {
        Mapping(m) => m
            .iter()
            .map(|(k, v)| extent(k).max(extent(v)))
            .fold(end, usize::max),
        Sequence(s) => s.iter().map(extent).fold(end, usize::max),
        Data::Tagged(_, inner) if matches!(inner.data, Mapping(_) | Sequence(_)) => {
            end.max(extent(inner))
        }
        _ => end,
    }
}

fn is_option(branches: &[Value]) -> bool {
    branches.len() == 2
        && branches
            .iter()
            .any(|b| b.get("type").and_then(Value::as_str) == Some("null"))
}

fn enum_values(obj: &Map<String, Value>) -> Option<Vec<Value>> {
    match (obj.get("const"), obj.get("enum")) {
        (Some(c), _) => Some(vec![c.clone()]),
        (None, Some(Value::Array(values))) => Some(values.clone()),
        _ => None,
    }
}

fn strings(value: Option<&Value>) -> Vec<&str> {
    match value {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn unique<T: PartialEq>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

#[cfg(test)]
mod tests;
