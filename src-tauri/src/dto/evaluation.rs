//! The evaluation as the UI edits it. Field meanings are those of the evaluation file format;
//! dates are `YYYY-MM-DD` strings. Parts the UI sends back (tender, settings, criteria,
//! evaluators, offers, scores, consensus) convert with `TryFrom`, because a date or an answer
//! can be malformed before the domain's validation even runs.

use chrono::NaiveDate;
use jauge_api::domain::{
    AbnormallyLowMethod, Answer, AutoCheck, Certification, CertificationStatus, Consensus,
    Consolidation, Criterion, CriterionBody, Evaluation, Evaluator, Level, Offer, PriceFormula,
    Procedure, Scale, Score, Settings, Tender,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::IpcError;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct EvaluationDto {
    pub tender: TenderDto,
    pub settings: SettingsDto,
    pub criteria: Vec<CriterionDto>,
    pub evaluators: Vec<EvaluatorDto>,
    pub offers: Vec<OfferDto>,
    pub scores: Vec<ScoreDto>,
    pub consensus: Vec<ConsensusDto>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(optional_fields = nullable)]
pub struct TenderDto {
    pub reference: String,
    pub title: String,
    pub buyer: String,
    pub lot: Option<String>,
    pub procedure: Option<ProcedureDto>,
    pub launch_date: Option<String>,
    pub deadline: String,
    /// ISO 4217; `EUR` when absent.
    pub currency: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProcedureDto {
    Open,
    Restricted,
    Negotiated,
    CompetitiveDialogue,
    Adapted,
}

/// Absent values mean the format's defaults: `mean`, 0.30 and `mean_minus_sigma`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(optional_fields = nullable)]
pub struct SettingsDto {
    pub consolidation: Option<ConsolidationDto>,
    pub divergence_threshold: Option<f64>,
    pub abnormally_low: Option<AbnormallyLowDto>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConsolidationDto {
    Mean,
    Median,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum AbnormallyLowDto {
    None,
    MeanMinusSigma,
    PercentBelowMean {
        /// 20 when absent.
        #[ts(optional = nullable)]
        percent: Option<f64>,
    },
    TrimmedMean,
}

/// A node of the criteria tree: a group (`body.kind == "group"`) or a leaf.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(optional_fields = nullable)]
pub struct CriterionDto {
    pub id: String,
    pub title: String,
    pub weight: f64,
    pub environmental: Option<bool>,
    /// Catalog references such as `secnumcloud@3.2:19.6.b`.
    pub refs: Option<Vec<String>>,
    pub body: CriterionBodyDto,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CriterionBodyDto {
    Group {
        children: Vec<CriterionDto>,
    },
    Scored {
        scale: ScaleDto,
        #[ts(optional = nullable)]
        levels: Option<Vec<LevelDto>>,
        /// Minimum consolidated value; below it the offer is eliminated.
        #[ts(optional = nullable)]
        threshold: Option<f64>,
    },
    Price {
        formula: PriceFormulaDto,
    },
    Requirement {
        #[ts(optional = nullable)]
        auto: Option<AutoCheckDto>,
    },
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
#[ts(optional_fields = nullable)]
pub struct ScaleDto {
    pub min: f64,
    pub max: f64,
    pub step: Option<f64>,
}

/// The anchored meaning of one value of a scale.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct LevelDto {
    pub value: f64,
    pub label: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
#[serde(tag = "name", rename_all = "snake_case")]
pub enum PriceFormulaDto {
    Proportional,
    Linear,
    RelativeGap,
    NTimes { n: f64 },
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(optional_fields = nullable)]
pub struct AutoCheckDto {
    pub scheme: String,
    pub min_level: Option<f64>,
    /// `["qualified", "certified"]` when absent.
    pub status: Option<Vec<CertificationStatusDto>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(optional_fields = nullable)]
pub struct EvaluatorDto {
    pub id: String,
    pub name: String,
    pub role: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(optional_fields = nullable)]
pub struct OfferDto {
    pub id: String,
    pub bidder: String,
    /// Commercial name; the bidder stands for it when absent.
    pub name: Option<String>,
    pub price: Option<f64>,
    /// Why the buyer declared the offer irregular, unacceptable or inappropriate.
    pub irregular: Option<String>,
    pub certifications: Option<Vec<CertificationDto>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(optional_fields = nullable)]
pub struct CertificationDto {
    pub scheme: String,
    pub level: Option<f64>,
    pub status: CertificationStatusDto,
    pub valid_from: Option<String>,
    pub valid_until: Option<String>,
    pub reference: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CertificationStatusDto {
    Qualified,
    Certified,
    InProgress,
    Declared,
    Expired,
    Withdrawn,
}

/// One evaluator's score: exactly one of `value` (scored leaf) and `met` (requirement) is set.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(optional_fields = nullable)]
pub struct ScoreDto {
    pub offer: String,
    pub criterion: String,
    pub evaluator: String,
    pub value: Option<f64>,
    pub met: Option<bool>,
    pub justification: Option<String>,
    /// RFC 3339, kept as written.
    pub at: Option<String>,
}

/// The committee's decision: exactly one of `value` and `met` is set.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(optional_fields = nullable)]
pub struct ConsensusDto {
    pub offer: String,
    pub criterion: String,
    pub value: Option<f64>,
    pub met: Option<bool>,
    pub justification: String,
}

fn date_text(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

fn parse_date(field: &str, text: &str) -> Result<NaiveDate, IpcError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| IpcError::invalid(format!("{field}: « {text} » is not a date (YYYY-MM-DD)")))
}

fn parse_optional_date(field: &str, text: Option<String>) -> Result<Option<NaiveDate>, IpcError> {
    text.map(|t| parse_date(field, &t)).transpose()
}

fn answer(what: &str, value: Option<f64>, met: Option<bool>) -> Result<Answer, IpcError> {
    match (value, met) {
        (Some(value), None) => Ok(Answer::Value(value)),
        (None, Some(met)) => Ok(Answer::Met(met)),
        _ => Err(IpcError::invalid(format!(
            "{what}: exactly one of value and met must be given"
        ))),
    }
}

fn answer_parts(answer: Answer) -> (Option<f64>, Option<bool>) {
    match answer {
        Answer::Value(value) => (Some(value), None),
        Answer::Met(met) => (None, Some(met)),
    }
}

impl From<&Evaluation> for EvaluationDto {
    fn from(e: &Evaluation) -> Self {
        EvaluationDto {
            tender: (&e.tender).into(),
            settings: (&e.settings).into(),
            criteria: e.criteria.iter().map(Into::into).collect(),
            evaluators: e.evaluators.iter().map(Into::into).collect(),
            offers: e.offers.iter().map(Into::into).collect(),
            scores: e.scores.iter().map(Into::into).collect(),
            consensus: e.consensus.iter().map(Into::into).collect(),
        }
    }
}

impl From<&Tender> for TenderDto {
    fn from(t: &Tender) -> Self {
        TenderDto {
            reference: t.reference.clone(),
            title: t.title.clone(),
            buyer: t.buyer.clone(),
            lot: t.lot.clone(),
            procedure: t.procedure.map(Into::into),
            launch_date: t.launch_date.map(date_text),
            deadline: date_text(t.deadline),
            currency: t.currency.clone(),
        }
    }
}

impl TryFrom<TenderDto> for Tender {
    type Error = IpcError;
    fn try_from(t: TenderDto) -> Result<Self, IpcError> {
        Ok(Tender {
            launch_date: parse_optional_date("tender.launchDate", t.launch_date)?,
            deadline: parse_date("tender.deadline", &t.deadline)?,
            reference: t.reference,
            title: t.title,
            buyer: t.buyer,
            lot: t.lot,
            procedure: t.procedure.map(Into::into),
            currency: t.currency,
        })
    }
}

impl From<Procedure> for ProcedureDto {
    fn from(p: Procedure) -> Self {
        match p {
            Procedure::Open => ProcedureDto::Open,
            Procedure::Restricted => ProcedureDto::Restricted,
            Procedure::Negotiated => ProcedureDto::Negotiated,
            Procedure::CompetitiveDialogue => ProcedureDto::CompetitiveDialogue,
            Procedure::Adapted => ProcedureDto::Adapted,
        }
    }
}

impl From<ProcedureDto> for Procedure {
    fn from(p: ProcedureDto) -> Self {
        match p {
            ProcedureDto::Open => Procedure::Open,
            ProcedureDto::Restricted => Procedure::Restricted,
            ProcedureDto::Negotiated => Procedure::Negotiated,
            ProcedureDto::CompetitiveDialogue => Procedure::CompetitiveDialogue,
            ProcedureDto::Adapted => Procedure::Adapted,
        }
    }
}

impl From<&Settings> for SettingsDto {
    fn from(s: &Settings) -> Self {
        SettingsDto {
            consolidation: s.consolidation.map(|c| match c {
                Consolidation::Mean => ConsolidationDto::Mean,
                Consolidation::Median => ConsolidationDto::Median,
            }),
            divergence_threshold: s.divergence_threshold,
            abnormally_low: s.abnormally_low.map(|m| match m {
                AbnormallyLowMethod::None => AbnormallyLowDto::None,
                AbnormallyLowMethod::MeanMinusSigma => AbnormallyLowDto::MeanMinusSigma,
                AbnormallyLowMethod::PercentBelowMean { percent } => {
                    AbnormallyLowDto::PercentBelowMean { percent }
                }
                AbnormallyLowMethod::TrimmedMean => AbnormallyLowDto::TrimmedMean,
            }),
        }
    }
}

impl From<SettingsDto> for Settings {
    fn from(s: SettingsDto) -> Self {
        Settings {
            consolidation: s.consolidation.map(|c| match c {
                ConsolidationDto::Mean => Consolidation::Mean,
                ConsolidationDto::Median => Consolidation::Median,
            }),
            divergence_threshold: s.divergence_threshold,
            abnormally_low: s.abnormally_low.map(|m| match m {
                AbnormallyLowDto::None => AbnormallyLowMethod::None,
                AbnormallyLowDto::MeanMinusSigma => AbnormallyLowMethod::MeanMinusSigma,
                AbnormallyLowDto::PercentBelowMean { percent } => {
                    AbnormallyLowMethod::PercentBelowMean { percent }
                }
                AbnormallyLowDto::TrimmedMean => AbnormallyLowMethod::TrimmedMean,
            }),
        }
    }
}

impl From<&Criterion> for CriterionDto {
    fn from(c: &Criterion) -> Self {
        let body = match &c.body {
            CriterionBody::Group { children } => CriterionBodyDto::Group {
                children: children.iter().map(Into::into).collect(),
            },
            CriterionBody::Scored {
                scale,
                levels,
                threshold,
            } => CriterionBodyDto::Scored {
                scale: ScaleDto {
                    min: scale.min,
                    max: scale.max,
                    step: scale.step,
                },
                levels: levels.as_ref().map(|levels| {
                    levels
                        .iter()
                        .map(|l| LevelDto {
                            value: l.value,
                            label: l.label.clone(),
                        })
                        .collect()
                }),
                threshold: *threshold,
            },
            CriterionBody::Price { formula } => CriterionBodyDto::Price {
                formula: (*formula).into(),
            },
            CriterionBody::Requirement { auto } => CriterionBodyDto::Requirement {
                auto: auto.as_ref().map(|a| AutoCheckDto {
                    scheme: a.scheme.clone(),
                    min_level: a.min_level,
                    status: a
                        .status
                        .as_ref()
                        .map(|s| s.iter().map(|&s| s.into()).collect()),
                }),
            },
        };
        CriterionDto {
            id: c.id.clone(),
            title: c.title.clone(),
            weight: c.weight,
            environmental: c.environmental,
            refs: c.refs.clone(),
            body,
        }
    }
}

impl From<CriterionDto> for Criterion {
    fn from(c: CriterionDto) -> Self {
        let body = match c.body {
            CriterionBodyDto::Group { children } => CriterionBody::Group {
                children: children.into_iter().map(Into::into).collect(),
            },
            CriterionBodyDto::Scored {
                scale,
                levels,
                threshold,
            } => CriterionBody::Scored {
                scale: Scale {
                    min: scale.min,
                    max: scale.max,
                    step: scale.step,
                },
                levels: levels.map(|levels| {
                    levels
                        .into_iter()
                        .map(|l| Level {
                            value: l.value,
                            label: l.label,
                        })
                        .collect()
                }),
                threshold,
            },
            CriterionBodyDto::Price { formula } => CriterionBody::Price {
                formula: formula.into(),
            },
            CriterionBodyDto::Requirement { auto } => CriterionBody::Requirement {
                auto: auto.map(|a| AutoCheck {
                    scheme: a.scheme,
                    min_level: a.min_level,
                    status: a.status.map(|s| s.into_iter().map(Into::into).collect()),
                }),
            },
        };
        Criterion {
            id: c.id,
            title: c.title,
            weight: c.weight,
            environmental: c.environmental,
            refs: c.refs,
            body,
        }
    }
}

impl From<PriceFormula> for PriceFormulaDto {
    fn from(f: PriceFormula) -> Self {
        match f {
            PriceFormula::Proportional => PriceFormulaDto::Proportional,
            PriceFormula::Linear => PriceFormulaDto::Linear,
            PriceFormula::RelativeGap => PriceFormulaDto::RelativeGap,
            PriceFormula::NTimes { n } => PriceFormulaDto::NTimes { n },
        }
    }
}

impl From<PriceFormulaDto> for PriceFormula {
    fn from(f: PriceFormulaDto) -> Self {
        match f {
            PriceFormulaDto::Proportional => PriceFormula::Proportional,
            PriceFormulaDto::Linear => PriceFormula::Linear,
            PriceFormulaDto::RelativeGap => PriceFormula::RelativeGap,
            PriceFormulaDto::NTimes { n } => PriceFormula::NTimes { n },
        }
    }
}

impl From<CertificationStatus> for CertificationStatusDto {
    fn from(s: CertificationStatus) -> Self {
        match s {
            CertificationStatus::Qualified => CertificationStatusDto::Qualified,
            CertificationStatus::Certified => CertificationStatusDto::Certified,
            CertificationStatus::InProgress => CertificationStatusDto::InProgress,
            CertificationStatus::Declared => CertificationStatusDto::Declared,
            CertificationStatus::Expired => CertificationStatusDto::Expired,
            CertificationStatus::Withdrawn => CertificationStatusDto::Withdrawn,
        }
    }
}

impl From<CertificationStatusDto> for CertificationStatus {
    fn from(s: CertificationStatusDto) -> Self {
        match s {
            CertificationStatusDto::Qualified => CertificationStatus::Qualified,
            CertificationStatusDto::Certified => CertificationStatus::Certified,
            CertificationStatusDto::InProgress => CertificationStatus::InProgress,
            CertificationStatusDto::Declared => CertificationStatus::Declared,
            CertificationStatusDto::Expired => CertificationStatus::Expired,
            CertificationStatusDto::Withdrawn => CertificationStatus::Withdrawn,
        }
    }
}

impl From<&Evaluator> for EvaluatorDto {
    fn from(e: &Evaluator) -> Self {
        EvaluatorDto {
            id: e.id.clone(),
            name: e.name.clone(),
            role: e.role.clone(),
        }
    }
}

impl From<EvaluatorDto> for Evaluator {
    fn from(e: EvaluatorDto) -> Self {
        Evaluator {
            id: e.id,
            name: e.name,
            role: e.role,
        }
    }
}

impl From<&Offer> for OfferDto {
    fn from(o: &Offer) -> Self {
        OfferDto {
            id: o.id.clone(),
            bidder: o.bidder.clone(),
            name: o.name.clone(),
            price: o.price,
            irregular: o.irregular.clone(),
            certifications: o.certifications.as_ref().map(|certifications| {
                certifications
                    .iter()
                    .map(|c| CertificationDto {
                        scheme: c.scheme.clone(),
                        level: c.level,
                        status: c.status.into(),
                        valid_from: c.valid_from.map(date_text),
                        valid_until: c.valid_until.map(date_text),
                        reference: c.reference.clone(),
                    })
                    .collect()
            }),
        }
    }
}

impl TryFrom<OfferDto> for Offer {
    type Error = IpcError;
    fn try_from(o: OfferDto) -> Result<Self, IpcError> {
        let certifications = o
            .certifications
            .map(|certifications| {
                certifications
                    .into_iter()
                    .map(|c| {
                        Ok(Certification {
                            valid_from: parse_optional_date("validFrom", c.valid_from)?,
                            valid_until: parse_optional_date("validUntil", c.valid_until)?,
                            scheme: c.scheme,
                            level: c.level,
                            status: c.status.into(),
                            reference: c.reference,
                        })
                    })
                    .collect::<Result<Vec<_>, IpcError>>()
            })
            .transpose()?;
        Ok(Offer {
            id: o.id,
            bidder: o.bidder,
            name: o.name,
            price: o.price,
            irregular: o.irregular,
            certifications,
        })
    }
}

impl From<&Score> for ScoreDto {
    fn from(s: &Score) -> Self {
        let (value, met) = answer_parts(s.answer);
        ScoreDto {
            offer: s.offer.clone(),
            criterion: s.criterion.clone(),
            evaluator: s.evaluator.clone(),
            value,
            met,
            justification: s.justification.clone(),
            at: s.at.clone(),
        }
    }
}

impl TryFrom<ScoreDto> for Score {
    type Error = IpcError;
    fn try_from(s: ScoreDto) -> Result<Self, IpcError> {
        Ok(Score {
            answer: answer("score", s.value, s.met)?,
            offer: s.offer,
            criterion: s.criterion,
            evaluator: s.evaluator,
            justification: s.justification,
            at: s.at,
        })
    }
}

impl From<&Consensus> for ConsensusDto {
    fn from(c: &Consensus) -> Self {
        let (value, met) = answer_parts(c.answer);
        ConsensusDto {
            offer: c.offer.clone(),
            criterion: c.criterion.clone(),
            value,
            met,
            justification: c.justification.clone(),
        }
    }
}

impl TryFrom<ConsensusDto> for Consensus {
    type Error = IpcError;
    fn try_from(c: ConsensusDto) -> Result<Self, IpcError> {
        Ok(Consensus {
            answer: answer("consensus", c.value, c.met)?,
            offer: c.offer,
            criterion: c.criterion,
            justification: c.justification,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Evaluation {
        jauge_api::read_evaluation(include_str!("../../../assets/demo/cloud-de-confiance.json"))
            .expect("the demo is valid")
    }

    /// What the UI sends back is what it received: every part survives the JSON round trip.
    #[test]
    fn every_editable_part_round_trips_through_json() {
        let evaluation = demo();
        let json = serde_json::to_string(&EvaluationDto::from(&evaluation)).expect("serialise");
        let dto: EvaluationDto = serde_json::from_str(&json).expect("deserialise");
        let tender = Tender::try_from(dto.tender).expect("tender");
        let criteria: Vec<Criterion> = dto.criteria.into_iter().map(Into::into).collect();
        let offers: Vec<Offer> = dto
            .offers
            .into_iter()
            .map(|o| o.try_into().expect("offer"))
            .collect();
        let scores: Vec<Score> = dto
            .scores
            .into_iter()
            .map(|s| s.try_into().expect("score"))
            .collect();
        let consensus: Vec<Consensus> = dto
            .consensus
            .into_iter()
            .map(|c| c.try_into().expect("consensus"))
            .collect();
        assert_eq!(tender, evaluation.tender);
        assert_eq!(Settings::from(dto.settings), evaluation.settings);
        assert_eq!(criteria, evaluation.criteria);
        assert_eq!(offers, evaluation.offers);
        assert_eq!(scores, evaluation.scores);
        assert_eq!(consensus, evaluation.consensus);
    }

    #[test]
    fn malformed_input_is_refused_as_invalid() {
        let mut tender = TenderDto::from(&demo().tender);
        tender.deadline = "19/10/2026".into();
        let error = Tender::try_from(tender).expect_err("not ISO");
        assert_eq!(error.code, "invalid");
        let score: ScoreDto = serde_json::from_str(
            r#"{"offer":"o1","criterion":"env","evaluator":"e1","value":3,"met":true}"#,
        )
        .expect("parse");
        assert_eq!(Score::try_from(score).expect_err("both").code, "invalid");
    }
}
