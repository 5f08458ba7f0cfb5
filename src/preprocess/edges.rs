//! Binary maps for card finding: a Gaussian blur, Canny edges at several
//! thresholds, and square dilation/closing, with exactly the output of
//! `imageproc`'s `gaussian_blur_f32`, `canny`, `dilate` and `close` (tests
//! compare them pixel for pixel).
//!
//! Why not call those: `canny` blurs, takes gradients and thins edges anew
//! for every threshold pair, with generic per-pixel kernels (~6 ms per call
//! on a 525×300 copy, a sixth of a clean card's non-OCR time), and the
//! morphology runs a full distance transform where a 3×3 or 5×5 square
//! window is all that is asked. Here the gradients are computed once and
//! the windows are separable. The blur makes the same f32 sums in the same
//! order, but a row at a time rather than through generic pixels (2 ms ->
//! well under 1 ms on that copy; card finding blurs twice).

use image::GrayImage;

/// `imageproc::filter::gaussian_blur_f32(image, sigma)`, bit for bit: the
/// same kernel (radius ⌈2σ⌉), a horizontal then a vertical pass, each
/// summing in f32 from 0 in kernel order with the border replicated and
/// truncating to u8 in between.
pub fn gaussian_blur(image: &GrayImage, sigma: f32) -> GrayImage {
    let kernel = gaussian_kernel(sigma);
    let r = kernel.len() / 2;
    let (w, h) = (image.width() as usize, image.height() as usize);
    if w == 0 || h == 0 {
        return image.clone();
    }
    let raw = image.as_raw();
    // Horizontal: each row padded by replicating its end pixels.
    let mut across = vec![0u8; w * h];
    let mut padded = vec![0f32; w + 2 * r];
    let mut acc = vec![0f32; w];
    for y in 0..h {
        let row = &raw[y * w..(y + 1) * w];
        for (i, p) in padded.iter_mut().enumerate() {
            *p = row[i.saturating_sub(r).min(w - 1)] as f32;
        }
        acc.fill(0.0);
        for (i, &k) in kernel.iter().enumerate() {
            for (a, &p) in acc.iter_mut().zip(&padded[i..i + w]) {
                *a += p * k;
            }
        }
        for (o, &a) in across[y * w..(y + 1) * w].iter_mut().zip(&acc) {
            *o = clamp_u8(a);
        }
    }
    // Vertical: rows above and below the image repeat its first and last.
    let mut out = vec![0u8; w * h];
    for y in 0..h {
        acc.fill(0.0);
        for (i, &k) in kernel.iter().enumerate() {
            let sy = (y + i).saturating_sub(r).min(h - 1);
            for (a, &p) in acc.iter_mut().zip(&across[sy * w..(sy + 1) * w]) {
                *a += p as f32 * k;
            }
        }
        for (o, &a) in out[y * w..(y + 1) * w].iter_mut().zip(&acc) {
            *o = clamp_u8(a);
        }
    }
    GrayImage::from_raw(w as u32, h as u32, out).expect("w*h bytes")
}

/// imageproc's `gaussian_kernel_f32`: the normal density at 0..=⌈2σ⌉,
/// mirrored and normalised to sum 1.
fn gaussian_kernel(sigma: f32) -> Vec<f32> {
    let radius = (2.0 * sigma).ceil() as usize;
    let pdf = |x: f32| {
        (sigma * (2.0 * std::f32::consts::PI).sqrt()).recip()
            * (-x.powi(2) / (2.0 * sigma.powi(2))).exp()
    };
    let mut kernel = vec![0.0f32; 2 * radius + 1];
    for i in 0..=radius {
        kernel[radius + i] = pdf(i as f32);
        kernel[radius - i] = pdf(i as f32);
    }
    let sum: f32 = kernel.iter().sum();
    kernel.iter_mut().for_each(|k| *k /= sum);
    kernel
}

/// imageproc's `Clamp<f32> for u8`: truncates, saturating at 0 and 255.
fn clamp_u8(x: f32) -> u8 {
    if x < 255.0 {
        if x > 0.0 { x as u8 } else { 0 }
    } else {
        255
    }
}

/// One Canny edge map (255 on edges, 0 elsewhere) per `(low, high)`
/// hysteresis threshold pair, as `imageproc::edges::canny(image, low, high)`
/// gives each: a σ 1.4 Gaussian blur, Sobel gradients, non-maximum
/// suppression, hysteresis.
pub fn canny_maps(image: &GrayImage, thresholds: &[(f32, f32)]) -> Vec<GrayImage> {
    let (w, h) = image.dimensions();
    if w < 3 || h < 3 {
        // No interior pixel: imageproc's maps are all 0 too.
        return thresholds.iter().map(|_| GrayImage::new(w, h)).collect();
    }
    let blurred = gaussian_blur(image, 1.4);
    let (gx, gy) = sobel(&blurred);
    let magnitude: Vec<f32> = gx
        .iter()
        .zip(&gy)
        .map(|(&x, &y)| (x as f32).hypot(y as f32))
        .collect();
    // Suppression only matters where some threshold could keep the pixel.
    let lowest = thresholds
        .iter()
        .map(|&(lo, _)| lo)
        .fold(f32::INFINITY, f32::min);
    let thinned = non_maximum_suppression(&magnitude, &gx, &gy, w as usize, h as usize, lowest);
    thresholds
        .iter()
        .map(|&(lo, hi)| hysteresis(&thinned, w, h, lo, hi))
        .collect()
}

/// Horizontal and vertical 3×3 Sobel responses, the border replicated
/// (imageproc's `filter_clamped` with its Sobel kernels).
fn sobel(img: &GrayImage) -> (Vec<i16>, Vec<i16>) {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let raw = img.as_raw();
    let px = |x: usize, y: usize| raw[y * w + x] as i16;
    let (mut gx, mut gy) = (vec![0i16; w * h], vec![0i16; w * h]);
    for y in 0..h {
        let (up, down) = (y.saturating_sub(1), (y + 1).min(h - 1));
        for x in 0..w {
            let (left, right) = (x.saturating_sub(1), (x + 1).min(w - 1));
            gx[y * w + x] = (px(right, up) - px(left, up))
                + 2 * (px(right, y) - px(left, y))
                + (px(right, down) - px(left, down));
            gy[y * w + x] = (px(left, down) - px(left, up))
                + 2 * (px(x, down) - px(x, up))
                + (px(right, down) - px(right, up));
        }
    }
    (gx, gy)
}

/// Keeps a gradient magnitude only where it is a maximum across the edge
/// (imageproc's rule, its angle arithmetic included so ties fall the same
/// way); interior pixels only. Pixels below `lowest` are left at 0: no
/// threshold keeps them either way.
fn non_maximum_suppression(
    g: &[f32],
    gx: &[i16],
    gy: &[i16],
    w: usize,
    h: usize,
    lowest: f32,
) -> Vec<f32> {
    const RADIANS_TO_DEGREES: f32 = 180f32 / std::f32::consts::PI;
    let mut out = vec![0.0f32; w * h];
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            let i = y * w + x;
            let pixel = g[i];
            if pixel < lowest {
                continue;
            }
            let mut angle = (gy[i] as f32).atan2(gx[i] as f32) * RADIANS_TO_DEGREES;
            if angle < 0.0 {
                angle += 180.0;
            }
            let (a, b) = if !(22.5..157.5).contains(&angle) {
                (i - 1, i + 1)
            } else if angle < 67.5 {
                (i + w + 1, i - w - 1)
            } else if angle < 112.5 {
                (i - w, i + w)
            } else {
                (i + w - 1, i - w + 1)
            };
            if !(pixel < g[a] || pixel < g[b]) {
                out[i] = pixel;
            }
        }
    }
    out
}

/// Edges at least `high`, grown through neighbours at least `low`
/// (imageproc's depth-first walk, its six-neighbour step included).
fn hysteresis(thinned: &[f32], w: u32, h: u32, low: f32, high: f32) -> GrayImage {
    // A walk must not step onto the border's zeros (imageproc panics there).
    let low = low.max(f32::MIN_POSITIVE);
    let (wu, hu) = (w as usize, h as usize);
    let mut out = vec![0u8; wu * hu];
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for y in 1..hu - 1 {
        for x in 1..wu - 1 {
            if thinned[y * wu + x] < high || out[y * wu + x] != 0 {
                continue;
            }
            out[y * wu + x] = 255;
            stack.push((x, y));
            while let Some((nx, ny)) = stack.pop() {
                // At most one pixel outside the interior: the thinned map is
                // 0 on the border, so no walk leaves the image.
                for (mx, my) in [
                    (nx + 1, ny),
                    (nx + 1, ny + 1),
                    (nx, ny + 1),
                    (nx - 1, ny - 1),
                    (nx - 1, ny),
                    (nx - 1, ny + 1),
                ] {
                    let j = my * wu + mx;
                    if thinned[j] >= low && out[j] == 0 {
                        out[j] = 255;
                        stack.push((mx, my));
                    }
                }
            }
        }
    }
    GrayImage::from_raw(w, h, out).expect("one byte per pixel")
}

/// Every pixel within `k` px (a square window) of a non-zero pixel becomes
/// 255, the rest 0: `imageproc::morphology::dilate(img, Norm::LInf, k)`.
pub fn dilate_square(img: &GrayImage, k: u32) -> GrayImage {
    square_filter(img, k, |set, _| set > 0)
}

/// Only pixels whose whole square window of radius `k` (clipped to the
/// image) is non-zero stay 255: `imageproc::morphology::erode(img,
/// Norm::LInf, k)`.
pub fn erode_square(img: &GrayImage, k: u32) -> GrayImage {
    square_filter(img, k, |set, len| set == len)
}

/// Dilation then erosion: fills gaps narrower than `2k + 1` px,
/// `imageproc::morphology::close(img, Norm::LInf, k)`.
pub fn close_square(img: &GrayImage, k: u32) -> GrayImage {
    erode_square(&dilate_square(img, k), k)
}

/// Applies `keep(non-zero pixels in the window, window length)` over each
/// pixel's window of radius `k`, clipped to the image, along rows and then
/// along columns: a square window is separable for "any" and "all". Counts
/// come from running sums, so the cost does not grow with `k`.
fn square_filter(img: &GrayImage, k: u32, keep: impl Fn(u32, u32) -> bool) -> GrayImage {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let k = k as usize;
    let raw = img.as_raw();
    let window = |i: usize, n: usize| (i.saturating_sub(k), (i + k + 1).min(n));
    let mark = |b: bool| if b { 255u8 } else { 0 };
    // Along rows.
    let mut rows = vec![0u8; w * h];
    let mut prefix = vec![0u32; w + 1];
    for y in 0..h {
        for x in 0..w {
            prefix[x + 1] = prefix[x] + u32::from(raw[y * w + x] != 0);
        }
        for x in 0..w {
            let (lo, hi) = window(x, w);
            rows[y * w + x] = mark(keep(prefix[hi] - prefix[lo], (hi - lo) as u32));
        }
    }
    // Along columns: running per-column sums, one row at a time.
    let mut sums = vec![0u32; w * (h + 1)];
    for y in 0..h {
        for x in 0..w {
            sums[(y + 1) * w + x] = sums[y * w + x] + u32::from(rows[y * w + x] != 0);
        }
    }
    let mut out = vec![0u8; w * h];
    for y in 0..h {
        let (lo, hi) = window(y, h);
        let len = (hi - lo) as u32;
        for x in 0..w {
            out[y * w + x] = mark(keep(sums[hi * w + x] - sums[lo * w + x], len));
        }
    }
    GrayImage::from_raw(w as u32, h as u32, out).expect("one byte per pixel")
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;
    use imageproc::distance_transform::Norm;

    /// Deterministic clutter: blobs, lines and noise, like a photo's
    /// downscaled copy, plus a card-like rectangle.
    fn scene(w: u32, h: u32, seed: u32) -> GrayImage {
        let mut s = seed;
        let mut next = move || {
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            s
        };
        let mut img = GrayImage::from_fn(w, h, |x, y| Luma([((x * 3 + y * 5) % 97) as u8 + 60]));
        for _ in 0..40 {
            let (x0, y0) = (next() % w, next() % h);
            let (bw, bh, v) = (next() % 40 + 1, next() % 30 + 1, (next() % 256) as u8);
            for y in y0..(y0 + bh).min(h) {
                for x in x0..(x0 + bw).min(w) {
                    img.put_pixel(x, y, Luma([v]));
                }
            }
        }
        for p in img.pixels_mut() {
            p[0] = p[0].saturating_add((next() % 9) as u8);
        }
        img
    }

    fn binary(img: &GrayImage, level: u8) -> GrayImage {
        imageproc::contrast::threshold(img, level, imageproc::contrast::ThresholdType::Binary)
    }

    #[test]
    fn blur_equals_imageprocs() {
        for (w, h, seed) in [
            (200, 120, 1),
            (97, 203, 7),
            (3, 3, 9),
            (1, 40, 5),
            (33, 2, 8),
        ] {
            let img = scene(w, h, seed);
            for sigma in [1.4, 1.5, 0.7, 3.0] {
                let theirs = imageproc::filter::gaussian_blur_f32(&img, sigma);
                assert_eq!(gaussian_blur(&img, sigma), theirs, "{w}x{h} sigma {sigma}");
            }
        }
    }

    #[test]
    fn canny_maps_equal_imageprocs_canny() {
        let pairs = [(8.0, 20.0), (30.0, 70.0), (100.0, 250.0)];
        for (w, h, seed) in [(200, 120, 1), (97, 203, 7), (3, 3, 9), (640, 360, 42)] {
            let img = imageproc::filter::gaussian_blur_f32(&scene(w, h, seed), 1.5);
            let ours = canny_maps(&img, &pairs);
            for (map, &(lo, hi)) in ours.iter().zip(&pairs) {
                let theirs = imageproc::edges::canny(&img, lo, hi);
                assert!(theirs.pixels().any(|p| p[0] != 0) || w < 10);
                assert_eq!(map, &theirs, "{w}x{h} thresholds {lo}/{hi}");
            }
        }
    }

    #[test]
    fn morphology_equals_imageprocs() {
        use imageproc::morphology::{close, dilate, erode};
        for (w, h, seed) in [(150, 90, 3), (1, 40, 5), (33, 2, 8), (300, 200, 11)] {
            let img = binary(&scene(w, h, seed), 150);
            for k in [1, 2, 3] {
                assert_eq!(dilate_square(&img, k as u32), dilate(&img, Norm::LInf, k));
                assert_eq!(erode_square(&img, k as u32), erode(&img, Norm::LInf, k));
                assert_eq!(close_square(&img, k as u32), close(&img, Norm::LInf, k));
            }
        }
        // No foreground at all: nothing to grow; all foreground: nothing
        // eroded from outside the image.
        let empty = GrayImage::new(20, 10);
        assert_eq!(dilate_square(&empty, 2), empty);
        let full = GrayImage::from_pixel(20, 10, Luma([255]));
        assert_eq!(erode_square(&full, 2), full);
    }
}
