//! Preprocessing: decode the file safely, apply its EXIF orientation, and
//! produce a grayscale image at a size the OCR engine handles well.
//!
//! Text-size normalisation happens in two steps: here the image is brought
//! into a working range of sizes; the recogniser then measures the text lines
//! and rescales so capitals are ~25–40 px tall (see [`scale_for_text`]).

pub mod deskew;
pub mod detect;
pub mod edges;
pub mod light;
pub mod qr;

use crate::error::Error;
use image::{DynamicImage, GrayImage, ImageDecoder, ImageReader, imageops::FilterType};
use std::io::{BufReader, Seek};
use std::path::Path;

/// Preprocessing settings; every field documents its default.
#[derive(Debug, Clone)]
pub struct PreprocessParams {
    /// Refuse images whose header claims more pixels than this, before
    /// decoding them. Default 50 megapixels (a 12 MP phone photo is well under;
    /// a decompression bomb is not).
    pub max_pixels: u64,
    /// The longest side the working image may have. Default 3000 px: larger
    /// photos are reduced first, since resampling and OCR time grow with area.
    pub max_side: u32,
    /// The shortest longest-side of the working image. Default 1000 px: small
    /// images (a 640 px web picture of a card) are enlarged, since Tesseract
    /// reads tiny text badly.
    pub min_side: u32,
    /// Look for the card's outline and flatten it. Default true: on a phone
    /// photo the card is a small, tilted part of the frame, and Tesseract on
    /// the whole frame reads almost nothing (measured: 1/7 lines vs 7/7).
    pub find_card: bool,
    /// When a flattened card reads poorly, read it again with its lighting
    /// normalised ([`light::normalize`]). Default true.
    pub normalize_light: bool,
    /// Level the text lines of a whole frame read without a card outline
    /// ([`deskew::deskew`]). Default true.
    pub deskew: bool,
    /// Longest side of a flattened card. Default 1400 px (400 dpi for a
    /// 3.5" card: body text ~45 px lines, in the band the recogniser reads
    /// without rescaling); the recogniser still rescales small text. 2000
    /// measured the same accuracy on every set but spent ~150 ms more per
    /// 12 MP photo warping, measuring and shrinking it back.
    pub card_side: u32,
}

impl Default for PreprocessParams {
    fn default() -> Self {
        PreprocessParams {
            max_pixels: 50_000_000,
            max_side: 3000,
            min_side: 1000,
            find_card: true,
            card_side: 1400,
            normalize_light: true,
            deskew: true,
        }
    }
}

/// A card image ready for OCR.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Grayscale image.
    pub image: GrayImage,
    /// Working pixels per source pixel (to map boxes back to the photo).
    pub scale: f32,
    /// The card outline this image was flattened from, in source pixels;
    /// `None` for the whole frame.
    pub card: Option<detect::Quad>,
}

/// Reads and decodes an image file, refusing oversized or broken ones, and
/// applies its EXIF orientation.
pub fn load(path: &Path, params: &PreprocessParams) -> Result<DynamicImage, Error> {
    let fail = |reason: String| Error::Image {
        path: path.to_path_buf(),
        reason,
    };
    let meta = std::fs::metadata(path).map_err(|e| fail(io_reason(&e)))?;
    if meta.is_dir() {
        return Err(fail("is a directory, not an image".into()));
    }
    if meta.len() == 0 {
        return Err(fail("file is empty".into()));
    }
    let file = std::fs::File::open(path).map_err(|e| fail(io_reason(&e)))?;
    decode(BufReader::new(file), params).map_err(fail)
}

/// Decodes image bytes (see [`load`]); the error is a reason without a path.
pub fn decode<R: std::io::BufRead + Seek>(
    reader: R,
    params: &PreprocessParams,
) -> Result<DynamicImage, String> {
    let reader = ImageReader::new(reader)
        .with_guessed_format()
        .map_err(|e| format!("cannot read: {e}"))?;
    if reader.format().is_none() {
        return Err("not an image (unrecognised format)".into());
    }
    let mut reader = reader;
    // The header is read before any pixel: a huge claimed size is refused
    // without allocating for it.
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(params.max_pixels.saturating_mul(4) + (64 << 20));
    reader.limits(limits);
    let too_big = || {
        let limit = params.max_pixels / 1_000_000;
        format!("image is larger than the {limit} megapixel limit")
    };
    let mut decoder = reader.into_decoder().map_err(|e| match e {
        image::ImageError::Limits(_) => too_big(),
        e => format!("not a readable image: {}", first_line(&e.to_string())),
    })?;
    let (w, h) = decoder.dimensions();
    let pixels = w as u64 * h as u64;
    if pixels > params.max_pixels {
        return Err(format!(
            "image is {w}x{h} ({:.1} megapixels), more than the {} megapixel limit",
            pixels as f64 / 1e6,
            params.max_pixels / 1_000_000
        ));
    }
    if w == 0 || h == 0 {
        return Err("image has no pixels".into());
    }
    let orientation = decoder.orientation().ok();
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| match e {
        image::ImageError::Limits(_) => too_big(),
        e => format!(
            "image is truncated or corrupt: {}",
            first_line(&e.to_string())
        ),
    })?;
    if let Some(o) = orientation {
        img.apply_orientation(o);
    }
    Ok(img)
}

/// Reads and decodes an image file to grayscale (see [`load`]), the only
/// form the scanner uses.
pub fn load_gray(path: &Path, params: &PreprocessParams) -> Result<GrayImage, Error> {
    Ok(luma(load(path, params)?))
}

/// Grayscale with `image`'s weights (sRGB/BT.709 luminance: red and blue
/// inks come out darker than with JPEG's own BT.601 luma, which measured
/// worse on cards-dev). RGB, what JPEG photos decode to, is converted here
/// directly: `to_luma8` goes through a general colour-space path at ~30 ms
/// per 12 MP photo, this loop takes ~10.
pub fn luma(img: DynamicImage) -> GrayImage {
    let DynamicImage::ImageRgb8(rgb) = img else {
        return img.to_luma8();
    };
    let (w, h) = rgb.dimensions();
    let pixels = rgb
        .as_raw()
        .chunks_exact(3)
        .map(|p| {
            // `image`'s weights in fixed point; rounding differs from its
            // f32 path by 1 level on ~0.1 % of pixels.
            let l = 2126 * p[0] as u32 + 7152 * p[1] as u32 + 722 * p[2] as u32;
            ((l + 5000) / 10000) as u8
        })
        .collect();
    GrayImage::from_raw(w, h, pixels).expect("one byte per RGB pixel")
}

/// Reads a whole file and decodes it; convenience for callers with bytes.
pub fn decode_bytes(bytes: &[u8], params: &PreprocessParams) -> Result<DynamicImage, String> {
    decode(std::io::Cursor::new(bytes), params)
}

/// The flattened card, when its outline is found in the grayscale frame.
/// The caller may still read the whole frame ([`prepare_gray`]): an outline
/// can be a printed panel inside a card that runs off the photo.
pub fn flatten_card(gray: &GrayImage, params: &PreprocessParams) -> Option<Prepared> {
    if !params.find_card {
        return None;
    }
    let quad = detect::find_card(gray)?;
    let (qw, qh) = quad.size();
    let side = (qw.max(qh).round() as u32).clamp(params.min_side, params.card_side);
    // Not deskewed: the warp already squares the card (deskewing flattened
    // cards too measured 0.727 -> 0.708 on cards-dev).
    let image = detect::warp_card(gray, &quad, side);
    Some(Prepared {
        image,
        scale: side as f32 / qw.max(qh).max(1.0),
        card: Some(quad),
    })
}

/// Converts to grayscale and brings the whole image into the working size range.
pub fn prepare(img: &DynamicImage, params: &PreprocessParams) -> Prepared {
    prepare_gray(img.to_luma8(), params)
}

/// Brings a whole grayscale frame into the working size range.
pub fn prepare_gray(gray: GrayImage, params: &PreprocessParams) -> Prepared {
    let (w, h) = (gray.width(), gray.height());
    let long = w.max(h) as f32;
    let scale = if long > params.max_side as f32 {
        params.max_side as f32 / long
    } else if long < params.min_side as f32 {
        params.min_side as f32 / long
    } else {
        1.0
    };
    let mut image = if (scale - 1.0).abs() < 1e-3 {
        gray
    } else {
        resize(&gray, scale)
    };
    if params.deskew
        && let Some((level, _)) = deskew::deskew(&image)
    {
        image = level;
    }
    Prepared {
        image,
        scale,
        card: None,
    }
}

/// Rescales so that the measured text height (median line height in px, as
/// the engine's layout analysis reports it, ascenders to descenders) lands near
/// `target` px. Returns `None` when the text is already in the comfortable band
/// (`target` / 1.45 to `target` × 1.25) so no time is spent resampling.
pub fn scale_for_text(image: &GrayImage, measured: f32, target: f32) -> Option<(GrayImage, f32)> {
    if measured <= 0.0 {
        return None;
    }
    let factor = (target / measured).clamp(0.25, 4.0);
    // Text up to 25 % too large is read as it is. Text that is smaller
    // but still at least ~30 px (factor up to 1.45) is not enlarged either:
    // the LSTM model scales every line to 36 px high whatever the input, so
    // enlarging adds no detail, only layout work (clean fixtures read 1.5x
    // slower enlarged; mean F1 0.961 -> 0.965, cards-dev 0.721 -> 0.719).
    if (0.8..=1.45).contains(&factor) {
        return None;
    }
    // Never produce an image so large it slows OCR to a crawl.
    let long = image.width().max(image.height()) as f32;
    let factor = factor.min(6000.0 / long);
    Some((resize(image, factor), factor))
}

/// Rescales by `factor` (output sides rounded, at least 1 px).
pub(crate) fn resize(img: &GrayImage, factor: f32) -> GrayImage {
    let w = ((img.width() as f32 * factor).round() as u32).max(1);
    let h = ((img.height() as f32 * factor).round() as u32).max(1);
    if factor > 1.0 {
        // Enlarging (small photos, small text) keeps `image`'s triangle
        // filter to the bit: the SIMD one's slightly different pixels changed
        // what Tesseract read on 3 of 32 cards-dev photos (mean F1 0.721 ->
        // 0.697).
        return triangle_resize(img, w, h);
    }
    resize_to(img, w, h)
}

/// `image::imageops::resize(img, w, h, FilterType::Triangle)`, bit for bit,
/// for grey images, enlarging or reducing: the same weights and the same order of f32 operations
/// (columns first into f32, then rows, rounded), without `image`'s generic
/// four-channel pixel handling, which made enlarging a card for small text
/// cost ~20 ms (3 % of a batch of scan-like cards).
pub(crate) fn triangle_resize(img: &GrayImage, w: u32, h: u32) -> GrayImage {
    let (sw, sh) = img.dimensions();
    if sw == 0 || sh == 0 || (w, h) == (sw, sh) {
        return image::imageops::resize(img, w, h, FilterType::Triangle);
    }
    let (sw, w_out, h_out) = (sw as usize, w as usize, h as usize);
    let raw = img.as_raw();
    // Columns: each output row is a weighted sum of source rows, summed in
    // source order from 0.0 as `image` does (so vectorised across x).
    let mut tmp = vec![0f32; sw * h_out];
    for (y, (first, weights)) in triangle_taps(sh, h).into_iter().enumerate() {
        let acc = &mut tmp[y * sw..(y + 1) * sw];
        for (i, wt) in weights.iter().enumerate() {
            let src = &raw[(first + i) * sw..(first + i + 1) * sw];
            for (t, &p) in acc.iter_mut().zip(src) {
                *t += p as f32 * wt;
            }
        }
    }
    // Rows: each output pixel a weighted sum of `tmp` pixels, then rounded
    // half away from zero after clamping, as `image` converts back to u8.
    let taps = triangle_taps(sw as u32, w);
    let mut out = vec![0u8; w_out * h_out];
    for y in 0..h_out {
        let row = &tmp[y * sw..(y + 1) * sw];
        let dst = &mut out[y * w_out..(y + 1) * w_out];
        for (d, (first, weights)) in dst.iter_mut().zip(&taps) {
            let mut t = 0f32;
            for (i, wt) in weights.iter().enumerate() {
                t += row[first + i] * wt;
            }
            *d = t.clamp(0.0, 255.0).round() as u8;
        }
    }
    GrayImage::from_raw(w, h, out).expect("w*h bytes")
}

/// For each of `new_len` output positions: the first source index and the
/// normalised triangle-filter weights, computed exactly as `image`'s
/// `horizontal_sample`/`vertical_sample` do.
fn triangle_taps(len: u32, new_len: u32) -> Vec<(usize, Vec<f32>)> {
    let ratio = len as f32 / new_len as f32;
    let sratio = if ratio < 1.0 { 1.0 } else { ratio };
    let support = sratio; // the triangle filter's support is 1.0
    let kernel = |x: f32| if x.abs() < 1.0 { 1.0 - x.abs() } else { 0.0 };
    (0..new_len)
        .map(|o| {
            let center = (o as f32 + 0.5) * ratio;
            let left = ((center - support).floor() as i64).clamp(0, len as i64 - 1);
            let right = ((center + support).ceil() as i64).clamp(left + 1, len as i64);
            let center = center - 0.5;
            let mut weights: Vec<f32> = (left..right)
                .map(|i| kernel((i as f32 - center) / sratio))
                .collect();
            let sum = weights.iter().fold(0.0f32, |s, w| s + w);
            weights.iter_mut().for_each(|w| *w /= sum);
            (left as usize, weights)
        })
        .collect()
}

/// Resamples to exactly `w`×`h` with a bilinear (triangle) filter whose
/// support widens when reducing, so a large reduction averages instead of
/// aliasing. SIMD (`fast_image_resize`): several times faster than `image`'s
/// resize, which was ~13 % of a batch of 12 MP photos.
pub(crate) fn resize_to(img: &GrayImage, w: u32, h: u32) -> GrayImage {
    use fast_image_resize::{FilterType as F, PixelType, ResizeAlg, ResizeOptions, Resizer};
    let (w, h) = (w.max(1), h.max(1));
    if (w, h) == img.dimensions() {
        return img.clone();
    }
    let src = fast_image_resize::images::ImageRef::new(
        img.width(),
        img.height(),
        img.as_raw(),
        PixelType::U8,
    );
    let mut dst = fast_image_resize::images::Image::new(w, h, PixelType::U8);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(F::Bilinear));
    match src.map(|src| Resizer::new().resize(&src, &mut dst, &options)) {
        Ok(Ok(())) => {
            GrayImage::from_raw(w, h, dst.into_vec()).expect("the resizer fills a w*h buffer")
        }
        // Only an empty image can fail here; keep `image`'s resize for it.
        _ => image::imageops::resize(img, w, h, FilterType::Triangle),
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageFormat, Luma, RgbImage};

    fn png_bytes(w: u32, h: u32) -> Vec<u8> {
        let img = DynamicImage::ImageRgb8(RgbImage::new(w, h));
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn triangle_resize_matches_image_crate_to_the_bit() {
        let img = GrayImage::from_fn(211, 97, |x, y| {
            Luma([(((x * 7 + y * 13) % 251) ^ ((x * y) % 97)) as u8])
        });
        for (w, h) in [
            (331, 152),
            (422, 194),
            (212, 98),
            (600, 97),
            (211, 300),
            (150, 60),
        ] {
            let theirs = image::imageops::resize(&img, w, h, FilterType::Triangle);
            assert!(triangle_resize(&img, w, h) == theirs, "{w}x{h}");
        }
        let tiny = GrayImage::from_pixel(1, 1, Luma([77]));
        assert_eq!(triangle_resize(&tiny, 3, 2).as_raw(), &vec![77u8; 6]);
    }

    #[test]
    fn decodes_png() {
        let img = decode_bytes(&png_bytes(20, 10), &PreprocessParams::default()).unwrap();
        assert_eq!((img.width(), img.height()), (20, 10));
    }

    #[test]
    fn refuses_text_as_image() {
        let err = decode_bytes(b"hello, this is not an image", &PreprocessParams::default());
        assert_eq!(err.unwrap_err(), "not an image (unrecognised format)");
    }

    #[test]
    fn refuses_truncated_png() {
        let bytes = png_bytes(200, 100);
        let err =
            decode_bytes(&bytes[..bytes.len() / 2], &PreprocessParams::default()).unwrap_err();
        assert!(
            err.contains("truncated or corrupt") || err.contains("not a readable"),
            "{err}"
        );
    }

    #[test]
    fn refuses_huge_header_before_decoding() {
        // A valid PNG header claiming 10000x10000 pixels, then nothing.
        let params = PreprocessParams {
            max_pixels: 1_000,
            ..Default::default()
        };
        let err = decode_bytes(&png_bytes(100, 100), &params).unwrap_err();
        assert!(err.contains("megapixel limit"), "{err}");
    }

    #[test]
    fn small_images_are_enlarged_large_reduced() {
        let p = PreprocessParams::default();
        let small = prepare(&DynamicImage::ImageLuma8(GrayImage::new(600, 300)), &p);
        assert_eq!(small.image.width(), 1000);
        let big = prepare(&DynamicImage::ImageLuma8(GrayImage::new(6000, 4000)), &p);
        assert_eq!(big.image.width(), 3000);
        assert_eq!(big.image.height(), 2000);
    }

    #[test]
    fn rgb_is_converted_with_image_weights() {
        let rgb = image::RgbImage::from_fn(64, 4, |x, y| {
            image::Rgb([(x * 4) as u8, (y * 60) as u8, (255 - x * 4) as u8])
        });
        let reference = DynamicImage::ImageRgb8(rgb.clone()).to_luma8();
        let ours = luma(DynamicImage::ImageRgb8(rgb));
        for (a, b) in ours.as_raw().iter().zip(reference.as_raw()) {
            assert!(a.abs_diff(*b) <= 1, "{a} vs {b}");
        }
        // Pure red is darker than with JPEG's own luma weights (76).
        let red = luma(DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
            1,
            1,
            image::Rgb([255, 0, 0]),
        )));
        assert_eq!(red.get_pixel(0, 0)[0], 54);
    }

    #[test]
    fn text_scale_targets_height_and_skips_when_close() {
        let img = GrayImage::from_pixel(100, 50, Luma([255]));
        assert!(scale_for_text(&img, 34.0, 36.0).is_none());
        let (scaled, f) = scale_for_text(&img, 12.0, 36.0).unwrap();
        assert!((f - 3.0).abs() < 1e-3);
        assert_eq!(scaled.width(), 300);
        // Not enlarged from 32 px (the LSTM reads lines at 36), enlarged
        // from 28; reduced from 56.
        assert!(scale_for_text(&img, 32.0, 44.0).is_none());
        assert!(scale_for_text(&img, 28.0, 44.0).is_some());
        assert!(scale_for_text(&img, 56.0, 44.0).is_some_and(|(_, f)| f < 0.8));
    }
}
