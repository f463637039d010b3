//! The team page's charts: how the team's agents' totals spread (histogram, with the grade
//! bands written under it), and the team's dimension scores against the other teams and
//! the centre (grouped bars). Both come with the chart components' data table.

use carescore_engine::scorecard::{GradeScheme, Label};
use leptos::prelude::*;

use crate::charts::{Axis, GroupedBarChart, HistogramChart, Series};
use crate::components::{dimension_name, grade_name};
use crate::i18n::I18n;
use crate::state::{Measured, Scores};
use carescore_workspace::display;
use carescore_workspace::scores::{ranked, row_index, rows_in_period, ScoredTable};

/// More teams than this beside the team make bars too thin to read; the best-ranked
/// others are shown (the centre's bar still stands for everyone).
pub const MAX_OTHER_TEAMS: usize = 5;

/// Whose dimension scores a series holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SeriesOf {
    Team(String),
    Centre,
}

/// The grouped bars' data: one group per dimension of the team's card, one series for the
/// team, then the other teams best first, then the centre. `None` is N/A.
#[derive(Clone, Debug, PartialEq)]
pub struct DimensionComparison {
    pub dimensions: Vec<(String, Option<Label>)>,
    pub series: Vec<(SeriesOf, Vec<Option<f64>>)>,
}

/// A row's score on each of `ids`, matched by dimension id (another card may order or
/// lack them).
fn scores_by_id(scored: &ScoredTable, row: usize, ids: &[String]) -> Vec<Option<f64>> {
    let card = scored.card_of(row);
    let cells = scored.dimensions(row);
    ids.iter()
        .map(|id| {
            card.dimensions
                .iter()
                .position(|d| &d.id == id)
                .and_then(|i| cells.get(i))
                .and_then(|cell| cell.score)
        })
        .collect()
}

/// The team's dimensions against the other teams of the period and the centre; `None`
/// when the team has no row in the period.
pub fn dimension_comparison(
    ws: &Measured,
    scores: &Scores,
    team: &str,
    period: &str,
) -> Option<DimensionComparison> {
    let own = row_index(&ws.teams, team, period)?;
    let dimensions: Vec<(String, Option<Label>)> = scores
        .teams
        .card_of(own)
        .dimensions
        .iter()
        .map(|d| (d.id.clone(), d.label.clone()))
        .collect();
    let ids: Vec<String> = dimensions.iter().map(|(id, _)| id.clone()).collect();
    let mut series = vec![(
        SeriesOf::Team(team.to_string()),
        scores_by_id(&scores.teams, own, &ids),
    )];
    let others = ranked(&ws.teams, &scores.teams, rows_in_period(&ws.teams, period));
    series.extend(
        others
            .into_iter()
            .filter(|&row| row != own)
            .take(MAX_OTHER_TEAMS)
            .map(|row| {
                (
                    SeriesOf::Team(ws.teams.rows[row].group.clone()),
                    scores_by_id(&scores.teams, row, &ids),
                )
            }),
    );
    if let Some(&centre) = rows_in_period(&ws.centre, period).first() {
        series.push((SeriesOf::Centre, scores_by_id(&scores.centre, centre, &ids)));
    }
    Some(DimensionComparison { dimensions, series })
}

/// The grade thresholds under the histogram ("Excellent from 90, …"); nothing for a forced
/// distribution, whose bands are shares, not scores.
fn grade_bands(i18n: I18n, grading: &GradeScheme) -> Option<String> {
    let GradeScheme::Thresholds {
        excellent,
        good,
        pass,
    } = grading
    else {
        return None;
    };
    use carescore_engine::scorecard::Grade;
    let bands: Vec<String> = [
        (Grade::Excellent, *excellent),
        (Grade::Good, *good),
        (Grade::Pass, *pass),
    ]
    .into_iter()
    .map(|(grade, min)| {
        i18n.tf(
            "team.grade_band",
            &[
                ("grade", &grade_name(i18n, grade)),
                ("min", &display::score(Some(min))),
            ],
        )
    })
    .collect();
    Some(i18n.tf("team.grade_bands", &[("bands", &bands.join(", "))]))
}

/// Both charts for a team's agent rows (`members`) in `period`.
pub fn team_charts(
    i18n: I18n,
    ws: &Measured,
    scores: &Scores,
    team: &str,
    members: &[usize],
    period: &str,
) -> impl IntoView {
    let totals: Vec<Option<f64>> = members
        .iter()
        .map(|&row| scores.agents.row(row).total)
        .collect();
    let bands = members
        .first()
        .and_then(|&row| grade_bands(i18n, &scores.agents.card_of(row).grading));
    let histogram = (!members.is_empty()).then(|| {
        view! {
            <div class="team-chart">
                <HistogramChart title=i18n.t("team.histogram_title") scores=totals/>
                {bands.map(|text| view! { <p class="muted small" data-testid="grade-bands">{text}</p> })}
            </div>
        }
    });
    let bars = dimension_comparison(ws, scores, team, period).map(|cmp| {
        let groups: Vec<String> = cmp
            .dimensions
            .iter()
            .map(|(id, label)| dimension_name(i18n, id, label.as_ref()))
            .collect();
        let series: Vec<Series> = cmp
            .series
            .into_iter()
            .map(|(of, values)| {
                let name = match of {
                    SeriesOf::Team(name) => name,
                    SeriesOf::Centre => i18n.t("team.centre_series"),
                };
                Series::new(name, values)
            })
            .collect();
        view! {
            <div class="team-chart">
                <GroupedBarChart
                    title=i18n.t("team.dimensions_title")
                    groups=groups
                    series=series
                    x_axis=Axis::new(i18n.t("charts.dimension"), None)
                    y_axis=Axis::new(i18n.t("charts.score"), Some(i18n.t("charts.unit_points")))
                    range=(0.0, 100.0)
                />
            </div>
        }
    });
    view! { <div class="chart-pair team-charts" data-testid="team-charts">{histogram}{bars}</div> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use carescore_engine::scorecard::defaults::default_history;

    #[test]
    fn the_team_comes_first_then_the_other_teams_then_the_centre() {
        let history = default_history();
        let ws = Measured::demo(&history).unwrap();
        let scores = Scores::compute(&ws, &history).unwrap();
        let latest = ws.latest_period().unwrap();
        let teams: Vec<String> = rows_in_period(&ws.teams, latest)
            .into_iter()
            .map(|r| ws.teams.rows[r].group.clone())
            .collect();
        let team = &teams[1];
        let cmp = dimension_comparison(&ws, &scores, team, latest).expect("the team has a row");
        assert_eq!(cmp.dimensions.len(), 4);
        assert_eq!(cmp.series.len(), teams.len() + 1);
        assert_eq!(cmp.series[0].0, SeriesOf::Team(team.clone()));
        assert_eq!(cmp.series.last().unwrap().0, SeriesOf::Centre);
        let others: Vec<&SeriesOf> = cmp.series[1..teams.len()]
            .iter()
            .map(|(of, _)| of)
            .collect();
        assert!(!others.contains(&&SeriesOf::Team(team.clone())));
        for (_, values) in &cmp.series {
            assert_eq!(values.len(), 4);
        }
        // The team's own values are its dimension cells, in card order.
        let own = row_index(&ws.teams, team, latest).unwrap();
        let cells: Vec<Option<f64>> = scores
            .teams
            .dimensions(own)
            .iter()
            .map(|c| c.score)
            .collect();
        assert_eq!(cmp.series[0].1, cells);
        assert_eq!(
            dimension_comparison(&ws, &scores, "No such team", latest),
            None
        );
    }
}
