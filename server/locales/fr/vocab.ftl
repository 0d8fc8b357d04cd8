# Libellés des vocabulaires de l'UE et des facettes de recherche. Pays : table des pays
# de l'Office des publications de l'UE ; langues : sa table des langues ; CITE-F 2013 ; CEC.

## Countries.

country-AL = Albanie
country-AT = Autriche
country-BA = Bosnie-Herzégovine
country-BE = Belgique
country-BG = Bulgarie
country-CH = Suisse
country-CY = Chypre
country-CZ = Tchéquie
country-DE = Allemagne
country-DK = Danemark
country-EE = Estonie
country-ES = Espagne
country-FI = Finlande
country-FR = France
country-GB = Royaume-Uni
country-GE = Géorgie
country-GR = Grèce
country-HR = Croatie
country-HU = Hongrie
country-IE = Irlande
country-IS = Islande
country-IT = Italie
country-LI = Liechtenstein
country-LT = Lituanie
country-LU = Luxembourg
country-LV = Lettonie
country-MD = Moldavie
country-ME = Monténégro
country-MK = Macédoine du Nord
country-MT = Malte
country-NL = Pays-Bas
country-NO = Norvège
country-PL = Pologne
country-PT = Portugal
country-RO = Roumanie
country-RS = Serbie
country-SE = Suède
country-SI = Slovénie
country-SK = Slovaquie
country-TR = Turquie
country-UA = Ukraine
country-US = États-Unis
country-XK = Kosovo

## Languages, by ISO 639-1 code.

language-ar = arabe
language-bg = bulgare
language-ca = catalan
language-cs = tchèque
language-cy = gallois
language-da = danois
language-de = allemand
language-el = grec
language-en = anglais
language-es = espagnol
language-et = estonien
language-eu = basque
language-fi = finnois
language-fr = français
language-ga = irlandais
language-gl = galicien
language-hr = croate
language-hu = hongrois
language-is = islandais
language-it = italien
language-lb = luxembourgeois
language-lt = lituanien
language-lv = letton
language-mk = macédonien
language-mt = maltais
language-nb = norvégien bokmål
language-nl = néerlandais
language-nn = norvégien nynorsk
language-no = norvégien
language-pl = polonais
language-pt = portugais
language-ro = roumain
language-ru = russe
language-sk = slovaque
language-sl = slovène
language-sq = albanais
language-sr = serbe
language-sv = suédois
language-tr = turc
language-uk = ukrainien

## ISCED-F 2013 broad fields of education and training.

isced-00 = Programmes et certifications génériques
isced-01 = Éducation
isced-02 = Arts et humanités
isced-03 = Sciences sociales, journalisme et information
isced-04 = Commerce, administration et droit
isced-05 = Sciences naturelles, mathématiques et statistiques
isced-06 = Technologies de l'information et de la communication (TIC)
isced-07 = Ingénierie, industries de transformation et construction
isced-08 = Agriculture, sylviculture, halieutique et sciences vétérinaires
isced-09 = Santé et protection sociale
isced-10 = Services
isced-99 = Domaine inconnu

## The values of the closed search facets.

value-kind-course = Cours
value-kind-module = Module
value-kind-programme = Programme
value-kind-micro-credential = Microcertification
value-kind-badge = Badge
value-kind-qualification = Certification
value-participation-online = En ligne
value-participation-on-site = Sur place
value-participation-blended = Hybride
value-eqf_level-1 = Niveau CEC 1
value-eqf_level-2 = Niveau CEC 2
value-eqf_level-3 = Niveau CEC 3
value-eqf_level-4 = Niveau CEC 4
value-eqf_level-5 = Niveau CEC 5
value-eqf_level-6 = Niveau CEC 6
value-eqf_level-7 = Niveau CEC 7
value-eqf_level-8 = Niveau CEC 8
value-ects-under-3 = Moins de 3 ECTS
value-ects-3-5 = De 3 à 5 ECTS
value-ects-5-10 = Plus de 5, jusqu'à 10 ECTS
value-ects-10-30 = Plus de 10, jusqu'à 30 ECTS
value-ects-over-30 = Plus de 30 ECTS
value-assessment-written-exam = Examen écrit
value-assessment-oral-exam = Examen oral
value-assessment-project = Projet ou rapport
value-assessment-practical = Évaluation pratique
value-assessment-online-test = Test ou quiz en ligne
value-assessment-portfolio = Portfolio
value-assessment-other = Autre évaluation
value-assessment-not-stated = Non précisé
value-quality_assurance-accredited-programme = Programme accrédité
value-quality_assurance-institutional-qa = Assurance qualité de l’établissement
value-quality_assurance-external-agency = Agence externe d’assurance qualité
value-quality_assurance-other = Autre assurance qualité
value-quality_assurance-not-stated = Aucune précisée
value-has_learning_outcomes-true = Précise des acquis d'apprentissage
value-has_learning_outcomes-false = Sans acquis d'apprentissage
