//! The main document (the plan) and its distribution sheet.

use crate::data::locate_issues;
use crate::data::resolve::Project;
use crate::error::Error;
use crate::letters::{self, SheetView};
use crate::output::{Previous, SignBox};
use crate::preset::Preset;
use crate::typeset::DocOptions;
use crate::view;

use super::incremental::Made;
use super::{Engine, OutputKind, lower_first, sign};

/// The main document (its path, PDF and generated source) and its
/// distribution sheet, as [`Engine::build`] makes them beside the events.
#[derive(Default)]
pub(super) struct PlanOut {
    pub(super) document: Option<(String, Made, String)>,
    pub(super) sheet: Option<Made>,
}

impl Engine {
    /// The generated Typst source of the main document.
    pub fn document_source(&self, project: &Project, preset: &Preset) -> Result<String, Error> {
        let view =
            view::build(project, preset).map_err(|issues| locate_issues(&project.file, issues))?;
        // One template per kind of document.
        let template = match view.meeting {
            Some(_) => "meeting.typ.j2",
            None => "plan.typ.j2",
        };
        self.renderer.render(template, &view)
    }

    /// The main document as PDF bytes, without writing anything (for
    /// benchmarks and previews).
    pub fn document_pdf(&self, project: &Project) -> Result<Vec<u8>, Error> {
        let preset = self.preset(project)?;
        let source = self.document_source(project, &preset)?;
        self.typesetter
            .compile_pdf(&source, &document_options(project), &preset.fonts)
    }

    /// The main document and its distribution sheet, made or kept, not yet
    /// staged.
    pub(super) fn plan(
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
            let inputs = self.inputs(&["plan", &source, &options.key()]);
            let made = match previous.unchanged(&rel, &inputs) {
                Some(kept) => Made::Kept(kept),
                None => {
                    let (bytes, sign_boxes) =
                        self.signed_pdf(project, preset, &source, &options)?;
                    Made::New {
                        bytes,
                        inputs,
                        sign_boxes,
                    }
                }
            };
            out.document = Some((rel, made, source));
        }
        if wants(OutputKind::Recipients) {
            let mut sheet = self.plan_sheet(project, preset);
            let rows = letters::SheetRows::listed(std::mem::take(&mut sheet.rows));
            let sheet = self.sheet_plan(preset, sheet, rows, &options)?;
            let name = format!("{stem}-noi-nhan.pdf");
            out.sheet = Some(match previous.unchanged(&name, &sheet.inputs) {
                Some(kept) => Made::Kept(kept),
                None => {
                    let inputs = sheet.inputs.clone();
                    let (bytes, parts) =
                        self.sheet_pdf(preset, sheet, &options, previous, &name, Vec::new())?;
                    Made::Joined {
                        bytes,
                        inputs,
                        parts,
                    }
                }
            });
        }
        Ok(out)
    }

    /// The main document's PDF and the rectangles of its signature and
    /// seal images. Without images, as [`Typesetter::compile_pdf`] makes
    /// it; with them, laid out, measured and exported the same way.
    ///
    /// [`Typesetter::compile_pdf`]: crate::typeset::Typesetter::compile_pdf
    fn signed_pdf(
        &self,
        project: &Project,
        preset: &Preset,
        source: &str,
        options: &DocOptions,
    ) -> Result<(Vec<u8>, Vec<SignBox>), Error> {
        let expected = sign::in_document(project);
        if expected == 0 {
            let pdf = self
                .typesetter
                .compile_pdf(source, options, &preset.fonts)?;
            return Ok((pdf, Vec::new()));
        }
        let document = self.typesetter.compile(source, options, &preset.fonts)?;
        let found = sign::find(&document);
        let boxes = sign::within(&found, 0..document.pages().len(), expected, None)?;
        let pdf = crate::typeset::export(&document, options, true)?;
        // As `compile_pdf` does: keep comemo's cache to what a rebuild reuses.
        comemo::evict(10);
        Ok((pdf, boxes))
    }

    /// The distribution sheet of the main document: its Nơi nhận.
    pub fn plan_sheet(&self, project: &Project, preset: &Preset) -> SheetView {
        let data = &project.data;
        let doc = &data.document;
        let (code, type_name) = match preset.document_type(&doc.kind) {
            Some(t) => (t.code, t.name),
            None => (doc.kind.clone(), String::new()),
        };
        let header = view::header(data, preset, &code, doc.number, doc.date);
        let what = crate::text::sentence_case(&type_name);
        let mut rows = letters::sheet_rows(&data.recipients, preset, &what);
        // `Như thành phần mời` stands for the invitees of a meeting: the
        // clerk sends each one a copy, so each has a row to sign for it.
        if let Some(meeting) = &data.meeting {
            let as_invited = preset.meeting.as_invited.trim().to_lowercase();
            if let Some(at) = rows
                .iter()
                .position(|r| r.to.trim().to_lowercase() == as_invited)
            {
                let invitees = project
                    .tables
                    .get(&crate::data::model::Meeting::invitees_path().to_string())
                    .map(Vec::as_slice);
                // Problems with the invitees are the invitation's to report.
                let view = view::meeting::view(meeting, preset, invitees, &mut Vec::new());
                let purpose = rows[at].purpose.clone();
                rows.splice(
                    at..=at,
                    view.addressees.into_iter().map(|a| letters::SheetRow {
                        to: a.to,
                        what: what.clone(),
                        purpose: purpose.clone(),
                        copies: 1,
                    }),
                );
            }
        }
        SheetView {
            document: format!(
                "{} {}, ngày {}",
                crate::text::sentence_case(&type_name),
                lower_first(&header.number),
                preset.date_short(doc.date)
            ),
            copies: letters::total_copies(&rows),
            rows,
            author: data.issuer.name.clone(),
            // A sheet is a register, not a numbered document.
            header: view::HeaderView {
                number: String::new(),
                marks: Vec::new(),
                circulation: None,
                contact: None,
                ..header
            },
            first: true,
            last: true,
            offset: 0,
            glyphs: String::new(),
        }
    }
}

/// Compile options of the main document and its sheet.
pub fn document_options(project: &Project) -> DocOptions {
    DocOptions {
        date: project.data.document.date,
        source_name: project.file.name.clone(),
        data: Some(project.file.clone()),
        pdfa: project.data.pdfa,
    }
}
