//! The command line in the user's language: every `--help` text from the
//! catalogues (`locales/*/cli.ftl`), and clap's own words — headings, the
//! help flag, its errors — said again in Vietnamese.
//!
//! The texts of commands and options are found by id from their place in
//! the command tree ([`Ids`]), so that the catalogue test can list them
//! ([`message_ids`]) as it lists the literal ids of `tr!`. In English the
//! catalogue gives the same words as the doc comments, and clap renders
//! them as it always has.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory};

use crate::error::{Error, Problem};
use crate::lang::{self, Lang};
use crate::tr;

/// The ids of one command's texts and of its options'.
struct Ids<'a> {
    /// The subcommand (`build`), or `None` for `vanban` itself.
    command: Option<&'a str>,
}

impl Ids<'_> {
    /// The one-line description: `cli-about`, `cli-build-about`.
    fn about(&self) -> String {
        match self.command {
            None => "cli-about".into(),
            Some(c) => format!("cli-{c}-about"),
        }
    }

    /// The paragraphs `--help` adds: `cli-build-long`.
    fn long(&self) -> String {
        match self.command {
            None => "cli-long".into(),
            Some(c) => format!("cli-{c}-long"),
        }
    }

    /// An option's text: the command's own (`cli-sign-out`) if the
    /// catalogue has one, else the one every command shares
    /// (`cli-arg-templates`).
    fn arg(&self, arg: &str) -> String {
        let arg = arg.replace('_', "-");
        let own = format!("cli-{}-{arg}", self.command.unwrap_or("vanban"));
        if lang::has(&own) {
            own
        } else {
            format!("cli-arg-{arg}")
        }
    }

    /// One value of an option's list: `cli-value-only-plan`.
    fn value(arg: &str, value: &str) -> String {
        format!("cli-value-{}-{value}", arg.replace('_', "-"))
    }
}

/// The ids of the catalogue messages the help is made of, for the
/// catalogue test.
pub fn message_ids() -> Vec<String> {
    let mut ids = Vec::new();
    let root = super::Cli::command();
    let mut visit = |cmd: &Command, ids_of: Ids| {
        ids.push(ids_of.about());
        if cmd.get_long_about().is_some() {
            ids.push(ids_of.long());
        }
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            ids.push(ids_of.arg(id));
            for v in arg.get_possible_values() {
                if v.get_help().is_some() {
                    ids.push(Ids::value(id, v.get_name()));
                }
            }
        }
    };
    visit(&root, Ids { command: None });
    for sub in root.get_subcommands() {
        visit(
            sub,
            Ids {
                command: Some(sub.get_name()),
            },
        );
    }
    ids
}

/// The command line, its texts in the current language.
pub fn command() -> Command {
    let lang = lang::current();
    let root = super::Cli::command();
    let names: Vec<String> = root
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    let mut root = localise(root, &Ids { command: None }, lang);
    for name in &names {
        root = root.mut_subcommand(name, |sub| {
            localise(
                sub,
                &Ids {
                    command: Some(name),
                },
                lang,
            )
        });
    }
    if lang == Lang::Vi {
        root = root
            .subcommand_help_heading(tr!("cli-heading-commands"))
            .disable_version_flag(true)
            .arg(
                Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(ArgAction::Version)
                    .help(tr!("cli-version"))
                    .help_heading(tr!("cli-heading-options")),
            )
            .subcommand_value_name(tr!("cli-command-name"));
        // clap adds `help` and works out the usage lines when it builds
        // the tree; both are then put in Vietnamese.
        root.build();
        root = root.mut_subcommand("help", |h| {
            h.about(tr!("cli-help-about")).help_template(template())
        });
        vietnamese_usage(&mut root);
        for sub in root.get_subcommands_mut() {
            vietnamese_usage(sub);
        }
    }
    root
}

/// clap's help template, its one English word (`Usage:`) in Vietnamese.
fn template() -> String {
    format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        tr!("cli-usage-heading")
    )
}

/// A built command's usage line with `[OPTIONS]` in Vietnamese.
fn vietnamese_usage(cmd: &mut Command) {
    let usage = cmd.render_usage().to_string();
    let usage = usage.trim_start_matches("Usage:").trim();
    let usage = usage.replace("[OPTIONS]", &tr!("cli-usage-options"));
    *cmd = std::mem::take(cmd).override_usage(usage);
}

/// One command's texts, and in Vietnamese clap's words around them.
fn localise(cmd: Command, ids: &Ids, lang: Lang) -> Command {
    let has_long = cmd.get_long_about().is_some();
    let mut cmd = cmd.about(lang::text(&ids.about(), &[]));
    if has_long {
        cmd = cmd.long_about(lang::text(&ids.long(), &[]));
    }
    let args: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in &args {
        cmd = cmd.mut_arg(id, |arg| localise_arg(arg, ids, lang));
    }
    if lang == Lang::Vi {
        cmd = cmd.help_template(template()).disable_help_flag(true).arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(tr!("cli-help"))
                .help_heading(tr!("cli-heading-options")),
        );
    }
    cmd
}

/// One option's text; in Vietnamese also its heading, its default and
/// its values, which clap would write in English.
fn localise_arg(arg: Arg, ids: &Ids, lang: Lang) -> Arg {
    let id = arg.get_id().to_string();
    let mut help = lang::text(&ids.arg(&id), &[]);
    if lang == Lang::En {
        return arg.help(help).long_help(None::<&'static str>);
    }
    let values: Vec<_> = arg
        .get_possible_values()
        .into_iter()
        .filter(|v| !v.is_hide_set())
        .collect();
    let mut long = help.clone();
    // A flag's values (true, false) are not the user's to write.
    let takes_values = arg.get_action().takes_values();
    if takes_values && !values.is_empty() && !arg.is_hide_possible_values_set() {
        let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
        help.push(' ');
        help.push_str(&tr!("cli-values", values = names.join(", ")));
        long.push_str("\n\n");
        long.push_str(&tr!("cli-values-heading"));
        for v in &values {
            long.push_str("\n- ");
            long.push_str(v.get_name());
            if v.get_help().is_some() {
                long.push_str(": ");
                long.push_str(&lang::text(&Ids::value(&id, v.get_name()), &[]));
            }
        }
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && !arg.is_hide_default_value_set() {
        let default = tr!("cli-default", value = defaults.join(" "));
        help.push(' ');
        help.push_str(&default);
        long.push_str("\n\n");
        long.push_str(&default);
    }
    let heading = if arg.is_positional() {
        tr!("cli-heading-arguments")
    } else {
        tr!("cli-heading-options")
    };
    arg.help(help)
        .long_help(long)
        .hide_possible_values(true)
        .hide_default_value(true)
        .help_heading(heading)
}

/// Says what is wrong with the command line and returns the exit code:
/// help and version as clap prints them (exit 0), mistakes in English as
/// clap says them, in Vietnamese as one of our problems with hints.
pub fn clap_error(e: clap::Error) -> i32 {
    use ErrorKind::*;
    let shown = matches!(
        e.kind(),
        DisplayHelp | DisplayVersion | DisplayHelpOnMissingArgumentOrSubcommand
    );
    if shown || lang::current() == Lang::En {
        let _ = e.print();
        return e.exit_code();
    }
    let text = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    let mut problem = match e.kind() {
        UnknownArgument => Problem::error(tr!("cli-error-unknown-argument", arg = arg)),
        InvalidSubcommand => Problem::error(tr!(
            "cli-error-unknown-command",
            command = text(ContextKind::InvalidSubcommand).unwrap_or_default()
        )),
        InvalidValue if value.is_empty() => {
            Problem::error(tr!("cli-error-value-missing", arg = arg))
        }
        InvalidValue => Problem::error(tr!("cli-error-invalid-value", arg = arg, value = value)),
        ValueValidation => Problem::error(tr!("cli-error-invalid-value", arg = arg, value = value)),
        MissingRequiredArgument => Problem::error(tr!("cli-error-missing", args = arg)),
        MissingSubcommand => Problem::error(tr!("cli-error-no-command")),
        ArgumentConflict => Problem::error(tr!(
            "cli-error-conflict",
            arg = arg,
            other = text(ContextKind::PriorArg).unwrap_or_default()
        )),
        // The rarer mistakes (a value given twice, a flag with a value):
        // clap's own sentence, after ours.
        _ => Problem::error(tr!(
            "cli-error-other",
            reason = e
                .kind()
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| e.to_string())
        )),
    };
    for k in [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ] {
        if let Some(s) = text(k) {
            problem = problem.hint(tr!("cli-hint-did-you-mean", suggestion = s));
        }
    }
    if let Some(values) = text(ContextKind::ValidValue) {
        problem = problem.hint(tr!("cli-hint-values", values = values));
    }
    if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.trim_start_matches("Usage:").trim();
        problem = problem.hint(tr!("cli-hint-usage", usage = usage));
    }
    Error::problem(problem).emit();
    2
}

/// Reads `--lang` before the command line is parsed, since the parser's
/// texts must already be in the language: `--lang en`, `--lang=en`,
/// before a `--` that ends the options. A wrong value is left for clap to
/// report.
pub fn lang_flag(args: &[std::ffi::OsString]) -> Option<Lang> {
    use clap::ValueEnum;
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        let value = if a == "--" {
            return None;
        } else if a == "--lang" {
            it.next()
        } else if let Some(v) = a.strip_prefix("--lang=") {
            Some(v.to_string().into())
        } else {
            continue;
        };
        return value.and_then(|v| Lang::from_str(&v, true).ok());
    }
    None
}
