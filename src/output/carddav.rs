//! CardDAV upload (feature `carddav`): each contact is PUT as its own
//! resource, `<UID>.vcf` in the address book, so uploading a card again
//! never makes a duplicate.
//!
//! - New contacts are sent with `If-None-Match: *`: a contact already on the
//!   server is never silently overwritten ([`Outcome::Exists`]).
//! - With `update`, the resource is read first and sent back with
//!   `If-Match: <ETag>`, so a change made on the server meanwhile is not
//!   lost either ([`DavError::Conflict`]).
//! - 5xx answers, timeouts and connection failures are retried with
//!   exponential backoff. 401/403/404 and an unreachable server stop the
//!   run: every later card would fail the same way. [`push_all`] returns the
//!   cards that were not uploaded, so the caller can save them and push them
//!   again; nothing is lost when the server dies half-way.
//!
//! Plain HTTP (ureq, rustls) rather than a CardDAV client library: uploading
//! needs only PUT and GET on a known address-book URL.

use crate::contact::Contact;
use crate::output::vcard::{self, Version};
use std::time::Duration;

/// One vCard to upload, with its UID and a name to report it by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// The UID (without `urn:uuid:`), which names the resource.
    pub uid: String,
    /// The `FN`, for messages.
    pub name: String,
    /// The whole vCard, CRLF line ends.
    pub text: String,
}

impl Card {
    /// The card for a contact, written as a vCard of `version`.
    pub fn from_contact(contact: &Contact, version: Version) -> Card {
        let text = vcard::to_vcard(contact, version);
        let mut cards = split_vcards(&text);
        cards.pop().expect("to_vcard writes one card")
    }
}

/// Splits a `.vcf` stream into its cards. A card without a UID gets one
/// (the name-based UUID of its text), since CardDAV requires it.
pub fn split_vcards(vcf: &str) -> Vec<Card> {
    let mut cards = Vec::new();
    let mut current: Option<Vec<&str>> = None;
    for line in vcf.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)) {
        let upper = line.trim().to_ascii_uppercase();
        if upper == "BEGIN:VCARD" {
            current = Some(vec![line.trim()]);
        } else if let Some(lines) = current.as_mut() {
            lines.push(line);
            if upper == "END:VCARD" {
                let lines = current.take().expect("inside a card");
                cards.push(card_of(&lines));
            }
        }
    }
    cards
}

fn card_of(lines: &[&str]) -> Card {
    // Logical lines: a line starting with a space or tab continues the last.
    let mut logical: Vec<String> = Vec::new();
    for line in lines {
        match line.strip_prefix([' ', '\t']) {
            Some(rest) if !logical.is_empty() => logical.last_mut().unwrap().push_str(rest),
            _ => logical.push(line.to_string()),
        }
    }
    let value = |name: &str| {
        logical.iter().find_map(|l| {
            let (head, value) = l.split_once(':')?;
            let prop = head.split(';').next()?.rsplit('.').next()?;
            prop.eq_ignore_ascii_case(name)
                .then(|| value.trim().to_string())
        })
    };
    let mut text = lines.join("\r\n");
    text.push_str("\r\n");
    let uid = value("UID").map(|u| u.strip_prefix("urn:uuid:").map(str::to_string).unwrap_or(u));
    let uid = match uid.filter(|u| !u.is_empty()) {
        Some(uid) => uid,
        None => {
            let uid = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, text.as_bytes()).to_string();
            // After BEGIN and VERSION.
            let at = text.match_indices("\r\n").nth(1).map_or(0, |(i, _)| i + 2);
            text.insert_str(at, &format!("UID:{uid}\r\n"));
            uid
        }
    };
    let name = value("FN")
        .unwrap_or_else(|| uid.clone())
        .replace("\\,", ",");
    Card { uid, name, text }
}

/// Where and how to upload.
#[derive(Debug, Clone)]
pub struct Config {
    /// The address book's URL (`https://dav.example/user/contacts/`).
    pub url: String,
    /// User name.
    pub user: String,
    /// Password. Never shown in any message.
    pub password: String,
    /// Tries per request for 5xx, timeouts and connection failures.
    pub tries: u32,
    /// Wait before the second try; doubled for each further one.
    pub backoff: Duration,
    /// Timeout of one request, connection included.
    pub timeout: Duration,
}

impl Config {
    /// Defaults: 4 tries from 1 s backoff (1, 2, 4 s), 30 s timeout.
    pub fn new(url: &str, user: &str, password: &str) -> Config {
        Config {
            url: url.to_string(),
            user: user.to_string(),
            password: password.to_string(),
            tries: 4,
            backoff: Duration::from_secs(1),
            timeout: Duration::from_secs(30),
        }
    }
}

/// What happened to one card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Uploaded as a new resource.
    Created,
    /// Replaced the resource on the server (`update`).
    Updated,
    /// Already on the server and left alone (not `update`).
    Exists,
}

/// Why a card was not uploaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DavError {
    /// The URL is not usable.
    #[error("{0}")]
    BadUrl(String),
    /// 401.
    #[error("authentication failed for user {0} (HTTP 401): check the user name and password")]
    Unauthorized(String),
    /// 403.
    #[error("user {0} may not write to {1} (HTTP 403)")]
    Forbidden(String, String),
    /// 404 / 409 on the collection.
    #[error("no address book at {0} (HTTP {1}): check the URL")]
    NotFound(String, u16),
    /// 412 on an update: the contact changed on the server meanwhile.
    #[error(
        "the contact changed on the server while it was being updated (HTTP 412); push it again"
    )]
    Conflict,
    /// 5xx, after every try.
    #[error("server error HTTP {0} (after {1} tries)")]
    Server(u16, u32),
    /// Any other status.
    #[error("unexpected HTTP {0}")]
    Status(u16),
    /// Timeouts, refused connections, TLS failures, after every try.
    #[error("cannot reach {0}: {1} (after {2} tries)")]
    Unreachable(String, String, u32),
}

impl DavError {
    /// True when every later card would fail the same way, so the run stops.
    pub fn stops_the_run(&self) -> bool {
        matches!(
            self,
            DavError::BadUrl(_)
                | DavError::Unauthorized(_)
                | DavError::Forbidden(..)
                | DavError::NotFound(..)
                | DavError::Unreachable(..)
        )
    }
}

/// A CardDAV address book to upload to.
pub struct Client {
    agent: ureq::Agent,
    config: Config,
    base: String,
    auth: String,
}

struct Answer {
    status: u16,
    etag: Option<String>,
    body: String,
}

impl Client {
    /// Checks the URL; no request is made yet.
    pub fn new(config: Config) -> Result<Client, DavError> {
        let url = config.url.trim();
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .ok_or_else(|| DavError::BadUrl(format!("{url}: not an http:// or https:// URL")))?;
        let authority = rest.split('/').next().unwrap_or("");
        if authority.contains('@') {
            return Err(DavError::BadUrl(
                "the URL must not hold a user or password: give the user separately".into(),
            ));
        }
        if authority.is_empty() {
            return Err(DavError::BadUrl(format!("{url}: no host")));
        }
        let mut base = url.to_string();
        if !base.ends_with('/') {
            base.push('/');
        }
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(config.timeout))
            .http_status_as_error(false)
            .build()
            .into();
        let auth = format!(
            "Basic {}",
            vcard::base64(format!("{}:{}", config.user, config.password).as_bytes())
        );
        Ok(Client {
            agent,
            config,
            base,
            auth,
        })
    }

    /// The resource URL of a card: the address book, then `<UID>.vcf`
    /// (characters other than letters, digits and `-_.@` percent-encoded).
    pub fn url_of(&self, uid: &str) -> String {
        let mut name = String::new();
        for b in uid.bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'@') {
                name.push(b as char);
            } else {
                name.push_str(&format!("%{b:02X}"));
            }
        }
        format!("{}{name}.vcf", self.base)
    }

    /// Uploads one card: as new (`If-None-Match: *`), or with `update` over
    /// the server's copy (`If-Match` its ETag; as new when there is none).
    pub fn put(&self, card: &Card, update: bool) -> Result<Outcome, DavError> {
        let url = self.url_of(&card.uid);
        if update {
            let current = self.request("GET", &url, &[], None)?;
            match current.status {
                200..=299 => {
                    if let Some(etag) = current.etag {
                        return self.replace(card, &etag);
                    }
                    // No ETag to match: replace unconditionally.
                    let a = self.request("PUT", &url, &[], Some(&card.text))?;
                    return match a.status {
                        200..=299 => Ok(Outcome::Updated),
                        s => Err(self.error(s)),
                    };
                }
                404 | 410 => {}
                s => return Err(self.error(s)),
            }
        }
        let a = self.request("PUT", &url, &[("If-None-Match", "*")], Some(&card.text))?;
        match a.status {
            200..=299 => Ok(Outcome::Created),
            412 if update => Err(DavError::Conflict),
            412 => Ok(Outcome::Exists),
            s => Err(self.error(s)),
        }
    }

    /// Replaces the server's copy of a card only if it still has `etag`
    /// (`If-Match`); [`DavError::Conflict`] when it changed meanwhile.
    pub fn replace(&self, card: &Card, etag: &str) -> Result<Outcome, DavError> {
        let url = self.url_of(&card.uid);
        let a = self.request("PUT", &url, &[("If-Match", etag)], Some(&card.text))?;
        match a.status {
            200..=299 => Ok(Outcome::Updated),
            412 => Err(DavError::Conflict),
            s => Err(self.error(s)),
        }
    }

    /// Reads a card back: its text and ETag, `None` when it is not there.
    pub fn get(&self, uid: &str) -> Result<Option<(String, Option<String>)>, DavError> {
        let a = self.request("GET", &self.url_of(uid), &[], None)?;
        match a.status {
            200..=299 => Ok(Some((a.body, a.etag))),
            404 | 410 => Ok(None),
            s => Err(self.error(s)),
        }
    }

    fn error(&self, status: u16) -> DavError {
        match status {
            401 => DavError::Unauthorized(self.config.user.clone()),
            403 => DavError::Forbidden(self.config.user.clone(), self.base.clone()),
            404 | 409 => DavError::NotFound(self.base.clone(), status),
            412 => DavError::Conflict,
            s => DavError::Status(s),
        }
    }

    /// One request, tried again on 5xx and transport errors.
    fn request(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Result<Answer, DavError> {
        let tries = self.config.tries.max(1);
        let mut wait = self.config.backoff;
        let mut last = String::new();
        for attempt in 1..=tries {
            if attempt > 1 {
                std::thread::sleep(wait);
                wait *= 2;
            }
            let result = match (method, body) {
                ("PUT", Some(body)) => {
                    let mut req = self
                        .agent
                        .put(url)
                        .header("Authorization", &self.auth)
                        .header("Content-Type", "text/vcard; charset=utf-8");
                    for (name, value) in headers {
                        req = req.header(*name, *value);
                    }
                    req.send(body.as_bytes())
                }
                _ => {
                    let mut req = self.agent.get(url).header("Authorization", &self.auth);
                    for (name, value) in headers {
                        req = req.header(*name, *value);
                    }
                    req.call()
                }
            };
            match result {
                Ok(mut response) => {
                    let status = response.status().as_u16();
                    if (500..=599).contains(&status) && attempt < tries {
                        continue;
                    }
                    if (500..=599).contains(&status) {
                        return Err(DavError::Server(status, tries));
                    }
                    let etag = response
                        .headers()
                        .get("etag")
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_string);
                    let body = if method == "GET" && (200..=299).contains(&status) {
                        response.body_mut().read_to_string().unwrap_or_default()
                    } else {
                        String::new()
                    };
                    return Ok(Answer { status, etag, body });
                }
                Err(e) => last = e.to_string(),
            }
        }
        Err(DavError::Unreachable(self.base.clone(), last, tries))
    }
}

/// The result of uploading several cards.
#[derive(Debug, Default)]
pub struct Report {
    /// Each card that was tried, and what happened.
    pub done: Vec<(Card, Result<Outcome, DavError>)>,
    /// Cards not on the server: those that failed and those never tried
    /// after the run stopped. Push them again later.
    pub unsent: Vec<Card>,
}

/// Uploads `cards` one by one, calling `progress` after each. Stops at the
/// first error that every later card would share (401, 403, 404, server
/// unreachable); those cards are in [`Report::unsent`] with the failed ones.
pub fn push_all(
    client: &Client,
    cards: Vec<Card>,
    update: bool,
    mut progress: impl FnMut(&Card, &Result<Outcome, DavError>),
) -> Report {
    let mut report = Report::default();
    let mut cards = cards.into_iter();
    for card in cards.by_ref() {
        let result = client.put(&card, update);
        progress(&card, &result);
        let stop = result.as_ref().is_err_and(DavError::stops_the_run);
        if result.is_err() {
            report.unsent.push(card.clone());
        }
        report.done.push((card, result));
        if stop {
            break;
        }
    }
    report.unsent.extend(cards);
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::jane;

    #[test]
    fn split_keeps_each_card_and_its_uid() {
        let a = vcard::to_vcard(&jane(), Version::V3);
        let b = vcard::to_vcard(&Contact::default(), Version::V4);
        let legacy = "begin:vcard\nversion:3.0\nFN:Old\\, Card\nN:;Old;;;\nEND:VCARD\n";
        let cards = split_vcards(&format!("{a}{b}\r\n{legacy}"));
        assert_eq!(cards.len(), 3);
        assert_eq!(cards[0].uid, jane().uid());
        assert_eq!(cards[0].name, "Jane Q. Doe");
        assert_eq!(cards[0].text, a);
        assert_eq!(cards[1].uid, Contact::default().uid(), "urn:uuid: stripped");
        assert_eq!(cards[1].text, b);
        // No UID: one is made from the text and written into the card.
        assert_eq!(cards[2].name, "Old, Card");
        assert!(uuid::Uuid::parse_str(&cards[2].uid).is_ok());
        assert!(cards[2].text.starts_with(&format!(
            "begin:vcard\r\nversion:3.0\r\nUID:{}\r\nFN:",
            cards[2].uid
        )));
        assert_eq!(split_vcards(legacy)[0].uid, cards[2].uid, "stable");
        // A folded UID line.
        let folded = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:abc\r\n def\r\nFN:x\r\nEND:VCARD\r\n";
        assert_eq!(split_vcards(folded)[0].uid, "abcdef");
    }

    #[test]
    fn urls() {
        let client = Client::new(Config::new("https://dav.example/u/book", "u", "p")).unwrap();
        assert_eq!(
            client.url_of("22931ff7-013e-5159-b638-f6d6303383bb"),
            "https://dav.example/u/book/22931ff7-013e-5159-b638-f6d6303383bb.vcf"
        );
        assert_eq!(
            client.url_of("a/b c"),
            "https://dav.example/u/book/a%2Fb%20c.vcf"
        );
        for bad in [
            "ftp://x/",
            "dav.example/book",
            "https://u:secret@dav.example/",
            "https:///x",
        ] {
            let err = Client::new(Config::new(bad, "u", "secret")).err().unwrap();
            assert!(!err.to_string().contains("secret"), "{err}");
        }
    }

    /// A one-thread HTTP server on 127.0.0.1 that answers each connection
    /// with the next status (`None`: say nothing, so the client times out).
    /// Returns the URL and a handle giving the requests' first lines.
    fn fake_server(answers: Vec<Option<u16>>) -> (String, std::thread::JoinHandle<Vec<String>>) {
        use std::io::{BufRead, BufReader, Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/u/book/", listener.local_addr().unwrap());
        let handle = std::thread::spawn(move || {
            let mut seen = Vec::new();
            for answer in answers {
                let (stream, _) = listener.accept().unwrap();
                let mut reader = BufReader::new(stream);
                let mut first = String::new();
                reader.read_line(&mut first).unwrap();
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    reader.read_line(&mut line).unwrap();
                    if line.trim().is_empty() {
                        break;
                    }
                    if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                        length = v.trim().parse().unwrap();
                    }
                }
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                seen.push(first.trim().to_string());
                let mut stream = reader.into_inner();
                match answer {
                    Some(status) => {
                        let _ = write!(
                            stream,
                            "HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        );
                    }
                    None => std::thread::sleep(Duration::from_millis(400)),
                }
            }
            seen
        });
        (url, handle)
    }

    fn quick(url: &str) -> Client {
        let mut config = Config::new(url, "u", "pw");
        config.tries = 3;
        config.backoff = Duration::from_millis(20);
        config.timeout = Duration::from_millis(200);
        Client::new(config).unwrap()
    }

    #[test]
    fn retries_5xx_and_timeouts_then_succeeds() {
        let (url, server) = fake_server(vec![Some(503), None, Some(201)]);
        let card = Card::from_contact(&jane(), Version::V3);
        assert_eq!(quick(&url).put(&card, false), Ok(Outcome::Created));
        let seen = server.join().unwrap();
        let put = format!("PUT /u/book/{}.vcf HTTP/1.1", card.uid);
        assert_eq!(seen, [put.as_str(), put.as_str(), put.as_str()]);
    }

    #[test]
    fn gives_up_after_the_last_try_with_a_clear_error() {
        let (url, server) = fake_server(vec![Some(502), Some(503), Some(500)]);
        let card = Card::from_contact(&jane(), Version::V3);
        let err = quick(&url).put(&card, false).unwrap_err();
        assert_eq!(err, DavError::Server(500, 3));
        assert!(
            !err.stops_the_run(),
            "a failing card does not stop the others"
        );
        assert_eq!(server.join().unwrap().len(), 3);
        // 4xx are not retried, and say what to do.
        for (status, expected) in [
            (401, "authentication failed for user u"),
            (403, "may not write to"),
            (404, "no address book at"),
        ] {
            let (url, server) = fake_server(vec![Some(status)]);
            let err = quick(&url).put(&card, false).unwrap_err();
            assert!(err.to_string().contains(expected), "{err}");
            assert!(err.stops_the_run());
            assert!(!err.to_string().contains("pw"));
            assert_eq!(server.join().unwrap().len(), 1);
        }
    }

    #[test]
    fn unreachable_server_stops_and_loses_nothing() {
        // A port nobody listens on: bind, note the port, close.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut config = Config::new(&format!("http://127.0.0.1:{port}/u/book/"), "u", "pw");
        config.tries = 2;
        config.backoff = Duration::from_millis(10);
        let client = Client::new(config).unwrap();
        let cards: Vec<Card> = [jane(), Contact::default()]
            .iter()
            .map(|c| Card::from_contact(c, Version::V3))
            .collect();
        let mut seen = 0;
        let report = push_all(&client, cards.clone(), false, |_, _| seen += 1);
        assert_eq!(seen, 1, "stopped after the first card");
        assert!(matches!(
            report.done[0].1,
            Err(DavError::Unreachable(_, _, 2))
        ));
        assert_eq!(report.unsent, cards);
        assert!(
            !report.done[0]
                .1
                .as_ref()
                .unwrap_err()
                .to_string()
                .contains("pw")
        );
    }
}
