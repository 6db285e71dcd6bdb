
use builtin;
use str;

set edit:completion:arg-completer[oncall] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'oncall'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'oncall'= {
            cand --repo 'The on-call repository (default: the nearest folder upwards with schedule.toml)'
            cand --color 'When to use colour'
            cand --json 'Machine-readable JSON on stdout'
            cand -q 'Only data and errors: no status lines, warnings or hints'
            cand --quiet 'Only data and errors: no status lines, warnings or hints'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand who 'Who is on call now (or at a time): the pair, their contacts and local time, levels 2 and 3'
            cand schedule 'Upcoming shifts as a table, JSON or an iCalendar feed'
            cand check 'Lint the schedule: gaps, clashes, absences, missing contacts and runbooks, DST handoffs'
            cand init 'Create a new on-call repository'
            cand override 'Add, list or remove overrides (someone covering a role for a while)'
            cand runbook 'Show a service''s runbook with how fresh it is; list, search or edit runbooks'
            cand page 'Record a page: log it with the pair on call, open the Jira ticket, print the incident id'
            cand ack 'Acknowledge an incident: someone has it'
            cand escalate 'Escalate an incident to level 2 (team leads) or 3 (VP and CTO)'
            cand note 'Add a note to an incident (and its ticket)'
            cand resolve 'Resolve an incident, saying whether the fix is documented and automated'
            cand status 'Open incidents: age, level, ticket, time since the last public update'
            cand announce 'One status message to every channel at once: email, chat, the status page, Jira'
            cand listen 'Receive alert webhooks (Alertmanager, Grafana, PagerDuty, Opsgenie) and page from them'
            cand sync 'Make pending tickets, then commit, pull and push the page log'
            cand retro 'The weekly retro: pages, off-hours load, response times, learning, morale and trends'
            cand morale 'Record how the week felt (1-5) for the retro'
            cand handoff 'Hand over the shift: both pairs, the shift''s pages, open incidents, overrides, morale'
            cand completions 'Print shell completions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oncall;who'= {
            cand --at 'The time to look at (default: now), e.g. `2026-12-24 03:00` or `+8h`'
            cand --rev 'Read schedule.toml as of this git revision (e.g. `origin/main`)'
            cand --repo 'The on-call repository (default: the nearest folder upwards with schedule.toml)'
            cand --color 'When to use colour'
            cand --json 'Machine-readable JSON on stdout'
            cand -q 'Only data and errors: no status lines, warnings or hints'
            cand --quiet 'Only data and errors: no status lines, warnings or hints'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oncall;schedule'= {
            cand --from 'Start of the listing (default: now)'
            cand --days 'How many days to cover (default: 14, or 90 with --ics)'
            cand --person 'Only shifts where this person holds a role'
            cand --rev 'Read schedule.toml as of this git revision (e.g. `origin/main`)'
            cand --repo 'The on-call repository (default: the nearest folder upwards with schedule.toml)'
            cand --color 'When to use colour'
            cand --ics 'Print an iCalendar feed (one event per person and role, stable UIDs) instead'
            cand --json 'Machine-readable JSON on stdout'
            cand -q 'Only data and errors: no status lines, warnings or hints'
            cand --quiet 'Only data and errors: no status lines, warnings or hints'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oncall;check'= {
            cand --days 'How many days ahead to look'
            cand --from 'Start of the window (default: now)'
            cand --rev 'Check schedule.toml as of this git revision (e.g. `origin/main` in CI)'
            cand --repo 'The on-call repository (default: the nearest folder upwards with schedule.toml)'
            cand --color 'When to use colour'
            cand --channels 'Check the announce channels instead: where each points and whether its credentials are set (sends nothing; `oncall announce --test` does)'
            cand --json 'Machine-readable JSON on stdout'
            cand -q 'Only data and errors: no status lines, warnings or hints'
            cand --quiet 'Only data and errors: no status lines, warnings or hints'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oncall;init'= {
            cand --team 'The team''s name'
            cand --timezone 'The team''s IANA time zone, e.g. `Europe/Berlin`'
            cand --repo 'The on-call repository (default: the nearest folder upwards with schedule.toml)'
            cand --color 'When to use colour'
            cand --json 'Machine-readable JSON on stdout'
            cand -q 'Only data and errors: no status lines, warnings or hints'
            cand --quiet 'Only data and errors: no status lines, warnings or hints'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oncall;override'= {
            cand --repo 'The on-call repository (default: the nearest folder upwards with schedule.toml)'
            cand --color 'When to use colour'
            cand --json 'Machine-readable JSON on stdout'
            cand -q 'Only data and errors: no status lines, warnings or hints'
            cand --quiet 'Only data and errors: no status lines, warnings or hints'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add an override (someone covers a role for a while) and commit it'
            cand list 'List current and upcoming overrides, numbered for `remove`'
            cand remove 'Remove an override by the number `list` shows, and commit'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oncall;override;add'= {
            cand --role 'The role being covered'
            cand --person 'Who covers it (an id from [people])'
            cand --start 'When the cover starts, e.g. `2026-11-26 18:00`'
            cand --end 'When it ends (exclusive)'
            cand --reason 'Why, for the team and the calendar'
            cand --repo 'The on-call repository (default: the nearest folder upwards with schedule.toml)'
            cand --color 'When to use colour'
            cand --no-commit 'Edit schedule.toml but do not commit'
            cand --json 'Machine-readable JSON on stdout'
            cand -q 'Only data and errors: no status lines, warnings or hints'
            cand --quiet 'Only data and errors: no status lines, warnings or hints'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oncall;override;list'= {
            cand --repo 'The on-call repository (default: the nearest folder upwards with schedule.toml)'
            cand --color 'When to use colour'
            cand --all 'Include overrides that are over'
            cand --json 'Machine-readable JSON on stdout'
            cand -q 'Only data and errors: no status lines, warnings or hints'
            cand --quiet 'Only data and errors: no status lines, warnings or hints'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oncall;override;remove'= {
            cand --repo 'The on-call repository (default: the nearest folder upwards with schedule.toml)'
            cand --color 'When to use colour'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --no-commit 'Edit schedule.toml but do not commit'
            cand --json 'Machine-readable JSON on stdout'
            cand -q 'Only data and errors: no status lines, warnings or hints'
            cand --quiet 'Only data and errors: no status lines, warnings or hints'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oncall;override;help'= {
            cand add 'Add an override (someone covers a role for a while) and commit it'
            cand list 'List current and upcoming overrides, numbered for `remove`'
            cand remove 'Remove an override by the number `list` shows, and commit'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oncall;override;help;add'= {
        }
        &'oncall;override;help;list'= {
        }
        &'oncall;override;help;remove'= {
        }
        &'oncall;override;help;help'= {
        }
        &'oncall;runbook'= {
            cand --search 'Find runbooks that mention TEXT (ignoring case unless TEXT has capitals); with SERVICE, only its runbook'
            cand -C 'Lines of context around each match of --search'
            cand --context 'Lines of context around each match of --search'
            cand --stale-after 'Warn about runbooks last changed longer ago than this, e.g. 90d or 26w (default: `stale_after` in the [runbooks] table of schedule.toml, else 180d)'
            cand --repo 'The on-call repository (default: the nearest folder upwards with schedule.toml)'
            cand --color 'When to use colour'
            cand --list 'List every service, its runbook and when it last changed (the default without SERVICE)'
            cand --raw 'Print the markdown as it is, without rendering (what you get when piped)'
            cand --edit 'Open the runbook in $VISUAL or $EDITOR and commit it if it changed (a missing runbook starts from a template)'
            cand --no-commit 'With --edit: save the file, but do not commit it'
            cand --no-pager 'Never page the output through $PAGER'
            cand --json 'Machine-readable JSON on stdout'
            cand -q 'Only data and errors: no status lines, warnings or hints'
            cand --quiet 'Only data and errors: no status lines, warnings or hints'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oncall;page'= {
            cand -s 'What is wrong, in one line'
            cand --summary 'What is wrong, in one line'
            cand --urgency 'high: page now, any hour; low: can wait for office hours (default: the service''s)'
            cand --at 'When it happened, for a page written down after the fact (default: now)'
            cand --from 'Read an alert payload instead: one page per alert group, deduplicated on its group key'
            cand --repo 'The on-call repository (default: the nearest folder upwards with schedule.toml)'
            cand --color 'When to use colour'
            cand --json 'Machine-readable JSON on stdout'
            cand -q 'Only data and errors: no status lines, warnings or hints'
            cand --quiet 'Only data and errors: no status lines, warnings or hints'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oncall;ack'= {
            cand --at 'When it was acknowledged, if written down after the fact (default: now)'
            cand --repo 'The on-call repository (default: the nearest folder upwards with schedule.toml)'
            cand --color 'When to use colour'
            cand --json 'Machine-readable JSON on stdout'
            cand -q 'Only data and errors: no status lines, warnings or hints'
            cand --quiet 'Only data and errors: no status lines, warnings or hints'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oncall;escalate'= {
            cand --level 'The level to reach: 2 or 3 (default: one above the current)'
            cand --at 'When it was escalated, if written down after the fact (default: now)'
            cand --repo 'The on-call repository (default: the nearest folder upwards with schedule.toml)'
            cand --color 'When to use colour'
            cand --json 'Machine-readable JSON on stdout'
            cand -q 'Only data and errors: no status lines, warnings or hints'
            cand --quiet 'Only data and errors: no status lines, warnings or hints'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oncall;note'= {
            cand --at 'When it happened, if written down after the fact (default: now)'
            cand --repo 'The on-call repository (default: the nearest folder upwards with schedule.toml)'
            cand --color 'When to use colour'
            cand --json 'Machine-readable JSON on stdout'
            cand -q 'Only data and errors: no status lines, warnings or hints'
            cand --quiet 'Only data and errors: no status lines, warnings or hints'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oncall;resolve'= {
            cand --note 'How it was resolved, in a line'
            cand --at 'When it was resolved, if written down after the fact (default: now)'
            cand --repo 'The on-call repository (default: the nearest folder upwards with schedule.toml)'
            cand --color 'When to use colour'
            cand --documented 'The fix is written down (a runbook or the ticket says how)'
            cand --automated 'The fix is automated (it will not need a person next time)'
            cand --json 'Machine-readable JSON on stdout'
            cand -q 'Only data and errors: no status lines, warnings or hints'
            cand --quiet 'Only data and errors: no status lines, warnings or hints'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oncall;status'= {
            cand --repo 'The on-call repository (default: the nearest folder upwards with schedule.toml)'
            cand --color 'When to use colour'
            cand --json 'Machine-readable JSON on stdout'
            cand -q 'Only data and errors: no status lines, warnings or hints'
            cand --quiet 'Only data and errors: no status lines, warnings or hints'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oncall;announce'= {
            cand --status 'The public status (default: the incident''s last one, else investigating)'
            cand --to 'Only these channels: names, kinds or groups, comma-separated'
            cand --repo 'The on-call repository (default: the nearest folder upwards with schedule.toml)'
            cand --color 'When to use colour'
            cand --dry-run 'Print what each channel would get, send nothing'
            cand -y 'Send without asking (required when not interactive)'
            cand --yes 'Send without asking (required when not interactive)'
            cand --retry 'Re-send the last announcement to the channels that failed it'
            cand --test 'Send a clearly marked test message to each channel (public status pages are only checked, never posted to); nothing is logged'
            cand --json 'Machine-readable JSON on stdout'
            cand -q 'Only data and errors: no status lines, warnings or hints'
            cand --quiet 'Only data and errors: no status lines, warnings or hints'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oncall;listen'= {
            cand --addr 'Where to listen, HOST:PORT (default: `[listen] addr`, else 127.0.0.1:9095; port 0 picks a free port). Anything but loopback needs `[listen] token_env`'
            cand --repo 'The on-call repository (default: the nearest folder upwards with schedule.toml)'
            cand --color 'When to use colour'
            cand --json 'Machine-readable JSON on stdout'
            cand -q 'Only data and errors: no status lines, warnings or hints'
            cand --quiet 'Only data and errors: no status lines, warnings or hints'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oncall;sync'= {
            cand --repo 'The on-call repository (default: the nearest folder upwards with schedule.toml)'
            cand --color 'When to use colour'
            cand --offline 'Only make pending tickets and commit; no pull or push'
            cand --json 'Machine-readable JSON on stdout'
            cand -q 'Only data and errors: no status lines, warnings or hints'
            cand --quiet 'Only data and errors: no status lines, warnings or hints'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oncall;retro'= {
            cand --week 'The week to review: `2026-W48`, a date in it (`2026-11-18`), `this` or `last` (default and bare `--week`: the week containing now, Monday to Sunday in the team zone)'
            cand --weeks 'How many weeks before it to show as the trend'
            cand --html 'Write one self-contained HTML page with charts of the trends to FILE'
            cand --repo 'The on-call repository (default: the nearest folder upwards with schedule.toml)'
            cand --color 'When to use colour'
            cand --markdown 'Print the report as Markdown meeting notes'
            cand --json 'Machine-readable JSON on stdout'
            cand -q 'Only data and errors: no status lines, warnings or hints'
            cand --quiet 'Only data and errors: no status lines, warnings or hints'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oncall;morale'= {
            cand --note 'A few words on why'
            cand --at 'When to record it (default: now); it counts in the retro of the week containing it'
            cand --repo 'The on-call repository (default: the nearest folder upwards with schedule.toml)'
            cand --color 'When to use colour'
            cand --json 'Machine-readable JSON on stdout'
            cand -q 'Only data and errors: no status lines, warnings or hints'
            cand --quiet 'Only data and errors: no status lines, warnings or hints'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oncall;handoff'= {
            cand --repo 'The on-call repository (default: the nearest folder upwards with schedule.toml)'
            cand --color 'When to use colour'
            cand --no-prompt 'Do not ask for the outgoing pair''s morale scores'
            cand --json 'Machine-readable JSON on stdout'
            cand -q 'Only data and errors: no status lines, warnings or hints'
            cand --quiet 'Only data and errors: no status lines, warnings or hints'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oncall;completions'= {
            cand --repo 'The on-call repository (default: the nearest folder upwards with schedule.toml)'
            cand --color 'When to use colour'
            cand --json 'Machine-readable JSON on stdout'
            cand -q 'Only data and errors: no status lines, warnings or hints'
            cand --quiet 'Only data and errors: no status lines, warnings or hints'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'oncall;help'= {
            cand who 'Who is on call now (or at a time): the pair, their contacts and local time, levels 2 and 3'
            cand schedule 'Upcoming shifts as a table, JSON or an iCalendar feed'
            cand check 'Lint the schedule: gaps, clashes, absences, missing contacts and runbooks, DST handoffs'
            cand init 'Create a new on-call repository'
            cand override 'Add, list or remove overrides (someone covering a role for a while)'
            cand runbook 'Show a service''s runbook with how fresh it is; list, search or edit runbooks'
            cand page 'Record a page: log it with the pair on call, open the Jira ticket, print the incident id'
            cand ack 'Acknowledge an incident: someone has it'
            cand escalate 'Escalate an incident to level 2 (team leads) or 3 (VP and CTO)'
            cand note 'Add a note to an incident (and its ticket)'
            cand resolve 'Resolve an incident, saying whether the fix is documented and automated'
            cand status 'Open incidents: age, level, ticket, time since the last public update'
            cand announce 'One status message to every channel at once: email, chat, the status page, Jira'
            cand listen 'Receive alert webhooks (Alertmanager, Grafana, PagerDuty, Opsgenie) and page from them'
            cand sync 'Make pending tickets, then commit, pull and push the page log'
            cand retro 'The weekly retro: pages, off-hours load, response times, learning, morale and trends'
            cand morale 'Record how the week felt (1-5) for the retro'
            cand handoff 'Hand over the shift: both pairs, the shift''s pages, open incidents, overrides, morale'
            cand completions 'Print shell completions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oncall;help;who'= {
        }
        &'oncall;help;schedule'= {
        }
        &'oncall;help;check'= {
        }
        &'oncall;help;init'= {
        }
        &'oncall;help;override'= {
            cand add 'Add an override (someone covers a role for a while) and commit it'
            cand list 'List current and upcoming overrides, numbered for `remove`'
            cand remove 'Remove an override by the number `list` shows, and commit'
        }
        &'oncall;help;override;add'= {
        }
        &'oncall;help;override;list'= {
        }
        &'oncall;help;override;remove'= {
        }
        &'oncall;help;runbook'= {
        }
        &'oncall;help;page'= {
        }
        &'oncall;help;ack'= {
        }
        &'oncall;help;escalate'= {
        }
        &'oncall;help;note'= {
        }
        &'oncall;help;resolve'= {
        }
        &'oncall;help;status'= {
        }
        &'oncall;help;announce'= {
        }
        &'oncall;help;listen'= {
        }
        &'oncall;help;sync'= {
        }
        &'oncall;help;retro'= {
        }
        &'oncall;help;morale'= {
        }
        &'oncall;help;handoff'= {
        }
        &'oncall;help;completions'= {
        }
        &'oncall;help;help'= {
        }
    ]
    $completions[$command]
}
