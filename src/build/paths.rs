//! Where each output goes, worked out from the data before anything is
//! made. Every path is a slug (ASCII letters, digits and `-`) below the
//! output folder, so it cannot leave it; each part is short enough for
//! any file system; and no two outputs share a path: two units whose
//! names differ only in their diacritics (`bản Nà Phát`, `bản Na Phat`)
//! would otherwise write into one folder, so that is an error naming both.

use std::collections::HashMap;
use std::ops::Range;

use crate::data::locate;
use crate::data::resolve::Project;
use crate::error::{DataPath, Error, Problem};
use crate::output;
use crate::preset::Preset;

/// Longest slug in a file or folder name, in bytes: with a number and a
/// suffix (`-noi-nhan.pdf`), far below the 255 every file system allows.
const MAX_SLUG: usize = 80;

/// [`output::slug`] of `text`, cut at a `-` to at most `MAX_SLUG` (80) bytes.
pub fn file_slug(text: &str) -> String {
    let slug = output::slug(text);
    if slug.len() <= MAX_SLUG {
        return slug;
    }
    let cut = &slug[..MAX_SLUG];
    cut.rfind('-')
        .map_or(cut, |i| &cut[..i])
        .trim_end_matches('-')
        .to_string()
}

/// The names of a build's outputs: the main document's stem and each
/// event's (in `events` order).
#[derive(Debug)]
pub struct Names {
    /// `ke-hoach` of `ke-hoach.pdf`.
    pub stem: String,
    /// Each event's name under `giay-moi/`.
    pub events: Vec<String>,
}

/// A letter's path: `giay-moi/<event>/<index>-<name>.pdf`, the index
/// padded to `width` digits (`001-lo-van-binh.pdf`; `001.pdf` for a name
/// of no Latin letters).
pub fn letter(event: &str, width: usize, index: usize, name: &str) -> String {
    match file_slug(name) {
        name if name.is_empty() => format!("giay-moi/{event}/{index:0width$}.pdf"),
        name => format!("giay-moi/{event}/{index:0width$}-{name}.pdf"),
    }
}

/// An event's print file: every letter, in list order.
pub fn print_file(event: &str) -> String {
    format!("giay-moi/{event}-ban-in.pdf")
}

/// An event's distribution sheet.
pub fn event_sheet(event: &str) -> String {
    format!("giay-moi/{event}-noi-nhan.pdf")
}

/// An event's generated Typst source (`--emit-typ`).
pub fn event_source(event: &str) -> String {
    format!("giay-moi/{event}.typ")
}

/// Where an event's name comes from: its `file:`, or its unit's name.
fn origin(project: &Project, i: usize) -> (DataPath, &str) {
    let ev = &project.data.events[i];
    match &ev.file {
        Some(f) => (
            DataPath::new().key("events").index(i).key("file"),
            f.as_str(),
        ),
        None => match project.data.units.iter().position(|u| u.id == ev.unit) {
            Some(k) => (
                DataPath::new().key("units").index(k).key("name"),
                project.data.units[k].name.as_str(),
            ),
            None => (
                DataPath::new().key("events").index(i).key("title"),
                ev.title.as_str(),
            ),
        },
    }
}

/// The names of every output of `project`, or the problems that make
/// them impossible, all at once: a name with no letter or digit to make
/// a file name of, two events with one name.
pub fn names(project: &Project, preset: &Preset) -> Result<Names, Error> {
    let file = &project.file;
    let place =
        |path: &DataPath| -> Range<usize> { locate::locate(&file.text, path).unwrap_or(0..0) };
    let mut problems = Vec::new();
    let doc = &project.data.document;
    let (stem, doc_at) = match &doc.file {
        Some(f) => (file_slug(f), DataPath::new().key("document").key("file")),
        None => (
            file_slug(
                &preset
                    .document_type(&doc.kind)
                    .map_or_else(|| doc.kind.clone(), |t| t.name),
            ),
            DataPath::new().key("document").key("type"),
        ),
    };
    if stem.is_empty() {
        problems.push(
            Problem::error(crate::tr!("build-no-file-name"))
                .hint(crate::tr!("build-hint-no-file-name"))
                .at(file, place(&doc_at)),
        );
    }
    let mut events = Vec::new();
    let mut taken: HashMap<String, usize> = HashMap::new();
    // The addressed copies of a meeting invitation go where an event's
    // letters would go, under the document's name.
    let copies = project.data.meeting.as_ref().is_some_and(|m| m.copies);
    for i in 0..project.data.events.len() {
        let (at, text) = origin(project, i);
        let name = file_slug(text);
        if name.is_empty() {
            problems.push(
                Problem::error(crate::tr!(
                    "build-no-folder-name",
                    text = text,
                    index = i.to_string()
                ))
                .hint(crate::tr!("build-hint-no-folder-name"))
                .at(file, place(&at)),
            );
        } else if copies && name == stem {
            problems.push(
                Problem::error(crate::tr!(
                    "build-folder-of-copies",
                    text = text,
                    name = &name
                ))
                .hint(crate::tr!("build-hint-folder-of-copies", name = &name))
                .at(file, place(&at))
                .also(
                    file,
                    place(&doc_at),
                    crate::tr!("build-label-invitation-name"),
                ),
            );
        } else if let Some(&first) = taken.get(&name) {
            let (first_at, first_text) = origin(project, first);
            problems.push(
                Problem::error(crate::tr!(
                    "build-same-folder",
                    text = text,
                    first = first_text,
                    name = &name
                ))
                .hint(crate::tr!("build-hint-same-folder", name = &name))
                .at(file, place(&at))
                .also(
                    file,
                    place(&first_at),
                    crate::tr!("build-label-first-name"),
                ),
            );
        } else {
            taken.insert(name.clone(), i);
        }
        events.push(name);
    }
    if problems.is_empty() {
        Ok(Names { stem, events })
    } else {
        Err(Error::Problems(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_cut_at_a_word() {
        let name = "Chi bộ Trường Phổ thông Dân tộc Nội trú Trung học phổ thông huyện Tam Đường tỉnh Lai Châu";
        let slug = file_slug(name);
        assert!(slug.len() <= MAX_SLUG, "{slug}");
        assert!(slug.starts_with("chi-bo-truong-pho-thong"));
        assert!(!slug.ends_with('-'));
        assert_eq!(file_slug("Lò Văn Bình"), "lo-van-binh");
        assert_eq!(
            letter("a", 3, 7, "Lò Văn Bình"),
            "giay-moi/a/007-lo-van-binh.pdf"
        );
        assert_eq!(letter("a", 3, 7, "李"), "giay-moi/a/007.pdf");
    }
}
