//! Fonts: the Times-compatible Liberation Serif family ships in `fonts/` and is
//! embedded in the binary; system fonts are never looked at unless the user
//! names a folder with `--font-path` (e.g. to use a licensed Times New Roman).
//! Such a folder is read as every input is ([`crate::input`]): only its
//! regular font files, links only where they stay inside it, each file at
//! most [`input::MAX_FONT`] bytes.

use std::path::{Path, PathBuf};

use typst::foundations::Bytes;
use typst::text::Font;
use typst_kit::fonts::{FontSource, FontStore};

use crate::input::{self, Confine};

/// The embedded font files: Liberation Serif 2.1.5, all four styles (SIL OFL 1.1).
const EMBEDDED: [&[u8]; 4] = [
    include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
];

/// Builds the font store: embedded fonts first, then those found in `extra`.
pub fn store(extra: &[&Path]) -> FontStore {
    let mut store = FontStore::new();
    for data in EMBEDDED {
        // `Bytes::new` on a `&'static [u8]` does not copy the font.
        for font in Font::iter(Bytes::new(data)) {
            let info = font.info().clone();
            store.push((font, info));
        }
    }
    for dir in extra {
        let confine = Confine::new(dir, &[]);
        for rel in font_files(dir) {
            let path = dir.join(&rel);
            let Ok(bytes) = confine.read(&path, input::MAX_FONT) else {
                continue;
            };
            // Each face's description is read now; its bytes again when a
            // document uses it, so a large folder costs no memory.
            for font in Font::iter(Bytes::new(bytes)) {
                let info = font.info().clone();
                let source = FolderFont {
                    path: path.clone(),
                    index: font.index(),
                    confine: confine.clone(),
                };
                store.push((source, info));
            }
        }
    }
    store
}

/// The font files below `dir` (by their extension), relative to it.
pub fn font_files(dir: &Path) -> Vec<String> {
    input::files_below(dir)
        .into_iter()
        .filter(|rel| {
            let ext = rel.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
            matches!(ext.as_str(), "ttf" | "otf" | "ttc" | "otc")
        })
        .collect()
}

/// A face of a font file in a `--font-path` folder, read when used.
struct FolderFont {
    path: PathBuf,
    index: u32,
    confine: Confine,
}

impl FontSource for FolderFont {
    fn load(&self) -> Option<Font> {
        let bytes = self.confine.read(&self.path, input::MAX_FONT).ok()?;
        Font::new(Bytes::new(bytes), self.index)
    }
}

/// Hashes of the embedded font files, for the record of what an output was made from.
pub fn embedded_bytes() -> impl Iterator<Item = &'static [u8]> {
    EMBEDDED.into_iter()
}
