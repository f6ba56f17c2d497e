//! The OpenAPI document of the API, generated from the handlers and the wire types.
//! `docs/openapi.json` is this document; a test fails when it is stale.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

/// The API's OpenAPI description.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "leakhound scan API",
        description = "A self-hosted, Nightfall v3 compatible scan API. Every error has the body \
            ErrorBody; the codes are listed in docs/api-errors.md.",
        license(name = "Apache-2.0")
    ),
    paths(
        crate::scan::scan_text,
        crate::upload::init,
        crate::upload::chunk,
        crate::upload::finish,
        crate::upload::scan,
        crate::worker::findings,
    ),
    components(schemas(
        leakhound_api::webhook::WebhookChallenge,
        leakhound_api::webhook::WebhookNotification,
        leakhound_api::webhook::TextScanAlert,
    )),
    modifiers(&BearerAuth),
    tags(
        (name = "scan", description = "Scan text"),
        (name = "files", description = "Upload and scan files; results go to a signed webhook"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The document as pretty JSON with a trailing newline (the content of `docs/openapi.json`).
pub fn document() -> String {
    let mut doc = ApiDoc::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_string();
    let mut text = doc
        .to_pretty_json()
        .expect("the OpenAPI document serializes");
    text.push('\n');
    text
}
