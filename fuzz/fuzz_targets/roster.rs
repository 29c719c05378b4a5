//! Any bytes as a delegate list, CSV or spreadsheet: read, or refused with
//! a message, never a panic.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use vanban::data::roster;

static DIR: LazyLock<tempfile::TempDir> =
    LazyLock::new(|| tempfile::tempdir().expect("a temporary folder"));

fuzz_target!(|data: &[u8]| {
    // The first byte picks the kind of file, the rest is its content.
    let Some((&kind, content)) = data.split_first() else {
        return;
    };
    let name = match kind % 3 {
        0 => "list.csv",
        1 => "list.xlsx",
        _ => "list.ods",
    };
    let path = DIR.path().join(name);
    std::fs::write(&path, content).expect("the list is written");
    let _ = roster::load(&path, None, None);
    let _ = roster::load(&path, Some("Sheet1"), Some(roster::Group::Member));
});
