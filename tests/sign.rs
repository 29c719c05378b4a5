//! `vanban sign`: PAdES signatures on a build's outputs, checked by two
//! verifiers that are not vanban: poppler's `pdfsig` and pyHanko. Keys,
//! certificates and tokens are made here with the openssl CLI and
//! SoftHSM2; no private key is kept in the repository. (`tests/run.sh`
//! installs the tools and pyHanko.)

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::pki::{Pki, openssl};
use common::*;

/// The 2026 Party example built into `dir/out`: its plan, five letters
/// and their print file to sign, two sheets not to.
fn built(dir: &Path) -> PathBuf {
    let out = dir.join("out");
    build_ok(
        &root().join("data/ke-hoach-dang-uy-xa-2026.yaml"),
        &out,
        &[],
    );
    out
}

/// `vanban sign OUT EXTRA…` with the password or PIN in `VANBAN_PIN`.
fn sign(out: &Path, pin: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["sign", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    vanban_env(&args, &[("VANBAN_PIN", pin)])
}

fn sign_ok(out: &Path, pin: &str, extra: &[&str]) -> String {
    let o = sign(out, pin, extra);
    let err = stderr(&o);
    assert!(o.status.success(), "vanban sign failed:\n{err}");
    err
}

/// The signed outputs of a build, and the others.
fn signed_kinds(out: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let m = manifest(out);
    let (a, b): (Vec<_>, Vec<_>) = m
        .outputs
        .iter()
        .partition(|e| e.kind != "recipients" && e.kind != "typst-source");
    let paths =
        |v: Vec<&vanban::output::ManifestEntry>| v.iter().map(|e| out.join(&e.path)).collect();
    (paths(a), paths(b))
}

/// What pdfsig says of `pdf`. Its exit code is 0 even for a digest
/// mismatch: the text is what tells.
fn pdfsig(pdf: &Path) -> String {
    let o = Command::new("pdfsig")
        .arg(pdf)
        .output()
        .expect("pdfsig runs");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// pyHanko's verdict on every signature of `pdf`, trusting `ca`: exit
/// status and output.
fn pyhanko(pdf: &Path, ca: &str) -> (bool, String) {
    let exe = std::env::var("VANBAN_PYHANKO").unwrap_or_else(|_| {
        root()
            .join("target/pyhanko-venv/bin/pyhanko")
            .to_str()
            .unwrap()
            .to_string()
    });
    let o = Command::new(&exe)
        .args([
            "sign",
            "validate",
            "--no-revocation-check",
            "--trust",
            ca,
            "--trust-replace",
        ])
        .arg(pdf)
        .output()
        .unwrap_or_else(|e| panic!("pyHanko ({exe}) runs: {e}; tests/run.sh installs it"));
    let text =
        String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    (o.status.success(), text)
}

fn sha256_of(path: &Path) -> String {
    vanban::output::sha256_hex(&std::fs::read(path).unwrap())
}

/// Every file below `dir` (but the tool's own state in `.vanban/`) with
/// its bytes' digest.
fn digests(dir: &Path) -> Vec<(String, String)> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<(String, String)>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let path = e.path();
            if e.file_name() == ".vanban" {
                continue;
            }
            if path.is_dir() {
                walk(&path, base, out);
            } else {
                let rel = path
                    .strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.push((rel, sha256_of(&path)));
            }
        }
    }
    let mut v = Vec::new();
    walk(dir, dir, &mut v);
    v.sort();
    v
}

#[test]
fn every_output_signed_with_a_p12_file_is_valid_for_pdfsig_and_pyhanko() {
    let dir = tempfile::tempdir().unwrap();
    let pki = Pki::new(dir.path(), "Lò Văn Minh", "365");
    for p12 in ["modern.p12", "legacy.p12"] {
        let out = dir.path().join(p12);
        std::fs::rename(built(dir.path()), &out).unwrap();
        let (to_sign, others) = signed_kinds(&out);
        assert_eq!(to_sign.len(), 7, "the plan, 5 letters, a print file");
        let before: Vec<String> = to_sign.iter().map(|p| sha256_of(p)).collect();
        let sheets: Vec<(String, String)> = digests(&out)
            .into_iter()
            .filter(|(f, _)| others.iter().any(|o| o.ends_with(f)))
            .collect();
        let err = sign_ok(&out, "secret", &["--p12", &pki.path(p12)]);
        assert!(
            err.contains("7 file(s) signed as signer by Lò Văn Minh, 0 already signed as such"),
            "{err}"
        );
        for pdf in &to_sign {
            let said = pdfsig(pdf);
            for line in [
                "Signature Type: ETSI.CAdES.detached",
                "Signing Hash Algorithm: SHA-256",
                "Total document signed",
                "Signature Validation: Signature is Valid.",
                "Signer Certificate Common Name: Lò Văn Minh",
            ] {
                assert!(said.contains(line), "{}: {line} in\n{said}", pdf.display());
            }
            let (ok, said) = pyhanko(pdf, &pki.path("ca.pem"));
            assert!(
                ok && said.contains(":INTACT:TRUSTED"),
                "{}: {said}",
                pdf.display()
            );
        }
        // The sheets stay unsigned and as they were; the manifest knows
        // what the build made.
        for (f, d) in &sheets {
            assert_eq!(&sha256_of(&out.join(f)), d, "{f}");
            assert!(pdfsig(&out.join(f)).contains("does not contain any signatures"));
        }
        let m = manifest(&out);
        for (pdf, unsigned) in to_sign.iter().zip(&before) {
            let e = m.outputs.iter().find(|e| pdf.ends_with(&e.path)).unwrap();
            let s = e.signed.as_ref().expect("recorded as signed");
            assert_eq!(&s.unsigned_sha256, unsigned);
            assert_eq!(s.roles, ["signer"]);
            assert_eq!(e.sha256, sha256_of(pdf));
        }
    }
}

#[test]
fn the_organisation_signs_after_the_signer_and_leaves_its_signature_valid() {
    let dir = tempfile::tempdir().unwrap();
    let pki = Pki::new(dir.path(), "Văn phòng Đảng ủy xã Nà Tăm", "365");
    let out = built(dir.path());
    let p12 = pki.path("modern.p12");
    let before = digests(&out);
    let o = sign(&out, "secret", &["--p12", &p12, "--role", "organisation"]);
    assert_eq!(o.status.code(), Some(1));
    says(
        &stderr(&o),
        &[
            "error: `ke-hoach.pdf` does not carry the signer's signature yet",
            "hint: the organisation signs after the signer: `vanban sign FOLDER --role signer` first",
        ],
    );
    assert_eq!(digests(&out), before, "nothing changed");

    sign_ok(&out, "secret", &["--p12", &p12]);
    sign_ok(&out, "secret", &["--p12", &p12, "--role", "organisation"]);
    let (to_sign, _) = signed_kinds(&out);
    for pdf in &to_sign {
        let said = pdfsig(pdf);
        assert_eq!(said.matches("Signature is Valid.").count(), 2, "{said}");
        assert!(
            said.contains("Signature #2:\n  - Signature Field Name: vanban-organisation"),
            "{said}"
        );
        // The second covers the whole file, the first its own revision.
        assert_eq!(said.matches("Total document signed").count(), 1, "{said}");
        let (ok, said) = pyhanko(pdf, &pki.path("ca.pem"));
        assert!(ok, "{said}");
        assert!(said.contains("vanban-signer:") && said.contains("vanban-organisation:"));
        assert_eq!(said.matches(":INTACT:TRUSTED").count(), 2, "{said}");
    }
    let m = manifest(&out);
    let plan = m.outputs.iter().find(|e| e.kind == "plan").unwrap();
    assert_eq!(
        plan.signed.as_ref().unwrap().roles,
        ["signer", "organisation"]
    );
}

#[test]
fn a_changed_byte_breaks_the_signature_for_both_verifiers() {
    let dir = tempfile::tempdir().unwrap();
    let pki = Pki::new(dir.path(), "Lò Văn Minh", "365");
    let out = built(dir.path());
    sign_ok(&out, "secret", &["--p12", &pki.path("modern.p12")]);
    let pdf = out.join("ke-hoach.pdf");
    let mut bytes = std::fs::read(&pdf).unwrap();
    // A byte of the page content, well inside the first signed range.
    bytes[2000] ^= 0x01;
    let tampered = dir.path().join("tampered.pdf");
    std::fs::write(&tampered, &bytes).unwrap();
    let said = pdfsig(&tampered);
    assert!(!said.contains("Signature is Valid."), "{said}");
    let (ok, said) = pyhanko(&tampered, &pki.path("ca.pem"));
    assert!(!ok, "{said}");
    // Bytes added after the signature: pdfsig no longer says it covers
    // the whole file.
    let mut longer = std::fs::read(&pdf).unwrap();
    longer.extend_from_slice(b"\n% added\n");
    std::fs::write(&tampered, &longer).unwrap();
    assert!(!pdfsig(&tampered).contains("Total document signed"));
}

#[test]
fn signing_again_signs_only_what_the_build_made_again() {
    let dir = tempfile::tempdir().unwrap();
    let pki = Pki::new(dir.path(), "Lò Văn Minh", "365");
    let data = dir.path().join("ke-hoach.yaml");
    std::fs::copy(root().join("data/ke-hoach-dang-uy-xa-2026.yaml"), &data).unwrap();
    // Its signature and seal images, beside it as in `data/`.
    for (folder, png) in [
        ("chu-ky", "lo-van-minh.png"),
        ("dau", "dang-uy-xa-na-tam.png"),
    ] {
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
        std::fs::copy(
            root().join("data").join(folder).join(png),
            dir.path().join(folder).join(png),
        )
        .unwrap();
    }
    let out = dir.path().join("out");
    build_ok(&data, &out, &[]);
    let p12 = pki.path("modern.p12");
    sign_ok(&out, "secret", &["--p12", &p12]);
    let err = sign_ok(&out, "secret", &["--p12", &p12]);
    assert!(
        err.contains("0 file(s) signed as signer by Lò Văn Minh, 7 already signed as such"),
        "{err}"
    );
    // A rebuild with nothing changed keeps the signed files.
    let signed = digests(&out);
    build_ok(&data, &out, &[]);
    assert_eq!(digests(&out), signed);
    // One delegate's position changes: that letter and the print file are
    // made again, unsigned, and only they are signed now.
    let text = std::fs::read_to_string(&data).unwrap().replace(
        "{ name: Hà Văn Sơn, position: Đảng viên, group: member }",
        "{ name: Hà Văn Sơn, position: Tổ trưởng tổ đảng, group: member }",
    );
    std::fs::write(&data, text).unwrap();
    build_ok(&data, &out, &[]);
    let err = sign_ok(&out, "secret", &["--p12", &p12]);
    assert!(
        err.contains("2 file(s) signed as signer by Lò Văn Minh, 5 already signed as such"),
        "{err}"
    );
    let (to_sign, _) = signed_kinds(&out);
    for pdf in &to_sign {
        // One signature each: the print file made again from the pages of
        // the signed one carries none of its old signature's widgets.
        let said = pdfsig(pdf);
        assert!(said.contains("Signature is Valid."), "{}", pdf.display());
        assert_eq!(
            said.matches("Signature #").count(),
            1,
            "{}: {said}",
            pdf.display()
        );
        let (ok, said) = pyhanko(pdf, &pki.path("ca.pem"));
        assert!(ok, "{said}");
    }
}

#[test]
fn a_wrong_password_or_an_expired_certificate_changes_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let pki = Pki::new(dir.path(), "Lò Văn Minh", "30");
    let out = built(dir.path());
    let before = digests(&out);
    let p12 = pki.path("modern.p12");
    let o = sign(&out, "wrong", &["--p12", &p12]);
    assert_eq!(o.status.code(), Some(1));
    says(
        &stderr(&o),
        &[
            &format!("error: the password does not open `{p12}`"),
            "hint: give the password in VANBAN_PIN or at the prompt; nothing was signed",
        ],
    );
    assert_eq!(digests(&out), before);
    // Signing a year from now: the 30-day certificate has expired.
    let later = (std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 365 * 86400)
        .to_string();
    let o = vanban_env(
        &["sign", out.to_str().unwrap(), "--p12", &p12],
        &[("VANBAN_PIN", "secret"), ("SOURCE_DATE_EPOCH", &later)],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    says(
        &err,
        &[
            "error: the certificate of Lò Văn Minh expired on ",
            "hint: sign with a certificate valid today (renew it with the CA)",
        ],
    );
    assert_eq!(digests(&out), before);
    // A certificate whose key is not RSA (an EC key): said, nothing signed.
    openssl(
        &pki.dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            "ec.key",
            "-out",
            "ec.pem",
            "-days",
            "30",
            "-subj",
            "/CN=EC",
        ],
    );
    openssl(
        &pki.dir,
        &[
            "pkcs12",
            "-export",
            "-inkey",
            "ec.key",
            "-in",
            "ec.pem",
            "-out",
            "ec.p12",
            "-passout",
            "pass:secret",
        ],
    );
    let ec = pki.path("ec.p12");
    let o = sign(&out, "secret", &["--p12", &ec]);
    assert_eq!(o.status.code(), Some(1));
    says(
        &stderr(&o),
        &[
            &format!(
                "error: the key in {ec} is not an RSA key: vanban signs with RSA (PKCS#1 v1.5, SHA-256)"
            ),
            "hint: use an RSA certificate (Vietnamese CAs issue RSA-2048)",
        ],
    );
    assert_eq!(digests(&out), before);
    // No build there: nothing to sign.
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let o = sign(&empty, "secret", &["--p12", &p12]);
    assert_eq!(o.status.code(), Some(1));
    says(
        &stderr(&o),
        &["holds no build of vanban to sign (no readable manifest.json)"],
    );
}

#[test]
fn the_same_build_signed_at_the_same_time_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let pki = Pki::new(dir.path(), "Lò Văn Minh", "365");
    let p12 = pki.path("modern.p12");
    // One time for both, within the certificate's validity: tomorrow.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let tomorrow = (now / 86400 + 1) * 86400;
    let tomorrow = tomorrow.to_string();
    let mut all = Vec::new();
    for n in ["a", "b"] {
        let out = dir.path().join(n);
        build_ok(
            &root().join("data/ke-hoach-dang-uy-xa-2026.yaml"),
            &out,
            &[],
        );
        let o = vanban_env(
            &["sign", out.to_str().unwrap(), "--p12", &p12],
            &[("VANBAN_PIN", "secret"), ("SOURCE_DATE_EPOCH", &tomorrow)],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        all.push(digests(&out));
    }
    assert_eq!(all[0], all[1]);
}

/// A SoftHSM2 token holding the signer's key and certificate (id 01),
/// labelled `vanban-test`, PIN 1234; its configuration in `dir`.
fn token(dir: &Path, pki: &Pki) -> (String, Vec<(String, String)>) {
    let module = std::env::var("VANBAN_SOFTHSM")
        .unwrap_or_else(|_| "/usr/lib/softhsm/libsofthsm2.so".to_string());
    let tokens = dir.join("tokens");
    std::fs::create_dir_all(&tokens).unwrap();
    let conf = dir.join("softhsm2.conf");
    std::fs::write(
        &conf,
        format!(
            "directories.tokendir = {}\nobjectstore.backend = file\n",
            tokens.display()
        ),
    )
    .unwrap();
    let env = vec![(
        "SOFTHSM2_CONF".to_string(),
        conf.to_str().unwrap().to_string(),
    )];
    let run = |exe: &str, args: &[&str]| {
        let o = Command::new(exe)
            .args(args)
            .envs(env.iter().map(|(k, v)| (k, v)))
            .output()
            .unwrap_or_else(|e| panic!("{exe} runs: {e}; tests/run.sh installs it"));
        assert!(
            o.status.success(),
            "{exe} {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    };
    run(
        "softhsm2-util",
        &[
            "--init-token",
            "--free",
            "--label",
            "vanban-test",
            "--pin",
            "1234",
            "--so-pin",
            "5678",
        ],
    );
    openssl(
        &pki.dir,
        &[
            "pkcs8",
            "-topk8",
            "-nocrypt",
            "-in",
            "signer.key",
            "-out",
            "signer.p8",
        ],
    );
    openssl(
        &pki.dir,
        &[
            "x509",
            "-in",
            "signer.pem",
            "-outform",
            "DER",
            "-out",
            "signer.der",
        ],
    );
    run(
        "softhsm2-util",
        &[
            "--import",
            &pki.path("signer.p8"),
            "--token",
            "vanban-test",
            "--label",
            "signer",
            "--id",
            "01",
            "--pin",
            "1234",
        ],
    );
    run(
        "pkcs11-tool",
        &[
            "--module",
            &module,
            "--token-label",
            "vanban-test",
            "--login",
            "--pin",
            "1234",
            "--write-object",
            &pki.path("signer.der"),
            "--type",
            "cert",
            "--id",
            "01",
            "--label",
            "signer",
        ],
    );
    // The same key again (id 02) as a SafeNet eToken keeps a signing key:
    // CKA_ALWAYS_AUTHENTICATE, the PIN again before each signature.
    openssl(
        &pki.dir,
        &[
            "pkcs8",
            "-topk8",
            "-nocrypt",
            "-in",
            "signer.key",
            "-outform",
            "DER",
            "-out",
            "signer.p8.der",
        ],
    );
    for (file, kind) in [("signer.p8.der", "privkey"), ("signer.der", "cert")] {
        let path = pki.path(file);
        let mut args = vec![
            "--module",
            &module,
            "--token-label",
            "vanban-test",
            "--login",
            "--pin",
            "1234",
            "--write-object",
            &path,
            "--type",
            kind,
            "--id",
            "02",
            "--label",
            "always",
        ];
        if kind == "privkey" {
            args.push("--always-auth");
        }
        run("pkcs11-tool", &args);
    }
    (module, env)
}

#[test]
fn a_softhsm_token_signs_like_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let pki = Pki::new(dir.path(), "Lò Văn Minh", "365");
    let (module, env) = token(dir.path(), &pki);
    let out = built(dir.path());
    let run = |pin: &str, extra: &[&str]| {
        let mut args = vec!["sign", out.to_str().unwrap(), "--pkcs11", &module];
        args.extend_from_slice(extra);
        let mut env: Vec<(&str, &str)> =
            env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        env.push(("VANBAN_PIN", pin));
        vanban_env(&args, &env)
    };
    let before = digests(&out);
    let o = run("0000", &[]);
    assert_eq!(o.status.code(), Some(1));
    says(&stderr(&o), &["error: the token refused the PIN"]);
    assert_eq!(digests(&out), before);
    let o = run("1234", &["--token", "no-such-token"]);
    says(
        &stderr(&o),
        &["error: no token is labelled `no-such-token`; plugged in: vanban-test"],
    );

    // Two keys now: which one must be said.
    let o = run("1234", &[]);
    says(
        &stderr(&o),
        &[
            "error: the token holds several keys: 01, 02",
            "hint: choose one with `--key-id ID`",
        ],
    );
    let o = run("1234", &["--token", "vanban-test", "--key-id", "01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (to_sign, _) = signed_kinds(&out);
    for pdf in &to_sign {
        let said = pdfsig(pdf);
        assert!(
            said.contains("Signature is Valid.") && said.contains("Total document signed"),
            "{said}"
        );
        let (ok, said) = pyhanko(pdf, &pki.path("ca.pem"));
        assert!(ok && said.contains(":INTACT:TRUSTED"), "{said}");
    }

    // The raw RSA-PKCS mechanism over a DigestInfo, as for a token whose
    // SHA-256 fails; and a key that wants the PIN for each signature (a
    // context-specific login), which only SHA256-RSA-PKCS can sign with.
    for (key, mechanism, works) in [
        ("01", "rsa-pkcs", true),
        ("02", "sha256-rsa-pkcs", true),
        ("02", "rsa-pkcs", false),
    ] {
        let again = dir.path().join(format!("again-{key}-{mechanism}"));
        build_ok(
            &root().join("data/ke-hoach-dang-uy-xa-2026.yaml"),
            &again,
            &[],
        );
        let mut args = vec!["sign", again.to_str().unwrap(), "--pkcs11", &module];
        args.extend(["--key-id", key, "--mechanism", mechanism]);
        let mut env: Vec<(&str, &str)> =
            env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        env.push(("VANBAN_PIN", "1234"));
        let o = vanban_env(&args, &env);
        if works {
            assert!(o.status.success(), "{key} {mechanism}: {}", stderr(&o));
            let said = pdfsig(&again.join("ke-hoach.pdf"));
            assert!(
                said.contains("Signature is Valid.") && said.contains("Total document signed"),
                "{said}"
            );
            let (ok, said) = pyhanko(&again.join("ke-hoach.pdf"), &pki.path("ca.pem"));
            assert!(ok, "{key} {mechanism}: {said}");
        } else {
            says(
                &stderr(&o),
                &[
                    "this key wants the PIN for each signature",
                    "`--mechanism sha256-rsa-pkcs`",
                ],
            );
        }
    }
}

/// A time-stamping authority on a local port (`openssl ts -reply` behind
/// a small HTTP server), its certificate issued by `pki`'s CA with the
/// critical timeStamping key usage; stopped when dropped.
struct Tsa {
    child: std::process::Child,
    url: String,
}

impl Drop for Tsa {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn tsa(dir: &Path, pki: &Pki) -> Tsa {
    let dir = dir.join("tsa");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(root().join("tests/fixtures/tsa.cnf"), dir.join("tsa.cnf")).unwrap();
    std::fs::write(dir.join("serial"), "01\n").unwrap();
    std::fs::write(
        dir.join("ext.cnf"),
        "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n",
    )
    .unwrap();
    openssl(
        &dir,
        &[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "tsa.key",
            "-out",
            "tsa.csr",
            "-subj",
            "/CN=vanban test TSA",
        ],
    );
    openssl(
        &dir,
        &[
            "x509",
            "-req",
            "-in",
            "tsa.csr",
            "-CA",
            &pki.path("ca.pem"),
            "-CAkey",
            &pki.path("ca.key"),
            "-CAcreateserial",
            "-out",
            "tsa.pem",
            "-days",
            "365",
            "-extfile",
            "ext.cnf",
        ],
    );
    let mut child = Command::new("python3")
        .arg(root().join("tests/fixtures/tsa-stub.py"))
        .arg(pki.path("ca.pem"))
        .current_dir(&dir)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let mut port = String::new();
    use std::io::BufRead;
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut port)
        .unwrap();
    Tsa {
        child,
        url: format!("http://127.0.0.1:{}/tsa", port.trim()),
    }
}

#[test]
fn with_a_tsa_each_signature_carries_a_time_stamp_b_t() {
    let dir = tempfile::tempdir().unwrap();
    let pki = Pki::new(dir.path(), "Lò Văn Minh", "365");
    let out = built(dir.path());
    let p12 = pki.path("modern.p12");
    // An authority that does not answer: an error, nothing signed.
    let before = digests(&out);
    let o = sign(
        &out,
        "secret",
        &["--p12", &p12, "--tsa", "http://127.0.0.1:9/tsa"],
    );
    assert_eq!(o.status.code(), Some(1));
    says(
        &stderr(&o),
        &[
            "error: the time-stamping authority: cannot reach http://127.0.0.1:9/tsa",
            "hint: check `--tsa URL`",
        ],
    );
    assert_eq!(digests(&out), before);
    let o = sign(
        &out,
        "secret",
        &["--p12", &p12, "--tsa", "https://tsa.example/"],
    );
    says(&stderr(&o), &["is not an http:// address"]);

    let tsa = tsa(dir.path(), &pki);
    sign_ok(&out, "secret", &["--p12", &p12, "--tsa", &tsa.url]);
    let (to_sign, _) = signed_kinds(&out);
    for pdf in &to_sign {
        assert!(pdfsig(pdf).contains("Signature is Valid."));
        let exe = std::env::var("VANBAN_PYHANKO").unwrap_or_else(|_| {
            root()
                .join("target/pyhanko-venv/bin/pyhanko")
                .to_str()
                .unwrap()
                .into()
        });
        let o = Command::new(exe)
            .args([
                "sign",
                "validate",
                "--pretty-print",
                "--no-revocation-check",
                "--trust",
            ])
            .arg(pki.path("ca.pem"))
            .arg("--trust-replace")
            .arg(pdf)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&o.stdout);
        assert!(o.status.success(), "{said}");
        for line in [
            "This timestamp is backed by a time stamping authority.",
            "The timestamp token is cryptographically sound.",
            "The TSA certificate is trusted.",
            "The signature is judged VALID.",
        ] {
            assert!(said.contains(line), "{}: {line} in {said}", pdf.display());
        }
    }
}

/// The colour of each pixel of page `page` of `pdf`, drawn by pdftoppm
/// at 72 pixels an inch (a pixel a point): `(width, rgb rows)`.
fn pixels(pdf: &Path, page: usize, dir: &Path) -> (usize, Vec<[u8; 3]>) {
    let stem = dir.join(format!(
        "page-{}",
        pdf.file_stem().unwrap().to_string_lossy()
    ));
    let o = Command::new("pdftoppm")
        .args([
            "-png",
            "-r",
            "72",
            "-singlefile",
            "-f",
            &page.to_string(),
            "-l",
            &page.to_string(),
        ])
        .arg(pdf)
        .arg(&stem)
        .output()
        .expect("pdftoppm runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let file = std::fs::File::open(stem.with_extension("png")).unwrap();
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let step = info.color_type.samples();
    let px = buf[..info.buffer_size()]
        .chunks(step)
        .map(|c| [c[0], c[1], c[2]])
        .collect();
    (info.width as usize, px)
}

/// How many pixels inside `rect` (PDF points, bottom-left origin, on a
/// page `height` points high) satisfy `is`.
fn count_in(
    px: &(usize, Vec<[u8; 3]>),
    height: f64,
    rect: [f64; 4],
    is: impl Fn([u8; 3]) -> bool,
) -> usize {
    let (w, px) = px;
    let (x0, x1) = (rect[0].ceil() as usize, rect[2].floor() as usize);
    let (y0, y1) = (
        (height - rect[3]).ceil() as usize,
        (height - rect[1]).floor() as usize,
    );
    (y0..y1)
        .flat_map(|y| (x0..x1).map(move |x| (x, y)))
        .filter(|&(x, y)| is(px[y * w + x]))
        .count()
}

#[test]
fn the_signer_s_image_shows_between_title_and_name_and_the_seal_over_its_left_third() {
    let dir = tempfile::tempdir().unwrap();
    let pki = Pki::new(dir.path(), "Lò Văn Minh", "365");
    let out = built(dir.path());
    let p12 = pki.path("modern.p12");
    let plan = out.join("ke-hoach.pdf");
    let m = manifest(&out);
    let entry = m.outputs.iter().find(|e| e.kind == "plan").unwrap();
    let signer = entry
        .sign_boxes
        .iter()
        .find(|b| b.role == "signer")
        .unwrap()
        .rect;
    let seal = entry
        .sign_boxes
        .iter()
        .find(|b| b.role == "seal")
        .unwrap()
        .rect;
    let blue = |[r, g, b]: [u8; 3]| b > 150 && r < 120 && g < 160;
    let red = |[r, g, b]: [u8; 3]| r > 150 && g < 100 && b < 110;
    let height = 841.89;
    let unsigned = pixels(&plan, 1, dir.path());
    assert_eq!(
        count_in(&unsigned, height, signer, blue),
        0,
        "the paper original: no image"
    );

    sign_ok(&out, "secret", &["--p12", &p12]);
    let signed = pixels(&plan, 1, dir.path());
    let inked = count_in(&signed, height, signer, blue);
    assert!(
        inked > 200,
        "the signer's blue image in its box: {inked} pixels"
    );
    assert_eq!(
        count_in(&signed, height, seal, red),
        0,
        "no seal before the organisation signs"
    );
    // Nothing outside the box changed.
    let outside = signed
        .1
        .iter()
        .zip(&unsigned.1)
        .enumerate()
        .filter(|(i, (a, b))| {
            let (x, y) = ((i % signed.0) as f64, height - (i / signed.0) as f64);
            a != b
                && !(x >= signer[0] - 1.0
                    && x <= signer[2] + 1.0
                    && y >= signer[1] - 1.0
                    && y <= signer[3] + 1.0)
        })
        .count();
    assert_eq!(outside, 0, "pixels changed outside the signer's box");

    sign_ok(&out, "secret", &["--p12", &p12, "--role", "organisation"]);
    let sealed = pixels(&plan, 1, dir.path());
    let reds = count_in(&sealed, height, seal, red);
    assert!(reds > 200, "the red seal in its box: {reds} pixels");
    // The seal covers the left third of the signer's image and no more.
    assert!(
        seal[2] > signer[0] && (seal[2] - (signer[0] + (signer[2] - signer[0]) / 3.0)).abs() < 0.5
    );

    // The widgets are where the boxes are: between the title and the
    // name lines, on their page.
    let words = words(&plan);
    let word = |t: &str| {
        words
            .iter()
            .find(|w| w.text == t && w.x > 300.0)
            .unwrap()
            .clone()
    };
    let (title, name) = (word("BÍ"), word("Minh"));
    let doc = lopdf::Document::load(&plan).unwrap();
    let mut rects = Vec::new();
    for (_, id) in doc.get_pages() {
        let page = doc.get_dictionary(id).unwrap();
        let Ok(annots) = page.get(b"Annots") else {
            continue;
        };
        for a in annots.as_array().unwrap() {
            let w = doc.get_dictionary(a.as_reference().unwrap()).unwrap();
            let r: Vec<f64> = w
                .get(b"Rect")
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .map(|v| {
                    v.as_float()
                        .map(f64::from)
                        .or_else(|_| v.as_i64().map(|i| i as f64))
                        .unwrap()
                })
                .collect();
            assert_eq!(
                w.get(b"F").unwrap().as_i64().unwrap(),
                132,
                "printed and locked"
            );
            rects.push(r);
        }
    }
    assert_eq!(rects.len(), 2, "{rects:?}");
    assert!(
        rects
            .iter()
            .any(|r| r.iter().zip(signer).all(|(a, b)| (a - b).abs() < 0.01))
    );
    assert!(
        rects
            .iter()
            .any(|r| r.iter().zip(seal).all(|(a, b)| (a - b).abs() < 0.01))
    );
    // pdftotext's y grows downwards from the top.
    let (top, bottom) = (height - signer[3], height - signer[1]);
    assert!(
        top >= title.y_max - 0.5 && bottom <= name.y + 0.5,
        "{signer:?} between {title:?} and {name:?}"
    );

    // The print file is printed to be signed by hand: its two
    // signatures show nothing, the paper keeps its empty space.
    let print = out.join("giay-moi/chi-bo-thon-ban-ta-ban-in.pdf");
    let said = pdfsig(&print);
    assert_eq!(said.matches("Signature is Valid.").count(), 2, "{said}");
    let doc = lopdf::Document::load(&print).unwrap();
    for (_, id) in doc.get_pages() {
        let Ok(annots) = doc.get_dictionary(id).unwrap().get(b"Annots") else {
            continue;
        };
        for a in annots.as_array().unwrap() {
            let w = doc.get_dictionary(a.as_reference().unwrap()).unwrap();
            let rect = w.get(b"Rect").unwrap().as_array().unwrap();
            assert!(
                rect.iter().all(|v| v
                    .as_i64()
                    .map_or_else(|_| v.as_float().unwrap() == 0.0, |i| i == 0)),
                "{rect:?}"
            );
        }
    }
}

/// The addressed copies of a meeting invitation are copies in files of
/// their own (NĐ 30 Phụ lục I II.8.b): the signer signs the invitation;
/// the organisation signs each copy, which shows no image but the copy's
/// number and the signing time, ISO 8601 with Vietnam's offset, 10 pt, at
/// the top right of page 1.
#[test]
fn an_addressed_copy_shows_the_organisation_s_number_and_time_not_an_image() {
    let dir = tempfile::tempdir().unwrap();
    let pki = Pki::new(dir.path(), "Văn phòng UBND tỉnh Vân Phong", "365");
    let p12 = pki.path("modern.p12");
    let out = dir.path().join("out");
    build_ok(&root().join("data/giay-moi-hop-ubnd.yaml"), &out, &[]);
    let copies: Vec<PathBuf> = manifest(&out)
        .outputs
        .iter()
        .filter(|e| e.kind == "meeting-copy")
        .map(|e| out.join(&e.path))
        .collect();
    assert_eq!(copies.len(), 10);
    let before: Vec<String> = copies.iter().map(|p| sha256_of(p)).collect();

    // The organisation first: refused, once for the invitation (its
    // copies wait for it), nothing written.
    let o = sign(&out, "secret", &["--p12", &p12, "--role", "organisation"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    says(
        &err,
        &["error: `giay-moi-hop.pdf` does not carry the signer's signature yet"],
    );
    assert!(!err.contains("is a copy of"), "{err}");

    // The signer signs the invitation and its print file, not the copies.
    let err = sign_ok(&out, "secret", &["--p12", &p12]);
    assert!(err.contains("2 file(s) signed as signer"), "{err}");
    let after: Vec<String> = copies.iter().map(|p| sha256_of(p)).collect();
    assert_eq!(after, before, "the copies are the organisation's to sign");

    let at = "1790000000"; // 2026-09-21T17:13:20Z: 2026-09-22T00:13:20+07:00
    let o = vanban_env(
        &[
            "sign",
            out.to_str().unwrap(),
            "--p12",
            &p12,
            "--role",
            "organisation",
        ],
        &[("VANBAN_PIN", "secret"), ("SOURCE_DATE_EPOCH", at)],
    );
    // The certificate was made today, after that date: signing then is refused.
    says(&stderr(&o), &["is valid only from"]);
    let err = sign_ok(&out, "secret", &["--p12", &p12, "--role", "organisation"]);
    assert!(err.contains("12 file(s) signed as organisation"), "{err}");
    let mm = 72.0 / 25.4;
    for copy in &copies {
        let said = pdfsig(copy);
        assert_eq!(said.matches("Signature is Valid.").count(), 1, "{said}");
        assert!(said.contains("Total document signed"), "{said}");
        let (ok, said) = pyhanko(copy, &pki.path("ca.pem"));
        assert!(
            ok && said.contains("vanban-organisation:") && said.contains(":INTACT:TRUSTED"),
            "{said}"
        );
        // The text, read back from the widget's appearance: above the
        // header, right-aligned to the text's margin (15 mm), 10 pt.
        let words = words(copy);
        let number = words
            .iter()
            .find(|w| w.text == "45/GM-UBND" && w.y < 20.0 * mm)
            .unwrap();
        let time = words
            .iter()
            .find(|w| w.page == 1 && w.text.ends_with("+07:00"))
            .unwrap_or_else(|| panic!("the signing time in {words:?}"));
        let t = &time.text;
        assert!(
            t.len() == 25 && &t[4..5] == "-" && &t[10..11] == "T" && &t[19..] == "+07:00",
            "ISO 8601 with the Vietnam offset: {t}"
        );
        for w in [number, time] {
            assert!(
                (w.x_max - (210.0 - 15.0) * mm).abs() < 1.5,
                "right-aligned: {w:?}"
            );
            assert!(
                w.y > 4.0 * mm && w.y_max < 20.0 * mm,
                "in the top margin: {w:?}"
            );
            let height = w.y_max - w.y;
            assert!((height / 10.0 - 0.909).abs() < 0.03, "10 pt: {height}");
        }
        assert!(time.y > number.y, "the time under the number");
        // No image: the appearance draws text only.
        let doc = lopdf::Document::load(copy).unwrap();
        let page = doc.get_pages()[&1];
        let annots = doc
            .get_dictionary(page)
            .unwrap()
            .get(b"Annots")
            .unwrap()
            .as_array()
            .unwrap()
            .clone();
        // The footnote's links, and one widget.
        let widgets: Vec<_> = annots
            .iter()
            .map(|a| doc.get_dictionary(a.as_reference().unwrap()).unwrap())
            .filter(|d| d.get(b"Subtype").unwrap().as_name().unwrap() == b"Widget")
            .collect();
        assert_eq!(widgets.len(), 1);
        let w = widgets[0];
        let res = appearance_resources(&doc, w);
        assert!(res.get(b"Font").is_ok(), "a font for the text");
        assert!(res.get(b"XObject").is_err(), "no image");
    }
}

/// `vanban sign OUT EXTRA…` in Vietnamese, the password in `VANBAN_PIN`.
fn sign_vi(out: &Path, pin: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["sign", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    vanban_env(&args, &[("VANBAN_PIN", pin), ("VANBAN_LANG", "vi")])
}

#[test]
fn in_vietnamese_a_wrong_password_and_a_seal_before_the_signature_are_said_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let pki = Pki::new(dir.path(), "Lò Văn Minh", "30");
    let out = built(dir.path());
    let before = digests(&out);
    let p12 = pki.path("modern.p12");

    let o = sign_vi(&out, "wrong", &["--p12", &p12]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    says(
        &err,
        &[
            &format!("lỗi: mật khẩu không mở được `{p12}`\n"),
            "gợi ý: hãy nhập mật khẩu qua VANBAN_PIN hoặc khi được hỏi; chưa ký tệp nào\n",
        ],
    );
    assert!(!err.contains("error") && !err.contains("hint"), "{err}");

    let o = sign_vi(&out, "secret", &["--p12", &p12, "--role", "organisation"]);
    assert_eq!(o.status.code(), Some(1));
    says(
        &stderr(&o),
        &[
            "lỗi: `ke-hoach.pdf` chưa có chữ ký số của người ký\n",
            "gợi ý: cơ quan, tổ chức ký sau người ký: hãy chạy `vanban sign FOLDER --role signer` trước\n",
        ],
    );

    // A folder without a build: nothing to sign.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let o = sign_vi(&empty, "secret", &["--p12", &p12]);
    assert_eq!(o.status.code(), Some(1));
    says(
        &stderr(&o),
        &[
            &format!(
                "lỗi: `{}` không chứa kết quả dựng nào của vanban để ký (không đọc được manifest.json)\n",
                empty.display()
            ),
            "gợi ý: hãy dựng trước: `vanban build DATA -o FOLDER`, rồi `vanban sign FOLDER`\n",
        ],
    );
    assert_eq!(digests(&out), before, "nothing signed");
}
