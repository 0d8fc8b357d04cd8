# La pagina delle fonti: ogni flusso, la sua ultima raccolta e la completezza dei suoi record.

sources-heading = Fonti e qualità dei flussi
sources-intro = Ogni feed che il centro raccoglie: com'è andata l'ultima raccolta, quanti record contiene e quanto sono completi. Apri una fonte per le sue raccolte, il rapporto di qualità e, per gli editori, la verifica di un file o di un endpoint prima della pubblicazione.
sources-across-languages = Tra le lingue
source-country = Paese
source-protocol = Protocollo
source-format = Formato
source-feed = Flusso
source-schedule = Programmazione
source-next-harvest = , prossima il { $next }
source-on-request = solo su richiesta
source-website = Sito web
source-running-since = È in corso una raccolta dal { $since }.
source-last-harvest = Ultima raccolta
source-run-started = iniziata il { $started }
source-run-took = , durata { $seconds } s
source-more-errors = e altri { $shown }
source-not-harvested = Non ancora raccolta.
source-feed-quality = Qualità del flusso
source-no-records = Nessun record ancora salvato.
source-records = { $count ->
    [one] { $shown } record
   *[other] { $shown } record
}
source-records-unreadable = , { $shown } illeggibili
source-average = ; in media è indicato il { $average } degli elementi obbligatori.
source-report-caption = Elementi dell'allegato I nei record di { $institution }
source-worst = Record meno completi
source-worst-none = Ogni record indica tutti gli elementi obbligatori.
source-worst-complete = completo al { $percent }
source-worst-lacks = ; mancano: { $lacking }
report-element = Elemento
report-stated = Indicato
report-missing = Mancante
report-unreadable = Illeggibile
report-optional = (facoltativo)
percent = { $value }%
run-running = in corso
run-succeeded = riuscita
run-partial = riuscita in parte
run-failed = non riuscita
run-seen = Visti
run-added = Aggiunti
run-updated = Aggiornati
run-unchanged = Invariati
run-deleted = Eliminati
run-failed-count = Non riusciti

## Come i record sono collegati tra le lingue.

bridge-on = Modello multilingue attivo: { $count } record si possono trovare per significato da qualsiasi lingua ({ $languages }).
bridge-no-language-yet = ancora nessuna
bridge-backlog = { $count ->
    [one] { $shown } modifica è ancora da leggere; i record raccolti da allora si trovano solo per parole fino ad allora.
   *[other] { $shown } modifiche sono ancora da leggere; i record raccolti da allora si trovano solo per parole fino ad allora.
}
bridge-off = Modello multilingue disattivato: i record si trovano solo nella lingua in cui sono scritti ({ $why }).
bridge-not-configured = non configurato
dictionaries-being-read = Dizionari bilingui: in lettura.
dictionaries-loaded = Dizionari bilingui verso l'inglese: { $languages }.
dictionaries-off = Dizionari bilingui disattivati.
dictionaries-off-because = Dizionari bilingui disattivati: { $why }.
