//! An event's outputs: worked out for every event at once, then made one
//! event after another (its letters, print file and sheet).

use crate::data::resolve::{Project, ResolvedEvent};
use crate::error::{Error, Problem, SourceFile};
use crate::letters::{EventView, LetterView, Letters};
use crate::output::{ManifestEntry, Part, Previous, Stage, StagedFile};
use crate::preset::Preset;
use crate::typeset::DocOptions;

use super::batch::{BatchJob, chunk_size};
use super::incremental::put;
use super::invitations::{EventBatch, print_layout};
use super::sheets::SheetPlan;
use super::{Engine, OutputKind, Summary, parallel_map, paths, progress_bar};

/// An event's outputs worked out, not yet made ([`Engine::prepare_event`]).
struct PreparedEvent<'e> {
    /// The preset, for A5 letters made smaller.
    preset: Preset,
    view: EventView,
    letters: Letters<'e>,
    /// Letters and a print file are wanted.
    invitations: bool,
    /// What each letter is made from (see [`Engine::batch_keys`]).
    keys: Vec<String>,
    slug: String,
    options: DocOptions,
    sheet: Option<SheetPlan<'e>>,
    /// The data file, where an error about the print file points.
    file: &'e SourceFile,
}

/// An event's sheet being made beside its letters, or kept.
enum SheetJob<'scope> {
    Kept(ManifestEntry),
    Making(
        String,
        std::thread::ScopedJoinHandle<'scope, Result<(StagedFile, Vec<Part>), Error>>,
    ),
}

/// An event's sheet, kept or made (its inputs, file and parts).
enum SheetOut {
    Kept(ManifestEntry),
    Made(String, StagedFile, Vec<Part>),
}

impl Engine {
    /// Letters, print files and sheets of every event, staged in order.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn events(
        &self,
        project: &Project,
        preset: &Preset,
        stage: &mut Stage,
        previous: &Previous,
        emit_typ: bool,
        progress: bool,
        only: &[OutputKind],
        names: &[String],
    ) -> Result<Summary, Error> {
        let wants = |k: OutputKind| only.is_empty() || only.contains(&k);
        let mut summary = Summary::default();
        let total: usize = project.events.iter().map(|e| e.delegates.len()).sum();
        // Every event is worked out first, on all cores, so that what a
        // rebuild keeps is known before anything is typeset.
        let prepared = parallel_map(&project.events, |event| {
            let name = names.get(event.index).map_or("", String::as_str);
            self.prepare_event(project, preset, event, only, name)
        });
        let bar = progress_bar(progress && wants(OutputKind::Invitations), total);
        for (event, prepared) in project.events.iter().zip(prepared) {
            self.stopped()?;
            self.event(
                event,
                prepared?,
                (stage, previous),
                emit_typ,
                &bar,
                &mut summary,
            )?;
        }
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        Ok(summary)
    }

    /// What an event's outputs are made from (its letters, their keys,
    /// its sheet cut into pages): the work of a rebuild that typesets
    /// nothing, done for every event at once, before any is made.
    fn prepare_event<'e>(
        &self,
        project: &'e Project,
        base_preset: &Preset,
        event: &'e ResolvedEvent,
        only: &[OutputKind],
        name: &str,
    ) -> Result<PreparedEvent<'e>, Error> {
        let wants = |k: OutputKind| only.is_empty() || only.contains(&k);
        let ev = &event.event;
        let preset = match ev.invitation.paper {
            crate::data::model::Paper::A4 => base_preset.clone(),
            crate::data::model::Paper::A5 => base_preset.for_a5(),
        };
        let view = self.event_view(project, &preset, event)?;
        let letters = Letters::new(&preset, event);
        let slug = name.to_string();
        let options = DocOptions {
            date: ev.invitation.date,
            source_name: crate::tr!("build-source-letters", name = &project.file.name),
            // The list, so a bad character is shown where it was typed.
            data: event.list.clone(),
            pdfa: project.data.pdfa,
        };
        let invitations = wants(OutputKind::Invitations);
        let keys = if invitations {
            let batch = EventBatch {
                letters: &letters,
                view: &view,
                preset: &preset,
                slug: &slug,
                title: &ev.title,
                print: print_layout(&ev.invitation),
                at: (&project.file, event.index),
            };
            self.batch_keys(&batch, &options)?
        } else {
            Vec::new()
        };
        let sheet = if wants(OutputKind::Recipients) {
            let (shell, rows) = self.event_sheet(letters.clone(), &view, &preset, ev);
            Some(self.sheet_plan(&preset, shell, rows, &options)?)
        } else {
            None
        };
        Ok(PreparedEvent {
            preset,
            view,
            letters,
            invitations,
            keys,
            slug,
            options,
            sheet,
            file: &project.file,
        })
    }

    /// Letters, print file and dispatch sheet of one event.
    #[allow(clippy::too_many_arguments)]
    fn event(
        &self,
        event: &ResolvedEvent,
        prepared: PreparedEvent<'_>,
        (stage, previous): (&mut Stage, &Previous),
        emit_typ: bool,
        bar: &Option<indicatif::ProgressBar>,
        summary: &mut Summary,
    ) -> Result<(), Error> {
        let ev = &event.event;
        let PreparedEvent {
            preset,
            view,
            letters,
            invitations,
            keys,
            slug,
            options,
            sheet,
            file,
        } = prepared;
        let preset = &preset;
        if emit_typ && !letters.is_empty() {
            let first: Vec<LetterView> = letters.iter().take(chunk_size(letters.len())).collect();
            let source = self.render_letters(preset, &view, &first)?;
            put(
                stage,
                previous,
                "typst-source",
                &paths::event_source(&slug),
                source.as_bytes(),
            )?;
        }
        let sheet_rel = paths::event_sheet(&slug);
        // The sheet is kept, or written to the stage as its pages come.
        let sheet = match sheet {
            None => None,
            Some(plan) => Some(match previous.unchanged(&sheet_rel, &plan.inputs) {
                Some(kept) => Err(kept),
                None => {
                    let file = stage.create(&sheet_rel)?;
                    Ok((plan, file))
                }
            }),
        };
        // The sheet is made alongside the letters: after a one-name edit
        // each has one page to typeset, on a core of its own.
        let made = std::thread::scope(|scope| -> Result<Option<SheetOut>, Error> {
            let sheet = sheet.map(|job| match job {
                Err(kept) => SheetJob::Kept(kept),
                Ok((plan, file)) => {
                    let (options, sheet_rel) = (&options, &sheet_rel);
                    let inputs = plan.inputs.clone();
                    SheetJob::Making(
                        inputs,
                        scope.spawn(move || {
                            self.sheet_pdf(preset, plan, options, previous, sheet_rel, file)
                        }),
                    )
                }
            });
            if invitations {
                let batch = EventBatch {
                    letters: &letters,
                    view: &view,
                    preset,
                    slug: &slug,
                    title: &ev.title,
                    print: print_layout(&ev.invitation),
                    at: (file, event.index),
                };
                let job = BatchJob {
                    batch: &batch,
                    keys: &keys,
                    options: &options,
                };
                self.batch(&job, bar, stage, previous)?;
                summary.letters += letters.len();
                summary.delegates += event.delegates.len();
                summary.summonses += letters.iter().filter(|l| l.summons).count();
                summary.print_files += 1;
            }
            sheet
                .map(|job| match job {
                    SheetJob::Kept(kept) => Ok(SheetOut::Kept(kept)),
                    SheetJob::Making(inputs, h) => h
                        .join()
                        .unwrap_or_else(|_| {
                            Err(Error::problem(Problem::error(crate::tr!(
                                "build-sheet-failed"
                            ))))
                        })
                        .map(|(file, parts)| SheetOut::Made(inputs, file, parts)),
                })
                .transpose()
        })?;
        match made {
            Some(SheetOut::Kept(kept)) => stage.keep(kept, None)?,
            Some(SheetOut::Made(inputs, file, parts)) => {
                stage.record("recipients", file, &inputs, parts)?
            }
            None => return Ok(()),
        }
        summary.sheets += 1;
        Ok(())
    }
}
