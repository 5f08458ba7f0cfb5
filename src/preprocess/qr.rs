//! QR codes printed on a card: found and decoded from the image, so their
//! contents (often a whole vCard) can be merged with what OCR read.
//! Reading the payload is [`crate::extract::qr`]'s job.

use image::GrayImage;

/// Longest side searched. rqrr's cost grows with the area (measured on a
/// 2000 px card: ~50 ms at full size, ~30 at 1600). At 1600 px a dense code
/// (57 modules) a quarter of a card's height still has modules of ~4 px;
/// at 1200 px a test card's code no longer decoded.
const MAX_SIDE: u32 = 1600;

/// The text of every QR code found in the image, in the order found.
///
/// A code that is found but does not decode (blurred, cut off) is skipped:
/// a card's printed text is still read either way.
pub fn decode(image: &GrayImage) -> Vec<String> {
    let long = image.width().max(image.height());
    let resized;
    let img = if long > MAX_SIDE {
        resized = super::resize(image, MAX_SIDE as f32 / long as f32);
        &resized
    } else {
        image
    };
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(
        img.width() as usize,
        img.height() as usize,
        |x, y| img.get_pixel(x as u32, y as u32).0[0],
    );
    let mut out: Vec<String> = Vec::new();
    for grid in prepared.detect_grids() {
        if let Ok((_, text)) = grid.decode()
            && !text.trim().is_empty()
            && !out.contains(&text)
        {
            out.push(text);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    /// A QR code of `text` drawn black on white with `module` px per module,
    /// at (x, y) on a white canvas.
    fn draw_qr(canvas: &mut GrayImage, text: &str, x: u32, y: u32, module: u32) {
        let code = qrcode::QrCode::new(text.as_bytes()).unwrap();
        let n = code.width() as u32;
        let colors = code.to_colors();
        for my in 0..n {
            for mx in 0..n {
                if colors[(my * n + mx) as usize] == qrcode::Color::Dark {
                    for dy in 0..module {
                        for dx in 0..module {
                            canvas.put_pixel(x + mx * module + dx, y + my * module + dy, Luma([0]));
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn reads_a_code_beside_text_sized_clutter() {
        let mut img = GrayImage::from_pixel(1200, 700, Luma([245]));
        // Text-like bars that are not a code.
        for i in 0..8 {
            for y in 80 + i * 60..100 + i * 60 {
                for x in 60..600 {
                    if (x / 9) % 3 != 0 {
                        img.put_pixel(x, y, Luma([30]));
                    }
                }
            }
        }
        let payload = "BEGIN:VCARD\nVERSION:3.0\nFN:Avery Smith\nEND:VCARD";
        draw_qr(&mut img, payload, 800, 200, 6);
        assert_eq!(decode(&img), vec![payload.to_string()]);
    }

    #[test]
    fn large_images_are_searched_reduced() {
        let mut img = GrayImage::from_pixel(3200, 2000, Luma([255]));
        draw_qr(&mut img, "https://example.com/avery", 2400, 1200, 12);
        assert_eq!(decode(&img), vec!["https://example.com/avery".to_string()]);
    }

    #[test]
    fn no_code_no_payload() {
        let mut img = GrayImage::from_pixel(800, 500, Luma([255]));
        for y in 100..400 {
            for x in 100..700 {
                if (x / 20 + y / 20) % 2 == 0 {
                    img.put_pixel(x, y, Luma([0]));
                }
            }
        }
        assert!(decode(&img).is_empty());
    }
}
