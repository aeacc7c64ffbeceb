"""Content that people write, in German and English: pick the reader's language, and keep
the language a text is written in, so that a page can mark a German text on an English page
(WCAG 3.1.2, language of parts) and screen readers pronounce it right."""

from django.utils.translation import get_language


class Text(str):
    """A string that knows the language it is written in (`lang`, e.g. "de")."""

    lang: str

    def __new__(cls, value: str, lang: str):
        text = super().__new__(cls, value)
        text.lang = lang
        return text

    def __reduce__(self):
        return (Text, (str(self), self.lang))


def written_in(lang: str, value: str) -> Text:
    """`value` marked as written in `lang`: what applicants write for a call is in German,
    the language every call is published in."""
    return Text(value or "", lang)


def pick(german: str, english: str) -> Text:
    """The English text for English readers when there is one; German otherwise."""
    if (get_language() or "de")[:2] == "en" and english:
        return Text(english, "en")
    return Text(german, "de")


def localized(obj, field: str) -> Text:
    return pick(getattr(obj, f"{field}_de", ""), getattr(obj, f"{field}_en", ""))
