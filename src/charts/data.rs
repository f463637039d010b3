//! The plain data a chart takes: its series and value scales (from
//! [`carescore_charts::scale`]), and the words around them: axis titles with units, values
//! as the tables write them.

use crate::i18n::{translate, translate_with, Locale};
pub use carescore_charts::scale::{nice_ceiling, ticks, value_range, Series};

/// What an axis measures and in which unit, both already in the interface language.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Axis {
    pub name: String,
    pub unit: Option<String>,
}

impl Axis {
    pub fn new(name: impl Into<String>, unit: Option<String>) -> Axis {
        Axis {
            name: name.into(),
            unit,
        }
    }

    /// "Score (points)", or just the name without a unit.
    pub fn title(&self, locale: Locale) -> String {
        match self.unit.as_deref().filter(|u| !u.is_empty()) {
            Some(unit) => translate_with(
                locale,
                "charts.axis_with_unit",
                &[("name", &self.name), ("unit", unit)],
            ),
            None => self.name.clone(),
        }
    }
}

/// A value as the tables and labels write it: one decimal, `N/A` when missing.
pub fn value_text(locale: Locale, value: Option<f64>) -> String {
    match value.filter(|v| v.is_finite()) {
        Some(v) => format!("{v:.1}"),
        None => translate(locale, "charts.na"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_titles_carry_their_unit_in_each_language() {
        let axis = Axis::new("Score", Some("points".into()));
        assert_eq!(axis.title(Locale::En), "Score (points)");
        let axis = Axis::new("得分", Some("分".into()));
        assert_eq!(axis.title(Locale::ZhCn), "得分（分）");
        assert_eq!(Axis::new("Period", None).title(Locale::En), "Period");
    }

    #[test]
    fn missing_values_read_na_not_zero() {
        assert_eq!(value_text(Locale::En, None), "N/A");
        assert_eq!(value_text(Locale::En, Some(f64::NAN)), "N/A");
        assert_eq!(value_text(Locale::En, Some(0.0)), "0.0");
    }
}
