//! A calendar date, written `2007-05-31` in TOML, JSON, CSV and the picture.

use serde::{Deserialize, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A calendar date that exists (leap years included). Ordered by time, so that a
/// trajectory can be sorted.
///
/// Built only through [`Date::new`] or by parsing (`"2007-05-31".parse()`, and serde,
/// which reads the same text through the same check), so a `Date` never holds month 13
/// or day 42.
///
/// ```
/// use koers::Date;
/// let date = Date::new(2008, 2, 29)?;
/// assert_eq!((date.year(), date.month(), date.day()), (2008, 2, 29));
/// assert!(Date::new(2007, 2, 29).is_err());
/// assert!(serde_json::from_str::<Date>("\"2007-13-01\"").is_err());
/// # Ok::<(), koers::DateError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(try_from = "String")]
pub struct Date {
    // Field order is the order of time, which the derived `Ord` follows.
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// A date, if the month and day exist (leap years included).
    pub const fn new(year: u16, month: u8, day: u8) -> Result<Date, DateError> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(DateError::NoSuchMonth { year, month, day }),
        };
        if day >= 1 && day <= days {
            Ok(Date { year, month, day })
        } else {
            Err(DateError::NoSuchDay { year, month, day })
        }
    }

    /// 1 January of year 1, a date that needs no check.
    pub(crate) const FIRST_OF_YEAR_ONE: Date = Date {
        year: 1,
        month: 1,
        day: 1,
    };

    /// The year, e.g. 2007.
    pub const fn year(self) -> u16 {
        self.year
    }

    /// The month, 1–12.
    pub const fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1–31.
    pub const fn day(self) -> u8 {
        self.day
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Why a text or three numbers are not a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum DateError {
    /// The text is not written as a date, `YYYY-MM-DD`.
    #[error("`{text}` is not a date: expected a date like 2007-05-31")]
    Text {
        /// The text given.
        text: String,
    },
    /// The month is not 1–12.
    #[error("{year:04}-{month:02}-{day:02} is not a date: there is no month {month}")]
    NoSuchMonth {
        /// The year given.
        year: u16,
        /// The month given.
        month: u8,
        /// The day given.
        day: u8,
    },
    /// The month has no such day (day 0, 31 April, 29 February outside a leap year).
    #[error(
        "{year:04}-{month:02}-{day:02} is not a date: month {month} of {year} has no day {day}"
    )]
    NoSuchDay {
        /// The year given.
        year: u16,
        /// The month given.
        month: u8,
        /// The day given.
        day: u8,
    },
}

impl TryFrom<String> for Date {
    type Error = DateError;
    fn try_from(text: String) -> Result<Date, DateError> {
        text.parse()
    }
}

impl DateError {
    /// Why the text is not a date, in `lang`: the English text is the `Display`, the
    /// Dutch one says the same (for a date given on the command line as well as in a file).
    ///
    /// ```
    /// use koers::{Date, Lang};
    ///
    /// let error = "2026-13-45".parse::<Date>().unwrap_err();
    /// assert!(error.message_in(Lang::Nl).contains("is geen datum"));
    /// assert!(error.message_in(Lang::En).contains("is not a date"));
    /// ```
    pub fn message_in(&self, lang: crate::Lang) -> String {
        match lang {
            crate::Lang::En => self.to_string(),
            crate::Lang::Nl => crate::dutch::date(self),
        }
    }
}

impl FromStr for Date {
    type Err = DateError;
    fn from_str(text: &str) -> Result<Date, DateError> {
        let fail = || DateError::Text {
            text: text.to_string(),
        };
        let mut parts = text.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(fail());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(fail());
        }
        // Digits only: `u16::from_str` would also take a sign ("+026-+1-+5").
        let parse = |s: &str| {
            if s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse::<u16>().map_err(|_| fail())
            } else {
                Err(fail())
            }
        };
        // A text that reads as numbers but names no day says so, as a text.
        Date::new(parse(y)?, parse(m)? as u8, parse(d)? as u8).map_err(|_| fail())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_the_same_text() {
        let date: Date = "2007-05-31".parse().unwrap();
        assert_eq!(date, Date::new(2007, 5, 31).unwrap());
        assert_eq!(date.to_string(), "2007-05-31");
    }

    #[test]
    fn rejects_days_that_do_not_exist() {
        assert!("2007-02-29".parse::<Date>().is_err());
        assert!("2008-02-29".parse::<Date>().is_ok());
        assert!("2007-13-01".parse::<Date>().is_err());
        assert!("07-05-31".parse::<Date>().is_err());
    }

    #[test]
    fn new_refuses_what_no_calendar_has() {
        assert!(matches!(
            Date::new(2026, 13, 1),
            Err(DateError::NoSuchMonth { month: 13, .. })
        ));
        assert!(matches!(
            Date::new(2026, 4, 31),
            Err(DateError::NoSuchDay { day: 31, .. })
        ));
        assert!(Date::new(2026, 1, 0).is_err());
        assert!(Date::new(2000, 2, 29).is_ok());
        assert!(Date::new(1900, 2, 29).is_err());
    }

    #[test]
    fn deserializing_goes_through_the_check() {
        let date: Date = serde_json::from_str("\"2026-05-31\"").unwrap();
        assert_eq!((date.year(), date.month(), date.day()), (2026, 5, 31));
        for bad in ["\"2026-13-42\"", "\"2026-02-30\"", "\"31-05-2026\""] {
            assert!(serde_json::from_str::<Date>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn takes_digits_only() {
        assert!("+026-+1-+5".parse::<Date>().is_err());
        assert!("2026-1 -05".parse::<Date>().is_err());
        assert!("٢٠٢٦-01-05".parse::<Date>().is_err());
    }
}
