//! frab / Pentabarf / pretalx `schedule.xml`: `<schedule>` with a `<conference>` and
//! `<day>` → `<room>` → `<event>`s. Read with roxmltree (entities decoded, CDATA merged); the
//! tree is walked once, so the cost is linear in the file.

use roxmltree::{Document, Node, ParsingOptions};

use super::{Parsed, ScheduleConference, Session, talks};
use crate::archive::error::{Diagnostic, LoadError};

/// More nodes than any real schedule has (a large congress is ~100,000); a bound on memory
/// for hostile files.
const NODES_LIMIT: u32 = 4_000_000;

/// Whether the start of a file looks like a frab schedule.
pub fn looks_like(head: &str) -> bool {
    head.contains("<schedule") && (head.contains("<conference") || head.contains("<version"))
}

/// The talks of a `schedule.xml`. `Ok(None)` when the XML is something else.
pub fn parse(text: &str, path: &str, file_stem: &str) -> Result<Option<Parsed>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let opts = ParsingOptions {
        // Some exports carry a DOCTYPE; roxmltree bounds entity expansion itself.
        allow_dtd: true,
        nodes_limit: NODES_LIMIT,
        ..ParsingOptions::default()
    };
    let doc = Document::parse_with_options(text, opts).map_err(|e| {
        let pos = e.pos();
        Diagnostic::error(path, Some(pos.row as usize), LoadError::Xml(e.to_string()))
            .with_column(Some(pos.col as usize))
    })?;
    let root = doc.root_element();
    if !root.has_tag_name("schedule") {
        return Ok(None);
    }
    let mut conf = ScheduleConference::default();
    if let Some(c) = child(root, "conference") {
        conf.acronym = text_of(c, "acronym");
        conf.title = text_of(c, "title");
        conf.city = text_of(c, "city");
        let url = text_of(c, "base_url");
        let url = if url.is_empty() {
            text_of(c, "url")
        } else {
            url
        };
        conf.url = Some(url).filter(|u| u.starts_with("http"));
    }
    let sessions: Vec<Session> = root
        .descendants()
        .filter(|n| n.has_tag_name("event"))
        .map(|e| session(&doc, e))
        .collect();
    let mut diags = Vec::new();
    if sessions.is_empty() {
        diags.push(Diagnostic::warning(path, None, LoadError::NothingFound));
    }
    Ok(Some((talks(&conf, sessions, path, file_stem), diags)))
}

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| c.has_tag_name(name))
}

/// All the text inside an element (entities decoded, markup inside dropped), trimmed.
fn all_text(n: Node<'_, '_>) -> String {
    let mut s = String::new();
    for t in n.descendants().filter(|d| d.is_text()) {
        s.push_str(t.text().unwrap_or(""));
    }
    s.trim().to_string()
}

fn text_of(n: Node<'_, '_>, name: &str) -> String {
    child(n, name).map(all_text).unwrap_or_default()
}

fn session(doc: &Document<'_>, e: Node<'_, '_>) -> Session {
    let ancestor_attr = |tag: &str, attr: &str| {
        e.ancestors()
            .find(|a| a.has_tag_name(tag))
            .and_then(|a| a.attribute(attr))
            .unwrap_or("")
            .to_string()
    };
    let room = text_of(e, "room");
    let persons = child(e, "persons")
        .map(|p| {
            p.children()
                .filter(|c| c.has_tag_name("person"))
                .map(all_text)
                .collect()
        })
        .unwrap_or_default();
    // `<links>` and pretalx's `<attachments>` (uploaded slides and the like).
    let links = [("links", "link"), ("attachments", "attachment")]
        .iter()
        .filter_map(|(list, item)| child(e, list).map(|l| (l, *item)))
        .flat_map(|(l, item)| {
            l.children()
                .filter(move |c| c.has_tag_name(item))
                .map(|c| (c.attribute("href").unwrap_or("").to_string(), all_text(c)))
        })
        .collect();
    let recording = child(e, "recording")
        .map(|r| text_of(r, "url"))
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| text_of(e, "video_download_url"));
    Session {
        id: e.attribute("id").unwrap_or("").to_string(),
        guid: e.attribute("guid").unwrap_or("").to_string(),
        slug: text_of(e, "slug"),
        title: text_of(e, "title"),
        subtitle: text_of(e, "subtitle"),
        track: text_of(e, "track"),
        kind: text_of(e, "type"),
        language: text_of(e, "language"),
        abstract_text: text_of(e, "abstract"),
        description: text_of(e, "description"),
        date: text_of(e, "date"),
        day: ancestor_attr("day", "date"),
        room: if room.is_empty() {
            ancestor_attr("room", "name")
        } else {
            room
        },
        duration: text_of(e, "duration"),
        persons,
        links,
        url: text_of(e, "url"),
        recording,
        line: doc.text_pos_at(e.range().start).row as usize,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::LinkKind;

    const XML: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<schedule>
  <version>0.9 Dune</version>
  <conference>
    <acronym>ds25</acronym>
    <title>Dune Summit 2025</title>
    <base_url>https://dune.example/2025/</base_url>
  </conference>
  <day index="1" date="2025-06-02">
    <room name="Tent">
      <event id="11" guid="aa-11">
        <date>2025-06-02T09:15:00+02:00</date>
        <duration>00:40</duration>
        <room>Tent</room>
        <slug>ds25-11-sand</slug>
        <title>Sand &amp; silicon</title>
        <subtitle>Chips from the beach</subtitle>
        <track>Hardware</track>
        <type>lecture</type>
        <language>fr</language>
        <abstract>From &quot;quartz&quot; to wafers.</abstract>
        <description><![CDATA[We <b>melt</b> things.]]></description>
        <url>https://dune.example/2025/talk/11</url>
        <persons><person id="1">Léa Marchand</person><person id="2">Olu Ade</person></persons>
        <links>
          <link href="https://dune.example/sand.pdf">Slides</link>
          <link href="https://git.example/sand">Code</link>
        </links>
        <recording><license>CC BY</license><optout>false</optout></recording>
        <video_download_url>https://cdn.example/ds25-11.mp4</video_download_url>
      </event>
    </room>
    <room name="Yurt">
      <event guid="bb-12">
        <title>Wind</title>
        <persons/>
        <links/>
      </event>
    </room>
  </day>
</schedule>"#;

    #[test]
    fn every_field_of_an_event() {
        let (talks, diags) = parse(XML, "s.xml", "s").unwrap().unwrap();
        assert!(diags.is_empty());
        assert_eq!(talks.len(), 2);
        let t = &talks[0];
        assert_eq!(t.id, "ds25/11");
        assert_eq!(t.title, "Sand & silicon — Chips from the beach");
        assert_eq!(t.speaker_names(), "Léa Marchand, Olu Ade");
        assert_eq!(t.conference_name(), Some("Dune Summit 2025"));
        assert_eq!(
            t.conference.as_ref().unwrap().url.as_deref(),
            Some("https://dune.example/2025/")
        );
        assert_eq!(t.date.unwrap().to_string(), "2025-06-02");
        assert_eq!(t.language.as_deref(), Some("fr"));
        assert_eq!(t.tags, ["Hardware"]);
        assert_eq!(t.session_type.as_deref(), Some("lecture"));
        assert_eq!(t.room.as_deref(), Some("Tent"));
        assert_eq!(t.duration_min, Some(40));
        assert_eq!(
            t.abstract_md,
            "From \"quartz\" to wafers.\n\nWe <b>melt</b> things."
        );
        assert_eq!(t.origin.line, 11);
        let links: Vec<(LinkKind, &str)> =
            t.links.iter().map(|l| (l.kind, l.url.as_str())).collect();
        assert_eq!(
            links,
            [
                (LinkKind::Video, "https://cdn.example/ds25-11.mp4"),
                (LinkKind::Slides, "https://dune.example/sand.pdf"),
                (LinkKind::Code, "https://git.example/sand"),
                (LinkKind::Web, "https://dune.example/2025/talk/11"),
            ]
        );
    }

    #[test]
    fn event_without_its_own_fields_takes_the_day_and_room() {
        let (talks, _) = parse(XML, "s.xml", "s").unwrap().unwrap();
        let t = &talks[1];
        assert_eq!(t.id, "ds25/bb-12");
        assert_eq!(t.date.unwrap().to_string(), "2025-06-02");
        assert_eq!(t.room.as_deref(), Some("Yurt"));
        assert!(t.speakers.is_empty() && t.links.is_empty());
    }

    #[test]
    fn pretalx_xml_with_a_namespace_and_attachments() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<schedule xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="https://c3voc.de/schedule/schema.xsd">
  <generator name="pretalx" version="2024.1.0"/>
  <version>0.7</version>
  <conference><acronym>fjord24</acronym><title>Fjord Days</title></conference>
  <day index="1" date="2024-09-12">
    <room name="Boathouse">
      <event guid="e1" id="77" code="QWER">
        <date>2024-09-12T13:00:00+02:00</date>
        <title>Knots</title>
        <persons><person id="5" code="AB12">Siv Nilsen</person></persons>
        <links/>
        <attachments><attachment href="https://fjord.example/media/knots.pdf">Handout</attachment></attachments>
      </event>
    </room>
  </day>
</schedule>"#;
        let (talks, _) = parse(xml, "s.xml", "s").unwrap().unwrap();
        assert_eq!(talks[0].id, "fjord24/77");
        assert_eq!(talks[0].speaker_names(), "Siv Nilsen");
        assert_eq!(talks[0].links[0].kind, LinkKind::Slides);
        assert_eq!(talks[0].room.as_deref(), Some("Boathouse"));
    }

    #[test]
    fn pentabarf_without_acronym_date_or_guid() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <conference><title>Brussels Open Days 2018</title><city>Brussels</city></conference>
  <day index="1" date="2018-02-03">
    <room name="Main">
      <event id="6245">
        <start>10:00</start><duration>00:50</duration><room>Main</room>
        <title>Opening</title><type>keynote</type><language/>
        <description>&lt;p&gt;Welcome &amp;amp; coffee.&lt;/p&gt;</description>
        <persons><person id="1">Ines Duarte</person></persons>
        <links><link href="https://feedback.example/6245">Submit feedback</link></links>
      </event>
    </room>
  </day>
</schedule>"#;
        let (talks, _) = parse(xml, "fosdem/schedule.xml", "schedule")
            .unwrap()
            .unwrap();
        let t = &talks[0];
        assert_eq!(t.id, "brussels-open-days-2018/6245");
        assert_eq!(t.date.unwrap().to_string(), "2018-02-03");
        assert_eq!(t.language, None);
        assert_eq!(t.duration_min, Some(50));
        assert_eq!(t.city.as_deref(), Some("Brussels"));
        // Escaped HTML comes out as HTML, which the detail pane renders.
        assert_eq!(t.abstract_md, "<p>Welcome &amp; coffee.</p>");
    }

    #[test]
    fn broken_or_foreign_xml() {
        let e = parse("<schedule>\n<conference>\n</schedule>", "s.xml", "s").unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(matches!(e.error, LoadError::Xml(_)));
        assert!(
            parse("<rss><channel/></rss>", "s.xml", "s")
                .unwrap()
                .is_none()
        );
        let (t, d) = parse("<schedule><conference/></schedule>", "s.xml", "s")
            .unwrap()
            .unwrap();
        assert!(t.is_empty());
        assert_eq!(d[0].error, LoadError::NothingFound);
    }

    #[test]
    fn entity_bombs_are_refused() {
        let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE schedule [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
]>
<schedule><event id="1"><title>&f;</title></event></schedule>"#;
        let started = std::time::Instant::now();
        let r = parse(bomb, "s.xml", "s");
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        assert!(r.is_err());
    }
}
