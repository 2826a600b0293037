//! Reading and validating an evaluation file (spec §1–§7).
//!
//! Reading happens in two passes so that a buyer sees every problem at once, each on its own line
//! and naming where it is. The first pass checks the JSON shape (types, required and unknown keys,
//! enumerations) while building the typed model; the second checks the rules that tie values
//! together (weights, scales, references between lists). The second pass is also what
//! [`validate_evaluation`] runs on evaluations built in memory, so the store, the templates and
//! the desktop app are held to the same rules as a file.

use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::model::*;

/// One problem found in an evaluation file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// A JSON path such as `scores[12].value`, or `line 3, column 5` for malformed JSON.
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// An evaluation that cannot be accepted, with every problem found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Invalid {
    pub problems: Vec<Problem>,
}

impl Invalid {
    /// An `Invalid` with a single problem.
    pub fn one(path: impl Into<String>, message: impl Into<String>) -> Invalid {
        Invalid {
            problems: vec![Problem {
                path: path.into(),
                message: message.into(),
            }],
        }
    }
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
pub fn parse_evaluation(text: &str) -> Result<Evaluation, Invalid> {
    // Notepad on Windows saves UTF-8 with a byte-order mark; it is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| malformed(&e))?;
    let mut reader = Reader::default();
    let evaluation = reader.evaluation(&value);
    match evaluation {
        Some(evaluation) if reader.problems.is_empty() => {
            validate_evaluation(&evaluation)?;
            Ok(evaluation)
        }
        _ => Err(Invalid {
            problems: reader.problems,
        }),
    }
}

fn malformed(error: &serde_json::Error) -> Invalid {
    let full = error.to_string();
    // serde_json appends " at line L column C"; we put the position first, where people look.
    let message = full
        .rfind(" at line ")
        .map_or(full.as_str(), |cut| &full[..cut]);
    Invalid::one(
        format!("line {}, column {}", error.line(), error.column()),
        format!("malformed JSON: {message}"),
    )
}

/// Numbers in messages: whole numbers without decimals, others without float noise.
pub(crate) fn show(value: f64) -> String {
    let rounded = (value * 1e9).round() / 1e9;
    format!("{rounded}")
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// First pass: JSON shape to typed model, collecting problems instead of stopping at the first.
#[derive(Default)]
struct Reader {
    problems: Vec<Problem>,
}

/// One JSON object being read, with the keys it may hold.
struct Fields<'a> {
    path: String,
    map: &'a Map<String, Value>,
}

impl Reader {
    fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.into(),
            message: message.into(),
        });
    }

    fn object<'a>(&mut self, value: &'a Value, path: &str, allowed: &[&str]) -> Option<Fields<'a>> {
        let Value::Object(map) = value else {
            self.problem(
                path,
                format!("expected an object, found {}", type_name(value)),
            );
            return None;
        };
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                self.problem(
                    join(path, key),
                    format!(
                        "unknown key \"{key}\" (allowed here: {})",
                        allowed.join(", ")
                    ),
                );
            }
        }
        Some(Fields {
            path: path.to_owned(),
            map,
        })
    }

    /// An optional key: absent and `null` both mean "not given".
    fn get<'a>(&mut self, fields: &Fields<'a>, key: &str) -> Option<&'a Value> {
        fields.map.get(key).filter(|v| !v.is_null())
    }

    fn required<'a>(&mut self, fields: &Fields<'a>, key: &str) -> Option<&'a Value> {
        let value = self.get(fields, key);
        if value.is_none() {
            self.problem(join(&fields.path, key), "is required");
        }
        value
    }

    fn as_string(&mut self, value: &Value, path: impl Fn() -> String) -> Option<String> {
        match value {
            Value::String(s) => Some(s.clone()),
            other => {
                self.problem(
                    path(),
                    format!("expected a string, found {}", type_name(other)),
                );
                None
            }
        }
    }

    fn as_number(&mut self, value: &Value, path: impl Fn() -> String) -> Option<f64> {
        match value.as_f64() {
            Some(n) if n.is_finite() => Some(n),
            _ => {
                self.problem(
                    path(),
                    format!("expected a number, found {}", type_name(value)),
                );
                None
            }
        }
    }

    fn as_date(&mut self, value: &Value, path: impl Fn() -> String) -> Option<NaiveDate> {
        let text = self.as_string(value, &path)?;
        let parsed = (text.len() == 10)
            .then(|| NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok())
            .flatten();
        if parsed.is_none() {
            self.problem(
                path(),
                format!("\"{text}\" is not a date of the form YYYY-MM-DD"),
            );
        }
        parsed
    }

    fn req_string(&mut self, fields: &Fields, key: &str) -> Option<String> {
        let value = self.required(fields, key)?;
        self.as_string(value, || join(&fields.path, key))
    }

    /// `Ok(None)` when absent, `Err(())` when present but wrong.
    fn opt_string(&mut self, fields: &Fields, key: &str) -> Result<Option<String>, ()> {
        match self.get(fields, key) {
            None => Ok(None),
            Some(v) => self
                .as_string(v, || join(&fields.path, key))
                .map(Some)
                .ok_or(()),
        }
    }

    fn req_number(&mut self, fields: &Fields, key: &str) -> Option<f64> {
        let value = self.required(fields, key)?;
        self.as_number(value, || join(&fields.path, key))
    }

    fn opt_number(&mut self, fields: &Fields, key: &str) -> Result<Option<f64>, ()> {
        match self.get(fields, key) {
            None => Ok(None),
            Some(v) => self
                .as_number(v, || join(&fields.path, key))
                .map(Some)
                .ok_or(()),
        }
    }

    fn opt_bool(&mut self, fields: &Fields, key: &str) -> Result<Option<bool>, ()> {
        match self.get(fields, key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => {
                let message = format!("expected true or false, found {}", type_name(other));
                self.problem(join(&fields.path, key), message);
                Err(())
            }
        }
    }

    fn opt_date(&mut self, fields: &Fields, key: &str) -> Result<Option<NaiveDate>, ()> {
        match self.get(fields, key) {
            None => Ok(None),
            Some(v) => self
                .as_date(v, || join(&fields.path, key))
                .map(Some)
                .ok_or(()),
        }
    }

    fn array<'a>(&mut self, value: &'a Value, path: &str) -> Option<&'a Vec<Value>> {
        match value {
            Value::Array(items) => Some(items),
            other => {
                self.problem(
                    path,
                    format!("expected an array, found {}", type_name(other)),
                );
                None
            }
        }
    }

    /// Reads every item of an optional array with `read`, keeping going after a bad item.
    fn list<T>(
        &mut self,
        fields: &Fields,
        key: &str,
        required: bool,
        mut read: impl FnMut(&mut Self, &Value, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        let value = if required {
            self.required(fields, key)?
        } else {
            match self.get(fields, key) {
                None => return Some(Vec::new()),
                Some(v) => v,
            }
        };
        let path = join(&fields.path, key);
        let items = self.array(value, &path)?;
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            match read(self, item, &index(&path, i)) {
                Some(v) => out.push(v),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn enumerated<T>(
        &mut self,
        value: &Value,
        path: impl Fn() -> String,
        names: &[&str],
        from_name: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let text = self.as_string(value, &path)?;
        let found = from_name(&text);
        if found.is_none() {
            self.problem(
                path(),
                format!("\"{text}\" is not one of {}", names.join(", ")),
            );
        }
        found
    }

    fn evaluation(&mut self, value: &Value) -> Option<Evaluation> {
        const KEYS: &[&str] = &[
            "format",
            "tender",
            "settings",
            "criteria",
            "evaluators",
            "offers",
            "scores",
            "consensus",
        ];
        let fields = self.object(value, "", KEYS)?;
        if let Some(format) = self.req_string(&fields, "format")
            && format != EVALUATION_FORMAT
        {
            self.problem(
                "format",
                format!("\"{format}\" is not supported; expected \"{EVALUATION_FORMAT}\""),
            );
        }
        let tender = self
            .required(&fields, "tender")
            .and_then(|v| self.tender(v));
        let settings = match self.get(&fields, "settings") {
            None => Some(Settings::default()),
            Some(v) => self.settings(v),
        };
        let criteria = self.list(&fields, "criteria", true, Self::criterion);
        let evaluators = self.list(&fields, "evaluators", true, Self::evaluator);
        let offers = self.list(&fields, "offers", true, Self::offer);
        let scores = self.list(&fields, "scores", false, Self::score);
        let consensus = self.list(&fields, "consensus", false, Self::consensus);
        Some(Evaluation {
            tender: tender?,
            settings: settings?,
            criteria: criteria?,
            evaluators: evaluators?,
            offers: offers?,
            scores: scores?,
            consensus: consensus?,
        })
    }

    fn tender(&mut self, value: &Value) -> Option<Tender> {
        const KEYS: &[&str] = &[
            "reference",
            "title",
            "buyer",
            "lot",
            "procedure",
            "launch_date",
            "deadline",
            "currency",
        ];
        let f = self.object(value, "tender", KEYS)?;
        let reference = self.req_string(&f, "reference");
        let title = self.req_string(&f, "title");
        let buyer = self.req_string(&f, "buyer");
        let lot = self.opt_string(&f, "lot");
        let procedure = match self.get(&f, "procedure") {
            None => Ok(None),
            Some(v) => {
                let names: Vec<&str> = Procedure::ALL.iter().map(|p| p.as_str()).collect();
                self.enumerated(
                    v,
                    || join(&f.path, "procedure"),
                    &names,
                    Procedure::from_name,
                )
                .map(Some)
                .ok_or(())
            }
        };
        let launch_date = self.opt_date(&f, "launch_date");
        let deadline = self
            .required(&f, "deadline")
            .and_then(|v| self.as_date(v, || "tender.deadline".into()));
        let currency = self.opt_string(&f, "currency");
        Some(Tender {
            reference: reference?,
            title: title?,
            buyer: buyer?,
            lot: lot.ok()?,
            procedure: procedure.ok()?,
            launch_date: launch_date.ok()?,
            deadline: deadline?,
            currency: currency.ok()?,
        })
    }

    fn settings(&mut self, value: &Value) -> Option<Settings> {
        const KEYS: &[&str] = &["consolidation", "divergence_threshold", "abnormally_low"];
        let f = self.object(value, "settings", KEYS)?;
        let consolidation = match self.get(&f, "consolidation") {
            None => Ok(None),
            Some(v) => self
                .enumerated(
                    v,
                    || "settings.consolidation".into(),
                    &["mean", "median"],
                    |name| match name {
                        "mean" => Some(Consolidation::Mean),
                        "median" => Some(Consolidation::Median),
                        _ => None,
                    },
                )
                .map(Some)
                .ok_or(()),
        };
        let divergence_threshold = self.opt_number(&f, "divergence_threshold");
        let abnormally_low = match self.get(&f, "abnormally_low") {
            None => Ok(None),
            Some(v) => self.abnormally_low(v).map(Some).ok_or(()),
        };
        Some(Settings {
            consolidation: consolidation.ok()?,
            divergence_threshold: divergence_threshold.ok()?,
            abnormally_low: abnormally_low.ok()?,
        })
    }

    fn abnormally_low(&mut self, value: &Value) -> Option<AbnormallyLowMethod> {
        const PATH: &str = "settings.abnormally_low";
        const METHODS: &[&str] = &[
            "none",
            "mean_minus_sigma",
            "percent_below_mean",
            "trimmed_mean",
        ];
        // Which keys are allowed depends on the method, so read it before checking keys.
        let method_name = value.get("method").and_then(Value::as_str);
        let allowed: &[&str] = if method_name == Some("percent_below_mean") {
            &["method", "percent"]
        } else {
            &["method"]
        };
        let f = self.object(value, PATH, allowed)?;
        let method = self.required(&f, "method")?;
        let method = self.enumerated(
            method,
            || format!("{PATH}.method"),
            METHODS,
            |name| match name {
                "none" => Some(AbnormallyLowMethod::None),
                "mean_minus_sigma" => Some(AbnormallyLowMethod::MeanMinusSigma),
                "percent_below_mean" => {
                    Some(AbnormallyLowMethod::PercentBelowMean { percent: None })
                }
                "trimmed_mean" => Some(AbnormallyLowMethod::TrimmedMean),
                _ => None,
            },
        )?;
        match method {
            AbnormallyLowMethod::PercentBelowMean { .. } => {
                let percent = self.opt_number(&f, "percent").ok()?;
                Some(AbnormallyLowMethod::PercentBelowMean { percent })
            }
            other => Some(other),
        }
    }

    fn criterion(&mut self, value: &Value, path: &str) -> Option<Criterion> {
        const COMMON: &[&str] = &["id", "title", "weight", "environmental", "refs"];
        let kind = value.get("kind").filter(|v| !v.is_null());
        let children = value.get("children").filter(|v| !v.is_null());
        let extra: &[&str] = match (kind.and_then(Value::as_str), children.is_some()) {
            (_, true) => &["children"],
            (Some("scored"), false) => &["kind", "scale", "levels", "threshold"],
            (Some("price"), false) => &["kind", "formula"],
            (Some("requirement"), false) => &["kind", "auto"],
            _ => &["kind"],
        };
        let allowed: Vec<&str> = COMMON.iter().chain(extra).copied().collect();
        if kind.is_some() && children.is_some() {
            self.problem(
                path,
                "a node has either \"children\" (a group) or \"kind\" (a leaf), not both",
            );
            return None;
        }
        let Value::Object(map) = value else {
            self.problem(
                path,
                format!("expected an object, found {}", type_name(value)),
            );
            return None;
        };
        // Keys that belong to another kind of node get a message saying so, not just "unknown".
        for key in map.keys() {
            if allowed.contains(&key.as_str()) {
                continue;
            }
            let message = match key.as_str() {
                "scale" | "levels" | "threshold" => {
                    format!("\"{key}\" is only allowed on a scored leaf")
                }
                "formula" => "\"formula\" is only allowed on the price leaf".to_owned(),
                "auto" => "\"auto\" is only allowed on a requirement leaf".to_owned(),
                "kind" | "children" => continue,
                _ => format!(
                    "unknown key \"{key}\" (allowed here: {})",
                    allowed.join(", ")
                ),
            };
            self.problem(join(path, key), message);
        }
        let f = Fields {
            path: path.to_owned(),
            map,
        };
        let id = self.req_string(&f, "id");
        let title = self.req_string(&f, "title");
        let weight = self.req_number(&f, "weight");
        let environmental = self.opt_bool(&f, "environmental");
        let refs = match self.get(&f, "refs") {
            None => Ok(None),
            Some(v) => {
                let refs_path = join(path, "refs");
                match self.array(v, &refs_path) {
                    None => Err(()),
                    Some(items) => {
                        let mut out = Vec::new();
                        let mut ok = true;
                        for (i, item) in items.iter().enumerate() {
                            match self.as_string(item, || index(&refs_path, i)) {
                                Some(s) => out.push(s),
                                None => ok = false,
                            }
                        }
                        if ok { Ok(Some(out)) } else { Err(()) }
                    }
                }
            }
        };
        let body = match (kind, children) {
            (None, None) => {
                self.problem(
                    path,
                    "a node needs \"kind\" (scored, price or requirement) or \"children\"",
                );
                None
            }
            (_, Some(children)) => {
                let children_path = join(path, "children");
                let items = self.array(children, &children_path);
                items.and_then(|items| {
                    let mut out = Vec::new();
                    let mut ok = true;
                    for (i, item) in items.iter().enumerate() {
                        match self.criterion(item, &index(&children_path, i)) {
                            Some(c) => out.push(c),
                            None => ok = false,
                        }
                    }
                    ok.then_some(CriterionBody::Group { children: out })
                })
            }
            (Some(kind), None) => self.leaf_body(kind, &f),
        };
        Some(Criterion {
            id: id?,
            title: title?,
            weight: weight?,
            environmental: environmental.ok()?,
            refs: refs.ok()?,
            body: body?,
        })
    }

    fn leaf_body(&mut self, kind: &Value, f: &Fields) -> Option<CriterionBody> {
        let kinds = ["scored", "price", "requirement"];
        let kind = self.enumerated(
            kind,
            || join(&f.path, "kind"),
            &kinds,
            |k| kinds.contains(&k).then(|| k.to_owned()),
        )?;
        match kind.as_str() {
            "scored" => {
                let scale = self
                    .required(f, "scale")
                    .and_then(|v| self.scale(v, &join(&f.path, "scale")));
                let levels = match self.get(f, "levels") {
                    None => Ok(None),
                    Some(_) => self
                        .list(f, "levels", false, Self::level)
                        .map(Some)
                        .ok_or(()),
                };
                let threshold = self.opt_number(f, "threshold");
                Some(CriterionBody::Scored {
                    scale: scale?,
                    levels: levels.ok()?,
                    threshold: threshold.ok()?,
                })
            }
            "price" => {
                let formula = self
                    .required(f, "formula")
                    .and_then(|v| self.formula(v, &join(&f.path, "formula")));
                Some(CriterionBody::Price { formula: formula? })
            }
            _ => {
                let auto = match self.get(f, "auto") {
                    None => Ok(None),
                    Some(v) => self.auto(v, &join(&f.path, "auto")).map(Some).ok_or(()),
                };
                Some(CriterionBody::Requirement { auto: auto.ok()? })
            }
        }
    }

    fn scale(&mut self, value: &Value, path: &str) -> Option<Scale> {
        let f = self.object(value, path, &["min", "max", "step"])?;
        let min = self.req_number(&f, "min");
        let max = self.req_number(&f, "max");
        let step = self.opt_number(&f, "step");
        Some(Scale {
            min: min?,
            max: max?,
            step: step.ok()?,
        })
    }

    fn level(&mut self, value: &Value, path: &str) -> Option<Level> {
        let f = self.object(value, path, &["value", "label"])?;
        let level_value = self.req_number(&f, "value");
        let label = self.req_string(&f, "label");
        Some(Level {
            value: level_value?,
            label: label?,
        })
    }

    fn formula(&mut self, value: &Value, path: &str) -> Option<PriceFormula> {
        const NAMES: &[&str] = &["proportional", "linear", "relative_gap", "n_times"];
        let name = value.get("name").and_then(Value::as_str);
        let allowed: &[&str] = if name == Some("n_times") {
            &["name", "n"]
        } else {
            &["name"]
        };
        let f = self.object(value, path, allowed)?;
        let name = self.required(&f, "name")?;
        let formula = self.enumerated(
            name,
            || join(path, "name"),
            NAMES,
            |n| match n {
                "proportional" => Some(PriceFormula::Proportional),
                "linear" => Some(PriceFormula::Linear),
                "relative_gap" => Some(PriceFormula::RelativeGap),
                "n_times" => Some(PriceFormula::NTimes { n: f64::NAN }),
                _ => None,
            },
        )?;
        match formula {
            PriceFormula::NTimes { .. } => {
                let n = self.req_number(&f, "n")?;
                Some(PriceFormula::NTimes { n })
            }
            other => Some(other),
        }
    }

    fn auto(&mut self, value: &Value, path: &str) -> Option<AutoCheck> {
        let f = self.object(value, path, &["scheme", "min_level", "status"])?;
        let scheme = self.req_string(&f, "scheme");
        let min_level = self.opt_number(&f, "min_level");
        let status = match self.get(&f, "status") {
            None => Ok(None),
            Some(_) => self
                .list(&f, "status", false, |r, v, p| r.certification_status(v, p))
                .map(Some)
                .ok_or(()),
        };
        Some(AutoCheck {
            scheme: scheme?,
            min_level: min_level.ok()?,
            status: status.ok()?,
        })
    }

    fn certification_status(&mut self, value: &Value, path: &str) -> Option<CertificationStatus> {
        let names: Vec<&str> = CertificationStatus::ALL
            .iter()
            .map(|s| s.as_str())
            .collect();
        self.enumerated(
            value,
            || path.to_owned(),
            &names,
            CertificationStatus::from_name,
        )
    }

    fn evaluator(&mut self, value: &Value, path: &str) -> Option<Evaluator> {
        let f = self.object(value, path, &["id", "name", "role"])?;
        let id = self.req_string(&f, "id");
        let name = self.req_string(&f, "name");
        let role = self.opt_string(&f, "role");
        Some(Evaluator {
            id: id?,
            name: name?,
            role: role.ok()?,
        })
    }

    fn offer(&mut self, value: &Value, path: &str) -> Option<Offer> {
        const KEYS: &[&str] = &[
            "id",
            "bidder",
            "name",
            "price",
            "irregular",
            "certifications",
        ];
        let f = self.object(value, path, KEYS)?;
        let id = self.req_string(&f, "id");
        let bidder = self.req_string(&f, "bidder");
        let name = self.opt_string(&f, "name");
        let price = self.opt_number(&f, "price");
        let irregular = match self.get(&f, "irregular") {
            None => Ok(None),
            Some(v) => {
                let irregular_path = join(path, "irregular");
                self.object(v, &irregular_path, &["reason"])
                    .and_then(|fi| self.req_string(&fi, "reason"))
                    .map(Some)
                    .ok_or(())
            }
        };
        let certifications = match self.get(&f, "certifications") {
            None => Ok(None),
            Some(_) => self
                .list(&f, "certifications", false, Self::certification)
                .map(Some)
                .ok_or(()),
        };
        Some(Offer {
            id: id?,
            bidder: bidder?,
            name: name.ok()?,
            price: price.ok()?,
            irregular: irregular.ok()?,
            certifications: certifications.ok()?,
        })
    }

    fn certification(&mut self, value: &Value, path: &str) -> Option<Certification> {
        const KEYS: &[&str] = &[
            "scheme",
            "level",
            "status",
            "valid_from",
            "valid_until",
            "reference",
        ];
        let f = self.object(value, path, KEYS)?;
        let scheme = self.req_string(&f, "scheme");
        let level = self.opt_number(&f, "level");
        let status = self
            .required(&f, "status")
            .and_then(|v| self.certification_status(v, &join(path, "status")));
        let valid_from = self.opt_date(&f, "valid_from");
        let valid_until = self.opt_date(&f, "valid_until");
        let reference = self.opt_string(&f, "reference");
        Some(Certification {
            scheme: scheme?,
            level: level.ok()?,
            status: status?,
            valid_from: valid_from.ok()?,
            valid_until: valid_until.ok()?,
            reference: reference.ok()?,
        })
    }

    fn answer(&mut self, f: &Fields) -> Option<Answer> {
        let value = self.get(f, "value");
        let met = self.get(f, "met");
        match (value, met) {
            (Some(_), Some(_)) => {
                self.problem(
                    f.path.clone(),
                    "has both \"value\" and \"met\"; give \"value\" for a scored criterion \
                     or \"met\" for a requirement",
                );
                None
            }
            (None, None) => {
                self.problem(
                    f.path.clone(),
                    "needs \"value\" (scored criterion) or \"met\" (requirement)",
                );
                None
            }
            (Some(v), None) => self
                .as_number(v, || join(&f.path, "value"))
                .map(Answer::Value),
            (None, Some(Value::Bool(b))) => Some(Answer::Met(*b)),
            (None, Some(other)) => {
                let message = format!("expected true or false, found {}", type_name(other));
                self.problem(join(&f.path, "met"), message);
                None
            }
        }
    }

    fn score(&mut self, value: &Value, path: &str) -> Option<Score> {
        const KEYS: &[&str] = &[
            "offer",
            "criterion",
            "evaluator",
            "value",
            "met",
            "justification",
            "at",
        ];
        let f = self.object(value, path, KEYS)?;
        let offer = self.req_string(&f, "offer");
        let criterion = self.req_string(&f, "criterion");
        let evaluator = self.req_string(&f, "evaluator");
        let answer = self.answer(&f);
        let justification = self.opt_string(&f, "justification");
        let at = self.opt_string(&f, "at");
        Some(Score {
            offer: offer?,
            criterion: criterion?,
            evaluator: evaluator?,
            answer: answer?,
            justification: justification.ok()?,
            at: at.ok()?,
        })
    }

    fn consensus(&mut self, value: &Value, path: &str) -> Option<Consensus> {
        const KEYS: &[&str] = &["offer", "criterion", "value", "met", "justification"];
        let f = self.object(value, path, KEYS)?;
        let offer = self.req_string(&f, "offer");
        let criterion = self.req_string(&f, "criterion");
        let answer = self.answer(&f);
        let justification = self.req_string(&f, "justification");
        Some(Consensus {
            offer: offer?,
            criterion: criterion?,
            answer: answer?,
            justification: justification?,
        })
    }
}

/// Checks the rules of the spec on an evaluation built in memory (the second pass of
/// [`parse_evaluation`]). Paths are those the evaluation would have as a file.
pub fn validate_evaluation(evaluation: &Evaluation) -> Result<(), Invalid> {
    let mut rules = Rules::default();
    rules.tender(&evaluation.tender);
    rules.settings(&evaluation.settings);
    let tree = rules.criteria(&evaluation.criteria);
    rules.evaluators(&evaluation.evaluators);
    rules.offers(&evaluation.offers, tree.price.is_some());
    rules.scores(evaluation, &tree);
    rules.consensus(evaluation, &tree);
    if rules.problems.is_empty() {
        Ok(())
    } else {
        Err(Invalid {
            problems: rules.problems,
        })
    }
}

/// Second pass: the rules between values.
#[derive(Default)]
struct Rules {
    problems: Vec<Problem>,
}

/// What the score checks need to know about the criteria tree.
#[derive(Default)]
struct TreeIndex<'a> {
    nodes: HashMap<&'a str, &'a Criterion>,
    price: Option<&'a str>,
}

fn is_identifier(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

fn is_scheme_name(name: &str) -> bool {
    !name.is_empty()
        && name.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        })
}

fn differs(a: f64, b: f64) -> bool {
    (a - b).abs() > TOLERANCE
}

impl Rules {
    fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.into(),
            message: message.into(),
        });
    }

    fn non_empty(&mut self, value: &str, path: impl Into<String>) {
        if value.trim().is_empty() {
            self.problem(path, "must not be empty");
        }
    }

    /// Checks identifier syntax and uniqueness; `seen` maps ids to the path that first used them.
    fn identifier<'a>(&mut self, id: &'a str, path: String, seen: &mut HashMap<&'a str, String>) {
        let id_path = join(&path, "id");
        if !is_identifier(id) {
            self.problem(
                id_path,
                format!("\"{id}\" is not a valid id (1 to 64 letters, digits, '.', '_' or '-')"),
            );
        } else if let Some(first) = seen.get(id) {
            self.problem(id_path, format!("\"{id}\" is already used by {first}"));
        } else {
            seen.insert(id, path);
        }
    }

    fn tender(&mut self, tender: &Tender) {
        self.non_empty(&tender.reference, "tender.reference");
        self.non_empty(&tender.title, "tender.title");
        self.non_empty(&tender.buyer, "tender.buyer");
        if let Some(currency) = &tender.currency
            && !(currency.len() == 3 && currency.bytes().all(|b| b.is_ascii_uppercase()))
        {
            self.problem(
                "tender.currency",
                format!("\"{currency}\" is not an ISO 4217 code such as EUR"),
            );
        }
    }

    fn settings(&mut self, settings: &Settings) {
        if let Some(t) = settings.divergence_threshold
            && !(t > 0.0 && t <= 1.0)
        {
            self.problem(
                "settings.divergence_threshold",
                format!("{} is outside (0, 1]", show(t)),
            );
        }
        if let Some(AbnormallyLowMethod::PercentBelowMean { percent: Some(p) }) =
            settings.abnormally_low
            && !(p > 0.0 && p < 100.0)
        {
            self.problem(
                "settings.abnormally_low.percent",
                format!("{} is outside (0, 100)", show(p)),
            );
        }
    }

    fn criteria<'a>(&mut self, criteria: &'a [Criterion]) -> TreeIndex<'a> {
        let mut tree = TreeIndex::default();
        let mut seen = HashMap::new();
        for (i, node) in criteria.iter().enumerate() {
            self.node(node, index("criteria", i), false, &mut tree, &mut seen);
        }
        let sum: f64 = criteria.iter().map(|c| c.weight).sum();
        if differs(sum, 100.0) {
            self.problem(
                "criteria",
                format!("top-level weights sum to {} but must sum to 100", show(sum)),
            );
        }
        tree
    }

    fn node<'a>(
        &mut self,
        node: &'a Criterion,
        path: String,
        in_zero_group: bool,
        tree: &mut TreeIndex<'a>,
        seen: &mut HashMap<&'a str, String>,
    ) {
        self.identifier(&node.id, path.clone(), seen);
        tree.nodes.entry(node.id.as_str()).or_insert(node);
        self.non_empty(&node.title, join(&path, "title"));
        let weight_path = join(&path, "weight");
        if node.weight < 0.0 {
            self.problem(
                &weight_path,
                format!(
                    "{} is negative; weights are points of the 100",
                    show(node.weight)
                ),
            );
        }
        let is_requirement = matches!(node.body, CriterionBody::Requirement { .. });
        if in_zero_group && node.is_leaf() && !is_requirement {
            self.problem(
                &path,
                format!(
                    "criterion \"{}\" is {}, but a group of weight 0 may hold only requirements",
                    node.id,
                    node.body.kind_name().unwrap_or("a group")
                ),
            );
        }
        match &node.body {
            CriterionBody::Group { children } => {
                let children_path = join(&path, "children");
                if children.is_empty() {
                    self.problem(&children_path, "a group needs at least one child");
                    return;
                }
                let zero = in_zero_group || node.weight.abs() <= TOLERANCE;
                for (i, child) in children.iter().enumerate() {
                    self.node(child, index(&children_path, i), zero, tree, seen);
                }
                let sum: f64 = children.iter().map(|c| c.weight).sum();
                if differs(sum, node.weight) {
                    self.problem(
                        children_path,
                        format!(
                            "weights sum to {} but group \"{}\" weighs {}",
                            show(sum),
                            node.id,
                            show(node.weight)
                        ),
                    );
                }
            }
            CriterionBody::Requirement { auto } => {
                if node.weight.abs() > TOLERANCE {
                    self.problem(
                        weight_path,
                        format!("a requirement weighs 0, not {}", show(node.weight)),
                    );
                }
                if let Some(auto) = auto {
                    self.auto(auto, join(&path, "auto"));
                }
            }
            CriterionBody::Scored {
                scale,
                levels,
                threshold,
            } => {
                if node.weight <= TOLERANCE {
                    self.problem(weight_path, "a scored criterion must weigh more than 0");
                }
                self.scored(node, scale, levels.as_deref(), *threshold, &path);
            }
            CriterionBody::Price { formula } => {
                if node.weight <= TOLERANCE {
                    self.problem(weight_path, "the price criterion must weigh more than 0");
                }
                if let PriceFormula::NTimes { n } = formula
                    && *n <= 1.0
                {
                    self.problem(
                        join(&path, "formula.n"),
                        format!("{} must be greater than 1", show(*n)),
                    );
                }
                match tree.price {
                    Some(first) => self.problem(
                        join(&path, "kind"),
                        format!("a second price criterion; \"{first}\" is already the price"),
                    ),
                    None => tree.price = Some(&node.id),
                }
            }
        }
    }

    fn scored(
        &mut self,
        node: &Criterion,
        scale: &Scale,
        levels: Option<&[Level]>,
        threshold: Option<f64>,
        path: &str,
    ) {
        let scale_path = join(path, "scale");
        if scale.min >= scale.max {
            self.problem(
                &scale_path,
                format!(
                    "min {} must be below max {}",
                    show(scale.min),
                    show(scale.max)
                ),
            );
            return;
        }
        if let Some(step) = scale.step
            && step <= 0.0
        {
            self.problem(
                join(&scale_path, "step"),
                format!("{} must be greater than 0", show(step)),
            );
            return;
        }
        for (i, level) in levels.unwrap_or(&[]).iter().enumerate() {
            let level_path = index(&join(path, "levels"), i);
            self.on_scale(level.value, scale, &node.id, join(&level_path, "value"));
            self.non_empty(&level.label, join(&level_path, "label"));
        }
        if let Some(t) = threshold
            && !scale.contains(t)
        {
            self.problem(
                join(path, "threshold"),
                format!(
                    "{} is outside the scale {}..{}",
                    show(t),
                    show(scale.min),
                    show(scale.max)
                ),
            );
        }
    }

    fn on_scale(&mut self, value: f64, scale: &Scale, criterion: &str, path: String) {
        if !scale.contains(value) {
            self.problem(
                path,
                format!(
                    "{} is outside the scale {}..{} of criterion \"{criterion}\"",
                    show(value),
                    show(scale.min),
                    show(scale.max)
                ),
            );
        } else if !scale.is_on_step(value) {
            self.problem(
                path,
                format!(
                    "{} is not on the step {} of criterion \"{criterion}\" (allowed: {} + k × {})",
                    show(value),
                    show(scale.step.unwrap_or(0.0)),
                    show(scale.min),
                    show(scale.step.unwrap_or(0.0))
                ),
            );
        }
    }

    fn auto(&mut self, auto: &AutoCheck, path: String) {
        if !is_scheme_name(&auto.scheme) {
            self.problem(
                join(&path, "scheme"),
                format!(
                    "\"{}\" is not a lower-case scheme name such as secnumcloud",
                    auto.scheme
                ),
            );
        }
        if auto.status.as_ref().is_some_and(Vec::is_empty) {
            self.problem(
                join(&path, "status"),
                "lists no status, so no certification could ever match",
            );
        }
    }

    fn evaluators(&mut self, evaluators: &[Evaluator]) {
        let mut seen = HashMap::new();
        for (i, evaluator) in evaluators.iter().enumerate() {
            let path = index("evaluators", i);
            self.identifier(&evaluator.id, path.clone(), &mut seen);
            self.non_empty(&evaluator.name, join(&path, "name"));
        }
    }

    fn offers(&mut self, offers: &[Offer], has_price_leaf: bool) {
        let mut seen = HashMap::new();
        for (i, offer) in offers.iter().enumerate() {
            let path = index("offers", i);
            self.identifier(&offer.id, path.clone(), &mut seen);
            self.non_empty(&offer.bidder, join(&path, "bidder"));
            match offer.price {
                Some(price) if price <= 0.0 => self.problem(
                    join(&path, "price"),
                    format!("{} must be greater than 0", show(price)),
                ),
                None if has_price_leaf => self.problem(
                    join(&path, "price"),
                    "is required because the criteria include a price criterion",
                ),
                _ => {}
            }
            if let Some(reason) = &offer.irregular {
                self.non_empty(reason, join(&path, "irregular.reason"));
            }
            for (j, cert) in offer.certifications().iter().enumerate() {
                let cert_path = index(&join(&path, "certifications"), j);
                if !is_scheme_name(&cert.scheme) {
                    self.problem(
                        join(&cert_path, "scheme"),
                        format!(
                            "\"{}\" is not a lower-case scheme name such as secnumcloud",
                            cert.scheme
                        ),
                    );
                }
                if let (Some(from), Some(until)) = (cert.valid_from, cert.valid_until)
                    && from > until
                {
                    self.problem(
                        join(&cert_path, "valid_until"),
                        format!("{until} is before valid_from {from}"),
                    );
                }
            }
        }
    }

    /// Checks that a score or consensus names an existing offer and a leaf that takes this kind
    /// of answer; returns the leaf when it does.
    fn target<'a>(
        &mut self,
        evaluation: &Evaluation,
        tree: &TreeIndex<'a>,
        offer: &str,
        criterion: &str,
        path: &str,
        is_consensus: bool,
    ) -> Option<&'a Criterion> {
        if !evaluation.offers.iter().any(|o| o.id == offer) {
            self.problem(
                join(path, "offer"),
                format!("no offer has the id \"{offer}\""),
            );
        }
        let criterion_path = join(path, "criterion");
        let Some(node) = tree.nodes.get(criterion).copied() else {
            self.problem(
                criterion_path,
                format!("no criterion has the id \"{criterion}\""),
            );
            return None;
        };
        let refusal = match &node.body {
            CriterionBody::Group { .. } => Some(format!(
                "\"{criterion}\" is a group; only leaves are scored"
            )),
            CriterionBody::Price { .. } => Some(format!(
                "\"{criterion}\" is the price criterion; its points come from the offer's price"
            )),
            CriterionBody::Requirement { auto: Some(_) } if !is_consensus => Some(format!(
                "\"{criterion}\" is checked automatically from certifications; \
                 record a consensus to override it"
            )),
            _ => None,
        };
        if let Some(message) = refusal {
            self.problem(criterion_path, message);
            return None;
        }
        Some(node)
    }

    fn answer_fits(&mut self, node: &Criterion, answer: Answer, path: &str) {
        match (&node.body, answer) {
            (CriterionBody::Scored { scale, .. }, Answer::Value(v)) => {
                self.on_scale(v, scale, &node.id, join(path, "value"));
            }
            (CriterionBody::Scored { .. }, Answer::Met(_)) => self.problem(
                join(path, "met"),
                format!(
                    "criterion \"{}\" is scored on a scale: give a \"value\", not \"met\"",
                    node.id
                ),
            ),
            (CriterionBody::Requirement { .. }, Answer::Value(_)) => self.problem(
                join(path, "value"),
                format!(
                    "criterion \"{}\" is a requirement: give \"met\" (true or false), not a \"value\"",
                    node.id
                ),
            ),
            _ => {}
        }
    }

    fn scores(&mut self, evaluation: &Evaluation, tree: &TreeIndex) {
        let mut seen: HashMap<(&str, &str, &str), usize> = HashMap::new();
        for (i, score) in evaluation.scores.iter().enumerate() {
            let path = index("scores", i);
            if !evaluation
                .evaluators
                .iter()
                .any(|e| e.id == score.evaluator)
            {
                self.problem(
                    join(&path, "evaluator"),
                    format!("no evaluator has the id \"{}\"", score.evaluator),
                );
            }
            if let Some(node) = self.target(
                evaluation,
                tree,
                &score.offer,
                &score.criterion,
                &path,
                false,
            ) {
                self.answer_fits(node, score.answer, &path);
            }
            if let Some(at) = &score.at
                && chrono::DateTime::parse_from_rfc3339(at).is_err()
            {
                self.problem(
                    join(&path, "at"),
                    format!("\"{at}\" is not an RFC 3339 timestamp such as 2026-10-20T14:30:00Z"),
                );
            }
            let key = (
                score.offer.as_str(),
                score.criterion.as_str(),
                score.evaluator.as_str(),
            );
            if let Some(first) = seen.get(&key) {
                self.problem(
                    &path,
                    format!(
                        "a second score by \"{}\" for offer \"{}\" on \"{}\" (the first is scores[{first}])",
                        score.evaluator, score.offer, score.criterion
                    ),
                );
            } else {
                seen.insert(key, i);
            }
        }
    }

    fn consensus(&mut self, evaluation: &Evaluation, tree: &TreeIndex) {
        let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
        for (i, decision) in evaluation.consensus.iter().enumerate() {
            let path = index("consensus", i);
            if let Some(node) = self.target(
                evaluation,
                tree,
                &decision.offer,
                &decision.criterion,
                &path,
                true,
            ) {
                self.answer_fits(node, decision.answer, &path);
            }
            self.non_empty(&decision.justification, join(&path, "justification"));
            let key = (decision.offer.as_str(), decision.criterion.as_str());
            if let Some(first) = seen.get(&key) {
                self.problem(
                    &path,
                    format!(
                        "a second consensus for offer \"{}\" on \"{}\" (the first is consensus[{first}])",
                        decision.offer, decision.criterion
                    ),
                );
            } else {
                seen.insert(key, i);
            }
        }
    }
}
