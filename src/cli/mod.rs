//! Command-line front end: parses flags, runs the library, reports errors as
//! `cardscan: FILE: reason` lines and maps the outcome to an exit code
//! (0 all well, 1 some inputs failed, 2 usage error or nothing could be done).

mod args;
mod batch;
mod eval;
mod messages;
mod progress;
#[cfg(feature = "carddav")]
mod push;
mod scan;
mod write;

use clap::Parser;
use std::process::ExitCode;

/// OpenMP reads `OMP_THREAD_LIMIT` when libgomp is loaded, i.e. before
/// `main` runs, so setting it now is too late for this process: re-execute
/// once with it set. Tesseract with OpenMP threads is 5–10x slower on small
/// machines. A user's own setting is respected.
pub fn limit_openmp_threads() {
    use std::os::unix::process::CommandExt;
    if std::env::var_os("OMP_THREAD_LIMIT").is_some() {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let err = std::process::Command::new(exe)
        .args(std::env::args_os().skip(1))
        .env("OMP_THREAD_LIMIT", "1")
        .exec();
    // exec only returns on failure: carry on with this process.
    let _ = err;
}

/// Parses the command line and runs it.
pub fn run() -> ExitCode {
    let args = match args::Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let outcome = match args.command {
        args::Command::Scan(a) => scan::run(a).map(|o| o.exit_code()),
        args::Command::Eval(a) => eval::run(a).map(|o| o.exit_code()),
        #[cfg(feature = "carddav")]
        args::Command::Push(a) => push::run(a).map(|o| o.exit_code()),
        args::Command::Batch(a) => batch::run(a),
    };
    match outcome {
        Ok(code) => code,
        Err(e) => {
            if messages::is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            messages::error(&format!("{e:#}"));
            ExitCode::from(2)
        }
    }
}
