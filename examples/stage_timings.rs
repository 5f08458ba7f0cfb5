//! Median time of each pipeline stage over repeated runs, for performance
//! notes (not a test: timings depend on the machine). The scanner reads the
//! whole frame only when the flattened card reads little; this times both.
//!
//! cargo run --release --example stage_timings -- IMAGE... [--runs N]

use cardscan::ocr::{Recognizer, TesseractRecognizer};
use cardscan::preprocess::{self, PreprocessParams};
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .map_or(Ok(7), |n| n.parse())?;
    let images: Vec<&String> = args
        .iter()
        .filter(|a| !a.starts_with("--") && a.parse::<u32>().is_err())
        .collect();
    let params = PreprocessParams::default();
    let t = Instant::now();
    let mut rec = TesseractRecognizer::new(&Default::default())?;
    println!("engine start {:?}", t.elapsed());
    println!(
        "{:36} {:>9} {:>10} {:>11} {:>9} {:>9} {:>6}",
        "image", "decode", "find+warp", "whole-frame", "qr", "ocr", "reads"
    );
    for path in images {
        let (mut dec, mut card, mut whole, mut qr, mut ocr) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut n = 0;
        for _ in 0..runs {
            let t = Instant::now();
            // Decoding to grey, as the scanner does (`load_gray`).
            let gray = preprocess::load_gray(path.as_ref(), &params)?;
            dec.push(t.elapsed());
            let t = Instant::now();
            let flat = preprocess::flatten_card(&gray, &params);
            card.push(t.elapsed());
            let t = Instant::now();
            let frame = preprocess::prepare_gray(gray, &params);
            whole.push(t.elapsed());
            let candidates: Vec<_> = flat.into_iter().chain([frame]).collect();
            // The scanner looks for QR codes once, on the card, on another
            // core while OCR runs: off the critical path with two cores.
            let t = Instant::now();
            preprocess::qr::decode(&candidates[0].image);
            qr.push(t.elapsed());
            n = candidates.len();
            let t = Instant::now();
            for c in &candidates {
                rec.recognize(c)?;
            }
            ocr.push(t.elapsed());
        }
        let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
        let name = std::path::Path::new(path)
            .file_name()
            .unwrap()
            .to_string_lossy();
        println!(
            "{name:36} {:>9} {:>10} {:>11} {:>9} {:>9} {n:>6}",
            ms(median(dec)),
            ms(median(card)),
            ms(median(whole)),
            ms(median(qr)),
            ms(median(ocr))
        );
    }
    Ok(())
}
