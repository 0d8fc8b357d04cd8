# The search page, and a credential in brief wherever it is listed.

search-heading = Find micro-credentials
search-title-with-query = { $summary } for “{ $query }”
search-form-label = Offers
search-box-label = Search courses and micro-credentials
search-placeholder = e.g. data science, Datenanalyse, cybersécurité
search-button = Search
search-filters = Filters
search-filters-active = Filters (active)
search-ects-legend = ECTS credits
search-range-from = From
search-range-to = To
search-eqf-legend = EQF level
search-any = Any
search-apply-filters = Apply filters
search-clear-filters = Clear all filters
search-more = { $shown } more
search-sort-by = Sort by
search-sort-button = Sort
search-no-match = No offer matches. Try fewer words, or untick some filters.
search-found = { $count ->
    [0] No offers found
    [one] { $shown } offer found
   *[other] { $shown } offers found
}
search-result-pages = Result pages
page-previous = Previous
page-previous-hidden = {" "}page
page-next = Next
page-next-hidden = {" "}page
page-number-hidden = Page{" "}
hit-kind = Kind
hit-workload = Workload
hit-eqf-level = EQF level
hit-participation = Participation
hit-described-in = Described in { $language } · found by meaning, not by your words
hit-found-by-meaning = Found by meaning, not by your words
facet-country = Country
facet-institution = Institution
facet-eqf-level = EQF level
facet-workload = Workload
facet-participation = Form of participation
facet-kind = Kind of offer
facet-language = Language of instruction
facet-field = Field of education
facet-assessment = Type of assessment
facet-quality-assurance = Quality assurance
facet-learning-outcomes = Learning outcomes
sort-relevance = Relevance
sort-title = Title (A to Z)
sort-ects-fewest = ECTS (fewest first)
sort-ects-most = ECTS (most first)
sort-eqf-lowest = EQF level (lowest first)
sort-updated = Recently updated

## A credential in brief.

untitled = Untitled
credits-ects = { $value } ECTS
credits-other = { $value } credits ({ $scheme })
credits-unspecified = { $value } credits (scheme not stated)
workload-hours = { $hours } hours
workload-credits-and-hours = { $credits } ({ $hours })
eqf-level = Level { $level }
eqf-level-with-nqf = Level { $level } (national framework: { $nqf })
error-no-such-credential-id = there is no credential "{ $id }"; credential ids look like demo-tu.0123456789abcdef0123
error-no-such-credential = there is no credential "{ $id }"
error-upload-not-held = { $id } is a credential someone uploaded, not a harvested one: it is held only in the browser that uploaded it, for { $count } hours unused, and never stored; upload the file again at { $path } (decisions recorded about it are kept, with the file's fingerprint)
another-language = another language
unverified-claim = {" "}(unverified claim)

# Learners' filters, what a hit says of its next offer, and the offers a filter leaves out for not stating its element.
sort-start = Starting soonest
search-offers-legend = Dates and price
search-starts-after = Starting after
search-open-now = Open for applications now
search-duration-max = Lasting at most (weeks)
search-cost-max = Price at most (EUR; 0: free)
hit-next-start = Next start
hit-apply-by = Apply by
hit-languages = Taught in
hit-price = Price
element-start-date = Start date
element-duration = Duration
element-deadline = Last day to apply
search-unstated = Not stated by { $count ->
    [one] 1 offer
   *[other] { $count } offers
    }: { $element }.
search-unstated-included = Shown too: { $count ->
    [one] 1 offer
   *[other] { $count } offers
    } not stating { $element }.
search-unstated-show = Show them too
search-unstated-hide = Leave them out
