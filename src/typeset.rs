//! The Typst world and compilation, in-process.
//!
//! A [`Typesetter`] is built once per run: the standard library, the font
//! book and the parsed layout files. Each document gets a cheap `DocWorld`
//! that adds only its generated main source. File ids are interned for the
//! life of the process (at most 65,535), so the same ids serve every document
//! of a batch. The world serves nothing but the layout files and the
//! images of the data (under virtual names, [`Typesetter::serve`]):
//! `#read`, `#image` or `#include` of anything else is "file not found".

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use typst::diag::{FileError, FileResult, Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::layout::Abs;
use typst::layout::{Frame, FrameItem};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{
    Font, FontBook, FontInstance, FontStretch, FontStyle, FontVariant, FontVariations, FontWeight,
};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;

use crate::error::{Error, Problem, Severity, SourceFile};
use crate::templates::Templates;

/// Path of the generated main source inside the Typst world.
const MAIN_PATH: &str = "/main.typ";

/// What a compiled document needs besides its source.
#[derive(Debug, Clone)]
pub struct DocOptions {
    /// The document's date: `datetime.today()` in Typst, and the PDF creation
    /// date unless `SOURCE_DATE_EPOCH` is set.
    pub date: NaiveDate,
    /// Name of the data file, to label the generated source in messages.
    pub source_name: String,
    /// The data file, to point at the place a bad character came from.
    pub data: Option<SourceFile>,
    /// Export as PDF/A-2b (`--pdfa`, or `pdfa: true` in the data).
    pub pdfa: bool,
}

impl DocOptions {
    /// What of these options shapes the PDF, for an output's inputs hash:
    /// the date, and PDF/A when it is on (so a build without it hashes as
    /// before, and turning it on or off remakes the file).
    pub fn key(&self) -> String {
        match self.pdfa {
            true => format!("{} PDF/A-2b", self.date),
            false => self.date.to_string(),
        }
    }
}

/// The shared, immutable part of every compilation; build it once per run.
pub struct Typesetter {
    library: LazyHash<Library>,
    fonts: FontStore,
    /// Families that may appear in the output (from the preset).
    main_id: FileId,
    /// Layout files by id, with the name shown in messages.
    files: HashMap<FileId, (Source, String)>,
    /// The images of the data being built, by their virtual paths (see
    /// [`Typesetter::serve`]): the only other files the world has.
    images: std::sync::RwLock<HashMap<FileId, Bytes>>,
}

impl Typesetter {
    /// Loads fonts (embedded, plus `font_paths`) and parses every layout file.
    pub fn new(templates: &Templates, font_paths: &[&Path]) -> Result<Self, Error> {
        let main_id = file_id(MAIN_PATH);
        let mut files = HashMap::new();
        for name in templates.names("layout/") {
            if !name.ends_with(".typ") {
                continue;
            }
            let Some(file) = templates.get(&name)? else {
                continue;
            };
            let id = file_id(&format!("/{name}"));
            files.insert(id, (Source::new(id, file.text.to_string()), file.name));
        }
        Ok(Self {
            library: LazyHash::new(Library::builder().build()),
            fonts: crate::fonts::store(font_paths),
            main_id,
            files,
            images: Default::default(),
        })
    }

    /// Serves `images` (virtual path, bytes) to every document compiled
    /// from now on, in place of those served before: the images of the
    /// data being built, under names that are no file's path, so that
    /// `#image` reaches these bytes and nothing else on disk.
    pub fn serve(&self, images: impl IntoIterator<Item = (String, Arc<[u8]>)>) {
        let served = images
            .into_iter()
            .filter_map(|(path, bytes)| {
                let vpath = VirtualPath::new(&path).ok()?;
                let id = RootedPath::new(VirtualRoot::Project, vpath).intern();
                Some((id, Bytes::new(bytes)))
            })
            .collect();
        // A poisoned lock only means a compile panicked while reading it.
        *self.images.write().unwrap_or_else(|e| e.into_inner()) = served;
    }

    /// Advance widths of the regular and bold faces of the first of
    /// `families` the typesetter has, to tell how text will wrap before it
    /// is typeset.
    pub fn widths(&self, families: &[String]) -> Widths {
        let face = |weight| {
            let variant = FontVariant::new(FontStyle::Normal, weight, FontStretch::NORMAL);
            families.iter().find_map(|f| {
                let index = self.fonts.book().select(&f.to_lowercase(), variant)?;
                let font = self.fonts.font(index)?;
                Some(font.instantiate(variant, Abs::pt(10.0), &FontVariations::default()))
            })
        };
        Widths {
            regular: face(FontWeight::REGULAR),
            bold: face(FontWeight::BOLD),
            cache: Default::default(),
        }
    }

    /// Families of every font the typesetter knows, for messages.
    pub fn families(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .fonts
            .book()
            .families()
            .map(|(name, _)| name.to_string())
            .collect();
        v.dedup();
        v
    }

    /// Compiles `source` and exports it to PDF bytes.
    ///
    /// Fails, with every problem located, if Typst reports an error or a
    /// warning about fonts, or if any glyph was drawn from a font outside
    /// `allowed_fonts` or is missing from the font.
    pub fn compile_pdf(
        &self,
        source: &str,
        options: &DocOptions,
        allowed_fonts: &[String],
    ) -> Result<Vec<u8>, Error> {
        let document = self.compile(source, options, allowed_fonts)?;
        let pdf = export(&document, options, true);
        // comemo caches every compilation; without eviction a batch grows by
        // ≈0.2 MB per document. Keep what a rebuild of the same layout reuses.
        comemo::evict(10);
        pdf
    }

    /// Compiles `source` to a laid-out document, with the font checks of
    /// [`Typesetter::compile_pdf`].
    pub fn compile(
        &self,
        source: &str,
        options: &DocOptions,
        allowed_fonts: &[String],
    ) -> Result<PagedDocument, Error> {
        let world = DocWorld {
            shared: self,
            main: Source::new(self.main_id, source.to_string()),
            today: Datetime::from_ymd(
                options.date.year(),
                options.date.month() as u8,
                options.date.day() as u8,
            ),
        };
        let generated = SourceFile {
            name: crate::tr!("typeset-generated", name = &options.source_name),
            text: Arc::from(source),
        };
        let warned = typst::compile::<PagedDocument>(&world);
        let mut problems: Vec<Problem> = warned
            .warnings
            .iter()
            // An unknown family would silently fall back: that is an error here.
            .filter(|w| w.message.contains("font family"))
            .map(|w| world.problem(w, &generated, Severity::Error))
            .collect();
        let document = match warned.output {
            Ok(doc) => doc,
            Err(errors) => {
                problems.extend(
                    errors
                        .iter()
                        .map(|e| world.problem(e, &generated, Severity::Error)),
                );
                return Err(Error::Problems(problems));
            }
        };
        let check = FontCheck {
            world: &world,
            generated: &generated,
            data: options.data.as_ref(),
            allowed: allowed_fonts,
        };
        for page in document.pages() {
            check.frame(&page.frame, &mut problems);
        }
        if !problems.is_empty() {
            return Err(Error::Problems(problems));
        }
        Ok(document)
    }
}

/// Glyph advance widths of a font family (see [`Typesetter::widths`]).
pub struct Widths {
    regular: Option<FontInstance>,
    bold: Option<FontInstance>,
    /// Advances looked up so far: a sheet has a few hundred characters
    /// in thousands of words.
    cache: std::cell::RefCell<HashMap<(char, bool), f64>>,
}

impl Widths {
    /// The width of `text` set in the regular or bold face, in em: the sum
    /// of its glyphs' advances. Kerning only narrows Latin text, so this is
    /// never much less than the width Typst sets. A character the font
    /// lacks (or a family it does not have) counts as 0.6 em.
    pub fn em(&self, text: &str, bold: bool) -> f64 {
        let face = if bold { &self.bold } else { &self.regular };
        let Some(face) = face else {
            return 0.6 * text.chars().count() as f64;
        };
        let mut cache = self.cache.borrow_mut();
        text.chars()
            .map(|c| {
                *cache.entry((c, bold)).or_insert_with(|| {
                    face.ttf()
                        .glyph_index(c)
                        .and_then(|g| face.x_advance(g.0))
                        .map_or(0.6, |em| em.get())
                })
            })
            .sum()
    }
}

/// Exports a laid-out document to PDF, dated `options.date` and PDF/A-2b
/// if `options.pdfa`. `tagged` adds the accessibility tag tree (worth it
/// for a plan; a batch of one-page letters skips it for speed).
pub fn export(
    document: &PagedDocument,
    options: &DocOptions,
    tagged: bool,
) -> Result<Vec<u8>, Error> {
    let standards = match options.pdfa {
        true => typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::A_2b]).map_err(|e| {
            Error::problem(Problem::error(crate::tr!(
                "typeset-pdfa",
                reason = e.message().to_string()
            )))
        })?,
        false => typst_pdf::PdfStandards::default(),
    };
    let pdf_options = typst_pdf::PdfOptions {
        ident: Smart::Auto,
        // PDF/A-2 needs a document date: krilla refuses to export without.
        timestamp: Some(timestamp(options.date)),
        standards,
        tagged,
        ..Default::default()
    };
    typst_pdf::pdf(document, &pdf_options).map_err(|errors| {
        Error::Problems(
            errors
                .iter()
                .map(|e| {
                    let p = Problem::error(crate::tr!(
                        "typeset-pdf-export",
                        reason = e.message.to_string()
                    ));
                    if !options.pdfa {
                        return p;
                    }
                    // What PDF/A refuses (an embedded PDF image, an
                    // interpolated image …) is refused only because it was
                    // asked for: say so, with Typst's own hints.
                    e.hints
                        .iter()
                        .fold(p, |p, h| p.hint(h.v.to_string()))
                        .hint(crate::tr!("typeset-hint-pdfa"))
                })
                .collect(),
        )
    })
}

/// The pages of each letter in a batch document: every letter starts with
/// `#metadata(index) <vanban-letter>`; a letter runs to the next one's start.
/// Returns `(index, first page .. end page)` in page order, 0-based pages.
pub fn letter_pages(document: &PagedDocument) -> Vec<(i64, Range<usize>)> {
    use typst::foundations::{Label, Selector};
    use typst::introspection::Introspector;
    let Some(label) = Label::new(typst::utils::PicoStr::intern("vanban-letter")) else {
        return Vec::new();
    };
    let introspector = document.introspector();
    let mut starts: Vec<(usize, i64)> = introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|content| {
            let page = introspector.page(content.location()?)?.get() - 1;
            let index = content
                .to_packed::<typst::introspection::MetadataElem>()
                .and_then(|m| m.value.clone().cast::<i64>().ok())?;
            Some((page, index))
        })
        .collect();
    starts.sort();
    let total = document.pages().len();
    starts
        .iter()
        .enumerate()
        .map(|(i, &(page, index))| {
            let end = starts.get(i + 1).map_or(total, |next| next.0);
            (index, page..end.max(page + 1))
        })
        .collect()
}

/// The pages that are printed: all but the glyph page a batch starts with
/// (`<vanban-glyphs>`, see `glyph-page` in the layout), as a range of
/// 0-based page numbers.
pub fn printed_pages(document: &PagedDocument) -> Range<usize> {
    use typst::foundations::{Label, Selector};
    use typst::introspection::Introspector;
    let total = document.pages().len();
    let Some(label) = Label::new(typst::utils::PicoStr::intern("vanban-glyphs")) else {
        return 0..total;
    };
    let introspector = document.introspector();
    let last_glyph_page = introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|c| introspector.page(c.location()?))
        .map(|p| p.get())
        .max();
    last_glyph_page.unwrap_or(0).min(total)..total
}

/// A document made of some pages of another (one letter of a batch), with
/// its own title.
pub fn sub_document(
    document: &PagedDocument,
    pages: Range<usize>,
    title: &str,
    author: &str,
) -> PagedDocument {
    let info = typst::model::DocumentInfo {
        title: Some(title.into()),
        author: vec![author.into()],
        ..Default::default()
    };
    PagedDocument::new(document.pages()[pages].iter().cloned().collect(), info)
}

/// The PDF creation date: `SOURCE_DATE_EPOCH` if set (reproducible builds),
/// else the document's own date, so output never depends on the clock.
fn timestamp(date: NaiveDate) -> typst_pdf::Timestamp {
    let from_env = crate::output::source_date_epoch()
        .and_then(|secs| DateTime::<Utc>::from_timestamp(secs, 0));
    let dt = match from_env {
        Some(dt) => dt.naive_utc(),
        None => date.and_hms_opt(0, 0, 0).unwrap_or_default(),
    };
    let datetime = Datetime::from_ymd_hms(
        dt.year(),
        dt.month() as u8,
        dt.day() as u8,
        dt.hour() as u8,
        dt.minute() as u8,
        dt.second() as u8,
    )
    .unwrap_or_else(|| Datetime::from_ymd(1980, 1, 1).expect("a valid date"));
    typst_pdf::Timestamp::new_utc(datetime)
}

/// Interns the id of a file at `path` in the project root.
fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("built-in paths are valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// One document's world: the shared part plus its generated main source.
struct DocWorld<'a> {
    shared: &'a Typesetter,
    main: Source,
    today: Option<Datetime>,
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.shared.fonts.book()
    }

    fn main(&self) -> FileId {
        self.shared.main_id
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.shared.main_id {
            return Ok(self.main.clone());
        }
        match self.shared.files.get(&id) {
            Some((source, _)) => Ok(source.clone()),
            None => Err(FileError::NotFound(
                id.get().vpath().get_with_slash().to_string().into(),
            )),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let images = self.shared.images.read().unwrap_or_else(|e| e.into_inner());
        if let Some(bytes) = images.get(&id) {
            return Ok(bytes.clone());
        }
        self.source(id).map(Bytes::from_string)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}

impl DocWorld<'_> {
    /// The file a span points into, as a [`SourceFile`].
    fn source_file(&self, id: FileId, generated: &SourceFile) -> Option<SourceFile> {
        if id == self.shared.main_id {
            return Some(generated.clone());
        }
        let (source, name) = self.shared.files.get(&id)?;
        Some(SourceFile {
            name: name.clone(),
            text: Arc::from(source.text()),
        })
    }

    /// A Typst diagnostic as a located problem.
    fn problem(
        &self,
        diag: &SourceDiagnostic,
        generated: &SourceFile,
        severity: Severity,
    ) -> Problem {
        let mut p = Problem::error(diag.message.to_string());
        p.severity = match diag.severity {
            TypstSeverity::Error => Severity::Error,
            TypstSeverity::Warning => severity,
        };
        for hint in &diag.hints {
            p = p.hint(hint.v.to_string());
        }
        for point in &diag.trace {
            if let Some((file, range)) = self.locate(point.span, generated) {
                let line = file.text[..range.start].matches('\n').count() + 1;
                p = p.hint(crate::tr!(
                    "typeset-trace",
                    what = point.v.to_string(),
                    file = &file.name,
                    line = line
                ));
            }
        }
        if let Some((file, range)) = self.locate(diag.span, generated) {
            p = p.at(&file, range);
        }
        p
    }

    fn locate(
        &self,
        span: impl Into<typst::syntax::DiagSpan> + Copy,
        generated: &SourceFile,
    ) -> Option<(SourceFile, Range<usize>)> {
        let span: typst::syntax::DiagSpan = span.into();
        let id = span.id()?;
        let range = self.range(span)?;
        Some((self.source_file(id, generated)?, range))
    }
}

/// Checks that every glyph comes from an allowed family and exists in its
/// font: Typst silently falls back to any font it knows, and draws a missing
/// glyph as an empty box, and neither may reach a signed document.
struct FontCheck<'a> {
    world: &'a DocWorld<'a>,
    generated: &'a SourceFile,
    data: Option<&'a SourceFile>,
    allowed: &'a [String],
}

impl FontCheck<'_> {
    fn frame(&self, frame: &Frame, problems: &mut Vec<Problem>) {
        // The text of the frame's runs together: a line, for the message.
        let line: String = frame
            .items()
            .filter_map(|(_, item)| match item {
                FrameItem::Text(t) => Some(t.text.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ");
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => self.frame(&group.frame, problems),
                FrameItem::Text(text) => self.text(text, &line, problems),
                _ => {}
            }
        }
    }

    fn text(&self, text: &typst::text::TextItem, line: &str, problems: &mut Vec<Problem>) {
        let family = &text.font.font().info().family;
        let allowed_family = self.allowed.iter().any(|a| a.eq_ignore_ascii_case(family));
        for glyph in &text.glyphs {
            if allowed_family && glyph.id != 0 {
                continue;
            }
            let chars = text.text.get(glyph.range()).unwrap_or("").to_string();
            let codes: Vec<String> = chars
                .chars()
                .map(|c| format!("U+{:04X}", c as u32))
                .collect();
            let shown: String = chars.chars().filter(|c| !c.is_control()).collect();
            let message = if allowed_family {
                crate::tr!(
                    "typeset-glyph-missing",
                    shown = &shown,
                    codes = codes.join(" "),
                    family = family
                )
            } else {
                crate::tr!(
                    "typeset-glyph-fallback",
                    shown = &shown,
                    codes = codes.join(" "),
                    family = family,
                    allowed = self.allowed.join(", ")
                )
            };
            if problems.iter().any(|p| p.message == message) {
                continue;
            }
            let mut p = Problem::error(message)
                .hint(crate::tr!("typeset-hint-glyph-text", text = line.trim()))
                .hint(crate::tr!("typeset-hint-glyph"));
            // Point at the data it came from, else at the generated source.
            let in_data = self.data.and_then(|file| {
                let c = chars.chars().next()?;
                let at = file.text.find(c)?;
                Some((file.clone(), at..at + c.len_utf8()))
            });
            if let Some((file, range)) =
                in_data.or_else(|| self.world.locate(glyph.span.0, self.generated))
            {
                p = p.at(&file, range);
            }
            problems.push(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PDF of `source` (set in Liberation Serif), PDF/A-2b if `pdfa`.
    fn export_source(source: &str, pdfa: bool) -> Result<Vec<u8>, Error> {
        let typesetter = Typesetter::new(&Templates::new(None), &[]).expect("the typesetter");
        let options = DocOptions {
            date: NaiveDate::from_ymd_opt(2026, 1, 19).expect("a date"),
            source_name: "test".into(),
            data: None,
            pdfa,
        };
        let source = format!("#set text(font: \"Liberation Serif\")\n{source}");
        let fonts = ["Liberation Serif".to_string()];
        let document = typesetter.compile(&source, &options, &fonts)?;
        export(&document, &options, false)
    }

    #[test]
    fn pdfa_refuses_a_pdf_image_and_says_why() {
        let small = export_source("#set page(width: 40pt, height: 20pt)\nDấu", false).unwrap();
        let bytes: Vec<String> = small.iter().map(u8::to_string).collect();
        let source = format!(
            "#image(bytes(({},)), format: \"pdf\", width: 20pt)",
            bytes.join(",")
        );
        // Without PDF/A the image is embedded.
        assert!(export_source(&source, false).is_ok());
        let Err(Error::Problems(problems)) = export_source(&source, true) else {
            panic!("PDF/A-2b cannot embed a PDF image (typst/typst#7665)");
        };
        let p = &problems[0];
        assert!(p.message.starts_with("PDF export: "), "{}", p.message);
        assert!(
            p.hints.iter().any(|h| h.contains("PDF/A-2b was asked for")),
            "{:?}",
            p.hints
        );
    }

    #[test]
    fn pdfa_is_in_the_key_only_when_it_is_on() {
        let mut options = DocOptions {
            date: NaiveDate::from_ymd_opt(2026, 1, 19).expect("a date"),
            source_name: String::new(),
            data: None,
            pdfa: false,
        };
        // As before PDF/A existed: a plain build's inputs stay the same.
        assert_eq!(options.key(), "2026-01-19");
        options.pdfa = true;
        assert_eq!(options.key(), "2026-01-19 PDF/A-2b");
    }
}
