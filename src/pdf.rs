//! PDF cutting and joining, at the level of PDF objects: letters cut out
//! of a batch ([`PdfSplitter`]), letters and sheet pages joined into one
//! file with what they share written once ([`PdfJoiner`]), and the last
//! build's joined file read back object by object ([`JoinedPdf`]) so its
//! unchanged pages can be copied as they are.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

/// Cuts single letters out of a batch PDF, keeping the font subsets the
/// batch shares: much cheaper than exporting each letter from Typst.
pub struct PdfSplitter {
    doc: lopdf::Document,
    /// Its pages in order (walking the page tree once, not per letter).
    pages: Vec<lopdf::ObjectId>,
    /// Objects already written for a letter, by their number in the batch
    /// and the new numbers of what they refer to: the fonts every letter
    /// of the batch shares are serialised once, not once per letter.
    written: std::cell::RefCell<HashMap<WrittenKey, Arc<[u8]>>>,
}

/// An object of a batch, and the new numbers of the objects it refers to.
type WrittenKey = (lopdf::ObjectId, Vec<u32>);

impl PdfSplitter {
    /// Parses a PDF written by [`crate::typeset::export`]; `None` if it cannot.
    pub fn new(pdf: &[u8]) -> Option<Self> {
        let doc = lopdf::Document::load_mem(pdf).ok()?;
        let pages = doc.get_pages().into_values().collect();
        Some(Self {
            doc,
            pages,
            written: Default::default(),
        })
    }

    /// Its number of pages.
    pub fn pages(&self) -> usize {
        self.pages.len()
    }

    /// The PDF of pages `range` (0-based) with its own title; `None` if the
    /// batch PDF is not as expected. Copies only what those pages use.
    pub fn extract(&self, range: Range<usize>, title: &str) -> Option<Vec<u8>> {
        self.assemble(self.pages.get(range)?, title)
    }
}

/// Joins PDFs (letters, or parts of a long sheet) into one file, part by
/// part: each part's objects are written out as soon as it arrives, so
/// memory holds one part and the cross-reference offsets, however long the
/// print file. An object identical to one already written (the fonts every
/// letter of an event shares) is written once and referred to after that,
/// so a print file of 300 letters carries its fonts once, and its bytes
/// depend only on the parts joined.
pub struct PdfJoiner<W: std::io::Write> {
    out: W,
    /// Bytes written so far (object offsets for the cross-reference table).
    pos: u64,
    offsets: Vec<(u32, u64)>,
    kids: Vec<lopdf::ObjectId>,
    next: u32,
    meta: Option<lopdf::Dictionary>,
    /// SHA-256 of each object written (references already renumbered) → its number.
    written: HashMap<[u8; 32], u32>,
    /// Hash of everything written, for the file identifier.
    fingerprint: sha2::Sha256,
}

/// What a [`PdfJoiner`] has written of one batch: its object numbers → the
/// numbers in the joined file.
#[derive(Default)]
pub struct Shared(HashMap<lopdf::ObjectId, u32>);

/// A PDF that a [`PdfJoiner`] wrote (the last build's print file or
/// sheet), read as bytes rather than parsed: where each object's bytes are
/// and which objects are pages. Its pages are joined into a new file as
/// they are, with their references renumbered ([`PdfJoiner::push_joined`]),
/// which gives the same bytes as parsing and writing them again, for a
/// fraction of the work.
pub struct JoinedPdf {
    source: PdfBytes,
    /// Where each object starts and the next begins (`N 0 obj\n` … its
    /// body … `\nendobj\n`), by number.
    spans: Vec<Option<(u64, u64)>>,
    /// The page objects, in order.
    pages: Vec<u32>,
    /// Whether each object, by number, is a page: asked of every object
    /// joined, so not a search of `pages` (a print file has thousands).
    is_page: Vec<bool>,
    /// The document-information dictionary.
    info: lopdf::Dictionary,
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
    /// Reads `bytes`; `None` if they are not laid out as [`PdfJoiner`]
    /// writes them (a file edited by hand, or written by another version).
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
        };
        let tree = pdf.body(JOINED_PAGES.0)?;
        let kids = &tree[find(&tree, b"/Kids[")? + b"/Kids[".len()..];
        let kids = &kids[..find(kids, b"]")?];
        pdf.pages = refs(kids)?.into_iter().map(|(_, n)| n).collect();
        for &n in &pdf.pages {
            *pdf.is_page.get_mut(n as usize)? = true;
        }
        pdf.info = dictionary(&pdf.body(JOINED_INFO.0)?)?;
        Some(pdf)
    }

    /// Its number of pages.
    pub fn pages(&self) -> usize {
        self.pages.len()
    }

    /// The body of object `n` (between `N 0 obj\n` and `\nendobj\n`), if
    /// it is laid out so.
    fn body(&self, n: u32) -> Option<Vec<u8>> {
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

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The references (`N 0 R`) of an object's body, in the order they are
/// written (the order [`collect_refs`] walks a parsed object): the byte range
/// of each number and the number. A stream's data is not looked into.
/// `None` if the body is not PDF syntax as lopdf writes it.
fn refs(body: &[u8]) -> Option<Vec<(Range<usize>, u32)>> {
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

/// Object numbers the joiner keeps for the page tree, catalog and metadata.
const JOINED_PAGES: lopdf::ObjectId = (1, 0);
const JOINED_CATALOG: lopdf::ObjectId = (2, 0);
const JOINED_INFO: lopdf::ObjectId = (3, 0);

impl<W: std::io::Write> PdfJoiner<W> {
    /// Starts a PDF in `out`.
    pub fn new(mut out: W) -> std::io::Result<Self> {
        let header = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
        out.write_all(header)?;
        Ok(Self {
            out,
            pos: header.len() as u64,
            offsets: Vec::new(),
            kids: Vec::new(),
            next: 4,
            meta: None,
            written: HashMap::new(),
            fingerprint: sha2::Digest::new(),
        })
    }

    fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.out.write_all(bytes)?;
        self.pos += bytes.len() as u64;
        Ok(())
    }

    fn object(&mut self, id: lopdf::ObjectId, obj: &lopdf::Object) -> std::io::Result<()> {
        let mut body = Vec::new();
        lopdf::Writer::write_object(&mut body, obj).map_err(std::io::Error::other)?;
        self.body(id.0, &body)
    }

    fn body(&mut self, number: u32, body: &[u8]) -> std::io::Result<()> {
        sha2::Digest::update(&mut self.fingerprint, body);
        self.offsets.push((number, self.pos));
        self.write(format!("{number} 0 obj\n").as_bytes())?;
        self.write(body)?;
        self.write(b"\nendobj\n")
    }

    /// Appends every page of `pdf`; returns how many.
    pub fn push(&mut self, pdf: &[u8]) -> std::io::Result<usize> {
        let doc = lopdf::Document::load_mem(pdf).map_err(std::io::Error::other)?;
        let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
        self.push_doc(&doc, &pages, &mut Shared::default())?;
        Ok(pages.len())
    }

    /// Appends pages `range` (0-based) of a batch, as [`push`](Self::push)
    /// would append the letter [`PdfSplitter::extract`] cuts from it, with
    /// the same bytes; `shared` remembers what earlier pages of the same
    /// batch wrote, so shared fonts are not hashed again.
    pub fn push_pages(
        &mut self,
        batch: &PdfSplitter,
        range: Range<usize>,
        shared: &mut Shared,
    ) -> std::io::Result<()> {
        let pages = batch
            .pages
            .get(range)
            .ok_or_else(|| std::io::Error::other("a page of the batch is missing"))?;
        self.push_doc(&batch.doc, pages, shared)
    }

    /// Appends pages `range` (0-based) of a file this joiner wrote before,
    /// with the same bytes as [`push`](Self::push) of that file would give;
    /// `done` maps its object numbers to the new ones, across calls.
    pub fn push_joined(
        &mut self,
        file: &JoinedPdf,
        range: Range<usize>,
        done: &mut HashMap<u32, u32>,
    ) -> std::io::Result<()> {
        if self.meta.is_none() {
            self.meta = Some(file.info.clone());
        }
        let pages = file
            .pages
            .get(range)
            .ok_or_else(|| std::io::Error::other("a page of the last file is missing"))?;
        for &page in pages {
            let n = self.emit_joined(file, page, done, 0)?;
            self.kids.push((n, 0));
        }
        Ok(())
    }

    /// [`emit`](Self::emit) for an object of a file this joiner wrote.
    fn emit_joined(
        &mut self,
        file: &JoinedPdf,
        number: u32,
        done: &mut HashMap<u32, u32>,
        depth: usize,
    ) -> std::io::Result<u32> {
        // A page's `Parent`: the page tree, which keeps its number.
        if number == JOINED_PAGES.0 {
            return Ok(number);
        }
        if let Some(n) = done.get(&number) {
            return Ok(*n);
        }
        let broken = || std::io::Error::other("the last file is not as it was written");
        if depth > 64 {
            return Err(std::io::Error::other("a PDF part refers to itself"));
        }
        let body = file.body(number).ok_or_else(broken)?;
        let body = body.as_slice();
        let refs = refs(body).ok_or_else(broken)?;
        // A page is numbered before what it refers to: a link on it (a
        // footnote's) may lead back to it.
        let page = file.is_page.get(number as usize) == Some(&true);
        let reserved = page.then(|| {
            let n = self.fresh();
            done.insert(number, n);
            n
        });
        let mut map: HashMap<u32, u32> = HashMap::new();
        for (_, r) in &refs {
            if !map.contains_key(r) {
                let n = self.emit_joined(file, *r, done, depth + 1)?;
                map.insert(*r, n);
            }
        }
        let mut new = Vec::with_capacity(body.len() + 16);
        let mut at = 0;
        for (range, r) in &refs {
            new.extend_from_slice(&body[at..range.start]);
            new.extend_from_slice(map[r].to_string().as_bytes());
            at = range.end;
        }
        new.extend_from_slice(&body[at..]);
        let n = match reserved {
            // A page is never shared.
            Some(n) => {
                self.body(n, &new)?;
                n
            }
            None => self.shared_body(&new)?,
        };
        done.insert(number, n);
        Ok(n)
    }

    fn push_doc(
        &mut self,
        doc: &lopdf::Document,
        pages: &[lopdf::ObjectId],
        shared: &mut Shared,
    ) -> std::io::Result<()> {
        if self.meta.is_none() {
            self.meta = Some(info_of(doc));
        }
        for page in pages {
            let id = self.emit(doc, *page, &mut shared.0, 0)?;
            self.kids.push((id, 0));
        }
        Ok(())
    }

    /// Writes object `id` of `doc` after everything it refers to (each once,
    /// identical objects once in the whole file); returns its new number.
    fn emit(
        &mut self,
        doc: &lopdf::Document,
        id: lopdf::ObjectId,
        done: &mut HashMap<lopdf::ObjectId, u32>,
        depth: usize,
    ) -> std::io::Result<u32> {
        use lopdf::Object;
        if let Some(n) = done.get(&id) {
            return Ok(*n);
        }
        // Pages link back through `Parent`, which is dropped, and through
        // links on them, which find them numbered; anything deeper than this
        // is a cycle the letters and sheets never have.
        if depth > 64 {
            return Err(std::io::Error::other("a PDF part refers to itself"));
        }
        let mut obj = doc
            .get_object(id)
            .map_err(|_| std::io::Error::other("a part of the PDF is missing"))?
            .clone();
        let page = matches!(&obj, Object::Dictionary(d) if d.has_type(b"Page"));
        if let Object::Dictionary(d) = &mut obj {
            d.remove(b"Parent");
            if page {
                drop_signature_widgets(doc, d);
            }
        }
        // A page is numbered before what it refers to: a link on it (a
        // footnote's) may lead back to it.
        let reserved = page.then(|| {
            let n = self.fresh();
            done.insert(id, n);
            n
        });
        let mut refs = Vec::new();
        collect_refs(&obj, &mut refs);
        let mut map = HashMap::new();
        for r in refs {
            if let std::collections::hash_map::Entry::Vacant(slot) = map.entry(r) {
                let n = self.emit(doc, r, done, depth + 1)?;
                slot.insert((n, 0));
            }
        }
        renumber(&mut obj, &map);
        let n = if let Some(n) = reserved {
            // A page is never shared: it has one parent, the page tree.
            if let Object::Dictionary(d) = &mut obj {
                d.set("Parent", Object::Reference(JOINED_PAGES));
            }
            self.object((n, 0), &obj)?;
            n
        } else {
            let mut body = Vec::new();
            lopdf::Writer::write_object(&mut body, &obj).map_err(std::io::Error::other)?;
            self.shared_body(&body)?
        };
        done.insert(id, n);
        Ok(n)
    }

    /// Writes `body` unless an identical object was written; its number.
    fn shared_body(&mut self, body: &[u8]) -> std::io::Result<u32> {
        let key: [u8; 32] = <sha2::Sha256 as sha2::Digest>::digest(body).into();
        if let Some(n) = self.written.get(&key) {
            return Ok(*n);
        }
        let n = self.fresh();
        self.body(n, body)?;
        self.written.insert(key, n);
        Ok(n)
    }

    fn fresh(&mut self) -> u32 {
        let n = self.next;
        self.next += 1;
        n
    }

    /// Writes the page tree, catalog, metadata titled `title` and the
    /// cross-reference table; returns the writer.
    pub fn finish(mut self, title: &str) -> std::io::Result<W> {
        use lopdf::{Dictionary, Object};
        let info = self.meta.take().unwrap_or_default();
        // The identifier: a hash of every object written, so it is the same
        // whenever the same parts are joined.
        let digest = sha2::Digest::finalize(self.fingerprint.clone());
        let half = Object::String(digest[..16].to_vec(), lopdf::StringFormat::Hexadecimal);
        let id = Some(Object::Array(vec![half.clone(), half]));
        let kids: Vec<Object> = self.kids.iter().map(|k| Object::Reference(*k)).collect();
        let mut tree = Dictionary::new();
        tree.set("Type", Object::Name(b"Pages".to_vec()));
        tree.set("Count", Object::Integer(kids.len() as i64));
        tree.set("Kids", Object::Array(kids));
        self.object(JOINED_PAGES, &Object::Dictionary(tree))?;
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", Object::Reference(JOINED_PAGES));
        self.object(JOINED_CATALOG, &Object::Dictionary(catalog))?;
        self.object(JOINED_INFO, &Object::Dictionary(titled(info, title)))?;

        let tail = pdf_tail(
            &self.offsets,
            self.next,
            self.pos,
            JOINED_CATALOG,
            JOINED_INFO,
            id,
        )?;
        self.write(&tail)?;
        Ok(self.out)
    }
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

impl PdfSplitter {
    /// A new PDF made of `pages`, everything they use, and the batch's
    /// metadata with a new title.
    ///
    /// Objects are numbered in the order the pages reach them and the file
    /// identifier is a hash of the title and the pages' contents, so the
    /// bytes depend only on what the pages show, not on where they stood
    /// in the batch.
    fn assemble(&self, pages: &[lopdf::ObjectId], title: &str) -> Option<Vec<u8>> {
        use lopdf::Object;
        let doc = &self.doc;
        let order = reachable(doc, pages)?;
        let n = order.len() as u32;
        let number: HashMap<lopdf::ObjectId, u32> = order
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, i as u32 + 1))
            .collect();
        let (tree, catalog, info) = ((n + 1, 0), (n + 2, 0), (n + 3, 0));
        let map: HashMap<lopdf::ObjectId, lopdf::ObjectId> =
            number.iter().map(|(k, v)| (*k, (*v, 0))).collect();
        let serialise = |obj: &Object| -> Option<Arc<[u8]>> {
            let mut body = Vec::new();
            lopdf::Writer::write_object(&mut body, obj).ok()?;
            Some(Arc::from(body))
        };

        let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets = Vec::with_capacity(order.len() + 3);
        let mut written = self.written.borrow_mut();
        for id in &order {
            let obj = doc.objects.get(id)?;
            let body = if pages.contains(id) {
                let mut page = obj.clone();
                renumber(&mut page, &map);
                // After renumbering: the new parent's number may be an old one.
                if let Object::Dictionary(d) = &mut page {
                    d.set("Parent", Object::Reference(tree));
                }
                serialise(&page)?
            } else {
                let mut refs = Vec::new();
                collect_refs(obj, &mut refs);
                let key = (
                    *id,
                    refs.iter()
                        .map(|r| number.get(r).copied().unwrap_or(0))
                        .collect(),
                );
                match written.get(&key) {
                    Some(body) => body.clone(),
                    None => {
                        let mut copy = obj.clone();
                        renumber(&mut copy, &map);
                        let body = serialise(&copy)?;
                        written.insert(key, body.clone());
                        body
                    }
                }
            };
            offsets.push((number[id], out.len() as u64));
            out.extend_from_slice(format!("{} 0 obj\n", number[id]).as_bytes());
            out.extend_from_slice(&body);
            out.extend_from_slice(b"\nendobj\n");
        }

        let mut tail_objects = |n: lopdf::ObjectId, obj: Object, out: &mut Vec<u8>| -> Option<()> {
            offsets.push((n.0, out.len() as u64));
            out.extend_from_slice(format!("{} 0 obj\n", n.0).as_bytes());
            out.extend_from_slice(&serialise(&obj)?);
            out.extend_from_slice(b"\nendobj\n");
            Some(())
        };
        let mut pages_dict = lopdf::Dictionary::new();
        pages_dict.set("Type", Object::Name(b"Pages".to_vec()));
        pages_dict.set("Count", Object::Integer(pages.len() as i64));
        pages_dict.set(
            "Kids",
            Object::Array(pages.iter().map(|p| Object::Reference(map[p])).collect()),
        );
        tail_objects(tree, Object::Dictionary(pages_dict), &mut out)?;
        let mut catalog_dict = lopdf::Dictionary::new();
        catalog_dict.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog_dict.set("Pages", Object::Reference(tree));
        tail_objects(catalog, Object::Dictionary(catalog_dict), &mut out)?;
        tail_objects(
            info,
            Object::Dictionary(titled(info_of(doc), title)),
            &mut out,
        )?;

        // The identifier: a hash of the title and of what the pages draw
        // (their content streams), which is what tells two letters apart.
        let mut hasher = <sha2::Sha256 as sha2::Digest>::new();
        sha2::Digest::update(&mut hasher, title.as_bytes());
        for page in pages {
            let contents = doc
                .get_dictionary(*page)
                .ok()
                .and_then(|d| d.get(b"Contents").ok())
                .and_then(|c| c.as_reference().ok())
                .and_then(|c| doc.get_object(c).ok())
                .and_then(|c| c.as_stream().ok());
            if let Some(stream) = contents {
                sha2::Digest::update(&mut hasher, &stream.content);
            }
        }
        let digest = sha2::Digest::finalize(hasher);
        let half = Object::String(digest[..16].to_vec(), lopdf::StringFormat::Hexadecimal);
        let id = Object::Array(vec![half.clone(), half]);
        let start = out.len() as u64;
        let tail = pdf_tail(&offsets, n + 4, start, catalog, info, Some(id)).ok()?;
        out.extend_from_slice(&tail);
        Some(out)
    }
}

/// Every object `pages` use, each once, in the order they reach them (the
/// pages' old parent, the whole batch, left out).
/// Takes the widgets of signature fields off a page: a page joined from a
/// signed letter goes into an unsigned file, where they would show a
/// signature's appearance with no signature behind it. Other annotations
/// (a footnote's link) stay; a page without such widgets is untouched.
fn drop_signature_widgets(doc: &lopdf::Document, page: &mut lopdf::Dictionary) {
    use lopdf::Object;
    let resolve = |o: &Object| match o {
        Object::Reference(id) => doc.get_object(*id).ok().cloned(),
        other => Some(other.clone()),
    };
    let Some(Object::Array(annots)) = page.get(b"Annots").ok().and_then(resolve) else {
        return;
    };
    let is_signature = |a: &Object| {
        matches!(resolve(a), Some(Object::Dictionary(d))
            if d.get(b"FT").ok().and_then(|f| f.as_name().ok()) == Some(&b"Sig"[..]))
    };
    if !annots.iter().any(is_signature) {
        return;
    }
    let kept: Vec<Object> = annots.into_iter().filter(|a| !is_signature(a)).collect();
    if kept.is_empty() {
        page.remove(b"Annots");
    } else {
        page.set("Annots", Object::Array(kept));
    }
}

fn reachable(doc: &lopdf::Document, pages: &[lopdf::ObjectId]) -> Option<Vec<lopdf::ObjectId>> {
    let mut seen = std::collections::BTreeSet::new();
    let mut order = Vec::new();
    let mut todo = pages.to_vec();
    while let Some(id) = todo.pop() {
        if !seen.insert(id) {
            continue;
        }
        let obj = doc.objects.get(&id)?;
        match obj {
            // A link to a page not cut out with these (none of a letter's
            // leads out of it): the pages cannot be cut apart here.
            lopdf::Object::Dictionary(d) if d.has_type(b"Page") && !pages.contains(&id) => {
                return None;
            }
            lopdf::Object::Dictionary(d) if pages.contains(&id) => {
                for (k, v) in d.iter() {
                    if k.as_slice() != b"Parent" {
                        collect_refs(v, &mut todo);
                    }
                }
            }
            _ => collect_refs(obj, &mut todo),
        }
        order.push(id);
    }
    Some(order)
}

/// Rewrites every reference inside `obj` through `map`.
fn renumber(obj: &mut lopdf::Object, map: &HashMap<lopdf::ObjectId, lopdf::ObjectId>) {
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
fn collect_refs(obj: &lopdf::Object, out: &mut Vec<lopdf::ObjectId>) {
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
    use super::*;
    use crate::templates::Templates;
    use crate::typeset::{DocOptions, Typesetter, export};
    use chrono::NaiveDate;

    /// A small PDF of `pages` pages of text, as Typst exports it.
    fn pdf(text: &str, pages: usize) -> Vec<u8> {
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
        };
        let document = typesetter
            .compile(&source, &options, &["Liberation Serif".to_string()])
            .expect("it compiles");
        export(&document, options.date, false).expect("it exports")
    }

    fn joined(parts: &[&[u8]]) -> Vec<u8> {
        let mut j = PdfJoiner::new(Vec::new()).expect("a joiner");
        for p in parts {
            j.push(p).expect("a part");
        }
        j.finish("Joined").expect("finished")
    }

    #[test]
    fn a_joined_file_joined_again_from_its_bytes_is_the_same_file() {
        let (a, b, c) = (pdf("Một", 2), pdf("Hai", 1), pdf("Ba", 3));
        let whole = joined(&[&a, &b, &c]);
        let read = JoinedPdf::read(whole.clone()).expect("read as the joiner wrote it");
        assert_eq!(read.pages(), 6);

        // All of it, from the last file.
        let mut again = PdfJoiner::new(Vec::new()).unwrap();
        again.push_joined(&read, 0..6, &mut HashMap::new()).unwrap();
        assert_eq!(again.finish("Joined").unwrap(), whole);

        // The first part from the last file, a new middle part, the rest
        // from the last file: as if joined from the parts themselves.
        let b2 = pdf("Bốn", 1);
        let mut done = HashMap::new();
        let mut mixed = PdfJoiner::new(Vec::new()).unwrap();
        mixed.push_joined(&read, 0..2, &mut done).unwrap();
        mixed.push(&b2).unwrap();
        mixed.push_joined(&read, 3..6, &mut done).unwrap();
        assert_eq!(mixed.finish("Joined").unwrap(), joined(&[&a, &b2, &c]));
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
