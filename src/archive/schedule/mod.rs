//! Conference schedules: frab / Pentabarf `schedule.xml` and pretalx's `schedule.json`, one
//! file holding a whole programme. Both parsers read their syntax into the `Session`s here, and
//! one function turns those into talks, so the two formats cannot drift apart. Pure; no I/O.

pub mod frab;
pub mod pretalx;

use super::cache::Items;
use super::date::parse_date;
use super::error::{Diagnostic, LoadError};
use super::language;
use super::links::{self, push_unique};
use super::model::{Conference, Link, LinkKind, Origin, Speaker, Talk};
use super::native::slugify;
use super::sniff;

/// The talks of one schedule file and the warnings about it.
pub type Parsed = (Vec<Talk>, Vec<Diagnostic>);

/// Which of the two schedule syntaxes a file is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// frab / Pentabarf / pretalx `schedule.xml`.
    Xml,
    /// pretalx (or frab) `schedule.json`.
    Json,
}

/// A schedule file's items. A file that turns out to be no schedule is an error when the user
/// named it and a note otherwise (`talks check` lists it, with what it looked like), except
/// for files that are never talks (README, NO_PUBLISH.json).
pub fn parse_items(
    format: Format,
    text: &str,
    path: &str,
    file_stem: &str,
    explicit: bool,
) -> (Items, Vec<Diagnostic>) {
    let (parsed, ext) = match format {
        Format::Xml => (frab::parse(text, path, file_stem), "xml"),
        Format::Json => (pretalx::parse(text, path, file_stem), "json"),
    };
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let quiet = !explicit && !sniff::worth_a_note(name);
    match parsed {
        Ok(Some((talks, d))) => (Items::Talks(talks), d),
        Ok(None) if quiet => (Items::Nothing, Vec::new()),
        Ok(None) => {
            let looked_like = sniff::describe(text, ext);
            let d = if explicit {
                Diagnostic::error(path, None, LoadError::Unplaced { looked_like })
            } else {
                Diagnostic::warning(path, None, LoadError::Unplaced { looked_like })
            };
            (Items::Nothing, vec![d])
        }
        // Broken JSON found while walking might be anything; broken XML that starts like a
        // schedule is worth its line number.
        Err(_) if quiet => (Items::Nothing, Vec::new()),
        Err(e) if explicit || looks_like(format, text) => (Items::Nothing, vec![e]),
        Err(_) => {
            let looked_like = sniff::describe(text, ext);
            (
                Items::Nothing,
                vec![Diagnostic::warning(
                    path,
                    None,
                    LoadError::Unplaced { looked_like },
                )],
            )
        }
    }
}

fn looks_like(format: Format, text: &str) -> bool {
    let head = match text.char_indices().nth(2048) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    match format {
        Format::Xml => frab::looks_like(head),
        Format::Json => pretalx::looks_like(head),
    }
}

/// The `<conference>` part.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScheduleConference {
    pub acronym: String,
    pub title: String,
    pub url: Option<String>,
    /// Pentabarf names the city.
    pub city: String,
}

/// One `<event>` as the schedule gives it, before it becomes a talk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Session {
    pub id: String,
    pub guid: String,
    pub slug: String,
    pub title: String,
    pub subtitle: String,
    pub track: String,
    pub kind: String,
    pub language: String,
    pub abstract_text: String,
    pub description: String,
    /// ISO date or date-time of the start.
    pub date: String,
    /// The day's date, when the event has no `date` of its own.
    pub day: String,
    pub room: String,
    /// "00:45", "1:30", or "01:00:00".
    pub duration: String,
    pub persons: Vec<String>,
    /// (href, text).
    pub links: Vec<(String, String)>,
    /// The event's page in the schedule.
    pub url: String,
    /// A recording to watch, when the schedule names one.
    pub recording: String,
    /// 1-based line in the file.
    pub line: usize,
}

/// Talks for the sessions of one schedule. Ids are the acronym (or the file's stem) and the
/// event's id (or guid, or slug), so a re-downloaded schedule keeps every star.
pub fn talks(
    conf: &ScheduleConference,
    sessions: Vec<Session>,
    path: &str,
    file_stem: &str,
) -> Vec<Talk> {
    // Pentabarf (FOSDEM) gives no acronym: the title's slug ("fosdem-2018") keeps the ids of
    // two years' `schedule.xml` apart, where the file name would not.
    let prefix = [conf.acronym.trim().to_string(), slugify(&conf.title)]
        .into_iter()
        .find(|p| !p.is_empty())
        .unwrap_or_else(|| file_stem.to_string());
    let name = if conf.title.trim().is_empty() {
        prefix.clone()
    } else {
        conf.title.trim().to_string()
    };
    let conference = Conference {
        name,
        description: None,
        url: conf.url.clone().filter(|u| !u.trim().is_empty()),
    };
    let mut out = Vec::with_capacity(sessions.len());
    for (n, s) in sessions.into_iter().enumerate() {
        let key = [&s.id, &s.guid, &s.slug]
            .into_iter()
            .map(|k| k.trim())
            .find(|k| !k.is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| format!("event-{}", n + 1));
        let title = match (s.title.trim(), s.subtitle.trim()) {
            ("", "") => continue,
            ("", sub) => sub.to_string(),
            (t, "") => t.to_string(),
            (t, sub) => format!("{t} — {sub}"),
        };
        let mut links: Vec<Link> = Vec::new();
        if let Some(l) = links::link(&s.recording, "recording") {
            push_unique(
                &mut links,
                Link {
                    kind: LinkKind::Video,
                    ..l
                },
            );
        }
        for (href, text) in &s.links {
            if let Some(l) = links::link(href, text) {
                push_unique(&mut links, l);
            }
        }
        if let Some(l) = links::link(&s.url, "") {
            push_unique(
                &mut links,
                Link {
                    kind: LinkKind::Web,
                    ..l
                },
            );
        }
        let track = s.track.trim();
        out.push(Talk {
            id: format!("{prefix}/{key}"),
            title,
            speakers: s
                .persons
                .iter()
                .map(|p| p.trim())
                .filter(|p| !p.is_empty())
                .map(|p| Speaker {
                    name: p.to_string(),
                    company: None,
                    bio: None,
                })
                .collect(),
            date: parse_date(&s.date).or_else(|| parse_date(&s.day)),
            conference: Some(conference.clone()),
            city: Some(conf.city.trim().to_string()).filter(|c| !c.is_empty()),
            language: language::normalize(&s.language),
            tags: if track.is_empty() {
                Vec::new()
            } else {
                vec![track.to_string()]
            },
            categories: Vec::new(),
            abstract_md: abstract_of(&s.abstract_text, &s.description),
            body_md: String::new(),
            links,
            extra: Default::default(),
            origin: Origin {
                path: path.to_string(),
                line: s.line,
            },
            room: Some(s.room.trim().to_string()).filter(|r| !r.is_empty()),
            duration_min: minutes(&s.duration),
            session_type: Some(s.kind.trim().to_string()).filter(|k| !k.is_empty()),
            draft: false,
        });
    }
    out
}

/// Abstract, then description; one of them when the other repeats it. Schedules write plain
/// text or Markdown, so it is kept as written.
fn abstract_of(abstract_text: &str, description: &str) -> String {
    let a = abstract_text.trim();
    let d = description.trim();
    if a.is_empty() || d.starts_with(a) {
        return d.to_string();
    }
    if d.is_empty() || a.starts_with(d) {
        return a.to_string();
    }
    format!("{a}\n\n{d}")
}

/// "00:45" → 45, "1:30" → 90, "01:00:00" → 60; anything else is unknown.
pub fn minutes(s: &str) -> Option<u32> {
    let parts: Vec<&str> = s.trim().split(':').collect();
    let num = |p: &str| p.trim().parse::<u32>().ok();
    let total = match parts.as_slice() {
        [h, m] => num(h)?.checked_mul(60)?.checked_add(num(m)?)?,
        [h, m, _s] => num(h)?.checked_mul(60)?.checked_add(num(m)?)?,
        [m] if !m.is_empty() => num(m)?,
        _ => return None,
    };
    (total > 0).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_table() {
        for (s, want) in [
            ("00:45", Some(45)),
            ("1:30", Some(90)),
            ("01:00:00", Some(60)),
            ("25", Some(25)),
            ("00:00", None),
            ("", None),
            ("soon", None),
            ("99999999:00", None),
        ] {
            assert_eq!(minutes(s), want, "{s:?}");
        }
    }

    #[test]
    fn ids_fall_back_from_id_to_guid_to_slug() {
        let conf = ScheduleConference {
            acronym: "xy".into(),
            ..Default::default()
        };
        let s = |id: &str, guid: &str, slug: &str| Session {
            id: id.into(),
            guid: guid.into(),
            slug: slug.into(),
            title: "T".into(),
            ..Default::default()
        };
        let t = talks(
            &conf,
            vec![
                s("7", "g", "s"),
                s("", "g2", "s"),
                s("", "", "s3"),
                s("", "", ""),
            ],
            "p",
            "stem",
        );
        let ids: Vec<&str> = t.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["xy/7", "xy/g2", "xy/s3", "xy/event-4"]);
        let t = talks(
            &ScheduleConference::default(),
            vec![s("7", "", "")],
            "p",
            "stem",
        );
        assert_eq!(t[0].id, "stem/7");
        assert_eq!(t[0].conference_name(), Some("stem"));
        // No acronym (Pentabarf): the title names the ids.
        let titled = ScheduleConference {
            title: "Brussels Open Days 2018".into(),
            ..Default::default()
        };
        let t = talks(&titled, vec![s("7", "", "")], "p", "schedule");
        assert_eq!(t[0].id, "brussels-open-days-2018/7");
    }
}
