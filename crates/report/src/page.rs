//! The page canvas: a flow of A4 pages with a cursor, drawing primitives in points measured
//! from the top-left corner, and the footer added once the page count is known.
//!
//! PDF coordinates start bottom-left; flipping happens here only, so every section can think
//! top-down like a reader.

use printpdf::{
    Color, Line, LinePoint, Op, PaintMode, PdfFontHandle, Point, Pt, Rect, Rgb, TextItem,
};

use crate::text::{Face, Fonts};

pub(crate) const PAGE_WIDTH: f32 = 595.28;
pub(crate) const PAGE_HEIGHT: f32 = 841.89;
pub(crate) const MARGIN_X: f32 = 48.0;
pub(crate) const TOP: f32 = 54.0;
/// The lowest baseline body content may use; the footer lives below.
pub(crate) const BOTTOM: f32 = PAGE_HEIGHT - 56.0;
pub(crate) const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;

pub(crate) const BODY_SIZE: f32 = 9.0;
pub(crate) const SMALL_SIZE: f32 = 7.5;

/// An sRGB colour from 0–255 components.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rgb8(pub u8, pub u8, pub u8);

pub(crate) const BLACK: Rgb8 = Rgb8(0x1a, 0x1a, 0x1a);
pub(crate) const GREY: Rgb8 = Rgb8(0x6b, 0x6b, 0x6b);
pub(crate) const LIGHT: Rgb8 = Rgb8(0xd4, 0xd4, 0xd4);
pub(crate) const HEADER_FILL: Rgb8 = Rgb8(0xe8, 0xec, 0xf2);
pub(crate) const GROUP_FILL: Rgb8 = Rgb8(0xf4, 0xf5, 0xf7);
pub(crate) const ACCENT: Rgb8 = Rgb8(0x1f, 0x3a, 0x68);
pub(crate) const RED: Rgb8 = Rgb8(0xb3, 0x26, 0x1e);
pub(crate) const GREEN: Rgb8 = Rgb8(0x1e, 0x7a, 0x3c);
pub(crate) const AMBER_FILL: Rgb8 = Rgb8(0xfd, 0xf1, 0xd8);

impl Rgb8 {
    fn color(self) -> Color {
        Color::Rgb(Rgb {
            r: f32::from(self.0) / 255.0,
            g: f32::from(self.1) / 255.0,
            b: f32::from(self.2) / 255.0,
            icc_profile: None,
        })
    }
}

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    pub face: Face,
    pub size: f32,
    pub color: Rgb8,
}

impl Style {
    pub const BODY: Style = Style {
        face: Face::Regular,
        size: BODY_SIZE,
        color: BLACK,
    };
    pub const BOLD: Style = Style {
        face: Face::Bold,
        size: BODY_SIZE,
        color: BLACK,
    };
    pub const SMALL: Style = Style {
        face: Face::Regular,
        size: SMALL_SIZE,
        color: BLACK,
    };
    pub const SMALL_GREY: Style = Style {
        face: Face::Regular,
        size: SMALL_SIZE,
        color: GREY,
    };
    pub const SMALL_BOLD: Style = Style {
        face: Face::Bold,
        size: SMALL_SIZE,
        color: BLACK,
    };

    pub fn with_color(self, color: Rgb8) -> Style {
        Style { color, ..self }
    }

    pub fn sized(self, size: f32) -> Style {
        Style { size, ..self }
    }

    /// Baseline-to-baseline distance.
    pub fn line_height(self) -> f32 {
        self.size * 1.3
    }
}

/// Horizontal alignment inside a box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
    Center,
}

/// The ops of one page plus the graphics state we last set, so that a colour or font is
/// only written when it changes (hundreds of pages of table cells add up).
struct PageOps {
    ops: Vec<Op>,
    fill: Option<Rgb8>,
    stroke: Option<(Rgb8, f32)>,
    /// Font and size in effect (text state survives BT/ET, so it is set once per change).
    font: Option<(Face, f32)>,
}

impl PageOps {
    fn new() -> PageOps {
        PageOps {
            ops: Vec::with_capacity(512),
            fill: None,
            stroke: None,
            font: None,
        }
    }
}

/// A document being laid out.
pub(crate) struct Canvas<'f> {
    pub fonts: &'f Fonts,
    pages: Vec<PageOps>,
    /// Top-down position of the next thing to draw on the current page.
    pub y: f32,
    /// Section titles and the page (1-based) they start on, for the PDF outline.
    pub bookmarks: Vec<(String, usize)>,
}

fn pdf_y(y: f32) -> Pt {
    Pt(PAGE_HEIGHT - y)
}

impl<'f> Canvas<'f> {
    pub fn new(fonts: &'f Fonts) -> Canvas<'f> {
        Canvas {
            fonts,
            pages: vec![PageOps::new()],
            y: TOP,
            bookmarks: Vec::new(),
        }
    }

    /// 1-based number of the page being drawn.
    pub fn page_number(&self) -> usize {
        self.pages.len()
    }

    pub fn new_page(&mut self) {
        self.pages.push(PageOps::new());
        self.y = TOP;
    }

    /// Starts a new page unless `height` more points fit above the bottom margin.
    pub fn ensure(&mut self, height: f32) {
        if self.y + height > BOTTOM {
            self.new_page();
        }
    }

    pub fn at_page_top(&self) -> bool {
        self.y <= TOP + 0.5
    }

    pub fn space(&mut self, height: f32) {
        self.y += height;
    }

    fn current(&mut self) -> &mut PageOps {
        if self.pages.is_empty() {
            self.pages.push(PageOps::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn set_fill(&mut self, color: Rgb8) {
        let page = self.current();
        if page.fill != Some(color) {
            page.fill = Some(color);
            page.ops.push(Op::SetFillColor { col: color.color() });
        }
    }

    fn set_stroke(&mut self, color: Rgb8, thickness: f32) {
        let page = self.current();
        if page.stroke != Some((color, thickness)) {
            page.stroke = Some((color, thickness));
            page.ops.push(Op::SetOutlineColor { col: color.color() });
            page.ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        }
    }

    /// Draws one line of text with its baseline at `baseline` (top-down).
    pub fn text(&mut self, x: f32, baseline: f32, text: &str, style: Style) {
        if text.is_empty() {
            return;
        }
        self.set_fill(style.color);
        let fonts = self.fonts;
        let font = fonts.id(style.face);
        let page = self.current();
        let wanted = (style.face, style.size);
        let set_font = page.font != Some(wanted);
        page.font = Some(wanted);
        let ops = &mut page.ops;
        ops.push(Op::StartTextSection);
        if set_font {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font.clone()),
                size: Pt(style.size),
            });
        }
        ops.push(Op::SetTextCursor {
            pos: Point {
                x: Pt(x),
                y: pdf_y(baseline),
            },
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(text.to_string())],
        });
        ops.push(Op::EndTextSection);
    }

    /// One line of text aligned inside `[x, x + width]`.
    pub fn text_in(
        &mut self,
        x: f32,
        width: f32,
        baseline: f32,
        text: &str,
        style: Style,
        align: Align,
    ) {
        let start = match align {
            Align::Left => x,
            Align::Right => x + width - self.fonts.width(style.face, style.size, text),
            Align::Center => x + (width - self.fonts.width(style.face, style.size, text)) / 2.0,
        };
        self.text(start, baseline, text, style);
    }

    pub fn fill_rect(&mut self, x: f32, top: f32, width: f32, height: f32, color: Rgb8) {
        if width <= 0.0 || height <= 0.0 {
            return;
        }
        self.set_fill(color);
        self.current().ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: pdf_y(top + height),
                width: Pt(width),
                height: Pt(height),
                mode: Some(PaintMode::Fill),
                winding_order: None,
            },
        });
    }

    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, color: Rgb8, thickness: f32) {
        self.set_stroke(color, thickness);
        let point = |x: f32, y: f32| LinePoint {
            p: Point {
                x: Pt(x),
                y: pdf_y(y),
            },
            bezier: false,
        };
        self.current().ops.push(Op::DrawLine {
            line: Line {
                points: vec![point(x1, y1), point(x2, y2)],
                is_closed: false,
            },
        });
    }

    /// A wrapped paragraph across the content width, flowing onto new pages as needed.
    pub fn paragraph(&mut self, text: &str, style: Style) {
        self.paragraph_at(MARGIN_X, CONTENT_WIDTH, text, style);
    }

    pub fn paragraph_at(&mut self, x: f32, width: f32, text: &str, style: Style) {
        let lines = self.fonts.wrap(style.face, style.size, text, width);
        let lh = style.line_height();
        for line in lines {
            self.ensure(lh);
            self.y += lh;
            self.text(x, self.y - lh * 0.25, &line, style);
        }
        self.y += lh * 0.35;
    }

    /// A "label: value" line; label and value each wrap inside their own column.
    pub fn field(&mut self, label: &str, value: &str, label_width: f32) {
        let style = Style::BODY;
        let label_style = Style::BOLD.with_color(GREY);
        let lh = style.line_height();
        let labels = self
            .fonts
            .wrap(label_style.face, label_style.size, label, label_width - 8.0);
        let values = self
            .fonts
            .wrap(style.face, style.size, value, CONTENT_WIDTH - label_width);
        let count = labels.len().max(values.len());
        self.ensure(lh * count.min(4) as f32);
        for i in 0..count {
            self.ensure(lh);
            self.y += lh;
            let baseline = self.y - lh * 0.25;
            if let Some(line) = labels.get(i) {
                self.text(MARGIN_X, baseline, line, label_style);
            }
            if let Some(line) = values.get(i) {
                self.text(MARGIN_X + label_width, baseline, line, style);
            }
        }
    }

    /// The width a column of field labels needs, within `[min, max]`.
    pub fn label_column(&self, labels: &[&str], min: f32, max: f32) -> f32 {
        let style = Style::BOLD;
        labels
            .iter()
            .map(|l| self.fonts.width(style.face, style.size, l) + 12.0)
            .fold(min, f32::max)
            .min(max)
    }

    /// A numbered section title; starts a new page when `new_page` and records a bookmark.
    pub fn heading(&mut self, title: &str, new_page: bool) {
        if new_page && !self.at_page_top() {
            self.new_page();
        }
        // Keep a title with at least a few lines of what follows it.
        self.ensure(60.0);
        if !self.at_page_top() {
            self.y += 10.0;
        }
        let style = Style {
            face: Face::Bold,
            size: 15.0,
            color: ACCENT,
        };
        self.y += 18.0;
        self.text(MARGIN_X, self.y - 4.0, title, style);
        self.line(
            MARGIN_X,
            self.y + 1.0,
            MARGIN_X + CONTENT_WIDTH,
            self.y + 1.0,
            ACCENT,
            0.8,
        );
        self.y += 10.0;
        let page = self.page_number();
        self.bookmarks.push((title.to_string(), page));
    }

    pub fn subheading(&mut self, title: &str) {
        self.ensure(48.0);
        if !self.at_page_top() {
            self.y += 6.0;
        }
        let style = Style {
            face: Face::Bold,
            size: 11.0,
            color: ACCENT,
        };
        let lines = self
            .fonts
            .wrap(style.face, style.size, title, CONTENT_WIDTH);
        for line in lines {
            self.y += 14.0;
            self.text(MARGIN_X, self.y - 3.0, &line, style);
        }
        self.y += 4.0;
    }

    /// Adds "Page n / N", the running title and, for a draft, the draft mark to every page.
    pub fn finish(
        mut self,
        running_title: &str,
        page_word: &str,
        draft: Option<&str>,
    ) -> Vec<Vec<Op>> {
        let total = self.pages.len();
        let footer_y = PAGE_HEIGHT - 30.0;
        let style = Style::SMALL_GREY;
        let title = self
            .fonts
            .truncate(style.face, style.size, running_title, CONTENT_WIDTH * 0.6);
        let mut out = Vec::with_capacity(total);
        for (index, page) in std::mem::take(&mut self.pages).into_iter().enumerate() {
            // Draw the footer on the page by making it the only, current, page for a moment.
            self.pages.push(page);
            self.line(
                MARGIN_X,
                footer_y - 10.0,
                MARGIN_X + CONTENT_WIDTH,
                footer_y - 10.0,
                LIGHT,
                0.5,
            );
            self.text(MARGIN_X, footer_y, &title, style);
            let number = format!("{page_word} {} / {total}", index + 1);
            self.text_in(
                MARGIN_X,
                CONTENT_WIDTH,
                footer_y,
                &number,
                style,
                Align::Right,
            );
            if let Some(mark) = draft {
                self.text_in(
                    MARGIN_X,
                    CONTENT_WIDTH,
                    28.0,
                    mark,
                    Style::SMALL_BOLD.with_color(RED),
                    Align::Right,
                );
            }
            if let Some(done) = self.pages.pop() {
                out.push(done.ops);
            }
        }
        out
    }
}
