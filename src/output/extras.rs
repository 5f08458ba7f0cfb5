//! What `--note` and `--photo` add to a contact: a note saying where and
//! when it was scanned, and the card's own picture as a small JPEG, so the
//! phone shows the card a contact came from.

use image::{GrayImage, ImageEncoder, codecs::jpeg::JpegEncoder, imageops};
use std::time::{SystemTime, UNIX_EPOCH};

/// Largest photo we embed: importers (Android, iOS, Google) accept it and a
/// vCard with a hundred cards stays a few MB.
pub const MAX_PHOTO_BYTES: usize = 100 * 1024;

/// Longest side of an embedded photo before any size reduction: enough to
/// read the card on a phone.
const START_SIDE: u32 = 1024;

/// `Scanned from FILE on DATE`, then a blank line and the OCR text when
/// `ocr_text` is given (and not blank). `file` is shown as given.
pub fn scan_note(file: &str, date: &str, ocr_text: Option<&str>) -> String {
    let mut note = format!("Scanned from {file} on {date}");
    if let Some(text) = ocr_text.map(str::trim).filter(|t| !t.is_empty()) {
        note.push_str("\n\n");
        note.push_str(text);
    }
    note
}

/// Today's date in UTC as `YYYY-MM-DD`.
pub fn today_utc() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    date_of(secs)
}

/// The UTC calendar date of a Unix time, `YYYY-MM-DD` (proleptic Gregorian,
/// H. Hinnant's days-to-civil algorithm).
fn date_of(unix_secs: u64) -> String {
    let days = (unix_secs / 86_400) as i64 + 719_468;
    let era = days.div_euclid(146_097);
    let doe = days.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The card image as a JPEG of at most `max_bytes`: at most 1024 px on its
/// longer side, then lower quality, then smaller, until it fits.
pub fn card_jpeg(image: &GrayImage, max_bytes: usize) -> Vec<u8> {
    let (w, h) = image.dimensions();
    let mut side = w.max(h).clamp(1, START_SIDE);
    let mut smallest = Vec::new();
    loop {
        let scaled = scale_to(image, side);
        for quality in [85, 70, 55, 40] {
            let jpeg = encode(&scaled, quality);
            if jpeg.len() <= max_bytes {
                return jpeg;
            }
            smallest = jpeg;
        }
        if side <= 32 {
            // Cannot get smaller in any useful way; an impossibly small
            // budget gets the tiniest picture.
            return smallest;
        }
        side = side * 3 / 4;
    }
}

fn scale_to(image: &GrayImage, side: u32) -> GrayImage {
    let (w, h) = image.dimensions();
    let long = w.max(h);
    if long <= side {
        return image.clone();
    }
    let nw = (u64::from(w) * u64::from(side) / u64::from(long)).max(1) as u32;
    let nh = (u64::from(h) * u64::from(side) / u64::from(long)).max(1) as u32;
    imageops::resize(image, nw, nh, imageops::FilterType::Triangle)
}

fn encode(image: &GrayImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, quality)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::L8,
        )
        .expect("JPEG encoding into memory does not fail");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(date_of(0), "1970-01-01");
        assert_eq!(date_of(951_782_400), "2000-02-29");
        assert_eq!(date_of(1_709_164_800), "2024-02-29");
        assert_eq!(date_of(1_798_761_599), "2026-12-31");
        assert_eq!(date_of(4_107_542_400), "2100-03-01");
        assert_eq!(today_utc().len(), 10);
    }

    #[test]
    fn note_text() {
        assert_eq!(
            scan_note("IMG_1.jpg", "2026-11-26", None),
            "Scanned from IMG_1.jpg on 2026-11-26"
        );
        assert_eq!(
            scan_note("a.jpg", "2026-11-26", Some("  \n ")),
            "Scanned from a.jpg on 2026-11-26"
        );
        assert_eq!(
            scan_note("a.jpg", "2026-11-26", Some("Jane Doe\nAcme\n")),
            "Scanned from a.jpg on 2026-11-26\n\nJane Doe\nAcme"
        );
    }

    /// A noisy image, the worst case for JPEG.
    fn noise(w: u32, h: u32) -> GrayImage {
        let mut state = 0x1234_5678u32;
        GrayImage::from_fn(w, h, |_, _| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            image::Luma([(state >> 24) as u8])
        })
    }

    #[test]
    fn photo_fits_the_budget_and_decodes() {
        for (w, h) in [(3000, 1800), (600, 400), (300, 2000)] {
            let jpeg = card_jpeg(&noise(w, h), MAX_PHOTO_BYTES);
            assert!(jpeg.len() <= MAX_PHOTO_BYTES, "{w}x{h}: {}", jpeg.len());
            assert_eq!(&jpeg[..3], &[0xff, 0xd8, 0xff], "JPEG magic");
            let back =
                image::load_from_memory_with_format(&jpeg, image::ImageFormat::Jpeg).unwrap();
            assert!(back.width().max(back.height()) <= START_SIDE);
            // The aspect ratio is kept (within rounding).
            let ratio = |a: u32, b: u32| a as f32 / b as f32;
            assert!((ratio(back.width(), back.height()) - ratio(w, h)).abs() < 0.1 * ratio(w, h));
        }
        // A small image is not enlarged.
        let small = card_jpeg(&noise(200, 120), MAX_PHOTO_BYTES);
        let back = image::load_from_memory(&small).unwrap();
        assert_eq!((back.width(), back.height()), (200, 120));
        // A tight budget shrinks the picture.
        let tight = card_jpeg(&noise(1000, 600), 8 * 1024);
        assert!(tight.len() <= 8 * 1024, "{}", tight.len());
    }
}
