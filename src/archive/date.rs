//! Dates as the sources write them: `2013-07-29T17:09:00.000000+02:00`, `2019-05-16`,
//! `2019-05-16 10:00`. Pure parsing; the time of day and offset are dropped on purpose.

use super::model::Date;

/// Parse the calendar date at the start of `s`; `None` when it is not one.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
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
        ];
        for (input, want) in cases {
            assert_eq!(parse_date(input), want, "{input:?}");
        }
    }
}
