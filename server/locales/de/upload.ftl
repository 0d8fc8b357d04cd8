# Eine Qualifikationsdatei, die die Studentin mitgebracht hat, hochgeladen oder eingefügt.

upload-heading = Die Studentin hat eine Qualifikationsdatei mitgebracht
upload-title-found = Qualifikationen in der Datei
upload-cannot-read = Die Datei ist nicht lesbar
upload-back = Stattdessen eine abgerufene Qualifikation finden
upload-intro = Laden Sie die Qualifikation der Studentin hoch oder fügen Sie sie ein: Sie wird vom selben Code gelesen wie die Feeds der Einrichtungen und dann wie eine abgerufene Qualifikation nachgeschlagen und verglichen.
upload-intro-named = Laden Sie die Qualifikation der Studentin hoch oder fügen Sie sie ein: Sie wird vom selben Code gelesen wie die Feeds der Einrichtungen und dann wie eine abgerufene Qualifikation nachgeschlagen und verglichen, mit ihren Entsprechungen bei { $institution }.
upload-notice-before = Die Datei wird{" "}
upload-notice-strong = weder veröffentlicht noch gespeichert
upload-notice-after = . Ihr Inhalt wird { $hours } Stunden ohne Nutzung in der Sitzung dieses Browsers gehalten und dann vergessen. Nur eine dazu erfasste Entscheidung bleibt erhalten, mit dem Fingerabdruck der Datei (SHA-256) und dem behaupteten Aussteller, als „nicht abgerufen“ gekennzeichnet. Niemand prüft, ob der genannte Aussteller sie ausgestellt hat.
upload-found = { $count ->
    [one] Die Datei enthält { $shown } Qualifikation: Welche legt die Studentin vor?
   *[other] Die Datei enthält { $shown } Qualifikationen: Welche legt die Studentin vor?
}
upload-issuer-claimed = { $issuer } (behauptet)
upload-issuer-not-stated = Aussteller nicht angegeben
upload-file = Qualifikationsdatei
upload-file-hint = Ein European Digital Credential (ELM JSON-LD oder LOQ XML), ein Open Badge 2.0 oder 3.0 (JSON oder als JWS signiert), ein CTDL- oder ELMO-Datensatz oder das eigene JSON der Anerkennungsstelle; höchstens { $size }.
upload-pasted = Oder fügen Sie ihren Text ein
upload-pasted-hint = Das JSON, JSON-LD, JWS oder XML der Qualifikation, so wie es ist.
upload-format-hint = Überlassen Sie es dem Inhalt, außer die Datei lässt sich auf mehr als eine Weise lesen.
upload-format-auto = Am Inhalt erkennen
upload-read = Qualifikation lesen
upload-held = In diesem Browser hochgeladene Qualifikationen
upload-forget = Jetzt vergessen
upload-forgotten = Ihre hochgeladenen Qualifikationen sind vergessen.
upload-pasted-text = eingefügter Text
upload-error-form-expired = Das Formular ist abgelaufen oder wurde nicht von dieser Website gesendet: Wählen Sie die Datei erneut und senden Sie sie
upload-error-file-too-large = Die Datei ist größer als { $size }, das Höchstmaß hier: Eine Qualifikationsdatei ist meist viel kleiner; fragen Sie nach der Qualifikation ohne eingebettete Bilder oder Anhänge
upload-error-text-too-large = Der eingefügte Text ist größer als { $size }, das Höchstmaß hier: Eine Qualifikationsdatei ist meist viel kleiner; fragen Sie nach der Qualifikation ohne eingebettete Bilder oder Anhänge
upload-error-both = Wählen Sie eine Datei oder fügen Sie ihren Text ein, nicht beides: Leeren Sie das Textfeld oder wählen Sie keine Datei
upload-error-none = Wählen Sie die Qualifikationsdatei oder fügen Sie ihren Text ein
upload-error-choose-format = Wählen Sie unten das Format und erneut die Datei.
size-mb = { $size } MB
size-kb = { $size } KB
