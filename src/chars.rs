//! Characters that do not show what they are.
//!
//! Control characters (C0, DEL, C1), the bidirectional controls that
//! reorder what follows them (U+202E prints `ABC` as `CBA`), and the
//! zero-width and other invisible format characters (U+200B glues two
//! words, U+FEFF pasted from the web) print nothing or something else than
//! what was typed. In data they are errors ([`misleading`]); wherever a
//! text from the data is echoed to a terminal they are written as escapes
//! ([`escape`]), so a cell cannot retitle or clear the clerk's terminal.

use std::borrow::Cow;

/// What kind of character a [`Finding`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A control character: C0 (but tab and line breaks), DEL, C1.
    Control,
    /// A bidirectional control (embedding, override, isolate, mark).
    Bidi,
    /// A character that prints nothing: zero-width space and joiners, word
    /// joiner, byte-order mark, soft hyphen, other invisible formats.
    Invisible,
}

impl Kind {
    /// How a message names it, in the user's language.
    pub fn describe(self) -> String {
        match self {
            Kind::Control => crate::tr!("check-char-control"),
            Kind::Bidi => crate::tr!("check-char-bidi"),
            Kind::Invisible => crate::tr!("check-char-invisible"),
        }
    }
}

/// The kind of `c`, if it is one that misleads; tab, line feed and
/// carriage return are layout, not tricks.
pub fn kind(c: char) -> Option<Kind> {
    match c {
        '\t' | '\n' | '\r' => None,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => Some(Kind::Control),
        '\u{061c}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => Some(Kind::Bidi),
        // Unicode's default-ignorable code points (DerivedCoreProperties,
        // Unicode 16), besides the bidi controls above: variation
        // selectors, fillers, joiners, tags. None prints; a variation
        // selector after a letter of a name changes nothing visible but
        // makes two names that look alike differ.
        '\u{00ad}'
        | '\u{034f}'
        | '\u{115f}'
        | '\u{1160}'
        | '\u{17b4}'
        | '\u{17b5}'
        | '\u{180b}'..='\u{180f}'
        | '\u{200b}'..='\u{200d}'
        | '\u{2060}'..='\u{2065}'
        | '\u{206a}'..='\u{206f}'
        | '\u{3164}'
        | '\u{fe00}'..='\u{fe0f}'
        | '\u{feff}'
        | '\u{ffa0}'
        | '\u{fff0}'..='\u{fffb}'
        | '\u{1bca0}'..='\u{1bca3}'
        | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0000}'..='\u{e0fff}' => Some(Kind::Invisible),
        _ => None,
    }
}

/// A misleading character found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finding {
    /// Its byte offset in the text.
    pub at: usize,
    /// The character.
    pub char: char,
    /// What it is.
    pub kind: Kind,
}

impl Finding {
    /// `U+202E`.
    pub fn code(&self) -> String {
        format!("U+{:04X}", self.char as u32)
    }

    /// What to type instead, when it is certain: a space for an invisible
    /// space between two words, nothing for the rest.
    pub fn replacement(&self, text: &str) -> &'static str {
        let before = text[..self.at].chars().next_back();
        let after = text[self.at + self.char.len_utf8()..].chars().next();
        let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        if self.char == '\u{200b}' && letter(before) && letter(after) {
            " "
        } else {
            ""
        }
    }
}

/// The first misleading character of `text`, if any.
pub fn misleading(text: &str) -> Option<Finding> {
    // Plain ASCII text is told by its bytes alone.
    if text
        .bytes()
        .all(|b| (0x20..0x7f).contains(&b) || matches!(b, b'\t' | b'\n' | b'\r'))
    {
        return None;
    }
    text.char_indices()
        .find_map(|(at, c)| kind(c).map(|kind| Finding { at, char: c, kind }))
}

/// `text` with every misleading character written as an escape (`\u{1b}`),
/// for a terminal.
pub fn escape(text: &str) -> Cow<'_, str> {
    if misleading(text).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match kind(c) {
            Some(_) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Whether `text` has a letter or digit that prints (a name made only of
/// spaces, marks and invisible characters has none).
pub fn has_visible_letter(text: &str) -> bool {
    text.chars().any(|c| {
        c.is_alphanumeric()
            && !unicode_normalization::char::is_combining_mark(c)
            && kind(c).is_none()
    })
}

/// The code points of `text`, for a message about characters one cannot
/// see: `U+200B U+0301` (the first eight, then `…`).
pub fn codes(text: &str) -> String {
    let mut codes: Vec<String> = text
        .chars()
        .take(8)
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    if text.chars().nth(8).is_some() {
        codes.push("…".into());
    }
    codes.join(" ")
}

/// `text` cut to at most `max` characters, with `…` and the full length
/// said when cut: a 10 MB cell must not become a 10 MB message.
pub fn clip(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((at, _)) => Cow::Owned(crate::tr!(
            "check-char-clipped",
            text = &text[..at],
            count = text.chars().count().to_string()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tricks_are_found_and_plain_text_is_not() {
        for plain in [
            "Lò Văn Bình",
            "Đồng chí\tA",
            "a\r\nb",
            "",
            "Phó Bí thư – 2025",
        ] {
            assert_eq!(misleading(plain), None, "{plain:?}");
        }
        let found = |s: &str| misleading(s).map(|f| (f.at, f.kind));
        assert_eq!(found("Lò\u{1b}]0;x\u{7}"), Some((3, Kind::Control)));
        assert_eq!(found("abc\u{202e}def"), Some((3, Kind::Bidi)));
        assert_eq!(found("Nguyễn\u{200b}Văn"), Some((8, Kind::Invisible)));
        assert_eq!(found("x\u{85}"), Some((1, Kind::Control)));
        // Variation selectors print nothing either (a fuzz-like test found
        // `A\u{180b}` printed as `A`).
        assert_eq!(found("A\u{180b}"), Some((1, Kind::Invisible)));
        assert_eq!(found("Lò\u{fe0f}"), Some((3, Kind::Invisible)));
        assert_eq!(found("x\u{e0100}"), Some((1, Kind::Invisible)));
    }

    #[test]
    fn an_invisible_space_between_words_becomes_a_space() {
        let text = "Nguyễn\u{200b}Văn";
        let f = misleading(text).unwrap();
        assert_eq!(f.replacement(text), " ");
        let text = "\u{feff}Lò";
        assert_eq!(misleading(text).unwrap().replacement(text), "");
    }

    #[test]
    fn echoed_text_is_escaped_and_clipped() {
        assert_eq!(escape("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(escape("Lò Văn"), "Lò Văn");
        assert_eq!(escape("\u{202e}x"), "\\u{202e}x");
        assert_eq!(clip("abcdef", 3), "abc… (6 characters in all)");
        assert_eq!(clip("abc", 3), "abc");
    }

    #[test]
    fn names_need_a_letter_that_prints() {
        assert!(has_visible_letter("Lò Văn A"));
        assert!(has_visible_letter("A"));
        assert!(!has_visible_letter("\u{200b}\u{200b}"));
        assert!(!has_visible_letter("\u{301}\u{303} "));
        assert!(!has_visible_letter(" - . "));
    }
}
