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

use crate::read::{Invalid, ProblemCode};
use crate::words::Params;
use crate::write::{canonical_hash, evaluation_to_json, sha256_hex};
use crate::{Answer, Criterion, CriterionBody, Declaration, Evaluation, Score, parse_evaluation};

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
pub fn scoring_basis_hash(evaluation: &Evaluation) -> String {
    let mut basis = evaluation.clone();
    basis.scores.clear();
    basis.consensus.clear();
    basis.declarations.clear();
    basis.prices_opened_at = None;
    for offer in &mut basis.offers {
        offer.price = None;
        offer.irregular = None;
        offer.certifications = None;
    }
    if let Some(schedule) = &mut basis.price_schedule {
        schedule.offers.clear();
        schedule.corrections.clear();
    }
    canonical_hash(&basis)
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

fn check_format(found: &str, expected: &str) -> Result<(), Invalid> {
    if found == expected {
        Ok(())
    } else {
        Err(refused(
            "format",
            ProblemCode::UnsupportedFormat,
            Params::new()
                .with("format", found)
                .with("expected", expected),
        ))
    }
}

/// Reads a package file, its evaluation with every rule of an evaluation file.
pub fn parse_package(text: &str) -> Result<EvaluatorPackage, Invalid> {
    if text.len() > MAX_PACKAGE_BYTES {
        return Err(crate::read::too_large("", text.len(), MAX_PACKAGE_BYTES));
    }
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
    sha256_hex(serde_json::to_string(scores).unwrap_or_default().as_bytes())
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

/// Reads a return file (its scores are checked against the evaluation by [`plan_merge`]).
pub fn parse_return(text: &str) -> Result<EvaluatorReturn, Invalid> {
    if text.len() > MAX_PACKAGE_BYTES {
        return Err(crate::read::too_large("", text.len(), MAX_PACKAGE_BYTES));
    }
    let file: EvaluatorReturn = serde_json::from_str(text).map_err(unreadable)?;
    check_format(&file.format, RETURN_FORMAT)?;
    Ok(file)
}

/// A cell the buyer's copy holds with another score than the return file's.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeConflict {
    /// What the buyer's copy holds.
    pub ours: Score,
    /// What the file brings.
    pub theirs: Score,
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
    /// The file's declarations the buyer's copy does not hold as they are: the evaluator's own
    /// word, recorded as given (a later declaration replaces an earlier one).
    pub declarations: Vec<Declaration>,
}

fn same_score(a: &Score, b: &Score) -> bool {
    let same_answer = match (&a.answer, &b.answer) {
        (Answer::Value(x), Answer::Value(y)) => x == y,
        (Answer::Met(x), Answer::Met(y)) => x == y,
        _ => false,
    };
    same_answer && a.justification == b.justification
}

/// Checks a return file against the buyer's evaluation and sorts its scores into new,
/// unchanged and conflicting. Refused whole, nothing planned, when the file belongs to another
/// tender or evaluator, was made on another basis, scores a leaf the evaluator does not score
/// by hand or an unknown offer, or no longer matches its check sum.
pub fn plan_merge(evaluation: &Evaluation, file: &EvaluatorReturn) -> Result<MergePlan, Invalid> {
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
    if file.scores_sha256 != scores_sha256(&file.scores)
        || file.declarations_sha256 != declarations_sha256(&file.declarations)
    {
        return Err(refused(
            "scores_sha256",
            ProblemCode::ScoresAltered,
            Params::new(),
        ));
    }
    let by_hand: HashSet<&str> = evaluation
        .leaves()
        .into_iter()
        .filter(|c| is_scored_by_hand(c))
        .map(|c| c.id.as_str())
        .collect();
    let offers: HashSet<&str> = evaluation.offers.iter().map(|o| o.id.as_str()).collect();
    let held: HashMap<(&str, &str), &Score> = evaluation
        .scores
        .iter()
        .filter(|s| s.evaluator == file.evaluator)
        .map(|s| ((s.offer.as_str(), s.criterion.as_str()), s))
        .collect();
    // Every score and declaration of the file is its evaluator's, on an offer of the tender.
    let check_item = |path: &str, evaluator: &str, offer: &str| -> Result<(), Invalid> {
        if evaluator != file.evaluator {
            return Err(refused(
                path,
                ProblemCode::WrongEvaluator,
                Params::new()
                    .with("found", evaluator)
                    .with("expected", file.evaluator.as_str()),
            ));
        }
        if !offers.contains(offer) {
            return Err(refused(
                path,
                ProblemCode::UnknownOffer,
                Params::new().with("id", offer),
            ));
        }
        Ok(())
    };
    let mut plan = MergePlan::default();
    let mut seen = HashSet::new();
    for (i, score) in file.scores.iter().enumerate() {
        let path = format!("scores[{i}]");
        check_item(&path, &score.evaluator, &score.offer)?;
        if !by_hand.contains(score.criterion.as_str()) {
            return Err(refused(
                &path,
                ProblemCode::NotScoredByHand,
                Params::new().with("id", score.criterion.as_str()),
            ));
        }
        if !seen.insert((score.offer.as_str(), score.criterion.as_str())) {
            return Err(refused(
                &path,
                ProblemCode::DuplicateScore,
                Params::new()
                    .with("offer", score.offer.as_str())
                    .with("criterion", score.criterion.as_str())
                    .with("evaluator", score.evaluator.as_str()),
            ));
        }
        match held.get(&(score.offer.as_str(), score.criterion.as_str())) {
            None => plan.new.push(score.clone()),
            Some(ours) if same_score(ours, score) => plan.unchanged += 1,
            Some(ours) => plan.conflicts.push(MergeConflict {
                ours: (*ours).clone(),
                theirs: score.clone(),
            }),
        }
    }
    let mut declared: HashMap<&str, usize> = HashMap::new();
    for (i, declaration) in file.declarations.iter().enumerate() {
        let path = format!("declarations[{i}]");
        check_item(&path, &declaration.evaluator, &declaration.offer)?;
        if let Some(first) = declared.insert(declaration.offer.as_str(), i) {
            return Err(refused(
                &path,
                ProblemCode::DuplicateDeclaration,
                Params::new()
                    .with("evaluator", declaration.evaluator.as_str())
                    .with("offer", declaration.offer.as_str())
                    .with("first", format!("declarations[{first}]")),
            ));
        }
        if evaluation.declaration(&declaration.evaluator, &declaration.offer) != Some(declaration) {
            plan.declarations.push(declaration.clone());
        }
    }
    Ok(plan)
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
