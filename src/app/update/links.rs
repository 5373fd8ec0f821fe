//! Choosing a link to open or copy, and one of the other talks by the same speakers.

use super::*;

/// Put the choice on the `i`th of the `n` other talks by the same speakers, in view.
pub(super) fn choose_related(m: &mut Model, i: usize, n: usize) {
    m.related_cursor = Some(i);
    m.reveal_related = true;
    m.focus = Focus::Detail;
    if !m.is_wide() {
        m.detail_open = true;
    }
    m.message = Some(format!(
        "other talk {}/{n} by these speakers · ↑↓ Enter go",
        i + 1
    ));
}

pub(super) fn link(m: &mut Model, verb: LinkVerb, n: Option<usize>, fx: &mut Vec<Effect>) {
    let links = m.selected_links();
    let chosen = match (links.len(), n) {
        (0, _) => {
            m.message = Some("this item has no links".into());
            return;
        }
        (1, None) => &links[0],
        (_, None) => {
            m.mode = Mode::LinkPrompt(verb);
            return;
        }
        (len, Some(k)) if k >= 1 && k <= len => &links[k - 1],
        (len, Some(k)) => {
            m.message = Some(format!("no link {k}: this talk has {len}"));
            return;
        }
    };
    let url = chosen.url.clone();
    let kind = chosen.kind.label();
    // A link to another item of this archive (a post naming a talk's page, an old URL) opens
    // that item here, with the way back, instead of the browser.
    if verb == LinkVerb::Open
        && let Some(target) = m.connections.relations.item_for_link(&url)
    {
        let (kind, idx) = match target {
            crate::connections::ItemRef::Talk(i) => (DocKind::Talk, i),
            crate::connections::ItemRef::Post(i) => (DocKind::Post, i),
        };
        let here = m.selected_doc().map(|d| (d.kind, d.idx));
        if here != Some((kind, idx)) {
            follow_to_item(m, kind, idx);
            m.message = Some(format!(
                "opened {} it links to, here · Ctrl-O goes back",
                chosen_kind(kind)
            ));
            return;
        }
    }
    match verb {
        LinkVerb::Open => match crate::opener::check_url(&url) {
            Ok(()) => {
                m.message = Some(format!("opening {kind}: {url}"));
                fx.push(Effect::Open(url));
            }
            // Archives are untrusted: only web links leave the app.
            Err(why) => m.message = Some(why),
        },
        LinkVerb::Copy => {
            // One clean line: pasted into a shell, a newline from the data would run it.
            let line = crate::opener::clipboard_line(&url);
            m.message = Some(format!("copied {kind} link: {line}"));
            fx.push(Effect::Copy(line));
        }
    }
}

fn chosen_kind(kind: DocKind) -> &'static str {
    match kind {
        DocKind::Talk => "the talk",
        DocKind::Post => "the post",
    }
}
