//! Catalog entries for the criteria picker, and the starter templates.

use jauge_api::domain::catalog::{Catalog, Entry};
use jauge_api::domain::template::TemplateInfo;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(optional_fields = nullable)]
pub struct CatalogDto {
    /// Lower-case scheme, as in certifications (`secnumcloud`, `gaia-x`…).
    pub scheme: String,
    pub version: String,
    pub title_fr: String,
    pub title_en: String,
    pub publisher: String,
    pub published: Option<String>,
    #[ts(type = "number")]
    pub entries: usize,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(optional_fields = nullable)]
pub struct CatalogEntryDto {
    /// What a criterion's `refs` cite: `secnumcloud@3.2:19.6.b`.
    pub reference: String,
    pub scheme: String,
    pub version: String,
    pub id: String,
    pub text_fr: String,
    pub text_en: String,
    /// `contract`, `data_protection`, `security`, `location`, `sovereignty`, `reversibility`,
    /// `environment` or `assurance`.
    pub category: String,
    /// `declaration`, `certification`, `attestation` or `document`.
    pub evidence: String,
    pub in_use: bool,
    /// A caveat, in French.
    pub note: Option<String>,
    /// `verified`, `secondary`, `recollection` or `conflicting`.
    pub confidence: String,
    pub related: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TemplateDto {
    pub name: String,
    pub title_fr: String,
    pub title_en: String,
    /// One line saying what the template is for.
    pub description_fr: String,
    pub description_en: String,
}

impl From<&Catalog> for CatalogDto {
    fn from(c: &Catalog) -> Self {
        CatalogDto {
            scheme: c.scheme.clone(),
            version: c.version.clone(),
            title_fr: c.title_fr.clone(),
            title_en: c.title_en.clone(),
            publisher: c.publisher.clone(),
            published: c.published.clone(),
            entries: c.entries.len(),
        }
    }
}

impl From<&Entry> for CatalogEntryDto {
    fn from(e: &Entry) -> Self {
        CatalogEntryDto {
            reference: e.reference(),
            scheme: e.scheme.clone(),
            version: e.version.clone(),
            id: e.id.clone(),
            text_fr: e.text_fr.clone(),
            text_en: e.text_en.clone(),
            category: e.category.as_str().into(),
            evidence: e.evidence.as_str().into(),
            in_use: e.in_use,
            note: e.note.clone(),
            confidence: e.confidence.as_str().into(),
            related: e.related.clone(),
        }
    }
}

impl From<&TemplateInfo> for TemplateDto {
    fn from(t: &TemplateInfo) -> Self {
        TemplateDto {
            name: t.name.into(),
            title_fr: t.title_fr.into(),
            title_en: t.title_en.into(),
            description_fr: t.description_fr.into(),
            description_en: t.description_en.into(),
        }
    }
}
