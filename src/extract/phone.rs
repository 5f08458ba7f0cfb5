//! Phone numbers.
//!
//! Candidates are runs of digits and phone punctuation (`+ ( ) . - :` and
//! spaces); a run is cut into numbers, longest first, each validated with
//! `phonenumber` in the card's region. The region is the caller's, else the
//! domain's country TLD, else the country of a `+CC` number on the card, else
//! a vote of words typical of a country (`CEP`, `Ltda` → BR; `GmbH` → DE …),
//! else the one of US, GB, BR, DE, FR, JP where the number alone is valid.
//! Handled: `+1 (415) 555-0132`, `415.555.0199`, `248:343-5976`, `(11) 9 9374 0268`,
//! `11 9.9679-9468`, `+44 (0) 20 7946 0958`, `55 11 3105-8655` (country code
//! without `+`), two numbers on a line, an area code shared across a slash
//! (`11 2082-2399 / 2646-6123`), extensions (`ext. 214`, `x214`, `Ramal 240`,
//! `Durchwahl -12`), O/0 and l/I/1 confusions inside digit runs. Brazilian
//! local numbers printed without area code (`2294-9484`, `9.9679-9468`) are kept
//! with the digits as read (or with the card's area code) at lower confidence.
//!
//! Kind comes from the label before the number (`Tel/Fax:` gives one entry of
//! each), else a label just after it, else a label-only line above; a number
//! with no label of its own after one separated only by `/` or `,` shares its
//! label. Unlabelled: `work` if alone on the card, mobile-shaped Brazilian
//! numbers `mobile`, else `other`.
//!
//! Rejected: dates, postal codes (`CEP 03637-000`, `94105`), Nextel radio IDs
//! (`35*65*43262`), CNPJ/CPF, prices, numbers glued to letters.
//! Known misses: numbers split over two lines, vanity numbers (`1-800-FLOWERS`),
//! local numbers of countries other than Brazil printed without area code.

use super::{Found, Line};
use crate::contact::{Phone, PhoneKind};
use phonenumber::country::Id;
use phonenumber::{Mode, PhoneNumber};
use regex::Regex;
use std::sync::LazyLock;

/// A run of digits and phone punctuation (trailing punctuation trimmed later).
static RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:\+\s?)?\(?\d[\d().:\- ]*").unwrap());

/// Brazilian ID numbers (CPF `123.456.789-09`, CNPJ `12.345.678/0001-90`, RG).
static RE_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d{2,3}\.\d{3}\.\d{3}(?:/\d{4}-\d{2}|-[\dxX]{1,2})").unwrap());

/// Dates and times are never phone numbers.
static RE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}[./-]\d{1,2}[./-]\d{1,2})$")
        .unwrap()
});

/// A Brazilian number printed as on cards, area code optional (`9.9679-9468`,
/// `(11) 2684-7988`, `97038-8110`).
static RE_BR_LOCAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\(?\d{2}\)?\s?)?(?:9[.\s]?)?\d{4,5}[-.]\d{4}$").unwrap());

/// An extension right after the number.
static RE_EXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*[,;]?\s*(?:ext\.?|extn\.?|extension|x|ramal|ram\.|r\.|durchwahl|dw\.?|poste|int\.?)\s*[:.]?\s*-?\s*(\d{1,6})\b")
        .unwrap()
});

/// Regions tried, in order, when the card's is unknown.
const TRY: &[Id] = &[Id::US, Id::GB, Id::BR, Id::DE, Id::FR, Id::JP];

/// Words that show a card's country, for numbers printed without `+CC`.
const HINTS: &[(&str, Id)] = &[
    ("cep", Id::BR),
    ("ltda", Id::BR),
    ("rua", Id::BR),
    ("são", Id::BR),
    ("brasil", Id::BR),
    ("fone", Id::BR),
    ("fones", Id::BR),
    ("celular", Id::BR),
    ("cel", Id::BR),
    ("gmbh", Id::DE),
    ("straße", Id::DE),
    ("strasse", Id::DE),
    ("deutschland", Id::DE),
    ("telefon", Id::DE),
    ("handy", Id::DE),
    ("rue", Id::FR),
    ("france", Id::FR),
    ("sarl", Id::FR),
    ("cedex", Id::FR),
    ("portable", Id::FR),
    ("tél", Id::FR),
    ("ltd", Id::GB),
    ("london", Id::GB),
    ("uk", Id::GB),
    ("inc", Id::US),
    ("suite", Id::US),
    ("usa", Id::US),
    ("llc", Id::US),
    ("japan", Id::JP),
    ("tokyo", Id::JP),
    ("株式会社", Id::JP),
    ("東京都", Id::JP),
];

/// Label words and the kind they give.
fn label_kind(word: &str) -> Option<PhoneKind> {
    use PhoneKind::*;
    Some(match word {
        "tel" | "tele" | "tels" | "telephone" | "téléphone" | "telefone" | "telefones"
        | "telefono" | "teléfono" | "telefon" | "phone" | "ph" | "office" | "direct" | "dir"
        | "t" | "fon" | "fone" | "fones" | "fixo" | "comercial" | "tél" | "tlf" | "tfno"
        | "work" | "business" | "pabx" | "sac" | "電話" | "tell" => Work,
        "mobile" | "mob" | "mobil" | "cell" | "cel" | "celular" | "cellular" | "m" | "handy"
        | "portable" | "gsm" | "móvil" | "movil" | "携帯" | "whatsapp" | "whats" | "wa" | "zap"
        | "nextel" | "vivo" | "claro" => Mobile,
        "fax" | "f" | "telefax" | "télécopie" | "telecopie" | "fx" => Fax,
        "home" | "res" | "residencial" | "residence" | "h" => Home,
        _ => return None,
    })
}

/// Words after which digits are not a phone number.
const NOT_PHONE: &[&str] = &[
    "cep", "zip", "plz", "cp", "id", "cnpj", "cpf", "rg", "ie", "insc", "nº", "no", "n", "cx",
    "postal", "code", "box", "apt", "sala", "suite", "km", "cod",
];

/// One number found, before kinds are settled.
struct Hit {
    number: String,
    raw: String,
    extension: Option<String>,
    /// Kinds from labels; empty when unlabelled.
    kinds: Vec<PhoneKind>,
    line: usize,
    span: std::ops::Range<usize>,
    confidence: f32,
    mobile_shaped: bool,
    /// Labelled as a landline explicitly (`Fixo`, `Comercial`, `Office`).
    fixed_label: bool,
}

/// Label words that say a landline, not just "telephone".
const FIXED: &[&str] = &[
    "fixo",
    "comercial",
    "office",
    "direct",
    "dir",
    "pabx",
    "business",
    "work",
];

pub(crate) fn find(
    lines: &[Line],
    region: Option<&str>,
    domain: Option<&str>,
    fallback: Option<&str>,
) -> Vec<Found<Phone>> {
    let card = region
        .and_then(|r| r.to_uppercase().parse::<Id>().ok())
        .or_else(|| domain.and_then(tld_region))
        .or_else(|| plus_region(lines))
        .or_else(|| hint_region(lines))
        .or_else(|| {
            // The OCR language says which country only when the card reads
            // as that language: a plain-ASCII card under `--lang por+eng` is
            // as likely an English one in the same pile.
            let accented = lines
                .iter()
                .flat_map(|l| l.text.split_whitespace())
                .any(|w| {
                    w.chars().filter(|c| c.is_alphabetic()).count() >= 4
                        && w.chars().any(|c| c.is_alphabetic() && !c.is_ascii())
                });
            fallback
                .filter(|_| accented)
                .and_then(|r| r.to_uppercase().parse::<Id>().ok())
        });
    let mut hits = scan(lines, card);
    if card.is_none() {
        // Numbers valid in one region only tell the card's country; read again with it.
        let mut votes: Vec<(Id, usize)> = Vec::new();
        for h in &hits {
            if let Some(id) = h
                .number
                .starts_with('+')
                .then(|| region_of(&h.number))
                .flatten()
            {
                match votes.iter_mut().find(|(v, _)| *v == id) {
                    Some(v) => v.1 += 1,
                    None => votes.push((id, 1)),
                }
            }
        }
        votes.sort_by_key(|v| std::cmp::Reverse(v.1));
        if let Some(&(id, _)) = votes.first() {
            hits = scan(lines, Some(id));
        }
    }
    let n = hits.len();
    let mut out = Vec::new();
    for h in hits {
        let mut kinds = if h.kinds.is_empty() {
            // Brazilian cards: a mobile-shaped number is a mobile, even alone.
            vec![if h.mobile_shaped {
                PhoneKind::Mobile
            } else if n == 1 {
                PhoneKind::Work
            } else {
                PhoneKind::Other
            }]
        } else if h.mobile_shaped && !h.fixed_label {
            // `Tel: (11) 99933-6564`: a generic label does not make it a landline.
            h.kinds
                .iter()
                .map(|&k| {
                    if k == PhoneKind::Work {
                        PhoneKind::Mobile
                    } else {
                        k
                    }
                })
                .collect()
        } else {
            h.kinds.clone()
        };
        kinds.dedup();
        // `Tel/Fax: 3123-0800` is one number that takes calls and faxes: one
        // entry (the first label's kind), not the same number twice in the
        // address book. Known loss: the fax use is not recorded.
        kinds.truncate(1);
        for kind in kinds {
            let value = Phone {
                number: h.number.clone(),
                kind,
                raw: h.raw.clone(),
                extension: h.extension.clone(),
            };
            out.push(Found {
                value,
                line: h.line,
                span: h.span.clone(),
                confidence: h.confidence,
            });
        }
    }
    out
}

/// Reads every line with the card's region (if known).
fn scan(lines: &[Line], card: Option<Id>) -> Vec<Hit> {
    let mut hits: Vec<Hit> = Vec::new();
    // Area code of the last full Brazilian number, for local numbers after it.
    let mut area: Option<String> = None;
    let mut above_label: Vec<PhoneKind> = Vec::new();
    for line in lines {
        let text = &line.text;
        let fixed = repair(text);
        let mut prev_end = 0;
        let mut prev_kinds: Vec<PhoneKind> = Vec::new();
        let mut line_hits = 0;
        let mut pos = 0;
        while let Some(m) = RE.find_at(&fixed, pos) {
            let run_end = m.start()
                + m.as_str()
                    .trim_end_matches(|c: char| !c.is_ascii_digit())
                    .len();
            let groups = digit_groups(&fixed, m.start(), run_end);
            pos = run_end.max(m.start() + 1);
            let mut i = 0;
            while i < groups.len() {
                let mut taken = None;
                for j in (i + 1..=groups.len().min(i + 7)).rev() {
                    let (s, e) = (
                        seg_start(&fixed, m.start(), groups[i].0),
                        seg_end(&fixed, groups[i].0, groups[j - 1].1),
                    );
                    if let Some(ev) = evaluate(&fixed[s..e], card, area.as_deref()) {
                        taken = Some((j, s, e, ev));
                        break;
                    }
                }
                let Some((j, s, mut e, ev)) = taken else {
                    i += 1;
                    continue;
                };
                i = j;
                let mut extension = None;
                if let Some(c) = RE_EXT.captures(&fixed[e..]) {
                    extension = Some(c[1].to_string());
                    e += c.get(0).unwrap().end();
                    pos = pos.max(e);
                    i = groups
                        .len()
                        .min(groups.iter().position(|g| g.0 >= e).unwrap_or(groups.len()));
                }
                let prefix = &text[prev_end.min(s)..s];
                let (label_at, mut kinds, blocked) = labels_before(prefix);
                let fixed_label = words(prefix)
                    .iter()
                    .any(|(_, w)| FIXED.contains(&w.as_str()));
                let after_ok = !fixed[e..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_alphanumeric() || c == '*')
                    && !text[..s].ends_with(['*', '$', '€', '£', '/', '@']);
                let glued = text[..s]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric())
                    && label_at.is_none();
                if blocked || !after_ok || glued {
                    prev_end = e;
                    continue;
                }
                if kinds.is_empty() && !prefix.chars().any(char::is_alphanumeric) && line_hits > 0 {
                    kinds = prev_kinds.clone();
                }
                if kinds.is_empty() {
                    kinds = labels_after(&text[e..], &fixed[e..]);
                }
                if kinds.is_empty() && line_hits == 0 {
                    kinds = above_label.clone();
                }
                let start = label_at.map_or(s, |l| prev_end.min(s) + l);
                if ev.area.is_some() {
                    area = ev.area.clone();
                }
                prev_end = e;
                prev_kinds = kinds.clone();
                line_hits += 1;
                // The same number twice; a local number (no `+CC`) is the
                // same as a full one ending in its digits. Two full numbers
                // may share their last 8 digits (03-1234-5678, 090-1234-5678).
                let key = last8(&ev.number);
                let dup = hits.iter().any(|h| {
                    h.number == ev.number
                        || last8(&h.number) == key
                            && !(h.number.starts_with('+') && ev.number.starts_with('+'))
                });
                if dup {
                    continue;
                }
                hits.push(Hit {
                    number: ev.number,
                    raw: text[s..groups[j - 1].1.max(s)].to_string(),
                    extension,
                    kinds,
                    line: line.idx,
                    span: start..e,
                    confidence: ev.confidence,
                    mobile_shaped: ev.mobile_shaped,
                    fixed_label,
                });
            }
        }
        // A line holding only labels (`Celular:`) names the numbers on the next.
        let words = words(text);
        above_label = if !words.is_empty() && words.iter().all(|(_, w)| label_kind(w).is_some()) {
            words.iter().filter_map(|(_, w)| label_kind(w)).collect()
        } else {
            Vec::new()
        };
    }
    hits
}

/// A validated number.
struct Eval {
    number: String,
    confidence: f32,
    /// Area code of a full Brazilian number.
    area: Option<String>,
    mobile_shaped: bool,
}

/// Validates one candidate; `area` is the area code of an earlier number.
fn evaluate(seg: &str, card: Option<Id>, area: Option<&str>) -> Option<Eval> {
    let digits: String = seg.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 7 || digits.len() > 15 || RE_DATE.is_match(seg.trim()) {
        return None;
    }
    // `+44 (0) 20 …`: the national trunk prefix is not dialled from abroad.
    // `:` is OCR's `-` (`248:343-5976`); the parser does not take it.
    let cleaned = seg.replace("(0)", " ").replace(':', " ");
    let valid =
        |id: Option<Id>, s: &str| phonenumber::parse(id, s).ok().filter(PhoneNumber::is_valid);
    let found: Option<(PhoneNumber, f32)> = if seg.trim_start().starts_with('+') {
        valid(None, &cleaned).map(|p| (p, 0.95))
    } else if let Some(id) = card {
        valid(Some(id), &cleaned).map(|p| (p, 0.9)).or_else(|| {
            // Country code printed without `+` (`55 11 3105-8655`).
            valid(None, &format!("+{digits}"))
                .filter(|p| p.country().id() == Some(id))
                .map(|p| (p, 0.8))
        })
    } else {
        // GB, DE, FR and JP print national numbers with the trunk `0`; without it
        // a number is not theirs (DE alone accepts most digit strings).
        let trunk = digits.starts_with('0');
        let ok: Vec<PhoneNumber> = TRY
            .iter()
            .filter(|&&id| trunk || matches!(id, Id::US | Id::BR))
            .filter_map(|&id| valid(Some(id), &cleaned))
            .collect();
        match ok.len() {
            0 => None,
            1 => ok.into_iter().next().map(|p| (p, 0.75)),
            _ => ok.into_iter().next().map(|p| (p, 0.55)),
        }
    };
    if let Some((p, confidence)) = found {
        let number = p.format().mode(Mode::E164).to_string();
        let br = p.code().value() == 55;
        let national = p.national().value().to_string();
        let area = br.then(|| national[..2].to_string());
        let mobile_shaped = br
            && (national.len() == 11 && national.as_bytes()[2] == b'9'
                || is_old_br_mobile(&national[2..]));
        return Some(Eval {
            number,
            confidence,
            area,
            mobile_shaped,
        });
    }
    // Brazilian local number without area code, or in an old format.
    if !matches!(card, None | Some(Id::BR)) || !RE_BR_LOCAL.is_match(seg.trim()) {
        return None;
    }
    let subscriber = if digits.len() >= 10 {
        &digits[2..]
    } else {
        digits.as_str()
    };
    let mobile_shaped =
        subscriber.len() == 9 && subscriber.starts_with('9') || is_old_br_mobile(subscriber);
    if digits.len() <= 9
        && let Some(p) = area.and_then(|a| valid(Some(Id::BR), &format!("{a}{digits}")))
    {
        let number = p.format().mode(Mode::E164).to_string();
        return Some(Eval {
            number,
            confidence: 0.6,
            area: None,
            mobile_shaped,
        });
    }
    Some(Eval {
        number: digits,
        confidence: 0.45,
        area: None,
        mobile_shaped,
    })
}

/// Eight-digit Brazilian numbers starting 6–9 were mobiles before the ninth digit.
fn is_old_br_mobile(subscriber: &str) -> bool {
    subscriber.len() == 8 && subscriber.starts_with(['6', '7', '8', '9'])
}

/// Label words at the end of `prefix`: byte offset of the first, their kinds,
/// and whether the word before the number says it is not a phone (`CEP`).
fn labels_before(prefix: &str) -> (Option<usize>, Vec<PhoneKind>, bool) {
    let words = words(prefix);
    let mut kinds = Vec::new();
    let mut at = None;
    for (i, w) in words.iter().rev() {
        // Only separators may stand between the labels and the number.
        let tail = &prefix[i + w.len()..];
        if tail.chars().any(|c| c.is_alphanumeric()) && at.is_none() {
            break;
        }
        match label_kind(w) {
            Some(k) => {
                if !kinds.contains(&k) {
                    kinds.insert(0, k);
                }
                at = Some(*i);
            }
            None => {
                let blocked = at.is_none()
                    && NOT_PHONE.contains(&w.as_str())
                    && prefix[i + w.len()..].trim().len() <= 2;
                return (at, kinds, blocked);
            }
        }
    }
    (at, kinds, false)
}

/// A label printed after the number, alone at the end of the line (`2131-3418 Fax`).
fn labels_after(text: &str, fixed: &str) -> Vec<PhoneKind> {
    if fixed.chars().any(|c| c.is_ascii_digit()) {
        return Vec::new();
    }
    let words = words(text);
    if words.is_empty() || words.len() > 2 {
        return Vec::new();
    }
    words
        .iter()
        .map(|(_, w)| label_kind(w))
        .collect::<Option<Vec<_>>>()
        .unwrap_or_default()
}

/// Lowercased words (letters only) with their byte offsets.
fn words(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, text[s..i].to_lowercase()));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The line with O/o read for 0 and l/I/| read for 1 inside digit runs, and
/// ID numbers blanked; byte offsets stay those of `text` (all ASCII swaps).
fn repair(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, token) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let digits = token.chars().filter(char::is_ascii_digit).count();
        let confusable = |c: char| matches!(c, 'O' | 'o' | 'l' | 'I' | '|');
        let n_conf = token.chars().filter(|&c| confusable(c)).count();
        let clean = token
            .chars()
            .all(|c| c.is_ascii_digit() || confusable(c) || "+()-.:".contains(c));
        if digits >= 2 && n_conf > 0 && n_conf <= 2 && n_conf < digits && clean {
            out.extend(token.chars().map(|c| match c {
                'O' | 'o' => '0',
                'l' | 'I' | '|' => '1',
                c => c,
            }));
        } else {
            out.push_str(token);
        }
    }
    let mut out = out.into_bytes();
    for m in RE_ID.find_iter(text) {
        out[m.range()].fill(b' ');
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// Byte ranges of the digit groups in `fixed[start..end]`.
fn digit_groups(fixed: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let b = fixed.as_bytes();
    let mut out = Vec::new();
    let mut i = start;
    while i < end {
        if b[i].is_ascii_digit() {
            let s = i;
            while i < end && b[i].is_ascii_digit() {
                i += 1;
            }
            out.push((s, i));
        } else {
            i += 1;
        }
    }
    out
}

/// Where a number starting with the group at `g` begins: back over `(` and `+`.
fn seg_start(fixed: &str, run_start: usize, g: usize) -> usize {
    let b = fixed.as_bytes();
    let mut s = g;
    while s > run_start && matches!(b[s - 1], b'(' | b'+' | b' ') {
        s -= 1;
    }
    while s < g && b[s] == b' ' {
        s += 1;
    }
    s
}

/// Where a number ending with the group ending at `g_end` ends: past a `)` it opened.
fn seg_end(fixed: &str, start: usize, g_end: usize) -> usize {
    let seg = &fixed[start..g_end];
    if seg.matches('(').count() > seg.matches(')').count() && fixed[g_end..].starts_with(')') {
        g_end + 1
    } else {
        g_end
    }
}

/// A number given as data rather than printed text (a QR code's `TEL`),
/// in E.164 when it validates with its `+CC` or `region` (else the domain's
/// country), else as given.
pub(crate) fn normalize(raw: &str, region: Option<&str>, domain: Option<&str>) -> String {
    let region = region
        .and_then(|r| r.to_uppercase().parse::<Id>().ok())
        .or_else(|| domain.and_then(tld_region));
    let raw = raw.trim().trim_start_matches("tel:");
    let id = if raw.starts_with('+') { None } else { region };
    match phonenumber::parse(id, raw.replace("(0)", " ")) {
        Ok(p) if p.is_valid() => p.format().mode(Mode::E164).to_string(),
        _ => raw.to_string(),
    }
}

/// The country a number in E.164 belongs to.
fn region_of(e164: &str) -> Option<Id> {
    phonenumber::parse(None, e164).ok()?.country().id()
}

/// The country of a domain's TLD (`acme.co.uk` → GB).
fn tld_region(domain: &str) -> Option<Id> {
    let tld = domain.rsplit('.').next()?;
    match tld {
        "uk" => Some(Id::GB),
        // Country codes sold worldwide as generic names say nothing of the
        // card's country (.io, .co, .ai, .me, .tv ...).
        t if VANITY_TLDS.contains(&t) => None,
        t if t.len() == 2 => t.to_uppercase().parse().ok(),
        _ => None,
    }
}

const VANITY_TLDS: &[&str] = &[
    "io", "co", "ai", "me", "tv", "fm", "ly", "to", "gg", "cc", "ws", "sh", "ac", "so", "vc", "la",
    "am", "im", "gl", "bz", "nu", "tk", "ms", "cx",
];

/// The country of the first valid `+CC` number on the card.
fn plus_region(lines: &[Line]) -> Option<Id> {
    lines
        .iter()
        .flat_map(|l| RE.find_iter(&l.text))
        .filter(|m| m.as_str().starts_with('+'))
        .find_map(|m| {
            let p = phonenumber::parse(None, m.as_str().replace("(0)", " "))
                .ok()
                .filter(PhoneNumber::is_valid)?;
            p.country().id()
        })
}

/// The country most words on the card point to.
fn hint_region(lines: &[Line]) -> Option<Id> {
    let mut votes: Vec<(Id, usize)> = Vec::new();
    for line in lines {
        for (_, w) in words(&line.text) {
            if let Some(&(_, id)) = HINTS.iter().find(|(h, _)| *h == w) {
                match votes.iter_mut().find(|(v, _)| *v == id) {
                    Some(v) => v.1 += 1,
                    None => votes.push((id, 1)),
                }
            }
        }
    }
    votes.sort_by_key(|v| std::cmp::Reverse(v.1));
    match votes.as_slice() {
        [] => None,
        [(id, _)] => Some(*id),
        [(id, a), (_, b), ..] => (a > b).then_some(*id),
    }
}

/// The last 8 digits of a number: national and E.164 forms agree on them.
pub(crate) fn last8(number: &str) -> String {
    let d: Vec<char> = number.chars().filter(char::is_ascii_digit).collect();
    d[d.len().saturating_sub(8)..].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ocr::OcrPage;

    /// `number kind [ext]` of every phone found in `text` (lines split by `\n`).
    fn phones(text: &str, region: Option<&str>) -> Vec<String> {
        let lines = super::super::prepare_lines(&OcrPage::from_text(text));
        find(&lines, region, None, None)
            .into_iter()
            .map(|f| {
                let p = f.value;
                let kind = format!("{:?}", p.kind).to_lowercase();
                match p.extension {
                    Some(x) => format!("{} {kind} x{x}", p.number),
                    None => format!("{} {kind}", p.number),
                }
            })
            .collect()
    }

    macro_rules! phone_cases {
        ($($name:ident: $input:expr, $region:expr => [$($want:expr),*];)*) => {$(
            #[test]
            fn $name() {
                let want: Vec<&str> = vec![$($want),*];
                assert_eq!(phones($input, $region), want, "input: {:?}", $input);
            }
        )*};
    }

    phone_cases! {
        us_plus: "Tel +1 (415) 555-0132", None => ["+14155550132 work"];
        us_dots: "415.555.0199", Some("US") => ["+14155550199 work"];
        us_colon: "JON 248:343-5976\nKAYLEN 734:552:8728", Some("US") => ["+12483435976 other", "+17345528728 other"];
        br_parens: "(11) 2076 5555\n(11) 9 9374 0268", None => ["+551120765555 other", "+5511993740268 mobile"];
        br_dot_mobile: "Cel: 11 9.9679-9468", Some("BR") => ["+5511996799468 mobile"];
        br_local_pair: "2294-9484\n9.9679-9468", Some("BR") => ["22949484 other", "996799468 mobile"];
        br_local_five: "Tel 3569-6905 Cel 97038-8110", Some("BR") => ["35696905 work", "970388110 mobile"];
        br_slash_area: "Fones 11 2082-2399 / 2646-6123", Some("BR") => ["+551120822399 work", "+551126466123 work"];
        br_cc_no_plus: "Fone 55 11 3105-8655", Some("BR") => ["+551131058655 work"];
        br_merged_area: "119 7412-1100", Some("BR") => ["+5511974121100 mobile"];
        unknown_region_no_trunk: "Pe foto arnt do, À a 2684 7485", None => [];
        br_tel_mobile_shaped: "Tel : (11) 99933-6564", Some("BR") => ["+5511999336564 mobile"];
        uk_zero: "T +44 (0) 20 7946 0958", None => ["+442079460958 work"];
        uk_national: "020 7946 0321", Some("GB") => ["+442079460321 work"];
        uk_two_on_line: "T 020 7946 0958 · M 07911 123456", Some("GB") => ["+442079460958 work", "+447911123456 mobile"];
        de_zero: "Telefon +49 (0)30 1234567", None => ["+49301234567 work"];
        de_durchwahl: "Tel. 030 1234567 Durchwahl -12", Some("DE") => ["+49301234567 work x12"];
        fr_pairs: "Tél. 01 42 68 53 00", Some("FR") => ["+33142685300 work"];
        jp_hyphen: "TEL 03-1234-5678", Some("JP") => ["+81312345678 work"];
        jp_same_last_digits: "Phone: 03-1234-5678\nM: 090-1234-5678", Some("JP") => ["+81312345678 work", "+819012345678 mobile"];
        ext_dot: "Phone 415-555-0132 ext. 214", Some("US") => ["+14155550132 work x214"];
        ext_x: "415-555-0132x214", Some("US") => ["+14155550132 work x214"];
        ramal: "Tel (11) 3392-3817 Ramal 240", Some("BR") => ["+551133923817 work x240"];
        tel_fax: "Tel/Fax: (11) 2131-3400", Some("BR") => ["+551121313400 work"];
        label_above: "Celular\n(11) 99933-6564", Some("BR") => ["+5511999336564 mobile"];
        label_after: "(11) 2131-3400\n2131-3418 Fax", Some("BR") => ["+551121313400 other", "+551121313418 fax"];
        o_for_zero: "(O11) 2O76-5555", Some("BR") => ["+551120765555 work"];
        l_for_one: "4l5-555-0132", Some("US") => ["+14155550132 work"];
        dedupe: "Tel (11) 2131-3400\nTel: 11 2131-3400", Some("BR") => ["+551121313400 work"];
        domain_less_plus_card: "+1 801 566-1800\n+1 801 566-1801", None => ["+18015661800 other", "+18015661801 other"];
        nextel_id: "Nextel 9.4000-4564\nID. 35*65*43269 m 11 9.8697-6934", Some("BR") => ["940004564 mobile", "+5511986976934 mobile"];
    }

    #[test]
    fn language_region_is_the_last_resort() {
        let lines =
            super::super::prepare_lines(&OcrPage::from_text("Direção Hidráulica\n41 2785-4545"));
        let found = find(&lines, None, None, Some("BR"));
        assert_eq!(found[0].value.number, "+554127854545");
        // Not on a card without a word of the language (OCR noise like "já" aside).
        let lines =
            super::super::prepare_lines(&OcrPage::from_text("Daniel Whitton já\n817-228-6401"));
        assert_eq!(
            find(&lines, None, None, Some("BR"))[0].value.number,
            "+18172286401"
        );
        // The card's own evidence wins over it.
        let lines = super::super::prepare_lines(&OcrPage::from_text(
            "Tel +1 (415) 555-0132\n(415) 555-0199",
        ));
        let numbers: Vec<String> = find(&lines, None, None, Some("BR"))
            .into_iter()
            .map(|f| f.value.number)
            .collect();
        assert_eq!(numbers, ["+14155550132", "+14155550199"]);
    }

    #[test]
    fn vanity_cctld_does_not_set_the_country() {
        let lines = super::super::prepare_lines(&OcrPage::from_text("Cell 303-555-0182"));
        let found = find(&lines, None, Some("nwdigital.io"), None);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].value.number, "+13035550182");
        assert_eq!(tld_region("atelier.fr"), Some(Id::FR));
        assert_eq!(tld_region("acme.co"), None);
    }

    #[test]
    fn rejects() {
        for text in [
            "12/03/2024",
            "12.03.2024",
            "San Francisco, CA 94105",
            "Rua Foo, 12 - CEP 01305-100",
            "CEP 03637-000",
            "10115 Berlin",
            "Av. Paulista, 1578",
            "Since 1998",
            "ID 35*65*43262",
            "CNPJ 12.345.678/0001-90",
            "CPF 123.456.789-09",
            "1.215",
            "R$ 1.500,00",
            "ABC12345678",
            "11:30 as 15:00",
        ] {
            assert!(
                phones(text, None).is_empty(),
                "accepted {text:?}: {:?}",
                phones(text, None)
            );
            assert!(
                phones(text, Some("BR")).is_empty(),
                "accepted {text:?} in BR: {:?}",
                phones(text, Some("BR"))
            );
        }
    }
}
