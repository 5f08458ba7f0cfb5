//! Social-network profiles: LinkedIn, X (Twitter), GitHub, Instagram and
//! Facebook.
//!
//! Two shapes are read. Profile URLs the web finder already found
//! (`linkedin.com/in/jane-doe`, `facebook.com.br/sonaocasa`, `github.com/jdoe`):
//! the first meaningful path segment is the handle; the URL stays in `urls`
//! too, as it is printed as a web address. And a handle after the network's
//! name or its icon as OCR reads it (`Instagram: @acme.br`, `IG @acme`,
//! `f @EspacoVillimpenta` — the Facebook "f" logo, `in /in/jdoe`): one-letter
//! and two-letter labels need the `@` or `/` that marks a handle, since they
//! are also ordinary words. A bare `@handle` with no network named is left
//! alone: the network cannot be told.
//!
//! Known misses: icons OCR reads as other symbols (Instagram's camera as `©`
//! or `@`), handles split over two lines.

use super::{Claims, Found, Line};
use crate::contact::Social;
use regex::Regex;
use std::sync::LazyLock;

/// The network of a host's registrable label (`facebook.com.br` → facebook).
fn service_of_host(host: &str) -> Option<&'static str> {
    let host = host.trim_start_matches("www.").trim_start_matches("m.");
    let label = host.split('.').next()?;
    Some(match label {
        "linkedin" => "linkedin",
        "twitter" | "x" => "x",
        "github" => "github",
        "instagram" | "instagr" => "instagram",
        "facebook" | "fb" => "facebook",
        _ => return None,
    })
}

/// The network a printed label names; `strict` when the label is also an
/// ordinary word or letter and the handle must carry `@` or `/`.
fn service_of_label(label: &str) -> Option<(&'static str, bool)> {
    let l: String = label
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    Some(match l.as_str() {
        "linkedin" => ("linkedin", false),
        "in" => ("linkedin", true),
        "twitter" => ("x", false),
        "x" => ("x", true),
        "github" => ("github", false),
        "gh" => ("github", true),
        "instagram" | "insta" => ("instagram", false),
        "ig" => ("instagram", true),
        "facebook" => ("facebook", false),
        "fb" | "face" | "f" => ("facebook", true),
        _ => return None,
    })
}

/// A network label, optional punctuation, then the handle.
static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[\s|•·,;])(linked\s?in|in|twitter|x|github|gh|instagram|insta|ig|facebook|face|fb|f)\b\s*[:\-]?\s*(@?/?[a-z0-9._\-/]{2,60})",
    )
    .unwrap()
});

/// Path segments that are part of a profile URL's shape, not the handle.
const STRUCTURAL: &[&str] = &[
    "in", "company", "pub", "profile", "pages", "people", "school",
];

/// The handle in a profile URL's path, if it has one.
fn handle_of_path(path: &str) -> Option<String> {
    let segs: Vec<&str> = path
        .split(['/', '?', '#'])
        .filter(|s| !s.is_empty())
        .collect();
    let first = segs.first()?;
    let handle = if STRUCTURAL.contains(&first.to_lowercase().as_str()) {
        // linkedin.com/in/jdoe, /company/acme
        segs.get(1)?
    } else {
        first
    };
    let handle = handle.trim_start_matches('@');
    (handle.chars().count() >= 2 && handle.chars().any(|c| c.is_ascii_alphanumeric()))
        .then(|| handle.to_string())
}

/// The canonical profile URL of a handle.
fn profile_url(service: &str, handle: &str, linkedin_company: bool) -> String {
    match service {
        "linkedin" if linkedin_company => format!("https://www.linkedin.com/company/{handle}"),
        "linkedin" => format!("https://www.linkedin.com/in/{handle}"),
        "x" => format!("https://x.com/{handle}"),
        "github" => format!("https://github.com/{handle}"),
        "instagram" => format!("https://www.instagram.com/{handle}"),
        _ => format!("https://www.facebook.com/{handle}"),
    }
}

/// Profiles from the card's web addresses and labelled handles; claims the
/// handles it reads from text.
pub(crate) fn find(lines: &[Line], urls: &[Found<String>], claims: &mut Claims) -> Vec<Social> {
    let mut out: Vec<Social> = Vec::new();
    let push = |s: Social, out: &mut Vec<Social>| {
        if !out
            .iter()
            .any(|o| o.service == s.service && o.handle.eq_ignore_ascii_case(&s.handle))
        {
            out.push(s);
        }
    };
    for u in urls {
        let rest = u
            .value
            .split_once("://")
            .map_or(u.value.as_str(), |(_, r)| r);
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        let Some(service) = service_of_host(&host.to_lowercase()) else {
            continue;
        };
        let Some(handle) = handle_of_path(path) else {
            continue;
        };
        let url = if u.value.contains("://") {
            u.value.clone()
        } else {
            format!("https://{}", u.value)
        };
        push(
            Social {
                service: service.to_string(),
                handle,
                url: Some(url),
            },
            &mut out,
        );
    }
    for line in lines {
        for c in LABELLED.captures_iter(&line.text) {
            let (Some(label), Some(h)) = (c.get(1), c.get(2)) else {
                continue;
            };
            let span = label.start()..h.end();
            if claims.overlaps(line.idx, &(h.start()..h.end())) {
                continue;
            }
            let Some((service, strict)) = service_of_label(label.as_str()) else {
                continue;
            };
            let raw = h.as_str().trim_end_matches(['.', '-', '/']);
            let marked = raw.starts_with('@') || raw.starts_with('/');
            if strict && !marked {
                continue;
            }
            // Part of an email or a web address: not a handle.
            let after = &line.text[h.end()..];
            if raw.contains("..") || after.starts_with('@') || raw.contains('.') && !marked {
                continue;
            }
            let company = raw.to_lowercase().starts_with("/company/");
            let Some(handle) = handle_of_path(raw.trim_start_matches('@')) else {
                continue;
            };
            if service == "linkedin" && raw.starts_with('/') && !raw.contains("in/") && !company {
                continue;
            }
            let url = profile_url(service, &handle, company);
            claims.claim(line.idx, span);
            push(
                Social {
                    service: service.to_string(),
                    handle,
                    url: Some(url),
                },
                &mut out,
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{prepare_lines, web};
    use crate::ocr::OcrPage;

    fn social(text: &str) -> Vec<(String, String)> {
        let lines = prepare_lines(&OcrPage::from_text(text));
        let mut claims = Claims::new(lines.len());
        let urls = web::find(&lines, &[]).urls;
        for u in &urls {
            claims.claim(u.line, u.span.clone());
        }
        find(&lines, &urls, &mut claims)
            .into_iter()
            .map(|s| (s.service, s.handle))
            .collect()
    }

    macro_rules! social_cases {
        ($($id:ident: $text:expr => [$(($svc:expr, $h:expr)),*];)*) => {
            $(#[test] fn $id() {
                let want: Vec<(String, String)> = vec![$(($svc.to_string(), $h.to_string())),*];
                assert_eq!(social($text), want, "{}", $text);
            })*
        };
    }

    social_cases! {
        linkedin_url: "linkedin.com/in/jane-doe" => [("linkedin", "jane-doe")];
        linkedin_company_url: "www.linkedin.com/company/acme-robotics" => [("linkedin", "acme-robotics")];
        facebook_br_url: "Ei facebook.com.br/sonaocasaquemnaoquer" => [("facebook", "sonaocasaquemnaoquer")];
        github_url: "https://github.com/jdoe" => [("github", "jdoe")];
        x_url: "twitter.com/acme" => [("x", "acme")];
        instagram_label: "Instagram: @acme.br" => [("instagram", "acme.br")];
        ig_at: "IG @padaria_sol" => [("instagram", "padaria_sol")];
        facebook_icon_letter: "f @EspacoVillimpenta" => [("facebook", "EspacoVillimpenta")];
        twitter_label: "Twitter: @jdoe" => [("x", "jdoe")];
        x_label: "X: @acmecorp" => [("x", "acmecorp")];
        github_label: "GitHub: jdoe" => [("github", "jdoe")];
        linkedin_icon: "in /in/jdoe" => [("linkedin", "jdoe")];
        two_on_a_line: "Instagram @lumen | Facebook /lumenbar" => [("instagram", "lumen"), ("facebook", "lumenbar")];
        plain_site_is_not_social: "www.acme.com" => [];
        email_is_not_a_handle: "f jdoe@acme.com" => [];
        word_in_is_not_linkedin: "Specialist in robotics" => [];
        letter_f_needs_at: "f Acme" => [];
        x_needs_at: "Model X 2000" => [];
        bare_handle_unknown_network: "@acmecorp" => [];
        facebook_root_has_no_handle: "facebook.com" => [];
    }
}
