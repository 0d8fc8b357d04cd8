# Le portfolio d'un apprenant : « Mes certifications seront-elles reconnues ? » (/portfolio).
nav-portfolio = Mon portfolio
credential-portfolio-add = Ajouter à mon portfolio
credential-portfolio-remove = Retirer de mon portfolio
credential-portfolio-open = Ouvrir mon portfolio
portfolio-title = Mes certifications seront-elles reconnues ?
portfolio-heading = Mes certifications seront-elles reconnues ?
portfolio-intro = Rassemblez les micro-certifications que vous détenez, choisissez un établissement et voyez pour chacune si elle y serait reconnue : d'après ce que cet établissement a déjà décidé, sinon en la comparant à ses propres cours. Votre portfolio reste dans ce navigateur ; rien n'est enregistré sur le serveur.
portfolio-only-the-institution-decides = Ce sont des indications, pas des décisions : seul l'établissement décide de ce que valent vos certifications. Demandez à son service de reconnaissance avant de vous y fier.
portfolio-full = Votre portfolio contient { $count } certifications, le maximum : retirez-en une pour en ajouter une autre.
portfolio-items = { $count ->
    [one] { $shown } certification dans votre portfolio
   *[other] { $shown } certifications dans votre portfolio
}
portfolio-empty = Votre portfolio est vide. Trouvez vos certifications dans le catalogue et choisissez « Ajouter à mon portfolio » sur leur page, ou déposez un fichier de certification que vous avez reçu.
portfolio-find = Trouver des certifications
portfolio-upload = Déposer un fichier de certification
portfolio-institution = Où doivent-elles être reconnues ?
portfolio-institution-hint = L'université ou l'établissement où vous voulez étudier.
portfolio-choose = Choisir un établissement
portfolio-check = Vérifier mes certifications
portfolio-answer-heading = Chez { $institution }
portfolio-total-all = Crédits ECTS de votre portfolio
portfolio-total-match = Probablement reconnus (Correspond)
portfolio-total-maybe = À vérifier (Peut-être)
portfolio-ects = { $ects } ECTS
portfolio-without-ects = { $count ->
    [one] { $shown } certification n'indique pas de crédits ECTS et n'est pas comptée dans ces totaux.
   *[other] { $shown } certifications n'indiquent pas de crédits ECTS et ne sont pas comptées dans ces totaux.
}
portfolio-gone-title = Une certification qui n'est plus publiée
portfolio-gone = Cette certification n'est plus publiée (ou le fichier déposé n'est plus conservé) : retirez-la de votre portfolio.
portfolio-counts-for-ects = Serait reconnue pour { $ects } ECTS.
portfolio-counts-as = Reconnue comme :
portfolio-closest = Cours le plus proche :
portfolio-stacks-into = Compte pour :
portfolio-remove = Retirer
portfolio-find-more = Ajouter d'autres certifications
portfolio-print = Imprimer
portfolio-download = Télécharger en JSON
portfolio-clear = Vider mon portfolio
portfolio-other-site = Votre portfolio ne peut être modifié que depuis les pages de ce site.
portfolio-basis-own = C'est une certification de { $institution } même.
portfolio-basis-equivalent = { $institution } a décidé le { $date } que cette certification équivaut à l'une des siennes.
portfolio-basis-credits = { $institution } a décidé le { $date } de reconnaître cette certification en crédits.
portfolio-basis-refused = { $institution } a décidé le { $date } de ne pas reconnaître cette certification.
portfolio-basis-changed-since = La certification a changé depuis : la décision peut être réexaminée.
portfolio-basis-lookup = { $institution } n'a pas décidé de cette certification. Comparé à ses propres cours, le plus proche est équivalent avec une probabilité de { $percent } %.
portfolio-basis-nothing = { $institution } n'a pas décidé de cette certification et ne publie aucun cours auquel la comparer.
