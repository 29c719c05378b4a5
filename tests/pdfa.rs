//! PDF/A-2b on request (`vanban build --pdfa`, or `pdfa: true` in the
//! data): every PDF of the build is read back and held to what a PDF/A-2b
//! file must carry (ISO 19005-2), as far as can be checked without
//! veraPDF, which cannot be installed here: the structure with lopdf, the
//! syntax with `qpdf --check`, the text with `pdftotext` against the plain
//! build. Turning it on or off remakes the files; the same setting keeps
//! them.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::SystemTime;

use common::pdfa::*;
use common::*;
use lopdf::{Document, Object};

const PLAN: &str = "data/ke-hoach-dai-hoi-diem.yaml";
const MEETING: &str = "data/giay-moi-hop-ubnd.yaml";

/// Every PDF below `dir`, by path relative to it, in order.
fn pdfs(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else if p.extension().is_some_and(|x| x == "pdf") {
                out.push(p.strip_prefix(root).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// path → sha256 of every output in the manifest of `out`.
fn hashes(out: &Path) -> BTreeMap<String, String> {
    manifest(out)
        .outputs
        .into_iter()
        .map(|e| (e.path, e.sha256))
        .collect()
}

/// path → modification time of every PDF below `out`.
fn mtimes(out: &Path) -> BTreeMap<String, SystemTime> {
    pdfs(out)
        .into_iter()
        .map(|p| {
            let t = std::fs::metadata(out.join(&p)).unwrap().modified().unwrap();
            (p, t)
        })
        .collect()
}

/// Builds `data` plainly and with `--pdfa`, and holds every PDF of the
/// second to PDF/A-2b and to the text of the first.
fn every_pdf_is_pdfa_2b_and_reads_as_the_plain_one(data: &str, expected: usize) {
    let dir = tempfile::tempdir().unwrap();
    let (plain, pdfa) = (dir.path().join("plain"), dir.path().join("pdfa"));
    let data = root().join(data);
    build_ok(&data, &plain, &["--no-progress"]);
    build_ok(&data, &pdfa, &["--no-progress", "--pdfa"]);
    let files = pdfs(&pdfa);
    assert_eq!(files.len(), expected, "{files:?}");
    assert_eq!(pdfs(&plain), files, "the same files either way");
    // The checks tell one from the other: the plain build claims nothing.
    assert!(!claims_pdfa(&plain.join(&files[0])));
    for f in &files {
        let path = pdfa.join(f);
        assert_pdfa_2b(&path);
        qpdf_check(&path);
        assert_eq!(
            pdftotext(&path),
            pdftotext(&plain.join(f)),
            "{f}: the same text as without PDF/A"
        );
    }
}

#[test]
fn every_pdf_of_the_plan_example_is_pdfa_2b_and_reads_as_without() {
    // The plan and its sheet, 598 letters, 3 print files, 3 event sheets.
    every_pdf_is_pdfa_2b_and_reads_as_the_plain_one(PLAN, 606);
}

#[test]
fn every_pdf_of_the_meeting_example_is_pdfa_2b_and_reads_as_without() {
    // The invitation, its sheet, 10 addressed copies and their print file.
    every_pdf_is_pdfa_2b_and_reads_as_the_plain_one(MEETING, 13);
}

#[test]
fn pdfa_true_in_the_data_does_what_the_flag_does() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join(MEETING)).unwrap();
    let switched = dir.path().join("switched.yaml");
    std::fs::write(&switched, format!("{text}\npdfa: true\n")).unwrap();
    let (by_data, by_flag) = (dir.path().join("data"), dir.path().join("flag"));
    build_ok(&switched, &by_data, &["--no-progress"]);
    build_ok(
        &root().join(MEETING),
        &by_flag,
        &["--no-progress", "--pdfa"],
    );
    let files = pdfs(&by_flag);
    assert_eq!(pdfs(&by_data), files);
    for f in &files {
        assert!(claims_pdfa(&by_data.join(f)), "{f}");
        assert_eq!(
            std::fs::read(by_data.join(f)).unwrap(),
            std::fs::read(by_flag.join(f)).unwrap(),
            "{f}: the same bytes by the data as by the flag"
        );
    }
    // Off in the data and on by the flag: on.
    let off = dir.path().join("off.yaml");
    std::fs::write(&off, format!("{text}\npdfa: false\n")).unwrap();
    let out = dir.path().join("off-flag");
    build_ok(&off, &out, &["--no-progress", "--pdfa"]);
    assert!(claims_pdfa(&out.join(&files[0])));

    // Not a yes or no: pointed at, nothing written.
    let wrong = dir.path().join("wrong.yaml");
    std::fs::write(&wrong, format!("{text}\npdfa: sometimes\n")).unwrap();
    let err = build_fails(&wrong, &dir.path().join("wrong"), &["--no-progress"]);
    says(&err, &["pdfa", "wrong.yaml:"]);
}

#[test]
fn turning_pdfa_on_or_off_remakes_every_file_and_the_same_setting_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let data = root().join(MEETING);
    build_ok(&data, &out, &["--no-progress"]);
    let plain = hashes(&out);
    assert_eq!(plain.len(), 13);

    let on = build_ok(&data, &out, &["--no-progress", "--pdfa"]);
    says(
        &stderr(&on),
        &["13 changed, 0 added, 0 removed, 0 unchanged"],
    );
    let archival = hashes(&out);
    for (path, hash) in &archival {
        assert_ne!(plain.get(path), Some(hash), "{path} was made again");
        assert!(claims_pdfa(&out.join(path)), "{path}");
    }

    // The same setting again: nothing made, nothing touched.
    let times = mtimes(&out);
    let again = build_ok(&data, &out, &["--no-progress", "--pdfa"]);
    says(
        &stderr(&again),
        &["0 changed, 0 added, 0 removed, 13 unchanged"],
    );
    assert_eq!(mtimes(&out), times);

    // Off: the plain files again, to the byte; on: the PDF/A ones.
    let off = build_ok(&data, &out, &["--no-progress"]);
    says(
        &stderr(&off),
        &["13 changed, 0 added, 0 removed, 0 unchanged"],
    );
    assert_eq!(hashes(&out), plain);
    let off_again = build_ok(&data, &out, &["--no-progress"]);
    says(&stderr(&off_again), &["13 unchanged"]);
    build_ok(&data, &out, &["--no-progress", "--pdfa"]);
    assert_eq!(hashes(&out), archival, "the same bytes on every run");
}

#[test]
fn a_pdfa_rebuild_after_one_edit_gives_the_bytes_of_a_build_from_scratch() {
    // The print file and the sheet take their unchanged pages from the
    // last ones, which are PDF/A: what they carry must come along.
    let dir = tempfile::tempdir().unwrap();
    let data = example_copy(dir.path());
    let out = dir.path().join("out");
    build_ok(&data, &out, &["--no-progress", "--pdfa"]);
    let csv = dir.path().join("dai-bieu/chi-bo-02-na-phat.csv");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("Tao Thị Phiêng"));
    std::fs::write(&csv, text.replacen("Tao Thị Phiêng", "Tao Thị Phiềng", 1)).unwrap();
    let o = build_ok(&data, &out, &["--no-progress", "--pdfa"]);
    says(
        &stderr(&o),
        &["3 changed, 0 added, 0 removed, 603 unchanged"],
    );
    let print = out.join("giay-moi/chi-bo-02-ban-na-phat-ban-in.pdf");
    assert_pdfa_2b(&print);
    assert!(pdftotext(&print).contains("Tao Thị Phiềng"));

    let clean = dir.path().join("clean");
    build_ok(&data, &clean, &["--no-progress", "--pdfa"]);
    assert_eq!(hashes(&clean), hashes(&out));
}

/// A PDF/A build signed by the signer and by the organisation stays
/// PDF/A: the checklist holds on every signed file, each widget is printed
/// and has its appearance, the images drawn in it have an ICC colour
/// space, and both verifiers accept both signatures.
#[test]
fn a_pdfa_build_signed_twice_stays_pdfa_2b() {
    let dir = tempfile::tempdir().unwrap();
    let pki = common::pki::Pki::new(dir.path(), "Lò Văn Minh", "365");
    let out = dir.path().join("out");
    build_ok(
        &root().join("data/ke-hoach-dang-uy-xa-2026.yaml"),
        &out,
        &["--pdfa"],
    );
    for role in ["signer", "organisation"] {
        let o = vanban_env(
            &[
                "sign",
                out.to_str().unwrap(),
                "--p12",
                &pki.path("modern.p12"),
                "--role",
                role,
            ],
            &[("VANBAN_PIN", "secret")],
        );
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let m = manifest(&out);
    let signed: Vec<_> = m.outputs.iter().filter(|e| e.signed.is_some()).collect();
    assert_eq!(signed.len(), 7);
    let mut images = 0;
    for e in signed {
        let path = out.join(&e.path);
        assert_pdfa_2b(&path);
        qpdf_check(&path);
        let said =
            String::from_utf8_lossy(&Command::new("pdfsig").arg(&path).output().unwrap().stdout)
                .into_owned();
        assert_eq!(said.matches("Signature is Valid.").count(), 2, "{said}");
        let doc = Document::load(&path).unwrap();
        for (_, page) in doc.get_pages() {
            let Ok(annots) = doc.get_dictionary(page).unwrap().get(b"Annots") else {
                continue;
            };
            for a in annots.as_array().unwrap() {
                let w = doc.get_dictionary(a.as_reference().unwrap()).unwrap();
                assert_eq!(w.get(b"F").unwrap().as_i64().unwrap() & 4, 4, "printed");
                let res = appearance_resources(&doc, w);
                let Ok(xobjects) = res.get(b"XObject").and_then(Object::as_dict) else {
                    continue;
                };
                for (_, x) in xobjects.iter() {
                    let x = doc
                        .get_object(x.as_reference().unwrap())
                        .unwrap()
                        .as_stream()
                        .unwrap();
                    if x.dict.get(b"Subtype").unwrap().as_name().unwrap() != b"Image" {
                        continue;
                    }
                    images += 1;
                    let cs = x.dict.get(b"ColorSpace").unwrap();
                    let cs = match cs {
                        Object::Reference(id) => doc.get_object(*id).unwrap(),
                        other => other,
                    };
                    let array = cs
                        .as_array()
                        .unwrap_or_else(|_| panic!("{}: {cs:?}", e.path));
                    assert_eq!(array[0].as_name().unwrap(), b"ICCBased", "{}", e.path);
                }
            }
        }
    }
    // The signer's image and the seal on the plan, on the 5 letters.
    assert_eq!(
        images, 12,
        "two images in each of 6 files (print files show none)"
    );
}
