//! `vanban build`: data → views → Typst sources → PDFs, staged and moved
//! into place only when everything succeeded.
//!
//! Letters are compiled in chunks (one Typst document of many letters,
//! split into one PDF per delegate afterwards) on plain `std::thread`
//! workers: typst uses rayon inside, and nesting whole compiles in a rayon
//! pool overflows the stack.
//!
//! Builds are incremental: every output records the hash of what it was
//! made from ([`output::ManifestEntry::inputs`]); a rebuild makes only the
//! outputs whose hash changed, takes the unchanged pages of print files and
//! sheets from the last ones, and gives the bytes a build from scratch
//! would (a letter's PDF depends on that letter alone: see
//! [`letters::repertoire`]).

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
use crate::output::{self, ManifestEntry, Previous, Stage};
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
    /// Remake every output, even those whose inputs did not change.
    pub force: bool,
}

impl OutputKind {
    /// The `--only` kind that makes a manifest entry of `kind` (`None` for
    /// generated sources, which go with `--emit-typ`).
    pub fn of(kind: &str) -> Option<Self> {
        match kind {
            "plan" => Some(Self::Plan),
            "invitation" | "invitations-print" => Some(Self::Invitations),
            "recipients" => Some(Self::Recipients),
            _ => None,
        }
    }
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
#[derive(Debug, Default, Clone)]
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
    /// What changed on disk compared with the last build.
    pub changes: output::Changes,
    /// What `vanban check` warns about: printed, does not stop the build.
    pub warnings: Vec<Problem>,
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
    /// Hash of everything besides the data that shapes an output: tool,
    /// templates, presets, fonts, the reproducible-build clock.
    fingerprint: String,
    /// Set when the checks beside a build find an error: the build stops
    /// at its next step, as nothing it makes would be written.
    stop: std::sync::atomic::AtomicBool,
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

/// An event's outputs worked out, not yet made ([`Engine::prepare_event`]).
struct PreparedEvent {
    /// The preset, for A5 letters made smaller.
    preset: Preset,
    view: EventView,
    letters: Vec<LetterView>,
    /// Letters and a print file are wanted.
    invitations: bool,
    /// What each letter is made from (see [`Engine::letter_keys`]).
    keys: Vec<String>,
    slug: String,
    options: DocOptions,
    sheet: Option<SheetPlan>,
}

/// A distribution sheet cut into pages, and what each is made from.
struct SheetPlan {
    /// What the sheet lists (its title line).
    document: String,
    parts: Vec<SheetView>,
    keys: Vec<String>,
    /// What the whole sheet is made from.
    inputs: String,
}

/// The letters of one event, ready to compile.
#[derive(Clone, Copy)]
struct LetterJob<'a> {
    letters: &'a [LetterView],
    /// What each letter is made from.
    keys: &'a [String],
    options: &'a DocOptions,
    view: &'a EventView,
    preset: &'a Preset,
    slug: &'a str,
    event: &'a crate::data::model::Event,
}

/// A letter's output file and what it is made from.
struct LetterItem {
    rel: String,
    inputs: String,
    have: Have,
}

/// A joined file of the last build (print file, sheet), read once so a
/// rebuild can take the pages of its unchanged parts from it.
struct OldJoined {
    pdf: typeset::JoinedPdf,
    /// Each part's pages, by the part's inputs.
    parts: std::collections::HashMap<String, std::ops::Range<usize>>,
    /// Its object numbers → those of the file being joined.
    done: std::collections::HashMap<u32, u32>,
}

impl OldJoined {
    /// The file at `rel` if the last build joined it from parts and it is
    /// intact (its bytes match the manifest, its pages the parts).
    fn load(previous: &Previous, rel: &str) -> Option<Self> {
        let entry = previous.entry(rel)?;
        if entry.parts.is_empty() {
            return None;
        }
        let pdf = typeset::JoinedPdf::read(previous.read(rel)?)?;
        let mut parts = std::collections::HashMap::new();
        let mut at = 0;
        for p in &entry.parts {
            parts.entry(p.inputs.clone()).or_insert(at..at + p.pages);
            at += p.pages;
        }
        (pdf.pages() == at).then_some(Self {
            pdf,
            parts,
            done: Default::default(),
        })
    }

    /// Appends the pages of the part made from `inputs` to `to`; `None` if
    /// the file has no such part.
    fn push<W: std::io::Write>(
        &mut self,
        to: &mut typeset::PdfJoiner<W>,
        inputs: &str,
    ) -> Option<std::io::Result<usize>> {
        let range = self.parts.get(inputs)?.clone();
        let n = range.len();
        Some(to.push_joined(&self.pdf, range, &mut self.done).map(|_| n))
    }
}

/// The main document (its path, PDF and generated source) and its
/// distribution sheet, as [`Engine::build`] makes them beside the events.
#[derive(Default)]
struct PlanOut {
    document: Option<(String, Made, String)>,
    sheet: Option<Made>,
}

/// An output made in memory, or kept from the last build.
enum Made {
    /// The last build's file stays.
    Kept(ManifestEntry),
    /// A file made whole.
    New { bytes: Vec<u8>, inputs: String },
    /// A file joined from parts.
    Joined {
        bytes: Vec<u8>,
        inputs: String,
        parts: Vec<output::Part>,
    },
}

impl Made {
    fn stage(self, stage: &mut Stage, kind: &str, rel: &str) -> Result<(), Error> {
        match self {
            Made::Kept(entry) => {
                stage.keep(&entry, None);
                Ok(())
            }
            Made::New { bytes, inputs } => stage.add(kind, rel, &bytes, None, &inputs),
            Made::Joined {
                bytes,
                inputs,
                parts,
            } => stage.add_joined(kind, rel, &bytes, &inputs, parts),
        }
    }
}

/// What a rebuild does for one letter.
enum Have {
    /// Left as it is on disk.
    Kept(ManifestEntry),
    /// The same letter under another number: its bytes, from the old file.
    Moved(Vec<u8>),
    /// Made anew.
    Make,
}

/// One chunk of letters, compiled: each letter's PDF, and the chunk's PDF
/// for the print file.
struct ChunkOut {
    /// Each letter's index, PDF and pages in the chunk.
    letters: Vec<(usize, Vec<u8>, std::ops::Range<usize>)>,
    /// The chunk's PDF, parsed, for the print file (`None` if it could not
    /// be read: the letters' own PDFs are joined then).
    doc: Option<typeset::PdfSplitter>,
}

impl Engine {
    /// Loads templates and fonts.
    pub fn new(templates: Templates, font_paths: &[PathBuf]) -> Result<Self, Error> {
        let renderer = Renderer::new(&templates)?;
        let paths: Vec<&Path> = font_paths.iter().map(PathBuf::as_path).collect();
        let typesetter = Typesetter::new(&templates, &paths)?;
        let fingerprint = fingerprint(&templates, font_paths)?;
        Ok(Self {
            templates,
            renderer,
            typesetter,
            fingerprint,
            stop: Default::default(),
        })
    }

    /// Runs the checks of `vanban check` on a loaded project read from
    /// `data`: (errors, warnings). Besides [`crate::check::check`], the
    /// preset's format rules ([`crate::check::format`]) and whatever would
    /// stop the build when the document or an invitation is laid out
    /// (an unknown type code, a signing mode without its body …).
    pub fn check_project(&self, project: &Project, data: &Path) -> (Vec<Problem>, Vec<Problem>) {
        // The file as typed, before NFC, to tell a decomposed one.
        let raw = std::fs::read_to_string(data).ok();
        let mut problems = crate::check::check(project, raw.as_deref());
        let problems_of = |e: Error| match e {
            Error::Problems(p) => p,
            other => vec![Problem::error(other.to_string())],
        };
        match self.preset(project) {
            Ok(preset) => {
                problems.extend(crate::check::format(project, &preset));
                if let Err(issues) = view::build(project, &preset) {
                    problems.extend(problems_of(locate_issues(&project.file, issues)));
                }
                for event in &project.events {
                    if let Err(issues) = letters::event_view(project, &preset, event) {
                        problems.extend(problems_of(locate_issues(&project.file, issues)));
                    }
                }
            }
            Err(e) => problems.extend(problems_of(e)),
        }
        problems
            .into_iter()
            .partition(|p| p.severity == crate::error::Severity::Error)
    }

    /// Reads the data file and every delegate list it names.
    pub fn load(&self, path: &Path) -> Result<Project, Error> {
        let loaded = data::load::<DataFile>(path)?;
        let base = path.parent().unwrap_or(Path::new("."));
        let mut project = resolve::resolve(loaded, base)?;
        if let Some(style) = project.data.document.tone_style {
            unify_tone_marks(&mut project, style)?;
        }
        Ok(project)
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

    /// Builds every output the data declares into `stage`. An output whose
    /// inputs are those `previous` records, and whose file is still there,
    /// is kept as it is rather than made again.
    #[allow(clippy::too_many_arguments)]
    pub fn build(
        &self,
        project: &Project,
        stage: &mut Stage,
        previous: &Previous,
        emit_typ: bool,
        progress: bool,
        only: &[OutputKind],
    ) -> Result<Summary, Error> {
        let wants = |k: OutputKind| only.is_empty() || only.contains(&k);
        let preset = self.preset(project)?;
        let doc = &project.data.document;

        // The main document and its distribution sheet.
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
        // They are made on a thread of their own while the events are:
        // after a one-name edit neither changes, and working out that they
        // have not is a few milliseconds of rendering and hashing.
        let (plan, events) = std::thread::scope(|scope| {
            let plan = scope.spawn(|| {
                let made = self.plan(project, &preset, previous, &stem, &wants);
                if made.is_err() {
                    self.stop.store(true, Ordering::Relaxed);
                }
                made
            });
            let events = self.events(project, &preset, stage, previous, emit_typ, progress, only);
            let plan = plan.join().unwrap_or_else(|_| {
                Err(Error::problem(Problem::error(
                    "making the main document failed unexpectedly",
                )))
            });
            (plan, events)
        });
        let plan = plan?;
        let mut summary = events?;
        // The main document comes first in the manifest, as it is made first.
        let events_staged = stage.entries().len();
        if let Some((rel, made, source)) = plan.document {
            made.stage(stage, "plan", &rel)?;
            if emit_typ {
                let rel = format!("{stem}.typ");
                put(stage, previous, "typst-source", &rel, source.as_bytes())?;
            }
            summary.documents += 1;
        }
        if let Some(sheet) = plan.sheet {
            sheet.stage(stage, "recipients", &format!("{stem}-noi-nhan.pdf"))?;
            summary.sheets += 1;
        }
        stage.move_to_front(events_staged);
        Ok(summary)
    }

    /// The main document and its distribution sheet, made or kept, not yet
    /// staged.
    fn plan(
        &self,
        project: &Project,
        preset: &Preset,
        previous: &Previous,
        stem: &str,
        wants: &(dyn Fn(OutputKind) -> bool + Sync),
    ) -> Result<PlanOut, Error> {
        let options = document_options(project);
        let mut out = PlanOut::default();
        if wants(OutputKind::Plan) {
            let source = self.document_source(project, preset)?;
            let rel = format!("{stem}.pdf");
            let inputs = self.inputs(&["plan", &source, &options.date.to_string()]);
            let made = match previous.unchanged(&rel, &inputs) {
                Some(kept) => Made::Kept(kept.clone()),
                None => Made::New {
                    bytes: self
                        .typesetter
                        .compile_pdf(&source, &options, &preset.fonts)?,
                    inputs,
                },
            };
            out.document = Some((rel, made, source));
        }
        if wants(OutputKind::Recipients) {
            let sheet = self.sheet_plan(preset, self.plan_sheet(project, preset), &options)?;
            let name = format!("{stem}-noi-nhan.pdf");
            out.sheet = Some(self.sheet_pdf(preset, sheet, &options, previous, &name)?);
        }
        Ok(out)
    }

    /// Letters, print files and sheets of every event, staged in order.
    #[allow(clippy::too_many_arguments)]
    fn events(
        &self,
        project: &Project,
        preset: &Preset,
        stage: &mut Stage,
        previous: &Previous,
        emit_typ: bool,
        progress: bool,
        only: &[OutputKind],
    ) -> Result<Summary, Error> {
        let wants = |k: OutputKind| only.is_empty() || only.contains(&k);
        let mut summary = Summary::default();
        let total: usize = project.events.iter().map(|e| e.delegates.len()).sum();
        // Every event is worked out first, on all cores, so that what a
        // rebuild keeps is known before anything is typeset.
        let prepared = parallel_map(&project.events, |event| {
            self.prepare_event(project, preset, event, only)
        });
        let bar = progress_bar(progress && wants(OutputKind::Invitations), total);
        for (event, prepared) in project.events.iter().zip(prepared) {
            self.stopped()?;
            self.event(
                event,
                prepared?,
                (stage, previous),
                emit_typ,
                &bar,
                &mut summary,
            )?;
        }
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        Ok(summary)
    }

    /// The distribution sheet of the main document: its Nơi nhận.
    pub fn plan_sheet(&self, project: &Project, preset: &Preset) -> SheetView {
        let data = &project.data;
        let doc = &data.document;
        let type_name = preset.types.get(&doc.kind).cloned().unwrap_or_default();
        let header = view::header(data, preset, &doc.kind, doc.number, doc.date);
        let rows = letters::sheet_rows(
            &data.recipients,
            preset,
            &letters::sentence_case(&type_name),
        );
        SheetView {
            document: format!(
                "{} {}, ngày {}",
                letters::sentence_case(&type_name),
                lower_first(&header.number),
                preset.date_short(doc.date)
            ),
            copies: rows.iter().map(|r| r.copies).sum(),
            rows,
            author: data.issuer.name.clone(),
            // A sheet is a register, not a numbered document.
            header: view::HeaderView {
                number: String::new(),
                ..header
            },
            first: true,
            last: true,
            offset: 0,
            glyphs: String::new(),
        }
    }

    /// The whole of a distribution sheet as one Typst source (for previews;
    /// the build typesets it in parts).
    pub fn sheet_source(&self, preset: &Preset, mut sheet: SheetView) -> Result<String, Error> {
        sheet.copies = sheet.rows.iter().map(|r| r.copies).sum();
        sheet.glyphs = self.sheet_glyphs(preset, &sheet)?;
        self.render_sheet(preset, &sheet)
    }

    fn render_sheet(&self, preset: &Preset, sheet: &SheetView) -> Result<String, Error> {
        self.renderer.render(
            "sheet.typ.j2",
            &SheetContext {
                version: env!("CARGO_PKG_VERSION"),
                style: preset,
                sheet,
            },
        )
    }

    /// The glyph repertoire of a sheet: its rows, header, preset, templates.
    fn sheet_glyphs(&self, preset: &Preset, sheet: &SheetView) -> Result<String, Error> {
        self.glyphs(vec![json(sheet), json(preset)], "sheet.typ.j2")
    }

    /// [`letters::repertoire`] of `texts` (views as JSON) and of `template`
    /// with the layout it calls.
    fn glyphs(&self, mut texts: Vec<String>, template: &str) -> Result<String, Error> {
        for name in [template, "layout/vanban.typ"] {
            if let Some(t) = self.templates.get(name)? {
                texts.push(t.text.to_string());
            }
        }
        Ok(letters::repertoire(texts.iter().map(String::as_str)))
    }

    /// Lays out a generated source, as the build does before exporting it.
    pub fn compile(
        &self,
        source: &str,
        options: &DocOptions,
        fonts: &[String],
    ) -> Result<typst_layout::PagedDocument, Error> {
        self.typesetter.compile(source, options, fonts)
    }

    /// A distribution sheet cut into pages ([`letters::sheet_pages`]), with
    /// what each page and the whole are made from: no typesetting yet.
    fn sheet_plan(
        &self,
        preset: &Preset,
        mut sheet: SheetView,
        options: &DocOptions,
    ) -> Result<SheetPlan, Error> {
        sheet.copies = sheet.rows.iter().map(|r| r.copies).sum();
        sheet.glyphs = self.sheet_glyphs(preset, &sheet)?;
        let widths = self.typesetter.widths(&preset.fonts);
        let pages = letters::sheet_pages(&sheet.rows, preset, &widths, &sheet.document);
        let count = pages.len();
        let parts: Vec<SheetView> = pages
            .iter()
            .enumerate()
            .map(|(k, range)| SheetView {
                rows: sheet.rows[range.clone()].to_vec(),
                first: k == 0,
                last: k + 1 == count,
                offset: range.start,
                header: sheet.header.clone(),
                document: sheet.document.clone(),
                author: sheet.author.clone(),
                copies: sheet.copies,
                glyphs: sheet.glyphs.clone(),
            })
            .collect();
        // A page's key is its data and the preset (the templates are in
        // every key): only the pages that changed are rendered to Typst.
        let date = options.date.to_string();
        let style = json(preset);
        let keys: Vec<String> = parts
            .iter()
            .map(|part| self.inputs(&["sheet-page", &style, &json(part), &date]))
            .collect();
        let mut all: Vec<&str> = vec!["recipients", &sheet.document];
        all.extend(keys.iter().map(String::as_str));
        let inputs = self.inputs(&all);
        Ok(SheetPlan {
            document: sheet.document,
            parts,
            keys,
            inputs,
        })
    }

    /// The PDF of a distribution sheet, page by page
    /// ([`letters::sheet_pages`]): the pages compile on all cores (Typst lays
    /// out a long table slowly) and are joined; a rebuild compiles only the
    /// pages whose rows changed and takes the others from the last sheet
    /// (or keeps the last sheet if nothing in it changed). Nothing is
    /// staged, so it can be made alongside the letters.
    fn sheet_pdf(
        &self,
        preset: &Preset,
        plan: SheetPlan,
        options: &DocOptions,
        previous: &Previous,
        name: &str,
    ) -> Result<Made, Error> {
        let SheetPlan {
            document,
            parts,
            keys,
            inputs,
        } = plan;
        let count = parts.len();
        if let Some(kept) = previous.unchanged(name, &inputs) {
            return Ok(Made::Kept(kept.clone()));
        }
        // Which parts the last sheet has, from the manifest alone: its
        // pages are read while the new parts compile.
        let old_parts: std::collections::HashSet<&str> = previous
            .entry(name)
            .map(|e| e.parts.iter().map(|p| p.inputs.as_str()).collect())
            .unwrap_or_default();
        let todo: Vec<usize> = (0..count)
            .filter(|k| !old_parts.contains(keys[*k].as_str()))
            .collect();
        let mut old = None;
        let next = AtomicUsize::new(0);
        type Part = (typeset::PdfSplitter, std::ops::Range<usize>);
        let (tx, rx) = mpsc::channel::<(usize, Result<Part, Error>)>();
        let mut made: BTreeMap<usize, Part> = BTreeMap::new();
        std::thread::scope(|scope| -> Result<(), Error> {
            for _ in 0..worker_count(todo.len()) {
                let (tx, next, parts, todo) = (tx.clone(), &next, &parts, &todo);
                scope.spawn(move || {
                    while let Some(&k) = todo.get(next.fetch_add(1, Ordering::Relaxed)) {
                        let pdf = self
                            .render_sheet(preset, &parts[k])
                            .and_then(|source| self.typesetter.compile(&source, options, &preset.fonts))
                            .and_then(|doc| {
                                let printed = typeset::printed_pages(&doc);
                                let pdf = typeset::export(&doc, options.date, false)?;
                                typeset::PdfSplitter::new(&pdf)
                                    .map(|pdf| (pdf, printed))
                                    .ok_or_else(|| {
                                        Error::problem(Problem::error(
                                            "the PDF of a distribution sheet could not be read back",
                                        ))
                                    })
                            });
                        comemo::evict(2);
                        if tx.send((k, pdf)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(tx);
            if todo.len() < count {
                old = OldJoined::load(previous, name);
            }
            for (k, pdf) in rx {
                made.insert(k, pdf?);
            }
            Ok(())
        })?;
        let join_err = |e: std::io::Error| Error::Write {
            path: PathBuf::from(name),
            source: e,
        };
        let mut joined = typeset::PdfJoiner::new(Vec::new()).map_err(join_err)?;
        let mut parts = Vec::with_capacity(count);
        for (k, key) in keys.iter().enumerate() {
            let pages = match made.get(&k) {
                // Without the glyph page.
                Some((part, range)) => {
                    let range = range.clone();
                    let n = range.len();
                    joined
                        .push_pages(part, range, &mut typeset::Shared::default())
                        .map(|_| n)
                }
                None => old
                    .as_mut()
                    .and_then(|o| o.push(&mut joined, key))
                    .unwrap_or_else(|| {
                        Err(std::io::Error::other("a page of the last sheet is gone"))
                    }),
            }
            .map_err(join_err)?;
            parts.push(output::Part {
                inputs: key.clone(),
                pages,
            });
        }
        let bytes = joined.finish(&document).map_err(join_err)?;
        Ok(Made::Joined {
            bytes,
            inputs,
            parts,
        })
    }

    /// What an event's outputs are made from (its letters, their keys,
    /// its sheet cut into pages): the work of a rebuild that typesets
    /// nothing, done for every event at once, before any is made.
    fn prepare_event(
        &self,
        project: &Project,
        base_preset: &Preset,
        event: &ResolvedEvent,
        only: &[OutputKind],
    ) -> Result<PreparedEvent, Error> {
        let wants = |k: OutputKind| only.is_empty() || only.contains(&k);
        let ev = &event.event;
        let preset = match ev.invitation.paper {
            crate::data::model::Paper::A4 => base_preset.clone(),
            crate::data::model::Paper::A5 => base_preset.for_a5(),
        };
        let (view, letters) = self.event_letters(project, &preset, event)?;
        let unit_name = project
            .data
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
        let invitations = wants(OutputKind::Invitations);
        let keys = if invitations {
            self.letter_keys(&preset, &view, &letters, &options)?
        } else {
            Vec::new()
        };
        let sheet = if wants(OutputKind::Recipients) {
            let rows = self.event_sheet(&letters, &view, &preset, ev);
            Some(self.sheet_plan(&preset, rows, &options)?)
        } else {
            None
        };
        Ok(PreparedEvent {
            preset,
            view,
            letters,
            invitations,
            keys,
            slug,
            options,
            sheet,
        })
    }

    /// Letters, print file and dispatch sheet of one event.
    #[allow(clippy::too_many_arguments)]
    fn event(
        &self,
        event: &ResolvedEvent,
        prepared: PreparedEvent,
        (stage, previous): (&mut Stage, &Previous),
        emit_typ: bool,
        bar: &Option<indicatif::ProgressBar>,
        summary: &mut Summary,
    ) -> Result<(), Error> {
        let ev = &event.event;
        let PreparedEvent {
            preset,
            view,
            letters,
            invitations,
            keys,
            slug,
            options,
            sheet,
        } = prepared;
        let preset = &preset;
        if emit_typ && !letters.is_empty() {
            let first = &letters[..chunk_size(letters.len()).min(letters.len())];
            let source = self.render_letters(preset, &view, first)?;
            put(
                stage,
                previous,
                "typst-source",
                &format!("giay-moi/{slug}.typ"),
                source.as_bytes(),
            )?;
        }
        let sheet_rel = format!("giay-moi/{slug}-noi-nhan.pdf");
        // The sheet is made alongside the letters: after a one-name edit
        // each has one page to typeset, on a core of its own.
        let made = std::thread::scope(|scope| -> Result<Option<Made>, Error> {
            let sheet = sheet.map(|plan| {
                let (options, sheet_rel) = (&options, &sheet_rel);
                scope.spawn(move || self.sheet_pdf(preset, plan, options, previous, sheet_rel))
            });
            if invitations {
                let job = LetterJob {
                    letters: &letters,
                    keys: &keys,
                    options: &options,
                    view: &view,
                    preset,
                    slug: &slug,
                    event: ev,
                };
                self.letters(&job, bar, stage, previous)?;
                summary.letters += letters.len();
                summary.delegates += event.delegates.len();
                summary.summonses += letters.iter().filter(|l| l.summons).count();
                summary.print_files += 1;
            }
            sheet
                .map(|h| {
                    h.join().unwrap_or_else(|_| {
                        Err(Error::problem(Problem::error(
                            "making the distribution sheet failed unexpectedly",
                        )))
                    })
                })
                .transpose()
        })?;
        if let Some(sheet) = made {
            sheet.stage(stage, "recipients", &sheet_rel)?;
            summary.sheets += 1;
        }
        Ok(())
    }

    /// What each letter of an event is made from: the batch source without
    /// letters (preset, event, wording, glyph repertoire), then the letter
    /// itself.
    fn letter_keys(
        &self,
        preset: &Preset,
        view: &EventView,
        letters: &[LetterView],
        options: &DocOptions,
    ) -> Result<Vec<String>, Error> {
        let common = self.inputs(&[
            "letters",
            &self.render_letters(preset, view, &[])?,
            &options.date.to_string(),
        ]);
        Ok(letters
            .iter()
            .map(|l| {
                // The index only names the file: the same letter moved down
                // the list is the same PDF.
                let letter = json(&LetterView {
                    index: 0,
                    ..l.clone()
                });
                self.inputs(&[&common, &letter, &letter_title(l)])
            })
            .collect())
    }

    /// Makes the letters of an event whose inputs changed, on worker
    /// threads, keeps the others, and remakes the print file if any letter
    /// changed (or it is missing). Stages everything in list order.
    fn letters(
        &self,
        job: &LetterJob,
        bar: &Option<indicatif::ProgressBar>,
        stage: &mut Stage,
        previous: &Previous,
    ) -> Result<(), Error> {
        let LetterJob {
            letters,
            keys,
            options,
            view,
            preset,
            slug,
            event: ev,
        } = *job;
        let width = letters.len().to_string().len().max(3);
        let title = |l: &LetterView| letter_title(l);
        let items: Vec<LetterItem> = letters
            .iter()
            .zip(keys)
            .map(|(l, inputs)| {
                let rel = format!(
                    "giay-moi/{slug}/{:0width$}-{}.pdf",
                    l.index,
                    output::slug(&l.name)
                );
                let have = match previous.unchanged(&rel, inputs) {
                    Some(kept) => Have::Kept(kept.clone()),
                    None => previous.reuse(inputs).map_or(Have::Make, Have::Moved),
                };
                LetterItem {
                    rel,
                    inputs: inputs.clone(),
                    have,
                }
            })
            .collect();
        let print_rel = format!("giay-moi/{slug}-ban-in.pdf");
        let print_title = format!("GIẤY MỜI – {}", ev.title);
        let mut print_parts: Vec<&str> = vec!["print", &print_title];
        print_parts.extend(items.iter().map(|i| i.inputs.as_str()));
        let print_inputs = self.inputs(&print_parts);
        let print_kept = previous.unchanged(&print_rel, &print_inputs).cloned();
        let print_err = |e: std::io::Error| Error::Write {
            path: PathBuf::from(&print_rel),
            source: e,
        };
        let mut print_parts: Vec<output::Part> = Vec::new();
        let mut print = match print_kept {
            Some(_) => None,
            None => Some(typeset::PdfJoiner::new(stage.create(&print_rel)?).map_err(print_err)?),
        };

        // The letters to make, in chunks for the workers.
        let todo: Vec<LetterView> = letters
            .iter()
            .zip(&items)
            .filter(|(_, i)| matches!(i.have, Have::Make))
            .map(|(l, _)| l.clone())
            .collect();
        let chunk = chunk_size(todo.len());
        let chunks: Vec<&[LetterView]> = todo.chunks(chunk).collect();
        let sources = chunks
            .iter()
            .map(|c| self.render_letters(preset, view, c))
            .collect::<Result<Vec<String>, Error>>()?;
        let chunk_of: std::collections::HashMap<usize, usize> = todo
            .iter()
            .enumerate()
            .map(|(t, l)| (l.index, t / chunk))
            .collect();

        let next = AtomicUsize::new(0);
        // Bounded: workers wait rather than pile up finished chunks when
        // writing them out is the slower side, so memory stays flat.
        let (tx, rx) = mpsc::sync_channel::<(usize, Result<ChunkOut, Error>)>(1);
        let mut missing: Vec<&str> = Vec::new();
        let result: Result<(), Error> = std::thread::scope(|scope| {
            for _ in 0..worker_count(todo.len()) {
                let tx = tx.clone();
                let (next, sources, chunks) = (&next, &sources, &chunks);
                let title = &title;
                let author = &view.author;
                let fonts = &preset.fonts;
                scope.spawn(move || {
                    loop {
                        if self.stop.load(Ordering::Relaxed) {
                            break;
                        }
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
            // The last print file gives the unchanged letters' pages in one
            // read, done while the workers compile.
            let mut old_print = match print_kept {
                Some(_) => None,
                None => OldJoined::load(previous, &print_rel),
            };
            // Letters are staged in list order as their chunks arrive, so the
            // manifest is the same on every run and memory holds only a few
            // chunks.
            let mut arrived: BTreeMap<usize, (ChunkOut, typeset::Shared)> = BTreeMap::new();
            let stop = |e| {
                // The workers take no new chunk.
                next.store(usize::MAX / 2, Ordering::Relaxed);
                e
            };
            for (l, item) in letters.iter().zip(&items) {
                match &item.have {
                    Have::Kept(_) | Have::Moved(_) => {
                        match &item.have {
                            Have::Kept(kept) => stage.keep(kept, Some(&l.name)),
                            Have::Moved(pdf) => stage.add(
                                "invitation",
                                &item.rel,
                                pdf,
                                Some(&l.name),
                                &item.inputs,
                            )?,
                            Have::Make => {}
                        }
                        if let Some(print) = print.as_mut() {
                            let from_old =
                                old_print.as_mut().and_then(|o| o.push(print, &item.inputs));
                            let pages = match from_old {
                                Some(pages) => pages,
                                None => {
                                    let pdf = match &item.have {
                                        Have::Moved(pdf) => pdf.clone(),
                                        _ => previous
                                            .read(&item.rel)
                                            .ok_or_else(|| stop(changed_by_hand(&item.rel)))?,
                                    };
                                    print.push(&pdf)
                                }
                            }
                            .map_err(print_err)?;
                            print_parts.push(output::Part {
                                inputs: item.inputs.clone(),
                                pages,
                            });
                        }
                    }
                    Have::Make => {
                        let k = chunk_of[&l.index];
                        while !arrived.contains_key(&k) {
                            let Ok((got, out)) = rx.recv() else { break };
                            arrived.insert(got, (out.map_err(stop)?, Default::default()));
                        }
                        let Some((out, shared)) = arrived.get_mut(&k) else {
                            missing.push(&l.name);
                            continue;
                        };
                        let Some(at) = out.letters.iter().position(|(i, ..)| *i == l.index) else {
                            missing.push(&l.name);
                            continue;
                        };
                        let (_, pdf, pages) = out.letters.swap_remove(at);
                        stage.add("invitation", &item.rel, &pdf, Some(&l.name), &item.inputs)?;
                        if let Some(print) = print.as_mut() {
                            let count = match &out.doc {
                                Some(doc) => print
                                    .push_pages(doc, pages.clone(), shared)
                                    .map(|_| pages.len()),
                                None => print.push(&pdf),
                            }
                            .map_err(print_err)?;
                            print_parts.push(output::Part {
                                inputs: item.inputs.clone(),
                                pages: count,
                            });
                        }
                        // A chunk whose letters are all staged is dropped.
                        if out.letters.is_empty() {
                            arrived.remove(&k);
                        }
                    }
                }
                if let Some(bar) = bar {
                    bar.inc(1);
                }
            }
            Ok(())
        });
        result?;

        // Never fewer letters than delegates, silently.
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

        // One print file with every letter, in list order, joined as the
        // letters came, so no batch has to stay in memory.
        match (print, print_kept) {
            (Some(print), _) => {
                let file = print.finish(&print_title).map_err(print_err)?;
                stage.record("invitations-print", file, &print_inputs, print_parts)?;
            }
            (None, Some(kept)) => stage.keep(&kept, None),
            (None, None) => {}
        }
        Ok(())
    }

    /// The distribution sheet of an event's letters: every delegate, then
    /// the other recipients.
    fn event_sheet(
        &self,
        letters: &[LetterView],
        view: &EventView,
        preset: &Preset,
        ev: &crate::data::model::Event,
    ) -> SheetView {
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
        SheetView {
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
            glyphs: String::new(),
        }
    }

    /// The shared view of an event's letters (with its glyph repertoire)
    /// and each delegate's letter.
    pub fn event_letters(
        &self,
        project: &Project,
        preset: &Preset,
        event: &ResolvedEvent,
    ) -> Result<(EventView, Vec<LetterView>), Error> {
        let ev = &event.event;
        let mut view = letters::event_view(project, preset, event)
            .map_err(|issues| locate_issues(&project.file, issues))?;
        let letters: Vec<LetterView> = event
            .delegates
            .iter()
            .enumerate()
            .map(|(i, d)| letters::letter(preset, ev.invitation.summons, i + 1, d))
            .collect();
        view.glyphs = self.repertoire(&view, &letters, preset)?;
        Ok((view, letters))
    }

    /// The generated Typst source of a batch of letters.
    pub fn render_letters(
        &self,
        preset: &Preset,
        view: &EventView,
        letters: &[LetterView],
    ) -> Result<String, Error> {
        self.renderer.render(
            "invitations.typ.j2",
            &LettersContext {
                version: env!("CARGO_PKG_VERSION"),
                style: preset,
                event: view,
                letters,
            },
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
        let (view, letters) = self.event_letters(project, preset, event)?;
        let chunk = chunk.unwrap_or(chunk_size(letters.len())).max(1);
        let sources = letters
            .chunks(chunk)
            .map(|c| self.render_letters(preset, &view, c))
            .collect::<Result<Vec<String>, Error>>()?;
        Ok((view, letters, sources, chunk))
    }

    /// The PDFs of the first `count` letters of `event`, compiled `chunk` to
    /// a Typst document, by index. Any chunk size gives the same bytes (see
    /// [`letters::repertoire`]); tests hold the build to that.
    pub fn letter_pdfs(
        &self,
        project: &Project,
        preset: &Preset,
        event: &ResolvedEvent,
        chunk: usize,
        count: usize,
    ) -> Result<Vec<(usize, Vec<u8>)>, Error> {
        let (view, letters) = self.event_letters(project, preset, event)?;
        let letters = &letters[..count.min(letters.len())];
        let options = DocOptions {
            date: event.event.invitation.date,
            source_name: project.file.name.clone(),
            data: event.list.clone(),
        };
        let title = |l: &LetterView| letter_title(l);
        let mut out = Vec::new();
        for c in letters.chunks(chunk.max(1)) {
            let source = self.render_letters(preset, &view, c)?;
            let done = self.chunk(&source, c, &options, &preset.fonts, &title, &view.author)?;
            out.extend(done.letters.into_iter().map(|(i, pdf, _)| (i, pdf)));
        }
        Ok(out)
    }

    /// The hash of what an output is made from: `parts` and everything
    /// besides the data ([`Engine`]'s fingerprint).
    fn inputs(&self, parts: &[&str]) -> String {
        let mut all: Vec<&[u8]> = vec![self.fingerprint.as_bytes()];
        all.extend(parts.iter().map(|p| p.as_bytes()));
        output::hash_parts(&all)
    }

    /// `Err` once the checks beside the build have found an error.
    fn stopped(&self) -> Result<(), Error> {
        if self.stop.load(Ordering::Relaxed) {
            Err(Error::problem(Problem::error(
                "the build stopped: the data has errors",
            )))
        } else {
            Ok(())
        }
    }

    /// The glyph repertoire of an event's letters ([`letters::repertoire`]):
    /// every character of the shared view, of every letter, of the preset
    /// and of the templates that make a letter.
    fn repertoire(
        &self,
        view: &EventView,
        letters: &[LetterView],
        preset: &Preset,
    ) -> Result<String, Error> {
        let mut texts = vec![json(view), json(preset)];
        texts.extend(letters.iter().map(json));
        self.glyphs(texts, "invitations.typ.j2")
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
                    let one = typeset::sub_document(&document, pages.clone(), &title(l), author);
                    typeset::export(&one, options.date, false)?
                }
            };
            out.push((index, pdf, pages));
        }
        Ok(ChunkOut {
            letters: out,
            doc: split,
        })
    }
}

/// JSON text of a view, for character sets and input hashes (views always
/// serialise).
fn json(v: &impl Serialize) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// Compile options of the main document and its sheet.
pub fn document_options(project: &Project) -> DocOptions {
    DocOptions {
        date: project.data.document.date,
        source_name: project.file.name.clone(),
        data: Some(project.file.clone()),
    }
}

/// A letter's PDF title: `GIẤY MỜI – Đồng chí Lò Văn Bình`.
fn letter_title(l: &LetterView) -> String {
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
}

/// Letters per Typst document for a batch of `n`: enough chunks for every
/// worker to stay busy, few enough that the per-compile overhead stays
/// small. (Any size gives the same letters: see [`letters::repertoire`].)
fn chunk_size(n: usize) -> usize {
    (n / (worker_count(n) * 4)).clamp(8, 32)
}

/// Stages a small output made directly from `bytes` (a generated source),
/// or keeps it if it is unchanged.
fn put(
    stage: &mut Stage,
    previous: &Previous,
    kind: &str,
    rel: &str,
    bytes: &[u8],
) -> Result<(), Error> {
    let inputs = output::hash_parts(&[kind.as_bytes(), bytes]);
    match previous.unchanged(rel, &inputs) {
        Some(kept) => {
            stage.keep(kept, None);
            Ok(())
        }
        None => stage.add(kind, rel, bytes, None, &inputs),
    }
}

/// A kept output whose bytes are no longer those the last build wrote.
fn changed_by_hand(rel: &str) -> Error {
    Error::problem(
        Problem::error(format!(
            "`{rel}` was changed or removed since the last build, and the print file needs it"
        ))
        .hint("run `vanban build --force` to make every file again"),
    )
}

/// Hash of everything besides the data that shapes an output: the tool
/// (version and binary), every template and preset, the extra fonts, and
/// `SOURCE_DATE_EPOCH` (it sets the PDF dates).
fn fingerprint(templates: &Templates, font_paths: &[PathBuf]) -> Result<String, Error> {
    let mut parts: Vec<Vec<u8>> = vec![env!("CARGO_PKG_VERSION").as_bytes().to_vec()];
    // A rebuilt binary may lay out differently under the same version.
    if let Some(meta) = std::env::current_exe().ok().and_then(|e| e.metadata().ok()) {
        parts.push(format!("{} {:?}", meta.len(), meta.modified().ok()).into_bytes());
    }
    parts.push(
        std::env::var("SOURCE_DATE_EPOCH")
            .unwrap_or_default()
            .into_bytes(),
    );
    for name in templates.names("") {
        if let Some(t) = templates.get(&name)? {
            parts.push(name.into_bytes());
            parts.push(t.text.as_bytes().to_vec());
        }
    }
    // Extra fonts by name, size and time: reading them all would cost more
    // than the build of one letter.
    for dir in font_paths {
        let mut files = Vec::new();
        font_files(dir, &mut files);
        files.sort();
        for f in files {
            if let Ok(meta) = f.metadata() {
                let stamp = format!("{} {} {:?}", f.display(), meta.len(), meta.modified().ok());
                parts.push(stamp.into_bytes());
            }
        }
    }
    let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    Ok(output::hash_parts(&refs))
}

fn font_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            font_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Worker threads for `n` letters: one per core, never more than letters.
/// `f` of every item, on up to one thread per core, in order.
fn parallel_map<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&T) -> Result<R, Error> + Sync,
) -> Vec<Result<R, Error>> {
    let next = AtomicUsize::new(0);
    let mut done: Vec<Option<Result<R, Error>>> = (0..items.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..worker_count(items.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(item)));
                    }
                    mine
                })
            })
            .collect();
        for (i, r) in handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
        {
            done[i] = Some(r);
        }
    });
    done.into_iter()
        .map(|r| {
            r.unwrap_or_else(|| {
                Err(Error::problem(Problem::error(
                    "working out an event failed unexpectedly",
                )))
            })
        })
        .collect()
}

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

/// Rewrites every text of the data and of the delegate lists to one style
/// of tone marks (`document.tone_style`). The typed data goes through its
/// JSON form, so no field can be forgotten.
fn unify_tone_marks(project: &mut Project, style: crate::text::ToneStyle) -> Result<(), Error> {
    fn walk(v: &mut serde_json::Value, style: crate::text::ToneStyle) {
        match v {
            serde_json::Value::String(s) => *s = crate::text::to_tone_style(s, style),
            serde_json::Value::Array(items) => items.iter_mut().for_each(|i| walk(i, style)),
            serde_json::Value::Object(map) => map.values_mut().for_each(|i| walk(i, style)),
            _ => {}
        }
    }
    let failed = |e: serde_json::Error| {
        Error::problem(Problem::error(format!(
            "`tone_style` could not be applied to the data: {e}"
        )))
    };
    let mut value = serde_json::to_value(&project.data).map_err(failed)?;
    walk(&mut value, style);
    project.data = serde_json::from_value(value).map_err(failed)?;
    for event in &mut project.events {
        let mut value = serde_json::to_value((&event.event, &event.delegates)).map_err(failed)?;
        walk(&mut value, style);
        (event.event, event.delegates) = serde_json::from_value(value).map_err(failed)?;
    }
    Ok(())
}

/// Runs `vanban build`; returns the manifest entries written and the summary.
pub fn run(opts: &BuildOptions) -> Result<(Vec<ManifestEntry>, Summary), Error> {
    let engine = Engine::new(Templates::new(opts.templates.clone()), &opts.font_paths)?;
    let project = engine.load(&opts.data)?;
    let previous = if opts.force {
        Previous::load(&opts.out).forced()
    } else {
        Previous::load(&opts.out)
    };
    // The checks of `vanban check` run beside the build, on the other
    // core: an error there stops the build at its next step, and nothing
    // is written (the stage is dropped). Run one after the other, they
    // would add their time to every rebuild.
    let (checked, built) = std::thread::scope(|scope| {
        let checks = scope.spawn(|| {
            let (errors, warnings) = engine.check_project(&project, &opts.data);
            if !errors.is_empty() {
                engine.stop.store(true, Ordering::Relaxed);
            }
            (errors, warnings)
        });
        let built = Stage::new(&opts.out).and_then(|mut stage| {
            let summary = engine.build(
                &project,
                &mut stage,
                &previous,
                opts.emit_typ,
                opts.progress,
                &opts.only,
            )?;
            Ok((stage, summary))
        });
        let checked = checks.join().unwrap_or_else(|_| {
            let p = Problem::error("the checks of the data failed unexpectedly");
            (vec![p], Vec::new())
        });
        (checked, built)
    });
    let (errors, warnings) = checked;
    if !errors.is_empty() {
        return Err(Error::Problems(
            errors.into_iter().chain(warnings).collect(),
        ));
    }
    let (mut stage, mut summary) = built?;
    // A partial build (`--only`) leaves the other outputs as they are.
    if !opts.only.is_empty() {
        let made: std::collections::HashSet<String> =
            stage.entries().iter().map(|e| e.path.clone()).collect();
        for e in previous.entries_where(|e| {
            !made.contains(&e.path)
                && OutputKind::of(&e.kind).is_none_or(|k| !opts.only.contains(&k))
        }) {
            stage.keep(&e, e.delegate.as_deref());
        }
    }
    let (entries, changes) = stage.commit(&previous)?;
    summary.changes = changes;
    summary.warnings = warnings;
    Ok((entries, summary))
}
