//! The digest and signature algorithms a signature found in the wild may use, each one checked
//! with a RustCrypto implementation (no cryptography is written here, only the choice of
//! which one an algorithm identifier names).
//!
//! Digests: SHA-1 (verified, reported weak), SHA-256, SHA-384, SHA-512. Signatures: RSA PKCS#1
//! v1.5 and RSASSA-PSS, ECDSA on P-256, P-384 and P-521, Ed25519. Anything else — Ed448 among
//! them, for want of a maintained implementation of this generation — is "not supported", which
//! says nothing about the document.

use der::asn1::ObjectIdentifier;
use der::{Decode, Encode};
use rsa::pkcs1::{DecodeRsaPublicKey, RsaPssParams};
use rsa::signature::Verifier;
use rsa::signature::hazmat::PrehashVerifier;
use sha2::Digest;
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

const ID_SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const ID_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
const ID_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");

const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const SHA1_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.5");
const RSASSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const SHA256_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
const SHA384_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.12");
const SHA512_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.13");
const ID_MGF1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.8");

const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const ECDSA_WITH_SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.1");
const ECDSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
const ECDSA_WITH_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.3");
const ECDSA_WITH_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.4");
const CURVE_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const CURVE_P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const CURVE_P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");

const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const ED448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");

/// A digest algorithm Jauge computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DigestAlgorithm {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl DigestAlgorithm {
    pub(crate) fn from_oid(oid: ObjectIdentifier) -> Option<Self> {
        match oid {
            ID_SHA1 => Some(Self::Sha1),
            ID_SHA256 => Some(Self::Sha256),
            ID_SHA384 => Some(Self::Sha384),
            ID_SHA512 => Some(Self::Sha512),
            _ => None,
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Sha1 => "SHA-1",
            Self::Sha256 => "SHA-256",
            Self::Sha384 => "SHA-384",
            Self::Sha512 => "SHA-512",
        }
    }

    /// SHA-1 is verified (old signatures use it) but no longer trusted against collisions.
    pub(crate) fn is_weak(self) -> bool {
        self == Self::Sha1
    }

    /// The digest of `parts` put end to end.
    pub(crate) fn digest(self, parts: &[&[u8]]) -> Vec<u8> {
        fn run<D: Digest>(parts: &[&[u8]]) -> Vec<u8> {
            let mut hasher = D::new();
            for part in parts {
                hasher.update(part);
            }
            hasher.finalize().to_vec()
        }
        match self {
            Self::Sha1 => run::<sha1::Sha1>(parts),
            Self::Sha256 => run::<sha2::Sha256>(parts),
            Self::Sha384 => run::<sha2::Sha384>(parts),
            Self::Sha512 => run::<sha2::Sha512>(parts),
        }
    }
}

/// What checking one signature value found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SignatureCheck {
    Valid,
    Invalid,
    /// The algorithm (or key) is one Jauge cannot check: nothing is known either way.
    Unsupported(String),
}

/// The digest a signature algorithm itself names, if it names one (`sha384WithRSAEncryption`
/// does, `rsaEncryption` leaves it to the SignerInfo's digest algorithm).
pub(crate) fn named_digest(
    signature_algorithm: &AlgorithmIdentifierOwned,
) -> Option<DigestAlgorithm> {
    match signature_algorithm.oid {
        SHA1_WITH_RSA | ECDSA_WITH_SHA1 => Some(DigestAlgorithm::Sha1),
        SHA256_WITH_RSA | ECDSA_WITH_SHA256 => Some(DigestAlgorithm::Sha256),
        SHA384_WITH_RSA | ECDSA_WITH_SHA384 => Some(DigestAlgorithm::Sha384),
        SHA512_WITH_RSA | ECDSA_WITH_SHA512 => Some(DigestAlgorithm::Sha512),
        _ => None,
    }
}

/// Checks `signature` over `message` with the public key `key`, by the signature algorithm the
/// SignerInfo names; `digest` is the SignerInfo's digest algorithm, used when the signature
/// algorithm does not name one.
pub(crate) fn verify(
    key: &SubjectPublicKeyInfoOwned,
    signature_algorithm: &AlgorithmIdentifierOwned,
    digest: DigestAlgorithm,
    message: &[&[u8]],
    signature: &[u8],
) -> SignatureCheck {
    let algorithm = signature_algorithm.oid;
    let key_bytes = key.subject_public_key.raw_bytes();
    match key.algorithm.oid {
        RSA_ENCRYPTION | RSASSA_PSS => {
            let Ok(public) = rsa::RsaPublicKey::from_pkcs1_der(key_bytes) else {
                return SignatureCheck::Unsupported(
                    "the signer's RSA key cannot be read (or is larger than 4096 bits)".to_owned(),
                );
            };
            if algorithm == RSASSA_PSS {
                return verify_pss(&public, signature_algorithm, message, signature);
            }
            let digest = match algorithm {
                RSA_ENCRYPTION => digest,
                SHA1_WITH_RSA | SHA256_WITH_RSA | SHA384_WITH_RSA | SHA512_WITH_RSA => {
                    named_digest(signature_algorithm).unwrap_or(digest)
                }
                _ => return mismatch(algorithm, key.algorithm.oid),
            };
            let hashed = digest.digest(message);
            let scheme = match digest {
                DigestAlgorithm::Sha1 => rsa::Pkcs1v15Sign::new::<sha1::Sha1>(),
                DigestAlgorithm::Sha256 => rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
                DigestAlgorithm::Sha384 => rsa::Pkcs1v15Sign::new::<sha2::Sha384>(),
                DigestAlgorithm::Sha512 => rsa::Pkcs1v15Sign::new::<sha2::Sha512>(),
            };
            outcome(public.verify(scheme, &hashed, signature).is_ok())
        }
        EC_PUBLIC_KEY => {
            let digest = match algorithm {
                ECDSA_WITH_SHA1 | ECDSA_WITH_SHA256 | ECDSA_WITH_SHA384 | ECDSA_WITH_SHA512 => {
                    named_digest(signature_algorithm).unwrap_or(digest)
                }
                // Some signers name the key's algorithm where the signature's belongs.
                EC_PUBLIC_KEY => digest,
                _ => return mismatch(algorithm, key.algorithm.oid),
            };
            let curve = key
                .algorithm
                .parameters
                .as_ref()
                .and_then(|parameters| parameters.decode_as::<ObjectIdentifier>().ok());
            let hashed = digest.digest(message);
            // One arm per curve: each crate has its own key and signature types.
            macro_rules! ecdsa_prehash {
                ($curve:ident) => {{
                    let Ok(public) = $curve::ecdsa::VerifyingKey::from_sec1_bytes(key_bytes) else {
                        return SignatureCheck::Invalid;
                    };
                    let Ok(signature) = $curve::ecdsa::Signature::from_der(signature) else {
                        return SignatureCheck::Invalid;
                    };
                    outcome(public.verify_prehash(&hashed, &signature).is_ok())
                }};
            }
            match curve {
                Some(CURVE_P256) => ecdsa_prehash!(p256),
                Some(CURVE_P384) => ecdsa_prehash!(p384),
                Some(CURVE_P521) => ecdsa_prehash!(p521),
                other => SignatureCheck::Unsupported(format!(
                    "elliptic curve {} is not supported (P-256, P-384 and P-521 are)",
                    other.map_or_else(|| "?".to_owned(), |oid| oid.to_string())
                )),
            }
        }
        ED25519 if algorithm == ED25519 => {
            let Ok(bytes) = <[u8; 32]>::try_from(key_bytes) else {
                return SignatureCheck::Invalid;
            };
            let Ok(public) = ed25519_dalek::VerifyingKey::from_bytes(&bytes) else {
                return SignatureCheck::Invalid;
            };
            let Ok(signature) = ed25519_dalek::Signature::from_slice(signature) else {
                return SignatureCheck::Invalid;
            };
            // Pure EdDSA signs the message itself, not a digest of it.
            let whole: Vec<u8> = message.concat();
            outcome(public.verify(&whole, &signature).is_ok())
        }
        ED25519 => mismatch(algorithm, ED25519),
        ED448 => SignatureCheck::Unsupported(
            "Ed448 signatures are not supported (no maintained implementation Jauge can rely on)"
                .to_owned(),
        ),
        key_algorithm => unsupported(algorithm, key_algorithm),
    }
}

fn outcome(valid: bool) -> SignatureCheck {
    if valid {
        SignatureCheck::Valid
    } else {
        SignatureCheck::Invalid
    }
}

/// A signature algorithm that does not go with the key: invalid when Jauge knows the algorithm
/// (an RSA signature cannot verify with an EC key, as when a certificate was swapped), not
/// supported when it does not.
fn mismatch(algorithm: ObjectIdentifier, key_algorithm: ObjectIdentifier) -> SignatureCheck {
    let known = matches!(
        algorithm,
        RSA_ENCRYPTION
            | SHA1_WITH_RSA
            | SHA256_WITH_RSA
            | SHA384_WITH_RSA
            | SHA512_WITH_RSA
            | RSASSA_PSS
            | EC_PUBLIC_KEY
            | ECDSA_WITH_SHA1
            | ECDSA_WITH_SHA256
            | ECDSA_WITH_SHA384
            | ECDSA_WITH_SHA512
            | ED25519
    );
    if known {
        SignatureCheck::Invalid
    } else {
        unsupported(algorithm, key_algorithm)
    }
}

fn unsupported(algorithm: ObjectIdentifier, key_algorithm: ObjectIdentifier) -> SignatureCheck {
    SignatureCheck::Unsupported(format!(
        "signature algorithm {algorithm} with a {key_algorithm} key is not supported"
    ))
}

/// RSASSA-PSS with the hash, MGF1 hash and salt length its parameters name (RFC 4055).
fn verify_pss(
    public: &rsa::RsaPublicKey,
    signature_algorithm: &AlgorithmIdentifierOwned,
    message: &[&[u8]],
    signature: &[u8],
) -> SignatureCheck {
    let Some(parameters) = signature_algorithm
        .parameters
        .as_ref()
        .and_then(|parameters| parameters.to_der().ok())
    else {
        return SignatureCheck::Unsupported("RSASSA-PSS without parameters".to_owned());
    };
    let Ok(parameters) = RsaPssParams::from_der(&parameters) else {
        return SignatureCheck::Unsupported("RSASSA-PSS parameters cannot be read".to_owned());
    };
    let Some(digest) = DigestAlgorithm::from_oid(parameters.hash.oid) else {
        return SignatureCheck::Unsupported(format!(
            "RSASSA-PSS with hash {} is not supported",
            parameters.hash.oid
        ));
    };
    let mgf_digest = parameters
        .mask_gen
        .parameters
        .as_ref()
        .and_then(|hash| DigestAlgorithm::from_oid(hash.oid));
    if parameters.mask_gen.oid != ID_MGF1 || mgf_digest != Some(digest) {
        return SignatureCheck::Unsupported(
            "RSASSA-PSS with a mask generation hash other than its message hash".to_owned(),
        );
    }
    let salt = usize::from(parameters.salt_len);
    let scheme = match digest {
        DigestAlgorithm::Sha1 => rsa::Pss::new_with_salt::<sha1::Sha1>(salt),
        DigestAlgorithm::Sha256 => rsa::Pss::new_with_salt::<sha2::Sha256>(salt),
        DigestAlgorithm::Sha384 => rsa::Pss::new_with_salt::<sha2::Sha384>(salt),
        DigestAlgorithm::Sha512 => rsa::Pss::new_with_salt::<sha2::Sha512>(salt),
    };
    outcome(
        public
            .verify(scheme, &digest.digest(message), signature)
            .is_ok(),
    )
}
