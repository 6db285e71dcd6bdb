//! The one retry loop of the binary, shared by every integration: exponential backoff from
//! the [`Policy`], no sooner than a `Retry-After`, giving up on failures that are not
//! transient, after the policy's retries, or when asked to wait longer than it allows.
//! HTTP calls reach it through `Http::send`; integrations that do not speak HTTP (SMTP)
//! implement [`Retryable`] for their errors and call [`retry`] directly.

use std::time::Duration;

use super::http::{ApiError, Policy};

/// A failure that may be worth another attempt. Implemented by [`ApiError`] and by the
/// errors of integrations that do not speak HTTP (SMTP), so every retry goes through
/// [`retry`] and obeys the same [`Policy`].
pub trait Retryable {
    /// The service is down, slow or busy: trying again later may work.
    fn is_transient(&self) -> bool;
    /// How long the service asked us to wait (`Retry-After`).
    fn retry_after(&self) -> Option<Duration> {
        None
    }
}

impl Retryable for ApiError {
    fn is_transient(&self) -> bool {
        ApiError::is_transient(self)
    }

    fn retry_after(&self) -> Option<Duration> {
        match self {
            ApiError::Status { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}

/// A failure of a request that must not happen twice: transient only when the service
/// certainly did not act on it (see `Http::send_write`).
pub struct Once(pub ApiError);

impl Retryable for Once {
    fn is_transient(&self) -> bool {
        self.0.is_transient() && !self.0.may_have_acted()
    }

    fn retry_after(&self) -> Option<Duration> {
        self.0.retry_after()
    }
}

/// How long to wait before retry number `attempt + 1` after `err`, or `None` to give up:
/// not transient, out of retries, or told to wait longer than the policy allows.
pub fn wait_before_retry(policy: Policy, attempt: u32, err: &impl Retryable) -> Option<Duration> {
    if !err.is_transient() || attempt >= policy.retries {
        return None;
    }
    let backoff = policy.backoff * 2u32.saturating_pow(attempt);
    let wait = err
        .retry_after()
        .map_or(backoff, |after| after.max(backoff));
    (wait <= policy.max_wait).then_some(wait)
}

/// The one retry loop: runs `attempt` until it succeeds or [`wait_before_retry`] says stop.
pub fn retry<T, E: Retryable>(
    policy: Policy,
    mut attempt: impl FnMut() -> Result<T, E>,
) -> Result<T, E> {
    let mut n = 0;
    loop {
        match attempt() {
            Ok(v) => return Ok(v),
            Err(e) => match wait_before_retry(policy, n, &e) {
                Some(wait) => {
                    std::thread::sleep(wait);
                    n += 1;
                }
                None => return Err(e),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Smtp(bool);

    impl Retryable for Smtp {
        fn is_transient(&self) -> bool {
            self.0
        }
    }

    #[test]
    fn retries_transient_failures_as_the_policy_says() {
        let policy = Policy {
            timeout: Duration::from_secs(1),
            retries: 2,
            backoff: Duration::from_millis(1),
            max_wait: Duration::from_secs(1),
        };
        let mut n = 0;
        let r: Result<(), Smtp> = retry(policy, || {
            n += 1;
            Err(Smtp(true))
        });
        assert!(r.is_err());
        assert_eq!(n, 3, "the first try and two retries");
        let mut n = 0;
        let r: Result<(), Smtp> = retry(policy, || {
            n += 1;
            Err(Smtp(false))
        });
        assert!(r.is_err());
        assert_eq!(n, 1, "a permanent failure is not retried");
        let mut n = 0;
        let r = retry(policy, || {
            n += 1;
            if n < 2 { Err(Smtp(true)) } else { Ok(n) }
        });
        assert_eq!(r.ok(), Some(2));
    }
}
