//! The signature block: the authority lines with the preset's prefixes,
//! the title and the name, and what makes one unprintable.

use crate::data::images::SignImage;
use crate::data::model::{SignMode, Signature};
use crate::data::resolve::Project;
use crate::error::{DataIssue, DataPath};

use super::{Ctx, ImageView, SealView, SignView, SignatureView};

impl Ctx<'_, '_> {
    /// The signature block as printed: each authority line with the
    /// preset's prefix, the title and the name.
    pub(crate) fn signature(&mut self, sig: &Signature, path: DataPath) -> SignatureView {
        let prefixes = &self.preset.signature.prefixes;
        let prefix = |mode: SignMode| prefixes.get(mode.key()).cloned().unwrap_or_default();
        if sig.mode.is_some() && !sig.authority.is_empty() {
            self.issues.push(DataIssue::new(
                path.clone().key("authority"),
                "both `mode:` and `authority:` say how the signer signs".to_string(),
                "keep `authority:` (a line for each `mode` and `body`) and delete `mode:` and `body:`"
                    .to_string(),
            ));
        } else if sig.mode.is_none() && sig.authority.is_empty() {
            self.issues.push(DataIssue::new(
                path.clone(),
                "the signature does not say how the signer signs".to_string(),
                "add `mode:` (`mode: tm` and `body: BAN THƯỜNG VỤ`; `mode: none` for a signer in their own name), or `authority:` for two lines".to_string(),
            ));
        } else if sig.mode.is_some_and(|m| m != SignMode::None)
            && sig.body.as_deref().unwrap_or("").trim().is_empty()
        {
            let key = sig.mode.map_or("", SignMode::key);
            self.issues.push(DataIssue::new(
                path.clone(),
                format!("signing mode `{key}` needs the body signed for"),
                "add `body:`, e.g. `body: BAN THƯỜNG VỤ`".to_string(),
            ));
        }
        let acting = sig.lines().last().is_some_and(|(m, _)| *m == SignMode::Q);
        if sig.title.trim().is_empty() && !acting {
            self.issues.push(DataIssue::new(
                path.clone(),
                "the signature has no title".to_string(),
                "write the signer's title, e.g. `title: BÍ THƯ` (`title: PHÓ CHỦ TỊCH` under `KT. CHỦ TỊCH`)".to_string(),
            ));
        }
        if sig.authority.len() > 2 {
            self.issues.push(DataIssue::new(
                path.clone().key("authority").index(2),
                format!("{} authority lines: a signature has one or two", sig.authority.len()),
                "keep the body signed for and the head signed for (`TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`)".to_string(),
            ));
        }
        for (i, line) in sig.authority.iter().enumerate() {
            let here = path.clone().key("authority").index(i);
            if line.mode == SignMode::None {
                self.issues.push(DataIssue::new(
                    here.key("mode"),
                    "`mode: none` is not an authority line".to_string(),
                    "leave the line out; a signer in their own name has only `title:` and `name:`"
                        .to_string(),
                ));
            } else if line.body.trim().is_empty() {
                self.issues.push(DataIssue::new(
                    here.key("body"),
                    format!("authority line {} has no body signed for", i + 1),
                    "write what it signs for, e.g. `body: CHỦ TỊCH`".to_string(),
                ));
            }
        }
        for (i, (mode, _)) in sig.lines().into_iter().enumerate() {
            if prefixes.contains_key(mode.key()) {
                continue;
            }
            let here = if sig.authority.is_empty() {
                path.clone().key("mode")
            } else {
                path.clone().key("authority").index(i).key("mode")
            };
            let modes = prefixes
                .iter()
                .filter(|(k, v)| k.as_str() != "none" && !v.is_empty())
                .map(|(k, v)| format!("`{k}` ({v})"))
                .collect::<Vec<_>>()
                .join(", ");
            let instead = self.preset.signature.not_used.get(mode.key());
            self.issues.push(DataIssue::new(
                here,
                format!(
                    "{} does not sign with `mode: {}`",
                    self.preset.description,
                    mode.key()
                ),
                match instead {
                    Some(how) => format!("{how}; it signs with {modes}"),
                    None => format!("it signs with {modes}"),
                },
            ));
        }
        let authority = sig
            .lines()
            .into_iter()
            .map(|(mode, body)| {
                [prefix(mode).as_str(), body]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|l| !l.is_empty())
            .collect();
        SignatureView {
            authority,
            title: sig.title.clone(),
            name: sig.name.clone(),
            sign: None,
        }
    }
}

/// The images of `sig` for the layout to measure, if the data names its
/// image: with the issuer's seal for a `lead` signer (the document's, or
/// an event's own), whom the issuing body's seal confirms; a cosigner
/// signs for another body, whose seal the data does not have.
pub fn sign_view(project: &Project, sig: &Signature, lead: bool) -> Option<SignView> {
    let images = &project.images;
    let view = |image: &SignImage| ImageView {
        key: image.sha256.clone(),
        path: image.virtual_path(),
        width: image.width,
        height: image.height,
    };
    let image = images.get(sig.image.as_deref()?)?;
    let seal = match lead {
        true => project.data.issuer.seal.as_ref().and_then(|seal| {
            Some(SealView {
                image: view(images.get(&seal.image)?),
                diameter: seal.diameter,
            })
        }),
        false => None,
    };
    Some(SignView {
        role: if lead { "signer" } else { "cosigner" },
        image: view(image),
        seal,
    })
}
