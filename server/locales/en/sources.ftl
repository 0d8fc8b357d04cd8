# The sources page: each feed, its last harvest and its records' completeness.

sources-heading = Sources and feed quality
sources-intro = Every feed the clearinghouse harvests: how its last harvest went, how many records it holds and how complete they are. Open a source for its harvests, its feed-quality report and, for publishers, checks of a file or an endpoint before publishing.
sources-across-languages = Across languages
source-country = Country
source-protocol = Protocol
source-format = Format
source-feed = Feed
source-schedule = Schedule
source-next-harvest = , next { $next }
source-on-request = on request only
source-website = Website
source-running-since = A harvest is running since { $since }.
source-last-harvest = Last harvest
source-run-started = started { $started }
source-run-took = , took { $seconds } s
source-more-errors = and { $shown } more
source-not-harvested = Not harvested yet.
source-feed-quality = Feed quality
source-no-records = No records stored yet.
source-records = { $count ->
    [one] { $shown } record
   *[other] { $shown } records
}
source-records-unreadable = , { $shown } could not be read
source-average = ; on average { $average } of the mandatory elements are stated.
source-report-caption = Annex I elements in the records of { $institution }
source-worst = Least complete records
source-worst-none = Every record states every mandatory element.
source-worst-complete = { $percent } complete
source-worst-lacks = ; lacks { $lacking }
report-element = Element
report-stated = Stated
report-missing = Missing
report-unreadable = Unreadable
report-optional = (optional)
percent = { $value }%
run-running = running
run-succeeded = succeeded
run-partial = partly succeeded
run-failed = failed
run-seen = Seen
run-added = Added
run-updated = Updated
run-unchanged = Unchanged
run-deleted = Deleted
run-failed-count = Failed

## How records are bridged across languages.

bridge-on = Multilingual model on: { $count } records can be found by meaning from any language ({ $languages }).
bridge-no-language-yet = none yet
bridge-backlog = { $count ->
    [one] { $shown } change is still to be read; records harvested since are found by their words only until then.
   *[other] { $shown } changes are still to be read; records harvested since are found by their words only until then.
}
bridge-off = Multilingual model off: records are found only in the language they are written in ({ $why }).
bridge-not-configured = not configured
dictionaries-being-read = Bilingual dictionaries: being read.
dictionaries-loaded = Bilingual dictionaries into English: { $languages }.
dictionaries-off = Bilingual dictionaries off.
dictionaries-off-because = Bilingual dictionaries off: { $why }.
