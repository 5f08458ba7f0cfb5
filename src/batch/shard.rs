//! `--shard K/N`: the K-th of N disjoint slices of the inputs.
//!
//! A file belongs to slice `fnv1a64(relative path) % N + 1`, so every file
//! is in exactly one slice, and the slices are the same on every machine,
//! platform and cardscan version (FNV-1a is fixed by its spec, unlike std's
//! `DefaultHasher`). The path is relative to the folder given on the
//! command line, so machines that mount the archive at different places
//! agree.

use std::fmt;
use std::str::FromStr;

/// One slice of N: `index` in `1..=count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which slice, counted from 1.
    pub index: u32,
    /// How many slices.
    pub count: u32,
}

/// 64-bit FNV-1a (http://www.isthe.com/chongo/tech/comp/fnv/).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

impl Shard {
    /// The slice (1-based) a relative path (`/`-separated) belongs to.
    pub fn slice_of(rel: &str, count: u32) -> u32 {
        (fnv1a64(rel.as_bytes()) % count.max(1) as u64) as u32 + 1
    }

    /// True when the file with this relative path is in this slice.
    pub fn contains(&self, rel: &str) -> bool {
        Shard::slice_of(rel, self.count) == self.index
    }
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || format!("'{s}' is not a shard K/N with 1 <= K <= N (e.g. 3/8)");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u32 = k.trim().parse().map_err(|_| bad())?;
        let count: u32 = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_reference_values() {
        // From the FNV reference test suite.
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn parses_and_rejects() {
        assert_eq!("3/8".parse::<Shard>(), Ok(Shard { index: 3, count: 8 }));
        assert_eq!("1/1".parse::<Shard>().unwrap().to_string(), "1/1");
        for bad in ["0/4", "5/4", "1/0", "3", "a/b", "-1/4", "", "1/4/2"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn slices_cover_every_path_exactly_once() {
        let paths: Vec<String> = (0..1000)
            .map(|i| format!("dir{}/IMG_{i:04}.jpg", i % 7))
            .collect();
        for n in [1u32, 2, 3, 8] {
            let mut sizes = vec![0usize; n as usize];
            for p in &paths {
                let owners: Vec<u32> = (1..=n)
                    .filter(|&k| Shard { index: k, count: n }.contains(p))
                    .collect();
                assert_eq!(owners.len(), 1, "{p} in {owners:?} of {n}");
                sizes[owners[0] as usize - 1] += 1;
            }
            // Roughly even: no slice under half its fair share.
            let fair = paths.len() / n as usize;
            assert!(sizes.iter().all(|&s| s * 2 >= fair), "{n}: {sizes:?}");
        }
    }

    #[test]
    fn slice_is_stable() {
        // Pinned: changing the hash would reshuffle running shard jobs.
        assert_eq!(fnv1a64(b"cards/IMG_0042.jpg"), 0xc264_44dd_b758_694e);
        assert_eq!(Shard::slice_of("cards/IMG_0042.jpg", 8), 7);
    }
}
