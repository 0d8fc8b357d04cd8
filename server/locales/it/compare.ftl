# Due credenziali confrontate fianco a fianco, e i giudizi dei confronti ovunque.

element-level = Livello (EQF)
element-workload = Carico di lavoro
element-quality = Garanzia della qualità
element-profile = Profilo (campo di istruzione)
element-learning-outcomes = Risultati dell'apprendimento
verdict-match = Corrispondenza
verdict-minor = Differenza lieve
verdict-substantial = Differenza sostanziale
verdict-unknown = Non confrontabile
label-match = Corrisponde
label-maybe = Forse
label-miss = Non corrisponde
finding-no-difference = Nessuna differenza sostanziale tra i { $total } elementi.
finding-no-difference-among-comparable = Nessuna differenza sostanziale tra i { $comparable } elementi confrontabili ({ $unknown } su { $total } non noti).
finding-substantial = Differenza sostanziale: { $elements }.
finding-not-enough = Informazioni insufficienti per il confronto: { $unknown } elementi su { $total } non noti.
relation-this-course = Riconosciuto come questo corso
relation-another-course = Riconosciuto qui come un altro corso
relation-credits-only = Qui solo crediti
relation-refused = Rifiutato qui
relation-elsewhere = Deciso presso un'altra istituzione
precedent-at-risk = a rischio: la credenziale è cambiata da allora
precedent-expired = scaduta
candidate-described-in = Descritto in { $language }: confrontato per significato tra lingue (somiglianza { $similarity }%)
candidate-by-meaning = Confrontato per significato tra lingue (somiglianza { $similarity }%)
compare-heading = Confronta due credenziali
compare-title = { $a } confrontato con { $b }
compare-workload-not-stated = Carico di lavoro non indicato
compare-eqf-level = Livello EQF { $level }
compare-held = Credenziale posseduta (A)
compare-candidate = Candidata (B)
compare-button = Confronta
compare-hint = Un titolo, un codice o un'istituzione; poi scegli tra le credenziali trovate.
compare-which = Quale credenziale è { $letter }?
compare-nothing-matches = Nessun risultato per «{ $input }»
compare-matching = Credenziali che corrispondono a «{ $input }»
compare-justify = Un riconoscimento andrebbe motivato sugli elementi segnalati qui sotto.
compare-scores = Punteggio complessivo { $score }, somiglianza dei testi { $similarity }.
compare-ask-for = Chiedi all'istituzione di A:
compare-b-lacks = B non indica: { $elements }.
compare-five-elements = I cinque elementi
compare-outcomes-aligned = Risultati dell'apprendimento a confronto
compare-covers = B copre il { $percent } dei risultati dell'apprendimento di A.
compare-no-outcomes = A non indica risultati dell'apprendimento da confrontare.
compare-not-compared = Non confrontato
compare-no-matching-outcome = Nessun risultato corrispondente
compare-different-languages = Risultati in lingue diverse: confrontali tu
compare-covered = Coperto
compare-not-covered = Non coperto
compare-similarity = somiglianza { $percent }
compare-b-unmatched = Risultati di B senza corrispondenza in A
compare-precedents = Precedenti: decisioni su A
compare-no-precedent = Nessuna decisione su A è ancora registrata.
compare-none-in-force = Nessuna decisione su A è in vigore; ritirate: { $shown } (la loro storia è nella{" "}
compare-a-page = pagina di A
compare-none-in-force-after = ).
compare-b-institution = (istituzione di B)
compare-other-institution = (altra istituzione: né a favore né contro B)
compare-decision-of = decisione del { $date }
compare-not-counted = Non conteggiata: { $why }
compare-every-decision = Tutte le decisioni su A per intero
compare-your-decision = La tua decisione su A
compare-recorded-for = Registrata per { $institution }, con B scelta come equivalente; scegli un altro esito se questo confronto dice altro.

## Le equivalenze di una credenziale.

equivalents-back = Torna alla credenziale
equivalents-heading-before = Equivalenze di{" "}
equivalents-any-institution = Qualsiasi altra istituzione
equivalents-narrow = Restringi
equivalents-candidates = Candidate
equivalents-ask-for = Chiedi all'istituzione di questa credenziale:
equivalents-ask-for-why = Non li indica, quindi non si possono confrontare con nessuna candidata.
equivalents-no-specific = Questa istituzione probabilmente non ha un equivalente specifico:
equivalents-no-specific-reason = { $reason }. Le candidate qui sotto sono comunque elencate.
equivalents-no-specific-default = per credenziali come questa l'istituzione concede più spesso solo crediti
equivalents-none = Nessuna credenziale è abbastanza vicina da essere candidata ({ $shown } confrontate). Puoi comunque confrontarla con una a tua scelta.
equivalents-none-filtered = Nessuna credenziale dell'istituzione o del paese scelto è abbastanza vicina da essere candidata ({ $shown } confrontate). Puoi comunque confrontarla con una a tua scelta.
equivalents-best-first = Le migliori prima, su { $shown } confrontate. Ognuna è confrontata come fa la prassi del riconoscimento: livello, carico di lavoro, garanzia della qualità, profilo e risultati dell'apprendimento.
equivalents-order-learns = L'ordine tiene conto anche delle { $shown } credenziali su cui questa istituzione ha deciso.
equivalents-suggestions = Corrisponde, Forse e Non corrisponde sono suggerimenti, non decisioni.
equivalents-suggestions-why = Pesano il testo, i cinque elementi e le decisioni registrate dell'istituzione; decide un responsabile del riconoscimento.
equivalents-also-listed = Elencata anche come
equivalents-suggestion = Suggerimento:
equivalents-likelihood = probabilità { $percent }
equivalents-overall = punteggio complessivo { $percent }
equivalents-candidate-lacks = Questa candidata non indica: { $elements }.
equivalents-why-suggested = Perché è suggerita:
equivalents-bearing-decisions = Decisioni che riguardano questa candidata
equivalents-candidate-institution = (istituzione di questa candidata)
equivalents-shown-apart = (mostrata a parte: altra istituzione)
equivalents-near-identical = (su una credenziale quasi identica)
equivalents-compare = Confronta fianco a fianco
equivalents-compare-with = {" "}con { $title }
equivalents-compare-id = Confronta con la credenziale (identificativo)
equivalents-precedents = Precedenti
equivalents-no-precedent = Nessuna decisione su questa credenziale è ancora registrata.
precedent-equivalent = { $count ->
    [one] { $shown } decisione l'ha riconosciuta equivalente a questa
   *[other] { $shown } decisioni l'hanno riconosciuta equivalente a questa
}
precedent-near-identical-all = {" "}(tutte su una credenziale quasi identica)
precedent-near-identical = {" "}({ $shown } su una credenziale quasi identica)
precedent-other = { $count ->
    [one] { $shown } decisione della sua istituzione ha deciso diversamente (altro corso, solo crediti o rifiuto)
   *[other] { $shown } decisioni della sua istituzione hanno deciso diversamente (altro corso, solo crediti o rifiuto)
}
