# Una decisione: la sua pagina, la sua storia, la revisione e il ritiro.

decision-title = Decisione di riconoscimento: { $title }
decision-heading-before = Decisione di riconoscimento:{" "}
decision-error-summary-revision = C'è un problema con la tua revisione
decision-withdrawn-strong = Ritirata.
decision-reason-given = Motivo indicato: { $reason }
decision-withdrawn-no-precedent = Non conta più come precedente; la sua storia è conservata qui sotto.
decision-changed-since = La credenziale è cambiata dopo questa decisione:
decision-check-again = Verificala di nuovo: la decisione è ancora valida?
decision-still-holds = È ancora valida
decision-revise-it = Rivedila
decision-compare-both = Confronta le due credenziali fianco a fianco
decision-as-json = Questa decisione in JSON
decision-case-file = Fascicolo per la pratica dello studente
decision-case-file-help = entrambe le credenziali, il confronto, i precedenti e la storia in un unico documento A4: stampalo o salvalo in PDF
decision-history = Storia
decision-change = Modifica questa decisione
decision-revision-kept = Una revisione è registrata accanto alle precedenti: nulla viene cancellato.
decision-or = Oppure{" "}
decision-withdraw-lower = ritira questa decisione
decision-or-after = .
notice-revision-recorded = La revisione è registrata.
form-submit-revision = Registra la revisione
withdraw-title = Ritirare la decisione su { $title }?
withdraw-error-reason = Spiega perché la decisione viene ritirata: lo studente e gli altri responsabili lo leggono
withdraw-error-too-long = Il motivo deve restare sotto i { $max } caratteri
error-no-such-decision = non esiste la decisione di riconoscimento «{ $id }»
history-the-harvest = la raccolta
history-recorded-first = Registrata
history-withdrawn-because = Ritirata: { $reason }
history-withdrawn = Ritirata
history-flagged = Segnalata: la credenziale è cambiata dopo la decisione ({ $changes })
history-confirmed = Confermata: è ancora valida per la credenziale com'è ora
history-revised-nothing = Rivista, nessuna modifica
history-revised = Rivista: { $changes }
change-decision = la decisione
change-rationale = la motivazione
change-conditions = le condizioni
change-decision-date = la data della decisione
change-validity = la validità
change-made-private = resa privata
change-made-public = resa pubblica

## Cosa un'istituzione ha deciso sulle credenziali di un'altra.

agreement-heading = Decisioni di { $to } sulle credenziali di { $from }
agreement-intro-before = Tutte le decisioni di riconoscimento che{" "}
agreement-intro-after = {" "}ha registrato su una credenziale pubblicata da { $from }. Ogni decisione riguarda una sola credenziale, valutata per sé: è un precedente, non una promessa per la prossima.
agreement-show = Mostra
agreement-any-decision = Qualsiasi decisione
agreement-still-holds = Ancora valida?
agreement-either = Indifferente
agreement-at-risk-only = Solo quelle che potrebbero non essere più valide
agreement-unchanged-only = Solo quelle la cui credenziale non è cambiata
agreement-decided-from = Decise dal
agreement-decided-until = Decise fino al
agreement-show-button = Mostra le decisioni
agreement-showing = { $showing }, dalla più recente.
agreement-download = Scarica questo elenco in{" "}
agreement-download-or = {" "}o in{" "}
agreement-none = Nessuna decisione corrisponde.
agreement-range = { $count ->
    [one] { $from }–{ $to } di { $shown } decisione
   *[other] { $from }–{ $to } di { $shown } decisioni
}
