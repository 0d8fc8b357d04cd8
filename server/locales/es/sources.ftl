# La página de fuentes: cada canal, su última recolección y la integridad de sus registros.

sources-heading = Fuentes y calidad de los canales
sources-intro = Cada canal que el centro recolecta: cómo fue su última recolección, cuántos registros tiene y lo completos que están. Abra una fuente para ver sus recolecciones, su informe de calidad y, para los editores, la comprobación de un archivo o de un punto de acceso antes de publicar.
sources-across-languages = Entre lenguas
source-country = País
source-protocol = Protocolo
source-format = Formato
source-feed = Canal
source-schedule = Programación
source-next-harvest = , la próxima el { $next }
source-on-request = solo a petición
source-website = Sitio web
source-running-since = Hay una recolección en curso desde el { $since }.
source-last-harvest = Última recolección
source-run-started = iniciada el { $started }
source-run-took = , duró { $seconds } s
source-more-errors = y { $shown } más
source-not-harvested = Todavía no se ha recolectado.
source-feed-quality = Calidad del canal
source-no-records = Todavía no hay registros guardados.
source-records = { $count ->
    [one] { $shown } registro
   *[other] { $shown } registros
}
source-records-unreadable = , { $shown } ilegibles
source-average = ; de media constan el { $average } de los elementos obligatorios.
source-report-caption = Elementos del anexo I en los registros de { $institution }
source-worst = Registros menos completos
source-worst-none = Todos los registros indican todos los elementos obligatorios.
source-worst-complete = completo al { $percent }
source-worst-lacks = ; le falta: { $lacking }
report-element = Elemento
report-stated = Consta
report-missing = Falta
report-unreadable = Ilegible
report-optional = (opcional)
percent = { $value }{"\u00A0"}%
run-running = en curso
run-succeeded = correcta
run-partial = correcta en parte
run-failed = fallida
run-seen = Vistos
run-added = Añadidos
run-updated = Actualizados
run-unchanged = Sin cambios
run-deleted = Eliminados
run-failed-count = Fallidos

## Cómo se enlazan los registros entre lenguas.

bridge-on = Modelo multilingüe activado: { $count } registros se pueden encontrar por su significado desde cualquier lengua ({ $languages }).
bridge-no-language-yet = ninguna todavía
bridge-backlog = { $count ->
    [one] Queda { $shown } cambio por leer; hasta entonces, los registros recolectados desde entonces solo se encuentran por sus palabras.
   *[other] Quedan { $shown } cambios por leer; hasta entonces, los registros recolectados desde entonces solo se encuentran por sus palabras.
}
bridge-off = Modelo multilingüe desactivado: los registros solo se encuentran en la lengua en que están escritos ({ $why }).
bridge-not-configured = no configurado
dictionaries-being-read = Diccionarios bilingües: leyéndose.
dictionaries-loaded = Diccionarios bilingües al inglés: { $languages }.
dictionaries-off = Diccionarios bilingües desactivados.
dictionaries-off-because = Diccionarios bilingües desactivados: { $why }.
