//! Output formats: each turns contacts into bytes, one file per format.
//!
//! - [`vcard`]: vCard 3.0 (default) or 4.0, every card in one stream (`.vcf`).
//! - [`json`]: one JSON object per card, one per line (JSON Lines).
//! - [`csv`]: one table, a row per card, for Google Contacts or Outlook.
//! - [`extras`]: the note and card photo that `--note`/`--photo` add.
//! - [`qr`]: a contact as a QR code (PNG or terminal) a phone camera imports.
//! - `carddav` (feature `carddav`): upload to a CardDAV address book.
//!
//! [`write_results`] is what the CLI calls: it writes a batch of scan
//! results, where a failed card is its source and error message.

#[cfg(feature = "carddav")]
pub mod carddav;
pub mod csv;
pub mod extras;
pub mod json;
pub mod qr;
pub mod vcard;

use crate::contact::Contact;
use std::io::{self, Write};

/// An output format the CLI can pick.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputFormat {
    /// vCard, of the given version.
    Vcard(vcard::Version),
    /// JSON Lines: one object per card.
    #[default]
    Json,
}

/// One card's outcome: its contact, or `(source, error message)`.
pub type ScanResult = Result<Contact, (String, String)>;

/// Writes `results` to `out` in `format`.
///
/// JSON writes one line per result, the contact or
/// `{"source":..,"error":..}`. vCard writes every contact one after another
/// and skips failed cards (vCard has no way to say a card failed; the caller
/// reports those on stderr).
pub fn write_results<'a, I>(format: OutputFormat, results: I, out: &mut dyn Write) -> io::Result<()>
where
    I: IntoIterator<Item = &'a ScanResult>,
{
    for result in results {
        match (format, result) {
            (OutputFormat::Json, Ok(contact)) => writeln!(out, "{}", json::to_json(contact))?,
            (OutputFormat::Json, Err((source, error))) => {
                writeln!(out, "{}", json::error_json(source, error))?
            }
            (OutputFormat::Vcard(version), Ok(contact)) => {
                out.write_all(vcard::to_vcard(contact, version).as_bytes())?
            }
            (OutputFormat::Vcard(_), Err(_)) => {}
        }
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn results() -> Vec<ScanResult> {
        vec![
            Ok(Contact {
                source: Some("a.jpg".into()),
                org: Some("Acme".into()),
                ..Contact::default()
            }),
            Err(("b.jpg".into(), "no text found".into())),
            Ok(Contact {
                source: Some("c.jpg".into()),
                emails: vec!["c@example.org".into()],
                ..Contact::default()
            }),
        ]
    }

    #[test]
    fn json_lines_one_per_result() {
        let mut out = Vec::new();
        write_results(OutputFormat::Json, &results(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(text.ends_with('\n'));
        let values: Vec<serde_json::Value> = lines
            .iter()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(values[0]["org"], "Acme");
        assert_eq!(
            values[1],
            serde_json::json!({"source": "b.jpg", "error": "no text found"})
        );
        assert_eq!(values[2]["emails"][0], "c@example.org");
    }

    #[test]
    fn vcard_stream_skips_failures() {
        for version in [vcard::Version::V3, vcard::Version::V4] {
            let mut out = Vec::new();
            write_results(OutputFormat::Vcard(version), &results(), &mut out).unwrap();
            let text = String::from_utf8(out).unwrap();
            assert_eq!(text.matches("BEGIN:VCARD\r\n").count(), 2);
            assert!(text.contains("FN:Acme\r\n") && text.contains("FN:c@example.org\r\n"));
            assert!(!text.contains("b.jpg"));
        }
    }
}
