//! How `list` and `search` print items: JSON Lines, a `--format` template, aligned columns
//! that fit a terminal, or whole tab-separated fields for a pipe (no cutting, no colour).

use std::io::{self, IsTerminal, Write};

use crate::item::{Item, ShortIds, plan_columns, text_width};

/// Field names a `--format` template may use.
pub const FIELDS: &[&str] = &[
    "id",
    "kind",
    "date",
    "year",
    "title",
    "speakers",
    "companies",
    "conference",
    "city",
    "language",
    "tags",
    "url",
    "video",
    "slides",
    "source",
];

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Field(String),
}

/// A parsed `--format` string: `{field}` is replaced, `\t` `\n` `\\` are escapes, `{{` and
/// `}}` are literal braces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template(Vec<Piece>);

impl Template {
    pub fn parse(s: &str) -> Result<Template, String> {
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some('t') => text.push('\t'),
                    Some('n') => text.push('\n'),
                    Some('\\') => text.push('\\'),
                    Some(o) => {
                        text.push('\\');
                        text.push(o);
                    }
                    None => text.push('\\'),
                },
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    text.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    text.push('}');
                }
                '{' => {
                    let name: String = chars.by_ref().take_while(|&c| c != '}').collect();
                    let name = name.trim().to_string();
                    if !FIELDS.contains(&name.as_str()) {
                        return Err(format!(
                            "--format: unknown field {{{name}}}; fields: {}",
                            FIELDS.join(", ")
                        ));
                    }
                    if !text.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(Piece::Field(name));
                }
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Ok(Template(pieces))
    }

    pub fn render(&self, item: &Item<'_>) -> String {
        self.0
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.clone(),
                Piece::Field(f) => item.field(f).unwrap_or_default(),
            })
            .collect()
    }
}

/// The chosen way to print.
pub enum Style {
    Json,
    Template(Template),
    /// A person at a terminal this many columns wide.
    Terminal(usize),
    Pipe,
}

impl Style {
    /// `--json`, else `--format`, else by whether standard output is a terminal.
    pub fn choose(json: bool, format: Option<&str>) -> Result<Style, String> {
        if json {
            return Ok(Style::Json);
        }
        if let Some(f) = format {
            return Template::parse(f).map(Style::Template);
        }
        Ok(if io::stdout().is_terminal() {
            Style::Terminal(terminal_width())
        } else {
            Style::Pipe
        })
    }

    pub fn is_terminal(&self) -> bool {
        matches!(self, Style::Terminal(_))
    }

    /// Print `items` (with search scores when given), one per line.
    pub fn print(
        &self,
        items: &[(Item<'_>, Option<i64>)],
        short: &ShortIds,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let widths = match self {
            Style::Terminal(w) => {
                let mut widest = [0; 4];
                for (item, _) in items {
                    for (m, text) in widest.iter_mut().zip(item.columns(short)) {
                        *m = (*m).max(text_width(&text));
                    }
                }
                plan_columns(widest, *w)
            }
            _ => [0; 4],
        };
        for (item, score) in items {
            match self {
                Style::Json => writeln!(out, "{}", item.json_line(*score))?,
                Style::Template(t) => writeln!(out, "{}", t.render(item))?,
                Style::Terminal(_) => writeln!(out, "{}", item.terminal_row(widths, short))?,
                Style::Pipe => writeln!(out, "{}", item.pipe_row())?,
            }
        }
        Ok(())
    }
}

/// `COLUMNS` when set (as by most shells), else the terminal's size, else 100.
fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&w| w > 0)
        .or_else(|| crossterm::terminal::size().ok().map(|(w, _)| w as usize))
        .unwrap_or(100)
        .max(40)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_take_fields_and_escapes() {
        let t = Template::parse(r"{id}\t{date}\t{{x}}\n").unwrap();
        assert_eq!(
            t.0,
            vec![
                Piece::Field("id".into()),
                Piece::Text("\t".into()),
                Piece::Field("date".into()),
                Piece::Text("\t{x}\n".into()),
            ]
        );
    }

    #[test]
    fn an_unknown_field_is_an_error_that_lists_the_fields() {
        let e = Template::parse("{titel}").unwrap_err();
        assert!(
            e.contains("unknown field {titel}") && e.contains("speakers"),
            "{e}"
        );
    }
}
