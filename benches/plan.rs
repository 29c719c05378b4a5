//! Benchmark of the plan: cold start (a fresh `vanban build` process: fonts,
//! Typst library, layout, compile, PDF, write) against a warm rebuild (the
//! same document recompiled by an engine that is already set up, as `watch`
//! will do). Both are measured in the same run; the result is their ratio.
//!
//! Run: `cargo bench --bench plan` (add `-- --runs N` for more samples).

#[path = "../tests/common/mod.rs"]
mod common;

use std::process::Command;
use std::time::Instant;

use common::{arg, median, release_binary};
use vanban::build::Engine;
use vanban::templates::Templates;

fn main() {
    let runs = arg("--runs", 20);
    let root = common::root();
    let data_path = root.join("data/ke-hoach-dai-hoi-diem.yaml");
    let bin = release_binary(&root);
    let out = tempfile::tempdir().expect("a temporary folder");

    // Cold: a new process each time, as a clerk running the command.
    let mut cold = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let status = Command::new(&bin)
            .args([
                "build",
                data_path.to_str().unwrap(),
                "--only",
                "plan",
                // Made anew each time: without it the rebuild keeps the plan.
                "--force",
                "--out",
            ])
            .arg(out.path())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("vanban runs");
        cold.push(t.elapsed());
        assert!(status.success());
    }

    // Warm: engine set up once; each rebuild reloads the data (and the
    // delegate lists the counts come from) and recompiles the plan.
    let engine = Engine::new(Templates::new(None), &[]).expect("engine");
    let mut warm = Vec::new();
    let mut size = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let project = engine.load(&data_path).expect("data loads");
        let pdf = engine.document_pdf(&project).expect("plan builds");
        warm.push(t.elapsed());
        size = pdf.len();
    }

    let (c, w) = (median(cold), median(warm));
    println!("plan (4 pages, {size} bytes), median of {runs} runs");
    println!(
        "  cold start (new process):   {:>8.1} ms",
        c.as_secs_f64() * 1e3
    );
    println!(
        "  warm rebuild (same engine): {:>8.1} ms",
        w.as_secs_f64() * 1e3
    );
    println!(
        "  ratio cold / warm:          {:>8.1}x",
        c.as_secs_f64() / w.as_secs_f64()
    );
}
