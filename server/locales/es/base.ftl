# El diseño de cada página, la página de error y la escritura de fechas y números.

language-own-name = Español
site-name = Centro de reconocimiento
skip-to-content = Ir al contenido
nav-main-label = Navegación principal
nav-search = Búsqueda
nav-recognise = Reconocer
nav-compare = Comparar
nav-sources = Fuentes
nav-decisions = Decisiones
nav-sign-in = Iniciar sesión
nav-sign-out = Cerrar sesión
nav-language-label = Idioma
footer-about = Metadatos de microcredenciales recopilados de instituciones asociadas y descritos con los elementos del anexo I de la Recomendación del Consejo sobre las microcredenciales (2022).
footer-api-before = Los programas pueden usar la{" "}
footer-api-link = API JSON
footer-api-after = .

## La página de error. Los mensajes se escriben sin mayúscula inicial ni punto final: la
## página añade ambos.

error-heading-bad-request = Esta solicitud no se puede leer
error-heading-forbidden = No permitido
error-heading-not-found = No encontrado
error-heading-over-budget = Ha tardado demasiado
error-heading-disk-full = Ahora mismo no se puede registrar nada
error-heading-internal = Algo ha salido mal
error-internal = el centro no ha podido responder; el error ha quedado registrado
error-not-found-page = no hay ninguna página en { $path }; busque ofertas desde la página de inicio
error-over-budget = { $what } ha tardado más de los { $budget_ms } ms que este centro permite a una solicitud y no ha terminado; inténtelo más tarde o pida menos candidatos
error-disk-full = el disco con los datos del centro está casi lleno ({ $available_mb } MB libres, { $reserve_mb } MB de reserva): las recolecciones y el registro de decisiones se detienen hasta que se libere espacio, y se reanudan solos después
error-store-cannot-write-full = el almacén no pudo escribir en el disco el { $at } ({ $error }): no se puede registrar nada hasta que se libere espacio en el disco del directorio de datos; el centro se reinicia entonces solo y vuelve a registrar; todo lo registrado antes está a salvo y la consulta sigue
error-store-cannot-write = el almacén no pudo escribir en el disco el { $at } ({ $error }): no se puede registrar nada hasta que el centro se reinicie una vez corregida la causa; todo lo registrado antes está a salvo y la consulta sigue
error-back-to-search = Volver a la búsqueda
work-case-file = el expediente
work-equivalence-lookup = la búsqueda de equivalencias
work-comparison = la comparación
work-request = la solicitud

## Fechas y números.

date-long = { $day } de { $month } de { $year }
date-time = { $date }, { $time } UTC
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre
number-decimal-separator = ,
number-group-separator = .
number-group-min-digits = 5

## Lo que dice el script de las páginas (app.js lo lee de la página).

script-suggestions-label = Credenciales coincidentes
script-no-match = Ninguna credencial coincide.
script-matches-one = { $count } credencial coincide; flecha abajo para recorrerla, Intro para elegirla.
script-matches-other = { $count } credenciales coinciden; flecha abajo para recorrerlas, Intro para elegir una.
script-chosen = Elegida: { $title }.
