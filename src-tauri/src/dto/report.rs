//! Report export, signatures, and facts about the app itself.

use jauge_api::{CertificateDetails, ExportedFile, Lang, Modification, SignatureReport, Verdict};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LangDto {
    Fr,
    En,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ExportedFileDto {
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
    /// Every signature is intact and only signatures were added after any of them.
    pub fully_signed: bool,
}

/// How a signature stands: intact and nothing changed since; intact with later signatures only;
/// intact but the document was modified after it (see `modifications`); intact and modified
/// after only as its certification permits (form filling, annotations under P=3); broken; not
/// verifiable (an algorithm Jauge does not check: neither intact nor altered).
#[derive(Debug, Clone, Copy, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SignatureVerdictDto {
    Unchanged,
    LaterSignaturesOnly,
    ModifiedAfter,
    ModifiedWithinPermissions,
    Broken,
    Unverifiable,
}

/// A text in both languages, as the core words it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BilingualDto {
    pub fr: String,
    pub en: String,
}

/// One finding about a signature, worded by the signing crate in both languages: a change made
/// after it that no rule accepts, a remark that leaves its verdict as it is, or the problem
/// that breaks it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SignatureNoteDto {
    /// Stable name, e.g. `page_content`, `weak_digest`, `bytes_modified`.
    pub code: String,
    pub text: BilingualDto,
}

/// The signer certificate, as read offline (no trust judged).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(optional_fields = nullable)]
pub struct CertificateDto {
    /// Lowercase hex SHA-256 of the certificate.
    pub sha256_fingerprint: String,
    /// RFC 4514, control characters escaped.
    pub subject: String,
    pub issuer: String,
    pub serial_number: String,
    /// RFC 3339.
    pub not_before: Option<String>,
    pub not_after: Option<String>,
    /// `None`: no key usage extension.
    pub non_repudiation: Option<bool>,
    /// The certificate declares itself qualified (EU QcCompliance statement).
    pub qc_compliance: bool,
    pub qc_sscd: bool,
    /// `esign`, `eseal`, `web`.
    pub qc_types: Vec<String>,
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
    /// Why the signature is not intact or cannot be checked.
    pub problem: Option<SignatureNoteDto>,
    pub verdict: SignatureVerdictDto,
    pub verdict_text: BilingualDto,
    /// What changed after this signature (empty unless `modified_after`).
    pub modifications: Vec<SignatureNoteDto>,
    /// Remarks that leave the verdict as it is.
    pub remarks: Vec<SignatureNoteDto>,
    /// The signed revision is the file's first `signedBytes` bytes.
    pub signed_bytes: Option<u32>,
    pub certificate: Option<CertificateDto>,
    /// The claimed signing time falls inside the certificate's validity period.
    pub signed_within_validity: Option<bool>,
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

impl From<ExportedFile> for ExportedFileDto {
    fn from(r: ExportedFile) -> Self {
        ExportedFileDto {
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
            problem: r.problem.as_ref().map(|problem| SignatureNoteDto {
                code: problem.code().to_owned(),
                text: BilingualDto {
                    fr: problem.french(),
                    en: problem.english(),
                },
            }),
            verdict: r.verdict.into(),
            verdict_text: BilingualDto {
                fr: r.verdict.french().to_owned(),
                en: r.verdict.english().to_owned(),
            },
            modifications: r.modifications.iter().map(Into::into).collect(),
            remarks: r
                .remarks
                .iter()
                .map(|remark| SignatureNoteDto {
                    code: remark.code().to_owned(),
                    text: BilingualDto {
                        fr: remark.french(),
                        en: remark.english(),
                    },
                })
                .collect(),
            signed_bytes: r
                .signed_length
                .and_then(|length| u32::try_from(length).ok()),
            certificate: r.certificate.as_ref().map(Into::into),
            signed_within_validity: r.signed_within_validity(),
        }
    }
}

impl From<Verdict> for SignatureVerdictDto {
    fn from(verdict: Verdict) -> Self {
        match verdict {
            Verdict::Unchanged => SignatureVerdictDto::Unchanged,
            Verdict::LaterSignaturesOnly => SignatureVerdictDto::LaterSignaturesOnly,
            Verdict::ModifiedAfter => SignatureVerdictDto::ModifiedAfter,
            Verdict::ModifiedWithinPermissions => SignatureVerdictDto::ModifiedWithinPermissions,
            Verdict::Broken => SignatureVerdictDto::Broken,
            Verdict::Unverifiable => SignatureVerdictDto::Unverifiable,
        }
    }
}

impl From<&Modification> for SignatureNoteDto {
    fn from(m: &Modification) -> Self {
        SignatureNoteDto {
            code: m.code().to_owned(),
            text: BilingualDto {
                fr: m.french(),
                en: m.english(),
            },
        }
    }
}

impl From<&CertificateDetails> for CertificateDto {
    fn from(c: &CertificateDetails) -> Self {
        CertificateDto {
            sha256_fingerprint: c.sha256_fingerprint.clone(),
            subject: c.subject.clone(),
            issuer: c.issuer.clone(),
            serial_number: c.serial_number.clone(),
            not_before: c.not_before.map(|at| at.to_rfc3339()),
            not_after: c.not_after.map(|at| at.to_rfc3339()),
            non_repudiation: c.non_repudiation,
            qc_compliance: c.qualified.compliance,
            qc_sscd: c.qualified.secure_device,
            qc_types: c.qualified.types.clone(),
        }
    }
}
