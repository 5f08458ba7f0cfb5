//! The `cardscan` binary: flag parsing and glue; the library does the work.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::limit_openmp_threads();
    cli::run()
}
