//! Output formats: each turns contacts into bytes.

pub mod json;
pub mod vcard;
