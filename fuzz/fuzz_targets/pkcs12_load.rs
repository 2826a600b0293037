//! Loading a signer from any bytes as a PKCS#12 (.p12/.pfx) file, as `jauge sign --p12`, the
//! report and letters screens and the return file do: no panic, and bounded time whatever
//! iteration counts the file declares.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // The fixtures' password, so that mutations of the seeds reach past the MAC check.
    let _ = jauge_signing::Signer::from_pkcs12(bytes, "rsa-signer-pass");
    let _ = jauge_signing::Signer::from_pkcs12(bytes, "ec-signer-pass");
});
