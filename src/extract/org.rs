//! Organisation (company) names.
//!
//! Evidence, strongest first: a legal-form suffix (Inc., Ltda., GmbH,
//! S.A., 株式会社 …); letters matching the card's web/email domain label
//! (`beltis.com.br` ↔ "BELTIS IT Solutions", `autopecasdominio` ↔ "DOMÍNIO
//! AUTO PEÇAS"); business words (Solutions, Buffet, Engenharia …) next to a
//! distinctive word. [`find_fallback`] runs after the name is settled and
//! takes the tallest remaining short line that is not a list of trades or a
//! tagline, else the domain label itself (`contoso.com` → "Contoso"), never a
//! free-mail domain nor a label of three letters or fewer.
//!
//! Known misses: companies printed only in a logo that OCR cannot read and
//! whose domain is free mail or absent; taglines set in large type can be
//! taken by the fallback.

use super::lexicon::{
    business_words, digit_count, domain_label, fold, is_business_word, is_free_mail, is_given_name,
    looks_like_contact_data, squash, words,
};
use super::{Claims, Found, Line};
use regex::Regex;
use std::sync::LazyLock;

/// Legal-form suffixes and prefixes in many languages (dotted or long forms,
/// any case).
static LEGAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        (?:^|[\s,])(?:
            inc\. | inc | incorporated | llc | l\.l\.c\. | llp | ltd\.? | limited | ltda\.? | s\.a\.? | s/a | s/c
          | eireli | gmbh | e\.k\. | sarl | s\.a\.r\.l\. | s\.a\.s\.? | s\.p\.a\.? | s\.r\.l\.? | srl
          | s\.l\. | s\.l\.u\. | b\.v\.? | n\.v\.? | co\. | corp\.? | corporation | company | plc | pty
          | pvt | k\.k\. | cia\.? | gesmbh | mbh | s\.\s?de\s?r\.l\.
        )(?:$|[\s,.)])
        | 株式会社 | 有限会社 | 合同会社 | (?:^|\s)(?:kabushiki\s+kaisha|yugen\s+kaisha)\b
        ",
    )
    .unwrap()
});

/// Short legal forms that are also ordinary words: only in capitals.
static LEGAL_CAPS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[\s,])(?:ME|EPP|SA|AS|AB|AG|KG|OHG|UG|SAS|SPA|SL|BV|NV|KK|Oy|Co)(?:$|[\s,.)])",
    )
    .unwrap()
});

fn is_legal(text: &str) -> bool {
    LEGAL.is_match(text) || LEGAL_CAPS.is_match(text)
}

/// Words that make a line read as a description of services, not a name.
static PROSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(^|\s)(para|em|com|todas|todos|geral|nossa|our|we|with|for|in|your|sua|seu|aceitamos|trabalhamos|especializada|especializado|y|und|et|pour|avec|pr[óo]xim[oa]|next|near|opposite|esquina)(\s|$)").unwrap()
});

/// The company line with the strongest evidence; claims it.
pub(crate) fn find(
    lines: &[Line],
    claims: &mut Claims,
    domains: &[String],
) -> Option<Found<String>> {
    let labels: Vec<String> = domains
        .iter()
        .filter_map(|d| domain_label(d))
        .filter(|l| !is_free_mail(l))
        .map(|l| squash(&l))
        .collect();
    let mut best: Option<(f32, usize, String)> = None;
    for line in lines {
        if claims.is_used(line) {
            continue;
        }
        let text = trim_to_label(&clean(&claims.rest(line)), &labels);
        let Some(score) = score_line(&text, line, &labels) else {
            continue;
        };
        if best.as_ref().is_none_or(|b| score > b.0) {
            best = Some((score, line.idx, text));
        }
    }
    let (score, idx, text) = best?;
    Some(take(lines, claims, idx, text, score))
}

/// Weaker evidence, for when [`find`] found nothing and the name is settled:
/// the tallest remaining short line near the top, else the domain label.
pub(crate) fn find_fallback(
    lines: &[Line],
    claims: &mut Claims,
    domains: &[String],
) -> Option<Found<String>> {
    let top_half = lines.len().div_ceil(2).max(1);
    // Tallest first; a tall headline that is a list of trades ("MECÂNICA,
    // FUNILARIA E PINTURA") or a tagline gives way to the next tallest line,
    // which on shop cards is often the shop's name.
    let mut tall: Vec<&Line> = lines
        .iter()
        .take(top_half)
        .filter(|l| !claims.is_used(l) && l.rel_height >= 1.4)
        .collect();
    tall.sort_by(|a, b| b.rel_height.total_cmp(&a.rel_height));
    for line in tall {
        let text = clean(&claims.rest(line));
        let ws = words(&text);
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        if (1..=5).contains(&ws.len())
            && letters >= 3
            && !looks_like_contact_data(&text)
            && !PROSE.is_match(&text)
            && !text.contains(',')
            && !is_list(&ws, &text)
            && text.chars().next().is_some_and(|c| !c.is_lowercase())
            && reads_as_text(line, &text)
        {
            return Some(take(lines, claims, line.idx, text, 0.4));
        }
    }
    // Labels of three letters or fewer are initials ("hme.com" for Holborn &
    // Moorgate Engineering) or a fragment of a misread address: title-casing
    // them does not give the name as printed.
    let label = domains.iter().filter_map(|d| domain_label(d)).find(|l| {
        !is_free_mail(l) && l.len() >= 4 && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    })?;
    Some(Found {
        value: label_to_name(&label),
        line: usize::MAX,
        span: 0..0,
        confidence: 0.3,
    })
}

/// Claims the line and glues on a neighbouring line that only adds business
/// words ("BELTIS" + "IT Solutions", "DESPACHANTE" + "1000 Milhas").
fn take(
    lines: &[Line],
    claims: &mut Claims,
    idx: usize,
    text: String,
    score: f32,
) -> Found<String> {
    claims.claim_line(lines, idx);
    let mut value = text;
    if let Some(next) = lines.get(idx + 1).filter(|l| !claims.is_used(l)) {
        let t = clean(&claims.rest(next));
        if is_business_tail(&t) {
            value = format!("{value} {t}");
            claims.claim_line(lines, next.idx);
        }
    }
    if let Some(prev) = idx
        .checked_sub(1)
        .map(|i| &lines[i])
        .filter(|l| !claims.is_used(l))
    {
        let t = clean(&claims.rest(prev));
        if is_business_tail(&t) && words(&t).len() == 1 {
            value = format!("{t} {value}");
            claims.claim_line(lines, prev.idx);
        }
    }
    Found {
        value,
        line: idx,
        span: 0..lines[idx].text.len(),
        confidence: score,
    }
}

/// A short line of business words or a legal form only.
fn is_business_tail(text: &str) -> bool {
    let ws = words(text);
    (1..=2).contains(&ws.len())
        && !looks_like_contact_data(text)
        && !text.contains(',')
        && ws
            .iter()
            .all(|w| is_business_word(w) || matches!(w.as_str(), "it" | "ti" | "&") || is_legal(w))
}

/// Score of a line as the company, `None` when there is no evidence.
fn score_line(text: &str, line: &Line, labels: &[String]) -> Option<f32> {
    if text.chars().filter(|c| c.is_alphabetic()).count() < 2 || looks_like_contact_data(text) {
        return None;
    }
    if digit_count(text) >= 5 || text.len() > 70 {
        return None;
    }
    let ws = words(text);
    if ws.is_empty() || ws.len() > 9 {
        return None;
    }
    let tall = if line.rel_height >= 1.3 { 0.05 } else { 0.0 };
    if is_legal(text) && ws.len() >= 2 && !PROSE.is_match(text) {
        return Some(0.9 + tall);
    }
    if labels.iter().any(|l| matches_domain(text, &ws, l)) {
        return Some(0.85 + tall);
    }
    let business = ws.iter().filter(|w| is_business_word(w)).count();
    let distinctive = ws
        .iter()
        .filter(|w| !is_business_word(w) && w.chars().count() >= 2 && !is_connector(w))
        .count();
    // "PILHAS E BATERIAS P/ TEL": a list of goods, not a name.
    let list = is_list(&ws, text) || ws.iter().any(|w| w == "e");
    let max_words = if line.rel_height >= 1.2 { 9 } else { 5 };
    if business > 0
        && distinctive > 0
        && ws.len() <= max_words
        && !list
        && !PROSE.is_match(text)
        && !text.contains(',')
    {
        return Some(0.55 + tall + 0.05 * business.min(2) as f32);
    }
    None
}

/// A list of goods or services: "Controles p/ TV", "Acessórios pl
/// Computador" (OCR reads the Portuguese "p/", "para", as "pl"), "TV - SOM -
/// COMPUTADOR".
fn is_list(ws: &[String], text: &str) -> bool {
    text.contains('/')
        || text.matches(" - ").count() >= 2
        || text
            .split_whitespace()
            .any(|w| matches!(w, "pl" | "p." | "pf" | "p/"))
        || ws.len() >= 3 && ws.iter().filter(|w| w.as_str() == "p").count() == 1
}

fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "de" | "da"
            | "do"
            | "dos"
            | "das"
            | "e"
            | "&"
            | "and"
            | "of"
            | "the"
            | "du"
            | "des"
            | "la"
            | "le"
    )
}

/// True when the line's letters match the domain label.
fn matches_domain(text: &str, ws: &[String], label: &str) -> bool {
    if label.len() < 3 {
        return false;
    }
    let sq = squash(text);
    if ws.iter().any(|w| squash(w) == label) {
        return true;
    }
    if label.len() >= 4 && sq.contains(label) {
        return true;
    }
    // A person's name inside a domain ("joaosilva-adv.com.br") is not the
    // company; the name finder takes that line.
    let name_like = ws.len() <= 3 && ws.first().is_some_and(|w| is_given_name(w));
    if !name_like && sq.len() >= 4 && label.starts_with(&sq) {
        return true;
    }
    // Words in another order: "DOMÍNIO AUTO PEÇAS" ↔ autopecasdominio.
    let parts: Vec<String> = ws
        .iter()
        .map(|w| squash(w))
        .filter(|w| w.len() >= 3)
        .collect();
    if parts.len() >= 2 && !name_like && parts.iter().all(|p| label.contains(p.as_str())) {
        let covered: usize = parts.iter().map(|p| p.len()).sum();
        return covered * 10 >= label.len() * 6;
    }
    false
}

/// Cuts logo residue off a word that holds the domain label with one or two
/// extra letters in front ("SBELTIS" on a `beltis.com.br` card: the logo's swoosh
/// read as an S): the domain spells the name exactly.
fn trim_to_label(text: &str, labels: &[String]) -> String {
    text.split_whitespace()
        .map(|w| {
            let core = w.trim_end_matches(|c: char| !c.is_alphanumeric());
            if !core.is_ascii() {
                return w.to_string();
            }
            let low = core.to_ascii_lowercase();
            for l in labels.iter().filter(|l| l.len() >= 4) {
                // Only before the label: letters after it are more often an
                // inflection ("Acmes") than residue.
                if low.ends_with(l.as_str()) {
                    let at = low.len() - l.len();
                    if (1..=2).contains(&at) && low.chars().all(|c| c.is_ascii_alphabetic()) {
                        return format!("{}{}", &core[at..at + l.len()], &w[core.len()..]);
                    }
                }
            }
            w.to_string()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Strips stray marks OCR leaves at the ends (`|`, `“`, `™`, `-`).
fn clean(text: &str) -> String {
    let t = text
        .trim_matches(|c: char| !(c.is_alphanumeric() || c == '.' || c == ')' || c == '('))
        .replace(['™', '®', '©'], "");
    let mut ws: Vec<&str> = t.split_whitespace().collect();
    // Logo fragments OCR glues to the company line: a short lowercase token
    // before a capitalised word ("fa Eletrônica ...", "fit Solutions" where
    // the logo's mark ran into "IT"), a lone digit or symbol at the end
    // ("... Ltda. 5").
    while ws.len() > 1
        && (ws[0].chars().count() <= 2
            || ws[0].chars().count() == 3
                && is_business_word(ws[1].trim_matches(|c: char| !c.is_alphanumeric())))
        && ws[0].chars().all(|c| c.is_lowercase())
        && ws[1].chars().next().is_some_and(char::is_uppercase)
    {
        ws.remove(0);
    }
    // A logo mark read as one lowercase letter glued to the first word
    // ("aEletrônica"): dropped when what follows is a trade word, so brand
    // spellings like "iPhone" or "eBay" stay.
    let first_fixed;
    if let Some(first) = ws.first() {
        let mut cs = first.chars();
        if let (Some(a), Some(b)) = (cs.next(), cs.next()) {
            let rest = &first[a.len_utf8()..];
            if a.is_lowercase()
                && b.is_uppercase()
                && is_business_word(rest.trim_end_matches(|c: char| !c.is_alphanumeric()))
            {
                first_fixed = rest.to_string();
                ws[0] = &first_fixed;
            }
        }
    }
    while ws.len() > 1
        && ws[ws.len() - 1].chars().count() == 1
        && !ws[ws.len() - 1].chars().all(char::is_alphabetic)
    {
        ws.pop();
    }
    ws.join(" ")
}

/// Garbage OCR of a logo or picture ("Kea Ue", "LEN OF R", "SSS") is short
/// and low-confidence; a company line read from text has a real word in it.
fn reads_as_text(line: &Line, text: &str) -> bool {
    let long_word = text.split_whitespace().any(|w| {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 4
            && letters.len() * 10 >= w.chars().count() * 8
            && letters
                .iter()
                .any(|c| "aeiouyáéíóúâêôãõàü".contains(c.to_lowercase().next().unwrap_or(' ')))
            && !letters.windows(3).all(|t| t[0] == t[1] && t[1] == t[2])
    });
    long_word && line.confidence >= 0.7
}

/// `brunaubuffet` → "Brunau Buffet": splits known business words off the
/// ends, capitalises each part.
fn label_to_name(label: &str) -> String {
    let label = fold(label).replace('-', " ");
    let mut parts: Vec<String> = Vec::new();
    for chunk in label.split_whitespace() {
        let mut rest = chunk.to_string();
        let mut tail: Vec<String> = Vec::new();
        let mut head: Vec<String> = Vec::new();
        loop {
            let suffix = business_words()
                .filter(|w| w.len() >= 3 && rest.len() > w.len() + 2 && rest.ends_with(w))
                .max_by_key(|w| w.len());
            let prefix = business_words()
                .filter(|w| w.len() >= 3 && rest.len() > w.len() + 2 && rest.starts_with(w))
                .max_by_key(|w| w.len());
            if let Some(s) = suffix {
                tail.insert(0, s.to_string());
                rest.truncate(rest.len() - s.len());
            } else if let Some(p) = prefix {
                head.push(p.to_string());
                rest = rest[p.len()..].to_string();
            } else {
                break;
            }
        }
        parts.extend(head);
        parts.push(rest);
        parts.extend(tail);
    }
    parts
        .iter()
        .map(|p| {
            let mut c = p.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::prepare_lines;
    use crate::ocr::OcrPage;

    fn org_of(text: &str, domain: &str) -> Option<String> {
        let lines = prepare_lines(&OcrPage::from_text(text));
        let mut claims = Claims::new(lines.len());
        let domains: Vec<String> = if domain.is_empty() {
            vec![]
        } else {
            vec![domain.to_string()]
        };
        find(&lines, &mut claims, &domains)
            .or_else(|| find_fallback(&lines, &mut claims, &domains))
            .map(|f| f.value)
    }

    macro_rules! org_cases {
        ($($name:ident: $card:expr, $domain:expr => $want:expr;)*) => {
            $(#[test] fn $name() { assert_eq!(org_of($card, $domain).as_deref(), Some($want)); })*
        };
    }

    org_cases! {
        logo_junk_trimmed: "fa Eletrônica ADACHI Ltda. 5\nAv. Itaquera, 3006", "" => "Eletrônica ADACHI Ltda.";
        br_ltda: "Eletrônica ADACHI Ltda.\nAssistência Técnica especializada em Televisor a cores, LCD, Led,", "" => "Eletrônica ADACHI Ltda.";
        br_sc_ltda: "CEASTEC S/C LTDA.\n@ 2651-9589", "" => "CEASTEC S/C LTDA.";
        br_domain_two_lines: "BELTIS\nIT Solutions\nDaniel Carlos", "beltis.com.br" => "BELTIS IT Solutions";
        br_domain_word: "Microvida\ninformática\nAltair D'Auria Miranda", "microvida.com.br" => "Microvida informática";
        br_domain_reordered: "DOMÍNIO AUTO PEÇAS\nRua X, 1", "autopecasdominio.com.br" => "DOMÍNIO AUTO PEÇAS";
        br_domain_prefix: "LIDER FRIO\nAv. Itaquera, 2365", "liderfriorefrigeracao.com.br" => "LIDER FRIO";
        br_business: "Renan Beato\nAlerta Security Solutions", "" => "Alerta Security Solutions";
        br_domain_caps: "a mei\nCHEVROLESTE\nPECAS ORIGINAIS CHEVROLET", "chevroleste.com.br" => "CHEVROLESTE";
        us_inc: "Jane Doe\nAcme Robotics, Inc.", "" => "Acme Robotics, Inc.";
        de_gmbh: "Müller Maschinenbau GmbH\nHauptstraße 5", "" => "Müller Maschinenbau GmbH";
        fr_sarl: "Boulangerie Dupont SARL", "" => "Boulangerie Dupont SARL";
        jp_kk: "Yamada Shoji K.K.", "" => "Yamada Shoji K.K.";
        uk_plc: "Holborn Partners PLC", "" => "Holborn Partners PLC";
        fallback_domain: "Avery Smith\nSenior Researcher", "contoso.com" => "Contoso";
        fallback_split: "José Carlos", "brunaubuffet.com.br" => "Brunau Buffet";
        glued_logo_letter: "aEletrônica ADACHI Ltda. ~\nOO", "" => "Eletrônica ADACHI Ltda.";
        brand_lowercase_kept: "iPhone Store Ltda.", "" => "iPhone Store Ltda.";
        domain_with_logo_residue: "SBELTIS .\nfit Solutions}", "beltis.com.br" => "BELTIS Solutions";
        domain_suffix_not_cut: "Acmes Robotics", "acme.com" => "Acmes Robotics";
        business_tail_with_legal: "CEASTEC S/C LTDA.\nASSISTÊNCIA TÉCNICA EM GERAL", "" => "CEASTEC S/C LTDA.";
    }

    /// Cards as OCR lines with heights: (text, px).
    fn org_of_lines(lines: &[(&str, u32)], domain: &str) -> Option<String> {
        let lines = prepare_lines(&OcrPage::from_lines(lines));
        let mut claims = Claims::new(lines.len());
        let domains: Vec<String> = [domain]
            .iter()
            .filter(|d| !d.is_empty())
            .map(|d| d.to_string())
            .collect();
        find(&lines, &mut claims, &domains)
            .or_else(|| find_fallback(&lines, &mut claims, &domains))
            .map(|f| f.value)
    }

    #[test]
    fn fallback_cases() {
        for (lines, domain, want) in [
            // The tallest line lists trades; the next tallest is the shop.
            (
                &[
                    ("MECÂNICA, FUNILARIA E PINTURA", 60),
                    ("FLÁVIO E VALDEQUE (", 48),
                    ("Pequenos Consertos em Parachoque", 30),
                    ("Rua Antonio Carneiro Leão, nº 36", 22),
                    ("Jd. Samara - SP", 22),
                ][..],
                "",
                Some("FLÁVIO E VALDEQUE"),
            ),
            (
                &[("Direção Hidráulica", 40), ("11 2785-4545 | 2783-6958", 25)][..],
                "",
                Some("Direção Hidráulica"),
            ),
            (
                &[
                    ("TV - SOM - COMPUTADOR", 50),
                    ("Rua Pinhal, 283", 25),
                    ("Tel 2681-7485", 25),
                ][..],
                "",
                None,
            ),
            // Short domains are initials, not the printed name.
            (
                &[("Avery Smith", 30), ("Senior Researcher", 25)][..],
                "hme.com",
                None,
            ),
            (
                &[("Avery Smith", 30), ("Senior Researcher", 25)][..],
                "ive.com",
                None,
            ),
            (
                &[("Avery Smith", 30), ("Senior Researcher", 25)][..],
                "lumentx.co.uk",
                Some("Lumentx"),
            ),
        ] {
            assert_eq!(org_of_lines(lines, domain).as_deref(), want, "{lines:?}");
        }
    }

    #[test]
    fn logo_garbage_is_not_a_company() {
        for garbage in ["Kea Ue", "LEN OF R", "SSS", "FAG: 5"] {
            let page = OcrPage::from_lines(&[
                (garbage, 70),
                ("Rua Pinhal, 283", 30),
                ("Tel 2681-7485", 30),
            ]);
            let lines = crate::extract::prepare_lines(&page);
            let mut claims = Claims::new(lines.len());
            assert_eq!(find_fallback(&lines, &mut claims, &[]), None, "{garbage}");
        }
        let page = OcrPage::from_lines(&[("Sianatel", 70), ("Rua Pinhal, 283", 30)]);
        let lines = crate::extract::prepare_lines(&page);
        let mut claims = Claims::new(lines.len());
        assert_eq!(
            find_fallback(&lines, &mut claims, &[])
                .map(|f| f.value)
                .as_deref(),
            Some("Sianatel")
        );
    }

    #[test]
    fn rejects() {
        for (text, domain) in [
            ("Daniel Carlos\nDiretor", "gmail.com"),
            ("ricknog39@gmail.com", "gmail.com"),
            ("Consertos de eletrônicos em geral", ""),
            ("ALUGUEL DE VESTIDOS PARA NOIVAS", ""),
            ("Trabalhamos com todas as marcas", ""),
            ("Tel: (11) 3241-0322", ""),
            ("RESTAURANTE", ""),
            ("4 Próximo a Escola Astolfo", ""),
            ("João Silva\nAdvogado", "joaosilvaadvocacia.com.br"),
            ("+ Acessórios pl Computador,", ""),
            ("Controles pl TV, DVD, NET,", ""),
            ("Peças p/ Motos", ""),
            ("TV - SOM - COMPUTADOR - FILMADORA |", ""),
        ] {
            let got = org_of(text, domain);
            assert!(
                got.is_none() || domain.starts_with("joao") && got.as_deref() != Some("João Silva"),
                "{text}: {got:?}"
            );
        }
    }
}
