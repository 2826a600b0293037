use thiserror::Error;

/// Everything that can go wrong while writing a report or reading one back.
#[derive(Debug, Error)]
pub enum Error {
    /// The bundled font could not be parsed (a broken build, never bad user input).
    #[error("the embedded font {0} could not be loaded")]
    Font(&'static str),
    /// The PDF writer or the attachment step failed on our own output.
    #[error("could not write the PDF: {0}")]
    Pdf(String),
    /// The bytes given to [`crate::extract_evaluation`] are not a readable PDF.
    #[error("not a PDF file: {0}")]
    NotPdf(String),
    /// A readable PDF that carries no `evaluation.json` attachment.
    #[error("the PDF holds no embedded evaluation (evaluation.json)")]
    NoEmbeddedEvaluation,
    /// The attachment is there but reading it would cost more than a real report ever needs
    /// (a decompression bomb, a flood of entries).
    #[error("the embedded evaluation is refused: {0}")]
    Refused(String),
    /// The attachment is there but is not UTF-8 text.
    #[error("the embedded evaluation is not UTF-8 text")]
    NotUtf8,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
