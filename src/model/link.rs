//! Share links: a whole scenario in a URL fragment (`#…`, never sent to a server).
//!
//! A link is `v<schema version>.` and then `key=value` pairs joined by `&`: what differs
//! from [`Scenario::defaults`] (see [`Scenario::changes`]), and always the price book, so an
//! old link is priced with the book it was made with. Keys are the field table's tags (like
//! protocol buffers' field numbers: short, and stable across releases):
//! - `<tag>=<value>` a field outside lists, e.g. `44=0.8` for `network.cdnHitRatio`;
//! - `<tag>.<i>=<value>` item `i` of a list, e.g. `14.2=35000` for `customers[2].profile.acvUsd`;
//! - `<list tag>=<n>` a list's length, e.g. `59=4` for four cohorts;
//! - `<list tag>.<i>=t` cohort `i` made from the new-customer template;
//! - `58.<price id>=<value>` a price override.
//!
//! A checksum closes the link: `~` and 8 hex digits of FNV-1a (32 bits) over all before it,
//! so a link cut short or edited by hand is refused instead of read as another scenario.
//!
//! Numbers are written exactly (the shortest decimal that reads back to the same `f64`),
//! switches as `1` and `0`, lists comma-separated, and text percent-encoded outside a safe set.
//!
//! Decoding starts from the defaults, sets list lengths, then fields outside lists, then
//! cohorts from the template, then list items, migrates a link of an earlier schema version
//! (see migrate.rs; such a link knows only its version's tags), and validates; every problem is
//! reported with its field path. Links over [`MAX_LINK_CHARS`] are refused before any work.
//!
//! A page's share link may carry up to three pinned scenarios for comparison after the
//! scenario: `<link>&&<pin A's link>&&<pin B's link>` (see [`read_pinned`]).

use std::borrow::Cow;

use super::error::Error;
use super::fields::{Change, FIELDS, FieldPath, FieldValue, Kind, LISTS, List};
use super::migrate::{V1, V1_SERVICE_TIME};
use super::scenario::{SCHEMA_VERSION, Scenario};

/// Longest link read, in characters (the fragment of one scenario, without the `#`). The
/// model accepts no scenario whose link is longer (the planner checks each change), so every
/// scenario it accepts can be shared and read back.
pub const MAX_LINK_CHARS: usize = 100_000;

/// Longest link with pins read, in characters: a scenario and [`MAX_PINS`](super::compare::MAX_PINS)
/// pins, each at most [`MAX_LINK_CHARS`], and their separators.
pub const MAX_PINNED_LINK_CHARS: usize = (super::compare::MAX_PINS + 1) * (MAX_LINK_CHARS + PIN_SEPARATOR.len());

/// Refuses `scenario` when its link would be longer than [`MAX_LINK_CHARS`]: it could be
/// neither shared nor saved nor read back.
///
/// # Errors
/// At path `link`, with the link's length.
pub(crate) fn check_length(scenario: &Scenario) -> Result<(), Error> {
    let n = scenario.to_link().len();
    if n <= MAX_LINK_CHARS {
        return Ok(());
    }
    let allowed = format!(
        "a scenario whose share link fits in {MAX_LINK_CHARS} characters: shorten names and labels (each character outside a-z, 0-9 and a few marks takes 3 to 12), or remove cohorts"
    );
    Err(Error::single(PATH, format!("{n} characters"), allowed))
}

const PATH: &str = "link";
const OVERRIDES: &str = "priceOverrides.*";

impl Scenario {
    /// The scenario as a link fragment, without the `#`.
    ///
    /// ```
    /// use headroom::model::{FieldValue, Scenario};
    /// let mut s = Scenario::defaults();
    /// s.set("network.cdnHitRatio", FieldValue::Number(0.8)).unwrap();
    /// s.set("network.cdn", FieldValue::Bool(true)).unwrap();
    /// let link = s.to_link();
    /// assert_eq!(link, "v5.3=gcp-us-central1-2026-11&43=1&44=0.8~0e2554be");
    /// assert_eq!(Scenario::from_link(&link).unwrap(), s);
    /// ```
    pub fn to_link(&self) -> String {
        let book = FIELDS.iter().find(|f| f.path == "priceBook").map_or(0, |f| f.tag);
        let mut out = format!("v{SCHEMA_VERSION}.{book}={}", escape(&self.price_book));
        for change in self.changes() {
            let pair = match change {
                Change::Length(list, n) => format!("{}={n}", list.tag),
                Change::Template(i) => format!("{}.{i}=t", LISTS[0].tag),
                Change::Value(leaf) if leaf.at.field.path == "priceBook" => continue,
                Change::Value(leaf) => {
                    let at = leaf.at;
                    let key = match (at.key, at.field.list()) {
                        ("", None) => at.field.tag.to_string(),
                        ("", Some(_)) => format!("{}.{}", at.field.tag, at.index),
                        (id, _) => format!("{}.{id}", at.field.tag),
                    };
                    format!("{key}={}", text(&leaf.value.to_owned()))
                }
            };
            out.push('&');
            out.push_str(&pair);
        }
        let sum = checksum(&out);
        format!("{out}~{sum:08x}")
    }

    /// Reads a scenario from a link fragment (with or without the `#`).
    ///
    /// # Errors
    /// A link that is too long, not a headroom link, made by a newer version, corrupted
    /// (path `link`), or whose fields are unknown or refused (each with its path and value).
    ///
    /// ```
    /// use headroom::model::Scenario;
    /// let err = Scenario::from_link("#v9.3=x~00000000").unwrap_err();
    /// assert_eq!(err.to_string(), "link = version 9: allowed version 1 to 5 (this link was made by a newer version of headroom)");
    /// let err = Scenario::from_link("v2.3=gcp-us-central1-2026-11&44=2~8d1db5b6").unwrap_err();
    /// assert_eq!(err.to_string(), "network.cdnHitRatio = 2: allowed a number from 0 to 1");
    /// ```
    pub fn from_link(fragment: &str) -> Result<Scenario, Error> {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        if fragment.len() > MAX_LINK_CHARS {
            let allowed = format!("at most {MAX_LINK_CHARS} characters");
            return Err(Error::single(PATH, format!("{} characters", fragment.len()), allowed));
        }
        let (version, _) = version(fragment)?;
        if version > SCHEMA_VERSION {
            let allowed = format!("version 1 to {SCHEMA_VERSION} (this link was made by a newer version of headroom)");
            return Err(Error::single(PATH, format!("version {version}"), allowed));
        }
        let fragment = canonical(fragment);
        let body = intact(&fragment)?;
        let mut pairs = Vec::new();
        for pair in body.split('&').filter(|p| !p.is_empty()) {
            pairs.push(Pair::read(pair).ok_or_else(|| corrupted(pair))?);
        }
        apply(&pairs, version)
    }
}

/// What joins a share link's scenario and each pinned scenario (see [`read_pinned`]): no
/// scenario's link holds it, as pairs are joined by one `&` and text escapes `&`.
const PIN_SEPARATOR: &str = "&&";

/// A share link of `scenario` with `pins` (oldest first): the scenario's link, then
/// [`PIN_SEPARATOR`] and each pin's link, each with its own checksum.
pub(crate) fn write_pinned<'a>(scenario: &Scenario, pins: impl Iterator<Item = &'a Scenario>) -> String {
    let mut out = scenario.to_link();
    for pin in pins {
        out.push_str(PIN_SEPARATOR);
        out.push_str(&pin.to_link());
    }
    out
}

/// The scenario of a share link with or without pins (a planner's
/// [`link`](super::Planner::link)), its pins left unread: for work on the scenario alone.
///
/// # Errors
/// As [`Scenario::from_link`].
///
/// ```
/// use headroom::model::{Planner, read_scenario};
/// let mut p = Planner::from_preset("week9-baseline").unwrap();
/// p.pin().unwrap();
/// assert_eq!(&read_scenario(&p.link()).unwrap(), p.scenario());
/// ```
pub fn read_scenario(fragment: &str) -> Result<Scenario, Error> {
    Scenario::from_link(fragment.split(PIN_SEPARATOR).next().unwrap_or_default())
}

/// The scenario and the pinned scenarios of a share link (with or without the `#`); a link
/// without pins has none. At most `max_pins` pins.
///
/// # Errors
/// As [`Scenario::from_link`] for the scenario; a pin's problems under `pins[i].`; more than
/// `max_pins` pins at path `pins`.
pub fn read_pinned(fragment: &str, max_pins: usize) -> Result<(Scenario, Vec<Scenario>), Error> {
    let longest = (max_pins + 1) * (MAX_LINK_CHARS + PIN_SEPARATOR.len());
    if fragment.len() > longest + 1 {
        let allowed = format!("at most {longest} characters with {max_pins} pinned scenarios");
        return Err(Error::single(PATH, format!("{} characters", fragment.len()), allowed));
    }
    let mut parts = fragment.split(PIN_SEPARATOR);
    let scenario = Scenario::from_link(parts.next().unwrap_or_default())?;
    let pins: Vec<&str> = parts.collect();
    if pins.len() > max_pins {
        let allowed = format!("at most {max_pins} pinned scenarios");
        return Err(Error::single("pins", format!("{} pinned scenarios", pins.len()), allowed));
    }
    let read = |(i, pin): (usize, &&str)| Scenario::from_link(pin).map_err(|e| e.under(&format!("pins[{i}].")));
    Ok((scenario, pins.iter().enumerate().map(read).collect::<Result<_, _>>()?))
}

/// The schema version and the rest of `v<n>.<rest>`.
fn version(fragment: &str) -> Result<(u32, &str), Error> {
    let not_ours = || Error::single(PATH, "", "a headroom link: #v1. and the scenario");
    let rest = fragment.strip_prefix('v').ok_or_else(not_ours)?;
    let (digits, body) = rest.split_once('.').ok_or_else(not_ours)?;
    match number::<u32>(digits) {
        Some(v) if v >= 1 => Ok((v, body)),
        _ => Err(not_ours()),
    }
}

/// `fragment` with each percent-escape of a byte [`escape`] keeps as it is undone (a mail
/// client's `%28` for `(`), so the checksum is checked on the link as it was written.
fn canonical(fragment: &str) -> Cow<'_, str> {
    if !fragment.contains('%') {
        return Cow::Borrowed(fragment);
    }
    let mut out = String::with_capacity(fragment.len());
    let mut rest = fragment;
    while let Some(c) = rest.chars().next() {
        let byte = rest.strip_prefix('%').and_then(|r| r.get(..2)).and_then(|h| u8::from_str_radix(h, 16).ok());
        match byte {
            Some(b) if is_safe(b) => {
                out.push(char::from(b));
                rest = &rest[3..];
            }
            _ => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    Cow::Owned(out)
}

/// FNV-1a, 32 bits, of `text`: catches a link cut short or changed by hand.
fn checksum(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// The pairs of `v<n>.<pairs>~<checksum>` when the checksum matches.
fn intact(fragment: &str) -> Result<&str, Error> {
    let refused =
        || Error::single(PATH, "", "an intact link: this one was cut short or changed (its checksum does not match)");
    let (signed, sum) = fragment.rsplit_once('~').ok_or_else(refused)?;
    let ok = sum.len() == 8 && u32::from_str_radix(sum, 16).ok() == Some(checksum(signed));
    let (_, body) = signed.split_once('.').ok_or_else(refused)?;
    if ok { Ok(body) } else { Err(refused()) }
}

#[cold]
fn corrupted(pair: &str) -> Error {
    let shown: String = pair.chars().take(40).collect();
    Error::single(PATH, format!("\"{shown}\""), "tag=value pairs: this link is corrupted or truncated")
}

/// A whole number of at most 6 digits.
fn number<T: std::str::FromStr>(digits: &str) -> Option<T> {
    let ok = !digits.is_empty() && digits.len() <= 6 && digits.bytes().all(|b| b.is_ascii_digit());
    if ok { digits.parse().ok() } else { None }
}

/// One `tag[.sub]=value` pair, read.
struct Pair<'a> {
    tag: u16,
    /// A list index or a price id, or empty.
    sub: &'a str,
    value: String,
}

impl<'a> Pair<'a> {
    fn read(text: &'a str) -> Option<Pair<'a>> {
        let (key, value) = text.split_once('=')?;
        let (tag, sub) = key.split_once('.').unwrap_or((key, ""));
        Some(Pair { tag: number(tag)?, sub, value: unescape(value)? })
    }

    /// When it applies: list lengths, fields outside lists, cohorts from the template, items.
    fn phase(&self) -> u8 {
        let list = LISTS.iter().any(|l| l.tag == self.tag);
        match (list, self.sub.is_empty()) {
            (true, true) => 0,
            (true, false) => 2,
            (false, _) if self.is_item() => 3,
            _ => 1,
        }
    }

    fn is_item(&self) -> bool {
        FIELDS.iter().any(|f| f.tag == self.tag && f.list().is_some())
    }

    /// Applies the pair of a link of schema `version` to `s`; version 1's retired service
    /// time goes to `v1`.
    fn apply(&self, s: &mut Scenario, version: u32, v1: &mut V1) -> Result<(), Error> {
        let unknown = || Error::single(PATH, format!("field {}", self.tag), "a field tag of this version's table");
        if version == 1 && self.tag == V1_SERVICE_TIME.tag {
            let ms =
                read_number(&self.value).ok_or_else(|| Error::single(V1_SERVICE_TIME.path, &self.value, "a number"))?;
            v1.service_time_ms = V1_SERVICE_TIME.read(ms)?;
            return Ok(());
        }
        if let Some(list) = LISTS.iter().find(|l| l.tag == self.tag) {
            return match self.phase() {
                0 => resize(s, list, &self.value),
                _ => template(s, list, self.sub, &self.value),
            };
        }
        // The schema version is the link's `v<n>`, never a pair (it would relabel the fields).
        let field = FIELDS
            .iter()
            .find(|f| f.tag == self.tag && f.since <= version && f.path != "schemaVersion")
            .ok_or_else(unknown)?;
        let at = match (field.path == OVERRIDES, field.list()) {
            (true, _) => FieldPath { field, index: 0, key: self.sub },
            (false, Some(_)) => FieldPath { field, index: number(self.sub).ok_or_else(unknown)?, key: "" },
            (false, None) if self.sub.is_empty() => FieldPath { field, index: 0, key: "" },
            (false, None) => return Err(unknown()),
        };
        s.put(at, &typed(field.kind, &self.value))
    }
}

/// The scenario the pairs describe: defaults, then each phase's pairs (see [`Pair::phase`]).
fn apply(pairs: &[Pair], version: u32) -> Result<Scenario, Error> {
    let mut s = Scenario::defaults();
    let mut v1 = V1::default();
    let mut problems = Vec::new();
    for phase in 0..4 {
        for pair in pairs.iter().filter(|p| p.phase() == phase) {
            if let Err(e) = pair.apply(&mut s, version, &mut v1) {
                problems.extend_from_slice(e.problems());
            }
        }
    }
    if let Some(e) = Error::from_problems(problems) {
        return Err(e);
    }
    if version == 1 {
        s.migrate_from_v1(v1);
    }
    s.validate()?;
    Ok(s)
}

/// Makes `list` `value` items long.
fn resize(s: &mut Scenario, list: &List, value: &str) -> Result<(), Error> {
    let n = number::<usize>(value).filter(|n| *n <= list.max_len);
    let n = n.ok_or_else(|| {
        Error::single(format!("{}[]", list.path), value, format!("a whole number from 0 to {}", list.max_len))
    })?;
    list.resize(s, n)
}

/// Makes cohort `index`'s profile the template's (`value` is `t`).
fn template(s: &mut Scenario, list: &List, index: &str, value: &str) -> Result<(), Error> {
    let path = || format!("{}[{index}].profile", list.path);
    match number::<usize>(index) {
        Some(i) if value == "t" && list.path == "customers" => s.profile_from_template(i),
        _ => Err(Error::single(path(), value, "t (the new-customer template), for a cohort that is there")),
    }
}

/// A link value read as the kind of its field (text the field refuses stays text, so the
/// refusal names it).
fn typed(kind: Kind, value: &str) -> FieldValue {
    let text = || FieldValue::Text(value.to_string());
    match kind {
        Kind::Number | Kind::Whole => read_number(value).map_or_else(text, FieldValue::Number),
        Kind::Switch => match value {
            "1" => FieldValue::Bool(true),
            "0" => FieldValue::Bool(false),
            _ => text(),
        },
        Kind::List => FieldValue::List(value.split(',').map(String::from).collect()),
        Kind::Choice | Kind::Text => text(),
    }
}

/// A value as link text: numbers exact, switches 1 or 0, lists comma-separated.
fn text(value: &FieldValue) -> String {
    match value {
        FieldValue::Number(x) => exact(*x),
        FieldValue::Bool(b) => u8::from(*b).to_string(),
        FieldValue::Text(t) => escape(t),
        FieldValue::List(items) => escape(&items.join(",")),
        FieldValue::Clear => String::new(),
    }
}

/// Powers of ten that are exact in an `f64` (10^0 to 10^22).
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// Whole numbers below this are exact in an `f64` (2^53).
const EXACT_WHOLE: f64 = 9_007_199_254_740_992.0;

/// The shortest decimal text with at most 22 places that reads back (by [`read_number`]) to
/// exactly `x` (finite), e.g. `0.1`, `1.5`, `64.28571428571429`; else the bits in hex
/// (`0x…`), which read back exactly too.
fn exact(x: f64) -> String {
    let sign = if x.is_sign_negative() { "-" } else { "" };
    for (places, &scale) in POW10.iter().enumerate() {
        let m = (x.abs() * scale).round();
        if m >= EXACT_WHOLE {
            break;
        }
        if m / scale == x.abs() {
            let digits = (m as u64).to_string();
            if places == 0 {
                return format!("{sign}{digits}");
            }
            let padded = format!("{}{digits}", "0".repeat((places + 1).saturating_sub(digits.len())));
            let (whole, frac) = padded.split_at(padded.len() - places);
            return format!("{sign}{whole}.{frac}");
        }
    }
    format!("0x{:x}", x.to_bits())
}

/// Reads a number as [`exact`] writes it: `-`, digits with at most 22 after a point making a
/// whole number below 2^53, whose value `m / 10^places` is then one correctly rounded division (Clinger's fast
/// path, so no general decimal parser ships in the page); or `0x` and an `f64`'s bits. `None`
/// for anything else, and for values that are not finite.
fn read_number(text: &str) -> Option<f64> {
    if let Some(hex) = text.strip_prefix("0x") {
        let x = f64::from_bits(u64::from_str_radix(hex, 16).ok()?);
        return x.is_finite().then_some(x);
    }
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, text),
    };
    let (whole, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    if whole.is_empty() || frac.len() >= POW10.len() || !whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let m =
        whole.bytes().chain(frac.bytes()).try_fold(0u64, |m, b| m.checked_mul(10)?.checked_add(u64::from(b - b'0')))?;
    let m = (m as f64).min(EXACT_WHOLE);
    (m < EXACT_WHOLE).then(|| sign * (m / POW10[frac.len()]))
}

/// Bytes kept as they are in link text: unreserved characters and a few safe delimiters.
fn is_safe(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~!$'()*+,;:@/?".contains(&b)
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Percent-encodes every byte outside the safe set (`&`, `=`, `%` and `#` among them).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for &b in text.as_bytes() {
        if is_safe(b) {
            out.push(b as char);
        } else {
            out.extend(['%', HEX[usize::from(b >> 4)] as char, HEX[usize::from(b & 15)] as char]);
        }
    }
    out
}

/// Undoes [`escape`] (and any other percent-encoding); `None` for a broken escape or bytes
/// that are not UTF-8.
fn unescape(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let digit = |c: u8| (c as char).to_digit(16);
            out.push((digit(hex[0])? * 16 + digit(hex[1])?) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_round_trips_any_text() {
        let text = "Acme & Sons = 100% <script>alert('x')</script> #1 — café\n";
        let escaped = escape(text);
        assert!(!escaped.contains(['&', '=', '#', '<', ' ', '\n']), "{escaped}");
        assert_eq!(unescape(&escaped).unwrap(), text);
        assert_eq!(unescape("%4"), None);
        assert_eq!(unescape("%ZZ"), None);
        assert_eq!(unescape("%FF"), None);
    }

    #[test]
    fn every_preset_round_trips_exactly() {
        for id in crate::model::preset_ids() {
            let s = crate::model::preset(id).unwrap();
            let link = s.to_link();
            assert_eq!(Scenario::from_link(&link).unwrap(), s, "{id}: {link}");
        }
    }

    #[test]
    fn numbers_are_exact_and_short() {
        let cases =
            [(0.7, "0.7"), (1.5, "1.5"), (0.1 + 0.2, "0x3fd3333333333334"), (-2.25, "-2.25"), (1e-7, "0.0000001")];
        for (x, text) in cases {
            assert_eq!(exact(x), text);
        }
        assert_eq!(exact(450.0 / 7.0), "64.28571428571429"); // Python: repr(450/7)
        assert_eq!(exact(1e300), "0x7e37e43c8800759c");
        assert_eq!(exact(-0.0), "-0");
        assert_eq!(read_number("0x3ff0000000000000"), Some(1.0));
        for bad in ["inf", "NaN", "1e5", "", ".5", "--1", "0x7ff0000000000000", "12345678901234567"] {
            assert_eq!(read_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn any_finite_number_round_trips_bit_for_bit() {
        // splitmix64 over bit patterns, and decimals a control could produce.
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        for _ in 0..200_000 {
            let bits = next();
            for x in [f64::from_bits(bits), (bits % 10_000_000) as f64 / 1000.0, (bits % 1000) as f64 * 0.01] {
                if x.is_finite() {
                    assert_eq!(read_number(&exact(x)).map(f64::to_bits), Some(x.to_bits()), "{x:e}");
                }
            }
        }
    }

    /// `pairs` signed as a link.
    fn signed(pairs: &str) -> String {
        format!("v1.{pairs}~{:08x}", checksum(&format!("v1.{pairs}")))
    }

    #[test]
    fn bad_links_say_what_is_wrong() {
        let msg = |link: &str| Scenario::from_link(link).unwrap_err().to_string();
        assert_eq!(msg("hello"), "link: a headroom link: #v1. and the scenario");
        assert_eq!(msg("v0.3=x"), "link: a headroom link: #v1. and the scenario");
        assert_eq!(
            msg("v1.3=x"),
            "link: an intact link: this one was cut short or changed (its checksum does not match)"
        );
        assert_eq!(msg(&signed("3")), "link = \"3\": allowed tag=value pairs: this link is corrupted or truncated");
        assert_eq!(msg(&signed("x=1")), "link = \"x=1\": allowed tag=value pairs: this link is corrupted or truncated");
        assert_eq!(
            msg(&signed("44=%E")),
            "link = \"44=%E\": allowed tag=value pairs: this link is corrupted or truncated"
        );
        assert_eq!(msg(&signed("59=5000")), "customers[] = 5000: allowed a whole number from 0 to 1000");
        assert_eq!(
            msg(&signed("999=1&25=abc")),
            "link = field 999: allowed a field tag of this version's table; cloudRun.vcpu = \"abc\": allowed a number from 0.08 to 8"
        );
        assert_eq!(msg(&signed("14.3=1")), "customers[3].profile.acvUsd: a field that is there (no such item)");
        assert_eq!(
            msg(&signed("59.0=x")),
            "customers[0].profile = x: allowed t (the new-customer template), for a cohort that is there"
        );
        assert_eq!(msg(&signed("58.noSuchPrice=1")), "priceOverrides.noSuchPrice = 1: allowed a price id of the book");
        // A pair cannot set the schema version: the link's `v<n>` does (issue 15, item 5).
        assert_eq!(msg(&signed("1=1")), "link = field 1: allowed a field tag of this version's table");
        let v3 = |pairs: &str| format!("v3.{pairs}~{:08x}", checksum(&format!("v3.{pairs}")));
        assert_eq!(msg(&v3("1=1")), "link = field 1: allowed a field tag of this version's table");
        assert_eq!(msg(&v3("1=3")), "link = field 1: allowed a field tag of this version's table");
        let huge = format!("#v1.2={}", "a".repeat(MAX_LINK_CHARS));
        assert_eq!(msg(&huge), "link = 100005 characters: allowed at most 100000 characters");
    }

    #[test]
    fn a_link_whose_safe_characters_were_percent_encoded_reads_the_same() {
        // A mail client writes `(` as `%28` (issue 15): the link still reads, checksum and all.
        let mut s = crate::model::preset("phase2-10-customers").unwrap();
        s.name = "Plan (draft) it's *ours*!".into();
        let link = s.to_link();
        assert!(link.contains("(draft)"), "{link}");
        let mailed =
            link.replace('(', "%28").replace(')', "%29").replace('\'', "%27").replace('*', "%2a").replace('!', "%21");
        assert_ne!(mailed, link);
        assert_eq!(Scenario::from_link(&mailed).unwrap(), s);
        // An escape of a byte that must stay escaped is the link's text, so changing it is an edit.
        assert!(Scenario::from_link(&link.replacen("%20", " ", 1)).is_err());
    }

    #[test]
    fn a_link_cut_short_or_edited_is_refused() {
        let link = crate::model::preset("phase2-10-customers").unwrap().to_link();
        for cut in 0..link.len() {
            assert!(Scenario::from_link(&link[..cut]).is_err(), "cut at {cut}");
        }
        let edited = link.replacen("=7&", "=8&", 1);
        assert_ne!(edited, link);
        assert!(Scenario::from_link(&edited).unwrap_err().to_string().contains("checksum"));
    }
}
