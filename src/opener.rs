//! Opening a link outside the app, for the TUI and `talks open` alike. Links come from
//! untrusted archives, so only web links leave: http, https and mailto URLs without control
//! characters or spaces; anything else is refused with a one-line reason. `$BROWSER` (a
//! `:`-separated list of commands, `%s` standing for the URL) is respected, as `man`, `git`
//! and Python's webbrowser do; without it the platform's opener runs.

use std::process::{Command, Stdio};

/// Why a link was not opened, in words for one status line.
pub fn check_url(url: &str) -> Result<(), String> {
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err("not opened: the link holds spaces or control characters".into());
    }
    let scheme = url
        .split_once(':')
        .map(|(s, _)| s.to_ascii_lowercase())
        .filter(|s| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        });
    match scheme.as_deref() {
        Some("http" | "https") if url[url.find(':').unwrap_or(0)..].starts_with("://") => Ok(()),
        Some("mailto") => Ok(()),
        Some(s) => Err(format!(
            "not opened: {s}: links are not web links (only http, https and mailto are opened)"
        )),
        None => Err("not opened: a relative link with no site to resolve it against".into()),
    }
}

/// What `y` puts on the clipboard: exactly one line, no control characters (a newline there
/// would run a command when pasted into a shell), no bidi or zero-width marks, trimmed.
pub fn clipboard_line(s: &str) -> String {
    let one: String = s
        .chars()
        .map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c })
        .filter(|&c| {
            !(c.is_control()
                || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}'))
        })
        .collect();
    one.trim().to_string()
}

/// How to run the opener.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// From the command line: a terminal browser may take the terminal; wait for it.
    Foreground,
    /// From the TUI: never block the screen or let the launcher write over it.
    Detached,
}

/// Open `url` after `check_url`. The error is one line for a person, never the launcher's
/// internal message alone.
pub fn open_url(url: &str, wait: Wait) -> Result<(), String> {
    check_url(url)?;
    if let Some(list) = std::env::var_os("BROWSER").filter(|b| !b.is_empty()) {
        let list = list.to_string_lossy().into_owned();
        let mut tried = Vec::new();
        for cmd in list.split(':').map(str::trim).filter(|c| !c.is_empty()) {
            match run_browser(cmd, url, wait) {
                Ok(true) => return Ok(()),
                Ok(false) => tried.push(format!("{cmd} failed")),
                Err(()) => tried.push(format!("{cmd} not found")),
            }
        }
        return Err(format!(
            "could not open the link ($BROWSER: {}); copy it instead",
            tried.join(", ")
        ));
    }
    let opened = match wait {
        Wait::Detached => open::that_detached(url),
        Wait::Foreground => open::that(url),
    };
    opened.map_err(|_| {
        "no browser found to open the link (set $BROWSER, or install xdg-utils); copy it instead"
            .to_string()
    })
}

/// Run one `$BROWSER` entry: `Ok(true)` opened, `Ok(false)` ran and failed, `Err` not found.
fn run_browser(cmd: &str, url: &str, wait: Wait) -> Result<bool, ()> {
    let mut words: Vec<String> = cmd.split_whitespace().map(str::to_string).collect();
    if words.iter().any(|w| w.contains("%s")) {
        for w in &mut words {
            *w = w.replace("%s", url);
        }
    } else {
        words.push(url.to_string());
    }
    let (prog, args) = words.split_first().ok_or(())?;
    let mut c = Command::new(prog);
    c.args(args);
    match wait {
        Wait::Foreground => c.status().map(|s| s.success()).map_err(|_| ()),
        Wait::Detached => c
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map(|_| true)
            .map_err(|_| ()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clipboard_gets_one_clean_line() {
        assert_eq!(
            clipboard_line(" https://x.org/a\n; rm -rf ~\u{1b}[2J\u{202e}\t "),
            "https://x.org/a ; rm -rf ~[2J"
        );
    }

    #[test]
    fn only_web_links_pass() {
        for ok in [
            "https://example.org/slides.pdf",
            "http://example.org",
            "HTTPS://EXAMPLE.ORG/x",
            "mailto:someone@example.org",
        ] {
            assert_eq!(check_url(ok), Ok(()), "{ok}");
        }
        for (bad, why) in [
            ("javascript:alert(1)", "javascript: links are not web links"),
            ("file:///etc/passwd", "file: links are not web links"),
            ("smb://host/share", "smb: links are not web links"),
            ("/img/slides.pdf", "relative link"),
            ("../../etc/passwd", "relative link"),
            ("https://example.org/\u{1b}[2J", "control characters"),
            ("https://example.org/a b", "spaces"),
            ("http:example.org", "http: links are not web links"),
        ] {
            let e = check_url(bad).unwrap_err();
            assert!(e.contains(why), "{bad}: {e}");
        }
    }
}
