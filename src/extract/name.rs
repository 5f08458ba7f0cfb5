//! People's names.
use super::{Claims, Found, Line};
use crate::contact::Name;

pub(crate) fn find(_lines: &[Line], _claims: &mut Claims, _emails: &[String], _keep_case: bool) -> Option<Found<Name>> {
    None
}
