//! The catalogue test: both languages have the same messages with the same
//! arguments, and every message is used, every use has a message.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast;

use super::{CATALOGUES, Lang, text_in};

/// Each message id of one catalogue text, with the variables it uses.
fn messages(name: &str, text: &str) -> BTreeMap<String, BTreeSet<String>> {
    let resource = fluent_syntax::parser::parse(text)
        .unwrap_or_else(|(_, errors)| panic!("{name} does not parse: {errors:?}"));
    let mut out = BTreeMap::new();
    for entry in resource.body {
        match entry {
            ast::Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                let Some(value) = &m.value else {
                    panic!("{name}: message `{}` has no value", m.id.name)
                };
                pattern_vars(value, &mut vars);
                assert!(
                    out.insert(m.id.name.to_string(), vars).is_none(),
                    "{name}: `{}` twice",
                    m.id.name
                );
            }
            ast::Entry::Junk { content } => panic!("{name}: cannot read {content:?}"),
            _ => {}
        }
    }
    out
}

fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for e in &p.elements {
        if let ast::PatternElement::Placeable { expression } = e {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Inline(i) => inline_vars(i, vars),
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
    }
}

fn inline_vars(e: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, vars);
            }
            for a in &arguments.named {
                inline_vars(&a.value, vars);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

/// Every message of a language, over all its catalogues, with the file.
fn language(lang: Lang) -> BTreeMap<String, (String, BTreeSet<String>)> {
    let mut all = BTreeMap::new();
    for (name, vi, en) in CATALOGUES {
        let text = if lang == Lang::Vi { vi } else { en };
        for (id, vars) in messages(name, text) {
            if let Some((other, _)) = all.insert(id.clone(), (name.to_string(), vars)) {
                panic!("`{id}` is in both {other} and {name} ({lang:?})");
            }
        }
    }
    all
}

/// The ids named in the code: every `tr!("id"` and `text("id"`, over
/// every Rust file of `src/`.
fn used_in_code() -> BTreeMap<String, String> {
    let re = regex::Regex::new(r#"(?:tr!|text|text_in)\(\s*(?:[A-Za-z:]+,\s*)?"([A-Za-z0-9_-]+)""#)
        .expect("regex");
    let mut used = BTreeMap::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !path.ends_with("lang/tests.rs")
            {
                let text = std::fs::read_to_string(&path).expect("readable");
                for c in re.captures_iter(&text) {
                    used.entry(c[1].to_string())
                        .or_insert_with(|| path.display().to_string());
                }
            }
        }
    }
    used
}

#[test]
fn both_languages_have_the_same_messages_with_the_same_arguments() {
    let (vi, en) = (language(Lang::Vi), language(Lang::En));
    let only_vi: Vec<_> = vi.keys().filter(|k| !en.contains_key(*k)).collect();
    let only_en: Vec<_> = en.keys().filter(|k| !vi.contains_key(*k)).collect();
    assert!(only_vi.is_empty(), "only in Vietnamese: {only_vi:?}");
    assert!(only_en.is_empty(), "only in English: {only_en:?}");
    for (id, (file, vars)) in &vi {
        let (en_file, en_vars) = &en[id];
        assert_eq!(
            file, en_file,
            "`{id}` is in {file} in Vietnamese, {en_file} in English"
        );
        assert_eq!(
            vars, en_vars,
            "`{id}` takes other arguments in the two languages"
        );
    }
}

#[test]
fn every_message_is_used_and_every_use_has_a_message() {
    let catalogue = language(Lang::Vi);
    let mut used = used_in_code();
    for id in crate::cli::message_ids() {
        used.entry(id).or_insert_with(|| "src/cli.rs (help)".into());
    }
    let missing: Vec<_> = used
        .iter()
        .filter(|(id, _)| !catalogue.contains_key(*id))
        .map(|(id, file)| format!("{id} ({file})"))
        .collect();
    let unused: Vec<_> = catalogue
        .iter()
        .filter(|(id, _)| !used.contains_key(*id))
        .map(|(id, (file, _))| format!("{id} ({file})"))
        .collect();
    assert!(missing.is_empty(), "used but in no catalogue: {missing:?}");
    assert!(
        unused.is_empty(),
        "in a catalogue but never used: {unused:?}"
    );
}

#[test]
fn messages_format_with_their_arguments_and_no_isolation_marks() {
    let vi = text_in(
        Lang::Vi,
        "diag-errors-nothing-written",
        &[("count", 3.into())],
    );
    let en = text_in(
        Lang::En,
        "diag-errors-nothing-written",
        &[("count", 3.into())],
    );
    assert_eq!(vi, "3 lỗi; chưa ghi tệp nào");
    assert_eq!(en, "3 errors; nothing was written");
    assert!(!vi.contains('\u{2068}') && !en.contains('\u{2068}'));
}

#[test]
fn the_language_follows_the_flag_then_the_locale() {
    assert_eq!(Lang::from_tag("en_US.UTF-8"), Lang::En);
    assert_eq!(Lang::from_tag("EN"), Lang::En);
    assert_eq!(Lang::from_tag("vi_VN.UTF-8"), Lang::Vi);
    assert_eq!(Lang::from_tag("C.UTF-8"), Lang::Vi);
    assert_eq!(Lang::from_tag("e"), Lang::Vi);
    assert_eq!(Lang::choose(Some(Lang::En)), Lang::En);
}
