//! Writing outputs: every file goes to a temporary name in its folder and is
//! renamed into place, so a reader (a PDF viewer, a printer queue) never sees
//! a half-written file, and nothing is written at all when the build fails.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::Error;

/// One entry of `manifest.json`.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct ManifestEntry {
    /// What it is: `plan`, `invitation`, `invitations-print`, `recipients`, `typst-source`.
    pub kind: String,
    /// For an invitation: the delegate's full name as in the data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delegate: Option<String>,
    /// Path relative to the folder of `manifest.json`, with `/` separators.
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
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Outputs staged in a hidden folder inside the output folder, so a batch
/// of thousands of letters does not sit in memory; [`Stage::commit`] moves
/// them into place at the end. If the build fails, dropping the stage
/// removes it and the output folder is as it was.
pub struct Stage {
    out: PathBuf,
    dir: tempfile::TempDir,
    entries: Vec<ManifestEntry>,
}

impl Stage {
    /// Creates the output folder if needed, and a staging folder inside it
    /// (same file system, so the final moves are renames).
    pub fn new(out: &Path) -> Result<Self, Error> {
        let err = |source| Error::Write {
            path: out.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(out).map_err(err)?;
        let dir = tempfile::Builder::new()
            .prefix(".vanban-stage-")
            .tempdir_in(out)
            .map_err(err)?;
        Ok(Self {
            out: out.to_path_buf(),
            dir,
            entries: Vec::new(),
        })
    }

    /// Stages one output at `rel` (a `/`-separated path below the output folder).
    pub fn add(
        &mut self,
        kind: &str,
        rel: &str,
        bytes: &[u8],
        delegate: Option<&str>,
    ) -> Result<(), Error> {
        let path = self.dir.path().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| Error::Write {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        std::fs::write(&path, bytes).map_err(|source| Error::Write {
            path: self.out.join(rel),
            source,
        })?;
        self.entries.push(ManifestEntry {
            kind: kind.to_string(),
            delegate: delegate.map(str::to_string),
            path: rel.to_string(),
            sha256: sha256_hex(bytes),
        });
        Ok(())
    }

    /// Opens a staged file at `rel` to be written piece by piece (a print
    /// file of thousands of pages); hand it back to [`Stage::record`].
    pub fn create(&self, rel: &str) -> Result<StagedFile, Error> {
        let path = self.dir.path().join(rel);
        let err = |source| Error::Write {
            path: self.out.join(rel),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(err)?;
        }
        let file = std::fs::File::create(&path).map_err(err)?;
        Ok(StagedFile {
            rel: rel.to_string(),
            file: std::io::BufWriter::new(file),
            hasher: Sha256::new(),
        })
    }

    /// Records a file written through [`Stage::create`].
    pub fn record(&mut self, kind: &str, staged: StagedFile) -> Result<(), Error> {
        let StagedFile { rel, file, hasher } = staged;
        file.into_inner().map_err(|e| Error::Write {
            path: self.out.join(&rel),
            source: e.into_error(),
        })?;
        self.entries.push(ManifestEntry {
            kind: kind.to_string(),
            delegate: None,
            sha256: hex(&hasher.finalize()),
            path: rel,
        });
        Ok(())
    }

    /// What has been staged so far.
    pub fn entries(&self) -> &[ManifestEntry] {
        &self.entries
    }

    /// Moves every staged file into place (each move atomic), then writes
    /// `manifest.json`; returns the manifest entries.
    pub fn commit(self) -> Result<Vec<ManifestEntry>, Error> {
        for e in &self.entries {
            let from = self.dir.path().join(&e.path);
            let to = self.out.join(&e.path);
            let err = |source| Error::Write {
                path: to.clone(),
                source,
            };
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent).map_err(err)?;
            }
            std::fs::rename(&from, &to).map_err(err)?;
        }
        let manifest = Manifest {
            vanban: env!("CARGO_PKG_VERSION").to_string(),
            outputs: self.entries,
        };
        let mut json = serde_json::to_vec_pretty(&manifest).expect("the manifest serialises");
        json.push(b'\n');
        write_atomic(&self.out.join("manifest.json"), &json)?;
        Ok(manifest.outputs)
    }
}

/// A staged file being written: hashes what goes through it.
pub struct StagedFile {
    rel: String,
    file: std::io::BufWriter<std::fs::File>,
    hasher: Sha256,
}

impl Write for StagedFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
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
            let mut stage = Stage::new(&out).unwrap();
            stage.add("plan", "a/b.pdf", b"x", None).unwrap();
        }
        assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
        let mut stage = Stage::new(&out).unwrap();
        stage
            .add("invitation", "a/b.pdf", b"x", Some("Lò Văn A"))
            .unwrap();
        let entries = stage.commit().unwrap();
        assert_eq!(entries[0].sha256, sha256_hex(b"x"));
        assert_eq!(std::fs::read(out.join("a/b.pdf")).unwrap(), b"x");
        let mut names: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["a", "manifest.json"]);
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
