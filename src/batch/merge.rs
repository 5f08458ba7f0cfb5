//! Duplicate cards: the same person scanned twice becomes one contact.
//!
//! Two contacts are the same person when they share an email address, or a
//! phone number (compared in its normalised E.164 form) and have similar
//! names (Jaro-Winkler >= 0.9 after folding case, accents and punctuation,
//! so OCR slips such as "Jane Q Doe" / "Jane Q. Doe" still match). Shared
//! role addresses (`info@`, `sales@` ...) and shared switchboard numbers
//! only merge cards whose names are similar too, so two colleagues' cards
//! stay apart. The relation is transitive: A~B and B~C merge all three.

use crate::contact::Contact;
use std::borrow::Borrow;
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// Minimum Jaro-Winkler similarity of two normalised names to count as the
/// same person.
pub const NAME_SIMILARITY: f64 = 0.9;

/// Local parts of addresses that belong to a role, not a person.
const ROLE_MAILBOXES: [&str; 18] = [
    "info",
    "sales",
    "contact",
    "office",
    "hello",
    "admin",
    "support",
    "mail",
    "enquiries",
    "inquiries",
    "team",
    "hr",
    "jobs",
    "press",
    "billing",
    "service",
    "reception",
    "kontakt",
];

/// Groups the contacts that are the same person. Each group lists indices
/// into `contacts` in ascending order; groups are ordered by their first
/// index; every index is in exactly one group.
pub fn group_duplicates<C: Borrow<Contact>>(contacts: &[C]) -> Vec<Vec<usize>> {
    let n = contacts.len();
    let contacts: Vec<&Contact> = contacts.iter().map(Borrow::borrow).collect();
    let mut parent: Vec<usize> = (0..n).collect();
    let names: Vec<Option<String>> = contacts
        .iter()
        .map(|c| {
            c.display_name()
                .map(normalise_name)
                .filter(|s| !s.is_empty())
        })
        .collect();
    let similar = |a: usize, b: usize| match (&names[a], &names[b]) {
        (Some(x), Some(y)) => similar_names(x, y),
        _ => false,
    };
    // Cards sharing each key, in input order.
    let mut by_email: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_phone: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, c) in contacts.iter().enumerate() {
        let mut emails: Vec<String> = c.emails.iter().map(|e| e.trim().to_lowercase()).collect();
        emails.sort();
        emails.dedup();
        for e in emails {
            by_email.entry(e).or_default().push(i);
        }
        let mut phones: Vec<String> = c
            .phones
            .iter()
            .filter_map(|p| phone_key(&p.number))
            .collect();
        phones.sort();
        phones.dedup();
        for p in phones {
            by_phone.entry(p).or_default().push(i);
        }
    }
    for (email, cards) in &by_email {
        let role = is_role_address(email);
        for (k, &a) in cards.iter().enumerate() {
            for &b in &cards[k + 1..] {
                if !role || similar(a, b) {
                    union(&mut parent, a, b);
                }
            }
        }
    }
    for cards in by_phone.values() {
        for (k, &a) in cards.iter().enumerate() {
            for &b in &cards[k + 1..] {
                if similar(a, b) {
                    union(&mut parent, a, b);
                }
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of_root: HashMap<usize, usize> = HashMap::new();
    for i in 0..n {
        let root = find(&mut parent, i);
        let g = *group_of_root.entry(root).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
    }
    groups
}

/// Merges a group into one contact: the first card's values win, lists are
/// joined without repeats, confidences keep the highest, OCR texts are
/// joined. `source` stays the first card's.
pub fn merge_group<C: Borrow<Contact>>(contacts: &[C], group: &[usize]) -> Contact {
    let mut it = group.iter().map(|&i| contacts[i].borrow());
    let Some(first) = it.next() else {
        return Contact::default();
    };
    let mut m = first.clone();
    for c in it {
        if m.name.is_none() {
            m.name = c.name.clone();
        }
        fill(&mut m.org, &c.org);
        fill(&mut m.department, &c.department);
        fill(&mut m.title, &c.title);
        fill(&mut m.domain, &c.domain);
        for e in &c.emails {
            if !m.emails.iter().any(|x| x.eq_ignore_ascii_case(e)) {
                m.emails.push(e.clone());
            }
        }
        for p in &c.phones {
            if !m.phones.iter().any(|x| same_number(&x.number, &p.number)) {
                m.phones.push(p.clone());
            }
        }
        for u in &c.urls {
            if !m.urls.iter().any(|x| x.eq_ignore_ascii_case(u)) {
                m.urls.push(u.clone());
            }
        }
        for a in &c.addresses {
            if !m
                .addresses
                .iter()
                .any(|x| x.text.eq_ignore_ascii_case(&a.text))
            {
                m.addresses.push(a.clone());
            }
        }
        for s in &c.social {
            if !m
                .social
                .iter()
                .any(|x| x.service == s.service && x.handle.eq_ignore_ascii_case(&s.handle))
            {
                m.social.push(s.clone());
            }
        }
        for (k, v) in &c.confidence {
            let e = m.confidence.entry(k.clone()).or_insert(*v);
            if *v > *e {
                *e = *v;
            }
        }
        if !c.text.is_empty() && c.text != m.text {
            if !m.text.is_empty() {
                m.text.push_str("\n\n");
            }
            m.text.push_str(&c.text);
        }
    }
    m
}

/// Two normalised names are the same person's: close spellings, or every
/// word (two at least) of one is in the other ("jane doe" / "jane q doe",
/// "blue door bakery" / "e7 blue door bakery" with OCR noise in front).
fn similar_names(x: &str, y: &str) -> bool {
    if strsim::jaro_winkler(x, y) >= NAME_SIMILARITY {
        return true;
    }
    let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    let long: Vec<&str> = long.split(' ').collect();
    let short: Vec<&str> = short.split(' ').collect();
    short.len() >= 2 && short.iter().all(|w| long.contains(w))
}

fn fill(target: &mut Option<String>, other: &Option<String>) {
    if target.is_none() {
        target.clone_from(other);
    }
}

/// A phone number's digits, when there are enough to identify a line.
fn phone_key(number: &str) -> Option<String> {
    let digits: String = number.chars().filter(|c| c.is_ascii_digit()).collect();
    (digits.len() >= 7).then_some(digits)
}

fn same_number(a: &str, b: &str) -> bool {
    match (phone_key(a), phone_key(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

fn is_role_address(email: &str) -> bool {
    let local = email.split('@').next().unwrap_or("");
    ROLE_MAILBOXES.contains(&local)
}

/// Lowercase, accents folded, punctuation dropped, spaces collapsed.
fn normalise_name(name: &str) -> String {
    let folded: String = name
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Joins two sets, the smaller index becoming the root (stable output).
fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        parent[hi] = lo;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact::{Name, Phone, PhoneKind};
    use crate::test_util::jane;

    fn card(name: Option<&str>, emails: &[&str], phones: &[&str]) -> Contact {
        Contact {
            source: name.map(|n| format!("{n}.jpg")),
            name: name.map(|n| Name {
                full: n.into(),
                ..Default::default()
            }),
            emails: emails.iter().map(|s| s.to_string()).collect(),
            phones: phones
                .iter()
                .map(|p| Phone {
                    number: p.to_string(),
                    kind: PhoneKind::Work,
                    raw: p.to_string(),
                    extension: None,
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn grouping_table() {
        // (cards, expected groups)
        let cases: Vec<(Vec<Contact>, Vec<Vec<usize>>)> = vec![
            // Same email, different case.
            (
                vec![
                    card(Some("Jane Doe"), &["jane@acme.com"], &[]),
                    card(Some("Bob Roe"), &["bob@acme.com"], &[]),
                    card(Some("J. Doe"), &["JANE@acme.com"], &[]),
                ],
                vec![vec![0, 2], vec![1]],
            ),
            // Same phone + OCR-slipped name; same phone, other person.
            (
                vec![
                    card(Some("Jane Q. Doe"), &[], &["+14155550132"]),
                    card(Some("Jane Q Doe"), &[], &["+1 415 555 0132"]),
                    card(Some("Robert Roe"), &[], &["+14155550132"]),
                ],
                vec![vec![0, 1], vec![2]],
            ),
            // Accents and case fold.
            (
                vec![
                    card(Some("JOSÉ ÁLVAREZ"), &[], &["+34911234567"]),
                    card(Some("Jose Alvarez"), &[], &["+34911234567"]),
                ],
                vec![vec![0, 1]],
            ),
            // A shared role address does not merge colleagues.
            (
                vec![
                    card(Some("Ana Lima"), &["info@acme.com"], &[]),
                    card(Some("Rui Costa"), &["info@acme.com"], &[]),
                ],
                vec![vec![0], vec![1]],
            ),
            // Transitive: 0~1 by email, 1~2 by phone and name.
            (
                vec![
                    card(Some("Jane Doe"), &["jane@acme.com"], &[]),
                    card(Some("Jane Doe"), &["jane@acme.com"], &["+442079460958"]),
                    card(Some("Jane Doe"), &[], &["+442079460958"]),
                ],
                vec![vec![0, 1, 2]],
            ),
            // Every word of one name in the other: a middle initial, OCR
            // noise; one shared word is not enough.
            (
                vec![
                    card(Some("Jane Doe"), &[], &["+442079460958"]),
                    card(Some("Jane Q. Doe"), &[], &["+442079460958"]),
                    card(Some("e7 Jane Doe"), &[], &["+442079460958"]),
                    card(Some("Doe"), &[], &["+442079460958"]),
                    card(Some("Mary Doe"), &[], &["+442079460958"]),
                ],
                vec![vec![0, 1, 2], vec![3], vec![4]],
            ),
            // No name: a phone alone is not enough; short numbers never are.
            (
                vec![
                    card(None, &[], &["+442079460958"]),
                    card(None, &[], &["+442079460958"]),
                    card(Some("Al Bo"), &[], &["112"]),
                    card(Some("Al Bo"), &[], &["112"]),
                ],
                vec![vec![0], vec![1], vec![2], vec![3]],
            ),
        ];
        for (i, (cards, expected)) in cases.iter().enumerate() {
            assert_eq!(&group_duplicates(cards), expected, "case {i}");
        }
    }

    #[test]
    fn merging_keeps_first_values_and_unions_lists() {
        let a = jane();
        let mut b = card(
            Some("Jane Q Doe"),
            &["JANE.DOE@acmerobotics.example", "jane@home.example"],
            &["+1 (415) 555-0132", "+14155550176"],
        );
        b.org = Some("Other".into());
        b.department = Some("R&D".into());
        b.confidence.insert("name".into(), 0.99);
        b.text = "Jane Q Doe".into();
        let m = merge_group(&[a.clone(), b], &[0, 1]);
        assert_eq!(m.name, a.name);
        assert_eq!(m.org, a.org);
        assert_eq!(m.department.as_deref(), Some("R&D"));
        assert_eq!(
            m.emails,
            ["jane.doe@acmerobotics.example", "jane@home.example"]
        );
        let numbers: Vec<&str> = m.phones.iter().map(|p| p.number.as_str()).collect();
        assert_eq!(numbers, ["+14155550132", "+14155550176"]);
        assert_eq!(m.confidence["name"], 0.99);
        assert_eq!(m.confidence["org"], 0.71);
        assert_eq!(m.source, a.source);
        assert!(m.text.ends_with("\n\nJane Q Doe"));
        // A group of one is the card itself.
        assert_eq!(merge_group(std::slice::from_ref(&a), &[0]), a);
    }
}
