//! `talks completions SHELL` and `talks man`: generated from the clap definitions, so they
//! never disagree with `--help`. For bash, zsh and fish, the id of `show`, `open` and `mark`
//! completes from `talks list --format '{id}'` (the other shells get the static script).

use std::io::{self, Write};

use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;
use crate::session::Outcome;

const IDS: &str = "talks list --format '{id}' 2>/dev/null";

pub fn completions(shell: Shell, out: &mut dyn Write) -> io::Result<Outcome> {
    let mut cmd = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "talks", &mut script);
    let mut script = String::from_utf8_lossy(&script).into_owned();
    match shell {
        Shell::Bash => {
            // Wrap clap's function: the word after show/open/mark is an id.
            script = script.replace("complete -F _talks ", "complete -F _talks_with_ids ");
            script += r#"
_talks_with_ids() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
    case "$prev" in
        show|open|mark|similar)
            if [[ "$cur" != -* ]]; then
                # The archive on the line (--data) is the one whose ids complete.
                local i data=() ids
                for ((i = 1; i < COMP_CWORD; i++)); do
                    case "${COMP_WORDS[i]}" in
                        --data) data+=(--data "${COMP_WORDS[i+1]/#\~/$HOME}") ;;
                        --data=*) data+=("${COMP_WORDS[i]/#--data=\~/--data=$HOME}") ;;
                    esac
                done
                ids=$(talks "${data[@]}" list --format '{id}' 2>/dev/null)
                COMPREPLY=( $(compgen -W "$ids" -- "$cur") )
                # Nothing starts so: any id that holds the word, as `talks show` accepts.
                if [[ ${#COMPREPLY[@]} -eq 0 && -n "$cur" ]]; then
                    COMPREPLY=( $(printf '%s\n' "$ids" | grep -F -i -- "$cur") )
                fi
                return 0
            fi ;;
    esac
    _talks "$@"
}
"#;
        }
        Shell::Zsh => {
            script += &format!(
                r#"
_talks_ids() {{
    local -a ids
    ids=( ${{(f)"$({IDS})"}} )
    _describe 'id' ids
}}
"#
            );
            // clap writes the id argument as `':id -- help:_default'`; complete ids there.
            script = script
                .lines()
                .map(|l| {
                    if l.starts_with("':id -- ") {
                        l.replacen(":_default'", ":_talks_ids'", 1)
                    } else {
                        l.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
                + "\n";
        }
        Shell::Fish => {
            // fish evaluates the -a string when completing, quotes and all.
            script += &format!(
                "complete -c talks -n '__fish_seen_subcommand_from show open mark similar' -f -a \"({IDS})\"\n"
            );
        }
        _ => {}
    }
    out.write_all(script.as_bytes())?;
    Ok(Outcome::Ok)
}

pub fn man(out: &mut dyn Write) -> io::Result<Outcome> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    out.write_all(&page)?;
    Ok(Outcome::Ok)
}
