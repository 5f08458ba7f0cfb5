//! Postal addresses.
//!
//! Finds the line with the strongest street or postal-code evidence and
//! grows a block over adjacent lines that carry address evidence (postal
//! code, city/state, neighbourhood). Street words: en (St, Ave, Rd, Suite …),
//! pt (Rua, R., Av., Alameda, Travessa, nº, Sala, Andar, Jd., Vila, CEP …),
//! de (-straße, Str., Weg, Platz, Allee), fr (rue, avenue, bd, chemin …),
//! romanised Japanese (`1-2-3 Marunouchi`, `-ku`, `Tokyo`). Postal codes: US,
//! CA, UK, DE/FR, BR and JP shapes. Landmarks ("próximo ao …", "next to …")
//! are cut, phone/email/web lines never joined.
//!
//! Known misses: addresses with neither a street word nor a postal code
//! ("Centro, Campinas"), and OCR that breaks the street word ("Ay. Itaquera").

use super::lexicon::{fold, looks_like_contact_data};
use super::{Claims, Found, Line};
use crate::contact::Address;
use regex::Regex;
use std::sync::LazyLock;

/// A street: street word plus a number (either order).
static STREET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        (^|[\s,])(rua|r\.|a[vy]\.|av|avenida|alameda|al\.|travessa|tv\.|trav\.|pra[çc]a|p[çc]a\.|rodovia|rod\.|estrada|estr\.|largo|ladeira|viela)\s+\p{L}[^\n]*?\d
        | \d+[a-z]?,?\s+(?:[NSEW]\.?\s+)?(?:[\p{L}0-9.'-]+\s+){0,4}(st|st\.|street|ave|ave\.|avenue|rd|rd\.|road|blvd|blvd\.|boulevard|dr\.|drive|ln|lane|way|ct|court|pl|place|pkwy|parkway|hwy|highway|sq|square|terrace|crescent|close|circle|row|mews|gardens)\b
        | \d+\s+[NSEW]\s+\d+\s+[NSEW]\b
        | \b(suite|ste\.?|floor|fl\.|unit|apt\.?|building|bldg\.?|p\.?o\.?\s?box)\s*\#?\d
        | \p{L}+(stra(ß|ss)e|str\.|weg|platz|allee|gasse|ring|damm|ufer|markt)\s*\d+
        | \b(stra(ß|ss)e|weg|platz|allee)\s+\d+
        | \d+\s*(bis|ter)?,?\s+(rue|avenue|av\.|boulevard|bd|place|pl\.|chemin|allée|allee|impasse|quai|cours|route|square)\b
        | \b(via|viale|piazza|corso|calle|carrera|avda\.?|paseo|plaza)\s+\p{L}[^\n]*?\d
        | ^\d{1,2}-\d{1,2}(-\d{1,3})?,?\s+\p{Lu}\p{Ll}+
        | \b\p{L}+-(ku|shi|cho|machi|gun)\b
        ",
    )
    .unwrap()
});

/// Postal codes, by country. Group `pc` is the code.
static POSTAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \b(?i:cep)\s*[:.]?\s*(?P<br1>[0-9OoIl]{5}-?[0-9OoIl]{3})\b
        | \b(?P<br>\d{5}-\d{3})\b
        | \b(?P<st>A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY])\s+(?P<us>\d{5}(?:-\d{4})?)\b
        | \b(?P<ca>[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\s?\d[ABCEGHJ-NPRSTV-Z]\d)\b
        | \b(?P<uk>[A-Z]{1,2}\d[A-Z\d]?\s\d[ABD-HJLNP-UW-Z]{2})\b
        | 〒\s?(?P<jp>\d{3}-?\d{4})
        | (?i:tokyo|t[oō]ky[oō]|osaka|kyoto|yokohama|nagoya|sapporo|kobe|fukuoka|kawasaki|saitama|hiroshima|sendai|chiba|-ku|-shi|-ken|japan)[,\s]+(?P<jp2>\d{3}-\d{4})\b
        | (?:^|[\s,])(?:[DF]-)?(?P<eu>\d{5})\s+\p{Lu}\p{Ll}+
        | \b(?i:alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|ohio|oklahoma|oregon|pennsylvania|tennessee|texas|utah|vermont|virginia|washington|wisconsin|wyoming)\s+(?P<us2>\d{5}(?:-\d{4})?)\b
        ",
    )
    .unwrap()
});

/// City / state / neighbourhood evidence for lines next to a street.
static PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        [-–,|]\s*(AC|AL|AP|AM|BA|CE|DF|ES|GO|MA|MT|MS|MG|PA|PB|PR|PE|PI|RJ|RN|RS|RO|RR|SC|SP|SE|TO)\.?\s*$
        | \b(s[ãa]o\s+paulo|rio\s+de\s+janeiro|belo\s+horizonte|curitiba|campinas|porto\s+alegre|bras[ií]lia|salvador|recife|fortaleza|london|paris|berlin|m[üu]nchen|munich|hamburg|tokyo|t[oō]ky[oō]|osaka|kyoto|yokohama|new\s+york|madrid|barcelona|lisboa|lisbon|roma|milano)\b
        | \b(jd\.?|jardim|vila|vl\.|bairro|centro|cid\.|parque|pq\.|conj\.?|conjunto|sala|andar|and\.?|bloco|apto\.?|lote|quadra|qd\.?|n[ºo°]\.?)\s
        | \b(brasil|brazil|usa|united\s+states|united\s+kingdom|uk|england|deutschland|germany|france|japan|nippon|canada|portugal|espa[ñn]a|spain|italia|italy)\s*$
        | ^\p{Lu}[\p{L} .'-]+,\s*(?:[A-Z]{2}|\p{Lu}\p{Ll}+)\s*$
        ",
    )
    .unwrap()
});

/// Landmark phrases: cut from here to the end (or the closing bracket).
static LANDMARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[(\[]?\s*\b(pr[óo]x\.|(?:pr[óo]ximo|pr[óo]xima|em\s+frente|ao\s+lado|esquina|next\s+to|near|opposite|across\s+from|behind|beside)\b)[^)\]]*[)\]]?").unwrap()
});

/// "Name, 123": a house number after a comma.
static HOUSE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{L}{3,},\s*(n[º°o]\.?\s*)?\d{1,5}\b(?:[^-\d]|$)").unwrap());

/// A line that starts with a phone or email label.
static PHONE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(tel|tel\.|fone|fones|fax|cel|celular|phone|mobile|mob|cell|whats\w*|e-?mail|pabx|nextel)\b").unwrap()
});

static UF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[-–,|\d]\s*)(?P<city>[\p{L} .'-]{3,}?)\s*[-–,|/]\s*(?P<uf>AC|AL|AP|AM|BA|CE|DF|ES|GO|MA|MT|MS|MG|PA|PB|PR|PE|PI|RJ|RN|RS|RO|RR|SC|SP|SE|TO)\.?\s*(?:$|[-–,|]|(?i:cep))").unwrap()
});

static US_CITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<city>\p{Lu}[\p{L} .'-]+?),?\s+(?P<st>[A-Z]{2}|\p{Lu}[A-Za-z]+)\s+\d{5}")
        .unwrap()
});

/// The card's main postal address; claims its lines.
pub(crate) fn find(lines: &[Line], claims: &mut Claims) -> Option<Found<Address>> {
    // Score each usable line; the best street or postal line anchors a block.
    let scores: Vec<u8> = lines.iter().map(|l| line_score(l, claims)).collect();
    let anchor = (0..lines.len())
        .filter(|&i| scores[i] >= 2)
        .max_by_key(|&i| (scores[i], std::cmp::Reverse(i)))?;
    let (mut start, mut end) = (anchor, anchor);
    // Grow down then up over lines with any address evidence, but not into
    // a second street: a shop's list of branches is several addresses, and
    // the first (the anchor's) is the main one.
    let opens_street = |i: usize| {
        let text = cut_lead(&clean(&claims.rest(&lines[i])));
        STREET_WORD.find(&text).is_some_and(|m| m.start() == 0) || US_STREET.is_match(&text)
    };
    let has_street = |from: usize, to: usize| (from..=to).any(opens_street);
    while end + 1 < lines.len()
        && scores[end + 1] >= 1
        && end - start < 3
        && !(opens_street(end + 1) && has_street(start, end))
    {
        end += 1;
    }
    while start > 0
        && scores[start - 1] >= 2
        && end - start < 3
        && !(opens_street(start - 1) && has_street(start, end))
    {
        start -= 1;
    }
    let mut parts = Vec::new();
    for line in &lines[start..=end] {
        let text = cut_lead(&clean(&claims.rest(line)));
        if !text.is_empty() {
            parts.push(text);
        }
        claims.claim_line(lines, line.idx);
    }
    let text = parts.join(", ");
    let mut addr = Address {
        text: text.clone(),
        ..Address::default()
    };
    fill_parts(&mut addr, &parts);
    let strong = scores[start..=end].iter().filter(|&&s| s >= 2).count();
    let confidence = (0.5
        + 0.15 * strong as f32
        + if addr.postal_code.is_some() {
            0.15
        } else {
            0.0
        })
    .min(0.95);
    Some(Found {
        value: addr,
        line: anchor,
        span: 0..lines[anchor].text.len(),
        confidence,
    })
}

/// 3 = street and postal code, 2 = street or postal code, 1 = place words.
fn line_score(line: &Line, claims: &Claims) -> u8 {
    if claims.is_used(line) {
        return 0;
    }
    let text = clean(&claims.rest(line));
    if text.is_empty() || text.contains('@') || text.to_lowercase().contains("www") {
        return 0;
    }
    if PHONE_LABEL.is_match(&text) {
        return 0;
    }
    let street = STREET.is_match(&text);
    let postal = POSTAL.is_match(&text);
    // A phone line ("Tel: 3241-0322") has neither; a bare number run with a
    // phone label is never an address.
    if looks_like_contact_data(&text) && !street && !postal {
        return 0;
    }
    // "Itaquera, 3006 ... - SP": a house number after a comma plus a place
    // word is a street even when OCR broke the street word.
    let numbered = HOUSE_NUMBER.is_match(&text) && PLACE.is_match(&text);
    match (street || numbered, postal) {
        (true, true) => 3,
        (true, false) | (false, true) => 2,
        _ if PLACE.is_match(&text) && text.len() <= 60 => 1,
        _ => 0,
    }
}

/// Removes landmarks and stray separators.
fn clean(text: &str) -> String {
    let t = LANDMARK.replace_all(text, "");
    let t = t.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '–' | ',' | '|' | '_' | '(' | ')' | '“' | '”' | '"')
    });
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Drops a short OCR fragment or label in front of a street word ("«com Rua
/// X, 1", "Lojas: e Av. X, 1").
fn cut_lead(text: &str) -> String {
    if let Some(m) = STREET_WORD.find(text)
        && m.start() > 0
        && m.start() <= 12
    {
        return text[m.start()..].to_string();
    }
    text.to_string()
}

/// A US/UK street line: house number first, then a street type.
static US_STREET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\d+[a-z]?,?\s+(?:[\p{L}0-9.'-]+\s+){0,4}(st|street|ave|avenue|rd|road|blvd|boulevard|drive|lane|way|parkway|highway)\b\.?").unwrap()
});

static STREET_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(Rua|RUA|R\.|Av\.|AV\.|Avenida|AVENIDA|Alameda|Travessa|Estrada|Rodovia|Praça)\s",
    )
    .unwrap()
});

/// Fills street, city, region, postal code and country where recognisable.
fn fill_parts(addr: &mut Address, parts: &[String]) {
    for p in parts {
        if addr.street.is_none() && STREET.is_match(p) {
            let street = p
                .split(" - ")
                .next()
                .unwrap_or(p)
                .split(" | ")
                .next()
                .unwrap_or(p);
            addr.street = Some(street.trim().to_string());
        }
        if addr.postal_code.is_none()
            && let Some(c) = POSTAL.captures(p)
        {
            let code = ["br1", "br", "us", "ca", "uk", "jp", "jp2", "eu", "us2"]
                .iter()
                .find_map(|g| c.name(g));
            if let Some(code) = code {
                let mut code = code.as_str().to_string();
                if c.name("br1").is_some() {
                    code = code.replace(['O', 'o'], "0").replace(['I', 'l'], "1");
                }
                addr.postal_code = Some(code);
            }
            if let Some(st) = c.name("st") {
                addr.region = Some(st.as_str().to_string());
            }
        }
        if addr.region.is_none()
            && let Some(c) = UF.captures(p)
        {
            addr.region = Some(c["uf"].to_string());
            let city = c["city"].trim();
            if !STREET.is_match(city) && !city.to_lowercase().starts_with("cep") {
                addr.city = Some(city.to_string());
            }
        }
        if addr.city.is_none()
            && let Some(c) = US_CITY.captures(p)
        {
            let city = c["city"].rsplit(", ").next().unwrap_or(&c["city"]).trim();
            if !STREET.is_match(city) {
                addr.city = Some(city.to_string());
                if addr.region.is_none() {
                    addr.region = Some(c["st"].to_string());
                }
            }
        }
        if addr.country.is_none() {
            let f = fold(p);
            for (key, name) in [
                ("brasil", "Brasil"),
                ("brazil", "Brazil"),
                ("usa", "USA"),
                ("united kingdom", "United Kingdom"),
                ("deutschland", "Deutschland"),
                ("germany", "Germany"),
                ("france", "France"),
                ("japan", "Japan"),
                ("canada", "Canada"),
            ] {
                if f.trim_end().ends_with(key) {
                    addr.country = Some(name.to_string());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::prepare_lines;
    use crate::ocr::OcrPage;

    fn addr_of(text: &str) -> Option<Address> {
        let lines = prepare_lines(&OcrPage::from_text(text));
        let mut claims = Claims::new(lines.len());
        find(&lines, &mut claims).map(|f| f.value)
    }

    macro_rules! addr_cases {
        ($($id:ident: $card:expr => $text:expr, $postal:expr;)*) => {
            $(#[test] fn $id() {
                let a = addr_of($card).expect("an address");
                assert_eq!(a.text, $text);
                assert_eq!(a.postal_code.as_deref(), $postal);
            })*
        };
    }

    addr_cases! {
        br_cep_landmark: "ORÇAMENTO SEM COMPROMISSO\nFones 11 2082-2399 / 2646-6123\nRUA PADRE JOÃO, 331 - PENHA - SP\nCEP: 03637-000 - (PRÓX. AO SHOPPING PENHA)\nE-mail: sonaocasa@bol.com.br"
            => "RUA PADRE JOÃO, 331 - PENHA - SP, CEP: 03637-000", Some("03637-000");
        br_two_lines: "microvida\nRua Cruzeiro, 406 - Barra Funda\nCep OII37-000 - São Paulo - SP\nmicrovida@microvida.com.br"
            => "Rua Cruzeiro, 406 - Barra Funda, Cep OII37-000 - São Paulo - SP", Some("01137-000");
        br_pipes: "Rua Boa Vista, 254 | 17° and\nCep 01014-000 | Centro | São Paulo |SP\nFone 55 11 3105-8655"
            => "Rua Boa Vista, 254 | 17° and, Cep 01014-000 | Centro | São Paulo |SP", Some("01014-000");
        jp_city_postal: "456 Sanjo-dori, Nakagyo-ku\nKyoto 604-8005\nTel 075-123-4567" => "456 Sanjo-dori, Nakagyo-ku, Kyoto 604-8005", Some("604-8005");
        br_av: "CEASTEC S/C LTDA.\nAv. Waldemar Carlos Pereira, 1325 - Vila Talarico" => "Av. Waldemar Carlos Pereira, 1325 - Vila Talarico", None;
        br_one_line: "Rua Murutinga do Sul, 132 - Tatuapé - São Paulo" => "Rua Murutinga do Sul, 132 - Tatuapé - São Paulo", None;
        br_landmark_line: "Rua Pinhal, 283 Cid. Patriarca -CEP: 03564-040 São Paulo - SP.\n( Próximo ao Metrô Patriarca, esquina Radial Leste )"
            => "Rua Pinhal, 283 Cid. Patriarca -CEP: 03564-040 São Paulo - SP.", Some("03564-040");
        us_two_lines: "Chris Smith\n4001 1st Ave NE\nRedmond, WA 98052\nTel: 425 555 0100" => "4001 1st Ave NE, Redmond, WA 98052", Some("98052");
        us_road: "6811 CLINTONVILLE ROAD\nCLARKSTON, MICHIGAN 48348" => "6811 CLINTONVILLE ROAD, CLARKSTON, MICHIGAN 48348", Some("48348");
        us_grid: "2011 S 1100 E\nSalt Lake City, UT 84106" => "2011 S 1100 E, Salt Lake City, UT 84106", Some("84106");
        us_suite: "123 Market St, Suite 400\nSan Francisco, CA 94105-1234" => "123 Market St, Suite 400, San Francisco, CA 94105-1234", Some("94105-1234");
        uk_postcode: "2 Kingdom Street\nPaddington, London, W2 6BD" => "2 Kingdom Street, Paddington, London, W2 6BD", Some("W2 6BD");
        uk_ec: "1 Finsbury Avenue\nLondon EC1A 1BB\nUnited Kingdom" => "1 Finsbury Avenue, London EC1A 1BB, United Kingdom", Some("EC1A 1BB");
        ca_postcode: "80 Wellington St\nOttawa, ON K1A 0B1" => "80 Wellington St, Ottawa, ON K1A 0B1", Some("K1A 0B1");
        de_strasse: "Müller GmbH\nHauptstraße 12\n10115 Berlin\nTel. +49 30 1234567" => "Hauptstraße 12, 10115 Berlin", Some("10115");
        fr_rue: "12 rue de la Paix\n75002 Paris\nFrance" => "12 rue de la Paix, 75002 Paris, France", Some("75002");
        br_branches: "Lojas: e Av. Rio das Pedras, 1553\ne Av. Sapopemba, 2449\ne Av. do Cursino, 2283"
            => "Av. Rio das Pedras, 1553", None;
        us_two_offices: "100 Main Street\nBoston, MA 02108\n200 Elm Street\nCambridge, MA 02139"
            => "100 Main Street, Boston, MA 02108", Some("02108");
        jp_chome: "〒100-0005\n1-2-3 Marunouchi, Chiyoda-ku\nTokyo" => "〒100-0005, 1-2-3 Marunouchi, Chiyoda-ku, Tokyo", Some("100-0005");
    }

    #[test]
    fn parts_are_filled() {
        let a = addr_of("4001 1st Ave NE\nRedmond, WA 98052").unwrap();
        assert_eq!(
            (a.city.as_deref(), a.region.as_deref()),
            (Some("Redmond"), Some("WA"))
        );
        let a = addr_of("Rua Pinhal, 283 - Centro\nCEP 03564-040 São Paulo - SP").unwrap();
        assert_eq!(a.street.as_deref(), Some("Rua Pinhal, 283"));
        assert_eq!(a.region.as_deref(), Some("SP"));
    }

    #[test]
    fn rejects() {
        for text in [
            "Tel: (11) 3241-0322 Ramal 240",
            "Daniel Carlos\nDiretor Administrativo",
            "Assistência Técnica especializada em Televisor a cores, LCD, Led,",
            "www.beltis.com.br",
            "Segunda à Sábado 11:30 às 15:00",
            "Nextel 9.4000-4561",
        ] {
            assert_eq!(addr_of(text), None, "{text}");
        }
    }
}
