# Strona wyszukiwania i skrócony opis poświadczenia, gdziekolwiek jest wymienione.

search-heading = Znajdź mikropoświadczenia
search-title-with-query = { $summary } dla „{ $query }”
search-form-label = Oferty
search-box-label = Szukaj kursów i mikropoświadczeń
search-placeholder = np. analiza danych, Datenanalyse, cybersécurité
search-button = Szukaj
search-filters = Filtry
search-filters-active = Filtry (aktywne)
search-ects-legend = Punkty ECTS
search-range-from = Od
search-range-to = Do
search-eqf-legend = Poziom ERK
search-any = Dowolny
search-apply-filters = Zastosuj filtry
search-clear-filters = Wyczyść wszystkie filtry
search-more = { $shown } więcej
search-sort-by = Sortuj według
search-sort-button = Sortuj
search-no-match = Żadna oferta nie pasuje. Użyj mniejszej liczby słów albo odznacz niektóre filtry.
search-found = { $count ->
    [0] Nie znaleziono ofert
    [one] Znaleziono { $shown } ofertę
    [few] Znaleziono { $shown } oferty
   *[other] Znaleziono { $shown } ofert
}
search-result-pages = Strony wyników
page-previous = Poprzednia
page-previous-hidden = {" "}strona
page-next = Następna
page-next-hidden = {" "}strona
page-number-hidden = Strona{" "}
hit-kind = Rodzaj
hit-workload = Nakład pracy
hit-eqf-level = Poziom ERK
hit-participation = Forma udziału
hit-described-in = Opisane w języku: { $language } · znalezione według znaczenia, nie Twoich słów
hit-found-by-meaning = Znalezione według znaczenia, nie Twoich słów
facet-country = Kraj
facet-institution = Instytucja
facet-eqf-level = Poziom ERK
facet-workload = Nakład pracy
facet-participation = Forma udziału
facet-kind = Rodzaj oferty
facet-language = Język nauczania
facet-field = Dziedzina kształcenia
facet-assessment = Rodzaj oceny
facet-quality-assurance = Zapewnianie jakości
facet-learning-outcomes = Efekty uczenia się
sort-relevance = Trafność
sort-title = Tytuł (od A do Z)
sort-ects-fewest = ECTS (najmniej najpierw)
sort-ects-most = ECTS (najwięcej najpierw)
sort-eqf-lowest = Poziom ERK (najniższy najpierw)
sort-updated = Ostatnio zaktualizowane

## Skrócony opis poświadczenia.

untitled = Bez tytułu
credits-ects = { $value } ECTS
credits-other = { $value } pkt ({ $scheme })
credits-unspecified = { $value } pkt (system nieokreślony)
workload-hours = { $hours } godz.
workload-credits-and-hours = { $credits } ({ $hours })
eqf-level = Poziom { $level }
eqf-level-with-nqf = Poziom { $level } (rama krajowa: { $nqf })
error-no-such-credential-id = nie ma poświadczenia „{ $id }”; identyfikatory wyglądają jak demo-tu.0123456789abcdef0123
error-no-such-credential = nie ma poświadczenia „{ $id }”
error-upload-not-held = { $id } to poświadczenie przesłane przez kogoś, a nie pobrane ze źródła: jest przechowywane tylko w przeglądarce, która je przesłała, przez { $count } godz. bez użycia, i nigdy nie jest zapisywane; prześlij plik ponownie na stronie { $path } (zapisane w jego sprawie decyzje są zachowane wraz z odciskiem pliku)
another-language = inny język
unverified-claim = {" "}(deklaracja niezweryfikowana)

# Learners' filters, what a hit says of its next offer, and the offers a filter leaves out for not stating its element.
sort-start = Najbliższy początek
search-offers-legend = Terminy i cena
search-starts-after = Początek po
search-open-now = Nabór otwarty
search-duration-max = Czas trwania najwyżej (tygodnie)
search-cost-max = Cena najwyżej (EUR; 0: bezpłatnie)
hit-next-start = Najbliższy początek
hit-apply-by = Zgłoszenia do
hit-languages = Język nauczania
hit-price = Cena
element-start-date = Data rozpoczęcia
element-duration = Czas trwania
element-deadline = Termin zgłoszeń
search-unstated = Nie podano w { $count ->
    [one] 1 ofercie
   *[other] { $count } ofertach
    }: { $element }.
search-unstated-included = Pokazane także oferty bez tej informacji ({ $element }): { $count }.
search-unstated-show = Pokaż także te
search-unstated-hide = Ukryj je
