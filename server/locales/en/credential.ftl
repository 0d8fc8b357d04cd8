# A credential's page: its Annex I elements, offers, provenance and decisions.

not-stated = Not stated
decision-error-summary = There is a problem with your decision
title-error = Error: { $title }
credential-awarding-body-not-stated = Awarding body not stated
credential-unverified-publisher = Published by { $publisher }, which is not registered to publish for this awarding body: the awarding body is what the record claims, not verified.
credential-withdrawn-by-publisher = This credential was withdrawn by its publisher. What it said last is kept below.
credential-not-harvested-heading = Not harvested — uploaded file, issuer claimed, not verified.
credential-not-harvested = This credential was read from { $what } uploaded in this browser ({ $file }), not from its institution’s feed: nobody has checked that the awarding body named issued it. It is not published and not stored; it is held here for { $hours } hours unused. A decision about it is recorded with the file’s fingerprint and the issuer it claims.
credential-find-equivalents = Find equivalents
credential-compare-with-another = Compare with another credential
credential-institution-website = Institution’s website
credential-offer-page = Offer page at the institution
credential-completeness = Completeness
credential-completeness-stated = { $present } of { $mandatory } mandatory Annex I elements stated
credential-completeness-meter = { $present } of { $mandatory }
credential-every-element-stated = Every mandatory element is stated.
credential-missing = Missing:
credential-description = Description
credential-learning-outcomes = Learning outcomes
credential-annex-elements = Annex I elements
credential-outcomes-listed = { $shown } listed
credential-outcomes-above = above
credential-workload = Workload
credential-optional-element = (optional element)
credential-supervision = Supervision and identity verification
credential-grading = Grading
credential-languages = Languages of instruction
credential-fields = Fields of education (ISCED-F)
credential-keywords = Keywords
credential-offers = Offers
credential-no-offer = No dated offer is published.
credential-decisions = Recognition decisions
credential-no-decision-in-force = No decision about this credential is in force.
credential-no-decision-yet = No institution has recorded a decision about this credential yet.
credential-withdrawn-decisions = { $count ->
    [one] { $shown } withdrawn decision
   *[other] { $shown } withdrawn decisions
}
credential-sign-in-link = Sign in
credential-sign-in-to-decide = {" "}with your institution’s token to record a decision.
notice-decision-recorded = Your decision is recorded.
notice-decision-withdrawn = The decision is withdrawn.
notice-file-read = The file is read. Check what it says below, then find its equivalents.
error-not-a-source = "{ $institution }" is not a source of this clearinghouse
equivalents-title = Equivalents of { $title }

## The elements of Annex I of the Council Recommendation on micro-credentials.

annex-title = Title
annex-awarding_body = Awarding body
annex-country = Country of the awarding body
annex-learning_outcomes = Learning outcomes
annex-workload = Workload (ECTS)
annex-eqf_level = EQF level
annex-assessment = Type of assessment
annex-participation = Form of participation
annex-quality_assurance = Quality assurance
annex-prerequisites = Prerequisites
annex-stackability = Integration and stackability

## An offer of the credential.

offer-starts = Starts
offer-ends = Ends
offer-apply-by = Apply by
offer-language = Language
offer-venue = Venue
offer-participation = Participation
offer-cost = Cost
offer-page = Page of this offer

## Where a record comes from.

provenance-heading = Where this comes from
provenance-source = Source
provenance-uploaded-file = Uploaded file, not harvested
provenance-file = File
provenance-one-of = { $count ->
    [one] the only credential in it
   *[other] one of { $shown } credentials in it
}
provenance-read-as = Read as
provenance-identifier-in-file = Identifier in the file
provenance-fingerprint = Fingerprint (SHA-256)
provenance-uploaded = Uploaded
provenance-your-uploads = Your uploaded credentials
provenance-upstream-identifier = Upstream identifier
provenance-harvested = Harvested
provenance-last-harvest = Last harvest of the source
provenance-datestamp = Publisher’s datestamp
provenance-version = Version
provenance-version-first-seen = { $version } (first seen { $first_seen })
provenance-came-through = Came through
provenance-as-json = This record as JSON

# The learner's view: the credential at a glance, what it counts for; the officer's detail folded.
glance-heading = At a glance
glance-what = What
glance-when = Next dates
glance-how = How and where
glance-cost = Price
glance-languages = Taught in
glance-enrol = How to enrol
glance-apply-by = Apply by { $date }.
glance-enrol-link = Enrol on the offer’s page
glance-counts-for = What it counts for
glance-counts-for-none = No institution has recorded a decision about it here yet.
glance-counts-for-details = The decisions in full
glance-only-the-institution-decides = Only the institution you bring it to decides what it counts for there; these are decisions it or others recorded before.
credential-officer-detail = For recognition officers: completeness and the Annex I elements
completeness-explained = Completeness is the share of the mandatory elements of Annex I of the Council Recommendation that the publisher's record states; what the clearinghouse assumed from the source's configuration does not count.
credential-missing-assumed = { $element } (assumed from the source's configuration, not stated by the record)
