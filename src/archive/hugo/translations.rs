//! Translations of one page merged into one item (see `merge_translations` for why).

use crate::archive::Archive;
use crate::archive::names::{file_stem, split_lang};

/// Translations of one page (`index.md`, `index.fr.md`) become one item, not one per language:
/// search would otherwise show the same talk twice, and a star given to one would not show
/// on the other. The item is the page in the default language (the file without a language
/// in its name, else the first), its `language` lists every translation ("en, fr"), and the
/// links of all translations are offered.
pub fn merge_translations(archive: &mut Archive) {
    fn lang_of_path(path: &str) -> Option<String> {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        split_lang(file_stem(name)).1.map(str::to_lowercase)
    }
    fn merge<T>(
        items: &mut Vec<T>,
        id: impl Fn(&T) -> &str,
        path: impl Fn(&T) -> &str,
        lang: impl Fn(&T) -> Option<&str>,
        merge_into: impl Fn(&mut T, T),
    ) {
        // Translations by file name (`x.fr.md`), or by content folder (`content/fr/…`, where
        // the two pages share an id and differ in language).
        let translations = |a: &T, b: &T| {
            lang_of_path(path(a)).is_some()
                || lang_of_path(path(b)).is_some()
                || matches!((lang(a), lang(b)), (Some(x), Some(y)) if x != y)
        };
        let mut first: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut out: Vec<T> = Vec::with_capacity(items.len());
        for item in std::mem::take(items) {
            let key = id(&item).to_string();
            match first.get(&key) {
                Some(&i) if translations(&item, &out[i]) => {
                    // Keep the default-language page as the item.
                    if lang_of_path(path(&out[i])).is_some() && lang_of_path(path(&item)).is_none()
                    {
                        let old = std::mem::replace(&mut out[i], item);
                        merge_into(&mut out[i], old);
                    } else {
                        merge_into(&mut out[i], item);
                    }
                }
                _ => {
                    first.insert(key, out.len());
                    out.push(item);
                }
            }
        }
        *items = out;
    }
    fn join_lang(into: &mut Option<String>, into_path: &str, other: Option<String>) {
        let mut langs: Vec<String> = into
            .as_deref()
            .map(|l| l.split(", ").map(str::to_string).collect())
            .unwrap_or_default();
        if langs.is_empty() {
            // Hugo's default content language.
            langs.push(lang_of_path(into_path).unwrap_or_else(|| "en".into()));
        }
        for l in other.iter().flat_map(|o| o.split(", ")) {
            if !langs.iter().any(|x| x == l) {
                langs.push(l.to_string());
            }
        }
        *into = Some(langs.join(", "));
    }
    merge(
        archive.talks.to_mut(),
        |t| &t.id,
        |t| &t.origin.path,
        |t| t.language.as_deref(),
        |into, other| {
            join_lang(
                &mut into.language,
                &into.origin.path.clone(),
                other.language.or_else(|| lang_of_path(&other.origin.path)),
            );
            into.links.extend(other.links);
            super::links::dedupe(&mut into.links);
        },
    );
    merge(
        archive.posts.to_mut(),
        |p| &p.id,
        |p| &p.origin.path,
        |p| p.language.as_deref(),
        |into, other| {
            join_lang(
                &mut into.language,
                &into.origin.path.clone(),
                other.language.or_else(|| lang_of_path(&other.origin.path)),
            );
            into.links.extend(other.links);
            super::links::dedupe(&mut into.links);
        },
    );
}
