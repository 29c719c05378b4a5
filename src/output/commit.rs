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
//! - **Committed by a journal.** [`Stage::commit`] writes the new manifest
//!   and the list of files to move into the stage, checking that every file
//!   can go where it goes (no folder in its place, no link in the folders
//!   above it), then writes `.vanban/journal.json` naming the stage, the
//!   files it will delete and the folders it will make. It moves each old
//!   file aside into the stage, the new one into place, the deleted ones
//!   aside, and last renames the new `manifest.json` into place: that
//!   rename is the moment the new build exists. If a step fails, the moves are undone and the
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

use super::manifest::{self, Previous, Stamp};
use super::stage::{Committed, Stage, Staged, staged};
use super::{STATE_DIR, write_atomic};
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
                notes.push(crate::tr!(
                    "output-no-lock",
                    path = path.display().to_string(),
                    reason = crate::lang::io_reason(&e)
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
                        // Done if the new manifest was moved into place
                        // (the last step) and nothing is left to move in
                        // (the list may be gone with a stage tidied
                        // halfway: then there is nothing).
                        let all_moved = journal
                            .moves(&stage)
                            .map_or(true, |mut moves| moves.all(|rel| !stage.join(rel).exists()));
                        if stage.join(STAGED_MANIFEST).exists() || !all_moved {
                            undo(&self.path, &stage, &journal).map_err(|e| {
                                Error::problem(
                                    Problem::error(crate::tr!(
                                        "output-interrupted-cannot-undo",
                                        path = self.path.display().to_string(),
                                        reason = crate::lang::io_reason(&e)
                                    ))
                                    .hint(crate::tr!(
                                        "output-hint-interrupted-cannot-undo",
                                        path = self.path.display().to_string()
                                    )),
                                )
                            })?;
                            self.notes.push(crate::tr!(
                                "output-interrupted-undone",
                                path = self.path.display().to_string()
                            ));
                        }
                    }
                    None => self.notes.push(crate::tr!(
                        "output-journal-damaged",
                        path = journal_path.display().to_string()
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
    /// The stage folder's name in [`STATE_DIR`]; the files to move into
    /// place are listed in it, one path a line ([`MOVES`]).
    stage: String,
    /// Files of the last build deleted (put aside in the stage).
    removes: Vec<String>,
    /// Folders the commit creates, parents first.
    dirs: Vec<String>,
}

/// The list of files a commit moves into place, in its stage: a batch of
/// 100,000 letters is not listed in memory or in the journal.
const MOVES: &str = ".moves";

impl Journal {
    /// Every path relative, inside the folder: a damaged journal must not
    /// make the repair touch other files.
    fn is_safe(&self) -> bool {
        self.stage.starts_with("stage-")
            && !self.stage.contains(['/', '\\'])
            && self
                .removes
                .iter()
                .chain(&self.dirs)
                .all(|p| manifest::is_safe_relative(p))
    }

    /// The files moved into place (those of the list that are safe paths).
    fn moves(&self, stage: &Path) -> std::io::Result<impl Iterator<Item = String>> {
        let file = std::fs::File::open(stage.join(MOVES))?;
        Ok(std::io::BufRead::lines(std::io::BufReader::new(file))
            .map_while(Result::ok)
            .filter(|p| manifest::is_safe_relative(p)))
    }
}

impl Stage<'_> {
    /// Puts the build in place as a whole (see the module documentation):
    /// the staged files, the deletion of the last build's files that this
    /// one no longer makes, and `manifest.json`. On an error the folder is
    /// left as the last build left it.
    pub fn commit(mut self, out: &OutDir) -> Result<Committed, Error> {
        let previous = self.previous;
        // Files of the last build that this one does not make go, if they
        // are still there as the files the tool wrote (a link or a folder
        // put in their place is not the tool's to delete).
        let removes: Vec<String> = (0..previous.len())
            .filter(|&i| !self.made[i])
            .map(|i| previous.path_of(i).to_string())
            .filter(|p| manifest::stat(&self.out.join(p)).is_some() && real_parents(&self.out, p))
            .collect();
        let mut committed = Committed {
            changes: self.changes,
            outputs: self.len(),
            ..Committed::default()
        };
        committed.changes.removed = removes.len();

        // The new manifest, written as the entries come (each on a line of
        // its own), with the list of files to move.
        let stage = self.dir()?;
        let manifest_path = stage.join(STAGED_MANIFEST);
        let write_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Write { path, source }
        };
        let file = std::fs::File::create(&manifest_path).map_err(write_err(&manifest_path))?;
        let mut json = std::io::BufWriter::new(file);
        let moves_path = stage.join(MOVES);
        let moves_file = std::fs::File::create(&moves_path).map_err(write_err(&moves_path))?;
        let mut moves = std::io::BufWriter::new(moves_file);
        let head = format!(
            "{{\n  \"vanban\": {},\n  \"outputs\": [",
            serde_json::to_string(env!("CARGO_PKG_VERSION")).unwrap_or_default()
        );
        json.write_all(head.as_bytes())
            .map_err(write_err(&manifest_path))?;
        let damaged = previous.damaged();
        let mut first = true;
        let mut dirs = Dirs::default();
        let front = std::mem::take(&mut self.front);
        let mut each = |line: Staged| -> Result<(), Error> {
            let sep: &[u8] = if first { b"\n    " } else { b",\n    " };
            first = false;
            json.write_all(sep)
                .and_then(|()| json.write_all(line.json.as_bytes()))
                .map_err(write_err(&manifest_path))?;
            if line.written {
                dirs.check(&self.out, &line.path)?;
                moves
                    .write_all(line.path.as_bytes())
                    .and_then(|()| moves.write_all(b"\n"))
                    .map_err(write_err(&moves_path))?;
            }
            // Made again, not kept as it was (`--only` keeps a damaged file
            // of a kind it does not make, and says so itself).
            if line.written && damaged.contains(line.path.as_str()) {
                committed.remade.push(line.path.clone());
            }
            if line.kind != "invitation" && line.kind != "meeting-copy" {
                committed.documents.push(line.path);
            }
            Ok(())
        };
        for line in front {
            each(staged(line)?)?;
        }
        self.entries.each(&mut each)?;
        json.write_all(b"\n  ]\n}\n")
            .map_err(write_err(&manifest_path))?;
        json.flush().map_err(write_err(&manifest_path))?;
        drop(json);
        moves.flush().map_err(write_err(&moves_path))?;
        drop(moves);

        if self.written == 0
            && removes.is_empty()
            && same_bytes(&self.out.join("manifest.json"), &manifest_path)
        {
            // Nothing to do; only the stamps, if a file's time moved.
            if previous.restamped {
                self.write_stamps(&stage)?;
            }
            return Ok(committed);
        }

        let journal = Journal {
            stage: stage
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            removes,
            dirs: dirs.made,
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
        let _ = self.write_stamps(&stage);
        for rel in &journal.removes {
            remove_empty_parents(&self.out, rel);
        }
        Ok(committed)
    }

    /// Records each output's size and time as it is now on disk (see
    /// [`manifest::Stamps`]), from the manifest just put in place, one
    /// entry at a time; a failure costs the next build a hash per file.
    fn write_stamps(&self, stage: &Path) -> Result<(), Error> {
        // The new manifest: the one in place, or (nothing changed) the
        // staged one, which has the same bytes.
        let manifest = [self.out.join("manifest.json"), stage.join(STAGED_MANIFEST)]
            .into_iter()
            .find(|p| p.is_file())
            .unwrap_or_default();
        let path = self.out.join(STATE_DIR).join(manifest::STAMPS);
        let mut builder = tempfile::Builder::new();
        builder.prefix(".vanban-").suffix(".tmp");
        let Ok(tmp) = builder.tempfile_in(self.out.join(STATE_DIR)) else {
            return Ok(());
        };
        let mut out = std::io::BufWriter::new(tmp);
        let mut failed = out.write_all(b"{\"files\": [").is_err();
        let mut first = true;
        // Only the path and hash of each entry are read (a print file's
        // parts are skipped over).
        #[derive(Deserialize)]
        struct Listed {
            path: String,
            sha256: String,
        }
        let read = manifest::each_element(&manifest, "outputs", |e: Listed| {
            // Each file as it is now: a kept one as it was found, one just
            // put in place (whatever its bytes) with its new time.
            let Some((size, mtime)) = manifest::stat(&self.out.join(&e.path)) else {
                return;
            };
            let stamp = Stamp {
                path: e.path,
                size,
                mtime,
                sha256: e.sha256,
            };
            let sep: &[u8] = if first { b"\n" } else { b",\n" };
            first = false;
            failed |=
                out.write_all(sep).is_err() || serde_json::to_writer(&mut out, &stamp).is_err();
        });
        failed |= read.is_none() || out.write_all(b"\n]}\n").is_err();
        if !failed && let Ok(tmp) = out.into_inner() {
            let _ = tmp.persist(&path);
        }
        Ok(())
    }
}

/// Whether the files at `a` and `b` have the same bytes (read side by side,
/// a piece at a time).
fn same_bytes(a: &Path, b: &Path) -> bool {
    use std::io::Read;
    let (Ok(fa), Ok(fb)) = (std::fs::File::open(a), std::fs::File::open(b)) else {
        return false;
    };
    if fa.metadata().map(|m| m.len()).ok() != fb.metadata().map(|m| m.len()).ok() {
        return false;
    }
    let (mut ra, mut rb) = (std::io::BufReader::new(fa), std::io::BufReader::new(fb));
    let (mut ba, mut bb) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
    loop {
        let n = match ra.read(&mut ba) {
            Ok(0) => return rb.read(&mut bb).is_ok_and(|m| m == 0),
            Ok(n) => n,
            Err(_) => return false,
        };
        if rb.read_exact(&mut bb[..n]).is_err() || ba[..n] != bb[..n] {
            return false;
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

/// The folders a commit must make, found by checking, before anything is
/// moved, that every staged file can go to its place: each folder above
/// it is a real folder or missing (then made), and no folder stands where
/// the file goes. Folders are looked at once each.
#[derive(Default)]
struct Dirs {
    /// Folders to make, parents first.
    made: Vec<String>,
    /// Folders seen to be real ones, or to be made.
    seen: HashSet<String>,
}

impl Dirs {
    fn check(&mut self, out: &Path, rel: &str) -> Result<(), Error> {
        let parts: Vec<&str> = rel.split('/').collect();
        let mut at = String::new();
        let mut missing = false;
        for (k, part) in parts.iter().enumerate() {
            if !at.is_empty() {
                at.push('/');
            }
            at.push_str(part);
            let last = k + 1 == parts.len();
            if !last && self.seen.contains(&at) {
                missing = !out.join(&at).is_dir();
                continue;
            }
            if missing {
                if !last && self.seen.insert(at.clone()) {
                    self.made.push(at.clone());
                }
                continue;
            }
            match std::fs::symlink_metadata(out.join(&at)) {
                // A file, or a link (the rename replaces the link itself).
                Ok(m) if last && !m.is_dir() => {}
                Ok(m) if !last && m.is_dir() => {
                    self.seen.insert(at.clone());
                }
                Ok(m) => return Err(in_the_way(out, &at, rel, &m, last)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    missing = true;
                    if !last && self.seen.insert(at.clone()) {
                        self.made.push(at.clone());
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
        Ok(())
    }
}

fn in_the_way(out: &Path, at: &str, rel: &str, meta: &std::fs::Metadata, last: bool) -> Error {
    // A selector of the messages, not words.
    let what = if meta.file_type().is_symlink() {
        "link"
    } else if meta.is_dir() {
        "folder"
    } else {
        "file"
    };
    let path = out.join(rel).display().to_string();
    Error::problem(
        Problem::error(if last {
            crate::tr!("output-in-the-way-file", path = path, what = what)
        } else {
            crate::tr!("output-in-the-way-folder", path = path, what = what)
        })
        .hint(crate::tr!(
            "output-hint-in-the-way",
            path = out.join(at).display().to_string()
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
    for rel in journal.moves(stage).map_err(write(&stage.join(MOVES)))? {
        let to = out.join(&rel);
        if std::fs::symlink_metadata(&to).is_ok() {
            aside(&rel)?;
        }
        std::fs::rename(stage.join(&rel), &to).map_err(write(&to))?;
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
    for rel in journal.moves(stage)? {
        let to = out.join(&rel);
        let was = aside(&rel);
        let moved = !stage.join(&rel).exists();
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
        Problem::error(crate::tr!(
            "output-undo-failed",
            failed = failed.to_string(),
            path = out.display().to_string(),
            reason = crate::lang::io_reason(undo)
        ))
        .hint(crate::tr!("output-hint-undo-failed")),
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
