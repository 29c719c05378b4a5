//! Per-person letters (Giấy mời, Giấy triệu tập) and the print file that
//! joins them: compiled in chunks on worker threads and cut apart.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use serde::Serialize;

use crate::data::locate_issues;
use crate::data::resolve::{Project, ResolvedEvent};
use crate::error::{Error, Problem};
use crate::letters::{self, EventView, LetterView, Letters};
use crate::output::{self, Previous, Stage};
use crate::pdf;
use crate::preset::Preset;
use crate::typeset::{self, DocOptions};

use super::incremental::{OldJoined, changed_by_hand};
use super::{Engine, json, paths, worker_count};

#[derive(Serialize)]
struct LettersContext<'a> {
    version: &'static str,
    style: &'a Preset,
    event: &'a EventView,
    letters: &'a [LetterView],
}

/// The letters of one event, ready to compile.
#[derive(Clone, Copy)]
pub(super) struct LetterJob<'a> {
    pub(super) letters: &'a Letters<'a>,
    /// What each letter is made from.
    pub(super) keys: &'a [String],
    pub(super) options: &'a DocOptions,
    pub(super) view: &'a EventView,
    pub(super) preset: &'a Preset,
    pub(super) slug: &'a str,
    pub(super) event: &'a crate::data::model::Event,
}

/// What a rebuild does for one letter (its path and inputs are worked out
/// again when it is staged: one byte a letter is kept, not its names).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Have {
    /// Left as it is on disk.
    Kept,
    /// The same letter under another number: its bytes, from the old file.
    Moved,
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
    doc: Option<pdf::PdfSplitter>,
}

impl Engine {
    /// What each letter of an event is made from: the batch source without
    /// letters (preset, event, wording, glyph repertoire), then the letter
    /// itself. One letter's view is made at a time.
    pub(super) fn letter_keys(
        &self,
        preset: &Preset,
        view: &EventView,
        letters: &Letters,
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
                let title = letter_title(&l);
                // The index only names the file: the same letter moved down
                // the list is the same PDF.
                let letter = json(&LetterView { index: 0, ..l });
                self.inputs(&[&common, &letter, &title])
            })
            .collect())
    }

    /// Makes the letters of an event whose inputs changed, on worker
    /// threads, keeps the others, and remakes the print file if any letter
    /// changed (or it is missing). Stages everything in list order. Views
    /// and sources are made by the workers chunk by chunk, and staged
    /// letters leave memory: what stays is a byte and a key a letter.
    pub(super) fn letters(
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
        let n = letters.len();
        let width = n.to_string().len().max(3);
        let rel = |i: usize| paths::letter(slug, width, i + 1, letters.name(i));
        let have: Vec<Have> = (0..n)
            .map(|i| {
                if previous.is_unchanged(&rel(i), &keys[i]) {
                    Have::Kept
                } else if previous.reusable(&keys[i]).is_some() {
                    Have::Moved
                } else {
                    Have::Make
                }
            })
            .collect();
        let print_rel = paths::print_file(slug);
        let print_title = format!("GIẤY MỜI – {}", ev.title);
        let mut print_parts: Vec<&str> = vec!["print", &print_title];
        print_parts.extend(keys.iter().map(String::as_str));
        let print_inputs = self.inputs(&print_parts);
        let print_kept = previous.unchanged(&print_rel, &print_inputs);
        let print_err = |e: std::io::Error| Error::Write {
            path: PathBuf::from(&print_rel),
            source: e,
        };
        // Each letter's pages in the print file; its part is its key and
        // these, made once the file is done (not a string a letter while
        // the letters come).
        let mut print_pages: Vec<u32> =
            Vec::with_capacity(if print_kept.is_some() { 0 } else { n });
        let mut print = match print_kept {
            Some(_) => None,
            None => Some(pdf::PdfJoiner::new(stage.create(&print_rel)?).map_err(print_err)?),
        };

        // The letters to make (by position in the list), in chunks for the
        // workers; a letter's chunk is its rank among them over the size.
        let todo: Vec<u32> = (0..n)
            .filter(|&i| have[i] == Have::Make)
            .map(|i| i as u32)
            .collect();
        let chunk = chunk_size(todo.len());
        let chunks: Vec<&[u32]> = todo.chunks(chunk).collect();

        let next = AtomicUsize::new(0);
        // Bounded: workers wait rather than pile up finished chunks when
        // writing them out is the slower side, so memory stays flat.
        let (tx, rx) = mpsc::sync_channel::<(usize, Result<ChunkOut, Error>)>(1);
        let mut missing: Vec<&str> = Vec::new();
        let result: Result<(), Error> = std::thread::scope(|scope| {
            for _ in 0..worker_count(todo.len()) {
                let tx = tx.clone();
                let (next, chunks) = (&next, &chunks);
                let author = &view.author;
                let fonts = &preset.fonts;
                scope.spawn(move || {
                    loop {
                        if self.stop.load(Ordering::Relaxed) {
                            break;
                        }
                        let k = next.fetch_add(1, Ordering::Relaxed);
                        let Some(members) = chunks.get(k) else { break };
                        let batch: Vec<LetterView> =
                            members.iter().map(|&i| letters.get(i as usize)).collect();
                        let out = self
                            .render_letters(preset, view, &batch)
                            .and_then(|source| {
                                self.chunk(&source, &batch, options, fonts, &letter_title, author)
                            });
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
            let mut arrived: BTreeMap<usize, (ChunkOut, pdf::Shared)> = BTreeMap::new();
            // The receiver is this closure's own: whatever ends the loop
            // early (an error staging a letter, a full disk), it is dropped
            // on the way out, so no worker waits forever on a full channel,
            // and the workers take no new chunk.
            let rx = rx;
            let staged = (|| -> Result<(), Error> {
                let mut made = 0;
                for (i, &have) in have.iter().enumerate() {
                    let (rel, key, name) = (rel(i), &keys[i], letters.name(i));
                    match have {
                        Have::Kept | Have::Moved => {
                            // The bytes of a moved letter, read when it is
                            // staged: one at a time.
                            let moved = match have {
                                Have::Kept => {
                                    let kept = previous
                                        .unchanged(&rel, key)
                                        .ok_or_else(|| changed_by_hand(&rel))?;
                                    stage.keep(kept, Some(name))?;
                                    None
                                }
                                _ => {
                                    let from = previous.reusable(key).unwrap_or_default();
                                    let pdf =
                                        previous.read(from).ok_or_else(|| changed_by_hand(from))?;
                                    stage.add("invitation", &rel, &pdf, Some(name), key)?;
                                    Some(pdf)
                                }
                            };
                            if let Some(print) = print.as_mut() {
                                let from_old = old_print.as_mut().and_then(|o| o.push(print, key));
                                let pages = match (from_old, moved) {
                                    (Some(pages), _) => pages,
                                    (None, Some(pdf)) => print.push(&pdf),
                                    (None, None) => {
                                        let pdf = previous
                                            .read(&rel)
                                            .ok_or_else(|| changed_by_hand(&rel))?;
                                        print.push(&pdf)
                                    }
                                }
                                .map_err(print_err)?;
                                print_pages.push(pages as u32);
                            }
                        }
                        Have::Make => {
                            let k = made / chunk;
                            made += 1;
                            while !arrived.contains_key(&k) {
                                let Ok((got, out)) = rx.recv() else { break };
                                arrived.insert(got, (out?, Default::default()));
                            }
                            let Some((out, shared)) = arrived.get_mut(&k) else {
                                missing.push(name);
                                continue;
                            };
                            let Some(at) = out.letters.iter().position(|(x, ..)| *x == i + 1)
                            else {
                                missing.push(name);
                                continue;
                            };
                            let (_, pdf, pages) = out.letters.swap_remove(at);
                            stage.add("invitation", &rel, &pdf, Some(name), key)?;
                            if let Some(print) = print.as_mut() {
                                let count = match &out.doc {
                                    Some(doc) => print
                                        .push_pages(doc, pages.clone(), shared)
                                        .map(|_| pages.len()),
                                    None => print.push(&pdf),
                                }
                                .map_err(print_err)?;
                                print_pages.push(count as u32);
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
            })();
            if staged.is_err() {
                next.store(usize::MAX / 2, Ordering::Relaxed);
            }
            drop(rx);
            staged
        });
        result?;

        // Never fewer letters than delegates, silently.
        if !missing.is_empty() {
            return Err(Error::problem(
                Problem::error(format!(
                    "{} of {} letters of `{}` were not produced: {}",
                    missing.len(),
                    n,
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
                let parts = keys
                    .iter()
                    .zip(print_pages)
                    .map(|(key, pages)| output::Part {
                        inputs: key.clone(),
                        pages: pages as usize,
                    })
                    .collect();
                stage.record("invitations-print", file, &print_inputs, parts)?;
            }
            (None, Some(kept)) => stage.keep(kept, None)?,
            (None, None) => {}
        }
        Ok(())
    }

    /// The shared view of an event's letters (with its glyph repertoire)
    /// and each delegate's letter.
    pub fn event_letters(
        &self,
        project: &Project,
        preset: &Preset,
        event: &ResolvedEvent,
    ) -> Result<(EventView, Vec<LetterView>), Error> {
        let view = self.event_view(project, preset, event)?;
        Ok((view, Letters::new(preset, event).iter().collect()))
    }

    /// The shared view of an event's letters, with its glyph repertoire
    /// (made from one letter at a time).
    pub(super) fn event_view(
        &self,
        project: &Project,
        preset: &Preset,
        event: &ResolvedEvent,
    ) -> Result<EventView, Error> {
        let mut view = letters::event_view(project, preset, event)
            .map_err(|issues| locate_issues(&project.file, issues))?;
        view.glyphs = self.repertoire(&view, &Letters::new(preset, event), preset)?;
        Ok(view)
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

    /// The glyph repertoire of an event's letters ([`letters::repertoire`]):
    /// every character of the shared view, of every letter, of the preset
    /// and of the templates that make a letter.
    fn repertoire(
        &self,
        view: &EventView,
        letters: &Letters,
        preset: &Preset,
    ) -> Result<String, Error> {
        let mut texts = letters::Repertoire::default();
        texts.add(&json(view));
        texts.add(&json(preset));
        for l in letters.iter() {
            texts.add(&json(&l));
        }
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
        let split = pdf::PdfSplitter::new(&whole);
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

/// A letter's PDF title: `GIẤY MỜI – Đồng chí Lò Văn Bình`.
pub(super) fn letter_title(l: &LetterView) -> String {
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
pub(super) fn chunk_size(n: usize) -> usize {
    (n / (worker_count(n) * 4)).clamp(8, 32)
}
