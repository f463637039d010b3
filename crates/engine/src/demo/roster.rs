//! Who works in the demo service centre: teams, agents with realistic Chinese names, and each
//! agent's hidden profile (skill, pace, drift) that drives the records they produce.

use std::collections::HashSet;

use super::random::{DemoRng, Stream};
use super::DemoConfig;

/// Names used first, in this order, so the default workspace reads naturally.
const FAMILIAR_NAMES: [&str; 40] = [
    "王芳",
    "李娜",
    "张伟",
    "刘洋",
    "陈静",
    "杨帆",
    "赵敏",
    "黄磊",
    "周婷",
    "吴昊",
    "徐静怡",
    "孙悦",
    "马超",
    "朱琳",
    "胡斌",
    "郭晶",
    "何欣",
    "林涛",
    "罗丹",
    "高翔",
    "梁雪",
    "宋佳",
    "郑凯",
    "谢颖",
    "韩梅",
    "唐宁",
    "冯雷",
    "董洁",
    "程浩",
    "曹雨",
    "袁媛",
    "邓超",
    "许晴",
    "傅磊",
    "沈慧",
    "曾鹏",
    "彭丽",
    "吕强",
    "苏敏",
    "蒋欣然",
];

/// Common surnames and given-name characters, combined when more agents than familiar names
/// are asked for (a 2,000-agent benchmark, say).
const SURNAMES: [&str; 40] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "罗", "高", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "董", "程", "曹", "袁", "邓",
    "许", "傅", "沈", "曾", "彭", "吕", "苏", "蒋",
];
const GIVEN_CHARS: [&str; 48] = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "华", "玲", "丹", "萍", "鹏", "辉", "宇", "婷", "浩", "晨",
    "欣", "怡", "佳", "雪", "琳", "颖", "凯", "昊", "悦", "晶", "宁", "雨", "慧", "然", "博", "倩",
];

const CHINESE_DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// What kind of performer an agent is; the story the demo data tells about them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgentRole {
    /// Average, with small random variation.
    Steady,
    /// Clearly good: high first-contact resolution and CSAT, few complaints.
    Strong,
    /// Clearly struggling: slow, more transfers, lower CSAT.
    Weak,
    /// Games speed: the shortest handling times and most volume, but low resolution, more
    /// reopens and complaints (what scoring one metric alone invites).
    FastButSloppy,
    /// Starts below average and gets better month by month.
    Improving,
    /// Starts well and gets worse month by month.
    Declining,
}

/// One agent's hidden profile. `skill` is a z-score-like latent quality at the start of the
/// period; the effective skill in month `m` (fractional) is `skill + drift_per_month * m`.
#[derive(Clone, Debug, PartialEq)]
pub struct AgentProfile {
    pub name: String,
    pub team: String,
    pub role: AgentRole,
    pub skill: f64,
    pub drift_per_month: f64,
    /// Multiplier on handling time (below 1 is faster).
    pub pace: f64,
    /// Relative share of the contacts routed to this agent on a working day.
    pub workload: f64,
    /// Weekday (0 = Monday) that starts this agent's two consecutive rest days, if any.
    pub rest_from: Option<u32>,
}

impl AgentProfile {
    pub fn skill_at(&self, months_elapsed: f64) -> f64 {
        self.skill + self.drift_per_month * months_elapsed
    }

    pub fn works_on(&self, weekday: u32) -> bool {
        match self.rest_from {
            Some(first) => weekday != first && weekday != (first + 1) % 7,
            None => true,
        }
    }
}

/// `售后一组`, `售后二组`, ... `售后十二组`; Arabic digits past 99 teams.
pub fn team_name(index: usize) -> String {
    let number = index + 1;
    let numeral = match number {
        1..=9 => CHINESE_DIGITS[number].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", CHINESE_DIGITS[number % 10]),
        20..=99 if number.is_multiple_of(10) => format!("{}十", CHINESE_DIGITS[number / 10]),
        20..=99 => format!(
            "{}十{}",
            CHINESE_DIGITS[number / 10],
            CHINESE_DIGITS[number % 10]
        ),
        _ => number.to_string(),
    };
    format!("售后{numeral}组")
}

/// `count` unique agent names: the familiar list first, then surname + two given-name
/// characters, walked with a stride coprime to the number of combinations so neighbours do
/// not share a surname. The names do not depend on the seed.
pub fn agent_names(count: usize) -> Vec<String> {
    let mut names: Vec<String> = FAMILIAR_NAMES
        .iter()
        .take(count)
        .map(|name| name.to_string())
        .collect();
    let mut taken: HashSet<String> = names.iter().cloned().collect();
    let combinations = SURNAMES.len() * GIVEN_CHARS.len() * GIVEN_CHARS.len();
    let stride = 7_919; // prime, not a factor of 40 * 48 * 48
    let mut step = 0usize;
    while names.len() < count && step < combinations {
        let combination = (step * stride) % combinations;
        step += 1;
        let surname = SURNAMES[combination % SURNAMES.len()];
        let given = combination / SURNAMES.len();
        let first = GIVEN_CHARS[given % GIVEN_CHARS.len()];
        let second = GIVEN_CHARS[given / GIVEN_CHARS.len()];
        if first == second {
            continue;
        }
        let name = format!("{surname}{first}{second}");
        if taken.insert(name.clone()) {
            names.push(name);
        }
    }
    // Beyond 90,000 agents: numbered, still unique.
    let mut serial = names.len();
    while names.len() < count {
        serial += 1;
        names.push(format!("客服{serial}"));
    }
    names
}

/// Every agent with their team and hidden profile, in roster order (team by team).
pub fn profiles(config: &DemoConfig) -> Vec<AgentProfile> {
    let agents = config.agents;
    let teams = config.teams.clamp(1, agents.max(1));
    let names = agent_names(agents);
    let mut rng = DemoRng::new(config.seed, Stream::Roster);
    let roles = shuffled_roles(agents, &mut rng);
    names
        .into_iter()
        .zip(roles)
        .enumerate()
        .map(|(index, (name, role))| {
            let team = team_name(index * teams / agents);
            let noise = rng.normal();
            let (skill, drift_per_month) = match role {
                AgentRole::Steady => (0.35 * noise, 0.08 * rng.normal()),
                AgentRole::Strong => (1.1 + 0.25 * noise, 0.05 * rng.normal()),
                AgentRole::Weak => (-1.1 + 0.25 * noise, 0.05 * rng.normal()),
                AgentRole::FastButSloppy => (-0.3 + 0.1 * noise, 0.0),
                AgentRole::Improving => (-0.7 + 0.2 * noise, 0.5 + 0.08 * rng.normal()),
                AgentRole::Declining => (0.6 + 0.2 * noise, -0.55 + 0.05 * rng.normal()),
            };
            let pace = match role {
                AgentRole::FastButSloppy => 0.55,
                _ => libm::exp(-0.12 * skill + 0.1 * rng.normal()),
            };
            // The router offers more contacts to whoever finishes sooner: speed buys volume.
            let workload = rng.uniform(0.85, 1.15) / pace;
            // Rest days rotate so every weekday keeps most of the team on duty.
            let rest_from = (agents >= 7).then_some((index % 7) as u32);
            AgentProfile {
                name,
                team,
                role,
                skill,
                drift_per_month,
                pace,
                workload,
                rest_from,
            }
        })
        .collect()
}

/// About one agent in 24 games speed and one declines; one in 8 each is strong, weak or
/// improving; the rest are steady. Small rosters still get the gaming agent first.
fn shuffled_roles(agents: usize, rng: &mut DemoRng) -> Vec<AgentRole> {
    let rare = (agents / 24).max(1);
    let common = (agents / 8).max(1);
    let mut roles: Vec<AgentRole> = [
        (AgentRole::FastButSloppy, rare),
        (AgentRole::Strong, common),
        (AgentRole::Weak, common),
        (AgentRole::Declining, rare),
        (AgentRole::Improving, common),
    ]
    .into_iter()
    .flat_map(|(role, count)| std::iter::repeat_n(role, count))
    .take(agents)
    .collect();
    roles.resize(agents, AgentRole::Steady);
    rng.shuffle(&mut roles);
    roles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn team_names_read_as_chinese_numerals() {
        assert_eq!(team_name(0), "售后一组");
        assert_eq!(team_name(9), "售后十组");
        assert_eq!(team_name(11), "售后十二组");
        assert_eq!(team_name(20), "售后二十一组");
        assert_eq!(team_name(29), "售后三十组");
        assert_eq!(team_name(120), "售后121组");
    }

    #[test]
    fn names_are_unique_at_scale_and_start_familiar() {
        let names = agent_names(5_000);
        assert_eq!(names.len(), 5_000);
        assert_eq!(names[0], "王芳");
        assert_eq!(names[1], "李娜");
        let unique: HashSet<&String> = names.iter().collect();
        assert_eq!(unique.len(), 5_000);
        assert!(names
            .iter()
            .all(|name| !name.contains(',') && !name.contains('"')));
    }

    #[test]
    fn default_roster_has_the_story_roles_and_balanced_teams() {
        let roster = profiles(&DemoConfig::default());
        assert_eq!(roster.len(), 24);
        let count = |role| roster.iter().filter(|agent| agent.role == role).count();
        assert_eq!(count(AgentRole::FastButSloppy), 1);
        assert_eq!(count(AgentRole::Declining), 1);
        assert_eq!(count(AgentRole::Strong), 3);
        assert_eq!(count(AgentRole::Weak), 3);
        assert_eq!(count(AgentRole::Improving), 3);
        for team in ["售后一组", "售后二组", "售后三组"] {
            assert_eq!(roster.iter().filter(|agent| agent.team == team).count(), 8);
        }
        for weekday in 0..7 {
            assert!(
                roster
                    .iter()
                    .filter(|agent| agent.works_on(weekday))
                    .count()
                    >= 16
            );
        }
    }
}
