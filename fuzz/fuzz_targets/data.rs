//! Any text as the YAML data: loading, validation (and the data as meant
//! when its problems can be undone), the checks of
//! `vanban check` and the rendering of every generated Typst source must
//! neither panic nor produce a source Typst cannot parse (a value that
//! broke out of its string literal would show up as a syntax error here).
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use vanban::build::Engine;
use vanban::data::model::DataFile;
use vanban::templates::Templates;

static ENGINE: LazyLock<Engine> =
    LazyLock::new(|| Engine::new(Templates::new(None), &[]).expect("the engine starts"));

/// The folder delegate lists are looked up in: empty, so a list named in
/// the data is "not found" and no file outside is read.
static BASE: LazyLock<tempfile::TempDir> =
    LazyLock::new(|| tempfile::tempdir().expect("a temporary folder"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // A file whose problems can be undone (an unknown field, a line read
    // as a field) is checked as meant, as `vanban check` does.
    let (loaded, places) = match vanban::data::parse_or_repair::<DataFile>("fuzz.yaml", text) {
        Ok(loaded) => (loaded, None),
        Err(rejected) => match rejected.repaired {
            Some(meant) => (meant.loaded, Some(meant.places)),
            None => return,
        },
    };
    let Ok(project) = vanban::data::resolve::resolve(
        loaded,
        BASE.path(),
        &vanban::input::Confine::new(BASE.path(), &[]),
    ) else {
        return;
    };
    let found = vanban::check::check(&project, Some(text));
    // What the checks found in repaired data, placed back in the text as
    // typed: every place must be one of it.
    if let Some(places) = &places {
        for p in found {
            if let Some(p) = places.place(p)
                && let Some((file, range)) = &p.location
                && file.name == "fuzz.yaml"
            {
                assert!(file.text.get(range.clone()).is_some(), "{range:?} in the text as typed");
            }
        }
    }
    let Ok(preset) = ENGINE.preset(&project) else {
        return;
    };
    let mut sources = Vec::new();
    sources.extend(ENGINE.document_source(&project, &preset).ok());
    let sheet = ENGINE.plan_sheet(&project, &preset);
    sources.extend(ENGINE.sheet_source(&preset, sheet).ok());
    for event in &project.events {
        if let Ok((view, letters)) = ENGINE.event_letters(&project, &preset, event) {
            let some = &letters[..letters.len().min(3)];
            sources.extend(ENGINE.render_letters(&preset, &view, some).ok());
        }
    }
    for source in &sources {
        let root = typst::syntax::parse(source);
        let (errors, _) = root.errors_and_warnings();
        assert!(errors.is_empty(), "{errors:?} in\n{source}");
    }
});
