//! Fonts: the Times-compatible Liberation Serif family ships in `fonts/` and is
//! embedded in the binary; system fonts are never looked at unless the user
//! names a folder with `--font-path` (e.g. to use a licensed Times New Roman).

use std::path::Path;

use typst::foundations::Bytes;
use typst::text::Font;
use typst_kit::fonts::FontStore;

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
        store.extend(typst_kit::fonts::scan(dir));
    }
    store
}

/// Hashes of the embedded font files, for the record of what an output was made from.
pub fn embedded_bytes() -> impl Iterator<Item = &'static [u8]> {
    EMBEDDED.into_iter()
}
