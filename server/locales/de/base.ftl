# Das Layout jeder Seite, die Fehlerseite, und wie Daten und Zahlen geschrieben werden.

language-own-name = Deutsch
site-name = Anerkennungsstelle
skip-to-content = Zum Inhalt springen
nav-main-label = Hauptnavigation
nav-search = Suche
nav-recognise = Anerkennen
nav-compare = Vergleichen
nav-sources = Quellen
nav-decisions = Entscheidungen
nav-sign-in = Anmelden
nav-sign-out = Abmelden
nav-language-label = Sprache
footer-about = Metadaten zu Microcredentials, gesammelt bei Partnereinrichtungen und beschrieben mit den Elementen des Anhangs I der Empfehlung des Rates zu Microcredentials (2022).
footer-api-before = Programme können die{" "}
footer-api-link = JSON-API
footer-api-after = {" "}nutzen.

## Die Fehlerseite. Meldungen ohne Großbuchstaben am Anfang und ohne Schlusspunkt: die
## Seite ergänzt beides.

error-heading-bad-request = Diese Anfrage ist nicht lesbar
error-heading-forbidden = Nicht erlaubt
error-heading-not-found = Nicht gefunden
error-heading-over-budget = Das hat zu lange gedauert
error-heading-disk-full = Im Moment kann nichts gespeichert werden
error-heading-internal = Etwas ist schiefgelaufen
error-internal = die Anerkennungsstelle konnte nicht antworten; der Fehler wurde protokolliert
error-not-found-page = unter { $path } gibt es keine Seite; suchen Sie Angebote von der Startseite aus
error-over-budget = { $what } hat länger gedauert als die { $budget_ms } ms, die diese Anerkennungsstelle einer Anfrage erlaubt, und wurde nicht abgeschlossen; versuchen Sie es später erneut oder fragen Sie nach weniger Kandidaten
error-disk-full = der Datenträger mit den Daten der Anerkennungsstelle ist fast voll ({ $available_mb } MB frei, { $reserve_mb } MB in Reserve): Abrufe und das Speichern von Entscheidungen ruhen, bis wieder Platz ist, und laufen dann von selbst weiter
error-store-cannot-write-full = der Speicher konnte am { $at } nicht auf den Datenträger schreiben ({ $error }): nichts kann gespeichert werden, bis auf dem Datenträger des Datenverzeichnisses wieder Platz ist; die Anerkennungsstelle startet dann von selbst neu und speichert wieder; alles bisher Gespeicherte ist sicher, und Lesen geht weiter
error-store-cannot-write = der Speicher konnte am { $at } nicht auf den Datenträger schreiben ({ $error }): nichts kann gespeichert werden, bis die Anerkennungsstelle nach Behebung der Ursache neu gestartet wird; alles bisher Gespeicherte ist sicher, und Lesen geht weiter
error-back-to-search = Zurück zur Suche
work-case-file = die Fallakte
work-equivalence-lookup = die Suche nach Entsprechungen
work-comparison = der Vergleich
work-request = die Anfrage

## Daten und Zahlen.

date-long = { $day }. { $month } { $year }
date-time = { $date }, { $time } UTC
month-1 = Januar
month-2 = Februar
month-3 = März
month-4 = April
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = August
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Dezember
number-decimal-separator = ,
number-group-separator = .
number-group-min-digits = 4

## Was das Skript der Seiten sagt (app.js liest es aus der Seite).

script-suggestions-label = Passende Qualifikationen
script-no-match = Keine Qualifikation passt.
script-matches-one = { $count } Qualifikation passt; mit Pfeil nach unten durchgehen, mit Eingabe übernehmen.
script-matches-other = { $count } Qualifikationen passen; mit Pfeil nach unten durchgehen, mit Eingabe eine übernehmen.
script-chosen = Gewählt: { $title }.
