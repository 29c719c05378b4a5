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

#[path = "../tests/common/mod.rs"]
mod common;

use common::{arg, example_copy, median, release_binary, time_build};

fn main() {
    let runs = arg("--runs", 5).max(1);
    let root = common::root();
    let bin = release_binary(&root);
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let data = example_copy(tmp.path());
    let list = tmp.path().join("dai-bieu/chi-bo-02-na-phat.csv");
    let original = std::fs::read_to_string(&list).unwrap();
    let corrected = original.replacen("Tao Thị Phiêng", "Tao Thị Phiềng", 1);
    assert_ne!(original, corrected);

    let (mut full, mut edit, mut same) = (Vec::new(), Vec::new(), Vec::new());
    let mut lines = Vec::new();
    for run in 0..runs {
        let out = tmp.path().join(format!("out-{run}"));
        std::fs::write(&list, &original).unwrap();
        full.push(time_build(&bin, &data, &[], &out).0);
        // Correct the name, then put it back: two one-delegate edits.
        for text in [&corrected, &original] {
            std::fs::write(&list, text).unwrap();
            let (t, line) = time_build(&bin, &data, &[], &out);
            edit.push(t);
            lines.push(line);
        }
        same.push(time_build(&bin, &data, &[], &out).0);
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
