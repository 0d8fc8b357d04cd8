# One decision: its page, its history, revising and withdrawing it.

decision-title = Recognition decision: { $title }
decision-heading-before = Recognition decision:{" "}
decision-error-summary-revision = There is a problem with your revision
decision-withdrawn-strong = Withdrawn.
decision-reason-given = Reason given: { $reason }
decision-withdrawn-no-precedent = It no longer counts as a precedent; its history is kept below.
decision-changed-since = The credential changed since this decision:
decision-check-again = Check it again: does the decision still hold?
decision-still-holds = It still holds
decision-revise-it = Revise it
decision-compare-both = Compare the two credentials side by side
decision-as-json = This decision as JSON
decision-case-file = Case file for the student’s file
decision-case-file-help = both credentials, the comparison, precedents and history on one A4 document: print it or save it as PDF
decision-history = History
decision-change = Change this decision
decision-revision-kept = A revision is recorded beside the earlier ones: nothing is erased.
decision-or = Or{" "}
decision-withdraw-lower = withdraw this decision
decision-or-after = .
notice-revision-recorded = The revision is recorded.
form-submit-revision = Record the revision
withdraw-title = Withdraw the decision about { $title }?
withdraw-error-reason = Say why the decision is withdrawn: the student and other officers read it
withdraw-error-too-long = Keep the reason under { $max } characters
error-no-such-decision = there is no recognition decision "{ $id }"
history-the-harvest = the harvest
history-recorded-first = Recorded
history-withdrawn-because = Withdrawn: { $reason }
history-withdrawn = Withdrawn
history-flagged = Flagged: the credential changed since the decision ({ $changes })
history-confirmed = Confirmed: it still holds for the credential as it now is
history-revised-nothing = Revised, nothing changed
history-revised = Revised: { $changes }
change-decision = the decision
change-rationale = the rationale
change-conditions = the conditions
change-decision-date = the decision date
change-validity = the validity
change-made-private = made private
change-made-public = made public

## What one institution decided about another's credentials.

agreement-heading = Decisions of { $to } about credentials of { $from }
agreement-intro-before = Every recognition decision{" "}
agreement-intro-after = {" "}has recorded about a credential published by { $from }. Each decision is about one credential, taken on its own merits: it is a precedent, not a promise about the next one.
agreement-show = Show
agreement-any-decision = Any decision
agreement-still-holds = Still holds?
agreement-either = Either
agreement-at-risk-only = Only those that may no longer hold
agreement-unchanged-only = Only those whose credential is unchanged
agreement-decided-from = Decided from
agreement-decided-until = Decided until
agreement-show-button = Show decisions
agreement-showing = { $showing }, newest first.
agreement-download = Download this list as{" "}
agreement-download-or = {" "}or{" "}
agreement-none = No decision matches.
agreement-range = { $count ->
    [one] { $from }–{ $to } of { $shown } decision
   *[other] { $from }–{ $to } of { $shown } decisions
}
