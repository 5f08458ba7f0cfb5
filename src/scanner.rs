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
    /// How much a flattened card must read (confident characters, see
    /// [`OcrPage::read_score`]) for the whole frame to be skipped. Default 100,
    /// roughly a name and a phone; below it the whole frame is read too and
    /// the better reading kept. 150 measured the same accuracy on every set
    /// but read the whole frame of most photos too (batch on 12 MP photos
    /// 1.07 -> 0.69 CPU s per card).
    pub card_read_enough: f32,
    /// Below this reading score an image is read again with its lighting
    /// normalised (coloured cards, glare). Default 120: the gain is on
    /// cards that read poorly (cards-dev scores 37 -> 160, 79 -> 142,
    /// 104 -> 135); 150 read most clean cards twice for the same result on
    /// every set (10 % more CPU on clean cards), 100 lost the 104 -> 135
    /// card, 80 cost clean mean F1 0.961 -> 0.955.
    pub retry_below: f32,
    /// The second, lighting-normalised reading is skipped when normalising
    /// changes the black/white call ([`light::threshold_change`]) of less
    /// than this fraction of the ink. Default 0.05: white cards under even
    /// light change < 1 % and read the same twice (30 clean fixtures: 17
    /// second readings saved); cards with coloured bands, shop fronts and
    /// unevenly lit photos change 15–100 %.
    ///
    /// [`light::threshold_change`]: crate::preprocess::light::threshold_change
    pub retry_min_change: f32,
    /// Turn cards upright (0/90/180/270°) by their text. Default true.
    pub orient: bool,
    /// Keep an image of each stage in [`ScanDetail::stages`] (`--debug-dir`).
    pub debug_stages: bool,
    /// Look for QR codes on the card and merge their contents (preferred
    /// over OCR: they are exact). Default true.
    pub read_qr: bool,
}

impl Default for ScanParams {
    fn default() -> Self {
        ScanParams {
            lang: "eng".into(),
            preprocess: PreprocessParams::default(),
            extract: ExtractParams::default(),
            verbose: false,
            debug_stages: false,
            read_qr: true,
            orient: true,
            card_read_enough: 100.0,
            retry_below: 120.0,
            retry_min_change: 0.05,
        }
    }
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
    /// With [`ScanParams::debug_stages`]: (file name, image) for each stage:
    /// the input with the card outline drawn, the flattened card, and the
    /// image as read (upright).
    pub stages: Vec<(String, image::DynamicImage)>,
}

impl Scanner {
    /// Starts the default OCR engine (Tesseract).
    pub fn new(params: &ScanParams) -> Result<Scanner> {
        #[cfg(feature = "tesseract")]
        {
            let tess = crate::ocr::TesseractParams {
                lang: params.lang.clone(),
                verbose: params.verbose,
                orient: params.orient,
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
        let gray = preprocess::load_gray(path, &self.params.preprocess)?;
        let card = preprocess::flatten_card(&gray, &self.params.preprocess);
        let mut stages = Vec::new();
        if self.params.debug_stages {
            let quad = card.as_ref().and_then(|c| c.card);
            stages.push((
                "1-input-outline.jpg".to_string(),
                debug::outline(&gray, quad.as_ref()),
            ));
            if let Some(card) = &card {
                stages.push(("2-flattened.png".into(), card.image.clone().into()));
            }
        }
        // QR codes are looked for beside OCR, on another core: the flattened
        // card (else the frame) holds the code whichever image reads best.
        let qr_job = self.params.read_qr.then(|| {
            let image = card
                .as_ref()
                .map_or_else(|| gray.clone(), |c| c.image.clone());
            std::thread::spawn(move || preprocess::qr::decode(&image))
        });
        let frame_area = gray.width() as f32 * gray.height() as f32;
        let mut best: Option<(f32, Prepared, OcrPage)> = None;
        if let Some(card) = card {
            let (qw, qh) = card.card.map_or((0.0, 0.0), |q| q.size());
            let large = qw * qh >= 0.2 * frame_area;
            // A flattened card reads cleaner; prefer it unless the whole
            // frame reads clearly more (a crop that cut text away).
            let (reading, first) = self.read_best(path, card, 1.15)?;
            let enough = first >= self.params.card_read_enough && large;
            best = Some(reading);
            if enough {
                return Ok(self.finish(path, best, stages, qr_job));
            }
        }
        let whole = preprocess::prepare_gray(gray, &self.params.preprocess);
        let (reading, _) = self.read_best(path, whole, 1.0)?;
        if best.as_ref().is_none_or(|(s, _, _)| reading.0 > *s) {
            best = Some(reading);
        }
        Ok(self.finish(path, best, stages, qr_job))
    }

    /// Reads an image, and when it reads poorly reads it again with its
    /// lighting normalised; gives the better reading with its weighted score,
    /// and the first reading's score.
    /// A coloured card (orange, with a white logo) can defeat Tesseract's
    /// global threshold; flattening the background and inverting
    /// light-on-dark parts fixes that.
    fn read_best(
        &mut self,
        path: &Path,
        prepared: Prepared,
        weight: f32,
    ) -> Result<((f32, Prepared, OcrPage), f32)> {
        let page = self.read(path, &prepared, false)?;
        let score = page.read_score() * weight;
        if score < self.params.retry_below && self.params.preprocess.normalize_light {
            let normalised = preprocess::light::normalize(&prepared.image);
            // A plain card on even light normalises to what Tesseract's own
            // threshold already saw: reading it again would read the same.
            let change = preprocess::light::threshold_change(&prepared.image, &normalised);
            if change < self.params.retry_min_change {
                return Ok(((score, prepared, page), score));
            }
            let even = Prepared {
                image: normalised,
                scale: prepared.scale,
                card: prepared.card,
            };
            let mut even_page = self.read(path, &even, true)?;
            let even_score = even_page.read_score() * weight;
            if even_score > score {
                even_page.merge_missing(&page);
                return Ok(((even_score, even, even_page), score));
            }
            let mut page = page;
            page.merge_missing(&even_page);
            return Ok(((score, prepared, page), score));
        }
        Ok(((score, prepared, page), score))
    }

    /// Reads an image; `again`: another rendering of the image read last
    /// (see [`Recognizer::recognize_again`]).
    fn read(&mut self, path: &Path, prepared: &Prepared, again: bool) -> Result<OcrPage> {
        let page = if again {
            self.recognizer.recognize_again(prepared)
        } else {
            self.recognizer.recognize(prepared)
        };
        page.map_err(|source| Error::Ocr {
            path: path.to_path_buf(),
            source,
        })
    }

    fn finish(
        &self,
        path: &Path,
        best: Option<(f32, Prepared, OcrPage)>,
        mut stages: Vec<(String, image::DynamicImage)>,
        qr_job: Option<std::thread::JoinHandle<Vec<String>>>,
    ) -> ScanDetail {
        let (_, prepared, page) = best.expect("at least one image was read");
        if self.params.debug_stages {
            let read = debug::rotate(&prepared.image, page.rotation);
            stages.push(("3-read-upright.png".into(), read.into()));
        }
        let mut contact = extract::extract(&page, &self.params.extract);
        // A decoder that panicked on a strange image found no code.
        if let Some(payloads) = qr_job.and_then(|job| job.join().ok()) {
            for payload in payloads {
                if let Some(qr) = extract::qr::parse(&payload, &self.params.extract) {
                    extract::qr::merge(&mut contact, qr);
                }
            }
        }
        contact.source = Some(path.display().to_string());
        ScanDetail {
            prepared,
            page,
            contact,
            stages,
        }
    }
}

impl ScanDetail {
    /// The image that went to OCR, turned upright (what `--photo` embeds).
    pub fn upright(&self) -> image::GrayImage {
        debug::rotate(&self.prepared.image, self.page.rotation)
    }
}

/// Stage pictures for `--debug-dir`.
mod debug {
    use crate::preprocess::detect::Quad;
    use image::{DynamicImage, GrayImage, Rgb, imageops};

    /// The input (grayscale), at most 1600 px long, with the card outline
    /// in red.
    pub fn outline(img: &GrayImage, quad: Option<&Quad>) -> DynamicImage {
        let scale = (1600.0 / img.width().max(img.height()) as f32).min(1.0);
        let (w, h) = (img.width() as f32 * scale, img.height() as f32 * scale);
        let small = crate::preprocess::resize_to(img, w as u32, h as u32);
        let mut rgb = DynamicImage::ImageLuma8(small).to_rgb8();
        if let Some(q) = quad {
            for i in 0..4 {
                let (a, b) = (q.corners[i], q.corners[(i + 1) % 4]);
                for d in -2..=2 {
                    let o = d as f32;
                    imageproc::drawing::draw_line_segment_mut(
                        &mut rgb,
                        (a.0 * scale + o, a.1 * scale + o),
                        (b.0 * scale + o, b.1 * scale + o),
                        Rgb([230, 20, 20]),
                    );
                }
            }
        }
        rgb.into()
    }

    /// The image turned clockwise by `degrees` (0/90/180/270).
    pub fn rotate(img: &GrayImage, degrees: u32) -> GrayImage {
        match degrees {
            90 => imageops::rotate90(img),
            180 => imageops::rotate180(img),
            270 => imageops::rotate270(img),
            _ => img.clone(),
        }
    }
}
