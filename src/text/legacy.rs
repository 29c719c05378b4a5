//! The two pre-Unicode Vietnamese encodings still met in office files,
//! TCVN3 (VN3) and VNI: text pasted from them told apart from Western
//! text, converted to Unicode, and written back (for the tests).

use super::*;

/// The two pre-Unicode Vietnamese encodings still met in office files.
///
/// Both were 8-bit font encodings: the text file held Western (Windows-1252)
/// bytes and only the font made them look Vietnamese. Copied into a Unicode
/// file, the bytes come out as Western letters and symbols (`§¶ng` for
/// `Đảng`), which is what [`detect_legacy`] looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Legacy {
    /// TCVN 5712:1993 VN3, the `ABC` keyboard and the `.Vn` fonts
    /// (`.VnTime`, `.VnArial`; upper-case `.VnTimeH`): one byte a letter.
    Tcvn3,
    /// VNI Windows (`VNI-Times`, …): a base letter followed by a separate
    /// byte for the marks, e.g. `a` + `ù` for `á`.
    Vni,
}

/// TCVN3 (VN3) bytes 0xA1..=0xFF, read as Latin-1, to Unicode. Bytes
/// 0xB0..=0xB4 are the standard's combining tone marks. The lower-case
/// `.Vn` fonts have every lower-case letter; of the upper case only
/// Ă Â Ê Ô Ơ Ư Đ and sixteen letters that fit in free places (Ằ Ẳ Ẵ Ắ, Ầ Ẩ Ẫ
/// Ấ, Ề Ể Ễ Ế, Ồ Ổ Ỗ Ố). Other capitals were typed with the `H` fonts, which
/// draw the lower-case codes as capitals.
///
/// Written from TCVN 5712:1993 as published in GNU libiconv's `tcvn.h`
/// (the VN1 table, whose 0xA0..=0xFF half is VN3) and checked letter by
/// letter against two converters' tables (a C# TCVN3→Unicode converter and
/// the VBKey code tables).
#[rustfmt::skip]
const TCVN3_HIGH: [char; 95] = [
    // A1..=AF
    'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ', 'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ', 'Ằ',
    // B0..=BF (B0..=B4: combining grave, hook, tilde, acute, dot below)
    '\u{300}', '\u{309}', '\u{303}', '\u{301}', '\u{323}', 'à', 'ả', 'ã',
    'á', 'ạ', 'Ẳ', 'ằ', 'ẳ', 'ẵ', 'ắ', 'Ẵ',
    // C0..=CF
    'Ắ', 'Ầ', 'Ẩ', 'Ẫ', 'Ấ', 'Ề', 'ặ', 'ầ', 'ẩ', 'ẫ', 'ấ', 'ậ', 'è', 'Ể', 'ẻ', 'ẽ',
    // D0..=DF
    'é', 'ẹ', 'ề', 'ể', 'ễ', 'ế', 'ệ', 'ì', 'ỉ', 'Ễ', 'Ế', 'Ồ', 'ĩ', 'í', 'ị', 'ò',
    // E0..=EF
    'Ổ', 'ỏ', 'õ', 'ó', 'ọ', 'ồ', 'ổ', 'ỗ', 'ố', 'ộ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ', 'ù',
    // F0..=FF
    'Ỗ', 'ủ', 'ũ', 'ú', 'ụ', 'ừ', 'ử', 'ữ', 'ứ', 'ự', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ', 'Ố',
];

/// The Latin-1 letters that Unicode Vietnamese itself uses. In legacy text
/// they mean something else (TCVN3 `Ê` is `ấ`), but seeing one proves
/// nothing.
fn is_latin1_viet(c: char) -> bool {
    "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý".contains(c)
}

fn is_latin1_high(c: char) -> bool {
    ('\u{A1}'..='\u{FF}').contains(&c)
}

fn tcvn3_char(c: char) -> Option<char> {
    let i = (c as u32).checked_sub(0xA1)?;
    TCVN3_HIGH.get(i as usize).copied()
}

fn is_tcvn3_combining(c: char) -> bool {
    ('\u{B0}'..='\u{B4}').contains(&c)
}

/// In TCVN3 every byte from 0xA1 up is part of a letter, so `nh©n` is one
/// word.
fn is_tcvn3_word_char(c: char) -> bool {
    c.is_ascii_alphabetic() || is_latin1_high(c)
}

/// Bytes 0xA1..=0xBF are symbols in Latin-1 (© « ¶ µ ¸ …): inside a word
/// they are a sure sign of TCVN3.
fn is_tcvn3_symbol(c: char) -> bool {
    ('\u{A1}'..='\u{BF}').contains(&c) && !is_tcvn3_combining(c)
}

/// A TCVN3 letter that Unicode Vietnamese never uses.
fn is_tcvn3_only(c: char) -> bool {
    is_latin1_high(c) && !is_tcvn3_combining(c) && !is_latin1_viet(c)
}

/// Evidence that a TCVN3 word is written in capitals: ASCII capitals and
/// the codes that are capitals in the lower-case font.
fn tcvn3_upper_evidence(c: char) -> bool {
    c.is_ascii_uppercase() || (!c.is_ascii() && tcvn3_char(c).is_some_and(char::is_uppercase))
}

/// Whether a TCVN3 word was typed in an `H` (capitals) font, so its
/// lower-case codes mean capitals: the word has no lower-case ASCII letter
/// and either two capitals of its own or the whole text is in capitals.
/// `Uû` (one capital) stays `Uỷ`; `§¶NG` is `ĐẢNG`.
fn tcvn3_word_caps(word: &[char], text_caps: bool) -> bool {
    !word.iter().any(char::is_ascii_lowercase)
        && (text_caps || word.iter().filter(|&&c| tcvn3_upper_evidence(c)).count() >= 2)
}

fn tcvn3_text_caps(chars: &[char]) -> bool {
    !chars.iter().any(char::is_ascii_lowercase)
        && chars.iter().filter(|&&c| tcvn3_upper_evidence(c)).count() >= 2
}

/// Decodes one TCVN3 word. `caps`: the word was typed in an `H` font.
/// `capital_first`: the word starts a sentence, so a first vowel with a
/// tone mark, which the lower-case font had no capital for, is a capital.
fn tcvn3_word(word: &[char], caps: bool, capital_first: bool) -> String {
    let mut out: Vec<char> = Vec::with_capacity(word.len());
    for (i, &c) in word.iter().enumerate() {
        match tcvn3_char(c) {
            Some(m) if is_tcvn3_combining(c) => {
                // A separate tone mark: put it on the vowel before, if that
                // vowel has none yet; otherwise leave the byte as it was.
                let tone = TONE_MARKS.iter().position(|&t| t == m).unwrap_or(0);
                let toneless = out.last().and_then(|&p| vowel(p)).filter(|v| v.tone == 0);
                match (toneless, out.last_mut()) {
                    (Some(v), Some(last)) if tone != 0 => *last = compose(v.row, tone, v.upper),
                    _ => out.push(c),
                }
            }
            Some(m) => {
                let first_capital =
                    capital_first && i == 0 && vowel(m).is_some_and(|v| v.tone != 0);
                out.push(if caps || first_capital { upper(m) } else { m });
            }
            None => out.push(c),
        }
    }
    out.into_iter().collect()
}

fn convert_tcvn3(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let text_caps = tcvn3_text_caps(&chars);
    let mut out = String::with_capacity(s.len() * 2);
    let mut sentence_start = true;
    for (seg, is_word) in segments(&chars, is_tcvn3_word_char) {
        if is_word {
            let caps = tcvn3_word_caps(seg, text_caps);
            out.push_str(&tcvn3_word(seg, caps, sentence_start));
            sentence_start = false;
        } else {
            out.extend(seg);
            if seg.iter().any(|c| matches!(c, '.' | '!' | '?' | '\n')) {
                sentence_start = true;
            }
        }
    }
    out.nfc().collect()
}

// VNI Windows. Written from the VNI table of xvnkb (`vni.h`, Dao Hai Lam)
// and checked against the VBKey code tables; both agree letter by letter.
// A vowel is a base letter, then one byte for its marks:
//   tone only      sắc ù  huyền ø  hỏi û  ngã õ  nặng ï
//   circumflex  â  + sắc á  huyền à  hỏi å  ngã ã  nặng ä
//   breve       ê  + sắc é  huyền è  hỏi ú  ngã ü  nặng ë
// Capital letters take the capital mark bytes (Ù Ø Û …). Some letters are
// one byte: ơ ô, ư ö, đ ñ, and the i's and ỵ (í ì æ ó ò î).

/// Mark bytes for a tone alone, by tone number.
const VNI_TONE: [char; 6] = ['\0', 'ù', 'ø', 'û', 'õ', 'ï'];
/// Mark bytes for the circumflex with each tone.
const VNI_CIRCUMFLEX: [char; 6] = ['â', 'á', 'à', 'å', 'ã', 'ä'];
/// Mark bytes for the breve with each tone.
const VNI_BREVE: [char; 6] = ['ê', 'é', 'è', 'ú', 'ü', 'ë'];
/// One-byte letters: i with tones, ỵ, ơ, ư, đ.
const VNI_SINGLE: [(char, char); 9] = [
    ('í', 'í'),
    ('ì', 'ì'),
    ('æ', 'ỉ'),
    ('ó', 'ĩ'),
    ('ò', 'ị'),
    ('î', 'ỵ'),
    ('ô', 'ơ'),
    ('ö', 'ư'),
    ('ñ', 'đ'),
];

/// The letters a VNI mark byte can follow, with their row.
fn vni_base(c: char) -> Option<(usize, bool)> {
    let row = match lower(c) {
        'a' => A,
        'e' => E,
        'o' => O,
        'u' => U,
        'y' => Y,
        'ô' => OW,
        'ö' => UW,
        _ => return None,
    };
    Some((row, c.is_uppercase()))
}

/// Row and tone of a base letter followed by a mark byte.
fn vni_combine(row: usize, mark: char) -> Option<(usize, usize)> {
    let mark = lower(mark);
    if let Some(tone) = VNI_TONE.iter().skip(1).position(|&m| m == mark) {
        return matches!(row, A | E | O | OW | U | UW | Y).then_some((row, tone + 1));
    }
    if let Some(tone) = VNI_CIRCUMFLEX.iter().position(|&m| m == mark) {
        let row = match row {
            A => AA,
            E => EE,
            O => OO,
            _ => return None,
        };
        return Some((row, tone));
    }
    if let Some(tone) = VNI_BREVE.iter().position(|&m| m == mark) {
        return (row == A).then_some((AW, tone));
    }
    None
}

fn vni_single(c: char) -> Option<char> {
    let l = lower(c);
    let (_, m) = VNI_SINGLE.iter().find(|(v, _)| *v == l)?;
    Some(if c.is_uppercase() { upper(*m) } else { *m })
}

/// A decoded VNI run, with what it says about being VNI.
#[derive(Default)]
struct VniDecoded {
    text: Vec<char>,
    /// Bytes used that Unicode Vietnamese never has (ø û ï å ä ü ë æ î ö ñ).
    only: u32,
    /// Pairs of Vietnamese letters that never meet in Unicode (`aâ`, `eä`,
    /// `aù`).
    impossible: u32,
    /// `oà`, `oá`, `oã`: VNI for ồ ố ỗ, but also Unicode `hoà`, `toán`.
    ambiguous: u32,
    /// Vowel + `ï` pairs (counted in `only` too): VNI for ạ ọ ụ…, but also
    /// French (`Loïc`, `Naïm`).
    dot: u32,
    /// Whether decoding changed anything.
    changed: bool,
}

fn vni_decode(chars: &[char]) -> VniDecoded {
    let mut d = VniDecoded {
        text: Vec::with_capacity(chars.len()),
        ..VniDecoded::default()
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some((row, up)) = vni_base(c)
            && let Some(&m) = chars.get(i + 1)
            && let Some((row, tone)) = vni_combine(row, m)
        {
            d.text.push(compose(row, tone, up));
            let base_only = !c.is_ascii() && !is_latin1_viet(c);
            let mark_only = !is_latin1_viet(m);
            d.only += u32::from(base_only) + u32::from(mark_only);
            // A mark byte that no language puts after a vowel (`aä`, `eå`,
            // `oû`) counts double; `ï` does not, as French writes `Loïc`.
            if mark_only && !base_only {
                if lower(m) == 'ï' {
                    d.dot += 1;
                } else {
                    d.only += 1;
                }
            }
            if !base_only && !mark_only {
                if lower(c) == 'o' && matches!(lower(m), 'à' | 'á' | 'ã') {
                    d.ambiguous += 1;
                } else {
                    d.impossible += 1;
                }
            }
            d.changed = true;
            i += 2;
            continue;
        }
        match vni_single(c) {
            Some(m) => {
                d.changed |= m != c;
                d.only += u32::from(!is_latin1_viet(c));
                d.text.push(m);
            }
            None => d.text.push(c),
        }
        i += 1;
    }
    d
}

fn is_vni_word_char(c: char) -> bool {
    c.is_ascii_alphabetic() || (('\u{C0}'..='\u{FF}').contains(&c) && c != '×' && c != '÷')
}

/// Converts text typed with a legacy Vietnamese font, and pasted into a
/// Unicode file, into proper Unicode (NFC).
///
/// Convert only text that [`detect_legacy`] recognised (or that the user
/// says is legacy): in ordinary Unicode text the same characters mean
/// something else, and `à` would become `Ổ`.
///
/// TCVN3 has two ambiguities, resolved as follows:
/// - Capitals with tone marks mostly do not exist in the lower-case `.Vn`
///   fonts; typists used the `H` fonts, whose codes are the lower-case
///   ones. A word with no lower-case ASCII letter and at least two capitals
///   (`§¶NG`), or any such word when the whole text is in capitals, is read
///   as typed in an `H` font (`ĐẢNG`).
/// - A toned vowel that starts the text or a sentence is read as a capital
///   (`¸p dông` is `Áp dụng`), since it could not be typed as one. Elsewhere
///   it stays lower case: `Ngäc ¸nh` gives `Ngọc ánh`, the capital is lost.
///
/// `Uû` is `Uỷ` (the lower-case font has no `Ủ`, so `ABC` typists put the
/// mark on the y); [`to_tone_style`] turns it into `Ủy` when wanted.
pub fn convert_legacy(s: &str, enc: Legacy) -> String {
    match enc {
        Legacy::Tcvn3 => convert_tcvn3(s),
        Legacy::Vni => vni_decode(&s.chars().collect::<Vec<_>>())
            .text
            .into_iter()
            .collect::<String>()
            .nfc()
            .collect(),
    }
}

/// Encodes Unicode text the way a legacy font file would hold it, read back
/// as Latin-1: the inverse of [`convert_legacy`], for tests and fixtures.
///
/// Lossy where the encoding is: TCVN3 has no code for most capitals with
/// tone marks (`Ánh`), which come out as the lower-case code, as in a file
/// typed with an `H` font for that letter. Characters the encoding does not
/// have are kept as they are.
pub fn to_legacy(s: &str, enc: Legacy) -> String {
    let nfc: String = s.nfc().collect();
    match enc {
        Legacy::Tcvn3 => nfc.chars().map(tcvn3_encode).collect(),
        Legacy::Vni => {
            let mut out = String::with_capacity(nfc.len() * 2);
            for c in nfc.chars() {
                vni_encode(c, &mut out);
            }
            out
        }
    }
}

fn tcvn3_encode(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    let find = |u: char| {
        TCVN3_HIGH
            .iter()
            .position(|&m| m == u && !is_tcvn3_combining(m))
            .and_then(|i| char::from_u32(0xA1 + i as u32))
    };
    find(c).or_else(|| find(lower(c))).unwrap_or(c)
}

fn vni_encode(c: char, out: &mut String) {
    if lower(c) == 'đ' {
        out.push(if c == 'đ' { 'ñ' } else { 'Ñ' });
        return;
    }
    let Some(v) = vowel(c) else {
        out.push(c);
        return;
    };
    let case = |x: char| if v.upper { upper(x) } else { x };
    // The i's and ỵ are single bytes.
    if v.row == I && v.tone != 0 {
        let single = ['i', 'í', 'ì', 'æ', 'ó', 'ò'][v.tone];
        out.push(case(single));
        return;
    }
    if v.row == Y && v.tone == DOT {
        out.push(case('î'));
        return;
    }
    let (base, marks) = match v.row {
        A => ('a', &VNI_TONE),
        AW => ('a', &VNI_BREVE),
        AA => ('a', &VNI_CIRCUMFLEX),
        E => ('e', &VNI_TONE),
        EE => ('e', &VNI_CIRCUMFLEX),
        I => ('i', &VNI_TONE),
        O => ('o', &VNI_TONE),
        OO => ('o', &VNI_CIRCUMFLEX),
        OW => ('ô', &VNI_TONE),
        U => ('u', &VNI_TONE),
        UW => ('ö', &VNI_TONE),
        _ => ('y', &VNI_TONE),
    };
    out.push(case(base));
    let mark = marks[v.tone];
    if mark != '\0' {
        out.push(case(mark));
    }
}

/// What the words of a text say for one encoding.
#[derive(Default, Debug)]
struct Score {
    /// Strength of the evidence, summed over the words that decode to
    /// Vietnamese.
    marks: u32,
    /// Words that decode to Vietnamese.
    words: u32,
    /// Words with characters of the encoding that do not decode to
    /// Vietnamese (`Müller` for TCVN3).
    against: u32,
    /// Words whose evidence is more than what French also writes (a vowel
    /// and `ï`).
    strong: u32,
}

impl Score {
    fn found(&self) -> bool {
        self.marks >= 2 && self.words > self.against && self.strong > 0
    }
}

fn tcvn3_score(chars: &[char]) -> Score {
    let text_caps = tcvn3_text_caps(chars);
    let mut score = Score::default();
    for (word, is_word) in segments(chars, is_tcvn3_word_char) {
        // A symbol alone (`©`, `½`, `«`) is a symbol.
        if !is_word || !word.iter().any(char::is_ascii_alphabetic) {
            continue;
        }
        let only = word.iter().filter(|&&c| is_tcvn3_only(c)).count() as u32;
        let last = word.len() - 1;
        // A symbol between letters, or a soft hyphen (TCVN3 `ư`, invisible
        // in Unicode text) after letters, never happens in other text.
        let inside = word
            .iter()
            .enumerate()
            .any(|(i, &c)| (i > 0 && i < last && is_tcvn3_symbol(c)) || (i > 0 && c == '\u{AD}'));
        let has_combining = word.iter().any(|&c| is_tcvn3_combining(c));
        let has_high = word.iter().any(|&c| is_latin1_high(c));
        let marks = if only > 0 {
            only + u32::from(inside)
        } else if has_high && !has_combining && !is_viet_word(word) {
            // Only letters Unicode Vietnamese also has, but not a Vietnamese
            // word as it stands (`GiÊy`, `mêi`): counts if it decodes to one.
            1
        } else {
            0
        };
        if marks == 0 {
            continue;
        }
        let decoded: Vec<char> = tcvn3_word(word, tcvn3_word_caps(word, text_caps), false)
            .chars()
            .collect();
        if is_viet_word(&decoded) {
            score.words += 1;
            score.strong += 1;
            score.marks += marks;
        } else if only > 0 && word.iter().any(char::is_ascii_lowercase) {
            score.against += 1;
        }
    }
    score
}

fn vni_score(chars: &[char]) -> Score {
    let mut score = Score::default();
    for (word, is_word) in segments(chars, is_vni_word_char) {
        if !is_word || !word.iter().any(char::is_ascii_alphabetic) {
            continue;
        }
        // French `où` is the one common foreign word VNI would read as `ó`.
        if word.len() == 2 && lower(word[0]) == 'o' && lower(word[1]) == 'ù' {
            continue;
        }
        let d = vni_decode(word);
        let sure = d.only + d.impossible;
        let marks = if sure > 0 {
            // `ñoàng` (đồng): once the word is surely VNI, `oà` counts too.
            sure + d.ambiguous
        } else if d.changed && !is_viet_word(word) {
            1
        } else {
            0
        };
        if marks == 0 {
            continue;
        }
        if is_viet_word(&d.text) {
            score.words += 1;
            score.strong += u32::from(sure == 0 || sure > d.dot);
            score.marks += marks;
        } else if sure > 0 && word.iter().any(char::is_ascii_lowercase) {
            score.against += 1;
        }
    }
    score
}

/// Recognises text typed with a TCVN3 or VNI font and pasted into a Unicode
/// file, so that `vanban check` can propose [`convert_legacy`] as the fix.
///
/// The characters involved are ordinary Latin-1 letters and symbols, so a
/// single one proves nothing (`Señor`, `Müller`, `«quoted»`, `½`). A word
/// counts only if it has characters of the encoding that Unicode Vietnamese
/// never uses (`§`, `¶`, `©` in TCVN3; `ø`, `û`, `ä`, `ñ` in VNI), or sits
/// in a way Unicode Vietnamese never writes (`GiÊy`, `nhaân`), **and** it
/// decodes to a valid Vietnamese syllable. A symbol inside a word (`nh©n`),
/// a TCVN3 soft hyphen (`ư`) after a letter, and a VNI mark byte no language
/// puts after a vowel (`aä`, `aû`) count double. The text is recognised when
/// the evidence adds up to two or more and the decoded words outnumber the
/// words of the encoding's characters that do not decode to Vietnamese. For
/// VNI, vowel + `ï` alone (`Loïc`, also French) is not enough: some other
/// VNI sign must be present.
///
/// So one short word (a name field `TrÇn`) is usually not recognised; a
/// full name or a line is.
///
/// Text with any letter outside Latin-1 (`ă`, `đ`, `ơ`, `ệ`, or combining
/// marks) is Unicode, or already mixed, and is never recognised: converting
/// it would damage the Unicode part.
pub fn detect_legacy(s: &str) -> Option<Legacy> {
    let mut any_high = false;
    for c in s.chars() {
        if (c as u32) > 0xFF && (c.is_alphabetic() || ('\u{300}'..='\u{36F}').contains(&c)) {
            return None;
        }
        any_high |= is_latin1_high(c);
    }
    if !any_high {
        return None;
    }
    let chars: Vec<char> = s.chars().collect();
    let t = tcvn3_score(&chars);
    let v = vni_score(&chars);
    match (t.found(), v.found()) {
        (true, false) => Some(Legacy::Tcvn3),
        (false, true) => Some(Legacy::Vni),
        (true, true) => {
            let tk = (t.marks, std::cmp::Reverse(t.against));
            let vk = (v.marks, std::cmp::Reverse(v.against));
            match tk.cmp(&vk) {
                std::cmp::Ordering::Greater => Some(Legacy::Tcvn3),
                std::cmp::Ordering::Less => Some(Legacy::Vni),
                std::cmp::Ordering::Equal => None,
            }
        }
        (false, false) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tcvn3_table_covers_every_lower_case_letter_once() {
        // 66 toned or hatted vowels plus đ: every lower-case Vietnamese
        // letter outside ASCII has exactly one code.
        let mut want: Vec<char> = LOWER
            .iter()
            .flatten()
            .copied()
            .filter(|c| !c.is_ascii())
            .collect();
        want.push('đ');
        let mut got: Vec<char> = TCVN3_HIGH
            .iter()
            .copied()
            .filter(|c| c.is_lowercase())
            .collect();
        want.sort_unstable();
        got.sort_unstable();
        assert_eq!(got, want);
        // Capitals: the seven hatted letters and the sixteen of VN3.
        let mut caps: Vec<char> = TCVN3_HIGH
            .iter()
            .copied()
            .filter(|c| c.is_uppercase())
            .collect();
        caps.sort_unstable();
        let mut want: Vec<char> = "ĂÂÊÔƠƯĐẰẲẴẮẦẨẪẤỀỂỄẾỒỔỖỐ".chars().collect();
        want.sort_unstable();
        assert_eq!(caps, want);
    }

    #[test]
    fn tcvn3_known_place_names() {
        // Pairs published with open-source TCVN3 converters.
        for (legacy, unicode) in [
            ("B¶o Th¾ng", "Bảo Thắng"),
            // The ư is a soft hyphen (0xAD), invisible in most editors.
            ("M\u{AD}êng Kh\u{AD}¬ng", "Mường Khương"),
            ("B¸t X¸t", "Bát Xát"),
            ("Ninh B×nh", "Ninh Bình"),
        ] {
            assert_eq!(convert_legacy(legacy, Legacy::Tcvn3), unicode);
        }
    }

    // -- the examples of the brief -----------------------------------------

    #[test]
    fn tcvn3_examples() {
        let cases = [
            // The lower-case font has no Ủ: the mark is on the y.
            ("Uû ban nh©n d©n", "Uỷ ban nhân dân"),
            ("Ban ChÊp hµnh", "Ban Chấp hành"),
            ("§¶ng Céng s¶n ViÖt Nam", "Đảng Cộng sản Việt Nam"),
        ];
        for (legacy, unicode) in cases {
            assert_eq!(detect_legacy(legacy), Some(Legacy::Tcvn3), "{legacy}");
            assert_eq!(convert_legacy(legacy, Legacy::Tcvn3), unicode);
        }
        let uy = convert_legacy("Uû ban nh©n d©n", Legacy::Tcvn3);
        assert_eq!(to_tone_style(&uy, ToneStyle::Old), "Ủy ban nhân dân");
    }

    #[test]
    fn vni_examples() {
        for (legacy, unicode) in [
            ("Ñaûng Coäng saûn Vieät Nam", "Đảng Cộng sản Việt Nam"),
            ("UÛy ban nhaân daân", "Ủy ban nhân dân"),
            ("Thöôøng tröïc", "Thường trực"),
            ("Quyeát ñònh", "Quyết định"),
        ] {
            assert_eq!(detect_legacy(legacy), Some(Legacy::Vni), "{legacy}");
            assert_eq!(convert_legacy(legacy, Legacy::Vni), unicode);
        }
    }

    #[test]
    fn tcvn3_capitals_font() {
        // Typed in .VnTimeH: the lower-case codes are capitals.
        assert_eq!(
            convert_legacy("UBND HUYÖN §«NG ANH", Legacy::Tcvn3),
            "UBND HUYỆN ĐÔNG ANH"
        );
        // The whole text is in capitals, so `Bé` is too.
        assert_eq!(convert_legacy("§¶NG Bé", Legacy::Tcvn3), "ĐẢNG BỘ");
        assert_eq!(convert_legacy("§¶NG bé", Legacy::Tcvn3), "ĐẢNG bộ");
        assert_eq!(detect_legacy("UBND HUYÖN §«NG ANH"), Some(Legacy::Tcvn3));
        // A toned vowel starting a sentence was a capital.
        assert_eq!(
            convert_legacy("¸p dông. ¸p dông", Legacy::Tcvn3),
            "Áp dụng. Áp dụng"
        );
        // Separate combining marks of TCVN 5712 join the vowel before.
        assert_eq!(convert_legacy("ba³n", Legacy::Tcvn3), "bán");
        assert_eq!(convert_legacy("25°C", Legacy::Tcvn3), "25°C");
    }

    // -- round trips ----------------------------------------------------------

    const PHRASES: &[&str] = &[
        "Ban Thường vụ Huyện ủy",
        "Ủy ban Kiểm tra",
        "Hội đồng nhân dân",
        "Mặt trận Tổ quốc Việt Nam",
        "đồng chí",
        "Nơi nhận",
        "Lưu Văn phòng",
        "Lò Văn Khiêm",
        "Giàng A Của",
        "Ủy ban nhân dân tỉnh",
        "Ban Chấp hành Đảng bộ",
        "Đảng Cộng sản Việt Nam",
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Độc lập - Tự do - Hạnh phúc",
        "Bí thư Chi bộ",
        "Ban Tuyên giáo Tỉnh ủy",
        "Ban Tổ chức Huyện ủy",
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
        "Hội Liên hiệp Phụ nữ",
        "Hội Cựu chiến binh",
        "Hội Nông dân",
        "Liên đoàn Lao động",
        "Văn phòng Huyện ủy",
        "Quyết định",
        "Kế hoạch tổ chức hội nghị",
        "Giấy mời",
        "Trân trọng kính mời",
        "Đại hội đại biểu",
        "Trần Văn Hùng",
        "Phạm Thị Hương",
        "Hoàng Minh Đức",
        "Sùng A Páo",
        "Lường Văn Ơn",
        "thôn Bản Phố, xã Nậm Lầu",
        "Thường trực Hội đồng nhân dân",
        "Kính gửi: Các đồng chí Ủy viên Ban Chấp hành",
        "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Mường Khương",
        "khuya, quyết, giữa, người, thuở, khuỷu",
    ];

    #[test]
    fn round_trip_vni() {
        for p in PHRASES {
            let legacy = to_legacy(p, Legacy::Vni);
            assert_eq!(detect_legacy(&legacy), Some(Legacy::Vni), "{p}: {legacy}");
            assert_eq!(convert_legacy(&legacy, Legacy::Vni), *p, "{legacy}");
        }
    }

    #[test]
    fn round_trip_tcvn3() {
        for p in PHRASES {
            let legacy = to_legacy(p, Legacy::Tcvn3);
            assert_eq!(detect_legacy(&legacy), Some(Legacy::Tcvn3), "{p}: {legacy}");
            // The lower-case font has no Ủ; only at the start of a sentence
            // can the capital be inferred.
            let want = match *p {
                "Kính gửi: Các đồng chí Ủy viên Ban Chấp hành" => {
                    "Kính gửi: Các đồng chí ủy viên Ban Chấp hành"
                }
                _ => p,
            };
            assert_eq!(convert_legacy(&legacy, Legacy::Tcvn3), want, "{legacy}");
        }
    }

    #[test]
    fn round_trip_tcvn3_loses_inner_capitals() {
        // No code for Á in the lower-case font, and nothing says it was one.
        let legacy = to_legacy("Nguyễn Thị Ngọc Ánh", Legacy::Tcvn3);
        assert_eq!(legacy, "NguyÔn ThÞ Ngäc ¸nh");
        assert_eq!(detect_legacy(&legacy), Some(Legacy::Tcvn3));
        assert_eq!(
            convert_legacy(&legacy, Legacy::Tcvn3),
            "Nguyễn Thị Ngọc ánh"
        );
        // Alone (a name field), it starts the text and is a capital.
        assert_eq!(convert_legacy("¸nh", Legacy::Tcvn3), "Ánh");
        let vni = to_legacy("Nguyễn Thị Ngọc Ánh", Legacy::Vni);
        assert_eq!(vni, "Nguyeãn Thò Ngoïc AÙnh");
        assert_eq!(convert_legacy(&vni, Legacy::Vni), "Nguyễn Thị Ngọc Ánh");
    }

    // -- false positives --------------------------------------------------------

    #[test]
    fn unicode_and_foreign_text_is_not_legacy() {
        for p in PHRASES {
            assert_eq!(detect_legacy(p), None, "{p}");
            let nfd: String = p.nfd().collect();
            assert_eq!(detect_legacy(&nfd), None, "{p} (NFD)");
        }
        for s in [
            "Señor Müller – “quoted”",
            "Hello, world! The quick brown fox jumps over the lazy dog.",
            "Peña Nieto, Zoë Saldaña, Björn Borg, Jürgen Klopp",
            "François Mitterrand, naïve café, Curaçao, Noël, garçon",
            "Ça va? Là où il fait beau — «Liberté, égalité, fraternité»",
            "Grüße aus München, Straße, smörgåsbord, Ærø",
            "Año Nuevo en España, mañana, niño",
            "Björk Guðmundsdóttir",
            "© 2024 ACME® — 50% ± 3°C, § 12, ½ kg, 5 µm, Nº 7",
            "1.234.567,89 – 12/03/2025 … ‘single’ “double”",
            "Hoà Bình, Toàn dân, Tây Ninh, Cà Mau, Hoàng Toàn",
            "Lê Thánh Tông, Thái Bình, Hòa Bình, Tô Lâm",
            "São Paulo, não, Brasília, mãe",
            "x² + y² = z³",
            "",
        ] {
            assert_eq!(detect_legacy(s), None, "{s}");
        }
    }

    #[test]
    fn single_weak_words_are_not_enough() {
        // One foreign word that happens to decode to a syllable.
        assert_eq!(detect_legacy("Gün"), None);
        assert_eq!(detect_legacy("Naïm"), None);
        assert_eq!(detect_legacy("Lª"), None);
        // But one word with a symbol inside it is.
        assert_eq!(detect_legacy("nh©n"), Some(Legacy::Tcvn3));
        assert_eq!(detect_legacy("Ñaûng"), Some(Legacy::Vni));
    }

    #[test]
    fn every_letter_round_trips() {
        let mut letters: Vec<char> = LOWER
            .iter()
            .chain(UPPER.iter())
            .flatten()
            .copied()
            .collect();
        letters.extend(['đ', 'Đ']);
        for c in letters {
            let word = format!("b{c}");
            let vni = to_legacy(&word, Legacy::Vni);
            assert_eq!(convert_legacy(&vni, Legacy::Vni), word, "{vni}");
            // TCVN3 keeps lower case, and the capitals it has codes for.
            let tcvn = to_legacy(&word, Legacy::Tcvn3);
            let has_code = tcvn3_encode(c) != tcvn3_encode(lower(c)) || c == lower(c);
            let want = if has_code {
                word.clone()
            } else {
                format!("b{}", lower(c))
            };
            assert_eq!(convert_legacy(&tcvn, Legacy::Tcvn3), want, "{tcvn}");
        }
    }

    #[test]
    fn document_lines() {
        for (legacy, enc, unicode) in [
            (
                "Hµ Néi, ngµy 15 th¸ng 3 n¨m 2025",
                Legacy::Tcvn3,
                "Hà Nội, ngày 15 tháng 3 năm 2025",
            ),
            (
                "§éc lËp - Tù do - H¹nh phóc",
                Legacy::Tcvn3,
                "Độc lập - Tự do - Hạnh phúc",
            ),
            (
                "N¬i nhËn:\n- Nh\u{AD} trªn;\n- L\u{AD}u VP.",
                Legacy::Tcvn3,
                "Nơi nhận:\n- Như trên;\n- Lưu VP.",
            ),
            ("Hå ChÝ Minh", Legacy::Tcvn3, "Hồ Chí Minh"),
            (
                "Haø Noäi, ngaøy 15 thaùng 3 naêm 2025",
                Legacy::Vni,
                "Hà Nội, ngày 15 tháng 3 năm 2025",
            ),
            (
                "Ñoäc laäp - Töï do - Haïnh phuùc",
                Legacy::Vni,
                "Độc lập - Tự do - Hạnh phúc",
            ),
            (
                "Nôi nhaän:\n- Nhö treân;\n- Löu VP.",
                Legacy::Vni,
                "Nơi nhận:\n- Như trên;\n- Lưu VP.",
            ),
            ("Hoï vaø teân", Legacy::Vni, "Họ và tên"),
        ] {
            assert_eq!(detect_legacy(legacy), Some(enc), "{legacy}");
            assert_eq!(convert_legacy(legacy, enc), unicode);
        }
    }

    #[test]
    fn foreign_names_are_not_legacy() {
        for s in [
            "Loïc et Naïm",
            "Caïn et Abel",
            "goût, Crème brûlée, résumé, Pokémon, Beyoncé",
            "Åland Øresund",
            "Ñandú, Ñu, ñoño, Leñador, Cañón",
            "Mötley Crüe in Zürich and Göteborg",
            "Israël, Noël à Paris, L'Haÿ-les-Roses, Aïcha, Thaïs",
            "Sài Gòn, Tân Bình, Phú Yên, Cô Tô, Thúy Vân",
        ] {
            assert_eq!(detect_legacy(s), None, "{s}");
        }
    }
}
