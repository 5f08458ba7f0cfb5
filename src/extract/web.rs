//! Web addresses and the registrable domain.
use super::{Found, Line};

/// Web addresses found and the card's registrable domain.
#[derive(Debug, Default)]
pub(crate) struct Web {
    pub urls: Vec<Found<String>>,
    pub domain: Option<String>,
}

pub(crate) fn find(_lines: &[Line], _emails: &[String]) -> Web {
    Web::default()
}
