//! Vietnamese text checks: text pasted from the old TCVN3 and VNI fonts,
//! the two places a tone mark can sit on `oa`, `oe`, `uy`, and a few known
//! slips in official abbreviations.
//!
//! Everything here is a pure function on strings. A future `vanban check`
//! reports what these functions find, with the fix they propose, and
//! `vanban fix` applies the same fix, so both always agree.

use unicode_normalization::UnicodeNormalization;

mod legacy;

pub use legacy::{Legacy, convert_legacy, detect_legacy, to_legacy};

// ---------------------------------------------------------------------------
// Vowels and tones
// ---------------------------------------------------------------------------

// Tone numbers, the column in the vowel tables: 0 none (ngang), 1 sắc,
// 2 huyền, 3 hỏi, 4 ngã, 5 nặng.
const ACUTE: usize = 1;
const DOT: usize = 5;

/// The combining mark of each tone, in the same order.
const TONE_MARKS: [char; 6] = ['\0', '\u{301}', '\u{300}', '\u{309}', '\u{303}', '\u{323}'];

// Rows of the vowel tables: the twelve Vietnamese vowel letters.
const A: usize = 0;
const AW: usize = 1; // ă
const AA: usize = 2; // â
const E: usize = 3;
const EE: usize = 4; // ê
const I: usize = 5;
const O: usize = 6;
const OO: usize = 7; // ô
const OW: usize = 8; // ơ
const U: usize = 9;
const UW: usize = 10; // ư
const Y: usize = 11;

/// Every lower-case vowel with every tone. Legacy decoding, tone moving and
/// the syllable check all go through this one table.
const LOWER: [[char; 6]; 12] = [
    ['a', 'á', 'à', 'ả', 'ã', 'ạ'],
    ['ă', 'ắ', 'ằ', 'ẳ', 'ẵ', 'ặ'],
    ['â', 'ấ', 'ầ', 'ẩ', 'ẫ', 'ậ'],
    ['e', 'é', 'è', 'ẻ', 'ẽ', 'ẹ'],
    ['ê', 'ế', 'ề', 'ể', 'ễ', 'ệ'],
    ['i', 'í', 'ì', 'ỉ', 'ĩ', 'ị'],
    ['o', 'ó', 'ò', 'ỏ', 'õ', 'ọ'],
    ['ô', 'ố', 'ồ', 'ổ', 'ỗ', 'ộ'],
    ['ơ', 'ớ', 'ờ', 'ở', 'ỡ', 'ợ'],
    ['u', 'ú', 'ù', 'ủ', 'ũ', 'ụ'],
    ['ư', 'ứ', 'ừ', 'ử', 'ữ', 'ự'],
    ['y', 'ý', 'ỳ', 'ỷ', 'ỹ', 'ỵ'],
];

/// The same, upper case.
const UPPER: [[char; 6]; 12] = [
    ['A', 'Á', 'À', 'Ả', 'Ã', 'Ạ'],
    ['Ă', 'Ắ', 'Ằ', 'Ẳ', 'Ẵ', 'Ặ'],
    ['Â', 'Ấ', 'Ầ', 'Ẩ', 'Ẫ', 'Ậ'],
    ['E', 'É', 'È', 'Ẻ', 'Ẽ', 'Ẹ'],
    ['Ê', 'Ế', 'Ề', 'Ể', 'Ễ', 'Ệ'],
    ['I', 'Í', 'Ì', 'Ỉ', 'Ĩ', 'Ị'],
    ['O', 'Ó', 'Ò', 'Ỏ', 'Õ', 'Ọ'],
    ['Ô', 'Ố', 'Ồ', 'Ổ', 'Ỗ', 'Ộ'],
    ['Ơ', 'Ớ', 'Ờ', 'Ở', 'Ỡ', 'Ợ'],
    ['U', 'Ú', 'Ù', 'Ủ', 'Ũ', 'Ụ'],
    ['Ư', 'Ứ', 'Ừ', 'Ử', 'Ữ', 'Ự'],
    ['Y', 'Ý', 'Ỳ', 'Ỷ', 'Ỹ', 'Ỵ'],
];

/// A vowel letter split into its row, tone and case.
#[derive(Clone, Copy)]
struct Vowel {
    row: usize,
    tone: usize,
    upper: bool,
}

fn vowel(c: char) -> Option<Vowel> {
    // Most characters are consonants, digits or spaces: answer those fast.
    if c.is_ascii() && !matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y') {
        return None;
    }
    for (upper, table) in [(false, &LOWER), (true, &UPPER)] {
        for (row, tones) in table.iter().enumerate() {
            if let Some(tone) = tones.iter().position(|&t| t == c) {
                return Some(Vowel { row, tone, upper });
            }
        }
    }
    None
}

fn compose(row: usize, tone: usize, upper: bool) -> char {
    if upper {
        UPPER[row][tone]
    } else {
        LOWER[row][tone]
    }
}

/// The one-character upper case of a letter (Vietnamese letters all have one).
fn upper(c: char) -> char {
    let mut u = c.to_uppercase();
    match (u.next(), u.next()) {
        (Some(x), None) => x,
        _ => c,
    }
}

fn lower(c: char) -> char {
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(x), None) => x,
        _ => c,
    }
}

// ---------------------------------------------------------------------------
// Syllables
// ---------------------------------------------------------------------------

/// Whether a vowel group may, must, or must not be followed by a final
/// consonant.
#[derive(Clone, Copy, PartialEq)]
enum Fin {
    Open,
    Closed,
    Any,
}

/// The vowel groups of Vietnamese, as rows of the vowel table. The `i` of
/// `gi` and the `u` of `qu` belong to the initial consonant, not here.
const NUCLEI: &[(&[usize], Fin)] = &[
    (&[A], Fin::Any),
    (&[AW], Fin::Closed),
    (&[AA], Fin::Closed),
    (&[E], Fin::Any),
    (&[EE], Fin::Any),
    (&[I], Fin::Any),
    (&[O], Fin::Any),
    (&[OO], Fin::Any),
    (&[OW], Fin::Any),
    (&[U], Fin::Any),
    (&[UW], Fin::Any),
    (&[Y], Fin::Any),
    (&[A, I], Fin::Open),
    (&[A, O], Fin::Open),
    (&[A, U], Fin::Open),
    (&[A, Y], Fin::Open),
    (&[AA, U], Fin::Open),
    (&[AA, Y], Fin::Open),
    (&[E, O], Fin::Open),
    (&[EE, U], Fin::Open),
    (&[I, A], Fin::Open),
    (&[I, EE], Fin::Closed),
    (&[I, U], Fin::Open),
    (&[O, A], Fin::Any),
    (&[O, AW], Fin::Closed),
    (&[O, E], Fin::Any),
    (&[O, I], Fin::Open),
    (&[OO, I], Fin::Open),
    (&[OW, I], Fin::Open),
    (&[O, O], Fin::Closed),
    (&[U, A], Fin::Open),
    (&[U, AA], Fin::Closed),
    (&[U, EE], Fin::Any),
    (&[U, I], Fin::Open),
    (&[U, OO], Fin::Closed),
    (&[U, OW], Fin::Open),
    (&[U, Y], Fin::Any),
    (&[UW, A], Fin::Open),
    (&[UW, I], Fin::Open),
    (&[UW, U], Fin::Open),
    (&[UW, OW], Fin::Closed),
    (&[Y, EE], Fin::Closed),
    (&[I, EE, U], Fin::Open),
    (&[Y, EE, U], Fin::Open),
    (&[O, A, I], Fin::Open),
    (&[O, A, Y], Fin::Open),
    (&[O, A, O], Fin::Open),
    (&[O, E, O], Fin::Open),
    (&[U, AA, Y], Fin::Open),
    (&[U, OO, I], Fin::Open),
    (&[U, Y, A], Fin::Open),
    (&[U, Y, EE], Fin::Closed),
    (&[U, Y, U], Fin::Open),
    (&[UW, OW, I], Fin::Open),
    (&[UW, OW, U], Fin::Open),
];

/// Initial consonants (`gi` and `qu` are recognised separately).
const ONSETS: &[&str] = &[
    "", "b", "c", "ch", "d", "đ", "g", "gh", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p",
    "ph", "r", "s", "t", "th", "tr", "v", "x",
];

/// Final consonants (final `i y o u` are part of the vowel group).
const FINALS: &[&str] = &["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

/// Where the parts of a syllable are, as character indices.
struct Syllable {
    /// End of the initial consonant (start of the vowel group).
    onset_end: usize,
    /// End of the vowel group (start of the final consonant).
    nucleus_end: usize,
    /// Whether there is a final consonant.
    closed: bool,
}

/// Splits one lower-case word into initial consonant, vowel group and final
/// consonant, or None when it cannot be a Vietnamese syllable. This is the
/// check that tells a real TCVN3/VNI word (`nh©n` becomes `nhân`) from a
/// foreign one that happens to use the same characters (`Müller`, `Señor`).
fn parse_syllable(w: &[char]) -> Option<Syllable> {
    let mut rows: Vec<Option<usize>> = Vec::with_capacity(w.len());
    let mut tone = 0;
    for &c in w {
        match vowel(c) {
            Some(v) if !v.upper => {
                if v.tone != 0 {
                    if tone != 0 {
                        return None; // two tone marks
                    }
                    tone = v.tone;
                }
                rows.push(Some(v.row));
            }
            Some(_) => return None,
            None if "bcdđghklmnpqrstvx".contains(c) => rows.push(None),
            None => return None,
        }
    }
    let first_vowel = rows.iter().position(Option::is_some)?;
    let is_vowel = |i: usize| rows.get(i).is_some_and(Option::is_some);
    let onset: String = w[..first_vowel].iter().collect();
    let mut onset_end = first_vowel;
    if onset == "q" {
        // `qu` + vowel: the u is part of the consonant (quý, quốc, qua).
        if rows[first_vowel] == Some(U) && is_vowel(first_vowel + 1) {
            onset_end += 1;
        } else {
            return None;
        }
    } else if onset == "g" && rows[first_vowel] == Some(I) && is_vowel(first_vowel + 1) {
        // `gi` + vowel: the i is part of the consonant (gia, giữ, giường),
        // but in `gì`, `gìn` it is the vowel.
        onset_end += 1;
    } else if !ONSETS.contains(&onset.as_str()) {
        return None;
    }
    let nucleus_end = onset_end + rows[onset_end..].iter().take_while(|r| r.is_some()).count();
    if rows[nucleus_end..].iter().any(Option::is_some) {
        return None; // a second vowel group: more than one syllable
    }
    let fin: String = w[nucleus_end..].iter().collect();
    if !FINALS.contains(&fin.as_str()) {
        return None;
    }
    let nucleus: Vec<usize> = rows[onset_end..nucleus_end]
        .iter()
        .flatten()
        .copied()
        .collect();
    let (_, rule) = NUCLEI.iter().find(|(n, _)| *n == nucleus.as_slice())?;
    match rule {
        Fin::Open if !fin.is_empty() => return None,
        Fin::Closed if fin.is_empty() => return None,
        _ => {}
    }
    // -nh and -ch follow only a, ê, i, y (anh, ếch, inh, uynh).
    if matches!(fin.as_str(), "ch" | "nh") && !matches!(nucleus.last(), Some(&(A | EE | I | Y))) {
        return None;
    }
    // Syllables ending in a stop take only sắc or nặng (Việt, Bắc, nhất).
    if matches!(fin.as_str(), "c" | "ch" | "p" | "t") && !matches!(tone, ACUTE | DOT) {
        return None;
    }
    Some(Syllable {
        onset_end,
        nucleus_end,
        closed: !fin.is_empty(),
    })
}

/// Lower case, or upper case, or a capital first letter only.
fn plain_case(w: &[char]) -> bool {
    let ups = w.iter().filter(|c| c.is_uppercase()).count();
    ups == 0 || ups == w.len() || (ups == 1 && w.first().is_some_and(|c| c.is_uppercase()))
}

/// A word that could be written in Vietnamese: one syllable, ordinary case.
fn is_viet_word(w: &[char]) -> bool {
    if !plain_case(w) {
        return false;
    }
    let low: Vec<char> = w.iter().map(|&c| lower(c)).collect();
    parse_syllable(&low).is_some()
}

/// Splits `chars` into runs of word characters and runs of the rest.
fn segments(chars: &[char], is_word: fn(char) -> bool) -> Vec<(&[char], bool)> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=chars.len() {
        if i == chars.len() || is_word(chars[i]) != is_word(chars[start]) {
            out.push((&chars[start..i], is_word(chars[start])));
            start = i;
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Tone-mark placement
// ---------------------------------------------------------------------------

/// Where the tone mark goes on `oa`, `oe`, `uy` at the end of a syllable.
///
/// The old style (`hòa`, `khỏe`, `thủy`) puts it on the first vowel and is
/// what most government documents and place names use; the new style
/// (`hoà`, `khoẻ`, `thuỷ`) puts it on the second. Both are correct, but one
/// document (or one data set) should use one, and mixed styles also defeat
/// search and sorting.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ToneStyle {
    /// `hòa`, `khỏe`, `thủy`.
    Old,
    /// `hoà`, `khoẻ`, `thuỷ`.
    New,
}

/// Where the two vowels of a style-dependent word are, and which style it
/// uses.
fn style_split(low: &[char]) -> Option<(usize, ToneStyle)> {
    let syl = parse_syllable(low)?;
    // Only `oa`, `oe`, `uy` with nothing after them: `hoàn`, `toán`,
    // `huỳnh` have one placement; `qu` + `y` (quý) and `gi` + `a` (già)
    // are not these vowel pairs at all, as the parser keeps that u and i
    // with the consonant.
    if syl.closed || syl.nucleus_end - syl.onset_end != 2 {
        return None;
    }
    let first = vowel(low[syl.onset_end])?;
    let second = vowel(low[syl.onset_end + 1])?;
    if !matches!((first.row, second.row), (O, A) | (O, E) | (U, Y)) {
        return None;
    }
    match (first.tone, second.tone) {
        (0, 0) => None,
        (_, 0) => Some((syl.onset_end, ToneStyle::Old)),
        (0, _) => Some((syl.onset_end, ToneStyle::New)),
        _ => None,
    }
}

/// Which tone-mark style one word shows: None when the word has no `oa`,
/// `oe`, `uy` ending with a mark, or when both styles write it the same
/// (`hoàn`, `quý`, `già`).
pub fn tone_style_of_word(word: &str) -> Option<ToneStyle> {
    let low: Vec<char> = word.nfc().map(lower).collect();
    style_split(&low).map(|(_, style)| style)
}

/// Rewrites every word of `text` to one tone-mark style, keeping case and
/// everything else. The result is NFC.
pub fn to_tone_style(text: &str, style: ToneStyle) -> String {
    let nfc: String = text.nfc().collect();
    let chars: Vec<char> = nfc.chars().collect();
    let mut out = String::with_capacity(nfc.len());
    for (seg, is_word) in segments(&chars, char::is_alphabetic) {
        let split = if is_word {
            style_split(&seg.iter().map(|&c| lower(c)).collect::<Vec<_>>())
        } else {
            None
        };
        match split {
            Some((at, found)) if found != style => {
                let mut word = seg.to_vec();
                let (from, to) = match style {
                    ToneStyle::New => (at, at + 1),
                    ToneStyle::Old => (at + 1, at),
                };
                if let (Some(f), Some(t)) = (vowel(word[from]), vowel(word[to])) {
                    word[from] = compose(f.row, 0, f.upper);
                    word[to] = compose(t.row, f.tone, t.upper);
                }
                out.extend(word);
            }
            _ => out.extend(seg),
        }
    }
    out
}

/// If the texts use both tone-mark styles, one example word of each:
/// `(old, new)`. For `vanban check`, which then suggests [`to_tone_style`].
pub fn mixed_tone_styles<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<(String, String)> {
    let mut mix = ToneMix::default();
    texts.into_iter().find(|t| mix.add(t));
    mix.found()
}

/// [`mixed_tone_styles`] read text by text: the cells of a list of 100,000
/// delegates need not be held at once.
#[derive(Debug, Default)]
pub struct ToneMix {
    old: Option<String>,
    new: Option<String>,
}

impl ToneMix {
    /// Reads `text`; `true` once a word of each style has been seen.
    pub fn add(&mut self, text: &str) -> bool {
        // Texts are NFC already, as a rule: normalise only those that are not.
        let nfc: std::borrow::Cow<str> = if unicode_normalization::is_nfc_quick(text.chars())
            == unicode_normalization::IsNormalized::Yes
        {
            text.into()
        } else {
            text.nfc().collect::<String>().into()
        };
        // A word in either style has a tone mark, so is not plain ASCII.
        for word in nfc
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_ascii())
        {
            let low: Vec<char> = word.chars().map(lower).collect();
            match style_split(&low).map(|(_, style)| style) {
                Some(ToneStyle::Old) if self.old.is_none() => self.old = Some(word.to_string()),
                Some(ToneStyle::New) if self.new.is_none() => self.new = Some(word.to_string()),
                _ => {}
            }
            if self.old.is_some() && self.new.is_some() {
                return true;
            }
        }
        false
    }

    /// Whether a word of the new style has been seen.
    pub fn has_new(&self) -> bool {
        self.new.is_some()
    }

    /// A word of the old style and one of the new, if both were seen.
    pub fn found(&self) -> Option<(String, String)> {
        Some((self.old.clone()?, self.new.clone()?))
    }
}

// ---------------------------------------------------------------------------
// Official abbreviations
// ---------------------------------------------------------------------------

/// Known slips in the abbreviations of official names, with the right form.
/// Matched against a whole word, exactly (these are capitals).
///
/// Left out on purpose:
/// - `TW`: Party texts write `TƯ` for Trung ương in running text, but `TW`
///   is the official form in document symbols (`18-NQ/TW`, `36-HD/VPTW`),
///   and both are common in names (`BCH TW`), so flagging it would be wrong
///   too often.
/// - `UBMTTQ` and `UBMTTQVN` are both right.
const ABBREVIATION_SLIPS: &[(&str, &str)] = &[
    // Hội đồng nhân dân: the second letter is Đ (đồng); D is a slip.
    ("HDND", "HĐND"),
    // Same, written with the Icelandic eth Ð (U+00D0), which looks like Đ
    // (U+0110) but is another letter: search and sorting miss it.
    ("HÐND", "HĐND"),
    // Scanned text: OCR reads H as II.
    ("IIDND", "HĐND"),
    ("IIĐND", "HĐND"),
    // Ủy ban nhân dân is U-B-N-D: two transpositions and B typed as P.
    ("UNBD", "UBND"),
    ("UBDN", "UBND"),
    ("UPND", "UBND"),
    // Đại biểu Quốc hội: Đ, as in HĐND.
    ("DBQH", "ĐBQH"),
    ("ÐBQH", "ĐBQH"),
];

/// The correct form of a known misspelt official abbreviation (`HDND` →
/// `HĐND`, `UNBD` → `UBND`), or None. The list is short on purpose: each
/// entry is a slip in every context, so `vanban fix` may apply it blindly.
/// For the eth `Ð` anywhere else, see [`fix_eth`].
pub fn suspicious_abbreviation(word: &str) -> Option<&'static str> {
    let word: String = word.nfc().collect();
    ABBREVIATION_SLIPS
        .iter()
        .find(|(slip, _)| *slip == word)
        .map(|(_, right)| *right)
}

/// Replaces the Icelandic eth `Ð`/`ð` (U+00D0/U+00F0) with the Vietnamese
/// `Đ`/`đ` (U+0110/U+0111) where it stands for it, or None if there is
/// nothing to replace.
///
/// The two look the same, so the eth slips in from some fonts and keyboard
/// tools; but it is a different letter, and `Ðảng` is not found by a search
/// for `Đảng`. Vietnamese đ only starts a syllable, so only an eth that
/// starts a word, or sits in a word of capitals (`HÐND`), is replaced. Text
/// that [`detect_legacy`] recognises is left alone: there `Ð` is TCVN3 for
/// `é`, and the fix is the conversion. So is text with a thorn (`Þ`, `þ`),
/// which is Icelandic.
pub fn fix_eth(text: &str) -> Option<String> {
    if !text.contains(['Ð', 'ð']) || text.contains(['Þ', 'þ']) || detect_legacy(text).is_some()
    {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 2);
    let mut changed = false;
    for (seg, is_word) in segments(&chars, char::is_alphabetic) {
        let caps = !seg.iter().any(|c| c.is_lowercase());
        for (i, &c) in seg.iter().enumerate() {
            let fix = is_word && (i == 0 || caps);
            match c {
                'Ð' if fix => out.push('Đ'),
                'ð' if fix => out.push('đ'),
                _ => {
                    out.push(c);
                    continue;
                }
            }
            changed = true;
        }
    }
    changed.then_some(out)
}

/// `Kế hoạch` from `KẾ HOẠCH`: a type name as it stands inside a sentence.
pub fn sentence_case(caps: &str) -> String {
    let lower = caps.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // -- tables --------------------------------------------------------------

    #[test]
    fn vowel_tables_match_unicode_decomposition() {
        for row in 0..12 {
            let base: String = LOWER[row][0].to_string();
            for tone in 0..6 {
                for (table, case) in [(&LOWER, false), (&UPPER, true)] {
                    let c = table[row][tone];
                    let nfd: Vec<char> = c.to_string().nfd().collect();
                    if tone != 0 {
                        assert!(nfd.contains(&TONE_MARKS[tone]), "{c}: tone {tone}");
                    }
                    let toneless: String = nfd
                        .iter()
                        .filter(|m| !TONE_MARKS[1..].contains(m))
                        .collect::<String>()
                        .nfc()
                        .collect();
                    let want = if case {
                        base.to_uppercase()
                    } else {
                        base.clone()
                    };
                    assert_eq!(toneless, want, "{c}");
                    assert_eq!(upper(LOWER[row][tone]), UPPER[row][tone]);
                }
            }
        }
    }

    // -- syllables ----------------------------------------------------------------

    #[test]
    fn syllables() {
        let ok = |w: &str| is_viet_word(&w.chars().collect::<Vec<_>>());
        for w in [
            "Đảng",
            "người",
            "quý",
            "già",
            "gì",
            "giường",
            "khuỷu",
            "Nguyễn",
            "thuở",
            "Ủy",
            "uỷ",
            "xoong",
            "HUYỆN",
            "quyết",
            "oanh",
            "Việt",
            "ăn",
            "năm",
        ] {
            assert!(ok(w), "{w}");
        }
        // Foreign words, wrong case, a stop without sắc/nặng, ă with no
        // final consonant, -nh after o, no vowel.
        for w in ["Müller", "Señor", "café", "ViƯt", "viet", "tă", "onh", "gh"] {
            assert!(!ok(w), "{w}");
        }
    }

    // -- tone styles ----------------------------------------------------------------

    #[test]
    fn tone_style_of_words() {
        use ToneStyle::{New, Old};
        for (w, style) in [
            ("hòa", Some(Old)),
            ("hoà", Some(New)),
            ("thủy", Some(Old)),
            ("thuỷ", Some(New)),
            ("khỏe", Some(Old)),
            ("khoẻ", Some(New)),
            ("Thụy", Some(Old)),
            ("Thuỵ", Some(New)),
            ("Ủy", Some(Old)),
            ("Uỷ", Some(New)),
            ("HÒA", Some(Old)),
            ("HOÀ", Some(New)),
            ("quý", None),
            ("quả", None),
            ("già", None),
            ("hoàn", None),
            ("toán", None),
            ("huỳnh", None),
            ("ngoài", None),
            ("hoa", None),
            ("của", None),
            ("", None),
        ] {
            assert_eq!(tone_style_of_word(w), style, "{w}");
        }
        let nfd: String = "hòa".nfd().collect();
        assert_eq!(tone_style_of_word(&nfd), Some(Old));
    }

    #[test]
    fn rewrite_tone_style() {
        use ToneStyle::{New, Old};
        assert_eq!(to_tone_style("Hòa Bình", New), "Hoà Bình");
        assert_eq!(to_tone_style("Hoà Bình", Old), "Hòa Bình");
        assert_eq!(to_tone_style("Ủy ban", New), "Uỷ ban");
        assert_eq!(to_tone_style("Uỷ ban", Old), "Ủy ban");
        assert_eq!(to_tone_style("HÒA, thủy; khỏe.", New), "HOÀ, thuỷ; khoẻ.");
        assert_eq!(to_tone_style("HOÀ, thuỷ; khoẻ.", Old), "HÒA, thủy; khỏe.");
        assert_eq!(to_tone_style("Thụy Khuê", New), "Thuỵ Khuê");
        let same = "quý hoàn toán già của 36-HD/VPTW";
        assert_eq!(to_tone_style(same, New), same);
        assert_eq!(to_tone_style(same, Old), same);
        let nfd: String = "Hòa".nfd().collect();
        assert_eq!(to_tone_style(&nfd, New), "Hoà");
    }

    #[test]
    fn mixed_styles() {
        assert_eq!(
            mixed_tone_styles(["Xã Hòa Bình", "Trường THCS", "Thuỷ Nguyên"]),
            Some(("Hòa".to_string(), "Thuỷ".to_string()))
        );
        assert_eq!(mixed_tone_styles(["Hòa Bình", "thủy lợi", "quý"]), None);
        assert_eq!(mixed_tone_styles(["Hoà Bình", "thuỷ lợi"]), None);
        assert_eq!(mixed_tone_styles(std::iter::empty()), None);
    }

    // -- abbreviations ---------------------------------------------------------------

    #[test]
    fn abbreviations() {
        for (slip, right) in [
            ("HDND", "HĐND"),
            ("HÐND", "HĐND"),
            ("IIDND", "HĐND"),
            ("UNBD", "UBND"),
            ("UBDN", "UBND"),
            ("UPND", "UBND"),
            ("DBQH", "ĐBQH"),
        ] {
            assert_eq!(suspicious_abbreviation(slip), Some(right), "{slip}");
        }
        for ok in [
            "HĐND", "UBND", "UBMTTQ", "UBMTTQVN", "TW", "TƯ", "VPTW", "Hdnd", "",
        ] {
            assert_eq!(suspicious_abbreviation(ok), None, "{ok}");
        }
    }

    #[test]
    fn eth() {
        assert_eq!(
            fix_eth("Thường trực HÐND xã, Ðảng ủy, ðồng chí").as_deref(),
            Some("Thường trực HĐND xã, Đảng ủy, đồng chí")
        );
        assert_eq!(fix_eth("Đảng ủy"), None);
        // TCVN3 `Ð` is `é`: the fix there is the conversion.
        assert_eq!(fix_eth("§¶ng bÐ nh©n d©n"), None);
        // Icelandic.
        assert_eq!(fix_eth("Þór Guðmundsson"), None);
        // Not at a word start, in a lower-case word: left alone.
        assert_eq!(fix_eth("Guðrun"), None);
    }
}
