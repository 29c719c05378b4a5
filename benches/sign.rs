//! Benchmark of `vanban sign` with a PKCS#12 file on the bundled
//! example: its plan, 598 letters and 3 print files (602 signatures, one
//! incremental update each), timed as a process on a fresh copy of the
//! build each time. The baseline, in the same run: `vanban build --force`
//! of the same example into the same folder (every file made again).
//!
//! Reports letters signed per second and the ratio sign / build (medians).
//! The key and certificate are made with the openssl CLI at start
//! (`tests/common/pki.rs`, as the tests make theirs).
//!
//! Run: `cargo build --release && cargo bench --bench sign`
//! Options after `--`: `--runs N` (5).

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{arg, median, release_binary, time_build};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let path = e.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(e.file_name()));
        } else {
            std::fs::copy(&path, to.join(e.file_name())).unwrap();
        }
    }
}

fn main() {
    let runs = arg("--runs", 5);
    let root = common::root();
    let bin = release_binary(&root);
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let dir = tmp.path();
    let pki = common::pki::Pki::new(dir, "vanban bench", "30");
    let data = root.join("data/ke-hoach-dai-hoi-diem.yaml");
    let built = dir.join("built");
    let (_, summary) = time_build(&bin, &data, &[], &built);
    eprintln!("built: {summary}");

    let mut build_times = Vec::new();
    let mut sign_times = Vec::new();
    let mut said = String::new();
    for i in 0..runs {
        // The baseline: every file of the example made again.
        let again = dir.join(format!("again-{i}"));
        copy_dir(&built, &again);
        build_times.push(time_build(&bin, &data, &["--force"], &again).0);
        // Signing a fresh copy of the build.
        let out = dir.join(format!("sign-{i}"));
        copy_dir(&built, &out);
        let t = Instant::now();
        let o = Command::new(&bin)
            .arg("sign")
            .arg(&out)
            .arg("--p12")
            .arg(pki.path("modern.p12"))
            .env("VANBAN_PIN", "secret")
            .output()
            .expect("vanban runs");
        sign_times.push(t.elapsed());
        said = String::from_utf8_lossy(&o.stderr).trim().to_string();
        assert!(o.status.success(), "{said}");
    }
    let signatures: usize = said
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let (b, s) = (median(build_times), median(sign_times));
    let per_second = signatures as f64 / s.as_secs_f64().max(f64::EPSILON);
    println!(
        "vanban sign, {signatures} signatures (the example's plan, 598 letters, 3 print files), {runs} runs, medians:"
    );
    println!("  build --force (baseline): {:>7.0} ms", ms(b));
    println!(
        "  sign --p12:               {:>7.0} ms   {per_second:.0} signatures/s",
        ms(s)
    );
    println!(
        "  ratio sign / build:       {:>7.2}",
        s.as_secs_f64() / b.as_secs_f64()
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
