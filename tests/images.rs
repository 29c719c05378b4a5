//! Signature and seal images (`signature.image`, `issuer.seal`): nothing of
//! them is printed, and the manifest gives, for every file, the rectangles
//! `vanban sign` draws them in, where Nghị định 30/2020 (Phụ lục I, II.7.d,
//! II.8.a) puts them; a bad image is an error at the place that names it.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::*;
use vanban::output::{ManifestEntry, SignBox};

/// The example this file builds: a Đảng ủy xã's plan (one page) and the
/// five one-page letters of one congress, its signer's image and the
/// seal named in the data.
const EXAMPLE: &str = "data/ke-hoach-dang-uy-xa-2026.yaml";
const SIGNER_IMAGE: &str = "chu-ky/lo-van-minh.png";
const SEAL_IMAGE: &str = "dau/dang-uy-xa-na-tam.png";
const LETTERS: &str = "giay-moi/chi-bo-thon-ban-ta";

/// Writes a `width` × `height` RGBA PNG at `path`, transparent but for a
/// diagonal band in `rgb` (`shade` varies the band, and so the bytes).
fn write_png(path: &Path, (width, height): (u32, u32), rgb: [u8; 3], shade: u32) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut pixels = Vec::with_capacity((width * height * 4) as usize);
    for y in 0..height {
        for x in 0..width {
            let ink = (x * height / width).abs_diff(y) < 3 + shade;
            pixels.extend(rgb);
            pixels.push(if ink { 255 } else { 0 });
        }
    }
    let file = std::fs::File::create(path).unwrap();
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&pixels).unwrap();
}

/// The example in `dir`, with images of its own: the signer's 600 × 200
/// pixels, the seal's 400 × 400. Returns the YAML's path.
fn example(dir: &Path) -> PathBuf {
    write_png(&dir.join(SIGNER_IMAGE), (600, 200), [20, 40, 200], 0);
    write_png(&dir.join(SEAL_IMAGE), (400, 400), [210, 20, 30], 0);
    let data = dir.join("ke-hoach.yaml");
    std::fs::copy(root().join(EXAMPLE), &data).unwrap();
    data
}

/// Replaces `from` by `to` once in the file at `path`.
fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} contains {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The example's text without its images.
fn without_images(text: &str) -> String {
    text.lines()
        .filter(|l| {
            !l.contains("image:")
                && !l.trim_start().starts_with("# For the electronic")
                && !l.contains("`vanban sign` draws the seal")
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Where `needle` starts in the file at `path`, `skip` characters on, as
/// a report places it: `path:line:column` (the column in characters).
fn place(path: &Path, needle: &str, skip: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} in {}", path.display()));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |n| n + 1)..]
        .chars()
        .count()
        + skip
        + 1;
    format!("{}:{line}:{column}", path.display())
}

/// The manifest's entries by path.
fn entries(out: &Path) -> BTreeMap<String, ManifestEntry> {
    manifest(out)
        .outputs
        .into_iter()
        .map(|e| (e.path.clone(), e))
        .collect()
}

/// Height of page 1 of `pdf` in points, as `pdfinfo` gives it.
fn page_height(pdf: &Path) -> f64 {
    let info = poppler("pdfinfo", pdf);
    let line = info
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .expect("a page size");
    let size: Vec<f64> = line
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    size[1]
}

/// A line of text as `pdftotext -bbox` places its words: left, top,
/// right, bottom, in points from the page's top left.
#[derive(Debug, Clone, Copy)]
struct Extent {
    x0: f64,
    top: f64,
    x1: f64,
    bottom: f64,
}

impl Extent {
    fn centre(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
}

/// The line of page `page` of `pdf` that reads `text` (words within 2 pt
/// of one height, at least `right_of` from the left edge).
fn line(pdf: &Path, page: usize, text: &str, right_of: f64) -> Extent {
    let on_page: Vec<Word> = words(pdf)
        .into_iter()
        .filter(|w| w.page == page && w.x >= right_of)
        .collect();
    let first_word = text.split(' ').next().unwrap();
    for start in on_page.iter().filter(|w| w.text == first_word) {
        let mut same: Vec<&Word> = on_page
            .iter()
            .filter(|w| (w.y - start.y).abs() < 2.0 && w.x >= start.x)
            .collect();
        same.sort_by(|a, b| a.x.partial_cmp(&b.x).unwrap());
        let n = text.split(' ').count();
        let read: Vec<&str> = same.iter().take(n).map(|w| w.text.as_str()).collect();
        if read.join(" ") == text {
            let ws = &same[..n];
            return Extent {
                x0: ws[0].x,
                top: ws.iter().map(|w| w.y).fold(f64::MAX, f64::min),
                x1: ws[n - 1].x_max,
                bottom: ws.iter().map(|w| w.y_max).fold(f64::MIN, f64::max),
            };
        }
    }
    panic!("no line {text:?} on page {page} of {}", pdf.display());
}

/// A sign box's rectangle from the page's top left, as [`Extent`].
fn from_top(b: &SignBox, height: f64) -> Extent {
    let [x0, y0, x1, y1] = b.rect;
    Extent {
        x0,
        top: height - y1,
        x1,
        bottom: height - y0,
    }
}

/// Millimetres in points.
fn mm(v: f64) -> f64 {
    v * 72.0 / 25.4
}

/// Asserts the rules of one signature block on page `page` of `pdf`:
/// the image of `role` between the lines `title` and `name`, centred on
/// the title within 2 pt; with `seal` (its diameter in mm), the seal a
/// square of that size, vertically centred on the image, its right edge
/// a third of the way into it.
fn assert_placed(
    pdf: &Path,
    boxes: &[SignBox],
    (role, page): (&str, usize),
    (title, name, right_of): (&str, &str, f64),
    seal: Option<f64>,
) {
    let height = page_height(pdf);
    let signer = boxes
        .iter()
        .find(|b| b.role == role && b.page == page)
        .unwrap_or_else(|| {
            panic!(
                "a {role} box on page {page} of {}: {boxes:?}",
                pdf.display()
            )
        });
    let image = from_top(signer, height);
    let title = line(pdf, page, title, right_of);
    let name = line(pdf, page, name, right_of);
    // Within what the rounding of the page size (`pdfinfo` gives it to
    // the hundredth of a point) leaves unsure.
    assert!(
        image.top >= title.bottom - 0.02 && image.bottom <= name.top + 0.02,
        "{role} {image:?} between {title:?} and {name:?}"
    );
    assert!(image.bottom - image.top > 20.0, "{image:?}");
    assert!(
        (image.centre() - title.centre()).abs() <= 2.0,
        "{image:?} centred on {title:?}"
    );
    let Some(diameter) = seal else { return };
    let seal = boxes
        .iter()
        .find(|b| b.role == "seal" && b.page == page)
        .map(|b| from_top(b, height))
        .expect("a seal box");
    for side in [seal.x1 - seal.x0, seal.bottom - seal.top] {
        assert!(
            (side - mm(diameter)).abs() <= 0.5,
            "{seal:?}: {diameter} mm"
        );
    }
    let third = image.x0 + (image.x1 - image.x0) / 3.0;
    assert!(
        (seal.x1 - third).abs() <= 0.5,
        "{seal:?} over the left third of {image:?}"
    );
    assert!(seal.x0 < image.x0, "{seal:?} starts left of {image:?}");
    let middle = |e: &Extent| (e.top + e.bottom) / 2.0;
    assert!(
        (middle(&seal) - middle(&image)).abs() <= 0.5,
        "{seal:?} {image:?}"
    );
}

#[test]
fn the_signer_image_lies_between_title_and_name_and_the_seal_over_its_left_third() {
    let dir = tempfile::tempdir().unwrap();
    let data = example(dir.path());
    let out = dir.path().join("out");
    build_ok(&data, &out, &["--no-progress"]);
    let all = entries(&out);
    let block = ("BÍ THƯ", "Lò Văn Minh", 300.0);

    let plan = &all["ke-hoach.pdf"];
    assert_eq!(plan.sign_boxes.len(), 2, "{:?}", plan.sign_boxes);
    assert_placed(
        &out.join("ke-hoach.pdf"),
        &plan.sign_boxes,
        ("signer", 1),
        block,
        Some(36.0),
    );
    // Named by the file read and its bytes.
    let signer = &plan.sign_boxes[0];
    let image = dir.path().join(SIGNER_IMAGE).canonicalize().unwrap();
    assert_eq!(signer.image, image.display().to_string());
    assert_eq!(
        signer.image_sha256,
        vanban::output::sha256_hex(&std::fs::read(&image).unwrap())
    );
    // A 3:1 image keeps its shape.
    let [x0, y0, x1, y1] = signer.rect;
    assert!(
        ((x1 - x0) / (y1 - y0) - 3.0).abs() < 0.01,
        "{:?}",
        signer.rect
    );

    let letters: Vec<&ManifestEntry> = all.values().filter(|e| e.kind == "invitation").collect();
    assert_eq!(letters.len(), 5);
    for letter in &letters {
        assert_eq!(letter.sign_boxes.len(), 2, "{}", letter.path);
        assert_placed(
            &out.join(&letter.path),
            &letter.sign_boxes,
            ("signer", 1),
            block,
            Some(36.0),
        );
    }
    // The print file: one pair a letter, on that letter's page.
    let print = &all[&format!("{LETTERS}-ban-in.pdf")];
    let pages: Vec<usize> = print.sign_boxes.iter().map(|b| b.page).collect();
    assert_eq!(pages, [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    for page in 1..=5 {
        assert_placed(
            &out.join(&print.path),
            &print.sign_boxes,
            ("signer", page),
            block,
            Some(36.0),
        );
    }
    // Sheets have none.
    assert!(
        all.values()
            .filter(|e| e.kind == "recipients")
            .all(|e| e.sign_boxes.is_empty())
    );
}

/// The state meeting invitation of the examples in `dir`, with addressed
/// copies of two pages each, signed jointly: a cosigner with an image
/// of their own.
fn meeting(dir: &Path) -> PathBuf {
    write_png(&dir.join("ky/quyet.png"), (500, 250), [20, 40, 200], 0);
    write_png(&dir.join("ky/hai.png"), (300, 300), [20, 40, 200], 1);
    write_png(&dir.join("dau/ubnd.png"), (300, 300), [210, 20, 30], 0);
    let text = std::fs::read_to_string(root().join("data/giay-moi-hop-ubnd.yaml")).unwrap();
    let text = text
        .replacen("  code: UBND\n", "  code: UBND\n  seal: { image: dau/ubnd.png, diameter: 40 }\n", 1)
        .replacen(
            "  name: Đinh Văn Quyết\n",
            "  name: Đinh Văn Quyết\n  image: ky/quyet.png\ncosigner:\n  mode: tm\n  body: BAN THƯỜNG VỤ\n  title: BÍ THƯ\n  name: Nguyễn Văn Hai\n  image: ky/hai.png\n",
            1,
        );
    let data = dir.join("giay-moi.yaml");
    std::fs::write(&data, text).unwrap();
    data
}

#[test]
fn addressed_copies_and_their_print_file_point_at_the_page_of_each_signature() {
    let dir = tempfile::tempdir().unwrap();
    let data = meeting(dir.path());
    let out = dir.path().join("out");
    build_ok(&data, &out, &["--no-progress"]);
    let all = entries(&out);
    let lead = ("PHÓ CHÁNH VĂN PHÒNG", "Đinh Văn Quyết", 300.0);
    let co = ("BÍ THƯ", "Nguyễn Văn Hai", 0.0);
    let plan = &all["giay-moi-hop.pdf"];
    let roles: Vec<&str> = plan.sign_boxes.iter().map(|b| b.role.as_str()).collect();
    assert_eq!(roles, ["cosigner", "signer", "seal"]);
    assert_placed(
        &out.join(&plan.path),
        &plan.sign_boxes,
        ("signer", 2),
        lead,
        Some(40.0),
    );
    assert_placed(
        &out.join(&plan.path),
        &plan.sign_boxes,
        ("cosigner", 2),
        co,
        None,
    );

    let copies: Vec<&ManifestEntry> = all.values().filter(|e| e.kind == "meeting-copy").collect();
    assert_eq!(copies.len(), 10);
    let signatures = |boxes: &[SignBox]| -> Vec<SignBox> {
        boxes.iter().filter(|b| b.role != "copy").cloned().collect()
    };
    for copy in &copies {
        // Two pages: the signatures on the second, as in the copy's own
        // file; on the first, the place of the organisation's signature on
        // a copy (its number and time, top right).
        let (first, rest) = copy.sign_boxes.split_first().unwrap();
        assert_eq!((first.role.as_str(), first.page), ("copy", 1), "{copy:?}");
        assert!(
            first.text.starts_with("Số") && first.image.is_empty(),
            "{first:?}"
        );
        assert!(rest.iter().all(|b| b.page == 2), "{copy:?}");
        assert_eq!(
            signatures(&copy.sign_boxes),
            plan.sign_boxes,
            "{}",
            copy.path
        );
    }
    let print = &all["giay-moi/giay-moi-hop-ban-in.pdf"];
    assert_eq!(print.sign_boxes.len(), 40);
    let print_signatures = signatures(&print.sign_boxes);
    let text = pdftotext(&out.join(&print.path));
    let pages: Vec<&str> = text.split('\u{c}').collect();
    for (k, copy) in copies.iter().enumerate() {
        let page = 2 * k + 2;
        assert_eq!(
            print.sign_boxes[4 * k].page,
            page - 1,
            "the copy's place on its first page"
        );
        let at: Vec<&SignBox> = print_signatures[3 * k..3 * k + 3].iter().collect();
        assert!(at.iter().all(|b| b.page == page), "{at:?}");
        // Copy k's addressee on the page before, its signers on this one.
        let to = copy.delegate.as_deref().unwrap();
        assert!(
            squeeze(pages[page - 2]).contains(&squeeze(to)),
            "{to} on page {}",
            page - 1
        );
        assert!(pages[page - 1].contains("Đinh Văn Quyết"), "page {page}");
        assert_placed(
            &out.join(&print.path),
            &print.sign_boxes,
            ("signer", page),
            lead,
            Some(40.0),
        );
        assert_placed(
            &out.join(&print.path),
            &print.sign_boxes,
            ("cosigner", page),
            co,
            None,
        );
    }
}

#[test]
fn images_in_the_data_change_no_byte_of_any_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let data = example(dir.path());
    let plain = dir.path().join("plain.yaml");
    std::fs::write(
        &plain,
        without_images(&std::fs::read_to_string(&data).unwrap()),
    )
    .unwrap();
    let (signed, unsigned) = (dir.path().join("signed"), dir.path().join("unsigned"));
    let env = [("SOURCE_DATE_EPOCH", "1700000000")];
    for (d, out) in [(&data, &signed), (&plain, &unsigned)] {
        let o = vanban_env(
            &[
                "build",
                d.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "--no-progress",
            ],
            &env,
        );
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let (with, without) = (entries(&signed), entries(&unsigned));
    assert_eq!(
        with.keys().collect::<Vec<_>>(),
        without.keys().collect::<Vec<_>>()
    );
    let pdfs: Vec<&String> = with.keys().filter(|p| p.ends_with(".pdf")).collect();
    assert_eq!(pdfs.len(), 9);
    for path in pdfs {
        assert_eq!(
            std::fs::read(signed.join(path)).unwrap(),
            std::fs::read(unsigned.join(path)).unwrap(),
            "{path}"
        );
        assert!(without[path].sign_boxes.is_empty(), "{path}");
    }
    assert!(!with["ke-hoach.pdf"].sign_boxes.is_empty());
}

#[test]
fn each_bad_image_is_an_error_at_its_place_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let data = example(dir.path());
    // An opaque PNG: RGB, no alpha, no tRNS.
    let opaque = dir.path().join("dau/opaque.png");
    {
        let file = std::fs::File::create(&opaque).unwrap();
        let mut e = png::Encoder::new(file, 4, 4);
        e.set_color(png::ColorType::Rgb);
        let mut w = e.write_header().unwrap();
        w.write_image_data(&[200; 48]).unwrap();
    }
    std::fs::write(
        dir.path().join("chu-ky/scan.jpg.png"),
        b"\xff\xd8\xff\xe0\0\x10JFIF\0",
    )
    .unwrap();
    edit(
        &data,
        "dau/dang-uy-xa-na-tam.png, diameter: 36",
        "dau/opaque.png, diameter: 80",
    );
    edit(
        &data,
        "image: chu-ky/lo-van-minh.png",
        "image: chu-ky/khong-co.png",
    );
    edit(
        &data,
        "      summons: true\n",
        "      summons: true\n      signature: { mode: tm, body: BAN THƯỜNG VỤ, title: PHÓ BÍ THƯ, name: Lò Thị Hoa, image: chu-ky/scan.jpg.png }\n",
    );
    let out = dir.path().join("out");
    let err = build_fails(&data, &out, &["--no-progress"]);
    let at = |name: &str| dir.path().join(name).display().to_string();
    says(
        &err,
        &[
            &format!(
                "error: `{}` has no transparent background: it is RGB without an alpha channel\n   ┌─ {}\n",
                at("dau/opaque.png"),
                place(&data, "dau/opaque.png", 0)
            ),
            "= hint: save it as PNG with transparency (an alpha channel), the background removed: the image is drawn over the lines of the signature block",
            &format!(
                "error: value 80 is out of range (20–60)\n   ┌─ {}\n",
                place(&data, "diameter: 80", 10)
            ),
            &format!(
                "error: cannot read `{}`: No such file or directory (os error 2)\n   ┌─ {}\n",
                at("chu-ky/khong-co.png"),
                place(&data, "chu-ky/khong-co.png", 0)
            ),
            "= hint: check the name; the path is relative to the folder of the data file",
            &format!(
                "error: `{}` is not a PNG image: it is a JPEG image\n   ┌─ {}\n",
                at("chu-ky/scan.jpg.png"),
                place(&data, "chu-ky/scan.jpg.png", 0)
            ),
            "= hint: signature and seal images are PNG files with a transparent background: save the image as PNG",
            "4 errors; nothing was written",
        ],
    );
    // `vanban check` says the same.
    let (code, checked) = checked(&data);
    assert_eq!(code, 1, "{checked}");
    says(
        &checked,
        &[
            "is not a PNG image: it is a JPEG image",
            "value 80 is out of range (20–60)",
        ],
    );
}

#[test]
fn an_image_outside_the_data_folder_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let inside = dir.path().join("data");
    let data = example(&inside);
    write_png(&dir.path().join("other/ky.png"), (60, 20), [20, 40, 200], 0);
    edit(
        &data,
        "image: chu-ky/lo-van-minh.png",
        "image: ../other/ky.png",
    );
    let out = dir.path().join("out");
    let err = build_fails(&data, &out, &["--no-progress"]);
    says(
        &err,
        &["ky.png` is outside the folder", "`--allow-dir FOLDER`"],
    );
    // Allowed, it is read.
    let other = dir.path().join("other");
    build_ok(
        &data,
        &out,
        &["--no-progress", "--allow-dir", other.to_str().unwrap()],
    );
}

#[test]
fn a_seal_needs_the_image_of_every_signer_it_goes_with() {
    let dir = tempfile::tempdir().unwrap();
    let data = example(dir.path());
    edit(&data, "  image: chu-ky/lo-van-minh.png\n", "");
    let err = build_fails(&data, &dir.path().join("out"), &["--no-progress"]);
    says(
        &err,
        &[
            &format!(
                "error: `issuer.seal` is drawn over the signer's image, and Lò Văn Minh has none\n   ┌─ {}\n",
                place(&data, "name: Lò Văn Minh", 6)
            ),
            "= hint: add `image:` with this signer's signature (a PNG with a transparent background), or drop `issuer.seal`",
        ],
    );
}

/// Paths whose entry's inputs differ between two manifests.
fn remade(a: &BTreeMap<String, ManifestEntry>, b: &BTreeMap<String, ManifestEntry>) -> Vec<String> {
    a.iter()
        .filter(|(p, e)| b.get(*p).is_none_or(|f| f.inputs != e.inputs))
        .map(|(p, _)| p.clone())
        .collect()
}

#[test]
fn a_changed_image_remakes_exactly_the_files_that_use_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = example(dir.path());
    // The letters signed by a deputy, with an image of her own.
    write_png(
        &dir.path().join("chu-ky/lo-thi-hoa.png"),
        (400, 200),
        [20, 40, 200],
        0,
    );
    edit(
        &data,
        "      summons: true\n",
        "      summons: true\n      signature: { mode: tm, body: BAN THƯỜNG VỤ, title: PHÓ BÍ THƯ, name: Lò Thị Hoa, image: chu-ky/lo-thi-hoa.png }\n",
    );
    let out = dir.path().join("out");
    build_ok(&data, &out, &["--no-progress"]);
    let first = entries(&out);
    let letters: Vec<String> = first
        .keys()
        .filter(|p| p.starts_with(&format!("{LETTERS}/")) || *p == &format!("{LETTERS}-ban-in.pdf"))
        .cloned()
        .collect();
    assert_eq!(letters.len(), 6);
    let hoa = &first[&format!("{LETTERS}/001-lo-van-khiem.pdf")].sign_boxes[0];
    assert!(hoa.image.ends_with("lo-thi-hoa.png"), "{hoa:?}");

    // The deputy's image: her letters and their print file.
    write_png(
        &dir.path().join("chu-ky/lo-thi-hoa.png"),
        (400, 200),
        [20, 40, 200],
        2,
    );
    let o = build_ok(&data, &out, &["--no-progress"]);
    let second = entries(&out);
    assert_eq!(remade(&second, &first), letters, "{}", stderr(&o));
    assert_ne!(
        second[&letters[0]].sign_boxes[0].image_sha256,
        hoa.image_sha256
    );

    // The document's signer: the plan alone.
    write_png(&dir.path().join(SIGNER_IMAGE), (600, 200), [20, 40, 200], 2);
    build_ok(&data, &out, &["--no-progress"]);
    let third = entries(&out);
    assert_eq!(remade(&third, &second), ["ke-hoach.pdf"]);

    // The seal: all that it goes with, not the sheets.
    write_png(&dir.path().join(SEAL_IMAGE), (400, 400), [210, 20, 30], 2);
    build_ok(&data, &out, &["--no-progress"]);
    let fourth = entries(&out);
    let mut sealed = letters.clone();
    sealed.push("ke-hoach.pdf".into());
    sealed.sort();
    assert_eq!(remade(&fourth, &third), sealed);

    // The same bytes under another name: nothing is made, the manifest
    // names the file where it is now.
    std::fs::rename(dir.path().join(SEAL_IMAGE), dir.path().join("dau/moi.png")).unwrap();
    edit(&data, SEAL_IMAGE, "dau/moi.png");
    let o = build_ok(&data, &out, &["--no-progress"]);
    let fifth = entries(&out);
    assert!(remade(&fifth, &fourth).is_empty(), "{}", stderr(&o));
    let moved = dir.path().join("dau/moi.png").canonicalize().unwrap();
    for e in fifth.values().filter(|e| !e.sign_boxes.is_empty()) {
        let seal = e.sign_boxes.iter().find(|b| b.role == "seal").unwrap();
        assert_eq!(seal.image, moved.display().to_string(), "{}", e.path);
    }
}

#[test]
fn a_letter_moved_down_the_list_keeps_its_boxes() {
    let dir = tempfile::tempdir().unwrap();
    let data = example(dir.path());
    let out = dir.path().join("out");
    build_ok(&data, &out, &["--no-progress"]);
    let before = entries(&out);
    edit(
        &data,
        "      - { name: Lò Văn Khiêm,",
        "      - { name: Quàng Văn Mới, position: Đảng viên, group: member }\n      - { name: Lò Văn Khiêm,",
    );
    build_ok(&data, &out, &["--no-progress"]);
    let after = entries(&out);
    // The old first letter is the second now, its PDF taken as it was.
    let old = &before[&format!("{LETTERS}/001-lo-van-khiem.pdf")];
    let moved = &after[&format!("{LETTERS}/002-lo-van-khiem.pdf")];
    assert_eq!(moved.sha256, old.sha256);
    assert_eq!(moved.sign_boxes, old.sign_boxes);
    let print = &after[&format!("{LETTERS}-ban-in.pdf")];
    let pages: Vec<usize> = print.sign_boxes.iter().map(|b| b.page).collect();
    assert_eq!(pages, [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6]);
}

#[test]
fn the_typst_world_serves_the_images_under_their_hashes_and_no_file_by_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let data = example(dir.path());
    let layout = std::fs::read_to_string(root().join("templates/layout/vanban.typ")).unwrap();
    let marked = "par(sign-boxes(style, sig, column) + ts(";
    assert!(layout.contains(marked));
    let drawing = |image: &str| {
        let tpl = tempfile::tempdir_in(dir.path()).unwrap();
        std::fs::create_dir_all(tpl.path().join("layout")).unwrap();
        let drawn = format!(
            "par(sign-boxes(style, sig, column) + (if sign-of(sig) != none {{ box(image({image}, width: 2cm)) }}) + ts("
        );
        std::fs::write(
            tpl.path().join("layout/vanban.typ"),
            layout.replace(marked, &drawn),
        )
        .unwrap();
        tpl
    };
    // An override that draws the image by the name the data gives it.
    let tpl = drawing("sign-of(sig).image.path");
    let out = dir.path().join("drawn");
    build_ok(
        &data,
        &out,
        &[
            "--no-progress",
            "--templates",
            tpl.path().to_str().unwrap(),
            "--only",
            "plan",
        ],
    );
    let listed = std::process::Command::new("pdfimages")
        .args(["-list", out.join("ke-hoach.pdf").to_str().unwrap()])
        .output()
        .expect("pdfimages is installed (poppler-utils)");
    let listed = String::from_utf8_lossy(&listed.stdout);
    let sizes: Vec<(&str, &str)> = listed
        .lines()
        .skip(2)
        .filter_map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            Some((*cols.get(3)?, *cols.get(4)?))
        })
        .collect();
    assert!(sizes.contains(&("600", "200")), "{listed}");
    // By its real path, the same file is not there.
    let real = dir.path().join(SIGNER_IMAGE).canonicalize().unwrap();
    let tpl = drawing(&format!("{:?}", real.display().to_string()));
    let err = build_fails(
        &data,
        &dir.path().join("refused"),
        &[
            "--no-progress",
            "--templates",
            tpl.path().to_str().unwrap(),
            "--only",
            "plan",
        ],
    );
    says(&err, &["file not found"]);
}
