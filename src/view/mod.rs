//! From validated data and a preset to the view the templates render:
//! numbers, dates, counts and totals are computed here, once, so the data
//! never states a figure twice and templates only place values.

use serde::Serialize;

use crate::data::model::{DataFile, Inline, Recipient, Recipients, Span};
use crate::data::resolve::{Counts, Project};
use crate::error::{DataIssue, DataPath};
use crate::preset::{ContactPage, Preset};

mod body;
pub mod meeting;
mod signature;
pub mod time;

pub use signature::sign_view;

/// Everything a document template needs, ready to print.
#[derive(Debug, Serialize)]
pub struct DocumentView<'a> {
    /// The preset, handed whole to the Typst layout.
    pub style: &'a Preset,
    /// PDF metadata.
    pub meta: Meta,
    /// Header of page 1.
    pub header: HeaderView,
    /// Type name and subject.
    pub title: TitleView,
    /// Paragraphs before the body.
    pub preamble: Vec<Vec<SpanView>>,
    /// The body, as a tree of blocks.
    pub body: Vec<Block>,
    /// Signature block (of the lead signer, on the right).
    pub signature: SignatureView,
    /// The other signer of a joint document, on the left.
    pub cosigner: Option<SignatureView>,
    /// Nơi nhận lines, punctuated.
    pub recipients: Vec<String>,
    /// Appendices, after the signature.
    pub appendices: Vec<AppendixView>,
    /// The body of a meeting invitation, which has no `body`.
    pub meeting: Option<meeting::MeetingView>,
    /// The drafter's line and the not-for-the-media line.
    pub extras: ExtrasView,
    /// Name of the data file, for the comment at the top of the generated source.
    pub source_name: String,
    /// Tool version, likewise.
    pub version: &'static str,
}

/// PDF metadata.
#[derive(Debug, Serialize)]
pub struct Meta {
    /// Document title: type name and subject.
    pub title: String,
    /// Author: the issuing body.
    pub author: String,
}

/// Header of page 1, every line formatted.
#[derive(Debug, Clone, Serialize)]
pub struct HeaderView {
    /// Superior body, if any.
    pub superior: Option<String>,
    /// Issuing body.
    pub issuer: String,
    /// `Số 295-KH/HU`.
    pub number: String,
    /// `Tam Đường, ngày 15 tháng 10 năm 2024`.
    pub date: String,
    /// Marks under the number (a draft's, the urgency), the document's only.
    pub marks: Vec<MarkView>,
    /// The circulation note at the top right of page 1, the document's only.
    pub circulation: Option<String>,
    /// The contact block, when the preset puts it at the foot of page 1.
    pub contact: Option<String>,
}

/// The parts printed beside the closing: the drafter's line at the end of
/// Nơi nhận, the not-for-the-media line at the foot of the last page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ExtrasView {
    /// `NguyenVanAn-26, 30b`.
    pub drafter: Option<String>,
    /// `Không phổ biến trên phương tiện thông tin đại chúng`.
    pub not_public: Option<String>,
    /// The contact block, when the preset puts it on the last page.
    pub contact: Option<String>,
}

/// A line under the number, in its style.
#[derive(Debug, Clone, Serialize)]
pub struct MarkView {
    /// `Dự thảo lần 2`, `KHẨN`.
    pub text: String,
    /// Its style, from the preset.
    pub style: crate::preset::TextStyle,
}

/// Type name and subject.
#[derive(Debug, Serialize)]
pub struct TitleView {
    /// `KẾ HOẠCH`.
    pub name: String,
    /// The subject.
    pub subject: String,
}

/// A run of text with its emphasis (`plain`, `italic` or `bold`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SpanView {
    /// The text.
    pub text: String,
    /// `plain`, `italic`, `bold`, `bold-italic` or `footnote` (the text
    /// of a footnote, whose mark stands here).
    pub style: &'static str,
}

/// One block of the body.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Block {
    /// A numbered heading.
    Heading {
        /// Depth, from 1.
        level: usize,
        /// Its number, `I.`, `1.`, `1.1.`, `a)`.
        label: String,
        /// Heading text.
        text: String,
        /// Blocks under it.
        content: Vec<Block>,
    },
    /// A numbered paragraph.
    Item {
        /// Depth, from 1.
        level: usize,
        /// Its number.
        label: String,
        /// Whether the number is bold.
        label_bold: bool,
        /// Paragraph text.
        spans: Vec<SpanView>,
        /// Blocks under it.
        content: Vec<Block>,
    },
    /// A plain paragraph.
    Paragraph {
        /// Paragraph text.
        spans: Vec<SpanView>,
    },
    /// A `-` list.
    Dash {
        /// No paragraph spacing between items.
        tight: bool,
        /// The items.
        items: Vec<DashView>,
    },
    /// A unit and who attends its congress.
    Unit(UnitView),
    /// A table.
    Table(TableView),
    /// Shared time limits of some units.
    Schedule {
        /// The units' labels, in order.
        labels: Vec<String>,
        /// Maximum duration in days, formatted (`01`).
        days: String,
        /// Deadline, formatted (`10/01/2025`).
        deadline: String,
    },
}

/// An appendix, ready to print.
#[derive(Debug, Serialize)]
pub struct AppendixView {
    /// `Phụ lục I`.
    pub label: String,
    /// Its title.
    pub title: String,
    /// `(Kèm theo Kế hoạch số 12/KH-UBND ngày 05/01/2026 của …)`.
    pub note: String,
    /// Its body, numbered afresh.
    pub body: Vec<Block>,
}

/// A table, ready to print.
#[derive(Debug, Serialize)]
pub struct TableView {
    /// Column headers (the numbering column's first, if numbered).
    pub columns: Vec<String>,
    /// Relative widths, one per column.
    pub widths: Vec<f64>,
    /// Rows, each with one cell per column.
    pub rows: Vec<Vec<String>>,
    /// Whether the first column holds row numbers (centred).
    pub numbered: bool,
}

/// A `-` item with optional `+` sub-items.
#[derive(Debug, Serialize)]
pub struct DashView {
    /// The item's text.
    pub spans: Vec<SpanView>,
    /// `+` sub-items.
    pub plus: Vec<Vec<SpanView>>,
}

/// A unit with its figures computed.
#[derive(Debug, Serialize)]
pub struct UnitView {
    /// Print with the kind's name first.
    pub with_kind: bool,
    /// Name of the unit's kind (`Chi bộ cơ sở`).
    pub kind_name: String,
    /// Name, with the parent body if any.
    pub label: String,
    /// Who attends.
    pub attendees: String,
    /// Members plus invited delegates.
    pub total: String,
    /// How members are counted (`đảng viên chi bộ`).
    pub members_label: String,
    /// Members.
    pub members: String,
    /// Invited delegates.
    pub invited: String,
}

/// The signature block, with the prefix from the preset.
#[derive(Debug, Clone, Serialize)]
pub struct SignatureView {
    /// The authority lines from the top down (`TM. ỦY BAN NHÂN DÂN`,
    /// `KT. CHỦ TỊCH`); none when the signer signs in their own name.
    pub authority: Vec<String>,
    /// `BÍ THƯ`.
    pub title: String,
    /// `Tần Thị Quế`.
    pub name: String,
    /// The images `vanban sign` draws for this signer, when the data names
    /// them: the layout measures where they go and prints nothing of them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sign: Option<SignView>,
}

/// A signer's images, as the layout measures their places
/// (`sign-boxes` in the layout): never drawn by the build.
#[derive(Debug, Clone, Serialize)]
pub struct SignView {
    /// `signer` (the lead signer, whom the issuer's seal goes with) or
    /// `cosigner`: the role its rectangle has in the manifest.
    pub role: &'static str,
    /// The signer's signature image.
    pub image: ImageView,
    /// The issuer's seal, over the left third of the signer's image; the
    /// lead signer's only.
    pub seal: Option<SealView>,
}

/// An image as the layout knows it.
#[derive(Debug, Clone, Serialize)]
pub struct ImageView {
    /// Its SHA-256: how the manifest's rectangles name it.
    pub key: String,
    /// Where the Typst world serves its bytes (a name made of its hash,
    /// not a file's path).
    pub path: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// The seal image and its real size.
#[derive(Debug, Clone, Serialize)]
pub struct SealView {
    /// The image.
    pub image: ImageView,
    /// Its diameter in millimetres.
    pub diameter: f64,
}

/// Builds the view of the document, or every data issue found on the way.
pub fn build<'a>(
    project: &Project,
    preset: &'a Preset,
) -> Result<DocumentView<'a>, Vec<DataIssue>> {
    let data = &project.data;
    let source_name = &project.file.name;
    let mut issues = Vec::new();
    let doc = &data.document;
    let doc_type = match preset.document_type(&doc.kind) {
        Some(t) => t,
        None => {
            let known = preset.types.keys().cloned().collect::<Vec<_>>().join(", ");
            let hint = match preset.nearest_type(&doc.kind) {
                Some((code, names)) => crate::tr!(
                    "view-type-nearest-hint",
                    code = code,
                    names = names,
                    known = &known
                ),
                None => crate::tr!("view-type-unknown-hint", known = &known),
            };
            issues.push(DataIssue::new(
                DataPath::new().key("document").key("type"),
                crate::tr!("view-type-unknown", code = &doc.kind),
                hint,
            ));
            crate::preset::DocType {
                code: doc.kind.clone(),
                name: String::new(),
            }
        }
    };
    let type_name = doc_type.name.clone();
    let mut header = header(data, preset, &doc_type.code, doc.number, doc.date);
    header.marks = marks(data, preset);
    header.circulation = doc
        .circulation
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string);
    header.contact = contact(data).filter(|_| preset.marks.contact_page == ContactPage::First);

    let mut seen = std::collections::HashMap::new();
    for (i, unit) in data.units.iter().enumerate() {
        if let Some(first) = seen.insert(unit.id.as_str(), i) {
            issues.push(DataIssue::new(
                DataPath::new().key("units").index(i).key("id"),
                crate::tr!("view-unit-id-twice", id = &unit.id),
                crate::tr!("view-unit-id-twice-hint", unit = (first + 1).to_string()),
            ));
        }
    }

    let mut ctx = Ctx::new(project, preset, &mut issues);
    let preamble = preamble_lines(data.preamble.iter().map(spans).collect(), preset);
    let body = ctx.blocks(&data.body, 1, &[], DataPath::new().key("body"));
    let mut signature = ctx.signature(&data.signature, DataPath::new().key("signature"));
    signature.sign = sign_view(project, &data.signature, true);
    let cosigner = data.cosigner.as_ref().map(|c| SignatureView {
        sign: sign_view(project, c, false),
        ..ctx.signature(c, DataPath::new().key("cosigner"))
    });
    let recipients = recipient_lines(&data.recipients, preset);
    let appendices = data
        .appendices
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let here = DataPath::new().key("appendices").index(i);
            AppendixView {
                label: preset.appendix.label.replace(
                    "{n}",
                    &body::number_label(preset.appendix.numbering, i + 1, &[], true),
                ),
                title: a.title.clone(),
                note: a
                    .note
                    .clone()
                    .unwrap_or_else(|| appendix_note(data, preset, &doc_type)),
                body: ctx.blocks(&a.body, 1, &[], here.key("body")),
            }
        })
        .collect();

    let meeting = data.meeting.as_ref().map(|m| {
        let rows = project
            .tables
            .get(&crate::data::model::Meeting::invitees_path().to_string())
            .map(Vec::as_slice);
        meeting::view(m, preset, rows, &mut issues)
    });
    match (&data.meeting, data.body.is_empty()) {
        (Some(_), false) => issues.push(DataIssue::new(
            DataPath::new().key("body"),
            crate::tr!("view-meeting-and-body"),
            crate::tr!("view-meeting-and-body-hint"),
        )),
        (None, true) => issues.push(DataIssue::new(
            DataPath::new(),
            crate::tr!("view-no-body"),
            crate::tr!("view-no-body-hint"),
        )),
        _ => {}
    }

    if !issues.is_empty() {
        return Err(issues);
    }
    Ok(DocumentView {
        style: preset,
        meta: Meta {
            title: format!("{type_name} {}", doc.subject)
                .trim_end()
                .to_string(),
            author: data.issuer.name.clone(),
        },
        header,
        title: TitleView {
            name: type_name,
            subject: doc.subject.clone(),
        },
        preamble,
        body,
        signature,
        cosigner,
        recipients,
        appendices,
        meeting,
        extras: extras(data, preset),
        source_name: source_name.to_string(),
        version: env!("CARGO_PKG_VERSION"),
    })
}

/// The line under an appendix's title that ties it to the document:
/// `(Kèm theo Kế hoạch số 12/KH-UBND ngày 05/01/2026 của Ủy ban nhân dân huyện)`.
fn appendix_note(data: &DataFile, preset: &Preset, doc_type: &crate::preset::DocType) -> String {
    let style = &preset.appendix;
    let doc = &data.document;
    let symbol = style
        .symbol
        .replace("{number}", &number_text(preset, doc.number))
        .replace("{type}", &doc_type.code)
        .replace("{code}", &data.issuer.code);
    let sentence = crate::text::sentence_case(&doc_type.name);
    let in_text = data
        .issuer
        .in_text
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let pattern = if in_text.is_some() {
        &style.note
    } else {
        &style.note_without_issuer
    };
    pattern
        .replace("{type}", &sentence)
        .replace("{symbol}", &symbol)
        .replace("{date}", &preset.date_short(doc.date))
        .replace("{issuer}", in_text.unwrap_or(""))
}

/// A document's number as printed: zero-padded to the preset's digits,
/// or the preset's blank while drafting.
fn number_text(preset: &Preset, number: Option<u32>) -> String {
    match number {
        Some(n) => format!("{n:0width$}", width = preset.header.number.digits),
        None => preset.header.number.blank.clone(),
    }
}

/// The header of page 1 for a document of type `kind` numbered `number`.
pub fn header(
    data: &DataFile,
    preset: &Preset,
    kind: &str,
    number: Option<u32>,
    date: chrono::NaiveDate,
) -> HeaderView {
    let number = number_text(preset, number);
    let (day, month) = preset.day_month(date);
    HeaderView {
        superior: data.issuer.superior.clone(),
        issuer: data.issuer.name.clone(),
        number: preset
            .header
            .number
            .pattern
            .replace("{number}", &number)
            .replace("{type}", kind)
            .replace("{code}", &data.issuer.code),
        date: preset
            .header
            .date
            .pattern
            .replace("{place}", &data.document.place)
            .replace("{day}", &day)
            .replace("{month}", &month)
            .replace("{year}", &chrono::Datelike::year(&date).to_string()),
        marks: Vec::new(),
        circulation: None,
        contact: None,
    }
}

/// The lines before the body, marked and punctuated as the preset says
/// (`- Căn cứ …;`, `.` after the last), whatever the data typed at their
/// ends; as typed when the preset says nothing.
fn preamble_lines(mut lines: Vec<Vec<SpanView>>, preset: &Preset) -> Vec<Vec<SpanView>> {
    let Some(style) = &preset.preamble else {
        return lines;
    };
    let last = lines.len().saturating_sub(1);
    for (i, line) in lines.iter_mut().enumerate() {
        let end = if i == last {
            &style.end
        } else {
            &style.separator
        };
        *line = meeting::with_end(std::mem::take(line), end);
        if let Some(first) = line.first_mut() {
            let text = first.text.trim_start();
            let text = text.strip_prefix(style.marker.trim_end()).unwrap_or(text);
            first.text = format!("{}{}", style.marker, text.trim_start());
        }
    }
    lines
}

/// The drafter's line and the not-for-the-media line of the main document.
fn extras(data: &DataFile, preset: &Preset) -> ExtrasView {
    let doc = &data.document;
    let style = &preset.marks;
    ExtrasView {
        drafter: doc.drafter.as_ref().map(|d| match d.copies {
            Some(n) => style
                .drafter_copies
                .replace("{code}", d.code.trim())
                .replace("{copies}", &n.to_string()),
            None => style.drafter.replace("{code}", d.code.trim()),
        }),
        not_public: doc.not_public.then(|| style.not_public.clone()),
        contact: contact(data).filter(|_| style.contact_page == ContactPage::Last),
    }
}

/// The document's contact block, if it has one.
fn contact(data: &DataFile) -> Option<String> {
    data.document
        .contact
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
}

/// The marks under the main document's number: its draft's mark, then its
/// urgency in the preset's words.
fn marks(data: &DataFile, preset: &Preset) -> Vec<MarkView> {
    let doc = &data.document;
    let style = &preset.marks;
    let draft = doc
        .draft
        .iter()
        .map(|d| d.trim())
        .filter(|d| !d.is_empty())
        .map(|d| MarkView {
            text: d.to_string(),
            style: style.draft.clone(),
        });
    let urgency = doc.urgency.map(|u| MarkView {
        text: style
            .urgency
            .get(u.key())
            .cloned()
            .unwrap_or_else(|| u.key().to_uppercase()),
        style: style.urgency_style.clone(),
    });
    draft.chain(urgency).collect()
}

/// The Nơi nhận lines with the preset's marker and punctuation: `;` after
/// every line, `.` after the last (the archive line), whatever the user typed.
pub fn recipient_lines(recipients: &Recipients, preset: &Preset) -> Vec<String> {
    let style = &preset.recipients;
    let mut lines: Vec<String> = recipients
        .to
        .iter()
        .map(|r| {
            let parts = recipient_parts(r, preset);
            with_purpose(&parts.to, parts.purpose)
        })
        .collect();
    lines.push(archive_line(recipients, preset));
    let last = lines.len() - 1;
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let end = if i == last {
                &style.end
            } else {
                &style.separator
            };
            format!("{} {line}{end}", style.marker)
        })
        .collect()
}

/// One recipient of a Nơi nhận list, as the document and the dispatch
/// sheet both need it.
pub struct RecipientParts<'a> {
    /// Organisation, or `Đ/c {person} – {role}`, without the punctuation
    /// the user may have typed (the tool adds its own).
    pub to: String,
    /// Purpose such as `b/c`.
    pub purpose: Option<&'a str>,
    /// Copies sent, if given.
    pub copies: Option<u32>,
}

/// Splits a recipient into its printed text, purpose and copies.
pub fn recipient_parts<'a>(r: &'a Recipient, preset: &Preset) -> RecipientParts<'a> {
    let style = &preset.recipients;
    let (to, purpose, copies) = match r {
        Recipient::Plain(s) => (s.clone(), None, None),
        Recipient::Org(o) => (o.org.clone(), o.purpose.as_deref(), o.copies),
        Recipient::Person(p) => (
            format!(
                "{} {}{}{}",
                style.person_prefix, p.person, style.role_separator, p.role
            ),
            p.purpose.as_deref(),
            p.copies,
        ),
    };
    RecipientParts {
        to: to
            .trim()
            .trim_end_matches([';', ',', '.'])
            .trim_end()
            .to_string(),
        purpose: purpose.map(str::trim).filter(|p| !p.is_empty()),
        copies,
    }
}

/// The archive line: `Lưu`, or `Lưu Văn phòng Huyện ủy`.
pub fn archive_line(recipients: &Recipients, preset: &Preset) -> String {
    let archive = recipients.archive.trim().trim_end_matches([';', ',', '.']);
    if archive.is_empty() {
        preset.recipients.archive.clone()
    } else {
        format!("{} {archive}", preset.recipients.archive)
    }
}

fn with_purpose(text: &str, purpose: Option<&str>) -> String {
    match purpose {
        Some(p) => format!("{text} ({p})"),
        None => text.to_string(),
    }
}

/// Turns inline text into spans.
pub(crate) fn spans(inline: &Inline) -> Vec<SpanView> {
    match inline {
        Inline::Text(s) => vec![plain(s)],
        Inline::Spans(list) => list.iter().map(span).collect(),
    }
}

pub(crate) fn plain(s: &str) -> SpanView {
    SpanView {
        text: s.to_string(),
        style: "plain",
    }
}

pub(super) fn span(s: &Span) -> SpanView {
    match s {
        Span::Text(t) => plain(t),
        Span::Italic(i) => SpanView {
            text: i.italic.clone(),
            style: "italic",
        },
        Span::Bold(b) => SpanView {
            text: b.bold.clone(),
            style: "bold",
        },
        Span::Footnote(f) => SpanView {
            text: f.footnote.clone(),
            style: "footnote",
        },
    }
}

pub(crate) struct Ctx<'d, 'i> {
    pub(crate) data: &'d DataFile,
    /// Rows of the tables read from files, by the table's place.
    pub(crate) tables: &'d std::collections::HashMap<String, Vec<crate::data::roster::CellRow>>,
    pub(crate) counts: &'d std::collections::HashMap<String, Counts>,
    pub(crate) preset: &'d Preset,
    pub(crate) issues: &'i mut Vec<DataIssue>,
}

impl<'d, 'i> Ctx<'d, 'i> {
    /// What the views of `project` are made from, printed as `preset`
    /// says; the issues found go to `issues`.
    pub(crate) fn new(
        project: &'d Project,
        preset: &'d Preset,
        issues: &'i mut Vec<DataIssue>,
    ) -> Self {
        Self {
            data: &project.data,
            tables: &project.tables,
            counts: &project.counts,
            preset,
            issues,
        }
    }
}
