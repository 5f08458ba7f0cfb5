//! The contact model: what extraction produces and every output format reads.
//!
//! Its serde form is the JSON output format (`--format json`), so field names
//! and the `null`/`[]` conventions here are a public interface.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One business card's contact details.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    /// The image the contact was read from, as given by the user.
    pub source: Option<String>,
    /// The person's name; `None` for cards without a person (shop cards).
    pub name: Option<Name>,
    /// Company or organisation.
    pub org: Option<String>,
    /// Department within the organisation.
    pub department: Option<String>,
    /// Job title.
    pub title: Option<String>,
    /// Email addresses, lowercased domain.
    pub emails: Vec<String>,
    /// Phone numbers.
    pub phones: Vec<Phone>,
    /// Web addresses as printed (scheme added when missing).
    pub urls: Vec<String>,
    /// Registrable domain of the web site or email (e.g. `acme.co.uk`).
    pub domain: Option<String>,
    /// Postal addresses, the main one first.
    pub addresses: Vec<Address>,
    /// Social-network profiles.
    pub social: Vec<Social>,
    /// Confidence in 0..=1 per field name (`name`, `org`, `title`, ...).
    pub confidence: BTreeMap<String, f32>,
    /// The OCR text, lines joined with `\n`.
    pub text: String,
}

/// A person's name split into vCard `N` parts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Name {
    /// The whole name as it should be displayed (vCard `FN`).
    pub full: String,
    /// Given (first) name.
    pub given: Option<String>,
    /// Middle names or initials.
    pub middle: Option<String>,
    /// Family (last) name.
    pub family: Option<String>,
    /// Honorific prefix (`Dr.`).
    pub prefix: Option<String>,
    /// Honorific suffix (`Jr.`, `PhD`).
    pub suffix: Option<String>,
}

/// A phone number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phone {
    /// E.164 form (`+14155550132`) when it validated, else the digits as read.
    pub number: String,
    /// What the number is for, from the label printed beside it.
    pub kind: PhoneKind,
    /// The text as read from the card.
    pub raw: String,
    /// Extension digits (`ext. 214`), kept apart from the number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
}

/// The kind of a phone number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PhoneKind {
    /// Mobile / cell.
    Mobile,
    /// Office, direct line, or the only unlabelled number.
    Work,
    /// Fax.
    Fax,
    /// Home.
    Home,
    /// Unlabelled, one of several.
    Other,
}

/// A postal address, as printed and split into parts where recognised.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// The address as one line, its printed lines joined with `, `.
    pub text: String,
    /// Street and number.
    pub street: Option<String>,
    /// City or town.
    pub city: Option<String>,
    /// State, province or region.
    pub region: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// Country.
    pub country: Option<String>,
}

/// A social-network profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Social {
    /// Network name in lowercase: `linkedin`, `x`, `github`, `instagram`, `facebook`.
    pub service: String,
    /// The handle or profile path as printed.
    pub handle: String,
    /// A full profile URL.
    pub url: Option<String>,
}

impl Contact {
    /// True when extraction found nothing a person could use.
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.org.is_none()
            && self.title.is_none()
            && self.emails.is_empty()
            && self.phones.is_empty()
            && self.urls.is_empty()
            && self.addresses.is_empty()
    }

    /// The name to show for this contact: the person, else the company.
    pub fn display_name(&self) -> Option<&str> {
        self.name
            .as_ref()
            .map(|n| n.full.as_str())
            .or(self.org.as_deref())
    }
}
