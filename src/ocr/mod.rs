//! OCR stage: recognised text with its layout (line and word boxes,
//! confidences). Extraction works only on [`OcrPage`], never on pixels, so it
//! can be tested from strings with [`OcrPage::from_lines`].

use crate::error::OcrError;
use crate::preprocess::Prepared;
use serde::{Deserialize, Serialize};

#[cfg(feature = "tesseract")]
mod tesseract;
#[cfg(feature = "tesseract")]
pub use tesseract::{TesseractParams, TesseractRecognizer, tessdata_dirs};

/// An axis-aligned box in pixels of the prepared image.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BBox {
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Width.
    pub w: u32,
    /// Height.
    pub h: u32,
}

impl BBox {
    /// Right edge (exclusive).
    pub fn right(&self) -> u32 {
        self.x + self.w
    }
    /// Bottom edge (exclusive).
    pub fn bottom(&self) -> u32 {
        self.y + self.h
    }
    /// The smallest box holding both.
    pub fn union(&self, other: &BBox) -> BBox {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        BBox {
            x,
            y,
            w: self.right().max(other.right()) - x,
            h: self.bottom().max(other.bottom()) - y,
        }
    }
}

/// One recognised word.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OcrWord {
    /// The word's text.
    pub text: String,
    /// Where it is.
    pub bbox: BBox,
    /// Engine confidence, 0..=1.
    pub confidence: f32,
}

/// One recognised text line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OcrLine {
    /// The line's words joined by single spaces.
    pub text: String,
    /// Where it is.
    pub bbox: BBox,
    /// Mean word confidence, 0..=1.
    pub confidence: f32,
    /// Its words, left to right.
    pub words: Vec<OcrWord>,
    /// Engine block number; lines of one block belong together.
    pub block: u32,
}

/// Everything recognised on one card, lines in reading order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OcrPage {
    /// Width of the image that was recognised.
    pub width: u32,
    /// Height of the image that was recognised.
    pub height: u32,
    /// Text lines, top to bottom in reading order.
    pub lines: Vec<OcrLine>,
    /// Clockwise degrees (0/90/180/270) the engine turned the image to read
    /// it upright; boxes refer to the turned image.
    #[serde(default)]
    pub rotation: u32,
}

impl OcrPage {
    /// The text, lines joined with `\n`.
    pub fn text(&self) -> String {
        let lines: Vec<&str> = self.lines.iter().map(|l| l.text.as_str()).collect();
        lines.join("\n")
    }

    /// Builds a page from lines of text with a text height each (in pixels),
    /// stacked top to bottom; words get boxes in proportion to their length.
    /// For tests and for callers who have text from another engine.
    pub fn from_lines(lines: &[(&str, u32)]) -> OcrPage {
        let mut y = 20;
        let mut out = Vec::new();
        for (i, (text, height)) in lines.iter().enumerate() {
            let h = *height;
            let char_w = (h * 6 / 10).max(1);
            let mut x = 40;
            let mut words = Vec::new();
            for word in text.split_whitespace() {
                let w = char_w * word.chars().count() as u32;
                words.push(OcrWord {
                    text: word.to_string(),
                    bbox: BBox { x, y, w, h },
                    confidence: 0.9,
                });
                x += w + char_w;
            }
            let bbox = words
                .iter()
                .map(|w| w.bbox)
                .reduce(|a, b| a.union(&b))
                .unwrap_or(BBox { x: 40, y, w: 0, h });
            out.push(OcrLine {
                text: words
                    .iter()
                    .map(|w| w.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                bbox,
                confidence: 0.9,
                words,
                block: i as u32,
            });
            y += h * 2;
        }
        OcrPage {
            width: 1050,
            height: y + 20,
            lines: out,
            rotation: 0,
        }
    }

    /// Builds a page from plain text, one line per text line, all of the
    /// same height (30 px).
    pub fn from_text(text: &str) -> OcrPage {
        let lines: Vec<(&str, u32)> = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| (l, 30))
            .collect();
        OcrPage::from_lines(&lines)
    }

    /// How much the page reads: characters of confidently recognised words
    /// (confidence ≥ 0.6), each weighted by its confidence. Upright text on
    /// a card scores in the hundreds; text read sideways or upside down
    /// scores near zero.
    pub fn read_score(&self) -> f32 {
        self.lines
            .iter()
            .flat_map(|l| &l.words)
            .filter(|w| w.confidence >= 0.6)
            .map(|w| w.text.chars().filter(|c| c.is_alphanumeric()).count() as f32 * w.confidence)
            .sum()
    }

    /// Adds the confidently read lines of `other` (another reading of the
    /// same image, e.g. with its lighting normalised) where this page read
    /// nothing. Each reading loses different parts of a busy card: inverting
    /// a dark panel can wash out dark text on a coloured stripe beside it.
    /// Readings turned differently are not merged. Gives the number of lines
    /// added.
    pub fn merge_missing(&mut self, other: &OcrPage) -> usize {
        if other.rotation != self.rotation || other.width == 0 || other.height == 0 {
            return 0;
        }
        // The recogniser may have scaled the two readings differently.
        let (sx, sy) = (
            self.width as f32 / other.width as f32,
            self.height as f32 / other.height as f32,
        );
        let map = |b: &BBox| BBox {
            x: (b.x as f32 * sx) as u32,
            y: (b.y as f32 * sy) as u32,
            w: (b.w as f32 * sx).max(1.0) as u32,
            h: (b.h as f32 * sy).max(1.0) as u32,
        };
        let mut next_block = self.lines.iter().map(|l| l.block + 1).max().unwrap_or(0);
        let mut added = 0;
        for line in &other.lines {
            let confident: usize = line
                .words
                .iter()
                .filter(|w| w.confidence >= 0.6)
                .map(|w| w.text.chars().filter(|c| c.is_alphanumeric()).count())
                .sum();
            if confident < 5 {
                continue;
            }
            let bbox = map(&line.bbox);
            if self.lines.iter().any(|l| overlap(&l.bbox, &bbox) > 0.3) {
                continue;
            }
            let mut line = line.clone();
            line.bbox = bbox;
            for w in &mut line.words {
                w.bbox = map(&w.bbox);
            }
            line.block = next_block;
            next_block += 1;
            // After the last line that starts above it: reading order.
            let at = self
                .lines
                .iter()
                .rposition(|l| l.bbox.y <= line.bbox.y)
                .map_or(0, |i| i + 1);
            self.lines.insert(at, line);
            added += 1;
        }
        added
    }
}

/// The share of `b`'s area that `a` covers.
fn overlap(a: &BBox, b: &BBox) -> f32 {
    let w = a.right().min(b.right()).saturating_sub(a.x.max(b.x));
    let h = a.bottom().min(b.bottom()).saturating_sub(a.y.max(b.y));
    (w as f32 * h as f32) / (b.w.max(1) as f32 * b.h.max(1) as f32)
}

/// An OCR engine: turns a prepared card image into text with boxes.
pub trait Recognizer {
    /// Recognises one prepared image.
    fn recognize(&mut self, image: &Prepared) -> Result<OcrPage, OcrError>;

    /// Recognises another rendering of the image last recognised (same size
    /// and geometry, e.g. its lighting normalised). An engine may reuse what
    /// it settled about that image, such as which way up it is; by default
    /// this is [`Recognizer::recognize`].
    fn recognize_again(&mut self, image: &Prepared) -> Result<OcrPage, OcrError> {
        self.recognize(image)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn confidences(page: &mut OcrPage, c: f32) {
        for l in &mut page.lines {
            l.confidence = c;
            for w in &mut l.words {
                w.confidence = c;
            }
        }
    }

    #[test]
    fn merge_adds_only_what_this_reading_missed() {
        // The first reading lost the phone line; the second lost the name.
        let mut first = OcrPage::from_lines(&[
            ("Eletronica Adachi", 40),
            ("ignored", 30),
            ("Av. Itaquera, 3006", 30),
        ]);
        first.lines.remove(1);
        let mut second = OcrPage::from_lines(&[
            ("Eletronica Adachi", 40),
            ("2294-9484", 30),
            ("Av. Itaquera, 3006", 30),
        ]);
        confidences(&mut second, 0.8);
        assert_eq!(first.merge_missing(&second), 1);
        let texts: Vec<&str> = first.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Eletronica Adachi", "2294-9484", "Av. Itaquera, 3006"]
        );
        // Merging again adds nothing: every line is there.
        assert_eq!(first.merge_missing(&second), 0);
    }

    #[test]
    fn merge_skips_unsure_lines_and_other_rotations() {
        let mut first = OcrPage::from_lines(&[("Eletronica Adachi", 40)]);
        let mut unsure = OcrPage::from_lines(&[("x", 40), ("2294-9484", 30)]);
        confidences(&mut unsure, 0.4);
        assert_eq!(first.merge_missing(&unsure), 0);
        let mut turned = OcrPage::from_lines(&[("x", 40), ("2294-9484", 30)]);
        turned.rotation = 180;
        assert_eq!(first.merge_missing(&turned), 0);
        assert_eq!(first.lines.len(), 1);
    }

    #[test]
    fn merge_maps_boxes_between_scales() {
        let mut first = OcrPage::from_lines(&[("Name Here", 40)]);
        let mut double = OcrPage::from_lines(&[("Name Here", 80), ("Phone 2294-9484", 60)]);
        double.width = first.width * 2;
        double.height = first.height * 2;
        // At twice the size, the first line falls on this page's name line.
        double.lines[0].bbox = BBox {
            x: 80,
            y: 40,
            w: 400,
            h: 80,
        };
        assert_eq!(first.merge_missing(&double), 1);
        let added = &first.lines[1];
        assert_eq!(added.text, "Phone 2294-9484");
        assert_eq!((added.bbox.y, added.bbox.h), (90, 30));
    }
}
