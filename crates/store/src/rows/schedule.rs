//! The price schedule (BPU/DQE): its lines, each bidder's prices, the corrections accepted.

use jauge_domain::{
    CorrectionRoute, LinePrice, PriceCorrection, PriceSchedule, ScheduleLine, ScheduleOffer,
};
use rusqlite::{Connection, OptionalExtension, params};

use super::sql_position;
use crate::{Result, TenderId};

/// Inserts the schedule of a tender that has none stored yet (nothing when `schedule` is
/// `None`).
pub(crate) fn insert_price_schedule(
    conn: &Connection,
    id: TenderId,
    schedule: Option<&PriceSchedule>,
) -> Result<()> {
    let Some(schedule) = schedule else {
        return Ok(());
    };
    conn.prepare_cached(
        "INSERT INTO price_schedules (tender_id, abnormally_low_on) VALUES (?1, ?2)",
    )?
    .execute(params![id.0, schedule.abnormally_low_on])?;
    let mut line = conn.prepare_cached(
        "INSERT INTO schedule_lines (tender_id, id, position, label, unit, quantity, \
         line_group, criterion) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (position, l) in schedule.lines.iter().enumerate() {
        line.execute(params![
            id.0,
            l.id,
            sql_position(position),
            l.label,
            l.unit,
            l.quantity,
            l.group,
            l.criterion,
        ])?;
    }
    let mut offer = conn.prepare_cached(
        "INSERT INTO schedule_offers (tender_id, offer_id, position, submitted_total) \
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut price = conn.prepare_cached(
        "INSERT INTO schedule_prices (tender_id, offer_id, line_id, position, unit_price, \
         submitted_total) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (position, returned) in schedule.offers.iter().enumerate() {
        offer.execute(params![
            id.0,
            returned.offer,
            sql_position(position),
            returned.submitted_total,
        ])?;
        for (position, p) in returned.prices.iter().enumerate() {
            price.execute(params![
                id.0,
                returned.offer,
                p.line,
                sql_position(position),
                p.unit_price,
                p.submitted_total,
            ])?;
        }
    }
    let mut correction = conn.prepare_cached(
        "INSERT INTO price_corrections (tender_id, offer_id, line_id, position, note, at, route) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (position, c) in schedule.corrections.iter().enumerate() {
        correction.execute(params![
            id.0,
            c.offer,
            c.line,
            sql_position(position),
            c.note,
            c.at,
            c.route.map(CorrectionRoute::name),
        ])?;
    }
    Ok(())
}

/// The schedule of a tender, as it was written.
pub(crate) fn get_price_schedule(conn: &Connection, id: TenderId) -> Result<Option<PriceSchedule>> {
    let abnormally_low_on: Option<Option<String>> = conn
        .prepare_cached("SELECT abnormally_low_on FROM price_schedules WHERE tender_id = ?1")?
        .query_row([id.0], |row| row.get(0))
        .optional()?;
    let Some(abnormally_low_on) = abnormally_low_on else {
        return Ok(None);
    };
    let lines = conn
        .prepare_cached(
            "SELECT id, label, unit, quantity, line_group, criterion FROM schedule_lines \
             WHERE tender_id = ?1 ORDER BY position",
        )?
        .query_map([id.0], |row| {
            Ok(ScheduleLine {
                id: row.get(0)?,
                label: row.get(1)?,
                unit: row.get(2)?,
                quantity: row.get(3)?,
                group: row.get(4)?,
                criterion: row.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut offers = conn
        .prepare_cached(
            "SELECT offer_id, submitted_total FROM schedule_offers WHERE tender_id = ?1 \
             ORDER BY position",
        )?
        .query_map([id.0], |row| {
            Ok(ScheduleOffer {
                offer: row.get(0)?,
                prices: Vec::new(),
                submitted_total: row.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // One query for every price, placed by offer: a schedule of 2,000 lines × 12 offers reads
    // in one pass.
    let slot: std::collections::HashMap<String, usize> = offers
        .iter()
        .enumerate()
        .map(|(i, o)| (o.offer.clone(), i))
        .collect();
    let mut stmt = conn.prepare_cached(
        "SELECT offer_id, line_id, unit_price, submitted_total FROM schedule_prices \
         WHERE tender_id = ?1 ORDER BY offer_id, position",
    )?;
    let mut rows = stmt.query([id.0])?;
    while let Some(row) = rows.next()? {
        let offer: String = row.get(0)?;
        if let Some(&i) = slot.get(&offer) {
            offers[i].prices.push(LinePrice {
                line: row.get(1)?,
                unit_price: row.get(2)?,
                submitted_total: row.get(3)?,
            });
        }
    }
    let corrections = conn
        .prepare_cached(
            "SELECT offer_id, line_id, note, at, route FROM price_corrections \
             WHERE tender_id = ?1 ORDER BY position",
        )?
        .query_map([id.0], |row| {
            let route: Option<String> = row.get(4)?;
            Ok(PriceCorrection {
                offer: row.get(0)?,
                line: row.get(1)?,
                note: row.get(2)?,
                at: row.get(3)?,
                // The column's CHECK admits only the three names.
                route: route.as_deref().and_then(CorrectionRoute::from_name),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Some(PriceSchedule {
        lines,
        abnormally_low_on,
        offers,
        corrections,
    }))
}

/// Removes a tender's schedule and everything below it.
pub(crate) fn delete_price_schedule(conn: &Connection, id: TenderId) -> Result<()> {
    for table in [
        "price_corrections",
        "schedule_prices",
        "schedule_offers",
        "schedule_lines",
        "price_schedules",
    ] {
        conn.execute(&format!("DELETE FROM {table} WHERE tender_id = ?1"), [id.0])?;
    }
    Ok(())
}
