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
            KeyCode::Char(' ') => "Space".into(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            _ => "?".into(),
        };
        match (self.ctrl, self.alt) {
            (true, _) => format!("Ctrl-{base}"),
            (_, true) => format!("Alt-{base}"),
            _ => base,
        }
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
    map: HashMap<Key, Command>,
    /// Keys of each command in the order written, for help.
    keys: Vec<(Command, Vec<Key>)>,
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

    /// Override entries from a user's config; returns problems, one per bad entry.
    pub fn apply(&mut self, table: &toml::Table, source: &str) -> Vec<KeymapError> {
        let mut errors = Vec::new();
        let Some(bindings) = table.get("keybindings").and_then(|v| v.as_table()) else {
            return errors;
        };
        for (name, value) in bindings {
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
                continue;
            };
            let list: Vec<&str> = match value {
                toml::Value::String(s) => vec![s.as_str()],
                toml::Value::Array(a) => a.iter().filter_map(|v| v.as_str()).collect(),
                _ => {
                    errors.push(KeymapError {
                        line,
                        message: format!(
                            "{name}: expected a key like \"q\" or a list like [\"q\", \"ctrl-c\"]"
                        ),
                    });
                    continue;
                }
            };
            let mut keys = Vec::new();
            for k in list {
                match Key::parse(k) {
                    Ok(key) => keys.push(key),
                    Err(e) => errors.push(KeymapError {
                        line,
                        message: format!("{name}: {e}; keys look like \"q\", \"G\", \"ctrl-d\", \"enter\", \"pagedown\", \"f5\""),
                    }),
                }
            }
            // This entry replaces the command's defaults, and takes its keys from others.
            self.map.retain(|_, c| *c != cmd);
            for (_, ks) in &mut self.keys {
                ks.retain(|k| !keys.contains(k));
            }
            self.keys.retain(|(c, _)| *c != cmd);
            for k in &keys {
                self.map.insert(*k, cmd);
            }
            self.keys.push((cmd, keys));
        }
        self.keys
            .sort_by_key(|(c, _)| Command::ALL.iter().position(|x| x == c));
        errors
    }

    pub fn get(&self, key: &Key) -> Option<Command> {
        self.map.get(key).copied()
    }

    /// The keys bound to each command, in the help's order.
    pub fn bindings(&self) -> &[(Command, Vec<Key>)] {
        &self.keys
    }

    pub fn keys_for(&self, cmd: Command) -> Vec<Key> {
        self.keys
            .iter()
            .find(|(c, _)| *c == cmd)
            .map(|(_, k)| k.clone())
            .unwrap_or_default()
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
            assert!(!km.keys_for(*c).is_empty(), "{} has no key", c.name());
        }
    }

    #[test]
    fn user_entries_override_one_by_one_and_errors_name_lines() {
        let mut km = Keymap::default();
        let src = "[keybindings]\nquit = \"x\"\nfly = \"z\"\nhelp = [\"h\", \"ctrl-nope\"]\n";
        let table: toml::Table = toml::from_str(src).unwrap();
        let errors = km.apply(&table, src);
        assert_eq!(km.get(&Key::parse("x").unwrap()), Some(Command::Quit));
        assert_eq!(km.get(&Key::parse("q").unwrap()), None);
        assert_eq!(km.get(&Key::parse("h").unwrap()), Some(Command::Help));
        assert_eq!(km.get(&Key::parse("j").unwrap()), Some(Command::SelectNext));
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].line, Some(3));
        assert!(errors[0].message.contains("select_next"));
        assert_eq!(errors[1].line, Some(4));
    }
}
