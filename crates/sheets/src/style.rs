//! The cell formats both workbooks share, and the conversions of dates to spreadsheet dates.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Worksheet};

use crate::{Lang, Result};

/// Light blue-grey of the header rows (the State design system's "bleu France" at 10 %).
const HEADER_FILL: u32 = 0xE3E3FD;

/// The widest a column grows to fit its content, in pixels (about 60 characters): longer
/// texts wrap.
pub(crate) const MAX_COLUMN_PIXELS: u32 = 420;

pub(crate) struct Styles {
    pub title: Format,
    pub header: Format,
    pub label: Format,
    pub text: Format,
    pub wrap: Format,
    pub points: Format,
    pub number: Format,
    pub money: Format,
    pub date: Format,
    pub date_time: Format,
    /// A cell the buyer's colleague types in (unlocked on a protected sheet).
    pub input: Format,
    pub input_wrap: Format,
    pub group: Format,
}

impl Styles {
    pub(crate) fn new(lang: Lang, currency: &str) -> Styles {
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(HEADER_FILL))
                .set_border_bottom(FormatBorder::Thin),
            label: Format::new().set_bold(),
            text: Format::new().set_align(FormatAlign::Top),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            // Excel's `0.00` is shown `12,34` under a French locale: the value stays a number.
            points: Format::new()
                .set_num_format("#,##0.00")
                .set_align(FormatAlign::Top),
            number: Format::new()
                .set_num_format("General")
                .set_align(FormatAlign::Top),
            money: Format::new()
                .set_num_format(lang.money_format(currency))
                .set_align(FormatAlign::Top),
            date: Format::new()
                .set_num_format(lang.date_format())
                .set_align(FormatAlign::Left),
            date_time: Format::new()
                .set_num_format(lang.date_time_format())
                .set_align(FormatAlign::Left),
            input: Format::new()
                .set_unlocked()
                .set_align(FormatAlign::Top)
                .set_border_bottom(FormatBorder::Hair),
            input_wrap: Format::new()
                .set_unlocked()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_border_bottom(FormatBorder::Hair),
            group: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xF6F6F6)),
        }
    }
}

pub(crate) fn excel_date(day: NaiveDate) -> Result<ExcelDateTime> {
    let year = u16::try_from(day.year()).map_err(|_| crate::Error::Write(format!("{day}")))?;
    // Month and day always fit in a byte.
    Ok(ExcelDateTime::from_ymd(
        year,
        day.month() as u8,
        day.day() as u8,
    )?)
}

pub(crate) fn excel_date_time(at: DateTime<Utc>) -> Result<ExcelDateTime> {
    let time = at.time();
    Ok(excel_date(at.date_naive())?.and_hms(
        time.hour() as u16,
        time.minute() as u8,
        f64::from(time.second()),
    )?)
}

/// Fits the columns to their content, wrapping what would be wider than
/// [`MAX_COLUMN_PIXELS`].
pub(crate) fn fit_columns(sheet: &mut Worksheet) {
    sheet.set_autofit_max_width(MAX_COLUMN_PIXELS);
    sheet.autofit();
}
