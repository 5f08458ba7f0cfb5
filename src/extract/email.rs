//! Email addresses.
use super::{Found, Line};

pub(crate) fn find(_lines: &[Line]) -> Vec<Found<String>> {
    Vec::new()
}
