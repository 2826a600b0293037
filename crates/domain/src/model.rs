//! The evaluation file as typed values (spec §1–§7).
//!
//! These types hold a document that has passed [`crate::parse_evaluation`]; code that builds them
//! by hand (templates, the store, tests) should run [`crate::validate_evaluation`] before trusting
//! them. Optional keys stay `Option` so that a document written back by [`crate::write`] says what
//! its author said and nothing more.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The only `format` value this version reads and writes.
pub const EVALUATION_FORMAT: &str = "jauge/evaluation@1";

/// One evaluation file: a tender, its published criteria, the offers and every score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Evaluation {
    pub tender: Tender,
    /// Absent from the file when every setting takes its default.
    #[serde(default, skip_serializing_if = "Settings::is_default")]
    pub settings: Settings,
    pub criteria: Vec<Criterion>,
    pub evaluators: Vec<Evaluator>,
    pub offers: Vec<Offer>,
    pub scores: Vec<Score>,
    pub consensus: Vec<Consensus>,
    /// Each evaluator's declaration of interests towards each offer; absent from the file when
    /// nobody declared anything (files made before declarations existed stay valid).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Vec<Declaration>>"))]
    pub declarations: Vec<Declaration>,
    /// When the buyer opened the sealed prices (RFC 3339): see [`Settings::sealed_prices`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub prices_opened_at: Option<String>,
    /// The price schedule (BPU/DQE) and the bidders' unit prices, when the tender has one;
    /// absent from files that price each offer with one `price`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub price_schedule: Option<crate::prices::PriceSchedule>,
    /// The rounds of a negotiated procedure or dialogue (initial, intermediate and final
    /// offers); absent from files of a single round of offers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub negotiation: Option<crate::rounds::Negotiation>,
    /// Clarification, regularisation and negotiation requests to bidders and their answers;
    /// absent from the file when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(
        feature = "ts",
        ts(optional, as = "Option<Vec<crate::rounds::Exchange>>")
    )]
    pub exchanges: Vec<crate::rounds::Exchange>,
}

/// Spec §2.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct Tender {
    pub reference: String,
    pub title: String,
    pub buyer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure: Option<Procedure>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub launch_date: Option<NaiveDate>,
    pub deadline: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

impl Tender {
    /// The ISO 4217 code prices are in (`EUR` unless the file says otherwise).
    pub fn currency_code(&self) -> &str {
        self.currency.as_deref().unwrap_or(Self::default_currency())
    }

    /// The currency of a tender whose file names none.
    pub const fn default_currency() -> &'static str {
        "EUR"
    }
}

/// The procurement procedure (spec §2, `procedure`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Procedure {
    Open,
    Restricted,
    Negotiated,
    CompetitiveDialogue,
    Adapted,
}

impl Procedure {
    pub const ALL: [Procedure; 5] = [
        Procedure::Open,
        Procedure::Restricted,
        Procedure::Negotiated,
        Procedure::CompetitiveDialogue,
        Procedure::Adapted,
    ];

    /// The spelling used in evaluation files.
    pub fn as_str(self) -> &'static str {
        match self {
            Procedure::Open => "open",
            Procedure::Restricted => "restricted",
            Procedure::Negotiated => "negotiated",
            Procedure::CompetitiveDialogue => "competitive_dialogue",
            Procedure::Adapted => "adapted",
        }
    }

    pub fn from_name(name: &str) -> Option<Procedure> {
        Procedure::ALL.into_iter().find(|p| p.as_str() == name)
    }
}

/// Spec §3. Every field is optional in the file; the accessors give the defaults.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct Settings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consolidation: Option<Consolidation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub divergence_threshold: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abnormally_low: Option<AbnormallyLowMethod>,
    /// Prices stay sealed until the buyer opens them (`prices_opened_at`): evaluators' packages
    /// carry none, offers may have none, and no price points are computed before the opening.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sealed_prices: Option<bool>,
    /// Every evaluator declares their interests towards an offer before scoring it; a score
    /// without a declaration is warned about in results and report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declarations_required: Option<bool>,
    /// Committee members' return files must be signed with their certificate: an unsigned
    /// return file is refused (« retours signés obligatoires »).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_returns_required: Option<bool>,
}

/// The default divergence threshold of spec §3.
pub const DEFAULT_DIVERGENCE_THRESHOLD: f64 = 0.30;
/// The default percentage of the `percent_below_mean` method (spec §8.4).
pub const DEFAULT_PERCENT_BELOW_MEAN: f64 = 20.0;

impl Settings {
    /// True when the file need not write `settings` at all.
    pub fn is_default(&self) -> bool {
        *self == Settings::default()
    }

    pub fn consolidation(&self) -> Consolidation {
        self.consolidation.unwrap_or(Consolidation::Mean)
    }

    pub fn divergence_threshold(&self) -> f64 {
        self.divergence_threshold
            .unwrap_or(DEFAULT_DIVERGENCE_THRESHOLD)
    }

    pub fn abnormally_low(&self) -> AbnormallyLowMethod {
        self.abnormally_low
            .unwrap_or(AbnormallyLowMethod::MeanMinusSigma)
    }

    pub fn sealed_prices(&self) -> bool {
        self.sealed_prices.unwrap_or(false)
    }

    pub fn declarations_required(&self) -> bool {
        self.declarations_required.unwrap_or(false)
    }

    pub fn signed_returns_required(&self) -> bool {
        self.signed_returns_required.unwrap_or(false)
    }
}

/// How individual scores merge when the committee recorded no consensus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Consolidation {
    Mean,
    Median,
}

impl Consolidation {
    pub fn as_str(self) -> &'static str {
        match self {
            Consolidation::Mean => "mean",
            Consolidation::Median => "median",
        }
    }
}

/// The detection rule for abnormally low offers (spec §8.4).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum AbnormallyLowMethod {
    None,
    MeanMinusSigma,
    /// `percent` is `None` when the file relies on the default of 20.
    PercentBelowMean {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional))]
        percent: Option<f64>,
    },
    TrimmedMean,
}

impl AbnormallyLowMethod {
    pub fn name(self) -> &'static str {
        match self {
            AbnormallyLowMethod::None => "none",
            AbnormallyLowMethod::MeanMinusSigma => "mean_minus_sigma",
            AbnormallyLowMethod::PercentBelowMean { .. } => "percent_below_mean",
            AbnormallyLowMethod::TrimmedMean => "trimmed_mean",
        }
    }
}

/// A node of the criteria tree (spec §4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct Criterion {
    pub id: String,
    pub title: String,
    pub weight: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environmental: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refs: Option<Vec<String>>,
    /// `children` for a group, `kind` and its keys for a leaf (see [`crate::wire`]).
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub body: CriterionBody,
}

impl Criterion {
    pub fn is_environmental(&self) -> bool {
        self.environmental.unwrap_or(false)
    }

    pub fn children(&self) -> &[Criterion] {
        match &self.body {
            CriterionBody::Group { children } => children,
            _ => &[],
        }
    }

    pub fn is_leaf(&self) -> bool {
        !matches!(self.body, CriterionBody::Group { .. })
    }

    pub fn refs(&self) -> &[String] {
        self.refs.as_deref().unwrap_or(&[])
    }
}

/// What a node is: a group of nodes or one of the three kinds of leaf. Its JSON (a group has
/// `children` and no `kind`) is written by hand in [`crate::wire`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "crate::wire::CriterionBodyRepr")]
pub enum CriterionBody {
    Group {
        children: Vec<Criterion>,
    },
    Scored {
        scale: Scale,
        levels: Option<Vec<Level>>,
        threshold: Option<f64>,
    },
    Price {
        formula: PriceFormula,
    },
    Requirement {
        auto: Option<AutoCheck>,
    },
}

impl CriterionBody {
    /// The `kind` spelling of a leaf, `None` for a group.
    pub fn kind_name(&self) -> Option<&'static str> {
        match self {
            CriterionBody::Group { .. } => None,
            CriterionBody::Scored { .. } => Some("scored"),
            CriterionBody::Price { .. } => Some("price"),
            CriterionBody::Requirement { .. } => Some("requirement"),
        }
    }
}

/// The scale of a scored leaf.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct Scale {
    pub min: f64,
    pub max: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<f64>,
}

/// Absolute tolerance the spec applies to weights, scales and thresholds.
pub const TOLERANCE: f64 = 1e-9;

impl Scale {
    pub fn contains(&self, value: f64) -> bool {
        value >= self.min - TOLERANCE && value <= self.max + TOLERANCE
    }

    /// True when `value` is `min + k·step` for a whole `k` (always true without a step).
    pub fn is_on_step(&self, value: f64) -> bool {
        match self.step {
            None => true,
            Some(step) => {
                let k = ((value - self.min) / step).round();
                (self.min + k * step - value).abs() <= TOLERANCE
            }
        }
    }

    /// Where `value` sits on the scale, from 0 at `min` to 1 at `max`.
    pub fn fraction(&self, value: f64) -> f64 {
        (value - self.min) / (self.max - self.min)
    }
}

/// The anchored meaning of one value of a scale, printed in the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Level {
    pub value: f64,
    pub label: String,
}

/// The price-scoring formula of spec §8.3.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "name", rename_all = "snake_case")]
pub enum PriceFormula {
    Proportional,
    Linear,
    RelativeGap,
    NTimes { n: f64 },
}

impl PriceFormula {
    pub fn name(self) -> &'static str {
        match self {
            PriceFormula::Proportional => "proportional",
            PriceFormula::Linear => "linear",
            PriceFormula::RelativeGap => "relative_gap",
            PriceFormula::NTimes { .. } => "n_times",
        }
    }
}

/// An automatic certification check on a requirement leaf (spec §8.1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct AutoCheck {
    pub scheme: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_level: Option<f64>,
    /// `None` when the file relies on the default `["qualified", "certified"]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Vec<CertificationStatus>>,
}

impl AutoCheck {
    /// Spec §8.1: `status` defaults to the granted ones.
    pub const DEFAULT_STATUS: [CertificationStatus; 2] = CertificationStatus::GRANTED;

    pub fn accepted_status(&self) -> &[CertificationStatus] {
        self.status.as_deref().unwrap_or(&Self::DEFAULT_STATUS)
    }
}

/// A member of the evaluation committee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct Evaluator {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// An offer received (spec §6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct Offer {
    pub id: String,
    pub bidder: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<f64>,
    /// The reason the buyer declared the offer irregular, unacceptable or inappropriate,
    /// written `{"reason": …}` in the file.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::wire::irregular"
    )]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<crate::wire::Irregular>"))]
    pub irregular: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certifications: Option<Vec<Certification>>,
}

impl Offer {
    pub fn certifications(&self) -> &[Certification] {
        self.certifications.as_deref().unwrap_or(&[])
    }

    /// The commercial name when given, else the bidder.
    pub fn label(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.bidder)
    }
}

/// A certification or qualification the bidder evidenced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct Certification {
    pub scheme: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<f64>,
    pub status: CertificationStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

impl Certification {
    /// Whether `day` lies within the validity dates (absent bounds are open). Says nothing of
    /// the status: an application in progress may well carry a start date.
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.valid_from.is_none_or(|from| from <= day)
            && self.valid_until.is_none_or(|until| day <= until)
    }

    /// Whether the certification was granted (qualified or certified) and in force on `day`:
    /// what an automatic check accepts by default (spec §8.1), and what the report and the app
    /// call "valid on the deadline".
    pub fn is_in_force_on(&self, day: NaiveDate) -> bool {
        CertificationStatus::GRANTED.contains(&self.status) && self.covers(day)
    }
}

/// The status of a certification (spec §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CertificationStatus {
    Qualified,
    Certified,
    InProgress,
    Declared,
    Expired,
    Withdrawn,
}

impl CertificationStatus {
    /// The statuses of a certification actually obtained.
    pub const GRANTED: [CertificationStatus; 2] = [
        CertificationStatus::Qualified,
        CertificationStatus::Certified,
    ];

    pub const ALL: [CertificationStatus; 6] = [
        CertificationStatus::Qualified,
        CertificationStatus::Certified,
        CertificationStatus::InProgress,
        CertificationStatus::Declared,
        CertificationStatus::Expired,
        CertificationStatus::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CertificationStatus::Qualified => "qualified",
            CertificationStatus::Certified => "certified",
            CertificationStatus::InProgress => "in_progress",
            CertificationStatus::Declared => "declared",
            CertificationStatus::Expired => "expired",
            CertificationStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn from_name(name: &str) -> Option<CertificationStatus> {
        CertificationStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == name)
    }
}

/// What an evaluator or the committee recorded for one (offer, leaf).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// A value on the scale of a scored leaf.
    Value(f64),
    /// Whether a requirement is met.
    Met(bool),
}

/// One evaluator's score (spec §7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct Score {
    pub offer: String,
    pub criterion: String,
    pub evaluator: String,
    /// `value` or `met`, as a key of the score itself.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub answer: Answer,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub justification: Option<String>,
    /// RFC 3339, kept as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

/// The committee's final decision on one (offer, leaf) (spec §7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Consensus {
    pub offer: String,
    pub criterion: String,
    /// `value` or `met`, as a key of the decision itself.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub answer: Answer,
    pub justification: String,
}

/// An evaluator's declaration of interests towards one offer: none (`conflict` false), or a
/// conflict of interest, which withdraws them from scoring that offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct Declaration {
    pub evaluator: String,
    pub offer: String,
    pub conflict: bool,
    /// RFC 3339: when it was declared.
    pub at: String,
    /// What the evaluator wrote (the nature of a conflict, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Evaluation {
    /// Whether prices are still sealed: the setting is on and the buyer has not opened them.
    pub fn prices_sealed(&self) -> bool {
        self.settings.sealed_prices() && self.prices_opened_at.is_none()
    }

    /// The declaration of `evaluator` towards `offer`, if any.
    pub fn declaration(&self, evaluator: &str, offer: &str) -> Option<&Declaration> {
        self.declarations
            .iter()
            .find(|d| d.evaluator == evaluator && d.offer == offer)
    }

    /// Every leaf of the tree, depth first, in the order the tender rules list them.
    pub fn leaves(&self) -> Vec<&Criterion> {
        let mut out = Vec::new();
        fn walk<'a>(nodes: &'a [Criterion], out: &mut Vec<&'a Criterion>) {
            for node in nodes {
                match &node.body {
                    CriterionBody::Group { children } => walk(children, out),
                    _ => out.push(node),
                }
            }
        }
        walk(&self.criteria, &mut out);
        out
    }

    /// Every node of the tree, depth first (groups before their children).
    pub fn nodes(&self) -> Vec<&Criterion> {
        let mut out = Vec::new();
        fn walk<'a>(nodes: &'a [Criterion], out: &mut Vec<&'a Criterion>) {
            for node in nodes {
                out.push(node);
                walk(node.children(), out);
            }
        }
        walk(&self.criteria, &mut out);
        out
    }

    /// The node with this id, anywhere in the tree.
    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.nodes().into_iter().find(|c| c.id == id)
    }

    /// The price leaf, if the tree has one.
    pub fn price_leaf(&self) -> Option<&Criterion> {
        self.leaves()
            .into_iter()
            .find(|c| matches!(c.body, CriterionBody::Price { .. }))
    }
}
