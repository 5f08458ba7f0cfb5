//! Tesseract through `leptess`: the only file that touches the engine.
//!
//! The image goes in as raw grayscale bytes (no encode/decode round trip).
//! Layout analysis runs first; when its median text-line height is outside
//! the band Tesseract reads best, the image is rescaled before recognition.
//! Results come back as TSV (word boxes and confidences), grouped into lines.

use super::{BBox, OcrLine, OcrPage, OcrWord, Recognizer};
use crate::error::OcrError;
use crate::preprocess::{Prepared, scale_for_text};
use image::GrayImage;
use leptess::capi;
use leptess::tesseract::TessApi;
use std::ffi::{CString, c_int};
use std::path::{Path, PathBuf};

/// Tesseract settings; every field documents its default.
#[derive(Debug, Clone)]
pub struct TesseractParams {
    /// Language codes joined by `+`. Default `eng`.
    pub lang: String,
    /// Folder holding `LANG.traineddata`. Default: `TESSDATA_PREFIX`, then the
    /// usual install locations ([`tessdata_dirs`]).
    pub tessdata: Option<PathBuf>,
    /// Let Tesseract's own messages through to stderr. Default false.
    pub verbose: bool,
    /// Median text-line height (px, ascender to descender) to scale to. Default
    /// 44 px, i.e. capitals about 30 px tall: the middle of the 25–40 px band
    /// Tesseract's LSTM models read best.
    pub line_height: f32,
    /// Turn the card upright (0/90/180/270°) with Tesseract's orientation
    /// detection (`osd.traineddata`) before reading it. Default true: EXIF
    /// tags are not trusted alone, some phones write tags that contradict the
    /// pixels. Without the osd pack the step is skipped.
    pub orient: bool,
    /// OSD confidence needed to rotate. Default 2.0 (OSD's own scale): a card
    /// with too little text for a sure call is left as it is.
    pub orient_min_confidence: f32,
    /// Orientation detection runs only when the image as given reads below
    /// this [`OcrPage::read_score`], or reads as vertical lines. Default 60
    /// (a name and a phone number read confidently): text read that well in
    /// horizontal lines is upright (upside-down text reads near 0), and OSD
    /// costs about as much as reading a card (~100 ms). 150 measured the
    /// same accuracy on every set; 60 took batch on clean cards from 0.40 to
    /// 0.26 CPU s per card.
    pub orient_below: f32,
    /// Images longer than this (px) have their text measured on a copy
    /// reduced by a whole factor to at most this size. Default 1600: cards
    /// flattened to 1400 px and small photos are measured as they are read.
    pub measure_long: u32,
}

impl Default for TesseractParams {
    fn default() -> Self {
        TesseractParams {
            lang: "eng".into(),
            tessdata: None,
            verbose: false,
            line_height: 44.0,
            orient: true,
            orient_min_confidence: 2.0,
            orient_below: 60.0,
            measure_long: 1600,
        }
    }
}

/// One Tesseract engine. Creating it costs ~55 ms; reuse it across cards.
pub struct TesseractRecognizer {
    api: TessApi,
    osd: OsdEngine,
    params: TesseractParams,
    /// The last image recognised, when its orientation was settled: its size
    /// and the clockwise turn that makes it upright. [`Recognizer::recognize_again`]
    /// reads another rendering of it at that turn without asking again.
    settled: Option<((u32, u32), u32)>,
    /// How many times orientation detection ran (for tests and notes).
    orientation_checks: usize,
}

// SAFETY: a TessBaseAPI may move between threads; it is used by one at a time
// (`recognize` takes `&mut self`).
unsafe impl Send for TesseractRecognizer {}

/// Folders searched for trained data, in order.
pub fn tessdata_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(p) = std::env::var_os("TESSDATA_PREFIX") {
        let p = PathBuf::from(p);
        dirs.push(p.join("tessdata"));
        dirs.push(p);
    }
    for d in [
        "/usr/share/tesseract-ocr/5/tessdata",
        "/usr/share/tesseract-ocr/4.00/tessdata",
        "/usr/share/tessdata",
        "/usr/local/share/tessdata",
        "/opt/homebrew/share/tessdata",
        "/usr/local/share/tesseract-ocr/tessdata",
    ] {
        dirs.push(PathBuf::from(d));
    }
    dirs
}

fn find_tessdata(params: &TesseractParams) -> Result<PathBuf, OcrError> {
    let langs: Vec<&str> = params.lang.split('+').filter(|l| !l.is_empty()).collect();
    if langs.is_empty() {
        return Err(OcrError::Init("no language given".into()));
    }
    let dirs = match &params.tessdata {
        Some(d) => vec![d.clone()],
        None => tessdata_dirs(),
    };
    let has = |dir: &Path, lang: &str| dir.join(format!("{lang}.traineddata")).is_file();
    // Tesseract only warns about a missing pack and carries on without it, so
    // every language is checked here first.
    if let Some(dir) = dirs.iter().find(|d| langs.iter().all(|l| has(d, l))) {
        return Ok(dir.clone());
    }
    let missing = langs
        .iter()
        .find(|l| !dirs.iter().any(|d| has(d, l)))
        .unwrap_or(&langs[0]);
    let searched: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
    Err(OcrError::MissingLanguage {
        lang: missing.to_string(),
        searched: searched.join(", "),
    })
}

/// OpenMP makes Tesseract 5–10x slower on small machines (threads fight
/// over the cores). `OMP_THREAD_LIMIT` is read when libgomp loads, before
/// `main`, so the binary sets it by re-executing itself; here the per-thread
/// setting is applied too, which works for library users as well.
fn limit_openmp() {
    // SAFETY: dlsym with a valid C string; the symbol, when present, is
    // libgomp's `void omp_set_num_threads(int)`.
    unsafe {
        let sym = libc::dlsym(libc::RTLD_DEFAULT, c"omp_set_num_threads".as_ptr());
        if !sym.is_null() {
            let f: extern "C" fn(libc::c_int) = std::mem::transmute(sym);
            f(1);
        }
    }
}

/// Leptonica (Tesseract's image library) prints its own errors to stderr,
/// e.g. "Error in boxClipToRectangle" on a harmless empty region; silence
/// them like Tesseract's (`setMsgSeverity(L_SEVERITY_NONE)`).
fn silence_leptonica() {
    const L_SEVERITY_NONE: libc::c_int = 6;
    // SAFETY: dlsym with a valid C string; the symbol, when present, is
    // leptonica's `l_int32 setMsgSeverity(l_int32)`.
    unsafe {
        let sym = libc::dlsym(libc::RTLD_DEFAULT, c"setMsgSeverity".as_ptr());
        if !sym.is_null() {
            let f: extern "C" fn(libc::c_int) -> libc::c_int = std::mem::transmute(sym);
            f(L_SEVERITY_NONE);
        }
    }
}

impl TesseractRecognizer {
    /// Starts Tesseract with the given languages.
    pub fn new(params: &TesseractParams) -> Result<Self, OcrError> {
        limit_openmp();
        if !params.verbose {
            silence_leptonica();
        }
        let dir = find_tessdata(params)?;
        let dir_str = dir.to_string_lossy().into_owned();
        let mut api = TessApi::new(Some(&dir_str), &params.lang).map_err(|e| {
            OcrError::Init(format!("{e} (tessdata {dir_str}, lang {})", params.lang))
        })?;
        let mut set = |k: &str, v: &str| {
            let (k, v) = (CString::new(k).unwrap(), CString::new(v).unwrap());
            api.raw
                .set_variable(&k, &v)
                .map_err(|_| OcrError::Init(format!("bad variable {k:?}")))
        };
        if !params.verbose {
            // Tesseract prints through tprintf to debug_file: silence it.
            set("debug_file", "/dev/null")?;
        }
        // Keep inter-word spaces as printed, so gaps survive into the TSV.
        set("preserve_interword_spaces", "1")?;
        // The API starts in PSM 6 (one uniform block), unlike the tesseract
        // command (PSM 3, automatic layout). Cards are blocks of different
        // sizes around logos: PSM 3 measured best (mean F1 fixtures/photo
        // 0.918 -> 0.948, hard 0.955 -> 0.983, cards-dev 0.605 -> 0.654;
        // PSM 4 and 11 were below it).
        set("tessedit_pageseg_mode", "3")?;
        // Cards are set in proportional type. Tesseract otherwise tests every
        // text row for typewriter-style fixed pitch (`tune_row_pitch`), about
        // 2 % of a card's CPU; with the test off, every card of
        // fixtures/{clean,photo,hard} and cards-dev read the same text.
        // (A global Tesseract setting: it applies to every engine in the
        // process.)
        set("textord_all_prop", "1")?;
        // Loading osd.traineddata takes ~50 ms, as long as the reading
        // engine; most cards never need it, so it is loaded on first use.
        let osd = if params.orient && dir.join("osd.traineddata").is_file() {
            OsdEngine::NotLoaded(dir_str)
        } else {
            OsdEngine::Unavailable
        };
        Ok(TesseractRecognizer {
            api,
            osd,
            params: params.clone(),
            settled: None,
            orientation_checks: 0,
        })
    }

    /// Clockwise rotation that makes the image upright, when OSD is sure it
    /// is turned; `None` when it is upright or OSD is unsure.
    pub fn orientation(&mut self, img: &GrayImage) -> Option<u32> {
        self.sure_orientation(img).filter(|&deg| deg != 0)
    }

    /// Clockwise rotation (0 included) that makes the image upright, when
    /// OSD is sure of it.
    fn sure_orientation(&mut self, img: &GrayImage) -> Option<u32> {
        let osd = self.osd.get(self.params.verbose)?;
        self.orientation_checks += 1;
        let (deg, conf) = osd.detect(img)?;
        (conf >= self.params.orient_min_confidence).then_some(deg)
    }

    /// How many times orientation detection has run on this engine.
    pub fn orientation_checks(&self) -> usize {
        self.orientation_checks
    }

    fn set_image(&mut self, img: &image::GrayImage) -> Result<(), OcrError> {
        let (w, h) = (img.width() as i32, img.height() as i32);
        self.api
            .raw
            .set_image(img.as_raw(), w, h, 1, w)
            .map_err(|e| OcrError::Recognize(format!("{e:?}")))?;
        // Text is brought to ~10 pt at 300 dpi; telling Tesseract avoids its
        // "invalid resolution" guess.
        self.api.raw.set_source_resolution(300);
        Ok(())
    }

    /// Median height of the text lines layout analysis finds, if any.
    fn median_line_height(&self) -> Option<f32> {
        let boxa = self
            .api
            .get_component_images(capi::TessPageIteratorLevel_RIL_TEXTLINE, true)?;
        let mut hs: Vec<i32> = (&boxa)
            .into_iter()
            .map(|b| b.get_geometry())
            .filter(|g| g.h > 4 && g.w > g.h)
            .map(|g| g.h)
            .collect();
        if hs.is_empty() {
            return None;
        }
        hs.sort_unstable();
        Some(hs[hs.len() / 2] as f32)
    }
}

impl Recognizer for TesseractRecognizer {
    fn recognize(&mut self, prepared: &Prepared) -> Result<OcrPage, OcrError> {
        limit_openmp();
        let size = prepared.image.dimensions();
        self.settled = None;
        let as_given = self.read_turned(&prepared.image, 0)?;
        if matches!(self.osd, OsdEngine::Unavailable) {
            return Ok(as_given);
        }
        if reads_upright(&as_given, self.params.orient_below) {
            self.settled = Some((size, 0));
            return Ok(as_given);
        }
        // OSD's call, when sure, beats comparing scores: Tesseract reads a
        // card turned 90° as vertical lines about as confidently as upright.
        let sure = self.sure_orientation(&prepared.image);
        self.settled = sure.map(|rotation| (size, rotation));
        match sure {
            Some(rotation) if rotation != 0 => self.read_turned(&prepared.image, rotation),
            _ => Ok(as_given),
        }
    }

    /// A card's orientation does not change with its lighting: when the
    /// last image's was settled (it read well upright, or OSD was sure), the
    /// new rendering is read at that turn at once. On a turned card this
    /// saves reading it as given (~90 ms) and OSD (~70 ms).
    fn recognize_again(&mut self, prepared: &Prepared) -> Result<OcrPage, OcrError> {
        match self.settled {
            Some((size, rotation)) if size == prepared.image.dimensions() => {
                limit_openmp();
                self.read_turned(&prepared.image, rotation)
            }
            _ => self.recognize(prepared),
        }
    }
}

/// True when a reading shows its text upright without asking OSD: nearly
/// all of it lies in horizontal lines (Tesseract also reads a card turned
/// 90°, as vertical lines) and it reads well (`enough`, see
/// [`TesseractParams::orient_below`]) or at least two lines each hold a
/// long word (5+ letters) read with confidence ≥ 0.9. Text upside down or
/// sideways reads as short, unsure fragments (no such line on any turned
/// fixture), while a busy card can read poorly overall and still show two
/// clean lines (`fr-04-shop`: a green panel merged into the web address
/// line). OSD costs ~70 ms, plus ~50 ms to load its engine the first time;
/// this skipped 19 of the 58 OSD runs on the fixtures and cards-dev, every
/// one of which had found the card upright or been unsure.
fn reads_upright(page: &OcrPage, enough: f32) -> bool {
    if !horizontal(page) {
        return false;
    }
    let long_sure_word = |w: &OcrWord| {
        w.confidence >= 0.9 && w.text.chars().filter(|c| c.is_alphabetic()).count() >= 5
    };
    page.read_score() >= enough
        || page
            .lines
            .iter()
            .filter(|l| l.words.iter().any(long_sure_word))
            .count()
            >= 2
}

/// True when nearly all the text read lies in lines wider than tall.
fn horizontal(page: &OcrPage) -> bool {
    let (mut across, mut all) = (0usize, 0usize);
    for line in &page.lines {
        let n = line.text.chars().filter(|c| c.is_alphanumeric()).count();
        all += n;
        if line.bbox.w > line.bbox.h {
            across += n;
        }
    }
    across * 10 >= all * 9
}

impl TesseractRecognizer {
    /// Reads the image turned clockwise by `rotation` (0/90/180/270).
    fn read_turned(&mut self, img: &GrayImage, rotation: u32) -> Result<OcrPage, OcrError> {
        let turned = match rotation {
            90 => Some(image::imageops::rotate90(img)),
            180 => Some(image::imageops::rotate180(img)),
            270 => Some(image::imageops::rotate270(img)),
            _ => None,
        };
        let image = turned.as_ref().unwrap_or(img);
        let mut size = (image.width(), image.height());
        let long = size.0.max(size.1);
        // Layout analysis costs about as much per pixel as reading; on a
        // large image (a whole 12 MP frame at 3000 px: 180 ms) the text is
        // measured on a copy reduced by a whole factor (45 ms) instead.
        let (measured, layout_kept) = if long > self.params.measure_long {
            let (small, k) = crate::preprocess::detect::downscale(image, self.params.measure_long);
            self.set_image(&small)?;
            (self.median_line_height().map(|h| h * k), false)
        } else {
            self.set_image(image)?;
            (self.median_line_height(), true)
        };
        match measured.and_then(|m| scale_for_text(image, m, self.params.line_height)) {
            Some((scaled, _)) => {
                size = (scaled.width(), scaled.height());
                self.set_image(&scaled)?;
            }
            // In the band already: the layout found on this very image is
            // reused by recognition (Tesseract keeps it until the next image).
            None if !layout_kept => self.set_image(image)?,
            None => {}
        }
        self.api
            .raw
            .recognize()
            .map_err(|_| OcrError::Recognize("Tesseract recognition failed".into()))?;
        let tsv = self
            .api
            .get_tsv_text(0)
            .map_err(|e| OcrError::Recognize(format!("TSV output is not UTF-8: {e}")))?;
        let mut page = parse_tsv(&tsv, size.0, size.1);
        page.rotation = rotation;
        Ok(page)
    }
}

/// The orientation engine, started when first needed.
enum OsdEngine {
    /// Not started yet; the tessdata folder holding `osd.traineddata`.
    NotLoaded(String),
    Loaded(Osd),
    /// No osd pack, orientation turned off, or the pack failed to load:
    /// cards are read as they are turned.
    Unavailable,
}

impl OsdEngine {
    fn get(&mut self, verbose: bool) -> Option<&mut Osd> {
        if let OsdEngine::NotLoaded(dir) = self {
            *self = match Osd::new(dir, verbose) {
                Ok(osd) => OsdEngine::Loaded(osd),
                Err(_) => OsdEngine::Unavailable,
            };
        }
        match self {
            OsdEngine::Loaded(osd) => Some(osd),
            _ => None,
        }
    }
}

/// Tesseract's orientation and script detection, on its own engine
/// initialised with `osd.traineddata` (leptess does not wrap it).
struct Osd {
    handle: *mut capi::TessBaseAPI,
}

impl Osd {
    fn new(tessdata: &str, verbose: bool) -> Result<Osd, OcrError> {
        let dir = CString::new(tessdata).map_err(|e| OcrError::Init(e.to_string()))?;
        // SAFETY: plain C API calls on a handle we own; strings outlive the calls.
        unsafe {
            let handle = capi::TessBaseAPICreate();
            let osd = Osd { handle };
            if !verbose {
                capi::TessBaseAPISetVariable(handle, c"debug_file".as_ptr(), c"/dev/null".as_ptr());
            }
            if capi::TessBaseAPIInit3(handle, dir.as_ptr(), c"osd".as_ptr()) != 0 {
                return Err(OcrError::Init("cannot load osd.traineddata".into()));
            }
            capi::TessBaseAPISetPageSegMode(handle, capi::TessPageSegMode_PSM_OSD_ONLY);
            Ok(osd)
        }
    }

    /// (clockwise degrees that upright the image, confidence), as OSD reports.
    fn detect(&mut self, img: &GrayImage) -> Option<(u32, f32)> {
        let (w, h) = (img.width() as c_int, img.height() as c_int);
        let mut deg: c_int = 0;
        let mut conf: f32 = 0.0;
        let mut script: *const std::ffi::c_char = std::ptr::null();
        let mut script_conf: f32 = 0.0;
        // SAFETY: the image buffer is w*h bytes and outlives the calls;
        // out-pointers point at locals.
        let ok = unsafe {
            capi::TessBaseAPISetImage(self.handle, img.as_raw().as_ptr(), w, h, 1, w);
            capi::TessBaseAPISetSourceResolution(self.handle, 300);
            capi::TessBaseAPIDetectOrientationScript(
                self.handle,
                &mut deg,
                &mut conf,
                &mut script,
                &mut script_conf,
            )
        };
        // OSD gives how far the text is turned clockwise; undo that.
        let upright = (360 - deg.rem_euclid(360)) % 360;
        (ok != 0).then_some((upright as u32, conf))
    }
}

impl Drop for Osd {
    fn drop(&mut self) {
        // SAFETY: created by TessBaseAPICreate, dropped once.
        unsafe {
            capi::TessBaseAPIEnd(self.handle);
            capi::TessBaseAPIDelete(self.handle);
        }
    }
}

/// Parses Tesseract's TSV (level, page, block, par, line, word, left, top,
/// width, height, conf, text) into lines of words.
pub(crate) fn parse_tsv(tsv: &str, width: u32, height: u32) -> OcrPage {
    let mut lines: Vec<OcrLine> = Vec::new();
    let mut key = None;
    for row in tsv.lines() {
        let cols: Vec<&str> = row.splitn(12, '\t').collect();
        if cols.len() < 12 || cols[0] != "5" {
            continue;
        }
        let text = cols[11].trim();
        if text.is_empty() {
            continue;
        }
        let num = |i: usize| cols[i].parse::<i64>().unwrap_or(0).max(0) as u32;
        let word = OcrWord {
            text: text.to_string(),
            bbox: BBox {
                x: num(6),
                y: num(7),
                w: num(8),
                h: num(9),
            },
            confidence: (cols[10].parse::<f32>().unwrap_or(0.0) / 100.0).clamp(0.0, 1.0),
        };
        let this = (num(2), num(3), num(4));
        match lines.last_mut() {
            Some(line) if key == Some(this) => line.words.push(word),
            _ => {
                key = Some(this);
                lines.push(OcrLine {
                    text: String::new(),
                    bbox: word.bbox,
                    confidence: 0.0,
                    words: vec![word],
                    block: this.0,
                });
            }
        }
    }
    for line in &mut lines {
        line.text = line
            .words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        line.bbox = line
            .words
            .iter()
            .map(|w| w.bbox)
            .reduce(|a, b| a.union(&b))
            .unwrap_or_default();
        line.confidence =
            line.words.iter().map(|w| w.confidence).sum::<f32>() / line.words.len().max(1) as f32;
    }
    OcrPage {
        width,
        height,
        lines,
        rotation: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_groups_words_into_lines() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
            1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n\
            5\t1\t1\t1\t1\t1\t10\t20\t50\t30\t96.5\tJane\n\
            5\t1\t1\t1\t1\t2\t70\t22\t60\t28\t90\tDoe\n\
            5\t1\t1\t1\t2\t1\t10\t60\t80\t20\t80\tEngineer\n\
            5\t1\t2\t1\t1\t1\t10\t90\t40\t20\t-1\t \n";
        let page = parse_tsv(tsv, 100, 100);
        assert_eq!(page.lines.len(), 2);
        assert_eq!(page.lines[0].text, "Jane Doe");
        assert_eq!(
            page.lines[0].bbox,
            BBox {
                x: 10,
                y: 20,
                w: 120,
                h: 30
            }
        );
        assert!((page.lines[0].confidence - 0.9325).abs() < 1e-4);
        assert_eq!(page.lines[1].text, "Engineer");
    }

    /// The page's line boxes transposed: its lines read as vertical ones.
    fn lying_sideways(mut page: OcrPage) -> OcrPage {
        for l in &mut page.lines {
            l.bbox = BBox {
                x: l.bbox.y,
                y: l.bbox.x,
                w: l.bbox.h,
                h: l.bbox.w,
            };
        }
        page
    }

    #[test]
    fn vertical_lines_are_not_horizontal_text() {
        let page = OcrPage::from_lines(&[("Jane Q. Doe", 40), ("Senior Engineer", 30)]);
        assert!(horizontal(&page));
        assert!(!horizontal(&lying_sideways(page)));
    }

    #[test]
    fn two_long_sure_lines_read_upright() {
        let sure = |page: &mut OcrPage, line: usize, c: f32| {
            page.lines[line]
                .words
                .iter_mut()
                .for_each(|w| w.confidence = c);
        };
        let mut page = OcrPage::from_lines(&[
            ("27 rue Paradis", 40),
            ("13001 Marseille", 40),
            ("SNe ee ENGR", 40),
        ]);
        sure(&mut page, 2, 0.05);
        assert!(page.read_score() < 60.0);
        assert!(reads_upright(&page, 60.0));
        // One long sure line, or long words read unsure, are not enough.
        sure(&mut page, 1, 0.7);
        assert!(!reads_upright(&page, 60.0));
        // Digits alone are not words: upside down they still read as digits.
        let digits = OcrPage::from_lines(&[("13001 54321", 40), ("98765 43210", 40)]);
        assert!(!reads_upright(&digits, 60.0));
        // Text in vertical lines is a card lying sideways.
        let upright = OcrPage::from_lines(&[("Paradis", 40), ("Marseille", 40)]);
        assert!(reads_upright(&upright, 60.0));
        assert!(!reads_upright(&lying_sideways(upright), 60.0));
    }

    /// The bundled sample card turned each way is turned back upright.
    #[test]
    fn orientation_is_recovered() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/sample-card.png");
        let card = image::open(path).unwrap().to_luma8();
        let mut rec = TesseractRecognizer::new(&TesseractParams::default()).unwrap();
        assert_eq!(rec.orientation(&card), None, "upright card left alone");
        for (turned, fix) in [
            (image::imageops::rotate90(&card), 270),
            (image::imageops::rotate180(&card), 180),
            (image::imageops::rotate270(&card), 90),
        ] {
            assert_eq!(rec.orientation(&turned), Some(fix));
            let page = rec
                .recognize(&Prepared {
                    image: turned,
                    scale: 1.0,
                    card: None,
                })
                .unwrap();
            assert_eq!(page.rotation, fix);
            assert!(page.text().contains("acmerobotics.com"), "{}", page.text());
        }
    }

    /// A second rendering of a turned card (its lighting changed) is read
    /// at the turn settled on the first, without detecting it again; an
    /// image of another size is not taken for the same card.
    #[test]
    fn a_second_rendering_reuses_the_settled_orientation() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/sample-card.png");
        let card = image::open(path).unwrap().to_luma8();
        let turned = image::imageops::rotate90(&card);
        let prepared = |image: GrayImage| Prepared {
            image,
            scale: 1.0,
            card: None,
        };
        let mut rec = TesseractRecognizer::new(&TesseractParams::default()).unwrap();
        let first = rec.recognize(&prepared(turned.clone())).unwrap();
        assert_eq!((first.rotation, rec.orientation_checks()), (270, 1));
        let mut dimmer = turned.clone();
        dimmer.pixels_mut().for_each(|p| p.0[0] = p.0[0] / 2 + 60);
        let again = rec.recognize_again(&prepared(dimmer)).unwrap();
        assert_eq!((again.rotation, rec.orientation_checks()), (270, 1));
        assert!(
            again.text().contains("acmerobotics.com"),
            "{}",
            again.text()
        );
        // Another size: orientation is found afresh.
        let other = image::imageops::crop_imm(&turned, 0, 0, turned.width(), turned.height() - 2);
        let page = rec.recognize_again(&prepared(other.to_image())).unwrap();
        assert_eq!((page.rotation, rec.orientation_checks()), (270, 2));
    }

    #[test]
    fn missing_language_is_an_error_naming_it() {
        let params = TesseractParams {
            lang: "eng+zzz".into(),
            ..Default::default()
        };
        match find_tessdata(&params) {
            Err(OcrError::MissingLanguage { lang, .. }) => assert_eq!(lang, "zzz"),
            other => panic!("expected missing language, got {other:?}"),
        }
    }
}
