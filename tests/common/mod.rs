//! Helpers shared by integration tests (`mod common;` in each test file).

use cardscan::contact::{Phone, PhoneKind};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A phone as printed: `raw` is the number itself.
pub fn phone(number: &str, kind: PhoneKind, extension: Option<&str>) -> Phone {
    Phone {
        number: number.into(),
        kind,
        raw: number.into(),
        extension: extension.map(Into::into),
    }
}

/// Every card of a vCard file as Python vobject reads it
/// (scripts/check_vcard.py prints them as JSON).
pub fn vobject_read(python: &Path, vcf: &str) -> Vec<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/check_vcard.py");
    let mut child = Command::new(python)
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run check_vcard.py");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(vcf.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "check_vcard.py failed: {}\n{vcf}",
        String::from_utf8_lossy(&out.stderr)
    );
    match serde_json::from_slice(&out.stdout).unwrap() {
        Value::Array(cards) => cards,
        other => panic!("not a list: {other}"),
    }
}

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
