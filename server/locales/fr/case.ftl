# Le dossier d'une décision pour le dossier de l'étudiant, mis en page pour l'A4.

case-title = Dossier : { $title }
case-kicker = Dossier de reconnaissance
case-heading-before = Reconnaissance de{" "}
case-back = Retour à la décision
case-print = Imprimer ou enregistrer en PDF
case-download-json = Télécharger en JSON
case-print-hint = Mis en page pour le papier A4. Pour garder un PDF, imprimez cette page et choisissez « Enregistrer au format PDF » comme imprimante ; la navigation et les boutons du site sont omis.
case-standing = Statut
case-put-together = Établi le
case-online = En ligne
case-in-force = En vigueur
case-at-risk = Peut ne plus être valable : la certification a changé depuis la décision ({ $changes })
case-expired = Expirée le { $date }
case-section-decision = 1. La décision
case-to = pour
case-no-end-date = Sans date de fin
case-conditions = Conditions
case-none = Aucune
case-published = Publication
case-private = Privée : visible seulement par { $institution }
case-public = Publique : listée pour tous et publiée vers d'autres centres
case-section-credentials = 2. Les certifications
case-credential-held = Certification détenue
case-equivalent-credential = Certification équivalente
case-held-gone = La certification détenue n'est plus conservée ici.
case-withdrawn-by-publisher = Retirée par son éditeur : ce qu'elle indiquait n'est plus publié.
case-code = Code
case-type = Type
case-record = Notice
case-version-now-older-gone = Version { $shown } de la notice, telle qu'elle est aujourd'hui (la version { $relied_on }, sur laquelle porte la décision, n'est plus conservée)
case-version-unchanged = Version { $shown } de la notice, telle que décidée ; inchangée depuis
case-version-changed = Version { $shown } de la notice, telle que décidée ; la notice en est maintenant à la version { $now }
case-version-decided-on = Version { $shown } de la notice, telle que décidée
case-version-as-now = Version { $shown } de la notice, telle qu'elle est aujourd'hui
case-section-comparison = 3. La comparaison des éléments
case-overall = Score global { $score }. A est la certification détenue, B la certification équivalente.
case-held-lacks = La certification détenue ne précise pas : { $elements }.
case-not-compared-gone = Les deux certifications ne peuvent pas être comparées : l'une a été retirée par son éditeur ou n'est plus conservée.
case-not-compared-credits = La décision accorde des crédits sans désigner de certification équivalente : il n'y a rien à comparer avec la certification détenue.
case-not-compared-refused = La certification n'a pas été reconnue : la décision ne désigne aucune certification équivalente à laquelle la comparer.
case-section-precedents = 4. Précédents
case-for-b = Pour B :
case-no-other = Aucune autre décision concernant la certification détenue n'est en vigueur.
case-no-other-withdrawn = Aucune autre décision concernant la certification détenue n'est en vigueur ({ $count ->
    [one] { $shown } retirée
   *[other] { $shown } retirées
}).
case-others = Autres décisions concernant la certification détenue, les plus récentes d'abord :
case-others-withdrawn = Autres décisions concernant la certification détenue, les plus récentes d'abord ({ $count ->
    [one] { $shown } retirée, non listée
   *[other] { $shown } retirées, non listées
}) :
case-by-on = par { $institution } le { $date }
case-decision-id = décision { $id }
case-section-audit = 5. Piste d'audit
case-machine-readable = Dossier lisible par machine (JSON, clearinghouse-case-file version 1) :
