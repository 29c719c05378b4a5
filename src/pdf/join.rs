//! [`PdfJoiner`]: parts joined into one PDF as they come, with what they
//! share written once.

use std::collections::HashMap;
use std::ops::Range;

use super::impose::{NotOnePage, TwoUp};
use super::joined::refs;
use super::pdfa::Archive;
use super::{
    JOINED_CATALOG, JOINED_INFO, JOINED_PAGES, JoinedPdf, PdfSplitter, collect_refs, info_of,
    pdf_tail, renumber, titled,
};

/// Joins PDFs (letters, or parts of a long sheet) into one file, part by
/// part: each part's objects are written out as soon as it arrives, so
/// memory holds one part and the cross-reference offsets, however long the
/// print file. An object identical to one already written (the fonts every
/// letter of an event shares) is written once and referred to after that,
/// so a print file of 300 letters carries its fonts once, and its bytes
/// depend only on the parts joined.
///
/// Parts that are PDF/A make a PDF/A file: it keeps the first part's output
/// intents (with their ICC profile), language and viewer preferences, and
/// gets an XMP of its own that says what its document information says.
/// Parts that are not cannot be joined with parts that are.
pub struct PdfJoiner<W: std::io::Write> {
    out: W,
    /// Bytes written so far (object offsets for the cross-reference table).
    pos: u64,
    offsets: Vec<(u32, u64)>,
    pub(super) kids: Vec<lopdf::ObjectId>,
    next: u32,
    meta: Option<lopdf::Dictionary>,
    /// The first part's PDF/A claim and catalog entries, renumbered into
    /// this file (its ICC profile written); `None` if it is not PDF/A.
    archive: Option<Archive>,
    /// SHA-256 of each object written (references already renumbered) → its number.
    written: HashMap<[u8; 32], u32>,
    /// Hash of everything written, for the file identifier.
    fingerprint: sha2::Sha256,
    /// For a two-up file ([`PdfJoiner::two_up`]), how its sheets are being laid.
    pub(super) two_up: Option<TwoUp>,
}

/// What a [`PdfJoiner`] has written of one batch: its object numbers → the
/// numbers in the joined file.
#[derive(Default)]
pub struct Shared(HashMap<lopdf::ObjectId, u32>);

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
            archive: None,
            written: HashMap::new(),
            fingerprint: sha2::Digest::new(),
            two_up: None,
        })
    }

    fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.out.write_all(bytes)?;
        self.pos += bytes.len() as u64;
        Ok(())
    }

    pub(super) fn object(
        &mut self,
        id: lopdf::ObjectId,
        obj: &lopdf::Object,
    ) -> std::io::Result<()> {
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
        let archive = Archive::of_doc(&doc);
        self.push_doc(&doc, &pages, archive.as_ref(), &mut Shared::default())?;
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
            .ok_or_else(|| std::io::Error::other(crate::tr!("pdf-batch-page-missing")))?;
        self.push_doc(&batch.doc, pages, batch.archive.as_ref(), shared)
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
        // A file this joiner wrote holds pages, not the letters a two-up
        // sheet is laid from.
        if self.two_up.is_some() {
            return Err(std::io::Error::other(
                "a two-up file is laid from the letters, not from a joined file",
            ));
        }
        self.begin(
            || file.info.clone(),
            file.archive.as_ref(),
            |joiner, id| joiner.emit_joined(file, id.0, done, 0),
        )?;
        let pages = file
            .pages
            .get(range)
            .ok_or_else(|| std::io::Error::other(crate::tr!("pdf-old-page-missing")))?;
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
        let broken = || std::io::Error::other(crate::tr!("pdf-old-file-changed"));
        if depth > 64 {
            return Err(std::io::Error::other(crate::tr!("pdf-part-loop")));
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

    /// Takes the document information of the first part (`info`) and its
    /// PDF/A claim and catalog entries (`archive`), writing what those refer
    /// to with `emit` (before its pages, wherever the part comes from, so a
    /// file joined from the last file's pages has the same bytes as one
    /// joined from the letters). Refuses a later part that is not PDF/A
    /// of the same kind as the first: the file would claim what it is not.
    fn begin(
        &mut self,
        info: impl FnOnce() -> lopdf::Dictionary,
        archive: Option<&Archive>,
        mut emit: impl FnMut(&mut Self, lopdf::ObjectId) -> std::io::Result<u32>,
    ) -> std::io::Result<()> {
        if self.meta.is_some() {
            if self.archive.as_ref().map(|a| &a.claim) != archive.map(|a| &a.claim) {
                return Err(std::io::Error::other(crate::tr!("pdf-pdfa-mixed")));
            }
            return Ok(());
        }
        self.meta = Some(info());
        if let Some(archive) = archive {
            let mut map = HashMap::new();
            for r in archive.refs() {
                if let std::collections::hash_map::Entry::Vacant(slot) = map.entry(r) {
                    slot.insert((emit(self, r)?, 0));
                }
            }
            let mut kept = archive.clone();
            for (_, value) in &mut kept.carried {
                renumber(value, &map);
            }
            self.archive = Some(kept);
        }
        Ok(())
    }

    fn push_doc(
        &mut self,
        doc: &lopdf::Document,
        pages: &[lopdf::ObjectId],
        archive: Option<&Archive>,
        shared: &mut Shared,
    ) -> std::io::Result<()> {
        // Checked before anything of the part is written.
        if self.two_up.is_some() && pages.len() != 1 {
            return Err(std::io::Error::other(NotOnePage(pages.len())));
        }
        self.begin(
            || info_of(doc),
            archive,
            |joiner, id| joiner.emit(doc, id, &mut shared.0, 0),
        )?;
        if self.two_up.is_some() {
            return pages
                .iter()
                .try_for_each(|page| self.impose(doc, *page, &mut shared.0));
        }
        for page in pages {
            let id = self.emit(doc, *page, &mut shared.0, 0)?;
            self.kids.push((id, 0));
        }
        Ok(())
    }

    /// Writes object `id` of `doc` after everything it refers to (each once,
    /// identical objects once in the whole file); returns its new number.
    pub(super) fn emit(
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
            return Err(std::io::Error::other(crate::tr!("pdf-part-loop")));
        }
        let mut obj = doc
            .get_object(id)
            .map_err(|_| std::io::Error::other(crate::tr!("pdf-part-missing")))?
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
    pub(super) fn shared_body(&mut self, body: &[u8]) -> std::io::Result<u32> {
        let key: [u8; 32] = <sha2::Sha256 as sha2::Digest>::digest(body).into();
        if let Some(n) = self.written.get(&key) {
            return Ok(*n);
        }
        let n = self.fresh();
        self.body(n, body)?;
        self.written.insert(key, n);
        Ok(n)
    }

    pub(super) fn fresh(&mut self) -> u32 {
        let n = self.next;
        self.next += 1;
        n
    }

    /// Writes the page tree, catalog, metadata titled `title` (and, for
    /// PDF/A parts, the XMP) and the cross-reference table; returns the
    /// writer.
    pub fn finish(mut self, title: &str) -> std::io::Result<W> {
        use lopdf::{Dictionary, Object};
        self.finish_two_up()?;
        let info = titled(self.meta.take().unwrap_or_default(), title);
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
        let catalog = match self.archive.take() {
            Some(archive) => {
                let xmp = archive
                    .metadata(&info, self.kids.len(), &digest)
                    .ok_or_else(|| std::io::Error::other(crate::tr!("pdf-pdfa-info")))?;
                let n = self.fresh();
                self.object((n, 0), &xmp)?;
                archive.catalog(JOINED_PAGES, (n, 0))
            }
            None => {
                let mut catalog = Dictionary::new();
                catalog.set("Type", Object::Name(b"Catalog".to_vec()));
                catalog.set("Pages", Object::Reference(JOINED_PAGES));
                catalog
            }
        };
        self.object(JOINED_CATALOG, &Object::Dictionary(catalog))?;
        self.object(JOINED_INFO, &Object::Dictionary(info))?;

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
