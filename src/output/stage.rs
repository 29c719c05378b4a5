//! The stage of a build: every new file written into `.vanban/stage-…/`
//! inside the output folder (same file system: moving it into place is a
//! rename), and every output's manifest entry, in order — in memory for a
//! small build, spilled into the stage as JSON lines past 4,096 entries.
//! [`Stage::commit`] (in [`super::commit`]) puts it all in place.

use std::io::Write;
use std::path::PathBuf;

use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::commit::OutDir;
use super::manifest::{Changes, ManifestEntry, Part, Previous, SignBox};
use super::{STATE_DIR, hex, sha256_hex};
use crate::error::Error;

/// One entry of a stage, and whether its file was written (not kept).
#[derive(Debug)]
pub(super) struct Line {
    written: bool,
    entry: ManifestEntry,
}

/// A line of a stage as the commit reads it: what it needs of the entry,
/// and the entry's JSON as it goes into the manifest (a print file's
/// entry lists every letter: it is copied, not parsed and written again).
pub(super) struct Staged {
    pub(super) written: bool,
    pub(super) kind: String,
    pub(super) path: String,
    pub(super) json: String,
}

/// What the commit reads of an entry's JSON.
#[derive(Deserialize)]
struct EntryMeta {
    kind: String,
    path: String,
}

/// How a spilled line starts, before the entry's JSON.
const WRITTEN: &str = "{\"written\":true,\"entry\":";
const KEPT: &str = "{\"written\":false,\"entry\":";

/// Entries staged beyond this many are written to the stage rather than
/// kept in memory.
const IN_MEMORY: usize = 4096;

/// The entries of a stage in order: in memory for a small build, spilled
/// into the stage as JSON lines for a large one.
#[derive(Default)]
pub(super) struct Entries {
    lines: Vec<Line>,
    spill: Option<(PathBuf, std::io::BufWriter<std::fs::File>)>,
    count: usize,
}

impl Entries {
    /// Whether the next line goes to the stage, which the first such
    /// line opens ([`Entries::push`] then needs the stage's folder).
    fn spills(&self) -> bool {
        self.spill.is_none() && self.lines.len() >= IN_MEMORY
    }

    fn push(&mut self, line: Line, stage: Option<PathBuf>) -> Result<(), Error> {
        self.count += 1;
        if self.spill.is_none() && self.lines.len() < IN_MEMORY {
            self.lines.push(line);
            return Ok(());
        }
        if let (None, Some(stage)) = (&self.spill, stage) {
            let path = stage.join(".entries");
            let file = std::fs::File::create(&path).map_err(|source| Error::Write {
                path: path.clone(),
                source,
            })?;
            self.spill = Some((path, std::io::BufWriter::new(file)));
            for line in std::mem::take(&mut self.lines) {
                self.write(&line)?;
            }
        }
        self.write(&line)
    }

    fn write(&mut self, line: &Line) -> Result<(), Error> {
        let Some((path, out)) = self.spill.as_mut() else {
            return Ok(());
        };
        let err = |source| Error::Write {
            path: path.clone(),
            source,
        };
        let start = if line.written { WRITTEN } else { KEPT };
        out.write_all(start.as_bytes()).map_err(err)?;
        serde_json::to_writer(&mut *out, &line.entry).map_err(|e| err(e.into()))?;
        out.write_all(b"}\n").map_err(err)
    }

    /// Every line in order, read back from the stage if spilled.
    pub(super) fn each(
        &mut self,
        mut f: impl FnMut(Staged) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let Some((path, out)) = self.spill.as_mut() else {
            for line in std::mem::take(&mut self.lines) {
                f(staged(line)?)?;
            }
            return Ok(());
        };
        let err = |source| Error::Write {
            path: path.clone(),
            source,
        };
        out.flush().map_err(err)?;
        let file = std::fs::File::open(&*path).map_err(err)?;
        for text in std::io::BufRead::lines(std::io::BufReader::new(file)) {
            let mut text = text.map_err(err)?;
            let (written, start) = if text.starts_with(WRITTEN) {
                (true, WRITTEN.len())
            } else if text.starts_with(KEPT) {
                (false, KEPT.len())
            } else {
                return Err(err(std::io::Error::other(crate::tr!(
                    "output-staged-damaged"
                ))));
            };
            // The entry's JSON: the line without its frame.
            text.truncate(text.len().saturating_sub(1));
            text.drain(..start);
            let meta: EntryMeta = serde_json::from_str(&text).map_err(|e| err(e.into()))?;
            f(Staged {
                written,
                kind: meta.kind,
                path: meta.path,
                json: text,
            })?;
        }
        Ok(())
    }
}

/// A line kept in memory, as the commit reads it.
pub(super) fn staged(line: Line) -> Result<Staged, Error> {
    let json = serde_json::to_string(&line.entry).map_err(|e| Error::Write {
        path: PathBuf::from(&line.entry.path),
        source: e.into(),
    })?;
    Ok(Staged {
        written: line.written,
        kind: line.entry.kind,
        path: line.entry.path,
        json,
    })
}

/// Outputs staged in a hidden folder inside the output folder, so a batch
/// of thousands of letters does not sit in memory; [`Stage::commit`] moves
/// them into place at the end. If the build fails, dropping the stage
/// removes it and the output folder is as it was. Outputs a rebuild leaves
/// as they were are only recorded ([`Stage::keep`]): nothing is written for
/// them, and a rebuild that changes nothing writes nothing at all.
pub struct Stage<'p> {
    pub(super) out: PathBuf,
    /// The last build, to tell what changed.
    pub(super) previous: &'p Previous,
    /// Made on the first file staged.
    pub(super) dir: Option<tempfile::TempDir>,
    /// Entries listed first in the manifest (the main document's, made
    /// beside the events but listed before them); see [`Stage::in_front`].
    pub(super) front: Vec<Line>,
    pub(super) in_front: bool,
    pub(super) entries: Entries,
    /// Which entries of the last build this one makes again.
    pub(super) made: Vec<bool>,
    pub(super) changes: Changes,
    pub(super) written: usize,
    /// Where this build read each signature or seal image, by its
    /// SHA-256 (see [`Stage::name_images`]).
    pub(super) images: std::collections::HashMap<String, String>,
}

impl Drop for Stage<'_> {
    fn drop(&mut self) {
        // A build that failed in a new folder leaves it empty, as it found it.
        if self.dir.take().is_some() {
            let _ = std::fs::remove_dir(self.out.join(STATE_DIR));
        }
    }
}

/// What a commit did.
#[derive(Debug, Default)]
pub struct Committed {
    /// What changed on disk.
    pub changes: Changes,
    /// Outputs listed in the manifest.
    pub outputs: usize,
    /// The paths of the outputs that are not letters (documents, print
    /// files, sheets, sources), in manifest order: few enough to name.
    pub documents: Vec<String>,
    /// Outputs of the last build that were missing or damaged on disk and
    /// were made again.
    pub remade: Vec<String>,
}

impl Committed {
    /// The line a build ends with: `606 file(s) and manifest.json in
    /// OUT: 0 changed, 0 added, 0 removed, 606 unchanged`.
    pub fn line(&self, out: &std::path::Path) -> String {
        crate::tr!(
            "output-committed",
            count = self.outputs,
            path = out.display().to_string(),
            changes = self.changes.to_string()
        )
    }
}

impl<'p> Stage<'p> {
    /// A stage for the locked folder `out`, whose last build is
    /// `previous`; its folder comes with the first file.
    pub fn new(out: &OutDir, previous: &'p Previous) -> Self {
        Self {
            out: out.path().to_path_buf(),
            previous,
            dir: None,
            front: Vec::new(),
            in_front: false,
            entries: Entries::default(),
            made: vec![false; previous.len()],
            changes: Changes::default(),
            written: 0,
            images: Default::default(),
        }
    }

    /// Names the image of every sign box staged from now on by where this
    /// build read it (`paths`: SHA-256 → path). A box says which bytes it
    /// shows; a file kept from the last build keeps its boxes, and the
    /// same bytes may since have moved (the data's folder renamed, the
    /// image saved under another name): the manifest names them where
    /// they are now.
    pub fn name_images(&mut self, paths: impl IntoIterator<Item = (String, String)>) {
        self.images = paths.into_iter().collect();
    }

    /// The stage's folder, made on first use.
    pub(super) fn dir(&mut self) -> Result<PathBuf, Error> {
        if self.dir.is_none() {
            let state = self.out.join(STATE_DIR);
            let err = |source| Error::Write {
                path: state.clone(),
                source,
            };
            std::fs::create_dir_all(&state).map_err(err)?;
            let dir = tempfile::Builder::new()
                .prefix("stage-")
                .tempdir_in(&state)
                .map_err(err)?;
            self.dir = Some(dir);
        }
        Ok(self
            .dir
            .as_ref()
            .map_or(PathBuf::new(), |d| d.path().to_path_buf()))
    }

    /// The staging path of `rel`, its folder created.
    fn staged(&mut self, rel: &str) -> Result<PathBuf, Error> {
        let to = self.out.join(rel);
        let path = self.dir()?.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| Error::Write {
                path: to.clone(),
                source,
            })?;
        }
        Ok(path)
    }

    /// From now on (`true`) or no longer, entries go before the others in
    /// the manifest: for outputs made alongside the rest, staged after it,
    /// but listed first.
    pub fn in_front(&mut self, front: bool) {
        self.in_front = front;
    }

    /// Records `entry`, its file written or kept: what it changed, and
    /// which output of the last build it is.
    fn push(&mut self, mut entry: ManifestEntry, written: bool) -> Result<(), Error> {
        for b in &mut entry.sign_boxes {
            if let Some(path) = self.images.get(&b.image_sha256) {
                b.image.clone_from(path);
            }
        }
        let previous = self.previous;
        let there = || std::fs::symlink_metadata(self.out.join(&entry.path)).is_ok();
        match previous.index(&entry.path) {
            Some(i) => {
                self.made[i] = true;
                // What happened on disk: a damaged file made again changed,
                // a missing one was added, whatever the last manifest said.
                if previous.same_bytes(i, &entry.sha256) && previous.is_intact(i) {
                    self.changes.unchanged += 1;
                } else if there() {
                    self.changes.changed += 1;
                } else {
                    self.changes.added += 1;
                }
            }
            None => self.changes.added += 1,
        }
        self.written += usize::from(written);
        let line = Line { written, entry };
        if self.in_front {
            self.front.push(line);
            return Ok(());
        }
        let stage = if self.entries.spills() {
            Some(self.dir()?)
        } else {
            None
        };
        self.entries.push(line, stage)
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
        self.write_new(kind, rel, bytes, delegate, inputs, Vec::new(), Vec::new())
    }

    /// [`Stage::add`], for an output with the rectangles of its signature
    /// and seal images (see [`ManifestEntry::sign_boxes`]).
    pub fn add_with_boxes(
        &mut self,
        kind: &str,
        rel: &str,
        bytes: &[u8],
        delegate: Option<&str>,
        inputs: &str,
        sign_boxes: Vec<SignBox>,
    ) -> Result<(), Error> {
        self.write_new(kind, rel, bytes, delegate, inputs, Vec::new(), sign_boxes)
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
        self.write_new(kind, rel, bytes, None, inputs, parts, Vec::new())
    }

    /// Writes a new output into the stage and records its entry.
    #[allow(clippy::too_many_arguments)]
    fn write_new(
        &mut self,
        kind: &str,
        rel: &str,
        bytes: &[u8],
        delegate: Option<&str>,
        inputs: &str,
        parts: Vec<Part>,
        sign_boxes: Vec<SignBox>,
    ) -> Result<(), Error> {
        let path = self.staged(rel)?;
        std::fs::write(&path, bytes).map_err(|source| Error::Write {
            path: self.out.join(rel),
            source,
        })?;
        self.push(
            ManifestEntry {
                kind: kind.to_string(),
                delegate: delegate.map(str::to_string),
                path: rel.to_string(),
                sha256: sha256_hex(bytes),
                size: bytes.len() as u64,
                inputs: inputs.to_string(),
                parts,
                signed: None,
                sign_boxes,
            },
            true,
        )
    }

    /// Stages new bytes for an output of the last build that was not made
    /// again (a file just signed): `entry` as the manifest will have it,
    /// its digest and size taken from `bytes`.
    pub fn replace(&mut self, entry: ManifestEntry, bytes: &[u8]) -> Result<(), Error> {
        let path = self.staged(&entry.path)?;
        std::fs::write(&path, bytes).map_err(|source| Error::Write {
            path: self.out.join(&entry.path),
            source,
        })?;
        self.push(
            ManifestEntry {
                sha256: sha256_hex(bytes),
                size: bytes.len() as u64,
                ..entry
            },
            true,
        )
    }

    /// Records an output of the last build that stays as it is (for a
    /// letter, with its delegate's name as the data has it now).
    pub fn keep(&mut self, entry: ManifestEntry, delegate: Option<&str>) -> Result<(), Error> {
        self.push(
            ManifestEntry {
                delegate: delegate.map(str::to_string),
                ..entry
            },
            false,
        )
    }

    /// Keeps every output of the last build that this one did not make
    /// and that `keep` selects (a partial build, `--only`, leaves the
    /// others as they are); returns the paths of those among them that
    /// are not on disk as they were made (they stay listed, so the next
    /// whole build makes them again).
    pub fn keep_unmade(
        &mut self,
        keep: impl Fn(&ManifestEntry) -> bool,
    ) -> Result<Vec<String>, Error> {
        let previous = self.previous;
        let mut damaged = Vec::new();
        for i in 0..previous.len() {
            if self.made[i] {
                continue;
            }
            let e = previous.get(i);
            if !keep(&e) {
                continue;
            }
            if !previous.is_intact(i) {
                damaged.push(e.path.clone());
            }
            let delegate = e.delegate.clone();
            self.keep(e, delegate.as_deref())?;
        }
        Ok(damaged)
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
            size: 0,
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
        self.record_with_boxes(kind, staged, inputs, parts, Vec::new())
    }

    /// [`Stage::record`], for a file with the rectangles of its signature
    /// and seal images (a print file of signed letters).
    pub fn record_with_boxes(
        &mut self,
        kind: &str,
        staged: StagedFile,
        inputs: &str,
        parts: Vec<Part>,
        sign_boxes: Vec<SignBox>,
    ) -> Result<(), Error> {
        let StagedFile {
            rel,
            file,
            hasher,
            size,
        } = staged;
        file.into_inner().map_err(|e| Error::Write {
            path: self.out.join(&rel),
            source: e.into_error(),
        })?;
        self.push(
            ManifestEntry {
                kind: kind.to_string(),
                delegate: None,
                sha256: hex(&hasher.finalize()),
                size,
                path: rel,
                inputs: inputs.to_string(),
                parts,
                signed: None,
                sign_boxes,
            },
            true,
        )
    }

    /// How many outputs have been staged or kept so far.
    pub fn len(&self) -> usize {
        self.front.len() + self.entries.count
    }

    /// Whether nothing has been staged or kept yet.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A staged file being written: hashes and counts what goes through it.
pub struct StagedFile {
    rel: String,
    file: std::io::BufWriter<std::fs::File>,
    hasher: Sha256,
    size: u64,
}

impl Write for StagedFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.size += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}
