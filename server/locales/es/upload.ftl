# Un archivio de credencial que ha traído el estudiante, subido o pegado.

upload-heading = El estudiante ha traído un archivo de credencial
upload-title-found = Credenciales del archivo
upload-cannot-read = No se puede leer el archivo
upload-back = Buscar en su lugar una credencial recolectada
upload-intro = Suba o pegue la credencial del estudiante: la lee el mismo código que los canales de las instituciones y luego se busca y compara como una credencial recolectada.
upload-intro-named = Suba o pegue la credencial del estudiante: la lee el mismo código que los canales de las instituciones y luego se busca y compara como una credencial recolectada, con sus equivalencias en { $institution }.
upload-notice-before = El archivo{" "}
upload-notice-strong = no se publica ni se guarda
upload-notice-after = . Su contenido se conserva en la sesión de este navegador durante { $hours } horas sin uso y después se olvida. Solo se conserva una decisión registrada sobre él, con la huella del archivo (SHA-256) y el emisor que declara, marcada como «no recolectada». Nadie comprueba que el emisor indicado la haya expedido.
upload-found = { $count ->
    [one] El archivo contiene { $shown } credencial: ¿cuál tiene el estudiante?
   *[other] El archivo contiene { $shown } credenciales: ¿cuál tiene el estudiante?
}
upload-issuer-claimed = { $issuer } (declarado)
upload-issuer-not-stated = No consta el emisor
upload-file = Archivo de la credencial
upload-file-hint = Una European Digital Credential (ELM JSON-LD o LOQ XML), un Open Badge 2.0 o 3.0 (JSON, o firmado como JWS), un registro CTDL o ELMO, o el JSON propio del centro; como máximo { $size }.
upload-pasted = O pegue su texto
upload-pasted-hint = El JSON, JSON-LD, JWS o XML de la credencial, tal cual.
upload-format-hint = Deje que decida el contenido, salvo que el archivo pueda leerse de más de una forma.
upload-format-auto = Reconocerlo por su contenido
upload-read = Leer la credencial
upload-held = Credenciales subidas en este navegador
upload-forget = Olvidarlas ahora
upload-forgotten = Sus credenciales subidas se han olvidado.
upload-pasted-text = texto pegado
upload-error-form-expired = El formulario ha caducado o no se envió desde este sitio: vuelva a elegir el archivo y envíelo
upload-error-file-too-large = El archivo supera { $size }, el máximo que se lee aquí: un archivo de credencial suele ser mucho más pequeño; pida la credencial sin imágenes ni adjuntos incrustados
upload-error-text-too-large = El texto pegado supera { $size }, el máximo que se lee aquí: un archivo de credencial suele ser mucho más pequeño; pida la credencial sin imágenes ni adjuntos incrustados
upload-error-both = Elija un archivo o pegue su texto, no ambos: vacíe el cuadro de texto o no elija ningún archivo
upload-error-none = Elija el archivo de la credencial o pegue su texto
upload-error-choose-format = Elija el formato abajo y de nuevo el archivo.
size-mb = { $size } MB
size-kb = { $size } KB
