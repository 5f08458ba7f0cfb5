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
    let black = binarize(img);
    let w = img.width() as usize;
    let mut prepared =
        rqrr::PreparedImage::prepare_from_bitmap(w, img.height() as usize, |x, y| black[y * w + x]);
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

/// rqrr's own binarisation (`PreparedImage::prepare`, which
/// `prepare_from_greyscale` calls), to the bit: each pixel is compared with
/// running averages along its row taken both ways, carried from row to row.
/// rqrr divides twice per pixel by a window length known only at run time;
/// here the division is a multiplication by a precomputed reciprocal and
/// the final comparison needs none, which halves the QR search on a card.
fn binarize(img: &GrayImage) -> Vec<bool> {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let raw = img.as_raw();
    let s = (w / 8).max(1) as u64;
    // floor(n / s) = (n * m) >> 64 for every n < 2^32 (Lemire, Kaser and
    // Kurz, "Faster remainder by direct computation", 2019); averages stay
    // below 256 * s, so n = avg + s - 1 is well under 2^32.
    let m = u128::from(u64::MAX / s) + 1;
    let div = |n: u64| ((n as u128 * m) >> 64) as u64;
    let mut row_average = vec![0u64; w];
    let (mut avg_v, mut avg_u) = (0u64, 0u64);
    let mut black = vec![false; w * h];
    for y in 0..h {
        row_average.fill(0);
        let row = &raw[y * w..(y + 1) * w];
        for x in 0..w {
            let (v, u) = if y % 2 == 0 {
                (w - 1 - x, x)
            } else {
                (x, w - 1 - x)
            };
            // floor(avg (s - 1) / s) = avg - ceil(avg / s): one multiply
            // fewer on the chain that runs through every pixel.
            avg_v = avg_v - div(avg_v + s - 1) + row[v] as u64;
            avg_u = avg_u - div(avg_u + s - 1) + row[u] as u64;
            row_average[v] += avg_v;
            row_average[u] += avg_u;
        }
        // p < floor(avg * 95 / (200 s))  <=>  (p + 1) * 200 s <= avg * 95.
        for x in 0..w {
            black[y * w + x] = (row[x] as u64 + 1) * 200 * s <= row_average[x] * 95;
        }
    }
    black
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
    fn binarizes_exactly_as_rqrr_does() {
        for (w, h) in [(1200, 700), (37, 50), (8, 3), (1, 1), (1601, 90)] {
            let img = GrayImage::from_fn(w, h, |x, y| {
                Luma([(((x * 7 + y * 13) % 251) ^ ((x * y) % 97)) as u8])
            });
            let theirs =
                rqrr::PreparedImage::prepare_from_greyscale(w as usize, h as usize, |x, y| {
                    img.get_pixel(x as u32, y as u32)[0]
                });
            let ours = binarize(&img);
            for y in 0..h as usize {
                for x in 0..w as usize {
                    let black = format!("{:?}", theirs.get_pixel_at(x, y)) == "Black";
                    assert_eq!(ours[y * w as usize + x], black, "{w}x{h} at ({x}, {y})");
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
