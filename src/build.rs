//! `vanban build`: data → view → Typst source → PDF, then every output is
//! written at once (nothing is written if anything failed).

use std::path::{Path, PathBuf};

use crate::data::{self, Loaded, model::DataFile};
use crate::error::{DataIssue, DataPath, Error, Problem};
use crate::output::{self, ManifestEntry, Output};
use crate::preset::Preset;
use crate::render::Renderer;
use crate::templates::Templates;
use crate::typeset::{DocOptions, Typesetter};
use crate::view;

/// What `vanban build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The YAML data file.
    pub data: PathBuf,
    /// Output folder.
    pub out: PathBuf,
    /// Folder whose files override the embedded templates.
    pub templates: Option<PathBuf>,
    /// Extra font folders.
    pub font_paths: Vec<PathBuf>,
    /// Also write the generated Typst source.
    pub emit_typ: bool,
}

/// The parts of a build that are set up once per run and reused for every
/// document: templates, fonts, the Typst library and the layout files.
pub struct Engine {
    templates: Templates,
    renderer: Renderer,
    typesetter: Typesetter,
}

impl Engine {
    /// Loads templates and fonts.
    pub fn new(templates: Templates, font_paths: &[PathBuf]) -> Result<Self, Error> {
        let renderer = Renderer::new(&templates)?;
        let paths: Vec<&Path> = font_paths.iter().map(PathBuf::as_path).collect();
        let typesetter = Typesetter::new(&templates, &paths)?;
        Ok(Self {
            templates,
            renderer,
            typesetter,
        })
    }

    /// Loads the preset named in the data; an unknown name points at the data.
    pub fn preset(&self, loaded: &Loaded<DataFile>) -> Result<Preset, Error> {
        let name = &loaded.data.preset;
        let file = self.templates.get(&format!("presets/{name}.yaml"))?;
        match file {
            Some(file) => Ok(data::parse::<Preset>(&file.name, &file.text)?.data),
            None => Err(data::locate_issues(
                &loaded.file,
                vec![DataIssue::new(
                    DataPath::new().key("preset"),
                    format!("there is no preset `{name}`"),
                    format!(
                        "available presets: {}",
                        self.templates.preset_names().join(", ")
                    ),
                )],
            )),
        }
    }

    /// Makes the generated Typst source of the document in `loaded`.
    pub fn document_source(
        &self,
        loaded: &Loaded<DataFile>,
        preset: &Preset,
    ) -> Result<String, Error> {
        let view = view::build(&loaded.data, preset, &loaded.file.name)
            .map_err(|issues| data::locate_issues(&loaded.file, issues))?;
        self.renderer.render("plan.typ.j2", &view)
    }

    /// Builds every output the data declares, in memory.
    pub fn outputs(&self, loaded: &Loaded<DataFile>, emit_typ: bool) -> Result<Vec<Output>, Error> {
        let preset = self.preset(loaded)?;
        let source = self.document_source(loaded, &preset)?;
        let doc = &loaded.data.document;
        let stem = match &doc.file {
            Some(f) => output::slug(f),
            None => output::slug(preset.types.get(&doc.kind).map_or(&doc.kind, |s| s)),
        };
        if stem.is_empty() {
            return Err(Error::problem(
                Problem::error("the output file name is empty")
                    .hint("set `document.file` to a name made of letters or digits"),
            ));
        }
        let pdf = self.typesetter.compile_pdf(
            &source,
            &DocOptions {
                date: doc.date,
                source_name: loaded.file.name.clone(),
                data: Some(loaded.file.clone()),
            },
            &preset.fonts,
        )?;
        let mut outputs = vec![Output {
            kind: "plan",
            name: format!("{stem}.pdf"),
            bytes: pdf,
        }];
        if emit_typ {
            outputs.push(Output {
                kind: "typst-source",
                name: format!("{stem}.typ"),
                bytes: source.into_bytes(),
            });
        }
        Ok(outputs)
    }
}

/// Runs `vanban build`; returns the manifest entries written.
pub fn run(opts: &BuildOptions) -> Result<Vec<ManifestEntry>, Error> {
    let loaded = data::load::<DataFile>(&opts.data)?;
    let engine = Engine::new(Templates::new(opts.templates.clone()), &opts.font_paths)?;
    let outputs = engine.outputs(&loaded, opts.emit_typ)?;
    output::write_all(&opts.out, &outputs)
}
