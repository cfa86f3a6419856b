//! The model's one error type: a list of problems, each naming the field path, the value
//! given and what is allowed.

use std::fmt;

/// One thing wrong with an input.
///
/// ```
/// let p = headroom::model::Problem::new("cloudRun.vcpu", "3", "1, 2, 4, 6 or 8");
/// assert_eq!(p.to_string(), "cloudRun.vcpu = 3: allowed 1, 2, 4, 6 or 8");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Problem.ts"))]
pub struct Problem {
    /// Dotted field path, with `[i]` for list items, e.g. `customers[0].peakQps`.
    pub path: String,
    /// The value given, as text; empty when the input could not be read as a value (then
    /// `allowed` says what was wrong).
    pub value: String,
    /// What is allowed instead.
    pub allowed: String,
}

/// The most characters of a path or value a problem keeps: a refused megabyte of text is shown
/// by its start and its length, not echoed whole.
const MAX_SHOWN: usize = 200;

/// `text` cut after [`MAX_SHOWN`] characters, saying how long it was.
fn cut(text: String) -> String {
    match text.char_indices().nth(MAX_SHOWN) {
        None => text,
        Some((at, _)) => format!("{}… ({} characters)", &text[..at], text.chars().count()),
    }
}

impl Problem {
    /// A problem at `path` with `value` and what is `allowed` (path and value cut after 200
    /// characters).
    ///
    /// ```
    /// let p = headroom::model::Problem::new("name", format!("\"{}\"", "é".repeat(5000)), "text of 0 to 120 characters");
    /// assert_eq!(p.value, format!("\"{}… (5002 characters)", "é".repeat(199)));
    /// ```
    pub fn new(path: impl Into<String>, value: impl Into<String>, allowed: impl Into<String>) -> Self {
        Problem { path: cut(path.into()), value: cut(value.into()), allowed: allowed.into() }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.value.is_empty() {
            write!(f, "{}: {}", self.path, self.allowed)
        } else {
            write!(f, "{} = {}: allowed {}", self.path, self.value, self.allowed)
        }
    }
}

/// Every problem found in an input, all at once; never empty.
///
/// ```
/// let mut s = headroom::model::preset("week9-baseline").unwrap();
/// s.cloud_run.service_time_p50_ms = 0.0;
/// s.customers[0].profile.acv_usd = -1.0;
/// let err = headroom::model::evaluate(&s).unwrap_err();
/// assert_eq!(err.problems().len(), 2);
/// assert_eq!(
///     err.to_string(),
///     "customers[0].profile.acvUsd = -1: allowed a number from 0 to 1000000000; \
///      cloudRun.serviceTimeP50Ms = 0: allowed a number from 0.5 to 60000"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    problems: Vec<Problem>,
}

impl Error {
    /// An error holding `problems`; `None` when there are none.
    pub fn from_problems(problems: Vec<Problem>) -> Option<Self> {
        (!problems.is_empty()).then_some(Error { problems })
    }

    /// An error with a single problem.
    pub fn single(path: impl Into<String>, value: impl Into<String>, allowed: impl Into<String>) -> Self {
        Error { problems: vec![Problem::new(path, value, allowed)] }
    }

    /// Adds `other`'s problems after this error's.
    pub(crate) fn append(&mut self, other: Error) {
        self.problems.extend(other.problems);
    }

    /// The same problems with `prefix` before each path (`pins[0].` + `link`).
    pub(crate) fn under(self, prefix: &str) -> Self {
        let at = |p: Problem| Problem { path: format!("{prefix}{}", p.path), ..p };
        Error { problems: self.problems.into_iter().map(at).collect() }
    }

    /// The same problems, each path `rename` maps given its new path (the others as they were).
    pub(crate) fn renamed(self, rename: impl Fn(&str) -> Option<String>) -> Self {
        let at = |p: Problem| Problem { path: rename(&p.path).unwrap_or(p.path), ..p };
        Error { problems: self.problems.into_iter().map(at).collect() }
    }

    /// The problems, in the order found (at least one).
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}
