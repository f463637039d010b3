//! A file name for a review file that says what it holds, e.g.
//! `carescore-team-华东一组-2026-09-2026-11-23.json`. Names are kept in their own script
//! (a Chinese team name stays Chinese); only what some system refuses or mangles is
//! replaced: characters illegal on Windows, macOS or Linux (`<>:"/\|?*`, control
//! characters), whitespace, and invisible direction or zero-width marks (which can make a
//! name display as something it is not). Names stay within 120 characters.

use chrono::NaiveDate;

use super::Scope;

/// Longest file name proposed, in characters.
pub const MAX_FILE_NAME_CHARS: usize = 120;

/// The proposed file name for a file of `scope` exported on `today`.
pub fn file_name(scope: &Scope, today: NaiveDate) -> String {
    let (kind, name, period) = match scope {
        Scope::Workspace => ("workspace", None, None),
        Scope::Team { team, period } => ("team", Some(team.as_str()), period.as_deref()),
        Scope::Agent { agent, period } => ("agent", Some(agent.as_str()), period.as_deref()),
        Scope::Period { period } => ("period", None, Some(period.as_str())),
    };
    let head = format!("carescore-{kind}");
    let mut tail = String::new();
    if let Some(period) = period {
        tail.push('-');
        tail.push_str(&clean(period, usize::MAX));
    }
    tail.push_str(&format!("-{today}.json"));
    let Some(name) = name else {
        return format!("{head}{tail}");
    };
    let room = MAX_FILE_NAME_CHARS
        .saturating_sub(head.chars().count() + 1 + tail.chars().count())
        .max(1);
    let name = clean(name, room);
    let name = if name.is_empty() { "unnamed" } else { &name };
    format!("{head}-{name}{tail}")
}

/// `text` with unsafe characters as `-` (runs collapsed, none at the ends), at most `max`
/// characters.
fn clean(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = if is_unsafe(c) { '-' } else { c };
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(c);
    }
    let mut out: String = out.chars().take(max).collect();
    while out.ends_with(['-', '.']) {
        out.pop();
    }
    out
}

fn is_unsafe(c: char) -> bool {
    matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*')
        || c.is_control()
        || c.is_whitespace()
        // Zero-width and bidirectional marks, byte-order mark.
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn names_say_what_the_file_holds() {
        assert_eq!(
            file_name(&Scope::Workspace, today()),
            "carescore-workspace-2026-11-23.json"
        );
        let team = Scope::Team {
            team: "华东一组".into(),
            period: Some("2026-09".into()),
        };
        assert_eq!(
            file_name(&team, today()),
            "carescore-team-华东一组-2026-09-2026-11-23.json"
        );
        let agent = Scope::Agent {
            agent: "张伟".into(),
            period: None,
        };
        assert_eq!(
            file_name(&agent, today()),
            "carescore-agent-张伟-2026-11-23.json"
        );
        let period = Scope::Period {
            period: "2026-Q3".into(),
        };
        assert_eq!(
            file_name(&period, today()),
            "carescore-period-2026-Q3-2026-11-23.json"
        );
    }

    #[test]
    fn unsafe_characters_become_dashes() {
        let agent = |name: &str| Scope::Agent {
            agent: name.into(),
            period: None,
        };
        assert_eq!(
            file_name(&agent("Ann  O'Neil / <script>"), today()),
            "carescore-agent-Ann-O'Neil-script-2026-11-23.json"
        );
        assert_eq!(
            file_name(&agent("evil\u{202E}nosj.exe"), today()),
            "carescore-agent-evil-nosj.exe-2026-11-23.json"
        );
        assert_eq!(
            file_name(&agent(" ?* "), today()),
            "carescore-agent-unnamed-2026-11-23.json"
        );
        assert_eq!(
            file_name(&agent("Zoë\tMüller"), today()),
            "carescore-agent-Zoë-Müller-2026-11-23.json"
        );
    }

    #[test]
    fn long_names_are_cut_by_characters() {
        let team = Scope::Team {
            team: "客服".repeat(200),
            period: Some("2026-W40".into()),
        };
        let name = file_name(&team, today());
        assert_eq!(name.chars().count(), MAX_FILE_NAME_CHARS);
        assert!(name.ends_with("客服-2026-W40-2026-11-23.json"), "{name}");
    }
}
