//! Evaluator packages and return files: how a committee scores on several laptops, offline.
//!
//! The buyer exports one **package** per evaluator: the evaluation cut down to what that member
//! needs — the tender, the whole criteria tree with its scales and level meanings, the offers,
//! that evaluator alone and what they already scored — with the leaves assigned to them and the
//! fingerprints of what it was cut from. While the buyer keeps prices sealed
//! ([`crate::Settings::sealed_prices`]) the package carries none. The member declares their
//! interests towards each offer, scores on their own laptop and sends back a **return file**:
//! their declarations and their scores on the assigned leaves, tied to the same fingerprints.
//!
//! Merging a return file ([`plan_merge`]) refuses a file for another tender or evaluator, one
//! made before the criteria or offers changed (the scoring basis, [`scoring_basis_hash`]), a
//! score on a leaf not assigned, and a file whose scores no longer match the check sum it
//! carries (edited by hand or damaged). Nothing is ever overwritten silently: a cell the
//! buyer's copy already holds with another value is a [`MergeConflict`] for the buyer to
//! decide; a file merged twice changes nothing the second time.
//!
//! Both files are JSON, documented in `docs/evaluator-package.md`; each has a `format` with a
//! version, like the evaluation file.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use crate::read::check_score;
use crate::read::{Invalid, ProblemCode};
use crate::words::Params;
use crate::write::{CanonicalHasher, canonical_hash, evaluation_to_json, sha256_hex};
use crate::{
    Answer, Criterion, CriterionBody, Declaration, Evaluation, Negotiation, PriceSchedule, Round,
    RoundElimination, Score, parse_evaluation,
};

/// The `format` of a package, and the only one read.
pub const PACKAGE_FORMAT: &str = "jauge-evaluator-package/1";
/// The `format` of a return file, and the only one read.
pub const RETURN_FORMAT: &str = "jauge-evaluator-return/1";
/// The largest package or return file read: an evaluation file's limit.
pub const MAX_PACKAGE_BYTES: usize = crate::MAX_EVALUATION_BYTES;

/// The SHA-256 of what scoring depends on: the evaluation without its scores and decisions, its
/// offers reduced to id, bidder and name. Other evaluators' scores, the committee's decisions or
/// a corrected price do not make a grid or a package stale; a changed criterion, scale,
/// evaluator or offer does.
///
/// In a negotiated procedure a grid scores the latest round: opening a round, or setting an
/// offer aside before the latest round, changes what is scored, so the sequence of rounds (ids
/// and kinds) and the offers set aside at each round before the latest are part of the basis. The
/// rest of the rounds — labels, dates, what the documents announced, frozen scores and offer
/// versions, the reasons, an offer set aside at the end of the latest round (still scored in
/// it) — and every exchange with a bidder are the committee's record, not what a grid scores
/// against. Without rounds the basis is what it always was.
pub fn scoring_basis_hash(evaluation: &Evaluation) -> String {
    // Built field by field: cloning the evaluation to clear its scores would copy them all
    // (200,000 of them in a large committee's merge).
    let mut basis = Evaluation {
        tender: evaluation.tender.clone(),
        settings: evaluation.settings.clone(),
        criteria: evaluation.criteria.clone(),
        evaluators: evaluation.evaluators.clone(),
        offers: evaluation.offers.clone(),
        scores: Vec::new(),
        consensus: Vec::new(),
        declarations: Vec::new(),
        prices_opened_at: None,
        // The schedule's lines are part of the basis; the bidders' prices are not.
        price_schedule: evaluation.price_schedule.as_ref().map(|s| PriceSchedule {
            lines: s.lines.clone(),
            abnormally_low_on: s.abnormally_low_on.clone(),
            offers: Vec::new(),
            corrections: Vec::new(),
        }),
        negotiation: evaluation.negotiation.as_ref().map(round_basis),
        exchanges: Vec::new(),
    };
    for offer in &mut basis.offers {
        offer.price = None;
        offer.irregular = None;
        offer.certifications = None;
    }
    canonical_hash(&basis)
}

/// The part of the rounds a grid depends on (see [`scoring_basis_hash`]).
fn round_basis(negotiation: &Negotiation) -> Negotiation {
    let latest = negotiation.rounds.len().saturating_sub(1);
    Negotiation {
        reduction_announced: None,
        initial_award_reserved: None,
        rounds: negotiation
            .rounds
            .iter()
            .enumerate()
            .map(|(i, round)| Round {
                id: round.id.clone(),
                label: String::new(),
                kind: round.kind,
                invited: None,
                deadline: None,
                offers: Vec::new(),
                scores: Vec::new(),
                consensus: Vec::new(),
                eliminated: if i < latest {
                    round
                        .eliminated
                        .iter()
                        .map(|e| RoundElimination {
                            offer: e.offer.clone(),
                            reason: String::new(),
                        })
                        .collect()
                } else {
                    Vec::new()
                },
            })
            .collect(),
    }
}

/// The leaves an evaluator scores by hand: scored leaves and requirements without an automatic
/// check (the price is computed, checked requirements are read from the offers).
pub fn is_scored_by_hand(criterion: &Criterion) -> bool {
    matches!(
        criterion.body,
        CriterionBody::Scored { .. } | CriterionBody::Requirement { auto: None }
    )
}

/// What the buyer sends one evaluator.
#[derive(Debug, Clone, PartialEq)]
pub struct EvaluatorPackage {
    /// The evaluator's id in the buyer's evaluation.
    pub evaluator: String,
    /// The leaves assigned to them, in tree order.
    pub criteria: Vec<String>,
    /// The offers' prices were left out: they were sealed when the package was made.
    pub prices_hidden: bool,
    /// [`scoring_basis_hash`] of the buyer's evaluation when the package was made.
    pub basis_sha256: String,
    /// The fingerprint ([`canonical_hash`]) of the buyer's evaluation when the package was made.
    pub source_sha256: String,
    /// RFC 3339.
    pub exported_at: String,
    /// The evaluation cut down for this evaluator: a valid evaluation file of its own.
    pub evaluation: Evaluation,
}

/// What an evaluator sends back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluatorReturn {
    pub format: String,
    /// The tender's reference.
    pub tender: String,
    pub evaluator: String,
    /// Copied from the package: the basis the scores were given on.
    pub basis_sha256: String,
    pub source_sha256: String,
    /// RFC 3339.
    pub returned_at: String,
    /// The evaluator's scores on their assigned leaves, each with its justification and time.
    pub scores: Vec<Score>,
    /// SHA-256 of the canonical JSON of `scores`: a check against a hand edit or a damaged copy
    /// (not a signature: whoever edits the scores can recompute it).
    pub scores_sha256: String,
    /// The evaluator's declarations of interests (absent from files that have none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub declarations: Vec<Declaration>,
    /// SHA-256 of the compact JSON of `declarations`, present when there are some.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declarations_sha256: Option<String>,
    /// The evaluator's signature, when they signed the file with their certificate: a detached
    /// CMS SignedData (hex of its DER) over [`signed_text`] of the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

/// The package file as written: the package's facts and the cut-down evaluation, as the
/// evaluation file writes it.
#[derive(Serialize, Deserialize)]
struct PackageFile {
    format: String,
    evaluator: String,
    criteria: Vec<String>,
    prices_hidden: bool,
    basis_sha256: String,
    source_sha256: String,
    exported_at: String,
    evaluation: serde_json::Value,
}

fn refused(path: &str, code: ProblemCode, params: Params) -> Invalid {
    Invalid::one(path, code, params)
}

/// Cuts the package of `evaluator` out of `evaluation`. `assigned` lists the leaves given to
/// them (every leaf scored by hand when `None`).
pub fn make_package(
    evaluation: &Evaluation,
    evaluator: &str,
    assigned: Option<&[String]>,
    at: DateTime<Utc>,
) -> Result<EvaluatorPackage, Invalid> {
    let Some(who) = evaluation.evaluators.iter().find(|e| e.id == evaluator) else {
        return Err(refused(
            "evaluator",
            ProblemCode::UnknownEvaluator,
            Params::new().with("id", evaluator),
        ));
    };
    let by_hand: Vec<&Criterion> = evaluation
        .leaves()
        .into_iter()
        .filter(|c| is_scored_by_hand(c))
        .collect();
    let criteria: Vec<String> = match assigned {
        None => by_hand.iter().map(|c| c.id.clone()).collect(),
        Some(ids) => {
            for id in ids {
                if !by_hand.iter().any(|c| &c.id == id) {
                    return Err(refused(
                        "criteria",
                        ProblemCode::NotScoredByHand,
                        Params::new().with("id", id.as_str()),
                    ));
                }
            }
            // In tree order, each once.
            by_hand
                .iter()
                .filter(|c| ids.contains(&c.id))
                .map(|c| c.id.clone())
                .collect()
        }
    };
    let mut cut = evaluation.clone();
    cut.evaluators = vec![who.clone()];
    cut.scores
        .retain(|s| s.evaluator == evaluator && criteria.contains(&s.criterion));
    cut.consensus.clear();
    cut.declarations.retain(|d| d.evaluator == evaluator);
    let prices_hidden = evaluation.prices_sealed();
    if prices_hidden {
        for offer in &mut cut.offers {
            offer.price = None;
        }
        // The schedule's lines are in the tender documents; the bidders' prices are sealed.
        if let Some(schedule) = &mut cut.price_schedule {
            schedule.offers.clear();
            schedule.corrections.clear();
        }
    }
    Ok(EvaluatorPackage {
        evaluator: evaluator.to_owned(),
        criteria,
        prices_hidden,
        basis_sha256: scoring_basis_hash(evaluation),
        source_sha256: canonical_hash(evaluation),
        exported_at: at.to_rfc3339_opts(SecondsFormat::Secs, true),
        evaluation: cut,
    })
}

/// The package as a file.
pub fn package_to_string(package: &EvaluatorPackage) -> String {
    let file = PackageFile {
        format: PACKAGE_FORMAT.to_owned(),
        evaluator: package.evaluator.clone(),
        criteria: package.criteria.clone(),
        prices_hidden: package.prices_hidden,
        basis_sha256: package.basis_sha256.clone(),
        source_sha256: package.source_sha256.clone(),
        exported_at: package.exported_at.clone(),
        evaluation: evaluation_to_json(&package.evaluation),
    };
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    text
}

fn unreadable(detail: impl std::fmt::Display) -> Invalid {
    refused(
        "",
        ProblemCode::NotAPackage,
        Params::new().with("detail", detail.to_string()),
    )
}

fn unsupported(found: &str, expected: &str) -> Invalid {
    refused(
        "format",
        ProblemCode::UnsupportedFormat,
        Params::new()
            .with("format", found)
            .with("expected", expected),
    )
}

fn check_format(found: &str, expected: &str) -> Result<(), Invalid> {
    if found == expected {
        Ok(())
    } else {
        Err(unsupported(found, expected))
    }
}

/// What the strict reading of a package or return file found besides its shape: the `format` at
/// the top, read before the typed reading so a file of the other kind is named as such.
#[derive(Default)]
struct Trail {
    /// The path segments of a duplicate key, innermost first, pushed as the error goes up.
    segments: std::cell::RefCell<Vec<String>>,
    /// The duplicated key, once found.
    duplicate: std::cell::RefCell<Option<String>>,
    /// The top-level `format`, when it is a string.
    format: std::cell::RefCell<Option<String>>,
}

/// Walks a JSON text once, refusing a key given twice in one object at any depth (serde would
/// keep one of them silently). Keeps nothing but the keys of the object being read.
struct Strict<'t> {
    trail: &'t Trail,
    top: bool,
}

impl<'de> serde::de::DeserializeSeed<'de> for Strict<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Strict<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("JSON")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0usize;
        loop {
            let child = Strict {
                trail: self.trail,
                top: false,
            };
            match seq.next_element_seed(child) {
                Ok(Some(())) => i += 1,
                Ok(None) => return Ok(()),
                Err(e) => {
                    self.trail.segments.borrow_mut().push(format!("[{i}]"));
                    return Err(e);
                }
            }
        }
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut keys: HashSet<String> = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if self.top && key == "format" {
                let value: serde_json::Value = map.next_value()?;
                *self.trail.format.borrow_mut() = value.as_str().map(str::to_owned);
            } else {
                let child = Strict {
                    trail: self.trail,
                    top: false,
                };
                if let Err(e) = map.next_value_seed(child) {
                    self.trail.segments.borrow_mut().push(key);
                    return Err(e);
                }
            }
            if keys.contains(&key) {
                *self.trail.duplicate.borrow_mut() = Some(key.clone());
                return Err(serde::de::Error::custom(format!("duplicate key {key}")));
            }
            keys.insert(key);
        }
        Ok(())
    }
}

/// The path `a.b[2].c` of segments pushed innermost first.
fn trail_path(segments: &[String]) -> String {
    let mut path = String::new();
    for segment in segments.iter().rev() {
        if !segment.starts_with('[') && !path.is_empty() {
            path.push('.');
        }
        path.push_str(segment);
    }
    path
}

/// Which of the two committee files a text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expected {
    Package,
    Return,
}

/// The first, strict reading of a package or return file: the text without a byte-order mark
/// (Notepad writes one), checked for JSON, for keys given twice and for its `format`: a file of
/// the other kind is named as such.
fn read_strict(text: &str, expected: Expected) -> Result<&str, Invalid> {
    if text.len() > MAX_PACKAGE_BYTES {
        return Err(crate::read::too_large("", text.len(), MAX_PACKAGE_BYTES));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let trail = Trail::default();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let read = serde::de::DeserializeSeed::deserialize(
        Strict {
            trail: &trail,
            top: true,
        },
        &mut deserializer,
    )
    .and_then(|()| deserializer.end());
    if let Err(error) = read {
        if let Some(key) = trail.duplicate.borrow().clone() {
            return Err(refused(
                &trail_path(&trail.segments.borrow()),
                ProblemCode::DuplicateKey,
                Params::new().with("key", key),
            ));
        }
        return Err(unreadable(error));
    }
    let format = trail.format.borrow().clone().unwrap_or_default();
    match (expected, format.as_str()) {
        (Expected::Return, PACKAGE_FORMAT) => Err(refused(
            "format",
            ProblemCode::PackageGivenAsReturn,
            Params::new(),
        )),
        (Expected::Package, RETURN_FORMAT) => Err(refused(
            "format",
            ProblemCode::ReturnGivenAsPackage,
            Params::new(),
        )),
        (Expected::Return, RETURN_FORMAT) | (Expected::Package, PACKAGE_FORMAT) => Ok(text),
        (Expected::Return, found) => Err(unsupported(found, RETURN_FORMAT)),
        (Expected::Package, found) => Err(unsupported(found, PACKAGE_FORMAT)),
    }
}

/// Reads a package file, its evaluation with every rule of an evaluation file.
pub fn parse_package(text: &str) -> Result<EvaluatorPackage, Invalid> {
    let text = read_strict(text, Expected::Package)?;
    let file: PackageFile = serde_json::from_str(text).map_err(unreadable)?;
    check_format(&file.format, PACKAGE_FORMAT)?;
    let evaluation = parse_evaluation(&file.evaluation.to_string())?;
    if evaluation.evaluators.len() != 1 || evaluation.evaluators[0].id != file.evaluator {
        return Err(refused(
            "evaluator",
            ProblemCode::UnknownEvaluator,
            Params::new().with("id", file.evaluator.as_str()),
        ));
    }
    Ok(EvaluatorPackage {
        evaluator: file.evaluator,
        criteria: file.criteria,
        prices_hidden: file.prices_hidden,
        basis_sha256: file.basis_sha256,
        source_sha256: file.source_sha256,
        exported_at: file.exported_at,
        evaluation,
    })
}

/// The check sum a return file carries over its scores.
pub fn scores_sha256(scores: &[Score]) -> String {
    // Streamed into the hash: the text of 200,000 scores is 40 MB never needed whole.
    struct Hashing(sha2::Sha256);
    impl std::io::Write for Hashing {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            sha2::Digest::update(&mut self.0, bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut hashing = Hashing(<sha2::Sha256 as sha2::Digest>::new());
    let _ = serde_json::to_writer(std::io::BufWriter::new(&mut hashing), scores);
    hex::encode(sha2::Digest::finalize(hashing.0))
}

/// The check sum a return file carries over its declarations, when it has some.
pub fn declarations_sha256(declarations: &[Declaration]) -> Option<String> {
    (!declarations.is_empty()).then(|| {
        sha256_hex(
            serde_json::to_string(declarations)
                .unwrap_or_default()
                .as_bytes(),
        )
    })
}

/// The return file of an evaluator: their scores on the assigned leaves as `scored` holds them
/// (the package's evaluation, scored on their laptop).
pub fn make_return(
    package: &EvaluatorPackage,
    scored: &Evaluation,
    at: DateTime<Utc>,
) -> EvaluatorReturn {
    let scores: Vec<Score> = scored
        .scores
        .iter()
        .filter(|s| s.evaluator == package.evaluator && package.criteria.contains(&s.criterion))
        .cloned()
        .collect();
    let declarations: Vec<Declaration> = scored
        .declarations
        .iter()
        .filter(|d| d.evaluator == package.evaluator)
        .cloned()
        .collect();
    EvaluatorReturn {
        format: RETURN_FORMAT.to_owned(),
        tender: scored.tender.reference.clone(),
        evaluator: package.evaluator.clone(),
        basis_sha256: package.basis_sha256.clone(),
        source_sha256: package.source_sha256.clone(),
        returned_at: at.to_rfc3339_opts(SecondsFormat::Secs, true),
        scores_sha256: scores_sha256(&scores),
        scores,
        declarations_sha256: declarations_sha256(&declarations),
        declarations,
        signature: None,
    }
}

/// The text a return file's signature covers: the file as Jauge writes it without its
/// `signature`. Verifying re-writes the file read, so a change to any key it holds breaks the
/// signature, whatever its spacing.
pub fn signed_text(file: &EvaluatorReturn) -> String {
    let mut unsigned = file.clone();
    unsigned.signature = None;
    return_to_string(&unsigned)
}

/// The return file as a file.
pub fn return_to_string(file: &EvaluatorReturn) -> String {
    let mut text = serde_json::to_string_pretty(file).unwrap_or_default();
    text.push('\n');
    text
}

/// A score as a return file spells it: `value` and `met` read apart, so a score holding both
/// (or neither) is refused rather than one of them dropped.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReturnedScore {
    offer: String,
    criterion: String,
    evaluator: String,
    #[serde(default)]
    value: Option<f64>,
    #[serde(default)]
    met: Option<bool>,
    #[serde(default)]
    justification: Option<String>,
    #[serde(default)]
    at: Option<String>,
}

/// The return file as read.
#[derive(Deserialize)]
struct ReturnFile {
    format: String,
    tender: String,
    evaluator: String,
    basis_sha256: String,
    source_sha256: String,
    returned_at: String,
    scores: Vec<ReturnedScore>,
    scores_sha256: String,
    #[serde(default)]
    declarations: Vec<Declaration>,
    #[serde(default)]
    declarations_sha256: Option<String>,
    #[serde(default)]
    signature: Option<String>,
}

/// Where a score of a return file is, named by its place and its own (offer, criterion,
/// evaluator), so that a refusal points at the file's score, not at a merged evaluation.
pub fn returned_score_path(i: usize, score: &Score) -> String {
    let short = |id: &str| -> String { id.chars().take(64).collect() };
    format!(
        "scores[{i}] ({}, {}, {})",
        short(&score.offer),
        short(&score.criterion),
        short(&score.evaluator)
    )
}

/// Reads a return file (its scores are checked against the evaluation by [`plan_merge`]):
/// strictly (see the module documentation), a package given in its place named as such.
pub fn parse_return(text: &str) -> Result<EvaluatorReturn, Invalid> {
    let text = read_strict(text, Expected::Return)?;
    let file: ReturnFile = serde_json::from_str(text).map_err(unreadable)?;
    check_format(&file.format, RETURN_FORMAT)?;
    let mut problems = crate::read::Problems::default();
    let mut scores = Vec::with_capacity(file.scores.len());
    for (i, returned) in file.scores.into_iter().enumerate() {
        let answer = match (returned.value, returned.met) {
            (Some(value), None) => Some(Answer::Value(value)),
            (None, Some(met)) => Some(Answer::Met(met)),
            _ => None,
        };
        let score = Score {
            offer: returned.offer,
            criterion: returned.criterion,
            evaluator: returned.evaluator,
            answer: answer.unwrap_or(Answer::Met(false)),
            justification: returned.justification,
            at: returned.at,
        };
        match (returned.value.is_some(), returned.met.is_some()) {
            (true, true) => problems.push(
                returned_score_path(i, &score),
                ProblemCode::ValueAndMet,
                Params::new(),
            ),
            (false, false) => problems.push(
                returned_score_path(i, &score),
                ProblemCode::NoAnswer,
                Params::new(),
            ),
            _ => {}
        }
        scores.push(score);
    }
    problems.into_result()?;
    Ok(EvaluatorReturn {
        format: file.format,
        tender: file.tender,
        evaluator: file.evaluator,
        basis_sha256: file.basis_sha256,
        source_sha256: file.source_sha256,
        returned_at: file.returned_at,
        scores,
        scores_sha256: file.scores_sha256,
        declarations: file.declarations,
        declarations_sha256: file.declarations_sha256,
        signature: file.signature,
    })
}

/// A cell the buyer's copy holds with another score than the return file's.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeConflict {
    /// What the buyer's copy holds.
    pub ours: Score,
    /// What the file brings.
    pub theirs: Score,
}

impl MergeConflict {
    /// Whether only the justification differs (the same value or the same verdict): shown as
    /// such, both texts side by side, not as two equal numbers.
    pub fn justification_only(&self) -> bool {
        same_answer(&self.ours, &self.theirs)
    }
}

/// A declaration of the file older than the one the buyer's copy holds for the same member and
/// offer: reported, and ignored (the latest declaration wins).
#[derive(Debug, Clone, PartialEq)]
pub struct StaleDeclaration {
    /// What the file brings.
    pub theirs: Declaration,
    /// The newer declaration the buyer's copy holds, kept.
    pub held: Declaration,
}

/// What merging a return file would do.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MergePlan {
    /// Scores the buyer's copy does not have yet.
    pub new: Vec<Score>,
    /// Scores the buyer's copy already holds as they are.
    pub unchanged: usize,
    /// Cells held with another score: never written unless the buyer takes the file's.
    pub conflicts: Vec<MergeConflict>,
    /// The file's declarations newer than what the buyer's copy holds for that offer (or on an
    /// offer it holds none for): the evaluator's own word, recorded as given.
    pub declarations: Vec<Declaration>,
    /// The file's declarations older than the buyer's: ignored, reported.
    pub stale_declarations: Vec<StaleDeclaration>,
    /// The member's scores the buyer's copy holds on an offer the file newly declares a
    /// conflict with: recording the declaration removes them, each listed.
    pub removed: Vec<Score>,
    /// The file's new scores on an offer whose declared conflict the file withdraws: scores
    /// coming back, each listed.
    pub restored: Vec<Score>,
}

impl MergePlan {
    /// Whether merging changes the buyer's copy (scores written or removed, declarations
    /// recorded), conflicts left aside.
    pub fn changes_something(&self) -> bool {
        !self.new.is_empty() || !self.declarations.is_empty() || !self.removed.is_empty()
    }
}

fn same_answer(a: &Score, b: &Score) -> bool {
    match (&a.answer, &b.answer) {
        (Answer::Value(x), Answer::Value(y)) => x == y,
        (Answer::Met(x), Answer::Met(y)) => x == y,
        _ => false,
    }
}

fn same_score(a: &Score, b: &Score) -> bool {
    same_answer(a, b) && a.justification == b.justification
}

/// Whether two declarations of a member on an offer say the same (conflict or not, same note),
/// whatever their dates.
fn says_the_same(a: &Declaration, b: &Declaration) -> bool {
    a.conflict == b.conflict && a.note == b.note
}

/// Whether declaration `a` was made strictly after `b` (an unreadable time is never later).
fn declared_after(a: &Declaration, b: &Declaration) -> bool {
    match (
        DateTime::parse_from_rfc3339(&a.at),
        DateTime::parse_from_rfc3339(&b.at),
    ) {
        (Ok(a), Ok(b)) => a > b,
        (Ok(_), Err(_)) => true,
        _ => false,
    }
}

/// Checks a return file against the buyer's evaluation and sorts its scores into new,
/// unchanged and conflicting, its declarations into newer and stale. `assigned` is the leaves
/// the package sent to that member assigned them (every leaf scored by hand when the buyer's
/// store has no record of a package). Refused whole, nothing planned, when the file belongs to
/// another tender or evaluator, was made on another basis, no longer matches a check sum, or
/// holds a score the package did not ask for (a leaf not assigned, an offer the member declared
/// a conflict with) or one the evaluation's rules refuse; every such score is listed, each by
/// its place in the file and its (offer, criterion, evaluator).
pub fn plan_merge(
    evaluation: &Evaluation,
    file: &EvaluatorReturn,
    assigned: Option<&[String]>,
) -> Result<MergePlan, Invalid> {
    if file.tender != evaluation.tender.reference {
        return Err(refused(
            "tender",
            ProblemCode::WrongTender,
            Params::new()
                .with("found", file.tender.as_str())
                .with("expected", evaluation.tender.reference.as_str()),
        ));
    }
    if !evaluation.evaluators.iter().any(|e| e.id == file.evaluator) {
        return Err(refused(
            "evaluator",
            ProblemCode::UnknownEvaluator,
            Params::new().with("id", file.evaluator.as_str()),
        ));
    }
    if file.basis_sha256 != scoring_basis_hash(evaluation) {
        return Err(refused(
            "basis_sha256",
            ProblemCode::StaleBasis,
            Params::new(),
        ));
    }
    if file.scores_sha256 != scores_sha256(&file.scores) {
        return Err(refused(
            "scores_sha256",
            ProblemCode::ScoresAltered,
            Params::new(),
        ));
    }
    if file.declarations_sha256 != declarations_sha256(&file.declarations) {
        return Err(refused(
            "declarations_sha256",
            ProblemCode::DeclarationsAltered,
            Params::new(),
        ));
    }
    let by_hand: HashSet<&str> = evaluation
        .leaves()
        .into_iter()
        .filter(|c| is_scored_by_hand(c))
        .map(|c| c.id.as_str())
        .collect();
    let assigned: Option<HashSet<&str>> =
        assigned.map(|ids| ids.iter().map(String::as_str).collect());
    let assigned_list = |ids: &HashSet<&str>| {
        let mut ids: Vec<&str> = ids.iter().copied().collect();
        ids.sort_unstable();
        ids.join(", ")
    };
    let offers: HashSet<&str> = evaluation.offers.iter().map(|o| o.id.as_str()).collect();
    let held: HashMap<(&str, &str), &Score> = evaluation
        .scores
        .iter()
        .filter(|s| s.evaluator == file.evaluator)
        .map(|s| ((s.offer.as_str(), s.criterion.as_str()), s))
        .collect();
    let held_declarations: HashMap<&str, &Declaration> = evaluation
        .declarations
        .iter()
        .filter(|d| d.evaluator == file.evaluator)
        .map(|d| (d.offer.as_str(), d))
        .collect();
    let mut problems = crate::read::Problems::default();
    let mut plan = MergePlan::default();
    // The declaration that holds per offer once merged: the latest of the buyer's and the file's.
    let mut conflicted: HashSet<&str> = held_declarations
        .values()
        .filter(|d| d.conflict)
        .map(|d| d.offer.as_str())
        .collect();
    let mut withdrawn: HashSet<&str> = HashSet::new();
    let mut newly_conflicted: HashSet<&str> = HashSet::new();
    let mut declared: HashMap<&str, usize> = HashMap::new();
    for (i, declaration) in file.declarations.iter().enumerate() {
        let path = format!("declarations[{i}]");
        if declaration.evaluator != file.evaluator {
            problems.push(
                format!("{path}.evaluator"),
                ProblemCode::WrongEvaluator,
                Params::new()
                    .with("found", declaration.evaluator.as_str())
                    .with("expected", file.evaluator.as_str()),
            );
            continue;
        }
        if !offers.contains(declaration.offer.as_str()) {
            problems.push(
                format!("{path}.offer"),
                ProblemCode::UnknownOffer,
                Params::new().with("id", declaration.offer.as_str()),
            );
            continue;
        }
        if DateTime::parse_from_rfc3339(&declaration.at).is_err() {
            problems.push(
                format!("{path}.at"),
                ProblemCode::InvalidTimestamp,
                Params::new().with("at", declaration.at.as_str()),
            );
            continue;
        }
        if declaration
            .note
            .as_deref()
            .is_some_and(|n| n.trim().is_empty())
        {
            problems.push(format!("{path}.note"), ProblemCode::Empty, Params::new());
            continue;
        }
        if let Some(first) = declared.insert(declaration.offer.as_str(), i) {
            problems.push(
                &path,
                ProblemCode::DuplicateDeclaration,
                Params::new()
                    .with("evaluator", declaration.evaluator.as_str())
                    .with("offer", declaration.offer.as_str())
                    .with("first", format!("declarations[{first}]")),
            );
            continue;
        }
        match held_declarations.get(declaration.offer.as_str()) {
            Some(held) if *held == declaration => {}
            // An older declaration saying what the held one says (a member's tool dates every
            // declaration anew when one changes) changes nothing and contradicts nothing.
            Some(held)
                if !declared_after(declaration, held) && says_the_same(declaration, held) => {}
            Some(held) if !declared_after(declaration, held) => {
                plan.stale_declarations.push(StaleDeclaration {
                    theirs: declaration.clone(),
                    held: (*held).clone(),
                });
            }
            held => {
                let was_conflict = held.is_some_and(|h| h.conflict);
                let offer = declaration.offer.as_str();
                if declaration.conflict {
                    conflicted.insert(offer);
                    if !was_conflict {
                        newly_conflicted.insert(offer);
                    }
                } else {
                    conflicted.remove(offer);
                    if was_conflict {
                        withdrawn.insert(offer);
                    }
                }
                plan.declarations.push(declaration.clone());
            }
        }
    }
    let index = crate::read::EvaluationIndex::new(evaluation).without_conflicts();
    let mut seen: HashMap<(&str, &str), usize> = HashMap::with_capacity(file.scores.len());
    for (i, score) in file.scores.iter().enumerate() {
        let path = returned_score_path(i, score);
        if score.evaluator != file.evaluator {
            problems.push(
                format!("{path}.evaluator"),
                ProblemCode::WrongEvaluator,
                Params::new()
                    .with("found", score.evaluator.as_str())
                    .with("expected", file.evaluator.as_str()),
            );
            continue;
        }
        if !offers.contains(score.offer.as_str()) {
            problems.push(
                format!("{path}.offer"),
                ProblemCode::UnknownOffer,
                Params::new().with("id", score.offer.as_str()),
            );
            continue;
        }
        if !by_hand.contains(score.criterion.as_str()) {
            problems.push(
                format!("{path}.criterion"),
                ProblemCode::NotScoredByHand,
                Params::new().with("id", score.criterion.as_str()),
            );
            continue;
        }
        if let Some(ids) = &assigned
            && !ids.contains(score.criterion.as_str())
        {
            problems.push(
                &path,
                ProblemCode::NotAssigned,
                Params::new()
                    .with("evaluator", score.evaluator.as_str())
                    .with("offer", score.offer.as_str())
                    .with("criterion", score.criterion.as_str())
                    .with("assigned", assigned_list(ids)),
            );
            continue;
        }
        if conflicted.contains(score.offer.as_str()) {
            problems.push(
                &path,
                ProblemCode::ScoreDespiteConflict,
                Params::new()
                    .with("evaluator", score.evaluator.as_str())
                    .with("offer", score.offer.as_str()),
            );
            continue;
        }
        if let Some(first) = seen.insert((score.offer.as_str(), score.criterion.as_str()), i) {
            problems.push(
                &path,
                ProblemCode::DuplicateScore,
                Params::new()
                    .with("offer", score.offer.as_str())
                    .with("criterion", score.criterion.as_str())
                    .with("evaluator", score.evaluator.as_str())
                    .with("first", returned_score_path(first, &file.scores[first])),
            );
            continue;
        }
        if let Err(invalid) = check_score(&index, &path, score) {
            for problem in invalid.problems {
                problems.push(problem.path, problem.code, problem.params);
            }
            continue;
        }
        // A held score on an offer the file newly declares a conflict with is removed: a new
        // score there was refused above.
        match held.get(&(score.offer.as_str(), score.criterion.as_str())) {
            None => {
                if withdrawn.contains(score.offer.as_str()) {
                    plan.restored.push(score.clone());
                }
                plan.new.push(score.clone());
            }
            Some(ours) if same_score(ours, score) => plan.unchanged += 1,
            Some(ours) => plan.conflicts.push(MergeConflict {
                ours: (*ours).clone(),
                theirs: score.clone(),
            }),
        }
    }
    problems.into_result()?;
    plan.removed = evaluation
        .scores
        .iter()
        .filter(|s| s.evaluator == file.evaluator && newly_conflicted.contains(s.offer.as_str()))
        .cloned()
        .collect();
    Ok(plan)
}

/// [`canonical_hash`] of `evaluation` once a return file is merged into
/// it as the store writes one: `declarations` declared as [`crate::Change::Declare`] does (each
/// replaces the evaluator's declaration on its offer in place or is added last, a conflict
/// removing the evaluator's scores on the offer), then `scores` set each as
/// [`crate::Change::SetScore`] does (replacing the score of its cell in place, or added last).
/// Hashed score by score from the evaluation as it is: the merged evaluation of a
/// 200,000-score return is neither built nor read back from the store.
pub fn merged_state_hash(
    evaluation: &Evaluation,
    declarations: &[Declaration],
    scores: &[Score],
) -> String {
    // Everything but the scores, with the file's declarations in place.
    let mut frame = Evaluation {
        tender: evaluation.tender.clone(),
        settings: evaluation.settings.clone(),
        criteria: evaluation.criteria.clone(),
        evaluators: evaluation.evaluators.clone(),
        offers: evaluation.offers.clone(),
        scores: Vec::new(),
        consensus: evaluation.consensus.clone(),
        declarations: evaluation.declarations.clone(),
        prices_opened_at: evaluation.prices_opened_at.clone(),
        price_schedule: evaluation.price_schedule.clone(),
        negotiation: evaluation.negotiation.clone(),
        exchanges: evaluation.exchanges.clone(),
    };
    let mut conflicts: HashSet<(&str, &str)> = HashSet::new();
    for d in declarations {
        crate::change::record_declaration(&mut frame.declarations, d);
        if d.conflict {
            conflicts.insert((d.evaluator.as_str(), d.offer.as_str()));
        }
    }
    // Each cell set, to the last score given for it (what setting them in turn leaves).
    let mut set: HashMap<(&str, &str, &str), usize> = HashMap::with_capacity(scores.len());
    for (i, s) in scores.iter().enumerate() {
        set.insert(
            (s.offer.as_str(), s.criterion.as_str(), s.evaluator.as_str()),
            i,
        );
    }
    let mut hasher = CanonicalHasher::new(&frame);
    drop(frame);
    let mut done = HashSet::with_capacity(scores.len());
    for held in &evaluation.scores {
        if conflicts.contains(&(held.evaluator.as_str(), held.offer.as_str())) {
            continue;
        }
        let cell = (
            held.offer.as_str(),
            held.criterion.as_str(),
            held.evaluator.as_str(),
        );
        match set.get(&cell) {
            Some(&i) => {
                hasher.score(&scores[i]);
                done.insert(cell);
            }
            None => hasher.score(held),
        }
    }
    for s in scores {
        let cell = (s.offer.as_str(), s.criterion.as_str(), s.evaluator.as_str());
        if done.insert(cell) {
            // A cell given twice is added where it first comes, with its last score.
            hasher.score(set.get(&cell).map_or(s, |&i| &scores[i]));
        }
    }
    hasher.finish()
}

/// How far one evaluator has scored, overall and per top-level group of the criteria.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EvaluatorProgress {
    pub evaluator: String,
    pub name: String,
    /// Cells (offer × leaf scored by hand) in the tree. An evaluator need not score them all:
    /// a committee often splits the criteria among its members.
    pub cells: u32,
    /// Cells they scored.
    pub given: u32,
    pub groups: Vec<GroupProgress>,
    /// Offers towards which they declared their interests.
    pub declared: u32,
    /// Offers they declared a conflict of interest with, in file order.
    pub conflicts: Vec<String>,
}

/// One top-level node of the criteria tree (a group, or a leaf at the top) in an evaluator's
/// progress.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupProgress {
    pub criterion: String,
    pub title: String,
    pub cells: u32,
    pub given: u32,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Every evaluator's progress: the cells they scored among every offer × leaf scored by hand,
/// per top-level node (top-level nodes with nothing to score by hand, such as the price, are left
/// out).
pub fn committee_progress(evaluation: &Evaluation) -> Vec<EvaluatorProgress> {
    let offers: HashSet<&str> = evaluation.offers.iter().map(|o| o.id.as_str()).collect();
    // Leaves scored by hand under each top-level node, in tree order.
    let tops: Vec<(&Criterion, HashSet<&str>)> = evaluation
        .criteria
        .iter()
        .map(|top| {
            let mut leaves = HashSet::new();
            fn walk<'a>(node: &'a Criterion, out: &mut HashSet<&'a str>) {
                if node.children().is_empty() {
                    if is_scored_by_hand(node) {
                        out.insert(node.id.as_str());
                    }
                } else {
                    for child in node.children() {
                        walk(child, out);
                    }
                }
            }
            walk(top, &mut leaves);
            (top, leaves)
        })
        .filter(|(_, leaves)| !leaves.is_empty())
        .collect();
    evaluation
        .evaluators
        .iter()
        .map(|who| {
            let scored: HashSet<(&str, &str)> = evaluation
                .scores
                .iter()
                .filter(|s| s.evaluator == who.id && offers.contains(s.offer.as_str()))
                .map(|s| (s.offer.as_str(), s.criterion.as_str()))
                .collect();
            let groups: Vec<GroupProgress> = tops
                .iter()
                .map(|(top, leaves)| GroupProgress {
                    criterion: top.id.clone(),
                    title: top.title.clone(),
                    cells: count(leaves.len() * offers.len()),
                    given: count(scored.iter().filter(|(_, c)| leaves.contains(c)).count()),
                })
                .collect();
            EvaluatorProgress {
                evaluator: who.id.clone(),
                name: who.name.clone(),
                cells: groups.iter().map(|g| g.cells).sum(),
                given: groups.iter().map(|g| g.given).sum(),
                groups,
                declared: count(
                    evaluation
                        .offers
                        .iter()
                        .filter(|o| evaluation.declaration(&who.id, &o.id).is_some())
                        .count(),
                ),
                conflicts: evaluation
                    .offers
                    .iter()
                    .filter(|o| {
                        evaluation
                            .declaration(&who.id, &o.id)
                            .is_some_and(|d| d.conflict)
                    })
                    .map(|o| o.id.clone())
                    .collect(),
            }
        })
        .collect()
}

/// Whether a committee file left the buyer's Jauge or came into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FileDirection {
    /// A package written for an evaluator.
    Sent,
    /// A return file or a filled grid whose scores were imported.
    Received,
}

/// A package sent to an evaluator or a scores file received, as the journal records it: what
/// the committee screen and the report list, so that every score can be traced to its file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CommitteeFile {
    pub direction: FileDirection,
    /// The file's name, without its folder.
    pub name: String,
    /// SHA-256 of the file's bytes.
    pub sha256: String,
    /// RFC 3339, when it was written or imported.
    pub at: String,
    /// Who wrote or imported it.
    pub actor: String,
    /// The evaluators it is for (a package) or whose scores it brought (a return or a grid).
    pub evaluators: Vec<String>,
    /// The subject of the certificate that signed it, when it was signed and the signature
    /// verified on import.
    pub signed_by: Option<String>,
    /// Scores it brought (0 for a package).
    pub scores: u32,
    /// Declarations of interests it brought (0 for a package).
    pub declarations: u32,
    /// The SHA-256 of the certificate that signed it, when it was signed. For the report: the
    /// committee screen shows the pinned certificates (`jauge_api::return_certificates`).
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub certificate_sha256: Option<String>,
    /// For a return file merged since outcomes were journaled: `merged` or `nothing_changed`.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub outcome: Option<String>,
    /// For a return file: what the buyer was told about its signature, each a code of
    /// [`crate::words::RETURN_FLAGS`] with its parameters (see [`crate::words::render_named`]).
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub flags: Vec<(String, Vec<(String, String)>)>,
}

/// On the evaluator's laptop, what is kept of the package a workspace was opened from: whose
/// it is, the criteria assigned, and the fingerprints the return file carries back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EvaluatorWorkspace {
    pub evaluator: String,
    /// The leaves assigned, in tree order.
    pub criteria: Vec<String>,
    pub prices_hidden: bool,
    pub basis_sha256: String,
    pub source_sha256: String,
    /// When the buyer made the package (RFC 3339).
    pub exported_at: String,
    /// The package file's name, without its folder.
    pub package_name: String,
    /// SHA-256 of the package file.
    pub package_sha256: String,
}

impl EvaluatorWorkspace {
    /// The workspace of `package`, read from the file `package_name` whose bytes hash to
    /// `package_sha256`.
    pub fn of(
        package: &EvaluatorPackage,
        package_name: String,
        package_sha256: String,
    ) -> EvaluatorWorkspace {
        EvaluatorWorkspace {
            evaluator: package.evaluator.clone(),
            criteria: package.criteria.clone(),
            prices_hidden: package.prices_hidden,
            basis_sha256: package.basis_sha256.clone(),
            source_sha256: package.source_sha256.clone(),
            exported_at: package.exported_at.clone(),
            package_name,
            package_sha256,
        }
    }

    /// The package again, around the workspace's evaluation as scored here: what
    /// [`make_return`] needs.
    pub fn package(&self, evaluation: Evaluation) -> EvaluatorPackage {
        EvaluatorPackage {
            evaluator: self.evaluator.clone(),
            criteria: self.criteria.clone(),
            prices_hidden: self.prices_hidden,
            basis_sha256: self.basis_sha256.clone(),
            source_sha256: self.source_sha256.clone(),
            exported_at: self.exported_at.clone(),
            evaluation,
        }
    }

    /// Whether the evaluator may make `change` in their workspace: their own scores on the
    /// criteria assigned to them, and their own declarations of interests; nothing else (the
    /// tender, criteria, offers and settings are the buyer's).
    pub fn allows(&self, change: &crate::Change) -> Result<(), Invalid> {
        use crate::Change;
        let refuse = |path: &str, what: &str| {
            Err(refused(
                path,
                ProblemCode::NotInWorkspace,
                Params::new()
                    .with("evaluator", self.evaluator.as_str())
                    .with("what", what),
            ))
        };
        match change {
            Change::SetScore(Score {
                criterion,
                evaluator,
                ..
            })
            | Change::RemoveScore {
                criterion,
                evaluator,
                ..
            } => {
                if evaluator != &self.evaluator {
                    refuse("evaluator", evaluator)
                } else if !self.criteria.contains(criterion) {
                    refuse("criterion", criterion)
                } else {
                    Ok(())
                }
            }
            Change::Declare(declarations) => {
                match declarations.iter().find(|d| d.evaluator != self.evaluator) {
                    Some(other) => refuse("declarations", &other.evaluator),
                    None => Ok(()),
                }
            }
            other => refuse("", other.action()),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::Change;
    use crate::synthetic::synthetic_evaluation;

    fn at(minutes: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 16, 9, 0, 0).unwrap() + chrono::Duration::minutes(minutes)
    }

    /// Three offers, leaves `g0.c0`..`g0.c3` scored by hand, evaluators e0 and e1; e1 has not
    /// scored yet.
    fn buyer() -> Evaluation {
        let mut evaluation = synthetic_evaluation(3, 5, 2);
        evaluation.scores.retain(|s| s.evaluator != "e1");
        evaluation
    }

    fn score(offer: &str, criterion: &str, value: f64) -> Score {
        Score {
            offer: offer.into(),
            criterion: criterion.into(),
            evaluator: "e1".into(),
            answer: Answer::Value(value),
            justification: Some("Vu en séance.".into()),
            at: None,
        }
    }

    fn declaration(offer: &str, conflict: bool, minutes: i64) -> Declaration {
        Declaration {
            evaluator: "e1".into(),
            offer: offer.into(),
            conflict,
            at: at(minutes).to_rfc3339_opts(SecondsFormat::Secs, true),
            note: conflict.then(|| "Ancien salarié".into()),
        }
    }

    /// e1's return file on `evaluation` with `scores` and `declarations`, check sums right.
    fn returned(
        evaluation: &Evaluation,
        scores: Vec<Score>,
        declarations: Vec<Declaration>,
    ) -> EvaluatorReturn {
        let package = make_package(evaluation, "e1", None, at(1)).unwrap();
        let mut scored = package.evaluation.clone();
        scored.scores = scores;
        scored.declarations = declarations;
        let mut package = package;
        package.criteria = evaluation
            .leaves()
            .into_iter()
            .filter(|c| is_scored_by_hand(c))
            .map(|c| c.id.clone())
            .collect();
        make_return(&package, &scored, at(10))
    }

    fn codes(invalid: &Invalid) -> Vec<(&str, &str)> {
        invalid
            .problems
            .iter()
            .map(|p| (p.path.as_str(), p.code.as_str()))
            .collect()
    }

    #[test]
    fn the_merged_state_hash_is_the_hash_of_the_evaluation_declared_then_scored_in_turn() {
        let mut evaluation = buyer();
        // The buyer holds some of e1's scores and a declaration on o2.
        evaluation.scores.extend([
            score("o0", "g0.c0", 1.0),
            score("o0", "g0.c1", 2.0),
            score("o1", "g0.c0", 3.0),
        ]);
        evaluation.declarations.push(declaration("o2", false, 5));
        let declarations = vec![
            // New, and a conflict: e1's score on o1 goes.
            declaration("o1", true, 20),
            // Replaces the one held, in place.
            declaration("o2", true, 21),
        ];
        let scores = vec![
            score("o0", "g0.c0", 4.0), // replaces a held score in place
            score("o0", "g0.c2", 1.0), // new, added last
            score("o1", "g0.c0", 2.0), // its held score was removed: added last
            score("o0", "g0.c2", 2.5), // the same cell again: its last score wins
            score("o2", "g0.c3", 0.5), // new
        ];
        let mut expected = evaluation.clone();
        Change::Declare(declarations.clone())
            .apply_to(&mut expected)
            .unwrap();
        for s in &scores {
            Change::SetScore(s.clone()).apply_to(&mut expected).unwrap();
        }
        assert_ne!(canonical_hash(&expected), canonical_hash(&evaluation));
        assert_eq!(
            merged_state_hash(&evaluation, &declarations, &scores),
            canonical_hash(&expected)
        );
        // Nothing to merge: the evaluation's own hash.
        assert_eq!(
            merged_state_hash(&evaluation, &[], &[]),
            canonical_hash(&evaluation)
        );
    }

    #[test]
    fn scores_on_criteria_not_assigned_refuse_the_file_each_one_named() {
        let evaluation = buyer();
        let file = returned(
            &evaluation,
            vec![
                score("o0", "g0.c0", 3.0),
                score("o1", "g0.c2", 4.0),
                score("o2", "g0.c3", 1.0),
            ],
            Vec::new(),
        );
        let assigned = vec!["g0.c0".to_owned(), "g0.c1".to_owned()];
        let invalid = plan_merge(&evaluation, &file, Some(&assigned)).unwrap_err();
        assert_eq!(
            codes(&invalid),
            vec![
                ("scores[1] (o1, g0.c2, e1)", "not_assigned"),
                ("scores[2] (o2, g0.c3, e1)", "not_assigned"),
            ]
        );
        let message = invalid.problems[0].message_in(crate::words::Lang::Fr);
        assert!(
            message.contains("« o1 »") && message.contains("« g0.c2 »"),
            "{message}"
        );
        assert!(message.contains("g0.c0, g0.c1"), "{message}");
        // Without a record of the package, every leaf scored by hand may come back.
        let plan = plan_merge(&evaluation, &file, None).unwrap();
        assert_eq!(plan.new.len(), 3);
    }

    #[test]
    fn a_score_on_an_offer_the_member_declared_a_conflict_with_refuses_the_file() {
        let mut evaluation = buyer();
        evaluation.declarations.push(declaration("o1", true, 5));
        // The file's own older "no conflict" does not lift the buyer's newer conflict.
        let file = returned(
            &evaluation,
            vec![score("o0", "g0.c0", 3.0), score("o1", "g0.c0", 4.0)],
            vec![declaration("o1", false, 2)],
        );
        let invalid = plan_merge(&evaluation, &file, None).unwrap_err();
        assert_eq!(
            codes(&invalid),
            vec![("scores[1] (o1, g0.c0, e1)", "score_despite_conflict")]
        );
    }

    #[test]
    fn the_latest_declaration_wins_the_older_one_is_reported_and_ignored() {
        let mut evaluation = buyer();
        // The buyer holds e1's newer return: no conflict on o1, o1 scored.
        evaluation.declarations.push(declaration("o1", false, 20));
        evaluation.scores.push(score("o1", "g0.c0", 7.0 / 2.0));
        let older = returned(&evaluation, Vec::new(), vec![declaration("o1", true, 5)]);
        let plan = plan_merge(&evaluation, &older, None).unwrap();
        assert!(plan.declarations.is_empty());
        assert!(plan.removed.is_empty());
        assert_eq!(plan.stale_declarations.len(), 1);
        assert_eq!(plan.stale_declarations[0].held.at, "2026-11-16T09:20:00Z");
        assert!(!plan.changes_something());
        // A newer conflict removes the held score, listed.
        let newer = returned(&evaluation, Vec::new(), vec![declaration("o1", true, 30)]);
        let plan = plan_merge(&evaluation, &newer, None).unwrap();
        assert_eq!(plan.declarations.len(), 1);
        assert_eq!(plan.removed.len(), 1);
        assert_eq!(plan.removed[0].offer, "o1");
        assert!(plan.changes_something());
    }

    #[test]
    fn an_older_declaration_saying_what_the_held_one_says_is_not_reported_a_differing_one_is() {
        let mut evaluation = buyer();
        // The buyer holds e1's newer declarations, all dated anew at 09:20.
        evaluation.declarations.extend([
            declaration("o0", false, 20),
            declaration("o1", false, 20),
            declaration("o2", true, 20),
        ]);
        let mut other_note = declaration("o2", true, 5);
        other_note.note = Some("Conjoint salarié".into());
        let older = returned(
            &evaluation,
            Vec::new(),
            vec![
                declaration("o0", false, 5),
                declaration("o1", true, 5),
                other_note.clone(),
            ],
        );
        let plan = plan_merge(&evaluation, &older, None).unwrap();
        let stale: Vec<&Declaration> = plan.stale_declarations.iter().map(|s| &s.theirs).collect();
        assert_eq!(stale, vec![&declaration("o1", true, 5), &other_note]);
        assert!(plan.declarations.is_empty());
        assert!(!plan.changes_something());
    }

    #[test]
    fn a_withdrawn_conflict_lists_the_scores_it_restores() {
        let mut evaluation = buyer();
        evaluation.declarations.push(declaration("o2", true, 5));
        let file = returned(
            &evaluation,
            vec![score("o2", "g0.c1", 2.0), score("o0", "g0.c1", 1.0)],
            vec![declaration("o2", false, 40)],
        );
        let plan = plan_merge(&evaluation, &file, None).unwrap();
        assert_eq!(plan.new.len(), 2);
        assert_eq!(plan.restored.len(), 1);
        assert_eq!(plan.restored[0].offer, "o2");
    }

    #[test]
    fn a_refused_score_is_named_by_its_place_in_the_file_not_the_merged_evaluation() {
        let evaluation = buyer();
        let file = returned(&evaluation, vec![score("o2", "g0.c1", 11.0)], Vec::new());
        let invalid = plan_merge(&evaluation, &file, None).unwrap_err();
        assert_eq!(
            codes(&invalid),
            vec![("scores[0] (o2, g0.c1, e1).value", "outside_scale")]
        );
    }

    #[test]
    fn each_check_sum_is_named_as_itself() {
        let evaluation = buyer();
        let mut file = returned(
            &evaluation,
            vec![score("o0", "g0.c0", 3.0)],
            vec![declaration("o0", false, 3)],
        );
        file.declarations[0].note = Some("ajouté".into());
        let invalid = plan_merge(&evaluation, &file, None).unwrap_err();
        assert_eq!(
            codes(&invalid),
            vec![("declarations_sha256", "declarations_altered")]
        );
        file.scores[0].answer = Answer::Value(4.0);
        let invalid = plan_merge(&evaluation, &file, None).unwrap_err();
        assert_eq!(codes(&invalid), vec![("scores_sha256", "scores_altered")]);
    }

    #[test]
    fn a_justification_only_difference_is_told_apart() {
        let mut evaluation = buyer();
        evaluation.scores.push(score("o0", "g0.c0", 3.0));
        let mut theirs = score("o0", "g0.c0", 3.0);
        theirs.justification = Some("Autre texte.".into());
        let file = returned(&evaluation, vec![theirs], Vec::new());
        let plan = plan_merge(&evaluation, &file, None).unwrap();
        assert_eq!(plan.conflicts.len(), 1);
        assert!(plan.conflicts[0].justification_only());
    }

    fn text_of(file: &EvaluatorReturn) -> String {
        return_to_string(file)
    }

    #[test]
    fn return_files_are_read_strictly() {
        let evaluation = buyer();
        let file = returned(&evaluation, vec![score("o0", "g0.c0", 3.0)], Vec::new());
        let text = text_of(&file);
        // A byte-order mark is accepted.
        assert_eq!(parse_return(&format!("\u{feff}{text}")).unwrap(), file);
        // A key given twice, at any depth, is refused where it is.
        let twice = text.replacen("\"value\": 3.0", "\"value\": 3.0, \"value\": 9", 1);
        assert_ne!(twice, text);
        let invalid = parse_return(&twice).unwrap_err();
        assert_eq!(codes(&invalid), vec![("scores[0]", "duplicate_key")]);
        let top = text.replacen("\"tender\":", "\"evaluator\": \"e0\", \"tender\":", 1);
        assert_eq!(
            codes(&parse_return(&top).unwrap_err()),
            vec![("", "duplicate_key")]
        );
        // `value` and `met` together, or neither, are refused, not one of them dropped.
        let both = text.replacen("\"value\": 3.0", "\"value\": 3.0, \"met\": true", 1);
        assert_eq!(
            codes(&parse_return(&both).unwrap_err()),
            vec![("scores[0] (o0, g0.c0, e1)", "value_and_met")]
        );
        let neither = text.replacen("\"value\": 3.0,", "", 1);
        assert_eq!(
            codes(&parse_return(&neither).unwrap_err()),
            vec![("scores[0] (o0, g0.c0, e1)", "no_answer")]
        );
    }

    #[test]
    fn a_package_and_a_return_file_are_named_when_given_for_one_another() {
        let evaluation = buyer();
        let package = make_package(&evaluation, "e1", None, at(1)).unwrap();
        let package_text = package_to_string(&package);
        assert_eq!(
            codes(&parse_return(&package_text).unwrap_err()),
            vec![("format", "package_given_as_return")]
        );
        let file = returned(&evaluation, Vec::new(), Vec::new());
        assert_eq!(
            codes(&parse_package(&text_of(&file)).unwrap_err()),
            vec![("format", "return_given_as_package")]
        );
        assert!(parse_package(&format!("\u{feff}{package_text}")).is_ok());
    }

    #[test]
    fn every_refusal_of_a_return_file_fills_its_message() {
        let evaluation = buyer();
        let file = returned(
            &evaluation,
            vec![score("o0", "g0.c0", 3.0), score("o0", "g0.c0", 3.0)],
            vec![declaration("o1", false, 3), declaration("o1", true, 4)],
        );
        let invalid = plan_merge(&evaluation, &file, None).unwrap_err();
        assert_eq!(invalid.problems.len(), 2);
        for problem in &invalid.problems {
            for lang in [crate::words::Lang::Fr, crate::words::Lang::En] {
                let message = problem.message_in(lang);
                assert!(!message.contains('{'), "{message}");
            }
        }
        assert!(
            invalid.problems[1]
                .message()
                .contains("(the first is scores[0] (o0, g0.c0, e1))")
        );
    }
}
