//! What differs between the SQL dialects: quoting, a few function names, and how string
//! literals escape. Everything else the generator writes is common to DuckDB and Spark SQL.

/// The SQL engine a query is written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    DuckDb,
    Spark,
}

impl Dialect {
    /// Parses the CLI spelling (`duckdb`, `spark`).
    pub fn parse(text: &str) -> Option<Dialect> {
        match text {
            "duckdb" => Some(Dialect::DuckDb),
            "spark" => Some(Dialect::Spark),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::DuckDb => "duckdb",
            Dialect::Spark => "spark",
        }
    }

    /// A quoted identifier (a column or CTE name), whatever characters it holds.
    pub fn ident(self, name: &str) -> String {
        match self {
            Dialect::DuckDb => format!("\"{}\"", name.replace('"', "\"\"")),
            Dialect::Spark => format!("`{}`", name.replace('`', "``")),
        }
    }

    /// A string literal. Spark reads backslashes in literals as escapes, DuckDB does not.
    pub fn string(self, text: &str) -> String {
        match self {
            Dialect::DuckDb => format!("'{}'", text.replace('\'', "''")),
            Dialect::Spark => format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'")),
        }
    }

    /// The type a source column is cast to before parsing: every value is read as text,
    /// as the engine's readers read a file.
    pub fn text_type(self) -> &'static str {
        match self {
            Dialect::DuckDb => "VARCHAR",
            Dialect::Spark => "STRING",
        }
    }

    /// Whether `value` equals one of `items` (SQL expressions). DuckDB plans a long IN list
    /// as a join, which re-evaluates the value's expression; a list lookup does not.
    pub fn is_in(self, value: &str, items: &[String]) -> String {
        match self {
            Dialect::DuckDb => format!("list_contains([{}], {value})", items.join(", ")),
            Dialect::Spark => format!("{value} IN ({})", items.join(", ")),
        }
    }

    /// Whether `text` matches the regular expression `pattern` (anywhere; patterns here are
    /// anchored).
    pub fn matches(self, text: &str, pattern: &str) -> String {
        match self {
            Dialect::DuckDb => format!("regexp_matches({text}, {})", self.string(pattern)),
            Dialect::Spark => format!("({text} RLIKE {})", self.string(pattern)),
        }
    }

    /// Group `group` of the first match of `pattern` in `text`, `''` when none.
    pub fn extract(self, text: &str, pattern: &str, group: u32) -> String {
        format!("regexp_extract({text}, {}, {group})", self.string(pattern))
    }

    /// Groups 1 to `groups` of one match, as a struct with fields `g1`, `g2`... (DuckDB);
    /// `None` where the dialect extracts group by group.
    pub fn extract_groups(self, text: &str, pattern: &str, groups: u32) -> Option<String> {
        match self {
            Dialect::DuckDb => {
                let names: Vec<String> = (1..=groups).map(|g| format!("'g{g}'")).collect();
                Some(format!(
                    "regexp_extract({text}, {}, [{}])",
                    self.string(pattern),
                    names.join(", ")
                ))
            }
            Dialect::Spark => None,
        }
    }

    /// Text to DOUBLE, NULL when it does not read (the text is checked by a pattern first;
    /// this only guards overflow).
    pub fn to_double(self, text: &str) -> String {
        match self {
            Dialect::DuckDb => format!("TRY_CAST({text} AS DOUBLE)"),
            Dialect::Spark => format!("CAST({text} AS DOUBLE)"),
        }
    }

    /// Days from 1970-01-01 to a DATE.
    pub fn epoch_days(self, date: &str) -> String {
        match self {
            Dialect::DuckDb => format!("date_diff('day', DATE '1970-01-01', {date})"),
            Dialect::Spark => format!("datediff({date}, DATE '1970-01-01')"),
        }
    }

    /// The DATE `days` days after 1970-01-01.
    pub fn epoch_date(self, days: &str) -> String {
        match self {
            Dialect::DuckDb => format!("(DATE '1970-01-01' + CAST({days} AS INTEGER))"),
            Dialect::Spark => format!("date_add(DATE '1970-01-01', CAST({days} AS INT))"),
        }
    }

    /// The ISO 8601 week-numbering year of a DATE.
    pub fn iso_year(self, date: &str) -> String {
        match self {
            Dialect::DuckDb => format!("isoyear({date})"),
            Dialect::Spark => format!("extract(YEAROFWEEK FROM {date})"),
        }
    }

    /// The ISO 8601 week (1-53) of a DATE.
    pub fn iso_week(self, date: &str) -> String {
        match self {
            Dialect::DuckDb => format!("week({date})"),
            Dialect::Spark => format!("weekofyear({date})"),
        }
    }

    /// The Monday on or before a DATE.
    pub fn monday_of(self, date: &str) -> String {
        match self {
            Dialect::DuckDb => format!("({date} - CAST(isodow({date}) - 1 AS INTEGER))"),
            Dialect::Spark => format!("date_sub({date}, weekday({date}))"),
        }
    }

    /// The linear-interpolation percentile (numpy's default, Excel's PERCENTILE.INC) of the
    /// non-NULL values of `value`; `fraction` from 0 to 1. Never an approximate one.
    pub fn percentile(self, value: &str, fraction: f64) -> String {
        match self {
            Dialect::DuckDb => format!("quantile_cont({value}, {})", double(fraction)),
            Dialect::Spark => format!("percentile({value}, {})", double(fraction)),
        }
    }
}

/// A DOUBLE literal in both dialects: the shortest decimal that reads back as `value`, with
/// an exponent so neither dialect takes it for a DECIMAL.
pub fn double(value: f64) -> String {
    debug_assert!(value.is_finite(), "only finite numbers are written");
    format!("{value}e0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_per_dialect_and_doubles_read_back() {
        assert_eq!(Dialect::DuckDb.string("it's \\d"), "'it''s \\d'");
        assert_eq!(Dialect::Spark.string("it's \\d"), "'it\\'s \\\\d'");
        assert_eq!(Dialect::DuckDb.ident("a\"b"), "\"a\"\"b\"");
        assert_eq!(Dialect::Spark.ident("a`b"), "`a``b`");
        for value in [0.6, 1.0 / 3.0, 100.0, 0.005, -2.5, 1e-300] {
            let text = double(value);
            let mantissa = text.strip_suffix("e0").unwrap();
            assert_eq!(mantissa.parse::<f64>().unwrap(), value, "{text}");
        }
        assert_eq!(Dialect::parse("spark"), Some(Dialect::Spark));
        assert_eq!(Dialect::parse("postgres"), None);
    }
}
