# Das Portfolio von Lernenden: „Werden meine Nachweise anerkannt?“ (/portfolio).
nav-portfolio = Mein Portfolio
credential-portfolio-add = Zu meinem Portfolio hinzufügen
credential-portfolio-remove = Aus meinem Portfolio entfernen
credential-portfolio-open = Mein Portfolio öffnen
portfolio-title = Werden meine Nachweise anerkannt?
portfolio-heading = Werden meine Nachweise anerkannt?
portfolio-intro = Sammeln Sie Ihre Micro-Credentials, wählen Sie eine Hochschule und sehen Sie für jedes, ob es dort angerechnet würde: nach dem, was diese Hochschule bereits entschieden hat, sonst nach einem Vergleich mit ihren eigenen Kursen. Ihr Portfolio bleibt in diesem Browser; auf dem Server wird nichts gespeichert.
portfolio-only-the-institution-decides = Dies sind Hinweise, keine Entscheidungen: Nur die Einrichtung entscheidet, wofür Ihre Nachweise angerechnet werden. Fragen Sie ihr Anerkennungsbüro, bevor Sie sich darauf verlassen.
portfolio-full = Ihr Portfolio enthält { $count } Nachweise, mehr passen nicht hinein: Entfernen Sie einen, um einen anderen hinzuzufügen.
portfolio-items = { $count ->
    [one] { $shown } Nachweis in Ihrem Portfolio
   *[other] { $shown } Nachweise in Ihrem Portfolio
}
portfolio-empty = Ihr Portfolio ist leer. Suchen Sie Ihre Nachweise im Katalog und wählen Sie auf ihrer Seite „Zu meinem Portfolio hinzufügen“, oder laden Sie eine Nachweisdatei hoch, die Sie erhalten haben.
portfolio-find = Nachweise suchen
portfolio-upload = Nachweisdatei hochladen
portfolio-institution = Wo sollen sie angerechnet werden?
portfolio-institution-hint = Die Hochschule oder Einrichtung, an der Sie studieren möchten.
portfolio-choose = Einrichtung wählen
portfolio-check = Meine Nachweise prüfen
portfolio-answer-heading = An der Einrichtung { $institution }
portfolio-total-all = ECTS-Punkte in Ihrem Portfolio
portfolio-total-match = Wahrscheinlich anerkannt (Treffer)
portfolio-total-maybe = Zu prüfen (Vielleicht)
portfolio-ects = { $ects } ECTS
portfolio-without-ects = { $count ->
    [one] { $shown } Nachweis gibt keine ECTS-Punkte an und ist in diesen Summen nicht enthalten.
   *[other] { $shown } Nachweise geben keine ECTS-Punkte an und sind in diesen Summen nicht enthalten.
}
portfolio-gone-title = Ein nicht mehr veröffentlichter Nachweis
portfolio-gone = Dieser Nachweis wird nicht mehr veröffentlicht (oder die hochgeladene Datei wird nicht mehr vorgehalten): Entfernen Sie ihn aus Ihrem Portfolio.
portfolio-counts-for-ects = Würde mit { $ects } ECTS angerechnet.
portfolio-counts-as = Anerkannt als:
portfolio-closest = Ähnlichster Kurs dort:
portfolio-stacks-into = Zählt für:
portfolio-remove = Entfernen
portfolio-find-more = Weitere Nachweise hinzufügen
portfolio-print = Drucken
portfolio-download = Als JSON herunterladen
portfolio-clear = Mein Portfolio leeren
portfolio-other-site = Ihr Portfolio kann nur über die Seiten dieser Website geändert werden.
portfolio-basis-own = Dies ist ein Nachweis der Einrichtung { $institution } selbst.
portfolio-basis-equivalent = { $institution } hat am { $date } entschieden, dass dieser Nachweis einem eigenen gleichwertig ist.
portfolio-basis-credits = { $institution } hat am { $date } entschieden, diesen Nachweis mit Leistungspunkten anzuerkennen.
portfolio-basis-refused = { $institution } hat am { $date } entschieden, diesen Nachweis nicht anzuerkennen.
portfolio-basis-changed-since = Der Nachweis hat sich seitdem geändert; die Entscheidung kann überprüft werden.
portfolio-basis-lookup = { $institution } hat über diesen Nachweis nicht entschieden. Im Vergleich mit ihren eigenen Kursen ist der ähnlichste mit { $percent } % Wahrscheinlichkeit gleichwertig.
portfolio-basis-nothing = { $institution } hat über diesen Nachweis nicht entschieden und veröffentlicht keinen Kurs, mit dem er verglichen werden könnte.
