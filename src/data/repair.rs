//! The data as its writer meant it, from the problems that stop it from
//! loading, so that one run reports those problems and what the content
//! checks find in the rest.
//!
//! A repair is one of two kinds. Some are certain, and the content checks
//! see the meant value: an unknown field deleted, a line quoted that YAML
//! read as a field, a date typed `15/10/2024`, a number quoted or text left
//! unquoted. Others put a *stand-in* where a value is missing or of the
//! wrong type (a whole number for `number: 12a`, a text for a missing
//! `name:`), only so that the rest can be read: whatever the content
//! checks say at a stand-in is about the stand-in, not the data, and is
//! dropped ([`Repaired::place`]).

use std::ops::Range;

use serde_json::Value;

/// An edit that undoes one problem: `text` in place of `range` of the
/// source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    /// What it replaces (empty for an insertion).
    pub range: Range<usize>,
    /// What it puts there.
    pub text: String,
    /// A stand-in value, not the one meant: what the content checks say
    /// there is dropped.
    pub stand_in: bool,
}

impl Repair {
    /// The value meant, certain: an unknown field deleted, a line quoted,
    /// a date read.
    pub fn meant(range: Range<usize>, text: impl Into<String>) -> Self {
        Self {
            range,
            text: text.into(),
            stand_in: false,
        }
    }

    /// A stand-in where a value is missing or mistyped.
    pub fn stand_in(range: Range<usize>, text: impl Into<String>) -> Self {
        Self {
            range,
            text: text.into(),
            stand_in: true,
        }
    }
}

/// One edit of the text as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Edit {
    /// What it replaces, in the text as typed (empty for an insertion).
    original: Range<usize>,
    /// The length of what replaces it.
    len: usize,
    /// A stand-in value, not the writer's.
    stand_in: bool,
}

/// The text with every problem's repair applied, and where its places were
/// in the text as typed.
#[derive(Debug, Clone)]
pub struct Repaired {
    /// The repaired text.
    pub text: String,
    /// The edits, by place, not overlapping.
    edits: Vec<Edit>,
}

/// `source` with every repair applied, if every problem has one (`None`
/// in `repairs` is a problem without) and none overlap.
pub fn apply<'r>(
    source: &str,
    repairs: impl IntoIterator<Item = Option<&'r Repair>>,
) -> Option<Repaired> {
    let mut edits: Vec<(&Range<usize>, &String, bool)> = repairs
        .into_iter()
        .map(|r| r.map(|r| (&r.range, &r.text, r.stand_in)))
        .collect::<Option<_>>()?;
    edits.sort_by_key(|(r, ..)| std::cmp::Reverse(r.start));
    edits.dedup();
    let mut out = source.to_string();
    let mut limit = usize::MAX;
    let mut done = Vec::with_capacity(edits.len());
    for (range, to, stand_in) in edits {
        if range.end > limit
            || range.end > out.len()
            || range.start > range.end
            || !out.is_char_boundary(range.start)
            || !out.is_char_boundary(range.end)
        {
            return None;
        }
        out.replace_range(range.clone(), to);
        limit = range.start;
        done.push(Edit {
            original: range.clone(),
            len: to.len(),
            stand_in,
        });
    }
    done.reverse();
    Some(Repaired {
        text: out,
        edits: done,
    })
}

impl Repaired {
    /// Where `range` of the repaired text was in the text as typed: `None`
    /// when it touches a stand-in value (what is said there is about the
    /// stand-in). A place inside a certain repair is the whole of what it
    /// replaced.
    pub fn place(&self, range: Range<usize>) -> Option<Range<usize>> {
        // The offset of the repaired text against the typed one, before
        // each edit.
        let mut delta: isize = 0;
        let mut start = None;
        let mut end = None;
        for e in &self.edits {
            let new_start = (e.original.start as isize + delta) as usize;
            let new_end = new_start + e.len;
            let touches = range.start < new_end && new_start < range.end
                || (range.is_empty() && (new_start..new_end).contains(&range.start));
            if e.stand_in && touches {
                return None;
            }
            // Before the edit: shifted back; inside it: the whole of what
            // it replaced. A deletion holds no place.
            if start.is_none() {
                if range.start < new_start {
                    start = Some((range.start as isize - delta) as usize);
                } else if range.start < new_end {
                    start = Some(e.original.start);
                }
            }
            if end.is_none() {
                if range.end <= new_start {
                    end = Some((range.end as isize - delta) as usize);
                } else if range.end <= new_end {
                    end = Some(e.original.end);
                }
            }
            delta += e.len as isize - e.original.len() as isize;
        }
        let start = start.unwrap_or((range.start as isize - delta) as usize);
        let end = end.unwrap_or((range.end as isize - delta) as usize);
        Some(start..end.max(start))
    }
}

/// A value of the type `schema` asks for, to stand in for a missing or
/// mistyped one: a text, a whole number within its bounds, `false`, an
/// empty list. `None` where no value can stand in without saying
/// something (a date, a choice among names, a set of required fields).
pub fn stand_in(schema: &Value, resolve: &dyn Fn(&Value) -> Option<Value>) -> Option<String> {
    let obj = resolve(schema)?;
    let obj = obj.as_object()?;
    if obj.contains_key("enum") || obj.contains_key("const") {
        return None;
    }
    if let Some(Value::Array(branches)) = obj.get("anyOf").or_else(|| obj.get("oneOf")) {
        // `Option<T>`: a stand-in of T.
        return branches
            .iter()
            .filter(|b| resolve(b).and_then(|b| b.get("type").cloned()) != Some("null".into()))
            .find_map(|b| stand_in(b, resolve));
    }
    let types: Vec<&str> = match obj.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => return None,
    };
    let format = obj.get("format").and_then(Value::as_str).unwrap_or("");
    let bound = |k: &str| obj.get(k).and_then(Value::as_f64);
    if types.contains(&"string") && format.is_empty() {
        Some("\"x\"".to_string())
    } else if types.contains(&"integer") || types.contains(&"number") {
        let low = bound("minimum").unwrap_or(1.0).max(1.0);
        let value = match bound("maximum") {
            Some(high) if high < low => high,
            _ => low,
        };
        Some(format!("{}", value.ceil() as i64))
    } else if types.contains(&"boolean") {
        Some("false".to_string())
    } else if types.contains(&"array") && bound("minItems").unwrap_or(0.0) == 0.0 {
        Some("[]".to_string())
    } else {
        None
    }
}

/// The date meant by `15/10/2024`, `15-10-2024` or `15.10.2024` (day,
/// month, year, as Vietnamese dates are written), as `2024-10-15`.
pub fn meant_date(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.trim().split(['/', '-', '.']).collect();
    let [d, m, y] = parts[..] else {
        return None;
    };
    if y.len() != 4 || d.len() > 2 || m.len() > 2 {
        return None;
    }
    let date = chrono::NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    Some(date.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(range: Range<usize>, to: &str, stand_in: bool) -> Option<Repair> {
        Some(match stand_in {
            true => Repair::stand_in(range, to),
            false => Repair::meant(range, to),
        })
    }

    #[test]
    fn places_in_the_repaired_text_are_found_in_the_typed_one() {
        let typed = "a: 1\nbad: 2\nname: Lò\nn: 12a\nz: 9\n";
        let repaired = apply(
            typed,
            [
                edit(5..12, "", false),
                edit(25..28, "1", true),
                edit(12..12, "head: \"x\"\n", true),
            ]
            .iter()
            .map(Option::as_ref),
        )
        .unwrap();
        assert_eq!(repaired.text, "a: 1\nhead: \"x\"\nname: Lò\nn: 1\nz: 9\n");
        let at = |s: &str| {
            let i = repaired.text.find(s).unwrap();
            repaired.place(i..i + s.len()).map(|r| &typed[r])
        };
        assert_eq!(at("a: 1"), Some("a: 1"));
        assert_eq!(at("name: Lò"), Some("name: Lò"));
        assert_eq!(at("z: 9"), Some("z: 9"));
        // What is said of a stand-in is dropped.
        assert_eq!(at("head"), None);
        assert_eq!(at("n: 1"), None);
        assert_eq!(at("1\nz"), None);
        // Overlapping repairs give nothing.
        let overlapping = [edit(0..6, "", false), edit(5..8, "", false)];
        assert!(apply(typed, overlapping.iter().map(Option::as_ref)).is_none());
    }

    #[test]
    fn a_place_inside_a_certain_repair_is_what_it_replaced() {
        let typed = "- Đơn vị: Sở\n- b\n";
        let quoted = edit(2..18, "\"Đơn vị: Sở\"", false);
        let repaired = apply(typed, [quoted.as_ref()]).unwrap();
        let i = repaired.text.find("Sở").unwrap();
        assert_eq!(
            repaired.place(i..i + 4).map(|r| &typed[r]),
            Some("Đơn vị: Sở")
        );
        let b = repaired.text.find("- b").unwrap();
        assert_eq!(repaired.place(b..b + 3).map(|r| &typed[r]), Some("- b"));
    }

    #[test]
    fn dates_as_vietnamese_write_them() {
        assert_eq!(meant_date("15/10/2024").as_deref(), Some("2024-10-15"));
        assert_eq!(meant_date("5-1-2025").as_deref(), Some("2025-01-05"));
        assert_eq!(meant_date("31.02.2025"), None);
        assert_eq!(meant_date("2025/01/05"), None);
        assert_eq!(meant_date("tháng 10"), None);
    }
}
