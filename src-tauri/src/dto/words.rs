//! Coded problems and the vocabulary that words them: the screens fill the templates of
//! `PHRASES` (written into the bindings) with the parameters of a problem, an elimination or a
//! warning, in the interface's language, instead of keeping sentences of their own.

use std::collections::BTreeMap;

use jauge_api::domain::words::{Params, Phrase, Vocabulary};
use jauge_api::domain::{Invalid, Problem};
use serde::Serialize;
use ts_rs::TS;

/// Named parameters of a sentence; numbers in neutral form (`12.5`), dates in ISO form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct ParamsDto(pub BTreeMap<String, String>);

impl From<&Params> for ParamsDto {
    fn from(params: &Params) -> Self {
        ParamsDto(
            params
                .0
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        )
    }
}

/// One validation problem: where, which rule (a key of `PHRASES.problems`), with what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProblemDto {
    pub path: String,
    pub code: String,
    pub params: ParamsDto,
}

impl From<&Problem> for ProblemDto {
    fn from(problem: &Problem) -> Self {
        ProblemDto {
            path: problem.path.clone(),
            code: problem.code.as_str().into(),
            params: (&problem.params).into(),
        }
    }
}

/// What a validation found: the first problems, and how many more were left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct ProblemsDto {
    pub problems: Vec<ProblemDto>,
    pub omitted: u32,
}

impl From<&Invalid> for ProblemsDto {
    fn from(invalid: &Invalid) -> Self {
        ProblemsDto {
            problems: invalid.problems.iter().map(ProblemDto::from).collect(),
            omitted: u32::try_from(invalid.omitted).unwrap_or(u32::MAX),
        }
    }
}

/// One sentence in both languages, with `{name}`, `{name:number}`, `{name:date}`,
/// `{name:type}` and `{name:kind}` placeholders (see `jauge_domain::words`).
// Built only by the bindings generator (a test), which writes the vocabulary into the TypeScript.
#[cfg_attr(not(test), allow(dead_code))]
#[derive(Debug, Clone, Serialize, TS)]
pub struct PhraseDto {
    pub code: String,
    pub fr: String,
    pub en: String,
}

/// The whole vocabulary: not sent over IPC, written into the bindings as `PHRASES`.
#[cfg_attr(not(test), allow(dead_code))]
#[derive(Debug, Clone, Serialize, TS)]
pub struct VocabularyDto {
    pub problems: Vec<PhraseDto>,
    pub eliminations: Vec<PhraseDto>,
    pub warnings: Vec<PhraseDto>,
    pub json_types: Vec<PhraseDto>,
    pub kinds: Vec<PhraseDto>,
    /// Remarks on rounds and exchanges, and the names of their kinds.
    pub rounds: Vec<PhraseDto>,
    /// What became of each lot and of each bid in the award across lots.
    pub lot_statuses: Vec<PhraseDto>,
    pub bid_outcomes: Vec<PhraseDto>,
    /// The names of the rules applied over the cap on lots per bidder.
    pub over_cap_rules: Vec<PhraseDto>,
    /// What the buyer is told about a committee return file's signature.
    pub return_flags: Vec<PhraseDto>,
}

impl From<&Vocabulary> for VocabularyDto {
    fn from(v: &Vocabulary) -> Self {
        let list = |phrases: &[Phrase]| {
            phrases
                .iter()
                .map(|p| PhraseDto {
                    code: p.code.into(),
                    fr: p.fr.into(),
                    en: p.en.into(),
                })
                .collect()
        };
        VocabularyDto {
            problems: list(v.problems),
            eliminations: list(v.eliminations),
            warnings: list(v.warnings),
            json_types: list(v.json_types),
            kinds: list(v.kinds),
            rounds: list(v.rounds),
            lot_statuses: list(v.lot_statuses),
            bid_outcomes: list(v.bid_outcomes),
            over_cap_rules: list(v.over_cap_rules),
            return_flags: list(v.return_flags),
        }
    }
}
