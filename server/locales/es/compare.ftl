# Dos credenciales comparadas lado a lado, y los veredictos de las comparaciones en todas partes.

element-level = Nivel (MEC)
element-workload = Carga de trabajo
element-quality = Garantía de calidad
element-profile = Perfil (ámbito de estudio)
element-learning-outcomes = Resultados de aprendizaje
verdict-match = Coincide
verdict-minor = Diferencia menor
verdict-substantial = Diferencia sustancial
verdict-unknown = No comparable
label-match = Coincide
label-maybe = Quizá
label-miss = No coincide
finding-no-difference = No se ha encontrado ninguna diferencia sustancial entre los { $total } elementos.
finding-no-difference-among-comparable = No se ha encontrado ninguna diferencia sustancial entre los { $comparable } elementos comparables ({ $unknown } de { $total } desconocidos).
finding-substantial = Diferencia sustancial: { $elements }.
finding-not-enough = No hay información suficiente para comparar: { $unknown } de { $total } elementos desconocidos.
relation-this-course = Reconocido como este curso
relation-another-course = Reconocido aquí como otro curso
relation-credits-only = Aquí solo créditos
relation-refused = Denegado aquí
relation-elsewhere = Decidido en otra institución
precedent-at-risk = en riesgo: la credencial ha cambiado desde entonces
precedent-expired = caducada
candidate-described-in = Descrito en { $language }: comparado por su significado entre lenguas (similitud { $similarity }{"\u00A0"}%)
candidate-by-meaning = Comparado por su significado entre lenguas (similitud { $similarity }{"\u00A0"}%)
compare-heading = Comparar dos credenciales
compare-title = { $a } comparada con { $b }
compare-workload-not-stated = No consta la carga de trabajo
compare-eqf-level = Nivel del MEC { $level }
compare-held = Credencial que se tiene (A)
compare-candidate = Candidata (B)
compare-button = Comparar
compare-hint = Un título, un código o una institución; después elige entre las credenciales que encuentren.
compare-which = ¿Qué credencial es { $letter }?
compare-nothing-matches = Nada coincide con «{ $input }»
compare-matching = Credenciales que coinciden con «{ $input }»
compare-justify = Un reconocimiento tendría que justificarse en los elementos marcados abajo.
compare-scores = Puntuación global { $score }, similitud de texto { $similarity }.
compare-ask-for = Pida a la institución de A:
compare-b-lacks = B no indica: { $elements }.
compare-five-elements = Los cinco elementos
compare-outcomes-aligned = Resultados de aprendizaje, emparejados
compare-covers = B cubre el { $percent } de los resultados de aprendizaje de A.
compare-no-outcomes = A no indica resultados de aprendizaje que emparejar.
compare-not-compared = No comparado
compare-no-matching-outcome = Ningún resultado coincidente
compare-different-languages = Resultados en lenguas distintas: compárelos usted
compare-covered = Cubierto
compare-not-covered = No cubierto
compare-similarity = similitud { $percent }
compare-b-unmatched = Resultados de B sin pareja en A
compare-precedents = Precedentes: decisiones sobre A
compare-no-precedent = Todavía no hay ninguna decisión registrada sobre A.
compare-none-in-force = No hay ninguna decisión vigente sobre A; retiradas: { $shown } (su historial está en{" "}
compare-a-page = la página de A
compare-none-in-force-after = ).
compare-b-institution = (institución de B)
compare-other-institution = (otra institución: ni a favor ni en contra de B)
compare-decision-of = decisión del { $date }
compare-not-counted = No se cuenta: { $why }
compare-every-decision = Todas las decisiones sobre A completas
compare-your-decision = Su decisión sobre A
compare-recorded-for = Se registra para { $institution }, con B elegida como equivalente; elija otro resultado si esta comparación indica otra cosa.

## Las equivalencias de una credencial.

equivalents-back = Volver a la credencial
equivalents-heading-before = Equivalencias de{" "}
equivalents-any-institution = Cualquier otra institución
equivalents-narrow = Acotar
equivalents-candidates = Candidatas
equivalents-ask-for = Pida a la institución de esta credencial:
equivalents-ask-for-why = No los indica, así que no pueden compararse con ninguna candidata.
equivalents-no-specific = Esta institución probablemente no tiene un equivalente concreto:
equivalents-no-specific-reason = { $reason }. Aun así, las candidatas se muestran abajo.
equivalents-no-specific-default = la institución suele conceder solo créditos por credenciales como esta
equivalents-none = Ninguna credencial es lo bastante cercana para ser candidata ({ $shown } comparadas). Aun así, puede compararla con una que elija.
equivalents-none-filtered = Ninguna credencial de la institución o el país elegidos es lo bastante cercana para ser candidata ({ $shown } comparadas). Aun así, puede compararla con una que elija.
equivalents-best-first = Las mejores primero, de { $shown } comparadas. Cada una se compara como lo hace la práctica del reconocimiento: nivel, carga de trabajo, garantía de calidad, perfil y resultados de aprendizaje.
equivalents-order-learns = El orden también aprende de las { $shown } credenciales sobre las que esta institución ha decidido.
equivalents-suggestions = Coincide, Quizá y No coincide son sugerencias, no decisiones.
equivalents-suggestions-why = Ponderan el texto, los cinco elementos y las decisiones registradas de la institución; decide un responsable de reconocimiento.
equivalents-also-listed = También figura como
equivalents-suggestion = Sugerencia:
equivalents-likelihood = probabilidad { $percent }
equivalents-overall = puntuación global { $percent }
equivalents-candidate-lacks = Esta candidata no indica: { $elements }.
equivalents-why-suggested = Por qué se sugiere:
equivalents-bearing-decisions = Decisiones que afectan a esta candidata
equivalents-candidate-institution = (institución de esta candidata)
equivalents-shown-apart = (se muestra aparte: otra institución)
equivalents-near-identical = (sobre una credencial casi idéntica)
equivalents-compare = Comparar lado a lado
equivalents-compare-with = {" "}con { $title }
equivalents-compare-id = Comparar con la credencial (identificador)
equivalents-precedents = Precedentes
equivalents-no-precedent = Todavía no hay ninguna decisión registrada sobre esta credencial.
precedent-equivalent = { $count ->
    [one] { $shown } decisión la reconoció como equivalente a esta
   *[other] { $shown } decisiones la reconocieron como equivalente a esta
}
precedent-near-identical-all = {" "}(todas sobre una credencial casi idéntica)
precedent-near-identical = {" "}({ $shown } sobre una credencial casi idéntica)
precedent-other = { $count ->
    [one] { $shown } decisión de su institución decidió otra cosa (otro curso, solo créditos o denegación)
   *[other] { $shown } decisiones de su institución decidieron otra cosa (otro curso, solo créditos o denegación)
}
