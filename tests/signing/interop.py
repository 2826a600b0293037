"""Signed PDFs as other tools make them, for tests/signing/interop.rs.

Run with the Python that has pyHanko: `python interop.py INPUT.pdf OUT_DIR`. Every key and
certificate is made here, at random, so nothing secret is stored in the repository; the test
timestamp authority is pyHanko's DummyTimeStamper. Besides pyHanko's own signatures (SHA-384,
SHA-512, RSASSA-PSS, ECDSA P-384, Ed25519, a signature timestamp, a document timestamp), the
CMS of a pyHanko signature is rebuilt the way older or looser signers write it: BER with
indefinite lengths, signed attributes out of DER order, no signed attributes at all, no ESS
signing-certificate attribute.
"""

import datetime
import hashlib
import io
import re
import sys

from asn1crypto import algos, cms, core, keys, tsp, x509
from cryptography import x509 as cx509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers, timestamps
from pyhanko_certvalidator.registry import SimpleCertificateStore

NOW = datetime.datetime(2026, 11, 15, 10, 30, tzinfo=datetime.timezone.utc)


def identity(name, private_key, hash_algorithm):
    subject = cx509.Name([cx509.NameAttribute(NameOID.COMMON_NAME, name)])
    builder = (
        cx509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(private_key.public_key())
        .serial_number(cx509.random_serial_number())
        .not_valid_before(NOW - datetime.timedelta(days=1))
        .not_valid_after(NOW + datetime.timedelta(days=365))
    )
    if name.startswith("TSA"):
        builder = builder.add_extension(
            cx509.ExtendedKeyUsage([cx509.oid.ExtendedKeyUsageOID.TIME_STAMPING]),
            critical=True,
        )
    cert = builder.sign(private_key, hash_algorithm)
    key_der = private_key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return (
        x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        keys.PrivateKeyInfo.load(key_der),
        private_key,
    )


def signer(ident, prefer_pss=False):
    cert, key, _ = ident
    return signers.SimpleSigner(
        signing_cert=cert,
        signing_key=key,
        # The signing certificate is embedded anyway: listing it again would embed it twice.
        cert_registry=SimpleCertificateStore(),
        prefer_pss=prefer_pss,
    )


def sign(
    source, out, ident, md, field, prefer_pss=False, timestamper=None, subfilter=None, mdp=None
):
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        md_algorithm=md,
        subfilter=subfilter or fields.SigSeedSubFilter.PADES,
        certify=mdp is not None,
        docmdp_permissions=mdp or fields.MDPPerm.FILL_FORMS,
    )
    with open(source, "rb") as inf:
        writer = IncrementalPdfFileWriter(inf)
        output = io.BytesIO()
        signers.sign_pdf(
            writer,
            meta,
            signer=signer(ident, prefer_pss),
            timestamper=timestamper,
            output=output,
        )
    with open(out, "wb") as f:
        f.write(output.getvalue())


def update(source, out, change):
    """One incremental update of `source` made by `change(writer)`, written to `out`."""
    with open(source, "rb") as inf:
        writer = IncrementalPdfFileWriter(inf)
        change(writer)
        output = io.BytesIO()
        writer.write(output)
    with open(out, "wb") as f:
        f.write(output.getvalue())


def add_text_field(writer):
    """A form with one empty text field, `Observations`, on page 1, as a form author makes it."""
    page_ref, _ = writer.find_page_for_modification(0)
    field = writer.add_object(
        generic.DictionaryObject(
            {
                generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
                generic.pdf_name("/Subtype"): generic.pdf_name("/Widget"),
                generic.pdf_name("/FT"): generic.pdf_name("/Tx"),
                generic.pdf_name("/T"): generic.pdf_string("Observations"),
                generic.pdf_name("/Rect"): generic.ArrayObject(
                    [generic.NumberObject(n) for n in (50, 50, 300, 80)]
                ),
                generic.pdf_name("/P"): page_ref,
            }
        )
    )
    writer.register_annotation(page_ref, field)
    form = generic.DictionaryObject({generic.pdf_name("/Fields"): generic.ArrayObject([field])})
    writer.root[generic.pdf_name("/AcroForm")] = writer.add_object(form)
    writer.update_root()


def fill_text_field(writer):
    """Fills `Observations` in: a new value, nothing else."""
    form = writer.root["/AcroForm"]
    for field_ref in form["/Fields"]:
        field = field_ref.get_object()
        if field.get("/T") == "Observations":
            field[generic.pdf_name("/V")] = generic.pdf_string("Offre conforme")
            writer.mark_update(field_ref)


def add_note(writer):
    """A sticky note on page 1: an annotation, not a form field."""
    page_ref, _ = writer.find_page_for_modification(0)
    note = writer.add_object(
        generic.DictionaryObject(
            {
                generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
                generic.pdf_name("/Subtype"): generic.pdf_name("/Text"),
                generic.pdf_name("/Rect"): generic.ArrayObject(
                    [generic.NumberObject(n) for n in (400, 700, 420, 720)]
                ),
                generic.pdf_name("/Contents"): generic.pdf_string("Vu"),
            }
        )
    )
    writer.register_annotation(page_ref, note)


def add_empty_signature_field(shared):
    """An empty signature field `Visa` on page 1 whose placeholder appearance is an indirect
    dictionary; with `shared`, the catalog refers to that dictionary too (as pyHanko's "sneaky"
    test files do), so that rewriting it changes something besides the field."""

    def change(writer):
        page_ref, _ = writer.find_page_for_modification(0)
        placeholder = generic.StreamObject(
            {
                generic.pdf_name("/Type"): generic.pdf_name("/XObject"),
                generic.pdf_name("/Subtype"): generic.pdf_name("/Form"),
                generic.pdf_name("/BBox"): generic.ArrayObject(
                    [generic.NumberObject(n) for n in (0, 0, 200, 50)]
                ),
            },
            stream_data=b"0 0 200 50 re S",
        )
        appearance = writer.add_object(
            generic.DictionaryObject({generic.pdf_name("/N"): writer.add_object(placeholder)})
        )
        field = writer.add_object(
            generic.DictionaryObject(
                {
                    generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
                    generic.pdf_name("/Subtype"): generic.pdf_name("/Widget"),
                    generic.pdf_name("/FT"): generic.pdf_name("/Sig"),
                    generic.pdf_name("/T"): generic.pdf_string("Visa"),
                    generic.pdf_name("/F"): generic.NumberObject(4),
                    generic.pdf_name("/Rect"): generic.ArrayObject(
                        [generic.NumberObject(n) for n in (300, 100, 500, 150)]
                    ),
                    generic.pdf_name("/P"): page_ref,
                    generic.pdf_name("/AP"): appearance,
                }
            )
        )
        writer.register_annotation(page_ref, field)
        form = generic.DictionaryObject(
            {generic.pdf_name("/Fields"): generic.ArrayObject([field])}
        )
        writer.root[generic.pdf_name("/AcroForm")] = writer.add_object(form)
        if shared:
            writer.root[generic.pdf_name("/FooBar")] = appearance
        writer.update_root()

    return change


def last_signature(pdf):
    ranges = list(re.finditer(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf))
    start, first_len, second_start, second_len = (int(x) for x in ranges[-1].groups())
    signed = pdf[start : start + first_len] + pdf[second_start : second_start + second_len]
    return first_len, second_start, signed


def replace_contents(pdf, new_cms):
    first_len, second_start, _ = last_signature(pdf)
    room = second_start - first_len - 2
    text = new_cms.hex().encode()
    assert len(text) <= room, "the rebuilt CMS does not fit the reserved space"
    return pdf[: first_len + 1] + text + b"0" * (room - len(text)) + pdf[second_start - 1 :]


def rsa_cms(ident, signed_bytes, attributes):
    """A SignedData over `signed_bytes` signed with RSA PKCS#1 v1.5 and SHA-256. `attributes`
    is None (no signed attributes) or the list of attributes in the order to transmit them."""
    cert, _, private_key = ident
    if attributes is None:
        signature = private_key.sign(signed_bytes, padding.PKCS1v15(), hashes.SHA256())
        signed_attrs = None
    else:
        body = b"".join(attr.dump() for attr in attributes)
        transmitted = b"\x31" + der_length(len(body)) + body
        signature = private_key.sign(transmitted, padding.PKCS1v15(), hashes.SHA256())
        signed_attrs = cms.CMSAttributes.load(transmitted)
    info = {
        "version": "v1",
        "sid": cms.SignerIdentifier(
            {
                "issuer_and_serial_number": cms.IssuerAndSerialNumber(
                    {"issuer": cert.issuer, "serial_number": cert.serial_number}
                )
            }
        ),
        "digest_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
        "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": "rsassa_pkcs1v15"}),
        "signature": signature,
    }
    if signed_attrs is not None:
        info["signed_attrs"] = signed_attrs
    signed_data = cms.SignedData(
        {
            "version": "v1",
            "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha256"})],
            "encap_content_info": {"content_type": "data"},
            "certificates": [cert],
            "signer_infos": [cms.SignerInfo(info)],
        }
    )
    return cms.ContentInfo({"content_type": "signed_data", "content": signed_data}).dump()


def der_length(n):
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def attributes(ident, signed_bytes, with_ess):
    cert = ident[0]
    found = [
        cms.CMSAttribute({"type": "content_type", "values": ["data"]}),
        cms.CMSAttribute(
            {"type": "message_digest", "values": [hashlib.sha256(signed_bytes).digest()]}
        ),
    ]
    if with_ess:
        found.append(
            cms.CMSAttribute(
                {
                    "type": "signing_certificate_v2",
                    "values": [
                        tsp.SigningCertificateV2(
                            {"certs": [{"cert_hash": hashlib.sha256(cert.dump()).digest()}]}
                        )
                    ],
                }
            )
        )
    return found


def to_indefinite(der):
    """Rewrites the outer ContentInfo and its [0] wrapper with indefinite lengths (BER)."""
    outer_header = 2 + (der[1] & 0x7F if der[1] & 0x80 else 0)
    inner = der[outer_header:]
    oid_len = 2 + inner[1]
    oid, wrapped = inner[:oid_len], inner[oid_len:]
    wrapper_header = 2 + (wrapped[1] & 0x7F if wrapped[1] & 0x80 else 0)
    signed_data = wrapped[wrapper_header:]
    return b"\x30\x80" + oid + b"\xa0\x80" + signed_data + b"\x00\x00\x00\x00"


def main():
    source, out = sys.argv[1], sys.argv[2]
    rsa_ident = identity("RSA Signer", rsa.generate_private_key(65537, 2048), hashes.SHA256())
    p384_ident = identity("P-384 Signer", ec.generate_private_key(ec.SECP384R1()), hashes.SHA384())
    ed_ident = identity("Ed25519 Signer", ed25519.Ed25519PrivateKey.generate(), None)
    tsa_cert, tsa_key, _ = identity(
        "TSA Test Authority", rsa.generate_private_key(65537, 2048), hashes.SHA256()
    )
    stamper = timestamps.DummyTimeStamper(tsa_cert=tsa_cert, tsa_key=tsa_key, fixed_dt=NOW)

    sign(source, f"{out}/rsa-sha512.pdf", rsa_ident, "sha512", "RsaSha512")
    sign(source, f"{out}/rsa-pss.pdf", rsa_ident, "sha256", "RsaPss", prefer_pss=True)
    sign(source, f"{out}/p384-sha384.pdf", p384_ident, "sha384", "P384")
    sign(source, f"{out}/ed25519.pdf", ed_ident, "sha512", "Ed25519")
    sign(source, f"{out}/signature-timestamp.pdf", rsa_ident, "sha256", "Stamped", timestamper=stamper)

    # A document timestamp after a signature: PAdES B-LTA's last step.
    with open(f"{out}/rsa-sha512.pdf", "rb") as inf:
        output = io.BytesIO()
        signers.PdfTimeStamper(stamper).timestamp_pdf(
            IncrementalPdfFileWriter(inf), "sha256", output=output
        )
    with open(f"{out}/document-timestamp.pdf", "wb") as f:
        f.write(output.getvalue())

    # A certification that permits no change (DocMDP P=1), and the same with a document
    # timestamp after it, which P=1 still allows.
    sign(source, f"{out}/certified-p1.pdf", rsa_ident, "sha256", "Certification", mdp=fields.MDPPerm.NO_CHANGES)
    with open(f"{out}/certified-p1.pdf", "rb") as inf:
        output = io.BytesIO()
        signers.PdfTimeStamper(stamper).timestamp_pdf(
            IncrementalPdfFileWriter(inf), "sha256", output=output
        )
    with open(f"{out}/certified-p1-timestamped.pdf", "wb") as f:
        f.write(output.getvalue())

    # The violation itself: a signature added after that certification. pyHanko refuses to make
    # one (as Jauge does), so this signer skips the refusal, as a careless tool would.
    class CarelessSigner(signers.PdfSigner):
        def _enforce_certification_constraints(self, reader):
            return None

    with open(f"{out}/certified-p1.pdf", "rb") as inf:
        output = io.BytesIO()
        CarelessSigner(
            signers.PdfSignatureMetadata(
                field_name="Visa", md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES
            ),
            signer=signer(p384_ident),
        ).sign_pdf(IncrementalPdfFileWriter(inf), output=output)
    with open(f"{out}/certified-p1-countersigned.pdf", "wb") as f:
        f.write(output.getvalue())

    # Certifications that permit changes: form filling (P=2, pyHanko's default) and annotations
    # too (P=3), followed by changes inside and outside those limits.
    update(source, f"{out}/with-field.pdf", add_text_field)
    sign(f"{out}/with-field.pdf", f"{out}/certified-p2.pdf", rsa_ident, "sha256", "Certification",
         mdp=fields.MDPPerm.FILL_FORMS)
    update(f"{out}/certified-p2.pdf", f"{out}/certified-p2-filled.pdf", fill_text_field)
    update(f"{out}/certified-p2.pdf", f"{out}/certified-p2-annotated.pdf", add_note)
    sign(f"{out}/with-field.pdf", f"{out}/certified-p3.pdf", rsa_ident, "sha256", "Certification",
         mdp=fields.MDPPerm.ANNOTATE)
    update(f"{out}/certified-p3.pdf", f"{out}/certified-p3-annotated.pdf", add_note)

    # A later signer filling an empty signature field: its placeholder appearance used by
    # nothing else (allowed), or also referred to by the catalog (pyHanko calls it illegal).
    for name, shared in (("placeholder", False), ("placeholder-shared", True)):
        update(source, f"{out}/{name}-empty.pdf", add_empty_signature_field(shared))
        sign(f"{out}/{name}-empty.pdf", f"{out}/{name}-first.pdf", rsa_ident, "sha256", "Premier")
        sign(f"{out}/{name}-first.pdf", f"{out}/{name}-filled.pdf", p384_ident, "sha384", "Visa")

    # The CMS of an RSA signature, rebuilt as looser signers write it.
    sign(
        source,
        f"{out}/base-adbe.pdf",
        rsa_ident,
        "sha256",
        "Loose",
        subfilter=fields.SigSeedSubFilter.ADOBE_PKCS7_DETACHED,
    )
    with open(f"{out}/base-adbe.pdf", "rb") as f:
        base = f.read()
    _, _, signed_bytes = last_signature(base)
    attrs = attributes(rsa_ident, signed_bytes, with_ess=True)
    in_der_order = sorted(attrs, key=lambda attr: attr.dump())
    variants = {
        "unsorted-attributes": rsa_cms(rsa_ident, signed_bytes, list(reversed(in_der_order))),
        "no-signed-attributes": rsa_cms(rsa_ident, signed_bytes, None),
        "no-ess": rsa_cms(
            rsa_ident,
            signed_bytes,
            sorted(attributes(rsa_ident, signed_bytes, with_ess=False), key=lambda a: a.dump()),
        ),
        "ber": to_indefinite(rsa_cms(rsa_ident, signed_bytes, in_der_order)),
    }
    for name, new_cms in variants.items():
        with open(f"{out}/{name}.pdf", "wb") as f:
            f.write(replace_contents(base, new_cms))


if __name__ == "__main__":
    main()
