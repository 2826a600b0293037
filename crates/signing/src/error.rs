use thiserror::Error;

/// Everything that can go wrong while loading a signing identity, signing or verifying a PDF.
#[derive(Debug, Error)]
pub enum Error {
    /// The PKCS#12 file is well formed but its integrity check fails with this password.
    /// A PKCS#12 MAC is keyed by the password, so a file altered in the middle also lands here.
    #[error("wrong password for the certificate file")]
    WrongPassword,
    #[error("the certificate file is corrupted or is not a PKCS#12 (.p12/.pfx) file: {0}")]
    UnreadableKeyFile(#[source] p12_keystore::error::Error),
    #[error("the certificate file is {bytes} bytes, more than the {limit} bytes Jauge reads")]
    KeyFileTooLarge { bytes: usize, limit: usize },
    #[error("the certificate file holds no private key, so it cannot sign")]
    NoPrivateKey,
    #[error("the certificate file holds a private key but no certificate for it")]
    NoCertificate,
    #[error("unsupported key type ({0}): only RSA and ECDSA P-256 keys can sign")]
    UnsupportedKeyType(String),
    #[error("the private key does not belong to the certificate stored with it")]
    KeyCertificateMismatch,
    #[error("a certificate in the certificate file cannot be decoded: {0}")]
    InvalidCertificate(#[source] der::Error),
    #[error("the input is not a PDF document (it does not start with %PDF-)")]
    NotPdf,
    #[error("the PDF document is {bytes} bytes, more than the {limit} bytes Jauge reads")]
    PdfTooLarge { bytes: usize, limit: usize },
    #[error("the PDF document cannot be read: {0}")]
    UnreadablePdf(#[source] lopdf::Error),
    #[error("the PDF document cannot be signed: {0}")]
    UnsupportedPdf(String),
    #[error(
        "signature {field} is broken ({problem}): the document was modified after it was signed, \
         so it must not be signed again"
    )]
    BrokenSignature { field: String, problem: String },
    #[error(
        "signature {field} is intact but the document was modified after it ({changes}), so it \
         must not be countersigned"
    )]
    ModifiedAfterSignature { field: String, changes: String },
    #[error(
        "the document is certified by signature {field}, which permits no change (DocMDP P=1): \
         a further signature would break that certification"
    )]
    CertifiedAgainstChanges { field: String },
    #[error("the PDF document is too complex to check safely: {0}")]
    TooComplex(String),
    #[error("the signed PDF could not be written: {0}")]
    PdfWrite(#[source] std::io::Error),
    #[error("the CMS signature could not be built: {0}")]
    Cms(String),
    #[error("the signature ({size} bytes) does not fit the {reserved} bytes reserved for it")]
    SignatureTooLarge { size: usize, reserved: usize },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
