//! The sheet tab a worksheet part belongs to, so that a refusal found while scanning the raw XML
//! (`xl/worksheets/sheet3.xml`) names the tab the buyer sees (« Offres »).
//!
//! The scan of [`crate::scan`] refuses a workbook before calamine reads it, so calamine's own
//! map of sheets is not available then. This module reads the two small parts that hold the map
//! — `xl/workbook.xml` (tab names and relationship ids) and `xl/_rels/workbook.xml.rels`
//! (relationship id → part) — each capped at [`MAX_MAP_PART_BYTES`], with a tolerant look at
//! tags and attributes. Anything unexpected gives `None`: the message then names the part, as
//! before; it never turns a refusal into a crash or an acceptance.

use std::collections::HashMap;
use std::io::{Cursor, Read};

/// The most bytes read of `workbook.xml` or its relationships: a workbook with the 10,000 sheets
/// the name cap allows stays far below.
const MAX_MAP_PART_BYTES: u64 = 4 * 1024 * 1024;

/// The tab name of the worksheet stored in `part` (`xl/worksheets/sheet1.xml`), if the
/// workbook's map says so.
pub(crate) fn tab_of_part(bytes: &[u8], part: &str) -> Option<String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let workbook = read_part(&mut archive, "xl/workbook.xml")?;
    let relationships = read_part(&mut archive, "xl/_rels/workbook.xml.rels")?;
    let targets: HashMap<String, String> = tags(&relationships, "Relationship")
        .filter_map(|attributes| {
            let id = attribute(attributes, "Id")?;
            let target = attribute(attributes, "Target")?;
            Some((id, part_path(&target)))
        })
        .collect();
    let wanted = part.trim_start_matches('/');
    tags(&workbook, "sheet").find_map(|attributes| {
        let id = attribute(attributes, "id")?;
        (targets.get(&id)? == wanted)
            .then(|| attribute(attributes, "name"))
            .flatten()
    })
}

fn read_part(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<String> {
    let entry = archive.by_name(name).ok()?;
    let mut text = String::new();
    entry
        .take(MAX_MAP_PART_BYTES)
        .read_to_string(&mut text)
        .ok()?;
    Some(text)
}

/// A relationship target as a part name: relative to `xl/`, or absolute from the package root.
fn part_path(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(absolute) => absolute.to_owned(),
        None => format!("xl/{target}"),
    }
}

/// The attribute text of every start or empty tag whose local name is `local` (any prefix).
fn tags<'a>(xml: &'a str, local: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    xml.split('<').filter_map(move |piece| {
        let tag = piece.split('>').next()?;
        let name_end = tag
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(tag.len());
        let name = &tag[..name_end];
        let name = name.rsplit(':').next().unwrap_or(name);
        (name == local).then_some(&tag[name_end..])
    })
}

/// The unescaped value of the attribute whose local name is `local` (any prefix).
fn attribute(attributes: &str, local: &str) -> Option<String> {
    let mut rest = attributes;
    while let Some(equals) = rest.find('=') {
        let name = rest[..equals].trim();
        let name = name.rsplit(':').next().unwrap_or(name);
        let after = rest[equals + 1..].trim_start();
        let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let value_end = after[1..].find(quote)?;
        let value = &after[1..1 + value_end];
        if name == local {
            return Some(unescape(value));
        }
        rest = &after[1 + value_end + 1..];
    }
    None
}

/// XML's five named entities and numeric references; anything else is kept as written.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let Some(semicolon) = after.find(';').filter(|i| *i <= 12) else {
            out.push_str(after);
            return out;
        };
        let entity = &after[1..semicolon];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => out.push(c),
            None => out.push_str(&after[..=semicolon]),
        }
        rest = &after[semicolon + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_read_with_any_prefix_and_unescaped() {
        let tag = " name=\"Prix &amp; d&#233;lais\" sheetId='2' x:id=\"rId7\"/";
        assert_eq!(attribute(tag, "name").as_deref(), Some("Prix & délais"));
        assert_eq!(attribute(tag, "id").as_deref(), Some("rId7"));
        assert_eq!(attribute(tag, "sheetId").as_deref(), Some("2"));
        assert_eq!(attribute(tag, "missing"), None);
    }

    #[test]
    fn targets_become_part_names() {
        assert_eq!(
            part_path("worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(part_path("/xl/worksheets/s.xml"), "xl/worksheets/s.xml");
    }
}
