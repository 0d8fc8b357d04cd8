# Układ każdej strony, strona błędu oraz zapis dat i liczb.

language-own-name = Polski
site-name = Centrum uznawania
skip-to-content = Przejdź do treści
nav-main-label = Nawigacja główna
nav-search = Wyszukiwanie
nav-recognise = Uznawanie
nav-compare = Porównanie
nav-sources = Źródła
nav-decisions = Decyzje
nav-sign-in = Zaloguj się
nav-sign-out = Wyloguj się
nav-language-label = Język
footer-about = Metadane mikropoświadczeń zebrane od instytucji partnerskich, opisane elementami załącznika I do zalecenia Rady w sprawie mikropoświadczeń (2022).
footer-api-before = Programy mogą korzystać z{" "}
footer-api-link = interfejsu JSON API
footer-api-after = .

## Strona błędu. Komunikaty piszemy bez wielkiej litery i bez kropki na końcu: strona
## dodaje jedno i drugie.

error-heading-bad-request = Nie można odczytać tego żądania
error-heading-forbidden = Brak uprawnień
error-heading-not-found = Nie znaleziono
error-heading-over-budget = To trwało zbyt długo
error-heading-disk-full = W tej chwili nie można niczego zapisać
error-heading-internal = Coś poszło nie tak
error-internal = centrum uznawania nie mogło odpowiedzieć; błąd został zapisany w dzienniku
error-not-found-page = pod adresem { $path } nie ma strony; wyszukaj oferty na stronie głównej
error-over-budget = { $what } trwało dłużej niż { $budget_ms } ms, na które to centrum pozwala jednemu żądaniu, i nie zostało ukończone; spróbuj ponownie później albo poproś o mniej kandydatów
error-disk-full = dysk z danymi centrum uznawania jest prawie pełny ({ $available_mb } MB wolne, { $reserve_mb } MB w rezerwie): pobieranie danych i zapisywanie decyzji są wstrzymane do czasu zwolnienia miejsca, a potem wznowią się same
error-store-cannot-write-full = magazyn danych nie mógł zapisać na dysku { $at } ({ $error }): nic nie może zostać zapisane, dopóki na dysku katalogu danych nie zostanie zwolnione miejsce; centrum uznawania uruchomi się wtedy samo ponownie i znów będzie zapisywać; wszystko zapisane wcześniej jest bezpieczne, a odczyt działa dalej
error-store-cannot-write = magazyn danych nie mógł zapisać na dysku { $at } ({ $error }): nic nie może zostać zapisane, dopóki centrum uznawania nie zostanie ponownie uruchomione po usunięciu przyczyny; wszystko zapisane wcześniej jest bezpieczne, a odczyt działa dalej
error-back-to-search = Wróć do wyszukiwania
work-case-file = przygotowanie akt sprawy
work-equivalence-lookup = wyszukiwanie odpowiedników
work-comparison = porównanie
work-request = żądanie

## Daty i liczby.

date-long = { $day } { $month } { $year }
date-time = { $date }, { $time } UTC
# Miesiące w dopełniaczu, jak w dacie („7 grudnia 2026”).
month-1 = stycznia
month-2 = lutego
month-3 = marca
month-4 = kwietnia
month-5 = maja
month-6 = czerwca
month-7 = lipca
month-8 = sierpnia
month-9 = września
month-10 = października
month-11 = listopada
month-12 = grudnia
number-decimal-separator = ,
number-group-separator = {"\u00A0"}
number-group-min-digits = 5

## Co mówi skrypt stron (app.js odczytuje to ze strony).

script-suggestions-label = Pasujące poświadczenia
script-no-match = Żadne poświadczenie nie pasuje.
script-matches-one = Pasujące poświadczenia: { $count }; strzałka w dół, aby je przejrzeć, Enter, aby wybrać.
script-matches-other = Pasujące poświadczenia: { $count }; strzałka w dół, aby je przejrzeć, Enter, aby wybrać jedno.
script-chosen = Wybrano: { $title }.
