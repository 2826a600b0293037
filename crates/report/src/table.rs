//! Tables that flow across pages: the header row is repeated at the top of every page a table
//! reaches, and a row taller than a page is split between lines rather than clipped.

use crate::page::{
    Align, BLACK, BOTTOM, Canvas, GREY, GROUP_FILL, HEADER_FILL, LIGHT, MARGIN_X, Rgb8, Style,
};
use crate::text::Face;

const PAD_X: f32 = 3.0;
const PAD_Y: f32 = 2.5;

/// One column: its header, width in points and alignment.
pub(crate) struct Column {
    pub header: String,
    pub width: f32,
    pub align: Align,
    /// At most this many header lines (0: no limit), for long criterion titles as headers.
    pub header_lines: usize,
}

impl Column {
    pub fn new(header: impl Into<String>, width: f32, align: Align) -> Column {
        Column {
            header: header.into(),
            width,
            align,
            header_lines: 0,
        }
    }

    pub fn header_lines(mut self, lines: usize) -> Column {
        self.header_lines = lines;
        self
    }
}

/// One cell: main text in the column's alignment, and an optional note printed in grey at the
/// left of the same cell (a value beside its points, a source beside a score).
#[derive(Default, Clone)]
pub(crate) struct Cell {
    pub text: String,
    pub note: Option<String>,
    pub bold: bool,
    pub color: Option<Rgb8>,
    /// Left indent in points (tree depth).
    pub indent: f32,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }

    pub fn bold(mut self) -> Cell {
        self.bold = true;
        self
    }

    pub fn color(mut self, color: Rgb8) -> Cell {
        self.color = Some(color);
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Cell {
        let note = note.into();
        if !note.is_empty() {
            self.note = Some(note);
        }
        self
    }

    pub fn indent(mut self, indent: f32) -> Cell {
        self.indent = indent;
        self
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::new(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::new(text)
    }
}

/// A row; `fill` shades it (group rows, flagged offers).
pub(crate) struct Row {
    pub cells: Vec<Cell>,
    pub fill: Option<Rgb8>,
}

impl Row {
    pub fn new(cells: Vec<Cell>) -> Row {
        Row { cells, fill: None }
    }

    pub fn group(cells: Vec<Cell>) -> Row {
        Row {
            cells,
            fill: Some(GROUP_FILL),
        }
    }

    pub fn filled(cells: Vec<Cell>, fill: Rgb8) -> Row {
        Row {
            cells,
            fill: Some(fill),
        }
    }
}

/// One laid-out line of a cell: the note part (grey, left) and the main part.
struct CellLine {
    note: Option<String>,
    text: String,
}

/// Text sizes of a table; the matrix and the detail tables use the small size.
#[derive(Clone, Copy)]
pub(crate) struct TableStyle {
    pub size: f32,
}

impl TableStyle {
    pub const BODY: TableStyle = TableStyle { size: 8.5 };
    pub const SMALL: TableStyle = TableStyle { size: 7.5 };

    fn style(self, bold: bool) -> Style {
        Style {
            face: if bold { Face::Bold } else { Face::Regular },
            size: self.size,
            color: BLACK,
        }
    }

    fn line_height(self) -> f32 {
        self.size * 1.25
    }
}

/// Draws `rows` under `columns` from the canvas cursor, breaking pages as needed.
pub(crate) fn draw_table(canvas: &mut Canvas, columns: &[Column], rows: &[Row], ts: TableStyle) {
    let lh = ts.line_height();
    let header_lines: Vec<Vec<String>> = columns
        .iter()
        .map(|c| {
            canvas.fonts.wrap_limited(
                Face::Bold,
                ts.size,
                &c.header,
                c.width - 2.0 * PAD_X,
                c.header_lines,
            )
        })
        .collect();
    let header_height =
        header_lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * PAD_Y;

    // A table starts on a new page when not even its header and one line fit.
    canvas.ensure(header_height + lh + 2.0 * PAD_Y);
    draw_header(canvas, columns, &header_lines, header_height, ts);

    for row in rows {
        let laid: Vec<Vec<CellLine>> = columns
            .iter()
            .zip(&row.cells)
            .map(|(col, cell)| layout_cell(canvas, col, cell, ts))
            .collect();
        let line_count = laid.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let mut start = 0;
        let mut fresh_page = false;
        while start < line_count {
            let available = BOTTOM - canvas.y - 2.0 * PAD_Y;
            let fit = (available / lh).floor().max(0.0) as usize;
            let remaining = line_count - start;
            // Move the whole row to the next page when it fits there; split only rows taller
            // than a page, and never leave a lone first line behind.
            let fresh_fit = ((BOTTOM - crate::page::TOP - header_height - 2.0 * PAD_Y) / lh)
                .floor()
                .max(1.0) as usize;
            if !fresh_page && fit < remaining && (remaining <= fresh_fit || fit < 2) {
                canvas.new_page();
                draw_header(canvas, columns, &header_lines, header_height, ts);
                fresh_page = true;
                continue;
            }
            let take = remaining.min(fit.max(1));
            draw_row_part(canvas, columns, row, &laid, start, take, ts);
            start += take;
            if start < line_count {
                canvas.new_page();
                draw_header(canvas, columns, &header_lines, header_height, ts);
                fresh_page = true;
            }
        }
    }
    canvas.y += 6.0;
}

fn draw_header(
    canvas: &mut Canvas,
    columns: &[Column],
    header_lines: &[Vec<String>],
    height: f32,
    ts: TableStyle,
) {
    let width: f32 = columns.iter().map(|c| c.width).sum();
    let top = canvas.y;
    canvas.fill_rect(MARGIN_X, top, width, height, HEADER_FILL);
    let lh = ts.line_height();
    let mut x = MARGIN_X;
    for (col, lines) in columns.iter().zip(header_lines) {
        for (i, line) in lines.iter().enumerate() {
            let baseline = top + PAD_Y + lh * (i as f32 + 1.0) - lh * 0.22;
            canvas.text_in(
                x + PAD_X,
                col.width - 2.0 * PAD_X,
                baseline,
                line,
                ts.style(true),
                col.align,
            );
        }
        x += col.width;
    }
    canvas.y = top + height;
    canvas.line(MARGIN_X, canvas.y, MARGIN_X + width, canvas.y, GREY, 0.6);
}

fn layout_cell(canvas: &Canvas, col: &Column, cell: &Cell, ts: TableStyle) -> Vec<CellLine> {
    let fonts = canvas.fonts;
    let style = ts.style(cell.bold);
    let inner = (col.width - 2.0 * PAD_X - cell.indent).max(4.0);
    let Some(note) = &cell.note else {
        return fonts
            .wrap(style.face, style.size, &cell.text, inner)
            .into_iter()
            .map(|text| CellLine { note: None, text })
            .collect();
    };
    let note_width = fonts.width(Face::Regular, ts.size, note);
    let text_width = fonts.width(style.face, style.size, &cell.text);
    if note_width + text_width + 4.0 <= inner && !cell.text.contains('\n') {
        return vec![CellLine {
            note: Some(note.clone()),
            text: cell.text.clone(),
        }];
    }
    // Too wide for one line: the note goes first, on lines of its own.
    let mut lines: Vec<CellLine> = fonts
        .wrap(Face::Regular, ts.size, note, inner)
        .into_iter()
        .map(|n| CellLine {
            note: Some(n),
            text: String::new(),
        })
        .collect();
    lines.extend(
        fonts
            .wrap(style.face, style.size, &cell.text, inner)
            .into_iter()
            .filter(|t| !t.is_empty())
            .map(|text| CellLine { note: None, text }),
    );
    lines
}

fn draw_row_part(
    canvas: &mut Canvas,
    columns: &[Column],
    row: &Row,
    laid: &[Vec<CellLine>],
    start: usize,
    count: usize,
    ts: TableStyle,
) {
    let lh = ts.line_height();
    let width: f32 = columns.iter().map(|c| c.width).sum();
    let top = canvas.y;
    let height = count as f32 * lh + 2.0 * PAD_Y;
    if let Some(fill) = row.fill {
        canvas.fill_rect(MARGIN_X, top, width, height, fill);
    }
    let mut x = MARGIN_X;
    for ((col, cell), lines) in columns.iter().zip(&row.cells).zip(laid) {
        let style = ts.style(cell.bold).with_color(cell.color.unwrap_or(BLACK));
        let left = x + PAD_X + cell.indent;
        let inner = col.width - 2.0 * PAD_X - cell.indent;
        for (i, line) in lines.iter().skip(start).take(count).enumerate() {
            let baseline = top + PAD_Y + lh * (i as f32 + 1.0) - lh * 0.22;
            if let Some(note) = &line.note {
                canvas.text(left, baseline, note, ts.style(false).with_color(GREY));
            }
            canvas.text_in(left, inner, baseline, &line.text, style, col.align);
        }
        x += col.width;
    }
    canvas.y = top + height;
    canvas.line(MARGIN_X, canvas.y, MARGIN_X + width, canvas.y, LIGHT, 0.4);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Fonts;

    fn fonts() -> Fonts {
        match Fonts::metrics_only() {
            Ok(f) => f,
            Err(e) => panic!("{e}"),
        }
    }

    /// Counts how often `needle` is drawn on each page of a finished canvas.
    fn occurrences_per_page(pages: &[Vec<printpdf::Op>], needle: &str) -> Vec<usize> {
        pages
            .iter()
            .map(|ops| {
                ops.iter()
                    .filter(|op| match op {
                        printpdf::Op::ShowText { items } => items
                            .iter()
                            .any(|item| matches!(item, printpdf::TextItem::Text(t) if t == needle)),
                        _ => false,
                    })
                    .count()
            })
            .collect()
    }

    #[test]
    fn long_tables_repeat_their_header_on_every_page() {
        let fonts = fonts();
        let mut canvas = Canvas::new(&fonts);
        let columns = vec![
            Column::new("Critère", 200.0, Align::Left),
            Column::new("Points", 80.0, Align::Right),
        ];
        let rows: Vec<Row> = (0..300)
            .map(|i| Row::new(vec![Cell::new(format!("Ligne {i}")), Cell::new("1,00")]))
            .collect();
        draw_table(&mut canvas, &columns, &rows, TableStyle::BODY);
        let pages = canvas.finish("t", "Page", None);
        assert!(pages.len() >= 4, "{} pages", pages.len());
        let headers = occurrences_per_page(&pages, "Critère");
        assert!(headers.iter().all(|&n| n == 1), "{headers:?}");
        let rows_drawn: usize = (0..300)
            .map(|i| {
                occurrences_per_page(&pages, &format!("Ligne {i}"))
                    .iter()
                    .sum::<usize>()
            })
            .sum();
        assert_eq!(rows_drawn, 300);
        assert!(
            occurrences_per_page(&pages, &format!("Page {} / {}", pages.len(), pages.len()))
                .last()
                .is_some_and(|&n| n == 1)
        );
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_and_continues_under_a_header() {
        let fonts = fonts();
        let mut canvas = Canvas::new(&fonts);
        let columns = vec![
            Column::new("Évaluateur", 100.0, Align::Left),
            Column::new("Justification", 300.0, Align::Left),
        ];
        let long: Vec<String> = (0..150).map(|i| format!("Paragraphe {i}")).collect();
        let rows = vec![Row::new(vec![
            Cell::new("Claire Martin"),
            Cell::new(long.join("\n")),
        ])];
        draw_table(&mut canvas, &columns, &rows, TableStyle::BODY);
        let pages = canvas.finish("t", "Page", None);
        assert!(pages.len() >= 2);
        assert!(
            occurrences_per_page(&pages, "Justification")
                .iter()
                .all(|&n| n == 1)
        );
        let drawn: usize = (0..150)
            .map(|i| {
                occurrences_per_page(&pages, &format!("Paragraphe {i}"))
                    .iter()
                    .sum::<usize>()
            })
            .sum();
        assert_eq!(drawn, 150);
    }

    #[test]
    fn a_row_that_does_not_fit_moves_whole_to_the_next_page() {
        let fonts = fonts();
        let mut canvas = Canvas::new(&fonts);
        canvas.y = BOTTOM - 45.0;
        let columns = vec![Column::new("A", 200.0, Align::Left)];
        let rows = vec![Row::new(vec![Cell::new("un\ndeux\ntrois\nquatre")])];
        draw_table(&mut canvas, &columns, &rows, TableStyle::BODY);
        let pages = canvas.finish("t", "Page", None);
        assert_eq!(pages.len(), 2);
        assert_eq!(occurrences_per_page(&pages, "un"), vec![0, 1]);
        assert_eq!(occurrences_per_page(&pages, "quatre"), vec![0, 1]);
    }
}
