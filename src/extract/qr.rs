//! The text of a QR code printed on a card (a vCard, a MECARD, a URL, a
//! `mailto:` or `tel:` link) read into contact fields, and merged with what
//! OCR read: the code's values are exact, so they are preferred.

use super::{ExtractParams, name, phone, web};
use crate::contact::{Address, Contact, Name, Phone, PhoneKind, with_scheme};

/// Confidence of a field taken from a QR code: the code carries its own
/// error correction, so what decodes is what was printed.
const QR_CONFIDENCE: f32 = 0.99;

/// The contact fields in one QR payload; `None` when it holds none (a code
/// for a Wi-Fi network, a product, free text).
pub fn parse(payload: &str, params: &ExtractParams) -> Option<Contact> {
    let text = payload.trim_start_matches('\u{feff}').trim();
    let upper = text.get(..12).unwrap_or(text).to_ascii_uppercase();
    let mut contact = if upper.starts_with("BEGIN:VCARD") {
        parse_vcard(text)
    } else if upper.starts_with("MECARD:") {
        parse_mecard(&text[7..])
    } else if upper.starts_with("MAILTO:") {
        let email = text[7..].split('?').next().unwrap_or("").trim();
        Contact {
            emails: vec![email.to_string()],
            ..Contact::default()
        }
    } else if upper.starts_with("TEL:") {
        Contact {
            phones: vec![raw_phone(&text[4..], Vec::new(), 1)],
            ..Contact::default()
        }
    } else if is_url(text) {
        Contact {
            urls: vec![with_scheme(text.trim())],
            ..Contact::default()
        }
    } else {
        return None;
    };
    contact.emails.retain(|e| e.contains('@'));
    for e in &mut contact.emails {
        *e = lowercase_domain(e);
    }
    contact.urls = contact.urls.iter().map(|u| with_scheme(u.trim())).collect();
    let domain = contact
        .urls
        .iter()
        .find_map(|u| web::registrable(u))
        .or_else(|| {
            contact
                .emails
                .iter()
                .find_map(|e| e.rsplit_once('@').and_then(|(_, d)| psl::domain_str(d)))
                .map(str::to_string)
        });
    for p in &mut contact.phones {
        p.number = phone::normalize(&p.raw, params.region.as_deref(), domain.as_deref());
    }
    contact.domain = domain;
    (!contact.is_empty()).then_some(contact)
}

/// Merges a QR code's fields into the card's: the code's values come first
/// and replace the card's single fields; the card keeps what the code lacks.
pub fn merge(card: &mut Contact, qr: Contact) {
    let mut set = Vec::new();
    if let Some(n) = qr.name {
        card.name = Some(n);
        set.push("name");
    }
    for (field, from, to) in [
        ("org", qr.org, &mut card.org),
        ("title", qr.title, &mut card.title),
        ("department", qr.department, &mut card.department),
    ] {
        if let Some(v) = from.filter(|v| !v.trim().is_empty()) {
            *to = Some(v);
            set.push(field);
        }
    }
    if !qr.addresses.is_empty() {
        card.addresses = qr.addresses;
        set.push("address");
    }
    let emails = std::mem::take(&mut card.emails);
    card.emails = qr.emails;
    for e in emails {
        if !card.emails.iter().any(|q| q.eq_ignore_ascii_case(&e)) {
            card.emails.push(e);
        }
    }
    let phones = std::mem::take(&mut card.phones);
    card.phones = qr.phones;
    for p in phones {
        if !card
            .phones
            .iter()
            .any(|q| same_number(&q.number, &p.number))
        {
            card.phones.push(p);
        }
    }
    let urls = std::mem::take(&mut card.urls);
    card.urls = qr.urls;
    for u in urls {
        if !card.urls.iter().any(|q| url_key(q) == url_key(&u)) {
            card.urls.push(u);
        }
    }
    if card.domain.is_none() {
        card.domain = qr.domain;
    }
    for s in qr.social {
        if !card.social.contains(&s) {
            card.social.push(s);
        }
    }
    for field in set {
        card.confidence.insert(field.into(), QR_CONFIDENCE);
    }
}

/// One vCard (2.1, 3.0 or 4.0), as phones' QR generators write them.
fn parse_vcard(text: &str) -> Contact {
    let mut c = Contact::default();
    let mut fn_name: Option<String> = None;
    let mut n_parts: Option<Vec<String>> = None;
    let props = unfold(text);
    let phones: Vec<(String, Vec<String>)> = props
        .iter()
        .filter(|p| p.name == "TEL")
        .map(|p| (p.value(), p.types.clone()))
        .collect();
    let count = phones.len();
    for (raw, types) in phones {
        c.phones.push(raw_phone(&raw, types, count));
    }
    for p in &props {
        match p.name.as_str() {
            "FN" => fn_name = Some(p.value()),
            "N" => n_parts = Some(p.parts()),
            "ORG" => {
                let parts = p.parts();
                c.org = parts.first().cloned().filter(|s| !s.is_empty());
                c.department = parts.get(1).cloned().filter(|s| !s.is_empty());
            }
            "TITLE" => c.title = Some(p.value()).filter(|s| !s.is_empty()),
            "EMAIL" => c
                .emails
                .push(p.value().trim_start_matches("mailto:").to_string()),
            "URL" => c.urls.push(p.value()),
            "ADR" => {
                if let Some(a) = address(&p.parts()) {
                    c.addresses.push(a);
                }
            }
            _ => {}
        }
    }
    c.name = person_name(fn_name, n_parts);
    c
}

/// `MECARD:N:Doe,Jane;TEL:...;EMAIL:...;;` (the payload after `MECARD:`).
fn parse_mecard(body: &str) -> Contact {
    let mut c = Contact::default();
    let mut n_parts = None;
    let fields = split_escaped(body, ';');
    let count = fields.iter().filter(|f| f.starts_with("TEL:")).count();
    for f in fields {
        let Some((key, value)) = f.split_once(':') else {
            continue;
        };
        let value = unescape(value);
        match key.to_ascii_uppercase().as_str() {
            // MECARD's N is "Family,Given".
            "N" => {
                let mut parts: Vec<String> = split_escaped(&value, ',')
                    .into_iter()
                    .map(|s| s.trim().to_string())
                    .collect();
                parts.truncate(2);
                n_parts = Some(parts);
            }
            "TEL" => c.phones.push(raw_phone(&value, Vec::new(), count)),
            "EMAIL" => c.emails.push(value),
            "URL" => c.urls.push(value),
            "ORG" => c.org = Some(value).filter(|s| !s.is_empty()),
            "TITLE" => c.title = Some(value).filter(|s| !s.is_empty()),
            "ADR" => {
                let parts = split_escaped(&value, ',');
                if let Some(a) = address(&parts) {
                    c.addresses.push(a);
                }
            }
            _ => {}
        }
    }
    c.name = person_name(None, n_parts);
    c
}

/// The name from `FN` and/or the structured `N` (family; given; middle;
/// prefix; suffix).
fn person_name(full: Option<String>, n: Option<Vec<String>>) -> Option<Name> {
    let part = |n: &Option<Vec<String>>, i: usize| {
        n.as_ref()
            .and_then(|v| v.get(i))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let (family, given, middle, prefix, suffix) = (
        part(&n, 0),
        part(&n, 1),
        part(&n, 2),
        part(&n, 3),
        part(&n, 4),
    );
    let full = full.map(|f| f.trim().to_string()).filter(|f| !f.is_empty());
    if family.is_none() && given.is_none() {
        return full.map(|f| name::split_full(&f));
    }
    let full = full.unwrap_or_else(|| {
        [&prefix, &given, &middle, &family, &suffix]
            .iter()
            .filter_map(|p| p.as_deref())
            .collect::<Vec<_>>()
            .join(" ")
    });
    Some(Name {
        full,
        given,
        middle,
        family,
        prefix,
        suffix,
    })
}

/// ADR parts: PO box; extended; street; city; region; postal code; country.
fn address(parts: &[String]) -> Option<Address> {
    let get = |i: usize| {
        parts
            .get(i)
            .map(|s| s.trim().replace('\n', ", "))
            .filter(|s| !s.is_empty())
    };
    let street = match (get(1), get(2)) {
        (Some(ext), Some(st)) => Some(format!("{st}, {ext}")),
        (a, b) => b.or(a),
    };
    let (city, region, postal_code, country) = (get(3), get(4), get(5), get(6));
    let region_postal = match (&region, &postal_code) {
        (Some(r), Some(p)) => Some(format!("{r} {p}")),
        (r, p) => r.clone().or(p.clone()),
    };
    let text: Vec<String> = [
        get(0),
        street.clone(),
        city.clone(),
        region_postal,
        country.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!text.is_empty()).then(|| Address {
        text: text.join(", "),
        street,
        city,
        region,
        postal_code,
        country,
    })
}

fn raw_phone(raw: &str, types: Vec<String>, count: usize) -> Phone {
    let has = |t: &str| types.iter().any(|x| x == t);
    let kind = if has("FAX") {
        PhoneKind::Fax
    } else if has("CELL") || has("MOBILE") || has("IPHONE") {
        PhoneKind::Mobile
    } else if has("HOME") {
        PhoneKind::Home
    } else if has("WORK") || count == 1 {
        PhoneKind::Work
    } else {
        PhoneKind::Other
    };
    let raw = raw.trim().trim_start_matches("tel:").to_string();
    Phone {
        number: raw.clone(),
        kind,
        raw,
        extension: None,
    }
}

/// One content line of a vCard.
struct Property {
    /// Upper-case name without its group (`item1.TEL` → `TEL`).
    name: String,
    /// Upper-case TYPE values, also 2.1's bare parameters (`TEL;CELL:`).
    types: Vec<String>,
    quoted_printable: bool,
    raw_value: String,
}

impl Property {
    fn decoded(&self) -> String {
        if self.quoted_printable {
            decode_qp(&self.raw_value)
        } else {
            self.raw_value.clone()
        }
    }

    fn value(&self) -> String {
        unescape(&self.decoded()).trim().to_string()
    }

    /// A structured value's `;`-separated parts, each unescaped.
    fn parts(&self) -> Vec<String> {
        split_escaped(&self.decoded(), ';')
            .iter()
            .map(|s| unescape(s))
            .collect()
    }
}

/// Splits a vCard into properties, joining folded lines (a line break then a
/// space or tab, or 2.1's quoted-printable soft break `=` at the end).
fn unfold(text: &str) -> Vec<Property> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<String> = Vec::new();
    for line in text.split('\n') {
        if let Some(rest) = line.strip_prefix([' ', '\t'])
            && let Some(last) = lines.last_mut()
        {
            last.push_str(rest);
        } else if let Some(last) = lines
            .last_mut()
            .filter(|l| l.ends_with('=') && l.to_ascii_uppercase().contains("QUOTED-PRINTABLE"))
        {
            last.pop();
            last.push_str(line);
        } else {
            lines.push(line.to_string());
        }
    }
    lines
        .iter()
        .filter_map(|line| {
            let (head, value) = line.split_once(':')?;
            let mut head = head.split(';');
            let name = head.next()?.rsplit('.').next()?.trim().to_ascii_uppercase();
            let mut types = Vec::new();
            let mut quoted_printable = false;
            for param in head {
                let (key, val) = param.split_once('=').unwrap_or(("TYPE", param));
                let key = key.trim().to_ascii_uppercase();
                let val = val.trim_matches('"').to_ascii_uppercase();
                if key == "TYPE" {
                    types.extend(val.split(',').map(|t| t.trim().to_string()));
                } else if key == "ENCODING" && val == "QUOTED-PRINTABLE" {
                    quoted_printable = true;
                }
            }
            Some(Property {
                name,
                types,
                quoted_printable,
                raw_value: value.to_string(),
            })
        })
        .collect()
}

/// Quoted-printable (`=C3=A9` → `é`), as vCard 2.1 writes non-ASCII text.
fn decode_qp(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'='
            && i + 2 < bytes.len()
            && let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            let b = (hi * 16 + lo) as u8;
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Splits at `sep` not escaped by a backslash; escapes are kept for [`unescape`].
fn split_escaped(s: &str, sep: char) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut escaped = false;
    for c in s.chars() {
        if escaped {
            out.last_mut().unwrap().push('\\');
            out.last_mut().unwrap().push(c);
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == sep {
            out.push(String::new());
        } else {
            out.last_mut().unwrap().push(c);
        }
    }
    out
}

/// `\n` → line break; `\,` `\;` `\:` `\\` → the character.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn is_url(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    !text.contains(char::is_whitespace)
        && (lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("www."))
}

fn lowercase_domain(email: &str) -> String {
    match email.trim().rsplit_once('@') {
        Some((local, domain)) => format!("{local}@{}", domain.to_lowercase()),
        None => email.trim().to_string(),
    }
}

/// Numbers agree when their last 8 digits do (national vs E.164 forms).
fn same_number(a: &str, b: &str) -> bool {
    let (a, b) = (phone::last8(a), phone::last8(b));
    a.len() >= 7 && a == b
}

/// A URL without scheme, `www.` and trailing `/`, for comparing.
fn url_key(url: &str) -> String {
    let u = url.to_lowercase();
    let u = u.split("://").last().unwrap_or(&u).to_string();
    u.trim_start_matches("www.")
        .trim_end_matches('/')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(payload: &str) -> Contact {
        parse(payload, &ExtractParams::default()).expect("a contact")
    }

    fn numbers_and_kinds(c: &Contact) -> Vec<(&str, PhoneKind)> {
        c.phones
            .iter()
            .map(|p| (p.number.as_str(), p.kind))
            .collect()
    }

    #[test]
    fn vcard3_with_folding_escapes_and_types() {
        let c = read(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Smith;Avery;J.;Dr.;\r\nFN:Dr. Avery J. Smith\r\n\
             ORG:Contoso\\, Ltd.;Research\r\nTITLE:Head of Data\r\n\
             TEL;TYPE=CELL,VOICE:+1 415 555 0132\r\nTEL;TYPE=WORK:+1 415 555 0199\r\n\
             TEL;TYPE=WORK,FAX:+1 415 555 0100\r\nEMAIL;TYPE=INTERNET:avery.smith@Contoso.COM\r\n\
             URL:https://contoso.com/av\r\n ery\r\n\
             ADR;TYPE=WORK:;Suite 400;123 Market St;San Francisco;CA;94105;USA\r\nEND:VCARD\r\n",
        );
        let n = c.name.as_ref().unwrap();
        assert_eq!(n.full, "Dr. Avery J. Smith");
        assert_eq!(
            (
                n.given.as_deref(),
                n.middle.as_deref(),
                n.family.as_deref(),
                n.prefix.as_deref()
            ),
            (Some("Avery"), Some("J."), Some("Smith"), Some("Dr."))
        );
        assert_eq!(c.org.as_deref(), Some("Contoso, Ltd."));
        assert_eq!(c.department.as_deref(), Some("Research"));
        assert_eq!(c.title.as_deref(), Some("Head of Data"));
        assert_eq!(
            numbers_and_kinds(&c),
            [
                ("+14155550132", PhoneKind::Mobile),
                ("+14155550199", PhoneKind::Work),
                ("+14155550100", PhoneKind::Fax)
            ]
        );
        assert_eq!(c.emails, ["avery.smith@contoso.com"]);
        assert_eq!(c.urls, ["https://contoso.com/avery"]);
        assert_eq!(c.domain.as_deref(), Some("contoso.com"));
        let a = &c.addresses[0];
        assert_eq!(a.street.as_deref(), Some("123 Market St, Suite 400"));
        assert_eq!(
            (
                a.city.as_deref(),
                a.region.as_deref(),
                a.postal_code.as_deref()
            ),
            (Some("San Francisco"), Some("CA"), Some("94105"))
        );
        assert_eq!(
            a.text,
            "123 Market St, Suite 400, San Francisco, CA 94105, USA"
        );
    }

    #[test]
    fn vcard21_quoted_printable_and_bare_types() {
        let c = read(
            "BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Gon=C3=A7alves;Jo=C3=A3o\n\
             TEL;CELL:(11) 99679-9468\nitem1.EMAIL;PREF:joao@exemplo.com.br\nEND:VCARD",
        );
        let n = c.name.unwrap();
        assert_eq!(n.full, "João Gonçalves");
        assert_eq!(n.family.as_deref(), Some("Gonçalves"));
        // The .br email domain gives the country of the national number.
        assert_eq!(c.phones[0].number, "+5511996799468");
        assert_eq!(c.phones[0].kind, PhoneKind::Mobile);
        assert_eq!(c.emails, ["joao@exemplo.com.br"]);
    }

    #[test]
    fn vcard4_fn_only_is_split() {
        let c = read("BEGIN:VCARD\nVERSION:4.0\nFN:Maria Helena da Silva\nEND:VCARD");
        let n = c.name.unwrap();
        assert_eq!(n.given.as_deref(), Some("Maria"));
        assert_eq!(n.middle.as_deref(), Some("Helena"));
        assert_eq!(n.family.as_deref(), Some("da Silva"));
    }

    #[test]
    fn mecard() {
        let c = read(
            "MECARD:N:Tanaka,Hiroshi;ORG:Yamato Trading;TEL:03-1234-5678;TEL:090-1234-5678;\
             EMAIL:h.tanaka@yamato.co.jp;URL:http\\://yamato.co.jp;;",
        );
        assert_eq!(c.name.as_ref().unwrap().full, "Hiroshi Tanaka");
        assert_eq!(c.org.as_deref(), Some("Yamato Trading"));
        let numbers: Vec<&str> = c.phones.iter().map(|p| p.number.as_str()).collect();
        assert_eq!(numbers, ["+81312345678", "+819012345678"]);
        assert_eq!(c.urls, ["http://yamato.co.jp"]);
    }

    #[test]
    fn links_and_non_contacts() {
        assert_eq!(
            read("https://contoso.com/team/avery").urls,
            ["https://contoso.com/team/avery"]
        );
        assert_eq!(read("www.contoso.com").urls, ["https://www.contoso.com"]);
        assert_eq!(
            read("mailto:a@b.example?subject=hi").emails,
            ["a@b.example"]
        );
        assert_eq!(read("tel:+442079460000").phones[0].number, "+442079460000");
        for other in [
            "WIFI:T:WPA;S:office;P:secret;;",
            "Thank you for visiting!",
            "",
            "BEGIN:VCARD\nEND:VCARD",
        ] {
            assert!(
                parse(other, &ExtractParams::default()).is_none(),
                "{other:?}"
            );
        }
    }

    #[test]
    fn merge_prefers_the_code_and_keeps_the_rest() {
        let mut card = Contact {
            name: Some(name::split_full("Avery Smlth")),
            org: Some("Contoso".into()),
            title: Some("Head of Data".into()),
            emails: vec!["avery.smith@contoso.com".into(), "info@contoso.com".into()],
            phones: vec![
                raw_phone("+1 415 555 0132", vec![], 2),
                raw_phone("+1 415 555 0150", vec![], 2),
            ],
            urls: vec!["https://www.contoso.com/".into()],
            ..Contact::default()
        };
        card.phones[0].number = "+14155550132".into();
        card.confidence.insert("name".into(), 0.6);
        let qr = read(
            "BEGIN:VCARD\nVERSION:3.0\nFN:Avery Smith\nTEL;TYPE=CELL:4155550132\n\
             EMAIL:AVERY.SMITH@contoso.com\nURL:contoso.com\nEND:VCARD",
        );
        merge(&mut card, qr);
        assert_eq!(card.name.as_ref().unwrap().full, "Avery Smith");
        assert_eq!(card.confidence["name"], QR_CONFIDENCE);
        assert_eq!(
            card.org.as_deref(),
            Some("Contoso"),
            "kept: the code has none"
        );
        // The code's spelling wins; the same address is not listed twice.
        assert_eq!(card.emails, ["AVERY.SMITH@contoso.com", "info@contoso.com"]);
        assert_eq!(
            numbers_and_kinds(&card),
            [
                ("4155550132", PhoneKind::Mobile),
                ("+1 415 555 0150", PhoneKind::Other)
            ]
        );
        assert_eq!(card.urls, ["https://contoso.com"]);
    }
}
