"""The ledger's refusals are problems with codes: English as the command line has always
printed them, Dutch for the Dutch app, which never names a command-line option."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from ledger import queries
from ledger.errors import InputError, LedgerError, NotFoundError
from ledger.money import to_cents
from ledger.session import Ledger
from ledger.text import clean_text
from ledger.words import CATALOGUE, say

# Every code a refusal of these modules raises, with facts to word it.
CONVERTED = {
    "payment.unknown": {"movement": 9, "cluster": "Demo"},
    "payment.booked": {"movement": 1, "entry": 4},
    "payment.duplicate": {"movement": 2, "original": 1},
    "payment.bundle": {"movement": 3, "count": 2},
    "payment.outgoing": {"movement": 3, "amount": "-12.50"},
    "payment.dismissed": {"movement": 2, "reason": "sponsor"},
    "payment.not-queued": {"movement": 6},
    "ogm.year-range": {"year": 2125, "cluster": "Demo", "first": 2026, "last": 2125},
    "file.control": {},
    "file.ending": {"name": "a.txt", "suffixes": ".xlsx", "first": ".xlsx", "what": "workbook"},
    "file.is_ledger": {"path": "l.sqlite"},
    "file.exists": {"path": "a.xlsx"},
    "file.folder_denied": {"folder": "/x"},
    "file.unusable": {"path": "a.xlsx", "reason": "permission denied"},
    "file.symlink": {"path": "a.xlsx"},
    "file.special": {"path": "/dev/null"},
    "file.database": {"path": "a.xlsx", "what": "workbook"},
    "file.folder_unwritable": {"folder": "/x", "reason": "permission denied"},
    "cluster.unknown": {"name": "X", "known": "Demo"},
    "cluster.none_yet": {"name": "X"},
    "company.unknown": {"kbo": "0240.023.530"},
    "company.not_found": {"kbo": "0240.023.530"},
    "ruleset.unknown": {"rule_set": "x", "known": "ibn-2026"},
    "text.control": {"what": "reason", "code": "U+0007", "named": " (bell)", "position": 2},
    "text.bidi": {"what": "reason", "code": "U+202E", "named": "rlo", "position": 2},
    "text.surrogate": {"what": "reason", "code": "U+D800", "position": 2},
    "text.foreign_digit": {"what": "amount", "char": "٣", "code": "U+0663", "position": 1},
    "text.empty": {"what": "reason"},
    "text.too_long": {"what": "reason", "length": 2001, "max": 2000},
    "amount.unreadable": {"amount": "'x'"},
    "timezone.unknown": {"name": "Mars/Base", "default": "Europe/Brussels"},
    "report_language.unknown": {"lang": "fr", "expected": "nl, en"},
    "year.outside_program": {
        "year": 2031,
        "cluster": "Demo",
        "rule_set": "ibn-2026",
        "count": 4,
        "first": 2026,
        "last": 2029,
    },
    "write.refused": {"reason": "UNIQUE constraint failed"},
    "project.type_unreadable": {"text": "bakkerij"},
    "project.status_unreadable": {"text": "klaar", "known": "draft, submitted"},
    "project.role_unreadable": {"text": "baas"},
    "project.country_unreadable": {"text": "BEL"},
}


@pytest.mark.parametrize("code", sorted(CONVERTED))
def test_the_dutch_app_words_each_refusal_in_dutch_without_options(code: str) -> None:
    english = say(code, "en", face="app", **CONVERTED[code])
    dutch = say(code, "nl", face="app", **CONVERTED[code])
    assert dutch != english
    for word in ("--", "'payments list'", "'member add'", "'member list'", "contribution reverse"):
        assert word not in dutch, (code, dutch)
    if CATALOGUE[code].get("en#cli"):
        assert say(code, "en", **CONVERTED[code]) != english  # the command line's own hint


def test_a_text_field_refuses_in_both_languages() -> None:
    with pytest.raises(InputError) as empty:
        clean_text("  ", what="reason", max_length=10)
    assert str(empty.value) == "the reason is empty"
    assert empty.value.problem is not None
    assert empty.value.problem.text("nl", face="app") == "het veld is leeg"
    with pytest.raises(InputError) as bell:
        clean_text("a\ab", what="reason", max_length=10)
    assert (
        str(bell.value) == "the reason holds the control character U+0007 at position 2; remove it"
    )
    assert bell.value.problem is not None
    assert bell.value.problem.text("nl") == (
        "de tekst bevat het stuurteken U+0007 op positie 2; verwijder het"
    )
    with pytest.raises(InputError) as long:
        clean_text("x" * 11, what="reason", max_length=10)
    assert str(long.value) == "the reason has 11 characters; at most 10 are allowed"


def test_an_amount_and_a_cluster_not_known_are_problems(tmp_path: Path) -> None:
    with pytest.raises(LedgerError) as amount:
        to_cents(Decimal("1E+999999999"))
    assert str(amount.value) == "Decimal('1E+999999999') is not an amount"
    assert amount.value.problem is not None
    assert amount.value.problem.text("nl") == "Decimal('1E+999999999') is geen bedrag"
    ledger = Ledger.open(tmp_path / "l.sqlite", create=True)
    with ledger.read() as session, pytest.raises(NotFoundError) as unknown:
        queries.get_cluster("Demo", session=session)
    assert (
        str(unknown.value)
        == "cluster 'Demo' is unknown; clusters: none yet; add one with 'cluster add'"
    )
    assert unknown.value.problem is not None
    assert unknown.value.problem.text("nl", face="app") == (
        "cluster 'Demo' is onbekend; er zijn nog geen clusters; voeg er eerst een toe"
    )


def test_project_terms_that_name_nothing_are_problems_in_both_languages() -> None:
    from ledger.project_terms import parse_country, parse_role, parse_status, parse_type

    cases = [
        (
            parse_type,
            "bakkerij",
            "project type 'bakkerij' is unknown; expected oo (O&O), coock, csbo, icon or "
            "cooperative (coöperatief)",
            "projecttype 'bakkerij' is onbekend; verwacht oo (O&O), coock, csbo, icon of "
            "cooperative (coöperatief)",
        ),
        (
            parse_status,
            "klaar",
            "project status 'klaar' is unknown; expected draft, submitted, approved, rejected, "
            "withdrawn, running, closed",
            "projectstatus 'klaar' is onbekend; verwacht draft, submitted, approved, rejected, "
            "withdrawn, running, closed (of in het Nederlands: in voorbereiding, ingediend, "
            "goedgekeurd, afgewezen, ingetrokken, lopend, afgesloten)",
        ),
        (
            parse_role,
            "baas",
            "partner role 'baas' is unknown; expected coordinator, partner, subcontractor or "
            "user-group (gebruikersgroep)",
            "partnerrol 'baas' is onbekend; verwacht coordinator (coördinator), partner, "
            "subcontractor (onderaannemer) of user-group (gebruikersgroep)",
        ),
        (
            parse_country,
            "BEL",
            "country 'BEL' is not a two-letter country code; expected an ISO 3166 code such as "
            "BE, NL, DE or FR",
            "land 'BEL' is geen landcode van twee letters; verwacht een ISO 3166-code zoals BE, "
            "NL, DE of FR",
        ),
    ]
    for parse, text, english, dutch in cases:
        with pytest.raises(InputError) as refused:
            parse(text)
        assert str(refused.value) == english
        assert refused.value.problem is not None
        assert refused.value.problem.text("nl", face="app") == dutch
