//! The standstill period: the first day on which the contract may be signed once the rejected
//! bidders have been told (Code de la commande publique, art. R2182-1).
//!
//! In the formal procedures, a minimum period separates the day the rejection notices are sent
//! from the day the contract is signed: eleven days when the notices go out electronically,
//! sixteen days otherwise (post, hand delivery). The period is computed *date to date*, as the
//! Conseil d'État held (CE, 2 August 2011): it runs from the calendar date of sending to the same
//! calendar count of days later, whatever the length of the months crossed.
//!
//! **Our reading of "date to date".** The day of sending is day 0 and is not counted; the period
//! ends `N` calendar days later (`N` = 11 or 16), and that end date is the first day on which the
//! contract may be signed. Notices sent on 3 May electronically therefore allow signing from
//! 14 May; sent by post on 25 December 2026, from 10 January 2027. Month ends and 29 February
//! need no special case: they are ordinary calendar days. The date is not moved off a weekend or
//! a public holiday: R2182-1 sets a minimum and says nothing of the kind, and a buyer who waits
//! longer is never wrong. The rule does not apply when only one operator took part, nor to
//! contracts awarded under a framework agreement (R2182-1); it is for the buyer to know whether
//! that is the case, so this module always computes the date.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// How the rejection notices reach the bidders: what decides the length of the standstill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum NotificationChannel {
    /// Through the buyer's electronic platform or by e-mail (eleven days).
    Electronic,
    /// By post, hand delivery or any other means (sixteen days).
    Other,
}

impl NotificationChannel {
    pub const ALL: [NotificationChannel; 2] =
        [NotificationChannel::Electronic, NotificationChannel::Other];

    /// The spelling used by the hosts (command line, desktop).
    pub fn as_str(self) -> &'static str {
        match self {
            NotificationChannel::Electronic => "electronic",
            NotificationChannel::Other => "other",
        }
    }

    /// Reads [`NotificationChannel::as_str`]'s spelling; `post` is accepted for `other`.
    pub fn from_name(name: &str) -> Option<NotificationChannel> {
        match name {
            "electronic" => Some(NotificationChannel::Electronic),
            "other" | "post" => Some(NotificationChannel::Other),
            _ => None,
        }
    }

    /// The minimum number of days between sending the notices and signing (R2182-1).
    pub fn standstill_days(self) -> u32 {
        match self {
            NotificationChannel::Electronic => 11,
            NotificationChannel::Other => 16,
        }
    }
}

/// The first day on which the contract may be signed when the rejection notices were sent on
/// `notified` through `channel`, counted date to date (see the module documentation). `None`
/// only past the end of the calendar chrono can represent.
pub fn earliest_signature_date(
    notified: NaiveDate,
    channel: NotificationChannel,
) -> Option<NaiveDate> {
    notified.checked_add_days(Days::new(u64::from(channel.standstill_days())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use NotificationChannel::{Electronic, Other};

    fn day(text: &str) -> NaiveDate {
        match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(d) => d,
            Err(e) => panic!("{text}: {e}"),
        }
    }

    fn signing(notified: &str, channel: NotificationChannel) -> Option<NaiveDate> {
        earliest_signature_date(day(notified), channel)
    }

    #[test]
    fn eleven_days_electronically_sixteen_otherwise() {
        assert_eq!(signing("2026-05-03", Electronic), Some(day("2026-05-14")));
        assert_eq!(signing("2026-05-03", Other), Some(day("2026-05-19")));
        assert_eq!(Electronic.standstill_days(), 11);
        assert_eq!(Other.standstill_days(), 16);
    }

    #[test]
    fn crosses_month_and_year_ends_date_to_date() {
        assert_eq!(signing("2026-12-25", Other), Some(day("2027-01-10")));
        assert_eq!(signing("2026-12-25", Electronic), Some(day("2027-01-05")));
        assert_eq!(signing("2027-01-31", Electronic), Some(day("2027-02-11")));
        assert_eq!(signing("2027-01-31", Other), Some(day("2027-02-16")));
        assert_eq!(signing("2026-04-30", Electronic), Some(day("2026-05-11")));
    }

    #[test]
    fn leap_years_count_29_february() {
        // 2028 is a leap year: 20 Feb + 11 days passes 29 Feb.
        assert_eq!(signing("2028-02-20", Electronic), Some(day("2028-03-02")));
        assert_eq!(signing("2027-02-20", Electronic), Some(day("2027-03-03")));
        assert_eq!(signing("2028-02-18", Electronic), Some(day("2028-02-29")));
        assert_eq!(signing("2028-02-29", Other), Some(day("2028-03-16")));
        // 2100 is not a leap year (divisible by 100, not by 400); 2000 was.
        assert_eq!(signing("2100-02-20", Electronic), Some(day("2100-03-03")));
        assert_eq!(signing("2000-02-20", Electronic), Some(day("2000-03-02")));
    }

    #[test]
    fn never_moves_off_a_weekend() {
        // 2026-12-01 is a Tuesday; + 11 days is Saturday 12 December, kept as is.
        assert_eq!(signing("2026-12-01", Electronic), Some(day("2026-12-12")));
    }

    #[test]
    fn the_end_of_the_calendar_is_not_a_panic() {
        assert_eq!(earliest_signature_date(NaiveDate::MAX, Other), None);
    }

    #[test]
    fn channel_names_round_trip() {
        for channel in NotificationChannel::ALL {
            assert_eq!(
                NotificationChannel::from_name(channel.as_str()),
                Some(channel)
            );
        }
        assert_eq!(NotificationChannel::from_name("post"), Some(Other));
        assert_eq!(NotificationChannel::from_name("fax"), None);
    }
}
