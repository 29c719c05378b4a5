//! `vanban check`: each check on a small bad input, with the message it
//! must give, where it points, and the exit code.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// The small meeting of tests/fixtures/hop-chi-bo.yaml with `delegates`
/// (YAML flow text) and `edit` applied; returns the data file's path.
fn meeting(dir: &Path, delegates: &str, edit: &[(&str, &str)]) -> PathBuf {
    let mut text = std::fs::read_to_string(root().join("tests/fixtures/hop-chi-bo.yaml"))
        .unwrap()
        .replace("DELEGATES", delegates);
    for (from, to) in edit {
        assert!(text.contains(from), "the fixture has {from:?}");
        text = text.replacen(from, to, 1);
    }
    let path = dir.join("data.yaml");
    std::fs::write(&path, text).unwrap();
    path
}

const THREE: &str = "[ { name: Lò Văn Bình, position: Bí thư, group: member }, \
                     { name: Tao Thị Hoa, position: Phó Bí thư, group: member }, \
                     { name: Cầm Văn Khăm, position: Chủ tịch UBND xã, group: guest } ]";

fn check(data: &Path, extra: &[&str]) -> (i32, String) {
    let mut args = vec!["check", data.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = vanban(&args);
    (o.status.code().unwrap_or(-1), stderr(&o))
}

#[test]
fn a_clean_file_passes() {
    let dir = tempfile::tempdir().unwrap();
    let data = meeting(dir.path(), THREE, &[]);
    let (code, err) = check(&data, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("no problems found (1 event(s), 3 delegates)"),
        "{err}"
    );
}

#[test]
fn dates_deadlines_and_durations() {
    let dir = tempfile::tempdir().unwrap();
    let data = meeting(
        dir.path(),
        THREE,
        &[
            (
                "    date: 2025-01-10\n",
                "    date: 2025-02-10\n    days: 2\n",
            ),
            ("      date: 2025-01-03\n", "      date: 2025-02-12\n"),
        ],
    );
    let (code, err) = check(&data, &[]);
    assert_eq!(code, 1, "{err}");
    says(
        &err,
        &[
            "error: `Đại hội Chi bộ bản Thử nhiệm kỳ 2025 - 2027` is on 10/02/2025, after its unit's deadline (31/01/2025)",
            "error: `Đại hội Chi bộ bản Thử nhiệm kỳ 2025 - 2027` lasts 2 days; its unit's congress may last at most 1",
            "error: the invitations to `Đại hội Chi bộ bản Thử nhiệm kỳ 2025 - 2027` are dated 12/02/2025, after the congress (10/02/2025)",
        ],
    );
    assert!(err.contains("data.yaml:"), "located: {err}");
    assert!(err.contains("3 error(s), 0 warning(s)"), "{err}");

    // `build` runs the same checks and makes nothing.
    let out = dir.path().join("out");
    let err = build_fails(&data, &out, &[]);
    assert!(err.contains("after its unit's deadline"), "{err}");
}

#[test]
fn a_deadline_before_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let data = meeting(
        dir.path(),
        THREE,
        &[("    deadline: 2025-01-31\n", "    deadline: 2024-12-31\n")],
    );
    let (code, err) = check(&data, &[]);
    assert_eq!(code, 1);
    assert!(
        err.contains("error: `thu` must hold its congress by 31/12/2024, before the date of the KH itself (02/01/2025)"),
        "{err}"
    );
}

#[test]
fn a_delegate_twice_and_one_without_a_position() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("ds.csv");
    std::fs::write(
        &list,
        "Họ và tên,Chức vụ,Đơn vị,Nhóm\n\
         Lò Văn Bình,Bí thư,Chi bộ bản Thử,Đảng viên\n\
         Tao Thị Hoa,,Chi bộ bản Thử,Đảng viên\n\
         lò  văn bình,Bí thư,Chi bộ bản thử,Đảng viên\n",
    )
    .unwrap();
    let data = meeting(dir.path(), "{ file: ds.csv }", &[]);
    let (code, err) = check(&data, &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "error: `lò văn bình` (Chi bộ bản thử) is listed twice in ds.csv: row 2 and row 4"
        ),
        "{err}"
    );
    assert!(err.contains("ds.csv:4:"), "points at the second row: {err}");
    assert!(
        err.contains("warning: `Tao Thị Hoa` has no position (Chức vụ) in ds.csv"),
        "{err}"
    );
    assert!(err.contains("1 error(s), 1 warning(s)"), "{err}");
}

#[test]
fn warnings_fail_only_when_denied() {
    let dir = tempfile::tempdir().unwrap();
    let data = meeting(dir.path(), "[ { name: Lò Văn Bình, group: member } ]", &[]);
    let (code, err) = check(&data, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: `Lò Văn Bình` has no position"),
        "{err}"
    );
    let (code, _) = check(&data, &["--deny-warnings"]);
    assert_eq!(code, 1);
    // A build prints the warning and goes on.
    let out = dir.path().join("out");
    let o = build_ok(&data, &out, &["--no-progress"]);
    assert!(stderr(&o).contains("warning: `Lò Văn Bình` has no position"));
}

#[test]
fn text_pasted_from_old_fonts_and_slips_in_abbreviations() {
    let dir = tempfile::tempdir().unwrap();
    let data = meeting(
        dir.path(),
        THREE,
        &[
            (
                "attendees: Đại biểu mời",
                "attendees: Ban ChÊp hµnh §¶ng bé x·",
            ),
            (
                "{ org: Thường trực Tỉnh ủy, purpose: b/c }",
                "{ org: Thường trực IIDND tỉnh, purpose: b/c }",
            ),
            ("venue: Nhà văn hóa bản Thử", "venue: Hội trường HÐND xã"),
        ],
    );
    let (code, err) = check(&data, &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("error: `Ban ChÊp hµnh §¶ng bé x·` is text typed for the old TCVN3 (ABC, .VnTime) font, read as Unicode"),
        "{err}"
    );
    assert!(
        err.contains("hint: write `Ban Chấp hành Đảng bộ xã`"),
        "{err}"
    );
    assert!(err.contains("error: `IIDND` is a slip for `HĐND`"), "{err}");
    assert!(
        err.contains("error: `Hội trường HÐND xã` has the Icelandic letter Ð/ð (U+00D0/U+00F0), not the Vietnamese Đ/đ"),
        "{err}"
    );
    assert!(err.contains("hint: write `Hội trường HĐND xã`"), "{err}");
}

#[test]
fn weekdays_counts_and_tone_styles_in_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let data = meeting(
        dir.path(),
        THREE,
        &[
            (
                "attendees: Đại biểu mời",
                "attendees: \"Đại biểu mời, họp thứ Hai, ngày 10/01/2025; gồm 03 (bốn) đồng chí\"",
            ),
            ("venue: Nhà văn hóa bản Thử", "venue: Nhà văn hoá bản Thử"),
        ],
    );
    let (code, err) = check(&data, &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("error: 10/01/2025 is a Fri (thứ Sáu), not thứ Hai"),
        "{err}"
    );
    assert!(
        err.contains("hint: write `thứ Sáu, ngày 10/01/2025`"),
        "{err}"
    );
    assert!(
        err.contains("error: `03 (bốn)` says 3 in figures but 4 in words"),
        "{err}"
    );
    assert!(
        err.contains(
            "warning: tone marks are placed in two styles: `ỦY` (old style) and `hoá` (new style)"
        ),
        "{err}"
    );
}

#[test]
fn decomposed_text_is_read_as_composed_and_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = meeting(dir.path(), THREE, &[]);
    let text = std::fs::read_to_string(&data).unwrap();
    use unicode_normalization::UnicodeNormalization;
    std::fs::write(&data, text.nfd().collect::<String>()).unwrap();
    let (code, err) = check(&data, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err.matches(
            "warning: the data file has text in decomposed Unicode (letters and their marks apart)"
        )
        .count(),
        1,
        "{err}"
    );
}

#[test]
fn the_examples_have_no_errors() {
    for data in [
        "data/ke-hoach-dai-hoi-diem.yaml",
        "data/thong-bao-ubnd-xa.yaml",
        "data/ke-hoach-ubnd.yaml",
        "data/ke-hoach-dang-uy-xa-2026.yaml",
        "data/giay-moi-hop-ubnd.yaml",
    ] {
        let (code, err) = check(&root().join(data), &[]);
        assert_eq!(code, 0, "{data}: {err}");
        assert!(!err.contains("error:"), "{data}: {err}");
    }
}

#[test]
fn fix_corrects_the_files_in_place_and_keeps_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("ds.csv");
    let csv = "\u{feff}Họ và tên,Chức vụ,Đơn vị,Nhóm\n\
               Lò Văn Bình,Bí thư,Chi bộ bản Thử,Đảng viên\n\
               Tao Thị Hoa,Chñ tÞch Héi Phô n÷,Chi bộ bản Thử,Đảng viên\n";
    std::fs::write(&list, csv).unwrap();
    let data = meeting(
        dir.path(),
        "{ file: ds.csv }   # the list from the office",
        &[
            (
                "{ org: Thường trực Tỉnh ủy, purpose: b/c }",
                "{ org: Thường trực IIDND tỉnh, purpose: b/c }",
            ),
            (
                "attendees: Đại biểu mời",
                "attendees: \"Đại biểu mời, họp thứ Hai, ngày 10/01/2025\"  # khai mạc",
            ),
        ],
    );
    let before = std::fs::read_to_string(&data).unwrap();
    let o = vanban(&["fix", data.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("`IIDND` → `HĐND`"), "{err}");
    assert!(
        err.contains("`thứ Hai, ngày 10/01/2025` → `thứ Sáu, ngày 10/01/2025`"),
        "{err}"
    );
    assert!(
        err.contains("`Chñ tÞch Héi Phô n÷` → `Chủ tịch Hội Phụ nữ`"),
        "{err}"
    );
    assert!(err.contains("3 change(s) in 2 file(s)"), "{err}");

    let after = std::fs::read_to_string(&data).unwrap();
    assert!(after.contains("{ org: Thường trực HĐND tỉnh, purpose: b/c }"));
    assert!(after.contains("\"Đại biểu mời, họp thứ Sáu, ngày 10/01/2025\"  # khai mạc"));
    assert!(
        after.contains("{ file: ds.csv }   # the list from the office"),
        "comments stay"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("data.yaml.bak")).unwrap(),
        before
    );
    let fixed_csv = std::fs::read(&list).unwrap();
    assert!(
        fixed_csv.starts_with(b"\xef\xbb\xbf"),
        "Excel's byte-order mark stays"
    );
    assert!(
        String::from_utf8(fixed_csv)
            .unwrap()
            .contains("Tao Thị Hoa,Chủ tịch Hội Phụ nữ,")
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("ds.csv.bak")).unwrap(),
        csv
    );

    // Nothing left to fix, and the data checks clean.
    let o = vanban(&["fix", data.to_str().unwrap()]);
    assert!(stderr(&o).contains("nothing to fix"), "{}", stderr(&o));
    let (code, err) = check(&data, &[]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn tone_style_in_the_data_prints_one_style() {
    let dir = tempfile::tempdir().unwrap();
    let data = meeting(
        dir.path(),
        "[ { name: Lò Văn Thuỷ, position: Bí thư, group: member } ]",
        &[
            ("  subject: ", "  tone_style: old\n  subject: "),
            ("venue: Nhà văn hóa bản Thử", "venue: Nhà văn hoá bản Thử"),
        ],
    );
    // The mix is not worth a warning: it will not be printed.
    let (code, err) = check(&data, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("tone marks"), "{err}");
    let out = dir.path().join("out");
    build_ok(&data, &out, &["--no-progress", "--only", "invitations"]);
    let letter = pdftotext(&out.join("giay-moi/chi-bo-ban-thu/001-lo-van-thuy.pdf"));
    assert!(letter.contains("Nhà văn hóa bản Thử"), "{letter}");
    assert!(letter.contains("Lò Văn Thủy"), "{letter}");
    assert!(
        !letter.contains("hoá") && !letter.contains("uỷ"),
        "{letter}"
    );
}

const SIGNATURE: &str =
    "signature: { mode: tm, body: BAN THƯỜNG VỤ, title: BÍ THƯ, name: Hà Văn Thử }";

#[test]
fn a_signing_prefix_or_an_academic_title_typed_by_hand_is_found_and_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let data = meeting(
        dir.path(),
        THREE,
        &[(
            SIGNATURE,
            "signature: { mode: tm, body: T/M BAN THƯỜNG VỤ, title: BÍ THƯ, name: TS. Hà Văn Thử }",
        )],
    );
    let (code, err) = check(&data, &[]);
    assert_eq!(code, 1, "{err}");
    says(
        &err,
        &[
            "error: `T/M` in the signer's body is printed by the preset from `mode:` (T/M for `mode: tm`); typed here it is printed twice",
            // `mode: tm` is there already: the hint does not ask for it.
            "= hint: write `body: BAN THƯỜNG VỤ`\n",
            "warning: `TS. Hà Văn Thử`: the signer's name is written without academic titles such as `TS.`",
            "= hint: write `name: Hà Văn Thử`",
        ],
    );
    let o = vanban(&["fix", data.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&data).unwrap();
    assert!(text.contains(SIGNATURE), "{text}");
    let (code, err) = check(&data, &[]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn the_prefixes_are_the_presets_own() {
    // A state document: `K/T` typed by hand is named by its state form.
    let dir = tempfile::tempdir().unwrap();
    let data = meeting(
        dir.path(),
        THREE,
        &[
            ("preset: dang", "preset: nha-nuoc"),
            (
                SIGNATURE,
                "signature: { mode: tm, body: ỦY BAN NHÂN DÂN, title: K/T CHỦ TỊCH, name: Hà Văn Thử }",
            ),
        ],
    );
    let (code, err) = check(&data, &[]);
    assert_eq!(code, 1, "{err}");
    says(
        &err,
        &[
            "error: `K/T` in the signer's title is printed by the preset from `mode:` (KT. for `mode: kt`); typed here it is printed twice",
            // The hint keeps the `TM.` line the signature has.
            "= hint: write `authority: [{mode: tm, body: ỦY BAN NHÂN DÂN}, {mode: kt, body: CHỦ TỊCH}]` and the signer's own title, e.g. `title: PHÓ CHỦ TỊCH`",
        ],
    );
    // Under a state body, a deputy signs KT.: no warning about it.
    let data = meeting(
        dir.path(),
        THREE,
        &[
            ("preset: dang", "preset: nha-nuoc"),
            (
                SIGNATURE,
                "signature: { mode: kt, body: ỦY BAN NHÂN DÂN, title: PHÓ CHỦ TỊCH, name: Hà Văn Thử }",
            ),
        ],
    );
    let (code, err) = check(&data, &[]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn k_t_under_a_collective_party_body_and_a_title_repeating_the_body() {
    let dir = tempfile::tempdir().unwrap();
    let data = meeting(
        dir.path(),
        THREE,
        &[(
            SIGNATURE,
            "signature: { mode: kt, body: Ban Thường vụ, title: PHÓ BÍ THƯ BAN THƯỜNG VỤ, name: Hà Văn Thử }",
        )],
    );
    let (code, err) = check(&data, &[]);
    assert_eq!(code, 0, "warnings only: {err}");
    says(
        &err,
        &[
            "warning: `K/T Ban Thường vụ`: Ban Thường vụ is a collective body, for which a deputy signs T/M (Văn bản của Đảng (Hướng dẫn 36-HD/VPTW))",
            "= hint: write `mode: tm` (T/M Ban Thường vụ); K/T is for the deputy of an advisory or support body",
            "warning: the signer's title `PHÓ BÍ THƯ BAN THƯỜNG VỤ` repeats the body `Ban Thường vụ` printed above it",
            "= hint: write `title: PHÓ BÍ THƯ`",
            "0 error(s), 2 warning(s)",
        ],
    );
    let (code, _) = check(&data, &["--deny-warnings"]);
    assert_eq!(code, 1);
}

#[test]
fn the_archive_line_of_every_distribution_list() {
    let dir = tempfile::tempdir().unwrap();
    let data = meeting(
        dir.path(),
        THREE,
        &[
            (
                "  archive: Văn phòng Huyện ủy",
                "  archive: Lưu Văn phòng Huyện ủy",
            ),
            (
                "        archive: Văn phòng Huyện ủy",
                "        archive: \"\"",
            ),
            (
                "to: [ { org: Thường trực Tỉnh ủy, purpose: b/c } ]",
                "to: [ { org: Thường trực Tỉnh ủy, purpose: b/c }, Lưu VT ]",
            ),
        ],
    );
    let (code, err) = check(&data, &[]);
    assert_eq!(code, 1, "{err}");
    says(
        &err,
        &[
            "error: `Lưu` is printed before the archive line by the preset; typed here it is printed twice",
            "= hint: write `archive: Văn phòng Huyện ủy`",
            "warning: the archive line of this Nơi nhận prints `Lưu` alone, without who keeps the copy",
            "warning: `Lưu VT` is the archive copy: it goes under `archive:`, which the preset prints last",
        ],
    );
}

#[test]
fn dates_in_the_text_follow_the_leading_zero_rule_and_unknown_type_codes_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let data = meeting(
        dir.path(),
        THREE,
        &[
            (
                "subject: Tổ chức đại hội Chi bộ thử nghiệm",
                "subject: Tổ chức đại hội theo Kế hoạch ngày 5/1/2025 và Hướng dẫn ngày 19/07/2024",
            ),
            ("  type: KH", "  type: XX"),
        ],
    );
    let (code, err) = check(&data, &[]);
    assert_eq!(code, 1, "{err}");
    says(
        &err,
        &[
            "warning: `5/1/2025` is written `05/01/2025`: a day below 10 and the months 1 and 2 take a leading zero, other months none",
            "warning: `19/07/2024` is written `19/7/2024`",
            "error: unknown document type code `XX`",
        ],
    );
}

#[test]
fn a_line_yaml_reads_as_a_field_is_shown_quoted_and_fix_quotes_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = meeting(
        dir.path(),
        THREE,
        &[(
            "      - unit: thu",
            "      - unit: thu\n      - dash:\n          - Đơn vị chủ trì: Văn phòng Huyện ủy.\n          - \"Đơn vị phối hợp: Đảng ủy xã.\"",
        )],
    );
    let (code, err) = check(&data, &[]);
    assert_eq!(code, 1, "{err}");
    says(
        &err,
        &[
            "error: `Đơn vị chủ trì: Văn phòng Huyện ủy.` is read as a field `Đơn vị chủ trì`, not as text: YAML takes a `: ` for a field",
            "data.yaml:24:13",
            "= hint: put the line in quotes: \"Đơn vị chủ trì: Văn phòng Huyện ủy.\"",
        ],
    );
    // Not "unknown field `Đơn vị chủ trì`", not "missing field `text`".
    assert!(!err.contains("unknown field"), "{err}");
    assert!(!err.contains("missing field"), "{err}");
    let o = vanban(&["fix", data.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&data).unwrap();
    assert!(
        text.contains("          - \"Đơn vị chủ trì: Văn phòng Huyện ủy.\"\n"),
        "{text}"
    );
    let (code, err) = check(&data, &[]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn schema_errors_come_with_the_content_checks_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let data = meeting(
        dir.path(),
        THREE,
        &[
            // Two schema errors …
            (
                "  place: Tam Đường",
                "  place: Tam Đường\n  palce: Tam Đường",
            ),
            (
                "      - unit: thu",
                "      - unit: thu\n      - dash: [ x ]\n      - dash:\n          - Ghi chú: mang theo giấy mời.",
            ),
            // … and what only the content checks find (beside a third
            // schema error, in flow style).
            (
                SIGNATURE,
                "signature: { mode: tm, body: T/M BAN THƯỜNG VỤ, title: BÍ THƯ, chuc_vu: x, name: TS. Hà Văn Thử }",
            ),
        ],
    );
    let (code, err) = check(&data, &[]);
    assert_eq!(code, 1, "{err}");
    says(
        &err,
        &[
            "error: unknown field `palce`",
            "error: unknown field `chuc_vu`",
            "error: `Ghi chú: mang theo giấy mời.` is read as a field `Ghi chú`, not as text",
            "error: `T/M` in the signer's body is printed by the preset from `mode:`",
            "warning: `TS. Hà Văn Thử`: the signer's name is written without academic titles such as `TS.`",
        ],
    );
    // In the file's order.
    let at = |s: &str| err.find(s).unwrap();
    assert!(
        at("palce") < at("Ghi chú") && at("Ghi chú") < at("T/M"),
        "{err}"
    );
    // A missing field, a value of the wrong type, a date as Vietnamese
    // write it: a stand-in or the value meant is read in their place, and
    // the content checks run on the rest, saying nothing of the stand-ins.
    let data = meeting(
        dir.path(),
        THREE,
        &[
            ("  place: Tam Đường\n", ""),
            ("  number: ", "  number: 12a #"),
            (
                SIGNATURE,
                "signature: { mode: TM., body: T/M BAN THƯỜNG VỤ, title: BÍ THƯ }",
            ),
        ],
    );
    let (code, err) = check(&data, &[]);
    assert_eq!(code, 1, "{err}");
    says(
        &err,
        &[
            "error: missing field `place`",
            "error: expected a whole number, found a text value",
            "error: missing field `name`",
            "error: unknown value `TM.`",
            "= hint: did you mean `tm`?",
            "error: `T/M` in the signer's body is printed by the preset from `mode:`",
        ],
    );
    assert_eq!(err.matches("error:").count(), 5, "{err}");
    assert!(!err.contains("`x`"), "nothing is said of a stand-in: {err}");
    // The content check's place is in the file as typed.
    let line = std::fs::read_to_string(&data)
        .unwrap()
        .lines()
        .position(|l| l.starts_with("signature:"))
        .unwrap()
        + 1;
    assert!(err.contains(&format!("data.yaml:{line}:")), "{err}");
    // A decomposed line below the repairs is shown where it was typed.
    let data = meeting(
        dir.path(),
        THREE,
        &[
            // An unknown field of many lines, deleted by the repair: what
            // comes after it moves up in the text the checks read.
            (
                "  place: Tam Đường\n",
                "  place: Tam Đường\n  ghi_chu: |\n    Một dòng ghi chú.\n    Dòng thứ hai.\n    Dòng thứ ba, dài hơn một chút.\n",
            ),
            (
                "    venue: Nhà văn hóa bản Thử",
                "    venue: Nha\u{300} văn ho\u{301}a bản Thử",
            ),
        ],
    );
    let (_, err) = check(&data, &[]);
    says(
        &err,
        &[
            "warning: the data file has text in decomposed Unicode",
            "error: unknown field `ghi_chu`",
        ],
    );
    let typed = std::fs::read_to_string(&data).unwrap();
    let line = typed.lines().position(|l| l.contains("venue:")).unwrap() + 1;
    assert!(
        err.contains(&format!("data.yaml:{line}:")) && err.contains("venue: Nhà văn hóa bản Thử"),
        "{err}"
    );
    // A value with no stand-in (a date not written as one) stops there.
    let data = meeting(
        dir.path(),
        THREE,
        &[
            ("  date: 2025-01-03", "  date: đầu tháng"),
            (
                SIGNATURE,
                "signature: { mode: tm, body: T/M BAN THƯỜNG VỤ, title: BÍ THƯ, name: Hà Văn Thử }",
            ),
        ],
    );
    let (code, err) = check(&data, &[]);
    assert_eq!(code, 1, "{err}");
    says(&err, &["error: `đầu tháng` is not a valid date"]);
    assert!(!err.contains("T/M"), "{err}");
}

/// `vanban check` with `VANBAN_LANG=vi`: the findings in Vietnamese.
fn check_vi(data: &Path) -> (i32, String) {
    let o = vanban_env(&["check", data.to_str().unwrap()], &[("VANBAN_LANG", "vi")]);
    (o.status.code().unwrap_or(-1), stderr(&o))
}

#[test]
fn check_speaks_vietnamese_a_weekday_and_text_in_the_old_tcvn3_font() {
    let dir = tempfile::tempdir().unwrap();
    let data = meeting(
        dir.path(),
        THREE,
        &[
            (
                "attendees: Đại biểu mời",
                "attendees: \"Đại biểu mời, họp thứ Hai, ngày 10/01/2025\"",
            ),
            (
                "venue: Nhà văn hóa bản Thử",
                "venue: Ban ChÊp hµnh §¶ng bé x·",
            ),
        ],
    );
    let (code, err) = check_vi(&data);
    assert_eq!(code, 1, "{err}");
    let file = data.display();
    says(
        &err,
        &[
            &format!("lỗi: ngày 10/01/2025 là thứ Sáu, không phải thứ Hai\n   ┌─ {file}:16:35\n"),
            "= gợi ý: viết là `thứ Sáu, ngày 10/01/2025`\n",
            &format!(
                "lỗi: `Ban ChÊp hµnh §¶ng bé x·` được gõ bằng phông chữ cũ TCVN3 (ABC, .VnTime) nhưng đang được đọc như Unicode\n   ┌─ {file}:32:12\n"
            ),
            "= gợi ý: viết là `Ban Chấp hành Đảng bộ xã`\n",
        ],
    );
    assert!(!err.contains("error:") && !err.contains("hint:"), "{err}");
}

#[test]
fn check_speaks_vietnamese_an_unknown_body_code_and_its_nearest() {
    let dir = tempfile::tempdir().unwrap();
    let data = meeting(
        dir.path(),
        THREE,
        &[
            ("code: HU", "code: DU"),
            (
                "attendees: Đại biểu mời",
                "attendees: Đại biểu mời, 03 (bốn) đồng chí",
            ),
        ],
    );
    let (code, err) = check_vi(&data);
    assert_eq!(code, 1, "{err}");
    let file = data.display();
    says(
        &err,
        &[
            &format!(
                "cảnh báo: `DU` không phải ký hiệu cơ quan ban hành trong Văn bản của Đảng (Hướng dẫn 36-HD/VPTW)\n  ┌─ {file}:3:76\n"
            ),
            "= gợi ý: có phải ý bạn là `ĐU` (đảng ủy)? bộ thể thức có các ký hiệu: BCĐ, ",
            &format!("lỗi: `03 (bốn)` ghi 3 bằng chữ số nhưng 4 bằng chữ\n   ┌─ {file}:16:30\n"),
            "= gợi ý: viết là `03 (ba)`\n",
        ],
    );
    assert!(
        !err.contains("warning:") && !err.contains("did you mean"),
        "{err}"
    );
}

#[test]
fn fix_lists_its_changes_in_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let data = meeting(
        dir.path(),
        THREE,
        &[(
            "attendees: Đại biểu mời",
            "attendees: \"Đại biểu mời, họp thứ Hai, ngày 10/01/2025\"",
        )],
    );
    let fix = || vanban_env(&["fix", data.to_str().unwrap()], &[("VANBAN_LANG", "vi")]);
    let o = fix();
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    let file = data.display();
    assert_eq!(
        err,
        format!(
            "{file}:16:35: `thứ Hai, ngày 10/01/2025` → `thứ Sáu, ngày 10/01/2025`\n\
             đã ghi lại {file} (bản cũ lưu ở {file}.bak)\n\
             đã sửa 1 chỗ trong 1 tệp; `vanban check` sẽ liệt kê những chỗ còn lại\n"
        )
    );
    let o = fix();
    assert_eq!(stderr(&o), format!("{file}: không có gì cần sửa\n"));
}
