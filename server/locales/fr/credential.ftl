# La page d'une certification : ses éléments de l'annexe I, offres, provenance et décisions.

not-stated = Non précisé
decision-error-summary = Votre décision comporte une erreur
title-error = Erreur : { $title }
credential-awarding-body-not-stated = Organisme certificateur non précisé
credential-unverified-publisher = Publié par { $publisher }, qui n'est pas enregistré pour publier au nom de cet organisme certificateur : l'organisme certificateur est ce qu'affirme la notice, sans vérification.
credential-withdrawn-by-publisher = Cette certification a été retirée par son éditeur. Sa dernière version est conservée ci-dessous.
credential-not-harvested-heading = Non moissonnée — fichier téléversé, émetteur déclaré, non vérifié.
credential-not-harvested = Cette certification a été lue depuis { $what } téléversé dans ce navigateur ({ $file }), et non depuis le flux de son établissement : personne n'a vérifié que l'organisme certificateur indiqué l'a délivrée. Elle n'est ni publiée ni enregistrée ; elle est conservée ici pendant { $hours } heures sans utilisation. Une décision à son sujet est enregistrée avec l'empreinte du fichier et l'émetteur déclaré.
credential-find-equivalents = Trouver des équivalences
credential-compare-with-another = Comparer avec une autre certification
credential-institution-website = Site web de l'établissement
credential-offer-page = Page de l'offre chez l'établissement
credential-completeness = Complétude
credential-completeness-stated = { $present } des { $mandatory } éléments obligatoires de l'annexe I renseignés
credential-completeness-meter = { $present } sur { $mandatory }
credential-every-element-stated = Tous les éléments obligatoires sont renseignés.
credential-missing = Manquants :
credential-description = Description
credential-learning-outcomes = Acquis d'apprentissage
credential-annex-elements = Éléments de l'annexe I
credential-outcomes-listed = { $shown } listés
credential-outcomes-above = ci-dessus
credential-workload = Charge de travail
credential-optional-element = (élément facultatif)
credential-supervision = Surveillance et vérification d'identité
credential-grading = Notation
credential-languages = Langues d'enseignement
credential-fields = Domaines d'études (CITE-F)
credential-keywords = Mots-clés
credential-offers = Offres
credential-no-offer = Aucune offre datée n'est publiée.
credential-decisions = Décisions de reconnaissance
credential-no-decision-in-force = Aucune décision concernant cette certification n'est en vigueur.
credential-no-decision-yet = Aucun établissement n'a encore enregistré de décision concernant cette certification.
credential-withdrawn-decisions = { $count ->
    [one] { $shown } décision retirée
   *[other] { $shown } décisions retirées
}
credential-sign-in-link = Connectez-vous
credential-sign-in-to-decide = {" "}avec le jeton de votre établissement pour enregistrer une décision.
notice-decision-recorded = Votre décision est enregistrée.
notice-decision-withdrawn = La décision est retirée.
notice-file-read = Le fichier est lu. Vérifiez ce qu'il indique ci-dessous, puis cherchez ses équivalences.
error-not-a-source = « { $institution } » n'est pas une source de ce centre
equivalents-title = Équivalences de { $title }

## Les éléments de l'annexe I de la recommandation du Conseil sur les microcertifications.

annex-title = Intitulé
annex-awarding_body = Organisme certificateur
annex-country = Pays de l'organisme certificateur
annex-learning_outcomes = Acquis d'apprentissage
annex-workload = Charge de travail (ECTS)
annex-eqf_level = Niveau CEC
annex-assessment = Type d'évaluation
annex-participation = Mode de participation
annex-quality_assurance = Assurance qualité
annex-prerequisites = Conditions préalables
annex-stackability = Intégration et cumul

## Une offre de la certification.

offer-starts = Début
offer-ends = Fin
offer-apply-by = Candidature jusqu'au
offer-language = Langue
offer-venue = Lieu
offer-participation = Participation
offer-cost = Coût
offer-page = Page de cette offre

## La provenance d'une notice.

provenance-heading = Provenance
provenance-source = Source
provenance-uploaded-file = Fichier téléversé, non moissonné
provenance-file = Fichier
provenance-one-of = { $count ->
    [one] la seule certification qu'il contient
   *[other] l'une des { $shown } certifications qu'il contient
}
provenance-read-as = Lu comme
provenance-identifier-in-file = Identifiant dans le fichier
provenance-fingerprint = Empreinte (SHA-256)
provenance-uploaded = Téléversé
provenance-your-uploads = Vos certifications téléversées
provenance-upstream-identifier = Identifiant à la source
provenance-harvested = Moissonné
provenance-last-harvest = Dernier moissonnage de la source
provenance-datestamp = Horodatage de l'éditeur
provenance-version = Version
provenance-version-first-seen = { $version } (vue pour la première fois le { $first_seen })
provenance-came-through = Transmis par
provenance-as-json = Cette notice en JSON

# The learner's view: the credential at a glance, what it counts for; the officer's detail folded.
glance-heading = En bref
glance-what = Quoi
glance-when = Prochaines dates
glance-how = Comment et où
glance-cost = Prix
glance-languages = Langue d’enseignement
glance-enrol = Comment s’inscrire
glance-apply-by = Candidater avant le { $date }.
glance-enrol-link = S’inscrire sur la page de l’offre
glance-counts-for = Ce que cela permet de faire reconnaître
glance-counts-for-none = Aucun établissement n’a encore enregistré de décision à ce sujet ici.
glance-counts-for-details = Les décisions en détail
glance-only-the-institution-decides = Seul l’établissement auquel vous le présentez décide de ce qu’il y vaut ; ce sont des décisions qu’il ou d’autres ont enregistrées auparavant.
credential-officer-detail = Pour les responsables de la reconnaissance : complétude et éléments de l’annexe I
completeness-explained = La complétude est la part des éléments obligatoires de l'annexe I de la recommandation du Conseil que la notice de l'éditeur renseigne ; ce que le centre suppose d'après la configuration de la source ne compte pas.
credential-missing-assumed = { $element } (supposé d'après la configuration de la source, non renseigné dans la notice)
