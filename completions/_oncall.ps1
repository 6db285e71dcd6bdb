
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'oncall' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'oncall'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'oncall' {
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'The on-call repository (default: the nearest folder upwards with schedule.toml)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('who', 'who', [CompletionResultType]::ParameterValue, 'Who is on call now (or at a time): the pair, their contacts and local time, levels 2 and 3')
            [CompletionResult]::new('schedule', 'schedule', [CompletionResultType]::ParameterValue, 'Upcoming shifts as a table, JSON or an iCalendar feed')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Lint the schedule: gaps, clashes, absences, missing contacts and runbooks, DST handoffs')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a new on-call repository')
            [CompletionResult]::new('override', 'override', [CompletionResultType]::ParameterValue, 'Add, list or remove overrides (someone covering a role for a while)')
            [CompletionResult]::new('runbook', 'runbook', [CompletionResultType]::ParameterValue, 'Show a service''s runbook with how fresh it is; list, search or edit runbooks')
            [CompletionResult]::new('page', 'page', [CompletionResultType]::ParameterValue, 'Record a page: log it with the pair on call, open the Jira ticket, print the incident id')
            [CompletionResult]::new('ack', 'ack', [CompletionResultType]::ParameterValue, 'Acknowledge an incident: someone has it')
            [CompletionResult]::new('escalate', 'escalate', [CompletionResultType]::ParameterValue, 'Escalate an incident to level 2 (team leads) or 3 (VP and CTO)')
            [CompletionResult]::new('note', 'note', [CompletionResultType]::ParameterValue, 'Add a note to an incident (and its ticket)')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Resolve an incident, saying whether the fix is documented and automated')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Open incidents: age, level, ticket, time since the last public update')
            [CompletionResult]::new('announce', 'announce', [CompletionResultType]::ParameterValue, 'One status message to every channel at once: email, chat, the status page, Jira')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive alert webhooks (Alertmanager, Grafana, PagerDuty, Opsgenie) and page from them')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Make pending tickets, then commit, pull and push the page log')
            [CompletionResult]::new('retro', 'retro', [CompletionResultType]::ParameterValue, 'The weekly retro: pages, off-hours load, response times, learning, morale and trends')
            [CompletionResult]::new('morale', 'morale', [CompletionResultType]::ParameterValue, 'Record how the week felt (1-5) for the retro')
            [CompletionResult]::new('handoff', 'handoff', [CompletionResultType]::ParameterValue, 'Hand over the shift: both pairs, the shift''s pages, open incidents, overrides, morale')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oncall;who' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'The time to look at (default: now), e.g. `2026-12-24 03:00` or `+8h`')
            [CompletionResult]::new('--rev', '--rev', [CompletionResultType]::ParameterName, 'Read schedule.toml as of this git revision (e.g. `origin/main`)')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'The on-call repository (default: the nearest folder upwards with schedule.toml)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oncall;schedule' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Start of the listing (default: now)')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'How many days to cover (default: 14, or 90 with --ics)')
            [CompletionResult]::new('--person', '--person', [CompletionResultType]::ParameterName, 'Only shifts where this person holds a role')
            [CompletionResult]::new('--rev', '--rev', [CompletionResultType]::ParameterName, 'Read schedule.toml as of this git revision (e.g. `origin/main`)')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'The on-call repository (default: the nearest folder upwards with schedule.toml)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--ics', '--ics', [CompletionResultType]::ParameterName, 'Print an iCalendar feed (one event per person and role, stable UIDs) instead')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oncall;check' {
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'How many days ahead to look')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Start of the window (default: now)')
            [CompletionResult]::new('--rev', '--rev', [CompletionResultType]::ParameterName, 'Check schedule.toml as of this git revision (e.g. `origin/main` in CI)')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'The on-call repository (default: the nearest folder upwards with schedule.toml)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--channels', '--channels', [CompletionResultType]::ParameterName, 'Check the announce channels instead: where each points and whether its credentials are set (sends nothing; `oncall announce --test` does)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oncall;init' {
            [CompletionResult]::new('--team', '--team', [CompletionResultType]::ParameterName, 'The team''s name')
            [CompletionResult]::new('--timezone', '--timezone', [CompletionResultType]::ParameterName, 'The team''s IANA time zone, e.g. `Europe/Berlin`')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'The on-call repository (default: the nearest folder upwards with schedule.toml)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oncall;override' {
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'The on-call repository (default: the nearest folder upwards with schedule.toml)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an override (someone covers a role for a while) and commit it')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List current and upcoming overrides, numbered for `remove`')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an override by the number `list` shows, and commit')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oncall;override;add' {
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'The role being covered')
            [CompletionResult]::new('--person', '--person', [CompletionResultType]::ParameterName, 'Who covers it (an id from [people])')
            [CompletionResult]::new('--start', '--start', [CompletionResultType]::ParameterName, 'When the cover starts, e.g. `2026-11-26 18:00`')
            [CompletionResult]::new('--end', '--end', [CompletionResultType]::ParameterName, 'When it ends (exclusive)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why, for the team and the calendar')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'The on-call repository (default: the nearest folder upwards with schedule.toml)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Edit schedule.toml but do not commit')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oncall;override;list' {
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'The on-call repository (default: the nearest folder upwards with schedule.toml)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Include overrides that are over')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oncall;override;remove' {
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'The on-call repository (default: the nearest folder upwards with schedule.toml)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Edit schedule.toml but do not commit')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oncall;override;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an override (someone covers a role for a while) and commit it')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List current and upcoming overrides, numbered for `remove`')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an override by the number `list` shows, and commit')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oncall;override;help;add' {
            break
        }
        'oncall;override;help;list' {
            break
        }
        'oncall;override;help;remove' {
            break
        }
        'oncall;override;help;help' {
            break
        }
        'oncall;runbook' {
            [CompletionResult]::new('--search', '--search', [CompletionResultType]::ParameterName, 'Find runbooks that mention TEXT (ignoring case unless TEXT has capitals); with SERVICE, only its runbook')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Lines of context around each match of --search')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Lines of context around each match of --search')
            [CompletionResult]::new('--stale-after', '--stale-after', [CompletionResultType]::ParameterName, 'Warn about runbooks last changed longer ago than this, e.g. 90d or 26w (default: `stale_after` in the [runbooks] table of schedule.toml, else 180d)')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'The on-call repository (default: the nearest folder upwards with schedule.toml)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--list', '--list', [CompletionResultType]::ParameterName, 'List every service, its runbook and when it last changed (the default without SERVICE)')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Print the markdown as it is, without rendering (what you get when piped)')
            [CompletionResult]::new('--edit', '--edit', [CompletionResultType]::ParameterName, 'Open the runbook in $VISUAL or $EDITOR and commit it if it changed (a missing runbook starts from a template)')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'With --edit: save the file, but do not commit it')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page the output through $PAGER')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oncall;page' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'What is wrong, in one line')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'What is wrong, in one line')
            [CompletionResult]::new('--urgency', '--urgency', [CompletionResultType]::ParameterName, 'high: page now, any hour; low: can wait for office hours (default: the service''s)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When it happened, for a page written down after the fact (default: now)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Read an alert payload instead: one page per alert group, deduplicated on its group key')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'The on-call repository (default: the nearest folder upwards with schedule.toml)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oncall;ack' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When it was acknowledged, if written down after the fact (default: now)')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'The on-call repository (default: the nearest folder upwards with schedule.toml)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oncall;escalate' {
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'The level to reach: 2 or 3 (default: one above the current)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When it was escalated, if written down after the fact (default: now)')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'The on-call repository (default: the nearest folder upwards with schedule.toml)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oncall;note' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When it happened, if written down after the fact (default: now)')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'The on-call repository (default: the nearest folder upwards with schedule.toml)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oncall;resolve' {
            [CompletionResult]::new('--note', '--note', [CompletionResultType]::ParameterName, 'How it was resolved, in a line')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When it was resolved, if written down after the fact (default: now)')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'The on-call repository (default: the nearest folder upwards with schedule.toml)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--documented', '--documented', [CompletionResultType]::ParameterName, 'The fix is written down (a runbook or the ticket says how)')
            [CompletionResult]::new('--automated', '--automated', [CompletionResultType]::ParameterName, 'The fix is automated (it will not need a person next time)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oncall;status' {
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'The on-call repository (default: the nearest folder upwards with schedule.toml)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oncall;announce' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'The public status (default: the incident''s last one, else investigating)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Only these channels: names, kinds or groups, comma-separated')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'The on-call repository (default: the nearest folder upwards with schedule.toml)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what each channel would get, send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Send without asking (required when not interactive)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Send without asking (required when not interactive)')
            [CompletionResult]::new('--retry', '--retry', [CompletionResultType]::ParameterName, 'Re-send the last announcement to the channels that failed it')
            [CompletionResult]::new('--test', '--test', [CompletionResultType]::ParameterName, 'Send a clearly marked test message to each channel (public status pages are only checked, never posted to); nothing is logged')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oncall;listen' {
            [CompletionResult]::new('--addr', '--addr', [CompletionResultType]::ParameterName, 'Where to listen, HOST:PORT (default: `[listen] addr`, else 127.0.0.1:9095; port 0 picks a free port). Anything but loopback needs `[listen] token_env`')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'The on-call repository (default: the nearest folder upwards with schedule.toml)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oncall;sync' {
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'The on-call repository (default: the nearest folder upwards with schedule.toml)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Only make pending tickets and commit; no pull or push')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oncall;retro' {
            [CompletionResult]::new('--week', '--week', [CompletionResultType]::ParameterName, 'The week to review: `2026-W48`, a date in it (`2026-11-18`), `this` or `last` (default and bare `--week`: the week containing now, Monday to Sunday in the team zone)')
            [CompletionResult]::new('--weeks', '--weeks', [CompletionResultType]::ParameterName, 'How many weeks before it to show as the trend')
            [CompletionResult]::new('--html', '--html', [CompletionResultType]::ParameterName, 'Write one self-contained HTML page with charts of the trends to FILE')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'The on-call repository (default: the nearest folder upwards with schedule.toml)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--markdown', '--markdown', [CompletionResultType]::ParameterName, 'Print the report as Markdown meeting notes')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oncall;morale' {
            [CompletionResult]::new('--note', '--note', [CompletionResultType]::ParameterName, 'A few words on why')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When to record it (default: now); it counts in the retro of the week containing it')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'The on-call repository (default: the nearest folder upwards with schedule.toml)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oncall;handoff' {
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'The on-call repository (default: the nearest folder upwards with schedule.toml)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--no-prompt', '--no-prompt', [CompletionResultType]::ParameterName, 'Do not ask for the outgoing pair''s morale scores')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oncall;completions' {
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'The on-call repository (default: the nearest folder upwards with schedule.toml)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only data and errors: no status lines, warnings or hints')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oncall;help' {
            [CompletionResult]::new('who', 'who', [CompletionResultType]::ParameterValue, 'Who is on call now (or at a time): the pair, their contacts and local time, levels 2 and 3')
            [CompletionResult]::new('schedule', 'schedule', [CompletionResultType]::ParameterValue, 'Upcoming shifts as a table, JSON or an iCalendar feed')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Lint the schedule: gaps, clashes, absences, missing contacts and runbooks, DST handoffs')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a new on-call repository')
            [CompletionResult]::new('override', 'override', [CompletionResultType]::ParameterValue, 'Add, list or remove overrides (someone covering a role for a while)')
            [CompletionResult]::new('runbook', 'runbook', [CompletionResultType]::ParameterValue, 'Show a service''s runbook with how fresh it is; list, search or edit runbooks')
            [CompletionResult]::new('page', 'page', [CompletionResultType]::ParameterValue, 'Record a page: log it with the pair on call, open the Jira ticket, print the incident id')
            [CompletionResult]::new('ack', 'ack', [CompletionResultType]::ParameterValue, 'Acknowledge an incident: someone has it')
            [CompletionResult]::new('escalate', 'escalate', [CompletionResultType]::ParameterValue, 'Escalate an incident to level 2 (team leads) or 3 (VP and CTO)')
            [CompletionResult]::new('note', 'note', [CompletionResultType]::ParameterValue, 'Add a note to an incident (and its ticket)')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Resolve an incident, saying whether the fix is documented and automated')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Open incidents: age, level, ticket, time since the last public update')
            [CompletionResult]::new('announce', 'announce', [CompletionResultType]::ParameterValue, 'One status message to every channel at once: email, chat, the status page, Jira')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive alert webhooks (Alertmanager, Grafana, PagerDuty, Opsgenie) and page from them')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Make pending tickets, then commit, pull and push the page log')
            [CompletionResult]::new('retro', 'retro', [CompletionResultType]::ParameterValue, 'The weekly retro: pages, off-hours load, response times, learning, morale and trends')
            [CompletionResult]::new('morale', 'morale', [CompletionResultType]::ParameterValue, 'Record how the week felt (1-5) for the retro')
            [CompletionResult]::new('handoff', 'handoff', [CompletionResultType]::ParameterValue, 'Hand over the shift: both pairs, the shift''s pages, open incidents, overrides, morale')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oncall;help;who' {
            break
        }
        'oncall;help;schedule' {
            break
        }
        'oncall;help;check' {
            break
        }
        'oncall;help;init' {
            break
        }
        'oncall;help;override' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an override (someone covers a role for a while) and commit it')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List current and upcoming overrides, numbered for `remove`')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an override by the number `list` shows, and commit')
            break
        }
        'oncall;help;override;add' {
            break
        }
        'oncall;help;override;list' {
            break
        }
        'oncall;help;override;remove' {
            break
        }
        'oncall;help;runbook' {
            break
        }
        'oncall;help;page' {
            break
        }
        'oncall;help;ack' {
            break
        }
        'oncall;help;escalate' {
            break
        }
        'oncall;help;note' {
            break
        }
        'oncall;help;resolve' {
            break
        }
        'oncall;help;status' {
            break
        }
        'oncall;help;announce' {
            break
        }
        'oncall;help;listen' {
            break
        }
        'oncall;help;sync' {
            break
        }
        'oncall;help;retro' {
            break
        }
        'oncall;help;morale' {
            break
        }
        'oncall;help;handoff' {
            break
        }
        'oncall;help;completions' {
            break
        }
        'oncall;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
