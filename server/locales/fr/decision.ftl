# Une décision : sa page, son historique, sa révision et son retrait.

decision-title = Décision de reconnaissance : { $title }
decision-heading-before = Décision de reconnaissance :{" "}
decision-error-summary-revision = Votre révision comporte une erreur
decision-withdrawn-strong = Retirée.
decision-reason-given = Motif indiqué : { $reason }
decision-withdrawn-no-precedent = Elle ne compte plus comme précédent ; son historique est conservé ci-dessous.
decision-changed-since = La certification a changé depuis cette décision :
decision-check-again = Vérifiez à nouveau : la décision est-elle toujours valable ?
decision-still-holds = Elle reste valable
decision-revise-it = La réviser
decision-compare-both = Comparer les deux certifications côte à côte
decision-as-json = Cette décision en JSON
decision-case-file = Dossier pour le dossier de l'étudiant
decision-case-file-help = les deux certifications, la comparaison, les précédents et l'historique sur un document A4 : imprimez-le ou enregistrez-le en PDF
decision-history = Historique
decision-change = Modifier cette décision
decision-revision-kept = Une révision est enregistrée à côté des précédentes : rien n'est effacé.
decision-or = Ou{" "}
decision-withdraw-lower = retirer cette décision
decision-or-after = .
notice-revision-recorded = La révision est enregistrée.
form-submit-revision = Enregistrer la révision
withdraw-title = Retirer la décision concernant { $title } ?
withdraw-error-reason = Indiquez pourquoi la décision est retirée : l'étudiant et les autres responsables le lisent
withdraw-error-too-long = Limitez le motif à moins de { $max } caractères
error-no-such-decision = il n'existe pas de décision de reconnaissance « { $id } »
history-the-harvest = le moissonnage
history-recorded-first = Enregistrée
history-withdrawn-because = Retirée : { $reason }
history-withdrawn = Retirée
history-flagged = Signalée : la certification a changé depuis la décision ({ $changes })
history-confirmed = Confirmée : elle reste valable pour la certification telle qu'elle est
history-revised-nothing = Révisée, sans changement
history-revised = Révisée : { $changes }
change-decision = la décision
change-rationale = la motivation
change-conditions = les conditions
change-decision-date = la date de décision
change-validity = la validité
change-made-private = rendue privée
change-made-public = rendue publique

## Ce qu'un établissement a décidé sur les certifications d'un autre.

agreement-heading = Décisions de { $to } sur les certifications de { $from }
agreement-intro-before = Toutes les décisions de reconnaissance que{" "}
agreement-intro-after = {" "}a enregistrées sur une certification publiée par { $from }. Chaque décision porte sur une seule certification, examinée pour elle-même : c'est un précédent, pas une promesse pour la suivante.
agreement-show = Afficher
agreement-any-decision = Toute décision
agreement-still-holds = Toujours valable ?
agreement-either = Peu importe
agreement-at-risk-only = Seulement celles qui peuvent ne plus être valables
agreement-unchanged-only = Seulement celles dont la certification n'a pas changé
agreement-decided-from = Décidées à partir du
agreement-decided-until = Décidées jusqu'au
agreement-show-button = Afficher les décisions
agreement-showing = { $showing }, les plus récentes d'abord.
agreement-download = Télécharger cette liste en{" "}
agreement-download-or = {" "}ou en{" "}
agreement-none = Aucune décision ne correspond.
agreement-range = { $count ->
    [one] { $from } à { $to } sur { $shown } décision
   *[other] { $from } à { $to } sur { $shown } décisions
}
