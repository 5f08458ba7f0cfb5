//! Deskew: measure how far text lines are tilted from the image axes and turn
//! the image by that much.
//!
//! Why: a card that is not found as an outline (cut by the frame, white on
//! white) is read from the whole frame as photographed, often tilted 5–20°.
//! Tesseract copes with a degree or two; beyond that its line finding merges
//! and splits lines. A flattened card is already square, so this measures
//! about zero there and does nothing.
//!
//! How ([`skew_angle`]): on a copy ~800 px long, "ink" is every pixel clearly
//! darker *or* lighter than its neighbourhood (local contrast, so light text
//! on a dark panel counts too). Ink projected onto a line perpendicular to the
//! text piles up in sharp peaks (one per text line) only at the right angle:
//! the angle maximising the sum of squared steps between bins wins, searched
//! coarse (on the ink map reduced 2×) then fine (on every ink pixel), across
//! rows and columns alike (sideways text is tilted too; orientation
//! detection turns it upright later).

use super::detect;
use image::{GrayImage, Luma};
use imageproc::contrast::adaptive_threshold;
use imageproc::geometric_transformations::{Border, Interpolation, rotate_about_center_no_crop};

/// Largest tilt searched, in degrees either way.
const MAX_SKEW: f32 = 25.0;
/// Tilts below this are left alone: Tesseract handles them, and resampling
/// costs time and a little sharpness.
const MIN_CORRECTION: f32 = 1.0;
/// Long side of the measuring copy.
const WORK_LONG: u32 = 800;

/// The clockwise tilt of the text lines in degrees (turn the image by the
/// negative to straighten it), or `None` when there is too little line
/// structure to tell (a blank image, a photo with no text).
pub fn skew_angle(img: &GrayImage) -> Option<f32> {
    let (small, _) = detect::downscale(img, WORK_LONG);
    let (w, h) = small.dimensions();
    if w < 32 || h < 32 {
        return None;
    }
    let points = ink_points(&small);
    if points.len() < 200 {
        return None;
    }
    // The coarse search (1° steps, ~100 projections) runs on the ink map
    // reduced 2× (each 2×2 block's ink count, with 2 px bins); only the
    // final ±1° search projects every ink pixel. Projecting every pixel at
    // every step cost ~12 ms per clean card, a tenth of its scan.
    let blocks = block_weights(&points, w, h);
    // Text lines run along x (rows) or, for a card lying sideways, along y.
    let (row_angle, row_peak, row_flat) = coarse_angle(blocks.iter().copied());
    let (col_angle, col_peak, col_flat) = coarse_angle(blocks.iter().map(|&(x, y, n)| (y, x, n)));
    // The sharper of the two: letters have vertical strokes too, which pile
    // up across columns, but far less sharply than whole lines across rows.
    // Real text lines make the best projection clearly sharper than the
    // average one; noise and pictures do not.
    if row_peak >= col_peak {
        let pixels = points.iter().map(|&(x, y)| (x, y, 1));
        (row_peak >= 1.5 * row_flat).then(|| fine_angle(pixels, row_angle))
    } else {
        let along_y = points.iter().map(|&(x, y)| (y, x, 1));
        // Tilting the transposed image by θ is tilting the original by -θ.
        (col_peak >= 1.5 * col_flat).then(|| -fine_angle(along_y, col_angle))
    }
}

/// The image turned so its text lines are level, with the angle corrected;
/// `None` when the tilt is unknown or too small to matter. The corners the
/// turn reveals are filled with the image's border colour, and nothing is
/// cropped.
pub fn deskew(img: &GrayImage) -> Option<(GrayImage, f32)> {
    let angle = skew_angle(img)?;
    if angle.abs() < MIN_CORRECTION {
        return None;
    }
    let fill = border_median(img);
    let turned = rotate_about_center_no_crop(
        img,
        -angle.to_radians(),
        Interpolation::Bilinear,
        Border::Constant(Luma([fill])),
    );
    Some((turned, angle))
}

/// A point with a weight (how many ink pixels it stands for).
type Weighted = (f32, f32, u32);

/// Coordinates of pixels that differ clearly from their neighbourhood.
pub(crate) fn ink_points(img: &GrayImage) -> Vec<(f32, f32)> {
    // Radius 12 at 800 px is about a text line's height on a card that
    // fills the frame; the delta ignores paper texture and JPEG noise.
    let dark = adaptive_threshold(img, 12, 12);
    let inverted = image::ImageBuffer::from_fn(img.width(), img.height(), |x, y| {
        Luma([255 - img.get_pixel(x, y)[0]])
    });
    let light = adaptive_threshold(&inverted, 12, 12);
    let mut points = Vec::new();
    for (x, y, p) in dark.enumerate_pixels() {
        // adaptive_threshold marks pixels above the local mean (+delta)
        // white: ink is the black ones.
        let is_dark = p[0] == 0;
        let is_light = light.get_pixel(x, y)[0] == 0;
        if is_dark || is_light {
            points.push((x as f32, y as f32));
        }
    }
    points
}

/// The ink pixels summed over 2×2 blocks: one point per block with ink, at
/// the block's centre, weighted by its count.
fn block_weights(points: &[(f32, f32)], w: u32, h: u32) -> Vec<Weighted> {
    let bw = w.div_ceil(2) as usize;
    let mut counts = vec![0u32; bw * h.div_ceil(2) as usize];
    for &(x, y) in points {
        counts[(y as usize / 2) * bw + x as usize / 2] += 1;
    }
    counts
        .iter()
        .enumerate()
        .filter(|&(_, &n)| n > 0)
        .map(|(i, &n)| ((2 * (i % bw)) as f32 + 0.5, (2 * (i / bw)) as f32 + 0.5, n))
        .collect()
}

/// (angle in degrees at 1° steps, its projection sharpness, mean sharpness
/// over all angles tried) for lines running along x, on 2×2 blocks.
fn coarse_angle(blocks: impl Iterator<Item = Weighted> + Clone) -> (f32, f64, f64) {
    let mut coarse = Vec::new();
    let mut a = -MAX_SKEW;
    while a <= MAX_SKEW + 1e-3 {
        coarse.push((a, sharpness(blocks.clone(), a, 2.0)));
        a += 1.0;
    }
    let flat = coarse.iter().map(|(_, s)| s).sum::<f64>() / coarse.len() as f64;
    let (best, best_s) = coarse
        .iter()
        .copied()
        .fold((0.0, f64::MIN), |b, c| if c.1 > b.1 { c } else { b });
    (best, best_s, flat)
}

/// The sharpest angle within 1° of `centre`, at 0.2° steps, on every ink
/// pixel.
fn fine_angle(points: impl Iterator<Item = Weighted> + Clone, centre: f32) -> f32 {
    let (mut best, mut best_s) = (centre, f64::MIN);
    for step in -5..=5 {
        let f = centre + 0.2 * step as f32;
        let s = sharpness(points.clone(), f, 1.0);
        if s > best_s {
            (best, best_s) = (f, s);
        }
    }
    best
}

/// How sharply weighted points projected across lines tilted by `degrees`
/// (clockwise, y down) pile up, in bins `bin` px wide.
fn sharpness(points: impl Iterator<Item = Weighted> + Clone, degrees: f32, bin: f32) -> f64 {
    let (s, c) = degrees.to_radians().sin_cos();
    let (s, c) = (s / bin, c / bin);
    // Offset along the normal of a line tilted clockwise by the angle, in
    // bins; computed twice (range, then counts) rather than stored.
    let offset = |(x, y, _): Weighted| y * c - x * s;
    let (lo, hi) = points
        .clone()
        .map(offset)
        .fold((f32::MAX, f32::MIN), |(lo, hi), o| (lo.min(o), hi.max(o)));
    if lo > hi {
        return 0.0;
    }
    let mut bins = vec![0u32; (hi - lo) as usize + 2];
    for p in points {
        bins[(offset(p) - lo) as usize] += p.2;
    }
    // Squared steps between neighbouring bins (Postl's criterion): text
    // lines seen edge-on give steep steps; at a wrong angle the profile is
    // smeared and its steps shallow.
    bins.windows(2)
        .map(|p| {
            let d = p[1] as f64 - p[0] as f64;
            d * d
        })
        .sum()
}

/// Median grey of the outermost pixels: the fill that least looks like an
/// edge once the image is turned.
fn border_median(img: &GrayImage) -> u8 {
    let (w, h) = img.dimensions();
    let mut v: Vec<u8> = Vec::with_capacity(2 * (w + h) as usize);
    for x in 0..w {
        v.push(img.get_pixel(x, 0)[0]);
        v.push(img.get_pixel(x, h - 1)[0]);
    }
    for y in 0..h {
        v.push(img.get_pixel(0, y)[0]);
        v.push(img.get_pixel(w - 1, y)[0]);
    }
    v.sort_unstable();
    v[v.len() / 2]
}

#[cfg(test)]
mod tests {
    use super::*;
    use imageproc::drawing::draw_filled_rect_mut;
    use imageproc::geometric_transformations::rotate_about_center;
    use imageproc::rect::Rect;

    /// A light page with rows of dark "words" (bars), like a card's text.
    fn text_page(w: u32, h: u32) -> GrayImage {
        let mut img = GrayImage::from_pixel(w, h, Luma([225]));
        for line in 0..7 {
            let y = 80 + line * 70;
            let mut x = 60;
            for word in 0..6 {
                let len = 50 + (line * 13 + word * 29) % 70;
                draw_filled_rect_mut(&mut img, Rect::at(x, y).of_size(len as u32, 22), Luma([30]));
                x += len + 25;
            }
        }
        img
    }

    fn turned(img: &GrayImage, degrees: f32) -> GrayImage {
        rotate_about_center(
            img,
            degrees.to_radians(),
            Interpolation::Bilinear,
            Border::Constant(Luma([225])),
        )
    }

    #[test]
    fn measures_tilts_either_way_within_half_a_degree() {
        let page = text_page(900, 600);
        for tilt in [-18.0f32, -7.5, -3.0, 0.0, 2.0, 6.0, 12.5, 20.0] {
            let angle = skew_angle(&turned(&page, tilt)).expect("lines found");
            assert!((angle - tilt).abs() <= 0.5, "tilt {tilt}: measured {angle}");
        }
    }

    #[test]
    fn measures_tilt_of_sideways_text() {
        let page = image::imageops::rotate90(&text_page(900, 600));
        for tilt in [-8.0f32, 5.0] {
            let angle = skew_angle(&turned(&page, tilt)).expect("lines found");
            assert!((angle - tilt).abs() <= 0.5, "tilt {tilt}: measured {angle}");
        }
    }

    #[test]
    fn light_text_on_dark_counts() {
        let mut page = text_page(900, 600);
        image::imageops::invert(&mut page);
        let angle = skew_angle(&turned(&page, 9.0)).expect("lines found");
        assert!((angle - 9.0).abs() <= 0.5, "measured {angle}");
    }

    #[test]
    fn straightens_a_tilted_page_and_leaves_a_level_one() {
        let page = text_page(900, 600);
        let (fixed, corrected) = deskew(&turned(&page, 10.0)).expect("tilt corrected");
        assert!((corrected - 10.0).abs() <= 0.5);
        let after = skew_angle(&fixed).expect("lines found");
        assert!(after.abs() < MIN_CORRECTION, "still tilted {after}");
        // Nothing is cut off: the turned image is larger than the input.
        assert!(fixed.width() >= 900 && fixed.height() >= 600);
        assert!(deskew(&page).is_none());
    }

    #[test]
    fn no_angle_without_text() {
        assert!(skew_angle(&GrayImage::from_pixel(800, 500, Luma([200]))).is_none());
        // A smooth gradient has no lines either.
        let ramp = GrayImage::from_fn(800, 500, |x, y| Luma([((x + y) / 6) as u8]));
        assert!(skew_angle(&ramp).is_none());
    }
}
