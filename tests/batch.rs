//! End-to-end tests of `cardscan batch`: a mixed folder gives exact outputs
//! whatever `--jobs`; a run stopped by Ctrl-C or killed is finished by
//! `--resume` with every card exactly once; outputs are never overwritten
//! without `--force`; a read-only output folder fails before any scanning;
//! `--shard` slices cover every file exactly once.
//!
//! Few, small clean cards keep this quick (~20 s on 2 cores).

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cardscan"));
    c.env("OMP_THREAD_LIMIT", "1");
    c
}

fn cardscan(args: &[&str], cwd: &Path) -> Output {
    bin()
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run cardscan")
}

fn clean(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/clean")
        .join(name)
}

fn copy(name: &str, to: &Path) {
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(clean(name), to).unwrap();
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The report's lines, parsed.
fn report(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// The `source` of every card line, in order.
fn sources(lines: &[Value]) -> Vec<String> {
    lines
        .iter()
        .filter_map(|l| l["source"].as_str().map(str::to_string))
        .collect()
}

/// The FN of every vCard, in order.
fn names(vcf: &str) -> Vec<String> {
    vcf.lines()
        .filter_map(|l| l.strip_prefix("FN:"))
        .map(str::to_string)
        .collect()
}

fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.push(p.strip_prefix(base).unwrap().display().to_string());
            }
        }
    }
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Good, corrupt, non-image, hidden, duplicate and nested files, and a
/// symlink loop.
fn mixed_folder(root: &Path) {
    let cards = root.join("cards");
    copy("us-01-twocol.png", &cards.join("a-jane.png"));
    copy("us-03-right.png", &cards.join("b-priya.png"));
    // The same card again, deeper, with no extension: found by content.
    copy("us-01-twocol.png", &cards.join("sub/deeper/IMG_0001"));
    copy("us-02-center.png", &cards.join("sub/c-robert.png"));
    let png = std::fs::read(clean("us-04-shop.png")).unwrap();
    std::fs::write(cards.join("sub/broken.png"), &png[..png.len() / 3]).unwrap();
    std::fs::write(cards.join("bad.jpg"), b"not a picture").unwrap();
    std::fs::write(cards.join("notes.txt"), b"call Jane back").unwrap();
    copy("us-05-vertical.png", &cards.join(".hidden.png"));
    copy("us-05-vertical.png", &cards.join(".thumbs/x.png"));
    std::os::unix::fs::symlink("..", cards.join("sub/loop")).unwrap();
}

#[cfg(feature = "tesseract")]
#[test]
fn mixed_folder_gives_exact_outputs_whatever_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    mixed_folder(d);
    let expected_sources = [
        "cards/a-jane.png",
        "cards/b-priya.png",
        "cards/bad.jpg",
        "cards/sub/broken.png",
        "cards/sub/c-robert.png",
        "cards/sub/deeper/IMG_0001",
    ];
    let mut outputs = Vec::new();
    for jobs in ["1", "2"] {
        let (vcf, rep, out_dir) = (
            format!("c{jobs}.vcf"),
            format!("r{jobs}.jsonl"),
            format!("v{jobs}"),
        );
        let out = cardscan(
            &[
                "batch",
                "cards",
                "-o",
                &vcf,
                "--report",
                &rep,
                "--out-dir",
                &out_dir,
                "--jobs",
                jobs,
            ],
            d,
        );
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(out.stdout.is_empty());
        assert!(
            err.contains(
                "cardscan: 6 images → 3 contacts (1 duplicate merged), 2 failed: \
                 cards/bad.jpg, cards/sub/broken.png (see "
            ),
            "{err}"
        );
        assert!(
            err.contains("cardscan: cards/bad.jpg: not an image"),
            "{err}"
        );
        assert!(
            err.contains("cardscan: cards/sub/broken.png: image is truncated"),
            "{err}"
        );
        assert!(err.contains("loop"), "the symlink loop is reported: {err}");

        let vcf = std::fs::read_to_string(d.join(&vcf)).unwrap();
        assert_eq!(
            names(&vcf),
            ["Jane Q. Doe", "Priya Raman", "Robert Hayes Jr."]
        );
        assert!(vcf.starts_with("BEGIN:VCARD\r\nVERSION:3.0\r\n"));

        let lines = report(&d.join(&rep));
        assert_eq!(sources(&lines), expected_sources);
        assert!(lines[2]["error"].as_str().unwrap().contains("not an image"));
        assert!(lines[3]["error"].as_str().unwrap().contains("truncated"));
        assert_eq!(lines[5]["merged_into"], "cards/a-jane.png");
        assert!(lines[0].get("merged_into").is_none());
        for l in &lines[..6] {
            assert!(l["size"].as_u64().unwrap() > 0 && l["mtime_ns"].as_u64().unwrap() > 0);
        }
        let summary = &lines[6]["summary"];
        assert_eq!(summary["images"], 6);
        assert_eq!(summary["contacts"], 3);
        assert_eq!(summary["failed"], 2);
        assert_eq!(summary["duplicates_merged"], 1);
        assert_eq!(summary["merged"][0]["into"], "cards/a-jane.png");
        assert_eq!(summary["merged"][0]["from"][0], "cards/sub/deeper/IMG_0001");

        assert_eq!(
            files_under(&d.join(&out_dir)),
            ["a-jane.vcf", "b-priya.vcf", "sub/c-robert.vcf"]
        );
        outputs.push((vcf, std::fs::read_to_string(d.join(&rep)).unwrap()));
    }
    assert_eq!(outputs[0], outputs[1], "--jobs 1 and 2 differ");

    // --csv: the same merged contacts as Google Contacts CSV rows.
    let out = cardscan(
        &["batch", "cards", "--quiet", "-o", "c.vcf", "--csv", "c.csv"],
        d,
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let csv = std::fs::read_to_string(d.join("c.csv")).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert!(
        rows[0].starts_with("First Name,Middle Name,Last Name,"),
        "{}",
        rows[0]
    );
    assert_eq!(rows.len(), 4, "{csv}");
    assert!(
        rows[1].contains("Jane") && rows[3].contains("Robert"),
        "{csv}"
    );

    // --no-merge keeps the duplicate; without -o the vCards go to stdout.
    let out = cardscan(&["batch", "cards", "--no-merge", "--quiet"], d);
    assert_eq!(out.status.code(), Some(1));
    let vcf = String::from_utf8(out.stdout.clone()).unwrap();
    assert_eq!(
        names(&vcf),
        [
            "Jane Q. Doe",
            "Priya Raman",
            "Robert Hayes Jr.",
            "Jane Q. Doe"
        ]
    );
    let err = stderr(&out);
    assert!(!err.contains("→"), "--quiet: no summary: {err}");
}

/// Waits until the report has at least `n` lines (or the child exits).
fn wait_for_lines(child: &mut std::process::Child, report: &Path, n: usize) {
    let start = Instant::now();
    loop {
        let lines = std::fs::read_to_string(report)
            .map(|t| t.lines().count())
            .unwrap_or(0);
        if lines >= n {
            return;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "cardscan ended before {n} cards were done"
        );
        assert!(start.elapsed() < Duration::from_secs(60), "too slow");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[cfg(feature = "tesseract")]
#[test]
fn resume_after_ctrl_c_and_kill_has_every_card_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cards = [
        "us-01-twocol.png",
        "us-02-center.png",
        "us-03-right.png",
        "us-05-vertical.png",
        "uk-01-left.png",
        "uk-05-right.png",
    ];
    for c in cards {
        copy(c, &d.join("in").join(c));
    }
    let args = [
        "batch", "in", "-o", "c.vcf", "--report", "r.jsonl", "--jobs", "1",
    ];
    let report_path = d.join("r.jsonl");

    // 1. Ctrl-C after two cards: a clean stop, exit 130, no contacts file.
    let mut child = bin()
        .args(args)
        .current_dir(d)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_lines(&mut child, &report_path, 2);
    // Meanwhile a second run on the same report is refused.
    let mut resume_args = args.to_vec();
    resume_args.push("--resume");
    let out = cardscan(&resume_args, d);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).trim(),
        "cardscan: r.jsonl: in use by another cardscan batch run"
    );
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(130), "{err}");
    assert!(
        err.contains("rerun the same command with --resume"),
        "{err}"
    );
    assert!(!d.join("c.vcf").exists());
    let first = sources(&report(&report_path));
    assert!((2..6).contains(&first.len()), "{first:?}");

    // 2. Resumed, then killed outright (a crash) one card later, and the
    //    last line torn as a crash mid-write would leave it.
    let mut child = bin()
        .args(&resume_args)
        .current_dir(d)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    wait_for_lines(&mut child, &report_path, first.len() + 1);
    child.kill().unwrap();
    child.wait().unwrap();
    let mut text = std::fs::read_to_string(&report_path).unwrap();
    text.push_str("{\"source\":\"in/uk-05-right.png\",\"na");
    std::fs::write(&report_path, text).unwrap();
    assert!(!d.join("c.vcf").exists());

    // 3. Resumed to the end: every card exactly once, in input order.
    let out = cardscan(&resume_args, d);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("resuming: "), "{err}");
    let lines = report(&report_path);
    let mut sorted: Vec<String> = cards.iter().map(|c| format!("in/{c}")).collect();
    sorted.sort();
    assert_eq!(sources(&lines), sorted);
    assert!(lines.last().unwrap().get("summary").is_some());
    let vcf = std::fs::read_to_string(d.join("c.vcf")).unwrap();
    assert_eq!(vcf.matches("BEGIN:VCARD").count(), 6, "{vcf}");
    let fns: BTreeSet<String> = names(&vcf).into_iter().collect();
    assert_eq!(fns.len(), 6, "{fns:?}");

    // 4. Resuming a finished run scans nothing and gives the same outputs.
    let before = (
        std::fs::read_to_string(d.join("c.vcf")).unwrap(),
        std::fs::read_to_string(&report_path).unwrap(),
    );
    let out = cardscan(&resume_args, d);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("resuming: 6 of 6 cards already done, 0 to go"));
    let after = (
        std::fs::read_to_string(d.join("c.vcf")).unwrap(),
        std::fs::read_to_string(&report_path).unwrap(),
    );
    assert_eq!(before, after);
}

#[cfg(feature = "tesseract")]
#[test]
fn outputs_are_not_overwritten_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy("us-01-twocol.png", &d.join("in/jane.png"));
    std::fs::write(d.join("c.vcf"), "keep me").unwrap();
    std::fs::write(d.join("r.jsonl"), "keep me too\n").unwrap();
    std::fs::create_dir(d.join("v")).unwrap();
    std::fs::write(d.join("v/jane.vcf"), "mine").unwrap();
    let refusals: [(&[&str], &str); 3] = [
        (
            &["-o", "c.vcf"],
            "cardscan: c.vcf: already exists (use --force to overwrite)",
        ),
        (
            &["--report", "r.jsonl"],
            "cardscan: r.jsonl: already exists (use --resume to finish that run, \
             or --force to start over)",
        ),
        (
            &["--out-dir", "v"],
            "cardscan: v/jane.vcf: already exists (use --force to overwrite)",
        ),
    ];
    for (extra, message) in refusals {
        let mut args = vec!["batch", "in"];
        args.extend(extra);
        let out = cardscan(&args, d);
        assert_eq!(out.status.code(), Some(2), "{extra:?}");
        assert_eq!(stderr(&out).trim(), message);
        assert!(out.stdout.is_empty());
    }
    assert_eq!(std::fs::read_to_string(d.join("c.vcf")).unwrap(), "keep me");
    assert_eq!(
        std::fs::read_to_string(d.join("r.jsonl")).unwrap(),
        "keep me too\n"
    );
    assert_eq!(
        std::fs::read_to_string(d.join("v/jane.vcf")).unwrap(),
        "mine"
    );
    let out = cardscan(
        &[
            "batch",
            "in",
            "-o",
            "c.vcf",
            "--report",
            "r.jsonl",
            "--out-dir",
            "v",
            "--force",
        ],
        d,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        std::fs::read_to_string(d.join("v/jane.vcf"))
            .unwrap()
            .contains("FN:Jane Q. Doe")
    );
    assert_eq!(
        names(&std::fs::read_to_string(d.join("c.vcf")).unwrap()),
        ["Jane Q. Doe"]
    );
    // No temporary files left behind.
    let mut left = files_under(d);
    left.retain(|f| f.contains(".cardscan-"));
    assert!(left.is_empty(), "{left:?}");
}

#[cfg(feature = "tesseract")]
#[test]
fn read_only_output_folder_fails_before_scanning() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy("us-01-twocol.png", &d.join("in/jane.png"));
    std::fs::create_dir(d.join("ro")).unwrap();
    for (p, mode) in [(d, 0o755), (&d.join("in"), 0o755), (&d.join("ro"), 0o555)] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    // Root ignores permissions: run as nobody then (the test's own files
    // are world-readable); otherwise as ourselves.
    let as_root = unsafe { libc::geteuid() } == 0;
    for extra in [
        &["-o", "ro/c.vcf"][..],
        &["--report", "ro/r.jsonl"],
        &["--out-dir", "ro/v"],
        &["--out-dir", "ro"],
    ] {
        let mut cmd = bin();
        cmd.arg("batch").arg("in").args(extra).current_dir(d);
        if as_root {
            cmd.uid(65534).gid(65534);
        }
        let start = Instant::now();
        let out = cmd.output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {err}");
        assert!(err.starts_with("cardscan: ro"), "{extra:?}: {err}");
        assert!(err.contains("ermission denied"), "{extra:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(start.elapsed() < Duration::from_secs(5), "failed early");
    }
    assert!(std::fs::read_dir(d.join("ro")).unwrap().next().is_none());
}

#[cfg(feature = "tesseract")]
#[test]
fn shards_cover_every_file_exactly_once() {
    // Files named like images that are not: each fails at once without
    // OCR, so the test needs no scanning time; the report still lists it.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut all = Vec::new();
    for i in 0..40 {
        let rel = format!("in/d{}/IMG_{i:03}.jpg", i % 3);
        std::fs::create_dir_all(d.join(&rel).parent().unwrap()).unwrap();
        std::fs::write(d.join(&rel), b"x").unwrap();
        all.push(rel);
    }
    all.sort();
    let mut seen = Vec::new();
    for k in 1..=3 {
        let shard = format!("{k}/3");
        let rep = format!("r{k}.jsonl");
        let out = cardscan(
            &["batch", "in", "--shard", &shard, "--report", &rep, "-q"],
            d,
        );
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let got = sources(&report(&d.join(&rep)));
        assert!(!got.is_empty() && got.len() < all.len(), "{shard}: {got:?}");
        seen.extend(got);
    }
    seen.sort();
    assert_eq!(seen, all, "every file in exactly one shard");
    // The same slice from another folder name: the hash is of the path
    // relative to the folder given, so machines mounting it elsewhere agree.
    std::fs::rename(d.join("in"), d.join("elsewhere")).unwrap();
    let out = cardscan(
        &[
            "batch",
            "elsewhere",
            "--shard",
            "2/3",
            "--report",
            "x.jsonl",
            "-q",
        ],
        d,
    );
    assert_eq!(out.status.code(), Some(1));
    let moved: Vec<String> = sources(&report(&d.join("x.jsonl")))
        .into_iter()
        .map(|s| s.replacen("elsewhere/", "in/", 1))
        .collect();
    assert_eq!(moved, sources(&report(&d.join("r2.jsonl"))));
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("empty")).unwrap();
    std::fs::write(d.join("empty/notes.txt"), b"no images here").unwrap();
    for (args, message) in [
        (&["batch"][..], "required"),
        (&["batch", "empty", "--resume"], "--report"),
        (&["batch", "empty", "--shard", "4/3"], "not a shard"),
        (&["batch", "empty", "--jobs", "0"], "jobs"),
        (
            &["batch", "gone"],
            "cardscan: gone: no such file or directory",
        ),
        (&["batch", "empty"], "cardscan: no images found in empty"),
    ] {
        let out = cardscan(args, d);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
    }
}
