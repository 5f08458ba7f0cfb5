//! Our vCards read back by parsers we did not write: the `vcard4` crate
//! (4.0) and Python `vobject` (3.0 and 4.0, through scripts/check_vcard.py),
//! compared field by field with the contacts that were written.

mod common;

use cardscan::contact::{Address, Contact, Name, Phone, PhoneKind, Social};
use cardscan::output::vcard::{Version, to_vcard, write_all};
use common::{phone, vobject_read};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn opt(s: &str) -> Option<String> {
    Some(s.to_string())
}

/// A JPEG's worth of bytes (every value, so base64 uses its whole alphabet).
fn photo_bytes() -> Vec<u8> {
    let mut bytes = vec![0xff, 0xd8, 0xff, 0xe0];
    bytes.extend((0..5000u32).map(|i| (i * 7 % 256) as u8));
    bytes
}

/// Standard base64 with padding, strict (test-side, independent of ours).
fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {:?}", c as char),
    };
    assert_eq!(text.len() % 4, 0, "base64 length");
    let mut out = Vec::new();
    for quad in text.as_bytes().chunks(4) {
        let pad = quad.iter().filter(|&&c| c == b'=').count();
        let n = quad[..4 - pad]
            .iter()
            .fold(0u32, |n, &c| (n << 6) | u32::from(value(c)))
            << (6 * pad);
        out.extend(&n.to_be_bytes()[1..4 - pad]);
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Contacts that exercise escaping, folding, non-ASCII, many values, and
/// cards without a person.
fn contacts() -> Vec<Contact> {
    let long = "Principal Engineer, Platform; Infrastructure \\ Reliability \
                (EMEA, APAC & Americas) — responsible for everything that runs";
    vec![
        Contact {
            source: opt("cards/jane.jpg"),
            name: Some(Name {
                full: "Jane Q. Doe".into(),
                given: opt("Jane"),
                middle: opt("Q."),
                family: opt("Doe"),
                prefix: None,
                suffix: None,
            }),
            org: opt("Acme Robotics, Inc."),
            title: opt("Senior Software Engineer"),
            emails: vec!["jane.doe@acmerobotics.example".into()],
            phones: vec![phone("+14155550132", PhoneKind::Work, None)],
            urls: vec!["www.acmerobotics.example".into()],
            addresses: vec![Address {
                text: "123 Market St, San Francisco, CA 94105".into(),
                street: opt("123 Market St"),
                city: opt("San Francisco"),
                region: opt("CA"),
                postal_code: opt("94105"),
                country: None,
            }],
            social: vec![Social {
                service: "linkedin".into(),
                handle: "janedoe".into(),
                url: opt("https://www.linkedin.com/in/janedoe"),
            }],
            ..Contact::default()
        },
        Contact {
            name: Some(Name {
                full: "Dr. José Ação O'Brien; Müller, PhD".into(),
                given: opt("José"),
                middle: opt("Ação"),
                family: opt("O'Brien; Müller"),
                prefix: opt("Dr."),
                suffix: opt("PhD, MBA"),
            }),
            org: opt("Società \\ Ünïcødé; Ltd, 日本語株式会社"),
            department: opt("R&D, Line 1\nLine 2"),
            title: Some(long.into()),
            emails: vec![
                "jose@xn--exmple-cua.example".into(),
                "j.muller@example.org".into(),
                "sales@example.org".into(),
            ],
            phones: vec![
                phone("+351912345678", PhoneKind::Mobile, None),
                phone("+14155550132", PhoneKind::Work, Some("214")),
                phone("+14155550133", PhoneKind::Fax, None),
                phone("+442079460000", PhoneKind::Home, None),
                phone("+81312345678", PhoneKind::Other, None),
                phone("555-0199", PhoneKind::Work, None),
            ],
            urls: vec![
                "https://example.org/a/very/long/path/that/goes/on/and/on/for/more/than/seventy-five/octets"
                    .into(),
                "http://日本語.example/🚀".into(),
            ],
            addresses: vec![
                Address {
                    text: "Rua Augusta 100, 1100-053 Lisboa, Portugal".into(),
                    street: opt("Rua Augusta 100; 2º Esq."),
                    city: opt("Lisboa"),
                    region: None,
                    postal_code: opt("1100-053"),
                    country: opt("Portugal"),
                },
                Address {
                    text: "東京都千代田区丸の内1-1-1, 〒100-0005".into(),
                    ..Address::default()
                },
            ],
            note: opt("Scanned from IMG 1;2,3\\4.jpg on 2026-11-26\n\nOCR: José; Ação, 日本語 🚀\r\nline 2"),
            photo: Some(photo_bytes()),
            ..Contact::default()
        },
        Contact {
            org: opt("🚀 Rocket Café, \"Best\" in town"),
            title: Some(format!("{}🚀🚀🚀 日本語 ação", "x".repeat(60))),
            phones: vec![phone("+14155550100", PhoneKind::Work, None)],
            emails: vec!["hello@rocket.example".into()],
            ..Contact::default()
        },
        Contact {
            name: Some(Name {
                full: "Line\r\nBreak\rName\nEND:VCARD".into(),
                given: opt("Line\r\nBreak"),
                family: opt("END:VCARD\r\nBEGIN:VCARD"),
                ..Name::default()
            }),
            title: opt("x\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Injected"),
            ..Contact::default()
        },
    ]
}

/// What a reader should get back for a text value: trimmed, newlines as
/// `\n`, tabs as spaces (the writer's documented contract).
fn text(s: &str) -> String {
    s.trim()
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\t', " ")
}

fn opt_text(s: &Option<String>) -> String {
    s.as_deref().map(text).unwrap_or_default()
}

fn expected_fn(c: &Contact) -> String {
    text(c.display_name().unwrap_or_else(|| {
        c.emails
            .first()
            .map(String::as_str)
            .or(c.phones.first().map(|p| p.number.as_str()))
            .unwrap_or("Unknown")
    }))
}

/// N: family, given, middle, prefix, suffix; a name known only whole is
/// the given name.
fn expected_n(c: &Contact) -> [String; 5] {
    match &c.name {
        None => Default::default(),
        Some(n) => {
            let parts = [&n.family, &n.given, &n.middle, &n.prefix, &n.suffix].map(opt_text);
            if parts.iter().all(String::is_empty) {
                [
                    String::new(),
                    text(&n.full),
                    String::new(),
                    String::new(),
                    String::new(),
                ]
            } else {
                parts
            }
        }
    }
}

fn expected_org(c: &Contact) -> Option<Vec<String>> {
    match (&c.org, &c.department) {
        (None, None) => None,
        (org, None) => Some(vec![opt_text(org)]),
        (org, Some(d)) => Some(vec![opt_text(org), text(d)]),
    }
}

fn expected_types(kind: PhoneKind) -> Vec<&'static str> {
    match kind {
        PhoneKind::Mobile => vec!["cell"],
        PhoneKind::Work => vec!["work", "voice"],
        PhoneKind::Fax => vec!["work", "fax"],
        PhoneKind::Home => vec!["home", "voice"],
        PhoneKind::Other => vec!["voice"],
    }
}

fn expected_tel(p: &Phone, version: Version) -> String {
    let e164 = p.number.starts_with('+');
    match (version, &p.extension) {
        (Version::V4, ext) if e164 => match ext {
            Some(e) => format!("tel:{};ext={e}", p.number),
            None => format!("tel:{}", p.number),
        },
        (_, Some(e)) => format!("{} ext. {e}", p.number),
        (_, None) => p.number.clone(),
    }
}

fn expected_url(u: &str, version: Version) -> String {
    let u = if u.contains("://") {
        u.to_string()
    } else {
        format!("https://{u}")
    };
    if version == Version::V3 {
        return u;
    }
    // 4.0 URIs are ASCII: non-ASCII is percent-encoded as UTF-8.
    let mut out = String::new();
    for c in u.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// ADR parts: street, city, region, code, country.
fn expected_adr(a: &Address) -> [String; 5] {
    let parts = [&a.street, &a.city, &a.region, &a.postal_code, &a.country];
    if parts.iter().all(|p| p.is_none()) {
        return [text(&a.text), "".into(), "".into(), "".into(), "".into()];
    }
    parts.map(opt_text)
}

// ---------------------------------------------------------------- vcard4

fn tel_value(tel: &vcard4::property::TextOrUriProperty) -> String {
    match tel {
        vcard4::property::TextOrUriProperty::Text(t) => t.value.clone(),
        vcard4::property::TextOrUriProperty::Uri(u) => u.value.to_string(),
    }
}

#[test]
fn vcard4_crate_reads_our_4_0() {
    check_vcard4(&contacts());
}

/// Writes `contacts` as one 4.0 stream, reads it with vcard4, compares.
fn check_vcard4(contacts: &[Contact]) {
    let mut vcf = Vec::new();
    write_all(contacts, Version::V4, &mut vcf).unwrap();
    let vcf = String::from_utf8(vcf).unwrap();
    let cards = vcard4::parse(&vcf).unwrap_or_else(|e| panic!("vcard4: {e}\n{vcf}"));
    assert_eq!(cards.len(), contacts.len());
    for (c, card) in contacts.iter().zip(&cards) {
        let ctx = to_vcard(c, Version::V4);
        assert_eq!(card.formatted_name.len(), 1, "{ctx}");
        assert_eq!(card.formatted_name[0].value, expected_fn(c), "{ctx}");
        let uid = card.uid.as_ref().map(tel_value);
        assert_eq!(uid, Some(format!("urn:uuid:{}", c.uid())), "{ctx}");
        // vcard4 0.7 unescapes a compound value before splitting it on `;`,
        // so an escaped `\;` inside N/ORG/ADR components comes back as a
        // component break (vobject, above, reads them right). Joining the
        // components again is immune to that and still checks every
        // character, commas and backslashes included.
        let n = card.name.as_ref().expect("N").value.join(";");
        assert_eq!(n, expected_n(c).join(";"), "{ctx}");
        let org = card.org.first().map(|o| o.value.join(";"));
        assert_eq!(org, expected_org(c).map(|o| o.join(";")), "{ctx}");
        assert_eq!(
            card.title.first().map(|t| t.value.clone()),
            c.title.as_deref().map(text),
            "{ctx}"
        );
        let tels: Vec<String> = card.tel.iter().map(tel_value).collect();
        let want: Vec<String> = c
            .phones
            .iter()
            .map(|p| expected_tel(p, Version::V4))
            .collect();
        assert_eq!(tels, want, "{ctx}");
        let emails: Vec<&str> = card.email.iter().map(|e| e.value.as_str()).collect();
        assert_eq!(emails, c.emails, "{ctx}");
        let urls: Vec<String> = card.url.iter().map(|u| u.value.to_string()).collect();
        let want: Vec<String> = c
            .urls
            .iter()
            .map(|u| expected_url(u, Version::V4))
            .collect();
        // vcard4 normalises URIs (`https://host` → `https://host/`), so
        // compare with the expected URI normalised the same way.
        let want: Vec<String> = want
            .iter()
            .map(|u| u.parse::<vcard4::Uri>().unwrap().to_string())
            .collect();
        assert_eq!(urls, want, "{ctx}");
        assert_eq!(
            card.note.first().map(|n| n.value.clone()),
            c.note.as_deref().map(text),
            "{ctx}"
        );
        match &c.photo {
            None => assert!(card.photo.is_empty(), "{ctx}"),
            Some(bytes) => {
                assert_eq!(card.photo.len(), 1, "{ctx}");
                let uri = tel_value(&card.photo[0]);
                let data = uri
                    .strip_prefix("data:image/jpeg;base64,")
                    .expect("data URI");
                assert_eq!(hex(&base64_decode(data)), hex(bytes), "{ctx}");
            }
        }
        assert_eq!(card.address.len(), c.addresses.len(), "{ctx}");
        for (adr, a) in card.address.iter().zip(&c.addresses) {
            let v = &adr.value;
            let got = [
                &v.street_address,
                &v.locality,
                &v.region,
                &v.postal_code,
                &v.country_name,
            ]
            .map(|p| p.clone().unwrap_or_default());
            assert_eq!(got.join(";"), expected_adr(a).join(";"), "{ctx}");
        }
    }
}

// ---------------------------------------------------------------- vobject

/// The Python with vobject: see [`common::python_with`].
fn python_with_vobject() -> Option<PathBuf> {
    common::python_with("vobject", "vobject checks")
}

/// What Android's importer needs of a 3.0 file: every card has N, TYPE
/// values are upper-case, PHOTO is `ENCODING=b`, there is no CHARSET.
fn android_rules(vcf: &str, cards: usize) {
    let unfolded = vcf.replace("\r\n ", "");
    let lines: Vec<&str> = unfolded.split("\r\n").collect();
    let count = |prefix: &str| lines.iter().filter(|l| l.starts_with(prefix)).count();
    assert_eq!(count("BEGIN:VCARD"), cards, "one file, every card");
    assert_eq!(count("N:"), cards, "N on every card");
    assert!(!unfolded.to_uppercase().contains("CHARSET="), "no CHARSET");
    for line in &lines {
        let name_params = line.split(':').next().unwrap();
        for param in name_params.split(';').skip(1) {
            if let Some(types) = param.strip_prefix("TYPE=") {
                assert_eq!(types, types.to_uppercase(), "{line}");
            }
        }
        if line.starts_with("PHOTO") {
            assert!(line.starts_with("PHOTO;ENCODING=b;TYPE=JPEG:"), "{line}");
        }
    }
}

fn s(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(s).collect()
}

fn check_vobject(version: Version) {
    let Some(python) = python_with_vobject() else {
        return;
    };
    check_vobject_contacts(&python, &contacts(), version);
}

/// Writes `contacts` as one stream, reads it with vobject, compares.
fn check_vobject_contacts(python: &Path, contacts: &[Contact], version: Version) {
    let mut vcf = Vec::new();
    write_all(contacts, version, &mut vcf).unwrap();
    let vcf = String::from_utf8(vcf).unwrap();
    if version == Version::V3 {
        android_rules(&vcf, contacts.len());
    }
    let cards = vobject_read(python, &vcf);
    assert_eq!(cards.len(), contacts.len(), "{vcf}");
    let (upper_version, lower_case_email_type) = match version {
        Version::V3 => ("3.0", "internet"),
        Version::V4 => ("4.0", "work"),
    };
    for (c, card) in contacts.iter().zip(&cards) {
        let ctx = format!("{card}\n{}", to_vcard(c, version));
        assert_eq!(s(&card["version"]), upper_version, "{ctx}");
        assert_eq!(s(&card["fn"]), expected_fn(c), "{ctx}");
        let uid = match version {
            Version::V3 => c.uid(),
            Version::V4 => format!("urn:uuid:{}", c.uid()),
        };
        assert_eq!(s(&card["uid"]), uid, "{ctx}");
        let n = &card["n"];
        let got = ["family", "given", "middle", "prefix", "suffix"].map(|k| s(&n[k]));
        assert_eq!(got, expected_n(c), "{ctx}");
        let org = card["org"]
            .as_array()
            .map(|o| o.iter().map(s).collect::<Vec<_>>());
        assert_eq!(org, expected_org(c), "{ctx}");
        assert_eq!(
            card["title"].as_str().map(str::to_string),
            c.title.as_deref().map(text)
        );
        let tels = card["tels"].as_array().unwrap();
        assert_eq!(tels.len(), c.phones.len(), "{ctx}");
        for (tel, p) in tels.iter().zip(&c.phones) {
            assert_eq!(s(&tel["value"]), expected_tel(p, version), "{ctx}");
            assert_eq!(strings(&tel["types"]), expected_types(p.kind), "{ctx}");
        }
        let emails = card["emails"].as_array().unwrap();
        let got: Vec<String> = emails.iter().map(|e| s(&e["value"])).collect();
        assert_eq!(got, c.emails, "{ctx}");
        for e in emails {
            assert_eq!(strings(&e["types"]), [lower_case_email_type], "{ctx}");
        }
        let want: Vec<String> = c.urls.iter().map(|u| expected_url(u, version)).collect();
        assert_eq!(strings(&card["urls"]), want, "{ctx}");
        let adrs = card["adrs"].as_array().unwrap();
        assert_eq!(adrs.len(), c.addresses.len(), "{ctx}");
        for (adr, a) in adrs.iter().zip(&c.addresses) {
            let got = ["street", "city", "region", "code", "country"].map(|k| s(&adr[k]));
            assert_eq!(got, expected_adr(a), "{ctx}");
            assert_eq!(
                (s(&adr["box"]), s(&adr["extended"])),
                ("".into(), "".into())
            );
            assert_eq!(strings(&adr["types"]), ["work"], "{ctx}");
        }
        assert_eq!(
            card["note"].as_str().map(str::to_string),
            c.note.as_deref().map(text),
            "{ctx}"
        );
        match &c.photo {
            None => assert!(card["photo"].is_null(), "{ctx}"),
            Some(bytes) if version == Version::V3 => {
                assert_eq!(s(&card["photo"]["hex"]), hex(bytes));
                assert_eq!(s(&card["photo"]["type"]), "jpeg");
            }
            Some(_) => {
                // vobject 0.9.9 parses 4.0 with 3.0 rules and cuts a value at
                // its first unescaped comma, which a data: URI must have; the
                // vcard4 check decodes the 4.0 photo byte for byte instead.
                assert_eq!(s(&card["photo"]["uri"]), "data:image/jpeg;base64");
            }
        }
        let social = card["social"].as_array().unwrap();
        assert_eq!(social.len(), c.social.len(), "{ctx}");
        for (got, want) in social.iter().zip(&c.social) {
            assert_eq!(s(&got["value"]), want.url.clone().unwrap(), "{ctx}");
            assert_eq!(strings(&got["types"]), [want.service.as_str()], "{ctx}");
        }
    }
}

#[test]
fn vobject_reads_our_3_0() {
    check_vobject(Version::V3);
}

#[test]
fn vobject_reads_our_4_0() {
    check_vobject(Version::V4);
}

#[test]
fn uids_are_distinct_per_contact() {
    let uids: std::collections::BTreeSet<String> = contacts().iter().map(Contact::uid).collect();
    assert_eq!(uids.len(), contacts().len());
}

#[test]
fn long_lines_really_are_folded() {
    // The fixtures above must exercise folding, or the parser checks prove
    // nothing about it.
    let vcf = to_vcard(&contacts()[1], Version::V3);
    assert!(vcf.contains("\r\n "), "{vcf}");
    assert!(vcf.split("\r\n").all(|l| l.len() <= 75));
}

// ------------------------------------------------------- random contacts
//
// proptest makes contacts out of the characters that break vCard writers:
// `;` `,` `\` `:` `"`, CR, LF and CRLF, tabs, emoji (with modifiers and
// ZWJ sequences), CJK, right-to-left Arabic and Hebrew, accents, and very
// long values that must be folded; with many phones and emails. Every
// contact must come back field for field from vcard4 (4.0) and vobject
// (3.0 and 4.0).

mod random {
    use super::*;
    use proptest::collection::vec;
    use proptest::option;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    use std::sync::atomic::{AtomicUsize, Ordering};

    const PIECES: &[&str] = &[
        ";",
        ",",
        "\\",
        ":",
        "\"",
        "'",
        "=",
        "+",
        "\r",
        "\n",
        "\r\n",
        "\t",
        " ",
        "  ",
        "🚀",
        "👍🏽",
        "👩‍💻",
        "😀",
        "日本語",
        "中文",
        "한국어",
        "東京都",
        "שלום",
        "مرحبا",
        "עברית",
        "ação",
        "Müller",
        "ñ",
        "ß",
        "é",
        "\\n",
        "\\,",
        "END:VCARD",
        "BEGIN:VCARD",
        "x",
    ];

    /// Text of ASCII words and the pieces above; never blank.
    fn text(max: usize) -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            3 => "[A-Za-z0-9]{1,8}",
            2 => proptest::sample::select(PIECES).prop_map(str::to_string),
        ];
        vec(piece, 1..max)
            .prop_map(|p| p.concat())
            .prop_filter("not blank", |s| !s.trim().is_empty())
    }

    /// Sometimes short, sometimes long enough to fold many times.
    fn value() -> impl Strategy<Value = String> {
        prop_oneof![4 => text(6), 1 => text(60)]
    }

    fn phone() -> impl Strategy<Value = Phone> {
        let number = prop_oneof![
            3 => "\\+[1-9][0-9]{6,13}",
            1 => "[0-9]{3}-[0-9]{4}",
            1 => "\\([0-9]{2}\\) [0-9]{4} [0-9]{4}",
        ];
        let kind = proptest::sample::select(vec![
            PhoneKind::Mobile,
            PhoneKind::Work,
            PhoneKind::Fax,
            PhoneKind::Home,
            PhoneKind::Other,
        ]);
        (number, kind, option::weighted(0.2, "[0-9]{1,5}")).prop_map(|(number, kind, ext)| Phone {
            raw: number.clone(),
            number,
            kind,
            extension: ext,
        })
    }

    fn email() -> impl Strategy<Value = String> {
        "[a-z0-9][a-z0-9._%+-]{0,20}@[a-z0-9][a-z0-9-]{0,15}\\.[a-z]{2,6}"
    }

    fn url() -> impl Strategy<Value = String> {
        let host = "[a-z0-9][a-z0-9-]{0,12}\\.[a-z]{2,5}";
        let path = vec(
            prop_oneof![
                4 => "[A-Za-z0-9_.~/-]{1,10}",
                1 => proptest::sample::select(&["日本語", "ação", "🚀", "שלום"][..])
                    .prop_map(str::to_string),
            ],
            0..12,
        )
        .prop_map(|p| p.concat());
        let scheme = proptest::sample::select(&["https://", "http://", "", "www."][..]);
        (scheme, host, path).prop_map(|(scheme, host, path)| format!("{scheme}{host}/{path}"))
    }

    fn name() -> impl Strategy<Value = Name> {
        (
            text(6),
            option::of(value()),
            option::of(text(4)),
            option::of(value()),
            option::of(text(3)),
            option::of(text(3)),
        )
            .prop_map(|(full, given, middle, family, prefix, suffix)| Name {
                full,
                given,
                middle,
                family,
                prefix,
                suffix,
            })
    }

    fn address() -> impl Strategy<Value = Address> {
        (
            value(),
            option::of(value()),
            option::of(text(4)),
            option::of(text(3)),
            option::of("[0-9A-Z -]{3,9}".prop_filter("not blank", |s| !s.trim().is_empty())),
            option::of(text(3)),
        )
            .prop_map(
                |(text, street, city, region, postal_code, country)| Address {
                    text,
                    street,
                    city,
                    region,
                    postal_code,
                    country,
                },
            )
    }

    fn social() -> impl Strategy<Value = Social> {
        let service = proptest::sample::select(&["linkedin", "github", "x", "instagram"][..]);
        (service, "[a-z0-9_]{1,15}").prop_map(|(service, handle)| Social {
            url: Some(format!("https://{service}.example/{handle}")),
            service: service.to_string(),
            handle,
        })
    }

    prop_compose! {
        fn contact()(
            name in option::weighted(0.8, name()),
            org in option::of(value()),
            department in option::weighted(0.3, text(5)),
            title in option::of(value()),
            emails in vec(email(), 0..6),
            phones in vec(phone(), 0..8),
            urls in vec(url(), 0..3),
            addresses in vec(address(), 0..3),
            social in vec(social(), 0..2),
            note in option::weighted(0.3, text(80)),
            photo in option::weighted(0.2, vec(any::<u8>(), 1..3000)),
        ) -> Contact {
            Contact {
                name, org, department, title, emails, phones, urls, addresses, social, note, photo,
                ..Contact::default()
            }
        }
    }

    fn runner(cases: u32) -> TestRunner {
        TestRunner::new(Config {
            cases,
            // Failures are reported with the shrunk contact; no files.
            failure_persistence: None,
            ..Config::default()
        })
    }

    #[test]
    fn vcard4_crate_reads_random_contacts() {
        let cards = AtomicUsize::new(0);
        let cases = AtomicUsize::new(0);
        runner(512)
            .run(&vec(contact(), 1..4), |contacts| {
                check_vcard4(&contacts);
                cases.fetch_add(1, Ordering::Relaxed);
                cards.fetch_add(contacts.len(), Ordering::Relaxed);
                Ok(())
            })
            .unwrap();
        eprintln!(
            "vcard4 4.0: {} cases, {} contacts, 0 failures",
            cases.into_inner(),
            cards.into_inner()
        );
    }

    fn vobject_random(version: Version) {
        let Some(python) = python_with_vobject() else {
            return;
        };
        let cards = AtomicUsize::new(0);
        let cases = AtomicUsize::new(0);
        // One vobject run per case, so each case is a whole file of contacts.
        runner(100)
            .run(&vec(contact(), 1..16), |contacts| {
                check_vobject_contacts(&python, &contacts, version);
                cases.fetch_add(1, Ordering::Relaxed);
                cards.fetch_add(contacts.len(), Ordering::Relaxed);
                Ok(())
            })
            .unwrap();
        eprintln!(
            "vobject {version:?}: {} cases, {} contacts, 0 failures",
            cases.into_inner(),
            cards.into_inner()
        );
    }

    #[test]
    fn vobject_reads_random_contacts_3_0() {
        vobject_random(Version::V3);
    }

    #[test]
    fn vobject_reads_random_contacts_4_0() {
        vobject_random(Version::V4);
    }
}
