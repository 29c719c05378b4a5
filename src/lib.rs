//! vanban: YAML data → minijinja → Typst → PDF, for the paperwork of
//! Vietnamese Party committees and local government offices.
//!
//! One module per concern: [`data`] loads and validates input, [`view`]
//! computes what is printed, [`render`] runs minijinja, [`typeset`] is the
//! Typst world and compiler, [`output`] writes files and the manifest,
//! [`build`] ties them together, [`watch`] rebuilds on every save,
//! [`preview`] draws pages as images, [`cli`] is the command line.

pub mod build;
pub mod chars;
pub mod check;
pub mod cli;
pub mod data;
pub mod error;
pub mod fix;
pub mod fonts;
pub mod input;
pub mod lang;
pub mod letters;
pub mod output;
pub mod pdf;
pub mod preset;
pub mod preview;
pub mod render;
pub mod sign;
pub mod starter;
pub mod templates;
pub mod text;
pub mod typeset;
pub mod view;
pub mod watch;
