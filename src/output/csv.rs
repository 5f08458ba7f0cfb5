//! CSV output for spreadsheet and address-book imports.
//!
//! Two dialects, named after the importers they are made for:
//!
//! - [`Dialect::Google`]: Google Contacts' import columns (`First Name`,
//!   `Organization Name`, `E-mail 1 - Label`, `E-mail 1 - Value`,
//!   `Phone 1 - Label`, `Phone 1 - Value`, `Address 1 - Formatted`, ...).
//!   Values that share a label go in one cell joined with ` ::: `, as
//!   Google's own export does; each further label gets the next numbered
//!   group (`Phone 2 - ...`), so the header depends on the contacts written.
//! - [`Dialect::Outlook`]: Outlook's fixed columns (`Company`, `Job Title`,
//!   `Business Phone`, `Mobile Phone`, `E-mail Address`, ...), UTF-8 with a
//!   byte-order mark so Outlook and Excel do not read it as ANSI. Values
//!   that have no column left (a fourth email) go into `Notes`.
//!
//! Web addresses get `https://` when printed without a scheme, as in the
//! vCard. Text read off a card is untrusted: a cell that a spreadsheet would run as
//! a formula (its first character `=`, `+`, `-`, `@`, tab or CR) gets a
//! leading `'`, which spreadsheets show as text. A phone number
//! (`+1 415 555 0132`, `+14155550132 ext. 214`) is left as it is: digits,
//! spaces and `()-./` can at most make arithmetic, never call a function.

use crate::contact::with_scheme;
use crate::contact::{Address, Contact, PhoneKind};
use std::io::{self, Write};

/// The importer the CSV is made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dialect {
    /// Google Contacts (also read by most web address books).
    #[default]
    Google,
    /// Microsoft Outlook.
    Outlook,
}

/// Joins several values of one label in one Google cell.
pub const GOOGLE_SEPARATOR: &str = " ::: ";

/// Writes `contacts` as one CSV table (header first, one row per contact,
/// CRLF line ends) to `out`.
pub fn write_contacts<W: Write>(
    mut out: W,
    contacts: &[Contact],
    dialect: Dialect,
) -> io::Result<()> {
    let (header, rows) = match dialect {
        Dialect::Google => google(contacts),
        Dialect::Outlook => {
            out.write_all("\u{feff}".as_bytes())?;
            outlook(contacts)
        }
    };
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(&header)?;
    for row in rows {
        debug_assert_eq!(row.len(), header.len());
        w.write_record(row.iter().map(|cell| neutralise(cell).into_owned()))?;
    }
    w.flush()?;
    Ok(())
}

/// A cell a spreadsheet will not evaluate: see the module docs.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    let first = cell.trim_start_matches(' ').chars().next();
    let risky = matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n'));
    if risky && !cell.split(GOOGLE_SEPARATOR).all(is_phone_like) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A phone number as we write it: an optional leading `+`, then digits and
/// the separators `()-./ `, at least three digits, optionally ` ext. DIGITS`.
fn is_phone_like(cell: &str) -> bool {
    let number = match cell.split_once(" ext. ") {
        Some((number, ext)) if !ext.is_empty() && ext.bytes().all(|b| b.is_ascii_digit()) => number,
        Some(_) => return false,
        None => cell,
    };
    let body = number.strip_prefix('+').unwrap_or(number);
    body.starts_with(|c: char| c.is_ascii_digit() || c == '(')
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '(' | ')' | '-' | '.' | '/'))
        && body.chars().filter(char::is_ascii_digit).count() >= 3
}

fn trimmed(value: &Option<String>) -> String {
    value.as_deref().map(str::trim).unwrap_or("").to_string()
}

/// (first, middle, last, prefix, suffix); a name known only whole is the
/// first name, as in the vCard `N`.
fn name_parts(c: &Contact) -> [String; 5] {
    let Some(n) = &c.name else {
        return Default::default();
    };
    let parts = [&n.given, &n.middle, &n.family, &n.prefix, &n.suffix].map(trimmed);
    if parts.iter().all(String::is_empty) {
        let mut whole: [String; 5] = Default::default();
        whole[0] = n.full.trim().to_string();
        return whole;
    }
    parts
}

/// A phone's cell value: the number, and its extension as ` ext. 214`.
fn phone_value(p: &crate::contact::Phone) -> String {
    match p.extension.as_deref().map(str::trim) {
        Some(ext) if !ext.is_empty() => format!("{} ext. {ext}", p.number.trim()),
        _ => p.number.trim().to_string(),
    }
}

/// The address as one line: its text, else its parts joined with `, `.
fn formatted_address(a: &Address) -> String {
    let text = a.text.trim();
    if !text.is_empty() {
        return text.to_string();
    }
    [&a.street, &a.city, &a.region, &a.postal_code, &a.country]
        .into_iter()
        .map(trimmed)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

fn non_empty(values: &[String]) -> Vec<String> {
    values
        .iter()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .collect()
}

/// Values grouped by label, labels in order of first appearance.
fn by_label(items: impl IntoIterator<Item = (String, String)>) -> Vec<(String, Vec<String>)> {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for (label, value) in items {
        match groups.iter_mut().find(|(l, _)| *l == label) {
            Some((_, values)) => values.push(value),
            None => groups.push((label, vec![value])),
        }
    }
    groups
}

fn google_phone_label(kind: PhoneKind) -> &'static str {
    match kind {
        PhoneKind::Mobile => "Mobile",
        PhoneKind::Work => "Work",
        PhoneKind::Fax => "Work Fax",
        PhoneKind::Home => "Home",
        PhoneKind::Other => "Other",
    }
}

/// A social network's name as Google shows website labels.
fn service_label(service: &str) -> String {
    match service.trim().to_lowercase().as_str() {
        "linkedin" => "LinkedIn".into(),
        "github" => "GitHub".into(),
        "x" => "X".into(),
        other => {
            let mut chars = other.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_else(|| "Profile".into())
        }
    }
}

const GOOGLE_ADDRESS_PARTS: [&str; 9] = [
    "Label",
    "Formatted",
    "Street",
    "City",
    "PO Box",
    "Region",
    "Postal Code",
    "Country",
    "Extended Address",
];

type Table = (Vec<String>, Vec<Vec<String>>);

fn google(contacts: &[Contact]) -> Table {
    struct Groups {
        emails: Vec<(String, Vec<String>)>,
        phones: Vec<(String, Vec<String>)>,
        addresses: Vec<Address>,
        websites: Vec<(String, Vec<String>)>,
    }
    let groups: Vec<Groups> = contacts
        .iter()
        .map(|c| Groups {
            emails: by_label(non_empty(&c.emails).into_iter().map(|e| ("Work".into(), e))),
            phones: by_label(
                c.phones
                    .iter()
                    .filter(|p| !p.number.trim().is_empty())
                    .map(|p| (google_phone_label(p.kind).into(), phone_value(p))),
            ),
            addresses: c
                .addresses
                .iter()
                .filter(|a| !formatted_address(a).is_empty())
                .cloned()
                .collect(),
            websites: by_label(
                non_empty(&c.urls)
                    .into_iter()
                    .map(|u| ("Work".to_string(), with_scheme(&u)))
                    .chain(c.social.iter().filter_map(|s| {
                        let value = s.url.as_deref().unwrap_or(&s.handle).trim();
                        (!value.is_empty()).then(|| (service_label(&s.service), value.to_string()))
                    })),
            ),
        })
        .collect();
    let count = |f: &dyn Fn(&Groups) -> usize| groups.iter().map(f).max().unwrap_or(0).max(1);
    let n_emails = count(&|g| g.emails.len());
    let n_phones = count(&|g| g.phones.len());
    let n_addresses = count(&|g| g.addresses.len());
    let n_websites = count(&|g| g.websites.len());

    let mut header: Vec<String> = [
        "First Name",
        "Middle Name",
        "Last Name",
        "Name Prefix",
        "Name Suffix",
        "Organization Name",
        "Organization Title",
        "Organization Department",
        "Notes",
    ]
    .map(String::from)
    .to_vec();
    let pair = |header: &mut Vec<String>, what: &str, n: usize| {
        for i in 1..=n {
            header.push(format!("{what} {i} - Label"));
            header.push(format!("{what} {i} - Value"));
        }
    };
    pair(&mut header, "E-mail", n_emails);
    pair(&mut header, "Phone", n_phones);
    for i in 1..=n_addresses {
        for part in GOOGLE_ADDRESS_PARTS {
            header.push(format!("Address {i} - {part}"));
        }
    }
    pair(&mut header, "Website", n_websites);

    let rows = contacts
        .iter()
        .zip(&groups)
        .map(|(c, g)| {
            let [first, middle, last, prefix, suffix] = name_parts(c);
            let mut row = vec![
                first,
                middle,
                last,
                prefix,
                suffix,
                trimmed(&c.org),
                trimmed(&c.title),
                trimmed(&c.department),
                notes(c, &[]),
            ];
            let pairs = |row: &mut Vec<String>, groups: &[(String, Vec<String>)], n: usize| {
                for i in 0..n {
                    match groups.get(i) {
                        Some((label, values)) => {
                            row.push(label.clone());
                            row.push(values.join(GOOGLE_SEPARATOR));
                        }
                        None => row.extend([String::new(), String::new()]),
                    }
                }
            };
            pairs(&mut row, &g.emails, n_emails);
            pairs(&mut row, &g.phones, n_phones);
            for i in 0..n_addresses {
                match g.addresses.get(i) {
                    Some(a) => row.extend([
                        "Work".to_string(),
                        formatted_address(a),
                        trimmed(&a.street),
                        trimmed(&a.city),
                        String::new(),
                        trimmed(&a.region),
                        trimmed(&a.postal_code),
                        trimmed(&a.country),
                        String::new(),
                    ]),
                    None => row.extend(GOOGLE_ADDRESS_PARTS.map(|_| String::new())),
                }
            }
            pairs(&mut row, &g.websites, n_websites);
            row
        })
        .collect();
    (header, rows)
}

/// The `Notes` cell: the contact's note, then values that had no column.
fn notes(c: &Contact, overflow: &[String]) -> String {
    let note = c.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    note.into_iter()
        .map(str::to_string)
        .chain(overflow.iter().cloned())
        .collect::<Vec<_>>()
        .join("\n")
}

const OUTLOOK_HEADER: [&str; 24] = [
    "Title",
    "First Name",
    "Middle Name",
    "Last Name",
    "Suffix",
    "Company",
    "Department",
    "Job Title",
    "Business Street",
    "Business City",
    "Business State",
    "Business Postal Code",
    "Business Country/Region",
    "Business Phone",
    "Business Phone 2",
    "Business Fax",
    "Home Phone",
    "Mobile Phone",
    "Other Phone",
    "E-mail Address",
    "E-mail 2 Address",
    "E-mail 3 Address",
    "Web Page",
    "Notes",
];

fn outlook(contacts: &[Contact]) -> Table {
    let col = |name: &str| {
        OUTLOOK_HEADER
            .iter()
            .position(|h| *h == name)
            .expect("known column")
    };
    let rows = contacts
        .iter()
        .map(|c| {
            let mut row = vec![String::new(); OUTLOOK_HEADER.len()];
            let mut overflow = Vec::new();
            let [first, middle, last, prefix, suffix] = name_parts(c);
            for (name, value) in [
                ("Title", prefix),
                ("First Name", first),
                ("Middle Name", middle),
                ("Last Name", last),
                ("Suffix", suffix),
                ("Company", trimmed(&c.org)),
                ("Department", trimmed(&c.department)),
                ("Job Title", trimmed(&c.title)),
            ] {
                row[col(name)] = value;
            }
            let mut put =
                |row: &mut Vec<String>, slots: &[&str], value: String, what: &str| match slots
                    .iter()
                    .map(|s| col(s))
                    .find(|&i| row[i].is_empty())
                {
                    Some(i) => row[i] = value,
                    None => overflow.push(format!("{what}: {value}")),
                };
            for p in c.phones.iter().filter(|p| !p.number.trim().is_empty()) {
                let slots: &[&str] = match p.kind {
                    PhoneKind::Work => &["Business Phone", "Business Phone 2", "Other Phone"],
                    PhoneKind::Mobile => &["Mobile Phone", "Other Phone"],
                    PhoneKind::Fax => &["Business Fax"],
                    PhoneKind::Home => &["Home Phone", "Other Phone"],
                    PhoneKind::Other => &["Other Phone", "Business Phone 2"],
                };
                let what = match p.kind {
                    PhoneKind::Fax => "Fax",
                    _ => "Phone",
                };
                put(&mut row, slots, phone_value(p), what);
            }
            for email in non_empty(&c.emails) {
                put(
                    &mut row,
                    &["E-mail Address", "E-mail 2 Address", "E-mail 3 Address"],
                    email,
                    "E-mail",
                );
            }
            let websites = non_empty(&c.urls)
                .into_iter()
                .map(|u| with_scheme(&u))
                .chain(
                    c.social
                        .iter()
                        .map(|s| s.url.as_deref().unwrap_or(&s.handle).trim().to_string())
                        .filter(|v| !v.is_empty()),
                );
            for url in websites {
                put(&mut row, &["Web Page"], url, "Web");
            }
            let mut addresses = c
                .addresses
                .iter()
                .filter(|a| !formatted_address(a).is_empty());
            if let Some(a) = addresses.next() {
                let known = [&a.street, &a.city, &a.region, &a.postal_code, &a.country]
                    .iter()
                    .any(|p| !trimmed(p).is_empty());
                row[col("Business Street")] = if known {
                    trimmed(&a.street)
                } else {
                    formatted_address(a)
                };
                row[col("Business City")] = trimmed(&a.city);
                row[col("Business State")] = trimmed(&a.region);
                row[col("Business Postal Code")] = trimmed(&a.postal_code);
                row[col("Business Country/Region")] = trimmed(&a.country);
            }
            for a in addresses {
                overflow.push(format!("Address: {}", formatted_address(a)));
            }
            row[col("Notes")] = notes(c, &overflow);
            row
        })
        .collect();
    (OUTLOOK_HEADER.map(String::from).to_vec(), rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact::{Name, Social};
    use crate::test_util::{jane, phone};

    /// Writes and reads back with the csv crate's reader: (header, rows).
    fn table(contacts: &[Contact], dialect: Dialect) -> (Vec<String>, Vec<Vec<String>>, Vec<u8>) {
        let mut out = Vec::new();
        write_contacts(&mut out, contacts, dialect).unwrap();
        let body = match dialect {
            Dialect::Outlook => {
                assert!(out.starts_with("\u{feff}".as_bytes()), "BOM");
                &out[3..]
            }
            Dialect::Google => {
                assert!(!out.starts_with("\u{feff}".as_bytes()));
                &out[..]
            }
        };
        let mut r = csv::ReaderBuilder::new().from_reader(body);
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        let rows = r
            .records()
            .map(|rec| rec.unwrap().iter().map(String::from).collect())
            .collect();
        (header, rows, out)
    }

    fn get<'a>(header: &[String], row: &'a [String], column: &str) -> &'a str {
        let i = header
            .iter()
            .position(|h| h == column)
            .unwrap_or_else(|| panic!("no column {column:?} in {header:?}"));
        &row[i]
    }

    fn many() -> Contact {
        let mut c = jane();
        c.name.as_mut().unwrap().prefix = Some("Dr.".into());
        c.department = Some("R&D".into());
        c.emails.push("jane@home.example".into());
        c.phones = vec![
            phone("+14155550132", PhoneKind::Work, Some("214")),
            phone("+14155550199", PhoneKind::Mobile, None),
            phone("+14155550133", PhoneKind::Work, None),
            phone("+14155550134", PhoneKind::Fax, None),
        ];
        c.urls.push("jane.example".into());
        c.social = vec![Social {
            service: "linkedin".into(),
            handle: "janedoe".into(),
            url: Some("https://www.linkedin.com/in/janedoe".into()),
        }];
        c.addresses.push(Address {
            text: "1 Side St, Oakland".into(),
            ..Address::default()
        });
        c
    }

    #[test]
    fn google_columns_and_values() {
        let mut c = many();
        c.note = Some("=Scanned".into());
        let (h, rows, bytes) = table(&[c, Contact::default()], Dialect::Google);
        assert!(String::from_utf8(bytes).unwrap().contains("\r\n"));
        assert_eq!(rows.len(), 2);
        let r = &rows[0];
        for (column, value) in [
            ("First Name", "Jane"),
            ("Middle Name", "Q."),
            ("Last Name", "Doe"),
            ("Name Prefix", "Dr."),
            ("Organization Name", "Acme Robotics, Inc."),
            ("Organization Title", "Senior Software Engineer"),
            ("Organization Department", "R&D"),
            ("Notes", "'=Scanned"),
            ("E-mail 1 - Label", "Work"),
            (
                "E-mail 1 - Value",
                "jane.doe@acmerobotics.example ::: jane@home.example",
            ),
            ("Phone 1 - Label", "Work"),
            ("Phone 1 - Value", "+14155550132 ext. 214 ::: +14155550133"),
            ("Phone 2 - Label", "Mobile"),
            ("Phone 2 - Value", "+14155550199"),
            ("Phone 3 - Label", "Work Fax"),
            ("Phone 3 - Value", "+14155550134"),
            ("Address 1 - Label", "Work"),
            (
                "Address 1 - Formatted",
                "123 Market St, San Francisco, CA 94105",
            ),
            ("Address 1 - Street", "123 Market St"),
            ("Address 1 - City", "San Francisco"),
            ("Address 1 - Region", "CA"),
            ("Address 1 - Postal Code", "94105"),
            ("Address 1 - Country", ""),
            ("Address 2 - Formatted", "1 Side St, Oakland"),
            ("Website 1 - Label", "Work"),
            (
                "Website 1 - Value",
                "https://www.acmerobotics.example ::: https://jane.example",
            ),
            ("Website 2 - Label", "LinkedIn"),
            ("Website 2 - Value", "https://www.linkedin.com/in/janedoe"),
        ] {
            assert_eq!(get(&h, r, column), value, "{column}");
        }
        // Exactly as many groups as the fullest contact needs.
        assert!(h.contains(&"Phone 3 - Value".to_string()));
        assert!(!h.contains(&"Phone 4 - Value".to_string()));
        assert!(!h.contains(&"E-mail 2 - Value".to_string()));
        assert!(!h.contains(&"Address 3 - Formatted".to_string()));
        // An empty contact is an empty row of the same width.
        assert_eq!(rows[1].len(), h.len());
        assert!(rows[1].iter().all(String::is_empty));
    }

    #[test]
    fn google_header_for_no_contacts_has_one_group_each() {
        let (h, rows, _) = table(&[], Dialect::Google);
        assert!(rows.is_empty());
        for column in [
            "E-mail 1 - Value",
            "Phone 1 - Value",
            "Address 1 - Formatted",
            "Website 1 - Value",
        ] {
            assert!(h.contains(&column.to_string()), "{column}");
        }
    }

    #[test]
    fn outlook_columns_and_overflow() {
        let mut c = many();
        c.emails
            .extend(["c@x.example".into(), "d@x.example".into()]);
        c.note = Some("Scanned from a.jpg on 2026-11-26".into());
        let (h, rows, _) = table(&[c], Dialect::Outlook);
        let r = &rows[0];
        for (column, value) in [
            ("Title", "Dr."),
            ("First Name", "Jane"),
            ("Last Name", "Doe"),
            ("Company", "Acme Robotics, Inc."),
            ("Department", "R&D"),
            ("Job Title", "Senior Software Engineer"),
            ("Business Phone", "+14155550132 ext. 214"),
            ("Business Phone 2", "+14155550133"),
            ("Mobile Phone", "+14155550199"),
            ("Business Fax", "+14155550134"),
            ("E-mail Address", "jane.doe@acmerobotics.example"),
            ("E-mail 2 Address", "jane@home.example"),
            ("E-mail 3 Address", "c@x.example"),
            ("Web Page", "https://www.acmerobotics.example"),
            ("Business Street", "123 Market St"),
            ("Business City", "San Francisco"),
            ("Business State", "CA"),
            ("Business Postal Code", "94105"),
        ] {
            assert_eq!(get(&h, r, column), value, "{column}");
        }
        assert_eq!(
            get(&h, r, "Notes"),
            "Scanned from a.jpg on 2026-11-26\nE-mail: d@x.example\nWeb: https://jane.example\n\
             Web: https://www.linkedin.com/in/janedoe\nAddress: 1 Side St, Oakland"
        );
    }

    #[test]
    fn formulas_are_neutralised_but_phones_kept() {
        let cases = [
            (
                "=HYPERLINK(\"http://evil\")",
                "'=HYPERLINK(\"http://evil\")",
            ),
            ("+SUM(A1:A9)", "'+SUM(A1:A9)"),
            ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
            ("@SUM(1)", "'@SUM(1)"),
            ("  =1+1", "'  =1+1"),
            ("\t=1", "'\t=1"),
            ("+1+1=2", "'+1+1=2"),
            ("- Sales", "'- Sales"),
            ("+1 415 555 0132", "+1 415 555 0132"),
            ("+14155550132", "+14155550132"),
            ("+1 (415) 555-0132", "+1 (415) 555-0132"),
            ("+14155550132 ext. 214", "+14155550132 ext. 214"),
            ("+14155550132 ext. =1", "'+14155550132 ext. =1"),
            ("+1 415 ::: =cmd", "'+1 415 ::: =cmd"),
            (
                "+1 415 555 0132 ::: +1 415 555 0133",
                "+1 415 555 0132 ::: +1 415 555 0133",
            ),
            ("Acme = best", "Acme = best"),
            ("a@b.example", "a@b.example"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(neutralise(input), expected, "{input:?}");
        }
        // End to end, in every dialect, through the csv reader.
        let c = Contact {
            name: Some(Name {
                full: "=cmd".into(),
                given: Some("=cmd|' /C calc'!A0".into()),
                ..Name::default()
            }),
            org: Some("@evil".into()),
            title: Some("-1+1".into()),
            phones: vec![phone("+1 415 555 0132", PhoneKind::Work, None)],
            ..Contact::default()
        };
        for dialect in [Dialect::Google, Dialect::Outlook] {
            let (h, rows, _) = table(std::slice::from_ref(&c), dialect);
            let (org, title, phone_col) = match dialect {
                Dialect::Google => ("Organization Name", "Organization Title", "Phone 1 - Value"),
                Dialect::Outlook => ("Company", "Job Title", "Business Phone"),
            };
            assert_eq!(get(&h, &rows[0], "First Name"), "'=cmd|' /C calc'!A0");
            assert_eq!(get(&h, &rows[0], org), "'@evil");
            assert_eq!(get(&h, &rows[0], title), "'-1+1");
            assert_eq!(get(&h, &rows[0], phone_col), "+1 415 555 0132");
        }
    }

    #[test]
    fn quotes_commas_newlines_and_unicode_survive() {
        let c = Contact {
            org: Some("Società \"Ünïcødé\", Ltd; 日本語 🚀".into()),
            title: Some("Line 1\nLine 2".into()),
            name: Some(Name {
                full: "Cher".into(),
                ..Name::default()
            }),
            ..Contact::default()
        };
        for dialect in [Dialect::Google, Dialect::Outlook] {
            let (h, rows, _) = table(std::slice::from_ref(&c), dialect);
            let (org, title) = match dialect {
                Dialect::Google => ("Organization Name", "Organization Title"),
                Dialect::Outlook => ("Company", "Job Title"),
            };
            assert_eq!(get(&h, &rows[0], org), c.org.as_deref().unwrap());
            assert_eq!(get(&h, &rows[0], title), "Line 1\nLine 2");
            // A name known only whole is the first name.
            assert_eq!(get(&h, &rows[0], "First Name"), "Cher");
            assert_eq!(get(&h, &rows[0], "Last Name"), "");
        }
    }
}
