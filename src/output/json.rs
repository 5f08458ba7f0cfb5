//! JSON output (placeholder until the output module lands).
use crate::contact::Contact;
/// One contact as one JSON line.
pub fn to_json(c: &Contact) -> String {
    serde_json::to_string(c).unwrap_or_default()
}
/// A failed input as one JSON line.
pub fn error_json(source: &str, error: &str) -> String {
    serde_json::json!({"source": source, "error": error}).to_string()
}
