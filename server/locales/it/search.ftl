# La pagina di ricerca e una credenziale in breve, ovunque sia elencata.

search-heading = Trova microcredenziali
search-title-with-query = { $summary } per «{ $query }»
search-form-label = Offerte
search-box-label = Cerca corsi e microcredenziali
search-placeholder = ad es. analisi dei dati, Datenanalyse, cybersécurité
search-button = Cerca
search-filters = Filtri
search-filters-active = Filtri (attivi)
search-ects-legend = Crediti ECTS
search-range-from = Da
search-range-to = A
search-eqf-legend = Livello EQF
search-any = Qualsiasi
search-apply-filters = Applica i filtri
search-clear-filters = Rimuovi tutti i filtri
search-more = Altri { $shown }
search-sort-by = Ordina per
search-sort-button = Ordina
search-no-match = Nessuna offerta corrisponde. Prova con meno parole o togli alcuni filtri.
search-found = { $count ->
    [0] Nessuna offerta trovata
    [one] { $shown } offerta trovata
   *[other] { $shown } offerte trovate
}
search-result-pages = Pagine dei risultati
page-previous = Precedente
page-previous-hidden = {" "}pagina
page-next = Successiva
page-next-hidden = {" "}pagina
page-number-hidden = Pagina{" "}
hit-kind = Tipo
hit-workload = Carico di lavoro
hit-eqf-level = Livello EQF
hit-participation = Partecipazione
hit-described-in = Descritto in { $language } · trovato per significato, non per le tue parole
hit-found-by-meaning = Trovato per significato, non per le tue parole
facet-country = Paese
facet-institution = Istituzione
facet-eqf-level = Livello EQF
facet-workload = Carico di lavoro
facet-participation = Modalità di partecipazione
facet-kind = Tipo di offerta
facet-language = Lingua di insegnamento
facet-field = Campo di istruzione
facet-assessment = Tipo di valutazione
facet-quality-assurance = Garanzia della qualità
facet-learning-outcomes = Risultati dell'apprendimento
sort-relevance = Pertinenza
sort-title = Titolo (dalla A alla Z)
sort-ects-fewest = ECTS (prima i meno)
sort-ects-most = ECTS (prima i più)
sort-eqf-lowest = Livello EQF (prima il più basso)
sort-updated = Aggiornati di recente

## Una credenziale in breve.

untitled = Senza titolo
credits-ects = { $value } ECTS
credits-other = { $value } crediti ({ $scheme })
credits-unspecified = { $value } crediti (sistema non indicato)
workload-hours = { $hours } ore
workload-credits-and-hours = { $credits } ({ $hours })
eqf-level = Livello { $level }
eqf-level-with-nqf = Livello { $level } (quadro nazionale: { $nqf })
error-no-such-credential-id = non esiste la credenziale «{ $id }»; gli identificativi hanno la forma demo-tu.0123456789abcdef0123
error-no-such-credential = non esiste la credenziale «{ $id }»
error-upload-not-held = { $id } è una credenziale caricata da qualcuno, non raccolta da una fonte: è conservata solo nel browser che l'ha caricata, per { $count } ore di inattività, e mai salvata; carica di nuovo il file su { $path } (le decisioni registrate su di essa restano, con l'impronta del file)
another-language = un'altra lingua
unverified-claim = {" "}(dichiarazione non verificata)

# Learners' filters, what a hit says of its next offer, and the offers a filter leaves out for not stating its element.
sort-start = Inizio più vicino
search-offers-legend = Date e prezzo
search-starts-after = Inizio dopo il
search-open-now = Iscrizioni aperte
search-duration-max = Durata massima (settimane)
search-cost-max = Prezzo massimo (EUR; 0: gratuito)
hit-next-start = Prossimo inizio
hit-apply-by = Iscrizioni entro
hit-languages = Lingua d'insegnamento
hit-price = Prezzo
element-start-date = Data di inizio
element-duration = Durata
element-deadline = Scadenza delle iscrizioni
search-unstated = Non indicato da { $count ->
    [one] 1 offerta
   *[other] { $count } offerte
    }: { $element }.
search-unstated-included = Mostrate anche: { $count ->
    [one] 1 offerta
   *[other] { $count } offerte
    } senza indicazione ({ $element }).
search-unstated-show = Mostra anche queste
search-unstated-hide = Nascondile
