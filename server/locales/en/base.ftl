# The layout of every page, the error page, and how dates and numbers are written.

language-own-name = English
site-name = Recognition clearinghouse
skip-to-content = Skip to content
nav-main-label = Main
nav-search = Search
nav-recognise = Recognise
nav-compare = Compare
nav-sources = Sources
nav-decisions = Decisions
nav-sign-in = Sign in
nav-sign-out = Sign out
nav-language-label = Language
footer-about = Micro-credential metadata harvested from partner institutions, described with the elements of Annex I of the Council Recommendation on micro-credentials (2022).
footer-api-before = Programs can use the{" "}
footer-api-link = JSON API
footer-api-after = .

## The error page. Messages are written without a capital or a final full stop: the
## page adds both.

error-heading-bad-request = This request cannot be read
error-heading-forbidden = Not allowed
error-heading-not-found = Not found
error-heading-over-budget = This took too long
error-heading-disk-full = Nothing can be recorded just now
error-heading-internal = Something went wrong
error-internal = the clearinghouse could not answer; the error is logged
error-not-found-page = there is no page at { $path }; search for offers from the start page
error-over-budget = { $what } took longer than the { $budget_ms } ms this clearinghouse allows a request and was not finished; try again later, or ask for fewer candidates
error-disk-full = the disk holding the clearinghouse's data is nearly full ({ $available_mb } MB free, { $reserve_mb } MB kept in reserve): harvests and recording decisions are paused until space is freed, and resume by themselves then
error-store-cannot-write-full = the store could not write to disk at { $at } ({ $error }): nothing can be recorded until space is freed on the disk of the data directory; the clearinghouse then starts again by itself and records again; everything recorded before is safe and reading goes on
error-store-cannot-write = the store could not write to disk at { $at } ({ $error }): nothing can be recorded until the clearinghouse is restarted once the cause is fixed; everything recorded before is safe and reading goes on
error-back-to-search = Back to the search
work-case-file = the case file
work-equivalence-lookup = the equivalence lookup
work-comparison = the comparison
work-request = the request

## Dates and numbers.

date-long = { $day } { $month } { $year }
date-time = { $date }, { $time } UTC
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
number-decimal-separator = .
number-group-separator = ,
# Numbers with fewer digits are not grouped.
number-group-min-digits = 4

## What the pages' script says (app.js reads these from the page).

script-suggestions-label = Matching credentials
script-no-match = No credential matches.
script-matches-one = { $count } credential matches; Down arrow to go through them, Enter to take one.
script-matches-other = { $count } credentials match; Down arrow to go through them, Enter to take one.
script-chosen = Chosen: { $title }.
