//! Jauge's one integration-test binary: real files, real SQLite databases, real PDFs checked by
//! the tools a buyer's counterpart would use. One module per area, mirroring the crates.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

mod api;
mod catalog;
mod documents;
mod engine;
mod generate;
mod letters;
mod package;
mod prices;
mod report;
mod rounds;
mod signing;
mod store;
mod store_file;
mod wire;
