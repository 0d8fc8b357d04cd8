# Le pagine dei responsabili del riconoscimento: accesso, ricerca della credenziale
# presentata, decisioni, il loro modulo, la loro storia e il loro ritiro.

field-error-prefix = Errore:
error-summary-heading = C'è un problema
error-summary-nothing-recorded = Non è stato ancora registrato nulla; tutte le tue risposte restano nel modulo.
not-stated-lower = non indicato
error-search-too-long = la ricerca supera { $bytes } byte
error-no-such-institution = non esiste l'istituzione «{ $institution }»: nessuna è configurata con questo identificativo e nessuna vi ha registrato una decisione

## Accesso.

sign-in-heading = Accedi
sign-in-signed-in-for = Accesso effettuato per { $name }
sign-in-sign-out-everywhere-help = Uscire chiude questa sessione. Se il tuo token è stato usato su un computer condiviso, o una sessione può essere stata copiata, esci da tutti i dispositivi: ogni sessione aperta con il token della tua istituzione termina, in ogni browser.
sign-in-sign-out-everywhere = Esci da tutti i dispositivi
sign-in-intro = I responsabili del riconoscimento accedono con il token della loro istituzione per registrare le decisioni di riconoscimento. Il token viene verificato e non conservato; la sessione termina dopo otto ore o quando esci.
sign-in-token = Token dell'istituzione
sign-in-button = Accedi
sign-in-demo-heading = Stai provando la demo?
sign-in-demo-before = Questa è la rete dimostrativa inclusa. Accedi come responsabile del riconoscimento della Technische Universität Demo con il token dimostrativo{" "}
sign-in-demo-after = , poi apri una credenziale di un'altra università e registra ciò che la tua istituzione ha deciso.
sign-in-demo-button = Accedi come responsabile dimostrativo
sign-in-form-expired = Il modulo è scaduto o non è stato inviato da questo sito. Inserisci di nuovo il token.
sign-in-token-not-valid = Questo token non è valido. Controllalo e riprova.
sign-in-api-token = Questo è il token API di un'istituzione, per i programmi. Accedi con il tuo token personale di responsabile: chiedine uno all'amministratore del centro.

## Trovare la credenziale presentata da uno studente.

recognise-heading = Riconoscere una credenziale
recognise-title-with-query = Riconoscere una credenziale: { $query }
recognise-intro = Uno studente presenta una microcredenziale di un'altra istituzione. Trovala qui, guarda quali credenziali della tua istituzione le sono più vicine, confronta la migliore fianco a fianco e registra la tua decisione sul confronto.
recognise-intro-named = Uno studente presenta una microcredenziale di un'altra istituzione. Trovala qui, guarda quali credenziali di { $institution } le sono più vicine, confronta la migliore fianco a fianco e registra la tua decisione sul confronto.
recognise-form-label = La credenziale presentata
recognise-which = Quale credenziale presenta lo studente?
recognise-hint = Il titolo, il codice o l'istituzione, in qualsiasi lingua.
recognise-find = Trova
recognise-upload-link = Lo studente ha portato un file?
recognise-upload-help = Caricalo o incollalo (una European Digital Credential, un Open Badge o JSON): viene cercato allo stesso modo e non viene salvato.
recognise-none-matches = Nessuna credenziale corrisponde a «{ $query }»
recognise-matching = Credenziali che corrispondono a «{ $query }»
recognise-try-fewer = Prova con meno parole o con il nome dell'istituzione. Una credenziale non raccolta qui può essere{" "}
recognise-try-upload-link = caricata dal file dello studente
recognise-try-upload-after = .
recognise-find-equivalents = : trova le equivalenze
recognise-the-credential = la credenziale
recognise-credits-level-not-stated = Crediti e livello non indicati

## Le decisioni negli elenchi.

outcome-equivalent = Riconosciuta come equivalente
outcome-credits = Riconosciuta per { $ects } ECTS
outcome-refused = Non riconosciuta
decision-withdrawn-badge = Ritirata
decision-private-badge = Privata
decision-as-equivalent-to = come equivalente a
decision-institutions-credential = la credenziale dell'istituzione
decision-not-harvested-badge = Non raccolta
decision-not-harvested = Non raccolta: un file caricato, letto come { $format }; emittente dichiarato, non verificato: { $issuer }
decision-decided-by = Decisa da
decision-decided-on = il { $date }
decision-valid-until = , valida fino al { $date }
decision-every-of-about = tutte le decisioni di { $institution } sulle credenziali di { $sender }
decision-conditions = Condizioni:
decision-rationale = Motivazione:
decision-may-no-longer-hold = Potrebbe non essere più valida:
decision-details = Dettagli e storia
decision-revise-link = Rivedi questa decisione
decision-withdraw-link = Ritira questa decisione
decision-pages-label = Pagine delle decisioni
decision-pages-newer = Decisioni più recenti
decision-pages-older = Decisioni meno recenti
history-caption = Ogni revisione di questa decisione, dalla più vecchia
history-revision = Revisione
history-recorded = Registrata
history-by = Da
history-what = Cosa è successo

## Le decisioni di un'istituzione.

decisions-heading = Decisioni di riconoscimento di { $institution }
decisions-by-sender = Per istituzione le cui credenziali sono state oggetto di decisione
decisions-credentials-of = Credenziali di { $sender }
decisions-count = { $count ->
    [one] { $shown } decisione
   *[other] { $shown } decisioni
}
decisions-every = Tutte le decisioni
decisions-showing = Decisioni { $range }, dalla più recente.
decisions-range = { $from }–{ $to } di { $total }
decisions-none-yet = Questa istituzione non ha ancora registrato decisioni.
decisions-how-to-record = Per registrare una decisione, apri la credenziale da riconoscere e usa il modulo sotto «Decisioni di riconoscimento». I programmi leggono queste decisioni tramite{" "}
decisions-api-link = l'API JSON
decisions-api-after = .

## Il modulo che registra o rivede una decisione.

form-heading-record = Registra una decisione di { $institution }
form-submit-record = Registra la decisione
form-decision = Decisione
form-outcome-equivalent = Equivalente a una delle nostre credenziali
form-outcome-credits = Riconosciuta per crediti
form-outcome-refused = Non riconosciuta
form-target-legend = La nostra credenziale equivalente (per un'equivalenza)
form-target-hint-search = Cerca le nostre credenziali per titolo o codice.
form-target-hint-choices = Le nostre credenziali più simili vengono prima; qualsiasi altra delle nostre si trova per titolo o codice.
form-target-search = Cerca tra le nostre credenziali
form-target-another = Un'altra delle nostre credenziali
form-find = Trova
form-find-hint = Parole del titolo, o il codice; «Trova» elenca sopra ciò che corrisponde, mantenendo tutte le risposte del modulo.
form-target-id = La nostra credenziale equivalente (identificativo, per un'equivalenza)
form-target-id-hint = Per esempio demo-lyon.0123456789abcdef0123; si trova sulla pagina della credenziale. La tua istituzione non pubblica qui credenziali tra cui scegliere.
form-ects = Crediti ECTS concessi (per i crediti)
form-rationale = Motivazione
form-conditions = Condizioni (facoltativo)
form-decided-on = Data della decisione
form-valid-until = Valida fino al (facoltativo)
form-private = Privata: non pubblicare verso altri centri
form-search-type-words = Scrivi parole del titolo, o un codice, per cercare tra le nostre credenziali.
form-search-found = { $count ->
    [0] Nessuna delle nostre credenziali corrisponde a «{ $words }». Prova altre parole o un codice.
    [one] Una delle nostre credenziali corrisponde a «{ $words }»: è la prima qui sotto.
   *[other] { $shown } delle nostre credenziali corrispondono a «{ $words }»: sono le prime qui sotto.
}
form-error-date = { $label } deve essere una data, come 2026-11-20, non «{ $value }»
form-error-decision-date = La data della decisione
form-error-valid-until = La data di fine validità
form-error-target = Scegli la credenziale della tua istituzione a cui è equivalente
form-error-ects-missing = Indica quanti crediti ECTS sono concessi
form-error-ects = I crediti ECTS devono essere un numero maggiore di 0 e al massimo { $max }, non «{ $value }»
form-error-outcome = Scegli cosa è stato deciso: equivalenza, crediti o mancato riconoscimento
form-error-valid-before = La fine della validità ({ $valid_until }) non può precedere la data della decisione ({ $decided_on })
form-error-rationale = Spiega perché: la motivazione è ciò che leggono lo studente e il prossimo responsabile
form-error-decided-on = Indica quando è stata presa la decisione

## Ritirare una decisione.

withdraw-heading = Ritirare questa decisione?
withdraw-intro = Una decisione ritirata non conta più come precedente per nessuno. Non viene cancellata: resta nella storia della decisione con la tua motivazione, e chi l'ha raccolta viene a sapere che è stata ritirata.
withdraw-why = Perché viene ritirata?
withdraw-hint = Per esempio: il corso è cambiato e non copre più gli stessi risultati. Lo studente e gli altri responsabili lo leggono.
withdraw-button = Ritira la decisione
withdraw-cancel = No, mantienila
