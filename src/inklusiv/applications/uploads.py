"""Uploaded files are judged by their content (magic bytes) and size, never by name alone.

Office documents of today are zip archives and images are compressed: a small upload can
unpack to gigabytes (a "zip bomb", or a 30,000 × 30,000 px image) and stall whoever opens it
later. Both are measured from their headers, without unpacking anything, before storing.
"""

import hashlib
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

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
# Detected types that are zip archives (Office Open XML and OpenDocument).
ZIP_BASED = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation",
    }
)
IMAGES = frozenset({"image/jpeg", "image/png"})
# Generous for real documents: pictures inside are compressed already, and text XML packs
# about ten- to thirtyfold (repetitive spreadsheet XML sometimes a few hundredfold; deflate
# cannot pack more than about 1000-fold, which is what a stream of zeros does). Settings of
# the same name override these.
UPLOAD_MAX_EXPANDED_BYTES = 100 * 1024 * 1024
UPLOAD_MAX_COMPRESSION_RATIO = 500
UPLOAD_MAX_PIXELS = 40_000_000
# Parts smaller than this are not judged by their ratio: tiny parts pack absurdly well.
RATIO_CHECK_FROM_BYTES = 1024 * 1024

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
    if kind.mime in ZIP_BASED:
        _check_archive(upload, name)
    elif kind.mime in IMAGES:
        _check_image(upload, name)
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(
        name=name, content_type=kind.mime, size=upload.size, sha256=digest.hexdigest()
    )


def _damaged(name: str) -> DomainError:
    return DomainError(
        _(
            "The file %(name)s is damaged and cannot be opened. "
            "Please save it again in its program and upload it once more."
        )
        % {"name": name}
    )


def _check_archive(upload, name: str) -> None:
    """Refuse an office document whose parts would unpack to too much (read from the zip's
    table of contents; nothing is unpacked)."""
    limit = getattr(settings, "UPLOAD_MAX_EXPANDED_BYTES", UPLOAD_MAX_EXPANDED_BYTES)
    max_ratio = getattr(settings, "UPLOAD_MAX_COMPRESSION_RATIO", UPLOAD_MAX_COMPRESSION_RATIO)
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _damaged(name) from None
    finally:
        upload.seek(0)
    expanded = sum(part.file_size for part in parts)
    if expanded > limit:
        raise DomainError(
            _(
                "The file %(name)s would unpack to %(size)s when opened; at most %(limit)s "
                "are accepted. Please save it with smaller pictures, or as PDF."
            )
            % {"name": name, "size": filesizeformat(expanded), "limit": filesizeformat(limit)}
        )
    for part in parts:
        if part.file_size < RATIO_CHECK_FROM_BYTES:
            continue
        ratio = part.file_size / max(part.compress_size, 1)
        if ratio > max_ratio:
            raise DomainError(
                _(
                    "The file %(name)s is packed in an unusual way: a part of it would grow "
                    "%(ratio)s-fold when opened. For safety it is not accepted. Please save it "
                    "again in its program, or as PDF."
                )
                % {"name": name, "ratio": number_format(int(ratio), force_grouping=True)}
            )


def _check_image(upload, name: str) -> None:
    """Refuse an image with more pixels than anyone needs (read from its header only)."""
    limit = getattr(settings, "UPLOAD_MAX_PIXELS", UPLOAD_MAX_PIXELS)
    upload.seek(0)
    try:
        # Image.open reads the header and stops; pixels are decoded only on load().
        with Image.open(upload) as image:
            width, height = image.size
    except Image.DecompressionBombError:
        width = height = None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise _damaged(name) from None
    finally:
        upload.seek(0)
    if width is None or width * height > limit:
        raise DomainError(
            _(
                "The image %(name)s is too large: images may have at most %(limit)s million "
                "pixels (for example 8000 × 5000). Please make it smaller and upload it again."
            )
            % {"name": name, "limit": number_format(limit // 1_000_000)}
        )
