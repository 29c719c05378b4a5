//! Writing outputs. Every file of a build is staged in the output folder
//! and the build is put in place as a whole, or not at all ([`commit`]);
//! a rebuild trusts a file of the last build only as far as the disk
//! still holds what its manifest says ([`manifest`]). Any other file is
//! written to a temporary name beside its place and renamed, so a reader
//! (a PDF viewer, a printer queue) never sees a half-written file.

pub mod commit;
pub mod manifest;
pub mod stage;

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::Error;

pub use commit::OutDir;
pub use manifest::{Changes, Manifest, ManifestEntry, Part, Previous, SignBox};
pub use stage::{Committed, Stage, StagedFile};

/// The tool's own folder inside an output folder: the stage of a build
/// under way, the journal of its commit, the files' recorded stamps.
pub const STATE_DIR: &str = ".vanban";

/// `SOURCE_DATE_EPOCH`, when set to a whole number of seconds: the time
/// every output says it was made at (the PDFs' dates, the signatures',
/// a starter's "today"), so that the same input gives the same bytes
/// (reproducible-builds.org).
pub fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
}

/// The time outputs are made at: [`source_date_epoch`] if set, else now.
pub fn now() -> std::time::SystemTime {
    use std::time::{Duration, SystemTime};
    match source_date_epoch() {
        Some(s) if s >= 0 => SystemTime::UNIX_EPOCH + Duration::from_secs(s.unsigned_abs()),
        Some(s) => SystemTime::UNIX_EPOCH - Duration::from_secs(s.unsigned_abs()),
        None => SystemTime::now(),
    }
}

/// Lower-case hex SHA-256 of `parts`, each followed by a zero byte (so
/// `["ab", "c"]` and `["a", "bc"]` differ).
pub fn hash_parts(parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
        h.update([0]);
    }
    hex(&h.finalize())
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

pub(crate) fn hex(digest: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(digest.len() * 2);
    for b in digest {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let err = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".vanban-").suffix(".tmp");
    // A temporary file is private (0600); the document is not.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut tmp = builder.tempfile_in(&dir).map_err(err)?;
    tmp.write_all(bytes).map_err(err)?;
    // No fsync: the rename alone keeps readers from a half-written file,
    // and syncing would wait for the whole batch's data to reach the disk
    // (tens of milliseconds per build). After a power cut the next build
    // finds the manifest unreadable and rebuilds everything.
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

/// An ASCII file-name slug of Vietnamese text: diacritics dropped, `đ` → `d`,
/// anything else but letters and digits → `-` (`KẾ HOẠCH` → `ke-hoach`).
pub fn slug(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in text.nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            c if unicode_normalization::char::is_combining_mark(c) => continue,
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_drop_diacritics() {
        assert_eq!(slug("KẾ HOẠCH"), "ke-hoach");
        assert_eq!(slug("Đặng Thị Ngọc Ánh"), "dang-thi-ngoc-anh");
        assert_eq!(slug("  Chi bộ 02 (bản Nà Phát) "), "chi-bo-02-ban-na-phat");
    }

    #[test]
    fn a_dropped_stage_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        {
            let folder = OutDir::open(&out, || {}).unwrap();
            let previous = folder.previous(false);
            let mut stage = Stage::new(&folder, &previous);
            stage.add("plan", "a/b.pdf", b"x", None, "i1").unwrap();
        }
        assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
        let folder = OutDir::open(&out, || {}).unwrap();
        let previous = folder.previous(false);
        let mut stage = Stage::new(&folder, &previous);
        stage
            .add("invitation", "a/b.pdf", b"x", Some("Lò Văn A"), "i2")
            .unwrap();
        let committed = stage.commit(&folder).unwrap();
        assert_eq!(committed.changes.added, 1);
        assert_eq!(committed.outputs, 1);
        let manifest: Manifest =
            serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
        assert_eq!(manifest.outputs[0].sha256, sha256_hex(b"x"));
        assert_eq!(std::fs::read(out.join("a/b.pdf")).unwrap(), b"x");
        let mut names: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, [".vanban", "a", "manifest.json"]);
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.pdf");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
