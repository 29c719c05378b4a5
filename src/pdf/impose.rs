//! Two A5 letters on one A4 sheet: a [`PdfJoiner`] made with
//! [`PdfJoiner::two_up`] lays each letter's page, at its real size, in one
//! half of an A4 landscape sheet, in the order the letters come (sheet 1
//! holds letters 1 and 2, sheet 2 letters 3 and 4, …), so that one cut
//! down the middle of the printed stack gives the letters.
//!
//! Each letter's page becomes a form XObject (its content stream and
//! resources, its media box as the form's bounding box), and a sheet is a
//! page that draws its two forms, each moved by a `cm` to the middle of
//! its half: nothing is scaled, so the paper letter is the letter's own
//! PDF. The forms' resources go through the joiner like any part's
//! objects, so the fonts every letter shares are written once in the
//! whole file, and identical sheets' drawing is one stream.

use std::collections::HashMap;

use lopdf::{Dictionary, Object, Stream};

use super::{JOINED_PAGES, PdfJoiner, collect_refs, renumber};

/// A4 landscape, in points: 297 × 210 mm.
pub const SHEET: (f64, f64) = (297.0 / 25.4 * 72.0, 210.0 / 25.4 * 72.0);

/// Where the cut goes: the middle of the sheet, in points from its left.
pub const CUT_X: f64 = SHEET.0 / 2.0;

/// How a two-up joiner lays its letters: the cut line, and the letter
/// waiting for a right-hand neighbour.
pub(super) struct TwoUp {
    cut_line: bool,
    /// The left half of the sheet being made: its form and where it goes.
    left: Option<Form>,
    /// Where the last letter went.
    placed: Option<Placed>,
}

/// A letter's page, written as a form XObject.
#[derive(Clone, Copy)]
struct Form {
    number: u32,
    /// The translation that puts it in its half.
    at: (f64, f64),
}

/// Where a letter went on a two-up print file: its sheet and how far its
/// page's user space moved on it (a point `(x, y)` of the letter's page is
/// `(x + dx, y + dy)` on the sheet).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    /// The sheet, from 1.
    pub sheet: usize,
    /// How far right.
    pub dx: f64,
    /// How far up.
    pub dy: f64,
}

/// Why a part cannot be laid on a two-up sheet: it is not one page, but
/// this many. (Carried inside the `std::io::Error` the joiner returns, so
/// the build can say which letter it was.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotOnePage(pub usize);

impl std::fmt::Display for NotOnePage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "a part of {} pages cannot be laid on half a sheet",
            self.0
        )
    }
}

impl std::error::Error for NotOnePage {}

impl NotOnePage {
    /// The pages of the part that `e` refused, if that is why it failed.
    pub fn of(e: &std::io::Error) -> Option<usize> {
        e.get_ref()
            .and_then(|inner| inner.downcast_ref::<NotOnePage>())
            .map(|n| n.0)
    }
}

impl<W: std::io::Write> PdfJoiner<W> {
    /// Starts a two-up PDF in `out`: each part pushed must be one page no
    /// larger than half an A4 landscape sheet (an A5 letter); two of them
    /// go side by side on each sheet, and `cut_line` draws a thin dashed
    /// grey line down its middle. Parts are pushed as to [`PdfJoiner::new`]'s
    /// file (from their own PDF or from their batch), with the same bytes
    /// either way.
    pub fn two_up(out: W, cut_line: bool) -> std::io::Result<Self> {
        let mut joiner = Self::new(out)?;
        joiner.two_up = Some(TwoUp {
            cut_line,
            left: None,
            placed: None,
        });
        Ok(joiner)
    }

    /// Where the last part pushed went, if this is a two-up joiner.
    pub fn placed(&self) -> Option<Placed> {
        self.two_up.as_ref().and_then(|t| t.placed)
    }

    /// Lays page `id` of `doc` in the next free half.
    pub(super) fn impose(
        &mut self,
        doc: &lopdf::Document,
        id: lopdf::ObjectId,
        done: &mut HashMap<lopdf::ObjectId, u32>,
    ) -> std::io::Result<()> {
        let missing = || std::io::Error::other(crate::tr!("pdf-part-missing"));
        let page = doc.get_dictionary(id).map_err(|_| missing())?;
        let resolve = |o: &Object| match o {
            Object::Reference(r) => doc.get_object(*r).ok().cloned(),
            other => Some(other.clone()),
        };
        let number = |o: &Object| o.as_float().ok().map(f64::from);
        let media: Vec<f64> = match page.get(b"MediaBox").ok().and_then(resolve) {
            Some(Object::Array(a)) => a
                .iter()
                .filter_map(resolve)
                .filter_map(|o| number(&o))
                .collect(),
            _ => Vec::new(),
        };
        let [x0, y0, x1, y1] = media[..] else {
            return Err(std::io::Error::other(crate::tr!("print-no-media-box")));
        };
        let (w, h) = (x1 - x0, y1 - y0);
        let half = SHEET.0 / 2.0;
        // A hundredth of a point of slack: A5 is a millimetre narrower
        // than half of A4, and a page written in single precision may
        // differ from its size in the last digit.
        if w > half + 0.01 || h > SHEET.1 + 0.01 {
            return Err(std::io::Error::other(crate::tr!(
                "print-page-too-large",
                width = format!("{w:.2}"),
                height = format!("{h:.2}")
            )));
        }

        // The page's drawing, as it is: one stream keeps its bytes and
        // filter; several are joined into one, unfiltered.
        let (mut form, content) = match page.get(b"Contents").ok().and_then(resolve) {
            Some(Object::Stream(s)) => {
                let mut d = Dictionary::new();
                for key in [&b"Filter"[..], b"DecodeParms"] {
                    if let Ok(v) = s.dict.get(key) {
                        d.set(key, v.clone());
                    }
                }
                (d, s.content)
            }
            Some(Object::Array(parts)) => {
                let mut data = Vec::new();
                for p in &parts {
                    let Some(Object::Stream(s)) = resolve(p) else {
                        return Err(missing());
                    };
                    data.extend(s.decompressed_content().unwrap_or(s.content));
                    data.push(b'\n');
                }
                (Dictionary::new(), data)
            }
            _ => (Dictionary::new(), Vec::new()),
        };
        form.set("Type", Object::Name(b"XObject".to_vec()));
        form.set("Subtype", Object::Name(b"Form".to_vec()));
        form.set(
            "BBox",
            Object::Array(media.iter().map(|&v| Object::Real(v as f32)).collect()),
        );
        // A page is a transparency group of its own when it says so: the
        // form stays one.
        for key in [&b"Resources"[..], b"Group"] {
            if let Ok(v) = page.get(key) {
                form.set(key, v.clone());
            }
        }
        let mut form = Object::Stream(Stream::new(form, content));
        let mut refs = Vec::new();
        collect_refs(&form, &mut refs);
        let mut map = HashMap::new();
        for r in refs {
            if let std::collections::hash_map::Entry::Vacant(slot) = map.entry(r) {
                let n = self.emit(doc, r, done, 1)?;
                slot.insert((n, 0));
            }
        }
        renumber(&mut form, &map);
        let mut body = Vec::new();
        lopdf::Writer::write_object(&mut body, &form).map_err(std::io::Error::other)?;
        // Two identical letters may share their form: a form is drawn,
        // never changed.
        let number = self.shared_body(&body)?;

        let side = usize::from(self.two_up.as_ref().is_some_and(|t| t.left.is_some()));
        let at = (
            side as f64 * half + (half - w) / 2.0 - x0,
            (SHEET.1 - h) / 2.0 - y0,
        );
        let form = Form { number, at };
        let sheet = self.kids.len() + 1;
        let state = self.two_up.as_mut().expect("a two-up joiner");
        state.placed = Some(Placed {
            sheet,
            dx: at.0,
            dy: at.1,
        });
        match state.left.take() {
            None => state.left = Some(form),
            Some(left) => self.sheet(left, Some(form))?,
        }
        Ok(())
    }

    /// Writes the sheet page that draws `left` and `right`.
    fn sheet(&mut self, left: Form, right: Option<Form>) -> std::io::Result<()> {
        let cut_line = self.two_up.as_ref().is_some_and(|t| t.cut_line);
        let mut draw = String::new();
        let mut xobjects = Dictionary::new();
        for (name, form) in [("L", Some(left)), ("R", right)] {
            let Some(form) = form else { continue };
            draw.push_str(&format!(
                "q 1 0 0 1 {} {} cm /{name} Do Q\n",
                real(form.at.0),
                real(form.at.1)
            ));
            xobjects.set(name, Object::Reference((form.number, 0)));
        }
        if cut_line {
            // Light grey, thin and dashed: seen to cut along, faint once
            // cut. DeviceRGB, which a PDF/A file with an sRGB output
            // intent may use.
            draw.push_str(&format!(
                "q 0.6 0.6 0.6 RG 0.3 w [3 3] 0 d {x} 0 m {x} {h} l S Q\n",
                x = real(CUT_X),
                h = real(SHEET.1)
            ));
        }
        // Every full sheet draws the same: one stream for all of them.
        let stream = Object::Stream(Stream::new(Dictionary::new(), draw.into_bytes()));
        let mut body = Vec::new();
        lopdf::Writer::write_object(&mut body, &stream).map_err(std::io::Error::other)?;
        let contents = self.shared_body(&body)?;

        let mut resources = Dictionary::new();
        resources.set("XObject", Object::Dictionary(xobjects));
        let mut page = Dictionary::new();
        page.set("Type", Object::Name(b"Page".to_vec()));
        page.set("Parent", Object::Reference(JOINED_PAGES));
        page.set(
            "MediaBox",
            Object::Array(vec![
                Object::Integer(0),
                Object::Integer(0),
                Object::Real(SHEET.0 as f32),
                Object::Real(SHEET.1 as f32),
            ]),
        );
        page.set("Resources", Object::Dictionary(resources));
        page.set("Contents", Object::Reference((contents, 0)));
        let n = self.fresh();
        self.object((n, 0), &Object::Dictionary(page))?;
        self.kids.push((n, 0));
        Ok(())
    }

    /// Writes the last sheet if it has only its left half.
    pub(super) fn finish_two_up(&mut self) -> std::io::Result<()> {
        if let Some(left) = self.two_up.as_mut().and_then(|t| t.left.take()) {
            self.sheet(left, None)?;
        }
        Ok(())
    }
}

/// `v` in PDF syntax, to a ten-thousandth of a point (far below what a
/// printer places): the same text for the same value on every machine.
fn real(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

#[cfg(test)]
mod tests {
    use super::real;

    #[test]
    fn numbers_are_written_short_and_exact_to_a_ten_thousandth() {
        assert_eq!(real(0.708_661), "0.7087");
        assert_eq!(real(420.944_88), "420.9449");
        assert_eq!(real(0.0), "0");
        assert_eq!(real(-0.000_01), "0");
        assert_eq!(real(12.5), "12.5");
    }
}
