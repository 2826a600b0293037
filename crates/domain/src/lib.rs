//! The heart of Jauge: the evaluation model, its validation, the scoring engine and the criteria
//! catalogs, implementing the evaluation format of `docs/evaluation-format.md` to the letter.
//!
//! Everything here is pure: no file, database, clock or network access. Callers pass in the text
//! they read and the date they want; the same input always gives the same results, which is what
//! lets a buyer defend a score years later. This crate must not depend on any other Jauge crate,
//! nor on Tauri, SQLite or PDF libraries.

pub mod catalog;
pub mod change;
pub mod engine;
pub mod letters;
pub mod lots;
pub mod model;
pub mod package;
pub mod prices;
pub mod read;
pub mod results;
pub mod rounds;
pub mod scheme;
pub mod standstill;
pub mod synthetic;
pub mod template;
pub mod wire;
pub mod words;
pub mod write;

/// The reader's former name, kept for callers that spell the path out.
pub use read as parse;

mod error;

pub use change::{Applied, Change, RoundOpening, set_scores};
pub use engine::{OfferRows, evaluate, evaluate_on};
pub use error::{Error, Result};
pub use lots::{Consultation, ConsultationResults, evaluate_consultation};
pub use model::*;
pub use prices::{
    CorrectionRoute, LinePrice, PriceBasis, PriceCorrection, PriceSchedule, ScheduleLine,
    ScheduleOffer,
};
pub use read::{
    EvaluationIndex, Invalid, MAX_EVALUATION_BYTES, MAX_PROBLEMS, Problem, ProblemCode,
    check_consensus, check_score, parse_consultation, parse_consultation_or_evaluation,
    parse_evaluation, validate_evaluation,
};
pub use results::*;
pub use rounds::{
    Citation, Exchange, ExchangeKind, Negotiation, OfferVersion, Round, RoundElimination, RoundKind,
};
pub use wire::{EvaluationDocument, ResultsDocument};
pub use write::{
    CanonicalHasher, CanonicalPieces, canonical_hash, declarations_to_canonical_string,
    evaluation_to_canonical_string, evaluation_to_json, evaluation_to_string,
    scores_to_canonical_string, sha256_hex,
};
