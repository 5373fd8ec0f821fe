//! pretalx's (and frab's) `schedule.json`: the same programme as `schedule.xml`, as
//! `schedule.conference.days[].rooms{name: [events]}`. Read leniently: a field of the wrong
//! type is left empty, never a failed file.

use serde_json::{Map, Value};

use super::{Parsed, ScheduleConference, Session, talks};
use crate::archive::error::{Diagnostic, LoadError};
use crate::archive::pyvideo::json_message;

/// Whether the start of a JSON file looks like a schedule export.
pub fn looks_like(head: &str) -> bool {
    head.contains("\"schedule\"")
        && (head.contains("\"conference\"") || head.contains("\"version\""))
}

/// The talks of a `schedule.json`. `Ok(None)` when the JSON is something else.
pub fn parse(text: &str, path: &str, file_stem: &str) -> Result<Option<Parsed>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| {
        Diagnostic::error(
            path,
            Some(e.line().max(1)),
            LoadError::Json(json_message(&e)),
        )
        .with_column(Some(e.column().max(1)))
    })?;
    let Some(Value::Object(conf)) = value.get("schedule").and_then(|s| s.get("conference")) else {
        return Ok(None);
    };
    let schedule_url = value
        .get("schedule")
        .and_then(|s| s.get("url").or_else(|| s.get("base_url")))
        .and_then(Value::as_str);
    let meta = ScheduleConference {
        acronym: string(conf, "acronym"),
        title: string(conf, "title"),
        url: Some(string(conf, "url"))
            .filter(|u| !u.is_empty())
            .or_else(|| schedule_url.map(str::to_string)),
        city: string(conf, "city"),
    };
    let mut sessions = Vec::new();
    for day in conf
        .get("days")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let Some(day) = day.as_object() else { continue };
        let date = string(day, "date");
        let Some(rooms) = day.get("rooms").and_then(Value::as_object) else {
            continue;
        };
        for (room, events) in rooms {
            for e in events.as_array().into_iter().flatten() {
                if let Some(e) = e.as_object() {
                    sessions.push(session(e, room, &date));
                }
            }
        }
    }
    // Rooms come back in name order; the programme's order is by time.
    sessions.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.room.cmp(&b.room)));
    let mut diags = Vec::new();
    if sessions.is_empty() {
        diags.push(Diagnostic::warning(path, None, LoadError::NothingFound));
    }
    Ok(Some((talks(&meta, sessions, path, file_stem), diags)))
}

/// A string or number field as text; anything else is empty.
fn string(m: &Map<String, Value>, key: &str) -> String {
    match m.get(key) {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        // pretalx gives `track` as a name, some exports as `{name: ...}`.
        Some(Value::Object(o)) => o
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        _ => String::new(),
    }
}

fn session(e: &Map<String, Value>, room: &str, day: &str) -> Session {
    let persons = e
        .get("persons")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|p| match p {
            Value::String(s) => Some(s.clone()),
            Value::Object(o) => ["public_name", "full_public_name", "name"]
                .iter()
                .find_map(|k| o.get(*k).and_then(Value::as_str))
                .map(str::to_string),
            _ => None,
        })
        .collect();
    let links = ["links", "attachments"]
        .iter()
        .flat_map(|k| e.get(*k).and_then(Value::as_array).into_iter().flatten())
        .filter_map(|l| match l {
            Value::String(s) => Some((s.clone(), String::new())),
            Value::Object(o) => {
                let url = o.get("url").or_else(|| o.get("href"))?.as_str()?;
                Some((url.to_string(), string(o, "title")))
            }
            _ => None,
        })
        .collect();
    let own_room = string(e, "room");
    Session {
        id: string(e, "id"),
        guid: string(e, "guid"),
        slug: string(e, "slug"),
        title: string(e, "title"),
        subtitle: string(e, "subtitle"),
        track: string(e, "track"),
        kind: string(e, "type"),
        language: string(e, "language"),
        abstract_text: string(e, "abstract"),
        description: string(e, "description"),
        date: string(e, "date"),
        day: day.to_string(),
        room: if own_room.is_empty() {
            room.to_string()
        } else {
            own_room
        },
        duration: string(e, "duration"),
        persons,
        links,
        url: string(e, "url"),
        recording: string(e, "video_download_url"),
        line: 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::LinkKind;

    const JSON: &str = r#"{
  "schedule": {
    "version": "1.2",
    "base_url": "https://talks.pinecon.example/2023/schedule/",
    "conference": {
      "acronym": "pine23",
      "title": "PineCon 2023",
      "days": [
        {"index": 1, "date": "2023-10-12", "rooms": {
          "Main Hall": [{
            "id": 4101, "guid": "c0ffee-1", "code": "ABCD",
            "date": "2023-10-12T10:00:00+02:00", "start": "10:00", "duration": "00:25",
            "room": "Main Hall", "slug": "pine23-4101-roots",
            "url": "https://talks.pinecon.example/2023/talk/ABCD/",
            "title": "Roots", "subtitle": "", "track": "Ecology", "type": "Talk",
            "language": "de", "abstract": "Under the forest.", "description": "",
            "persons": [{"code": "X1", "public_name": "Greta Holm"}, {"name": "Ivo Petrov"}],
            "links": [{"title": "Slides", "url": "https://files.pinecon.example/roots.pdf"}],
            "attachments": [{"title": "Notebook", "url": "https://files.pinecon.example/roots.ipynb"}]
          }],
          "Annex": [{"guid": "c0ffee-2", "title": "Bark", "persons": [], "track": null}]
        }}
      ]
    }
  }
}"#;

    #[test]
    fn every_field_of_an_event() {
        let (talks, diags) = parse(JSON, "schedule.json", "schedule").unwrap().unwrap();
        assert!(diags.is_empty());
        assert_eq!(talks.len(), 2);
        // Sorted by time: the event with a start comes after the one without.
        let t = talks.iter().find(|t| t.title == "Roots").unwrap();
        assert_eq!(t.id, "pine23/4101");
        assert_eq!(t.speaker_names(), "Greta Holm, Ivo Petrov");
        assert_eq!(t.conference_name(), Some("PineCon 2023"));
        assert_eq!(t.date.unwrap().to_string(), "2023-10-12");
        assert_eq!(t.language.as_deref(), Some("de"));
        assert_eq!(t.tags, ["Ecology"]);
        assert_eq!(t.session_type.as_deref(), Some("Talk"));
        assert_eq!(t.room.as_deref(), Some("Main Hall"));
        assert_eq!(t.duration_min, Some(25));
        assert_eq!(t.abstract_md, "Under the forest.");
        let links: Vec<LinkKind> = t.links.iter().map(|l| l.kind).collect();
        assert_eq!(links, [LinkKind::Slides, LinkKind::Code, LinkKind::Web]);
        let b = talks.iter().find(|t| t.title == "Bark").unwrap();
        assert_eq!(b.id, "pine23/c0ffee-2");
        assert_eq!(b.room.as_deref(), Some("Annex"));
        assert_eq!(b.date.unwrap().to_string(), "2023-10-12");
        assert!(b.tags.is_empty());
    }

    #[test]
    fn broken_or_foreign_json() {
        let e = parse("{\n\"schedule\": [,\n}", "s.json", "s").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(parse(r#"{"title": "x"}"#, "s.json", "s").unwrap().is_none());
        assert!(looks_like(&JSON[..200]));
        assert!(!looks_like(r#"{"title": "Generators", "speakers": []}"#));
    }
}
