# La pagina di una credenziale: elementi dell'allegato I, offerte, provenienza e decisioni.

not-stated = Non indicato
decision-error-summary = C'è un problema con la tua decisione
title-error = Errore: { $title }
credential-awarding-body-not-stated = Ente di rilascio non indicato
credential-unverified-publisher = Pubblicato da { $publisher }, che non è registrato per pubblicare per questo ente di rilascio: l'ente di rilascio è quanto dichiara il record, non verificato.
credential-withdrawn-by-publisher = Questa credenziale è stata ritirata dal suo editore. Il suo ultimo contenuto è conservato qui sotto.
credential-not-harvested-heading = Non raccolta — file caricato, emittente dichiarato, non verificato.
credential-not-harvested = Questa credenziale è stata letta da { $what } caricato in questo browser ({ $file }), non dal flusso della sua istituzione: nessuno ha verificato che l'ente di rilascio indicato l'abbia rilasciata. Non è pubblicata né salvata; è conservata qui per { $hours } ore di inattività. Una decisione su di essa è registrata con l'impronta del file e l'emittente dichiarato.
credential-find-equivalents = Trova equivalenze
credential-compare-with-another = Confronta con un'altra credenziale
credential-institution-website = Sito web dell'istituzione
credential-offer-page = Pagina dell'offerta presso l'istituzione
credential-completeness = Completezza
credential-completeness-stated = { $present } su { $mandatory } elementi obbligatori dell'allegato I indicati
credential-completeness-meter = { $present } su { $mandatory }
credential-every-element-stated = Tutti gli elementi obbligatori sono indicati.
credential-missing = Mancano:
credential-description = Descrizione
credential-learning-outcomes = Risultati dell'apprendimento
credential-annex-elements = Elementi dell'allegato I
credential-outcomes-listed = { $shown } elencati
credential-outcomes-above = sopra
credential-workload = Carico di lavoro
credential-optional-element = (elemento facoltativo)
credential-supervision = Sorveglianza e verifica dell'identità
credential-grading = Valutazione
credential-languages = Lingue di insegnamento
credential-fields = Campi di istruzione (ISCED-F)
credential-keywords = Parole chiave
credential-offers = Offerte
credential-no-offer = Non è pubblicata alcuna offerta con date.
credential-decisions = Decisioni di riconoscimento
credential-no-decision-in-force = Nessuna decisione su questa credenziale è in vigore.
credential-no-decision-yet = Nessuna istituzione ha ancora registrato una decisione su questa credenziale.
credential-withdrawn-decisions = { $count ->
    [one] { $shown } decisione ritirata
   *[other] { $shown } decisioni ritirate
}
credential-sign-in-link = Accedi
credential-sign-in-to-decide = {" "}con il token della tua istituzione per registrare una decisione.
notice-decision-recorded = La tua decisione è registrata.
notice-decision-withdrawn = La decisione è ritirata.
notice-file-read = Il file è stato letto. Controlla qui sotto cosa dice, poi cerca le sue equivalenze.
error-not-a-source = «{ $institution }» non è una fonte di questo centro
equivalents-title = Equivalenze di { $title }

## Gli elementi dell'allegato I della raccomandazione del Consiglio sulle microcredenziali.

annex-title = Titolo
annex-awarding_body = Ente di rilascio
annex-country = Paese dell'ente di rilascio
annex-learning_outcomes = Risultati dell'apprendimento
annex-workload = Carico di lavoro (ECTS)
annex-eqf_level = Livello EQF
annex-assessment = Tipo di valutazione
annex-participation = Modalità di partecipazione
annex-quality_assurance = Garanzia della qualità
annex-prerequisites = Prerequisiti
annex-stackability = Integrazione e combinabilità

## Un'offerta della credenziale.

offer-starts = Inizio
offer-ends = Fine
offer-apply-by = Iscrizioni entro
offer-language = Lingua
offer-venue = Sede
offer-participation = Partecipazione
offer-cost = Costo
offer-page = Pagina di questa offerta

## Da dove viene un record.

provenance-heading = Provenienza
provenance-source = Fonte
provenance-uploaded-file = File caricato, non raccolto
provenance-file = File
provenance-one-of = { $count ->
    [one] l'unica credenziale che contiene
   *[other] una delle { $shown } credenziali che contiene
}
provenance-read-as = Letto come
provenance-identifier-in-file = Identificativo nel file
provenance-fingerprint = Impronta (SHA-256)
provenance-uploaded = Caricato
provenance-your-uploads = Le tue credenziali caricate
provenance-upstream-identifier = Identificativo alla fonte
provenance-harvested = Raccolto
provenance-last-harvest = Ultima raccolta della fonte
provenance-datestamp = Data dell'editore
provenance-version = Versione
provenance-version-first-seen = { $version } (vista per la prima volta il { $first_seen })
provenance-came-through = Pervenuto tramite
provenance-as-json = Questo record in JSON

# The learner's view: the credential at a glance, what it counts for; the officer's detail folded.
glance-heading = In breve
glance-what = Che cosa
glance-when = Prossime date
glance-how = Come e dove
glance-cost = Prezzo
glance-languages = Lingua d’insegnamento
glance-enrol = Come iscriversi
glance-apply-by = Iscrizioni entro il { $date }.
glance-enrol-link = Iscriviti sulla pagina dell’offerta
glance-counts-for = Per che cosa viene riconosciuto
glance-counts-for-none = Nessun ateneo ha ancora registrato qui una decisione in merito.
glance-counts-for-details = Le decisioni per intero
glance-only-the-institution-decides = Solo l’ateneo a cui lo presenti decide per che cosa vale lì; queste sono decisioni registrate prima da esso o da altri.
credential-officer-detail = Per chi si occupa di riconoscimento: completezza ed elementi dell’allegato I
completeness-explained = La completezza è la quota degli elementi obbligatori dell'allegato I della raccomandazione del Consiglio che il record dell'editore indica; ciò che il centro presume dalla configurazione della fonte non conta.
credential-missing-assumed = { $element } (presunto dalla configurazione della fonte, non indicato nel record)
