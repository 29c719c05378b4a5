//! Distribution sheets (Nơi nhận): cut into pages by measured row
//! heights, each page typeset on its own and joined.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use serde::Serialize;

use crate::error::{Error, Problem};
use crate::letters::{self, EventView, LetterView, SheetView};
use crate::output::{self, Previous};
use crate::preset::Preset;
use crate::typeset::{self, DocOptions};
use crate::view;

use super::incremental::OldJoined;
use super::{Engine, json, lower_first, worker_count};

#[derive(Serialize)]
struct SheetContext<'a> {
    version: &'static str,
    style: &'a Preset,
    sheet: &'a SheetView,
}

/// A distribution sheet cut into pages, and what each is made from.
pub(super) struct SheetPlan {
    /// What the sheet lists (its title line).
    pub(super) document: String,
    pub(super) parts: Vec<SheetView>,
    pub(super) keys: Vec<String>,
    /// What the whole sheet is made from.
    pub(super) inputs: String,
}

impl Engine {
    /// The whole of a distribution sheet as one Typst source (for previews;
    /// the build typesets it in parts).
    pub fn sheet_source(&self, preset: &Preset, mut sheet: SheetView) -> Result<String, Error> {
        sheet.copies = letters::total_copies(&sheet.rows);
        sheet.glyphs = self.sheet_glyphs(preset, &sheet)?;
        self.render_sheet(preset, &sheet)
    }

    pub(super) fn render_sheet(&self, preset: &Preset, sheet: &SheetView) -> Result<String, Error> {
        self.renderer.render(
            "sheet.typ.j2",
            &SheetContext {
                version: env!("CARGO_PKG_VERSION"),
                style: preset,
                sheet,
            },
        )
    }

    /// The glyph repertoire of a sheet: its rows, header, preset, templates.
    pub(super) fn sheet_glyphs(&self, preset: &Preset, sheet: &SheetView) -> Result<String, Error> {
        self.glyphs(vec![json(sheet), json(preset)], "sheet.typ.j2")
    }

    /// A distribution sheet cut into pages ([`letters::sheet_pages`]), with
    /// what each page and the whole are made from: no typesetting yet.
    pub(super) fn sheet_plan(
        &self,
        preset: &Preset,
        mut sheet: SheetView,
        options: &DocOptions,
    ) -> Result<SheetPlan, Error> {
        sheet.copies = letters::total_copies(&sheet.rows);
        sheet.glyphs = self.sheet_glyphs(preset, &sheet)?;
        let widths = self.typesetter.widths(&preset.fonts);
        let pages = letters::sheet_pages(&sheet.rows, preset, &widths, &sheet.document);
        let count = pages.len();
        let parts: Vec<SheetView> = pages
            .iter()
            .enumerate()
            .map(|(k, range)| SheetView {
                rows: sheet.rows[range.clone()].to_vec(),
                first: k == 0,
                last: k + 1 == count,
                offset: range.start,
                header: sheet.header.clone(),
                document: sheet.document.clone(),
                author: sheet.author.clone(),
                copies: sheet.copies,
                glyphs: sheet.glyphs.clone(),
            })
            .collect();
        // A page's key is its data and the preset (the templates are in
        // every key): only the pages that changed are rendered to Typst.
        let date = options.date.to_string();
        let style = json(preset);
        let keys: Vec<String> = parts
            .iter()
            .map(|part| self.inputs(&["sheet-page", &style, &json(part), &date]))
            .collect();
        let mut all: Vec<&str> = vec!["recipients", &sheet.document];
        all.extend(keys.iter().map(String::as_str));
        let inputs = self.inputs(&all);
        Ok(SheetPlan {
            document: sheet.document,
            parts,
            keys,
            inputs,
        })
    }

    /// The PDF of a distribution sheet, page by page
    /// ([`letters::sheet_pages`]), written to `out` as its pages come: the
    /// pages compile on all cores (Typst lays out a long table slowly) and
    /// are joined in order; a rebuild compiles only the pages whose rows
    /// changed and takes the others from the last sheet. (Whether the last
    /// sheet can be kept whole is the caller's to ask first.) Nothing is
    /// staged, so it can be made alongside the letters. Returns `out` and
    /// the sheet's parts.
    pub(super) fn sheet_pdf<W: std::io::Write + Send>(
        &self,
        preset: &Preset,
        plan: SheetPlan,
        options: &DocOptions,
        previous: &Previous,
        name: &str,
        out: W,
    ) -> Result<(W, Vec<output::Part>), Error> {
        let SheetPlan {
            document,
            parts,
            keys,
            inputs: _,
        } = plan;
        let count = parts.len();
        // Which parts the last sheet has, from the manifest alone: its
        // pages are read while the new parts compile.
        let old_parts: std::collections::HashSet<&str> = previous
            .entry(name)
            .map(|e| e.parts.iter().map(|p| p.inputs.as_str()).collect())
            .unwrap_or_default();
        let todo: Vec<usize> = (0..count)
            .filter(|k| !old_parts.contains(keys[*k].as_str()))
            .collect();
        let next = AtomicUsize::new(0);
        type Page = (typeset::PdfSplitter, std::ops::Range<usize>);
        // Bounded, and joined in order as they come: memory holds a few
        // pages, not a whole sheet of thousands of rows.
        let workers = worker_count(todo.len());
        let (tx, rx) = mpsc::sync_channel::<(usize, Result<Page, Error>)>(workers);
        let join_err = |e: std::io::Error| Error::Write {
            path: PathBuf::from(name),
            source: e,
        };
        std::thread::scope(|scope| {
            for _ in 0..workers {
                let (tx, next, parts, todo) = (tx.clone(), &next, &parts, &todo);
                scope.spawn(move || {
                    while let Some(&k) = todo.get(next.fetch_add(1, Ordering::Relaxed)) {
                        let pdf = self
                            .render_sheet(preset, &parts[k])
                            .and_then(|source| self.typesetter.compile(&source, options, &preset.fonts))
                            .and_then(|doc| {
                                let printed = typeset::printed_pages(&doc);
                                let pdf = typeset::export(&doc, options.date, false)?;
                                typeset::PdfSplitter::new(&pdf)
                                    .map(|pdf| (pdf, printed))
                                    .ok_or_else(|| {
                                        Error::problem(Problem::error(
                                            "the PDF of a distribution sheet could not be read back",
                                        ))
                                    })
                            });
                        comemo::evict(2);
                        if tx.send((k, pdf)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(tx);
            // Whatever ends the join early, the receiver goes with this
            // closure, and the workers take no new page.
            let rx = rx;
            let joined = (|| -> Result<(W, Vec<output::Part>), Error> {
                let mut old = (todo.len() < count)
                    .then(|| OldJoined::load(previous, name))
                    .flatten();
                let mut joined = typeset::PdfJoiner::new(out).map_err(join_err)?;
                let mut made: BTreeMap<usize, Page> = BTreeMap::new();
                let mut done = Vec::with_capacity(count);
                let mut fresh = todo.iter().peekable();
                for (k, key) in keys.iter().enumerate() {
                    let pages = if fresh.next_if(|&&t| t == k).is_some() {
                        while !made.contains_key(&k) {
                            let Ok((got, page)) = rx.recv() else {
                                return Err(join_err(std::io::Error::other(
                                    "a page of the sheet was not made",
                                )));
                            };
                            made.insert(got, page?);
                        }
                        let Some((page, range)) = made.remove(&k) else {
                            continue;
                        };
                        let n = range.len();
                        // Without the glyph page.
                        joined
                            .push_pages(&page, range, &mut typeset::Shared::default())
                            .map(|_| n)
                    } else {
                        old.as_mut()
                            .and_then(|o| o.push(&mut joined, key))
                            .unwrap_or_else(|| {
                                Err(std::io::Error::other("a page of the last sheet is gone"))
                            })
                    }
                    .map_err(join_err)?;
                    done.push(output::Part {
                        inputs: key.clone(),
                        pages,
                    });
                }
                Ok((joined.finish(&document).map_err(join_err)?, done))
            })();
            if joined.is_err() {
                next.store(usize::MAX / 2, Ordering::Relaxed);
            }
            drop(rx);
            joined
        })
    }

    /// The distribution sheet of an event's letters: every delegate, then
    /// the other recipients.
    pub(super) fn event_sheet(
        &self,
        letters: &[LetterView],
        view: &EventView,
        preset: &Preset,
        ev: &crate::data::model::Event,
    ) -> SheetView {
        let mut rows: Vec<letters::SheetRow> = letters
            .iter()
            .map(|l| letters::SheetRow {
                to: if l.position.is_empty() {
                    format!("{} {}", l.salutation, l.name)
                } else {
                    format!("{} {} – {}", l.salutation, l.name, l.position)
                },
                what: if l.summons {
                    "Giấy triệu tập"
                } else {
                    "Giấy mời"
                }
                .to_string(),
                purpose: String::new(),
                copies: 1,
            })
            .collect();
        rows.extend(letters::sheet_rows(
            &ev.invitation.recipients,
            preset,
            "Giấy mời",
        ));
        SheetView {
            document: format!(
                "Giấy mời {}, ngày {}: {}",
                lower_first(&view.header.number),
                preset.date_short(ev.invitation.date),
                ev.title
            ),
            rows,
            copies: 0,
            author: view.author.clone(),
            header: view::HeaderView {
                number: String::new(),
                ..view.header.clone()
            },
            first: true,
            last: true,
            offset: 0,
            glyphs: String::new(),
        }
    }
}
