//! Pure core of Mỹ Tho Số: rules, texts and types that both the browser app and the gateway use.
//! Nothing here touches the network, the DOM or the disk, so all of it is tested natively.

pub mod api;
pub mod classes;
pub mod config;
pub mod device;
pub mod dossier;
pub mod draft;
pub mod first_screen;
pub mod i18n;
pub mod lessons;
pub mod open311;
pub mod order;
pub mod report_draft;
pub mod retry;
pub mod routes;
pub mod payment;
pub mod procedures;
pub mod profile;
pub mod text;
pub mod tourism;
pub mod validate;
pub mod vietqr;
pub mod wards;
pub mod faq;
pub mod forms;
