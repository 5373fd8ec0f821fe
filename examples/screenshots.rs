//! Regenerates the pictures in screenshots/: draws the main screens with the real renderer
//! (`talks::tui::draw`) into a `TestBackend` and writes each buffer as an SVG that looks like a
//! dark terminal window. SVG, not PNG: text stays text, diffs stay readable, no image crate.
//!
//! Run: `cargo run --example screenshots` (writes screenshots/*.svg, prints each path).
//!
//! Drawing rules, so the result reads like a terminal rather than a web page:
//! - every run of same-styled cells is one `<text>` whose `textLength` pins it to its cells,
//!   so columns line up whatever font the viewer substitutes;
//! - box-drawing characters are drawn as rectangles, not glyphs, so borders join without gaps
//!   between lines (fonts rarely fill the full line height);
//! - a wide character takes two cells; reversed swaps colours; underline is a rule under the
//!   cells (spaces included), as terminals draw it.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

use talks::app::{Action, Command, Keymap, Model, run_sync, update};
use talks::archive::load::{Sources, load};
use talks::search::Index;
use talks::ui::Theme;

type Setup = fn(&mut Model);

/// (file name, columns, rows, how to get there from a fresh model).
const SHOTS: &[(&str, u16, u16, Setup)] = &[
    ("list", 120, 36, |_| {}),
    ("search", 120, 36, |m| {
        type_str(m, "migrating postgres");
        cmd(m, Command::Confirm);
    }),
    ("search-logical-replication", 120, 36, |m| {
        type_str(m, "logical replication");
    }),
    ("detail", 120, 36, |m| {
        cmd(m, Command::FocusNext);
    }),
    ("filters", 120, 36, |m| {
        cmd(m, Command::FilterPicker);
        type_str(m, "post");
    }),
    ("help", 120, 36, |m| cmd(m, Command::Help)),
    // Typed on the first screen at 100 columns: rows fold to two lines to keep the speakers.
    ("typing-100", 100, 30, |m| type_str(m, "postgres")),
    ("detail-zoomed", 120, 36, |m| {
        type_str(m, "fontaine fotolog");
        cmd(m, Command::Confirm);
        cmd(m, Command::Zoom);
        cmd(m, Command::NextRelated);
    }),
    ("posts", 120, 36, |m| cmd(m, Command::TabPosts)),
    ("narrow-list", 80, 24, |m| {
        type_str(m, "dimitri");
        cmd(m, Command::Confirm);
    }),
    ("narrow-detail", 80, 24, |m| {
        cmd(m, Command::Confirm);
    }),
];

fn cmd(m: &mut Model, c: Command) {
    run_sync(m, Action::Command(c));
}

fn type_str(m: &mut Model, s: &str) {
    for c in s.chars() {
        run_sync(m, Action::Type(c));
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Relative paths, so the origins the detail pane shows do not leak this machine's layout.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::set_current_dir(root)?;
    let archive = Arc::new(load(&Sources {
        bundled: true,
        paths: vec!["tests/fixtures/hugo-blog".into()],
        follow_outside: false,
    }));
    let index = Arc::new(Index::build(&archive));
    let out_dir = root.join("screenshots");
    std::fs::create_dir_all(&out_dir)?;
    let (theme, keymap) = (Theme::default(), Keymap::default());
    for (name, w, h, setup) in SHOTS {
        let mut m = Model::new(archive.clone(), index.clone());
        update(&mut m, Action::Resize(*w, *h));
        setup(&mut m);
        let mut term = Terminal::new(TestBackend::new(*w, *h))?;
        talks::tui::draw(&mut term, &mut m, &theme, &keymap)?;
        let svg = to_svg(term.backend().buffer(), &format!("talks — {w}×{h}"));
        let path = out_dir.join(format!("{name}.svg"));
        std::fs::write(&path, svg)?;
        println!("{}", path.strip_prefix(root).unwrap_or(&path).display());
    }
    Ok(())
}

// ---- the SVG writer ----

/// Cell and font metrics, in pixels. Integers, so borders land on whole pixels.
const CELL_W: u32 = 9;
const CELL_H: u32 = 19;
const FONT_SIZE: u32 = 15;
/// From the top of a cell to the text baseline.
const BASELINE: u32 = 14;
const PAD: u32 = 14;
const TITLE_BAR: u32 = 30;
const FONT: &str =
    "'DejaVu Sans Mono', 'JetBrains Mono', Menlo, Consolas, 'Liberation Mono', monospace";

/// A dark palette (Tokyo Night–like), with DarkGray light enough to read on the background.
const DEFAULT_FG: &str = "#c0caf5";
const DEFAULT_BG: &str = "#1a1b26";
const CHROME: &str = "#16161e";
const ANSI: [&str; 16] = [
    "#15161e", // black
    "#f7768e", // red
    "#9ece6a", // green
    "#e0af68", // yellow
    "#7aa2f7", // blue
    "#bb9af7", // magenta
    "#7dcfff", // cyan
    "#a9b1d6", // gray (white)
    "#5f6996", // dark gray (bright black)
    "#ff8ea0", // light red
    "#b9f27c", // light green
    "#ffc777", // light yellow
    "#9ab8ff", // light blue
    "#c7a9ff", // light magenta
    "#a4daff", // light cyan
    "#e6ebff", // white
];

/// A colour as CSS, or None for the terminal's default.
fn css(c: Color) -> Option<String> {
    let named = |i: usize| Some(ANSI[i].to_string());
    match c {
        Color::Reset => None,
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => named(8),
        Color::LightRed => named(9),
        Color::LightGreen => named(10),
        Color::LightYellow => named(11),
        Color::LightBlue => named(12),
        Color::LightMagenta => named(13),
        Color::LightCyan => named(14),
        Color::White => named(15),
        Color::Rgb(r, g, b) => Some(format!("#{r:02x}{g:02x}{b:02x}")),
        Color::Indexed(i) => Some(indexed(i)),
    }
}

/// The xterm 256-colour palette.
fn indexed(i: u8) -> String {
    match i {
        0..=15 => ANSI[i as usize].to_string(),
        16..=231 => {
            let i = i - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            let (r, g, b) = (level(i / 36), level(i / 6 % 6), level(i % 6));
            format!("#{r:02x}{g:02x}{b:02x}")
        }
        232..=255 => {
            let v = 8 + (i - 232) * 10;
            format!("#{v:02x}{v:02x}{v:02x}")
        }
    }
}

/// What a cell looks like once reversed and defaults are resolved.
#[derive(Clone, PartialEq)]
struct Look {
    fg: String,
    bg: Option<String>,
    bold: bool,
    italic: bool,
    dim: bool,
    underline: Option<String>,
    crossed: bool,
    hidden: bool,
}

fn look(cell: &ratatui::buffer::Cell) -> Look {
    let m = cell.modifier;
    let (mut fg, mut bg) = (css(cell.fg), css(cell.bg));
    if m.contains(Modifier::REVERSED) {
        (fg, bg) = (
            Some(bg.unwrap_or_else(|| DEFAULT_BG.into())),
            Some(fg.unwrap_or_else(|| DEFAULT_FG.into())),
        );
    }
    let fg = fg.unwrap_or_else(|| DEFAULT_FG.into());
    Look {
        underline: m
            .contains(Modifier::UNDERLINED)
            .then(|| css(cell.underline_color).unwrap_or_else(|| fg.clone())),
        fg,
        bg,
        bold: m.contains(Modifier::BOLD),
        italic: m.contains(Modifier::ITALIC),
        dim: m.contains(Modifier::DIM),
        crossed: m.contains(Modifier::CROSSED_OUT),
        hidden: m.contains(Modifier::HIDDEN),
    }
}

/// One visible glyph: where it starts, how many cells it covers, what it looks like.
struct Glyph<'a> {
    x: u16,
    width: u16,
    symbol: &'a str,
    look: Look,
}

/// The glyphs of row `y`, skipping the cells a wide character covers.
fn glyphs(buf: &Buffer, y: u16) -> Vec<Glyph<'_>> {
    let mut out = Vec::new();
    let mut x = 0;
    while x < buf.area.width {
        let cell = &buf[(buf.area.x + x, buf.area.y + y)];
        let symbol = cell.symbol();
        let width = (symbol.width() as u16).clamp(1, buf.area.width - x);
        out.push(Glyph {
            x,
            width,
            symbol,
            look: look(cell),
        });
        x += width;
    }
    out
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Not allowed in XML 1.0 at all; the renderer sanitises, but be safe.
            c if (c as u32) < 0x20 => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Arms of a box-drawing character: (left, right, up, down), 0 none, 1 light, 2 heavy,
/// 3 double. None for characters drawn from the font.
fn box_arms(c: &str) -> Option<[u8; 4]> {
    Some(match c {
        "─" => [1, 1, 0, 0],
        "│" => [0, 0, 1, 1],
        "┌" | "╭" => [0, 1, 0, 1],
        "┐" | "╮" => [1, 0, 0, 1],
        "└" | "╰" => [0, 1, 1, 0],
        "┘" | "╯" => [1, 0, 1, 0],
        "├" => [0, 1, 1, 1],
        "┤" => [1, 0, 1, 1],
        "┬" => [1, 1, 0, 1],
        "┴" => [1, 1, 1, 0],
        "┼" => [1, 1, 1, 1],
        "━" => [2, 2, 0, 0],
        "┃" => [0, 0, 2, 2],
        "┏" => [0, 2, 0, 2],
        "┓" => [2, 0, 0, 2],
        "┗" => [0, 2, 2, 0],
        "┛" => [2, 0, 2, 0],
        "═" => [3, 3, 0, 0],
        "║" => [0, 0, 3, 3],
        "╔" => [0, 3, 0, 3],
        "╗" => [3, 0, 0, 3],
        "╚" => [0, 3, 3, 0],
        "╝" => [3, 0, 3, 0],
        _ => return None,
    })
}

/// Rectangles for a box-drawing cell at pixel (px, py).
fn draw_box(out: &mut String, arms: [u8; 4], px: u32, py: u32, fill: &str) {
    let (cx, cy) = (px + CELL_W / 2, py + CELL_H / 2);
    let mut rect = |x: u32, y: u32, w: u32, h: u32| {
        let _ = write!(
            out,
            r#"<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{fill}"/>"#
        );
    };
    let [l, r, u, d] = arms;
    // Lines of each weight, as offsets of the strokes from the centre line and their width.
    let strokes = |weight: u8| -> &'static [(i32, u32)] {
        match weight {
            1 => &[(0, 1)],
            2 => &[(-1, 3)],
            3 => &[(-2, 1), (2, 1)],
            _ => &[],
        }
    };
    // Each arm runs from the cell edge across the strokes of the other direction, so
    // corners and tees close without poking out on the far side.
    let span = |a: u8, b: u8| -> (u32, u32) {
        let all: Vec<(i32, u32)> = strokes(a).iter().chain(strokes(b)).copied().collect();
        let lo = all.iter().map(|&(o, _)| o).min().unwrap_or(0);
        let hi = all.iter().map(|&(o, w)| o + w as i32).max().unwrap_or(1);
        (lo.unsigned_abs(), hi as u32)
    };
    let (v_lo, v_hi) = span(u, d);
    let (h_lo, h_hi) = span(l, r);
    for &(off, sw) in strokes(l) {
        let y = (cy as i32 + off) as u32;
        rect(px, y, cx + v_hi - px, sw);
    }
    for &(off, sw) in strokes(r) {
        let y = (cy as i32 + off) as u32;
        let x0 = cx - v_lo;
        rect(x0, y, px + CELL_W - x0, sw);
    }
    for &(off, sw) in strokes(u) {
        let x = (cx as i32 + off) as u32;
        rect(x, py, sw, cy + h_hi - py);
    }
    for &(off, sw) in strokes(d) {
        let x = (cx as i32 + off) as u32;
        let y0 = cy - h_lo;
        rect(x, y0, sw, py + CELL_H - y0);
    }
}

/// The whole buffer as a standalone SVG in a window frame titled `title`.
fn to_svg(buf: &Buffer, title: &str) -> String {
    let (cols, rows) = (u32::from(buf.area.width), u32::from(buf.area.height));
    let (screen_w, screen_h) = (cols * CELL_W, rows * CELL_H);
    let (width, height) = (screen_w + 2 * PAD, screen_h + 2 * PAD + TITLE_BAR);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" xml:space="preserve">"#
    );
    let _ = write!(
        s,
        r#"<style>text{{font-family:{FONT};font-size:{FONT_SIZE}px;white-space:pre;font-variant-ligatures:none}}.b{{font-weight:bold}}.i{{font-style:italic}}.d{{opacity:.6}}</style>"#
    );
    // The window: frame, title bar with the three buttons, the screen.
    let _ = write!(
        s,
        r##"<rect width="{width}" height="{height}" rx="10" fill="{CHROME}"/><rect x="0.5" y="0.5" width="{}" height="{}" rx="10" fill="none" stroke="#2f3245"/>"##,
        width - 1,
        height - 1
    );
    for (i, c) in ["#ff5f57", "#febc2e", "#28c840"].iter().enumerate() {
        let _ = write!(
            s,
            r#"<circle cx="{}" cy="{}" r="6" fill="{c}"/>"#,
            PAD + 6 + i as u32 * 20,
            TITLE_BAR / 2 + 2
        );
    }
    let _ = write!(
        s,
        r##"<text x="{}" y="{}" text-anchor="middle" fill="#7a7f99" style="font-size:13px">{}</text>"##,
        width / 2,
        TITLE_BAR / 2 + 6,
        escape(title)
    );
    let (ox, oy) = (PAD, PAD + TITLE_BAR);
    let _ = write!(
        s,
        r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{DEFAULT_BG}"/>"#,
        ox - PAD / 2,
        oy - PAD / 2,
        screen_w + PAD,
        screen_h + PAD
    );
    let _ = write!(s, r#"<g transform="translate({ox},{oy})">"#);
    let rows_glyphs: Vec<Vec<Glyph>> = (0..buf.area.height).map(|y| glyphs(buf, y)).collect();
    // Backgrounds first, one rectangle per run of the same colour.
    for (y, row) in rows_glyphs.iter().enumerate() {
        let py = y as u32 * CELL_H;
        let mut i = 0;
        while i < row.len() {
            let Some(bg) = &row[i].look.bg else {
                i += 1;
                continue;
            };
            let start = row[i].x;
            let mut end = i;
            while end < row.len() && row[end].look.bg.as_ref() == Some(bg) {
                end += 1;
            }
            let last = &row[end - 1];
            let cells = u32::from(last.x + last.width - start);
            let _ = write!(
                s,
                r#"<rect x="{}" y="{py}" width="{}" height="{CELL_H}" fill="{bg}"/>"#,
                u32::from(start) * CELL_W,
                cells * CELL_W
            );
            i = end;
        }
    }
    // Then text, one <text> per run of same-looking glyphs; box drawing as rectangles.
    for (y, row) in rows_glyphs.iter().enumerate() {
        let py = y as u32 * CELL_H;
        let mut i = 0;
        while i < row.len() {
            let g = &row[i];
            if g.look.hidden {
                i += 1;
                continue;
            }
            if let Some(arms) = box_arms(g.symbol) {
                draw_box(&mut s, arms, u32::from(g.x) * CELL_W, py, &g.look.fg);
                i += 1;
                continue;
            }
            let mut end = i;
            while end < row.len() && row[end].look == g.look && box_arms(row[end].symbol).is_none()
            {
                end += 1;
            }
            text_run(&mut s, &row[i..end], py);
            i = end;
        }
    }
    s.push_str("</g></svg>\n");
    s
}

/// One run of glyphs that look the same.
fn text_run(s: &mut String, run: &[Glyph], py: u32) {
    let look = &run[0].look;
    let first = run[0].x;
    let last = &run[run.len() - 1];
    let cells = u32::from(last.x + last.width - first);
    // Underline and strike-through cover the run's cells, spaces included.
    if let Some(color) = &look.underline {
        let _ = write!(
            s,
            r#"<rect x="{}" y="{}" width="{}" height="1" fill="{color}"/>"#,
            u32::from(first) * CELL_W,
            py + BASELINE + 2,
            cells * CELL_W
        );
    }
    if look.crossed {
        let _ = write!(
            s,
            r#"<rect x="{}" y="{}" width="{}" height="1" fill="{}"/>"#,
            u32::from(first) * CELL_W,
            py + CELL_H / 2,
            cells * CELL_W,
            look.fg
        );
    }
    // Text without its outer spaces: fewer bytes, and nothing for the font to stretch.
    let Some(a) = run.iter().position(|g| !g.symbol.trim().is_empty()) else {
        return;
    };
    let b = run
        .iter()
        .rposition(|g| !g.symbol.trim().is_empty())
        .unwrap_or(a);
    let (start, stop) = (&run[a], &run[b]);
    let span_cells = u32::from(stop.x + stop.width - start.x);
    let text: String = run[a..=b].iter().map(|g| g.symbol).collect();
    let mut class = Vec::new();
    if look.bold {
        class.push("b");
    }
    if look.italic {
        class.push("i");
    }
    if look.dim {
        class.push("d");
    }
    let class = if class.is_empty() {
        String::new()
    } else {
        format!(r#" class="{}""#, class.join(" "))
    };
    let _ = write!(
        s,
        r#"<text x="{}" y="{}" fill="{}" textLength="{}" lengthAdjust="spacingAndGlyphs"{class}>{}</text>"#,
        u32::from(start.x) * CELL_W,
        py + BASELINE,
        look.fg,
        span_cells * CELL_W,
        escape(&text)
    );
}
