//! The whole pipeline for one card: file → [`Contact`].

use crate::contact::Contact;
use crate::error::{Error, Result};
use crate::extract::{self, ExtractParams};
use crate::ocr::{OcrPage, Recognizer};
use crate::preprocess::{self, Prepared, PreprocessParams};
use std::path::Path;

/// Settings for a whole scan.
#[derive(Debug, Clone)]
pub struct ScanParams {
    /// Tesseract language codes joined by `+` (`eng`, `por+eng`). The first
    /// one matters most to Tesseract. Default `eng`.
    pub lang: String,
    /// Preprocessing settings.
    pub preprocess: PreprocessParams,
    /// Extraction settings.
    pub extract: ExtractParams,
    /// Let the engine's own messages through to stderr.
    pub verbose: bool,
}

impl Default for ScanParams {
    fn default() -> Self {
        ScanParams {
            lang: "eng".into(),
            preprocess: PreprocessParams::default(),
            extract: ExtractParams::default(),
            verbose: false,
        }
    }
}

/// How much a page reads: characters of confidently recognised words.
fn read_score(page: &OcrPage) -> f32 {
    page.lines
        .iter()
        .flat_map(|l| &l.words)
        .filter(|w| w.confidence >= 0.6)
        .map(|w| w.text.chars().filter(|c| c.is_alphanumeric()).count() as f32 * w.confidence)
        .sum()
}

/// Scans cards with one OCR engine, created once and reused.
pub struct Scanner {
    recognizer: Box<dyn Recognizer + Send>,
    params: ScanParams,
}

/// A scan's intermediate results, for `--debug-dir` and tests.
#[derive(Debug, Clone)]
pub struct ScanDetail {
    /// The image that went to OCR.
    pub prepared: Prepared,
    /// What OCR read.
    pub page: OcrPage,
    /// What extraction made of it.
    pub contact: Contact,
}

impl Scanner {
    /// Starts the default OCR engine (Tesseract).
    pub fn new(params: &ScanParams) -> Result<Scanner> {
        #[cfg(feature = "tesseract")]
        {
            let tess = crate::ocr::TesseractParams {
                lang: params.lang.clone(),
                verbose: params.verbose,
                ..Default::default()
            };
            let rec = crate::ocr::TesseractRecognizer::new(&tess).map_err(Error::Engine)?;
            Ok(Scanner::with_recognizer(Box::new(rec), params.clone()))
        }
        #[cfg(not(feature = "tesseract"))]
        {
            let _ = params;
            Err(Error::Engine(crate::error::OcrError::Unavailable))
        }
    }

    /// Uses a given OCR engine (another engine, or a fake in tests).
    pub fn with_recognizer(recognizer: Box<dyn Recognizer + Send>, params: ScanParams) -> Scanner {
        Scanner { recognizer, params }
    }

    /// Extraction settings, to change between cards (e.g. a region per card).
    pub fn extract_params_mut(&mut self) -> &mut ExtractParams {
        &mut self.params.extract
    }

    /// Scans one image file.
    pub fn scan_file(&mut self, path: &Path) -> Result<Contact> {
        Ok(self.scan_file_detail(path)?.contact)
    }

    /// Scans one image file, keeping the intermediate results.
    pub fn scan_file_detail(&mut self, path: &Path) -> Result<ScanDetail> {
        let img = preprocess::load(path, &self.params.preprocess)?;
        let candidates = preprocess::prepare_all(&img, &self.params.preprocess);
        drop(img);
        let mut best: Option<(f32, Prepared, OcrPage)> = None;
        for prepared in candidates {
            let page = self
                .recognizer
                .recognize(&prepared)
                .map_err(|source| Error::Ocr {
                    path: path.to_path_buf(),
                    source,
                })?;
            let mut score = read_score(&page);
            if prepared.card.is_some() {
                // A flattened card reads cleaner; prefer it unless the whole
                // frame reads clearly more (a crop that cut text away).
                score *= 1.15;
            }
            if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
                best = Some((score, prepared, page));
            }
        }
        let (_, prepared, page) = best.expect("prepare_all gives at least one image");
        let mut contact = extract::extract(&page, &self.params.extract);
        contact.source = Some(path.display().to_string());
        Ok(ScanDetail {
            prepared,
            page,
            contact,
        })
    }
}
