//! The scheduling policy of the GIL: which rule decides when the running
//! thread must give the lock up. See `lock.rs` for what each one does.

use std::fmt;
use std::str::FromStr;

/// How the global interpreter lock is shared between threads.
///
/// The locking policies can be switched while threads run
/// ([`Gil::set_policy`](super::Gil::set_policy)); whether there is a lock at
/// all (`off` or not) is fixed when the `Gil` is created: switching between
/// `off` and a locking policy while threads run could leave several threads
/// "holding" the lock at once.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Policy {
    /// CPython 3.2+: a waiter waits one switch interval (default 5 ms), then
    /// asks the holder to drop the lock; the holder hands it over (forced
    /// switching).
    #[default]
    Interval,
    /// Python 2 / MicroPython / PyPy: while another thread waits, the holder
    /// gives the lock away every N check points (`set_check_interval`).
    Ticks,
    /// David Beazley's proposal: like `Interval`, but a thread that last gave
    /// the lock up for a blocking call (I/O-bound) preempts a CPU-bound
    /// holder at once and goes ahead of CPU-bound waiters.
    Priority,
    /// No GIL (free-threaded, like CPython 3.13t): acquire and release only
    /// do the accounting; threads run bytecode in parallel.
    Off,
}

impl Policy {
    /// All policies, in the order they are documented.
    pub const ALL: [Policy; 4] = [
        Policy::Interval,
        Policy::Ticks,
        Policy::Priority,
        Policy::Off,
    ];

    /// The name accepted by [`FromStr`] and printed by [`fmt::Display`].
    pub fn name(self) -> &'static str {
        match self {
            Policy::Interval => "interval",
            Policy::Ticks => "ticks",
            Policy::Priority => "priority",
            Policy::Off => "off",
        }
    }

    /// The position in [`Policy::ALL`] (how a `Gil` stores it in an atomic).
    pub(crate) fn index(self) -> u8 {
        Policy::ALL.iter().position(|p| *p == self).unwrap_or(0) as u8
    }

    /// The inverse of [`index`](Self::index).
    pub(crate) fn from_index(i: u8) -> Policy {
        Policy::ALL[usize::from(i) % Policy::ALL.len()]
    }

    /// Whether this policy serializes bytecode execution (everything but `off`).
    pub fn is_locking(self) -> bool {
        self != Policy::Off
    }
}

impl fmt::Display for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error for an unknown policy name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownPolicy(pub String);

impl fmt::Display for UnknownPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown GIL policy {:?} (expected one of: interval, ticks, priority, off)",
            self.0
        )
    }
}

impl std::error::Error for UnknownPolicy {}

impl FromStr for Policy {
    type Err = UnknownPolicy;

    /// Parses `interval`, `ticks`, `priority` or `off` (case-insensitive,
    /// surrounding blanks ignored).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Policy::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(t))
            .ok_or_else(|| UnknownPolicy(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_display_round_trip() {
        for p in Policy::ALL {
            assert_eq!(p.to_string().parse::<Policy>(), Ok(p));
        }
        assert_eq!(" Priority ".parse::<Policy>(), Ok(Policy::Priority));
        assert_eq!(Policy::default(), Policy::Interval);
        let err = "fair".parse::<Policy>().unwrap_err();
        assert!(err.to_string().contains("fair"));
    }
}
