# Un file di credenziale portato dallo studente, caricato o incollato.

upload-heading = Lo studente ha portato un file di credenziale
upload-title-found = Credenziali nel file
upload-cannot-read = Il file non è leggibile
upload-back = Trova invece una credenziale raccolta
upload-intro = Carica o incolla la credenziale dello studente: viene letta dallo stesso codice dei flussi delle istituzioni, poi cercata e confrontata come una credenziale raccolta.
upload-intro-named = Carica o incolla la credenziale dello studente: viene letta dallo stesso codice dei flussi delle istituzioni, poi cercata e confrontata come una credenziale raccolta, con le sue equivalenze presso { $institution }.
upload-notice-before = Il file{" "}
upload-notice-strong = non viene pubblicato né salvato
upload-notice-after = . Il suo contenuto resta nella sessione di questo browser per { $hours } ore di inattività, poi viene dimenticato. Si conserva solo una decisione registrata su di esso, con l'impronta del file (SHA-256) e l'emittente dichiarato, contrassegnata come «non raccolta». Nessuno verifica che l'emittente indicato l'abbia rilasciata.
upload-found = { $count ->
    [one] Il file contiene { $shown } credenziale: quale possiede lo studente?
   *[other] Il file contiene { $shown } credenziali: quale possiede lo studente?
}
upload-issuer-claimed = { $issuer } (dichiarato)
upload-issuer-not-stated = Emittente non indicato
upload-file = File della credenziale
upload-file-hint = Una European Digital Credential (ELM JSON-LD o LOQ XML), un Open Badge 2.0 o 3.0 (JSON, o firmato come JWS), un record CTDL o ELMO, o il JSON proprio del centro; al massimo { $size }.
upload-pasted = Oppure incolla il suo testo
upload-pasted-hint = Il JSON, JSON-LD, JWS o XML della credenziale, così com'è.
upload-format-hint = Lascia decidere al contenuto, a meno che il file si possa leggere in più modi.
upload-format-auto = Riconoscerlo dal contenuto
upload-read = Leggi la credenziale
upload-held = Credenziali caricate in questo browser
upload-forget = Dimenticale ora
upload-forgotten = Le tue credenziali caricate sono state dimenticate.
upload-pasted-text = testo incollato
upload-error-form-expired = Il modulo è scaduto o non è stato inviato da questo sito: scegli di nuovo il file e invialo
upload-error-file-too-large = Il file supera { $size }, il massimo letto qui: un file di credenziale è di solito molto più piccolo; chiedi la credenziale senza immagini o allegati incorporati
upload-error-text-too-large = Il testo incollato supera { $size }, il massimo letto qui: un file di credenziale è di solito molto più piccolo; chiedi la credenziale senza immagini o allegati incorporati
upload-error-both = Scegli un file o incolla il suo testo, non entrambi: svuota la casella di testo o non scegliere alcun file
upload-error-none = Scegli il file della credenziale, o incolla il suo testo
upload-error-choose-format = Scegli il formato qui sotto, e di nuovo il file.
size-mb = { $size } MB
size-kb = { $size } KB
