//! cardscan: turn photos of business cards into contacts, fully offline.
//!
//! The pipeline runs one way, one module per stage:
//! [`preprocess`] (decode, orient, scale) → [`ocr`] (text with boxes) →
//! [`extract`] (fields) → [`contact::Contact`] → [`output`] (vCard, JSON).
//! [`Scanner`] chains them; [`eval`] scores contacts against labelled cards;
//! [`batch`] finds, shards, merges and reports whole folders of cards.
//!
//! ```no_run
//! let mut scanner = cardscan::Scanner::new(&cardscan::ScanParams::default())?;
//! let contact = scanner.scan_file("card.jpg".as_ref())?;
//! print!("{}", cardscan::output::vcard::to_vcard(&contact, cardscan::output::vcard::Version::V3));
//! # Ok::<(), cardscan::Error>(())
//! ```
#![deny(missing_docs)]

pub mod batch;
pub mod contact;
pub mod error;
pub mod eval;
pub mod extract;
pub mod ocr;
pub mod output;
pub mod preprocess;
pub mod scanner;
#[cfg(test)]
mod test_util;

pub use contact::Contact;
pub use error::Error;
pub use scanner::{ScanParams, Scanner};
