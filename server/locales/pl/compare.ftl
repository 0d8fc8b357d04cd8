# Dwa poświadczenia porównane obok siebie oraz oceny porównań w każdym miejscu.

element-level = Poziom (ERK)
element-workload = Nakład pracy
element-quality = Zapewnianie jakości
element-profile = Profil (dziedzina kształcenia)
element-learning-outcomes = Efekty uczenia się
verdict-match = Zgodność
verdict-minor = Niewielka różnica
verdict-substantial = Istotna różnica
verdict-unknown = Nieporównywalne
label-match = Pasuje
label-maybe = Być może
label-miss = Nie pasuje
finding-no-difference = Nie stwierdzono istotnej różnicy w żadnym z { $total } elementów.
finding-no-difference-among-comparable = Nie stwierdzono istotnej różnicy w { $comparable } elementach, które można było porównać (nieznane: { $unknown } z { $total }).
finding-substantial = Istotna różnica: { $elements }.
finding-not-enough = Za mało informacji do porównania: nieznane { $unknown } z { $total } elementów.
relation-this-course = Uznane jako ten kurs
relation-another-course = Uznane tutaj jako inny kurs
relation-credits-only = Tutaj tylko punkty
relation-refused = Tutaj odmowa
relation-elsewhere = Decyzja innej instytucji
precedent-at-risk = zagrożona: poświadczenie od tego czasu się zmieniło
precedent-expired = wygasła
candidate-described-in = Opisane w języku: { $language }; porównane według znaczenia między językami (podobieństwo { $similarity }%)
candidate-by-meaning = Porównane według znaczenia między językami (podobieństwo { $similarity }%)
compare-heading = Porównaj dwa poświadczenia
compare-title = { $a } w porównaniu z { $b }
compare-workload-not-stated = Nie podano nakładu pracy
compare-eqf-level = Poziom ERK { $level }
compare-held = Posiadane poświadczenie (A)
compare-candidate = Kandydat (B)
compare-button = Porównaj
compare-hint = Tytuł, kod lub instytucja; następnie wybierasz spośród znalezionych poświadczeń.
compare-which = Które poświadczenie to { $letter }?
compare-nothing-matches = Nic nie pasuje do „{ $input }”
compare-matching = Poświadczenia pasujące do „{ $input }”
compare-justify = Uznanie wymagałoby uzasadnienia w odniesieniu do elementów oznaczonych poniżej.
compare-scores = Wynik ogólny { $score }, podobieństwo tekstu { $similarity }.
compare-ask-for = Poproś instytucję A o:
compare-b-lacks = B nie podaje: { $elements }.
compare-five-elements = Pięć elementów
compare-outcomes-aligned = Efekty uczenia się zestawione
compare-covers = B obejmuje { $percent } efektów uczenia się A.
compare-no-outcomes = A nie podaje efektów uczenia się do zestawienia.
compare-not-compared = Nie porównano
compare-no-matching-outcome = Brak pasującego efektu
compare-different-languages = Efekty w różnych językach: porównaj je samodzielnie
compare-covered = Objęte
compare-not-covered = Nieobjęte
compare-similarity = podobieństwo { $percent }
compare-b-unmatched = Efekty B bez odpowiednika w A
compare-precedents = Precedensy: decyzje dotyczące A
compare-no-precedent = Nie zapisano jeszcze żadnej decyzji dotyczącej A.
compare-none-in-force = Żadna decyzja dotycząca A nie obowiązuje; wycofane: { $shown } (ich historia jest na{" "}
compare-a-page = stronie A
compare-none-in-force-after = ).
compare-b-institution = (instytucja B)
compare-other-institution = (inna instytucja: ani za, ani przeciw B)
compare-decision-of = decyzja z { $date }
compare-not-counted = Nieliczona: { $why }
compare-every-decision = Wszystkie decyzje dotyczące A w całości
compare-your-decision = Twoja decyzja dotycząca A
compare-recorded-for = Zapisywana dla { $institution }, B wybrane jako odpowiednik; wybierz inny wynik, jeśli porównanie wskazuje co innego.

## Odpowiedniki poświadczenia.

equivalents-back = Wróć do poświadczenia
equivalents-heading-before = Odpowiedniki:{" "}
equivalents-any-institution = Dowolna inna instytucja
equivalents-narrow = Zawęź
equivalents-candidates = Kandydaci
equivalents-ask-for = Poproś instytucję tego poświadczenia o:
equivalents-ask-for-why = Nie podaje ich, więc nie można ich porównać z żadnym kandydatem.
equivalents-no-specific = Ta instytucja prawdopodobnie nie ma konkretnego odpowiednika:
equivalents-no-specific-reason = { $reason }. Kandydaci poniżej są mimo to wymienieni.
equivalents-no-specific-default = za takie poświadczenia instytucja najczęściej przyznaje tylko punkty
equivalents-none = Żadne poświadczenie nie jest na tyle bliskie, by być kandydatem (porównano: { $shown }). Nadal możesz porównać z wybranym przez siebie.
equivalents-none-filtered = Żadne poświadczenie wybranej instytucji lub kraju nie jest na tyle bliskie, by być kandydatem (porównano: { $shown }). Nadal możesz porównać z wybranym przez siebie.
equivalents-best-first = Najlepsze najpierw, spośród porównanych: { $shown }. Każde porównano tak, jak robi to praktyka uznawania: poziom, nakład pracy, zapewnianie jakości, profil i efekty uczenia się.
equivalents-order-learns = Kolejność uwzględnia też poświadczenia, o których ta instytucja już zdecydowała (liczba: { $shown }).
equivalents-suggestions = Pasuje, Być może i Nie pasuje to sugestie, nie decyzje.
equivalents-suggestions-why = Ważą tekst, pięć elementów i zapisane decyzje instytucji; decyduje osoba zajmująca się uznawaniem.
equivalents-also-listed = Występuje też jako
equivalents-suggestion = Sugestia:
equivalents-likelihood = prawdopodobieństwo { $percent }
equivalents-overall = wynik ogólny { $percent }
equivalents-candidate-lacks = Ten kandydat nie podaje: { $elements }.
equivalents-why-suggested = Dlaczego jest sugerowany:
equivalents-bearing-decisions = Decyzje dotyczące tego kandydata
equivalents-candidate-institution = (instytucja tego kandydata)
equivalents-shown-apart = (pokazane osobno: inna instytucja)
equivalents-near-identical = (dotyczy niemal identycznego poświadczenia)
equivalents-compare = Porównaj obok siebie
equivalents-compare-with = {" "}z { $title }
equivalents-compare-id = Porównaj z poświadczeniem (identyfikator)
equivalents-precedents = Precedensy
equivalents-no-precedent = Nie zapisano jeszcze żadnej decyzji dotyczącej tego poświadczenia.
precedent-equivalent = { $count ->
    [one] { $shown } decyzja uznała je za równoważne z tym
    [few] { $shown } decyzje uznały je za równoważne z tym
   *[other] { $shown } decyzji uznało je za równoważne z tym
}
precedent-near-identical-all = {" "}(wszystkie dotyczą niemal identycznego poświadczenia)
precedent-near-identical = {" "}({ $shown } dotyczy niemal identycznego poświadczenia)
precedent-other = { $count ->
    [one] { $shown } decyzja jego instytucji była inna (inny kurs, tylko punkty lub odmowa)
    [few] { $shown } decyzje jego instytucji były inne (inny kurs, tylko punkty lub odmowa)
   *[other] { $shown } decyzji jego instytucji było innych (inny kurs, tylko punkty lub odmowa)
}
