//! Too many requests from one address are slowed down: a token bucket per address, in
//! memory.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// How many requests one address may make.
#[derive(Debug, Clone, Copy)]
pub struct Rate {
    /// Requests at once (the bucket's size).
    pub burst: f64,
    /// Requests per second after that.
    pub per_second: f64,
}

impl Default for Rate {
    /// 60 at once, then 10 a second: a participant's phone makes one request per page, a
    /// facilitator's page one every five seconds; a room behind one router still fits.
    fn default() -> Self {
        Rate {
            burst: 60.0,
            per_second: 10.0,
        }
    }
}

/// The buckets of every address seen.
#[derive(Debug, Default)]
pub struct Limiter {
    buckets: HashMap<Option<IpAddr>, (f64, Instant)>,
}

impl Limiter {
    /// Takes one request from `address`'s bucket: `Ok` when there was room, else how
    /// long to wait.
    pub fn take(
        &mut self,
        rate: Rate,
        address: Option<IpAddr>,
        now: Instant,
    ) -> Result<(), Duration> {
        if self.buckets.len() > 10_000 {
            // Forget full buckets, so that many addresses cannot fill the memory.
            self.buckets.retain(|_, (tokens, at)| {
                *tokens + now.saturating_duration_since(*at).as_secs_f64() * rate.per_second
                    < rate.burst
            });
        }
        let (tokens, at) = self.buckets.entry(address).or_insert((rate.burst, now));
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
    fn a_bucket_empties_and_refills_per_address() {
        let rate = Rate {
            burst: 3.0,
            per_second: 1.0,
        };
        let mut limiter = Limiter::default();
        let start = Instant::now();
        let one = Some(IpAddr::from([10, 0, 0, 1]));
        let two = Some(IpAddr::from([10, 0, 0, 2]));
        for _ in 0..3 {
            assert!(limiter.take(rate, one, start).is_ok());
        }
        let wait = limiter.take(rate, one, start).unwrap_err();
        assert!(wait > Duration::ZERO && wait <= Duration::from_secs(1));
        // Another address has its own bucket.
        assert!(limiter.take(rate, two, start).is_ok());
        // A second later, one more request fits (the instant is given, not waited for).
        assert!(
            limiter
                .take(rate, one, start + Duration::from_secs(1))
                .is_ok()
        );
        assert!(
            limiter
                .take(rate, one, start + Duration::from_secs(1))
                .is_err()
        );
    }
}
