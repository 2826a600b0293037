//! Letters to bidders and workbooks. A letter crosses as the domain's own facts
//! (`jauge_domain::letters::Letter`, its TypeScript derived under the `ts` feature): the screen
//! shows the figures the PDF prints, computed once by the engine.

use std::collections::BTreeMap;

use jauge_api::domain::letters::{Letter, Notification};
use jauge_api::{ImportedWorkbook, LetterPreview, WrittenLetter};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{EvaluationView, LangDto, VerificationDto};

/// One letter before printing: its facts, the drafted advantages text the buyer may replace,
/// and the file name it is written under.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LetterPreviewDto {
    pub letter: Letter,
    pub drafted_advantages: String,
    pub file_name: String,
}

impl From<LetterPreview> for LetterPreviewDto {
    fn from(p: LetterPreview) -> Self {
        LetterPreviewDto {
            letter: p.letter,
            drafted_advantages: p.drafted_advantages,
            file_name: p.file_name,
        }
    }
}

/// What the buyer chose for the batch: notification date and channel, language, and their own
/// advantages text by offer id (an empty text leaves the section out of that letter).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct LettersRequestDto {
    pub notification: Notification,
    pub lang: LangDto,
    pub advantages: BTreeMap<String, String>,
}

impl LettersRequestDto {
    /// The API's request for a batch written at `at` (every letter of a tender or a
    /// consultation).
    pub fn at(self, at: chrono::DateTime<chrono::Utc>) -> jauge_api::LettersRequest {
        jauge_api::LettersRequest {
            notification: self.notification,
            lang: self.lang.into(),
            advantages: self.advantages,
            at,
        }
    }
}

/// How to sign every letter: one PKCS#12 file and one password for the whole batch, used for
/// this call only.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LettersSigningDto {
    pub p12_path: String,
    pub password: String,
    pub reason: Option<String>,
    pub visible: bool,
}

/// One letter written to the folder, with its signatures as verified after signing (`null`
/// when unsigned).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(optional_fields = nullable)]
pub struct WrittenLetterDto {
    pub offer: String,
    pub path: String,
    pub verification: Option<VerificationDto>,
}

impl From<WrittenLetter> for WrittenLetterDto {
    fn from(w: WrittenLetter) -> Self {
        WrittenLetterDto {
            offer: w.offer,
            path: w.path.display().to_string(),
            verification: (!w.signatures.is_empty()).then(|| w.signatures.into()),
        }
    }
}

/// A workbook import: how many scores or offers it set, the file as journaled, and the
/// evaluation as saved.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkbookImportDto {
    pub count: u32,
    pub file_name: String,
    /// Lowercase hex SHA-256 of the file, as the journal records it.
    pub sha256: String,
    pub view: EvaluationView,
}

impl From<ImportedWorkbook> for WorkbookImportDto {
    fn from(i: ImportedWorkbook) -> Self {
        WorkbookImportDto {
            count: u32::try_from(i.import.count).unwrap_or(u32::MAX),
            file_name: i.import.file.name,
            sha256: i.import.file.sha256,
            view: (i.evaluation, i.results).into(),
        }
    }
}
