//! `vanban new KIND [FILE]`: a short, commented starter data file for each
//! document kind, for the Party (`dang`) or the state (`nha-nuoc`)
//! preset, which `vanban build` turns into correct PDFs as written. The
//! files are embedded (`templates/new/`); their dates are the day they are
//! written (`{today}`, `{today+N}`, `{year}`), so a new plan is of today
//! and its congress a fortnight ahead. An existing file is never
//! overwritten.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::error::{Error, Problem};

/// One kind of starter: its name and its files by preset (what it makes
/// is [`what`]).
struct Kind {
    name: &'static str,
    /// (preset, data file, a delegate list beside it)
    files: &'static [(&'static str, &'static str, Option<&'static str>)],
}

const KINDS: &[Kind] = &[
    Kind {
        name: "ke-hoach",
        files: &[
            (
                "dang",
                include_str!("../templates/new/ke-hoach.dang.yaml"),
                None,
            ),
            (
                "nha-nuoc",
                include_str!("../templates/new/ke-hoach.nha-nuoc.yaml"),
                None,
            ),
        ],
    },
    Kind {
        name: "dai-hoi",
        files: &[(
            "dang",
            include_str!("../templates/new/dai-hoi.dang.yaml"),
            Some(include_str!("../templates/new/dai-hoi.dang.csv")),
        )],
    },
    Kind {
        name: "thong-bao",
        files: &[
            (
                "dang",
                include_str!("../templates/new/thong-bao.dang.yaml"),
                None,
            ),
            (
                "nha-nuoc",
                include_str!("../templates/new/thong-bao.nha-nuoc.yaml"),
                None,
            ),
        ],
    },
    Kind {
        name: "giay-moi-hop",
        files: &[
            (
                "dang",
                include_str!("../templates/new/giay-moi-hop.dang.yaml"),
                None,
            ),
            (
                "nha-nuoc",
                include_str!("../templates/new/giay-moi-hop.nha-nuoc.yaml"),
                None,
            ),
        ],
    },
];

/// The kinds and their presets, a line each, for `vanban new --list`.
pub fn list() -> String {
    KINDS
        .iter()
        .map(|k| {
            let presets: Vec<&str> = k.files.iter().map(|f| f.0).collect();
            let line = crate::tr!(
                "new-list-line",
                what = what(k.name),
                presets = presets.join(" | ")
            );
            format!("{:<14}{line}\n", k.name)
        })
        .collect()
}

/// What a kind of starter makes, for `--list`.
fn what(kind: &str) -> String {
    match kind {
        "ke-hoach" => crate::tr!("new-kind-ke-hoach"),
        "dai-hoi" => crate::tr!("new-kind-dai-hoi"),
        "thong-bao" => crate::tr!("new-kind-thong-bao"),
        "giay-moi-hop" => crate::tr!("new-kind-giay-moi-hop"),
        other => other.to_string(),
    }
}

/// The line `vanban new` says of each file it wrote: `wrote ke-hoach.yaml`.
pub fn wrote(path: &Path) -> String {
    crate::tr!("new-wrote", path = path.display().to_string())
}

/// `text` with its date marks filled from `today`: `{today}` and
/// `{today+N}` as YYYY-MM-DD, `{year}` and `{year+N}`, `{file}` and
/// `{csv}` as the names written.
fn filled(text: &str, today: NaiveDate, file: &str, csv: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        let Some(end) = rest[at..].find('}') else {
            out.push_str(&rest[at..]);
            return out;
        };
        let mark = &rest[at + 1..at + end];
        // A brace of YAML's own before a mark (`{ file: {csv} }`).
        if mark.contains('{') {
            out.push('{');
            rest = &rest[at + 1..];
            continue;
        }
        let (name, plus) = match mark.split_once('+') {
            Some((n, k)) => (n, k.parse::<i64>().ok()),
            None => (mark, Some(0)),
        };
        let value = match (name, plus) {
            ("today", Some(k)) => Some((today + chrono::Duration::days(k)).to_string()),
            ("year", Some(k)) => Some((i64::from(today.year()) + k).to_string()),
            ("file", Some(0)) => Some(file.to_string()),
            ("csv", Some(0)) => Some(csv.to_string()),
            _ => None,
        };
        match value {
            Some(v) => out.push_str(&v),
            // Not a mark: YAML's own braces (`{ org: …, purpose: b/c }`).
            None => out.push_str(&rest[at..=at + end]),
        }
        rest = &rest[at + end + 1..];
    }
    out.push_str(rest);
    out
}

/// Writes the starter of `kind` for `preset` to `file` (default
/// `KIND.yaml`), with its delegate list beside it if it has one; returns
/// the paths written. Writes nothing if any of them exists.
pub fn write(
    kind: &str,
    file: Option<&Path>,
    preset: &str,
    today: NaiveDate,
) -> Result<Vec<PathBuf>, Error> {
    let names = || KINDS.iter().map(|k| k.name).collect::<Vec<_>>().join(", ");
    let Some(k) = KINDS.iter().find(|k| k.name == kind) else {
        return Err(Error::problem(
            Problem::error(crate::tr!("new-no-kind", kind = kind))
                .hint(crate::tr!("new-hint-kinds", kinds = names())),
        ));
    };
    let Some((_, yaml, csv)) = k.files.iter().find(|f| f.0 == preset) else {
        let presets: Vec<&str> = k.files.iter().map(|f| f.0).collect();
        return Err(Error::problem(
            Problem::error(crate::tr!("new-no-preset", kind = kind, preset = preset)).hint(
                crate::tr!("new-hint-presets", presets = presets.join(", --preset ")),
            ),
        ));
    };
    let path = file.map_or_else(|| PathBuf::from(format!("{kind}.yaml")), Path::to_path_buf);
    let stem = path
        .file_stem()
        .map_or_else(|| kind.to_string(), |s| s.to_string_lossy().into_owned());
    let csv_name = format!("{stem}-dai-bieu.csv");
    let mut files = vec![(path.clone(), *yaml)];
    if let Some(csv) = csv {
        files.push((path.with_file_name(&csv_name), *csv));
    }
    let taken: Vec<Problem> = files
        .iter()
        .filter(|(p, _)| std::fs::symlink_metadata(p).is_ok())
        .map(|(p, _)| {
            Problem::error(crate::tr!("new-exists", path = p.display().to_string()))
                .hint(crate::tr!("new-hint-exists"))
        })
        .collect();
    if !taken.is_empty() {
        return Err(Error::Problems(taken));
    }
    let file_name = path
        .file_name()
        .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
    let mut written = Vec::new();
    for (p, text) in &files {
        let text = filled(text, today, &file_name, &csv_name);
        // `create_new`: a file that appeared since the check is not replaced.
        let result = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(p)
            .and_then(|mut f| f.write_all(text.as_bytes()));
        if let Err(source) = result {
            for w in &written {
                let _ = std::fs::remove_file(w);
            }
            return Err(Error::Write {
                path: p.clone(),
                source,
            });
        }
        written.push(p.clone());
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_filled_and_yaml_braces_kept() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(
            filled(
                "date: {today}, {today+14}, {year} - {year+2}, { org: A, purpose: b/c } {file} { file: {csv} }",
                today,
                "a.yaml",
                "a-dai-bieu.csv"
            ),
            "date: 2026-12-01, 2026-12-15, 2026 - 2028, { org: A, purpose: b/c } a.yaml { file: a-dai-bieu.csv }"
        );
    }
}
