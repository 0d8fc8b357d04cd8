# Die Seite einer Qualifikation: ihre Elemente nach Anhang I, Angebote, Herkunft und Entscheidungen.

not-stated = Nicht angegeben
decision-error-summary = Ihre Entscheidung enthält einen Fehler
title-error = Fehler: { $title }
credential-awarding-body-not-stated = Vergebende Stelle nicht angegeben
credential-unverified-publisher = Veröffentlicht von { $publisher }, die nicht für diese vergebende Stelle veröffentlichen darf: Die vergebende Stelle ist eine Angabe des Datensatzes, nicht geprüft.
credential-withdrawn-by-publisher = Diese Qualifikation wurde von ihrem Herausgeber zurückgezogen. Ihr letzter Stand ist unten erhalten.
credential-not-harvested-heading = Nicht abgerufen — hochgeladene Datei, Aussteller behauptet, nicht geprüft.
credential-not-harvested = Diese Qualifikation wurde aus { $what } gelesen, das in diesem Browser hochgeladen wurde ({ $file }), nicht aus dem Feed ihrer Einrichtung: Niemand hat geprüft, ob die genannte vergebende Stelle sie ausgestellt hat. Sie wird weder veröffentlicht noch gespeichert; sie wird hier { $hours } Stunden ohne Nutzung gehalten. Eine Entscheidung dazu wird mit dem Fingerabdruck der Datei und dem behaupteten Aussteller erfasst.
credential-find-equivalents = Entsprechungen finden
credential-compare-with-another = Mit einer anderen Qualifikation vergleichen
credential-institution-website = Website der Einrichtung
credential-offer-page = Angebotsseite der Einrichtung
credential-completeness = Vollständigkeit
credential-completeness-stated = { $present } von { $mandatory } Pflichtelementen nach Anhang I angegeben
credential-completeness-meter = { $present } von { $mandatory }
credential-every-element-stated = Alle Pflichtelemente sind angegeben.
credential-missing = Es fehlen:
credential-description = Beschreibung
credential-learning-outcomes = Lernergebnisse
credential-annex-elements = Elemente nach Anhang I
credential-outcomes-listed = { $shown } aufgeführt
credential-outcomes-above = oben
credential-workload = Arbeitsaufwand
credential-optional-element = (optionales Element)
credential-supervision = Aufsicht und Identitätsprüfung
credential-grading = Benotung
credential-languages = Unterrichtssprachen
credential-fields = Bildungsbereiche (ISCED-F)
credential-keywords = Schlagwörter
credential-offers = Angebote
credential-no-offer = Es ist kein Angebot mit Termin veröffentlicht.
credential-decisions = Anerkennungsentscheidungen
credential-no-decision-in-force = Zu dieser Qualifikation ist keine Entscheidung in Kraft.
credential-no-decision-yet = Noch keine Einrichtung hat eine Entscheidung zu dieser Qualifikation erfasst.
credential-withdrawn-decisions = { $count ->
    [one] { $shown } zurückgezogene Entscheidung
   *[other] { $shown } zurückgezogene Entscheidungen
}
credential-sign-in-link = Melden Sie sich
credential-sign-in-to-decide = {" "}mit dem Token Ihrer Einrichtung an, um eine Entscheidung zu erfassen.
notice-decision-recorded = Ihre Entscheidung ist erfasst.
notice-decision-withdrawn = Die Entscheidung ist zurückgezogen.
notice-file-read = Die Datei ist gelesen. Prüfen Sie unten, was darin steht, und suchen Sie dann ihre Entsprechungen.
error-not-a-source = „{ $institution }“ ist keine Quelle dieser Anerkennungsstelle
equivalents-title = Entsprechungen von { $title }

## Die Elemente des Anhangs I der Empfehlung des Rates zu Microcredentials.

annex-title = Titel
annex-awarding_body = Vergebende Stelle
annex-country = Land der vergebenden Stelle
annex-learning_outcomes = Lernergebnisse
annex-workload = Arbeitsaufwand (ECTS)
annex-eqf_level = EQR-Niveau
annex-assessment = Art der Prüfung
annex-participation = Form der Teilnahme
annex-quality_assurance = Qualitätssicherung
annex-prerequisites = Voraussetzungen
annex-stackability = Integration und Kombinierbarkeit

## Ein Angebot der Qualifikation.

offer-starts = Beginn
offer-ends = Ende
offer-apply-by = Bewerbung bis
offer-language = Sprache
offer-venue = Ort
offer-participation = Teilnahme
offer-cost = Kosten
offer-page = Seite dieses Angebots

## Woher ein Datensatz stammt.

provenance-heading = Herkunft
provenance-source = Quelle
provenance-uploaded-file = Hochgeladene Datei, nicht abgerufen
provenance-file = Datei
provenance-one-of = { $count ->
    [one] die einzige Qualifikation darin
   *[other] eine von { $shown } Qualifikationen darin
}
provenance-read-as = Gelesen als
provenance-identifier-in-file = Kennung in der Datei
provenance-fingerprint = Fingerabdruck (SHA-256)
provenance-uploaded = Hochgeladen
provenance-your-uploads = Ihre hochgeladenen Qualifikationen
provenance-upstream-identifier = Kennung an der Quelle
provenance-harvested = Abgerufen
provenance-last-harvest = Letzter Abruf der Quelle
provenance-datestamp = Datumsstempel des Herausgebers
provenance-version = Version
provenance-version-first-seen = { $version } (zuerst gesehen am { $first_seen })
provenance-came-through = Übermittelt über
provenance-as-json = Dieser Datensatz als JSON

# The learner's view: the credential at a glance, what it counts for; the officer's detail folded.
glance-heading = Auf einen Blick
glance-what = Was
glance-when = Nächste Termine
glance-how = Wie und wo
glance-cost = Preis
glance-languages = Unterrichtssprache
glance-enrol = Anmeldung
glance-apply-by = Bewerbung bis { $date }.
glance-enrol-link = Anmelden auf der Seite des Angebots
glance-counts-for = Wofür es anerkannt wird
glance-counts-for-none = Noch keine Hochschule hat hier eine Entscheidung dazu festgehalten.
glance-counts-for-details = Die Entscheidungen im Einzelnen
glance-only-the-institution-decides = Nur die Hochschule, bei der Sie es einreichen, entscheidet, wofür es dort zählt; dies sind frühere Entscheidungen, die sie oder andere festgehalten haben.
credential-officer-detail = Für Anerkennungsstellen: Vollständigkeit und die Elemente nach Anhang I
completeness-explained = Die Vollständigkeit ist der Anteil der Pflichtelemente aus Anhang I der Ratsempfehlung, die der Datensatz des Anbieters angibt; was das Clearinghouse aus der Konfiguration der Quelle annimmt, zählt nicht.
credential-missing-assumed = { $element } (aus der Konfiguration der Quelle angenommen, nicht im Datensatz angegeben)
