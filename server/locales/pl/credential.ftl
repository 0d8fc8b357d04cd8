# Strona poświadczenia: elementy z załącznika I, oferty, pochodzenie i decyzje.

not-stated = Nie podano
decision-error-summary = Decyzja zawiera błąd
title-error = Błąd: { $title }
credential-awarding-body-not-stated = Nie podano podmiotu przyznającego
credential-unverified-publisher = Opublikowane przez { $publisher }, który nie jest zarejestrowany do publikowania w imieniu tego podmiotu przyznającego: podmiot przyznający to deklaracja rekordu, niezweryfikowana.
credential-withdrawn-by-publisher = To poświadczenie zostało wycofane przez wydawcę. Jego ostatnia treść jest zachowana poniżej.
credential-not-harvested-heading = Nie pobrane ze źródła — przesłany plik, deklarowany wystawca, niezweryfikowany.
credential-not-harvested = To poświadczenie odczytano z { $what } przesłanego w tej przeglądarce ({ $file }), a nie z kanału jego instytucji: nikt nie sprawdził, czy wskazany podmiot przyznający je wydał. Nie jest publikowane ani zapisywane; jest tu przechowywane przez { $hours } godz. bez użycia. Decyzja w jego sprawie jest zapisywana wraz z odciskiem pliku i deklarowanym wystawcą.
credential-find-equivalents = Znajdź odpowiedniki
credential-compare-with-another = Porównaj z innym poświadczeniem
credential-institution-website = Strona internetowa instytucji
credential-offer-page = Strona oferty w instytucji
credential-completeness = Kompletność
credential-completeness-stated = Podano { $present } z { $mandatory } obowiązkowych elementów z załącznika I
credential-completeness-meter = { $present } z { $mandatory }
credential-every-element-stated = Podano wszystkie obowiązkowe elementy.
credential-missing = Brakuje:
credential-description = Opis
credential-learning-outcomes = Efekty uczenia się
credential-annex-elements = Elementy z załącznika I
credential-outcomes-listed = wymienione: { $shown }
credential-outcomes-above = powyżej
credential-workload = Nakład pracy
credential-optional-element = (element nieobowiązkowy)
credential-supervision = Nadzór i weryfikacja tożsamości
credential-grading = Ocenianie
credential-languages = Języki nauczania
credential-fields = Dziedziny kształcenia (ISCED-F)
credential-keywords = Słowa kluczowe
credential-offers = Oferty
credential-no-offer = Nie opublikowano żadnej oferty z terminem.
credential-decisions = Decyzje o uznaniu
credential-no-decision-in-force = Żadna decyzja dotycząca tego poświadczenia nie obowiązuje.
credential-no-decision-yet = Żadna instytucja nie zapisała jeszcze decyzji dotyczącej tego poświadczenia.
credential-withdrawn-decisions = { $count ->
    [one] { $shown } wycofana decyzja
    [few] { $shown } wycofane decyzje
   *[other] { $shown } wycofanych decyzji
}
credential-sign-in-link = Zaloguj się
credential-sign-in-to-decide = {" "}tokenem swojej instytucji, aby zapisać decyzję.
notice-decision-recorded = Twoja decyzja została zapisana.
notice-decision-withdrawn = Decyzja została wycofana.
notice-file-read = Plik został odczytany. Sprawdź poniżej, co zawiera, a następnie znajdź jego odpowiedniki.
error-not-a-source = „{ $institution }” nie jest źródłem tego centrum
equivalents-title = Odpowiedniki: { $title }

## Elementy załącznika I do zalecenia Rady w sprawie mikropoświadczeń.

annex-title = Tytuł
annex-awarding_body = Podmiot przyznający
annex-country = Kraj podmiotu przyznającego
annex-learning_outcomes = Efekty uczenia się
annex-workload = Nakład pracy (ECTS)
annex-eqf_level = Poziom ERK
annex-assessment = Rodzaj oceny
annex-participation = Forma udziału
annex-quality_assurance = Zapewnianie jakości
annex-prerequisites = Wymagania wstępne
annex-stackability = Integracja i możliwość łączenia

## Oferta poświadczenia.

offer-starts = Początek
offer-ends = Koniec
offer-apply-by = Zgłoszenia do
offer-language = Język
offer-venue = Miejsce
offer-participation = Forma udziału
offer-cost = Koszt
offer-page = Strona tej oferty

## Skąd pochodzi rekord.

provenance-heading = Pochodzenie
provenance-source = Źródło
provenance-uploaded-file = Przesłany plik, nie pobrany ze źródła
provenance-file = Plik
provenance-one-of = { $count ->
    [one] jedyne poświadczenie w pliku
   *[other] jedno z { $shown } poświadczeń w pliku
}
provenance-read-as = Odczytano jako
provenance-identifier-in-file = Identyfikator w pliku
provenance-fingerprint = Odcisk (SHA-256)
provenance-uploaded = Przesłano
provenance-your-uploads = Twoje przesłane poświadczenia
provenance-upstream-identifier = Identyfikator w źródle
provenance-harvested = Pobrano
provenance-last-harvest = Ostatnie pobranie ze źródła
provenance-datestamp = Znacznik daty wydawcy
provenance-version = Wersja
provenance-version-first-seen = { $version } (po raz pierwszy { $first_seen })
provenance-came-through = Przekazane przez
provenance-as-json = Ten rekord jako JSON

# The learner's view: the credential at a glance, what it counts for; the officer's detail folded.
glance-heading = W skrócie
glance-what = Co
glance-when = Najbliższe terminy
glance-how = Jak i gdzie
glance-cost = Cena
glance-languages = Język nauczania
glance-enrol = Jak się zapisać
glance-apply-by = Zgłoszenia do { $date }.
glance-enrol-link = Zapisz się na stronie oferty
glance-counts-for = Za co jest uznawane
glance-counts-for-none = Żadna uczelnia nie zapisała tu jeszcze decyzji w tej sprawie.
glance-counts-for-details = Decyzje w całości
glance-only-the-institution-decides = Tylko uczelnia, której je przedstawisz, decyduje, za co zostanie tam uznane; to są wcześniejsze decyzje jej lub innych uczelni.
credential-officer-detail = Dla osób uznających: kompletność i elementy z załącznika I
completeness-explained = Kompletność to udział obowiązkowych elementów z załącznika I do zalecenia Rady, które podaje rekord wydawcy; to, co centrum przyjmuje z konfiguracji źródła, się nie liczy.
credential-missing-assumed = { $element } (przyjęte z konfiguracji źródła, niepodane w rekordzie)
