//! Reading the files that data and options name, within bounds.
//!
//! A data file may name other files (delegate lists; later, images), and
//! `--templates` and `--font-path` name folders. None of them is read
//! from anywhere else than its folder: a path is resolved with its links
//! and must stay inside the data file's folder (or a folder the user
//! allowed with `--allow-dir`), or inside the templates or font folder;
//! only regular files are read (a FIFO would make the tool wait forever, a
//! device such as `/dev/zero` never ends); and nothing is read past a size
//! limit.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest data (YAML) file read.
pub const MAX_DATA: u64 = 8 << 20;
/// Largest delegate list (CSV or spreadsheet) read: a list of 100,000
/// delegates is about 10 MB.
pub const MAX_LIST: u64 = 64 << 20;
/// Largest signature or seal image (PNG) read: a scan at 600 dpi of a
/// seal 40 mm across is well under 1 MB.
pub const MAX_IMAGE: u64 = 8 << 20;
/// Largest template, layout or preset file read.
pub const MAX_TEMPLATE: u64 = 4 << 20;
/// Largest font file read.
pub const MAX_FONT: u64 = 64 << 20;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// It does not exist, or cannot be opened.
    #[error("{}", crate::tr!("read-failed", path = path.display().to_string(), reason = crate::lang::io_reason(source)))]
    Io {
        /// The path as given.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// It resolves (through `..` or links) to a place outside the folders
    /// files may be read from.
    #[error("{}", outside(path, resolved, roots))]
    Outside {
        /// The path as given.
        path: PathBuf,
        /// Where it leads.
        resolved: PathBuf,
        /// The folders it may be in.
        roots: Vec<PathBuf>,
    },
    /// It is a folder, a FIFO, a device or a socket.
    #[error("{}", crate::tr!("input-not-a-file", path = path.display().to_string(), what = what_text(what)))]
    NotAFile {
        /// The path as given.
        path: PathBuf,
        /// What it is.
        what: Kind,
    },
    /// It is larger than the limit for its kind.
    #[error("{}", crate::tr!("input-too-large", path = path.display().to_string(), size = size_text(*size), limit = size_text(*limit)))]
    TooLarge {
        /// The path as given.
        path: PathBuf,
        /// Its size in bytes (at least; a stream is not read to its end).
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
}

/// What a file that is not a regular file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A folder.
    Folder,
    /// A FIFO (named pipe).
    Fifo,
    /// A socket.
    Socket,
    /// A block or character device.
    Device,
    /// Anything else.
    Other,
}

fn what_text(what: &Kind) -> String {
    match what {
        Kind::Folder => crate::tr!("input-kind-folder"),
        Kind::Fifo => crate::tr!("input-kind-fifo"),
        Kind::Socket => crate::tr!("input-kind-socket"),
        Kind::Device => crate::tr!("input-kind-device"),
        Kind::Other => crate::tr!("input-kind-other"),
    }
}

/// `` `x` is outside the folder `d` `` and, when a link or `..` takes
/// the path elsewhere than it says, where it leads.
fn outside(path: &Path, resolved: &Path, roots: &[PathBuf]) -> String {
    let names: Vec<String> = roots.iter().map(|r| format!("`{}`", r.display())).collect();
    let path_text = path.display().to_string();
    let plain = std::path::absolute(path).is_ok_and(|p| {
        p == resolved && !p.components().any(|c| c == std::path::Component::ParentDir)
    });
    let lead = resolved.display().to_string();
    match (names.as_slice(), plain) {
        ([one], true) => crate::tr!(
            "input-outside-folder",
            path = path_text,
            folder = one.as_str()
        ),
        ([one], false) => crate::tr!(
            "input-outside-folder-leads",
            path = path_text,
            folder = one.as_str(),
            lead = lead
        ),
        (_, true) => crate::tr!(
            "input-outside-folders",
            path = path_text,
            folders = names.join(", ")
        ),
        (_, false) => crate::tr!(
            "input-outside-folders-leads",
            path = path_text,
            folders = names.join(", "),
            lead = lead
        ),
    }
}

/// `1.5 MB`, `640 bytes`.
fn size_text(bytes: u64) -> String {
    if bytes < 1 << 10 {
        crate::tr!("input-size-bytes", bytes = bytes)
    } else if bytes < 1 << 20 {
        format!("{:.0} KB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// What a non-regular file is, for messages.
fn what(meta: &std::fs::Metadata) -> Option<Kind> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some(Kind::Folder);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some(Kind::Fifo);
        }
        if t.is_socket() {
            return Some(Kind::Socket);
        }
        if t.is_block_device() || t.is_char_device() {
            return Some(Kind::Device);
        }
    }
    Some(Kind::Other)
}

/// The folders files may be read from, with their links resolved.
#[derive(Debug, Clone)]
pub struct Confine {
    roots: Vec<PathBuf>,
}

impl Confine {
    /// Files inside `folder` (the data file's) or inside one of `allowed`.
    pub fn new(folder: &Path, allowed: &[PathBuf]) -> Self {
        let roots = std::iter::once(folder)
            .chain(allowed.iter().map(PathBuf::as_path))
            .map(|r| {
                let r = if r.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    r
                };
                r.canonicalize().unwrap_or_else(|_| r.to_path_buf())
            })
            .collect();
        Self { roots }
    }

    /// The folders, as resolved.
    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    /// `path` resolved (links and `..` followed), if it is a regular file
    /// inside one of the folders.
    pub fn resolve(&self, path: &Path) -> Result<PathBuf, InputError> {
        let resolved = path.canonicalize().map_err(|source| InputError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        if !self.roots.iter().any(|r| resolved.starts_with(r)) {
            return Err(InputError::Outside {
                path: path.to_path_buf(),
                resolved,
                roots: self.roots.clone(),
            });
        }
        let meta = std::fs::metadata(&resolved).map_err(|source| InputError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        if let Some(what) = what(&meta) {
            return Err(InputError::NotAFile {
                path: path.to_path_buf(),
                what,
            });
        }
        Ok(resolved)
    }

    /// The bytes of `path` (see [`Confine::resolve`]), at most `limit`.
    pub fn read(&self, path: &Path, limit: u64) -> Result<Vec<u8>, InputError> {
        let resolved = self.resolve(path)?;
        read_at(path, &resolved, limit)
    }
}

/// The bytes of the file at `path` (any kind of file: the data file named
/// on the command line may be a pipe), at most `limit`.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, InputError> {
    read_at(path, path, limit)
}

/// Reads `resolved`, reporting problems under the name `path`.
fn read_at(path: &Path, resolved: &Path, limit: u64) -> Result<Vec<u8>, InputError> {
    let io = |source| InputError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(resolved).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(InputError::NotAFile {
            path: path.to_path_buf(),
            what: Kind::Folder,
        });
    }
    if meta.len() > limit {
        return Err(InputError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // A stream's size is not known before: read one byte past the limit.
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(InputError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// Every regular file below `dir`, as `/`-separated paths relative to it,
/// sorted: links are followed only where they stay inside `dir`, and
/// other kinds of file are left out (see [`walk`]).
pub fn files_below(dir: &Path) -> Vec<String> {
    walk(dir).0
}

/// The files below `dir`, as `/`-separated paths relative to it, sorted:
/// the regular files inside it, and the entries that may not be read (a
/// link that leaves it, a FIFO, a device). Folders are walked once each
/// (links can make cycles), and a link to a folder outside is not walked.
pub fn walk(dir: &Path) -> (Vec<String>, Vec<String>) {
    let Ok(root) = dir.canonicalize() else {
        return Default::default();
    };
    let confine = Confine {
        roots: vec![root.clone()],
    };
    let (mut files, mut refused) = (Vec::new(), Vec::new());
    let mut todo = vec![(dir.to_path_buf(), String::new())];
    let mut seen = std::collections::HashSet::new();
    while let Some((at, rel)) = todo.pop() {
        let Ok(real) = confine.resolve_dir(&at) else {
            refused.push(rel);
            continue;
        };
        if !seen.insert(real) {
            continue;
        }
        for entry in std::fs::read_dir(&at).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = if rel.is_empty() {
                name
            } else {
                format!("{rel}/{name}")
            };
            let path = entry.path();
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => todo.push((path, rel)),
                Ok(_) if confine.resolve(&path).is_ok() => files.push(rel),
                _ => refused.push(rel),
            }
        }
    }
    files.sort();
    refused.sort();
    (files, refused)
}

impl Confine {
    /// `dir` resolved, if it is a folder inside the roots.
    fn resolve_dir(&self, dir: &Path) -> Result<PathBuf, ()> {
        let real = dir.canonicalize().map_err(|_| ())?;
        (self.roots.iter().any(|r| real.starts_with(r)) && real.is_dir())
            .then_some(real)
            .ok_or(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_read_from_inside_their_folder_only() {
        let dir = tempfile::tempdir().unwrap();
        let inside = dir.path().join("data");
        std::fs::create_dir_all(inside.join("lists")).unwrap();
        std::fs::write(inside.join("lists/a.csv"), "x").unwrap();
        std::fs::write(dir.path().join("secret.csv"), "secret").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.csv"), inside.join("link.csv")).unwrap();
        std::os::unix::fs::symlink(inside.join("lists/a.csv"), inside.join("near.csv")).unwrap();
        let confine = Confine::new(&inside, &[]);
        assert_eq!(confine.read(&inside.join("lists/a.csv"), 10).unwrap(), b"x");
        assert_eq!(confine.read(&inside.join("near.csv"), 10).unwrap(), b"x");
        for outside in ["../secret.csv", "link.csv", "lists/../../secret.csv"] {
            let e = confine.read(&inside.join(outside), 10).unwrap_err();
            assert!(matches!(e, InputError::Outside { .. }), "{outside}: {e}");
        }
        let e = confine
            .read(&dir.path().join("secret.csv"), 10)
            .unwrap_err();
        assert!(matches!(e, InputError::Outside { .. }));
        // Allowed explicitly.
        let wider = Confine::new(&inside, &[dir.path().to_path_buf()]);
        assert_eq!(wider.read(&inside.join("link.csv"), 10).unwrap(), b"secret");
    }

    #[test]
    fn only_regular_files_within_their_size() {
        let dir = tempfile::tempdir().unwrap();
        let confine = Confine::new(dir.path(), &[]);
        let e = confine.read(dir.path(), 10).unwrap_err();
        assert!(e.to_string().ends_with("is a folder, not a file"), "{e}");
        let fifo = dir.path().join("pipe.csv");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let e = confine.read(&fifo, 10).unwrap_err();
        assert!(
            e.to_string().contains("a FIFO (named pipe), not a file"),
            "{e}"
        );
        std::fs::write(dir.path().join("big.csv"), vec![b'x'; 2048]).unwrap();
        let e = confine.read(&dir.path().join("big.csv"), 1024).unwrap_err();
        assert!(e.to_string().contains("is 2 KB, more than the 1 KB"), "{e}");
        let e = read(Path::new("/dev/zero"), 1024).unwrap_err();
        assert!(matches!(e, InputError::TooLarge { size: 1025, .. }), "{e}");
        let e = Confine::new(Path::new("/"), &[])
            .read(Path::new("/dev/zero"), 1024)
            .unwrap_err();
        assert!(e.to_string().contains("is a device"), "{e}");
    }

    #[test]
    fn a_folder_walk_stays_inside() {
        let dir = tempfile::tempdir().unwrap();
        let fonts = dir.path().join("fonts");
        std::fs::create_dir_all(fonts.join("sub")).unwrap();
        std::fs::write(fonts.join("a.ttf"), "a").unwrap();
        std::fs::write(fonts.join("sub/b.ttf"), "b").unwrap();
        std::fs::write(dir.path().join("outside.ttf"), "o").unwrap();
        std::os::unix::fs::symlink(dir.path().join("outside.ttf"), fonts.join("c.ttf")).unwrap();
        std::os::unix::fs::symlink(dir.path(), fonts.join("up")).unwrap();
        std::os::unix::fs::symlink(&fonts, fonts.join("sub/loop")).unwrap();
        assert_eq!(files_below(&fonts), ["a.ttf", "sub/b.ttf"]);
        assert_eq!(walk(&fonts).1, ["c.ttf", "up"]);
    }
}
