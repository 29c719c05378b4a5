//! Enums in the schema: `anyOf` / `oneOf` (an `Option`, an untagged enum,
//! an externally tagged one written as a YAML tag): which branch the
//! writer meant, and the problems of that branch only, not of all of them.

use saphyr::{MarkedYamlOwned as Node, Marker};
use saphyr::{YamlDataOwned::Mapping, YamlDataOwned::Sequence};
use serde_json::{Map, Value};

use super::scalar::{type_fits, value_matches};
use super::{
    At, Checker, Kind, Leaf, Noun, Problem, closest, enum_values, extent, known_fields_hint,
    one_of_hint, problem, type_nouns, unique, unknown_value,
};

impl Checker<'_> {
    /// `oneOf`/`anyOf`: fine if one branch takes the node; otherwise the
    /// problems of the branch the writer most likely meant, not of all of them.
    pub(super) fn check_branches(
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
    pub(super) fn check_branches_of_mapping(
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
                let hint = Some(crate::tr!("data-variant-as-tag-hint", name = name.as_str()));
                out.push(problem(
                    crate::tr!("data-variant-as-tag", name = name.as_str()),
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
                let hint =
                    known_fields_hint(closest(name, known.iter().map(String::as_str)), &known);
                out.push(problem(
                    crate::tr!("data-unknown-field", field = name),
                    self.span(key),
                    Some(hint),
                ));
            }
        }
    }

    /// `!Name value`: an externally tagged enum variant as serde_yaml_ng reads it.
    pub(super) fn check_tagged(
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
                crate::tr!("data-tag-not-here"),
                self.span(node),
                Some(crate::tr!("data-tag-not-here-hint", name = name)),
            )),
            Some((_, Some(schema))) => self.check(inner, schema, at, out),
            Some((_, None)) if self.leaf(inner).empty => {}
            _ => {
                let names: Vec<&str> = variants.iter().map(|(n, _)| n.as_str()).collect();
                let hint = one_of_hint(name, &names);
                let span = self.byte(node.span.start.index())
                    ..self.byte(node.span.start.index() + 1 + name.chars().count());
                out.push(problem(
                    crate::tr!("data-unknown-variant", name = name),
                    span,
                    Some(hint),
                ));
            }
        }
    }

    /// The node a tag applies to. saphyr gives a tagged scalar no place of its
    /// own: it is what follows the tag.
    pub(super) fn tag_target(&self, node: &Node, inner: &Node) -> Node {
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
    pub(super) fn pick(
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
    pub(super) fn could_take(&self, schema: &Value, leaf: &Leaf, buffered: bool) -> bool {
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
    pub(super) fn rules_out(&self, schema: &Value, keys: &[String]) -> bool {
        let Some(obj) = self.resolve(schema).and_then(Value::as_object) else {
            return false;
        };
        let props = obj.get("properties").and_then(Value::as_object);
        obj.get("additionalProperties") == Some(&Value::Bool(false))
            && keys
                .iter()
                .any(|k| !props.is_some_and(|p| p.contains_key(k)))
    }

    pub(super) fn property_names(&self, schema: &Value) -> Vec<String> {
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
    pub(super) fn variants<'s>(
        &'s self,
        branches: &'s [Value],
    ) -> Vec<(String, Option<&'s Value>)> {
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
    pub(super) fn resolved_enum(&self, schema: &Value) -> Option<Vec<Value>> {
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
    pub(super) fn describe(&self, schema: &Value) -> Vec<Noun> {
        let Some(obj) = self.resolve(schema).and_then(Value::as_object) else {
            return Vec::new();
        };
        match (
            obj.get("title"),
            obj.get("anyOf").or_else(|| obj.get("oneOf")),
            obj.get("type"),
        ) {
            (Some(Value::String(title)), _, _) => vec![Noun::Title(title.clone())],
            (_, Some(Value::Array(bs)), _) => self.describe_all(bs),
            (_, _, Some(types)) => type_nouns(types),
            _ => vec![Noun::Value],
        }
    }

    pub(super) fn describe_all(&self, branches: &[Value]) -> Vec<Noun> {
        branches.iter().flat_map(|b| self.describe(b)).collect()
    }
}
