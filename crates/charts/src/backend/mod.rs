//! A plotters drawing backend that records what it is asked to draw as plain values
//! ([`Shape`]) instead of painting pixels. plotters still does the layout (label areas,
//! ticks, coordinate mapping); the web app's `charts/svg.rs` turns the record into DOM
//! nodes, so text stays real text (page fonts, CJK, copy-paste, never parsed as HTML) and
//! the wasm carries no font or rasterizer code.

mod shape;

use std::cell::RefCell;
use std::convert::Infallible;
use std::rc::Rc;

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontTransform,
};

pub use shape::{Drawing, HAlign, Paint, Rgba, Role, Shape, ShapeKind, VAlign};

#[derive(Default)]
struct Log {
    role: Role,
    shapes: Vec<Shape>,
}

/// The caller's handle on a recording: set the role of what is drawn next, then take the
/// drawing. plotters owns the backend itself, hence the shared log.
#[derive(Clone)]
pub struct Recording {
    size: (u32, u32),
    log: Rc<RefCell<Log>>,
}

impl Recording {
    pub fn new(width: u32, height: u32) -> Recording {
        Recording {
            size: (width, height),
            log: Rc::default(),
        }
    }

    /// A backend writing into this recording, for `IntoDrawingArea::into_drawing_area`.
    pub fn backend(&self) -> Recorder {
        Recorder {
            recording: self.clone(),
        }
    }

    /// Tags every shape drawn from now on.
    pub fn set_role(&self, role: Role) {
        self.log.borrow_mut().role = role;
    }

    /// Adds a shape directly (for things plotters has no element for).
    pub fn push(&self, kind: ShapeKind) {
        let mut log = self.log.borrow_mut();
        let role = log.role;
        log.shapes.push(Shape { role, kind });
    }

    /// The shapes recorded so far.
    pub fn finish(&self) -> Drawing {
        Drawing {
            width: self.size.0,
            height: self.size.1,
            shapes: std::mem::take(&mut self.log.borrow_mut().shapes),
        }
    }
}

/// The [`DrawingBackend`] half of a [`Recording`].
pub struct Recorder {
    recording: Recording,
}

type Result<T = ()> = std::result::Result<T, DrawingErrorKind<Infallible>>;

impl DrawingBackend for Recorder {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.recording.size
    }

    fn ensure_prepared(&mut self) -> Result {
        Ok(())
    }

    fn present(&mut self) -> Result {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result {
        let paint = Paint {
            color: color.into(),
            width: 1,
        };
        self.recording.push(ShapeKind::Rect {
            top_left: point,
            bottom_right: (point.0 + 1, point.1 + 1),
            paint,
            fill: true,
        });
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result {
        self.recording.push(ShapeKind::Line {
            from,
            to,
            paint: Paint::of(style),
        });
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        top_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result {
        self.recording.push(ShapeKind::Rect {
            top_left,
            bottom_right,
            paint: Paint::of(style),
            fill,
        });
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result {
        let points: Vec<BackendCoord> = path.into_iter().collect();
        if points.len() >= 2 {
            self.recording.push(ShapeKind::Polyline {
                points,
                paint: Paint::of(style),
            });
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result {
        self.recording.push(ShapeKind::Circle {
            center,
            radius,
            paint: Paint::of(style),
            fill,
        });
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result {
        self.recording.push(ShapeKind::Polygon {
            points: vert.into_iter().collect(),
            paint: Paint::of(style),
        });
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        at: BackendCoord,
    ) -> Result {
        let anchor = style.anchor();
        let h = match anchor.h_pos {
            HPos::Left => HAlign::Start,
            HPos::Center => HAlign::Middle,
            HPos::Right => HAlign::End,
        };
        let v = match anchor.v_pos {
            VPos::Top => VAlign::Top,
            VPos::Center => VAlign::Center,
            VPos::Bottom => VAlign::Bottom,
        };
        let rotate = match style.transform() {
            FontTransform::Rotate90 => 90,
            FontTransform::Rotate180 => 180,
            FontTransform::Rotate270 => 270,
            _ => 0,
        };
        self.recording.push(ShapeKind::Text {
            text: text.to_string(),
            at,
            size: style.size(),
            h,
            v,
            rotate,
            color: style.color().into(),
        });
        Ok(())
    }

    /// Layout without fonts: see [`text_width_em`]. The browser's real font may differ a
    /// little; label areas leave a margin for that.
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32)> {
        let size = style.size();
        Ok((
            (text_width_em(text) * size).ceil() as u32,
            size.ceil() as u32,
        ))
    }
}

/// The width of a one-line text in ems: CJK (and other full-width) characters are about
/// one em wide, everything else about 0.55 em (an average for proportional Latin fonts).
pub fn text_width_em(text: &str) -> f64 {
    text.chars()
        .map(|c| if is_wide(c) { 1.0 } else { 0.55 })
        .sum()
}

/// East Asian wide and full-width ranges (Hangul Jamo, CJK radicals to Yi, Hangul
/// syllables, compatibility ideographs, vertical and full-width forms, the
/// supplementary ideograph planes).
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::prelude::*;
    use plotters::style::text_anchor;

    #[test]
    fn latin_text_is_narrower_than_cjk_text() {
        assert!((text_width_em("Score") - 2.75).abs() < 1e-9);
        assert!((text_width_em("服务质量") - 4.0).abs() < 1e-9);
        assert!((text_width_em("质量 Q") - (2.0 + 0.55 * 2.0)).abs() < 1e-9);
        assert!(
            (text_width_em("（％）") - 3.0).abs() < 1e-9,
            "full-width forms"
        );
        assert_eq!(text_width_em(""), 0.0);
    }

    #[test]
    fn the_estimate_scales_with_the_font_size() {
        let recording = Recording::new(100, 100);
        let backend = recording.backend();
        let style = TextStyle::from(("sans-serif", 20).into_font());
        assert_eq!(
            backend.estimate_text_size("服务", &style).unwrap(),
            (40, 20)
        );
        assert_eq!(backend.estimate_text_size("ab", &style).unwrap(), (22, 20));
    }

    #[test]
    fn shapes_are_recorded_in_order_with_their_role_and_text_anchor() {
        let recording = Recording::new(200, 100);
        let root = recording.backend().into_drawing_area();
        root.draw(&Rectangle::new([(10, 10), (20, 30)], BLACK.filled()))
            .unwrap();
        recording.set_role(Role::Series(1));
        let style = TextStyle::from(("sans-serif", 12).into_font())
            .pos(text_anchor::Pos::new(HPos::Right, VPos::Center))
            .transform(FontTransform::Rotate270);
        root.draw(&Text::new("<b>x</b>", (50, 60), style)).unwrap();
        let drawing = recording.finish();
        assert_eq!((drawing.width, drawing.height), (200, 100));
        assert_eq!(drawing.shapes.len(), 2);
        assert_eq!(drawing.shapes[0].role, Role::Frame);
        assert!(matches!(
            drawing.shapes[0].kind,
            ShapeKind::Rect {
                top_left: (10, 10),
                bottom_right: (20, 30),
                fill: true,
                ..
            }
        ));
        assert_eq!(drawing.shapes[1].role, Role::Series(1));
        match &drawing.shapes[1].kind {
            ShapeKind::Text {
                text,
                at,
                h,
                v,
                rotate,
                ..
            } => {
                assert_eq!(text, "<b>x</b>");
                assert_eq!(*at, (50, 60));
                assert_eq!((*h, *v, *rotate), (HAlign::End, VAlign::Center, 270));
            }
            other => panic!("expected text, got {other:?}"),
        }
    }

    #[test]
    fn colours_print_as_hex() {
        let c = Rgba {
            rgb: (0, 114, 178),
            alpha: 1.0,
        };
        assert_eq!(c.hex(), "#0072b2");
    }
}
