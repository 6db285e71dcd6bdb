//! Sparklines: a series drawn with ▁▂▃▄▅▆▇█ in one line of text, for week-over-week trends.

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// One character per value, scaled from 0 (or the smallest value, if negative) to the
/// largest, so counts read honestly (3 and 3 are full bars, 0 and 0 empty ones); a missing
/// value is a space (a dot would read as data).
pub fn spark(values: &[Option<f64>]) -> String {
    let present = values.iter().flatten().copied();
    let lo = present.clone().fold(0.0_f64, f64::min);
    let hi = present.fold(f64::NEG_INFINITY, f64::max);
    values
        .iter()
        .map(|v| match v {
            None => ' ',
            Some(_) if hi <= lo => BARS[0],
            Some(v) => {
                let top = (BARS.len() - 1) as f64;
                // In 0..=7 by construction, so the cast cannot truncate or wrap.
                let i = (((v - lo) / (hi - lo)) * top).round().clamp(0.0, top) as usize;
                BARS[i]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_series() {
        let s = |v: &[f64]| spark(&v.iter().map(|x| Some(*x)).collect::<Vec<_>>());
        assert_eq!(s(&[0.0, 1.0, 2.0, 7.0]), "▁▂▃█");
        assert_eq!(s(&[0.0, 0.0]), "▁▁");
        assert_eq!(s(&[3.0, 3.0]), "██");
        assert_eq!(spark(&[Some(1.0), None, Some(2.0)]), "▅ █");
        assert_eq!(spark(&[]), "");
    }
}
