//! When contacts arrive: how many on each day (weekday rhythm, a slow upward trend, the
//! after-sales wave a week after a shopping festival) and at what time of day.

use super::random::{cumulative, DemoRng};

/// Arrivals by hour of day, relative: a morning peak, an early-afternoon peak and the
/// evening e-commerce peak after work; quiet nights.
const HOURLY_LOAD: [f64; 24] = [
    0.15, 0.08, 0.05, 0.04, 0.04, 0.06, 0.15, 0.35, 0.70, 1.00, 1.25, 1.20, 0.85, 0.95, 1.15, 1.20,
    1.10, 0.95, 0.80, 0.90, 1.10, 1.05, 0.70, 0.35,
];

/// Monday first: customers write most after the weekend; weekends are lighter.
const WEEKDAY_LOAD: [f64; 7] = [1.15, 1.05, 1.0, 1.0, 0.95, 0.7, 0.6];

/// The busiest hour's load, against which "how busy is it now" is measured.
const PEAK_HOURLY_LOAD: f64 = 1.25;

pub(crate) struct ArrivalClock {
    hourly: Vec<f64>,
}

impl ArrivalClock {
    pub(crate) fn new() -> ArrivalClock {
        ArrivalClock {
            hourly: cumulative(&HOURLY_LOAD),
        }
    }

    /// Seconds after midnight of `count` arrivals on one day, in time order.
    pub(crate) fn arrivals(&self, count: usize, rng: &mut DemoRng) -> Vec<u32> {
        let mut seconds: Vec<u32> = (0..count)
            .map(|_| rng.pick(&self.hourly) as u32 * 3600 + rng.below(3600))
            .collect();
        seconds.sort_unstable();
        seconds
    }
}

/// How busy the hour containing `second_of_day` is, from about 0.03 at night to 1 at peak.
pub(crate) fn busyness(second_of_day: u32) -> f64 {
    HOURLY_LOAD[(second_of_day / 3600).min(23) as usize] / PEAK_HOURLY_LOAD
}

/// Splits exactly `total` contacts over `weekdays.len()` days (weekday 0 = Monday of each day
/// in order) by largest remainder, so the row count is exact whatever the weights.
pub(crate) fn daily_counts(total: usize, weekdays: &[u32], rng: &mut DemoRng) -> Vec<usize> {
    let days = weekdays.len();
    if days == 0 {
        return Vec::new();
    }
    let festival_wave = days * 45 / 100;
    let weights: Vec<f64> = weekdays
        .iter()
        .enumerate()
        .map(|(day, &weekday)| {
            let trend = 1.0 + 0.12 * day as f64 / days as f64;
            let wave = if (festival_wave..festival_wave + 6).contains(&day) {
                1.4
            } else {
                1.0
            };
            let noise = rng.uniform(0.92, 1.08);
            WEEKDAY_LOAD[weekday as usize % 7] * trend * wave * noise
        })
        .collect();
    let sum: f64 = weights.iter().sum();
    let exact: Vec<f64> = weights
        .iter()
        .map(|weight| total as f64 * weight / sum)
        .collect();
    let mut counts: Vec<usize> = exact.iter().map(|share| share.floor() as usize).collect();
    let mut remainders: Vec<(usize, f64)> = exact
        .iter()
        .enumerate()
        .map(|(day, share)| (day, share - share.floor()))
        .collect();
    // Largest remainder first; ties by day so the order is total and stable.
    remainders.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let missing = total - counts.iter().sum::<usize>();
    for (day, _) in remainders.into_iter().cycle().take(missing) {
        counts[day] += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::super::random::Stream;
    use super::*;

    #[test]
    fn daily_counts_add_up_exactly_and_weekends_are_lighter() {
        let mut rng = DemoRng::new(3, Stream::Calendar);
        let weekdays: Vec<u32> = (0..91).map(|day| day % 7).collect();
        let counts = daily_counts(20_000, &weekdays, &mut rng);
        assert_eq!(counts.iter().sum::<usize>(), 20_000);
        let average = |weekday: u32| {
            let days: Vec<usize> = (0..91).filter(|day| day % 7 == weekday as usize).collect();
            days.iter().map(|&day| counts[day]).sum::<usize>() as f64 / days.len() as f64
        };
        assert!(average(6) < 0.8 * average(0));
        assert_eq!(
            daily_counts(5, &weekdays, &mut rng).iter().sum::<usize>(),
            5
        );
    }

    #[test]
    fn arrivals_are_sorted_and_peak_in_the_daytime() {
        let mut rng = DemoRng::new(3, Stream::Calendar);
        let seconds = ArrivalClock::new().arrivals(10_000, &mut rng);
        assert!(seconds.windows(2).all(|pair| pair[0] <= pair[1]));
        assert!(seconds.iter().all(|&second| second < 86_400));
        let at = |hour: u32| seconds.iter().filter(|&&s| s / 3600 == hour).count();
        assert!(at(10) > 5 * at(3));
    }
}
