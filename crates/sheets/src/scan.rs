//! A first look at every XML part of a workbook, byte by byte and in bounded memory, before
//! calamine parses any of it.
//!
//! calamine holds whole texts and tags in memory (a 200 MB cell is a 200 MB buffer, then a
//! string), loads every shared string at once (reserving as many as the part *declares*), and
//! reads cell references into `u32` that silently wrap (`D4294967304` lands on `D8`). So each
//! part that looks like XML is streamed once through [`PartScan`], which refuses:
//! - a text or a tag longer than [`MAX_XML_RUN_BYTES`] (bounds every buffer calamine fills);
//! - more than [`MAX_SHARED_STRINGS`] shared strings (counted or declared) or
//!   [`MAX_SHARED_STRING_BYTES`] of their text;
//! - more than [`MAX_NAMES`] defined names, sheets and styles together;
//! - a reference (`r`, `ref`, `sqref`) or a cell position past the sheet's limits
//!   (1,048,576 rows, column XFD), replaying how calamine places cells without a reference;
//! - a NUL byte in a part read as UTF-8. A part that opens with a UTF-16 byte-order mark (Excel
//!   writes its `customXml` parts so, and calamine would decode a worksheet so) is decoded to
//!   UTF-8 as it streams, then scanned like any other.

use crate::limits::{
    MAX_COLUMNS, MAX_NAMES, MAX_ROWS, MAX_SHARED_STRING_BYTES, MAX_SHARED_STRINGS,
    MAX_XML_RUN_BYTES,
};
use crate::{Error, Result, cell_address};

/// What the scan counts across the parts of one workbook.
#[derive(Debug, Default)]
pub(crate) struct Totals {
    shared_strings: u64,
    shared_string_bytes: u64,
    names: u64,
}

/// The scan of one part, fed its bytes as they are inflated.
pub(crate) struct PartScan<'t> {
    part: String,
    totals: &'t mut Totals,
    in_tag: bool,
    quote: Option<u8>,
    tag: Vec<u8>,
    run: usize,
    /// Inside `<si>…</si>` (a shared string), whose text bytes are counted.
    in_shared_string: bool,
    /// The position calamine gives the next cell without a reference (zero-based).
    row: u64,
    column: u64,
    /// Whether the part's first two bytes were seen (where a byte-order mark would be), and
    /// those bytes until then.
    started: bool,
    head: Vec<u8>,
    /// Set when the part is UTF-16: decoded before it is scanned.
    utf16: Option<Utf16>,
}

/// The state of a UTF-16 part's decoding between two chunks.
struct Utf16 {
    big_endian: bool,
    /// An odd byte, or a high surrogate, left at the end of the previous chunk.
    pending: Vec<u8>,
}

impl Utf16 {
    /// The chunk as UTF-8 (unpaired surrogates become U+FFFD, as a decoder would make them),
    /// keeping what a later chunk completes.
    fn decode(&mut self, chunk: &[u8]) -> Vec<u8> {
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(chunk);
        let mut units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|pair| match self.big_endian {
                true => u16::from_be_bytes([pair[0], pair[1]]),
                false => u16::from_le_bytes([pair[0], pair[1]]),
            })
            .collect();
        let mut keep = bytes.len() % 2;
        if units.last().is_some_and(|u| (0xD800..0xDC00).contains(u)) {
            units.pop();
            keep += 2;
        }
        self.pending = bytes[bytes.len() - keep..].to_vec();
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect::<String>()
            .into_bytes()
    }
}

impl<'t> PartScan<'t> {
    pub(crate) fn new(part: &str, totals: &'t mut Totals) -> PartScan<'t> {
        PartScan {
            part: part.to_owned(),
            totals,
            in_tag: false,
            quote: None,
            tag: Vec::new(),
            run: 0,
            in_shared_string: false,
            row: 0,
            column: 0,
            started: false,
            head: Vec::new(),
            utf16: None,
        }
    }

    /// Whether a part is read as XML: its name says so, or its first byte is `<`.
    pub(crate) fn is_xml(name: &str, first_bytes: &[u8]) -> bool {
        let lower = name.to_ascii_lowercase();
        let start = first_bytes
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(first_bytes);
        lower.ends_with(".xml")
            || lower.ends_with(".rels")
            || start.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
            || start.starts_with(b"\xFF\xFE")
            || start.starts_with(b"\xFE\xFF")
    }

    fn too_long(&self) -> Error {
        Error::TextTooLong {
            part: self.part.clone(),
            limit: MAX_XML_RUN_BYTES,
        }
    }

    pub(crate) fn feed(&mut self, bytes: &[u8]) -> Result<()> {
        let head;
        let mut bytes = bytes;
        if !self.started {
            // A byte-order mark is two bytes, which a first chunk of one byte would cut.
            self.head.extend_from_slice(bytes);
            if self.head.len() < 2 {
                return Ok(());
            }
            self.started = true;
            head = std::mem::take(&mut self.head);
            bytes = &head;
            if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
                self.utf16 = Some(Utf16 {
                    big_endian: false,
                    pending: Vec::new(),
                });
                bytes = rest;
            } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
                self.utf16 = Some(Utf16 {
                    big_endian: true,
                    pending: Vec::new(),
                });
                bytes = rest;
            }
        }
        match self.utf16.as_mut() {
            Some(utf16) => {
                let decoded = utf16.decode(bytes);
                self.scan_utf8(&decoded)
            }
            None => self.scan_utf8(bytes),
        }
    }

    fn scan_utf8(&mut self, mut bytes: &[u8]) -> Result<()> {
        if bytes.contains(&0) {
            return Err(Error::NotXlsx(format!(
                "the part {} is not UTF-8 XML (a NUL byte)",
                self.part
            )));
        }
        while !bytes.is_empty() {
            if !self.in_tag {
                let text = bytes.iter().position(|b| *b == b'<').unwrap_or(bytes.len());
                self.run += text;
                if self.in_shared_string {
                    self.totals.shared_string_bytes += text as u64;
                    if self.totals.shared_string_bytes > MAX_SHARED_STRING_BYTES {
                        return Err(self.too_many_strings());
                    }
                }
                if self.run > MAX_XML_RUN_BYTES {
                    return Err(self.too_long());
                }
                bytes = &bytes[text..];
                if let Some(rest) = bytes.strip_prefix(b"<") {
                    self.in_tag = true;
                    self.quote = None;
                    self.tag.clear();
                    bytes = rest;
                }
                continue;
            }
            // In a tag: up to its `>`, outside quotes (a comment or CDATA ends only at its own
            // closing mark).
            let special = self.tag.first().or(bytes.first()) == Some(&b'!');
            let mut end = None;
            for (at, &b) in bytes.iter().enumerate() {
                match self.quote {
                    Some(q) if b == q => self.quote = None,
                    Some(_) => {}
                    None if !special && (b == b'"' || b == b'\'') => self.quote = Some(b),
                    None if b == b'>' => {
                        let so_far = [&self.tag[..], &bytes[..at]].concat();
                        let closed = !special
                            || (so_far.starts_with(b"!--") && so_far.ends_with(b"--"))
                            || (so_far.starts_with(b"![CDATA[") && so_far.ends_with(b"]]"))
                            || (!so_far.starts_with(b"!--") && !so_far.starts_with(b"![CDATA["));
                        if closed {
                            end = Some(at);
                            break;
                        }
                    }
                    None => {}
                }
            }
            let taken = end.unwrap_or(bytes.len());
            if self.tag.len() + taken > MAX_XML_RUN_BYTES {
                return Err(self.too_long());
            }
            self.tag.extend_from_slice(&bytes[..taken]);
            match end {
                Some(at) => {
                    self.in_tag = false;
                    self.run = 0;
                    let tag = std::mem::take(&mut self.tag);
                    self.tag_closed(&tag)?;
                    self.tag = tag;
                    bytes = &bytes[at + 1..];
                }
                None => bytes = &[],
            }
        }
        Ok(())
    }

    fn too_many_strings(&self) -> Error {
        Error::TooManyStrings {
            limit: MAX_SHARED_STRINGS,
            bytes: MAX_SHARED_STRING_BYTES,
        }
    }

    fn out_of_sheet(&self, cell: String) -> Error {
        Error::OutOfSheet {
            part: self.part.clone(),
            sheet: None,
            cell,
        }
    }

    /// One whole tag, between `<` and `>`.
    fn tag_closed(&mut self, tag: &[u8]) -> Result<()> {
        if let Some(name) = tag.strip_prefix(b"/") {
            match local_name(name) {
                b"row" => {
                    self.row += 1;
                    self.column = 0;
                }
                b"si" => self.in_shared_string = false,
                _ => {}
            }
            return Ok(());
        }
        if tag.starts_with(b"?") || tag.starts_with(b"!") {
            return Ok(());
        }
        let empty = tag.ends_with(b"/");
        let local = local_name(tag);
        let attributes = attributes(tag);
        let attribute = |wanted: &[u8]| {
            attributes
                .iter()
                .find(|(name, _)| *name == wanted)
                .map(|(_, value)| *value)
        };
        for (name, value) in &attributes {
            if matches!(*name, b"r" | b"ref" | b"sqref") {
                self.check_references(value)?;
            }
        }
        match local {
            b"si" => {
                self.totals.shared_strings += 1;
                self.in_shared_string = !empty;
                if self.totals.shared_strings > MAX_SHARED_STRINGS {
                    return Err(self.too_many_strings());
                }
            }
            b"sst" => {
                for declared in [attribute(b"count"), attribute(b"uniqueCount")]
                    .into_iter()
                    .flatten()
                {
                    // calamine reserves room for `uniqueCount` strings before reading one.
                    let number: u64 = std::str::from_utf8(declared)
                        .ok()
                        .and_then(|d| d.trim().parse().ok())
                        .unwrap_or(u64::MAX);
                    if number > MAX_SHARED_STRINGS {
                        return Err(self.too_many_strings());
                    }
                }
            }
            b"definedName" | b"sheet" | b"xf" | b"numFmt" | b"font" | b"fill" | b"border"
            | b"dxf" | b"cellStyle" => {
                self.totals.names += 1;
                if self.totals.names > MAX_NAMES {
                    return Err(Error::TooManyNames { limit: MAX_NAMES });
                }
            }
            b"row" => {
                if let Some(row) = attribute(b"r").and_then(reference).and_then(|r| r.1) {
                    self.row = row - 1;
                }
                if empty {
                    self.row += 1;
                    self.column = 0;
                }
            }
            b"c" => {
                match attribute(b"r").and_then(reference) {
                    Some((Some(column), _)) => self.column = column - 1,
                    _ => {
                        if self.row >= u64::from(MAX_ROWS) || self.column >= u64::from(MAX_COLUMNS)
                        {
                            // Never past u32: both stay below 2³² within the size limits.
                            let row = u32::try_from(self.row).unwrap_or(u32::MAX);
                            let column = u32::try_from(self.column).unwrap_or(u32::MAX);
                            return Err(self.out_of_sheet(cell_address(row, column)));
                        }
                    }
                }
                self.column += 1;
            }
            _ => {}
        }
        Ok(())
    }

    /// Checks each cell of a reference list (`A1`, `A1:D4`, `$B$2 C3:C9`).
    fn check_references(&self, value: &[u8]) -> Result<()> {
        for token in value.split(|b| b.is_ascii_whitespace() || *b == b':') {
            let token = match token.iter().rposition(|b| *b == b'!') {
                Some(at) => &token[at + 1..],
                None => token,
            };
            if let Some((column, row)) = reference(token) {
                let column_out = column.is_some_and(|c| c > u64::from(MAX_COLUMNS));
                let row_out = row.is_some_and(|r| r == 0 || r > u64::from(MAX_ROWS));
                if column_out || row_out {
                    let shown = String::from_utf8_lossy(token).into_owned();
                    return Err(self.out_of_sheet(crate::problem::quoted(&shown)));
                }
            }
        }
        Ok(())
    }
}

/// `x:row` → `row`: the element's name without its prefix.
fn local_name(tag: &[u8]) -> &[u8] {
    let end = tag
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == b'/')
        .unwrap_or(tag.len());
    let name = &tag[..end];
    match name.iter().rposition(|b| *b == b':') {
        Some(at) => &name[at + 1..],
        None => name,
    }
}

/// The attributes of a tag, names with their prefix, values without their quotes.
fn attributes(tag: &[u8]) -> Vec<(&[u8], &[u8])> {
    let mut found = Vec::new();
    let Some(mut rest) = tag
        .iter()
        .position(|b| b.is_ascii_whitespace())
        .map(|at| &tag[at..])
    else {
        return found;
    };
    loop {
        let Some(equals) = rest.iter().position(|b| *b == b'=') else {
            return found;
        };
        let name = rest[..equals].trim_ascii();
        let after = rest[equals + 1..].trim_ascii_start();
        let Some(&quote) = after.first().filter(|q| matches!(q, b'"' | b'\'')) else {
            return found;
        };
        let Some(close) = after[1..].iter().position(|b| *b == quote) else {
            return found;
        };
        found.push((name, &after[1..1 + close]));
        rest = &after[close + 2..];
    }
}

/// `$AB$12` → (column 28, row 12), both counted from 1 and saturating; `None` when the token is
/// not a cell, column or row reference.
fn reference(token: &[u8]) -> Option<(Option<u64>, Option<u64>)> {
    let token: Vec<u8> = token.iter().copied().filter(|b| *b != b'$').collect();
    let letters = token.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let (column, row) = token.split_at(letters);
    if (column.is_empty() && row.is_empty()) || !row.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let column = (!column.is_empty()).then(|| {
        column.iter().fold(0u64, |n, b| {
            n.saturating_mul(26)
                .saturating_add(u64::from(b.to_ascii_uppercase() - b'A') + 1)
        })
    });
    let row = (!row.is_empty()).then(|| {
        row.iter().fold(0u64, |n, b| {
            n.saturating_mul(10).saturating_add(u64::from(b - b'0'))
        })
    });
    Some((column, row))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(xml: &str) -> Result<()> {
        let mut totals = Totals::default();
        let mut part = PartScan::new("xl/worksheets/sheet1.xml", &mut totals);
        // Fed in small pieces, as inflating does.
        for piece in xml.as_bytes().chunks(7) {
            part.feed(piece)?;
        }
        Ok(())
    }

    fn out_of_sheet(result: Result<()>) -> String {
        match result {
            Err(Error::OutOfSheet { cell, .. }) => cell,
            other => panic!("expected a cell out of the sheet, got {other:?}"),
        }
    }

    #[test]
    fn references_within_the_sheet_pass() {
        scan(
            "<?xml version=\"1.0\"?><!-- a \"comment' --><worksheet><dimension ref=\"A1:XFD1048576\"/>\
             <sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c><v>1</v></c></row>\
             <row r=\"1048576\"><c r=\"XFD1048576\"><v>2</v></c></row></sheetData>\
             <mergeCells><mergeCell ref=\"$A$1:B2\"/></mergeCells></worksheet>",
        )
        .unwrap();
    }

    #[test]
    fn references_past_the_limits_are_refused() {
        let cell = |c: &str| format!("<sheetData><row><c r=\"{c}\"><v>1</v></c></row></sheetData>");
        assert_eq!(out_of_sheet(scan(&cell("D4294967304"))), "D4294967304");
        assert_eq!(out_of_sheet(scan(&cell("XFE1"))), "XFE1");
        assert_eq!(out_of_sheet(scan(&cell("A1048577"))), "A1048577");
        assert_eq!(
            out_of_sheet(scan("<dimension ref=\"A1:B99999999999999999999\"/>")),
            "B99999999999999999999"
        );
        assert_eq!(
            out_of_sheet(scan("<row r=\"1048577\"><c><v>1</v></c></row>")),
            "1048577"
        );
        // Cells without a reference, placed one after the other as calamine does.
        let wide = format!("<row r=\"3\">{}</row>", "<c><v>1</v></c>".repeat(16_385));
        assert_eq!(out_of_sheet(scan(&wide)), "XFE3");
    }

    #[test]
    fn long_texts_and_tags_declared_counts_and_nul_bytes_are_refused() {
        let long = format!("<c><v>{}</v></c>", "0".repeat(MAX_XML_RUN_BYTES + 1));
        assert!(matches!(scan(&long), Err(Error::TextTooLong { .. })));
        let tag = format!("<c {}>", " ".repeat(MAX_XML_RUN_BYTES + 1));
        assert!(matches!(scan(&tag), Err(Error::TextTooLong { .. })));
        assert!(matches!(
            scan("<sst uniqueCount=\"4000000000\">"),
            Err(Error::TooManyStrings { .. })
        ));
        assert!(matches!(scan("<\0c\0>"), Err(Error::NotXlsx(_))));
    }

    /// A part in UTF-16 with its byte-order mark, fed in chunks of `chunk` bytes.
    fn scan_utf16(xml: &str, big_endian: bool, chunk: usize) -> Result<()> {
        let mut bytes: Vec<u8> = match big_endian {
            true => vec![0xFE, 0xFF],
            false => vec![0xFF, 0xFE],
        };
        for unit in xml.encode_utf16() {
            bytes.extend(match big_endian {
                true => unit.to_be_bytes(),
                false => unit.to_le_bytes(),
            });
        }
        let mut totals = Totals::default();
        let mut part = PartScan::new("xl/worksheets/sheet1.xml", &mut totals);
        for piece in bytes.chunks(chunk) {
            part.feed(piece)?;
        }
        Ok(())
    }

    #[test]
    fn a_part_in_utf16_is_decoded_then_scanned() {
        // Excel writes customXml parts so: readable, accepted.
        let plain = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><ds:datastoreItem ds:itemID=\"{1}\">ļ 😀</ds:datastoreItem>";
        for (big_endian, chunk) in [(false, 4096), (true, 4096), (false, 3), (true, 1)] {
            assert!(
                scan_utf16(plain, big_endian, chunk).is_ok(),
                "{big_endian} {chunk}"
            );
        }
        // The limits hold in UTF-16 too, whatever the chunks (an odd cut, a split surrogate).
        let hidden = "<sheetData><row r=\"1\"><c r=\"A1\"><is><t>ļ</t></is></c><c r=\"D4294967304\"><v>5</v></c></row></sheetData>";
        for (big_endian, chunk) in [(false, 4096), (true, 5), (false, 1)] {
            assert!(
                matches!(
                    scan_utf16(hidden, big_endian, chunk),
                    Err(Error::OutOfSheet { .. })
                ),
                "{big_endian} {chunk}"
            );
        }
        let long = format!("<c><v>{}</v></c>", "0".repeat(MAX_XML_RUN_BYTES + 1));
        assert!(matches!(
            scan_utf16(&long, false, 65536),
            Err(Error::TextTooLong { .. })
        ));
    }
}
