//! Stable fingerprints, so CI systems can match a finding across runs.
//!
//! A finding is identified by its rule code, its display path, the text of
//! its first line with surrounding whitespace trimmed, and its occurrence
//! index: how many earlier findings (in output order) share those three.
//! Line numbers are deliberately left out, so inserting unrelated lines above
//! a finding does not change its fingerprint.
//!
//! The hash is FNV-1a 64, written out here so that it is the same on every
//! platform and in every release (std's `DefaultHasher` promises neither).

use std::collections::HashMap;

use super::Item;
use crate::source::FileId;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a 64 over `parts`, each followed by a 0xff byte (which never occurs
/// in UTF-8) so that `("ab", "c")` and `("a", "bc")` differ.
pub fn fnv1a64(parts: &[&[u8]]) -> u64 {
    let mut hash = FNV_OFFSET;
    for part in parts {
        for &byte in part.iter().chain(std::iter::once(&0xff)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(FNV_PRIME);
        }
    }
    hash
}

/// The identity of one finding (see the module docs).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Fingerprint {
    /// Hash of (code, path, trimmed line text).
    pub line_hash: u64,
    /// 0-based index among earlier findings with the same `line_hash`.
    pub occurrence: usize,
}

impl Fingerprint {
    /// SARIF `partialFingerprints.primaryLocationLineHash`, in the shape
    /// GitHub's own upload action uses: `<16 hex digits>:<occurrence>`.
    pub fn sarif(&self) -> String {
        format!("{:016x}:{}", self.line_hash, self.occurrence)
    }

    /// A single hash of all four parts, as 16 hex digits (GitLab's
    /// `fingerprint`). Unique per finding within one report.
    pub fn unique(&self) -> String {
        let occurrence = self.occurrence.to_string();
        let hash = fnv1a64(&[&self.line_hash.to_le_bytes(), occurrence.as_bytes()]);
        format!("{hash:016x}")
    }
}

/// Fills in the fingerprints of sorted items.
pub(crate) fn assign(items: &mut [Item<'_>]) {
    let mut seen: HashMap<u64, usize> = HashMap::new();
    // Many findings on one long line would otherwise hash it again each.
    let mut hashed: HashMap<(&str, FileId, usize), u64> = HashMap::new();
    for item in items {
        let line0 = item.file.line_index(item.region.offset);
        let line_hash = *hashed
            .entry((item.diag.code, item.file.id, line0))
            .or_insert_with(|| {
                let text = item.file.line_text(line0).trim();
                fnv1a64(&[
                    item.diag.code.as_bytes(),
                    item.path.as_bytes(),
                    text.as_bytes(),
                ])
            });
        let count = seen.entry(line_hash).or_insert(0);
        item.fingerprint = Fingerprint {
            line_hash,
            occurrence: *count,
        };
        *count += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a64_known_values() {
        // Reference values of plain FNV-1a 64 (no separator) for "" and "a".
        let plain = |bytes: &[u8]| {
            let mut hash = FNV_OFFSET;
            for &b in bytes {
                hash ^= u64::from(b);
                hash = hash.wrapping_mul(FNV_PRIME);
            }
            hash
        };
        assert_eq!(plain(b""), 0xcbf29ce484222325);
        assert_eq!(plain(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(plain(b"foobar"), 0x85944171f73967e8);
        // The separated form is pinned (computed independently), so
        // fingerprints never drift between releases or platforms.
        assert_eq!(
            fnv1a64(&[b"S001", b"proftpd.conf", b"x"]),
            0xa832376a8305999f
        );
        assert_ne!(fnv1a64(&[b"ab", b"c"]), fnv1a64(&[b"a", b"bc"]));
    }
}
