//! The filter picker's keys: move, toggle a facet, type to narrow the facets.

use super::*;

pub(super) fn picker_command(m: &mut Model, c: Command) {
    let n = m.picker.visible.len();
    if is_line_edit(c) {
        if line::edit(&mut m.picker.input, &mut m.picker.cursor, c) {
            filter_picker(m);
        }
        return;
    }
    match c {
        Command::SelectNext if n > 0 => m.picker.selected = (m.picker.selected + 1).min(n - 1),
        Command::SelectPrev => m.picker.selected = m.picker.selected.saturating_sub(1),
        Command::PageDown if n > 0 => m.picker.selected = (m.picker.selected + 10).min(n - 1),
        Command::PageUp => m.picker.selected = m.picker.selected.saturating_sub(10),
        Command::SelectFirst => m.picker.selected = 0,
        Command::SelectLast => m.picker.selected = n.saturating_sub(1),
        Command::Confirm => {
            if let Some(&i) = m.picker.visible.get(m.picker.selected) {
                let facet = m.picker.all[i].facet.clone();
                let same = |f: &crate::app::model::Facet| {
                    f.kind == facet.kind && crate::app::model::same_words(&f.value, &facet.value)
                };
                if let Some(pos) = m.filters.iter().position(same) {
                    m.filters.remove(pos);
                } else {
                    m.filters.push(facet);
                    m.filters.sort();
                }
                m.refresh_shown(false);
            }
        }
        Command::ClearFilters => {
            m.filters.clear();
            m.refresh_shown(false);
        }
        Command::Back | Command::FilterPicker => m.mode = Mode::Normal,
        _ => {}
    }
}

pub(super) fn filter_picker(m: &mut Model) {
    let needle = crate::search::fold::fold_query(&m.picker.input);
    let words: Vec<&str> = needle.split_whitespace().collect();
    m.picker.visible = m
        .picker
        .all
        .iter()
        .enumerate()
        .filter(|(_, fc)| {
            let hay = crate::search::fold::fold_query(&format!(
                "{} {}",
                fc.facet.kind.label(),
                fc.facet.value
            ));
            words.iter().all(|w| hay.contains(w))
        })
        .map(|(i, _)| i)
        .collect();
    m.picker.selected = m
        .picker
        .selected
        .min(m.picker.visible.len().saturating_sub(1));
}
