//! What a rebuild keeps: outputs made or kept, the pages of the last
//! joined files, and the fingerprint of everything besides the data.

use std::path::PathBuf;

use crate::error::{Error, Problem};
use crate::output::{self, ManifestEntry, Previous, Stage};
use crate::pdf;
use crate::templates::Templates;

/// A joined file of the last build (print file, sheet), read once so a
/// rebuild can take the pages of its unchanged parts from it.
pub(super) struct OldJoined {
    pub(super) pdf: pdf::JoinedPdf,
    /// Each part's pages, by the part's inputs.
    pub(super) parts: std::collections::HashMap<output::manifest::Digest, std::ops::Range<usize>>,
    /// Its object numbers → those of the file being joined.
    pub(super) done: std::collections::HashMap<u32, u32>,
}

impl OldJoined {
    /// The file at `rel` if the last build joined it from parts and it is
    /// intact (its bytes match the manifest, its pages the parts).
    pub(super) fn load(previous: &Previous, rel: &str) -> Option<Self> {
        let listed = previous.parts(rel)?;
        if listed.is_empty() {
            return None;
        }
        // Intact (its size and time, or its hash, as the manifest says):
        // read from its file object by object, not whole.
        let pdf = pdf::JoinedPdf::open(&previous.path(rel))?;
        let mut parts = std::collections::HashMap::new();
        let mut at = 0;
        for &(inputs, pages) in listed {
            let pages = pages as usize;
            parts.entry(inputs).or_insert(at..at + pages);
            at += pages;
        }
        (pdf.pages() == at).then_some(Self {
            pdf,
            parts,
            done: Default::default(),
        })
    }

    /// Appends the pages of the part made from `inputs` to `to`; `None` if
    /// the file has no such part.
    pub(super) fn push<W: std::io::Write>(
        &mut self,
        to: &mut pdf::PdfJoiner<W>,
        inputs: &str,
    ) -> Option<std::io::Result<usize>> {
        let range = self
            .parts
            .get(&output::manifest::Digest::from_hex(inputs)?)?
            .clone();
        let n = range.len();
        Some(to.push_joined(&self.pdf, range, &mut self.done).map(|_| n))
    }
}

/// An output made in memory, or kept from the last build.
pub(super) enum Made {
    /// The last build's file stays.
    Kept(ManifestEntry),
    /// A file made whole, with the rectangles of its signature images.
    New {
        bytes: Vec<u8>,
        inputs: String,
        sign_boxes: Vec<output::SignBox>,
    },
    /// A file joined from parts.
    Joined {
        bytes: Vec<u8>,
        inputs: String,
        parts: Vec<output::Part>,
    },
}

impl Made {
    pub(super) fn stage(self, stage: &mut Stage, kind: &str, rel: &str) -> Result<(), Error> {
        match self {
            Made::Kept(entry) => stage.keep(entry, None),
            Made::New {
                bytes,
                inputs,
                sign_boxes,
            } => stage.add_with_boxes(kind, rel, &bytes, None, &inputs, sign_boxes),
            Made::Joined {
                bytes,
                inputs,
                parts,
            } => stage.add_joined(kind, rel, &bytes, &inputs, parts),
        }
    }
}

/// Stages a small output made directly from `bytes` (a generated source),
/// or keeps it if it is unchanged.
pub(super) fn put(
    stage: &mut Stage,
    previous: &Previous,
    kind: &str,
    rel: &str,
    bytes: &[u8],
) -> Result<(), Error> {
    let inputs = output::hash_parts(&[kind.as_bytes(), bytes]);
    match previous.unchanged(rel, &inputs) {
        Some(kept) => stage.keep(kept, None),
        None => stage.add(kind, rel, bytes, None, &inputs),
    }
}

/// A kept output whose bytes are no longer those the last build wrote.
pub(super) fn changed_by_hand(rel: &str) -> Error {
    Error::problem(
        Problem::error(crate::tr!("build-changed-by-hand", path = rel))
            .hint(crate::tr!("build-hint-force")),
    )
}

/// Hash of everything besides the data that shapes an output: the tool
/// (version and binary), every template and preset, the extra fonts, and
/// `SOURCE_DATE_EPOCH` (it sets the PDF dates).
pub(super) fn fingerprint(templates: &Templates, font_paths: &[PathBuf]) -> Result<String, Error> {
    let mut parts: Vec<Vec<u8>> = vec![env!("CARGO_PKG_VERSION").as_bytes().to_vec()];
    // A rebuilt binary may lay out differently under the same version.
    if let Some(meta) = std::env::current_exe().ok().and_then(|e| e.metadata().ok()) {
        parts.push(format!("{} {:?}", meta.len(), meta.modified().ok()).into_bytes());
    }
    parts.push(
        crate::output::source_date_epoch()
            .map(|s| s.to_string())
            .unwrap_or_default()
            .into_bytes(),
    );
    for name in templates.names("") {
        if let Some(t) = templates.get(&name)? {
            parts.push(name.into_bytes());
            parts.push(t.text.as_bytes().to_vec());
        }
    }
    // Extra fonts by name, size and time: reading them all would cost more
    // than the build of one letter.
    for dir in font_paths {
        for rel in crate::fonts::font_files(dir) {
            let f = dir.join(rel);
            if let Ok(meta) = f.metadata() {
                let stamp = format!("{} {} {:?}", f.display(), meta.len(), meta.modified().ok());
                parts.push(stamp.into_bytes());
            }
        }
    }
    let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    Ok(output::hash_parts(&refs))
}
