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
}

/// An OCR engine: turns a prepared card image into text with boxes.
pub trait Recognizer {
    /// Recognises one prepared image.
    fn recognize(&mut self, image: &Prepared) -> Result<OcrPage, OcrError>;
}
