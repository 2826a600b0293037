//! The parts of the file format (spec §1–§9) that a serde derive on the model cannot say by
//! itself: a criterion node that is a group when it has `children` and a leaf of some `kind`
//! otherwise, an irregular offer's `{"reason": …}`, the results' objects keyed by criterion id,
//! and the `format` key that opens both documents.
//!
//! With these, `serde_json::to_value` of an [`EvaluationDocument`] is the value
//! [`crate::evaluation_to_json`] writes, and that of a [`ResultsDocument`] is
//! [`crate::results_to_json`]'s, numbers aside (serde writes `3.0` where the writer writes `3`):
//! a property test over generated evaluations holds them to it. Hosts that speak JSON (the desktop
//! shell's IPC) therefore speak the file format, and the TypeScript bindings (feature `ts`)
//! describe it.

use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use crate::model::*;
use crate::results::{LeafResult, RESULTS_FORMAT, Results};

/// An evaluation as its file writes it, `format` first.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct EvaluationDocument<'a> {
    format: &'static str,
    #[serde(flatten)]
    evaluation: &'a Evaluation,
}

impl<'a> EvaluationDocument<'a> {
    pub fn new(evaluation: &'a Evaluation) -> Self {
        EvaluationDocument {
            format: EVALUATION_FORMAT,
            evaluation,
        }
    }
}

/// Results as the §9 document writes them, `format` first.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ResultsDocument<'a> {
    format: &'static str,
    #[serde(flatten)]
    results: &'a Results,
}

impl<'a> ResultsDocument<'a> {
    pub fn new(results: &'a Results) -> Self {
        ResultsDocument {
            format: RESULTS_FORMAT,
            results,
        }
    }
}

/// The shape of a criterion node's own keys: `children` for a group, else `kind` and the keys
/// of that kind. Deserialising goes through it; serialising borrows the same shape.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "CriterionBody"))]
#[serde(untagged)]
pub enum CriterionBodyRepr {
    Group { children: Vec<Criterion> },
    Leaf(LeafRepr),
}

/// A leaf's keys, by `kind`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(rename = "Leaf", optional_fields)
)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LeafRepr {
    Scored {
        scale: Scale,
        #[serde(default)]
        levels: Option<Vec<Level>>,
        /// Minimum consolidated value; below it the offer is eliminated.
        #[serde(default)]
        threshold: Option<f64>,
    },
    Price {
        formula: PriceFormula,
    },
    Requirement {
        #[serde(default)]
        auto: Option<AutoCheck>,
    },
}

impl From<CriterionBodyRepr> for CriterionBody {
    fn from(repr: CriterionBodyRepr) -> Self {
        match repr {
            CriterionBodyRepr::Group { children } => CriterionBody::Group { children },
            CriterionBodyRepr::Leaf(LeafRepr::Scored {
                scale,
                levels,
                threshold,
            }) => CriterionBody::Scored {
                scale,
                levels,
                threshold,
            },
            CriterionBodyRepr::Leaf(LeafRepr::Price { formula }) => {
                CriterionBody::Price { formula }
            }
            CriterionBodyRepr::Leaf(LeafRepr::Requirement { auto }) => {
                CriterionBody::Requirement { auto }
            }
        }
    }
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum LeafRef<'a> {
    Scored {
        scale: &'a Scale,
        #[serde(skip_serializing_if = "Option::is_none")]
        levels: &'a Option<Vec<Level>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        threshold: &'a Option<f64>,
    },
    Price {
        formula: &'a PriceFormula,
    },
    Requirement {
        #[serde(skip_serializing_if = "Option::is_none")]
        auto: &'a Option<AutoCheck>,
    },
}

impl Serialize for CriterionBody {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            CriterionBody::Group { children } => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("children", children)?;
                map.end()
            }
            CriterionBody::Scored {
                scale,
                levels,
                threshold,
            } => LeafRef::Scored {
                scale,
                levels,
                threshold,
            }
            .serialize(serializer),
            CriterionBody::Price { formula } => LeafRef::Price { formula }.serialize(serializer),
            CriterionBody::Requirement { auto } => {
                LeafRef::Requirement { auto }.serialize(serializer)
            }
        }
    }
}

/// The TypeScript of a node's own keys is that of the shape they are read through (ts-rs cannot
/// flatten a type declared `as` another).
#[cfg(feature = "ts")]
impl ts_rs::TS for CriterionBody {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;

    fn ident() -> String {
        CriterionBodyRepr::ident()
    }
    fn decl() -> String {
        CriterionBodyRepr::decl()
    }
    fn decl_concrete() -> String {
        CriterionBodyRepr::decl_concrete()
    }
    fn name() -> String {
        CriterionBodyRepr::name()
    }
    fn inline() -> String {
        CriterionBodyRepr::inline()
    }
    fn inline_flattened() -> String {
        CriterionBodyRepr::inline_flattened()
    }
    fn visit_dependencies(visitor: &mut impl ts_rs::TypeVisitor)
    where
        Self: 'static,
    {
        CriterionBodyRepr::visit_dependencies(visitor);
    }
}

/// An irregular offer's key: `{"reason": …}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Irregular {
    pub reason: String,
}

/// `Offer::irregular` as `{"reason": …}`.
pub(crate) mod irregular {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::Irregular;

    pub fn serialize<S: Serializer>(
        reason: &Option<String>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        reason
            .as_ref()
            .map(|reason| Irregular {
                reason: reason.clone(),
            })
            .serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<String>, D::Error> {
        Ok(Option::<Irregular>::deserialize(deserializer)?.map(|i| i.reason))
    }
}

/// `OfferResult::groups` as an object keyed by node id (or `null`).
pub(crate) fn groups<S: Serializer>(
    groups: &Option<Vec<(String, f64)>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match groups {
        None => serializer.serialize_none(),
        Some(groups) => {
            let mut map = serializer.serialize_map(Some(groups.len()))?;
            for (id, points) in groups {
                map.serialize_entry(id, points)?;
            }
            map.end()
        }
    }
}

/// `OfferResult::criteria` as an object keyed by leaf id.
pub(crate) fn leaf_results<S: Serializer>(
    leaves: &[LeafResult],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(leaves.len()))?;
    for leaf in leaves {
        map.serialize_entry(&leaf.criterion, &leaf.outcome)?;
    }
    map.end()
}
