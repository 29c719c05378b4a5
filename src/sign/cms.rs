//! The CMS SignedData of a PAdES signature (ETSI EN 319 142-1, B-B):
//! detached (no eContent), SHA-256, with the signed attributes
//! contentType, messageDigest and ESS signing-certificate-v2, and no
//! signing-time (the time is the signature dictionary's `/M`). Assembled
//! from `cms` types by hand: the `builder` of the `cms` pre-release that
//! `p12-keystore` forces does not compile against rsa 0.10.

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use const_oid::ObjectIdentifier;
use der::asn1::{Any, OctetString, SetOfVec};
use der::{Decode, Encode, Sequence};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;
use x509_cert::attr::Attribute;

use super::SignError;

const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
const MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const SIGNING_CERTIFICATE_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
/// id-aa-signatureTimeStampToken: the RFC 3161 token of a B-T signature.
pub const SIGNATURE_TIME_STAMP_TOKEN: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14");
const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const SHA256_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");

/// ESSCertIDv2 (RFC 5035) with the default hash algorithm, SHA-256, which
/// DER leaves out.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct EssCertIdV2 {
    cert_hash: OctetString,
}

/// SigningCertificateV2 (RFC 5035), without policies.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
}

fn der_error(e: der::Error) -> SignError {
    SignError::Encoding(e.to_string())
}

fn attribute(oid: ObjectIdentifier, value: Any) -> Result<Attribute, SignError> {
    let mut values = SetOfVec::new();
    values.insert(value).map_err(der_error)?;
    Ok(Attribute { oid, values })
}

/// The signed attributes for content whose SHA-256 is `digest`, signed by
/// `signer`: what the key signs, as the DER of a SET.
pub fn signed_attributes(
    digest: &[u8],
    signer: &Certificate,
) -> Result<SetOfVec<Attribute>, SignError> {
    let cert_hash = Sha256::digest(signer.to_der().map_err(der_error)?);
    let essv2 = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            cert_hash: OctetString::new(cert_hash.to_vec()).map_err(der_error)?,
        }],
    };
    let mut attrs = SetOfVec::new();
    for a in [
        attribute(CONTENT_TYPE, Any::encode_from(&ID_DATA).map_err(der_error)?)?,
        attribute(
            MESSAGE_DIGEST,
            Any::encode_from(&OctetString::new(digest.to_vec()).map_err(der_error)?)
                .map_err(der_error)?,
        )?,
        attribute(
            SIGNING_CERTIFICATE_V2,
            Any::encode_from(&essv2).map_err(der_error)?,
        )?,
    ] {
        attrs.insert(a).map_err(der_error)?;
    }
    Ok(attrs)
}

/// The DER bytes the key signs: the signed attributes as a SET (RFC 5652
/// 5.4: the `[0] IMPLICIT` tag of the SignerInfo is replaced by SET's).
pub fn to_be_signed(attrs: &SetOfVec<Attribute>) -> Result<Vec<u8>, SignError> {
    attrs.to_der().map_err(der_error)
}

/// The DER ContentInfo of the SignedData: `chain` is the signer's
/// certificate first, then the rest of its chain; `timestamp`, an RFC
/// 3161 token over the signature value, makes it B-T.
pub fn signed_data(
    attrs: SetOfVec<Attribute>,
    signature: Vec<u8>,
    chain: &[Certificate],
    timestamp: Option<&[u8]>,
) -> Result<Vec<u8>, SignError> {
    let signer = chain.first().ok_or(SignError::NoCertificate)?;
    let tbs = signer.tbs_certificate();
    let sha256 = AlgorithmIdentifierOwned {
        oid: SHA256,
        parameters: None,
    };
    let unsigned_attrs = match timestamp {
        Some(token) => {
            let mut set = SetOfVec::new();
            set.insert(attribute(
                SIGNATURE_TIME_STAMP_TOKEN,
                Any::from_der(token).map_err(der_error)?,
            )?)
            .map_err(der_error)?;
            Some(set)
        }
        None => None,
    };
    let info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: tbs.issuer().clone(),
            serial_number: tbs.serial_number().clone(),
        }),
        digest_alg: sha256.clone(),
        signed_attrs: Some(attrs),
        signature_algorithm: AlgorithmIdentifierOwned {
            oid: SHA256_WITH_RSA,
            parameters: Some(Any::null()),
        },
        signature: OctetString::new(signature).map_err(der_error)?,
        unsigned_attrs,
    };
    let mut digest_algorithms = SetOfVec::new();
    digest_algorithms.insert(sha256).map_err(der_error)?;
    let mut certs = SetOfVec::new();
    for c in chain {
        // A chain that lists a certificate twice is not an error: a SET
        // holds it once.
        let _ = certs.insert(CertificateChoices::Certificate(c.clone()));
    }
    let mut infos = SetOfVec::new();
    infos.insert(info).map_err(der_error)?;
    let data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: ID_DATA,
            econtent: None,
        },
        certificates: Some(CertificateSet(certs)),
        crls: None,
        signer_infos: SignerInfos(infos),
    };
    ContentInfo {
        content_type: ID_SIGNED_DATA,
        content: Any::encode_from(&data).map_err(der_error)?,
    }
    .to_der()
    .map_err(der_error)
}

/// The DigestInfo of a SHA-256 digest (RFC 8017 9.2): what a token signs
/// with the raw `CKM_RSA_PKCS` mechanism.
pub fn digest_info(digest: &[u8]) -> Vec<u8> {
    // SEQUENCE { SEQUENCE { OID sha256, NULL }, OCTET STRING (32) }
    let mut out = vec![
        0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
        0x05, 0x00, 0x04, 0x20,
    ];
    out.extend_from_slice(digest);
    out
}
