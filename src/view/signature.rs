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
                crate::tr!("view-sign-mode-and-authority"),
                crate::tr!("view-sign-mode-and-authority-hint"),
            ));
        } else if sig.mode.is_none() && sig.authority.is_empty() {
            self.issues.push(DataIssue::new(
                path.clone(),
                crate::tr!("view-sign-no-mode"),
                crate::tr!("view-sign-no-mode-hint"),
            ));
        } else if sig.mode.is_some_and(|m| m != SignMode::None)
            && sig.body.as_deref().unwrap_or("").trim().is_empty()
        {
            let key = sig.mode.map_or("", SignMode::key);
            self.issues.push(DataIssue::new(
                path.clone(),
                crate::tr!("view-sign-mode-needs-body", mode = key),
                crate::tr!("view-sign-mode-needs-body-hint"),
            ));
        }
        let acting = sig.lines().last().is_some_and(|(m, _)| *m == SignMode::Q);
        if sig.title.trim().is_empty() && !acting {
            self.issues.push(DataIssue::new(
                path.clone(),
                crate::tr!("view-sign-no-title"),
                crate::tr!("view-sign-no-title-hint"),
            ));
        }
        if sig.authority.len() > 2 {
            self.issues.push(DataIssue::new(
                path.clone().key("authority").index(2),
                crate::tr!(
                    "view-sign-too-many-lines",
                    count = sig.authority.len().to_string()
                ),
                crate::tr!("view-sign-too-many-lines-hint"),
            ));
        }
        for (i, line) in sig.authority.iter().enumerate() {
            let here = path.clone().key("authority").index(i);
            if line.mode == SignMode::None {
                self.issues.push(DataIssue::new(
                    here.key("mode"),
                    crate::tr!("view-sign-none-line"),
                    crate::tr!("view-sign-none-line-hint"),
                ));
            } else if line.body.trim().is_empty() {
                self.issues.push(DataIssue::new(
                    here.key("body"),
                    crate::tr!("view-sign-line-no-body", line = (i + 1).to_string()),
                    crate::tr!("view-sign-line-no-body-hint"),
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
            let instead = self
                .preset
                .signature
                .not_used
                .get(mode.key())
                .map(crate::lang::Said::text);
            self.issues.push(DataIssue::new(
                here,
                crate::tr!(
                    "view-sign-mode-not-used",
                    preset = &self.preset.description,
                    mode = mode.key()
                ),
                match instead {
                    Some(how) => {
                        crate::tr!("view-sign-modes-instead-hint", how = how, modes = modes)
                    }
                    None => crate::tr!("view-sign-modes-hint", modes = modes),
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
