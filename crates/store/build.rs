//! Migrations are embedded with `include_str!`; a new or edited `.sql` file must rebuild the crate.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
