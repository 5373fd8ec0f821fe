//! Colours and styles in one place. `mono` is for NO_COLOR: it uses bold, underline and reverse
//! only, so nothing is told by colour alone.

use ratatui::style::{Color, Modifier, Style};

use super::markdown::MdStyles;

#[derive(Debug, Clone)]
pub struct Theme {
    pub title: Style,
    pub bar: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub border: Style,
    pub border_focus: Style,
    pub selected: Style,
    pub highlight: Style,
    pub dim: Style,
    pub date: Style,
    pub speaker: Style,
    pub conference: Style,
    pub tag: Style,
    pub link: Style,
    pub error: Style,
    pub message: Style,
    pub key: Style,
    pub md: MdStyles,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            title: Style::new().add_modifier(Modifier::BOLD),
            bar: Style::new(),
            tab: Style::new().fg(Color::Gray),
            tab_active: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::DarkGray),
            border_focus: Style::new().fg(Color::Cyan),
            selected: Style::new()
                .bg(Color::Rgb(58, 64, 92))
                .add_modifier(Modifier::BOLD),
            highlight: Style::new()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            dim: Style::new().fg(Color::DarkGray),
            date: Style::new().fg(Color::Blue),
            speaker: Style::new().fg(Color::Green),
            conference: Style::new().fg(Color::Magenta),
            tag: Style::new().fg(Color::Cyan),
            link: Style::new()
                .fg(Color::Blue)
                .add_modifier(Modifier::UNDERLINED),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            message: Style::new().fg(Color::Yellow),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            md: MdStyles::default(),
        }
    }
}

impl Theme {
    /// No colours at all (NO_COLOR, --no-color).
    pub fn mono() -> Theme {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            title: bold,
            bar: plain,
            tab: plain,
            tab_active: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            border: plain,
            border_focus: bold,
            selected: Style::new().add_modifier(Modifier::REVERSED),
            highlight: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            dim: plain,
            date: plain,
            speaker: plain,
            conference: plain,
            tag: plain,
            link: Style::new().add_modifier(Modifier::UNDERLINED),
            error: bold,
            message: bold,
            key: bold,
            md: MdStyles {
                heading: bold,
                emphasis: Style::new().add_modifier(Modifier::ITALIC),
                strong: bold,
                code: plain,
                link: Style::new().add_modifier(Modifier::UNDERLINED),
                url: plain,
                quote: plain,
                list_marker: plain,
                image: plain,
            },
        }
    }
}
