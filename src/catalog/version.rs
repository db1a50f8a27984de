//! ProFTPD release numbers in the catalogue: the crate's one version type
//! (see [`crate::version`]).

pub use crate::version::ProftpdVersion as Version;

#[cfg(test)]
mod tests {
    use super::Version;

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    #[test]
    fn ordering() {
        let order = [
            "1.2.10",
            "1.3.8rc1",
            "1.3.8rc3",
            "1.3.8",
            "1.3.8a",
            "1.3.8d",
            "1.3.9rc1",
            "1.3.9",
            "1.3.10rc4",
        ];
        for w in order.windows(2) {
            assert!(v(w[0]) < v(w[1]), "{} < {}", w[0], w[1]);
        }
    }

    #[test]
    fn display_round_trips() {
        for s in ["1.3.8rc3", "1.3.8", "1.3.8a", "1.3.10rc4"] {
            assert_eq!(v(s).to_string(), s);
        }
        assert_eq!(v("v1.3.9").to_string(), "1.3.9");
    }

    #[test]
    fn rejects_garbage() {
        for s in ["", "1.3", "1.3.x", "1.3.8beta", "a.b.c", "1.3.8rc"] {
            assert!(Version::parse(s).is_none(), "{s}");
        }
    }
}
