//! The mouse: a click selects the row under it, the wheel scrolls the pane under it.

use super::*;

pub(super) fn in_rect(r: ratatui::layout::Rect, p: Point) -> bool {
    p.x >= r.x && p.x < r.x + r.width && p.y >= r.y && p.y < r.y + r.height
}

pub(super) fn click(m: &mut Model, p: Point) {
    if m.mode != Mode::Normal {
        return;
    }
    let list = m.viewport.list;
    if in_rect(list, p) && !m.detail_open {
        let lines = m.viewport.row_lines.max(1);
        let row = m.offset[m.tab.index()] + ((p.y - list.y) / lines) as usize;
        if row < m.rows().len() {
            m.focus = Focus::List;
            select_at(m, row);
        }
    } else if in_rect(m.viewport.detail, p) {
        m.focus = Focus::Detail;
    }
}

pub(super) fn scroll_at(m: &mut Model, p: Point, delta: i16) {
    if in_rect(m.viewport.detail, p) {
        scroll(m, delta as i32 * 3);
    } else if in_rect(m.viewport.list, p) {
        select_by(m, delta as i64);
    }
}
