//! Survey measures: CSAT mean and 4-5 share, NPS and effort mean per group and period.
//! A response is bucketed by the date it was submitted; responses to a form that is not
//! a customer survey (scheme feedback) are left out. Each metric reads the first item
//! of its kind on the response's form (a form asks CSAT once); an answer outside the
//! item's range, or a fraction, does not count (validation reports it).

use std::collections::BTreeMap;

use crate::measure::MeasureTable;

use super::super::appeals::Exclusions;
use super::super::form::{FormKind, FormTemplate, ItemInput};
use super::super::response::SurveyResponse;
use super::{forms_by_id, measure, table_from_buckets, Grouping, Tally, SURVEY_IDS};

#[derive(Default)]
struct SurveyBucket {
    csat: Tally,
    csat_top2: u32,
    nps: Tally,
    promoters: u32,
    detractors: u32,
    ces: Tally,
    excluded: u32,
}

/// The first valid whole-number answer to the first item of this kind on the form.
fn answer_of(
    form: &FormTemplate,
    response: &SurveyResponse,
    is_kind: fn(&ItemInput) -> bool,
) -> Option<f64> {
    let item = form.items().find(|item| is_kind(&item.input))?;
    let (min, max) = item.input.range()?;
    let value = response.answers.get(&item.id)?.number()?;
    (value >= min && value <= max && value.fract() == 0.0).then_some(value)
}

/// The survey table: columns [`SURVEY_IDS`]. NPS = 100 x (promoters (9-10) - detractors
/// (0-6)) / answers; the CSAT 4-5 share is a ratio 0-1 like `csat_top2_rate`.
pub fn survey_table(
    grouping: &Grouping<'_>,
    forms: &[FormTemplate],
    responses: &[SurveyResponse],
    exclusions: &Exclusions,
) -> MeasureTable {
    let forms = forms_by_id(forms);
    let mut buckets: BTreeMap<(String, String), SurveyBucket> = BTreeMap::new();
    for response in responses {
        let form = forms.get(response.form_id.as_str());
        // Scheme feedback is answered on the same response type but is no customer survey.
        if form.is_some_and(|form| form.kind != FormKind::Survey) {
            continue;
        }
        let key = (
            grouping.group_of(&response.agent),
            grouping.period.label_of(response.submitted_at.date()),
        );
        let bucket = buckets.entry(key).or_default();
        if exclusions.excludes_survey(response) {
            bucket.excluded += 1;
            continue;
        }
        let read = |is_kind| form.and_then(|form| answer_of(form, response, is_kind));
        match read(|input| matches!(input, ItemInput::Csat)) {
            Some(csat) => {
                bucket.csat.add(csat);
                bucket.csat_top2 += u32::from(csat >= 4.0);
            }
            None => bucket.csat.missing += 1,
        }
        match read(|input| matches!(input, ItemInput::Nps)) {
            Some(nps) => {
                bucket.nps.add(nps);
                bucket.promoters += u32::from(nps >= 9.0);
                bucket.detractors += u32::from(nps <= 6.0);
            }
            None => bucket.nps.missing += 1,
        }
        match read(|input| matches!(input, ItemInput::Effort)) {
            Some(ces) => bucket.ces.add(ces),
            None => bucket.ces.missing += 1,
        }
    }
    let metric_ids = SURVEY_IDS.iter().map(|id| id.to_string()).collect();
    table_from_buckets(grouping, metric_ids, &buckets, |b| {
        let csat_n = b.csat.count;
        let nps_n = b.nps.count;
        let top2 = f64::from(b.csat_top2);
        let net = f64::from(b.promoters) - f64::from(b.detractors);
        vec![
            measure(
                b.csat.mean(),
                csat_n,
                Some(b.csat.sum),
                b.csat.missing,
                b.excluded,
            ),
            measure(
                Some(top2 / f64::from(csat_n.max(1))),
                csat_n,
                Some(top2),
                b.csat.missing,
                b.excluded,
            ),
            measure(
                Some(100.0 * net / f64::from(nps_n.max(1))),
                nps_n,
                None,
                b.nps.missing,
                b.excluded,
            ),
            measure(
                b.ces.mean(),
                b.ces.count,
                Some(b.ces.sum),
                b.ces.missing,
                b.excluded,
            ),
        ]
    })
}
