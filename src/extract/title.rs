//! Job titles and departments.
use super::{Claims, Found, Line};

pub(crate) fn find(_lines: &[Line], _claims: &mut Claims) -> Option<Found<String>> {
    None
}

pub(crate) fn find_department(_lines: &[Line], _claims: &mut Claims) -> Option<Found<String>> {
    None
}
