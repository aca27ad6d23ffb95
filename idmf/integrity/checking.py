"""Whether a PDF someone was sent or downloaded is one we signed, as it was signed: found by
its SHA-256 among the PDFs we signed (cheap), else read with pyHanko to tell a PDF we signed
that was altered since (our signature no longer intact, or no longer covering the whole
file) from one we never signed."""

import enum
import io
from dataclasses import dataclass

from idmf.core import signing
from idmf.core.models import SignedPdf


class Outcome(enum.Enum):
    UNALTERED = "unaltered"  # one we signed, byte for byte
    ALTERED = "altered"  # signed by us, changed since
    NOT_OURS = "not ours"  # no signature of ours
    UNLISTED = "unlisted"  # our signature, whole and intact, but not a PDF we listed


@dataclass(frozen=True)
class Finding:
    outcome: Outcome
    # The PDF we signed that it is (unaltered), or that it started as (altered by bytes
    # added at its end), when we know.
    signed: SignedPdf | None = None


def check(pdf: bytes) -> Finding:
    listed = SignedPdf.objects.filter(sha256=signing.sha256(pdf)).first()
    if listed is not None:
        return Finding(Outcome.UNALTERED, listed)
    ours = signing.site_certificate()
    signing.pyhanko()  # pyHanko is loaded when a document is checked, quietly (see there)
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        embedded = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
    except Exception:  # too damaged to read as a PDF: does it hold our certificate?
        return Finding(Outcome.ALTERED if _holds(pdf, ours) else Outcome.NOT_OURS)
    for signature in embedded:
        started_as = _signed_part_listed(pdf, signature)
        if started_as is None and not _signed_with(signature, ours):
            continue
        if started_as is None and _whole_and_intact(signature, ours):
            return Finding(Outcome.UNLISTED)
        return Finding(Outcome.ALTERED, started_as)
    return Finding(Outcome.NOT_OURS)


def _holds(pdf: bytes, certificate) -> bool:
    """Whether our certificate is in the file's bytes (a signature's contents are written in
    hexadecimal)."""
    if certificate is None:
        return False
    written = certificate.dump().hex().encode()
    return written in pdf or written.upper() in pdf


def _signed_part_listed(pdf: bytes, signature) -> SignedPdf | None:
    """The PDF we signed that the file starts with, when bytes were added after it (an
    incremental update): the part the signature covers ends there."""
    try:
        start, length, rest, rest_length = (int(n) for n in signature.byte_range)
        end = rest + rest_length
    except (TypeError, ValueError):
        return None
    if start != 0 or not 0 < end < len(pdf):
        return None
    return SignedPdf.objects.filter(sha256=signing.sha256(pdf[:end])).first()


def _signed_with(signature, certificate) -> bool:
    try:
        return certificate is not None and signature.signer_cert.dump() == certificate.dump()
    except Exception:  # a signature without a certificate that can be read is not ours
        return False


def _whole_and_intact(signature, certificate) -> bool:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    context = ValidationContext(trust_roots=[certificate], allow_fetching=False)
    try:
        status = signing.off_any_event_loop(
            lambda: validate_pdf_signature(signature, context, skip_diff=True)
        )
    except Exception:  # a damaged signature is not an intact one, whatever pyHanko raises
        return False
    return status.intact and status.valid and status.coverage == SignatureCoverageLevel.ENTIRE_FILE
