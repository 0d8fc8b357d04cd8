//! The API's error type: every failure maps to a status and a stable machine-readable code,
//! sent as JSON `{ "code", "message" }`.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

/// An error answered to an API client.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A query parameter is missing, malformed or out of range.
    #[error("{message}")]
    BadParameter {
        /// The parameter.
        parameter: String,
        /// What is wrong with it.
        message: String,
    },
    /// No valid bearer token was presented.
    #[error("{0}")]
    Unauthorized(&'static str),
    /// The token is valid but may not act for that institution.
    #[error("{0}")]
    Forbidden(String),
    /// The request conflicts with the current state (e.g. a harvest already running).
    #[error("{0}")]
    Conflict(String),
    /// No record, source or run with that id.
    #[error("{0}")]
    NotFound(String),
    /// A comparison or an equivalence lookup did not finish within the server's time
    /// budget (`server.recognition_budget_ms`).
    #[error("{0}")]
    OverTimeBudget(#[from] crate::budget::OverBudget),
    /// The data directory's disk is nearly full (nothing is written until space is
    /// back), or the store failed a write (nothing is written until restarted).
    #[error("{0}")]
    WritesPaused(#[from] crate::disk::WritesPaused),
    /// The indexer or store failed; logged, answered without internals.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// A bad value for `parameter`.
    pub fn bad_parameter(parameter: &str, message: impl Into<String>) -> ApiError {
        ApiError::BadParameter {
            parameter: parameter.to_owned(),
            message: message.into(),
        }
    }

    /// The stable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::BadParameter { .. } => "bad_parameter",
            ApiError::NotFound(_) => "not_found",
            ApiError::Unauthorized(_) => "unauthorized",
            ApiError::Forbidden(_) => "forbidden",
            ApiError::Conflict(_) => "conflict",
            ApiError::OverTimeBudget(_) => "over_time_budget",
            ApiError::WritesPaused(crate::disk::WritesPaused::DiskNearlyFull(_)) => {
                "disk_nearly_full"
            }
            ApiError::WritesPaused(crate::disk::WritesPaused::StoreCannotWrite(_)) => {
                "store_cannot_write"
            }
            ApiError::Internal(_) => "internal",
        }
    }
}

#[derive(Serialize)]
struct ErrorView<'a> {
    code: &'a str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    parameter: Option<&'a str>,
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadParameter { .. } => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::OverTimeBudget(_) | ApiError::WritesPaused(_) => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let message = match self {
            ApiError::Internal(detail) => {
                tracing::error!(error = %detail, "request failed");
                "the clearinghouse could not answer; the error is logged".to_owned()
            }
            other => other.to_string(),
        };
        let parameter = match self {
            ApiError::BadParameter { parameter, .. } => Some(parameter.as_str()),
            _ => None,
        };
        let mut response = HttpResponse::build(self.status_code());
        if matches!(self, ApiError::Unauthorized(_)) {
            response.insert_header(("WWW-Authenticate", "Bearer"));
        }
        if matches!(self, ApiError::OverTimeBudget(_)) {
            response.insert_header(("Retry-After", "30"));
        }
        if matches!(
            self,
            ApiError::WritesPaused(crate::disk::WritesPaused::DiskNearlyFull(_))
        ) {
            response.insert_header(("Retry-After", "300"));
        }
        response.json(ErrorView {
            code: self.code(),
            message,
            parameter,
        })
    }
}

/// Failures of the crates below: internal errors, answered without internals.
macro_rules! internal_from {
    ($($error:ty),*) => {
        $(impl From<$error> for ApiError {
            fn from(err: $error) -> ApiError {
                ApiError::Internal(err.to_string())
            }
        })*
    };
}

internal_from!(
    indexer::IndexerError,
    store::StoreError,
    search::SearchError,
    recognition::RecognitionError
);

impl From<crate::params::ParamError> for ApiError {
    fn from(err: crate::params::ParamError) -> ApiError {
        ApiError::BadParameter {
            parameter: err.parameter,
            message: err.message,
        }
    }
}

impl From<recognition::decisions::DecisionError> for ApiError {
    fn from(err: recognition::decisions::DecisionError) -> ApiError {
        use recognition::decisions::DecisionError;
        match err {
            DecisionError::Invalid { field, message } => ApiError::bad_parameter(field, message),
            DecisionError::Forbidden(message) => ApiError::Forbidden(message),
            DecisionError::NotFound(message) => ApiError::NotFound(message),
            DecisionError::Lookup(err) => err.into(),
        }
    }
}

impl From<crate::state::WriteError> for ApiError {
    fn from(err: crate::state::WriteError) -> ApiError {
        match err {
            crate::state::WriteError::WritesPaused(paused) => paused.into(),
            crate::state::WriteError::Indexer(err) => err.into(),
        }
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(err: actix_web::error::BlockingError) -> ApiError {
        ApiError::Internal(err.to_string())
    }
}
