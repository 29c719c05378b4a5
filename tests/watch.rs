//! `vanban watch` as a clerk uses it: a running watcher rebuilds after a
//! save of a delegate list, keeps the last good files when a save breaks
//! the data, and builds again once it is fixed.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;
use vanban::output::Manifest;

/// The longest any step may take (a debug-free build of this data takes
/// well under a second; a loaded CI machine may be much slower).
const PATIENCE: Duration = Duration::from_secs(60);

/// The watcher process; killed when the test ends, also when it fails.
struct Watcher {
    child: Child,
    /// Everything it printed on stderr so far.
    log: Arc<Mutex<String>>,
}

impl Watcher {
    fn start(data: &Path, out: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .env("VANBAN_LANG", "en")
            .arg("watch")
            .arg(data)
            .arg("--out")
            .arg(out)
            .current_dir(root())
            .env_remove("SOURCE_DATE_EPOCH")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the vanban binary runs");
        let log = Arc::new(Mutex::new(String::new()));
        let mut stderr = child.stderr.take().expect("stderr is piped");
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stderr.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Self { child, log }
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Waits until `ready` holds, polling; fails with the log after [`PATIENCE`].
    fn wait_for(&mut self, what: &str, mut ready: impl FnMut(&str) -> bool) {
        let start = Instant::now();
        loop {
            if ready(&self.log()) {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "vanban watch ended ({status}) before {what}:\n{}",
                    self.log()
                );
            }
            assert!(
                start.elapsed() < PATIENCE,
                "timed out waiting for {what}:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Saves as editors do: a new file beside the old one, renamed over it.
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("tmp~");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

fn manifest(out: &Path) -> Option<Manifest> {
    serde_json::from_slice(&std::fs::read(out.join("manifest.json")).ok()?).ok()
}

/// Every file below `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else {
                files.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

const LIST: &str = "STT,Họ và tên,Chức vụ,Đơn vị,Nhóm\n\
1,Lò Văn Thử,Bí thư Chi bộ,Chi bộ bản Thử,Đảng viên\n\
2,Giàng Thị Mẫu,Phó Bí thư Đảng ủy,Đảng ủy xã Bình Lư,Khách mời\n\
3,Tẩn Văn Ví Dụ,Chủ tịch Ủy ban MTTQ xã,Ủy ban MTTQ xã Bình Lư,Khách mời\n";

#[test]
fn a_save_rebuilds_a_broken_save_keeps_the_last_good_files() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = std::fs::read_to_string(root().join("tests/fixtures/hop-chi-bo.yaml"))
        .unwrap()
        .replace(
            "delegates: DELEGATES",
            "delegates: { file: dai-bieu/ds.csv }",
        );
    let data = dir.path().join("data.yaml");
    std::fs::write(&data, &yaml).unwrap();
    std::fs::create_dir(dir.path().join("dai-bieu")).unwrap();
    let list = dir.path().join("dai-bieu/ds.csv");
    std::fs::write(&list, LIST).unwrap();
    // Inside the watched folder: what the build writes must not trigger builds.
    let out = dir.path().join("out");

    let mut watcher = Watcher::start(&data, &out);
    watcher.wait_for("the first build", |log| log.contains("built in"));
    assert!(manifest(&out).is_some(), "{}", watcher.log());

    // 1. A delegate's name changes in the list: that letter is made again.
    save(&list, &LIST.replace("Giàng Thị Mẫu", "Giàng Thị Mai"));
    watcher.wait_for("the rebuild after the list changed", |log| {
        log.contains("rebuilt in") && log.contains("ds.csv changed")
    });
    let m = manifest(&out).expect("a manifest");
    let letter = m
        .outputs
        .iter()
        .find(|e| e.kind == "invitation" && e.delegate.as_deref() == Some("Giàng Thị Mai"))
        .unwrap_or_else(|| panic!("a letter for the new name: {m:?}"));
    let text = squeeze(&pdftotext(&out.join(&letter.path)));
    assert!(text.contains(&squeeze("Giàng Thị Mai")), "{text}");
    assert!(!text.contains(&squeeze("Giàng Thị Mẫu")), "{text}");
    let log = watcher.log();
    assert_eq!(
        log.matches("rebuilt in").count(),
        1,
        "one save, one rebuild; the outputs did not trigger more:\n{log}"
    );

    // 2. A save with a YAML mistake: reported with file and line, nothing replaced.
    let before = snapshot(&out);
    let broken = format!("{yaml}  oops: [\n");
    let line = yaml.lines().count() + 1;
    save(&data, &broken);
    watcher.wait_for("the error report", |log| log.contains("build failed"));
    let log = watcher.log();
    assert!(log.contains("error: "), "{log}");
    assert!(
        log.contains(&format!("data.yaml:{line}:")),
        "file:line: {log}"
    );
    assert!(log.contains("oops: ["), "the source line is shown: {log}");
    assert!(log.contains("the last good files"), "{log}");
    assert!(
        snapshot(&out) == before,
        "the PDFs and the manifest are as they were"
    );

    // 3. Fixed (with a new subject): built again.
    let fixed = yaml.replace(
        "subject: Tổ chức đại hội Chi bộ thử nghiệm",
        "subject: Tổ chức đại hội Chi bộ thử nghiệm lần hai",
    );
    assert_ne!(fixed, yaml);
    save(&data, &fixed);
    watcher.wait_for("the rebuild after the fix", |log| {
        log.matches("rebuilt in").count() == 2
    });
    let plan = squeeze(&pdftotext(&out.join("ke-hoach.pdf")));
    assert!(plan.contains(&squeeze("thử nghiệm lần hai")), "{plan}");
}

#[test]
fn a_list_folder_moved_away_and_back_is_watched_again() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = std::fs::read_to_string(root().join("tests/fixtures/hop-chi-bo.yaml"))
        .unwrap()
        .replace(
            "delegates: DELEGATES",
            "delegates: { file: dai-bieu/ds.csv }",
        );
    let data = dir.path().join("data.yaml");
    std::fs::write(&data, &yaml).unwrap();
    let lists = dir.path().join("dai-bieu");
    std::fs::create_dir(&lists).unwrap();
    std::fs::write(lists.join("ds.csv"), LIST).unwrap();
    let out = dir.path().join("out");

    let mut watcher = Watcher::start(&data, &out);
    watcher.wait_for("the first build", |log| log.contains("built in"));
    // The folder goes away (to a backup, a USB stick) and comes back.
    let away = dir.path().join("dai-bieu.bak");
    std::fs::rename(&lists, &away).unwrap();
    std::thread::sleep(Duration::from_millis(400));
    std::fs::rename(&away, &lists).unwrap();
    watcher.wait_for("the rebuild once the folder is back", |log| {
        log.matches("rebuilt in").count() >= 1
    });
    let rebuilds = watcher.log().matches("rebuilt in").count();

    // And the next edit of the list in it is seen.
    save(
        &lists.join("ds.csv"),
        &LIST.replace("Giàng Thị Mẫu", "Giàng Thị Mai"),
    );
    watcher.wait_for("the rebuild after the list changed", |log| {
        log.matches("rebuilt in").count() > rebuilds && log.contains("ds.csv changed")
    });
    let m = manifest(&out).expect("a manifest");
    assert!(
        m.outputs
            .iter()
            .any(|e| e.delegate.as_deref() == Some("Giàng Thị Mai")),
        "{}",
        watcher.log()
    );
}
