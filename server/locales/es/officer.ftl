# Las páginas de los responsables de reconocimiento: inicio de sesión, búsqueda de la
# credencial presentada, decisiones, su formulario, su historial y su retirada.

field-error-prefix = Error:
error-summary-heading = Hay un problema
error-summary-nothing-recorded = Todavía no se ha registrado nada; todas sus respuestas se conservan en el formulario.
not-stated-lower = no consta
error-search-too-long = la búsqueda supera los { $bytes } bytes
error-no-such-institution = no existe la institución «{ $institution }»: ninguna está configurada con ese identificador y ninguna ha registrado una decisión con él

## Inicio de sesión.

sign-in-heading = Iniciar sesión
sign-in-signed-in-for = Sesión iniciada para { $name }
sign-in-sign-out-everywhere-help = Cerrar sesión termina esta sesión. Si su token se usó en un ordenador compartido, o una sesión puede haberse copiado, cierre la sesión en todos los dispositivos: termina toda sesión iniciada con el token de su institución, en todos los navegadores.
sign-in-sign-out-everywhere = Cerrar sesión en todos los dispositivos
sign-in-intro = Los responsables de reconocimiento inician sesión con el token de su institución para registrar decisiones de reconocimiento. El token se comprueba y no se guarda; la sesión termina a las ocho horas o al cerrarla.
sign-in-token = Token de la institución
sign-in-button = Iniciar sesión
sign-in-demo-heading = ¿Está probando la demo?
sign-in-demo-before = Esta es la red de demostración incluida. Inicie sesión como responsable de reconocimiento de la Technische Universität Demo con el token de demostración{" "}
sign-in-demo-after = ; después abra una credencial de otra universidad y registre lo que decidió su institución.
sign-in-demo-button = Iniciar sesión como responsable de demostración
sign-in-form-expired = El formulario ha caducado o no se envió desde este sitio. Vuelva a introducir su token.
sign-in-token-not-valid = Ese token no es válido. Compruébelo e inténtelo de nuevo.
sign-in-api-token = Ese es el token de API de una institución, para programas. Inicie sesión con su propio token de responsable: pídaselo al administrador del centro.

## Encontrar la credencial que presenta un estudiante.

recognise-heading = Reconocer una credencial
recognise-title-with-query = Reconocer una credencial: { $query }
recognise-intro = Un estudiante presenta una microcredencial de otra institución. Encuéntrela aquí, vea qué credenciales de su institución son sus equivalentes más cercanos, compare la mejor lado a lado y registre su decisión en la comparación.
recognise-intro-named = Un estudiante presenta una microcredencial de otra institución. Encuéntrela aquí, vea qué credenciales de { $institution } son sus equivalentes más cercanos, compare la mejor lado a lado y registre su decisión en la comparación.
recognise-form-label = La credencial presentada
recognise-which = ¿Qué credencial presenta el estudiante?
recognise-hint = Su título, su código o su institución, en cualquier lengua.
recognise-find = Buscarla
recognise-upload-link = ¿El estudiante ha traído un archivo?
recognise-upload-help = Súbalo o péguelo (una European Digital Credential, un Open Badge o JSON): se busca del mismo modo y no se guarda.
recognise-none-matches = Ninguna credencial coincide con «{ $query }»
recognise-matching = Credenciales que coinciden con «{ $query }»
recognise-try-fewer = Pruebe con menos palabras o con el nombre de la institución. Una credencial que no se recolecta aquí puede{" "}
recognise-try-upload-link = subirse desde el archivo del estudiante
recognise-try-upload-after = .
recognise-find-equivalents = : buscar sus equivalencias
recognise-the-credential = la credencial
recognise-credits-level-not-stated = No constan créditos ni nivel

## Las decisiones, en listas.

outcome-equivalent = Reconocida como equivalente
outcome-credits = Reconocida por { $ects } ECTS
outcome-refused = No reconocida
decision-withdrawn-badge = Retirada
decision-private-badge = Privada
decision-as-equivalent-to = como equivalente a
decision-institutions-credential = la credencial de la institución
decision-not-harvested-badge = No recolectada
decision-not-harvested = No recolectada: un archivo subido, leído como { $format }; emisor declarado, sin verificar: { $issuer }
decision-decided-by = Decidida por
decision-decided-on = el { $date }
decision-valid-until = , válida hasta el { $date }
decision-every-of-about = todas las decisiones de { $institution } sobre credenciales de { $sender }
decision-conditions = Condiciones:
decision-rationale = Motivación:
decision-may-no-longer-hold = Puede haber dejado de valer:
decision-details = Detalles e historial
decision-revise-link = Revisar esta decisión
decision-withdraw-link = Retirar esta decisión
decision-pages-label = Páginas de decisiones
decision-pages-newer = Decisiones más recientes
decision-pages-older = Decisiones más antiguas
history-caption = Cada revisión de esta decisión, de la más antigua a la más reciente
history-revision = Revisión
history-recorded = Registrada
history-by = Por
history-what = Qué ocurrió

## Las decisiones de una institución.

decisions-heading = Decisiones de reconocimiento de { $institution }
decisions-by-sender = Por la institución cuyas credenciales se decidieron
decisions-credentials-of = Credenciales de { $sender }
decisions-count = { $count ->
    [one] { $shown } decisión
   *[other] { $shown } decisiones
}
decisions-every = Todas las decisiones
decisions-showing = Decisiones { $range }, de la más reciente a la más antigua.
decisions-range = { $from }–{ $to } de { $total }
decisions-none-yet = Esta institución todavía no ha registrado ninguna decisión.
decisions-how-to-record = Para registrar una decisión, abra la credencial que se va a reconocer y use el formulario de «Decisiones de reconocimiento». Los programas leen estas decisiones en{" "}
decisions-api-link = la API JSON
decisions-api-after = .

## El formulario que registra o revisa una decisión.

form-heading-record = Registrar una decisión de { $institution }
form-submit-record = Registrar la decisión
form-decision = Decisión
form-outcome-equivalent = Equivalente a una de nuestras credenciales
form-outcome-credits = Reconocida por créditos
form-outcome-refused = No reconocida
form-target-legend = Nuestra credencial equivalente (para una equivalencia)
form-target-hint-search = Busque nuestras credenciales por título o código.
form-target-hint-choices = Primero van nuestras credenciales más parecidas; cualquier otra de las nuestras se encuentra por su título o código.
form-target-search = Buscar en nuestras credenciales
form-target-another = Otra de nuestras credenciales
form-find = Buscar
form-find-hint = Palabras de su título, o su código; «Buscar» muestra arriba lo que coincide y conserva todas las respuestas del formulario.
form-target-id = Nuestra credencial equivalente (identificador, para una equivalencia)
form-target-id-hint = Por ejemplo demo-lyon.0123456789abcdef0123; figura en la página de la credencial. Su institución no publica aquí credenciales entre las que elegir.
form-ects = Créditos ECTS concedidos (para créditos)
form-rationale = Motivación
form-conditions = Condiciones (opcional)
form-decided-on = Fecha de la decisión
form-valid-until = Válida hasta (opcional)
form-private = Privada: no publicar en otros centros
form-search-type-words = Escriba palabras del título, o un código, para buscar en nuestras credenciales.
form-search-found = { $count ->
    [0] Ninguna de nuestras credenciales coincide con «{ $words }». Pruebe con otras palabras o un código.
    [one] Una de nuestras credenciales coincide con «{ $words }»: es la primera abajo.
   *[other] { $shown } de nuestras credenciales coinciden con «{ $words }»: son las primeras abajo.
}
form-error-date = { $label } debe ser una fecha, como 2026-11-20, no «{ $value }»
form-error-decision-date = La fecha de la decisión
form-error-valid-until = La fecha de validez
form-error-target = Elija la credencial de su institución a la que equivale
form-error-ects-missing = Indique cuántos créditos ECTS se conceden
form-error-ects = Los créditos ECTS deben ser un número mayor que 0 y como máximo { $max }, no «{ $value }»
form-error-outcome = Elija qué se decidió: equivalencia, créditos o no reconocimiento
form-error-valid-before = La validez ({ $valid_until }) no puede terminar antes de la fecha de la decisión ({ $decided_on })
form-error-rationale = Explique por qué: la motivación es lo que leen el estudiante y el siguiente responsable
form-error-decided-on = Indique cuándo se decidió

## Retirar una decisión.

withdraw-heading = ¿Retirar esta decisión?
withdraw-intro = Una decisión retirada deja de contar como precedente para cualquiera. No se borra: queda en el historial de la decisión con su motivo, y quienes la recolectaron saben que se retiró.
withdraw-why = ¿Por qué se retira?
withdraw-hint = Por ejemplo: el curso ha cambiado y ya no cubre los mismos resultados. El estudiante y otros responsables lo leen.
withdraw-button = Retirar la decisión
withdraw-cancel = No, mantenerla
