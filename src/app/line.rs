//! Editing a line of text the way a shell does: a cursor (a byte offset on a char boundary),
//! words for Alt-B/F and Ctrl-W, and a window that keeps the cursor in view. Pure functions.

use unicode_width::UnicodeWidthChar;

use super::action::Command;

/// Apply a line-editing command; returns whether the text changed. Commands that are not
/// line editing do nothing.
pub fn edit(text: &mut String, cursor: &mut usize, cmd: Command) -> bool {
    *cursor = (*cursor).min(text.len());
    while !text.is_char_boundary(*cursor) {
        *cursor -= 1;
    }
    let before = text.len();
    match cmd {
        Command::CursorLeft => *cursor = prev_char(text, *cursor),
        Command::CursorRight => *cursor = next_char(text, *cursor),
        Command::LineStart => *cursor = 0,
        Command::LineEnd => *cursor = text.len(),
        Command::WordLeft => *cursor = word_start(text, *cursor),
        Command::WordRight => *cursor = word_end(text, *cursor),
        Command::DeleteBack => {
            let p = prev_char(text, *cursor);
            text.replace_range(p..*cursor, "");
            *cursor = p;
        }
        Command::DeleteForward => {
            let n = next_char(text, *cursor);
            text.replace_range(*cursor..n, "");
        }
        Command::DeleteWord => {
            // Like a shell's Ctrl-W: the spaces before the cursor, then the word before them.
            let trimmed = text[..*cursor].trim_end().len();
            let start = text[..trimmed].rfind(' ').map_or(0, |i| i + 1);
            text.replace_range(start..*cursor, "");
            *cursor = start;
        }
        Command::ClearLine => {
            text.replace_range(..*cursor, "");
            *cursor = 0;
        }
        _ => {}
    }
    text.len() != before
}

/// Insert text at the cursor (a typed char or a paste); line breaks become spaces.
pub fn insert(text: &mut String, cursor: &mut usize, s: &str) {
    *cursor = (*cursor).min(text.len());
    let clean: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    text.insert_str(*cursor, &clean);
    *cursor += clean.len();
}

fn prev_char(s: &str, i: usize) -> usize {
    s[..i].char_indices().next_back().map_or(0, |(p, _)| p)
}

fn next_char(s: &str, i: usize) -> usize {
    s[i..].chars().next().map_or(i, |c| i + c.len_utf8())
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn word_start(s: &str, i: usize) -> usize {
    let mut pos = i;
    let mut seen_word = false;
    for (p, c) in s[..i].char_indices().rev() {
        if is_word(c) {
            seen_word = true;
            pos = p;
        } else if seen_word {
            break;
        } else {
            pos = p;
        }
    }
    if seen_word { pos } else { 0 }
}

fn word_end(s: &str, i: usize) -> usize {
    let mut seen_word = false;
    for (p, c) in s[i..].char_indices() {
        if is_word(c) {
            seen_word = true;
        } else if seen_word {
            return i + p;
        }
    }
    s.len()
}

/// The part of `text` to show in `width` columns so the cursor is visible: (first byte shown,
/// the cursor's column in the window). Scrolls only as far as needed, leaving a column for the
/// cursor at the end.
pub fn window(text: &str, cursor: usize, width: usize) -> (usize, usize) {
    let cursor = cursor.min(text.len());
    let width = width.max(1);
    let col = |from: usize, to: usize| -> usize {
        text[from..to].chars().map(|c| c.width().unwrap_or(0)).sum()
    };
    let mut start = 0;
    while col(start, cursor) >= width {
        start = next_char(text, start);
    }
    (start, col(start, cursor))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, cursor: usize, cmds: &[Command]) -> (String, usize) {
        let mut t = text.to_string();
        let mut c = cursor;
        for cmd in cmds {
            edit(&mut t, &mut c, *cmd);
        }
        (t, c)
    }

    #[test]
    fn editing_table() {
        use Command::*;
        let cases: &[(&str, usize, &[Command], &str, usize)] = &[
            ("fontaine", 8, &[CursorLeft, CursorLeft], "fontaine", 6),
            ("fontaine", 8, &[CursorLeft, DeleteBack], "fontaie", 6),
            ("fontaine", 0, &[CursorLeft, DeleteBack], "fontaine", 0),
            ("fontaine", 8, &[LineStart, DeleteForward], "ontaine", 0),
            ("fontaine", 8, &[CursorRight, DeleteForward], "fontaine", 8),
            ("pg tuning talk", 14, &[DeleteWord], "pg tuning ", 10),
            ("pg tuning  ", 11, &[DeleteWord], "pg ", 3),
            ("pg tuning talk", 14, &[WordLeft], "pg tuning talk", 10),
            (
                "pg tuning talk",
                14,
                &[WordLeft, WordLeft],
                "pg tuning talk",
                3,
            ),
            ("pg tuning talk", 0, &[WordRight], "pg tuning talk", 2),
            ("pg tuning talk", 2, &[WordRight], "pg tuning talk", 9),
            ("pg tuning talk", 9, &[ClearLine], " talk", 0),
            ("pg", 0, &[LineEnd], "pg", 2),
            ("Фаттахов", 16, &[CursorLeft, DeleteBack], "Фаттахв", 12),
            ("@dim #pg", 8, &[WordLeft], "@dim #pg", 6),
        ];
        for (text, cursor, cmds, want, want_cursor) in cases {
            assert_eq!(
                run(text, *cursor, cmds),
                (want.to_string(), *want_cursor),
                "{text:?} {cmds:?}"
            );
        }
    }

    #[test]
    fn paste_inserts_at_the_cursor_without_line_breaks() {
        let mut t = "pg ".to_string();
        let mut c = 0;
        insert(&mut t, &mut c, "year:2016\n");
        assert_eq!((t.as_str(), c), ("year:2016 pg ", 10));
    }

    #[test]
    fn window_keeps_the_cursor_visible() {
        assert_eq!(window("abc", 3, 10), (0, 3));
        assert_eq!(window("abcdefghij", 10, 5), (6, 4));
        assert_eq!(window("abcdefghij", 2, 5), (0, 2));
        assert_eq!(window("日本語日本語", 18, 5), (12, 4));
    }
}
