//! What the benchmarks share: the edits a grid makes.

use jauge_api::domain::{Answer, CriterionBody, Evaluation};
use jauge_api::store::Change;

/// Edits of existing scores spread over the grid, each moving a value to the other end of its
/// scale or flipping a requirement, so that every edit really changes the state.
pub fn score_edits(evaluation: &Evaluation, count: usize) -> Vec<Change> {
    let mut scores = evaluation.scores.clone();
    let stride = (scores.len() / count.max(1)).max(1) | 1;
    (0..count)
        .map(|i| {
            let index = (i * stride) % scores.len();
            let score = &mut scores[index];
            let body = evaluation.criterion(&score.criterion).map(|c| &c.body);
            score.answer = match (score.answer, body) {
                (Answer::Value(v), Some(CriterionBody::Scored { scale, .. })) => {
                    Answer::Value(if v == scale.min { scale.max } else { scale.min })
                }
                (Answer::Met(met), _) => Answer::Met(!met),
                (other, _) => other,
            };
            Change::SetScore(score.clone())
        })
        .collect()
}
