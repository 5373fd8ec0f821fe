//! Keys to actions, in exactly one place. Defaults live in an embedded TOML file; a user's
//! `[keybindings]` table overrides them entry by entry. Knows crossterm's key events only.

use std::collections::HashMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Command;

/// The default bindings, also the documentation of the format.
pub const DEFAULT_KEYBINDINGS: &str = include_str!("keybindings.toml");

/// A key as written in config files: "q", "ctrl-c", "pagedown", "G", "?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub fn from_event(ev: &KeyEvent) -> Key {
        Key {
            code: ev.code,
            ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
            alt: ev.modifiers.contains(KeyModifiers::ALT),
        }
    }

    pub fn parse(s: &str) -> Result<Key, String> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = s;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "space" => KeyCode::Char(' '),
            "delete" => KeyCode::Delete,
            f if f.len() > 1 && f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            one if one.chars().count() == 1 => KeyCode::Char(one.chars().next().unwrap_or(' ')),
            _ => return Err(format!("unknown key {s:?}")),
        };
        Ok(Key { code, ctrl, alt })
    }

    /// How the help screen writes the key.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Backspace => "Bksp".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Insert => "Ins".into(),
            KeyCode::Char(' ') => "Space".into(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            _ => "?".into(),
        };
        // Ctrl-F, Alt-S, as menus write them (the key is the same with or without Shift).
        let upper = |b: String| {
            if b.chars().count() == 1 {
                b.to_uppercase()
            } else {
                b
            }
        };
        match (self.ctrl, self.alt) {
            (true, _) => format!("Ctrl-{}", upper(base)),
            (_, true) => format!("Alt-{}", upper(base)),
            _ => base,
        }
    }
}

/// Where a key is pressed. The main screen looks keys up in the focused pane's table (list or
/// detail), then the search line's, then the global one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyMode {
    Global,
    Search,
    List,
    Detail,
    Picker,
    Help,
    Prompt,
}

impl KeyMode {
    /// In the help's order.
    pub const ALL: [KeyMode; 7] = [
        KeyMode::Global,
        KeyMode::Search,
        KeyMode::List,
        KeyMode::Detail,
        KeyMode::Picker,
        KeyMode::Help,
        KeyMode::Prompt,
    ];

    /// The table name under `[keybindings]`.
    pub fn name(self) -> &'static str {
        match self {
            KeyMode::Global => "global",
            KeyMode::Search => "search",
            KeyMode::List => "list",
            KeyMode::Detail => "detail",
            KeyMode::Picker => "picker",
            KeyMode::Help => "help",
            KeyMode::Prompt => "prompt",
        }
    }

    /// The heading in the help screen.
    pub fn title(self) -> &'static str {
        match self {
            KeyMode::Global => "Everywhere",
            KeyMode::Search => "Search line",
            KeyMode::List => "Results list",
            KeyMode::Detail => "Detail (reading)",
            KeyMode::Picker => "Filter picker",
            KeyMode::Help => "Help",
            KeyMode::Prompt => "Link prompt",
        }
    }

    pub fn from_name(s: &str) -> Option<KeyMode> {
        KeyMode::ALL.into_iter().find(|m| m.name() == s)
    }
}

/// A problem in a `[keybindings]` table, with the line and the valid choices.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("keybindings{}: {message}", .line.map_or(String::new(), |l| format!(" line {l}")))]
pub struct KeymapError {
    pub line: Option<usize>,
    pub message: String,
}

#[derive(Debug, Clone)]
pub struct Keymap {
    map: HashMap<(KeyMode, Key), Command>,
    /// Keys of each command per mode, in the order written, for help.
    keys: Vec<(KeyMode, Command, Vec<Key>)>,
}

impl Default for Keymap {
    fn default() -> Self {
        // The embedded defaults are tested to parse; an empty map is the fallback anyway.
        Keymap::from_toml(DEFAULT_KEYBINDINGS)
            .map(|(k, _)| k)
            .unwrap_or_else(|_| Keymap {
                map: HashMap::new(),
                keys: Vec::new(),
            })
    }
}

impl Keymap {
    /// Parse a `[keybindings]` table (values: a key or a list of keys). Entries that are wrong
    /// are reported and skipped; the others apply.
    pub fn from_toml(text: &str) -> Result<(Keymap, Vec<KeymapError>), String> {
        let table: toml::Table = toml::from_str(text).map_err(|e| e.message().to_string())?;
        let mut km = Keymap {
            map: HashMap::new(),
            keys: Vec::new(),
        };
        let errors = km.apply(&table, text);
        Ok((km, errors))
    }

    /// Override entries from a user's config; returns problems, one per bad entry. Entries
    /// directly under `[keybindings]` (the older, flat form) belong to the global table.
    pub fn apply(&mut self, table: &toml::Table, source: &str) -> Vec<KeymapError> {
        let mut errors = Vec::new();
        let Some(bindings) = table.get("keybindings").and_then(|v| v.as_table()) else {
            return errors;
        };
        for (name, value) in bindings {
            if let toml::Value::Table(t) = value {
                match KeyMode::from_name(name) {
                    Some(mode) => {
                        for (cmd, keys) in t {
                            self.apply_entry(mode, cmd, keys, source, &mut errors);
                        }
                    }
                    None => {
                        let valid: Vec<&str> = KeyMode::ALL.iter().map(|m| m.name()).collect();
                        errors.push(KeymapError {
                            line: crate::archive::fields::key_line(source, name),
                            message: format!(
                                "unknown mode [keybindings.{name}]; valid modes: {}",
                                valid.join(", ")
                            ),
                        });
                    }
                }
            } else {
                self.apply_entry(KeyMode::Global, name, value, source, &mut errors);
            }
        }
        self.keys
            .sort_by_key(|(mode, c, _)| (*mode, Command::ALL.iter().position(|x| x == c)));
        errors
    }

    fn apply_entry(
        &mut self,
        mode: KeyMode,
        name: &str,
        value: &toml::Value,
        source: &str,
        errors: &mut Vec<KeymapError>,
    ) {
        let line = crate::archive::fields::key_line(source, name);
        let Some(cmd) = Command::from_name(name) else {
            let valid: Vec<&str> = Command::ALL.iter().map(|c| c.name()).collect();
            errors.push(KeymapError {
                line,
                message: format!(
                    "unknown action {name:?}; valid actions: {}",
                    valid.join(", ")
                ),
            });
            return;
        };
        let list: Vec<&str> = match value {
            toml::Value::String(s) => vec![s.as_str()],
            toml::Value::Array(a) => a.iter().filter_map(|v| v.as_str()).collect(),
            _ => {
                errors.push(KeymapError {
                    line,
                    message: format!(
                        "{name}: expected a key like \"ctrl-s\" or a list like [\"f1\", \"alt-h\"]"
                    ),
                });
                return;
            }
        };
        let mut keys = Vec::new();
        for k in list {
            match Key::parse(k) {
                Ok(key) => keys.push(key),
                Err(e) => errors.push(KeymapError {
                    line,
                    message: format!(
                        "{name}: {e}; keys look like \"ctrl-d\", \"alt-s\", \"enter\", \"pagedown\", \"f5\""
                    ),
                }),
            }
        }
        // This entry replaces the command's keys in this mode, and takes its keys from others.
        self.map.retain(|(m, _), c| !(*m == mode && *c == cmd));
        for (m, _, ks) in &mut self.keys {
            if *m == mode {
                ks.retain(|k| !keys.contains(k));
            }
        }
        self.keys.retain(|(m, c, _)| !(*m == mode && *c == cmd));
        for k in &keys {
            self.map.insert((mode, *k), cmd);
        }
        self.keys.push((mode, cmd, keys));
    }

    /// The command of a key in the first of `modes` that binds it.
    pub fn lookup(&self, modes: &[KeyMode], key: &Key) -> Option<Command> {
        modes
            .iter()
            .find_map(|m| self.map.get(&(*m, *key)).copied())
    }

    /// The command of a key on the main screen with the list focused.
    pub fn get(&self, key: &Key) -> Option<Command> {
        self.lookup(&[KeyMode::List, KeyMode::Search, KeyMode::Global], key)
    }

    /// The keys bound in one mode, in the help's order.
    pub fn bindings(&self, mode: KeyMode) -> impl Iterator<Item = (Command, &[Key])> {
        self.keys
            .iter()
            .filter(move |(m, _, ks)| *m == mode && !ks.is_empty())
            .map(|(_, c, ks)| (*c, ks.as_slice()))
    }

    /// The keys of a command in the first of `modes` that has any, for hints.
    pub fn keys_in(&self, modes: &[KeyMode], cmd: Command) -> Vec<Key> {
        for m in modes {
            let ks: Vec<Key> = self
                .keys
                .iter()
                .filter(|(mm, c, _)| mm == m && *c == cmd)
                .flat_map(|(_, _, ks)| ks.iter().copied())
                .collect();
            if !ks.is_empty() {
                return ks;
            }
        }
        Vec::new()
    }

    /// The keys of a command on the main screen.
    pub fn keys_for(&self, cmd: Command) -> Vec<Key> {
        self.keys_in(&[KeyMode::List, KeyMode::Search, KeyMode::Global], cmd)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse_and_cover_every_command() {
        let (km, errors) = Keymap::from_toml(DEFAULT_KEYBINDINGS).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        for c in Command::ALL {
            let any = KeyMode::ALL
                .iter()
                .any(|m| !km.keys_in(&[*m], *c).is_empty());
            assert!(any, "{} has no key", c.name());
        }
    }

    #[test]
    fn no_default_key_of_the_main_screen_is_a_printable_character() {
        let km = Keymap::default();
        for mode in [
            KeyMode::Global,
            KeyMode::Search,
            KeyMode::List,
            KeyMode::Detail,
        ] {
            for (cmd, keys) in km.bindings(mode) {
                for k in keys {
                    let typed = matches!(k.code, KeyCode::Char(_)) && !k.ctrl && !k.alt;
                    assert!(!typed, "{} = {} in {}", cmd.name(), k.label(), mode.name());
                }
            }
        }
    }

    #[test]
    fn user_entries_override_one_by_one_and_errors_name_lines() {
        let mut km = Keymap::default();
        let src = "[keybindings]\nquit = \"f12\"\nfly = \"z\"\nhelp = [\"f11\", \"ctrl-nope\"]\n[keybindings.search]\ncursor_left = \"ctrl-b\"\n[keybindings.moon]\nx = \"y\"\n";
        let table: toml::Table = toml::from_str(src).unwrap();
        let errors = km.apply(&table, src);
        assert_eq!(km.get(&Key::parse("f12").unwrap()), Some(Command::Quit));
        assert_eq!(km.get(&Key::parse("ctrl-q").unwrap()), None);
        assert_eq!(km.get(&Key::parse("f11").unwrap()), Some(Command::Help));
        assert_eq!(
            km.get(&Key::parse("down").unwrap()),
            Some(Command::SelectNext)
        );
        assert_eq!(
            km.get(&Key::parse("ctrl-b").unwrap()),
            Some(Command::CursorLeft)
        );
        assert_eq!(km.get(&Key::parse("left").unwrap()), None);
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert_eq!(errors[0].line, Some(3));
        assert!(errors[0].message.contains("select_next"));
        assert_eq!(errors[1].line, Some(4));
        assert!(errors[2].message.contains("valid modes"), "{errors:?}");
    }
}
