//! `vanban preview`: pages drawn as PNG images, to look at a change without
//! a PDF viewer.
//!
//! The documents come from the build pipeline: [`Engine`] loads the data and
//! generates the Typst source, the typesetter compiles it with the same
//! font checks. Only the last step differs: typst-render draws the laid-out
//! pages where `build` exports them to PDF.

use std::path::{Path, PathBuf};

use crate::build::{self, Engine};
use crate::data::model::Paper;
use crate::data::resolve::Project;
use crate::error::{Error, Problem};
use crate::output;
use crate::preset::Preset;
use crate::templates::Templates;
use crate::typeset::{self, DocOptions};

/// Which document `vanban preview` draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PreviewDoc {
    /// The main document (the plan).
    Plan,
    /// One delegate's letter (Giấy mời or Giấy triệu tập), or one
    /// addressed copy of a meeting invitation.
    Invitation,
    /// The main document's distribution sheet (Nơi nhận).
    Recipients,
}

impl PreviewDoc {
    /// The word in the image file names: `preview-<name>-<page>.png`.
    pub fn name(self) -> &'static str {
        match self {
            PreviewDoc::Plan => "plan",
            PreviewDoc::Invitation => "invitation",
            PreviewDoc::Recipients => "recipients",
        }
    }
}

/// What `vanban preview` was asked to do.
#[derive(Debug, Clone)]
pub struct PreviewOptions {
    /// The YAML data file.
    pub data: PathBuf,
    /// Folder the images are written into.
    pub out: PathBuf,
    /// Folder whose files override the embedded templates.
    pub templates: Option<PathBuf>,
    /// Extra font folders.
    pub font_paths: Vec<PathBuf>,
    /// Folders besides the data file's that the files it names may be in.
    pub allowed_dirs: Vec<PathBuf>,
    /// The document to draw.
    pub doc: PreviewDoc,
    /// For an invitation: the event, from 1 (default: the first one).
    pub event: Option<usize>,
    /// For an invitation: the delegate, from 1 in the event's list.
    pub delegate: usize,
    /// Only this page, from 1 (default: every page).
    pub page: Option<usize>,
    /// Resolution in pixels per inch (72 draws one pixel per point).
    pub ppi: f32,
}

/// Resolutions accepted by `--ppi`: an A4 page at 600 ppi is already a
/// 140 MB pixel buffer, and typst-render cannot draw an empty one.
const PPI_RANGE: std::ops::RangeInclusive<f32> = 1.0..=600.0;

/// A document to preview: its generated Typst source and how to compile it,
/// exactly as `build` would.
#[derive(Debug, Clone)]
pub struct PreviewSource {
    /// The generated Typst source.
    pub source: String,
    /// Compile options (date, names for messages).
    pub options: DocOptions,
    /// Font families the preset allows.
    pub fonts: Vec<String>,
}

/// One page drawn as PNG.
#[derive(Debug, Clone)]
pub struct PreviewPage {
    /// Page number, from 1.
    pub number: usize,
    /// The PNG file's bytes.
    pub png: Vec<u8>,
}

/// Templates and fonts loaded once, to preview documents of a data file.
pub struct Previewer {
    engine: Engine,
}

impl Previewer {
    /// Loads templates (embedded, overridden by `templates`) and fonts;
    /// the data may name files in `allowed` besides its own folder.
    pub fn new(
        templates: Option<PathBuf>,
        font_paths: &[PathBuf],
        allowed: &[PathBuf],
    ) -> Result<Self, Error> {
        Ok(Self {
            engine: Engine::new(Templates::new(templates), font_paths)?.allow_dirs(allowed),
        })
    }

    /// Reads the data file and every delegate list it names.
    pub fn load(&self, data: &Path) -> Result<Project, Error> {
        self.engine.load(data)
    }

    /// The generated source of `doc`; for an invitation, the letter of
    /// delegate `delegate` (from 1) of event `event` (from 1; by default the
    /// first event).
    pub fn source(
        &self,
        project: &Project,
        doc: PreviewDoc,
        event: Option<usize>,
        delegate: usize,
    ) -> Result<PreviewSource, Error> {
        let preset = self.engine.preset(project)?;
        match doc {
            PreviewDoc::Plan => Ok(PreviewSource {
                source: self.engine.document_source(project, &preset)?,
                options: build::document_options(project),
                fonts: preset.fonts,
            }),
            PreviewDoc::Recipients => Ok(PreviewSource {
                source: self
                    .engine
                    .sheet_source(&preset, self.engine.plan_sheet(project, &preset))?,
                options: build::document_options(project),
                fonts: preset.fonts,
            }),
            PreviewDoc::Invitation => self.letter_source(project, &preset, event, delegate),
        }
    }

    /// The letter of one delegate, compiled on its own (a chunk of one), as
    /// the build makes it: an A5 event's letters on the A5 preset, problems
    /// with a character pointing into the delegate list.
    fn letter_source(
        &self,
        project: &Project,
        base: &Preset,
        event: Option<usize>,
        delegate: usize,
    ) -> Result<PreviewSource, Error> {
        let events = &project.events;
        // A meeting invitation's addressed copies, when there are no
        // letters to show: `--delegate` counts its invitees.
        if event.is_none()
            && events.iter().all(|e| e.delegates.is_empty())
            && let Some(copy) = self.copy_source(project, base, delegate)?
        {
            return Ok(copy);
        }
        let resolved = match event {
            Some(n) => n
                .checked_sub(1)
                .and_then(|i| events.get(i))
                .ok_or_else(|| {
                    Error::problem(Problem::error(crate::tr!("preview-no-event", n = n)).hint(
                        if events.is_empty() {
                            crate::tr!("preview-hint-no-events")
                        } else {
                            crate::tr!("preview-hint-events", count = events.len())
                        },
                    ))
                })?,
            None => events
                .iter()
                .find(|e| !e.delegates.is_empty())
                .ok_or_else(|| {
                    Error::problem(
                        Problem::error(crate::tr!("preview-no-delegates"))
                            .hint(crate::tr!("preview-hint-no-delegates")),
                    )
                })?,
        };
        let ev = &resolved.event;
        let count = resolved.delegates.len();
        if delegate == 0 || delegate > count {
            return Err(Error::problem(
                Problem::error(crate::tr!(
                    "preview-no-delegate",
                    title = &ev.title,
                    count = count,
                    n = delegate
                ))
                .hint(crate::tr!("preview-hint-delegate", count = count)),
            ));
        }
        let a5;
        let preset = match ev.invitation.paper {
            Paper::A4 => base,
            Paper::A5 => {
                a5 = base.for_a5();
                &a5
            }
        };
        let (_, _, mut sources, _) =
            self.engine
                .letter_sources(project, preset, resolved, Some(1))?;
        if delegate > sources.len() {
            return Err(Error::problem(Problem::error(crate::tr!(
                "preview-no-letter",
                n = delegate,
                title = &ev.title
            ))));
        }
        Ok(PreviewSource {
            source: sources.swap_remove(delegate - 1),
            options: DocOptions {
                date: ev.invitation.date,
                source_name: crate::tr!("build-source-letters", name = &project.file.name),
                data: resolved.list.clone(),
                // A preview draws the layout; it makes no PDF.
                pdfa: false,
            },
            fonts: preset.fonts.clone(),
        })
    }

    /// Addressed copy `n` (from 1) of the meeting invitation, compiled on
    /// its own as the build makes it; `None` if the data asks for no copies.
    fn copy_source(
        &self,
        project: &Project,
        preset: &Preset,
        n: usize,
    ) -> Result<Option<PreviewSource>, Error> {
        let (count, source) = self
            .engine
            .copy_source(project, preset, n.wrapping_sub(1))?;
        if count == 0 {
            return Ok(None);
        }
        let source = source.ok_or_else(|| {
            Error::problem(
                Problem::error(crate::tr!("preview-no-copy", count = count, n = n))
                    .hint(crate::tr!("preview-hint-copy", count = count)),
            )
        })?;
        Ok(Some(PreviewSource {
            source,
            options: build::copy_options(project),
            fonts: preset.fonts.clone(),
        }))
    }

    /// Compiles `source` and draws page `page` (from 1), or every page, at
    /// `ppi` pixels per inch.
    pub fn pages(
        &self,
        source: &PreviewSource,
        page: Option<usize>,
        ppi: f32,
    ) -> Result<Vec<PreviewPage>, Error> {
        check_ppi(ppi)?;
        let document = self
            .engine
            .compile(&source.source, &source.options, &source.fonts)?;
        // As after every compile of the build: keep comemo's cache small in
        // a long `watch --preview`.
        comemo::evict(10);
        // Letters and sheets start with a page of every glyph they use
        // (see `glyph-page` in the layout); it is never printed.
        let printed = typeset::printed_pages(&document);
        let count = printed.len();
        let first = printed.start;
        let numbers: Vec<usize> = match page {
            None => (1..=count).collect(),
            Some(n) if (1..=count).contains(&n) => vec![n],
            Some(n) => {
                return Err(Error::problem(
                    Problem::error(crate::tr!("preview-no-page", n = n, count = count))
                        .hint(crate::tr!("preview-hint-page", count = count)),
                ));
            }
        };
        draw(&document.pages()[first..], &numbers, ppi)
    }
}

/// Runs `vanban preview`: writes `OUT/preview-<doc>-<page>.png` for each
/// page asked for and returns their paths.
pub fn run(opts: &PreviewOptions) -> Result<Vec<PathBuf>, Error> {
    // Before loading anything: a wrong option is reported at once.
    check_ppi(opts.ppi)?;
    let previewer = Previewer::new(opts.templates.clone(), &opts.font_paths, &opts.allowed_dirs)?;
    let project = previewer.load(&opts.data)?;
    let source = previewer.source(&project, opts.doc, opts.event, opts.delegate)?;
    let pages = previewer.pages(&source, opts.page, opts.ppi)?;
    write_pages(&opts.out, opts.doc, &pages, opts.page.is_none())
}

/// Writes the images (each atomically, so an image viewer that reloads on
/// change never shows half a file). After a preview of every page, images of
/// pages the document no longer has are removed, so the folder shows the
/// document as it is.
fn write_pages(
    out: &Path,
    doc: PreviewDoc,
    pages: &[PreviewPage],
    all: bool,
) -> Result<Vec<PathBuf>, Error> {
    std::fs::create_dir_all(out).map_err(|source| Error::Write {
        path: out.to_path_buf(),
        source,
    })?;
    let path = |n: usize| out.join(format!("preview-{}-{n}.png", doc.name()));
    let mut written = Vec::with_capacity(pages.len());
    for p in pages {
        let to = path(p.number);
        output::write_atomic(&to, &p.png)?;
        written.push(to);
    }
    if all {
        let mut stale = pages.len() + 1;
        while path(stale).is_file() {
            std::fs::remove_file(path(stale)).map_err(|source| Error::Write {
                path: path(stale),
                source,
            })?;
            stale += 1;
        }
    }
    Ok(written)
}

fn check_ppi(ppi: f32) -> Result<(), Error> {
    if PPI_RANGE.contains(&ppi) {
        return Ok(());
    }
    Err(Error::problem(
        Problem::error(crate::tr!("preview-ppi", ppi = ppi.to_string())).hint(crate::tr!(
            "preview-hint-ppi",
            min = PPI_RANGE.start().to_string(),
            max = PPI_RANGE.end().to_string()
        )),
    ))
}

/// Draws pages `numbers` (from 1) as PNG, on all cores: at 144 ppi a page
/// takes tens of milliseconds to draw and as long again to encode.
fn draw(
    pages: &[typst_layout::Page],
    numbers: &[usize],
    ppi: f32,
) -> Result<Vec<PreviewPage>, Error> {
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(f64::from(ppi) / 72.0),
        render_bleed: false,
    };
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(numbers.len().max(1));
    let per_worker = numbers.len().div_ceil(workers).max(1);
    let drawn: Vec<Result<Vec<PreviewPage>, Error>> = std::thread::scope(|scope| {
        let handles: Vec<_> = numbers
            .chunks(per_worker)
            .map(|chunk| {
                let options = &options;
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|&number| {
                            let pixmap = typst_render::render(&pages[number - 1], options);
                            // tiny-skia's encoder: the same pixels give the same bytes.
                            let png = pixmap.encode_png().map_err(|e| {
                                Error::problem(Problem::error(crate::tr!(
                                    "preview-encode",
                                    page = number,
                                    reason = e.to_string()
                                )))
                            })?;
                            Ok(PreviewPage { number, png })
                        })
                        .collect()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut out = Vec::with_capacity(numbers.len());
    for chunk in drawn {
        out.extend(chunk?);
    }
    Ok(out)
}
