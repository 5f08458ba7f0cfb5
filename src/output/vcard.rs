//! vCard output: 3.0 (RFC 2426, the default) and 4.0 (RFC 6350).
//!
//! Both versions go through one small writer because what makes a vCard
//! importable is the same in both: CRLF line ends, lines folded at 75 octets
//! (never inside a UTF-8 character or an escape pair), text values escaped
//! (`\` `,` `;` and newlines), control characters dropped. Values come from
//! OCR, so nothing in a value may ever start a new property line: every
//! CR/LF in a text value becomes the two characters `\n`, and URI values are
//! percent-encoded instead.
//!
//! Phone extensions: in 3.0 the value is `+14155550132 ext. 214`. `TEL` is a
//! text value there, and a `;ext=214` suffix is neither valid 3.0 text (an
//! unescaped `;`) nor understood by the phone importers, whereas `ext.` is
//! one of the markers the Android and iOS number parsers (libphonenumber and
//! Apple's) recognise, so the main number stays tappable and the extension
//! is shown. In 4.0 a validated number is an RFC 3966 URI,
//! `tel:+14155550132;ext=214`, which is what RFC 6350 recommends.

use crate::contact::{Address, Contact, Phone, PhoneKind, with_scheme};
use std::io::{self, Write};

/// vCard version to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Version {
    /// vCard 3.0 (RFC 2426), the default: every phone importer reads it.
    #[default]
    V3,
    /// vCard 4.0 (RFC 6350).
    V4,
}

/// Longest physical line in octets, not counting the CRLF (RFC 2425 5.8.1,
/// RFC 6350 3.2).
const MAX_LINE_OCTETS: usize = 75;

/// Writes one contact as a vCard (CRLF line ends, folded, escaped).
pub fn to_vcard(contact: &Contact, version: Version) -> String {
    let mut card = Card {
        out: String::new(),
        version,
    };
    card.contact(contact);
    card.out
}

/// Writes several contacts, one vCard after another, to `out` (one `.vcf`).
pub fn write_all<'a, I>(contacts: I, version: Version, out: &mut dyn Write) -> io::Result<()>
where
    I: IntoIterator<Item = &'a Contact>,
{
    for contact in contacts {
        out.write_all(to_vcard(contact, version).as_bytes())?;
    }
    Ok(())
}

/// The text the contact is shown under (`FN`): the person, else the org,
/// else the first email, else the first phone, else "Unknown".
fn formatted_name(contact: &Contact) -> String {
    let person = contact.name.as_ref().and_then(|n| {
        let full = n.full.trim();
        if !full.is_empty() {
            return Some(full.to_string());
        }
        let parts: Vec<&str> = [&n.prefix, &n.given, &n.middle, &n.family, &n.suffix]
            .into_iter()
            .filter_map(|p| non_empty(p))
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    });
    person
        .or_else(|| non_empty(&contact.org).map(str::to_string))
        .or_else(|| first_non_empty(&contact.emails))
        .or_else(|| {
            contact
                .phones
                .iter()
                .map(|p| p.number.trim())
                .find(|n| !n.is_empty())
                .map(str::to_string)
        })
        .unwrap_or_else(|| "Unknown".to_string())
}

fn non_empty(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn first_non_empty(values: &[String]) -> Option<String> {
    values
        .iter()
        .map(|v| v.trim())
        .find(|v| !v.is_empty())
        .map(str::to_string)
}

struct Card {
    out: String,
    version: Version,
}

impl Card {
    fn v3(&self) -> bool {
        self.version == Version::V3
    }

    fn contact(&mut self, c: &Contact) {
        self.line("BEGIN", "VCARD");
        self.line("VERSION", if self.v3() { "3.0" } else { "4.0" });
        if !self.v3() {
            self.line(
                "KIND",
                if c.name.is_some() {
                    "individual"
                } else {
                    "org"
                },
            );
        }
        self.line("FN", &escape_text(&formatted_name(c)));
        self.line("N", &structured(&name_parts(c)));
        // A stable UID (see `Contact::uid`): importing the card again
        // updates the contact instead of adding a duplicate. 4.0 wants a
        // URI, 3.0 text.
        let uid = c.uid();
        if self.v3() {
            self.line("UID", &uid);
        } else {
            self.line("UID", &format!("urn:uuid:{uid}"));
        }
        if non_empty(&c.org).is_some() || non_empty(&c.department).is_some() {
            let mut parts = vec![non_empty(&c.org).unwrap_or("")];
            if let Some(department) = non_empty(&c.department) {
                parts.push(department);
            }
            self.line("ORG", &structured(&parts));
        }
        if let Some(title) = non_empty(&c.title) {
            self.line("TITLE", &escape_text(title));
        }
        for phone in &c.phones {
            self.phone(phone);
        }
        for email in c.emails.iter().map(|e| e.trim()).filter(|e| !e.is_empty()) {
            let name = if self.v3() {
                "EMAIL;TYPE=INTERNET"
            } else {
                "EMAIL;TYPE=work"
            };
            self.line(name, &escape_text(email));
        }
        for url in c.urls.iter().map(|u| u.trim()).filter(|u| !u.is_empty()) {
            self.line("URL", &uri_value(&with_scheme(url), self.version));
        }
        for address in &c.addresses {
            self.address(address);
        }
        for social in &c.social {
            let value = match social.url.as_deref().map(str::trim) {
                Some(url) if !url.is_empty() => uri_value(&with_scheme(url), self.version),
                _ => uri_value(social.handle.trim(), self.version),
            };
            if value.is_empty() {
                continue;
            }
            // TYPE values are upper-case in 3.0 (Android's importer), as
            // every other TYPE we write; 4.0 keeps RFC 6350's lower case.
            let service = if self.v3() {
                param_value(&social.service.to_uppercase())
            } else {
                param_value(&social.service.to_lowercase())
            };
            if service.is_empty() {
                self.line("X-SOCIALPROFILE", &value);
            } else {
                self.line(&format!("X-SOCIALPROFILE;TYPE={service}"), &value);
            }
        }
        if let Some(note) = non_empty(&c.note) {
            self.line("NOTE", &escape_text(note));
        }
        if let Some(photo) = c.photo.as_deref().filter(|p| !p.is_empty()) {
            // Android's importer wants 3.0's `ENCODING=b` (not `BASE64`)
            // and an upper-case type; 4.0 has only data: URIs.
            let data = base64(photo);
            if self.v3() {
                self.line("PHOTO;ENCODING=b;TYPE=JPEG", &data);
            } else {
                self.line("PHOTO", &format!("data:image/jpeg;base64,{data}"));
            }
        }
        if self.v3() && c.name.is_none() && non_empty(&c.org).is_some() {
            // Apple Contacts lists a card without a person under its company.
            self.line("X-ABShowAs", "COMPANY");
        }
        self.line("END", "VCARD");
    }

    fn phone(&mut self, phone: &Phone) {
        let number = phone.number.trim();
        if number.is_empty() {
            return;
        }
        let types: &[&str] = match phone.kind {
            PhoneKind::Mobile => &["CELL"],
            PhoneKind::Work => &["WORK", "VOICE"],
            PhoneKind::Fax => &["WORK", "FAX"],
            PhoneKind::Home => &["HOME", "VOICE"],
            PhoneKind::Other => &["VOICE"],
        };
        let extension = non_empty(&phone.extension);
        if self.v3() {
            let mut value = escape_text(number);
            if let Some(ext) = extension {
                value.push_str(" ext. ");
                value.push_str(&escape_text(ext));
            }
            self.line(&format!("TEL;TYPE={}", types.join(",")), &value);
            return;
        }
        let types = types.join(",").to_lowercase();
        let types = if types.contains(',') {
            format!("\"{types}\"")
        } else {
            types
        };
        let ext_digits: String = extension
            .unwrap_or("")
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let ext_is_digits = extension.is_none_or(|e| e.chars().all(|c| c.is_ascii_digit()));
        if is_e164(number) && ext_is_digits {
            let mut uri = format!("tel:{number}");
            if !ext_digits.is_empty() {
                uri.push_str(";ext=");
                uri.push_str(&ext_digits);
            }
            self.line(&format!("TEL;VALUE=uri;TYPE={types}"), &uri);
        } else {
            // Not a global number (or an odd extension): a tel: URI would
            // need a phone-context, so keep it as text, which 4.0 allows.
            let mut value = escape_text(number);
            if let Some(ext) = extension {
                value.push_str(" ext. ");
                value.push_str(&escape_text(ext));
            }
            self.line(&format!("TEL;TYPE={types}"), &value);
        }
    }

    fn address(&mut self, a: &Address) {
        let parts = [&a.street, &a.city, &a.region, &a.postal_code, &a.country];
        let known = parts.iter().any(|p| non_empty(p).is_some());
        let text = a.text.trim();
        if !known && text.is_empty() {
            return;
        }
        let street = if known {
            non_empty(&a.street).unwrap_or("")
        } else {
            text
        };
        let value = structured(&[
            "",
            "",
            street,
            non_empty(&a.city).unwrap_or(""),
            non_empty(&a.region).unwrap_or(""),
            non_empty(&a.postal_code).unwrap_or(""),
            non_empty(&a.country).unwrap_or(""),
        ]);
        self.line(
            if self.v3() {
                "ADR;TYPE=WORK"
            } else {
                "ADR;TYPE=work"
            },
            &value,
        );
    }

    /// Appends one content line, folded, with CRLF. `value` must already be
    /// escaped (text) or encoded (URI): it must hold no CR or LF.
    fn line(&mut self, name: &str, value: &str) {
        debug_assert!(!name.contains(['\r', '\n']) && !value.contains(['\r', '\n']));
        fold_into(&mut self.out, &format!("{name}:{value}"));
        self.out.push_str("\r\n");
    }
}

/// `N` components: family; given; middle; prefix; suffix. Empty components
/// when there is no person; a name known only as a whole goes in `given`.
fn name_parts(c: &Contact) -> Vec<&str> {
    let Some(n) = &c.name else {
        return vec![""; 5];
    };
    let parts = [&n.family, &n.given, &n.middle, &n.prefix, &n.suffix];
    if parts.iter().all(|p| non_empty(p).is_none()) {
        return vec!["", n.full.trim(), "", "", ""];
    }
    parts.iter().map(|p| non_empty(p).unwrap_or("")).collect()
}

/// A structured value (`N`, `ORG`, `ADR`): components escaped, joined by `;`.
fn structured(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| escape_text(p))
        .collect::<Vec<_>>()
        .join(";")
}

/// Escapes a text value: `\` `,` `;` get a backslash, each newline (CR, LF,
/// CRLF, U+2028, U+2029) becomes `\n`, a tab a space, other control
/// characters are dropped.
pub(crate) fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' | '\u{2028}' | '\u{2029}' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URI value: URIs are not backslash-escaped, so the characters that
/// would break a content line or a parser (controls, space, `\`, `,`, `;`,
/// `"`, `<`, `>`) are percent-encoded instead. Non-ASCII is kept in 3.0,
/// where importers show the value as text (`日本語.example` reads better
/// than its percent-encoding), and percent-encoded in 4.0, whose URI
/// values are RFC 3986 (ASCII only; strict 4.0 parsers reject IRIs).
fn uri_value(value: &str, version: Version) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if c.is_control()
            || matches!(c, ' ' | '\\' | ',' | ';' | '"' | '<' | '>')
            || (version == Version::V4 && !c.is_ascii())
        {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A parameter value we generate from data (a social service name): only
/// letters, digits and `-`, so it can never need quoting.
fn param_value(value: &str) -> String {
    value
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

/// Standard base64 (RFC 4648, with padding), as vCard binary values use.
pub(crate) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> shift & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn is_e164(number: &str) -> bool {
    number
        .strip_prefix('+')
        .is_some_and(|d| (2..=15).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()))
}

/// Appends `line` folded: no physical line longer than 75 octets (the
/// leading space of a continuation counts), never splitting a UTF-8
/// character or a backslash escape pair.
fn fold_into(out: &mut String, line: &str) {
    let mut used = 0;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let mut unit = c.len_utf8();
        if c == '\\' {
            unit += rest[unit..].chars().next().map_or(0, char::len_utf8);
        }
        if used + unit > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push_str(&rest[..unit]);
        used += unit;
        rest = &rest[unit..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact::{Name, Social};

    use crate::test_util::{jane, phone};

    /// The logical (unfolded) content lines of a vCard.
    fn unfolded(card: &str) -> Vec<String> {
        assert!(card.ends_with("\r\n"), "{card:?}");
        card.replace("\r\n ", "")
            .trim_end_matches("\r\n")
            .split("\r\n")
            .map(str::to_string)
            .collect()
    }

    fn physical_lines(card: &str) -> Vec<&str> {
        card.trim_end_matches("\r\n").split("\r\n").collect()
    }

    #[test]
    fn full_card_v3() {
        let card = to_vcard(&jane(), Version::V3);
        assert_eq!(
            card,
            "BEGIN:VCARD\r\n\
             VERSION:3.0\r\n\
             FN:Jane Q. Doe\r\n\
             N:Doe;Jane;Q.;;\r\n\
             UID:22931ff7-013e-5159-b638-f6d6303383bb\r\n\
             ORG:Acme Robotics\\, Inc.\r\n\
             TITLE:Senior Software Engineer\r\n\
             TEL;TYPE=WORK,VOICE:+14155550132\r\n\
             EMAIL;TYPE=INTERNET:jane.doe@acmerobotics.example\r\n\
             URL:https://www.acmerobotics.example\r\n\
             ADR;TYPE=WORK:;;123 Market St;San Francisco;CA;94105;\r\n\
             END:VCARD\r\n"
        );
    }

    #[test]
    fn full_card_v4() {
        let card = to_vcard(&jane(), Version::V4);
        assert_eq!(
            card,
            "BEGIN:VCARD\r\n\
             VERSION:4.0\r\n\
             KIND:individual\r\n\
             FN:Jane Q. Doe\r\n\
             N:Doe;Jane;Q.;;\r\n\
             UID:urn:uuid:22931ff7-013e-5159-b638-f6d6303383bb\r\n\
             ORG:Acme Robotics\\, Inc.\r\n\
             TITLE:Senior Software Engineer\r\n\
             TEL;VALUE=uri;TYPE=\"work,voice\":tel:+14155550132\r\n\
             EMAIL;TYPE=work:jane.doe@acmerobotics.example\r\n\
             URL:https://www.acmerobotics.example\r\n\
             ADR;TYPE=work:;;123 Market St;San Francisco;CA;94105;\r\n\
             END:VCARD\r\n"
        );
    }

    #[test]
    fn escaping() {
        let cases = [
            ("plain", "plain"),
            ("a,b", "a\\,b"),
            ("a;b", "a\\;b"),
            ("back\\slash", "back\\\\slash"),
            ("l1\nl2", "l1\\nl2"),
            ("l1\r\nl2", "l1\\nl2"),
            ("l1\rl2", "l1\\nl2"),
            ("l1\n\nl2", "l1\\n\\nl2"),
            ("l1\u{2028}l2", "l1\\nl2"),
            ("tab\there", "tab here"),
            ("bell\u{7}nul\u{0}del\u{7f}c1\u{85}", "bellnuldelc1"),
            ("\\,;", "\\\\\\,\\;"),
            ("colon: ok", "colon: ok"),
            ("ação 日本語 🚀", "ação 日本語 🚀"),
        ];
        for (input, expected) in cases {
            assert_eq!(escape_text(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn structured_components_escaped_inside_real_separators() {
        let mut c = jane();
        c.name = Some(Name {
            full: "x".into(),
            family: Some("O;Brien, Jr".into()),
            given: Some("A\\B".into()),
            ..Name::default()
        });
        c.org = Some("R&D; Labs".into());
        c.department = Some("Ops, EU".into());
        c.addresses = vec![Address {
            text: "1 Main St; Suite 2, Springfield".into(),
            ..Address::default()
        }];
        let lines = unfolded(&to_vcard(&c, Version::V3));
        assert!(
            lines.contains(&"N:O\\;Brien\\, Jr;A\\\\B;;;".to_string()),
            "{lines:?}"
        );
        assert!(
            lines.contains(&"ORG:R&D\\; Labs;Ops\\, EU".to_string()),
            "{lines:?}"
        );
        assert!(
            lines.contains(&"ADR;TYPE=WORK:;;1 Main St\\; Suite 2\\, Springfield;;;;".to_string()),
            "{lines:?}"
        );
    }

    #[test]
    fn folding_keeps_lines_short_and_characters_whole() {
        let values = [
            "a".repeat(200),
            "ação ".repeat(40),
            "日本語".repeat(30),
            "🚀".repeat(50),
            ",".repeat(100),
            format!("{}ção", "x".repeat(69)),
            format!("{}日本", "x".repeat(68)),
            format!("{}🚀🚀", "x".repeat(67)),
        ];
        for value in values {
            for pad in 0..4 {
                let c = Contact {
                    title: Some(format!("{}{value}", "p".repeat(pad))),
                    ..Contact::default()
                };
                for version in [Version::V3, Version::V4] {
                    let card = to_vcard(&c, version);
                    for line in physical_lines(&card) {
                        assert!(
                            line.len() <= MAX_LINE_OCTETS,
                            "{} octets: {line:?}",
                            line.len()
                        );
                        assert!(!line.contains('\r') && !line.contains('\n'));
                    }
                    // Folding never splits an escape: no physical line ends
                    // in an odd run of backslashes.
                    for line in physical_lines(&card) {
                        let trailing = line.len() - line.trim_end_matches('\\').len();
                        assert_eq!(trailing % 2, 0, "{line:?}");
                    }
                    let title =
                        format!("TITLE:{}", escape_text(c.title.as_deref().unwrap().trim()));
                    assert!(unfolded(&card).contains(&title), "{card}");
                }
            }
        }
    }

    #[test]
    fn fold_boundary_exact() {
        // 75 octets stay on one line; 76 fold, continuation starts with one
        // space which counts toward the limit.
        let mut out = String::new();
        fold_into(&mut out, &"a".repeat(75));
        assert_eq!(out, "a".repeat(75));
        let mut out = String::new();
        fold_into(&mut out, &"a".repeat(76));
        assert_eq!(out, format!("{}\r\n a", "a".repeat(75)));
        let mut out = String::new();
        fold_into(&mut out, &"a".repeat(75 + 74 + 1));
        assert_eq!(
            out,
            format!("{}\r\n {}\r\n a", "a".repeat(75), "a".repeat(74))
        );
        // A 2-octet character at octets 75-76 moves whole to the next line.
        let mut out = String::new();
        fold_into(&mut out, &format!("{}çx", "a".repeat(74)));
        assert_eq!(out, format!("{}\r\n çx", "a".repeat(74)));
        // A 3-octet character that exactly fills the line stays.
        let mut out = String::new();
        fold_into(&mut out, &format!("{}日x", "a".repeat(72)));
        assert_eq!(out, format!("{}日\r\n x", "a".repeat(72)));
        // A 4-octet emoji at octet 73 moves whole.
        let mut out = String::new();
        fold_into(&mut out, &format!("{}🚀", "a".repeat(72)));
        assert_eq!(out, format!("{}\r\n 🚀", "a".repeat(72)));
        // An escape pair at octets 75-76 moves whole.
        let mut out = String::new();
        fold_into(&mut out, &format!("{}\\,", "a".repeat(74)));
        assert_eq!(out, format!("{}\r\n \\,", "a".repeat(74)));
    }

    #[test]
    fn no_vcard_injection() {
        let evil = "x\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Evil\nTEL:666\rEMAIL:a@b";
        let mut c = jane();
        c.name.as_mut().unwrap().full = evil.into();
        c.name.as_mut().unwrap().family = Some(evil.into());
        c.org = Some(evil.into());
        c.department = Some(evil.into());
        c.title = Some(evil.into());
        c.emails = vec![evil.into()];
        c.phones = vec![
            phone(evil, PhoneKind::Mobile, Some(evil)),
            phone("+14155550132", PhoneKind::Work, Some(evil)),
        ];
        c.urls = vec![evil.into()];
        c.addresses = vec![Address {
            text: evil.into(),
            city: Some(evil.into()),
            ..Address::default()
        }];
        c.social = vec![Social {
            service: evil.into(),
            handle: evil.into(),
            url: Some(evil.into()),
        }];
        c.note = Some(evil.into());
        for version in [Version::V3, Version::V4] {
            let card = to_vcard(&c, version);
            // Only CRLF line ends, no bare CR or LF anywhere.
            assert_eq!(card.matches('\r').count(), card.matches("\r\n").count());
            assert_eq!(card.matches('\n').count(), card.matches("\r\n").count());
            let lines = unfolded(&card);
            assert_eq!(lines.iter().filter(|l| l.starts_with("BEGIN:")).count(), 1);
            assert_eq!(lines.iter().filter(|l| l.starts_with("END:")).count(), 1);
            assert_eq!(
                lines.iter().filter(|l| l.starts_with("VERSION:")).count(),
                1
            );
            assert_eq!(lines.first().unwrap(), "BEGIN:VCARD");
            assert_eq!(lines.last().unwrap(), "END:VCARD");
            let names: Vec<&str> = lines
                .iter()
                .map(|l| l.split([':', ';']).next().unwrap())
                .collect();
            let allowed = [
                "BEGIN",
                "VERSION",
                "KIND",
                "FN",
                "N",
                "UID",
                "ORG",
                "TITLE",
                "TEL",
                "EMAIL",
                "URL",
                "ADR",
                "X-SOCIALPROFILE",
                "NOTE",
                "END",
            ];
            for name in &names {
                assert!(
                    allowed.contains(name),
                    "unexpected property {name:?} in {card}"
                );
            }
            assert!(!lines.iter().any(|l| l.starts_with("FN:Evil")));
        }
    }

    #[test]
    fn n_and_fn_without_a_person() {
        let cases: Vec<(Contact, &str)> = vec![
            (
                Contact {
                    org: Some("Acme".into()),
                    emails: vec!["a@acme.example".into()],
                    ..Contact::default()
                },
                "Acme",
            ),
            (
                Contact {
                    emails: vec!["a@acme.example".into()],
                    phones: vec![phone("+14155550132", PhoneKind::Work, None)],
                    ..Contact::default()
                },
                "a@acme.example",
            ),
            (
                Contact {
                    phones: vec![phone("+14155550132", PhoneKind::Work, None)],
                    ..Contact::default()
                },
                "+14155550132",
            ),
            (Contact::default(), "Unknown"),
        ];
        for (contact, fn_value) in cases {
            let v3 = unfolded(&to_vcard(&contact, Version::V3));
            assert!(v3.contains(&format!("FN:{fn_value}")), "{v3:?}");
            assert!(v3.contains(&"N:;;;;".to_string()), "{v3:?}");
            assert_eq!(
                v3.contains(&"X-ABShowAs:COMPANY".to_string()),
                contact.org.is_some()
            );
            let v4 = unfolded(&to_vcard(&contact, Version::V4));
            assert!(v4.contains(&format!("FN:{fn_value}")), "{v4:?}");
            assert!(v4.contains(&"N:;;;;".to_string()), "{v4:?}");
            assert!(v4.contains(&"KIND:org".to_string()), "{v4:?}");
        }
    }

    #[test]
    fn name_known_only_whole_goes_in_given() {
        let c = Contact {
            name: Some(Name {
                full: "Cher".into(),
                ..Name::default()
            }),
            ..Contact::default()
        };
        let lines = unfolded(&to_vcard(&c, Version::V3));
        assert!(lines.contains(&"FN:Cher".to_string()));
        assert!(lines.contains(&"N:;Cher;;;".to_string()));
    }

    #[test]
    fn phone_kinds() {
        let cases = [
            (
                PhoneKind::Mobile,
                None,
                "TEL;TYPE=CELL:+14155550132",
                "TEL;VALUE=uri;TYPE=cell:tel:+14155550132",
            ),
            (
                PhoneKind::Work,
                None,
                "TEL;TYPE=WORK,VOICE:+14155550132",
                "TEL;VALUE=uri;TYPE=\"work,voice\":tel:+14155550132",
            ),
            (
                PhoneKind::Fax,
                None,
                "TEL;TYPE=WORK,FAX:+14155550132",
                "TEL;VALUE=uri;TYPE=\"work,fax\":tel:+14155550132",
            ),
            (
                PhoneKind::Home,
                None,
                "TEL;TYPE=HOME,VOICE:+14155550132",
                "TEL;VALUE=uri;TYPE=\"home,voice\":tel:+14155550132",
            ),
            (
                PhoneKind::Other,
                None,
                "TEL;TYPE=VOICE:+14155550132",
                "TEL;VALUE=uri;TYPE=voice:tel:+14155550132",
            ),
            (
                PhoneKind::Work,
                Some("214"),
                "TEL;TYPE=WORK,VOICE:+14155550132 ext. 214",
                "TEL;VALUE=uri;TYPE=\"work,voice\":tel:+14155550132;ext=214",
            ),
        ];
        for (kind, ext, v3, v4) in cases {
            let c = Contact {
                phones: vec![phone("+14155550132", kind, ext)],
                ..Contact::default()
            };
            assert!(
                unfolded(&to_vcard(&c, Version::V3)).contains(&v3.to_string()),
                "{kind:?}"
            );
            assert!(
                unfolded(&to_vcard(&c, Version::V4)).contains(&v4.to_string()),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn phone_not_e164_is_text_in_v4() {
        let c = Contact {
            phones: vec![phone("555-0132", PhoneKind::Mobile, Some("2,1"))],
            ..Contact::default()
        };
        let v4 = unfolded(&to_vcard(&c, Version::V4));
        assert!(
            v4.contains(&"TEL;TYPE=cell:555-0132 ext. 2\\,1".to_string()),
            "{v4:?}"
        );
    }

    #[test]
    fn urls_get_a_scheme_and_are_encoded() {
        let cases = [
            ("www.acme.example", "https://www.acme.example"),
            ("acme.example/a b", "https://acme.example/a%20b"),
            ("http://acme.example", "http://acme.example"),
            (
                "https://acme.example/x?a=1,2;3",
                "https://acme.example/x?a=1%2C2%3B3",
            ),
            (
                "acme.example/?next=http://x",
                "https://acme.example/?next=http://x",
            ),
            ("ação.example", "https://ação.example"),
        ];
        for (input, expected) in cases {
            let c = Contact {
                urls: vec![input.into()],
                ..Contact::default()
            };
            let lines = unfolded(&to_vcard(&c, Version::V3));
            assert!(
                lines.contains(&format!("URL:{expected}")),
                "{input}: {lines:?}"
            );
        }
    }

    #[test]
    fn social_profile() {
        let c = Contact {
            social: vec![
                Social {
                    service: "linkedin".into(),
                    handle: "janedoe".into(),
                    url: Some("https://www.linkedin.com/in/janedoe".into()),
                },
                Social {
                    service: "GitHub".into(),
                    handle: "jdoe".into(),
                    url: None,
                },
            ],
            ..Contact::default()
        };
        let lines = unfolded(&to_vcard(&c, Version::V3));
        assert!(lines.contains(
            &"X-SOCIALPROFILE;TYPE=LINKEDIN:https://www.linkedin.com/in/janedoe".to_string()
        ));
        assert!(lines.contains(&"X-SOCIALPROFILE;TYPE=GITHUB:jdoe".to_string()));
        let v4 = unfolded(&to_vcard(&c, Version::V4));
        assert!(v4.contains(&"X-SOCIALPROFILE;TYPE=github:jdoe".to_string()));
    }

    #[test]
    fn address_with_only_text_goes_in_street() {
        let c = Contact {
            addresses: vec![Address {
                text: "Rua Augusta 100, Lisboa".into(),
                ..Address::default()
            }],
            ..Contact::default()
        };
        let lines = unfolded(&to_vcard(&c, Version::V3));
        assert!(lines.contains(&"ADR;TYPE=WORK:;;Rua Augusta 100\\, Lisboa;;;;".to_string()));
    }

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), expected, "{input:?}");
        }
        assert_eq!(base64(&[0xff, 0xd8, 0xff, 0xe0]), "/9j/4A==");
    }

    #[test]
    fn note_and_photo() {
        let mut c = jane();
        c.note = Some("Scanned from a.jpg on 2026-11-26\n\nLine; one, two".into());
        c.photo = Some((0..=255u8).cycle().take(300).collect());
        let v3 = to_vcard(&c, Version::V3);
        let lines = unfolded(&v3);
        assert!(
            lines.contains(
                &"NOTE:Scanned from a.jpg on 2026-11-26\\n\\nLine\\; one\\, two".to_string()
            ),
            "{lines:?}"
        );
        let photo = lines.iter().find(|l| l.starts_with("PHOTO")).unwrap();
        let data = base64(c.photo.as_deref().unwrap());
        assert_eq!(*photo, format!("PHOTO;ENCODING=b;TYPE=JPEG:{data}"));
        assert!(
            physical_lines(&v3)
                .iter()
                .all(|l| l.len() <= MAX_LINE_OCTETS)
        );
        assert!(!v3.contains("CHARSET"));
        let v4 = unfolded(&to_vcard(&c, Version::V4));
        assert!(v4.contains(&format!("PHOTO:data:image/jpeg;base64,{data}")));
        // Neither without them.
        let plain = to_vcard(&jane(), Version::V3);
        assert!(!plain.contains("NOTE") && !plain.contains("PHOTO"));
    }

    #[test]
    fn write_all_concatenates() {
        let mut out = Vec::new();
        write_all(&[jane(), Contact::default()], Version::V3, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.matches("BEGIN:VCARD\r\n").count(), 2);
        assert_eq!(text.matches("END:VCARD\r\n").count(), 2);
        assert!(text.starts_with("BEGIN:VCARD\r\n") && text.ends_with("END:VCARD\r\n"));
    }
}
