# Die Quellenseite: jeder Feed, sein letzter Abruf und die Vollständigkeit seiner Datensätze.

sources-heading = Quellen und Feed-Qualität
sources-intro = Jeder Feed, den das Clearinghouse erntet: wie seine letzte Ernte verlief, wie viele Datensätze er hat und wie vollständig sie sind. Öffnen Sie eine Quelle für ihre Ernten, ihren Qualitätsbericht und, für Anbieter, die Prüfung einer Datei oder eines Endpunkts vor der Veröffentlichung.
sources-across-languages = Über Sprachen hinweg
source-country = Land
source-protocol = Protokoll
source-format = Format
source-feed = Feed
source-schedule = Zeitplan
source-next-harvest = , nächster Abruf { $next }
source-on-request = nur auf Anfrage
source-website = Website
source-running-since = Seit { $since } läuft ein Abruf.
source-last-harvest = Letzter Abruf
source-run-started = begonnen { $started }
source-run-took = , Dauer { $seconds } s
source-more-errors = und { $shown } weitere
source-not-harvested = Noch nicht abgerufen.
source-feed-quality = Feed-Qualität
source-no-records = Noch keine Datensätze gespeichert.
source-records = { $count ->
    [one] { $shown } Datensatz
   *[other] { $shown } Datensätze
}
source-records-unreadable = , { $shown } nicht lesbar
source-average = ; im Durchschnitt sind { $average } der Pflichtelemente angegeben.
source-report-caption = Elemente nach Anhang I in den Datensätzen von { $institution }
source-worst = Unvollständigste Datensätze
source-worst-none = Jeder Datensatz gibt alle Pflichtelemente an.
source-worst-complete = { $percent } vollständig
source-worst-lacks = ; es fehlt: { $lacking }
report-element = Element
report-stated = Angegeben
report-missing = Fehlend
report-unreadable = Nicht lesbar
report-optional = (optional)
percent = { $value }{"\u00A0"}%
run-running = läuft
run-succeeded = erfolgreich
run-partial = teilweise erfolgreich
run-failed = fehlgeschlagen
run-seen = Gesehen
run-added = Neu
run-updated = Aktualisiert
run-unchanged = Unverändert
run-deleted = Gelöscht
run-failed-count = Fehlgeschlagen

## Wie Datensätze über Sprachen hinweg verbunden werden.

bridge-on = Mehrsprachiges Modell an: { $count } Datensätze sind aus jeder Sprache nach Bedeutung auffindbar ({ $languages }).
bridge-no-language-yet = noch keine
bridge-backlog = { $count ->
    [one] { $shown } Änderung ist noch zu lesen; seither abgerufene Datensätze sind bis dahin nur über ihre Wörter auffindbar.
   *[other] { $shown } Änderungen sind noch zu lesen; seither abgerufene Datensätze sind bis dahin nur über ihre Wörter auffindbar.
}
bridge-off = Mehrsprachiges Modell aus: Datensätze sind nur in der Sprache auffindbar, in der sie geschrieben sind ({ $why }).
bridge-not-configured = nicht eingerichtet
dictionaries-being-read = Zweisprachige Wörterbücher: werden gelesen.
dictionaries-loaded = Zweisprachige Wörterbücher ins Englische: { $languages }.
dictionaries-off = Zweisprachige Wörterbücher aus.
dictionaries-off-because = Zweisprachige Wörterbücher aus: { $why }.
