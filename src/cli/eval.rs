//! `cardscan eval`: scan every labelled image and score it.

use super::args::EvalArgs;
use super::messages::{self, Outcome};
use super::scan::scan_params;
use anyhow::Result;
use cardscan::eval::{self, Label};
use cardscan::output::json;
use cardscan::{Contact, Scanner};
use std::collections::HashMap;
use std::io::Write;
use std::sync::Mutex;

pub fn run(args: EvalArgs) -> Result<Outcome> {
    let labels_path = args
        .labels
        .clone()
        .unwrap_or_else(|| args.dir.join("labels.json"));
    let labels = eval::load_labels(&labels_path).map_err(anyhow::Error::msg)?;
    let base = scan_params(&args.ocr);
    // Fail early (missing language pack ...) rather than once per card.
    let first = Scanner::new(&base)?;
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, labels.len().max(1));

    // Workers take the next card from a shared queue; each has its own engine.
    let queue = Mutex::new(labels.iter().enumerate());
    let results: Mutex<Vec<(usize, Result<Contact, String>)>> = Mutex::new(Vec::new());
    let first = Mutex::new(Some(first));
    std::thread::scope(|s| -> Result<()> {
        let mut handles = Vec::new();
        for _ in 0..jobs {
            handles.push(s.spawn(|| -> Result<()> {
                let taken = first.lock().unwrap().take();
                let mut scanner = match taken {
                    Some(sc) => sc,
                    None => Scanner::new(&base)?,
                };
                loop {
                    let next = queue.lock().unwrap().next();
                    let Some((i, label)) = next else {
                        return Ok(());
                    };
                    let r = scan_one(&mut scanner, &args, &base, label);
                    results.lock().unwrap().push((i, r));
                }
            }));
        }
        for h in handles {
            h.join().expect("eval worker panicked")?;
        }
        Ok(())
    })?;
    let mut results = results.into_inner().unwrap();
    results.sort_by_key(|(i, _)| *i);

    if let Some(path) = &args.predictions {
        let mut out = super::write::Sink::open(Some(path), true)?;
        for (i, r) in &results {
            let line = match r {
                Ok(c) => json::to_json(c),
                Err(e) => json::error_json(&labels[*i].image, e),
            };
            writeln!(out, "{line}")?;
        }
        out.finish()?;
    }
    let failed = results.iter().filter(|(_, r)| r.is_err()).count();
    for (_, r) in &results {
        if let Err(e) = r {
            messages::error(e);
        }
    }
    let preds: HashMap<String, Result<Contact, String>> = results
        .into_iter()
        .map(|(i, r)| (labels[i].image.clone(), r))
        .collect();
    let report = eval::score(&labels, &preds);
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        if args.per_card {
            for card in &report.per_card {
                if let Some(e) = &card.error {
                    writeln!(out, "{}: error: {e}", card.image)?;
                } else if card.misses.is_empty() {
                    writeln!(out, "{}: ok", card.image)?;
                } else {
                    writeln!(out, "{}:", card.image)?;
                    for m in &card.misses {
                        writeln!(
                            out,
                            "  {:8} expected {:?}  got {:?}",
                            m.field, m.expected, m.predicted
                        )?;
                    }
                }
            }
        }
        write!(out, "{report}")?;
    }
    // Unreadable cards count in the table as cards without a prediction and
    // make the exit code 1, as in `scan`.
    Ok(Outcome {
        total: labels.len(),
        failed,
    })
}

fn scan_one(
    scanner: &mut Scanner,
    args: &EvalArgs,
    base: &cardscan::ScanParams,
    label: &Label,
) -> Result<Contact, String> {
    let region = if args.label_hints {
        label.region.clone().or(base.extract.region.clone())
    } else {
        base.extract.region.clone()
    };
    scanner.extract_params_mut().region = region;
    scanner
        .scan_file(&args.dir.join(&label.image))
        .map_err(|e| e.to_string())
}
