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
//! [`crate::letters::repertoire`]).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;

use crate::data::model::DataFile;
use crate::data::resolve::{self, Project};
use crate::data::{self, locate_issues};
use crate::error::{DataIssue, DataPath, Error, Problem};
use crate::input::Confine;
use crate::letters::{self};
use crate::output::{self, Committed, OutDir, Previous, Stage};
use crate::preset::{Editions, Preset};
use crate::render::Renderer;
use crate::templates::Templates;
use crate::typeset::{DocOptions, Typesetter};
use crate::view;

mod batch;
mod copies;
mod events;
mod incremental;
mod invitations;
pub mod paths;
mod plan;
mod sheets;
mod sign;

pub use copies::copy_options;
use incremental::{fingerprint, put};
pub use plan::document_options;

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
    /// Folders besides the data file's that the files it names may be in.
    pub allowed_dirs: Vec<PathBuf>,
    /// Also write the generated Typst sources.
    pub emit_typ: bool,
    /// Show a progress bar on a terminal.
    pub progress: bool,
    /// Make only these kinds of output (all when empty).
    pub only: Vec<OutputKind>,
    /// Remake every output, even those whose inputs did not change.
    pub force: bool,
    /// Make every PDF PDF/A-2b, as `pdfa: true` in the data does (either
    /// one turns it on).
    pub pdfa: bool,
}

impl OutputKind {
    /// The `--only` kind that makes a manifest entry of `kind` (`None` for
    /// generated sources, which go with `--emit-typ`).
    pub fn of(kind: &str) -> Option<Self> {
        match kind {
            "plan" => Some(Self::Plan),
            "invitation" | "invitations-print" | "meeting-copy" | "meeting-copies-print" => {
                Some(Self::Invitations)
            }
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
    /// Invitations, addressed copies and their print files.
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
    /// Addressed copies of a meeting invitation (one per invitee).
    pub copies: usize,
    /// What changed on disk compared with the last build.
    pub changes: output::Changes,
    /// What `vanban check` warns about: printed, does not stop the build.
    pub warnings: Vec<Problem>,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (documents, sheets) = (self.documents, self.sheets);
        let (letters, delegates, prints) = (self.letters, self.delegates, self.print_files);
        let (summonses, invited) = (self.summonses, self.letters - self.summonses);
        let line = match (self.copies > 0, self.delegates > 0) {
            (false, false) => crate::tr!("build-summary", documents = documents, sheets = sheets),
            (true, false) => crate::tr!(
                "build-summary-copies",
                documents = documents,
                copies = self.copies,
                sheets = sheets
            ),
            (false, true) => crate::tr!(
                "build-summary-letters",
                documents = documents,
                letters = letters,
                delegates = delegates,
                summonses = summonses,
                invited = invited,
                prints = prints,
                sheets = sheets
            ),
            (true, true) => crate::tr!(
                "build-summary-copies-letters",
                documents = documents,
                copies = self.copies,
                letters = letters,
                delegates = delegates,
                summonses = summonses,
                invited = invited,
                prints = prints,
                sheets = sheets
            ),
        };
        f.write_str(&line)
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
    /// Folders besides the data file's from which the files it names may
    /// be read (`--allow-dir`).
    allowed: Vec<PathBuf>,
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
            allowed: Vec::new(),
        })
    }

    /// Also reads the files a data file names from these folders (besides
    /// the data file's own folder and the folders inside it).
    pub fn allow_dirs(mut self, dirs: &[PathBuf]) -> Self {
        self.allowed = dirs.to_vec();
        self
    }

    /// Runs the checks of `vanban check` on a loaded project read from
    /// `data`: (errors, warnings). Besides [`crate::check::check`], the
    /// preset's format rules ([`crate::check::format`]) and whatever would
    /// stop the build when the document or an invitation is laid out
    /// (an unknown type code, a signing mode without its body …).
    pub fn check_project(&self, project: &Project, data: &Path) -> (Vec<Problem>, Vec<Problem>) {
        // The file as typed, before NFC, to tell a decomposed one.
        let raw = data::read_raw(data);
        let mut problems = crate::check::check(project, raw.as_deref());
        let problems_of = |e: Error| match e {
            Error::Problems(p) => p,
            other => vec![Problem::error(other.to_string())],
        };
        match self.preset(project) {
            Ok(preset) => {
                problems.extend(crate::check::format(project, &preset));
                if let Err(e) = paths::names(project, &preset) {
                    problems.extend(problems_of(e));
                }
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
        crate::error::distinct(problems)
            .into_iter()
            .partition(|p| p.severity == crate::error::Severity::Error)
    }

    /// Reads the data file and every delegate list it names.
    ///
    /// A file with problems that stop it from loading is checked whole
    /// all the same when those can be undone (an unknown field, a line
    /// YAML read as a field): the error lists them together with what
    /// `vanban check` finds in the rest, so one run shows everything.
    pub fn load(&self, path: &Path) -> Result<Project, Error> {
        match data::load_or_repair::<DataFile>(path) {
            Ok(loaded) => self.resolve(loaded, path),
            Err(Err(e)) => Err(e),
            Err(Ok(rejected)) => {
                let mut problems = rejected.problems;
                if let Some(meant) = rejected.repaired {
                    let data::Meant { loaded, places } = *meant;
                    let mut found = Vec::new();
                    match self.resolve(loaded, path) {
                        Ok(project) => {
                            let (errors, warnings) = self.check_project(&project, path);
                            found.extend(errors);
                            found.extend(warnings);
                        }
                        Err(Error::Problems(more)) => found.extend(more),
                        Err(_) => {}
                    }
                    // Placed in the file as typed; what is said of a
                    // stand-in value is dropped.
                    problems.extend(found.into_iter().filter_map(|p| places.place(p)));
                    // In the file's order, errors of one place before its warnings.
                    problems.sort_by_key(|p| {
                        (
                            p.location.as_ref().map(|(f, r)| (f.name.clone(), r.start)),
                            p.severity == crate::error::Severity::Warning,
                        )
                    });
                }
                Err(Error::Problems(problems))
            }
        }
    }

    /// Reads the lists a loaded data file names, and makes its tone marks one style.
    fn resolve(&self, loaded: data::Loaded<DataFile>, path: &Path) -> Result<Project, Error> {
        let base = path.parent().unwrap_or(Path::new("."));
        let confine = Confine::new(base, &self.allowed);
        let mut project = resolve::resolve(loaded, base, &confine)?;
        if let Some(style) = project.data.document.tone_style {
            unify_tone_marks(&mut project, style)?;
        }
        // The documents of this data reach its images, and no others.
        let images = project.images.distinct();
        self.typesetter
            .serve(images.iter().map(|i| (i.virtual_path(), i.bytes.clone())));
        Ok(project)
    }

    /// Loads the preset named in the data; an unknown name points at the data.
    pub fn preset(&self, project: &Project) -> Result<Preset, Error> {
        let name = &project.data.preset;
        match self.templates.get(&format!("presets/{name}.yaml"))? {
            Some(file) if editions(&file.text) => {
                // A preset that chooses by the document's date.
                let chooser = data::parse::<Editions>(&file.name, &file.text)?.data;
                let date = project.data.document.date;
                let chosen = chooser.pick(date).ok_or_else(|| {
                    Error::problem(Problem::error(crate::tr!(
                        "build-preset-no-edition",
                        name = name,
                        date = date.to_string()
                    )))
                })?;
                match self.templates.get(&format!("presets/{chosen}.yaml"))? {
                    Some(file) if !editions(&file.text) => {
                        Ok(data::parse::<Preset>(&file.name, &file.text)?.data)
                    }
                    _ => Err(Error::problem(Problem::error(crate::tr!(
                        "build-preset-not-styles",
                        name = name,
                        chosen = chosen.to_string()
                    )))),
                }
            }
            Some(file) => Ok(data::parse::<Preset>(&file.name, &file.text)?.data),
            None => Err(locate_issues(
                &project.file,
                vec![DataIssue::new(
                    DataPath::new().key("preset"),
                    crate::tr!("build-no-preset", name = name),
                    crate::tr!(
                        "build-hint-presets",
                        names = self.templates.preset_names().join(", ")
                    ),
                )],
            )),
        }
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
        stage.name_images(project.images.distinct().iter().map(|i| {
            let path = i.path.display().to_string();
            (i.sha256.clone(), path)
        }));

        // Every output's path, checked before anything is made.
        let paths::Names {
            stem,
            events: names,
        } = paths::names(project, &preset)?;
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
            let events = self.events(
                project, &preset, stage, previous, emit_typ, progress, only, &names,
            );
            let plan = plan.join().unwrap_or_else(|_| {
                Err(Error::problem(Problem::error(crate::tr!(
                    "build-main-failed"
                ))))
            });
            (plan, events)
        });
        let plan = plan?;
        let mut summary = events?;
        if wants(OutputKind::Invitations) {
            summary.copies =
                self.copies(project, &preset, &stem, stage, previous, emit_typ, progress)?;
            if summary.copies > 0 {
                summary.print_files += 1;
            }
        }
        // The main document comes first in the manifest, as it is made first.
        stage.in_front(true);
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
        stage.in_front(false);
        Ok(summary)
    }

    /// [`crate::letters::repertoire`] of `texts` (views as JSON) and of `template`
    /// with the layout it calls.
    fn glyphs(&self, mut texts: letters::Repertoire, template: &str) -> Result<String, Error> {
        for name in [template, "layout/vanban.typ"] {
            if let Some(t) = self.templates.get(name)? {
                texts.add(&t.text);
            }
        }
        Ok(texts.finish())
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
            Err(Error::problem(Problem::error(crate::tr!("build-stopped"))))
        } else {
            Ok(())
        }
    }
}

/// Whether a preset file chooses a preset by date (`editions:`) rather
/// than setting styles.
fn editions(text: &str) -> bool {
    serde_yaml_ng::from_str::<serde_yaml_ng::Value>(text).is_ok_and(|v| v.get("editions").is_some())
}

/// JSON text of a view, for character sets and input hashes (views always
/// serialise).
fn json(v: &impl Serialize) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// Worker threads for `n` letters: one per core, never more than letters.
/// `f` of every item, on up to one thread per core, in order.
fn parallel_map<'a, T: Sync, R: Send>(
    items: &'a [T],
    f: impl Fn(&'a T) -> Result<R, Error> + Sync,
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
                Err(Error::problem(Problem::error(crate::tr!(
                    "build-event-failed"
                ))))
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
    // The word in the label is the user's; indicatif's own `{…}` keys stay.
    let template = format!(
        "{{spinner}} {{pos}}/{{len}} {} {{wide_bar}} {{eta}}",
        crate::tr!("build-progress-letters").replace(['{', '}'], "")
    );
    bar.set_style(
        indicatif::ProgressStyle::with_template(&template)
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
        Error::problem(Problem::error(crate::tr!(
            "build-tone-style-failed",
            reason = e.to_string()
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
    // The cells of table and invitee files, like the data's own text.
    for rows in project.tables.values_mut() {
        for cell in rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
            *cell = crate::text::to_tone_style(cell, style);
        }
    }
    Ok(())
}

/// Runs `vanban build`; returns what the commit did and the summary.
pub fn run(opts: &BuildOptions) -> Result<(Committed, Summary), Error> {
    let engine = Engine::new(Templates::new(opts.templates.clone()), &opts.font_paths)?
        .allow_dirs(&opts.allowed_dirs);
    let mut project = engine.load(&opts.data)?;
    // `--pdfa` is `pdfa: true` in the data: every output reads it there.
    project.data.pdfa |= opts.pdfa;
    // One build at a time into a folder; what a killed build left half
    // done is undone before anything of the folder is trusted.
    let out = OutDir::open(&opts.out, || {
        eprintln!(
            "{}",
            crate::tr!("build-waiting", path = opts.out.display().to_string())
        );
    })?;
    if !out.notes().is_empty() {
        Error::Problems(out.notes().iter().map(Problem::warning).collect()).emit();
    }
    let previous = out.previous(opts.force);
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
        let mut stage = Stage::new(&out, &previous);
        let built = engine
            .build(
                &project,
                &mut stage,
                &previous,
                opts.emit_typ,
                opts.progress,
                &opts.only,
            )
            .map(|summary| (stage, summary));
        let checked = checks.join().unwrap_or_else(|_| {
            let p = Problem::error(crate::tr!("build-checks-failed"));
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
    let mut warnings = warnings;
    // A partial build (`--only`) leaves the other outputs as they are.
    if !opts.only.is_empty() {
        let damaged = stage
            .keep_unmade(|e| OutputKind::of(&e.kind).is_none_or(|k| !opts.only.contains(&k)))?;
        if let Some(first) = damaged.first() {
            warnings.push(
                Problem::warning(crate::tr!(
                    "build-only-damaged",
                    count = damaged.len(),
                    path = out.path().join(first).display().to_string()
                ))
                .hint(crate::tr!("build-hint-only-damaged")),
            );
        }
    }
    let committed = stage.commit(&out)?;
    if let Some(first) = committed.remade.first() {
        let path = out.path().join(first).display().to_string();
        warnings.push(Problem::warning(match committed.remade.len() {
            1 => crate::tr!("build-remade-one", path = path),
            n => crate::tr!("build-remade", count = n, path = path, more = n - 1),
        }));
    }
    summary.changes = committed.changes;
    summary.warnings = warnings;
    Ok((committed, summary))
}
