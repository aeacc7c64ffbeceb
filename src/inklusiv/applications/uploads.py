"""Uploaded files are judged by their content (magic bytes) and size, never by name alone."""

import hashlib
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from inklusiv.core.exceptions import DomainError

# Detected type → the file name endings it may carry.
ALLOWED = {
    "application/pdf": {"pdf"},
    "image/jpeg": {"jpg", "jpeg"},
    "image/png": {"png"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {"docx"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"xlsx"},
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": {"pptx"},
    "application/vnd.oasis.opendocument.text": {"odt"},
    "application/vnd.oasis.opendocument.spreadsheet": {"ods"},
    "application/vnd.oasis.opendocument.presentation": {"odp"},
    "application/msword": {"doc"},
    "application/vnd.ms-excel": {"xls"},
    "application/vnd.ms-powerpoint": {"ppt"},
}
ALLOWED_ENDINGS = sorted({ending for endings in ALLOWED.values() for ending in endings})
ACCEPT_ATTRIBUTE = ",".join(f".{ending}" for ending in ALLOWED_ENDINGS)


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    size: int
    sha256: str


def check_upload(upload) -> CheckedFile:
    """Refuse what is too large, of a kind we do not take, or not what its name says."""
    name = (upload.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:255]
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size == 0:
        raise DomainError(_("The file %(name)s is empty.") % {"name": name})
    if upload.size > limit:
        raise DomainError(
            _("The file %(name)s is %(size)s; files may be at most %(limit)s.")
            % {"name": name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    upload.seek(0)
    head = upload.read(8192)
    kind = filetype.guess(head)
    ending = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed_names = ", ".join(ending.upper() for ending in ALLOWED_ENDINGS)
    if kind is None or kind.mime not in ALLOWED:
        raise DomainError(
            _(
                "The file %(name)s is not a PDF, an image or an office document. "
                "Allowed are: %(allowed)s."
            )
            % {"name": name, "allowed": allowed_names}
        )
    if ending not in ALLOWED[kind.mime]:
        raise DomainError(
            _(
                "The content of %(name)s does not match its name ending. "
                "Please save it again in its proper format. Allowed are: %(allowed)s."
            )
            % {"name": name, "allowed": allowed_names}
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(
        name=name, content_type=kind.mime, size=upload.size, sha256=digest.hexdigest()
    )
