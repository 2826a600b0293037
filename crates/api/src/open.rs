//! The store as hosts hold it: the database, and the validated state of each evaluation being
//! edited, kept in memory between edits.
//!
//! An edit of a 30-offer × 400-criterion evaluation used to read its 108,000 scores back from
//! SQLite, validate them all and write its 20 MB canonical text again, three times over. Here the
//! evaluation is read once, when first edited; each edit is then checked against it
//! ([`Change::check`] looks only at what the change touches), applied to it, written to the rows
//! with its journal entry in one transaction, hashed from the canonical text kept in pieces
//! (one score re-written per edit), and evaluated on a second thread while the hash and the
//! transaction run, from the engine's rows kept per offer (one offer's row redone per edit).
//!
//! The copy in memory always equals the stored evaluation: every other write (import,
//! replacement, deletion) drops it; a failed transaction drops it too (it is read again on the
//! next edit); and each edit names the journal head the copy follows, so that a write by another
//! program (the command line on the same file) is noticed in the transaction, which then starts
//! again from the stored data.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use jauge_domain::package::EvaluatorWorkspace;
use jauge_domain::{
    Applied, CanonicalPieces, Change, Evaluation, OfferRows, Results, validate_evaluation,
};
use jauge_store::{Db, Edit, SourceFile, StoreWarning};

use crate::{Error, Result, bundled_catalogs};

/// The open store: the database and the evaluations being edited. Open it once per process
/// (hosts keep it behind their mutex) and pass it to the functions of this crate.
pub struct Store {
    db: Db,
    open: HashMap<String, OpenEvaluation>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("db", &self.db)
            .field("open", &self.open.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// An evaluation kept between edits: equal to the stored one, valid, with its canonical text
/// in pieces and the journal head hash it follows.
struct OpenEvaluation {
    evaluation: Evaluation,
    canonical: CanonicalPieces,
    /// The engine's per-offer part of the results: an edit of one cell redoes one offer's row.
    rows: OfferRows,
    head: String,
    /// The package facts when this is an evaluator's workspace: what edits it allows.
    workspace: Option<EvaluatorWorkspace>,
}

/// How one attempt at an edit ended.
enum Attempt {
    Saved(Results),
    /// Another program wrote since the copy in memory was read: read it again and retry.
    Stale,
}

impl Store {
    /// Opens (creating and migrating if needed) the database file at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
        }
        Ok(Store::from_db(Db::open(path)?))
    }

    /// A store in memory only, gone when dropped: for tests and generated fixtures.
    pub fn open_in_memory() -> Result<Store> {
        Ok(Store::from_db(Db::open_in_memory()?))
    }

    /// A store over an open database, with nothing in memory yet.
    pub(crate) fn from_db(db: Db) -> Store {
        Store {
            db,
            open: HashMap::new(),
        }
    }

    /// The database, for reading.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// What the host should tell the user about the database (e.g. a folder that refused WAL
    /// mode); opening went on regardless.
    pub fn warnings(&self) -> &[StoreWarning] {
        self.db.warnings()
    }

    /// The copy of the evaluation `reference` kept in memory, if it is being edited.
    pub fn evaluation_in_memory(&self, reference: &str) -> Option<&Evaluation> {
        self.open.get(reference).map(|open| &open.evaluation)
    }

    /// The evaluation `reference` as stored: the copy kept in memory when it is being edited
    /// (borrowed, nothing read), else read from the database.
    pub fn current_evaluation(&self, reference: &str) -> Result<std::borrow::Cow<'_, Evaluation>> {
        Ok(match self.open.get(reference) {
            Some(open) => std::borrow::Cow::Borrowed(&open.evaluation),
            None => std::borrow::Cow::Owned(self.db.load_evaluation(reference)?),
        })
    }

    /// The database, for a write that does not go through [`Store::edit`]: the copy of
    /// `reference` in memory is dropped first, whatever the write's outcome.
    pub(crate) fn write_through(&mut self, reference: &str) -> &mut Db {
        self.open.remove(reference);
        &mut self.db
    }

    /// Applies one edit and returns the new results; see the module documentation.
    pub(crate) fn edit(
        &mut self,
        reference: &str,
        change: &Change,
        at: DateTime<Utc>,
        actor: &str,
    ) -> Result<Results> {
        self.edit_from(reference, change, None, at, actor)
    }

    /// [`Store::edit`] of a change read from a file (`source`: its name and SHA-256, journaled
    /// with the change).
    pub(crate) fn edit_from(
        &mut self,
        reference: &str,
        change: &Change,
        source: Option<&SourceFile>,
        at: DateTime<Utc>,
        actor: &str,
    ) -> Result<Results> {
        match self.try_edit(reference, change, source, at, actor)? {
            Attempt::Saved(results) => Ok(results),
            // The copy was dropped; the second attempt reads the stored data, which stays
            // ours for the transaction's length.
            Attempt::Stale => match self.try_edit(reference, change, source, at, actor)? {
                Attempt::Saved(results) => Ok(results),
                Attempt::Stale => Err(Error::Conflict(format!(
                    "{reference} is being changed by another program; try again"
                ))),
            },
        }
    }

    fn try_edit(
        &mut self,
        reference: &str,
        change: &Change,
        source: Option<&SourceFile>,
        at: DateTime<Utc>,
        actor: &str,
    ) -> Result<Attempt> {
        if !self.open.contains_key(reference) {
            let (evaluation, head) = self.db.load_evaluation_with_head(reference)?;
            let workspace = self.db.workspace(reference)?;
            if validate_evaluation(&evaluation).is_err() {
                // Stored under older rules, or edited outside Jauge: check the whole result, as
                // for a file, so that an edit that repairs it is accepted.
                if let Some(workspace) = &workspace {
                    workspace.allows(change)?;
                }
                lot_allows(&self.db, reference, &evaluation, change)?;
                return self.edit_in_full(
                    reference, evaluation, head, workspace, change, source, at, actor,
                );
            }
            self.open.insert(
                reference.to_owned(),
                OpenEvaluation::new(evaluation, head, workspace),
            );
        }
        let Some(open) = self.open.get_mut(reference) else {
            return Err(Error::Internal(format!("{reference} is not in memory")));
        };
        // A refusal leaves the copy untouched.
        if let Some(workspace) = &open.workspace {
            workspace.allows(change)?;
        }
        lot_allows(&self.db, reference, &open.evaluation, change)?;
        change.check(&open.evaluation)?;
        // A lot of a consultation is filed under a key of its own (`REF#lot`), which a renaming
        // does not move; an evaluation is filed under its reference.
        let filed_under_reference = open.evaluation.tender.reference == reference;
        // From here on the copy is ahead of the store until the transaction commits; on any
        // failure it is dropped, to be read again.
        match open.save(&mut self.db, reference, change, source, at, actor) {
            Ok(Attempt::Saved(results)) => {
                if filed_under_reference {
                    self.follow_rename(reference);
                }
                Ok(Attempt::Saved(results))
            }
            other => {
                self.open.remove(reference);
                other
            }
        }
    }

    /// The slow path for a stored evaluation that is not valid as it stands.
    #[allow(clippy::too_many_arguments)]
    fn edit_in_full(
        &mut self,
        reference: &str,
        mut evaluation: Evaluation,
        head: String,
        workspace: Option<EvaluatorWorkspace>,
        change: &Change,
        source: Option<&SourceFile>,
        at: DateTime<Utc>,
        actor: &str,
    ) -> Result<Attempt> {
        // A lot of a consultation stays under its key (`REF#lot`) whatever its reference.
        let filed_under_reference = evaluation.tender.reference == reference;
        change.apply_to(&mut evaluation)?;
        validate_evaluation(&evaluation)?;
        let mut open = OpenEvaluation::new(evaluation, head, workspace);
        let saved = open.write(&mut self.db, reference, change, None, source, at, actor)?;
        if let Attempt::Saved(_) = &saved {
            let key = if filed_under_reference {
                open.evaluation.tender.reference.clone()
            } else {
                reference.to_owned()
            };
            self.open.insert(key, open);
        }
        Ok(saved)
    }

    /// After [`Change::UpdateTender`] renamed the evaluation, files its copy under the new name.
    fn follow_rename(&mut self, old: &str) {
        let renamed = self
            .open
            .get(old)
            .is_some_and(|open| open.evaluation.tender.reference != old);
        if renamed && let Some(open) = self.open.remove(old) {
            self.open
                .insert(open.evaluation.tender.reference.clone(), open);
        }
    }
}

/// Refuses a change of a lot of a consultation that the consultation gives (its `tender`, an
/// offer's company, a new offer): those are edited on the consultation
/// ([`crate::edit_consultation`]), which writes them into every lot.
fn lot_allows(db: &Db, key: &str, evaluation: &Evaluation, change: &Change) -> Result<()> {
    if matches!(change, Change::UpdateTender(_) | Change::UpsertOffer(_))
        && db.consultation_of_lot(key)?.is_some()
    {
        jauge_domain::lots::check_lot_change(evaluation, change)?;
    }
    Ok(())
}

impl OpenEvaluation {
    fn new(
        evaluation: Evaluation,
        head: String,
        workspace: Option<EvaluatorWorkspace>,
    ) -> OpenEvaluation {
        OpenEvaluation {
            canonical: CanonicalPieces::new(&evaluation),
            // The rows of the deciding round's view (the evaluation itself without rounds).
            rows: OfferRows::new(&jauge_domain::rounds::deciding_view(&evaluation)),
            evaluation,
            head,
            workspace,
        }
    }

    /// Applies a checked change to the copy and its canonical pieces, then stores it.
    fn save(
        &mut self,
        db: &mut Db,
        reference: &str,
        change: &Change,
        source: Option<&SourceFile>,
        at: DateTime<Utc>,
        actor: &str,
    ) -> Result<Attempt> {
        let applied = change.apply_to(&mut self.evaluation)?;
        match applied {
            Applied::ScoreSet { index, .. } => {
                if let Some(score) = self.evaluation.scores.get(index) {
                    self.canonical.set_score(index, score);
                }
            }
            Applied::ScoreRemoved { index } => self.canonical.remove_score(index),
            Applied::OutsideScores => self.canonical.rewrite_outside_scores(&self.evaluation),
            Applied::Everything => self.canonical = CanonicalPieces::new(&self.evaluation),
        }
        // Score and decision edits touch one cell, so one offer's row; anything else may touch
        // every row.
        let edited_offer = match (change, applied) {
            (
                Change::SetScore(_)
                | Change::RemoveScore { .. }
                | Change::SetConsensus(_)
                | Change::RemoveConsensus { .. },
                Applied::ScoreSet { .. } | Applied::ScoreRemoved { .. } | Applied::OutsideScores,
            ) => change.cell().map(|(offer, _)| offer.to_owned()),
            // A schedule edit changes one offer's prices: its row alone is redone (the
            // formulas that compare prices between offers run on the rows afterwards).
            (
                Change::SetLinePrice { offer, .. }
                | Change::ClearLinePrice { offer, .. }
                | Change::SetSubmittedTotal { offer, .. }
                | Change::SetScheduleOffer(jauge_domain::ScheduleOffer { offer, .. })
                | Change::AcceptCorrection(jauge_domain::PriceCorrection { offer, .. })
                | Change::WithdrawCorrection { offer, .. },
                _,
            ) => Some(offer.clone()),
            _ => None,
        };
        self.write(
            db,
            reference,
            change,
            edited_offer.as_deref(),
            source,
            at,
            actor,
        )
    }

    /// Writes the change and its journal entry (hashing the copy) while the copy is evaluated
    /// on a second thread: the hash of a large evaluation's text takes longer than the engine
    /// on one offer's row. `edited_offer` names the one row the change can have touched; with
    /// none, every row is recomputed.
    #[allow(clippy::too_many_arguments)]
    fn write(
        &mut self,
        db: &mut Db,
        reference: &str,
        change: &Change,
        edited_offer: Option<&str>,
        source: Option<&SourceFile>,
        at: DateTime<Utc>,
        actor: &str,
    ) -> Result<Attempt> {
        let catalogs = bundled_catalogs()?;
        let (evaluation, canonical, follows, rows) = (
            &self.evaluation,
            &self.canonical,
            &self.head,
            &mut self.rows,
        );
        let (stored, results) = std::thread::scope(|scope| {
            let results = scope.spawn(|| {
                // The rows are the deciding round's: with rounds, the latest round's view
                // (offers set aside earlier are not in it, a score edit touches one offer's
                // row of it as of the evaluation); without, the evaluation itself, borrowed.
                let view = jauge_domain::rounds::deciding_view(evaluation);
                match edited_offer {
                    Some(offer) => rows.recompute_offer(&view, offer),
                    None => *rows = OfferRows::new(&view),
                }
                rows.results(&view, catalogs)
            });
            let state_hash = canonical.sha256();
            let stored = db.apply_edit(
                reference,
                &Edit {
                    change,
                    follows,
                    state_hash: &state_hash,
                    at,
                    actor,
                    source,
                },
            );
            (stored, results.join())
        });
        let results =
            results.map_err(|_| Error::Internal("the evaluation of the edit panicked".into()))?;
        match stored {
            Ok(head) => {
                self.head = head;
                Ok(Attempt::Saved(results))
            }
            Err(jauge_store::Error::Stale { .. }) => Ok(Attempt::Stale),
            Err(other) => Err(other.into()),
        }
    }
}
