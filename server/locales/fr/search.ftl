# La page de recherche, et une certification en bref partout où elle est listée.

search-heading = Trouver des microcertifications
search-title-with-query = { $summary } pour « { $query } »
search-form-label = Offres
search-box-label = Rechercher des cours et des microcertifications
search-placeholder = p. ex. cybersécurité, data science, Datenanalyse
search-button = Rechercher
search-filters = Filtres
search-filters-active = Filtres (actifs)
search-ects-legend = Crédits ECTS
search-range-from = De
search-range-to = À
search-eqf-legend = Niveau CEC
search-any = Tous
search-apply-filters = Appliquer les filtres
search-clear-filters = Effacer tous les filtres
search-more = { $shown } de plus
search-sort-by = Trier par
search-sort-button = Trier
search-no-match = Aucune offre ne correspond. Essayez avec moins de mots, ou décochez certains filtres.
search-found = { $count ->
    [0] Aucune offre trouvée
    [one] { $shown } offre trouvée
   *[other] { $shown } offres trouvées
}
search-result-pages = Pages de résultats
page-previous = Précédente
page-previous-hidden = {" "}page
page-next = Suivante
page-next-hidden = {" "}page
page-number-hidden = Page{" "}
hit-kind = Type
hit-workload = Charge de travail
hit-eqf-level = Niveau CEC
hit-participation = Participation
hit-described-in = Décrit en { $language } · trouvé par le sens, pas par vos mots
hit-found-by-meaning = Trouvé par le sens, pas par vos mots
facet-country = Pays
facet-institution = Établissement
facet-eqf-level = Niveau CEC
facet-workload = Charge de travail
facet-participation = Mode de participation
facet-kind = Type d'offre
facet-language = Langue d'enseignement
facet-field = Domaine d'études
facet-assessment = Type d'évaluation
facet-quality-assurance = Assurance qualité
facet-learning-outcomes = Acquis d'apprentissage
sort-relevance = Pertinence
sort-title = Titre (de A à Z)
sort-ects-fewest = ECTS (les moins d'abord)
sort-ects-most = ECTS (les plus d'abord)
sort-eqf-lowest = Niveau CEC (le plus bas d'abord)
sort-updated = Mis à jour récemment

## Une certification en bref.

untitled = Sans titre
credits-ects = { $value } ECTS
credits-other = { $value } crédits ({ $scheme })
credits-unspecified = { $value } crédits (système non précisé)
workload-hours = { $hours } heures
workload-credits-and-hours = { $credits } ({ $hours })
eqf-level = Niveau { $level }
eqf-level-with-nqf = Niveau { $level } (cadre national : { $nqf })
error-no-such-credential-id = il n'existe pas de certification « { $id } » ; les identifiants ressemblent à demo-tu.0123456789abcdef0123
error-no-such-credential = il n'existe pas de certification « { $id } »
error-upload-not-held = { $id } est une certification téléversée, non moissonnée : elle n'est conservée que dans le navigateur qui l'a téléversée, pendant { $count } heures sans utilisation, et n'est jamais enregistrée ; téléversez à nouveau le fichier sur { $path } (les décisions prises à son sujet sont conservées, avec l'empreinte du fichier)
another-language = une autre langue
unverified-claim = {" "}(déclaration non vérifiée)

# Learners' filters, what a hit says of its next offer, and the offers a filter leaves out for not stating its element.
sort-start = Début le plus proche
search-offers-legend = Dates et prix
search-starts-after = Début après le
search-open-now = Candidatures ouvertes
search-duration-max = Durée maximale (semaines)
search-cost-max = Prix maximum (EUR ; 0 : gratuit)
hit-next-start = Prochain début
hit-apply-by = Candidater avant le
hit-languages = Langue d'enseignement
hit-price = Prix
element-start-date = Date de début
element-duration = Durée
element-deadline = Date limite de candidature
search-unstated = Non indiqué par { $count ->
    [one] 1 offre
   *[other] { $count } offres
    } : { $element }.
search-unstated-included = Affichées aussi : { $count ->
    [one] 1 offre
   *[other] { $count } offres
    } sans indication ({ $element }).
search-unstated-show = Les afficher aussi
search-unstated-hide = Les masquer
