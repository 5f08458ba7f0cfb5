//! Scoring contacts against labelled cards, with the rules of the shared
//! label format (`LABELS.md`; `score.py` is the reference implementation this
//! follows line by line): per-field precision, recall and F1, micro-averaged
//! over the cards, and the headline mean F1 of name, org, title, emails,
//! phones and urls.

use crate::contact::Contact;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// One labelled card (`LABELS.md`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Label {
    /// Image file name.
    pub image: String,
    /// Main language of the card (`en`, `pt`, ...).
    pub lang: Option<String>,
    /// Country of the card's national phone numbers.
    pub region: Option<String>,
    /// The person's full name.
    pub name: Option<String>,
    /// Company.
    pub org: Option<String>,
    /// Job title.
    pub title: Option<String>,
    /// Department.
    pub department: Option<String>,
    /// Emails.
    pub emails: Vec<String>,
    /// Phones.
    pub phones: Vec<LabelPhone>,
    /// Web addresses.
    pub urls: Vec<String>,
    /// Main postal address on one line.
    pub address: Option<String>,
    /// Free-text notes.
    pub notes: Option<String>,
}

/// A labelled phone number.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct LabelPhone {
    /// As printed.
    pub number: String,
    /// mobile | work | fax | home | other.
    pub kind: Option<String>,
}

/// Reads a labels file (a JSON array of [`Label`]).
pub fn load_labels(path: &Path) -> Result<Vec<Label>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: not a labels file: {e}", path.display()))
}

/// The fields scored, in table order.
pub const FIELDS: [&str; 7] = [
    "name", "org", "title", "emails", "phones", "urls", "address",
];
const HONORIFICS: [&str; 13] = [
    "dr", "mr", "mrs", "ms", "prof", "sr", "sra", "eng", "ing", "phd", "md", "jr", "dra",
];

/// True/false positive and false negative counts for one field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Tally {
    /// Correct predictions.
    pub tp: f64,
    /// Wrong or extra predictions.
    pub fp: f64,
    /// Labelled values missed.
    pub fn_: f64,
}

impl Tally {
    fn add(&mut self, tp: f64, fp: f64, fn_: f64) {
        self.tp += tp;
        self.fp += fp;
        self.fn_ += fn_;
    }

    /// (precision, recall, F1); an empty side counts as perfect, as in score.py.
    pub fn prf(&self) -> (f64, f64, f64) {
        let p = if self.tp + self.fp > 0.0 {
            self.tp / (self.tp + self.fp)
        } else {
            1.0
        };
        let r = if self.tp + self.fn_ > 0.0 {
            self.tp / (self.tp + self.fn_)
        } else {
            1.0
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

/// How often predictions were right, split at a confidence threshold: the
/// check that a field's confidence means what it says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Calibration {
    /// Predictions with confidence at or above [`CONFIDENT`].
    pub confident: usize,
    /// Of those, the right ones (every predicted value correct).
    pub confident_right: usize,
    /// Predictions below it.
    pub unsure: usize,
    /// Of those, the right ones.
    pub unsure_right: usize,
}

/// The confidence from which a field counts as confident in [`Calibration`].
pub const CONFIDENT: f32 = 0.8;

impl Calibration {
    fn add(&mut self, confidence: f32, right: bool) {
        if confidence >= CONFIDENT {
            self.confident += 1;
            self.confident_right += usize::from(right);
        } else {
            self.unsure += 1;
            self.unsure_right += usize::from(right);
        }
    }
}

/// One card's result.
#[derive(Debug, Clone, Serialize)]
pub struct CardResult {
    /// Image file name.
    pub image: String,
    /// The scan failed (its error), or no prediction was given.
    pub error: Option<String>,
    /// Fields scored wrong, each with what was expected and what was predicted.
    pub misses: Vec<Miss>,
}

/// A wrongly scored field on one card.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    /// Field name.
    pub field: String,
    /// The label's value.
    pub expected: String,
    /// The prediction.
    pub predicted: String,
}

/// The scores of a set of cards.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Number of labelled cards.
    pub cards: usize,
    /// Cards without a usable prediction.
    pub without_prediction: usize,
    /// Tallies in [`FIELDS`] order.
    pub fields: Vec<(String, Tally)>,
    /// Mean word-F1 of the address over cards with a labelled address.
    pub address_f1_mean: Option<f64>,
    /// Headline: mean F1 over name, org, title, emails, phones, urls.
    pub mean_f1: f64,
    /// Per field in [`FIELDS`] order: how often a prediction was right, by
    /// its confidence. A list field is right when none of its values is wrong.
    pub calibration: Vec<(String, Calibration)>,
    /// Per-card results.
    pub per_card: Vec<CardResult>,
}

fn fold(s: &str) -> String {
    s.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
}

fn tokens(s: &str, drop: &[&str]) -> Vec<String> {
    // Python's `[\w]+`: letters, digits, marks and underscore.
    fold(s)
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty() && !drop.contains(t))
        .map(str::to_string)
        .collect()
}

/// Word-level F1 between two strings (case and accents ignored).
pub fn token_f1(a: &str, b: &str, drop: &[&str]) -> f64 {
    let (ta, tb) = (tokens(a, drop), tokens(b, drop));
    if ta.is_empty() && tb.is_empty() {
        return 1.0;
    }
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let mut pool = tb.clone();
    let mut common = 0usize;
    for t in &ta {
        if let Some(i) = pool.iter().position(|x| x == t) {
            pool.remove(i);
            common += 1;
        }
    }
    if common == 0 {
        return 0.0;
    }
    let (p, r) = (
        common as f64 / ta.len() as f64,
        common as f64 / tb.len() as f64,
    );
    2.0 * p * r / (p + r)
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Two numbers match when their last 8 digits agree (all when shorter).
pub fn phone_match(a: &str, b: &str) -> bool {
    let (da, db) = (digits(a), digits(b));
    if da.len() < 6 || db.len() < 6 {
        return false;
    }
    let n = 8.min(da.len()).min(db.len());
    da[da.len() - n..] == db[db.len() - n..]
}

/// Lowercased, without scheme, `www.` and trailing `/`.
pub fn url_norm(u: &str) -> String {
    let u = fold(u);
    let mut u = u.trim().trim_end_matches('/');
    if let Some(i) = u.find("://")
        && u[..i].chars().all(|c| c.is_ascii_lowercase())
        && i > 0
    {
        u = &u[i + 3..];
    }
    u.strip_prefix("www.").unwrap_or(u).to_string()
}

fn email_norm(e: &str) -> String {
    fold(e).trim().trim_matches('.').to_string()
}

fn score_single(
    t: &mut Tally,
    truth: Option<&str>,
    pred: Option<&str>,
    thresh: f64,
    drop: &[&str],
) -> bool {
    match (
        truth.filter(|s| !s.is_empty()),
        pred.filter(|s| !s.is_empty()),
    ) {
        (Some(tr), Some(pr)) => {
            let ok = token_f1(pr, tr, drop) >= thresh;
            if ok {
                t.add(1.0, 0.0, 0.0)
            } else {
                t.add(0.0, 1.0, 1.0)
            }
            ok
        }
        (Some(_), None) => {
            t.add(0.0, 0.0, 1.0);
            false
        }
        (None, Some(_)) => {
            t.add(0.0, 1.0, 0.0);
            false
        }
        (None, None) => true,
    }
}

fn score_list(
    t: &mut Tally,
    truth: &[String],
    pred: &[String],
    eq: impl Fn(&str, &str) -> bool,
) -> bool {
    let mut pool: Vec<&String> = pred.iter().collect();
    let mut tp = 0usize;
    for x in truth {
        if let Some(i) = pool.iter().position(|y| eq(x, y)) {
            pool.remove(i);
            tp += 1;
        }
    }
    t.add(tp as f64, pool.len() as f64, (truth.len() - tp) as f64);
    tp == truth.len() && pool.is_empty()
}

/// Scores predictions (by image file name; `Err` holds a scan error) against labels.
pub fn score(labels: &[Label], preds: &HashMap<String, Result<Contact, String>>) -> Report {
    let mut tallies = vec![Tally::default(); FIELDS.len()];
    let mut addr_f1 = Vec::new();
    let mut missing = 0;
    let mut per_card = Vec::new();
    let mut calibration = vec![Calibration::default(); FIELDS.len()];
    let empty = Contact::default();
    for lab in labels {
        let (p, error) = match preds.get(&lab.image) {
            Some(Ok(c)) => (c, None),
            Some(Err(e)) => (&empty, Some(e.clone())),
            None => (&empty, Some("no prediction".to_string())),
        };
        if error.is_some() {
            missing += 1;
        }
        let name = p.name.as_ref().map(|n| n.full.clone());
        let phones: Vec<String> = p.phones.iter().map(|ph| ph.number.clone()).collect();
        let address = p.addresses.first().map(|a| a.text.clone());
        let mut misses = Vec::new();
        let mut note = |field: &str, ok: bool, expected: String, predicted: String| {
            if !ok {
                misses.push(Miss {
                    field: field.into(),
                    expected,
                    predicted,
                });
            }
        };
        let show = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
        let singles = [
            (0, &lab.name, &name, 0.99, &HONORIFICS[..]),
            (1, &lab.org, &p.org, 0.8, &[][..]),
            (2, &lab.title, &p.title, 0.8, &[][..]),
        ];
        let fp_before: Vec<f64> = tallies.iter().map(|t| t.fp).collect();
        for (i, truth, pred, th, drop) in singles {
            let ok = score_single(&mut tallies[i], truth.as_deref(), pred.as_deref(), th, drop);
            note(FIELDS[i], ok, show(truth), show(pred));
        }
        let norm = |v: &[String], f: fn(&str) -> String| v.iter().map(|s| f(s)).collect::<Vec<_>>();
        let (te, pe) = (norm(&lab.emails, email_norm), norm(&p.emails, email_norm));
        let ok = score_list(&mut tallies[3], &te, &pe, |a, b| a == b);
        note("emails", ok, te.join(" "), pe.join(" "));
        let tp: Vec<String> = lab.phones.iter().map(|ph| ph.number.clone()).collect();
        let ok = score_list(&mut tallies[4], &tp, &phones, phone_match);
        note("phones", ok, tp.join(" | "), phones.join(" | "));
        let (tu, pu) = (norm(&lab.urls, url_norm), norm(&p.urls, url_norm));
        let ok = score_list(&mut tallies[5], &tu, &pu, |a, b| a == b);
        note("urls", ok, tu.join(" "), pu.join(" "));
        if let Some(ta) = lab.address.as_deref().filter(|s| !s.is_empty()) {
            addr_f1.push(token_f1(address.as_deref().unwrap_or(""), ta, &[]));
        }
        let ok = score_single(
            &mut tallies[6],
            lab.address.as_deref(),
            address.as_deref(),
            0.8,
            &[],
        );
        note("address", ok, show(&lab.address), show(&address));
        if error.is_none() {
            let predicted = [
                name.is_some(),
                p.org.is_some(),
                p.title.is_some(),
                !p.emails.is_empty(),
                !p.phones.is_empty(),
                !p.urls.is_empty(),
                address.is_some(),
            ];
            for (i, field) in FIELDS.iter().enumerate() {
                if predicted[i] {
                    let confidence = p.confidence.get(*field).copied().unwrap_or(0.0);
                    calibration[i].add(confidence, tallies[i].fp == fp_before[i]);
                }
            }
        }
        per_card.push(CardResult {
            image: lab.image.clone(),
            error,
            misses,
        });
    }
    let core: Vec<f64> = tallies[..6].iter().map(|t| t.prf().2).collect();
    Report {
        cards: labels.len(),
        without_prediction: missing,
        fields: FIELDS.iter().map(|f| f.to_string()).zip(tallies).collect(),
        address_f1_mean: (!addr_f1.is_empty())
            .then(|| addr_f1.iter().sum::<f64>() / addr_f1.len() as f64),
        mean_f1: core.iter().sum::<f64>() / core.len() as f64,
        calibration: FIELDS
            .iter()
            .map(|f| f.to_string())
            .zip(calibration)
            .collect(),
        per_card,
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "cards {}  without a prediction {}",
            self.cards, self.without_prediction
        )?;
        writeln!(
            f,
            "{:8} {:>6} {:>6} {:>6}   (tp/fp/fn)",
            "field", "P", "R", "F1"
        )?;
        for (name, t) in &self.fields {
            let (p, r, f1) = t.prf();
            writeln!(
                f,
                "{name:8} {p:6.3} {r:6.3} {f1:6.3}   ({:.0}/{:.0}/{:.0})",
                t.tp, t.fp, t.fn_
            )?;
        }
        if let Some(a) = self.address_f1_mean {
            writeln!(f, "address token-F1 mean {a:.3}")?;
        }
        writeln!(
            f,
            "mean F1 over name,org,title,emails,phones,urls: {:.3}",
            self.mean_f1
        )?;
        writeln!(
            f,
            "confidence  {:>14} {:>14}",
            format!(">= {CONFIDENT}: right"),
            format!("< {CONFIDENT}: right")
        )?;
        for (name, c) in &self.calibration {
            let share = |right: usize, n: usize| {
                if n == 0 {
                    "-".to_string()
                } else {
                    format!("{right}/{n} {:3.0}%", 100.0 * right as f64 / n as f64)
                }
            };
            writeln!(
                f,
                "{name:11} {:>14} {:>14}",
                share(c.confident_right, c.confident),
                share(c.unsure_right, c.unsure)
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact::{Name, Phone, PhoneKind};

    fn label() -> Label {
        serde_json::from_str(
            r#"{"image": "a.jpg", "name": "Dr. Avery Smith", "org": "Contoso Ltd", "title": "Senior Researcher",
                "emails": ["avery.smith@contoso.com"], "phones": [{"number": "+44 (0) 20 9876 5432", "kind": "work"}],
                "urls": ["https://www.contoso.com/"], "address": "2 Kingdom Street, London W2 6BD"}"#,
        )
        .unwrap()
    }

    fn contact() -> Contact {
        Contact {
            name: Some(Name {
                full: "Avery Smith".into(),
                ..Default::default()
            }),
            org: Some("CONTOSO LTD.".into()),
            title: Some("Researcher".into()),
            emails: vec!["Avery.Smith@contoso.com".into()],
            phones: vec![
                Phone {
                    number: "+442098765432".into(),
                    kind: PhoneKind::Work,
                    raw: String::new(),
                    extension: None,
                },
                Phone {
                    number: "+442000000000".into(),
                    kind: PhoneKind::Fax,
                    raw: String::new(),
                    extension: None,
                },
            ],
            urls: vec!["contoso.com".into()],
            ..Default::default()
        }
    }

    #[test]
    fn scores_like_the_reference_scorer() {
        let preds = HashMap::from([("a.jpg".to_string(), Ok(contact()))]);
        let r = score(&[label()], &preds);
        let t = |f: &str| r.fields.iter().find(|(n, _)| n == f).unwrap().1;
        // Honorifics and case ignored in names.
        assert_eq!(
            t("name"),
            Tally {
                tp: 1.0,
                fp: 0.0,
                fn_: 0.0
            }
        );
        assert_eq!(t("org").tp, 1.0);
        // "Researcher" vs "Senior Researcher": word F1 0.67 < 0.8.
        assert_eq!(
            t("title"),
            Tally {
                tp: 0.0,
                fp: 1.0,
                fn_: 1.0
            }
        );
        assert_eq!(t("emails").tp, 1.0);
        // One right number, one extra.
        assert_eq!(
            t("phones"),
            Tally {
                tp: 1.0,
                fp: 1.0,
                fn_: 0.0
            }
        );
        assert_eq!(t("urls").tp, 1.0);
        assert_eq!(
            t("address"),
            Tally {
                tp: 0.0,
                fp: 0.0,
                fn_: 1.0
            }
        );
        assert_eq!(r.address_f1_mean, Some(0.0));
        let misses: Vec<&str> = r.per_card[0]
            .misses
            .iter()
            .map(|m| m.field.as_str())
            .collect();
        assert_eq!(misses, ["title", "phones", "address"]);
        // name 1, org 1, title 0, emails 1, phones 2/3 (P .5 R 1), urls 1.
        assert!(
            (r.mean_f1 - (4.0 + 2.0 / 3.0) / 6.0).abs() < 1e-9,
            "{}",
            r.mean_f1
        );
    }

    #[test]
    fn calibration_counts_right_predictions_by_confidence() {
        let mut c = contact();
        c.confidence = [
            ("name", 0.9),
            ("org", 0.5),
            ("title", 0.95),
            ("phones", 0.85),
        ]
        .map(|(f, v)| (f.to_string(), v))
        .into();
        let preds = HashMap::from([("a.jpg".to_string(), Ok(c))]);
        let r = score(&[label()], &preds);
        let cal = |f: &str| r.calibration.iter().find(|(n, _)| n == f).unwrap().1;
        let at = |confident, confident_right, unsure, unsure_right| Calibration {
            confident,
            confident_right,
            unsure,
            unsure_right,
        };
        assert_eq!(cal("name"), at(1, 1, 0, 0));
        assert_eq!(cal("org"), at(0, 0, 1, 1));
        // A confident but wrong title, and phones with one wrong extra number.
        assert_eq!(cal("title"), at(1, 0, 0, 0));
        assert_eq!(cal("phones"), at(1, 0, 0, 0));
        // No confidence given counts as unsure; no prediction is not counted.
        assert_eq!(cal("emails"), at(0, 0, 1, 1));
        assert_eq!(cal("address"), at(0, 0, 0, 0));
        assert!(r.to_string().contains("title             0/1   0%"), "{r}");
    }

    #[test]
    fn failed_scan_counts_as_missing_everything() {
        let preds = HashMap::from([("a.jpg".to_string(), Err("boom".to_string()))]);
        let r = score(&[label()], &preds);
        assert_eq!(r.without_prediction, 1);
        assert_eq!(r.mean_f1, 0.0);
    }

    #[test]
    fn helpers_follow_label_rules() {
        assert!(phone_match("(11) 9 9374 0268", "+5511993740268"));
        assert!(!phone_match("2294-9484", "2294-9485"));
        assert!(!phone_match("12345", "12345"));
        assert_eq!(url_norm("HTTPS://WWW.Contoso.com/"), "contoso.com");
        assert_eq!(
            token_f1("Eletrônica ADACHI Ltda.", "eletronica adachi ltda", &[]),
            1.0
        );
    }
}
