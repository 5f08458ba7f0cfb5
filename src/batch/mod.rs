//! Batch conversion of whole folders: the reusable, pure parts.
//!
//! [`walk`] finds card images (by content, sorted, hidden files skipped,
//! symlink loops survived); [`shard`] splits them into disjoint slices by a
//! stable hash of their relative path; [`report`] reads and writes the JSON
//! Lines report that makes a run resumable; [`merge`] folds the same person
//! scanned twice into one contact. The `cardscan batch` command (in the
//! binary) runs the scanners in parallel and ties these together.

pub mod merge;
pub mod report;
pub mod shard;
pub mod walk;

pub use merge::{group_duplicates, merge_group};
pub use report::Stamp;
pub use shard::Shard;
pub use walk::{Input, find_images};
