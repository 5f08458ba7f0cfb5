//! Typed errors. Every error about an input names its file, so a user sees
//! `cards/IMG_0042.jpg: image is truncated or corrupt`.

use std::path::PathBuf;

/// What went wrong while scanning one card, with the file it concerns.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be read or decoded as an image.
    #[error("{}: {reason}", path.display())]
    Image {
        /// The input file.
        path: PathBuf,
        /// Why, in a few lowercase words.
        reason: String,
    },
    /// The OCR engine failed on this file.
    #[error("{}: OCR failed: {source}", path.display())]
    Ocr {
        /// The input file.
        path: PathBuf,
        /// The engine's error.
        source: OcrError,
    },
    /// The OCR engine could not be started (missing language pack, ...).
    #[error("{0}")]
    Engine(OcrError),
}

/// An error from the OCR engine.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OcrError {
    /// A requested language has no trained data installed.
    #[error(
        "Tesseract language pack '{lang}' is not installed (looked in {searched}); \
         on Debian/Ubuntu: apt-get install tesseract-ocr-{lang}"
    )]
    MissingLanguage {
        /// Tesseract language code, e.g. `deu`.
        lang: String,
        /// The tessdata folders that were searched.
        searched: String,
    },
    /// Tesseract refused to start.
    #[error("could not start Tesseract: {0}")]
    Init(String),
    /// Recognition itself failed.
    #[error("{0}")]
    Recognize(String),
    /// This build has no OCR engine.
    #[error("cardscan was built without the `tesseract` feature")]
    Unavailable,
}

/// Result alias for the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;
