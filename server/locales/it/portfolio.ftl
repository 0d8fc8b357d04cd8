# Il portfolio di chi apprende: «Le mie credenziali saranno riconosciute?» (/portfolio).
nav-portfolio = Il mio portfolio
credential-portfolio-add = Aggiungi al mio portfolio
credential-portfolio-remove = Rimuovi dal mio portfolio
credential-portfolio-open = Apri il mio portfolio
portfolio-title = Le mie credenziali saranno riconosciute?
portfolio-heading = Le mie credenziali saranno riconosciute?
portfolio-intro = Raccogli le micro-credenziali che possiedi, scegli un'università e vedi per ciascuna se vi sarebbe riconosciuta: in base a quanto quell'università ha già deciso, altrimenti confrontandola con i suoi corsi. Il portfolio resta in questo browser; sul server non viene salvato nulla.
portfolio-only-the-institution-decides = Sono indicazioni, non decisioni: solo l'istituzione decide per che cosa valgono le tue credenziali. Chiedi al suo ufficio riconoscimenti prima di farvi affidamento.
portfolio-full = Il tuo portfolio contiene { $count } credenziali, il massimo: rimuovine una per aggiungerne un'altra.
portfolio-items = { $count ->
    [one] { $shown } credenziale nel tuo portfolio
   *[other] { $shown } credenziali nel tuo portfolio
}
portfolio-empty = Il tuo portfolio è vuoto. Trova le tue credenziali nel catalogo e scegli «Aggiungi al mio portfolio» nella loro pagina, oppure carica un file di credenziale che hai ricevuto.
portfolio-find = Trova credenziali
portfolio-upload = Carica un file di credenziale
portfolio-institution = Dove dovrebbero essere riconosciute?
portfolio-institution-hint = L'università o l'istituzione in cui vuoi studiare.
portfolio-choose = Scegli un'istituzione
portfolio-check = Verifica le mie credenziali
portfolio-answer-heading = Presso { $institution }
portfolio-total-all = Crediti ECTS nel tuo portfolio
portfolio-total-match = Probabilmente riconosciuti (Corrisponde)
portfolio-total-maybe = Da verificare (Forse)
portfolio-ects = { $ects } ECTS
portfolio-without-ects = { $count ->
    [one] { $shown } credenziale non indica crediti ECTS e non è conteggiata in questi totali.
   *[other] { $shown } credenziali non indicano crediti ECTS e non sono conteggiate in questi totali.
}
portfolio-gone-title = Una credenziale non più pubblicata
portfolio-gone = Questa credenziale non è più pubblicata (o il file caricato non è più conservato): rimuovila dal tuo portfolio.
portfolio-counts-for-ects = Varrebbe { $ects } ECTS.
portfolio-counts-as = Riconosciuta come:
portfolio-closest = Corso più vicino:
portfolio-stacks-into = Conta per:
portfolio-remove = Rimuovi
portfolio-find-more = Aggiungi altre credenziali
portfolio-print = Stampa
portfolio-download = Scarica in JSON
portfolio-clear = Svuota il mio portfolio
portfolio-other-site = Il portfolio si può modificare solo dalle pagine di questo sito.
portfolio-basis-own = È una credenziale di { $institution } stessa.
portfolio-basis-equivalent = { $institution } ha deciso il { $date } che questa credenziale equivale a una delle sue.
portfolio-basis-credits = { $institution } ha deciso il { $date } di riconoscere questa credenziale in crediti.
portfolio-basis-refused = { $institution } ha deciso il { $date } di non riconoscere questa credenziale.
portfolio-basis-changed-since = La credenziale è cambiata da allora: la decisione può essere rivista.
portfolio-basis-lookup = { $institution } non ha deciso su questa credenziale. Confrontato con i suoi corsi, il più vicino è equivalente con una probabilità del { $percent } %.
portfolio-basis-nothing = { $institution } non ha deciso su questa credenziale e non pubblica corsi con cui confrontarla.
