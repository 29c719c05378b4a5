//! Times of day as the data writes them (`07:30`, `7h30`, `14h`), read
//! whole, and the problem of one that is not: for the letters of an event
//! and for a meeting invitation alike.

use crate::error::{DataIssue, DataPath};

/// The problem of `value` at `path`, which is not a time of day.
pub fn bad_time(path: DataPath, value: &str) -> DataIssue {
    let lower = value.to_lowercase();
    let part_of_day = ["sáng", "trưa", "chiều", "tối", "đêm", "am", "pm"]
        .iter()
        .any(|w| lower.contains(w));
    let hint = if part_of_day {
        crate::tr!("view-time-part-of-day-hint")
    } else {
        crate::tr!("view-time-hint")
    };
    DataIssue::new(path, crate::tr!("view-time-bad", value = value), hint)
}

/// `07:30` → (7, 30); also `7:30`, `7h30`, `7h`, `8g15`. The whole text must
/// be the time (spaces around it aside): `1:30 chiều` or `07:30"); …` is
/// not a time, rather than a time with the rest dropped.
pub fn parse_time(s: &str) -> Option<(u32, u32)> {
    let s = s.trim();
    let digits = |t: &str| !t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit());
    let (h, m) = match s.split_once([':', 'h', 'H', 'g', 'G']) {
        Some((h, m)) => (h.trim_end(), m.trim_start()),
        None => (s, ""),
    };
    if !digits(h) || !(m.is_empty() || (digits(m) && m.len() == 2)) {
        return None;
    }
    // `7h` is 7 o'clock, but a bare `7` is no time.
    if m.is_empty() && h.len() == s.len() {
        return None;
    }
    let h: u32 = h.parse().ok()?;
    let m: u32 = if m.is_empty() { 0 } else { m.parse().ok()? };
    (h < 24 && m < 60).then_some((h, m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_parse_in_the_usual_spellings() {
        assert_eq!(parse_time("07:30"), Some((7, 30)));
        assert_eq!(parse_time("7h30"), Some((7, 30)));
        assert_eq!(parse_time("14h"), Some((14, 0)));
        assert_eq!(parse_time("8g15"), Some((8, 15)));
        assert_eq!(parse_time(" 7:05 "), Some((7, 5)));
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(parse_time("sáng"), None);
        // Only the whole text is a time.
        for not_a_time in [
            "1:30 chiều",
            "07:30\"); …",
            "7",
            "7:3",
            "07:300",
            "7h30p",
            ":30",
            "7::30",
        ] {
            assert_eq!(parse_time(not_a_time), None, "{not_a_time}");
        }
    }
}
