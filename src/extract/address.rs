//! Postal addresses.
use super::{Claims, Found, Line};
use crate::contact::Address;

pub(crate) fn find(_lines: &[Line], _claims: &mut Claims) -> Option<Found<Address>> {
    None
}
