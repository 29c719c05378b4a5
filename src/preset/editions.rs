//! Which preset lays out a document from which date: a preset of
//! editions (`dang`) names the guideline in force on the document's date,
//! and a preset of styles says when and by what it was replaced.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// When and by what a preset's guideline was replaced.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Replaced {
    /// The day the new guideline took effect.
    pub on: chrono::NaiveDate,
    /// The preset of the new guideline.
    pub by: String,
    /// What replaced what, for the warning: `Hướng dẫn 05-HD/VPTW replaced Hướng dẫn 36-HD/VPTW`.
    pub note: String,
}

/// A preset file that sets no style itself but says which preset lays out
/// a document from which date: `dang` follows the Party guideline in force
/// on the document's date.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Editions {
    /// What it chooses between.
    pub description: String,
    /// Newest first: the first whose `from` is on or before the document's
    /// date applies; the last has no `from`.
    pub editions: Vec<Edition>,
}

/// One edition of a guideline: its preset and the day it took effect.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    /// The day it took effect (none for the oldest).
    #[serde(default)]
    pub from: Option<chrono::NaiveDate>,
    /// Its preset.
    pub preset: String,
}

impl Editions {
    /// The preset for a document dated `date`.
    pub fn pick(&self, date: chrono::NaiveDate) -> Option<&str> {
        self.editions
            .iter()
            .find(|e| e.from.is_none_or(|from| from <= date))
            .map(|e| e.preset.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preset::Preset;
    use chrono::NaiveDate;

    #[test]
    fn the_party_preset_is_the_one_of_the_document_s_date() {
        let dang: Editions =
            serde_yaml_ng::from_str(include_str!("../../templates/presets/dang.yaml")).unwrap();
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(dang.pick(d(2024, 10, 15)), Some("dang-hd36"));
        assert_eq!(dang.pick(d(2026, 5, 26)), Some("dang-hd36"));
        assert_eq!(dang.pick(d(2026, 5, 27)), Some("dang-hd05"));
        // Both editions are presets of styles.
        for file in [
            include_str!("../../templates/presets/dang-hd05.yaml"),
            include_str!("../../templates/presets/dang-hd36.yaml"),
        ] {
            serde_yaml_ng::from_str::<Preset>(file).unwrap();
        }
    }
}
