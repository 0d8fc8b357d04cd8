# Etichette dei vocabolari dell'UE e delle faccette di ricerca. Paesi: tabella dei paesi
# dell'Ufficio delle pubblicazioni dell'UE; lingue: la sua tabella delle lingue; ISCED-F 2013; EQF.

## Countries.

country-AL = Albania
country-AT = Austria
country-BA = Bosnia-Erzegovina
country-BE = Belgio
country-BG = Bulgaria
country-CH = Svizzera
country-CY = Cipro
country-CZ = Cechia
country-DE = Germania
country-DK = Danimarca
country-EE = Estonia
country-ES = Spagna
country-FI = Finlandia
country-FR = Francia
country-GB = Regno Unito
country-GE = Georgia
country-GR = Grecia
country-HR = Croazia
country-HU = Ungheria
country-IE = Irlanda
country-IS = Islanda
country-IT = Italia
country-LI = Liechtenstein
country-LT = Lituania
country-LU = Lussemburgo
country-LV = Lettonia
country-MD = Moldova
country-ME = Montenegro
country-MK = Macedonia del Nord
country-MT = Malta
country-NL = Paesi Bassi
country-NO = Norvegia
country-PL = Polonia
country-PT = Portogallo
country-RO = Romania
country-RS = Serbia
country-SE = Svezia
country-SI = Slovenia
country-SK = Slovacchia
country-TR = Turchia
country-UA = Ucraina
country-US = Stati Uniti
country-XK = Kosovo

## Languages, by ISO 639-1 code.

language-ar = arabo
language-bg = bulgaro
language-ca = catalano
language-cs = ceco
language-cy = gallese
language-da = danese
language-de = tedesco
language-el = greco
language-en = inglese
language-es = spagnolo
language-et = estone
language-eu = basco
language-fi = finlandese
language-fr = francese
language-ga = irlandese
language-gl = galiziano
language-hr = croato
language-hu = ungherese
language-is = islandese
language-it = italiano
language-lb = lussemburghese
language-lt = lituano
language-lv = lettone
language-mk = macedone
language-mt = maltese
language-nb = norvegese bokmål
language-nl = neerlandese
language-nn = norvegese nynorsk
language-no = norvegese
language-pl = polacco
language-pt = portoghese
language-ro = rumeno
language-ru = russo
language-sk = slovacco
language-sl = sloveno
language-sq = albanese
language-sr = serbo
language-sv = svedese
language-tr = turco
language-uk = ucraino

## ISCED-F 2013 broad fields of education and training.

isced-00 = Programmi e qualifiche generali
isced-01 = Istruzione
isced-02 = Discipline artistiche e umanistiche
isced-03 = Scienze sociali, giornalismo e informazione
isced-04 = Economia, amministrazione e diritto
isced-05 = Scienze naturali, matematica e statistica
isced-06 = Tecnologie dell'informazione e della comunicazione (TIC)
isced-07 = Ingegneria, attività manifatturiere ed edilizia
isced-08 = Agricoltura, silvicoltura, pesca e veterinaria
isced-09 = Sanità e assistenza sociale
isced-10 = Servizi
isced-99 = Campo sconosciuto

## The values of the closed search facets.

value-kind-course = Corso
value-kind-module = Modulo
value-kind-programme = Programma
value-kind-micro-credential = Microcredenziale
value-kind-badge = Badge
value-kind-qualification = Qualifica
value-participation-online = Online
value-participation-on-site = In presenza
value-participation-blended = Mista
value-eqf_level-1 = Livello EQF 1
value-eqf_level-2 = Livello EQF 2
value-eqf_level-3 = Livello EQF 3
value-eqf_level-4 = Livello EQF 4
value-eqf_level-5 = Livello EQF 5
value-eqf_level-6 = Livello EQF 6
value-eqf_level-7 = Livello EQF 7
value-eqf_level-8 = Livello EQF 8
value-ects-under-3 = Meno di 3 ECTS
value-ects-3-5 = Da 3 a 5 ECTS
value-ects-5-10 = Più di 5, fino a 10 ECTS
value-ects-10-30 = Più di 10, fino a 30 ECTS
value-ects-over-30 = Più di 30 ECTS
value-assessment-written-exam = Esame scritto
value-assessment-oral-exam = Esame orale
value-assessment-project = Progetto o relazione
value-assessment-practical = Prova pratica
value-assessment-online-test = Test o quiz online
value-assessment-portfolio = Portfolio
value-assessment-other = Altra valutazione
value-assessment-not-stated = Non indicato
value-quality_assurance-accredited-programme = Programma accreditato
value-quality_assurance-institutional-qa = Garanzia della qualità dell’istituzione
value-quality_assurance-external-agency = Agenzia esterna di garanzia della qualità
value-quality_assurance-other = Altra garanzia della qualità
value-quality_assurance-not-stated = Nessuna indicata
value-has_learning_outcomes-true = Indica i risultati dell'apprendimento
value-has_learning_outcomes-false = Senza risultati dell'apprendimento
