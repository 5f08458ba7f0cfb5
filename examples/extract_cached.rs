//! Re-runs extraction on cached OCR and scores it, without reading pixels:
//! a change to `src/extract/` is measurable in seconds.
//!
//! ```text
//! cargo run --release --example extract_cached -- DEBUG_DIR LABELS.json [--lang por+eng] [--quiet]
//! ```
//!
//! `DEBUG_DIR` holds `<stem>/4-ocr.json` (an [`OcrPage`]) per card, as written
//! by `cardscan scan --debug-dir`; `<stem>` is the image name without its
//! extension. Prints the per-card misses and the table of `cardscan eval`.

use cardscan::Contact;
use cardscan::eval;
use cardscan::extract::{ExtractParams, extract, region_for_lang};
use cardscan::ocr::OcrPage;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut pos: Vec<&str> = Vec::new();
    let mut lang = "por+eng".to_string();
    let mut quiet = false;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--lang" => {
                i += 1;
                lang = args.get(i).cloned().unwrap_or_default();
            }
            "--quiet" | "-q" => quiet = true,
            a => pos.push(a),
        }
        i += 1;
    }
    let [dir, labels] = pos[..] else {
        eprintln!("usage: extract_cached DEBUG_DIR LABELS.json [--lang por+eng] [--quiet]");
        std::process::exit(2);
    };
    let labels = eval::load_labels(Path::new(labels)).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    });
    let params = ExtractParams {
        region: None,
        lang_region: region_for_lang(&lang).map(str::to_string),
        keep_case: false,
    };
    let mut preds: HashMap<String, Result<Contact, String>> = HashMap::new();
    for label in &labels {
        let stem = Path::new(&label.image)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let path: PathBuf = Path::new(dir).join(&stem).join("4-ocr.json");
        let r = std::fs::read_to_string(&path)
            .map_err(|e| format!("{}: {e}", path.display()))
            .and_then(|t| serde_json::from_str::<OcrPage>(&t).map_err(|e| e.to_string()))
            .map(|page| extract(&page, &params));
        preds.insert(label.image.clone(), r);
    }
    let report = eval::score(&labels, &preds);
    if !quiet {
        for card in &report.per_card {
            if let Some(e) = &card.error {
                println!("{}: error: {e}", card.image);
            } else if card.misses.is_empty() {
                println!("{}: ok", card.image);
            } else {
                println!("{}:", card.image);
                for m in &card.misses {
                    println!(
                        "  {:8} expected {:?}  got {:?}",
                        m.field, m.expected, m.predicted
                    );
                }
            }
        }
    }
    print!("{report}");
}
