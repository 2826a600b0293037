//! Reading a consultation document (`jauge/consultation@1`, `docs/consultation-format.md`).
//!
//! A consultation holds lots, and each lot's evaluation is an evaluation document less its
//! `format` and `tender`, which the consultation gives. So that there is one reader of criteria,
//! scores and offers, each lot's evaluation is completed into an evaluation document (the
//! consultation's `tender` with `lot` set, each offer's `bidder` id replaced by the bidder's
//! company, its certifications taken from the bidder when it gives none) and read by the
//! evaluation reader itself, both passes; its problems come back with paths under
//! `lots[i].evaluation`. The consultation's own keys are read as strictly: unknown keys refused,
//! every problem named by its path, at most [`super::MAX_PROBLEMS`] kept.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::shape::{self, Fields, Reader, expected, malformed};
use super::{Invalid, MAX_EVALUATION_BYTES, ProblemCode as Code, index, join};
use crate::lots::*;
use crate::model::{EVALUATION_FORMAT, Evaluation};
use crate::words::{Params, show};

/// The `format` of a JSON document, when it has one: tells a consultation from an evaluation.
pub fn document_format(text: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Head {
        format: Option<String>,
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str::<Head>(text).ok()?.format
}

/// Reads and validates a consultation document.
pub fn parse_consultation(text: &str) -> Result<Consultation, Invalid> {
    if text.len() > MAX_EVALUATION_BYTES {
        return Err(super::too_large("", text.len(), MAX_EVALUATION_BYTES));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| malformed(&e))?;
    let mut reader = Reader::default();
    let consultation = read(&mut reader, &value);
    match consultation {
        Some(c) if reader.problems.is_empty() => Ok(c),
        _ => {
            reader.problems.into_result()?;
            Err(Invalid::one(
                "",
                Code::Unreadable,
                Params::new().with("detail", "unreadable"),
            ))
        }
    }
}

/// Reads a consultation, or a plain evaluation file as a consultation of one lot
/// ([`Consultation::from_evaluation`]), by the document's `format`.
pub fn parse_consultation_or_evaluation(text: &str) -> Result<Consultation, Invalid> {
    if document_format(text).as_deref() == Some(CONSULTATION_FORMAT) {
        parse_consultation(text)
    } else {
        super::parse_evaluation(text).map(Consultation::from_evaluation)
    }
}

fn read(r: &mut Reader, value: &Value) -> Option<Consultation> {
    const KEYS: &[&str] = &["format", "consultation", "bidders", "award", "lots"];
    let fields = r.object(value, "", KEYS)?;
    if let Some(format) = r.req_string(&fields, "format")
        && format != CONSULTATION_FORMAT
    {
        r.problem(
            "format",
            Code::UnsupportedFormat,
            Params::new()
                .with("format", format)
                .with("expected", CONSULTATION_FORMAT),
        );
    }
    let info = r.required(&fields, "consultation").and_then(|v| info(r, v));
    let bidders = r.list(&fields, "bidders", true, bidder);
    let rules = match r.get(&fields, "award") {
        None => Some(AwardRules::default()),
        Some(v) => award_rules(r, v),
    };
    // Lots are read whatever became of the award rules, so that their problems show too.
    let (info, bidders) = (info?, bidders?);
    check_bidders(r, &bidders);
    let lots_value = r.required(&fields, "lots")?;
    let items = r.array(lots_value, "lots")?;
    if items.is_empty() {
        r.problem("lots", Code::Empty, Params::new());
    }
    if items.len() > MAX_LOTS {
        r.problem("lots", Code::TooMany, too_many(items.len(), MAX_LOTS));
        return None;
    }
    let bidder_index: HashMap<&str, usize> = bidders
        .iter()
        .enumerate()
        .map(|(i, b)| (b.id.as_str(), i))
        .collect();
    let raw_certifications = raw_bidder_certifications(value);
    let mut lots = Vec::with_capacity(items.len());
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let context = LotContext {
            info: &info,
            bidders: &bidders,
            bidder_index: &bidder_index,
            raw_certifications: &raw_certifications,
        };
        match lot(r, item, &index("lots", i), &context) {
            Some(lot) => lots.push(lot),
            None => ok = false,
        }
    }
    if !ok {
        return None;
    }
    check_lots(r, &lots, &bidders);
    Some(Consultation {
        info,
        bidders,
        rules: rules?,
        lots,
    })
}

fn too_many(count: usize, limit: usize) -> Params {
    Params::new()
        .with("count", count.to_string())
        .with("limit", limit.to_string())
}

/// The consultation's header: the evaluation's tender fields but `lot`, read by the same code.
fn info(r: &mut Reader, value: &Value) -> Option<ConsultationInfo> {
    let tender = r.tender_at(value, "consultation", false)?;
    for (key, text) in [
        ("reference", &tender.reference),
        ("title", &tender.title),
        ("buyer", &tender.buyer),
    ] {
        if text.trim().is_empty() {
            r.problem(join("consultation", key), Code::Empty, Params::new());
        }
    }
    if let Some(currency) = &tender.currency
        && !(currency.len() == 3 && currency.bytes().all(|b| b.is_ascii_uppercase()))
    {
        r.problem(
            "consultation.currency",
            Code::InvalidCurrency,
            Params::new().with("currency", currency.as_str()),
        );
    }
    Some(ConsultationInfo {
        reference: tender.reference,
        title: tender.title,
        buyer: tender.buyer,
        procedure: tender.procedure,
        launch_date: tender.launch_date,
        deadline: tender.deadline,
        currency: tender.currency,
    })
}

fn bidder(r: &mut Reader, value: &Value, path: &str) -> Option<Bidder> {
    const KEYS: &[&str] = &["id", "company", "siret", "certifications", "preferences"];
    let f = r.object(value, path, KEYS)?;
    let id = r.req_string(&f, "id");
    let company = r.req_string(&f, "company");
    let siret = r.opt_string(&f, "siret");
    let certifications = match r.get(&f, "certifications") {
        None => Ok(None),
        Some(_) => r
            .list(&f, "certifications", false, Reader::certification)
            .map(Some)
            .ok_or(()),
    };
    let preferences = r.list(&f, "preferences", false, |r, v, p| {
        r.as_string(v, || p.to_owned())
    });
    if let Ok(Some(siret)) = &siret
        && !(siret.len() == 14 && siret.bytes().all(|b| b.is_ascii_digit()))
    {
        r.problem(
            join(path, "siret"),
            Code::InvalidSiret,
            Params::new().with("siret", siret.as_str()),
        );
    }
    if company.as_ref().is_some_and(|c| c.trim().is_empty()) {
        r.problem(join(path, "company"), Code::Empty, Params::new());
    }
    Some(Bidder {
        id: id?,
        company: company?,
        siret: siret.ok()?,
        certifications: certifications.ok()?,
        preferences: preferences?,
    })
}

fn check_bidders(r: &mut Reader, bidders: &[Bidder]) {
    if bidders.len() > MAX_BIDDERS {
        r.problem(
            "bidders",
            Code::TooMany,
            too_many(bidders.len(), MAX_BIDDERS),
        );
    }
    let mut seen: HashMap<&str, String> = HashMap::new();
    for (i, b) in bidders.iter().enumerate() {
        let path = index("bidders", i);
        identifier(r, &b.id, &path, &mut seen);
    }
}

fn identifier<'a>(r: &mut Reader, id: &'a str, path: &str, seen: &mut HashMap<&'a str, String>) {
    let id_path = join(path, "id");
    if !super::rules::is_identifier(id) {
        r.problem(id_path, Code::InvalidId, Params::new().with("id", id));
    } else if let Some(first) = seen.get(id) {
        let params = Params::new().with("id", id).with("first", first.as_str());
        r.problem(id_path, Code::DuplicateId, params);
    } else {
        seen.insert(id, path.to_owned());
    }
}

/// A whole number of at least 1 (a lot number, a cap, a number of holders).
fn whole(r: &mut Reader, f: &Fields, key: &str) -> Result<Option<u32>, ()> {
    let Some(n) = r.opt_number(f, key)? else {
        return Ok(None);
    };
    if n.fract() != 0.0 || !(1.0..=1_000_000.0).contains(&n) {
        r.problem(
            join(&f.path, key),
            Code::NotAWholeNumber,
            Params::new().with("value", show(n)),
        );
        return Err(());
    }
    Ok(Some(n as u32))
}

fn award_rules(r: &mut Reader, value: &Value) -> Option<AwardRules> {
    const KEYS: &[&str] = &["max_lots_awarded_per_bidder", "over_cap_rule"];
    let f = r.object(value, "award", KEYS)?;
    let cap = whole(r, &f, "max_lots_awarded_per_bidder");
    let rule = match r.get(&f, "over_cap_rule") {
        None => Ok(None),
        Some(v) => {
            let names: Vec<&str> = OverCapRule::ALL.iter().map(|r| r.as_str()).collect();
            r.enumerated(
                v,
                || "award.over_cap_rule".into(),
                &names,
                OverCapRule::from_name,
            )
            .map(Some)
            .ok_or(())
        }
    };
    Some(AwardRules {
        max_lots_awarded_per_bidder: cap.ok()?,
        over_cap_rule: rule.ok()?,
    })
}

/// Each bidder's `certifications` as written, to copy into the offers that give none (read
/// and checked on the bidder; the lot's reader checks them again as the offer's).
fn raw_bidder_certifications(document: &Value) -> HashMap<String, Value> {
    let mut out = HashMap::new();
    if let Some(items) = document.get("bidders").and_then(Value::as_array) {
        for item in items {
            if let (Some(id), Some(certs)) = (
                item.get("id").and_then(Value::as_str),
                item.get("certifications").filter(|v| !v.is_null()),
            ) {
                out.insert(id.to_owned(), certs.clone());
            }
        }
    }
    out
}

struct LotContext<'a> {
    info: &'a ConsultationInfo,
    bidders: &'a [Bidder],
    bidder_index: &'a HashMap<&'a str, usize>,
    raw_certifications: &'a HashMap<String, Value>,
}

fn lot(r: &mut Reader, value: &Value, path: &str, context: &LotContext) -> Option<Lot> {
    const KEYS: &[&str] = &[
        "id",
        "number",
        "title",
        "estimated_value",
        "award",
        "sans_suite",
        "evaluation",
    ];
    let f = r.object(value, path, KEYS)?;
    let id = r.req_string(&f, "id");
    let number = whole(r, &f, "number").and_then(|n| {
        if n.is_none() {
            r.problem(join(path, "number"), Code::Required, Params::new());
        }
        n.ok_or(())
    });
    let title = r.req_string(&f, "title");
    let estimated_value = r.req_number(&f, "estimated_value");
    if let Some(v) = estimated_value
        && !(0.0..=super::MAX_MAGNITUDE).contains(&v)
    {
        // Each with exactly the parameters its sentence names.
        let (code, params) = if v < 0.0 {
            (Code::NegativeAmount, Params::new().with("value", show(v)))
        } else {
            (
                Code::TooBig,
                Params::new()
                    .with("value", show(v))
                    .with("limit", show(super::MAX_MAGNITUDE)),
            )
        };
        r.problem(join(path, "estimated_value"), code, params);
    }
    if title.as_ref().is_some_and(|t| t.trim().is_empty()) {
        r.problem(join(path, "title"), Code::Empty, Params::new());
    }
    let award = match r.get(&f, "award") {
        None => Some(LotAward::Single),
        Some(v) => lot_award(r, v, &join(path, "award")),
    };
    // `{"reason": "…"}`, as an offer's `irregular`: the buyer's decision, with its reason.
    let sans_suite = match r.get(&f, "sans_suite") {
        None => Some(None),
        Some(v) => {
            let at = join(path, "sans_suite");
            r.object(v, &at, &["reason"]).and_then(|g| {
                let reason = r.req_string(&g, "reason")?;
                if reason.trim().is_empty() {
                    r.problem(join(&at, "reason"), Code::Empty, Params::new());
                }
                Some(Some(reason))
            })
        }
    };
    let lot_label = match (&number, &title) {
        (Ok(n), Some(t)) => crate::lots::lot_label(*n, t),
        _ => String::new(),
    };
    let evaluation = r
        .required(&f, "evaluation")
        .and_then(|v| lot_evaluation(r, v, &join(path, "evaluation"), &lot_label, context));
    let (evaluation, offer_bidders) = evaluation?;
    Some(Lot {
        id: id?,
        number: number.ok()?,
        title: title?,
        estimated_value: estimated_value?,
        award: award?,
        sans_suite: sans_suite?,
        evaluation,
        offer_bidders,
    })
}

fn lot_award(r: &mut Reader, value: &Value, path: &str) -> Option<LotAward> {
    // `"single"` says as much as `{"kind": "single"}`; a framework needs its number of holders.
    if value.as_str() == Some("single") {
        return Some(LotAward::Single);
    }
    let kind = value.get("kind").and_then(Value::as_str);
    let allowed: &[&str] = match kind {
        Some("framework") => &["kind", "holders", "min_total"],
        _ => &["kind"],
    };
    let f = r.object(value, path, allowed)?;
    let kind_value = r.required(&f, "kind")?;
    let kind = r.enumerated(
        kind_value,
        || join(path, "kind"),
        &["single", "framework"],
        |name| match name {
            "single" | "framework" => Some(name.to_owned()),
            _ => None,
        },
    )?;
    if kind == "single" {
        return Some(LotAward::Single);
    }
    let holders = whole(r, &f, "holders").ok()?;
    let min_total = r.opt_number(&f, "min_total").ok()?;
    match (holders, min_total) {
        (Some(n), None) => Some(LotAward::Holders(n)),
        (None, Some(x)) if (0.0..=100.0).contains(&x) => Some(LotAward::MinTotal(x)),
        (None, Some(x)) => {
            r.problem(
                join(path, "min_total"),
                Code::OutsideRange,
                Params::new()
                    .with("value", show(x))
                    .with("range", "[0, 100]"),
            );
            None
        }
        _ => {
            r.problem(path, Code::HoldersOrMinTotal, Params::new());
            None
        }
    }
}

/// Completes the lot's evaluation into an evaluation document and reads it with the evaluation
/// reader; returns it with each offer's bidder id.
fn lot_evaluation(
    r: &mut Reader,
    value: &Value,
    path: &str,
    lot_label: &str,
    context: &LotContext,
) -> Option<(Evaluation, Vec<String>)> {
    let Value::Object(map) = value else {
        r.problem(path, Code::ExpectedType, expected("object", value));
        return None;
    };
    let mut document: Map<String, Value> = map.clone();
    let mut ok = true;
    for key in ["format", "tender"] {
        if document.contains_key(key) {
            r.problem(
                join(path, key),
                Code::GivenByConsultation,
                Params::new().with("key", key),
            );
            ok = false;
        }
    }
    let mut offer_bidders = Vec::new();
    if let Some(Value::Array(offers)) = document.get_mut("offers") {
        let mut bid: HashMap<String, String> = HashMap::new();
        for (i, offer) in offers.iter_mut().enumerate() {
            let offer_path = index(&join(path, "offers"), i);
            let Value::Object(offer) = offer else {
                continue; // The evaluation reader names it.
            };
            let bidder_id = match offer.get("bidder") {
                Some(Value::String(id)) => id.clone(),
                _ => {
                    ok = false;
                    r.problem(join(&offer_path, "bidder"), Code::Required, Params::new());
                    continue;
                }
            };
            let Some(&b) = context.bidder_index.get(bidder_id.as_str()) else {
                ok = false;
                r.problem(
                    join(&offer_path, "bidder"),
                    Code::UnknownBidder,
                    Params::new().with("id", bidder_id.as_str()),
                );
                continue;
            };
            if let Some(first) = bid.get(&bidder_id) {
                ok = false;
                r.problem(
                    join(&offer_path, "bidder"),
                    Code::DuplicateBid,
                    Params::new()
                        .with("bidder", bidder_id.as_str())
                        .with("first", first.as_str()),
                );
            } else {
                bid.insert(bidder_id.clone(), offer_path.clone());
            }
            offer
                .entry("id")
                .or_insert_with(|| Value::String(bidder_id.clone()));
            offer.insert(
                "bidder".into(),
                Value::String(context.bidders[b].company.clone()),
            );
            if !offer.contains_key("certifications")
                && let Some(certs) = context.raw_certifications.get(&bidder_id)
            {
                offer.insert("certifications".into(), certs.clone());
            }
            offer_bidders.push(bidder_id);
        }
    }
    if !ok {
        return None;
    }
    document.insert("format".into(), Value::String(EVALUATION_FORMAT.into()));
    let tender = context.info.tender_of(lot_label);
    let tender = serde_json::to_value(&tender).ok()?;
    document.insert("tender".into(), tender);
    let document = Value::Object(document);
    let read = shape::read_value(&document).and_then(|e| {
        super::validate_evaluation(&e)?;
        Ok(e)
    });
    match read {
        Ok(evaluation) => Some((evaluation, offer_bidders)),
        Err(invalid) => {
            for problem in invalid.problems {
                let inner = match problem.path.strip_prefix("tender") {
                    // The tender is the consultation's: say so where the buyer wrote it.
                    Some(rest) => format!("consultation{rest}"),
                    None => join(path, &problem.path),
                };
                r.problem(inner, problem.code, problem.params);
            }
            r.problems.omitted += invalid.omitted;
            None
        }
    }
}

/// The rules that tie lots together: ids and numbers unique, preferences naming lots.
fn check_lots(r: &mut Reader, lots: &[Lot], bidders: &[Bidder]) {
    let mut ids: HashMap<&str, String> = HashMap::new();
    let mut numbers: HashMap<u32, String> = HashMap::new();
    for (i, lot) in lots.iter().enumerate() {
        let path = index("lots", i);
        identifier(r, &lot.id, &path, &mut ids);
        if let Some(first) = numbers.get(&lot.number) {
            r.problem(
                join(&path, "number"),
                Code::DuplicateLotNumber,
                Params::new()
                    .with("number", lot.number.to_string())
                    .with("first", first.as_str()),
            );
        } else {
            numbers.insert(lot.number, path);
        }
    }
    for (i, bidder) in bidders.iter().enumerate() {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (k, id) in bidder.preferences.iter().enumerate() {
            let path = index(&join(&index("bidders", i), "preferences"), k);
            if !ids.contains_key(id.as_str()) {
                r.problem(
                    path,
                    Code::UnknownLot,
                    Params::new().with("id", id.as_str()),
                );
            } else if let Some(first) = seen.get(id.as_str()) {
                let params = Params::new()
                    .with("id", id.as_str())
                    .with("first", index("preferences", *first));
                r.problem(path, Code::DuplicateId, params);
            } else {
                seen.insert(id.as_str(), k);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EVALUATION_FORMAT;

    fn lot_json(id: &str, number: u32, offers: &str) -> String {
        format!(
            r#"{{"id": "{id}", "number": {number}, "title": "Lot {number}", "estimated_value": 1000,
              "evaluation": {{
                "criteria": [{{"id": "q", "title": "Qualité", "weight": 100, "kind": "scored", "scale": {{"min": 0, "max": 10}}}}],
                "evaluators": [{{"id": "e", "name": "Ève"}}],
                "offers": {offers},
                "scores": []
              }}}}"#
        )
    }

    fn document(lots: &[String], extra: &str) -> String {
        format!(
            r#"{{"format": "jauge/consultation@1",
              "consultation": {{"reference": "C-1", "title": "Cloud", "buyer": "Ville", "deadline": "2026-10-01"}},
              "bidders": [{{"id": "a", "company": "Alpha SAS", "siret": "12345678901234"}}, {{"id": "b", "company": "Beta"}}]
              {extra},
              "lots": [{}]}}"#,
            lots.join(",")
        )
    }

    #[test]
    fn a_lot_reads_through_the_evaluation_reader() {
        let text = document(
            &[lot_json(
                "L1",
                1,
                r#"[{"bidder": "a"}, {"id": "o2", "bidder": "b"}]"#,
            )],
            "",
        );
        let c = parse_consultation(&text).unwrap_or_else(|e| panic!("{e}"));
        let lot = &c.lots[0];
        assert_eq!(lot.evaluation.offers[0].id, "a");
        assert_eq!(lot.evaluation.offers[0].bidder, "Alpha SAS");
        assert_eq!(lot.evaluation.offers[1].id, "o2");
        assert_eq!(lot.offer_bidders, vec!["a", "b"]);
        assert_eq!(lot.evaluation.tender.lot.as_deref(), Some("1 – Lot 1"));
        assert_eq!(c.rules.over_cap_rule(), OverCapRule::LotValue);
    }

    #[test]
    fn problems_inside_a_lot_name_their_place_in_the_consultation() {
        let text = document(
            &[
                lot_json("L1", 1, r#"[{"bidder": "a", "colour": 1}]"#),
                lot_json(
                    "L2",
                    1,
                    r#"[{"bidder": "z"}, {"bidder": "b"}, {"bidder": "b"}]"#,
                ),
            ],
            r#", "award": {"max_lots_awarded_per_bidder": 0, "over_cap_rule": "random"}"#,
        );
        let invalid = parse_consultation(&text).err().unwrap_or_else(|| panic!());
        let paths: Vec<String> = invalid.problems.iter().map(|p| p.to_string()).collect();
        let text = paths.join("\n");
        assert!(
            text.contains("award.max_lots_awarded_per_bidder:"),
            "{text}"
        );
        assert!(text.contains("award.over_cap_rule:"), "{text}");
        assert!(
            text.contains("lots[0].evaluation.offers[0].colour: unknown key"),
            "{text}"
        );
        assert!(
            text.contains("lots[1].evaluation.offers[0].bidder:"),
            "{text}"
        );
        assert!(
            text.contains("lots[1].evaluation.offers[2].bidder:"),
            "{text}"
        );
    }

    #[test]
    fn duplicate_lot_numbers_and_unknown_preferences_are_refused() {
        let text = document(
            &[
                lot_json("L1", 1, r#"[{"bidder": "a"}]"#),
                lot_json("L2", 1, r#"[{"bidder": "b"}]"#),
            ],
            "",
        )
        .replace(
            r#""company": "Beta""#,
            r#""company": "Beta", "preferences": ["L9"]"#,
        );
        let invalid = parse_consultation(&text).err().unwrap_or_else(|| panic!());
        let codes: Vec<(String, Code)> = invalid
            .problems
            .iter()
            .map(|p| (p.path.clone(), p.code))
            .collect();
        assert!(codes.contains(&("lots[1].number".into(), Code::DuplicateLotNumber)));
        assert!(codes.contains(&("bidders[1].preferences[0]".into(), Code::UnknownLot)));
    }

    #[test]
    fn a_single_award_may_be_written_as_a_word() {
        let text = document(&[lot_json("L1", 1, r#"[{"bidder": "a"}]"#)], "").replace(
            r#""estimated_value": 1000,"#,
            r#""estimated_value": 1000, "award": "single","#,
        );
        let c = parse_consultation(&text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.lots[0].award, LotAward::Single);
        let framework = text.replace(r#""award": "single""#, r#""award": "framework""#);
        let invalid = parse_consultation(&framework)
            .err()
            .unwrap_or_else(|| panic!());
        assert_eq!(invalid.problems[0].path, "lots[0].award");
    }

    #[test]
    fn a_lot_may_not_give_its_own_tender_or_format() {
        let text = document(&[lot_json("L1", 1, r#"[{"bidder": "a"}]"#)], "").replace(
            r#""scores": []"#,
            &format!(r#""scores": [], "format": "{EVALUATION_FORMAT}""#),
        );
        let invalid = parse_consultation(&text).err().unwrap_or_else(|| panic!());
        assert_eq!(invalid.problems[0].path, "lots[0].evaluation.format");
        assert_eq!(invalid.problems[0].code, Code::GivenByConsultation);
    }

    #[test]
    fn a_plain_evaluation_reads_as_a_one_lot_consultation() {
        let text = include_str!("../../../../tests/fixtures/example-minimal.json");
        let c = parse_consultation_or_evaluation(text).unwrap_or_else(|e| panic!("{e}"));
        let plain = super::super::parse_evaluation(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.lots.len(), 1);
        assert_eq!(c.lots[0].evaluation, plain);
    }
}
