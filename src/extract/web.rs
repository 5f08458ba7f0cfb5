//! Web addresses and the card's registrable domain.
//!
//! Recognises `https://acme.com/about`, `www.acme.com`, `WWW.ACME.COM`, bare
//! `acme.com.br`, `nog.carbonmade.com` and paths such as
//! `cargocollective.com/nogdesign` or `facebook.com.br/x`, with a label before
//! them (`Web:`, `Site:`, `Website`, `URL:`) claimed too. The host must end in a
//! known public suffix (psl). After `www` or a scheme, OCR damage is repaired:
//! spaces or commas around dots (`www. acme .com`), and a dot read as a space
//! where it joins a two-part suffix (`www.acme.com br`) or where no dot
//! survived at all (`www acme com`).
//!
//! Bare hosts (no scheme, no `www`, no path) must look like one: the suffix is
//! printed lowercase (or the whole host uppercase), the name before it has two
//! or more characters and is not a common abbreviation, so `Ltd.Co`, `S.A.`,
//! `Av.Paulista`, `Sr.Silva`, `Ltda.ME`, `1.215` and `e.g.` are not web
//! addresses; neither is a job title (`Web Developer`) or an email's domain.
//!
//! `urls` are as printed with the host lowercased (path kept); no scheme is
//! invented. `domain` is the registrable domain of the first URL that is not a
//! social network, else of the first email not at a free-mail provider.
//!
//! Known misses: a bare host whose dot OCR lost (`acmecom`), hosts split over
//! two lines, internationalised (non-ASCII) hosts.

use super::email;
use super::{Found, Line};
use regex::Regex;
use std::sync::LazyLock;

/// Web addresses found and the card's registrable domain.
#[derive(Debug, Default)]
pub(crate) struct Web {
    pub urls: Vec<Found<String>>,
    pub domain: Option<String>,
}

/// A URL introduced by a scheme and/or `www`: host labels may be separated by
/// dots or commas with stray spaces, or by a lone space (checked later).
static RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        (?P<scheme>https?\s?:\s?//\s?)?
        (?P<www>www\d{0,2}(?:\s?[.,]\s?|\s))?
        (?P<host>[a-z0-9][a-z0-9\-]*(?:(?:\s?[.,]\s?|\s)[a-z0-9][a-z0-9\-]*)*)
        (?P<path>/[^\s,;]*)?",
    )
    .unwrap()
});

/// A label printed before the address.
static RE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[\s|•·,;])((?:web|website|site|homepage|home\s?page|url|internet|www)\s*[:.\-]?\s*)$")
        .unwrap()
});

/// Common abbreviations that OCR or typography glue to a following word with a
/// dot (`Ltda.ME`, `Av.Paulista`), never a web site's name.
const ABBREVIATIONS: &[&str] = &[
    "av", "ave", "al", "co", "corp", "dr", "dra", "eg", "epp", "etc", "ie", "inc", "jd", "jr",
    "ltd", "ltda", "me", "mr", "mrs", "ms", "no", "nr", "pc", "pg", "pr", "prof", "rd", "sa", "sr",
    "sra", "srta", "st", "str", "tel", "vl", "vs",
];

/// Hosts whose registrable domain says nothing about the card's company.
const SOCIAL: &[&str] = &[
    "facebook",
    "fb",
    "instagram",
    "linkedin",
    "twitter",
    "x",
    "youtube",
    "youtu",
    "tiktok",
    "pinterest",
    "github",
    // Hosting platforms: the site is the person's, the domain is not.
    "blogspot",
    "wordpress",
    "wixsite",
    "carbonmade",
    "cargocollective",
    "squarespace",
    "tumblr",
    "weebly",
    "linktr",
    "wa",
    "whatsapp",
    "t",
    "flickr",
    "vimeo",
    "behance",
    "medium",
    "threads",
];

/// Email providers anyone can sign up to: their domain is not the company's.
const FREE_MAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "hotmail.com",
    "hotmail.com.br",
    "hotmail.co.uk",
    "hotmail.fr",
    "outlook.com",
    "outlook.com.br",
    "live.com",
    "msn.com",
    "yahoo.com",
    "yahoo.com.br",
    "yahoo.co.uk",
    "yahoo.co.jp",
    "yahoo.fr",
    "ymail.com",
    "aol.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "gmx.de",
    "gmx.net",
    "gmx.com",
    "web.de",
    "t-online.de",
    "orange.fr",
    "free.fr",
    "laposte.net",
    "wanadoo.fr",
    "sfr.fr",
    "bol.com.br",
    "terra.com.br",
    "uol.com.br",
    "ig.com.br",
    "r7.com",
    "globo.com",
    "zipmail.com.br",
    "protonmail.com",
    "proton.me",
    "mail.com",
    "qq.com",
    "163.com",
    "126.com",
    "naver.com",
    "docomo.ne.jp",
    "ezweb.ne.jp",
    "yandex.ru",
    "mail.ru",
    "libero.it",
    "verizon.net",
    "comcast.net",
    "btinternet.com",
];

pub(crate) fn find(lines: &[Line], emails: &[String]) -> Web {
    let mut urls: Vec<Found<String>> = Vec::new();
    for line in lines {
        for (span, value, confidence) in find_in(&line.text) {
            urls.push(Found {
                value,
                line: line.idx,
                span,
                confidence,
            });
        }
    }
    if urls.is_empty() {
        urls.extend(garbled_www(lines, emails));
    }
    let domain = urls
        .iter()
        .filter_map(|u| registrable(&u.value))
        .find(|d| !is_social(d))
        .or_else(|| {
            emails
                .iter()
                .filter_map(|e| e.rsplit_once('@'))
                .map(|(_, host)| host.to_lowercase())
                .filter(|h| !FREE_MAIL.contains(&h.as_str()))
                .find_map(|h| psl::domain_str(&h).map(str::to_string))
        });
    Web { urls, domain }
}

/// A web address OCR read without its dots (`WWwwimicrnovidacombr`), taken
/// when it spells, within a few letters, `www.` and the domain of an email on
/// the same card: the email supports the address, so nothing is invented.
fn garbled_www(lines: &[Line], emails: &[String]) -> Option<Found<String>> {
    let hosts: Vec<String> = emails
        .iter()
        .filter_map(|e| e.rsplit_once('@'))
        .map(|(_, h)| h.to_lowercase())
        .filter(|h| !FREE_MAIL.contains(&h.as_str()))
        .collect();
    for line in lines {
        let mut at = 0;
        for token in line.text.split(' ') {
            let span = at..at + token.len();
            at = span.end + 1;
            let squashed: String = token
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_lowercase();
            if !squashed.starts_with("ww") || squashed.len() < 10 || token.contains('@') {
                continue;
            }
            for host in &hosts {
                let want = format!("www{}", host.replace('.', ""));
                let budget = (want.len() / 5).max(2);
                if strsim::levenshtein(&squashed, &want) <= budget {
                    return Some(Found {
                        value: format!("www.{host}"),
                        line: line.idx,
                        span,
                        confidence: 0.5,
                    });
                }
            }
        }
    }
    None
}

/// URLs in one line: byte span (label included), URL, confidence.
fn find_in(text: &str) -> Vec<(std::ops::Range<usize>, String, f32)> {
    let emails: Vec<_> = email::find_in(text)
        .into_iter()
        .map(|(s, _, _)| s)
        .collect();
    let mut out: Vec<(usize, usize, String, f32)> = Vec::new();
    let mut pos = 0;
    while let Some(c) = RE.captures_at(text, pos) {
        let whole = c.get(0).unwrap();
        let next = char_after(text, whole.start());
        if let Some(e) = emails
            .iter()
            .find(|e| e.start < whole.end() && whole.start() < e.end)
        {
            if e.start > whole.start() {
                // Read again up to the email (`www.acme.com john@acme.com`).
                let Some(c2) = RE.captures_at(&text[..e.start], pos) else {
                    break;
                };
                if let Some((end, value, confidence)) = read(&c2, text) {
                    out.push((
                        label_start(text, c2.get(0).unwrap().start()),
                        end,
                        value,
                        confidence,
                    ));
                }
            }
            pos = e.end.max(next);
            continue;
        }
        let glued = text[..whole.start()]
            .chars()
            .next_back()
            .is_some_and(|ch| ch.is_alphanumeric() || "@©.-_".contains(ch));
        if glued {
            pos = next;
            continue;
        }
        match read(&c, text) {
            Some((end, value, confidence)) => {
                out.push((label_start(text, whole.start()), end, value, confidence));
                pos = end;
            }
            None => pos = next,
        }
    }
    out.into_iter().map(|(s, e, v, c)| (s..e, v, c)).collect()
}

/// Start of the label printed before byte `at`, or `at` when there is none.
fn label_start(text: &str, at: usize) -> usize {
    RE_LABEL
        .captures(&text[..at])
        .map_or(at, |l| l.get(1).unwrap().start())
}

/// Validates one match; returns the end of what it used, the URL and a confidence.
fn read(c: &regex::Captures, text: &str) -> Option<(usize, String, f32)> {
    let scheme = c.name("scheme");
    let www = c.name("www");
    let host = c.name("host")?;
    let prefixed = scheme.is_some() || www.is_some();
    // Host labels: byte start, end, and whether a lone space (no dot) joins it
    // to the label before.
    let mut parts: Vec<(usize, usize, bool)> = Vec::new();
    let (h, base) = (host.as_str().as_bytes(), host.start());
    let is_label = |b: u8| b.is_ascii_alphanumeric() || b == b'-';
    let (mut i, mut joined) = (0, false);
    loop {
        let s = i;
        while i < h.len() && is_label(h[i]) {
            i += 1;
        }
        parts.push((base + s, base + i, joined));
        let sep_start = i;
        while i < h.len() && !is_label(h[i]) {
            i += 1;
        }
        if i >= h.len() || (!prefixed && &h[sep_start..i] != b".") {
            // Bare hosts take plain dots only.
            break;
        }
        joined = !h[sep_start..i].iter().any(|&b| b == b'.' || b == b',');
    }
    let any_dot = parts.iter().skip(1).any(|p| !p.2);
    for n in (2..=parts.len()).rev() {
        let names: Vec<String> = parts[..n]
            .iter()
            .map(|&(s, e, _)| text[s..e].to_lowercase())
            .collect();
        let host_s = names.join(".");
        if !email::valid_host(&host_s) {
            continue;
        }
        let suffix_labels = psl::suffix_str(&host_s).map_or(0, |s| s.split('.').count());
        // A lone space may stand for a dot only inside a two-part suffix
        // (`com br`) or when no dot survived at all (`www acme com`).
        let space_ok = parts[1..n].iter().enumerate().all(|(k, p)| {
            !p.2 || (prefixed && (k + 1 >= n - suffix_labels) && (suffix_labels >= 2 || !any_dot))
        });
        if !space_ok {
            continue;
        }
        let end_host = parts[n - 1].1;
        let printed = &text[parts[0].0..end_host];
        let whole_upper = !printed.chars().any(|ch| ch.is_lowercase());
        let path = c
            .name("path")
            .filter(|_| n == parts.len() && end_host == host.end());
        if !prefixed && path.is_none() && !bare_ok(&host_s, printed, whole_upper) {
            return None;
        }
        if !prefixed && path.is_none() && n < parts.len() {
            // `Ltda.ME.Foo`: a bare host cut short is not trusted.
            return None;
        }
        let mut value = String::new();
        if let Some(s) = scheme {
            value.push_str(&s.as_str().replace(' ', "").to_lowercase());
        }
        if let Some(w) = www {
            let w = w
                .as_str()
                .trim_end_matches(|ch: char| ch == '.' || ch == ',' || ch.is_whitespace());
            value.push_str(&w.to_lowercase());
            value.push('.');
        }
        value.push_str(&host_s);
        let mut end = end_host;
        if let Some(p) = path {
            let p_str = p
                .as_str()
                .trim_end_matches(['.', ',', ';', ':', ')', '\'', '"']);
            value.push_str(p_str);
            end = p.start() + p_str.len();
        }
        let repaired = !text[c.get(0).unwrap().start()..end].eq_ignore_ascii_case(&value);
        let confidence = match (prefixed, repaired) {
            (_, true) => 0.6,
            (true, false) => 0.95,
            (false, false) => 0.8,
        };
        return Some((end, value, confidence));
    }
    None
}

/// Plausibility of a bare `name.suffix` (no scheme, `www` or path).
fn bare_ok(host: &str, printed: &str, whole_upper: bool) -> bool {
    let Some(suffix) = psl::suffix_str(host) else {
        return false;
    };
    let printed_suffix = &printed[printed.len() - suffix.len()..];
    if !whole_upper && printed_suffix.chars().any(|ch| ch.is_uppercase()) {
        return false;
    }
    let name = host[..host.len() - suffix.len()].trim_end_matches('.');
    let label = name.rsplit('.').next().unwrap_or("");
    // `icknog39ldgmail.com`: an email whose `@` OCR lost.
    // Only distinctive provider names: `hme.com` is not `h` + `me.com`.
    let lost_at = FREE_MAIL.iter().any(|f| {
        f.find('.').is_some_and(|d| d >= 5)
            && host.ends_with(f)
            && !host.ends_with(&format!(".{f}"))
            && host.len() > f.len()
    });
    label.len() >= 2
        && !label.chars().all(|ch| ch.is_ascii_digit())
        && !ABBREVIATIONS.contains(&label)
        && !lost_at
}

/// The registrable domain of a URL (`https://www.acme.co.uk/x` → `acme.co.uk`).
pub(crate) fn registrable(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split('/').next()?.to_lowercase();
    psl::domain_str(&host).map(str::to_string)
}

fn is_social(domain: &str) -> bool {
    domain.split('.').any(|l| SOCIAL.contains(&l))
}

fn char_after(text: &str, i: usize) -> usize {
    i + text[i..].chars().next().map_or(1, char::len_utf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(text: &str) -> Vec<String> {
        find_in(text).into_iter().map(|(_, v, _)| v).collect()
    }

    macro_rules! url_cases {
        ($($name:ident: $input:expr => [$($want:expr),*];)*) => {$(
            #[test]
            fn $name() {
                let want: Vec<&str> = vec![$($want),*];
                assert_eq!(urls($input), want, "input: {:?}", $input);
            }
        )*};
    }

    url_cases! {
        www: "www.chevroleste.com.br" => ["www.chevroleste.com.br"];
        scheme_path: "https://acme.com/about" => ["https://acme.com/about"];
        scheme_www_slash: "https://www.contoso.com/" => ["https://www.contoso.com/"];
        bare_cc: "liderfriorefrigeracao.com.br" => ["liderfriorefrigeracao.com.br"];
        bare_path: "cargocollective.com/nogdesign" => ["cargocollective.com/nogdesign"];
        social_path_comma: "Ei facebook.com.br/sonaocasaquemnaoquer," => ["facebook.com.br/sonaocasaquemnaoquer"];
        subdomain: "nog.carbonmade.com" => ["nog.carbonmade.com"];
        upper: "4 é CA do WWW.LUSHMICHIGAN.COM" => ["www.lushmichigan.com"];
        mixed_case_name: "www.DFWCarpentry.com" => ["www.dfwcarpentry.com"];
        space_in_suffix: "www.nogdesign.blogspot.com br" => ["www.nogdesign.blogspot.com.br"];
        no_dots_after_www: "www acme com" => ["www.acme.com"];
        spaced_dot: "Web: www. acme .com" => ["www.acme.com"];
        next_word_not_tld: "www.acme.com tel 555" => ["www.acme.com"];
        url_and_email: "www.brunaubuffet.com.br brunau@r7.com" => ["www.brunaubuffet.com.br"];
        bare_upper: "HME.COM" => ["hme.com"];
    }

    #[test]
    fn span_covers_label() {
        let text = "Site: www.acme.com.br";
        let (span, _, _) = find_in(text).remove(0);
        assert_eq!(&text[span], text);
    }

    #[test]
    fn domain_from_url_then_email() {
        let lines = super::super::prepare_lines(&crate::ocr::OcrPage::from_text(
            "facebook.com/acme\nwww.acme.co.uk/team",
        ));
        assert_eq!(find(&lines, &[]).domain.as_deref(), Some("acme.co.uk"));
        let emails = [
            "x@gmail.com".to_string(),
            "a@mail.kitsune-labs.co.jp".to_string(),
        ];
        assert_eq!(
            find(&[], &emails).domain.as_deref(),
            Some("kitsune-labs.co.jp")
        );
        assert_eq!(find(&[], &["brunau@r7.com".to_string()]).domain, None);
    }

    #[test]
    fn rejects() {
        for text in [
            "Web Developer",
            "Internet Manager",
            "Acme Ltd.Co",
            "Beltis S.A.",
            "Av.Paulista, 1000",
            "Sr.Silva",
            "1.215",
            "e.g. this",
            "Comércio Ltda.ME",
            "daniel.silva@beltis.com.br",
            "microvidaQmicrovida.com.br",
            "R$ 1.500,00",
            "Rua Foo, 12. Bar",
            "x.com",
            "icknog39ldgmail.com",
        ] {
            assert!(urls(text).is_empty(), "accepted {text:?}: {:?}", urls(text));
        }
    }
}
