//! Language codes as the sources write them (ISO 639-1 "en", ISO 639-3/639-2 "eng"/"ger", or
//! a name, "English") brought to the one form the archive keeps: the two-letter code the Hugo
//! and native archives use. Also the English name, for display and for `lang:english`.
//! Pure lookups; no I/O.

/// (ISO 639-1, ISO 639-3 and 639-2 codes, English name, name in the language).
const LANGUAGES: &[(&str, &[&str], &str, &str)] = &[
    ("af", &["afr"], "Afrikaans", "afrikaans"),
    ("ar", &["ara"], "Arabic", "العربية"),
    ("be", &["bel"], "Belarusian", "беларуская"),
    ("bg", &["bul"], "Bulgarian", "български"),
    ("bn", &["ben"], "Bengali", "বাংলা"),
    ("ca", &["cat"], "Catalan", "català"),
    ("cs", &["ces", "cze"], "Czech", "čeština"),
    ("cy", &["cym", "wel"], "Welsh", "cymraeg"),
    ("da", &["dan"], "Danish", "dansk"),
    ("de", &["deu", "ger"], "German", "deutsch"),
    ("el", &["ell", "gre"], "Greek", "ελληνικά"),
    ("en", &["eng"], "English", "english"),
    ("eo", &["epo"], "Esperanto", "esperanto"),
    ("es", &["spa"], "Spanish", "español"),
    ("et", &["est"], "Estonian", "eesti"),
    ("eu", &["eus", "baq"], "Basque", "euskara"),
    ("fa", &["fas", "per"], "Persian", "فارسی"),
    ("fi", &["fin"], "Finnish", "suomi"),
    ("fr", &["fra", "fre"], "French", "français"),
    ("ga", &["gle"], "Irish", "gaeilge"),
    ("gl", &["glg"], "Galician", "galego"),
    ("he", &["heb"], "Hebrew", "עברית"),
    ("hi", &["hin"], "Hindi", "हिन्दी"),
    ("hr", &["hrv"], "Croatian", "hrvatski"),
    ("hu", &["hun"], "Hungarian", "magyar"),
    ("hy", &["hye", "arm"], "Armenian", "հայերեն"),
    ("id", &["ind"], "Indonesian", "bahasa indonesia"),
    ("is", &["isl", "ice"], "Icelandic", "íslenska"),
    ("it", &["ita"], "Italian", "italiano"),
    ("ja", &["jpn"], "Japanese", "日本語"),
    ("ka", &["kat", "geo"], "Georgian", "ქართული"),
    ("kk", &["kaz"], "Kazakh", "қазақ тілі"),
    ("ko", &["kor"], "Korean", "한국어"),
    ("lt", &["lit"], "Lithuanian", "lietuvių"),
    ("lv", &["lav"], "Latvian", "latviešu"),
    ("mk", &["mkd", "mac"], "Macedonian", "македонски"),
    ("ms", &["msa", "may", "zsm"], "Malay", "bahasa melayu"),
    ("nl", &["nld", "dut"], "Dutch", "nederlands"),
    ("no", &["nor", "nob", "nno"], "Norwegian", "norsk"),
    ("pl", &["pol"], "Polish", "polski"),
    ("pt", &["por"], "Portuguese", "português"),
    ("ro", &["ron", "rum"], "Romanian", "română"),
    ("ru", &["rus"], "Russian", "русский"),
    ("sk", &["slk", "slo"], "Slovak", "slovenčina"),
    ("sl", &["slv"], "Slovenian", "slovenščina"),
    ("sq", &["sqi", "alb"], "Albanian", "shqip"),
    ("sr", &["srp"], "Serbian", "српски"),
    ("sv", &["swe"], "Swedish", "svenska"),
    ("sw", &["swa", "swh"], "Swahili", "kiswahili"),
    ("ta", &["tam"], "Tamil", "தமிழ்"),
    ("th", &["tha"], "Thai", "ไทย"),
    ("tl", &["tgl", "fil"], "Tagalog", "tagalog"),
    ("tr", &["tur"], "Turkish", "türkçe"),
    ("uk", &["ukr"], "Ukrainian", "українська"),
    ("ur", &["urd"], "Urdu", "اردو"),
    ("uz", &["uzb"], "Uzbek", "oʻzbek"),
    ("vi", &["vie"], "Vietnamese", "tiếng việt"),
    ("zh", &["zho", "chi", "cmn"], "Chinese", "中文"),
];

/// Codes that say "no language" rather than naming one.
const NO_LANGUAGE: &[&str] = &["und", "zxx", "mul", "mis", "none", "n/a", "-"];

/// The archive's form of a language as a source writes it: "eng", "EN", "en-US", "English"
/// all become "en". Unknown values are kept as written (trimmed); empty and "und" are `None`.
pub fn normalize(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    let lower = s.to_lowercase();
    if NO_LANGUAGE.contains(&lower.as_str()) {
        return None;
    }
    // "en-US", "pt_BR": the region does not matter for browsing talks.
    let base = lower.split(['-', '_']).next().unwrap_or(&lower);
    for (code, others, name, own) in LANGUAGES {
        if base == *code || others.contains(&base) || lower == name.to_lowercase() || lower == *own
        {
            return Some((*code).to_string());
        }
    }
    Some(s.to_string())
}

/// The English name of a two-letter code ("ru" → "Russian"), for display.
pub fn name(code: &str) -> Option<&'static str> {
    let code = code.trim().to_ascii_lowercase();
    LANGUAGES
        .iter()
        .find(|(c, ..)| *c == code)
        .map(|(_, _, name, _)| *name)
}

/// What `lang:` searches: the code, and the English and native names when known
/// ("ru, Russian, русский"), as comma-separated values so `lang:^ru$` still anchors.
pub fn search_text(code: &str) -> String {
    // A translated page lists its languages: "en, fr".
    if code.contains(',') {
        return code
            .split(',')
            .map(|c| search_text(c.trim()))
            .collect::<Vec<_>>()
            .join(", ");
    }
    let c = code.trim().to_ascii_lowercase();
    match LANGUAGES.iter().find(|(k, ..)| *k == c) {
        Some((k, _, name, own)) if !own.eq_ignore_ascii_case(name) => {
            format!("{k}, {name}, {own}")
        }
        Some((k, _, name, _)) => format!("{k}, {name}"),
        None => code.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_names_every_language_of_a_list() {
        assert_eq!(search_text("ru"), "ru, Russian, русский");
        assert_eq!(search_text("en, fr"), "en, English, fr, French, français");
    }

    #[test]
    fn normalize_table() {
        let cases = [
            ("eng", Some("en")),
            ("spa", Some("es")),
            ("rus", Some("ru")),
            ("ger", Some("de")),
            ("deu", Some("de")),
            ("EN", Some("en")),
            (" en-US ", Some("en")),
            ("pt_BR", Some("pt")),
            ("English", Some("en")),
            ("Deutsch", Some("de")),
            ("русский", Some("ru")),
            ("und", None),
            ("", None),
            ("   ", None),
            ("klingon", Some("klingon")),
        ];
        for (raw, want) in cases {
            assert_eq!(normalize(raw).as_deref(), want, "{raw:?}");
        }
    }

    #[test]
    fn names_and_search_text() {
        assert_eq!(name("ru"), Some("Russian"));
        assert_eq!(name("EN"), Some("English"));
        assert_eq!(name("xx"), None);
        assert_eq!(search_text("en"), "en, English");
        assert_eq!(search_text("es"), "es, Spanish, español");
        assert_eq!(search_text("klingon"), "klingon");
    }
}
