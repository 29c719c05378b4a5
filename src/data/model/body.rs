//! What the body of a document holds, as the clerk writes it: inline text
//! and its spans (italic, bold, footnotes), and the blocks (paragraphs,
//! headings, numbered items, `-` lists, labelled lines, tables, the units
//! of a congress plan and their shared time limits).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Inline text: a plain string, or a list of spans for italic/bold parts.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Text with styled parts.
    Spans(Vec<Span>),
}

/// One part of a paragraph.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Span {
    /// Upright text.
    Text(String),
    /// Italic text.
    Italic(ItalicSpan),
    /// Bold text.
    Bold(BoldSpan),
    /// A footnote, numbered and printed at the foot of the page.
    Footnote(FootnoteSpan),
}

/// `{footnote: "…"}`
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FootnoteSpan {
    /// The footnote's text.
    pub footnote: String,
}

/// `{italic: "…"}`
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItalicSpan {
    /// The italic text.
    pub italic: String,
}

/// `{bold: "…"}`
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BoldSpan {
    /// The bold text.
    pub bold: String,
}

/// One block of the body.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Node {
    /// A paragraph of plain text.
    Text(String),
    /// A paragraph with styled parts.
    Spans(Vec<Span>),
    /// A numbered heading; its level is its depth in the tree.
    Heading(HeadingNode),
    /// A numbered paragraph (numbered like a heading of its depth, set as body text).
    Item(ItemNode),
    /// A list of `-` items.
    Dash(DashNode),
    /// A unit's name and its delegates, with the total computed.
    Unit(UnitNode),
    /// The time limits of one or more units that share them.
    Schedule(ScheduleNode),
    /// A label and its text: `Đơn vị chủ trì: Sở Tư pháp.`
    Labelled(LabelledNode),
    /// A table, typed here or read from a CSV or Excel file.
    Table(TableNode),
}

/// `{label: "Đơn vị chủ trì", text: "Sở Tư pháp."}`: the label in the
/// preset's label style, then its text.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LabelledNode {
    /// The label; the preset adds the colon if it has none.
    pub label: String,
    /// What follows it.
    pub text: Inline,
    /// `bold`, `italic` or `bold-italic`, in place of the preset's label style.
    #[serde(default)]
    pub style: Option<LabelStyle>,
}

/// How a label is set apart from its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LabelStyle {
    /// Bold.
    Bold,
    /// Italic.
    Italic,
    /// Bold italic.
    BoldItalic,
}

/// `{table: {…}}`
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableNode {
    /// The table.
    pub table: Table,
}

/// A table: its column headers (repeated on every page), its rows.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Column headers; with `file:`, left out to take the file's header row.
    #[serde(default)]
    pub columns: Vec<String>,
    /// Relative column widths, e.g. `[6, 3, 3, 2]`; left out, equal.
    #[serde(default)]
    #[schemars(inner(range(min = 0.1, max = 100)))]
    pub widths: Vec<f64>,
    /// Rows typed here, one list of cells each.
    #[serde(default)]
    pub rows: Vec<Vec<TableCell>>,
    /// A CSV or Excel file whose first row is the header and the rest the rows.
    #[serde(default)]
    pub file: Option<String>,
    /// Sheet of an Excel file; left out, the one visible sheet with data.
    #[serde(default)]
    pub sheet: Option<String>,
    /// Number the rows in a first column (headed `STT`, from the preset).
    #[serde(default)]
    pub numbered: bool,
}

/// A table cell: text, or a whole number as typed.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum TableCell {
    /// Text.
    Text(String),
    /// A whole number (`30`).
    Number(i64),
}

impl TableCell {
    /// The cell as printed.
    pub fn text(&self) -> String {
        match self {
            TableCell::Text(s) => s.clone(),
            TableCell::Number(n) => n.to_string(),
        }
    }
}

/// `{heading: "…", content: […]}`
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeadingNode {
    /// Heading text, without its number.
    pub heading: String,
    /// The number as written (`3a.`), in place of the counted one; the
    /// count goes on past it.
    #[serde(default)]
    pub number: Option<String>,
    /// What stands under the heading.
    #[serde(default)]
    pub content: Vec<Node>,
}

/// `{item: "…", content: […]}`
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemNode {
    /// Paragraph text, without its number.
    pub item: Inline,
    /// The number as written, in place of the counted one.
    #[serde(default)]
    pub number: Option<String>,
    /// What stands under the item.
    #[serde(default)]
    pub content: Vec<Node>,
}

/// `{dash: […]}`: a list of `-` items.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DashNode {
    /// The items, each a paragraph.
    pub dash: Vec<DashItem>,
    /// Set the items as one block without paragraph spacing between them.
    #[serde(default)]
    pub tight: bool,
}

/// An item of a `-` list: text, or text with `+` sub-items.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum DashItem {
    /// A plain item.
    Text(Inline),
    /// An item with `+` sub-items.
    Nested(NestedDash),
    /// `- Đơn vị chủ trì: Sở Tư pháp.` as a label and its text.
    Labelled(LabelledNode),
}

/// `{text: "…", plus: […]}`
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NestedDash {
    /// The item's text.
    pub text: Inline,
    /// The `+` sub-items.
    pub plus: Vec<Inline>,
}

/// `{unit: ID}`: prints the unit and who attends its congress.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitNode {
    /// The unit's `id`.
    pub unit: String,
    /// Print the unit as `- {kind}: {name}.` instead of `{name}, {parent}.`.
    #[serde(default)]
    pub with_kind: bool,
}

/// `{schedule: [ID, …]}`: one `-` line with the shared time limits.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduleNode {
    /// The units' ids, in the order they are printed; they must share deadline and duration.
    pub schedule: Vec<String>,
}
