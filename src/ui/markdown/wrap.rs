//! The word wrapper: display clusters, words, greedy wrapping and cutting to a width.

use ratatui::style::Style;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{Frag, Piece};

/// Splits text into display clusters: a visible char plus any zero-width chars that follow it,
/// so combining marks and variation selectors are never separated from their base.
pub(super) fn clusters(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        let mut it = rest.char_indices();
        it.next()?;
        let end = it
            .find(|(_, c)| c.width().unwrap_or(0) != 0)
            .map_or(rest.len(), |(i, _)| i);
        let (head, tail) = rest.split_at(end);
        rest = tail;
        Some(head)
    })
}

/// Indents are noise on an otherwise empty line; quote bars are kept so the quote stays visibly joined.
pub(super) fn trim_trailing_spaces(mut pieces: Vec<Piece>) -> Vec<Piece> {
    while let Some(last) = pieces.last_mut() {
        let trimmed = last.text.trim_end().len();
        if trimmed == 0 {
            pieces.pop();
        } else {
            last.text.truncate(trimmed);
            break;
        }
    }
    pieces
}

pub(super) fn pieces_width(pieces: &[Piece]) -> usize {
    pieces.iter().map(|p| p.text.width()).sum()
}

/// Longest prefix of `s` that fits `max` columns, and its width.
pub(super) fn cut_str(s: &str, max: usize) -> (String, usize) {
    let mut out = String::new();
    let mut w = 0;
    for c in clusters(s) {
        let cw = c.width();
        if w + cw > max {
            break;
        }
        out.push_str(c);
        w += cw;
    }
    (out, w)
}

pub(super) fn cut_pieces(pieces: Vec<Piece>, max: usize) -> Vec<Piece> {
    if pieces_width(&pieces) <= max {
        return pieces;
    }
    let mut out = Vec::new();
    let mut left = max;
    for p in pieces {
        let (text, w) = cut_str(&p.text, left);
        left -= w;
        if !text.is_empty() {
            out.push(Piece::new(text, p.style));
        }
        if w < p.text.width() {
            break;
        }
    }
    out
}

struct Word {
    pieces: Vec<Piece>,
    width: usize,
    space_before: bool,
}

enum Token {
    Word(Word),
    Break,
}

pub(super) fn push_cluster(pieces: &mut Vec<Piece>, cluster: &str, style: Style) {
    match pieces.last_mut() {
        Some(last) if last.style == style => last.text.push_str(cluster),
        _ => pieces.push(Piece::new(cluster, style)),
    }
}

/// Words are runs without spaces; wide (CJK, emoji) clusters are words of their own because
/// those scripts may break between any two characters.
fn tokenize(frags: &[Frag]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut cur: Option<Word> = None;
    let mut space = false;
    for f in frags {
        let p = match f {
            Frag::Break => {
                if let Some(w) = cur.take() {
                    tokens.push(Token::Word(w));
                }
                tokens.push(Token::Break);
                space = false;
                continue;
            }
            Frag::Text(p) => p,
        };
        for c in clusters(&p.text) {
            if c == " " {
                if let Some(w) = cur.take() {
                    tokens.push(Token::Word(w));
                }
                space = true;
                continue;
            }
            let cw = c.width();
            if cw >= 2 {
                if let Some(w) = cur.take() {
                    tokens.push(Token::Word(w));
                }
                tokens.push(Token::Word(Word {
                    pieces: vec![Piece::new(c, p.style)],
                    width: cw,
                    space_before: space,
                }));
                space = false;
                continue;
            }
            let w = cur.get_or_insert_with(|| Word {
                pieces: Vec::new(),
                width: 0,
                space_before: space,
            });
            space = false;
            push_cluster(&mut w.pieces, c, p.style);
            w.width += cw;
        }
    }
    if let Some(w) = cur.take() {
        tokens.push(Token::Word(w));
    }
    tokens
}

/// Greedy word wrap to `avail` (>= 1) columns; words wider than a line are broken by cluster.
pub(super) fn wrap(frags: &[Frag], avail: usize) -> Vec<Vec<Piece>> {
    let avail = avail.max(1);
    let mut lines: Vec<Vec<Piece>> = Vec::new();
    let mut line: Vec<Piece> = Vec::new();
    let mut line_w = 0;
    for tok in tokenize(frags) {
        let word = match tok {
            Token::Break => {
                lines.push(std::mem::take(&mut line));
                line_w = 0;
                continue;
            }
            Token::Word(w) => w,
        };
        let sep = usize::from(line_w > 0 && word.space_before);
        if line_w + sep + word.width <= avail {
            if sep == 1 {
                let style = word.pieces.first().map_or(Style::new(), |p| p.style);
                push_cluster(&mut line, " ", style);
            }
            for p in word.pieces {
                push_cluster(&mut line, &p.text, p.style);
            }
            line_w += sep + word.width;
            continue;
        }
        if line_w > 0 {
            lines.push(std::mem::take(&mut line));
            line_w = 0;
        }
        for p in &word.pieces {
            for c in clusters(&p.text) {
                let cw = c.width();
                if line_w + cw > avail && line_w > 0 {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0;
                }
                if cw > avail {
                    // Only a 1-column line can meet a 2-column char; show that something was there.
                    push_cluster(&mut line, "?", p.style);
                    line_w += 1;
                } else {
                    push_cluster(&mut line, c, p.style);
                    line_w += cw;
                }
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}
