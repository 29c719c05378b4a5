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

use std::collections::HashSet;
use std::ops::Range;

use saphyr::{LoadableYamlNode, MarkedYamlOwned as Node, Marker, ScalarOwned, ScanError};
use saphyr::{YamlDataOwned as Data, YamlDataOwned::Mapping, YamlDataOwned::Sequence};
use serde_json::{Map, Value};

use super::repair;

/// One problem found in a YAML document, located by byte offsets into the source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// One-line message in plain English, e.g. "unknown field `adress`".
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
    pub repair: Option<(Range<usize>, String)>,
    /// The repair puts a stand-in where a value is missing or mistyped:
    /// what the content checks say there is dropped.
    pub stand_in: bool,
}

fn problem(message: impl Into<String>, span: Range<usize>, hint: Option<String>) -> Problem {
    Problem {
        message: message.into(),
        hint,
        span,
        fix: None,
        repair: None,
        stand_in: false,
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
                "invalid YAML: a tab in the indentation".to_string(),
                start..start + 1,
                Some("YAML indents with spaces only: replace the tab with spaces".into()),
            );
        }
        let end = self.source[start..]
            .chars()
            .next()
            .filter(|c| *c != '\n')
            .map_or(start, |c| start + c.len_utf8());
        // "while parsing a block mapping, did not find expected key": the what first.
        let message = match info.strip_prefix("while ").and_then(|i| i.split_once(", ")) {
            Some((context, what)) => format!("invalid YAML: {what} (while {context})"),
            None => format!("invalid YAML: {info}"),
        };
        let hint = if info.contains("duplicated key") {
            "this key is already given above in the same mapping; keep only one"
        } else if info.contains("mapping values are not allowed") {
            "a value that contains `: ` must be put in quotes, e.g. title: \"Kế hoạch: năm 2025\""
        } else if info.contains("',' or") || info.contains("':' indicator") {
            "a `[` or `{` here or above is not closed; close it, or put the whole value in quotes"
        } else {
            "check indentation and quoting on this line and the line above"
        };
        problem(message, start..end, Some(hint.into()))
    }

    fn check_document(&self, docs: &[Node], out: &mut Vec<Problem>) {
        let Some(doc) = docs.first().filter(|d| !matches!(d.data, Data::BadValue)) else {
            let needed = strings(self.root.get("required")).join(", ");
            let hint = (!needed.is_empty()).then(|| format!("write these fields: {needed}"));
            return out.push(problem("the file is empty", 0..0, hint));
        };
        if let Some(second) = docs.get(1) {
            let at = self.byte(second.span.start.index());
            let start = self.source[..at].rfind("---").unwrap_or(at);
            let hint = Some("remove this `---` line; one file holds one document".into());
            out.push(problem(
                "the file holds more than one YAML document",
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
                    "no value is allowed here",
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
                let hint = Some(
                    "this field is already given above in the same mapping; keep only one".into(),
                );
                out.push(problem(format!("duplicate field `{name}`"), key_span, hint));
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
                    let known = match known.is_empty() {
                        true => "no fields are allowed here".to_string(),
                        false => format!("known fields: {}", known.join(", ")),
                    };
                    // `{ position: Trưởng phòng, Văn phòng UBND }`: the comma
                    // ended the value, and the rest reads as a key.
                    let in_flow = self.source[..key_span.start].trim_end().ends_with(',');
                    let no_value = matches!(value.data, Data::Value(ScalarOwned::Null));
                    let hint = if in_flow && no_value && name.contains(" ") {
                        format!(
                            "inside `{{ … }}` a comma separates fields: put the value before `{name}` in quotes, with its comma"
                        )
                    } else {
                        did_you_mean(name, unused) + &known
                    };
                    let mut p = problem(format!("unknown field `{name}`"), key_span, Some(hint));
                    p.repair = self.entry_removal(key, value).map(|r| (r, String::new()));
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
            let hint = Some(format!("fields needed here: {}", required.join(", ")));
            let mut p = problem(format!("missing field `{field}`"), span.clone(), hint);
            p.repair = props
                .and_then(|p| p.get(*field))
                .and_then(|schema| self.stand_in(schema))
                .and_then(|value| self.insertion(node, entries, field, &value));
            p.stand_in = true;
            out.push(p);
        }
    }

    /// A stand-in value of the type `schema` asks for ([`repair::stand_in`]).
    fn stand_in(&self, schema: &Value) -> Option<String> {
        repair::stand_in(schema, &|s| self.resolve(s).cloned())
    }

    /// The edit that adds `field: value` to the mapping `node` after its
    /// last entry (on a line of its own, as indented as its first key, or
    /// after a comma inside `{ … }`); `None` for a mapping with no entry.
    fn insertion(
        &self,
        node: &Node,
        entries: &[(&Node, &Node)],
        field: &str,
        value: &str,
    ) -> Option<(Range<usize>, String)> {
        let (first, _) = entries.first()?;
        let (key, last) = entries.last()?;
        let end = self.entry_end(key, last);
        let end = self.source[..end].trim_end().len();
        let flow = self.source[self.byte(node.span.start.index())..].starts_with('{');
        if flow {
            return Some((end..end, format!(", {field}: {value}")));
        }
        let start = self.byte(first.span.start.index());
        let line = self.source[..start].rfind('\n').map_or(0, |n| n + 1);
        let column = self.source[line..start].chars().count();
        Some((
            end..end,
            format!("\n{}{field}: {value}", " ".repeat(column)),
        ))
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
            let noun = if min == 1 { "item" } else { "items" };
            let message = format!(
                "the list needs at least {min} {noun}, it has {}",
                items.len()
            );
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
            let range = match (low, high) {
                (Some(l), Some(h)) => format!("{l}–{h}"),
                (Some(l), None) => format!("at least {l}"),
                (None, Some(h)) => format!("at most {h}"),
                (None, None) => "too large".to_string(),
            };
            if !fits {
                let mut p = problem(
                    format!("value {} is out of range ({range})", leaf.text),
                    span.clone(),
                    None,
                );
                let stand_in = low.unwrap_or(1).max(1).min(high.unwrap_or(i128::MAX));
                p.repair = Some((span, stand_in.to_string()));
                p.stand_in = true;
                out.push(p);
            }
        } else if format == "date"
            && leaf.kind != Kind::Null
            && leaf.text.parse::<chrono::NaiveDate>().is_err()
        {
            // The check is exactly what chrono's `NaiveDate` deserializer accepts.
            let meant = repair::meant_date(&leaf.text).filter(|_| !self.span(node).is_empty());
            let hint = match &meant {
                Some(iso) => format!("write dates as YYYY-MM-DD: {iso}"),
                None => "write dates as YYYY-MM-DD, e.g. 2025-01-10".into(),
            };
            let mut p = problem(
                format!("`{}` is not a valid date", leaf.text),
                span.clone(),
                Some(hint),
            );
            p.fix = meant.clone();
            p.repair = meant.map(|iso| (span, iso));
            out.push(p);
        }
    }

    /// `oneOf`/`anyOf`: fine if one branch takes the node; otherwise the
    /// problems of the branch the writer most likely meant, not of all of them.
    fn check_branches(
        &self,
        node: &Node,
        branches: &[Value],
        one_of: bool,
        at: &At,
        out: &mut Vec<Problem>,
    ) {
        let leaf = self.leaf(node);
        let fits: Vec<&Value> = branches
            .iter()
            .filter(|b| self.could_take(b, &leaf, at.buffered))
            .collect();
        let Mapping(map) = &node.data else {
            // Unit variants together: one "unknown value" listing all of them.
            let consts: Option<Vec<Vec<Value>>> =
                fits.iter().map(|b| self.resolved_enum(b)).collect();
            match (fits.as_slice(), consts.map(|c| c.concat())) {
                ([], _) => {
                    let mut p = self.mismatch(node, &leaf, self.describe_all(branches), at);
                    let any = Value::Object(Map::from_iter([(
                        "anyOf".to_string(),
                        Value::Array(branches.to_vec()),
                    )]));
                    self.repair_value(&mut p, node, &leaf, &any);
                    out.push(p)
                }
                ([_, _, ..], Some(allowed)) if leaf.kind != Kind::List => {
                    if !allowed.iter().any(|v| value_matches(v, &leaf, at.buffered)) {
                        let span = self.value_span(node, at);
                        let mut p = unknown_value(&leaf, &allowed, span.clone());
                        p.repair = self.meant_value(node, &leaf, &allowed, span);
                        out.push(p);
                    }
                }
                _ => self.pick(node, &fits, |_| 0, at, out),
            }
            return;
        };
        // (An externally tagged enum, `oneOf`, says how to write its
        // variant instead.)
        if !one_of
            && let Some(quoted) = self.colon_line(node)
            && branches.iter().any(|b| self.takes_text(b, at.buffered))
        {
            let mut found = Vec::new();
            self.check_branches_of_mapping(node, map, branches, &fits, one_of, at, &mut found);
            if !found.is_empty() {
                out.push(quoted);
            }
            return;
        }
        self.check_branches_of_mapping(node, map, branches, &fits, one_of, at, out);
    }

    /// `check_branches` for a mapping, once `fits` (the branches that may take it) is known.
    #[allow(clippy::too_many_arguments)]
    fn check_branches_of_mapping(
        &self,
        node: &Node,
        map: &saphyr::AnnotatedMappingOwned<Node>,
        branches: &[Value],
        fits: &[&Value],
        one_of: bool,
        at: &At,
        out: &mut Vec<Problem>,
    ) {
        let leaf = self.leaf(node);
        let keys: Vec<String> = map.iter().map(|(k, _)| self.leaf(k).text).collect();
        if let ([(key, value)], true) = (
            map.iter().collect::<Vec<_>>().as_slice(),
            one_of && !at.buffered,
        ) {
            // serde_yaml_ng reads an externally tagged variant only as a YAML tag.
            if let Some((name, Some(schema))) = self
                .variants(branches)
                .into_iter()
                .find(|(n, _)| *n == keys[0])
            {
                let hint = Some(format!("write `!{name} …` in place of the `{name}:` line"));
                out.push(problem(
                    format!("write the variant `{name}` as a YAML tag"),
                    self.span(key),
                    hint,
                ));
                return self.check(value, schema, &at.under(Some(self.span(key))), out);
            }
        }
        // The branch sharing the most keys with the mapping is the one meant.
        let shared = |b: &Value| {
            self.property_names(b)
                .iter()
                .filter(|p| keys.contains(p))
                .count()
        };
        // With `deny_unknown_fields` a branch lacking one of the keys cannot
        // fit; skipping it keeps recursive enums from being walked many times.
        let possible: Vec<&Value> = fits
            .iter()
            .copied()
            .filter(|b| !self.rules_out(b, &keys))
            .collect();
        let best = fits.iter().map(|b| shared(b)).max().unwrap_or(0);
        if fits.is_empty() {
            out.push(self.mismatch(node, &leaf, self.describe_all(branches), at));
        } else if !possible.is_empty() || keys.is_empty() || fits.len() == 1 {
            self.pick(
                node,
                if possible.is_empty() { fits } else { &possible },
                shared,
                at,
                out,
            );
        } else if best > 0 {
            let pool: Vec<&Value> = fits.iter().copied().filter(|b| shared(b) == best).collect();
            self.pick(node, &pool, shared, at, out);
        } else {
            // No key of any branch: each key is unknown among all the branches' fields.
            let known = unique(fits.iter().flat_map(|b| self.property_names(b)));
            for ((key, _), name) in map.iter().zip(&keys) {
                let hint = did_you_mean(name, known.iter().map(String::as_str))
                    + &format!("known fields: {}", known.join(", "));
                out.push(problem(
                    format!("unknown field `{name}`"),
                    self.span(key),
                    Some(hint),
                ));
            }
        }
    }

    /// `!Name value`: an externally tagged enum variant as serde_yaml_ng reads it.
    fn check_tagged(
        &self,
        node: &Node,
        name: &str,
        inner: &Node,
        branches: &[Value],
        at: &At,
        out: &mut Vec<Problem>,
    ) {
        let variants = self.variants(branches);
        match variants.iter().find(|(n, _)| n == name) {
            _ if at.buffered => out.push(problem(
                "a YAML tag cannot be used here",
                self.span(node),
                Some(format!("write `{name}: …` instead")),
            )),
            Some((_, Some(schema))) => self.check(inner, schema, at, out),
            Some((_, None)) if self.leaf(inner).empty => {}
            _ => {
                let names = variants.iter().map(|(n, _)| n.as_str());
                let hint = did_you_mean(name, names.clone())
                    + &format!("expected one of: {}", names.collect::<Vec<_>>().join(", "));
                let span = self.byte(node.span.start.index())
                    ..self.byte(node.span.start.index() + 1 + name.chars().count());
                out.push(problem(
                    format!("unknown variant `!{name}`"),
                    span,
                    Some(hint),
                ));
            }
        }
    }

    /// The node a tag applies to. saphyr gives a tagged scalar no place of its
    /// own: it is what follows the tag.
    fn tag_target(&self, node: &Node, inner: &Node) -> Node {
        let mut inner = inner.clone();
        if !matches!(inner.data, Mapping(_) | Sequence(_)) {
            let start = node.span.start;
            let text = &self.source[self.byte(start.index())..self.byte(extent(node))];
            let tag_len = text.find(char::is_whitespace).unwrap_or(text.len());
            let skip = text[..tag_len].chars().count()
                + text[tag_len..]
                    .chars()
                    .take_while(|c| c.is_whitespace())
                    .count();
            inner.span = node.span;
            inner.span.start = Marker::new(start.index() + skip, start.line(), start.col() + skip);
        }
        inner
    }

    /// Checks `node` against each branch; stops at one that takes it, else
    /// reports the branch with the highest `score`, then the fewest problems.
    fn pick(
        &self,
        node: &Node,
        branches: &[&Value],
        score: impl Fn(&Value) -> usize,
        at: &At,
        out: &mut Vec<Problem>,
    ) {
        let mut best: Option<(usize, Vec<Problem>)> = None;
        for branch in branches {
            let mut problems = Vec::new();
            self.check(node, branch, at, &mut problems);
            if problems.is_empty() {
                return;
            }
            let s = score(branch);
            if best
                .as_ref()
                .is_none_or(|(bs, bp)| s > *bs || (s == *bs && problems.len() < bp.len()))
            {
                best = Some((s, problems));
            }
        }
        out.extend(best.map(|(_, p)| p).unwrap_or_default());
    }

    /// Whether a schema's `type` (through refs and branches) admits the node's kind.
    fn could_take(&self, schema: &Value, leaf: &Leaf, buffered: bool) -> bool {
        let Some(obj) = self.resolve(schema).and_then(Value::as_object) else {
            return true;
        };
        match (
            obj.get("anyOf").or_else(|| obj.get("oneOf")),
            obj.get("type"),
        ) {
            (Some(Value::Array(bs)), _) => bs.iter().any(|b| self.could_take(b, leaf, buffered)),
            (_, Some(types)) => type_fits(types, leaf, buffered),
            _ => true,
        }
    }

    /// Whether a branch surely rejects a mapping with these keys.
    fn rules_out(&self, schema: &Value, keys: &[String]) -> bool {
        let Some(obj) = self.resolve(schema).and_then(Value::as_object) else {
            return false;
        };
        let props = obj.get("properties").and_then(Value::as_object);
        obj.get("additionalProperties") == Some(&Value::Bool(false))
            && keys
                .iter()
                .any(|k| !props.is_some_and(|p| p.contains_key(k)))
    }

    fn property_names(&self, schema: &Value) -> Vec<String> {
        let Some(obj) = self.resolve(schema).and_then(Value::as_object) else {
            return Vec::new();
        };
        if let Some(Value::Array(bs)) = obj.get("anyOf").or_else(|| obj.get("oneOf")) {
            return bs.iter().flat_map(|b| self.property_names(b)).collect();
        }
        obj.get("properties")
            .and_then(Value::as_object)
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// An externally tagged enum's variants: names, with the schema of their data if any.
    fn variants<'s>(&'s self, branches: &'s [Value]) -> Vec<(String, Option<&'s Value>)> {
        let mut out = Vec::new();
        for obj in branches.iter().filter_map(|b| self.resolve(b)?.as_object()) {
            match obj.get("properties").and_then(Value::as_object) {
                Some(props) if props.len() == 1 => {
                    out.extend(props.iter().map(|(k, v)| (k.clone(), Some(v))))
                }
                _ => out.extend(
                    enum_values(obj)
                        .unwrap_or_default()
                        .iter()
                        .filter_map(|v| Some((v.as_str()?.to_string(), None))),
                ),
            }
        }
        out
    }

    /// The allowed values, if the schema is only a set of constants.
    fn resolved_enum(&self, schema: &Value) -> Option<Vec<Value>> {
        let obj = self.resolve(schema)?.as_object()?;
        if let Some(Value::Array(bs)) = obj.get("anyOf").or_else(|| obj.get("oneOf")) {
            return bs
                .iter()
                .map(|b| self.resolved_enum(b))
                .collect::<Option<Vec<_>>>()
                .map(|v| v.concat());
        }
        enum_values(obj)
    }

    /// How a branch is named in "expected X or Y": its title, else its kind
    /// (descriptions are doc sentences and `$ref`s Rust type names: neither
    /// reads well to a clerk).
    fn describe(&self, schema: &Value) -> Vec<String> {
        let Some(obj) = self.resolve(schema).and_then(Value::as_object) else {
            return Vec::new();
        };
        match (
            obj.get("title"),
            obj.get("anyOf").or_else(|| obj.get("oneOf")),
            obj.get("type"),
        ) {
            (Some(Value::String(title)), _, _) => vec![title.clone()],
            (_, Some(Value::Array(bs)), _) => self.describe_all(bs),
            (_, _, Some(types)) => type_nouns(types),
            _ => vec!["a value".to_string()],
        }
    }

    fn describe_all(&self, branches: &[Value]) -> Vec<String> {
        branches.iter().flat_map(|b| self.describe(b)).collect()
    }

    /// A line of text that YAML read as a field because it holds `: `
    /// (`- Đơn vị chủ trì: Sở Tư pháp.`): a mapping of one plain key and a
    /// plain value on one line. The problem quotes the line, as its fix.
    fn colon_line(&self, node: &Node) -> Option<Problem> {
        let Mapping(map) = &node.data else {
            return None;
        };
        let [(key, value)] = map.iter().collect::<Vec<_>>()[..] else {
            return None;
        };
        let plain = |n: &Node| {
            matches!(n.data, Data::Value(_))
                && !self.source[self.span(n)].starts_with(['"', '\'', '|', '>', '&', '*', '!'])
        };
        if !plain(key) || !(plain(value) || self.leaf(value).empty) {
            return None;
        }
        let span = self.byte(node.span.start.index())..self.byte(extent(node));
        let span = span.start..span.start + self.source[span.clone()].trim_end().len();
        let text = &self.source[span.clone()];
        if text.contains('\n') || text.contains(" #") {
            return None;
        }
        let quoted = format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""));
        let name = self.leaf(key).text;
        let mut p = problem(
            format!(
                "`{text}` is read as a field `{name}`, not as text: YAML takes a `: ` for a field"
            ),
            span.clone(),
            Some(format!("put the line in quotes: {quoted}")),
        );
        p.fix = Some(quoted.clone());
        p.repair = Some((span, quoted));
        Some(p)
    }

    /// Whether a schema (through refs and branches) takes a line of text.
    fn takes_text(&self, schema: &Value, buffered: bool) -> bool {
        let text = Leaf {
            kind: Kind::Text,
            text: String::new(),
            empty: false,
            quoted: true,
        };
        self.could_take(schema, &text, buffered)
            && self
                .resolve(schema)
                .and_then(Value::as_object)
                .is_some_and(|o| match o.get("anyOf").or_else(|| o.get("oneOf")) {
                    Some(Value::Array(bs)) => bs.iter().any(|b| self.takes_text(b, buffered)),
                    _ => o
                        .get("type")
                        .is_some_and(|t| strings(Some(t)).contains(&"string")),
                })
    }

    /// The bytes to delete to remove the entry `key: value` of a mapping:
    /// in block style whole lines, from the start of the key's line to the
    /// end of the value's last line; in flow style (`{ a: 1, b: 2 }`) the
    /// entry with the comma before it (or after it, if it is the first).
    /// `None` where that would take more (a key after `- `).
    /// Where the entry `key: value` of a mapping ends in the source.
    fn entry_end(&self, key: &Node, value: &Node) -> usize {
        // A value-less flow key (`{ a, b: 1 }`) gets a value placed at the
        // next token: the entry ends with the key then.
        let no_value = matches!(value.data, Data::Value(ScalarOwned::Null));
        let mut end = match no_value {
            true => self.byte(extent(key)),
            false => self.byte(extent(value).max(extent(key))),
        };
        // saphyr ends a flow collection before its closing bracket.
        let opened = self.source[self.byte(value.span.start.index())..]
            .chars()
            .next();
        if matches!(value.data, Mapping(_) | Sequence(_)) && matches!(opened, Some('[' | '{')) {
            let rest = self.source[end..].trim_start();
            if rest.starts_with([']', '}']) {
                end = self.source.len() - rest.len() + 1;
            }
        }
        end
    }

    fn entry_removal(&self, key: &Node, value: &Node) -> Option<Range<usize>> {
        let start = self.byte(key.span.start.index());
        let line_start = self.source[..start].rfind('\n').map_or(0, |n| n + 1);
        let end = self.entry_end(key, value);
        if self.source[line_start..start].bytes().all(|b| b == b' ') {
            // A block scalar ends at the start of the line after it: the
            // entry's last line is that of its last text.
            let end = self.source[..end].trim_end().len().max(start);
            let end = self.source[end..]
                .find('\n')
                .map_or(self.source.len(), |n| end + n + 1);
            return Some(line_start..end);
        }
        let before = self.source[..start].trim_end();
        let after = &self.source[end..];
        let rest = after.trim_start();
        if before.ends_with(',') {
            Some(before.len() - 1..end)
        } else if before.ends_with('{') && rest.starts_with(',') {
            // The comma after it and the blanks after that.
            let next = rest[1..].trim_start_matches(' ');
            Some(start..self.source.len() - next.len())
        } else if before.ends_with('{') && rest.starts_with('}') {
            Some(start..end)
        } else {
            None
        }
    }

    /// The allowed value meant by an unknown one, when it is certain: `KT.`
    /// for `kt`, `A4` for `a4` (the same letters, another case, a dot).
    fn meant_value(
        &self,
        node: &Node,
        leaf: &Leaf,
        allowed: &[Value],
        span: Range<usize>,
    ) -> Option<(Range<usize>, String)> {
        let meant = leaf.text.trim().trim_end_matches('.').to_lowercase();
        let value = allowed
            .iter()
            .filter_map(Value::as_str)
            .find(|v| v.to_lowercase() == meant && plain_kind(v) == Kind::Text)?;
        (!self.span(node).is_empty()).then(|| (span, value.to_string()))
    }

    /// The types a schema takes, through refs and the branches of
    /// `anyOf`/`oneOf` (`Option<String>` takes a string).
    fn types_of(&self, schema: &Value) -> Vec<String> {
        let Some(obj) = self.resolve(schema).and_then(Value::as_object) else {
            return Vec::new();
        };
        let mut out: Vec<String> = strings(obj.get("type"))
            .into_iter()
            .map(str::to_string)
            .collect();
        if let Some(Value::Array(branches)) = obj.get("anyOf").or_else(|| obj.get("oneOf")) {
            for b in branches {
                if let Some(b) = self.resolve(b).and_then(Value::as_object) {
                    out.extend(strings(b.get("type")).into_iter().map(str::to_string));
                }
            }
        }
        out
    }

    /// The repair of a scalar of the wrong type: certain where the hint is
    /// (quotes put on a number meant as text, or taken off a number), else
    /// a stand-in of the type `schema` asks for.
    fn repair_value(&self, p: &mut Problem, node: &Node, leaf: &Leaf, schema: &Value) {
        let span = self.span(node);
        if !matches!(node.data, Data::Value(_)) || span.is_empty() {
            return;
        }
        let types = self.types_of(schema);
        let wants = |t: &str| types.iter().any(|x| x == t);
        let certain = match leaf.kind {
            Kind::Int | Kind::Float | Kind::Bool if wants("string") => {
                Some(format!("\"{}\"", leaf.text))
            }
            Kind::Text
                if leaf.quoted && plain_kind(&leaf.text) == Kind::Int && wants("integer") =>
            {
                Some(leaf.text.clone())
            }
            _ => None,
        };
        p.repair = match certain {
            Some(text) => Some((span, text)),
            None => {
                p.stand_in = true;
                self.stand_in(schema).map(|value| (span, value))
            }
        };
    }

    fn mismatch(&self, node: &Node, leaf: &Leaf, expected: Vec<String>, at: &At) -> Problem {
        let nouns = unique(expected);
        let found = match leaf.kind {
            Kind::Null if leaf.empty => "nothing",
            Kind::Null => "null",
            Kind::Bool => "true/false",
            Kind::Int => "a whole number",
            Kind::Float => "a decimal number",
            Kind::Text => "a text value",
            Kind::Map => "a set of fields",
            Kind::List => "a list",
        };
        let wants = |n: &str| nouns.iter().any(|x| x == n);
        let hint = match leaf.kind {
            Kind::Int | Kind::Float | Kind::Bool if wants("a text value") => {
                format!("put it in quotes to make it text: \"{}\"", leaf.text)
            }
            Kind::Text
                if wants("a whole number")
                    && leaf.quoted
                    && plain_kind(&leaf.text) == Kind::Int =>
            {
                format!("remove the quotes: {}", leaf.text)
            }
            Kind::Text | Kind::Float | Kind::Null if wants("a whole number") => {
                "write a whole number in digits, e.g. 12".into()
            }
            Kind::Null if wants("a list") => {
                "write `[]` for an empty list, or leave out the line".into()
            }
            Kind::Null => "write a value after the colon".into(),
            _ if wants("a list") => "write each item on its own line, starting with `- `".into(),
            _ if wants("true/false") => "write true or false".into(),
            _ => String::new(),
        };
        let message = format!("expected {}, found {found}", join_or(&nouns));
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

/// How serde_yaml_ng types a plain scalar (its `visit_untagged_scalar`).
fn plain_kind(text: &str) -> Kind {
    let unpositive = text.strip_prefix('+').unwrap_or(text);
    match text {
        "" | "~" | "null" | "Null" | "NULL" => Kind::Null,
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => Kind::Bool,
        _ if parse_int(text).is_some() => Kind::Int,
        _ if leading_zero(text)
            || (text.starts_with('+') && unpositive.starts_with(['+', '-'])) =>
        {
            Kind::Text
        }
        ".nan" | ".NaN" | ".NAN" | "-.inf" | "-.Inf" | "-.INF" => Kind::Float,
        _ if matches!(unpositive, ".inf" | ".Inf" | ".INF") => Kind::Float,
        // Integers too large for i128 end up here too, as serde reads them.
        _ if unpositive.parse::<f64>().is_ok_and(f64::is_finite) => Kind::Float,
        _ => Kind::Text,
    }
}

/// `0123` is text in YAML 1.2, and so for serde_yaml_ng.
fn leading_zero(text: &str) -> bool {
    let t = text.strip_prefix(['-', '+']).unwrap_or(text);
    t.len() > 1 && t.starts_with('0') && t[1..].bytes().all(|b| b.is_ascii_digit())
}

/// An integer as serde_yaml_ng reads one: optional sign, decimal or 0x/0o/0b.
fn parse_int(text: &str) -> Option<i128> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (radix, body) = [("0x", 16), ("0o", 8), ("0b", 2)]
        .iter()
        .find_map(|(prefix, radix)| Some((*radix, digits.strip_prefix(prefix)?)))
        .unwrap_or((10, digits));
    if body.starts_with(['+', '-']) || (radix == 10 && leading_zero(text)) {
        return None;
    }
    let value = i128::from_str_radix(body, radix).ok()?;
    Some(if negative { -value } else { value })
}

fn type_fits(types: &Value, leaf: &Leaf, buffered: bool) -> bool {
    strings(Some(types)).iter().any(|t| match (*t, leaf.kind) {
        ("null", Kind::Null) | ("boolean", Kind::Bool) | ("integer", Kind::Int) => true,
        ("number", Kind::Int | Kind::Float) | ("string", Kind::Text) => true,
        ("object", Kind::Map) | ("array", Kind::List) => true,
        // serde_yaml_ng reads any plain scalar as text, and `key:` as an empty
        // text, list or mapping; but not inside an untagged enum.
        ("string", Kind::Int | Kind::Float | Kind::Bool) => !buffered,
        ("string" | "object" | "array", Kind::Null) => !buffered && leaf.empty,
        _ => false,
    })
}

fn type_nouns(types: &Value) -> Vec<String> {
    let names = strings(Some(types));
    let nouns = names
        .iter()
        .filter(|t| **t != "null" || names.len() == 1)
        .map(|t| match *t {
            "object" => "a set of fields",
            "array" => "a list",
            "string" => "a text value",
            "integer" => "a whole number",
            "number" => "a number",
            "boolean" => "true/false",
            _ => "nothing",
        });
    nouns.map(String::from).collect()
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

fn value_matches(value: &Value, leaf: &Leaf, buffered: bool) -> bool {
    match value {
        Value::String(s) => {
            *s == leaf.text && (leaf.kind == Kind::Text || !buffered && leaf.kind != Kind::Null)
        }
        Value::Null => leaf.kind == Kind::Null,
        Value::Bool(b) => leaf.kind == Kind::Bool && leaf.text.eq_ignore_ascii_case(&b.to_string()),
        Value::Number(n) => {
            leaf.kind == Kind::Int && n.as_i64().map(i128::from) == parse_int(&leaf.text)
        }
        _ => false,
    }
}

fn unknown_value(leaf: &Leaf, allowed: &[Value], span: Range<usize>) -> Problem {
    let names: Vec<String> = allowed
        .iter()
        .map(|v| v.as_str().map_or_else(|| v.to_string(), String::from))
        .collect();
    let hint = did_you_mean(&leaf.text, names.iter().map(String::as_str))
        + &format!("expected one of: {}", names.join(", "));
    problem(format!("unknown value `{}`", leaf.text), span, Some(hint))
}

/// "did you mean `x`? " for the closest candidate, if close enough to be the word meant.
fn did_you_mean<'c>(word: &str, candidates: impl Iterator<Item = &'c str>) -> String {
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
    best.map(|(c, _, _)| format!("did you mean `{c}`? "))
        .unwrap_or_default()
}

fn strings(value: Option<&Value>) -> Vec<&str> {
    match value {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// Bounds implied by schemars' integer formats, which a value must fit for serde.
fn format_range(format: &str) -> Option<(i128, i128)> {
    Some(match format {
        "int8" => (i8::MIN.into(), i8::MAX.into()),
        "int16" => (i16::MIN.into(), i16::MAX.into()),
        "int32" => (i32::MIN.into(), i32::MAX.into()),
        "int64" | "int" => (i64::MIN.into(), i64::MAX.into()),
        "uint8" => (0, u8::MAX.into()),
        "uint16" => (0, u16::MAX.into()),
        "uint32" => (0, u32::MAX.into()),
        "uint64" | "uint" => (0, u64::MAX.into()),
        _ => return None,
    })
}

fn bound(value: &Value) -> Option<i128> {
    let float = || value.as_f64().map(|f| f as i128);
    value
        .as_i64()
        .map(i128::from)
        .or_else(|| value.as_u64().map(i128::from))
        .or_else(float)
}

fn unique(items: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

fn join_or(items: &[String]) -> String {
    match items {
        [] => "a value".to_string(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use chrono::NaiveDate;
    use schemars::JsonSchema;
    use serde::Deserialize;

    use super::*;

    #[allow(dead_code)]
    #[derive(Debug, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    struct Office {
        #[serde(rename = "tên_đơn_vị")]
        name: String,
        address: String,
        #[serde(default)]
        phone: Option<String>,
        staff: u32,
        #[serde(default)]
        floors: Option<u8>,
        founded: NaiveDate,
        kind: UnitKind,
        mode: SignMode,
        #[serde(default)]
        open: bool,
        #[serde(default)]
        head: Option<Person>,
        #[schemars(length(min = 1))]
        units: Vec<Person>,
        #[serde(default)]
        quota: BTreeMap<String, u32>,
        #[serde(default)]
        body: Vec<Block>,
        contact: Contact,
    }

    #[allow(dead_code)]
    #[derive(Debug, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    struct Person {
        name: String,
        #[serde(default)]
        term: Option<String>,
    }

    #[allow(dead_code)]
    #[derive(Debug, Deserialize, JsonSchema)]
    #[serde(rename_all = "kebab-case")]
    enum UnitKind {
        ChiBoCoSo,
        DangBoCoSo,
    }

    /// Documented variants make schemars emit a `oneOf` of `const`s.
    #[allow(dead_code)]
    #[derive(Debug, Deserialize, JsonSchema)]
    #[serde(rename_all = "kebab-case")]
    enum SignMode {
        /// Thay mặt.
        Tm,
        /// Ký thay.
        Kt,
    }

    /// Untagged and recursive, like the body of a plan.
    #[allow(dead_code)]
    #[derive(Debug, Deserialize, JsonSchema)]
    #[serde(untagged)]
    enum Block {
        Text(String),
        Heading(Heading),
    }

    #[allow(dead_code)]
    #[derive(Debug, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    struct Heading {
        heading: String,
        #[serde(default)]
        content: Vec<Block>,
    }

    #[allow(dead_code)]
    #[derive(Debug, Deserialize, JsonSchema)]
    enum Contact {
        Phone(String),
        Email { address: String },
        Nobody,
    }

    const VALID: &str = "\
# Huyện ủy Tam Đường
tên_đơn_vị: Huyện ủy Tam Đường
address: 295
phone: \"0213 3876 123\"
staff: 0x0D
floors:
founded: 2024-02-29
kind: chi-bo-co-so
mode: tm
open: True
head: {name: Lò Văn Hùng, term: 2025 - 2027}
units:
  - name: Chi bộ Bản Hon
  - name: true
quota: {nà-phát: 3}
body:
  - Mở đầu
  - heading: Mục đích
    content:
      - heading: Yêu cầu
        content: [\"2025\", Nội dung]
      - heading: Trống
contact: !Phone 0213
";

    fn check(source: &str) -> Vec<Problem> {
        validate(source, &schemars::schema_for!(Office))
    }

    /// The valid document with `from` replaced by `to`.
    fn edit(from: &str, to: &str) -> String {
        assert!(VALID.contains(from), "{from}");
        VALID.replacen(from, to, 1)
    }

    /// (spanned text, message) of each problem.
    fn found(source: &str) -> Vec<(String, String)> {
        check(source)
            .into_iter()
            .map(|p| (source[p.span].to_string(), p.message))
            .collect()
    }

    fn one(source: &str) -> Problem {
        let mut problems = check(source);
        assert_eq!(problems.len(), 1, "{problems:#?}");
        problems.remove(0)
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn unknown_fields_are_repaired_in_block_and_flow_style() {
        let schema = schemars::schema_for!(Person);
        for (source, meant) in [
            ("name: A\nextra: 1\nterm: x\n", "name: A\nterm: x\n"),
            ("{ name: A, extra: 1, term: x }", "{ name: A, term: x }"),
            ("{ extra: [1, 2], name: A }", "{ name: A }"),
            ("{ name: A, extra: { b: 1 } }", "{ name: A }"),
            ("{ name: A, ỦY BAN, term: x }", "{ name: A, term: x }"),
            // A block scalar goes with all its lines.
            (
                "name: A\nextra: |\n  one\n  two\nterm: x\n",
                "name: A\nterm: x\n",
            ),
            // (its trailing blank line stays: blank lines say nothing)
            (
                "name: A\nextra: >-\n  one\n\n  two\n\nterm: x\n",
                "name: A\n\nterm: x\n",
            ),
        ] {
            let found = validate(source, &schema);
            let repaired = repair::apply(source, &found).map(|r| r.text);
            assert_eq!(repaired.as_deref(), Some(meant), "{source}");
            assert!(validate(meant, &schema).is_empty());
        }
    }

    #[test]
    fn a_missing_or_mistyped_value_gets_a_stand_in_or_the_value_meant() {
        #[allow(dead_code)]
        #[derive(Debug, Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields)]
        struct Doc {
            name: String,
            number: u32,
            #[serde(default)]
            pages: Option<u32>,
            date: NaiveDate,
            mode: SignMode,
            #[schemars(range(min = 1, max = 366))]
            days: u32,
        }
        let schema = schemars::schema_for!(Doc);
        let good = "name: A\nnumber: 3\ndate: 2025-01-05\nmode: tm\ndays: 2\n";
        for (typed, meant, stand_in) in [
            // Missing: a stand-in inserted after the last entry.
            (
                "number: 3\ndate: 2025-01-05\nmode: tm\ndays: 2\n",
                "number: 3\ndate: 2025-01-05\nmode: tm\ndays: 2\nname: \"x\"\n",
                true,
            ),
            (
                "{ number: 3, date: 2025-01-05, mode: tm, days: 2 }",
                "{ number: 3, date: 2025-01-05, mode: tm, days: 2, name: \"x\" }",
                true,
            ),
            (
                "- x: 1\n- number: 3\n  date: 2025-01-05\n  mode: tm\n  days: 2\n",
                "",
                true,
            ),
            // Mistyped or out of range: a stand-in of the right type.
            (
                &good.replace("number: 3", "number: 12a"),
                &good.replace("number: 3", "number: 1"),
                true,
            ),
            (
                &good.replace("days: 2", "days: 0"),
                &good.replace("days: 2", "days: 1"),
                true,
            ),
            (
                &format!("{good}pages: mười\n"),
                &format!("{good}pages: 1\n"),
                true,
            ),
            // The value meant, when it is certain.
            (&good.replace("2025-01-05", "5/1/2025"), good, false),
            (&good.replace("tm", "TM."), good, false),
            (&good.replace("number: 3", "number: \"3\""), good, false),
        ] {
            let found = validate(typed, &schema);
            assert!(!found.is_empty(), "{typed}");
            if meant.is_empty() {
                // A list where a mapping is wanted: nothing to repair.
                assert!(repair::apply(typed, &found).is_none(), "{found:#?}");
                continue;
            }
            assert!(
                found.iter().all(|p| p.stand_in == stand_in),
                "{typed}: {found:#?}"
            );
            let repaired = repair::apply(typed, &found).map(|r| r.text);
            assert_eq!(repaired.as_deref(), Some(meant), "{typed}");
            assert!(validate(meant, &schema).is_empty(), "{meant}");
        }
        // A date that cannot be read as day/month/year is not guessed.
        let found = validate(&good.replace("2025-01-05", "tháng 1"), &schema);
        assert!(found[0].repair.is_none(), "{found:#?}");
    }

    #[test]
    fn a_comma_inside_braces_is_named_in_the_hint() {
        let schema = schemars::schema_for!(Person);
        let found = validate(
            "{ name: Lò Văn Minh, term: 2025, 2030 nhiệm kỳ mới }",
            &schema,
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].message, "unknown field `2030 nhiệm kỳ mới`");
        assert_eq!(
            found[0].hint.as_deref(),
            Some(
                "inside `{ … }` a comma separates fields: put the value before `2030 nhiệm kỳ mới` in quotes, with its comma"
            )
        );
    }

    #[test]
    fn a_valid_document_passes_and_deserializes() {
        assert_eq!(check(VALID), []);
        let office: Office = serde_yaml_ng::from_str(VALID).expect("serde accepts it too");
        assert_eq!((office.address.as_str(), office.staff), ("295", 13));
        assert_eq!(office.units[1].name, "true");
        assert!(matches!(office.contact, Contact::Phone(p) if p == "0213"));
        for (from, to) in [
            ("contact: !Phone 0213", "contact: Nobody"),
            ("!Phone 0213", "!Email {address: a}"),
        ] {
            assert_eq!(check(&edit(from, to)), []);
            serde_yaml_ng::from_str::<Office>(&edit(from, to)).expect("serde too");
        }
    }

    #[test]
    fn unknown_fields_are_spanned_in_bytes_after_vietnamese_text() {
        let src = edit("tên_đơn_vị:", "tên_đơn_vi:");
        let problems = check(&src);
        assert_eq!(
            found(&src),
            pairs(&[
                ("tên_đơn_vi", "unknown field `tên_đơn_vi`"),
                ("tên_đơn_vi", "missing field `tên_đơn_vị`")
            ])
        );
        let hint = problems[0].hint.as_deref().unwrap_or("");
        assert!(
            hint.starts_with("did you mean `tên_đơn_vị`? known fields: address, body,"),
            "{hint}"
        );
        let src = edit("address: 295", "adress: 295");
        let p = &check(&src)[1];
        assert_eq!(
            (&src[p.span.clone()], p.message.as_str()),
            ("adress", "unknown field `adress`")
        );
        assert!(
            p.hint
                .as_deref()
                .unwrap_or("")
                .starts_with("did you mean `address`? known fields: ")
        );
    }

    #[test]
    fn every_problem_is_reported_in_source_order() {
        let src = edit("staff: 0x0D", "staff: \"13\"")
            .replacen("floors:", "floors: 300", 1)
            .replacen("2024-02-29", "2023-02-29", 1)
            .replacen("kind: chi-bo-co-so", "kind: chi-bo-coso", 1)
            .replacen("mode: tm", "mode: tmm", 1)
            .replacen("open: True", "open: có", 1)
            .replacen("  - name: true", "  - nam: true", 1);
        assert_eq!(
            found(&src),
            pairs(&[
                ("\"13\"", "expected a whole number, found a text value"),
                ("300", "value 300 is out of range (0–255)"),
                ("2023-02-29", "`2023-02-29` is not a valid date"),
                ("chi-bo-coso", "unknown value `chi-bo-coso`"),
                ("tmm", "unknown value `tmm`"),
                ("có", "expected true/false, found a text value"),
                ("nam", "unknown field `nam`"),
                ("nam", "missing field `name`"),
            ])
        );
        let hints: Vec<_> = check(&src)
            .into_iter()
            .map(|p| p.hint.unwrap_or_default())
            .collect();
        assert_eq!(hints[0], "remove the quotes: 13");
        assert_eq!(hints[2], "write dates as YYYY-MM-DD, e.g. 2025-01-10");
        assert_eq!(
            hints[3],
            "did you mean `chi-bo-co-so`? expected one of: chi-bo-co-so, dang-bo-co-so"
        );
        assert_eq!(hints[4], "did you mean `tm`? expected one of: tm, kt");
        assert_eq!(hints[7], "fields needed here: name");
        assert!(serde_yaml_ng::from_str::<Office>(&src).is_err());
    }

    #[test]
    fn missing_fields_point_at_the_parent_key_or_the_first_key() {
        let src = edit(
            "head: {name: Lò Văn Hùng, term: 2025 - 2027}",
            "head: {term: 2025}",
        );
        assert_eq!(found(&src), pairs(&[("head", "missing field `name`")]));
        // `key:` is an empty mapping to serde: its fields are missing.
        let src = edit(
            "head: {name: Lò Văn Hùng, term: 2025 - 2027}",
            "head:\n  term: x\n",
        );
        assert_eq!(found(&src), pairs(&[("head", "missing field `name`")]));
        let src = "# Tam Đường\ntên_đơn_vị: Huyện ủy\n";
        let p = &check(src)[0];
        assert_eq!(
            (&src[p.span.clone()], p.message.as_str()),
            ("tên_đơn_vị", "missing field `address`")
        );
    }

    #[test]
    fn wrong_kinds_say_what_was_expected_and_found() {
        let src = edit(
            "  - name: Chi bộ Bản Hon\n  - name: true\n",
            "    Chi bộ Bản Hon\n",
        );
        assert_eq!(
            found(&src),
            pairs(&[("Chi bộ Bản Hon", "expected a list, found a text value")])
        );
        assert_eq!(
            one(&edit("staff: 0x0D", "staff: 1.5")).message,
            "expected a whole number, found a decimal number"
        );
        assert_eq!(
            found(&edit("staff: 0x0D", "staff:")),
            pairs(&[("staff", "expected a whole number, found nothing")])
        );
        assert_eq!(
            found(&edit("{nà-phát: 3}", "{nà-phát: ba}")),
            pairs(&[("ba", "expected a whole number, found a text value")])
        );
        let src = edit("  - name: Chi bộ Bản Hon\n  - name: true\n", " []\n");
        assert_eq!(
            found(&src),
            pairs(&[("[]", "the list needs at least 1 item, it has 0")])
        );
        // `key:` is an empty mapping or list to serde (outside untagged enums).
        let src = edit("quota: {nà-phát: 3}", "quota:");
        let (body, contact) = (
            src.find("body:").unwrap_or(0),
            src.find("contact:").unwrap_or(0),
        );
        let src = format!("{}body:\n{}", &src[..body], &src[contact..]);
        assert_eq!(found(&src), []);
        serde_yaml_ng::from_str::<Office>(&src).expect("serde too");
        let src = "- Huyện ủy\n- Tam Đường\n";
        assert_eq!(
            found(src),
            pairs(&[("- Huyện ủy", "expected a set of fields, found a list")])
        );
    }

    #[test]
    fn untagged_enums_report_the_branch_meant() {
        // A typo deep in the recursive body: the heading branch speaks, not the text one.
        let src = edit("        content: [", "        contnet: [");
        let p = one(&src);
        assert_eq!(
            (&src[p.span.clone()], p.message.as_str()),
            ("contnet", "unknown field `contnet`")
        );
        assert!(
            p.hint
                .as_deref()
                .unwrap_or("")
                .starts_with("did you mean `content`?")
        );
        // serde buffers untagged enums: a plain 2025 is a number there, not text.
        let src = edit("[\"2025\"", "[2025");
        let p = one(&src);
        assert_eq!(
            p.message,
            "expected a text value or a set of fields, found a whole number"
        );
        assert_eq!(
            (&src[p.span], p.hint.as_deref()),
            ("2025", Some("put it in quotes to make it text: \"2025\""))
        );
        assert!(
            serde_yaml_ng::from_str::<Office>(&src).is_err(),
            "serde rejects it as well"
        );
        let src = edit(
            "      - heading: Trống",
            "      - heading: Trống\n        content:",
        );
        assert_eq!(
            found(&src),
            pairs(&[("content", "expected a list, found nothing")])
        );
        assert!(
            serde_yaml_ng::from_str::<Office>(&src).is_err(),
            "serde rejects it as well"
        );
    }

    #[test]
    fn externally_tagged_enums_are_picked_by_tag_or_key() {
        let src = edit("!Phone 0213", "!Email {adress: x}");
        // Struct variants do not deny unknown fields unless the enum does.
        assert_eq!(
            found(&src),
            pairs(&[("contact", "missing field `address`")])
        );
        let p = one(&edit("!Phone", "!Phon"));
        assert_eq!(p.message, "unknown variant `!Phon`");
        assert!(
            p.hint
                .as_deref()
                .unwrap_or("")
                .starts_with("did you mean `Phone`? expected one of: Nobody, Phone, Email")
        );
        assert_eq!(
            one(&edit("!Phone 0213", "Nobod")).message,
            "unknown value `Nobod`"
        );
        // serde_yaml_ng reads a variant with data only as a tag, not as a mapping.
        let src = edit("contact: !Phone 0213", "contact:\n  Phone: 0213");
        assert_eq!(
            found(&src),
            pairs(&[("Phone", "write the variant `Phone` as a YAML tag")])
        );
        assert!(serde_yaml_ng::from_str::<Office>(&src).is_err());
        let src = edit("contact: !Phone 0213", "contact:\n  Phon: 0213");
        let p = one(&src);
        assert_eq!(
            (&src[p.span.clone()], p.message.as_str()),
            ("Phon", "unknown field `Phon`")
        );
        assert!(
            p.hint
                .as_deref()
                .unwrap_or("")
                .starts_with("did you mean `Phone`?")
        );
    }

    #[test]
    fn duplicate_keys_are_reported_with_the_rest() {
        let src = edit("staff: 0x0D", "staff: 13\nstaff: 14\nmode: kt").replacen(
            "kind: chi-bo-co-so",
            "kind: x",
            1,
        );
        let problems = found(&src);
        assert_eq!(
            problems,
            pairs(&[
                ("staff", "duplicate field `staff`"),
                ("x", "unknown value `x`"),
                ("mode", "duplicate field `mode`")
            ])
        );
        assert!(
            check(&src)[0].span.start > src.find("staff").unwrap_or(0),
            "the second one"
        );
    }

    #[test]
    fn yaml_syntax_errors_come_alone_at_the_parser_position() {
        let src = edit("head: {name: Lò Văn Hùng,", "head: [name: Lò Văn Hùng,");
        let p = one(&src);
        assert!(
            p.message.starts_with("invalid YAML: ") && p.hint.is_some(),
            "{p:?}"
        );
        assert!(
            src[..p.span.start].lines().count() >= 11,
            "at or after the bracket: {p:?}"
        );
        let src = "tên: Huyện ủy Tam Đường\nđịa_chỉ: a: b\n";
        let p = one(src);
        assert_eq!(
            p.message,
            "invalid YAML: mapping values are not allowed in this context"
        );
        assert_eq!(
            (&src[p.span.clone()], p.span.start),
            (":", src.rfind(':').unwrap_or(0))
        );
    }

    #[test]
    fn empty_and_multiple_documents_are_problems() {
        for src in ["", "# chỉ có chú thích\n"] {
            let p = one(src);
            assert_eq!(
                (p.message.as_str(), p.span.clone()),
                ("the file is empty", 0..0)
            );
            assert!(p.hint.as_deref().unwrap_or("").contains("tên_đơn_vị"));
        }
        let src = format!("{VALID}---\nx: 1\n");
        assert_eq!(
            found(&src),
            pairs(&[("---", "the file holds more than one YAML document")])
        );
    }

    #[test]
    fn plain_scalars_are_typed_like_serde_yaml_ng() {
        for (text, kind) in [
            ("", Kind::Null),
            ("~", Kind::Null),
            ("True", Kind::Bool),
            ("0x1F", Kind::Int),
            ("-12", Kind::Int),
            ("013", Kind::Text),
            ("1e3", Kind::Float),
            ("-.inf", Kind::Float),
            ("inf", Kind::Text),
            ("++1", Kind::Text),
            ("2025 - 2027", Kind::Text),
            ("2024-01-01", Kind::Text),
        ] {
            assert_eq!(plain_kind(text), kind, "{text}");
        }
        assert_eq!(did_you_mean("xyz", ["tm", "kt"].into_iter()), "");
    }
}
