//! The addressed copies of a meeting invitation (`meeting.copies: true`):
//! the invitation once for each invitee, `Kính gửi: …` under its title,
//! as a [`Batch`]: one PDF each under `giay-moi/<document>/` and a print
//! file of them all, kept from the last build like a congress's letters.

use serde::Serialize;

use crate::data::locate_issues;
use crate::data::resolve::Project;
use crate::error::Error;
use crate::letters;
use crate::output::{Previous, Stage};
use crate::preset::Preset;
use crate::typeset::DocOptions;
use crate::view::meeting::Addressee;
use crate::view::{self, DocumentView};

use super::batch::{Batch, BatchJob, Kinds, chunk_size};
use super::incremental::put;
use super::plan::document_options;
use super::{Engine, json, paths, progress_bar, sign};

/// One addressed copy: its place in the list (from 1) and who it is for.
#[derive(Debug, Clone, Serialize)]
pub struct CopyView {
    /// Its place in the list of invitees, from 1 (marks where it starts).
    pub index: usize,
    /// After `Kính gửi:`.
    pub to: String,
}

#[derive(Serialize)]
struct CopiesContext<'a> {
    #[serde(flatten)]
    doc: &'a DocumentView<'a>,
    glyphs: &'a str,
    copies: &'a [CopyView],
}

/// The addressed copies of a meeting invitation, as a [`Batch`].
pub(super) struct CopyBatch<'a> {
    doc: DocumentView<'a>,
    /// Every character the copies may print ([`letters::repertoire`]).
    glyphs: String,
    /// The invitation's name in the output folder.
    stem: &'a str,
}

impl CopyBatch<'_> {
    fn addressees(&self) -> &[Addressee] {
        self.doc.meeting.as_ref().map_or(&[], |m| &m.addressees)
    }

    fn copy(&self, i: usize) -> CopyView {
        CopyView {
            index: i + 1,
            to: self.addressees()[i].to.clone(),
        }
    }
}

impl Batch for CopyBatch<'_> {
    fn len(&self) -> usize {
        self.addressees().len()
    }

    fn name(&self, i: usize) -> &str {
        &self.addressees()[i].name
    }

    fn own(&self, i: usize) -> (String, String) {
        let view = json(&CopyView {
            index: 0,
            ..self.copy(i)
        });
        (view, self.title(i))
    }

    fn title(&self, i: usize) -> String {
        format!("{} – {}", self.doc.title.name, self.addressees()[i].to)
    }

    fn source(&self, engine: &Engine, members: &[usize]) -> Result<String, Error> {
        let copies: Vec<CopyView> = members.iter().map(|&i| self.copy(i)).collect();
        engine.renderer.render(
            "meeting-copies.typ.j2",
            &CopiesContext {
                doc: &self.doc,
                glyphs: &self.glyphs,
                copies: &copies,
            },
        )
    }

    fn path(&self, i: usize) -> String {
        let width = self.len().to_string().len().max(3);
        paths::letter(self.stem, width, i + 1, self.name(i))
    }

    fn print_path(&self) -> String {
        paths::print_file(self.stem)
    }

    fn print_title(&self) -> String {
        self.doc.meta.title.clone()
    }

    fn kinds(&self) -> Kinds {
        Kinds {
            one: "meeting-copy",
            print: "meeting-copies-print",
        }
    }

    fn author(&self) -> &str {
        &self.doc.meta.author
    }

    fn fonts(&self) -> &[String] {
        &self.doc.style.fonts
    }

    fn not_produced(&self, missing: usize, total: usize, list: String) -> String {
        crate::tr!(
            "build-copies-not-produced",
            missing = missing,
            total = total,
            title = &self.doc.meta.title,
            list = list
        )
    }

    fn sign_boxes(&self) -> usize {
        // The signature blocks' images, and the place of the
        // organisation's signature on a copy (its number and time).
        sign::count(&self.doc.signature)
            + self.doc.cosigner.as_ref().map_or(0, sign::count)
            + usize::from(self.doc.style.meeting.copy_signature.is_some())
    }
}

impl Engine {
    /// The addressed copies the data asks for (`None` if it asks for none),
    /// with their glyph repertoire.
    pub(super) fn copy_batch<'a>(
        &self,
        project: &'a Project,
        preset: &'a Preset,
        stem: &'a str,
    ) -> Result<Option<CopyBatch<'a>>, Error> {
        if !project.data.meeting.as_ref().is_some_and(|m| m.copies) {
            return Ok(None);
        }
        let doc =
            view::build(project, preset).map_err(|issues| locate_issues(&project.file, issues))?;
        let mut batch = CopyBatch {
            doc,
            glyphs: String::new(),
            stem,
        };
        let mut texts = letters::Repertoire::default();
        texts.add(&json(&batch.doc));
        texts.add(&json(preset));
        for a in batch.addressees() {
            texts.add(&a.to);
        }
        batch.glyphs = self.glyphs(texts, "meeting-copies.typ.j2")?;
        Ok(Some(batch))
    }

    /// Makes the addressed copies of the meeting invitation and their print
    /// file (those whose inputs changed; the others are kept). Returns how
    /// many copies there are.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn copies(
        &self,
        project: &Project,
        preset: &Preset,
        stem: &str,
        stage: &mut Stage,
        previous: &Previous,
        emit_typ: bool,
        progress: bool,
    ) -> Result<usize, Error> {
        let Some(batch) = self.copy_batch(project, preset, stem)? else {
            return Ok(0);
        };
        let options = copy_options(project);
        let keys = self.batch_keys(&batch, &options)?;
        if emit_typ && batch.len() > 0 {
            let first: Vec<usize> = (0..chunk_size(batch.len()).min(batch.len())).collect();
            let source = batch.source(self, &first)?;
            let rel = paths::event_source(stem);
            put(stage, previous, "typst-source", &rel, source.as_bytes())?;
        }
        let bar = progress_bar(progress, batch.len());
        let job = BatchJob {
            batch: &batch,
            keys: &keys,
            options: &options,
        };
        self.batch(&job, &bar, stage, previous)?;
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        Ok(batch.len())
    }

    /// How many addressed copies the data asks for (0 for none), and the
    /// generated Typst source of copy `i` (from 0) on its own, if there is
    /// such a copy.
    pub fn copy_source(
        &self,
        project: &Project,
        preset: &Preset,
        i: usize,
    ) -> Result<(usize, Option<String>), Error> {
        let Some(batch) = self.copy_batch(project, preset, "")? else {
            return Ok((0, None));
        };
        let source = match i < batch.len() {
            true => Some(batch.source(self, &[i])?),
            false => None,
        };
        Ok((batch.len(), source))
    }

    /// The PDFs of the first `count` addressed copies, compiled `chunk` to
    /// a Typst document, by index (from 1). Any chunk size gives the same
    /// bytes; tests hold the build to that.
    pub fn copy_pdfs(
        &self,
        project: &Project,
        preset: &Preset,
        chunk: usize,
        count: usize,
    ) -> Result<Vec<(usize, Vec<u8>)>, Error> {
        let Some(batch) = self.copy_batch(project, preset, "")? else {
            return Ok(Vec::new());
        };
        self.batch_pdfs(&batch, &copy_options(project), chunk, count)
    }
}

/// Compile options of the copies: the document's, under a name of their own
/// in messages.
pub fn copy_options(project: &Project) -> DocOptions {
    DocOptions {
        source_name: crate::tr!("build-source-copies", name = &project.file.name),
        ..document_options(project)
    }
}
