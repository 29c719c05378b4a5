//! `vanban preview`: pages drawn as PNG, read back as pixels.

mod common;

use std::path::Path;

use common::*;
use vanban::preview::{PreviewDoc, Previewer};
use vanban::templates::Templates;
use vanban::typeset::Typesetter;

const DATA: &str = "data/ke-hoach-dai-hoi-diem.yaml";

/// Runs `vanban preview DATA --out OUT EXTRA…`.
fn preview(out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["preview", DATA, "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    vanban(&args)
}

/// Runs `vanban preview … EXTRA`, asserts success, returns the printed paths.
fn preview_ok(out: &Path, extra: &[&str]) -> Vec<String> {
    let o = preview(out, extra);
    assert!(o.status.success(), "preview failed:\n{}", stderr(&o));
    String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

fn image(path: &Path) -> tiny_skia::Pixmap {
    let bytes = std::fs::read(path).unwrap_or_else(|_| panic!("{} exists", path.display()));
    tiny_skia::Pixmap::decode_png(&bytes).expect("a PNG file")
}

/// Pixels darker than mid-grey in rows `rows` (text is black on white).
fn dark_pixels(img: &tiny_skia::Pixmap, rows: std::ops::Range<u32>) -> usize {
    let w = img.width();
    img.pixels()
        .iter()
        .enumerate()
        .filter(|(i, _)| rows.contains(&(*i as u32 / w)))
        .filter(|(_, p)| {
            let c = p.demultiply();
            c.alpha() == 255
                && u32::from(c.red()) + u32::from(c.green()) + u32::from(c.blue()) < 300
        })
        .count()
}

fn assert_size(img: &tiny_skia::Pixmap, w: u32, h: u32, what: &str) {
    assert!(
        img.width().abs_diff(w) <= 1 && img.height().abs_diff(h) <= 1,
        "{what}: {}×{} px, expected {w}×{h}",
        img.width(),
        img.height()
    );
}

#[test]
fn the_plan_page_1_at_72_ppi_is_an_a4_page_with_its_header() {
    let dir = tempfile::tempdir().unwrap();
    let paths = preview_ok(dir.path(), &["--page", "1", "--ppi", "72"]);
    let png = dir.path().join("preview-plan-1.png");
    assert_eq!(paths, [png.display().to_string()], "the path is printed");
    assert_eq!(
        files_in(dir.path()),
        ["preview-plan-1.png"],
        "only that page"
    );
    let img = image(&png);
    // A4 is 595.28 × 841.89 pt: one pixel per point at 72 ppi.
    assert_size(&img, 595, 842, "page 1");
    let top = dark_pixels(&img, 0..img.height() / 5);
    assert!(
        top > 500,
        "the header is drawn in the top fifth ({top} dark pixels)"
    );
    let bytes = std::fs::read(&png).unwrap();
    preview_ok(dir.path(), &["--page", "1", "--ppi", "72"]);
    assert_eq!(std::fs::read(&png).unwrap(), bytes, "same data, same bytes");
}

#[test]
fn every_page_by_default_and_stale_pages_go() {
    let dir = tempfile::tempdir().unwrap();
    // A page the plan does not have, left from a longer version of it.
    std::fs::write(dir.path().join("preview-plan-5.png"), b"old").unwrap();
    let paths = preview_ok(dir.path(), &["--ppi", "36"]);
    assert_eq!(paths.len(), 4, "the plan has four pages: {paths:?}");
    assert_eq!(
        files_in(dir.path()),
        (1..=4)
            .map(|n| format!("preview-plan-{n}.png"))
            .collect::<Vec<_>>()
    );
}

#[test]
fn a_page_out_of_range_is_a_clear_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = preview(&out, &["--page", "99"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("error: there is no page 99"), "{err}");
    assert!(err.contains("the document has 4 page(s)"), "{err}");
    assert!(err.contains("hint: give --page 1 to 4"), "{err}");
    assert!(files_in(&out).is_empty(), "nothing written");

    let o = preview(&out, &["--doc", "invitation", "--delegate", "999"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("has 282 delegate(s); there is no delegate 999"),
        "{err}"
    );
}

#[test]
fn an_invitation_is_drawn_on_its_events_paper() {
    let dir = tempfile::tempdir().unwrap();
    // Chi bộ 02 (the first event) prints on A4, the school's congress on A5.
    preview_ok(
        dir.path(),
        &["--doc", "invitation", "--delegate", "2", "--ppi", "72"],
    );
    let a4 = image(&dir.path().join("preview-invitation-1.png"));
    assert_size(&a4, 595, 842, "an A4 letter");
    assert!(dark_pixels(&a4, 0..a4.height() / 4) > 300, "not blank");

    preview_ok(
        dir.path(),
        &["--doc", "invitation", "--event", "2", "--ppi", "72"],
    );
    let a5 = image(&dir.path().join("preview-invitation-1.png"));
    assert_size(&a5, 420, 595, "an A5 letter");
    assert!(dark_pixels(&a5, 0..a5.height() / 4) > 300, "not blank");
}

#[test]
fn the_recipients_preview_is_the_sheet_that_build_writes() {
    let dir = tempfile::tempdir().unwrap();
    let paths = preview_ok(dir.path(), &["--doc", "recipients", "--ppi", "72"]);
    assert_eq!(paths.len(), 1, "{paths:?}");
    let img = image(&dir.path().join("preview-recipients-1.png"));
    assert_size(&img, 595, 842, "the sheet");

    // The preview assembles the sheet from the build's public pieces: its
    // source must compile to the very PDF that `build` writes.
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let env: Vec<(&str, &str)> = epoch
        .iter()
        .map(|v| ("SOURCE_DATE_EPOCH", v.as_str()))
        .collect();
    let out = dir.path().join("out");
    let o = vanban_env(
        &[
            "build",
            DATA,
            "--only",
            "recipients",
            "--out",
            out.to_str().unwrap(),
        ],
        &env,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let previewer = Previewer::new(None, &[], &[]).unwrap();
    let project = previewer.load(&root().join(DATA)).unwrap();
    let source = previewer
        .source(&project, PreviewDoc::Recipients, None, 1)
        .unwrap();
    // The build typesets a sheet in parts of two pages; this one has one
    // page, so the preview's source (after its glyph page) prints the same.
    let pdf = Typesetter::new(&Templates::new(None), &[])
        .unwrap()
        .compile_pdf(&source.source, &source.options, &source.fonts)
        .unwrap();
    let preview_pdf = dir.path().join("preview.pdf");
    std::fs::write(&preview_pdf, pdf).unwrap();
    let printed = pdftotext(&preview_pdf);
    let printed = printed.split('\u{c}').skip(1).collect::<Vec<_>>().join("");
    assert_eq!(
        squeeze(&printed),
        squeeze(&pdftotext(&out.join("ke-hoach-noi-nhan.pdf"))),
        "the preview's sheet and the build's sheet differ"
    );
}
