# Deux certifications comparées côte à côte, et les verdicts des comparaisons partout.

element-level = Niveau (CEC)
element-workload = Charge de travail
element-quality = Assurance qualité
element-profile = Profil (domaine d'études)
element-learning-outcomes = Acquis d'apprentissage
verdict-match = Correspondance
verdict-minor = Différence mineure
verdict-substantial = Différence substantielle
verdict-unknown = Non comparable
label-match = Correspond
label-maybe = Peut-être
label-miss = Ne correspond pas
finding-no-difference = Aucune différence substantielle entre les { $total } éléments.
finding-no-difference-among-comparable = Aucune différence substantielle entre les { $comparable } éléments comparables ({ $unknown } sur { $total } inconnus).
finding-substantial = Différence substantielle : { $elements }.
finding-not-enough = Pas assez d'informations pour comparer : { $unknown } éléments sur { $total } inconnus.
relation-this-course = Reconnu comme ce cours
relation-another-course = Reconnu ici comme un autre cours
relation-credits-only = Crédits seulement ici
relation-refused = Refusé ici
relation-elsewhere = Décidé dans un autre établissement
precedent-at-risk = fragilisée : la certification a changé depuis
precedent-expired = expirée
candidate-described-in = Décrit en { $language } : comparé par le sens d'une langue à l'autre (similarité { $similarity }{"\u202F"}%)
candidate-by-meaning = Comparé par le sens d'une langue à l'autre (similarité { $similarity }{"\u202F"}%)
compare-heading = Comparer deux certifications
compare-title = { $a } comparé à { $b }
compare-workload-not-stated = Charge de travail non précisée
compare-eqf-level = Niveau CEC { $level }
compare-held = Certification détenue (A)
compare-candidate = Candidate (B)
compare-button = Comparer
compare-hint = Un intitulé, un code ou un établissement ; vous choisissez ensuite parmi les certifications trouvées.
compare-which = Quelle certification est { $letter } ?
compare-nothing-matches = Rien ne correspond à « { $input } »
compare-matching = Certifications correspondant à « { $input } »
compare-justify = Une reconnaissance devrait être justifiée sur les éléments signalés ci-dessous.
compare-scores = Score global { $score }, similarité des textes { $similarity }.
compare-ask-for = Demandez à l'établissement de A :
compare-b-lacks = B ne précise pas : { $elements }.
compare-five-elements = Les cinq éléments
compare-outcomes-aligned = Acquis d'apprentissage mis en regard
compare-covers = B couvre { $percent } des acquis d'apprentissage de A.
compare-no-outcomes = A ne précise aucun acquis d'apprentissage à mettre en regard.
compare-not-compared = Non comparé
compare-no-matching-outcome = Aucun acquis correspondant
compare-different-languages = Acquis dans des langues différentes : comparez-les vous-même
compare-covered = Couvert
compare-not-covered = Non couvert
compare-similarity = similarité { $percent }
compare-b-unmatched = Acquis de B sans équivalent dans A
compare-precedents = Précédents : décisions concernant A
compare-no-precedent = Aucune décision concernant A n'est encore enregistrée.
compare-none-in-force = Aucune décision concernant A n'est en vigueur ; { $count ->
    [one] { $shown } retirée (son historique figure sur{" "}
   *[other] { $shown } retirées (leur historique figure sur{" "}
}
compare-a-page = la page de A
compare-none-in-force-after = ).
compare-b-institution = (établissement de B)
compare-other-institution = (autre établissement : ni pour ni contre B)
compare-decision-of = décision du { $date }
compare-not-counted = Non comptée : { $why }
compare-every-decision = Toutes les décisions concernant A en détail
compare-your-decision = Votre décision concernant A
compare-recorded-for = Enregistrée pour { $institution }, B choisie comme équivalent ; choisissez une autre issue si cette comparaison indique autre chose.

## Les équivalences d'une certification.

equivalents-back = Retour à la certification
equivalents-heading-before = Équivalences de{" "}
equivalents-any-institution = Tout autre établissement
equivalents-narrow = Affiner
equivalents-candidates = Candidates
equivalents-ask-for = Demandez à l'établissement de cette certification :
equivalents-ask-for-why = Elle ne les précise pas, ils ne peuvent donc être comparés avec aucune candidate.
equivalents-no-specific = Cet établissement n'a probablement pas d'équivalent précis :
equivalents-no-specific-reason = { $reason }. Les candidates ci-dessous sont tout de même listées.
equivalents-no-specific-default = l'établissement n'accorde le plus souvent que des crédits pour des certifications comme celle-ci
equivalents-none = Aucune certification n'est assez proche pour être candidate ({ $shown } comparées). Vous pouvez tout de même comparer avec une certification de votre choix.
equivalents-none-filtered = Aucune certification de l'établissement ou du pays choisi n'est assez proche pour être candidate ({ $shown } comparées). Vous pouvez tout de même comparer avec une certification de votre choix.
equivalents-best-first = Les meilleures d'abord, sur { $shown } comparées. Chacune est comparée comme le fait la pratique de la reconnaissance : niveau, charge de travail, assurance qualité, profil et acquis d'apprentissage.
equivalents-order-learns = L'ordre tient aussi compte des { $shown } certifications sur lesquelles cet établissement a statué.
equivalents-suggestions = Correspond, Peut-être et Ne correspond pas sont des suggestions, pas des décisions.
equivalents-suggestions-why = Elles pèsent le texte, les cinq éléments et les décisions enregistrées de l'établissement ; c'est un responsable de la reconnaissance qui décide.
equivalents-also-listed = Aussi listée comme
equivalents-suggestion = Suggestion :
equivalents-likelihood = probabilité { $percent }
equivalents-overall = score global { $percent }
equivalents-candidate-lacks = Cette candidate ne précise pas : { $elements }.
equivalents-why-suggested = Pourquoi elle est suggérée :
equivalents-bearing-decisions = Décisions qui concernent cette candidate
equivalents-candidate-institution = (établissement de cette candidate)
equivalents-shown-apart = (présenté à part : autre établissement)
equivalents-near-identical = (sur une certification quasi identique)
equivalents-compare = Comparer côte à côte
equivalents-compare-with = {" "}avec { $title }
equivalents-compare-id = Comparer avec la certification (identifiant)
equivalents-precedents = Précédents
equivalents-no-precedent = Aucune décision concernant cette certification n'est encore enregistrée.
precedent-equivalent = { $count ->
    [one] { $shown } décision l'a reconnue équivalente à celle-ci
   *[other] { $shown } décisions l'ont reconnue équivalente à celle-ci
}
precedent-near-identical-all = {" "}(toutes sur une certification quasi identique)
precedent-near-identical = {" "}({ $shown } sur une certification quasi identique)
precedent-other = { $count ->
    [one] { $shown } décision de son établissement a tranché autrement (autre cours, crédits seulement ou refus)
   *[other] { $shown } décisions de son établissement ont tranché autrement (autre cours, crédits seulement ou refus)
}
