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

/// Runs `vanban COMMAND bad.yaml` in Vietnamese on `yaml`, written in a
/// folder with the example's delegate lists, after `lists` has edited
/// them; gives stderr and the data file's path.
fn run_vi(
    command: &str,
    yaml: &str,
    lists: impl FnOnce(&std::path::Path),
) -> (
    std::process::Output,
    String,
    std::path::PathBuf,
    tempfile::TempDir,
) {
    let dir = tempfile::tempdir().unwrap();
    copy_lists(dir.path());
    lists(&dir.path().join("dai-bieu"));
    let data = dir.path().join("bad.yaml");
    std::fs::write(&data, yaml).unwrap();
    let out = dir.path().join("out");
    let mut args = vec![command, data.to_str().unwrap()];
    if command == "build" {
        args.extend(["--out", out.to_str().unwrap()]);
    }
    let o = vanban_env(&args, &[("VANBAN_LANG", "vi")]);
    let err = stderr(&o);
    (o, err, data, dir)
}

/// The 1-based line of `yaml` that holds `needle`.
fn line_of(yaml: &str, needle: &str) -> usize {
    yaml.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn an_unknown_field_and_a_wrong_type_are_told_in_vietnamese() {
    let bad = example().replacen("  code: HU", "  cod: HU", 1).replacen(
        "    max_days: 1\n",
        "    max_days: một\n",
        1,
    );
    let (o, err, data, _dir) = run_vi("check", &bad, |_| {});
    assert_eq!(o.status.code(), Some(1), "{err}");
    let (cod, days) = (line_of(&bad, "cod: HU"), line_of(&bad, "max_days: một"));
    for want in [
        "lỗi: không nhận ra mục `cod`".to_string(),
        format!("┌─ {}:{cod}:3", data.display()),
        format!("{cod} │   cod: HU"),
        "= gợi ý: có phải ý bạn là `code`? Các mục có thể dùng: code, in_text, name, seal, superior"
            .to_string(),
        "lỗi: thiếu mục `code`".to_string(),
        "= gợi ý: ở đây cần có các mục: name, code".to_string(),
        "lỗi: ở đây cần một số nguyên, nhưng đã ghi chữ".to_string(),
        format!("┌─ {}:{days}:15", data.display()),
        format!("{days} │     max_days: một"),
        "= gợi ý: ghi một số nguyên bằng chữ số, ví dụ 12".to_string(),
    ] {
        assert!(err.contains(&want), "{want:?} in:\n{err}");
    }
    assert!(
        !err.contains("unknown field") && !err.contains("hint:"),
        "{err}"
    );
}

#[test]
fn a_missing_delegate_list_is_told_in_vietnamese_where_the_data_names_it() {
    let bad = example().replacen(
        "file: dai-bieu/chi-bo-02-na-phat.csv",
        "file: dai-bieu/khong-co.csv",
        1,
    );
    let (o, err, data, dir) = run_vi("build", &bad, |_| {});
    assert_eq!(o.status.code(), Some(1), "{err}");
    let line = line_of(&bad, "dai-bieu/khong-co.csv");
    let list = dir.path().join("dai-bieu/khong-co.csv");
    for want in [
        format!(
            "lỗi: không đọc được `{}`: không có tệp hay thư mục này",
            list.display()
        ),
        format!("┌─ {}:{line}:24", data.display()),
        format!("{line} │     delegates: {{ file: dai-bieu/khong-co.csv }}"),
        "= gợi ý: kiểm tra lại tên tệp; đường dẫn tính từ thư mục chứa tệp dữ liệu".to_string(),
    ] {
        assert!(err.contains(&want), "{want:?} in:\n{err}");
    }
    assert_eq!(files_in(&dir.path().join("out")), Vec::<String>::new());
}

#[test]
fn a_column_header_without_its_diacritics_is_told_in_vietnamese() {
    let list = "chi-bo-02-na-phat.csv";
    let (o, err, _data, dir) = run_vi("check", &example(), |lists| {
        let path = lists.join(list);
        let text = std::fs::read_to_string(&path).unwrap();
        let header = text.lines().next().unwrap();
        assert!(header.contains(",Chức vụ,"), "{header}");
        std::fs::write(&path, text.replacen(",Chức vụ,", ",Chuc vu,", 1)).unwrap();
    });
    assert_eq!(o.status.code(), Some(1), "{err}");
    let path = dir.path().join("dai-bieu").join(list);
    for want in [
        "lỗi: không nhận ra cột `Chuc vu`".to_string(),
        format!("┌─ {}:1:15", path.display()),
        "1 │ STT,Họ và tên,Chuc vu,Đơn vị,Nhóm,Danh xưng,Điện thoại".to_string(),
        "= gợi ý: có phải ý bạn là `Chức vụ`? (tên cột phải có dấu) Hãy đổi tên hoặc xóa cột \
         này; các cột có thể dùng: `Họ và tên`, `Chức vụ`, `Đơn vị`, `Nhóm`, `Danh xưng`, \
         `Điện thoại` (các cột `STT`, `Ghi chú` được bỏ qua)"
            .to_string(),
    ] {
        assert!(err.contains(&want), "{want:?} in:\n{err}");
    }
}
