//! The user's settings, from `config.toml` in the config dir. A bad entry never stops the app:
//! it is reported with its line and the valid choices, and the default is used instead.

use std::path::{Path, PathBuf};

use ratatui::style::{Color, Style};

use crate::app::keymap::{Keymap, KeymapError};
use crate::app::{Sort, Tab};
use crate::archive::fields::key_line;
use crate::ui::Theme;

/// A commented default, written by `talks config init`.
pub const DEFAULT_CONFIG: &str = r##"# talks configuration. Every entry is optional; delete what you do not change.

# Archives loaded on every start, as if given with --data (~ is your home).
# data = ["~/blog", "~/talks/pgconf-2016.toml"]

# Which Hugo content sections hold talks and which hold posts (these are the defaults; a list
# here replaces them). Academic's `event/` is read too when its pages look like talks.
# talk_sections = ["conf", "confs", "talks", "talk", "conferences", "presentation",
#                  "presentations", "speaking", "session", "sessions"]
# post_sections = ["post", "posts", "blog"]

# The tab and sort shown on a fresh start: "talks" or "posts"; "newest", "oldest", "title"
# or "relevance".
# default_tab = "talks"
# default_sort = "newest"

# Opening an item's detail (Enter) marks it seen, as newsboat does.
# mark_seen_on_open = false

# A talk given again at other events shows as one row (its best match), with "+N runs".
# collapse_runs = false

# How dates are shown: %Y year, %m month, %d day, %b month name (Jan), %e day without zero.
# date_format = "%Y-%m-%d"

# Colours: names (red, lightblue, darkgray…), "#rrggbb" or 0-255. NO_COLOR or --no-color
# turns colours off; marks and highlights then use bold, underline and reverse.
[theme]
# accent = "cyan"
# highlight = "yellow"
# selected_bg = "#282c3c"
# date = "blue"
# speaker = "green"
# conference = "magenta"
# tag = "cyan"
# link = "blue"
# dim = "darkgray"
# error = "red"

# Other names of one person, beyond what folding already joins (case, accents, scripts):
# `talks speakers` and "other talks by" then see one person.
[speakers]
# aliases = { "Oleg Bartunov" = ["O. Bartunov", "Oleg B."] }

# Key bindings, one table per mode: uncomment a table's header and an entry under it to change
# that action's keys in that mode. Every action, with its defaults:
[keybindings]
"##;

/// A problem in config.toml: the line (when known) and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("config.toml{}: {message}", at_line(.line))]
pub struct ConfigError {
    pub line: Option<usize>,
    pub message: String,
}

/// ":3" for line 3, nothing when the line is unknown.
pub(crate) fn at_line(line: &Option<usize>) -> String {
    line.map_or(String::new(), |l| format!(":{l}"))
}

impl ConfigError {
    /// `/home/me/.config/talks/config.toml:3: …`, for messages outside the TUI.
    pub fn at(&self, file: &Path) -> String {
        format!(
            "{}{}: {}",
            file.display(),
            at_line(&self.line),
            self.message
        )
    }
}

impl From<KeymapError> for ConfigError {
    fn from(e: KeymapError) -> Self {
        ConfigError {
            line: e.line,
            message: e.message,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub data: Vec<PathBuf>,
    pub talk_sections: Vec<String>,
    pub post_sections: Vec<String>,
    pub default_tab: Tab,
    pub default_sort: Sort,
    /// Opening an item's detail marks it seen (newsboat's way).
    pub mark_seen_on_open: bool,
    /// `collapse_runs`: one row for a talk and its re-runs.
    pub collapse_runs: bool,
    pub date_format: Option<String>,
    pub theme: Theme,
    pub keymap: Keymap,
    /// `[speakers] aliases`: other names of one person (see `connections::people`).
    pub speaker_aliases: crate::connections::Aliases,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data: Vec::new(),
            talk_sections: crate::archive::hugo::Sections::default().talks,
            post_sections: crate::archive::hugo::Sections::default().posts,
            default_tab: Tab::Talks,
            default_sort: Sort::Newest,
            mark_seen_on_open: false,
            collapse_runs: false,
            date_format: None,
            theme: Theme::default(),
            keymap: Keymap::default(),
            speaker_aliases: Default::default(),
        }
    }
}

const KEYS: &[&str] = &[
    "data",
    "talk_sections",
    "post_sections",
    "default_tab",
    "default_sort",
    "date_format",
    "mark_seen_on_open",
    "collapse_runs",
    "theme",
    "keybindings",
    "speakers",
];

/// Read the config file; a missing file is the defaults, silently.
pub fn load_config(path: &Path, no_color: bool) -> (Config, Vec<ConfigError>) {
    match std::fs::read_to_string(path) {
        Ok(text) => parse_config(&text, no_color),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut c = Config::default();
            if no_color {
                c.theme = Theme::mono();
            }
            (c, Vec::new())
        }
        Err(e) => {
            let mut c = Config::default();
            if no_color {
                c.theme = Theme::mono();
            }
            (
                c,
                vec![ConfigError {
                    line: None,
                    message: format!("cannot read {}: {e}; using the defaults", path.display()),
                }],
            )
        }
    }
}

/// Parse a config; every problem is reported and that entry falls back to its default.
pub fn parse_config(text: &str, no_color: bool) -> (Config, Vec<ConfigError>) {
    let mut c = Config::default();
    if no_color {
        c.theme = Theme::mono();
    }
    let mut errors = Vec::new();
    let table: toml::Table = match toml::from_str(text) {
        Ok(t) => t,
        Err(e) => {
            let line = e
                .span()
                .map(|s| crate::archive::front_matter::line_col(text, s.start).0);
            errors.push(ConfigError {
                line,
                message: format!("{}; using the defaults for everything", e.message().trim()),
            });
            return (c, errors);
        }
    };
    let err = |key: &str, message: String| ConfigError {
        line: key_line(text, key),
        message,
    };
    for key in table.keys() {
        if !KEYS.contains(&key.as_str()) {
            errors.push(err(
                key,
                format!(
                    "unknown setting {key:?}; valid settings: {}",
                    KEYS.join(", ")
                ),
            ));
        }
    }
    let strings = |key: &str, errors: &mut Vec<ConfigError>| -> Option<Vec<String>> {
        match table.get(key)? {
            toml::Value::Array(a) if a.iter().all(|v| v.is_str()) => Some(
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
            ),
            _ => {
                errors.push(err(
                    key,
                    format!("{key} should be a list of strings, like [\"a\", \"b\"]"),
                ));
                None
            }
        }
    };
    if let Some(d) = strings("data", &mut errors) {
        c.data = d.iter().map(|p| expand_home(p)).collect();
    }
    if let Some(s) = strings("talk_sections", &mut errors) {
        c.talk_sections = s;
    }
    if let Some(s) = strings("post_sections", &mut errors) {
        c.post_sections = s;
    }
    let choice = |key: &str, valid: &[&str], errors: &mut Vec<ConfigError>| -> Option<String> {
        let v = table.get(key)?;
        match v.as_str() {
            Some(s) if valid.contains(&s) => Some(s.to_string()),
            _ => {
                errors.push(err(
                    key,
                    format!("{key} should be one of: {}", valid.join(", ")),
                ));
                None
            }
        }
    };
    if let Some(t) = choice("default_tab", &Tab::labels(), &mut errors) {
        c.default_tab = Tab::from_label(&t).unwrap_or_default();
    }
    if let Some(s) = choice("default_sort", &Sort::labels(), &mut errors) {
        c.default_sort = Sort::from_label(&s).unwrap_or_default();
    }
    match table.get("mark_seen_on_open") {
        Some(toml::Value::Boolean(b)) => c.mark_seen_on_open = *b,
        Some(_) => errors.push(err(
            "mark_seen_on_open",
            "mark_seen_on_open should be true or false".into(),
        )),
        None => {}
    }
    match table.get("collapse_runs") {
        Some(toml::Value::Boolean(b)) => c.collapse_runs = *b,
        Some(_) => errors.push(err(
            "collapse_runs",
            "collapse_runs should be true or false".into(),
        )),
        None => {}
    }
    match table.get("date_format") {
        Some(toml::Value::String(s)) => c.date_format = Some(s.clone()),
        Some(_) => errors.push(err(
            "date_format",
            "date_format should be a string like \"%Y-%m-%d\"".into(),
        )),
        None => {}
    }
    if let Some(v) = table.get("speakers") {
        let (aliases, problems) = crate::connections::people::parse_speakers_table(v);
        c.speaker_aliases = aliases;
        errors.extend(problems.into_iter().map(|m| err("speakers", m)));
    }
    if let Some(theme) = table.get("theme") {
        match theme.as_table() {
            Some(t) if !no_color => apply_theme(&mut c.theme, t, text, &mut errors),
            Some(_) => {}
            None => errors.push(err("theme", "theme should be a [theme] table".into())),
        }
    }
    errors.extend(
        c.keymap
            .apply(&table, text)
            .into_iter()
            .map(ConfigError::from),
    );
    (c, errors)
}

fn apply_theme(theme: &mut Theme, t: &toml::Table, text: &str, errors: &mut Vec<ConfigError>) {
    const NAMES: &[&str] = &[
        "accent",
        "highlight",
        "selected_bg",
        "date",
        "speaker",
        "conference",
        "tag",
        "link",
        "dim",
        "error",
    ];
    for (key, value) in t {
        let Some(colour) = value.as_str().and_then(|s| s.parse::<Color>().ok()) else {
            errors.push(ConfigError {
                line: key_line(text, key),
                message: format!(
                    "theme.{key}: not a colour; use a name (red, lightblue), \"#rrggbb\" or 0-255"
                ),
            });
            continue;
        };
        let fg = |s: Style| s.fg(colour);
        match key.as_str() {
            "accent" => {
                theme.border_focus = fg(theme.border_focus);
                theme.key = fg(theme.key);
                theme.tab_active = theme.tab_active.bg(colour);
            }
            "highlight" => theme.highlight = fg(theme.highlight),
            "selected_bg" => theme.selected = theme.selected.bg(colour),
            "date" => theme.date = fg(theme.date),
            "speaker" => theme.speaker = fg(theme.speaker),
            "conference" => theme.conference = fg(theme.conference),
            "tag" => theme.tag = fg(theme.tag),
            "link" => theme.link = fg(theme.link),
            "dim" => {
                theme.dim = fg(theme.dim);
                theme.border = fg(theme.border);
            }
            "error" => theme.error = fg(theme.error),
            _ => errors.push(ConfigError {
                line: key_line(text, key),
                message: format!("unknown theme colour {key:?}; valid: {}", NAMES.join(", ")),
            }),
        }
    }
}

fn expand_home(p: &str) -> PathBuf {
    if let Some(rest) = p.strip_prefix("~/")
        && let Some(home) = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf())
    {
        return home.join(rest);
    }
    PathBuf::from(p)
}

/// The default config with every key binding listed, for `talks config init`.
pub fn default_config_text() -> String {
    let mut s = DEFAULT_CONFIG.to_string();
    for line in crate::app::keymap::DEFAULT_KEYBINDINGS.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if line.starts_with('[') {
            s.push('\n');
        }
        s.push_str("# ");
        s.push_str(line);
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_config_parses_cleanly() {
        let (_, errors) = parse_config(&default_config_text(), false);
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn uncommenting_the_default_bindings_gives_the_defaults() {
        let text: String = default_config_text()
            .lines()
            .skip_while(|l| *l != "[keybindings]")
            .map(|l| l.strip_prefix("# ").unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n");
        let (c, errors) = parse_config(&text, false);
        assert!(errors.is_empty(), "{errors:?}");
        let key = |k: &str| crate::app::keymap::Key::parse(k).unwrap();
        use crate::app::{Command, KeyMode};
        assert_eq!(
            c.keymap.lookup(&[KeyMode::Search], &key("ctrl-w")),
            Some(Command::DeleteWord)
        );
        assert_eq!(
            c.keymap.lookup(&[KeyMode::Detail], &key("backspace")),
            Some(Command::GoBack)
        );
    }

    #[test]
    fn bad_entries_name_line_and_choices_and_keep_defaults() {
        let text = "default_tab = \"videos\"\ncolour = 1\n[theme]\ndate = \"nope\"\nspeaker = \"red\"\n[keybindings]\nquit = \"x\"\nfly = \"y\"\n";
        let (c, errors) = parse_config(text, false);
        let lines: Vec<Option<usize>> = errors.iter().map(|e| e.line).collect();
        assert_eq!(c.default_tab, Tab::Talks);
        assert_eq!(c.theme.speaker.fg, Some(Color::Red));
        assert!(
            errors.iter().any(|e| e.message.contains("talks, posts")),
            "{errors:?}"
        );
        assert!(errors.iter().any(|e| e.message.contains("unknown action")));
        assert!(
            lines.contains(&Some(1))
                && lines.contains(&Some(2))
                && lines.contains(&Some(4))
                && lines.contains(&Some(8)),
            "{lines:?}"
        );
        assert_eq!(
            c.keymap.get(&crate::app::keymap::Key::parse("x").unwrap()),
            Some(crate::app::Command::Quit)
        );
    }

    #[test]
    fn syntax_error_keeps_defaults() {
        let (c, errors) = parse_config("default_tab = \n", false);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, Some(1));
        assert_eq!(c.default_sort, Sort::Newest);
    }
}
