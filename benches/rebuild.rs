//! Benchmark of rebuilds, all in one run, on a copy of the bundled example
//! (plan, 598 letters, 3 print files, 4 distribution sheets):
//!
//! (a) a full build into an empty folder;
//! (b) the rebuild after one delegate's name is corrected in a CSV list
//!     (the letter, its print file and its event's sheet change);
//! (c) the rebuild when nothing changed.
//!
//! Each is run as the clerk runs it (the `vanban` binary, a new process)
//! several times; the medians and the ratio (a)/(b) are printed.
//!
//! Run: `cargo build --release && cargo bench --bench rebuild`
//! Options after `--`: `--runs N` (5).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn arg(name: &str, default: usize) -> usize {
    std::env::args()
        .skip_while(|a| a != name)
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

fn build(bin: &Path, data: &Path, out: &Path) -> (Duration, String) {
    let t = Instant::now();
    let o = Command::new(bin)
        .arg("build")
        .arg(data)
        .arg("--no-progress")
        .arg("--out")
        .arg(out)
        .output()
        .expect("vanban runs");
    let took = t.elapsed();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{err}");
    (took, err.lines().last().unwrap_or_default().to_string())
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let runs = arg("--runs", 5).max(1);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let bin = root.join("target/release/vanban");
    assert!(
        bin.exists(),
        "build the binary first: cargo build --release"
    );
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let lists = tmp.path().join("dai-bieu");
    std::fs::create_dir_all(&lists).unwrap();
    for entry in std::fs::read_dir(root.join("data/dai-bieu")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), lists.join(entry.file_name())).unwrap();
    }
    let data = tmp.path().join("ke-hoach.yaml");
    std::fs::copy(root.join("data/ke-hoach-dai-hoi-diem.yaml"), &data).unwrap();
    let list = lists.join("chi-bo-02-na-phat.csv");
    let original = std::fs::read_to_string(&list).unwrap();
    let corrected = original.replacen("Tao Thị Phiêng", "Tao Thị Phiềng", 1);
    assert_ne!(original, corrected);

    let (mut full, mut edit, mut same) = (Vec::new(), Vec::new(), Vec::new());
    let mut lines = Vec::new();
    for run in 0..runs {
        let out = tmp.path().join(format!("out-{run}"));
        std::fs::write(&list, &original).unwrap();
        full.push(build(&bin, &data, &out).0);
        // Correct the name, then put it back: two one-delegate edits.
        for text in [&corrected, &original] {
            std::fs::write(&list, text).unwrap();
            let (t, line) = build(&bin, &data, &out);
            edit.push(t);
            lines.push(line);
        }
        same.push(build(&bin, &data, &out).0);
    }
    let (full, edit, same) = (median(full), median(edit), median(same));
    println!(
        "rebuilds of the example, this machine ({} cores), medians of {runs} runs",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "  full build:                  {:>8.0} ms",
        full.as_secs_f64() * 1e3
    );
    println!(
        "  one name corrected:          {:>8.0} ms",
        edit.as_secs_f64() * 1e3
    );
    println!(
        "  nothing changed:             {:>8.0} ms",
        same.as_secs_f64() * 1e3
    );
    println!(
        "  ratio full / one-name edit:  {:>8.1}x",
        full.as_secs_f64() / edit.as_secs_f64()
    );
    println!("  the edit's summary: {}", lines[0]);
}
