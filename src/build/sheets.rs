//! Distribution sheets (Nơi nhận): cut into pages by measured row
//! heights, each page typeset on its own and joined.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use serde::Serialize;

use crate::error::{Error, Problem};
use crate::letters::{self, EventView, SheetView};
use crate::output::{self, Previous};
use crate::pdf;
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

/// A distribution sheet cut into pages, and what each is made from. Its
/// rows are made again when a page is typeset, not kept: an event of
/// 100,000 delegates has a sheet of 100,000 rows.
pub(super) struct SheetPlan<'a> {
    /// The sheet without its rows: header, title, total and glyphs.
    shell: SheetView,
    rows: letters::SheetRows<'a>,
    /// The rows of each page.
    pages: Vec<std::ops::Range<usize>>,
    /// What each page is made from.
    keys: Vec<String>,
    /// What the whole sheet is made from.
    pub(super) inputs: String,
}

impl SheetPlan<'_> {
    /// Page `k` as a sheet of its own, to typeset.
    fn part(&self, k: usize) -> SheetView {
        let range = self.pages[k].clone();
        SheetView {
            rows: range.clone().map(|i| self.rows.get(i)).collect(),
            first: k == 0,
            last: k + 1 == self.pages.len(),
            offset: range.start,
            header: self.shell.header.clone(),
            document: self.shell.document.clone(),
            author: self.shell.author.clone(),
            copies: self.shell.copies,
            glyphs: self.shell.glyphs.clone(),
        }
    }
}

impl Engine {
    /// The whole of a distribution sheet as one Typst source (for previews;
    /// the build typesets it in parts).
    pub fn sheet_source(&self, preset: &Preset, mut sheet: SheetView) -> Result<String, Error> {
        let rows = letters::SheetRows::listed(std::mem::take(&mut sheet.rows));
        sheet.copies = letters::total_copies(rows.iter());
        sheet.glyphs = self.sheet_glyphs(preset, &sheet, &rows)?;
        sheet.rows = rows.iter().collect();
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
    fn sheet_glyphs(
        &self,
        preset: &Preset,
        shell: &SheetView,
        rows: &letters::SheetRows,
    ) -> Result<String, Error> {
        let mut texts = letters::Repertoire::default();
        texts.add(&json(shell));
        texts.add(&json(preset));
        for row in rows.iter() {
            texts.add(&json(&row));
        }
        self.glyphs(texts, "sheet.typ.j2")
    }

    /// A distribution sheet (`shell`, with the rows `rows`) cut into pages
    /// ([`letters::sheet_pages`]), with what each page and the whole are
    /// made from: no typesetting yet, and one row in memory at a time.
    pub(super) fn sheet_plan<'a>(
        &self,
        preset: &Preset,
        mut shell: SheetView,
        rows: letters::SheetRows<'a>,
        options: &DocOptions,
    ) -> Result<SheetPlan<'a>, Error> {
        shell.rows.clear();
        shell.copies = letters::total_copies(rows.iter());
        shell.glyphs = self.sheet_glyphs(preset, &shell, &rows)?;
        let widths = self.typesetter.widths(&preset.fonts);
        let pages = letters::sheet_pages(rows.iter(), preset, &widths, &shell.document);
        let mut plan = SheetPlan {
            shell,
            rows,
            pages,
            keys: Vec::new(),
            inputs: String::new(),
        };
        // A page's key is its data and the preset (the templates are in
        // every key): only the pages that changed are rendered to Typst.
        let date = options.key();
        let style = json(preset);
        plan.keys = (0..plan.pages.len())
            .map(|k| self.inputs(&["sheet-page", &style, &json(&plan.part(k)), &date]))
            .collect();
        let mut all: Vec<&str> = vec!["recipients", &plan.shell.document];
        all.extend(plan.keys.iter().map(String::as_str));
        plan.inputs = self.inputs(&all);
        Ok(plan)
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
        let keys = &plan.keys;
        let count = plan.pages.len();
        // Which parts the last sheet has, from the manifest alone: its
        // pages are read while the new parts compile.
        let old_parts: std::collections::HashSet<output::manifest::Digest> = previous
            .parts(name)
            .map(|parts| parts.iter().map(|(inputs, _)| *inputs).collect())
            .unwrap_or_default();
        let todo: Vec<usize> = (0..count)
            .filter(|k| {
                output::manifest::Digest::from_hex(&keys[*k])
                    .is_none_or(|d| !old_parts.contains(&d))
            })
            .collect();
        let next = AtomicUsize::new(0);
        type Page = (pdf::PdfSplitter, std::ops::Range<usize>);
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
                let (tx, next, plan, todo) = (tx.clone(), &next, &plan, &todo);
                scope.spawn(move || {
                    while let Some(&k) = todo.get(next.fetch_add(1, Ordering::Relaxed)) {
                        let pdf = self
                            .render_sheet(preset, &plan.part(k))
                            .and_then(|source| {
                                self.typesetter.compile(&source, options, &preset.fonts)
                            })
                            .and_then(|doc| {
                                let printed = typeset::printed_pages(&doc);
                                let pdf = typeset::export(&doc, options, false)?;
                                pdf::PdfSplitter::new(&pdf)
                                    .map(|pdf| (pdf, printed))
                                    .ok_or_else(|| {
                                        Error::problem(Problem::error(crate::tr!(
                                            "build-sheet-unreadable"
                                        )))
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
                let mut joined = pdf::PdfJoiner::new(out).map_err(join_err)?;
                let mut made: BTreeMap<usize, Page> = BTreeMap::new();
                let mut done = Vec::with_capacity(count);
                let mut fresh = todo.iter().peekable();
                for (k, key) in keys.iter().enumerate() {
                    let pages = if fresh.next_if(|&&t| t == k).is_some() {
                        while !made.contains_key(&k) {
                            let Ok((got, page)) = rx.recv() else {
                                return Err(join_err(std::io::Error::other(crate::tr!(
                                    "build-sheet-page-missing"
                                ))));
                            };
                            made.insert(got, page?);
                        }
                        let Some((page, range)) = made.remove(&k) else {
                            continue;
                        };
                        let n = range.len();
                        // Without the glyph page.
                        joined
                            .push_pages(&page, range, &mut pdf::Shared::default())
                            .map(|_| n)
                    } else {
                        old.as_mut()
                            .and_then(|o| o.push(&mut joined, key))
                            .unwrap_or_else(|| {
                                Err(std::io::Error::other(crate::tr!(
                                    "build-sheet-old-page-gone"
                                )))
                            })
                    }
                    .map_err(join_err)?;
                    done.push(output::Part {
                        inputs: key.clone(),
                        pages,
                    });
                }
                Ok((joined.finish(&plan.shell.document).map_err(join_err)?, done))
            })();
            if joined.is_err() {
                next.store(usize::MAX / 2, Ordering::Relaxed);
            }
            drop(rx);
            joined
        })
    }

    /// The distribution sheet of an event's letters: every delegate, then
    /// The distribution sheet of an event's letters: every delegate, then
    /// the other recipients.
    pub(super) fn event_sheet<'a>(
        &self,
        letters: letters::Letters<'a>,
        view: &EventView,
        preset: &Preset,
        ev: &crate::data::model::Event,
    ) -> (SheetView, letters::SheetRows<'a>) {
        let rest = letters::sheet_rows(&ev.invitation.recipients, preset, "Giấy mời");
        let shell = SheetView {
            document: format!(
                "Giấy mời {}, ngày {}: {}",
                lower_first(&view.header.number),
                preset.date_short(ev.invitation.date),
                ev.title
            ),
            rows: Vec::new(),
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
        };
        (shell, letters::SheetRows::of_letters(letters, rest))
    }
}
