//! Any text as what `--templates` may replace: a style preset, or a
//! minijinja template. A preset is read (or refused with a message), and
//! every document of the bundled example, the state plan and the meeting
//! invitation is rendered with it: each
//! generated source must parse (a preset's values are printed as Typst
//! literals, like the data's). A template is compiled and rendered (or
//! refused with a message). Never a panic.
#![no_main]

use std::path::PathBuf;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use vanban::build::Engine;
use vanban::data::resolve::Project;
use vanban::preset::Preset;
use vanban::render::Renderer;
use vanban::templates::Templates;

static ENGINE: LazyLock<Engine> =
    LazyLock::new(|| Engine::new(Templates::new(None), &[]).expect("the engine starts"));

/// A bundled example, loaded.
fn example(name: &str) -> Project {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../data").join(name);
    ENGINE.load(&data).expect("the example loads")
}

/// The bundled example, loaded once.
static EXAMPLE: LazyLock<Project> = LazyLock::new(|| example("ke-hoach-dai-hoi-diem.yaml"));

/// The other examples: a state plan (table, footnote, appendix, two
/// authority lines) and a meeting invitation, loaded once.
static OTHERS: LazyLock<[Project; 2]> = LazyLock::new(|| {
    [
        example("ke-hoach-ubnd.yaml"),
        example("giay-moi-hop-ubnd.yaml"),
    ]
});

/// A templates folder whose `plan.typ.j2` each input replaces.
static TEMPLATES: LazyLock<tempfile::TempDir> =
    LazyLock::new(|| tempfile::tempdir().expect("a temporary folder"));

fn parses(source: &str) {
    let root = typst::syntax::parse(source);
    let (errors, _) = root.errors_and_warnings();
    assert!(errors.is_empty(), "{errors:?} in\n{source}");
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks what the rest is.
    let Some((&what, content)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(content) else {
        return;
    };
    let project = &*EXAMPLE;
    if what % 2 == 0 {
        let Ok(loaded) = vanban::data::parse::<Preset>("fuzz-preset.yaml", text) else {
            return;
        };
        let preset = loaded.data;
        for p in std::iter::once(project).chain(OTHERS.iter()) {
            if let Ok(source) = ENGINE.document_source(p, &preset) {
                parses(&source);
            }
        }
        let sheet = ENGINE.plan_sheet(project, &preset);
        if let Ok(source) = ENGINE.sheet_source(&preset, sheet) {
            parses(&source);
        }
        for event in project.events.iter().take(1) {
            if let Ok((view, letters)) = ENGINE.event_letters(project, &preset, event) {
                if let Ok(source) = ENGINE.render_letters(&preset, &view, &letters[..2]) {
                    parses(&source);
                }
            }
        }
    } else if text.len() <= 16_000 {
        // Short: a template is code its author runs, and two nested loops
        // over `range(100000)` would only be slow, not wrong.
        std::fs::write(TEMPLATES.path().join("plan.typ.j2"), text)
            .expect("the template is written");
        let Ok(renderer) = Renderer::new(&Templates::new(Some(TEMPLATES.path().to_path_buf())))
        else {
            return;
        };
        let Ok(preset) = ENGINE.preset(project) else {
            return;
        };
        if let Ok(view) = vanban::view::build(project, &preset) {
            let _ = renderer.render("plan.typ.j2", &view);
        }
    }
});
