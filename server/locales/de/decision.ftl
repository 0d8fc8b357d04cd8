# Eine Entscheidung: ihre Seite, ihr Verlauf, Überarbeiten und Zurückziehen.

decision-title = Anerkennungsentscheidung: { $title }
decision-heading-before = Anerkennungsentscheidung:{" "}
decision-error-summary-revision = Ihre Überarbeitung enthält einen Fehler
decision-withdrawn-strong = Zurückgezogen.
decision-reason-given = Angegebener Grund: { $reason }
decision-withdrawn-no-precedent = Sie gilt nicht mehr als Präzedenzfall; ihr Verlauf bleibt unten erhalten.
decision-changed-since = Die Qualifikation hat sich seit dieser Entscheidung geändert:
decision-check-again = Prüfen Sie erneut: Gilt die Entscheidung noch?
decision-still-holds = Sie gilt weiterhin
decision-revise-it = Überarbeiten
decision-compare-both = Die beiden Qualifikationen nebeneinander vergleichen
decision-as-json = Diese Entscheidung als JSON
decision-case-file = Fallakte für die Studierendenakte
decision-case-file-help = beide Qualifikationen, der Vergleich, Präzedenzfälle und Verlauf auf einem A4-Dokument: drucken oder als PDF speichern
decision-history = Verlauf
decision-change = Diese Entscheidung ändern
decision-revision-kept = Eine Überarbeitung wird neben den früheren erfasst: Nichts wird gelöscht.
decision-or = Oder{" "}
decision-withdraw-lower = diese Entscheidung zurückziehen
decision-or-after = .
notice-revision-recorded = Die Überarbeitung ist erfasst.
form-submit-revision = Überarbeitung erfassen
withdraw-title = Die Entscheidung über { $title } zurückziehen?
withdraw-error-reason = Geben Sie an, warum die Entscheidung zurückgezogen wird: Die Studentin und andere Beauftragte lesen es
withdraw-error-too-long = Halten Sie den Grund unter { $max } Zeichen
error-no-such-decision = es gibt keine Anerkennungsentscheidung „{ $id }“
history-the-harvest = der Abruf
history-recorded-first = Erfasst
history-withdrawn-because = Zurückgezogen: { $reason }
history-withdrawn = Zurückgezogen
history-flagged = Markiert: Die Qualifikation hat sich seit der Entscheidung geändert ({ $changes })
history-confirmed = Bestätigt: Sie gilt weiterhin für die Qualifikation in ihrer jetzigen Form
history-revised-nothing = Überarbeitet, nichts geändert
history-revised = Überarbeitet: { $changes }
change-decision = die Entscheidung
change-rationale = die Begründung
change-conditions = die Auflagen
change-decision-date = das Entscheidungsdatum
change-validity = die Gültigkeit
change-made-private = privat gemacht
change-made-public = öffentlich gemacht

## Was eine Einrichtung über die Qualifikationen einer anderen entschieden hat.

agreement-heading = Entscheidungen von { $to } über Qualifikationen von { $from }
agreement-intro-before = Jede Anerkennungsentscheidung, die{" "}
agreement-intro-after = {" "}zu einer von { $from } veröffentlichten Qualifikation erfasst hat. Jede Entscheidung betrifft eine Qualifikation und wird nach ihren eigenen Gegebenheiten getroffen: Sie ist ein Präzedenzfall, kein Versprechen für die nächste.
agreement-show = Anzeigen
agreement-any-decision = Jede Entscheidung
agreement-still-holds = Gilt sie noch?
agreement-either = Beides
agreement-at-risk-only = Nur die, die womöglich nicht mehr gelten
agreement-unchanged-only = Nur die, deren Qualifikation unverändert ist
agreement-decided-from = Entschieden ab
agreement-decided-until = Entschieden bis
agreement-show-button = Entscheidungen anzeigen
agreement-showing = { $showing }, neueste zuerst.
agreement-download = Diese Liste herunterladen als{" "}
agreement-download-or = {" "}oder{" "}
agreement-none = Keine Entscheidung passt.
agreement-range = { $count ->
    [one] { $from }–{ $to } von { $shown } Entscheidung
   *[other] { $from }–{ $to } von { $shown } Entscheidungen
}
