//! Data is never code: hostile strings print literally, and characters the
//! font lacks stop the build instead of printing from a fallback font.

mod common;

use common::*;

const HOSTILE: &str = r#"#read("/etc/passwd") *x* $y$ [z] \ // c <l> @r = h"#;

/// The example data with `needle` replaced by `value` (as a quoted YAML string).
fn data_with(dir: &std::path::Path, needle: &str, value: &str) -> std::path::PathBuf {
    let src = std::fs::read_to_string(root().join("data/ke-hoach-dai-hoi-diem.yaml")).unwrap();
    assert!(src.contains(needle), "{needle} is in the example");
    let quoted = serde_json::to_string(value).unwrap(); // a JSON string is a YAML string
    example_variant(dir, &src.replace(needle, &quoted))
}

#[test]
fn hostile_strings_print_exactly_as_typed() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::fs::read_to_string(root().join("data/ke-hoach-dai-hoi-diem.yaml")).unwrap();
    let quoted = serde_json::to_string(HOSTILE).unwrap();
    // In the subject, a unit's name (printed twice), a list item and a recipient.
    let edited = src
        .replace(
            "  subject: >-\n    Tổ chức đại hội điểm đối với chi bộ trực thuộc đảng ủy cơ sở nhiệm kỳ\n    2025 - 2027 và chi bộ, đảng bộ cơ sở nhiệm kỳ 2025 - 2030\n",
            &format!("  subject: {quoted}\n"),
        )
        .replace("name: Đảng bộ xã Bản Hon", &format!("name: {quoted}"))
        .replace("- Lãnh đạo UBND huyện", &format!("- {quoted}"))
        .replace(
            "- Cho ý kiến vào văn kiện, phương án nhân sự đại hội chi bộ, đảng bộ cơ sở.",
            &format!("- {quoted}"),
        );
    let data = example_variant(dir.path(), &edited);
    build_ok(&data, &dir.path().join("out"), &["--only", "plan"]);
    let text = pdftotext(&dir.path().join("out/ke-hoach.pdf"));
    let squeezed = squeeze(&text);
    let want = squeeze(HOSTILE);
    assert_eq!(
        squeezed.matches(&want).count(),
        5,
        "every hostile value printed literally (subject, unit name twice, item, recipient):\n{text}"
    );
    let info = poppler("pdfinfo", &dir.path().join("out/ke-hoach.pdf"));
    assert!(
        info.contains(&format!("KẾ HOẠCH {HOSTILE}")),
        "PDF title: {info}"
    );
    assert!(!text.contains("root:"), "no file was read");
}

#[test]
fn a_value_cannot_read_files_or_break_out_of_its_string() {
    let dir = tempfile::tempdir().unwrap();
    for (i, value) in [
        "\") #read(\"/etc/passwd\") #(\"",
        "\\\" + read(\"/etc/passwd\") + \"",
        "line one\nline two\n= heading\n- item",
        "]) #panic(\"x\") #([",
    ]
    .iter()
    .enumerate()
    {
        let data = data_with(dir.path(), "Tần Thị Quế", value);
        let out = dir.path().join(format!("out{i}"));
        build_ok(&data, &out, &["--emit-typ", "--only", "plan"]);
        let text = pdftotext(&out.join("ke-hoach.pdf"));
        assert!(!text.contains("root:"), "no file was read for {value:?}");
        let want: String = value
            .chars()
            .filter(|c| !c.is_control() && !c.is_whitespace())
            .collect();
        assert!(
            squeeze(&text).contains(&want),
            "{value:?} prints as typed:\n{text}"
        );
    }
}

#[test]
fn a_control_character_stops_the_build() {
    let dir = tempfile::tempdir().unwrap();
    let data = data_with(dir.path(), "Tần Thị Quế", "Tần\u{1}Thị Quế");
    let out = dir.path().join("out");
    let err = build_fails(&data, &out, &[]);
    assert!(err.contains("(U+0001)"), "{err}");
}

#[test]
fn a_character_missing_from_the_font_stops_the_build() {
    let dir = tempfile::tempdir().unwrap();
    let data = data_with(dir.path(), "Tần Thị Quế", "Tần Thị Quế 中");
    let out = dir.path().join("out");
    let err = build_fails(&data, &out, &[]);
    assert!(err.contains("error: character `中` (U+4E2D)"), "{err}");
    assert!(
        err.contains("Tần Thị Quế 中"),
        "names the text it came from: {err}"
    );
}

#[test]
fn an_unknown_font_family_in_a_template_stops_the_build() {
    let dir = tempfile::tempdir().unwrap();
    let presets = dir.path().join("templates/presets");
    std::fs::create_dir_all(&presets).unwrap();
    // The plan (2024) is laid out by the edition of its date, which
    // `--templates` overrides like any preset.
    let dang = std::fs::read_to_string(root().join("templates/presets/dang-hd36.yaml")).unwrap();
    std::fs::write(
        presets.join("dang-hd36.yaml"),
        dang.replace("fonts: [Liberation Serif]", "fonts: [Times New Roman]"),
    )
    .unwrap();
    let out = dir.path().join("out");
    let templates = dir.path().join("templates");
    let err = build_fails(
        &root().join("data/ke-hoach-dai-hoi-diem.yaml"),
        &out,
        &["--templates", templates.to_str().unwrap()],
    );
    assert!(
        err.contains("unknown font family: times new roman"),
        "{err}"
    );
}

#[test]
fn typst_can_read_only_the_layout_files() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("plan.typ.j2"),
        "#read(\"/etc/passwd\")\n#read(\"../Cargo.toml\")\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let err = build_fails(
        &root().join("data/ke-hoach-dai-hoi-diem.yaml"),
        &out,
        &["--templates", templates.to_str().unwrap()],
    );
    assert!(err.contains("file not found"), "{err}");
    assert!(!err.contains("root:"), "{err}");
}
