//! How serde_yaml_ng reads a scalar: the kind of a plain one, the integers
//! it takes and their bounds, and whether a value fits a schema's types or
//! one of its allowed values. The schema walk asks these so that what it
//! accepts is exactly what serde accepts.

use serde_json::Value;

use super::{Kind, Leaf, strings};

/// How serde_yaml_ng types a plain scalar (its `visit_untagged_scalar`).
pub(super) fn plain_kind(text: &str) -> Kind {
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
pub(super) fn leading_zero(text: &str) -> bool {
    let t = text.strip_prefix(['-', '+']).unwrap_or(text);
    t.len() > 1 && t.starts_with('0') && t[1..].bytes().all(|b| b.is_ascii_digit())
}

/// An integer as serde_yaml_ng reads one: optional sign, decimal or 0x/0o/0b.
pub(super) fn parse_int(text: &str) -> Option<i128> {
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

pub(super) fn type_fits(types: &Value, leaf: &Leaf, buffered: bool) -> bool {
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

pub(super) fn value_matches(value: &Value, leaf: &Leaf, buffered: bool) -> bool {
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

/// Bounds implied by schemars' integer formats, which a value must fit for serde.
pub(super) fn format_range(format: &str) -> Option<(i128, i128)> {
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

pub(super) fn bound(value: &Value) -> Option<i128> {
    let float = || value.as_f64().map(|f| f as i128);
    value
        .as_i64()
        .map(i128::from)
        .or_else(|| value.as_u64().map(i128::from))
        .or_else(float)
}
