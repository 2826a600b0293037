//! The visible signature block: a framed box drawn with the standard Helvetica fonts.
//!
//! Standard fonts with `/WinAnsiEncoding` keep the appearance small and need no font file, while
//! still showing every French letter (cp1252 covers é, è, à, ç, œ, «, », ’…). Text is sized from
//! Helvetica's published widths so that it fits the box instead of overflowing it.

use lopdf::{Dictionary, Object, Stream};

use crate::pdf_text::encode_cp1252;

const PADDING: f32 = 4.0;
const MAX_FONT_SIZE: f32 = 9.0;
const MIN_FONT_SIZE: f32 = 4.5;
const LINE_SPACING: f32 = 1.25;
/// Helvetica-Bold runs wider than Helvetica; this margin keeps the bold first line inside.
const BOLD_WIDENING: f32 = 1.1;

/// Builds the Form XObject (`/AP /N`) of a `width` × `height` box showing `lines`, the first one
/// in bold.
pub(crate) fn build_appearance(lines: &[String], width: f32, height: f32) -> Stream {
    let inner_width = (width - 2.0 * PADDING).max(1.0);
    let inner_height = (height - 2.0 * PADDING).max(1.0);
    let line_count = lines.len().max(1) as f32;

    let widest = lines
        .iter()
        .enumerate()
        .map(|(index, line)| text_width(line) * if index == 0 { BOLD_WIDENING } else { 1.0 })
        .fold(0.0_f32, f32::max);
    let size_for_height = inner_height / (line_count * LINE_SPACING);
    let size_for_width = if widest > 0.0 {
        inner_width * 1000.0 / widest
    } else {
        MAX_FONT_SIZE
    };
    let font_size = size_for_height
        .min(size_for_width)
        .clamp(MIN_FONT_SIZE, MAX_FONT_SIZE);
    let leading = font_size * LINE_SPACING;

    let mut content = String::new();
    content.push_str("q\n0.97 0.97 1 rg\n");
    content.push_str(&format!("0 0 {width:.2} {height:.2} re f\n"));
    content.push_str("0.16 0.25 0.55 RG 0.8 w\n");
    content.push_str(&format!(
        "0.4 0.4 {:.2} {:.2} re S\n",
        width - 0.8,
        height - 0.8
    ));
    content.push_str("BT\n0.1 0.1 0.1 rg\n");
    let top = height - PADDING - font_size;
    content.push_str(&format!("{PADDING:.2} {top:.2} Td\n{leading:.2} TL\n"));
    let mut bytes = content.into_bytes();
    for (index, line) in lines.iter().enumerate() {
        let font = if index == 0 { "HelvB" } else { "Helv" };
        let widening = if index == 0 { BOLD_WIDENING } else { 1.0 };
        let max_units = inner_width * 1000.0 / (font_size * widening);
        let fitted = fit_line(line, max_units);
        if index > 0 {
            bytes.extend_from_slice(b"T*\n");
        }
        bytes.extend_from_slice(format!("/{font} {font_size:.2} Tf\n").as_bytes());
        bytes.extend_from_slice(&literal_string(&encode_cp1252(&fitted)));
        bytes.extend_from_slice(b" Tj\n");
    }
    bytes.extend_from_slice(b"ET\nQ\n");

    let mut fonts = Dictionary::new();
    fonts.set("Helv", standard_font("Helvetica"));
    fonts.set("HelvB", standard_font("Helvetica-Bold"));
    let mut resources = Dictionary::new();
    resources.set("Font", fonts);

    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XObject".to_vec()));
    dict.set("Subtype", Object::Name(b"Form".to_vec()));
    dict.set(
        "BBox",
        Object::Array(vec![0.into(), 0.into(), width.into(), height.into()]),
    );
    dict.set("Resources", resources);
    Stream::new(dict, bytes)
}

fn standard_font(base_font: &str) -> Dictionary {
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Subtype", Object::Name(b"Type1".to_vec()));
    font.set("BaseFont", Object::Name(base_font.as_bytes().to_vec()));
    font.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
    font
}

/// Shortens `line` with an ellipsis until it fits `max_units` (thousandths of the font size).
fn fit_line(line: &str, max_units: f32) -> String {
    if text_width(line) <= max_units {
        return line.to_owned();
    }
    let ellipsis = char_width('…');
    let mut fitted = String::new();
    let mut used = 0.0;
    for c in line.chars() {
        let width = char_width(c);
        if used + width + ellipsis > max_units {
            break;
        }
        used += width;
        fitted.push(c);
    }
    fitted.push('…');
    fitted
}

fn literal_string(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 2);
    out.push(b'(');
    for &byte in bytes {
        if matches!(byte, b'(' | b')' | b'\\') {
            out.push(b'\\');
        }
        out.push(byte);
    }
    out.push(b')');
    out
}

/// Width of `text` in Helvetica, in thousandths of the font size.
fn text_width(text: &str) -> f32 {
    text.chars().map(char_width).sum()
}

/// Helvetica advance widths from Adobe's AFM for the printable ASCII range; accented letters take
/// their base letter's width, which is how Helvetica draws them.
fn char_width(c: char) -> f32 {
    const ASCII: [u16; 95] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278,
        278, // ' '../
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584,
        556, // 0..?
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722,
        778, // @..O
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469,
        556, // P.._
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556,
        556, // `..o
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p..~
    ];
    let base = match c {
        'à'..='å' => 'a',
        'ç' => 'c',
        'è'..='ë' => 'e',
        'ñ' => 'n',
        'ò'..='ö' | 'ø' => 'o',
        'ù'..='ü' => 'u',
        'ý' | 'ÿ' => 'y',
        'À'..='Å' => 'A',
        'Ç' => 'C',
        'È'..='Ë' => 'E',
        'Ì'..='Ï' => 'I',
        'Ñ' => 'N',
        'Ò'..='Ö' | 'Ø' => 'O',
        'Ù'..='Ü' => 'U',
        'Ý' | 'Ÿ' => 'Y',
        '‘' | '’' | '‚' => '\'',
        '\u{a0}' | '\u{202f}' => ' ',
        other => other,
    };
    let width = match base {
        ' '..='~' => ASCII[(u32::from(base) - 32) as usize],
        // Helvetica's accented i is wider than the dotted one.
        'ì'..='ï' => 278,
        'œ' => 944,
        'Œ' | 'Æ' | '…' | '—' | '‰' => 1000,
        'æ' => 889,
        '“' | '”' | '„' => 333,
        '°' => 400,
        _ => 556,
    };
    f32::from(width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_shortened_with_an_ellipsis() {
        let fitted = fit_line(&"Approbation ".repeat(20), 10_000.0);
        assert!(fitted.ends_with('…'), "{fitted}");
        assert!(text_width(&fitted) <= 10_000.0);
        assert_eq!(fit_line("Court", 10_000.0), "Court");
    }

    #[test]
    fn appearance_shows_accented_text_in_cp1252_with_escaped_parentheses() {
        let lines = vec![
            "Signé électroniquement par Éric".to_owned(),
            "Motif : validé (définitif)".to_owned(),
        ];
        let stream = build_appearance(&lines, 220.0, 60.0);
        let content = &stream.content;
        let needle = b"(Sign\xe9 \xe9lectroniquement par \xc9ric) Tj";
        assert!(
            content.windows(needle.len()).any(|window| window == needle),
            "bold line present in cp1252"
        );
        let needle = b"(Motif : valid\xe9 \\(d\xe9finitif\\)) Tj";
        assert!(
            content.windows(needle.len()).any(|window| window == needle),
            "parentheses escaped"
        );
    }
}
