# Jedna decyzja: jej strona, historia, zmiana i wycofanie.

decision-title = Decyzja o uznaniu: { $title }
decision-heading-before = Decyzja o uznaniu:{" "}
decision-error-summary-revision = Zmiana zawiera błąd
decision-withdrawn-strong = Wycofana.
decision-reason-given = Podany powód: { $reason }
decision-withdrawn-no-precedent = Nie jest już precedensem; jej historia jest zachowana poniżej.
decision-changed-since = Poświadczenie zmieniło się od czasu tej decyzji:
decision-check-again = Sprawdź ponownie: czy decyzja nadal obowiązuje?
decision-still-holds = Nadal obowiązuje
decision-revise-it = Zmień ją
decision-compare-both = Porównaj oba poświadczenia obok siebie
decision-as-json = Ta decyzja jako JSON
decision-case-file = Akta sprawy do teczki studenta
decision-case-file-help = oba poświadczenia, porównanie, precedensy i historia w jednym dokumencie A4: wydrukuj go lub zapisz jako PDF
decision-history = Historia
decision-change = Zmień tę decyzję
decision-revision-kept = Zmiana jest zapisywana obok wcześniejszych: nic nie jest usuwane.
decision-or = Możesz też{" "}
decision-withdraw-lower = wycofać tę decyzję
decision-or-after = .
notice-revision-recorded = Zmiana została zapisana.
form-submit-revision = Zapisz zmianę
withdraw-title = Wycofać decyzję dotyczącą { $title }?
withdraw-error-reason = Podaj, dlaczego decyzja jest wycofywana: czyta to student i inne osoby uznające
withdraw-error-too-long = Powód nie może mieć więcej niż { $max } znaków
error-no-such-decision = nie ma decyzji o uznaniu „{ $id }”
history-the-harvest = pobieranie danych
history-recorded-first = Zapisano
history-withdrawn-because = Wycofano: { $reason }
history-withdrawn = Wycofano
history-flagged = Oznaczono: poświadczenie zmieniło się od czasu decyzji ({ $changes })
history-confirmed = Potwierdzono: nadal obowiązuje dla poświadczenia w obecnej postaci
history-revised-nothing = Zmieniono, bez zmian w treści
history-revised = Zmieniono: { $changes }
change-decision = decyzja
change-rationale = uzasadnienie
change-conditions = warunki
change-decision-date = data decyzji
change-validity = ważność
change-made-private = ustawiono jako prywatną
change-made-public = ustawiono jako publiczną

## Co jedna instytucja postanowiła w sprawie poświadczeń innej.

agreement-heading = Decyzje instytucji { $to } dotyczące poświadczeń instytucji { $from }
agreement-intro-before = Wszystkie decyzje o uznaniu, które instytucja{" "}
agreement-intro-after = {" "}zapisała w sprawie poświadczeń opublikowanych przez { $from }. Każda decyzja dotyczy jednego poświadczenia, rozpatrzonego indywidualnie: jest precedensem, a nie obietnicą co do następnego.
agreement-show = Pokaż
agreement-any-decision = Dowolna decyzja
agreement-still-holds = Nadal obowiązuje?
agreement-either = Obojętnie
agreement-at-risk-only = Tylko te, które mogą już nie obowiązywać
agreement-unchanged-only = Tylko te, których poświadczenie się nie zmieniło
agreement-decided-from = Decyzje od
agreement-decided-until = Decyzje do
agreement-show-button = Pokaż decyzje
agreement-showing = { $showing }, od najnowszych.
agreement-download = Pobierz tę listę jako{" "}
agreement-download-or = {" "}lub{" "}
agreement-none = Żadna decyzja nie pasuje.
agreement-range = { $count ->
    [one] { $from }–{ $to } z { $shown } decyzji
   *[other] { $from }–{ $to } z { $shown } decyzji
}
