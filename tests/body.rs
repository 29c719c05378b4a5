//! What real plans put in their body: tables (typed or read from a file,
//! the header on every page), labelled lines, footnotes at the foot of
//! their page, appendices after the signature with their own page
//! numbers, the document's own numbering. Each read back from the PDF.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// A small state notice whose body is `body` (YAML lines under `body:`),
/// with `extra` YAML at the end.
fn notice(dir: &Path, body: &str, extra: &str) -> PathBuf {
    let text = format!(
        "preset: nha-nuoc
issuer: {{ name: ỦY BAN NHÂN DÂN XÃ BÌNH AN, code: UBND, in_text: Ủy ban nhân dân xã Bình An }}
document: {{ type: KH, number: 3, place: Bình An, date: 2026-02-02, subject: Thử nội dung }}
body:
{body}
signature: {{ mode: tm, body: ỦY BAN NHÂN DÂN, title: CHỦ TỊCH, name: Lò Văn Minh }}
recipients: {{ to: [ Các thôn, bản ], archive: VT }}
{extra}"
    );
    let path = dir.join("kh.yaml");
    std::fs::write(&path, text).unwrap();
    path
}

/// The lines of page `page`.
fn page_lines(pdf: &Path, page: usize) -> Vec<String> {
    lines(pdf)
        .into_iter()
        .filter(|(w, _)| w.page == page)
        .map(|(_, l)| l)
        .collect()
}

#[test]
fn the_state_plan_example_has_its_table_over_two_pages_a_footnote_and_an_appendix() {
    let data = root().join("data/ke-hoach-ubnd.yaml");
    let (code, err) = checked(&data);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("no problems found"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    build_ok(&data, dir.path(), &[]);
    let pdf = dir.path().join("ke-hoach.pdf");
    let info = poppler("pdfinfo", &pdf);
    assert!(info.contains("Pages:           4"), "{info}");

    // The header row on page 1 and again on page 2, where the table goes on.
    let header = "STT Nội dung Đơn vị chủ trì Đơn vị phối hợp Thời gian";
    let p1 = page_lines(&pdf, 1);
    let p2 = page_lines(&pdf, 2);
    assert!(p1.iter().any(|l| l == header), "{p1:#?}");
    assert!(p2.iter().any(|l| l == header), "{p2:#?}");
    // Each row's cells on the row's line: number, task, lead, partners, time.
    assert!(
        p1.iter()
            .any(|l| l == "1 Ban hành kế hoạch triển khai của Các sở, ban, Sở Tư pháp Tháng"),
        "{p1:#?}"
    );
    assert!(
        p2.iter()
            .any(|l| l == "32 Báo cáo tổng kết năm 2026 Sở Tư pháp Các sở, ban, Trước"),
        "{p2:#?}"
    );
    // Rows 1–12 on page 1, 13–32 on page 2, none lost or doubled.
    let numbers: Vec<usize> = lines(&pdf)
        .iter()
        // (the footnote's number, at the foot of page 1, is not a row)
        .filter(|(w, _)| w.page <= 2 && w.x < 115.0 && w.y < 770.0)
        .filter_map(|(_, l)| l.split(' ').next()?.parse().ok())
        .collect();
    assert_eq!(numbers, (1..=32).collect::<Vec<_>>());

    // The footnote at the foot of page 1, its mark after the law's date.
    let words = words(&pdf);
    let note = words
        .iter()
        .find(|w| w.text == "72/2025/QH15,")
        .expect("the footnote");
    assert_eq!(note.page, 1);
    assert!(note.y > 700.0, "at the foot of the page: {note:?}");
    let text = pdftotext(&pdf);
    assert!(text.contains("ngày 16 tháng 6 năm 2025"), "{text}");

    // The signature on page 3, then the appendix from a new page, whose
    // number restarts (no number on its first page).
    let name = words.iter().find(|w| w.text == "Lan").expect("signer");
    assert_eq!(name.page, 3);
    let p4 = page_lines(&pdf, 4);
    assert_eq!(p4[0], "Phụ lục I", "{p4:#?}");
    assert_eq!(p4[1], "CHỈ TIÊU CÔNG TÁC TƯ PHÁP NĂM 2026");
    assert_eq!(
        squeeze(&p4[2..4].join(" ")),
        squeeze(
            "(Kèm theo Kế hoạch số 12/KH-UBND ngày 08/01/2026 của Ủy ban nhân dân tỉnh Vân Phong)"
        )
    );
    // Its table is read from a CSV file (`;`, a quoted cell with a comma).
    assert!(
        p4.iter().any(|l| l
            .starts_with("2 Xã, phường đạt chuẩn tiếp cận pháp luật UBND các xã, 90%, không có")),
        "{p4:#?}"
    );
    // Labelled lines: the label bold, then its text.
    let fonts = poppler("pdffonts", &pdf);
    assert!(fonts.contains("LiberationSerif-Bold"), "{fonts}");
    assert!(squeeze(&text).contains(&squeeze(
        "Đơn vị chủ trì: theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch này."
    )));
    // The document's own numbering: `1.` at the top, `3.1.` below.
    assert!(text.contains("1. MỤC ĐÍCH, YÊU CẦU"), "{text}");
    assert!(text.contains("3.1. Sở Tư pháp"), "{text}");
}

#[test]
fn hostile_strings_in_cells_and_footnotes_print_as_typed() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = [
        "#set text(red)",
        "$x^2$ *đậm* _nghiêng_",
        "#read(\"/etc/passwd\")",
        "] ) } \\ // <nhãn> @ref",
    ];
    let cell = |s: &str| format!("'{}'", s.replace('\'', "''"));
    let body = format!(
        "  - table:
      columns: [A, B]
      rows:
        - [{}, {}]
        - [{}, {}]
  - - \"Một câu\"
    - footnote: {}
    - \".\"",
        cell(hostile[0]),
        cell(hostile[1]),
        cell(hostile[2]),
        cell(hostile[3]),
        cell(hostile[2])
    );
    let data = notice(dir.path(), &body, "");
    let out = dir.path().join("out");
    build_ok(&data, &out, &[]);
    let text = pdftotext(&out.join("ke-hoach.pdf"));
    for h in hostile {
        assert!(squeeze(&text).contains(&squeeze(h)), "{h}\n---\n{text}");
    }
    assert!(!text.contains("root:"), "no file is read: {text}");
}

#[test]
fn table_checks_say_what_is_wrong_where() {
    let dir = tempfile::tempdir().unwrap();
    let data = notice(
        dir.path(),
        "  - table:
      columns: [Nội dung, Thời gian]
      widths: [3, 1, 1]
      rows:
        - [Họp, Tháng 3, thừa]
        - [Tổng kết]",
        "",
    );
    let (code, err) = checked(&data);
    assert_eq!(code, 1, "{err}");
    says(
        &err,
        &[
            "error: the row has 3 cells, the table 2 columns",
            "kh.yaml:9:11",
            "= hint: columns: Nội dung, Thời gian",
            "error: 3 widths for 2 columns",
            "= hint: give one width per column (not counting the numbering column)",
        ],
    );

    std::fs::write(dir.path().join("t.csv"), "A,B\n1,2\n").unwrap();
    let data = notice(
        dir.path(),
        "  - table: { file: t.csv, rows: [[x, y]] }\n  - table: { rows: [[x]] }",
        "",
    );
    let (code, err) = checked(&data);
    assert_eq!(code, 1, "{err}");
    says(
        &err,
        &[
            "error: the table has both `rows:` and `file:`",
            "= hint: keep one: the rows typed here, or the file they are read from",
            "error: the table has no `columns:`",
            "= hint: name the columns, e.g. `columns: [Nội dung, Đơn vị chủ trì, Thời gian]`",
        ],
    );

    // A file's rows that run past its columns: named by their row numbers.
    std::fs::write(dir.path().join("t.csv"), "A,B\n1,2,3\n4,5\n6,7,8\n").unwrap();
    let data = notice(dir.path(), "  - table: { file: t.csv }", "");
    let (code, err) = checked(&data);
    assert_eq!(code, 1, "{err}");
    says(
        &err,
        &[
            "error: row 2 of the file has more cells than the table's 2 columns (and 1 more rows)",
            "= hint: columns: A, B; name every column in `columns:`, or leave it out to take the file's header row",
        ],
    );

    // A table file: inside the data's folder, decoded, every cell checked.
    std::fs::write(dir.path().join("t.csv"), "A,B\nx,\u{202e}y\n").unwrap();
    let data = notice(dir.path(), "  - table: { file: t.csv }", "");
    let (code, err) = checked(&data);
    assert_eq!(code, 1, "{err}");
    says(
        &err,
        &[
            "error: the cell holds U+202E (a character that reverses or reorders the text after it), which does not print as it reads",
            "t.csv:2:3",
        ],
    );
    std::fs::write(dir.path().join("elsewhere.csv"), "A,B\n1,2\n").unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let data = notice(&sub, "  - table: { file: ../elsewhere.csv }", "");
    let (code, err) = checked(&data);
    assert_eq!(code, 1, "{err}");
    says(&err, &["kh.yaml:5:20", "--allow-dir"]);
}

#[test]
fn a_table_from_a_spreadsheet_and_numbers_kept_as_written() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("data/dai-bieu/chi-bo-truong-ptdtnt.xlsx"),
        dir.path().join("bang.xlsx"),
    )
    .unwrap();
    let data = notice(
        dir.path(),
        "  - heading: Đại biểu
    content:
      - table: { file: bang.xlsx }
  - heading: Số giữ nguyên
    number: 2a.
  - heading: Tiếp theo
  - item: Mục đánh số tay
    number: (*)",
        "",
    );
    let (code, err) = checked(&data);
    assert_eq!(code, 0, "{err}");
    let out = dir.path().join("out");
    build_ok(&data, &out, &[]);
    let text = pdftotext(&out.join("ke-hoach.pdf"));
    // The sheet's header row heads the table, its own STT column first.
    let stt = words(&out.join("ke-hoach.pdf"))
        .iter()
        .filter(|w| w.page == 1 && w.text == "STT")
        .count();
    assert_eq!(stt, 1, "{text}");
    assert!(text.contains("Họ và tên"), "{text}");
    // Numbered again, it would have two: an error.
    let twice = std::fs::read_to_string(&data)
        .unwrap()
        .replace("{ file: bang.xlsx }", "{ file: bang.xlsx, numbered: true }");
    std::fs::write(&data, twice).unwrap();
    let (code, err) = checked(&data);
    assert_eq!(code, 1, "{err}");
    says(
        &err,
        &[
            "error: the table's first column is `STT` already: `numbered: true` would add another",
            "= hint: leave out `numbered: true`, or the table's own numbering column",
        ],
    );
    // `2a.` as written; the count goes on past it (III).
    assert!(text.contains("I. ĐẠI BIỂU"), "{text}");
    assert!(text.contains("2a. SỐ GIỮ NGUYÊN"), "{text}");
    assert!(text.contains("III. TIẾP THEO"), "{text}");
    assert!(text.contains("(*) Mục đánh số tay"), "{text}");
}

#[test]
fn a_document_needs_a_body_and_widths_more_than_zero() {
    let dir = tempfile::tempdir().unwrap();
    let data = notice(dir.path(), "  []", "");
    let (code, err) = checked(&data);
    assert_eq!(code, 1, "{err}");
    says(
        &err,
        &[
            "error: the document has no `body:`",
            "= hint: write its text under `body:` (or `meeting:` for a meeting invitation)",
        ],
    );
    let data = notice(
        dir.path(),
        "  - table: { columns: [A, B], widths: [1, 0], rows: [[x, y]] }",
        "",
    );
    let (code, err) = checked(&data);
    assert_eq!(code, 1, "{err}");
    says(
        &err,
        &[
            "error: a column width must be more than 0",
            "kh.yaml:5:43",
            "= hint: widths are relative: `[6, 3, 2]` makes the first column twice the second",
        ],
    );
}

#[test]
fn tone_style_reaches_the_cells_of_a_table_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("t.csv"),
        "Việc,Ai\nHòa giải ở cơ sở,Hội đồng hòa giải\n",
    )
    .unwrap();
    let data = notice(dir.path(), "  - table: { file: t.csv }", "");
    let text = std::fs::read_to_string(&data).unwrap().replace(
        "subject: Thử nội dung }",
        "subject: Thử nội dung, tone_style: new }",
    );
    std::fs::write(&data, text).unwrap();
    let out = dir.path().join("out");
    build_ok(&data, &out, &[]);
    let text = pdftotext(&out.join("ke-hoach.pdf"));
    assert!(text.contains("Hoà giải ở cơ sở"), "{text}");
    assert!(!text.contains("hòa"), "{text}");
}
