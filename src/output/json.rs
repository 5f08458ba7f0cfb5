//! JSON output: one object per card on one line (JSON Lines for several).
//!
//! The object is the serde form of [`Contact`]: keys in declaration order,
//! `null` for absent values, `[]` for empty lists, `confidence` an object.
//! A card that failed is `{"source":"...","error":"..."}`.

use crate::contact::Contact;

/// One contact as a one-line JSON object (no trailing newline).
pub fn to_json(contact: &Contact) -> String {
    // Serializing plain data with string keys cannot fail; NaN confidences
    // become `null`.
    serde_json::to_string(contact).expect("Contact serializes to JSON")
}

/// A failed card as a one-line JSON object: `{"source":"...","error":"..."}`.
pub fn error_json(source: &str, error: &str) -> String {
    // Built by hand so the key order is fixed without serde_json's
    // `preserve_order` feature.
    format!(
        "{{\"source\":{},\"error\":{}}}",
        serde_json::Value::from(source),
        serde_json::Value::from(error)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
    use serde_json::{Value, json};

    /// A parsed JSON document that keeps objects' keys in document order
    /// (serde_json's `Value` sorts them without `preserve_order`).
    #[derive(Debug)]
    enum Node {
        Object(Vec<(String, Node)>),
        Array(Vec<Node>),
        Leaf,
    }

    impl<'de> Deserialize<'de> for Node {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Node;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("JSON")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                    let mut entries = Vec::new();
                    while let Some(entry) = map.next_entry()? {
                        entries.push(entry);
                    }
                    Ok(Node::Object(entries))
                }
                fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                    let mut items = Vec::new();
                    while let Some(item) = seq.next_element()? {
                        items.push(item);
                    }
                    Ok(Node::Array(items))
                }
                fn visit_bool<E>(self, _: bool) -> Result<Node, E> {
                    Ok(Node::Leaf)
                }
                fn visit_i64<E>(self, _: i64) -> Result<Node, E> {
                    Ok(Node::Leaf)
                }
                fn visit_u64<E>(self, _: u64) -> Result<Node, E> {
                    Ok(Node::Leaf)
                }
                fn visit_f64<E>(self, _: f64) -> Result<Node, E> {
                    Ok(Node::Leaf)
                }
                fn visit_str<E>(self, _: &str) -> Result<Node, E> {
                    Ok(Node::Leaf)
                }
                fn visit_unit<E>(self) -> Result<Node, E> {
                    Ok(Node::Leaf)
                }
            }
            d.deserialize_any(V)
        }
    }

    impl Node {
        fn keys(&self) -> Vec<&str> {
            match self {
                Node::Object(entries) => entries.iter().map(|(k, _)| k.as_str()).collect(),
                _ => panic!("not an object: {self:?}"),
            }
        }

        fn get(&self, key: &str) -> &Node {
            match self {
                Node::Object(entries) => &entries.iter().find(|(k, _)| k == key).unwrap().1,
                _ => panic!("not an object: {self:?}"),
            }
        }

        fn first(&self) -> &Node {
            match self {
                Node::Array(items) => &items[0],
                _ => panic!("not an array: {self:?}"),
            }
        }
    }

    fn keys(json: &str) -> Vec<String> {
        let node: Node = serde_json::from_str(json).unwrap();
        node.keys().into_iter().map(str::to_string).collect()
    }

    const KEYS: [&str; 13] = [
        "source",
        "name",
        "org",
        "department",
        "title",
        "emails",
        "phones",
        "urls",
        "domain",
        "addresses",
        "social",
        "confidence",
        "text",
    ];

    use crate::test_util::jane;

    #[test]
    fn documented_shape() {
        let out = to_json(&jane());
        assert!(!out.contains('\n'), "one line: {out}");
        assert_eq!(keys(&out), KEYS);
        let value: Value = serde_json::from_str(&out).unwrap();
        let expected = json!({
            "source": "cards/jane.jpg",
            "name": {"full": "Jane Q. Doe", "given": "Jane", "middle": "Q.", "family": "Doe",
                     "prefix": null, "suffix": null},
            "org": "Acme Robotics, Inc.", "department": null, "title": "Senior Software Engineer",
            "emails": ["jane.doe@acmerobotics.example"],
            "phones": [{"number": "+14155550132", "kind": "work", "raw": "+1 (415) 555-0132"}],
            "urls": ["https://www.acmerobotics.example"], "domain": "acmerobotics.example",
            "addresses": [{"text": "123 Market St, San Francisco, CA 94105",
                           "street": "123 Market St", "city": "San Francisco", "region": "CA",
                           "postal_code": "94105", "country": null}],
            "social": [], "confidence": {"name": 0.92, "org": 0.71},
            "text": "Jane Q. Doe\nAcme Robotics, Inc."
        });
        assert_eq!(value, expected);
        // f32 confidences print as written, not as 0.9200000166893005.
        assert!(
            out.contains(r#""confidence":{"name":0.92,"org":0.71}"#),
            "{out}"
        );
        let node: Node = serde_json::from_str(&out).unwrap();
        assert_eq!(
            node.get("name").keys(),
            ["full", "given", "middle", "family", "prefix", "suffix"]
        );
        assert_eq!(node.get("phones").first().keys(), ["number", "kind", "raw"]);
        assert_eq!(
            node.get("addresses").first().keys(),
            ["text", "street", "city", "region", "postal_code", "country"]
        );
        assert_eq!(node.get("confidence").keys(), ["name", "org"]);
        // It round-trips to the same Contact.
        assert_eq!(serde_json::from_str::<Contact>(&out).unwrap(), jane());
    }

    #[test]
    fn empty_contact_uses_null_and_empty_lists() {
        let out = to_json(&Contact::default());
        assert_eq!(keys(&out), KEYS);
        let value: Value = serde_json::from_str(&out).unwrap();
        for key in ["source", "name", "org", "department", "title", "domain"] {
            assert_eq!(value[key], Value::Null, "{key}");
        }
        for key in ["emails", "phones", "urls", "addresses", "social"] {
            assert_eq!(value[key], json!([]), "{key}");
        }
        assert_eq!(value["confidence"], json!({}));
        assert_eq!(value["text"], json!(""));
    }

    #[test]
    fn extension_only_when_present() {
        let mut c = jane();
        let out = to_json(&c);
        assert!(!out.contains("extension"));
        c.phones[0].extension = Some("214".into());
        let value: Value = serde_json::from_str(&to_json(&c)).unwrap();
        assert_eq!(value["phones"][0]["extension"], json!("214"));
        let node: Node = serde_json::from_str(&to_json(&c)).unwrap();
        assert_eq!(
            node.get("phones").first().keys(),
            ["number", "kind", "raw", "extension"]
        );
    }

    #[test]
    fn special_characters_stay_on_one_line() {
        let mut c = jane();
        c.text = "line1\nline2\r\n\"quoted\" \\ \u{0} ação 日本語 🚀".into();
        let out = to_json(&c);
        assert!(!out.contains('\n') && !out.contains('\r'));
        let back: Contact = serde_json::from_str(&out).unwrap();
        assert_eq!(back.text, c.text);
    }

    #[test]
    fn error_object() {
        let out = error_json("cards/bad \"1\".jpg", "cannot decode\nimage");
        assert!(!out.contains('\n'));
        assert_eq!(keys(&out), ["source", "error"]);
        let value: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            value,
            json!({"source": "cards/bad \"1\".jpg", "error": "cannot decode\nimage"})
        );
    }
}
