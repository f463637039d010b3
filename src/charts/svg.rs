//! A recorded [`Drawing`] as an inline `<svg>` built with `view!`: text becomes SVG text
//! nodes (page fonts apply, CJK renders, markup in names stays literal text), colours are
//! presentation attributes (allowed by the CSP, unlike `style=`), and each series gets its
//! dash pattern and bar hatching here, from its [`Role`].

use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::prelude::*;

use super::backend::{Drawing, HAlign, Paint, Role, Shape, ShapeKind, VAlign};
use super::palette;

/// A page-unique prefix for the ids of one chart's `<pattern>`s.
fn next_id() -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("chart{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// The hatching tile of series `i` (colour under dark lines, so bars differ in print).
fn hatch_pattern(id: String, i: usize) -> impl IntoView {
    let fill = hex(palette::color(i));
    let lines = palette::hatch(i).map(|d| {
        view! { <path d=d stroke="#000" stroke-width="1.3" stroke-opacity="0.75" fill="none"/> }
    });
    view! {
        <pattern id=id patternUnits="userSpaceOnUse" width="8" height="8">
            <rect width="8" height="8" fill=fill></rect>
            {lines}
        </pattern>
    }
}

fn hex(c: plotters::style::RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

fn points_attr(points: &[(i32, i32)]) -> String {
    let mut out = String::new();
    for (x, y) in points {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&format!("{x},{y}"));
    }
    out
}

fn series_of(role: Role) -> Option<usize> {
    match role {
        Role::Series(i) | Role::Marker(i) => Some(i),
        _ => None,
    }
}

fn class_of(role: Role) -> Option<&'static str> {
    match role {
        Role::Frame => None,
        Role::Grid => Some("chart-grid"),
        Role::Series(_) => Some("chart-series"),
        Role::Marker(_) => Some("chart-marker"),
    }
}

/// Stroke attributes: a series' lines are at least 2 px and dashed its own way.
fn stroke(role: Role, paint: &Paint) -> (String, String, u32, Option<&'static str>) {
    let (width, dash) = match role {
        Role::Series(i) => (paint.width.max(2), palette::dash(i)),
        _ => (paint.width.max(1), None),
    };
    (
        paint.color.hex(),
        paint.color.alpha.to_string(),
        width,
        dash,
    )
}

fn shape_view(shape: &Shape, id: &str) -> AnyView {
    let role = shape.role;
    let class = class_of(role);
    let series = series_of(role).map(|i| i.to_string());
    match &shape.kind {
        ShapeKind::Line { from, to, paint } => {
            let (color, opacity, width, dash) = stroke(role, paint);
            view! {
                <line class=class data-series=series x1=from.0 y1=from.1 x2=to.0 y2=to.1
                    stroke=color stroke-opacity=opacity stroke-width=width stroke-dasharray=dash/>
            }
            .into_any()
        }
        ShapeKind::Polyline { points, paint } => {
            let (color, opacity, width, dash) = stroke(role, paint);
            view! {
                <polyline class=class data-series=series points=points_attr(points) fill="none"
                    stroke=color stroke-opacity=opacity stroke-width=width stroke-dasharray=dash
                    stroke-linejoin="round"/>
            }
            .into_any()
        }
        ShapeKind::Rect {
            top_left,
            bottom_right,
            paint,
            fill,
        } => {
            let (x, y) = (
                top_left.0.min(bottom_right.0),
                top_left.1.min(bottom_right.1),
            );
            let w = (bottom_right.0 - top_left.0).abs();
            let h = (bottom_right.1 - top_left.1).abs();
            let color = paint.color.hex();
            let opacity = paint.color.alpha.to_string();
            let (fill_attr, fill_opacity, outline, outline_width) = match (fill, role) {
                // Bars: hatched fill of the series plus a dark outline.
                (true, Role::Series(i)) => {
                    let fill = match palette::hatch(i) {
                        Some(_) => format!("url(#{id}-h{i})"),
                        None => color,
                    };
                    (fill, opacity, "#1c2430".to_string(), 1)
                }
                (true, _) => (color, opacity, "none".to_string(), 0),
                (false, _) => (
                    "none".to_string(),
                    "1".to_string(),
                    color,
                    paint.width.max(1),
                ),
            };
            view! {
                <rect class=class data-series=series x=x y=y width=w height=h fill=fill_attr
                    fill-opacity=fill_opacity stroke=outline stroke-width=outline_width/>
            }
            .into_any()
        }
        ShapeKind::Circle {
            center,
            radius,
            paint,
            fill,
        } => {
            let color = paint.color.hex();
            let (fill_attr, outline) = if *fill {
                (color, "#1c2430".to_string())
            } else {
                ("none".to_string(), color)
            };
            view! {
                <circle class=class data-series=series cx=center.0 cy=center.1 r=*radius
                    fill=fill_attr fill-opacity=paint.color.alpha.to_string() stroke=outline stroke-width="1"/>
            }
            .into_any()
        }
        ShapeKind::Polygon { points, paint } => {
            // Markers get a dark outline so light colours show on white paper.
            let outline = matches!(role, Role::Marker(_)).then_some("#1c2430");
            view! {
                <polygon class=class data-series=series points=points_attr(points)
                    fill=paint.color.hex() fill-opacity=paint.color.alpha.to_string()
                    stroke=outline stroke-width=outline.map(|_| "1")/>
            }
            .into_any()
        }
        ShapeKind::Text {
            text,
            at,
            size,
            h,
            v,
            rotate,
            color,
        } => {
            let anchor = match h {
                HAlign::Start => "start",
                HAlign::Middle => "middle",
                HAlign::End => "end",
            };
            // Shifts the baseline so the anchor is the text's top, middle or bottom.
            let dy = match v {
                VAlign::Top => "0.8em",
                VAlign::Center => "0.35em",
                VAlign::Bottom => "-0.2em",
            };
            let transform = (*rotate != 0).then(|| format!("rotate({rotate}, {}, {})", at.0, at.1));
            view! {
                <text class=class data-series=series x=at.0 y=at.1 dy=dy text-anchor=anchor
                    font-size=size.to_string() fill=color.hex() transform=transform>
                    {text.clone()}
                </text>
            }
            .into_any()
        }
    }
}

/// A drawing as an accessible image: `role="img"`, the title as its accessible name and
/// as `<title>` (the tooltip). The data table next to it carries the numbers.
#[component]
pub fn ChartSvg(drawing: Drawing, title: String) -> impl IntoView {
    let id = next_id();
    let mut hatched: Vec<usize> = drawing
        .shapes
        .iter()
        .filter_map(|s| match (s.role, &s.kind) {
            (Role::Series(i), ShapeKind::Rect { fill: true, .. })
                if palette::hatch(i).is_some() =>
            {
                Some(i)
            }
            _ => None,
        })
        .collect();
    hatched.sort_unstable();
    hatched.dedup();
    let patterns = hatched
        .into_iter()
        .map(|i| hatch_pattern(format!("{id}-h{i}"), i))
        .collect_view();
    let shapes = drawing
        .shapes
        .iter()
        .map(|s| shape_view(s, &id))
        .collect_view();
    let view_box = format!("0 0 {} {}", drawing.width, drawing.height);
    let label = title.clone();
    view! {
        <svg class="chart-svg" viewBox=view_box role="img" aria-label=label
            xmlns="http://www.w3.org/2000/svg">
            // Built explicitly: the view! macro made `<title>` an HTML element here, which
            // the document's title setter then took over.
            {leptos::tachys::svg::title().child(title)}
            <defs>{patterns}</defs>
            {shapes}
        </svg>
    }
}

/// What a legend entry shows: a line with its marker, or a hatched bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    Line,
    Bar,
}

/// The legend sample of series `i`: the same colour, dash, marker or hatching as the
/// chart, so the key works in greyscale too. Decorative; the name next to it is the text.
#[component]
pub fn Swatch(kind: KeyKind, index: usize) -> impl IntoView {
    let color = hex(palette::color(index));
    let sample = match kind {
        KeyKind::Bar => {
            let id = format!("{}-h{index}", next_id());
            let fill = match palette::hatch(index) {
                Some(_) => format!("url(#{id})"),
                None => color.clone(),
            };
            view! {
                <defs>{hatch_pattern(id, index)}</defs>
                <rect x="6" y="1" width="20" height="12" fill=fill stroke="#1c2430" stroke-width="1"/>
            }
            .into_any()
        }
        KeyKind::Line => {
            let marker = match palette::marker(index).outline(4) {
                Some(points) => {
                    let moved: Vec<(i32, i32)> = points.iter().map(|(x, y)| (x + 16, y + 7)).collect();
                    view! { <polygon points=points_attr(&moved) fill=color.clone() stroke="#1c2430" stroke-width="1"/> }
                        .into_any()
                }
                None => view! { <circle cx="16" cy="7" r="4" fill=color.clone() stroke="#1c2430" stroke-width="1"/> }
                    .into_any(),
            };
            view! {
                <line x1="1" y1="7" x2="31" y2="7" stroke=color.clone() stroke-width="2"
                    stroke-dasharray=palette::dash(index)/>
                {marker}
            }
            .into_any()
        }
    };
    view! {
        <svg class="chart-swatch" viewBox="0 0 32 14" width="32" height="14" aria-hidden="true">
            {sample}
        </svg>
    }
}
