//! A contact as a QR code that a phone's camera imports (`--qr`).
//!
//! The code holds the contact's vCard 3.0, the version every phone camera
//! app reads. When that is too large for a QR code (more than 2,953 bytes
//! at the lowest error correction; an embedded photo always is), NOTE and
//! PHOTO are dropped, and when it still is, the contact falls back to a
//! MECARD (`MECARD:N:Doe,Jane;TEL:...;;`), the compact format the Android
//! and iOS camera apps also read. [`ContactQr::dropped`] says what was left
//! out, so the caller can warn.
//!
//! Error correction is M (15 % of the code may be damaged) when the payload
//! fits, else L (7 %): a readable code beats a robust one that cannot hold
//! the contact.

use crate::contact::Contact;
use crate::output::vcard::{self, Version};
use image::{GrayImage, ImageEncoder, Luma, codecs::png::PngEncoder};
use qrcode::{Color, EcLevel, QrCode};
use std::io::{self, Write};

/// What the QR code holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Payload {
    /// The whole vCard 3.0.
    Vcard,
    /// The vCard 3.0 without NOTE and PHOTO.
    VcardTrimmed,
    /// A MECARD (name, organisation, phones, emails, web, address).
    Mecard,
}

/// Why no QR code could be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum QrError {
    /// Even the MECARD is larger than a QR code holds.
    #[error("the contact is too large for a QR code even as a MECARD ({0} bytes; at most 2953)")]
    TooLarge(usize),
}

/// A contact's QR code and what went into it.
#[derive(Clone)]
pub struct ContactQr {
    code: QrCode,
    /// The exact text encoded (UTF-8, byte mode).
    pub text: String,
    /// Which form the text is.
    pub payload: Payload,
    /// Fields left out to make it fit (`NOTE`, `PHOTO`, then the vCard
    /// fields a MECARD has no place for), for a warning.
    pub dropped: Vec<&'static str>,
}

impl std::fmt::Debug for ContactQr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ContactQr")
            .field("modules", &self.modules())
            .field("payload", &self.payload)
            .field("dropped", &self.dropped)
            .field("text", &self.text)
            .finish()
    }
}

/// Quiet zone around the code, in modules (the standard's minimum).
const QUIET: u32 = 4;

/// The QR code for `contact`: its vCard 3.0, else without NOTE and PHOTO,
/// else a MECARD.
pub fn contact_qr(contact: &Contact) -> Result<ContactQr, QrError> {
    let full = vcard::to_vcard(contact, Version::V3);
    if let Some(code) = encode(&full) {
        return Ok(ContactQr {
            code,
            text: full,
            payload: Payload::Vcard,
            dropped: Vec::new(),
        });
    }
    let mut dropped = Vec::new();
    if contact
        .note
        .as_deref()
        .is_some_and(|n| !n.trim().is_empty())
    {
        dropped.push("NOTE");
    }
    if contact.photo.as_deref().is_some_and(|p| !p.is_empty()) {
        dropped.push("PHOTO");
    }
    let trimmed = Contact {
        note: None,
        photo: None,
        ..contact.clone()
    };
    let text = vcard::to_vcard(&trimmed, Version::V3);
    if let Some(code) = encode(&text) {
        return Ok(ContactQr {
            code,
            text,
            payload: Payload::VcardTrimmed,
            dropped,
        });
    }
    if trimmed
        .title
        .as_deref()
        .is_some_and(|t| !t.trim().is_empty())
    {
        dropped.push("TITLE");
    }
    if !trimmed.social.is_empty() {
        dropped.push("X-SOCIALPROFILE");
    }
    let text = mecard(&trimmed);
    match encode(&text) {
        Some(code) => Ok(ContactQr {
            code,
            text,
            payload: Payload::Mecard,
            dropped,
        }),
        None => Err(QrError::TooLarge(text.len())),
    }
}

fn encode(text: &str) -> Option<QrCode> {
    [EcLevel::M, EcLevel::L]
        .into_iter()
        .find_map(|level| QrCode::with_error_correction_level(text.as_bytes(), level).ok())
}

/// A MECARD: `MECARD:N:family,given;ORG:..;TEL:..;EMAIL:..;URL:..;ADR:..;NOTE:..;;`
/// with `\` `;` `,` `:` escaped by a backslash and newlines as spaces.
pub fn mecard(c: &Contact) -> String {
    fn esc(value: &str) -> String {
        let mut out = String::new();
        for ch in value.trim().chars() {
            match ch {
                '\\' | ';' | ',' | ':' => {
                    out.push('\\');
                    out.push(ch);
                }
                '\r' | '\n' | '\t' => out.push(' '),
                ch if ch.is_control() => {}
                ch => out.push(ch),
            }
        }
        out
    }
    let mut out = String::from("MECARD:");
    let mut field = |name: &str, value: &str| {
        if !value.trim().is_empty() {
            out.push_str(&format!("{name}:{value};"));
        }
    };
    let name = match &c.name {
        Some(n) => match (n.family.as_deref(), n.given.as_deref()) {
            (Some(family), given) if !family.trim().is_empty() => {
                let mut v = esc(family);
                let given: Vec<&str> = [given, n.middle.as_deref()]
                    .into_iter()
                    .flatten()
                    .map(str::trim)
                    .filter(|g| !g.is_empty())
                    .collect();
                if !given.is_empty() {
                    v.push(',');
                    v.push_str(&esc(&given.join(" ")));
                }
                v
            }
            _ => esc(&n.full),
        },
        None => esc(c.display_name().unwrap_or("")),
    };
    field("N", &name);
    field("ORG", &esc(c.org.as_deref().unwrap_or("")));
    for p in &c.phones {
        field("TEL", &esc(&p.number));
    }
    for e in &c.emails {
        field("EMAIL", &esc(e));
    }
    for u in &c.urls {
        field("URL", &esc(&crate::contact::with_scheme(u.trim())));
    }
    for a in &c.addresses {
        let text = if a.text.trim().is_empty() {
            [&a.street, &a.city, &a.region, &a.postal_code, &a.country]
                .into_iter()
                .flatten()
                .map(|p| p.trim())
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(", ")
        } else {
            a.text.clone()
        };
        field("ADR", &esc(&text));
    }
    field("NOTE", &esc(c.note.as_deref().unwrap_or("")));
    out.push(';');
    out
}

impl ContactQr {
    /// Modules per side, without the quiet zone.
    pub fn modules(&self) -> u32 {
        self.code.width() as u32
    }

    /// The code as a black-on-white image, `scale` pixels per module, with
    /// the standard 4-module quiet zone.
    pub fn to_image(&self, scale: u32) -> GrayImage {
        let scale = scale.max(1);
        let n = self.modules();
        let colors = self.code.to_colors();
        let side = (n + 2 * QUIET) * scale;
        GrayImage::from_fn(side, side, |x, y| {
            let (mx, my) = (x / scale, y / scale);
            let dark = mx >= QUIET
                && my >= QUIET
                && mx < QUIET + n
                && my < QUIET + n
                && colors[((my - QUIET) * n + (mx - QUIET)) as usize] == Color::Dark;
            Luma([if dark { 0 } else { 255 }])
        })
    }

    /// Writes the code as a PNG, about 8 pixels per module (at least 4,
    /// so large codes stay under ~1,500 px).
    pub fn write_png(&self, out: &mut dyn Write) -> io::Result<()> {
        let scale = (1200 / (self.modules() + 2 * QUIET)).clamp(4, 8);
        let image = self.to_image(scale);
        PngEncoder::new(out)
            .write_image(
                image.as_raw(),
                image.width(),
                image.height(),
                image::ExtendedColorType::L8,
            )
            .map_err(io::Error::other)
    }

    /// The code drawn with Unicode half blocks, two modules per character
    /// row, light modules drawn (for the usual light-on-dark terminal; the
    /// quiet zone is drawn too), one line per row, ending in a newline.
    pub fn to_terminal(&self) -> String {
        let n = self.modules() as i64;
        let colors = self.code.to_colors();
        let q = QUIET as i64;
        let light = |x: i64, y: i64| {
            x < 0 || y < 0 || x >= n || y >= n || colors[(y * n + x) as usize] == Color::Light
        };
        let mut out = String::new();
        let mut y = -q;
        while y < n + q {
            for x in -q..n + q {
                out.push(match (light(x, y), light(x, y + 1) && y + 1 < n + q) {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    (false, false) => ' ',
                });
            }
            out.push('\n');
            y += 2;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact::{Name, Phone, PhoneKind};
    use crate::test_util::jane;

    #[test]
    fn small_contact_is_its_whole_vcard() {
        let mut c = jane();
        c.note = Some("Scanned from a.jpg on 2026-11-26".into());
        let qr = contact_qr(&c).unwrap();
        assert_eq!(qr.payload, Payload::Vcard);
        assert_eq!(qr.text, vcard::to_vcard(&c, Version::V3));
        assert!(qr.text.contains("NOTE:Scanned"));
        assert!(qr.dropped.is_empty());
    }

    #[test]
    fn photo_and_note_are_dropped_first() {
        let mut c = jane();
        c.note = Some("Scanned".into());
        c.photo = Some(vec![7; 20_000]);
        let qr = contact_qr(&c).unwrap();
        assert_eq!(qr.payload, Payload::VcardTrimmed);
        assert_eq!(qr.dropped, ["NOTE", "PHOTO"]);
        assert!(!qr.text.contains("NOTE") && !qr.text.contains("PHOTO"));
        assert!(qr.text.contains("FN:Jane Q. Doe") && qr.text.contains("UID:"));
    }

    #[test]
    fn mecard_when_the_vcard_cannot_fit() {
        let mut c = jane();
        c.photo = Some(vec![7; 20_000]);
        // 120 phones: ~4 KB as vCard lines, ~2 KB as MECARD fields, so
        // only the MECARD fits.
        c.phones = (0..120)
            .map(|i| Phone {
                number: format!("+1415555{i:04}"),
                kind: PhoneKind::Work,
                raw: String::new(),
                extension: None,
            })
            .collect();
        let qr = contact_qr(&c).unwrap();
        assert_eq!(qr.payload, Payload::Mecard);
        assert_eq!(qr.dropped, ["PHOTO", "TITLE"]);
        assert!(
            qr.text
                .starts_with("MECARD:N:Doe,Jane Q.;ORG:Acme Robotics\\, Inc.;TEL:+14155550000;")
        );
        assert!(qr.text.ends_with(";;"));
        // Far too much for anything.
        c.phones.extend(c.phones.clone());
        c.phones.extend(c.phones.clone());
        assert!(matches!(contact_qr(&c), Err(QrError::TooLarge(_))));
    }

    #[test]
    fn mecard_escapes() {
        let c = Contact {
            name: Some(Name {
                full: "Ann: A;B".into(),
                ..Name::default()
            }),
            org: Some("A,B\\C\nD".into()),
            urls: vec!["acme.example".into()],
            ..Contact::default()
        };
        assert_eq!(
            mecard(&c),
            "MECARD:N:Ann\\: A\\;B;ORG:A\\,B\\\\C D;URL:https\\://acme.example;;"
        );
    }

    /// Decodes a PNG with rqrr (an independent QR reader): the text.
    fn read_png(png: &[u8]) -> String {
        let img = image::load_from_memory(png).unwrap().to_luma8();
        let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(
            img.width() as usize,
            img.height() as usize,
            |x, y| img.get_pixel(x as u32, y as u32)[0],
        );
        let grids = prepared.detect_grids();
        assert_eq!(grids.len(), 1, "one QR code");
        let mut bytes = Vec::new();
        grids[0].decode_to(&mut bytes).unwrap();
        String::from_utf8(bytes).unwrap()
    }

    fn png(qr: &ContactQr) -> Vec<u8> {
        let mut out = Vec::new();
        qr.write_png(&mut out).unwrap();
        assert!(out.starts_with(b"\x89PNG"));
        out
    }

    #[test]
    fn png_decodes_to_the_same_text() {
        let mut unicode = jane();
        unicode.name.as_mut().unwrap().full = "José Ação 日本語 🚀".into();
        unicode.org = Some("Società; Ünïcødé, 株式会社".into());
        let mut big = jane();
        big.photo = Some(vec![1; 5000]);
        big.note = Some("n".repeat(3000));
        big.phones = (0..120)
            .map(|i| Phone {
                number: format!("+1415555{i:04}"),
                kind: PhoneKind::Mobile,
                raw: String::new(),
                extension: None,
            })
            .collect();
        let mut trimmed = jane();
        trimmed.note = Some("n".repeat(3000));
        for (c, payload) in [
            (jane(), Payload::Vcard),
            (unicode, Payload::Vcard),
            (trimmed, Payload::VcardTrimmed),
            (big, Payload::Mecard),
        ] {
            let qr = contact_qr(&c).unwrap();
            assert_eq!(qr.payload, payload);
            assert_eq!(read_png(&png(&qr)), qr.text, "{payload:?}");
        }
    }

    #[test]
    fn image_has_quiet_zone_and_finder_pattern() {
        let qr = contact_qr(&jane()).unwrap();
        let img = qr.to_image(3);
        let n = qr.modules();
        assert_eq!(img.width(), (n + 8) * 3);
        // Quiet zone white, top-left finder's corner black.
        assert_eq!(img.get_pixel(0, 0)[0], 255);
        assert_eq!(img.get_pixel(11, 11)[0], 255);
        assert_eq!(img.get_pixel(12, 12)[0], 0);
        let term = qr.to_terminal();
        assert_eq!(term.lines().count() as u32, (n + 8).div_ceil(2));
        assert!(term.lines().all(|l| l.chars().count() as u32 == n + 8));
    }
}
