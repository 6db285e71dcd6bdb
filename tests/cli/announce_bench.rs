//! The announce benchmark (built only with `--features bench`, by `scripts/bench-announce`:
//! timings on a shared machine are noisy, so it is not part of the test run): five loopback channels that each take
//! 300 ms to answer; the whole `oncall announce` must take under 450 ms of wall time, i.e.
//! the channels are paid once, not five times.

use std::time::{Duration, Instant};

use crate::common::{BASIC, TestRepo};
use crate::support::chats::{CHATS, chats, oncall, page};
use crate::support::hook::Answer;

#[test]
#[allow(clippy::print_stdout)] // the number is the point of a benchmark
fn five_channels_of_300ms_take_under_450ms() {
    let repo = TestRepo::new(&format!(
        "{BASIC}{CHATS}\n[announce.statuspage]\nkind = \"none\"\n"
    ));
    let c = chats();
    let id = page(&repo);
    let runs = 7;
    for h in [&c.devops, &c.mattermost, &c.teams, &c.discord, &c.product] {
        h.then((0..runs).map(|_| Answer::text(200, "ok").delayed(Duration::from_millis(300))));
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|i| {
            let t = Instant::now();
            let (code, _, err) = oncall(
                &repo,
                &c,
                &["announce", &id, &format!("update {i}"), "--yes"],
                &[("ONCALL_HTTP_TIMEOUT_MS", "5000")],
            );
            let took = t.elapsed();
            assert_eq!(code, 0, "{err}");
            took
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = times[runs / 2];
    println!(
        "announce to 5 channels x 300 ms: min {:.0} ms, median {:.0} ms, max {:.0} ms ({runs} runs)",
        ms(times[0]),
        ms(median),
        ms(times[runs - 1])
    );
    assert!(median < Duration::from_millis(450), "median {median:?}");
}
