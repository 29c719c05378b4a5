//! Style presets: every size, margin, prefix and piece of wording that the
//! format rules fix lives in a preset file (`templates/presets/NAME.yaml`),
//! never in Rust code, because the guidelines change (36-HD/VPTW is being
//! replaced) and offices differ.

mod codes;
mod dates;
mod editions;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use editions::{Edition, Editions, Replaced};

pub use codes::{BodyCode, DocType, TypeNames};

/// A style preset, as read from `templates/presets/NAME.yaml`.
///
/// The whole preset is also handed to the Typst layout as a dictionary, so the
/// layout reads its sizes from here.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Preset {
    /// What the preset is for, with the rule it follows.
    pub description: String,
    /// Font families allowed in the output, first one used for text; any glyph
    /// drawn from another family is an error.
    pub fonts: Vec<String>,
    /// Paper and margins.
    pub page: Page,
    /// Body text.
    pub body: Body,
    /// Page numbers.
    pub page_number: PageNumber,
    /// The two-column header of page 1.
    pub header: Header,
    /// Document type name and subject.
    pub title: Title,
    /// Heading styles by level, from the top level down.
    pub headings: Vec<HeadingStyle>,
    /// Markers of list items.
    pub lists: Lists,
    /// Signature block.
    pub signature: SignatureStyle,
    /// Nơi nhận block.
    pub recipients: RecipientsStyle,
    /// How dates and counts are written.
    pub numbers: Numbers,
    /// Names of document types by type code (`KH` → `KẾ HOẠCH`); a code
    /// that serves several types lists their names (`QĐ` for quyết định
    /// and quy định), the first its own.
    pub types: BTreeMap<String, TypeNames>,
    /// The body codes a symbol may use after its `/` (`ĐU`, `UBKT`, …),
    /// each with what it stands for; a symbol may join two (`BTGDVTU`).
    /// Empty: any code is taken as typed. The layout never reads them.
    #[serde(default, skip_serializing)]
    pub body_codes: BTreeMap<String, crate::lang::Said>,
    /// Body codes the guideline no longer uses, each with what to write
    /// now (`HU`: no district tier since 1/7/2025).
    #[serde(default, skip_serializing)]
    pub retired_codes: BTreeMap<String, crate::lang::Said>,
    /// Words for the kinds of party organisation.
    pub unit_kinds: BTreeMap<String, UnitKindWords>,
    /// Invitations and summonses.
    pub invitation: InvitationStyle,
    /// The distribution sheet (sổ gửi văn bản) of each document.
    pub sheet: SheetStyle,
    /// Tables in the body.
    pub table: TableStyle,
    /// Labels of labelled lines (`Đơn vị chủ trì:`).
    pub labels: LabelsStyle,
    /// Footnotes.
    pub footnote: FootnoteStyle,
    /// Appendices (Phụ lục).
    pub appendix: AppendixStyle,
    /// Meeting invitations (Giấy mời họp).
    pub meeting: MeetingStyle,
    /// The marks under the number: a draft's, the urgency.
    pub marks: MarksStyle,
    /// How the lines before the body (căn cứ) are written, if the
    /// guideline says: printed as typed when not.
    #[serde(default)]
    pub preamble: Option<PreambleStyle>,
    /// The guideline that replaced this one, if one did: a document dated
    /// from then on is warned about.
    #[serde(default)]
    pub replaced: Option<Replaced>,
}

/// The căn cứ lines before the body: `- Căn cứ …;` each, `.` after the last.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PreambleStyle {
    /// Before each line: `- `.
    pub marker: String,
    /// After each line but the last: `;`.
    pub separator: String,
    /// After the last: `.` (some write `,` before the enacting sentence).
    pub end: String,
}

/// The marks printed under the document's number.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MarksStyle {
    /// The style of a draft's mark (`Dự thảo lần 2`).
    pub draft: TextStyle,
    /// The style of the urgency mark.
    pub urgency_style: TextStyle,
    /// The urgency's words by its name in the data (`khan: KHẨN`).
    pub urgency: BTreeMap<String, String>,
    /// The style of the circulation note at the top right of page 1.
    pub circulation: TextStyle,
    /// How far the circulation note stands from the top edge, in mm.
    pub circulation_from_top: f64,
    /// The line that says the document is not for the mass media.
    pub not_public: String,
    /// Its style.
    pub not_public_style: TextStyle,
    /// How far it stands from the bottom edge of the last page, in mm.
    pub not_public_from_bottom: f64,
    /// The drafter's line at the end of Nơi nhận, with `{code}`.
    pub drafter: String,
    /// The same with the copies issued, with `{code}` and `{copies}`.
    pub drafter_copies: String,
    /// Its style.
    pub drafter_style: TextStyle,
    /// The style of the contact block.
    pub contact_style: TextStyle,
    /// The page it stands at the foot of: `first` or `last`.
    pub contact_page: ContactPage,
}

/// Where the contact block goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ContactPage {
    /// At the foot of page 1 (NĐ 30).
    First,
    /// At the foot of the page the document ends on (HD 05).
    Last,
}

/// How a meeting invitation is worded.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingStyle {
    /// The labels of its parts, in the order printed.
    pub labels: MeetingLabels,
    /// How the parts are numbered, `{n}` for the number (`{n}.`); empty
    /// for no numbers.
    pub number: String,
    /// A person invited, with `{name}` and `{position}`: `Đồng chí {name}, {position}`.
    pub person: String,
    /// A person invited whose position is not given: `Đồng chí {name}`.
    pub person_alone: String,
    /// The time line, with `{time}`, `{date}`, `{part}` and `{weekday}`:
    /// `từ {time} ngày {date} ({part} {weekday})`.
    pub time: String,
    /// The time of day in it, with `{hour}` and `{minute}` (two digits).
    pub clock: String,
    /// Parts of the day from the hour they start (`[0, sáng]`, `[12, chiều]`).
    pub parts: Vec<(u32, String)>,
    /// The closing sentence when the data gives none.
    pub closing: String,
    /// The line that addresses a copy: `Kính gửi: Sở Tư pháp`.
    pub address: AddressStyle,
    /// The Nơi nhận line that stands for the invitees (`Như thành phần
    /// mời`): on the dispatch sheet it is a row for each of them.
    pub as_invited: String,
    /// Where the organisation's digital signature on an addressed copy
    /// shows the copy's number and its signing time, in place of an image
    /// (NĐ 30 Phụ lục I II.8.b: a copy in a file of its own); `None`: a
    /// copy signs invisibly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_signature: Option<CopySignature>,
}

/// The text an organisation's signature shows on a copy: its number and
/// symbol and the signing time, at the top right of page 1.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CopySignature {
    /// From the top edge of the page to the top of the text, in mm.
    pub from_top: f64,
    /// The width of the text's box, right-aligned to the text's margin, in mm.
    pub width: f64,
    /// The text's style.
    pub style: TextStyle,
}

/// The `Kính gửi:` line of an addressed copy, centred under the title.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AddressStyle {
    /// `Kính gửi:`.
    pub label: String,
    /// The label's style.
    pub label_style: TextStyle,
    /// The style of who it is for.
    pub name_style: TextStyle,
}

/// The labels of a meeting invitation's parts.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingLabels {
    /// `Chủ trì`.
    pub chair: String,
    /// `Thành phần mời`.
    pub invitees: String,
    /// `Nội dung`.
    pub agenda: String,
    /// `Thời gian`.
    pub time: String,
    /// `Địa điểm`.
    pub venue: String,
    /// `Phân công chuẩn bị`.
    pub preparation: String,
}

/// Tables in the body.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableStyle {
    /// Text size of the cells, in points.
    pub size: f64,
    /// Style of the header row (repeated on every page).
    pub header: TextStyle,
    /// Header of the numbering column of a `numbered` table (`STT`).
    pub number_column: String,
    /// Relative width of the numbering column.
    pub number_width: f64,
    /// Room around a cell's text, in points.
    pub inset: f64,
}

/// Labels of labelled lines.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LabelsStyle {
    /// Bold label.
    #[serde(default)]
    pub bold: bool,
    /// Italic label.
    #[serde(default)]
    pub italic: bool,
    /// Put after a label that does not end in it (`:`).
    pub suffix: String,
}

/// Footnotes.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FootnoteStyle {
    /// Text size, in points.
    pub size: f64,
}

/// Appendices.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppendixStyle {
    /// The label line, with `{n}`: `Phụ lục {n}`.
    pub label: String,
    /// How `{n}` is numbered; an only appendix is numbered too.
    pub numbering: Numbering,
    /// Style of the label line.
    pub label_style: TextStyle,
    /// Style of the title.
    pub title_style: TextStyle,
    /// The line under the title, with `{type}` (the document's type name
    /// in sentence case), `{symbol}`, `{date}` and `{issuer}` (the issuer's
    /// `in_text`); the part `của {issuer}` is dropped when it has none.
    pub note: String,
    /// The note's pattern without the issuer, for an issuer with no `in_text`.
    pub note_without_issuer: String,
    /// Style of the note.
    pub note_style: TextStyle,
    /// The document's symbol in the note, with `{number}`, `{type}`, `{code}`.
    pub symbol: String,
}

/// How invitations (Giấy mời) and summonses (Giấy triệu tập) are set.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InvitationStyle {
    /// Type code of an invitation in its number (`GM`).
    pub code: String,
    /// Type code of a summons.
    pub summons_code: String,
    /// How a delegate is addressed when the list gives no salutation (`Đồng chí`).
    pub salutation: String,
    /// Names of the weekdays, Monday first (`thứ Hai` … `Chủ nhật`).
    pub weekdays: Vec<String>,
    /// Time of day with minutes: pattern with `{hour}` and `{minute}`.
    pub time: String,
    /// Time of day on the hour: pattern with `{hour}`.
    pub time_on_the_hour: String,
    /// Margins in millimetres on A5 paper (A4 uses the page margins).
    pub a5_margin: Margins,
    /// Body text size on A5 paper, in points.
    pub a5_size: f64,
    /// On A5 paper, the size the header's 14-point lines take (the others
    /// in proportion): the two header columns are narrower than the body
    /// shrinks, and the date line must hold on one line. Left out: as the
    /// body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub a5_header: Option<f64>,
    /// The closing sentence of an invitation.
    pub closing: String,
    /// The closing sentence of a summons.
    pub summons_closing: String,
}

/// The distribution sheet.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SheetStyle {
    /// Its title (`SỔ GỬI VĂN BẢN` …).
    pub title: String,
    /// Column headers: number, recipient, document, purpose, copies, date sent, signature.
    pub columns: Vec<String>,
    /// Relative column widths, one per column.
    pub widths: Vec<f64>,
    /// Text size in points.
    pub size: f64,
}

/// Paper and margins.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Page {
    /// Typst paper name, e.g. `a4`.
    pub paper: String,
    /// Margins in millimetres.
    pub margin: Margins,
}

/// Margins in millimetres.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Margins {
    /// Top margin.
    pub top: f64,
    /// Bottom margin.
    pub bottom: f64,
    /// Left (binding) margin.
    pub left: f64,
    /// Right margin.
    pub right: f64,
}

/// A text style: size in points and emphasis.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TextStyle {
    /// Size in points.
    pub size: f64,
    /// Bold weight.
    #[serde(default)]
    pub bold: bool,
    /// Italic.
    #[serde(default)]
    pub italic: bool,
    /// Underlined.
    #[serde(default)]
    pub underline: bool,
    /// Set in capitals.
    #[serde(default)]
    pub caps: bool,
}

/// Body text.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// Size in points.
    pub size: f64,
    /// First-line indent in millimetres.
    pub indent: f64,
    /// Space between paragraphs in points.
    pub spacing: f64,
    /// Space between lines of a paragraph, in em.
    pub leading: f64,
    /// Line spacing exactly this many points, baseline to baseline, in
    /// place of `leading` (Word's "Exactly"; HD 05: 18–22 pt).
    #[serde(default)]
    pub line_spacing: Option<f64>,
    /// How the text ends: `./.` in the practice of 36-HD, `.` under HD 05
    /// (a text typed with `./.` is then warned about).
    #[serde(default = "default_end")]
    pub end: String,
    /// Justify paragraphs.
    pub justify: bool,
    /// Text language for hyphenation and shaping (`vi`).
    pub lang: String,
}

fn default_end() -> String {
    "./.".to_string()
}

/// Page numbers.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageNumber {
    /// Size in points.
    pub size: f64,
    /// First page that shows its number.
    pub from: u32,
    /// Distance in mm from the top edge of the page to the top of the
    /// number's line (its font's ascender, where Word measures a header
    /// from), as HD 05 IV.5 sets it; left out, the number stands at the
    /// foot of the top margin, Typst's header place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_top: Option<f64>,
}

/// The header of page 1.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// Width of the left column, in per cent of the text width.
    pub left_width: f64,
    /// The superior body.
    pub superior: TextStyle,
    /// The issuing body.
    pub issuer: TextStyle,
    /// Mark under the issuing body, e.g. `*`; empty for none.
    pub mark: String,
    /// Rule under the issuing body as a fraction of its width; 0 for none.
    pub issuer_rule: f64,
    /// Number and symbol.
    pub number: NumberStyle,
    /// Lines of the right column (national name, motto); the last is ruled.
    pub motto: Vec<MottoLine>,
    /// Place and date line.
    pub date: DateLine,
}

/// One line of the right column of the header.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MottoLine {
    /// The text, e.g. `ĐẢNG CỘNG SẢN VIỆT NAM`.
    pub text: String,
    /// Its style.
    pub style: TextStyle,
}

/// How the document number is written.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NumberStyle {
    /// Pattern with `{number}`, `{type}` and `{code}`, e.g. `Số {number}-{type}/{code}`.
    pub pattern: String,
    /// What stands for the number while drafting (spaces to write it in by hand).
    pub blank: String,
    /// Numbers below 10 get leading zeros up to this many digits.
    pub digits: usize,
    /// Its style.
    pub style: TextStyle,
}

/// The place-and-date line.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DateLine {
    /// Pattern with `{place}`, `{day}`, `{month}`, `{year}`.
    pub pattern: String,
    /// Its style.
    pub style: TextStyle,
}

/// Title block.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Title {
    /// The type name, e.g. `KẾ HOẠCH`.
    pub name: TextStyle,
    /// The subject under it.
    pub subject: TextStyle,
    /// Length in millimetres of the short rule under the subject (the
    /// `-----` of typed documents); 0 for none.
    pub separator: f64,
    /// Space above the title, in points.
    pub above: f64,
    /// Space below the separator, in points.
    pub below: f64,
}

/// Numbering style of a heading level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Numbering {
    /// I, II, III …
    Roman,
    /// 1, 2, 3 …
    Arabic,
    /// Parent's number, a dot, then this one: 1.1, 1.2 …
    Path,
    /// a, b, c, d, đ, e … (Vietnamese alphabet)
    Alpha,
}

/// Style of one heading level.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeadingStyle {
    /// How this level is numbered.
    pub numbering: Numbering,
    /// What follows the number, e.g. `.` or `)`.
    pub suffix: String,
    /// Style of the heading line.
    pub style: TextStyle,
    /// Whether numbered paragraphs (`item:`) at this level set their number in bold.
    #[serde(default)]
    pub item_label_bold: bool,
}

/// List markers.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lists {
    /// First-level marker, `-`.
    pub dash: String,
    /// Second-level marker, `+`.
    pub plus: String,
}

/// The signature block.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignatureStyle {
    /// Prefix by signing mode (`tm` → `T/M`).
    pub prefixes: BTreeMap<String, String>,
    /// Authority line.
    pub authority: TextStyle,
    /// Signer's title.
    pub title: TextStyle,
    /// Signer's name.
    pub name: TextStyle,
    /// Room for the signature and seal, in millimetres.
    pub space: f64,
    /// Width of the signature column, in per cent of the text width.
    pub width: f64,
    /// Collective bodies (cấp ủy, congress, inspection committee) for which
    /// even a deputy signs under `tm`; `vanban check` flags a `kt` under
    /// one. Empty where the rule does not hold (state documents sign
    /// `TM. ỦY BAN NHÂN DÂN` / `KT. CHỦ TỊCH`).
    #[serde(default)]
    pub collective: Vec<String>,
    /// The two-line authorities the guideline allows, as pairs of modes
    /// from the top down (`[tm, kt]`: `TM. ỦY BAN NHÂN DÂN` / `KT. CHỦ
    /// TỊCH`); `vanban check` flags any other pair.
    #[serde(default)]
    pub chains: Vec<[String; 2]>,
    /// Academic titles not written before the signer's name (`TS.`).
    #[serde(default)]
    pub no_titles: Vec<String>,
    /// Signing modes the guideline does not use (no prefix in `prefixes`),
    /// each with how such a document is signed instead: HD 05 has no
    /// `T/UQ`. The layout never reads them.
    #[serde(default, skip_serializing)]
    pub not_used: BTreeMap<String, crate::lang::Said>,
}

/// The Nơi nhận block.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecipientsStyle {
    /// Its heading, `Nơi nhận:`.
    pub heading: String,
    /// Style of the heading.
    pub heading_style: TextStyle,
    /// Size of the lines, in points.
    pub size: f64,
    /// Marker before each line.
    pub marker: String,
    /// Between a person and their role.
    pub person_prefix: String,
    /// Between a person and their role.
    pub role_separator: String,
    /// Word that starts the archive line.
    pub archive: String,
    /// Punctuation after every line but the last.
    pub separator: String,
    /// Punctuation after the last line.
    pub end: String,
}

/// How dates and counts are written.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Numbers {
    /// Days below 10 take a leading zero.
    pub pad_day: bool,
    /// Months that take a leading zero (1 and 2 by the rule).
    pub pad_months: Vec<u32>,
    /// Counts of persons and days below 10 take a leading zero (`01`).
    pub pad_counts: bool,
}

/// Words for a kind of party organisation.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitKindWords {
    /// Name of the kind, e.g. `Chi bộ cơ sở`.
    pub name: String,
    /// How its members are counted, e.g. `đảng viên chi bộ`.
    pub members: String,
}

impl Preset {
    /// The preset for A5 paper: A5 margins, and every size scaled so the body
    /// is `invitation.a5_size` (36-HD allows A5 invitations).
    pub fn for_a5(&self) -> Preset {
        let mut p = self.clone();
        let k = p.invitation.a5_size / p.body.size;
        let scale = |t: &mut TextStyle| t.size = (t.size * k * 10.0).round() / 10.0;
        // The header's own factor: its columns are half the narrower text
        // width each, so A4's 14-point lines need less than the body's.
        let kh = p
            .invitation
            .a5_header
            .map_or(k, |size| size / p.header.date.style.size);
        let scale_header = |t: &mut TextStyle| t.size = (t.size * kh * 10.0).round() / 10.0;
        let h = &mut p.header;
        for t in [
            &mut h.superior,
            &mut h.issuer,
            &mut h.number.style,
            &mut h.date.style,
        ] {
            scale_header(t);
        }
        for m in &mut h.motto {
            scale_header(&mut m.style);
        }
        for t in [
            &mut p.title.name,
            &mut p.title.subject,
            &mut p.signature.authority,
            &mut p.signature.title,
            &mut p.signature.name,
            &mut p.recipients.heading_style,
        ] {
            scale(t);
        }
        for hs in &mut p.headings {
            scale(&mut hs.style);
        }
        p.body.size = p.invitation.a5_size;
        p.recipients.size = (p.recipients.size * k * 10.0).round() / 10.0;
        p.page_number.size = (p.page_number.size * k * 10.0).round() / 10.0;
        p.signature.space *= 0.7;
        p.page.paper = "a5".into();
        p.page.margin = p.invitation.a5_margin.clone();
        p
    }
}
