//! Any bytes as a delegate list, CSV or spreadsheet: read, or refused with
//! a message, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vanban::data::roster;

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
    let path = std::path::Path::new(name);
    let _ = roster::read(path, content, None, None);
    let _ = roster::read(path, content, Some("Sheet1"), Some(roster::Group::Member));
});
