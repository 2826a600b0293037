//! The committee screen: evaluator packages out, return files back, who has scored what.

use jauge_api::MergedReturn;
use jauge_api::domain::Score;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::EvaluationView;

/// A cell the buyer's copy holds with another score than the return file's.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ConflictDto {
    /// What the buyer's copy holds (kept).
    pub ours: Score,
    /// What the file brings.
    pub theirs: Score,
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
                    ours: c.ours,
                    theirs: c.theirs,
                })
                .collect(),
            declarations: count(m.report.declarations),
            signed_by: m.report.file.signer.map(|s| s.subject),
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
