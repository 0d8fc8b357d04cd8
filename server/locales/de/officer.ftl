# Die Seiten der Anerkennungsbeauftragten: Anmelden, die vorgelegte Qualifikation finden,
# Entscheidungen, ihr Formular, ihr Verlauf und ihr Zurückziehen.

field-error-prefix = Fehler:
error-summary-heading = Es gibt ein Problem
error-summary-nothing-recorded = Es wurde noch nichts erfasst; alle Ihre Angaben bleiben im Formular erhalten.
not-stated-lower = nicht angegeben
error-search-too-long = die Suche ist länger als { $bytes } Bytes
error-no-such-institution = es gibt keine Einrichtung „{ $institution }“: Keine ist unter dieser Kennung eingerichtet, und keine hat unter ihr eine Entscheidung erfasst

## Anmelden.

sign-in-heading = Anmelden
sign-in-signed-in-for = Angemeldet für { $name }
sign-in-sign-out-everywhere-help = Abmelden beendet diese Sitzung. Wurde Ihr Token an einem gemeinsam genutzten Computer verwendet oder könnte eine Sitzung kopiert worden sein, melden Sie sich auf allen Geräten ab: Jede mit dem Token Ihrer Einrichtung begonnene Sitzung endet, in jedem Browser.
sign-in-sign-out-everywhere = Auf allen Geräten abmelden
sign-in-intro = Anerkennungsbeauftragte melden sich mit dem Token ihrer Einrichtung an, um Anerkennungsentscheidungen zu erfassen. Das Token wird geprüft und nicht gespeichert; die Sitzung endet nach acht Stunden oder wenn Sie sich abmelden.
sign-in-token = Token der Einrichtung
sign-in-button = Anmelden
sign-in-demo-heading = Sie probieren die Demo aus?
sign-in-demo-before = Dies ist das mitgelieferte Demo-Netzwerk. Melden Sie sich als Anerkennungsbeauftragte der Technischen Universität Demo mit dem Demo-Token{" "}
sign-in-demo-after = {" "}an, öffnen Sie dann eine Qualifikation einer anderen Universität und erfassen Sie, was Ihre Einrichtung entschieden hat.
sign-in-demo-button = Als Demo-Beauftragte anmelden
sign-in-form-expired = Das Formular ist abgelaufen oder wurde nicht von dieser Website gesendet. Geben Sie Ihr Token erneut ein.
sign-in-token-not-valid = Dieses Token ist nicht gültig. Prüfen Sie es und versuchen Sie es erneut.
sign-in-api-token = Das ist das API-Token einer Einrichtung, für Programme. Melden Sie sich mit Ihrem eigenen Token als Beauftragte an: Fragen Sie die Administration Ihrer Anerkennungsstelle danach.

## Die Qualifikation finden, die eine Studentin vorlegt.

recognise-heading = Eine Qualifikation anerkennen
recognise-title-with-query = Eine Qualifikation anerkennen: { $query }
recognise-intro = Eine Studentin bringt ein Microcredential einer anderen Einrichtung mit. Finden Sie es hier, sehen Sie, welche Qualifikationen Ihrer Einrichtung ihm am nächsten kommen, vergleichen Sie die beste nebeneinander und erfassen Sie Ihre Entscheidung beim Vergleich.
recognise-intro-named = Eine Studentin bringt ein Microcredential einer anderen Einrichtung mit. Finden Sie es hier, sehen Sie, welche Qualifikationen von { $institution } ihm am nächsten kommen, vergleichen Sie die beste nebeneinander und erfassen Sie Ihre Entscheidung beim Vergleich.
recognise-form-label = Die vorgelegte Qualifikation
recognise-which = Welche Qualifikation legt die Studentin vor?
recognise-hint = Ihr Titel, ihr Code oder ihre Einrichtung, in jeder Sprache.
recognise-find = Finden
recognise-upload-link = Die Studentin hat eine Datei mitgebracht?
recognise-upload-help = Laden Sie sie hoch oder fügen Sie sie ein (ein European Digital Credential, ein Open Badge oder JSON): Sie wird genauso nachgeschlagen und nicht gespeichert.
recognise-none-matches = Keine Qualifikation passt zu „{ $query }“
recognise-matching = Qualifikationen zu „{ $query }“
recognise-try-fewer = Versuchen Sie es mit weniger Wörtern oder dem Namen der Einrichtung. Eine Qualifikation, die hier nicht abgerufen wird, kann{" "}
recognise-try-upload-link = aus der Datei der Studentin hochgeladen werden
recognise-try-upload-after = .
recognise-find-equivalents = : Entsprechungen finden
recognise-the-credential = die Qualifikation
recognise-credits-level-not-stated = Credits und Niveau nicht angegeben

## Entscheidungen in Listen.

outcome-equivalent = Als gleichwertig anerkannt
outcome-credits = Mit { $ects } ECTS anerkannt
outcome-refused = Nicht anerkannt
decision-withdrawn-badge = Zurückgezogen
decision-private-badge = Privat
decision-as-equivalent-to = als gleichwertig mit
decision-institutions-credential = der Qualifikation der Einrichtung
decision-not-harvested-badge = Nicht abgerufen
decision-not-harvested = Nicht abgerufen: eine hochgeladene Datei, gelesen als { $format }; Aussteller behauptet, nicht geprüft: { $issuer }
decision-decided-by = Entschieden von
decision-decided-on = am { $date }
decision-valid-until = , gültig bis { $date }
decision-every-of-about = alle Entscheidungen von { $institution } über Qualifikationen von { $sender }
decision-conditions = Auflagen:
decision-rationale = Begründung:
decision-may-no-longer-hold = Gilt womöglich nicht mehr:
decision-details = Einzelheiten und Verlauf
decision-revise-link = Diese Entscheidung überarbeiten
decision-withdraw-link = Diese Entscheidung zurückziehen
decision-pages-label = Seiten der Entscheidungen
decision-pages-newer = Neuere Entscheidungen
decision-pages-older = Ältere Entscheidungen
history-caption = Jede Fassung dieser Entscheidung, älteste zuerst
history-revision = Fassung
history-recorded = Erfasst
history-by = Von
history-what = Was geschah

## Die Entscheidungen einer Einrichtung.

decisions-heading = Anerkennungsentscheidungen von { $institution }
decisions-by-sender = Nach der Einrichtung, über deren Qualifikationen entschieden wurde
decisions-credentials-of = Qualifikationen von { $sender }
decisions-count = { $count ->
    [one] { $shown } Entscheidung
   *[other] { $shown } Entscheidungen
}
decisions-every = Alle Entscheidungen
decisions-showing = Entscheidungen { $range }, neueste zuerst.
decisions-range = { $from }–{ $to } von { $total }
decisions-none-yet = Diese Einrichtung hat noch keine Entscheidung erfasst.
decisions-how-to-record = Um eine Entscheidung zu erfassen, öffnen Sie die anzuerkennende Qualifikation und nutzen Sie das Formular unter „Anerkennungsentscheidungen“. Programme lesen diese Entscheidungen über{" "}
decisions-api-link = die JSON-API
decisions-api-after = .

## Das Formular, das eine Entscheidung erfasst oder überarbeitet.

form-heading-record = Eine Entscheidung von { $institution } erfassen
form-submit-record = Entscheidung erfassen
form-decision = Entscheidung
form-outcome-equivalent = Gleichwertig mit einer unserer Qualifikationen
form-outcome-credits = Mit Credits anerkannt
form-outcome-refused = Nicht anerkannt
form-target-legend = Unsere gleichwertige Qualifikation (bei Gleichwertigkeit)
form-target-hint-search = Suchen Sie unsere Qualifikationen nach Titel oder Code.
form-target-hint-choices = Unsere am besten passenden Qualifikationen stehen zuerst; jede andere finden Sie über Titel oder Code.
form-target-search = Unsere Qualifikationen durchsuchen
form-target-another = Eine andere unserer Qualifikationen
form-find = Finden
form-find-hint = Wörter des Titels oder der Code; „Finden“ listet oben, was passt, und behält alle Angaben in diesem Formular.
form-target-id = Unsere gleichwertige Qualifikation (Kennung, bei Gleichwertigkeit)
form-target-id-hint = Zum Beispiel demo-lyon.0123456789abcdef0123; sie steht auf der Seite der Qualifikation. Ihre Einrichtung veröffentlicht hier keine Qualifikationen zur Auswahl.
form-ects = Gewährte ECTS-Punkte (bei Credits)
form-rationale = Begründung
form-conditions = Auflagen (optional)
form-decided-on = Entschieden am
form-valid-until = Gültig bis (optional)
form-private = Privat: nicht an andere Anerkennungsstellen veröffentlichen
form-search-type-words = Geben Sie Wörter des Titels oder einen Code ein, um unsere Qualifikationen zu durchsuchen.
form-search-found = { $count ->
    [0] Keine unserer Qualifikationen passt zu „{ $words }“. Versuchen Sie andere Wörter oder einen Code.
    [one] Eine unserer Qualifikationen passt zu „{ $words }“: Sie steht unten zuerst.
   *[other] { $shown } unserer Qualifikationen passen zu „{ $words }“: Sie stehen unten zuerst.
}
form-error-date = { $label } muss ein Datum sein, etwa 2026-11-20, nicht „{ $value }“
form-error-decision-date = Das Entscheidungsdatum
form-error-valid-until = Gültig bis
form-error-target = Wählen Sie die Qualifikation Ihrer Einrichtung, der sie gleichwertig ist
form-error-ects-missing = Geben Sie an, wie viele ECTS-Punkte gewährt werden
form-error-ects = ECTS-Punkte müssen eine Zahl größer als 0 und höchstens { $max } sein, nicht „{ $value }“
form-error-outcome = Wählen Sie, was entschieden wurde: gleichwertig, Credits oder nicht anerkannt
form-error-valid-before = Gültig bis ({ $valid_until }) darf nicht vor dem Entscheidungsdatum ({ $decided_on }) liegen
form-error-rationale = Begründen Sie: Die Begründung lesen die Studentin und die nächste Beauftragte
form-error-decided-on = Geben Sie an, wann entschieden wurde

## Eine Entscheidung zurückziehen.

withdraw-heading = Diese Entscheidung zurückziehen?
withdraw-intro = Eine zurückgezogene Entscheidung gilt für niemanden mehr als Präzedenzfall. Sie wird nicht gelöscht: Sie bleibt mit Ihrer Begründung im Verlauf der Entscheidung, und wer sie abgerufen hat, erfährt, dass sie zurückgezogen wurde.
withdraw-why = Warum wird sie zurückgezogen?
withdraw-hint = Zum Beispiel: Der Kurs hat sich geändert und deckt nicht mehr dieselben Lernergebnisse ab. Die Studentin und andere Beauftragte lesen dies.
withdraw-button = Entscheidung zurückziehen
withdraw-cancel = Nein, beibehalten
