//! What a recording holds: shapes as plain values, each with the role it plays, its paint
//! and, for text, its alignment.

use plotters_backend::{BackendColor, BackendCoord, BackendStyle};

/// What a recorded shape is part of. plotters' styles only know colour and width; the
/// role lets the SVG give each series its dash pattern, hatching and `data-series`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Role {
    /// Axes, tick marks, tick labels, axis names: drawn as recorded.
    #[default]
    Frame,
    /// Background grid lines and rings.
    Grid,
    /// The line, area or bars of series `i`.
    Series(usize),
    /// A data-point marker of series `i`.
    Marker(usize),
}

/// An RGB colour with opacity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rgba {
    pub rgb: (u8, u8, u8),
    pub alpha: f64,
}

impl Rgba {
    /// `#rrggbb` (opacity goes in its own attribute).
    pub fn hex(&self) -> String {
        let (r, g, b) = self.rgb;
        format!("#{r:02x}{g:02x}{b:02x}")
    }
}

impl From<BackendColor> for Rgba {
    fn from(c: BackendColor) -> Self {
        Rgba {
            rgb: c.rgb,
            alpha: c.alpha,
        }
    }
}

/// How a stroke or fill looks, as plotters gave it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Paint {
    pub color: Rgba,
    pub width: u32,
}

impl Paint {
    pub(super) fn of<S: BackendStyle>(style: &S) -> Paint {
        Paint {
            color: style.color().into(),
            width: style.stroke_width(),
        }
    }
}

/// Horizontal alignment of a text at its anchor point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HAlign {
    Start,
    Middle,
    End,
}

/// Vertical alignment of a text at its anchor point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VAlign {
    Top,
    Center,
    Bottom,
}

/// One drawing primitive in backend pixels (the SVG's viewBox units).
#[derive(Clone, Debug, PartialEq)]
pub enum ShapeKind {
    Line {
        from: BackendCoord,
        to: BackendCoord,
        paint: Paint,
    },
    Polyline {
        points: Vec<BackendCoord>,
        paint: Paint,
    },
    Rect {
        top_left: BackendCoord,
        bottom_right: BackendCoord,
        paint: Paint,
        fill: bool,
    },
    Circle {
        center: BackendCoord,
        radius: u32,
        paint: Paint,
        fill: bool,
    },
    /// Always filled.
    Polygon {
        points: Vec<BackendCoord>,
        paint: Paint,
    },
    Text {
        text: String,
        at: BackendCoord,
        size: f64,
        h: HAlign,
        v: VAlign,
        /// Clockwise degrees about `at` (0, 90, 180 or 270).
        rotate: u16,
        color: Rgba,
    },
}

/// A primitive and what it belongs to.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    pub role: Role,
    pub kind: ShapeKind,
}

/// A finished drawing: its size in pixels and its shapes in drawing order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Drawing {
    pub width: u32,
    pub height: u32,
    pub shapes: Vec<Shape>,
}
