//! The on-disk cache of validated schedules, so `oncall who` answers in about a millisecond
//! however large `schedule.toml` grows (parsing TOML is most of the work otherwise).
//!
//! An entry is keyed by a hash of the exact bytes of the file plus the identity of the running
//! executable (version, size, modification time), so an edit, a `--rev`, or a new build never
//! sees a stale entry. Only schedules without problems are stored. Anything unexpected (no
//! cache folder, a damaged entry, a decode error) just means parsing again; writing is
//! best-effort and atomic. `ONCALL_NO_CACHE=1` turns it off.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;

use crate::files::write_atomic;
use crate::schedule::Schedule;

const MAGIC: &[u8; 8] = b"oncall02";
/// Entries kept in the folder; older ones are removed when a new one is written.
const KEEP: usize = 16;

/// Identifies one schedule text as seen by one build of the binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key(u64, u64);

impl Key {
    /// The key for `text`, or `None` when caching is off or the executable cannot be read.
    pub fn of(text: &str) -> Option<Key> {
        dir()?;
        let exe = std::env::current_exe().ok()?;
        let meta = std::fs::metadata(exe).ok()?;
        let mut h = DefaultHasher::new();
        env!("CARGO_PKG_VERSION").hash(&mut h);
        meta.len().hash(&mut h);
        meta.modified().ok()?.hash(&mut h);
        text.hash(&mut h);
        Some(Key(h.finish(), text.len() as u64))
    }

    fn bytes(self) -> [u8; 16] {
        let mut b = [0u8; 16];
        b[..8].copy_from_slice(&self.0.to_le_bytes());
        b[8..].copy_from_slice(&self.1.to_le_bytes());
        b
    }

    fn file(self) -> Option<PathBuf> {
        Some(dir()?.join(format!("schedule-{:016x}{:08x}.bin", self.0, self.1)))
    }
}

fn dir() -> Option<PathBuf> {
    let env = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    if env("ONCALL_NO_CACHE").is_some_and(|v| v != "0") {
        return None;
    }
    env("ONCALL_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| env("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("oncall")))
        .or_else(|| env("HOME").map(|d| PathBuf::from(d).join(".cache/oncall")))
}

/// What an entry holds: the validated schedule, and the git blob id of the text it came from
/// (a function of the text, like the key), so telling whether the file differs from HEAD
/// needs no hashing on a warm run.
pub struct Entry {
    pub schedule: Schedule,
    pub blob: [u8; 20],
}

/// The cached entry for `key`, if there is an intact one.
pub fn load(key: Key) -> Option<Entry> {
    let data = std::fs::read(key.file()?).ok()?;
    let rest = data.strip_prefix(MAGIC)?.strip_prefix(&key.bytes()[..])?;
    let (blob, payload) = rest.split_first_chunk::<20>()?;
    let schedule = postcard::from_bytes(payload).ok()?;
    Some(Entry {
        schedule,
        blob: *blob,
    })
}

/// Stores `schedule` (parsed from text whose blob id is `blob`) under `key`, best-effort.
pub fn store(key: Key, schedule: &Schedule, blob: [u8; 20]) {
    let (Some(dir), Some(file)) = (dir(), key.file()) else {
        return;
    };
    let Ok(payload) = postcard::to_stdvec(schedule) else {
        return;
    };
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let mut data = Vec::with_capacity(payload.len() + 24);
    data.extend_from_slice(MAGIC);
    data.extend_from_slice(&key.bytes());
    data.extend_from_slice(&blob);
    data.extend_from_slice(&payload);
    if write_atomic(&file, &data).is_ok() {
        prune(&dir);
    }
}

/// Keeps the newest [`KEEP`] entries.
fn prune(dir: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("schedule-"))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    if files.len() <= KEEP {
        return;
    }
    files.sort();
    for (_, path) in &files[..files.len() - KEEP] {
        let _ = std::fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schedule_survives_the_round_trip_exactly() {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schedule.toml")).unwrap();
        let s = crate::schedule::parse(&text).unwrap().schedule;
        let bytes = postcard::to_stdvec(&s).unwrap();
        let back: Schedule = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(format!("{back:?}"), format!("{s:?}"));
        assert!(postcard::from_bytes::<Schedule>(&bytes[..bytes.len() / 2]).is_err());
    }
}
