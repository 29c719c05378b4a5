//! One PAdES signature as one incremental update of a PDF: the signature
//! dictionary (its `/Contents` a placeholder filled once the bytes around
//! it are hashed), the signature field's widget on its page with its
//! appearance, the page with the widget in its `/Annots`, the catalog with
//! the field in its `/AcroForm`, and a classic cross-reference section
//! whose `/Prev` is the file's last. Nothing before the update changes, so
//! an earlier signature stays valid.

use std::io::Write;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use sha2::{Digest, Sha256};

use super::SignError;

/// The visible part of a signature: where its widget is and what it
/// shows.
#[derive(Debug, Clone)]
pub struct Widget {
    /// The widget's 1-based page of the file and rectangle in PDF user
    /// space (x0, y0, x1, y1: points, bottom left origin). None: an
    /// invisible widget on page 1, as a signature without a place has.
    pub place: Option<(usize, [f64; 4])>,
    /// The appearance: a form XObject's content stream drawn in a box of
    /// the rectangle's size, and the objects its resources name; shared
    /// by every file that shows the same image.
    pub appearance: std::sync::Arc<Appearance>,
}

impl Widget {
    /// An invisible signature: a widget of no size on page 1, drawing
    /// nothing.
    pub fn invisible() -> Self {
        Widget {
            place: None,
            appearance: Default::default(),
        }
    }
}

/// A form XObject for a widget, with the objects it uses (images, fonts),
/// numbered from 1 among themselves; they are renumbered into the file.
#[derive(Debug, Clone, Default)]
pub struct Appearance {
    /// The content stream.
    pub content: Vec<u8>,
    /// The `/Resources` dictionary; references point into `objects`.
    pub resources: Dictionary,
    /// Objects by their id in `objects` (`(n, 0)`).
    pub objects: Vec<(ObjectId, Object)>,
}

/// What the signature dictionary says besides the signature itself.
#[derive(Debug, Clone)]
pub struct SigInfo {
    /// The field's name, unique in the file (`vanban-signer`).
    pub field: String,
    /// The signer's name (`/Name`).
    pub name: String,
    /// Why (`/Reason`), e.g. `Ký ban hành` or `Đóng dấu`.
    pub reason: String,
    /// The signing time, as PDF date text `D:20261201083000+07'00'`.
    pub time: String,
    /// Bytes kept for the DER of the SignedData.
    pub room: usize,
}

/// The file with its update written and the signature's room left as
/// zeros, with where that room is.
pub struct Prepared {
    /// The whole new file.
    pub bytes: Vec<u8>,
    /// Byte offsets of the `<` and after the `>` of `/Contents`.
    contents: (usize, usize),
}

impl Prepared {
    /// SHA-256 of the bytes the signature covers: everything but the
    /// `/Contents` hex string.
    pub fn digest(&self) -> Vec<u8> {
        let mut h = Sha256::new();
        h.update(&self.bytes[..self.contents.0]);
        h.update(&self.bytes[self.contents.1..]);
        h.finalize().to_vec()
    }

    /// Writes the DER of the SignedData into its room.
    pub fn fill(mut self, der: &[u8]) -> Result<Vec<u8>, SignError> {
        let room = (self.contents.1 - self.contents.0 - 2) / 2;
        if der.len() > room {
            return Err(SignError::Encoding(crate::tr!(
                "sign-pdf-no-room",
                size = der.len(),
                room = room
            )));
        }
        let mut at = self.contents.0 + 1;
        for b in der {
            let hex = format!("{b:02X}");
            self.bytes[at..at + 2].copy_from_slice(hex.as_bytes());
            at += 2;
        }
        Ok(self.bytes)
    }
}

fn pdf_error(e: lopdf::Error) -> SignError {
    SignError::Pdf(e.to_string())
}

/// A PDF text string: UTF-16BE with its byte-order mark, as hex.
fn text(s: &str) -> Object {
    let mut bytes = vec![0xfe, 0xff];
    for u in s.encode_utf16() {
        bytes.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn write(out: &mut Vec<u8>, o: &Object) -> Result<(), SignError> {
    lopdf::Writer::write_object(out, o).map_err(|e| SignError::Pdf(e.to_string()))
}

/// The offset after `startxref` at the end of `bytes`: where the last
/// cross-reference section is.
fn last_startxref(bytes: &[u8]) -> Result<usize, SignError> {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    let at = tail
        .windows(9)
        .rposition(|w| w == b"startxref")
        .ok_or_else(|| SignError::Pdf(crate::tr!("sign-pdf-no-startxref")))?;
    let rest = String::from_utf8_lossy(&tail[at + 9..]);
    rest.split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| SignError::Pdf(crate::tr!("sign-pdf-startxref-offset")))
}

fn resolved<'d>(doc: &'d Document, o: &'d Object) -> &'d Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
        other => other,
    }
}

/// Writes the update for one signature with `widget` to the end of
/// `original`, leaving room for the signature.
pub fn prepare(original: &[u8], info: &SigInfo, widget: &Widget) -> Result<Prepared, SignError> {
    let doc = Document::load_mem(original).map_err(pdf_error)?;
    if doc.trailer.get(b"Encrypt").is_ok() {
        return Err(SignError::Pdf(crate::tr!("sign-pdf-encrypted")));
    }
    let prev = last_startxref(original)?;
    let root_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(pdf_error)?;
    let size = doc
        .trailer
        .get(b"Size")
        .and_then(Object::as_i64)
        .map_err(pdf_error)? as u32;
    let pages = doc.get_pages();
    let (page, rect) = widget.place.unwrap_or((1, [0.0; 4]));
    let page_id = *pages.get(&(page as u32)).ok_or_else(|| {
        SignError::Pdf(crate::tr!(
            "sign-pdf-no-page",
            pages = pages.len(),
            page = page
        ))
    })?;

    let mut next = size;
    let mut fresh = || {
        let id = (next, 0);
        next += 1;
        id
    };
    let sig_id = fresh();
    // The field and its one widget, merged in one dictionary.
    let field_id = fresh();
    let ap_id = fresh();
    // The appearance's own objects, renumbered into the file.
    let mut map = std::collections::HashMap::new();
    for (id, _) in &widget.appearance.objects {
        map.insert(*id, fresh());
    }
    let renumber = |o: &Object| {
        let mut o = o.clone();
        crate::pdf::renumber(&mut o, &map);
        o
    };

    let mut out = original.to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let mut offsets: Vec<(u32, usize)> = Vec::new();

    // The signature dictionary, written by hand: its /ByteRange and
    // /Contents are patched in place, so their widths are fixed here.
    offsets.push((sig_id.0, out.len()));
    write!(
        out,
        "{} 0 obj\n<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/ByteRange [0 ",
        sig_id.0
    )
    .map_err(|e| SignError::Pdf(e.to_string()))?;
    let range_at = out.len();
    out.extend_from_slice(&[b' '; 32]);
    out.extend_from_slice(b"]/Contents ");
    let contents_start = out.len();
    out.push(b'<');
    out.extend(std::iter::repeat_n(b'0', info.room * 2));
    out.push(b'>');
    let contents_end = out.len();
    out.extend_from_slice(b"/M ");
    write(&mut out, &Object::string_literal(info.time.as_str()))?;
    out.extend_from_slice(b"/Name ");
    write(&mut out, &text(&info.name))?;
    out.extend_from_slice(b"/Reason ");
    write(&mut out, &text(&info.reason))?;
    out.extend_from_slice(b">>\nendobj\n");

    // The field and its widget: printed (/F 4) and locked (128), so
    // PDF/A accepts it.
    let [x0, y0, x1, y1] = rect;
    let mut w = Dictionary::new();
    w.set("Type", Object::Name(b"Annot".to_vec()));
    w.set("Subtype", Object::Name(b"Widget".to_vec()));
    w.set("FT", Object::Name(b"Sig".to_vec()));
    w.set("T", text(&info.field));
    w.set("V", Object::Reference(sig_id));
    w.set("P", Object::Reference(page_id));
    w.set(
        "Rect",
        Object::Array(vec![x0.into(), y0.into(), x1.into(), y1.into()]),
    );
    w.set("F", Object::Integer(132));
    let mut ap = Dictionary::new();
    ap.set("N", Object::Reference(ap_id));
    w.set("AP", Object::Dictionary(ap));
    let mut objects: Vec<(ObjectId, Object)> = vec![(field_id, Object::Dictionary(w))];

    let mut form = Dictionary::new();
    form.set("Type", Object::Name(b"XObject".to_vec()));
    form.set("Subtype", Object::Name(b"Form".to_vec()));
    form.set(
        "BBox",
        Object::Array(vec![0.into(), 0.into(), (x1 - x0).into(), (y1 - y0).into()]),
    );
    form.set(
        "Resources",
        renumber(&Object::Dictionary(widget.appearance.resources.clone())),
    );
    objects.push((
        ap_id,
        Object::Stream(Stream::new(form, widget.appearance.content.clone())),
    ));
    for (id, o) in &widget.appearance.objects {
        objects.push((map[id], renumber(o)));
    }

    // The page, with the widget among its annotations.
    let mut page = doc.get_dictionary(page_id).map_err(pdf_error)?.clone();
    let mut annots = match page.get(b"Annots") {
        Ok(a) => resolved(&doc, a).as_array().map_err(pdf_error)?.clone(),
        Err(_) => Vec::new(),
    };
    annots.push(Object::Reference(field_id));
    page.set("Annots", Object::Array(annots));
    objects.push((page_id, Object::Dictionary(page)));

    // The catalog, with the field in its form.
    let mut catalog = doc.get_dictionary(root_id).map_err(pdf_error)?.clone();
    let mut form = match catalog.get(b"AcroForm") {
        Ok(f) => resolved(&doc, f).as_dict().map_err(pdf_error)?.clone(),
        Err(_) => Dictionary::new(),
    };
    let mut fields = match form.get(b"Fields") {
        Ok(f) => resolved(&doc, f).as_array().map_err(pdf_error)?.clone(),
        Err(_) => Vec::new(),
    };
    fields.push(Object::Reference(field_id));
    form.set("Fields", Object::Array(fields));
    // SignaturesExist | AppendOnly.
    form.set("SigFlags", Object::Integer(3));
    catalog.set("AcroForm", Object::Dictionary(form));
    objects.push((root_id, Object::Dictionary(catalog)));

    for (id, o) in &objects {
        offsets.push((id.0, out.len()));
        writeln!(out, "{} {} obj", id.0, id.1).map_err(|e| SignError::Pdf(e.to_string()))?;
        write(&mut out, o)?;
        out.extend_from_slice(b"\nendobj\n");
    }

    // The cross-reference section: one subsection per object, in order.
    offsets.sort_unstable();
    let xref_at = out.len();
    out.extend_from_slice(b"xref\n");
    for (id, at) in &offsets {
        let generation = objects
            .iter()
            .find(|(o, _)| o.0 == *id)
            .map_or(0, |(o, _)| o.1);
        write!(out, "{id} 1\n{at:010} {generation:05} n\r\n")
            .map_err(|e| SignError::Pdf(e.to_string()))?;
    }
    let mut trailer = Dictionary::new();
    trailer.set("Size", Object::Integer(i64::from(next)));
    trailer.set("Root", Object::Reference(root_id));
    for key in [&b"Info"[..], b"ID"] {
        if let Ok(v) = doc.trailer.get(key) {
            trailer.set(key, v.clone());
        }
    }
    trailer.set("Prev", Object::Integer(prev as i64));
    out.extend_from_slice(b"trailer\n");
    write(&mut out, &Object::Dictionary(trailer))?;
    write!(out, "\nstartxref\n{xref_at}\n%%EOF\n").map_err(|e| SignError::Pdf(e.to_string()))?;

    // The byte range: all but the /Contents string, fixed width.
    let range = format!(
        "{} {} {}",
        contents_start,
        contents_end,
        out.len() - contents_end
    );
    if range.len() > 32 {
        return Err(SignError::Pdf(crate::tr!("sign-pdf-too-large")));
    }
    out[range_at..range_at + range.len()].copy_from_slice(range.as_bytes());
    Ok(Prepared {
        bytes: out,
        contents: (contents_start, contents_end),
    })
}
