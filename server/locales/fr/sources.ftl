# La page des sources : chaque flux, son dernier moissonnage et la complétude de ses notices.

sources-heading = Sources et qualité des flux
sources-intro = Chaque flux que le centre moissonne : comment s'est passée sa dernière moisson, combien de notices il contient et à quel point elles sont complètes. Ouvrez une source pour ses moissons, son rapport de qualité et, pour les éditeurs, la vérification d'un fichier ou d'un point d'accès avant publication.
sources-across-languages = D'une langue à l'autre
source-country = Pays
source-protocol = Protocole
source-format = Format
source-feed = Flux
source-schedule = Calendrier
source-next-harvest = , prochain le { $next }
source-on-request = uniquement sur demande
source-website = Site web
source-running-since = Un moissonnage est en cours depuis le { $since }.
source-last-harvest = Dernier moissonnage
source-run-started = commencé le { $started }
source-run-took = , durée { $seconds } s
source-more-errors = et { $shown } de plus
source-not-harvested = Pas encore moissonné.
source-feed-quality = Qualité du flux
source-no-records = Aucune notice enregistrée pour l'instant.
source-records = { $count ->
    [one] { $shown } notice
   *[other] { $shown } notices
}
source-records-unreadable = , { $shown } illisibles
source-average = ; en moyenne, { $average } des éléments obligatoires sont renseignés.
source-report-caption = Éléments de l'annexe I dans les notices de { $institution }
source-worst = Notices les moins complètes
source-worst-none = Chaque notice renseigne tous les éléments obligatoires.
source-worst-complete = complète à { $percent }
source-worst-lacks = ; manque : { $lacking }
report-element = Élément
report-stated = Renseigné
report-missing = Manquant
report-unreadable = Illisible
report-optional = (facultatif)
percent = { $value }{"\u202F"}%
run-running = en cours
run-succeeded = réussi
run-partial = partiellement réussi
run-failed = échoué
run-seen = Vues
run-added = Ajoutées
run-updated = Mises à jour
run-unchanged = Inchangées
run-deleted = Supprimées
run-failed-count = En échec

## Comment les notices sont reliées d'une langue à l'autre.

bridge-on = Modèle multilingue activé : { $count } notices peuvent être trouvées par le sens depuis n'importe quelle langue ({ $languages }).
bridge-no-language-yet = aucune pour l'instant
bridge-backlog = { $count ->
    [one] { $shown } modification reste à lire ; les notices moissonnées depuis ne sont trouvées que par leurs mots d'ici là.
   *[other] { $shown } modifications restent à lire ; les notices moissonnées depuis ne sont trouvées que par leurs mots d'ici là.
}
bridge-off = Modèle multilingue désactivé : les notices ne sont trouvées que dans la langue où elles sont écrites ({ $why }).
bridge-not-configured = non configuré
dictionaries-being-read = Dictionnaires bilingues : en cours de lecture.
dictionaries-loaded = Dictionnaires bilingues vers l'anglais : { $languages }.
dictionaries-off = Dictionnaires bilingues désactivés.
dictionaries-off-because = Dictionnaires bilingues désactivés : { $why }.
