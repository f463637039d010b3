//! How series tell apart without relying on hue: Okabe-Ito colours (distinguishable with
//! the common colour-vision deficiencies), ordered so neighbours also differ in lightness,
//! plus a dash pattern, a marker shape and a bar hatching per series for black-and-white
//! print. Everything cycles after eight series.

use plotters::style::RGBColor;

/// Okabe & Ito (2008), minus the yellow that vanishes on white paper; dark and light
/// colours alternate so the first two series differ in greyscale too.
const COLORS: [(u8, u8, u8); 7] = [
    (0x00, 0x72, 0xB2), // blue
    (0xE6, 0x9F, 0x00), // orange
    (0x00, 0x9E, 0x73), // bluish green
    (0xCC, 0x79, 0xA7), // reddish purple
    (0xD5, 0x5E, 0x00), // vermillion
    (0x56, 0xB4, 0xE9), // sky blue
    (0x00, 0x00, 0x00), // black
];

/// The colour of series `i`.
pub fn color(i: usize) -> RGBColor {
    let (r, g, b) = COLORS[i % COLORS.len()];
    RGBColor(r, g, b)
}

/// `stroke-dasharray` of series `i`'s lines; `None` is solid.
pub fn dash(i: usize) -> Option<&'static str> {
    const DASHES: [Option<&str>; 5] = [
        None,
        Some("8 4"),
        Some("2 3"),
        Some("10 3 2 3"),
        Some("4 4"),
    ];
    DASHES[i % DASHES.len()]
}

/// The point marker of a series.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
    TriangleDown,
    Plus,
}

impl Marker {
    const ALL: [Marker; 6] = [
        Marker::Circle,
        Marker::Square,
        Marker::Triangle,
        Marker::Diamond,
        Marker::TriangleDown,
        Marker::Plus,
    ];

    /// The vertices of the marker around (0, 0) for a marker `r` pixels in radius (y
    /// down); `None` for the circle, which is drawn as a circle.
    pub fn outline(self, r: i32) -> Option<Vec<(i32, i32)>> {
        let t = r / 3 + 1;
        Some(match self {
            Marker::Circle => return None,
            Marker::Square => vec![(-r, -r), (r, -r), (r, r), (-r, r)],
            Marker::Triangle => vec![(0, -r - 1), (r + 1, r), (-r - 1, r)],
            Marker::TriangleDown => vec![(0, r + 1), (r + 1, -r), (-r - 1, -r)],
            Marker::Diamond => vec![(0, -r - 1), (r + 1, 0), (0, r + 1), (-r - 1, 0)],
            Marker::Plus => vec![
                (-t, -r - 1),
                (t, -r - 1),
                (t, -t),
                (r + 1, -t),
                (r + 1, t),
                (t, t),
                (t, r + 1),
                (-t, r + 1),
                (-t, t),
                (-r - 1, t),
                (-r - 1, -t),
                (-t, -t),
            ],
        })
    }
}

/// The marker of series `i`.
pub fn marker(i: usize) -> Marker {
    Marker::ALL[i % Marker::ALL.len()]
}

/// The hatching drawn over series `i`'s bars, as an SVG path in an 8×8 tile; `None` is a
/// plain fill.
pub fn hatch(i: usize) -> Option<&'static str> {
    const HATCHES: [Option<&str>; 6] = [
        None,
        Some("M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4"),
        Some("M0,4 h8"),
        Some("M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4"),
        Some("M4,0 v8"),
        Some("M0,8 l8,-8 M0,0 l8,8"),
    ];
    HATCHES[i % HATCHES.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_series_differ_in_colour_dash_marker_and_hatching() {
        for a in 0..5 {
            for b in (a + 1)..5 {
                assert_ne!(color(a), color(b), "{a} {b}");
                assert_ne!(dash(a), dash(b), "{a} {b}");
                assert_ne!(marker(a), marker(b), "{a} {b}");
            }
        }
        assert_ne!(hatch(0), hatch(1));
    }

    /// Relative luminance difference between the first two series, so "agent vs team"
    /// reads in greyscale.
    #[test]
    fn the_first_two_colours_differ_in_lightness() {
        let lum = |c: RGBColor| 0.2126 * c.0 as f64 + 0.7152 * c.1 as f64 + 0.0722 * c.2 as f64;
        assert!((lum(color(0)) - lum(color(1))).abs() > 50.0);
    }

    #[test]
    fn markers_are_centred() {
        for m in Marker::ALL {
            if let Some(points) = m.outline(4) {
                let min_x = points.iter().map(|p| p.0).min().unwrap();
                let max_x = points.iter().map(|p| p.0).max().unwrap();
                assert_eq!(min_x, -max_x, "{m:?}");
            }
        }
    }
}
