//! Messages on stderr, one line each, prefixed `cardscan: `.

use std::io::Write;
use std::process::ExitCode;

/// Prints one error line: `cardscan: MESSAGE`, newlines folded so one error
/// is always one line.
pub fn error(msg: &str) {
    let one_line = msg
        .split(['\n', '\r'])
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let _ = writeln!(std::io::stderr().lock(), "cardscan: {one_line}");
}

/// Prints one warning line: `cardscan: warning: MESSAGE`.
pub fn warning(msg: &str) {
    error(&format!("warning: {msg}"));
}

/// How many inputs a command handled and how many failed.
#[derive(Debug, Default, Clone, Copy)]
pub struct Outcome {
    /// Inputs handled.
    pub total: usize,
    /// Inputs that failed.
    pub failed: usize,
}

impl Outcome {
    /// 0 when all went well, 2 when every input failed, 1 when some did.
    pub fn exit_code(self) -> ExitCode {
        if self.failed == 0 {
            ExitCode::SUCCESS
        } else if self.failed == self.total {
            ExitCode::from(2)
        } else {
            ExitCode::from(1)
        }
    }
}

/// A closed stdout (`cardscan scan *.jpg | head`) is not an error.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Prints an informational line (progress, summary): `cardscan: MESSAGE`.
pub fn info(msg: &str) {
    let _ = writeln!(std::io::stderr().lock(), "cardscan: {msg}");
}
