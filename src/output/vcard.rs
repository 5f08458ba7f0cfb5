//! vCard output.
use crate::contact::Contact;

/// vCard version to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Version {
    /// vCard 3.0 (RFC 2426), the default: every phone importer reads it.
    #[default]
    V3,
    /// vCard 4.0 (RFC 6350).
    V4,
}

/// Writes one contact as a vCard.
pub fn to_vcard(_contact: &Contact, _version: Version) -> String {
    String::new()
}
