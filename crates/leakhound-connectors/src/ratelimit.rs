//! Client-side rate limiting: leakhound paces itself under the helpdesk's limits instead of
//! bouncing off them with 429s (which cost a round trip each and, at HubSpot, count against
//! the daily cap too).
//!
//! [`SlidingWindow`] is a sliding-window log: it remembers the instants of the last `limit`
//! grants and admits a request only if fewer than `limit` were granted in the past `window`.
//! That is exactly the "rolling" window HubSpot and Zendesk enforce, so a client that obeys it
//! never exceeds the server's count, however bursts line up. Memory is `limit` instants (at
//! most a few thousand). The pure core takes `now` as an argument and is unit-tested; the
//! async [`RateLimiter`] wraps it with a mutex and sleeps.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// A request budget: `requests` per `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// Requests allowed per window.
    pub requests: u32,
    /// The window.
    pub window: Duration,
}

impl Rate {
    /// `requests` per `window`.
    pub const fn new(requests: u32, window: Duration) -> Self {
        Rate { requests, window }
    }
}

/// Rate limits of a helpdesk account, per plan. `None` disables client-side limiting for that
/// class (benchmarks with the emulator's limits off).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RatePlan {
    /// Limit shared by all requests (HubSpot per 10 s, Zendesk per minute).
    pub general: Option<Rate>,
    /// Extra limit of a class of endpoints, counted in addition to `general`: HubSpot search
    /// (~5/s), Zendesk incremental exports (10/min).
    pub special: Option<Rate>,
}

impl RatePlan {
    /// No client-side limits.
    pub const UNLIMITED: RatePlan = RatePlan {
        general: None,
        special: None,
    };

    /// HubSpot Free/Starter: 100 requests per 10 s, search 4 per second (HubSpot documents
    /// "about 4–5"; 4 leaves room for the lag of the server's own counting).
    pub const HUBSPOT_STARTER: RatePlan = RatePlan {
        general: Some(Rate::new(100, Duration::from_secs(10))),
        special: Some(Rate::new(4, Duration::from_secs(1))),
    };
    /// HubSpot Professional/Enterprise: 190 requests per 10 s, search 4 per second.
    pub const HUBSPOT_PROFESSIONAL: RatePlan = RatePlan {
        general: Some(Rate::new(190, Duration::from_secs(10))),
        special: Some(Rate::new(4, Duration::from_secs(1))),
    };
    /// Zendesk Team: 200 requests per minute, incremental exports 10 per minute.
    pub const ZENDESK_TEAM: RatePlan = RatePlan {
        general: Some(Rate::new(200, Duration::from_secs(60))),
        special: Some(Rate::new(10, Duration::from_secs(60))),
    };
    /// Zendesk Growth/Professional: 400 per minute, incremental exports 10 per minute.
    pub const ZENDESK_PROFESSIONAL: RatePlan = RatePlan {
        general: Some(Rate::new(400, Duration::from_secs(60))),
        special: Some(Rate::new(10, Duration::from_secs(60))),
    };
    /// Zendesk Enterprise: 700 per minute, incremental exports 10 per minute.
    pub const ZENDESK_ENTERPRISE: RatePlan = RatePlan {
        general: Some(Rate::new(700, Duration::from_secs(60))),
        special: Some(Rate::new(10, Duration::from_secs(60))),
    };
}

/// Sliding-window log of grants (pure; the caller supplies the clock).
#[derive(Debug)]
pub struct SlidingWindow {
    rate: Rate,
    grants: VecDeque<Instant>,
    /// No grant before this instant (set when the server says the budget is exhausted).
    blocked_until: Option<Instant>,
}

impl SlidingWindow {
    /// An empty window.
    pub fn new(rate: Rate) -> Self {
        SlidingWindow {
            rate,
            grants: VecDeque::with_capacity(rate.requests.min(4096) as usize),
            blocked_until: None,
        }
    }

    /// Grants a request at `now` (and records it), or says how long to wait before asking
    /// again.
    pub fn try_acquire(&mut self, now: Instant) -> Result<(), Duration> {
        if let Some(until) = self.blocked_until {
            if now < until {
                return Err(until - now);
            }
            self.blocked_until = None;
        }
        if self.rate.requests == 0 {
            return Ok(());
        }
        while let Some(&first) = self.grants.front() {
            if now.duration_since(first) >= self.rate.window {
                self.grants.pop_front();
            } else {
                break;
            }
        }
        if (self.grants.len() as u64) < u64::from(self.rate.requests) {
            self.grants.push_back(now);
            Ok(())
        } else {
            let first = *self.grants.front().expect("full window is non-empty");
            Err(self.rate.window - now.duration_since(first))
        }
    }

    /// Refuses every request until `until`: used when the server reports the budget spent
    /// (remaining 0, or a 429), since other processes may share the same account budget.
    pub fn block_until(&mut self, until: Instant) {
        if self.blocked_until.is_none_or(|b| b < until) {
            self.blocked_until = Some(until);
        }
    }
}

/// Async, shareable limiter over a [`SlidingWindow`].
#[derive(Debug)]
pub struct RateLimiter {
    window: Mutex<SlidingWindow>,
}

impl RateLimiter {
    /// A limiter admitting `rate`.
    pub fn new(rate: Rate) -> Self {
        RateLimiter {
            window: Mutex::new(SlidingWindow::new(rate)),
        }
    }

    /// Waits until a request may be sent; returns how long it waited in total.
    pub async fn acquire(&self) -> Duration {
        let mut waited = Duration::ZERO;
        loop {
            // The std mutex is held only for the bookkeeping, never across the sleep.
            let res = match self.window.lock() {
                Ok(mut w) => w.try_acquire(Instant::now()),
                Err(_) => Ok(()),
            };
            match res {
                Ok(()) => return waited,
                Err(wait) => {
                    tokio::time::sleep(wait).await;
                    waited += wait;
                }
            }
        }
    }

    /// How long [`RateLimiter::acquire`] would wait right now, without taking a slot.
    pub fn peek_wait(&self) -> Duration {
        let Ok(w) = self.window.lock() else {
            return Duration::ZERO;
        };
        let now = Instant::now();
        let mut blocked = w.blocked_until.map(|u| u.saturating_duration_since(now));
        if w.rate.requests > 0 && w.grants.len() as u64 >= u64::from(w.rate.requests) {
            let live = w
                .grants
                .iter()
                .filter(|g| now.duration_since(**g) < w.rate.window)
                .count() as u64;
            if live >= u64::from(w.rate.requests) {
                let first = w.grants[w.grants.len() - w.rate.requests as usize];
                let d = w.rate.window.saturating_sub(now.duration_since(first));
                blocked = Some(blocked.map_or(d, |b| b.max(d)));
            }
        }
        blocked.unwrap_or(Duration::ZERO)
    }

    /// See [`SlidingWindow::block_until`].
    pub fn block_for(&self, d: Duration) {
        if let Ok(mut w) = self.window.lock() {
            w.block_until(Instant::now() + d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admits_limit_per_window_then_says_how_long_to_wait() {
        let t0 = Instant::now();
        let mut w = SlidingWindow::new(Rate::new(3, Duration::from_secs(10)));
        assert!(w.try_acquire(t0).is_ok());
        assert!(w.try_acquire(t0 + Duration::from_secs(1)).is_ok());
        assert!(w.try_acquire(t0 + Duration::from_secs(2)).is_ok());
        assert_eq!(
            w.try_acquire(t0 + Duration::from_secs(4)),
            Err(Duration::from_secs(6))
        );
        // The first grant leaves the window at t0+10.
        assert!(w.try_acquire(t0 + Duration::from_secs(10)).is_ok());
        assert_eq!(
            w.try_acquire(t0 + Duration::from_secs(10)),
            Err(Duration::from_secs(1))
        );
    }

    #[test]
    fn never_more_than_limit_in_any_window() {
        // Drive the window with requests every 7 ms for 3 s and check every 1 s window.
        let t0 = Instant::now();
        let rate = Rate::new(20, Duration::from_secs(1));
        let mut w = SlidingWindow::new(rate);
        let mut granted = Vec::new();
        let mut now = t0;
        while now < t0 + Duration::from_secs(3) {
            if w.try_acquire(now).is_ok() {
                granted.push(now);
            }
            now += Duration::from_millis(7);
        }
        for (i, g) in granted.iter().enumerate() {
            let in_window = granted[i..]
                .iter()
                .take_while(|x| x.duration_since(*g) < rate.window)
                .count();
            assert!(in_window <= 20, "{in_window} grants in one window");
        }
        assert!(granted.len() >= 60, "throughput kept: {}", granted.len());
    }

    #[test]
    fn block_until_refuses_until_then() {
        let t0 = Instant::now();
        let mut w = SlidingWindow::new(Rate::new(100, Duration::from_secs(1)));
        w.block_until(t0 + Duration::from_secs(3));
        assert_eq!(w.try_acquire(t0), Err(Duration::from_secs(3)));
        // An earlier block does not shorten a later one.
        w.block_until(t0 + Duration::from_secs(1));
        assert_eq!(
            w.try_acquire(t0 + Duration::from_secs(2)),
            Err(Duration::from_secs(1))
        );
        assert!(w.try_acquire(t0 + Duration::from_secs(3)).is_ok());
    }

    #[tokio::test(start_paused = true)]
    async fn async_limiter_sleeps_the_needed_time() {
        let l = RateLimiter::new(Rate::new(2, Duration::from_secs(10)));
        let start = Instant::now();
        assert_eq!(l.acquire().await, Duration::ZERO);
        assert_eq!(l.acquire().await, Duration::ZERO);
        assert!(l.peek_wait() > Duration::from_secs(9));
        let waited = l.acquire().await;
        assert_eq!(waited, Duration::from_secs(10));
        assert_eq!(start.elapsed(), Duration::from_secs(10));
    }
}
