# Two credentials compared side by side, and the verdicts of comparisons anywhere.

element-level = Level (EQF)
element-workload = Workload
element-quality = Quality assurance
element-profile = Profile (field of education)
element-learning-outcomes = Learning outcomes
verdict-match = Match
verdict-minor = Minor difference
verdict-substantial = Substantial difference
verdict-unknown = Not comparable
label-match = Match
label-maybe = Maybe
label-miss = Miss
finding-no-difference = No substantial difference found among the { $total } elements.
finding-no-difference-among-comparable = No substantial difference found among the { $comparable } elements that could be compared ({ $unknown } of { $total } not known).
finding-substantial = Substantial difference: { $elements }.
finding-not-enough = Not enough information to compare: { $unknown } of { $total } elements not known.
relation-this-course = Recognised as this course
relation-another-course = Recognised as another course here
relation-credits-only = Credits only here
relation-refused = Refused here
relation-elsewhere = Decided at another institution
precedent-at-risk = at risk: the credential changed since
precedent-expired = expired
candidate-described-in = Described in { $language }: compared by meaning across languages (similarity { $similarity } %)
candidate-by-meaning = Compared by meaning across languages (similarity { $similarity } %)
compare-heading = Compare two credentials
compare-title = { $a } compared with { $b }
compare-workload-not-stated = Workload not stated
compare-eqf-level = EQF level { $level }
compare-held = Credential held (A)
compare-candidate = Candidate (B)
compare-button = Compare
compare-hint = A title, a code or an institution; you then choose among the credentials they find.
compare-which = Which credential is { $letter }?
compare-nothing-matches = Nothing matches “{ $input }”
compare-matching = Credentials matching “{ $input }”
compare-justify = Recognition would have to be justified on the elements marked below.
compare-scores = Overall score { $score }, text similarity { $similarity }.
compare-ask-for = Ask the institution of A for:
compare-b-lacks = B does not state: { $elements }.
compare-five-elements = The five elements
compare-outcomes-aligned = Learning outcomes, aligned
compare-covers = B covers { $percent } of A’s learning outcomes.
compare-no-outcomes = A states no learning outcomes to align.
compare-not-compared = Not compared
compare-no-matching-outcome = No matching outcome
compare-different-languages = Outcomes in different languages: compare them yourself
compare-covered = Covered
compare-not-covered = Not covered
compare-similarity = similarity { $percent }
compare-b-unmatched = Outcomes of B not matched to A
compare-precedents = Precedents: decisions about A
compare-no-precedent = No decision about A is recorded yet.
compare-none-in-force = No decision about A is in force; { $shown } withdrawn (their history is on{" "}
compare-a-page = A’s page
compare-none-in-force-after = ).
compare-b-institution = (B’s institution)
compare-other-institution = (another institution: neither for nor against B)
compare-decision-of = decision of { $date }
compare-not-counted = Not counted: { $why }
compare-every-decision = Every decision about A in full
compare-your-decision = Your decision about A
compare-recorded-for = Recorded for { $institution }, B chosen as the equivalent; choose another outcome if this comparison says otherwise.

## The equivalents of a credential.

equivalents-back = Back to the credential
equivalents-heading-before = Equivalents of{" "}
equivalents-any-institution = Any other institution
equivalents-narrow = Narrow
equivalents-candidates = Candidates
equivalents-ask-for = Ask the institution of this credential for:
equivalents-ask-for-why = It does not state them, so they cannot be compared with any candidate.
equivalents-no-specific = This institution likely has no specific equivalent:
equivalents-no-specific-reason = { $reason }. The candidates below are still listed.
equivalents-no-specific-default = the institution more often gives credits only for credentials like this one
equivalents-none = No credential is close enough to be a candidate ({ $shown } compared). You can still compare with one you choose.
equivalents-none-filtered = No credential of the chosen institution or country is close enough to be a candidate ({ $shown } compared). You can still compare with one you choose.
equivalents-best-first = Best first, of { $shown } compared. Each is compared as recognition practice does: level, workload, quality assurance, profile and learning outcomes.
equivalents-order-learns = The order also learns from the { $shown } credentials this institution has decided on.
equivalents-suggestions = Match, Maybe and Miss are suggestions, not decisions.
equivalents-suggestions-why = They weigh the text, the five elements and the institution’s recorded decisions; a recognition officer decides.
equivalents-also-listed = Also listed as
equivalents-suggestion = Suggestion:
equivalents-likelihood = likelihood { $percent }
equivalents-overall = overall score { $percent }
equivalents-candidate-lacks = This candidate does not state: { $elements }.
equivalents-why-suggested = Why it is suggested:
equivalents-bearing-decisions = Decisions that bear on this candidate
equivalents-candidate-institution = (this candidate’s institution)
equivalents-shown-apart = (shown apart: another institution)
equivalents-near-identical = (about a near-identical credential)
equivalents-compare = Compare side by side
equivalents-compare-with = {" "}with { $title }
equivalents-compare-id = Compare with credential (id)
equivalents-precedents = Precedents
equivalents-no-precedent = No decision about this credential is recorded yet.
precedent-equivalent = { $count ->
    [one] { $shown } decision recognised it as equivalent to this one
   *[other] { $shown } decisions recognised it as equivalent to this one
}
precedent-near-identical-all = {" "}(all about a near-identical credential)
precedent-near-identical = {" "}({ $shown } about a near-identical credential)
precedent-other = { $count ->
    [one] { $shown } decision at its institution decided otherwise (another course, credits only or refusal)
   *[other] { $shown } decisions at its institution decided otherwise (another course, credits only or refusal)
}
