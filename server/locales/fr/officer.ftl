# Les pages des responsables de la reconnaissance : connexion, recherche de la certification
# présentée, décisions, leur formulaire, leur historique et leur retrait.

field-error-prefix = Erreur :
error-summary-heading = Il y a un problème
error-summary-nothing-recorded = Rien n'a encore été enregistré ; toutes vos réponses sont conservées dans le formulaire.
not-stated-lower = non précisé
error-search-too-long = la recherche dépasse { $bytes } octets
error-no-such-institution = il n'existe pas d'établissement « { $institution } » : aucun n'est configuré sous cet identifiant et aucun n'y a enregistré de décision

## Connexion.

sign-in-heading = Se connecter
sign-in-signed-in-for = Connecté pour { $name }
sign-in-sign-out-everywhere-help = Se déconnecter met fin à cette session. Si votre jeton a été utilisé sur un ordinateur partagé, ou si une session a pu être copiée, déconnectez-vous sur tous les appareils : toute session ouverte avec le jeton de votre établissement prend fin, dans tous les navigateurs.
sign-in-sign-out-everywhere = Se déconnecter sur tous les appareils
sign-in-intro = Les responsables de la reconnaissance se connectent avec le jeton de leur établissement pour enregistrer des décisions de reconnaissance. Le jeton est vérifié et n'est pas conservé ; la session prend fin après huit heures ou à la déconnexion.
sign-in-token = Jeton de l'établissement
sign-in-button = Se connecter
sign-in-demo-heading = Vous essayez la démo ?
sign-in-demo-before = Voici le réseau de démonstration fourni. Connectez-vous comme responsable de la reconnaissance de la Technische Universität Demo avec le jeton de démonstration{" "}
sign-in-demo-after = , puis ouvrez une certification d'une autre université et enregistrez ce que votre établissement a décidé.
sign-in-demo-button = Se connecter comme responsable de démonstration
sign-in-form-expired = Le formulaire a expiré ou n'a pas été envoyé depuis ce site. Saisissez à nouveau votre jeton.
sign-in-token-not-valid = Ce jeton n'est pas valide. Vérifiez-le et réessayez.
sign-in-api-token = C'est le jeton d'API d'un établissement, destiné aux programmes. Connectez-vous avec votre propre jeton de responsable : demandez-en un à l'administrateur de votre centre.

## Trouver la certification présentée par un étudiant.

recognise-heading = Reconnaître une certification
recognise-title-with-query = Reconnaître une certification : { $query }
recognise-intro = Un étudiant présente une microcertification d'un autre établissement. Trouvez-la ici, voyez quelles certifications de votre établissement en sont les plus proches, comparez la meilleure côte à côte et enregistrez votre décision sur la comparaison.
recognise-intro-named = Un étudiant présente une microcertification d'un autre établissement. Trouvez-la ici, voyez quelles certifications de { $institution } en sont les plus proches, comparez la meilleure côte à côte et enregistrez votre décision sur la comparaison.
recognise-form-label = La certification présentée
recognise-which = Quelle certification l'étudiant présente-t-il ?
recognise-hint = Son intitulé, son code ou son établissement, dans n'importe quelle langue.
recognise-find = La trouver
recognise-upload-link = L'étudiant a apporté un fichier ?
recognise-upload-help = Téléversez-le ou collez-le (un European Digital Credential, un Open Badge ou du JSON) : il est recherché de la même façon et n'est pas conservé.
recognise-none-matches = Aucune certification ne correspond à « { $query } »
recognise-matching = Certifications correspondant à « { $query } »
recognise-try-fewer = Essayez avec moins de mots, ou le nom de l'établissement. Une certification qui n'est pas moissonnée ici peut être{" "}
recognise-try-upload-link = téléversée depuis le fichier de l'étudiant
recognise-try-upload-after = .
recognise-find-equivalents = {" "}: trouver ses équivalences
recognise-the-credential = la certification
recognise-credits-level-not-stated = Crédits et niveau non précisés

## Les décisions, dans les listes.

outcome-equivalent = Reconnue équivalente
outcome-credits = Reconnue pour { $ects } ECTS
outcome-refused = Non reconnue
decision-withdrawn-badge = Retirée
decision-private-badge = Privée
decision-as-equivalent-to = comme équivalente à
decision-institutions-credential = la certification de l'établissement
decision-not-harvested-badge = Non moissonnée
decision-not-harvested = Non moissonnée : un fichier téléversé, lu comme { $format } ; émetteur déclaré, non vérifié : { $issuer }
decision-decided-by = Décidé par
decision-decided-on = le { $date }
decision-valid-until = , valable jusqu'au { $date }
decision-every-of-about = toutes les décisions de { $institution } sur les certifications de { $sender }
decision-conditions = Conditions :
decision-rationale = Motivation :
decision-may-no-longer-hold = Peut ne plus être valable :
decision-details = Détails et historique
decision-revise-link = Réviser cette décision
decision-withdraw-link = Retirer cette décision
decision-pages-label = Pages de décisions
decision-pages-newer = Décisions plus récentes
decision-pages-older = Décisions plus anciennes
history-caption = Chaque révision de cette décision, de la plus ancienne à la plus récente
history-revision = Révision
history-recorded = Enregistrée
history-by = Par
history-what = Ce qui s'est passé

## Les décisions d'un établissement.

decisions-heading = Décisions de reconnaissance de { $institution }
decisions-by-sender = Par établissement dont les certifications ont fait l'objet d'une décision
decisions-credentials-of = Certifications de { $sender }
decisions-count = { $count ->
    [one] { $shown } décision
   *[other] { $shown } décisions
}
decisions-every = Toutes les décisions
decisions-showing = Décisions { $range }, les plus récentes d'abord.
decisions-range = { $from } à { $to } sur { $total }
decisions-none-yet = Cet établissement n'a encore enregistré aucune décision.
decisions-how-to-record = Pour enregistrer une décision, ouvrez la certification à reconnaître et utilisez le formulaire sous « Décisions de reconnaissance ». Les programmes lisent ces décisions via{" "}
decisions-api-link = l'API JSON
decisions-api-after = .

## Le formulaire qui enregistre ou révise une décision.

form-heading-record = Enregistrer une décision de { $institution }
form-submit-record = Enregistrer la décision
form-decision = Décision
form-outcome-equivalent = Équivalente à l'une de nos certifications
form-outcome-credits = Reconnue pour des crédits
form-outcome-refused = Non reconnue
form-target-legend = Notre certification équivalente (pour une équivalence)
form-target-hint-search = Cherchez nos certifications par intitulé ou par code.
form-target-hint-choices = Nos certifications les plus proches viennent d'abord ; toute autre des nôtres se trouve par son intitulé ou son code.
form-target-search = Chercher parmi nos certifications
form-target-another = Une autre de nos certifications
form-find = Trouver
form-find-hint = Des mots de son intitulé, ou son code ; « Trouver » liste ci-dessus ce qui correspond, en gardant toutes les réponses de ce formulaire.
form-target-id = Notre certification équivalente (identifiant, pour une équivalence)
form-target-id-hint = Par exemple demo-lyon.0123456789abcdef0123 ; il figure sur la page de la certification. Votre établissement ne publie ici aucune certification parmi lesquelles choisir.
form-ects = Crédits ECTS accordés (pour des crédits)
form-rationale = Motivation
form-conditions = Conditions (facultatif)
form-decided-on = Décidé le
form-valid-until = Valable jusqu'au (facultatif)
form-private = Privée : ne pas publier vers d'autres centres
form-search-type-words = Saisissez des mots de l'intitulé, ou un code, pour chercher parmi nos certifications.
form-search-found = { $count ->
    [0] Aucune de nos certifications ne correspond à « { $words } ». Essayez d'autres mots, ou un code.
    [one] Une de nos certifications correspond à « { $words } » : elle est en tête ci-dessous.
   *[other] { $shown } de nos certifications correspondent à « { $words } » : elles sont en tête ci-dessous.
}
form-error-date = { $label } doit être une date, comme 2026-11-20, et non « { $value } »
form-error-decision-date = La date de décision
form-error-valid-until = La date de fin de validité
form-error-target = Choisissez la certification de votre établissement à laquelle elle est équivalente
form-error-ects-missing = Indiquez combien de crédits ECTS sont accordés
form-error-ects = Les crédits ECTS doivent être un nombre supérieur à 0 et au plus { $max }, et non « { $value } »
form-error-outcome = Choisissez ce qui a été décidé : équivalence, crédits ou non-reconnaissance
form-error-valid-before = La fin de validité ({ $valid_until }) ne doit pas précéder la date de décision ({ $decided_on })
form-error-rationale = Dites pourquoi : la motivation est ce que lisent l'étudiant et le prochain responsable
form-error-decided-on = Indiquez quand la décision a été prise

## Retirer une décision.

withdraw-heading = Retirer cette décision ?
withdraw-intro = Une décision retirée ne compte plus comme précédent pour personne. Elle n'est pas effacée : elle reste dans l'historique de la décision avec votre motif, et ceux qui l'ont moissonnée apprennent qu'elle a été retirée.
withdraw-why = Pourquoi est-elle retirée ?
withdraw-hint = Par exemple : le cours a changé et ne couvre plus les mêmes acquis. L'étudiant et les autres responsables le lisent.
withdraw-button = Retirer la décision
withdraw-cancel = Non, la garder
