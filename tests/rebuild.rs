//! Incremental rebuilds: an edit remakes exactly the outputs it touches,
//! and the result is the same as a build from scratch.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

use common::*;
use vanban::output::Manifest;

/// path → sha256 of every output in a manifest.
fn hashes(out: &Path) -> BTreeMap<String, String> {
    let m: Manifest = manifest(out);
    m.outputs.into_iter().map(|e| (e.path, e.sha256)).collect()
}

/// Paths whose hash differs, or that only one side has.
fn differences(a: &BTreeMap<String, String>, b: &BTreeMap<String, String>) -> Vec<String> {
    let mut d: Vec<String> = a
        .iter()
        .filter(|(p, h)| b.get(*p) != Some(*h))
        .map(|(p, _)| p.clone())
        .chain(b.keys().filter(|p| !a.contains_key(*p)).cloned())
        .collect();
    d.sort();
    d.dedup();
    d
}

/// Modification time of every output below `dir`, by relative path (not
/// the tool's own `.vanban/`, which records the outputs' times).
fn mtimes(dir: &Path) -> BTreeMap<String, SystemTime> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, SystemTime>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if e.file_name() == ".vanban" {
                continue;
            }
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                out.insert(rel, e.metadata().unwrap().modified().unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Replaces `from` by `to` once in the file at `path`.
fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} contains {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

const LETTERS: &str = "giay-moi/chi-bo-02-ban-na-phat";

#[test]
fn one_name_corrected_remakes_its_letter_the_print_file_and_the_sheet_only() {
    let dir = tempfile::tempdir().unwrap();
    let data = example_copy(dir.path());
    let out = dir.path().join("out");
    build_ok(&data, &out, &["--no-progress"]);
    let before = hashes(&out);
    let times = mtimes(&out);

    edit(
        &dir.path().join("dai-bieu/chi-bo-02-na-phat.csv"),
        "Tao Thị Phiêng",
        "Tao Thị Phiềng",
    );
    let o = build_ok(&data, &out, &["--no-progress"]);
    let after = hashes(&out);
    let letter = format!("{LETTERS}/004-tao-thi-phieng.pdf");
    assert_eq!(
        differences(&before, &after),
        [
            format!("{LETTERS}-ban-in.pdf"),
            format!("{LETTERS}-noi-nhan.pdf"),
            letter.clone(),
        ],
        "exactly the letter, the print file and the event's sheet change"
    );
    assert!(
        stderr(&o).contains("3 changed, 0 added, 0 removed, 603 unchanged"),
        "{}",
        stderr(&o)
    );
    assert!(pdftotext(&out.join(&letter)).contains("Tao Thị Phiềng"));
    assert!(pdftotext(&out.join(format!("{LETTERS}-ban-in.pdf"))).contains("Tao Thị Phiềng"));
    // Nothing else was even rewritten.
    let new_times = mtimes(&out);
    for (path, t) in &times {
        if path != "manifest.json" && !differences(&before, &after).contains(path) {
            assert_eq!(new_times.get(path), Some(t), "{path} was not touched");
        }
    }

    // The same bytes as a build from scratch.
    let clean = dir.path().join("clean");
    build_ok(&data, &clean, &["--no-progress"]);
    assert_eq!(hashes(&clean), after);
}

#[test]
fn an_unchanged_rebuild_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = example_copy(dir.path());
    let out = dir.path().join("out");
    build_ok(&data, &out, &["--no-progress"]);
    let times = mtimes(&out);
    let o = build_ok(&data, &out, &["--no-progress"]);
    assert!(
        stderr(&o).contains("0 changed, 0 added, 0 removed, 606 unchanged"),
        "{}",
        stderr(&o)
    );
    assert_eq!(mtimes(&out), times, "no file written, none left behind");

    // --force makes everything again, to the same bytes.
    let before = hashes(&out);
    let o = build_ok(&data, &out, &["--no-progress", "--force"]);
    assert!(
        stderr(&o).contains("0 changed, 0 added, 0 removed, 606 unchanged"),
        "{}",
        stderr(&o)
    );
    assert_eq!(hashes(&out), before);
    let letter = format!("{LETTERS}/001-cam-van-kham.pdf");
    assert_ne!(mtimes(&out)[&letter], times[&letter], "--force rewrote it");
}

#[test]
fn a_removed_delegate_loses_the_letter_and_an_inserted_one_moves_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let data = example_copy(dir.path());
    let out = dir.path().join("out");
    let list = dir.path().join("dai-bieu/chi-bo-02-na-phat.csv");
    build_ok(&data, &out, &["--no-progress"]);
    let before = hashes(&out);

    // Remove delegate 4 (Tao Thị Phiêng): 5… move up to 4….
    let text = std::fs::read_to_string(&list).unwrap();
    let row = text
        .lines()
        .find(|l| l.contains("Tao Thị Phiêng"))
        .unwrap()
        .to_string();
    // (The list has Excel's CRLF line ends.)
    let without = text.replacen(&format!("{row}\r\n"), "", 1);
    assert_ne!(without, text);
    std::fs::write(&list, without).unwrap();
    // The plan's count for the unit follows the list (12 + 269 = 281).
    let o = build_ok(&data, &out, &["--no-progress"]);
    let after = hashes(&out);
    let letters: Vec<&String> = after.keys().filter(|p| p.starts_with(LETTERS)).collect();
    assert!(
        !out.join(format!("{LETTERS}/004-tao-thi-phieng.pdf"))
            .exists()
    );
    assert!(!after.contains_key(&format!("{LETTERS}/004-tao-thi-phieng.pdf")));
    assert_eq!(
        pdftotext(&out.join(format!("{LETTERS}-ban-in.pdf")))
            .matches('\u{c}')
            .count(),
        281,
        "the print file has one page per remaining delegate"
    );
    // Delegate 5 is now letter 4: the same PDF under its new number.
    let moved = format!("{LETTERS}/004-luong-van-khiem.pdf");
    assert_eq!(
        after[&moved],
        before[&format!("{LETTERS}/005-luong-van-khiem.pdf")]
    );
    assert!(letters.len() >= 283, "{}", letters.len());
    let err = stderr(&o);
    assert!(err.contains(" removed, "), "{err}");

    // Same as from scratch.
    let clean = dir.path().join("clean");
    build_ok(&data, &clean, &["--no-progress"]);
    assert_eq!(hashes(&clean), after);

    // Put it back: the first build's files again.
    std::fs::write(&list, text).unwrap();
    build_ok(&data, &out, &["--no-progress"]);
    assert_eq!(hashes(&out), before);
}

#[test]
fn a_removed_event_takes_its_files_and_folder_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = example_copy(dir.path());
    let out = dir.path().join("out");
    build_ok(&data, &out, &["--no-progress"]);
    // The last event goes; its unit keeps its counts in the plan.
    let text = std::fs::read_to_string(&data).unwrap();
    let third = text.find("\n  - unit: ban-hon").expect("third event");
    let text = text[..third + 1].replacen(
        "    deadline: 2025-03-31\n    max_days: 2\n\n",
        "    deadline: 2025-03-31\n    max_days: 2\n    members: 195\n    invited: 55\n\n",
        1,
    );
    std::fs::write(&data, text).unwrap();
    let o = build(&data, &out, &["--no-progress"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!out.join("giay-moi/dang-bo-xa-ban-hon").exists());
    assert!(!out.join("giay-moi/dang-bo-xa-ban-hon-ban-in.pdf").exists());
    assert!(
        hashes(&out).keys().all(|p| !p.contains("ban-hon")),
        "the manifest forgets them"
    );
    assert!(stderr(&o).contains("252 removed"), "{}", stderr(&o));
}

#[test]
fn only_one_kind_leaves_the_others_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let data = example_copy(dir.path());
    let out = dir.path().join("out");
    build_ok(&data, &out, &["--no-progress"]);
    let before = hashes(&out);
    let o = build_ok(&data, &out, &["--no-progress", "--only", "plan", "--force"]);
    assert!(
        stderr(&o).contains("0 removed, 606 unchanged"),
        "{}",
        stderr(&o)
    );
    assert_eq!(hashes(&out), before);
}

#[test]
fn a_letter_is_the_same_whatever_batch_it_was_compiled_in() {
    use vanban::build::Engine;
    use vanban::templates::Templates;
    let engine = Engine::new(Templates::new(None), &[]).unwrap();
    // Plain and PDF/A-2b (`--pdfa`): a letter cut from a PDF/A batch gets
    // an XMP of its own, the same whatever else was in the batch.
    for pdfa in [false, true] {
        let mut project = engine
            .load(&root().join("data/ke-hoach-dai-hoi-diem.yaml"))
            .unwrap();
        project.data.pdfa = pdfa;
        let preset = engine.preset(&project).unwrap();
        let event = &project.events[0];
        let alone = engine.letter_pdfs(&project, &preset, event, 1, 20).unwrap();
        assert_eq!(alone.len(), 20);
        let claims = |pdf: &[u8]| pdf.windows(12).any(|w| w == b"pdfaid:part>");
        assert!(
            alone.iter().all(|(_, pdf)| claims(pdf) == pdfa),
            "PDF/A {pdfa}"
        );
        for chunk in [7, 20] {
            let batched = engine
                .letter_pdfs(&project, &preset, event, chunk, 20)
                .unwrap();
            assert!(
                batched == alone,
                "letters compiled {chunk} to a batch differ from letters compiled alone (PDF/A {pdfa})"
            );
        }
        // And the build writes those very bytes (at its own batch size).
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let mut args = vec!["--no-progress", "--only", "invitations"];
        if pdfa {
            args.push("--pdfa");
        }
        build_ok(&root().join("data/ke-hoach-dai-hoi-diem.yaml"), &out, &args);
        let m: Manifest = manifest(&out);
        let first = m
            .outputs
            .iter()
            .find(|e| e.path == format!("{LETTERS}/001-cam-van-kham.pdf"))
            .unwrap();
        assert_eq!(std::fs::read(out.join(&first.path)).unwrap(), alone[0].1);
    }
}

#[test]
fn each_page_of_a_distribution_sheet_is_typeset_on_its_own_and_fits_its_page() {
    let dir = tempfile::tempdir().unwrap();
    let data = example_copy(dir.path());
    let out = dir.path().join("out");
    build_ok(&data, &out, &["--no-progress", "--only", "recipients"]);
    let m: Manifest = manifest(&out);
    let sheets = sheets(&m);
    assert_eq!(sheets.len(), 4);
    for sheet in sheets {
        // A page's rows were measured before typesetting: had they not
        // fitted, the part would have run onto a second page.
        assert!(
            sheet.parts.iter().all(|p| p.pages == 1),
            "{}: {:?}",
            sheet.path,
            sheet.parts.iter().map(|p| p.pages).collect::<Vec<_>>()
        );
        let info = poppler("pdfinfo", &out.join(&sheet.path));
        let pages = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse::<usize>().ok());
        assert_eq!(pages, Some(sheet.parts.len()), "{info}");
    }
    // 284 rows of one to six lines: pages are filled, not cut short (21
    // pages; an estimate on the safe side took 24).
    let long = format!("{LETTERS}-noi-nhan.pdf");
    let long = m.outputs.iter().find(|e| e.path == long).unwrap();
    assert!(long.parts.len() <= 21, "{} pages", long.parts.len());
    let text = pdftotext(&out.join(&long.path));
    assert!(text.contains("284"), "every row is there");
}

/// Runs `vanban build DATA --out OUT --no-progress` in Vietnamese and
/// asserts success; its lines on stderr.
fn build_vi(data: &Path, out: &Path) -> Vec<String> {
    let o = vanban_env(
        &[
            "build",
            data.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--no-progress",
        ],
        &[("VANBAN_LANG", "vi")],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    stderr(&o).lines().map(str::to_string).collect()
}

#[test]
fn in_vietnamese_a_build_and_a_rebuild_say_what_they_made_kept_and_made_again() {
    let dir = tempfile::tempdir().unwrap();
    let data = root().join("data/ke-hoach-dang-uy-xa-2026.yaml");
    let out = dir.path().join("out");
    let summary =
        "1 văn bản, 5 giấy mời cho 5 đại biểu (4 triệu tập, 1 mời), 1 bản in, 2 phiếu Nơi nhận";

    let said = build_vi(&data, &out);
    assert!(said.iter().any(|l| l == summary), "{said:#?}");
    let last = said.last().unwrap();
    assert!(
        last.ends_with(": 0 tệp đã đổi, 9 tệp mới, 0 tệp đã xóa, 0 tệp giữ nguyên"),
        "{said:#?}"
    );

    // Nothing changed: every file kept.
    let said = build_vi(&data, &out);
    assert!(said.iter().any(|l| l == summary), "{said:#?}");
    assert!(
        said.last()
            .unwrap()
            .ends_with(": 0 tệp đã đổi, 0 tệp mới, 0 tệp đã xóa, 9 tệp giữ nguyên"),
        "{said:#?}"
    );

    // A print file deleted by hand is made again, with a warning.
    let print = out.join("giay-moi/chi-bo-thon-ban-ta-ban-in.pdf");
    std::fs::remove_file(&print).unwrap();
    let said = build_vi(&data, &out);
    let warning = format!(
        "cảnh báo: một tệp của lần dựng trước bị thiếu hoặc đã bị sửa từ đó, và đã được tạo lại: `{}`",
        print.display()
    );
    assert!(said.contains(&warning), "{said:#?}");
    assert!(said.iter().any(|l| l == summary), "{said:#?}");
    assert!(
        said.last()
            .unwrap()
            .ends_with(": 0 tệp đã đổi, 1 tệp mới, 0 tệp đã xóa, 8 tệp giữ nguyên"),
        "{said:#?}"
    );
    assert!(print.exists());
}
