# La mise en page de chaque page, la page d'erreur, et l'écriture des dates et des nombres.

language-own-name = Français
site-name = Centre de reconnaissance
skip-to-content = Aller au contenu
nav-main-label = Navigation principale
nav-search = Recherche
nav-recognise = Reconnaître
nav-compare = Comparer
nav-sources = Sources
nav-decisions = Décisions
nav-sign-in = Se connecter
nav-sign-out = Se déconnecter
nav-language-label = Langue
footer-about = Métadonnées de microcertifications collectées auprès d'établissements partenaires, décrites selon les éléments de l'annexe I de la recommandation du Conseil sur les microcertifications (2022).
footer-api-before = Les programmes peuvent utiliser l'
footer-api-link = API JSON
footer-api-after = .

## La page d'erreur. Les messages s'écrivent sans majuscule ni point final : la page
## ajoute les deux.

error-heading-bad-request = Cette requête est illisible
error-heading-forbidden = Non autorisé
error-heading-not-found = Introuvable
error-heading-over-budget = Cela a pris trop de temps
error-heading-disk-full = Rien ne peut être enregistré pour le moment
error-heading-internal = Une erreur s'est produite
error-internal = le centre de reconnaissance n'a pas pu répondre ; l'erreur est consignée
error-not-found-page = il n'y a pas de page à l'adresse { $path } ; cherchez des offres depuis la page d'accueil
error-over-budget = { $what } a pris plus que les { $budget_ms } ms que ce centre accorde à une requête et n'a pas abouti ; réessayez plus tard ou demandez moins de candidats
error-disk-full = le disque qui contient les données du centre est presque plein ({ $available_mb } Mo libres, { $reserve_mb } Mo en réserve) : les moissonnages et l'enregistrement des décisions sont suspendus jusqu'à ce que de la place soit libérée, puis reprennent d'eux-mêmes
error-store-cannot-write-full = le stockage n'a pas pu écrire sur le disque le { $at } ({ $error }) : rien ne peut être enregistré tant que de la place n'est pas libérée sur le disque du répertoire de données ; le centre redémarre alors de lui-même et enregistre de nouveau ; tout ce qui a été enregistré avant est en sécurité et la consultation continue
error-store-cannot-write = le stockage n'a pas pu écrire sur le disque le { $at } ({ $error }) : rien ne peut être enregistré tant que le centre n'est pas redémarré une fois la cause corrigée ; tout ce qui a été enregistré avant est en sécurité et la consultation continue
error-back-to-search = Retour à la recherche
work-case-file = le dossier
work-equivalence-lookup = la recherche d'équivalences
work-comparison = la comparaison
work-request = la requête

## Dates et nombres.

date-long = { $day ->
    [1] 1er
   *[other] { $day }
} { $month } { $year }
date-time = { $date } à { $time } UTC
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
number-decimal-separator = ,
number-group-separator = {"\u202F"}
number-group-min-digits = 4

## Ce que dit le script des pages (app.js le lit dans la page).

script-suggestions-label = Certifications correspondantes
script-no-match = Aucune certification ne correspond.
script-matches-one = { $count } certification correspond ; flèche vers le bas pour la parcourir, Entrée pour la choisir.
script-matches-other = { $count } certifications correspondent ; flèche vers le bas pour les parcourir, Entrée pour en choisir une.
script-chosen = Choisie : { $title }.
