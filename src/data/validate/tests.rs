//! The schema walk on small typed models: what it finds, where, and how it
//! repairs it.

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

/// The repair of each problem, for [`repair::apply`].
fn repairs(found: &[Problem]) -> impl Iterator<Item = Option<&Repair>> {
    found.iter().map(|p| p.repair.as_ref())
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
        let repaired = repair::apply(source, repairs(&found)).map(|r| r.text);
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
            assert!(
                repair::apply(typed, repairs(&found)).is_none(),
                "{found:#?}"
            );
            continue;
        }
        assert!(
            found
                .iter()
                .all(|p| p.repair.as_ref().is_some_and(|r| r.stand_in == stand_in)),
            "{typed}: {found:#?}"
        );
        let repaired = repair::apply(typed, repairs(&found)).map(|r| r.text);
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
    assert_eq!(closest("xyz", ["tm", "kt"].into_iter()), None);
}

#[test]
fn a_number_with_a_fraction_is_held_to_its_range_too() {
    #[allow(dead_code)]
    #[derive(Debug, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    struct Seal {
        #[schemars(range(min = 20, max = 60))]
        diameter: f64,
    }
    let schema = schemars::schema_for!(Seal);
    for fits in ["36", "36.5", "20", "60.0", "+40.25"] {
        let src = format!("diameter: {fits}\n");
        assert!(validate(&src, &schema).is_empty(), "{src}");
    }
    for (out, message) in [
        ("80", "value 80 is out of range (20–60)"),
        ("60.5", "value 60.5 is out of range (20–60)"),
        ("-36.0", "value -36.0 is out of range (20–60)"),
        (".inf", "value .inf is out of range (20–60)"),
    ] {
        let src = format!("diameter: {out}\n");
        let found = validate(&src, &schema);
        assert_eq!(found.len(), 1, "{src}: {found:?}");
        assert_eq!(found[0].message, message);
        assert_eq!(&src[found[0].span.clone()], out);
        // The stand-in that lets the rest of the file be checked fits.
        let repaired = repair::apply(&src, found.iter().map(|p| p.repair.as_ref())).unwrap();
        assert!(
            validate(&repaired.text, &schema).is_empty(),
            "{}",
            repaired.text
        );
    }
}

#[test]
fn the_composed_messages_read_in_vietnamese_too() {
    use crate::lang::{Lang, text_in};
    let short = |count: usize| {
        text_in(
            Lang::Vi,
            "data-list-too-short",
            &[("min", 2usize.into()), ("count", count.into())],
        )
    };
    assert_eq!(
        short(0),
        "danh sách cần có ít nhất 2 mục, hiện chưa có mục nào"
    );
    assert_eq!(short(1), "danh sách cần có ít nhất 2 mục, hiện chỉ có 1");
    let or = text_in(
        Lang::Vi,
        "data-noun-or",
        &[("first", "chữ".into()), ("last", "một nhóm mục".into())],
    );
    assert_eq!(or, "chữ hoặc một nhóm mục");
    let brace = text_in(Lang::Vi, "data-yaml-no-comma-brace", &[]);
    assert_eq!(brace, "không thấy dấu `,` hoặc `}` ở chỗ cần có");
}
