//! Helpers shared by integration tests (`mod common;` in each test file).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The test Python: `$CARDSCAN_PYTHON`, else the repo's `.venv`, else
/// `python3`, if it can import `modules` (e.g. `"radicale, vobject"`).
/// Otherwise `None` after a notice naming `what` is skipped, unless `CI` is
/// set: there a missing test tool is a failure, not a skip.
pub fn python_with(modules: &str, what: &str) -> Option<PathBuf> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let python = std::env::var_os("CARDSCAN_PYTHON")
        .map(PathBuf::from)
        .or_else(|| Some(repo.join(".venv/bin/python3")).filter(|p| p.exists()))
        .unwrap_or_else(|| PathBuf::from("python3"));
    let ok = Command::new(&python)
        .args(["-c", &format!("import {modules}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        return Some(python);
    }
    let message = format!(
        "{} cannot import {modules}; run scripts/setup.sh --test (it creates .venv \
         and installs them), or set CARDSCAN_PYTHON",
        python.display()
    );
    if std::env::var_os("CI").is_some() {
        panic!("{message}");
    }
    eprintln!("SKIPPED {what}: {message}");
    None
}
