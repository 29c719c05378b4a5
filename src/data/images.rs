//! The images a data file names for electronic documents: each signer's
//! signature (`signature.image`) and the issuer's seal (`issuer.seal`).
//!
//! Nothing of them is printed: the layout only measures where they go
//! (see `sign-boxes` in the layout) and `vanban sign` draws them. They are
//! read here once, under the same reach rules as the delegate lists, and
//! must be what Nghị định 30/2020 (Phụ lục I, II.7.d and II.8.a) asks for:
//! PNG files with a transparent background. A file that is not is an
//! error at the place the data names it.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::model::DataFile;
use super::unreadable;
use crate::error::{DataIssue, DataPath};
use crate::input::{self, Confine};

/// A signature or seal image, read and checked.
#[derive(Debug)]
pub struct SignImage {
    /// Where it was read from, links and `..` resolved.
    pub path: PathBuf,
    /// The file's bytes, shared with the Typst world that serves them.
    pub bytes: Arc<[u8]>,
    /// SHA-256 of the bytes, lower-case hex: the image's name for the
    /// layout, the input hashes and the manifest.
    pub sha256: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl SignImage {
    /// The path the Typst world serves it under: made of its hash, so it
    /// names no real file and the same bytes have the same name.
    pub fn virtual_path(&self) -> String {
        format!("/vanban/images/{}.png", self.sha256)
    }
}

/// Every image a data file names, by its path as written.
#[derive(Debug, Default)]
pub struct Images {
    by_written: BTreeMap<String, Arc<SignImage>>,
}

impl Images {
    /// The image named `written` in the data (relative to its folder).
    pub fn get(&self, written: &str) -> Option<&SignImage> {
        self.by_written.get(written).map(Arc::as_ref)
    }

    /// Each image once (two paths to one file, or two files with the same
    /// bytes, are one image), in the order of their hashes.
    pub fn distinct(&self) -> Vec<&SignImage> {
        let mut by_hash: BTreeMap<&str, &SignImage> = BTreeMap::new();
        for image in self.by_written.values() {
            by_hash.entry(&image.sha256).or_insert(image);
        }
        by_hash.into_values().collect()
    }

    /// Whether the data names no image.
    pub fn is_empty(&self) -> bool {
        self.by_written.is_empty()
    }
}

/// Reads and checks every image `data` names, from the folder `base` as
/// `confine` allows; every problem of every image, each at the place of
/// its path in the data.
pub fn read(data: &DataFile, base: &Path, confine: &Confine) -> (Images, Vec<DataIssue>) {
    let mut images = Images::default();
    let mut issues = Vec::new();
    // Two paths to one file are one image.
    let mut by_file: BTreeMap<PathBuf, Arc<SignImage>> = BTreeMap::new();
    // A path named twice is read (and reported) once, at its first place.
    let mut tried = std::collections::BTreeSet::new();
    for (at, written) in data.image_files() {
        if !tried.insert(written) {
            continue;
        }
        let path = base.join(written);
        match read_one(&path, confine) {
            Ok(image) => {
                let image = by_file
                    .entry(image.path.clone())
                    .or_insert_with(|| Arc::new(image))
                    .clone();
                images.by_written.insert(written.to_string(), image);
            }
            Err(fault) => issues.push(fault.issue(at, &path)),
        }
    }
    issues.extend(seal_without_signer(data));
    (images, issues)
}

/// The seal image is drawn over the left third of the signer's: a lead
/// signer (the document's, an event's own) without an image leaves it
/// nowhere to go, and NĐ 30 (Art. 14.3) has the body sign only a
/// document the signer has signed.
fn seal_without_signer(data: &DataFile) -> Vec<DataIssue> {
    if data.issuer.seal.is_none() {
        return Vec::new();
    }
    let lead = std::iter::once((DataPath::new().key("signature"), &data.signature));
    let own = data.events.iter().enumerate().filter_map(|(i, e)| {
        let at = DataPath::new()
            .key("events")
            .index(i)
            .key("invitation")
            .key("signature");
        e.invitation.signature.as_ref().map(|s| (at, s))
    });
    lead.chain(own)
        .filter(|(_, s)| s.image.is_none())
        .map(|(at, s)| {
            DataIssue::new(
                at.key("name"),
                crate::tr!("data-seal-without-signature", signer = s.name.trim()),
                crate::tr!("data-seal-without-signature-hint"),
            )
        })
        .collect()
}

/// Why an image cannot be used.
#[derive(Debug)]
enum Fault {
    /// Missing, outside the allowed folders, not a file, too large.
    Unreadable(input::InputError),
    /// Not a PNG at all; what it is instead, when its first bytes tell.
    NotPng(Option<String>),
    /// A PNG that does not decode.
    Damaged(String),
    /// A PNG without an alpha channel or a transparent colour: what it is.
    Opaque(String),
}

impl Fault {
    /// The problem, at the place `at` of the path in the data; `path` is
    /// the file as the data names it.
    fn issue(self, at: DataPath, path: &Path) -> DataIssue {
        let name = path.display().to_string();
        let (message, hint) = match self {
            Fault::Unreadable(e) => return unreadable(at, &e),
            Fault::NotPng(what) => (
                match what {
                    Some(what) => crate::tr!("data-image-not-png-is", path = name, what = what),
                    None => crate::tr!("data-image-not-png", path = name),
                },
                crate::tr!("data-image-not-png-hint"),
            ),
            Fault::Damaged(why) => (
                crate::tr!("data-image-damaged", path = name, reason = why),
                crate::tr!("data-image-damaged-hint"),
            ),
            Fault::Opaque(kind) => (
                crate::tr!("data-image-opaque", path = name, what = kind),
                crate::tr!("data-image-opaque-hint"),
            ),
        };
        DataIssue::new(at, message, hint)
    }
}

/// Reads the image at `path` and checks that it is a transparent PNG.
fn read_one(path: &Path, confine: &Confine) -> Result<SignImage, Fault> {
    let resolved = confine.resolve(path).map_err(Fault::Unreadable)?;
    let bytes = confine
        .read(path, input::MAX_IMAGE)
        .map_err(Fault::Unreadable)?;
    let (width, height) = check_png(&bytes)?;
    Ok(SignImage {
        path: resolved,
        sha256: crate::output::sha256_hex(&bytes),
        bytes: Arc::from(bytes),
        width,
        height,
    })
}

/// The size in pixels of a PNG with transparency: decoded whole, so a
/// file cut short or damaged is found now, not by whatever draws it.
fn check_png(bytes: &[u8]) -> Result<(u32, u32), Fault> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if !bytes.starts_with(SIGNATURE) {
        return Err(Fault::NotPng(sniff(bytes)));
    }
    let damaged = |e: png::DecodingError| Fault::Damaged(e.to_string());
    let mut reader = png::Decoder::new(Cursor::new(bytes))
        .read_info()
        .map_err(damaged)?;
    let info = reader.info();
    let (width, height) = (info.width, info.height);
    let opaque = match info.color_type {
        png::ColorType::Rgba | png::ColorType::GrayscaleAlpha => None,
        _ if info.trns.is_some() => None,
        png::ColorType::Rgb => Some(crate::tr!("data-image-rgb")),
        png::ColorType::Grayscale => Some(crate::tr!("data-image-grey")),
        png::ColorType::Indexed => Some(crate::tr!("data-image-indexed")),
    };
    let size = reader.output_buffer_size().ok_or_else(|| {
        Fault::Damaged(crate::tr!(
            "data-image-too-large",
            width = width,
            height = height
        ))
    })?;
    let mut pixels = vec![0; size];
    reader.next_frame(&mut pixels).map_err(damaged)?;
    reader.finish().map_err(damaged)?;
    match opaque {
        Some(kind) => Err(Fault::Opaque(kind)),
        None => Ok((width, height)),
    }
}

/// What a file that is not a PNG is, from its first bytes: the formats a
/// scan or an export is likely to be in.
fn sniff(bytes: &[u8]) -> Option<String> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(b"\xff\xd8\xff") {
        Some(crate::tr!("data-image-jpeg"))
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        Some(crate::tr!("data-image-gif"))
    } else if starts(b"%PDF") {
        Some(crate::tr!("data-image-pdf"))
    } else if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Some(crate::tr!("data-image-webp"))
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        Some(crate::tr!("data-image-tiff"))
    } else if starts(b"BM") {
        Some(crate::tr!("data-image-bmp"))
    } else {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(256)]).to_lowercase();
        head.contains("<svg").then(|| crate::tr!("data-image-svg"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `width` × `height` PNG of `color` with samples `pixel`, and a
    /// tRNS chunk if given.
    fn png_of(color: png::ColorType, pixel: &[u8], trns: Option<&[u8]>) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut e = png::Encoder::new(&mut out, 3, 2);
            e.set_color(color);
            e.set_depth(png::BitDepth::Eight);
            if color == png::ColorType::Indexed {
                e.set_palette(vec![255, 0, 0]);
            }
            if let Some(t) = trns {
                e.set_trns(t.to_vec());
            }
            let mut w = e.write_header().unwrap();
            w.write_image_data(&pixel.repeat(6)).unwrap();
        }
        out
    }

    #[test]
    fn transparency_is_an_alpha_channel_or_a_transparent_colour() {
        use png::ColorType::*;
        assert_eq!(
            check_png(&png_of(Rgba, &[0, 0, 255, 0], None)).ok(),
            Some((3, 2))
        );
        assert!(check_png(&png_of(GrayscaleAlpha, &[0, 0], None)).is_ok());
        assert!(check_png(&png_of(Rgb, &[0, 0, 255], Some(&[0, 0, 0, 0, 0, 0]))).is_ok());
        assert!(check_png(&png_of(Indexed, &[0], Some(&[0]))).is_ok());
        for (color, pixel, kind) in [
            (Rgb, &[0u8, 0, 255][..], "RGB without an alpha channel"),
            (Grayscale, &[0], "greyscale without an alpha channel"),
            (Indexed, &[0], "indexed colour without a transparent colour"),
        ] {
            match check_png(&png_of(color, pixel, None)) {
                Err(Fault::Opaque(k)) => assert_eq!(k, kind),
                other => panic!("{color:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_file_cut_short_or_of_another_kind_is_told() {
        let good = png_of(png::ColorType::Rgba, &[0, 0, 255, 0], None);
        let cut = &good[..good.len() - 20];
        assert!(
            matches!(check_png(cut), Err(Fault::Damaged(_))),
            "{:?}",
            check_png(cut)
        );
        let mut bad_crc = good.clone();
        let at = bad_crc.len() - 30;
        bad_crc[at] ^= 0xff;
        assert!(matches!(check_png(&bad_crc), Err(Fault::Damaged(_))));
        for (bytes, what) in [
            (&b"\xff\xd8\xff\xe0\0\x10JFIF"[..], Some("a JPEG image")),
            (b"%PDF-1.7\n", Some("a PDF file")),
            (
                b"<?xml version=\"1.0\"?><svg xmlns=",
                Some("an SVG drawing"),
            ),
            (b"hello", None),
        ] {
            match check_png(bytes) {
                Err(Fault::NotPng(w)) => assert_eq!(w.as_deref(), what),
                other => panic!("{other:?}"),
            }
        }
    }
}
