//! Email addresses.
//!
//! Recognises `local@domain.suffix` with `+` tags, dots and hyphens in the local
//! part and any number of subdomains, plus the label printed before it
//! (`E-mail:`, `Email`, `E:`, `Correo`, `Courriel`) so that the label is claimed
//! too. The domain's suffix must be a known public suffix (psl); when OCR glued
//! a following word on, the domain is cut back to the longest known suffix.
//!
//! OCR damage repaired, conservatively: `©`, `®`, `(@`, `@)`, `@@`, `(at)` for
//! `@`; a lone capital `Q` between lowercase words (`infoQacme.com`) when the
//! line has no `@`; spaces around `@` and around dots (`yamatakei. com`); a comma
//! for a dot (`acme, com`); a trailing `.`. Everything is lowercased.
//!
//! Known misses: `@` read as letters (`ricknog39ldgmail.com`), dots dropped
//! (`acmecom`), local parts broken by spaces (`daniel. silva@`).

use super::{Found, Line};
use regex::Regex;
use std::sync::LazyLock;

/// A tolerant address: local part, an `@` or one of its OCR misreadings, and a
/// domain whose dots may be commas or have a space around them. The domain is
/// validated and trimmed afterwards.
static RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<local>[A-Za-z0-9][A-Za-z0-9._%+\-]*)
        \s?(?:@@|\(@\)|\(@|@\)|@|\(©\)|©|®|\s\(at\)\s|\[at\])\s?
        (?P<domain>[A-Za-z0-9][A-Za-z0-9\-]*
            (?:(?:\.|,|\s[.,]\s?|[.,]\s)[a-z0-9][A-Za-z0-9\-]*|\.[A-Z0-9][A-Za-z0-9\-]*)+)",
    )
    .unwrap()
});

/// `Q` misread for `@` inside an all-lowercase address (`microvidaQmicrovida.com.br`).
static RE_Q: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<local>[a-z0-9][a-z0-9._+\-]*[a-z0-9])Q(?P<domain>[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)+)").unwrap()
});

/// A label printed just before the address; matched against the text before it.
static RE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[\s|•·,;/])((?:e-?mail|email|e-?mails|correo|courriel|mail|e)\s*[:.\-]?\s*)$",
    )
    .unwrap()
});

/// Finds the email addresses in all lines.
pub(crate) fn find(lines: &[Line]) -> Vec<Found<String>> {
    let mut out = Vec::new();
    for line in lines {
        for (span, value, confidence) in find_in(&line.text) {
            out.push(Found {
                value,
                line: line.idx,
                span,
                confidence,
            });
        }
    }
    out
}

/// Addresses in one text: byte span (label included), address, confidence.
/// Also used by the web finder so that it never reads an email's domain as a URL.
pub(crate) fn find_in(text: &str) -> Vec<(std::ops::Range<usize>, String, f32)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(c) = RE.captures_at(text, pos) {
        let local = c.name("local").unwrap();
        let dom = c.name("domain").unwrap();
        let whole = c.get(0).unwrap();
        match clean(local.as_str(), dom.as_str()) {
            Some((value, dom_len)) => {
                let end = dom.start() + dom_len;
                let start = label_start(text, local.start());
                let repaired = !text[local.start()..end].eq_ignore_ascii_case(&value);
                let confidence = if repaired { 0.75 } else { 0.95 };
                out.push((start..end, value, confidence));
                pos = end;
            }
            None => pos = char_after(text, whole.start()),
        }
    }
    if out.is_empty() && !text.contains('@') {
        for c in RE_Q.captures_iter(text) {
            let (local, dom) = (c.name("local").unwrap(), c.name("domain").unwrap());
            if let Some((value, dom_len)) = clean(local.as_str(), dom.as_str()) {
                let start = label_start(text, local.start());
                out.push((start..dom.start() + dom_len, value, 0.5));
            }
        }
    }
    out
}

/// Normalises a matched address; returns it and how many bytes of the
/// printed domain it used, or `None` when the domain has no known suffix.
fn clean(local: &str, domain: &str) -> Option<(String, usize)> {
    let local = local.trim_matches(|c| c == '.' || c == '-').to_lowercase();
    if local.is_empty() {
        return None;
    }
    // Labels of the printed domain with their end offsets, so the span can be cut
    // back to the longest prefix with a known suffix.
    let mut labels: Vec<(String, usize)> = Vec::new();
    let mut start = 0;
    for (i, ch) in domain
        .char_indices()
        .chain(std::iter::once((domain.len(), '.')))
    {
        if ch == '.' || ch == ',' || ch == ' ' {
            if i > start {
                labels.push((domain[start..i].to_lowercase(), i));
            }
            start = i + ch.len_utf8();
        }
    }
    for n in (2..=labels.len()).rev() {
        let host: Vec<&str> = labels[..n].iter().map(|(l, _)| l.as_str()).collect();
        let host = host.join(".");
        if valid_host(&host) {
            return Some((format!("{local}@{host}"), labels[n - 1].1));
        }
    }
    None
}

/// True when `host` ends in a known public suffix and has a registrable name.
pub(crate) fn valid_host(host: &str) -> bool {
    if host
        .split('.')
        .any(|l| l.is_empty() || l.starts_with('-') || l.ends_with('-'))
    {
        return false;
    }
    let known = psl::suffix(host.as_bytes()).is_some_and(|s| s.is_known());
    let tld_alpha = host
        .rsplit('.')
        .next()
        .is_some_and(|t| t.chars().all(|c| c.is_ascii_alphabetic()));
    known && tld_alpha && psl::domain(host.as_bytes()).is_some()
}

/// Start of the label printed before byte `at`, or `at` when there is none.
fn label_start(text: &str, at: usize) -> usize {
    RE_LABEL
        .captures(&text[..at])
        .map_or(at, |c| c.get(1).unwrap().start())
}

fn char_after(text: &str, i: usize) -> usize {
    i + text[i..].chars().next().map_or(1, char::len_utf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The addresses found in one line of text.
    fn emails(text: &str) -> Vec<String> {
        find_in(text).into_iter().map(|(_, v, _)| v).collect()
    }

    macro_rules! email_cases {
        ($($name:ident: $input:expr => [$($want:expr),*];)*) => {$(
            #[test]
            fn $name() {
                let want: Vec<&str> = vec![$($want),*];
                assert_eq!(emails($input), want, "input: {:?}", $input);
            }
        )*};
    }

    email_cases! {
        plain: "daniel.silva@beltis.com.br" => ["daniel.silva@beltis.com.br"];
        plus_tag: "jane+cards@acme.io" => ["jane+cards@acme.io"];
        subdomain: "m.tanaka@mail.kitsune-labs.co.jp" => ["m.tanaka@mail.kitsune-labs.co.jp"];
        label_colon: "E-mail: contato@autopecasdominio.com.br" => ["contato@autopecasdominio.com.br"];
        label_e: "E: avery.smith@contoso.com" => ["avery.smith@contoso.com"];
        uppercase: "Chris.Smith@Contoso.COM" => ["chris.smith@contoso.com"];
        copyright_sign: "info©acme.com" => ["info@acme.com"];
        paren_at: "sales(@acme.de" => ["sales@acme.de"];
        double_at: "sales@@acme.de" => ["sales@acme.de"];
        spaces_around_at: "yamada @ yamatakei.co.jp" => ["yamada@yamatakei.co.jp"];
        space_after_dot: "info@yamatakei. com" => ["info@yamatakei.com"];
        comma_for_dot: "info@acme, com" => ["info@acme.com"];
        trailing_dot: "Email john@acme.com." => ["john@acme.com"];
        two_on_line: "a@acme.com, b@acme.com" => ["a@acme.com", "b@acme.com"];
        glued_word_cut: "brunau@r7.com www.x" => ["brunau@r7.com"];
        ocr_guillemet_line: "E-mail: sonaocasa@bo «com.br, ' É 4" => [];
        q_for_at: "microvidaQmicrovida.com.br" => ["microvida@microvida.com.br"];
        free_mail: "www.brunaubuffet.com.br brunau@r7.com" => ["brunau@r7.com"];
        next_capital_word: "john@acme.com. Next" => ["john@acme.com"];
    }

    #[test]
    fn span_covers_label() {
        let text = "E-mail: sonaocasa@bol.com.br, x";
        let (span, v, _) = find_in(text).remove(0);
        assert_eq!(v, "sonaocasa@bol.com.br");
        assert_eq!(&text[span], "E-mail: sonaocasa@bol.com.br");
    }

    #[test]
    fn rejects() {
        for text in [
            "@acme",
            "john@localhost",
            "john@acme.notatld",
            "Follow us @acme",
            "user@1.215",
            "R$ 1.500,00",
            "joão e maria",
            "Name QUEEN.com",
        ] {
            assert!(
                emails(text).is_empty(),
                "accepted {text:?}: {:?}",
                emails(text)
            );
        }
    }
}
