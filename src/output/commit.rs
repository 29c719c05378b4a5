//! The output folder during a build: locked, staged, and committed as a
//! whole.
//!
//! - **One build at a time.** [`OutDir::open`] locks the folder (an
//!   advisory `flock` on the folder itself, which the system drops when the
//!   process dies, so a lock is never stale); a second build into the same
//!   folder waits for the first.
//! - **Staged.** Every new file is written into `.vanban/stage-…/` inside
//!   the folder (same file system: moving it is a rename). A build that
//!   fails drops the stage and the folder is as it was.
//! - **Committed by a journal.** [`Stage::commit`] first checks that every
//!   file can go where it goes (no folder or link in its place), then
//!   writes `.vanban/journal.json` naming every file it will move in and
//!   every file it will delete. It moves each old file aside into the
//!   stage, the new one into place, the deleted ones aside, and last
//!   renames the new `manifest.json` into place: that rename is the moment
//!   the new build exists. If a step fails, the moves are undone and the
//!   folder is the last build's again; if the process dies (a `kill -9`, a
//!   power cut after the journal reached the disk), the next
//!   [`OutDir::open`] reads the journal and undoes what was done, or, if
//!   the manifest was already in place, finishes the clean-up.
//!
//! The folder is thus always the result of one build, never a mix, and
//! [`super::Previous`] checks each file against the disk before trusting it.
//!
//! For tests only, `VANBAN_TEST_COMMIT` makes a commit misbehave at a chosen
//! point: `fail-after:N` fails once N files are in place (as a full disk or
//! a permission error would), `abort-after:N` kills the process there (as
//! `kill -9` would), and `pause:MS` waits MS milliseconds once the journal is
//! written (so a second build can be started meanwhile).

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::manifest::{self, Changes, Manifest, ManifestEntry, Part, Previous, Stamp, Stamps};
use super::{STATE_DIR, hex, sha256_hex, write_atomic};
use crate::error::{Error, Problem};

/// The journal of a commit under way, in [`STATE_DIR`].
const JOURNAL: &str = "journal.json";

/// The new manifest, staged (no output path starts with a dot).
const STAGED_MANIFEST: &str = ".manifest.json";

/// Where the files a commit replaces or deletes are put aside, in the stage.
const ASIDE: &str = ".old";

/// An output folder, locked for one build, with any commit a killed build
/// left half done undone.
pub struct OutDir {
    path: PathBuf,
    /// Held for the life of the build: the lock goes with it.
    _lock: Option<std::fs::File>,
    notes: Vec<String>,
}

impl OutDir {
    /// Creates the folder if needed and locks it; if another build holds
    /// the lock, calls `waiting` once and waits for it. Then repairs what
    /// an interrupted build left (see the module documentation).
    pub fn open(path: &Path, waiting: impl FnOnce()) -> Result<Self, Error> {
        let write_err = |source| Error::Write {
            path: path.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(path).map_err(write_err)?;
        let mut notes = Vec::new();
        let lock = match lock(path, waiting) {
            Ok(file) => Some(file),
            // A file system without locks (some network shares): build
            // anyway, and say that two builds at once would clash.
            Err(e) => {
                notes.push(format!(
                    "`{}` cannot be locked ({e}): do not run two builds into it at once",
                    path.display()
                ));
                None
            }
        };
        let mut out = Self {
            path: path.to_path_buf(),
            _lock: lock,
            notes,
        };
        out.recover()?;
        Ok(out)
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What was found and repaired when the folder was opened, to tell the
    /// user (warnings).
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// The last build in the folder, each file checked against the disk;
    /// with `forced`, for reporting only (nothing is reused).
    pub fn previous(&self, forced: bool) -> Previous {
        let previous = Previous::load(&self.path);
        if forced { previous.forced() } else { previous }
    }

    fn state(&self) -> PathBuf {
        self.path.join(STATE_DIR)
    }

    /// Undoes or finishes a commit that a killed build left, and removes
    /// the stages of builds stopped before they committed.
    fn recover(&mut self) -> Result<(), Error> {
        let state = self.state();
        let journal_path = state.join(JOURNAL);
        match std::fs::read(&journal_path) {
            Ok(bytes) => {
                match serde_json::from_slice::<Journal>(&bytes)
                    .ok()
                    .filter(Journal::is_safe)
                {
                    Some(journal) => {
                        let stage = state.join(&journal.stage);
                        let manifest = std::fs::read(self.path.join("manifest.json"))
                            .ok()
                            .map(|b| sha256_hex(&b));
                        let all_moved = journal.moves.iter().all(|rel| !stage.join(rel).exists());
                        if manifest.as_deref() != Some(journal.manifest.as_str()) || !all_moved {
                            undo(&self.path, &stage, &journal).map_err(|e| {
                                Error::problem(
                                    Problem::error(format!(
                                        "the last build into `{}` was interrupted while it replaced files, and they cannot be put back: {e}",
                                        self.path.display()
                                    ))
                                    .hint(format!(
                                        "make the folder writable and build again, or delete the folder `{}` and build again",
                                        self.path.display()
                                    )),
                                )
                            })?;
                            self.notes.push(format!(
                                "the last build into `{}` was interrupted while it replaced files; the files of the build before it were put back",
                                self.path.display()
                            ));
                        }
                    }
                    None => self.notes.push(format!(
                        "`{}` was damaged and is ignored; every file is checked against its manifest",
                        journal_path.display()
                    )),
                }
                std::fs::remove_file(&journal_path).map_err(|source| Error::Write {
                    path: journal_path.clone(),
                    source,
                })?;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => {
                return Err(Error::Read {
                    path: journal_path,
                    source,
                });
            }
        }
        // Stages of builds that stopped before their commit (Ctrl-C, a
        // crash): they hold nothing anyone asked for. `.vanban-stage-…`
        // is where versions before 0.1 staged.
        for (dir, prefix) in [(&state, "stage-"), (&self.path, ".vanban-stage-")] {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
                if is_dir && entry.file_name().to_string_lossy().starts_with(prefix) {
                    let _ = std::fs::remove_dir_all(entry.path());
                }
            }
        }
        Ok(())
    }
}

/// Takes the folder's lock, waiting (after calling `waiting`) if another
/// process has it.
fn lock(path: &Path, waiting: impl FnOnce()) -> std::io::Result<std::fs::File> {
    // On Unix a folder opens read-only, and `flock` works on it: nothing
    // is added to the folder for the lock.
    #[cfg(unix)]
    let file = std::fs::File::open(path)?;
    #[cfg(not(unix))]
    let file = std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .open(path.join(".vanban-lock"))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => {
            waiting();
            file.lock()?;
            Ok(file)
        }
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

/// What a commit will do, written before it does any of it.
#[derive(Debug, Serialize, Deserialize)]
struct Journal {
    /// The stage folder's name in [`STATE_DIR`].
    stage: String,
    /// Files moved from the stage into place, in order.
    moves: Vec<String>,
    /// Files of the last build deleted (put aside in the stage).
    removes: Vec<String>,
    /// Folders the commit creates, parents first.
    dirs: Vec<String>,
    /// SHA-256 of the new `manifest.json`.
    manifest: String,
}

impl Journal {
    /// Every path relative, inside the folder: a damaged journal must not
    /// make the repair touch other files.
    fn is_safe(&self) -> bool {
        self.stage.starts_with("stage-")
            && !self.stage.contains(['/', '\\'])
            && self
                .moves
                .iter()
                .chain(&self.removes)
                .chain(&self.dirs)
                .all(|p| manifest::is_safe_relative(p))
    }
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
    written: HashSet<String>,
}

impl Drop for Stage {
    fn drop(&mut self) {
        // A build that failed in a new folder leaves it empty, as it found it.
        if self.dir.take().is_some() {
            let _ = std::fs::remove_dir(self.out.join(STATE_DIR));
        }
    }
}

impl Stage {
    /// A stage for the locked folder `out`; its folder comes with the first
    /// file.
    pub fn new(out: &OutDir) -> Self {
        Self {
            out: out.path.clone(),
            dir: None,
            entries: Vec::new(),
            written: Default::default(),
        }
    }

    /// The stage's folder, made on first use.
    fn dir(&mut self) -> Result<&Path, Error> {
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
        Ok(self.dir.as_ref().map_or(Path::new(""), |d| d.path()))
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
            size: bytes.len() as u64,
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
        self.entries.push(ManifestEntry {
            kind: kind.to_string(),
            delegate: None,
            sha256: hex(&hasher.finalize()),
            size,
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

    /// Puts the build in place as a whole (see the module documentation):
    /// the staged files, the deletion of the last build's files that this
    /// one no longer makes, and `manifest.json`. On an error the folder is
    /// left as the last build left it. Returns the manifest entries and
    /// what changed.
    pub fn commit(
        mut self,
        out: &OutDir,
        previous: &Previous,
    ) -> Result<(Vec<ManifestEntry>, Changes), Error> {
        let mut changes = Changes::default();
        let mut made = HashSet::new();
        for e in &self.entries {
            made.insert(e.path.as_str());
            // What happened on disk: a damaged file made again changed, a
            // missing one was added, whatever the last manifest said.
            let there = || std::fs::symlink_metadata(self.out.join(&e.path)).is_ok();
            match previous.by_path.get(&e.path) {
                Some(old) if old.sha256 == e.sha256 && previous.stamp(&e.path).is_some() => {
                    changes.unchanged += 1
                }
                Some(_) if there() => changes.changed += 1,
                _ => changes.added += 1,
            }
        }
        // Files of the last build that this one does not make go, if they
        // are still there as the files the tool wrote (a link or a folder
        // put in their place is not the tool's to delete).
        let mut removes: Vec<String> = previous
            .by_path
            .keys()
            .filter(|p| !made.contains(p.as_str()))
            .filter(|p| manifest::stat(&self.out.join(p)).is_some() && real_parents(&self.out, p))
            .cloned()
            .collect();
        removes.sort();
        changes.removed = removes.len();
        let moves: Vec<String> = self
            .entries
            .iter()
            .filter(|e| self.written.contains(&e.path))
            .map(|e| e.path.clone())
            .collect();

        let manifest = Manifest {
            vanban: env!("CARGO_PKG_VERSION").to_string(),
            outputs: std::mem::take(&mut self.entries),
        };
        let mut json = serde_json::to_vec_pretty(&manifest).map_err(|e| Error::Write {
            path: self.out.join("manifest.json"),
            source: e.into(),
        })?;
        json.push(b'\n');
        let manifest_sha = sha256_hex(&json);
        if moves.is_empty()
            && removes.is_empty()
            && previous.manifest_sha.as_deref() == Some(manifest_sha.as_str())
        {
            // Nothing to do; only the stamps, if a file's time moved.
            if previous.restamped {
                self.write_stamps(&manifest.outputs, previous);
            }
            return Ok((manifest.outputs, changes));
        }

        let stage = self.dir()?.to_path_buf();
        let stage_name = stage
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        std::fs::write(stage.join(STAGED_MANIFEST), &json).map_err(|source| Error::Write {
            path: self.out.join("manifest.json"),
            source,
        })?;
        let dirs = preflight(&self.out, &moves)?;
        let journal = Journal {
            stage: stage_name,
            moves,
            removes,
            dirs,
            manifest: manifest_sha,
        };
        let journal_path = out.state().join(JOURNAL);
        let journal_json = serde_json::to_vec(&journal).map_err(|e| Error::Write {
            path: journal_path.clone(),
            source: e.into(),
        })?;
        write_atomic(&journal_path, &journal_json)?;
        let hook = TestHook::from_env();
        if let TestHook::Pause(ms) = hook {
            std::thread::sleep(std::time::Duration::from_millis(ms));
        }

        if let Err(failed) = apply(&self.out, &stage, &journal, hook) {
            return Err(match undo(&self.out, &stage, &journal) {
                Ok(()) => {
                    let _ = std::fs::remove_file(&journal_path);
                    failed
                }
                Err(undo) => {
                    // The journal and the stage stay: the next build puts
                    // the old files back.
                    if let Some(dir) = self.dir.take() {
                        let _ = dir.keep();
                    }
                    half_updated(&self.out, failed, &undo)
                }
            });
        }
        // The build is in place. What is left is tidying; if it is cut
        // short, the next build finishes it.
        let _ = std::fs::remove_file(&journal_path);
        self.write_stamps(&manifest.outputs, previous);
        for rel in &journal.removes {
            remove_empty_parents(&self.out, rel);
        }
        Ok((manifest.outputs, changes))
    }

    /// Records each output's size and time as it is now on disk (see
    /// [`manifest::Stamps`]); a failure costs the next build a hash per file.
    fn write_stamps(&self, outputs: &[ManifestEntry], previous: &Previous) {
        let files = outputs
            .iter()
            .filter_map(|e| {
                if self.written.contains(&e.path) {
                    let (size, mtime) = manifest::stat(&self.out.join(&e.path))?;
                    Some(Stamp {
                        path: e.path.clone(),
                        size,
                        mtime,
                        sha256: e.sha256.clone(),
                    })
                } else {
                    previous.stamp(&e.path).cloned()
                }
            })
            .collect();
        if let Ok(json) = serde_json::to_vec(&Stamps { files }) {
            let _ = write_atomic(&self.out.join(STATE_DIR).join(manifest::STAMPS), &json);
        }
    }
}

/// Whether every folder above `rel` (below `out`) is a real folder, not a
/// link: a link would send a write or a deletion outside the output folder.
fn real_parents(out: &Path, rel: &str) -> bool {
    let mut at = out.to_path_buf();
    let parts: Vec<&str> = rel.split('/').collect();
    parts[..parts.len().saturating_sub(1)].iter().all(|p| {
        at.push(p);
        std::fs::symlink_metadata(&at).is_ok_and(|m| m.is_dir())
    })
}

/// Checks, before anything is moved, that every staged file can go to its
/// place: each folder above it is a real folder or missing (then made),
/// and no folder or link stands where the file goes. Returns the folders
/// to make, parents first.
fn preflight(out: &Path, moves: &[String]) -> Result<Vec<String>, Error> {
    let mut dirs = Vec::new();
    let mut seen = HashSet::new();
    for rel in moves {
        let parts: Vec<&str> = rel.split('/').collect();
        let mut at = String::new();
        let mut missing = false;
        for (k, part) in parts.iter().enumerate() {
            if !at.is_empty() {
                at.push('/');
            }
            at.push_str(part);
            let last = k + 1 == parts.len();
            if missing {
                if !last && seen.insert(at.clone()) {
                    dirs.push(at.clone());
                }
                continue;
            }
            match std::fs::symlink_metadata(out.join(&at)) {
                // A file, or a link (the rename replaces the link itself).
                Ok(m) if last && !m.is_dir() => {}
                Ok(m) if !last && m.is_dir() => {}
                Ok(m) => return Err(in_the_way(out, &at, rel, &m, last)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    missing = true;
                    if !last && seen.insert(at.clone()) {
                        dirs.push(at.clone());
                    }
                }
                Err(source) => {
                    return Err(Error::Write {
                        path: out.join(&at),
                        source,
                    });
                }
            }
        }
    }
    Ok(dirs)
}

fn in_the_way(out: &Path, at: &str, rel: &str, meta: &std::fs::Metadata, last: bool) -> Error {
    let what = if meta.file_type().is_symlink() {
        "a link"
    } else if meta.is_dir() {
        "a folder"
    } else {
        "a file"
    };
    let needs = if last { "the file" } else { "a folder for" };
    Error::problem(
        Problem::error(format!(
            "cannot write `{}`: {what} stands where the build puts {needs} it",
            out.join(rel).display()
        ))
        .hint(format!(
            "move or delete `{}`, then build again; nothing was replaced",
            out.join(at).display()
        )),
    )
}

/// Does what `journal` says: the old files aside, the new ones in place,
/// the removed ones aside, and the manifest last.
fn apply(out: &Path, stage: &Path, journal: &Journal, hook: TestHook) -> Result<(), Error> {
    let write = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Write { path, source }
    };
    for dir in &journal.dirs {
        match std::fs::create_dir(out.join(dir)) {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                return Err(write(&out.join(dir))(e));
            }
            _ => {}
        }
    }
    let aside = |rel: &str| -> Result<(), Error> {
        let to = out.join(rel);
        let kept = stage.join(ASIDE).join(rel);
        if let Some(parent) = kept.parent() {
            std::fs::create_dir_all(parent).map_err(write(&to))?;
        }
        std::fs::rename(&to, &kept).map_err(write(&to))
    };
    let mut done = 0;
    for rel in &journal.moves {
        let to = out.join(rel);
        if std::fs::symlink_metadata(&to).is_ok() {
            aside(rel)?;
        }
        std::fs::rename(stage.join(rel), &to).map_err(write(&to))?;
        done += 1;
        hook.after(done, &to)?;
    }
    for rel in &journal.removes {
        aside(rel)?;
        done += 1;
        hook.after(done, &out.join(rel))?;
    }
    let manifest = out.join("manifest.json");
    std::fs::rename(stage.join(STAGED_MANIFEST), &manifest).map_err(write(&manifest))
}

/// Undoes what [`apply`] did of `journal`, from what is where: safe to run
/// again after it was cut short, and on a commit that never started.
fn undo(out: &Path, stage: &Path, journal: &Journal) -> std::io::Result<()> {
    let aside = |rel: &str| stage.join(ASIDE).join(rel);
    for rel in journal.moves.iter().rev() {
        let to = out.join(rel);
        let was = aside(rel);
        let moved = !stage.join(rel).exists();
        if was.exists() {
            // The old file comes back (over the new one, if it was moved in).
            std::fs::rename(&was, &to)?;
        } else if moved && std::fs::symlink_metadata(&to).is_ok_and(|m| m.is_file()) {
            // A new file where there was none.
            std::fs::remove_file(&to)?;
        }
    }
    for rel in &journal.removes {
        let was = aside(rel);
        if was.exists() {
            std::fs::rename(&was, out.join(rel))?;
        }
    }
    for dir in journal.dirs.iter().rev() {
        let _ = std::fs::remove_dir(out.join(dir));
    }
    Ok(())
}

/// The error of a commit that failed and could not be undone.
fn half_updated(out: &Path, failed: Error, undo: &std::io::Error) -> Error {
    Error::problem(
        Problem::error(format!(
            "{failed}; putting back the files already replaced in `{}` failed too: {undo}",
            out.display()
        ))
        .hint(
            "make the folder writable and run the build again: it first puts back the files of the last good build",
        ),
    )
}

/// Removes the folders that removing `rel` left empty (a removed event's
/// letters); `remove_dir` fails on anything else.
fn remove_empty_parents(out: &Path, rel: &str) {
    let path = out.join(rel);
    let mut dir = path.parent();
    while let Some(d) = dir.filter(|d| *d != out && d.starts_with(out)) {
        if std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// The test-only misbehaviour of `VANBAN_TEST_COMMIT` (see the module
/// documentation).
#[derive(Debug, Clone, Copy)]
enum TestHook {
    None,
    FailAfter(usize),
    AbortAfter(usize),
    Pause(u64),
}

impl TestHook {
    fn from_env() -> Self {
        let Ok(value) = std::env::var("VANBAN_TEST_COMMIT") else {
            return Self::None;
        };
        let (what, n) = value.split_once(':').unwrap_or((&value, ""));
        match (what, n.parse::<u64>()) {
            ("fail-after", Ok(n)) => Self::FailAfter(n as usize),
            ("abort-after", Ok(n)) => Self::AbortAfter(n as usize),
            ("pause", Ok(ms)) => Self::Pause(ms),
            _ => Self::None,
        }
    }

    /// Called once `done` files are in place, the last at `path`.
    fn after(self, done: usize, path: &Path) -> Result<(), Error> {
        match self {
            Self::FailAfter(n) if done == n => Err(Error::Write {
                path: path.to_path_buf(),
                source: std::io::Error::other("failed on purpose (VANBAN_TEST_COMMIT)"),
            }),
            Self::AbortAfter(n) if done == n => std::process::abort(),
            _ => Ok(()),
        }
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
