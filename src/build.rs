//! `vanban build`: data → views → Typst sources → PDFs, staged and moved
//! into place only when everything succeeded.
//!
//! Letters are compiled in chunks (one Typst document of many letters,
//! split into one PDF per delegate afterwards) on plain `std::thread`
//! workers: typst uses rayon inside, and nesting whole compiles in a rayon
//! pool overflows the stack.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use serde::Serialize;

use crate::data::model::DataFile;
use crate::data::resolve::{self, Project, ResolvedEvent};
use crate::data::{self, locate_issues};
use crate::error::{DataIssue, DataPath, Error, Problem};
use crate::letters::{self, EventView, LetterView, SheetView};
use crate::output::{self, ManifestEntry, Stage};
use crate::preset::Preset;
use crate::render::Renderer;
use crate::templates::Templates;
use crate::typeset::{self, DocOptions, Typesetter};
use crate::view;

/// What `vanban build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The YAML data file.
    pub data: PathBuf,
    /// Output folder.
    pub out: PathBuf,
    /// Folder whose files override the embedded templates.
    pub templates: Option<PathBuf>,
    /// Extra font folders.
    pub font_paths: Vec<PathBuf>,
    /// Also write the generated Typst sources.
    pub emit_typ: bool,
    /// Show a progress bar on a terminal.
    pub progress: bool,
    /// Make only these kinds of output (all when empty).
    pub only: Vec<OutputKind>,
}

/// Kinds of output, for `--only`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputKind {
    /// The document itself (the plan).
    Plan,
    /// Invitations and print files.
    Invitations,
    /// Distribution sheets.
    Recipients,
}

/// What a build made, for the closing summary line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Letters written (one per delegate).
    pub letters: usize,
    /// Delegates in the data.
    pub delegates: usize,
    /// Letters that are summonses.
    pub summonses: usize,
    /// Combined print files.
    pub print_files: usize,
    /// Distribution sheets.
    pub sheets: usize,
    /// Documents such as the plan.
    pub documents: usize,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} document(s)", self.documents)?;
        if self.delegates > 0 {
            write!(
                f,
                ", {} letters for {} delegates ({} triệu tập, {} mời), {} print file(s)",
                self.letters,
                self.delegates,
                self.summonses,
                self.letters - self.summonses,
                self.print_files
            )?;
        }
        write!(f, ", {} recipient sheet(s)", self.sheets)
    }
}

/// The parts of a build that are set up once per run and reused for every
/// document: templates, fonts, the Typst library and the layout files.
pub struct Engine {
    templates: Templates,
    renderer: Renderer,
    typesetter: Typesetter,
}

#[derive(Serialize)]
struct LettersContext<'a> {
    version: &'static str,
    style: &'a Preset,
    event: &'a EventView,
    letters: &'a [LetterView],
}

#[derive(Serialize)]
struct SheetContext<'a> {
    version: &'static str,
    style: &'a Preset,
    sheet: &'a SheetView,
}

/// The letters of one event, ready to compile.
#[derive(Clone, Copy)]
struct LetterJob<'a> {
    letters: &'a [LetterView],
    chunks: &'a [&'a [LetterView]],
    sources: &'a [String],
    options: &'a DocOptions,
    view: &'a EventView,
    workers: usize,
    slug: &'a str,
    event: &'a crate::data::model::Event,
    fonts: &'a [String],
}

/// One chunk of letters, compiled: each letter's PDF, and the chunk's PDF
/// for the print file.
struct ChunkOut {
    letters: Vec<(usize, Vec<u8>)>,
    pdf: Vec<u8>,
}

impl Engine {
    /// Loads templates and fonts.
    pub fn new(templates: Templates, font_paths: &[PathBuf]) -> Result<Self, Error> {
        let renderer = Renderer::new(&templates)?;
        let paths: Vec<&Path> = font_paths.iter().map(PathBuf::as_path).collect();
        let typesetter = Typesetter::new(&templates, &paths)?;
        Ok(Self {
            templates,
            renderer,
            typesetter,
        })
    }

    /// Reads the data file and every delegate list it names.
    pub fn load(&self, path: &Path) -> Result<Project, Error> {
        let loaded = data::load::<DataFile>(path)?;
        let base = path.parent().unwrap_or(Path::new("."));
        resolve::resolve(loaded, base)
    }

    /// Loads the preset named in the data; an unknown name points at the data.
    pub fn preset(&self, project: &Project) -> Result<Preset, Error> {
        let name = &project.data.preset;
        match self.templates.get(&format!("presets/{name}.yaml"))? {
            Some(file) => Ok(data::parse::<Preset>(&file.name, &file.text)?.data),
            None => Err(locate_issues(
                &project.file,
                vec![DataIssue::new(
                    DataPath::new().key("preset"),
                    format!("there is no preset `{name}`"),
                    format!(
                        "available presets: {}",
                        self.templates.preset_names().join(", ")
                    ),
                )],
            )),
        }
    }

    /// The generated Typst source of the main document.
    pub fn document_source(&self, project: &Project, preset: &Preset) -> Result<String, Error> {
        let view =
            view::build(project, preset).map_err(|issues| locate_issues(&project.file, issues))?;
        self.renderer.render("plan.typ.j2", &view)
    }

    /// The main document as PDF bytes, without writing anything (for
    /// benchmarks and previews).
    pub fn document_pdf(&self, project: &Project) -> Result<Vec<u8>, Error> {
        let preset = self.preset(project)?;
        let source = self.document_source(project, &preset)?;
        self.typesetter
            .compile_pdf(&source, &document_options(project), &preset.fonts)
    }

    /// Builds every output the data declares into `stage`.
    pub fn build(
        &self,
        project: &Project,
        stage: &mut Stage,
        emit_typ: bool,
        progress: bool,
        only: &[OutputKind],
    ) -> Result<Summary, Error> {
        let wants = |k: OutputKind| only.is_empty() || only.contains(&k);
        let preset = self.preset(project)?;
        let data = &project.data;
        let doc = &data.document;
        let mut summary = Summary::default();

        // The main document and its distribution sheet.
        let source = self.document_source(project, &preset)?;
        let stem = match &doc.file {
            Some(f) => output::slug(f),
            None => output::slug(preset.types.get(&doc.kind).map_or(&doc.kind, |s| s)),
        };
        if stem.is_empty() {
            return Err(Error::problem(
                Problem::error("the output file name is empty")
                    .hint("set `document.file` to a name made of letters or digits"),
            ));
        }
        let options = document_options(project);
        if wants(OutputKind::Plan) {
            let pdf = self
                .typesetter
                .compile_pdf(&source, &options, &preset.fonts)?;
            stage.add("plan", &format!("{stem}.pdf"), &pdf, None)?;
            if emit_typ {
                stage.add(
                    "typst-source",
                    &format!("{stem}.typ"),
                    source.as_bytes(),
                    None,
                )?;
            }
            summary.documents += 1;
        }

        let type_name = preset.types.get(&doc.kind).cloned().unwrap_or_default();
        let header = view::header(data, &preset, &doc.kind, doc.number, doc.date);
        let sheet = SheetView {
            document: format!(
                "{} {}, ngày {}",
                letters::sentence_case(&type_name),
                lower_first(&header.number),
                preset.date_short(doc.date)
            ),
            rows: letters::sheet_rows(
                &data.recipients,
                &preset,
                &letters::sentence_case(&type_name),
            ),
            copies: 0,
            author: data.issuer.name.clone(),
            // A sheet is a register, not a numbered document.
            header: view::HeaderView {
                number: String::new(),
                ..header
            },
            first: true,
            last: true,
            offset: 0,
        };
        if wants(OutputKind::Recipients) {
            self.sheet(&preset, sheet, &options, stage, &format!("{stem}-noi-nhan"))?;
            summary.sheets += 1;
        }

        // Letters, print file and sheet of every event.
        let total: usize = project.events.iter().map(|e| e.delegates.len()).sum();
        let bar = progress_bar(progress && wants(OutputKind::Invitations), total);
        for event in &project.events {
            self.event(
                project,
                &preset,
                event,
                stage,
                emit_typ,
                &bar,
                &mut summary,
                only,
            )?;
        }
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        Ok(summary)
    }

    /// Renders, compiles and stages a distribution sheet. A long sheet is
    /// compiled in parts of [`SHEET_PART_ROWS`] rows on all cores and joined:
    /// Typst lays out one table of thousands of rows slowly and in much
    /// memory. Each part starts on a new page.
    fn sheet(
        &self,
        preset: &Preset,
        mut sheet: SheetView,
        options: &DocOptions,
        stage: &mut Stage,
        stem: &str,
    ) -> Result<(), Error> {
        sheet.copies = sheet.rows.iter().map(|r| r.copies).sum();
        let render = |part: &SheetView| {
            self.renderer.render(
                "sheet.typ.j2",
                &SheetContext {
                    version: env!("CARGO_PKG_VERSION"),
                    style: preset,
                    sheet: part,
                },
            )
        };
        let name = format!("{stem}.pdf");
        if sheet.rows.len() <= SHEET_PART_ROWS {
            let pdf = self
                .typesetter
                .compile_pdf(&render(&sheet)?, options, &preset.fonts)?;
            return stage.add("recipients", &name, &pdf, None);
        }
        let rows = std::mem::take(&mut sheet.rows);
        let count = rows.len().div_ceil(SHEET_PART_ROWS);
        let sources = rows
            .chunks(SHEET_PART_ROWS)
            .enumerate()
            .map(|(k, chunk)| {
                render(&SheetView {
                    rows: chunk.to_vec(),
                    first: k == 0,
                    last: k + 1 == count,
                    offset: k * SHEET_PART_ROWS,
                    header: sheet.header.clone(),
                    document: sheet.document.clone(),
                    author: sheet.author.clone(),
                    copies: sheet.copies,
                })
            })
            .collect::<Result<Vec<String>, Error>>()?;
        let next = AtomicUsize::new(0);
        let (tx, rx) = mpsc::channel::<(usize, Result<Vec<u8>, Error>)>();
        let mut parts: BTreeMap<usize, Vec<u8>> = BTreeMap::new();
        std::thread::scope(|scope| -> Result<(), Error> {
            for _ in 0..worker_count(count) {
                let (tx, next, sources) = (tx.clone(), &next, &sources);
                scope.spawn(move || {
                    loop {
                        let k = next.fetch_add(1, Ordering::Relaxed);
                        let Some(source) = sources.get(k) else { break };
                        let pdf = self
                            .typesetter
                            .compile(source, options, &preset.fonts)
                            .and_then(|doc| typeset::export(&doc, options.date, false));
                        comemo::evict(2);
                        if tx.send((k, pdf)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(tx);
            for (k, pdf) in rx {
                parts.insert(k, pdf?);
            }
            Ok(())
        })?;
        let join_err = |e: std::io::Error| Error::Write {
            path: PathBuf::from(&name),
            source: e,
        };
        let mut joined = typeset::PdfJoiner::new(stage.create(&name)?).map_err(join_err)?;
        for pdf in parts.values() {
            joined.push(pdf).map_err(join_err)?;
        }
        let file = joined.finish(&sheet.document).map_err(join_err)?;
        stage.record("recipients", file)
    }

    /// Letters, print file and dispatch sheet of one event.
    #[allow(clippy::too_many_arguments)]
    fn event(
        &self,
        project: &Project,
        base_preset: &Preset,
        event: &ResolvedEvent,
        stage: &mut Stage,
        emit_typ: bool,
        bar: &Option<indicatif::ProgressBar>,
        summary: &mut Summary,
        only: &[OutputKind],
    ) -> Result<(), Error> {
        let wants = |k: OutputKind| only.is_empty() || only.contains(&k);
        let data = &project.data;
        let ev = &event.event;
        let a5;
        let preset = match ev.invitation.paper {
            crate::data::model::Paper::A4 => base_preset,
            crate::data::model::Paper::A5 => {
                a5 = base_preset.for_a5();
                &a5
            }
        };
        let (view, letters, sources, chunks_of) =
            self.letter_sources(project, preset, event, None)?;
        let chunks: Vec<&[LetterView]> = letters.chunks(chunks_of).collect();
        let unit_name = data
            .units
            .iter()
            .find(|u| u.id == ev.unit)
            .map_or(ev.title.as_str(), |u| u.name.as_str());
        let slug = output::slug(unit_name);
        let options = DocOptions {
            date: ev.invitation.date,
            source_name: format!("{} (letters)", project.file.name),
            // The list, so a bad character is shown where it was typed.
            data: event.list.clone(),
        };
        let workers = worker_count(letters.len());
        if emit_typ && let Some(first) = sources.first() {
            stage.add(
                "typst-source",
                &format!("giay-moi/{slug}.typ"),
                first.as_bytes(),
                None,
            )?;
        }
        if wants(OutputKind::Invitations) {
            let job = LetterJob {
                letters: &letters,
                chunks: &chunks,
                sources: &sources,
                options: &options,
                view: &view,
                workers,
                slug: &slug,
                event: ev,
                fonts: &preset.fonts,
            };
            self.letters(&job, bar, stage)?;
            summary.letters += letters.len();
            summary.delegates += event.delegates.len();
            summary.summonses += letters.iter().filter(|l| l.summons).count();
            summary.print_files += 1;
        }
        if wants(OutputKind::Recipients) {
            self.event_sheet(&letters, &view, preset, ev, &options, stage, &slug)?;
            summary.sheets += 1;
        }
        Ok(())
    }

    /// Compiles the letters of an event on worker threads, stages one PDF
    /// per delegate, then the print file.
    fn letters(
        &self,
        job: &LetterJob,
        bar: &Option<indicatif::ProgressBar>,
        stage: &mut Stage,
    ) -> Result<(), Error> {
        let LetterJob {
            letters,
            chunks,
            sources,
            options,
            view,
            workers,
            slug,
            event: ev,
            fonts,
        } = *job;
        let width = letters.len().to_string().len().max(3);
        let title = |l: &LetterView| {
            format!(
                "{} – {} {}",
                if l.summons {
                    "GIẤY TRIỆU TẬP"
                } else {
                    "GIẤY MỜI"
                },
                l.salutation,
                l.name
            )
        };
        let next = AtomicUsize::new(0);
        let (tx, rx) = mpsc::channel::<(usize, Result<ChunkOut, Error>)>();
        let print_rel = format!("giay-moi/{slug}-ban-in.pdf");
        let print_err = |e: std::io::Error| Error::Write {
            path: PathBuf::from(&print_rel),
            source: e,
        };
        let mut print = typeset::PdfJoiner::new(stage.create(&print_rel)?).map_err(print_err)?;
        let mut written = vec![false; letters.len()];
        let result: Result<(), Error> = std::thread::scope(|scope| {
            for _ in 0..workers {
                let tx = tx.clone();
                let (next, sources, chunks, options) = (&next, &sources, &chunks, &options);
                let title = &title;
                let author = &view.author;
                scope.spawn(move || {
                    loop {
                        let k = next.fetch_add(1, Ordering::Relaxed);
                        let Some(source) = sources.get(k) else { break };
                        let out = self.chunk(source, chunks[k], options, fonts, title, author);
                        if tx.send((k, out)).is_err() {
                            break;
                        }
                        // Keep comemo's cache small: a batch would otherwise grow
                        // by the layout of every chunk.
                        comemo::evict(2);
                    }
                });
            }
            drop(tx);
            // Write chunks in order as they arrive, so the manifest is the
            // same on every run and memory holds only a few chunks.
            let mut pending: BTreeMap<usize, ChunkOut> = BTreeMap::new();
            let mut expected = 0;
            for (k, out) in rx {
                match out {
                    Ok(out) => {
                        pending.insert(k, out);
                    }
                    Err(e) => {
                        // Stop the workers early: they take no new chunk.
                        next.store(usize::MAX / 2, Ordering::Relaxed);
                        return Err(e);
                    }
                }
                while let Some(out) = pending.remove(&expected) {
                    for (index, pdf) in out.letters {
                        let Some(l) = letters.get(index.wrapping_sub(1)) else {
                            continue;
                        };
                        let name = format!(
                            "giay-moi/{slug}/{:0width$}-{}.pdf",
                            index,
                            output::slug(&l.name)
                        );
                        stage.add("invitation", &name, &pdf, Some(&l.name))?;
                        written[index - 1] = true;
                        if let Some(bar) = bar {
                            bar.inc(1);
                        }
                    }
                    print.push(&out.pdf).map_err(print_err)?;
                    expected += 1;
                }
            }
            Ok(())
        });
        result?;

        // Never fewer letters than delegates, silently.
        let missing: Vec<&str> = letters
            .iter()
            .zip(&written)
            .filter(|(_, w)| !**w)
            .map(|(l, _)| l.name.as_str())
            .collect();
        if !missing.is_empty() {
            return Err(Error::problem(
                Problem::error(format!(
                    "{} of {} letters of `{}` were not produced: {}",
                    missing.len(),
                    letters.len(),
                    ev.title,
                    missing.join(", ")
                ))
                .hint("a template override may have dropped the letter marker (#metadata(…) <vanban-letter>)"),
            ));
        }

        // One print file with every letter, in list order: the chunks' PDFs
        // joined as they came, so no batch has to stay in memory.
        let title = format!("GIẤY MỜI – {}", ev.title);
        let file = print.finish(&title).map_err(print_err)?;
        stage.record("invitations-print", file)?;
        Ok(())
    }

    /// The distribution sheet of an event's letters: every delegate, then
    /// the other recipients.
    #[allow(clippy::too_many_arguments)]
    fn event_sheet(
        &self,
        letters: &[LetterView],
        view: &EventView,
        preset: &Preset,
        ev: &crate::data::model::Event,
        options: &DocOptions,
        stage: &mut Stage,
        slug: &str,
    ) -> Result<(), Error> {
        let mut rows: Vec<letters::SheetRow> = letters
            .iter()
            .map(|l| letters::SheetRow {
                to: if l.position.is_empty() {
                    format!("{} {}", l.salutation, l.name)
                } else {
                    format!("{} {} – {}", l.salutation, l.name, l.position)
                },
                what: if l.summons {
                    "Giấy triệu tập"
                } else {
                    "Giấy mời"
                }
                .to_string(),
                purpose: String::new(),
                copies: 1,
            })
            .collect();
        rows.extend(letters::sheet_rows(
            &ev.invitation.recipients,
            preset,
            "Giấy mời",
        ));
        let sheet = SheetView {
            document: format!(
                "Giấy mời {}, ngày {}: {}",
                lower_first(&view.header.number),
                preset.date_short(ev.invitation.date),
                ev.title
            ),
            rows,
            copies: 0,
            author: view.author.clone(),
            header: view::HeaderView {
                number: String::new(),
                ..view.header.clone()
            },
            first: true,
            last: true,
            offset: 0,
        };
        self.sheet(
            preset,
            sheet,
            options,
            stage,
            &format!("giay-moi/{slug}-noi-nhan"),
        )
    }

    /// The letters of an event and their generated Typst sources, `chunk`
    /// letters to a source (by default a size that keeps every core busy).
    /// Returns the event view, the letters, the sources and the chunk size.
    pub fn letter_sources(
        &self,
        project: &Project,
        preset: &Preset,
        event: &ResolvedEvent,
        chunk: Option<usize>,
    ) -> Result<(EventView, Vec<LetterView>, Vec<String>, usize), Error> {
        let ev = &event.event;
        let view = letters::event_view(project, preset, event)
            .map_err(|issues| locate_issues(&project.file, issues))?;
        let letters: Vec<LetterView> = event
            .delegates
            .iter()
            .enumerate()
            .map(|(i, d)| letters::letter(preset, ev.invitation.summons, i + 1, d))
            .collect();
        let workers = worker_count(letters.len());
        // Enough chunks for every worker to stay busy, few enough that the
        // per-compile overhead stays small.
        let chunk = chunk
            .unwrap_or((letters.len() / (workers * 4)).clamp(8, 64))
            .max(1);
        let sources = letters
            .chunks(chunk)
            .map(|c| {
                self.renderer.render(
                    "invitations.typ.j2",
                    &LettersContext {
                        version: env!("CARGO_PKG_VERSION"),
                        style: preset,
                        event: &view,
                        letters: c,
                    },
                )
            })
            .collect::<Result<Vec<String>, Error>>()?;
        Ok((view, letters, sources, chunk))
    }

    /// Compiles one chunk of letters and splits it into one PDF per letter.
    fn chunk(
        &self,
        source: &str,
        letters: &[LetterView],
        options: &DocOptions,
        fonts: &[String],
        title: &(dyn Fn(&LetterView) -> String + Sync),
        author: &str,
    ) -> Result<ChunkOut, Error> {
        let document = self.typesetter.compile(source, options, fonts)?;
        // Exporting each letter on its own would subset and compress the
        // fonts once per letter, most of the cost of a letter. Instead the
        // chunk is exported once and split page-wise at the PDF level.
        let whole = typeset::export(&document, options.date, false)?;
        let split = typeset::PdfSplitter::new(&whole);
        let mut out = Vec::with_capacity(letters.len());
        for (index, pages) in typeset::letter_pages(&document) {
            let Ok(index) = usize::try_from(index) else {
                continue;
            };
            let Some(l) = letters.iter().find(|l| l.index == index) else {
                continue;
            };
            let pdf = match split
                .as_ref()
                .and_then(|s| s.extract(pages.clone(), &title(l)))
            {
                Some(pdf) => pdf,
                // A document the splitter cannot read is exported page by page.
                None => {
                    let one = typeset::sub_document(&document, pages, &title(l), author);
                    typeset::export(&one, options.date, false)?
                }
            };
            out.push((index, pdf));
        }
        Ok(ChunkOut {
            letters: out,
            pdf: whole,
        })
    }
}

/// Rows of a distribution sheet compiled as one Typst document.
const SHEET_PART_ROWS: usize = 300;

/// Compile options of the main document and its sheet.
pub fn document_options(project: &Project) -> DocOptions {
    DocOptions {
        date: project.data.document.date,
        source_name: project.file.name.clone(),
        data: Some(project.file.clone()),
    }
}

/// Worker threads for `n` letters: one per core, never more than letters.
fn worker_count(n: usize) -> usize {
    std::thread::available_parallelism()
        .map_or(1, |c| c.get())
        .min(n.max(1))
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn progress_bar(enabled: bool, total: usize) -> Option<indicatif::ProgressBar> {
    if !enabled || total == 0 || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos}/{len} letters {wide_bar} {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(bar)
}

/// Runs `vanban build`; returns the manifest entries written and the summary.
pub fn run(opts: &BuildOptions) -> Result<(Vec<ManifestEntry>, Summary), Error> {
    let engine = Engine::new(Templates::new(opts.templates.clone()), &opts.font_paths)?;
    let project = engine.load(&opts.data)?;
    let mut stage = Stage::new(&opts.out)?;
    let summary = engine.build(
        &project,
        &mut stage,
        opts.emit_typ,
        opts.progress,
        &opts.only,
    )?;
    Ok((stage.commit()?, summary))
}
