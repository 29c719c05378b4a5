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
    let mut at = 0;
    for part in order {
        let found = text[at..]
            .find(&squeeze(part))
            .unwrap_or_else(|| panic!("{part:?} after byte {at} of\n{text}"));
        at += found + squeeze(part).len();
    }
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
