//! Giấy mời for every delegate, print files and distribution sheets, read
//! back from the PDFs.

mod common;

use std::path::Path;

use common::*;
use vanban::data::roster::{self, Group};

const DATA: &str = "data/ke-hoach-dai-hoi-diem.yaml";

/// (list file, time line, venue) of the three example congresses.
const EVENTS: [(&str, &str, &str); 3] = [
    (
        "chi-bo-02-ban-na-phat",
        "7 giờ 30 phút, thứ Tư, ngày 08/01/2025",
        "Nhà văn hóa bản Nà Phát, xã Bình Lư, huyện Tam Đường",
    ),
    (
        "chi-bo-truong-pho-thong-dan-toc-noi-tru-trung-hoc-pho-thong",
        "7 giờ 30 phút, thứ Năm, ngày 20/3/2025",
        "Hội trường trường Phổ thông dân tộc Nội trú Trung học phổ thông huyện Tam Đường",
    ),
    (
        "dang-bo-xa-ban-hon",
        "7 giờ 30 phút, thứ Ba, ngày 25/3/2025",
        "Hội trường Ủy ban nhân dân xã Bản Hon",
    ),
];

const LISTS: [&str; 3] = [
    "data/dai-bieu/chi-bo-02-na-phat.csv",
    "data/dai-bieu/chi-bo-truong-ptdtnt.xlsx",
    "data/dai-bieu/dang-bo-ban-hon.csv",
];

/// Builds the example once for all the tests of this file.
fn example() -> &'static Path {
    static OUT: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    OUT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let o = build_ok(&root().join(DATA), dir.path(), &[]);
        let err = stderr(&o);
        assert!(
            err.contains(
                "598 letters for 598 delegates (208 triệu tập, 390 mời), 3 print file(s), 4 recipient sheet(s)"
            ),
            "summary line: {err}"
        );
        dir
    })
    .path()
}

#[test]
fn every_delegate_gets_exactly_one_letter_with_their_details() {
    let out = example();
    let m = manifest(out);
    for ((slug, time, venue), list) in EVENTS.iter().zip(LISTS) {
        let rows = roster::read(
            &root().join(list),
            &std::fs::read(root().join(list)).unwrap(),
            None,
            None,
        )
        .expect("the example list loads");
        let letters: Vec<_> = m
            .outputs
            .iter()
            .filter(|e| e.kind == "invitation" && e.path.starts_with(&format!("giay-moi/{slug}/")))
            .collect();
        assert_eq!(
            letters.len(),
            rows.len(),
            "one letter per delegate of {slug}"
        );
        for (row, entry) in rows.iter().zip(&letters) {
            let d = &row.delegate;
            assert_eq!(
                entry.delegate.as_deref(),
                Some(d.name.as_str()),
                "list order"
            );
            let text = squeeze(&pdftotext(&out.join(&entry.path)));
            assert!(
                text.contains(&squeeze(&d.name)),
                "{} in {}",
                d.name,
                entry.path
            );
            if let Some(p) = &d.position {
                assert!(text.contains(&squeeze(p)), "position {p} in {}", entry.path);
            }
            assert!(text.contains(&squeeze(time)), "time in {}", entry.path);
            assert!(text.contains(&squeeze(venue)), "venue in {}", entry.path);
            let summons = slug != &EVENTS[1].0 && d.group == Group::Member;
            let title = if summons {
                "GIẤYTRIỆUTẬP"
            } else {
                "GIẤYMỜI"
            };
            assert!(text.contains(title), "{title} in {}", entry.path);
        }
    }
}

#[test]
fn the_print_file_has_one_page_per_delegate_in_list_order() {
    let out = example();
    for ((slug, _, _), list) in EVENTS.iter().zip(LISTS) {
        let rows = roster::read(
            &root().join(list),
            &std::fs::read(root().join(list)).unwrap(),
            None,
            None,
        )
        .unwrap();
        let pdf = out.join(format!("giay-moi/{slug}-ban-in.pdf"));
        let info = poppler("pdfinfo", &pdf);
        assert!(
            info.contains(&format!("Pages:           {}\n", rows.len())),
            "{info}"
        );
        let text = pdftotext(&pdf);
        let pages: Vec<&str> = text.split('\u{c}').collect();
        for (i, row) in rows.iter().enumerate() {
            assert!(
                squeeze(pages[i]).contains(&squeeze(&row.delegate.name)),
                "page {} of {slug} is {}",
                i + 1,
                row.delegate.name
            );
        }
    }
    let info = poppler(
        "pdfinfo",
        &out.join(format!("giay-moi/{}-ban-in.pdf", EVENTS[1].0)),
    );
    assert!(
        info.contains("Page size:       419.528 x 595.276 pts"),
        "the school's letters are A5: {info}"
    );
}

/// Every A5 letter of the example has a finished header: its two columns
/// keep at least 3 mm apart and the date line holds on one line (the
/// preset's `invitation.a5_header`), measured on each page of the
/// school's print file.
#[test]
fn every_a5_letter_s_header_fits_its_columns() {
    let out = example();
    let print = out.join(format!("giay-moi/{}-ban-in.pdf", EVENTS[1].0));
    let words = words(&print);
    let pages = words.iter().map(|w| w.page).max().unwrap();
    assert!(pages >= 66, "the school's letters: {pages}");
    let mm = 72.0 / 25.4;
    for page in 1..=pages {
        let head: Vec<&Word> = words
            .iter()
            .filter(|w| w.page == page && w.y < 100.0)
            .collect();
        if !head.iter().any(|w| w.text == "VIỆT") {
            continue;
        }
        // The columns: the left one 45 % of the text width (A5: margins
        // 20 and 10 mm of 148).
        let boundary = (20.0 + 0.45 * (148.0 - 30.0)) * mm;
        let right = head
            .iter()
            .filter(|w| w.x >= boundary)
            .map(|w| w.x)
            .fold(f64::MAX, f64::min);
        let left_end = head
            .iter()
            .filter(|w| w.x < boundary)
            .map(|w| w.x_max)
            .fold(0.0, f64::max);
        assert!(
            right - left_end >= 3.0 * mm,
            "page {page}: columns {:.1} mm apart",
            (right - left_end) / mm
        );
        let nam = head
            .iter()
            .find(|w| w.text == "năm" && w.x >= right - 1.0)
            .unwrap();
        let year = head
            .iter()
            .find(|w| {
                w.text.len() == 4
                    && w.text.chars().all(|c| c.is_ascii_digit())
                    && w.x >= right - 1.0
            })
            .unwrap();
        assert!(
            (year.y - nam.y).abs() < 0.5,
            "page {page}: the year on the date's line: {year:?} {nam:?}"
        );
    }
}

#[test]
fn noi_nhan_is_punctuated_by_the_tool() {
    let out = example();
    let letter = manifest(out)
        .outputs
        .into_iter()
        .find(|e| e.kind == "invitation")
        .unwrap();
    let text = pdftotext(&out.join(&letter.path));
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let at = lines
        .iter()
        .position(|l| *l == "Nơi nhận:")
        .expect("a Nơi nhận block");
    assert_eq!(
        &lines[at + 1..at + 4],
        [
            "- Như trên;",
            "- Thường trực Huyện ủy (b/c);",
            "- Lưu Văn phòng Huyện ủy."
        ]
    );
}

#[test]
fn distribution_sheets_list_every_recipient() {
    let out = example();
    let m = manifest(out);
    let sheets = sheets(&m);
    assert_eq!(sheets.len(), 4);
    let plan_sheet = pdftotext(&out.join("ke-hoach-noi-nhan.pdf"));
    let s = squeeze(&plan_sheet);
    for col in ["STT", "Nơi nhận", "Số bản", "Ngày gửi", "Ký nhận"] {
        assert!(s.contains(&squeeze(col)), "{col}: {plan_sheet}");
    }
    assert!(
        s.contains(&squeeze("Đ/c Nguyễn Ngọc Vinh – Ủy viên BTV Tỉnh ủy")),
        "{plan_sheet}"
    );
    assert!(s.contains(&squeeze("Tổng số: 9 bản.")), "{plan_sheet}");
    let letters_sheet = squeeze(&pdftotext(
        &out.join(format!("giay-moi/{}-noi-nhan.pdf", EVENTS[0].0)),
    ));
    assert!(
        letters_sheet.contains(&squeeze("Tổng số: 284 bản.")),
        "282 delegates + Thường trực + Lưu"
    );
}

fn small(delegates: &str) -> String {
    std::fs::read_to_string(root().join("tests/fixtures/hop-chi-bo.yaml"))
        .unwrap()
        .replace("delegates: DELEGATES", &format!("delegates: {delegates}"))
}

const PEOPLE: [(&str, &str, &str, &str, &str); 3] = [
    (
        "Lò Văn Thử",
        "Bí thư Chi bộ",
        "Chi bộ bản Thử",
        "Đảng viên",
        "0912345678",
    ),
    (
        "Giàng Thị Mẫu",
        "Phó Bí thư Đảng ủy",
        "Đảng ủy xã Bình Lư",
        "Khách mời",
        "0988000111",
    ),
    (
        "Tẩn Văn Ví Dụ",
        "Chủ tịch Ủy ban MTTQ xã",
        "Ủy ban MTTQ xã Bình Lư",
        "Khách mời",
        "",
    ),
];

/// Builds the small meeting with its delegates given as `delegates`, returns the letters' hashes.
fn letter_hashes(dir: &Path, name: &str, delegates: &str) -> Vec<(Option<String>, String)> {
    let data = dir.join(format!("{name}.yaml"));
    std::fs::write(&data, small(delegates)).unwrap();
    let out = dir.join(format!("out-{name}"));
    build_ok(&data, &out, &[]);
    manifest(&out)
        .outputs
        .into_iter()
        .filter(|e| e.kind == "invitation")
        .map(|e| (e.delegate, e.sha256))
        .collect()
}

#[test]
fn csv_excel_and_yaml_lists_give_the_same_letters() {
    let dir = tempfile::tempdir().unwrap();
    let yaml_list: String = PEOPLE
        .iter()
        .map(|(n, p, u, g, ph)| {
            let group = if *g == "Đảng viên" {
                "member"
            } else {
                "guest"
            };
            let phone = if ph.is_empty() {
                String::new()
            } else {
                format!(", phone: \"{ph}\"")
            };
            format!("\n      - {{ name: {n}, position: {p}, unit: {u}, group: {group}{phone} }}")
        })
        .collect();
    let from_yaml = letter_hashes(dir.path(), "yaml", &yaml_list);

    let mut csv = String::from("STT,Họ và tên,Chức vụ,Đơn vị,Nhóm,Điện thoại\n");
    for (i, (n, p, u, g, ph)) in PEOPLE.iter().enumerate() {
        csv.push_str(&format!("{},{n},{p},{u},{g},{ph}\n", i + 1));
    }
    std::fs::write(dir.path().join("ds.csv"), csv).unwrap();
    let from_csv = letter_hashes(dir.path(), "csv", "{ file: ds.csv }");

    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["Họ và tên", "Chức vụ", "Đơn vị", "Nhóm", "Điện thoại"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (n, p, u, g, ph)) in PEOPLE.iter().enumerate() {
        for (c, v) in [n, p, u, g, ph].iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(r as u32 + 1, c as u16, **v).unwrap();
            }
        }
    }
    book.save(dir.path().join("ds.xlsx")).unwrap();
    let from_xlsx = letter_hashes(dir.path(), "xlsx", "{ file: ds.xlsx }");

    assert_eq!(from_yaml.len(), 3);
    assert_eq!(from_yaml, from_csv, "CSV gives the same letters as YAML");
    assert_eq!(from_yaml, from_xlsx, "Excel gives the same letters as YAML");
}

#[test]
fn a_count_that_disagrees_with_the_list_names_both() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "Họ và tên,Chức vụ,Nhóm\nLò Văn Thử,Bí thư Chi bộ,Đảng viên\nGiàng Thị Mẫu,Khách,Khách mời\n";
    std::fs::write(dir.path().join("ds.csv"), csv).unwrap();
    let yaml =
        small("{ file: ds.csv }").replace("    max_days: 1\n", "    max_days: 1\n    members: 2\n");
    let data = dir.path().join("d.yaml");
    std::fs::write(&data, &yaml).unwrap();
    let out = dir.path().join("out");
    let err = build_fails(&data, &out, &[]);
    let line = yaml.lines().position(|l| l == "    members: 2").unwrap() + 1;
    assert!(
        err.contains("states members: 2, but its delegate list ds.csv has 1 party members"),
        "{err}"
    );
    assert!(err.contains(&format!("d.yaml:{line}:")), "{err}");
}

#[test]
fn a_missing_column_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ds.csv"),
        "STT,Tên,Chức vụ,Nhóm\n1,Lò Văn Thử,Bí thư,Đảng viên\n",
    )
    .unwrap();
    let data = dir.path().join("d.yaml");
    std::fs::write(&data, small("{ file: ds.csv }")).unwrap();
    let out = dir.path().join("out");
    let err = build_fails(&data, &out, &[]);
    assert!(err.contains("missing column `Họ và tên`"), "{err}");
    assert!(err.contains("ds.csv"), "{err}");
}

#[test]
fn a_long_sheet_is_made_in_parts_that_read_as_one() {
    // 650 delegates: the letters' sheet has 652 rows, more than one part.
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("Họ và tên,Chức vụ,Nhóm\n");
    for i in 1..=650 {
        csv.push_str(&format!("Đại Biểu Số {i},Chức vụ {i},Khách mời\n"));
    }
    std::fs::write(dir.path().join("ds.csv"), csv).unwrap();
    let data = dir.path().join("d.yaml");
    std::fs::write(&data, small("{ file: ds.csv }")).unwrap();
    let out = dir.path().join("out");
    build_ok(&data, &out, &["--only", "recipients"]);
    let text = pdftotext(&out.join("giay-moi/chi-bo-ban-thu-noi-nhan.pdf"));
    assert_eq!(
        text.matches("DANH SÁCH GỬI VĂN BẢN").count(),
        1,
        "one title"
    );
    assert_eq!(
        squeeze(&text)
            .matches(&squeeze("Tổng số: 652 bản."))
            .count(),
        1,
        "one total"
    );
    let s = squeeze(&text);
    let mut at = 0;
    for i in [1, 300, 301, 600, 601, 650] {
        // The number column runs on across the parts.
        let name = squeeze(&format!("{i} Đồng chí Đại Biểu Số {i} –"));
        let found = s[at..]
            .find(&name)
            .unwrap_or_else(|| panic!("row {i} in order"));
        at += found + name.len();
    }
}
