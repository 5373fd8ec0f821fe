//! The later pgconf.ru talks-page layout: a bullet line (`• Name`) opens an entry, the next
//! line is "Name Company [Role]", then a duration line ("22 мин", "22 min"), the title, and
//! the abstract up to the next bullet. Several speakers are several bullet (+ details) pairs
//! before the duration. Cyrillic and Latin alike.

use super::{Line, PageEntry, PageSpeaker, dropped_note, is_chrome_like, preview};

/// Characters that open an entry at the start of a line.
const BULLETS: &[char] = &['•', '●', '▪'];

/// Words that start a job title after the company ("Postgres Pro Ведущий разработчик").
const ROLE_WORDS: &[&str] = &[
    "developer",
    "engineer",
    "architect",
    "dba",
    "cto",
    "ceo",
    "cio",
    "coo",
    "founder",
    "co-founder",
    "cofounder",
    "lead",
    "head",
    "senior",
    "principal",
    "staff",
    "chief",
    "manager",
    "director",
    "consultant",
    "researcher",
    "programmer",
    "evangelist",
    "maintainer",
    "committer",
    "contributor",
    "owner",
    "administrator",
    "admin",
    "analyst",
    "scientist",
    "professor",
    "student",
    "vp",
    "product",
    "team",
    "software",
    "database",
    "разработчик",
    "ведущий",
    "главный",
    "старший",
    "руководитель",
    "архитектор",
    "инженер",
    "директор",
    "основатель",
    "сооснователь",
    "консультант",
    "администратор",
    "аналитик",
    "технический",
    "менеджер",
    "программист",
    "исследователь",
    "эксперт",
    "специалист",
    "преподаватель",
    "студент",
    "евангелист",
    "тимлид",
    "заместитель",
    "начальник",
];

fn bullet_name(text: &str) -> Option<&str> {
    let rest = text.strip_prefix(BULLETS)?.trim();
    (!rest.is_empty()).then_some(rest)
}

/// "22 мин", "22 min", "45 minutes", "30 минут" → minutes.
pub(super) fn duration_minutes(text: &str) -> Option<u32> {
    let t = text.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let unit = t[digits..].trim().trim_end_matches('.').to_lowercase();
    let is_minutes = (unit.starts_with("мин") || unit.starts_with("min"))
        && unit.chars().count() <= 7
        && unit.chars().all(char::is_alphabetic);
    if !is_minutes {
        return None;
    }
    t[..digits].parse().ok().filter(|&m| m > 0)
}

/// Whether the page is in this layout: some bullet line is followed, within the next few
/// lines, by a duration line.
pub(super) fn is_bullet_layout(lines: &[Line<'_>]) -> bool {
    let texts: Vec<&str> = lines
        .iter()
        .map(|l| l.text)
        .filter(|t| !t.is_empty())
        .collect();
    texts.iter().enumerate().any(|(i, t)| {
        bullet_name(t).is_some()
            && texts
                .iter()
                .skip(i + 1)
                .take(4)
                .any(|n| duration_minutes(n).is_some())
    })
}

/// The company of a details line, without the name it repeats and the role that follows.
fn company_of(details: &str, name: &str) -> Option<String> {
    let rest = details
        .strip_prefix(name)
        .map(str::trim)
        .unwrap_or(details.trim());
    // "Company (Role)" / "Company [Role]".
    let rest = match (rest.find([' ', '\u{a0}']), rest.rfind(['(', '['])) {
        (_, Some(open)) if open > 0 && (rest.ends_with(')') || rest.ends_with(']')) => {
            rest[..open].trim()
        }
        _ => rest,
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    let role_at = words.iter().enumerate().skip(1).find_map(|(i, w)| {
        let core = w
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .to_lowercase();
        ROLE_WORDS.contains(&core.as_str()).then_some(i)
    });
    let company = match role_at {
        Some(i) => words[..i].join(" "),
        None => words.join(" "),
    };
    let company = company
        .trim_end_matches([',', ';', '—', '-'])
        .trim()
        .to_string();
    (!company.is_empty()).then_some(company)
}

/// The entries of a page in this layout. Lines before the first bullet and trailing chrome
/// after the last entry are dropped with a note.
pub(super) fn parse_bullet_page(lines: &[Line<'_>], notes: &mut Vec<String>) -> Vec<PageEntry> {
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| bullet_name(l.text).is_some())
        .map(|(i, _)| i)
        .collect();
    let Some(&first) = starts.first() else {
        return Vec::new();
    };
    if let Some(note) = dropped_note("before the first entry", &lines[..first]) {
        notes.push(note);
    }
    let mut entries: Vec<PageEntry> = Vec::new();
    let mut i = first;
    while i < lines.len() {
        let (entry, next) = parse_one(lines, i);
        if let Some(e) = entry {
            entries.push(e);
        }
        i = next;
    }
    // Trailing chrome ("Фото", "Partners") after the last abstract.
    if let Some(last) = entries.last_mut() {
        let mut kept: Vec<&str> = last.abstract_text.split('\n').collect();
        let mut dropped: Vec<Line<'_>> = Vec::new();
        let base = last.abstract_line;
        while kept.len() > 1
            && kept
                .last()
                .is_some_and(|t| t.trim().is_empty() || is_chrome_like(t.trim()))
        {
            let text = kept.pop().unwrap_or_default();
            dropped.push(Line {
                no: base + kept.len(),
                text,
            });
        }
        dropped.reverse();
        if let Some(note) = dropped_note("after the last entry", &dropped) {
            notes.push(note);
        }
        last.abstract_text = kept.join("\n").trim_end().to_string();
    }
    entries
}

/// One entry starting at the bullet line `start`; returns it and where the next one starts.
fn parse_one(lines: &[Line<'_>], start: usize) -> (Option<PageEntry>, usize) {
    let mut speakers = Vec::new();
    let mut unsure = Vec::new();
    let mut i = start;
    let next_text = |from: usize| (from..lines.len()).find(|&k| !lines[k].text.is_empty());
    // Speakers: bullet lines, each optionally followed by its details line.
    while let Some(k) = next_text(i) {
        let Some(name) = bullet_name(lines[k].text) else {
            break;
        };
        let mut company = None;
        i = k + 1;
        if let Some(d) = next_text(i)
            && bullet_name(lines[d].text).is_none()
            && duration_minutes(lines[d].text).is_none()
            && next_text(d + 1).is_some_and(|n| {
                duration_minutes(lines[n].text).is_some() || bullet_name(lines[n].text).is_some()
            })
        {
            if !lines[d].text.starts_with(name) {
                unsure.push(format!(
                    "line {}: details line does not repeat the speaker's name '{name}'",
                    lines[d].no
                ));
            }
            company = company_of(lines[d].text, name);
            i = d + 1;
        }
        speakers.push(PageSpeaker {
            name: name.to_string(),
            company,
        });
    }
    let mut duration = None;
    if let Some(d) = next_text(i)
        && let Some(m) = duration_minutes(lines[d].text)
    {
        duration = Some(m);
        i = d + 1;
    } else {
        unsure.push(format!(
            "entry at line {}: no duration line (\"22 мин\") after the speakers",
            lines[start].no
        ));
    }
    let end = (i..lines.len())
        .find(|&k| bullet_name(lines[k].text).is_some())
        .unwrap_or(lines.len());
    let title_at = (i..end).find(|&k| !lines[k].text.is_empty());
    let (title, abstract_from) = match title_at {
        Some(t) => (
            Some(lines[t].text.to_string()),
            (t + 1..end)
                .find(|&k| !lines[k].text.is_empty())
                .unwrap_or(end),
        ),
        None => {
            unsure.push(format!(
                "entry at line {}: no title or abstract",
                lines[start].no
            ));
            (None, end)
        }
    };
    let body: Vec<&str> = lines[abstract_from.min(end)..end]
        .iter()
        .map(|l| l.text)
        .collect();
    let abstract_text = body.join("\n").trim_end().to_string();
    let abstract_line = lines.get(abstract_from).map_or(lines[start].no, |l| l.no);
    if let Some(t) = &title
        && t.chars().count() > 200
    {
        unsure.push(format!(
            "title '{}' is very long; maybe it is the abstract",
            preview(t, 40)
        ));
    }
    let entry = PageEntry {
        speakers,
        abstract_text,
        line: lines[start].no,
        unsure,
        title,
        duration_min: duration,
        abstract_line,
    };
    (Some(entry), end.max(start + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duration_table() {
        for (t, want) in [
            ("22 мин", Some(22)),
            ("22 min", Some(22)),
            ("45 minutes", Some(45)),
            ("30 минут", Some(30)),
            ("5мин.", Some(5)),
            ("0 min", None),
            ("22", None),
            ("22 минуты спустя мы", None),
            ("1234 min", None),
            ("min 22", None),
        ] {
            assert_eq!(duration_minutes(t), want, "{t:?}");
        }
    }

    #[test]
    fn company_table() {
        for (details, name, want) in [
            (
                "Иван Петров Postgres Professional Ведущий разработчик",
                "Иван Петров",
                Some("Postgres Professional"),
            ),
            (
                "Anna Berg Acme GmbH Senior Engineer",
                "Anna Berg",
                Some("Acme GmbH"),
            ),
            ("Anna Berg Acme GmbH", "Anna Berg", Some("Acme GmbH")),
            ("Anna Berg Acme (CTO)", "Anna Berg", Some("Acme")),
            ("Anna Berg", "Anna Berg", None),
            ("Acme Engineer", "Someone Else", Some("Acme")),
        ] {
            assert_eq!(company_of(details, name).as_deref(), want, "{details}");
        }
    }
}
