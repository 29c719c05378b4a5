//! Reading delegate lists: headers, groups, cells that mislead, CSV and
//! spreadsheet files.

use super::sheet::quiet_panics;
use super::*;
use std::path::PathBuf;

#[test]
fn a_damaged_spreadsheet_is_refused_not_a_crash() {
    // Found by the fuzzer: a malformed cell reference made the reader
    // overflow (a panic where overflow is checked).
    let result = load(&fixture("damaged-cell-reference.xlsx"), None, None);
    assert!(result.is_err());
    assert_eq!(quiet_panics(|| 1), Some(1));
    assert_eq!(quiet_panics(|| -> u8 { panic!("inside the reader") }), None);
}

/// Reads the list file at `path` as the loader does, after reading it.
fn load(
    path: &Path,
    sheet: Option<&str>,
    default_group: Option<Group>,
) -> Result<Vec<Row>, Vec<RosterProblem>> {
    match std::fs::read(path) {
        Ok(bytes) => read(path, &bytes, sheet, default_group),
        Err(e) => Err(vec![RosterProblem {
            message: format!("cannot read `{}`: {e}", path.display()),
            hint: None,
            place: Place {
                file: Arc::from(path),
                sheet: None,
                row: 1,
                column: None,
            },
            span: None,
            fix: None,
        }]),
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/roster")
        .join(name)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Loads `text` as a CSV file and gives its problems' messages.
fn messages(text: &str, default_group: Option<Group>) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let e = load(&write(dir.path(), "ds.csv", text), None, default_group).unwrap_err();
    e.into_iter().map(|p| p.message).collect()
}

fn delegates(rows: Vec<Row>) -> Vec<Delegate> {
    rows.into_iter().map(|r| r.delegate).collect()
}

fn person(name: &str, group: Group, phone: Option<&str>) -> Delegate {
    let phone = phone.map(str::to_string);
    let (position, unit, salutation) = (None, None, None);
    Delegate {
        name: name.into(),
        position,
        unit,
        group,
        salutation,
        phone,
    }
}

/// A list under a title row, starting in column B as office sheets often do.
fn workbook(path: &Path, rows: &[&[&str]], phones: &[(u32, f64)]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 1, "DANH SÁCH ĐẠI BIỂU").unwrap();
    for (r, cells) in rows.iter().enumerate() {
        for (c, v) in cells.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
            sheet.write_string(r as u32 + 2, c as u16 + 1, *v).unwrap();
        }
    }
    for &(r, n) in phones {
        sheet.write_number(r, rows[0].len() as u16, n).unwrap();
    }
    book.add_worksheet().set_name("Khách").unwrap();
    book.save(path).unwrap();
}

#[test]
fn csv_with_bom_semicolons_synonyms_and_nfd() {
    // `stt ; HỌ  VÀ   TÊN: ;chức danh;Đơn vị công tác;THÀNH PHẦN*;…` in NFD,
    // CRLF, a quoted `;`, a non-breaking space, an empty and an STT-only row.
    let path = fixture("bom-semicolon.csv");
    let raw = std::fs::read_to_string(&path).unwrap();
    assert!(raw.contains(&"Lò Văn Thử".nfd().collect::<String>()) && !raw.contains("Lò"));
    let rows = load(&path, None, None).unwrap();
    let first = Delegate {
        position: Some("Bí thư Chi bộ".into()),
        unit: Some("Chi bộ 02; bản Nà Phát".into()),
        ..person("Lò Văn Thử", Group::Member, Some("0912345678"))
    };
    let second = Delegate {
        position: Some("Trưởng bản".into()),
        unit: Some("Bản Nà Phát".into()),
        ..person("Giàng Thị Mẫu", Group::Guest, Some("0203 3876 543"))
    };
    assert_eq!(
        (
            rows[0].place.row,
            rows[1].place.row,
            rows[1].place.sheet.clone()
        ),
        (2, 4, None)
    );
    assert_eq!(delegates(rows), [first, second]);
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        decode_csv(&path, &bytes).unwrap().starts_with("stt ;"),
        "BOM removed"
    );
}

#[test]
fn a_comma_in_a_header_does_not_fool_the_delimiter_sniffing() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "a.csv", "Họ, tên;Nhóm\nA;Đảng viên\n");
    assert_eq!(
        delegates(load(&p, None, None).unwrap()),
        [person("A", Group::Member, None)]
    );
    let p = write(
        dir.path(),
        "b.csv",
        "\"Họ, tên\"\tnhóm\tĐT\nB\tMời\t0987654321\n",
    );
    let b = person("B", Group::Guest, Some("0987654321"));
    assert_eq!(delegates(load(&p, None, None).unwrap()), [b]);
}

#[test]
fn excel_lists_keep_leading_zeros_and_match_csv() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ds.xlsx");
    let rows: &[&[&str]] = &[
        &["STT", "Họ và tên", "Nhóm", "Điện thoại"],
        &["1", "Lò Văn Thử", "Đảng viên", ""],
        &["2", "Giàng Thị Mẫu", "Khách mời", "0203 3876 543"],
        &["3", "Vàng A Chá", "Khách mời", ""],
        &["4", "Tao Văn Pó", "Khách mời", ""],
    ];
    // 912345678 is 0912345678 typed without an apostrophe, 2133876543 a
    // landline (0213…); 12345 is no Vietnamese number and stays as typed.
    workbook(
        &path,
        rows,
        &[(3, 912345678.0), (5, 2133876543.0), (6, 12345.0)],
    );
    let got = load(&path, None, None).unwrap();
    let phones: Vec<_> = got
        .iter()
        .map(|r| r.delegate.phone.as_deref().unwrap())
        .collect();
    assert_eq!(
        phones,
        ["0912345678", "0203 3876 543", "02133876543", "12345"]
    );
    assert_eq!(
        (got[0].place.row, got[0].place.sheet.as_deref()),
        (4, Some("Sheet1"))
    );

    let csv = "STT,Họ và tên,Nhóm,Điện thoại\n1,Lò Văn Thử,Đảng viên,0912345678\n\
               2,Giàng Thị Mẫu,Khách mời,0203 3876 543\n\
               3,Vàng A Chá,Khách mời,02133876543\n4,Tao Văn Pó,Khách mời,12345\n";
    let from_csv = load(&write(dir.path(), "ds.csv", csv), None, None).unwrap();
    assert_eq!(delegates(from_csv), delegates(got));

    let e = load(&path, Some("Không có"), None).unwrap_err();
    assert_eq!(
        e[0].message,
        format!("`{}` has no sheet `Không có`", path.display())
    );
    assert_eq!(e[0].hint.as_deref(), Some("its sheets: `Sheet1`, `Khách`"));
    // The second sheet, found despite case and spaces, is empty.
    let e = load(&path, Some(" khách "), None).unwrap_err();
    let got = (e[0].message.as_str(), e[0].place.sheet.as_deref());
    assert_eq!(got, ("missing column `Họ và tên`", Some("Khách")));
}

#[test]
fn excel_problems_have_absolute_rows_and_columns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ds.xlsx");
    workbook(
        &path,
        &[&["Họ và tên", "Nhóm"], &["", "Đảng viên"], &["B", "bạn"]],
        &[],
    );
    let e = load(&path, None, None).unwrap_err();
    let at: Vec<_> = e
        .iter()
        .map(|p| (p.place.row, p.place.column, p.span.clone()))
        .collect();
    assert_eq!(at, [(4, Some(2), None), (5, Some(3), None)]);
    assert_eq!(e[0].message, "row 4 has no name (column `Họ và tên`)");
}

#[test]
fn a_missing_name_column_is_one_problem() {
    let dir = tempfile::tempdir().unwrap();
    let text = "STT,Tên,Chức vụ\n1,Lò Văn Thử,Bí thư\n";
    let e = load(&write(dir.path(), "a.csv", text), None, None).unwrap_err();
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].message, "missing column `Họ và tên`");
    assert_eq!((e[0].place.row, e[0].place.column), (1, None));
    assert_eq!(&text[e[0].span.clone().unwrap()], "STT,Tên,Chức vụ");
    let hint = e[0].hint.as_deref().unwrap();
    assert!(hint.contains("`Họ tên`") && hint.ends_with("found: `STT`, `Tên`, `Chức vụ`"));
}

#[test]
fn an_unknown_column_suggests_the_closest_header() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Họ và tên,Chuc vu,Nhóm,Ngày sinh,Ghi chú\nA,x,Đảng viên,1970,\n";
    let e = load(&write(dir.path(), "a.csv", text), None, None).unwrap_err();
    assert_eq!(e.len(), 2, "{e:?}");
    assert_eq!(
        (e[0].message.as_str(), e[0].place.column),
        ("unknown column `Chuc vu`", Some(2))
    );
    assert_eq!(&text[e[0].span.clone().unwrap()], "Chuc vu");
    let hint = e[0].hint.as_deref().unwrap();
    assert!(hint.starts_with("did you mean `Chức vụ`? (headers need their diacritics)"));
    assert!(hint.contains("`Điện thoại`"), "{hint}");
    assert!(
        e[1].hint.as_deref().unwrap().starts_with("rename"),
        "no far-fetched guess"
    );

    let e = messages("Họ và tên,Chức vụ,Chức danh,Nhóm\n", None);
    assert_eq!(e, ["column `Chức danh` repeats column `Chức vụ`"]);
}

#[test]
fn every_bad_row_is_reported_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Họ và tên,Chức vụ,Nhóm,Điện thoại\r\nLò Văn Thử,Bí thư,Đảng viên,0912345678\r\n\
                ,Phó Bí thư,Đảng viên,\r\nGiàng Thị Mẫu,,bạn bè,\r\n\r\nVàng A Chá,,,,x\r\n";
    let e = load(&write(dir.path(), "a.csv", text), None, None).unwrap_err();
    let at: Vec<_> = e
        .iter()
        .map(|p| (p.place.row, p.place.column, &text[p.span.clone().unwrap()]))
        .collect();
    let want = [
        (3, Some(1), ",Phó Bí thư,Đảng viên,"),
        (4, Some(3), "bạn bè"),
        (6, Some(5), "x"),
        (6, Some(3), "Vàng A Chá,,,,x"),
    ];
    assert_eq!(at, want);
    let want = [
        "row 3 has no name (column `Họ và tên`)",
        "`bạn bè` is not a group (column `Nhóm`)",
        "`x` is in a column without a header",
        "row 6 has no group (column `Nhóm`)",
    ];
    assert_eq!(messages(text, None), want);
    // With a default group, the empty cell is no longer a problem.
    assert_eq!(messages(text, Some(Group::Guest)), want[..3]);
}

#[test]
fn group_values_and_the_default_group() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Họ và tên,Loại đại biểu\nA,ĐẢNG VIÊN CHI BỘ\nB,dang vien\nC,Chính thức\n\
                D,member\nE,khach moi\nF,Đại biểu mời\nG,MỜI\nH,guest\nI,\n";
    let rows = load(&write(dir.path(), "a.csv", text), None, Some(Group::Member)).unwrap();
    let groups: Vec<_> = rows.iter().map(|r| r.delegate.group).collect();
    let (m, g) = (Group::Member, Group::Guest);
    assert_eq!(groups, [m, m, m, m, g, g, g, g, m]);

    let p = write(dir.path(), "b.csv", "Họ và tên\nA\n");
    let e = load(&p, None, None).unwrap_err();
    assert_eq!(
        (e.len(), e[0].message.as_str()),
        (1, "missing column `Nhóm`")
    );
    let hint = e[0].hint.as_deref().unwrap();
    assert!(
        hint.contains("`Thành phần`") && hint.contains("`Khách mời`"),
        "{hint}"
    );
    let rows = load(&p, None, Some(Group::Guest)).unwrap();
    assert_eq!(delegates(rows), [person("A", Group::Guest, None)]);
}

#[test]
fn files_that_cannot_be_read_say_why() {
    let e = load(&fixture("windows-1258.csv"), None, None).unwrap_err();
    assert!(
        e[0].message.ends_with("is not UTF-8: byte 0xF2 on line 1"),
        "{}",
        e[0].message
    );
    assert!(e[0].hint.as_deref().unwrap().contains("Windows-1258"));

    let dir = tempfile::tempdir().unwrap();
    let e = load(&dir.path().join("none.csv"), None, None).unwrap_err();
    assert!(e[0].message.starts_with("cannot read"), "{}", e[0].message);
    let e = load(&write(dir.path(), "a.docx", "x"), None, None).unwrap_err();
    assert!(e[0].message.ends_with("is neither a CSV nor a spreadsheet"));
    let e = load(&write(dir.path(), "b.xlsx", "not a zip"), None, None).unwrap_err();
    assert!(e[0].message.starts_with("cannot read"), "{}", e[0].message);
    let text = "Họ và tên,Nhóm\nA,Mời\n\"B,Mời\nC,Mời\n";
    let e = load(&write(dir.path(), "c.csv", text), None, None).unwrap_err();
    let got = (
        e.len(),
        e[0].place.row,
        e[0].place.column,
        e[0].span.clone(),
    );
    assert_eq!(got, (1, 3, Some(1), Some(28..29)));
    assert_eq!(&text[28..29], "\"");
}

#[test]
fn cells_and_headers_are_cleaned() {
    assert_eq!(clean(" Lò\u{a0}\u{a0}Văn \t Thử\u{200b} "), "Lò Văn Thử");
    assert_eq!(field_of("  HỌ   TÊN * "), Some(Field::Name));
    assert_eq!(field_of("sđt:"), Some(Field::Phone));
    assert_eq!(field_of("Chuc vu"), None);
    assert_eq!(phone_from_number("123456789"), "123456789");
}
