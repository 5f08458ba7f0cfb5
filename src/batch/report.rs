//! The batch report: JSON Lines, one line per input, appended and flushed as
//! each card finishes, so a run that is killed loses nothing it finished.
//!
//! A card line is the card's JSON (`output::json`: the contact, or
//! `{"source","error"}`) with the file's `size` and `mtime_ns` appended;
//! `--resume` skips an input when a line has the same `source`, size and
//! modification time. A finished run rewrites the report in input order and
//! ends it with a `{"summary":{...}}` line; duplicates merged into another
//! card carry `"merged_into":"SOURCE"`. Lines that do not parse (a line torn
//! by a crash) are ignored: that card is simply scanned again.

use crate::contact::Contact;
use crate::output::json;
use serde_json::Value;
use std::path::Path;
use std::time::UNIX_EPOCH;

/// What identifies a file's content cheaply: its size and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch (0 if unknown).
    pub mtime_ns: u64,
}

impl Stamp {
    /// The stamp of a file's metadata.
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as u64);
        Stamp {
            size: meta.len(),
            mtime_ns,
        }
    }

    /// The stamp of the file at `path`.
    pub fn of_path(path: &Path) -> std::io::Result<Stamp> {
        Ok(Stamp::of(&std::fs::metadata(path)?))
    }
}

/// One card's outcome: its contact, or the error message (which names the
/// file).
pub type CardResult = Result<Contact, String>;

/// A card line as read back from a report.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The input path, as in the contact's `source`.
    pub source: String,
    /// The file's stamp when it was scanned (`None` in lines without one).
    pub stamp: Option<Stamp>,
    /// The contact or the error.
    pub result: CardResult,
}

/// One card's report line (no trailing newline).
pub fn card_line(source: &str, stamp: Option<Stamp>, result: &CardResult) -> String {
    let object = match result {
        Ok(c) => json::to_json(c),
        Err(e) => json::error_json(source, e),
    };
    match stamp {
        Some(s) => with_fields(
            &object,
            &[
                ("size", Value::from(s.size)),
                ("mtime_ns", Value::from(s.mtime_ns)),
            ],
        ),
        None => object,
    }
}

/// Appends `"key":value` pairs to a one-line JSON object, keeping its keys
/// in their order.
pub fn with_fields(object: &str, fields: &[(&str, Value)]) -> String {
    let body = object.trim_end();
    let body = body.strip_suffix('}').unwrap_or(body);
    let mut out = body.to_string();
    for (key, value) in fields {
        if !out.ends_with('{') {
            out.push(',');
        }
        out.push_str(&Value::from(*key).to_string());
        out.push(':');
        out.push_str(&value.to_string());
    }
    out.push('}');
    out
}

/// Reads one report line: `None` for summary lines and lines that are not a
/// card (torn or foreign).
pub fn parse_line(line: &str) -> Option<Entry> {
    let value: Value = serde_json::from_str(line.trim()).ok()?;
    let object = value.as_object()?;
    if object.contains_key("summary") {
        return None;
    }
    let source = object.get("source")?.as_str()?.to_string();
    let stamp = match (object.get("size"), object.get("mtime_ns")) {
        (Some(s), Some(m)) => Some(Stamp {
            size: s.as_u64()?,
            mtime_ns: m.as_u64()?,
        }),
        _ => None,
    };
    let result = match object.get("error") {
        Some(e) => Err(e.as_str()?.to_string()),
        None => Ok(serde_json::from_value::<Contact>(value).ok()?),
    };
    Some(Entry {
        source,
        stamp,
        result,
    })
}

/// Reads every card line of a report, in file order (later lines for the
/// same source supersede earlier ones when the caller keys by source).
pub fn read(text: &str) -> Vec<Entry> {
    text.lines().filter_map(parse_line).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::jane;

    const STAMP: Stamp = Stamp {
        size: 1234,
        mtime_ns: 1_732_585_200_123_456_789,
    };

    #[test]
    fn card_lines_round_trip() {
        let ok = card_line("cards/jane.jpg", Some(STAMP), &Ok(jane()));
        assert!(!ok.contains('\n'));
        assert!(
            ok.ends_with(r#","size":1234,"mtime_ns":1732585200123456789}"#),
            "{ok}"
        );
        assert!(ok.starts_with(r#"{"source":"cards/jane.jpg","name":"#));
        let entry = parse_line(&ok).unwrap();
        assert_eq!(entry.source, "cards/jane.jpg");
        assert_eq!(entry.stamp, Some(STAMP));
        assert_eq!(entry.result, Ok(jane()));

        let err = card_line("b.jpg", Some(STAMP), &Err("b.jpg: not an image".into()));
        assert_eq!(
            err,
            r#"{"source":"b.jpg","error":"b.jpg: not an image","size":1234,"mtime_ns":1732585200123456789}"#
        );
        assert_eq!(
            parse_line(&err).unwrap().result,
            Err("b.jpg: not an image".into())
        );
    }

    #[test]
    fn summaries_torn_and_foreign_lines_are_skipped() {
        let good = card_line("a.png", Some(STAMP), &Ok(jane()));
        let torn = &good[..good.len() / 2];
        let text = format!(
            "{good}\n{torn}\n{{\"summary\":{{\"images\":1}}}}\n[1,2]\n\n{{\"source\":3}}\n"
        );
        let entries = read(&text);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].source, "cards/jane.jpg");
    }

    #[test]
    fn fields_are_appended_in_order() {
        assert_eq!(
            with_fields(
                r#"{"a":1}"#,
                &[("b", Value::from("x")), ("c", Value::from(2))]
            ),
            r#"{"a":1,"b":"x","c":2}"#
        );
        assert_eq!(with_fields("{}", &[("b", Value::from(1))]), r#"{"b":1}"#);
    }
}
