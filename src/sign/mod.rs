//! `vanban sign`: PAdES baseline B-B signatures on the outputs of a build
//! (the main document, every letter and addressed copy, the print files),
//! with a PKCS#12 file or a PKCS#11 token, in the two roles of Nghị định
//! 30/2020 Điều 13–14 and HD 05 8.2: the signer's signature, then the
//! organisation's (the seal), each one incremental update that leaves the
//! one before it valid.
//!
//! Signing is incremental like the build: a file already signed in the
//! role is left as it is; the manifest records, for each signed file, the
//! digest the build made and the roles signed. Every file is signed into
//! the stage of the output folder and the lot is put in place by the same
//! commit as a build's: on any error, no file changes.

pub mod appearance;
pub mod cms;
pub mod key;
pub mod pdf;
pub mod tsa;

use std::path::PathBuf;
use std::time::SystemTime;

use crate::error::{Error, Problem};
use crate::output::commit::OutDir;
use crate::output::manifest::{ManifestEntry, Signed, each_element};
use crate::output::stage::Stage;

pub use key::{FileKey, Key, KeySource, Signs, TokenMechanism};

/// Where a key was looked for, for messages.
#[derive(Debug, Clone)]
pub enum Holder {
    /// A PKCS#12 file.
    File(PathBuf),
    /// The token.
    Token,
    /// The key with this id (hex) on the token.
    TokenKey(String),
}

/// What goes wrong while signing, each with what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum SignError {
    /// A key or certificate file cannot be read.
    #[error("{}", crate::tr!("read-failed", path = path.display().to_string(), reason = crate::lang::io_reason(source)))]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The PKCS#12 file's password is not the one given.
    #[error("{}", crate::tr!("sign-wrong-password", path = .0.display().to_string()))]
    WrongPassword(PathBuf),
    /// The PKCS#12 file cannot be read as one.
    #[error("{}", crate::tr!("sign-not-pkcs12", path = path.display().to_string(), reason = reason))]
    Pkcs12 {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// No private key where one was looked for.
    #[error("{}", no_key(.0))]
    NoKey(Holder),
    /// The key is not an RSA key.
    #[error("{}", crate::tr!("sign-not-rsa", path = .0.display().to_string()))]
    NotRsa(PathBuf),
    /// No certificate for the key.
    #[error("{}", no_certificate_for_key(.0))]
    NoCertificateForKey(Holder),
    /// No certificate at all.
    #[error("{}", crate::tr!("sign-no-certificate"))]
    NoCertificate,
    /// The certificate has expired.
    #[error("{}", crate::tr!("sign-expired", subject = subject, on = on))]
    Expired {
        /// Whose.
        subject: String,
        /// When, dd/mm/yyyy.
        on: String,
    },
    /// The certificate is not valid yet.
    #[error("{}", crate::tr!("sign-not-yet-valid", subject = subject, from = from))]
    NotYetValid {
        /// Whose.
        subject: String,
        /// From when, dd/mm/yyyy.
        from: String,
    },
    /// The PKCS#11 module cannot be loaded.
    #[error("{}", crate::tr!("sign-module", path = path.display().to_string(), reason = reason))]
    Module {
        /// The module.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// No token, the wrong one, or several.
    #[error("{}", no_token(wanted.as_deref(), found))]
    NoToken {
        /// The label asked for.
        wanted: Option<String>,
        /// The labels of the tokens plugged in.
        found: Vec<String>,
    },
    /// The token's PIN is wrong.
    #[error("{}", crate::tr!("sign-wrong-pin"))]
    WrongPin,
    /// The token is locked.
    #[error("{}", crate::tr!("sign-token-locked"))]
    TokenLocked,
    /// The PIN has expired.
    #[error("{}", crate::tr!("sign-pin-expired"))]
    PinExpired,
    /// Several keys on the token, none chosen.
    #[error("{}", crate::tr!("sign-several-keys", ids = .0.join(", ")))]
    SeveralKeys(Vec<String>),
    /// A key id that is not hex.
    #[error("{}", crate::tr!("sign-key-id", id = .0))]
    KeyId(String),
    /// Any other token error.
    #[error("{}", crate::tr!("sign-token-error", reason = .0))]
    Token(String),
    /// The key failed to sign.
    #[error("{}", crate::tr!("sign-key-failed", reason = .0))]
    Key(String),
    /// The PDF cannot be signed.
    #[error("{0}")]
    Pdf(String),
    /// DER encoding failed.
    #[error("{}", crate::tr!("sign-encoding", reason = .0))]
    Encoding(String),
    /// The time-stamping authority failed.
    #[error("{}", crate::tr!("sign-tsa", reason = .0))]
    Tsa(String),
}

fn no_key(holder: &Holder) -> String {
    match holder {
        Holder::File(path) => crate::tr!("sign-no-key-file", path = path.display().to_string()),
        Holder::Token | Holder::TokenKey(_) => crate::tr!("sign-no-key-token"),
    }
}

fn no_certificate_for_key(holder: &Holder) -> String {
    match holder {
        Holder::File(path) => crate::tr!(
            "sign-no-certificate-file",
            path = path.display().to_string()
        ),
        Holder::Token => crate::tr!("sign-no-certificate-token"),
        Holder::TokenKey(id) => crate::tr!("sign-no-certificate-token-key", id = id),
    }
}

fn no_token(wanted: Option<&str>, found: &[String]) -> String {
    match (wanted, found) {
        (_, []) => crate::tr!("sign-no-token"),
        (Some(w), f) => crate::tr!("sign-no-token-labelled", label = w, found = f.join(", ")),
        (None, f) => crate::tr!("sign-several-tokens", found = f.join(", ")),
    }
}

impl SignError {
    /// What to do about it.
    fn hint(&self) -> Option<String> {
        Some(match self {
            SignError::WrongPassword(_) => crate::tr!("sign-hint-wrong-password"),
            SignError::WrongPin => crate::tr!("sign-hint-wrong-pin"),
            SignError::TokenLocked => crate::tr!("sign-hint-token-locked"),
            SignError::Expired { .. } | SignError::NotYetValid { .. } => {
                crate::tr!("sign-hint-certificate-dates")
            }
            SignError::NoToken { found, .. } if !found.is_empty() => {
                crate::tr!("sign-hint-choose-token")
            }
            SignError::SeveralKeys(_) => crate::tr!("sign-hint-choose-key"),
            SignError::NotRsa(_) => crate::tr!("sign-hint-not-rsa"),
            SignError::Tsa(_) => crate::tr!("sign-hint-tsa"),
            _ => return None,
        })
    }
}

impl From<SignError> for Error {
    fn from(e: SignError) -> Self {
        let mut p = Problem::error(e.to_string());
        if let Some(h) = e.hint() {
            p = p.hint(h);
        }
        Error::Problems(vec![p])
    }
}

/// Who signs: the person with authority, then the organisation (the
/// records clerk's signature, shown as the seal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Role {
    /// The signer's own signature (người có thẩm quyền).
    Signer,
    /// The organisation's signature, after the signer's (văn thư).
    Organisation,
}

impl Role {
    /// The role's name in the manifest.
    pub fn key(self) -> &'static str {
        match self {
            Role::Signer => "signer",
            Role::Organisation => "organisation",
        }
    }

    fn reason(self) -> &'static str {
        match self {
            Role::Signer => "Ký ban hành văn bản",
            Role::Organisation => "Ký số của cơ quan, tổ chức",
        }
    }
}

/// What `vanban sign` is asked to do.
#[derive(Debug, Clone)]
pub struct SignOptions {
    /// The output folder of a build.
    pub out: PathBuf,
    /// Where the key is.
    pub key: KeySource,
    /// In which role.
    pub role: Role,
    /// A time-stamping authority's URL (`http://…`): each signature gets
    /// its token (PAdES B-T).
    pub tsa: Option<String>,
}

/// What a signing run did.
#[derive(Debug, Default)]
pub struct Report {
    /// Files signed now.
    pub signed: usize,
    /// Files already signed in this role, left as they were.
    pub kept: usize,
}

/// The kinds of output that are signed: what is issued, not the office's
/// own dispatch sheets.
fn is_signed_kind(kind: &str) -> bool {
    matches!(
        kind,
        "plan" | "invitation" | "invitations-print" | "meeting-copy" | "meeting-copies-print"
    )
}

/// `t` in ISO 8601 with Vietnam's offset, to the second:
/// `2026-12-01T08:30:00+07:00` (NĐ 30 Phụ lục I II.8.b).
fn iso_time(t: SystemTime) -> String {
    vietnam(t).format("%Y-%m-%dT%H:%M:%S+07:00").to_string()
}

fn vietnam(t: SystemTime) -> chrono::DateTime<chrono::FixedOffset> {
    let secs = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let vn = chrono::FixedOffset::east_opt(7 * 3600).expect("UTC+7 is an offset");
    chrono::DateTime::from_timestamp(secs, 0)
        .unwrap_or_default()
        .with_timezone(&vn)
}

/// `t` as a PDF date in Vietnam's time (UTC+7): `D:20261201083000+07'00'`.
fn pdf_date(t: SystemTime) -> String {
    vietnam(t).format("D:%Y%m%d%H%M%S+07'00'").to_string()
}

/// A file to sign: its bytes (read when its window is signed) and its
/// widget.
type Job = (Vec<u8>, pdf::Widget);

/// Signs every signable output in `opts.out` in `opts.role` with `key`.
pub fn sign(opts: &SignOptions, key: &Key, waiting: impl FnOnce()) -> Result<Report, Error> {
    let out = OutDir::open(&opts.out, waiting)?;
    let manifest_path = out.path().join("manifest.json");
    let mut entries: Vec<ManifestEntry> = Vec::new();
    if each_element(&manifest_path, "outputs", |e| entries.push(e)).is_none() {
        return Err(Error::Problems(vec![
            Problem::error(crate::tr!(
                "sign-no-build",
                path = opts.out.display().to_string()
            ))
            .hint(crate::tr!("sign-hint-no-build")),
        ]));
    }
    // The document the addressed copies copy: the organisation signs them
    // once the signer has signed it.
    let main_signed = entries.iter().any(|e| {
        e.kind == "plan"
            && e.signed
                .as_ref()
                .is_some_and(|s| s.roles.iter().any(|r| r == "signer"))
    });
    let main_path = entries
        .iter()
        .find(|e| e.kind == "plan")
        .map_or_else(String::new, |e| e.path.clone());
    let previous = out.previous(false);
    let mut stage = Stage::new(&out, &previous);
    let now = crate::output::now();
    let time = pdf_date(now);
    let iso = iso_time(now);
    let room = key
        .chain()
        .iter()
        .map(|c| der::Encode::encoded_len(c).map_or(2048, |l| u32::from(l) as usize))
        .sum::<usize>()
        + 4096;
    let mut report = Report::default();
    let mut problems = Vec::new();
    // What to do with each entry, in the manifest's order: keep it, or
    // sign the file's bytes.
    let mut steps: Vec<(ManifestEntry, Option<Job>)> = Vec::new();
    let date = chrono::DateTime::<chrono::Utc>::from(now).date_naive();
    let mut appearances = appearance::Appearances::new(date)?;
    for entry in entries {
        if !is_signed_kind(&entry.kind) {
            steps.push((entry, None));
            continue;
        }
        let roles = entry.signed.as_ref().map_or(&[][..], |s| &s.roles[..]);
        // An addressed copy is a copy in a file of its own: the signer
        // signs the invitation, the organisation each copy (NĐ 30 Phụ
        // lục I II.8.b).
        let copy = entry.kind == "meeting-copy";
        if copy && opts.role == Role::Signer {
            steps.push((entry, None));
            continue;
        }
        // Not before the signer has signed the document they copy; that
        // the document is not signed yet is said once, of the document.
        if copy && !main_signed && !roles.iter().any(|r| r == opts.role.key()) {
            if !main_path.is_empty() {
                continue;
            }
            problems.push(
                Problem::error(crate::tr!("sign-copy-unsigned", path = &entry.path))
                    .hint(crate::tr!("sign-hint-copy-unsigned")),
            );
            continue;
        }
        if roles.iter().any(|r| r == opts.role.key()) {
            report.kept += 1;
            steps.push((entry, None));
            continue;
        }
        if opts.role == Role::Organisation && !copy && !roles.iter().any(|r| r == "signer") {
            problems.push(
                Problem::error(crate::tr!("sign-not-signed-yet", path = &entry.path))
                    .hint(crate::tr!("sign-hint-not-signed-yet")),
            );
            continue;
        }
        let intact = previous
            .index(&entry.path)
            .is_some_and(|i| previous.is_intact(i));
        if !intact {
            problems.push(
                Problem::error(crate::tr!("sign-changed", path = &entry.path))
                    .hint(crate::tr!("sign-hint-build-again")),
            );
            continue;
        }
        // Read when its window is signed, not now: 100,000 letters are
        // not held in memory at once.
        steps.push((entry, Some((Vec::new(), pdf::Widget::invisible()))));
    }
    if !problems.is_empty() {
        return Err(Error::Problems(problems));
    }
    let info = pdf::SigInfo {
        field: format!("vanban-{}", opts.role.key()),
        name: key.subject(),
        reason: opts.role.reason().to_string(),
        time,
        room,
    };
    let tsa = opts.tsa.as_deref();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    for window in steps.chunks_mut(256) {
        let mut jobs: Vec<(&ManifestEntry, &mut Job)> = window
            .iter_mut()
            .filter_map(|(e, job)| Some((&*e, job.as_mut()?)))
            .collect();
        for (entry, (bytes, widget)) in jobs.iter_mut() {
            *bytes = previous.read(&entry.path).ok_or_else(|| {
                Error::Problems(vec![
                    Problem::error(crate::tr!("sign-unreadable", path = &entry.path))
                        .hint(crate::tr!("sign-hint-build-again")),
                ])
            })?;
            *widget = self::widget(entry, opts.role, &iso, is_pdfa(bytes), &mut appearances)?;
        }
        // A key from a file signs on every core; a token, one at a time.
        let signed: Vec<Result<Vec<u8>, SignError>> = match key.shared() {
            Some(shared) if threads > 1 && jobs.len() > 1 => {
                let per = jobs.len().div_ceil(threads);
                std::thread::scope(|scope| {
                    let handles: Vec<_> = jobs
                        .chunks(per)
                        .map(|chunk| {
                            let info = &info;
                            scope.spawn(move || {
                                chunk
                                    .iter()
                                    .map(|(_, (b, widget))| {
                                        sign_bytes(b, info, widget, &shared, tsa)
                                    })
                                    .collect::<Vec<_>>()
                            })
                        })
                        .collect();
                    handles
                        .into_iter()
                        .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                        .collect()
                })
            }
            _ => jobs
                .iter()
                .map(|(_, (b, widget))| sign_bytes(b, &info, widget, key, tsa))
                .collect(),
        };
        for ((_, (bytes, _)), signed) in jobs.into_iter().zip(signed) {
            *bytes = signed?;
        }
        for (entry, bytes) in window.iter_mut() {
            let entry = std::mem::take(entry);
            match bytes.take().map(|(b, _)| b) {
                None => {
                    let delegate = entry.delegate.clone();
                    stage.keep(entry, delegate.as_deref())?;
                }
                Some(signed) => {
                    let mut record = entry.signed.clone().unwrap_or(Signed {
                        unsigned_sha256: entry.sha256.clone(),
                        roles: Vec::new(),
                    });
                    record.roles.push(opts.role.key().to_string());
                    stage.replace(
                        ManifestEntry {
                            signed: Some(record),
                            ..entry
                        },
                        &signed,
                    )?;
                    report.signed += 1;
                }
            }
        }
    }
    stage.commit(&out)?;
    Ok(report)
}

/// The widgets of `entry`'s signature in `role`: the signer's image in each
/// of the file's signer boxes, or the seal in each seal box, as the build
/// measured them; invisible when the data names no image.
fn widget(
    entry: &ManifestEntry,
    role: Role,
    iso: &str,
    pdfa: bool,
    appearances: &mut appearance::Appearances,
) -> Result<pdf::Widget, Error> {
    // The organisation's signature on a copy: no image, but the copy's
    // number and the signing time, at the top right of page 1.
    if entry.kind == "meeting-copy" {
        let Some(b) = entry.sign_boxes.iter().find(|b| b.role == "copy") else {
            return Ok(pdf::Widget::invisible());
        };
        let [x0, y0, x1, y1] = b.rect;
        let lines = [b.text.clone(), iso.to_string()];
        let appearance = appearances.text(&lines, b.size, x1 - x0, y1 - y0, pdfa)?;
        return Ok(pdf::Widget {
            place: Some((b.page, b.rect)),
            appearance,
        });
    }
    let want = match role {
        Role::Signer => "signer",
        Role::Organisation => "seal",
    };
    // A print file is printed to be signed by hand, as each paper
    // original is: its signature shows nothing, so the paper keeps its
    // empty space.
    if entry.kind.ends_with("-print") {
        return Ok(pdf::Widget::invisible());
    }
    let Some(b) = entry.sign_boxes.iter().find(|b| b.role == want) else {
        return Ok(pdf::Widget::invisible());
    };
    let [x0, y0, x1, y1] = b.rect;
    let appearance = appearances.image(&b.image, &b.image_sha256, x1 - x0, y1 - y0, pdfa)?;
    Ok(pdf::Widget {
        place: Some((b.page, b.rect)),
        appearance,
    })
}

/// Whether `pdf` says it is PDF/A: its XMP metadata (never compressed in
/// a PDF/A file vanban writes) claims a `pdfaid:part`. Its signature's
/// appearance is then drawn as PDF/A too (colours with an ICC profile).
fn is_pdfa(pdf: &[u8]) -> bool {
    pdf.windows(12)
        .any(|w| w == b"pdfaid:part>" || w == b"pdfaid:part=")
}

/// `original` with one more signature by `key`, time-stamped by the TSA
/// at `tsa` if given.
pub fn sign_bytes(
    original: &[u8],
    info: &pdf::SigInfo,
    widget: &pdf::Widget,
    key: &impl Signs,
    tsa: Option<&str>,
) -> Result<Vec<u8>, SignError> {
    let prepared = pdf::prepare(original, info, widget)?;
    let digest = prepared.digest();
    let signer = key.chain().first().ok_or(SignError::NoCertificate)?;
    let attrs = cms::signed_attributes(&digest, signer)?;
    let signature = key.sign(&cms::to_be_signed(&attrs)?)?;
    let token = tsa.map(|url| tsa::stamp(url, &signature)).transpose()?;
    let der = cms::signed_data(attrs, signature, key.chain(), token.as_deref())?;
    prepared.fill(&der)
}

/// What the user is asked for when `VANBAN_PIN` is not set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked {
    /// The password of a PKCS#12 file.
    Password,
    /// The PIN of a token.
    Pin,
}

/// The password or PIN: `VANBAN_PIN`, else asked for on the terminal
/// without echo. Never an argument: arguments show in `ps` and shell
/// history.
pub fn secret(asked: Asked) -> Result<String, Error> {
    if let Ok(pin) = std::env::var("VANBAN_PIN") {
        return Ok(pin);
    }
    let what = match asked {
        Asked::Password => crate::tr!("sign-secret-password"),
        Asked::Pin => crate::tr!("sign-secret-pin"),
    };
    rpassword::prompt_password(crate::tr!("sign-prompt", what = &what)).map_err(|e| {
        Error::Problems(vec![
            Problem::error(crate::tr!(
                "sign-cannot-ask",
                what = &what,
                reason = crate::lang::io_reason(&e)
            ))
            .hint(crate::tr!("sign-hint-cannot-ask")),
        ])
    })
}

/// What `vanban sign` says while another vanban holds the output folder.
pub fn waiting() -> String {
    crate::tr!("sign-waiting")
}

impl Report {
    /// The line `vanban sign` ends with: `7 file(s) signed as signer by
    /// NAME, 0 already signed as such`.
    pub fn summary(&self, role: Role, subject: &str) -> String {
        match role {
            Role::Signer => crate::tr!(
                "sign-summary-signer",
                signed = self.signed,
                subject = subject,
                kept = self.kept
            ),
            Role::Organisation => crate::tr!(
                "sign-summary-organisation",
                signed = self.signed,
                subject = subject,
                kept = self.kept
            ),
        }
    }
}
