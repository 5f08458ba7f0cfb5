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
    /// A note to keep with the contact (vCard `NOTE`, CSV `Notes`), e.g.
    /// where it was scanned from (`--note`). Absent from JSON when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// A JPEG picture to show with the contact (vCard `PHOTO`), e.g. the
    /// card itself (`--photo`). Never in JSON.
    #[serde(skip)]
    pub photo: Option<Vec<u8>>,
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

/// Adds `https://` to a URL printed without a scheme (`www.acme.example`).
pub(crate) fn with_scheme(url: &str) -> String {
    let has_scheme = url.split_once("://").is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    if has_scheme {
        url.to_string()
    } else {
        format!("https://{url}")
    }
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

/// Namespace of cardscan's contact UIDs (itself the v5 UUID of the project's
/// URL in the RFC 4122 URL namespace), so our UIDs never collide with other
/// programs' name-based UUIDs of the same strings.
fn uid_namespace() -> uuid::Uuid {
    uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_URL,
        b"https://github.com/cardscan/cardscan#contact-uid",
    )
}

/// A key for the UID: lowercase, letters and digits only, words separated
/// by single spaces (after compatibility normalisation, so full-width and
/// ligature forms match their plain ones).
fn uid_words(value: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = value.nfkc().flat_map(char::to_lowercase).collect();
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

impl Contact {
    /// A stable identifier for this contact: the name-based UUID (v5) of its
    /// first email (trimmed, lowercased), else its first phone (`+` and
    /// digits), else its name (the person, else the company; case, spacing
    /// and punctuation ignored), else its OCR text.
    ///
    /// Scanning the same card again, or another card of the same person,
    /// gives the same UID, so phones and CardDAV servers update the contact
    /// rather than add a duplicate. Lowercase hyphenated form, e.g.
    /// `0f2d4a8e-…`; vCard 4.0 writes it as `urn:uuid:…`.
    pub fn uid(&self) -> String {
        let email = self
            .emails
            .iter()
            .map(|e| e.trim().to_lowercase())
            .find(|e| !e.is_empty());
        let phone = || {
            self.phones.iter().find_map(|p| {
                let digits: String = p.number.chars().filter(char::is_ascii_digit).collect();
                let plus = if p.number.trim_start().starts_with('+') {
                    "+"
                } else {
                    ""
                };
                (digits.len() >= 3).then(|| format!("{plus}{digits}"))
            })
        };
        let name = || self.display_name().map(uid_words).filter(|n| !n.is_empty());
        let key = if let Some(email) = email {
            format!("mailto:{email}")
        } else if let Some(phone) = phone() {
            format!("tel:{phone}")
        } else if let Some(name) = name() {
            format!("name:{name}")
        } else {
            format!("text:{}", uid_words(&self.text))
        };
        uuid::Uuid::new_v5(&uid_namespace(), key.as_bytes())
            .hyphenated()
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::jane;

    fn phone(number: &str) -> Phone {
        Phone {
            number: number.into(),
            kind: PhoneKind::Work,
            raw: number.into(),
            extension: None,
        }
    }

    #[test]
    fn uid_is_a_v5_uuid_and_stable() {
        let uid = jane().uid();
        let parsed = uuid::Uuid::parse_str(&uid).unwrap();
        assert_eq!(parsed.get_version_num(), 5);
        assert_eq!(uid, uid.to_lowercase());
        // Pinned: a change here re-keys every contact users have imported.
        assert_eq!(
            uid,
            uuid::Uuid::new_v5(&uid_namespace(), b"mailto:jane.doe@acmerobotics.example")
                .to_string()
        );
        // Same value as Python: uuid5(uuid5(NAMESPACE_URL, "https://github.com/cardscan/cardscan#contact-uid"), "mailto:jane.doe@acmerobotics.example").
        assert_eq!(uid, "22931ff7-013e-5159-b638-f6d6303383bb");
    }

    #[test]
    fn uid_prefers_email_then_phone_then_name() {
        let base = jane();
        // Same email, everything else different: same UID.
        let mut other = Contact {
            emails: vec!["  Jane.Doe@AcmeRobotics.example ".into()],
            name: None,
            org: Some("Elsewhere".into()),
            ..Contact::default()
        };
        assert_eq!(other.uid(), base.uid());
        // Different email: different UID.
        other.emails = vec!["jane@other.example".into()];
        assert_ne!(other.uid(), base.uid());

        // No email: the first phone decides, whatever its punctuation.
        let a = Contact {
            phones: vec![phone("+1 (415) 555-0132")],
            name: base.name.clone(),
            ..Contact::default()
        };
        let b = Contact {
            phones: vec![phone("+14155550132"), phone("+14155550199")],
            ..Contact::default()
        };
        assert_eq!(a.uid(), b.uid());
        assert_ne!(a.uid(), base.uid());
        let c = Contact {
            phones: vec![phone("+14155550199")],
            ..Contact::default()
        };
        assert_ne!(b.uid(), c.uid());

        // Neither: the name, with case, spacing and punctuation ignored.
        let named = |full: &str| Contact {
            name: Some(Name {
                full: full.into(),
                ..Name::default()
            }),
            ..Contact::default()
        };
        assert_eq!(named("Jane Q. Doe").uid(), named("  JANE  Q DOE").uid());
        assert_eq!(named("Ｊａｎｅ Doe").uid(), named("jane doe").uid());
        assert_ne!(named("Jane Doe").uid(), named("John Doe").uid());
        // The company stands in for a missing person.
        let shop = Contact {
            org: Some("Rocket Café".into()),
            ..Contact::default()
        };
        assert_eq!(shop.uid(), named("rocket café").uid());
        assert_ne!(shop.uid(), named("rocket cafe").uid());
    }
}
