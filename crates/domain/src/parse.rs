//! Reading and validating an evaluation file (spec §1–§7).

use std::fmt;

use crate::model::Evaluation;

/// One problem found in an evaluation file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// A JSON path such as `scores[12].value`, or `line 3, column 5` for malformed JSON.
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// An evaluation that cannot be accepted, with every problem found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Invalid {
    pub problems: Vec<Problem>,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

/// Parses and validates an evaluation file.
pub fn parse_evaluation(_text: &str) -> Result<Evaluation, Invalid> {
    Err(Invalid { problems: vec![] })
}

/// Checks the rules of the spec on an evaluation built in memory.
pub fn validate_evaluation(_evaluation: &Evaluation) -> Result<(), Invalid> {
    Ok(())
}
