//! Batches of one-person documents, made the same way whatever they are
//! (a congress's letters to its delegates, the addressed copies of a
//! meeting invitation): compiled in chunks on worker threads, cut apart
//! into one PDF each, joined into one print file, and kept from the last
//! build when what they are made from did not change.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use crate::error::{Error, Problem};
use crate::output::{self, Previous, SignBox, Stage};
use crate::pdf;
use crate::typeset::{self, DocOptions};

use super::incremental::{OldJoined, changed_by_hand};
use super::{Engine, sign, worker_count};

/// A batch of documents, one for each person or body, that share
/// everything but who they are for.
///
/// Each document's PDF depends on itself alone (see
/// [`crate::letters::repertoire`]): [`Batch::source`] of any members gives
/// the same PDF for each of them.
pub(super) trait Batch: Sync {
    /// How many documents.
    fn len(&self) -> usize;
    /// Who document `i` (from 0) is for, as in the data: the manifest
    /// names it so, and its file name is made from it.
    fn name(&self, i: usize) -> &str;
    /// Document `i`'s own part of what it is made from: its view as JSON,
    /// without its place in the list (the same letter moved down the list
    /// is the same PDF), and its PDF title, both from one view of it (a
    /// rebuild asks this of every document).
    fn own(&self, i: usize) -> (String, String);
    /// Document `i`'s PDF title.
    fn title(&self, i: usize) -> String;
    /// The generated Typst source of the documents `members` (from 0,
    /// ascending), after the batch's glyph page; each document starts with
    /// `#metadata(i + 1) <vanban-letter>`. No members: what they share.
    fn source(&self, engine: &Engine, members: &[usize]) -> Result<String, Error>;
    /// Document `i`'s path in the output folder.
    fn path(&self, i: usize) -> String;
    /// The print file's path.
    fn print_path(&self) -> String;
    /// The print file's PDF title.
    fn print_title(&self) -> String;
    /// The manifest's kinds for a document and for the print file.
    fn kinds(&self) -> Kinds;
    /// The PDF author: the issuing body.
    fn author(&self) -> &str;
    /// The font families the preset allows.
    fn fonts(&self) -> &[String];
    /// The error that `missing` (their names, `list`) of the `total`
    /// documents were not produced: ``2 of 5 letters of `Đại hội …` were
    /// not produced: …``.
    fn not_produced(&self, missing: usize, total: usize, list: String) -> String;
    /// How many rectangles of signature and seal images each document
    /// has (0 when the data names no image).
    fn sign_boxes(&self) -> usize;
    /// How the print file lays the documents out: one a page, unless the
    /// data asks for two A5 letters to a sheet.
    fn print_layout(&self) -> Print {
        Print::Single
    }
    /// Why the print file could not be laid two-up: the documents (who
    /// for, how many pages) that are longer than one page, at least one.
    fn too_long(&self, documents: &[(String, usize)]) -> Error {
        let (name, pages) = documents.first().cloned().unwrap_or_default();
        Error::problem(
            Problem::error(crate::tr!(
                "print-two-up-too-long",
                name = name,
                pages = pages
            ))
            .hint(crate::tr!("print-two-up-too-long-hint")),
        )
    }
}

/// How a batch's print file lays its documents out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Print {
    /// One document after another, each page as its own PDF has it.
    Single,
    /// Two one-page A5 documents side by side on each A4 sheet, a dashed
    /// line down the middle if `cut_line`.
    TwoUp { cut_line: bool },
}

impl Print {
    /// What the print file's inputs say of the layout: nothing for one
    /// document a page (the inputs of every print file made before there
    /// was a choice), else the layout, so a switch remakes the file.
    fn key(self) -> Option<&'static str> {
        match self {
            Print::Single => None,
            Print::TwoUp { cut_line: false } => Some("two-up"),
            Print::TwoUp { cut_line: true } => Some("two-up, cut line"),
        }
    }
}

/// The manifest's kinds of a batch's outputs.
#[derive(Debug, Clone, Copy)]
pub(super) struct Kinds {
    /// One document: `invitation`.
    pub(super) one: &'static str,
    /// The print file: `invitations-print`.
    pub(super) print: &'static str,
}

/// A batch, ready to make.
#[derive(Clone, Copy)]
pub(super) struct BatchJob<'a> {
    pub(super) batch: &'a dyn Batch,
    /// What each document is made from ([`Engine::batch_keys`]).
    pub(super) keys: &'a [String],
    pub(super) options: &'a DocOptions,
}

/// What a rebuild does for one document (its path and inputs are worked
/// out again when it is staged: one byte a document is kept, not its names).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Have {
    /// Left as it is on disk.
    Kept,
    /// The same document under another number: its bytes, from the old file.
    Moved,
    /// Made anew.
    Make,
}

/// One chunk of a batch, compiled: each document's PDF, and the chunk's
/// PDF for the print file.
pub(super) struct ChunkOut {
    /// Each document, in page order.
    pub(super) documents: Vec<ChunkDocument>,
    /// The chunk's PDF, parsed, for the print file (`None` if it could not
    /// be read: the documents' own PDFs are joined then).
    doc: Option<pdf::PdfSplitter>,
}

/// One document of a compiled chunk.
pub(super) struct ChunkDocument {
    /// Its place in the batch, from 1.
    index: usize,
    pdf: Vec<u8>,
    /// Its pages in the chunk.
    pages: std::ops::Range<usize>,
    /// The rectangles of its signature images, pages counted in its own PDF.
    sign_boxes: Vec<SignBox>,
}

impl Engine {
    /// What each document of a batch is made from: the batch's source
    /// without documents (preset, shared view, wording, glyph repertoire),
    /// then the document itself. One document's view is made at a time.
    pub(super) fn batch_keys(
        &self,
        batch: &dyn Batch,
        options: &DocOptions,
    ) -> Result<Vec<String>, Error> {
        let common = self.inputs(&[batch.kinds().one, &batch.source(self, &[])?, &options.key()]);
        Ok((0..batch.len())
            .map(|i| {
                let (view, title) = batch.own(i);
                self.inputs(&[&common, &view, &title])
            })
            .collect())
    }

    /// Makes the documents of a batch whose inputs changed, on worker
    /// threads, keeps the others, and remakes the print file if any
    /// document changed (or it is missing). Stages everything in list
    /// order. Views and sources are made by the workers chunk by chunk,
    /// and staged documents leave memory: what stays is a byte and a key
    /// a document.
    pub(super) fn batch(
        &self,
        job: &BatchJob,
        bar: &Option<indicatif::ProgressBar>,
        stage: &mut Stage,
        previous: &Previous,
    ) -> Result<(), Error> {
        let BatchJob {
            batch,
            keys,
            options,
        } = *job;
        let n = batch.len();
        let kinds = batch.kinds();
        let rel = |i: usize| batch.path(i);
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
        let print_rel = batch.print_path();
        let print_title = batch.print_title();
        let layout = batch.print_layout();
        let mut print_parts: Vec<&str> = vec![kinds.print, &print_title];
        print_parts.extend(layout.key());
        print_parts.extend(keys.iter().map(String::as_str));
        let print_inputs = self.inputs(&print_parts);
        let print_kept = previous.unchanged(&print_rel, &print_inputs);
        let print_err = |e: std::io::Error| Error::Write {
            path: PathBuf::from(&print_rel),
            source: e,
        };
        // What the print file holds so far. Each document's part is its
        // key and its pages, made once the file is done (not a string a
        // document while the documents come).
        let mut printed = Printed {
            pages: Vec::with_capacity(if print_kept.is_some() { 0 } else { n }),
            ..Printed::default()
        };
        let mut print = match print_kept {
            Some(_) => None,
            None => {
                let file = stage.create(&print_rel)?;
                Some(
                    match layout {
                        Print::Single => pdf::PdfJoiner::new(file),
                        Print::TwoUp { cut_line } => pdf::PdfJoiner::two_up(file, cut_line),
                    }
                    .map_err(print_err)?,
                )
            }
        };

        // The documents to make (by position in the list), in chunks for
        // the workers; a document's chunk is its rank among them over the
        // size.
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
                scope.spawn(move || {
                    loop {
                        if self.stop.load(Ordering::Relaxed) {
                            break;
                        }
                        let k = next.fetch_add(1, Ordering::Relaxed);
                        let Some(members) = chunks.get(k) else { break };
                        let members: Vec<usize> = members.iter().map(|&i| i as usize).collect();
                        let out = batch
                            .source(self, &members)
                            .and_then(|source| self.chunk(&source, &members, options, batch));
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
            // The last print file gives the unchanged documents' pages in one
            // read, done while the workers compile.
            // A two-up file cannot give a letter's page back: its letters
            // come from their own PDFs (the same bytes, see `PdfJoiner::push`).
            let mut old_print = match (&print_kept, layout) {
                (None, Print::Single) => OldJoined::load(previous, &print_rel),
                _ => None,
            };
            // Documents are staged in list order as their chunks arrive, so the
            // manifest is the same on every run and memory holds only a few
            // chunks.
            let mut arrived: BTreeMap<usize, (ChunkOut, pdf::Shared)> = BTreeMap::new();
            // The receiver is this closure's own: whatever ends the loop
            // early (an error staging a document, a full disk), it is dropped
            // on the way out, so no worker waits forever on a full channel,
            // and the workers take no new chunk.
            let rx = rx;
            let staged = (|| -> Result<(), Error> {
                let mut made = 0;
                for (i, &have) in have.iter().enumerate() {
                    let (rel, key, name) = (rel(i), &keys[i], batch.name(i));
                    match have {
                        Have::Kept | Have::Moved => {
                            // The bytes of a moved document, read when it is
                            // staged: one at a time.
                            let (moved, boxes) = match have {
                                Have::Kept => {
                                    let kept = previous
                                        .unchanged(&rel, key)
                                        .ok_or_else(|| changed_by_hand(&rel))?;
                                    let boxes = kept.sign_boxes.clone();
                                    stage.keep(kept, Some(name))?;
                                    (None, boxes)
                                }
                                _ => {
                                    let from = previous.reusable(key).unwrap_or_default();
                                    let pdf =
                                        previous.read(from).ok_or_else(|| changed_by_hand(from))?;
                                    // The same letter: its boxes, as they were.
                                    let boxes = previous.sign_boxes(from).to_vec();
                                    stage.add_with_boxes(
                                        kinds.one,
                                        &rel,
                                        &pdf,
                                        Some(name),
                                        key,
                                        boxes.clone(),
                                    )?;
                                    (Some(pdf), boxes)
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
                                };
                                printed
                                    .add(pages, name, print.placed(), &boxes)
                                    .map_err(print_err)?;
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
                            let Some(at) = out.documents.iter().position(|d| d.index == i + 1)
                            else {
                                missing.push(name);
                                continue;
                            };
                            let ChunkDocument {
                                pdf,
                                pages,
                                sign_boxes: boxes,
                                ..
                            } = out.documents.swap_remove(at);
                            stage.add_with_boxes(
                                kinds.one,
                                &rel,
                                &pdf,
                                Some(name),
                                key,
                                boxes.clone(),
                            )?;
                            if let Some(print) = print.as_mut() {
                                let count = match &out.doc {
                                    Some(doc) => print
                                        .push_pages(doc, pages.clone(), shared)
                                        .map(|_| pages.len()),
                                    None => print.push(&pdf),
                                };
                                printed
                                    .add(count, name, print.placed(), &boxes)
                                    .map_err(print_err)?;
                            }
                            // A chunk whose documents are all staged is dropped.
                            if out.documents.is_empty() {
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

        // Never fewer documents than people, silently.
        if !missing.is_empty() {
            return Err(Error::problem(
                Problem::error(batch.not_produced(missing.len(), n, missing.join(", ")))
                    .hint(crate::tr!("build-hint-letter-marker")),
            ));
        }

        // Returned before anything is committed: the build writes nothing.
        if !printed.too_long.is_empty() {
            return Err(batch.too_long(&printed.too_long));
        }

        // One print file with every document, in list order, joined as the
        // documents came, so no batch has to stay in memory.
        match (print, print_kept) {
            (Some(print), _) => {
                let file = print.finish(&print_title).map_err(print_err)?;
                // A two-up file lists no parts: its pages are sheets, not
                // letters, and a later build must not take one for a letter.
                let parts = match layout {
                    Print::Single => keys
                        .iter()
                        .zip(printed.pages)
                        .map(|(key, pages)| output::Part {
                            inputs: key.clone(),
                            pages: pages as usize,
                        })
                        .collect(),
                    Print::TwoUp { .. } => Vec::new(),
                };
                stage.record_with_boxes(
                    kinds.print,
                    file,
                    &print_inputs,
                    parts,
                    printed.boxes.boxes,
                )?;
            }
            (None, Some(kept)) => stage.keep(kept, None)?,
            (None, None) => {}
        }
        Ok(())
    }

    /// The PDFs of the first `count` documents of `batch`, compiled `chunk`
    /// to a Typst document, by index (from 1), without staging anything:
    /// for tests that hold the build to "any chunk, the same bytes".
    pub(super) fn batch_pdfs(
        &self,
        batch: &dyn Batch,
        options: &DocOptions,
        chunk: usize,
        count: usize,
    ) -> Result<Vec<(usize, Vec<u8>)>, Error> {
        let members: Vec<usize> = (0..count.min(batch.len())).collect();
        let mut out = Vec::new();
        for c in members.chunks(chunk.max(1)) {
            let source = batch.source(self, c)?;
            let done = self.chunk(&source, c, options, batch)?;
            out.extend(done.documents.into_iter().map(|d| (d.index, d.pdf)));
        }
        Ok(out)
    }

    /// Compiles one chunk of a batch, the documents `members` (from 0),
    /// and splits it into one PDF per document.
    pub(super) fn chunk(
        &self,
        source: &str,
        members: &[usize],
        options: &DocOptions,
        batch: &dyn Batch,
    ) -> Result<ChunkOut, Error> {
        let document = self.typesetter.compile(source, options, batch.fonts())?;
        // Exporting each document on its own would subset and compress the
        // fonts once per document, most of the cost of a letter. Instead the
        // chunk is exported once and split page-wise at the PDF level.
        let whole = typeset::export(&document, options, false)?;
        let split = pdf::PdfSplitter::new(&whole);
        let found = match batch.sign_boxes() {
            0 => Vec::new(),
            _ => sign::find(&document),
        };
        let mut out = Vec::with_capacity(members.len());
        for (index, pages) in typeset::letter_pages(&document) {
            // Its marker's number is its place in the batch, from 1.
            let Some(i) = usize::try_from(index).ok().and_then(|i| i.checked_sub(1)) else {
                continue;
            };
            if members.binary_search(&i).is_err() {
                continue;
            }
            let title = batch.title(i);
            let boxes = sign::within(&found, pages.clone(), batch.sign_boxes(), Some(&title))?;
            let pdf = match split
                .as_ref()
                .and_then(|s| s.extract(pages.clone(), &title))
            {
                Some(pdf) => pdf,
                // A document the splitter cannot read is exported page by page.
                None => {
                    let one =
                        typeset::sub_document(&document, pages.clone(), &title, batch.author());
                    typeset::export(&one, options, false)?
                }
            };
            out.push(ChunkDocument {
                index: i + 1,
                pdf,
                pages,
                sign_boxes: boxes,
            });
        }
        Ok(ChunkOut {
            documents: out,
            doc: split,
        })
    }
}

/// Documents per Typst document for a batch of `n`: enough chunks for
/// every worker to stay busy, few enough that the per-compile overhead
/// stays small. (Any size gives the same documents: see [`Batch`].)
pub(super) fn chunk_size(n: usize) -> usize {
    (n / (worker_count(n) * 4)).clamp(8, 32)
}

/// What a print file holds so far: each document's pages, the sign boxes
/// on them, and the documents too long to lay two-up.
#[derive(Default)]
struct Printed {
    /// Each document's pages, in list order.
    pages: Vec<u32>,
    /// Each document's sign boxes, on its pages in the print file.
    boxes: sign::Joined,
    /// The documents too long to lay two-up (who for, pages): all of them
    /// are named, not only the first.
    too_long: Vec<(String, usize)>,
}

impl Printed {
    /// Files what pushing document `name` into the print file gave: its
    /// pages and boxes, or, if a two-up file refused it for not being one
    /// page, the document; any other failure is returned.
    fn add(
        &mut self,
        pushed: std::io::Result<usize>,
        name: &str,
        placed: Option<pdf::Placed>,
        boxes: &[crate::output::SignBox],
    ) -> std::io::Result<()> {
        match pushed {
            Ok(pages) => {
                self.pages.push(pages as u32);
                self.boxes.push(pages, placed, boxes);
            }
            Err(e) => match pdf::NotOnePage::of(&e) {
                Some(pages) => self.too_long.push((name.to_string(), pages)),
                None => return Err(e),
            },
        }
        Ok(())
    }
}
