//! The template store: minijinja templates, Typst layout files and style
//! presets, embedded in the binary and overridable file by file with
//! `--templates DIR` (a file in DIR wins over the embedded one of the same name).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, SourceFile};

/// The files shipped in `templates/`, by their path below it.
const EMBEDDED: &[(&str, &str)] = &[
    ("plan.typ.j2", include_str!("../templates/plan.typ.j2")),
    (
        "invitations.typ.j2",
        include_str!("../templates/invitations.typ.j2"),
    ),
    ("sheet.typ.j2", include_str!("../templates/sheet.typ.j2")),
    (
        "layout/vanban.typ",
        include_str!("../templates/layout/vanban.typ"),
    ),
    (
        "presets/dang.yaml",
        include_str!("../templates/presets/dang.yaml"),
    ),
    (
        "presets/nha-nuoc.yaml",
        include_str!("../templates/presets/nha-nuoc.yaml"),
    ),
];

/// Where templates come from.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    dir: Option<PathBuf>,
}

impl Templates {
    /// The embedded templates, overridden by the files of `dir` if given.
    pub fn new(dir: Option<PathBuf>) -> Self {
        Self { dir }
    }

    /// Reads one template by its name below `templates/` (e.g. `presets/dang.yaml`).
    /// Returns `None` if neither the override folder nor the binary has it.
    pub fn get(&self, name: &str) -> Result<Option<SourceFile>, Error> {
        if let Some(dir) = &self.dir {
            let path = dir.join(name);
            if path.is_file() {
                let text = std::fs::read_to_string(&path).map_err(|source| Error::Read {
                    path: path.clone(),
                    source,
                })?;
                return Ok(Some(SourceFile {
                    name: path.display().to_string(),
                    text: Arc::from(text),
                }));
            }
        }
        Ok(EMBEDDED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, text)| SourceFile {
                name: format!("templates/{n}"),
                text: Arc::from(*text),
            }))
    }

    /// Names of every template below `prefix` (e.g. `layout/`), embedded or overriding.
    pub fn names(&self, prefix: &str) -> Vec<String> {
        let mut names: Vec<String> = EMBEDDED
            .iter()
            .map(|(n, _)| n.to_string())
            .filter(|n| n.starts_with(prefix))
            .collect();
        if let Some(dir) = &self.dir {
            collect_files(dir, dir, &mut names);
            names.retain(|n| n.starts_with(prefix));
        }
        names.sort();
        names.dedup();
        names
    }

    /// Names of the available presets.
    pub fn preset_names(&self) -> Vec<String> {
        self.names("presets/")
            .iter()
            .filter_map(|n| {
                n.strip_prefix("presets/")
                    .and_then(|n| n.strip_suffix(".yaml"))
            })
            .map(str::to_string)
            .collect()
    }

    /// The override folder, if any (watched for changes, shown in messages).
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }
}

/// Collects the relative paths of the files below `dir`, with `/` separators.
fn collect_files(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_files(root, &path, out);
        } else if let Ok(rel) = path.strip_prefix(root) {
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(parts.join("/"));
        }
    }
}
