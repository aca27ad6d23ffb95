"""Signed PDFs: a final record's PDF and a board assurance pack are signed with the site's key
and certificate (pyHanko), so that a copy printed or e-mailed can be checked against
alteration. Each PDF signed is listed (SignedPdf, by its SHA-256), so the "Check a document"
page can say which record it is.

The key and certificate are PEM files (settings.SIGNING_KEY, SIGNING_CERTIFICATE;
`manage.py make_signing_certificate` makes a self-signed pair). Without them PDFs are made
unsigned, and the log says so once: the site still works."""

from __future__ import annotations

import asyncio
import datetime
import functools
import hashlib
import io
import logging
import os
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from idmf.core import records
from idmf.core.models import SignedPdf
from idmf.core.pdf import record_named_by

if TYPE_CHECKING:
    from pyhanko.sign import signers

logger = logging.getLogger(__name__)


@functools.cache
def pyhanko():
    """pyHanko's writer and signers, loaded when first needed (half a second a process: a web
    process that signs nothing never loads them)."""
    with warnings.catch_warnings():
        # pyHanko imports cryptography's DSA (which it never uses here), deprecated: said on
        # every start, of every command, were it not kept quiet.
        warnings.filterwarnings("ignore", "DSA is deprecated", CryptographyDeprecationWarning)
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import signers
    return IncrementalPdfFileWriter, signers


def off_any_event_loop(work):
    """`work()`, where pyHanko may start an event loop of its own (it signs and validates
    through `asyncio.run`, which refuses to start inside a running loop): in a thread of its
    own when this thread runs a loop (an asynchronous server, or a process that drives a
    browser through Playwright's synchronous API)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return work()
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(work).result()


SIGNATURE_FIELD = "Signature"
SIGNED_BY = "Inclusive decisions"
_warned: set[str] = set()


def _paths() -> tuple[Path, Path]:
    return Path(settings.SIGNING_KEY), Path(settings.SIGNING_CERTIFICATE)


@functools.lru_cache(maxsize=4)
def _load(key: Path, certificate: Path, changed: tuple[int, int]) -> signers.SimpleSigner | None:
    """The signer from the two files (read again when either changes: `changed`); None if
    they cannot be read as a key and its certificate."""
    _, signers = pyhanko()
    try:
        return signers.SimpleSigner.load(str(key), str(certificate))
    except (OSError, ValueError):
        return None


def _unsigned(why: str) -> None:
    """Say once (for each reason) why PDFs are not signed."""
    if why not in _warned:
        _warned.add(why)
        logger.warning("PDFs are not signed: %s", why)


def site_signer() -> signers.SimpleSigner | None:
    """The site's signer, or None when its key or certificate is missing or cannot be read
    (said once in the log): PDFs are then made unsigned."""
    key, certificate = _paths()
    try:
        changed = (key.stat().st_mtime_ns, certificate.stat().st_mtime_ns)
    except OSError:
        _unsigned(
            f"no signing key at {key} or certificate at {certificate} "
            "(manage.py make_signing_certificate makes them)"
        )
        return None
    signer = _load(key, certificate, changed)
    if signer is None:
        _unsigned(f"the signing key {key} or certificate {certificate} cannot be read")
    return signer


def site_certificate() -> asn1_x509.Certificate | None:
    signer = site_signer()
    return signer.signing_cert if signer else None


def signs() -> bool:
    """Whether PDFs made now are signed."""
    return site_signer() is not None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sign(*, pdf: bytes, title: str, record: Model | None = None, version=None, url="") -> bytes:
    """`pdf` signed with the site's certificate (unchanged if the site has none), and listed
    as `title`, of `record` at `version`, read at `url`."""
    signer = site_signer()
    if signer is None:
        return pdf
    IncrementalPdfFileWriter, signers = pyhanko()
    signed = off_any_event_loop(
        lambda: signers.sign_pdf(
            IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False),
            signers.PdfSignatureMetadata(
                field_name=SIGNATURE_FIELD,
                md_algorithm="sha256",
                name=SIGNED_BY,
                reason=f"Issued by {SIGNED_BY}: any change to this file breaks the signature",
            ),
            signer=signer,
        ).getvalue()
    )
    SignedPdf.objects.create(
        sha256=sha256(signed),
        title=title[: SignedPdf._meta.get_field("title").max_length],
        record_type=ContentType.objects.get_for_model(record) if record is not None else None,
        record_id=record.pk if record is not None else None,
        version=version,
        url=url,
    )
    return signed


def sign_final(*, key: str, pdf: bytes) -> bytes:
    """The PDF of a final record kept under `key` (its state: idmf.core.pdf.state_key, with
    "public-" before it for the public's copy), signed and listed with its record."""
    public = key.startswith("public-")
    named = record_named_by(key.removeprefix("public-"))
    kind = next(
        (k for k in records.KINDS.values() if named and k.model.__name__.lower() == named[0]),
        None,
    )
    record = kind.model.objects.filter(pk=named[1]).first() if kind else None
    if record is None:  # not a record's state: signed all the same, under its key
        return sign(pdf=pdf, title=key)
    return sign(
        pdf=pdf,
        title=str(kind.title(record)),
        record=record,
        version=getattr(record, "version_number", None),
        url=kind.public_address(record) if public else record.get_absolute_url(),
    )


def make_certificate(*, key: Path, certificate: Path, name: str = SIGNED_BY) -> None:
    """A new key and a self-signed certificate for it (ten years), as PEM files; the key is
    readable by its owner alone."""
    private_key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, f"{name} document signing"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    made = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(private_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(private_key, hashes.SHA256())
    )
    old_umask = os.umask(0o077)
    try:
        key.parent.mkdir(parents=True, exist_ok=True)
        key.write_bytes(
            private_key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        key.chmod(0o600)  # a key file there before kept its own permissions
    finally:
        os.umask(old_umask)
    certificate.parent.mkdir(parents=True, exist_ok=True)
    certificate.write_bytes(made.public_bytes(serialization.Encoding.PEM))
