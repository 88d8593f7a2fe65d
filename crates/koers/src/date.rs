//! A calendar date, written `2007-05-31` in TOML, JSON, CSV and the picture.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A calendar date. Ordered by time, so that a trajectory can be sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, e.g. 2007.
    pub year: u16,
    /// The month, 1–12.
    pub month: u8,
    /// The day of the month, 1–31.
    pub day: u8,
}

impl Date {
    /// A date, if the month and day exist (leap years included).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The reason a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a date: expected a date like 2007-05-31")]
pub struct DateError(String);

impl FromStr for Date {
    type Err = DateError;
    fn from_str(text: &str) -> Result<Date, DateError> {
        let fail = || DateError(text.to_string());
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
        Date::new(parse(y)?, parse(m)? as u8, parse(d)? as u8).ok_or_else(fail)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
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
    fn takes_digits_only() {
        assert!("+026-+1-+5".parse::<Date>().is_err());
        assert!("2026-1 -05".parse::<Date>().is_err());
        assert!("٢٠٢٦-01-05".parse::<Date>().is_err());
    }
}
