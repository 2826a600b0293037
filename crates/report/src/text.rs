//! The embedded fonts, text measurement and line wrapping.
//!
//! printpdf has no layout engine in op mode, so every width is measured here from the font's
//! own advance widths: the same numbers the PDF viewer uses, which keeps right-aligned figures
//! aligned and wrapped lines inside their cells.

use printpdf::{FontId, ParsedFont, PdfDocument, PdfFont};

use crate::error::{Error, Result};

static REGULAR_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// Which face a piece of text uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Face {
    Regular,
    Bold,
}

/// Advance widths of one face, in thousandths of an em.
struct Widths {
    /// Latin-1 and Latin Extended-A (`œ` lives there): almost every character of a report.
    table: Vec<f32>,
    font: ParsedFont,
    units_per_em: f32,
}

/// Characters whose width is precomputed; the rest are looked up when met.
const TABLE_SIZE: usize = 0x180;

impl Widths {
    fn new(bytes: &[u8], name: &'static str) -> Result<Widths> {
        let mut warnings = Vec::new();
        let font = ParsedFont::from_bytes(bytes, 0, &mut warnings).ok_or(Error::Font(name))?;
        let units_per_em = f32::from(font.pdf_font_metrics.units_per_em.max(1));
        let mut widths = Widths {
            table: Vec::with_capacity(TABLE_SIZE),
            font,
            units_per_em,
        };
        for code in 0..TABLE_SIZE {
            let width = char::from_u32(code as u32).map_or(0.0, |c| widths.lookup(c));
            widths.table.push(width);
        }
        Ok(widths)
    }

    fn lookup(&self, ch: char) -> f32 {
        let gid = self.font.lookup_glyph_index(ch as u32).unwrap_or(0);
        f32::from(self.font.get_horizontal_advance(gid)) * 1000.0 / self.units_per_em
    }

    fn of(&self, ch: char) -> f32 {
        match self.table.get(ch as usize) {
            Some(width) => *width,
            None => self.lookup(ch),
        }
    }

    #[cfg(test)]
    fn has_glyph(&self, ch: char) -> bool {
        self.font
            .lookup_glyph_index(ch as u32)
            .is_some_and(|g| g != 0)
    }
}

/// Both faces, registered in a document, with their metrics.
pub(crate) struct Fonts {
    regular: Widths,
    bold: Widths,
    pub regular_id: FontId,
    pub bold_id: FontId,
}

impl Fonts {
    /// Parses the embedded faces and registers them in `doc`.
    pub fn load(doc: &mut PdfDocument) -> Result<Fonts> {
        let regular = Widths::new(REGULAR_TTF, "DejaVu Sans")?;
        let bold = Widths::new(BOLD_TTF, "DejaVu Sans Bold")?;
        // Fixed resource names instead of printpdf's random ones, so that the same input
        // gives the same content streams.
        let regular_id = FontId("F1".into());
        let bold_id = FontId("F2".into());
        doc.resources
            .fonts
            .map
            .insert(regular_id.clone(), PdfFont::new(regular.font.clone()));
        doc.resources
            .fonts
            .map
            .insert(bold_id.clone(), PdfFont::new(bold.font.clone()));
        Ok(Fonts {
            regular,
            bold,
            regular_id,
            bold_id,
        })
    }

    /// Metrics only, for measuring without a document (tests).
    #[cfg(test)]
    pub fn metrics_only() -> Result<Fonts> {
        Ok(Fonts {
            regular: Widths::new(REGULAR_TTF, "DejaVu Sans")?,
            bold: Widths::new(BOLD_TTF, "DejaVu Sans Bold")?,
            regular_id: FontId("F1".into()),
            bold_id: FontId("F2".into()),
        })
    }

    pub fn id(&self, face: Face) -> &FontId {
        match face {
            Face::Regular => &self.regular_id,
            Face::Bold => &self.bold_id,
        }
    }

    fn widths(&self, face: Face) -> &Widths {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }

    /// Whether the face can draw `ch` (anything else would print as an empty box).
    #[cfg(test)]
    pub fn has_glyph(&self, face: Face, ch: char) -> bool {
        self.widths(face).has_glyph(ch)
    }

    /// Width of `text` in points at `size` points.
    pub fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        let widths = self.widths(face);
        let units: f32 = text.chars().map(|c| widths.of(c)).sum();
        units * size / 1000.0
    }

    /// Splits `text` into lines no wider than `max_width`: paragraphs at `\n`, then at ordinary
    /// spaces (never at no-break spaces, which glue a number to its unit). A word wider than
    /// the line is cut between characters rather than overflowing its cell.
    pub fn wrap(&self, face: Face, size: f32, text: &str, max_width: f32) -> Vec<String> {
        let widths = self.widths(face);
        let scale = size / 1000.0;
        let space = widths.of(' ') * scale;
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            let mut line_width = 0.0_f32;
            for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
                let word_width: f32 = word.chars().map(|c| widths.of(c)).sum::<f32>() * scale;
                let needed = if line.is_empty() {
                    word_width
                } else {
                    line_width + space + word_width
                };
                if needed <= max_width {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                    line_width = needed;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                }
                if word_width <= max_width {
                    line.push_str(word);
                    line_width = word_width;
                    continue;
                }
                for ch in word.chars() {
                    let w = widths.of(ch) * scale;
                    if line_width + w > max_width && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_width = 0.0;
                    }
                    line.push(ch);
                    line_width += w;
                }
            }
            lines.push(line);
        }
        lines
    }

    /// Like [`Fonts::wrap`], keeping at most `max_lines` lines; the last one ends with an
    /// ellipsis when text was dropped.
    pub fn wrap_limited(
        &self,
        face: Face,
        size: f32,
        text: &str,
        max_width: f32,
        max_lines: usize,
    ) -> Vec<String> {
        let mut lines = self.wrap(face, size, text, max_width);
        if max_lines > 0 && lines.len() > max_lines {
            lines.truncate(max_lines);
            if let Some(last) = lines.last_mut() {
                let longer = format!("{last}…");
                *last = self.truncate(face, size, &longer, max_width);
                if !last.ends_with('…') {
                    last.push('…');
                }
            }
        }
        lines
    }

    /// `text` cut to fit `max_width`, ending with an ellipsis when shortened.
    pub fn truncate(&self, face: Face, size: f32, text: &str, max_width: f32) -> String {
        if self.width(face, size, text) <= max_width {
            return text.to_string();
        }
        let widths = self.widths(face);
        let budget = max_width - widths.of('…') * size / 1000.0;
        let mut out = String::new();
        let mut used = 0.0;
        for ch in text.chars() {
            let w = widths.of(ch) * size / 1000.0;
            if used + w > budget {
                break;
            }
            used += w;
            out.push(ch);
        }
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        match Fonts::metrics_only() {
            Ok(f) => f,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn covers_french_typography() {
        let fonts = fonts();
        for ch in "éèàçœŒ«»€’\u{A0}\u{202F}…≥✓—".chars() {
            assert!(fonts.has_glyph(Face::Regular, ch), "regular lacks {ch:?}");
            assert!(fonts.has_glyph(Face::Bold, ch), "bold lacks {ch:?}");
        }
    }

    #[test]
    fn width_grows_with_size_and_bold_is_wider() {
        let fonts = fonts();
        let w10 = fonts.width(Face::Regular, 10.0, "Réversibilité");
        let w20 = fonts.width(Face::Regular, 20.0, "Réversibilité");
        assert!(w10 > 30.0 && w10 < 100.0, "{w10}");
        assert!((w20 - 2.0 * w10).abs() < 1e-3);
        assert!(fonts.width(Face::Bold, 10.0, "Réversibilité") > w10);
    }

    #[test]
    fn wraps_at_spaces_within_width() {
        let fonts = fonts();
        let text =
            "Siège et actionnariat conformes au §19.6, support hors UE encore mal documenté.";
        let lines = fonts.wrap(Face::Regular, 9.0, text, 120.0);
        assert!(lines.len() >= 3, "{lines:?}");
        for line in &lines {
            assert!(fonts.width(Face::Regular, 9.0, line) <= 120.0, "{line}");
        }
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn keeps_no_break_spaces_and_paragraphs() {
        let fonts = fonts();
        let lines = fonts.wrap(
            Face::Regular,
            9.0,
            "Prix 1\u{202F}000\u{202F}000,00\u{A0}€\nsecond",
            90.0,
        );
        assert!(
            lines
                .iter()
                .any(|l| l.contains("1\u{202F}000\u{202F}000,00\u{A0}€"))
        );
        assert_eq!(lines.last().map(String::as_str), Some("second"));
        assert_eq!(
            fonts.wrap(Face::Regular, 9.0, "", 50.0),
            vec![String::new()]
        );
    }

    #[test]
    fn cuts_words_longer_than_the_line() {
        let fonts = fonts();
        let hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        let lines = fonts.wrap(Face::Regular, 9.0, hash, 100.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), hash);
        for line in &lines {
            assert!(fonts.width(Face::Regular, 9.0, line) <= 100.0);
        }
    }

    #[test]
    fn truncates_with_ellipsis() {
        let fonts = fonts();
        let short = fonts.truncate(Face::Regular, 9.0, "Nuage Alpha", 200.0);
        assert_eq!(short, "Nuage Alpha");
        let cut = fonts.truncate(Face::Regular, 9.0, "Hébergement cloud de confiance", 50.0);
        assert!(cut.ends_with('…'));
        assert!(fonts.width(Face::Regular, 9.0, &cut) <= 50.0);
    }
}
