//! Views for the per-delegate documents: invitations (Giấy mời), summonses
//! (Giấy triệu tập), and the distribution sheets (Nơi nhận) of every
//! document. Like [`crate::view`], everything printed is computed here and
//! the templates only place it.

use serde::Serialize;

use crate::data::model::{Delegate, Group, Recipients};
use crate::data::resolve::{Project, ResolvedEvent};
use crate::error::{DataIssue, DataPath};
use crate::preset::Preset;
use crate::view::time::{bad_time, parse_time};
use crate::view::{self, Ctx, HeaderView, SignatureView};

/// What every letter of an event shares.
#[derive(Debug, Serialize)]
pub struct EventView {
    /// `a4` or `a5`.
    pub paper: &'static str,
    /// Header, with the invitation's number and date.
    pub header: HeaderView,
    /// Header number line of a summons.
    pub summons_number: String,
    /// What the delegates are invited to.
    pub title: String,
    /// Who invites (`Ban Thường vụ Huyện ủy`).
    pub inviter: String,
    /// `7 giờ 30 phút, thứ Tư, ngày 08/01/2025`.
    pub time: String,
    /// `trong 01 ngày` etc., empty for one day.
    pub days: String,
    /// Where.
    pub venue: String,
    /// The programme, times written out.
    pub schedule: Vec<ScheduleLine>,
    /// Notes.
    pub notes: Vec<String>,
    /// `đồng chí Lò Thị Hoa, điện thoại 0912 345 678`, or empty.
    pub contact: String,
    /// Signature block.
    pub signature: SignatureView,
    /// Nơi nhận lines, punctuated.
    pub recipients: Vec<String>,
    /// The issuing body, for the PDF metadata.
    pub author: String,
    /// Every character the event's letters can print ([`repertoire`]), set
    /// on a page of its own before the letters of each batch.
    pub glyphs: String,
}

/// One line of the programme.
#[derive(Debug, Serialize)]
pub struct ScheduleLine {
    /// `7 giờ 00` or with the day.
    pub time: String,
    /// What happens.
    pub what: String,
}

/// One letter.
#[derive(Debug, Clone, Serialize)]
pub struct LetterView {
    /// Position in the list, from 1.
    pub index: usize,
    /// A summons rather than an invitation.
    pub summons: bool,
    /// `Đồng chí`.
    pub salutation: String,
    /// Full name as in the data.
    pub name: String,
    /// `Bí thư Chi bộ, Chi bộ bản Nà Phát`, or empty.
    pub position: String,
}

/// Builds the shared view of an event's letters.
pub fn event_view(
    project: &Project,
    preset: &Preset,
    event: &ResolvedEvent,
) -> Result<EventView, Vec<DataIssue>> {
    let data = &project.data;
    let ev = &event.event;
    let spec = &ev.invitation;
    let here = DataPath::new().key("events").index(event.index);
    let mut issues = Vec::new();

    let time = match parse_time(&ev.start) {
        Some((h, m)) => format!(
            "{}, {}, ngày {}",
            preset.time_of_day(h, m),
            preset.weekday(ev.date),
            preset.date_short(ev.date)
        ),
        None => {
            issues.push(bad_time(here.clone().key("start"), &ev.start));
            String::new()
        }
    };
    let mut schedule = Vec::new();
    for (i, item) in ev.schedule.iter().enumerate() {
        match parse_time(&item.time) {
            Some((h, m)) => {
                let mut time = preset.time_of_day(h, m);
                if let Some(d) = item.date.filter(|d| *d != ev.date) {
                    time = format!(
                        "{time}, {}, ngày {}",
                        preset.weekday(d),
                        preset.date_short(d)
                    );
                }
                schedule.push(ScheduleLine {
                    time,
                    what: item.what.clone(),
                });
            }
            None => issues.push(bad_time(
                here.clone().key("schedule").index(i).key("time"),
                &item.time,
            )),
        }
    }
    let days = match ev.days {
        Some(n) if n > 1 => format!("trong {} ngày", preset.count(n.into())),
        _ => String::new(),
    };
    let signature = {
        let mut ctx = Ctx::new(project, preset, &mut issues);
        let (sig, at) = match &spec.signature {
            Some(sig) => (sig, here.clone().key("invitation").key("signature")),
            None => (&data.signature, DataPath::new().key("signature")),
        };
        SignatureView {
            sign: view::sign_view(project, sig, true),
            ..ctx.signature(sig, at)
        }
    };
    let header = view::header(
        data,
        preset,
        &preset.invitation.code,
        spec.number,
        spec.date,
    );
    let summons_number = view::header(
        data,
        preset,
        &preset.invitation.summons_code,
        spec.number,
        spec.date,
    )
    .number;
    if !issues.is_empty() {
        return Err(issues);
    }
    Ok(EventView {
        paper: match spec.paper {
            crate::data::model::Paper::A4 => "a4",
            crate::data::model::Paper::A5 => "a5",
        },
        header,
        summons_number,
        title: ev.title.clone(),
        inviter: spec.inviter.clone(),
        time,
        days,
        venue: ev.venue.clone(),
        schedule,
        notes: ev.notes.clone(),
        contact: ev
            .contact
            .as_ref()
            .map(|c| format!("{}, điện thoại {}", c.name, c.phone))
            .unwrap_or_default(),
        signature,
        recipients: view::recipient_lines(&spec.recipients, preset),
        author: data.issuer.name.clone(),
        glyphs: String::new(),
    })
}

/// Characters Typst itself may print though no text holds them: digits of
/// computed numbers, smart quotes, the hyphen of a broken word.
const BASE_GLYPHS: &str = "0123456789-‐‘’“”";

/// The glyph repertoire of a batch of letters: `BASE_GLYPHS` and every
/// character in `texts` (both cases, as headings print in capitals), in
/// code-point order, with the `fi`/`fl` ligatures. The texts are everything
/// a letter is made of (data, preset, templates), so the set changes only
/// when a character new to all of them is typed.
///
/// Why: a PDF embeds only the glyphs it uses, numbered in order of first
/// use. Letters are compiled many to a Typst document and cut apart, so
/// without a shared first page a letter's font subset, and therefore its
/// bytes, would depend on which letters happened to share its batch. Set
/// first in every batch, the repertoire makes each letter's PDF a function
/// of that letter alone: the same on any machine and any number of cores,
/// and reusable as-is by an incremental build.
pub fn repertoire<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    let mut r = Repertoire::default();
    for t in texts {
        r.add(t);
    }
    r.finish()
}

/// A [`repertoire`] gathered text by text, so the texts of 100,000
/// letters need not be held at once.
pub struct Repertoire {
    chars: std::collections::BTreeSet<char>,
    /// A bitmap of the characters below U+10000 already seen: texts run to
    /// megabytes for a large event, and most characters repeat.
    seen: Vec<u64>,
}

impl Default for Repertoire {
    fn default() -> Self {
        Self {
            chars: BASE_GLYPHS.chars().collect(),
            seen: vec![0u64; 0x1_0000 / 64],
        }
    }
}

impl Repertoire {
    /// Adds the characters of `text`.
    pub fn add(&mut self, text: &str) {
        for c in text.chars() {
            let n = c as usize;
            if let Some(word) = self.seen.get_mut(n / 64) {
                if *word & (1 << (n % 64)) != 0 {
                    continue;
                }
                *word |= 1 << (n % 64);
            }
            if c.is_control() {
                continue;
            }
            self.chars.insert(c);
            self.chars.extend(c.to_uppercase());
            self.chars.extend(c.to_lowercase());
        }
    }

    /// The repertoire: the characters in code-point order, then the ligatures.
    pub fn finish(self) -> String {
        let mut out: String = self.chars.into_iter().collect();
        out.push_str(" fi fl ff ffi ffl");
        out
    }
}

/// An event's letters, made one by one from its delegates when needed: a
/// list of 100,000 delegates is not kept twice, as data and as views.
#[derive(Debug, Clone)]
pub struct Letters<'a> {
    delegates: &'a [Delegate],
    summons: bool,
    salutation: String,
}

impl<'a> Letters<'a> {
    /// The letters of `event`, worded by `preset`.
    pub fn new(preset: &Preset, event: &'a ResolvedEvent) -> Self {
        Self {
            delegates: &event.delegates,
            summons: event.event.invitation.summons,
            salutation: preset.invitation.salutation.clone(),
        }
    }

    /// How many.
    pub fn len(&self) -> usize {
        self.delegates.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.delegates.is_empty()
    }

    /// The delegate of letter `i` (from 0)'s name, as in the data.
    pub fn name(&self, i: usize) -> &'a str {
        &self.delegates[i].name
    }

    /// Letter `i`, from 0 (its `index` is `i + 1`).
    pub fn get(&self, i: usize) -> LetterView {
        letter_with(&self.salutation, self.summons, i + 1, &self.delegates[i])
    }

    /// Every letter, in list order.
    pub fn iter(&self) -> impl Iterator<Item = LetterView> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

/// The letter of one delegate.
pub fn letter(preset: &Preset, summons_enabled: bool, index: usize, d: &Delegate) -> LetterView {
    letter_with(&preset.invitation.salutation, summons_enabled, index, d)
}

/// [`letter`], the preset's salutation given.
fn letter_with(salutation: &str, summons_enabled: bool, index: usize, d: &Delegate) -> LetterView {
    let position = [d.position.as_deref(), d.unit.as_deref()]
        .iter()
        .flatten()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    LetterView {
        index,
        summons: summons_enabled && d.group == Group::Member,
        salutation: d
            .salutation
            .clone()
            .unwrap_or_else(|| salutation.to_string()),
        name: d.name.clone(),
        position,
    }
}

/// The copies of all `rows`, counted wide: a sum of many rows must not
/// wrap around to a small number.
pub fn total_copies<R: std::borrow::Borrow<SheetRow>>(rows: impl IntoIterator<Item = R>) -> u64 {
    rows.into_iter().map(|r| u64::from(r.borrow().copies)).sum()
}

/// A distribution sheet: who receives a document, how many copies, with
/// empty columns for the date sent and the receiver's signature.
#[derive(Debug, Serialize)]
pub struct SheetView {
    /// Header of the issuing body.
    pub header: HeaderView,
    /// `Kế hoạch số 295-KH/HU …` — what is being sent.
    pub document: String,
    /// The rows.
    pub rows: Vec<SheetRow>,
    /// Total copies ([`total_copies`]).
    pub copies: u64,
    /// The issuing body, for the PDF metadata.
    pub author: String,
    /// This part starts the sheet (header and title are printed).
    pub first: bool,
    /// This part ends the sheet (the total is printed).
    pub last: bool,
    /// Rows before this part, for the numbering.
    pub offset: usize,
    /// The glyph repertoire of the whole sheet ([`repertoire`]).
    pub glyphs: String,
}

/// One row of a distribution sheet.
#[derive(Debug, Clone, Serialize)]
pub struct SheetRow {
    /// Recipient.
    pub to: String,
    /// Which document (for a batch of letters: Giấy mời or Giấy triệu tập).
    pub what: String,
    /// Purpose (`b/c`), or empty.
    pub purpose: String,
    /// Copies.
    pub copies: u32,
}

/// The rows of a distribution sheet cut into pages: each page is typeset
/// on its own (a part) and starts a page, so a rebuild after a change to
/// one row typesets that row's page only.
///
/// Row heights are worked out before typesetting: each cell's text is
/// wrapped greedily at spaces into its column using the font's glyph
/// widths (`widths`), and a line is as tall as Typst sets it (cap height
/// plus leading). Typst may break a line at more places (after a hyphen or
/// a slash), never fewer, so it never needs more lines than counted here;
/// a small allowance covers kerning and rounding. The cut depends on the
/// data and the fonts only, so every build cuts the sheet in the same
/// places. `subject` is the sheet's title line (the document it lists),
/// which shares the first page with the header.
pub fn sheet_pages<R: std::borrow::Borrow<SheetRow>>(
    rows: impl IntoIterator<Item = R>,
    preset: &Preset,
    widths: &crate::typeset::Widths,
    subject: &str,
) -> Vec<std::ops::Range<usize>> {
    const PT_PER_MM: f64 = 72.0 / 25.4;
    let (paper_w, paper_h) = match preset.page.paper.as_str() {
        "a5" => (148.0, 210.0),
        "a3" => (297.0, 420.0),
        "us-letter" => (215.9, 279.4),
        _ => (210.0, 297.0),
    };
    let m = &preset.page.margin;
    let text_w = (paper_w - m.left - m.right) * PT_PER_MM;
    let body_h = (paper_h - m.top - m.bottom) * PT_PER_MM;
    let size = preset.sheet.size;
    let total: f64 = preset.sheet.widths.iter().sum::<f64>().max(1.0);
    // A cell's text width: its share of the line less the 4 pt inset on
    // each side and the rule.
    let column = |j: usize| {
        let w = preset.sheet.widths.get(j).copied().unwrap_or(1.0);
        (w / total * text_w - 8.0).max(size)
    };
    let lines = |text: &str, width: f64, size: f64, bold: bool| -> f64 {
        let em = |t: &str| widths.em(t, bold) * size;
        let space = em(" ");
        let (mut n, mut used) = (1.0_f64, 0.0_f64);
        for word in text.split_whitespace() {
            let w = em(word);
            let with_space = if used > 0.0 { used + space + w } else { w };
            if with_space <= width {
                used = with_space;
            } else if used == 0.0 {
                // A word wider than the column is broken (or overflows).
                n += (w / width).ceil() - 1.0;
                used = w % width;
            } else {
                n += 1.0 + ((w / width).ceil() - 1.0).max(0.0);
                used = if w > width { w % width } else { w };
            }
        }
        n
    };
    // Lines set 0.35 em apart, cap height to baseline 0.66 em (Liberation
    // Serif: 0.655; Times-like faces 0.66–0.69), 7 pt inset above and
    // below.
    let height = |n: f64| n * 0.66 * size + (n - 1.0) * 0.35 * size + 14.5;
    let header = preset
        .sheet
        .columns
        .iter()
        .enumerate()
        .map(|(j, c)| lines(c, column(j), size, true))
        .fold(1.0, f64::max);
    // Page 1 also holds the header block (issuer, motto, place and date:
    // about 45 pt above the title's own spacing) and the title with its
    // subject lines; the last page, the total. 6 pt on every page allow
    // for rounding.
    let t = &preset.title;
    let subject_lines = lines(subject, text_w, t.subject.size, true);
    let first_extra =
        60.0 + t.above + t.below + 1.4 * t.name.size + subject_lines * 1.25 * t.subject.size;
    let total_line = 2.5 * size + 12.0;
    let capacity =
        |first: bool| body_h - 6.0 - height(header) - if first { first_extra } else { 0.0 };
    let mut pages = Vec::new();
    let (mut start, mut used, mut count) = (0, 0.0, 0);
    for (i, r) in rows.into_iter().enumerate() {
        let r = r.borrow();
        count = i + 1;
        let n = [(&r.to, 1), (&r.what, 2), (&r.purpose, 3)]
            .iter()
            .map(|(text, j)| lines(text, column(*j), size, false))
            .fold(1.0, f64::max);
        let h = height(n);
        if i > start && used + h > capacity(pages.is_empty()) {
            pages.push(start..i);
            (start, used) = (i, 0.0);
        }
        used += h;
    }
    // The total goes on the last page: if it would not fit, the last row
    // moves to a page of its own with it.
    if count > start + 1 && used + total_line > capacity(pages.is_empty()) {
        pages.push(start..count - 1);
        start = count - 1;
    }
    pages.push(start..count);
    pages
}

/// The rows of a distribution sheet, made one by one when needed: for an
/// event, one per letter (from its delegates), then the other recipients.
#[derive(Debug, Clone)]
pub struct SheetRows<'a> {
    letters: Option<Letters<'a>>,
    rest: Vec<SheetRow>,
}

impl<'a> SheetRows<'a> {
    /// Rows given as they are.
    pub fn listed(rows: Vec<SheetRow>) -> Self {
        Self {
            letters: None,
            rest: rows,
        }
    }

    /// A row for each of `letters`, then `rest`.
    pub fn of_letters(letters: Letters<'a>, rest: Vec<SheetRow>) -> Self {
        Self {
            letters: Some(letters),
            rest,
        }
    }

    /// How many rows.
    pub fn len(&self) -> usize {
        self.letters.as_ref().map_or(0, Letters::len) + self.rest.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `i`, from 0.
    pub fn get(&self, i: usize) -> SheetRow {
        let n = self.letters.as_ref().map_or(0, Letters::len);
        match &self.letters {
            Some(letters) if i < n => letter_row(&letters.get(i)),
            _ => self.rest[i - n].clone(),
        }
    }

    /// Every row, in order.
    pub fn iter(&self) -> impl Iterator<Item = SheetRow> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

/// A letter's row on its event's sheet: who, and which letter.
pub fn letter_row(l: &LetterView) -> SheetRow {
    SheetRow {
        to: if l.position.is_empty() {
            format!("{} {}", l.salutation, l.name)
        } else {
            format!("{} {} – {}", l.salutation, l.name, l.position)
        },
        what: if l.summons {
            "Giấy triệu tập"
        } else {
            "Giấy mời"
        }
        .to_string(),
        purpose: String::new(),
        copies: 1,
    }
}

/// Rows for the recipients of a Nơi nhận list (the archive line included).
pub fn sheet_rows(recipients: &Recipients, preset: &Preset, what: &str) -> Vec<SheetRow> {
    let mut rows: Vec<SheetRow> = recipients
        .to
        .iter()
        .map(|r| view::recipient_parts(r, preset))
        // "Như trên" stands for the addressees, who have rows of their own.
        .filter(|parts| parts.to.to_lowercase() != "như trên")
        .map(|parts| SheetRow {
            to: parts.to,
            what: what.to_string(),
            purpose: parts.purpose.unwrap_or_default().to_string(),
            copies: parts.copies.unwrap_or(1),
        })
        .collect();
    rows.push(SheetRow {
        to: view::archive_line(recipients, preset),
        what: what.to_string(),
        purpose: String::new(),
        copies: 1,
    });
    rows
}
