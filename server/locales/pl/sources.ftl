# Strona źródeł: każdy kanał, jego ostatnie pobranie i kompletność jego rekordów.

sources-heading = Źródła i jakość kanałów
sources-intro = Każdy kanał pobierany przez centrum: jak przebiegło ostatnie pobranie, ile zawiera rekordów i jak są kompletne. Otwórz źródło, aby zobaczyć jego pobrania, raport jakości i – dla wydawców – sprawdzanie pliku lub punktu dostępowego przed publikacją.
sources-across-languages = Między językami
source-country = Kraj
source-protocol = Protokół
source-format = Format
source-feed = Kanał
source-schedule = Harmonogram
source-next-harvest = , następne { $next }
source-on-request = tylko na żądanie
source-website = Strona internetowa
source-running-since = Pobieranie trwa od { $since }.
source-last-harvest = Ostatnie pobranie
source-run-started = rozpoczęte { $started }
source-run-took = , trwało { $seconds } s
source-more-errors = i { $shown } więcej
source-not-harvested = Jeszcze nie pobrano.
source-feed-quality = Jakość kanału
source-no-records = Nie zapisano jeszcze żadnych rekordów.
source-records = { $count ->
    [one] { $shown } rekord
    [few] { $shown } rekordy
   *[other] { $shown } rekordów
}
source-records-unreadable = , nieczytelne: { $shown }
source-average = ; średnio podano { $average } obowiązkowych elementów.
source-report-caption = Elementy z załącznika I w rekordach: { $institution }
source-worst = Najmniej kompletne rekordy
source-worst-none = Każdy rekord podaje wszystkie obowiązkowe elementy.
source-worst-complete = kompletność { $percent }
source-worst-lacks = ; brakuje: { $lacking }
report-element = Element
report-stated = Podano
report-missing = Brak
report-unreadable = Nieczytelne
report-optional = (nieobowiązkowy)
percent = { $value }%
run-running = w toku
run-succeeded = zakończone powodzeniem
run-partial = częściowo udane
run-failed = nieudane
run-seen = Odczytane
run-added = Dodane
run-updated = Zaktualizowane
run-unchanged = Bez zmian
run-deleted = Usunięte
run-failed-count = Błędne

## Jak rekordy są łączone między językami.

bridge-on = Model wielojęzyczny włączony: { $count } rekordów można znaleźć według znaczenia z dowolnego języka ({ $languages }).
bridge-no-language-yet = jeszcze żaden
bridge-backlog = { $count ->
    [one] { $shown } zmiana czeka na odczytanie; rekordy pobrane od tego czasu są do tego momentu wyszukiwane tylko po słowach.
    [few] { $shown } zmiany czekają na odczytanie; rekordy pobrane od tego czasu są do tego momentu wyszukiwane tylko po słowach.
   *[other] { $shown } zmian czeka na odczytanie; rekordy pobrane od tego czasu są do tego momentu wyszukiwane tylko po słowach.
}
bridge-off = Model wielojęzyczny wyłączony: rekordy są wyszukiwane tylko w języku, w którym je napisano ({ $why }).
bridge-not-configured = nie skonfigurowano
dictionaries-being-read = Słowniki dwujęzyczne: trwa wczytywanie.
dictionaries-loaded = Słowniki dwujęzyczne na angielski: { $languages }.
dictionaries-off = Słowniki dwujęzyczne wyłączone.
dictionaries-off-because = Słowniki dwujęzyczne wyłączone: { $why }.
