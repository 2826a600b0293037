//! Criteria catalogs: what the schemes buyers ask for (SecNumCloud, Gaia-X, HDS, ISO, C5, EUCS…)
//! require, in our own words, with where each fact comes from and how sure we are of it.
//!
//! A buyer cites catalog entries in the published criteria (`refs`), and a report must be able to
//! say, years later, which version of which scheme a criterion pointed at. Catalogs are therefore
//! versioned data files (`assets/catalogs/*.json`, format `jauge/catalog@1`, documented in the
//! README beside them), compiled into the binary so that an offline machine always has them and
//! this crate stays free of file IO. serde is used here because the catalogs are an on-disk format
//! we own, not a wire contract.
//!
//! A reference is `SCHEME@VERSION:ID`. An ID also names the section made of the entries below it
//! (`19.6` covers `19.6.b` and `19.6.b-1`), because tender rules often cite a whole chapter.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;

use crate::error::{Error, Result};

/// The only `format` value of a catalog file this version reads.
pub const CATALOG_FORMAT: &str = "jauge/catalog@1";

/// The catalog files compiled into the binary, in the order the app lists them.
const BUNDLED: [(&str, &str); 13] = [
    (
        "secnumcloud-3.2.json",
        include_str!("../../../assets/catalogs/secnumcloud-3.2.json"),
    ),
    (
        "gaia-x-24.11.json",
        include_str!("../../../assets/catalogs/gaia-x-24.11.json"),
    ),
    (
        "hds-2024.json",
        include_str!("../../../assets/catalogs/hds-2024.json"),
    ),
    (
        "iso27001-2022.json",
        include_str!("../../../assets/catalogs/iso27001-2022.json"),
    ),
    (
        "iso27017.json",
        include_str!("../../../assets/catalogs/iso27017.json"),
    ),
    (
        "iso27018-2025.json",
        include_str!("../../../assets/catalogs/iso27018-2025.json"),
    ),
    (
        "iso27701-2025.json",
        include_str!("../../../assets/catalogs/iso27701-2025.json"),
    ),
    (
        "c5-2020.json",
        include_str!("../../../assets/catalogs/c5-2020.json"),
    ),
    (
        "eucs.json",
        include_str!("../../../assets/catalogs/eucs.json"),
    ),
    (
        "cispe.json",
        include_str!("../../../assets/catalogs/cispe.json"),
    ),
    (
        "swipo.json",
        include_str!("../../../assets/catalogs/swipo.json"),
    ),
    (
        "eu-data-act.json",
        include_str!("../../../assets/catalogs/eu-data-act.json"),
    ),
    (
        "eu-csf-1.2.1.json",
        include_str!("../../../assets/catalogs/eu-csf-1.2.1.json"),
    ),
];

/// One scheme at one version: a file of `assets/catalogs/`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub format: String,
    /// Lower-case scheme name, the same as in an offer's `certifications` (`secnumcloud`, `gaia-x`…).
    pub scheme: String,
    pub version: String,
    pub title_fr: String,
    pub title_en: String,
    pub publisher: String,
    /// Publication date of the scheme text, as precise as known (`2022-03-08`, `2025-10`).
    #[serde(default)]
    pub published: Option<String>,
    /// Caveats about the catalog as a whole, in French.
    #[serde(default)]
    pub notes: Vec<String>,
    /// The levels of the scheme, numbered as in an evaluation's certification `level`.
    #[serde(default)]
    pub levels: Vec<SchemeLevel>,
    pub sources: Vec<Source>,
    pub entries: Vec<Entry>,
}

/// A level of a scheme (Gaia-X SC…L3, EUCS basic…high, C5 type 1/2, EU CSF SEAL-0…4).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemeLevel {
    pub value: f64,
    pub code: String,
    pub label_fr: String,
    pub label_en: String,
}

/// Where the facts of some entries come from: a section of the project's research notes
/// (`domain.md`) and the sources it cites.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    /// The section of the research notes the facts were taken from (`domain.md §1.5`).
    pub reference: String,
    /// The underlying sources as the research notes name them.
    pub cites: String,
    #[serde(default)]
    pub url: Option<String>,
}

/// One requirement, criterion or section of a scheme.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Copied from the catalog when it is loaded, so an entry can be shown on its own.
    #[serde(skip)]
    pub scheme: String,
    #[serde(skip)]
    pub version: String,
    pub id: String,
    pub text_fr: String,
    pub text_en: String,
    pub category: Category,
    /// The proof a bidder supplies, at the most demanding level where the entry applies.
    pub evidence: Evidence,
    /// Per level code of the catalog: the proof that level demands, or not applicable.
    #[serde(default)]
    pub levels: BTreeMap<String, LevelEvidence>,
    /// Values a rule needs (thresholds, durations, dates), named for code.
    #[serde(default)]
    pub parameters: Vec<Parameter>,
    /// Related entries of the bundled catalogs (`SCHEME@VERSION:ID`); an ID may be finer than
    /// the catalog goes (`secnumcloud@3.2:19.1.c`), in which case its enclosing entry stands for it.
    #[serde(default)]
    pub related: Vec<String>,
    /// Related references outside the bundled catalogs (`C5 INQ-01`, `CNDCP`), as free text.
    #[serde(default)]
    pub see_also: Vec<String>,
    /// False for numbers the scheme reserves but no longer uses.
    #[serde(default = "in_use_by_default")]
    pub in_use: bool,
    /// A caveat in French (unverified numbering, differences with another scheme…).
    #[serde(default)]
    pub note: Option<String>,
    /// The id of one of the catalog's `sources`.
    pub source: String,
    pub confidence: Confidence,
}

fn in_use_by_default() -> bool {
    true
}

impl Entry {
    /// The full reference to cite in an evaluation (`secnumcloud@3.2:19.6.b`).
    pub fn reference(&self) -> String {
        format!("{}@{}:{}", self.scheme, self.version, self.id)
    }

    /// A parameter by name.
    pub fn parameter(&self, name: &str) -> Option<&ParameterValue> {
        self.parameters
            .iter()
            .find(|p| p.name == name)
            .map(|p| &p.value)
    }
}

/// Our own grouping of entries across schemes, so the picker can show every reversibility entry
/// whatever the scheme calls its chapter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Contract,
    DataProtection,
    Security,
    Location,
    Sovereignty,
    Reversibility,
    Environment,
    Assurance,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Category::Contract,
        Category::DataProtection,
        Category::Security,
        Category::Location,
        Category::Sovereignty,
        Category::Reversibility,
        Category::Environment,
        Category::Assurance,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Contract => "contract",
            Category::DataProtection => "data_protection",
            Category::Security => "security",
            Category::Location => "location",
            Category::Sovereignty => "sovereignty",
            Category::Reversibility => "reversibility",
            Category::Environment => "environment",
            Category::Assurance => "assurance",
        }
    }

    pub fn label_fr(self) -> &'static str {
        match self {
            Category::Contract => "Cadre contractuel",
            Category::DataProtection => "Protection des données personnelles",
            Category::Security => "Sécurité",
            Category::Location => "Localisation des données",
            Category::Sovereignty => "Immunité au droit extra-européen et contrôle européen",
            Category::Reversibility => "Réversibilité et portabilité",
            Category::Environment => "Environnement",
            Category::Assurance => "Certification et niveau d'assurance",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Category::Contract => "Contractual framework",
            Category::DataProtection => "Personal-data protection",
            Category::Security => "Security",
            Category::Location => "Data location",
            Category::Sovereignty => "Protection against non-EU law and European control",
            Category::Reversibility => "Reversibility and portability",
            Category::Environment => "Environment",
            Category::Assurance => "Certification and assurance level",
        }
    }
}

/// The kind of proof that evidences an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// The bidder's own statement (a Gaia-X credential claim, a signed declaration).
    Declaration,
    /// A certificate or qualification from an accredited third party.
    Certification,
    /// An auditor's report that is not a certificate (C5).
    Attestation,
    /// A contract clause, an architecture document, a registry extract.
    Document,
}

impl Evidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::Declaration => "declaration",
            Evidence::Certification => "certification",
            Evidence::Attestation => "attestation",
            Evidence::Document => "document",
        }
    }

    pub fn label_fr(self) -> &'static str {
        match self {
            Evidence::Declaration => "Déclaration",
            Evidence::Certification => "Certification",
            Evidence::Attestation => "Attestation",
            Evidence::Document => "Document",
        }
    }
}

/// What one level of a scheme demands for an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LevelEvidence {
    Declaration,
    Certification,
    Attestation,
    Document,
    NotApplicable,
}

impl LevelEvidence {
    /// The proof demanded, `None` when the entry does not apply at that level.
    pub fn evidence(self) -> Option<Evidence> {
        match self {
            LevelEvidence::Declaration => Some(Evidence::Declaration),
            LevelEvidence::Certification => Some(Evidence::Certification),
            LevelEvidence::Attestation => Some(Evidence::Attestation),
            LevelEvidence::Document => Some(Evidence::Document),
            LevelEvidence::NotApplicable => None,
        }
    }
}

/// How sure the research notes are of an entry (their tags [V], [S], [R], [C]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Checked against the official text or a faithful quotation of it.
    Verified,
    /// From a secondary source, not checked against the official text.
    Secondary,
    /// The analyst's recollection: to check before relying on it.
    Recollection,
    /// Sources disagree; the entry's note says how.
    Conflicting,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Verified => "verified",
            Confidence::Secondary => "secondary",
            Confidence::Recollection => "recollection",
            Confidence::Conflicting => "conflicting",
        }
    }

    /// The tag used in the research notes.
    pub fn tag(self) -> &'static str {
        match self {
            Confidence::Verified => "[V]",
            Confidence::Secondary => "[S]",
            Confidence::Recollection => "[R]",
            Confidence::Conflicting => "[C]",
        }
    }

    pub fn label_fr(self) -> &'static str {
        match self {
            Confidence::Verified => "vérifié sur le texte officiel",
            Confidence::Secondary => "source secondaire",
            Confidence::Recollection => "souvenir, à vérifier",
            Confidence::Conflicting => "sources contradictoires",
        }
    }
}

/// A named value a rule needs, such as SecNumCloud's 24 % cap.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    pub name: String,
    pub value: ParameterValue,
    /// `percent`, `day`, `month`, `year`, `date`, `L/kWh`…; absent for plain numbers and flags.
    #[serde(default)]
    pub unit: Option<String>,
}

/// A parameter value; dates are `YYYY-MM-DD` text with the unit `date`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum ParameterValue {
    Flag(bool),
    Number(f64),
    Text(String),
}

impl ParameterValue {
    pub fn as_number(&self) -> Option<f64> {
        match self {
            ParameterValue::Number(n) => Some(*n),
            _ => None,
        }
    }
}

impl Catalog {
    /// `SCHEME@VERSION`, the prefix of every reference into this catalog.
    pub fn name(&self) -> String {
        format!("{}@{}", self.scheme, self.version)
    }

    /// The entry with exactly this id.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// The entries an id names: the entry itself and every entry below it.
    pub fn list_section(&self, id: &str) -> Vec<&Entry> {
        self.entries
            .iter()
            .filter(|e| id_covers(id, &e.id))
            .collect()
    }

    /// True when the id is an entry or names a section of entries.
    pub fn covers(&self, id: &str) -> bool {
        self.entries.iter().any(|e| id_covers(id, &e.id))
    }

    /// The level with this value (as in a certification's `level`).
    pub fn level(&self, value: f64) -> Option<&SchemeLevel> {
        self.levels
            .iter()
            .find(|l| (l.value - value).abs() < crate::model::TOLERANCE)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }
}

/// True when `section` is `id` or an ancestor of it: `19.6` covers `19.6.b` and `19.6.b-1`, but
/// `19.1` does not cover `19.10`.
fn id_covers(section: &str, id: &str) -> bool {
    match id.strip_prefix(section) {
        Some("") => !section.is_empty(),
        Some(rest) => !section.is_empty() && (rest.starts_with('.') || rest.starts_with('-')),
        None => false,
    }
}

/// A reference split into its parts; `version` is `None` for the short form `SCHEME:ID`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogRef<'a> {
    pub scheme: &'a str,
    pub version: Option<&'a str>,
    pub id: &'a str,
}

/// Splits `SCHEME@VERSION:ID` or `SCHEME:ID`; `None` when malformed.
pub fn parse_ref(reference: &str) -> Option<CatalogRef<'_>> {
    let (head, id) = reference.split_once(':')?;
    let (scheme, version) = match head.split_once('@') {
        Some((scheme, version)) => (scheme, Some(version)),
        None => (head, None),
    };
    let scheme_ok = !scheme.is_empty()
        && scheme
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    let version_ok = version.is_none_or(|v| !v.is_empty() && v.chars().all(is_id_char));
    let id_ok = !id.is_empty() && id.chars().all(is_id_char);
    (scheme_ok && version_ok && id_ok).then_some(CatalogRef {
        scheme,
        version,
        id,
    })
}

/// The characters the spec allows in identifiers.
fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')
}

/// The bundled catalogs, or any set of catalogs loaded the same way.
#[derive(Debug, Clone, Default)]
pub struct Catalogs {
    catalogs: Vec<Catalog>,
}

impl Catalogs {
    /// The catalogs compiled into the binary.
    pub fn bundled() -> Result<Catalogs> {
        let catalogs = BUNDLED
            .iter()
            .map(|(name, text)| parse_catalog(name, text))
            .collect::<Result<Vec<_>>>()?;
        Catalogs::from_catalogs(catalogs)
    }

    /// Gathers catalogs, refusing two files for the same scheme and version.
    pub fn from_catalogs(catalogs: Vec<Catalog>) -> Result<Catalogs> {
        let mut seen = HashSet::new();
        for catalog in &catalogs {
            if !seen.insert(catalog.name()) {
                return Err(Error::BundledData {
                    name: catalog.name(),
                    message: "two catalogs have this scheme and version".to_owned(),
                });
            }
        }
        Ok(Catalogs { catalogs })
    }

    /// Every catalog, in the order they were given.
    pub fn list_catalogs(&self) -> &[Catalog] {
        &self.catalogs
    }

    /// Every scheme name once, in catalog order.
    pub fn list_schemes(&self) -> Vec<&str> {
        let mut schemes: Vec<&str> = Vec::new();
        for catalog in &self.catalogs {
            if !schemes.contains(&catalog.scheme.as_str()) {
                schemes.push(&catalog.scheme);
            }
        }
        schemes
    }

    /// The catalog of a scheme at a version, or at its latest version when `version` is `None`.
    pub fn find_catalog(&self, scheme: &str, version: Option<&str>) -> Option<&Catalog> {
        let mut candidates = self.catalogs.iter().filter(|c| c.scheme == scheme);
        match version {
            Some(version) => candidates.find(|c| c.version == version),
            None => candidates.max_by(|a, b| compare_versions(&a.version, &b.version)),
        }
    }

    /// The entries of a scheme, given as `SCHEME` (latest version) or `SCHEME@VERSION`.
    pub fn list_entries(&self, scheme: &str) -> Result<&[Entry]> {
        let (name, version) = match scheme.split_once('@') {
            Some((name, version)) => (name, Some(version)),
            None => (scheme, None),
        };
        self.find_catalog(name, version)
            .map(|c| c.entries.as_slice())
            .ok_or_else(|| Error::NotFound {
                what: "catalog",
                name: scheme.to_owned(),
            })
    }

    /// The entry a reference names exactly: `SCHEME@VERSION:ID`, or `SCHEME:ID` for the latest
    /// version of the scheme.
    pub fn find_entry(&self, reference: &str) -> Result<&Entry> {
        self.lookup(reference)
            .and_then(|(catalog, id)| catalog.entry(id))
            .ok_or_else(|| Error::NotFound {
                what: "catalog entry",
                name: reference.to_owned(),
            })
    }

    /// The closest entry that contains a reference finer than the catalog (`secnumcloud@3.2:19.1.c`
    /// gives 19.1): lets a cross-reference taken from another scheme still show something useful.
    pub fn find_enclosing_entry(&self, reference: &str) -> Option<&Entry> {
        let (catalog, id) = self.lookup(reference)?;
        let mut candidate = id;
        loop {
            if let Some(entry) = catalog.entry(candidate) {
                return Some(entry);
            }
            let cut = candidate.rfind(['.', '-'])?;
            candidate = &candidate[..cut];
        }
    }

    /// The entries matching every word of `query`, ignoring case and accents, in catalog order.
    /// Searches ids, both texts, the note and the category name.
    pub fn search_entries(&self, query: &str) -> Vec<&Entry> {
        let words: Vec<String> = fold_text(query)
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        if words.is_empty() {
            return Vec::new();
        }
        self.catalogs
            .iter()
            .flat_map(|c| c.entries.iter())
            .filter(|entry| {
                let haystack = fold_text(&format!(
                    "{} {} {} {} {} {} {}",
                    entry.id,
                    entry.text_fr,
                    entry.text_en,
                    entry.note.as_deref().unwrap_or(""),
                    entry.category.label_fr(),
                    entry.category.label_en(),
                    entry.scheme,
                ));
                words.iter().all(|w| haystack.contains(w.as_str()))
            })
            .collect()
    }

    /// True when `reference` (`SCHEME@VERSION:ID`) names an entry or a section of a catalog. The
    /// version is required: an evaluation must say which edition of a scheme it cites.
    pub fn is_known_ref(&self, reference: &str) -> bool {
        match parse_ref(reference) {
            Some(CatalogRef {
                scheme,
                version: Some(version),
                id,
            }) => self
                .find_catalog(scheme, Some(version))
                .is_some_and(|c| c.covers(id)),
            _ => false,
        }
    }

    fn lookup<'a>(&self, reference: &'a str) -> Option<(&Catalog, &'a str)> {
        let parsed = parse_ref(reference)?;
        let catalog = self.find_catalog(parsed.scheme, parsed.version)?;
        Some((catalog, parsed.id))
    }
}

/// Parses and checks one catalog file; `name` only serves the error message.
pub fn parse_catalog(name: &str, text: &str) -> Result<Catalog> {
    let fail = |message: String| Error::BundledData {
        name: name.to_owned(),
        message,
    };
    let mut catalog: Catalog = serde_json::from_str(text).map_err(|e| fail(e.to_string()))?;
    check_catalog(&catalog).map_err(fail)?;
    let (scheme, version) = (catalog.scheme.clone(), catalog.version.clone());
    for entry in &mut catalog.entries {
        entry.scheme.clone_from(&scheme);
        entry.version.clone_from(&version);
    }
    Ok(catalog)
}

/// The rules serde cannot express; a failure is a packaging bug, so the first one is enough.
fn check_catalog(catalog: &Catalog) -> std::result::Result<(), String> {
    if catalog.format != CATALOG_FORMAT {
        return Err(format!(
            "format is {:?}, expected {CATALOG_FORMAT:?}",
            catalog.format
        ));
    }
    let probe = format!("{}:x", catalog.name());
    if parse_ref(&probe).is_none_or(|r| r.version.is_none()) {
        return Err(format!(
            "scheme {:?} or version {:?} cannot appear in a reference",
            catalog.scheme, catalog.version
        ));
    }
    for (what, text) in [
        ("title_fr", &catalog.title_fr),
        ("title_en", &catalog.title_en),
        ("publisher", &catalog.publisher),
    ] {
        if text.trim().is_empty() {
            return Err(format!("{what} is empty"));
        }
    }
    let mut level_codes = HashSet::new();
    for level in &catalog.levels {
        if !level_codes.insert(level.code.as_str()) {
            return Err(format!("level code {} appears twice", level.code));
        }
    }
    let mut source_ids = HashSet::new();
    for source in &catalog.sources {
        if !source_ids.insert(source.id.as_str()) {
            return Err(format!("source {} appears twice", source.id));
        }
    }
    let mut ids = HashSet::new();
    for entry in &catalog.entries {
        let at = format!("entry {}", entry.id);
        if entry.id.is_empty() || entry.id.len() > 64 || !entry.id.chars().all(is_id_char) {
            return Err(format!("{at}: the id is not a valid identifier"));
        }
        if !ids.insert(entry.id.as_str()) {
            return Err(format!("{at}: the id appears twice"));
        }
        if entry.text_fr.trim().is_empty() || entry.text_en.trim().is_empty() {
            return Err(format!("{at}: a text is empty"));
        }
        if !source_ids.contains(entry.source.as_str()) {
            return Err(format!("{at}: unknown source {}", entry.source));
        }
        if let Some(code) = entry
            .levels
            .keys()
            .find(|c| !level_codes.contains(c.as_str()))
        {
            return Err(format!("{at}: unknown level {code}"));
        }
        if let Some(bad) = entry
            .related
            .iter()
            .find(|r| parse_ref(r).is_none_or(|p| p.version.is_none()))
        {
            return Err(format!("{at}: related reference {bad} is malformed"));
        }
    }
    Ok(())
}

/// Orders versions segment by segment (`3.2` < `3.10`, `24.06` < `24.11`), numbers numerically.
fn compare_versions(a: &str, b: &str) -> Ordering {
    let split = |v: &str| -> Vec<String> { v.split(['.', '-']).map(str::to_owned).collect() };
    let (left, right) = (split(a), split(b));
    for (x, y) in left.iter().zip(right.iter()) {
        let order = match (x.parse::<u64>(), y.parse::<u64>()) {
            (Ok(m), Ok(n)) => m.cmp(&n),
            _ => x.cmp(y),
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    left.len().cmp(&right.len())
}

/// Lower case without diacritics, so that « reversibilite » finds « Réversibilité ».
pub fn fold_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => out.push('a'),
            'ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ñ' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            '’' | '‘' => out.push('\''),
            '\u{a0}' | '\u{202f}' => out.push(' '),
            // Combining marks left by decomposed input (e + U+0301) carry only the accent.
            '\u{300}'..='\u{36f}' => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Catalogs {
        Catalogs::bundled().expect("the bundled catalogs parse")
    }

    #[test]
    fn every_bundled_catalog_parses() {
        for (name, text) in BUNDLED {
            let catalog = parse_catalog(name, text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(!catalog.entries.is_empty(), "{name} has entries");
        }
        let catalogs = bundled();
        assert_eq!(catalogs.list_catalogs().len(), BUNDLED.len());
        for scheme in [
            "secnumcloud",
            "gaia-x",
            "hds",
            "iso27001",
            "iso27017",
            "iso27018",
            "iso27701",
            "c5",
            "eucs",
            "cispe",
            "swipo",
            "eu-data-act",
            "eu-csf",
        ] {
            assert!(
                catalogs.list_schemes().contains(&scheme),
                "scheme {scheme} is bundled"
            );
        }
    }

    #[test]
    fn every_entry_has_all_fields() {
        let catalogs = bundled();
        for catalog in catalogs.list_catalogs() {
            assert!(
                !catalog.sources.is_empty(),
                "{} cites sources",
                catalog.name()
            );
            for entry in &catalog.entries {
                let at = entry.reference();
                assert_eq!(entry.scheme, catalog.scheme, "{at} knows its scheme");
                assert_eq!(entry.version, catalog.version, "{at} knows its version");
                assert!(!entry.text_fr.trim().is_empty(), "{at} has a French text");
                assert!(!entry.text_en.trim().is_empty(), "{at} has an English text");
                let source = catalog.source(&entry.source);
                assert!(
                    source.is_some_and(|s| s.reference.starts_with("domain.md §")),
                    "{at} cites a section of the research notes"
                );
                for code in entry.levels.keys() {
                    assert!(
                        catalog.levels.iter().any(|l| &l.code == code),
                        "{at} uses a level of its catalog"
                    );
                }
                if entry.confidence == Confidence::Conflicting {
                    assert!(entry.note.is_some(), "{at} says how its sources conflict");
                }
            }
        }
    }

    #[test]
    fn ids_are_unique_per_catalog() {
        for catalog in bundled().list_catalogs() {
            let mut seen = HashSet::new();
            for entry in &catalog.entries {
                assert!(seen.insert(&entry.id), "{} is unique", entry.reference());
            }
        }
        let twice = r#"{"format": "jauge/catalog@1", "scheme": "x", "version": "1",
            "title_fr": "X", "title_en": "X", "publisher": "X",
            "sources": [{"id": "s", "reference": "domain.md §0", "cites": "c"}],
            "entries": [
              {"id": "A", "text_fr": "a", "text_en": "a", "category": "security", "evidence": "document", "source": "s", "confidence": "verified"},
              {"id": "A", "text_fr": "b", "text_en": "b", "category": "security", "evidence": "document", "source": "s", "confidence": "verified"}
            ]}"#;
        let error = parse_catalog("twice.json", twice).expect_err("a duplicate id is refused");
        assert!(error.to_string().contains("appears twice"), "{error}");
    }

    #[test]
    fn a_catalog_with_an_unknown_key_or_format_is_refused() {
        let unknown_key = r#"{"format": "jauge/catalog@1", "scheme": "x", "version": "1",
            "title_fr": "X", "title_en": "X", "publisher": "X", "sources": [], "entries": [],
            "colour": "blue"}"#;
        assert!(matches!(
            parse_catalog("k.json", unknown_key),
            Err(Error::BundledData { .. })
        ));
        let wrong_format = unknown_key
            .replace("jauge/catalog@1", "jauge/catalog@2")
            .replace(r#", "colour": "blue""#, "");
        let error = parse_catalog("f.json", &wrong_format).expect_err("format is checked");
        assert!(error.to_string().contains("format"), "{error}");
    }

    #[test]
    fn refs_resolve_to_entries_and_sections() {
        let catalogs = bundled();
        for known in [
            "secnumcloud@3.2:19.6.b",
            "secnumcloud@3.2:19.6",
            "secnumcloud@3.2:19.6.b-2",
            "secnumcloud@3.2:19",
            "secnumcloud@3.2:QUALIF",
            "gaia-x@24.11:P5.1.4",
            "gaia-x@24.11:P5.1",
            "gaia-x@24.11:P4",
            "hds@2024:SOUV.1",
            "eu-data-act@2023-2854:CH6.CHARGES",
            "eu-csf@1.2.1:SOV-4",
            "iso27001@2022:CERT",
        ] {
            assert!(catalogs.is_known_ref(known), "{known} is known");
        }
        for unknown in [
            "secnumcloud@3.2:19.6.g",
            "secnumcloud@3.2:19.1.c",
            "secnumcloud@3.2:1",
            "secnumcloud@3.1:19.6",
            "secnumcloud:19.6",
            "gaia-x@24.11:P5.1.8",
            "gaia-x@24.11:P5.",
            "nope@1:A",
            "",
            "secnumcloud@3.2:",
            "secnumcloud@:19.6",
            "SecNumCloud@3.2:19.6",
            " secnumcloud@3.2:19.6",
            "secnumcloud@3.2:19.6 ",
            "secnumcloud@3.2",
        ] {
            assert!(!catalogs.is_known_ref(unknown), "{unknown:?} is unknown");
        }
        assert!(
            !Catalogs::default().is_known_ref("secnumcloud@3.2:19.6"),
            "no catalog knows no reference"
        );
    }

    #[test]
    fn a_section_lists_the_entries_below_it() {
        let catalogs = bundled();
        let snc = catalogs
            .find_catalog("secnumcloud", Some("3.2"))
            .expect("SecNumCloud 3.2");
        let ids: Vec<&str> = snc
            .list_section("19.6.b")
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(ids, ["19.6.b", "19.6.b-1", "19.6.b-2", "19.6.b-3"]);
        assert_eq!(
            snc.list_section("19.6").len(),
            10,
            "19.6, a, b, b-1..3, c..f"
        );
        assert!(
            snc.list_section("19.1").iter().all(|e| e.id == "19.1"),
            "19.1 does not swallow 19.10+"
        );
    }

    #[test]
    fn find_entry_accepts_the_short_form_for_the_latest_version() {
        let catalogs = bundled();
        let full = catalogs
            .find_entry("secnumcloud@3.2:19.6.b")
            .expect("full reference");
        let short = catalogs
            .find_entry("secnumcloud:19.6.b")
            .expect("short reference");
        assert_eq!(full, short);
        assert_eq!(full.reference(), "secnumcloud@3.2:19.6.b");
        assert!(matches!(
            catalogs.find_entry("secnumcloud@3.2:99"),
            Err(Error::NotFound { .. })
        ));
        assert_eq!(
            catalogs.list_entries("gaia-x").map(<[Entry]>::len).ok(),
            catalogs
                .list_entries("gaia-x@24.11")
                .map(<[Entry]>::len)
                .ok()
        );
        assert!(catalogs.list_entries("gaia-x@99").is_err());
    }

    #[test]
    fn search_ignores_case_and_accents() {
        let catalogs = bundled();
        let accented = catalogs.search_entries("réversibilité");
        assert!(accented.len() >= 5, "several reversibility entries");
        assert_eq!(accented, catalogs.search_entries("reversibilite"));
        assert_eq!(accented, catalogs.search_entries("RÉVERSIBILITÉ"));
        assert_eq!(accented, catalogs.search_entries("Reversibilite"));
        let decomposed = "re\u{301}versibilite\u{301}";
        assert_eq!(accented, catalogs.search_entries(decomposed));
        assert!(
            accented
                .iter()
                .any(|e| e.reference() == "eu-data-act@2023-2854:CH6.NOTICE"),
            "the Data Act notice period is a reversibility entry"
        );
        let both = catalogs.search_entries("actionnaire hors ue");
        assert!(both.iter().any(|e| e.reference() == "gaia-x@24.11:P5.1.5"));
        assert!(catalogs.search_entries("   ").is_empty());
    }

    #[test]
    fn related_references_point_into_the_bundled_catalogs() {
        let catalogs = bundled();
        for catalog in catalogs.list_catalogs() {
            for entry in &catalog.entries {
                for related in &entry.related {
                    assert!(
                        catalogs.find_enclosing_entry(related).is_some(),
                        "{} relates to {related}, which no catalog entry encloses",
                        entry.reference()
                    );
                }
            }
        }
        let enclosing = catalogs
            .find_enclosing_entry("secnumcloud@3.2:19.1.c")
            .map(|e| e.id.as_str());
        assert_eq!(enclosing, Some("19.1"));
    }

    #[test]
    fn secnumcloud_encodes_the_shareholding_caps() {
        let catalogs = bundled();
        let rule = catalogs
            .find_entry("secnumcloud@3.2:19.6.b")
            .expect("19.6.b");
        let cap = |name| rule.parameter(name).and_then(ParameterValue::as_number);
        assert_eq!(cap("non_eu_individual_max"), Some(24.0));
        assert_eq!(cap("non_eu_collective_max"), Some(39.0));
        assert_eq!(
            rule.parameter("non_eu_veto_or_board_majority"),
            Some(&ParameterValue::Flag(false))
        );
        let chapters = (5..=19)
            .filter(|n| catalogs.is_known_ref(&format!("secnumcloud@3.2:{n}")))
            .count();
        assert_eq!(chapters, 15, "chapters 5 to 19 are sections");
    }

    #[test]
    fn gaia_x_lists_63_criteria_with_evidence_per_level() {
        let catalogs = bundled();
        let gaia_x = catalogs.find_catalog("gaia-x", None).expect("Gaia-X");
        assert_eq!(gaia_x.version, "24.11");
        let criteria: Vec<&Entry> = gaia_x
            .entries
            .iter()
            .filter(|e| e.id.matches('.').count() == 2)
            .collect();
        assert_eq!(criteria.len(), 63);
        assert_eq!(criteria.iter().filter(|e| !e.in_use).count(), 3);
        for criterion in &criteria {
            assert_eq!(criterion.levels.len(), 4, "{} has SC..L3", criterion.id);
        }
        let p514 = gaia_x.entry("P5.1.4").expect("P5.1.4");
        assert_eq!(
            p514.levels.get("L2").copied(),
            Some(LevelEvidence::NotApplicable)
        );
        assert_eq!(
            p514.levels.get("L3").copied(),
            Some(LevelEvidence::Certification)
        );
        assert_eq!(p514.evidence, Evidence::Certification);
        assert_eq!(gaia_x.level(3.0).map(|l| l.code.as_str()), Some("L3"));
    }

    #[test]
    fn switching_and_sovereignty_parameters_match_the_research_notes() {
        let catalogs = bundled();
        let number = |reference: &str, name: &str| {
            catalogs
                .find_entry(reference)
                .ok()
                .and_then(|e| e.parameter(name))
                .and_then(ParameterValue::as_number)
        };
        assert_eq!(number("eu-data-act:CH6.NOTICE", "notice_max"), Some(2.0));
        assert_eq!(
            number("eu-data-act:CH6.TRANSITION", "transition_max"),
            Some(30.0)
        );
        assert_eq!(
            number("eu-data-act:CH6.RETRIEVAL", "retrieval_min"),
            Some(30.0)
        );
        let charges = catalogs
            .find_entry("eu-data-act:CH6.CHARGES")
            .expect("charges");
        assert_eq!(
            charges.parameter("prohibited_from"),
            Some(&ParameterValue::Text("2027-01-12".to_owned()))
        );
        let weights: f64 = (1..=8)
            .filter_map(|n| number(&format!("eu-csf:SOV-{n}"), "weight"))
            .sum();
        assert!((weights - 100.0).abs() < 1e-9, "weights sum to {weights}");
        let sov4 = catalogs.find_entry("eu-csf:SOV-4").expect("SOV-4");
        assert_eq!(sov4.confidence, Confidence::Conflicting);
    }

    #[test]
    fn versions_compare_numerically() {
        assert_eq!(compare_versions("3.2", "3.10"), Ordering::Less);
        assert_eq!(compare_versions("24.11", "24.06"), Ordering::Greater);
        assert_eq!(compare_versions("3.2", "3.2"), Ordering::Equal);
        assert_eq!(compare_versions("3.2", "3.2.1"), Ordering::Less);
    }
}
