//! CardDAV upload against a real server: Radicale (Python, installed by
//! `scripts/setup.sh --test` into .venv), started here on 127.0.0.1 with
//! htpasswd authentication and a temporary storage folder.
//!
//! Upload a batch with `cardscan push`, read every card back over CardDAV
//! and compare fields (through vobject), upload again (no duplicates),
//! update, provoke 401 and 412, and stop the server in the middle of an
//! upload (nothing lost: the rest is pushed after a restart).
#![cfg(feature = "carddav")]

mod common;

use cardscan::contact::{Address, Contact, Name, PhoneKind};
use cardscan::output::carddav::{self, Card, Client, Config, DavError, Outcome};
use cardscan::output::vcard::{Version, write_all};
use common::{phone, vobject_read};
use serde_json::Value;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const USER: &str = "jane";
const PASSWORD: &str = "s3cret-Pa55";

/// The Python with radicale, vobject: see [`common::python_with`].
fn python_with_radicale() -> Option<PathBuf> {
    common::python_with("radicale, vobject", "CardDAV tests")
}

/// A Radicale server on 127.0.0.1; killed when dropped.
struct Radicale {
    python: PathBuf,
    dir: PathBuf,
    port: u16,
    child: Option<Child>,
}

impl Radicale {
    fn start(python: &Path, dir: &Path) -> Radicale {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        std::fs::write(dir.join("users"), format!("{USER}:{PASSWORD}\n")).unwrap();
        // The address book, made the way Radicale stores one.
        let book = dir
            .join("collections/collection-root")
            .join(USER)
            .join("contacts");
        std::fs::create_dir_all(&book).unwrap();
        std::fs::write(book.join(".Radicale.props"), r#"{"tag": "VADDRESSBOOK"}"#).unwrap();
        let config = dir.join("config");
        std::fs::write(
            &config,
            format!(
                "[server]\nhosts = 127.0.0.1:{port}\n\
                 [auth]\ntype = htpasswd\nhtpasswd_filename = {users}\n\
                 htpasswd_encryption = plain\ndelay = 0\n\
                 [storage]\nfilesystem_folder = {storage}\n\
                 [rights]\ntype = owner_only\n\
                 [web]\ntype = none\n\
                 [logging]\nlevel = warning\nmask_passwords = True\n",
                users = dir.join("users").display(),
                storage = dir.join("collections").display(),
            ),
        )
        .unwrap();
        let child = Command::new(python)
            .args(["-m", "radicale", "--config"])
            .arg(&config)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(dir.join("radicale.log")).unwrap())
            .spawn()
            .expect("start radicale");
        let server = Radicale {
            python: python.to_path_buf(),
            dir: dir.to_path_buf(),
            port,
            child: Some(child),
        };
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "radicale did not start: {}",
                std::fs::read_to_string(dir.join("radicale.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/{USER}/contacts/", self.port)
    }

    fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// The contacts stored, as files in Radicale's storage.
    fn stored(&self) -> usize {
        let book = self
            .dir
            .join("collections/collection-root")
            .join(USER)
            .join("contacts");
        std::fs::read_dir(book)
            .unwrap()
            .filter(|e| {
                let name = e.as_ref().unwrap().file_name();
                name.to_string_lossy().ends_with(".vcf")
            })
            .count()
    }
}

impl Drop for Radicale {
    fn drop(&mut self) {
        self.stop();
    }
}

fn client(url: &str, password: &str) -> Client {
    let mut config = Config::new(url, USER, password);
    config.tries = 2;
    config.backoff = Duration::from_millis(50);
    config.timeout = Duration::from_secs(10);
    Client::new(config).unwrap()
}

fn contacts(n: usize) -> Vec<Contact> {
    (0..n)
        .map(|i| Contact {
            name: Some(Name {
                full: format!("Person {i} Ação; 日本"),
                given: Some(format!("Person {i}")),
                family: Some("Ação; 日本".into()),
                ..Name::default()
            }),
            org: Some(format!("Org {i}, Inc. 🚀")),
            title: Some("Engineer \\ Lead".into()),
            emails: vec![format!("person{i}@example.org")],
            phones: vec![
                phone(&format!("+1415555{i:04}"), PhoneKind::Work, None),
                phone(&format!("+4420794{i:05}"), PhoneKind::Mobile, None),
            ],
            addresses: vec![Address {
                text: "1 Main St, Springfield".into(),
                street: Some("1 Main St".into()),
                city: Some("Springfield".into()),
                ..Address::default()
            }],
            note: (i == 0).then(|| "Scanned from a.jpg on 2026-11-26".into()),
            ..Contact::default()
        })
        .collect()
}

fn cardscan(args: &[&str], password: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cardscan"))
        .args(args)
        .env("CARDSCAN_CARDDAV_PASSWORD", password)
        .stdin(Stdio::null())
        .output()
        .expect("run cardscan")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Reads a vCard with vobject (scripts/check_vcard.py): its one card.
fn vobject_card(python: &Path, vcf: &str) -> Value {
    let cards = vobject_read(python, vcf);
    assert_eq!(cards.len(), 1, "{vcf}");
    cards.into_iter().next().unwrap()
}

#[test]
fn radicale_round_trip() {
    let Some(python) = python_with_radicale() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut server = Radicale::start(&python, dir);
    let batch = contacts(6);
    let vcf_path = dir.join("contacts.vcf");
    let mut vcf = Vec::new();
    write_all(&batch, Version::V3, &mut vcf).unwrap();
    std::fs::write(&vcf_path, &vcf).unwrap();
    let file = vcf_path.to_str().unwrap();
    let url = server.url();

    // Upload the batch.
    let out = cardscan(&["push", file, "--url", &url, "--user", USER], PASSWORD);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out).matches(": uploaded").count(),
        6,
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains(PASSWORD));
    assert_eq!(server.stored(), 6);

    // Read every card back over CardDAV and compare fields.
    let dav = client(&url, PASSWORD);
    for c in &batch {
        let (text, etag) = dav.get(&c.uid()).unwrap().expect("on the server");
        assert!(etag.is_some(), "Radicale gives an ETag");
        let card = vobject_card(&server.python, &text);
        assert_eq!(card["uid"], c.uid().as_str());
        assert_eq!(card["fn"], c.name.as_ref().unwrap().full.as_str());
        assert_eq!(card["n"]["family"], "Ação; 日本");
        assert_eq!(card["org"][0], c.org.as_deref().unwrap());
        assert_eq!(card["title"], "Engineer \\ Lead");
        assert_eq!(card["emails"][0]["value"], c.emails[0].as_str());
        let tels: Vec<&str> = card["tels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["value"].as_str().unwrap())
            .collect();
        assert_eq!(
            tels,
            [c.phones[0].number.as_str(), c.phones[1].number.as_str()]
        );
        assert_eq!(card["adrs"][0]["city"], "Springfield");
        assert_eq!(card["note"].as_str(), c.note.as_deref());
    }

    // Upload again: nothing replaced, no duplicates.
    let out = cardscan(&["push", file, "--url", &url, "--user", USER], PASSWORD);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out).matches("already on the server").count(), 6);
    assert_eq!(server.stored(), 6);

    // --update replaces them (If-Match with the server's ETag).
    let mut changed = batch.clone();
    changed[2].title = Some("CTO".into());
    let mut vcf = Vec::new();
    write_all(&changed, Version::V3, &mut vcf).unwrap();
    std::fs::write(&vcf_path, &vcf).unwrap();
    let out = cardscan(
        &["push", file, "--url", &url, "--user", USER, "--update"],
        PASSWORD,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out).matches(": updated").count(), 6);
    assert_eq!(server.stored(), 6);
    let (text, _) = dav.get(&batch[2].uid()).unwrap().unwrap();
    assert_eq!(vobject_card(&server.python, &text)["title"], "CTO");

    // 412: replacing with an ETag the server no longer has.
    let card = Card::from_contact(&changed[1], Version::V3);
    let (_, old_etag) = dav.get(&card.uid).unwrap().unwrap();
    let old_etag = old_etag.unwrap();
    let mut newer = changed[1].clone();
    newer.title = Some("Changed elsewhere".into());
    assert_eq!(
        dav.put(&Card::from_contact(&newer, Version::V3), true),
        Ok(Outcome::Updated)
    );
    assert_eq!(dav.replace(&card, &old_etag), Err(DavError::Conflict));
    let (text, _) = dav.get(&card.uid).unwrap().unwrap();
    assert_eq!(
        vobject_card(&server.python, &text)["title"],
        "Changed elsewhere",
        "the newer copy was not overwritten"
    );

    // 401: a wrong password stops at once; every card is kept to push again.
    let out = cardscan(
        &["push", file, "--url", &url, "--user", USER],
        "wrong-password",
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("authentication failed"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("wrong-password"));
    let unsent = dir.join("contacts.unsent.vcf");
    let kept = std::fs::read_to_string(&unsent).unwrap();
    assert_eq!(carddav::split_vcards(&kept).len(), 6);
    assert_eq!(
        dav.put(&card, false).map_err(|e| e.to_string()),
        Ok(Outcome::Exists)
    );
    let wrong = client(&url, "nope");
    assert!(matches!(
        wrong.get(&card.uid),
        Err(DavError::Unauthorized(_))
    ));
    // 404: no such address book.
    let missing = client(&url.replace("/contacts/", "/nothing-here/"), PASSWORD);
    let err = missing.put(&card, false).unwrap_err();
    assert!(matches!(err, DavError::NotFound(..)), "{err}");

    // scan --carddav: the scanned card is uploaded too.
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sample-card.png");
    let out = cardscan(
        &[
            "scan",
            sample.to_str().unwrap(),
            "--carddav",
            &url,
            "--user",
            USER,
        ],
        PASSWORD,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("FN:Jane Q. Doe"));
    assert!(stderr(&out).contains("Jane Q. Doe ("), "{}", stderr(&out));
    assert_eq!(
        stderr(&out).matches(": uploaded").count(),
        1,
        "{}",
        stderr(&out)
    );
    assert_eq!(server.stored(), 7);

    // The server dies in the middle of an upload: what was not uploaded is
    // returned, and pushed after a restart; nothing is lost or doubled.
    let more: Vec<Card> = contacts(12)[6..]
        .iter()
        .map(|c| Card::from_contact(c, Version::V3))
        .collect();
    let mut sent = 0;
    let report = carddav::push_all(&dav, more.clone(), false, |_, result| {
        if result.is_ok() {
            sent += 1;
            if sent == 3 {
                server.stop();
            }
        }
    });
    let created = report
        .done
        .iter()
        .filter(|(_, r)| *r == Ok(Outcome::Created))
        .count();
    assert_eq!(created, 3);
    assert!(
        matches!(
            report.done.last().unwrap().1,
            Err(DavError::Unreachable(..))
        ),
        "{:?}",
        report.done.last()
    );
    assert_eq!(report.unsent, more[3..].to_vec());
    let server = Radicale::start(&python, dir);
    let dav = client(&server.url(), PASSWORD);
    let report = carddav::push_all(&dav, report.unsent, false, |_, _| {});
    assert!(report.unsent.is_empty(), "{:?}", report.done);
    assert_eq!(server.stored(), 13);
    for card in &more {
        assert!(dav.get(&card.uid).unwrap().is_some());
    }
}
