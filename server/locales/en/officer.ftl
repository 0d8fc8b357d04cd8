# The recognition officer's pages: signing in, finding the credential held, decisions,
# their form, history and withdrawal.

field-error-prefix = Error:
error-summary-heading = There is a problem
error-summary-nothing-recorded = Nothing was recorded yet; every answer you gave is kept in the form.
not-stated-lower = not stated
error-search-too-long = the search is longer than { $bytes } bytes
error-no-such-institution = there is no institution "{ $institution }": none is configured under that id, and none has recorded a decision under it

## Signing in.

sign-in-heading = Sign in
sign-in-signed-in-for = Signed in for { $name }
sign-in-sign-out-everywhere-help = Signing out ends this session. If your token was used on a shared computer, or a session may have been copied, sign out on every device: every session begun with your institution’s token ends, in every browser.
sign-in-sign-out-everywhere = Sign out on every device
sign-in-intro = Recognition officers sign in with their institution’s token to record recognition decisions. The token is checked and not stored; the session ends after eight hours or when you sign out.
sign-in-token = Institution token
sign-in-button = Sign in
sign-in-demo-heading = Trying the demo?
sign-in-demo-before = This is the bundled demo network. Sign in as the recognition officer of Technische Universität Demo with the demo token{" "}
sign-in-demo-after = , then open a credential of another university and record what your institution decided.
sign-in-demo-button = Sign in as the demo officer
sign-in-form-expired = The form expired or was not sent from this site. Enter your token again.
sign-in-token-not-valid = That token is not valid. Check it and try again.
sign-in-api-token = That is an institution’s API token, for programs. Sign in with your own officer token: ask your clearinghouse administrator for one.

## Finding the credential a student holds.

recognise-heading = Recognise a credential
recognise-title-with-query = Recognise a credential: { $query }
recognise-intro = A student brings a micro-credential from another institution. Find it here, see which of your institution’s credentials are its closest equivalents, compare the best one side by side, and record your decision on the comparison.
recognise-intro-named = A student brings a micro-credential from another institution. Find it here, see which of { $institution }’s credentials are its closest equivalents, compare the best one side by side, and record your decision on the comparison.
recognise-form-label = The credential held
recognise-which = Which credential does the student hold?
recognise-hint = Its title, its code or its institution, in any language.
recognise-find = Find it
recognise-upload-link = The student brought a credential file?
recognise-upload-help = Upload or paste it (a European Digital Credential, an Open Badge, or JSON): it is looked up the same way, and not stored.
recognise-none-matches = No credential matches “{ $query }”
recognise-matching = Credentials matching “{ $query }”
recognise-try-fewer = Try fewer words, or the institution’s name. A credential that is not harvested here can be{" "}
recognise-try-upload-link = uploaded from the student’s file
recognise-try-upload-after = .
recognise-find-equivalents = : find its equivalents
recognise-the-credential = the credential
recognise-credits-level-not-stated = Credits and level not stated

## Decisions, as listed.

outcome-equivalent = Recognised as equivalent
outcome-credits = Recognised for { $ects } ECTS
outcome-refused = Not recognised
decision-withdrawn-badge = Withdrawn
decision-private-badge = Private
decision-as-equivalent-to = as equivalent to
decision-institutions-credential = the institution’s credential
decision-not-harvested-badge = Not harvested
decision-not-harvested = Not harvested: an uploaded file, read as { $format }; issuer claimed, not verified: { $issuer }
decision-decided-by = Decided by
decision-decided-on = on { $date }
decision-valid-until = , valid until { $date }
decision-every-of-about = every decision of { $institution } about credentials of { $sender }
decision-conditions = Conditions:
decision-rationale = Rationale:
decision-may-no-longer-hold = May no longer hold:
decision-details = Details and history
decision-revise-link = Revise this decision
decision-withdraw-link = Withdraw this decision
decision-pages-label = Pages of decisions
decision-pages-newer = Newer decisions
decision-pages-older = Older decisions
history-caption = Every revision of this decision, oldest first
history-revision = Revision
history-recorded = Recorded
history-by = By
history-what = What happened

## An institution's decisions.

decisions-heading = Recognition decisions of { $institution }
decisions-by-sender = By the institution whose credentials were decided on
decisions-credentials-of = Credentials of { $sender }
decisions-count = { $count ->
    [one] { $shown } decision
   *[other] { $shown } decisions
}
decisions-every = Every decision
decisions-showing = Decisions { $range }, newest first.
decisions-range = { $from }–{ $to } of { $total }
decisions-none-yet = This institution has not recorded a decision yet.
decisions-how-to-record = To record a decision, open the credential to be recognised and use the form under “Recognition decisions”. Programs read these decisions at{" "}
decisions-api-link = the JSON API
decisions-api-after = .

## The form that records or revises a decision.

form-heading-record = Record a decision of { $institution }
form-submit-record = Record decision
form-decision = Decision
form-outcome-equivalent = Equivalent to one of our credentials
form-outcome-credits = Recognised for credits
form-outcome-refused = Not recognised
form-target-legend = Our equivalent credential (for an equivalence)
form-target-hint-search = Search our credentials by their title or code.
form-target-hint-choices = Our credentials that best match it come first; any other of ours can be found by its title or code.
form-target-search = Search our credentials
form-target-another = Another of our credentials
form-find = Find
form-find-hint = Words of its title, or its code; “Find” lists what matches above, keeping every answer in this form.
form-target-id = Our equivalent credential (id, for an equivalence)
form-target-id-hint = For example demo-lyon.0123456789abcdef0123; it is on the credential’s page. Your institution publishes no credentials here to choose from.
form-ects = ECTS credits granted (for credits)
form-rationale = Rationale
form-conditions = Conditions (optional)
form-decided-on = Decided on
form-valid-until = Valid until (optional)
form-private = Private: do not publish to other clearinghouses
form-search-type-words = Type words of the title, or a code, to search our credentials.
form-search-found = { $count ->
    [0] None of our credentials match “{ $words }”. Try other words, or a code.
    [one] One of our credentials matches “{ $words }”: it is first below.
   *[other] { $shown } of our credentials match “{ $words }”: they are first below.
}
form-error-date = { $label } must be a date, like 2026-11-20, not "{ $value }"
form-error-decision-date = The decision date
form-error-valid-until = Valid until
form-error-target = Choose the credential of your institution it is equivalent to
form-error-ects-missing = Say how many ECTS credits are granted
form-error-ects = ECTS credits must be a number more than 0 and at most { $max }, not "{ $value }"
form-error-outcome = Choose what was decided: equivalent, credits or not recognised
form-error-valid-before = Valid until ({ $valid_until }) must not be before the decision date ({ $decided_on })
form-error-rationale = Say why: the rationale is what the student and the next officer read
form-error-decided-on = Say when it was decided

## Withdrawing a decision.

withdraw-heading = Withdraw this decision?
withdraw-intro = A withdrawn decision no longer counts as a precedent for anyone. It is not erased: it stays in the decision’s history with your reason, and those who harvested it learn that it was withdrawn.
withdraw-why = Why is it withdrawn?
withdraw-hint = For example: the course changed and no longer covers the same outcomes. The student and other officers read this.
withdraw-button = Withdraw the decision
withdraw-cancel = No, keep it
