//! `vanban watch`: build, then build again after every save of the data, a
//! delegate list, a template or a font, until Ctrl-C.
//!
//! Folders are watched, not files: an editor that saves by writing a new
//! file and renaming it over the old one (vim), or by deleting and
//! recreating it, replaces the very file a file watch was attached to.
//! Events are then kept by path, so what the build writes beside the data
//! never triggers a rebuild. (typst-kit's `Watcher` watches files, batches
//! for a fixed 100 ms and does not say which path changed, so `notify` is
//! used directly.)
//!
//! Every rebuild goes through [`build::run`]: it writes nothing when the
//! data is wrong and renames each finished file into place, so a PDF viewer
//! keeps showing the last good files and never sees a half-written one.
//! Ctrl-C ends the process the default way; at worst a hidden staging
//! folder is left in the output folder (the next build removes it), never
//! a half-written document.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{ModifyKind, RemoveKind, RenameMode};
use notify::{EventKind, RecursiveMode, Watcher as _};

use crate::build::{self, BuildOptions};
use crate::data::model::DataFile;
use crate::error::{Error, Problem};
use crate::output::{Manifest, ManifestEntry};
use crate::preview::{self, PreviewDoc, PreviewOptions};

/// What `vanban watch` was asked to do.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// What each build makes, and from what.
    pub build: BuildOptions,
    /// Also draw the plan's pages as PNG after each good build.
    pub preview: bool,
}

/// How long events are gathered after the first one before rebuilding: one
/// save is several events (write, rename, delete of a backup), and a
/// "save all" in an editor touches several files.
const DEBOUNCE: Duration = Duration::from_millis(50);

/// How often a folder that does not exist yet is looked for.
const POLL: Duration = Duration::from_millis(300);

/// Resolution of the previews `watch --preview` draws.
pub const PREVIEW_PPI: f32 = 144.0;

/// Runs `vanban watch`. Returns only if watching itself fails (a folder
/// cannot be watched); a failed build is reported and the watch goes on.
pub fn run(opts: &WatchOptions) -> Result<(), Error> {
    let mut watch = Watch::new(&opts.build.out)?;
    // Watch before the first build, so that a save during it is not missed.
    let mut inputs = Inputs::of(&opts.build, None);
    watch.sync(&inputs)?;
    eprintln!(
        "{}",
        crate::tr!("watch-start", watching = inputs.describe())
    );
    rebuild(opts, &mut watch, None);
    loop {
        // A list may have been added to the data (or a folder created).
        let next = Inputs::of(&opts.build, Some(&inputs));
        watch.sync(&next)?;
        if next != inputs {
            eprintln!("{}", next.describe());
            inputs = next;
        }
        let changed = watch.wait()?;
        rebuild(opts, &mut watch, Some(&changed.join(", ")));
    }
}

/// Builds once and says how it went in one line; on failure, prints every
/// problem (with file, line and the source line) and carries on.
/// `changed`: the files whose change started the build (none for the
/// first build).
fn rebuild(opts: &WatchOptions, watch: &mut Watch, changed: Option<&str>) {
    let start = Instant::now();
    let ms = || u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX);
    match build::run(&opts.build) {
        Ok((_, summary)) => {
            let (changes, said) = (summary.changes.to_string(), summary.to_string());
            eprintln!(
                "{}",
                match changed {
                    None => crate::tr!("watch-built", ms = ms(), changes = changes, summary = said),
                    Some(files) => crate::tr!(
                        "watch-rebuilt",
                        ms = ms(),
                        files = files,
                        changes = changes,
                        summary = said
                    ),
                }
            );
            // What the build wrote, from its manifest.
            let manifest = std::fs::read(opts.build.out.join("manifest.json"))
                .ok()
                .and_then(|b| serde_json::from_slice::<Manifest>(&b).ok());
            watch.wrote(&manifest.map(|m| m.outputs).unwrap_or_default());
            if opts.preview {
                watch.drew(&refresh_preview(opts));
            }
        }
        Err(e) => {
            e.emit();
            let path = opts.build.out.display().to_string();
            eprintln!(
                "{}",
                match changed {
                    None => crate::tr!("watch-failed", ms = ms(), path = path),
                    Some(files) => crate::tr!(
                        "watch-failed-changed",
                        ms = ms(),
                        files = files,
                        path = path
                    ),
                }
            );
        }
    }
}

/// Redraws the plan's pages into the output folder; returns the images.
fn refresh_preview(opts: &WatchOptions) -> Vec<PathBuf> {
    let start = Instant::now();
    let preview = PreviewOptions {
        data: opts.build.data.clone(),
        out: opts.build.out.clone(),
        templates: opts.build.templates.clone(),
        font_paths: opts.build.font_paths.clone(),
        allowed_dirs: opts.build.allowed_dirs.clone(),
        doc: PreviewDoc::Plan,
        event: None,
        delegate: 1,
        page: None,
        ppi: PREVIEW_PPI,
    };
    match preview::run(&preview) {
        Ok(paths) => {
            eprintln!(
                "{}",
                crate::tr!(
                    "watch-preview",
                    ms = u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX),
                    pages = paths.len(),
                    files = show(&opts.build.out.join("preview-plan-*.png"))
                )
            );
            paths
        }
        Err(e) => {
            e.emit();
            Vec::new()
        }
    }
}

/// What a build reads, as the user named it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Inputs {
    /// Files whose change means a rebuild: the data and its delegate lists.
    files: Vec<PathBuf>,
    /// Folders in which a change to any file means a rebuild: templates and fonts.
    trees: Vec<PathBuf>,
}

impl Inputs {
    /// The inputs of a build of `opts`. The lists are those the data names
    /// now; if the data cannot be read (a save with a typo), those of
    /// `previous` are kept, so fixing a list still triggers a build.
    fn of(opts: &BuildOptions, previous: Option<&Inputs>) -> Self {
        let mut files = vec![opts.data.clone()];
        match crate::data::load::<DataFile>(&opts.data) {
            Ok(loaded) => {
                let base = opts.data.parent().unwrap_or(Path::new(""));
                for file in loaded.data.named_files() {
                    files.push(base.join(file));
                }
            }
            Err(_) => {
                if let Some(previous) = previous {
                    files.clone_from(&previous.files);
                }
            }
        }
        files.dedup();
        let trees = opts
            .templates
            .iter()
            .chain(&opts.font_paths)
            .cloned()
            .collect();
        Self { files, trees }
    }

    /// `watching data.yaml, dai-bieu/a.csv and the folder templates/`.
    fn describe(&self) -> String {
        let mut names: Vec<String> = self.files.iter().map(|p| show(p)).collect();
        names.extend(
            self.trees
                .iter()
                .map(|p| crate::tr!("watch-folder", path = show(p))),
        );
        let last = names.pop().unwrap_or_default();
        if names.is_empty() {
            crate::tr!("watch-watching-one", last = last)
        } else {
            crate::tr!("watch-watching", names = names.join(", "), last = last)
        }
    }
}

/// The file-system watcher and what it looks for.
struct Watch {
    watcher: notify::RecommendedWatcher,
    rx: Receiver<notify::Result<notify::Event>>,
    /// Input files, absolute, their folder's symbolic links resolved (the
    /// form in which events name them).
    files: HashSet<PathBuf>,
    /// Input folders (any file below counts), in the same form.
    trees: Vec<PathBuf>,
    /// The output folder (see [`Watch::is_input`]).
    out: PathBuf,
    out_given: PathBuf,
    /// What the last good build wrote.
    outputs: HashSet<PathBuf>,
    /// Folders watched now.
    watched: HashMap<PathBuf, RecursiveMode>,
    /// Folders to watch that do not exist (yet); looked for every [`POLL`].
    missing: Vec<PathBuf>,
}

impl Watch {
    fn new(out: &Path) -> Result<Self, Error> {
        let (tx, rx) = mpsc::channel();
        let watcher = notify::recommended_watcher(tx).map_err(|e| {
            Error::problem(
                Problem::error(crate::tr!("watch-cannot-watch", reason = e.to_string()))
                    .hint(crate::tr!("watch-hint-build-instead")),
            )
        })?;
        Ok(Self {
            watcher,
            rx,
            files: HashSet::new(),
            trees: Vec::new(),
            out: canonical(out),
            out_given: out.to_path_buf(),
            outputs: HashSet::new(),
            watched: HashMap::new(),
            missing: Vec::new(),
        })
    }

    /// Watches exactly the folders that `inputs` need.
    fn sync(&mut self, inputs: &Inputs) -> Result<(), Error> {
        self.out = canonical(&self.out_given);
        self.files.clear();
        for file in &inputs.files {
            let resolved = in_folder(file);
            // A symbolic link to a list kept elsewhere: watch the real file too.
            if let Ok(target) = file.canonicalize()
                && target != resolved
            {
                self.files.insert(target);
            }
            self.files.insert(resolved);
        }
        self.trees = inputs.trees.iter().map(|t| canonical(t)).collect();
        self.rewatch()
    }

    /// Watches exactly the folders the inputs known now need: a folder
    /// that is not there (yet, or any more) is looked for every [`POLL`].
    fn rewatch(&mut self) -> Result<(), Error> {
        let mut want: HashMap<PathBuf, RecursiveMode> = self
            .trees
            .iter()
            .map(|t| (t.clone(), RecursiveMode::Recursive))
            .collect();
        for file in &self.files {
            if let Some(dir) = file.parent()
                // A folder inside a watched tree is watched already.
                && !self.trees.iter().any(|t| dir.starts_with(t))
            {
                want.insert(dir.to_path_buf(), RecursiveMode::NonRecursive);
            }
        }
        let stale: Vec<PathBuf> = self
            .watched
            .iter()
            .filter(|(dir, mode)| want.get(*dir) != Some(mode))
            .map(|(dir, _)| dir.clone())
            .collect();
        for dir in stale {
            // It may be gone already (a deleted folder unwatches itself).
            let _ = self.watcher.unwatch(&dir);
            self.watched.remove(&dir);
        }
        self.missing.clear();
        for (dir, mode) in want {
            if self.watched.contains_key(&dir) {
                continue;
            }
            if !dir.is_dir() {
                self.missing.push(dir);
                continue;
            }
            match self.watcher.watch(&dir, mode) {
                Ok(()) => {
                    self.watched.insert(dir, mode);
                }
                Err(e) if matches!(e.kind, notify::ErrorKind::PathNotFound) => {
                    self.missing.push(dir);
                }
                Err(e) => return Err(watch_error(&dir, e)),
            }
        }
        Ok(())
    }

    /// Waits for a change to an input and names the inputs that changed,
    /// once [`DEBOUNCE`] has passed after the first event.
    fn wait(&mut self) -> Result<Vec<String>, Error> {
        loop {
            let first = if self.missing.is_empty() {
                self.rx.recv().map_err(|_| gone())?
            } else {
                match self.rx.recv_timeout(POLL) {
                    Ok(event) => event,
                    Err(RecvTimeoutError::Timeout) => {
                        if let Some(dir) = self.missing.iter().find(|d| d.is_dir()).cloned() {
                            // Watched before the rebuild reads it, so that
                            // a save during the build or right after it is
                            // seen. Then rebuild: the files the build wants
                            // may be in it now.
                            self.rewatch()?;
                            return Ok(vec![show(&dir)]);
                        }
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => return Err(gone()),
                }
            };
            let (mut changed, mut lost) = self.relevant(first);
            if changed.is_empty() && !lost {
                continue;
            }
            let deadline = Instant::now() + DEBOUNCE;
            loop {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    break;
                }
                match self.rx.recv_timeout(left) {
                    Ok(event) => {
                        let (more, more_lost) = self.relevant(event);
                        changed.extend(more);
                        lost |= more_lost;
                    }
                    Err(_) => break,
                }
            }
            let mut names: Vec<String> = changed.iter().map(|p| show(p)).collect();
            names.sort();
            names.dedup();
            if lost {
                names.push(crate::tr!("watch-lost-events"));
            }
            return Ok(names);
        }
    }

    /// The inputs an event touches (none for an access, or for a file the
    /// build wrote), and whether events were lost (the watcher's queue
    /// overflowed): then a rebuild is due whatever changed.
    fn relevant(&mut self, event: notify::Result<notify::Event>) -> (Vec<PathBuf>, bool) {
        let event = match event {
            Ok(event) if !event.need_rescan() => event,
            _ => return (Vec::new(), true),
        };
        let counts = match event.kind {
            EventKind::Any | EventKind::Create(_) | EventKind::Remove(_) => true,
            EventKind::Modify(kind) => matches!(
                kind,
                ModifyKind::Any | ModifyKind::Data(_) | ModifyKind::Name(_)
            ),
            EventKind::Access(_) | EventKind::Other => false,
        };
        if !counts {
            return (Vec::new(), false);
        }
        // A watched folder that is deleted or moved away loses its watch;
        // forget it, so the next sync watches it again (or polls for it).
        if matches!(
            event.kind,
            EventKind::Remove(RemoveKind::Any | RemoveKind::Folder)
                | EventKind::Modify(ModifyKind::Name(RenameMode::From | RenameMode::Any))
        ) {
            let mut dropped = false;
            for path in &event.paths {
                if self.watched.remove(path).is_some() {
                    let _ = self.watcher.unwatch(path);
                    dropped = true;
                }
            }
            // Watch it again where it is now, or look for it until it is
            // back (a folder moved away and back is missed otherwise).
            if dropped {
                let _ = self.rewatch();
            }
        }
        // A folder looked for is back (moved back, created): watch it now,
        // before the rebuild its return calls for, not after it, or a save
        // in it right after that build would go unseen; and rebuild, as
        // its files may have changed while it was away.
        let back: Vec<PathBuf> = event
            .paths
            .iter()
            .filter(|p| self.missing.contains(p))
            .cloned()
            .collect();
        if !back.is_empty() {
            let _ = self.rewatch();
        }
        let mut inputs: Vec<PathBuf> = event
            .paths
            .into_iter()
            .filter(|path| self.is_input(path))
            .collect();
        inputs.extend(back);
        (inputs, false)
    }

    /// Whether a change at `path` calls for a rebuild: an input file, or a
    /// file in a template or font folder that is neither an editor's
    /// scratch file nor something the build wrote.
    fn is_input(&self, path: &Path) -> bool {
        if self.files.contains(path) {
            return true;
        }
        if self.outputs.contains(path) {
            return false;
        }
        self.trees.iter().any(|tree| {
            let Ok(rel) = path.strip_prefix(tree) else {
                return false;
            };
            // Swap files (`.x.swp`), backups (`x~`), and the build's staging
            // folder and temporary files (`.vanban-…`) are hidden or marked.
            let scratch = rel.components().any(|c| {
                let name = c.as_os_str().to_string_lossy();
                name.starts_with('.') || name.ends_with('~')
            });
            // The output folder inside a template folder: all of it is output.
            // (A template folder inside the output folder is not.)
            let output = path.starts_with(&self.out) && !tree.starts_with(&self.out);
            !scratch && !output
        })
    }

    /// Remembers what a build wrote, so that writing it again is not a change.
    fn wrote(&mut self, entries: &[ManifestEntry]) {
        self.outputs.clear();
        self.outputs.insert(self.out.join("manifest.json"));
        for entry in entries {
            // The file and the folders the build made for it (`giay-moi/…`).
            let mut path = self.out.join(&entry.path);
            while path != self.out && self.outputs.insert(path.clone()) {
                if !path.pop() {
                    break;
                }
            }
        }
    }

    /// Remembers the previews drawn after a build.
    fn drew(&mut self, images: &[PathBuf]) {
        self.outputs.extend(images.iter().map(|p| in_folder(p)));
    }
}

fn watch_error(dir: &Path, e: notify::Error) -> Error {
    let hint = match e.kind {
        notify::ErrorKind::MaxFilesWatch => crate::tr!("watch-hint-max-watches"),
        _ => crate::tr!("watch-hint-build-instead"),
    };
    Error::problem(
        Problem::error(crate::tr!(
            "watch-cannot-watch-dir",
            path = dir.display().to_string(),
            reason = e.to_string()
        ))
        .hint(hint),
    )
}

fn gone() -> Error {
    Error::problem(
        Problem::error(crate::tr!("watch-stopped")).hint(crate::tr!("watch-hint-stopped")),
    )
}

/// `path` absolute, with its folder's symbolic links resolved: the form in
/// which the watcher names the files of a folder it watches. A path that
/// does not exist yet keeps the part that does not.
fn canonical(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(dir), Some(name)) => canonical(dir).join(name),
        _ => absolute,
    }
}

/// A file in its folder's canonical form (the file itself may be a link).
fn in_folder(file: &Path) -> PathBuf {
    match (file.parent(), file.file_name()) {
        (Some(dir), Some(name)) if !dir.as_os_str().is_empty() => canonical(dir).join(name),
        (Some(_), Some(name)) => canonical(Path::new(".")).join(name),
        _ => canonical(file),
    }
}

/// A path for messages: relative to the current folder when inside it.
fn show(path: &Path) -> String {
    let cwd = std::env::current_dir().ok().map(|d| canonical(&d));
    match cwd
        .as_deref()
        .and_then(|d| canonical(path).strip_prefix(d).ok().map(Path::to_path_buf))
    {
        Some(rel) if !rel.as_os_str().is_empty() => rel.display().to_string(),
        _ => path.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str) -> ManifestEntry {
        ManifestEntry {
            kind: "plan".into(),
            delegate: None,
            path: path.into(),
            sha256: String::new(),
            size: 0,
            inputs: String::new(),
            parts: Vec::new(),
            signed: None,
            sign_boxes: Vec::new(),
        }
    }

    #[test]
    fn inputs_count_outputs_and_scratch_files_do_not() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        // Templates in the data folder, the output inside the templates:
        // the layout every rule below has to tell apart.
        let inputs = Inputs {
            files: vec![root.join("data.yaml"), root.join("lists/a.csv")],
            trees: vec![root.clone()],
        };
        let mut watch = Watch::new(&root.join("out")).unwrap();
        watch.sync(&inputs).unwrap();
        assert!(watch.is_input(&root.join("data.yaml")));
        assert!(watch.is_input(&root.join("lists/a.csv")));
        assert!(watch.is_input(&root.join("layout/vanban.typ")));
        assert!(!watch.is_input(&root.join("layout/.vanban.typ.swp")));
        assert!(!watch.is_input(&root.join("layout/vanban.typ~")));
        assert!(!watch.is_input(&root.join("out/ke-hoach.pdf")));
        assert!(!watch.is_input(&root.join(".vanban-stage-x/ke-hoach.pdf")));

        // The output folder is the templates folder: what the build wrote
        // does not count, anything else does.
        let mut watch = Watch::new(&root).unwrap();
        watch.sync(&inputs).unwrap();
        watch.wrote(&[entry("giay-moi/a/001-x.pdf"), entry("ke-hoach.pdf")]);
        for out in [
            "manifest.json",
            "ke-hoach.pdf",
            "giay-moi",
            "giay-moi/a",
            "giay-moi/a/001-x.pdf",
        ] {
            assert!(!watch.is_input(&root.join(out)), "{out}");
        }
        assert!(watch.is_input(&root.join("plan.typ.j2")));
        assert!(watch.is_input(&root.join("data.yaml")));

        // A templates folder inside the output folder is still templates.
        let inputs = Inputs {
            files: vec![root.join("data.yaml")],
            trees: vec![root.join("tpl")],
        };
        watch.sync(&inputs).unwrap();
        assert!(watch.is_input(&root.join("tpl/plan.typ.j2")));
        assert!(!watch.is_input(&root.join("other.typ")));
    }

    #[test]
    fn a_list_added_to_the_data_is_watched() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("d.yaml");
        let yaml = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hop-chi-bo.yaml"),
        )
        .unwrap();
        std::fs::write(&data, yaml.replace("DELEGATES", "{ file: ds/a.csv }")).unwrap();
        let opts = BuildOptions {
            data: data.clone(),
            out: dir.path().join("out"),
            templates: None,
            font_paths: Vec::new(),
            allowed_dirs: Vec::new(),
            emit_typ: false,
            progress: false,
            only: Vec::new(),
            force: false,
            pdfa: false,
        };
        let first = Inputs::of(&opts, None);
        assert_eq!(first.files, [data.clone(), dir.path().join("ds/a.csv")]);
        // A save with a typo keeps the lists known so far.
        std::fs::write(&data, "preset: [").unwrap();
        assert_eq!(Inputs::of(&opts, Some(&first)), first);
    }
}
