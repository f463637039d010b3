//! Ranks, percentiles and forced-distribution grades within each period.

use super::compile::CompiledScheme;
use super::ScoreBoard;
use crate::scorecard::GradeScheme;

/// Most buckets of the counting sort over totals (0-100 maps onto them monotonically);
/// a period uses about one bucket per row, at least [`MIN_BUCKETS`].
const MAX_BUCKETS: usize = 4096;
const MIN_BUCKETS: usize = 64;
/// Buckets holding more rows than this are sorted with the general sort, not insertion.
const INSERTION_LIMIT: usize = 24;

/// Ranks the scored rows of every period (competition ranking: ties share the best rank,
/// the next rank skips: 1, 1, 3), sets percentiles, and grades by rank for versions that
/// use forced distribution. Rows without a total get no rank.
///
/// Totals lie in 0-100, so rows are ordered by a counting sort into fine buckets, each
/// then sorted on its own: linear time on every rescore of the what-if slider.
pub(crate) fn rank_periods(scheme: &CompiledScheme, board: &mut ScoreBoard) {
    let mut scratch = std::mem::take(&mut board.rank_scratch);
    let mut counts = std::mem::take(&mut board.rank_buckets);
    // Rank results by row, written in rank order into this small array, then copied into
    // the rows in row order: random writes into the large rows would miss the cache.
    let mut by_row = std::mem::take(&mut board.rank_by_row);
    by_row.clear();
    by_row.resize(board.rows.len(), RankCell::default());
    for period in &scheme.periods {
        let rows = &scheme.period_rows[period.start as usize..period.end as usize];
        sort_best_first(rows, &board.totals, &mut counts, &mut scratch);
        let ranked = scratch.len() as u32;
        let mut i = 0;
        while i < scratch.len() {
            let total = scratch[i].0;
            let mut j = i;
            while j < scratch.len() && scratch[j].0 == total {
                j += 1;
            }
            let rank = i as u32 + 1;
            let below = scratch.len() - j;
            let percentile = if ranked > 1 {
                100.0 * below as f64 / f64::from(ranked - 1)
            } else {
                100.0
            };
            for &(_, row) in &scratch[i..j] {
                by_row[row as usize] = RankCell {
                    rank,
                    ranked,
                    percentile,
                };
            }
            i = j;
        }
    }
    for (score, cell) in board.rows.iter_mut().zip(&by_row) {
        if cell.rank == 0 {
            continue;
        }
        score.rank = Some(cell.rank);
        score.ranked = cell.ranked;
        score.percentile = Some(cell.percentile);
        let grading = &scheme.cards[score.version as usize].grading;
        if matches!(grading, GradeScheme::ForcedDistribution { .. }) {
            score.grade = grading.by_rank(cell.rank, cell.ranked);
        }
    }
    board.rank_scratch = scratch;
    board.rank_buckets = counts;
    board.rank_by_row = by_row;
}

/// One row's rank (0: unranked), scored groups in its period, and percentile.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct RankCell {
    rank: u32,
    ranked: u32,
    percentile: f64,
}

/// The bucket of a total: best totals in bucket 0. Monotone, so rows in different buckets
/// are already in order; out-of-range totals (odd caps) clamp to the end buckets.
#[inline]
fn bucket(total: f64, buckets: usize) -> usize {
    let from_top = (100.0 - total).clamp(0.0, 100.0);
    ((from_top * ((buckets - 1) as f64 * 0.01)) as usize).min(buckets - 1)
}

/// Fills `out` with the scored rows of a period as (total, row), best first.
fn sort_best_first(rows: &[u32], totals: &[f64], counts: &mut Vec<u32>, out: &mut Vec<(f64, u32)>) {
    let buckets = rows.len().clamp(MIN_BUCKETS, MAX_BUCKETS);
    counts.clear();
    counts.resize(buckets + 1, 0);
    let mut scored = 0usize;
    for &row in rows {
        let total = totals[row as usize];
        if !total.is_nan() {
            counts[bucket(total, buckets) + 1] += 1;
            scored += 1;
        }
    }
    // counts[b] becomes the start of bucket b.
    for b in 1..counts.len() {
        counts[b] += counts[b - 1];
    }
    out.clear();
    out.resize(scored, (0.0, 0));
    for &row in rows {
        let total = totals[row as usize];
        if !total.is_nan() {
            let b = bucket(total, buckets);
            out[counts[b] as usize] = (total, row);
            counts[b] += 1;
        }
    }
    // Now counts[b] is the end of bucket b; sort inside each non-trivial bucket.
    let mut start = 0usize;
    for &end in counts[..buckets].iter() {
        let end = end as usize;
        let slice = &mut out[start..end];
        if slice.len() > INSERTION_LIMIT {
            slice.sort_unstable_by(|a, b| b.0.total_cmp(&a.0));
        } else if slice.len() > 1 {
            insertion_sort_desc(slice);
        }
        start = end;
    }
}

fn insertion_sort_desc(slice: &mut [(f64, u32)]) {
    for i in 1..slice.len() {
        let item = slice[i];
        let mut j = i;
        while j > 0 && slice[j - 1].0 < item.0 {
            slice[j] = slice[j - 1];
            j -= 1;
        }
        slice[j] = item;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_monotone_and_clamped() {
        let n = MAX_BUCKETS;
        assert_eq!(bucket(100.0, n), 0);
        assert_eq!(bucket(0.0, n), n - 1);
        assert_eq!(bucket(-5.0, n), n - 1);
        assert_eq!(bucket(150.0, n), 0);
        let mut previous = 0;
        for i in (0..=1000).rev() {
            let b = bucket(f64::from(i) / 10.0, n);
            assert!(b >= previous);
            previous = b;
        }
    }

    #[test]
    fn insertion_sort_orders_best_first() {
        let mut v = [(1.0, 0), (3.0, 1), (2.0, 2), (3.0, 3)];
        insertion_sort_desc(&mut v);
        let totals: Vec<f64> = v.iter().map(|p| p.0).collect();
        assert_eq!(totals, [3.0, 3.0, 2.0, 1.0]);
    }
}
