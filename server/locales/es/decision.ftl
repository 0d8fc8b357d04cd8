# Una decisión: su página, su historial, su revisión y su retirada.

decision-title = Decisión de reconocimiento: { $title }
decision-heading-before = Decisión de reconocimiento:{" "}
decision-error-summary-revision = Hay un problema con su revisión
decision-withdrawn-strong = Retirada.
decision-reason-given = Motivo indicado: { $reason }
decision-withdrawn-no-precedent = Ya no cuenta como precedente; su historial se conserva abajo.
decision-changed-since = La credencial ha cambiado desde esta decisión:
decision-check-again = Compruébela de nuevo: ¿sigue valiendo la decisión?
decision-still-holds = Sigue valiendo
decision-revise-it = Revisarla
decision-compare-both = Comparar las dos credenciales lado a lado
decision-as-json = Esta decisión en JSON
decision-case-file = Expediente para el archivo del estudiante
decision-case-file-help = ambas credenciales, la comparación, los precedentes y el historial en un documento A4: imprímalo o guárdelo como PDF
decision-history = Historial
decision-change = Cambiar esta decisión
decision-revision-kept = Una revisión se registra junto a las anteriores: no se borra nada.
decision-or = O bien{" "}
decision-withdraw-lower = retire esta decisión
decision-or-after = .
notice-revision-recorded = La revisión ha quedado registrada.
form-submit-revision = Registrar la revisión
withdraw-title = ¿Retirar la decisión sobre { $title }?
withdraw-error-reason = Indique por qué se retira la decisión: el estudiante y otros responsables lo leen
withdraw-error-too-long = El motivo debe tener menos de { $max } caracteres
error-no-such-decision = no existe la decisión de reconocimiento «{ $id }»
history-the-harvest = la recolección
history-recorded-first = Registrada
history-withdrawn-because = Retirada: { $reason }
history-withdrawn = Retirada
history-flagged = Señalada: la credencial ha cambiado desde la decisión ({ $changes })
history-confirmed = Confirmada: sigue valiendo para la credencial tal como es ahora
history-revised-nothing = Revisada, sin cambios
history-revised = Revisada: { $changes }
change-decision = la decisión
change-rationale = la motivación
change-conditions = las condiciones
change-decision-date = la fecha de la decisión
change-validity = la validez
change-made-private = hecha privada
change-made-public = hecha pública

## Lo que una institución ha decidido sobre las credenciales de otra.

agreement-heading = Decisiones de { $to } sobre credenciales de { $from }
agreement-intro-before = Todas las decisiones de reconocimiento que{" "}
agreement-intro-after = {" "}ha registrado sobre una credencial publicada por { $from }. Cada decisión trata de una sola credencial, valorada por sí misma: es un precedente, no una promesa sobre la siguiente.
agreement-show = Mostrar
agreement-any-decision = Cualquier decisión
agreement-still-holds = ¿Sigue valiendo?
agreement-either = Da igual
agreement-at-risk-only = Solo las que pueden haber dejado de valer
agreement-unchanged-only = Solo aquellas cuya credencial no ha cambiado
agreement-decided-from = Decididas desde
agreement-decided-until = Decididas hasta
agreement-show-button = Mostrar decisiones
agreement-showing = { $showing }, de la más reciente a la más antigua.
agreement-download = Descargue esta lista en{" "}
agreement-download-or = {" "}o en{" "}
agreement-none = Ninguna decisión coincide.
agreement-range = { $count ->
    [one] { $from }–{ $to } de { $shown } decisión
   *[other] { $from }–{ $to } de { $shown } decisiones
}
