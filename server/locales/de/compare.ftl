# Zwei Qualifikationen nebeneinander verglichen, und die Urteile von Vergleichen überall.

element-level = Niveau (EQR)
element-workload = Arbeitsaufwand
element-quality = Qualitätssicherung
element-profile = Profil (Bildungsbereich)
element-learning-outcomes = Lernergebnisse
verdict-match = Übereinstimmung
verdict-minor = Geringer Unterschied
verdict-substantial = Wesentlicher Unterschied
verdict-unknown = Nicht vergleichbar
label-match = Treffer
label-maybe = Vielleicht
label-miss = Kein Treffer
finding-no-difference = Kein wesentlicher Unterschied bei den { $total } Elementen gefunden.
finding-no-difference-among-comparable = Kein wesentlicher Unterschied bei den { $comparable } vergleichbaren Elementen gefunden ({ $unknown } von { $total } unbekannt).
finding-substantial = Wesentlicher Unterschied: { $elements }.
finding-not-enough = Zu wenig Angaben für einen Vergleich: { $unknown } von { $total } Elementen unbekannt.
relation-this-course = Als dieser Kurs anerkannt
relation-another-course = Hier als ein anderer Kurs anerkannt
relation-credits-only = Hier nur Credits
relation-refused = Hier abgelehnt
relation-elsewhere = An einer anderen Einrichtung entschieden
precedent-at-risk = gefährdet: Die Qualifikation hat sich seither geändert
precedent-expired = abgelaufen
candidate-described-in = Beschrieben auf { $language }: sprachübergreifend nach Bedeutung verglichen (Ähnlichkeit { $similarity }{"\u00A0"}%)
candidate-by-meaning = Sprachübergreifend nach Bedeutung verglichen (Ähnlichkeit { $similarity }{"\u00A0"}%)
compare-heading = Zwei Qualifikationen vergleichen
compare-title = { $a } im Vergleich mit { $b }
compare-workload-not-stated = Arbeitsaufwand nicht angegeben
compare-eqf-level = EQR-Niveau { $level }
compare-held = Vorhandene Qualifikation (A)
compare-candidate = Kandidat (B)
compare-button = Vergleichen
compare-hint = Ein Titel, ein Code oder eine Einrichtung; danach wählen Sie unter den gefundenen Qualifikationen.
compare-which = Welche Qualifikation ist { $letter }?
compare-nothing-matches = Nichts passt zu „{ $input }“
compare-matching = Qualifikationen zu „{ $input }“
compare-justify = Eine Anerkennung müsste bei den unten markierten Elementen begründet werden.
compare-scores = Gesamtwert { $score }, Textähnlichkeit { $similarity }.
compare-ask-for = Fragen Sie die Einrichtung von A nach:
compare-b-lacks = B gibt nicht an: { $elements }.
compare-five-elements = Die fünf Elemente
compare-outcomes-aligned = Lernergebnisse, einander zugeordnet
compare-covers = B deckt { $percent } der Lernergebnisse von A ab.
compare-no-outcomes = A gibt keine Lernergebnisse an, die zugeordnet werden könnten.
compare-not-compared = Nicht verglichen
compare-no-matching-outcome = Kein passendes Lernergebnis
compare-different-languages = Lernergebnisse in verschiedenen Sprachen: Vergleichen Sie sie selbst
compare-covered = Abgedeckt
compare-not-covered = Nicht abgedeckt
compare-similarity = Ähnlichkeit { $percent }
compare-b-unmatched = Lernergebnisse von B ohne Gegenstück in A
compare-precedents = Präzedenzfälle: Entscheidungen über A
compare-no-precedent = Zu A ist noch keine Entscheidung erfasst.
compare-none-in-force = Zu A ist keine Entscheidung in Kraft; { $shown } zurückgezogen (ihr Verlauf steht auf{" "}
compare-a-page = der Seite von A
compare-none-in-force-after = ).
compare-b-institution = (Einrichtung von B)
compare-other-institution = (andere Einrichtung: weder für noch gegen B)
compare-decision-of = Entscheidung vom { $date }
compare-not-counted = Nicht gezählt: { $why }
compare-every-decision = Alle Entscheidungen über A vollständig
compare-your-decision = Ihre Entscheidung über A
compare-recorded-for = Erfasst für { $institution }, B als Entsprechung gewählt; wählen Sie ein anderes Ergebnis, wenn dieser Vergleich anderes zeigt.

## Die Entsprechungen einer Qualifikation.

equivalents-back = Zurück zur Qualifikation
equivalents-heading-before = Entsprechungen von{" "}
equivalents-any-institution = Jede andere Einrichtung
equivalents-narrow = Eingrenzen
equivalents-candidates = Kandidaten
equivalents-ask-for = Fragen Sie die Einrichtung dieser Qualifikation nach:
equivalents-ask-for-why = Sie gibt sie nicht an, daher können sie mit keinem Kandidaten verglichen werden.
equivalents-no-specific = Diese Einrichtung hat wahrscheinlich keine konkrete Entsprechung:
equivalents-no-specific-reason = { $reason }. Die Kandidaten unten sind trotzdem aufgeführt.
equivalents-no-specific-default = die Einrichtung vergibt für solche Qualifikationen meist nur Credits
equivalents-none = Keine Qualifikation ist nah genug, um Kandidat zu sein ({ $shown } verglichen). Sie können dennoch mit einer selbst gewählten vergleichen.
equivalents-none-filtered = Keine Qualifikation der gewählten Einrichtung oder des gewählten Landes ist nah genug, um Kandidat zu sein ({ $shown } verglichen). Sie können dennoch mit einer selbst gewählten vergleichen.
equivalents-best-first = Die besten zuerst, von { $shown } verglichenen. Jeder wird verglichen, wie es die Anerkennungspraxis tut: Niveau, Arbeitsaufwand, Qualitätssicherung, Profil und Lernergebnisse.
equivalents-order-learns = Die Reihenfolge lernt auch aus den { $shown } Qualifikationen, über die diese Einrichtung entschieden hat.
equivalents-suggestions = Treffer, Vielleicht und Kein Treffer sind Vorschläge, keine Entscheidungen.
equivalents-suggestions-why = Sie gewichten den Text, die fünf Elemente und die erfassten Entscheidungen der Einrichtung; entscheiden tut eine Anerkennungsbeauftragte.
equivalents-also-listed = Auch geführt als
equivalents-suggestion = Vorschlag:
equivalents-likelihood = Wahrscheinlichkeit { $percent }
equivalents-overall = Gesamtwert { $percent }
equivalents-candidate-lacks = Dieser Kandidat gibt nicht an: { $elements }.
equivalents-why-suggested = Warum er vorgeschlagen wird:
equivalents-bearing-decisions = Entscheidungen, die diesen Kandidaten betreffen
equivalents-candidate-institution = (Einrichtung dieses Kandidaten)
equivalents-shown-apart = (gesondert gezeigt: andere Einrichtung)
equivalents-near-identical = (über eine nahezu identische Qualifikation)
equivalents-compare = Nebeneinander vergleichen
equivalents-compare-with = {" "}mit { $title }
equivalents-compare-id = Mit Qualifikation vergleichen (Kennung)
equivalents-precedents = Präzedenzfälle
equivalents-no-precedent = Zu dieser Qualifikation ist noch keine Entscheidung erfasst.
precedent-equivalent = { $count ->
    [one] { $shown } Entscheidung hat sie als gleichwertig mit dieser anerkannt
   *[other] { $shown } Entscheidungen haben sie als gleichwertig mit dieser anerkannt
}
precedent-near-identical-all = {" "}(alle über eine nahezu identische Qualifikation)
precedent-near-identical = {" "}({ $shown } über eine nahezu identische Qualifikation)
precedent-other = { $count ->
    [one] { $shown } Entscheidung an ihrer Einrichtung fiel anders aus (anderer Kurs, nur Credits oder Ablehnung)
   *[other] { $shown } Entscheidungen an ihrer Einrichtung fielen anders aus (anderer Kurs, nur Credits oder Ablehnung)
}
