//! Hash routing: the page is chosen by `location.hash` (`#/team/<name>`), so the app works
//! from any static host, any sub-path and inside iframes, with no server rewrite rules.
//! leptos_router 0.8 routes by path only, hence this small hand-written piece.
//!
//! Names (team, agent) are percent-encoded in the hash, so Chinese names and names with `/`
//! or `#` survive a round trip through the address bar, bookmarks and back/forward.

use leptos::prelude::*;

/// Every page the app can show. Parsed from and written to `location.hash`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Dashboard,
    Team(String),
    Agent(String),
    /// The one-to-one print view of an agent, in the app's selected period.
    Print(String),
    Scorecard,
    /// The scheme's periodic review (定期审查): its cycle, log and agents' feedback,
    /// `#/scorecard/review`.
    SchemeReview,
    Awards,
    Forms,
    /// QA calibration: reviewers' agreement on the same conversations, `#/forms/calibration`.
    Calibration,
    Plans,
    /// The weekly review (复盘) of improvement actions: `#/plans/review`.
    WeeklyReview,
    Data,
    Settings,
    /// A hash that names no page (a stale bookmark, a typo). Shown as "page not found".
    NotFound,
}

impl Route {
    /// Parses a `location.hash` value. Accepts it with or without the leading `#` and `/`,
    /// and with a trailing `/`. An empty hash is the dashboard.
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let path = path.strip_suffix('/').unwrap_or(path);
        let mut segments = path.split('/');
        let first = segments.next().unwrap_or("");
        let second = segments.next();
        if segments.next().is_some() {
            return Route::NotFound;
        }
        match (first, second) {
            ("", None) => Route::Dashboard,
            ("scorecard", None) => Route::Scorecard,
            ("scorecard", Some("review")) => Route::SchemeReview,
            ("awards", None) => Route::Awards,
            ("forms", None) => Route::Forms,
            ("forms", Some("calibration")) => Route::Calibration,
            ("plans", None) => Route::Plans,
            ("plans", Some("review")) => Route::WeeklyReview,
            ("data", None) => Route::Data,
            ("settings", None) => Route::Settings,
            ("team", Some(name)) => named(name).map_or(Route::NotFound, Route::Team),
            ("agent", Some(name)) => named(name).map_or(Route::NotFound, Route::Agent),
            ("print", Some(name)) => named(name).map_or(Route::NotFound, Route::Print),
            _ => Route::NotFound,
        }
    }

    /// The hash for this route, starting with `#/`. Usable directly as an `href`.
    pub fn to_hash(&self) -> String {
        match self {
            Route::Dashboard | Route::NotFound => "#/".to_string(),
            Route::Team(name) => format!("#/team/{}", percent_encode(name)),
            Route::Agent(name) => format!("#/agent/{}", percent_encode(name)),
            Route::Print(name) => format!("#/print/{}", percent_encode(name)),
            Route::Scorecard => "#/scorecard".to_string(),
            Route::SchemeReview => "#/scorecard/review".to_string(),
            Route::Awards => "#/awards".to_string(),
            Route::Forms => "#/forms".to_string(),
            Route::Calibration => "#/forms/calibration".to_string(),
            Route::Plans => "#/plans".to_string(),
            Route::WeeklyReview => "#/plans/review".to_string(),
            Route::Data => "#/data".to_string(),
            Route::Settings => "#/settings".to_string(),
        }
    }
}

/// Decodes a name segment; an empty or undecodable name is no route.
fn named(segment: &str) -> Option<String> {
    percent_decode(segment).filter(|name| !name.is_empty())
}

/// Percent-encodes every byte outside RFC 3986's unreserved set, so the result is plain
/// ASCII and contains no `/`, `#`, `?` or `%` of its own.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes `%XX` sequences. Characters that are not escaped pass through, because a browser
/// may hand back the hash exactly as typed (`#/team/张三`). `None` for a malformed escape or
/// bytes that are not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The current route, shared through context. Copy, so pages can keep it in closures.
#[derive(Clone, Copy)]
pub struct Router {
    route: RwSignal<Route>,
}

impl Router {
    /// Reads the current hash, follows `hashchange` (links, back/forward, typed URLs) and
    /// provides the router to the component tree. Call once, in the App.
    pub fn provide() -> Router {
        let router = Router {
            route: RwSignal::new(Route::from_hash(&current_hash())),
        };
        let route = router.route;
        let listener = window_event_listener(leptos::ev::hashchange, move |_| {
            route.set(Route::from_hash(&current_hash()));
        });
        on_cleanup(move || listener.remove());
        provide_context(router);
        router
    }

    /// After every route change (not the first load), moves focus to the new view's heading
    /// (`main h1`, which pages give `tabindex="-1"`), so keyboard and screen-reader users
    /// start in the new view instead of on the link they left. Call once, in the App.
    pub fn focus_heading_on_change(self) {
        Effect::new(move |previous: Option<Route>| {
            let route = self.route.get();
            if previous.is_some_and(|previous| previous != route) {
                // The new page is drawn in this same update; focus once it is in the document.
                request_animation_frame(focus_main_heading);
            }
            route
        });
    }

    /// The route being shown (reactive).
    pub fn route(&self) -> Route {
        self.route.get()
    }

    /// Goes to `route` by setting the hash, which adds a history entry; the `hashchange`
    /// listener then updates the route. Plain `<a href={route.to_hash()}>` links do the same.
    pub fn navigate(&self, route: &Route) {
        let hash = route.to_hash();
        if window().location().set_hash(&hash).is_err() {
            // Setting the hash cannot fail in a document with a location, but if it ever
            // does the page still changes; only the address bar is stale.
            self.route.set(route.clone());
        }
    }
}

/// The router provided by the App.
pub fn use_router() -> Router {
    expect_context::<Router>()
}

/// Focuses the main region's first heading, or the main region itself for a view that has
/// none yet.
fn focus_main_heading() {
    use leptos::wasm_bindgen::JsCast;
    let target = document()
        .query_selector("main h1")
        .ok()
        .flatten()
        .or_else(|| document().get_element_by_id(MAIN_ID));
    if let Some(target) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = target.focus();
    }
}

/// The id of the main region: the skip link's target.
pub const MAIN_ID: &str = "main";

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_routes() -> Vec<Route> {
        vec![
            Route::Dashboard,
            Route::Team("售后一组".to_string()),
            Route::Team("Team A/B #2 100%".to_string()),
            Route::Agent("张三".to_string()),
            Route::Agent("O'Brien, Anne".to_string()),
            Route::Print("张三".to_string()),
            Route::Print("A/B #1".to_string()),
            Route::Scorecard,
            Route::SchemeReview,
            Route::Awards,
            Route::Forms,
            Route::Calibration,
            Route::Plans,
            Route::WeeklyReview,
            Route::Data,
            Route::Settings,
        ]
    }

    #[test]
    fn every_route_round_trips_through_its_hash() {
        for route in all_routes() {
            let hash = route.to_hash();
            assert!(hash.starts_with("#/"), "{hash}");
            assert!(hash.is_ascii(), "hash must be plain ASCII: {hash}");
            assert_eq!(Route::from_hash(&hash), route, "via {hash}");
        }
    }

    #[test]
    fn the_awards_page_has_its_own_hash() {
        assert_eq!(Route::Awards.to_hash(), "#/awards");
        assert_eq!(Route::from_hash("#/awards/"), Route::Awards);
        assert_eq!(Route::from_hash("#/awards/x"), Route::NotFound);
    }

    #[test]
    fn the_weekly_review_lives_under_plans() {
        assert_eq!(Route::WeeklyReview.to_hash(), "#/plans/review");
        assert_eq!(Route::from_hash("#/plans/review/"), Route::WeeklyReview);
        assert_eq!(Route::from_hash("plans/review"), Route::WeeklyReview);
        assert_eq!(Route::from_hash("#/plans/other"), Route::NotFound);
        assert_eq!(Route::from_hash("#/plans/review/x"), Route::NotFound);
        assert_eq!(Route::from_hash("#/plans"), Route::Plans);
    }

    #[test]
    fn the_scheme_review_lives_under_scorecard() {
        assert_eq!(Route::SchemeReview.to_hash(), "#/scorecard/review");
        assert_eq!(Route::from_hash("#/scorecard/review/"), Route::SchemeReview);
        assert_eq!(Route::from_hash("scorecard/review"), Route::SchemeReview);
        assert_eq!(Route::from_hash("#/scorecard/other"), Route::NotFound);
        assert_eq!(Route::from_hash("#/scorecard/review/x"), Route::NotFound);
        assert_eq!(Route::from_hash("#/scorecard"), Route::Scorecard);
    }

    #[test]
    fn chinese_names_are_percent_encoded_as_utf8() {
        assert_eq!(
            Route::Agent("张三".to_string()).to_hash(),
            "#/agent/%E5%BC%A0%E4%B8%89"
        );
    }

    #[test]
    fn the_print_view_names_its_agent() {
        assert_eq!(
            Route::Print("张三".to_string()).to_hash(),
            "#/print/%E5%BC%A0%E4%B8%89"
        );
        assert_eq!(
            Route::from_hash("#/print/Ann%20Lee"),
            Route::Print("Ann Lee".to_string())
        );
        assert_ne!(
            Route::from_hash("#/print/Ann"),
            Route::Agent("Ann".to_string())
        );
    }

    #[test]
    fn a_slash_inside_a_name_does_not_split_the_path() {
        let hash = Route::Team("A/B".to_string()).to_hash();
        assert_eq!(hash, "#/team/A%2FB");
        assert_eq!(Route::from_hash(&hash), Route::Team("A/B".to_string()));
    }

    #[test]
    fn unescaped_names_typed_in_the_address_bar_are_accepted() {
        assert_eq!(
            Route::from_hash("#/team/售后一组"),
            Route::Team("售后一组".to_string())
        );
    }

    #[test]
    fn empty_and_slash_hashes_are_the_dashboard() {
        for hash in ["", "#", "#/", "/"] {
            assert_eq!(Route::from_hash(hash), Route::Dashboard, "{hash:?}");
        }
    }

    #[test]
    fn a_trailing_slash_is_tolerated() {
        assert_eq!(Route::from_hash("#/settings/"), Route::Settings);
        assert_eq!(
            Route::from_hash("#/team/Alpha/"),
            Route::Team("Alpha".to_string())
        );
    }

    #[test]
    fn unknown_or_malformed_hashes_are_not_found() {
        for hash in [
            "#/nope",
            "#/team",
            "#/team/",
            "#/agent/a/b",
            "#/print",
            "#/print/",
            "#/print/a/b",
            "#/team/%E5%BC",
            "#/team/%zz",
            "#/settings/extra",
        ] {
            assert_eq!(Route::from_hash(hash), Route::NotFound, "{hash:?}");
        }
    }
}
