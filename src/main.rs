//! The `vanban` binary: parse arguments, run, set the exit code.

use clap::Parser;

fn main() {
    let cli = vanban::cli::Cli::parse();
    std::process::exit(vanban::cli::run(cli));
}
