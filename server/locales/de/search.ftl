# Die Suchseite und eine Qualifikation in Kürze, wo immer sie aufgeführt wird.

search-heading = Microcredentials finden
search-title-with-query = { $summary } für „{ $query }“
search-form-label = Angebote
search-box-label = Kurse und Microcredentials suchen
search-placeholder = z. B. Datenanalyse, data science, cybersécurité
search-button = Suchen
search-filters = Filter
search-filters-active = Filter (aktiv)
search-ects-legend = ECTS-Punkte
search-range-from = Von
search-range-to = Bis
search-eqf-legend = EQR-Niveau
search-any = Beliebig
search-apply-filters = Filter anwenden
search-clear-filters = Alle Filter zurücksetzen
search-more = { $shown } weitere
search-sort-by = Sortieren nach
search-sort-button = Sortieren
search-no-match = Kein Angebot passt. Versuchen Sie es mit weniger Wörtern oder entfernen Sie einige Filter.
search-found = { $count ->
    [0] Keine Angebote gefunden
    [one] { $shown } Angebot gefunden
   *[other] { $shown } Angebote gefunden
}
search-result-pages = Ergebnisseiten
page-previous = Zurück
page-previous-hidden = {" "}zur vorherigen Seite
page-next = Weiter
page-next-hidden = {" "}zur nächsten Seite
page-number-hidden = Seite{" "}
hit-kind = Art
hit-workload = Arbeitsaufwand
hit-eqf-level = EQR-Niveau
hit-participation = Teilnahme
hit-described-in = Beschrieben auf { $language } · nach Bedeutung gefunden, nicht nach Ihren Wörtern
hit-found-by-meaning = Nach Bedeutung gefunden, nicht nach Ihren Wörtern
facet-country = Land
facet-institution = Einrichtung
facet-eqf-level = EQR-Niveau
facet-workload = Arbeitsaufwand
facet-participation = Form der Teilnahme
facet-kind = Art des Angebots
facet-language = Unterrichtssprache
facet-field = Bildungsbereich
facet-assessment = Art der Prüfung
facet-quality-assurance = Qualitätssicherung
facet-learning-outcomes = Lernergebnisse
sort-relevance = Relevanz
sort-title = Titel (A bis Z)
sort-ects-fewest = ECTS (wenigste zuerst)
sort-ects-most = ECTS (meiste zuerst)
sort-eqf-lowest = EQR-Niveau (niedrigstes zuerst)
sort-updated = Zuletzt aktualisiert

## Eine Qualifikation in Kürze.

untitled = Ohne Titel
credits-ects = { $value } ECTS
credits-other = { $value } Credits ({ $scheme })
credits-unspecified = { $value } Credits (System nicht angegeben)
workload-hours = { $hours } Stunden
workload-credits-and-hours = { $credits } ({ $hours })
eqf-level = Niveau { $level }
eqf-level-with-nqf = Niveau { $level } (nationaler Rahmen: { $nqf })
error-no-such-credential-id = es gibt keine Qualifikation „{ $id }“; Kennungen sehen aus wie demo-tu.0123456789abcdef0123
error-no-such-credential = es gibt keine Qualifikation „{ $id }“
error-upload-not-held = { $id } ist eine hochgeladene, keine abgerufene Qualifikation: Sie wird nur im Browser gehalten, der sie hochgeladen hat, { $count } Stunden lang ohne Nutzung, und nie gespeichert; laden Sie die Datei unter { $path } erneut hoch (dazu getroffene Entscheidungen bleiben mit dem Fingerabdruck der Datei erhalten)
another-language = einer anderen Sprache
unverified-claim = {" "}(unbestätigte Angabe)

# Learners' filters, what a hit says of its next offer, and the offers a filter leaves out for not stating its element.
sort-start = Frühester Beginn
search-offers-legend = Termine und Preis
search-starts-after = Beginn nach dem
search-open-now = Bewerbung jetzt möglich
search-duration-max = Dauer höchstens (Wochen)
search-cost-max = Preis höchstens (EUR; 0: kostenlos)
hit-next-start = Nächster Beginn
hit-apply-by = Bewerbung bis
hit-languages = Unterrichtssprache
hit-price = Preis
element-start-date = Beginn
element-duration = Dauer
element-deadline = Bewerbungsschluss
search-unstated = Nicht angegeben bei { $count ->
    [one] 1 Angebot
   *[other] { $count } Angeboten
    }: { $element }.
search-unstated-included = Mit angezeigt: { $count ->
    [one] 1 Angebot
   *[other] { $count } Angebote
    } ohne Angabe zu { $element }.
search-unstated-show = Auch diese zeigen
search-unstated-hide = Ausblenden
