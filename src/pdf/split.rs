//! [`PdfSplitter`]: single letters cut out of a batch PDF.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use super::pdfa::Archive;
use super::{collect_refs, info_of, pdf_tail, renumber, titled};

/// Cuts single letters out of a batch PDF, keeping the font subsets the
/// batch shares: much cheaper than exporting each letter from Typst.
pub struct PdfSplitter {
    pub(super) doc: lopdf::Document,
    /// Its pages in order (walking the page tree once, not per letter).
    pub(super) pages: Vec<lopdf::ObjectId>,
    /// Objects already written for a letter, by their number in the batch
    /// and the new numbers of what they refer to: the fonts every letter
    /// of the batch shares are serialised once, not once per letter.
    written: std::cell::RefCell<HashMap<WrittenKey, Arc<[u8]>>>,
    /// What the batch claims of PDF/A and the catalog entries that go with
    /// the claim, which every letter cut from it keeps; `None` for a batch
    /// that is not PDF/A.
    pub(super) archive: Option<Archive>,
}

/// An object of a batch, and the new numbers of the objects it refers to.
type WrittenKey = (lopdf::ObjectId, Vec<u32>);

impl PdfSplitter {
    /// Parses a PDF written by [`crate::typeset::export`]; `None` if it cannot.
    pub fn new(pdf: &[u8]) -> Option<Self> {
        let doc = lopdf::Document::load_mem(pdf).ok()?;
        let pages = doc.get_pages().into_values().collect();
        let archive = Archive::of_doc(&doc);
        Some(Self {
            doc,
            pages,
            written: Default::default(),
            archive,
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

impl PdfSplitter {
    /// A new PDF made of `pages`, everything they use, and the batch's
    /// metadata with a new title. Cut from a PDF/A batch, it is PDF/A too:
    /// it keeps the batch's output intents (and their ICC profile, copied
    /// after what the pages use), language and viewer preferences, and
    /// gets an XMP of its own that says what its document information says.
    ///
    /// Objects are numbered in the order the pages reach them and the file
    /// identifier is a hash of the title and the pages' contents, so the
    /// bytes depend only on what the pages show, not on where they stood
    /// in the batch.
    fn assemble(&self, pages: &[lopdf::ObjectId], title: &str) -> Option<Vec<u8>> {
        use lopdf::Object;
        let doc = &self.doc;
        let archive = self.archive.as_ref();
        let order = reachable(doc, pages, &archive.map(Archive::refs).unwrap_or_default())?;
        let n = order.len() as u32;
        let number: HashMap<lopdf::ObjectId, u32> = order
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, i as u32 + 1))
            .collect();
        let (tree, catalog, info) = ((n + 1, 0), (n + 2, 0), (n + 3, 0));
        // The XMP of a PDF/A file comes last.
        let metadata = (n + 4, 0);
        let size = n + 4 + u32::from(archive.is_some());
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

        let info_dict = titled(info_of(doc), title);
        let catalog_dict = match archive {
            Some(archive) => {
                let mut kept = archive.clone();
                for (_, value) in &mut kept.carried {
                    renumber(value, &map);
                }
                kept.catalog(tree, metadata)
            }
            None => {
                let mut catalog_dict = lopdf::Dictionary::new();
                catalog_dict.set("Type", Object::Name(b"Catalog".to_vec()));
                catalog_dict.set("Pages", Object::Reference(tree));
                catalog_dict
            }
        };
        let xmp = match archive {
            Some(archive) => Some(archive.metadata(&info_dict, pages.len(), &digest)?),
            None => None,
        };
        tail_objects(catalog, Object::Dictionary(catalog_dict), &mut out)?;
        tail_objects(info, Object::Dictionary(info_dict), &mut out)?;
        if let Some(xmp) = xmp {
            tail_objects(metadata, xmp, &mut out)?;
        }

        let half = Object::String(digest[..16].to_vec(), lopdf::StringFormat::Hexadecimal);
        let id = Object::Array(vec![half.clone(), half]);
        let start = out.len() as u64;
        let tail = pdf_tail(&offsets, size, start, catalog, info, Some(id)).ok()?;
        out.extend_from_slice(&tail);
        Some(out)
    }
}

/// Every object `pages` use, each once, in the order they reach them (the
/// pages' old parent, the whole batch, left out), then what the objects
/// `also` use that the pages did not (a PDF/A file's ICC profile).
fn reachable(
    doc: &lopdf::Document,
    pages: &[lopdf::ObjectId],
    also: &[lopdf::ObjectId],
) -> Option<Vec<lopdf::ObjectId>> {
    let mut seen = std::collections::BTreeSet::new();
    let mut order = Vec::new();
    // A stack: `also` under the pages, so reached after everything they use.
    let mut todo: Vec<lopdf::ObjectId> = also.iter().rev().chain(pages).copied().collect();
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
