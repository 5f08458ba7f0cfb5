//! Organisation names.
use super::{Claims, Found, Line};

pub(crate) fn find(_lines: &[Line], _claims: &mut Claims, _domain: Option<&str>) -> Option<Found<String>> {
    None
}
