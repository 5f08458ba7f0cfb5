//! `cardscan push` and `scan --carddav`: contacts into a CardDAV address
//! book. The password comes from `CARDSCAN_CARDDAV_PASSWORD` or a prompt,
//! never from the command line, and is never printed.

use super::args::{DavOpts, PushArgs, UploadOpts};
use super::messages::{self, Outcome};
use anyhow::{Context, Result, bail};
use cardscan::Contact;
use cardscan::output::carddav::{self, Card, Client, Config};
use cardscan::output::vcard::Version;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// The environment variable that holds the CardDAV password.
pub const PASSWORD_ENV: &str = "CARDSCAN_CARDDAV_PASSWORD";

pub fn run(args: PushArgs) -> Result<Outcome> {
    let text = std::fs::read_to_string(&args.file)
        .with_context(|| format!("{}: cannot read", args.file.display()))?;
    let cards = carddav::split_vcards(&text);
    if cards.is_empty() {
        bail!("{}: no vCards in it", args.file.display());
    }
    let unsent = args
        .dav
        .unsent
        .clone()
        .unwrap_or_else(|| unsent_beside(&args.file));
    let mut dav = args.dav;
    dav.url = Some(args.url);
    push(cards, &dav, &unsent)
}

/// `FILE.vcf` -> `FILE.unsent.vcf` beside it.
fn unsent_beside(file: &Path) -> PathBuf {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "contacts".into());
    file.with_file_name(format!("{stem}.unsent.vcf"))
}

fn password(user: &str) -> Result<String> {
    if let Ok(p) = std::env::var(PASSWORD_ENV) {
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        bail!("no CardDAV password: set {PASSWORD_ENV} (it is never read from the command line)");
    }
    rpassword::prompt_password(format!("CardDAV password for {user}: "))
        .context("reading the password")
}

/// `--carddav URL` on scan and batch: uploads the contacts that hold any
/// detail; gives how many could not be uploaded.
pub fn upload(contacts: &[Contact], opts: &UploadOpts, version: Version) -> Result<usize> {
    let Some(url) = &opts.carddav else {
        return Ok(0);
    };
    let cards = contacts
        .iter()
        .filter(|c| !c.is_empty())
        .map(|c| Card::from_contact(c, version))
        .collect();
    let mut dav = opts.dav.clone();
    dav.url = Some(url.clone());
    let unsent = dav
        .unsent
        .clone()
        .unwrap_or_else(|| "cardscan.unsent.vcf".into());
    Ok(push(cards, &dav, &unsent)?.failed)
}

/// Uploads `cards`, one status line each on stderr; the cards that did not
/// get there are written to `unsent` (and a previous such file removed when
/// everything got through).
pub fn push(cards: Vec<Card>, dav: &DavOpts, unsent: &Path) -> Result<Outcome> {
    let url = dav.url.as_deref().context("no CardDAV URL")?;
    let user = dav
        .user
        .as_deref()
        .context("--user is required for CardDAV")?;
    let client = Client::new(Config::new(url, user, &password(user)?))?;
    let total = cards.len();
    let report = carddav::push_all(&client, cards, dav.update, |card, result| {
        let what = match result {
            Ok(carddav::Outcome::Created) => "uploaded".to_string(),
            Ok(carddav::Outcome::Updated) => "updated".to_string(),
            Ok(carddav::Outcome::Exists) => {
                "already on the server, left as it is (--update replaces it)".to_string()
            }
            Err(e) => format!("NOT uploaded: {e}"),
        };
        messages::info(&format!("{} ({}): {what}", card.name, card.uid));
    });
    let outcome = Outcome {
        total,
        failed: report.unsent.len(),
    };
    if report.unsent.is_empty() {
        if unsent.exists() {
            let _ = std::fs::remove_file(unsent);
        }
        messages::info(&format!("{total} contacts on the server"));
        return Ok(outcome);
    }
    let text: String = report.unsent.iter().map(|c| c.text.as_str()).collect();
    let mut sink = super::write::Sink::open(Some(unsent), true)?;
    std::io::Write::write_all(&mut sink, text.as_bytes())?;
    sink.finish()?;
    messages::error(&format!(
        "{} of {total} contacts not uploaded; saved to {} (push it again with: cardscan push {} --url {url} --user {user})",
        report.unsent.len(),
        unsent.display(),
        unsent.display(),
    ));
    Ok(outcome)
}
