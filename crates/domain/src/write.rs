//! Writing an evaluation back to its JSON form.
//!
//! The output is canonical: keys in the order of the spec's tables, optional keys only when the
//! model holds them, whole numbers without a decimal point. Two equal evaluations therefore give
//! the same bytes, which is what [`canonical_hash`] relies on (the report prints it and the store's
//! journal chains it). The text is written straight into a buffer rather than through a
//! `serde_json::Value`: a 30-offer × 400-criterion file is 20 MB, and building then dropping a
//! tree of maps for it cost more than the rest of the report's text.

use serde_json::Value;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};
use sha2::{Digest, Sha256};

use crate::model::*;
use crate::prices::{CorrectionRoute, PriceSchedule};
use crate::rounds::{Exchange, Negotiation, Round};

/// A JSON number for `value`, written as an integer when it is one (so `1000000`, not
/// `1000000.0`), which keeps exported files as their authors wrote them.
pub fn number(value: f64) -> Value {
    const EXACT_INTEGER_LIMIT: f64 = 9_007_199_254_740_992.0; // 2^53
    if value.fract() == 0.0 && value.abs() < EXACT_INTEGER_LIMIT {
        // The guard above makes the cast exact.
        #[allow(clippy::cast_possible_truncation)]
        Value::from(value as i64)
    } else {
        serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number)
    }
}

/// The evaluation as compact canonical JSON text: the bytes [`canonical_hash`] digests.
pub fn evaluation_to_canonical_string(evaluation: &Evaluation) -> String {
    let mut out = JsonText::new(CompactFormatter);
    write_evaluation(&mut out, evaluation);
    out.finish()
}

/// The evaluation as pretty-printed JSON text (two-space indent), ending with a newline.
pub fn evaluation_to_string(evaluation: &Evaluation) -> String {
    let mut out = JsonText::new(PrettyFormatter::new());
    write_evaluation(&mut out, evaluation);
    let mut text = out.finish();
    text.push('\n');
    text
}

/// The evaluation as a JSON value (spec §1–§7), keys in canonical order.
pub fn evaluation_to_json(evaluation: &Evaluation) -> Value {
    // The canonical text is valid JSON by construction; Null is unreachable.
    serde_json::from_str(&evaluation_to_canonical_string(evaluation)).unwrap_or(Value::Null)
}

/// The SHA-256 (hex) of the canonical compact JSON form: the evaluation's fingerprint, printed in
/// reports and chained by the store's journal.
pub fn canonical_hash(evaluation: &Evaluation) -> String {
    sha256_hex(evaluation_to_canonical_string(evaluation).as_bytes())
}

/// A list of scores as the evaluation file spells its `scores` (compact canonical JSON): what
/// the store's journal lists, without writing a whole evaluation to cut one list out of it.
pub fn scores_to_canonical_string(scores: &[Score]) -> String {
    let mut out = JsonText::new(CompactFormatter);
    out.array(scores, write_score);
    out.finish()
}

/// A list of declarations as the evaluation file spells its `declarations` (compact canonical
/// JSON).
pub fn declarations_to_canonical_string(declarations: &[Declaration]) -> String {
    let mut out = JsonText::new(CompactFormatter);
    out.array(declarations, write_declaration);
    out.finish()
}

/// The SHA-256 (hex) of `bytes`, for callers that already hold the canonical text.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The canonical text of an evaluation kept in pieces: the text before the first score, one
/// piece per score, and the text after the last. An edited score re-writes one piece and the
/// hash is taken over the pieces, so an edit costs one score's text instead of the 20 MB of a
/// 30-offer × 400-criterion evaluation. Joined, the pieces are byte for byte
/// [`evaluation_to_canonical_string`]: the hash is the same [`canonical_hash`].
#[derive(Debug, Clone, PartialEq)]
pub struct CanonicalPieces {
    /// Up to and including `"scores":[`.
    head: String,
    /// Each score's object, without the commas between them.
    scores: Vec<String>,
    /// From the `]` that closes the scores to the end.
    tail: String,
}

impl CanonicalPieces {
    /// Cuts the canonical text of `evaluation` into pieces.
    pub fn new(evaluation: &Evaluation) -> CanonicalPieces {
        let (head, tail) = frame_texts(evaluation);
        CanonicalPieces {
            head,
            scores: evaluation.scores.iter().map(score_text).collect(),
            tail,
        }
    }

    /// Re-writes the piece of the score at `index` of `scores`, or adds it when `index` is the
    /// number of pieces (a score added last).
    pub fn set_score(&mut self, index: usize, score: &Score) {
        let text = score_text(score);
        match self.scores.get_mut(index) {
            Some(slot) => *slot = text,
            None => self.scores.push(text),
        }
    }

    /// Drops the piece of the score that was at `index`.
    pub fn remove_score(&mut self, index: usize) {
        if index < self.scores.len() {
            self.scores.remove(index);
        }
    }

    /// Re-writes everything but the scores, after a change of the tender, settings, criteria,
    /// offers, evaluators or consensus.
    pub fn rewrite_outside_scores(&mut self, evaluation: &Evaluation) {
        (self.head, self.tail) = frame_texts(evaluation);
    }

    /// The SHA-256 (hex) of the joined text: [`canonical_hash`] of the evaluation.
    pub fn sha256(&self) -> String {
        let mut hasher = Sha256::new();
        hasher.update(self.head.as_bytes());
        for (index, score) in self.scores.iter().enumerate() {
            if index > 0 {
                hasher.update(b",");
            }
            hasher.update(score.as_bytes());
        }
        hasher.update(self.tail.as_bytes());
        hex::encode(hasher.finalize())
    }

    /// The joined text: [`evaluation_to_canonical_string`] of the evaluation.
    pub fn text(&self) -> String {
        let mut text = self.head.clone();
        text.push_str(&self.scores.join(","));
        text.push_str(&self.tail);
        text
    }
}

/// [`canonical_hash`] of an evaluation whose scores are given one at a time, in order, after
/// the rest of it (`frame`, its own scores ignored): a store hashes 400,000 stored scores
/// without holding them all, nor the 90 MB of their text.
pub struct CanonicalHasher {
    hasher: Sha256,
    tail: String,
    first: bool,
}

impl CanonicalHasher {
    pub fn new(frame: &Evaluation) -> CanonicalHasher {
        let (head, tail) = frame_texts(frame);
        let mut hasher = Sha256::new();
        hasher.update(head.as_bytes());
        CanonicalHasher {
            hasher,
            tail,
            first: true,
        }
    }

    /// The next score of the evaluation.
    pub fn score(&mut self, score: &Score) {
        if !self.first {
            self.hasher.update(b",");
        }
        self.first = false;
        let mut out = JsonText::with_capacity(CompactFormatter, 160);
        write_score(&mut out, score);
        self.hasher.update(out.finish().as_bytes());
    }

    /// The SHA-256 (hex) of the whole: [`canonical_hash`] of the evaluation.
    pub fn finish(mut self) -> String {
        self.hasher.update(self.tail.as_bytes());
        hex::encode(self.hasher.finalize())
    }
}

/// The canonical text before and after the scores' objects.
fn frame_texts(evaluation: &Evaluation) -> (String, String) {
    let mut out = JsonText::new(CompactFormatter);
    let mut cut = 0;
    write_evaluation_with(&mut out, evaluation, |out| {
        let _ = out.formatter.begin_array(&mut out.bytes);
        cut = out.bytes.len();
        let _ = out.formatter.end_array(&mut out.bytes);
    });
    let mut head = out.finish();
    let tail = head.split_off(cut.min(head.len()));
    (head, tail)
}

/// One score's canonical object.
fn score_text(score: &Score) -> String {
    // Pieces are kept by the hundred thousand: each gets the room of a typical score, not the
    // writer's usual 4 KiB.
    let mut out = JsonText::with_capacity(CompactFormatter, 160);
    write_score(&mut out, score);
    let mut text = out.finish();
    text.shrink_to_fit();
    text
}

/// JSON text written through one of serde_json's formatters, so that spacing, string escapes
/// and number spelling are exactly serde_json's (earlier files and hashes were made with it).
struct JsonText<F> {
    bytes: Vec<u8>,
    formatter: F,
    /// One entry per open object or array: whether it has a member yet.
    open: Vec<bool>,
}

// Writing into a Vec<u8> cannot fail, so the io::Result of each formatter call is dropped.
impl<F: Formatter> JsonText<F> {
    fn new(formatter: F) -> Self {
        Self::with_capacity(formatter, 4096)
    }

    fn with_capacity(formatter: F, capacity: usize) -> Self {
        JsonText {
            bytes: Vec::with_capacity(capacity),
            formatter,
            open: Vec::new(),
        }
    }

    fn finish(self) -> String {
        // Every byte came from a &str or from the formatter's ASCII.
        String::from_utf8(self.bytes).unwrap_or_default()
    }

    fn object(&mut self, body: impl FnOnce(&mut Self)) {
        let _ = self.formatter.begin_object(&mut self.bytes);
        self.open.push(false);
        body(self);
        self.open.pop();
        let _ = self.formatter.end_object(&mut self.bytes);
    }

    fn array<T>(&mut self, items: &[T], mut item: impl FnMut(&mut Self, &T)) {
        let _ = self.formatter.begin_array(&mut self.bytes);
        for (index, value) in items.iter().enumerate() {
            let _ = self
                .formatter
                .begin_array_value(&mut self.bytes, index == 0);
            item(self, value);
            let _ = self.formatter.end_array_value(&mut self.bytes);
        }
        let _ = self.formatter.end_array(&mut self.bytes);
    }

    /// Writes `"key":` (with the separator before it) and leaves the value to the caller.
    fn key(&mut self, key: &str) {
        let first = match self.open.last_mut() {
            Some(has_member) => !std::mem::replace(has_member, true),
            None => true,
        };
        let _ = self.formatter.begin_object_key(&mut self.bytes, first);
        self.string(key);
        let _ = self.formatter.end_object_key(&mut self.bytes);
        let _ = self.formatter.begin_object_value(&mut self.bytes);
    }

    fn string(&mut self, value: &str) {
        // String escapes are the same for every formatter, so the compact writer serves both.
        let _ = serde_json::to_writer(&mut self.bytes, value);
    }

    fn str(&mut self, key: &str, value: &str) {
        self.key(key);
        self.string(value);
        let _ = self.formatter.end_object_value(&mut self.bytes);
    }

    fn str_opt(&mut self, key: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.str(key, value);
        }
    }

    fn num(&mut self, key: &str, value: f64) {
        self.key(key);
        self.number(value);
        let _ = self.formatter.end_object_value(&mut self.bytes);
    }

    fn number(&mut self, value: f64) {
        match number(value) {
            Value::Number(n) => {
                if let Some(i) = n.as_i64() {
                    let _ = self.formatter.write_i64(&mut self.bytes, i);
                } else if let Some(f) = n.as_f64() {
                    let _ = self.formatter.write_f64(&mut self.bytes, f);
                }
            }
            _ => {
                let _ = self.formatter.write_null(&mut self.bytes);
            }
        }
    }

    fn num_opt(&mut self, key: &str, value: Option<f64>) {
        if let Some(value) = value {
            self.num(key, value);
        }
    }

    fn bool(&mut self, key: &str, value: bool) {
        self.key(key);
        let _ = self.formatter.write_bool(&mut self.bytes, value);
        let _ = self.formatter.end_object_value(&mut self.bytes);
    }

    fn date_opt(&mut self, key: &str, day: Option<chrono::NaiveDate>) {
        if let Some(day) = day {
            self.str(key, &day.format("%Y-%m-%d").to_string());
        }
    }

    /// Writes `"key":` then the object or array `body` writes.
    fn nested(&mut self, key: &str, body: impl FnOnce(&mut Self)) {
        self.key(key);
        body(self);
        let _ = self.formatter.end_object_value(&mut self.bytes);
    }
}

fn write_evaluation<F: Formatter>(out: &mut JsonText<F>, evaluation: &Evaluation) {
    write_evaluation_with(out, evaluation, |out| {
        out.array(&evaluation.scores, write_score)
    });
}

/// Writes the evaluation, leaving the list of scores (the array and its brackets) to `scores`.
fn write_evaluation_with<F: Formatter>(
    out: &mut JsonText<F>,
    evaluation: &Evaluation,
    scores: impl FnOnce(&mut JsonText<F>),
) {
    out.object(|out| {
        out.str("format", EVALUATION_FORMAT);
        out.nested("tender", |out| write_tender(out, &evaluation.tender));
        if evaluation.settings != Settings::default() {
            out.nested("settings", |out| write_settings(out, &evaluation.settings));
        }
        out.nested("criteria", |out| {
            out.array(&evaluation.criteria, write_criterion);
        });
        out.nested("evaluators", |out| {
            out.array(&evaluation.evaluators, |out, e| {
                out.object(|out| {
                    out.str("id", &e.id);
                    out.str("name", &e.name);
                    out.str_opt("role", e.role.as_deref());
                });
            });
        });
        out.nested("offers", |out| out.array(&evaluation.offers, write_offer));
        out.nested("scores", scores);
        out.nested("consensus", |out| {
            out.array(&evaluation.consensus, write_consensus);
        });
        if !evaluation.declarations.is_empty() {
            out.nested("declarations", |out| {
                out.array(&evaluation.declarations, write_declaration);
            });
        }
        out.str_opt("prices_opened_at", evaluation.prices_opened_at.as_deref());
        if let Some(schedule) = &evaluation.price_schedule {
            out.nested("price_schedule", |out| write_price_schedule(out, schedule));
        }
        if let Some(negotiation) = &evaluation.negotiation {
            out.nested("negotiation", |out| write_negotiation(out, negotiation));
        }
        if !evaluation.exchanges.is_empty() {
            out.nested("exchanges", |out| {
                out.array(&evaluation.exchanges, write_exchange);
            });
        }
    });
}

fn write_consensus<F: Formatter>(out: &mut JsonText<F>, c: &Consensus) {
    out.object(|out| {
        out.str("offer", &c.offer);
        out.str("criterion", &c.criterion);
        write_answer(out, c.answer);
        out.str("justification", &c.justification);
    });
}

fn write_negotiation<F: Formatter>(out: &mut JsonText<F>, negotiation: &Negotiation) {
    out.object(|out| {
        if let Some(announced) = negotiation.reduction_announced {
            out.bool("reduction_announced", announced);
        }
        if let Some(reserved) = negotiation.initial_award_reserved {
            out.bool("initial_award_reserved", reserved);
        }
        out.nested("rounds", |out| {
            out.array(&negotiation.rounds, write_round);
        });
    });
}

fn write_round<F: Formatter>(out: &mut JsonText<F>, round: &Round) {
    out.object(|out| {
        out.str("id", &round.id);
        out.str("label", &round.label);
        out.str("kind", round.kind.as_str());
        out.date_opt("invited", round.invited);
        out.date_opt("deadline", round.deadline);
        if !round.offers.is_empty() {
            out.nested("offers", |out| {
                out.array(&round.offers, |out, version| {
                    out.object(|out| {
                        out.str("offer", &version.offer);
                        out.num_opt("price", version.price);
                        if let Some(list) = &version.certifications {
                            out.nested("certifications", |out| {
                                out.array(list, write_certification);
                            });
                        }
                    });
                });
            });
        }
        if !round.scores.is_empty() {
            out.nested("scores", |out| out.array(&round.scores, write_score));
        }
        if !round.consensus.is_empty() {
            out.nested("consensus", |out| {
                out.array(&round.consensus, write_consensus);
            });
        }
        if !round.eliminated.is_empty() {
            out.nested("eliminated", |out| {
                out.array(&round.eliminated, |out, e| {
                    out.object(|out| {
                        out.str("offer", &e.offer);
                        out.str("reason", &e.reason);
                    });
                });
            });
        }
    });
}

fn write_exchange<F: Formatter>(out: &mut JsonText<F>, x: &Exchange) {
    out.object(|out| {
        out.str("id", &x.id);
        out.str("offer", &x.offer);
        out.str("kind", x.kind.as_str());
        out.str_opt("round", x.round.as_deref());
        out.str("question", &x.question);
        if !x.criteria.is_empty() {
            out.nested("criteria", |out| {
                out.array(&x.criteria, |out, id| out.string(id));
            });
        }
        out.date_opt("sent", Some(x.sent));
        out.date_opt("deadline", x.deadline);
        out.date_opt("received", x.received);
        out.str_opt("answer", x.answer.as_deref());
        out.str_opt("file_sha256", x.file_sha256.as_deref());
        if !x.cited_by.is_empty() {
            out.nested("cited_by", |out| {
                out.array(&x.cited_by, |out, c| {
                    out.object(|out| {
                        out.str("criterion", &c.criterion);
                        out.str_opt("evaluator", c.evaluator.as_deref());
                    });
                });
            });
        }
    });
}

fn write_price_schedule<F: Formatter>(out: &mut JsonText<F>, schedule: &PriceSchedule) {
    out.object(|out| {
        out.nested("lines", |out| {
            out.array(&schedule.lines, |out, line| {
                out.object(|out| {
                    out.str("id", &line.id);
                    out.str("label", &line.label);
                    out.str("unit", &line.unit);
                    out.num("quantity", line.quantity);
                    out.str_opt("group", line.group.as_deref());
                    out.str_opt("criterion", line.criterion.as_deref());
                });
            });
        });
        out.str_opt("abnormally_low_on", schedule.abnormally_low_on.as_deref());
        if !schedule.offers.is_empty() {
            out.nested("offers", |out| {
                out.array(&schedule.offers, |out, returned| {
                    out.object(|out| {
                        out.str("offer", &returned.offer);
                        out.nested("prices", |out| {
                            out.array(&returned.prices, |out, price| {
                                out.object(|out| {
                                    out.str("line", &price.line);
                                    out.num("unit_price", price.unit_price);
                                    out.num_opt("submitted_total", price.submitted_total);
                                });
                            });
                        });
                        out.num_opt("submitted_total", returned.submitted_total);
                    });
                });
            });
        }
        if !schedule.corrections.is_empty() {
            out.nested("corrections", |out| {
                out.array(&schedule.corrections, |out, correction| {
                    out.object(|out| {
                        out.str("offer", &correction.offer);
                        out.str_opt("line", correction.line.as_deref());
                        out.str("note", &correction.note);
                        out.str("at", &correction.at);
                        out.str_opt("route", correction.route.map(CorrectionRoute::name));
                    });
                });
            });
        }
    });
}

fn write_declaration<F: Formatter>(out: &mut JsonText<F>, d: &Declaration) {
    out.object(|out| {
        out.str("evaluator", &d.evaluator);
        out.str("offer", &d.offer);
        out.bool("conflict", d.conflict);
        out.str("at", &d.at);
        out.str_opt("note", d.note.as_deref());
    });
}

fn write_tender<F: Formatter>(out: &mut JsonText<F>, t: &Tender) {
    out.object(|out| {
        out.str("reference", &t.reference);
        out.str("title", &t.title);
        out.str("buyer", &t.buyer);
        out.str_opt("lot", t.lot.as_deref());
        out.str_opt("procedure", t.procedure.map(Procedure::as_str));
        out.date_opt("launch_date", t.launch_date);
        out.date_opt("deadline", Some(t.deadline));
        out.str_opt("currency", t.currency.as_deref());
    });
}

fn write_settings<F: Formatter>(out: &mut JsonText<F>, settings: &Settings) {
    out.object(|out| {
        out.str_opt(
            "consolidation",
            settings.consolidation.map(Consolidation::as_str),
        );
        out.num_opt("divergence_threshold", settings.divergence_threshold);
        if let Some(method) = settings.abnormally_low {
            out.nested("abnormally_low", |out| {
                out.object(|out| {
                    out.str("method", method.name());
                    if let AbnormallyLowMethod::PercentBelowMean { percent } = method {
                        out.num_opt("percent", percent);
                    }
                });
            });
        }
        if let Some(sealed) = settings.sealed_prices {
            out.bool("sealed_prices", sealed);
        }
        if let Some(required) = settings.declarations_required {
            out.bool("declarations_required", required);
        }
        if let Some(required) = settings.signed_returns_required {
            out.bool("signed_returns_required", required);
        }
    });
}

fn write_criterion<F: Formatter>(out: &mut JsonText<F>, node: &Criterion) {
    out.object(|out| {
        out.str("id", &node.id);
        out.str("title", &node.title);
        out.num("weight", node.weight);
        match &node.body {
            CriterionBody::Group { children } => {
                out.nested("children", |out| out.array(children, write_criterion));
            }
            CriterionBody::Scored { .. } => out.str("kind", "scored"),
            CriterionBody::Price { .. } => out.str("kind", "price"),
            CriterionBody::Requirement { .. } => out.str("kind", "requirement"),
        }
        if let Some(environmental) = node.environmental {
            out.bool("environmental", environmental);
        }
        if let Some(refs) = &node.refs {
            out.nested("refs", |out| out.array(refs, |out, r| out.string(r)));
        }
        match &node.body {
            CriterionBody::Group { .. } => {}
            CriterionBody::Scored {
                scale,
                levels,
                threshold,
            } => {
                out.nested("scale", |out| {
                    out.object(|out| {
                        out.num("min", scale.min);
                        out.num("max", scale.max);
                        out.num_opt("step", scale.step);
                    });
                });
                if let Some(levels) = levels {
                    out.nested("levels", |out| {
                        out.array(levels, |out, l| {
                            out.object(|out| {
                                out.num("value", l.value);
                                out.str("label", &l.label);
                            });
                        });
                    });
                }
                out.num_opt("threshold", *threshold);
            }
            CriterionBody::Price { formula } => {
                out.nested("formula", |out| {
                    out.object(|out| {
                        out.str("name", formula.name());
                        if let PriceFormula::NTimes { n } = formula {
                            out.num("n", *n);
                        }
                    });
                });
            }
            CriterionBody::Requirement { auto } => {
                if let Some(auto) = auto {
                    out.nested("auto", |out| {
                        out.object(|out| {
                            out.str("scheme", &auto.scheme);
                            out.num_opt("min_level", auto.min_level);
                            if let Some(status) = &auto.status {
                                out.nested("status", |out| {
                                    out.array(status, |out, s| out.string(s.as_str()));
                                });
                            }
                        });
                    });
                }
            }
        }
    });
}

fn write_offer<F: Formatter>(out: &mut JsonText<F>, offer: &Offer) {
    out.object(|out| {
        out.str("id", &offer.id);
        out.str("bidder", &offer.bidder);
        out.str_opt("name", offer.name.as_deref());
        out.num_opt("price", offer.price);
        if let Some(reason) = &offer.irregular {
            out.nested("irregular", |out| {
                out.object(|out| out.str("reason", reason))
            });
        }
        if let Some(list) = &offer.certifications {
            out.nested("certifications", |out| {
                out.array(list, write_certification);
            });
        }
    });
}

fn write_certification<F: Formatter>(out: &mut JsonText<F>, c: &Certification) {
    out.object(|out| {
        out.str("scheme", &c.scheme);
        out.num_opt("level", c.level);
        out.str("status", c.status.as_str());
        out.date_opt("valid_from", c.valid_from);
        out.date_opt("valid_until", c.valid_until);
        out.str_opt("reference", c.reference.as_deref());
    });
}

fn write_answer<F: Formatter>(out: &mut JsonText<F>, answer: Answer) {
    match answer {
        Answer::Value(v) => out.num("value", v),
        Answer::Met(m) => out.bool("met", m),
    }
}

fn write_score<F: Formatter>(out: &mut JsonText<F>, score: &Score) {
    out.object(|out| {
        out.str("offer", &score.offer);
        out.str("criterion", &score.criterion);
        out.str("evaluator", &score.evaluator);
        write_answer(out, score.answer);
        out.str_opt("justification", score.justification.as_deref());
        out.str_opt("at", score.at.as_deref());
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synthetic::synthetic_evaluation;

    #[test]
    fn the_pieces_join_into_the_canonical_text_through_edits() {
        let mut evaluation = synthetic_evaluation(3, 5, 2);
        let mut pieces = CanonicalPieces::new(&evaluation);
        let same = |pieces: &CanonicalPieces, evaluation: &Evaluation| {
            assert_eq!(pieces.text(), evaluation_to_canonical_string(evaluation));
            assert_eq!(pieces.sha256(), canonical_hash(evaluation));
        };
        same(&pieces, &evaluation);
        evaluation.scores[3].answer = Answer::Value(1.5);
        evaluation.scores[3].justification = Some("« revue » après audition".into());
        pieces.set_score(3, &evaluation.scores[3]);
        same(&pieces, &evaluation);
        let added = evaluation.scores[0].clone();
        evaluation.scores.remove(0);
        pieces.remove_score(0);
        same(&pieces, &evaluation);
        evaluation.scores.push(added);
        pieces.set_score(
            evaluation.scores.len() - 1,
            &evaluation.scores[evaluation.scores.len() - 1],
        );
        same(&pieces, &evaluation);
        evaluation.tender.title = "Autre titre".into();
        evaluation.consensus.clear();
        pieces.rewrite_outside_scores(&evaluation);
        same(&pieces, &evaluation);
        evaluation.scores.clear();
        let pieces = CanonicalPieces::new(&evaluation);
        same(&pieces, &evaluation);
    }
}
