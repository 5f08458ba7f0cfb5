//! Extraction: OCR lines (text + boxes) → [`Contact`] fields.
//!
//! Pure functions, no pixels. The order is fixed and later finders see what
//! earlier ones claimed: emails and web addresses first (unambiguous shapes),
//! then phones, address, title, organisation and finally the name, which uses
//! everything else as evidence (email local part, lines already taken).

use crate::contact::Contact;
use crate::ocr::OcrPage;
use std::ops::Range;

mod address;
mod email;
mod name;
mod org;
mod phone;
mod title;
mod web;

/// Extraction settings.
#[derive(Debug, Clone, Default)]
pub struct ExtractParams {
    /// Default country for numbers printed without `+CC` (ISO 3166 alpha-2,
    /// e.g. `US`). `None`: infer from the card, else accept only `+CC` numbers
    /// and numbers valid in a few common regions.
    pub region: Option<String>,
    /// Keep ALL-CAPS names as printed instead of "Chris Salcedo" case.
    pub keep_case: bool,
}

/// A text line prepared for extraction.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// Index in the page's lines.
    pub idx: usize,
    /// The text, whitespace collapsed, trimmed.
    pub text: String,
    /// Text height in px (median word height).
    pub height: f32,
    /// Height relative to the median line height of the card (1.0 = body text).
    pub rel_height: f32,
    /// Top edge and left edge in px, and the page size, for position priors.
    pub top: u32,
    /// Left edge in px.
    pub left: u32,
    /// OCR confidence 0..=1.
    pub confidence: f32,
}

/// Something a finder found, with where.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found<T> {
    pub value: T,
    /// Line index and the byte range of `Line::text` it came from.
    pub line: usize,
    pub span: Range<usize>,
    /// 0..=1.
    pub confidence: f32,
}

/// Byte ranges of each line already taken by a field.
#[derive(Debug, Clone, Default)]
pub(crate) struct Claims {
    taken: Vec<Vec<Range<usize>>>,
}

impl Claims {
    fn new(n: usize) -> Self {
        Claims { taken: vec![Vec::new(); n] }
    }

    /// Marks part of a line as used.
    pub fn claim(&mut self, line: usize, span: Range<usize>) {
        if let Some(v) = self.taken.get_mut(line) {
            v.push(span);
        }
    }

    /// Marks a whole line as used.
    pub fn claim_line(&mut self, lines: &[Line], line: usize) {
        let len = lines[line].text.len();
        self.claim(line, 0..len);
    }

    /// The line's text with claimed parts blanked out, trimmed of separators.
    pub fn rest(&self, line: &Line) -> String {
        let mut bytes: Vec<u8> = line.text.as_bytes().to_vec();
        for r in &self.taken[line.idx] {
            for b in &mut bytes[r.start.min(line.text.len())..r.end.min(line.text.len())] {
                *b = b' ';
            }
        }
        // Blanking whole UTF-8 characters keeps this valid; spans are char-aligned.
        let s = String::from_utf8_lossy(&bytes);
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// True when little but separators and labels is left of the line.
    pub fn is_used(&self, line: &Line) -> bool {
        let rest = self.rest(line);
        rest.chars().filter(|c| c.is_alphanumeric()).count() < 2
    }
}

/// Builds the lines extraction works on.
pub(crate) fn prepare_lines(page: &OcrPage) -> Vec<Line> {
    let heights: Vec<f32> = page
        .lines
        .iter()
        .map(|l| {
            let mut hs: Vec<u32> = l.words.iter().map(|w| w.bbox.h).collect();
            hs.sort_unstable();
            if hs.is_empty() {
                l.bbox.h as f32
            } else {
                hs[hs.len() / 2] as f32
            }
        })
        .collect();
    let mut sorted = heights.clone();
    sorted.sort_by(|a, b| a.total_cmp(b));
    let median = sorted.get(sorted.len() / 2).copied().unwrap_or(1.0).max(1.0);
    page.lines
        .iter()
        .zip(heights)
        .enumerate()
        .map(|(idx, (l, height))| Line {
            idx,
            text: l.text.split_whitespace().collect::<Vec<_>>().join(" "),
            height,
            rel_height: height / median,
            top: l.bbox.y,
            left: l.bbox.x,
            confidence: l.confidence,
        })
        .collect()
}

/// Reads every field from one card's OCR output.
pub fn extract(page: &OcrPage, params: &ExtractParams) -> Contact {
    let lines = prepare_lines(page);
    let mut claims = Claims::new(lines.len());
    let mut contact = Contact { text: page.text(), ..Contact::default() };

    let emails = email::find(&lines);
    for e in &emails {
        claims.claim(e.line, e.span.clone());
    }
    contact.emails = dedup(emails.iter().map(|e| e.value.clone()));

    let web = web::find(&lines, &contact.emails);
    for u in &web.urls {
        claims.claim(u.line, u.span.clone());
    }
    contact.urls = dedup(web.urls.iter().map(|u| u.value.clone()));
    contact.domain = web.domain;

    let phones = phone::find(&lines, params.region.as_deref(), contact.domain.as_deref());
    for p in &phones {
        claims.claim(p.line, p.span.clone());
    }
    contact.phones = phones.into_iter().map(|p| p.value).collect();

    if let Some(a) = address::find(&lines, &mut claims) {
        contact.confidence.insert("address".into(), a.confidence);
        contact.addresses.push(a.value);
    }
    if let Some(t) = title::find(&lines, &mut claims) {
        contact.confidence.insert("title".into(), t.confidence);
        contact.title = Some(t.value);
    }
    if let Some(d) = title::find_department(&lines, &mut claims) {
        contact.confidence.insert("department".into(), d.confidence);
        contact.department = Some(d.value);
    }
    let org = org::find(&lines, &mut claims, contact.domain.as_deref());
    let name = name::find(&lines, &mut claims, &contact.emails, params.keep_case);
    if let Some(n) = name {
        contact.confidence.insert("name".into(), n.confidence);
        contact.name = Some(n.value);
    }
    if let Some(o) = org {
        contact.confidence.insert("org".into(), o.confidence);
        contact.org = Some(o.value);
    }
    contact
}

fn dedup(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in items {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&i)) {
            out.push(i);
        }
    }
    out
}
