//! Benchmark of invitation batches, all in one run:
//!
//! (a) `vanban build --only invitations` as a process (letters and print
//!     file): the 282 letters of Chi bộ 02 (bản Nà Phát) from the example,
//!     and 5,000 synthetic delegates;
//! (b) the same generated Typst, one letter per file, compiled one process
//!     per invitation by the `typst` command-line compiler of the same
//!     version (the baseline);
//! (c) (a) with `--pdfa` (every PDF PDF/A-2b) against (a) without, the two
//!     taking turns in the same run, on both batches.
//!
//! Reports invitations per second, the ratio (a)/(b), peak memory (max RSS
//! of the child process), and what PDF/A costs as the ratio of the medians
//! (c)/(a), in wall-clock time and in the process's CPU time. The typst CLI is looked for in
//! `target/bench-tools/bin/typst`; install it there once with
//! `cargo install typst-cli --version 0.15.1 --locked --root target/bench-tools`.
//!
//! Run: `cargo build --release && cargo bench --bench letters`
//! Options after `--`: `--synthetic N` (5000), `--cli-sample N` (150),
//! `--pdfa-rounds N` (7 turns each on the 282 letters, 3 on the synthetic
//! batch).

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{arg, median, release_binary, time_build};
use vanban::build::Engine;
use vanban::templates::Templates;

/// Peak resident memory of the largest child so far, in MiB (Linux: ru_maxrss in KiB).
fn children_max_rss_mib() -> f64 {
    // SAFETY: getrusage writes into the zeroed struct we own.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    usage.ru_maxrss as f64 / 1024.0
}

/// The invitations alone (letters and print file), timed as a process.
fn run_build(bin: &Path, data: &Path, out: &Path) -> Duration {
    time_build(bin, data, &["--only", "invitations"], out).0
}

/// CPU time (user and system) of every child waited for so far.
fn children_cpu() -> Duration {
    // SAFETY: getrusage writes into the zeroed struct we own.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    time(usage.ru_utime) + time(usage.ru_stime)
}

/// The medians of builds without and with `--pdfa`: wall-clock time and
/// the CPU time of the process (which the other work of a shared machine
/// moves less).
struct Cost {
    plain: (Duration, Duration),
    pdfa: (Duration, Duration),
}

/// [`run_build`] without and with `--pdfa`, taking turns `rounds` times
/// (each into an empty folder under `dir`), so that a slow spell of the
/// machine falls on both alike.
fn plain_and_pdfa(bin: &Path, data: &Path, dir: &Path, rounds: usize) -> Cost {
    let mut runs: [(Vec<Duration>, Vec<Duration>); 2] = Default::default();
    for k in 0..rounds {
        for (pdfa, (wall, cpu)) in runs.iter_mut().enumerate() {
            let mut extra = vec!["--only", "invitations"];
            if pdfa == 1 {
                extra.push("--pdfa");
            }
            let before = children_cpu();
            let out = dir.join(format!("{pdfa}-{k}"));
            wall.push(time_build(bin, data, &extra, &out).0);
            cpu.push(children_cpu() - before);
        }
    }
    let [plain, pdfa] = runs.map(|(wall, cpu)| (median(wall), median(cpu)));
    Cost { plain, pdfa }
}

fn main() {
    let synthetic = arg("--synthetic", 5000);
    let sample = arg("--cli-sample", 150);
    let rounds = arg("--pdfa-rounds", 7).max(1);
    let root = common::root();
    let bin = release_binary(&root);
    let tmp = tempfile::tempdir().expect("a temporary folder");

    // Chi bộ 02 alone: the example with only its first event.
    let example = std::fs::read_to_string(root.join("data/ke-hoach-dai-hoi-diem.yaml")).unwrap();
    let second = example
        .find("\n  - unit: truong-ptdtnt")
        .expect("second event");
    // The other units keep their counts in the plan without their lists.
    let only_na_phat = example[..second]
        .replacen(
            "    max_days: 2\n",
            "    max_days: 2\n    members: 17\n    invited: 49\n",
            1,
        )
        .replacen(
            "    deadline: 2025-03-31\n    max_days: 2\n\n",
            "    deadline: 2025-03-31\n    max_days: 2\n    members: 195\n    invited: 55\n\n",
            1,
        );
    let na_phat = tmp.path().join("na-phat.yaml");
    std::fs::write(&na_phat, &only_na_phat).unwrap();
    std::fs::create_dir_all(tmp.path().join("dai-bieu")).unwrap();
    std::fs::copy(
        root.join("data/dai-bieu/chi-bo-02-na-phat.csv"),
        tmp.path().join("dai-bieu/chi-bo-02-na-phat.csv"),
    )
    .unwrap();

    // Synthetic delegates: same event, a generated list.
    let mut csv = String::from("STT,Họ và tên,Chức vụ,Đơn vị,Nhóm,Điện thoại\n");
    let family = [
        "Lò", "Lường", "Tao", "Giàng", "Vàng", "Sùng", "Tẩn", "Hoàng", "Nguyễn", "Trần",
    ];
    let middle = ["Văn", "Thị", "Đức", "Ngọc", "Minh"];
    let given = [
        "An", "Bình", "Chiến", "Dung", "Hoa", "Khánh", "Lan", "Mạnh", "Phương", "Quế",
    ];
    for i in 0..synthetic {
        let name = format!(
            "{} {} {} {}",
            family[i % 10],
            middle[(i / 10) % 5],
            given[(i / 50) % 10],
            i
        );
        let group = if i < 100 {
            "Đảng viên"
        } else {
            "Khách mời"
        };
        csv.push_str(&format!(
            "{},{name},Đại biểu thứ {i},Đơn vị {},{group},09{:08}\n",
            i + 1,
            i % 37,
            i
        ));
    }
    std::fs::write(tmp.path().join("dai-bieu/tong-hop.csv"), csv).unwrap();
    let big = tmp.path().join("big.yaml");
    std::fs::write(
        &big,
        only_na_phat.replace("dai-bieu/chi-bo-02-na-phat.csv", "dai-bieu/tong-hop.csv"),
    )
    .unwrap();

    // (a) vanban, as the clerk runs it.
    // The small batch takes half a second: the median of five runs (each
    // into an empty folder), so one hiccup of the machine does not decide.
    let runs: Vec<Duration> = (0..5)
        .map(|k| run_build(&bin, &na_phat, &tmp.path().join(format!("out-282-{k}"))))
        .collect();
    let t282 = median(runs);
    let rss282 = children_max_rss_mib();
    let tbig = run_build(&bin, &big, &tmp.path().join("out-big"));
    let rssbig = children_max_rss_mib();

    // (c) PDF/A-2b against plain, after the figures above (their peak
    // memory is theirs alone).
    let pdfa282 = plain_and_pdfa(&bin, &na_phat, &tmp.path().join("pdfa-282"), rounds);
    let big_rounds = rounds.div_ceil(2).min(3);
    let pdfabig = plain_and_pdfa(&bin, &big, &tmp.path().join("pdfa-big"), big_rounds);

    // (b) the typst CLI, one process per invitation, on the same generated Typst.
    let typst = root.join("target/bench-tools/bin/typst");
    let cli = if typst.exists() {
        let engine = Engine::new(Templates::new(None), &[]).unwrap();
        let project = engine.load(&na_phat).unwrap();
        let preset = engine.preset(&project).unwrap();
        let (_, _, sources, _) = engine
            .letter_sources(&project, &preset, &project.events[0], Some(1))
            .unwrap();
        let dir = tmp.path().join("cli");
        std::fs::create_dir_all(dir.join("layout")).unwrap();
        std::fs::copy(
            root.join("templates/layout/vanban.typ"),
            dir.join("layout/vanban.typ"),
        )
        .unwrap();
        let n = sample.min(sources.len());
        for (i, s) in sources.iter().take(n).enumerate() {
            std::fs::write(dir.join(format!("letter-{i}.typ")), s).unwrap();
        }
        let t = Instant::now();
        for i in 0..n {
            let o = Command::new(&typst)
                .args(["compile", "--root"])
                .arg(&dir)
                .args(["--font-path"])
                .arg(root.join("fonts"))
                .arg("--ignore-system-fonts")
                .arg(dir.join(format!("letter-{i}.typ")))
                .arg(dir.join(format!("letter-{i}.pdf")))
                .output()
                .expect("typst runs");
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        }
        Some((n, t.elapsed()))
    } else {
        None
    };

    let rate = |n: usize, d: Duration| n as f64 / d.as_secs_f64();
    println!(
        "invitations, this machine ({} cores)",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "  vanban build, 282 letters (Chi bộ 02), median of 5: {:>5.2} s  {:>7.0} letters/s  peak {:>6.0} MiB",
        t282.as_secs_f64(),
        rate(282, t282),
        rss282
    );
    println!(
        "  vanban build, {synthetic} synthetic letters: {:>7.2} s  {:>7.0} letters/s  peak {:>6.0} MiB",
        tbig.as_secs_f64(),
        rate(synthetic, tbig),
        rssbig
    );
    match cli {
        Some((n, d)) => {
            println!(
                "  typst CLI, one process per letter (n={n}): {:>5.2} s  {:>7.1} letters/s",
                d.as_secs_f64(),
                rate(n, d)
            );
            println!(
                "  ratio vanban (282) / typst CLI:      {:>8.1}x",
                rate(282, t282) / rate(n, d)
            );
            println!(
                "  ratio vanban ({synthetic}) / typst CLI:     {:>8.1}x",
                rate(synthetic, tbig) / rate(n, d)
            );
        }
        None => println!(
            "  typst CLI: not installed; run `cargo install typst-cli --version 0.15.1 --locked --root target/bench-tools`"
        ),
    }
    let cost = |label: &str, n: usize, c: Cost| {
        let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
        println!("  --pdfa, {label}:");
        println!(
            "    wall: plain {:>5.2} s, PDF/A-2b {:>5.2} s ({:>5.0} letters/s), ratio PDF/A / plain {:>5.3}",
            c.plain.0.as_secs_f64(),
            c.pdfa.0.as_secs_f64(),
            rate(n, c.pdfa.0),
            ratio(c.pdfa.0, c.plain.0)
        );
        println!(
            "    CPU:  plain {:>5.2} s, PDF/A-2b {:>5.2} s, ratio PDF/A / plain {:>5.3}",
            c.plain.1.as_secs_f64(),
            c.pdfa.1.as_secs_f64(),
            ratio(c.pdfa.1, c.plain.1)
        );
    };
    cost(
        &format!("282 letters, medians of {rounds} turns"),
        282,
        pdfa282,
    );
    cost(
        &format!("{synthetic} synthetic, medians of {big_rounds} turns"),
        synthetic,
        pdfabig,
    );
}
