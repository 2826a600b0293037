//! Vector charts: totals stacked by top-level criterion, and weight-stability intervals.
//!
//! Drawn with rectangles and lines so they stay sharp when printed and weigh almost nothing.

use crate::page::{
    ACCENT, Align, BLACK, CONTENT_WIDTH, Canvas, GREY, LIGHT, MARGIN_X, Rgb8, Style,
};

/// One colour per top-level criterion, distinguishable in print and for most colour-blind
/// readers (Okabe–Ito order, then darker variants).
const PALETTE: [Rgb8; 10] = [
    Rgb8(0x00, 0x72, 0xb2),
    Rgb8(0xe6, 0x9f, 0x00),
    Rgb8(0x00, 0x9e, 0x73),
    Rgb8(0xcc, 0x79, 0xa7),
    Rgb8(0x56, 0xb4, 0xe9),
    Rgb8(0xd5, 0x5e, 0x00),
    Rgb8(0xf0, 0xe4, 0x42),
    Rgb8(0x6a, 0x3d, 0x9a),
    Rgb8(0x8c, 0x56, 0x4b),
    Rgb8(0x7f, 0x7f, 0x7f),
];

pub(crate) fn palette(index: usize) -> Rgb8 {
    PALETTE[index % PALETTE.len()]
}

/// A bar of the totals chart: its label, one segment per series, and the printed total.
pub(crate) struct StackedBar {
    pub label: String,
    pub segments: Vec<f64>,
    pub total_text: String,
}

const LABEL_WIDTH: f32 = 130.0;
const VALUE_WIDTH: f32 = 44.0;

/// Horizontal bars on a 0–100 axis, one colour per series, with a legend above.
pub(crate) fn stacked_totals(
    canvas: &mut Canvas,
    title: &str,
    series: &[String],
    bars: &[StackedBar],
) {
    if bars.is_empty() {
        return;
    }
    canvas.ensure(80.0);
    chart_title(canvas, title);
    legend(canvas, series);

    let plot_x = MARGIN_X + LABEL_WIDTH;
    let plot_width = CONTENT_WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    let bar_height = 11.0;
    let pitch = 16.0;
    axis(canvas, plot_x, plot_width);
    for bar in bars {
        if canvas.y + pitch > crate::page::BOTTOM {
            canvas.new_page();
            axis(canvas, plot_x, plot_width);
        }
        let top = canvas.y + (pitch - bar_height) / 2.0;
        let label = canvas.fonts.truncate(
            Style::SMALL.face,
            Style::SMALL.size,
            &bar.label,
            LABEL_WIDTH - 6.0,
        );
        canvas.text(MARGIN_X, top + 8.5, &label, Style::SMALL);
        let mut x = plot_x;
        for (i, value) in bar.segments.iter().enumerate() {
            let width = (value.max(0.0) / 100.0) as f32 * plot_width;
            canvas.fill_rect(x, top, width, bar_height, palette(i));
            x += width;
        }
        canvas.text_in(
            plot_x + plot_width,
            VALUE_WIDTH,
            top + 8.5,
            &bar.total_text,
            Style::SMALL_BOLD,
            Align::Right,
        );
        canvas.y += pitch;
    }
    canvas.y += 8.0;
}

fn chart_title(canvas: &mut Canvas, title: &str) {
    canvas.y += 14.0;
    canvas.text(
        MARGIN_X,
        canvas.y - 3.0,
        title,
        Style::BOLD.with_color(ACCENT),
    );
    canvas.y += 4.0;
}

/// Colour swatches with their labels, flowing onto as many lines as needed.
fn legend(canvas: &mut Canvas, series: &[String]) {
    let style = Style::SMALL;
    let mut x = MARGIN_X;
    canvas.y += 12.0;
    for (i, name) in series.iter().enumerate() {
        let label = canvas
            .fonts
            .truncate(style.face, style.size, name, CONTENT_WIDTH / 2.0);
        let width = 12.0 + canvas.fonts.width(style.face, style.size, &label) + 12.0;
        if x + width > MARGIN_X + CONTENT_WIDTH && x > MARGIN_X {
            x = MARGIN_X;
            canvas.y += 12.0;
        }
        canvas.fill_rect(x, canvas.y - 7.5, 8.0, 8.0, palette(i));
        canvas.text(x + 11.0, canvas.y - 0.5, &label, style);
        x += width;
    }
    canvas.y += 8.0;
}

/// Gridlines every 10 points with labels at 0, 25, 50, 75 and 100.
fn axis(canvas: &mut Canvas, plot_x: f32, plot_width: f32) {
    let top = canvas.y;
    for tick in (0..=100).step_by(25) {
        let x = plot_x + plot_width * tick as f32 / 100.0;
        canvas.text_in(
            x - 15.0,
            30.0,
            top + 7.0,
            &tick.to_string(),
            Style::SMALL_GREY,
            Align::Center,
        );
    }
    canvas.y += 10.0;
    canvas.line(plot_x, canvas.y, plot_x + plot_width, canvas.y, GREY, 0.5);
    canvas.y += 2.0;
}

/// A row of the sensitivity chart: interval [from, to] and the current weight, on 0–100.
pub(crate) struct Interval {
    pub label: String,
    pub from: f64,
    pub to: f64,
    pub current: f64,
    pub text: String,
    /// Index of the criterion among the top-level series, so colours match the totals chart.
    pub series: usize,
}

/// Each criterion's stability interval as a bar over a 0–100 track, the current weight as a
/// black tick.
pub(crate) fn intervals(canvas: &mut Canvas, title: &str, rows: &[Interval]) {
    if rows.is_empty() {
        return;
    }
    canvas.ensure(60.0);
    chart_title(canvas, title);
    canvas.y += 4.0;
    let plot_x = MARGIN_X + LABEL_WIDTH;
    let text_width = 90.0;
    let plot_width = CONTENT_WIDTH - LABEL_WIDTH - text_width;
    axis(canvas, plot_x, plot_width);
    let pitch = 18.0;
    for row in rows {
        if canvas.y + pitch > crate::page::BOTTOM {
            canvas.new_page();
            axis(canvas, plot_x, plot_width);
        }
        let mid = canvas.y + pitch / 2.0;
        let label = canvas.fonts.truncate(
            Style::SMALL.face,
            Style::SMALL.size,
            &row.label,
            LABEL_WIDTH - 6.0,
        );
        canvas.text(MARGIN_X, mid + 2.5, &label, Style::SMALL);
        canvas.fill_rect(plot_x, mid - 1.0, plot_width, 2.0, LIGHT);
        let at = |v: f64| plot_x + (v.clamp(0.0, 100.0) / 100.0) as f32 * plot_width;
        let (x1, x2) = (at(row.from), at(row.to));
        canvas.fill_rect(x1, mid - 4.5, (x2 - x1).max(1.0), 9.0, palette(row.series));
        let xc = at(row.current);
        canvas.line(xc, mid - 7.0, xc, mid + 7.0, BLACK, 1.6);
        canvas.text_in(
            plot_x + plot_width + 6.0,
            text_width - 6.0,
            mid + 2.5,
            &row.text,
            Style::SMALL,
            Align::Left,
        );
        canvas.y += pitch;
    }
    canvas.y += 8.0;
}
