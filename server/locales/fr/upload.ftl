# Un fichier de certification apporté par l'étudiant, téléversé ou collé.

upload-heading = L'étudiant a apporté un fichier de certification
upload-title-found = Certifications du fichier
upload-cannot-read = Le fichier est illisible
upload-back = Trouver plutôt une certification moissonnée
upload-intro = Téléversez ou collez la certification de l'étudiant : elle est lue par le même code que les flux des établissements, puis recherchée et comparée comme une certification moissonnée.
upload-intro-named = Téléversez ou collez la certification de l'étudiant : elle est lue par le même code que les flux des établissements, puis recherchée et comparée comme une certification moissonnée, avec ses équivalences chez { $institution }.
upload-notice-before = Le fichier n'est{" "}
upload-notice-strong = ni publié ni conservé
upload-notice-after = . Son contenu est gardé dans la session de ce navigateur pendant { $hours } heures sans utilisation, puis oublié. Seule une décision enregistrée à son sujet est conservée, avec l'empreinte du fichier (SHA-256) et l'émetteur déclaré, marquée « non moissonnée ». Personne ne vérifie que l'émetteur indiqué l'a délivrée.
upload-found = { $count ->
    [one] Le fichier contient { $shown } certification : laquelle l'étudiant détient-il ?
   *[other] Le fichier contient { $shown } certifications : laquelle l'étudiant détient-il ?
}
upload-issuer-claimed = { $issuer } (déclaré)
upload-issuer-not-stated = Émetteur non précisé
upload-file = Fichier de certification
upload-file-hint = Un European Digital Credential (ELM JSON-LD ou LOQ XML), un Open Badge 2.0 ou 3.0 (JSON, ou signé en JWS), une notice CTDL ou ELMO, ou le JSON propre au centre ; au plus { $size }.
upload-pasted = Ou collez son texte
upload-pasted-hint = Le JSON, JSON-LD, JWS ou XML de la certification, tel quel.
upload-format-hint = Laissez le contenu décider, sauf si le fichier peut se lire de plusieurs façons.
upload-format-auto = Le reconnaître d'après son contenu
upload-read = Lire la certification
upload-held = Certifications téléversées dans ce navigateur
upload-forget = Les oublier maintenant
upload-forgotten = Vos certifications téléversées sont oubliées.
upload-pasted-text = texte collé
upload-error-form-expired = Le formulaire a expiré ou n'a pas été envoyé depuis ce site : choisissez à nouveau le fichier et envoyez-le
upload-error-file-too-large = Le fichier dépasse { $size }, le maximum lu ici : un fichier de certification est d'ordinaire bien plus petit ; demandez la certification sans images ni pièces jointes incorporées
upload-error-text-too-large = Le texte collé dépasse { $size }, le maximum lu ici : un fichier de certification est d'ordinaire bien plus petit ; demandez la certification sans images ni pièces jointes incorporées
upload-error-both = Choisissez un fichier ou collez son texte, pas les deux : videz la zone de texte, ou ne choisissez pas de fichier
upload-error-none = Choisissez le fichier de certification, ou collez son texte
upload-error-choose-format = Choisissez le format ci-dessous, et à nouveau le fichier.
size-mb = { $size } Mo
size-kb = { $size } ko
