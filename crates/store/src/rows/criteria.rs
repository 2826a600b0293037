//! The criteria tree (one row per node, linked to its parent) and the levels of scored leaves.

use std::collections::HashMap;

use jauge_domain::{
    AutoCheck, CertificationStatus, Criterion, CriterionBody, Level, PriceFormula, Scale,
};
use rusqlite::{Connection, params};

use super::{corrupt, json_error, sql_position};
use crate::{Error, Result, TenderId};

/// Inserts `nodes` as the children of `parent` (top level when `None`), depth first so that a
/// parent row always exists before its children.
pub(crate) fn insert_criteria(
    conn: &Connection,
    id: TenderId,
    nodes: &[Criterion],
    parent: Option<&str>,
) -> Result<()> {
    for (position, node) in nodes.iter().enumerate() {
        insert_criterion(conn, id, node, parent, position)?;
    }
    Ok(())
}

fn insert_criterion(
    conn: &Connection,
    id: TenderId,
    node: &Criterion,
    parent: Option<&str>,
    position: usize,
) -> Result<()> {
    let refs = node
        .refs
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(json_error)?;
    let mut scale = None;
    let mut has_levels = false;
    let mut threshold = None;
    let mut formula = None;
    let mut formula_n = None;
    let mut auto_check = None;
    match &node.body {
        CriterionBody::Group { .. } => {}
        CriterionBody::Scored {
            scale: s,
            levels,
            threshold: t,
        } => {
            scale = Some(*s);
            has_levels = levels.is_some();
            threshold = *t;
        }
        CriterionBody::Price { formula: f } => {
            formula = Some(f.name());
            if let PriceFormula::NTimes { n } = f {
                formula_n = Some(*n);
            }
        }
        CriterionBody::Requirement { auto } => auto_check = auto.as_ref(),
    }
    let auto_status = auto_check
        .and_then(|a| a.status.as_ref())
        .map(|list| serde_json::to_string(&list.iter().map(|s| s.as_str()).collect::<Vec<_>>()))
        .transpose()
        .map_err(json_error)?;
    conn.prepare_cached(
        "INSERT INTO criteria (tender_id, id, parent_id, position, title, weight, kind, \
         environmental, refs, scale_min, scale_max, scale_step, has_levels, threshold, formula, \
         formula_n, auto_scheme, auto_min_level, auto_status) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    )?
    .execute(params![
        id.0,
        node.id,
        parent,
        sql_position(position),
        node.title,
        node.weight,
        node.body.kind_name(),
        node.environmental,
        refs,
        scale.map(|s| s.min),
        scale.map(|s| s.max),
        scale.and_then(|s| s.step),
        has_levels,
        threshold,
        formula,
        formula_n,
        auto_check.map(|a| a.scheme.as_str()),
        auto_check.and_then(|a| a.min_level),
        auto_status,
    ])?;
    match &node.body {
        CriterionBody::Group { children } => insert_criteria(conn, id, children, Some(&node.id))?,
        CriterionBody::Scored {
            levels: Some(levels),
            ..
        } => {
            let mut insert = conn.prepare_cached(
                "INSERT INTO levels (tender_id, criterion_id, position, value, label) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (position, level) in levels.iter().enumerate() {
                insert.execute(params![
                    id.0,
                    node.id,
                    sql_position(position),
                    level.value,
                    level.label
                ])?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Deletes the whole criteria tree (levels go with their criterion).
pub(crate) fn delete_criteria(conn: &Connection, id: TenderId) -> Result<()> {
    conn.prepare_cached("DELETE FROM criteria WHERE tender_id = ?1")?
        .execute([id.0])?;
    Ok(())
}

struct CriterionRow {
    id: String,
    parent: Option<String>,
    title: String,
    weight: f64,
    kind: Option<String>,
    environmental: Option<bool>,
    refs: Option<String>,
    scale_min: Option<f64>,
    scale_max: Option<f64>,
    scale_step: Option<f64>,
    has_levels: bool,
    threshold: Option<f64>,
    formula: Option<String>,
    formula_n: Option<f64>,
    auto_scheme: Option<String>,
    auto_min_level: Option<f64>,
    auto_status: Option<String>,
}

pub(crate) fn list_criteria(conn: &Connection, id: TenderId) -> Result<Vec<Criterion>> {
    let mut levels = list_levels(conn, id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, parent_id, title, weight, kind, environmental, refs, scale_min, scale_max, \
         scale_step, has_levels, threshold, formula, formula_n, auto_scheme, auto_min_level, \
         auto_status FROM criteria WHERE tender_id = ?1 ORDER BY position, rowid",
    )?;
    let rows = stmt
        .query_map([id.0], |r| {
            Ok(CriterionRow {
                id: r.get(0)?,
                parent: r.get(1)?,
                title: r.get(2)?,
                weight: r.get(3)?,
                kind: r.get(4)?,
                environmental: r.get(5)?,
                refs: r.get(6)?,
                scale_min: r.get(7)?,
                scale_max: r.get(8)?,
                scale_step: r.get(9)?,
                has_levels: r.get(10)?,
                threshold: r.get(11)?,
                formula: r.get(12)?,
                formula_n: r.get(13)?,
                auto_scheme: r.get(14)?,
                auto_min_level: r.get(15)?,
                auto_status: r.get(16)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // Siblings come out in position order; the tree is rebuilt from the parent links.
    let mut by_parent: HashMap<Option<String>, Vec<Criterion>> = HashMap::new();
    for row in rows {
        let parent = row.parent.clone();
        let node = criterion_from_row(row, &mut levels)?;
        by_parent.entry(parent).or_default().push(node);
    }
    Ok(assemble_children(None, &mut by_parent))
}

fn assemble_children(
    parent: Option<String>,
    by_parent: &mut HashMap<Option<String>, Vec<Criterion>>,
) -> Vec<Criterion> {
    let mut nodes = by_parent.remove(&parent).unwrap_or_default();
    for node in &mut nodes {
        let id = node.id.clone();
        if let CriterionBody::Group { children } = &mut node.body {
            *children = assemble_children(Some(id), by_parent);
        }
    }
    nodes
}

fn criterion_from_row(
    row: CriterionRow,
    levels: &mut HashMap<String, Vec<Level>>,
) -> Result<Criterion> {
    let body = match row.kind.as_deref() {
        None => CriterionBody::Group {
            children: Vec::new(),
        },
        Some("scored") => {
            let (Some(min), Some(max)) = (row.scale_min, row.scale_max) else {
                return Err(Error::Corrupt(format!("criterion {} has no scale", row.id)));
            };
            CriterionBody::Scored {
                scale: Scale {
                    min,
                    max,
                    step: row.scale_step,
                },
                levels: row
                    .has_levels
                    .then(|| levels.remove(&row.id).unwrap_or_default()),
                threshold: row.threshold,
            }
        }
        Some("price") => {
            let formula = match (row.formula.as_deref(), row.formula_n) {
                (Some("proportional"), _) => PriceFormula::Proportional,
                (Some("linear"), _) => PriceFormula::Linear,
                (Some("relative_gap"), _) => PriceFormula::RelativeGap,
                (Some("n_times"), Some(n)) => PriceFormula::NTimes { n },
                (name, _) => return Err(corrupt("price formula", name.unwrap_or("(none)"))),
            };
            CriterionBody::Price { formula }
        }
        Some("requirement") => {
            let status = row
                .auto_status
                .as_deref()
                .map(|text| {
                    let names: Vec<String> = serde_json::from_str(text).map_err(json_error)?;
                    names
                        .iter()
                        .map(|name| {
                            CertificationStatus::from_name(name)
                                .ok_or_else(|| corrupt("certification status", name))
                        })
                        .collect::<Result<Vec<_>>>()
                })
                .transpose()?;
            CriterionBody::Requirement {
                auto: row.auto_scheme.map(|scheme| AutoCheck {
                    scheme,
                    min_level: row.auto_min_level,
                    status,
                }),
            }
        }
        Some(other) => return Err(corrupt("criterion kind", other)),
    };
    let refs = row
        .refs
        .as_deref()
        .map(serde_json::from_str::<Vec<String>>)
        .transpose()
        .map_err(json_error)?;
    Ok(Criterion {
        id: row.id,
        title: row.title,
        weight: row.weight,
        environmental: row.environmental,
        refs,
        body,
    })
}

fn list_levels(conn: &Connection, id: TenderId) -> Result<HashMap<String, Vec<Level>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT criterion_id, value, label FROM levels WHERE tender_id = ?1 \
         ORDER BY criterion_id, position",
    )?;
    let mut out: HashMap<String, Vec<Level>> = HashMap::new();
    let rows = stmt.query_map([id.0], |r| {
        Ok((
            r.get::<_, String>(0)?,
            Level {
                value: r.get(1)?,
                label: r.get(2)?,
            },
        ))
    })?;
    for row in rows {
        let (criterion, level) = row?;
        out.entry(criterion).or_default().push(level);
    }
    Ok(out)
}
