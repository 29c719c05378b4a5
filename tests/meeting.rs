//! The meeting invitation (Giấy mời họp) as a document kind of its own:
//! its parts in order, numbered and worded by the preset, the weekday and
//! part of the day computed, invitees from the YAML or a list file.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// A small Party meeting invitation with `meeting` (YAML lines under
/// `meeting:`) and `extra` YAML at the end.
fn invitation(dir: &Path, meeting: &str, extra: &str) -> PathBuf {
    let text = format!(
        "preset: dang
issuer: {{ superior: ĐẢNG BỘ TỈNH VÂN PHONG, name: HUYỆN ỦY SƠN KHÊ, code: HU }}
document: {{ type: GM, number: 9, place: Sơn Khê, date: 2026-03-02 }}
meeting:
{meeting}
signature: {{ mode: tm, body: BAN THƯỜNG VỤ, title: PHÓ BÍ THƯ, name: Hà Văn Thử }}
recipients: {{ to: [ Như thành phần mời ], archive: Văn phòng Huyện ủy }}
{extra}"
    );
    let path = dir.join("gm.yaml");
    std::fs::write(&path, text).unwrap();
    path
}

const MEETING: &str =
    "  opening: \"Ban Thường vụ Huyện ủy tổ chức hội nghị sơ kết quý I, như sau:\"
  chair: Đồng chí Hà Văn Thử, Phó Bí thư Thường trực Huyện ủy
  invitees: INVITEES
  agenda: Sơ kết công tác quý I, triển khai nhiệm vụ quý II
  date: 2026-03-07
  start: \"07:30\"
  venue: Hội trường Huyện ủy";

#[test]
fn the_state_example_prints_every_part_in_order() {
    let data = root().join("data/giay-moi-hop-ubnd.yaml");
    let (code, err) = checked(&data);
    assert_eq!(code, 0, "{err}");
    let dir = tempfile::tempdir().unwrap();
    build_ok(&data, dir.path(), &[]);
    let pdf = dir.path().join("giay-moi-hop.pdf");
    let text = squeeze(&pdftotext(&pdf));
    let order = [
        "GIẤY MỜI",
        "Họp nghe báo cáo tiến độ chuyển đổi số trong công tác văn thư, lưu trữ",
        "Ủy ban nhân dân tỉnh tổ chức họp",
        "1. Chủ trì: Đồng chí Hoàng Thị Mai Lan, Phó Chủ tịch Ủy ban nhân dân tỉnh.",
        "2. Thành phần mời:",
        "- Lãnh đạo Văn phòng Ủy ban nhân dân tỉnh;",
        "- Đồng chí Lò Văn Thắng, Giám đốc Trung tâm Lưu trữ lịch sử tỉnh;",
        "- Phóng viên Báo và Phát thanh, Truyền hình tỉnh.",
        "3. Nội dung: Nghe Sở Nội vụ báo cáo",
        "4. Thời gian: 01 buổi, từ 14 giờ 00 ngày 22/01/2026 (chiều thứ Năm).",
        "5. Địa điểm: Phòng họp số 2, trụ sở Ủy ban nhân dân tỉnh.",
        "6. Phân công chuẩn bị:",
        "- Sở Nội vụ chuẩn bị báo cáo, gửi Văn phòng UBND tỉnh trước ngày 21/01/2026;",
        "cầu cấp xã.",
        "Rất mong các đồng chí tham dự đúng thời gian, địa điểm./.",
    ];
    in_order(&text, &order);
    // Ten invitees, one line each.
    let plain = pdftotext(&pdf);
    let invitees = plain.lines().filter(|l| l.starts_with("- ")).count();
    assert!(invitees >= 10 + 2, "{plain}");
    // The footnote at the foot of the page it is on.
    let words = words(&pdf);
    let note = words
        .iter()
        .find(|w| w.text == "118/QĐ-UBND")
        .expect("footnote");
    assert!(note.y > 680.0, "{note:?}");
    // Signed TL. + KT., in order, in the right column.
    let right: Vec<&Word> = words
        .iter()
        .filter(|w| w.x > 300.0 && w.page == note.page + 1)
        .collect();
    let first = |t: &str| {
        right
            .iter()
            .find(|w| w.text == t)
            .map(|w| w.y)
            .unwrap_or_else(|| panic!("{t}"))
    };
    let (tl, kt, pho, name) = (first("TL."), first("KT."), first("PHÓ"), first("Quyết"));
    assert!(tl < kt && kt < pho && pho < name, "{tl} {kt} {pho} {name}");
}

#[test]
fn invitees_from_a_list_file_and_the_part_of_the_day() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("thanh-phan.csv"),
        "Họ và tên,Chức vụ\nLò Văn Bình,Bí thư Đảng ủy xã Nà Tăm\nTao Thị Hoa,\n\"#set text(red) $x$\",<nhãn> @ref\n",
    )
    .unwrap();
    let data = invitation(
        dir.path(),
        &MEETING
            .replace("INVITEES", "{ file: thanh-phan.csv }")
            .replace("\"07:30\"", "\"19:00\""),
        "",
    );
    let (code, err) = checked(&data);
    assert_eq!(code, 0, "{err}");
    let out = dir.path().join("out");
    build_ok(&data, &out, &[]);
    let text = squeeze(&pdftotext(&out.join("giay-moi.pdf")));
    for line in [
        "- Đồng chí Lò Văn Bình, Bí thư Đảng ủy xã Nà Tăm;",
        "- Đồng chí Tao Thị Hoa;",
        // Printed as typed, never run.
        "- Đồng chí #set text(red) $x$, <nhãn> @ref.",
        "4. Thời gian: từ 19 giờ 00 ngày 07/3/2026 (tối thứ Bảy).",
        "Rất mong các đồng chí tham dự đúng thời gian, địa điểm./.",
    ] {
        assert!(text.contains(&squeeze(line)), "{line}\n---\n{text}");
    }
    // A list of bodies: the first column as written.
    std::fs::write(
        dir.path().join("thanh-phan.csv"),
        "Thành phần\nThường trực Huyện ủy\nCác chi bộ trực thuộc\n",
    )
    .unwrap();
    build_ok(&data, &out, &[]);
    let text = squeeze(&pdftotext(&out.join("giay-moi.pdf")));
    assert!(
        text.contains(&squeeze("- Thường trực Huyện ủy;- Các chi bộ trực thuộc.")),
        "{text}"
    );
}

#[test]
fn what_check_says_of_a_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let data = invitation(
        dir.path(),
        &MEETING
            .replace("INVITEES", "[]")
            .replace("\"07:30\"", "\"7 giờ sáng\"")
            .replace("date: 2026-03-07", "date: 2026-03-01"),
        "body: [ Một đoạn. ]",
    );
    let (code, err) = checked(&data);
    assert_eq!(code, 1, "{err}");
    says(
        &err,
        &[
            "error: the meeting invites no one",
            "gm.yaml:7:13",
            "= hint: list who is invited, e.g. `invitees: [Lãnh đạo Sở Tư pháp, { person: Lò Văn Minh, position: Chủ tịch UBND xã }]`",
            "error: `7 giờ sáng` is not a time of day",
            "error: a meeting invitation has `meeting:` for its body, and this file has `body:` too",
            "error: the meeting is on 01/03/2026, before the invitation is issued (02/03/2026)",
            "= hint: check the meeting's `date` and the document's `date`",
            "= hint: keep `meeting:` for an invitation, or `body:` for a plan, a notice or a report",
        ],
    );
}

/// The number of pages of `pdf`, as pdfinfo reads it.
fn page_count(pdf: &Path) -> usize {
    poppler("pdfinfo", pdf)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo prints the pages")
}

#[test]
fn every_invitee_gets_a_copy_addressed_to_them_and_the_print_file_has_them_all() {
    let data = root().join("data/giay-moi-hop-ubnd.yaml");
    let dir = tempfile::tempdir().unwrap();
    let o = build_ok(&data, dir.path(), &[]);
    says(&stderr(&o), &["10 addressed copies and their print file"]);
    let m = manifest(dir.path());
    let copies: Vec<_> = m
        .outputs
        .iter()
        .filter(|e| e.kind == "meeting-copy")
        .collect();
    let names: Vec<(&str, &str)> = copies
        .iter()
        .map(|e| (e.path.as_str(), e.delegate.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(names.len(), 10, "{names:?}");
    assert_eq!(
        names[0],
        (
            "giay-moi/giay-moi-hop/001-lanh-dao-van-phong-uy-ban-nhan-dan-tinh.pdf",
            "Lãnh đạo Văn phòng Ủy ban nhân dân tỉnh"
        )
    );
    // A person's copy is named after the person.
    assert_eq!(
        names[5],
        ("giay-moi/giay-moi-hop/006-lo-van-thang.pdf", "Lò Văn Thắng")
    );

    // Each copy is the invitation itself, word for word, with its
    // addressee under the title; footnotes and page numbers counted afresh.
    let original = pdftotext(&dir.path().join("giay-moi-hop.pdf"));
    let expected_to = [
        "Lãnh đạo Văn phòng Ủy ban nhân dân tỉnh",
        "Lãnh đạo Sở Nội vụ",
        "Lãnh đạo Sở Khoa học và Công nghệ",
        "Lãnh đạo Sở Tài chính",
        "Lãnh đạo Sở Tư pháp",
        "Đồng chí Lò Văn Thắng, Giám đốc Trung tâm Lưu trữ lịch sử tỉnh",
        "Đồng chí Tòng Thị Hiền, Trưởng phòng Hành chính - Tổ chức, Văn phòng UBND tỉnh",
        "Chủ tịch Ủy ban nhân dân các xã, phường (dự trực tuyến tại điểm cầu cấp xã)",
        "Đại diện Viễn thông Vân Phong",
        "Phóng viên Báo và Phát thanh, Truyền hình tỉnh",
    ];
    let mut joined = String::new();
    let mut pages = 0;
    for (entry, to) in copies.iter().zip(expected_to) {
        let pdf = dir.path().join(&entry.path);
        let subject = "Họp nghe báo cáo tiến độ chuyển đổi số trong công tác văn thư, lưu trữ";
        assert_eq!(
            squeeze(&pdftotext(&pdf)),
            squeeze(&original).replacen(
                &squeeze(subject),
                &squeeze(&format!("{subject} Kính gửi: {to}")),
                1
            ),
            "{}",
            entry.path
        );
        let lines = lines(&pdf);
        let at = |text: &str| {
            lines
                .iter()
                .position(|(_, l)| l.starts_with(text))
                .unwrap_or_else(|| panic!("{text:?} in {}", entry.path))
        };
        let address = at("Kính gửi:");
        // A long name wraps, centred like the line it wraps from.
        assert!(
            format!("Kính gửi: {to}").starts_with(&lines[address].1),
            "{}",
            lines[address].1
        );
        assert!(at("Họp nghe báo cáo") < address && address < at("Ủy ban nhân dân tỉnh tổ chức"));
        // Centred on the text column (30 mm to 15 mm margins: 85 to 552 pt).
        let ws: Vec<Word> = words(&pdf)
            .into_iter()
            .filter(|w| w.page == 1 && (w.y - lines[address].0.y).abs() < 2.0)
            .collect();
        let middle = (ws[0].x + ws.last().unwrap().x_max) / 2.0;
        assert!((middle - 318.9).abs() < 3.0, "{middle} {}", entry.path);
        // `2` atop page 2, no number on page 1.
        let top: Vec<(usize, &str)> = words(&pdf)
            .iter()
            .filter(|w| w.y < 60.0)
            .map(|w| (w.page, w.text.as_str()))
            .map(|(p, t)| (p, if t == "2" { "2" } else { "other" }))
            .collect();
        assert!(
            top.contains(&(2, "2")) && !top.iter().any(|&(p, t)| p == 1 && t == "2"),
            "{top:?}"
        );
        joined.push_str(&pdftotext(&pdf));
        pages += page_count(&pdf);
    }
    let print = m
        .outputs
        .iter()
        .find(|e| e.kind == "meeting-copies-print")
        .expect("a print file of the copies");
    assert_eq!(print.path, "giay-moi/giay-moi-hop-ban-in.pdf");
    let print = dir.path().join(&print.path);
    assert_eq!(pdftotext(&print), joined);
    assert_eq!(page_count(&print), pages);
    assert_eq!(pages, 20);

    // The dispatch sheet has a row for each invitee where Nơi nhận says
    // `Như thành phần mời`.
    let sheet = squeeze(&pdftotext(&dir.path().join("giay-moi-hop-noi-nhan.pdf")));
    assert!(!sheet.contains(&squeeze("Như thành phần mời")), "{sheet}");
    for (i, to) in expected_to.iter().enumerate() {
        let row = squeeze(&format!("{} {to}", i + 1));
        // A long name wraps inside its cell: its first words start the row.
        let start: String = row.chars().take(14).collect();
        assert!(sheet.contains(&start), "{to}\n{sheet}");
    }
    assert!(
        sheet.contains(&squeeze("11 Chủ tịch UBND tỉnh Giấy mời")),
        "{sheet}"
    );
    assert!(sheet.contains(&squeeze("Tổng số: 12 bản.")), "{sheet}");
}

#[test]
fn a_copy_is_the_same_whatever_batch_it_was_compiled_in() {
    use vanban::build::Engine;
    use vanban::templates::Templates;
    let engine = Engine::new(Templates::new(None), &[]).unwrap();
    let data = root().join("data/giay-moi-hop-ubnd.yaml");
    // Plain and PDF/A-2b (`--pdfa`).
    for pdfa in [false, true] {
        let mut project = engine.load(&data).unwrap();
        project.data.pdfa = pdfa;
        let preset = engine.preset(&project).unwrap();
        let alone = engine.copy_pdfs(&project, &preset, 1, 10).unwrap();
        assert_eq!(alone.len(), 10);
        let claims = |pdf: &[u8]| pdf.windows(12).any(|w| w == b"pdfaid:part>");
        assert!(
            alone.iter().all(|(_, pdf)| claims(pdf) == pdfa),
            "PDF/A {pdfa}"
        );
        for chunk in [3, 10] {
            let batched = engine.copy_pdfs(&project, &preset, chunk, 10).unwrap();
            assert!(
                batched == alone,
                "copies compiled {chunk} to a batch differ (PDF/A {pdfa})"
            );
        }
        // And the build writes those very bytes.
        let dir = tempfile::tempdir().unwrap();
        build_ok(&data, dir.path(), if pdfa { &["--pdfa"] } else { &[] });
        let m = manifest(dir.path());
        let built: Vec<Vec<u8>> = m
            .outputs
            .iter()
            .filter(|e| e.kind == "meeting-copy")
            .map(|e| std::fs::read(dir.path().join(&e.path)).unwrap())
            .collect();
        let alone: Vec<Vec<u8>> = alone.into_iter().map(|(_, pdf)| pdf).collect();
        assert!(
            built == alone,
            "the build's copies differ from copies made alone (PDF/A {pdfa})"
        );
    }
}

#[test]
fn copies_are_rebuilt_when_the_invitation_changes_and_kept_when_only_the_sheet_does() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::fs::read_to_string(root().join("data/giay-moi-hop-ubnd.yaml")).unwrap();
    let data = dir.path().join("gm.yaml");
    std::fs::write(&data, &src).unwrap();
    let out = dir.path().join("out");
    build_ok(&data, &out, &[]);
    let stamp = |m: &vanban::output::Manifest| -> Vec<(String, String)> {
        m.outputs
            .iter()
            .map(|e| (e.path.clone(), e.sha256.clone()))
            .collect()
    };
    let first = stamp(&manifest(&out));
    let changed = |o: &std::process::Output| {
        let s = stderr(o);
        s.lines()
            .find(|l| l.contains(" changed, "))
            .map(str::to_string)
            .unwrap_or(s)
    };
    // Nothing changed: nothing made.
    let o = build_ok(&data, &out, &[]);
    assert!(
        changed(&o).contains("0 changed, 0 added, 0 removed"),
        "{}",
        changed(&o)
    );
    // Two copies to the Chairman: only the sheet shows it.
    std::fs::write(
        &data,
        src.replace(
            "{ org: Chủ tịch UBND tỉnh, purpose: b/c }",
            "{ org: Chủ tịch UBND tỉnh, purpose: b/c, copies: 2 }",
        ),
    )
    .unwrap();
    let o = build_ok(&data, &out, &[]);
    assert!(
        changed(&o).contains("1 changed, 0 added, 0 removed"),
        "{}",
        changed(&o)
    );
    let second = stamp(&manifest(&out));
    let differ: Vec<&str> = first
        .iter()
        .zip(&second)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.0.as_str())
        .collect();
    assert_eq!(differ, ["giay-moi-hop-noi-nhan.pdf"]);
    // A new invitee: every copy lists the invitees, so every copy is made
    // again, and the new one is added.
    std::fs::write(
        &data,
        src.replace(
            "    - Đại diện Viễn thông Vân Phong\n",
            "    - Đại diện Viễn thông Vân Phong\n    - Đại diện Bưu điện tỉnh\n",
        ),
    )
    .unwrap();
    let o = build_ok(&data, &out, &[]);
    let m = manifest(&out);
    let copies: Vec<&str> = m
        .outputs
        .iter()
        .filter(|e| e.kind == "meeting-copy")
        .map(|e| e.path.as_str())
        .collect();
    assert_eq!(copies.len(), 11);
    assert_eq!(
        copies[9],
        "giay-moi/giay-moi-hop/010-dai-dien-buu-dien-tinh.pdf"
    );
    assert!(
        squeeze(&pdftotext(&out.join(copies[9])))
            .contains(&squeeze("Kính gửi: Đại diện Bưu điện tỉnh")),
    );
    // Copies 1 to 9, the print file, the invitation and its sheet are made
    // again in place; the 10th and 11th are new names, and the 10th's old
    // name is gone.
    assert!(
        changed(&o).contains("12 changed, 2 added, 1 removed"),
        "{}",
        changed(&o)
    );
    assert!(
        !out.join("giay-moi/giay-moi-hop/010-phong-vien-bao-va-phat-thanh-truyen-hinh-tinh.pdf")
            .exists()
    );
    assert_eq!(
        copies[10],
        "giay-moi/giay-moi-hop/011-phong-vien-bao-va-phat-thanh-truyen-hinh-tinh.pdf"
    );
}

#[test]
fn copies_of_a_party_invitation_from_a_list_file_and_their_preview() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("thanh-phan.csv"),
        "Họ và tên,Chức vụ\nLò Văn Bình,Bí thư Đảng ủy xã Nà Tăm\nTao Thị Hoa,\n",
    )
    .unwrap();
    let data = invitation(
        dir.path(),
        &format!(
            "{}\n  copies: true",
            MEETING.replace("INVITEES", "{ file: thanh-phan.csv }")
        ),
        "",
    );
    let out = dir.path().join("out");
    build_ok(&data, &out, &[]);
    let first = out.join("giay-moi/giay-moi/001-lo-van-binh.pdf");
    let text = squeeze(&pdftotext(&first));
    assert!(
        text.contains(&squeeze(
            "Kính gửi: Đồng chí Lò Văn Bình, Bí thư Đảng ủy xã Nà Tăm"
        )),
        "{text}"
    );
    let second = squeeze(&pdftotext(
        &out.join("giay-moi/giay-moi/002-tao-thi-hoa.pdf"),
    ));
    assert!(
        second.contains(&squeeze("Kính gửi: Đồng chí Tao Thị Hoa")),
        "{second}"
    );
    // The Party preset's `Kính gửi:` is italic (HD 05 9.2.3), the name upright.
    let fonts = poppler("pdffonts", &first);
    assert!(fonts.contains("Italic"), "{fonts}");

    // `preview --doc invitation` shows a copy when there are no letters.
    let shots = dir.path().join("shots");
    let o = vanban(&[
        "preview",
        data.to_str().unwrap(),
        "--doc",
        "invitation",
        "--delegate",
        "2",
        "--ppi",
        "30",
        "--out",
        shots.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(shots.join("preview-invitation-1.png").exists());
    let o = vanban(&[
        "preview",
        data.to_str().unwrap(),
        "--doc",
        "invitation",
        "--delegate",
        "3",
        "--out",
        shots.to_str().unwrap(),
    ]);
    says(
        &stderr(&o),
        &[
            "error: the invitation has 2 addressed copies; there is no copy 3",
            "hint: give --delegate 1 to 2 (the invitee's place in `meeting.invitees`)",
        ],
    );
}

#[test]
fn an_invitation_keeps_its_appendix_and_so_does_each_copy() {
    let dir = tempfile::tempdir().unwrap();
    let data = invitation(
        dir.path(),
        &format!(
            "{}\n  copies: true",
            MEETING.replace(
                "INVITEES",
                "[ Thường trực Huyện ủy, Các chi bộ trực thuộc ]"
            )
        ),
        "appendices:\n  - title: Chương trình hội nghị\n    body: [ \"Buổi sáng: khai mạc, báo cáo sơ kết.\" ]",
    );
    let (code, err) = checked(&data);
    assert_eq!(code, 0, "{err}");
    let out = dir.path().join("out");
    build_ok(&data, &out, &[]);
    for pdf in [
        "giay-moi.pdf",
        "giay-moi/giay-moi/001-thuong-truc-huyen-uy.pdf",
        "giay-moi/giay-moi/002-cac-chi-bo-truc-thuoc.pdf",
    ] {
        let text = squeeze(&pdftotext(&out.join(pdf)));
        let signed = text.find(&squeeze("Hà Văn Thử")).expect("signed");
        let appendix = text
            .rfind(&squeeze("Chương trình hội nghị"))
            .unwrap_or_else(|| panic!("the appendix of {pdf}:\n{text}"));
        assert!(signed < appendix, "{pdf}: the appendix after the signature");
        assert!(
            text.contains(&squeeze("Buổi sáng: khai mạc, báo cáo sơ kết.")),
            "{pdf}"
        );
    }
}

#[test]
fn copies_and_an_event_cannot_share_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let example = std::fs::read_to_string(root().join("data/ke-hoach-dai-hoi-diem.yaml")).unwrap();
    let text = example.replacen(
        "  type: KH\n",
        "  type: KH\n  file: chi-bo-02-ban-na-phat\n",
        1,
    ) + "meeting:\n  opening: Họp.\n  chair: Đồng chí A\n  invitees: [ Chi bộ 02 ]\n  agenda: Bàn việc\n  date: 2024-10-20\n  start: \"08:00\"\n  venue: Hội trường\n  copies: true\n";
    let data = example_variant(dir.path(), &text);
    let (code, err) = checked(&data);
    assert_eq!(code, 1, "{err}");
    says(
        &err,
        &[
            "error: `Chi bộ 02 (bản Nà Phát)` would write its letters to `giay-moi/chi-bo-02-ban-na-phat/`, where the addressed copies of the invitation go",
            "the invitation's name",
            "file: chi-bo-02-ban-na-phat",
            "= hint: give the event its own name for its files: `file: chi-bo-02-ban-na-phat-2` under it",
        ],
    );
}
