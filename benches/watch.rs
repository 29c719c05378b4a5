//! Benchmark of `vanban watch`: how long after a save the changed letter is
//! on disk.
//!
//! Runs `vanban watch` on a copy of the example (the plan and its 598
//! letters), waits for the first build, then N times renames one delegate
//! in `chi-bo-02-na-phat.csv`, saved as editors save (a new file renamed
//! over the old one), and measures from the rename to the moment that
//! delegate's letter is replaced on disk (its file is polled every 2 ms).
//! The name only changes a diacritic, so the letter keeps its file name.
//!
//! Prints min / median / max of that latency, and the watcher's own
//! "rebuilt in" times beside it.
//!
//! Run: `cargo bench --bench watch`; option after `--`: `--runs N` (5).

#[path = "../tests/common/mod.rs"]
mod common;

use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use common::{arg, example_copy};
use vanban::output::{Manifest, slug};

const LIST: &str = "dai-bieu/chi-bo-02-na-phat.csv";
/// Two spellings with the same file name (`cam-van-kham`).
const NAMES: [&str; 2] = ["Cầm Văn Khăm", "Cầm Văn Khâm"];
const PATIENCE: Duration = Duration::from_secs(120);

/// The watcher, killed when the benchmark ends (or fails).
struct Watcher {
    child: Child,
    log: Arc<Mutex<String>>,
}

impl Watcher {
    fn start(data: &Path, out: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .arg("watch")
            .arg(data)
            .arg("--out")
            .arg(out)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("vanban runs");
        let log = Arc::new(Mutex::new(String::new()));
        let mut stderr = child.stderr.take().expect("piped");
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

    fn wait_for(&mut self, what: &str, ready: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while !ready(&self.log()) {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "vanban watch ended ({status}) before {what}:\n{}",
                    self.log()
                );
            }
            assert!(start.elapsed() < PATIENCE, "no {what}:\n{}", self.log());
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What changes when a file is replaced: its identity, size and time.
fn stamp(path: &Path) -> Option<(u64, u64, SystemTime)> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok()?;
    Some((m.ino(), m.len(), m.modified().ok()?))
}

/// The watcher's own figures: the numbers of its `rebuilt in N ms` lines.
fn rebuild_times(log: &str) -> Vec<u64> {
    log.lines()
        .filter_map(|l| l.strip_prefix("rebuilt in "))
        .filter_map(|l| l.split(' ').next()?.parse().ok())
        .collect()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let runs = arg("--runs", 5).max(1);
    assert_eq!(slug(NAMES[0]), slug(NAMES[1]), "the letter keeps its file");
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let data = example_copy(tmp.path());
    let list = tmp.path().join(LIST);
    let original = std::fs::read_to_string(&list).unwrap();
    assert_eq!(
        original.matches(NAMES[0]).count(),
        1,
        "one delegate to rename"
    );
    let out = tmp.path().join("out");

    let mut watcher = Watcher::start(&data, &out);
    let start = Instant::now();
    watcher.wait_for("first build", |log| log.contains("built in"));
    let first = start.elapsed();
    let manifest: Manifest =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let letter = out.join(
        &manifest
            .outputs
            .iter()
            .find(|e| e.delegate.as_deref() == Some(NAMES[0]))
            .expect("the delegate's letter")
            .path,
    );

    let mut latencies = Vec::with_capacity(runs);
    for run in 0..runs {
        let text = original.replace(NAMES[0], NAMES[(run + 1) % 2]);
        let before = (stamp(&letter), std::fs::read(&letter).unwrap());
        let rebuilt = watcher.log().matches("rebuilt in").count();
        let staged = list.with_extension("csv~");
        std::fs::write(&staged, &text).unwrap();

        let t = Instant::now();
        std::fs::rename(&staged, &list).unwrap();
        loop {
            if stamp(&letter) != before.0
                && std::fs::read(&letter).is_ok_and(|bytes| bytes != before.1)
            {
                break;
            }
            assert!(
                t.elapsed() < PATIENCE,
                "the letter did not change:\n{}",
                watcher.log()
            );
            std::thread::sleep(Duration::from_millis(2));
        }
        latencies.push(t.elapsed());
        // The build ends after the letter is in place (the manifest comes last).
        watcher.wait_for("rebuild line", |log| {
            log.matches("rebuilt in").count() > rebuilt
        });
    }

    let own = rebuild_times(&watcher.log());
    latencies.sort();
    println!(
        "vanban watch, example data (598 letters), {} cores",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "  first build, process start to done:   {:>7.0} ms",
        ms(first)
    );
    println!(
        "  save → changed letter on disk, n={runs}:  min {:.0} ms, median {:.0} ms, max {:.0} ms",
        ms(latencies[0]),
        ms(latencies[latencies.len() / 2]),
        ms(latencies[latencies.len() - 1])
    );
    println!("  the watcher's \"rebuilt in\" lines (ms):  {own:?}");
}
