//! The rectangles `vanban sign` draws the signature and seal images in,
//! read from a laid-out document: the layout records each one as
//! `<vanban-sign-box>` metadata where it measured it (`sign-boxes` in
//! `layout/vanban.typ`), drawing nothing, and the manifest gives them
//! per output file, in PDF user space.

use std::ops::Range;

use serde::Deserialize;
use typst::foundations::{Label, Selector};
use typst::introspection::{Introspector, MetadataElem};
use typst_layout::PagedDocument;

use crate::data::resolve::Project;
use crate::error::{Error, Problem};
use crate::output::SignBox;
use crate::view::{SignView, SignatureView};

/// A rectangle as the layout records it: page coordinates in points from
/// the page's top left corner.
#[derive(Deserialize)]
struct Recorded {
    role: String,
    /// The image's SHA-256 (empty for a copy's text).
    image: String,
    /// A copy's number and symbol, and the text's size.
    #[serde(default)]
    text: String,
    #[serde(default)]
    size: f64,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

/// A rectangle of a laid-out document, on its page (from 0).
#[derive(Debug, Clone)]
pub(super) struct Found {
    page: usize,
    sign_box: SignBox,
}

/// Every rectangle the layout recorded in `document`, in document order.
/// Their images are named by hash only: the stage names the files
/// ([`crate::output::Stage::name_images`]).
pub(super) fn find(document: &PagedDocument) -> Vec<Found> {
    let Some(label) = Label::new(typst::utils::PicoStr::intern("vanban-sign-box")) else {
        return Vec::new();
    };
    let introspector = document.introspector();
    introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|content| {
            let page = introspector.page(content.location()?)?.get() - 1;
            let value = &content.to_packed::<MetadataElem>()?.value;
            let r: Recorded = serde_json::to_value(value)
                .ok()
                .and_then(|v| serde_json::from_value(v).ok())?;
            // PDF user space has its origin at the bottom left; to the
            // hundredth of a point, rounded inwards: the image stays
            // within the space measured for it.
            let height = document.pages().get(page)?.frame.height().to_pt();
            let (up, down) = (
                |v: f64| (v * 100.0).ceil() / 100.0,
                |v: f64| (v * 100.0).floor() / 100.0,
            );
            let rect = [
                up(r.x),
                up(height - r.y - r.h),
                down(r.x + r.w),
                down(height - r.y),
            ];
            Some(Found {
                page,
                sign_box: SignBox {
                    role: r.role,
                    page: page + 1,
                    rect,
                    image: String::new(),
                    image_sha256: r.image,
                    text: r.text,
                    size: r.size,
                },
            })
        })
        .collect()
}

/// The rectangles of `found` on the pages `pages` of the document, with
/// their pages counted from the first of them (a letter cut from its
/// batch): exactly `expected` of them, else an error about `what`.
pub(super) fn within(
    found: &[Found],
    pages: Range<usize>,
    expected: usize,
    title: Option<&str>,
) -> Result<Vec<SignBox>, Error> {
    let boxes: Vec<SignBox> = found
        .iter()
        .filter(|f| pages.contains(&f.page))
        .map(|f| SignBox {
            page: f.page - pages.start + 1,
            ..f.sign_box.clone()
        })
        .collect();
    if boxes.len() != expected {
        return Err(Error::problem(
            Problem::error(match title {
                Some(title) => crate::tr!(
                    "build-sign-boxes-letter",
                    found = boxes.len(),
                    expected = expected,
                    title = title
                ),
                None => crate::tr!(
                    "build-sign-boxes-main",
                    found = boxes.len(),
                    expected = expected
                ),
            })
            .hint(crate::tr!("build-hint-sign-boxes")),
        ));
    }
    Ok(boxes)
}

/// How many rectangles a signature block has: its signer's image, and
/// the seal with it.
pub(super) fn count(sig: &SignatureView) -> usize {
    sig.sign
        .as_ref()
        .map_or(0, |s: &SignView| 1 + usize::from(s.seal.is_some()))
}

/// The rectangles of the main document's signature blocks (the lead
/// signer's, and a cosigner's).
pub(super) fn in_document(project: &Project) -> usize {
    let data = &project.data;
    let lead = crate::view::sign_view(project, &data.signature, true);
    let co = data
        .cosigner
        .as_ref()
        .and_then(|c| crate::view::sign_view(project, c, false));
    [lead, co]
        .into_iter()
        .flatten()
        .map(|s| 1 + usize::from(s.seal.is_some()))
        .sum()
}

/// The sign boxes of a file joined from documents (a print file of
/// letters): each document's, moved down by the pages before it, or, on
/// a two-up file, moved to its half of its sheet.
#[derive(Debug, Default)]
pub(super) struct Joined {
    pages: usize,
    /// The boxes so far, pages counted in the joined file.
    pub(super) boxes: Vec<SignBox>,
}

impl Joined {
    /// Adds the next document: its `pages` and its `boxes`, and where a
    /// two-up file `placed` it (`None` for one document a page).
    pub(super) fn push(
        &mut self,
        pages: usize,
        placed: Option<crate::pdf::Placed>,
        boxes: &[SignBox],
    ) {
        let offset = self.pages;
        self.boxes.extend(boxes.iter().map(|b| match placed {
            // A two-up document is one page: its boxes are where its page
            // went, so a print file's boxes still frame the images.
            Some(p) => {
                // To the hundredth, rounded inwards, as they were measured.
                let up = |v: f64| (v * 100.0).ceil() / 100.0;
                let down = |v: f64| (v * 100.0).floor() / 100.0;
                let [x0, y0, x1, y1] = b.rect;
                SignBox {
                    page: p.sheet,
                    rect: [
                        up(x0 + p.dx),
                        up(y0 + p.dy),
                        down(x1 + p.dx),
                        down(y1 + p.dy),
                    ],
                    ..b.clone()
                }
            }
            None => SignBox {
                page: b.page + offset,
                ..b.clone()
            },
        }));
        self.pages += pages;
    }
}
