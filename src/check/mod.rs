//! `vanban check`: the mistakes a careful văn thư looks for before anything
//! is printed and signed, found in the data that loaded and validated.
//!
//! The loader already stops on what cannot be built (a wrong type, a
//! missing column, a count that disagrees with its list). The checks here
//! read the data as a clerk would: a congress after its deadline, a
//! delegate listed twice, a weekday that does not match its date, a count
//! whose words say another number. Each finding is an error (it would
//! print something wrong) or a warning (worth a look), with its place in
//! the YAML file or the delegate list and a hint or the fix.

use std::collections::HashMap;
use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use unicode_normalization::UnicodeNormalization;

use crate::data::locate;
use crate::data::resolve::{Project, ResolvedEvent};
use crate::error::{DataPath, Problem, SourceFile};

mod rules;

pub use rules::format;

/// Every check, in a fixed order; `raw` is the data file as read, before
/// NFC normalisation (to say once that it was decomposed).
pub fn check(project: &Project, raw: Option<&str>) -> Vec<Problem> {
    let mut out = Vec::new();
    if let Some(raw) = raw {
        decomposed(raw, &project.file, &mut out);
    }
    dates(project, &mut out);
    for event in &project.events {
        delegates(project, event, &mut out);
    }
    texts(project, &mut out);
    out
}

/// Problems of the data file at `path` in YAML terms: `range` of `file`.
pub(super) fn at(problem: Problem, file: &SourceFile, range: Option<Range<usize>>) -> Problem {
    match range {
        Some(r) => problem.at(file, r),
        None => problem,
    }
}

pub(super) fn locate_in(project: &Project, path: &DataPath) -> Option<Range<usize>> {
    locate::locate(&project.file.text, path)
}

/// Text typed or pasted in decomposed form (a letter and its marks as
/// separate characters, as some Mac and web tools write it).
fn decomposed(raw: &str, file: &SourceFile, out: &mut Vec<Problem>) {
    let nfc: String = raw.nfc().collect();
    if nfc == raw {
        return;
    }
    // The first line that differs, in the normalised text the report shows.
    let line = raw
        .lines()
        .zip(nfc.lines())
        .position(|(a, b)| a != b)
        .unwrap_or(0);
    let start: usize = nfc.lines().take(line).map(|l| l.len() + 1).sum();
    let end = start + nfc.lines().nth(line).map_or(0, str::len);
    // The place is in the file as typed (made NFC), which the data read is
    // not when its schema errors were repaired.
    let typed = match *file.text == *nfc {
        true => file.clone(),
        false => SourceFile {
            name: file.name.clone(),
            text: std::sync::Arc::from(nfc.as_str()),
        },
    };
    out.push(at(
        Problem::warning(crate::tr!("check-decomposed")).hint(crate::tr!("check-decomposed-hint")),
        &typed,
        Some(start..end),
    ));
}

/// Deadlines, durations and the dates of invitations.
fn dates(project: &Project, out: &mut Vec<Problem>) {
    let data = &project.data;
    let doc_date = data.document.date;
    if let Some(m) = &data.meeting
        && m.date < doc_date
    {
        out.push(at(
            Problem::error(crate::tr!(
                "check-meeting-before-invitation",
                meeting = vn_date(m.date),
                issued = vn_date(doc_date)
            ))
            .hint(crate::tr!("check-meeting-before-invitation-hint")),
            &project.file,
            locate_in(project, &DataPath::new().key("meeting").key("date")),
        ));
    }
    for (i, unit) in data.units.iter().enumerate() {
        let here = DataPath::new().key("units").index(i);
        if unit.deadline < doc_date {
            out.push(at(
                Problem::error(crate::tr!(
                    "check-deadline-before-document",
                    unit = &unit.id,
                    deadline = vn_date(unit.deadline),
                    kind = &data.document.kind,
                    date = vn_date(doc_date)
                ))
                .hint(crate::tr!("check-deadline-before-document-hint")),
                &project.file,
                locate_in(project, &here.key("deadline")),
            ));
        }
    }
    for event in &project.events {
        let ev = &event.event;
        let here = DataPath::new().key("events").index(event.index);
        let Some(unit) = data.units.iter().find(|u| u.id == ev.unit) else {
            continue;
        };
        if ev.date > unit.deadline {
            out.push(at(
                Problem::error(crate::tr!(
                    "check-event-after-deadline",
                    title = &ev.title,
                    date = vn_date(ev.date),
                    deadline = vn_date(unit.deadline)
                ))
                .hint(crate::tr!(
                    "check-event-after-deadline-hint",
                    deadline = vn_date(unit.deadline),
                    unit = &unit.id
                )),
                &project.file,
                locate_in(project, &here.clone().key("date")),
            ));
        }
        let days = ev.days.unwrap_or(1);
        if days > unit.max_days {
            out.push(at(
                Problem::error(crate::tr!(
                    "check-event-too-long",
                    title = &ev.title,
                    days = days.to_string(),
                    max = unit.max_days.to_string()
                ))
                .hint(crate::tr!("check-event-too-long-hint", unit = &unit.id)),
                &project.file,
                locate_in(project, &here.clone().key("days")),
            ));
        }
        // The schema bounds `days`; the last day is still worked out with
        // a check, as no number from the data may overflow.
        let last = ev
            .date
            .checked_add_days(chrono::Days::new(u64::from(days.max(1)) - 1))
            .unwrap_or(chrono::NaiveDate::MAX);
        for (j, item) in ev.schedule.iter().enumerate() {
            if let Some(d) = item.date
                && (d < ev.date || d > last)
            {
                out.push(at(
                    Problem::error(crate::tr!(
                        "check-item-outside-event",
                        item = &item.what,
                        date = vn_date(d),
                        from = vn_date(ev.date),
                        to = vn_date(last)
                    ))
                    .hint(crate::tr!("check-item-outside-event-hint")),
                    &project.file,
                    locate_in(project, &here.clone().key("schedule").index(j).key("date")),
                ));
            }
        }
        if ev.invitation.date > ev.date {
            out.push(at(
                Problem::error(crate::tr!(
                    "check-invitation-after-event",
                    title = &ev.title,
                    date = vn_date(ev.invitation.date),
                    event = vn_date(ev.date)
                ))
                .hint(crate::tr!("check-invitation-after-event-hint")),
                &project.file,
                locate_in(project, &here.key("invitation").key("date")),
            ));
        }
    }
}

/// Delegates listed twice, and delegates without a position.
fn delegates(project: &Project, event: &ResolvedEvent, out: &mut Vec<Problem>) {
    // Lists are NFC already (the loader normalises them).
    let key = |s: Option<&str>| -> String {
        s.unwrap_or_default()
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Keys by their hash, not copies of 100,000 names; a hit is checked
    // against the first row's own key.
    let hash = |k: &(String, String)| {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        k.hash(&mut h);
        h.finish()
    };
    let key_of = |d: &crate::data::model::Delegate| (key(Some(&d.name)), key(d.unit.as_deref()));
    let mut seen: HashMap<u64, usize> = HashMap::new();
    let mut no_position = Vec::new();
    for (j, d) in event.delegates.iter().enumerate() {
        let k = key_of(d);
        let twin = seen
            .get(&hash(&k))
            .copied()
            .filter(|&first| key_of(&event.delegates[first]) == k);
        if let Some(first) = twin {
            let (first, second) = (row_name(event, first), row_name(event, j));
            let message = match d.unit.as_deref() {
                Some(unit) => crate::tr!(
                    "check-delegate-twice-unit",
                    name = &d.name,
                    unit = unit,
                    source = &event.source,
                    first = first,
                    second = second
                ),
                None => crate::tr!(
                    "check-delegate-twice",
                    name = &d.name,
                    source = &event.source,
                    first = first,
                    second = second
                ),
            };
            out.push(place_delegate(
                project,
                event,
                j,
                Problem::error(message).hint(crate::tr!("check-delegate-twice-hint")),
            ));
        } else {
            seen.entry(hash(&k)).or_insert(j);
        }
        if d.position.as_deref().is_none_or(|p| p.trim().is_empty()) {
            no_position.push(j);
        }
    }
    // One warning for a list where many lack a position, not hundreds.
    match no_position.as_slice() {
        [] => {}
        [one] => {
            let d = &event.delegates[*one];
            out.push(place_delegate(
                project,
                event,
                *one,
                Problem::warning(crate::tr!(
                    "check-no-position",
                    name = &d.name,
                    source = &event.source
                ))
                .hint(crate::tr!("check-no-position-hint")),
            ));
        }
        [first, ..] => {
            let names: Vec<&str> = no_position
                .iter()
                .take(3)
                .map(|&j| event.delegates[j].name.as_str())
                .collect();
            let more = no_position.len().saturating_sub(3);
            let (count, names) = (no_position.len().to_string(), names.join(", "));
            let message = if more > 0 {
                crate::tr!(
                    "check-no-positions-more",
                    count = count,
                    source = &event.source,
                    names = names,
                    more = more.to_string()
                )
            } else {
                crate::tr!(
                    "check-no-positions",
                    count = count,
                    source = &event.source,
                    names = names
                )
            };
            out.push(place_delegate(
                project,
                event,
                *first,
                Problem::warning(message).hint(crate::tr!("check-no-positions-hint")),
            ));
        }
    }
}

/// `row 17` of a list file, or `delegates[16]` of the YAML.
fn row_name(event: &ResolvedEvent, j: usize) -> String {
    match event.places.get(j).and_then(Option::as_ref) {
        Some(place) => crate::tr!("check-row", row = place.row.to_string()),
        None => format!("delegates[{j}]"),
    }
}

/// Places a problem about delegate `j` of `event`: its line in a CSV list,
/// its entry in the YAML, or (a spreadsheet) its row named in a hint.
fn place_delegate(project: &Project, event: &ResolvedEvent, j: usize, p: Problem) -> Problem {
    match event.places.get(j).and_then(Option::as_ref) {
        Some(place) => match &event.list {
            Some(list) => {
                let range = line_range(&list.text, place.row);
                at(p, list, range)
            }
            None => {
                let (file, row) = (place.file.display().to_string(), place.row.to_string());
                p.hint(match place.sheet.as_deref() {
                    Some(sheet) => crate::tr!(
                        "check-place-sheet-row",
                        file = file,
                        sheet = sheet,
                        row = row
                    ),
                    None => crate::tr!("check-place-row", file = file, row = row),
                })
            }
        },
        None => {
            let path = DataPath::new()
                .key("events")
                .index(event.index)
                .key("delegates")
                .index(j);
            let range = locate_in(project, &path);
            at(p, &project.file, range)
        }
    }
}

/// Byte range of line `line` (from 1) of `text`.
fn line_range(text: &str, line: usize) -> Option<Range<usize>> {
    let mut start = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let body = l.trim_end_matches(['\n', '\r']);
            return Some(start..start + body.len());
        }
        start += l.len();
    }
    None
}

/// Checks that read the words: text pasted from the old TCVN3 and VNI
/// fonts, known slips in abbreviations, weekdays against dates, counts
/// against their words, and the two styles of tone marks mixed. Every
/// string of the YAML file and every cell of a CSV list is read.
fn texts(project: &Project, out: &mut Vec<Problem>) {
    let mut mix = crate::text::ToneMix::default();
    // The text where the first word in the new style was seen: where a
    // mix is pointed at.
    let mut first = None;
    each_text(project, |file, range, text| {
        for finding in text_findings(text) {
            let source = &file.text[range.clone()];
            // Point at the words themselves when the source has them as
            // written (a plain or quoted scalar, a cell), else at the value.
            let exact = source
                .find(&finding.found)
                .map(|k| range.start + k..range.start + k + finding.found.len());
            let mut p = Problem::error(finding.message)
                .hint(crate::tr!("check-hint-write", text = &finding.fix));
            if exact.is_some() {
                p = p.fix(finding.fix.clone());
            }
            out.push(p.at(file, exact.unwrap_or(range.clone())));
        }
        let had_new = mix.has_new();
        mix.add(text);
        if !had_new && mix.has_new() {
            first = Some((file.clone(), range));
        }
    });
    // With `document.tone_style` the output is in one style whatever the data mixes.
    let unified = project.data.document.tone_style.is_some();
    if let Some((old, new)) = mix.found().filter(|_| !unified) {
        let p = Problem::warning(crate::tr!("check-tone-mix", old = old, new = new))
            .hint(crate::tr!("check-tone-mix-hint"));
        out.push(match first {
            Some((file, range)) => p.at(&file, range),
            None => p,
        });
    }
}

/// Every string of the YAML file and every cell of a CSV list, with its
/// file and place, one at a time (a list of 100,000 rows is not copied).
fn each_text(project: &Project, mut f: impl FnMut(&SourceFile, Range<usize>, &str)) {
    for (range, _, text) in locate::strings(&project.file.text) {
        f(&project.file, range, &text);
    }
    for event in &project.events {
        let Some(list) = event.list.as_ref().filter(|l| l.name != project.file.name) else {
            continue;
        };
        csv_cells(&list.text, |range, cell| f(list, range, cell));
    }
}

/// What is wrong in one text, by the words as written.
pub fn text_findings(text: &str) -> Vec<TextFinding> {
    let mut out = Vec::new();
    if let Some(enc) = crate::text::detect_legacy(text) {
        let message = match enc {
            crate::text::Legacy::Tcvn3 => crate::tr!("check-legacy-tcvn3", text = text),
            crate::text::Legacy::Vni => crate::tr!("check-legacy-vni", text = text),
        };
        out.push(TextFinding {
            message,
            found: text.to_string(),
            fix: crate::text::convert_legacy(text, enc),
        });
        return out;
    }
    if let Some(fixed) = crate::text::fix_eth(text) {
        out.push(TextFinding {
            message: crate::tr!("check-eth", text = text),
            found: text.to_string(),
            fix: fixed,
        });
    }
    // Abbreviations are written in capitals: other words need no look-up.
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2 && !w.chars().any(char::is_lowercase))
    {
        if let Some(right) = crate::text::suspicious_abbreviation(word) {
            out.push(TextFinding {
                message: crate::tr!("check-abbreviation", word = word, right = right),
                found: word.to_string(),
                fix: right.to_string(),
            });
        }
    }
    // The patterns run only where their words are (most texts have none).
    // `thứ`/`Thứ`/`THỨ`, `chủ`/`Chủ`/`CHỦ` without lowering every text.
    if ["hứ", "HỨ", "hủ", "HỦ"].iter().any(|w| text.contains(w)) {
        out.extend(weekday_mismatches(text));
    }
    if text.contains('(') {
        out.extend(count_mismatches(text));
    }
    out
}

/// Every non-empty cell of CSV text with its byte range (quotes excluded).
fn csv_cells(text: &str, mut f: impl FnMut(Range<usize>, &str)) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(crate::data::roster::csv_delimiter(text))
        .from_reader(text.as_bytes());
    let mut record = csv::ByteRecord::new();
    while let Ok(true) = reader.read_byte_record(&mut record) {
        let Some(pos) = record.position() else {
            continue;
        };
        let line_start = pos.byte() as usize;
        let line = &text[line_start.min(text.len())..];
        for field in record.iter() {
            let Ok(cell) = std::str::from_utf8(field) else {
                continue;
            };
            if cell.trim().is_empty() {
                continue;
            }
            // Cells without quotes stand in the line as they are.
            if let Some(k) = line.find(cell) {
                let start = line_start + k;
                f(start..start + cell.len(), cell);
            }
        }
    }
}

/// A mistake found in a text, with the words as written and as they should be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextFinding {
    /// What is wrong.
    pub message: String,
    /// The words as written.
    pub found: String,
    /// The words corrected.
    pub fix: String,
}

const WEEKDAYS: [(&str, chrono::Weekday); 7] = [
    ("thứ hai", chrono::Weekday::Mon),
    ("thứ ba", chrono::Weekday::Tue),
    ("thứ tư", chrono::Weekday::Wed),
    ("thứ năm", chrono::Weekday::Thu),
    ("thứ sáu", chrono::Weekday::Fri),
    ("thứ bảy", chrono::Weekday::Sat),
    ("chủ nhật", chrono::Weekday::Sun),
];

/// The Vietnamese name of a weekday, as a sentence writes it mid-line
/// (`thứ Sáu`, `Chủ nhật`).
fn weekday_name(w: chrono::Weekday) -> &'static str {
    match w {
        chrono::Weekday::Mon => "thứ Hai",
        chrono::Weekday::Tue => "thứ Ba",
        chrono::Weekday::Wed => "thứ Tư",
        chrono::Weekday::Thu => "thứ Năm",
        chrono::Weekday::Fri => "thứ Sáu",
        chrono::Weekday::Sat => "thứ Bảy",
        chrono::Weekday::Sun => "Chủ nhật",
    }
}

/// `thứ Hai, ngày 10/01/2025` where 10/01/2025 is not a Monday (also
/// `ngày 10 tháng 01 năm 2025`).
pub fn weekday_mismatches(text: &str) -> Vec<TextFinding> {
    static PATTERN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            // Cases spelled out rather than `(?i)`: Unicode case folding
            // makes the automaton many times larger to build.
            r"([Tt]hứ[ \t]+(?:[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy)|[Cc]hủ[ \t]+[Nn]hật)[ \t]*,?[ \t]*(?:ngày[ \t]+)?([0-9]{1,2})(?:/|[ \t]+tháng[ \t]+)([0-9]{1,2})(?:/|[ \t]+năm[ \t]+)([0-9]{4})",
        )
        .expect("the weekday pattern is valid")
    });
    let mut out = Vec::new();
    for c in PATTERN.captures_iter(text) {
        let (Some(all), Some(day_word)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let (Some(d), Some(m), Some(y)) = (num(2), num(3), num(4)) else {
            continue;
        };
        let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) else {
            continue;
        };
        let written = day_word
            .as_str()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let Some((_, weekday)) = WEEKDAYS.iter().find(|(w, _)| *w == written) else {
            continue;
        };
        if *weekday != date.weekday() {
            let right = weekday_name(date.weekday());
            out.push(TextFinding {
                message: crate::tr!(
                    "check-weekday",
                    date = vn_date(date),
                    weekday = date.weekday().to_string(),
                    right = right,
                    written = day_word.as_str()
                ),
                found: all.as_str().to_string(),
                fix: format!("{right}{}", &all.as_str()[day_word.len()..]),
            });
        }
    }
    out
}

/// `03 (bốn)`: a count whose words say another number.
pub fn count_mismatches(text: &str) -> Vec<TextFinding> {
    // Figures (up to 6 digits), optional blanks, then letters and spaces in
    // brackets: `03 (ba)`. Scanned by hand: a `\p{L}` regex costs
    // milliseconds to build, every run.
    let mut out = Vec::new();
    for (open, _) in text.match_indices('(') {
        let Some(len) = text[open + 1..].find(')') else {
            break;
        };
        let words = &text[open + 1..open + 1 + len];
        if words.is_empty() || !words.chars().all(|c| c.is_alphabetic() || c == ' ') {
            continue;
        }
        let before = text[..open].trim_end_matches([' ', '\t']);
        let figures = before
            .bytes()
            .rev()
            .take_while(u8::is_ascii_digit)
            .count()
            .min(6);
        if figures == 0 {
            continue;
        }
        let digits = &before[before.len() - figures..];
        let all = &text[before.len() - figures..open + len + 2];
        let (Ok(n), Some(said)) = (digits.parse::<u64>(), number_words(words)) else {
            continue;
        };
        if n != said {
            out.push(TextFinding {
                message: crate::tr!(
                    "check-count",
                    text = all,
                    figures = n.to_string(),
                    words = said.to_string()
                ),

                found: all.to_string(),
                fix: format!("{digits} ({})", words_of(n)),
            });
        }
    }
    out
}

/// The value of Vietnamese number words (`hai mươi mốt` → 21, `một trăm
/// linh năm` → 105), up to 999,999; `None` if the text is not number words
/// (`(ông)`, `(b/c)`), so only counts are compared.
pub fn number_words(text: &str) -> Option<u64> {
    let (mut total, mut group, mut pending): (u64, u64, Option<u64>) = (0, 0, None);
    let mut any = false;
    for w in text.to_lowercase().split_whitespace() {
        let digit = match w {
            "không" => Some(0),
            "một" | "mốt" => Some(1),
            "hai" => Some(2),
            "ba" => Some(3),
            "bốn" | "tư" => Some(4),
            "năm" | "lăm" | "nhăm" => Some(5),
            "sáu" => Some(6),
            "bảy" | "bẩy" => Some(7),
            "tám" => Some(8),
            "chín" => Some(9),
            _ => None,
        };
        any = true;
        match (digit, w) {
            (Some(d), _) => {
                if pending.is_some() {
                    return None;
                }
                pending = Some(d);
            }
            (None, "mười") => group += 10,
            (None, "mươi") => group += pending.take()? * 10,
            (None, "trăm") => group += pending.take()? * 100,
            (None, "linh" | "lẻ") => {}
            (None, "nghìn" | "ngàn") => {
                total += (group + pending.take().unwrap_or(0)).max(1) * 1000;
                group = 0;
            }
            _ => return None,
        }
    }
    any.then(|| total + group + pending.unwrap_or(0))
}

/// Vietnamese words of `n` below a million, as a count is written in
/// parentheses (`21` → `hai mươi mốt`).
pub fn words_of(n: u64) -> String {
    const DIGITS: [&str; 10] = [
        "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
    ];
    fn below_thousand(n: u64, full: bool) -> Vec<&'static str> {
        let (h, t, u) = (n / 100, n / 10 % 10, n % 10);
        let mut w = Vec::new();
        if h > 0 || full {
            w.push(DIGITS[h as usize]);
            w.push("trăm");
        }
        match t {
            0 if u > 0 && (h > 0 || full) => w.push("linh"),
            0 => {}
            1 => w.push("mười"),
            _ => {
                w.push(DIGITS[t as usize]);
                w.push("mươi");
            }
        }
        match u {
            0 => {}
            1 if t > 1 => w.push("mốt"),
            5 if t > 0 => w.push("lăm"),
            _ => w.push(DIGITS[u as usize]),
        }
        w
    }
    if n == 0 {
        return "không".into();
    }
    let mut w = Vec::new();
    if n >= 1000 {
        w.extend(below_thousand(n / 1000, false));
        w.push("nghìn");
        if !n.is_multiple_of(1000) {
            w.extend(below_thousand(n % 1000, true));
        }
    } else {
        w.extend(below_thousand(n, false));
    }
    w.join(" ")
}

fn vn_date(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_words_read_and_written() {
        for (n, w) in [
            (3, "ba"),
            (10, "mười"),
            (15, "mười lăm"),
            (21, "hai mươi mốt"),
            (24, "hai mươi bốn"),
            (105, "một trăm linh năm"),
            (282, "hai trăm tám mươi hai"),
            (1005, "một nghìn không trăm linh năm"),
        ] {
            assert_eq!(words_of(n), w, "{n}");
            assert_eq!(number_words(w), Some(n), "{w}");
        }
        assert_eq!(number_words("hai mươi tư"), Some(24));
        assert_eq!(number_words("ông"), None);
        assert_eq!(number_words("b/c"), None);
    }

    #[test]
    fn counts_whose_words_disagree() {
        assert_eq!(
            count_mismatches("gồm 03 (bốn) đồng chí"),
            [TextFinding {
                message: "`03 (bốn)` says 3 in figures but 4 in words".into(),
                found: "03 (bốn)".into(),
                fix: "03 (ba)".into(),
            }]
        );
        assert!(count_mismatches("gồm 13 (mười ba) đồng chí, 270 (hai trăm bảy mươi)").is_empty());
        assert!(count_mismatches("Điều 5 (Hiệu lực)").is_empty());
    }

    #[test]
    fn weekdays_that_do_not_match_their_date() {
        // 10/01/2025 is a Friday.
        assert_eq!(
            weekday_mismatches("khai mạc vào thứ Hai, ngày 10/01/2025 tại hội trường"),
            [TextFinding {
                message: "10/01/2025 is a Fri (thứ Sáu), not thứ Hai".into(),
                found: "thứ Hai, ngày 10/01/2025".into(),
                fix: "thứ Sáu, ngày 10/01/2025".into(),
            }]
        );
        assert!(weekday_mismatches("thứ Sáu, ngày 10/01/2025").is_empty());
        assert!(weekday_mismatches("Thứ sáu ngày 10 tháng 01 năm 2025").is_empty());
        assert_eq!(
            weekday_mismatches("Chủ nhật, ngày 12 tháng 1 năm 2025").len(),
            0
        );
        assert_eq!(
            weekday_mismatches("chủ nhật 11/1/2025")[0].fix,
            "thứ Bảy 11/1/2025"
        );
    }
}
