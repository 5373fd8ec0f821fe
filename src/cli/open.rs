//! `talks open ID [N]`: the TUI's `o` from the command line, with the same link rules.

use std::io::{self, Write};

use crate::archive::{Archive, LinkKind};
use crate::opener::{Wait, check_url, open_url};
use crate::session::Outcome;
use crate::ui::sanitize::sanitize_line;

pub fn run(
    archive: &Archive,
    id: &str,
    n: Option<usize>,
    print: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let Some(item) = super::find_or_say(archive, id, err)? else {
        return Ok(Outcome::NothingFound);
    };
    let links = item.links();
    let shown_id = sanitize_line(item.id()).into_owned();
    let link = match n {
        _ if links.is_empty() => {
            writeln!(err, "talks: {shown_id} has no links")?;
            return Ok(Outcome::NothingFound);
        }
        None => links
            .iter()
            .find(|l| l.kind == LinkKind::Video)
            .unwrap_or(&links[0]),
        Some(k) if (1..=links.len()).contains(&k) => &links[k - 1],
        Some(k) => {
            writeln!(
                err,
                "talks: no link {k}: {shown_id} has {} (`talks show {shown_id}` numbers them)",
                links.len()
            )?;
            return Ok(Outcome::UsageOrIo);
        }
    };
    let url = sanitize_line(&link.url).into_owned();
    if let Err(why) = check_url(&link.url) {
        writeln!(err, "talks: {url}: {why}")?;
        return Ok(Outcome::UsageOrIo);
    }
    if print {
        writeln!(out, "{url}")?;
        return Ok(Outcome::Ok);
    }
    writeln!(err, "talks: opening {}: {url}", link.kind.label())?;
    match open_url(&link.url, Wait::Foreground) {
        Ok(()) => Ok(Outcome::Ok),
        Err(why) => {
            writeln!(err, "talks: {why}")?;
            // The URL on stdout, so it can still be copied or piped.
            writeln!(out, "{url}")?;
            Ok(Outcome::UsageOrIo)
        }
    }
}
