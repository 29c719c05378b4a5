//! Finds where a [`DataPath`] is in a YAML source, so that problems found
//! after parsing (an unknown unit id, a total that does not add up) point at
//! the line the clerk must change.

use std::ops::Range;

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};

use crate::error::{DataPath, PathSegment};

/// Byte range of the node at `path` in `source`, or of the deepest part of
/// the path that exists.
pub fn locate(source: &str, path: &DataPath) -> Option<Range<usize>> {
    let docs = MarkedYaml::load_from_str(source).ok()?;
    let mut node = docs.first()?;
    let mut found = span_of(source, node);
    for seg in &path.0 {
        let next = match (seg, &node.data) {
            (PathSegment::Key(key), YamlData::Mapping(map)) => {
                map.iter().find_map(|(k, v)| match &k.data {
                    YamlData::Value(Scalar::String(s)) if s.as_ref() == key => Some((k, v)),
                    _ => None,
                })
            }
            (PathSegment::Index(i), YamlData::Sequence(seq)) => seq.get(*i).map(|v| (v, v)),
            _ => None,
        };
        let Some((key, value)) = next else { break };
        node = value;
        // An empty value (`key:` with nothing after it) has no extent: point at its key.
        found = span_of(source, value)
            .filter(|r| !r.is_empty())
            .or_else(|| span_of(source, key));
    }
    found
}

/// Every string value of a YAML source (not the keys), with its byte range
/// and its path, in document order: what `vanban check` reads for text
/// problems.
pub fn strings(source: &str) -> Vec<(Range<usize>, DataPath, String)> {
    let Ok(docs) = MarkedYaml::load_from_str(source) else {
        return Vec::new();
    };
    // saphyr counts characters: one table of their byte offsets, rather
    // than a walk from the start for every value.
    let bytes: Vec<usize> = source
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(source.len()))
        .collect();
    let mut out = Vec::new();
    if let Some(root) = docs.first() {
        walk(source, &bytes, root, DataPath::new(), &mut out);
    }
    out
}

fn walk(
    source: &str,
    bytes: &[usize],
    node: &MarkedYaml,
    path: DataPath,
    out: &mut Vec<(Range<usize>, DataPath, String)>,
) {
    match &node.data {
        YamlData::Mapping(map) => {
            for (k, v) in map.iter() {
                if let YamlData::Value(Scalar::String(key)) = &k.data {
                    walk(source, bytes, v, path.clone().key(key), out);
                }
            }
        }
        YamlData::Sequence(seq) => {
            for (i, v) in seq.iter().enumerate() {
                walk(source, bytes, v, path.clone().index(i), out);
            }
        }
        YamlData::Value(Scalar::String(s)) => {
            let (Some(&start), Some(&end)) = (
                bytes.get(node.span.start.index()),
                bytes.get(node.span.end.index()),
            ) else {
                return;
            };
            let end = end.max(start);
            let text = &source[start..end];
            out.push((start..start + text.trim_end().len(), path, s.to_string()));
        }
        _ => {}
    }
}

/// The byte range of a node (saphyr counts characters, the reporter bytes).
fn span_of(source: &str, node: &MarkedYaml) -> Option<Range<usize>> {
    let start = char_to_byte(source, node.span.start.index())?;
    let end = char_to_byte(source, node.span.end.index())?.max(start);
    // Trim the trailing line break a block scalar's span includes.
    let text = &source[start..end];
    Some(start..start + text.trim_end().len())
}

fn char_to_byte(source: &str, index: usize) -> Option<usize> {
    if index == source.chars().count() {
        return Some(source.len());
    }
    source.char_indices().nth(index).map(|(b, _)| b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values_after_vietnamese_text() {
        let src = "tên: Huyện ủy Tam Đường\nunits:\n  - id: na-phat\n    name: Nà Phát\n  - id: bản-hon\nbody:\n  - unit: sai\n";
        let at = |p: DataPath| &src[locate(src, &p).unwrap()];
        assert_eq!(
            at(DataPath::new().key("units").index(1).key("id")),
            "bản-hon"
        );
        assert_eq!(at(DataPath::new().key("body").index(0).key("unit")), "sai");
        assert_eq!(
            at(DataPath::new().key("units").index(0).key("name")),
            "Nà Phát"
        );
    }
}
