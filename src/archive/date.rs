//! Dates as the sources write them: `2013-07-29T17:09:00.000000+02:00`, `2019-05-16`,
//! `2019-05-16 10:00`, and with the month in words as Hugo also accepts them. Pure parsing; the time of day and offset are dropped on purpose.

use super::model::Date;

/// Parse the calendar date at the start of `s`; `None` when it is not one.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return parse_date_words(s);
    }
    if b.len() > 10 && !matches!(b[10], b'T' | b't' | b' ' | b'_') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let year = num(0..4)?;
    let month = num(5..7)?;
    let day = num(8..10)?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some(Date {
        year: year as i32,
        month: month as u8,
        day: day as u8,
    })
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Dates with the month in words, as Hugo also reads them (RFC 1123/822/850, ANSI C, Ruby
/// and "January 2, 2006"): `Mon, 02 Jan 2006 15:04:05 MST`, `02 Jan 06 15:04 MST`,
/// `Mon Jan  2 15:04:05 2006`, `March 24, 2014`.
fn parse_date_words(s: &str) -> Option<Date> {
    let tokens: Vec<&str> = s
        .split([' ', ',', '-'])
        .filter(|t| !t.is_empty())
        .take(8)
        .collect();
    let (mi, month) = tokens.iter().enumerate().find_map(|(i, t)| {
        let lower = t.to_ascii_lowercase();
        let ok = t.len() >= 3 && t.chars().all(|c| c.is_ascii_alphabetic());
        let m = MONTHS.iter().position(|m| lower.starts_with(m))?;
        // "Mar" and "March" but not "Marathon": the token is the month's name or its start.
        let full = [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ][m];
        (ok && (full.starts_with(&lower) || lower == "sept")).then_some((i, m as u32 + 1))
    })?;
    let number = |t: &&str| -> Option<u32> {
        (t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
    };
    // The day is next to the month: before it ("02 Jan 2006") or after it ("Jan 2 2006").
    let before = mi
        .checked_sub(1)
        .and_then(|i| tokens.get(i))
        .filter(|t| t.len() <= 2);
    let after = tokens.get(mi + 1).filter(|t| t.len() <= 2);
    let (day, rest_from) = match (before.and_then(number), after.and_then(number)) {
        (Some(d), _) => (d, mi + 1),
        (None, Some(d)) => (d, mi + 2),
        _ => return None,
    };
    let year = tokens[rest_from..].iter().find_map(|t| match t.len() {
        // A year, not a zone offset split off its sign ("-0700").
        4 if !t.starts_with('0') => number(t),
        // RFC 822's two-digit year, right after the month.
        2 if rest_from == mi + 1 => number(t).map(|y| if y < 70 { 2000 + y } else { 1900 + y }),
        _ => None,
    })?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some(Date {
        year: year as i32,
        month: month as u8,
        day: day as u8,
    })
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_table() {
        let d = |y, m, d| {
            Some(Date {
                year: y,
                month: m,
                day: d,
            })
        };
        let cases = [
            ("2013-07-29T17:09:00.000000+02:00", d(2013, 7, 29)),
            ("2019-05-16", d(2019, 5, 16)),
            ("2019-05-16 10:00", d(2019, 5, 16)),
            ("  2016-02-03 ", d(2016, 2, 3)),
            ("2016-02-29", d(2016, 2, 29)),
            ("2015-02-29", None),
            ("2016-13-01", None),
            ("2016-1-01", None),
            ("12", None),
            ("", None),
            ("2016-02-03x", None),
            ("２０１６-02-03", None),
            ("2016-02-3а", None),
            ("Mon, 02 Jan 2006 15:04:05 MST", d(2006, 1, 2)),
            ("Mon, 02 Jan 2006 15:04:05 -0700", d(2006, 1, 2)),
            ("02 Jan 06 15:04 MST", d(2006, 1, 2)),
            ("Monday, 02-Jan-06 15:04:05 MST", d(2006, 1, 2)),
            ("Mon Jan  2 15:04:05 2006", d(2006, 1, 2)),
            ("Mon Jan 02 15:04:05 -0700 2006", d(2006, 1, 2)),
            ("March 24, 2014", d(2014, 3, 24)),
            ("24 Sept 2014", d(2014, 9, 24)),
            ("Jan 32 2006", None),
            ("Marathon 2 2006", None),
            ("soon", None),
            ("May the fourth", None),
        ];
        for (input, want) in cases {
            assert_eq!(parse_date(input), want, "{input:?}");
        }
    }
}
