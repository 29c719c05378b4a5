//! [`JoinedPdf`]: a file the joiner wrote, read back object by object.

use std::ops::Range;

use super::pdfa::Archive;
use super::{JOINED_CATALOG, JOINED_INFO, JOINED_PAGES, find};

/// A PDF that a [`PdfJoiner`](super::PdfJoiner) wrote (the last build's
/// print file or sheet), read as bytes rather than parsed: where each
/// object's bytes are and which objects are pages. Its pages are joined
/// into a new file as they are, with their references renumbered
/// ([`PdfJoiner::push_joined`](super::PdfJoiner::push_joined)), which
/// gives the same bytes as parsing and writing them again, for a fraction
/// of the work.
pub struct JoinedPdf {
    source: PdfBytes,
    /// Where each object starts and the next begins (`N 0 obj\n` … its
    /// body … `\nendobj\n`), by number.
    spans: Vec<Option<(u64, u64)>>,
    /// The page objects, in order.
    pub(super) pages: Vec<u32>,
    /// Whether each object, by number, is a page: asked of every object
    /// joined, so not a search of `pages` (a print file has thousands).
    pub(super) is_page: Vec<bool>,
    /// The document-information dictionary.
    pub(super) info: lopdf::Dictionary,
    /// Its PDF/A claim and catalog entries, if it is PDF/A.
    pub(super) archive: Option<Archive>,
}

/// Where a [`JoinedPdf`]'s bytes are: in memory, or in its file, read an
/// object at a time (the print file of 100,000 letters is 150 MB).
enum PdfBytes {
    Bytes(Vec<u8>),
    File(std::sync::Mutex<std::fs::File>, u64),
}

impl PdfBytes {
    fn len(&self) -> u64 {
        match self {
            PdfBytes::Bytes(b) => b.len() as u64,
            PdfBytes::File(_, len) => *len,
        }
    }

    /// The bytes of `range`, or `None` if it is not all there.
    fn get(&self, range: Range<u64>) -> Option<Vec<u8>> {
        use std::io::{Read, Seek, SeekFrom};
        if range.start > range.end || range.end > self.len() {
            return None;
        }
        match self {
            PdfBytes::Bytes(b) => Some(b[range.start as usize..range.end as usize].to_vec()),
            PdfBytes::File(file, _) => {
                let mut file = file.lock().ok()?;
                file.seek(SeekFrom::Start(range.start)).ok()?;
                let mut out = vec![0; usize::try_from(range.end - range.start).ok()?];
                file.read_exact(&mut out).ok()?;
                Some(out)
            }
        }
    }
}

impl JoinedPdf {
    /// Reads `bytes`; `None` if they are not laid out as
    /// [`PdfJoiner`](super::PdfJoiner) writes them (a file edited by hand,
    /// or written by another version).
    pub fn read(bytes: Vec<u8>) -> Option<Self> {
        Self::from(PdfBytes::Bytes(bytes))
    }

    /// [`JoinedPdf::read`] of the file at `path`, which stays on disk: its
    /// cross-reference table is read now, each object when it is joined.
    pub fn open(path: &std::path::Path) -> Option<Self> {
        let file = std::fs::File::open(path).ok()?;
        let len = file.metadata().ok()?.len();
        Self::from(PdfBytes::File(std::sync::Mutex::new(file), len))
    }

    fn from(source: PdfBytes) -> Option<Self> {
        let number = |b: &[u8]| std::str::from_utf8(b).ok()?.trim().parse::<u64>().ok();
        let len = source.len();
        let tail = source.get(len.saturating_sub(64)..len)?;
        let start = find(&tail, b"startxref\n")? + b"startxref\n".len();
        let end = start + find(&tail[start..], b"\n")?;
        let xref = number(&tail[start..end])?;
        let table = source.get(xref..len)?;
        let table = table.strip_prefix(b"xref\n0 ")?;
        let line = find(table, b"\n")?;
        let size = usize::try_from(number(&table[..line])?).ok()?;
        let entries = table.get(line + 1..line + 1 + 20 * size)?;
        let mut offsets: Vec<(u64, u32)> = Vec::with_capacity(size);
        for (n, entry) in entries.chunks_exact(20).enumerate().skip(1) {
            if entry[17] == b'n' {
                offsets.push((number(&entry[..10])?, u32::try_from(n).ok()?));
            }
        }
        offsets.sort_unstable();
        let mut spans = vec![None; size];
        for (k, &(at, n)) in offsets.iter().enumerate() {
            let next = offsets.get(k + 1).map_or(xref, |o| o.0);
            if next < at {
                return None;
            }
            spans[n as usize] = Some((at, next));
        }
        let mut pdf = Self {
            source,
            spans,
            pages: Vec::new(),
            is_page: vec![false; size],
            info: lopdf::Dictionary::new(),
            archive: None,
        };
        let tree = pdf.body(JOINED_PAGES.0)?;
        let kids = &tree[find(&tree, b"/Kids[")? + b"/Kids[".len()..];
        let kids = &kids[..find(kids, b"]")?];
        pdf.pages = refs(kids)?.into_iter().map(|(_, n)| n).collect();
        for &n in &pdf.pages {
            *pdf.is_page.get_mut(n as usize)? = true;
        }
        pdf.info = dictionary(&pdf.body(JOINED_INFO.0)?)?;
        let catalog = dictionary(&pdf.body(JOINED_CATALOG.0)?)?;
        // The joiner writes an XMP only for PDF/A parts, unfiltered.
        let xmp = catalog
            .get(b"Metadata")
            .and_then(lopdf::Object::as_reference)
            .ok()
            .and_then(|(n, _)| pdf.body(n))
            .and_then(|body| {
                let start = find(&body, b">>stream\n")? + b">>stream\n".len();
                let data = body.get(start..)?.strip_suffix(b"\nendstream")?;
                Some(data.to_vec())
            });
        pdf.archive = Archive::of(&catalog, xmp.as_deref());
        Some(pdf)
    }

    /// Its number of pages.
    pub fn pages(&self) -> usize {
        self.pages.len()
    }

    /// The body of object `n` (between `N 0 obj\n` and `\nendobj\n`), if
    /// it is laid out so.
    pub(super) fn body(&self, n: u32) -> Option<Vec<u8>> {
        let (at, next) = (*self.spans.get(n as usize)?)?;
        let mut bytes = self.source.get(at..next)?;
        let head = format!("{n} 0 obj\n");
        let tail = b"\nendobj\n";
        if !bytes.starts_with(head.as_bytes())
            || !bytes.ends_with(tail)
            || bytes.len() < head.len() + tail.len()
        {
            return None;
        }
        bytes.truncate(bytes.len() - tail.len());
        bytes.drain(..head.len());
        Some(bytes)
    }
}

/// The references (`N 0 R`) of an object's body, in the order they are
/// written (the order [`collect_refs`](super::collect_refs) walks a parsed
/// object): the byte range of each number and the number. A stream's data is not looked into.
/// `None` if the body is not PDF syntax as lopdf writes it.
pub(super) fn refs(body: &[u8]) -> Option<Vec<(Range<usize>, u32)>> {
    let mut out = Vec::new();
    // The last two tokens, if they were integers: `N G` before an `R`.
    let mut last: [Option<(Range<usize>, u32)>; 2] = [None, None];
    let regular = |c: u8| !(c.is_ascii_whitespace() || b"()<>[]{}/%".contains(&c));
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let token_start = i;
        let mut integer = None;
        match c {
            b'(' => {
                let mut depth = 0usize;
                loop {
                    match *body.get(i)? {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            b'<' if body.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if body.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => i += find(&body[i..], b">")? + 1,
            b'[' | b']' | b'{' | b'}' => i += 1,
            b'/' => {
                i += 1;
                while i < body.len() && regular(body[i]) {
                    i += 1;
                }
            }
            b'%' => {
                while i < body.len() && body[i] != b'\n' && body[i] != b'\r' {
                    i += 1;
                }
            }
            _ if regular(c) => {
                while i < body.len() && regular(body[i]) {
                    i += 1;
                }
                let token = &body[token_start..i];
                match token {
                    // The data that follows is the stream's own.
                    b"stream" => return Some(out),
                    b"R" => {
                        if let [Some((range, n)), Some((_, 0))] = &last {
                            out.push((range.clone(), *n));
                        }
                    }
                    _ if token.iter().all(u8::is_ascii_digit) => {
                        integer = std::str::from_utf8(token)
                            .ok()
                            .and_then(|t| t.parse::<u32>().ok())
                            .map(|n| (token_start..i, n));
                    }
                    _ => {}
                }
            }
            _ => return None,
        }
        last = [last[1].take(), integer];
    }
    Some(out)
}

/// Parses one dictionary written by lopdf (the document information) with
/// lopdf itself, in a minimal file around it.
fn dictionary(body: &[u8]) -> Option<lopdf::Dictionary> {
    let mut pdf = b"%PDF-1.7\n".to_vec();
    let at = pdf.len();
    pdf.extend_from_slice(b"1 0 obj\n");
    pdf.extend_from_slice(body);
    pdf.extend_from_slice(b"\nendobj\n");
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!(
            "xref\n0 2\n0000000000 65535 f \n{at:010} 00000 n \ntrailer\n<</Size 2/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n"
        )
        .as_bytes(),
    );
    let doc = lopdf::Document::load_mem(&pdf).ok()?;
    doc.get_dictionary((1, 0)).ok().cloned()
}
