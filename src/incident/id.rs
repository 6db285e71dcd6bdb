//! Incident ids: five characters from an alphabet without look-alikes (no `0/o`, `1/l/i`),
//! easy to read out on a call and to type. Manual pages get random ids (unique across clones
//! with high probability, and checked against the local log); alert pages get ids derived
//! from the alert source and its group key, so a re-delivered notification maps to the same
//! incident in every clone without storing the key anywhere.

use sha2::{Digest, Sha256};

use super::replay::Replay;

/// The characters ids are made of (31 of them: 31^5 ≈ 28.6 million ids).
pub const ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";

/// The length of an id.
pub const LEN: usize = 5;

/// A random id not used in `replay`. `random` fills a buffer with random bytes.
pub fn random_id(replay: &Replay, mut random: impl FnMut(&mut [u8])) -> String {
    loop {
        let mut bytes = [0u8; LEN];
        random(&mut bytes);
        // 256 % 31 = 8: a slight bias towards the first 8 characters, harmless for ids.
        let id: String = bytes
            .iter()
            .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
            .collect();
        if !replay.contains(&id) {
            return id;
        }
    }
}

/// Random bytes from the operating system.
pub fn os_random(buf: &mut [u8]) {
    if getrandom::getrandom(buf).is_err() {
        // No OS randomness (practically never): fall back to the clock and the process id,
        // still checked for local uniqueness by `random_id`.
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
            ^ u128::from(std::process::id());
        let digest = Sha256::digest(seed.to_le_bytes());
        for (b, d) in buf.iter_mut().zip(digest.iter().cycle()) {
            *b = *d;
        }
    }
}

/// The id of the `generation`-th incident of an alert group (0 for the first time it fires,
/// 1 after it was resolved and fired again, ...). Deterministic: every clone and every
/// re-delivery computes the same id.
pub fn derived_id(source: &str, group_key: &str, generation: u32) -> String {
    let mut h = Sha256::new();
    h.update(source.as_bytes());
    h.update([0]);
    h.update(group_key.as_bytes());
    h.update([0]);
    h.update(generation.to_le_bytes());
    let digest = h.finalize();
    // 5 × 5 bits from the digest, each mapped into the alphabet (32 → 31: tiny bias).
    let mut v = u64::from_be_bytes([
        0, 0, 0, digest[0], digest[1], digest[2], digest[3], digest[4],
    ]);
    let mut id = String::with_capacity(LEN);
    for _ in 0..LEN {
        id.push(ALPHABET[(v % ALPHABET.len() as u64) as usize] as char);
        v /= ALPHABET.len() as u64;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incident::event::{Event, EventKind};

    #[test]
    fn random_ids_are_short_typeable_and_locally_unique() {
        let mut r = Replay::new();
        let mut n = 0u8;
        // A "random" source that repeats itself: the second id must differ from the first.
        let mut fake = |buf: &mut [u8]| {
            for b in buf.iter_mut() {
                *b = n / 2;
            }
            n += 1;
        };
        let a = random_id(&r, &mut fake);
        assert_eq!(a.len(), LEN);
        assert!(a.bytes().all(|b| ALPHABET.contains(&b)));
        let e = Event {
            incident: a.clone(),
            kind: EventKind::Page,
            ..Event::default()
        };
        r.apply(e.as_ref());
        let b = random_id(&r, &mut fake);
        assert_ne!(a, b);
        let mut buf = [0u8; 5];
        os_random(&mut buf);
    }

    #[test]
    fn derived_ids_are_stable_and_differ_by_key_source_and_generation() {
        let a = derived_id("alertmanager", "{}:{alertname=\"X\"}", 0);
        assert_eq!(a, derived_id("alertmanager", "{}:{alertname=\"X\"}", 0));
        assert!(a.bytes().all(|b| ALPHABET.contains(&b)));
        assert_ne!(a, derived_id("grafana", "{}:{alertname=\"X\"}", 0));
        assert_ne!(a, derived_id("alertmanager", "{}:{alertname=\"Y\"}", 0));
        assert_ne!(a, derived_id("alertmanager", "{}:{alertname=\"X\"}", 1));
        assert!(
            !"k7m0q".bytes().all(|b| ALPHABET.contains(&b)),
            "0 is left out"
        );
    }
}
