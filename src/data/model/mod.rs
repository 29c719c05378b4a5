//! The typed data model a clerk writes in YAML.
//!
//! Every struct denies unknown fields so a typo (`adress`) is reported instead
//! of silently ignored; the JSON Schema derived from these types drives the
//! located validation in [`super::validate`], so the types are the single
//! source of truth for what a data file may contain.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use super::roster::{Delegate, Group};

mod body;

pub use body::*;

/// A whole data file: one issuing body, one document and what it needs.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataFile {
    /// Style preset that sets sizes, margins, prefixes and wording:
    /// `dang` (Party, Hướng dẫn 36-HD/VPTW) or `nha-nuoc` (Nghị định 30/2020).
    pub preset: String,
    /// The body that issues the document.
    pub issuer: Issuer,
    /// Number, date, place and subject of the document.
    pub document: Document,
    /// Paragraphs before the body, usually the legal bases (`Căn cứ …`).
    #[serde(default)]
    pub preamble: Vec<Inline>,
    /// Units that hold congresses, referenced from the body by `id`.
    #[serde(default)]
    pub units: Vec<Unit>,
    /// The body of the document: headings, numbered items, paragraphs,
    /// lists, tables; left out for a meeting invitation, whose body is `meeting:`.
    #[serde(default)]
    pub body: Vec<Node>,
    /// A meeting invitation (Giấy mời họp, hội nghị): the document is the
    /// invitation, its parts numbered as the preset says.
    #[serde(default)]
    pub meeting: Option<Meeting>,
    /// Who signs, and on whose behalf.
    pub signature: Signature,
    /// The other signer of a joint document (văn bản liên tịch), with its
    /// own authority, title and name: printed on the left, the lead
    /// `signature` on the right.
    #[serde(default)]
    pub cosigner: Option<Signature>,
    /// The distribution list (Nơi nhận).
    pub recipients: Recipients,
    /// Congresses and meetings, with their delegates and invitations.
    #[serde(default)]
    pub events: Vec<Event>,
    /// Appendices (Phụ lục), printed after the signature, each from a new
    /// page with its own title and page numbers.
    #[serde(default)]
    pub appendices: Vec<Appendix>,
    /// Make every PDF of the build PDF/A-2b, the archival form (as
    /// `vanban build --pdfa` does): the document, each letter and copy,
    /// the print files and the distribution sheets.
    #[serde(default)]
    pub pdfa: bool,
}

impl DataFile {
    /// Every table of the body and the appendices, with its place in the data.
    pub fn tables(&self) -> Vec<(crate::error::DataPath, &Table)> {
        use crate::error::DataPath;
        fn walk<'a>(nodes: &'a [Node], path: DataPath, out: &mut Vec<(DataPath, &'a Table)>) {
            for (i, node) in nodes.iter().enumerate() {
                let here = path.clone().index(i);
                match node {
                    Node::Table(t) => out.push((here.key("table"), &t.table)),
                    Node::Heading(h) => walk(&h.content, here.key("content"), out),
                    Node::Item(it) => walk(&it.content, here.key("content"), out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.body, DataPath::new().key("body"), &mut out);
        for (i, a) in self.appendices.iter().enumerate() {
            walk(
                &a.body,
                DataPath::new().key("appendices").index(i).key("body"),
                &mut out,
            );
        }
        out
    }

    /// Every file read as rows of cells (table files, a meeting's invitee
    /// list): its place in the data, path and sheet.
    pub fn cell_files(&self) -> Vec<(crate::error::DataPath, &str, Option<&str>)> {
        let mut out: Vec<_> = self
            .tables()
            .into_iter()
            .filter_map(|(path, t)| Some((path, t.file.as_deref()?, t.sheet.as_deref())))
            .collect();
        if let Some(Invitees::File(f)) = self.meeting.as_ref().map(|m| &m.invitees) {
            out.push((
                Meeting::invitees_path(),
                f.file.as_str(),
                f.sheet.as_deref(),
            ));
        }
        out
    }

    /// Every file the data names (delegate lists, table and invitee
    /// files, signature and seal images), as written: relative to the
    /// data file's folder.
    pub fn named_files(&self) -> Vec<&str> {
        let lists = self.events.iter().filter_map(|e| match &e.delegates {
            Delegates::File(f) => Some(f.file.as_str()),
            Delegates::List(_) => None,
        });
        let cells = self.cell_files().into_iter().map(|(_, f, _)| f);
        let images = self.image_files().into_iter().map(|(_, f)| f);
        lists.chain(cells).chain(images).collect()
    }

    /// Every image the data names, with the place of its path in the
    /// data (`signature.image`, `issuer.seal.image`, …), in data order.
    pub fn image_files(&self) -> Vec<(crate::error::DataPath, &str)> {
        use crate::error::DataPath;
        let mut out = Vec::new();
        if let Some(seal) = &self.issuer.seal {
            out.push((
                DataPath::new().key("issuer").key("seal").key("image"),
                seal.image.as_str(),
            ));
        }
        let signers = [
            (DataPath::new().key("signature"), Some(&self.signature)),
            (DataPath::new().key("cosigner"), self.cosigner.as_ref()),
        ];
        let events = self.events.iter().enumerate().map(|(i, e)| {
            let at = DataPath::new().key("events").index(i);
            (
                at.key("invitation").key("signature"),
                e.invitation.signature.as_ref(),
            )
        });
        for (at, sig) in signers.into_iter().chain(events) {
            if let Some(image) = sig.and_then(|s| s.image.as_deref()) {
                out.push((at.key("image"), image));
            }
        }
        out
    }
}

/// A meeting invitation: who chairs it, who is invited, what, when,
/// where, who prepares what.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// The opening sentence: `Ủy ban nhân dân tỉnh tổ chức họp … như sau:`.
    pub opening: Inline,
    /// Who chairs it: `Đồng chí Nguyễn Văn An, Phó Chủ tịch UBND tỉnh`.
    pub chair: Inline,
    /// Who is invited: bodies and persons, here or in a CSV / Excel file.
    pub invitees: Invitees,
    /// What the meeting is about.
    pub agenda: Inline,
    /// First day, `YYYY-MM-DD`; the weekday is computed.
    pub date: NaiveDate,
    /// Start time, `HH:MM`; the part of the day (sáng, chiều) is computed.
    pub start: String,
    /// How long, as printed before the time: `01 buổi`, `nửa ngày`.
    #[serde(default)]
    pub duration: Option<String>,
    /// Where.
    pub venue: String,
    /// Who prepares what, a line each.
    #[serde(default)]
    pub preparation: Vec<Inline>,
    /// The closing sentence, if not the preset's.
    #[serde(default)]
    pub closing: Option<Inline>,
    /// Also one addressed copy per invitee (`Kính gửi: …` under the
    /// title) and a print file of them all, beside the invitation itself.
    #[serde(default)]
    pub copies: bool,
}

impl Meeting {
    /// Where the invitees stand in the data: the key of their file's rows.
    pub fn invitees_path() -> crate::error::DataPath {
        crate::error::DataPath::new().key("meeting").key("invitees")
    }
}

/// Who is invited to a meeting.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Invitees {
    /// Written in the YAML.
    List(Vec<Invitee>),
    /// A CSV or Excel file: a column of bodies, or `Họ và tên` and `Chức vụ`.
    File(InviteeFile),
}

/// One invitee: a body, or a person with their position.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Invitee {
    /// A body or a group, as written: `Lãnh đạo Sở Tư pháp`.
    Body(String),
    /// A person.
    Person(PersonInvitee),
}

/// `{person: "…", position: "…"}`
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonInvitee {
    /// Full name.
    pub person: String,
    /// Position, e.g. `Giám đốc Sở Tư pháp`.
    #[serde(default)]
    pub position: Option<String>,
}

/// `{file: thanh-phan.csv, sheet: …}`
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InviteeFile {
    /// Path of the list, relative to the YAML file.
    pub file: String,
    /// Sheet of an Excel file; left out, the one visible sheet with data.
    #[serde(default)]
    pub sheet: Option<String>,
}

/// An appendix: `Phụ lục I`, its title, the line that ties it to the
/// document, and a body like the document's.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appendix {
    /// Title, e.g. `DANH MỤC NHIỆM VỤ TRỌNG TÂM NĂM 2026`.
    pub title: String,
    /// The line under the title; left out, the preset's
    /// (`(Kèm theo Kế hoạch số 12/KH-UBND ngày 05/01/2026 của …)`).
    #[serde(default)]
    pub note: Option<String>,
    /// Its content: paragraphs, lists, tables, headings (numbered afresh).
    pub body: Vec<Node>,
}

/// The issuing body as printed in the header.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// The body above the issuer, e.g. `ĐẢNG BỘ TỈNH LAI CHÂU`; absent for a top body.
    #[serde(default)]
    pub superior: Option<String>,
    /// The issuer's name, e.g. `HUYỆN ỦY TAM ĐƯỜNG`.
    pub name: String,
    /// Symbol code used in document numbers, e.g. `HU`, `ĐU`, `UBND`.
    pub code: String,
    /// How the body is named inside a sentence, e.g. `Ủy ban nhân dân
    /// tỉnh Lai Châu`: the appendices say whose document they go with.
    #[serde(default)]
    pub in_text: Option<String>,
    /// The image of the body's seal for electronic documents:
    /// `{ image: dau/dang-uy.png, diameter: 36 }`. Nothing of it is
    /// printed; `vanban sign` draws it at its real size over the left
    /// third of the signer's image (Nghị định 30/2020, Phụ lục I, II.8.a).
    #[serde(default)]
    pub seal: Option<Seal>,
}

/// The image of a body's seal, as its digital signature shows it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Seal {
    /// A PNG with a transparent background (the seal in red), relative to
    /// the data file's folder: `dau/dang-uy.png`.
    pub image: String,
    /// The seal's real diameter in millimetres: the image is drawn that size.
    #[schemars(range(min = 20, max = 60))]
    pub diameter: f64,
}

/// Identity of the document itself.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Type code, e.g. `KH` (kế hoạch), `QĐ`, `TB`; the preset names the type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Number in the register; leave it out (or `~`) while drafting.
    #[serde(default)]
    pub number: Option<u32>,
    /// Place written before the date, e.g. `Tam Đường`.
    pub place: String,
    /// Date of issue, `YYYY-MM-DD`.
    pub date: NaiveDate,
    /// Subject (trích yếu), starting in lower case; left out for types
    /// that have none (a Giấy mời, a Công văn's is its `V/v` line).
    #[serde(default)]
    pub subject: String,
    /// Numbering of headings and numbered items by level, from the top
    /// down, in place of the preset's: `[arabic]` numbers the top level
    /// `1.`, `2.` instead of `I.`, `II.`; levels not given keep the preset's.
    #[serde(default)]
    pub numbering: Vec<crate::preset::Numbering>,
    /// Output file name without extension; defaults to the preset's name for the type.
    #[serde(default)]
    pub file: Option<String>,
    /// Print every tone mark in one style: `old` (`hòa`, `thủy`) or `new`
    /// (`hoà`, `thuỷ`), whatever the data and the lists mix; unset, text
    /// prints as typed (and `vanban check` warns about a mix).
    #[serde(default)]
    pub tone_style: Option<crate::text::ToneStyle>,
    /// A draft's mark, printed under the number: `Dự thảo lần 2`. Left
    /// out for the document as issued.
    #[serde(default)]
    pub draft: Option<String>,
    /// How urgent it is, printed under the number in the preset's words:
    /// `khan` (KHẨN), `thuong-khan` (THƯỢNG KHẨN), `hoa-toc` (HỎA TỐC).
    #[serde(default)]
    pub urgency: Option<Urgency>,
    /// A circulation note at the top right of page 1: `Tài liệu hội nghị`
    /// (printed as the preset styles it, in capitals under HD 05).
    #[serde(default)]
    pub circulation: Option<String>,
    /// Print the preset's "not to be published in the mass media" line
    /// at the foot of the last page.
    #[serde(default)]
    pub not_public: bool,
    /// The drafter's code and the copies issued, printed at the end of
    /// Nơi nhận: `{ code: NguyenVanAn-26, copies: 30 }`.
    #[serde(default)]
    pub drafter: Option<Drafter>,
    /// The issuing body's address, telephone, e-mail: a block under a
    /// full-width rule, on the page the preset says.
    #[serde(default)]
    pub contact: Option<String>,
}

/// Who drafted a document, and how many copies were issued.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Drafter {
    /// The drafter's code: `NguyenVanAn-26`.
    pub code: String,
    /// Copies issued.
    #[serde(default)]
    #[schemars(range(min = 1, max = 100_000))]
    pub copies: Option<u32>,
}

/// How urgent a document is (độ khẩn).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Urgency {
    /// Khẩn.
    Khan,
    /// Thượng khẩn.
    ThuongKhan,
    /// Hỏa tốc.
    HoaToc,
}

impl Urgency {
    /// Its name in the data and in the preset's `marks.urgency`.
    pub fn key(self) -> &'static str {
        match self {
            Urgency::Khan => "khan",
            Urgency::ThuongKhan => "thuong-khan",
            Urgency::HoaToc => "hoa-toc",
        }
    }
}

/// A unit (chi bộ, đảng bộ) that holds a congress.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Short identifier used to refer to the unit from the body, e.g. `na-phat`.
    pub id: String,
    /// Name, e.g. `Chi bộ 02 (bản Nà Phát)`.
    pub name: String,
    /// The body it belongs to, printed after its name, e.g. `Đảng bộ xã Bình Lư`.
    #[serde(default)]
    pub parent: Option<String>,
    /// Kind of party organisation; the preset words it.
    pub kind: UnitKind,
    /// Term, e.g. `2025 - 2027`.
    pub term: String,
    /// Who attends the congress besides the unit's members.
    pub attendees: String,
    /// Party members of the unit; computed from the delegate list of the
    /// unit's event when there is one (and then, if given, it must agree).
    #[serde(default)]
    #[schemars(range(max = 1_000_000))]
    pub members: Option<u32>,
    /// Invited delegates; likewise computed from the delegate list.
    #[serde(default)]
    #[schemars(range(max = 1_000_000))]
    pub invited: Option<u32>,
    /// The congress must be held before this date.
    pub deadline: NaiveDate,
    /// Maximum duration in days.
    #[schemars(range(min = 1, max = 366))]
    pub max_days: u32,
}

/// Kinds of party organisation that hold congresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum UnitKind {
    /// Chi bộ trực thuộc đảng ủy cơ sở.
    ChiBoTrucThuoc,
    /// Chi bộ cơ sở.
    ChiBoCoSo,
    /// Đảng bộ cơ sở.
    DangBoCoSo,
}

/// The signature block.
///
/// One authority line is written with `mode` and `body`
/// (`mode: tm`, `body: BAN THƯỜNG VỤ` → `T/M BAN THƯỜNG VỤ`); two, as a
/// state body signs (`TM. ỦY BAN NHÂN DÂN` / `KT. CHỦ TỊCH`), with
/// `authority:`, a list of such lines from the top down.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// How the signer signs: `tm` (thay mặt), `kt` (ký thay), `tl` (thừa lệnh),
    /// `tuq` (thừa ủy quyền), `q` (quyền) or `none`; the preset prints the prefix.
    /// Left out when `authority:` gives the lines.
    #[serde(default)]
    pub mode: Option<SignMode>,
    /// The collective body signed for, e.g. `BAN THƯỜNG VỤ`; empty for `none`.
    #[serde(default)]
    pub body: Option<String>,
    /// The authority lines from the top down, when there are two
    /// (`[{mode: tm, body: ỦY BAN NHÂN DÂN}, {mode: kt, body: CHỦ TỊCH}]`);
    /// in place of `mode` and `body`.
    #[serde(default)]
    pub authority: Vec<AuthorityLine>,
    /// The signer's title, e.g. `BÍ THƯ`; left out only under a `q`
    /// line, which names the acting head (`Q. CHỦ TỊCH`).
    #[serde(default)]
    pub title: String,
    /// The signer's full name.
    pub name: String,
    /// The signer's signature image for electronic documents, a PNG with
    /// a transparent background (the signature in blue), relative to the
    /// data file's folder: `chu-ky/nguyen-van-a.png`. Nothing of it is
    /// printed; `vanban sign` draws it between the title and the name
    /// (Nghị định 30/2020, Phụ lục I, II.7.d).
    #[serde(default)]
    pub image: Option<String>,
}

/// One authority line of a signature: `{mode: kt, body: CHỦ TỊCH}` → `KT. CHỦ TỊCH`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuthorityLine {
    /// How this line signs: `tm`, `kt`, `tl`, `tuq` or `q`.
    pub mode: SignMode,
    /// What it signs for: a body (`ỦY BAN NHÂN DÂN`) or a head (`CHỦ TỊCH`).
    pub body: String,
}

impl Signature {
    /// The authority lines as (mode, body), from the top down, whichever
    /// way they were written; empty for a signer in their own name.
    pub fn lines(&self) -> Vec<(SignMode, &str)> {
        if !self.authority.is_empty() {
            return self
                .authority
                .iter()
                .map(|a| (a.mode, a.body.trim()))
                .collect();
        }
        match self.mode {
            None | Some(SignMode::None) => Vec::new(),
            Some(mode) => vec![(mode, self.body.as_deref().unwrap_or("").trim())],
        }
    }
}

/// Signing authority (`T/M`, `K/T`, … in Party documents; `TM.`, `KT.` … in state ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SignMode {
    /// Thay mặt: on behalf of a collective body.
    Tm,
    /// Ký thay: a deputy signs for the head.
    Kt,
    /// Thừa lệnh.
    Tl,
    /// Thừa ủy quyền.
    Tuq,
    /// Quyền (acting).
    Q,
    /// The signer signs in their own name.
    None,
}

impl SignMode {
    /// The name written in the data and used as the key of the preset's `prefixes`.
    pub fn key(self) -> &'static str {
        match self {
            SignMode::Tm => "tm",
            SignMode::Kt => "kt",
            SignMode::Tl => "tl",
            SignMode::Tuq => "tuq",
            SignMode::Q => "q",
            SignMode::None => "none",
        }
    }
}

/// The distribution list.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recipients {
    /// Recipients in order; the tool adds `;` and the final `.`.
    pub to: Vec<Recipient>,
    /// The archive line after `Lưu`, e.g. `Văn phòng Huyện ủy`; empty prints just `Lưu`.
    pub archive: String,
}

/// One line of the distribution list.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Recipient {
    /// An organisation or group, as written.
    Plain(String),
    /// An organisation with a purpose such as `b/c`.
    Org(OrgRecipient),
    /// A person with their role.
    Person(PersonRecipient),
}

/// `{org: "…", purpose: "b/c"}`
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrgRecipient {
    /// Organisation or group.
    pub org: String,
    /// Purpose in brackets, e.g. `b/c` (để báo cáo), `t/h` (thực hiện).
    #[serde(default)]
    pub purpose: Option<String>,
    /// Number of copies sent (for the distribution sheet).
    #[serde(default)]
    #[schemars(range(min = 1, max = 10_000))]
    pub copies: Option<u32>,
}

/// `{person: "…", role: "…"}`
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonRecipient {
    /// Full name.
    pub person: String,
    /// Position, e.g. `Ủy viên BTV Tỉnh ủy, Chủ nhiệm UBKT Tỉnh ủy`.
    pub role: String,
    /// Purpose in brackets, e.g. `b/c`.
    #[serde(default)]
    pub purpose: Option<String>,
    /// Number of copies sent.
    #[serde(default)]
    #[schemars(range(min = 1, max = 10_000))]
    pub copies: Option<u32>,
}

/// A congress or meeting of a unit, with its delegates and invitations.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// The unit holding it (a `units` id); its delegate counts come from here.
    pub unit: String,
    /// What the delegates are invited to, e.g. `Đại hội điểm Chi bộ 02 (bản Nà Phát) nhiệm kỳ 2025 - 2027`.
    pub title: String,
    /// First day, `YYYY-MM-DD`.
    pub date: NaiveDate,
    /// Start time, `HH:MM` (24-hour), e.g. `07:30`.
    pub start: String,
    /// How many days it lasts (the plan's maximum applies).
    #[serde(default)]
    #[schemars(range(min = 1, max = 366))]
    pub days: Option<u32>,
    /// Where.
    pub venue: String,
    /// The programme: check-in, preparatory session, official session …
    #[serde(default)]
    pub schedule: Vec<ScheduleItem>,
    /// Notes for delegates: dress, bring the invitation, confirm attendance.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Whom to call.
    #[serde(default)]
    pub contact: Option<Contact>,
    /// How the invitations are issued.
    pub invitation: InvitationSpec,
    /// Name of the event's files under `giay-moi/` (the folder of its
    /// letters, its print file and sheet), without extension; by default
    /// its unit's name without diacritics.
    #[serde(default)]
    pub file: Option<String>,
    /// The delegates: a list here, or a CSV / Excel file.
    pub delegates: Delegates,
}

/// One item of an event's programme.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduleItem {
    /// Time, `HH:MM`.
    pub time: String,
    /// The day, if not the event's first day.
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// What happens.
    pub what: String,
}

/// A contact person.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Name, with title if wanted (`đồng chí Lò Thị Hoa, Văn phòng Huyện ủy`).
    pub name: String,
    /// Phone number, as text (leading zero kept).
    pub phone: String,
}

/// How the invitations of an event are issued.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InvitationSpec {
    /// The one number of the whole batch (`Số 12-GM/HU`); leave out while drafting.
    #[serde(default)]
    pub number: Option<u32>,
    /// Date of issue.
    pub date: NaiveDate,
    /// Who invites, as the sentence starts: `Ban Thường vụ Huyện ủy`.
    pub inviter: String,
    /// The unit's own party members get a summons (Giấy triệu tập) instead.
    #[serde(default)]
    pub summons: bool,
    /// Paper size: `a4` (default) or `a5` (36-HD allows A5 invitations).
    #[serde(default)]
    pub paper: Paper,
    /// How the print file lays the letters out: `single` (default), one
    /// letter a page as the letters are; `two-up`, two A5 letters side by
    /// side on each A4 sheet (only with `paper: a5`).
    #[serde(default)]
    pub print: PrintLayout,
    /// With `print: two-up`, a thin dashed line down the middle of each
    /// sheet to cut along.
    #[serde(default)]
    pub cut_line: bool,
    /// Who signs, if not the document's signer.
    #[serde(default)]
    pub signature: Option<Signature>,
    /// Nơi nhận of the invitations.
    pub recipients: Recipients,
}

/// Paper sizes for invitations.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Paper {
    /// A4.
    #[default]
    A4,
    /// A5.
    A5,
}

/// How an event's print file lays its letters out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PrintLayout {
    /// One letter a page, each as its own PDF has it.
    #[default]
    Single,
    /// Two A5 letters side by side on each A4 landscape sheet, at their
    /// real size: one cut down the middle gives the letters.
    TwoUp,
}

/// Where an event's delegates come from.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Delegates {
    /// Written in the YAML.
    List(Vec<Delegate>),
    /// A CSV or Excel file, relative to the YAML file.
    File(DelegateFile),
}

/// `{file: dai-bieu/x.csv, sheet: …}`
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DelegateFile {
    /// Path of the list, relative to the YAML file.
    pub file: String,
    /// Sheet of an Excel file; left out, the one visible sheet with data.
    #[serde(default)]
    pub sheet: Option<String>,
    /// Group of rows whose `Nhóm` cell is empty, or of all rows if the list has no such column.
    #[serde(default)]
    pub group: Option<Group>,
}
