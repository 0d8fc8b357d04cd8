# Bezeichnungen der EU-Vokabulare und der Suchfacetten. Länder: Ländertabelle des
# Amts für Veröffentlichungen der EU; Sprachen: dessen Sprachentabelle; ISCED-F 2013; EQR.

## Countries.

country-AL = Albanien
country-AT = Österreich
country-BA = Bosnien und Herzegowina
country-BE = Belgien
country-BG = Bulgarien
country-CH = Schweiz
country-CY = Zypern
country-CZ = Tschechien
country-DE = Deutschland
country-DK = Dänemark
country-EE = Estland
country-ES = Spanien
country-FI = Finnland
country-FR = Frankreich
country-GB = Vereinigtes Königreich
country-GE = Georgien
country-GR = Griechenland
country-HR = Kroatien
country-HU = Ungarn
country-IE = Irland
country-IS = Island
country-IT = Italien
country-LI = Liechtenstein
country-LT = Litauen
country-LU = Luxemburg
country-LV = Lettland
country-MD = Moldau
country-ME = Montenegro
country-MK = Nordmazedonien
country-MT = Malta
country-NL = Niederlande
country-NO = Norwegen
country-PL = Polen
country-PT = Portugal
country-RO = Rumänien
country-RS = Serbien
country-SE = Schweden
country-SI = Slowenien
country-SK = Slowakei
country-TR = Türkei
country-UA = Ukraine
country-US = Vereinigte Staaten
country-XK = Kosovo

## Languages, by ISO 639-1 code.

language-ar = Arabisch
language-bg = Bulgarisch
language-ca = Katalanisch
language-cs = Tschechisch
language-cy = Walisisch
language-da = Dänisch
language-de = Deutsch
language-el = Griechisch
language-en = Englisch
language-es = Spanisch
language-et = Estnisch
language-eu = Baskisch
language-fi = Finnisch
language-fr = Französisch
language-ga = Irisch
language-gl = Galicisch
language-hr = Kroatisch
language-hu = Ungarisch
language-is = Isländisch
language-it = Italienisch
language-lb = Luxemburgisch
language-lt = Litauisch
language-lv = Lettisch
language-mk = Mazedonisch
language-mt = Maltesisch
language-nb = Norwegisch (Bokmål)
language-nl = Niederländisch
language-nn = Norwegisch (Nynorsk)
language-no = Norwegisch
language-pl = Polnisch
language-pt = Portugiesisch
language-ro = Rumänisch
language-ru = Russisch
language-sk = Slowakisch
language-sl = Slowenisch
language-sq = Albanisch
language-sr = Serbisch
language-sv = Schwedisch
language-tr = Türkisch
language-uk = Ukrainisch

## ISCED-F 2013 broad fields of education and training.

isced-00 = Allgemeine Bildungsgänge und Qualifikationen
isced-01 = Pädagogik
isced-02 = Geisteswissenschaften und Künste
isced-03 = Sozialwissenschaften, Journalismus und Informationswesen
isced-04 = Wirtschaft, Verwaltung und Recht
isced-05 = Naturwissenschaften, Mathematik und Statistik
isced-06 = Informations- und Kommunikationstechnologien (IKT)
isced-07 = Ingenieurwesen, verarbeitendes Gewerbe und Baugewerbe
isced-08 = Landwirtschaft, Forstwirtschaft, Fischerei und Tiermedizin
isced-09 = Gesundheit und Sozialwesen
isced-10 = Dienstleistungen
isced-99 = Fachrichtung unbekannt

## The values of the closed search facets.

value-kind-course = Kurs
value-kind-module = Modul
value-kind-programme = Studiengang
value-kind-micro-credential = Microcredential
value-kind-badge = Badge
value-kind-qualification = Qualifikation
value-participation-online = Online
value-participation-on-site = Vor Ort
value-participation-blended = Gemischt (Blended)
value-eqf_level-1 = EQR-Niveau 1
value-eqf_level-2 = EQR-Niveau 2
value-eqf_level-3 = EQR-Niveau 3
value-eqf_level-4 = EQR-Niveau 4
value-eqf_level-5 = EQR-Niveau 5
value-eqf_level-6 = EQR-Niveau 6
value-eqf_level-7 = EQR-Niveau 7
value-eqf_level-8 = EQR-Niveau 8
value-ects-under-3 = Weniger als 3 ECTS
value-ects-3-5 = 3 bis 5 ECTS
value-ects-5-10 = Mehr als 5, bis 10 ECTS
value-ects-10-30 = Mehr als 10, bis 30 ECTS
value-ects-over-30 = Mehr als 30 ECTS
value-assessment-written-exam = Schriftliche Prüfung
value-assessment-oral-exam = Mündliche Prüfung
value-assessment-project = Projekt oder Bericht
value-assessment-practical = Praktische Prüfung
value-assessment-online-test = Online-Test oder Quiz
value-assessment-portfolio = Portfolio
value-assessment-other = Andere Prüfung
value-assessment-not-stated = Nicht angegeben
value-quality_assurance-accredited-programme = Akkreditierter Studiengang
value-quality_assurance-institutional-qa = Institutionelle Qualitätssicherung
value-quality_assurance-external-agency = Externe Qualitätssicherungsagentur
value-quality_assurance-other = Andere Qualitätssicherung
value-quality_assurance-not-stated = Keine angegeben
value-has_learning_outcomes-true = Mit Lernergebnissen
value-has_learning_outcomes-false = Ohne Lernergebnisse
