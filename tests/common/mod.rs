//! Helpers shared by the integration tests and the benchmarks: run the
//! real binary, read PDFs back, copy the example, time a build. (The
//! benches take this file with `#[path = "../tests/common/mod.rs"]`.)

#![allow(dead_code)]

pub mod pdfa;
pub mod pki;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `vanban ARGS` from the project root.
pub fn vanban(args: &[&str]) -> Output {
    vanban_env(args, &[])
}

/// Runs `vanban ARGS` with extra environment variables. Messages are in
/// English (`VANBAN_LANG=en`) unless `env` sets another language: the
/// tests that read Vietnamese ask for it.
pub fn vanban_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vanban"));
    cmd.args(args)
        .current_dir(root())
        .env_remove("SOURCE_DATE_EPOCH")
        .env("VANBAN_LANG", "en");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("the vanban binary runs")
}

/// Runs `vanban build DATA --out OUT EXTRA…`.
pub fn build(data: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "build",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    vanban(&args)
}

/// Runs `vanban build DATA --out OUT EXTRA…` and asserts success.
pub fn build_ok(data: &Path, out: &Path, extra: &[&str]) -> Output {
    let o = build(data, out, extra);
    assert!(
        o.status.success(),
        "vanban build {} failed:\n{}",
        data.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// Text of a PDF, as poppler's `pdftotext` extracts it (pages separated by form feeds).
pub fn pdftotext(pdf: &Path) -> String {
    let o = Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext is installed (Debian package poppler-utils; .ci/run installs it)");
    assert!(o.status.success(), "pdftotext failed on {}", pdf.display());
    String::from_utf8(o.stdout).expect("pdftotext prints UTF-8")
}

/// Output of a poppler tool (`pdffonts`, `pdfinfo`) on a PDF.
pub fn poppler(tool: &str, pdf: &Path) -> String {
    let o = Command::new(tool)
        .arg(pdf)
        .output()
        .unwrap_or_else(|_| panic!("{tool} is installed (poppler-utils)"));
    assert!(o.status.success(), "{tool} failed on {}", pdf.display());
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Text with every whitespace character removed, for comparisons that must
/// not depend on where lines break.
pub fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Asserts that `text` (squeezed, as [`squeeze`] makes it) holds each of
/// `parts`, squeezed, in that order.
#[allow(dead_code)]
pub fn in_order(text: &str, parts: &[&str]) {
    let mut at = 0;
    for part in parts {
        let found = text[at..]
            .find(&squeeze(part))
            .unwrap_or_else(|| panic!("{part:?} after byte {at} of\n{text}"));
        at += found + squeeze(part).len();
    }
}

/// Runs `vanban check DATA`: its exit code and what it printed.
pub fn checked(data: &Path) -> (i32, String) {
    let o = vanban(&["check", data.to_str().unwrap()]);
    (o.status.code().unwrap_or(-1), stderr(&o))
}

/// Asserts that `err` holds each of `expected`, showing it whole if not.
pub fn says(err: &str, expected: &[&str]) {
    for e in expected {
        assert!(err.contains(e), "{e}\n---\n{err}");
    }
}

/// Stderr as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Files in a folder (empty if it does not exist).
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// A copy of the bundled example (YAML and delegate lists) in `dir`, so the
/// test can edit it; returns the YAML's path.
pub fn example_copy(dir: &Path) -> PathBuf {
    copy_lists(dir);
    let data = dir.join("ke-hoach.yaml");
    std::fs::copy(root().join("data/ke-hoach-dai-hoi-diem.yaml"), &data).unwrap();
    data
}

/// Copies the bundled example's delegate lists into `dir/dai-bieu`.
pub fn copy_lists(dir: &Path) {
    let lists = dir.join("dai-bieu");
    std::fs::create_dir_all(&lists).unwrap();
    for entry in std::fs::read_dir(root().join("data/dai-bieu")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), lists.join(entry.file_name())).unwrap();
    }
}

/// Writes a variant of the bundled example into `dir` (with the delegate
/// lists it refers to copied beside it: lists are read only from the data
/// file's folder) and returns its path.
pub fn example_variant(dir: &Path, text: &str) -> PathBuf {
    if !dir.join("dai-bieu").exists() {
        copy_lists(dir);
    }
    let path = dir.join("data.yaml");
    std::fs::write(&path, text).unwrap();
    path
}

/// Runs `vanban build DATA --out OUT EXTRA…`, asserts that it fails with
/// exit code 1 and writes nothing into OUT, and returns its stderr.
pub fn build_fails(data: &Path, out: &Path, extra: &[&str]) -> String {
    let o = build(data, out, extra);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "the build fails:\n{err}");
    assert!(
        files_in(out).is_empty(),
        "nothing written into {}",
        out.display()
    );
    err
}

/// The manifest a build wrote into `out`.
pub fn manifest(out: &Path) -> vanban::output::Manifest {
    serde_json::from_slice(&std::fs::read(out.join("manifest.json")).expect("a manifest"))
        .expect("the manifest reads back")
}

/// The distribution sheets among a manifest's outputs.
pub fn sheets(m: &vanban::output::Manifest) -> Vec<&vanban::output::ManifestEntry> {
    m.outputs
        .iter()
        .filter(|e| e.kind == "recipients")
        .collect()
}

/// A word of a PDF page as `pdftotext -bbox` places it, in points from the
/// page's top left corner.
#[derive(Debug, Clone)]
#[allow(dead_code)]
pub struct Word {
    /// Page number, from 1.
    pub page: usize,
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Right edge.
    pub x_max: f64,
    /// Bottom edge.
    pub y_max: f64,
    /// The word (HTML entities decoded).
    pub text: String,
}

/// Every word of `pdf` with its place, page by page, in reading order.
#[allow(dead_code)]
pub fn words(pdf: &Path) -> Vec<Word> {
    let o = Command::new("pdftotext")
        .args(["-bbox", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext is installed (poppler-utils)");
    assert!(
        o.status.success(),
        "pdftotext -bbox failed on {}",
        pdf.display()
    );
    let html = String::from_utf8(o.stdout).expect("pdftotext prints UTF-8");
    let attr = |tag: &str, name: &str| -> f64 {
        let at = tag.find(&format!("{name}=\"")).expect("bbox attribute") + name.len() + 2;
        tag[at..at + tag[at..].find('"').unwrap()].parse().unwrap()
    };
    let mut out = Vec::new();
    let mut page = 0;
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            page += 1;
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let (tag, text) = rest.split_once('>').unwrap();
            let text = text.trim_end_matches("</word>");
            out.push(Word {
                page,
                x: attr(tag, "xMin"),
                y: attr(tag, "yMin"),
                x_max: attr(tag, "xMax"),
                y_max: attr(tag, "yMax"),
                text: text
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&amp;", "&"),
            });
        }
    }
    out
}

/// The words of `pdf` joined into lines: words of one page whose tops are
/// within 2 pt, left to right. Each line with the place of its first word.
#[allow(dead_code)]
pub fn lines(pdf: &Path) -> Vec<(Word, String)> {
    let mut ws = words(pdf);
    ws.sort_by(|a, b| {
        (a.page, a.y)
            .partial_cmp(&(b.page, b.y))
            .unwrap()
            .then(a.x.partial_cmp(&b.x).unwrap())
    });
    let mut out: Vec<(Word, Vec<Word>)> = Vec::new();
    for w in ws {
        match out.last_mut() {
            Some((first, line)) if first.page == w.page && (first.y - w.y).abs() < 2.0 => {
                line.push(w)
            }
            _ => out.push((w.clone(), vec![w])),
        }
    }
    out.into_iter()
        .map(|(first, mut line)| {
            line.sort_by(|a, b| a.x.partial_cmp(&b.x).unwrap());
            let text = line
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            (first, text)
        })
        .collect()
}

// For the benchmarks (`harness = false`): options, timing, the binary.

/// The number after `--name` on the command line (`cargo bench --bench X
/// -- --name N`), or `default` when it is absent or not a number: the
/// benches take no other options, so no argument parser is needed.
pub fn arg(name: &str, default: usize) -> usize {
    std::env::args()
        .skip_while(|a| a != name)
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// The middle sample once sorted (the upper one of an even count): one
/// hiccup of a busy machine moves a mean, not a median.
pub fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// The release binary, `target/release/vanban` (under `CARGO_TARGET_DIR`
/// when that is set, as cargo builds it there): the benches time it as a
/// new process, as a clerk runs the command. If it is missing, the bench
/// stops at once with the command that builds it, not with a failed spawn
/// after the set-up.
pub fn release_binary(root: &Path) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let bin = target.join("release/vanban");
    assert!(
        bin.exists(),
        "build the binary first: cargo build --release (the bench runs it as a process)"
    );
    bin
}

/// Runs `bin build DATA --no-progress EXTRA… --out OUT` and times it, from
/// the spawn to the exit of the process (so start-up is included). Panics
/// with the binary's stderr if the build fails; otherwise returns the
/// time and the last line of stderr (the build's summary).
pub fn time_build(bin: &Path, data: &Path, extra: &[&str], out: &Path) -> (Duration, String) {
    let t = Instant::now();
    let o = Command::new(bin)
        .arg("build")
        .arg(data)
        .arg("--no-progress")
        .args(extra)
        .arg("--out")
        .arg(out)
        .output()
        .expect("vanban runs");
    let took = t.elapsed();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{err}");
    (took, err.lines().last().unwrap_or_default().to_string())
}

/// The `/Resources` of a signature widget's normal appearance (`/AP /N`).
pub fn appearance_resources(
    doc: &lopdf::Document,
    widget: &lopdf::Dictionary,
) -> lopdf::Dictionary {
    let ap = widget.get(b"AP").unwrap().as_dict().unwrap();
    let form = doc
        .get_object(ap.get(b"N").unwrap().as_reference().unwrap())
        .unwrap();
    form.as_stream()
        .unwrap()
        .dict
        .get(b"Resources")
        .unwrap()
        .as_dict()
        .unwrap()
        .clone()
}
