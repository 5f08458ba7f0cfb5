//! Test helpers shared by the library's unit tests.

use crate::contact::{Address, Contact, Name, Phone, PhoneKind};

/// The contact of the documented JSON example (README, issue 2).
pub(crate) fn jane() -> Contact {
    Contact {
        source: Some("cards/jane.jpg".into()),
        name: Some(Name {
            full: "Jane Q. Doe".into(),
            given: Some("Jane".into()),
            middle: Some("Q.".into()),
            family: Some("Doe".into()),
            prefix: None,
            suffix: None,
        }),
        org: Some("Acme Robotics, Inc.".into()),
        department: None,
        title: Some("Senior Software Engineer".into()),
        emails: vec!["jane.doe@acmerobotics.example".into()],
        phones: vec![Phone {
            number: "+14155550132".into(),
            kind: PhoneKind::Work,
            raw: "+1 (415) 555-0132".into(),
            extension: None,
        }],
        urls: vec!["https://www.acmerobotics.example".into()],
        domain: Some("acmerobotics.example".into()),
        addresses: vec![Address {
            text: "123 Market St, San Francisco, CA 94105".into(),
            street: Some("123 Market St".into()),
            city: Some("San Francisco".into()),
            region: Some("CA".into()),
            postal_code: Some("94105".into()),
            country: None,
        }],
        social: vec![],
        confidence: [("name".to_string(), 0.92), ("org".to_string(), 0.71)].into(),
        text: "Jane Q. Doe\nAcme Robotics, Inc.".into(),
        note: None,
        photo: None,
    }
}

/// A phone as printed: `raw` is the number itself.
pub(crate) fn phone(number: &str, kind: PhoneKind, extension: Option<&str>) -> Phone {
    Phone {
        number: number.into(),
        kind,
        raw: number.into(),
        extension: extension.map(Into::into),
    }
}
