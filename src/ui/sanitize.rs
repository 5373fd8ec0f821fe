//! Owns making untrusted strings (titles, abstracts, post bodies) safe to draw in a terminal: strips escape sequences, C0/C1 controls, DEL, bidi overrides, zero-width and directional marks, and caps stacked combining marks. Must not know about Markdown, layout, wrapping or styling.

use std::borrow::Cow;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// One visual line: every line break becomes a space.
    Line,
    /// Multi-line text: '\n' survives so callers can keep paragraph structure.
    Text,
}

/// Same as [`sanitize_line`]; kept under the short name because most callers draw single lines.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    sanitize_line(s)
}

/// Safe single-line text: escape sequences and controls removed, '\t', '\n' and lone '\r' become a space.
pub fn sanitize_line(s: &str) -> Cow<'_, str> {
    sanitize_with(s, Mode::Line)
}

/// Safe multi-line text: escape sequences and controls removed, '\n' kept, '\t' becomes four spaces, '\r' dropped.
pub fn sanitize_text(s: &str) -> Cow<'_, str> {
    sanitize_with(s, Mode::Text)
}

fn sanitize_with(s: &str, mode: Mode) -> Cow<'_, str> {
    if is_clean(s, mode) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(clean(s, mode))
    }
}

/// A check that returns ordinary text borrowed: ASCII is tested byte by byte, and only
/// non-ASCII chars are decoded.
fn is_clean(s: &str, mode: Mode) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            match b {
                b'\n' if mode == Mode::Text => {}
                0x00..=0x1F | 0x7F => return false,
                _ => {}
            }
            i += 1;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            return false;
        };
        if is_control(c) || is_bidi_control(c) || is_invisible(c) || is_combining(c) {
            return false;
        }
        i += c.len_utf8();
    }
    true
}

/// Zero-width characters and directional marks: invisible, so they can hide inside an id or a
/// URL that looks like another, and they make terminal widths disagree. Joiners go too: a
/// terminal does not shape text, and an emoji joined by U+200D is drawn wider than it counts.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{61c}' | '\u{180e}')
}

/// Combining diacritical marks. A letter takes a few (Vietnamese stacks two); dozens stacked
/// on one letter ("Zalgo" text) draw over the lines above and below.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// Combining marks kept on one letter; the rest of a stack is dropped.
const MAX_COMBINING: usize = 4;

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn clean(s: &str, mode: Mode) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    let mut stacked = 0;
    while let Some(c) = chars.next() {
        if is_combining(c) {
            stacked += 1;
            if stacked <= MAX_COMBINING {
                out.push(c);
            }
            continue;
        }
        stacked = 0;
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' => skip_string(&mut chars, true),
            // DCS, SOS, PM, APC: the terminal swallows everything up to ST, so must we.
            '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars, false),
            '\t' => match mode {
                Mode::Line => out.push(' '),
                Mode::Text => out.push_str("    "),
            },
            '\n' => match mode {
                Mode::Line => out.push(' '),
                Mode::Text => out.push('\n'),
            },
            // "\r\n" must not turn into two spaces; a lone '\r' is an old-Mac line break.
            '\r' => {
                if mode == Mode::Line && chars.peek() != Some(&'\n') {
                    out.push(' ');
                }
            }
            c if is_control(c) || is_bidi_control(c) || is_invisible(c) => {}
            c => out.push(c),
        }
    }
    out
}

fn is_control(c: char) -> bool {
    c < ' ' || ('\u{7f}'..='\u{9f}').contains(&c)
}

/// Embeddings, overrides and isolates can visually reorder the rest of the line
/// ("Trojan Source"), so a title could look like something else.
fn is_bidi_control(c: char) -> bool {
    ('\u{202a}'..='\u{202e}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Called just after an ESC has been consumed.
fn skip_escape(chars: &mut Chars<'_>) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']') => {
            chars.next();
            skip_string(chars, true);
        }
        Some('P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars, false);
        }
        // nF escapes such as "ESC ( B": intermediates, then one final byte.
        Some(' '..='/') => {
            while matches!(chars.peek(), Some(' '..='/')) {
                chars.next();
            }
            if matches!(chars.peek(), Some('0'..='~')) {
                chars.next();
            }
        }
        Some('0'..='~') => {
            chars.next();
        }
        // A lone ESC (or ESC before a non-ASCII char) is dropped; the next char is ordinary text.
        _ => {}
    }
}

/// Parameters and intermediates (0x20–0x3F), then one final byte (0x40–0x7E).
/// Anything else ends the sequence without being consumed, as a terminal would abort it.
fn skip_csi(chars: &mut Chars<'_>) {
    while let Some(&c) = chars.peek() {
        if (' '..='?').contains(&c) {
            chars.next();
        } else {
            if ('@'..='~').contains(&c) {
                chars.next();
            }
            return;
        }
    }
}

/// Skips a control string up to ST (ESC \ or U+009C); OSC also ends at BEL.
/// Unterminated strings run to the end of the input, which is what a terminal would swallow.
fn skip_string(chars: &mut Chars<'_>, bel_ends: bool) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' if bel_ends => return,
            '\u{9c}' => return,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                } else {
                    // ESC aborts the string and starts a new sequence, which must be removed too.
                    skip_escape(chars);
                }
                return;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_marks_go_and_combining_stacks_are_capped() {
        assert_eq!(
            sanitize_line("pay\u{200b}pal\u{200e}\u{feff}.com"),
            "paypal.com"
        );
        assert_eq!(
            sanitize_line("e\u{301}t\u{e9}"),
            "e\u{301}t\u{e9}",
            "an accent stays"
        );
        let zalgo = format!("Z{}a", "\u{336}".repeat(50));
        assert_eq!(
            sanitize_line(&zalgo),
            format!("Z{}a", "\u{336}".repeat(MAX_COMBINING))
        );
        assert!(matches!(
            sanitize_line("Jelínek Фаттахов 日本"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn line_and_text_table() {
        // (input, sanitize_line, sanitize_text)
        let cases: &[(&str, &str, &str)] = &[
            ("plain", "plain", "plain"),
            ("", "", ""),
            (
                "Hello\x1b]0;pwned\x07World\x1b[2J",
                "HelloWorld",
                "HelloWorld",
            ),
            ("a\x1b[31mred\x1b[0m b", "ared b", "ared b"),
            ("a\x1b[?25lb", "ab", "ab"),
            (
                "csi aborted by non-final \x1b[12\u{e9}x",
                "csi aborted by non-final \u{e9}x",
                "csi aborted by non-final \u{e9}x",
            ),
            (
                "osc st \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\",
                "osc st link",
                "osc st link",
            ),
            (
                "osc c1 st \u{9d}2;t\u{9c}ok",
                "osc c1 st ok",
                "osc c1 st ok",
            ),
            (
                "unterminated \x1b]0;title and the rest",
                "unterminated ",
                "unterminated ",
            ),
            (
                "unterminated at end \x1b]",
                "unterminated at end ",
                "unterminated at end ",
            ),
            ("csi at end \x1b[", "csi at end ", "csi at end "),
            ("esc at end \x1b", "esc at end ", "esc at end "),
            ("dcs \x1bPq#0;2;0;0;0\x1b\\done", "dcs done", "dcs done"),
            ("apc \x1b_Gf=100;AAAA\x1b\\x", "apc x", "apc x"),
            ("pm \x1b^secret\x1b\\x", "pm x", "pm x"),
            ("sos \x1bXsecret\x1b\\x", "sos x", "sos x"),
            (
                "osc aborted by esc \x1b]0;t\x1b[2Jx",
                "osc aborted by esc x",
                "osc aborted by esc x",
            ),
            (
                "two byte \x1b7saved\x1b8",
                "two byte saved",
                "two byte saved",
            ),
            ("charset \x1b(Bx", "charset x", "charset x"),
            ("keypad \x1b=x", "keypad x", "keypad x"),
            ("c1 csi \u{9b}2Jx", "c1 csi x", "c1 csi x"),
            ("c1 osc \u{9d}0;pwned\x07x", "c1 osc x", "c1 osc x"),
            ("c1 dcs \u{90}data\u{9c}x", "c1 dcs x", "c1 dcs x"),
            ("c1 nel \u{85}x", "c1 nel x", "c1 nel x"),
            ("bell\x07!", "bell!", "bell!"),
            ("nul\0 bs\x08 del\x7f", "nul bs del", "nul bs del"),
            ("tab\tx", "tab x", "tab    x"),
            ("l1\nl2", "l1 l2", "l1\nl2"),
            ("crlf\r\nx", "crlf x", "crlf\nx"),
            ("cr\rx", "cr x", "crx"),
            (
                "bidi \u{202e}evil\u{202c} \u{2066}iso\u{2069}",
                "bidi evil iso",
                "bidi evil iso",
            ),
            (
                "keeps \u{e9}\u{2013}\u{65e5}\u{1f600}\u{a0}",
                "keeps \u{e9}\u{2013}\u{65e5}\u{1f600}\u{a0}",
                "keeps \u{e9}\u{2013}\u{65e5}\u{1f600}\u{a0}",
            ),
        ];
        for (input, line, text) in cases {
            assert_eq!(sanitize_line(input), *line, "line: {input:?}");
            assert_eq!(sanitize_text(input), *text, "text: {input:?}");
        }
    }

    #[test]
    fn borrows_when_nothing_changes() {
        for s in [
            "",
            "ascii only",
            "caf\u{e9} \u{2013} \u{201c}q\u{201d} \u{65e5}\u{672c} \u{a3}5",
        ] {
            assert!(matches!(sanitize_line(s), Cow::Borrowed(_)), "{s:?}");
            assert!(matches!(sanitize_text(s), Cow::Borrowed(_)), "{s:?}");
        }
        assert!(matches!(sanitize_text("a\nb"), Cow::Borrowed(_)));
        assert!(matches!(sanitize_line("a\nb"), Cow::Owned(_)));
        assert_eq!(sanitize("x\ty"), "x y");
    }

    #[test]
    fn output_never_contains_controls() {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let alphabet = [
            '\u{1b}', '[', ']', '\\', '\x07', '\u{9b}', '\u{9c}', '\u{9d}', '\u{90}', 'P', '_',
            'a', ';', '0', '\n', '\r', '\t', '\u{7f}', '\u{202e}', '\u{2068}', '\u{e9}',
            '\u{65e5}',
        ];
        for _ in 0..2000 {
            let mut s = String::new();
            for _ in 0..(state % 24) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                s.push(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            for out in [sanitize_line(&s), sanitize_text(&s)] {
                assert!(
                    !out.chars()
                        .any(|c| (is_control(c) && c != '\n') || is_bidi_control(c)),
                    "{s:?} -> {out:?}"
                );
            }
            assert!(!sanitize_line(&s).contains('\n'));
        }
    }
}
