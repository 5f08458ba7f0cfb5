//! Flags, defined once with their help text (clap derive). Nothing below the
//! CLI sees clap: `scan.rs`/`eval.rs` turn these into library parameters.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Turn photos of business cards into contacts, fully offline.
#[derive(Debug, Parser)]
#[command(name = "cardscan", version, about, long_about = None)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan card images and print their contacts (vCard by default).
    ///
    /// Examples:
    ///   cardscan scan card.jpg
    ///   cardscan scan --format json *.jpg > contacts.jsonl
    ///   cardscan scan --lang por+eng --region BR cartao.jpg -o cartao.vcf
    ///   cardscan scan --format csv *.jpg -o contacts.csv
    ///   cardscan scan card.jpg --qr contact.png
    ///   cardscan scan card.jpg --qr -
    #[command(verbatim_doc_comment)]
    Scan(ScanArgs),
    /// Score the scanner on labelled cards (per-field precision/recall/F1).
    ///
    /// Labels follow the LABELS.md format: a JSON array with one object per
    /// image. Examples:
    ///   cardscan eval fixtures/clean
    ///   cardscan eval photos/ --labels photos/labels.json --per-card
    #[command(verbatim_doc_comment)]
    Eval(EvalArgs),
    /// Convert whole folders of cards: parallel, resumable, duplicates merged.
    ///
    /// Finds images recursively by content (hidden files skipped), scans them
    /// with --jobs engines, and writes one vCard 3.0 file with a contact per
    /// person, in sorted input order. With --report, each card is recorded
    /// (JSON Lines) the moment it finishes, so after a crash or Ctrl-C,
    /// --resume scans only what is missing. Exit code: 0 all cards read,
    /// 1 some failed, 2 usage error, 130 interrupted.
    ///
    /// Examples:
    ///   cardscan batch cards/ -o contacts.vcf --report report.jsonl
    ///   cardscan batch cards/ -o contacts.vcf --report report.jsonl --resume
    ///   cardscan batch a/ b/ --out-dir vcards/ --jobs 4 > all.vcf
    ///   cardscan batch archive/ --shard 3/8 -o part-3.vcf --report part-3.jsonl
    ///   cardscan batch cards/ -o contacts.vcf --csv contacts.csv
    #[command(verbatim_doc_comment)]
    Batch(BatchArgs),
    /// Upload a .vcf to a CardDAV address book, one resource per contact.
    ///
    /// Each contact is stored as UID.vcf and is never silently replaced:
    /// one already on the server is left as it is unless --update is given.
    /// The password comes from CARDSCAN_CARDDAV_PASSWORD or a prompt.
    /// Contacts that could not be uploaded are saved to FILE.unsent.vcf
    /// (see --unsent) to push again. Example:
    ///   CARDSCAN_CARDDAV_PASSWORD=... cardscan push contacts.vcf \
    ///       --url https://dav.example/jane/contacts/ --user jane
    #[cfg(feature = "carddav")]
    #[command(verbatim_doc_comment)]
    Push(PushArgs),
}

/// CardDAV options shared by `push` and `scan --carddav`.
#[cfg(feature = "carddav")]
#[derive(Debug, Clone, clap::Args)]
pub struct DavOpts {
    /// The address book's URL (https://dav.example/USER/contacts/).
    #[arg(skip)]
    pub url: Option<String>,
    /// CardDAV user name (the password is read from
    /// CARDSCAN_CARDDAV_PASSWORD, else asked for).
    #[arg(long)]
    pub user: Option<String>,
    /// Replace contacts already on the server (matched by UID, with the
    /// server's ETag so a change made there meanwhile is not overwritten).
    #[arg(long)]
    pub update: bool,
    /// Where to save the contacts that could not be uploaded.
    /// Default: FILE.unsent.vcf beside the input (push), cardscan.unsent.vcf (scan).
    #[arg(long, value_name = "FILE")]
    pub unsent: Option<PathBuf>,
}

/// `--carddav URL` on `scan` and `batch`.
#[cfg(feature = "carddav")]
#[derive(Debug, Clone, clap::Args)]
pub struct UploadOpts {
    /// Also upload the contacts to this CardDAV address book once every
    /// card is read (with --user; see `cardscan push --help`).
    #[arg(long, value_name = "URL", requires = "user")]
    pub carddav: Option<String>,
    #[command(flatten)]
    pub dav: DavOpts,
}

#[cfg(feature = "carddav")]
#[derive(Debug, clap::Args)]
pub struct PushArgs {
    /// The .vcf file (one or many contacts).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The address book's URL.
    #[arg(long, value_name = "URL")]
    pub url: String,
    #[command(flatten)]
    pub dav: DavOpts,
}

/// Options shared by every command that runs OCR.
#[derive(Debug, clap::Args)]
pub struct OcrOpts {
    /// Tesseract languages, joined by '+'; the first matters most
    /// (eng, por, spa, deu, fra, ita, jpn ...).
    #[arg(long, default_value = "eng", value_parser = parse_lang)]
    pub lang: String,
    /// Country for phone numbers printed without +CC (ISO code: US, GB, BR,
    /// DE ...). Default: inferred from the card.
    #[arg(long, value_parser = parse_region)]
    pub region: Option<String>,
    /// Keep ALL-CAPS names as printed instead of "Chris Salcedo".
    #[arg(long)]
    pub keep_case: bool,
    /// Read the whole frame: skip looking for the card's outline (flatbed scans).
    #[arg(long)]
    pub whole_frame: bool,
    /// Trust the image's orientation: skip detecting 90/180/270° turns and
    /// levelling tilted text.
    #[arg(long)]
    pub no_orient: bool,
    /// Show the OCR engine's own messages.
    #[arg(long, short)]
    pub verbose: bool,
}

#[derive(Debug, clap::Args)]
pub struct ScanArgs {
    /// Card images (JPEG, PNG, TIFF, WebP, BMP).
    #[arg(required = true, value_name = "IMAGE")]
    pub images: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Vcard)]
    pub format: Format,
    /// CSV columns: google (Google Contacts import) or outlook.
    #[arg(long, value_enum, default_value_t = CsvDialect::Google)]
    pub csv_dialect: CsvDialect,
    /// vCard version: 3 (every phone imports it) or 4 (RFC 6350).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u8).range(3..=4))]
    pub vcard_version: u8,
    /// Write to FILE instead of stdout (atomically; see --force).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite FILE if it exists.
    #[arg(long)]
    pub force: bool,
    /// Add a note "Scanned from FILE on DATE"; --note=ocr also adds the OCR
    /// text.
    #[arg(long, value_enum, num_args = 0..=1, require_equals = true,
          default_missing_value = "scan", value_name = "WHAT")]
    pub note: Option<NoteMode>,
    /// Embed the flattened card image in the vCard (JPEG, at most 100 KB),
    /// so the contact shows the card it came from.
    #[arg(long)]
    pub photo: bool,
    /// Also write the contact as a QR code a phone camera imports: a PNG
    /// FILE, or "-" to draw it in the terminal instead of printing the
    /// contact. One image only. A vCard too large for a QR code loses NOTE
    /// and PHOTO, then becomes a MECARD (with a warning).
    #[arg(long, value_name = "FILE")]
    pub qr: Option<PathBuf>,
    #[cfg(feature = "carddav")]
    #[command(flatten)]
    pub upload: UploadOpts,
    /// Write each card's prepared image and OCR result into DIR.
    #[arg(long, value_name = "DIR")]
    pub debug_dir: Option<PathBuf>,
    #[command(flatten)]
    pub ocr: OcrOpts,
}

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Folder holding the labelled images.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Labels file. Default: DIR/labels.json.
    #[arg(long, value_name = "LABELS.json")]
    pub labels: Option<PathBuf>,
    /// List each card's misses (expected vs predicted).
    #[arg(long)]
    pub per_card: bool,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Also write every prediction as JSON Lines to FILE.
    #[arg(long, value_name = "FILE")]
    pub predictions: Option<PathBuf>,
    /// Parallel OCR engines. Default: the number of cores.
    #[arg(long, short)]
    pub jobs: Option<usize>,
    /// Use each label's `region` for phone numbers, as if the user had passed
    /// --region for that card.
    #[arg(long)]
    pub label_hints: bool,
    #[command(flatten)]
    pub ocr: OcrOpts,
}

#[derive(Debug, clap::Args)]
pub struct BatchArgs {
    /// Folders to search recursively for card images, or image files.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Write the contacts (vCard 3.0) to FILE instead of stdout; it appears
    /// only when the run is complete.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Record every card in FILE (JSON Lines) as it finishes: its contact or
    /// error, plus the file's size and mtime for --resume. A finished run
    /// rewrites it in input order with a summary line.
    #[arg(long, short, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Also write the contacts as CSV to FILE (see --csv-dialect).
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// CSV columns: google (Google Contacts import) or outlook.
    #[arg(long, value_enum, default_value_t = CsvDialect::Google)]
    pub csv_dialect: CsvDialect,
    /// Also write one .vcf per contact into DIR, mirroring the input folders
    /// (cards/a/IMG_1.jpg -> DIR/a/IMG_1.vcf).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Parallel OCR engines. Default: the number of cores.
    #[arg(long, short, value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: Option<u16>,
    /// Overwrite existing output files and start a new report.
    #[arg(long)]
    pub force: bool,
    /// Continue an interrupted run: skip the cards already in --report (same
    /// path, size and modification time) and rebuild the outputs.
    #[arg(long, requires = "report", conflicts_with = "force")]
    pub resume: bool,
    /// Process only the K-th of N disjoint slices of the files (by a stable
    /// hash of their path relative to PATH), to spread an archive over
    /// machines; K counts from 1.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<cardscan::batch::Shard>,
    /// Keep duplicate cards (same email, or same phone and similar name) as
    /// separate contacts.
    #[arg(long)]
    pub no_merge: bool,
    /// No progress and no summary on stderr (errors are still printed).
    #[arg(long, short)]
    pub quiet: bool,
    #[cfg(feature = "carddav")]
    #[command(flatten)]
    pub upload: UploadOpts,
    #[command(flatten)]
    pub ocr: OcrOpts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// vCard (3.0 unless --vcard-version 4).
    Vcard,
    /// One JSON object per card (JSON Lines for several).
    Json,
    /// A CSV table, one row per card (see --csv-dialect).
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NoteMode {
    /// Only "Scanned from FILE on DATE".
    Scan,
    /// That line, then the card's OCR text.
    Ocr,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CsvDialect {
    /// Google Contacts' import columns; several values joined by " ::: ".
    Google,
    /// Outlook's columns, UTF-8 with a byte-order mark.
    Outlook,
}

fn parse_lang(s: &str) -> Result<String, String> {
    let ok = !s.is_empty()
        && s.split('+').all(|l| {
            !l.is_empty() && l.len() <= 16 && l.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        });
    if ok {
        Ok(s.to_string())
    } else {
        Err(format!(
            "'{s}' is not a Tesseract language list (e.g. eng or por+eng)"
        ))
    }
}

fn parse_shard(s: &str) -> Result<cardscan::batch::Shard, String> {
    s.parse()
}

fn parse_region(s: &str) -> Result<String, String> {
    let up = s.to_ascii_uppercase();
    let up = if up == "UK" { "GB".to_string() } else { up };
    if up.parse::<phonenumber::country::Id>().is_ok() {
        Ok(up)
    } else {
        Err(format!(
            "'{s}' is not a two-letter country code (e.g. US, GB, BR)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_defaults() {
        let a = Args::try_parse_from(["cardscan", "scan", "a.jpg"]).unwrap();
        let Command::Scan(s) = a.command else {
            panic!()
        };
        assert_eq!(s.format, Format::Vcard);
        assert_eq!(s.vcard_version, 3);
        assert_eq!(s.csv_dialect, CsvDialect::Google);
        assert_eq!(s.ocr.lang, "eng");
        assert_eq!(s.ocr.region, None);
    }

    #[test]
    fn region_is_checked_and_normalised() {
        let a = Args::try_parse_from(["cardscan", "scan", "--region", "uk", "a.jpg"]).unwrap();
        let Command::Scan(s) = a.command else {
            panic!()
        };
        assert_eq!(s.ocr.region.as_deref(), Some("GB"));
        assert!(Args::try_parse_from(["cardscan", "scan", "--region", "XX", "a.jpg"]).is_err());
    }

    #[test]
    fn note_takes_an_optional_attached_value() {
        let note = |argv: &[&str]| {
            let Command::Scan(s) = Args::try_parse_from(argv).unwrap().command else {
                panic!()
            };
            (s.note, s.images.len())
        };
        assert_eq!(note(&["cardscan", "scan", "a.jpg"]), (None, 1));
        // A bare --note does not swallow the image after it.
        assert_eq!(
            note(&["cardscan", "scan", "--note", "a.jpg"]),
            (Some(NoteMode::Scan), 1)
        );
        assert_eq!(
            note(&["cardscan", "scan", "--note=ocr", "a.jpg"]),
            (Some(NoteMode::Ocr), 1)
        );
        assert!(Args::try_parse_from(["cardscan", "scan", "--note=all", "a.jpg"]).is_err());
    }

    #[test]
    fn batch_flags() {
        let a = Args::try_parse_from([
            "cardscan", "batch", "d", "e", "-j", "3", "--shard", "2/4", "-r", "r.jsonl", "--resume",
        ])
        .unwrap();
        let Command::Batch(b) = a.command else {
            panic!()
        };
        assert_eq!(b.paths.len(), 2);
        assert_eq!(b.jobs, Some(3));
        assert_eq!(b.shard.unwrap().to_string(), "2/4");
        assert!(b.resume && !b.force && !b.no_merge);
        for argv in [
            &["cardscan", "batch"][..],
            &["cardscan", "batch", "d", "--resume"],
            &["cardscan", "batch", "d", "-r", "r", "--resume", "--force"],
            &["cardscan", "batch", "d", "--shard", "5/4"],
            &["cardscan", "batch", "d", "--jobs", "0"],
        ] {
            assert!(Args::try_parse_from(argv).is_err(), "{argv:?}");
        }
    }

    #[test]
    fn bad_values_are_usage_errors() {
        for argv in [
            &["cardscan", "scan"][..],
            &["cardscan", "scan", "--lang", "eng;rm", "a.jpg"],
            &["cardscan", "scan", "--vcard-version", "2", "a.jpg"],
            &["cardscan", "scan", "--format", "xml", "a.jpg"],
            &["cardscan", "scan", "--csv-dialect", "excel", "a.jpg"],
        ] {
            assert!(Args::try_parse_from(argv).is_err(), "{argv:?}");
        }
    }
}
