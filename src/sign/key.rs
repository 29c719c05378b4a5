//! The signing key: a PKCS#12 file (`.p12`/`.pfx`, OpenSSL 3's AES and
//! the legacy RC2/3DES encryption) or a key on a PKCS#11 token (a USB
//! token's vendor module, SoftHSM2 in the tests). Either gives the
//! certificate chain and signs the DER of the signed attributes with
//! RSA PKCS#1 v1.5 and SHA-256.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::RvError;
use cryptoki::mechanism::{Mechanism, MechanismType};
use cryptoki::object::{Attribute, AttributeType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, UserType};
use cryptoki::types::AuthPin;
use der::{Decode, Encode};
use rsa::pkcs8::{DecodePrivateKey, EncodePublicKey};
use rsa::signature::{SignatureEncoding, Signer};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;

use super::cms::digest_info;
use super::{Holder, SignError};
use crate::output::hex;

/// Where the key is.
#[derive(Debug, Clone)]
pub enum KeySource {
    /// A PKCS#12 file.
    Pkcs12(PathBuf),
    /// A PKCS#11 module, and which token and key on it.
    Pkcs11 {
        /// The module (`libeToken.so`, `libbit4xpki.so`, `libsofthsm2.so`).
        module: PathBuf,
        /// The token's label; needed when several tokens are plugged in.
        token: Option<String>,
        /// The key's `CKA_ID` in hex; needed when the token holds several keys.
        key_id: Option<String>,
        /// How the token signs; `None`: SHA256-RSA-PKCS if it offers it.
        mechanism: Option<TokenMechanism>,
    },
}

/// How a token signs: hashing itself, or signing a hash vanban made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TokenMechanism {
    /// `CKM_SHA256_RSA_PKCS`: the token hashes and signs.
    Sha256RsaPkcs,
    /// `CKM_RSA_PKCS` over the DigestInfo of a SHA-256 vanban computes:
    /// for tokens whose own SHA-256 mechanism fails (some SafeNet
    /// eTokens through OpenSC).
    RsaPkcs,
}

/// What signs: the signer's certificate chain and the RSA PKCS#1 v1.5
/// SHA-256 signature of some bytes.
pub trait Signs {
    /// The chain, the signer's certificate first.
    fn chain(&self) -> &[Certificate];
    /// The signature of `data`.
    fn sign(&self, data: &[u8]) -> Result<Vec<u8>, SignError>;
}

/// A key in a file, borrowed to sign on several threads at once.
#[derive(Clone, Copy)]
pub struct FileKey<'k> {
    chain: &'k [Certificate],
    key: &'k rsa::pkcs1v15::SigningKey<Sha256>,
}

impl Signs for FileKey<'_> {
    fn chain(&self) -> &[Certificate] {
        self.chain
    }

    fn sign(&self, data: &[u8]) -> Result<Vec<u8>, SignError> {
        Ok(self
            .key
            .try_sign(data)
            .map_err(|e| SignError::Key(e.to_string()))?
            .to_vec())
    }
}

impl Signs for Key {
    fn chain(&self) -> &[Certificate] {
        &self.chain
    }

    fn sign(&self, data: &[u8]) -> Result<Vec<u8>, SignError> {
        Key::sign(self, data)
    }
}

/// A key ready to sign, with its certificate chain (the signer's first).
pub struct Key {
    chain: Vec<Certificate>,
    how: How,
}

enum How {
    File(Box<rsa::pkcs1v15::SigningKey<Sha256>>),
    Token {
        session: Session,
        key: ObjectHandle,
        mechanism: MechanismType,
        /// `CKA_ALWAYS_AUTHENTICATE`: the token wants the PIN again before
        /// every signature (a context-specific login, as SafeNet eTokens do).
        always_authenticate: bool,
        pin: AuthPin,
        /// The library, kept loaded as long as the session lives.
        _pkcs11: Pkcs11,
    },
}

impl Key {
    /// Opens the key at `source` with `secret` (the file's password or the
    /// token's PIN), and checks that its certificate is valid at `now` and
    /// belongs to the key.
    pub fn open(source: &KeySource, secret: &str, now: SystemTime) -> Result<Key, SignError> {
        let key = match source {
            KeySource::Pkcs12(path) => open_p12(path, secret)?,
            KeySource::Pkcs11 {
                module,
                token,
                key_id,
                mechanism,
            } => open_token(
                module,
                token.as_deref(),
                key_id.as_deref(),
                *mechanism,
                secret,
            )?,
        };
        let cert = key.certificate();
        let validity = cert.tbs_certificate().validity();
        let after = SystemTime::UNIX_EPOCH + validity.not_after.to_unix_duration();
        let before = SystemTime::UNIX_EPOCH + validity.not_before.to_unix_duration();
        if now > after {
            return Err(SignError::Expired {
                subject: key.subject(),
                on: day(after),
            });
        }
        if now < before {
            return Err(SignError::NotYetValid {
                subject: key.subject(),
                from: day(before),
            });
        }
        Ok(key)
    }

    /// The key as one that signs on several threads at once: a key from a
    /// file; `None` for a token, whose one session signs one at a time.
    pub fn shared(&self) -> Option<FileKey<'_>> {
        match &self.how {
            How::File(key) => Some(FileKey {
                chain: &self.chain,
                key,
            }),
            How::Token { .. } => None,
        }
    }

    /// The signer's certificate.
    pub fn certificate(&self) -> &Certificate {
        &self.chain[0]
    }

    /// The chain, the signer's certificate first.
    pub fn chain(&self) -> &[Certificate] {
        &self.chain
    }

    /// The signer's name as its certificate gives it (the subject's CN).
    pub fn subject(&self) -> String {
        common_name(self.certificate())
    }

    /// The RSA PKCS#1 v1.5 SHA-256 signature of `data`.
    pub fn sign(&self, data: &[u8]) -> Result<Vec<u8>, SignError> {
        match &self.how {
            How::File(key) => Ok(key
                .try_sign(data)
                .map_err(|e| SignError::Key(e.to_string()))?
                .to_vec()),
            How::Token {
                session,
                key,
                mechanism,
                always_authenticate,
                pin,
                ..
            } => {
                let data = if *mechanism == MechanismType::SHA256_RSA_PKCS {
                    data.to_vec()
                } else {
                    digest_info(&Sha256::digest(data))
                };
                let m = if *mechanism == MechanismType::SHA256_RSA_PKCS {
                    Mechanism::Sha256RsaPkcs
                } else {
                    Mechanism::RsaPkcs
                };
                // A key that wants the PIN for every signature: the
                // context-specific login comes between C_SignInit and
                // the signing itself (PKCS#11 2.40 5.1.2).
                let out = if *always_authenticate {
                    // Raw RSA-PKCS signs in one part only, and the one-part
                    // call cannot be split around the login.
                    if *mechanism != MechanismType::SHA256_RSA_PKCS {
                        return Err(SignError::Token(crate::tr!(
                            "sign-token-pin-each-signature"
                        )));
                    }
                    session.sign_init(&m, *key).map_err(token_error)?;
                    session
                        .login(UserType::ContextSpecific, Some(pin))
                        .map_err(token_error)?;
                    session
                        .sign_update(&data)
                        .and_then(|()| session.sign_final())
                } else {
                    session.sign(&m, *key, &data)
                };
                out.map_err(token_error)
            }
        }
    }
}

/// The subject's common name, or the whole subject when it has none.
pub fn common_name(cert: &Certificate) -> String {
    let subject = cert.tbs_certificate().subject();
    for atv in subject.iter() {
        if atv.oid == const_oid::db::rfc4519::CN {
            if let Ok(s) = der::asn1::Utf8StringRef::try_from(&atv.value) {
                return s.as_str().to_string();
            }
            if let Ok(s) = der::asn1::PrintableStringRef::try_from(&atv.value) {
                return s.as_str().to_string();
            }
        }
    }
    subject.to_string()
}

fn day(t: SystemTime) -> String {
    let secs = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_secs();
    chrono::DateTime::from_timestamp(secs as i64, 0)
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

fn open_p12(path: &Path, password: &str) -> Result<Key, SignError> {
    let bytes = std::fs::read(path).map_err(|source| SignError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let store = p12_keystore::KeyStore::from_pkcs12(
        &bytes,
        password,
        p12_keystore::Pkcs12ImportPolicy::Relaxed,
    )
    .map_err(|e| match e {
        p12_keystore::error::Error::MacError(_) => SignError::WrongPassword(path.to_path_buf()),
        other => SignError::Pkcs12 {
            path: path.to_path_buf(),
            reason: other.to_string(),
        },
    })?;
    let (_, chain) = store
        .private_key_chain()
        .ok_or_else(|| SignError::NoKey(Holder::File(path.to_path_buf())))?;
    let key = rsa::PrivateKey::from_pkcs8_der(chain.key().as_der())
        .map_err(|_| SignError::NotRsa(path.to_path_buf()))?;
    let certs = chain
        .certs()
        .iter()
        .map(|c| Certificate::from_der(c.as_der()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| SignError::Encoding(e.to_string()))?;
    // The signer's certificate is the one of the key: put it first.
    let spki = key
        .to_public_key()
        .to_public_key_der()
        .map_err(|e| SignError::Encoding(e.to_string()))?;
    let mut chain = certs;
    let at = chain
        .iter()
        .position(|c| {
            c.tbs_certificate()
                .subject_public_key_info()
                .to_der()
                .is_ok_and(|d| d == spki.as_bytes())
        })
        .ok_or_else(|| SignError::NoCertificateForKey(Holder::File(path.to_path_buf())))?;
    chain.swap(0, at);
    Ok(Key {
        chain,
        how: How::File(Box::new(rsa::pkcs1v15::SigningKey::<Sha256>::new(key))),
    })
}

fn token_error(e: cryptoki::error::Error) -> SignError {
    match e {
        cryptoki::error::Error::Pkcs11(RvError::PinIncorrect, _) => SignError::WrongPin,
        cryptoki::error::Error::Pkcs11(RvError::PinLocked, _) => SignError::TokenLocked,
        cryptoki::error::Error::Pkcs11(RvError::PinExpired, _) => SignError::PinExpired,
        other => SignError::Token(other.to_string()),
    }
}

fn open_token(
    module: &Path,
    label: Option<&str>,
    key_id: Option<&str>,
    wanted: Option<TokenMechanism>,
    pin: &str,
) -> Result<Key, SignError> {
    let pkcs11 = Pkcs11::new(module).map_err(|e| SignError::Module {
        path: module.to_path_buf(),
        reason: e.to_string(),
    })?;
    pkcs11
        .initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK))
        .map_err(token_error)?;
    let mut tokens = Vec::new();
    // A slot with an uninitialised token (SoftHSM2 always offers one) is
    // not a token to sign with.
    for slot in pkcs11
        .get_slots_with_initialized_token()
        .map_err(token_error)?
    {
        let info = pkcs11.get_token_info(slot).map_err(token_error)?;
        tokens.push((slot, info.label().trim().to_string()));
    }
    let slot = match label {
        Some(want) => tokens
            .iter()
            .find(|(_, l)| l == want.trim())
            .map(|(s, _)| *s)
            .ok_or_else(|| SignError::NoToken {
                wanted: Some(want.to_string()),
                found: tokens.iter().map(|(_, l)| l.clone()).collect(),
            })?,
        None => match tokens.as_slice() {
            [(slot, _)] => *slot,
            _ => {
                return Err(SignError::NoToken {
                    wanted: None,
                    found: tokens.iter().map(|(_, l)| l.clone()).collect(),
                });
            }
        },
    };
    let mechanisms = pkcs11.get_mechanism_list(slot).map_err(token_error)?;
    let offered = |m: MechanismType| mechanisms.contains(&m);
    let mechanism = match wanted {
        Some(TokenMechanism::Sha256RsaPkcs) | None if offered(MechanismType::SHA256_RSA_PKCS) => {
            MechanismType::SHA256_RSA_PKCS
        }
        Some(TokenMechanism::RsaPkcs) | None if offered(MechanismType::RSA_PKCS) => {
            MechanismType::RSA_PKCS
        }
        _ => {
            return Err(SignError::Token(match wanted {
                Some(TokenMechanism::Sha256RsaPkcs) => crate::tr!("sign-token-no-sha256-rsa-pkcs"),
                Some(TokenMechanism::RsaPkcs) => crate::tr!("sign-token-no-rsa-pkcs"),
                None => crate::tr!("sign-token-no-mechanism"),
            }));
        }
    };
    let session = pkcs11.open_ro_session(slot).map_err(token_error)?;
    let pin = AuthPin::from(pin.to_string());
    session
        .login(UserType::User, Some(&pin))
        .map_err(token_error)?;
    let mut template = vec![Attribute::Class(ObjectClass::PRIVATE_KEY)];
    if let Some(id) = key_id {
        template.push(Attribute::Id(parse_hex(id)?));
    }
    let keys = session.find_objects(&template).map_err(token_error)?;
    let key = match keys.as_slice() {
        [key] => *key,
        [] => return Err(SignError::NoKey(Holder::Token)),
        many => {
            let mut ids = many
                .iter()
                .filter_map(|k| object_id(&session, *k))
                .map(|id| hex(&id))
                .collect::<Vec<_>>();
            ids.sort();
            return Err(SignError::SeveralKeys(ids));
        }
    };
    let id = object_id(&session, key).ok_or(SignError::NoKey(Holder::Token))?;
    let always_authenticate = session
        .get_attributes(key, &[AttributeType::AlwaysAuthenticate])
        .ok()
        .and_then(|a| {
            a.into_iter().find_map(|x| match x {
                Attribute::AlwaysAuthenticate(b) => Some(b),
                _ => None,
            })
        })
        .unwrap_or(false);
    let certs = session
        .find_objects(&[
            Attribute::Class(ObjectClass::CERTIFICATE),
            Attribute::Id(id.clone()),
        ])
        .map_err(token_error)?;
    let cert = certs
        .first()
        .and_then(|c| {
            session
                .get_attributes(*c, &[AttributeType::Value])
                .ok()?
                .into_iter()
                .find_map(|a| match a {
                    Attribute::Value(v) => Some(v),
                    _ => None,
                })
        })
        .ok_or_else(|| SignError::NoCertificateForKey(Holder::TokenKey(hex(&id))))?;
    let cert = Certificate::from_der(&cert).map_err(|e| SignError::Encoding(e.to_string()))?;
    Ok(Key {
        chain: vec![cert],
        how: How::Token {
            session,
            key,
            mechanism,
            always_authenticate,
            pin,
            _pkcs11: pkcs11,
        },
    })
}

fn object_id(session: &Session, object: ObjectHandle) -> Option<Vec<u8>> {
    session
        .get_attributes(object, &[AttributeType::Id])
        .ok()?
        .into_iter()
        .find_map(|a| match a {
            Attribute::Id(id) => Some(id),
            _ => None,
        })
}

fn parse_hex(s: &str) -> Result<Vec<u8>, SignError> {
    let s = s.trim().trim_start_matches("0x");
    if !s.len().is_multiple_of(2) || !s.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(SignError::KeyId(s.to_string()));
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).map_err(|_| SignError::KeyId(s.to_string())))
        .collect()
}
