//! Grades (等级): by thresholds on the total, or by forced distribution over ranks.

use serde::{Deserialize, Serialize};

/// The four grade bands, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// 优秀
    Excellent,
    /// 良好
    Good,
    /// 合格
    Pass,
    /// 待改进
    NeedsImprovement,
}

impl Grade {
    pub const ALL: [Grade; 4] = [
        Grade::Excellent,
        Grade::Good,
        Grade::Pass,
        Grade::NeedsImprovement,
    ];

    /// Stable id, also the locale key suffix (`grade.excellent`).
    pub fn id(self) -> &'static str {
        match self {
            Grade::Excellent => "excellent",
            Grade::Good => "good",
            Grade::Pass => "pass",
            Grade::NeedsImprovement => "needs_improvement",
        }
    }

    pub fn english(self) -> &'static str {
        match self {
            Grade::Excellent => "excellent",
            Grade::Good => "good",
            Grade::Pass => "pass",
            Grade::NeedsImprovement => "needs improvement",
        }
    }
}

/// How totals become grades.
///
/// JSON: `{"kind": "thresholds", "excellent": 90, "good": 75, "pass": 60}` or
/// `{"kind": "forced_distribution", "excellent": 0.1, "good": 0.3, "pass": 0.5}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum GradeScheme {
    /// Minimum totals (inclusive) for each grade; below `pass` is needs-improvement.
    Thresholds {
        excellent: f64,
        good: f64,
        pass: f64,
    },
    /// Shares (0-1) of the ranked groups of a period given each grade, from the top; the
    /// rest need improvement. Tied groups share a rank and so a grade (the better one).
    ForcedDistribution {
        excellent: f64,
        good: f64,
        pass: f64,
    },
}

impl Default for GradeScheme {
    fn default() -> GradeScheme {
        GradeScheme::Thresholds {
            excellent: 90.0,
            good: 75.0,
            pass: 60.0,
        }
    }
}

impl GradeScheme {
    /// Grade by thresholds; None under forced distribution (it needs ranks).
    #[inline]
    pub fn by_threshold(&self, total: f64) -> Option<Grade> {
        match *self {
            GradeScheme::Thresholds {
                excellent,
                good,
                pass,
            } => Some(if total >= excellent {
                Grade::Excellent
            } else if total >= good {
                Grade::Good
            } else if total >= pass {
                Grade::Pass
            } else {
                Grade::NeedsImprovement
            }),
            GradeScheme::ForcedDistribution { .. } => None,
        }
    }

    /// Grade by position under forced distribution: `rank` (1 = best) among `ranked` groups.
    /// A group gets a grade when the groups strictly ahead of it fill less than the
    /// cumulative share of that grade, so ties at a boundary all get the better grade.
    #[inline]
    pub fn by_rank(&self, rank: u32, ranked: u32) -> Option<Grade> {
        match *self {
            GradeScheme::Thresholds { .. } => None,
            GradeScheme::ForcedDistribution {
                excellent,
                good,
                pass,
            } => {
                let ahead = f64::from(rank.saturating_sub(1));
                let n = f64::from(ranked.max(1));
                // A small epsilon so 10% of 10 groups is exactly 1 slot, not 0.999...
                let slots = |share: f64| (share * n + 1e-9).floor();
                Some(if ahead < slots(excellent) {
                    Grade::Excellent
                } else if ahead < slots(excellent + good) {
                    Grade::Good
                } else if ahead < slots(excellent + good + pass) {
                    Grade::Pass
                } else {
                    Grade::NeedsImprovement
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_are_inclusive_lower_bounds() {
        let g = GradeScheme::default();
        assert_eq!(g.by_threshold(90.0), Some(Grade::Excellent));
        assert_eq!(g.by_threshold(89.99), Some(Grade::Good));
        assert_eq!(g.by_threshold(75.0), Some(Grade::Good));
        assert_eq!(g.by_threshold(60.0), Some(Grade::Pass));
        assert_eq!(g.by_threshold(59.9), Some(Grade::NeedsImprovement));
        assert_eq!(g.by_rank(1, 10), None);
    }

    #[test]
    fn forced_distribution_fills_slots_from_the_top() {
        let g = GradeScheme::ForcedDistribution {
            excellent: 0.1,
            good: 0.2,
            pass: 0.5,
        };
        let grades: Vec<Grade> = (1..=10).map(|r| g.by_rank(r, 10).unwrap()).collect();
        assert_eq!(grades[0], Grade::Excellent);
        assert_eq!(&grades[1..3], &[Grade::Good, Grade::Good]);
        assert!(grades[3..8].iter().all(|&x| x == Grade::Pass));
        assert!(grades[8..].iter().all(|&x| x == Grade::NeedsImprovement));
        // Two groups tied for first both get the better grade.
        assert_eq!(g.by_rank(1, 10), Some(Grade::Excellent));
        assert_eq!(g.by_threshold(95.0), None);
    }
}
