//! Two A5 letters on one A4 sheet (`print: two-up` under an event's
//! `invitation:`): the print file read back sheet by sheet, half by half,
//! against the letters' own PDFs; the cut line; the rebuild; the errors;
//! signing and PDF/A.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::pdfa::{assert_pdfa_2b, qpdf_check};
use common::*;

/// A4 landscape and A5, in points.
const SHEET: (f64, f64) = (841.889_76, 595.275_59);
const A5_W: f64 = 419.527_56;
/// How far each half's letter moves right on its sheet: centred in its
/// half (A4 is a millimetre wider than two A5).
const DX: [f64; 2] = [
    (SHEET.0 / 2.0 - A5_W) / 2.0,
    SHEET.0 / 2.0 + (SHEET.0 / 2.0 - A5_W) / 2.0,
];

/// The bundled example's school, whose 66 letters are A5.
const SCHOOL: &str = "giay-moi/chi-bo-truong-pho-thong-dan-toc-noi-tru-trung-hoc-pho-thong";
/// The commune example's one event: five letters, with signature and seal images.
const XA: &str = "giay-moi/chi-bo-thon-ban-ta";

/// The bundled example with the school's invitation given `lines` (after
/// its `paper: a5`), in `dir`.
fn school(dir: &Path, lines: &str) -> PathBuf {
    let text = std::fs::read_to_string(root().join("data/ke-hoach-dai-hoi-diem.yaml")).unwrap();
    let paper = "      paper: a5                     # 36-HD allows A5 invitations\n";
    assert_eq!(text.matches(paper).count(), 1);
    example_variant(dir, &text.replacen(paper, &format!("{paper}{lines}"), 1))
}

/// The commune example (images copied beside it) with its event's
/// invitation given `lines` after `summons: true`, and `edit` made, in `dir`.
fn xa(dir: &Path, lines: &str, edit: &[(&str, &str)]) -> PathBuf {
    for images in ["chu-ky", "dau"] {
        let to = dir.join(images);
        std::fs::create_dir_all(&to).unwrap();
        for e in std::fs::read_dir(root().join("data").join(images)).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
    let mut text =
        std::fs::read_to_string(root().join("data/ke-hoach-dang-uy-xa-2026.yaml")).unwrap();
    let at = "      summons: true\n";
    assert_eq!(text.matches(at).count(), 1);
    text = text.replacen(at, &format!("{at}{lines}"), 1);
    for (from, to) in edit {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    let path = dir.join("data.yaml");
    std::fs::write(&path, text).unwrap();
    path
}

/// The letters of the event in folder `event`, in list order.
fn letters(out: &Path, event: &str) -> Vec<PathBuf> {
    let mut v: Vec<String> = manifest(out)
        .outputs
        .into_iter()
        .filter(|e| e.kind == "invitation" && e.path.starts_with(&format!("{event}/")))
        .map(|e| e.path)
        .collect();
    v.sort();
    v.into_iter().map(|p| out.join(p)).collect()
}

fn print_file(out: &Path, event: &str) -> PathBuf {
    out.join(format!("{event}-ban-in.pdf"))
}

/// Each page's size, in points.
fn page_sizes(pdf: &Path) -> Vec<(f64, f64)> {
    let doc = lopdf::Document::load(pdf).unwrap();
    doc.get_pages()
        .into_values()
        .map(|id| {
            let b = doc.get_dictionary(id).unwrap().get(b"MediaBox").unwrap();
            let b: Vec<f64> = b
                .as_array()
                .unwrap()
                .iter()
                .map(|v| f64::from(v.as_float().unwrap()))
                .collect();
            (b[2] - b[0], b[3] - b[1])
        })
        .collect()
}

/// The text of one half (0 left, 1 right) of sheet `page` (from 1).
fn half_text(pdf: &Path, page: usize, side: usize) -> String {
    let (page, x) = (page.to_string(), (side * 421).to_string());
    let o = Command::new("pdftotext")
        .args([
            "-f", &page, "-l", &page, "-x", &x, "-y", "0", "-W", "421", "-H", "596",
        ])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(o.status.success());
    String::from_utf8(o.stdout).unwrap()
}

/// How many pixels of the sheet's middle columns (a point either side of
/// the cut) are not white, rendered at 72 dpi.
fn ink_at_the_cut(pdf: &Path, page: usize) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("sheet");
    let page = page.to_string();
    let o = Command::new("pdftoppm")
        .args(["-f", &page, "-l", &page, "-r", "72", "-gray", "-singlefile"])
        .arg(pdf)
        .arg(&prefix)
        .output()
        .expect("pdftoppm is installed (poppler-utils)");
    assert!(o.status.success());
    let pgm = std::fs::read(dir.path().join("sheet.pgm")).unwrap();
    // `P5\nW H\n255\n` then a byte a pixel.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        let end = at + pgm[at..].iter().position(u8::is_ascii_whitespace).unwrap();
        fields.push(String::from_utf8(pgm[at..end].to_vec()).unwrap());
        at = end + 1;
    }
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    assert_eq!((w, h), (842, 596));
    let pixels = &pgm[at..];
    (0..h)
        .flat_map(|y| (419..=422).map(move |x| pixels[y * w + x]))
        .filter(|&v| v < 250)
        .count()
}

/// The example built as it is, and with the school's letters two-up and a
/// cut line: once for the tests of this file.
fn example_builds() -> &'static (tempfile::TempDir, PathBuf, PathBuf) {
    static BUILDS: std::sync::OnceLock<(tempfile::TempDir, PathBuf, PathBuf)> =
        std::sync::OnceLock::new();
    BUILDS.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let (single, two_up) = (dir.path().join("single"), dir.path().join("two-up"));
        build_ok(
            &root().join("data/ke-hoach-dai-hoi-diem.yaml"),
            &single,
            &["--no-progress"],
        );
        let data = school(dir.path(), "      print: two-up\n      cut_line: true\n");
        build_ok(&data, &two_up, &["--no-progress"]);
        (dir, single, two_up)
    })
}

#[test]
fn the_schools_66_letters_are_laid_two_to_an_a4_sheet_in_list_order() {
    let (_, _, out) = example_builds();
    let print = print_file(out, SCHOOL);
    let letters = letters(out, SCHOOL);
    assert_eq!(letters.len(), 66);
    let sizes = page_sizes(&print);
    assert_eq!(sizes.len(), 33, "⌈66 / 2⌉ sheets");
    for (w, h) in sizes {
        assert!(
            (w - SHEET.0).abs() < 0.01 && (h - SHEET.1).abs() < 0.01,
            "{w} × {h}"
        );
    }
    for (i, letter) in letters.iter().enumerate() {
        assert_eq!(page_sizes(letter).len(), 1, "{}", letter.display());
        let (sheet, side) = (i / 2 + 1, i % 2);
        assert_eq!(
            half_text(&print, sheet, side),
            pdftotext(letter),
            "sheet {sheet}, half {side}: {}",
            letter.display()
        );
    }
}

#[test]
fn a_letter_keeps_its_real_size_on_the_sheet_moved_to_the_middle_of_its_half() {
    let (_, _, out) = example_builds();
    let print = print_file(out, SCHOOL);
    let sheet_words = words(&print);
    let letters = letters(out, SCHOOL);
    // The first sheet and the last.
    for i in [0, 1, 64, 65] {
        let own = words(&letters[i]);
        let (sheet, side) = (i / 2 + 1, i % 2);
        let on_sheet: Vec<&Word> = sheet_words
            .iter()
            .filter(|w| w.page == sheet && (w.x >= SHEET.0 / 2.0) == (side == 1))
            .collect();
        assert_eq!(on_sheet.len(), own.len(), "letter {}", i + 1);
        assert!(own.len() > 100);
        for (a, b) in own.iter().zip(on_sheet) {
            assert_eq!(a.text, b.text);
            let close = |x: f64, y: f64| (x - y).abs() <= 0.05;
            assert!(
                close(b.x_max - b.x, a.x_max - a.x) && close(b.y_max - b.y, a.y_max - a.y),
                "`{}`: {:?} on the sheet, {:?} in the letter",
                a.text,
                (b.x_max - b.x, b.y_max - b.y),
                (a.x_max - a.x, a.y_max - a.y)
            );
            assert!(
                close(b.x, a.x + DX[side]) && close(b.y, a.y),
                "`{}` at {:?}, in the letter {:?}",
                a.text,
                (b.x, b.y),
                (a.x, a.y)
            );
        }
    }
}

#[test]
fn two_up_changes_only_the_print_file_and_draws_the_cut_line_asked_for() {
    let (_, single, two_up) = example_builds();
    let (a, b) = (manifest(single), manifest(two_up));
    let print = format!("{SCHOOL}-ban-in.pdf");
    let hashes = |m: &vanban::output::Manifest| -> Vec<(String, String)> {
        m.outputs
            .iter()
            .filter(|e| e.path != print)
            .map(|e| (e.path.clone(), e.sha256.clone()))
            .collect()
    };
    // The letters (every event's) and the other print files, byte for byte.
    assert_eq!(hashes(&a), hashes(&b));
    let entry =
        |m: &vanban::output::Manifest| m.outputs.iter().find(|e| e.path == print).unwrap().clone();
    assert_eq!(entry(&a).kind, entry(&b).kind);
    assert_ne!(entry(&a).sha256, entry(&b).sha256);
    // Every sheet has its cut line.
    for page in [1, 17, 33] {
        let ink = ink_at_the_cut(&two_up.join(&print), page);
        assert!(ink > 200, "sheet {page}: {ink} grey pixels at the cut");
    }
}

#[test]
fn an_odd_count_leaves_the_last_right_half_blank_and_no_cut_line_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let data = xa(dir.path(), "      paper: a5\n      print: two-up\n", &[]);
    let out = dir.path().join("out");
    build_ok(&data, &out, &["--no-progress"]);
    let print = print_file(&out, XA);
    let letters = letters(&out, XA);
    assert_eq!(letters.len(), 5);
    assert_eq!(page_sizes(&print).len(), 3);
    assert_eq!(half_text(&print, 3, 0), pdftotext(&letters[4]));
    assert!(pdftotext(&letters[4]).contains("Cầm Văn Tâm"));
    assert_eq!(half_text(&print, 3, 1).trim_matches(['\n', '\x0c']), "");
    for page in 1..=3 {
        assert_eq!(ink_at_the_cut(&print, page), 0, "sheet {page}: no cut line");
    }
}

#[test]
fn the_sign_boxes_of_a_two_up_print_file_are_where_its_letters_went_and_it_signs() {
    let dir = tempfile::tempdir().unwrap();
    let pki = common::pki::Pki::new(dir.path(), "Lò Văn Minh", "365");
    let data = xa(
        dir.path(),
        "      paper: a5\n      print: two-up\n      cut_line: true\n",
        &[],
    );
    let out = dir.path().join("out");
    build_ok(&data, &out, &["--no-progress"]);
    let m = manifest(&out);
    let print = m
        .outputs
        .iter()
        .find(|e| e.path == format!("{XA}-ban-in.pdf"))
        .unwrap();
    let mut own: Vec<&vanban::output::ManifestEntry> = m
        .outputs
        .iter()
        .filter(|e| e.kind == "invitation")
        .collect();
    own.sort_by(|a, b| a.path.cmp(&b.path));
    let moved: Vec<(usize, usize, &vanban::output::SignBox)> = own
        .iter()
        .enumerate()
        .flat_map(|(i, e)| e.sign_boxes.iter().map(move |b| (i / 2 + 1, i % 2, b)))
        .collect();
    assert_eq!(moved.len(), 10, "a signer's image and a seal a letter");
    assert_eq!(print.sign_boxes.len(), moved.len());
    for ((sheet, side, b), p) in moved.into_iter().zip(&print.sign_boxes) {
        assert_eq!((p.page, &p.role), (sheet, &b.role));
        let expected = [
            b.rect[0] + DX[side],
            b.rect[1],
            b.rect[2] + DX[side],
            b.rect[3],
        ];
        for (got, want) in p.rect.iter().zip(expected) {
            assert!((got - want).abs() <= 0.011, "{:?} for {expected:?}", p.rect);
        }
    }
    let o = vanban_env(
        &[
            "sign",
            out.to_str().unwrap(),
            "--p12",
            &pki.path("modern.p12"),
            "--role",
            "signer",
        ],
        &[("VANBAN_PIN", "secret")],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let path = print_file(&out, XA);
    qpdf_check(&path);
    let said = Command::new("pdfsig").arg(&path).output().unwrap();
    let said = String::from_utf8_lossy(&said.stdout);
    assert_eq!(said.matches("Signature is Valid.").count(), 1, "{said}");
    assert_eq!(page_sizes(&path).len(), 3);
}

#[test]
fn a_rebuild_keeps_an_unchanged_two_up_print_file_and_remakes_it_for_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let lines = "      paper: a5\n      print: two-up\n";
    let out = dir.path().join("out");
    let print = print_file(&out, XA);
    let build = |lines: &str, edit: &[(&str, &str)]| {
        let data = xa(dir.path(), lines, edit);
        stderr(&build_ok(&data, &out, &["--no-progress"]))
    };
    build(lines, &[]);
    let (bytes, time) = (
        std::fs::read(&print).unwrap(),
        std::fs::metadata(&print).unwrap().modified().unwrap(),
    );
    says(&build(lines, &[]), &["0 changed, 0 added, 0 removed"]);
    assert_eq!(std::fs::read(&print).unwrap(), bytes);
    assert_eq!(
        std::fs::metadata(&print).unwrap().modified().unwrap(),
        time,
        "not even rewritten"
    );

    // One delegate renamed: the letter, the print file and the sheet.
    let renamed = [("Hà Văn Sơn", "Hà Văn Sớn")];
    says(&build(lines, &renamed), &["3 changed, 0 added, 0 removed"]);
    let remade = std::fs::read(&print).unwrap();
    assert_ne!(remade, bytes);
    assert!(half_text(&print, 2, 0).contains("Hà Văn Sớn"));
    // The same bytes as a build from scratch.
    let clean = dir.path().join("clean");
    build_ok(&xa(dir.path(), lines, &renamed), &clean, &["--no-progress"]);
    assert_eq!(std::fs::read(print_file(&clean, XA)).unwrap(), remade);

    // The cut line, then the layout, switched: the print file alone.
    let cut = "      paper: a5\n      print: two-up\n      cut_line: true\n";
    says(&build(cut, &renamed), &["1 changed, 0 added, 0 removed"]);
    assert!(ink_at_the_cut(&print, 1) > 100);
    says(
        &build("      paper: a5\n", &renamed),
        &["1 changed, 0 added, 0 removed"],
    );
    assert_eq!(page_sizes(&print).len(), 5, "one A5 letter a page again");
    let single = std::fs::read(&print).unwrap();
    let fresh = dir.path().join("fresh");
    build_ok(
        &xa(dir.path(), "      paper: a5\n", &renamed),
        &fresh,
        &["--no-progress"],
    );
    assert_eq!(std::fs::read(print_file(&fresh, XA)).unwrap(), single);
}

/// The line (from 1) of the first line of `data` that contains `what`.
fn line_of(data: &Path, what: &str) -> usize {
    let text = std::fs::read_to_string(data).unwrap();
    text.lines().position(|l| l.contains(what)).unwrap() + 1
}

#[test]
fn two_up_of_a4_letters_and_a_cut_line_without_two_up_are_errors_at_their_lines() {
    let dir = tempfile::tempdir().unwrap();
    let data = xa(dir.path(), "      print: two-up\n", &[]);
    let err = build_fails(&data, &dir.path().join("out"), &["--no-progress"]);
    says(
        &err,
        &[
            "error: `print: two-up` is for A5 letters, and these letters are A4",
            &format!("data.yaml:{}:", line_of(&data, "print: two-up")),
            "add `paper: a5`, or write `print: single`",
        ],
    );

    let data = xa(dir.path(), "      paper: a5\n      cut_line: true\n", &[]);
    let err = build_fails(&data, &dir.path().join("out"), &["--no-progress"]);
    says(
        &err,
        &[
            "error: `cut_line` is only for `print: two-up`",
            &format!("data.yaml:{}:", line_of(&data, "cut_line: true")),
        ],
    );
}

/// The commune example with notes enough to take each letter onto a
/// second A5 page.
fn too_long(dir: &Path) -> PathBuf {
    let venue = "    venue: Nhà văn hóa thôn Bản Tà\n";
    let notes: String = (1..=7)
        .map(|i| format!("      - Ghi chú {i} là chuẩn bị tài liệu, trang phục và giấy tờ cần mang theo khi đến dự Đại hội.\n"))
        .collect();
    xa(
        dir,
        "      paper: a5\n      print: two-up\n",
        &[(venue, &format!("{venue}    notes:\n{notes}"))],
    )
}

#[test]
fn a_letter_longer_than_one_a5_page_is_not_laid_two_up_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let data = too_long(dir.path());
    let err = build_fails(&data, &dir.path().join("out"), &["--no-progress"]);
    says(
        &err,
        &[
            "error: the letter to Lò Văn Khiêm is 2 A5 pages long",
            "(and 4 other letters)",
            &format!("data.yaml:{}:", line_of(&data, "print: two-up")),
            "shorten the letter so that it fits on one A5 page",
            "or write `print: single`",
        ],
    );
    // In Vietnamese, as the clerk reads it.
    let o = vanban_env(
        &[
            "build",
            data.to_str().unwrap(),
            "--out",
            dir.path().join("out").to_str().unwrap(),
            "--no-progress",
        ],
        &[("VANBAN_LANG", "vi")],
    );
    assert_eq!(o.status.code(), Some(1));
    says(
        &stderr(&o),
        &[
            "lỗi: giấy mời gửi Lò Văn Khiêm dài 2 trang A5",
            "không in được hai giấy mời A5 trên một tờ A4",
            "(và 4 giấy mời khác cũng dài hơn một trang)",
            "gợi ý: rút gọn giấy mời cho vừa một trang A5",
        ],
    );
    assert!(files_in(&dir.path().join("out")).is_empty());
    // The same letters print one a page.
    let single = std::fs::read_to_string(&data)
        .unwrap()
        .replace("print: two-up", "print: single");
    std::fs::write(&data, single).unwrap();
    build_ok(&data, &dir.path().join("out"), &["--no-progress"]);
}

#[test]
fn a_pdfa_two_up_print_file_is_pdfa_2b_and_reads_as_the_plain_one() {
    let dir = tempfile::tempdir().unwrap();
    let data = xa(
        dir.path(),
        "      paper: a5\n      print: two-up\n      cut_line: true\n",
        &[],
    );
    let (plain, pdfa) = (dir.path().join("plain"), dir.path().join("pdfa"));
    build_ok(&data, &plain, &["--no-progress"]);
    build_ok(&data, &pdfa, &["--no-progress", "--pdfa"]);
    let print = print_file(&pdfa, XA);
    assert_eq!(page_sizes(&print).len(), 3);
    assert_pdfa_2b(&print);
    qpdf_check(&print);
    assert_eq!(pdftotext(&print), pdftotext(&print_file(&plain, XA)));
    assert!(ink_at_the_cut(&print, 1) > 100);
}
