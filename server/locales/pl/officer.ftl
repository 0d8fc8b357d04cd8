# Strony osób zajmujących się uznawaniem: logowanie, wyszukanie przedstawionego
# poświadczenia, decyzje, ich formularz, historia i wycofanie.

field-error-prefix = Błąd:
error-summary-heading = Wystąpił problem
error-summary-nothing-recorded = Nic jeszcze nie zapisano; wszystkie Twoje odpowiedzi pozostają w formularzu.
not-stated-lower = nie podano
error-search-too-long = wyszukiwanie jest dłuższe niż { $bytes } bajtów
error-no-such-institution = nie ma instytucji „{ $institution }”: żadna nie jest skonfigurowana pod tym identyfikatorem i żadna nie zapisała pod nim decyzji

## Logowanie.

sign-in-heading = Zaloguj się
sign-in-signed-in-for = Zalogowano dla { $name }
sign-in-sign-out-everywhere-help = Wylogowanie kończy tę sesję. Jeśli Twój token był używany na wspólnym komputerze albo sesja mogła zostać skopiowana, wyloguj się na wszystkich urządzeniach: każda sesja rozpoczęta tokenem Twojej instytucji zostanie zakończona, w każdej przeglądarce.
sign-in-sign-out-everywhere = Wyloguj na wszystkich urządzeniach
sign-in-intro = Osoby zajmujące się uznawaniem logują się tokenem swojej instytucji, aby zapisywać decyzje o uznaniu. Token jest sprawdzany i nie jest przechowywany; sesja kończy się po ośmiu godzinach lub po wylogowaniu.
sign-in-token = Token instytucji
sign-in-button = Zaloguj się
sign-in-demo-heading = Wypróbowujesz demo?
sign-in-demo-before = To dołączona sieć demonstracyjna. Zaloguj się jako osoba odpowiedzialna za uznawanie na Technische Universität Demo tokenem demonstracyjnym{" "}
sign-in-demo-after = , a następnie otwórz poświadczenie innej uczelni i zapisz decyzję swojej instytucji.
sign-in-demo-button = Zaloguj jako osoba demonstracyjna
sign-in-form-expired = Formularz wygasł albo nie został wysłany z tej witryny. Wpisz token ponownie.
sign-in-token-not-valid = Ten token jest nieprawidłowy. Sprawdź go i spróbuj ponownie.
sign-in-api-token = To token API instytucji, przeznaczony dla programów. Zaloguj się własnym tokenem osoby uznającej: poproś o niego administratora centrum.

## Wyszukanie poświadczenia, które przedstawia student.

recognise-heading = Uznaj poświadczenie
recognise-title-with-query = Uznaj poświadczenie: { $query }
recognise-intro = Student przedstawia mikropoświadczenie z innej instytucji. Znajdź je tutaj, zobacz, które poświadczenia Twojej instytucji są jego najbliższymi odpowiednikami, porównaj najlepsze obok siebie i zapisz decyzję przy porównaniu.
recognise-intro-named = Student przedstawia mikropoświadczenie z innej instytucji. Znajdź je tutaj, zobacz, które poświadczenia instytucji { $institution } są jego najbliższymi odpowiednikami, porównaj najlepsze obok siebie i zapisz decyzję przy porównaniu.
recognise-form-label = Przedstawione poświadczenie
recognise-which = Jakie poświadczenie ma student?
recognise-hint = Jego tytuł, kod lub instytucja, w dowolnym języku.
recognise-find = Znajdź
recognise-upload-link = Student przyniósł plik z poświadczeniem?
recognise-upload-help = Prześlij go lub wklej (European Digital Credential, Open Badge albo JSON): jest wyszukiwany tak samo i nie jest zapisywany.
recognise-none-matches = Żadne poświadczenie nie pasuje do „{ $query }”
recognise-matching = Poświadczenia pasujące do „{ $query }”
recognise-try-fewer = Użyj mniejszej liczby słów albo nazwy instytucji. Poświadczenie, którego tu nie pobrano, można{" "}
recognise-try-upload-link = przesłać z pliku studenta
recognise-try-upload-after = .
recognise-find-equivalents = : znajdź odpowiedniki
recognise-the-credential = poświadczenie
recognise-credits-level-not-stated = Nie podano punktów ani poziomu

## Decyzje na listach.

outcome-equivalent = Uznane za równoważne
outcome-credits = Uznane za { $ects } ECTS
outcome-refused = Nieuznane
decision-withdrawn-badge = Wycofana
decision-private-badge = Prywatna
decision-as-equivalent-to = jako równoważne z
decision-institutions-credential = poświadczeniem instytucji
decision-not-harvested-badge = Nie pobrane ze źródła
decision-not-harvested = Nie pobrane ze źródła: przesłany plik, odczytany jako { $format }; deklarowany wystawca, niezweryfikowany: { $issuer }
decision-decided-by = Decyzja:
decision-decided-on = z dnia { $date }
decision-valid-until = , ważna do { $date }
decision-every-of-about = wszystkie decyzje instytucji { $institution } dotyczące poświadczeń instytucji { $sender }
decision-conditions = Warunki:
decision-rationale = Uzasadnienie:
decision-may-no-longer-hold = Może już nie obowiązywać:
decision-details = Szczegóły i historia
decision-revise-link = Zmień tę decyzję
decision-withdraw-link = Wycofaj tę decyzję
decision-pages-label = Strony decyzji
decision-pages-newer = Nowsze decyzje
decision-pages-older = Starsze decyzje
history-caption = Każda wersja tej decyzji, od najstarszej
history-revision = Wersja
history-recorded = Zapisano
history-by = Przez
history-what = Co się stało

## Decyzje instytucji.

decisions-heading = Decyzje o uznaniu: { $institution }
decisions-by-sender = Według instytucji, której poświadczeń dotyczą decyzje
decisions-credentials-of = Poświadczenia: { $sender }
decisions-count = { $count ->
    [one] { $shown } decyzja
    [few] { $shown } decyzje
   *[other] { $shown } decyzji
}
decisions-every = Wszystkie decyzje
decisions-showing = Decyzje { $range }, od najnowszych.
decisions-range = { $from }–{ $to } z { $total }
decisions-none-yet = Ta instytucja nie zapisała jeszcze żadnej decyzji.
decisions-how-to-record = Aby zapisać decyzję, otwórz uznawane poświadczenie i skorzystaj z formularza w sekcji „Decyzje o uznaniu”. Programy odczytują te decyzje przez{" "}
decisions-api-link = interfejs JSON API
decisions-api-after = .

## Formularz, który zapisuje lub zmienia decyzję.

form-heading-record = Zapisz decyzję instytucji { $institution }
form-submit-record = Zapisz decyzję
form-decision = Decyzja
form-outcome-equivalent = Równoważne z jednym z naszych poświadczeń
form-outcome-credits = Uznane za punkty
form-outcome-refused = Nieuznane
form-target-legend = Nasze równoważne poświadczenie (przy równoważności)
form-target-hint-search = Szukaj naszych poświadczeń po tytule lub kodzie.
form-target-hint-choices = Najlepiej pasujące nasze poświadczenia są pierwsze; każde inne nasze znajdziesz po tytule lub kodzie.
form-target-search = Szukaj naszych poświadczeń
form-target-another = Inne z naszych poświadczeń
form-find = Znajdź
form-find-hint = Słowa z tytułu albo kod; „Znajdź” pokazuje powyżej to, co pasuje, zachowując wszystkie odpowiedzi w formularzu.
form-target-id = Nasze równoważne poświadczenie (identyfikator, przy równoważności)
form-target-id-hint = Na przykład demo-lyon.0123456789abcdef0123; jest na stronie poświadczenia. Twoja instytucja nie publikuje tu poświadczeń do wyboru.
form-ects = Przyznane punkty ECTS (przy punktach)
form-rationale = Uzasadnienie
form-conditions = Warunki (opcjonalnie)
form-decided-on = Data decyzji
form-valid-until = Ważna do (opcjonalnie)
form-private = Prywatna: nie publikuj w innych centrach
form-search-type-words = Wpisz słowa z tytułu albo kod, aby przeszukać nasze poświadczenia.
form-search-found = { $count ->
    [0] Żadne z naszych poświadczeń nie pasuje do „{ $words }”. Spróbuj innych słów albo kodu.
    [one] Jedno z naszych poświadczeń pasuje do „{ $words }”: jest pierwsze poniżej.
    [few] { $shown } nasze poświadczenia pasują do „{ $words }”: są pierwsze poniżej.
   *[other] { $shown } naszych poświadczeń pasuje do „{ $words }”: są pierwsze poniżej.
}
form-error-date = { $label } musi być datą, np. 2026-11-20, a nie „{ $value }”
form-error-decision-date = Data decyzji
form-error-valid-until = Data ważności
form-error-target = Wybierz poświadczenie swojej instytucji, z którym jest równoważne
form-error-ects-missing = Podaj, ile punktów ECTS przyznano
form-error-ects = Punkty ECTS muszą być liczbą większą od 0 i nie większą niż { $max }, a nie „{ $value }”
form-error-outcome = Wybierz, co postanowiono: równoważność, punkty albo brak uznania
form-error-valid-before = Data ważności ({ $valid_until }) nie może być wcześniejsza niż data decyzji ({ $decided_on })
form-error-rationale = Podaj powód: uzasadnienie czyta student i kolejna osoba uznająca
form-error-decided-on = Podaj, kiedy podjęto decyzję

## Wycofanie decyzji.

withdraw-heading = Wycofać tę decyzję?
withdraw-intro = Wycofana decyzja nie jest już dla nikogo precedensem. Nie jest usuwana: pozostaje w historii decyzji wraz z Twoim uzasadnieniem, a ci, którzy ją pobrali, dowiadują się o jej wycofaniu.
withdraw-why = Dlaczego jest wycofywana?
withdraw-hint = Na przykład: kurs się zmienił i nie obejmuje już tych samych efektów. Czyta to student i inne osoby uznające.
withdraw-button = Wycofaj decyzję
withdraw-cancel = Nie, zachowaj
