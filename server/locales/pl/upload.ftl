# Plik z poświadczeniem przyniesiony przez studenta, przesłany lub wklejony.

upload-heading = Student przyniósł plik z poświadczeniem
upload-title-found = Poświadczenia w pliku
upload-cannot-read = Nie można odczytać pliku
upload-back = Zamiast tego znajdź pobrane poświadczenie
upload-intro = Prześlij lub wklej poświadczenie studenta: jest odczytywane tym samym kodem co kanały instytucji, a następnie wyszukiwane i porównywane jak pobrane poświadczenie.
upload-intro-named = Prześlij lub wklej poświadczenie studenta: jest odczytywane tym samym kodem co kanały instytucji, a następnie wyszukiwane i porównywane jak pobrane poświadczenie, z odpowiednikami w instytucji { $institution }.
upload-notice-before = Plik{" "}
upload-notice-strong = nie jest publikowany ani zapisywany
upload-notice-after = . Jego treść jest przechowywana w sesji tej przeglądarki przez { $hours } godz. bez użycia, a potem zapominana. Zachowywana jest tylko zapisana w jego sprawie decyzja, z odciskiem pliku (SHA-256) i deklarowanym wystawcą, oznaczona jako „nie pobrane ze źródła”. Nikt nie sprawdza, czy wskazany wystawca je wydał.
upload-found = { $count ->
    [one] Plik zawiera { $shown } poświadczenie: które z nich ma student?
    [few] Plik zawiera { $shown } poświadczenia: które z nich ma student?
   *[other] Plik zawiera { $shown } poświadczeń: które z nich ma student?
}
upload-issuer-claimed = { $issuer } (deklarowany)
upload-issuer-not-stated = Nie podano wystawcy
upload-file = Plik z poświadczeniem
upload-file-hint = European Digital Credential (ELM JSON-LD lub LOQ XML), Open Badge 2.0 lub 3.0 (JSON albo podpisany jako JWS), rekord CTDL lub ELMO albo własny JSON centrum; najwyżej { $size }.
upload-pasted = Albo wklej jego tekst
upload-pasted-hint = JSON, JSON-LD, JWS lub XML poświadczenia, bez zmian.
upload-format-hint = Pozostaw rozpoznanie treści, chyba że plik można odczytać na więcej niż jeden sposób.
upload-format-auto = Rozpoznaj po treści
upload-read = Odczytaj poświadczenie
upload-held = Poświadczenia przesłane w tej przeglądarce
upload-forget = Zapomnij je teraz
upload-forgotten = Twoje przesłane poświadczenia zostały zapomniane.
upload-pasted-text = wklejony tekst
upload-error-form-expired = Formularz wygasł albo nie został wysłany z tej witryny: wybierz plik ponownie i wyślij go
upload-error-file-too-large = Plik jest większy niż { $size }, maksimum odczytywane tutaj: plik z poświadczeniem jest zwykle znacznie mniejszy; poproś o poświadczenie bez osadzonych obrazów i załączników
upload-error-text-too-large = Wklejony tekst jest większy niż { $size }, maksimum odczytywane tutaj: plik z poświadczeniem jest zwykle znacznie mniejszy; poproś o poświadczenie bez osadzonych obrazów i załączników
upload-error-both = Wybierz plik albo wklej jego tekst, nie jedno i drugie: opróżnij pole tekstowe albo nie wybieraj pliku
upload-error-none = Wybierz plik z poświadczeniem albo wklej jego tekst
upload-error-choose-format = Wybierz poniżej format i ponownie plik.
size-mb = { $size } MB
size-kb = { $size } KB
