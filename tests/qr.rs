//! A QR code printed on a card: decoded from the scanned image and merged
//! with what OCR read, the code's values preferred.

use cardscan::contact::PhoneKind;
use cardscan::{ScanParams, Scanner};
use image::{GrayImage, Luma, imageops};
use std::path::Path;

/// `fixtures/clean/us-02-center.png` with a QR code of `payload` printed on
/// a strip to its right, turned by `quarter_turns` × 90°.
fn card_with_qr(payload: &str, quarter_turns: u32) -> GrayImage {
    let card = image::open(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/clean/us-02-center.png"
    ))
    .unwrap()
    .to_luma8();
    let code = qrcode::QrCode::new(payload.as_bytes()).unwrap();
    let (n, colors) = (code.width() as u32, code.to_colors());
    let module = 5;
    let mut img = GrayImage::from_pixel(card.width() + n * module + 80, card.height(), Luma([255]));
    imageops::replace(&mut img, &card, 0, 0);
    let (x0, y0) = (card.width() + 40, (card.height() - n * module) / 2);
    for (i, c) in colors.iter().enumerate() {
        if *c == qrcode::Color::Dark {
            let (mx, my) = (i as u32 % n, i as u32 / n);
            for d in 0..module * module {
                img.put_pixel(
                    x0 + mx * module + d % module,
                    y0 + my * module + d / module,
                    Luma([0]),
                );
            }
        }
    }
    (0..quarter_turns).fold(img, |im, _| imageops::rotate90(&im))
}

const PAYLOAD: &str = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Hayes;Robert;Allen;;Jr.\r\n\
    FN:Robert Allen Hayes Jr.\r\nORG:Hayes & Lowell Capital LLC;Investments\r\n\
    TEL;TYPE=CELL:+1 917 555 0163\r\nTEL;TYPE=HOME:+1 646 555 0188\r\n\
    EMAIL:robert@hayeslowell.com\r\nEND:VCARD\r\n";

fn scan(img: &GrayImage, dir: &Path, name: &str) -> cardscan::Contact {
    let path = dir.join(name);
    img.save(&path).unwrap();
    let mut scanner = Scanner::new(&ScanParams::default()).expect("start Tesseract");
    scanner.scan_file(&path).unwrap()
}

#[test]
fn a_vcard_qr_code_is_merged_over_the_printed_text() {
    let dir = tempfile::tempdir().unwrap();
    for turns in [0, 2] {
        let c = scan(
            &card_with_qr(PAYLOAD, turns),
            dir.path(),
            &format!("qr{turns}.png"),
        );
        let name = c.name.as_ref().expect("a name");
        assert_eq!(name.full, "Robert Allen Hayes Jr.", "turns {turns}");
        assert_eq!(name.middle.as_deref(), Some("Allen"));
        assert_eq!(c.department.as_deref(), Some("Investments"));
        assert_eq!(c.confidence["name"], 0.99);
        // The code's numbers first, then the printed office number it lacks;
        // the mobile printed on the card too is not listed twice.
        let phones: Vec<(&str, PhoneKind)> = c
            .phones
            .iter()
            .map(|p| (p.number.as_str(), p.kind))
            .collect();
        assert_eq!(
            phones[..2],
            [
                ("+19175550163", PhoneKind::Mobile),
                ("+16465550188", PhoneKind::Home)
            ],
            "turns {turns}"
        );
        assert!(
            phones[2..].iter().any(|(n, _)| *n == "+12125550147"),
            "{phones:?}"
        );
        assert_eq!(
            phones.iter().filter(|(n, _)| *n == "+19175550163").count(),
            1
        );
        // The printed email stays, after the code's.
        assert_eq!(
            c.emails,
            ["robert@hayeslowell.com", "rhayes@hayeslowell.com"]
        );
        // Printed fields the code lacks are still read.
        assert_eq!(c.title.as_deref(), Some("Chief Executive Officer"));
    }
}

#[test]
fn a_url_code_adds_the_url_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let url = "https://hayeslowell.com/team/robert-hayes";
    let c = scan(&card_with_qr(url, 0), dir.path(), "url.png");
    assert_eq!(c.urls.first().map(String::as_str), Some(url));
    assert_eq!(
        c.name.as_ref().map(|n| n.full.as_str()),
        Some("Robert Hayes Jr.")
    );
}
