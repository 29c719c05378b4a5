//! Errors for people: every problem of a file in one run, located, with a
//! hint, and nothing written or replaced.

mod common;

use common::*;

fn run_on(yaml: &str) -> (std::process::Output, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    copy_lists(dir.path());
    let data = dir.path().join("bad.yaml");
    std::fs::write(&data, yaml).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("ke-hoach.pdf"), b"previous good PDF").unwrap();
    let o = vanban(&[
        "build",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    (o, dir)
}

fn example() -> String {
    std::fs::read_to_string(root().join("data/ke-hoach-dai-hoi-diem.yaml")).unwrap()
}

fn assert_untouched(dir: &tempfile::TempDir) {
    let out = dir.path().join("out");
    assert_eq!(files_in(&out), ["ke-hoach.pdf"], "nothing new written");
    assert_eq!(
        std::fs::read(out.join("ke-hoach.pdf")).unwrap(),
        b"previous good PDF"
    );
}

#[test]
fn a_yaml_syntax_error_is_located() {
    let bad = example().replacen(
        "  name: HUYỆN ỦY TAM ĐƯỜNG",
        "  name: [HUYỆN ỦY TAM ĐƯỜNG",
        1,
    );
    let (o, dir) = run_on(&bad);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("error:"), "{err}");
    assert!(err.contains("bad.yaml:"), "file:line:column: {err}");
    assert!(err.contains("hint:"), "{err}");
    assert_untouched(&dir);
}

#[test]
fn every_field_problem_is_reported_in_one_run() {
    let bad = example()
        .replacen("  code: HU", "  cod: HU", 1) // unknown field (and `code` now missing)
        .replacen("    max_days: 1\n", "    max_days: một\n", 1) // wrong type
        .replacen("  date: 2024-10-15", "  date: 2024-02-30", 1) // not a date
        .replacen("  mode: tm", "  mode: tmm", 1); // unknown value
    let (o, dir) = run_on(&bad);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let line_of = |needle: &str| bad.lines().position(|l| l.contains(needle)).unwrap() + 1;
    for (needle, message) in [
        ("cod: HU", "unknown field `cod`"),
        ("max_days: một", "expected a whole number"),
        ("date: 2024-02-30", "2024-02-30"),
        ("mode: tmm", "tmm"),
    ] {
        assert!(err.contains(message), "{message:?} reported:\n{err}");
        let loc = format!("bad.yaml:{}:", line_of(needle));
        assert!(err.contains(&loc), "{message:?} located at {loc}:\n{err}");
    }
    assert!(
        err.contains("did you mean `code`"),
        "closest known field: {err}"
    );
    assert!(err.contains("missing field `code`"), "{err}");
    assert_untouched(&dir);
}

#[test]
fn a_unit_that_does_not_exist_is_located_with_a_suggestion() {
    let bad = example().replacen("- unit: na-phat", "- unit: na-phatt", 1);
    let (o, dir) = run_on(&bad);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let line = bad
        .lines()
        .position(|l| l.contains("unit: na-phatt"))
        .unwrap()
        + 1;
    assert!(err.contains("no unit has the id `na-phatt`"), "{err}");
    assert!(err.contains(&format!("bad.yaml:{line}:")), "{err}");
    assert!(err.contains("did you mean `na-phat`"), "{err}");
    assert_untouched(&dir);
}

#[test]
fn an_unknown_preset_lists_the_known_ones() {
    let bad = example().replacen("preset: dang", "preset: dảng", 1);
    let (o, dir) = run_on(&bad);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("there is no preset `dảng`"), "{err}");
    assert!(
        err.contains("available presets: dang, dang-hd05, dang-hd36, nha-nuoc"),
        "{err}"
    );
    assert_untouched(&dir);
}

#[test]
fn a_missing_file_says_so() {
    let o = vanban(&["build", "data/khong-co.yaml", "--out", "/nonexistent/out"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("error: cannot read `data/khong-co.yaml`"),
        "{err}"
    );
    assert!(err.contains("hint:"), "{err}");
}

#[test]
fn help_explains_the_commands() {
    let o = vanban(&["--help"]);
    assert!(o.status.success());
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("build"), "{out}");
    let o = vanban(&["build", "--help"]);
    let out = String::from_utf8_lossy(&o.stdout);
    for flag in ["--out", "--emit-typ", "--templates", "--font-path"] {
        assert!(out.contains(flag), "{flag} documented:\n{out}");
    }
}
