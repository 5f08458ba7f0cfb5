//! Lighting normalisation for a flattened card (or the whole frame): flatten
//! uneven light and glare gradients, stretch contrast, and turn light-on-dark
//! regions (a dark band, a whole dark card) into dark-on-light, which is what
//! Tesseract reads best. The result stays grayscale — no binarisation
//! (binarising a whole photo was measured to make OCR worse).
//!
//! How ([`normalize`]):
//! 1. [`invert_dark_regions`]: on a grid of ~8 px block means, blocks darker
//!    than the midpoint of ink and paper (global 2nd/98th percentiles) form
//!    regions (closed, small holes filled); a region of ≥ 3 % of the image
//!    whose pixels include light ones well above its median (light text) is
//!    inverted, with an 8 px soft edge.
//! 2. Background: block means on a ~64×64 grid, a 5×5 max filter (drops text,
//!    which is darker than paper), a 3×3 box blur, bilinear upsampling; each
//!    pixel is divided by it, so paper lands near white everywhere.
//! 3. Contrast: the 0.5th percentile is mapped to black.
//!
//! Cost: a few passes over the pixels, ~10 ms for 2000×1150 in release.

use image::GrayImage;

/// Paper level after division (a little below 255 so paper texture is kept).
const PAPER: f32 = 248.0;

/// Flattens lighting, inverts light-on-dark regions and stretches contrast.
pub fn normalize(img: &GrayImage) -> GrayImage {
    let (w, h) = img.dimensions();
    if w < 16 || h < 16 {
        return img.clone();
    }
    let inv = invert_dark_regions(img);
    flatten(&inv)
}

/// How much of the ink changes its black/white call when `normalised` (the
/// same image after [`normalize`]) replaces `original`, each cut at its own
/// Otsu threshold as Tesseract does: pixels whose call differs, over the ink
/// pixels of the original. Near 0 for a plain card under even light (a
/// second reading would see the same); large for inverted bands, coloured
/// backgrounds and uneven light.
pub fn threshold_change(original: &GrayImage, normalised: &GrayImage) -> f32 {
    let (a, b) = (
        imageproc::contrast::otsu_level(original),
        imageproc::contrast::otsu_level(normalised),
    );
    let (mut changed, mut ink) = (0usize, 0usize);
    for (&p, &q) in original.as_raw().iter().zip(normalised.as_raw()) {
        let dark = p <= a;
        ink += dark as usize;
        changed += (dark != (q <= b)) as usize;
    }
    changed as f32 / ink.max(1) as f32
}

/// Block means of `img` on a grid of `bw`×`bh` blocks of `b` px (the last
/// row/column of blocks may be partial).
fn block_means(img: &GrayImage, b: u32) -> (Vec<f32>, usize, usize) {
    let (w, h) = img.dimensions();
    let gw = w.div_ceil(b) as usize;
    let gh = h.div_ceil(b) as usize;
    let mut sums = vec![0u64; gw * gh];
    let mut counts = vec![0u32; gw * gh];
    let raw = img.as_raw();
    for y in 0..h as usize {
        let gy = y / b as usize;
        let row = &raw[y * w as usize..(y + 1) * w as usize];
        for (gx, chunk) in row.chunks(b as usize).enumerate() {
            sums[gy * gw + gx] += chunk.iter().map(|&p| p as u64).sum::<u64>();
            counts[gy * gw + gx] += chunk.len() as u32;
        }
    }
    let means = sums
        .iter()
        .zip(&counts)
        .map(|(&s, &c)| s as f32 / c.max(1) as f32)
        .collect();
    (means, gw, gh)
}

/// Percentile (0–1) of an 8-bit histogram.
fn percentile(hist: &[u64; 256], total: u64, q: f64) -> u8 {
    let target = (total as f64 * q) as u64;
    let mut acc = 0;
    for (v, &c) in hist.iter().enumerate() {
        acc += c;
        if acc > target {
            return v as u8;
        }
    }
    255
}

fn histogram(img: &GrayImage) -> [u64; 256] {
    let mut hist = [0u64; 256];
    for &p in img.as_raw() {
        hist[p as usize] += 1;
    }
    hist
}

/// Upsamples a block grid (block size `b`) to `w`×`h` bilinearly, calling
/// `f(x, y, value)` for every pixel row by row.
fn upsample_rows(
    grid: &[f32],
    gw: usize,
    gh: usize,
    b: u32,
    w: u32,
    h: u32,
    mut f: impl FnMut(usize, &[f32]),
) {
    let coord = |p: u32, n: usize| {
        let c = ((p as f32 + 0.5) / b as f32 - 0.5).clamp(0.0, (n - 1) as f32);
        let i0 = c.floor() as usize;
        let i1 = (i0 + 1).min(n - 1);
        (i0, i1, c - i0 as f32)
    };
    let xs: Vec<(usize, usize, f32)> = (0..w).map(|x| coord(x, gw)).collect();
    let mut row = vec![0f32; gw];
    let mut out = vec![0f32; w as usize];
    for y in 0..h {
        let (y0, y1, fy) = coord(y, gh);
        for gx in 0..gw {
            row[gx] = grid[y0 * gw + gx] * (1.0 - fy) + grid[y1 * gw + gx] * fy;
        }
        for (o, &(x0, x1, fx)) in out.iter_mut().zip(&xs) {
            *o = row[x0] * (1.0 - fx) + row[x1] * fx;
        }
        f(y as usize, &out);
    }
}

/// Inverts large dark regions that hold light content (light text on a dark
/// band or a dark card), leaving the rest alone. Dark regions without light
/// content (a dim corner, a dark photo) are kept.
pub fn invert_dark_regions(img: &GrayImage) -> GrayImage {
    let (w, h) = img.dimensions();
    let hist = histogram(img);
    let total = w as u64 * h as u64;
    let ink = percentile(&hist, total, 0.02) as f32;
    let paper = percentile(&hist, total, 0.98) as f32;
    if paper - ink < 60.0 {
        return img.clone();
    }
    let mid = (ink + paper) / 2.0;
    let b = (w.max(h) / 256).max(4);
    let (means, gw, gh) = block_means(img, b);
    let mut dark: Vec<bool> = means.iter().map(|&m| m < mid).collect();
    // Close (3×3 twice): light strokes inside a band make small holes.
    for _ in 0..2 {
        dark = grid_morph(&dark, gw, gh, true);
    }
    for _ in 0..2 {
        dark = grid_morph(&dark, gw, gh, false);
    }
    fill_small_holes(&mut dark, gw, gh, (0.02 * (gw * gh) as f64) as usize);
    let labels = label(&dark, gw, gh);
    let n = labels.iter().copied().max().unwrap_or(0) as usize;
    if n == 0 {
        return img.clone();
    }
    // Per region: block count and a histogram of its pixels.
    let mut count = vec![0usize; n + 1];
    for &l in &labels {
        count[l as usize] += 1;
    }
    let min_blocks = (0.03 * (gw * gh) as f64).ceil() as usize;
    let big: Vec<bool> = count.iter().map(|&c| c >= min_blocks).collect();
    if !big.iter().skip(1).any(|&x| x) {
        return img.clone();
    }
    let mut hists = vec![[0u64; 256]; n + 1];
    let raw = img.as_raw();
    for y in 0..h as usize {
        let gy = y / b as usize;
        for x in 0..w as usize {
            let l = labels[gy * gw + x / b as usize] as usize;
            if l > 0 && big[l] {
                hists[l][raw[y * w as usize + x] as usize] += 1;
            }
        }
    }
    // Light content: the brightest 2 % well above the region's median and
    // reaching the paper side of the midpoint.
    let invert: Vec<bool> = (0..=n)
        .map(|l| {
            if l == 0 || !big[l] {
                return false;
            }
            let t: u64 = hists[l].iter().sum();
            let med = percentile(&hists[l], t, 0.5) as f32;
            let hi = percentile(&hists[l], t, 0.98) as f32;
            med < mid && hi > mid && hi - med >= 50.0
        })
        .collect();
    if !invert.iter().any(|&x| x) {
        return img.clone();
    }
    let weight: Vec<f32> = labels
        .iter()
        .map(|&l| if invert[l as usize] { 1.0 } else { 0.0 })
        .collect();
    let mut out = img.clone();
    let buf: &mut [u8] = &mut out;
    upsample_rows(&weight, gw, gh, b, w, h, |y, wrow| {
        let row = &mut buf[y * w as usize..(y + 1) * w as usize];
        for (p, &k) in row.iter_mut().zip(wrow) {
            if k > 0.0 {
                let v = *p as f32;
                *p = (v + k * (255.0 - 2.0 * v)).round().clamp(0.0, 255.0) as u8;
            }
        }
    });
    out
}

/// One 3×3 dilation (`grow`) or erosion of a block mask; the frame border
/// counts as "unset" for dilation and "set" for erosion, so regions touching
/// the border are not eaten away.
fn grid_morph(m: &[bool], gw: usize, gh: usize, grow: bool) -> Vec<bool> {
    let mut out = vec![false; m.len()];
    for y in 0..gh {
        for x in 0..gw {
            let mut v = !grow;
            for dy in -1i32..=1 {
                for dx in -1i32..=1 {
                    let (nx, ny) = (x as i32 + dx, y as i32 + dy);
                    if nx < 0 || ny < 0 || nx >= gw as i32 || ny >= gh as i32 {
                        continue;
                    }
                    let s = m[ny as usize * gw + nx as usize];
                    if grow { v |= s } else { v &= s }
                }
            }
            out[y * gw + x] = v;
        }
    }
    out
}

/// Sets unset regions that do not touch the frame border and have fewer
/// than `max` cells (large light letters inside a dark band).
fn fill_small_holes(m: &mut [bool], gw: usize, gh: usize, max: usize) {
    let inv: Vec<bool> = m.iter().map(|&v| !v).collect();
    let labels = label(&inv, gw, gh);
    let n = labels.iter().copied().max().unwrap_or(0) as usize;
    let mut count = vec![0usize; n + 1];
    let mut border = vec![false; n + 1];
    for (i, &l) in labels.iter().enumerate() {
        count[l as usize] += 1;
        let (x, y) = (i % gw, i / gw);
        if x == 0 || y == 0 || x + 1 == gw || y + 1 == gh {
            border[l as usize] = true;
        }
    }
    for (i, &l) in labels.iter().enumerate() {
        if l > 0 && !border[l as usize] && count[l as usize] < max {
            m[i] = true;
        }
    }
}

/// 4-connected labels of set cells (1..), 0 for unset.
fn label(m: &[bool], gw: usize, gh: usize) -> Vec<u32> {
    let mut labels = vec![0u32; m.len()];
    let mut next = 0;
    let mut stack = Vec::new();
    for start in 0..m.len() {
        if !m[start] || labels[start] != 0 {
            continue;
        }
        next += 1;
        labels[start] = next;
        stack.push(start);
        while let Some(i) = stack.pop() {
            let (x, y) = (i % gw, i / gw);
            let mut visit = |j: usize| {
                if m[j] && labels[j] == 0 {
                    labels[j] = next;
                    stack.push(j);
                }
            };
            if x > 0 {
                visit(i - 1);
            }
            if x + 1 < gw {
                visit(i + 1);
            }
            if y > 0 {
                visit(i - gw);
            }
            if y + 1 < gh {
                visit(i + gw);
            }
        }
    }
    labels
}

/// Divides by an estimated paper background and stretches the dark end.
fn flatten(img: &GrayImage) -> GrayImage {
    let (w, h) = img.dimensions();
    let b = (w.max(h) / 64).max(4);
    let (means, gw, gh) = block_means(img, b);
    // Max filter 5×5: text blocks are darker than the paper between lines.
    let mut bg = vec![0f32; means.len()];
    for y in 0..gh {
        for x in 0..gw {
            let mut v = 0f32;
            for ny in y.saturating_sub(2)..(y + 3).min(gh) {
                for nx in x.saturating_sub(2)..(x + 3).min(gw) {
                    v = v.max(means[ny * gw + nx]);
                }
            }
            bg[y * gw + x] = v;
        }
    }
    // Box blur 3×3 so block steps do not show.
    let mut smooth = vec![0f32; bg.len()];
    for y in 0..gh {
        for x in 0..gw {
            let (mut s, mut c) = (0f32, 0f32);
            for ny in y.saturating_sub(1)..(y + 2).min(gh) {
                for nx in x.saturating_sub(1)..(x + 2).min(gw) {
                    s += bg[ny * gw + nx];
                    c += 1.0;
                }
            }
            smooth[y * gw + x] = (s / c).max(16.0);
        }
    }
    let mut out = GrayImage::new(w, h);
    {
        let src = img.as_raw();
        let dst: &mut [u8] = &mut out;
        upsample_rows(&smooth, gw, gh, b, w, h, |y, brow| {
            let r = y * w as usize..(y + 1) * w as usize;
            for ((d, &s), &g) in dst[r.clone()].iter_mut().zip(&src[r]).zip(brow) {
                *d = (s as f32 * PAPER / g).min(255.0) as u8;
            }
        });
    }
    // Stretch: the darkest 0.5 % become black, paper stays where it is.
    let hist = histogram(&out);
    let lo = percentile(&hist, w as u64 * h as u64, 0.005) as f32;
    if lo > 8.0 && lo < PAPER - 60.0 {
        let k = PAPER / (PAPER - lo);
        let lut: Vec<u8> = (0..256)
            .map(|v| ((v as f32 - lo) * k).clamp(0.0, 255.0) as u8)
            .collect();
        for p in out.iter_mut() {
            *p = lut[*p as usize];
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    #[test]
    fn threshold_change_is_small_for_plain_cards_and_large_for_bands() {
        // Dark text strokes on white paper, at a card's working size:
        // normalising keeps nearly every black/white call.
        let stroke = |x: u32, y: u32, top: u32| (top..top + 24).contains(&y) && x % 12 < 5;
        let plain = GrayImage::from_fn(1000, 500, |x, y| {
            let text = (100..900).contains(&x) && (stroke(x, y, 80) || stroke(x, y, 160));
            Luma([if text { 25 } else { 235 }])
        });
        let same = normalize(&plain);
        assert!(threshold_change(&plain, &same) < 0.05);
        // A dark band with light text across the lower half is inverted by
        // normalising: most of the ink changes sides.
        let band = GrayImage::from_fn(1000, 500, |x, y| {
            let text = (100..900).contains(&x) && stroke(x, y, 350);
            match y {
                250.. => Luma([if text { 230 } else { 30 }]),
                _ => *plain.get_pixel(x, y),
            }
        });
        let inverted = normalize(&band);
        assert!(threshold_change(&band, &inverted) > 0.3);
    }

    /// Text-like dark bars on paper: rows of words.
    fn page(w: u32, h: u32, paper: impl Fn(u32, u32) -> f32, ink: u8) -> GrayImage {
        let mut img = GrayImage::from_fn(w, h, |x, y| Luma([paper(x, y) as u8]));
        for line in 0..8 {
            for word in 0..6 {
                let (x0, y0) = (60 + word * (w - 120) / 6, 60 + line * (h - 120) / 8);
                for y in y0..y0 + 24 {
                    for x in x0..x0 + (w - 120) / 9 {
                        img.put_pixel(x, y, Luma([ink]));
                    }
                }
            }
        }
        img
    }

    fn paper_spread(img: &GrayImage) -> (u8, u8) {
        // Paper pixels only: bright in the original layout (not in bars).
        let probe = page(img.width(), img.height(), |_, _| 255.0, 0);
        let (mut lo, mut hi) = (255u8, 0u8);
        for (p, q) in img.pixels().zip(probe.pixels()) {
            if q[0] == 255 {
                lo = lo.min(p[0]);
                hi = hi.max(p[0]);
            }
        }
        (lo, hi)
    }

    #[test]
    fn gradient_lit_page_becomes_flat() {
        let (w, h) = (1200, 700);
        let img = page(
            w,
            h,
            |x, y| 250.0 - 130.0 * x as f32 / w as f32 - 20.0 * y as f32 / h as f32,
            15,
        );
        let (lo, hi) = paper_spread(&img);
        assert!(hi - lo > 120, "input spread {lo}..{hi}");
        let out = normalize(&img);
        let (lo, hi) = paper_spread(&out);
        assert!(hi - lo <= 25 && lo >= 220, "paper {lo}..{hi}");
        // Ink stays dark, also in the dim corner.
        let ink_dim = out.get_pixel(60 + 5 * (w - 120) / 6 + 5, 60 + 7 * (h - 120) / 8 + 5)[0];
        assert!(ink_dim < 40, "ink in dim corner {ink_dim}");
    }

    #[test]
    fn clean_white_page_is_unchanged() {
        let img = page(1000, 600, |_, _| 245.0, 20);
        let out = normalize(&img);
        let diffs: Vec<i32> = img
            .pixels()
            .zip(out.pixels())
            .map(|(a, b)| (a[0] as i32 - b[0] as i32).abs())
            .collect();
        let worst = *diffs.iter().max().unwrap();
        let mean = diffs.iter().sum::<i32>() as f32 / diffs.len() as f32;
        // Paper stays put; the stretch may only deepen the ink a little.
        let (lo, hi) = paper_spread(&out);
        assert!(lo >= 240 && hi <= 252, "paper {lo}..{hi}");
        assert!(
            worst <= 25 && mean <= 8.0,
            "max change {worst}, mean {mean}"
        );
    }

    #[test]
    fn dark_band_with_light_text_is_inverted() {
        let (w, h) = (1400, 800);
        let mut img = page(w, h, |_, _| 240.0, 25);
        // A dark band over the top quarter with light bars in it.
        for y in 0..200 {
            for x in 0..w {
                img.put_pixel(x, y, Luma([60]));
            }
        }
        for word in 0..4 {
            for y in 80..120 {
                for x in 100 + word * 300..300 + word * 300 {
                    img.put_pixel(x, y, Luma([235]));
                }
            }
        }
        let out = normalize(&img);
        // Band background is now light, its bars dark; the body unchanged.
        assert!(
            out.get_pixel(700, 30)[0] > 200,
            "band bg {}",
            out.get_pixel(700, 30)[0]
        );
        assert!(
            out.get_pixel(150, 100)[0] < 60,
            "band text {}",
            out.get_pixel(150, 100)[0]
        );
        assert!(out.get_pixel(700, 780)[0] > 220);
        assert!(out.get_pixel(70, 60 + 4 * (h - 120) / 8 + 10)[0] < 60);
    }

    #[test]
    fn whole_dark_card_is_inverted() {
        let img = page(1000, 600, |_, _| 40.0, 230);
        let out = normalize(&img);
        assert!(
            out.get_pixel(30, 30)[0] > 200,
            "{}",
            out.get_pixel(30, 30)[0]
        );
        assert!(
            out.get_pixel(70, 70)[0] < 60,
            "{}",
            out.get_pixel(70, 70)[0]
        );
    }

    #[test]
    fn dim_page_with_dark_ink_is_not_inverted() {
        let img = page(1000, 600, |_, _| 110.0, 10);
        let out = normalize(&img);
        assert!(out.get_pixel(30, 30)[0] > 200);
        assert!(out.get_pixel(70, 70)[0] < 40);
    }

    #[test]
    #[ignore]
    fn timing() {
        let img = page(2000, 1150, |x, _| 250.0 - 100.0 * x as f32 / 2000.0, 15);
        let _ = normalize(&img);
        let t = std::time::Instant::now();
        for _ in 0..10 {
            std::hint::black_box(normalize(&img));
        }
        println!(
            "normalize 2000x1150: {:.1} ms",
            t.elapsed().as_secs_f64() * 100.0
        );
    }
}
