//! Keys and certificates for the signing tests, made at test time with
//! the openssl CLI: no private key is kept in the repository.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A test CA and a signer's certificate issued by it, valid `days` days
/// from now, as PEM files and as PKCS#12 files (OpenSSL 3's default and
/// the legacy encryption) with the password `secret`.
pub struct Pki {
    /// Where its files are.
    pub dir: PathBuf,
}

/// Runs `openssl ARGS` in `dir`, asserting success.
pub fn openssl(dir: &Path, args: &[&str]) {
    let o = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl runs");
    assert!(
        o.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

impl Pki {
    /// The CA and the certificate of `name`, valid `days` days, below `dir`.
    pub fn new(dir: &Path, name: &str, days: &str) -> Pki {
        let dir = dir.join(format!("pki-{days}"));
        std::fs::create_dir_all(&dir).unwrap();
        openssl(
            &dir,
            &[
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-days",
                "3650",
                "-subj",
                "/CN=vanban test CA",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign",
            ],
        );
        openssl(
            &dir,
            &[
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "signer.key",
                "-out",
                "signer.csr",
                "-utf8",
                "-subj",
                &format!("/CN={name}/O=Đảng ủy xã Nà Tăm"),
            ],
        );
        std::fs::write(
            dir.join("ext.cnf"),
            "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n",
        )
        .unwrap();
        openssl(
            &dir,
            &[
                "x509",
                "-req",
                "-in",
                "signer.csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                "signer.pem",
                "-days",
                days,
                "-extfile",
                "ext.cnf",
            ],
        );
        for (file, extra) in [("modern.p12", None), ("legacy.p12", Some("-legacy"))] {
            let mut args = vec![
                "pkcs12",
                "-export",
                "-inkey",
                "signer.key",
                "-in",
                "signer.pem",
                "-certfile",
                "ca.pem",
                "-out",
                file,
                "-passout",
                "pass:secret",
            ];
            args.extend(extra);
            openssl(&dir, &args);
        }
        Pki { dir }
    }

    /// The path of one of its files, as text.
    pub fn path(&self, file: &str) -> String {
        self.dir.join(file).to_str().unwrap().to_string()
    }
}
