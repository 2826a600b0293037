//! The CMS (RFC 5652) side of a PAdES signature: the structures a SignedData carries, and
//! checking one against the bytes it claims to sign. Building one belongs to the signer
//! (`signer.rs`), which depends on this module, never the other way round.

use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der::asn1::{ObjectIdentifier, OctetString};
use der::{Decode, Encode, Sequence};
use p256::pkcs8::DecodePublicKey;
use rsa::signature::Verifier;
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::serial_number::SerialNumber;

use crate::certificate::{CertificateDetails, details};

pub(crate) const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const ID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
pub(crate) const ID_SIGNING_CERTIFICATE_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
const ID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
pub(crate) const ID_SHA256: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const ID_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
const ID_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const SHA256_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const ECDSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");

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

/// What a CMS SignedData says about itself once checked against the signed bytes.
#[derive(Debug, Default)]
pub(crate) struct CmsCheck {
    pub signer_subject: Option<String>,
    pub signer_common_name: Option<String>,
    pub certificate: Option<CertificateDetails>,
    pub digest_matches: bool,
    pub signature_valid: bool,
    /// The first thing found wrong, in words a user can act on.
    pub problem: Option<String>,
}

/// Checks a detached CMS SignedData against the bytes it signs: the messageDigest attribute
/// against their recomputed SHA-256, then the signature over the signed attributes against the
/// signer certificate's public key. Trust in the certificate is not judged here.
pub(crate) fn check_signed_data(cms_der: &[u8], signed_parts: &[&[u8]]) -> CmsCheck {
    let mut check = CmsCheck::default();
    if let Err(problem) = run_check(cms_der, signed_parts, &mut check) {
        check.problem = Some(problem);
    }
    check
}

fn run_check(
    cms_der: &[u8],
    signed_parts: &[&[u8]],
    check: &mut CmsCheck,
) -> std::result::Result<(), String> {
    let content = ContentInfo::from_der(cms_der)
        .map_err(|err| format!("the signature container is not valid CMS: {err}"))?;
    if content.content_type != ID_SIGNED_DATA {
        return Err("the signature container is not a CMS SignedData".to_owned());
    }
    let signed_data: SignedData = content
        .content
        .decode_as()
        .map_err(|err| format!("the CMS SignedData cannot be decoded: {err}"))?;
    let signer_info = signed_data
        .signer_infos
        .0
        .iter()
        .next()
        .ok_or("the CMS SignedData has no signer")?;
    let cert = find_signer_certificate(&signed_data, signer_info)
        .ok_or("the signer certificate is not embedded in the signature")?;
    let certificate = details(cert);
    check.signer_subject = Some(certificate.subject.clone());
    check.signer_common_name = certificate.common_name.clone();
    check.certificate = Some(certificate);

    if signer_info.digest_alg.oid != ID_SHA256 {
        return Err(format!(
            "unsupported digest algorithm {} (only SHA-256 is checked)",
            signer_info.digest_alg.oid
        ));
    }
    let signed_attrs = signer_info
        .signed_attrs
        .as_ref()
        .ok_or("the signature has no signed attributes, which PAdES requires")?;

    let mut hasher = Sha256::new();
    for part in signed_parts {
        hasher.update(part);
    }
    let actual_digest = hasher.finalize();
    let claimed_digest = signed_attrs
        .iter()
        .find(|attr| attr.oid == ID_MESSAGE_DIGEST)
        .and_then(|attr| attr.values.iter().next())
        .and_then(|value| value.decode_as::<OctetString>().ok())
        .ok_or("the signature has no messageDigest attribute")?;
    check.digest_matches = claimed_digest.as_bytes() == actual_digest.as_slice();

    // RFC 5652 §5.4: the signature covers the DER of the attributes with the SET OF tag, not the
    // [0] IMPLICIT tag they are stored under.
    let signed_attrs_der = signed_attrs
        .to_der()
        .map_err(|err| format!("the signed attributes cannot be re-encoded: {err}"))?;
    check.signature_valid = verify_signature(cert, signer_info, &signed_attrs_der)?;

    if !check.digest_matches {
        return Err("digest mismatch: the signed bytes were modified after signing".to_owned());
    }
    if !check.signature_valid {
        return Err("the cryptographic signature does not match the signer's key".to_owned());
    }
    check_content_type(
        signed_attrs.iter(),
        signed_data.encap_content_info.econtent_type,
    )?;
    check_signing_certificate(signed_attrs.iter(), cert)
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

fn verify_signature(
    cert: &Certificate,
    signer_info: &SignerInfo,
    message: &[u8],
) -> std::result::Result<bool, String> {
    let spki = &cert.tbs_certificate.subject_public_key_info;
    let spki_der = spki
        .to_der()
        .map_err(|err| format!("the signer's public key cannot be encoded: {err}"))?;
    let signature = signer_info.signature.as_bytes();
    let algorithm = signer_info.signature_algorithm.oid;
    match spki.algorithm.oid {
        RSA_ENCRYPTION if algorithm == RSA_ENCRYPTION || algorithm == SHA256_WITH_RSA => {
            let key = rsa::RsaPublicKey::from_public_key_der(&spki_der)
                .map_err(|err| format!("the signer's RSA key cannot be read: {err}"))?;
            let Ok(signature) = rsa::pkcs1v15::Signature::try_from(signature) else {
                return Ok(false);
            };
            Ok(rsa::pkcs1v15::VerifyingKey::<Sha256>::new(key)
                .verify(message, &signature)
                .is_ok())
        }
        EC_PUBLIC_KEY if algorithm == ECDSA_WITH_SHA256 => {
            let key = p256::ecdsa::VerifyingKey::from_public_key_der(&spki_der)
                .map_err(|_| "the signer's EC key is not a P-256 key".to_owned())?;
            let Ok(signature) = p256::ecdsa::Signature::from_der(signature) else {
                return Ok(false);
            };
            Ok(key.verify(message, &signature).is_ok())
        }
        key_algorithm => Err(format!(
            "unsupported signature algorithm {algorithm} for a {key_algorithm} key \
             (only RSA PKCS#1 v1.5 and ECDSA P-256 with SHA-256 are checked)"
        )),
    }
}

/// The signingCertificateV2 attribute must name the certificate the signature verified against;
/// otherwise a certificate could be swapped for another one holding the same key.
fn check_signing_certificate<'a>(
    mut attrs: impl Iterator<Item = &'a Attribute>,
    cert: &Certificate,
) -> std::result::Result<(), String> {
    let Some(attr) = attrs.find(|attr| attr.oid == ID_SIGNING_CERTIFICATE_V2) else {
        return Err("the signature has no signingCertificateV2 attribute (not PAdES)".to_owned());
    };
    let value = attr
        .values
        .iter()
        .next()
        .and_then(|value| value.decode_as::<SigningCertificateV2>().ok())
        .ok_or("the signingCertificateV2 attribute cannot be decoded")?;
    let first = value
        .certs
        .first()
        .ok_or("the signingCertificateV2 attribute names no certificate")?;
    let cert_der = cert
        .to_der()
        .map_err(|err| format!("the signer certificate cannot be re-encoded: {err}"))?;
    // The hash algorithm defaults to SHA-256 (RFC 5035); other signers spell out SHA-384 or
    // SHA-512, and each is recomputed: a hash we skip would let a certificate be swapped.
    let algorithm = first
        .hash_algorithm
        .as_ref()
        .map_or(ID_SHA256, |algorithm| algorithm.oid);
    let actual = match algorithm {
        ID_SHA256 => Sha256::digest(&cert_der).to_vec(),
        ID_SHA384 => sha2::Sha384::digest(&cert_der).to_vec(),
        ID_SHA512 => sha2::Sha512::digest(&cert_der).to_vec(),
        other => {
            return Err(format!(
                "the signingCertificateV2 attribute uses hash algorithm {other}, which is not \
                 checked (SHA-256, SHA-384 and SHA-512 are)"
            ));
        }
    };
    if first.cert_hash.as_bytes() != actual.as_slice() {
        return Err("signingCertificateV2 names another certificate than the signer's".to_owned());
    }
    if let Some(issuer_serial) = &first.issuer_serial
        && issuer_serial.serial_number != cert.tbs_certificate.serial_number
    {
        return Err(
            "signingCertificateV2 names another serial number than the signer's".to_owned(),
        );
    }
    Ok(())
}

/// The length of the DER value at the start of `bytes`, tag and length included. `/Contents`
/// is zero-padded to its reserved size, and DER decoders reject trailing bytes.
pub(crate) fn der_length(bytes: &[u8]) -> Option<usize> {
    let first_length_byte = *bytes.get(1)?;
    let total = if first_length_byte < 0x80 {
        2 + usize::from(first_length_byte)
    } else {
        let count = usize::from(first_length_byte & 0x7f);
        if count == 0 || count > 4 {
            return None;
        }
        let length = bytes
            .get(2..2 + count)?
            .iter()
            .fold(0usize, |acc, byte| (acc << 8) | usize::from(*byte));
        2 + count + length
    };
    (total <= bytes.len()).then_some(total)
}
