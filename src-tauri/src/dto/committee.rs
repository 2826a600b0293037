//! The committee screen: evaluator packages out, return files back, who has scored what.

use jauge_api::MergedReturn;
use jauge_api::domain::package::StaleDeclaration;
use jauge_api::domain::{Declaration, Score};
use jauge_api::store::FileSigner;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{EvaluationView, ParamsDto};

/// A cell the buyer's copy holds with another score than the return file's.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConflictDto {
    /// What the buyer's copy holds (kept).
    pub ours: Score,
    /// What the file brings.
    pub theirs: Score,
    /// Only the justification differs (the same value or verdict): both texts are shown.
    pub justification_only: bool,
}

/// A declaration of the file older than the one the buyer holds for that member and offer:
/// reported and ignored (the latest declaration wins).
#[derive(Debug, Clone, Serialize, TS)]
pub struct StaleDeclarationDto {
    /// What the file says.
    pub theirs: Declaration,
    /// The newer declaration the buyer's copy keeps.
    pub held: Declaration,
}

impl From<StaleDeclaration> for StaleDeclarationDto {
    fn from(s: StaleDeclaration) -> Self {
        StaleDeclarationDto {
            theirs: s.theirs,
            held: s.held,
        }
    }
}

/// What the buyer should know about a return file's signature: a code of
/// `PHRASES.return_flags` with its parameters, as journaled.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReturnFlagDto {
    pub code: String,
    pub params: ParamsDto,
}

/// The certificate pinned for a committee member: the one of their first signed return file,
/// or one the buyer confirmed since; a return signed by another asks the buyer to confirm.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReturnCertificateDto {
    pub evaluator: String,
    /// The certificate's subject (RFC 4514).
    pub subject: String,
    /// Lowercase hex SHA-256 of the certificate.
    pub certificate_sha256: String,
    /// RFC 3339: when it was pinned.
    pub pinned_at: String,
}

impl From<(String, FileSigner, String)> for ReturnCertificateDto {
    fn from((evaluator, signer, pinned_at): (String, FileSigner, String)) -> Self {
        ReturnCertificateDto {
            evaluator,
            subject: signer.subject,
            certificate_sha256: signer.certificate_sha256,
            pinned_at,
        }
    }
}

/// What merging a return file did, and the evaluation as saved.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MergeReportDto {
    pub evaluator: String,
    pub file_name: String,
    /// Lowercase hex SHA-256 of the file, as the journal records it.
    pub sha256: String,
    /// Scores written (new ones, and the conflicting ones when the file's were taken).
    pub written: u32,
    /// Scores already held as they are.
    pub unchanged: u32,
    /// Cells held with another score, kept for the buyer to decide.
    pub conflicts: Vec<ConflictDto>,
    /// Declarations of interests recorded (new or changed).
    pub declarations: u32,
    /// The subject of the certificate that signed the file, when it was signed (the signature
    /// verified: a file whose signature does not is refused).
    pub signed_by: Option<String>,
    /// Lowercase hex SHA-256 of that certificate.
    pub certificate_sha256: Option<String>,
    /// For a signed file: whether the certificate was valid when the file says it was written;
    /// null when unsigned or when the certificate's dates could not be read.
    pub valid_at_signing: Option<bool>,
    /// Whether the buyer's copy changed (scores written or removed, declarations recorded).
    pub changed: bool,
    /// The file's declarations older than the buyer's: reported, ignored.
    pub stale_declarations: Vec<StaleDeclarationDto>,
    /// The member's scores removed by a conflict of interests the file newly declares.
    pub removed: Vec<Score>,
    /// The file's scores on an offer whose declared conflict it withdraws.
    pub restored: Vec<Score>,
    /// What the buyer should know about the signature, as journaled.
    pub flags: Vec<ReturnFlagDto>,
    pub view: EvaluationView,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl From<MergedReturn> for MergeReportDto {
    fn from(m: MergedReturn) -> Self {
        MergeReportDto {
            evaluator: m.report.evaluator,
            file_name: m.report.file.name,
            sha256: m.report.file.sha256,
            written: count(m.report.written),
            unchanged: count(m.report.unchanged),
            conflicts: m
                .report
                .conflicts
                .into_iter()
                .map(|c| ConflictDto {
                    justification_only: c.justification_only(),
                    ours: c.ours,
                    theirs: c.theirs,
                })
                .collect(),
            declarations: count(m.report.declarations),
            certificate_sha256: m
                .report
                .file
                .signer
                .as_ref()
                .map(|s| s.certificate_sha256.clone()),
            signed_by: m.report.file.signer.map(|s| s.subject),
            valid_at_signing: m.report.valid_at_signing,
            changed: m.report.changed,
            stale_declarations: m
                .report
                .stale_declarations
                .into_iter()
                .map(StaleDeclarationDto::from)
                .collect(),
            removed: m.report.removed,
            restored: m.report.restored,
            flags: m
                .report
                .flags
                .iter()
                .map(|(code, params)| ReturnFlagDto {
                    code: code.clone(),
                    params: params.into(),
                })
                .collect(),
            view: (m.evaluation, m.results).into(),
        }
    }
}

/// The evaluator's certificate to sign a return file with.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReturnSigningDto {
    pub p12_path: String,
    pub password: String,
}
