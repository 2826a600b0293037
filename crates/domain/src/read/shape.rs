//! First pass: the JSON shape of an evaluation file to the typed model.
//!
//! Types, required and unknown keys and enumerations are checked while the model is built; a bad
//! item is reported and reading goes on with the next one, so that every problem of the file is
//! found in one reading.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::{Invalid, ProblemCode as Code, Problems, index, join};
use crate::model::*;
use crate::prices::{
    CorrectionRoute, LinePrice, PriceCorrection, PriceSchedule, ScheduleLine, ScheduleOffer,
};
use crate::rounds::{
    Citation, Exchange, ExchangeKind, Negotiation, OfferVersion, Round, RoundElimination, RoundKind,
};
use crate::words::Params;

/// Reads the JSON text of an evaluation file into the model, or every shape problem found.
pub(super) fn read(text: &str) -> Result<Evaluation, Invalid> {
    // Notepad on Windows saves UTF-8 with a byte-order mark; it is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| malformed(&e))?;
    read_value(&value)
}

/// Reads an evaluation document already parsed as JSON (each lot of a consultation is one),
/// paths relative to the document.
pub(super) fn read_value(value: &Value) -> Result<Evaluation, Invalid> {
    let mut reader = Reader::default();
    let evaluation = reader.evaluation(value);
    match evaluation {
        Some(evaluation) if reader.problems.is_empty() => Ok(evaluation),
        _ => {
            reader.problems.into_result()?;
            // A part failed to read without saying why: never, but say something rather than
            // accept an evaluation that was not read.
            Err(Invalid::one(
                "",
                Code::Unreadable,
                Params::new().with("detail", "unreadable"),
            ))
        }
    }
}

pub(super) fn malformed(error: &serde_json::Error) -> Invalid {
    let full = error.to_string();
    // serde_json appends " at line L column C"; we put the position first, where people look.
    let message = full
        .rfind(" at line ")
        .map_or(full.as_str(), |cut| &full[..cut]);
    Invalid::one(
        format!("line {}, column {}", error.line(), error.column()),
        Code::MalformedJson,
        Params::new().with("detail", message),
    )
}

/// The neutral name of a JSON type, worded by the vocabulary's `{name:type}`.
pub(super) fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

pub(super) fn expected(what: &'static str, found: &Value) -> Params {
    Params::new()
        .with("expected", what)
        .with("found", type_name(found))
}

/// First pass: JSON shape to typed model, collecting problems instead of stopping at the first.
#[derive(Default)]
pub(super) struct Reader {
    pub(super) problems: Problems,
}

/// One JSON object being read, with the keys it may hold.
pub(super) struct Fields<'a> {
    pub(super) path: String,
    pub(super) map: &'a Map<String, Value>,
}

impl Reader {
    pub(super) fn problem(&mut self, path: impl Into<String>, code: Code, params: Params) {
        self.problems.push(path, code, params);
    }

    pub(super) fn object<'a>(
        &mut self,
        value: &'a Value,
        path: &str,
        allowed: &[&str],
    ) -> Option<Fields<'a>> {
        let Value::Object(map) = value else {
            self.problem(path, Code::ExpectedType, expected("object", value));
            return None;
        };
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                self.problem(
                    join(path, key),
                    Code::UnknownKey,
                    Params::new()
                        .with("key", key.as_str())
                        .with("allowed", allowed.join(", ")),
                );
            }
        }
        Some(Fields {
            path: path.to_owned(),
            map,
        })
    }

    /// An optional key: absent and `null` both mean "not given".
    pub(super) fn get<'a>(&mut self, fields: &Fields<'a>, key: &str) -> Option<&'a Value> {
        fields.map.get(key).filter(|v| !v.is_null())
    }

    pub(super) fn required<'a>(&mut self, fields: &Fields<'a>, key: &str) -> Option<&'a Value> {
        let value = self.get(fields, key);
        if value.is_none() {
            self.problem(join(&fields.path, key), Code::Required, Params::new());
        }
        value
    }

    pub(super) fn as_string(&mut self, value: &Value, path: impl Fn() -> String) -> Option<String> {
        match value {
            Value::String(s) => Some(s.clone()),
            other => {
                self.problem(path(), Code::ExpectedType, expected("string", other));
                None
            }
        }
    }

    pub(super) fn as_number(&mut self, value: &Value, path: impl Fn() -> String) -> Option<f64> {
        match value.as_f64() {
            Some(n) if n.is_finite() => Some(n),
            _ => {
                self.problem(path(), Code::ExpectedType, expected("number", value));
                None
            }
        }
    }

    pub(super) fn as_date(
        &mut self,
        value: &Value,
        path: impl Fn() -> String,
    ) -> Option<NaiveDate> {
        let text = self.as_string(value, &path)?;
        let parsed = (text.len() == 10)
            .then(|| NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok())
            .flatten();
        if parsed.is_none() {
            self.problem(path(), Code::NotADate, Params::new().with("text", text));
        }
        parsed
    }

    pub(super) fn req_string(&mut self, fields: &Fields, key: &str) -> Option<String> {
        let value = self.required(fields, key)?;
        self.as_string(value, || join(&fields.path, key))
    }

    /// `Ok(None)` when absent, `Err(())` when present but wrong.
    pub(super) fn opt_string(&mut self, fields: &Fields, key: &str) -> Result<Option<String>, ()> {
        match self.get(fields, key) {
            None => Ok(None),
            Some(v) => self
                .as_string(v, || join(&fields.path, key))
                .map(Some)
                .ok_or(()),
        }
    }

    pub(super) fn req_number(&mut self, fields: &Fields, key: &str) -> Option<f64> {
        let value = self.required(fields, key)?;
        self.as_number(value, || join(&fields.path, key))
    }

    pub(super) fn opt_number(&mut self, fields: &Fields, key: &str) -> Result<Option<f64>, ()> {
        match self.get(fields, key) {
            None => Ok(None),
            Some(v) => self
                .as_number(v, || join(&fields.path, key))
                .map(Some)
                .ok_or(()),
        }
    }

    pub(super) fn opt_bool(&mut self, fields: &Fields, key: &str) -> Result<Option<bool>, ()> {
        match self.get(fields, key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => {
                let params = Params::new().with("found", type_name(other));
                self.problem(join(&fields.path, key), Code::ExpectedBoolean, params);
                Err(())
            }
        }
    }

    pub(super) fn opt_date(&mut self, fields: &Fields, key: &str) -> Result<Option<NaiveDate>, ()> {
        match self.get(fields, key) {
            None => Ok(None),
            Some(v) => self
                .as_date(v, || join(&fields.path, key))
                .map(Some)
                .ok_or(()),
        }
    }

    pub(super) fn array<'a>(&mut self, value: &'a Value, path: &str) -> Option<&'a Vec<Value>> {
        match value {
            Value::Array(items) => Some(items),
            other => {
                self.problem(path, Code::ExpectedType, expected("array", other));
                None
            }
        }
    }

    /// Reads every item of an optional array with `read`, keeping going after a bad item.
    pub(super) fn list<T>(
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

    pub(super) fn enumerated<T>(
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
                Code::NotOneOf,
                Params::new()
                    .with("text", text.as_str())
                    .with("allowed", names.join(", ")),
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
            "declarations",
            "prices_opened_at",
            "price_schedule",
            "negotiation",
            "exchanges",
        ];
        let fields = self.object(value, "", KEYS)?;
        if let Some(format) = self.req_string(&fields, "format")
            && format != EVALUATION_FORMAT
        {
            self.problem(
                "format",
                Code::UnsupportedFormat,
                Params::new()
                    .with("format", format)
                    .with("expected", EVALUATION_FORMAT),
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
        let declarations = self.list(&fields, "declarations", false, Self::declaration);
        let prices_opened_at = self.opt_string(&fields, "prices_opened_at");
        let price_schedule = match self.get(&fields, "price_schedule") {
            None => Ok(None),
            Some(v) => self.price_schedule(v).map(Some).ok_or(()),
        };
        let negotiation = match self.get(&fields, "negotiation") {
            None => Ok(None),
            Some(v) => self.negotiation(v).map(Some).ok_or(()),
        };
        let exchanges = self.list(&fields, "exchanges", false, Self::exchange);
        Some(Evaluation {
            tender: tender?,
            settings: settings?,
            criteria: criteria?,
            evaluators: evaluators?,
            offers: offers?,
            scores: scores?,
            consensus: consensus?,
            declarations: declarations?,
            prices_opened_at: prices_opened_at.ok()?,
            price_schedule: price_schedule.ok()?,
            negotiation: negotiation.ok()?,
            exchanges: exchanges?,
        })
    }

    fn tender(&mut self, value: &Value) -> Option<Tender> {
        self.tender_at(value, "tender", true)
    }

    /// The tender's fields at `path`: the evaluation's `tender`, or — without `lot`, which each
    /// lot gives — a consultation's header (`read/consultation.rs`).
    pub(crate) fn tender_at(
        &mut self,
        value: &Value,
        path: &str,
        with_lot: bool,
    ) -> Option<Tender> {
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
        let keys: Vec<&str> = KEYS
            .iter()
            .copied()
            .filter(|key| with_lot || *key != "lot")
            .collect();
        let f = self.object(value, path, &keys)?;
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
            .and_then(|v| self.as_date(v, || join(path, "deadline")));
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
        const KEYS: &[&str] = &[
            "consolidation",
            "divergence_threshold",
            "abnormally_low",
            "sealed_prices",
            "declarations_required",
            "signed_returns_required",
        ];
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
        let sealed_prices = self.opt_bool(&f, "sealed_prices");
        let declarations_required = self.opt_bool(&f, "declarations_required");
        let signed_returns_required = self.opt_bool(&f, "signed_returns_required");
        Some(Settings {
            consolidation: consolidation.ok()?,
            divergence_threshold: divergence_threshold.ok()?,
            abnormally_low: abnormally_low.ok()?,
            sealed_prices: sealed_prices.ok()?,
            declarations_required: declarations_required.ok()?,
            signed_returns_required: signed_returns_required.ok()?,
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
            self.problem(path, Code::GroupAndLeaf, Params::new());
            return None;
        }
        let Value::Object(map) = value else {
            self.problem(path, Code::ExpectedType, expected("object", value));
            return None;
        };
        // Keys that belong to another kind of node get a message saying so, not just "unknown".
        for key in map.keys() {
            if allowed.contains(&key.as_str()) {
                continue;
            }
            let code = match key.as_str() {
                "scale" | "levels" | "threshold" => Code::OnlyOnScored,
                "formula" => Code::OnlyOnPrice,
                "auto" => Code::OnlyOnRequirement,
                "kind" | "children" => continue,
                _ => Code::UnknownKey,
            };
            let mut params = Params::new().with("key", key.as_str());
            if code == Code::UnknownKey {
                params = params.with("allowed", allowed.join(", "));
            }
            self.problem(join(path, key), code, params);
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
                self.problem(path, Code::NeitherGroupNorLeaf, Params::new());
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

    pub(super) fn certification(&mut self, value: &Value, path: &str) -> Option<Certification> {
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
                self.problem(f.path.clone(), Code::ValueAndMet, Params::new());
                None
            }
            (None, None) => {
                self.problem(f.path.clone(), Code::NoAnswer, Params::new());
                None
            }
            (Some(v), None) => self
                .as_number(v, || join(&f.path, "value"))
                .map(Answer::Value),
            (None, Some(Value::Bool(b))) => Some(Answer::Met(*b)),
            (None, Some(other)) => {
                let params = Params::new().with("found", type_name(other));
                self.problem(join(&f.path, "met"), Code::ExpectedBoolean, params);
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

    fn declaration(&mut self, value: &Value, path: &str) -> Option<Declaration> {
        const KEYS: &[&str] = &["evaluator", "offer", "conflict", "at", "note"];
        let f = self.object(value, path, KEYS)?;
        let evaluator = self.req_string(&f, "evaluator");
        let offer = self.req_string(&f, "offer");
        let conflict = match self.required(&f, "conflict") {
            None => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(other) => {
                let params = Params::new().with("found", type_name(other));
                self.problem(join(&f.path, "conflict"), Code::ExpectedBoolean, params);
                None
            }
        };
        let at = self.req_string(&f, "at");
        let note = self.opt_string(&f, "note");
        Some(Declaration {
            evaluator: evaluator?,
            offer: offer?,
            conflict: conflict?,
            at: at?,
            note: note.ok()?,
        })
    }

    fn price_schedule(&mut self, value: &Value) -> Option<PriceSchedule> {
        const KEYS: &[&str] = &["lines", "abnormally_low_on", "offers", "corrections"];
        let f = self.object(value, "price_schedule", KEYS)?;
        let lines = self.list(&f, "lines", true, Self::schedule_line);
        let abnormally_low_on = self.opt_string(&f, "abnormally_low_on");
        let offers = self.list(&f, "offers", false, Self::schedule_offer);
        let corrections = self.list(&f, "corrections", false, Self::price_correction);
        Some(PriceSchedule {
            lines: lines?,
            abnormally_low_on: abnormally_low_on.ok()?,
            offers: offers?,
            corrections: corrections?,
        })
    }

    fn schedule_line(&mut self, value: &Value, path: &str) -> Option<ScheduleLine> {
        const KEYS: &[&str] = &["id", "label", "unit", "quantity", "group", "criterion"];
        let f = self.object(value, path, KEYS)?;
        let id = self.req_string(&f, "id");
        let label = self.req_string(&f, "label");
        let unit = self.req_string(&f, "unit");
        let quantity = self.req_number(&f, "quantity");
        let group = self.opt_string(&f, "group");
        let criterion = self.opt_string(&f, "criterion");
        Some(ScheduleLine {
            id: id?,
            label: label?,
            unit: unit?,
            quantity: quantity?,
            group: group.ok()?,
            criterion: criterion.ok()?,
        })
    }

    fn schedule_offer(&mut self, value: &Value, path: &str) -> Option<ScheduleOffer> {
        let f = self.object(value, path, &["offer", "prices", "submitted_total"])?;
        let offer = self.req_string(&f, "offer");
        let prices = self.list(&f, "prices", true, Self::line_price);
        let submitted_total = self.opt_number(&f, "submitted_total");
        Some(ScheduleOffer {
            offer: offer?,
            prices: prices?,
            submitted_total: submitted_total.ok()?,
        })
    }

    fn line_price(&mut self, value: &Value, path: &str) -> Option<LinePrice> {
        let f = self.object(value, path, &["line", "unit_price", "submitted_total"])?;
        let line = self.req_string(&f, "line");
        let unit_price = self.req_number(&f, "unit_price");
        let submitted_total = self.opt_number(&f, "submitted_total");
        Some(LinePrice {
            line: line?,
            unit_price: unit_price?,
            submitted_total: submitted_total.ok()?,
        })
    }

    fn price_correction(&mut self, value: &Value, path: &str) -> Option<PriceCorrection> {
        let f = self.object(value, path, &["offer", "line", "note", "at", "route"])?;
        let offer = self.req_string(&f, "offer");
        let line = self.opt_string(&f, "line");
        let note = self.req_string(&f, "note");
        let at = self.req_string(&f, "at");
        let route = match self.get(&f, "route") {
            None => Ok(None),
            Some(value) => {
                let names = CorrectionRoute::ALL.map(CorrectionRoute::name);
                self.enumerated(
                    value,
                    || join(path, "route"),
                    &names,
                    CorrectionRoute::from_name,
                )
                .map(Some)
                .ok_or(())
            }
        };
        Some(PriceCorrection {
            offer: offer?,
            line: line.ok()?,
            note: note?,
            at: at?,
            route: route.ok()?,
        })
    }
}

/// Rounds of a negotiated procedure and exchanges with bidders (crate::rounds).
impl Reader {
    fn req_date(&mut self, fields: &Fields, key: &str) -> Option<NaiveDate> {
        let value = self.required(fields, key)?;
        self.as_date(value, || join(&fields.path, key))
    }

    fn string_item(&mut self, value: &Value, path: &str) -> Option<String> {
        self.as_string(value, || path.to_owned())
    }

    fn negotiation(&mut self, value: &Value) -> Option<Negotiation> {
        const KEYS: &[&str] = &["reduction_announced", "initial_award_reserved", "rounds"];
        let f = self.object(value, "negotiation", KEYS)?;
        let reduction_announced = self.opt_bool(&f, "reduction_announced");
        let initial_award_reserved = self.opt_bool(&f, "initial_award_reserved");
        let rounds = self.list(&f, "rounds", true, Self::round);
        Some(Negotiation {
            reduction_announced: reduction_announced.ok()?,
            initial_award_reserved: initial_award_reserved.ok()?,
            rounds: rounds?,
        })
    }

    fn round(&mut self, value: &Value, path: &str) -> Option<Round> {
        const KEYS: &[&str] = &[
            "id",
            "label",
            "kind",
            "invited",
            "deadline",
            "offers",
            "scores",
            "consensus",
            "eliminated",
        ];
        let f = self.object(value, path, KEYS)?;
        let id = self.req_string(&f, "id");
        let label = self.req_string(&f, "label");
        let names: Vec<&str> = RoundKind::ALL.iter().map(|k| k.as_str()).collect();
        let kind = self
            .required(&f, "kind")
            .and_then(|v| self.enumerated(v, || join(path, "kind"), &names, RoundKind::from_name));
        let invited = self.opt_date(&f, "invited");
        let deadline = self.opt_date(&f, "deadline");
        let offers = self.list(&f, "offers", false, Self::offer_version);
        let scores = self.list(&f, "scores", false, Self::score);
        let consensus = self.list(&f, "consensus", false, Self::consensus);
        let eliminated = self.list(&f, "eliminated", false, Self::round_elimination);
        Some(Round {
            id: id?,
            label: label?,
            kind: kind?,
            invited: invited.ok()?,
            deadline: deadline.ok()?,
            offers: offers?,
            scores: scores?,
            consensus: consensus?,
            eliminated: eliminated?,
        })
    }

    fn offer_version(&mut self, value: &Value, path: &str) -> Option<OfferVersion> {
        let f = self.object(value, path, &["offer", "price", "certifications"])?;
        let offer = self.req_string(&f, "offer");
        let price = self.opt_number(&f, "price");
        let certifications = match self.get(&f, "certifications") {
            None => Ok(None),
            Some(_) => self
                .list(&f, "certifications", false, Self::certification)
                .map(Some)
                .ok_or(()),
        };
        Some(OfferVersion {
            offer: offer?,
            price: price.ok()?,
            certifications: certifications.ok()?,
        })
    }

    fn round_elimination(&mut self, value: &Value, path: &str) -> Option<RoundElimination> {
        let f = self.object(value, path, &["offer", "reason"])?;
        let offer = self.req_string(&f, "offer");
        let reason = self.req_string(&f, "reason");
        Some(RoundElimination {
            offer: offer?,
            reason: reason?,
        })
    }

    fn exchange(&mut self, value: &Value, path: &str) -> Option<Exchange> {
        const KEYS: &[&str] = &[
            "id",
            "offer",
            "kind",
            "round",
            "question",
            "criteria",
            "sent",
            "deadline",
            "received",
            "answer",
            "file_sha256",
            "cited_by",
        ];
        let f = self.object(value, path, KEYS)?;
        let id = self.req_string(&f, "id");
        let offer = self.req_string(&f, "offer");
        let names: Vec<&str> = ExchangeKind::ALL.iter().map(|k| k.as_str()).collect();
        let kind = self.required(&f, "kind").and_then(|v| {
            self.enumerated(v, || join(path, "kind"), &names, ExchangeKind::from_name)
        });
        let round = self.opt_string(&f, "round");
        let question = self.req_string(&f, "question");
        let criteria = self.list(&f, "criteria", false, Self::string_item);
        let sent = self.req_date(&f, "sent");
        let deadline = self.opt_date(&f, "deadline");
        let received = self.opt_date(&f, "received");
        let answer = self.opt_string(&f, "answer");
        let file_sha256 = self.opt_string(&f, "file_sha256");
        let cited_by = self.list(&f, "cited_by", false, Self::citation);
        Some(Exchange {
            id: id?,
            offer: offer?,
            kind: kind?,
            round: round.ok()?,
            question: question?,
            criteria: criteria?,
            sent: sent?,
            deadline: deadline.ok()?,
            received: received.ok()?,
            answer: answer.ok()?,
            file_sha256: file_sha256.ok()?,
            cited_by: cited_by?,
        })
    }

    fn citation(&mut self, value: &Value, path: &str) -> Option<Citation> {
        let f = self.object(value, path, &["criterion", "evaluator"])?;
        let criterion = self.req_string(&f, "criterion");
        let evaluator = self.opt_string(&f, "evaluator");
        Some(Citation {
            criterion: criterion?,
            evaluator: evaluator.ok()?,
        })
    }
}
