//! The command line: what each command does, in plain words, and the
//! lines each command prints when it is done.
//!
//! The doc comments below are the English help; what the user reads comes
//! from the catalogues (`locales/*/cli.ftl`, see [`help`]), in Vietnamese
//! unless English is asked for.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{FromArgMatches, Parser, Subcommand};

use crate::build::{self, BuildOptions};
use crate::error::Error;
use crate::preview::{self, PreviewDoc, PreviewOptions};
use crate::tr;
use crate::watch::{self, WatchOptions};

mod help;

pub use help::message_ids;

/// vanban — văn bản từ dữ liệu: turns YAML data into the paperwork of a Party
/// committee or People's Committee office, typeset to the official format
/// (Hướng dẫn 36-HD/VPTW, Nghị định 30/2020) as print-ready PDF.
#[derive(Debug, Parser)]
#[command(name = "vanban", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// The language of messages and help: vi (default) or en; also
    /// VANBAN_LANG, or a locale (LANG) starting with en.
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<crate::lang::Lang>,
}

/// Reads the command line `args` (the program's name first), runs it, and
/// returns the process's exit code. The language is chosen first, so that
/// `--help` and the parser's errors are in it too.
pub fn main(args: Vec<OsString>) -> i32 {
    crate::lang::set(crate::lang::Lang::choose(help::lang_flag(&args)));
    let parsed = help::command()
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        Ok(cli) => run(cli),
        Err(e) => help::clap_error(e),
    }
}

/// Where templates and fonts come from, for every command that typesets.
#[derive(Debug, clap::Args)]
pub struct Look {
    /// Folder of templates that replace the built-in ones, file by file
    /// (same names as in the project's `templates/` folder).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Folder of extra fonts (e.g. a licensed Times New Roman); system
    /// fonts are never used otherwise. May be given more than once.
    #[arg(long, value_name = "DIR")]
    pub font_path: Vec<PathBuf>,
}

/// Where the files the data names (delegate lists) may be read from, for
/// every command that reads the data.
#[derive(Debug, clap::Args)]
pub struct Reach {
    /// Also read the files the data names (delegate lists) from DIR.
    /// Without it they are read only from the data file's folder and the
    /// folders inside it. May be given more than once.
    #[arg(long, value_name = "DIR")]
    pub allow_dir: Vec<PathBuf>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make the PDF documents described by a data file.
    ///
    /// Reads DATA (YAML) and the delegate lists it names (CSV or Excel),
    /// checks them, and writes into the output folder: the document (for a
    /// plan: `ke-hoach.pdf`), one invitation per delegate and one print file
    /// per event under `giay-moi/`, a distribution sheet (Nơi nhận) for
    /// each, and `manifest.json`. If anything is wrong, every problem is
    /// listed with its line and nothing is written.
    Build {
        /// The YAML data file, e.g. data/ke-hoach-dai-hoi-diem.yaml.
        data: PathBuf,
        /// Folder to write the PDFs and manifest.json into (created if missing).
        #[arg(long, short, default_value = "out")]
        out: PathBuf,
        /// Also write the generated Typst source (`.typ`) next to each PDF.
        #[arg(long)]
        emit_typ: bool,
        #[command(flatten)]
        look: Look,
        #[command(flatten)]
        reach: Reach,
        /// Do not show a progress bar while letters are made.
        #[arg(long)]
        no_progress: bool,
        /// Make only these outputs (plan, invitations, recipients), e.g.
        /// `--only plan` to check the plan quickly. May be repeated.
        #[arg(long, value_enum, value_name = "KIND")]
        only: Vec<crate::build::OutputKind>,
        /// Make every file again. Without it, a rebuild makes only the files
        /// whose data, template, preset or fonts changed, and deletes the
        /// files of delegates or events no longer in the data.
        #[arg(long)]
        force: bool,
        /// Make every PDF PDF/A-2b, the archival form: the document, each
        /// letter and addressed copy, the print files and the distribution
        /// sheets. The same as `pdfa: true` in the data.
        #[arg(long)]
        pdfa: bool,
    },

    /// Look for every mistake in the data before anything is printed.
    ///
    /// Loads DATA and its delegate lists as `build` does, then reads them
    /// as a careful văn thư would: deadlines and dates, delegates listed
    /// twice or without a position, text pasted from the old TCVN3 or VNI
    /// fonts, slips such as `IIDND` for `HĐND`, a weekday that does not
    /// match its date, a count whose words say another number, tone marks
    /// placed in two styles. Every problem is listed with its line and a
    /// hint; the exit code is 1 if there is an error (or, with
    /// `--deny-warnings`, a warning), else 0. `build` runs the same checks
    /// first and does not build on an error.
    Check {
        /// The YAML data file, e.g. data/ke-hoach-dai-hoi-diem.yaml.
        data: PathBuf,
        /// Fail on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// Folder of templates that replace the built-in ones (presets).
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        #[command(flatten)]
        reach: Reach,
    },

    /// Apply the fixes `check` is certain of, in the files themselves.
    ///
    /// Text from the old TCVN3 or VNI fonts, abbreviation slips, the
    /// Icelandic Ð, weekdays and counts in words are corrected where they
    /// are typed (the YAML file or a CSV list); a file in decomposed
    /// Unicode is saved composed. Comments and layout stay as they are, and
    /// each file is first copied to FILE.bak. Each change is listed.
    Fix {
        /// The YAML data file, e.g. data/ke-hoach-dai-hoi-diem.yaml.
        data: PathBuf,
        /// Folder of templates that replace the built-in ones (presets).
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        #[command(flatten)]
        reach: Reach,
    },

    /// Build, then build again each time an input is saved, until Ctrl-C.
    ///
    /// Watches DATA, every delegate list it names (a list added to DATA is
    /// watched from the next save on), the `--templates` folder and the
    /// `--font-path` folders. After each build one line says how long it
    /// took and what was made. If a save has a mistake, the problems are
    /// listed as by `build`, the files from the last good build stay as
    /// they were, and the next good save builds again.
    Watch {
        /// The YAML data file, e.g. data/ke-hoach-dai-hoi-diem.yaml.
        data: PathBuf,
        /// Folder to write the PDFs and manifest.json into (created if missing).
        #[arg(long, short, default_value = "out")]
        out: PathBuf,
        #[command(flatten)]
        look: Look,
        #[command(flatten)]
        reach: Reach,
        /// After each good build, also draw the plan's pages as
        /// `preview-plan-<page>.png` in the output folder (see `preview`).
        #[arg(long)]
        preview: bool,
        /// Make every PDF PDF/A-2b, the archival form: the document, each
        /// letter and addressed copy, the print files and the distribution
        /// sheets. The same as `pdfa: true` in the data.
        #[arg(long)]
        pdfa: bool,
    },

    /// Draw pages as PNG images, to look at a change without a PDF viewer.
    ///
    /// Makes the document as `build` does, then draws its pages into
    /// `OUT/preview-<doc>-<page>.png` (one image per page, or only `--page`)
    /// and prints the images' paths. Nothing else is written.
    Preview {
        /// The YAML data file, e.g. data/ke-hoach-dai-hoi-diem.yaml.
        data: PathBuf,
        /// Which document: the plan, one delegate's invitation (or one
        /// addressed copy of a meeting invitation), or the plan's
        /// distribution sheet (Nơi nhận).
        #[arg(long, value_enum, default_value = "plan")]
        doc: PreviewDoc,
        /// For `--doc invitation`: the event, counted from 1 in `events:`
        /// (default: the first).
        #[arg(long, value_name = "N")]
        event: Option<usize>,
        /// For `--doc invitation`: the delegate, counted from 1 in the
        /// event's list (for a meeting's addressed copies: the invitee, in
        /// `meeting.invitees`).
        #[arg(long, value_name = "N", default_value_t = 1)]
        delegate: usize,
        /// Only this page, counted from 1 (default: every page).
        #[arg(long, value_name = "N")]
        page: Option<usize>,
        /// Resolution in pixels per inch: 72 is one pixel per point, 144
        /// is sharp on most screens.
        #[arg(long, default_value_t = 144.0)]
        ppi: f32,
        /// Folder to write the images into (created if missing).
        #[arg(long, short, default_value = "out")]
        out: PathBuf,
        #[command(flatten)]
        look: Look,
        #[command(flatten)]
        reach: Reach,
    },
    /// Write a short, commented starter data file to begin from.
    ///
    /// KIND is the document to make (`vanban new --list` says which there
    /// are); FILE is where to write it (default `KIND.yaml`), with the
    /// delegate list of a congress beside it. Its dates are today's; edit
    /// the names, then `vanban build FILE`. An existing file is never
    /// overwritten.
    New {
        /// The kind of document: ke-hoach, dai-hoi, thong-bao, giay-moi-hop.
        #[arg(required_unless_present = "list")]
        kind: Option<String>,
        /// The data file to write (default: KIND.yaml).
        file: Option<PathBuf>,
        /// The Party's rules (`dang`) or the state's (`nha-nuoc`).
        #[arg(long, default_value = "dang")]
        preset: String,
        /// List the kinds, and exit.
        #[arg(long)]
        list: bool,
    },
    /// Sign the outputs of a build digitally (PAdES, for electronic issue).
    ///
    /// Signs the document, every letter and addressed copy and the print
    /// files in OUT with a PKCS#12 file (`--p12`) or a key on a USB token
    /// (`--pkcs11 MODULE`). The password or PIN is read from the
    /// environment variable VANBAN_PIN or asked for; never give it on the
    /// command line. The signer signs first (`--role signer`), then the
    /// records clerk with the organisation's key (`--role organisation`);
    /// the second signature leaves the first valid. A file already signed
    /// in the role is left as it is; if anything fails, no file changes.
    Sign {
        /// The output folder of `vanban build`.
        out: PathBuf,
        /// The PKCS#12 file (`.p12`, `.pfx`) with the key and its certificate.
        #[arg(
            long,
            value_name = "FILE",
            conflicts_with = "pkcs11",
            required_unless_present = "pkcs11"
        )]
        p12: Option<PathBuf>,
        /// The PKCS#11 module of the token (e.g. `/usr/lib/libeToken.so`).
        #[arg(long, value_name = "MODULE")]
        pkcs11: Option<PathBuf>,
        /// The token's label, when several are plugged in.
        #[arg(long, value_name = "LABEL", requires = "pkcs11")]
        token: Option<String>,
        /// The key's id on the token (CKA_ID, hex), when it holds several.
        #[arg(long, value_name = "ID", requires = "pkcs11")]
        key_id: Option<String>,
        /// How the token signs (default: sha256-rsa-pkcs if it offers
        /// it): `rsa-pkcs` for a token whose own SHA-256 fails.
        #[arg(long, value_enum, value_name = "M", requires = "pkcs11")]
        mechanism: Option<crate::sign::TokenMechanism>,
        /// Who signs: the signer, then the organisation.
        #[arg(long, value_enum, default_value_t = crate::sign::Role::Signer)]
        role: crate::sign::Role,
        /// A time-stamping authority (`http://…`, from the CA): each
        /// signature gets its RFC 3161 token (PAdES B-T).
        #[arg(long, value_name = "URL")]
        tsa: Option<String>,
    },
}

/// Runs the parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    let result = match cli.command {
        Command::Build {
            data,
            out,
            emit_typ,
            look,
            reach,
            no_progress,
            only,
            force,
            pdfa,
        } => build::run(&BuildOptions {
            data,
            out: out.clone(),
            templates: look.templates,
            font_paths: look.font_path,
            allowed_dirs: reach.allow_dir,
            emit_typ,
            progress: !no_progress,
            only,
            force,
            pdfa,
        })
        .map(|(committed, summary)| {
            if !summary.warnings.is_empty() {
                Error::Problems(summary.warnings.clone()).emit();
            }
            // List documents by name; letters are too many to list one by one.
            for path in &committed.documents {
                eprintln!("{}", out.join(path).display());
            }
            eprintln!("{summary}");
            eprintln!("{}", committed.line(&out));
        }),
        Command::Check {
            data,
            deny_warnings,
            templates,
            reach,
        } => return check(&data, deny_warnings, templates, &reach.allow_dir),
        Command::Fix {
            data,
            templates,
            reach,
        } => crate::fix::run(&data, templates, &reach.allow_dir).map(|fixed| {
            for line in fixed.report(&data) {
                eprintln!("{line}");
            }
        }),
        Command::Watch {
            data,
            out,
            look,
            reach,
            preview,
            pdfa,
        } => watch::run(&WatchOptions {
            build: BuildOptions {
                data,
                out,
                templates: look.templates,
                font_paths: look.font_path,
                allowed_dirs: reach.allow_dir,
                emit_typ: false,
                // One line per build; a bar would scroll them away.
                progress: false,
                only: Vec::new(),
                force: false,
                pdfa,
            },
            preview,
        }),
        Command::Preview {
            data,
            doc,
            event,
            delegate,
            page,
            ppi,
            out,
            look,
            reach,
        } => preview::run(&PreviewOptions {
            data,
            out,
            templates: look.templates,
            font_paths: look.font_path,
            allowed_dirs: reach.allow_dir,
            doc,
            event,
            delegate,
            page,
            ppi,
        })
        .map(|paths| {
            // On stdout, one per line, for an image viewer: `… | xargs feh`.
            for p in paths {
                println!("{}", p.display());
            }
        }),
        Command::New {
            kind,
            file,
            preset,
            list,
        } => new(kind, file, &preset, list),
        Command::Sign {
            out,
            p12,
            pkcs11,
            token,
            key_id,
            mechanism,
            role,
            tsa,
        } => sign(out, p12, pkcs11, (token, key_id, mechanism), role, tsa),
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            report(&e);
            1
        }
    }
}

/// `vanban check`: every problem, then a count; the exit code.
fn check(
    data: &std::path::Path,
    deny_warnings: bool,
    templates: Option<PathBuf>,
    allowed: &[PathBuf],
) -> i32 {
    let engine = match build::Engine::new(crate::templates::Templates::new(templates), &[]) {
        Ok(e) => e.allow_dirs(allowed),
        Err(e) => {
            report(&e);
            return 1;
        }
    };
    let project = match engine.load(data) {
        Ok(p) => p,
        Err(e) => {
            report(&e);
            return 1;
        }
    };
    if let Err(e) = engine.preset(&project) {
        report(&e);
        return 1;
    }
    let (errors, warnings) = engine.check_project(&project, data);
    let (e, w) = (errors.len(), warnings.len());
    if e + w > 0 {
        Error::Problems(errors.into_iter().chain(warnings).collect()).emit();
    }
    let delegates: usize = project.events.iter().map(|e| e.delegates.len()).sum();
    if e + w == 0 {
        eprintln!(
            "{}",
            tr!(
                "cli-done-check-clean",
                data = data.display().to_string(),
                events = project.events.len(),
                delegates = delegates
            )
        );
    } else {
        eprintln!(
            "{}",
            tr!(
                "cli-done-check-problems",
                data = data.display().to_string(),
                errors = e,
                warnings = w
            )
        );
    }
    i32::from(e > 0 || (deny_warnings && w > 0))
}

/// `vanban new`: the kinds, or a starter file written.
fn new(kind: Option<String>, file: Option<PathBuf>, preset: &str, list: bool) -> Result<(), Error> {
    if list {
        print!("{}", crate::starter::list());
        return Ok(());
    }
    let kind = kind.unwrap_or_default();
    let today = crate::output::now();
    let today = chrono::DateTime::<chrono::Local>::from(today).date_naive();
    for path in crate::starter::write(&kind, file.as_deref(), preset, today)? {
        eprintln!("{}", crate::starter::wrote(&path));
    }
    Ok(())
}

/// `vanban sign`: opens the key, signs, says what it did.
fn sign(
    out: PathBuf,
    p12: Option<PathBuf>,
    pkcs11: Option<PathBuf>,
    (token, key_id, mechanism): (
        Option<String>,
        Option<String>,
        Option<crate::sign::TokenMechanism>,
    ),
    role: crate::sign::Role,
    tsa: Option<String>,
) -> Result<(), Error> {
    use crate::sign::{self, KeySource};
    let (source, what) = match (p12, pkcs11) {
        (Some(file), _) => (KeySource::Pkcs12(file), sign::Asked::Password),
        (None, Some(module)) => (
            KeySource::Pkcs11 {
                module,
                token,
                key_id,
                mechanism,
            },
            sign::Asked::Pin,
        ),
        (None, None) => unreachable!("clap requires --p12 or --pkcs11"),
    };
    let secret = sign::secret(what)?;
    let key = sign::Key::open(&source, &secret, crate::output::now())?;
    drop(secret);
    let options = sign::SignOptions {
        out,
        key: source,
        role,
        tsa,
    };
    let report = sign::sign(&options, &key, || eprintln!("{}", sign::waiting()))?;
    eprintln!("{}", report.summary(role, &key.subject()));
    Ok(())
}

fn report(e: &Error) {
    e.emit();
}
