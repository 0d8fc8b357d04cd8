//! `/recognise/upload`: "the student brought a file". A recognition officer (or a learner,
//! read-only) uploads or pastes a credential file; it is read by the formats' own code
//! (the format it claims, else the one that reads it, else the person chooses), held for
//! this browser's session ([`crate::uploads`]) and then looked up, compared and decided
//! about on the same pages as a harvested credential, under its id `upload.…`
//! (`/credentials/upload.…`, its equivalents, `/compare?a=upload.…`), marked as not
//! harvested wherever it shows.
//!
//! What cannot be read comes back on the form in plain words, with the pasted text and
//! the format chosen kept: a file over `server.max_upload_bytes` (413), one that is not
//! JSON or XML, whose JSON is broken, or that is not of the format it claims ("this
//! looks like an Open Badges 3.0 credential, but …"; 422), one that several formats read
//! (the person chooses; 422).
//!
//! The form is CSRF-protected like every form: its token derives from the `ch_uploads`
//! cookie that also names who holds the uploads, set when the form is shown.

use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use futures_util::StreamExt;
use model::RecordId;

use super::decisions::FieldError;
use super::session::{cookie, field, form_fields, random_hex, sign, verify};
use super::shared::{Layout, PageError, Text, render};
use crate::state::AppState;
use crate::uploads::{HOLD_SECS, HOLDER_COOKIE, Upload};

/// Where the form posts.
pub const PATH: &str = "/recognise/upload";

/// What the form's body may hold besides the file (the pasted text is the file), in
/// bytes: the token, the format, the multipart headers.
pub const FORM_OVERHEAD_BYTES: usize = 64 * 1024;

/// The largest body the form may send: the file or the pasted text (each at most
/// `server.max_upload_bytes`; a person may fill both, and is then told to choose one).
pub fn max_form_bytes(max_upload_bytes: usize) -> usize {
    2 * max_upload_bytes + FORM_OVERHEAD_BYTES
}

/// The holder named by the request's `ch_uploads` cookie, if it is one.
pub fn holder(request: &HttpRequest) -> Option<String> {
    let value = request.cookie(HOLDER_COOKIE)?.value().to_owned();
    (value.len() == 32 && value.bytes().all(|b| b.is_ascii_hexdigit())).then_some(value)
}

/// The upload `id` this browser holds, if it still does.
pub fn held(state: &AppState, request: &HttpRequest, id: &RecordId) -> Option<Upload> {
    let holder = holder(request)?;
    state
        .uploads
        .get(&holder, id, chrono::Utc::now().timestamp())
        .map(|upload| (*upload).clone())
}

fn csrf_of(holder: &str) -> String {
    sign(&["upload", holder])
}

/// A format to choose on the form.
struct FormatOption {
    value: &'static str,
    label: String,
    selected: bool,
}

/// A credential uploaded in this browser, as listed.
struct HeldItem {
    href: String,
    title: Text,
    issuer: Option<String>,
    what: &'static str,
    file: String,
}

impl HeldItem {
    fn of(upload: &Upload) -> HeldItem {
        HeldItem {
            href: format!("/credentials/{}", upload.record.id),
            title: Text {
                text: if upload.about.title.is_empty() {
                    super::i18n::t("untitled")
                } else {
                    upload.about.title.clone()
                },
                lang: String::new(),
            },
            issuer: upload.about.claimed_issuer.clone(),
            what: upload.read_as,
            file: upload
                .file_name
                .clone()
                .unwrap_or_else(|| super::i18n::t("upload-pasted-text")),
        }
    }
}

#[derive(Template)]
#[template(path = "upload.html")]
struct UploadPage {
    layout: Layout,
    csrf: String,
    max_size: String,
    formats: Vec<FormatOption>,
    pasted: String,
    errors: Vec<FieldError>,
    /// The credentials of a file that held several, to choose from.
    found: Vec<HeldItem>,
    /// What this browser uploaded before, still held.
    held: Vec<HeldItem>,
    hold_hours: i64,
    /// The signed-in officer's institution.
    institution: Option<String>,
    notice: Option<String>,
}

impl UploadPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|error| error.field == field)
            .map(|error| error.message.as_str())
    }
}

/// Bytes in words: "1 MB", "300 KB".
pub(super) fn size_text(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        let locale = super::i18n::current();
        locale.t1(
            "size-mb",
            "size",
            locale.number(bytes as f64 / (1024.0 * 1024.0)),
        )
    } else {
        super::i18n::t1("size-kb", "size", (bytes as f64 / 1024.0).ceil())
    }
}

/// What the form was sent with, kept for the page it comes back on.
#[derive(Default)]
pub(super) struct Sent {
    pub(super) csrf: String,
    pub(super) format: String,
    pub(super) pasted: String,
    pub(super) file: Option<(Option<String>, Vec<u8>)>,
    /// A part over the limit: which, and how large at least.
    pub(super) too_large: Option<(&'static str, usize)>,
}

/// The form, with what was sent and what is wrong with it, or the credentials found.
fn page(
    state: &AppState,
    request: &HttpRequest,
    status: StatusCode,
    sent: &Sent,
    errors: Vec<FieldError>,
    found: Vec<HeldItem>,
) -> Result<HttpResponse, PageError> {
    let (holder, new_holder) = match holder(request) {
        Some(holder) => (holder, false),
        None => (random_hex(16), true),
    };
    let now = chrono::Utc::now().timestamp();
    let held = state
        .uploads
        .held_by(&holder, now)
        .iter()
        .map(|upload| HeldItem::of(upload))
        .collect();
    let title = match (errors.is_empty(), found.is_empty()) {
        (false, _) => super::i18n::t1("title-error", "title", super::i18n::t("upload-heading")),
        (true, false) => super::i18n::t("upload-title-found"),
        (true, true) => super::i18n::t("upload-heading"),
    };
    let mut formats = vec![FormatOption {
        value: "auto",
        label: super::i18n::t("upload-format-auto"),
        selected: sent.format.is_empty() || sent.format == "auto",
    }];
    for format in formats::detect::FILE_FORMATS {
        formats.push(FormatOption {
            value: format.as_str(),
            label: formats::detect::describe(format).to_owned(),
            selected: sent.format == format.as_str(),
        });
    }
    let institution = super::session::current(request, &state.config.tokens).map(|session| {
        state
            .config
            .institution_name_in(
                &session.caller.institution,
                &super::i18n::naming_languages(&[]),
            )
            .unwrap_or(&session.caller.institution)
            .to_owned()
    });
    let notice = super::shared::query_pairs(request)
        .into_iter()
        .find_map(|(key, _)| (key == "forgotten").then(|| super::i18n::t("upload-forgotten")));
    let page = UploadPage {
        layout: Layout::new(title, "recognise", request, state),
        csrf: csrf_of(&holder),
        max_size: size_text(state.config.server.max_upload_bytes),
        formats,
        // A text over the limit is not sent back.
        pasted: if sent.too_large.is_some_and(|(part, _)| part == "pasted") {
            String::new()
        } else {
            sent.pasted.clone()
        },
        errors,
        found,
        held,
        hold_hours: HOLD_SECS / 3600,
        institution,
        notice,
    };
    super::session::uncached_with_cookie(
        render(status, &page)?,
        (new_holder || status == StatusCode::OK)
            .then(|| cookie(request, HOLDER_COOKIE, holder, HOLD_SECS)),
    )
}

/// `GET /recognise/upload`: the form, and what this browser uploaded before.
pub async fn form(
    state: web::Data<AppState>,
    request: HttpRequest,
) -> Result<HttpResponse, PageError> {
    page(
        &state,
        &request,
        StatusCode::OK,
        &Sent::default(),
        Vec::new(),
        Vec::new(),
    )
}

/// Reads the multipart form: each part at most `max_part_bytes` (a larger one is read to
/// its end and dropped, so that the answer can say so), the whole body bounded by the
/// middleware and by `max_body_bytes` here.
pub(super) async fn read_form(
    request: &HttpRequest,
    payload: web::Payload,
    max_part_bytes: usize,
    max_body_bytes: usize,
) -> Result<Sent, PageError> {
    let mut read_so_far = 0usize;
    let bounded = payload.map(move |chunk| {
        let chunk = chunk?;
        read_so_far += chunk.len();
        if read_so_far > max_body_bytes {
            return Err(actix_web::error::PayloadError::Overflow);
        }
        Ok(chunk)
    });
    let mut multipart = actix_multipart::Multipart::new(request.headers(), bounded);
    let mut sent = Sent::default();
    let unreadable = |err: actix_multipart::MultipartError| {
        PageError::BadRequest(format!(
            "the form could not be read ({err}); send it from the upload page"
        ))
    };
    while let Some(part) = multipart.next().await {
        let mut part = part.map_err(unreadable)?;
        let name = part.name().unwrap_or_default().to_owned();
        let file_name = part
            .content_disposition()
            .and_then(|disposition| disposition.get_filename())
            .map(|name| name.chars().take(200).collect::<String>());
        let limit = match name.as_str() {
            "file" | "pasted" => max_part_bytes,
            _ => 4096,
        };
        let bytes = match part.bytes(limit).await {
            Ok(bytes) => bytes.map_err(unreadable)?,
            Err(_) => {
                let part_name = if name == "file" { "file" } else { "pasted" };
                sent.too_large = Some((part_name, limit + 1));
                continue;
            }
        };
        let text = || String::from_utf8_lossy(&bytes).into_owned();
        match name.as_str() {
            "csrf" => sent.csrf = text(),
            "format" => sent.format = text(),
            "pasted" => sent.pasted = text(),
            // A file input left empty sends a part with no name and no bytes.
            "file" if !bytes.is_empty() || file_name.as_deref().is_some_and(|n| !n.is_empty()) => {
                sent.file = Some((file_name.filter(|n| !n.is_empty()), bytes.to_vec()));
            }
            _ => {}
        }
    }
    Ok(sent)
}

/// `POST /recognise/upload`: reads the file (or the pasted text) and holds its
/// credentials for this browser; one credential: its page; several: the list.
pub async fn upload(
    state: web::Data<AppState>,
    request: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, PageError> {
    let max_upload_bytes = state.config.server.max_upload_bytes;
    let sent = read_form(
        &request,
        payload,
        max_upload_bytes,
        max_form_bytes(max_upload_bytes),
    )
    .await?;
    let back = |status: StatusCode, sent: &Sent, field: &'static str, message: String| {
        page(
            &state,
            &request,
            status,
            sent,
            vec![FieldError { field, message }],
            Vec::new(),
        )
    };
    let Some(holder) = holder(&request).filter(|holder| verify(&["upload", holder], &sent.csrf))
    else {
        return back(
            StatusCode::FORBIDDEN,
            &sent,
            "file",
            super::i18n::t("upload-error-form-expired"),
        );
    };
    if let Some((part, _)) = sent.too_large {
        let key = if part == "file" {
            "upload-error-file-too-large"
        } else {
            "upload-error-text-too-large"
        };
        return back(
            StatusCode::PAYLOAD_TOO_LARGE,
            &sent,
            if part == "file" { "file" } else { "pasted" },
            super::i18n::t1(key, "size", size_text(max_upload_bytes)),
        );
    }
    let pasted = sent.pasted.trim();
    let (file_name, bytes): (Option<String>, Vec<u8>) = match (&sent.file, pasted.is_empty()) {
        (Some(_), false) => {
            return back(
                StatusCode::UNPROCESSABLE_ENTITY,
                &sent,
                "pasted",
                super::i18n::t("upload-error-both"),
            );
        }
        (Some((name, bytes)), true) => (name.clone(), bytes.clone()),
        (None, false) => (None, pasted.as_bytes().to_vec()),
        (None, true) => {
            return back(
                StatusCode::UNPROCESSABLE_ENTITY,
                &sent,
                "file",
                super::i18n::t("upload-error-none"),
            );
        }
    };
    let error_field = if sent.file.is_some() {
        "file"
    } else {
        "pasted"
    };
    let chosen = crate::uploads::chosen_format(&sent.format);
    let limits = state.config.harvest.parse_limits;
    let read = {
        let bytes = bytes.clone();
        super::i18n::block(move || formats::detect::read_file(&bytes, &limits, chosen)).await?
    };
    let read = match read {
        Ok(read) => read,
        Err(err) => {
            let ambiguous = matches!(err, formats::detect::FileError::Ambiguous { .. });
            let mut message = sentence(&err.to_string());
            if ambiguous && sent.file.is_some() {
                message.push(' ');
                message.push_str(&super::i18n::t("upload-error-choose-format"));
            }
            return back(
                StatusCode::UNPROCESSABLE_ENTITY,
                &sent,
                if ambiguous { "format" } else { error_field },
                message,
            );
        }
    };
    let languages = super::i18n::content_languages(&request);
    let uploads =
        crate::uploads::uploads_of(&bytes, read, file_name, &languages, chrono::Utc::now());
    let held = state
        .uploads
        .hold(&holder, uploads, chrono::Utc::now().timestamp());
    tracing::info!(
        credentials = held.len(),
        file_bytes = bytes.len(),
        "credential file uploaded on the pages"
    );
    if let [only] = held.as_slice() {
        let mut response = HttpResponse::SeeOther();
        super::shared::security_headers(&mut response);
        return Ok(response
            .insert_header((
                header::LOCATION,
                format!("/credentials/{}?uploaded=1", only.record.id),
            ))
            .finish());
    }
    let found = held.iter().map(|upload| HeldItem::of(upload)).collect();
    page(
        &state,
        &request,
        StatusCode::OK,
        &Sent::default(),
        Vec::new(),
        found,
    )
}

/// `POST /recognise/upload/forget`: forgets everything this browser uploaded.
pub async fn forget(
    state: web::Data<AppState>,
    request: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let fields = form_fields(&body);
    let holder = holder(&request)
        .filter(|holder| field(&fields, "csrf").is_some_and(|csrf| verify(&["upload", holder], csrf)))
        .ok_or_else(|| {
            PageError::Forbidden(
                "the form expired or was not sent from this site; reload the upload page and try again"
                    .to_owned(),
            )
        })?;
    state.uploads.forget(&holder);
    let mut response = HttpResponse::SeeOther();
    super::shared::security_headers(&mut response);
    Ok(response
        .insert_header((header::LOCATION, format!("{PATH}?forgotten=1")))
        .finish())
}

/// A message of the formats' (lower-case, no full stop) as a sentence.
fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => {
            let mut text: String = first.to_uppercase().chain(chars).collect();
            if !text.ends_with('.') {
                text.push('.');
            }
            text
        }
        None => String::new(),
    }
}

/// What the credential page and the decision lists say of an uploaded credential.
#[derive(Debug, Clone)]
pub struct UploadedNote {
    /// The file's name, or "pasted text".
    pub file: String,
    /// Its size in words.
    pub size: String,
    /// What it was read as.
    pub what: &'static str,
    /// `sha256-…`.
    pub content_hash: String,
    /// How many credentials the file held.
    pub in_file: usize,
    /// How long it is held unused, in hours.
    pub hold_hours: i64,
}

impl UploadedNote {
    /// Why the credential is not harvested, in the page's language.
    pub fn not_harvested(&self) -> String {
        use fluent_templates::fluent_bundle::FluentValue;
        super::i18n::current().with_args(
            "credential-not-harvested",
            [
                ("what", FluentValue::from(self.what)),
                ("file", FluentValue::from(self.file.clone())),
                ("hours", FluentValue::from(self.hold_hours.to_string())),
            ],
        )
    }
}

impl UploadedNote {
    /// The note of an upload.
    pub fn of(upload: &Upload) -> UploadedNote {
        UploadedNote {
            file: upload
                .file_name
                .clone()
                .unwrap_or_else(|| super::i18n::t("upload-pasted-text")),
            size: size_text(upload.file_bytes),
            what: upload.read_as,
            content_hash: upload.about.content_hash.clone(),
            in_file: upload.in_file,
            hold_hours: HOLD_SECS / 3600,
        }
    }
}
