//! What several store tests need: a company's request as the public questionnaire records it.

use tremplin_store::{Db, catalogue};
use uuid::Uuid;

/// A request from "Biscuiterie du Beffroi" (Nord), with this SIREN or none.
pub async fn request(db: &Db, siren: Option<&str>) -> Uuid {
    catalogue::create_request(
        db,
        &catalogue::NewRequest {
            contact_name: "Léa Martin",
            contact_email: "lea@example.test",
            contact_phone: None,
            company_name: "Biscuiterie du Beffroi",
            siren,
            departement: Some("59"),
            message: None,
            consent_share: true,
            consent_text: "",
            profile_json: "{}",
            results_json: "[]",
            catalogue_version: "",
            locale: "fr",
            received: None,
        },
    )
    .await
    .expect("request")
}
