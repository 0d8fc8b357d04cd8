# Etykiety słowników UE i faset wyszukiwania. Kraje: tabela krajów Urzędu Publikacji UE;
# języki: jego tabela języków; ISCED-F 2013; ERK.

## Countries.

country-AL = Albania
country-AT = Austria
country-BA = Bośnia i Hercegowina
country-BE = Belgia
country-BG = Bułgaria
country-CH = Szwajcaria
country-CY = Cypr
country-CZ = Czechy
country-DE = Niemcy
country-DK = Dania
country-EE = Estonia
country-ES = Hiszpania
country-FI = Finlandia
country-FR = Francja
country-GB = Zjednoczone Królestwo
country-GE = Gruzja
country-GR = Grecja
country-HR = Chorwacja
country-HU = Węgry
country-IE = Irlandia
country-IS = Islandia
country-IT = Włochy
country-LI = Liechtenstein
country-LT = Litwa
country-LU = Luksemburg
country-LV = Łotwa
country-MD = Mołdawia
country-ME = Czarnogóra
country-MK = Macedonia Północna
country-MT = Malta
country-NL = Niderlandy
country-NO = Norwegia
country-PL = Polska
country-PT = Portugalia
country-RO = Rumunia
country-RS = Serbia
country-SE = Szwecja
country-SI = Słowenia
country-SK = Słowacja
country-TR = Turcja
country-UA = Ukraina
country-US = Stany Zjednoczone
country-XK = Kosowo

## Languages, by ISO 639-1 code.

language-ar = arabski
language-bg = bułgarski
language-ca = kataloński
language-cs = czeski
language-cy = walijski
language-da = duński
language-de = niemiecki
language-el = grecki
language-en = angielski
language-es = hiszpański
language-et = estoński
language-eu = baskijski
language-fi = fiński
language-fr = francuski
language-ga = irlandzki
language-gl = galicyjski
language-hr = chorwacki
language-hu = węgierski
language-is = islandzki
language-it = włoski
language-lb = luksemburski
language-lt = litewski
language-lv = łotewski
language-mk = macedoński
language-mt = maltański
language-nb = norweski (bokmål)
language-nl = niderlandzki
language-nn = norweski (nynorsk)
language-no = norweski
language-pl = polski
language-pt = portugalski
language-ro = rumuński
language-ru = rosyjski
language-sk = słowacki
language-sl = słoweński
language-sq = albański
language-sr = serbski
language-sv = szwedzki
language-tr = turecki
language-uk = ukraiński

## ISCED-F 2013 broad fields of education and training.

isced-00 = Programy i kwalifikacje ogólne
isced-01 = Kształcenie
isced-02 = Nauki humanistyczne i sztuka
isced-03 = Nauki społeczne, dziennikarstwo i informacja
isced-04 = Biznes, administracja i prawo
isced-05 = Nauki przyrodnicze, matematyka i statystyka
isced-06 = Technologie informacyjno-komunikacyjne (ICT)
isced-07 = Technika, przemysł i budownictwo
isced-08 = Rolnictwo, leśnictwo, rybactwo i weterynaria
isced-09 = Zdrowie i opieka społeczna
isced-10 = Usługi
isced-99 = Dziedzina nieznana

## The values of the closed search facets.

value-kind-course = Kurs
value-kind-module = Moduł
value-kind-programme = Program
value-kind-micro-credential = Mikropoświadczenie
value-kind-badge = Odznaka
value-kind-qualification = Kwalifikacja
value-participation-online = Online
value-participation-on-site = Stacjonarnie
value-participation-blended = Hybrydowo
value-eqf_level-1 = Poziom ERK 1
value-eqf_level-2 = Poziom ERK 2
value-eqf_level-3 = Poziom ERK 3
value-eqf_level-4 = Poziom ERK 4
value-eqf_level-5 = Poziom ERK 5
value-eqf_level-6 = Poziom ERK 6
value-eqf_level-7 = Poziom ERK 7
value-eqf_level-8 = Poziom ERK 8
value-ects-under-3 = Mniej niż 3 ECTS
value-ects-3-5 = Od 3 do 5 ECTS
value-ects-5-10 = Ponad 5, do 10 ECTS
value-ects-10-30 = Ponad 10, do 30 ECTS
value-ects-over-30 = Ponad 30 ECTS
value-assessment-written-exam = Egzamin pisemny
value-assessment-oral-exam = Egzamin ustny
value-assessment-project = Projekt lub raport
value-assessment-practical = Ocena praktyczna
value-assessment-online-test = Test lub quiz online
value-assessment-portfolio = Portfolio
value-assessment-other = Inna forma oceny
value-assessment-not-stated = Nie podano
value-quality_assurance-accredited-programme = Program akredytowany
value-quality_assurance-institutional-qa = Wewnętrzne zapewnianie jakości
value-quality_assurance-external-agency = Zewnętrzna agencja zapewniania jakości
value-quality_assurance-other = Inne zapewnianie jakości
value-quality_assurance-not-stated = Nie podano
value-has_learning_outcomes-true = Podaje efekty uczenia się
value-has_learning_outcomes-false = Bez efektów uczenia się
