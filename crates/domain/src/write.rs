//! Writing an evaluation back to its JSON form.
//!
//! The output is canonical: keys in the order of the spec's tables, optional keys only when the
//! model holds them, whole numbers without a decimal point. Two equal evaluations therefore give
//! the same bytes, which is what [`canonical_hash`] relies on (the report prints it and the store's
//! journal chains it).

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::model::*;

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

struct Obj(Map<String, Value>);

impl Obj {
    fn new() -> Self {
        Obj(Map::new())
    }
    fn put(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.0.insert(key.to_owned(), value.into());
        self
    }
    fn put_opt<T: Into<Value>>(self, key: &str, value: Option<T>) -> Self {
        match value {
            Some(v) => self.put(key, v),
            None => self,
        }
    }
    fn num(self, key: &str, value: f64) -> Self {
        self.put(key, number(value))
    }
    fn num_opt(self, key: &str, value: Option<f64>) -> Self {
        match value {
            Some(v) => self.num(key, v),
            None => self,
        }
    }
    fn done(self) -> Value {
        Value::Object(self.0)
    }
}

fn date(day: chrono::NaiveDate) -> Value {
    Value::from(day.format("%Y-%m-%d").to_string())
}

/// The evaluation as a JSON value (spec §1–§7).
pub fn evaluation_to_json(evaluation: &Evaluation) -> Value {
    let t = &evaluation.tender;
    let tender = Obj::new()
        .put("reference", t.reference.as_str())
        .put("title", t.title.as_str())
        .put("buyer", t.buyer.as_str())
        .put_opt("lot", t.lot.as_deref())
        .put_opt("procedure", t.procedure.map(Procedure::as_str))
        .put_opt("launch_date", t.launch_date.map(date))
        .put("deadline", date(t.deadline))
        .put_opt("currency", t.currency.as_deref())
        .done();
    let mut out = Obj::new()
        .put("format", EVALUATION_FORMAT)
        .put("tender", tender);
    if let Some(settings) = settings_to_json(&evaluation.settings) {
        out = out.put("settings", settings);
    }
    out.put(
        "criteria",
        evaluation
            .criteria
            .iter()
            .map(criterion_to_json)
            .collect::<Vec<_>>(),
    )
    .put(
        "evaluators",
        evaluation
            .evaluators
            .iter()
            .map(|e| {
                Obj::new()
                    .put("id", e.id.as_str())
                    .put("name", e.name.as_str())
                    .put_opt("role", e.role.as_deref())
                    .done()
            })
            .collect::<Vec<_>>(),
    )
    .put(
        "offers",
        evaluation
            .offers
            .iter()
            .map(offer_to_json)
            .collect::<Vec<_>>(),
    )
    .put(
        "scores",
        evaluation
            .scores
            .iter()
            .map(score_to_json)
            .collect::<Vec<_>>(),
    )
    .put(
        "consensus",
        evaluation
            .consensus
            .iter()
            .map(|c| {
                answer(
                    Obj::new()
                        .put("offer", c.offer.as_str())
                        .put("criterion", c.criterion.as_str()),
                    c.answer,
                )
                .put("justification", c.justification.as_str())
                .done()
            })
            .collect::<Vec<_>>(),
    )
    .done()
}

fn settings_to_json(settings: &Settings) -> Option<Value> {
    if *settings == Settings::default() {
        return None;
    }
    let abnormally_low = settings.abnormally_low.map(|method| {
        let obj = Obj::new().put("method", method.name());
        match method {
            AbnormallyLowMethod::PercentBelowMean { percent } => obj.num_opt("percent", percent),
            _ => obj,
        }
        .done()
    });
    Some(
        Obj::new()
            .put_opt(
                "consolidation",
                settings.consolidation.map(Consolidation::as_str),
            )
            .num_opt("divergence_threshold", settings.divergence_threshold)
            .put_opt("abnormally_low", abnormally_low)
            .done(),
    )
}

fn criterion_to_json(node: &Criterion) -> Value {
    let mut obj = Obj::new()
        .put("id", node.id.as_str())
        .put("title", node.title.as_str())
        .num("weight", node.weight);
    obj = match &node.body {
        CriterionBody::Group { children } => obj.put(
            "children",
            children.iter().map(criterion_to_json).collect::<Vec<_>>(),
        ),
        CriterionBody::Scored { .. } => obj.put("kind", "scored"),
        CriterionBody::Price { .. } => obj.put("kind", "price"),
        CriterionBody::Requirement { .. } => obj.put("kind", "requirement"),
    };
    obj = obj
        .put_opt("environmental", node.environmental)
        .put_opt("refs", node.refs.clone());
    match &node.body {
        CriterionBody::Group { .. } => {}
        CriterionBody::Scored {
            scale,
            levels,
            threshold,
        } => {
            let scale = Obj::new()
                .num("min", scale.min)
                .num("max", scale.max)
                .num_opt("step", scale.step)
                .done();
            obj = obj.put("scale", scale);
            if let Some(levels) = levels {
                obj = obj.put(
                    "levels",
                    levels
                        .iter()
                        .map(|l| {
                            Obj::new()
                                .num("value", l.value)
                                .put("label", l.label.as_str())
                                .done()
                        })
                        .collect::<Vec<_>>(),
                );
            }
            obj = obj.num_opt("threshold", *threshold);
        }
        CriterionBody::Price { formula } => {
            let f = Obj::new().put("name", formula.name());
            let f = match formula {
                PriceFormula::NTimes { n } => f.num("n", *n),
                _ => f,
            };
            obj = obj.put("formula", f.done());
        }
        CriterionBody::Requirement { auto } => {
            if let Some(auto) = auto {
                let a = Obj::new()
                    .put("scheme", auto.scheme.as_str())
                    .num_opt("min_level", auto.min_level)
                    .put_opt(
                        "status",
                        auto.status.as_ref().map(|s| {
                            s.iter()
                                .map(|s| Value::from(s.as_str()))
                                .collect::<Vec<_>>()
                        }),
                    )
                    .done();
                obj = obj.put("auto", a);
            }
        }
    }
    obj.done()
}

fn offer_to_json(offer: &Offer) -> Value {
    let certifications = offer.certifications.as_ref().map(|list| {
        list.iter()
            .map(|c| {
                Obj::new()
                    .put("scheme", c.scheme.as_str())
                    .num_opt("level", c.level)
                    .put("status", c.status.as_str())
                    .put_opt("valid_from", c.valid_from.map(date))
                    .put_opt("valid_until", c.valid_until.map(date))
                    .put_opt("reference", c.reference.as_deref())
                    .done()
            })
            .collect::<Vec<_>>()
    });
    Obj::new()
        .put("id", offer.id.as_str())
        .put("bidder", offer.bidder.as_str())
        .put_opt("name", offer.name.as_deref())
        .num_opt("price", offer.price)
        .put_opt(
            "irregular",
            offer
                .irregular
                .as_deref()
                .map(|reason| Obj::new().put("reason", reason).done()),
        )
        .put_opt("certifications", certifications)
        .done()
}

fn answer(obj: Obj, answer: Answer) -> Obj {
    match answer {
        Answer::Value(v) => obj.num("value", v),
        Answer::Met(m) => obj.put("met", m),
    }
}

fn score_to_json(score: &Score) -> Value {
    answer(
        Obj::new()
            .put("offer", score.offer.as_str())
            .put("criterion", score.criterion.as_str())
            .put("evaluator", score.evaluator.as_str()),
        score.answer,
    )
    .put_opt("justification", score.justification.as_deref())
    .put_opt("at", score.at.as_deref())
    .done()
}

/// The evaluation as pretty-printed JSON text, ending with a newline.
pub fn evaluation_to_string(evaluation: &Evaluation) -> String {
    let mut text = serde_json::to_string_pretty(&evaluation_to_json(evaluation))
        .unwrap_or_else(|_| String::from("{}"));
    text.push('\n');
    text
}

/// The SHA-256 (hex) of the canonical compact JSON form: the evaluation's fingerprint, printed in
/// reports and chained by the store's journal.
pub fn canonical_hash(evaluation: &Evaluation) -> String {
    let text = evaluation_to_json(evaluation).to_string();
    hex::encode(Sha256::digest(text.as_bytes()))
}
