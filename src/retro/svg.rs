//! Small inline SVG charts for the retro page: grouped bars and lines over weeks. Pure string
//! building, no dependencies and no scripts, so the page stays self-contained. Every data
//! point is an element of class `point` with `data-week`/`data-value` and a `<title>`
//! tooltip, which is also what the headless-browser test looks for.

use std::fmt::Write;

use crate::markup::html as esc;

const W: f64 = 640.0;
const H: f64 = 240.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 40.0;

/// Colours for the series, in order; readable on white and for common colour blindness.
const COLORS: [&str; 4] = ["#1f77b4", "#d62728", "#ff7f0e", "#2ca02c"];

/// One named series of values per week (`None` when there is nothing to show that week).
pub struct Series<'a> {
    pub name: &'a str,
    pub values: Vec<Option<f64>>,
}

/// How a chart draws its series and labels its values.
#[derive(Clone, Copy)]
pub enum Kind {
    Bars,
    Lines,
}

pub struct Chart<'a> {
    /// `id` doubles as the `data-chart` attribute.
    pub id: &'a str,
    pub title: &'a str,
    pub kind: Kind,
    pub weeks: &'a [String],
    pub series: Vec<Series<'a>>,
    /// The y axis range: `min` and at least `max`; values above grow it.
    pub min: f64,
    pub max: f64,
    /// Counts: the axis top is a multiple of 4 so its four steps are whole numbers.
    pub integer: bool,
    /// Formats a value for the axis and tooltips.
    pub label: &'a dyn Fn(f64) -> String,
}

impl Chart<'_> {
    pub fn render(&self) -> String {
        let top = self
            .series
            .iter()
            .flat_map(|s| s.values.iter().flatten())
            .fold(self.max, |a, b| a.max(*b));
        let hi = if self.integer {
            4.0 * whole_step((top - self.min) / 4.0)
        } else {
            nice(top.max(self.min + 1e-9))
        };
        let lo = self.min;
        let plot_w = W - LEFT - RIGHT;
        let plot_h = H - TOP - BOTTOM;
        let n = self.weeks.len().max(1);
        let slot = plot_w / n as f64;
        let y = |v: f64| TOP + plot_h - (v - lo) / (hi - lo) * plot_h;
        let mut o = String::new();
        let _ = write!(
            o,
            r#"<svg class="chart" data-chart="{}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" role="img" aria-label="{}"><title>{}</title>"#,
            esc(self.id),
            esc(self.title),
            esc(self.title)
        );
        let _ = write!(
            o,
            r#"<text class="chart-title" x="{LEFT}" y="18">{}</text>"#,
            esc(self.title)
        );
        // Horizontal grid with four steps.
        for k in 0..=4 {
            let v = lo + (hi - lo) * f64::from(k) / 4.0;
            let yy = y(v);
            let _ = write!(
                o,
                r##"<line x1="{LEFT}" x2="{}" y1="{yy:.1}" y2="{yy:.1}" stroke="#ddd"/><text class="y-label" x="{}" y="{:.1}" text-anchor="end">{}</text>"##,
                W - RIGHT,
                LEFT - 6.0,
                yy + 4.0,
                esc(&(self.label)(v))
            );
        }
        for (i, week) in self.weeks.iter().enumerate() {
            let cx = LEFT + slot * (i as f64 + 0.5);
            let _ = write!(
                o,
                r#"<text class="x-label" x="{cx:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                H - BOTTOM + 16.0,
                esc(week)
            );
        }
        match self.kind {
            Kind::Bars => self.bars(&mut o, slot, &y),
            Kind::Lines => self.lines(&mut o, slot, &y),
        }
        self.legend(&mut o);
        o.push_str("</svg>");
        o
    }

    fn point_title(&self, series: &str, week: &str, v: f64) -> String {
        esc(&format!("{week}: {series} {}", (self.label)(v)))
    }

    fn bars(&self, o: &mut String, slot: f64, y: &dyn Fn(f64) -> f64) {
        let k = self.series.len().max(1) as f64;
        let bar = (slot * 0.8) / k;
        for (si, s) in self.series.iter().enumerate() {
            let color = COLORS[si % COLORS.len()];
            for (i, v) in s.values.iter().enumerate() {
                let Some(v) = v else { continue };
                let Some(week) = self.weeks.get(i) else {
                    continue;
                };
                let x = LEFT + slot * i as f64 + slot * 0.1 + bar * si as f64;
                let (top, base) = (y(*v), y(self.min));
                let _ = write!(
                    o,
                    r#"<rect class="point" data-series="{}" data-week="{}" data-value="{v}" x="{x:.1}" y="{top:.1}" width="{:.1}" height="{:.1}" fill="{color}"><title>{}</title></rect>"#,
                    esc(s.name),
                    esc(week),
                    (bar - 1.0).max(1.0),
                    (base - top).max(0.5),
                    self.point_title(s.name, week, *v)
                );
            }
        }
    }

    fn lines(&self, o: &mut String, slot: f64, y: &dyn Fn(f64) -> f64) {
        for (si, s) in self.series.iter().enumerate() {
            let color = COLORS[si % COLORS.len()];
            let pts: Vec<(usize, f64)> = s
                .values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| (i, v)))
                .collect();
            let path: Vec<String> = pts
                .iter()
                .map(|(i, v)| format!("{:.1},{:.1}", LEFT + slot * (*i as f64 + 0.5), y(*v)))
                .collect();
            if path.len() > 1 {
                let _ = write!(
                    o,
                    r#"<polyline fill="none" stroke="{color}" stroke-width="2" points="{}"/>"#,
                    path.join(" ")
                );
            }
            for (i, v) in pts {
                let Some(week) = self.weeks.get(i) else {
                    continue;
                };
                let _ = write!(
                    o,
                    r#"<circle class="point" data-series="{}" data-week="{}" data-value="{v}" cx="{:.1}" cy="{:.1}" r="4" fill="{color}"><title>{}</title></circle>"#,
                    esc(s.name),
                    esc(week),
                    LEFT + slot * (i as f64 + 0.5),
                    y(v),
                    self.point_title(s.name, week, v)
                );
            }
        }
    }

    fn legend(&self, o: &mut String) {
        let mut x = W - RIGHT;
        for (si, s) in self.series.iter().enumerate().rev() {
            let color = COLORS[si % COLORS.len()];
            // Roughly 7 px per character at the 12 px font size.
            x -= 7.0 * s.name.chars().count() as f64 + 22.0;
            let _ = write!(
                o,
                r#"<rect x="{x:.1}" y="8" width="10" height="10" fill="{color}"/><text class="legend" x="{:.1}" y="17">{}</text>"#,
                x + 14.0,
                esc(s.name)
            );
        }
    }
}

/// A round number at or above `x` for the top of an axis (1, 2, 2.5 or 5 times a power of 10).
fn nice(x: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    let p = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|v| *v >= x - 1e-9)
        .unwrap_or(10.0 * p)
}

/// The smallest round whole number at least `x` (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power
/// of 10), for axis steps that stay whole numbers.
fn whole_step(x: f64) -> f64 {
    if x <= 1.0 {
        return 1.0;
    }
    let p = 10f64.powf(x.log10().floor());
    [1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|v| *v >= x - 1e-9 && v.fract() == 0.0)
        .unwrap_or(10.0 * p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_tops() {
        assert_eq!(nice(7.0), 10.0);
        assert_eq!(nice(1.0), 1.0);
        assert_eq!(nice(0.0), 1.0);
        assert_eq!(nice(230.0), 250.0);
        assert_eq!(whole_step(0.5), 1.0);
        assert_eq!(whole_step(1.75), 2.0);
        assert_eq!(whole_step(2.5), 3.0);
        assert_eq!(whole_step(57.5), 60.0);
    }

    #[test]
    fn renders_points_and_escapes() {
        let weeks = vec!["2026-W47".to_string(), "2026-W48".to_string()];
        let c = Chart {
            id: "pages",
            title: "Pages <per> week",
            kind: Kind::Bars,
            weeks: &weeks,
            series: vec![Series {
                name: "pages",
                values: vec![Some(3.0), Some(5.0)],
            }],
            min: 0.0,
            max: 1.0,
            integer: true,
            label: &|v| format!("{v:.0}"),
        };
        let svg = c.render();
        assert_eq!(svg.matches(r#"class="point""#).count(), 2);
        assert!(svg.contains("Pages &lt;per&gt; week"));
        assert!(svg.contains(">2026-W48</text>"));
        // Whole-number ticks for counts: 0 2 4 6 8 for a top value of 5.
        for tick in ["0", "2", "4", "6", "8"] {
            assert!(
                svg.contains(&format!("text-anchor=\"end\">{tick}</text>")),
                "{tick}"
            );
        }
    }
}
