//! Criteria catalogs and starter templates.

use chrono::NaiveDate;
use jauge_domain::Evaluation;
use jauge_domain::catalog::{Catalog, Entry};
use jauge_domain::template::TemplateInfo;

use crate::{Result, bundled_catalogs};

/// Every bundled catalog (scheme and version).
pub fn list_catalogs() -> Result<&'static [Catalog]> {
    Ok(bundled_catalogs()?.list_catalogs())
}

/// The entries of one scheme (`secnumcloud`, or `secnumcloud@3.2` for one version).
pub fn list_catalog_entries(scheme: &str) -> Result<&'static [Entry]> {
    Ok(bundled_catalogs()?.list_entries(scheme)?)
}

/// One entry, by full reference (`secnumcloud@3.2:19.6.b`) or `scheme:ID` for the latest version.
pub fn show_catalog_entry(reference: &str) -> Result<&'static Entry> {
    Ok(bundled_catalogs()?.find_entry(reference)?)
}

/// Entries whose text matches every word of `query`, ignoring case and accents.
pub fn search_catalog(query: &str) -> Result<Vec<&'static Entry>> {
    Ok(bundled_catalogs()?.search_entries(query))
}

/// The starter templates.
pub fn list_templates() -> &'static [TemplateInfo] {
    jauge_domain::template::list_templates()
}

/// A new evaluation from a template, dated `today` (launch) with a deadline 30 days later.
pub fn create_from_template(name: &str, today: NaiveDate) -> Result<Evaluation> {
    Ok(jauge_domain::template::build_template(name, today)?)
}
