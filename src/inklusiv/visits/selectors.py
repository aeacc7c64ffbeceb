"""Reading on-site meetings the way several pages and services need them."""

from django.db.models import Q


def seat_filter(user, prefix: str = "") -> Q:
    """The seats of `user`: by account, or by their (verified) e-mail address for seats
    created before they had an account. `prefix` reaches Participant through a relation,
    e.g. "participants__" from Visit."""
    seats = Q(**{f"{prefix}user": user})
    if user.email:
        seats |= Q(**{f"{prefix}email__iexact": user.email.strip()})
    return seats
