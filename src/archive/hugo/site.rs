//! What a Hugo site tells us beyond its content files: `baseURL`, the site's author, its
//! languages (from the config, whose keys Hugo reads in any case: `[Params.Author]` is
//! `[params.author]`), and the speaker profiles that talks name by id (`content/speakers/<id>.md`,
//! `content/authors/<id>/_index.md`, `data/speakers.yaml`). Pure functions over text.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::super::fields::get_ci;
use super::super::front_matter::{Format, parse_front_matter, split_front_matter};
use super::super::model::Speaker;
use super::super::names::{extension, file_stem, is_markdown, split_lang};
use super::super::native::slugify;
use super::strip_images;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteInfo {
    /// `baseURL`, to turn site paths like `/images/x.pdf` into links a browser can open.
    pub base_url: Option<String>,
    /// The site's author: talks in a personal blog have no speaker field, the author gave them.
    pub author: Option<String>,
    /// Speaker profiles by lowercased id (the file or folder name, or the data file's key).
    pub profiles: BTreeMap<String, Speaker>,
    /// `defaultContentLanguage`, lowercased, when the config names one.
    pub default_language: Option<String>,
    /// The config's author when given as a table with more than a name (`[params.author]`
    /// with `company` or `organization`).
    pub author_details: Option<Speaker>,
}

impl SiteInfo {
    /// `baseURL` without its trailing slash, for `resolve_url`.
    pub fn base(&self) -> Option<&str> {
        self.base_url.as_deref()
    }

    /// The profile a talk's speaker entry names: by id (`jane_doe`, `admin`), or by a name whose
    /// slug is the id (`Jane Doe` for `jane-doe.md`).
    pub fn profile(&self, id_or_name: &str) -> Option<&Speaker> {
        let key = id_or_name.trim().to_lowercase();
        if key.is_empty() {
            return None;
        }
        self.profiles
            .get(&key)
            .or_else(|| self.profiles.get(&slugify(&key)))
            .or_else(|| self.profiles.get(&slugify(&key).replace('-', "_")))
    }

    /// Who gave a talk that names nobody: the config's author, else an Academic site's owner
    /// (`content/authors/admin`).
    pub fn default_speaker(&self) -> Option<Speaker> {
        if let Some(author) = &self.author {
            return Some(
                self.profile(author)
                    .or(self.author_details.as_ref())
                    .cloned()
                    .unwrap_or(Speaker {
                        name: author.clone(),
                        company: None,
                        bio: None,
                    }),
            );
        }
        // Academic / Wowchemy call the site's owner `admin`; Hugo Blox calls them `me`.
        self.profiles
            .get("admin")
            .or_else(|| self.profiles.get("me"))
            .cloned()
    }
}

/// A config file's keys, lowercased at every level (Hugo's config keys are case-insensitive).
/// A file that does not parse gives an empty map: the content still loads.
pub fn config_map(text: &str, format: Format) -> Map<String, Value> {
    match parse_front_matter(format, text, 1) {
        Ok(map) => lowercase_keys(Value::Object(map))
            .as_object()
            .cloned()
            .unwrap_or_default(),
        Err(_) => Map::new(),
    }
}

fn lowercase_keys(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .map(|(k, v)| (k.to_lowercase(), lowercase_keys(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(lowercase_keys).collect()),
        other => other,
    }
}

/// Merge a split config's files into one map, as Hugo does: `config/_default/params.toml`
/// holds what `[params]` would, `languages.toml` what `[languages]` would.
pub fn merge_config(into: &mut Map<String, Value>, file_stem: &str, map: Map<String, Value>) {
    match file_stem {
        "params" | "languages" | "menus" | "markup" => {
            let slot = into
                .entry(file_stem.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(o) = slot {
                o.extend(map);
            }
        }
        _ => into.extend(map),
    }
}

/// Read `baseURL`, the author and the default language from a site config.
pub fn parse_site_config(text: &str, format: Format) -> SiteInfo {
    site_from_config(&config_map(text, format))
}

/// `parse_site_config` on an already merged, lowercased config.
pub fn site_from_config(map: &Map<String, Value>) -> SiteInfo {
    let base_url = map
        .get("baseurl")
        .and_then(Value::as_str)
        .map(|s| s.trim_end_matches('/').to_string())
        .filter(|s| s.contains("://"));
    let params = map.get("params");
    let authors = [
        map.get("author"),
        params.and_then(|p| p.get("author")),
        params.and_then(|p| p.get("authorname")),
    ];
    let author = authors.into_iter().flatten().find_map(person_name);
    let author_details = authors
        .into_iter()
        .flatten()
        .find_map(Value::as_object)
        .and_then(|o| speaker_from_map(o, ""))
        .filter(|s| s.company.is_some() && Some(&s.name) == author.as_ref());
    let default_language = map
        .get("defaultcontentlanguage")
        .and_then(Value::as_str)
        .map(str::to_lowercase);
    SiteInfo {
        base_url,
        author,
        default_language,
        author_details,
        ..SiteInfo::default()
    }
}

/// A name given as text, as `{ name = … }`, or as a list whose first entry is one.
fn person_name(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Object(o) => o
            .get("name")
            .or_else(|| o.get("displayname"))
            .and_then(Value::as_str)?
            .to_string(),
        Value::Array(a) => return a.first().and_then(person_name),
        _ => return None,
    };
    let s = s.trim().to_string();
    (!s.is_empty()).then_some(s)
}

/// A speaker from a profile's keys: name (`name`, `title`, first + last name), company
/// (`company`, `organization`, `organizations[0].name`, `affiliation`, …) and a bio (`bio`,
/// else the profile page's first paragraph), images left out.
pub fn speaker_from_map(o: &Map<String, Value>, body: &str) -> Option<Speaker> {
    let text = |k: &str| {
        get_ci(o, k)
            .and_then(|v| match v {
                Value::String(s) => Some(s.trim().to_string()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .filter(|s| !s.is_empty())
    };
    // Hugo Blox's `data/authors/<id>.yaml` writes the name as `{ display, given, family }`.
    let structured = get_ci(o, "name").and_then(Value::as_object).and_then(|n| {
        let part = |k: &str| {
            get_ci(n, k)
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        part("display")
            .or_else(|| part("full"))
            .map(str::to_string)
            .or_else(|| {
                let given = part("given")?;
                Some(match part("family") {
                    Some(f) => format!("{given} {f}"),
                    None => given.to_string(),
                })
            })
    });
    let name = structured
        .or_else(|| text("name"))
        .or_else(|| text("fullname"))
        .or_else(|| text("full_name"))
        .or_else(|| text("title"))
        .or_else(|| text("display_name"))
        .or_else(|| {
            let first = text("first_name").or_else(|| text("firstname"))?;
            Some(match text("last_name").or_else(|| text("lastname")) {
                Some(last) => format!("{first} {last}"),
                None => first,
            })
        })?;
    let company = [
        "company",
        "organization",
        "organisation",
        "organizations",
        "organisations",
        "affiliation",
        "affiliations",
        "employer",
        "org",
    ]
    .iter()
    .find_map(|k| get_ci(o, k).and_then(organization));
    let bio = text("bio")
        .or_else(|| text("short_bio"))
        .or_else(|| {
            let s = super::summary_of(&strip_images(body));
            (!s.trim().is_empty()).then_some(s)
        })
        .map(|b| strip_images(&b).trim().to_string())
        .filter(|b| !b.is_empty());
    Some(Speaker { name, company, bio })
}

/// "Acme", `{ name = "Acme", url = … }`, or a list of either (the first counts).
fn organization(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Object(o) => get_ci(o, "name").and_then(organization),
        Value::Array(a) => a.iter().find_map(organization),
        _ => None,
    }
}

/// A profile page (`content/speakers/<id>.md`): the speaker it describes, if it names one.
pub fn profile_from_page(text: &str) -> Option<Speaker> {
    let split = split_front_matter(text).ok()?;
    let map = parse_front_matter(split.format?, split.front, split.front_line).ok()?;
    speaker_from_map(&map, split.body)
}

/// Profiles in a data file (`data/speakers.yaml`): a table of id → profile, or a list of
/// profiles that carry their id (`id`, `key`, `slug`), else keyed by their name's slug.
pub fn profiles_from_data(text: &str, format: Format) -> Vec<(String, Speaker)> {
    let value = match format {
        Format::Json => serde_json::from_str::<Value>(text).ok(),
        Format::Toml | Format::Yaml => {
            // A list at the top (YAML `- name: …`) is no table; wrap it so the parser takes it.
            match parse_front_matter(format, text, 1) {
                Ok(m) => Some(Value::Object(m)),
                Err(_) if format == Format::Yaml => {
                    serde_yaml_ng::from_str::<serde_json::Value>(text).ok()
                }
                Err(_) => None,
            }
        }
    };
    let mut out = Vec::new();
    let from_list = |items: &[Value], out: &mut Vec<(String, Speaker)>| {
        for item in items {
            if let Value::Object(o) = item
                && let Some(s) = speaker_from_map(o, "")
            {
                let id = ["id", "key", "slug", "username"]
                    .iter()
                    .find_map(|k| get_ci(o, k).and_then(Value::as_str))
                    .map(str::to_lowercase)
                    .unwrap_or_else(|| slugify(&s.name));
                out.push((id, s));
            }
        }
    };
    match value {
        Some(Value::Array(items)) => from_list(&items, &mut out),
        Some(Value::Object(m)) => {
            for (k, v) in &m {
                match v {
                    Value::Object(o) => {
                        if let Some(s) = speaker_from_map(o, "") {
                            out.push((k.to_lowercase(), s));
                        }
                    }
                    // `speakers: [ … ]` one level down.
                    Value::Array(items) => from_list(items, &mut out),
                    _ => {}
                }
            }
        }
        _ => {}
    }
    out
}

/// The config files Hugo reads at a site's root, in the order it looks for them.
pub const SITE_CONFIGS: &[(&str, Format)] = &[
    ("hugo.toml", Format::Toml),
    ("config.toml", Format::Toml),
    ("hugo.yaml", Format::Yaml),
    ("config.yaml", Format::Yaml),
    ("config.yml", Format::Yaml),
    ("hugo.json", Format::Json),
    ("config.json", Format::Json),
];

/// Folders of `content/` whose pages are people, not items: talks name them by id.
pub const PROFILE_SECTIONS: &[&str] = &["speakers", "speaker", "authors", "author", "people"];
/// Data files (`data/<name>.yaml`, or `data/<name>/<id>.yaml`) that hold speaker profiles.
const PROFILE_DATA: &[&str] = &["speakers", "authors", "people"];

fn format_of(path: &str) -> Option<Format> {
    match extension(path)?.as_str() {
        "toml" => Some(Format::Toml),
        "yaml" | "yml" => Some(Format::Yaml),
        "json" => Some(Format::Json),
        _ => None,
    }
}

/// Which files of a site (paths relative to its root) describe the site rather than hold
/// items: its config, speaker profile pages and speaker data files. `site_from_files` reads them.
pub fn is_site_file(rel: &str) -> bool {
    if SITE_CONFIGS.iter().any(|(n, _)| *n == rel) {
        return true;
    }
    if let Some(name) = rel.strip_prefix("config/_default/") {
        return !name.contains('/') && format_of(name).is_some();
    }
    if let Some(rest) = rel.strip_prefix("content/") {
        return rest
            .split_once('/')
            .is_some_and(|(top, _)| PROFILE_SECTIONS.contains(&top.to_lowercase().as_str()))
            && is_markdown(rest);
    }
    if let Some(rest) = rel.strip_prefix("data/") {
        let top = rest.split('/').next().unwrap_or(rest);
        let top = top.split('.').next().unwrap_or(top);
        return PROFILE_DATA.contains(&top.to_lowercase().as_str()) && format_of(rest).is_some();
    }
    false
}

/// A site's config (the root file Hugo would read first, then `config/_default/`, merged) and
/// its speaker profiles, from `(path relative to the site root, text)` pairs.
pub fn site_from_files<'a>(files: impl Iterator<Item = (&'a str, &'a str)>) -> SiteInfo {
    let files: Vec<(&str, &str)> = files.filter(|(p, _)| is_site_file(p)).collect();
    let mut config = serde_json::Map::new();
    if let Some((text, format)) = SITE_CONFIGS.iter().find_map(|(name, format)| {
        files
            .iter()
            .find(|(p, _)| p == name)
            .map(|(_, t)| (*t, *format))
    }) {
        config = config_map(text, format);
    }
    let mut split: Vec<&(&str, &str)> = files
        .iter()
        .filter(|(p, _)| p.starts_with("config/_default/"))
        .collect();
    // `hugo.*`/`config.*` first, so `params.*` and the rest merge into it.
    split.sort_by_key(|(p, _)| {
        let stem = file_stem(p);
        (stem != "hugo" && stem != "config", *p)
    });
    for (p, text) in split {
        if let Some(format) = format_of(p) {
            let map = config_map(text, format);
            merge_config(&mut config, file_stem(p), map);
        }
    }
    let mut site = site_from_config(&config);
    for (p, text) in &files {
        if let Some(rest) = p.strip_prefix("content/") {
            let Some((_, inside)) = rest.split_once('/') else {
                continue;
            };
            // `jane.md`, `jane/index.md`, `jane/_index.md` (Academic) are all `jane`.
            let parts: Vec<&str> = inside.split('/').collect();
            let id = match parts.as_slice() {
                [.., dir, file]
                    if split_lang(file_stem(file)).0.trim_start_matches('_') == "index" =>
                {
                    dir
                }
                // `jane.md`, also one level down (`speakers/2019/jane.md`).
                [.., file] => split_lang(file_stem(file)).0,
                [] => continue,
            };
            if id == "_index" || id.is_empty() {
                continue;
            }
            if let Some(speaker) = profile_from_page(text) {
                site.profiles.entry(id.to_lowercase()).or_insert(speaker);
            }
        } else if let Some(rest) = p.strip_prefix("data/")
            && let Some(format) = format_of(rest)
        {
            if let Some((_, file)) = rest.split_once('/') {
                // `data/speakers/jane.yaml`: one profile per file.
                let map = config_map(text, format);
                if let Some(s) = speaker_from_map(&map, "") {
                    site.profiles
                        .entry(file_stem(file).to_lowercase())
                        .or_insert(s);
                }
            } else {
                for (id, s) in profiles_from_data(text, format) {
                    site.profiles.entry(id).or_insert(s);
                }
            }
        }
    }
    site
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_keys_in_any_case() {
        let cases: &[(&str, Format, Option<&str>)] = &[
            ("[params]\nauthor = \"A\"\n", Format::Toml, Some("A")),
            ("[Params]\nAuthor = \"A\"\n", Format::Toml, Some("A")),
            (
                "[Params.Author]\nName = \"A B\"\n",
                Format::Toml,
                Some("A B"),
            ),
            ("author = \"A\"\n", Format::Toml, Some("A")),
            ("[author]\nname = \"A\"\n", Format::Toml, Some("A")),
            ("Params:\n  Author:\n    name: Y\n", Format::Yaml, Some("Y")),
            ("{\"params\": {\"author\": \"J\"}}", Format::Json, Some("J")),
            ("[params]\nauthor = \"\"\n", Format::Toml, None),
            ("title = \"x\"\n", Format::Toml, None),
        ];
        for (text, format, want) in cases {
            assert_eq!(
                parse_site_config(text, *format).author.as_deref(),
                *want,
                "{text:?}"
            );
        }
        let s = parse_site_config(
            "[params.author]\nname = \"A B\"\norganization = \"Org\"\n",
            Format::Toml,
        );
        let me = s.default_speaker().unwrap();
        assert_eq!(
            (me.name.as_str(), me.company.as_deref()),
            ("A B", Some("Org"))
        );
        let s = parse_site_config(
            "BaseURL = \"https://e.org/\"\nDefaultContentLanguage = \"FR\"\n",
            Format::Toml,
        );
        assert_eq!(s.base_url.as_deref(), Some("https://e.org"));
        assert_eq!(s.default_language.as_deref(), Some("fr"));
    }

    #[test]
    fn split_config_params_file() {
        let mut m = config_map("baseurl = \"https://e.org\"\n", Format::Toml);
        merge_config(
            &mut m,
            "params",
            config_map("Author = \"From params\"\n", Format::Toml),
        );
        assert_eq!(site_from_config(&m).author.as_deref(), Some("From params"));
    }

    #[test]
    fn profile_key_aliases() {
        // (front matter, name, company)
        let cases = [
            (
                "+++\ntitle = \"Ada L\"\ncompany = \"Acme\"\n+++\n",
                "Ada L",
                Some("Acme"),
            ),
            (
                "---\nname: Ada L\norganization: Acme\n---\n",
                "Ada L",
                Some("Acme"),
            ),
            (
                "---\ntitle: Ada L\norganizations:\n- name: Acme U\n  url: https://u.example\n---\n",
                "Ada L",
                Some("Acme U"),
            ),
            (
                "---\nName: Ada L\nAffiliation: Lab\n---\n",
                "Ada L",
                Some("Lab"),
            ),
            ("---\nfirst_name: Ada\nlast_name: L\n---\n", "Ada L", None),
            (
                "---\ntitle: Ada L\norganisation: Org\n---\n",
                "Ada L",
                Some("Org"),
            ),
            (
                "---\ntitle: Ada L\nemployer: Emp\n---\n",
                "Ada L",
                Some("Emp"),
            ),
        ];
        for (text, name, company) in cases {
            let s = profile_from_page(text).unwrap_or_else(|| panic!("{text:?}"));
            assert_eq!(s.name, name, "{text:?}");
            assert_eq!(s.company.as_deref(), company, "{text:?}");
        }
        assert!(profile_from_page("+++\nweight = 1\n+++\n").is_none());
    }

    #[test]
    fn profile_bio_leaves_out_images() {
        let s = profile_from_page(
            "+++\ntitle = \"Ada\"\n+++\n![avatar](ada.jpg)\n\nAda builds <img src=\"x.png\"> compilers.\n\nMore.\n",
        )
        .unwrap();
        assert_eq!(s.bio.as_deref(), Some("Ada builds  compilers."));
        let s = profile_from_page("---\ntitle: Ada\nbio: Short bio.\n---\nLong.\n").unwrap();
        assert_eq!(s.bio.as_deref(), Some("Short bio."));
    }

    #[test]
    fn data_file_shapes() {
        let map = profiles_from_data(
            "jane_doe:\n  name: Jane Doe\n  company: Acme\nbob:\n  name: Bob\n",
            Format::Yaml,
        );
        assert_eq!(map.len(), 2);
        assert_eq!(map[1].0, "jane_doe");
        assert_eq!(map[1].1.company.as_deref(), Some("Acme"));
        let list = profiles_from_data(
            "- id: jd\n  name: Jane Doe\n- name: Bob Smith\n  organization: Org\n",
            Format::Yaml,
        );
        assert_eq!(list[0].0, "jd");
        assert_eq!(list[1].0, "bob-smith");
        assert_eq!(list[1].1.company.as_deref(), Some("Org"));
        let toml = profiles_from_data("[[speakers]]\nid = \"x\"\nname = \"X Y\"\n", Format::Toml);
        assert_eq!(toml[0].0, "x");
        let json = profiles_from_data("{\"x\": {\"name\": \"X\"}}", Format::Json);
        assert_eq!(json[0].1.name, "X");
    }

    #[test]
    fn profiles_resolve_by_id_or_name() {
        let mut s = SiteInfo::default();
        let ada = Speaker {
            name: "Ada Lovelace".into(),
            company: Some("Engines".into()),
            bio: None,
        };
        s.profiles.insert("ada-lovelace".into(), ada.clone());
        s.profiles.insert("admin".into(), ada.clone());
        assert_eq!(s.profile("Ada Lovelace"), Some(&ada));
        assert_eq!(s.profile("ADMIN"), Some(&ada));
        assert_eq!(s.profile("nobody"), None);
        assert_eq!(s.default_speaker(), Some(ada));
    }

    #[test]
    fn site_files_give_config_and_profiles() {
        let files = [
            ("config/_default/hugo.yaml", "baseURL: https://s.example/\n"),
            (
                "config/_default/params.yaml",
                "Author:\n  Name: Site Owner\n",
            ),
            (
                "content/authors/admin/_index.md",
                "---\ntitle: Owner Name\norganizations:\n- name: Uni\n---\nBio here.\n",
            ),
            (
                "content/speakers/jdoe.md",
                "+++\ntitle = \"Jane Doe\"\ncompany = \"Acme\"\n+++\n",
            ),
            (
                "content/speakers/_index.md",
                "+++\ntitle = \"Speakers\"\n+++\n",
            ),
            (
                "data/speakers.yml",
                "bob_s:\n  name: Bob Smith\n  organization: Org\n",
            ),
            (
                "data/authors/me.yaml",
                "name:\n  display: Me Person\naffiliations:\n- name: Lab\n",
            ),
            ("content/talks/t.md", "+++\n+++\n"),
        ];
        let site = site_from_files(files.iter().copied());
        assert_eq!(site.base_url.as_deref(), Some("https://s.example"));
        assert_eq!(site.author.as_deref(), Some("Site Owner"));
        let ids: Vec<&str> = site.profiles.keys().map(String::as_str).collect();
        assert_eq!(ids, ["admin", "bob_s", "jdoe", "me"]);
        assert_eq!(site.profiles["me"].name, "Me Person");
        assert_eq!(site.profiles["me"].company.as_deref(), Some("Lab"));
        assert_eq!(site.profiles["admin"].company.as_deref(), Some("Uni"));
        assert_eq!(site.profiles["admin"].bio.as_deref(), Some("Bio here."));
    }
}
