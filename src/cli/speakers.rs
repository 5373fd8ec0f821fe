//! `talks speakers [QUERY]`: the people of the archive, every spelling of a name as one
//! person. One person matched: their view (names, companies over time, talks by year,
//! co-speakers); several: one line each, most talks first.

use std::io::{self, Write};

use serde_json::json;

use crate::archive::Archive;
use crate::connections::{Aliases, People, Person};
use crate::item::{Item, ShortIds};
use crate::session::Outcome;
use crate::ui::sanitize::sanitize_line;

fn years(p: &Person) -> String {
    match (p.first, p.last) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => String::new(),
    }
}

fn person_json(p: &Person) -> serde_json::Value {
    json!({
        "name": p.name,
        "aliases": p.aliases,
        "companies": p.companies.iter().map(|c| c.company.as_str()).collect::<Vec<_>>(),
        "talks": p.talks.len(),
        "first": p.first,
        "last": p.last,
    })
}

/// One person in full, as a terminal shows it.
fn person_view(archive: &Archive, people: &People, p: &Person) -> String {
    let mut s = format!("{}\n", sanitize_line(&p.name));
    if !p.aliases.is_empty() {
        let names: Vec<String> = p
            .aliases
            .iter()
            .map(|a| sanitize_line(a).into_owned())
            .collect();
        s += &format!("  also: {}\n", names.join(", "));
    }
    s += &format!("  {} talks  {}\n", p.talks.len(), years(p));
    if !p.companies.is_empty() {
        s += "\nCompanies\n";
        for c in &p.companies {
            let span = match (c.first, c.last) {
                (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
                (Some(a), _) => a.to_string(),
                _ => String::new(),
            };
            s += &format!("  {span:<9}  {}\n", sanitize_line(&c.company));
        }
    }
    let short = ShortIds::new(archive);
    for (year, talks) in p.talks_by_year(&archive.talks) {
        s += &format!(
            "\n{}\n",
            year.map_or_else(|| "Undated".to_string(), |y| y.to_string())
        );
        for t in talks {
            let item = Item::Talk(&archive.talks[t as usize]);
            let event = item.field("conference").unwrap_or_default();
            s += &format!(
                "  {}  {}  [{}]\n",
                item.field("title").unwrap_or_default(),
                if event.is_empty() {
                    String::new()
                } else {
                    format!("({event})")
                },
                sanitize_line(short.short(item.id()))
            );
        }
    }
    if !p.co_speakers.is_empty() {
        s += "\nWith\n";
        for &(o, n) in p.co_speakers.iter().take(20) {
            s += &format!(
                "  {} ({n})\n",
                sanitize_line(&people.persons[o as usize].name)
            );
        }
    }
    s
}

pub fn run(
    archive: &Archive,
    aliases: &Aliases,
    query: &str,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let people = People::build(&archive.talks.all(), aliases);
    let found = people.matching(query);
    if found.is_empty() {
        if query.trim().is_empty() {
            writeln!(err, "talks: no talk in this archive names a speaker")?;
        } else {
            let q = sanitize_line(query);
            writeln!(
                err,
                "talks: no speaker like {q:?}; `talks speakers` lists them all"
            )?;
        }
        return Ok(Outcome::NothingFound);
    }
    if json {
        for p in &found {
            writeln!(
                out,
                "{}",
                crate::item::escape_json_specials(&person_json(p).to_string())
            )?;
        }
    } else if let [one] = found.as_slice()
        && !query.trim().is_empty()
    {
        write!(out, "{}", person_view(archive, &people, one))?;
    } else {
        for p in &found {
            let companies: Vec<&str> = p.companies.iter().map(|c| c.company.as_str()).collect();
            writeln!(
                out,
                "{}",
                sanitize_line(&format!(
                    "{:<30}  {:>4}  {:<9}  {}{}",
                    p.name,
                    p.talks.len(),
                    years(p),
                    companies.join(", "),
                    if p.aliases.is_empty() {
                        String::new()
                    } else {
                        format!("  (also {})", p.aliases.join(", "))
                    }
                ))
                .trim_end()
            )?;
        }
    }
    Ok(Outcome::Ok)
}
