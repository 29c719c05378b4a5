//! What the writer meant, where the schema says no: the repairs of the
//! problems found (an unknown field deleted, a line quoted, the value
//! meant or a stand-in put in place; see [`super::super::repair`]), and
//! the kind of mapping entry they edit.

use std::ops::Range;

use saphyr::{MarkedYamlOwned as Node, ScalarOwned};
use saphyr::{YamlDataOwned as Data, YamlDataOwned::Mapping, YamlDataOwned::Sequence};
use serde_json::Value;

use super::{Checker, Kind, Leaf, Problem, Repair, extent, plain_kind, problem, repair, strings};

impl Checker<'_> {
    /// A stand-in value of the type `schema` asks for ([`repair::stand_in`]).
    pub(super) fn stand_in(&self, schema: &Value) -> Option<String> {
        repair::stand_in(schema, &|s| self.resolve(s).cloned())
    }

    /// The edit that adds `field: value` to the mapping `node` after its
    /// last entry (on a line of its own, as indented as its first key, or
    /// after a comma inside `{ … }`); `None` for a mapping with no entry.
    pub(super) fn insertion(
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

    /// A line of text that YAML read as a field because it holds `: `
    /// (`- Đơn vị chủ trì: Sở Tư pháp.`): a mapping of one plain key and a
    /// plain value on one line. The problem quotes the line, as its fix.
    pub(super) fn colon_line(&self, node: &Node) -> Option<Problem> {
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
            crate::tr!("data-colon-line", text = text, field = name),
            span.clone(),
            Some(crate::tr!("data-colon-line-hint", quoted = &quoted)),
        );
        p.fix = Some(quoted.clone());
        p.repair = Some(Repair::meant(span, quoted));
        Some(p)
    }

    /// Whether a schema (through refs and branches) takes a line of text.
    pub(super) fn takes_text(&self, schema: &Value, buffered: bool) -> bool {
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
    pub(super) fn entry_end(&self, key: &Node, value: &Node) -> usize {
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

    pub(super) fn entry_removal(&self, key: &Node, value: &Node) -> Option<Range<usize>> {
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
    pub(super) fn meant_value(
        &self,
        node: &Node,
        leaf: &Leaf,
        allowed: &[Value],
        span: Range<usize>,
    ) -> Option<Repair> {
        let meant = leaf.text.trim().trim_end_matches('.').to_lowercase();
        let value = allowed
            .iter()
            .filter_map(Value::as_str)
            .find(|v| v.to_lowercase() == meant && plain_kind(v) == Kind::Text)?;
        (!self.span(node).is_empty()).then(|| Repair::meant(span, value))
    }

    /// The types a schema takes, through refs and the branches of
    /// `anyOf`/`oneOf` (`Option<String>` takes a string).
    pub(super) fn types_of(&self, schema: &Value) -> Vec<String> {
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
    pub(super) fn repair_value(&self, p: &mut Problem, node: &Node, leaf: &Leaf, schema: &Value) {
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
            Some(text) => Some(Repair::meant(span, text)),
            None => self
                .stand_in(schema)
                .map(|value| Repair::stand_in(span, value)),
        };
    }
}
