//! The format rules of a preset applied to what the clerk typed: the
//! signature (prefixes typed by hand, the two-line forms the guideline
//! allows, a title that repeats its body, academic titles), the archive
//! line of every Nơi nhận list, dates against the leading-zero rule, the
//! text's ending, and the issuing body's code.

use chrono::NaiveDate;

use crate::data::locate;
use crate::data::model::{Recipient, Recipients, SignMode, Signature};
use crate::data::resolve::Project;
use crate::error::{DataPath, Problem};
use crate::preset::{BodyCode, Preset};
use crate::text::{ToneStyle, to_tone_style};

use super::{at, locate_in};

/// The format rules of `preset` applied to what the clerk typed: signature
/// prefixes typed by hand, a `K/T` under a collective Party body, a
/// signer's title that repeats the body's name, academic titles before the
/// signer's name, the archive line of every Nơi nhận list, and dates in the
/// text against the preset's leading-zero rule. (Numbers, symbols and the
/// header's date are printed from the preset's patterns, so they cannot be
/// typed wrong.)
pub fn format(project: &Project, preset: &Preset) -> Vec<Problem> {
    let data = &project.data;
    let mut out = Vec::new();
    let mut signatures = vec![(&data.signature, DataPath::new().key("signature"))];
    if let Some(c) = &data.cosigner {
        signatures.push((c, DataPath::new().key("cosigner")));
    }
    let mut lists = vec![(&data.recipients, DataPath::new().key("recipients"))];
    for (i, e) in data.events.iter().enumerate() {
        let here = DataPath::new().key("events").index(i).key("invitation");
        if let Some(s) = &e.invitation.signature {
            signatures.push((s, here.clone().key("signature")));
        }
        lists.push((&e.invitation.recipients, here.key("recipients")));
    }
    for (sig, here) in signatures {
        signature_format(project, preset, sig, &here, &mut out);
    }
    for (list, here) in lists {
        recipients_format(project, preset, list, &here, &mut out);
    }
    date_format(project, preset, &mut out);
    ending_format(project, preset, &mut out);
    replaced(project, preset, &mut out);
    body_code(project, preset, &mut out);
    out
}

/// The issuing body's code against the preset's list (HD05 3.1.2b): a
/// warning, not an error, as the guideline's list is open-ended.
fn body_code(project: &Project, preset: &Preset, out: &mut Vec<Problem>) {
    let code = project.data.issuer.code.trim();
    let here = DataPath::new().key("issuer").key("code");
    let p = match preset.body_code(code) {
        BodyCode::Known => return,
        BodyCode::Retired(hint) => Problem::warning(crate::tr!(
            "check-body-code-retired",
            code = code,
            preset = &preset.description
        ))
        .hint(hint.to_string()),
        BodyCode::Unknown(nearest) => {
            let known = preset.body_codes.keys().cloned().collect::<Vec<_>>();
            let known = known.join(", ");
            let p = Problem::warning(crate::tr!(
                "check-body-code-unknown",
                code = code,
                preset = &preset.description
            ));
            match nearest {
                Some((c, what)) => p.hint(crate::tr!(
                    "check-body-code-nearest-hint",
                    code = c,
                    what = what,
                    known = known
                )),
                None => p.hint(crate::tr!("check-body-code-unknown-hint", known = known)),
            }
        }
    };
    out.push(at(p, &project.file, locate_in(project, &here)));
}

/// A text typed with an ending the preset's guideline does not use: `./.`
/// under HD 05, whose text ends with `.`.
fn ending_format(project: &Project, preset: &Preset, out: &mut Vec<Problem>) {
    let end = preset.body.end.as_str();
    if end != "." {
        return;
    }
    let source = &project.file.text;
    for (range, _, text) in locate::strings(source) {
        if !text.trim_end().ends_with("./.") {
            continue;
        }
        let typed = &source[range.clone()];
        let p = Problem::warning(crate::tr!(
            "check-ending",
            preset = &preset.description,
            end = end
        ))
        .hint(crate::tr!("check-ending-hint", end = end));
        out.push(match typed.rfind("./.") {
            Some(k) => p
                .fix(end)
                .at(&project.file, range.start + k..range.start + k + 3),
            None => p.at(&project.file, range),
        });
    }
}

/// A document dated after the preset's guideline was replaced.
fn replaced(project: &Project, preset: &Preset, out: &mut Vec<Problem>) {
    let Some(r) = &preset.replaced else {
        return;
    };
    let date = project.data.document.date;
    if date < r.on {
        return;
    }
    out.push(at(
        Problem::warning(crate::tr!(
            "check-preset-replaced",
            date = preset.date_short(date),
            preset = &project.data.preset,
            note = &r.note
        ))
        .hint(crate::tr!("check-preset-replaced-hint", by = &r.by)),
        &project.file,
        locate_in(project, &DataPath::new().key("preset")),
    ));
}

/// Upper case, one space between words, old-style tone marks: how names of
/// bodies and titles are compared (`Ban Thường vụ` = `BAN THƯỜNG VỤ`,
/// `HUYỆN UỶ` = `HUYỆN ỦY`).
fn comparable(s: &str) -> String {
    to_tone_style(
        &s.split_whitespace().collect::<Vec<_>>().join(" "),
        ToneStyle::Old,
    )
    .to_uppercase()
}

/// A signing prefix without its punctuation: `T/M`, `TM.` and `TM` → `TM`.
fn bare_prefix(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '/' | '.' | ' '))
        .collect::<String>()
        .to_uppercase()
}

/// A problem at the value `here`, with `fix` offered to `vanban fix` when
/// the value stands in the file as it was read (a plain scalar).
fn at_value(
    project: &Project,
    here: &DataPath,
    value: &str,
    p: Problem,
    fix: Option<String>,
) -> Problem {
    let range = locate_in(project, here);
    let exact = range
        .as_ref()
        .is_some_and(|r| project.file.text.get(r.clone()) == Some(value));
    let p = match fix {
        Some(f) if exact => p.fix(f),
        _ => p,
    };
    at(p, &project.file, range)
}

/// `authority: [{mode: tm, body: ỦY BAN NHÂN DÂN}, {mode: kt, body: CHỦ TỊCH}]`,
/// as a hint writes it.
fn authority_yaml(lines: &[(String, String)]) -> String {
    let items: Vec<String> = lines
        .iter()
        .map(|(mode, body)| format!("{{mode: {mode}, body: {body}}}"))
        .collect();
    format!("authority: [{}]", items.join(", "))
}

fn signature_format(
    project: &Project,
    preset: &Preset,
    sig: &Signature,
    here: &DataPath,
    out: &mut Vec<Problem>,
) {
    let style = &preset.signature;
    let prefix_of = |mode: &str| style.prefixes.get(mode).cloned().unwrap_or_default();
    // A word that is one of the preset's prefixes, and its mode.
    let mode_of = |word: &str| {
        let bare = bare_prefix(word);
        style
            .prefixes
            .iter()
            .find(|(_, p)| !p.is_empty() && bare_prefix(p) == bare)
            .map(|(mode, p)| (mode.clone(), p.clone()))
    };
    // A line that starts with a prefix: (mode, prefix as printed, the rest).
    let split_prefix = |line: &str| {
        let mut words = line.trim().splitn(2, char::is_whitespace);
        let first = words.next()?;
        let (mode, printed) = mode_of(first)?;
        Some((
            mode,
            printed,
            first.to_string(),
            words.next().unwrap_or("").trim().to_string(),
        ))
    };
    let lines: Vec<(SignMode, &str)> = sig.lines();
    let structured: Vec<(String, String)> = lines
        .iter()
        .map(|(m, b)| (m.key().to_string(), b.to_string()))
        .collect();
    let single = sig.authority.is_empty();
    let body = sig.body.as_deref().unwrap_or("").trim();

    // A prefix typed by hand at the start of what the preset prefixes.
    let line_fields: Vec<(DataPath, &str, Option<SignMode>)> = if single {
        vec![(here.clone().key("body"), body, sig.mode)]
    } else {
        sig.authority
            .iter()
            .enumerate()
            .map(|(i, a)| {
                (
                    here.clone().key("authority").index(i).key("body"),
                    a.body.trim(),
                    Some(a.mode),
                )
            })
            .collect()
    };
    for (path, value, mode) in &line_fields {
        let mut text_lines = value.lines().map(str::trim).filter(|l| !l.is_empty());
        let first_line = text_lines.next().unwrap_or("");
        let more: Vec<&str> = text_lines.collect();
        if let Some((typed_mode, printed, first, rest)) = split_prefix(first_line)
            && more.is_empty()
        {
            let hint = match mode.map(SignMode::key) {
                Some(m) if m == typed_mode => crate::tr!("check-hint-write-body", body = &rest),
                _ => crate::tr!(
                    "check-hint-write-body-mode",
                    body = &rest,
                    mode = &typed_mode
                ),
            };
            let p = Problem::error(crate::tr!(
                "check-prefix-in-body",
                first = first,
                printed = printed,
                mode = typed_mode
            ))
            .hint(hint);
            out.push(at_value(project, path, value, p, Some(rest)));
        } else if !more.is_empty() && more.iter().any(|l| split_prefix(l).is_some()) {
            // A second authority line typed inside `body:`: it prints, but
            // as text the rules cannot read; the hint keeps every line.
            let mut meant = Vec::new();
            let mut current = mode.map(|m| m.key().to_string()).unwrap_or_default();
            let mut words: Vec<String> = Vec::new();
            for line in std::iter::once(first_line).chain(more.iter().copied()) {
                match split_prefix(line) {
                    Some((m, _, _, rest)) => {
                        if !words.is_empty() {
                            meant.push((current.clone(), words.join(" ")));
                        }
                        current = m;
                        words = vec![rest];
                    }
                    None => words.push(line.to_string()),
                }
            }
            meant.push((current, words.join(" ")));
            let second = more
                .iter()
                .find_map(|l| split_prefix(l))
                .map(|(_, _, f, _)| f)
                .unwrap_or_default();
            let p = Problem::warning(crate::tr!(
                "check-second-authority-in-body",
                second = second
            ))
            .hint(crate::tr!(
                "check-second-authority-in-body-hint",
                yaml = authority_yaml(&meant)
            ));
            out.push(at(p, &project.file, locate_in(project, path)));
        }
    }
    // A prefix at the start of the title: an authority line typed as the title.
    let title = sig.title.trim();
    let title_lines: Vec<&str> = title
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if let Some((typed_mode, printed, first, rest)) =
        title_lines.first().and_then(|l| split_prefix(l))
    {
        let own_title: Vec<&str> = title_lines[1..].to_vec();
        let p = Problem::error(crate::tr!(
            "check-prefix-in-title",
            first = first,
            printed = printed,
            mode = &typed_mode
        ));
        let p = if lines.is_empty() && own_title.is_empty() {
            // `title: K/T BÍ THƯ` with no authority: the old one-line form.
            let p = p.hint(crate::tr!(
                "check-hint-write-title-mode",
                title = &rest,
                mode = &typed_mode
            ));
            out.push(at_value(
                project,
                &here.clone().key("title"),
                title,
                p,
                Some(rest),
            ));
            None
        } else {
            let mut meant = structured.clone();
            meant.push((typed_mode.clone(), rest.clone()));
            let yaml = authority_yaml(&meant);
            let hint = if !own_title.is_empty() {
                crate::tr!(
                    "check-hint-write-authority-title",
                    yaml = yaml,
                    title = own_title.join(" ")
                )
            } else if typed_mode == "kt" {
                // The deputy of `KT. CHỦ TỊCH` is titled `PHÓ CHỦ TỊCH`.
                crate::tr!(
                    "check-hint-write-authority-deputy",
                    yaml = yaml,
                    rest = &rest
                )
            } else if typed_mode == "q" {
                crate::tr!("check-hint-write-authority-acting", yaml = yaml)
            } else {
                crate::tr!("check-hint-write-authority-own", yaml = yaml)
            };
            Some(p.hint(hint))
        };
        if let Some(p) = p {
            out.push(at(
                p,
                &project.file,
                locate_in(project, &here.clone().key("title")),
            ));
        }
    }

    // K/T under a collective body, where the preset says such a body signs T/M.
    let is_collective = |b: &str| {
        let key = comparable(b);
        !b.is_empty()
            && style
                .collective
                .iter()
                .any(|c| key.starts_with(&comparable(c)))
    };
    let tm = prefix_of("tm");
    let kt = prefix_of("kt");
    let mut flagged = false;
    for (i, (mode, b)) in lines.iter().enumerate() {
        if *mode != SignMode::Kt {
            continue;
        }
        let mode_path = if single {
            here.clone().key("mode")
        } else {
            here.clone().key("authority").index(i).key("mode")
        };
        let above = i.checked_sub(1).and_then(|j| lines.get(j));
        if is_collective(b) {
            let p = Problem::warning(crate::tr!(
                "check-kt-collective",
                kt = &kt,
                body = *b,
                tm = &tm,
                preset = &preset.description
            ))
            .hint(crate::tr!(
                "check-kt-collective-hint",
                tm = &tm,
                body = *b,
                kt = &kt
            ));
            out.push(at(p, &project.file, locate_in(project, &mode_path)));
            flagged = true;
        } else if let Some((SignMode::Tm, body_above)) = above
            && is_collective(body_above)
        {
            let p = Problem::warning(crate::tr!(
                "check-kt-under-collective",
                tm = &tm,
                above = *body_above,
                kt = &kt,
                body = *b,
                preset = &preset.description
            ))
            .hint(crate::tr!(
                "check-kt-under-collective-hint",
                above = *body_above,
                title = sig.title.trim()
            ));
            out.push(at(p, &project.file, locate_in(project, &mode_path)));
            flagged = true;
        }
    }
    // Two lines in a combination the preset does not know.
    if let [(m1, b1), (m2, b2)] = lines.as_slice()
        && !flagged
        && !style
            .chains
            .iter()
            .any(|[a, b]| a == m1.key() && b == m2.key())
    {
        let allowed = style
            .chains
            .iter()
            .map(|[a, b]| format!("{} … / {} …", prefix_of(a), prefix_of(b)))
            .reduce(|list, next| crate::tr!("check-chain-or", list = list, next = next));
        let p = Problem::warning(crate::tr!(
            "check-chain-unknown",
            first = prefix_of(m1.key()),
            body1 = *b1,
            second = prefix_of(m2.key()),
            body2 = *b2,
            preset = &preset.description
        ))
        .hint(match allowed {
            None => crate::tr!("check-chain-one-line-hint"),
            Some(allowed) => crate::tr!("check-chain-allowed-hint", allowed = allowed),
        });
        out.push(at(
            p,
            &project.file,
            locate_in(project, &here.clone().key("authority")),
        ));
    }
    // The title repeats the collective body printed above it (`T/M BAN
    // THƯỜNG VỤ` / `BÍ THƯ BAN THƯỜNG VỤ`). Under `KT. CHỦ TỊCH` the title
    // `PHÓ CHỦ TỊCH` is how a deputy is named, not a repetition.
    if let Some((mode, last)) = lines.last()
        && (*mode == SignMode::Tm || is_collective(last))
    {
        let body_key = comparable(last);
        let title_key = comparable(&sig.title);
        if body_key.split(' ').count() >= 2
            && title_key.contains(&body_key)
            && title_key != body_key
        {
            let rest = title_key.replacen(&body_key, "", 1);
            let rest = rest.split_whitespace().collect::<Vec<_>>().join(" ");
            let p = Problem::warning(crate::tr!(
                "check-title-repeats-body",
                title = sig.title.trim(),
                body = *last
            ))
            .hint(crate::tr!(
                "check-hint-write",
                text = format!("title: {rest}")
            ));
            // Offered as a fix only when the title was typed in capitals, as printed.
            let fix = (sig.title.trim() == sig.title.trim().to_uppercase()).then_some(rest);
            out.push(at_value(
                project,
                &here.clone().key("title"),
                sig.title.trim(),
                p,
                fix,
            ));
        }
    }
    // Academic titles before the name.
    let name = sig.name.trim();
    if let Some(title) = style.no_titles.iter().find(|t| {
        let bare = t.trim_end_matches('.').to_lowercase();
        name.split_whitespace()
            .next()
            .is_some_and(|w| w.trim_end_matches('.').to_lowercase() == bare)
    }) {
        let rest = name
            .split_once(char::is_whitespace)
            .map_or("", |(_, r)| r.trim());
        let p = Problem::warning(crate::tr!(
            "check-academic-title",
            name = name,
            title = title
        ))
        .hint(crate::tr!(
            "check-hint-write",
            text = format!("name: {rest}")
        ));
        out.push(at_value(
            project,
            &here.clone().key("name"),
            name,
            p,
            Some(rest.to_string()),
        ));
    }
}

fn recipients_format(
    project: &Project,
    preset: &Preset,
    list: &Recipients,
    here: &DataPath,
    out: &mut Vec<Problem>,
) {
    let word = preset.recipients.archive.trim();
    let archive = list.archive.trim();
    let path = here.clone().key("archive");
    if archive.is_empty() {
        let p = Problem::warning(crate::tr!("check-archive-empty", word = word))
            .hint(crate::tr!("check-archive-empty-hint"));
        let range = locate_in(project, &path).or_else(|| locate_in(project, here));
        out.push(at(p, &project.file, range));
    } else if let Some(rest) = archive
        .strip_prefix(word)
        .filter(|r| r.is_empty() || r.starts_with([' ', ':']))
    {
        let rest = rest.trim_start_matches([':', ' ']).to_string();
        let p = Problem::error(crate::tr!("check-archive-word-typed", word = word)).hint(
            crate::tr!("check-hint-write", text = format!("archive: {rest}")),
        );
        out.push(at_value(project, &path, archive, p, Some(rest)));
    }
    for (i, r) in list.to.iter().enumerate() {
        let Recipient::Plain(text) = r else { continue };
        if text.split_whitespace().next() == Some(word) {
            let p = Problem::warning(crate::tr!("check-archive-in-list", text = text.trim()))
                .hint(crate::tr!("check-archive-in-list-hint"));
            out.push(at(
                p,
                &project.file,
                locate_in(project, &here.clone().key("to").index(i)),
            ));
        }
    }
}

/// `5/1/2025` where the preset writes `05/01/2025` (and `ngày 5 tháng 1
/// năm 2025`), in the texts of the data file.
fn date_format(project: &Project, preset: &Preset, out: &mut Vec<Problem>) {
    static SHORT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\b([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\b")
            .expect("the pattern is valid")
    });
    static LONG: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"ngày ([0-9]{1,2}) tháng ([0-9]{1,2}) năm ([0-9]{4})")
            .expect("the pattern is valid")
    });
    for (range, _, text) in locate::strings(&project.file.text) {
        let source = &project.file.text[range.clone()];
        for (pattern, long) in [(&*SHORT, false), (&*LONG, true)] {
            if !(if long {
                text.contains("tháng")
            } else {
                text.contains('/')
            }) {
                continue;
            }
            for c in pattern.captures_iter(&text) {
                let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
                let (Some(all), Some(d), Some(m), Some(y)) = (c.get(0), num(1), num(2), num(3))
                else {
                    continue;
                };
                let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) else {
                    continue;
                };
                let (day, month) = preset.day_month(date);
                let right = if long {
                    format!("ngày {day} tháng {month} năm {y}")
                } else {
                    format!("{day}/{month}/{y}")
                };
                if all.as_str() == right {
                    continue;
                }
                let p = Problem::warning(crate::tr!(
                    "check-date-zeros",
                    date = all.as_str(),
                    right = &right
                ))
                .hint(crate::tr!("check-hint-write", text = &right));

                let p = match source.find(all.as_str()) {
                    Some(k) => p
                        .fix(right)
                        .at(&project.file, range.start + k..range.start + k + all.len()),
                    None => p.at(&project.file, range.clone()),
                };
                out.push(p);
            }
        }
    }
}
