# La página de búsqueda y una credencial en resumen, dondequiera que aparezca.

search-heading = Buscar microcredenciales
search-title-with-query = { $summary } para «{ $query }»
search-form-label = Ofertas
search-box-label = Buscar cursos y microcredenciales
search-placeholder = p. ej. ciencia de datos, Datenanalyse, cybersécurité
search-button = Buscar
search-filters = Filtros
search-filters-active = Filtros (activos)
search-ects-legend = Créditos ECTS
search-range-from = Desde
search-range-to = Hasta
search-eqf-legend = Nivel del MEC
search-any = Cualquiera
search-apply-filters = Aplicar filtros
search-clear-filters = Quitar todos los filtros
search-more = { $shown } más
search-sort-by = Ordenar por
search-sort-button = Ordenar
search-no-match = Ninguna oferta coincide. Pruebe con menos palabras o desmarque algunos filtros.
search-found = { $count ->
    [0] No se han encontrado ofertas
    [one] { $shown } oferta encontrada
   *[other] { $shown } ofertas encontradas
}
search-result-pages = Páginas de resultados
page-previous = Anterior
page-previous-hidden = {" "}página
page-next = Siguiente
page-next-hidden = {" "}página
page-number-hidden = Página{" "}
hit-kind = Tipo
hit-workload = Carga de trabajo
hit-eqf-level = Nivel del MEC
hit-participation = Participación
hit-described-in = Descrito en { $language } · encontrado por su significado, no por sus palabras
hit-found-by-meaning = Encontrado por su significado, no por sus palabras
facet-country = País
facet-institution = Institución
facet-eqf-level = Nivel del MEC
facet-workload = Carga de trabajo
facet-participation = Modalidad de participación
facet-kind = Tipo de oferta
facet-language = Lengua de enseñanza
facet-field = Ámbito de estudio
facet-assessment = Tipo de evaluación
facet-quality-assurance = Garantía de calidad
facet-learning-outcomes = Resultados de aprendizaje
sort-relevance = Relevancia
sort-title = Título (de la A a la Z)
sort-ects-fewest = ECTS (menos primero)
sort-ects-most = ECTS (más primero)
sort-eqf-lowest = Nivel del MEC (el más bajo primero)
sort-updated = Actualizados recientemente

## Una credencial en resumen.

untitled = Sin título
credits-ects = { $value } ECTS
credits-other = { $value } créditos ({ $scheme })
credits-unspecified = { $value } créditos (sistema no indicado)
workload-hours = { $hours } horas
workload-credits-and-hours = { $credits } ({ $hours })
eqf-level = Nivel { $level }
eqf-level-with-nqf = Nivel { $level } (marco nacional: { $nqf })
error-no-such-credential-id = no existe la credencial «{ $id }»; los identificadores tienen la forma demo-tu.0123456789abcdef0123
error-no-such-credential = no existe la credencial «{ $id }»
error-upload-not-held = { $id } es una credencial que alguien ha subido, no una recolectada: solo se conserva en el navegador que la subió, durante { $count } horas sin uso, y nunca se guarda; vuelva a subir el archivo en { $path } (las decisiones registradas sobre ella se conservan, con la huella del archivo)
another-language = otra lengua
unverified-claim = {" "}(declaración no verificada)

# Learners' filters, what a hit says of its next offer, and the offers a filter leaves out for not stating its element.
sort-start = Inicio más próximo
search-offers-legend = Fechas y precio
search-starts-after = Inicio después del
search-open-now = Inscripción abierta
search-duration-max = Duración máxima (semanas)
search-cost-max = Precio máximo (EUR; 0: gratis)
hit-next-start = Próximo inicio
hit-apply-by = Inscripción hasta
hit-languages = Lengua de enseñanza
hit-price = Precio
element-start-date = Fecha de inicio
element-duration = Duración
element-deadline = Plazo de inscripción
search-unstated = Sin indicar en { $count ->
    [one] 1 oferta
   *[other] { $count } ofertas
    }: { $element }.
search-unstated-included = Se muestran también: { $count ->
    [one] 1 oferta
   *[other] { $count } ofertas
    } sin indicación ({ $element }).
search-unstated-show = Mostrarlas también
search-unstated-hide = Ocultarlas
