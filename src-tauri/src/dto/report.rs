//! Report export, signatures, and facts about the app itself.

use jauge_api::{ExportedReport, Lang, SignatureReport};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LangDto {
    Fr,
    En,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ExportedReportDto {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Lowercase hex SHA-256 of the PDF.
    pub sha256: String,
}

/// Every signature of a PDF, oldest first, and the overall verdict.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VerificationDto {
    pub signatures: Vec<SignatureDto>,
    /// Every signature is intact and the last one covers the whole file.
    pub fully_signed: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(optional_fields = nullable)]
pub struct SignatureDto {
    pub field_name: String,
    pub signer_common_name: Option<String>,
    pub signer_subject: Option<String>,
    /// RFC 3339, as claimed by the signer.
    pub signing_time: Option<String>,
    pub sub_filter: Option<String>,
    pub byte_range_valid: bool,
    pub digest_matches: bool,
    pub signature_valid: bool,
    /// The covered bytes are exactly what the signer signed.
    pub intact: bool,
    /// Nothing was appended after this signature.
    pub covers_whole_file: bool,
    /// Why the signature is not intact, in English.
    pub problem: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(optional_fields = nullable)]
pub struct AppInfoDto {
    pub version: String,
    pub db_path: String,
    /// Where reports are proposed by default (the user's documents folder).
    pub documents_dir: Option<String>,
    /// The OS account, the default journal actor.
    pub os_user: String,
    /// The evaluation to show first, when the app was started with `--open REFERENCE`.
    pub open_on_start: Option<String>,
}

impl From<LangDto> for Lang {
    fn from(lang: LangDto) -> Self {
        match lang {
            LangDto::Fr => Lang::Fr,
            LangDto::En => Lang::En,
        }
    }
}

impl From<ExportedReport> for ExportedReportDto {
    fn from(r: ExportedReport) -> Self {
        ExportedReportDto {
            path: r.path.display().to_string(),
            bytes: r.bytes,
            sha256: r.sha256,
        }
    }
}

impl From<Vec<SignatureReport>> for VerificationDto {
    fn from(reports: Vec<SignatureReport>) -> Self {
        VerificationDto {
            fully_signed: jauge_api::is_fully_signed(&reports),
            signatures: reports.iter().map(Into::into).collect(),
        }
    }
}

impl From<&SignatureReport> for SignatureDto {
    fn from(r: &SignatureReport) -> Self {
        SignatureDto {
            field_name: r.field_name.clone(),
            signer_common_name: r.signer_common_name.clone(),
            signer_subject: r.signer_subject.clone(),
            signing_time: r.signing_time.map(|at| at.to_rfc3339()),
            sub_filter: r.sub_filter.clone(),
            byte_range_valid: r.byte_range_valid,
            digest_matches: r.digest_matches,
            signature_valid: r.signature_valid,
            intact: r.intact,
            covers_whole_file: r.covers_whole_file,
            problem: r.problem.clone(),
        }
    }
}
