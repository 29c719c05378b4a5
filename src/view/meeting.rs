//! The meeting invitation (Giấy mời họp, hội nghị) as a document of its
//! own: the opening sentence, then its numbered parts (Chủ trì, Thành
//! phần mời, Nội dung, Thời gian, Địa điểm, Phân công chuẩn bị) and the
//! closing sentence, worded by the preset. The header, title, signature
//! and Nơi nhận are the document's, as in [`super`].

use serde::Serialize;

use super::time::{bad_time, parse_time};
use super::{SpanView, plain, spans};
use crate::data::model::{Invitee, Invitees, Meeting};
use crate::data::roster::CellRow;
use crate::error::{DataIssue, DataPath};
use crate::preset::Preset;

/// A meeting invitation's body, ready to print.
#[derive(Debug, Serialize)]
pub struct MeetingView {
    /// The opening sentence.
    pub opening: Vec<SpanView>,
    /// The numbered parts, in order.
    pub parts: Vec<PartView>,
    /// The closing sentence.
    pub closing: Vec<SpanView>,
    /// Who is invited, one each, for the addressed copies (not printed
    /// in the invitation itself: its parts have them).
    #[serde(skip)]
    pub addressees: Vec<Addressee>,
}

/// One invitee, as an addressed copy names them.
#[derive(Debug, Clone, Serialize)]
pub struct Addressee {
    /// After `Kính gửi:`: `Đồng chí Lò Văn Minh, Chủ tịch UBND xã`, `Sở Tư pháp`.
    pub to: String,
    /// The person's name or the body, as typed: the copy's file is named
    /// after it, and the manifest lists it.
    pub name: String,
}

/// One part: `1. Chủ trì:` and its text, or lines under it.
#[derive(Debug, Serialize)]
pub struct PartView {
    /// `1. Chủ trì:`.
    pub label: String,
    /// What follows the label on its line (may be empty).
    pub text: Vec<SpanView>,
    /// Lines under it, each after the preset's dash, punctuated.
    pub lines: Vec<Vec<SpanView>>,
}

/// Builds the body of a meeting invitation; `rows` are the rows of its
/// invitee file, if it has one (header first).
pub fn view(
    meeting: &Meeting,
    preset: &Preset,
    rows: Option<&[CellRow]>,
    issues: &mut Vec<DataIssue>,
) -> MeetingView {
    let style = &preset.meeting;
    let here = DataPath::new().key("meeting");
    let mut parts = Vec::new();
    let mut n = 0;
    let mut label = |name: &str| {
        n += 1;
        let number = style.number.replace("{n}", &n.to_string());
        let suffix = &preset.labels.suffix;
        match number.is_empty() {
            true => format!("{name}{suffix}"),
            false => format!("{number} {name}{suffix}"),
        }
    };
    parts.push(PartView {
        label: label(&style.labels.chair),
        text: with_end(spans(&meeting.chair), "."),
        lines: Vec::new(),
    });

    let invitees: Vec<Addressee> = match (&meeting.invitees, rows) {
        (Invitees::List(list), _) => list
            .iter()
            .map(|i| match i {
                Invitee::Body(b) => body(b),
                Invitee::Person(p) => person(preset, &p.person, p.position.as_deref()),
            })
            .collect(),
        (Invitees::File(_), Some(rows)) => invitees_of_file(preset, rows),
        (Invitees::File(_), None) => Vec::new(),
    };
    if invitees.is_empty() {
        issues.push(DataIssue::new(
            Meeting::invitees_path(),
            crate::tr!("view-meeting-no-invitees"),
            crate::tr!("view-meeting-no-invitees-hint"),
        ));
    }
    parts.push(PartView {
        label: label(&style.labels.invitees),
        text: Vec::new(),
        lines: punctuated(
            invitees.iter().map(|i| vec![plain(&i.to)]).collect(),
            preset,
        ),
    });
    parts.push(PartView {
        label: label(&style.labels.agenda),
        text: with_end(spans(&meeting.agenda), "."),
        lines: Vec::new(),
    });

    let time = match parse_time(&meeting.start) {
        Some((h, m)) => {
            let clock = style
                .clock
                .replace("{hour}", &h.to_string())
                .replace("{minute}", &format!("{m:02}"));
            let part = style
                .parts
                .iter()
                .filter(|(from, _)| *from <= h)
                .max_by_key(|(from, _)| *from)
                .map_or("", |(_, name)| name.as_str());
            let when = style
                .time
                .replace("{time}", &clock)
                .replace("{date}", &preset.date_short(meeting.date))
                .replace("{part}", part)
                .replace("{weekday}", &preset.weekday(meeting.date));
            match meeting.duration.as_deref().map(str::trim) {
                Some(d) if !d.is_empty() => format!("{d}, {when}"),
                _ => when,
            }
        }
        None => {
            issues.push(bad_time(here.clone().key("start"), &meeting.start));
            String::new()
        }
    };
    parts.push(PartView {
        label: label(&style.labels.time),
        text: vec![plain(&format!("{time}."))],
        lines: Vec::new(),
    });
    parts.push(PartView {
        label: label(&style.labels.venue),
        text: with_end(vec![plain(meeting.venue.trim())], "."),
        lines: Vec::new(),
    });
    if !meeting.preparation.is_empty() {
        parts.push(PartView {
            label: label(&style.labels.preparation),
            text: Vec::new(),
            lines: punctuated(meeting.preparation.iter().map(spans).collect(), preset),
        });
    }
    let closing = match &meeting.closing {
        Some(c) => spans(c),
        None => vec![plain(&style.closing)],
    };
    MeetingView {
        opening: spans(&meeting.opening),
        parts,
        closing,
        addressees: invitees,
    }
}

/// `Đồng chí Lò Văn Minh, Chủ tịch UBND xã`, named `Lò Văn Minh`.
fn person(preset: &Preset, name: &str, position: Option<&str>) -> Addressee {
    let style = &preset.meeting;
    let name = name.trim();
    let to = match position.map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => style
            .person
            .replace("{name}", name)
            .replace("{position}", p),
        None => style.person_alone.replace("{name}", name),
    };
    Addressee {
        to,
        name: name.to_string(),
    }
}

/// A body or a group invited, as typed.
fn body(text: &str) -> Addressee {
    Addressee {
        to: text.trim().to_string(),
        name: text.trim().to_string(),
    }
}

/// The invitees of a file: a column of bodies, or persons when the first
/// column is headed as a name (`Họ và tên`), with their position beside.
fn invitees_of_file(preset: &Preset, rows: &[CellRow]) -> Vec<Addressee> {
    let Some((header, rows)) = rows.split_first() else {
        return Vec::new();
    };
    let key = |s: &str| crate::text::to_tone_style(&s.to_lowercase(), crate::text::ToneStyle::Old);
    let persons = header
        .cells
        .first()
        .is_some_and(|h| ["họ và tên", "họ tên", "tên", "họ, tên"].contains(&key(h).trim()));
    rows.iter()
        .filter_map(|r| {
            let who = r.cells.first()?.trim();
            if who.is_empty() {
                return None;
            }
            Some(match persons {
                true => person(preset, who, r.cells.get(1).map(String::as_str)),
                false => body(who),
            })
        })
        .collect()
}

/// Lines of a list with `;` after each and `.` after the last, whatever
/// the data typed at their ends.
fn punctuated(mut lines: Vec<Vec<SpanView>>, preset: &Preset) -> Vec<Vec<SpanView>> {
    let last = lines.len().saturating_sub(1);
    for (i, line) in lines.iter_mut().enumerate() {
        let end = if i == last {
            &preset.recipients.end
        } else {
            &preset.recipients.separator
        };
        *line = with_end(std::mem::take(line), end);
    }
    lines
}

/// The spans with `end` at their end, in place of a `.`, `;` or `,` typed there.
pub(super) fn with_end(mut spans: Vec<SpanView>, end: &str) -> Vec<SpanView> {
    // The last span of text (a footnote's mark stands after the text).
    if let Some(last) = spans.iter_mut().rev().find(|s| s.style != "footnote") {
        let trimmed = last
            .text
            .trim_end()
            .trim_end_matches(['.', ';', ','])
            .trim_end();
        last.text = format!("{trimmed}{end}");
    }
    spans
}
