//! PDF cutting and joining, at the level of PDF objects: letters cut out
//! of a batch ([`PdfSplitter`], in `split`), letters and sheet pages joined
//! into one file with what they share written once ([`PdfJoiner`], in
//! `join`), and the last build's joined file read back object by object
//! ([`JoinedPdf`], in `joined`) so its unchanged pages can be copied as
//! they are. A two-up joiner ([`PdfJoiner::two_up`], in `impose`) lays
//! A5 letters two to an A4 sheet instead.

use std::collections::HashMap;

mod impose;
mod join;
mod joined;
mod pdfa;
mod split;

pub use impose::{NotOnePage, Placed};
pub use join::{PdfJoiner, Shared};
pub use joined::JoinedPdf;
pub use split::PdfSplitter;

/// Object numbers the joiner keeps for the page tree, catalog and metadata.
const JOINED_PAGES: lopdf::ObjectId = (1, 0);
const JOINED_CATALOG: lopdf::ObjectId = (2, 0);
const JOINED_INFO: lopdf::ObjectId = (3, 0);

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The cross-reference table and trailer of a PDF whose objects 1 to
/// `size - 1` start at `offsets` (number, byte offset), written from
/// byte `start` on.
fn pdf_tail(
    offsets: &[(u32, u64)],
    size: u32,
    start: u64,
    root: lopdf::ObjectId,
    info: lopdf::ObjectId,
    id: Option<lopdf::Object>,
) -> std::io::Result<Vec<u8>> {
    use lopdf::{Dictionary, Object};
    let mut at = vec![None; size as usize];
    for (n, offset) in offsets {
        if let Some(slot) = at.get_mut(*n as usize) {
            *slot = Some(*offset);
        }
    }
    let mut xref = format!("xref\n0 {size}\n0000000000 65535 f \n");
    for offset in at.iter().skip(1) {
        match offset {
            Some(o) => xref.push_str(&format!("{o:010} 00000 n \n")),
            None => xref.push_str("0000000000 65535 f \n"),
        }
    }
    let mut trailer = Dictionary::new();
    trailer.set("Size", Object::Integer(i64::from(size)));
    trailer.set("Root", Object::Reference(root));
    trailer.set("Info", Object::Reference(info));
    if let Some(id) = id {
        trailer.set("ID", id);
    }
    let mut tail = xref.into_bytes();
    tail.extend_from_slice(b"trailer\n");
    lopdf::Writer::write_object(&mut tail, &Object::Dictionary(trailer))
        .map_err(std::io::Error::other)?;
    tail.extend_from_slice(format!("\nstartxref\n{start}\n%%EOF\n").as_bytes());
    Ok(tail)
}

/// `info` with its title set to `title` (a PDF text string: UTF-16BE with a byte-order mark).
fn titled(mut info: lopdf::Dictionary, title: &str) -> lopdf::Dictionary {
    let mut utf16 = vec![0xFE, 0xFF];
    utf16.extend(title.encode_utf16().flat_map(u16::to_be_bytes));
    info.set(
        "Title",
        lopdf::Object::String(utf16, lopdf::StringFormat::Hexadecimal),
    );
    info
}

/// Rewrites every reference inside `obj` through `map`.
pub(crate) fn renumber(obj: &mut lopdf::Object, map: &HashMap<lopdf::ObjectId, lopdf::ObjectId>) {
    use lopdf::Object;
    match obj {
        Object::Reference(id) => {
            if let Some(new) = map.get(id) {
                *id = *new;
            }
        }
        Object::Array(items) => items.iter_mut().for_each(|o| renumber(o, map)),
        Object::Dictionary(d) => d.iter_mut().for_each(|(_, o)| renumber(o, map)),
        Object::Stream(s) => s.dict.iter_mut().for_each(|(_, o)| renumber(o, map)),
        _ => {}
    }
}

/// The document-information dictionary of `doc` (title, author, dates).
fn info_of(doc: &lopdf::Document) -> lopdf::Dictionary {
    doc.trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        .and_then(|r| doc.get_dictionary(r))
        .cloned()
        .unwrap_or_default()
}

/// Pushes every object reference inside `obj`.
pub(crate) fn collect_refs(obj: &lopdf::Object, out: &mut Vec<lopdf::ObjectId>) {
    use lopdf::Object;
    match obj {
        Object::Reference(id) => out.push(*id),
        Object::Array(items) => items.iter().for_each(|o| collect_refs(o, out)),
        Object::Dictionary(d) => d.iter().for_each(|(_, o)| collect_refs(o, out)),
        Object::Stream(s) => s.dict.iter().for_each(|(_, o)| collect_refs(o, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::joined::refs;
    use super::*;
    use crate::templates::Templates;
    use crate::typeset::{DocOptions, Typesetter, export};
    use chrono::NaiveDate;

    /// A small PDF of `pages` pages of text, as Typst exports it.
    fn pdf(text: &str, pages: usize) -> Vec<u8> {
        pdf_as(text, pages, false)
    }

    /// [`pdf`], PDF/A-2b if `pdfa`.
    fn pdf_as(text: &str, pages: usize, pdfa: bool) -> Vec<u8> {
        let typesetter = Typesetter::new(&Templates::new(None), &[]).expect("the typesetter");
        let body: Vec<String> = (0..pages).map(|p| format!("{text} {p}")).collect();
        let source = format!(
            "#set page(width: 120pt, height: 80pt)\n#set text(font: \"Liberation Serif\")\n{}",
            body.join("\n#pagebreak()\n")
        );
        let options = DocOptions {
            date: NaiveDate::from_ymd_opt(2025, 1, 2).expect("a date"),
            source_name: "test".into(),
            data: None,
            pdfa,
        };
        let document = typesetter
            .compile(&source, &options, &["Liberation Serif".to_string()])
            .expect("it compiles");
        export(&document, &options, false).expect("it exports")
    }

    fn joined(parts: &[&[u8]]) -> Vec<u8> {
        let mut j = PdfJoiner::new(Vec::new()).expect("a joiner");
        for p in parts {
            j.push(p).expect("a part");
        }
        j.finish("Joined").expect("finished")
    }

    /// Whether `pdf` claims PDF/A in its catalog's XMP, read as the joiner reads parts.
    fn claims(pdf: &[u8]) -> bool {
        pdfa::Archive::of_doc(&lopdf::Document::load_mem(pdf).unwrap()).is_some()
    }

    #[test]
    fn a_joined_file_joined_again_from_its_bytes_is_the_same_file() {
        // Plain, and PDF/A, whose XMP and ICC profile the old file gives again.
        for pdfa in [false, true] {
            let part = |text, pages| pdf_as(text, pages, pdfa);
            let (a, b, c) = (part("Một", 2), part("Hai", 1), part("Ba", 3));
            let whole = joined(&[&a, &b, &c]);
            assert_eq!(claims(&whole), pdfa);
            let read = JoinedPdf::read(whole.clone()).expect("read as the joiner wrote it");
            assert_eq!(read.pages(), 6);

            // All of it, from the last file.
            let mut again = PdfJoiner::new(Vec::new()).unwrap();
            again.push_joined(&read, 0..6, &mut HashMap::new()).unwrap();
            assert_eq!(again.finish("Joined").unwrap(), whole, "PDF/A {pdfa}");

            // The first part from the last file, a new middle part, the rest
            // from the last file: as if joined from the parts themselves.
            let b2 = part("Bốn", 1);
            let mut done = HashMap::new();
            let mut mixed = PdfJoiner::new(Vec::new()).unwrap();
            mixed.push_joined(&read, 0..2, &mut done).unwrap();
            mixed.push(&b2).unwrap();
            mixed.push_joined(&read, 3..6, &mut done).unwrap();
            let expected = joined(&[&a, &b2, &c]);
            assert_eq!(mixed.finish("Joined").unwrap(), expected, "PDF/A {pdfa}");
        }
    }

    #[test]
    fn letters_cut_from_a_pdfa_batch_are_pdfa_and_join_as_they_were_cut() {
        let batch = pdf_as("Thư", 3, true);
        let split = PdfSplitter::new(&batch).expect("the batch reads");
        let letters: Vec<Vec<u8>> = (0..3)
            .map(|p| split.extract(p..p + 1, &format!("Thư {p}")).expect("cut"))
            .collect();
        for letter in &letters {
            assert!(claims(letter));
            let doc = lopdf::Document::load_mem(letter).unwrap();
            let catalog = doc.catalog().unwrap();
            for key in [&b"OutputIntents"[..], b"Lang", b"Metadata"] {
                assert!(catalog.has(key), "{}", String::from_utf8_lossy(key));
            }
        }
        // From the batch's pages, the same bytes as from the letters cut.
        let mut from_batch = PdfJoiner::new(Vec::new()).unwrap();
        let mut shared = Shared::default();
        for p in 0..3 {
            from_batch
                .push_pages(&split, p..p + 1, &mut shared)
                .unwrap();
        }
        let parts: Vec<&[u8]> = letters.iter().map(Vec::as_slice).collect();
        assert_eq!(from_batch.finish("Joined").unwrap(), joined(&parts));
    }

    #[test]
    fn a_two_up_file_from_the_batch_is_the_one_from_the_letters_with_its_fonts_once() {
        for pdfa in [false, true] {
            let batch = pdf_as("Thư", 3, pdfa);
            let split = PdfSplitter::new(&batch).expect("the batch reads");
            let letters: Vec<Vec<u8>> = (0..3)
                .map(|p| split.extract(p..p + 1, &format!("Thư {p}")).expect("cut"))
                .collect();
            let mut from_batch = PdfJoiner::two_up(Vec::new(), true).unwrap();
            let mut shared = Shared::default();
            for p in 0..3 {
                from_batch
                    .push_pages(&split, p..p + 1, &mut shared)
                    .unwrap();
                let placed = from_batch.placed().expect("placed");
                assert_eq!(placed.sheet, p / 2 + 1);
            }
            let mut from_letters = PdfJoiner::two_up(Vec::new(), true).unwrap();
            for l in &letters {
                from_letters.push(l).unwrap();
            }
            let whole = from_batch.finish("Joined").unwrap();
            assert_eq!(
                whole,
                from_letters.finish("Joined").unwrap(),
                "PDF/A {pdfa}"
            );
            assert_eq!(claims(&whole), pdfa);
            let doc = lopdf::Document::load_mem(&whole).unwrap();
            assert_eq!(doc.get_pages().len(), 2, "three letters, two sheets");
            let fonts = |doc: &lopdf::Document| {
                doc.objects
                    .values()
                    .filter(|o| matches!(o, lopdf::Object::Dictionary(d) if d.has_type(b"FontDescriptor")))
                    .count()
            };
            let one = lopdf::Document::load_mem(&letters[0]).unwrap();
            assert_eq!(
                fonts(&doc),
                fonts(&one),
                "the fonts once, not once a letter"
            );
        }
    }

    #[test]
    fn a_two_up_file_refuses_a_part_of_more_than_one_page_and_says_how_many() {
        let mut j = PdfJoiner::two_up(Vec::new(), false).unwrap();
        let err = j.push(&pdf("Hai", 2)).expect_err("refused");
        assert_eq!(NotOnePage::of(&err), Some(2));
        assert_eq!(NotOnePage::of(&std::io::Error::other("other")), None);
    }

    #[test]
    fn a_part_that_is_pdfa_is_not_joined_with_one_that_is_not() {
        let (plain, archival) = (pdf("Một", 1), pdf_as("Hai", 1, true));
        for (first, second) in [(&plain, &archival), (&archival, &plain)] {
            let mut j = PdfJoiner::new(Vec::new()).unwrap();
            j.push(first).unwrap();
            let err = j.push(second).expect_err("refused");
            assert!(err.to_string().contains("PDF/A"), "{err}");
        }
    }

    #[test]
    fn a_file_not_laid_out_as_the_joiner_writes_is_not_read_as_one() {
        assert!(JoinedPdf::read(b"%PDF-1.7\nnot really".to_vec()).is_none());
        let mut whole = joined(&[&pdf("Một", 1)]);
        // A byte changed inside an object's frame.
        let at = whole.len() / 3;
        whole.splice(at..at, *b"\nendobj\n");
        assert!(JoinedPdf::read(whole).is_none());
    }

    #[test]
    fn references_are_found_outside_strings_and_stream_data() {
        let body = b"<</Type/Page/Parent 1 0 R/Contents 12 0 R/A(3 0 R)/B[4 0 R 5 0 R]/C<</D 6 0 R>>/L 7>>stream\n8 0 R\nendstream";
        let found: Vec<u32> = refs(body).unwrap().into_iter().map(|(_, n)| n).collect();
        assert_eq!(found, [1, 12, 4, 5, 6]);
        let (range, n) = refs(b"[10 0 R]").unwrap().remove(0);
        assert_eq!((range, n), (1..3, 10));
    }
}
