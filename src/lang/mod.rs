//! The language the tool speaks to its user, and the catalogues it speaks from.
//!
//! Every message a user reads — `--help`, errors, warnings, hints, summary
//! lines — is a Fluent message in `locales/vi/*.ftl` and `locales/en/*.ftl`,
//! embedded in the binary. Code names a message by its id with [`tr!`]:
//!
//! ```
//! let s = vanban::tr!("diag-errors-nothing-written", count = 3);
//! ```
//!
//! Vietnamese is the default. English is chosen by `--lang en`, by
//! `VANBAN_LANG=en`, or by a locale (`LC_ALL`, `LC_MESSAGES`, `LANG`) that
//! starts with `en`; see [`Lang::choose`]. The catalogue test (below) fails
//! when an id is in one language and not the other, when the two
//! translations of a message take different arguments, or when an id is
//! used in code and missing, or in a catalogue and never used.

use std::sync::LazyLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// Tiếng Việt, the default.
    Vi,
    /// English.
    En,
}

/// The catalogue files, one per area of the tool, the same names in both
/// languages. A new file is added here and in both `locales/` folders.
macro_rules! catalogues {
    ($($name:literal),* $(,)?) => {
        /// (file name, Vietnamese text, English text) of every catalogue.
        const CATALOGUES: &[(&str, &str, &str)] = &[$((
            $name,
            include_str!(concat!("../../locales/vi/", $name)),
            include_str!(concat!("../../locales/en/", $name)),
        )),*];
    };
}

catalogues!(
    "core.ftl",
    "cli.ftl",
    "data.ftl",
    "check.ftl",
    "view.ftl",
    "build.ftl",
    "sign.ftl",
    "print.ftl",
);

impl Lang {
    /// The language asked for: `--lang` if given, else `VANBAN_LANG`,
    /// else the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and
    /// not empty (as POSIX reads them). Only a value starting with `en`
    /// gives English; anything else (`vi_VN.UTF-8`, `C`, nothing) gives
    /// Vietnamese, the language of the offices the tool is for.
    pub fn choose(flag: Option<Lang>) -> Lang {
        if let Some(lang) = flag {
            return lang;
        }
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        if let Some(v) = var("VANBAN_LANG") {
            return Self::from_tag(&v);
        }
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .find_map(var)
            .map_or(Lang::Vi, |v| Self::from_tag(&v))
    }

    /// English for a tag that starts with `en` (`en`, `en_US.UTF-8`,
    /// `EN`), else Vietnamese.
    fn from_tag(tag: &str) -> Lang {
        if tag.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("en")) {
            Lang::En
        } else {
            Lang::Vi
        }
    }
}

/// 0: not chosen yet; 1: Vietnamese; 2: English.
static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Sets the language of every message from now on (the binary does this
/// once, after reading its arguments).
pub fn set(lang: Lang) {
    CURRENT.store(
        match lang {
            Lang::Vi => 1,
            Lang::En => 2,
        },
        Ordering::Relaxed,
    );
}

/// The language messages are in: the one [`set`], else the one the
/// environment asks for. The library's own unit tests read English, so
/// that they do not depend on the locale of the machine.
pub fn current() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::Vi,
        2 => Lang::En,
        _ if cfg!(test) => Lang::En,
        _ => {
            let lang = Lang::choose(None);
            set(lang);
            lang
        }
    }
}

/// A bundle of all catalogues of one language.
fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let tag: unic_langid::LanguageIdentifier = match lang {
        Lang::Vi => "vi".parse(),
        Lang::En => "en".parse(),
    }
    .expect("a valid language tag");
    let mut bundle = FluentBundle::new_concurrent(vec![tag]);
    // No Unicode isolation marks around arguments: they would reach
    // terminals, logs and the tests as invisible characters.
    bundle.set_use_isolating(false);
    for (name, vi, en) in CATALOGUES {
        let text = match lang {
            Lang::Vi => vi,
            Lang::En => en,
        };
        // The catalogue test parses every file; a broken one cannot ship.
        let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(r, _)| {
            debug_assert!(false, "catalogue {name} does not parse");
            r
        });
        if bundle.add_resource(resource).is_err() {
            debug_assert!(false, "catalogue {name} repeats an id");
        }
    }
    bundle
}

static VI: LazyLock<FluentBundle<FluentResource>> = LazyLock::new(|| bundle(Lang::Vi));
static EN: LazyLock<FluentBundle<FluentResource>> = LazyLock::new(|| bundle(Lang::En));

/// Whether the catalogues have a message `id` (in either language: the
/// catalogue test makes them the same).
pub fn has(id: &str) -> bool {
    EN.has_message(id)
}

/// A value given to a message: text or a number (a number chooses the
/// plural form, in the languages that have them).
#[derive(Debug, Clone)]
pub enum Arg {
    /// Text, printed as it is.
    Text(String),
    /// A number.
    Number(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}

impl From<std::borrow::Cow<'_, str>> for Arg {
    fn from(s: std::borrow::Cow<'_, str>) -> Self {
        Arg::Text(s.into_owned())
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(n as f64)
            }
        }
    )*};
}
number_args!(usize, u8, u16, u32, u64, i32, i64, f32, f64);

/// The message `id` in the current language, with its arguments. Use
/// [`tr!`], which names the arguments.
pub fn text(id: &str, args: &[(&str, Arg)]) -> String {
    text_in(current(), id, args)
}

/// The message `id` in `lang`.
pub fn text_in(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    let bundle = match lang {
        Lang::Vi => &*VI,
        Lang::En => &*EN,
    };
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        // The catalogue test makes this unreachable; the id is better
        // than nothing if it is reached.
        debug_assert!(false, "no message `{id}` in {lang:?}");
        return id.to_string();
    };
    let mut fluent = FluentArgs::new();
    for (k, v) in args {
        match v {
            Arg::Text(s) => fluent.set(*k, FluentValue::from(s.as_str())),
            Arg::Number(n) => fluent.set(*k, FluentValue::from(*n)),
        }
    }
    let mut errors = Vec::new();
    let out = bundle.format_pattern(pattern, Some(&fluent), &mut errors);
    debug_assert!(errors.is_empty(), "message `{id}`: {errors:?}");
    out.into_owned()
}

/// The message with id `$id` (a literal, so the catalogue test finds it) in
/// the current language, with named arguments:
/// `tr!("read-failed", path = p.display().to_string(), reason = why)`.
#[macro_export]
macro_rules! tr {
    ($id:literal $(,)?) => {
        $crate::lang::text($id, &[])
    };
    ($id:literal, $($k:ident = $v:expr),+ $(,)?) => {
        $crate::lang::text($id, &[$((stringify!($k), $crate::lang::Arg::from($v))),+])
    };
}

/// A text that data (a preset) gives to be said to the user: one text for
/// both languages, or `{ vi: …, en: … }`, of which the user's is said.
#[derive(Debug, Clone, serde::Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Said {
    /// The same words in every language.
    One(String),
    /// The words in each language.
    Both {
        /// In Vietnamese.
        vi: String,
        /// In English.
        en: String,
    },
}

impl Said {
    /// The words in the current language.
    pub fn text(&self) -> &str {
        match self {
            Said::One(s) => s,
            Said::Both { vi, en } => match current() {
                Lang::Vi => vi,
                Lang::En => en,
            },
        }
    }
}

/// Why an operating-system call failed, in the user's language: the
/// common kinds in words, the rest as the system says it.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    if current() == Lang::En {
        // The system's own words, as before there were catalogues.
        return e.to_string();
    }
    match e.kind() {
        NotFound => tr!("io-not-found"),
        PermissionDenied => tr!("io-permission-denied"),
        AlreadyExists => tr!("io-already-exists"),
        StorageFull => tr!("io-storage-full"),
        IsADirectory => tr!("io-is-a-directory"),
        NotADirectory => tr!("io-not-a-directory"),
        ReadOnlyFilesystem => tr!("io-read-only"),
        InvalidData => tr!("io-invalid-data"),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests;
