//! Offers (§6) and their certifications.

use std::collections::HashMap;

use jauge_domain::{Certification, CertificationStatus, Offer};
use rusqlite::{Connection, params};

use super::{corrupt, date_text, parse_optional_date, sql_position};
use crate::{Result, TenderId};

/// Inserts an offer at `position`, with its certifications.
pub(crate) fn insert_offer(
    conn: &Connection,
    id: TenderId,
    offer: &Offer,
    position: usize,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO offers (tender_id, id, position, bidder, name, price, irregular, \
         has_certifications) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        id.0,
        offer.id,
        sql_position(position),
        offer.bidder,
        offer.name,
        offer.price,
        offer.irregular,
        offer.certifications.is_some(),
    ])?;
    insert_certifications(conn, id, offer)
}

/// Inserts the certifications of `offer` (whose row exists and has none yet).
pub(crate) fn insert_certifications(conn: &Connection, id: TenderId, offer: &Offer) -> Result<()> {
    let mut insert = conn.prepare_cached(
        "INSERT INTO certifications (tender_id, offer_id, position, scheme, level, status, \
         valid_from, valid_until, reference) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (position, c) in offer.certifications().iter().enumerate() {
        insert.execute(params![
            id.0,
            offer.id,
            sql_position(position),
            c.scheme,
            c.level,
            c.status.as_str(),
            c.valid_from.map(date_text),
            c.valid_until.map(date_text),
            c.reference,
        ])?;
    }
    Ok(())
}

pub(crate) fn list_offers(conn: &Connection, id: TenderId) -> Result<Vec<Offer>> {
    let mut certifications = list_certifications(conn, id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, bidder, name, price, irregular, has_certifications FROM offers \
         WHERE tender_id = ?1 ORDER BY position, rowid",
    )?;
    let rows = stmt.query_map([id.0], |r| {
        Ok((
            Offer {
                id: r.get(0)?,
                bidder: r.get(1)?,
                name: r.get(2)?,
                price: r.get(3)?,
                irregular: r.get(4)?,
                certifications: None,
            },
            r.get::<_, bool>(5)?,
        ))
    })?;
    let mut offers = Vec::new();
    for row in rows {
        let (mut offer, has_certifications) = row?;
        if has_certifications {
            offer.certifications = Some(certifications.remove(&offer.id).unwrap_or_default());
        }
        offers.push(offer);
    }
    Ok(offers)
}

fn list_certifications(
    conn: &Connection,
    id: TenderId,
) -> Result<HashMap<String, Vec<Certification>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT offer_id, scheme, level, status, valid_from, valid_until, reference \
         FROM certifications WHERE tender_id = ?1 ORDER BY offer_id, position",
    )?;
    let rows = stmt
        .query_map([id.0], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<f64>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out: HashMap<String, Vec<Certification>> = HashMap::new();
    for (offer, scheme, level, status, valid_from, valid_until, reference) in rows {
        let status = CertificationStatus::from_name(&status)
            .ok_or_else(|| corrupt("certification status", &status))?;
        out.entry(offer).or_default().push(Certification {
            scheme,
            level,
            status,
            valid_from: parse_optional_date(valid_from)?,
            valid_until: parse_optional_date(valid_until)?,
            reference,
        });
    }
    Ok(out)
}
