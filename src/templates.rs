//! The template store: minijinja templates, Typst layout files and style
//! presets, embedded in the binary and overridable file by file with
//! `--templates DIR` (a file in DIR wins over the embedded one of the same name).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, SourceFile};
use crate::input::{self, Confine};

/// The files shipped in `templates/`, by their path below it.
const EMBEDDED: &[(&str, &str)] = &[
    ("plan.typ.j2", include_str!("../templates/plan.typ.j2")),
    ("body.typ.j2", include_str!("../templates/body.typ.j2")),
    (
        "meeting-copies.typ.j2",
        include_str!("../templates/meeting-copies.typ.j2"),
    ),
    (
        "meeting.typ.j2",
        include_str!("../templates/meeting.typ.j2"),
    ),
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
        "presets/dang-hd05.yaml",
        include_str!("../templates/presets/dang-hd05.yaml"),
    ),
    (
        "presets/dang-hd36.yaml",
        include_str!("../templates/presets/dang-hd36.yaml"),
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
    ///
    /// A file of the override folder is read only if it is a regular file
    /// inside the folder (a link that leads out of it is an error, not
    /// followed) of at most [`input::MAX_TEMPLATE`] bytes.
    pub fn get(&self, name: &str) -> Result<Option<SourceFile>, Error> {
        if let Some(dir) = &self.dir {
            let path = dir.join(name);
            if std::fs::symlink_metadata(&path).is_ok() {
                let bytes = Confine::new(dir, &[]).read(&path, input::MAX_TEMPLATE)?;
                let shown = path.display().to_string();
                let text = crate::data::decode(&shown, &bytes)?;
                return Ok(Some(SourceFile {
                    name: shown,
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
            // The files that may not be read are listed too: reading them
            // says why, rather than leaving them out unnoticed.
            let (files, refused) = input::walk(dir);
            names.extend(files.into_iter().chain(refused).filter(|n| !n.is_empty()));
            names.retain(|n| n.starts_with(prefix));
        }
        names.sort();
        names.dedup();
        names
    }

    /// Names of the available presets.
    pub fn preset_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .names("presets/")
            .iter()
            .filter_map(|n| {
                n.strip_prefix("presets/")
                    .and_then(|n| n.strip_suffix(".yaml"))
            })
            .map(str::to_string)
            .collect();
        // By name, not by file name (`dang` before `dang-hd05`).
        names.sort();
        names
    }

    /// The override folder, if any (watched for changes, shown in messages).
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }
}
