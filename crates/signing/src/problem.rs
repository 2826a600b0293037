//! Why a signature fails or cannot be checked, told in French and English here, and only here:
//! the verifier, the check of a committee member's detached signature and the signer's refusal
//! to countersign all name a [`Problem`], and each host shows it in the user's language (the
//! command line's `problème :` line, the app's verify screen). Where a decoder's own message or
//! an algorithm's identifier helps an expert, it travels as `detail` and is shown as such,
//! after the sentence a buyer can act on.

use std::fmt;

/// The first thing found wrong with a signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The signature value is not a CMS container Jauge can read.
    UnreadableContainer { detail: String },
    /// The container holds something else than a CMS SignedData.
    NotSignedData,
    /// The SignedData names no signer.
    NoSigner,
    /// The signer's certificate is not embedded.
    NoSignerCertificate,
    /// The digest algorithm is not one Jauge checks.
    UnsupportedDigest { algorithm: String },
    /// The signature algorithm, curve or key is not one Jauge checks.
    UnsupportedAlgorithm { detail: String },
    /// A signature meant to be detached carries its content, or the reverse.
    WrongEncapsulation { detail: String },
    /// A signed attribute CMS requires is missing or unreadable.
    SignedAttribute { detail: String },
    /// The ESS signing-certificate attribute names another certificate, or cannot be checked.
    SigningCertificate { detail: String },
    /// The signed bytes differ from what was signed.
    BytesModified,
    /// The cryptographic signature does not match the signer's key.
    SignatureMismatch,
    /// A document timestamp's token is not a readable RFC 3161 timestamp.
    UnreadableTimestamp { detail: String },
    /// The timestamp's message imprint does not match the bytes it covers.
    TimestampMismatch,
    /// The `/ByteRange` is missing or does not describe the document around the signature.
    ByteRange { detail: String },
    /// The signature dictionary has no `/Contents`.
    NoContents,
    /// The signature does not cover a complete, readable revision of the document, or its
    /// dictionary is not part of the revision it claims to sign.
    Revision { detail: String },
}

impl Problem {
    /// A stable machine-readable name, for the JSON output and the app.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::UnreadableContainer { .. } => "unreadable_container",
            Problem::NotSignedData => "not_signed_data",
            Problem::NoSigner => "no_signer",
            Problem::NoSignerCertificate => "no_signer_certificate",
            Problem::UnsupportedDigest { .. } => "unsupported_digest",
            Problem::UnsupportedAlgorithm { .. } => "unsupported_algorithm",
            Problem::WrongEncapsulation { .. } => "wrong_encapsulation",
            Problem::SignedAttribute { .. } => "signed_attribute",
            Problem::SigningCertificate { .. } => "signing_certificate",
            Problem::BytesModified => "bytes_modified",
            Problem::SignatureMismatch => "signature_mismatch",
            Problem::UnreadableTimestamp { .. } => "unreadable_timestamp",
            Problem::TimestampMismatch => "timestamp_mismatch",
            Problem::ByteRange { .. } => "byte_range",
            Problem::NoContents => "no_contents",
            Problem::Revision { .. } => "revision",
        }
    }

    /// The technical detail, if any (a decoder's message, an algorithm identifier).
    fn detail(&self) -> Option<&str> {
        match self {
            Problem::UnreadableContainer { detail }
            | Problem::UnsupportedAlgorithm { detail }
            | Problem::WrongEncapsulation { detail }
            | Problem::SignedAttribute { detail }
            | Problem::SigningCertificate { detail }
            | Problem::UnreadableTimestamp { detail }
            | Problem::ByteRange { detail }
            | Problem::Revision { detail } => Some(detail),
            Problem::UnsupportedDigest { algorithm } => Some(algorithm),
            _ => None,
        }
    }

    pub fn french(&self) -> String {
        let sentence = match self {
            Problem::UnreadableContainer { .. } => {
                "la valeur de la signature n'est pas un conteneur CMS lisible"
            }
            Problem::NotSignedData => "le conteneur de la signature n'est pas un CMS SignedData",
            Problem::NoSigner => "la signature ne nomme aucun signataire",
            Problem::NoSignerCertificate => {
                "le certificat du signataire n'est pas joint à la signature"
            }
            Problem::UnsupportedDigest { .. } => {
                "algorithme d'empreinte que Jauge ne vérifie pas (SHA-1, SHA-256, SHA-384 et \
                 SHA-512 le sont)"
            }
            Problem::UnsupportedAlgorithm { .. } => {
                "algorithme de signature ou clé que Jauge ne sait pas vérifier"
            }
            Problem::WrongEncapsulation { .. } => {
                "la signature ne porte pas sur le contenu attendu (contenu joint ou détaché)"
            }
            Problem::SignedAttribute { .. } => {
                "un attribut signé que CMS exige manque ou est illisible"
            }
            Problem::SigningCertificate { .. } => {
                "l'attribut qui lie le certificat du signataire à la signature ne correspond \
                 pas à ce certificat"
            }
            Problem::BytesModified => {
                "les octets signés ont été modifiés après la signature (l'empreinte ne \
                 correspond plus)"
            }
            Problem::SignatureMismatch => {
                "la signature cryptographique ne correspond pas à la clé du signataire"
            }
            Problem::UnreadableTimestamp { .. } => "le jeton d'horodatage est illisible",
            Problem::TimestampMismatch => {
                "l'empreinte horodatée ne correspond pas aux octets couverts : ils ont été \
                 modifiés après l'horodatage"
            }
            Problem::ByteRange { .. } => {
                "la plage d'octets signée (/ByteRange) ne décrit pas le document autour de la \
                 signature"
            }
            Problem::NoContents => "la signature n'a pas de valeur (/Contents)",
            Problem::Revision { .. } => {
                "la signature ne couvre pas une version complète et lisible du document"
            }
        };
        with_detail(sentence, self.detail(), "détail technique :")
    }

    pub fn english(&self) -> String {
        let sentence = match self {
            Problem::UnreadableContainer { .. } => {
                "the signature value is not a readable CMS container"
            }
            Problem::NotSignedData => "the signature container is not a CMS SignedData",
            Problem::NoSigner => "the signature names no signer",
            Problem::NoSignerCertificate => {
                "the signer certificate is not embedded in the signature"
            }
            Problem::UnsupportedDigest { .. } => {
                "a digest algorithm Jauge does not check (SHA-1, SHA-256, SHA-384 and SHA-512 \
                 are)"
            }
            Problem::UnsupportedAlgorithm { .. } => {
                "a signature algorithm or key Jauge cannot check"
            }
            Problem::WrongEncapsulation { .. } => {
                "the signature does not sign the expected content (encapsulated or detached)"
            }
            Problem::SignedAttribute { .. } => {
                "a signed attribute CMS requires is missing or unreadable"
            }
            Problem::SigningCertificate { .. } => {
                "the attribute binding the signer certificate to the signature does not match \
                 that certificate"
            }
            Problem::BytesModified => {
                "digest mismatch: the signed bytes were modified after signing"
            }
            Problem::SignatureMismatch => {
                "the cryptographic signature does not match the signer's key"
            }
            Problem::UnreadableTimestamp { .. } => "the timestamp token cannot be read",
            Problem::TimestampMismatch => {
                "the timestamp's message imprint does not match the signed bytes: they were \
                 modified after the timestamp"
            }
            Problem::ByteRange { .. } => {
                "the signed byte range (/ByteRange) does not describe the document around the \
                 signature"
            }
            Problem::NoContents => "the signature has no value (/Contents)",
            Problem::Revision { .. } => {
                "the signature does not cover a complete, readable revision of the document"
            }
        };
        with_detail(sentence, self.detail(), "technical detail:")
    }
}

/// The sentence, then the detail for an expert; `label` carries its language's colon (French
/// puts a space before it).
fn with_detail(sentence: &str, detail: Option<&str>, label: &str) -> String {
    match detail {
        Some(detail) => format!("{sentence} ({label} {detail})"),
        None => sentence.to_owned(),
    }
}

/// The English sentence: error messages and logs are in English.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_problem_reads_in_both_languages_with_its_detail() {
        let problem = Problem::UnsupportedDigest {
            algorithm: "1.2.3.4".to_owned(),
        };
        assert_eq!(problem.code(), "unsupported_digest");
        assert!(problem.french().ends_with("(détail technique : 1.2.3.4)"));
        assert!(problem.english().ends_with("(technical detail: 1.2.3.4)"));
        assert_eq!(
            Problem::BytesModified.english(),
            "digest mismatch: the signed bytes were modified after signing"
        );
        assert!(!Problem::BytesModified.french().contains("digest"));
    }
}
