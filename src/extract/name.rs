//! People's names.
//!
//! A name line is 2–4 capitalised words of letters (accents, `D'Auria`,
//! hyphens, initials `Q.`, particles da/de/van/von), optionally with a
//! prefix (Dr., Dra., Mr., Prof. …) and a suffix (Jr., PhD, MD …), and
//! holding no business, title or address word. Shape alone is not enough —
//! shop cards have no person — so a line needs evidence: a common given name
//! (embedded list), letters matching the email's local part (`avery.smith`,
//! `jdoe`, `rbeato`), or sitting right beside the job title in larger type.
//! Line height and position only rank candidates.
//!
//! Known misses: names made only of rare given names with no matching email
//! and no title beside them, names written family-first
//! without capitals to tell ("YAMADA Taro" works), single-word names, and
//! cards listing two people ("Eliete / Ana Paula" gives `None`).

use super::lexicon::{
    fold, is_business_word, is_given_name, looks_like_contact_data, squash, words,
};
use super::{Claims, Found, Line};
use crate::contact::Name;
use regex::Regex;
use std::sync::LazyLock;

/// One name word: a capital then letters, or an initial with a dot.
static WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\p{Lu}\.|\p{Lu}[\p{L}'’]*(?:-\p{Lu}?[\p{L}'’]+)*\.?|(?:d|D)['’]\p{Lu}\p{L}+|(?:da|de|do|dos|das|di|del|della|du|des|van|von|der|den|le|la|y|e|bin|al|el|ten|ter)|Mc\p{Lu}\p{L}+)$").unwrap()
});

static PREFIXES: &[&str] = &[
    "dr", "dra", "mr", "mrs", "ms", "miss", "mx", "prof", "profa", "eng", "engo", "sir", "dame",
    "herr", "frau", "mme", "mlle", "m", "sra", "srta", "don", "dona", "pe", "rev", "hon",
];
static SUFFIXES: &[&str] = &[
    "jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "ph.d", "md", "m.d", "mba", "esq", "cpa",
    "dds", "msc", "bsc", "pe", "pmp", "rn", "filho", "neto", "junior", "sobrinho",
];

/// Words that rule a line out as a name: titles, places, streets, labels.
static NOT_NAME: &[&str] = &[
    "rua",
    "av",
    "avenida",
    "street",
    "st",
    "road",
    "avenue",
    "tel",
    "fone",
    "fax",
    "cel",
    "email",
    "e-mail",
    "site",
    "www",
    "cep",
    "sao",
    "paulo",
    "rio",
    "janeiro",
    "london",
    "new",
    "york",
    "manager",
    "director",
    "diretor",
    "gerente",
    "engineer",
    "consultor",
    "consultant",
    "ceo",
    "cto",
    "founder",
    "sales",
    "vendas",
    "marketing",
    "senior",
    "president",
    "owner",
    "team",
    "department",
    "departamento",
    "office",
    "contact",
    "contato",
    "horario",
    "segunda",
    "sabado",
    "domingo",
    "orcamento",
    "compromisso",
    "noivas",
    "madrinhas",
    "controles",
    "baterias",
    "the",
    "and",
    "of",
    "your",
    "our",
    "research",
    "researcher",
    "developer",
    "designer",
    "analyst",
    "escrevente",
    "autorizado",
    "advogado",
    "attorney",
    "notas",
    "centro",
    "jardim",
    "vila",
    "bairro",
    "lojas",
    "capital",
    // Saints and devotions name shops, churches and places, not people
    // ("Flores Nossa Senhora de Fátima", "Santo André").
    "santo",
    "santa",
    "nossa",
    "senhora",
    "saint",
    "cloud",
    "ai",
    "it",
    "ti",
    "ltda",
    "inc",
    "llc",
    "gmbh",
    "ltd",
    "s/a",
    "me",
];

/// The person's name, if the card has one; claims its line.
pub(crate) fn find(
    lines: &[Line],
    claims: &mut Claims,
    emails: &[String],
    title_line: Option<usize>,
    keep_case: bool,
) -> Option<Found<Name>> {
    let locals: Vec<String> = emails
        .iter()
        .filter_map(|e| e.split('@').next())
        .map(|l| {
            fold(l)
                .chars()
                .filter(|c| c.is_ascii_alphabetic() || *c == '.' || *c == '_')
                .collect()
        })
        .collect();
    let tallest = lines
        .iter()
        .filter(|l| !claims.is_used(l))
        .map(|l| l.rel_height)
        .fold(0.0_f32, f32::max);
    let third = lines.len().div_ceil(3).max(1);
    let mut best: Option<(f32, usize, Name)> = None;
    for (pos, line) in lines.iter().enumerate() {
        if claims.is_used(line) {
            continue;
        }
        let text = repair(&claims.rest(line));
        let Some(parts) = parse(&text) else { continue };
        let core: Vec<&str> = parts.core.iter().map(String::as_str).collect();
        let given_hit = core.first().is_some_and(|w| is_given_name(w)) || family_first(&core);
        let email = email_match(&core, &locals);
        // The name sits right over (or under, or before) the job title and is
        // set larger: evidence for names outside the given-name list.
        let beside_title = title_line.and_then(|t| lines.get(t)).is_some_and(|t| {
            (line.idx + 1 == t.idx || line.idx == t.idx + 1 || line.idx == t.idx)
                && (line.idx == t.idx || line.rel_height >= 1.1 * t.rel_height)
        });
        let shaped = core.len() >= 2
            && core
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase) || w.len() <= 3);
        if !given_hit && email == 0.0 && !(beside_title && shaped) {
            continue;
        }
        let mut score = if beside_title { 0.4 } else { 0.3 };
        if given_hit {
            score += 0.25;
        }
        score += email;
        if line.rel_height >= 1.15 {
            score += 0.1;
        }
        if (line.rel_height - tallest).abs() < 0.05 && tallest > 1.05 {
            score += 0.05;
        }
        if pos < third {
            score += 0.05;
        }
        if core.len() >= 2 {
            score += 0.1;
        } else if email < 0.4 {
            // A lone given name is a person only with other support.
            continue;
        }
        if best.as_ref().is_none_or(|b| score > b.0) {
            best = Some((score, line.idx, build(&parts, keep_case)));
        }
    }
    let (score, idx, name) = best?;
    claims.claim_line(lines, idx);
    Some(Found {
        value: name,
        line: idx,
        span: 0..lines[idx].text.len(),
        confidence: score.min(0.97),
    })
}

/// Undoes OCR habits on a candidate line: separators left at the ends once
/// contact data on the same line was claimed ("Danie! Whitton | Celt:"), and `!`
/// read for `l` after a letter.
fn repair(text: &str) -> String {
    let t = text.trim_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '•' | '·'));
    // "Name | Celt: ..." — the name leads a line of pipe-separated items.
    let t = t.split(" | ").next().unwrap_or(t).trim();
    // Short tokens without letters at the ends are a logo or the card's
    // edge read beside the name ("+ Aguinaldo M. Righetti Jr 7").
    let toks: Vec<&str> = t.split_whitespace().collect();
    let junk = |w: &&&str| w.chars().count() <= 3 && !w.chars().any(char::is_alphabetic);
    let start = toks.iter().take_while(junk).count();
    let end = toks.len() - toks[start..].iter().rev().take_while(junk).count();
    let t = toks[start..end].join(" ");
    let t = t.as_str();
    let chars: Vec<char> = t.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            if c == '!' && i > 0 && chars[i - 1].is_alphabetic() {
                'l'
            } else {
                c
            }
        })
        .collect()
}

/// A name line split into prefix, name words and suffix.
struct Parts {
    prefix: Vec<String>,
    core: Vec<String>,
    suffix: Vec<String>,
}

/// A name given as data (a QR code's `FN`), split into parts as printed:
/// no checks that it looks like a name, no case changes.
pub(crate) fn split_full(text: &str) -> Name {
    let mut toks: Vec<String> = text
        .replace(',', " ")
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let mut prefix = Vec::new();
    while toks.len() > 2 && PREFIXES.contains(&fold(&toks[0]).trim_end_matches('.')) {
        prefix.push(toks.remove(0));
    }
    let mut suffix = Vec::new();
    while toks.len() > 2 && SUFFIXES.contains(&fold(toks.last().unwrap()).trim_end_matches('.')) {
        suffix.insert(0, toks.pop().unwrap());
    }
    build(
        &Parts {
            prefix,
            core: toks,
            suffix,
        },
        true,
    )
}

/// Splits a candidate line; `None` when it is not name-shaped.
fn parse(text: &str) -> Option<Parts> {
    if looks_like_contact_data(text) || text.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    // Two people ("Eliete / Ana Paula", "Guilherme e Esteves") or a list.
    if text.contains(['/', '&', '|', ':', '@']) {
        return None;
    }
    let text = text.trim_matches(|c: char| !(c.is_alphabetic() || c == '.'));
    let mut toks: Vec<&str> = text.split([' ', ',']).filter(|t| !t.is_empty()).collect();
    let mut prefix = Vec::new();
    while let Some(first) = toks.first() {
        if PREFIXES.contains(&fold(first).trim_end_matches('.')) && toks.len() > 2 {
            prefix.push(toks.remove(0).to_string());
        } else {
            break;
        }
    }
    let mut suffix = Vec::new();
    while let Some(last) = toks.last() {
        let f = fold(last);
        if SUFFIXES.contains(&f.trim_end_matches('.')) && toks.len() > 2 {
            suffix.insert(0, toks.pop().unwrap().to_string());
        } else {
            break;
        }
    }
    if !(1..=5).contains(&toks.len()) {
        return None;
    }
    let mut capitals = 0;
    for (i, t) in toks.iter().enumerate() {
        if !WORD.is_match(t) {
            return None;
        }
        let f = fold(t);
        let bare = f.trim_end_matches('.');
        if NOT_NAME.contains(&bare) || is_business_word(bare) {
            return None;
        }
        // "e" joins two people in Portuguese ("Flávio e Valdeque").
        if bare == "e" || bare == "y" && i == 1 {
            return None;
        }
        if t.chars().next().is_some_and(char::is_uppercase) {
            capitals += 1;
        }
    }
    // Particles only between capitalised words.
    if capitals < toks.len().min(2)
        || toks
            .first()
            .is_some_and(|t| t.chars().next().is_some_and(char::is_lowercase))
    {
        return None;
    }
    if words(text).iter().all(|w| w.len() <= 1) {
        return None;
    }
    Some(Parts {
        prefix,
        core: toks.iter().map(|t| t.to_string()).collect(),
        suffix,
    })
}

/// "YAMADA Taro": an ALL-CAPS family name before a mixed-case given name.
fn family_first(core: &[&str]) -> bool {
    core.len() == 2 && is_all_caps(core[0]) && !is_all_caps(core[1]) && is_given_name(core[1])
}

/// How well the email local part matches the name words: 0.45 for the
/// whole name or initials + family name, 0.2 for one word, else 0.
fn email_match(core: &[&str], locals: &[String]) -> f32 {
    let ws: Vec<String> = core
        .iter()
        .map(|w| squash(w))
        .filter(|w| w.len() >= 2)
        .collect();
    if ws.is_empty() {
        return 0.0;
    }
    let mut best: f32 = 0.0;
    for local in locals {
        let flat: String = local.chars().filter(|c| c.is_ascii_alphabetic()).collect();
        if flat.len() < 3 {
            continue;
        }
        let matched: Vec<&String> = ws
            .iter()
            .filter(|w| w.len() >= 3 && flat.contains(w.as_str()))
            .collect();
        let hits = matched.len();
        let first = &ws[0];
        let last = &ws[ws.len() - 1];
        let initial_family = ws.len() >= 2
            && (flat == format!("{}{}", &first[..1], last)
                || flat == format!("{}{}", first, &last[..1])
                || flat.starts_with(&format!("{}{}", &first[..1], last)));
        if hits >= 2 || initial_family {
            best = best.max(0.45);
        } else if hits == 1 && matched[0].len() * 2 >= flat.len() {
            // One word that is most of the local part ("daniel.silva" for
            // "Daniel Carlos"); a word inside a shop's address
            // ("floresnsfatima" for "Santo do Fatima") is no evidence.
            best = best.max(0.2);
        }
    }
    best
}

fn is_all_caps(w: &str) -> bool {
    w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
}

/// Builds the [`Name`], fixing ALL-CAPS words unless `keep_case`.
fn build(parts: &Parts, keep_case: bool) -> Name {
    let fix = |w: &String| {
        if keep_case || !is_all_caps(w) || w.len() <= 2 && w.ends_with('.') {
            w.clone()
        } else {
            title_case(w)
        }
    };
    let mut core: Vec<String> = parts.core.iter().map(fix).collect();
    let family_first = {
        let c: Vec<&str> = parts.core.iter().map(String::as_str).collect();
        family_first(&c)
    };
    let prefix = (!parts.prefix.is_empty()).then(|| parts.prefix.join(" "));
    let suffix = (!parts.suffix.is_empty()).then(|| parts.suffix.join(" "));
    let mut full: Vec<String> = parts.prefix.clone();
    full.extend(core.iter().cloned());
    full.extend(parts.suffix.iter().cloned());
    let full = full.join(" ");
    if family_first {
        core.swap(0, 1);
    }
    let given = core.first().cloned();
    let (middle, family) = if core.len() >= 2 {
        // Particles stay with the family name: "Ana da Silva" → "da Silva".
        let mut split = core.len() - 1;
        while split > 1
            && core[split - 1]
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
        {
            split -= 1;
        }
        let middle = core[1..split].join(" ");
        (
            (!middle.is_empty()).then_some(middle),
            Some(core[split..].join(" ")),
        )
    } else {
        (None, None)
    };
    Name {
        full,
        given,
        middle,
        family,
        prefix,
        suffix,
    }
}

/// "D'AURIA-MIRANDA" → "D'Auria-Miranda"; particles lowercase.
fn title_case(w: &str) -> String {
    let lower = w.to_lowercase();
    if matches!(
        lower.as_str(),
        "da" | "de" | "do" | "dos" | "das" | "di" | "del" | "du" | "van" | "von" | "der"
    ) {
        return lower;
    }
    let mut out = String::with_capacity(w.len());
    let mut up = true;
    for c in lower.chars() {
        if up && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
        if matches!(c, '-' | '\'' | '’' | ' ') {
            up = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::prepare_lines;
    use crate::ocr::OcrPage;

    fn name_of(text: &str, email: &str) -> Option<Name> {
        let lines = prepare_lines(&OcrPage::from_text(text));
        let mut claims = Claims::new(lines.len());
        let emails: Vec<String> = if email.is_empty() {
            vec![]
        } else {
            vec![email.to_string()]
        };
        find(&lines, &mut claims, &emails, None, false).map(|f| f.value)
    }

    macro_rules! name_cases {
        ($($id:ident: $card:expr, $email:expr => $full:expr, $given:expr, $family:expr;)*) => {
            $(#[test] fn $id() {
                let n = name_of($card, $email).expect("a name");
                assert_eq!((n.full.as_str(), n.given.as_deref(), n.family.as_deref()), ($full, Some($given), Some($family)));
            })*
        };
    }

    name_cases! {
        ocr_bang_for_l: "Danie! Whitton | Celt:\nJustin, TX 76247", "dfwcarpentry@verizon.com" => "Daniel Whitton", "Daniel", "Whitton";
        br_given_list: "Daniel Carlos\n(11) 2076 5555", "daniel.silva@beltis.com.br" => "Daniel Carlos", "Daniel", "Carlos";
        br_apostrophe: "Altair D'Auria Miranda\nCrea 192744/TD", "" => "Altair D'Auria Miranda", "Altair", "Miranda";
        br_suffix: "(Guina)\nAguinaldo M. Righetti Jr.\nEscrevente Autorizado", "guina@8tabeliao.not.br" => "Aguinaldo M. Righetti Jr.", "Aguinaldo", "Righetti";
        br_email_initial: "Renan Beato\nGerente de Negócios", "rbeato@alertasecurity.com.br" => "Renan Beato", "Renan", "Beato";
        br_accent: "José Carlos\n(11) 9933-6564", "" => "José Carlos", "José", "Carlos";
        en_prefix: "Dr. Avery Smith\nSenior Researcher", "" => "Dr. Avery Smith", "Avery", "Smith";
        en_email_full: "Quincy Adebayo\nAnalyst", "quincy.adebayo@contoso.com" => "Quincy Adebayo", "Quincy", "Adebayo";
        en_initials_email: "Rhiannon Q. Doe", "rdoe@acme.com" => "Rhiannon Q. Doe", "Rhiannon", "Doe";
        en_caps: "CHRIS SALCEDO\nSALES", "" => "Chris Salcedo", "Chris", "Salcedo";
        de_particle: "Johannes von Müller", "" => "Johannes von Müller", "Johannes", "von Müller";
        pt_particle: "Ana Paula da Silva", "" => "Ana Paula da Silva", "Ana", "da Silva";
        fr_hyphen: "Jean-Pierre Dubois", "" => "Jean-Pierre Dubois", "Jean-Pierre", "Dubois";
        ja_family_first: "YAMADA Taro", "" => "Yamada Taro", "Taro", "Yamada";
        ja_given_first: "Kenji Watanabe", "" => "Kenji Watanabe", "Kenji", "Watanabe";
        junk_ends: "+ Aguinaldo M. Righetti Jr 7\n15) Escrevente Autorizado /", "" => "Aguinaldo M. Righetti Jr", "Aguinaldo", "Righetti";
        br_common_given: "Raimundo Nonato\nRua Pinhal, 283", "" => "Raimundo Nonato", "Raimundo", "Nonato";
        br_given_fatima: "Fátima Bernardes", "" => "Fátima Bernardes", "Fátima", "Bernardes";
        en_given_added: "Kimberly Okafor", "" => "Kimberly Okafor", "Kimberly", "Okafor";
        email_one_word_most: "Daniel Carlos", "daniel.silva@beltis.com.br" => "Daniel Carlos", "Daniel", "Carlos";
    }

    /// Name beside the title line (heights in px), no given name, no email.
    fn name_beside_title(lines: &[(&str, u32)], title: usize) -> Option<String> {
        let lines = prepare_lines(&OcrPage::from_lines(lines));
        let mut claims = Claims::new(lines.len());
        claims.claim_line(&lines, title);
        find(&lines, &mut claims, &[], Some(title), false).map(|f| f.value.full)
    }

    #[test]
    fn beside_the_title() {
        for (lines, title, want) in [
            // Rare given names, set larger right over the title.
            (
                &[
                    ("Valdeci Nunes", 40),
                    ("Gerente Comercial", 26),
                    ("Rua X, 1", 22),
                ][..],
                1,
                Some("Valdeci Nunes"),
            ),
            (
                &[("Ifeoma Okonkwo", 40), ("Senior Researcher", 26)][..],
                1,
                Some("Ifeoma Okonkwo"),
            ),
            // Under the title, as some cards print it.
            (
                &[("Diretor Administrativo", 26), ("Quezia Tavares", 36)][..],
                0,
                Some("Quezia Tavares"),
            ),
            // A tagline of the same size as the title is not taken.
            (
                &[("Criação ce Campanhas", 26), ("Consultor de marketing", 26)][..],
                1,
                None,
            ),
            // Far from the title: no evidence.
            (
                &[
                    ("Ifeoma Okonkwo", 40),
                    ("Rua X, 1", 22),
                    ("Senior Researcher", 26),
                ][..],
                2,
                None,
            ),
        ] {
            assert_eq!(
                name_beside_title(lines, title).as_deref(),
                want,
                "{lines:?}"
            );
        }
    }

    #[test]
    fn rejects() {
        for (text, email) in [
            ("FLÁVIO E VALDEQUE", ""),
            ("Eliete / Ana Paula", ""),
            ("Alerta Security Solutions", ""),
            ("AUTO SOCORRO\nR. OLIVEIRA", ""),
            ("Di Mario\nRESTAURANTE", ""),
            ("CHEVROLESTE\nPECAS ORIGINAIS CHEVROLET", ""),
            ("Rua Boa Vista, 254", ""),
            ("Maria 3105-8655", ""),
            ("Senior Researcher", ""),
            ("São Paulo", ""),
            ("Daniel", ""),
            ("Buffet eventos", "brunau@r7.com"),
            ("” Santo do Fatima", "floresnsfatima@hotmail.com"),
            ("Nossa Senhora Aparecida", ""),
            ("Santa Cruz", ""),
            ("Fatima Flores Decor", "decorfatimaflores@gmail.com"),
        ] {
            assert_eq!(name_of(text, email), None, "{text}");
        }
    }

    #[test]
    fn keeps_case_on_request() {
        let lines = prepare_lines(&OcrPage::from_text("CHRIS SALCEDO"));
        let mut claims = Claims::new(lines.len());
        assert_eq!(
            find(&lines, &mut claims, &[], None, true)
                .unwrap()
                .value
                .full,
            "CHRIS SALCEDO"
        );
    }
}
