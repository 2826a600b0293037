//! Text as PDF wants it: text strings (PDFDocEncoding or UTF-16BE), dates (`D:` strings) and
//! WinAnsi (cp1252) bytes for the standard fonts used in the visible signature.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};

/// A PDF text string: plain bytes when ASCII (readable in any tool), UTF-16BE with a byte order
/// mark otherwise, which every reader decodes unambiguously.
pub(crate) fn encode_text_string(text: &str) -> Vec<u8> {
    if text.is_ascii() {
        return text.as_bytes().to_vec();
    }
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    bytes
}

/// Decodes a PDF text string; PDFDocEncoding's printable range is close enough to Latin-1 for
/// names and reasons.
pub(crate) fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16
            .chunks_exact(2)
            .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(utf8) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(utf8).into_owned();
    }
    bytes.iter().map(|&byte| char::from(byte)).collect()
}

/// A PDF date (ISO 32000-1 §7.9.4) in UTC, as written to a signature's `/M`.
pub(crate) fn format_pdf_date(time: &DateTime<Utc>) -> String {
    time.format("D:%Y%m%d%H%M%S+00'00'").to_string()
}

/// Parses a PDF date such as `D:20261115103000+01'00'`; every field after the year is optional.
pub(crate) fn parse_pdf_date(text: &str) -> Option<DateTime<Utc>> {
    let text = text.strip_prefix("D:").unwrap_or(text);
    let digits_end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, zone) = text.split_at(digits_end);
    if digits.len() < 4 {
        return None;
    }
    let field = |range: std::ops::Range<usize>, default: u32| -> Option<u32> {
        match digits.get(range) {
            Some(part) => part.parse().ok(),
            None => Some(default),
        }
    };
    let year = digits.get(0..4)?.parse().ok()?;
    let date = NaiveDate::from_ymd_opt(year, field(4..6, 1)?, field(6..8, 1)?)?;
    let naive = date.and_hms_opt(field(8..10, 0)?, field(10..12, 0)?, field(12..14, 0)?)?;

    let offset_seconds = match zone.chars().next() {
        None | Some('Z') => 0,
        Some(sign @ ('+' | '-')) => {
            // `HH'mm'` (ISO 32000-1 §7.9.4): hours up to 23, minutes up to 59, each optional. A
            // file may write anything there; a zone out of range makes the date unreadable
            // rather than an arithmetic overflow (found by fuzzing).
            let mut numbers = zone[1..]
                .split(|c: char| !c.is_ascii_digit())
                .filter(|part| !part.is_empty());
            let mut next = |max: i32| -> Option<i32> {
                match numbers.next() {
                    None => Some(0),
                    Some(part) => part.parse().ok().filter(|n| (0..=max).contains(n)),
                }
            };
            let minutes = next(23)? * 60 + next(59)?;
            if sign == '-' {
                -minutes * 60
            } else {
                minutes * 60
            }
        }
        Some(_) => return None,
    };
    let offset = FixedOffset::east_opt(offset_seconds)?;
    offset
        .from_local_datetime(&naive)
        .single()
        .map(|time| time.with_timezone(&Utc))
}

/// Encodes text in Windows-1252, the byte encoding of `/WinAnsiEncoding`, so that the standard
/// Helvetica font shows French accents without embedding a font. Characters outside cp1252
/// become `?`.
pub(crate) fn encode_cp1252(text: &str) -> Vec<u8> {
    text.chars().map(cp1252_byte).collect()
}

fn cp1252_byte(c: char) -> u8 {
    let code = u32::from(c);
    if code < 0x80 || (0xA0..=0xFF).contains(&code) {
        return code as u8;
    }
    match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        // The narrow no-break space French typography puts before ':' has no cp1252 slot.
        '\u{202F}' => 0xA0,
        _ => b'?',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_text_maps_to_cp1252_bytes() {
        assert_eq!(
            encode_cp1252("Signé à Nîmes – œuvre €"),
            b"Sign\xe9 \xe0 N\xeemes \x96 \x9cuvre \x80".to_vec()
        );
        assert_eq!(
            encode_cp1252("日本"),
            b"??".to_vec(),
            "unmappable characters"
        );
    }

    #[test]
    fn text_strings_round_trip() {
        for text in ["Approbation", "Approbation du rapport d’évaluation"] {
            assert_eq!(decode_text_string(&encode_text_string(text)), text);
        }
    }

    #[test]
    fn pdf_dates_round_trip_and_honour_offsets() {
        let time = Utc.with_ymd_and_hms(2026, 11, 15, 10, 30, 5).unwrap();
        assert_eq!(format_pdf_date(&time), "D:20261115103005+00'00'");
        assert_eq!(parse_pdf_date(&format_pdf_date(&time)), Some(time));
        assert_eq!(
            parse_pdf_date("D:20261115113005+01'00'"),
            Some(time),
            "an offset of +1h is one hour ahead of UTC"
        );
        assert_eq!(
            parse_pdf_date("D:2026"),
            Some(Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap())
        );
        assert_eq!(parse_pdf_date("yesterday"), None);
    }

    #[test]
    fn a_time_zone_out_of_range_makes_the_date_unreadable() {
        // The fuzzer's find: a signing time whose zone overflowed the offset's arithmetic.
        assert_eq!(parse_pdf_date("D:20261115103005+99999999999'00'"), None);
        assert_eq!(parse_pdf_date("D:20261115103005-24'00'"), None);
        assert_eq!(parse_pdf_date("D:20261115103005+01'60'"), None);
        assert_eq!(
            parse_pdf_date("D:20261115103005-23'59'"),
            Some(Utc.with_ymd_and_hms(2026, 11, 16, 10, 29, 5).unwrap())
        );
    }
}
