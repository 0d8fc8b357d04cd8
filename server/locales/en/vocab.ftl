# Labels of the EU vocabularies and of the search facets. Countries: the EU Publications
# Office country table; languages: its language table; ISCED-F 2013 broad fields; EQF.

## Countries.

country-AL = Albania
country-AT = Austria
country-BA = Bosnia and Herzegovina
country-BE = Belgium
country-BG = Bulgaria
country-CH = Switzerland
country-CY = Cyprus
country-CZ = Czechia
country-DE = Germany
country-DK = Denmark
country-EE = Estonia
country-ES = Spain
country-FI = Finland
country-FR = France
country-GB = United Kingdom
country-GE = Georgia
country-GR = Greece
country-HR = Croatia
country-HU = Hungary
country-IE = Ireland
country-IS = Iceland
country-IT = Italy
country-LI = Liechtenstein
country-LT = Lithuania
country-LU = Luxembourg
country-LV = Latvia
country-MD = Moldova
country-ME = Montenegro
country-MK = North Macedonia
country-MT = Malta
country-NL = Netherlands
country-NO = Norway
country-PL = Poland
country-PT = Portugal
country-RO = Romania
country-RS = Serbia
country-SE = Sweden
country-SI = Slovenia
country-SK = Slovakia
country-TR = Türkiye
country-UA = Ukraine
country-US = United States
country-XK = Kosovo

## Languages, by ISO 639-1 code.

language-ar = Arabic
language-bg = Bulgarian
language-ca = Catalan
language-cs = Czech
language-cy = Welsh
language-da = Danish
language-de = German
language-el = Greek
language-en = English
language-es = Spanish
language-et = Estonian
language-eu = Basque
language-fi = Finnish
language-fr = French
language-ga = Irish
language-gl = Galician
language-hr = Croatian
language-hu = Hungarian
language-is = Icelandic
language-it = Italian
language-lb = Luxembourgish
language-lt = Lithuanian
language-lv = Latvian
language-mk = Macedonian
language-mt = Maltese
language-nb = Norwegian Bokmål
language-nl = Dutch
language-nn = Norwegian Nynorsk
language-no = Norwegian
language-pl = Polish
language-pt = Portuguese
language-ro = Romanian
language-ru = Russian
language-sk = Slovak
language-sl = Slovenian
language-sq = Albanian
language-sr = Serbian
language-sv = Swedish
language-tr = Turkish
language-uk = Ukrainian

## ISCED-F 2013 broad fields of education and training.

isced-00 = Generic programmes and qualifications
isced-01 = Education
isced-02 = Arts and humanities
isced-03 = Social sciences, journalism and information
isced-04 = Business, administration and law
isced-05 = Natural sciences, mathematics and statistics
isced-06 = Information and Communication Technologies (ICTs)
isced-07 = Engineering, manufacturing and construction
isced-08 = Agriculture, forestry, fisheries and veterinary
isced-09 = Health and welfare
isced-10 = Services
isced-99 = Field unknown

## The values of the closed search facets.

value-kind-course = Course
value-kind-module = Module
value-kind-programme = Programme
value-kind-micro-credential = Micro-credential
value-kind-badge = Badge
value-kind-qualification = Qualification
value-participation-online = Online
value-participation-on-site = On site
value-participation-blended = Blended
value-eqf_level-1 = EQF level 1
value-eqf_level-2 = EQF level 2
value-eqf_level-3 = EQF level 3
value-eqf_level-4 = EQF level 4
value-eqf_level-5 = EQF level 5
value-eqf_level-6 = EQF level 6
value-eqf_level-7 = EQF level 7
value-eqf_level-8 = EQF level 8
value-ects-under-3 = Less than 3 ECTS
value-ects-3-5 = 3 to 5 ECTS
value-ects-5-10 = More than 5, up to 10 ECTS
value-ects-10-30 = More than 10, up to 30 ECTS
value-ects-over-30 = More than 30 ECTS
value-assessment-written-exam = Written examination
value-assessment-oral-exam = Oral examination
value-assessment-project = Project or report
value-assessment-practical = Practical assessment
value-assessment-online-test = Online test or quiz
value-assessment-portfolio = Portfolio
value-assessment-other = Other assessment
value-assessment-not-stated = Not stated
value-quality_assurance-accredited-programme = Accredited programme
value-quality_assurance-institutional-qa = Institutional quality assurance
value-quality_assurance-external-agency = External quality assurance agency
value-quality_assurance-other = Other quality assurance
value-quality_assurance-not-stated = None stated
value-has_learning_outcomes-true = States learning outcomes
value-has_learning_outcomes-false = No learning outcomes
