# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_oncall_global_optspecs
    string join \n repo= json color= q/quiet h/help V/version
end

function __fish_oncall_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_oncall_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_oncall_using_subcommand
    set -l cmd (__fish_oncall_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c oncall -n "__fish_oncall_needs_command" -l repo -d 'The on-call repository (default: the nearest folder upwards with schedule.toml)' -r -F
complete -c oncall -n "__fish_oncall_needs_command" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless `NO_COLOR` is set or `TERM=dumb`'
always\t'Colour even when piped (still never with `NO_COLOR`)'
never\t''"
complete -c oncall -n "__fish_oncall_needs_command" -l json -d 'Machine-readable JSON on stdout'
complete -c oncall -n "__fish_oncall_needs_command" -s q -l quiet -d 'Only data and errors: no status lines, warnings or hints'
complete -c oncall -n "__fish_oncall_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oncall -n "__fish_oncall_needs_command" -s V -l version -d 'Print version'
complete -c oncall -n "__fish_oncall_needs_command" -f -a "who" -d 'Who is on call now (or at a time): the pair, their contacts and local time, levels 2 and 3'
complete -c oncall -n "__fish_oncall_needs_command" -f -a "schedule" -d 'Upcoming shifts as a table, JSON or an iCalendar feed'
complete -c oncall -n "__fish_oncall_needs_command" -f -a "check" -d 'Lint the schedule: gaps, clashes, absences, missing contacts and runbooks, DST handoffs'
complete -c oncall -n "__fish_oncall_needs_command" -f -a "init" -d 'Create a new on-call repository'
complete -c oncall -n "__fish_oncall_needs_command" -f -a "override" -d 'Add, list or remove overrides (someone covering a role for a while)'
complete -c oncall -n "__fish_oncall_needs_command" -f -a "runbook" -d 'Show a service\'s runbook with how fresh it is; list, search or edit runbooks'
complete -c oncall -n "__fish_oncall_needs_command" -f -a "page" -d 'Record a page: log it with the pair on call, open the Jira ticket, print the incident id'
complete -c oncall -n "__fish_oncall_needs_command" -f -a "ack" -d 'Acknowledge an incident: someone has it'
complete -c oncall -n "__fish_oncall_needs_command" -f -a "escalate" -d 'Escalate an incident to level 2 (team leads) or 3 (VP and CTO)'
complete -c oncall -n "__fish_oncall_needs_command" -f -a "note" -d 'Add a note to an incident (and its ticket)'
complete -c oncall -n "__fish_oncall_needs_command" -f -a "resolve" -d 'Resolve an incident, saying whether the fix is documented and automated'
complete -c oncall -n "__fish_oncall_needs_command" -f -a "status" -d 'Open incidents: age, level, ticket, time since the last public update'
complete -c oncall -n "__fish_oncall_needs_command" -f -a "announce" -d 'One status message to every channel at once: email, chat, the status page, Jira'
complete -c oncall -n "__fish_oncall_needs_command" -f -a "listen" -d 'Receive alert webhooks (Alertmanager, Grafana, PagerDuty, Opsgenie) and page from them'
complete -c oncall -n "__fish_oncall_needs_command" -f -a "sync" -d 'Make pending tickets, then commit, pull and push the page log'
complete -c oncall -n "__fish_oncall_needs_command" -f -a "retro" -d 'The weekly retro: pages, off-hours load, response times, learning, morale and trends'
complete -c oncall -n "__fish_oncall_needs_command" -f -a "morale" -d 'Record how the week felt (1-5) for the retro'
complete -c oncall -n "__fish_oncall_needs_command" -f -a "handoff" -d 'Hand over the shift: both pairs, the shift\'s pages, open incidents, overrides, morale'
complete -c oncall -n "__fish_oncall_needs_command" -f -a "completions" -d 'Print shell completions'
complete -c oncall -n "__fish_oncall_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oncall -n "__fish_oncall_using_subcommand who" -l at -d 'The time to look at (default: now), e.g. `2026-12-24 03:00` or `+8h`' -r
complete -c oncall -n "__fish_oncall_using_subcommand who" -l rev -d 'Read schedule.toml as of this git revision (e.g. `origin/main`)' -r
complete -c oncall -n "__fish_oncall_using_subcommand who" -l repo -d 'The on-call repository (default: the nearest folder upwards with schedule.toml)' -r -F
complete -c oncall -n "__fish_oncall_using_subcommand who" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless `NO_COLOR` is set or `TERM=dumb`'
always\t'Colour even when piped (still never with `NO_COLOR`)'
never\t''"
complete -c oncall -n "__fish_oncall_using_subcommand who" -l json -d 'Machine-readable JSON on stdout'
complete -c oncall -n "__fish_oncall_using_subcommand who" -s q -l quiet -d 'Only data and errors: no status lines, warnings or hints'
complete -c oncall -n "__fish_oncall_using_subcommand who" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oncall -n "__fish_oncall_using_subcommand who" -s V -l version -d 'Print version'
complete -c oncall -n "__fish_oncall_using_subcommand schedule" -l from -d 'Start of the listing (default: now)' -r
complete -c oncall -n "__fish_oncall_using_subcommand schedule" -l days -d 'How many days to cover (default: 14, or 90 with --ics)' -r
complete -c oncall -n "__fish_oncall_using_subcommand schedule" -l person -d 'Only shifts where this person holds a role' -r
complete -c oncall -n "__fish_oncall_using_subcommand schedule" -l rev -d 'Read schedule.toml as of this git revision (e.g. `origin/main`)' -r
complete -c oncall -n "__fish_oncall_using_subcommand schedule" -l repo -d 'The on-call repository (default: the nearest folder upwards with schedule.toml)' -r -F
complete -c oncall -n "__fish_oncall_using_subcommand schedule" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless `NO_COLOR` is set or `TERM=dumb`'
always\t'Colour even when piped (still never with `NO_COLOR`)'
never\t''"
complete -c oncall -n "__fish_oncall_using_subcommand schedule" -l ics -d 'Print an iCalendar feed (one event per person and role, stable UIDs) instead'
complete -c oncall -n "__fish_oncall_using_subcommand schedule" -l json -d 'Machine-readable JSON on stdout'
complete -c oncall -n "__fish_oncall_using_subcommand schedule" -s q -l quiet -d 'Only data and errors: no status lines, warnings or hints'
complete -c oncall -n "__fish_oncall_using_subcommand schedule" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oncall -n "__fish_oncall_using_subcommand schedule" -s V -l version -d 'Print version'
complete -c oncall -n "__fish_oncall_using_subcommand check" -l days -d 'How many days ahead to look' -r
complete -c oncall -n "__fish_oncall_using_subcommand check" -l from -d 'Start of the window (default: now)' -r
complete -c oncall -n "__fish_oncall_using_subcommand check" -l rev -d 'Check schedule.toml as of this git revision (e.g. `origin/main` in CI)' -r
complete -c oncall -n "__fish_oncall_using_subcommand check" -l repo -d 'The on-call repository (default: the nearest folder upwards with schedule.toml)' -r -F
complete -c oncall -n "__fish_oncall_using_subcommand check" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless `NO_COLOR` is set or `TERM=dumb`'
always\t'Colour even when piped (still never with `NO_COLOR`)'
never\t''"
complete -c oncall -n "__fish_oncall_using_subcommand check" -l channels -d 'Check the announce channels instead: where each points and whether its credentials are set (sends nothing; `oncall announce --test` does)'
complete -c oncall -n "__fish_oncall_using_subcommand check" -l json -d 'Machine-readable JSON on stdout'
complete -c oncall -n "__fish_oncall_using_subcommand check" -s q -l quiet -d 'Only data and errors: no status lines, warnings or hints'
complete -c oncall -n "__fish_oncall_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oncall -n "__fish_oncall_using_subcommand check" -s V -l version -d 'Print version'
complete -c oncall -n "__fish_oncall_using_subcommand init" -l team -d 'The team\'s name' -r
complete -c oncall -n "__fish_oncall_using_subcommand init" -l timezone -d 'The team\'s IANA time zone, e.g. `Europe/Berlin`' -r
complete -c oncall -n "__fish_oncall_using_subcommand init" -l repo -d 'The on-call repository (default: the nearest folder upwards with schedule.toml)' -r -F
complete -c oncall -n "__fish_oncall_using_subcommand init" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless `NO_COLOR` is set or `TERM=dumb`'
always\t'Colour even when piped (still never with `NO_COLOR`)'
never\t''"
complete -c oncall -n "__fish_oncall_using_subcommand init" -l json -d 'Machine-readable JSON on stdout'
complete -c oncall -n "__fish_oncall_using_subcommand init" -s q -l quiet -d 'Only data and errors: no status lines, warnings or hints'
complete -c oncall -n "__fish_oncall_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oncall -n "__fish_oncall_using_subcommand init" -s V -l version -d 'Print version'
complete -c oncall -n "__fish_oncall_using_subcommand override; and not __fish_seen_subcommand_from add list remove help" -l repo -d 'The on-call repository (default: the nearest folder upwards with schedule.toml)' -r -F
complete -c oncall -n "__fish_oncall_using_subcommand override; and not __fish_seen_subcommand_from add list remove help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless `NO_COLOR` is set or `TERM=dumb`'
always\t'Colour even when piped (still never with `NO_COLOR`)'
never\t''"
complete -c oncall -n "__fish_oncall_using_subcommand override; and not __fish_seen_subcommand_from add list remove help" -l json -d 'Machine-readable JSON on stdout'
complete -c oncall -n "__fish_oncall_using_subcommand override; and not __fish_seen_subcommand_from add list remove help" -s q -l quiet -d 'Only data and errors: no status lines, warnings or hints'
complete -c oncall -n "__fish_oncall_using_subcommand override; and not __fish_seen_subcommand_from add list remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oncall -n "__fish_oncall_using_subcommand override; and not __fish_seen_subcommand_from add list remove help" -s V -l version -d 'Print version'
complete -c oncall -n "__fish_oncall_using_subcommand override; and not __fish_seen_subcommand_from add list remove help" -f -a "add" -d 'Add an override (someone covers a role for a while) and commit it'
complete -c oncall -n "__fish_oncall_using_subcommand override; and not __fish_seen_subcommand_from add list remove help" -f -a "list" -d 'List current and upcoming overrides, numbered for `remove`'
complete -c oncall -n "__fish_oncall_using_subcommand override; and not __fish_seen_subcommand_from add list remove help" -f -a "remove" -d 'Remove an override by the number `list` shows, and commit'
complete -c oncall -n "__fish_oncall_using_subcommand override; and not __fish_seen_subcommand_from add list remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from add" -l role -d 'The role being covered' -r -f -a "manager\t''
engineer\t''"
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from add" -l person -d 'Who covers it (an id from [people])' -r
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from add" -l start -d 'When the cover starts, e.g. `2026-11-26 18:00`' -r
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from add" -l end -d 'When it ends (exclusive)' -r
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from add" -l reason -d 'Why, for the team and the calendar' -r
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from add" -l repo -d 'The on-call repository (default: the nearest folder upwards with schedule.toml)' -r -F
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from add" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless `NO_COLOR` is set or `TERM=dumb`'
always\t'Colour even when piped (still never with `NO_COLOR`)'
never\t''"
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from add" -l no-commit -d 'Edit schedule.toml but do not commit'
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from add" -l json -d 'Machine-readable JSON on stdout'
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Only data and errors: no status lines, warnings or hints'
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from list" -l repo -d 'The on-call repository (default: the nearest folder upwards with schedule.toml)' -r -F
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless `NO_COLOR` is set or `TERM=dumb`'
always\t'Colour even when piped (still never with `NO_COLOR`)'
never\t''"
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from list" -l all -d 'Include overrides that are over'
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from list" -l json -d 'Machine-readable JSON on stdout'
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only data and errors: no status lines, warnings or hints'
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from remove" -l repo -d 'The on-call repository (default: the nearest folder upwards with schedule.toml)' -r -F
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from remove" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless `NO_COLOR` is set or `TERM=dumb`'
always\t'Colour even when piped (still never with `NO_COLOR`)'
never\t''"
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Do not ask for confirmation'
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from remove" -l no-commit -d 'Edit schedule.toml but do not commit'
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from remove" -l json -d 'Machine-readable JSON on stdout'
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Only data and errors: no status lines, warnings or hints'
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add an override (someone covers a role for a while) and commit it'
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from help" -f -a "list" -d 'List current and upcoming overrides, numbered for `remove`'
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove an override by the number `list` shows, and commit'
complete -c oncall -n "__fish_oncall_using_subcommand override; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oncall -n "__fish_oncall_using_subcommand runbook" -l search -d 'Find runbooks that mention TEXT (ignoring case unless TEXT has capitals); with SERVICE, only its runbook' -r
complete -c oncall -n "__fish_oncall_using_subcommand runbook" -s C -l context -d 'Lines of context around each match of --search' -r
complete -c oncall -n "__fish_oncall_using_subcommand runbook" -l stale-after -d 'Warn about runbooks last changed longer ago than this, e.g. 90d or 26w (default: `stale_after` in the [runbooks] table of schedule.toml, else 180d)' -r
complete -c oncall -n "__fish_oncall_using_subcommand runbook" -l repo -d 'The on-call repository (default: the nearest folder upwards with schedule.toml)' -r -F
complete -c oncall -n "__fish_oncall_using_subcommand runbook" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless `NO_COLOR` is set or `TERM=dumb`'
always\t'Colour even when piped (still never with `NO_COLOR`)'
never\t''"
complete -c oncall -n "__fish_oncall_using_subcommand runbook" -l list -d 'List every service, its runbook and when it last changed (the default without SERVICE)'
complete -c oncall -n "__fish_oncall_using_subcommand runbook" -l raw -d 'Print the markdown as it is, without rendering (what you get when piped)'
complete -c oncall -n "__fish_oncall_using_subcommand runbook" -l edit -d 'Open the runbook in $VISUAL or $EDITOR and commit it if it changed (a missing runbook starts from a template)'
complete -c oncall -n "__fish_oncall_using_subcommand runbook" -l no-commit -d 'With --edit: save the file, but do not commit it'
complete -c oncall -n "__fish_oncall_using_subcommand runbook" -l no-pager -d 'Never page the output through $PAGER'
complete -c oncall -n "__fish_oncall_using_subcommand runbook" -l json -d 'Machine-readable JSON on stdout'
complete -c oncall -n "__fish_oncall_using_subcommand runbook" -s q -l quiet -d 'Only data and errors: no status lines, warnings or hints'
complete -c oncall -n "__fish_oncall_using_subcommand runbook" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oncall -n "__fish_oncall_using_subcommand runbook" -s V -l version -d 'Print version'
complete -c oncall -n "__fish_oncall_using_subcommand page" -s s -l summary -d 'What is wrong, in one line' -r
complete -c oncall -n "__fish_oncall_using_subcommand page" -l urgency -d 'high: page now, any hour; low: can wait for office hours (default: the service\'s)' -r -f -a "high\t''
low\t''"
complete -c oncall -n "__fish_oncall_using_subcommand page" -l at -d 'When it happened, for a page written down after the fact (default: now)' -r
complete -c oncall -n "__fish_oncall_using_subcommand page" -l from -d 'Read an alert payload instead: one page per alert group, deduplicated on its group key' -r -f -a "alertmanager\t''
grafana\t''
pagerduty\t''
opsgenie\t''"
complete -c oncall -n "__fish_oncall_using_subcommand page" -l repo -d 'The on-call repository (default: the nearest folder upwards with schedule.toml)' -r -F
complete -c oncall -n "__fish_oncall_using_subcommand page" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless `NO_COLOR` is set or `TERM=dumb`'
always\t'Colour even when piped (still never with `NO_COLOR`)'
never\t''"
complete -c oncall -n "__fish_oncall_using_subcommand page" -l json -d 'Machine-readable JSON on stdout'
complete -c oncall -n "__fish_oncall_using_subcommand page" -s q -l quiet -d 'Only data and errors: no status lines, warnings or hints'
complete -c oncall -n "__fish_oncall_using_subcommand page" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oncall -n "__fish_oncall_using_subcommand page" -s V -l version -d 'Print version'
complete -c oncall -n "__fish_oncall_using_subcommand ack" -l at -d 'When it was acknowledged, if written down after the fact (default: now)' -r
complete -c oncall -n "__fish_oncall_using_subcommand ack" -l repo -d 'The on-call repository (default: the nearest folder upwards with schedule.toml)' -r -F
complete -c oncall -n "__fish_oncall_using_subcommand ack" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless `NO_COLOR` is set or `TERM=dumb`'
always\t'Colour even when piped (still never with `NO_COLOR`)'
never\t''"
complete -c oncall -n "__fish_oncall_using_subcommand ack" -l json -d 'Machine-readable JSON on stdout'
complete -c oncall -n "__fish_oncall_using_subcommand ack" -s q -l quiet -d 'Only data and errors: no status lines, warnings or hints'
complete -c oncall -n "__fish_oncall_using_subcommand ack" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oncall -n "__fish_oncall_using_subcommand ack" -s V -l version -d 'Print version'
complete -c oncall -n "__fish_oncall_using_subcommand escalate" -l level -d 'The level to reach: 2 or 3 (default: one above the current)' -r
complete -c oncall -n "__fish_oncall_using_subcommand escalate" -l at -d 'When it was escalated, if written down after the fact (default: now)' -r
complete -c oncall -n "__fish_oncall_using_subcommand escalate" -l repo -d 'The on-call repository (default: the nearest folder upwards with schedule.toml)' -r -F
complete -c oncall -n "__fish_oncall_using_subcommand escalate" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless `NO_COLOR` is set or `TERM=dumb`'
always\t'Colour even when piped (still never with `NO_COLOR`)'
never\t''"
complete -c oncall -n "__fish_oncall_using_subcommand escalate" -l json -d 'Machine-readable JSON on stdout'
complete -c oncall -n "__fish_oncall_using_subcommand escalate" -s q -l quiet -d 'Only data and errors: no status lines, warnings or hints'
complete -c oncall -n "__fish_oncall_using_subcommand escalate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oncall -n "__fish_oncall_using_subcommand escalate" -s V -l version -d 'Print version'
complete -c oncall -n "__fish_oncall_using_subcommand note" -l at -d 'When it happened, if written down after the fact (default: now)' -r
complete -c oncall -n "__fish_oncall_using_subcommand note" -l repo -d 'The on-call repository (default: the nearest folder upwards with schedule.toml)' -r -F
complete -c oncall -n "__fish_oncall_using_subcommand note" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless `NO_COLOR` is set or `TERM=dumb`'
always\t'Colour even when piped (still never with `NO_COLOR`)'
never\t''"
complete -c oncall -n "__fish_oncall_using_subcommand note" -l json -d 'Machine-readable JSON on stdout'
complete -c oncall -n "__fish_oncall_using_subcommand note" -s q -l quiet -d 'Only data and errors: no status lines, warnings or hints'
complete -c oncall -n "__fish_oncall_using_subcommand note" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oncall -n "__fish_oncall_using_subcommand note" -s V -l version -d 'Print version'
complete -c oncall -n "__fish_oncall_using_subcommand resolve" -l note -d 'How it was resolved, in a line' -r
complete -c oncall -n "__fish_oncall_using_subcommand resolve" -l at -d 'When it was resolved, if written down after the fact (default: now)' -r
complete -c oncall -n "__fish_oncall_using_subcommand resolve" -l repo -d 'The on-call repository (default: the nearest folder upwards with schedule.toml)' -r -F
complete -c oncall -n "__fish_oncall_using_subcommand resolve" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless `NO_COLOR` is set or `TERM=dumb`'
always\t'Colour even when piped (still never with `NO_COLOR`)'
never\t''"
complete -c oncall -n "__fish_oncall_using_subcommand resolve" -l documented -d 'The fix is written down (a runbook or the ticket says how)'
complete -c oncall -n "__fish_oncall_using_subcommand resolve" -l automated -d 'The fix is automated (it will not need a person next time)'
complete -c oncall -n "__fish_oncall_using_subcommand resolve" -l json -d 'Machine-readable JSON on stdout'
complete -c oncall -n "__fish_oncall_using_subcommand resolve" -s q -l quiet -d 'Only data and errors: no status lines, warnings or hints'
complete -c oncall -n "__fish_oncall_using_subcommand resolve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oncall -n "__fish_oncall_using_subcommand resolve" -s V -l version -d 'Print version'
complete -c oncall -n "__fish_oncall_using_subcommand status" -l repo -d 'The on-call repository (default: the nearest folder upwards with schedule.toml)' -r -F
complete -c oncall -n "__fish_oncall_using_subcommand status" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless `NO_COLOR` is set or `TERM=dumb`'
always\t'Colour even when piped (still never with `NO_COLOR`)'
never\t''"
complete -c oncall -n "__fish_oncall_using_subcommand status" -l json -d 'Machine-readable JSON on stdout'
complete -c oncall -n "__fish_oncall_using_subcommand status" -s q -l quiet -d 'Only data and errors: no status lines, warnings or hints'
complete -c oncall -n "__fish_oncall_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oncall -n "__fish_oncall_using_subcommand status" -s V -l version -d 'Print version'
complete -c oncall -n "__fish_oncall_using_subcommand announce" -l status -d 'The public status (default: the incident\'s last one, else investigating)' -r -f -a "investigating\t''
identified\t''
monitoring\t''
resolved\t''"
complete -c oncall -n "__fish_oncall_using_subcommand announce" -l to -d 'Only these channels: names, kinds or groups, comma-separated' -r
complete -c oncall -n "__fish_oncall_using_subcommand announce" -l repo -d 'The on-call repository (default: the nearest folder upwards with schedule.toml)' -r -F
complete -c oncall -n "__fish_oncall_using_subcommand announce" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless `NO_COLOR` is set or `TERM=dumb`'
always\t'Colour even when piped (still never with `NO_COLOR`)'
never\t''"
complete -c oncall -n "__fish_oncall_using_subcommand announce" -l dry-run -d 'Print what each channel would get, send nothing'
complete -c oncall -n "__fish_oncall_using_subcommand announce" -s y -l yes -d 'Send without asking (required when not interactive)'
complete -c oncall -n "__fish_oncall_using_subcommand announce" -l retry -d 'Re-send the last announcement to the channels that failed it'
complete -c oncall -n "__fish_oncall_using_subcommand announce" -l test -d 'Send a clearly marked test message to each channel (public status pages are only checked, never posted to); nothing is logged'
complete -c oncall -n "__fish_oncall_using_subcommand announce" -l json -d 'Machine-readable JSON on stdout'
complete -c oncall -n "__fish_oncall_using_subcommand announce" -s q -l quiet -d 'Only data and errors: no status lines, warnings or hints'
complete -c oncall -n "__fish_oncall_using_subcommand announce" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oncall -n "__fish_oncall_using_subcommand announce" -s V -l version -d 'Print version'
complete -c oncall -n "__fish_oncall_using_subcommand listen" -l addr -d 'Where to listen, HOST:PORT (default: `[listen] addr`, else 127.0.0.1:9095; port 0 picks a free port). Anything but loopback needs `[listen] token_env`' -r
complete -c oncall -n "__fish_oncall_using_subcommand listen" -l repo -d 'The on-call repository (default: the nearest folder upwards with schedule.toml)' -r -F
complete -c oncall -n "__fish_oncall_using_subcommand listen" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless `NO_COLOR` is set or `TERM=dumb`'
always\t'Colour even when piped (still never with `NO_COLOR`)'
never\t''"
complete -c oncall -n "__fish_oncall_using_subcommand listen" -l json -d 'Machine-readable JSON on stdout'
complete -c oncall -n "__fish_oncall_using_subcommand listen" -s q -l quiet -d 'Only data and errors: no status lines, warnings or hints'
complete -c oncall -n "__fish_oncall_using_subcommand listen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oncall -n "__fish_oncall_using_subcommand listen" -s V -l version -d 'Print version'
complete -c oncall -n "__fish_oncall_using_subcommand sync" -l repo -d 'The on-call repository (default: the nearest folder upwards with schedule.toml)' -r -F
complete -c oncall -n "__fish_oncall_using_subcommand sync" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless `NO_COLOR` is set or `TERM=dumb`'
always\t'Colour even when piped (still never with `NO_COLOR`)'
never\t''"
complete -c oncall -n "__fish_oncall_using_subcommand sync" -l offline -d 'Only make pending tickets and commit; no pull or push'
complete -c oncall -n "__fish_oncall_using_subcommand sync" -l json -d 'Machine-readable JSON on stdout'
complete -c oncall -n "__fish_oncall_using_subcommand sync" -s q -l quiet -d 'Only data and errors: no status lines, warnings or hints'
complete -c oncall -n "__fish_oncall_using_subcommand sync" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oncall -n "__fish_oncall_using_subcommand sync" -s V -l version -d 'Print version'
complete -c oncall -n "__fish_oncall_using_subcommand retro" -l week -d 'The week to review: `2026-W48`, a date in it (`2026-11-18`), `this` or `last` (default and bare `--week`: the week containing now, Monday to Sunday in the team zone)' -r
complete -c oncall -n "__fish_oncall_using_subcommand retro" -l weeks -d 'How many weeks before it to show as the trend' -r
complete -c oncall -n "__fish_oncall_using_subcommand retro" -l html -d 'Write one self-contained HTML page with charts of the trends to FILE' -r -F
complete -c oncall -n "__fish_oncall_using_subcommand retro" -l repo -d 'The on-call repository (default: the nearest folder upwards with schedule.toml)' -r -F
complete -c oncall -n "__fish_oncall_using_subcommand retro" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless `NO_COLOR` is set or `TERM=dumb`'
always\t'Colour even when piped (still never with `NO_COLOR`)'
never\t''"
complete -c oncall -n "__fish_oncall_using_subcommand retro" -l markdown -d 'Print the report as Markdown meeting notes'
complete -c oncall -n "__fish_oncall_using_subcommand retro" -l json -d 'Machine-readable JSON on stdout'
complete -c oncall -n "__fish_oncall_using_subcommand retro" -s q -l quiet -d 'Only data and errors: no status lines, warnings or hints'
complete -c oncall -n "__fish_oncall_using_subcommand retro" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oncall -n "__fish_oncall_using_subcommand retro" -s V -l version -d 'Print version'
complete -c oncall -n "__fish_oncall_using_subcommand morale" -l note -d 'A few words on why' -r
complete -c oncall -n "__fish_oncall_using_subcommand morale" -l at -d 'When to record it (default: now); it counts in the retro of the week containing it' -r
complete -c oncall -n "__fish_oncall_using_subcommand morale" -l repo -d 'The on-call repository (default: the nearest folder upwards with schedule.toml)' -r -F
complete -c oncall -n "__fish_oncall_using_subcommand morale" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless `NO_COLOR` is set or `TERM=dumb`'
always\t'Colour even when piped (still never with `NO_COLOR`)'
never\t''"
complete -c oncall -n "__fish_oncall_using_subcommand morale" -l json -d 'Machine-readable JSON on stdout'
complete -c oncall -n "__fish_oncall_using_subcommand morale" -s q -l quiet -d 'Only data and errors: no status lines, warnings or hints'
complete -c oncall -n "__fish_oncall_using_subcommand morale" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oncall -n "__fish_oncall_using_subcommand morale" -s V -l version -d 'Print version'
complete -c oncall -n "__fish_oncall_using_subcommand handoff" -l repo -d 'The on-call repository (default: the nearest folder upwards with schedule.toml)' -r -F
complete -c oncall -n "__fish_oncall_using_subcommand handoff" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless `NO_COLOR` is set or `TERM=dumb`'
always\t'Colour even when piped (still never with `NO_COLOR`)'
never\t''"
complete -c oncall -n "__fish_oncall_using_subcommand handoff" -l no-prompt -d 'Do not ask for the outgoing pair\'s morale scores'
complete -c oncall -n "__fish_oncall_using_subcommand handoff" -l json -d 'Machine-readable JSON on stdout'
complete -c oncall -n "__fish_oncall_using_subcommand handoff" -s q -l quiet -d 'Only data and errors: no status lines, warnings or hints'
complete -c oncall -n "__fish_oncall_using_subcommand handoff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oncall -n "__fish_oncall_using_subcommand handoff" -s V -l version -d 'Print version'
complete -c oncall -n "__fish_oncall_using_subcommand completions" -l repo -d 'The on-call repository (default: the nearest folder upwards with schedule.toml)' -r -F
complete -c oncall -n "__fish_oncall_using_subcommand completions" -l color -d 'When to use colour' -r -f -a "auto\t'Colour on a terminal, unless `NO_COLOR` is set or `TERM=dumb`'
always\t'Colour even when piped (still never with `NO_COLOR`)'
never\t''"
complete -c oncall -n "__fish_oncall_using_subcommand completions" -l json -d 'Machine-readable JSON on stdout'
complete -c oncall -n "__fish_oncall_using_subcommand completions" -s q -l quiet -d 'Only data and errors: no status lines, warnings or hints'
complete -c oncall -n "__fish_oncall_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oncall -n "__fish_oncall_using_subcommand completions" -s V -l version -d 'Print version'
complete -c oncall -n "__fish_oncall_using_subcommand help; and not __fish_seen_subcommand_from who schedule check init override runbook page ack escalate note resolve status announce listen sync retro morale handoff completions help" -f -a "who" -d 'Who is on call now (or at a time): the pair, their contacts and local time, levels 2 and 3'
complete -c oncall -n "__fish_oncall_using_subcommand help; and not __fish_seen_subcommand_from who schedule check init override runbook page ack escalate note resolve status announce listen sync retro morale handoff completions help" -f -a "schedule" -d 'Upcoming shifts as a table, JSON or an iCalendar feed'
complete -c oncall -n "__fish_oncall_using_subcommand help; and not __fish_seen_subcommand_from who schedule check init override runbook page ack escalate note resolve status announce listen sync retro morale handoff completions help" -f -a "check" -d 'Lint the schedule: gaps, clashes, absences, missing contacts and runbooks, DST handoffs'
complete -c oncall -n "__fish_oncall_using_subcommand help; and not __fish_seen_subcommand_from who schedule check init override runbook page ack escalate note resolve status announce listen sync retro morale handoff completions help" -f -a "init" -d 'Create a new on-call repository'
complete -c oncall -n "__fish_oncall_using_subcommand help; and not __fish_seen_subcommand_from who schedule check init override runbook page ack escalate note resolve status announce listen sync retro morale handoff completions help" -f -a "override" -d 'Add, list or remove overrides (someone covering a role for a while)'
complete -c oncall -n "__fish_oncall_using_subcommand help; and not __fish_seen_subcommand_from who schedule check init override runbook page ack escalate note resolve status announce listen sync retro morale handoff completions help" -f -a "runbook" -d 'Show a service\'s runbook with how fresh it is; list, search or edit runbooks'
complete -c oncall -n "__fish_oncall_using_subcommand help; and not __fish_seen_subcommand_from who schedule check init override runbook page ack escalate note resolve status announce listen sync retro morale handoff completions help" -f -a "page" -d 'Record a page: log it with the pair on call, open the Jira ticket, print the incident id'
complete -c oncall -n "__fish_oncall_using_subcommand help; and not __fish_seen_subcommand_from who schedule check init override runbook page ack escalate note resolve status announce listen sync retro morale handoff completions help" -f -a "ack" -d 'Acknowledge an incident: someone has it'
complete -c oncall -n "__fish_oncall_using_subcommand help; and not __fish_seen_subcommand_from who schedule check init override runbook page ack escalate note resolve status announce listen sync retro morale handoff completions help" -f -a "escalate" -d 'Escalate an incident to level 2 (team leads) or 3 (VP and CTO)'
complete -c oncall -n "__fish_oncall_using_subcommand help; and not __fish_seen_subcommand_from who schedule check init override runbook page ack escalate note resolve status announce listen sync retro morale handoff completions help" -f -a "note" -d 'Add a note to an incident (and its ticket)'
complete -c oncall -n "__fish_oncall_using_subcommand help; and not __fish_seen_subcommand_from who schedule check init override runbook page ack escalate note resolve status announce listen sync retro morale handoff completions help" -f -a "resolve" -d 'Resolve an incident, saying whether the fix is documented and automated'
complete -c oncall -n "__fish_oncall_using_subcommand help; and not __fish_seen_subcommand_from who schedule check init override runbook page ack escalate note resolve status announce listen sync retro morale handoff completions help" -f -a "status" -d 'Open incidents: age, level, ticket, time since the last public update'
complete -c oncall -n "__fish_oncall_using_subcommand help; and not __fish_seen_subcommand_from who schedule check init override runbook page ack escalate note resolve status announce listen sync retro morale handoff completions help" -f -a "announce" -d 'One status message to every channel at once: email, chat, the status page, Jira'
complete -c oncall -n "__fish_oncall_using_subcommand help; and not __fish_seen_subcommand_from who schedule check init override runbook page ack escalate note resolve status announce listen sync retro morale handoff completions help" -f -a "listen" -d 'Receive alert webhooks (Alertmanager, Grafana, PagerDuty, Opsgenie) and page from them'
complete -c oncall -n "__fish_oncall_using_subcommand help; and not __fish_seen_subcommand_from who schedule check init override runbook page ack escalate note resolve status announce listen sync retro morale handoff completions help" -f -a "sync" -d 'Make pending tickets, then commit, pull and push the page log'
complete -c oncall -n "__fish_oncall_using_subcommand help; and not __fish_seen_subcommand_from who schedule check init override runbook page ack escalate note resolve status announce listen sync retro morale handoff completions help" -f -a "retro" -d 'The weekly retro: pages, off-hours load, response times, learning, morale and trends'
complete -c oncall -n "__fish_oncall_using_subcommand help; and not __fish_seen_subcommand_from who schedule check init override runbook page ack escalate note resolve status announce listen sync retro morale handoff completions help" -f -a "morale" -d 'Record how the week felt (1-5) for the retro'
complete -c oncall -n "__fish_oncall_using_subcommand help; and not __fish_seen_subcommand_from who schedule check init override runbook page ack escalate note resolve status announce listen sync retro morale handoff completions help" -f -a "handoff" -d 'Hand over the shift: both pairs, the shift\'s pages, open incidents, overrides, morale'
complete -c oncall -n "__fish_oncall_using_subcommand help; and not __fish_seen_subcommand_from who schedule check init override runbook page ack escalate note resolve status announce listen sync retro morale handoff completions help" -f -a "completions" -d 'Print shell completions'
complete -c oncall -n "__fish_oncall_using_subcommand help; and not __fish_seen_subcommand_from who schedule check init override runbook page ack escalate note resolve status announce listen sync retro morale handoff completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oncall -n "__fish_oncall_using_subcommand help; and __fish_seen_subcommand_from override" -f -a "add" -d 'Add an override (someone covers a role for a while) and commit it'
complete -c oncall -n "__fish_oncall_using_subcommand help; and __fish_seen_subcommand_from override" -f -a "list" -d 'List current and upcoming overrides, numbered for `remove`'
complete -c oncall -n "__fish_oncall_using_subcommand help; and __fish_seen_subcommand_from override" -f -a "remove" -d 'Remove an override by the number `list` shows, and commit'
