//! The checks a PDF/A-2b file of vanban is held to (tests/pdfa.rs, and
//! the two-up print files of tests/two_up.rs): its structure read with
//! lopdf, its syntax with `qpdf --check`.

use std::path::Path;
use std::process::Command;

use lopdf::{Dictionary, Document, Object};

/// The text of the first `<tag>…</tag>` of `xmp`, with the XML escapes
/// undone and an `rdf:Alt`/`rdf:Seq` around it looked into.
pub fn xmp_value(xmp: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}>");
    let at = xmp.find(&open)? + open.len();
    let mut inner = &xmp[at..at + xmp[at..].find(&format!("</{tag}>"))?];
    if let Some(li) = inner.find("<rdf:li") {
        let start = li + inner[li..].find('>')? + 1;
        inner = &inner[start..start + inner[start..].find("</rdf:li>")?];
    }
    Some(
        inner
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&"),
    )
}

/// A text entry of the document information, decoded.
pub fn info_text(info: &Dictionary, key: &[u8]) -> Option<String> {
    info.get(key)
        .ok()
        .map(|v| lopdf::decode_text_string(v).expect("a text string"))
}

/// The digits of a date, PDF (`D:20231114221320Z`) or XMP
/// (`2023-11-14T22:13:20+00:00`), to the second: the same instant, written
/// either way, gives the same digits (both are UTC here).
pub fn date_digits(date: &str) -> String {
    date.chars().filter(char::is_ascii_digit).take(14).collect()
}

/// The XMP packet of `doc`'s catalog, which must be an unfiltered metadata stream.
pub fn xmp_of(doc: &Document, what: &str) -> Option<String> {
    let catalog = doc.catalog().expect("a catalog");
    let r = catalog.get(b"Metadata").ok()?.as_reference().unwrap();
    let stream = doc.get_object(r).unwrap().as_stream().unwrap();
    assert!(
        stream.dict.get(b"Filter").is_err(),
        "{what}: the metadata stream is not filtered"
    );
    assert_eq!(
        stream.dict.get(b"Type").and_then(Object::as_name).ok(),
        Some(&b"Metadata"[..]),
        "{what}"
    );
    assert_eq!(
        stream.dict.get(b"Subtype").and_then(Object::as_name).ok(),
        Some(&b"XML"[..]),
        "{what}"
    );
    Some(String::from_utf8(stream.content.clone()).expect("XMP is UTF-8"))
}

/// Whether the PDF at `path` claims PDF/A in its XMP.
pub fn claims_pdfa(path: &Path) -> bool {
    let doc = Document::load(path).unwrap();
    xmp_of(&doc, &path.display().to_string()).is_some_and(|x| x.contains("pdfaid:part"))
}

/// Asserts what a PDF/A-2b file must carry, as the research note's
/// checklist has it: an unfiltered XMP in the catalog claiming part 2,
/// conformance B, that says what the document information says (title,
/// author, tool, dates); the output intent `GTS_PDFA1` with its ICC
/// profile; the language; a file identifier; every font embedded; no
/// encryption.
pub fn assert_pdfa_2b(path: &Path) {
    let what = path.display().to_string();
    let doc = Document::load(path).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(doc.trailer.get(b"Encrypt").is_err(), "{what}: encrypted");
    let id = doc.trailer.get(b"ID").and_then(Object::as_array);
    assert!(
        id.is_ok_and(|id| id.len() == 2 && id.iter().all(|s| s.as_str().is_ok())),
        "{what}: a file identifier of two strings"
    );
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .and_then(|r| doc.get_dictionary(r))
        .unwrap_or_else(|_| panic!("{what}: document information"));
    let catalog = doc.catalog().unwrap();

    let xmp = xmp_of(&doc, &what).unwrap_or_else(|| panic!("{what}: no /Metadata"));
    assert_eq!(
        xmp_value(&xmp, "pdfaid:part").as_deref(),
        Some("2"),
        "{what}"
    );
    assert_eq!(
        xmp_value(&xmp, "pdfaid:conformance").as_deref(),
        Some("B"),
        "{what}"
    );
    let header = &xmp[..xmp.find("?>").expect("an xpacket header")];
    assert!(
        header.starts_with("<?xpacket begin=")
            && !header.contains("bytes=")
            && !header.contains("encoding="),
        "{what}: {header}"
    );
    let title = info_text(info, b"Title").unwrap_or_else(|| panic!("{what}: a title"));
    assert!(!title.is_empty(), "{what}");
    assert_eq!(xmp_value(&xmp, "dc:title"), Some(title), "{what}: dc:title");
    assert_eq!(
        xmp_value(&xmp, "xmp:CreatorTool"),
        info_text(info, b"Creator"),
        "{what}: CreatorTool"
    );
    assert_eq!(
        xmp_value(&xmp, "dc:creator"),
        info_text(info, b"Author"),
        "{what}: dc:creator"
    );
    for (key, tag) in [
        (&b"CreationDate"[..], "xmp:CreateDate"),
        (b"ModDate", "xmp:ModifyDate"),
    ] {
        let pdf = info_text(info, key).map(|d| date_digits(&d));
        assert!(pdf.as_ref().is_some_and(|d| d.len() == 14), "{what}: {tag}");
        assert_eq!(
            xmp_value(&xmp, tag).map(|d| date_digits(&d)),
            pdf,
            "{what}: {tag}"
        );
    }
    let id_tag = "xmpMM:DocumentID";
    assert!(xmp_value(&xmp, id_tag).is_some(), "{what}: {id_tag}");

    let intents = catalog
        .get_deref(b"OutputIntents", &doc)
        .and_then(Object::as_array)
        .unwrap_or_else(|_| panic!("{what}: /OutputIntents"));
    let intent = match &intents[0] {
        Object::Reference(r) => doc.get_dictionary(*r).unwrap(),
        Object::Dictionary(d) => d,
        other => panic!("{what}: an output intent {other:?}"),
    };
    assert_eq!(
        intent.get(b"S").and_then(Object::as_name).ok(),
        Some(&b"GTS_PDFA1"[..]),
        "{what}"
    );
    let profile = intent
        .get(b"DestOutputProfile")
        .and_then(Object::as_reference)
        .and_then(|r| doc.get_object(r))
        .and_then(Object::as_stream)
        .unwrap_or_else(|_| panic!("{what}: /DestOutputProfile"));
    assert!(!profile.content.is_empty(), "{what}: an ICC profile");
    assert!(catalog.get(b"Lang").is_ok(), "{what}: /Lang");
    // A batch's outlines lead to the other letters' pages: a file keeps
    // none, or its own (the plan's headings).
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    let mut item = catalog
        .get_deref(b"Outlines", &doc)
        .and_then(Object::as_dict)
        .ok()
        .and_then(|o| o.get(b"First").and_then(Object::as_reference).ok());
    let (mut todo, mut leads) = (Vec::new(), 0);
    while let Some(id) = item.take().or_else(|| todo.pop()) {
        let d = doc.get_dictionary(id).unwrap();
        let dest = d.get_deref(b"Dest", &doc).or_else(|_| {
            d.get_deref(b"A", &doc)
                .and_then(Object::as_dict)
                .and_then(|a| a.get_deref(b"D", &doc))
        });
        if let Ok(Object::Array(dest)) = dest {
            let page = dest[0].as_reference().unwrap();
            assert!(
                pages.contains(&page),
                "{what}: an outline leads out of the file"
            );
            leads += 1;
        }
        for key in [&b"First"[..], b"Next"] {
            if let Ok(next) = d.get(key).and_then(Object::as_reference) {
                todo.push(next);
            }
        }
    }
    assert!(
        leads > 0 || catalog.get(b"Outlines").is_err(),
        "{what}: outlines that lead nowhere"
    );

    let mut descriptors = 0;
    for obj in doc.objects.values() {
        if let Object::Dictionary(d) = obj
            && d.has_type(b"FontDescriptor")
        {
            descriptors += 1;
            assert!(
                d.has(b"FontFile2") || d.has(b"FontFile3"),
                "{what}: a font not embedded: {d:?}"
            );
        }
    }
    assert!(descriptors > 0, "{what}: fonts");
}

/// Runs `qpdf --check` on `path`: exit 0 is a file without errors or warnings.
pub fn qpdf_check(path: &Path) {
    let o = Command::new("qpdf")
        .arg("--check")
        .arg(path)
        .output()
        .expect("qpdf is installed (Debian package qpdf; .ci/run installs it)");
    assert!(
        o.status.success(),
        "qpdf --check {}: {:?}\n{}{}",
        path.display(),
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}
