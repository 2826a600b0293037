//! Wire types: the shapes that cross the IPC boundary. Evaluations and results cross as the file
//! format (`evaluation`: the domain's own serde form, its TypeScript derived on the domain types
//! under jauge-domain's `ts` feature); the other shapes (journal, catalogs, reports, app facts)
//! are the shell's own, with `From` conversions from the API's types and camelCase field names.
//! `bindings` writes every TypeScript type to `ui/src/ipc/bindings.gen.ts`.

mod catalog;
mod committee;
mod consultation;
mod evaluation;
mod letters;
mod prices;
mod report;
mod rounds;
mod store;
mod words;

#[cfg(test)]
mod bindings;
#[cfg(test)]
mod fixtures;

pub use catalog::*;
pub use committee::*;
pub use consultation::*;
pub use evaluation::*;
pub use letters::*;
pub use prices::*;
pub use report::*;
pub use rounds::*;
pub use store::*;
pub use words::*;
