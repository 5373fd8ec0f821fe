//! The user's marks on an item (star, watch later, seen) as the state file keeps them: the one
//! place `talks mark` changes them.

use crate::state::State;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Mark {
    /// Starred: a talk you liked.
    Star,
    /// In the watch-later queue (added at its end).
    Later,
    /// Marked seen.
    Seen,
}

impl Mark {
    pub fn label(self) -> &'static str {
        match self {
            Mark::Star => "starred",
            Mark::Later => "in the watch-later queue",
            Mark::Seen => "marked seen",
        }
    }
}

/// Set or clear `mark` on `id`; true when that changed anything.
pub fn set_mark(state: &mut State, id: &str, mark: Mark, on: bool) -> bool {
    match (mark, on) {
        (Mark::Star, true) => state.stars.insert(id.to_string()),
        (Mark::Star, false) => state.stars.remove(id),
        (Mark::Seen, true) => state.seen.insert(id.to_string()),
        (Mark::Seen, false) => state.seen.remove(id),
        (Mark::Later, true) => {
            let new = !state.watch_later.iter().any(|x| x == id);
            if new {
                state.watch_later.push(id.to_string());
            }
            new
        }
        (Mark::Later, false) => {
            let before = state.watch_later.len();
            state.watch_later.retain(|x| x != id);
            before != state.watch_later.len()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_set_and_clear_once_and_the_queue_keeps_its_order() {
        let mut s = State::default();
        assert!(set_mark(&mut s, "a", Mark::Later, true));
        assert!(set_mark(&mut s, "b", Mark::Later, true));
        assert!(!set_mark(&mut s, "a", Mark::Later, true), "already queued");
        assert_eq!(s.watch_later, ["a", "b"]);
        assert!(set_mark(&mut s, "b", Mark::Star, true));
        assert!(!set_mark(&mut s, "b", Mark::Star, true));
        assert!(set_mark(&mut s, "b", Mark::Star, false));
        assert!(s.stars.is_empty());
        assert!(set_mark(&mut s, "a", Mark::Later, false));
        assert_eq!(s.watch_later, ["b"]);
    }
}
