//! Signature blocks as offices sign them: one or two authority lines,
//! an acting head, two signers side by side; what `vanban check` says of
//! each form, and where the PDF puts every line.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// A one-page state notice (preset `nha-nuoc`) signed by `signature`
/// (YAML lines under `signature:`), with `extra` YAML at the end.
fn notice(dir: &Path, preset: &str, signature: &str, extra: &str) -> PathBuf {
    let text = format!(
        "preset: {preset}
issuer: {{ superior: TỈNH LAI CHÂU, name: ỦY BAN NHÂN DÂN HUYỆN TAM ĐƯỜNG, code: UBND }}
document: {{ type: TB, number: 4, place: Tam Đường, date: 2026-01-05, subject: Về lịch tiếp công dân }}
body:
  - Ủy ban nhân dân huyện thông báo lịch tiếp công dân tháng 01 năm 2026.
signature:
{signature}
recipients:
  to: [ {{ org: Thường trực Huyện ủy, purpose: b/c }}, \"Các xã, thị trấn\" ]
  archive: VT, VP
{extra}"
    );
    let path = dir.join("tb.yaml");
    std::fs::write(&path, text).unwrap();
    path
}

/// The lines printed in the right half of page 1, top down.
fn right_column(pdf: &Path) -> Vec<String> {
    let words: Vec<Word> = words(pdf)
        .into_iter()
        .filter(|w| w.page == 1 && w.x > 300.0)
        .collect();
    let mut lines: Vec<(f64, Vec<Word>)> = Vec::new();
    for w in words {
        match lines.iter_mut().find(|(y, _)| (y - w.y).abs() < 2.0) {
            Some((_, line)) => line.push(w),
            None => lines.push((w.y, vec![w])),
        }
    }
    lines.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap());
    lines
        .into_iter()
        .map(|(_, mut ws)| {
            ws.sort_by(|a, b| a.x.partial_cmp(&b.x).unwrap());
            ws.iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The lines of the closing: from the authority's first line down.
fn closing_lines(pdf: &Path, first: &str) -> Vec<String> {
    let lines = right_column(pdf);
    let at = lines
        .iter()
        .position(|l| l == first)
        .unwrap_or_else(|| panic!("no line {first:?} in {lines:#?}"));
    lines[at..].to_vec()
}

#[test]
fn a_state_deputy_signs_under_two_authority_lines() {
    let dir = tempfile::tempdir().unwrap();
    let data = notice(
        dir.path(),
        "nha-nuoc",
        "  authority:
    - { mode: tm, body: ỦY BAN NHÂN DÂN }
    - { mode: kt, body: CHỦ TỊCH }
  title: PHÓ CHỦ TỊCH
  name: Lò Văn Minh",
        "",
    );
    // TM. + KT. is how a state body signs: no warning, and the title
    // `PHÓ CHỦ TỊCH` is not taken for a repetition of `CHỦ TỊCH`.
    let (code, err) = checked(&data);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("no problems found"), "{err}");
    let out = dir.path().join("out");
    build_ok(&data, &out, &[]);
    assert_eq!(
        closing_lines(&out.join("thong-bao.pdf"), "TM. ỦY BAN NHÂN DÂN"),
        [
            "TM. ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Lò Văn Minh"
        ]
    );
}

#[test]
fn an_office_signs_tl_then_kt_and_an_acting_head_has_no_title_of_his_own() {
    let dir = tempfile::tempdir().unwrap();
    let data = notice(
        dir.path(),
        "nha-nuoc",
        "  authority:
    - { mode: tl, body: CHỦ TỊCH }
    - { mode: kt, body: CHÁNH VĂN PHÒNG }
  title: PHÓ CHÁNH VĂN PHÒNG
  name: Tao Thị Hoa",
        "",
    );
    let (code, err) = checked(&data);
    assert_eq!(code, 0, "{err}");
    let out = dir.path().join("out");
    build_ok(&data, &out, &[]);
    assert_eq!(
        closing_lines(&out.join("thong-bao.pdf"), "TL. CHỦ TỊCH"),
        [
            "TL. CHỦ TỊCH",
            "KT. CHÁNH VĂN PHÒNG",
            "PHÓ CHÁNH VĂN PHÒNG",
            "Tao Thị Hoa"
        ]
    );

    let data = notice(
        dir.path(),
        "nha-nuoc",
        "  authority:
    - { mode: tm, body: ỦY BAN NHÂN DÂN }
    - { mode: q, body: CHỦ TỊCH }
  name: Lò Văn Minh",
        "",
    );
    let (code, err) = checked(&data);
    assert_eq!(code, 0, "{err}");
    build_ok(&data, &out, &[]);
    assert_eq!(
        closing_lines(&out.join("thong-bao.pdf"), "TM. ỦY BAN NHÂN DÂN"),
        ["TM. ỦY BAN NHÂN DÂN", "Q. CHỦ TỊCH", "Lò Văn Minh"]
    );

    // Without a `q` line a title is needed.
    let data = notice(
        dir.path(),
        "nha-nuoc",
        "  mode: tm\n  body: ỦY BAN NHÂN DÂN\n  name: Lò Văn Minh",
        "",
    );
    let (code, err) = checked(&data);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("error: the signature has no title"), "{err}");
    assert!(
        err.contains("= hint: write the signer's title, e.g. `title: BÍ THƯ` (`title: PHÓ CHỦ TỊCH` under `KT. CHỦ TỊCH`)"),
        "{err}"
    );
}

#[test]
fn a_party_deputy_signs_t_m_with_his_own_title_and_check_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let party = |dir: &Path, sig: &str| {
        let data = notice(dir, "dang", sig, "");
        let text = std::fs::read_to_string(&data)
            .unwrap()
            .replace("issuer: { superior: TỈNH LAI CHÂU, name: ỦY BAN NHÂN DÂN HUYỆN TAM ĐƯỜNG, code: UBND }", "issuer: { superior: ĐẢNG BỘ TỈNH LAI CHÂU, name: HUYỆN ỦY TAM ĐƯỜNG, code: HU }")
            .replace("archive: VT, VP", "archive: Văn phòng Huyện ủy");
        std::fs::write(&data, text).unwrap();
        data
    };
    let data = party(
        dir.path(),
        "  mode: tm\n  body: BAN THƯỜNG VỤ\n  title: PHÓ BÍ THƯ\n  name: Hà Văn Thử",
    );
    let (code, err) = checked(&data);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("no problems found"), "{err}");

    let data = party(
        dir.path(),
        "  authority:
    - { mode: tm, body: BAN THƯỜNG VỤ }
    - { mode: kt, body: BÍ THƯ }
  title: PHÓ BÍ THƯ
  name: Hà Văn Thử",
    );
    let (code, err) = checked(&data);
    assert_eq!(code, 0, "a warning: {err}");
    says(
        &err,
        &[
            "warning: `T/M BAN THƯỜNG VỤ` / `K/T BÍ THƯ`: under a collective body a deputy signs T/M with their own title, without a K/T line (Văn bản của Đảng (Hướng dẫn 36-HD/VPTW))",
            "tb.yaml:9:15",
            "= hint: write one line, `mode: tm` and `body: BAN THƯỜNG VỤ`, and keep `title: PHÓ BÍ THƯ`",
            "0 error(s), 1 warning(s)",
        ],
    );

    // A pair the preset does not know.
    let data = notice(
        dir.path(),
        "nha-nuoc",
        "  authority:
    - { mode: kt, body: CHỦ TỊCH }
    - { mode: tm, body: ỦY BAN NHÂN DÂN }
  title: PHÓ CHỦ TỊCH
  name: Lò Văn Minh",
        "",
    );
    let (_, err) = checked(&data);
    says(
        &err,
        &[
            "warning: `KT. CHỦ TỊCH` / `TM. ỦY BAN NHÂN DÂN` is not a two-line authority of Văn bản hành chính nhà nước (Nghị định 30/2020/NĐ-CP)",
            "= hint: two lines are written TM. … / KT. … or TM. … / Q. … or TL. … / KT. … or TUQ. … / KT. …",
        ],
    );
}

#[test]
fn a_second_line_typed_into_body_or_title_gets_a_hint_that_keeps_every_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = notice(
        dir.path(),
        "nha-nuoc",
        "  mode: tm\n  body: |-\n    ỦY BAN NHÂN DÂN\n    KT. CHỦ TỊCH\n  title: PHÓ CHỦ TỊCH\n  name: Lò Văn Minh",
        "",
    );
    let (code, err) = checked(&data);
    assert_eq!(code, 0, "a warning: {err}");
    says(
        &err,
        &[
            "warning: `KT.` starts a second authority line inside `body:`: write the lines as a list, so that each gets its prefix and its rules",
            "= hint: write `authority: [{mode: tm, body: ỦY BAN NHÂN DÂN}, {mode: kt, body: CHỦ TỊCH}]` in place of `mode:` and `body:`",
        ],
    );
    // No false "title repeats the body", no hint towards `mode: kt` alone.
    assert!(!err.contains("repeats"), "{err}");
    assert!(!err.contains("write `mode: kt`"), "{err}");

    let data = notice(
        dir.path(),
        "nha-nuoc",
        "  mode: tm\n  body: ỦY BAN NHÂN DÂN\n  title: |-\n    KT. CHỦ TỊCH\n    PHÓ CHỦ TỊCH\n  name: Lò Văn Minh",
        "",
    );
    let (code, err) = checked(&data);
    assert_eq!(code, 1, "{err}");
    says(
        &err,
        &[
            "error: `KT.` in the signer's title is printed by the preset from `mode:` (KT. for `mode: kt`); typed here it is printed twice",
            "= hint: write `authority: [{mode: tm, body: ỦY BAN NHÂN DÂN}, {mode: kt, body: CHỦ TỊCH}]` and `title: PHÓ CHỦ TỊCH`",
        ],
    );

    // Both forms at once, or neither.
    let data = notice(
        dir.path(),
        "nha-nuoc",
        "  mode: tm\n  body: ỦY BAN NHÂN DÂN\n  authority: [ { mode: tm, body: ỦY BAN NHÂN DÂN } ]\n  title: CHỦ TỊCH\n  name: Lò Văn Minh",
        "",
    );
    let (code, err) = checked(&data);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("error: both `mode:` and `authority:` say how the signer signs"),
        "{err}"
    );
    let data = notice(
        dir.path(),
        "nha-nuoc",
        "  title: CHỦ TỊCH\n  name: Lò Văn Minh",
        "",
    );
    let (code, err) = checked(&data);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("error: the signature does not say how the signer signs"),
        "{err}"
    );
}

#[test]
fn a_joint_document_has_the_lead_signer_on_the_right_and_nơi_nhận_below() {
    let dir = tempfile::tempdir().unwrap();
    let data = notice(
        dir.path(),
        "nha-nuoc",
        "  authority:
    - { mode: tm, body: ỦY BAN NHÂN DÂN }
    - { mode: kt, body: CHỦ TỊCH }
  title: PHÓ CHỦ TỊCH
  name: Lò Văn Minh",
        "cosigner:
  mode: tm
  body: BAN THƯỜNG TRỰC ỦY BAN MTTQ VIỆT NAM
  title: CHỦ TỊCH
  name: Tòng Thị Lan",
    );
    let (code, err) = checked(&data);
    assert_eq!(code, 0, "{err}");
    let out = dir.path().join("out");
    build_ok(&data, &out, &[]);
    let words = words(&out.join("thong-bao.pdf"));
    let find = |text: &str| {
        words
            .iter()
            .find(|w| w.text == text)
            .unwrap_or_else(|| panic!("no word {text:?}"))
            .clone()
    };
    let (lead, co) = (find("Minh"), find("Lan"));
    // Side by side: the same height, the lead signer on the right.
    assert!((lead.y - co.y).abs() < 2.0, "{lead:?} {co:?}");
    assert!(co.x_max < 300.0 && lead.x > 300.0, "{lead:?} {co:?}");
    let (mttq, ubnd) = (find("MTTQ"), find("KT."));
    assert!(mttq.x < 300.0 && ubnd.x > 300.0, "{mttq:?} {ubnd:?}");
    // Nơi nhận under both.
    let heading = find("nhận:");
    assert!(heading.y > lead.y + 10.0, "{heading:?} {lead:?}");
    let text = squeeze(&pdftotext(&out.join("thong-bao.pdf")));
    assert!(
        text.contains(&squeeze("- Thường trực Huyện ủy (b/c);")),
        "{text}"
    );
}

#[test]
fn authority_lines_that_cannot_print_are_errors_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let data = notice(
        dir.path(),
        "nha-nuoc",
        "  authority:
    - { mode: tm, body: ỦY BAN NHÂN DÂN }
    - { mode: none, body: CHỦ TỊCH }
    - { mode: kt, body: \" \" }
  title: PHÓ CHỦ TỊCH
  name: Lò Văn Minh",
        "",
    );
    let (code, err) = checked(&data);
    assert_eq!(code, 1, "{err}");
    says(
        &err,
        &[
            "error: 3 authority lines: a signature has one or two",
            "tb.yaml:10:7",
            "= hint: keep the body signed for and the head signed for (`TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`)",
            "error: `mode: none` is not an authority line",
            "tb.yaml:9:15",
            "error: authority line 3 has no body signed for",
            "= hint: write what it signs for, e.g. `body: CHỦ TỊCH`",
        ],
    );
    // A comma inside `{ … }` ends the value: the hint says so.
    let data = notice(
        dir.path(),
        "nha-nuoc",
        "  mode: tm\n  body: ỦY BAN NHÂN DÂN\n  title: CHỦ TỊCH\n  name: Lò Văn Minh",
        "cosigner: { mode: tm, body: BAN THƯỜNG TRỰC, ỦY BAN MTTQ, title: CHỦ TỊCH, name: Tòng Thị Lan }",
    );
    let (code, err) = checked(&data);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("= hint: inside `{ … }` a comma separates fields: put the value before `ỦY BAN MTTQ` in quotes, with its comma"),
        "{err}"
    );
}
