//! Two scorecard versions side by side (or a version and the editor's draft): every
//! dimension and metric with its weight, its share, target and floor in each, and whether
//! they differ. The scorecard page draws it.

use carescore_engine::scorecard::{Label, Scorecard};

use crate::display::metric_label;

/// One side of a compared row: what that version says.
#[derive(Clone, Debug, PartialEq)]
pub struct Side {
    /// The configured (relative) weight.
    pub weight: f64,
    /// Its share of its level (what scoring uses).
    pub share: f64,
    /// Metrics only.
    pub target: Option<f64>,
    pub floor: Option<f64>,
    /// Direction, curve or minimum sample differ (metrics only; shown as one mark).
    pub other: Option<String>,
}

/// A dimension (metric `None`) or a metric row of the comparison. A side is `None` when
/// that version does not have the item.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareRow {
    pub dimension: String,
    pub metric: Option<String>,
    pub label: Option<Label>,
    pub a: Option<Side>,
    pub b: Option<Side>,
}

/// Weight shares closer than this are the same (they print the same to 0.1%).
const SHARE_EPSILON: f64 = 1e-6;

impl CompareRow {
    /// Weights differ when the share differs: 35 of 100 and 0.35 of 1 score the same.
    pub fn weight_differs(&self) -> bool {
        match (&self.a, &self.b) {
            (Some(a), Some(b)) => (a.share - b.share).abs() > SHARE_EPSILON,
            _ => true,
        }
    }

    pub fn target_differs(&self) -> bool {
        self.side_differs(|s| s.target)
    }

    pub fn floor_differs(&self) -> bool {
        self.side_differs(|s| s.floor)
    }

    pub fn other_differs(&self) -> bool {
        match (&self.a, &self.b) {
            (Some(a), Some(b)) => a.other != b.other,
            _ => true,
        }
    }

    fn side_differs(&self, read: impl Fn(&Side) -> Option<f64>) -> bool {
        match (&self.a, &self.b) {
            (Some(a), Some(b)) => read(a) != read(b),
            _ => true,
        }
    }

    pub fn differs(&self) -> bool {
        self.weight_differs()
            || self.target_differs()
            || self.floor_differs()
            || self.other_differs()
    }
}

/// Every dimension and metric of `a` and `b`: `a`'s order first, then what only `b` has.
pub fn compare(a: &Scorecard, b: &Scorecard) -> Vec<CompareRow> {
    let mut dims: Vec<(&str, Option<&Label>)> = Vec::new();
    for dim in a.dimensions.iter().chain(&b.dimensions) {
        if !dims.iter().any(|(id, _)| *id == dim.id) {
            dims.push((&dim.id, dim.label.as_ref()));
        }
    }
    let mut rows = Vec::new();
    for (dim_id, label) in dims {
        let dim_side = |card: &Scorecard| {
            let total: f64 = card.dimensions.iter().map(|d| d.weight).sum();
            card.dimensions
                .iter()
                .find(|d| d.id == dim_id)
                .map(|d| Side {
                    weight: d.weight,
                    share: if total > 0.0 { d.weight / total } else { 0.0 },
                    target: None,
                    floor: None,
                    other: None,
                })
        };
        rows.push(CompareRow {
            dimension: dim_id.to_string(),
            metric: None,
            label: label.cloned(),
            a: dim_side(a),
            b: dim_side(b),
        });
        let metrics_of = |card: &'_ Scorecard| {
            card.dimensions
                .iter()
                .find(|d| d.id == dim_id)
                .map(|d| {
                    d.metrics
                        .iter()
                        .map(|m| m.metric_id.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        };
        let mut metric_ids = metrics_of(a);
        for id in metrics_of(b) {
            if !metric_ids.contains(&id) {
                metric_ids.push(id);
            }
        }
        for metric_id in metric_ids {
            let metric_side = |card: &Scorecard| {
                let dim = card.dimensions.iter().find(|d| d.id == dim_id)?;
                let total: f64 = dim.metrics.iter().map(|m| m.weight).sum();
                let m = dim.metrics.iter().find(|m| m.metric_id == metric_id)?;
                Some(Side {
                    weight: m.weight,
                    share: if total > 0.0 { m.weight / total } else { 0.0 },
                    target: Some(m.target),
                    floor: Some(m.floor),
                    // Compared as data: these settings change scores less visibly.
                    other: Some(format!("{:?}/{:?}/{}", m.direction, m.curve, m.min_sample)),
                })
            };
            let label = [a, b].iter().find_map(|card| {
                card.find_metric(&metric_id)
                    .and_then(|(_, m)| metric_label(card, m))
            });
            rows.push(CompareRow {
                dimension: dim_id.to_string(),
                metric: Some(metric_id.clone()),
                label,
                a: metric_side(a),
                b: metric_side(b),
            });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use carescore_engine::scorecard::defaults::default_scorecard;
    use carescore_engine::scorecard::Curve;

    #[test]
    fn the_same_card_has_no_differences_and_lists_every_item() {
        let card = default_scorecard();
        let rows = compare(&card, &card);
        let metrics: usize = card.dimensions.iter().map(|d| d.metrics.len()).sum();
        assert_eq!(rows.len(), card.dimensions.len() + metrics);
        assert!(rows.iter().all(|r| !r.differs()), "{rows:?}");
        assert_eq!(rows[0].metric, None);
        assert_eq!(rows[1].metric.as_deref(), Some("fcr_rate"));
    }

    #[test]
    fn changed_weights_targets_curves_and_missing_items_are_marked() {
        let a = default_scorecard();
        let mut b = a.clone();
        b.dimensions[0].metrics[0].target = 0.85;
        b.dimensions[1].weight = 35.0;
        b.dimensions[2].metrics.pop();
        b.dimensions[3].metrics[0].curve = Curve::Banded {
            bands: crate::draft::default_bands(3.0, 4.5),
        };
        let rows = compare(&a, &b);
        let find = |metric: Option<&str>, dim: &str| {
            rows.iter()
                .find(|r| r.metric.as_deref() == metric && r.dimension == dim)
                .unwrap()
        };
        let fcr = find(Some("fcr_rate"), "service_quality");
        assert!(fcr.target_differs() && !fcr.floor_differs() && !fcr.weight_differs());
        // Raising one dimension's weight changes every dimension's share.
        assert!(find(None, "efficiency").weight_differs());
        assert!(find(None, "service_quality").weight_differs());
        let gone = find(Some("peer_review_score"), "teamwork");
        assert!(gone.a.is_some() && gone.b.is_none() && gone.differs());
        // The remaining teamwork metric now carries the whole dimension.
        assert!(find(Some("reassign_rate"), "teamwork").weight_differs());
        let csat = find(Some("csat_mean"), "customer_satisfaction");
        assert!(csat.other_differs() && !csat.target_differs());
        assert!(!find(Some("contacts"), "efficiency").differs());
    }

    #[test]
    fn scaled_weights_with_the_same_shares_are_not_a_difference() {
        let a = default_scorecard();
        let mut b = a.clone();
        for dim in &mut b.dimensions {
            dim.weight /= 100.0;
        }
        assert!(compare(&a, &b).iter().all(|r| !r.weight_differs()));
    }
}
