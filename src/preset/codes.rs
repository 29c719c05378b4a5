//! The codes of a document's symbol, as the preset lists them: the type
//! code before the `/` (`KH`, `QĐ`) and the body code after it (`ĐU`,
//! `BTGDVTU`). HD 05 (3.1.2) fixes both lists; they are data, so the next
//! guideline changes a preset file, not this code.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::Preset;

/// The name or names a type code stands for: `KH: KẾ HOẠCH`, or
/// `QĐ: [QUYẾT ĐỊNH, QUY ĐỊNH]` where one code serves several types
/// (HD 05 3.1.2a); the first name is the code's own.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum TypeNames {
    /// One type.
    One(String),
    /// Several types sharing the code, the code's own first.
    Many(Vec<String>),
}

impl TypeNames {
    /// Every name, the code's own first.
    pub fn names(&self) -> &[String] {
        match self {
            TypeNames::One(n) => std::slice::from_ref(n),
            TypeNames::Many(v) => v,
        }
    }
}

/// A document type as the symbol and the title print it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocType {
    /// The code in the symbol, e.g. `QĐ`.
    pub code: String,
    /// The name over the subject, e.g. `QUY ĐỊNH`.
    pub name: String,
}

/// What the preset makes of a body code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyCode<'p> {
    /// One of its codes, or two joined (`BTGDV` + `TU`); or the preset
    /// lists none.
    Known,
    /// A code the guideline no longer uses, with what to write now.
    Retired(&'p str),
    /// Not a code of the preset: the closest known one (a code or two
    /// joined), with what it stands for.
    Unknown(Option<(String, String)>),
}

/// Upper case, NFC, one space between words: how a typed type name is
/// matched against the preset's (`Quy định` = `QUY ĐỊNH`).
fn loose(s: &str) -> String {
    s.nfc()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
}

/// Without marks and with `Đ` as `D`: how a code typed on a keyboard
/// without Vietnamese input reads (`DU` for `ĐU`).
fn bare(s: &str) -> String {
    s.replace(['Đ', 'đ'], "D")
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect()
}

/// The candidate nearest to `typed` by edit distance, if near enough to be
/// a slip (at most half the typed length, and at most 3). Of two as near,
/// the one nearer without marks (`DU` → `ĐU`, not `TU`), then the one
/// sharing more of its start and end (`BTGTU` → `BTGDVTU`, not `BTGDV`),
/// then the earlier.
fn nearest<'c>(typed: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let len = typed.chars().count();
    let limit = (len / 2).clamp(1, 3);
    let typed_bare = bare(typed);
    candidates
        .into_iter()
        .map(|c| {
            let d = strsim::levenshtein(typed, c);
            let shared = shared_ends(typed, c);
            (
                (
                    d,
                    strsim::levenshtein(&typed_bare, &bare(c)),
                    usize::MAX - shared,
                ),
                c,
            )
        })
        .filter(|((d, _, _), _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// How many characters `a` and `b` share at their start and at their end.
fn shared_ends(a: &str, b: &str) -> usize {
    let start = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let end = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count();
    start + end
}

impl Preset {
    /// The type `typed` in `document.type` stands for: a code of `types:`
    /// (its own name), or one of the names there, whatever the case (`QUY
    /// ĐỊNH` → code `QĐ`).
    pub fn document_type(&self, typed: &str) -> Option<DocType> {
        if let Some(names) = self.types.get(typed) {
            return names.names().first().map(|name| DocType {
                code: typed.to_string(),
                name: name.clone(),
            });
        }
        let want = loose(typed);
        self.types.iter().find_map(|(code, names)| {
            names
                .names()
                .iter()
                .find(|n| loose(n) == want)
                .map(|name| DocType {
                    code: code.clone(),
                    name: name.clone(),
                })
        })
    }

    /// The type code nearest to an unknown `typed` one (`QĐi` → `QĐ`),
    /// with the names it stands for joined by `, `.
    pub fn nearest_type(&self, typed: &str) -> Option<(String, String)> {
        let code = nearest(typed, self.types.keys().map(String::as_str))?;
        Some((code.to_string(), self.types[code].names().join(", ")))
    }

    /// What the preset makes of the body code `code`. A joint document's
    /// symbol joins its bodies with `-` (`TU-UBND`): the lead body's code,
    /// the first, is the one the Party list holds.
    pub fn body_code(&self, code: &str) -> BodyCode<'_> {
        let lead = code.split('-').next().unwrap_or("").trim();
        if self.body_codes.is_empty() || lead.is_empty() {
            return BodyCode::Known;
        }
        if let Some(hint) = self.retired_codes.get(lead) {
            return BodyCode::Retired(hint.text());
        }
        if self.joins_known_codes(lead) {
            return BodyCode::Known;
        }
        // Candidates: each code, and each advisory body's code before a
        // committee's (`BTGDV` + `TU`).
        let joined: Vec<(String, String)> = self
            .body_codes
            .iter()
            .map(|(c, what)| (c.clone(), what.text().to_string()))
            .chain(self.body_codes.iter().flat_map(|(a, wa)| {
                self.body_codes.iter().map(move |(b, wb)| {
                    (format!("{a}{b}"), format!("{} + {}", wa.text(), wb.text()))
                })
            }))
            .collect();
        let found = nearest(lead, joined.iter().map(|(c, _)| c.as_str()));
        BodyCode::Unknown(found.and_then(|c| joined.iter().find(|(k, _)| k == c).cloned()))
    }

    /// `code` written as one or more of the preset's body codes one after
    /// the other (`UBKTĐU` = `UBKT` + `ĐU`).
    fn joins_known_codes(&self, code: &str) -> bool {
        // reach[i]: the first i bytes are known codes joined.
        let mut reach = vec![false; code.len() + 1];
        reach[0] = true;
        for i in 0..code.len() {
            if !reach[i] || !code.is_char_boundary(i) {
                continue;
            }
            for known in self.body_codes.keys() {
                if code[i..].starts_with(known.as_str()) {
                    reach[i + known.len()] = true;
                }
            }
        }
        reach[code.len()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn preset() -> Preset {
        serde_yaml_ng::from_str(include_str!("../../templates/presets/dang-hd05.yaml"))
            .expect("the HD 05 preset reads")
    }

    #[test]
    fn a_type_is_named_by_its_code_or_by_one_of_its_names() {
        let p = preset();
        let t = |s: &str| p.document_type(s).map(|t| (t.code, t.name));
        assert_eq!(t("QĐ"), Some(("QĐ".into(), "QUYẾT ĐỊNH".into())));
        assert_eq!(t("Quy  định"), Some(("QĐ".into(), "QUY ĐỊNH".into())));
        assert_eq!(t("KẾ HOẠCH"), Some(("KH".into(), "KẾ HOẠCH".into())));
        assert_eq!(t("QĐi"), None);
        assert_eq!(
            p.nearest_type("QĐi"),
            Some(("QĐ".into(), "QUYẾT ĐỊNH, QUY ĐỊNH".into()))
        );
        assert_eq!(p.nearest_type("XYZW"), None);
    }

    #[test]
    fn a_body_code_is_one_of_the_list_or_two_joined() {
        let p = preset();
        for known in [
            "ĐU", "CB", "ĐH", "TU", "BTGDVTU", "UBKTĐU", "VPTU", "TU-UBND",
        ] {
            assert_eq!(p.body_code(known), BodyCode::Known, "{known}");
        }
        assert!(matches!(p.body_code("HU"), BodyCode::Retired(h) if h.contains("ĐU")));
        match p.body_code("DU") {
            BodyCode::Unknown(Some((code, _))) => assert_eq!(code, "ĐU"),
            other => panic!("{other:?}"),
        }
        match p.body_code("BTGTU") {
            BodyCode::Unknown(Some((code, what))) => {
                assert_eq!(code, "BTGDVTU");
                assert!(what.contains(" + "), "{what}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(p.body_code("QWERTYZ"), BodyCode::Unknown(None));
    }
}
