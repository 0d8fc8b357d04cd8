# Portfolio osoby uczącej się: „Czy moje poświadczenia zostaną uznane?” (/portfolio).
nav-portfolio = Moje portfolio
credential-portfolio-add = Dodaj do mojego portfolio
credential-portfolio-remove = Usuń z mojego portfolio
credential-portfolio-open = Otwórz moje portfolio
portfolio-title = Czy moje poświadczenia zostaną uznane?
portfolio-heading = Czy moje poświadczenia zostaną uznane?
portfolio-intro = Zbierz posiadane mikropoświadczenia, wybierz uczelnię i sprawdź dla każdego z nich, czy zostałoby tam uznane: na podstawie wcześniejszych decyzji tej uczelni, a w ich braku — porównania z jej własnymi kursami. Portfolio pozostaje w tej przeglądarce; na serwerze nic nie jest zapisywane.
portfolio-only-the-institution-decides = To są wskazówki, a nie decyzje: tylko instytucja decyduje, za co zostaną uznane Twoje poświadczenia. Zanim na nich polegasz, zapytaj jej biuro uznawania.
portfolio-full = Twoje portfolio zawiera { $count } poświadczeń, więcej się nie zmieści: usuń jedno, aby dodać inne.
portfolio-items = { $count ->
    [one] { $shown } poświadczenie w Twoim portfolio
    [few] { $shown } poświadczenia w Twoim portfolio
   *[other] { $shown } poświadczeń w Twoim portfolio
}
portfolio-empty = Twoje portfolio jest puste. Znajdź swoje poświadczenia w katalogu i wybierz „Dodaj do mojego portfolio” na ich stronie albo prześlij otrzymany plik poświadczenia.
portfolio-find = Znajdź poświadczenia
portfolio-upload = Prześlij plik poświadczenia
portfolio-institution = Gdzie mają zostać uznane?
portfolio-institution-hint = Uczelnia lub instytucja, w której chcesz studiować.
portfolio-choose = Wybierz instytucję
portfolio-check = Sprawdź moje poświadczenia
portfolio-answer-heading = W instytucji { $institution }
portfolio-total-all = Punkty ECTS w Twoim portfolio
portfolio-total-match = Prawdopodobnie uznane (Pasuje)
portfolio-total-maybe = Do sprawdzenia (Być może)
portfolio-ects = { $ects } ECTS
portfolio-without-ects = { $count ->
    [one] { $shown } poświadczenie nie podaje punktów ECTS i nie jest wliczone do tych sum.
    [few] { $shown } poświadczenia nie podają punktów ECTS i nie są wliczone do tych sum.
   *[other] { $shown } poświadczeń nie podaje punktów ECTS i nie jest wliczonych do tych sum.
}
portfolio-gone-title = Poświadczenie, które nie jest już publikowane
portfolio-gone = To poświadczenie nie jest już publikowane (lub przesłany plik nie jest już przechowywany): usuń je z portfolio.
portfolio-counts-for-ects = Zostałoby uznane za { $ects } ECTS.
portfolio-counts-as = Uznane jako:
portfolio-closest = Najbliższy kurs tam:
portfolio-stacks-into = Wlicza się do:
portfolio-remove = Usuń
portfolio-find-more = Dodaj kolejne poświadczenia
portfolio-print = Drukuj
portfolio-download = Pobierz jako JSON
portfolio-clear = Opróżnij moje portfolio
portfolio-other-site = Portfolio można zmieniać tylko ze stron tej witryny.
portfolio-basis-own = To poświadczenie samej instytucji { $institution }.
portfolio-basis-equivalent = { $institution } zdecydowała { $date }, że to poświadczenie jest równoważne jednemu z jej własnych.
portfolio-basis-credits = { $institution } zdecydowała { $date } o uznaniu tego poświadczenia w punktach.
portfolio-basis-refused = { $institution } zdecydowała { $date } o nieuznaniu tego poświadczenia.
portfolio-basis-changed-since = Poświadczenie zmieniło się od tego czasu: decyzja może zostać ponownie rozpatrzona.
portfolio-basis-lookup = { $institution } nie podjęła decyzji w sprawie tego poświadczenia. W porównaniu z jej własnymi kursami najbliższy jest równoważny z prawdopodobieństwem { $percent } %.
portfolio-basis-nothing = { $institution } nie podjęła decyzji w sprawie tego poświadczenia i nie publikuje kursu, z którym można by je porównać.
