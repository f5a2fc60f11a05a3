//! The `ironlaw` binary: parse the command line, run, map the result to an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = ironlaw::cli::Cli::parse();
    match ironlaw::app::run(cli) {
        Ok(exit) => ExitCode::from(exit as u8),
        Err(e) => {
            eprintln!("ironlaw: error: {e}");
            ExitCode::from(ironlaw::app::Exit::Error as u8)
        }
    }
}
