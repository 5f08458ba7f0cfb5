//! `cardscan batch`: whole folders of cards → one contacts file, a report and
//! optional per-card files.
//!
//! Flow: walk (sorted) → `--shard` slice → `--resume` skips → a rayon pool of
//! `--jobs` workers, each with its own engine, created once → results over a
//! channel to ONE writer (this thread), which appends and flushes the report
//! line, prints errors and ticks the progress → at the end, duplicates are
//! merged and every output is written to a temporary file and renamed.
//!
//! Ordering: while running, the report is in completion order (each line is
//! on disk the moment its card finishes: that is what makes a run
//! resumable); a finished run rewrites it in input order. The contacts are
//! assembled at the end in input order. So the outputs are identical
//! whatever `--jobs`. Only contacts (small) are kept in memory: each worker
//! decodes one image at a time and drops it.

use super::args::{BatchArgs, CsvDialect};
use super::messages;
use super::progress::Progress;
use super::scan::scan_params;
use super::write::Sink;
use anyhow::{Context, Result, bail};
use cardscan::batch::report::{self, CardResult, Entry};
use cardscan::batch::{Input, Stamp, find_images, group_duplicates, merge_group};
use cardscan::output::{csv, vcard};
use cardscan::{Contact, Scanner};
use rayon::prelude::*;
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

/// Set by the first Ctrl-C: no new card is started.
static STOP: AtomicBool = AtomicBool::new(false);

/// How many failed files the summary names before "…".
const SUMMARY_NAMES: usize = 5;

pub fn run(args: BatchArgs) -> Result<ExitCode> {
    let found = find_images(&args.paths).map_err(anyhow::Error::msg)?;
    for w in &found.warnings {
        messages::error(w);
    }
    let mut inputs = found.inputs;
    if let Some(shard) = args.shard {
        inputs.retain(|i| shard.contains(&i.rel));
    }
    if inputs.is_empty() && args.shard.is_none() {
        bail!("no images found in {}", join_paths(&args.paths));
    }
    let sources: Vec<String> = inputs
        .iter()
        .map(|i| i.path.display().to_string())
        .collect();

    // Every output is checked before any scanning time is spent.
    let overwrite = args.force || args.resume;
    let previous = match &args.report {
        Some(p) if p.exists() => {
            if p.is_dir() {
                bail!("{}: is a directory", p.display());
            }
            if args.resume {
                let text = std::fs::read_to_string(p)
                    .with_context(|| format!("{}: cannot read report", p.display()))?;
                report::read(&text)
            } else if args.force {
                Vec::new()
            } else {
                bail!(
                    "{}: already exists (use --resume to finish that run, or --force to start over)",
                    p.display()
                );
            }
        }
        _ => Vec::new(),
    };
    let mut sink = Sink::open(args.output.as_deref(), overwrite)?;
    let csv_sink = match &args.csv {
        Some(p) => Some(Sink::open(Some(p), overwrite)?),
        None => None,
    };
    let out_files = match &args.out_dir {
        Some(dir) => plan_out_dir(dir, &inputs, overwrite)?,
        None => Vec::new(),
    };
    let mut report_file = match &args.report {
        Some(p) => Some(open_report(p, args.resume)?),
        None => None,
    };

    // --resume: a card is done when the report has it with the same stamp.
    let stamps: Vec<Option<Stamp>> = inputs
        .iter()
        .map(|i| Stamp::of_path(&i.path).ok())
        .collect();
    let mut results: Vec<Option<CardResult>> = vec![None; inputs.len()];
    let mut latest: HashMap<&str, &Entry> = HashMap::new();
    for e in &previous {
        latest.insert(e.source.as_str(), e);
    }
    for (i, source) in sources.iter().enumerate() {
        if let Some(e) = latest.get(source.as_str())
            && e.stamp.is_some()
            && e.stamp == stamps[i]
        {
            results[i] = Some(e.result.clone());
        }
    }
    let input_set: HashSet<&str> = sources.iter().map(String::as_str).collect();
    // Report lines for files not among this run's inputs are kept as they are.
    let foreign: Vec<&Entry> = previous
        .iter()
        .filter(|e| !input_set.contains(e.source.as_str()))
        .filter(|e| {
            latest
                .get(e.source.as_str())
                .is_some_and(|l| std::ptr::eq(*l, *e))
        })
        .collect();
    let pending: Vec<usize> = (0..inputs.len())
        .filter(|&i| results[i].is_none())
        .collect();
    let resumed = inputs.len() - pending.len();

    let mut progress = Progress::new(pending.len() as u64, args.quiet);
    if args.resume {
        progress.info(&format!(
            "resuming: {resumed} of {} cards already done, {} to go",
            inputs.len(),
            pending.len()
        ));
    }
    if !pending.is_empty() {
        let params = scan_params(&args.ocr);
        let jobs = args
            .jobs
            .map(usize::from)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .clamp(1, pending.len());
        // Every worker's engine (~55 ms each) starts at once, beside
        // extraction's tables (~50 ms), so no core idles while another
        // starts up. The first error (a missing language pack ...) stops the
        // batch before any card rather than failing every card.
        let engines: Vec<Mutex<Option<Scanner>>> = std::thread::scope(|s| {
            s.spawn(cardscan::extract::warm_up);
            let starts: Vec<_> = (0..jobs)
                .map(|_| s.spawn(|| Scanner::new(&params)))
                .collect();
            starts
                .into_iter()
                .map(|start| match start.join() {
                    Ok(engine) => Ok(Mutex::new(Some(engine?))),
                    Err(_) => bail!("the OCR engine failed to start"),
                })
                .collect::<Result<_>>()
        })?;
        let _ = ctrlc::set_handler(|| {
            // A second Ctrl-C quits at once; the report is already on disk.
            if STOP.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
        });
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .thread_name(|i| format!("cardscan-{i}"))
            .build()?;
        let (tx, rx) = mpsc::sync_channel::<(usize, CardResult)>(jobs * 2);
        let inputs_ref = &inputs;
        let engines_ref = &engines;
        let params_ref = &params;
        let pending_ref = &pending;
        std::thread::scope(|s| -> Result<()> {
            s.spawn(move || {
                pool.install(|| {
                    pending_ref.iter().par_bridge().for_each_with(tx, |tx, &i| {
                        if STOP.load(Ordering::SeqCst) {
                            return;
                        }
                        let slot = rayon::current_thread_index().unwrap_or(0) % engines_ref.len();
                        let mut engine = engines_ref[slot].lock().unwrap();
                        let r = scan_one(&mut engine, params_ref, &inputs_ref[i].path);
                        let _ = tx.send((i, r));
                    })
                })
            });
            // The one writer: report line on disk first, then the rest.
            let mut announced = false;
            loop {
                match rx.recv_timeout(Duration::from_millis(200)) {
                    Ok((i, result)) => {
                        if let (Some(f), Some(p)) = (report_file.as_mut(), &args.report) {
                            let line = report::card_line(&sources[i], stamps[i], &result);
                            let written = writeln!(f, "{line}").and_then(|_| f.sync_data());
                            if let Err(e) = written {
                                STOP.store(true, Ordering::SeqCst);
                                return Err(e).with_context(|| {
                                    format!("{}: cannot write report", p.display())
                                });
                            }
                        }
                        if let Err(e) = &result {
                            progress.error(e);
                        }
                        progress.tick(&inputs[i].rel);
                        results[i] = Some(result);
                    }
                    Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => return Ok(()),
                }
                if STOP.load(Ordering::SeqCst) && !announced {
                    announced = true;
                    progress.info(
                        "stopping: finishing the cards in progress (Ctrl-C again to quit now)",
                    );
                }
            }
        })?;
    }
    progress.finish();
    let done = results.iter().filter(|r| r.is_some()).count();
    if done < inputs.len() {
        // Interrupted: nothing is written over the outputs; the report holds
        // every finished card.
        let hint = match &args.report {
            Some(p) => format!(
                "{done} of {} cards are in {}; rerun the same command with --resume to finish",
                inputs.len(),
                p.display()
            ),
            None => "nothing was written (with --report, a run can be resumed)".to_string(),
        };
        messages::error(&format!("interrupted: {hint}"));
        return Ok(ExitCode::from(130));
    }
    let results: Vec<CardResult> = results.into_iter().map(|r| r.expect("all done")).collect();

    // Duplicates are merged over the whole set, in input order.
    let ok: Vec<usize> = (0..inputs.len()).filter(|&i| results[i].is_ok()).collect();
    let contacts: Vec<&Contact> = ok
        .iter()
        .map(|&i| results[i].as_ref().expect("ok"))
        .collect();
    let groups: Vec<Vec<usize>> = if args.no_merge {
        (0..contacts.len()).map(|k| vec![k]).collect()
    } else {
        group_duplicates(&contacts)
    };
    let failed: Vec<usize> = (0..inputs.len()).filter(|&i| results[i].is_err()).collect();
    let merged_into: HashMap<usize, usize> = groups
        .iter()
        .flat_map(|g| g[1..].iter().map(|&k| (ok[k], ok[g[0]])))
        .collect();
    let duplicates = merged_into.len();
    if let Some(p) = &args.report {
        let merges: Vec<Value> = groups
            .iter()
            .filter(|g| g.len() > 1)
            .map(|g| {
                let from: Vec<&str> = g[1..].iter().map(|&k| sources[ok[k]].as_str()).collect();
                json!({"into": sources[ok[g[0]]], "from": from})
            })
            .collect();
        // Streamed to a temporary file and renamed over the running report.
        let mut out = Sink::open(Some(p), true)?;
        for (i, r) in results.iter().enumerate() {
            let mut line = report::card_line(&sources[i], stamps[i], r);
            if let Some(&into) = merged_into.get(&i) {
                line = report::with_fields(
                    &line,
                    &[("merged_into", Value::from(sources[into].as_str()))],
                );
            }
            writeln!(out, "{line}")?;
        }
        for e in &foreign {
            writeln!(out, "{}", report::card_line(&e.source, e.stamp, &e.result))?;
        }
        let summary = json!({"summary": {
            "images": inputs.len(),
            "contacts": groups.len(),
            "duplicates_merged": duplicates,
            "failed": failed.len(),
            "merged": merges,
        }});
        writeln!(out, "{summary}")?;
        out.finish()?;
        // Unlocked only now that the finished report has replaced it.
        drop(report_file.take());
    }
    // The report first: a closed stdout (`| head`) must not cost it.
    let mut merged_contacts = Vec::with_capacity(groups.len());
    for g in &groups {
        let merged = merge_group(&contacts, g);
        sink.write_all(vcard::to_vcard(&merged, vcard::Version::V3).as_bytes())?;
        if let Some(dir) = &args.out_dir {
            let file = dir.join(&out_files[ok[g[0]]]);
            write_file(
                &file,
                &vcard::to_vcard(&merged, vcard::Version::V3),
                overwrite,
            )?;
        }
        merged_contacts.push(merged);
    }
    sink.finish()?;
    if let Some(mut out) = csv_sink {
        let dialect = match args.csv_dialect {
            CsvDialect::Google => csv::Dialect::Google,
            CsvDialect::Outlook => csv::Dialect::Outlook,
        };
        csv::write_contacts(&mut out, &merged_contacts, dialect)?;
        out.finish()?;
    }
    #[cfg(feature = "carddav")]
    let unsent = super::push::upload(&merged_contacts, &args.upload, vcard::Version::V3)?;
    #[cfg(not(feature = "carddav"))]
    let unsent = 0;

    if !args.quiet {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let mut line = format!(
            "{} → {}",
            plural(inputs.len(), "image"),
            plural(groups.len(), "contact")
        );
        if !args.no_merge {
            line.push_str(&format!(" ({} merged)", plural(duplicates, "duplicate")));
        }
        if !failed.is_empty() {
            let names: Vec<&str> = failed
                .iter()
                .take(SUMMARY_NAMES)
                .map(|&i| sources[i].as_str())
                .collect();
            let more = if failed.len() > SUMMARY_NAMES {
                ", …"
            } else {
                ""
            };
            line.push_str(&format!(
                ", {} failed: {}{more}",
                failed.len(),
                names.join(", ")
            ));
            if let Some(p) = &args.report {
                line.push_str(&format!(" (see {})", p.display()));
            }
        }
        messages::info(&line);
    }
    Ok(if failed.is_empty() && unsent == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Scans one card with this worker's engine (started on first use). A card
/// with no usable field is a failure; a panic is caught, reported as this
/// card's error, and the engine restarted.
fn scan_one(
    engine: &mut Option<Scanner>,
    params: &cardscan::ScanParams,
    path: &Path,
) -> CardResult {
    if engine.is_none() {
        *engine = Some(Scanner::new(params).map_err(|e| e.to_string())?);
    }
    let scanner = engine.as_mut().expect("engine started");
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| scanner.scan_file(path)));
    match caught {
        Ok(Ok(c)) if c.is_empty() => Err(format!("{}: no contact details found", path.display())),
        Ok(Ok(c)) => Ok(c),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => {
            *engine = None;
            Err(format!(
                "{}: internal error while scanning (please report it)",
                path.display()
            ))
        }
    }
}

/// The report, opened for appending (--resume) or started afresh.
fn open_report(path: &Path, resume: bool) -> Result<File> {
    let mut o = OpenOptions::new();
    o.create(true);
    if resume {
        o.append(true);
    } else {
        // Truncated only once locked (below).
        o.write(true);
    }
    let mut f = o
        .open(path)
        .with_context(|| format!("{}: cannot write report", path.display()))?;
    // Two runs appending to one report would interleave and then rename
    // over each other: the second one is refused.
    use std::os::fd::AsRawFd;
    // SAFETY: flock on a file descriptor we own; the lock lives as long as
    // the file is open.
    if unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
        bail!("{}: in use by another cardscan batch run", path.display());
    }
    if !resume {
        f.set_len(0)
            .with_context(|| format!("{}: cannot write report", path.display()))?;
    }
    // A line torn by a crash must not glue itself to the next one.
    if resume && f.metadata().is_ok_and(|m| m.len() > 0) {
        let text = std::fs::read(path).unwrap_or_default();
        if text.last() != Some(&b'\n') {
            writeln!(f).with_context(|| format!("{}: cannot write report", path.display()))?;
        }
    }
    Ok(f)
}

/// Per-card file names under `--out-dir`, one per input (relative path with
/// `.vcf` for its extension; the full file name when that would collide).
/// Checks that the folder is writable and, unless `overwrite`, that no file
/// would be replaced.
fn plan_out_dir(dir: &Path, inputs: &[Input], overwrite: bool) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: cannot create folder", dir.display()))?;
    tempfile::Builder::new()
        .prefix(".cardscan-")
        .tempfile_in(dir)
        .with_context(|| format!("{}: cannot write in folder", dir.display()))?;
    let mut taken = HashSet::new();
    let mut names = Vec::with_capacity(inputs.len());
    for (i, input) in inputs.iter().enumerate() {
        let rel = Path::new(&input.rel);
        let mut name = rel.with_extension("vcf");
        if !taken.insert(name.clone()) {
            name = PathBuf::from(format!("{}.vcf", input.rel));
            if !taken.insert(name.clone()) {
                name = PathBuf::from(format!("{}-{i}.vcf", input.rel));
                taken.insert(name.clone());
            }
        }
        if !overwrite && dir.join(&name).exists() {
            bail!(
                "{}: already exists (use --force to overwrite)",
                dir.join(&name).display()
            );
        }
        names.push(name);
    }
    Ok(names)
}

/// Writes a whole file atomically (temporary file + rename).
fn write_file(path: &Path, text: &str, overwrite: bool) -> Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("{}: cannot create folder", parent.display()))?;
    }
    let mut sink = Sink::open(Some(path), overwrite)?;
    sink.write_all(text.as_bytes())
        .with_context(|| format!("{}: cannot write", path.display()))?;
    sink.finish()
}

fn join_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_dir_names_mirror_folders_and_never_collide() {
        let dir = tempfile::tempdir().unwrap();
        let input = |rel: &str| Input {
            path: PathBuf::from("cards").join(rel),
            rel: rel.to_string(),
        };
        let inputs = [
            input("a/IMG_1.jpg"),
            input("a/IMG_1.png"),
            input("IMG_1.jpg"),
            input("IMG_1.jpg"),
            input("scan"),
        ];
        let names = plan_out_dir(dir.path(), &inputs, false).unwrap();
        let names: Vec<String> = names.iter().map(|n| n.display().to_string()).collect();
        assert_eq!(
            names,
            [
                "a/IMG_1.vcf",
                "a/IMG_1.png.vcf",
                "IMG_1.vcf",
                "IMG_1.jpg.vcf",
                "scan.vcf"
            ]
        );
        std::fs::write(dir.path().join("scan.vcf"), "x").unwrap();
        let err = plan_out_dir(dir.path(), &inputs, false).unwrap_err();
        assert!(
            err.to_string()
                .ends_with("scan.vcf: already exists (use --force to overwrite)")
        );
        assert!(plan_out_dir(dir.path(), &inputs, true).is_ok());
    }
}
