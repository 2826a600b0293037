//! What verification notes about a signature without doubting its integrity: a weak algorithm,
//! a container that is not PAdES baseline, an encoding that is not DER, what an offline check
//! cannot do, a timestamp. Each remark is told in French and English here, and only here.

use chrono::{DateTime, Utc};

/// A time vouched for by a timestamp authority (RFC 3161).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timestamp {
    /// The time the authority certifies (`genTime`).
    pub time: DateTime<Utc>,
    /// The authority's certificate common name (or subject), escaped.
    pub authority: Option<String>,
}

/// One remark on a signature. Remarks never change its verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Remark {
    /// The signature relies on SHA-1, which collisions have broken.
    WeakDigest { algorithm: String },
    /// No ESS signing-certificate attribute: the signer certificate is not bound into the
    /// signature, which PAdES baseline requires (plain `adbe.pkcs7.detached`).
    NotPadesBaseline,
    /// The older ESS signingCertificate (v1, SHA-1) binds the certificate.
    SigningCertificateV1,
    /// The signature covers the bytes directly, without signed attributes.
    NoSignedAttributes,
    /// The signed attributes are not in DER order; the signature was checked over them as
    /// transmitted.
    SignedAttributesNotDer,
    /// The CMS container is not strict DER (BER indefinite lengths, a certificate embedded
    /// twice…); it was read all the same.
    BerEncoding,
    /// An optional signed attribute could not be read; it was not checked.
    UndecodableAttribute { oid: String },
    /// A signature timestamp (unsigned attribute) vouches that the signature existed then.
    SignatureTimestamp(Timestamp),
    /// A signature timestamp is present but does not verify.
    InvalidSignatureTimestamp,
    /// Revocation (CRL, OCSP) is never checked: Jauge works offline.
    RevocationNotChecked,
}

impl Remark {
    /// A stable machine-readable name, for the JSON output.
    pub fn code(&self) -> &'static str {
        match self {
            Remark::WeakDigest { .. } => "weak_digest",
            Remark::NotPadesBaseline => "not_pades_baseline",
            Remark::SigningCertificateV1 => "signing_certificate_v1",
            Remark::NoSignedAttributes => "no_signed_attributes",
            Remark::SignedAttributesNotDer => "signed_attributes_not_der",
            Remark::BerEncoding => "ber_encoding",
            Remark::UndecodableAttribute { .. } => "undecodable_attribute",
            Remark::SignatureTimestamp(_) => "signature_timestamp",
            Remark::InvalidSignatureTimestamp => "invalid_signature_timestamp",
            Remark::RevocationNotChecked => "revocation_not_checked",
        }
    }

    pub fn french(&self) -> String {
        match self {
            Remark::WeakDigest { algorithm } => {
                format!("empreinte {algorithm} : algorithme faible, vérifiée quand même")
            }
            Remark::NotPadesBaseline => "pas de certificat signataire lié à la signature \
                 (signingCertificate) : signature CMS simple, pas PAdES baseline"
                .to_owned(),
            Remark::SigningCertificateV1 => {
                "certificat signataire lié par l'ancien attribut signingCertificate (v1, SHA-1)"
                    .to_owned()
            }
            Remark::NoSignedAttributes => {
                "signature sans attributs signés : elle porte directement sur le document"
                    .to_owned()
            }
            Remark::SignedAttributesNotDer => "attributs signés hors de l'ordre DER : vérifiés \
                 tels qu'ils ont été transmis"
                .to_owned(),
            Remark::BerEncoding => "conteneur CMS hors DER strict (longueurs BER, éléments \
                 répétés) : lu tel quel"
                .to_owned(),
            Remark::UndecodableAttribute { oid } => {
                format!("attribut signé facultatif {oid} illisible : non vérifié")
            }
            Remark::SignatureTimestamp(stamp) => format!(
                "horodatage de la signature : {} UTC par {}",
                stamp.time.format("%d/%m/%Y %H:%M:%S"),
                stamp
                    .authority
                    .as_deref()
                    .unwrap_or("une autorité sans nom")
            ),
            Remark::InvalidSignatureTimestamp => {
                "horodatage de la signature présent mais invalide".to_owned()
            }
            Remark::RevocationNotChecked => "révocation du certificat non vérifiée (Jauge \
                 fonctionne hors ligne)"
                .to_owned(),
        }
    }

    pub fn english(&self) -> String {
        match self {
            Remark::WeakDigest { algorithm } => {
                format!("{algorithm} digest: a weak algorithm, verified all the same")
            }
            Remark::NotPadesBaseline => "no signing-certificate attribute binds the signer \
                 certificate: a plain CMS signature, not PAdES baseline"
                .to_owned(),
            Remark::SigningCertificateV1 => {
                "signer certificate bound by the older signingCertificate attribute (v1, SHA-1)"
                    .to_owned()
            }
            Remark::NoSignedAttributes => {
                "no signed attributes: the signature covers the document directly".to_owned()
            }
            Remark::SignedAttributesNotDer => {
                "signed attributes not in DER order: verified as transmitted".to_owned()
            }
            Remark::BerEncoding => {
                "CMS container not in strict DER (BER lengths, repeated elements): read as is"
                    .to_owned()
            }
            Remark::UndecodableAttribute { oid } => {
                format!("optional signed attribute {oid} unreadable: not checked")
            }
            Remark::SignatureTimestamp(stamp) => format!(
                "signature timestamp: {} UTC by {}",
                stamp.time.format("%Y-%m-%d %H:%M:%S"),
                stamp.authority.as_deref().unwrap_or("an unnamed authority")
            ),
            Remark::InvalidSignatureTimestamp => {
                "signature timestamp present but invalid".to_owned()
            }
            Remark::RevocationNotChecked => {
                "certificate revocation not checked (Jauge works offline)".to_owned()
            }
        }
    }
}
