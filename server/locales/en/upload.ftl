# A credential file the student brought, uploaded or pasted.

upload-heading = The student brought a credential file
upload-title-found = Credentials in the file
upload-cannot-read = The file cannot be read
upload-back = Find a harvested credential instead
upload-intro = Upload or paste the credential the student holds: it is read by the same code as the institutions’ feeds, then looked up and compared like a harvested credential.
upload-intro-named = Upload or paste the credential the student holds: it is read by the same code as the institutions’ feeds, then looked up and compared like a harvested credential, with its equivalents at { $institution }.
upload-notice-before = The file is{" "}
upload-notice-strong = not published and not stored
upload-notice-after = . What it says is held in this browser’s session for { $hours } hours unused, then forgotten. Only a decision recorded about it is kept, with the file’s fingerprint (SHA-256) and the issuer it claims, marked “not harvested”. Nobody checks that the issuer it names issued it.
upload-found = { $count ->
    [one] The file holds { $shown } credential: which one does the student hold?
   *[other] The file holds { $shown } credentials: which one does the student hold?
}
upload-issuer-claimed = { $issuer } (claimed)
upload-issuer-not-stated = Issuer not stated
upload-file = Credential file
upload-file-hint = A European Digital Credential (ELM JSON-LD or LOQ XML), an Open Badge 2.0 or 3.0 (JSON, or signed as a JWS), a CTDL or ELMO record, or the clearinghouse’s own JSON; at most { $size }.
upload-pasted = Or paste its text
upload-pasted-hint = The JSON, JSON-LD, JWS or XML of the credential, as it is.
upload-format-hint = Leave it to the content unless the file can be read in more than one way.
upload-format-auto = Recognise it from its content
upload-read = Read the credential
upload-held = Credentials uploaded in this browser
upload-forget = Forget them now
upload-forgotten = Your uploaded credentials are forgotten.
upload-pasted-text = pasted text
upload-error-form-expired = The form expired or was not sent from this site: choose the file again and send it
upload-error-file-too-large = The file is larger than { $size }, the most read here: a credential file is usually far smaller; ask for the credential without embedded images or attachments
upload-error-text-too-large = The pasted text is larger than { $size }, the most read here: a credential file is usually far smaller; ask for the credential without embedded images or attachments
upload-error-both = Choose a file or paste its text, not both: empty the text box, or leave the file unchosen
upload-error-none = Choose the credential file, or paste its text
upload-error-choose-format = Choose the format below, and the file again.
size-mb = { $size } MB
size-kb = { $size } KB
