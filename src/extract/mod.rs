//! Extraction: OCR lines (text + boxes) → [`Contact`] fields.
//!
//! Pure functions, no pixels. The order is fixed and later finders see what
//! earlier ones claimed: emails and web addresses first (unambiguous shapes),
//! social profiles (profile URLs, labelled handles),
//! then phones, address, title and department, the organisation when it has
//! strong evidence (legal suffix, domain match, business words), then the
//! name (given-name list, email local part, height), and last the weak
//! organisation fallbacks (tallest remaining line, domain label) so a large
//! name line is never taken for the company.
//!
//! OCR lines are split where a gap between words is far wider than the text
//! is tall (a logo beside the name, two columns read as one line).

use crate::contact::Contact;
use crate::ocr::OcrPage;
use std::ops::Range;

mod address;
mod email;
mod lexicon;
mod name;
mod org;
mod phone;
pub mod qr;
mod social;
mod title;
mod web;

/// Extraction settings.
#[derive(Debug, Clone, Default)]
pub struct ExtractParams {
    /// Default country for numbers printed without `+CC` (ISO 3166 alpha-2,
    /// e.g. `US`). `None`: infer from the card, else accept only `+CC` numbers
    /// and numbers valid in a few common regions.
    pub region: Option<String>,
    /// The country the card's language suggests (`por` → BR), used for
    /// numbers without `+CC` only when nothing on the card tells.
    pub lang_region: Option<String>,
    /// Keep ALL-CAPS names as printed instead of "Chris Salcedo" case.
    pub keep_case: bool,
}

/// A text line prepared for extraction.
#[derive(Debug, Clone)]
// Box fields are for layout priors; today's finders use order and height.
#[allow(dead_code)]
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
        Claims {
            taken: vec![Vec::new(); n],
        }
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

    /// True when part of the span is already claimed.
    pub fn overlaps(&self, line: usize, span: &Range<usize>) -> bool {
        self.taken
            .get(line)
            .is_some_and(|v| v.iter().any(|r| r.start < span.end && span.start < r.end))
    }

    /// True when any part of the line is claimed.
    pub fn is_claimed(&self, line: usize) -> bool {
        self.taken.get(line).is_some_and(|v| !v.is_empty())
    }

    /// True when little but separators and labels is left of the line.
    pub fn is_used(&self, line: &Line) -> bool {
        let rest = self.rest(line);
        rest.chars().filter(|c| c.is_alphanumeric()).count() < 2
    }
}

/// Builds the lines extraction works on: one per OCR line, or several when
/// a gap between words is wider than [`SPLIT_GAP`] text heights.
pub(crate) fn prepare_lines(page: &OcrPage) -> Vec<Line> {
    struct Piece {
        text: String,
        height: f32,
        top: u32,
        left: u32,
        confidence: f32,
    }
    let mut pieces: Vec<Piece> = Vec::new();
    let columns = column_starts(page);
    let at_column = |x: u32, h: f32| {
        columns
            .iter()
            .any(|&c| (x as f32 - c as f32).abs() <= 0.5 * h)
    };
    for l in &page.lines {
        let mut hs: Vec<u32> = l.words.iter().map(|w| w.bbox.h).collect();
        hs.sort_unstable();
        let height = hs.get(hs.len() / 2).map_or(l.bbox.h as f32, |&h| h as f32);
        if l.words.is_empty() {
            pieces.push(Piece {
                text: l.text.clone(),
                height,
                top: l.bbox.y,
                left: l.bbox.x,
                confidence: l.confidence,
            });
            continue;
        }
        let mut group: Vec<&crate::ocr::OcrWord> = Vec::new();
        let mut flush = |group: &mut Vec<&crate::ocr::OcrWord>| {
            if group.is_empty() {
                return;
            }
            let mut hs: Vec<u32> = group.iter().map(|w| w.bbox.h).collect();
            hs.sort_unstable();
            pieces.push(Piece {
                text: group
                    .iter()
                    .map(|w| w.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                height: hs[hs.len() / 2] as f32,
                top: group.iter().map(|w| w.bbox.y).min().unwrap_or(l.bbox.y),
                left: group[0].bbox.x,
                confidence: group.iter().map(|w| w.confidence).sum::<f32>() / group.len() as f32,
            });
            group.clear();
        };
        // Symbols between columns ("=", "|", "—" read from a divider or a
        // logo) do not bridge the gap: measure it between real words and
        // drop the symbols where the line splits.
        let mut symbols: Vec<&crate::ocr::OcrWord> = Vec::new();
        for w in &l.words {
            if !w.text.chars().any(char::is_alphanumeric) && !group.is_empty() {
                symbols.push(w);
                continue;
            }
            if let Some(prev) = group.last() {
                let gap = w.bbox.x.saturating_sub(prev.bbox.right()) as f32;
                let h = height.max(1.0);
                if gap > SPLIT_GAP * h || gap >= COLUMN_GAP * h && at_column(w.bbox.x, h) {
                    flush(&mut group);
                    symbols.clear();
                }
            }
            group.append(&mut symbols);
            group.push(w);
        }
        group.append(&mut symbols);
        flush(&mut group);
    }
    let mut sorted: Vec<f32> = pieces.iter().map(|p| p.height).collect();
    sorted.sort_by(|a, b| a.total_cmp(b));
    // Lower median: with two lines the body text, not the headline, is 1.0.
    let median = sorted
        .get(sorted.len().saturating_sub(1) / 2)
        .copied()
        .unwrap_or(1.0)
        .max(1.0);
    pieces
        .into_iter()
        .enumerate()
        .map(|(idx, p)| Line {
            idx,
            text: p.text.split_whitespace().collect::<Vec<_>>().join(" "),
            height: p.height,
            rel_height: p.height / median,
            top: p.top,
            left: p.left,
            confidence: p.confidence,
        })
        .collect()
}

/// Word gap, in text heights, that splits one OCR line into two.
const SPLIT_GAP: f32 = 3.0;

/// A smaller gap also splits a line where a text column starts: two-column
/// cards set the columns closer than [`SPLIT_GAP`], and Tesseract often
/// reads across them.
const COLUMN_GAP: f32 = 0.8;

/// Left edges where a second text column starts: x positions where, on at
/// least two lines, a word follows a gap of [`COLUMN_GAP`] heights, and that
/// at least three lines (counting lines that start there) share.
fn column_starts(page: &OcrPage) -> Vec<u32> {
    let mut after_gap: Vec<(u32, f32)> = Vec::new();
    let mut line_starts: Vec<u32> = Vec::new();
    for l in &page.lines {
        if let Some(first) = l.words.first() {
            line_starts.push(first.bbox.x);
        }
        for pair in l.words.windows(2) {
            let h = pair[0].bbox.h.max(pair[1].bbox.h).max(1) as f32;
            let gap = pair[1].bbox.x.saturating_sub(pair[0].bbox.right()) as f32;
            if gap >= COLUMN_GAP * h {
                after_gap.push((pair[1].bbox.x, h));
            }
        }
    }
    let mut out: Vec<u32> = Vec::new();
    for &(x, h) in &after_gap {
        let near = |v: u32| (v as f32 - x as f32).abs() <= 0.5 * h;
        let mid = after_gap.iter().filter(|(v, _)| near(*v)).count();
        let all = mid + line_starts.iter().filter(|&&v| near(v)).count();
        if mid >= 2 && all >= 3 && !out.iter().any(|&c| near(c)) {
            out.push(x);
        }
    }
    out
}

/// The country a Tesseract language list suggests for phone numbers: its
/// first language, where one country dominates that language's cards
/// (`por` → BR: Brazil prints far more cards than Portugal). `eng` says nothing.
pub fn region_for_lang(lang: &str) -> Option<&'static str> {
    match lang.split('+').next()? {
        "por" => Some("BR"),
        "deu" => Some("DE"),
        "fra" => Some("FR"),
        "jpn" => Some("JP"),
        "ita" => Some("IT"),
        "spa" => Some("ES"),
        "nld" => Some("NL"),
        "pol" => Some("PL"),
        _ => None,
    }
}

/// Builds extraction's tables now (the phone-number metadata alone takes
/// ~50 ms to load; also patterns and word lists) instead of during the
/// first card. A batch does this on a spare thread while its OCR engines
/// start, so no worker waits on another's first card.
pub fn warm_up() {
    let page = OcrPage::from_text(
        "Jane Doe\nSales Manager\nAcme Inc.\nTel +1 212 555 0100\n\
         jane@acme.com\nwww.acme.com\n1 Main St, Springfield, IL 62701",
    );
    extract(&page, &ExtractParams::default());
}

/// Reads every field from one card's OCR output.
pub fn extract(page: &OcrPage, params: &ExtractParams) -> Contact {
    let lines = prepare_lines(page);
    let mut claims = Claims::new(lines.len());
    let mut contact = Contact {
        text: page.text(),
        ..Contact::default()
    };

    let emails = email::find(&lines);
    for e in &emails {
        claims.claim(e.line, e.span.clone());
    }
    contact.emails = dedup(emails.iter().map(|e| e.value.clone()));
    set_least(&mut contact, "emails", emails.iter().map(|e| e.confidence));

    let web = web::find(&lines, &contact.emails);
    for u in &web.urls {
        claims.claim(u.line, u.span.clone());
    }
    contact.urls = dedup(web.urls.iter().map(|u| u.value.clone()));
    set_least(&mut contact, "urls", web.urls.iter().map(|u| u.confidence));
    contact.domain = web.domain;
    contact.social = social::find(&lines, &web.urls, &mut claims);

    let phones = phone::find(
        &lines,
        params.region.as_deref(),
        contact.domain.as_deref(),
        params.lang_region.as_deref(),
    );
    for p in &phones {
        claims.claim(p.line, p.span.clone());
    }
    set_least(&mut contact, "phones", phones.iter().map(|p| p.confidence));
    contact.phones = phones.into_iter().map(|p| p.value).collect();

    if let Some(a) = address::find(&lines, &mut claims) {
        contact.confidence.insert("address".into(), a.confidence);
        contact.addresses.push(a.value);
    }
    let mut title_line = None;
    if let Some(t) = title::find(&lines, &mut claims) {
        title_line = Some(t.line);
        contact.confidence.insert("title".into(), t.confidence);
        contact.title = Some(t.value);
    }
    if let Some(d) = title::find_department(&lines, &mut claims) {
        contact.confidence.insert("department".into(), d.confidence);
        contact.department = Some(d.value);
    }
    // Domains that may name the company: the web domain and email domains.
    let mut domains: Vec<String> = contact.domain.iter().cloned().collect();
    domains.extend(
        contact
            .emails
            .iter()
            .filter_map(|e| e.rsplit_once('@'))
            .map(|(_, d)| d.to_string()),
    );
    domains.extend(web.urls.iter().map(|u| host(&u.value)));
    let mut org = org::find(&lines, &mut claims, &domains);
    if let Some(n) = name::find(
        &lines,
        &mut claims,
        &contact.emails,
        title_line,
        params.keep_case,
    ) {
        // A name whose line also sits right under/over the org, or that
        // agrees with the email, is surer.
        contact.confidence.insert("name".into(), n.confidence);
        contact.name = Some(n.value);
    }
    if org.is_none() {
        org = org::find_fallback(&lines, &mut claims, &domains);
    }
    if let Some(o) = org {
        contact.confidence.insert("org".into(), o.confidence);
        contact.org = Some(o.value);
    }
    contact
}

/// A list field's confidence: that of its least sure item, so a high value
/// promises every item is right.
fn set_least(contact: &mut Contact, field: &str, items: impl Iterator<Item = f32>) {
    if let Some(least) = items.reduce(f32::min) {
        contact.confidence.insert(field.into(), least);
    }
}

/// The host of a URL as printed (`https://www.contoso.com/` → `www.contoso.com`).
fn host(url: &str) -> String {
    let u = url.split("://").last().unwrap_or(url);
    u.split(['/', '?', '#']).next().unwrap_or(u).to_lowercase()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn card(lines: &[(&str, u32)]) -> Contact {
        extract(&OcrPage::from_lines(lines), &ExtractParams::default())
    }

    fn summary(c: &Contact) -> (Option<&str>, Option<&str>, Option<&str>, Option<&str>) {
        (
            c.name.as_ref().map(|n| n.full.as_str()),
            c.org.as_deref(),
            c.title.as_deref(),
            c.addresses.first().map(|a| a.text.as_str()),
        )
    }

    macro_rules! card_cases {
        ($($id:ident: [$($line:expr),* $(,)?] => ($name:expr, $org:expr, $title:expr, $addr:expr);)*) => {
            $(#[test] fn $id() {
                let c = card(&[$($line),*]);
                assert_eq!(summary(&c), ($name, $org, $title, $addr));
            })*
        };
    }

    card_cases! {
        us_card: [
            ("Acme Robotics, Inc.", 40), ("Jane Q. Doe", 50), ("Senior Software Engineer", 28),
            ("123 Market St, Suite 400", 24), ("San Francisco, CA 94105", 24), ("Tel 415.555.0132", 24),
        ] => (Some("Jane Q. Doe"), Some("Acme Robotics, Inc."), Some("Senior Software Engineer"),
              Some("123 Market St, Suite 400, San Francisco, CA 94105"));
        br_card: [
            ("Renan Beato", 40), ("Gerente de Negócios", 26), ("rbeato@alertasecurity.com.br", 22),
            ("11 99176-1552", 22), ("Alerta Security Solutions", 30), ("Rua Boa Vista, 254 | 17° and", 22),
            ("Cep 01014-000 | Centro | São Paulo |SP", 22), ("Fone 55 11 3105-8655", 22),
        ] => (Some("Renan Beato"), Some("Alerta Security Solutions"), Some("Gerente de Negócios"),
              Some("Rua Boa Vista, 254 | 17° and, Cep 01014-000 | Centro | São Paulo |SP"));
        br_shop_card: [
            ("Eletrônica ADACHI Ltda.", 50),
            ("Assistência Técnica especializada em Televisor a cores, LCD, Led,", 22),
            ("2294-9284", 22), ("9.9679-9468", 22),
            ("Av. Itaquera, 3006 Antigo 2806, Sala 6 Jardim Fernades - SP", 22),
        ] => (None, Some("Eletrônica ADACHI Ltda."), None,
              Some("Av. Itaquera, 3006 Antigo 2806, Sala 6 Jardim Fernades - SP"));
        br_notary_card: [
            ("8º Tabelião de Notas da Capital de São Paulo", 30), ("(Guina)", 20),
            ("Aguinaldo M. Righetti Jr.", 34), ("Escrevente Autorizado", 22),
            ("Tel: 11 3241-0322 Ramal 240", 20),
            ("Rua 15 de Novembro, 193 - 1º andar - Centro - CEP 01013-001", 20), ("São Paulo - SP", 20),
        ] => (Some("Aguinaldo M. Righetti Jr."), Some("8º Tabelião de Notas da Capital de São Paulo"),
              Some("Escrevente Autorizado"),
              Some("Rua 15 de Novembro, 193 - 1º andar - Centro - CEP 01013-001, São Paulo - SP"));
        de_card: [
            ("Müller & Schmidt GmbH", 40), ("Dr. Thomas Müller", 48), ("Geschäftsführer", 26),
            ("Hauptstraße 12", 24), ("10115 Berlin", 24), ("Tel. +49 30 1234567", 24),
        ] => (Some("Dr. Thomas Müller"), Some("Müller & Schmidt GmbH"), Some("Geschäftsführer"),
              Some("Hauptstraße 12, 10115 Berlin"));
        fr_card: [
            ("Boulangerie Dupont SARL", 36), ("Pierre Martin", 46), ("Directeur Commercial", 26),
            ("12 rue de la Paix", 22), ("75002 Paris", 22),
        ] => (Some("Pierre Martin"), Some("Boulangerie Dupont SARL"), Some("Directeur Commercial"),
              Some("12 rue de la Paix, 75002 Paris"));
        jp_card: [
            ("Yamada Shoji K.K.", 36), ("YAMADA Taro", 48), ("Eigyo Bucho", 26),
            ("〒100-0005", 22), ("1-2-3 Marunouchi, Chiyoda-ku", 22), ("Tokyo", 22),
        ] => (Some("Yamada Taro"), Some("Yamada Shoji K.K."), Some("Eigyo Bucho"),
              Some("〒100-0005, 1-2-3 Marunouchi, Chiyoda-ku, Tokyo"));
        uk_card_no_company_text: [
            ("Dr. Avery Smith", 44), ("Senior Researcher", 26), ("Cloud & AI Department", 26),
            ("2 Kingdom Street", 22), ("Paddington, London, W2 6BD", 22),
        ] => (Some("Dr. Avery Smith"), None, Some("Senior Researcher"),
              Some("2 Kingdom Street, Paddington, London, W2 6BD"));
        shop_card_tall_name_is_org: [
            ("CHEVROLESTE", 60), ("Av. Aricanduva, 5555 - São Paulo - SP", 22),
        ] => (None, Some("CHEVROLESTE"), None, Some("Av. Aricanduva, 5555 - São Paulo - SP"));
    }

    #[test]
    fn department_and_confidences() {
        let c = card(&[
            ("Dr. Avery Smith", 44),
            ("Senior Researcher", 26),
            ("Cloud & AI Department", 26),
        ]);
        assert_eq!(c.department.as_deref(), Some("Cloud & AI Department"));
        assert_eq!(c.name.as_ref().unwrap().prefix.as_deref(), Some("Dr."));
        for field in ["name", "title", "department"] {
            let v = c.confidence[field];
            assert!((0.0..=1.0).contains(&v) && v > 0.5, "{field}: {v}");
        }
    }

    /// Real OCR of a dev card: the web address lost its dots, the email
    /// names the domain.
    #[test]
    fn a_dotless_web_address_is_read_back_from_the_email_domain() {
        let lines = [
            ("Altair D'Auria Miranda", 30),
            ("WWwwimicrnovidacombr", 24),
            ("microvida@microvida.com.br", 24),
            ("Fone/Fax: (11) 3392-3817", 24),
        ];
        let c = card(&lines);
        assert_eq!(c.urls, ["www.microvida.com.br"]);
        assert_eq!(c.confidence["urls"], 0.5);
        // Too far from the email's domain, or no email: nothing is made up.
        let c = card(&[
            ("WWwwimicrnovidacombr", 24),
            ("contato@autopecas.com.br", 24),
        ]);
        assert!(c.urls.is_empty(), "{:?}", c.urls);
        assert!(card(&lines[..2]).urls.is_empty());
    }

    #[test]
    fn splits_a_logo_from_the_name_line() {
        let mut page = OcrPage::from_lines(&[("ACME John Smith", 40), ("Web Developer", 24)]);
        // Move the name words far right of the logo word.
        for w in &mut page.lines[0].words[1..] {
            w.bbox.x += 400;
        }
        let lines = prepare_lines(&page);
        assert_eq!(
            lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
            ["ACME", "John Smith", "Web Developer"]
        );
        assert!(lines.iter().enumerate().all(|(i, l)| l.idx == i));
        let c = extract(&page, &ExtractParams::default());
        assert_eq!(c.name.map(|n| n.full).as_deref(), Some("John Smith"));
    }

    #[test]
    fn a_divider_symbol_does_not_join_two_columns() {
        let mut page = OcrPage::from_lines(&[("Lumen Therapeutics plc = Edinburgh EH3 9EP", 30)]);
        // Columns far apart, the "=" read from the divider in the middle.
        for (i, w) in page.lines[0].words.iter_mut().enumerate() {
            if i == 3 {
                w.bbox.x += 200;
            } else if i > 3 {
                w.bbox.x += 400;
            }
        }
        let lines = prepare_lines(&page);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["Lumen Therapeutics plc", "Edinburgh EH3 9EP"]);
        // Close together, a symbol stays part of the line.
        let page = OcrPage::from_text("Rua Boa Vista, 254 | 17° and");
        assert_eq!(prepare_lines(&page)[0].text, "Rua Boa Vista, 254 | 17° and");
    }

    #[test]
    fn lines_split_where_a_second_column_starts() {
        // The right column starts at one x on every line, 1.5 heights after
        // the longest left-column text: closer than SPLIT_GAP.
        let mut page = OcrPage::from_lines(&[
            ("Aisha Patel Mob. +44 7823 456789", 30),
            ("Research Scientist E a.patel@lumentx.co.uk", 30),
            ("Lumen Therapeutics plc Edinburgh EH3 9EP", 30),
        ]);
        let split = [2, 2, 3];
        let column = page
            .lines
            .iter()
            .zip(split)
            .map(|(l, n)| l.words[n - 1].bbox.right())
            .max()
            .unwrap()
            + 45;
        for (line, n) in page.lines.iter_mut().zip(split) {
            let start = line.words[n].bbox.x;
            for w in &mut line.words[n..] {
                w.bbox.x = w.bbox.x - start + column;
            }
        }
        let texts: Vec<String> = prepare_lines(&page).into_iter().map(|l| l.text).collect();
        assert_eq!(
            texts,
            [
                "Aisha Patel",
                "Mob. +44 7823 456789",
                "Research Scientist",
                "E a.patel@lumentx.co.uk",
                "Lumen Therapeutics plc",
                "Edinburgh EH3 9EP"
            ]
        );
        // A single line with ordinary word gaps stays whole.
        let page = OcrPage::from_text("Senior Software Engineer");
        assert_eq!(prepare_lines(&page).len(), 1);
    }
}
