//! Shared word lists and text helpers for the field finders: accent folding,
//! word splitting, the embedded given-name list, business words, free-mail
//! domains and "this line is contact data" tests.
//!
//! Everything here is a pure lookup; the finders decide what the hits mean.

use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Given names written for this project (see the file's header).
static GIVEN_NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("data/given_names.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Words that name a kind of business or trade; a line holding one is a
/// company or a tagline, never a person.
static BUSINESS_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    [
        // en
        "solutions",
        "solution",
        "technologies",
        "technology",
        "tech",
        "consulting",
        "consultants",
        "group",
        "systems",
        "services",
        "service",
        "software",
        "labs",
        "lab",
        "studio",
        "studios",
        "partners",
        "associates",
        "holdings",
        "industries",
        "international",
        "global",
        "media",
        "design",
        "engineering",
        "construction",
        "carpentry",
        "builders",
        "electric",
        "motors",
        "logistics",
        "foods",
        "bakery",
        "restaurant",
        "cafe",
        "coffee",
        "hotel",
        "realty",
        "properties",
        "insurance",
        "bank",
        "capital",
        "ventures",
        "networks",
        "digital",
        "marketing",
        "agency",
        "law",
        "clinic",
        "dental",
        "health",
        "pharma",
        "auto",
        "security",
        "lawn",
        "property",
        "enhancement",
        "store",
        "shop",
        "foundation",
        "institute",
        "university",
        "college",
        "school",
        "academy",
        "center",
        "centre",
        "company",
        "corporation",
        "enterprises",
        // pt
        "engenharia",
        "comercio",
        "comercial",
        "industria",
        "pecas",
        "buffet",
        "decor",
        "decoracao",
        "decoracoes",
        "floricultura",
        "restaurante",
        "otica",
        "optica",
        "oticas",
        "informatica",
        "eletronica",
        "eletronicos",
        "mecanica",
        "funilaria",
        "pintura",
        "despachante",
        "assistencia",
        "tecnica",
        "floricultura",
        "refrigeracao",
        "construtora",
        "imobiliaria",
        "advocacia",
        "advogados",
        "contabilidade",
        "transportes",
        "distribuidora",
        "materiais",
        "moveis",
        "papelaria",
        "padaria",
        "pizzaria",
        "lanchonete",
        "farmacia",
        "drogaria",
        "clinica",
        "odontologia",
        "estetica",
        "automotiva",
        "socorro",
        "autopecas",
        "tabeliao",
        "cartorio",
        "oficina",
        "lavanderia",
        "academia",
        "escola",
        "colegio",
        "faculdade",
        "instituto",
        "associacao",
        "sindicato",
        "eventos",
        "festas",
        "presentes",
        "modas",
        "confeccoes",
        "calcados",
        "bijuterias",
        "aluguel",
        "vestidos",
        "acessorios",
        "baterias",
        "pilhas",
        "som",
        "celulares",
        "telecom",
        "hidraulica",
        "eletrica",
        "servicos",
        "solucoes",
        "tecnologia",
        "sistemas",
        "grupo",
        "consultoria",
        "loja",
        "lojas",
        "mercado",
        "supermercado",
        "empresa",
        "seguros",
        "hospital",
        "laboratorio",
        "veiculos",
        "importados",
        "reparos",
        "consertos",
        // es, de, fr, it
        "soluciones",
        "tecnologia",
        "servicios",
        "ingenieria",
        "consultores",
        "grupo",
        "technik",
        "technologie",
        "beratung",
        "dienstleistungen",
        "werkstatt",
        "bau",
        "handel",
        "verlag",
        "gruppe",
        "systeme",
        "conseil",
        "ingenierie",
        "groupe",
        "boulangerie",
        "societe",
        "entreprise",
        "servizi",
        "tecnologie",
        "gruppo",
        "studio",
    ]
    .into_iter()
    .collect()
});

/// Email domains of free-mail providers: their label is never the company.
static FREE_MAIL: &[&str] = &[
    "gmail",
    "googlemail",
    "hotmail",
    "outlook",
    "live",
    "msn",
    "yahoo",
    "ymail",
    "aol",
    "icloud",
    "me",
    "mac",
    "bol",
    "terra",
    "uol",
    "r7",
    "ig",
    "globo",
    "globomail",
    "zipmail",
    "gmx",
    "web",
    "t-online",
    "freenet",
    "orange",
    "free",
    "laposte",
    "wanadoo",
    "sfr",
    "libero",
    "virgilio",
    "protonmail",
    "proton",
    "yandex",
    "mail",
    "qq",
    "163",
    "126",
    "naver",
    "comcast",
    "verizon",
    "att",
    "sbcglobal",
    "btinternet",
    "sky",
    "blogspot",
    "facebook",
    "instagram",
    "linkedin",
    "twitter",
    "wordpress",
    "wix",
    "carbonmade",
    "cargocollective",
];

/// Email, web address or phone-number shapes, and labels in front of them.
static CONTACT_DATA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        @ | \bwww\b | https?: | \.(com|net|org|br|de|fr|uk|jp|io|co|info|biz)\b
        | \d[\d\s().\-/:·]{6,}\d
        | \b(tel|tel\.|fone|fones|fax|cel|cel\.|celular|phone|mobile|mob|cell|whats(app)?|e-?mail|site|pabx|nextel|ramal)\b\s*[:.]
        ",
    )
    .unwrap()
});

/// Lowercase with accents and ligatures removed (`São` → `sao`, `ß` → `ss`).
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => out.push('a'),
            'ç' | 'č' | 'ć' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' | 'ī' => out.push('i'),
            'ñ' | 'ń' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' | 'ū' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'š' | 'ś' => out.push('s'),
            'ž' | 'ź' | 'ż' => out.push('z'),
            'ł' => out.push('l'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            '’' | '‘' | '`' | '´' => out.push('\''),
            c => out.push(c),
        }
    }
    out
}

/// Folded letters and digits only (`Eletrônica ADACHI` → `eletronicaadachi`).
pub(crate) fn squash(s: &str) -> String {
    fold(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Folded words: runs of letters, digits, apostrophes and inner hyphens/dots.
pub(crate) fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-' || c == '.' || c == '&'))
        .map(|w| w.trim_matches(|c: char| c == '-' || c == '.' || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// True for a common given name (folded comparison).
pub(crate) fn is_given_name(word: &str) -> bool {
    let f = fold(word);
    let f = f.trim_matches('.');
    // "Jean-Pierre", "Ana-Maria": the first part decides.
    GIVEN_NAMES.contains(f)
        || f.split_once('-')
            .is_some_and(|(a, _)| GIVEN_NAMES.contains(a))
}

/// True for a business or trade word (folded comparison).
pub(crate) fn is_business_word(word: &str) -> bool {
    BUSINESS_WORDS.contains(fold(word).as_str())
}

/// The business words, for splitting squashed domain labels.
pub(crate) fn business_words() -> impl Iterator<Item = &'static str> {
    BUSINESS_WORDS.iter().copied()
}

/// True for the label of a free-mail or hosting domain (`gmail`, `bol`).
pub(crate) fn is_free_mail(label: &str) -> bool {
    FREE_MAIL.contains(&fold(label).as_str())
}

/// The distinctive label of a domain: `www.beltis.com.br` → `beltis`.
pub(crate) fn domain_label(domain: &str) -> Option<String> {
    let d = fold(domain);
    let d = d.trim_start_matches("www.");
    let label = d.split('.').next()?.to_string();
    (label.len() >= 2).then_some(label)
}

/// True when the text holds an email, web address or phone number.
pub(crate) fn looks_like_contact_data(text: &str) -> bool {
    CONTACT_DATA.is_match(text)
}

/// Count of ASCII digits.
pub(crate) fn digit_count(text: &str) -> usize {
    text.chars().filter(|c| c.is_ascii_digit()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_case() {
        assert_eq!(fold("São Paulo ÉTÉ Straße"), "sao paulo ete strasse");
        assert_eq!(squash("Eletrônica ADACHI Ltda."), "eletronicaadachiltda");
        assert_eq!(words("D’Auria-Miranda, Jr."), vec!["d'auria-miranda", "jr"]);
    }

    #[test]
    fn lists() {
        assert!(is_given_name("José"));
        assert!(is_given_name("AVERY"));
        assert!(!is_given_name("Solutions"));
        assert!(is_business_word("Peças"));
        assert!(is_free_mail("hotmail"));
        assert_eq!(domain_label("www.beltis.com.br").as_deref(), Some("beltis"));
        assert!(looks_like_contact_data("Tel: (11) 2076 5555"));
        assert!(looks_like_contact_data("daniel.silva@beltis.com.br"));
        assert!(!looks_like_contact_data("Daniel Carlos"));
    }
}
