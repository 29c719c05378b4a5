//! `vanban new`: a starter data file for each kind and preset that
//! `vanban check` finds nothing in and `vanban build` turns into PDFs as
//! written; never written over an existing file.

mod common;

use common::*;

/// Every kind with the presets it has.
const STARTERS: &[(&str, &[&str])] = &[
    ("ke-hoach", &["dang", "nha-nuoc"]),
    ("dai-hoi", &["dang"]),
    ("thong-bao", &["dang", "nha-nuoc"]),
    ("giay-moi-hop", &["dang", "nha-nuoc"]),
];

#[test]
fn every_starter_checks_clean_and_builds_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let listed = String::from_utf8(vanban(&["new", "--list"]).stdout).unwrap();
    for (kind, presets) in STARTERS {
        assert!(listed.contains(kind), "{listed}");
        for preset in *presets {
            let file = dir.path().join(format!("{kind}-{preset}.yaml"));
            let o = vanban(&["new", kind, file.to_str().unwrap(), "--preset", preset]);
            assert!(o.status.success(), "{}", stderr(&o));
            let text = std::fs::read_to_string(&file).unwrap();
            assert!(text.contains(&format!("preset: {preset}")), "{text}");
            assert!(
                !text.contains("{today") && !text.contains("{year"),
                "dates filled: {text}"
            );
            // Nothing to say of it, not even a warning.
            let o = vanban(&["check", file.to_str().unwrap(), "--deny-warnings"]);
            assert!(o.status.success(), "{kind} {preset}: {}", stderr(&o));
            let out = dir.path().join(format!("out-{kind}-{preset}"));
            build_ok(&file, &out, &[]);
            let m = manifest(&out);
            let main = m.outputs.iter().find(|e| e.kind == "plan").unwrap();
            let printed = squeeze(&pdftotext(&out.join(&main.path)));
            assert!(
                printed.contains("LòVănMinh") || printed.contains("HoàngVănAn"),
                "{printed}"
            );
            if *kind == "dai-hoi" {
                // Its list beside it: four letters, three of them summonses.
                assert!(
                    dir.path()
                        .join(format!("{kind}-{preset}-dai-bieu.csv"))
                        .exists()
                );
                assert_eq!(
                    m.outputs.iter().filter(|e| e.kind == "invitation").count(),
                    4
                );
            }
            if *kind == "giay-moi-hop" {
                assert_eq!(
                    m.outputs
                        .iter()
                        .filter(|e| e.kind == "meeting-copy")
                        .count(),
                    2
                );
            }
        }
    }
}

#[test]
fn a_starter_is_never_written_over_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("dai-hoi.yaml");
    let csv = dir.path().join("dai-hoi-dai-bieu.csv");
    std::fs::write(&csv, "STT,Họ và tên\n1,Người đã có\n").unwrap();
    let o = vanban(&["new", "dai-hoi", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    says(
        &stderr(&o),
        &[
            &format!(
                "error: `{}` exists: vanban new never writes over a file",
                csv.display()
            ),
            "hint: give another name: `vanban new KIND FILE.yaml`",
        ],
    );
    assert!(
        !file.exists(),
        "nothing written when one of its files is there"
    );
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        "STT,Họ và tên\n1,Người đã có\n"
    );

    let o = vanban(&["new", "bien-ban", file.to_str().unwrap()]);
    says(
        &stderr(&o),
        &[
            "error: there is no starter of kind `bien-ban`",
            "hint: the kinds are: ke-hoach, dai-hoi, thong-bao, giay-moi-hop;",
        ],
    );
    let o = vanban(&[
        "new",
        "dai-hoi",
        file.to_str().unwrap(),
        "--preset",
        "nha-nuoc",
    ]);
    says(
        &stderr(&o),
        &[
            "error: the starter `dai-hoi` has no file for `--preset nha-nuoc`",
            "hint: it has: --preset dang",
        ],
    );
}
