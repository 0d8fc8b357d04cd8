# L'impaginazione di ogni pagina, la pagina di errore e la scrittura di date e numeri.

language-own-name = Italiano
site-name = Centro per il riconoscimento
skip-to-content = Vai al contenuto
nav-main-label = Navigazione principale
nav-search = Ricerca
nav-recognise = Riconoscere
nav-compare = Confrontare
nav-sources = Fonti
nav-decisions = Decisioni
nav-sign-in = Accedi
nav-sign-out = Esci
nav-language-label = Lingua
footer-about = Metadati di microcredenziali raccolti presso istituzioni partner, descritti con gli elementi dell'allegato I della raccomandazione del Consiglio sulle microcredenziali (2022).
footer-api-before = I programmi possono usare l'
footer-api-link = API JSON
footer-api-after = .

## La pagina di errore. I messaggi si scrivono senza maiuscola iniziale né punto finale:
## la pagina aggiunge entrambi.

error-heading-bad-request = Questa richiesta non è leggibile
error-heading-forbidden = Non consentito
error-heading-not-found = Non trovato
error-heading-over-budget = Ci è voluto troppo tempo
error-heading-disk-full = Al momento non si può registrare nulla
error-heading-internal = Qualcosa è andato storto
error-internal = il centro non ha potuto rispondere; l'errore è stato registrato
error-not-found-page = non c'è nessuna pagina all'indirizzo { $path }; cerca le offerte dalla pagina iniziale
error-over-budget = { $what }: sono stati superati i { $budget_ms } ms che questo centro concede a una richiesta e l'operazione non è stata completata; riprova più tardi o chiedi meno candidati
error-disk-full = il disco con i dati del centro è quasi pieno ({ $available_mb } MB liberi, { $reserve_mb } MB di riserva): le raccolte e la registrazione delle decisioni sono sospese finché non si libera spazio, poi riprendono da sole
error-store-cannot-write-full = l'archivio non è riuscito a scrivere sul disco il { $at } ({ $error }): non si può registrare nulla finché non si libera spazio sul disco della cartella dei dati; il centro allora si riavvia da solo e torna a registrare; tutto ciò che è stato registrato prima è al sicuro e la consultazione continua
error-store-cannot-write = l'archivio non è riuscito a scrivere sul disco il { $at } ({ $error }): non si può registrare nulla finché il centro non viene riavviato dopo averne eliminato la causa; tutto ciò che è stato registrato prima è al sicuro e la consultazione continua
error-back-to-search = Torna alla ricerca
work-case-file = il fascicolo
work-equivalence-lookup = la ricerca di equivalenze
work-comparison = il confronto
work-request = la richiesta

## Date e numeri.

date-long = { $day } { $month } { $year }
date-time = { $date }, ore { $time } UTC
month-1 = gennaio
month-2 = febbraio
month-3 = marzo
month-4 = aprile
month-5 = maggio
month-6 = giugno
month-7 = luglio
month-8 = agosto
month-9 = settembre
month-10 = ottobre
month-11 = novembre
month-12 = dicembre
number-decimal-separator = ,
number-group-separator = .
number-group-min-digits = 4

## Ciò che dice lo script delle pagine (app.js lo legge dalla pagina).

script-suggestions-label = Credenziali corrispondenti
script-no-match = Nessuna credenziale corrisponde.
script-matches-one = { $count } credenziale corrisponde; freccia giù per scorrerla, Invio per sceglierla.
script-matches-other = { $count } credenziali corrispondono; freccia giù per scorrerle, Invio per sceglierne una.
script-chosen = Scelta: { $title }.
