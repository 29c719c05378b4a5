//! B-T: an RFC 3161 time-stamp token over the signature value, from a
//! time-stamping authority (TSA) the user names. The request goes as an
//! HTTP/1.1 POST of `application/timestamp-query` over plain HTTP, as TSAs
//! serve it (the token is signed by the TSA: the channel needs no TLS);
//! no HTTP library, no TLS stack in the binary.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use const_oid::ObjectIdentifier;
use der::asn1::{Any, Int, OctetString};
use der::{Decode, Encode, Sequence};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;

use super::SignError;

const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");

#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct MessageImprint {
    hash_algorithm: AlgorithmIdentifierOwned,
    hashed_message: OctetString,
}

/// TimeStampReq (RFC 3161 2.4.1), without policy or extensions.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct TimeStampReq {
    version: u8,
    message_imprint: MessageImprint,
    nonce: Int,
    cert_req: bool,
}

/// PKIStatusInfo, what vanban reads of it: the status.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct PkiStatusInfo {
    status: u8,
    #[asn1(optional = "true")]
    status_string: Option<Any>,
    #[asn1(optional = "true")]
    fail_info: Option<Any>,
}

/// TimeStampResp (RFC 3161 2.4.2).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct TimeStampResp {
    status: PkiStatusInfo,
    #[asn1(optional = "true")]
    time_stamp_token: Option<Any>,
}

fn der_error(e: der::Error) -> SignError {
    SignError::Encoding(e.to_string())
}

/// The DER of a time-stamp request for `signature`, with a nonce drawn
/// from the signature itself (so the same signature asks the same).
pub fn request(signature: &[u8]) -> Result<Vec<u8>, SignError> {
    let digest = Sha256::digest(signature);
    // A positive nonce of 8 bytes: the first byte's high bit cleared.
    let mut nonce = digest[..8].to_vec();
    nonce[0] &= 0x7f;
    nonce[0] |= 0x01;
    TimeStampReq {
        version: 1,
        message_imprint: MessageImprint {
            hash_algorithm: AlgorithmIdentifierOwned {
                oid: SHA256,
                parameters: None,
            },
            hashed_message: OctetString::new(digest.to_vec()).map_err(der_error)?,
        },
        nonce: Int::new(&nonce).map_err(der_error)?,
        cert_req: true,
    }
    .to_der()
    .map_err(der_error)
}

/// The token in a TSA's DER response: its ContentInfo, to go into the
/// signature's unsigned attributes.
pub fn token(response: &[u8]) -> Result<Vec<u8>, SignError> {
    let resp = TimeStampResp::from_der(response).map_err(|e| {
        SignError::Tsa(crate::tr!(
            "sign-tsa-not-a-response",
            reason = e.to_string()
        ))
    })?;
    // 0 granted, 1 granted with modifications.
    if resp.status.status > 1 {
        return Err(SignError::Tsa(crate::tr!(
            "sign-tsa-refused",
            status = resp.status.status.to_string()
        )));
    }
    let token = resp
        .time_stamp_token
        .ok_or_else(|| SignError::Tsa(crate::tr!("sign-tsa-no-token")))?;
    token.to_der().map_err(der_error)
}

/// Asks the TSA at `url` (`http://host[:port]/path`) to stamp `signature`.
pub fn stamp(url: &str, signature: &[u8]) -> Result<Vec<u8>, SignError> {
    let body = request(signature)?;
    let response = post(url, &body)?;
    token(&response)
}

/// An HTTP/1.1 POST of `body`; the response body.
fn post(url: &str, body: &[u8]) -> Result<Vec<u8>, SignError> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| SignError::Tsa(crate::tr!("sign-tsa-not-http", url = url)))?;
    let (host_port, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let addr = if host_port.contains(':') {
        host_port.to_string()
    } else {
        format!("{host_port}:80")
    };
    let fail = |e: std::io::Error| {
        SignError::Tsa(crate::tr!(
            "sign-tsa-unreachable",
            url = url,
            reason = crate::lang::io_reason(&e)
        ))
    };
    let mut stream = TcpStream::connect(&addr).map_err(fail)?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .map_err(fail)?;
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {host_port}\r\nContent-Type: application/timestamp-query\r\nAccept: application/timestamp-reply\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .map_err(fail)?;
    stream.write_all(body).map_err(fail)?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).map_err(fail)?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| SignError::Tsa(crate::tr!("sign-tsa-no-http", url = url)))?;
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let status = head.lines().next().unwrap_or("");
    if status.split_whitespace().nth(1).is_none_or(|c| c != "200") {
        return Err(SignError::Tsa(crate::tr!(
            "sign-tsa-answered",
            url = url,
            status = status
        )));
    }
    let body = &raw[split + 4..];
    let chunked = head.lines().any(|l| {
        l.to_ascii_lowercase().starts_with("transfer-encoding:")
            && l.to_ascii_lowercase().contains("chunked")
    });
    Ok(if chunked {
        dechunk(body)
    } else {
        body.to_vec()
    })
}

/// The body of a chunked HTTP answer.
fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = body.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&body[..eol])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next().unwrap_or("").trim(), 16).ok())
            .unwrap_or(0);
        if size == 0 || body.len() < eol + 2 + size {
            break;
        }
        out.extend_from_slice(&body[eol + 2..eol + 2 + size]);
        body = &body[(eol + 4 + size).min(body.len())..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_asks_for_the_sha256_of_the_signature_with_the_tsa_s_certificate() {
        let der = request(b"signature").unwrap();
        let req = TimeStampReq::from_der(&der).unwrap();
        assert_eq!(req.version, 1);
        assert!(req.cert_req);
        assert_eq!(
            req.message_imprint.hashed_message.as_bytes(),
            Sha256::digest(b"signature").as_slice()
        );
        assert_eq!(request(b"signature").unwrap(), der, "the same request");
    }

    #[test]
    fn a_refusal_or_a_chunked_answer_is_read() {
        // status 2 (rejection), no token.
        let refused = [0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x02];
        assert!(matches!(token(&refused), Err(SignError::Tsa(m)) if m.contains("status 2")));
        assert_eq!(dechunk(b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"), b"abcde");
    }
}
