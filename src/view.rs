//! From validated data and a preset to the view the templates render:
//! numbers, dates, counts and totals are computed here, once, so the data
//! never states a figure twice and templates only place values.

use serde::Serialize;

use crate::data::model::{
    DashItem, DataFile, Inline, LabelStyle, LabelledNode, Node, Recipient, Recipients, SignMode,
    Signature, Span, Table, Unit, UnitKind,
};
use crate::data::resolve::{Counts, Project};
use crate::error::{DataIssue, DataPath};
use crate::preset::{Numbering, Preset};

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
    pub meeting: Option<crate::meeting::MeetingView>,
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
}

/// The letters of the Vietnamese alphabet used for `a)`, `b)` … numbering.
const VIETNAMESE_ALPHABET: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// Builds the view of the document, or every data issue found on the way.
pub fn build<'a>(
    project: &Project,
    preset: &'a Preset,
) -> Result<DocumentView<'a>, Vec<DataIssue>> {
    let data = &project.data;
    let source_name = &project.file.name;
    let mut issues = Vec::new();
    let doc = &data.document;
    let type_name = match preset.types.get(&doc.kind) {
        Some(name) => name.clone(),
        None => {
            issues.push(DataIssue::new(
                DataPath::new().key("document").key("type"),
                format!("unknown document type code `{}`", doc.kind),
                format!(
                    "the preset knows: {}",
                    preset.types.keys().cloned().collect::<Vec<_>>().join(", ")
                ),
            ));
            String::new()
        }
    };
    let header = header(data, preset, &doc.kind, doc.number, doc.date);

    let mut seen = std::collections::HashMap::new();
    for (i, unit) in data.units.iter().enumerate() {
        if let Some(first) = seen.insert(unit.id.as_str(), i) {
            issues.push(DataIssue::new(
                DataPath::new().key("units").index(i).key("id"),
                format!("unit id `{}` is used twice", unit.id),
                format!("unit {} already has this id; ids must be unique", first + 1),
            ));
        }
    }

    let mut ctx = Ctx {
        data,
        tables: &project.tables,
        counts: &project.counts,
        preset,
        issues: &mut issues,
    };
    let preamble = data.preamble.iter().map(spans).collect();
    let body = ctx.blocks(&data.body, 1, &[], DataPath::new().key("body"));
    let signature = ctx.signature(&data.signature, DataPath::new().key("signature"));
    let cosigner = data
        .cosigner
        .as_ref()
        .map(|c| ctx.signature(c, DataPath::new().key("cosigner")));
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
                    &number_label(preset.appendix.numbering, i + 1, &[], true),
                ),
                title: a.title.clone(),
                note: a
                    .note
                    .clone()
                    .unwrap_or_else(|| appendix_note(data, preset, &type_name)),
                body: ctx.blocks(&a.body, 1, &[], here.key("body")),
            }
        })
        .collect();

    let meeting = data.meeting.as_ref().map(|m| {
        let rows = project
            .tables
            .get(&DataPath::new().key("meeting").key("invitees").to_string())
            .map(Vec::as_slice);
        crate::meeting::view(m, preset, rows, &mut issues)
    });
    match (&data.meeting, data.body.is_empty()) {
        (Some(_), false) => issues.push(DataIssue::new(
            DataPath::new().key("body"),
            "a meeting invitation has `meeting:` for its body, and this file has `body:` too"
                .to_string(),
            "keep `meeting:` for an invitation, or `body:` for a plan, a notice or a report"
                .to_string(),
        )),
        (None, true) => issues.push(DataIssue::new(
            DataPath::new(),
            "the document has no `body:`".to_string(),
            "write its text under `body:` (or `meeting:` for a meeting invitation)".to_string(),
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
        source_name: source_name.to_string(),
        version: env!("CARGO_PKG_VERSION"),
    })
}

/// The line under an appendix's title that ties it to the document:
/// `(Kèm theo Kế hoạch số 12/KH-UBND ngày 05/01/2026 của Ủy ban nhân dân huyện)`.
fn appendix_note(data: &DataFile, preset: &Preset, type_name: &str) -> String {
    let style = &preset.appendix;
    let doc = &data.document;
    let number = match doc.number {
        Some(n) => format!("{n:0width$}", width = preset.header.number.digits),
        None => preset.header.number.blank.clone(),
    };
    let symbol = style
        .symbol
        .replace("{number}", &number)
        .replace("{type}", &doc.kind)
        .replace("{code}", &data.issuer.code);
    // `KẾ HOẠCH` → `Kế hoạch`.
    let lower = type_name.to_lowercase();
    let mut chars = lower.chars();
    let sentence: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
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

/// The header of page 1 for a document of type `kind` numbered `number`.
pub fn header(
    data: &DataFile,
    preset: &Preset,
    kind: &str,
    number: Option<u32>,
    date: chrono::NaiveDate,
) -> HeaderView {
    let number = match number {
        Some(n) => format!("{n:0width$}", width = preset.header.number.digits),
        None => preset.header.number.blank.clone(),
    };
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
    }
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

fn span(s: &Span) -> SpanView {
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

/// Writes `n` in the numbering style of a heading level; `top_roman`: the
/// top level is numbered `I`, `II` (a path such as `1.2` starts below it).
fn number_label(style: Numbering, n: usize, parents: &[usize], top_roman: bool) -> String {
    match style {
        Numbering::Roman => roman(n),
        Numbering::Arabic => n.to_string(),
        Numbering::Path => parents
            .iter()
            .skip(usize::from(top_roman))
            .chain(std::iter::once(&n))
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join("."),
        Numbering::Alpha => {
            let len = VIETNAMESE_ALPHABET.len();
            // After `y` come `aa`, `bb` … as in long legal lists.
            VIETNAMESE_ALPHABET[(n - 1) % len].repeat((n - 1) / len + 1)
        }
    }
}

/// Roman numerals for heading numbers.
fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

pub(crate) struct Ctx<'d, 'i> {
    pub(crate) data: &'d DataFile,
    /// Rows of the tables read from files, by the table's place.
    pub(crate) tables: &'d std::collections::HashMap<String, Vec<crate::data::roster::CellRow>>,
    pub(crate) counts: &'d std::collections::HashMap<String, Counts>,
    pub(crate) preset: &'d Preset,
    pub(crate) issues: &'i mut Vec<DataIssue>,
}

impl<'d> Ctx<'d, '_> {
    fn blocks(
        &mut self,
        nodes: &[Node],
        level: usize,
        parents: &[usize],
        path: DataPath,
    ) -> Vec<Block> {
        let mut counter = 0;
        let mut out = Vec::with_capacity(nodes.len());
        for (i, node) in nodes.iter().enumerate() {
            let here = path.clone().index(i);
            let block = match node {
                Node::Text(s) => Block::Paragraph {
                    spans: vec![plain(s)],
                },
                Node::Spans(list) => Block::Paragraph {
                    spans: list.iter().map(span).collect(),
                },
                Node::Heading(h) => {
                    counter += 1;
                    let Some(label) =
                        self.label(level, counter, parents, h.number.as_deref(), &here)
                    else {
                        continue;
                    };
                    let mut inner = parents.to_vec();
                    inner.push(counter);
                    Block::Heading {
                        level,
                        label,
                        text: h.heading.clone(),
                        content: self.blocks(&h.content, level + 1, &inner, here.key("content")),
                    }
                }
                Node::Item(item) => {
                    counter += 1;
                    let Some(label) =
                        self.label(level, counter, parents, item.number.as_deref(), &here)
                    else {
                        continue;
                    };
                    let mut inner = parents.to_vec();
                    inner.push(counter);
                    Block::Item {
                        level,
                        label,
                        label_bold: self.preset.headings[level - 1].item_label_bold,
                        spans: spans(&item.item),
                        content: self.blocks(&item.content, level + 1, &inner, here.key("content")),
                    }
                }
                Node::Dash(d) => Block::Dash {
                    tight: d.tight,
                    items: d
                        .dash
                        .iter()
                        .map(|item| match item {
                            DashItem::Text(t) => DashView {
                                spans: spans(t),
                                plus: Vec::new(),
                            },
                            DashItem::Nested(n) => DashView {
                                spans: spans(&n.text),
                                plus: n.plus.iter().map(spans).collect(),
                            },
                            DashItem::Labelled(l) => DashView {
                                spans: self.labelled(l),
                                plus: Vec::new(),
                            },
                        })
                        .collect(),
                },
                Node::Labelled(l) => Block::Paragraph {
                    spans: self.labelled(l),
                },
                Node::Table(t) => {
                    let Some(table) = self.table(&t.table, &here.clone().key("table")) else {
                        continue;
                    };
                    Block::Table(table)
                }
                Node::Unit(u) => {
                    let Some(unit) = self.unit(&u.unit, here.key("unit")) else {
                        continue;
                    };
                    let words = self.kind_words(unit.kind);
                    // Resolution guarantees counts for every unit.
                    let counts = self.counts.get(&unit.id).copied().unwrap_or(Counts {
                        members: 0,
                        invited: 0,
                    });
                    Block::Unit(UnitView {
                        with_kind: u.with_kind,
                        kind_name: words.0,
                        label: unit_label(unit),
                        attendees: unit.attendees.clone(),
                        total: self
                            .preset
                            .count(u64::from(counts.members) + u64::from(counts.invited)),
                        members_label: words.1,
                        members: self.preset.count(counts.members.into()),
                        invited: self.preset.count(counts.invited.into()),
                    })
                }
                Node::Schedule(s) => {
                    let units: Vec<&Unit> = s
                        .schedule
                        .iter()
                        .enumerate()
                        .filter_map(|(j, id)| self.unit(id, here.clone().key("schedule").index(j)))
                        .collect();
                    let Some(first) = units.first() else {
                        continue;
                    };
                    if let Some(odd) = units
                        .iter()
                        .find(|u| u.deadline != first.deadline || u.max_days != first.max_days)
                    {
                        self.issues.push(DataIssue::new(
                            here.clone().key("schedule"),
                            format!(
                                "`{}` and `{}` do not share their time limits ({} days before {} vs {} days before {})",
                                first.id, odd.id, first.max_days, first.deadline, odd.max_days, odd.deadline
                            ),
                            "a schedule line prints one deadline and one duration: give each unit its own `schedule:` line".to_string(),
                        ));
                        continue;
                    }
                    Block::Schedule {
                        labels: units.iter().map(|u| unit_label(u)).collect(),
                        days: self.preset.count(first.max_days.into()),
                        deadline: self.preset.date_short(first.deadline),
                    }
                }
            };
            out.push(block);
        }
        out
    }

    /// The numbering of a level: the document's, else the preset's.
    fn numbering(&self, level: usize) -> Option<Numbering> {
        self.data
            .document
            .numbering
            .get(level - 1)
            .copied()
            .or_else(|| self.preset.headings.get(level - 1).map(|h| h.numbering))
    }

    /// The number of a heading or item, or an issue if the preset has no
    /// style that deep; `written` is a number kept as the data writes it.
    fn label(
        &mut self,
        level: usize,
        n: usize,
        parents: &[usize],
        written: Option<&str>,
        path: &DataPath,
    ) -> Option<String> {
        match (self.preset.headings.get(level - 1), self.numbering(level)) {
            (Some(_), _) if written.is_some() => written.map(|w| w.trim().to_string()),
            (Some(style), Some(numbering)) => {
                let top_roman = self.numbering(1) == Some(Numbering::Roman);
                Some(format!(
                    "{}{}",
                    number_label(numbering, n, parents, top_roman),
                    style.suffix
                ))
            }
            _ => {
                self.issues.push(DataIssue::new(
                    path.clone(),
                    format!("headings nested {level} deep, but the preset styles only {} levels", self.preset.headings.len()),
                    "use a `dash:` list for the deepest level, or add a heading style to the preset".to_string(),
                ));
                None
            }
        }
    }

    /// A label and its text as spans: the label in its style, with the
    /// preset's suffix if it has none.
    fn labelled(&self, l: &LabelledNode) -> Vec<SpanView> {
        let labels = &self.preset.labels;
        let style = match l.style {
            Some(LabelStyle::Bold) => "bold",
            Some(LabelStyle::Italic) => "italic",
            Some(LabelStyle::BoldItalic) => "bold-italic",
            None => match (labels.bold, labels.italic) {
                (true, true) => "bold-italic",
                (true, false) => "bold",
                (false, true) => "italic",
                (false, false) => "plain",
            },
        };
        let label = l.label.trim();
        let label = if label.ends_with(labels.suffix.as_str()) {
            label.to_string()
        } else {
            format!("{label}{}", labels.suffix)
        };
        let mut out = vec![SpanView { text: label, style }, plain(" ")];
        out.extend(spans(&l.text));
        out
    }

    /// A table with its rows (typed, or read from its file), checked.
    fn table(&mut self, t: &Table, path: &DataPath) -> Option<TableView> {
        let preset = &self.preset.table;
        let from_file = self.rows_of_file(path);
        let mut issues = Vec::new();
        if t.file.is_some() && !t.rows.is_empty() {
            issues.push(DataIssue::new(
                path.clone().key("rows"),
                "the table has both `rows:` and `file:`".to_string(),
                "keep one: the rows typed here, or the file they are read from".to_string(),
            ));
        }
        let (columns, rows): (Vec<String>, Vec<(DataPath, Vec<String>)>) = match from_file {
            Some(file_rows) => {
                let mut it = file_rows.iter();
                let header = it.next().map(|r| r.cells.clone()).unwrap_or_default();
                let columns = if t.columns.is_empty() {
                    header
                } else {
                    t.columns.clone()
                };
                let rows = it
                    .map(|r| (path.clone().key("file"), r.cells.clone()))
                    .collect();
                (columns, rows)
            }
            None => (
                t.columns.clone(),
                t.rows
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        (
                            path.clone().key("rows").index(i),
                            r.iter().map(|c| c.text()).collect(),
                        )
                    })
                    .collect(),
            ),
        };
        if columns.is_empty() {
            issues.push(DataIssue::new(
                path.clone(),
                "the table has no `columns:`".to_string(),
                "name the columns, e.g. `columns: [Nội dung, Đơn vị chủ trì, Thời gian]`"
                    .to_string(),
            ));
        }
        let n = columns.len();
        if let Some(file_rows) = from_file {
            // A file's rows are named by their row number, once for all.
            let long: Vec<usize> = file_rows
                .iter()
                .skip(1)
                .filter(|r| n > 0 && r.cells.len() > n)
                .map(|r| r.row)
                .collect();
            if let Some(first) = long.first() {
                let more = match long.len() {
                    1 => String::new(),
                    k => format!(" (and {} more rows)", k - 1),
                };
                issues.push(DataIssue::new(
                    path.clone().key("file"),
                    format!("row {first} of the file has more cells than the table's {n} columns{more}"),
                    format!("columns: {}; name every column in `columns:`, or leave it out to take the file's header row", columns.join(", ")),
                ));
            }
        } else {
            for (here, cells) in &rows {
                if n > 0 && cells.len() > n {
                    issues.push(DataIssue::new(
                        here.clone(),
                        format!("the row has {} cells, the table {n} columns", cells.len()),
                        format!("columns: {}", columns.join(", ")),
                    ));
                }
            }
        }
        if !t.widths.is_empty() && t.widths.len() != n {
            issues.push(DataIssue::new(
                path.clone().key("widths"),
                format!("{} widths for {n} columns", t.widths.len()),
                "give one width per column (not counting the numbering column)".to_string(),
            ));
        }
        if let Some(i) = t.widths.iter().position(|w| !(w.is_finite() && *w > 0.0)) {
            issues.push(DataIssue::new(
                path.clone().key("widths").index(i),
                "a column width must be more than 0".to_string(),
                "widths are relative: `[6, 3, 2]` makes the first column twice the second"
                    .to_string(),
            ));
        }
        if !issues.is_empty() {
            self.issues.extend(issues);
            return None;
        }
        let mut widths = if t.widths.is_empty() {
            vec![1.0; n]
        } else {
            t.widths.clone()
        };
        let mut columns = columns;
        let rows = rows.into_iter().enumerate().map(|(i, (_, mut cells))| {
            cells.resize(n, String::new());
            if t.numbered {
                cells.insert(0, (i + 1).to_string());
            }
            cells
        });
        let rows: Vec<Vec<String>> = rows.collect();
        if t.numbered {
            columns.insert(0, preset.number_column.clone());
            widths.insert(0, preset.number_width);
        }
        Some(TableView {
            columns,
            widths,
            rows,
            numbered: t.numbered,
        })
    }

    /// The rows read from a table's file, if it has one.
    fn rows_of_file(&self, path: &DataPath) -> Option<&'d [crate::data::roster::CellRow]> {
        self.tables.get(&path.to_string()).map(Vec::as_slice)
    }

    fn unit(&mut self, id: &str, path: DataPath) -> Option<&'d Unit> {
        let data = self.data;
        let found = data.units.iter().find(|u| u.id == id);
        if found.is_none() {
            let known: Vec<&str> = data.units.iter().map(|u| u.id.as_str()).collect();
            let closest = known
                .iter()
                .max_by(|a, b| strsim::jaro_winkler(id, a).total_cmp(&strsim::jaro_winkler(id, b)))
                .filter(|c| strsim::jaro_winkler(id, c) > 0.7);
            self.issues.push(DataIssue::new(
                path,
                format!("no unit has the id `{id}`"),
                match closest {
                    Some(c) => format!("did you mean `{c}`? units: {}", known.join(", ")),
                    None => format!("units: {}", known.join(", ")),
                },
            ));
        }
        found
    }

    fn kind_words(&mut self, kind: UnitKind) -> (String, String) {
        let key = match kind {
            UnitKind::ChiBoTrucThuoc => "chi-bo-truc-thuoc",
            UnitKind::ChiBoCoSo => "chi-bo-co-so",
            UnitKind::DangBoCoSo => "dang-bo-co-so",
        };
        match self.preset.unit_kinds.get(key) {
            Some(w) => (w.name.clone(), w.members.clone()),
            None => {
                self.issues.push(DataIssue::new(
                    DataPath::new().key("preset"),
                    format!("the preset has no words for unit kind `{key}`"),
                    "add it under `unit_kinds:` in the preset".to_string(),
                ));
                (String::new(), String::new())
            }
        }
    }

    /// The signature block as printed: each authority line with the
    /// preset's prefix, the title and the name.
    pub(crate) fn signature(&mut self, sig: &Signature, path: DataPath) -> SignatureView {
        let prefixes = &self.preset.signature.prefixes;
        let prefix = |mode: SignMode| prefixes.get(mode.key()).cloned().unwrap_or_default();
        if sig.mode.is_some() && !sig.authority.is_empty() {
            self.issues.push(DataIssue::new(
                path.clone().key("authority"),
                "both `mode:` and `authority:` say how the signer signs".to_string(),
                "keep `authority:` (a line for each `mode` and `body`) and delete `mode:` and `body:`"
                    .to_string(),
            ));
        } else if sig.mode.is_none() && sig.authority.is_empty() {
            self.issues.push(DataIssue::new(
                path.clone(),
                "the signature does not say how the signer signs".to_string(),
                "add `mode:` (`mode: tm` and `body: BAN THƯỜNG VỤ`; `mode: none` for a signer in their own name), or `authority:` for two lines".to_string(),
            ));
        } else if sig.mode.is_some_and(|m| m != SignMode::None)
            && sig.body.as_deref().unwrap_or("").trim().is_empty()
        {
            let key = sig.mode.map_or("", SignMode::key);
            self.issues.push(DataIssue::new(
                path.clone(),
                format!("signing mode `{key}` needs the body signed for"),
                "add `body:`, e.g. `body: BAN THƯỜNG VỤ`".to_string(),
            ));
        }
        let acting = sig.lines().last().is_some_and(|(m, _)| *m == SignMode::Q);
        if sig.title.trim().is_empty() && !acting {
            self.issues.push(DataIssue::new(
                path.clone(),
                "the signature has no title".to_string(),
                "write the signer's title, e.g. `title: BÍ THƯ` (`title: PHÓ CHỦ TỊCH` under `KT. CHỦ TỊCH`)".to_string(),
            ));
        }
        if sig.authority.len() > 2 {
            self.issues.push(DataIssue::new(
                path.clone().key("authority").index(2),
                format!("{} authority lines: a signature has one or two", sig.authority.len()),
                "keep the body signed for and the head signed for (`TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`)".to_string(),
            ));
        }
        for (i, line) in sig.authority.iter().enumerate() {
            let here = path.clone().key("authority").index(i);
            if line.mode == SignMode::None {
                self.issues.push(DataIssue::new(
                    here.key("mode"),
                    "`mode: none` is not an authority line".to_string(),
                    "leave the line out; a signer in their own name has only `title:` and `name:`"
                        .to_string(),
                ));
            } else if line.body.trim().is_empty() {
                self.issues.push(DataIssue::new(
                    here.key("body"),
                    format!("authority line {} has no body signed for", i + 1),
                    "write what it signs for, e.g. `body: CHỦ TỊCH`".to_string(),
                ));
            }
        }
        let authority = sig
            .lines()
            .into_iter()
            .map(|(mode, body)| {
                [prefix(mode).as_str(), body]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|l| !l.is_empty())
            .collect();
        SignatureView {
            authority,
            title: sig.title.clone(),
            name: sig.name.clone(),
        }
    }
}

/// `Chi bộ 02 (bản Nà Phát), Đảng bộ xã Bình Lư`.
fn unit_label(unit: &Unit) -> String {
    match unit.parent.as_deref().map(str::trim) {
        Some(p) if !p.is_empty() => format!("{}, {p}", unit.name),
        _ => unit.name.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_styles() {
        assert_eq!(number_label(Numbering::Roman, 3, &[], true), "III");
        assert_eq!(number_label(Numbering::Roman, 14, &[], true), "XIV");
        assert_eq!(number_label(Numbering::Arabic, 2, &[1], true), "2");
        assert_eq!(number_label(Numbering::Path, 2, &[2, 1], true), "1.2");
        // Under an Arabic top level the path starts at the top: `2.1.3`.
        assert_eq!(number_label(Numbering::Path, 3, &[2, 1], false), "2.1.3");
        assert_eq!(number_label(Numbering::Alpha, 5, &[1, 1, 1], true), "đ");
        assert_eq!(number_label(Numbering::Alpha, 24, &[], true), "aa");
    }
}
