//! minijinja: from a view to Typst source.
//!
//! The generated source only *calls* the layout functions of the real `.typ`
//! files under `templates/layout/`; every `{{ value }}` is printed as a Typst
//! literal (a quoted, escaped string, a number, an array or a dictionary), so
//! data can never become Typst code, whatever it contains.

use std::fmt::Write as _;

use minijinja::value::{Value, ValueKind};
use minijinja::{Environment, Error as JinjaError, ErrorKind, UndefinedBehavior};
use serde::Serialize;

use crate::error::{Error, Problem, SourceFile};
use crate::templates::Templates;

/// Renders the document templates; built once per run.
pub struct Renderer {
    env: Environment<'static>,
    sources: Vec<SourceFile>,
}

impl Renderer {
    /// Loads every `*.j2` template of the store.
    pub fn new(templates: &Templates) -> Result<Self, Error> {
        let mut env = Environment::new();
        // A typo in a template is an error, not an empty string in the output.
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        // Block tags on their own lines leave no blank lines in the Typst source.
        let syntax = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .expect("the default delimiters are valid");
        env.set_syntax(syntax);
        env.set_formatter(|out, _state, value| {
            let mut s = String::new();
            typst_literal(&mut s, value)?;
            out.write_str(&s).map_err(|_| {
                JinjaError::new(ErrorKind::WriteFailure, crate::tr!("render-write-failed"))
            })
        });
        let mut sources = Vec::new();
        let mut problems = Vec::new();
        for name in templates.names("") {
            if !name.ends_with(".j2") {
                continue;
            }
            let Some(file) = templates.get(&name)? else {
                continue;
            };
            if let Err(e) = env.add_template_owned(name.clone(), file.text.to_string()) {
                problems.push(template_problem(&e, &file));
            }
            sources.push(file);
        }
        if !problems.is_empty() {
            return Err(Error::Problems(problems));
        }
        Ok(Self { env, sources })
    }

    /// Renders template `name` with `view` as its context.
    pub fn render(&self, name: &str, view: &impl Serialize) -> Result<String, Error> {
        let template = self.env.get_template(name).map_err(|e| {
            Error::problem(
                Problem::error(crate::tr!(
                    "render-no-template",
                    name = name,
                    reason = e.to_string()
                ))
                .hint(crate::tr!("render-hint-no-template")),
            )
        })?;
        template
            .render(Value::from(minijinja::value::Serde(view)))
            .map_err(|e| {
                let file = e
                    .name()
                    .and_then(|n| self.sources.iter().find(|s| s.name.ends_with(n)))
                    .or_else(|| self.sources.iter().find(|s| s.name.ends_with(name)));
                match file {
                    Some(file) => Error::problem(template_problem(&e, file)),
                    None => Error::problem(Problem::error(crate::tr!(
                        "render-template",
                        name = name,
                        reason = e.to_string()
                    ))),
                }
            })
    }
}

/// A minijinja error as a located problem in its template.
fn template_problem(e: &JinjaError, file: &SourceFile) -> Problem {
    let message = crate::tr!(
        "render-template-error",
        reason = e
            .detail()
            .map_or_else(|| e.kind().to_string(), str::to_string)
    );
    let p = Problem::error(message).hint(crate::tr!("render-hint-template-error"));
    let range = e.range().or_else(|| {
        let line = e.line()?;
        let start: usize = file
            .text
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum();
        let len = file.text[start..]
            .find('\n')
            .unwrap_or(file.text.len() - start);
        Some(start..start + len)
    });
    match range {
        Some(r) => p.at(file, r),
        None => p,
    }
}

/// Writes a minijinja value as a Typst literal expression.
///
/// Strings become quoted string literals (never markup), so `*`, `#`, `$`,
/// `@`, `<`, `//` and friends print as typed. Maps become dictionaries with
/// quoted keys, sequences become arrays (with the trailing comma that a
/// one-element Typst array needs).
pub fn typst_literal(out: &mut String, value: &Value) -> Result<(), JinjaError> {
    match value.kind() {
        ValueKind::Undefined | ValueKind::None => out.push_str("none"),
        ValueKind::Bool => out.push_str(if value.is_true() { "true" } else { "false" }),
        ValueKind::Number => {
            if let Some(i) = value.as_i64() {
                let _ = write!(out, "{i}");
            } else {
                let f = f64::try_from(value.clone()).map_err(|_| {
                    JinjaError::new(
                        ErrorKind::InvalidOperation,
                        crate::tr!("render-number-range"),
                    )
                })?;
                if !f.is_finite() {
                    return Err(JinjaError::new(
                        ErrorKind::InvalidOperation,
                        crate::tr!("render-number-not-finite"),
                    ));
                }
                let _ = write!(out, "{f:?}");
            }
        }
        ValueKind::String if value.is_safe() => {
            // `|safe` is the template author's explicit choice to write Typst.
            out.push_str(value.as_str().unwrap_or_default());
        }
        ValueKind::String => string_literal(out, value.as_str().unwrap_or_default()),
        ValueKind::Seq | ValueKind::Iterable => {
            out.push('(');
            for item in value.try_iter()? {
                typst_literal(out, &item)?;
                out.push_str(", ");
            }
            out.push(')');
        }
        ValueKind::Map => {
            let keys: Vec<Value> = value.try_iter()?.collect();
            if keys.is_empty() {
                out.push_str("(:)");
                return Ok(());
            }
            out.push('(');
            for key in keys {
                let item = value.get_item(&key)?;
                string_literal(out, &key.to_string());
                out.push_str(": ");
                typst_literal(out, &item)?;
                out.push_str(", ");
            }
            out.push(')');
        }
        other => {
            return Err(JinjaError::new(
                ErrorKind::InvalidOperation,
                crate::tr!("render-value-kind", kind = other.to_string()),
            ));
        }
    }
    Ok(())
}

/// Writes `s` as a Typst string literal: `\` and `"` escaped, control
/// characters as `\u{…}` so a value never spans source lines.
pub fn string_literal(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            // A carriage return or Word's manual line break (vertical tab) is a line break.
            '\n' | '\r' | '\u{b}' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(v: Value) -> String {
        let mut s = String::new();
        typst_literal(&mut s, &v).unwrap();
        s
    }

    #[test]
    fn strings_are_quoted_and_escaped() {
        assert_eq!(lit(Value::from("a\"b\\c\nd\u{7}")), r#""a\"b\\c\nd\u{7}""#);
        assert_eq!(
            lit(Value::from("#read(\"/etc/passwd\")")),
            r##""#read(\"/etc/passwd\")""##
        );
    }

    #[test]
    fn containers_become_typst_values() {
        assert_eq!(lit(Value::from(vec![1])), "(1, )");
        assert_eq!(lit(Value::from(Vec::<i32>::new())), "()");
        let map: std::collections::BTreeMap<&str, Value> =
            [("a-b", Value::from(1.5)), ("c", Value::from(()))].into();
        assert_eq!(lit(Value::from(map)), r#"("a-b": 1.5, "c": none, )"#);
    }
}
