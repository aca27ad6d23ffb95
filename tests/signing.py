"""The site's signing key and certificate in tests, and what a test reads of a PDF's
signature. The pair is made once a test process (each pytest-xdist worker its own, in its own
temporary folder); tests that want PDFs signed ask for the `signing` fixture
(tests/conftest.py), the others make PDFs as a site without a certificate does."""

import io
from dataclasses import dataclass
from pathlib import Path

from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from idmf.core.signing import make_certificate


@dataclass(frozen=True)
class SigningFiles:
    key: Path
    certificate: Path


def make_signing_files(folder: Path) -> SigningFiles:
    files = SigningFiles(key=folder / "key.pem", certificate=folder / "certificate.pem")
    make_certificate(key=files.key, certificate=files.certificate, name="Test site")
    return files


def signed_by(files: SigningFiles, pdf: bytes) -> bytes:
    """`pdf` signed with `files` (someone else's, say), as a PDF program would: not listed."""
    signer = signers.SimpleSigner.load(str(files.key), str(files.certificate))
    return signers.sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False),
        signers.PdfSignatureMetadata(field_name="Signature"),
        signer=signer,
    ).getvalue()


@dataclass(frozen=True)
class Signature:
    """What pyHanko finds of a PDF's one signature, checked against our certificate."""

    intact: bool  # the signed bytes are as they were signed
    valid: bool  # the signature is the signer's
    trusted: bool  # the signer's certificate is ours
    whole_file: bool  # it covers every byte of the file
    ours: bool  # signed with our certificate


def signatures_of(pdf: bytes, files: SigningFiles) -> list[Signature]:
    ours = load_cert_from_pemder(str(files.certificate))
    context = ValidationContext(trust_roots=[ours], allow_fetching=False)
    found = []
    for embedded in PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures:
        status = validate_pdf_signature(embedded, context, skip_diff=True)
        found.append(
            Signature(
                intact=status.intact,
                valid=status.valid,
                trusted=status.trusted,
                whole_file=status.coverage.name == "ENTIRE_FILE",
                ours=embedded.signer_cert.dump() == ours.dump(),
            )
        )
    return found


SIGNED_WHOLE_BY_US = Signature(intact=True, valid=True, trusted=True, whole_file=True, ours=True)
