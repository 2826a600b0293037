//! What a signer's certificate says about the signer, read offline: who it names, who issued
//! it, when it is valid, whether it is meant for non-repudiation, and whether it declares itself
//! a qualified certificate (the EU QC statements of ETSI EN 319 412-5).
//!
//! None of this is trust: a certificate can say anything about itself. It is what a reader needs
//! to ask the right question ("is this the buyer's qualified certificate?") and what the 2019
//! decree on signing public procurement documents asks about.

use chrono::{DateTime, Utc};
use der::asn1::{Any, ObjectIdentifier};
use der::{Decode, Encode, Sequence};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::ext::pkix::KeyUsage;
use x509_cert::name::Name;

use crate::display::escape_control_characters;

const COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const ID_KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.15");
const ID_QC_STATEMENTS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.1.3");
const QC_COMPLIANCE: ObjectIdentifier = ObjectIdentifier::new_unwrap("0.4.0.1862.1.1");
const QC_SSCD: ObjectIdentifier = ObjectIdentifier::new_unwrap("0.4.0.1862.1.4");
const QC_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("0.4.0.1862.1.6");
const QC_TYPE_ESIGN: ObjectIdentifier = ObjectIdentifier::new_unwrap("0.4.0.1862.1.6.1");
const QC_TYPE_ESEAL: ObjectIdentifier = ObjectIdentifier::new_unwrap("0.4.0.1862.1.6.2");
const QC_TYPE_WEB: ObjectIdentifier = ObjectIdentifier::new_unwrap("0.4.0.1862.1.6.3");

/// The signer certificate, as a reader of the signature needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct CertificateDetails {
    /// Lowercase hex SHA-256 of the certificate's DER: what to compare with the certificate the
    /// signer says they hold.
    pub sha256_fingerprint: String,
    /// Subject and issuer in RFC 4514 form, control characters escaped.
    pub subject: String,
    pub common_name: Option<String>,
    pub issuer: String,
    /// Serial number in hex.
    pub serial_number: String,
    pub not_before: Option<DateTime<Utc>>,
    pub not_after: Option<DateTime<Utc>>,
    /// `None` when the certificate has no key usage extension (any use allowed).
    pub non_repudiation: Option<bool>,
    pub qualified: QualifiedStatements,
}

impl CertificateDetails {
    /// Whether `at` falls inside the validity period; `None` when the period cannot be read.
    pub fn valid_at(&self, at: DateTime<Utc>) -> Option<bool> {
        Some(self.not_before? <= at && at <= self.not_after?)
    }
}

/// The EU qualified-certificate statements a certificate declares (ETSI EN 319 412-5).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QualifiedStatements {
    /// `QcCompliance`: issued as a qualified certificate under eIDAS.
    pub compliance: bool,
    /// `QcSSCD`: its key lives in a qualified signature creation device.
    pub secure_device: bool,
    /// `QcType`: `esign` (natural person), `eseal` (legal person), `web`.
    pub types: Vec<String>,
}

#[derive(Sequence)]
struct QcStatement {
    statement_id: ObjectIdentifier,
    #[asn1(optional = "true")]
    statement_info: Option<Any>,
}

pub(crate) fn details(cert: &Certificate) -> CertificateDetails {
    let tbs = &cert.tbs_certificate;
    let fingerprint = cert
        .to_der()
        .map(|der| hex_lower(&Sha256::digest(der)))
        .unwrap_or_default();
    let extensions = tbs.extensions.as_deref().unwrap_or_default();
    let non_repudiation = extensions
        .iter()
        .find(|ext| ext.extn_id == ID_KEY_USAGE)
        .and_then(|ext| KeyUsage::from_der(ext.extn_value.as_bytes()).ok())
        .map(|usage| usage.non_repudiation());
    let qualified = extensions
        .iter()
        .find(|ext| ext.extn_id == ID_QC_STATEMENTS)
        .map(|ext| qc_statements(ext.extn_value.as_bytes()))
        .unwrap_or_default();
    CertificateDetails {
        sha256_fingerprint: fingerprint,
        subject: escape_control_characters(&tbs.subject.to_string()),
        common_name: common_name(&tbs.subject).map(|name| escape_control_characters(&name)),
        issuer: escape_control_characters(&tbs.issuer.to_string()),
        serial_number: hex_lower(tbs.serial_number.as_bytes()),
        not_before: time(tbs.validity.not_before.to_unix_duration()),
        not_after: time(tbs.validity.not_after.to_unix_duration()),
        non_repudiation,
        qualified,
    }
}

fn time(since_epoch: std::time::Duration) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(i64::try_from(since_epoch.as_secs()).ok()?, 0)
}

fn qc_statements(der: &[u8]) -> QualifiedStatements {
    let mut found = QualifiedStatements::default();
    let Ok(statements) = Vec::<QcStatement>::from_der(der) else {
        return found;
    };
    for statement in statements {
        match statement.statement_id {
            QC_COMPLIANCE => found.compliance = true,
            QC_SSCD => found.secure_device = true,
            QC_TYPE => {
                let types = statement
                    .statement_info
                    .and_then(|info| info.decode_as::<Vec<ObjectIdentifier>>().ok())
                    .unwrap_or_default();
                for kind in types {
                    found.types.push(
                        match kind {
                            QC_TYPE_ESIGN => "esign",
                            QC_TYPE_ESEAL => "eseal",
                            QC_TYPE_WEB => "web",
                            _ => "other",
                        }
                        .to_owned(),
                    );
                }
            }
            _ => {}
        }
    }
    found
}

pub(crate) fn hex_lower(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut text, byte| {
        let _ = write!(text, "{byte:02x}");
        text
    })
}

/// The first common name (CN) of a distinguished name, if it is a readable string.
pub(crate) fn common_name(name: &Name) -> Option<String> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|atv| atv.oid == COMMON_NAME)
        .and_then(|atv| std::str::from_utf8(atv.value.value()).ok())
        .map(escape_control_characters)
}
