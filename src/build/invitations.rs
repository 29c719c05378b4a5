//! A congress's per-delegate letters (Giấy mời, Giấy triệu tập) as a
//! [`Batch`]: their views, sources and names; [`super::batch`] makes them.

use serde::Serialize;

use crate::data::locate_issues;
use crate::data::model::PrintLayout;
use crate::data::resolve::{Project, ResolvedEvent};
use crate::error::{DataIssue, DataPath, Error, SourceFile};
use crate::letters::{self, EventView, LetterView, Letters};
use crate::preset::Preset;
use crate::typeset::DocOptions;

use super::batch::{Batch, Kinds, Print, chunk_size};
use super::{Engine, json, paths, sign};

#[derive(Serialize)]
struct LettersContext<'a> {
    version: &'static str,
    style: &'a Preset,
    event: &'a EventView,
    letters: &'a [LetterView],
}

/// The letters of one event, as a [`Batch`].
pub(super) struct EventBatch<'a> {
    pub(super) letters: &'a Letters<'a>,
    pub(super) view: &'a EventView,
    pub(super) preset: &'a Preset,
    /// The event's name in the output folder.
    pub(super) slug: &'a str,
    /// The event's title.
    pub(super) title: &'a str,
    /// How its print file lays the letters out.
    pub(super) print: Print,
    /// The data file and the event's place in its list, where an error
    /// about the print file's layout points (`print: two-up`).
    pub(super) at: (&'a SourceFile, usize),
}

impl Batch for EventBatch<'_> {
    fn len(&self) -> usize {
        self.letters.len()
    }

    fn name(&self, i: usize) -> &str {
        self.letters.name(i)
    }

    fn own(&self, i: usize) -> (String, String) {
        let letter = self.letters.get(i);
        let title = letter_title(&letter);
        (json(&LetterView { index: 0, ..letter }), title)
    }

    fn title(&self, i: usize) -> String {
        letter_title(&self.letters.get(i))
    }

    fn source(&self, engine: &Engine, members: &[usize]) -> Result<String, Error> {
        let letters: Vec<LetterView> = members.iter().map(|&i| self.letters.get(i)).collect();
        engine.render_letters(self.preset, self.view, &letters)
    }

    fn path(&self, i: usize) -> String {
        let width = self.letters.len().to_string().len().max(3);
        paths::letter(self.slug, width, i + 1, self.letters.name(i))
    }

    fn print_path(&self) -> String {
        paths::print_file(self.slug)
    }

    fn print_title(&self) -> String {
        format!("GIẤY MỜI – {}", self.title)
    }

    fn kinds(&self) -> Kinds {
        Kinds {
            one: "invitation",
            print: "invitations-print",
        }
    }

    fn author(&self) -> &str {
        &self.view.author
    }

    fn fonts(&self) -> &[String] {
        &self.preset.fonts
    }

    fn not_produced(&self, missing: usize, total: usize, list: String) -> String {
        crate::tr!(
            "build-letters-not-produced",
            missing = missing,
            total = total,
            title = self.title,
            list = list
        )
    }

    fn sign_boxes(&self) -> usize {
        sign::count(&self.view.signature)
    }

    fn print_layout(&self) -> Print {
        self.print
    }

    fn too_long(&self, letters: &[(String, usize)]) -> Error {
        let (file, index) = self.at;
        let (name, pages) = letters.first().cloned().unwrap_or_default();
        let mut message = crate::tr!("print-two-up-too-long", name = name, pages = pages);
        if letters.len() > 1 {
            message.push(' ');
            message.push_str(&crate::tr!(
                "print-two-up-too-long-others",
                count = letters.len() - 1
            ));
        }
        let here = DataPath::new()
            .key("events")
            .index(index)
            .key("invitation")
            .key("print");
        locate_issues(
            file,
            vec![DataIssue::new(
                here,
                message,
                crate::tr!("print-two-up-too-long-hint"),
            )],
        )
    }
}

/// How the event's print file lays its letters out, as its data says.
pub(super) fn print_layout(spec: &crate::data::model::InvitationSpec) -> Print {
    match spec.print {
        PrintLayout::Single => Print::Single,
        PrintLayout::TwoUp => Print::TwoUp {
            cut_line: spec.cut_line,
        },
    }
}

impl Engine {
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
        let view = self.event_view(project, preset, event)?;
        let options = DocOptions {
            date: event.event.invitation.date,
            source_name: project.file.name.clone(),
            data: event.list.clone(),
            pdfa: project.data.pdfa,
        };
        let batch = EventBatch {
            letters: &Letters::new(preset, event),
            view: &view,
            preset,
            slug: "",
            title: &event.event.title,
            print: print_layout(&event.event.invitation),
            at: (&project.file, event.index),
        };
        self.batch_pdfs(&batch, &options, chunk, count)
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
