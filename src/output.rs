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
    /// SHA-256 of exactly what the file was made from (its slice of the
    /// data, the templates, preset, fonts and tool), lower-case hex: a
    /// rebuild remakes the file only when this changes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub inputs: String,
    /// For a file joined from parts (a print file from letters, a sheet
    /// from pages): each part's inputs and pages, in order, so a rebuild
    /// takes the unchanged parts' pages from this file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Part>,
}

/// One part of a joined file.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct Part {
    /// What the part was made from (for a letter: the letter's own inputs).
    pub inputs: String,
    /// Its pages.
    pub pages: usize,
}

/// `manifest.json`: every output of the build.
#[derive(Debug, Serialize, serde::Deserialize)]
pub struct Manifest {
    /// Version of the tool that wrote it.
    pub vanban: String,
    /// The outputs.
    pub outputs: Vec<ManifestEntry>,
}

/// What a rebuild changed, by comparing the new manifest with the old one.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Changes {
    /// Files that were there and now have other bytes.
    pub changed: usize,
    /// New files.
    pub added: usize,
    /// Files of the last build that the data no longer makes (deleted).
    pub removed: usize,
    /// Files left as they were.
    pub unchanged: usize,
}

impl std::fmt::Display for Changes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} changed, {} added, {} removed, {} unchanged",
            self.changed, self.added, self.removed, self.unchanged
        )
    }
}

/// The outputs of the last build in a folder, from its `manifest.json`.
#[derive(Debug, Default)]
pub struct Previous {
    out: PathBuf,
    by_path: std::collections::HashMap<String, ManifestEntry>,
    by_inputs: std::collections::HashMap<String, String>,
    /// Remake everything: report changes against the last build, reuse nothing.
    forced: bool,
}

impl Previous {
    /// Reads `out/manifest.json`. A folder without one (or with one this
    /// tool cannot read) has no previous build: everything is made anew.
    pub fn load(out: &Path) -> Self {
        let manifest = std::fs::read(out.join("manifest.json"))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok());
        let mut previous = Self {
            out: out.to_path_buf(),
            ..Self::default()
        };
        for e in manifest.map(|m| m.outputs).unwrap_or_default() {
            if !is_safe_relative(&e.path) {
                continue;
            }
            if !e.inputs.is_empty() {
                previous.by_inputs.insert(e.inputs.clone(), e.path.clone());
            }
            previous.by_path.insert(e.path.clone(), e);
        }
        previous
    }

    /// Entries of the last build that `keep` selects, still on disk (the
    /// outputs a partial build, `--only`, does not make).
    pub fn entries_where(&self, keep: impl Fn(&ManifestEntry) -> bool) -> Vec<ManifestEntry> {
        let mut v: Vec<ManifestEntry> = self
            .by_path
            .values()
            .filter(|e| keep(e) && self.out.join(&e.path).is_file())
            .cloned()
            .collect();
        v.sort_by(|a, b| a.path.cmp(&b.path));
        v
    }

    /// The last build, for reporting what changed only: nothing of it is
    /// reused (`--force`).
    pub fn forced(mut self) -> Self {
        self.forced = true;
        self
    }

    /// The entry of `path` if it was made from `inputs` and is still there.
    pub fn unchanged(&self, path: &str, inputs: &str) -> Option<&ManifestEntry> {
        if self.forced {
            return None;
        }
        self.by_path
            .get(path)
            .filter(|e| e.inputs == inputs && self.out.join(path).is_file())
    }

    /// The bytes of a file made from `inputs`, wherever it is (a letter
    /// renumbered after a delegate was inserted above it), if still intact.
    pub fn reuse(&self, inputs: &str) -> Option<Vec<u8>> {
        if self.forced {
            return None;
        }
        let path = self.by_inputs.get(inputs)?;
        let entry = self.by_path.get(path)?;
        let bytes = std::fs::read(self.out.join(path)).ok()?;
        (sha256_hex(&bytes) == entry.sha256).then_some(bytes)
    }

    /// The entry of `path` in the last build.
    pub fn entry(&self, path: &str) -> Option<&ManifestEntry> {
        self.by_path.get(path).filter(|_| !self.forced)
    }

    /// The bytes of the file at `path` if they are the ones it was made with.
    pub fn read(&self, path: &str) -> Option<Vec<u8>> {
        let entry = self.by_path.get(path)?;
        let bytes = std::fs::read(self.out.join(path)).ok()?;
        (sha256_hex(&bytes) == entry.sha256).then_some(bytes)
    }
}

/// A manifest path this tool may replace or delete: relative, inside the
/// output folder (a hand-edited manifest must not make it touch other files).
fn is_safe_relative(path: &str) -> bool {
    let p = Path::new(path);
    !path.is_empty()
        && p.components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
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

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Outputs staged in a hidden folder inside the output folder, so a batch
/// of thousands of letters does not sit in memory; [`Stage::commit`] moves
/// them into place at the end. If the build fails, dropping the stage
/// removes it and the output folder is as it was. Outputs a rebuild leaves
/// as they were are only recorded ([`Stage::keep`]): nothing is written for
/// them, and a rebuild that changes nothing writes nothing at all.
pub struct Stage {
    out: PathBuf,
    /// Made on the first file staged.
    dir: Option<tempfile::TempDir>,
    entries: Vec<ManifestEntry>,
    /// Paths of the files written into `dir` (the others are kept as they
    /// are): commit moves these without looking at the rest.
    written: std::collections::HashSet<String>,
}

impl Stage {
    /// Creates the output folder if needed; the staging folder inside it
    /// (same file system, so the final moves are renames) comes with the
    /// first file.
    pub fn new(out: &Path) -> Result<Self, Error> {
        std::fs::create_dir_all(out).map_err(|source| Error::Write {
            path: out.to_path_buf(),
            source,
        })?;
        // A build stopped by Ctrl-C or a power cut leaves its staging
        // folder behind; it holds nothing anyone asked for.
        for entry in std::fs::read_dir(out).into_iter().flatten().flatten() {
            let name = entry.file_name();
            if name.to_string_lossy().starts_with(".vanban-stage-") && entry.path().is_dir() {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
        Ok(Self {
            out: out.to_path_buf(),
            dir: None,
            entries: Vec::new(),
            written: Default::default(),
        })
    }

    /// The staging path of `rel`, its folder created.
    fn staged(&mut self, rel: &str) -> Result<PathBuf, Error> {
        let err = |source| Error::Write {
            path: self.out.join(rel),
            source,
        };
        if self.dir.is_none() {
            let dir = tempfile::Builder::new()
                .prefix(".vanban-stage-")
                .tempdir_in(&self.out)
                .map_err(err)?;
            self.dir = Some(dir);
        }
        let path = self
            .dir
            .as_ref()
            .map_or(PathBuf::new(), |d| d.path().join(rel));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(err)?;
        }
        self.written.insert(rel.to_string());
        Ok(path)
    }

    /// Moves the entries staged from `from` on before the others: for
    /// outputs made alongside, staged after, but listed first.
    pub fn move_to_front(&mut self, from: usize) {
        let from = from.min(self.entries.len());
        self.entries.rotate_left(from);
    }

    /// Stages one output at `rel` (a `/`-separated path below the output
    /// folder), made from `inputs` (see [`ManifestEntry::inputs`]).
    pub fn add(
        &mut self,
        kind: &str,
        rel: &str,
        bytes: &[u8],
        delegate: Option<&str>,
        inputs: &str,
    ) -> Result<(), Error> {
        let path = self.staged(rel)?;
        std::fs::write(&path, bytes).map_err(|source| Error::Write {
            path: self.out.join(rel),
            source,
        })?;
        self.entries.push(ManifestEntry {
            kind: kind.to_string(),
            delegate: delegate.map(str::to_string),
            path: rel.to_string(),
            sha256: sha256_hex(bytes),
            inputs: inputs.to_string(),
            parts: Vec::new(),
        });
        Ok(())
    }

    /// Stages an output joined from `parts` (see [`ManifestEntry::parts`]).
    pub fn add_joined(
        &mut self,
        kind: &str,
        rel: &str,
        bytes: &[u8],
        inputs: &str,
        parts: Vec<Part>,
    ) -> Result<(), Error> {
        self.add(kind, rel, bytes, None, inputs)?;
        if let Some(e) = self.entries.last_mut() {
            e.parts = parts;
        }
        Ok(())
    }

    /// Records an output of the last build that stays as it is.
    pub fn keep(&mut self, entry: &ManifestEntry, delegate: Option<&str>) {
        self.entries.push(ManifestEntry {
            delegate: delegate.map(str::to_string),
            ..entry.clone()
        });
    }

    /// Opens a staged file at `rel` to be written piece by piece (a print
    /// file of thousands of pages); hand it back to [`Stage::record`].
    pub fn create(&mut self, rel: &str) -> Result<StagedFile, Error> {
        let path = self.staged(rel)?;
        let file = std::fs::File::create(&path).map_err(|source| Error::Write {
            path: self.out.join(rel),
            source,
        })?;
        Ok(StagedFile {
            rel: rel.to_string(),
            file: std::io::BufWriter::new(file),
            hasher: Sha256::new(),
        })
    }

    /// Records a file written through [`Stage::create`], made from `inputs`
    /// and joined from `parts`.
    pub fn record(
        &mut self,
        kind: &str,
        staged: StagedFile,
        inputs: &str,
        parts: Vec<Part>,
    ) -> Result<(), Error> {
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
            inputs: inputs.to_string(),
            parts,
        });
        Ok(())
    }

    /// What has been staged or kept so far.
    pub fn entries(&self) -> &[ManifestEntry] {
        &self.entries
    }

    /// Moves every staged file into place (each move atomic), deletes the
    /// files of the last build (`previous`) that this one no longer makes,
    /// then writes `manifest.json` if it changed; returns the manifest
    /// entries and what changed.
    pub fn commit(self, previous: &Previous) -> Result<(Vec<ManifestEntry>, Changes), Error> {
        let mut changes = Changes::default();
        let mut made = std::collections::HashSet::new();
        for e in &self.entries {
            made.insert(e.path.as_str());
            match previous.by_path.get(&e.path) {
                Some(old) if old.sha256 == e.sha256 => changes.unchanged += 1,
                Some(_) => changes.changed += 1,
                None => changes.added += 1,
            }
            let Some(dir) = &self.dir else { continue };
            if !self.written.contains(&e.path) {
                continue; // kept, not staged
            }
            let from = dir.path().join(&e.path);
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
        let mut gone: Vec<&String> = previous
            .by_path
            .keys()
            .filter(|p| !made.contains(p.as_str()))
            .collect();
        gone.sort();
        for rel in gone {
            let path = self.out.join(rel);
            match std::fs::remove_file(&path) {
                Ok(()) => changes.removed += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => return Err(Error::Write { path, source }),
            }
            // Folders the removed files leave empty go too (a removed
            // event's letters); `remove_dir` fails on anything else.
            let mut dir = path.parent();
            while let Some(d) = dir.filter(|d| *d != self.out && d.starts_with(&self.out)) {
                if std::fs::remove_dir(d).is_err() {
                    break;
                }
                dir = d.parent();
            }
        }
        let manifest = Manifest {
            vanban: env!("CARGO_PKG_VERSION").to_string(),
            outputs: self.entries,
        };
        let mut json = serde_json::to_vec_pretty(&manifest).expect("the manifest serialises");
        json.push(b'\n');
        let path = self.out.join("manifest.json");
        if std::fs::read(&path).ok().as_deref() != Some(json.as_slice()) {
            write_atomic(&path, &json)?;
        }
        Ok((manifest.outputs, changes))
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
            stage.add("plan", "a/b.pdf", b"x", None, "i1").unwrap();
        }
        assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
        let mut stage = Stage::new(&out).unwrap();
        stage
            .add("invitation", "a/b.pdf", b"x", Some("Lò Văn A"), "i2")
            .unwrap();
        let (entries, changes) = stage.commit(&Previous::load(&out)).unwrap();
        assert_eq!(changes.added, 1);
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
