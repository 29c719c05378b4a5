//! PDF/A for the files the splitter cuts and the joiner joins.
//!
//! Typst exports a PDF/A-2b batch whose catalog carries what makes it
//! PDF/A: an XMP metadata stream that claims the standard, the output
//! intent with its ICC profile (every colour relies on it), the language.
//! A file cut from such a batch, or joined from such parts, is PDF/A only
//! if it carries them too. The intent and language are copied; the XMP is
//! written anew for each file, because it must say what the file's own
//! document information says (ISO 19005-2, 6.6.3: the title, author,
//! dates and tool of the Info dictionary, the same in the XMP), and a
//! letter's title is not the batch's.

use lopdf::{Dictionary, Object};

/// The catalog entries a PDF/A file keeps, in this order: the output
/// intents (with the ICC profile they refer to), the language, the viewer
/// preferences. Outlines are not among them: a batch's point at the other
/// letters' pages.
const CARRIED: [&[u8]; 3] = [b"OutputIntents", b"Lang", b"ViewerPreferences"];

/// What a PDF claims of PDF/A in its XMP: the part and conformance level
/// (`2` and `B` for PDF/A-2b), and the extension schemas that declare the
/// properties its XMP uses, written again as they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Claim {
    part: String,
    conformance: String,
    /// `<pdfaExtension:schemas>…</pdfaExtension:schemas>`, or empty.
    extension: String,
}

/// A PDF/A part's claim and the catalog entries a file made from it keeps
/// ([`CARRIED`]), as the part's catalog has them: references are the
/// part's own numbers.
#[derive(Debug, Clone)]
pub(super) struct Archive {
    pub(super) claim: Claim,
    pub(super) carried: Vec<(Vec<u8>, Object)>,
}

impl Archive {
    /// What the catalog `catalog` of a PDF claims of PDF/A and carries with
    /// it, given the bytes of its XMP (`xmp`, when it has one); `None` if it
    /// claims no PDF/A.
    pub(super) fn of(catalog: &Dictionary, xmp: Option<&[u8]>) -> Option<Self> {
        let claim = Claim::read(xmp?)?;
        let carried = CARRIED
            .iter()
            .filter_map(|k| Some((k.to_vec(), catalog.get(k).ok()?.clone())))
            .collect();
        Some(Self { claim, carried })
    }

    /// [`Archive::of`] a parsed document.
    pub(super) fn of_doc(doc: &lopdf::Document) -> Option<Self> {
        let catalog = doc.catalog().ok()?;
        let xmp = catalog
            .get(b"Metadata")
            .and_then(Object::as_reference)
            .and_then(|r| doc.get_object(r))
            .and_then(Object::as_stream)
            .ok()?;
        // Typst writes the XMP unfiltered, as PDF/A wants it; a filtered one
        // is read as its raw bytes, which then claim nothing.
        Self::of(catalog, Some(&xmp.content))
    }

    /// Every object the carried entries refer to (the output intents and
    /// their ICC profile), to be copied with the pages.
    pub(super) fn refs(&self) -> Vec<lopdf::ObjectId> {
        let mut out = Vec::new();
        for (_, value) in &self.carried {
            super::collect_refs(value, &mut out);
        }
        out
    }

    /// The language the catalog declares, if it is a text string.
    fn lang(&self) -> Option<String> {
        self.carried
            .iter()
            .find(|(k, _)| k == b"Lang")
            .and_then(|(_, v)| lopdf::decode_text_string(v).ok())
    }

    /// The catalog of a file with these entries (references already
    /// renumbered), its page tree `pages` and its XMP `metadata`.
    pub(super) fn catalog(&self, pages: lopdf::ObjectId, metadata: lopdf::ObjectId) -> Dictionary {
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", Object::Reference(pages));
        for (k, v) in &self.carried {
            catalog.set(k.clone(), v.clone());
        }
        catalog.set("Metadata", Object::Reference(metadata));
        catalog
    }

    /// The metadata stream of a file of `pages` pages whose document
    /// information is `info` and whose content hashes to `digest`: the XMP
    /// of [`Claim::xmp`], unfiltered (PDF/A, 6.6.2.1: metadata is read
    /// without decoding). `None` if the information cannot be said in XMP.
    pub(super) fn metadata(
        &self,
        info: &Dictionary,
        pages: usize,
        digest: &[u8],
    ) -> Option<Object> {
        let xmp = self
            .claim
            .xmp(info, self.lang().as_deref(), pages, digest)?;
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"Metadata".to_vec()));
        dict.set("Subtype", Object::Name(b"XML".to_vec()));
        Some(Object::Stream(
            lopdf::Stream::new(dict, xmp).with_compression(false),
        ))
    }
}

impl Claim {
    /// The claim of an XMP packet; `None` if it claims no PDF/A.
    fn read(xmp: &[u8]) -> Option<Self> {
        let xmp = std::str::from_utf8(xmp).ok()?;
        let value = |name: &str| -> Option<String> {
            // As an element (how krilla writes it) or as an attribute.
            let element = format!("<pdfaid:{name}>");
            if let Some(at) = xmp.find(&element) {
                let rest = &xmp[at + element.len()..];
                return Some(rest[..rest.find('<')?].trim().to_string());
            }
            let attribute = format!("pdfaid:{name}=\"");
            let at = xmp.find(&attribute)? + attribute.len();
            Some(xmp[at..at + xmp[at..].find('"')?].trim().to_string())
        };
        let part = value("part")?;
        let conformance = value("conformance").unwrap_or_default();
        let (open, close) = ("<pdfaExtension:schemas>", "</pdfaExtension:schemas>");
        let extension = match (xmp.find(open), xmp.find(close)) {
            (Some(a), Some(b)) if a < b => xmp[a..b + close.len()].to_string(),
            _ => String::new(),
        };
        Some(Self {
            part,
            conformance,
            extension,
        })
    }

    /// An XMP packet that says what `info` says (title, author, subject,
    /// keywords, tool, producer, dates, trapping), in the language `lang`,
    /// of `pages` pages, with this claim, and with document and instance
    /// ids made from `digest` (a hash of the file's content, so the same
    /// content gets the same ids). `None` if an entry of `info` cannot be
    /// read (a date not in PDF form, a string not text).
    pub(super) fn xmp(
        &self,
        info: &Dictionary,
        lang: Option<&str>,
        pages: usize,
        digest: &[u8],
    ) -> Option<Vec<u8>> {
        let text = |key: &[u8]| -> Option<Option<String>> {
            match info.get(key) {
                Ok(v) => lopdf::decode_text_string(v).ok().map(|s| Some(escape(&s))),
                Err(_) => Some(None),
            }
        };
        let date = |key: &[u8]| -> Option<Option<String>> {
            match info.get(key) {
                Ok(v) => xmp_date(v.as_str().ok()?).map(Some),
                Err(_) => Some(None),
            }
        };
        let alt =
            |v: String| format!("<rdf:Alt><rdf:li xml:lang=\"x-default\">{v}</rdf:li></rdf:Alt>");
        // The properties, with the extension schemas among them.
        let mut body = String::new();
        let mut put = |name: &str, value: Option<String>| {
            if let Some(v) = value {
                body.push_str(&match name {
                    "" => v,
                    _ => format!("<{name}>{v}</{name}>"),
                });
            }
        };
        put("dc:title", text(b"Title")?.map(alt));
        put(
            "dc:creator",
            text(b"Author")?.map(|a| format!("<rdf:Seq><rdf:li>{a}</rdf:li></rdf:Seq>")),
        );
        put("dc:description", text(b"Subject")?.map(alt));
        put("pdf:Keywords", text(b"Keywords")?);
        put("xmp:CreatorTool", text(b"Creator")?);
        put("pdf:Producer", text(b"Producer")?);
        put(
            "dc:language",
            lang.map(|l| format!("<rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag>", escape(l))),
        );
        put("xmp:CreateDate", date(b"CreationDate")?);
        put("xmp:ModifyDate", date(b"ModDate")?);
        let trapped = match info.get(b"Trapped") {
            Ok(v) => Some(String::from_utf8(v.as_name().ok()?.to_vec()).ok()?),
            Err(_) => None,
        };
        put("pdf:Trapped", trapped);
        put("", Some(self.extension.clone()));
        put("pdfaid:part", Some(escape(&self.part)));
        if !self.conformance.is_empty() {
            put("pdfaid:conformance", Some(escape(&self.conformance)));
        }
        put("xmpTPg:NPages", Some(pages.to_string()));
        put("dc:format", Some("application/pdf".into()));
        put("xmpMM:DocumentID", Some(uuid(digest.get(..16)?)));
        put("xmpMM:InstanceID", Some(uuid(digest.get(16..32)?)));
        // The header the joiner and splitter write.
        put("pdf:PDFVersion", Some("1.7".into()));
        let namespaces = [
            ("dc", "http://purl.org/dc/elements/1.1/"),
            ("xmp", "http://ns.adobe.com/xap/1.0/"),
            ("xmpMM", "http://ns.adobe.com/xap/1.0/mm/"),
            ("xmpTPg", "http://ns.adobe.com/xap/1.0/t/pg/"),
            ("pdf", "http://ns.adobe.com/pdf/1.3/"),
            ("pdfaid", "http://www.aiim.org/pdfa/ns/id/"),
            ("pdfaExtension", "http://www.aiim.org/pdfa/ns/extension/"),
            ("pdfaSchema", "http://www.aiim.org/pdfa/ns/schema#"),
            ("pdfaProperty", "http://www.aiim.org/pdfa/ns/property#"),
        ]
        .iter()
        .map(|(prefix, uri)| format!(" xmlns:{prefix}=\"{uri}\""))
        .collect::<String>();
        // No `bytes` or `encoding` in the packet header (PDF/A, 6.6.2.1);
        // read-only, so no padding.
        Some(
            format!(
                "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\
                 <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\
                 <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\
                 <rdf:Description rdf:about=\"\"{namespaces}>{body}</rdf:Description>\
                 </rdf:RDF></x:xmpmeta><?xpacket end=\"r\"?>"
            )
            .into_bytes(),
        )
    }
}

/// `text` as XML character data: markup escaped, and the characters XML
/// 1.0 cannot hold at all (control characters but tab and line breaks)
/// left out.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A PDF date (`D:20231114221320Z`, `D:20231114221320+07'00'`) as an XMP
/// date (`2023-11-14T22:13:20+00:00`): the same instant, so the two say the
/// same. `None` if it is not a full PDF date to the second.
fn xmp_date(pdf: &[u8]) -> Option<String> {
    let s = std::str::from_utf8(pdf).ok()?;
    let s = s.strip_prefix("D:").unwrap_or(s);
    let digits = |r: std::ops::Range<usize>| -> Option<&str> {
        let d = s.get(r)?;
        d.bytes().all(|b| b.is_ascii_digit()).then_some(d)
    };
    let (y, mo, d) = (digits(0..4)?, digits(4..6)?, digits(6..8)?);
    let (h, mi, sec) = (digits(8..10)?, digits(10..12)?, digits(12..14)?);
    let zone = match s.get(14..).unwrap_or("") {
        "" => String::new(),
        "Z" | "Z00'00'" | "Z00'00" => "+00:00".to_string(),
        tz => {
            let sign = tz.get(..1).filter(|c| *c == "+" || *c == "-")?;
            let rest = tz[1..].replace('\'', "");
            let (zh, zm) = (rest.get(0..2)?, rest.get(2..4).unwrap_or("00"));
            if !(zh.bytes().chain(zm.bytes()).all(|b| b.is_ascii_digit()) && rest.len() <= 4) {
                return None;
            }
            format!("{sign}{zh}:{zm}")
        }
    };
    Some(format!("{y}-{mo}-{d}T{h}:{mi}:{sec}{zone}"))
}

/// 16 bytes as a UUID URN, the form XMP ids take.
fn uuid(bytes: &[u8]) -> String {
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "uuid:{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_are_the_same_instants_in_xmp() {
        assert_eq!(
            xmp_date(b"D:20231114221320Z").as_deref(),
            Some("2023-11-14T22:13:20+00:00")
        );
        assert_eq!(
            xmp_date(b"D:20260301080000+07'00'").as_deref(),
            Some("2026-03-01T08:00:00+07:00")
        );
        assert_eq!(
            xmp_date(b"D:20260301080000-05'30").as_deref(),
            Some("2026-03-01T08:00:00-05:30")
        );
        assert_eq!(
            xmp_date(b"D:20260301080000").as_deref(),
            Some("2026-03-01T08:00:00")
        );
        assert_eq!(xmp_date(b"D:2026"), None);
        assert_eq!(xmp_date(b"D:20260301080000+7"), None);
    }

    #[test]
    fn the_xmp_says_what_the_info_says() {
        let claim = Claim::read(
            b"<x><pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>\
              <pdfaExtension:schemas><rdf:Bag/></pdfaExtension:schemas></x>",
        )
        .expect("a claim");
        let mut info = Dictionary::new();
        info.set("Title", lopdf::text_string("Giấy mời – A & <B>"));
        info.set("Creator", lopdf::text_string("Typst 0.15.1"));
        info.set("CreationDate", Object::string_literal("D:20231114221320Z"));
        let xmp = claim.xmp(&info, Some("vi"), 2, &[7; 32]).expect("an XMP");
        let xmp = String::from_utf8(xmp).unwrap();
        for part in [
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Giấy mời – A &amp; &lt;B&gt;</rdf:li>",
            "<xmp:CreatorTool>Typst 0.15.1</xmp:CreatorTool>",
            "<xmp:CreateDate>2023-11-14T22:13:20+00:00</xmp:CreateDate>",
            "<dc:language><rdf:Bag><rdf:li>vi</rdf:li></rdf:Bag></dc:language>",
            "<pdfaExtension:schemas><rdf:Bag/></pdfaExtension:schemas>",
            "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>",
            "<xmpTPg:NPages>2</xmpTPg:NPages>",
            "<xmpMM:DocumentID>uuid:07070707-0707-0707-0707-070707070707</xmpMM:DocumentID>",
        ] {
            assert!(xmp.contains(part), "{part}\n{xmp}");
        }
        // What the Info does not have, the XMP does not say.
        assert!(
            !xmp.contains("ModifyDate") && !xmp.contains("dc:creator"),
            "{xmp}"
        );
        // Claims nothing: no PDF/A.
        assert_eq!(Claim::read(b"<x><dc:title/></x>"), None);
        // A date the XMP cannot say: no XMP, rather than one that differs.
        info.set("ModDate", Object::string_literal("yesterday"));
        assert_eq!(claim.xmp(&info, None, 1, &[0; 32]), None);
    }
}
