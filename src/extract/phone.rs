//! Phone numbers.
use super::{Found, Line};
use crate::contact::Phone;

pub(crate) fn find(
    _lines: &[Line],
    _region: Option<&str>,
    _domain: Option<&str>,
) -> Vec<Found<Phone>> {
    Vec::new()
}
