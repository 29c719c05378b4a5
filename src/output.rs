//! Writing outputs: every file goes to a temporary name in its folder and is
//! renamed into place, so a reader (a PDF viewer, a printer queue) never sees
//! a half-written file, and nothing is written at all when the build fails.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::Error;

/// One file to write.
#[derive(Debug, Clone)]
pub struct Output {
    /// What it is: `plan`, `typst-source` …
    pub kind: &'static str,
    /// File name inside the output folder.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// One entry of `manifest.json`.
#[derive(Debug, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct ManifestEntry {
    /// What it is.
    pub kind: String,
    /// Path relative to the folder of `manifest.json`.
    pub path: String,
    /// SHA-256 of the file, lower-case hex.
    pub sha256: String,
}

/// `manifest.json`: every output of the build.
#[derive(Debug, Serialize, serde::Deserialize)]
pub struct Manifest {
    /// Version of the tool that wrote it.
    pub vanban: String,
    /// The outputs.
    pub outputs: Vec<ManifestEntry>,
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes all outputs, then the manifest, into `dir` (created if missing).
/// Returns the manifest entries.
pub fn write_all(dir: &Path, outputs: &[Output]) -> Result<Vec<ManifestEntry>, Error> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut entries = Vec::with_capacity(outputs.len());
    for out in outputs {
        let path = dir.join(&out.name);
        write_atomic(&path, &out.bytes)?;
        entries.push(ManifestEntry {
            kind: out.kind.to_string(),
            path: out.name.clone(),
            sha256: sha256_hex(&out.bytes),
        });
    }
    let manifest = Manifest {
        vanban: env!("CARGO_PKG_VERSION").to_string(),
        outputs: entries,
    };
    let mut json = serde_json::to_vec_pretty(&manifest).expect("the manifest serialises");
    json.push(b'\n');
    write_atomic(&dir.join("manifest.json"), &json)?;
    Ok(manifest.outputs)
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
    tmp.as_file().sync_all().map_err(err)?;
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
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.pdf");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
