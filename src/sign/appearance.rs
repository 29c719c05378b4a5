//! A signature widget's appearance, drawn by Typst: a one-page document of
//! the widget's size (the signer's image fitted in it, or the seal at its
//! real size) compiled through the same sandboxed world as every document,
//! exported to PDF, and its page taken as a form XObject — so an image
//! goes through Typst's decoding and colour handling (ICC-based, as
//! PDF/A wants), never through a hand-written image writer.

use std::collections::HashMap;
use std::sync::Arc;

use lopdf::{Document, Object, ObjectId};

use super::SignError;
use super::pdf::Appearance;
use crate::error::Error;
use crate::typeset::{DocOptions, Typesetter};

/// The appearances of a signing run, each drawn once: a print file shows
/// the same signature as each of its letters.
pub struct Appearances {
    typesetter: Typesetter,
    date: chrono::NaiveDate,
    drawn: HashMap<(String, u64, u64, bool), Arc<Appearance>>,
}

impl Appearances {
    /// A typesetter with the built-in layout and fonts, for the images.
    pub fn new(date: chrono::NaiveDate) -> Result<Self, Error> {
        Ok(Appearances {
            typesetter: Typesetter::new(&crate::templates::Templates::new(None), &[])?,
            date,
            drawn: HashMap::new(),
        })
    }

    /// The PNG at `path`, whose SHA-256 the build recorded as `sha256`,
    /// filling a box of `w` × `h` points: drawn by Typst (the image read
    /// through the world under its hash, as the build served it), as
    /// PDF/A-2b for a PDF/A file.
    pub fn image(
        &mut self,
        path: &str,
        sha256: &str,
        w: f64,
        h: f64,
        pdfa: bool,
    ) -> Result<Arc<Appearance>, Error> {
        // Sizes to a hundredth of a point: the same box, the same drawing.
        let key = (
            sha256.to_string(),
            (w * 100.0).round() as u64,
            (h * 100.0).round() as u64,
            pdfa,
        );
        if let Some(a) = self.drawn.get(&key) {
            return Ok(a.clone());
        }
        let bytes = std::fs::read(path).map_err(|source| Error::Read {
            path: path.into(),
            source,
        })?;
        if crate::output::sha256_hex(&bytes) != sha256 {
            return Err(Error::Problems(vec![
                crate::error::Problem::error(crate::tr!("sign-image-changed", path = path))
                    .hint(crate::tr!("sign-hint-image-changed")),
            ]));
        }
        let virtual_path = format!("/vanban/images/{sha256}.png");
        self.typesetter
            .serve([(virtual_path.clone(), Arc::<[u8]>::from(bytes))]);
        let mut source = String::new();
        use std::fmt::Write;
        let _ = write!(
            source,
            "#set page(width: {w}pt, height: {h}pt, margin: 0pt)\n#image("
        );
        crate::render::string_literal(&mut source, &virtual_path);
        source.push_str(", width: 100%, height: 100%, fit: \"contain\")\n");
        self.draw(key, &source, &[], pdfa)
    }

    /// Compiles `source` (one page, the appearance), takes its page as the
    /// appearance and keeps it under `key`.
    fn draw(
        &mut self,
        key: (String, u64, u64, bool),
        source: &str,
        fonts: &[String],
        pdfa: bool,
    ) -> Result<Arc<Appearance>, Error> {
        let options = DocOptions {
            date: self.date,
            source_name: crate::tr!("sign-appearance-source"),
            data: None,
            pdfa,
        };
        let document = self.typesetter.compile(source, &options, fonts)?;
        let pdf = crate::typeset::export(&document, &options, false)?;
        let drawn = Arc::new(from_page(&pdf).map_err(Error::from)?);
        self.drawn.insert(key, drawn.clone());
        Ok(drawn)
    }
}

fn pdf_error(e: lopdf::Error) -> SignError {
    SignError::Pdf(crate::tr!("sign-appearance", reason = e.to_string()))
}

impl Appearances {
    /// `lines` of text in `size` points, black, upright, right-aligned at
    /// the top of a box of `w` × `h` points: the organisation's signature
    /// on a copy (NĐ 30 Phụ lục I II.8.b). Each line reaches Typst as a
    /// string literal.
    pub fn text(
        &mut self,
        lines: &[String],
        size: f64,
        w: f64,
        h: f64,
        pdfa: bool,
    ) -> Result<Arc<Appearance>, Error> {
        let key = (
            lines.join("\n"),
            (w * 100.0).round() as u64,
            (h * 100.0).round() as u64 * 1000 + (size * 10.0).round() as u64,
            pdfa,
        );
        if let Some(a) = self.drawn.get(&key) {
            return Ok(a.clone());
        }
        use std::fmt::Write;
        let mut source = String::new();
        let fonts = ["Liberation Serif".to_string()];
        let _ = write!(
            source,
            "#set page(width: {w}pt, height: {h}pt, margin: 0pt)\n#set text(font: \"{}\", size: {size}pt, fill: black)\n#set par(leading: 0.3em, spacing: 0.3em, justify: false)\n#align(right + top)[",
            fonts[0]
        );
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                source.push_str(" #linebreak() ");
            }
            source.push('#');
            crate::render::string_literal(&mut source, line);
        }
        source.push_str("]\n");
        self.draw(key, &source, &fonts, pdfa)
    }
}

/// Page 1 of `pdf` as an appearance: its content stream, its resources,
/// and every object they reach, numbered from 1 among themselves.
pub fn from_page(pdf: &[u8]) -> Result<Appearance, SignError> {
    let doc = Document::load_mem(pdf).map_err(pdf_error)?;
    let page = *doc
        .get_pages()
        .get(&1)
        .ok_or_else(|| SignError::Pdf(crate::tr!("sign-appearance-no-page")))?;
    let content = doc.get_page_content(page);
    let dict = doc.get_dictionary(page).map_err(pdf_error)?;
    let resources = match dict.get(b"Resources") {
        Ok(Object::Reference(id)) => doc.get_dictionary(*id).map_err(pdf_error)?.clone(),
        Ok(Object::Dictionary(d)) => d.clone(),
        _ => lopdf::Dictionary::new(),
    };
    // Every object the resources reach, in the order first met.
    let mut order: Vec<ObjectId> = Vec::new();
    let mut seen: HashMap<ObjectId, ObjectId> = HashMap::new();
    let mut todo: Vec<ObjectId> = Vec::new();
    crate::pdf::collect_refs(&Object::Dictionary(resources.clone()), &mut todo);
    while let Some(id) = todo.pop() {
        if seen.contains_key(&id) {
            continue;
        }
        seen.insert(id, (order.len() as u32 + 1, 0));
        order.push(id);
        let o = doc.get_object(id).map_err(pdf_error)?;
        crate::pdf::collect_refs(o, &mut todo);
    }
    let objects = order
        .iter()
        .map(|id| {
            let o = doc.get_object(*id).map_err(pdf_error)?;
            let mut o = o.clone();
            crate::pdf::renumber(&mut o, &seen);
            Ok((seen[id], o))
        })
        .collect::<Result<Vec<_>, SignError>>()?;
    let mut resources = Object::Dictionary(resources);
    crate::pdf::renumber(&mut resources, &seen);
    let Object::Dictionary(resources) = resources else {
        unreachable!("a dictionary renumbered is a dictionary");
    };
    Ok(Appearance {
        content,
        resources,
        objects,
    })
}
