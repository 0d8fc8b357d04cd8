# A learner's portfolio: "will my credentials count?" (/portfolio).
nav-portfolio = My portfolio
credential-portfolio-add = Add to my portfolio
credential-portfolio-remove = Remove from my portfolio
credential-portfolio-open = Open my portfolio
portfolio-title = Will my credentials count?
portfolio-heading = Will my credentials count?
portfolio-intro = Collect the micro-credentials you hold, choose a university, and see for each one whether it would count there: from what that university has decided before, otherwise from comparing it with the university's own courses. Your portfolio stays in this browser; nothing is stored on the server.
portfolio-only-the-institution-decides = These are suggestions, not decisions: only the institution decides what your credentials count for. Ask its recognition office before you rely on them.
portfolio-full = Your portfolio holds { $count } credentials, the most it can hold: remove one to add another.
portfolio-items = { $count ->
    [one] { $shown } credential in your portfolio
   *[other] { $shown } credentials in your portfolio
}
portfolio-empty = Your portfolio is empty. Find the credentials you hold in the catalogue and choose “Add to my portfolio” on their page, or upload a credential file you were given.
portfolio-find = Find credentials
portfolio-upload = Upload a credential file
portfolio-institution = Where should they count?
portfolio-institution-hint = The university or institution you want to study at.
portfolio-choose = Choose an institution
portfolio-check = Check my credentials
portfolio-answer-heading = At { $institution }
portfolio-total-all = ECTS credits in your portfolio
portfolio-total-match = Likely to count (Match)
portfolio-total-maybe = To be checked (Maybe)
portfolio-ects = { $ects } ECTS
portfolio-without-ects = { $count ->
    [one] { $shown } credential states no ECTS credits and is not counted in these totals.
   *[other] { $shown } credentials state no ECTS credits and are not counted in these totals.
}
portfolio-gone-title = A credential no longer published
portfolio-gone = This credential is no longer published (or the file you uploaded is no longer held): remove it from your portfolio.
portfolio-counts-for-ects = Would count for { $ects } ECTS.
portfolio-counts-as = Recognised as:
portfolio-closest = Closest course there:
portfolio-stacks-into = Counts towards:
portfolio-remove = Remove
portfolio-find-more = Add more credentials
portfolio-print = Print
portfolio-download = Download as JSON
portfolio-clear = Empty my portfolio
portfolio-other-site = Your portfolio can only be changed from this site’s own pages.
portfolio-basis-own = This is a credential of { $institution } itself.
portfolio-basis-equivalent = { $institution } decided on { $date } that this credential is equivalent to one of its own.
portfolio-basis-credits = { $institution } decided on { $date } to recognise this credential for credits.
portfolio-basis-refused = { $institution } decided on { $date } not to recognise this credential.
portfolio-basis-changed-since = The credential has changed since, so the decision may be reviewed.
portfolio-basis-lookup = { $institution } has not decided about this credential. Compared with its own courses, the closest is a { $percent } % likely equivalent.
portfolio-basis-nothing = { $institution } has not decided about this credential and publishes no course to compare it with.
