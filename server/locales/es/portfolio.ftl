# El portafolio de quien aprende: «¿Me reconocerán mis credenciales?» (/portfolio).
nav-portfolio = Mi portafolio
credential-portfolio-add = Añadir a mi portafolio
credential-portfolio-remove = Quitar de mi portafolio
credential-portfolio-open = Abrir mi portafolio
portfolio-title = ¿Me reconocerán mis credenciales?
portfolio-heading = ¿Me reconocerán mis credenciales?
portfolio-intro = Reúna las microcredenciales que posee, elija una universidad y vea para cada una si allí se reconocería: según lo que esa universidad ya ha decidido o, si no, comparándola con sus propios cursos. Su portafolio se queda en este navegador; en el servidor no se guarda nada.
portfolio-only-the-institution-decides = Son indicaciones, no decisiones: solo la institución decide qué valor tienen sus credenciales. Consulte a su oficina de reconocimiento antes de contar con ellas.
portfolio-full = Su portafolio contiene { $count } credenciales, el máximo: quite una para añadir otra.
portfolio-items = { $count ->
    [one] { $shown } credencial en su portafolio
   *[other] { $shown } credenciales en su portafolio
}
portfolio-empty = Su portafolio está vacío. Busque sus credenciales en el catálogo y elija «Añadir a mi portafolio» en su página, o suba un archivo de credencial que haya recibido.
portfolio-find = Buscar credenciales
portfolio-upload = Subir un archivo de credencial
portfolio-institution = ¿Dónde deberían reconocerse?
portfolio-institution-hint = La universidad o institución en la que quiere estudiar.
portfolio-choose = Elija una institución
portfolio-check = Comprobar mis credenciales
portfolio-answer-heading = En { $institution }
portfolio-total-all = Créditos ECTS de su portafolio
portfolio-total-match = Probablemente reconocidos (Coincide)
portfolio-total-maybe = Por comprobar (Quizá)
portfolio-ects = { $ects } ECTS
portfolio-without-ects = { $count ->
    [one] { $shown } credencial no indica créditos ECTS y no se cuenta en estos totales.
   *[other] { $shown } credenciales no indican créditos ECTS y no se cuentan en estos totales.
}
portfolio-gone-title = Una credencial que ya no se publica
portfolio-gone = Esta credencial ya no se publica (o el archivo subido ya no se conserva): quítela de su portafolio.
portfolio-counts-for-ects = Se reconocería por { $ects } ECTS.
portfolio-counts-as = Reconocida como:
portfolio-closest = Curso más cercano:
portfolio-stacks-into = Cuenta para:
portfolio-remove = Quitar
portfolio-find-more = Añadir más credenciales
portfolio-print = Imprimir
portfolio-download = Descargar en JSON
portfolio-clear = Vaciar mi portafolio
portfolio-other-site = Su portafolio solo puede modificarse desde las páginas de este sitio.
portfolio-basis-own = Es una credencial de la propia { $institution }.
portfolio-basis-equivalent = { $institution } decidió el { $date } que esta credencial equivale a una de las suyas.
portfolio-basis-credits = { $institution } decidió el { $date } reconocer esta credencial en créditos.
portfolio-basis-refused = { $institution } decidió el { $date } no reconocer esta credencial.
portfolio-basis-changed-since = La credencial ha cambiado desde entonces: la decisión puede revisarse.
portfolio-basis-lookup = { $institution } no ha decidido sobre esta credencial. Comparado con sus propios cursos, el más cercano es equivalente con una probabilidad del { $percent } %.
portfolio-basis-nothing = { $institution } no ha decidido sobre esta credencial y no publica ningún curso con el que compararla.
