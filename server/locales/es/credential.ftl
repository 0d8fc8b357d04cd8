# La página de una credencial: sus elementos del anexo I, ofertas, procedencia y decisiones.

not-stated = No consta
decision-error-summary = Hay un problema con su decisión
title-error = Error: { $title }
credential-awarding-body-not-stated = No consta el organismo que la otorga
credential-unverified-publisher = Publicado por { $publisher }, que no está registrado para publicar en nombre de este organismo: el organismo que la otorga es lo que afirma el registro, sin verificar.
credential-withdrawn-by-publisher = Su editor ha retirado esta credencial. Lo último que decía se conserva abajo.
credential-not-harvested-heading = No recolectada — archivo subido, emisor declarado, sin verificar.
credential-not-harvested = Esta credencial se ha leído de { $what } subido en este navegador ({ $file }), no del canal de su institución: nadie ha comprobado que el organismo indicado la haya expedido. No se publica ni se guarda; se conserva aquí durante { $hours } horas sin uso. Una decisión sobre ella se registra con la huella del archivo y el emisor que declara.
credential-find-equivalents = Buscar equivalencias
credential-compare-with-another = Comparar con otra credencial
credential-institution-website = Sitio web de la institución
credential-offer-page = Página de la oferta en la institución
credential-completeness = Integridad
credential-completeness-stated = Constan { $present } de { $mandatory } elementos obligatorios del anexo I
credential-completeness-meter = { $present } de { $mandatory }
credential-every-element-stated = Constan todos los elementos obligatorios.
credential-missing = Faltan:
credential-description = Descripción
credential-learning-outcomes = Resultados de aprendizaje
credential-annex-elements = Elementos del anexo I
credential-outcomes-listed = { $shown } enumerados
credential-outcomes-above = arriba
credential-workload = Carga de trabajo
credential-optional-element = (elemento opcional)
credential-supervision = Supervisión y verificación de la identidad
credential-grading = Calificación
credential-languages = Lenguas de enseñanza
credential-fields = Ámbitos de estudio (CINE-F)
credential-keywords = Palabras clave
credential-offers = Ofertas
credential-no-offer = No se ha publicado ninguna oferta con fechas.
credential-decisions = Decisiones de reconocimiento
credential-no-decision-in-force = No hay ninguna decisión vigente sobre esta credencial.
credential-no-decision-yet = Ninguna institución ha registrado todavía una decisión sobre esta credencial.
credential-withdrawn-decisions = { $count ->
    [one] { $shown } decisión retirada
   *[other] { $shown } decisiones retiradas
}
credential-sign-in-link = Inicie sesión
credential-sign-in-to-decide = {" "}con el token de su institución para registrar una decisión.
notice-decision-recorded = Su decisión ha quedado registrada.
notice-decision-withdrawn = La decisión ha sido retirada.
notice-file-read = Se ha leído el archivo. Compruebe abajo lo que dice y luego busque sus equivalencias.
error-not-a-source = «{ $institution }» no es una fuente de este centro
equivalents-title = Equivalencias de { $title }

## Los elementos del anexo I de la Recomendación del Consejo sobre las microcredenciales.

annex-title = Título
annex-awarding_body = Organismo que la otorga
annex-country = País del organismo que la otorga
annex-learning_outcomes = Resultados de aprendizaje
annex-workload = Carga de trabajo (ECTS)
annex-eqf_level = Nivel del MEC
annex-assessment = Tipo de evaluación
annex-participation = Modalidad de participación
annex-quality_assurance = Garantía de calidad
annex-prerequisites = Requisitos previos
annex-stackability = Integración y acumulabilidad

## Una oferta de la credencial.

offer-starts = Inicio
offer-ends = Fin
offer-apply-by = Inscripción hasta
offer-language = Lengua
offer-venue = Lugar
offer-participation = Participación
offer-cost = Coste
offer-page = Página de esta oferta

## De dónde procede un registro.

provenance-heading = Procedencia
provenance-source = Fuente
provenance-uploaded-file = Archivo subido, no recolectado
provenance-file = Archivo
provenance-one-of = { $count ->
    [one] la única credencial que contiene
   *[other] una de las { $shown } credenciales que contiene
}
provenance-read-as = Leído como
provenance-identifier-in-file = Identificador en el archivo
provenance-fingerprint = Huella (SHA-256)
provenance-uploaded = Subido
provenance-your-uploads = Sus credenciales subidas
provenance-upstream-identifier = Identificador en la fuente
provenance-harvested = Recolectado
provenance-last-harvest = Última recolección de la fuente
provenance-datestamp = Fecha del editor
provenance-version = Versión
provenance-version-first-seen = { $version } (vista por primera vez el { $first_seen })
provenance-came-through = Llegó a través de
provenance-as-json = Este registro en JSON

# The learner's view: the credential at a glance, what it counts for; the officer's detail folded.
glance-heading = De un vistazo
glance-what = Qué
glance-when = Próximas fechas
glance-how = Cómo y dónde
glance-cost = Precio
glance-languages = Lengua de enseñanza
glance-enrol = Cómo inscribirse
glance-apply-by = Inscripción hasta el { $date }.
glance-enrol-link = Inscríbete en la página de la oferta
glance-counts-for = Para qué se reconoce
glance-counts-for-none = Ninguna institución ha registrado aquí todavía una decisión al respecto.
glance-counts-for-details = Las decisiones completas
glance-only-the-institution-decides = Solo la institución a la que lo presentes decide para qué vale allí; estas son decisiones que ella u otras registraron antes.
credential-officer-detail = Para responsables de reconocimiento: completitud y elementos del anexo I
completeness-explained = La completitud es la proporción de los elementos obligatorios del anexo I de la Recomendación del Consejo que indica el registro del editor; lo que el centro supone a partir de la configuración de la fuente no cuenta.
credential-missing-assumed = { $element } (supuesto a partir de la configuración de la fuente, no indicado en el registro)
