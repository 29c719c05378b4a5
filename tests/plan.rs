//! The plan (Kế hoạch): the reference document reproduced from data, read
//! back from the PDF with pdftotext.

mod common;

use common::*;

const DATA: &str = "data/ke-hoach-dai-hoi-diem.yaml";

/// The reference text, with the documented differences applied:
/// - the scanning slips `IIDND` and `HDND` are `HĐND`;
/// - `(*…*)` marks italics in the reference, the PDF has the italics;
/// - Nơi nhận punctuation is the tool's job (`;` after each line, `.` after the last).
fn reference() -> String {
    // A copy of shared/reference/ke-hoach-dai-hoi-diem.txt, byte for byte.
    let raw = std::fs::read_to_string(root().join("tests/fixtures/ke-hoach-dai-hoi-diem.txt"))
        .expect("the reference text is readable");
    let mut text = raw
        .replace("IIDND", "HĐND")
        .replace("HDND", "HĐND")
        .replace("(*", "(")
        .replace("*)", ")");
    let start = text
        .find("Nơi nhận:")
        .expect("the reference has a Nơi nhận block");
    let end = text
        .find("T/M BAN THƯỜNG VỤ")
        .expect("the reference has a signature");
    let lines: Vec<&str> = text[start..end]
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("- "))
        .collect();
    let last = lines.len() - 1;
    let block: Vec<String> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let l = l.trim_end_matches([';', ',', '.']);
            format!("{l}{}", if i == last { "." } else { ";" })
        })
        .collect();
    text.replace_range(start..end, &format!("Nơi nhận:\n{}\n", block.join("\n")));
    text
}

/// The plan's text without what the reference does not show: the header of
/// page 1 (before the title) and the page numbers at the top of later pages.
fn body_text(pdf_text: &str) -> String {
    let title = pdf_text.find("KẾ HOẠCH").expect("the PDF has the title");
    let mut out = String::new();
    // pdftotext ends every page, the last one too, with a form feed.
    let pages = pdf_text[title..]
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty());
    for (i, page) in pages.enumerate() {
        let mut lines = page.lines();
        if i > 0 {
            let first = lines.next().unwrap_or("");
            assert!(
                first.trim().parse::<u32>().is_ok(),
                "page {} starts with its number, found {first:?}",
                i + 1
            );
        }
        for l in lines {
            out.push_str(l);
            out.push('\n');
        }
    }
    out
}

#[test]
fn the_reference_plan_is_reproduced_exactly() {
    let dir = tempfile::tempdir().unwrap();
    build_ok(&root().join(DATA), dir.path(), &["--only", "plan"]);
    let text = pdftotext(&dir.path().join("ke-hoach.pdf"));

    let got = squeeze(&body_text(&text));
    let want = squeeze(&reference());
    if got != want {
        let at = got
            .chars()
            .zip(want.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let ctx = |s: &str| {
            s.chars()
                .skip(at.saturating_sub(60))
                .take(140)
                .collect::<String>()
        };
        panic!(
            "the PDF text differs from the reference at character {at}:\n  pdf: …{}…\n  ref: …{}…",
            ctx(&got),
            ctx(&want)
        );
    }
}

#[test]
fn the_header_follows_the_party_format() {
    let dir = tempfile::tempdir().unwrap();
    build_ok(&root().join(DATA), dir.path(), &["--only", "plan"]);
    let text = pdftotext(&dir.path().join("ke-hoach.pdf"));
    let header = &text[..text.find("KẾ HOẠCH").unwrap()];
    for line in [
        "ĐẢNG BỘ TỈNH LAI CHÂU",
        "HUYỆN ỦY TAM ĐƯỜNG",
        "*",
        "Số 295-KH/HU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Tam Đường, ngày 15 tháng 10 năm 2024",
    ] {
        assert!(
            header.lines().any(|l| l.trim() == line),
            "header line {line:?} missing in:\n{header}"
        );
    }
    assert!(
        !header.contains("Số:"),
        "no colon after Số in Party documents"
    );
}

#[test]
fn a_draft_leaves_the_number_blank() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::fs::read_to_string(root().join(DATA)).unwrap();
    let draft = src.replacen("  number: 295\n", "", 1);
    assert_ne!(src, draft);
    let data = example_variant(dir.path(), &draft);
    build_ok(&data, &dir.path().join("out"), &["--only", "plan"]);
    let text = pdftotext(&dir.path().join("out/ke-hoach.pdf"));
    let header: Vec<&str> = text[..text.find("KẾ HOẠCH").unwrap()]
        .lines()
        .map(str::trim)
        .collect();
    let at = header.iter().position(|l| *l == "Số").expect("a lone `Số`");
    assert_eq!(
        header[at + 1],
        "-KH/HU",
        "room to write the number by hand: {header:?}"
    );
}

#[test]
fn derived_figures_are_computed_from_the_units() {
    // Without delegate lists, the counts written on the units are used: the
    // totals are still computed, never typed (13 + 270 = 283).
    let dir = tempfile::tempdir().unwrap();
    let src = std::fs::read_to_string(root().join(DATA)).unwrap();
    let cut = src
        .find("\n# The congresses")
        .expect("the example has events");
    let edited = src[..cut]
        .replacen(
            "    max_days: 1\n",
            "    max_days: 1\n    members: 13\n    invited: 270\n",
            1,
        )
        .replacen(
            "    max_days: 2\n",
            "    max_days: 2\n    members: 17\n    invited: 49\n",
            1,
        )
        .replacen(
            "    deadline: 2025-03-31\n    max_days: 2\n\n",
            "    deadline: 2025-03-31\n    max_days: 2\n    members: 195\n    invited: 55\n\n",
            1,
        );
    let data = dir.path().join("edited.yaml");
    std::fs::write(&data, &edited).unwrap();
    build_ok(&data, &dir.path().join("out"), &[]);
    let text = squeeze(&pdftotext(&dir.path().join("out/ke-hoach.pdf")));
    assert!(text.contains(&squeeze(
        "(khoảng 283 đại biểu, trong đó: đảng viên chi bộ 13 đồng chí; đại biểu mời 270 đồng chí)"
    )));
    assert!(text.contains(&squeeze("khoảng 66 đại biểu")));
    assert!(text.contains(&squeeze("khoảng 250 đại biểu")), "{edited}");
}

#[test]
fn fonts_are_embedded_subset_and_metadata_is_set() {
    let dir = tempfile::tempdir().unwrap();
    build_ok(&root().join(DATA), dir.path(), &["--only", "plan"]);
    let pdf = dir.path().join("ke-hoach.pdf");
    let fonts = poppler("pdffonts", &pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(
        rows.len() >= 3,
        "regular, bold and italic are used:\n{fonts}"
    );
    for row in &rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(
            cols[0].contains("+LiberationSerif"),
            "subset of Liberation Serif: {row}"
        );
        // columns: name type… encoding emb sub uni
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "embedded, subset, unicode: {row}"
        );
    }
    let info = poppler("pdfinfo", &pdf);
    assert!(
        info.contains("Author:          HUYỆN ỦY TAM ĐƯỜNG"),
        "{info}"
    );
    assert!(
        info.contains("Title:           KẾ HOẠCH Tổ chức đại hội điểm"),
        "{info}"
    );
    assert!(
        info.contains("Page size:       595.276 x 841.89 pts (A4)"),
        "{info}"
    );
}

#[test]
fn manifest_lists_every_output_with_its_hash() {
    let dir = tempfile::tempdir().unwrap();
    build_ok(
        &root().join(DATA),
        dir.path(),
        &["--emit-typ", "--only", "plan", "--only", "recipients"],
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("manifest.json")).unwrap()).unwrap();
    let outputs = manifest["outputs"].as_array().unwrap();
    let kinds: Vec<&str> = outputs
        .iter()
        .map(|o| o["kind"].as_str().unwrap())
        .collect();
    assert_eq!(&kinds[..3], ["plan", "typst-source", "recipients"]);
    for o in outputs {
        let bytes = std::fs::read(dir.path().join(o["path"].as_str().unwrap())).unwrap();
        assert_eq!(
            o["sha256"].as_str().unwrap(),
            vanban::output::sha256_hex(&bytes)
        );
        assert_eq!(o["size"].as_u64().unwrap(), bytes.len() as u64);
    }
    // `.vanban/` is the tool's own: the sizes and times of the files.
    assert_eq!(
        files_in(dir.path()),
        [
            ".vanban",
            "giay-moi",
            "ke-hoach-noi-nhan.pdf",
            "ke-hoach.pdf",
            "ke-hoach.typ",
            "manifest.json"
        ]
    );
    assert!(
        kinds.iter().all(|k| *k != "invitation"),
        "--only leaves the letters out"
    );
    let typ = std::fs::read_to_string(dir.path().join("ke-hoach.typ")).unwrap();
    assert!(
        typ.contains("#import \"/layout/vanban.typ\""),
        "generated Typst imports the layout"
    );
}

#[test]
fn builds_are_byte_identical_and_honour_source_date_epoch() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        dir.path().join("a"),
        dir.path().join("b"),
        dir.path().join("c"),
    );
    build_ok(&root().join(DATA), &a, &[]);
    build_ok(&root().join(DATA), &b, &[]);
    let read = |d: &std::path::Path| std::fs::read(d.join("ke-hoach.pdf")).unwrap();
    assert_eq!(read(&a), read(&b), "two runs give the same bytes");
    // Every output: the manifests list the same files with the same hashes.
    let manifest = |d: &std::path::Path| std::fs::read(d.join("manifest.json")).unwrap();
    assert_eq!(
        manifest(&a),
        manifest(&b),
        "every letter, print file and sheet is the same"
    );

    let data = root().join(DATA);
    let o = vanban_env(
        &[
            "build",
            data.to_str().unwrap(),
            "--out",
            c.to_str().unwrap(),
        ],
        &[("SOURCE_DATE_EPOCH", "1700000000")],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let info = poppler("pdfinfo", &c.join("ke-hoach.pdf"));
    assert!(
        info.contains("CreationDate:    Tue Nov 14 22:13:20 2023 UTC"),
        "{info}"
    );
    let info = poppler("pdfinfo", &a.join("ke-hoach.pdf"));
    assert!(
        info.contains("CreationDate:    Tue Oct 15 00:00:00 2024 UTC"),
        "the document date by default: {info}"
    );
}

#[test]
fn the_generated_typst_only_calls_the_layout() {
    let dir = tempfile::tempdir().unwrap();
    build_ok(
        &root().join("data/thong-bao-ubnd-xa.yaml"),
        dir.path(),
        &["--emit-typ"],
    );
    let typ = std::fs::read_to_string(dir.path().join("thong-bao.typ")).unwrap();
    insta::assert_snapshot!("thong-bao.typ", typ);
}

#[test]
fn the_state_preset_is_data_too() {
    let dir = tempfile::tempdir().unwrap();
    build_ok(&root().join("data/thong-bao-ubnd-xa.yaml"), dir.path(), &[]);
    let text = pdftotext(&dir.path().join("thong-bao.pdf"));
    for line in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 07/TB-UBND",
        "Bình Lư, ngày 03 tháng 01 năm 2025",
        "THÔNG BÁO",
        "TM. ỦY BAN NHÂN DÂN",
        "- Lưu: VT, VP.",
    ] {
        assert!(
            text.lines().any(|l| l.trim() == line),
            "{line:?} missing in:\n{text}"
        );
    }
    assert!(!text.contains("ĐẢNG CỘNG SẢN"));
}
