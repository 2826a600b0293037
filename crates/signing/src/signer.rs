use std::fmt;

use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier};
use der::asn1::{Any, OctetString, SetOfVec};
use der::{Decode, Encode};
use p12_keystore::{KeyStore, Pkcs12ImportPolicy, error::Error as P12Error};
use p256::pkcs8::{DecodePrivateKey, EncodePublicKey};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;

use crate::certificate::{CertificateDetails, common_name, details};
use crate::cms::{
    EssCertIdV2, ID_DATA, ID_SHA256, ID_SIGNING_CERTIFICATE_V2, IssuerSerial, SigningCertificateV2,
};
use crate::{Error, Result};

/// The largest PKCS#12 file read. A key with its chain of certificates takes a few kilobytes;
/// the cap bounds the work on a hostile file (whose key derivations p12-keystore already caps at
/// a million iterations each).
pub const MAX_KEY_FILE_BYTES: usize = 1024 * 1024;

const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";
const EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";

/// The kind of key a [`Signer`] signs with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAlgorithm {
    /// RSA, signing with PKCS#1 v1.5 and SHA-256.
    Rsa,
    /// ECDSA on NIST P-256, signing with SHA-256.
    EcdsaP256,
}

pub(crate) enum SigningKey {
    // Boxed: an RSA key is several times the size of a P-256 one.
    Rsa(Box<rsa::pkcs1v15::SigningKey<Sha256>>),
    EcdsaP256(p256::ecdsa::SigningKey),
}

/// A signing identity: a private key and its certificate chain, leaf first.
pub struct Signer {
    pub(crate) key: SigningKey,
    pub(crate) chain: Vec<Certificate>,
}

impl Signer {
    /// Loads the first private key of a PKCS#12 (.p12/.pfx) file and the certificate chain that
    /// goes with it. Both OpenSSL 3's default encryption and the legacy RC2/3DES one are read.
    pub fn from_pkcs12(bytes: &[u8], password: &str) -> Result<Signer> {
        if bytes.len() > MAX_KEY_FILE_BYTES {
            return Err(Error::KeyFileTooLarge {
                bytes: bytes.len(),
                limit: MAX_KEY_FILE_BYTES,
            });
        }
        let store = KeyStore::from_pkcs12(bytes, password, Pkcs12ImportPolicy::Relaxed)
            .map_err(classify_pkcs12_error)?;
        let (_, key_chain) = store.private_key_chain().ok_or(Error::NoPrivateKey)?;
        let chain = key_chain
            .certs()
            .iter()
            .map(|cert| Certificate::from_der(cert.as_der()).map_err(Error::InvalidCertificate))
            .collect::<Result<Vec<_>>>()?;
        let leaf = chain.first().ok_or(Error::NoCertificate)?;

        let key_der = key_chain.key().as_der();
        let (key, public_key_der) = match key_chain.key().oid().to_string().as_str() {
            RSA_ENCRYPTION => {
                let private = rsa::RsaPrivateKey::from_pkcs8_der(key_der).map_err(|err| {
                    Error::UnsupportedKeyType(format!("unreadable RSA key: {err}"))
                })?;
                let public = private.to_public_key().to_public_key_der();
                (
                    SigningKey::Rsa(Box::new(rsa::pkcs1v15::SigningKey::new(private))),
                    public,
                )
            }
            EC_PUBLIC_KEY => {
                // Any other curve fails here, which is what makes the EC branch P-256 only.
                let private = p256::ecdsa::SigningKey::from_pkcs8_der(key_der).map_err(|_| {
                    Error::UnsupportedKeyType("elliptic curve other than P-256".to_owned())
                })?;
                let public = p256::PublicKey::from(private.verifying_key()).to_public_key_der();
                (SigningKey::EcdsaP256(private), public)
            }
            other => return Err(Error::UnsupportedKeyType(format!("algorithm {other}"))),
        };

        // A p12 can pair a key with the wrong certificate; signing with it would produce a
        // signature no validator accepts, so refuse early with a clear message.
        let certified_key = leaf
            .tbs_certificate
            .subject_public_key_info
            .to_der()
            .map_err(Error::InvalidCertificate)?;
        let public_key_der = public_key_der.map_err(|_| Error::KeyCertificateMismatch)?;
        if public_key_der.as_bytes() != certified_key.as_slice() {
            return Err(Error::KeyCertificateMismatch);
        }

        Ok(Signer { key, chain })
    }

    /// The kind of key this identity signs with.
    pub fn key_algorithm(&self) -> KeyAlgorithm {
        match self.key {
            SigningKey::Rsa(_) => KeyAlgorithm::Rsa,
            SigningKey::EcdsaP256(_) => KeyAlgorithm::EcdsaP256,
        }
    }

    /// The common name (CN) of the signer's certificate, if it has one.
    pub fn common_name(&self) -> Option<String> {
        self.leaf()
            .and_then(|leaf| common_name(&leaf.tbs_certificate.subject))
    }

    /// The signer certificate's full subject, in RFC 4514 form.
    pub fn subject(&self) -> String {
        self.leaf()
            .map(|leaf| leaf.tbs_certificate.subject.to_string())
            .unwrap_or_default()
    }

    /// The signer certificate's fingerprint, names, validity and declared qualifications.
    pub fn certificate_details(&self) -> CertificateDetails {
        self.leaf()
            .map(details)
            .unwrap_or_else(|| CertificateDetails {
                sha256_fingerprint: String::new(),
                subject: String::new(),
                common_name: None,
                issuer: String::new(),
                serial_number: String::new(),
                not_before: None,
                not_after: None,
                non_repudiation: None,
                qualified: Default::default(),
            })
    }

    pub(crate) fn leaf(&self) -> Option<&Certificate> {
        self.chain.first()
    }
}

impl fmt::Debug for Signer {
    // Hand-written so that the private key can never end up in a log.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("key_algorithm", &self.key_algorithm())
            .field("subject", &self.subject())
            .field("chain_len", &self.chain.len())
            .finish()
    }
}

fn classify_pkcs12_error(err: P12Error) -> Error {
    match err {
        // A wrong password shows up as a MAC mismatch, or as bad padding for MAC-less files.
        P12Error::MacError(_) | P12Error::UnpadError => Error::WrongPassword,
        other => Error::UnreadableKeyFile(other),
    }
}

/// Builds the DER of a detached CMS SignedData over content whose SHA-256 is `content_digest`.
/// The signed attributes are exactly PAdES B-B's: contentType, messageDigest and
/// signingCertificateV2; the claimed signing time lives in the PDF's `/M` instead.
pub(crate) fn build_signed_data(signer: &Signer, content_digest: &[u8]) -> Result<Vec<u8>> {
    let leaf = signer.leaf().ok_or(Error::NoCertificate)?;
    let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: leaf.tbs_certificate.issuer.clone(),
        serial_number: leaf.tbs_certificate.serial_number.clone(),
    });
    let digest_algorithm = AlgorithmIdentifierOwned {
        oid: ID_SHA256,
        parameters: None,
    };
    let content_info = EncapsulatedContentInfo {
        econtent_type: ID_DATA,
        econtent: None,
    };
    let signing_certificate = signing_certificate_attribute(leaf)?;

    let mut signed_data = SignedDataBuilder::new(&content_info);
    signed_data
        .add_digest_algorithm(digest_algorithm.clone())
        .map_err(cms_error)?;
    for cert in &signer.chain {
        signed_data
            .add_certificate(CertificateChoices::Certificate(cert.clone()))
            .map_err(cms_error)?;
    }
    match &signer.key {
        SigningKey::Rsa(key) => {
            let mut info = SignerInfoBuilder::new(
                key.as_ref(),
                sid,
                digest_algorithm,
                &content_info,
                Some(content_digest),
            )
            .map_err(cms_error)?;
            info.add_signed_attribute(signing_certificate)
                .map_err(cms_error)?;
            signed_data
                .add_signer_info::<_, rsa::pkcs1v15::Signature>(info)
                .map_err(cms_error)?;
        }
        SigningKey::EcdsaP256(key) => {
            let mut info = SignerInfoBuilder::new(
                key,
                sid,
                digest_algorithm,
                &content_info,
                Some(content_digest),
            )
            .map_err(cms_error)?;
            info.add_signed_attribute(signing_certificate)
                .map_err(cms_error)?;
            signed_data
                .add_signer_info::<_, p256::ecdsa::DerSignature>(info)
                .map_err(cms_error)?;
        }
    }
    let content = signed_data.build().map_err(cms_error)?;
    content.to_der().map_err(cms_error)
}

fn cms_error(err: impl std::fmt::Display) -> Error {
    Error::Cms(err.to_string())
}

fn signing_certificate_attribute(leaf: &Certificate) -> Result<Attribute> {
    let leaf_der = leaf.to_der().map_err(cms_error)?;
    let value = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            hash_algorithm: None,
            cert_hash: OctetString::new(Sha256::digest(&leaf_der).to_vec()).map_err(cms_error)?,
            issuer_serial: Some(IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(
                    leaf.tbs_certificate.issuer.clone(),
                )],
                serial_number: leaf.tbs_certificate.serial_number.clone(),
            }),
        }],
    };
    let mut values = SetOfVec::new();
    values
        .insert(Any::encode_from(&value).map_err(cms_error)?)
        .map_err(cms_error)?;
    Ok(Attribute {
        oid: ID_SIGNING_CERTIFICATE_V2,
        values,
    })
}
