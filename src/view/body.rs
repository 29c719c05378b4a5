//! The body of a document as blocks: headings and items numbered as the
//! document or the preset says, paragraphs, lists, labelled lines, tables
//! (with the rows of their files) and the units of a congress plan.

use crate::data::model::{DashItem, LabelStyle, LabelledNode, Node, Table, Unit, UnitKind};
use crate::data::resolve::Counts;
use crate::error::{DataIssue, DataPath};
use crate::preset::Numbering;

use super::{Block, Ctx, DashView, SpanView, TableView, UnitView, plain, span, spans};

/// The letters of the Vietnamese alphabet used for `a)`, `b)` … numbering.
const VIETNAMESE_ALPHABET: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// Writes `n` in the numbering style of a heading level; `top_roman`: the
/// top level is numbered `I`, `II` (a path such as `1.2` starts below it).
pub(super) fn number_label(
    style: Numbering,
    n: usize,
    parents: &[usize],
    top_roman: bool,
) -> String {
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

/// A table row and where it is: its place in the YAML, or its row number
/// in the table's file.
type PlacedRow = (Result<DataPath, usize>, Vec<String>);

impl<'d> Ctx<'d, '_> {
    /// The blocks of `nodes`, at depth `level` under headings numbered `parents`.
    pub(super) fn blocks(
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
                            crate::tr!(
                                "view-schedule-limits-differ",
                                first = &first.id,
                                other = &odd.id,
                                first_days = first.max_days.to_string(),
                                first_deadline = first.deadline.to_string(),
                                other_days = odd.max_days.to_string(),
                                other_deadline = odd.deadline.to_string()
                            ),
                            crate::tr!("view-schedule-limits-differ-hint"),
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
                    crate::tr!(
                        "view-headings-too-deep",
                        level = level.to_string(),
                        styled = self.preset.headings.len().to_string()
                    ),
                    crate::tr!("view-headings-too-deep-hint"),
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
                crate::tr!("view-table-rows-and-file"),
                crate::tr!("view-table-rows-and-file-hint"),
            ));
        }
        // Each row with its place: its line in the YAML, or its row in the file.
        let (columns, rows): (Vec<String>, Vec<PlacedRow>) = match from_file {
            Some(file_rows) => {
                let mut it = file_rows.iter();
                let header = it.next().map(|r| r.cells.clone()).unwrap_or_default();
                let columns = if t.columns.is_empty() {
                    header
                } else {
                    t.columns.clone()
                };
                (columns, it.map(|r| (Err(r.row), r.cells.clone())).collect())
            }
            None => (
                t.columns.clone(),
                t.rows
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let here = path.clone().key("rows").index(i);
                        (Ok(here), r.iter().map(|c| c.text()).collect())
                    })
                    .collect(),
            ),
        };
        // A file (or columns) numbered already, numbered again: two STT columns.
        if t.numbered
            && columns.first().is_some_and(|c| {
                c.trim()
                    .trim_end_matches('.')
                    .eq_ignore_ascii_case(preset.number_column.trim())
            })
        {
            issues.push(DataIssue::new(
                path.clone().key("numbered"),
                crate::tr!("view-table-numbered-twice", column = columns[0].trim()),
                crate::tr!("view-table-numbered-twice-hint"),
            ));
        }
        if columns.is_empty() {
            issues.push(DataIssue::new(
                path.clone(),
                crate::tr!("view-table-no-columns"),
                crate::tr!("view-table-no-columns-hint"),
            ));
        }
        let n = columns.len();
        // A typed row is shown where it stands; a file's rows are named by
        // their row numbers, in one problem for all.
        let mut long_in_file = Vec::new();
        for (place, cells) in &rows {
            if n == 0 || cells.len() <= n {
                continue;
            }
            match place {
                Ok(here) => issues.push(DataIssue::new(
                    here.clone(),
                    crate::tr!(
                        "view-table-row-too-long",
                        cells = cells.len().to_string(),
                        columns = n.to_string()
                    ),
                    crate::tr!("view-table-columns-hint", columns = columns.join(", ")),
                )),
                Err(row) => long_in_file.push(*row),
            }
        }
        if let Some(first) = long_in_file.first() {
            let (row, count) = (first.to_string(), n.to_string());
            let message = match long_in_file.len() {
                1 => crate::tr!("view-table-file-row-too-long", row = row, columns = count),
                k => crate::tr!(
                    "view-table-file-rows-too-long",
                    row = row,
                    columns = count,
                    more = (k - 1).to_string()
                ),
            };
            issues.push(DataIssue::new(
                path.clone().key("file"),
                message,
                crate::tr!("view-table-file-columns-hint", columns = columns.join(", ")),
            ));
        }
        if !t.widths.is_empty() && t.widths.len() != n {
            issues.push(DataIssue::new(
                path.clone().key("widths"),
                crate::tr!(
                    "view-table-widths-count",
                    widths = t.widths.len().to_string(),
                    columns = n.to_string()
                ),
                crate::tr!("view-table-widths-count-hint"),
            ));
        }
        if let Some(i) = t.widths.iter().position(|w| !(w.is_finite() && *w > 0.0)) {
            issues.push(DataIssue::new(
                path.clone().key("widths").index(i),
                crate::tr!("view-table-width-zero"),
                crate::tr!("view-table-width-zero-hint"),
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
                crate::tr!("view-unit-unknown", id = id),
                match closest {
                    Some(c) => crate::tr!(
                        "view-unit-nearest-hint",
                        unit = *c,
                        units = known.join(", ")
                    ),
                    None => crate::tr!("view-unit-unknown-hint", units = known.join(", ")),
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
                    crate::tr!("view-unit-kind-missing", kind = key),
                    crate::tr!("view-unit-kind-missing-hint"),
                ));
                (String::new(), String::new())
            }
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
