//! Wire types: the only shapes that cross the IPC boundary, with `From`/`TryFrom` conversions
//! to and from the API's types. Each derives `TS`; `bindings` writes them all to
//! `ui/src/ipc/bindings.gen.ts`. Field names are camelCase on the wire, enum values keep the
//! snake_case spellings of the evaluation format.

mod catalog;
mod evaluation;
mod report;
mod results;
mod store;
mod words;

#[cfg(test)]
mod bindings;

pub use catalog::*;
pub use evaluation::*;
pub use report::*;
pub use results::*;
pub use store::*;
pub use words::*;
