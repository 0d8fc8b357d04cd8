# Etiquetas de los vocabularios de la UE y de las facetas de búsqueda. Países: tabla de
# países de la Oficina de Publicaciones de la UE; lenguas: su tabla de lenguas; CINE-F 2013; MEC.

## Countries.

country-AL = Albania
country-AT = Austria
country-BA = Bosnia y Herzegovina
country-BE = Bélgica
country-BG = Bulgaria
country-CH = Suiza
country-CY = Chipre
country-CZ = Chequia
country-DE = Alemania
country-DK = Dinamarca
country-EE = Estonia
country-ES = España
country-FI = Finlandia
country-FR = Francia
country-GB = Reino Unido
country-GE = Georgia
country-GR = Grecia
country-HR = Croacia
country-HU = Hungría
country-IE = Irlanda
country-IS = Islandia
country-IT = Italia
country-LI = Liechtenstein
country-LT = Lituania
country-LU = Luxemburgo
country-LV = Letonia
country-MD = Moldavia
country-ME = Montenegro
country-MK = Macedonia del Norte
country-MT = Malta
country-NL = Países Bajos
country-NO = Noruega
country-PL = Polonia
country-PT = Portugal
country-RO = Rumanía
country-RS = Serbia
country-SE = Suecia
country-SI = Eslovenia
country-SK = Eslovaquia
country-TR = Turquía
country-UA = Ucrania
country-US = Estados Unidos
country-XK = Kosovo

## Languages, by ISO 639-1 code.

language-ar = árabe
language-bg = búlgaro
language-ca = catalán
language-cs = checo
language-cy = galés
language-da = danés
language-de = alemán
language-el = griego
language-en = inglés
language-es = español
language-et = estonio
language-eu = vasco
language-fi = finés
language-fr = francés
language-ga = irlandés
language-gl = gallego
language-hr = croata
language-hu = húngaro
language-is = islandés
language-it = italiano
language-lb = luxemburgués
language-lt = lituano
language-lv = letón
language-mk = macedonio
language-mt = maltés
language-nb = noruego bokmål
language-nl = neerlandés
language-nn = noruego nynorsk
language-no = noruego
language-pl = polaco
language-pt = portugués
language-ro = rumano
language-ru = ruso
language-sk = eslovaco
language-sl = esloveno
language-sq = albanés
language-sr = serbio
language-sv = sueco
language-tr = turco
language-uk = ucraniano

## ISCED-F 2013 broad fields of education and training.

isced-00 = Programas y certificaciones genéricos
isced-01 = Educación
isced-02 = Artes y humanidades
isced-03 = Ciencias sociales, periodismo e información
isced-04 = Administración de empresas y derecho
isced-05 = Ciencias naturales, matemáticas y estadística
isced-06 = Tecnologías de la información y la comunicación (TIC)
isced-07 = Ingeniería, industria y construcción
isced-08 = Agricultura, silvicultura, pesca y veterinaria
isced-09 = Salud y servicios sociales
isced-10 = Servicios
isced-99 = Campo desconocido

## The values of the closed search facets.

value-kind-course = Curso
value-kind-module = Módulo
value-kind-programme = Programa
value-kind-micro-credential = Microcredencial
value-kind-badge = Insignia
value-kind-qualification = Cualificación
value-participation-online = En línea
value-participation-on-site = Presencial
value-participation-blended = Semipresencial
value-eqf_level-1 = Nivel del MEC 1
value-eqf_level-2 = Nivel del MEC 2
value-eqf_level-3 = Nivel del MEC 3
value-eqf_level-4 = Nivel del MEC 4
value-eqf_level-5 = Nivel del MEC 5
value-eqf_level-6 = Nivel del MEC 6
value-eqf_level-7 = Nivel del MEC 7
value-eqf_level-8 = Nivel del MEC 8
value-ects-under-3 = Menos de 3 ECTS
value-ects-3-5 = De 3 a 5 ECTS
value-ects-5-10 = Más de 5, hasta 10 ECTS
value-ects-10-30 = Más de 10, hasta 30 ECTS
value-ects-over-30 = Más de 30 ECTS
value-assessment-written-exam = Examen escrito
value-assessment-oral-exam = Examen oral
value-assessment-project = Proyecto o informe
value-assessment-practical = Evaluación práctica
value-assessment-online-test = Prueba o cuestionario en línea
value-assessment-portfolio = Portafolio
value-assessment-other = Otra evaluación
value-assessment-not-stated = No consta
value-quality_assurance-accredited-programme = Programa acreditado
value-quality_assurance-institutional-qa = Garantía de calidad de la institución
value-quality_assurance-external-agency = Agencia externa de garantía de calidad
value-quality_assurance-other = Otra garantía de calidad
value-quality_assurance-not-stated = No consta ninguna
value-has_learning_outcomes-true = Indica resultados de aprendizaje
value-has_learning_outcomes-false = Sin resultados de aprendizaje
