//! The CMS (RFC 5652) side of a PAdES signature: the structures a SignedData carries, and
//! checking one against the bytes it claims to sign. Building one belongs to the signer
//! (`signer.rs`), which depends on this module, never the other way round.

use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der::asn1::{Any, ObjectIdentifier, OctetString};
use der::{Decode, Encode, Sequence};
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::serial_number::SerialNumber;

use crate::algorithms::{self, DigestAlgorithm, SignatureCheck};
use crate::ber;
use crate::certificate::{CertificateDetails, details};
use crate::problem::Problem;
use crate::remark::{Remark, Timestamp};

pub(crate) const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const ID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
pub(crate) const ID_SIGNING_CERTIFICATE_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
const ID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
pub(crate) const ID_SHA256: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");

/// ESS `SigningCertificateV2` (RFC 5035), the signed attribute that binds the signer certificate
/// into the signature; PAdES B-B requires it.
#[derive(Sequence)]
pub(crate) struct SigningCertificateV2 {
    pub(crate) certs: Vec<EssCertIdV2>,
}

#[derive(Sequence)]
pub(crate) struct EssCertIdV2 {
    // DER forbids encoding a DEFAULT value, and the default is SHA-256: so we write None, but
    // accept it when another signer spelled it out.
    #[asn1(optional = "true")]
    pub(crate) hash_algorithm: Option<AlgorithmIdentifierOwned>,
    pub(crate) cert_hash: OctetString,
    #[asn1(optional = "true")]
    pub(crate) issuer_serial: Option<IssuerSerial>,
}

#[derive(Sequence)]
pub(crate) struct IssuerSerial {
    pub(crate) issuer: Vec<GeneralName>,
    pub(crate) serial_number: SerialNumber,
}

/// ESS `SigningCertificate` (RFC 2634), the older attribute with a SHA-1 certificate hash that
/// Acrobat and older libraries write instead of the v2.
#[derive(Sequence)]
struct SigningCertificateV1 {
    certs: Vec<EssCertId>,
    #[asn1(optional = "true")]
    policies: Option<Any>,
}

#[derive(Sequence)]
struct EssCertId {
    cert_hash: OctetString,
    #[asn1(optional = "true")]
    issuer_serial: Option<IssuerSerial>,
}

/// What the bytes a PDF signature covers are to its CMS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Coverage {
    /// The CMS signs the bytes themselves (`adbe.pkcs7.detached`, `ETSI.CAdES.detached`, a
    /// return file).
    Detached,
    /// An RFC 3161 timestamp token whose TSTInfo imprints the bytes (`ETSI.RFC3161`, and a
    /// signature timestamp over a signature value).
    Timestamp,
    /// The CMS encapsulates the SHA-1 digest of the bytes (`adbe.pkcs7.sha1`).
    EncapsulatedSha1,
}

/// What a CMS SignedData says about itself once checked against the signed bytes.
#[derive(Debug, Default)]
pub(crate) struct CmsCheck {
    pub signer_subject: Option<String>,
    pub signer_common_name: Option<String>,
    pub certificate: Option<CertificateDetails>,
    pub digest_matches: bool,
    pub signature_valid: bool,
    /// The algorithm is one Jauge cannot check: `problem` says which; nothing is known about
    /// the bytes either way.
    pub unsupported: bool,
    /// What was noted without doubting the signature.
    pub remarks: Vec<Remark>,
    /// For a timestamp token: the time and authority it vouches for.
    pub timestamp: Option<Timestamp>,
    /// The first thing found wrong.
    pub problem: Option<Problem>,
}

/// Checks a CMS SignedData against the bytes it signs, the way `coverage` says it covers them:
/// the digest the signer signed against the bytes (messageDigest, a timestamp's message
/// imprint, or an encapsulated digest), then the signature against the signer certificate's
/// public key, over the signed attributes as transmitted. Trust in the certificate is not
/// judged here.
pub(crate) fn check_signed_data(
    cms_bytes: &[u8],
    signed_parts: &[&[u8]],
    coverage: Coverage,
) -> CmsCheck {
    let mut check = CmsCheck::default();
    if let Err(problem) = run_check(cms_bytes, signed_parts, coverage, false, &mut check) {
        check.problem = Some(problem);
    }
    check
}

const ID_TST_INFO: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.4");
const ID_SIGNING_CERTIFICATE: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.12");
const ID_SIGNATURE_TIMESTAMP: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14");

/// The SignedData a DER ContentInfo carries.
fn signed_data_in(der: &[u8]) -> std::result::Result<SignedData, Problem> {
    let content = ContentInfo::from_der(der).map_err(|err| Problem::UnreadableContainer {
        detail: err.to_string(),
    })?;
    if content.content_type != ID_SIGNED_DATA {
        return Err(Problem::NotSignedData);
    }
    content
        .content
        .decode_as()
        .map_err(|err| Problem::UnreadableContainer {
            detail: format!("the SignedData cannot be decoded: {err}"),
        })
}

fn run_check(
    cms_bytes: &[u8],
    signed_parts: &[&[u8]],
    coverage: Coverage,
    nested: bool,
    check: &mut CmsCheck,
) -> std::result::Result<(), Problem> {
    let normalised = ber::normalise(cms_bytes).ok_or_else(|| Problem::UnreadableContainer {
        detail: "its encoding cannot be read".to_owned(),
    })?;
    if normalised.rewritten {
        check.remarks.push(Remark::BerEncoding);
    }
    let mut der = normalised.der;
    // A timestamp authority's attribute certificate beside its own (an obsolete choice the
    // decoder does not know) is left out: certificates are not signed.
    if signed_data_in(&der).is_err()
        && let Some(without) = ber::without_obsolete_certificates(&der)
    {
        der = without;
    }
    let der = der.as_slice();
    let signed_data = signed_data_in(der)?;
    let signer_info = signed_data
        .signer_infos
        .0
        .iter()
        .next()
        .ok_or(Problem::NoSigner)?;
    let cert =
        find_signer_certificate(&signed_data, signer_info).ok_or(Problem::NoSignerCertificate)?;
    let certificate = details(cert);
    check.signer_subject = Some(certificate.subject.clone());
    check.signer_common_name = certificate.common_name.clone();
    check.certificate = Some(certificate);

    let Some(digest) = DigestAlgorithm::from_oid(signer_info.digest_alg.oid) else {
        check.unsupported = true;
        return Err(Problem::UnsupportedDigest {
            algorithm: signer_info.digest_alg.oid.to_string(),
        });
    };
    if digest.is_weak() {
        check.remarks.push(Remark::WeakDigest {
            algorithm: digest.name().to_owned(),
        });
    }

    // What the signer's digest covers: the encapsulated content when there is one (a
    // timestamp's TSTInfo, an `adbe.pkcs7.sha1` digest), the signed bytes otherwise.
    let econtent_type = signed_data.encap_content_info.econtent_type;
    let encapsulated = match &signed_data.encap_content_info.econtent {
        Some(econtent) => Some(
            econtent
                .decode_as::<OctetString>()
                .map_err(|err| Problem::WrongEncapsulation {
                    detail: format!("the encapsulated content cannot be read: {err}"),
                })?
                .into_bytes(),
        ),
        None => None,
    };
    let content_parts: Vec<&[u8]> = match (&encapsulated, coverage) {
        (None, Coverage::Detached) => signed_parts.to_vec(),
        (Some(content), Coverage::Timestamp | Coverage::EncapsulatedSha1) => vec![content],
        (Some(_), Coverage::Detached) => {
            return Err(Problem::WrongEncapsulation {
                detail: "content encapsulated where a detached signature is expected".to_owned(),
            });
        }
        (None, _) => {
            return Err(Problem::WrongEncapsulation {
                detail: "nothing encapsulated where the signed content is expected".to_owned(),
            });
        }
    };

    let spki = &cert.tbs_certificate.subject_public_key_info;
    let signature = signer_info.signature.as_bytes();
    let algorithm = &signer_info.signature_algorithm;
    let outcome = match &signer_info.signed_attrs {
        Some(signed_attrs) => {
            let claimed_digest = signed_attrs
                .iter()
                .find(|attr| attr.oid == ID_MESSAGE_DIGEST)
                .and_then(|attr| attr.values.iter().next())
                .and_then(|value| value.decode_as::<OctetString>().ok())
                .ok_or_else(|| Problem::SignedAttribute {
                    detail: "no messageDigest".to_owned(),
                })?;
            check.digest_matches = claimed_digest.as_bytes() == digest.digest(&content_parts);
            // RFC 5652 §5.4: the signature covers the attributes with the SET OF tag, not the
            // [0] IMPLICIT tag they are stored under — as the signer transmitted them, which
            // is DER order for most signers and not for a few that validators accept.
            let transmitted =
                transmitted_signed_attributes(der).ok_or_else(|| Problem::SignedAttribute {
                    detail: "the signed attributes cannot be located".to_owned(),
                })?;
            let reencoded = signed_attrs
                .to_der()
                .map_err(|err| Problem::SignedAttribute {
                    detail: format!("the signed attributes cannot be re-encoded: {err}"),
                })?;
            let mut outcome =
                algorithms::verify(spki, algorithm, digest, &[&transmitted], signature);
            if transmitted != reencoded {
                if outcome == SignatureCheck::Valid {
                    check.remarks.push(Remark::SignedAttributesNotDer);
                } else {
                    outcome = algorithms::verify(spki, algorithm, digest, &[&reencoded], signature);
                }
            }
            outcome
        }
        None => {
            check.remarks.push(Remark::NoSignedAttributes);
            let outcome = algorithms::verify(spki, algorithm, digest, &content_parts, signature);
            // Without attributes the signature itself is the only digest check there is.
            check.digest_matches = outcome == SignatureCheck::Valid;
            if let SignatureCheck::Unsupported(detail) = outcome {
                check.unsupported = true;
                return Err(Problem::UnsupportedAlgorithm { detail });
            }
            if !check.digest_matches {
                return Err(Problem::BytesModified);
            }
            outcome
        }
    };

    if !check.digest_matches {
        return Err(Problem::BytesModified);
    }
    match outcome {
        SignatureCheck::Valid => check.signature_valid = true,
        SignatureCheck::Invalid => {
            return Err(Problem::SignatureMismatch);
        }
        SignatureCheck::Unsupported(detail) => {
            check.unsupported = true;
            return Err(Problem::UnsupportedAlgorithm { detail });
        }
    }

    match coverage {
        Coverage::Detached => {}
        Coverage::EncapsulatedSha1 => {
            let actual = DigestAlgorithm::Sha1.digest(signed_parts);
            if encapsulated.as_deref() != Some(actual.as_slice()) {
                check.digest_matches = false;
                return Err(Problem::BytesModified);
            }
        }
        Coverage::Timestamp => {
            if econtent_type != ID_TST_INFO {
                return Err(Problem::UnreadableTimestamp {
                    detail: "no TSTInfo".to_owned(),
                });
            }
            let tst_info = encapsulated
                .as_deref()
                .and_then(read_tst_info)
                .ok_or_else(|| Problem::UnreadableTimestamp {
                    detail: "its TSTInfo cannot be read, or names an unsupported digest".to_owned(),
                })?;
            if tst_info.imprint_algorithm.digest(signed_parts) != tst_info.imprint {
                check.digest_matches = false;
                return Err(Problem::TimestampMismatch);
            }
            if tst_info.imprint_algorithm.is_weak() && !digest.is_weak() {
                check.remarks.push(Remark::WeakDigest {
                    algorithm: tst_info.imprint_algorithm.name().to_owned(),
                });
            }
            check.timestamp = Some(Timestamp {
                time: tst_info.time,
                authority: check
                    .signer_common_name
                    .clone()
                    .or_else(|| check.signer_subject.clone()),
            });
        }
    }

    if let Some(signed_attrs) = &signer_info.signed_attrs {
        check_content_type(signed_attrs.iter(), econtent_type)
            .map_err(|detail| Problem::SignedAttribute { detail })?;
        check_signing_certificate(
            signed_attrs.iter(),
            cert,
            coverage == Coverage::Timestamp,
            &mut check.remarks,
        )
        .map_err(|detail| Problem::SigningCertificate { detail })?;
    }
    if !nested {
        signature_timestamp(signer_info, check);
    }
    Ok(())
}

/// A signature timestamp (unsigned attribute, RFC 3161 appendix A) is a token over the
/// signature value: shown when it verifies, noted when it does not. It never changes what the
/// signature itself is worth.
fn signature_timestamp(signer_info: &SignerInfo, check: &mut CmsCheck) {
    let Some(token) = signer_info
        .unsigned_attrs
        .as_ref()
        .and_then(|attrs| attrs.iter().find(|attr| attr.oid == ID_SIGNATURE_TIMESTAMP))
        .and_then(|attr| attr.values.iter().next())
        .and_then(|value| value.to_der().ok())
    else {
        return;
    };
    let mut token_check = CmsCheck::default();
    let signature = signer_info.signature.as_bytes();
    let verified = run_check(
        &token,
        &[signature],
        Coverage::Timestamp,
        true,
        &mut token_check,
    );
    match (verified, token_check.timestamp) {
        (Ok(()), Some(timestamp)) => check.remarks.push(Remark::SignatureTimestamp(timestamp)),
        _ => check.remarks.push(Remark::InvalidSignatureTimestamp),
    }
}

/// The parts of an RFC 3161 TSTInfo a verifier needs.
struct TstInfo {
    imprint_algorithm: DigestAlgorithm,
    imprint: Vec<u8>,
    time: chrono::DateTime<chrono::Utc>,
}

/// Reads version, policy, messageImprint, serialNumber and genTime, the TSTInfo's first five
/// fields (RFC 3161 §2.4.2); genTime may carry fractions of a second, which are dropped.
fn read_tst_info(der: &[u8]) -> Option<TstInfo> {
    let outer = ber::element_at(der, 0)?;
    let fields = ber::children(der, outer)?;
    let imprint = fields.get(2)?;
    let imprint_parts = ber::children(der, *imprint)?;
    let algorithm_element = imprint_parts.first()?;
    let algorithm =
        AlgorithmIdentifierOwned::from_der(&der[algorithm_element.start..algorithm_element.end])
            .ok()?;
    let hashed = imprint_parts.get(1)?;
    let time = fields.get(4)?;
    if time.tag != 0x18 {
        return None;
    }
    let text = std::str::from_utf8(&der[time.content_start..time.end]).ok()?;
    let time = chrono::NaiveDateTime::parse_from_str(text.get(..14)?, "%Y%m%d%H%M%S")
        .ok()?
        .and_utc();
    Some(TstInfo {
        imprint_algorithm: DigestAlgorithm::from_oid(algorithm.oid)?,
        imprint: der[hashed.content_start..hashed.end].to_vec(),
        time,
    })
}

/// The first SignerInfo's signed attributes exactly as the container carries them, with the
/// SET OF tag the signature covers in place of their `[0] IMPLICIT` one.
fn transmitted_signed_attributes(der: &[u8]) -> Option<Vec<u8>> {
    let content_info = ber::element_at(der, 0)?;
    let explicit = *ber::children(der, content_info)?.get(1)?;
    let signed_data = *ber::children(der, explicit)?.first()?;
    let signer_infos = *ber::children(der, signed_data)?.last()?;
    let signer_info = *ber::children(der, signer_infos)?.first()?;
    let attributes = *ber::children(der, signer_info)?.get(3)?;
    if attributes.tag != 0xa0 {
        return None;
    }
    let mut bytes = der[attributes.start..attributes.end].to_vec();
    bytes[0] = 0x31;
    Some(bytes)
}

/// RFC 5652 §5.3: the signed contentType attribute must be present and name the content type
/// the SignedData encapsulates, so the signed attributes cannot be replayed over other content.
fn check_content_type<'a>(
    mut attrs: impl Iterator<Item = &'a Attribute>,
    encapsulated: ObjectIdentifier,
) -> std::result::Result<(), String> {
    let attr = attrs
        .find(|attr| attr.oid == ID_CONTENT_TYPE)
        .ok_or("the signature has no contentType attribute, which CMS requires")?;
    let mut values = attr.values.iter();
    let declared = values
        .next()
        .and_then(|value| value.decode_as::<ObjectIdentifier>().ok())
        .ok_or("the contentType attribute cannot be decoded")?;
    if values.next().is_some() || declared != encapsulated {
        return Err(format!(
            "the contentType attribute ({declared}) does not name the signed content type \
             ({encapsulated})"
        ));
    }
    Ok(())
}

fn find_signer_certificate<'a>(
    signed_data: &'a SignedData,
    signer_info: &SignerInfo,
) -> Option<&'a Certificate> {
    let certificates = signed_data.certificates.as_ref()?;
    certificates.0.iter().find_map(|choice| match choice {
        CertificateChoices::Certificate(cert) => {
            let tbs = &cert.tbs_certificate;
            let matches = match &signer_info.sid {
                SignerIdentifier::IssuerAndSerialNumber(id) => {
                    tbs.issuer == id.issuer && tbs.serial_number == id.serial_number
                }
                SignerIdentifier::SubjectKeyIdentifier(ski) => {
                    subject_key_identifier(cert).is_some_and(|own| own == ski.0.as_bytes())
                }
            };
            matches.then_some(cert)
        }
        CertificateChoices::Other(_) => None,
    })
}

fn subject_key_identifier(cert: &Certificate) -> Option<Vec<u8>> {
    use x509_cert::ext::pkix::SubjectKeyIdentifier;
    const ID_SKI: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.14");
    let extensions = cert.tbs_certificate.extensions.as_ref()?;
    let ext = extensions.iter().find(|ext| ext.extn_id == ID_SKI)?;
    let ski = SubjectKeyIdentifier::from_der(ext.extn_value.as_bytes()).ok()?;
    Some(ski.0.as_bytes().to_vec())
}

/// The ESS signing-certificate attribute must name the certificate the signature verified
/// against; otherwise a certificate could be swapped for another one holding the same key. The
/// v2 attribute (PAdES) is checked whatever hash it names, the v1 one (SHA-1) too; none at all is
/// a plain CMS signature, noted as not PAdES baseline (a timestamp token needs none). An
/// attribute that cannot be decoded is noted, not taken for a forgery.
fn check_signing_certificate<'a>(
    attrs: impl Iterator<Item = &'a Attribute> + Clone,
    cert: &Certificate,
    is_timestamp: bool,
    remarks: &mut Vec<Remark>,
) -> std::result::Result<(), String> {
    let cert_der = cert
        .to_der()
        .map_err(|err| format!("the signer certificate cannot be re-encoded: {err}"))?;
    let first_value = |oid: ObjectIdentifier| {
        attrs
            .clone()
            .find(|attr| attr.oid == oid)
            .map(|attr| attr.values.iter().next().cloned())
    };
    if let Some(value) = first_value(ID_SIGNING_CERTIFICATE_V2) {
        let Some(value) = value.and_then(|value| value.decode_as::<SigningCertificateV2>().ok())
        else {
            remarks.push(Remark::UndecodableAttribute {
                oid: ID_SIGNING_CERTIFICATE_V2.to_string(),
            });
            return Ok(());
        };
        let first = value
            .certs
            .first()
            .ok_or("the signingCertificateV2 attribute names no certificate")?;
        // The hash algorithm defaults to SHA-256 (RFC 5035); other signers spell out SHA-384
        // or SHA-512, and each is recomputed: a hash we skip would let a certificate be swapped.
        let algorithm = first
            .hash_algorithm
            .as_ref()
            .map_or(ID_SHA256, |algorithm| algorithm.oid);
        let Some(hash) = DigestAlgorithm::from_oid(algorithm) else {
            return Err(format!(
                "the signingCertificateV2 attribute uses hash algorithm {algorithm}, which is \
                 not checked (SHA-1, SHA-256, SHA-384 and SHA-512 are)"
            ));
        };
        if first.cert_hash.as_bytes() != hash.digest(&[&cert_der]) {
            return Err(
                "signingCertificateV2 names another certificate than the signer's".to_owned(),
            );
        }
        return same_serial(first.issuer_serial.as_ref(), cert, "signingCertificateV2");
    }
    if let Some(value) = first_value(ID_SIGNING_CERTIFICATE) {
        let Some(value) = value.and_then(|value| value.decode_as::<SigningCertificateV1>().ok())
        else {
            remarks.push(Remark::UndecodableAttribute {
                oid: ID_SIGNING_CERTIFICATE.to_string(),
            });
            return Ok(());
        };
        let _ = &value.policies;
        let first = value
            .certs
            .first()
            .ok_or("the signingCertificate attribute names no certificate")?;
        if first.cert_hash.as_bytes() != DigestAlgorithm::Sha1.digest(&[&cert_der]) {
            return Err(
                "signingCertificate names another certificate than the signer's".to_owned(),
            );
        }
        if !is_timestamp {
            remarks.push(Remark::SigningCertificateV1);
        }
        return same_serial(first.issuer_serial.as_ref(), cert, "signingCertificate");
    }
    if !is_timestamp {
        remarks.push(Remark::NotPadesBaseline);
    }
    Ok(())
}

fn same_serial(
    issuer_serial: Option<&IssuerSerial>,
    cert: &Certificate,
    attribute: &str,
) -> std::result::Result<(), String> {
    match issuer_serial {
        Some(issuer_serial)
            if issuer_serial.serial_number != cert.tbs_certificate.serial_number =>
        {
            Err(format!(
                "{attribute} names another serial number than the signer's"
            ))
        }
        _ => Ok(()),
    }
}
