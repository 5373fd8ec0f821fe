//! End-to-end tests: the real `talks` binary in a real terminal (tmux), driven by keystrokes and
//! read back from the screen, as a person would use it. Each test owns a tmux server on its own
//! socket and a temp dir for the app's state, both removed on drop, so tests run in parallel and
//! never touch the user's tmux or home. Must not poke at the library: only keys in, text out.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How long to wait for the screen to show something. Generous because the machine running
/// the tests may be busy compiling; a passing test returns as soon as the text appears.
const TIMEOUT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(50);
const EVIL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/evil/evil.toml");
/// The pane title the launch script sets before starting talks, so a test can tell whether
/// the app changed it.
const TITLE: &str = "e2e-title";

/// One talks process in a tmux window of its own.
struct Tui {
    socket: String,
    /// Where tmux put the socket, to remove it on drop: kill-server leaves the file behind.
    socket_path: Option<PathBuf>,
    dir: tempfile::TempDir,
}

/// How the process ended, read from the files the launch script writes after talks returns.
struct Exit {
    status: String,
    stty: String,
}

impl Tui {
    /// Start `talks ARGS` in a `width`×`height` window and wait for its first frame.
    fn spawn(name: &str, width: u16, height: u16, args: &[&str]) -> Tui {
        Tui::spawn_with(name, width, height, args, |_| {})
    }

    /// `spawn`, after `prepare` has filled the test's folder (config/, data/, cache/, or an
    /// archive to pass with `--data`; relative args are resolved against it).
    fn spawn_with(
        name: &str,
        width: u16,
        height: u16,
        args: &[&str],
        prepare: impl FnOnce(&Path),
    ) -> Tui {
        require_tmux();
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let socket = format!(
            "talks-e2e-{}-{}-{name}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        for sub in ["config", "data", "cache", "home"] {
            fs::create_dir(d.join(sub)).expect("state dir");
        }
        prepare(d);
        let args: Vec<String> = args
            .iter()
            .map(|a| match a.strip_prefix("@/") {
                Some(rel) => d.join(rel).display().to_string(),
                None => a.to_string(),
            })
            .collect();
        // -f keeps the user's ~/.tmux.conf out. No status line, so the pane is the whole
        // window; a dead pane stays, so the screen and files can be read after talks exits.
        fs::write(
            d.join("tmux.conf"),
            "set -g status off\n\
             set -g remain-on-exit on\n\
             set -g default-terminal xterm-256color\n",
        )
        .expect("tmux.conf");
        // The inner sh records talks' pid and execs it, so SIGTERM reaches talks itself. After
        // talks returns, the outer sh records its exit status and the terminal's modes, the
        // way the next program in that terminal would find them.
        let script = format!(
            "printf '\\033]0;{TITLE}\\007'\n\
             sh -c 'echo $$ > \"$0/pid\"; exec \"$@\"' {dir} {bin} {args}\n\
             echo $? > {dir}/status\n\
             stty -a > {dir}/stty.txt\n\
             echo done > {dir}/done\n",
            dir = quote(d),
            bin = quote(Path::new(env!("CARGO_BIN_EXE_talks"))),
            args = args
                .iter()
                .map(|a| quote(Path::new(a.as_str())))
                .collect::<Vec<_>>()
                .join(" "),
        );
        fs::write(d.join("run.sh"), script).expect("run.sh");
        let mut tui = Tui {
            socket,
            socket_path: None,
            dir,
        };
        let (w, h) = (width.to_string(), height.to_string());
        let conf = tui.path("tmux.conf");
        let run = tui.path("run.sh");
        tui.tmux(&[
            "-f",
            path_str(&conf),
            "new-session",
            "-d",
            "-s",
            "e2e",
            "-x",
            &w,
            "-y",
            &h,
            "sh",
            path_str(&run),
        ]);
        tui.socket_path = Some(PathBuf::from(tui.display("#{socket_path}")));
        tui.wait_for("Talks (");
        tui
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Run a tmux command against this test's server; panic with its stderr if it fails.
    fn tmux(&self, args: &[&str]) -> String {
        let d = self.dir.path();
        let out = Command::new("tmux")
            .arg("-u")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            // The server is started by the first command and passes its environment on to
            // the pane: a fresh, predictable one, whatever the developer's shell holds.
            .env("TERM", "xterm-256color")
            .env("LANG", "C.UTF-8")
            .env("LC_ALL", "C.UTF-8")
            .env("TALKS_CONFIG_DIR", d.join("config"))
            .env("TALKS_DATA_DIR", d.join("data"))
            .env("TALKS_CACHE_DIR", d.join("cache"))
            // Belt and braces: anything that forgets the overrides lands here too.
            .env("HOME", d.join("home"))
            .env("XDG_CONFIG_HOME", d.join("home/.config"))
            .env("XDG_DATA_HOME", d.join("home/.local/share"))
            .env("XDG_STATE_HOME", d.join("home/.local/state"))
            .env("XDG_CACHE_HOME", d.join("home/.cache"))
            // A browser that does not exist: opening a link must fail in one line.
            .env("BROWSER", "talks-e2e-no-such-browser")
            .env_remove("TALKS_DATA")
            .env_remove("NO_COLOR")
            .env_remove("TMUX")
            .output()
            .expect("run tmux");
        assert!(
            out.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The visible screen, one line per row (tmux trims trailing blanks).
    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "e2e"])
    }

    /// A tmux format about the pane, such as `#{pane_title}`.
    fn display(&self, format: &str) -> String {
        self.tmux(&["display-message", "-p", "-t", "e2e", format])
            .trim_end()
            .to_string()
    }

    /// Keys by tmux name: "Enter", "Escape", "C-c", "?".
    fn send_keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Text typed literally, one character after another.
    fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "e2e", "-l", text]);
    }

    fn resize(&self, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        self.tmux(&["resize-window", "-t", "e2e", "-x", &w, "-y", &h]);
    }

    /// Poll the screen until `ok` holds; panic with the last screen if it never does.
    /// The screen is read once it holds still: a capture can land in the middle of a frame
    /// being drawn (the first half new, the rest old), so `ok` must hold for two captures in
    /// a row that are the same.
    fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        let mut last: Option<String> = None;
        loop {
            let screen = self.screen();
            if ok(&screen) {
                if last.as_deref() == Some(screen.as_str()) {
                    return screen;
                }
                last = Some(screen);
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
            last = None;
            if start.elapsed() > TIMEOUT {
                panic!("timed out after {TIMEOUT:?} waiting for {what}; the screen:\n{screen}");
            }
            std::thread::sleep(POLL);
        }
    }

    fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |s| s.contains(text))
    }

    fn talks_pid(&self) -> String {
        let pid = fs::read_to_string(self.path("pid")).expect("the launch script writes a pid");
        pid.trim().to_string()
    }

    /// Wait for talks to exit and the launch script to record how.
    fn wait_exit(&self) -> Exit {
        let start = Instant::now();
        while !self.path("done").exists() {
            if start.elapsed() > TIMEOUT {
                panic!(
                    "talks did not exit within {TIMEOUT:?}; the screen:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(POLL);
        }
        let pid = self.talks_pid();
        let alive = Command::new("kill")
            .args(["-0", &pid])
            .stderr(std::process::Stdio::null())
            .status()
            .expect("run kill")
            .success();
        assert!(!alive, "talks (pid {pid}) is still running");
        Exit {
            status: fs::read_to_string(self.path("status"))
                .expect("status")
                .trim()
                .to_string(),
            stty: fs::read_to_string(self.path("stty.txt")).expect("stty.txt"),
        }
    }

    /// The terminal is as talks found it: cooked mode, echo on, the main screen back.
    fn assert_restored(&self, exit: &Exit) {
        let modes: Vec<&str> = exit.stty.split_whitespace().collect();
        for mode in ["icanon", "echo", "isig"] {
            assert!(
                modes.contains(&mode) && !modes.contains(&format!("-{mode}").as_str()),
                "the terminal was left without `{mode}`; stty -a says:\n{}",
                exit.stty
            );
        }
        assert_eq!(
            self.display("#{alternate_on}"),
            "0",
            "still on the alternate screen"
        );
        let screen = self.screen();
        assert!(
            !screen.contains("Talks (") && !screen.contains('┌'),
            "the app's screen is still showing after exit:\n{screen}"
        );
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        // Best effort, and quiet: the test may be failing already, and a panic here would
        // abort the run and hide the real message.
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .env_remove("TMUX")
            .stderr(std::process::Stdio::null())
            .status();
        if let Some(path) = &self.socket_path {
            let _ = fs::remove_file(path);
        }
    }
}

fn require_tmux() {
    let ok = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "tmux is required for end-to-end tests: apt-get install tmux"
    );
}

/// Single-quoted for sh.
fn quote(p: &Path) -> String {
    format!("'{}'", path_str(p).replace('\'', r"'\''"))
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("test paths are UTF-8")
}

fn lines(screen: &str) -> Vec<&str> {
    screen.lines().collect()
}

/// Columns `from..to` of every row (by character; the test data is all single-width).
fn columns(screen: &str, from: usize, to: usize) -> String {
    screen
        .lines()
        .map(|l| l.chars().skip(from).take(to - from).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Column of the list pane's right border in the side-by-side layout, from its top edge.
fn list_pane_width(screen: &str) -> usize {
    let top = lines(screen)
        .into_iter()
        .find(|l| l.starts_with('┌'))
        .expect("a pane's top border");
    top.chars()
        .position(|c| c == '┐')
        .expect("the top-right corner")
        + 1
}

/// Every pane border is where it belongs, on every row: nothing from the data broke the frame.
/// The body spans rows 1..height-2 (a header above, the search and status lines below).
fn assert_frame_intact(screen: &str, width: usize, height: usize) {
    let rows = lines(screen);
    assert!(rows.len() >= height - 2, "rows missing:\n{screen}");
    let split = list_pane_width(screen);
    let body = &rows[1..height - 2];
    for (i, row) in body.iter().enumerate() {
        let chars: Vec<char> = row.chars().collect();
        let (l, r) = match i {
            0 => (['┌', '┐'], ['┌', '┐']),
            i if i == body.len() - 1 => (['└', '┘'], ['└', '┘']),
            _ => (['│', '│'], ['│', '│']),
        };
        let at = |c: usize| chars.get(c).copied().unwrap_or(' ');
        let found = [at(0), at(split - 1), at(split), at(width - 1)];
        let want = [l[0], l[1], r[0], r[1]];
        assert!(
            found == want && chars.len() == width,
            "row {} of the frame is broken: {found:?} at columns 0, {}, {split}, {}, want \
             {want:?}, in a row of {} characters:\n{screen}",
            i + 1,
            split - 1,
            width - 1,
            chars.len()
        );
    }
}

#[test]
fn search_narrows_the_list_and_quit_restores_the_terminal() {
    let tui = Tui::spawn("search", 120, 40, &[]);
    let screen = tui.wait_for("Multicorn");
    assert!(screen.contains("Talks (5)"), "header:\n{screen}");

    tui.type_text("zalando");
    let screen = tui.wait_for("Talks (1/5)");
    let list = columns(&screen, 0, list_pane_width(&screen));
    // The surname, which is what people search for, always fits.
    assert!(list.contains("Gogichashvili"), "the list pane:\n{list}");
    assert!(!list.contains("Multicorn"), "the list pane:\n{list}");

    tui.send_keys(&["Enter"]);
    let screen = tui.wait_for("Valentine Gogichashvili (Zalando)");
    let split = list_pane_width(&screen);
    let detail = columns(&screen, split, 120);
    assert!(
        detail.contains("Valentine Gogichashvili (Zalando)"),
        "the detail pane:\n{detail}"
    );

    tui.send_keys(&["C-q"]);
    let exit = tui.wait_exit();
    assert_eq!(exit.status, "0");
    tui.assert_restored(&exit);
}

#[test]
fn narrow_window_stacks_panes_and_follows_resizes() {
    let tui = Tui::spawn("resize", 80, 24, &[]);
    let screen = tui.wait_for("┌ Talks");
    assert!(
        !screen.contains("Detail"),
        "list only at 80 columns:\n{screen}"
    );

    tui.send_keys(&["Enter"]);
    let screen = tui.wait_until("the detail, full width", |s| {
        s.lines()
            .nth(1)
            .is_some_and(|top| top.starts_with("┌ Detail") && top.chars().count() == 80)
    });
    assert!(!screen.contains("┌ Talks"), "detail only:\n{screen}");

    tui.send_keys(&["Escape"]);
    let screen = tui.wait_until("the list again", |s| {
        s.contains("┌ Talks") && !s.contains("Detail")
    });
    assert!(screen.contains("Multicorn"), "the list:\n{screen}");

    tui.resize(120, 40);
    tui.wait_until("list and detail side by side", |s| {
        s.lines()
            .nth(1)
            .is_some_and(|top| top.starts_with("┌ Talks") && top.contains("┐┌ Detail"))
    });

    tui.resize(30, 8);
    tui.wait_for("too small");

    tui.resize(100, 30);
    tui.wait_until("side by side at 100 columns", |s| {
        s.contains("┐┌ Detail") && !s.contains("too small")
    });
    tui.type_text("multicorn");
    tui.wait_for("Talks (1/5)");
    tui.send_keys(&["Enter"]);
    let screen = tui.wait_for("Ronan Dunklau (Dalibo)");
    assert_frame_intact(&screen, 100, 30);

    tui.send_keys(&["C-c"]);
    let exit = tui.wait_exit();
    assert_eq!(exit.status, "0");
    tui.assert_restored(&exit);
}

#[test]
fn ctrl_c_quits_even_while_typing_a_search() {
    let tui = Tui::spawn("ctrl-c", 120, 40, &[]);
    tui.type_text("multi");
    tui.wait_for("› multi");
    tui.send_keys(&["C-c"]);
    let exit = tui.wait_exit();
    assert_eq!(exit.status, "0");
    tui.assert_restored(&exit);
}

#[test]
fn sigterm_quits_and_restores_the_terminal() {
    let tui = Tui::spawn("sigterm", 120, 40, &[]);
    let pid = tui.talks_pid();
    let killed = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("run kill");
    assert!(killed.success(), "kill -TERM {pid} failed");
    let exit = tui.wait_exit();
    // Handled: a clean exit, or the conventional 128+15; not a panic (101) or a raw death.
    assert!(
        exit.status == "0" || exit.status == "143",
        "exit status {} after SIGTERM",
        exit.status
    );
    tui.assert_restored(&exit);
}

#[test]
fn sighup_quits_and_restores_the_terminal() {
    // What a closing terminal window sends.
    let tui = Tui::spawn("sighup", 120, 40, &[]);
    let pid = tui.talks_pid();
    let killed = Command::new("kill")
        .args(["-HUP", &pid])
        .status()
        .expect("run kill");
    assert!(killed.success(), "kill -HUP {pid} failed");
    let exit = tui.wait_exit();
    assert!(
        exit.status == "0" || exit.status == "129",
        "exit status {} after SIGHUP",
        exit.status
    );
    tui.assert_restored(&exit);
}

#[test]
fn escape_sequences_in_data_are_not_sent_to_the_terminal() {
    let tui = Tui::spawn("evil", 120, 40, &["--no-bundled", "--data", EVIL]);
    tui.wait_for("Escapes in titles are harmless here");
    assert_eq!(
        tui.display("#{pane_title}"),
        TITLE,
        "the launch script's title did not stick, so this test could not see a change"
    );

    tui.type_text("mallory");
    tui.wait_for("Talks (1/2)");
    tui.send_keys(&["Enter"]);
    let screen = tui.wait_for("Second paragraph survives too.");
    let split = list_pane_width(&screen);
    let detail = columns(&screen, split, 120);
    for readable in [
        "Escapes in titles are harmless here",
        "Mallory Hacker (Evil Corp)",
        "Evilconf 2024",
        "Abstract starts here.",
        "Still plain text",
    ] {
        assert!(
            detail.contains(readable),
            "{readable:?} missing from the detail pane:\n{detail}"
        );
    }
    for garbage in ["PWNED", "[2J", "]0;", "[31m", "31m"] {
        assert!(
            !screen.contains(garbage),
            "{garbage:?} leaked onto the screen:\n{screen}"
        );
    }
    assert_frame_intact(&screen, 120, 40);
    // Colours, which the plain capture drops: the theme uses red only for errors, and this
    // archive loads without any, so red on screen can only come from the data's CSI 31m.
    let coloured = tui.tmux(&["capture-pane", "-p", "-e", "-t", "e2e"]);
    assert!(
        !coloured.contains("\x1b[31m"),
        "the data turned text red:\n{}",
        coloured.replace('\x1b', "^[")
    );
    assert_eq!(
        tui.display("#{pane_title}"),
        TITLE,
        "the data set the title"
    );
    assert_eq!(
        tui.display("#{window_bell_flag}"),
        "0",
        "the data rang the bell"
    );

    tui.send_keys(&["C-c"]);
    let exit = tui.wait_exit();
    assert_eq!(exit.status, "0");
    tui.assert_restored(&exit);
    assert_eq!(tui.display("#{pane_title}"), TITLE);
}

#[test]
fn help_overlay_opens_with_f1_and_any_key_closes_it() {
    let tui = Tui::spawn("help", 120, 60, &[]);
    tui.send_keys(&["F1"]);
    tui.wait_for("Search syntax");
    let screen = tui.wait_for("Show every key, by mode");
    assert!(screen.contains("Quit talks"), "the help:\n{screen}");
    assert!(
        screen.contains("Show every key, by mode"),
        "the help:\n{screen}"
    );
    assert!(
        screen.contains("Typing always searches"),
        "the help:\n{screen}"
    );

    // Any key means any key: even q only closes the help, it does not quit.
    tui.send_keys(&["q"]);
    let screen = tui.wait_until("the help to close", |s| !s.contains("Search syntax"));
    assert!(screen.contains("Multicorn"), "the list is back:\n{screen}");
    assert!(!tui.path("done").exists(), "q closed the help and quit too");

    tui.send_keys(&["C-c"]);
    let exit = tui.wait_exit();
    assert_eq!(exit.status, "0");
    tui.assert_restored(&exit);
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for e in fs::read_dir(from).expect("read_dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            fs::copy(&p, to.join(e.file_name())).expect("copy");
        }
    }
}

#[test]
fn stars_and_the_queue_survive_kill_9_and_come_back_on_restart() {
    let first = Tui::spawn("kill9", 120, 40, &[]);
    // The first row (newest) is starred, the second queued to watch later.
    first.send_keys(&["M-s"]);
    first.wait_for("starred ★");
    first.send_keys(&["Down", "M-w"]);
    first.wait_for("queued to watch later");
    let pid = first.talks_pid();
    assert!(
        Command::new("kill")
            .args(["-KILL", &pid])
            .status()
            .expect("kill")
            .success()
    );
    first.wait_exit();
    let state =
        fs::read_to_string(first.path("data/state.json")).expect("state written before the kill");
    let second = Tui::spawn_with("kill9-again", 120, 40, &[], |d| {
        fs::write(d.join("data/state.json"), &state).expect("state");
    });
    // F4 cycles all → starred → watch later.
    second.send_keys(&["F4"]);
    let screen = second.wait_for("showing starred");
    assert!(
        screen.contains("Talks (1/5)"),
        "one starred talk:\n{screen}"
    );
    assert!(screen.contains('★'), "the star is shown:\n{screen}");
    second.send_keys(&["F4"]);
    let screen = second.wait_for("showing watch later");
    assert!(screen.contains("Talks (1/5)"), "one queued talk:\n{screen}");
    second.send_keys(&["C-c"]);
    second.wait_exit();
}

#[test]
fn an_unreadable_state_file_is_kept_aside_and_the_user_told() {
    let tui = Tui::spawn_with("corrupt", 120, 40, &[], |d| {
        fs::write(d.join("data/state.json"), "{ not json").expect("state");
    });
    tui.wait_for("unreadable state kept as state.json.corrupt-");
    let kept: Vec<String> = fs::read_dir(tui.path("data"))
        .expect("data dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let aside = kept
        .iter()
        .find(|n| n.starts_with("state.json.corrupt-"))
        .unwrap_or_else(|| panic!("no file kept aside in {kept:?}"));
    assert_eq!(
        fs::read_to_string(tui.path("data").join(aside)).expect("aside"),
        "{ not json",
        "the user's file is kept byte for byte"
    );
    tui.send_keys(&["C-c"]);
    tui.wait_exit();
}

#[test]
fn config_rebinds_keys_and_reports_bad_entries_with_their_line() {
    let tui = Tui::spawn_with("config", 120, 40, &[], |d| {
        fs::write(
            d.join("config/config.toml"),
            "[theme]\nspeaker = \"red\"\n[keybindings]\nquit = \"f12\"\nfly = \"z\"\n\
             [keybindings.search]\ncursor_left = \"ctrl-b\"\n",
        )
        .expect("config");
    });
    tui.wait_for("config.toml:5: unknown action \"fly\"");
    // A search-line key rebound: Ctrl-B moves the cursor left, so x lands before the g.
    tui.type_text("pg");
    tui.send_keys(&["C-b"]);
    tui.type_text("x");
    tui.wait_for("› pxg");
    tui.send_keys(&["Escape"]);
    tui.wait_until("the search cleared", |s| !s.contains("› pxg"));
    // The theme colour applies: speakers are drawn in red (SGR 31 in tmux's capture).
    let coloured = tui.tmux(&["capture-pane", "-p", "-e", "-t", "e2e"]);
    assert!(
        // tmux writes red as SGR 31 or as 256-colour index 1, depending on its terminal.
        coloured.contains("\u{1b}[31mValentine") || coloured.contains("\u{1b}[38;5;1mValentine"),
        "speaker not red:\n{coloured}"
    );
    // The old quit keys are replaced, not added to: Ctrl-Q does nothing now, F12 quits.
    tui.send_keys(&["C-q"]);
    std::thread::sleep(Duration::from_millis(300));
    assert!(!tui.path("done").exists(), "Ctrl-Q still quit");
    tui.send_keys(&["F12"]);
    let exit = tui.wait_exit();
    assert_eq!(exit.status, "0");
    tui.assert_restored(&exit);
}

#[test]
fn editing_a_file_under_data_updates_the_open_app() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hugo-blog");
    let tui = Tui::spawn_with(
        "reload",
        120,
        40,
        &["--no-bundled", "--data", "@/site"],
        |d| {
            copy_dir(&fixture, &d.join("site"));
        },
    );
    tui.send_keys(&["M-2"]);
    tui.wait_for("Back from Stockholm");
    let post = tui.path("site/content/post/2014/03/back-from-stockholm.md");
    let text = fs::read_to_string(&post).expect("post");
    fs::write(
        &post,
        text.replace(
            "title = \"Back from Stockholm\"",
            "title = \"Home from Stockholm\"",
        ),
    )
    .expect("edit");
    tui.wait_for("Home from Stockholm");
    // Broken on disk: the last good version stays, and the status line says why.
    fs::write(&post, "+++\ntitle = \"never closed\"\n").expect("break");
    let screen = tui.wait_for("is never closed");
    assert!(
        screen.contains("Home from Stockholm"),
        "last good version kept:\n{screen}"
    );
    tui.send_keys(&["C-c"]);
    tui.wait_exit();
}

#[test]
fn typing_a_name_fixing_it_reading_and_following_a_related_talk_then_back() {
    let tui = Tui::spawn("finding", 120, 40, &[]);
    tui.wait_for("Multicorn");
    // Typed on the first screen, with a typo in the middle: every letter goes to the query,
    // none is taken as a command (f, o, n, t, a, i, e, x were all commands once).
    tui.type_text("fontxaine");
    tui.wait_for("› fontxaine");
    tui.send_keys(&["Left", "Left", "Left", "Left", "BSpace"]);
    let screen = tui.wait_for("Talks (2/5)");
    assert!(screen.contains("› fontaine"), "the typo fixed:\n{screen}");
    assert!(!tui.path("done").exists());
    // ↓ moves in the results without leaving the query; Enter opens the detail.
    tui.send_keys(&["Down"]);
    tui.wait_for(" 2/2 ");
    tui.send_keys(&["Enter"]);
    tui.wait_for("Dimitri Fontaine (2ndQuadrant)");
    // Zoom: the detail takes the whole width.
    tui.send_keys(&["F5"]);
    let screen = tui.wait_until("the zoomed detail", |s| {
        s.lines()
            .nth(1)
            .is_some_and(|top| top.starts_with("┌ Detail (zoomed)") && !top.contains("Talks"))
    });
    let title = |s: &str| {
        s.lines()
            .nth(2)
            .unwrap_or("")
            .trim_matches(['│', ' ', '┃'])
            .to_string()
    };
    let first = title(&screen);
    assert!(
        ["Fotolog", "PostgreSQL as a developer"]
            .iter()
            .any(|t| first.contains(t)),
        "a talk by Dimitri Fontaine:\n{screen}"
    );
    // Follow the speaker's other talk, then come back.
    tui.send_keys(&["M-r"]);
    let screen = tui.wait_for("↑↓ Enter go");
    assert!(
        screen.contains("Other talks by Dimitri Fontaine (1)"),
        "{screen}"
    );
    tui.send_keys(&["Enter"]);
    let screen = tui.wait_until("the other talk", |s| {
        let t = title(s);
        !t.is_empty() && t != first && (t.contains("Fotolog") || t.contains("as a developer"))
    });
    assert!(
        screen.contains("Other talks by Dimitri Fontaine (1)"),
        "{screen}"
    );
    tui.send_keys(&["C-o"]);
    let screen = tui.wait_until("back on the first talk", |s| title(s) == first);
    assert!(
        screen.contains("› fontaine"),
        "the query came back too:\n{screen}"
    );
    tui.send_keys(&["C-c"]);
    let exit = tui.wait_exit();
    assert_eq!(exit.status, "0");
    tui.assert_restored(&exit);
}

#[test]
fn twenty_parallel_marks_beside_a_running_tui_all_survive_and_show_up_in_it() {
    let tui = Tui::spawn_with("two-windows", 120, 40, &["--data", "@/many.toml"], |d| {
        let mut text = String::from("[conference]\nname = \"Many Conf\"\ndate = 2021-03-04\n");
        for i in 0..20 {
            text += &format!(
                "\n[[talk]]\nid = \"t{i:02}\"\ntitle = \"Talk number {i}\"\nspeakers = [{{ name = \"Speaker {i}\" }}]\n"
            );
        }
        fs::write(d.join("many.toml"), text).expect("archive");
    });
    tui.wait_for("Talk number 19");
    let d = tui.dir.path();
    // All twenty run at once, each reading and writing the state file the TUI also writes.
    let running: Vec<_> = (0..20)
        .map(|i| {
            Command::new(env!("CARGO_BIN_EXE_talks"))
                .args(["--data", path_str(&d.join("many.toml")), "mark"])
                .arg(format!("many/t{i:02}"))
                .arg("star")
                .env("TALKS_CONFIG_DIR", d.join("config"))
                .env("TALKS_DATA_DIR", d.join("data"))
                .env("TALKS_CACHE_DIR", d.join("cache"))
                .env_remove("TALKS_DATA")
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("talks mark")
        })
        .collect();
    let marks: Vec<_> = running
        .into_iter()
        .map(|c| c.wait_with_output().expect("talks mark ends"))
        .collect();
    for m in &marks {
        assert!(m.status.success(), "{}", String::from_utf8_lossy(&m.stderr));
    }
    // The running TUI shows the stars made elsewhere, without a restart.
    tui.wait_until("twenty stars on screen", |s| s.matches('★').count() >= 20);
    tui.send_keys(&["C-c"]);
    let exit = tui.wait_exit();
    assert_eq!(exit.status, "0");
    let state: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(tui.path("data/state.json")).expect("state"))
            .expect("JSON");
    assert_eq!(
        state["stars"].as_array().map(Vec::len),
        Some(20),
        "the TUI's own save on quit kept every star: {state}"
    );
}

#[test]
fn a_nesting_bomb_on_screen_renders_and_quits_at_once() {
    let tui = Tui::spawn_with("bomb", 120, 40, &["--data", "@/bomb.toml"], |d| {
        // 100,000 nested blockquotes (200 KB) in the abstract of the only talk, which the
        // detail pane shows on the first screen.
        let bomb = format!("{}deep", "> ".repeat(100_000));
        let text = format!(
            "[conference]\nname = \"Bomb Conf\"\ndate = 2024-01-01\n\n[[talk]]\nid = \"bomb\"\ntitle = \"A nesting bomb\"\nspeakers = [{{ name = \"Mallory\" }}]\nabstract = '''\n{bomb}\n'''\n"
        );
        fs::write(d.join("bomb.toml"), text).expect("bomb");
    });
    let screen = tui.wait_for("A nesting bomb");
    assert!(screen.contains("deep"), "the abstract is drawn:\n{screen}");
    let asked = Instant::now();
    tui.send_keys(&["C-c"]);
    let exit = tui.wait_exit();
    assert_eq!(exit.status, "0");
    assert!(
        asked.elapsed() < Duration::from_secs(5),
        "quit took {:?}",
        asked.elapsed()
    );
    tui.assert_restored(&exit);
}

#[test]
fn a_link_with_no_browser_says_so_in_one_line_and_offers_to_copy() {
    let tui = Tui::spawn("no-browser", 100, 30, &[]);
    tui.type_text("fotolog");
    tui.wait_for("Talks (1/5)");
    tui.send_keys(&["Enter"]);
    tui.wait_for("Dimitri Fontaine (2ndQuadrant)");
    tui.send_keys(&["M-o"]);
    tui.wait_for("open which link?");
    tui.send_keys(&["1"]);
    let screen = tui.wait_for("no browser could open the link");
    // The screen came back whole after handing the terminal to $BROWSER, and the launcher's
    // own error text (the shell's "not found") is nowhere.
    assert_frame_intact(&screen, 100, 30);
    assert!(!screen.contains("No such file"), "{screen}");
    tui.send_keys(&["Enter"]);
    tui.wait_for("copied link: https://");
    tui.send_keys(&["C-c"]);
    let exit = tui.wait_exit();
    assert_eq!(exit.status, "0");
    tui.assert_restored(&exit);
}

#[test]
fn the_saved_place_comes_back_only_in_the_archive_it_was_in() {
    let elsewhere = Tui::spawn_with("place-elsewhere", 120, 40, &[], |d| {
        fs::write(
            d.join("data/state.json"),
            r#"{"stars":["conf/2013/OSCON-fotolog"],"last":{"query":"zzzz","archive":"/some/other/archive"}}"#,
        )
        .expect("state");
    });
    let screen = elsewhere.wait_for("Talks (5)");
    assert!(
        !screen.contains("zzzz"),
        "another archive's query:\n{screen}"
    );
    assert!(screen.contains('★'), "the stars stay:\n{screen}");
    elsewhere.send_keys(&["C-c"]);
    elsewhere.wait_exit();

    let here = Tui::spawn_with("place-here", 120, 40, &[], |d| {
        fs::write(
            d.join("data/state.json"),
            r#"{"last":{"query":"fotolog","archive":"bundled"}}"#,
        )
        .expect("state");
    });
    let screen = here.wait_for("Talks (1/5)");
    assert!(screen.contains("fotolog"), "{screen}");
    here.send_keys(&["C-c"]);
    here.wait_exit();
}

/// The second start reads the snapshot the first one left: the same list, the same search
/// results, and an edit made in between is seen (the snapshot is not used then).
#[test]
fn a_second_start_from_the_snapshot_shows_what_the_first_showed() {
    require_tmux();
    let archive = tempfile::tempdir().expect("archive dir");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/connections");
    copy_dir(&fixture, archive.path());
    let data = archive.path().display().to_string();
    // "queues" finds the talk and its re-run: 2 of 7.
    let list_after = |tui: &Tui, query: &str| {
        tui.type_text(query);
        let screen = tui.wait_for("Talks (2/7)");
        columns(&screen, 0, list_pane_width(&screen))
    };
    let first = Tui::spawn("snap1", 120, 40, &["--data", &data]);
    let cold = list_after(&first, "queues");
    first.send_keys(&["C-c"]);
    assert_eq!(first.wait_exit().status, "0");
    let snapshots: Vec<PathBuf> = fs::read_dir(first.path("cache"))
        .expect("cache dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("snapshot-"))
        })
        .collect();
    assert_eq!(snapshots.len(), 1, "the first start leaves a snapshot");
    let cache = first.path("cache");
    let name = snapshots[0].file_name().expect("name").to_owned();
    // The copy's inode: a start that loaded afresh would replace the file (a new inode).
    use std::os::unix::fs::MetadataExt;
    let copied = std::cell::Cell::new(0);
    let second = Tui::spawn_with("snap2", 120, 40, &["--data", &data], |d| {
        copy_dir(&cache, &d.join("cache"));
        copied.set(
            fs::metadata(d.join("cache").join(&name))
                .expect("copy")
                .ino(),
        );
    });
    assert_eq!(
        list_after(&second, "queues"),
        cold,
        "warm lists what cold listed"
    );
    second.send_keys(&["C-c"]);
    assert_eq!(second.wait_exit().status, "0");
    let after = fs::metadata(second.path("cache").join(&name))
        .expect("snapshot")
        .ino();
    assert_eq!(
        after,
        copied.get(),
        "the second start read the snapshot, did not rebuild it"
    );
    // An edit between two starts: the new title is there, from a fresh load.
    let talk = archive.path().join("content/conf/2015/harbour-days.md");
    let text = fs::read_to_string(&talk).expect("fixture");
    fs::write(&talk, text.replace("Tidy Queues", "Tidy Snapshot Queues")).expect("edit");
    let third = Tui::spawn_with("snap3", 120, 40, &["--data", &data], |d| {
        copy_dir(&cache, &d.join("cache"))
    });
    third.type_text("snapshot queues");
    third.wait_for("Tidy Snapshot Queues");
    third.send_keys(&["C-c"]);
    assert_eq!(third.wait_exit().status, "0");
}
