//! Inputs are confined and bounded, and text cannot mislead: files named in
//! the data are read only from the data file's folder (or one allowed with
//! `--allow-dir`), only regular files of a bounded size; every value has a
//! size limit; control, bidirectional and invisible characters are errors
//! and are escaped when echoed; times are read whole; a spreadsheet's
//! sheet is never guessed; a YAML bomb is stopped before it grows. Every
//! error has a place, and none writes anything.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use common::*;

/// The small meeting fixture with `delegates:` set to `delegates`, in `dir`.
fn meeting(dir: &Path, delegates: &str) -> PathBuf {
    let text = std::fs::read_to_string(root().join("tests/fixtures/hop-chi-bo.yaml"))
        .unwrap()
        .replace("DELEGATES", delegates);
    let path = dir.join("data.yaml");
    std::fs::write(&path, text).unwrap();
    path
}

const LIST: &str = "STT,Họ và tên,Chức vụ,Nhóm\n1,Lò Văn Thử,Bí thư Chi bộ,Đảng viên\n2,Giàng Thị Mẫu,Phó Bí thư,Khách mời\n";

/// A list file `name` in `dir` holding `text`.
fn list(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

/// `vanban check DATA EXTRA…`, within a time limit (nothing may hang).
fn check(data: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["check", data.to_str().unwrap()];
    args.extend_from_slice(extra);
    let start = Instant::now();
    let o = vanban(&args);
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "vanban check took {:?}",
        start.elapsed()
    );
    o
}

/// Asserts that `check` fails, and that `build` fails writing nothing;
/// returns what `build` said.
fn refused(data: &Path, extra: &[&str]) -> String {
    let o = check(data, extra);
    assert_eq!(o.status.code(), Some(1), "check fails: {}", stderr(&o));
    let out = data.parent().unwrap().join("out");
    build_fails(data, &out, extra)
}

#[test]
fn a_list_outside_the_data_folder_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("data");
    std::fs::create_dir_all(&data_dir).unwrap();
    let secret = list(dir.path(), "elsewhere/list.csv", "SECRET FIRST LINE\n");
    for file in [
        "../elsewhere/list.csv".to_string(),
        secret.display().to_string(),
    ] {
        let data = meeting(&data_dir, &format!("{{ file: {file:?} }}"));
        let err = refused(&data, &[]);
        assert!(err.contains("is outside the folder"), "{err}");
        assert!(
            err.contains("--allow-dir"),
            "the hint names the way out: {err}"
        );
        assert!(err.contains("data.yaml:"), "placed at the line: {err}");
        assert!(
            !err.contains("SECRET"),
            "nothing of the file is shown: {err}"
        );
    }
    // A link inside the folder that leads out of it is refused as well.
    std::os::unix::fs::symlink(&secret, data_dir.join("link.csv")).unwrap();
    let data = meeting(&data_dir, "{ file: link.csv }");
    let err = refused(&data, &[]);
    assert!(err.contains("(it leads to"), "{err}");
    // Allowed explicitly, the list is read.
    std::fs::write(&secret, LIST).unwrap();
    let allow = ["--allow-dir", secret.parent().unwrap().to_str().unwrap()];
    let o = check(&data, &allow);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn only_regular_files_of_a_bounded_size_are_read() {
    let dir = tempfile::tempdir().unwrap();
    // A FIFO would make the reader wait forever for a writer.
    let fifo = dir.path().join("pipe.csv");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let data = meeting(dir.path(), "{ file: pipe.csv }");
    let err = refused(&data, &[]);
    assert!(err.contains("is a FIFO (named pipe), not a file"), "{err}");
    // A device never ends.
    let data = meeting(dir.path(), "{ file: /dev/zero }");
    let err = refused(&data, &["--allow-dir", "/dev"]);
    assert!(err.contains("`/dev/zero` is a device, not a file"), "{err}");
    // A list larger than any list (a sparse file: no disk is used).
    let big = std::fs::File::create(dir.path().join("big.csv")).unwrap();
    big.set_len(65 << 20).unwrap();
    let data = meeting(dir.path(), "{ file: big.csv }");
    let err = refused(&data, &[]);
    assert!(err.contains("is 65.0 MB, more than the 64.0 MB"), "{err}");
}

#[test]
fn a_huge_cell_is_refused_and_not_echoed() {
    let dir = tempfile::tempdir().unwrap();
    let huge = "x".repeat(10 << 20);
    list(
        dir.path(),
        "ds.csv",
        &format!("Họ và tên,Chức vụ,Nhóm\nLò Văn Thử,{huge},Đảng viên\n"),
    );
    let data = meeting(dir.path(), "{ file: ds.csv }");
    let err = refused(&data, &[]);
    assert!(
        err.contains(
            "the cell has 10485760 characters (column `Chức vụ`); a cell may have at most 1000"
        ),
        "{}",
        &err[..err.len().min(2000)]
    );
    assert!(
        err.contains("ds.csv:2:"),
        "placed: {}",
        &err[..err.len().min(2000)]
    );
    assert!(
        err.len() < 4000,
        "the message is short: {} bytes",
        err.len()
    );
}

#[test]
fn a_name_too_long_or_with_nothing_to_print_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let long = "Lò Văn ".repeat(20);
    list(
        dir.path(),
        "ds.csv",
        &format!("Họ và tên,Nhóm\n{long},Đảng viên\n\u{200b}\u{200b},Đảng viên\n"),
    );
    let data = meeting(dir.path(), "{ file: ds.csv }");
    let err = refused(&data, &[]);
    assert!(
        err.contains(
            "the cell has 140 characters (column `Họ và tên`); a name may have at most 100"
        ),
        "{err}"
    );
    assert!(err.contains("ds.csv:2:"), "{err}");
    assert!(
        err.contains("ds.csv:3:"),
        "the second row too, in the same run: {err}"
    );
    // In the YAML: a name of marks alone.
    let data = meeting(
        dir.path(),
        r#"[ { name: "\u0301\u0303", position: Bí thư, group: member } ]"#,
    );
    let err = refused(&data, &[]);
    assert!(
        err.contains("(U+0301 U+0303) has no letter that prints"),
        "{err}"
    );
}

#[test]
fn characters_that_mislead_are_errors_and_are_escaped_when_shown() {
    let dir = tempfile::tempdir().unwrap();
    list(
        dir.path(),
        "ds.csv",
        "Họ và tên,Chức vụ,Nhóm\n\
         Lò\u{1b}]0;HACKED\u{7}Văn,Bí thư,Đảng viên\n\
         Giàng Thị \u{202e}uẫM,Phó Bí thư,Khách mời\n\
         Nguyễn\u{200b}Văn An,Ủy viên,Khách mời\n\
         \u{200b}Tẩn Văn Ví\u{feff},Ủy viên,Khách mời\n",
    );
    let data = meeting(dir.path(), "{ file: ds.csv }");
    let err = refused(&data, &[]);
    assert!(
        !err.contains('\u{1b}'),
        "no raw escape reaches the terminal"
    );
    assert!(
        !err.contains('\u{202e}'),
        "no raw override reaches the terminal"
    );
    assert!(err.contains("\\u{1b}"), "shown as an escape: {err}");
    assert!(
        err.contains("a control character (U+001B) in the cell (column `Họ và tên`)"),
        "{err}"
    );
    assert!(
        err.contains("a character that reverses or reorders the text after it (U+202E)"),
        "{err}"
    );
    assert!(err.contains("an invisible character (U+200B)"), "{err}");
    assert!(
        err.contains("glues the words on either side together"),
        "{err}"
    );
    assert!(
        !err.contains("ds.csv:5:"),
        "an invisible character at the edge of a cell is only dropped: {err}"
    );
    // `vanban fix` types the space and deletes the others.
    let o = vanban(&["fix", data.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let fixed = std::fs::read_to_string(dir.path().join("ds.csv")).unwrap();
    assert!(fixed.contains("Nguyễn Văn An"), "{fixed}");
    assert!(fixed.contains("Giàng Thị uẫM"), "{fixed}");
    assert!(fixed.contains("Lò]0;HACKEDVăn"), "{fixed:?}");
    // In the YAML, raw or written as an escape.
    let data = meeting(
        dir.path(),
        "[ { name: \"Lò \\u202E Văn\", position: \"Bí\u{1b}[2J thư\", group: member } ]",
    );
    let err = refused(&data, &[]);
    assert!(
        err.contains("a control character (U+001B) in the text"),
        "{err}"
    );
    assert!(!err.contains('\u{1b}'), "{err}");
}

#[test]
fn a_time_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(root().join("tests/fixtures/hop-chi-bo.yaml"))
        .unwrap()
        .replace(
            "DELEGATES",
            "[ { name: Lò Văn Thử, position: Bí thư, group: member } ]",
        );
    for (time, hint) in [
        ("1:30 chiều", "`13:30`, not `1:30 chiều`"),
        ("07:30\\\"); …", "HH:MM on the 24-hour clock"),
    ] {
        let data = dir.path().join("data.yaml");
        std::fs::write(
            &data,
            base.replace("start: \"07:30\"", &format!("start: \"{time}\"")),
        )
        .unwrap();
        let err = refused(&data, &[]);
        assert!(err.contains("is not a time of day"), "{err}");
        assert!(err.contains(hint), "{err}");
        assert!(err.contains("data.yaml:31:"), "{err}");
    }
}

/// A workbook whose sheets each hold `rows` (the first row a header), the
/// ones named in `hidden` hidden.
fn workbook(path: &Path, sheets: &[(&str, &[&[&str]])], hidden: &[&str]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, cells) in rows.iter().enumerate() {
            for (c, v) in cells.iter().enumerate() {
                sheet.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
        // A hidden sheet cannot be the one Excel opens on.
        if hidden.contains(name) {
            sheet.set_hidden(true);
        } else {
            sheet.set_active(true);
        }
    }
    book.save(path).unwrap();
}

#[test]
fn a_workbook_with_two_sheets_of_data_needs_to_be_told_which() {
    let dir = tempfile::tempdir().unwrap();
    let header: &[&str] = &["Họ và tên", "Chức vụ", "Nhóm"];
    let members: &[&[&str]] = &[header, &["Lò Văn Thử", "Bí thư", "Đảng viên"]];
    let guests: &[&[&str]] = &[header, &["Giàng Thị Mẫu", "Phó Bí thư", "Khách mời"]];
    workbook(
        &dir.path().join("ds.xlsx"),
        &[("Đảng viên", members), ("Khách mời", guests)],
        &[],
    );
    let data = meeting(dir.path(), "{ file: ds.xlsx }");
    let err = refused(&data, &[]);
    assert!(
        err.contains("has 2 sheets with data: `Đảng viên`, `Khách mời`"),
        "{err}"
    );
    assert!(err.contains("sheet: Đảng viên"), "{err}");
    let data = meeting(dir.path(), "{ file: ds.xlsx, sheet: Khách mời }");
    let o = check(&data, &[]);
    assert!(o.status.success(), "{}", stderr(&o));

    // A hidden sheet (old data) is not read unless named; the visible one is.
    workbook(
        &dir.path().join("ds.xlsx"),
        &[("Cũ", guests), ("Đảng viên", members)],
        &["Cũ"],
    );
    let data = meeting(dir.path(), "{ file: ds.xlsx }");
    let out = dir.path().join("out");
    build_ok(&data, &out, &["--only", "invitations"]);
    let names: Vec<String> = manifest(&out)
        .outputs
        .iter()
        .filter_map(|e| e.delegate.clone())
        .collect();
    assert_eq!(names, ["Lò Văn Thử"]);
}

#[test]
fn a_yaml_file_with_a_byte_order_mark_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let data = meeting(
        dir.path(),
        "[ { name: Lò Văn Thử, position: Bí thư, group: member } ]",
    );
    let text = std::fs::read_to_string(&data).unwrap();
    std::fs::write(&data, format!("\u{feff}{text}")).unwrap();
    build_ok(&data, &dir.path().join("out"), &["--only", "plan"]);
}

#[test]
fn a_yaml_file_that_is_not_utf8_names_the_byte_and_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = meeting(
        dir.path(),
        "[ { name: Lò Văn Thử, position: Bí thư, group: member } ]",
    );
    let mut bytes = std::fs::read(&data).unwrap();
    // `Tam Đường` as Windows-1258 saves it: Đ is 0xD0.
    let at = bytes.windows(2).position(|w| w == "Đ".as_bytes()).unwrap();
    bytes.splice(at..at + 2, [0xd0]);
    std::fs::write(&data, &bytes).unwrap();
    let err = refused(&data, &[]);
    assert!(err.contains("is not UTF-8: byte 0xD0 on line 3"), "{err}");
    assert!(err.contains("Windows-1258"), "{err}");
    assert!(err.contains("data.yaml:3:"), "{err}");
}

#[test]
fn a_yaml_bomb_is_stopped_before_it_grows() {
    let dir = tempfile::tempdir().unwrap();
    let big = "x".repeat(1 << 20);
    let aliases = vec!["*big"; 64].join(", ");
    let data = dir.path().join("data.yaml");
    let text = std::fs::read_to_string(root().join("tests/fixtures/hop-chi-bo.yaml"))
        .unwrap()
        .replace("DELEGATES", "[ { name: Lò Văn Thử, group: member } ]")
        .replace(
            "subject: Tổ chức đại hội Chi bộ thử nghiệm",
            &format!("subject: &big {big}\n  place_: [{aliases}]"),
        );
    std::fs::write(&data, text).unwrap();
    let start = Instant::now();
    let err = refused(&data, &[]);
    assert!(start.elapsed() < Duration::from_secs(20));
    assert!(
        err.contains("with its aliases (`*…`) expanded, the data is more than 16 MB"),
        "{}",
        &err[..err.len().min(3000)]
    );
}

#[test]
fn numbers_from_the_data_cannot_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(root().join("tests/fixtures/hop-chi-bo.yaml"))
        .unwrap()
        .replace(
            "DELEGATES",
            "[ { name: Lò Văn Thử, position: Bí thư, group: member } ]",
        );
    let data = dir.path().join("data.yaml");
    std::fs::write(
        &data,
        base.replace(
            "    venue: Nhà văn hóa bản Thử",
            "    days: 4294967295\n    venue: Nhà văn hóa bản Thử",
        )
        .replace(
            "purpose: b/c } ]\n  archive",
            "purpose: b/c, copies: 4294967295 } ]\n  archive",
        ),
    )
    .unwrap();
    let err = refused(&data, &[]);
    assert!(
        err.contains("value 4294967295 is out of range (1–366)"),
        "{err}"
    );
    assert!(
        err.contains("value 4294967295 is out of range (1–10000)"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_file_name_with_no_letter_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(root().join("tests/fixtures/hop-chi-bo.yaml"))
        .unwrap()
        .replace(
            "DELEGATES",
            "[ { name: Lò Văn Thử, position: Bí thư, group: member } ]",
        );
    let data = dir.path().join("data.yaml");
    std::fs::write(
        &data,
        base.replace("  subject: Tổ chức", "  file: \"..\"\n  subject: Tổ chức"),
    )
    .unwrap();
    let err = refused(&data, &[]);
    assert!(
        err.contains("this gives the document no file name"),
        "{err}"
    );
    assert!(err.contains("data.yaml:9:9"), "{err}");
}

#[test]
fn a_template_link_that_leaves_its_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("secret.typ");
    std::fs::write(&outside, "SECRET TEXT").unwrap();
    let templates = dir.path().join("templates/layout");
    std::fs::create_dir_all(&templates).unwrap();
    std::os::unix::fs::symlink(&outside, templates.join("x.typ")).unwrap();
    let data = meeting(
        dir.path(),
        "[ { name: Lò Văn Thử, position: Bí thư, group: member } ]",
    );
    let err = build_fails(
        &data,
        &dir.path().join("out"),
        &[
            "--templates",
            dir.path().join("templates").to_str().unwrap(),
        ],
    );
    assert!(err.contains("x.typ` is outside the folder"), "{err}");
    assert!(!err.contains("SECRET"), "{err}");
}

#[test]
fn fix_rewrites_only_files_inside_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("data");
    std::fs::create_dir_all(&data_dir).unwrap();
    let outside = list(
        dir.path(),
        "shared/ds.csv",
        "Họ và tên,Chức vụ,Nhóm\nLò Văn Thử,Chủ tịch HDND xã,Đảng viên\n",
    );
    let before = std::fs::read(&outside).unwrap();
    let data = meeting(
        &data_dir,
        &format!("{{ file: {:?} }}", outside.display().to_string()),
    );
    let o = vanban(&[
        "fix",
        data.to_str().unwrap(),
        "--allow-dir",
        outside.parent().unwrap().to_str().unwrap(),
    ]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("not rewritten:"), "{err}");
    assert!(
        err.contains("`HDND` → `HĐND`"),
        "the change is listed: {err}"
    );
    assert_eq!(
        std::fs::read(&outside).unwrap(),
        before,
        "the file is as it was"
    );
    assert!(
        !outside.with_extension("csv.bak").exists(),
        "no backup written there"
    );
}

#[test]
fn a_tab_in_the_indentation_is_shown_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data.yaml");
    std::fs::write(
        &data,
        "preset: dang\nissuer:\n  superior: X\n\tname: Y\n  code: HU\n",
    )
    .unwrap();
    let err = refused(&data, &[]);
    assert!(
        err.contains("invalid YAML: a tab in the indentation"),
        "{err}"
    );
    assert!(err.contains("data.yaml:4:1"), "{err}");
}

/// A tmpfs of `size` mounted at `at` for the life of the value (this needs
/// root, as CI runs; the test says so if it cannot).
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(at: &Path, size: &str) -> Self {
        std::fs::create_dir_all(at).unwrap();
        let o = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .output()
            .expect("mount runs");
        assert!(
            o.status.success(),
            "this test mounts a small tmpfs and needs root: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        Self(at.to_path_buf())
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_is_a_clean_error_and_leaves_the_folder_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let data = example_copy(dir.path());
    let disk = SmallDisk::mount(&dir.path().join("small"), "4m");
    let out = disk.0.join("out");
    build_ok(&data, &out, &["--only", "plan"]);
    let before: Vec<(String, Vec<u8>)> = files_in(&out)
        .into_iter()
        .filter(|f| f.ends_with(".pdf") || f == "manifest.json")
        .map(|f| {
            let bytes = std::fs::read(out.join(&f)).unwrap();
            (f, bytes)
        })
        .collect();

    // 598 letters do not fit in 4 MB.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .env("VANBAN_LANG", "en")
        .args(["build", data.to_str().unwrap(), "--no-progress", "--out"])
        .arg(&out)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("the build hangs on a full disk");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let o = child.wait_with_output().unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("No space left on device"), "{err}");
    assert!(err.contains("the disk is full"), "{err}");
    assert!(err.contains("nothing was replaced"), "{err}");
    for (f, bytes) in &before {
        assert_eq!(
            &std::fs::read(out.join(f)).unwrap(),
            bytes,
            "{f} is as it was"
        );
    }
    assert!(!out.join("giay-moi").exists(), "no letter was put in place");
    assert_eq!(
        files_in(&out.join(".vanban")),
        ["files.json"],
        "no stage is left"
    );
}

#[test]
fn two_units_whose_names_differ_only_by_diacritics_cannot_share_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let example = std::fs::read_to_string(root().join("data/ke-hoach-dai-hoi-diem.yaml")).unwrap();
    let text = example.replacen(
        "name: Đảng bộ xã Bản Hon",
        "name: Chi bộ 02 (bản Na Phat)",
        1,
    );
    assert_ne!(text, example);
    let data = example_variant(dir.path(), &text);
    let out = dir.path().join("out");
    let err = refused(&data, &[]);
    assert!(
        err.contains(
            "`Chi bộ 02 (bản Na Phat)` and `Chi bộ 02 (bản Nà Phát)` would write their letters to the same folder `giay-moi/chi-bo-02-ban-na-phat/`"
        ),
        "{err}"
    );
    // Both lines are shown: this one, and the first to use the name.
    assert!(err.contains("name: Chi bộ 02 (bản Na Phat)"), "{err}");
    assert!(err.contains("the first to use that name"), "{err}");
    assert!(err.contains("name: Chi bộ 02 (bản Nà Phát)"), "{err}");
    assert!(
        err.contains("`file: chi-bo-02-ban-na-phat-2` under it"),
        "{err}"
    );
    // Following the hint builds, into two folders.
    let fixed = text.replacen(
        "    delegates: { file: dai-bieu/dang-bo-ban-hon.csv }",
        "    file: chi-bo-02-ban-na-phat-2\n    delegates: { file: dai-bieu/dang-bo-ban-hon.csv }",
        1,
    );
    assert_ne!(fixed, text);
    std::fs::write(&data, fixed).unwrap();
    build_ok(&data, &out, &["--no-progress"]);
    let dirs = files_in(&out.join("giay-moi"));
    assert!(
        dirs.contains(&"chi-bo-02-ban-na-phat".to_string()),
        "{dirs:?}"
    );
    assert!(
        dirs.contains(&"chi-bo-02-ban-na-phat-2".to_string()),
        "{dirs:?}"
    );
}

#[test]
fn a_fifo_in_a_font_folder_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let fonts = dir.path().join("fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    assert!(
        std::process::Command::new("mkfifo")
            .arg(fonts.join("wait.ttf"))
            .status()
            .unwrap()
            .success()
    );
    std::os::unix::fs::symlink("/etc/passwd", fonts.join("outside.ttf")).unwrap();
    let data = meeting(
        dir.path(),
        "[ { name: Lò Văn Thử, position: Bí thư, group: member } ]",
    );
    let start = Instant::now();
    build_ok(
        &data,
        &dir.path().join("out"),
        &["--only", "plan", "--font-path", fonts.to_str().unwrap()],
    );
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "no wait on the FIFO"
    );
}

#[test]
fn a_cell_full_of_control_characters_is_reported_in_a_few_lines() {
    // Found by the fuzzer: each such character was placed by counting the
    // ones before it, again for every candidate (a cell of a thousand
    // took seconds); now the first few are shown, the rest counted.
    let dir = tempfile::tempdir().unwrap();
    let rows: String = (1..=50)
        .map(|i| format!("Người {i},{}\n", "\u{1}".repeat(900)))
        .collect();
    list(dir.path(), "ds.csv", &format!("Họ và tên,Chức vụ\n{rows}"));
    let data = meeting(dir.path(), "{ file: ds.csv }");
    let err = refused(&data, &[]);
    assert_eq!(
        err.matches("a control character (U+0001) in the cell (column `Chức vụ`)")
            .count(),
        150,
        "{}",
        &err[..2000.min(err.len())]
    );
    assert_eq!(
        err.matches("error: 897 more characters that do not print as they read in the cell (column `Chức vụ`)").count(),
        50
    );
    assert!(err.contains("= hint: retype the cell: it holds characters that no keyboard types"));
}
