//! Output you can trust: the output folder is always the result of one
//! build (a commit cut short is undone, a failed one leaves the last build,
//! two builds take turns), and a rebuild remakes whatever the disk no
//! longer holds as the manifest says.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::*;

/// Every file below `out` (not the tool's `.vanban/`) → its SHA-256.
fn on_disk(out: &Path) -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, into: &mut BTreeMap<String, String>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if e.file_name() == ".vanban" {
                continue;
            }
            if p.is_dir() {
                walk(root, &p, into);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                into.insert(rel, vanban::output::sha256_hex(&std::fs::read(&p).unwrap()));
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(out, out, &mut files);
    files
}

/// The folder is exactly what its manifest says: every listed file with
/// its bytes, nothing else, and no commit or stage left over.
fn assert_consistent(out: &Path) {
    let mut disk = on_disk(out);
    disk.remove("manifest.json");
    let listed: BTreeMap<String, String> = manifest(out)
        .outputs
        .into_iter()
        .map(|e| (e.path, e.sha256))
        .collect();
    assert_eq!(disk, listed, "the folder is what its manifest lists");
    let state = files_in(&out.join(".vanban"));
    assert!(
        state.iter().all(|f| f == "files.json"),
        "no journal or stage left: {state:?}"
    );
}

/// The example with one name changed in each of its two CSV lists: each
/// event's letter, print file and sheet change (6 files).
fn edit_names(dir: &Path) {
    for (list, from, to) in [
        ("chi-bo-02-na-phat.csv", "Tao Thị Phiêng", "Tao Thị Phiềng"),
        ("dang-bo-ban-hon.csv", "Vàng Văn Nọi", "Vàng Văn Nội"),
    ] {
        let path = dir.join("dai-bieu").join(list);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{list} has {from}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
}

fn build_with(data: &Path, out: &Path, env: &[(&str, &str)]) -> Output {
    vanban_env(
        &[
            "build",
            data.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--no-progress",
        ],
        env,
    )
}

#[test]
fn a_build_killed_in_its_commit_is_undone_by_the_next_one() {
    let dir = tempfile::tempdir().unwrap();
    let data = example_copy(dir.path());
    let out = dir.path().join("out");
    build_ok(&data, &out, &["--no-progress"]);
    let first = on_disk(&out);
    let lists = std::fs::read_to_string(dir.path().join("dai-bieu/chi-bo-02-na-phat.csv")).unwrap();
    let other = std::fs::read_to_string(dir.path().join("dai-bieu/dang-bo-ban-hon.csv")).unwrap();

    // Killed after 3 of the changed files were moved into place.
    edit_names(dir.path());
    let o = build_with(&data, &out, &[("VANBAN_TEST_COMMIT", "abort-after:3")]);
    assert!(!o.status.success(), "the build was killed");
    assert_eq!(o.status.code(), None, "by a signal: {}", stderr(&o));
    let mixed = on_disk(&out);
    assert_ne!(mixed, first, "the kill left some files replaced");
    assert!(out.join(".vanban/journal.json").is_file());

    // The data goes back to what the first build was made from: the next
    // build puts the first build's files back, then finds nothing to do.
    std::fs::write(dir.path().join("dai-bieu/chi-bo-02-na-phat.csv"), &lists).unwrap();
    std::fs::write(dir.path().join("dai-bieu/dang-bo-ban-hon.csv"), &other).unwrap();
    let o = build_ok(&data, &out, &["--no-progress"]);
    let err = stderr(&o);
    assert!(
        err.contains("was interrupted while it replaced files; the files of the build before it were put back"),
        "{err}"
    );
    assert!(
        err.contains("0 changed, 0 added, 0 removed, 606 unchanged"),
        "{err}"
    );
    assert_eq!(on_disk(&out), first);
    assert_consistent(&out);
}

#[test]
fn a_killed_commit_then_the_same_data_gives_a_clean_build() {
    let dir = tempfile::tempdir().unwrap();
    let data = example_copy(dir.path());
    let out = dir.path().join("out");
    build_ok(&data, &out, &["--no-progress"]);
    edit_names(dir.path());
    let o = build_with(&data, &out, &[("VANBAN_TEST_COMMIT", "abort-after:5")]);
    assert_eq!(o.status.code(), None, "killed: {}", stderr(&o));
    let o = build_ok(&data, &out, &["--no-progress"]);
    assert!(stderr(&o).contains("were put back"), "{}", stderr(&o));
    assert_consistent(&out);
    let clean = dir.path().join("clean");
    build_ok(&data, &clean, &["--no-progress"]);
    assert_eq!(on_disk(&out), on_disk(&clean));
}

#[test]
fn a_commit_that_fails_halfway_puts_every_file_back() {
    let dir = tempfile::tempdir().unwrap();
    let data = example_copy(dir.path());
    let out = dir.path().join("out");
    build_ok(&data, &out, &["--no-progress"]);
    let first = on_disk(&out);
    edit_names(dir.path());
    let o = build_with(&data, &out, &[("VANBAN_TEST_COMMIT", "fail-after:4")]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("failed on purpose"), "{err}");
    assert!(err.contains("nothing was replaced"), "{err}");
    assert_eq!(on_disk(&out), first, "nothing was replaced, truly");
    assert_consistent(&out);
    // And the next build makes the change.
    let o = build_ok(&data, &out, &["--no-progress"]);
    assert!(stderr(&o).contains("6 changed, 0 added"), "{}", stderr(&o));
    assert_consistent(&out);
}

#[test]
fn a_folder_where_a_letter_goes_is_found_before_anything_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let data = example_copy(dir.path());
    let out = dir.path().join("out");
    build_ok(&data, &out, &["--no-progress"]);
    let letter = out.join("giay-moi/chi-bo-02-ban-na-phat/004-tao-thi-phieng.pdf");
    std::fs::remove_file(&letter).unwrap();
    std::fs::create_dir(&letter).unwrap();
    std::fs::write(letter.join("note.txt"), "a folder in the way").unwrap();
    let before = on_disk(&out);
    edit_names(dir.path());

    let o = build(&data, &out, &["--no-progress"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("004-tao-thi-phieng.pdf`: a folder stands where the build puts the file it"),
        "{err}"
    );
    assert!(err.contains("nothing was replaced"), "{err}");
    assert_eq!(on_disk(&out), before, "no file was replaced");

    std::fs::remove_dir_all(&letter).unwrap();
    build_ok(&data, &out, &["--no-progress"]);
    assert_consistent(&out);
}

#[test]
fn two_builds_into_one_folder_take_turns() {
    let dir = tempfile::tempdir().unwrap();
    let data = example_copy(dir.path());
    let out = dir.path().join("out");
    build_ok(&data, &out, &["--no-progress"]);
    edit_names(dir.path());
    // The first holds the folder for a while in its commit…
    let first = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .env("VANBAN_LANG", "en")
        .args(["build", data.to_str().unwrap(), "--no-progress", "--out"])
        .arg(&out)
        .env("VANBAN_TEST_COMMIT", "pause:1500")
        .env_remove("SOURCE_DATE_EPOCH")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let journal = out.join(".vanban/journal.json");
    let start = Instant::now();
    while !journal.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the first build commits"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    // …the second waits for it, then finds the first build's files.
    let second = build_ok(&data, &out, &["--no-progress"]);
    let first = first.wait_with_output().unwrap();
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stderr(&first).contains("6 changed"), "{}", stderr(&first));
    let err = stderr(&second);
    assert!(
        err.contains("another vanban build is writing into"),
        "the second build said it waited: {err}"
    );
    assert!(
        err.contains("0 changed, 0 added, 0 removed, 606 unchanged"),
        "{err}"
    );
    assert_consistent(&out);
}

/// A build into `out` after `damage`, with what it said; the folder must
/// then be what a build into an empty folder gives.
fn rebuild_after(damage: impl FnOnce(&Path)) -> String {
    let dir = tempfile::tempdir().unwrap();
    let data = example_copy(dir.path());
    let out = dir.path().join("out");
    build_ok(&data, &out, &["--no-progress"]);
    let clean = on_disk(&out);
    damage(&out);
    let o = build_ok(&data, &out, &["--no-progress"]);
    assert_eq!(on_disk(&out), clean, "every damaged file was made again");
    assert_consistent(&out);
    stderr(&o)
}

const LETTERS: &str = "giay-moi/chi-bo-02-ban-na-phat";

fn file(out: &Path, rel: &str) -> PathBuf {
    let p = out.join(rel);
    assert!(p.is_file(), "{rel} exists");
    p
}

/// Same size, other bytes; the time is the file's own again (as a copy
/// that keeps times would leave it): only the size and hash can tell.
fn scramble(path: &Path) {
    let mtime = std::fs::metadata(path).unwrap().modified().unwrap();
    let mut bytes = std::fs::read(path).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x55;
    std::fs::write(path, &bytes).unwrap();
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(mtime + Duration::from_secs(1)).unwrap();
}

fn truncate(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    std::fs::write(path, &bytes[..bytes.len() / 2]).unwrap();
}

#[test]
fn letters_that_are_missing_truncated_or_changed_are_made_again() {
    let err = rebuild_after(|out| {
        std::fs::remove_file(file(out, &format!("{LETTERS}/001-cam-van-kham.pdf"))).unwrap();
        truncate(&file(out, &format!("{LETTERS}/002-lo-thi-cham.pdf")));
        scramble(&file(out, &format!("{LETTERS}/003-sung-a-cho.pdf")));
    });
    assert!(
        err.contains("2 changed, 1 added, 0 removed, 603 unchanged"),
        "{err}"
    );
}

#[test]
fn print_files_and_sheets_that_were_damaged_are_made_again() {
    let err = rebuild_after(|out| {
        truncate(&file(out, &format!("{LETTERS}-ban-in.pdf")));
        scramble(&file(out, "giay-moi/dang-bo-xa-ban-hon-ban-in.pdf"));
        std::fs::remove_file(file(out, &format!("{LETTERS}-noi-nhan.pdf"))).unwrap();
        scramble(&file(out, "ke-hoach-noi-nhan.pdf"));
        truncate(&file(out, "ke-hoach.pdf"));
    });
    assert!(
        err.contains("4 changed, 1 added, 0 removed, 601 unchanged"),
        "{err}"
    );
}

#[test]
fn a_file_replaced_by_a_link_is_made_again_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("outside.pdf");
    let err = rebuild_after(|out| {
        let letter = file(out, &format!("{LETTERS}/001-cam-van-kham.pdf"));
        std::fs::copy(&letter, &outside).unwrap();
        std::fs::remove_file(&letter).unwrap();
        std::os::unix::fs::symlink(&outside, &letter).unwrap();
    });
    assert!(err.contains("1 changed, 0 added"), "{err}");
}

/// The stamps recorded in `.vanban/files.json`: path → (size, time).
fn stamps(out: &Path) -> BTreeMap<String, (u64, u64)> {
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join(".vanban/files.json")).unwrap()).unwrap();
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let n = |k: &str| s[k].as_u64().unwrap();
            (
                s["path"].as_str().unwrap().to_string(),
                (n("size"), n("mtime")),
            )
        })
        .collect()
}

/// What the disk says of every output: path → (size, time).
fn disk_stamps(out: &Path) -> BTreeMap<String, (u64, u64)> {
    manifest(out)
        .outputs
        .into_iter()
        .map(|e| {
            let (size, mtime) = vanban::output::manifest::stat(&out.join(&e.path)).unwrap();
            (e.path, (size, mtime))
        })
        .collect()
}

#[test]
fn the_recorded_stamps_are_those_of_the_files_after_every_build() {
    let dir = tempfile::tempdir().unwrap();
    let data = example_copy(dir.path());
    let out = dir.path().join("out");
    build_ok(&data, &out, &["--no-progress"]);
    assert_eq!(stamps(&out), disk_stamps(&out));
    // Made again with the same bytes: new times, which the stamps follow
    // (else every later build would hash every file).
    build_ok(&data, &out, &["--no-progress", "--force"]);
    assert_eq!(stamps(&out), disk_stamps(&out));
    edit_names(dir.path());
    build_ok(&data, &out, &["--no-progress"]);
    assert_eq!(stamps(&out), disk_stamps(&out));
}

#[test]
fn a_partial_build_says_which_files_it_leaves_damaged_and_the_next_build_makes_them() {
    let dir = tempfile::tempdir().unwrap();
    let data = example_copy(dir.path());
    let out = dir.path().join("out");
    build_ok(&data, &out, &["--no-progress"]);
    let clean = on_disk(&out);
    let letter = format!("{LETTERS}/001-cam-van-kham.pdf");
    std::fs::remove_file(out.join(&letter)).unwrap();
    let o = build_ok(&data, &out, &["--no-progress", "--only", "plan"]);
    let err = stderr(&o);
    assert!(
        err.contains("1 file(s) of the last build are missing or were changed since"),
        "{err}"
    );
    assert!(err.contains("`--only` does not make them"), "{err}");
    assert!(!err.contains("were made again"), "it was not: {err}");
    assert!(!out.join(&letter).exists());
    assert!(
        manifest(&out).outputs.iter().any(|e| e.path == letter),
        "it stays listed"
    );
    let o = build_ok(&data, &out, &["--no-progress"]);
    assert!(stderr(&o).contains("were made again"), "{}", stderr(&o));
    assert_eq!(on_disk(&out), clean);
}
