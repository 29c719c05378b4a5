//! Data is never code: any text placed in a field prints exactly as typed.
//! Property tests over names built from the characters that matter most —
//! Vietnamese letters, and every character Typst gives a meaning to in
//! markup or code (`#`, `$`, `[`, `]`, `{`, `}`, `"`, `\`, `*`, `_`, `` ` ``,
//! `<`, `>`, `@`, `/`, `=`, `-`, `~`) — and over arbitrary Unicode.

mod common;

use std::path::Path;

use common::*;
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;
use vanban::build::Engine;
use vanban::templates::Templates;

/// The meeting fixture with one delegate named `name` (a JSON string is a
/// YAML flow scalar, so any text is written safely).
fn data_with(dir: &Path, name: &str) -> std::path::PathBuf {
    let quoted = serde_json::to_string(name).unwrap();
    let text = std::fs::read_to_string(root().join("tests/fixtures/hop-chi-bo.yaml"))
        .unwrap()
        .replace(
            "DELEGATES",
            &format!("[ {{ name: {quoted}, position: Bí thư, group: member }} ]"),
        );
    let path = dir.join("data.yaml");
    std::fs::write(&path, text).unwrap();
    path
}

/// Builds the one letter in-process; its text as pdftotext reads it, or
/// the problems reported.
fn letter_text(engine: &Engine, dir: &Path, name: &str) -> Result<String, String> {
    let data = data_with(dir, name);
    let project = engine.load(&data).map_err(|e| format!("{e:?}"))?;
    let preset = engine.preset(&project).map_err(|e| format!("{e:?}"))?;
    let pdfs = engine
        .letter_pdfs(&project, &preset, &project.events[0], 1, 1)
        .map_err(|e| format!("{e:?}"))?;
    let pdf = dir.join("letter.pdf");
    std::fs::write(&pdf, &pdfs[0].1).unwrap();
    // `-raw`: in its default mode pdftotext joins a line that ends in `-`
    // with the next one, as if the word had been hyphenated.
    let o = std::process::Command::new("pdftotext")
        .args(["-raw", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext is installed (poppler-utils)");
    Ok(String::from_utf8_lossy(&o.stdout).into_owned())
}

fn tricky_char() -> impl Strategy<Value = char> {
    prop::sample::select(
        "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐĂÂÊÔƠƯỲ\
         #$[]{}\"\\*_`<>@/=-~+'%&|^:;,.!?() 0123456789"
            .chars()
            .collect::<Vec<char>>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    /// Vietnamese letters mixed with Typst's special characters print as
    /// typed: nothing is read as markup or code. (A name made of signs
    /// alone, with no letter or digit, is refused as no name.)
    #[test]
    fn a_name_with_any_special_character_prints_as_typed(
        chars in prop::collection::vec(tricky_char(), 1..40)
    ) {
        let name: String = chars.into_iter().collect();
        let name = name.trim().to_string();
        prop_assume!(!name.is_empty());
        let engine = Engine::new(Templates::new(None), &[]).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let letter = letter_text(&engine, dir.path(), &name);
        if !vanban::chars::has_visible_letter(&name) {
            let e = letter.expect_err("a name without a letter is refused");
            prop_assert!(e.contains("has no letter that prints"), "{name:?}: {e}");
            return Ok(());
        }
        let text = letter.map_err(|e| TestCaseError::fail(format!("{name:?} failed: {e}")))?;
        let typed: String = name.nfc().collect();
        prop_assert!(
            squeeze(&text).contains(&squeeze(&typed)),
            "{:?} is not in the letter:\n{}", typed, text
        );
    }

    /// Any Unicode at all: the letter prints it as typed, or the build says
    /// which character the font cannot draw. Never a panic, never a Typst
    /// error about the data.
    #[test]
    fn any_unicode_prints_or_is_named(name in "\\PC{1,24}") {
        let name = name.trim().to_string();
        prop_assume!(!name.is_empty());
        let engine = Engine::new(Templates::new(None), &[]).unwrap();
        let dir = tempfile::tempdir().unwrap();
        match letter_text(&engine, dir.path(), &name) {
            Ok(text) => {
                let typed: String = name.nfc().collect();
                prop_assert!(
                    squeeze(&text).contains(&squeeze(&typed)),
                    "{:?} is not in the letter:\n{}", typed, text
                );
            }
            Err(e) => prop_assert!(
                e.contains("U+"),
                "{:?} failed without naming a character: {}", name, e
            ),
        }
    }
}
