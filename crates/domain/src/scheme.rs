//! The certification schemes the spec names (§6), as a reader knows them.
//!
//! Files carry lower-case names (`secnumcloud`, `gaia-x`, `eucs`…) and bare level numbers; a
//! report or a screen shows "SecNumCloud", "Gaia-X — Label niveau 3" or "EUCS — substantiel"
//! instead. The level meanings are the spec's own: Gaia-X 0 = Standard Compliance then label
//! levels 1 to 3, EUCS 1 basic, 2 substantial, 3 high, C5 1 type 1, 2 type 2. Any other scheme
//! name stays valid and is shown as written.

/// One level of a scheme and what it means, in French and English.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SchemeLevel {
    pub level: u8,
    pub fr: &'static str,
    pub en: &'static str,
}

/// A scheme named by the spec.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scheme {
    /// The name files use (`gaia-x`).
    pub name: &'static str,
    /// The name readers use (`Gaia-X`).
    pub label: &'static str,
    /// The levels with a meaning of their own; empty for schemes without levels.
    pub levels: &'static [SchemeLevel],
}

const fn level(level: u8, fr: &'static str, en: &'static str) -> SchemeLevel {
    SchemeLevel { level, fr, en }
}

const fn scheme(name: &'static str, label: &'static str, levels: &'static [SchemeLevel]) -> Scheme {
    Scheme {
        name,
        label,
        levels,
    }
}

/// Every scheme of spec §6, in the spec's order.
pub const SCHEMES: [Scheme; 11] = [
    scheme("secnumcloud", "SecNumCloud", &[]),
    scheme(
        "gaia-x",
        "Gaia-X",
        &[
            level(0, "Standard Compliance", "Standard Compliance"),
            level(1, "Label niveau 1", "Label Level 1"),
            level(2, "Label niveau 2", "Label Level 2"),
            level(3, "Label niveau 3", "Label Level 3"),
        ],
    ),
    scheme(
        "eucs",
        "EUCS",
        &[
            level(1, "élémentaire", "basic"),
            level(2, "substantiel", "substantial"),
            level(3, "élevé", "high"),
        ],
    ),
    scheme("hds", "HDS", &[]),
    scheme("iso27001", "ISO/IEC 27001", &[]),
    scheme("iso27017", "ISO/IEC 27017", &[]),
    scheme("iso27018", "ISO/IEC 27018", &[]),
    scheme("iso27701", "ISO/IEC 27701", &[]),
    scheme(
        "c5",
        "BSI C5",
        &[level(1, "type 1", "Type 1"), level(2, "type 2", "Type 2")],
    ),
    scheme("cispe", "CISPE", &[]),
    scheme("swipo", "SWIPO", &[]),
];

/// The scheme a file names, if the spec knows it.
pub fn find_scheme(name: &str) -> Option<&'static Scheme> {
    SCHEMES.iter().find(|s| s.name == name)
}

/// How to show a scheme name: its usual spelling, or the name as written when unknown.
pub fn scheme_label(name: &str) -> &str {
    find_scheme(name).map_or(name, |s| s.label)
}

impl Scheme {
    /// The meaning of a level, when the scheme gives whole-numbered levels one.
    pub fn level(&self, value: f64) -> Option<&'static SchemeLevel> {
        self.levels
            .iter()
            .find(|l| (f64::from(l.level) - value).abs() < 1e-9)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_found_by_their_file_names_and_levels_by_number() {
        assert_eq!(scheme_label("secnumcloud"), "SecNumCloud");
        assert_eq!(scheme_label("iso27001"), "ISO/IEC 27001");
        assert_eq!(scheme_label("tisax"), "tisax");
        let gaia_x = find_scheme("gaia-x").expect("gaia-x");
        assert_eq!(gaia_x.level(0.0).map(|l| l.en), Some("Standard Compliance"));
        assert_eq!(gaia_x.level(3.0).map(|l| l.fr), Some("Label niveau 3"));
        assert_eq!(gaia_x.level(2.5), None);
        assert_eq!(
            find_scheme("eucs").and_then(|s| s.level(2.0)).map(|l| l.fr),
            Some("substantiel")
        );
        assert!(find_scheme("hds").is_some_and(|s| s.levels.is_empty()));
    }

    #[test]
    fn names_are_the_lower_case_spellings_files_use() {
        for scheme in SCHEMES {
            assert_eq!(scheme.name, scheme.name.to_lowercase());
            assert!(!scheme.label.is_empty());
        }
    }
}
