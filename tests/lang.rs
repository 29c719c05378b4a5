//! The tool speaks Vietnamese by default and English when asked: `--help`,
//! the command line's mistakes and the problems of a data file, in both
//! languages, with the words of the catalogues.

mod common;

use std::process::{Command, Output};

use common::root;

/// Runs `vanban ARGS` with only the language settings given (none of the
/// machine's own locale variables).
fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vanban"));
    cmd.args(args).current_dir(root());
    for k in ["VANBAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        cmd.env_remove(k);
    }
    cmd.envs(env.iter().copied());
    cmd.output().expect("the vanban binary runs")
}

/// Asserts that `text` holds each of `parts`, in this order.
fn in_order(text: &str, parts: &[&str]) {
    let mut at = 0;
    for part in parts {
        let found = text[at..]
            .find(part)
            .unwrap_or_else(|| panic!("{part:?} after byte {at} of\n{text}"));
        at += found + part.len();
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn help_is_vietnamese_by_default_and_english_when_asked() {
    let vi = run(&["--help"], &[]);
    assert!(vi.status.success());
    let vi = stdout(&vi);
    for line in [
        "Cách dùng: vanban [TÙY CHỌN] <LỆNH>",
        "Lệnh:",
        "  build    Làm các văn bản PDF mà tệp dữ liệu mô tả",
        "  check    Tìm mọi chỗ sai trong dữ liệu trước khi in",
        "  sign     Ký số các văn bản đã dựng (PAdES, để phát hành điện tử)",
        "Tùy chọn:",
    ] {
        assert!(vi.lines().any(|l| l == line), "{line:?} in:\n{vi}");
    }
    for english in ["Usage:", "Options:", "Commands:", "Print help"] {
        assert!(!vi.contains(english), "{english:?} in:\n{vi}");
    }

    for en in [
        run(&["--help", "--lang", "en"], &[]),
        run(&["--lang=en", "--help"], &[]),
        run(&["--help"], &[("VANBAN_LANG", "en")]),
        run(&["--help"], &[("LANG", "en_US.UTF-8")]),
        run(
            &["--help"],
            &[("LC_ALL", "en_GB.UTF-8"), ("LANG", "vi_VN.UTF-8")],
        ),
    ] {
        assert!(en.status.success());
        let en = stdout(&en);
        for line in [
            "Usage: vanban [OPTIONS] <COMMAND>",
            "Commands:",
            "  build    Make the PDF documents described by a data file",
        ] {
            assert!(en.lines().any(|l| l == line), "{line:?} in:\n{en}");
        }
    }
    // The flag wins over the variable, the variable over the locale.
    let o = run(&["--help", "--lang", "vi"], &[("VANBAN_LANG", "en")]);
    assert!(stdout(&o).contains("Cách dùng:"));
    let o = run(
        &["--help"],
        &[("VANBAN_LANG", "vi"), ("LANG", "en_US.UTF-8")],
    );
    assert!(stdout(&o).contains("Cách dùng:"));
    let o = run(&["--help"], &[("LANG", "C.UTF-8")]);
    assert!(stdout(&o).contains("Cách dùng:"));
}

#[test]
fn every_option_of_every_command_is_explained_in_both_languages() {
    let o = run(&["build", "--help"], &[]);
    let vi = stdout(&o);
    for line in [
        "Làm các văn bản PDF mà tệp dữ liệu mô tả.",
        "Cách dùng: vanban build [TÙY CHỌN] <DATA>",
        "Đối số:",
        "          Tệp dữ liệu YAML, ví dụ data/ke-hoach-dai-hoi-diem.yaml",
        "          [mặc định: out]",
        "          - plan: Văn bản chính (kế hoạch)",
    ] {
        assert!(vi.lines().any(|l| l == line), "{line:?} in:\n{vi}");
    }
    let o = run(&["build", "--help", "--lang", "en"], &[]);
    let en = stdout(&o);
    for line in [
        "Make the PDF documents described by a data file.",
        "Usage: vanban build [OPTIONS] <DATA>",
        "          The YAML data file, e.g. data/ke-hoach-dai-hoi-diem.yaml",
        "          [default: out]",
    ] {
        assert!(en.lines().any(|l| l == line), "{line:?} in:\n{en}");
    }
    // No command's help is left with an empty text in either language.
    for command in ["build", "check", "fix", "watch", "preview", "new", "sign"] {
        for lang in ["vi", "en"] {
            let o = run(&[command, "-h", "--lang", lang], &[]);
            assert!(o.status.success(), "{command} -h --lang {lang}");
            let text = stdout(&o);
            for l in text.lines().filter(|l| l.trim_start().starts_with('-')) {
                let words = l
                    .split_whitespace()
                    .filter(|w| !w.starts_with('-') && !w.starts_with('<'));
                assert!(
                    words.count() > 0,
                    "{command} ({lang}): {l:?} has no text:\n{text}"
                );
            }
        }
    }
}

#[test]
fn a_mistake_in_the_command_line_is_said_in_the_user_s_language() {
    let o = run(&["biuld", "data/x.yaml"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "lỗi: không có lệnh `biuld`\n \
         = gợi ý: có phải ý bạn là `build`?\n \
         = gợi ý: cách dùng: vanban [TÙY CHỌN] <LỆNH>; `--help` cho biết thêm\n\n"
    );
    let o = run(&["preview", "data/x.yaml", "--doc", "plam"], &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.starts_with("lỗi: `plam` không phải giá trị dùng được cho `--doc <DOC>`\n"),
        "{err}"
    );
    assert!(err.contains("= gợi ý: có phải ý bạn là `plan`?"), "{err}");
    assert!(
        err.contains("= gợi ý: các giá trị dùng được: plan, invitation, recipients"),
        "{err}"
    );
    // In English clap says it, as it always has.
    let o = run(&["biuld", "--lang", "en"], &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.starts_with("error: unrecognized subcommand 'biuld'"),
        "{err}"
    );
    assert!(
        err.contains("a similar subcommand exists: 'build'"),
        "{err}"
    );
}

/// A starter congress with a weekday that does not match its date and a
/// signature without its title: the file and the lines of both.
fn broken_congress(dir: &std::path::Path) -> (std::path::PathBuf, usize, usize) {
    let data = dir.join("dai-hoi.yaml");
    let o = run(&["new", "dai-hoi", data.to_str().unwrap()], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&data).unwrap();
    let text = text
        .replace(
            "      - Văn phòng Đảng ủy hướng dẫn chi bộ chuẩn bị và tổ chức đại hội.",
            "      - Họp vào thứ Hai, ngày 10/12/2026 tại Hội trường xã.",
        )
        .replace("  title: BÍ THƯ\n", "");
    std::fs::write(&data, &text).unwrap();
    let line = |s: &str| 1 + text.lines().position(|l| l.contains(s)).expect(s);
    (data, line("thứ Hai, ngày 10/12/2026"), line("  mode: tm"))
}

#[test]
fn a_located_problem_is_said_in_both_languages_once() {
    let dir = tempfile::tempdir().unwrap();
    let (data, weekday, signature) = broken_congress(dir.path());
    let path = data.to_str().unwrap();
    let name = data.display().to_string();
    let o = run(&["check", path], &[]);
    assert_eq!(o.status.code(), Some(1));
    let vi = stderr(&o);
    in_order(
        &vi,
        &[
            "lỗi: ngày 10/12/2026 là thứ Năm, không phải thứ Hai",
            &format!("┌─ {name}:{weekday}:17"),
            &format!("{weekday} │       - Họp vào thứ Hai, ngày 10/12/2026 tại Hội trường xã."),
            "= gợi ý: viết là `thứ Năm, ngày 10/12/2026`",
            "lỗi: chữ ký chưa có chức danh người ký",
            &format!("┌─ {name}:{signature}:3"),
            "= gợi ý: ghi chức danh người ký, ví dụ `title: BÍ THƯ`",
            &format!("{name}: 2 lỗi, 0 cảnh báo"),
        ],
    );
    // The plan and its invitations share the signature: one problem.
    assert_eq!(vi.matches("chức danh người ký\n").count(), 1, "{vi}");
    assert!(!vi.contains("error") && !vi.contains("hint"), "{vi}");

    let o = run(&["check", path, "--lang", "en"], &[]);
    assert_eq!(o.status.code(), Some(1));
    let en = stderr(&o);
    in_order(
        &en,
        &[
            "error: 10/12/2026 is a Thu (thứ Năm), not thứ Hai",
            &format!("┌─ {name}:{weekday}:17"),
            "= hint: write `thứ Năm, ngày 10/12/2026`",
            "error: the signature has no title",
            &format!("┌─ {name}:{signature}:3"),
            &format!("{name}: 2 error(s), 0 warning(s)"),
        ],
    );
    assert_eq!(
        en.matches("the signature has no title\n").count(),
        1,
        "{en}"
    );
}
