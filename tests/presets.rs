//! The Party preset of a document's date: Hướng dẫn 05-HD/VPTW from
//! 27/5/2026 on, Hướng dẫn 36-HD/VPTW before, each also by name; what
//! HD 05 changes, read back from the PDFs.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// A Party notice of two paragraphs dated `date`, under `preset`; the
/// second paragraph ends as `end` says.
fn notice(dir: &Path, preset: &str, date: &str, end: &str) -> PathBuf {
    let text = format!(
        "preset: {preset}
issuer: {{ superior: ĐẢNG BỘ TỈNH VÂN PHONG, name: ĐẢNG ỦY XÃ NÀ TĂM, code: ĐU }}
document: {{ type: TB, number: 3, place: Nà Tăm, date: {date}, subject: Kết luận của Ban Thường vụ Đảng ủy }}
body:
  - Ngày 08/6/2026, Ban Thường vụ Đảng ủy xã họp nghe báo cáo kết quả thực hiện nhiệm vụ sáu tháng đầu năm và bàn phương hướng, nhiệm vụ sáu tháng cuối năm 2026; sau khi nghe các ý kiến thảo luận, Ban Thường vụ Đảng ủy kết luận như sau.
  - Các chi bộ trực thuộc tập trung lãnh đạo hoàn thành các chỉ tiêu đã đề ra, chú trọng công tác phát triển đảng viên mới, nâng cao chất lượng sinh hoạt chi bộ và thực hiện tốt quy chế dân chủ ở cơ sở; báo cáo kết quả về Văn phòng Đảng ủy trước ngày 30/6/2026{end}
signature: {{ mode: tm, body: BAN THƯỜNG VỤ, title: BÍ THƯ, name: Lò Văn Minh }}
recipients: {{ to: [ Các chi bộ trực thuộc ], archive: Văn phòng Đảng ủy }}
appendices: [ {{ title: Danh sách các chi bộ, body: [ Chi bộ bản Nà Phát. ] }} ]
"
    );
    let path = dir.join("tb.yaml");
    std::fs::write(&path, text).unwrap();
    path
}

/// The distances between the tops of the body's lines (pdftotext -bbox):
/// within the first paragraph, and from its last line to the second's
/// first.
fn spacing(pdf: &Path) -> (Vec<f64>, f64) {
    let lines = lines(pdf);
    let at = |start: &str| {
        lines
            .iter()
            .position(|(_, l)| l.starts_with(start))
            .unwrap_or_else(|| panic!("{start:?} in {lines:?}"))
    };
    let (first, second) = (at("Ngày 08/6/2026,"), at("Các chi bộ trực thuộc"));
    assert!(second > first + 2, "a paragraph of three lines or more");
    let y = |i: usize| lines[i].0.y;
    let within = (first..second - 1).map(|i| y(i + 1) - y(i)).collect();
    (within, y(second) - y(second - 1))
}

#[test]
fn a_party_document_is_laid_out_by_the_guideline_of_its_date() {
    let dir = tempfile::tempdir().unwrap();
    let build = |preset: &str, date: &str| {
        let data = notice(dir.path(), preset, date, ".");
        let out = dir.path().join(format!("{preset}-{date}"));
        build_ok(&data, &out, &[]);
        let pdf = out.join("thong-bao.pdf");
        // The first-line indent: how far the paragraph's first line starts
        // right of its second.
        let lines = lines(&pdf);
        let first = lines
            .iter()
            .position(|(_, l)| l.starts_with("Ngày 08/6/2026,"))
            .unwrap();
        let indent = lines[first].0.x - lines[first + 1].0.x;
        assert!(
            (indent - 10.0 * 72.0 / 25.4).abs() < 0.2,
            "{preset}: indent {indent} pt"
        );
        (spacing(&pdf), squeeze(&pdftotext(&pdf)))
    };
    // HD 05: exactly 19 pt baseline to baseline (18–22), 6 pt more between
    // paragraphs, the first line indented about 10 mm (both: 10 mm).
    for (preset, date) in [
        ("dang", "2026-05-27"),
        ("dang", "2026-12-01"),
        ("dang-hd05", "2024-10-15"),
    ] {
        let ((within, between), text) = build(preset, date);
        for d in &within {
            assert!((d - 19.0).abs() < 0.05, "{preset} {date}: {within:?}");
            assert!((18.0..=22.0).contains(d));
        }
        assert!((between - 25.0).abs() < 0.05, "{preset} {date}: {between}");
        // Appendices in Arabic numbers (HD 05 II.1).
        assert!(text.contains("Phụlục1Danh"), "{text}");
    }
    // 36-HD, as before: half an em between lines (16.17 pt from top to top).
    for (preset, date) in [("dang", "2026-05-26"), ("dang-hd36", "2026-12-01")] {
        let ((within, between), text) = build(preset, date);
        for d in &within {
            assert!((d - 16.17).abs() < 0.05, "{preset} {date}: {within:?}");
        }
        assert!((between - 22.17).abs() < 0.05, "{preset} {date}: {between}");
        assert!(text.contains("PhụlụcIDanh"), "{text}");
    }
}

#[test]
fn under_hd05_the_text_ends_with_a_full_stop() {
    let dir = tempfile::tempdir().unwrap();
    // A `./.` typed in a document of HD 05: a warning, and `vanban fix`
    // writes `.`.
    let data = notice(dir.path(), "dang", "2026-06-10", "./.");
    let (code, err) = checked(&data);
    assert_eq!(code, 0, "{err}");
    says(
        &err,
        &[
            "warning: the text ends with `./.`: under Văn bản của Đảng (Hướng dẫn 05-HD/VPTW) a text ends with `.`",
            "tb.yaml:6:",
            "= hint: end it with `.`",
        ],
    );
    let o = vanban(&["fix", data.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(&data)
            .unwrap()
            .contains("trước ngày 30/6/2026.\n")
    );
    let (_, err) = checked(&data);
    assert!(!err.contains("./."), "{err}");
    // Under 36-HD nothing is said of it.
    let data = notice(dir.path(), "dang", "2026-05-26", "./.");
    let (code, err) = checked(&data);
    assert_eq!((code, err.contains("./.")), (0, false), "{err}");

    // The letters of a congress after 27/5/2026 end with `.`, before it
    // with `./.`.
    let fixture = std::fs::read_to_string(root().join("tests/fixtures/hop-chi-bo.yaml"))
        .unwrap()
        .replace(
            "DELEGATES",
            "[ { name: Lò Văn Bình, position: Bí thư, group: member }, { name: Cầm Văn Khăm, position: Chủ tịch UBND xã, group: guest } ]",
        );
    for (year, closing, summons) in [
        (
            "2026",
            "Rất mong đồng chí đến dự đúng thời gian.",
            "Đề nghị đồng chí có mặt đúng thời gian.",
        ),
        (
            "2025",
            "Rất mong đồng chí đến dự đúng thời gian./.",
            "Đề nghị đồng chí có mặt đúng thời gian./.",
        ),
    ] {
        let text = match year {
            "2026" => fixture
                .replace("2025-01-02", "2026-06-02")
                .replace("2025-01-31", "2026-07-31")
                .replace("2025-01-10", "2026-07-10")
                .replace("2025-01-03", "2026-07-03"),
            _ => fixture.clone(),
        };
        let data = dir.path().join(format!("hop-{year}.yaml"));
        std::fs::write(&data, text).unwrap();
        let out = dir.path().join(format!("out-{year}"));
        build_ok(&data, &out, &[]);
        let print = std::fs::read_dir(out.join("giay-moi"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.to_string_lossy().ends_with("-ban-in.pdf"))
            .unwrap();
        let text = pdftotext(&print);
        says(&text, &[closing, summons]);
        assert_eq!(text.contains("./."), year == "2025", "{year}: {text}");
    }
}

#[test]
fn a_document_of_hd05_s_time_pinned_to_36_hd_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let data = notice(dir.path(), "dang-hd36", "2026-06-10", ".");
    let (code, err) = checked(&data);
    assert_eq!(code, 0, "{err}");
    says(
        &err,
        &[
            "warning: the document is dated 10/6/2026, but `preset: dang-hd36` lays it out by a guideline no longer in force: Hướng dẫn 05-HD/VPTW replaced Hướng dẫn 36-HD/VPTW on 27/5/2026",
            "tb.yaml:1:",
            "= hint: lay it out by the rules of its date: `preset: dang-hd05`",
        ],
    );
    // Dated before, or chosen by date: nothing to say.
    for (preset, date) in [("dang-hd36", "2026-05-26"), ("dang", "2026-06-10")] {
        let data = notice(dir.path(), preset, date, ".");
        let (code, err) = checked(&data);
        assert_eq!(
            (code, err.contains("no longer in force")),
            (0, false),
            "{err}"
        );
    }
}

/// The notice under HD 05 with `fields` added to its `document:`, built:
/// its data, its output folder and its lines (pdftotext -bbox).
fn hd05_notice_with(dir: &Path, fields: &str) -> (PathBuf, PathBuf, Vec<(Word, String)>) {
    let data = notice(dir, "dang", "2026-06-10", ".");
    let text = std::fs::read_to_string(&data).unwrap().replace(
        "subject: Kết luận của Ban Thường vụ Đảng ủy }",
        &format!("subject: Kết luận của Ban Thường vụ Đảng ủy, {fields} }}"),
    );
    std::fs::write(&data, text).unwrap();
    let out = dir.join("out");
    build_ok(&data, &out, &[]);
    let lines = lines(&out.join("thong-bao.pdf"));
    (data, out, lines)
}

/// The first word of the line that reads `text`.
fn line_of<'l>(lines: &'l [(Word, String)], text: &str) -> &'l Word {
    &lines
        .iter()
        .find(|(_, l)| l == text)
        .unwrap_or_else(|| panic!("{text:?} in {lines:?}"))
        .0
}

#[test]
fn a_draft_s_mark_and_the_urgency_stand_under_the_number_of_the_document_only() {
    let dir = tempfile::tempdir().unwrap();
    let (data, out, lines) =
        hd05_notice_with(dir.path(), "draft: Dự thảo lần 2, urgency: thuong-khan");
    let pdf = out.join("thong-bao.pdf");
    let at = |t: &str| line_of(&lines, t).clone();
    let (number, draft, urgency, title) = (
        at("Số 03-TB/ĐU"),
        at("Dự thảo lần 2"),
        at("THƯỢNG KHẨN"),
        at("THÔNG BÁO"),
    );
    // In that order, down the left column, under the number, before the title.
    assert!(number.y < draft.y && draft.y < urgency.y && urgency.y < title.y);
    for w in [&draft, &urgency] {
        assert!(w.x_max < 297.0, "in the left column: {w:?}");
    }
    let line_middle = |t: &str| {
        let ws: Vec<Word> = words(&pdf)
            .into_iter()
            .filter(|w| w.page == 1 && (w.y - at(t).y).abs() < 2.0 && w.x < 297.0)
            .collect();
        (ws[0].x + ws.last().unwrap().x_max) / 2.0
    };
    // Centred under the number.
    for t in ["Dự thảo lần 2", "THƯỢNG KHẨN"] {
        assert!(
            (line_middle(t) - line_middle("Số 03-TB/ĐU")).abs() < 2.0,
            "{t}"
        );
    }
    // 14 pt, as the number: lines one text size apart or more.
    assert!(draft.y - number.y > 14.0 && urgency.y - draft.y > 14.0);
    // Not on the dispatch sheet, which is a register, not the document.
    let sheet = pdftotext(&out.join("thong-bao-noi-nhan.pdf"));
    assert!(
        !sheet.contains("Dự thảo") && !sheet.contains("KHẨN"),
        "{sheet}"
    );
    // An urgency the preset does not know is named with the known ones.
    let text = std::fs::read_to_string(&data)
        .unwrap()
        .replace("urgency: thuong-khan", "urgency: gấp");
    std::fs::write(&data, text).unwrap();
    let (code, err) = checked(&data);
    assert_eq!(code, 1, "{err}");
    says(
        &err,
        &[
            "error: unknown value `gấp`",
            "expected one of: khan, thuong-khan, hoa-toc",
        ],
    );
}

#[test]
fn the_circulation_note_the_drafter_and_the_not_for_the_media_line_stand_where_hd05_puts_them() {
    let dir = tempfile::tempdir().unwrap();
    let (_, out, lines) = hd05_notice_with(
        dir.path(),
        "circulation: Tài liệu hội nghị, not_public: true, drafter: { code: LoThiHoa-26, copies: 30 }",
    );
    let pdf = out.join("thong-bao.pdf");
    let line = |t: &str| (line_of(&lines, t), ());
    let ws = words(&pdf);
    let last_of = |first: &Word| {
        ws.iter()
            .filter(|w| w.page == first.page && (w.y - first.y).abs() < 2.0)
            .map(|w| w.x_max)
            .fold(0.0, f64::max)
    };
    const MM: f64 = 72.0 / 25.4;
    // In capitals, 12 bold, at the top right of page 1, 10 mm from the
    // top edge (its line's top) and against the right margin (15 mm).
    let (note, _) = line("TÀI LIỆU HỘI NGHỊ");
    assert_eq!(note.page, 1);
    assert!((note.y - 10.0 * MM).abs() < 2.0, "{note:?}");
    assert!(
        (last_of(note) - (595.28 - 15.0 * MM)).abs() < 1.5,
        "{}",
        last_of(note)
    );
    // The drafter's line closes Nơi nhận, smaller than its 12 pt lines.
    let (archive, _) = line("- Lưu Văn phòng Đảng ủy.");
    let (drafter, _) = line("LoThiHoa-26, 30b");
    assert!(drafter.y > archive.y && drafter.y - archive.y < 20.0);
    assert!((drafter.x - archive.x).abs() < 1.0);
    let height = |w: &Word| {
        ws.iter()
            .find(|x| x.page == w.page && (x.y - w.y).abs() < 0.1 && x.x == w.x)
            .map(|x| x.y_max - x.y)
            .unwrap()
    };
    let ratio = height(drafter) / height(archive);
    assert!((ratio - 11.0 / 12.0).abs() < 0.02, "{ratio}");
    // The not-for-the-media line: centred on the text column, its foot
    // about 10 mm from the bottom edge, on the page the document ends on.
    let (foot, _) = line("Không phổ biến trên phương tiện thông tin đại chúng");
    assert_eq!(foot.page, drafter.page);
    let middle = (foot.x + last_of(foot)) / 2.0;
    assert!(
        (middle - (30.0 + (210.0 - 45.0) / 2.0) * MM).abs() < 1.5,
        "{middle}"
    );
    let bottom = ws
        .iter()
        .find(|w| w.page == foot.page && w.x == foot.x && w.y == foot.y)
        .unwrap()
        .y_max;
    assert!((841.89 - bottom - 10.0 * MM).abs() < 4.0, "{bottom}");
    // None of it on the dispatch sheet.
    let sheet = pdftotext(&out.join("thong-bao-noi-nhan.pdf"));
    for t in ["TÀI LIỆU", "LoThiHoa", "Không phổ biến"] {
        assert!(!sheet.contains(t), "{t}: {sheet}");
    }
}

#[test]
fn can_cu_lines_are_marked_and_punctuated_under_hd05_and_printed_as_typed_before() {
    let dir = tempfile::tempdir().unwrap();
    for (date, first, last) in [
        (
            "2026-06-10",
            "- Căn cứ Điều lệ Đảng;",
            "- Căn cứ Quy định số 399-QĐ/TW ngày 09/01/2026 của Ban Bí thư.",
        ),
        (
            "2026-05-26",
            "Căn cứ Điều lệ Đảng,",
            "Căn cứ Quy định số 399-QĐ/TW ngày 09/01/2026 của Ban Bí thư,",
        ),
    ] {
        let data = notice(dir.path(), "dang", date, ".");
        let text = std::fs::read_to_string(&data).unwrap().replace(
            "body:\n",
            "preamble:\n  - Căn cứ Điều lệ Đảng,\n  - Căn cứ Quy định số 399-QĐ/TW ngày 09/01/2026 của Ban Bí thư,\nbody:\n",
        );
        std::fs::write(&data, text).unwrap();
        let out = dir.path().join(format!("out-{date}"));
        build_ok(&data, &out, &[]);
        let text = squeeze(&pdftotext(&out.join("thong-bao.pdf")));
        let (a, b) = (squeeze(first), squeeze(last));
        let (at_a, at_b) = (text.find(&a), text.find(&b));
        assert!(
            at_a.is_some() && at_b.is_some() && at_a < at_b,
            "{date}: {first} then {last} in {text}"
        );
    }
}

#[test]
fn the_contact_block_stands_at_the_foot_of_the_last_page_party_and_of_page_1_state() {
    let dir = tempfile::tempdir().unwrap();
    let contact = "contact: \"Thôn Nà Tăm, xã Nà Tăm, tỉnh Vân Phong; điện thoại 0213 3875 123\"";
    // HD 05: 10 pt, at the foot of the last page, above the
    // not-for-the-media line.
    let (_, out, lines) = hd05_notice_with(dir.path(), &format!("{contact}, not_public: true"));
    let pdf = out.join("thong-bao.pdf");
    let ws = words(&pdf);
    let first_word = |text: &str| {
        let w = line_of(&lines, text);
        ws.iter()
            .find(|x| x.page == w.page && x.x == w.x && x.y == w.y)
            .unwrap()
            .clone()
    };
    let block = first_word("Thôn Nà Tăm, xã Nà Tăm, tỉnh Vân Phong; điện thoại 0213 3875 123");
    let foot = first_word("Không phổ biến trên phương tiện thông tin đại chúng");
    let signer = first_word("Lò Văn Minh");
    let last_page = ws.iter().map(|w| w.page).max().unwrap();
    // The notice's appendix comes after: the document ends on the page
    // before it.
    assert_eq!(block.page, signer.page);
    assert!(block.page < last_page);
    assert!(
        signer.y < block.y && block.y_max < foot.y,
        "{signer:?} {block:?} {foot:?}"
    );
    // Its foot on the text area's (20 mm from the bottom edge).
    assert!(
        (841.89 - block.y_max - 20.0 * 72.0 / 25.4).abs() < 1.5,
        "{block:?}"
    );
    let archive = first_word("- Lưu Văn phòng Đảng ủy.");
    let ratio = (block.y_max - block.y) / (archive.y_max - archive.y);
    assert!((ratio - 10.0 / 12.0).abs() < 0.02, "{ratio}");

    // NĐ 30: at the foot of page 1, the body flowing above it.
    let data = notice(dir.path(), "nha-nuoc", "2026-06-10", ".");
    let text = std::fs::read_to_string(&data).unwrap().replace(
        "subject: Kết luận của Ban Thường vụ Đảng ủy }",
        &format!("subject: Kết luận của Ban Thường vụ Đảng ủy, {contact} }}"),
    );
    std::fs::write(&data, text).unwrap();
    let out = dir.path().join("out-state");
    build_ok(&data, &out, &[]);
    let pdf = out.join("thong-bao.pdf");
    let lines = common::lines(&pdf);
    let block = line_of(
        &lines,
        "Thôn Nà Tăm, xã Nà Tăm, tỉnh Vân Phong; điện thoại 0213 3875 123",
    );
    assert_eq!(block.page, 1);
    assert!(block.y > 760.0, "{block:?}");
    for (w, l) in lines.iter().filter(|(w, _)| w.page == 1) {
        assert!(
            w.y <= block.y || l.starts_with("Thôn Nà Tăm"),
            "{l:?} below the block"
        );
    }
}

#[test]
fn the_party_example_of_2026_is_laid_out_by_hd05() {
    let data = root().join("data/ke-hoach-dang-uy-xa-2026.yaml");
    let dir = tempfile::tempdir().unwrap();
    build_ok(&data, dir.path(), &[]);
    let pdf = dir.path().join("ke-hoach.pdf");
    let text = squeeze(&pdftotext(&pdf));
    let order = [
        "Số 12-KH/ĐU",
        "Dự thảo lần 2",
        "KẾ HOẠCH",
        "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
        "- Căn cứ Kế hoạch số 05-KH/TU ngày 02/6/2026 của Ban Thường vụ Tỉnh ủy.",
        "T/M BAN THƯỜNG VỤ",
        "LoThiHoa-26, 20b",
        "Lò Văn Minh",
        "Văn phòng Đảng ủy xã Nà Tăm, tỉnh Vân Phong",
    ];
    in_order(&text, &order);
    assert!(!text.contains("./."), "{text}");
    // One page: the contact block at its foot.
    let lines = lines(&pdf);
    let contact = lines
        .iter()
        .find(|(_, l)| l.starts_with("Văn phòng Đảng ủy xã Nà Tăm"))
        .unwrap();
    assert_eq!(contact.0.page, 1);
    assert!(
        lines
            .iter()
            .all(|(w, _)| w.page == 1 && w.y <= contact.0.y + 20.0)
    );
    // Its letters end with `.` (HD 05), a member's a Giấy triệu tập.
    let print = pdftotext(&dir.path().join("giay-moi/chi-bo-thon-ban-ta-ban-in.pdf"));
    says(
        &print,
        &[
            "GIẤY TRIỆU TẬP",
            "Đề nghị đồng chí có mặt đúng thời gian.",
            "Rất mong đồng chí đến dự đúng thời gian.",
        ],
    );
    assert!(!print.contains("./."), "{print}");
}

/// HD 05 IV.5: page numbers 14 pt, the top of their line 10 mm from the
/// top edge, centred over the text width, none on page 1, an appendix's
/// pages counted afresh; 36-HD's stay in the top margin where they were.
#[test]
fn hd05_page_numbers_stand_10_mm_from_the_top_edge() {
    let dir = tempfile::tempdir().unwrap();
    let numbers = |preset: &str, date: &str| {
        let data = notice(dir.path(), preset, date, ".");
        let long = "Các chi bộ trực thuộc tập trung lãnh đạo hoàn thành các chỉ tiêu đã đề ra, chú trọng công tác phát triển đảng viên mới, nâng cao chất lượng sinh hoạt chi bộ và thực hiện tốt quy chế dân chủ ở cơ sở.";
        let many = |n: usize| vec![format!("  - {long}"); n].join("\n");
        let text = std::fs::read_to_string(&data)
            .unwrap()
            .replacen("body:\n", &format!("body:\n{}\n", many(14)), 1)
            .replace(
                "body: [ Chi bộ bản Nà Phát. ] }",
                &format!("body: [ {} ] }}", vec![long; 24].join(", ")),
            );
        std::fs::write(&data, text).unwrap();
        let out = dir.path().join(format!("{preset}-{date}"));
        build_ok(&data, &out, &[]);
        words(&out.join("thong-bao.pdf"))
    };
    // The words above the first line of the page's text: its number.
    let heads_of = |words: &[Word]| {
        let pages = words.iter().map(|w| w.page).max().unwrap();
        (1..=pages)
            .map(|p| {
                let on: Vec<&Word> = words.iter().filter(|w| w.page == p).collect();
                let first = on.iter().map(|w| w.y).fold(f64::MAX, f64::min);
                on.into_iter()
                    .filter(|w| w.y < 50.0 && (w.y - first).abs() < 0.01)
                    .filter(|w| w.text.chars().all(|c| c.is_ascii_digit()))
                    .cloned()
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
    };
    let body_height = |words: &[Word]| {
        let w = words.iter().find(|w| w.text == "Các").unwrap();
        w.y_max - w.y
    };
    let mm = 72.0 / 25.4;
    // The middle of the text width: margins 30 and 15 mm of 210.
    let middle = (30.0 + (210.0 - 15.0)) / 2.0 * mm;

    let words = numbers("dang", "2026-06-10");
    let heads = heads_of(&words);
    assert!(heads.len() >= 5, "two pages of text, two of the appendix");
    assert!(heads[0].is_empty(), "no number on page 1: {:?}", heads[0]);
    let printed: Vec<String> = heads
        .iter()
        .map(|h| h.iter().map(|w| w.text.clone()).collect())
        .collect();
    // The appendix starts on a page of its own, numbered afresh.
    let appendix = words
        .iter()
        .find(|w| w.text == "Phụ" && w.y < 100.0)
        .unwrap()
        .page;
    for (i, head) in heads.iter().enumerate().skip(1) {
        let page = i + 1;
        let expected = if page < appendix {
            page
        } else {
            page - appendix + 1
        };
        if expected == 1 {
            assert!(head.is_empty(), "page {page}: {printed:?}");
            continue;
        }
        assert_eq!(printed[i], expected.to_string(), "page {page}: {printed:?}");
        let n = &head[0];
        assert!(
            (n.y - 10.0 * mm).abs() < 0.1,
            "page {page}: top at {} pt",
            n.y
        );
        assert!(
            ((n.x + n.x_max) / 2.0 - middle).abs() < 0.5,
            "page {page}: {n:?}"
        );
        let ratio = (n.y_max - n.y) / body_height(&words);
        assert!((ratio - 1.0).abs() < 0.02, "14 pt as the body: {ratio}");
    }
    assert!(printed[appendix..].iter().any(|p| p == "2"), "{printed:?}");

    // 36-HD: in the top margin, 10.58 mm from the edge as before.
    let words = numbers("dang", "2026-05-26");
    let heads = heads_of(&words);
    assert!(heads[0].is_empty());
    let n = &heads[1][0];
    assert_eq!(n.text, "2");
    assert!((n.y - 29.98).abs() < 0.1, "36-HD: top at {} pt", n.y);
}

/// The symbol's codes are the preset's (HD05 3.1.2): a type named by its
/// code or by its name (QĐ for quyết định and quy định), a body code not
/// on the list named with the nearest one, the district tier's codes
/// retired; under 36-HD the district's `HU` is a code like any other.
#[test]
fn the_symbol_s_codes_are_the_preset_s_and_check_names_the_nearest() {
    let dir = tempfile::tempdir().unwrap();
    let with = |preset: &str, date: &str, from: &str, to: &str| {
        let data = notice(dir.path(), preset, date, ".");
        let text = std::fs::read_to_string(&data).unwrap();
        assert!(text.contains(from), "{from}");
        std::fs::write(&data, text.replacen(from, to, 1)).unwrap();
        data
    };
    // `type: QUY ĐỊNH`: the title QUY ĐỊNH over the symbol QĐ.
    let data = with("dang", "2026-06-10", "type: TB", "type: Quy định");
    let out = dir.path().join("quy-dinh");
    build_ok(&data, &out, &[]);
    let text = squeeze(&pdftotext(&out.join("quy-dinh.pdf")));
    in_order(
        &text,
        &["Số03-QĐ/ĐU", "QUYĐỊNH", "KếtluậncủaBanThườngvụĐảngủy"],
    );
    assert!(!text.contains("QUYẾTĐỊNH"), "{text}");

    // A type code not in the preset: an error naming the nearest.
    let data = with("dang", "2026-06-10", "type: TB", "type: QĐi");
    let (code, err) = checked(&data);
    assert_eq!(code, 1, "{err}");
    says(
        &err,
        &[
            "error: unknown document type code `QĐi`",
            "tb.yaml:3:",
            "= hint: did you mean `QĐ` (QUYẾT ĐỊNH, QUY ĐỊNH)? the preset knows: BB, BC,",
        ],
    );

    // Body codes: a slip, a district's code in 2026, two joined.
    for (typed, says_what) in [
        (
            "DU",
            vec![
                "warning: `DU` is not a body code of Văn bản của Đảng (Hướng dẫn 05-HD/VPTW)",
                "tb.yaml:2:",
                "= hint: did you mean `ĐU` (đảng ủy (every other đảng ủy, of a xã, phường, đặc khu, cơ quan …))? the preset knows: BCĐ, BTGDV,",
            ],
        ),
        (
            "BTGTU",
            vec![
                "warning: `BTGTU` is not a body code of Văn bản của Đảng (Hướng dẫn 05-HD/VPTW)",
                "= hint: did you mean `BTGDVTU` (ban tuyên giáo và dân vận + tỉnh ủy, thành ủy trực thuộc Trung ương)?",
            ],
        ),
        (
            "HU",
            vec![
                "warning: `HU` is no longer a body code under Văn bản của Đảng (Hướng dẫn 05-HD/VPTW)",
                "= hint: there is no district tier since 01/7/2025: a đảng ủy xã, phường or đặc khu writes `ĐU`",
            ],
        ),
    ] {
        let data = with("dang", "2026-06-10", "code: ĐU", &format!("code: {typed}"));
        let (code, err) = checked(&data);
        assert_eq!(code, 0, "{err}");
        says(&err, &says_what);
    }
    // In Vietnamese, the preset's own words are said in Vietnamese too.
    let data = with("dang", "2026-06-10", "code: ĐU", "code: HU");
    let o = common::vanban_env(&["check", data.to_str().unwrap()], &[("VANBAN_LANG", "vi")]);
    says(
        &common::stderr(&o),
        &[
            "cảnh báo: `HU` không còn là ký hiệu cơ quan ban hành theo Văn bản của Đảng (Hướng dẫn 05-HD/VPTW)",
            "= gợi ý: từ 01/7/2025 không còn cấp huyện: đảng ủy xã, phường, đặc khu ghi `ĐU`",
        ],
    );
    let data = with("dang", "2026-06-10", "code: ĐU", "code: DU");
    let o = common::vanban_env(&["check", data.to_str().unwrap()], &[("VANBAN_LANG", "vi")]);
    says(
        &common::stderr(&o),
        &[
            "= gợi ý: có phải ý bạn là `ĐU` (đảng ủy (mọi đảng ủy khác, của xã, phường, đặc khu, cơ quan …))?",
        ],
    );
    for (preset, date, typed) in [
        ("dang", "2026-06-10", "UBKTĐU"),
        ("dang", "2026-06-10", "BTGDVTU"),
        ("dang", "2024-10-15", "HU"),
        ("nha-nuoc", "2026-06-10", "UBND"),
    ] {
        let data = with(preset, date, "code: ĐU", &format!("code: {typed}"));
        let (code, err) = checked(&data);
        assert_eq!(code, 0, "{err}");
        assert!(!err.contains("body code"), "{preset} {typed}: {err}");
    }
}

/// HD 05 has no T/UQ: a document of its time signed `tuq` is an error
/// that says how it is signed instead; 36-HD prints T/UQ as before.
#[test]
fn hd05_signs_without_t_uq() {
    let dir = tempfile::tempdir().unwrap();
    let signed = |preset: &str, date: &str| {
        let data = notice(dir.path(), preset, date, ".");
        let text = std::fs::read_to_string(&data).unwrap().replace(
            "signature: { mode: tm, body: BAN THƯỜNG VỤ, title: BÍ THƯ,",
            "signature: { mode: tuq, body: BAN THƯỜNG VỤ, title: CHÁNH VĂN PHÒNG,",
        );
        std::fs::write(&data, text).unwrap();
        data
    };
    let o = common::vanban_env(
        &["check", signed("dang", "2026-06-10").to_str().unwrap()],
        &[("VANBAN_LANG", "vi")],
    );
    says(
        &common::stderr(&o),
        &[
            "= gợi ý: Hướng dẫn 05-HD/VPTW không có ký thừa ủy quyền T/UQ: người ký thay người đứng đầu ký `mode: tl` (T/L);",
        ],
    );
    let (code, err) = checked(&signed("dang", "2026-06-10"));
    assert_eq!(code, 1, "{err}");
    says(
        &err,
        &[
            "error: Văn bản của Đảng (Hướng dẫn 05-HD/VPTW) does not sign with `mode: tuq`",
            "tb.yaml:7:",
            "= hint: Hướng dẫn 05-HD/VPTW has no T/UQ: a signer for the head signs `mode: tl` (T/L); it signs with `kt` (K/T), `q` (Q.), `tl` (T/L), `tm` (T/M)",
        ],
    );
    let data = signed("dang", "2024-10-15");
    let out = dir.path().join("hd36");
    build_ok(&data, &out, &[]);
    says(
        &pdftotext(&out.join("thong-bao.pdf")),
        &["T/UQ BAN THƯỜNG VỤ"],
    );
}

/// Each text run of page `page` with its size in points, whether it is
/// bold and its left edge (pdftohtml -xml at zoom 1).
fn styled(pdf: &Path, page: usize) -> Vec<(String, u32, bool, f64)> {
    let out = std::process::Command::new("pdftohtml")
        .args([
            "-xml",
            "-i",
            "-zoom",
            "1",
            "-stdout",
            "-f",
            &page.to_string(),
            "-l",
        ])
        .arg(page.to_string())
        .arg(pdf)
        .output()
        .expect("pdftohtml (poppler-utils) runs");
    let xml = String::from_utf8(out.stdout).unwrap();
    let attr = |line: &str, name: &str| -> String {
        let at = line.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        line[at..].split('"').next().unwrap().to_string()
    };
    let mut sizes = std::collections::HashMap::new();
    let mut runs = Vec::new();
    for line in xml.lines().map(str::trim) {
        if line.starts_with("<fontspec") {
            sizes.insert(attr(line, "id"), attr(line, "size").parse::<u32>().unwrap());
        } else if line.starts_with("<text") {
            let inner = &line[line.find('>').unwrap() + 1..line.rfind("</text>").unwrap()];
            let bold = inner.starts_with("<b>");
            let text = inner.replace("<b>", "").replace("</b>", "");
            let size = sizes[&attr(line, "font")];
            runs.push((text, size, bold, attr(line, "left").parse().unwrap()));
        }
    }
    runs
}

/// HD 05's signature and Nơi nhận (table rows 7 and 9): the authority CAPS
/// 14 bold, the title 14 not bold, the name 14 bold, in the right column;
/// `Nơi nhận:` 14 upright at the left margin, its list 12 upright, the
/// archive line ending with `.`.
#[test]
fn hd05_signature_and_noi_nhan_are_styled_as_its_table_says() {
    let dir = tempfile::tempdir().unwrap();
    let data = notice(dir.path(), "dang", "2026-06-10", ".");
    let out = dir.path().join("out");
    build_ok(&data, &out, &[]);
    let runs = styled(&out.join("thong-bao.pdf"), 1);
    let run = |text: &str| {
        runs.iter()
            .find(|r| r.0 == text)
            .unwrap_or_else(|| panic!("{text:?} in {runs:?}"))
            .clone()
    };
    let margin = 30.0 * 72.0 / 25.4;
    let middle = margin + (210.0 - 30.0 - 15.0) / 2.0 * 72.0 / 25.4;
    for (text, size, bold, right) in [
        ("T/M BAN THƯỜNG VỤ", 14, true, true),
        ("BÍ THƯ", 14, false, true),
        ("Lò Văn Minh", 14, true, true),
        ("Nơi nhận:", 14, false, false),
        ("- Các chi bộ trực thuộc;", 12, false, false),
        ("- Lưu Văn phòng Đảng ủy.", 12, false, false),
    ] {
        let (_, s, b, left) = run(text);
        assert_eq!((s, b), (size, bold), "{text}: {s} pt, bold {b}");
        if right {
            assert!(left > middle, "{text} in the right column: {left}");
        } else {
            assert!(
                (left - margin).abs() < 1.0,
                "{text} at the left margin: {left}"
            );
        }
    }
}
