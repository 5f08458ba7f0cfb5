//! End-to-end tests of the `cardscan` binary: bad input gives one
//! `cardscan: FILE: reason` line and the documented exit code, never a panic;
//! outputs are never clobbered without `--force`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn cardscan(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cardscan"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run cardscan")
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sample-card.png")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A PNG whose header claims `w`x`h` pixels, with no pixel data after it.
fn png_header(w: u32, h: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for &b in bytes {
            crc ^= b as u32;
            for _ in 0..8 {
                crc = if crc & 1 != 0 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(13u32.to_be_bytes());
    png.extend(&ihdr);
    png.extend(crc32(&ihdr).to_be_bytes());
    let idat = b"IDAT\x78\x9c\x01\x02\x03\x04".to_vec();
    png.extend(6u32.to_be_bytes());
    png.extend(&idat);
    png.extend(crc32(&idat).to_be_bytes());
    png
}

/// Each bad input: its file content (None = do not create) and the reason
/// the error line must give.
#[test]
fn bad_inputs_give_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let truncated = {
        let bytes = std::fs::read(sample()).unwrap();
        bytes[..bytes.len() / 3].to_vec()
    };
    let cases: Vec<(&str, Option<Vec<u8>>, &str)> = vec![
        ("missing.jpg", None, "no such file"),
        ("empty.jpg", Some(Vec::new()), "file is empty"),
        (
            "notes.jpg",
            Some(b"just some text, not a picture\n".to_vec()),
            "not an image",
        ),
        ("truncated.png", Some(truncated), "truncated or corrupt"),
        (
            "huge.png",
            Some(png_header(10_000, 6_000)),
            "megapixel limit",
        ),
    ];
    for (name, content, reason) in cases {
        if let Some(bytes) = content {
            std::fs::write(dir.path().join(name), bytes).unwrap();
        }
        let out = cardscan(&["scan", name], dir.path());
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert_eq!(err.lines().count(), 1, "{name}: one line expected: {err}");
        assert!(
            err.starts_with(&format!("cardscan: {name}: ")),
            "{name}: {err}"
        );
        assert!(err.contains(reason), "{name}: expected '{reason}' in {err}");
        assert!(out.stdout.is_empty(), "{name}: nothing on stdout");
    }
    std::fs::create_dir(dir.path().join("folder")).unwrap();
    let out = cardscan(&["scan", "folder"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).trim(),
        "cardscan: folder: is a directory, not an image"
    );
}

#[test]
fn good_inputs_are_written_when_others_fail() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(sample(), dir.path().join("card.png")).unwrap();
    std::fs::write(dir.path().join("bad.jpg"), b"nope").unwrap();
    let out = cardscan(
        &[
            "scan", "--format", "json", "bad.jpg", "card.png", "gone.png",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["source"], "bad.jpg");
    assert!(lines[0]["error"].as_str().unwrap().contains("not an image"));
    assert_eq!(lines[1]["source"], "card.png");
    assert!(lines[1].get("error").is_none());
    assert!(
        !lines[1]["emails"].as_array().unwrap().is_empty(),
        "{}",
        lines[1]
    );
    assert!(lines[2]["error"].as_str().unwrap().contains("no such file"));
    assert_eq!(stderr(&out).lines().count(), 2, "{}", stderr(&out));
}

#[test]
fn output_file_is_not_overwritten_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let card = sample();
    let card = card.to_str().unwrap();
    std::fs::write(dir.path().join("out.vcf"), "keep me").unwrap();
    let out = cardscan(&["scan", card, "-o", "out.vcf"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("out.vcf: already exists (use --force to overwrite)"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out.vcf")).unwrap(),
        "keep me"
    );

    let out = cardscan(&["scan", card, "-o", "out.vcf", "--force"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let vcf = std::fs::read_to_string(dir.path().join("out.vcf")).unwrap();
    assert!(vcf.starts_with("BEGIN:VCARD\r\nVERSION:3.0\r\n"), "{vcf}");
    assert!(vcf.trim_end().ends_with("END:VCARD"));
    // No temporary files left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["out.vcf"]);
}

#[test]
fn missing_language_pack_is_a_clear_error() {
    let card = sample();
    let out = cardscan(
        &["scan", "--lang", "eng+zzz", card.to_str().unwrap()],
        Path::new("."),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("cardscan: Tesseract language pack 'zzz' is not installed"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["scan"][..],
        &["scan", "--region", "XX", "a.jpg"],
        &["frobnicate"],
    ] {
        let out = cardscan(args, Path::new("."));
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn sample_card_scans_to_a_vcard() {
    let out = cardscan(&["scan", sample().to_str().unwrap()], Path::new("."));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let vcf = String::from_utf8(out.stdout.clone()).unwrap();
    for needle in [
        "FN:Jane Q. Doe",
        "EMAIL;TYPE=INTERNET:jane.doe@acmerobotics.com",
        "TEL;TYPE=CELL",
    ] {
        assert!(vcf.contains(needle), "{needle} missing in\n{vcf}");
    }
    assert!(
        stderr(&out).is_empty(),
        "Tesseract chatter leaked: {}",
        stderr(&out)
    );
}

#[test]
fn sample_card_scans_to_csv_in_both_dialects() {
    let card = sample();
    let card = card.to_str().unwrap();
    for (dialect, org, phone, bom) in [
        ("google", "Organization Name", "Phone 1 - Value", false),
        ("outlook", "Company", "Business Phone", true),
    ] {
        let out = cardscan(
            &["scan", "--format", "csv", "--csv-dialect", dialect, card],
            Path::new("."),
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(
            out.stdout.starts_with("\u{feff}".as_bytes()),
            bom,
            "{dialect}"
        );
        let body = if bom {
            &out.stdout[3..]
        } else {
            &out.stdout[..]
        };
        let mut reader = csv::Reader::from_reader(body);
        let header = reader.headers().unwrap().clone();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1, "{dialect}");
        let get = |column: &str| {
            let i = header.iter().position(|h| h == column).unwrap();
            rows[0][i].to_string()
        };
        assert_eq!(get("First Name"), "Jane", "{dialect}");
        assert_eq!(get("Last Name"), "Doe", "{dialect}");
        assert_eq!(get(org), "Acme Robotics, Inc.", "{dialect}");
        assert_eq!(get(phone), "+14155550132", "{dialect}");
    }
}

#[test]
fn note_and_photo_are_embedded() {
    let card = sample();
    let out = cardscan(
        &["scan", "--note=ocr", "--photo", card.to_str().unwrap()],
        Path::new("."),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let vcf = String::from_utf8(out.stdout).unwrap();
    let unfolded = vcf.replace("\r\n ", "");
    let note = unfolded
        .lines()
        .find_map(|l| l.strip_prefix("NOTE:"))
        .expect("NOTE");
    assert!(
        note.starts_with("Scanned from sample-card.png on 20"),
        "{note}"
    );
    assert!(note.contains("\\n\\n") && note.contains("jane.doe@acmerobotics.com"));
    let photo = unfolded
        .lines()
        .find_map(|l| l.strip_prefix("PHOTO;ENCODING=b;TYPE=JPEG:"))
        .expect("PHOTO");
    // Base64 of a JPEG (FF D8 FF), at most 100 KB decoded.
    assert!(photo.starts_with("/9j/"), "{}", &photo[..20]);
    assert!(photo.trim_end().len() / 4 * 3 <= 100 * 1024);
    // Without the flags: neither, and a bare --note leaves out the OCR text.
    let out = cardscan(&["scan", "--note", card.to_str().unwrap()], Path::new("."));
    let vcf = String::from_utf8(out.stdout).unwrap().replace("\r\n ", "");
    assert!(!vcf.contains("PHOTO"));
    let note = vcf.lines().find_map(|l| l.strip_prefix("NOTE:")).unwrap();
    assert!(!note.contains("\\n"), "{note}");
}

/// Decodes the one QR code in a greyscale picture with rqrr.
fn read_qr(w: usize, h: usize, pixel: impl Fn(usize, usize) -> u8) -> String {
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(w, h, pixel);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    let mut bytes = Vec::new();
    grids[0].decode_to(&mut bytes).unwrap();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn qr_png_and_terminal_decode_to_the_contact() {
    let dir = tempfile::tempdir().unwrap();
    let card = sample();
    let card = card.to_str().unwrap();
    let out = cardscan(&["scan", card, "--qr", "contact.png"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let vcf = String::from_utf8(out.stdout).unwrap();
    assert!(vcf.contains("FN:Jane Q. Doe"));
    let png = image::open(dir.path().join("contact.png"))
        .unwrap()
        .to_luma8();
    let text = read_qr(png.width() as usize, png.height() as usize, |x, y| {
        png.get_pixel(x as u32, y as u32)[0]
    });
    assert_eq!(text, vcf, "the QR code holds the same vCard");

    // Too large with --photo/--note: both dropped, with a warning.
    let out = cardscan(
        &["scan", card, "--photo", "--note=ocr", "--qr", "big.png"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("warning: the vCard is too large for a QR code")
            && stderr(&out).contains("NOTE, PHOTO"),
        "{}",
        stderr(&out)
    );
    let png = image::open(dir.path().join("big.png")).unwrap().to_luma8();
    let text = read_qr(png.width() as usize, png.height() as usize, |x, y| {
        png.get_pixel(x as u32, y as u32)[0]
    });
    assert_eq!(text, vcf, "NOTE and PHOTO dropped, the rest the same");

    // The terminal drawing: light modules as blocks; read it back.
    let out = cardscan(&["scan", card, "--qr", "-"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let drawing = String::from_utf8(out.stdout).unwrap();
    assert!(
        !drawing.contains("BEGIN:VCARD"),
        "the code replaces the vCard"
    );
    let rows: Vec<Vec<char>> = drawing.lines().map(|l| l.chars().collect()).collect();
    let scale = 4;
    let light = |x: usize, y: usize| {
        let c = rows[y / 2][x];
        match (c, y % 2) {
            ('█', _) | ('▀', 0) | ('▄', 1) => 255,
            _ => 0,
        }
    };
    let text = read_qr(rows[0].len() * scale, rows.len() * 2 * scale, |x, y| {
        light(x / scale, y / scale)
    });
    assert_eq!(text, vcf);

    // One code, one card.
    let out = cardscan(&["scan", card, card, "--qr", "two.png"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("one image"), "{}", stderr(&out));
    assert!(!dir.path().join("two.png").exists());
}
