//! Too many requests are slowed down: token buckets in memory, one per participant, one
//! for the facilitator, and per address a generous ceiling and a stricter bucket for
//! requests that carry no valid key (the join code form, joining, guesses).
//!
//! A room behind one router (one address for fifty phones) is limited per participant,
//! not as one; the address's ceiling only stops a flood.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// How many requests one bucket allows.
#[derive(Debug, Clone, Copy)]
pub struct Rate {
    /// Requests at once (the bucket's size).
    pub burst: f64,
    /// Requests per second after that.
    pub per_second: f64,
}

/// The rates of every kind of bucket.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Per participant (their key): their pages.
    pub participant: Rate,
    /// The facilitator (the token): the page, its updates, closing and the report. Not
    /// counted against the address, so that a busy room never locks the facilitator out.
    pub facilitator: Rate,
    /// Per address, every request but the facilitator's: a ceiling for a whole room.
    pub address: Rate,
    /// Per address, requests without a valid key or token: the join code form, joining
    /// and every wrong guess.
    pub anonymous: Rate,
}

impl Default for Limits {
    /// A participant's phone makes two requests per page (the form and the next page);
    /// the facilitator's page one per update; sixty phones joining behind one router at
    /// once make about 120 requests without a key.
    fn default() -> Self {
        Limits {
            participant: Rate {
                burst: 30.0,
                per_second: 2.0,
            },
            facilitator: Rate {
                burst: 120.0,
                per_second: 10.0,
            },
            address: Rate {
                burst: 600.0,
                per_second: 60.0,
            },
            anonymous: Rate {
                burst: 120.0,
                per_second: 10.0,
            },
        }
    }
}

impl Limits {
    /// The same rate for every bucket.
    pub fn uniform(rate: Rate) -> Limits {
        Limits {
            participant: rate,
            facilitator: rate,
            address: rate,
            anonymous: rate,
        }
    }
}

/// Whose bucket a request takes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Bucket {
    /// An address's ceiling (`None`: the address is not known).
    Address(Option<IpAddr>),
    /// An address's requests without a valid key.
    Anonymous(Option<IpAddr>),
    /// A participant, by the public part of their key.
    Participant(String),
    /// The facilitator.
    Facilitator,
}

/// The buckets seen: the requests left, when, and at which rate they refill.
#[derive(Debug, Default)]
pub struct Limiter {
    buckets: HashMap<Bucket, (f64, Instant, Rate)>,
}

impl Limiter {
    /// Takes one request from `bucket` (of `rate`): `Ok` when there was room, else how
    /// long to wait.
    pub fn take(&mut self, rate: Rate, bucket: Bucket, now: Instant) -> Result<(), Duration> {
        if self.buckets.len() > 10_000 {
            // Forget buckets that refilled, each at its own rate, so that many
            // addresses cannot fill the memory (a full bucket is the same as a new one).
            self.buckets.retain(|_, (tokens, at, rate)| {
                *tokens + now.saturating_duration_since(*at).as_secs_f64() * rate.per_second
                    < rate.burst
            });
        }
        let (tokens, at, _) = self
            .buckets
            .entry(bucket)
            .or_insert((rate.burst, now, rate));
        let refilled = (*tokens
            + now.saturating_duration_since(*at).as_secs_f64() * rate.per_second)
            .min(rate.burst);
        *at = now;
        if refilled >= 1.0 {
            *tokens = refilled - 1.0;
            Ok(())
        } else {
            *tokens = refilled;
            Err(Duration::from_secs_f64(
                (1.0 - refilled) / rate.per_second.max(1e-9),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_empties_and_refills_and_others_are_apart() {
        let rate = Rate {
            burst: 3.0,
            per_second: 1.0,
        };
        let mut limiter = Limiter::default();
        let start = Instant::now();
        let one = Bucket::Address(Some(IpAddr::from([10, 0, 0, 1])));
        let two = Bucket::Address(Some(IpAddr::from([10, 0, 0, 2])));
        for _ in 0..3 {
            assert!(limiter.take(rate, one.clone(), start).is_ok());
        }
        let wait = limiter.take(rate, one.clone(), start).unwrap_err();
        assert!(wait > Duration::ZERO && wait <= Duration::from_secs(1));
        // Another address, a participant and the facilitator have their own buckets.
        assert!(limiter.take(rate, two, start).is_ok());
        assert!(
            limiter
                .take(rate, Bucket::Participant("0a1b2c3d".into()), start)
                .is_ok()
        );
        assert!(limiter.take(rate, Bucket::Facilitator, start).is_ok());
        // A second later, one more request fits (the instant is given, not waited for).
        let later = start + Duration::from_secs(1);
        assert!(limiter.take(rate, one.clone(), later).is_ok());
        assert!(limiter.take(rate, one, later).is_err());
    }

    #[test]
    fn many_buckets_are_forgotten_each_by_its_own_rate() {
        let big = Rate {
            burst: 100.0,
            per_second: 0.001,
        };
        let quick = Rate {
            burst: 1.0,
            per_second: 1e9,
        };
        let mut limiter = Limiter::default();
        let start = Instant::now();
        let room = Bucket::Address(Some(IpAddr::from([10, 0, 0, 1])));
        for _ in 0..60 {
            assert!(limiter.take(big, room.clone(), start).is_ok());
        }
        for i in 0..10_001 {
            let id = format!("{i:08x}");
            assert!(limiter.take(quick, Bucket::Participant(id), start).is_ok());
        }
        // Forgetting runs with the quick rate; the room's bucket, drained at its own
        // rate, is kept: 40 requests left, not a new 100.
        let later = start + Duration::from_secs(1);
        assert!(limiter.take(quick, Bucket::Facilitator, later).is_ok());
        assert!(limiter.buckets.len() < 10);
        for _ in 0..40 {
            assert!(limiter.take(big, room.clone(), later).is_ok());
        }
        assert!(limiter.take(big, room, later).is_err());
    }
}
