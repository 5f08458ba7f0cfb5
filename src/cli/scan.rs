//! `cardscan scan`: one engine, each image in turn, results to stdout or a file.

use super::args::{CsvDialect, Format, NoteMode, OcrOpts, ScanArgs};
use super::messages::{self, Outcome};
use super::write::Sink;
use anyhow::{Context, Result, bail};
use cardscan::output::{csv, extras, json, qr, vcard};
use cardscan::{Contact, ScanParams, Scanner};
use std::io::Write;
use std::path::Path;

/// Library parameters from the OCR flags.
pub fn scan_params(ocr: &OcrOpts) -> ScanParams {
    let mut params = ScanParams {
        lang: ocr.lang.clone(),
        verbose: ocr.verbose,
        ..Default::default()
    };
    params.extract.region = ocr.region.clone();
    params.extract.keep_case = ocr.keep_case;
    params.extract.lang_region = cardscan::extract::region_for_lang(&ocr.lang).map(str::to_string);
    params.preprocess.find_card = !ocr.whole_frame;
    params.orient = !ocr.no_orient;
    params.preprocess.deskew = !ocr.no_orient;
    params
}

pub fn run(args: ScanArgs) -> Result<Outcome> {
    if args.qr.is_some() && args.images.len() != 1 {
        bail!("--qr makes one code for one card: give one image");
    }
    let qr_to_terminal = args.qr.as_deref().is_some_and(|p| p.as_os_str() == "-");
    let mut qr_sink = match args.qr.as_deref() {
        Some(path) if !qr_to_terminal => Some(Sink::open(Some(path), args.force)?),
        _ => None,
    };
    // `--qr -` draws on stdout instead of the contact (unless -o is given).
    let mut sink = if qr_to_terminal && args.output.is_none() {
        Sink::Discard
    } else {
        Sink::open(args.output.as_deref(), args.force)?
    };
    let mut params = scan_params(&args.ocr);
    params.debug_stages = args.debug_dir.is_some();
    let mut scanner = Scanner::new(&params)?;
    let version = if args.vcard_version == 4 {
        vcard::Version::V4
    } else {
        vcard::Version::V3
    };
    // CSV needs every contact before its header (Google's numbered column
    // groups depend on the fullest card), so it is written at the end.
    let mut table: Vec<Contact> = Vec::new();
    // Contacts for --carddav, uploaded once every card is scanned.
    #[cfg(feature = "carddav")]
    let mut uploaded: Vec<Contact> = Vec::new();
    let today = extras::today_utc();
    let mut outcome = Outcome {
        total: args.images.len(),
        failed: 0,
    };
    for path in &args.images {
        let result = scanner.scan_file_detail(path);
        match result {
            Ok(detail) => {
                if let Some(dir) = &args.debug_dir {
                    write_debug(dir, path, &detail)?;
                }
                let photo = args
                    .photo
                    .then(|| extras::card_jpeg(&detail.upright(), extras::MAX_PHOTO_BYTES));
                let mut contact = detail.contact;
                if contact.is_empty() {
                    outcome.failed += 1;
                    messages::error(&format!("{}: no contact details found", path.display()));
                }
                contact.photo = photo;
                if let Some(mode) = args.note {
                    let file = path
                        .file_name()
                        .unwrap_or(path.as_os_str())
                        .to_string_lossy();
                    let ocr = (mode == NoteMode::Ocr).then_some(contact.text.as_str());
                    contact.note = Some(extras::scan_note(&file, &today, ocr));
                }
                if args.qr.is_some() && !contact.is_empty() {
                    write_qr(&contact, qr_sink.take())?;
                }
                #[cfg(feature = "carddav")]
                if args.upload.carddav.is_some() && !contact.is_empty() {
                    uploaded.push(contact.clone());
                }
                if args.format == Format::Csv {
                    if !contact.is_empty() {
                        table.push(contact);
                    }
                } else {
                    write_contact(&mut sink, &contact, args.format, version)?;
                }
            }
            Err(e) => {
                outcome.failed += 1;
                messages::error(&e.to_string());
                if args.format == Format::Json {
                    writeln!(
                        sink,
                        "{}",
                        json::error_json(&path.display().to_string(), &e.to_string())
                    )?;
                }
            }
        }
    }
    if args.format == Format::Csv {
        let dialect = match args.csv_dialect {
            CsvDialect::Google => csv::Dialect::Google,
            CsvDialect::Outlook => csv::Dialect::Outlook,
        };
        csv::write_contacts(&mut sink, &table, dialect)?;
    }
    sink.finish()?;
    #[cfg(feature = "carddav")]
    {
        outcome.failed += super::push::upload(&uploaded, &args.upload, version)?;
    }
    Ok(outcome)
}

fn write_contact(
    out: &mut impl Write,
    c: &Contact,
    format: Format,
    version: vcard::Version,
) -> Result<()> {
    match format {
        Format::Json => writeln!(out, "{}", json::to_json(c))?,
        Format::Vcard if !c.is_empty() => out.write_all(vcard::to_vcard(c, version).as_bytes())?,
        Format::Vcard | Format::Csv => {}
    }
    Ok(())
}

/// `--qr`: the code as a PNG into `sink`, or drawn on stdout without one.
fn write_qr(contact: &Contact, sink: Option<Sink>) -> Result<()> {
    let code = qr::contact_qr(contact)?;
    if !code.dropped.is_empty() {
        let what = match code.payload {
            qr::Payload::Mecard => "a MECARD",
            _ => "a vCard",
        };
        messages::warning(&format!(
            "the vCard is too large for a QR code: it holds {what} without {}",
            code.dropped.join(", ")
        ));
    }
    match sink {
        Some(mut file) => {
            code.write_png(&mut file)?;
            file.finish()?;
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(code.to_terminal().as_bytes())?;
            out.flush()?;
        }
    }
    Ok(())
}

/// `--debug-dir`: DIR/STEM/ holds each stage's image and `ocr.json`.
fn write_debug(dir: &Path, input: &Path, detail: &cardscan::scanner::ScanDetail) -> Result<()> {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let out = dir.join(stem);
    std::fs::create_dir_all(&out).with_context(|| format!("{}: cannot create", out.display()))?;
    for (name, image) in &detail.stages {
        let file = out.join(name);
        image
            .save(&file)
            .with_context(|| format!("{}: cannot write", file.display()))?;
    }
    let ocr = serde_json::to_string_pretty(&detail.page)?;
    let file = out.join("4-ocr.json");
    std::fs::write(&file, ocr).with_context(|| format!("{}: cannot write", file.display()))?;
    Ok(())
}
