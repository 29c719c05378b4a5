//! `manifest.json`, and what the last build left on disk.
//!
//! The manifest says what every output was made from and what its bytes
//! are. A rebuild keeps a file only if the disk still holds those bytes:
//! each listed file is looked at when the last build is read
//! ([`Previous::load`]) — a regular file (not a link), of the size the
//! manifest gives, and either with the size and modification time recorded
//! when it was written (`.vanban/files.json`) or, on any doubt, with the
//! SHA-256 the manifest gives. A file that is missing, truncated, replaced
//! or edited is made again, whatever the manifest says.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use super::{STATE_DIR, hex, sha256_hex};

/// One entry of `manifest.json`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ManifestEntry {
    /// What it is: `plan`, `invitation`, `invitations-print`,
    /// `meeting-copy`, `meeting-copies-print`, `recipients`, `typst-source`.
    pub kind: String,
    /// For an invitation: the delegate's full name as in the data; for an
    /// addressed copy, the invitee (a person's name, or the body).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delegate: Option<String>,
    /// Path relative to the folder of `manifest.json`, with `/` separators.
    pub path: String,
    /// SHA-256 of the file, lower-case hex.
    pub sha256: String,
    /// Size of the file in bytes (0 in manifests of older versions: unknown).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub size: u64,
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
    /// For a signed file (`vanban sign`): what the build made and which
    /// signatures it carries; `sha256` and `size` are then the signed
    /// file's. A rebuild that keeps the file keeps this; one that makes
    /// the file again drops it, and the next `vanban sign` signs it anew.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<Signed>,
    /// Where `vanban sign` draws the signature and seal images of this
    /// file (when the data names them), as the layout measured it: one
    /// rectangle a signer and one for the seal, for each document inside
    /// the file (each letter of a print file).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sign_boxes: Vec<SignBox>,
}

/// The signatures of a signed output.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Signed {
    /// SHA-256 of the file as the build made it, before any signature.
    pub unsigned_sha256: String,
    /// The roles signed, in order: `signer`, then `organisation`.
    pub roles: Vec<String>,
}

/// The rectangle of a signature or seal image on a page of an output.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SignBox {
    /// Whose image: `signer` (the lead signer), `cosigner` (the other
    /// signer of a joint document) or `seal` (the issuer's seal, over the
    /// left third of the signer's image); or `copy`, the text of the
    /// organisation's signature on an addressed copy.
    pub role: String,
    /// The page it is on, from 1, within this file.
    pub page: usize,
    /// `[x0, y0, x1, y1]` in PDF user space: points from the page's
    /// bottom left corner, as a signature widget's `/Rect` has them.
    pub rect: [f64; 4],
    /// The PNG to draw: its absolute path, links resolved.
    pub image: String,
    /// SHA-256 of the PNG as the build read it, lower-case hex.
    pub image_sha256: String,
    /// For `copy` (the organisation's signature on an addressed copy,
    /// which shows text, no image): the copy's number and symbol as it
    /// prints them (`Số: 45/GM-UBND`); the signing time goes under it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// For `copy`: the text's size in points.
    #[serde(default, skip_serializing_if = "is_no_size")]
    pub size: f64,
}

fn is_no_size(n: &f64) -> bool {
    *n == 0.0
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// One part of a joined file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Part {
    /// What the part was made from (for a letter: the letter's own inputs).
    pub inputs: String,
    /// Its pages.
    pub pages: usize,
}

/// `manifest.json`: every output of the build.
#[derive(Debug, Serialize, Deserialize)]
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
        f.write_str(&crate::tr!(
            "output-changes",
            changed = self.changed,
            added = self.added,
            removed = self.removed,
            unchanged = self.unchanged
        ))
    }
}

/// What the disk said of a file when it was last looked at: its size,
/// modification time and (so a stale record cannot vouch for other bytes)
/// the SHA-256 it had then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// Path below the output folder.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since 1970.
    pub mtime: u64,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
}

/// `.vanban/files.json`: the [`Stamp`] of every output, written with the
/// manifest. Only a cache: a missing or stale one costs a hash per file.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Stamps {
    /// One per output.
    pub files: Vec<Stamp>,
}

/// Where the stamps are kept, below the output folder.
pub const STAMPS: &str = "files.json";

/// Calls `f` with each element of the JSON array named `key` in the file
/// at `path`, in order. A file this tool wrote has one element a line and
/// is read line by line, so a manifest of 100,000 letters is never in
/// memory whole; another layout (an older manifest, pretty-printed) is
/// read whole. `None` if it cannot be read as such an array.
pub fn each_element<T: serde::de::DeserializeOwned>(
    path: &Path,
    key: &str,
    mut f: impl FnMut(T),
) -> Option<()> {
    use std::io::BufRead;
    let file = std::fs::File::open(path).ok()?;
    let mut lines = std::io::BufReader::new(file).split(b'\n');
    let mut next = || -> Option<Option<Vec<u8>>> {
        match lines.next() {
            None => Some(None),
            Some(line) => Some(Some(line.ok()?)),
        }
    };
    // The lines before the array; all of the file, read whole, if there
    // is no array opened on a line of its own.
    let mut whole: Vec<u8> = Vec::new();
    let opener = format!("\"{key}\": [");
    let mut opened = false;
    while let Some(line) = next()? {
        let open = std::str::from_utf8(&line).is_ok_and(|t| t.trim_end().ends_with(&opener));
        whole.extend_from_slice(&line);
        whole.push(b'\n');
        if open {
            opened = true;
            break;
        }
    }
    let mut by_line = opened;
    let mut first = true;
    let mut closed = false;
    while let Some(line) = next()? {
        if !by_line || closed {
            whole.extend_from_slice(&line);
            whole.push(b'\n');
            continue;
        }
        let text = std::str::from_utf8(&line).ok()?.trim();
        if text.starts_with(']') {
            closed = true;
            continue;
        }
        let element = text.strip_suffix(',').unwrap_or(text);
        match serde_json::from_str::<T>(element) {
            Ok(e) => f(e),
            // Not one element a line: the file is read whole.
            Err(_) if first => {
                by_line = false;
                whole.extend_from_slice(&line);
                whole.push(b'\n');
            }
            Err(_) => return None,
        }
        first = false;
    }
    if !by_line {
        let value: serde_json::Value = serde_json::from_slice(&whole).ok()?;
        for e in value.get(key)?.as_array()?.iter().cloned() {
            f(serde_json::from_value(e).ok()?);
        }
    }
    Some(())
}

/// The size and modification time of a regular file (`None` for anything
/// else: missing, a folder, a link, a device).
pub fn stat(path: &Path) -> Option<(u64, u64)> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_file() {
        return None;
    }
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
    Some((meta.len(), mtime))
}

/// SHA-256 of a file's bytes, read in pieces (a print file of thousands of
/// pages does not need to be in memory to be checked).
pub fn sha256_file(path: &Path) -> Option<String> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).ok()?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0; 1 << 16];
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => hasher.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    Some(hex(&hasher.finalize()))
}

/// A SHA-256 kept as its 32 bytes (the manifest writes it as 64 hex digits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Digest(pub [u8; 32]);

impl Digest {
    /// The digest written as `hex`; `None` if it is not 64 hex digits.
    pub fn from_hex(hex: &str) -> Option<Self> {
        let bytes = hex.as_bytes();
        if bytes.len() != 64 {
            return None;
        }
        let digit = |b: u8| (b as char).to_digit(16);
        let mut out = [0u8; 32];
        for (k, pair) in bytes.chunks_exact(2).enumerate() {
            out[k] = (digit(pair[0])? * 16 + digit(pair[1])?) as u8;
        }
        Some(Self(out))
    }

    /// Lower-case hex.
    pub fn to_hex(self) -> String {
        hex(&self.0)
    }
}

/// One output of the last build, kept compact: a rebuild of 100,000
/// letters holds 100,000 of them.
#[derive(Debug)]
struct Listed {
    kind: Box<str>,
    delegate: Option<Box<str>>,
    path: Box<str>,
    sha256: Digest,
    size: u64,
    /// `None` for an entry without inputs (or with inputs not a digest).
    inputs: Option<Digest>,
    parts: Box<[(Digest, u32)]>,
    signed: Option<Box<Signed>>,
    /// Empty for all but the outputs of data with signature images.
    sign_boxes: Box<[SignBox]>,
}

impl Listed {
    /// `None` for an entry this tool did not write (its digests are not).
    fn of(e: ManifestEntry) -> Option<Self> {
        let parts = e
            .parts
            .iter()
            .map(|p| Some((Digest::from_hex(&p.inputs)?, u32::try_from(p.pages).ok()?)))
            .collect::<Option<Box<[_]>>>()?;
        Some(Self {
            sha256: Digest::from_hex(&e.sha256)?,
            inputs: Digest::from_hex(&e.inputs),
            kind: e.kind.into(),
            delegate: e.delegate.map(Into::into),
            path: e.path.into(),
            size: e.size,
            parts,
            signed: e.signed.map(Box::new),
            sign_boxes: e.sign_boxes.into(),
        })
    }

    /// The entry as the manifest has it.
    fn entry(&self) -> ManifestEntry {
        ManifestEntry {
            kind: self.kind.to_string(),
            delegate: self.delegate.as_deref().map(str::to_string),
            path: self.path.to_string(),
            sha256: self.sha256.to_hex(),
            size: self.size,
            inputs: self.inputs.map(Digest::to_hex).unwrap_or_default(),
            parts: self
                .parts
                .iter()
                .map(|(inputs, pages)| Part {
                    inputs: inputs.to_hex(),
                    pages: *pages as usize,
                })
                .collect(),
            signed: self.signed.as_deref().cloned(),
            sign_boxes: self.sign_boxes.to_vec(),
        }
    }
}

/// The outputs of the last build in a folder, from its `manifest.json`,
/// each checked against the disk. Entries are kept compact and sorted by
/// path, found by search, with an index by inputs.
#[derive(Debug, Default)]
pub struct Previous {
    out: PathBuf,
    /// The manifest's entries, sorted by path.
    entries: Vec<Listed>,
    /// Indices of `entries` that have inputs, sorted by their inputs.
    by_inputs: Vec<u32>,
    /// For each entry, its file's size and time if the disk holds it as
    /// the manifest says; `None` if it is missing, damaged or edited.
    intact: Vec<Option<(u64, u64)>>,
    /// Stamps that differ from `.vanban/files.json` (a file whose time
    /// changed but whose bytes did not): the next commit records them.
    pub(super) restamped: bool,
    /// Remake everything: report changes against the last build, reuse nothing.
    forced: bool,
}

impl Previous {
    /// Reads `out/manifest.json` and checks every file it lists against
    /// the disk. A folder without a manifest (or with one this tool cannot
    /// read) has no previous build: everything is made anew.
    pub fn load(out: &Path) -> Self {
        let mut entries: Vec<Listed> = Vec::new();
        let mut foreign = false;
        let read = each_element(&out.join("manifest.json"), "outputs", |e: ManifestEntry| {
            if !is_safe_relative(&e.path) {
                return;
            }
            match Listed::of(e) {
                Some(e) => entries.push(e),
                None => foreign = true,
            }
        });
        if read.is_none() || foreign {
            entries.clear();
        }
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        entries.dedup_by(|a, b| a.path == b.path);
        entries.shrink_to_fit();
        // Only what a stamp needs to vouch for a file is kept.
        let mut recorded: Vec<(Box<str>, u64, u64, Digest)> = Vec::new();
        let read = each_element(&out.join(STATE_DIR).join(STAMPS), "files", |s: Stamp| {
            if let Some(sha) = Digest::from_hex(&s.sha256) {
                recorded.push((s.path.into(), s.size, s.mtime, sha));
            }
        });
        if read.is_none() {
            recorded.clear();
        }
        recorded.sort_by(|a, b| a.0.cmp(&b.0));
        let mut previous = Self {
            out: out.to_path_buf(),
            ..Self::default()
        };
        // Both sorted by path: one walk pairs each entry with its stamp.
        let mut stamps = recorded.iter().peekable();
        previous.intact = entries
            .iter()
            .map(|e| {
                while stamps.next_if(|s| s.0 < e.path).is_some() {}
                let recorded = stamps.next_if(|s| s.0 == e.path);
                let found = previous.check(e, recorded.map(|s| (s.1, s.2, s.3)));
                previous.restamped |=
                    found.is_some() && recorded.is_none_or(|r| Some((r.1, r.2)) != found);
                found
            })
            .collect();
        let mut by_inputs: Vec<u32> = (0..entries.len() as u32)
            .filter(|&i| entries[i as usize].inputs.is_some())
            .collect();
        by_inputs.sort_by_key(|&i| entries[i as usize].inputs);
        previous.by_inputs = by_inputs;
        previous.entries = entries;
        previous
    }

    /// The size and time of `entry`'s file if the disk holds the bytes the
    /// manifest gives: the size must match; then the recorded stamp
    /// (size, time, hash) vouches for the bytes if size and time are the
    /// same, else the file is hashed.
    fn check(&self, entry: &Listed, recorded: Option<(u64, u64, Digest)>) -> Option<(u64, u64)> {
        let path = self.out.join(&*entry.path);
        let (size, mtime) = stat(&path)?;
        if entry.size != 0 && size != entry.size {
            return None;
        }
        let vouched = recorded == Some((size, mtime, entry.sha256));
        let hashed = || sha256_file(&path).and_then(|h| Digest::from_hex(&h)) == Some(entry.sha256);
        (vouched || hashed()).then_some((size, mtime))
    }

    /// The last build, for reporting what changed only: nothing of it is
    /// reused (`--force`).
    pub fn forced(mut self) -> Self {
        self.forced = true;
        self
    }

    /// How many outputs the last build listed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the last build listed nothing (or there was none).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The position of `path` among the entries.
    pub fn index(&self, path: &str) -> Option<usize> {
        self.entries.binary_search_by(|e| (*e.path).cmp(path)).ok()
    }

    /// Entry `i` (see [`Previous::index`]), as the manifest has it.
    pub fn get(&self, i: usize) -> ManifestEntry {
        self.entries[i].entry()
    }

    /// The path of entry `i`.
    pub fn path_of(&self, i: usize) -> &str {
        &self.entries[i].path
    }

    /// The sign boxes of the file at `path` (see [`ManifestEntry::sign_boxes`]).
    pub fn sign_boxes(&self, path: &str) -> &[SignBox] {
        self.index(path)
            .map_or(&[], |i| &self.entries[i].sign_boxes)
    }

    /// Whether entry `i`'s file has the bytes whose SHA-256 is `sha256`.
    pub fn same_bytes(&self, i: usize, sha256: &str) -> bool {
        Digest::from_hex(sha256) == Some(self.entries[i].sha256)
    }

    /// Whether entry `i`'s file is on disk as the manifest says.
    pub fn is_intact(&self, i: usize) -> bool {
        self.intact.get(i).is_some_and(Option::is_some)
    }

    /// The entry of `path` if it was made from `inputs` and is on disk as
    /// it was made.
    pub fn unchanged(&self, path: &str, inputs: &str) -> Option<ManifestEntry> {
        let i = self
            .index(path)
            .filter(|&i| !self.forced && self.is_intact(i))?;
        let inputs = Digest::from_hex(inputs)?;
        (self.entries[i].inputs == Some(inputs)).then(|| self.entries[i].entry())
    }

    /// Whether the file at `path` was made from `inputs` and is on disk as
    /// it was made ([`Previous::unchanged`], without making the entry).
    pub fn is_unchanged(&self, path: &str, inputs: &str) -> bool {
        self.index(path).is_some_and(|i| {
            !self.forced
                && self.is_intact(i)
                && self.entries[i].inputs.is_some()
                && self.entries[i].inputs == Digest::from_hex(inputs)
        })
    }

    /// Where a file made from `inputs` is, if it is still intact (a letter
    /// renumbered after a delegate was inserted above it): its path.
    pub fn reusable(&self, inputs: &str) -> Option<&str> {
        if self.forced {
            return None;
        }
        let inputs = Digest::from_hex(inputs)?;
        let k = self
            .by_inputs
            .binary_search_by_key(&Some(inputs), |&i| self.entries[i as usize].inputs)
            .ok()?;
        let i = self.by_inputs[k] as usize;
        self.is_intact(i).then(|| &*self.entries[i].path)
    }

    /// The parts of the joined file at `path` (each one's inputs and
    /// pages), if the file is on disk as it was made (a rebuild may take
    /// its pages).
    pub fn parts(&self, path: &str) -> Option<&[(Digest, u32)]> {
        let i = self
            .index(path)
            .filter(|&i| !self.forced && self.is_intact(i))?;
        Some(&self.entries[i].parts)
    }

    /// The bytes of the file at `path` if they are the ones it was made with.
    pub fn read(&self, path: &str) -> Option<Vec<u8>> {
        let i = self.index(path).filter(|&i| self.is_intact(i))?;
        let bytes = std::fs::read(self.out.join(path)).ok()?;
        self.same_bytes(i, &sha256_hex(&bytes)).then_some(bytes)
    }

    /// Where `rel` is on disk.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.out.join(rel)
    }

    /// The stamp of entry `i`, if its file was found intact.
    pub fn stamp(&self, i: usize) -> Option<(u64, u64)> {
        self.intact.get(i).copied().flatten()
    }

    /// Listed files that are not on disk as the manifest says.
    pub fn damaged(&self) -> HashSet<&str> {
        self.entries
            .iter()
            .zip(&self.intact)
            .filter(|(_, i)| i.is_none())
            .map(|(e, _)| &*e.path)
            .collect()
    }
}

/// A manifest path this tool may replace or delete: relative, inside the
/// output folder (a hand-edited manifest must not make it touch other files).
pub(super) fn is_safe_relative(path: &str) -> bool {
    let p = Path::new(path);
    // No component may be hidden either: `.vanban/` holds the tool's own state.
    !path.is_empty()
        && p.components().all(|c| match c {
            std::path::Component::Normal(name) => !name.to_string_lossy().starts_with('.'),
            _ => false,
        })
}
