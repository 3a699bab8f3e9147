"""Every text field of the app's forms, fed hostile text (see strategies.py).

A form checks its fields with ``tui.app.widgets.validators`` as the user types; on save
its callback converts the values and calls ``ledger.operations``, and a
``LedgerError`` keeps the form open with the message. The fast properties run those
same validators and operations without the app, the way ``FormScreen.action_save``
does: a field's validator refuses (one line, naming a foreign digit if there is one)
and nothing is written, or the operation refuses with a ``LedgerError`` and nothing
is written, or the value is saved and reads back exactly as given (or as its
parser's documented normalisation says). Anything else raised is a bug that would
crash the app, and fails the test.

The pilot property types (pastes) random text into the real member form, presses
Ctrl+S and checks the screen and the ledger file.

Examples per property: validators 400, member form 120, member edit form 80,
contribution form 120, reason forms (reverse, reopen, import undo) 60, date form 80,
pilot member form 2 app runs of 2 forms each (starting the app costs about 2 seconds).
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlmodel import func, select
from textual.validation import Validator
from textual.widgets import Input, Static

from ledger import identifiers, operations, queries
from ledger.dates import parse_date, parse_year
from ledger.errors import LedgerError
from ledger.kinds import MemberKind
from ledger.money import parse_amount
from ledger.regions import normalise_postcode
from ledger.session import Ledger, Tx
from ledger.storage.tables import AuditEvent
from ledger.text import clean_text
from tests.fuzz import oracles
from tests.fuzz import strategies as hs
from tests.recorded import recorded
from tui.app import make_app
from tui.app.screens.forms import FormScreen, optional_day
from tui.app.widgets import validators

CLUSTER = "Form Cluster"
NOW = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)


def examples(count: int) -> settings:
    """``count`` examples sharing one ledger per test (function-scoped fixtures on purpose)."""
    return settings(max_examples=count, suppress_health_check=[HealthCheck.function_scoped_fixture])


def valid_kbo(serial: int) -> str:
    first8 = 2_000_000 + serial
    return f"{first8:08d}{97 - first8 % 97:02d}"


# name -> (validator the screens use, hostile text, the ledger parser, the read-back check)
VALIDATED: dict[str, tuple[Validator, st.SearchStrategy[str], Callable[[str], Any], Any]] = {
    "kbo": (validators.enterprise_number(), hs.kbos(), identifiers.validate, oracles.check_kbo),
    "postcode": (
        validators.postcode(),
        hs.postcodes(),
        normalise_postcode,
        oracles.check_postcode,
    ),
    "amount": (
        validators.amount(),
        hs.amounts(),
        parse_amount,
        lambda text, value: oracles.check_cents(text, int(value * 100)),
    ),
    "day": (validators.day(), hs.dates(), parse_date, oracles.check_date),
    "year": (validators.year(), hs.years(), parse_year, oracles.check_whole_number),
}


@examples(400)
@given(data=st.data())
def test_validators(data: st.DataObject) -> None:
    """A field is valid exactly when the ledger reads it, and then as written."""
    name = data.draw(st.sampled_from(sorted(VALIDATED)))
    validator, texts, parse, check = VALIDATED[name]
    text = data.draw(texts)
    result = validator.validate(text)
    if not text.strip():
        assert result.is_valid == (name == "day"), (name, text)  # only a date may be left empty
        return
    event(f"{name}: {'valid' if result.is_valid else 'refused'}")
    if result.is_valid:
        check(text, parse(text))
        return
    (message,) = result.failure_descriptions
    assert "\n" not in message and "\r" not in message, message
    if oracles.foreign_digit(text):
        assert "U+" in message, message


@dataclass
class Forms:
    """The ledger a test's forms write to, with fresh enterprise numbers per example."""

    ledger: Ledger
    serials: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def fresh_kbo(self) -> str:
        return valid_kbo(next(self.serials))

    def audit_count(self) -> int:
        with self.ledger.read() as session:
            return session.exec(select(func.count()).select_from(AuditEvent)).one()

    def save(
        self, checks: dict[str, Validator], values: dict[str, str], submit: Callable[[Tx], Any]
    ) -> str | None:
        """What ``FormScreen.action_save`` does: validators, then one write.

        Returns:
            None when saved, else the message the form shows.
        """
        before = self.audit_count()
        for name, validator in checks.items():
            result = validator.validate(values[name])
            if not result.is_valid:
                event(f"refused by the {name} field")
                assert self.audit_count() == before
                return "; ".join(result.failure_descriptions)
        try:
            with self.ledger.write() as tx:
                submit(tx)
        except LedgerError as exc:
            event("refused by the ledger")
            assert self.audit_count() == before, "a refused form changed the ledger"
            message = str(exc)
            assert "\n" not in message and "\r" not in message, message
            return message
        event("saved")
        return None

    def cluster(self, tx: Tx) -> Any:
        return queries.get_cluster(CLUSTER, session=tx.session)


@pytest.fixture
def forms(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Forms]:
    path = tmp_path_factory.mktemp("forms") / "ledger.sqlite"
    ledger = Ledger.open(str(path), create=True, actor="fuzz", origin="test")
    with ledger.write() as tx:
        cluster = operations.add_cluster(tx, name=CLUSTER, rule_set_id="ibn-2026", start_year=2026)
        operations.add_member(tx, cluster, kbo=valid_kbo(0), name="Seed NV", postcode="9000")
    yield Forms(ledger)
    ledger.dispose()


MEMBER_TEXTS = {
    "kbo": hs.kbos(),
    "name": hs.names(),
    "postcode": hs.postcodes(),
    "joined": hs.dates(),
    "mandate": hs.dates(),
}


def check_refusal(text: str, message: str, field_name: str, max_length: int = 500) -> None:
    """A refused field: free text only for the reasons the text rules predict, with their
    words; a number naming its foreign digit."""
    if field_name in ("name", "reason", "note"):
        expected = oracles.text_refusal(text, max_length=max_length, required=field_name != "note")
        assert expected is not None, f"{text!r} was refused: {message}"
        assert all(word in message for word in expected), (expected, message)
    elif oracles.foreign_digit(text):
        assert "U+" in message, message


@examples(120)
@given(data=st.data())
def test_member_form(forms: Forms, data: st.DataObject) -> None:
    """MembersScreen.action_add: validated kbo, postcode and dates; the name goes to the ledger."""
    values = {"kbo": forms.fresh_kbo(), "name": "Theta NV", "postcode": "9000"}
    values |= {"joined": "", "mandate": ""}
    fuzzed = data.draw(st.sampled_from(sorted(MEMBER_TEXTS)))
    values[fuzzed] = data.draw(MEMBER_TEXTS[fuzzed])
    checks = {
        "kbo": validators.enterprise_number(),
        "postcode": validators.postcode(),
        "joined": validators.day(),
        "mandate": validators.day(),
    }

    def submit(tx: Tx) -> None:
        operations.add_member(
            tx,
            forms.cluster(tx),
            kbo=values["kbo"],
            name=values["name"],
            postcode=values["postcode"],
            kind=MemberKind.ENTERPRISE,
            joined=optional_day(values["joined"]),
            mandate=optional_day(values["mandate"]),
        )

    message = forms.save(checks, values, submit)
    if message is not None:
        return check_refusal(values[fuzzed], message, fuzzed)
    assert oracles.text_refusal(values["name"], max_length=500) is None
    number = identifiers.validate(values["kbo"])
    with forms.ledger.read() as session:
        member = recorded(session, number, CLUSTER)
    oracles.check_kbo(values["kbo"], member.kbo)
    oracles.check_text(values["name"], member.name)
    oracles.check_postcode(values["postcode"], member.postcode)
    for day in ("joined", "mandate"):
        stored = getattr(member, day)
        if values[day].strip():
            oracles.check_date(values[day], stored)
        else:
            assert stored is None


@examples(80)
@given(data=st.data())
def test_member_edit_form(forms: Forms, data: st.DataObject) -> None:
    """MembersScreen.action_edit: the name and postcode of a known company."""
    kbo = forms.fresh_kbo()
    with forms.ledger.write() as tx:
        operations.add_member(tx, forms.cluster(tx), kbo=kbo, name="Iota", postcode="3000")
    fuzzed = data.draw(st.sampled_from(["name", "postcode"]))
    values = {"name": "Iota", "postcode": "3000"}
    values[fuzzed] = data.draw(MEMBER_TEXTS[fuzzed])

    def submit(tx: Tx) -> None:
        operations.update_company(
            tx,
            kbo=kbo,
            name=values["name"],
            postcode=values["postcode"],
            kind=MemberKind.ENTERPRISE,
            clear_region_override=True,
        )

    message = forms.save({"postcode": validators.postcode()}, values, submit)
    if message is not None:
        return check_refusal(values[fuzzed], message, fuzzed)
    with forms.ledger.read() as session:
        company = recorded(session, kbo, CLUSTER)
    oracles.check_text(values["name"], company.name)
    oracles.check_postcode(values["postcode"], company.postcode)


ENTRY_TEXTS = {
    "kbo": hs.kbos(),
    "year": hs.years(),
    "amount": hs.amounts(),
    "paid_on": hs.dates(),
    "note": hs.names(),
}


@examples(120)
@given(data=st.data())
def test_contribution_form(forms: Forms, data: st.DataObject) -> None:
    """ContributionsScreen.action_add: kbo, year, amount and date validated; a free note."""
    values = {"kbo": valid_kbo(0), "year": "2026", "amount": "250,00", "paid_on": "", "note": ""}
    fuzzed = data.draw(st.sampled_from(sorted(ENTRY_TEXTS)))
    values[fuzzed] = data.draw(ENTRY_TEXTS[fuzzed])
    checks = {
        "kbo": validators.enterprise_number(),
        "year": validators.year(),
        "amount": validators.amount(),
        "paid_on": validators.day(),
    }
    saved: list[int] = []

    def submit(tx: Tx) -> None:
        entry = operations.record_contribution(
            tx,
            forms.cluster(tx),
            kbo=values["kbo"],
            year=int(values["year"]),
            amount=parse_amount(values["amount"]),
            paid_on=optional_day(values["paid_on"]),
            note=values["note"] or None,
        )
        assert entry.id is not None
        saved.append(entry.id)

    message = forms.save(checks, values, submit)
    if message is not None:
        return check_refusal(values[fuzzed], message, fuzzed, max_length=2000)
    with forms.ledger.read() as session:
        entry = queries.get_contribution(saved[0], session=session)
    oracles.check_whole_number(values["year"], entry.year)
    oracles.check_cents(values["amount"], entry.amount_cents)
    assert Decimal(entry.amount_cents) / 100 == parse_amount(values["amount"])
    if values["paid_on"].strip():
        assert entry.paid_on is not None
        oracles.check_date(values["paid_on"], entry.paid_on)
    oracles.check_text(values["note"], entry.note)


@examples(60)
@given(reason=hs.names(), form=st.sampled_from(["reverse", "reopen", "undo"]))
def test_reason_forms(forms: Forms, reason: str, form: str) -> None:
    """The one-field reason forms: reversing an entry, reopening a year, undoing an import."""
    with forms.ledger.write() as tx:
        cluster = forms.cluster(tx)
        entry = operations.record_contribution(
            tx, cluster, kbo=valid_kbo(0), year=2027, amount=Decimal(5), source="test"
        )
        if not queries.is_locked(cluster, 2028, session=tx.session):
            operations.lock_year(tx, cluster, year=2028)
    assert entry.id is not None
    entry_id = entry.id
    kept: list[str | None] = []

    def submit(tx: Tx) -> None:
        if form == "reverse":
            kept.append(operations.reverse_contribution(tx, entry_id, reason=reason).note)
        elif form == "reopen":
            kept.append(
                operations.reopen_year(tx, forms.cluster(tx), year=2028, reason=reason).reason
            )
        else:  # ImportsScreen asks for the reason first, with clean_text, then undoes
            kept.append(clean_text(reason, what="reason", max_length=2000))

    message = forms.save({}, {"reason": reason}, submit)
    if message is not None:
        assert oracles.text_refusal(reason, max_length=2000) is not None, (reason, message)
        return check_refusal(reason, message, "reason", max_length=2000)
    assert oracles.text_refusal(reason, max_length=2000) is None, reason
    oracles.check_text(reason, kept[0])


@examples(80)
@given(text=hs.dates(), what=st.sampled_from(["leave", "mandate"]))
def test_date_form(forms: Forms, text: str, what: str) -> None:
    """MembersScreen._date_form: a required date, then leave or record_mandate."""
    kbo = forms.fresh_kbo()
    with forms.ledger.write() as tx:
        operations.add_member(
            tx, forms.cluster(tx), kbo=kbo, name="Kappa", postcode="9000", joined=date(2026, 1, 1)
        )

    def submit(tx: Tx) -> None:
        day = parse_date(text)
        if what == "leave":
            operations.leave(tx, forms.cluster(tx), kbo=kbo, left=day)
        else:
            operations.record_mandate(tx, forms.cluster(tx), kbo=kbo, mandate=day)

    message = forms.save({"date": validators.day(required=True)}, {"date": text}, submit)
    if message is not None:
        return check_refusal(text, message, "date")
    with forms.ledger.read() as session:
        member = recorded(session, kbo, CLUSTER)
    stored = member.left if what == "leave" else member.mandate
    assert stored is not None
    oracles.check_date(text, stored)


async def _member_forms(path: Path, forms: list[dict[str, str]]) -> list[tuple[bool, str]]:
    """Open the member form once per entry of ``forms``, paste its values into the fields,
    press Ctrl+S, and cancel a form that stays open.

    Returns:
        Per form: whether it stayed open, and the errors it showed.
    """
    app = make_app(str(path), language="en", now=lambda: NOW, cluster=CLUSTER)
    outcomes: list[tuple[bool, str]] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        for values in forms:
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, FormScreen)
            for name, text in values.items():
                app.screen.query_one(f"#{name}", Input).value = text
                await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            if not isinstance(app.screen, FormScreen):
                outcomes.append((False, ""))
                continue
            shown = [
                str(widget.content)
                for widget in app.screen.query(Static)
                if widget.id and widget.id.endswith("error") and str(widget.content)
            ]
            outcomes.append((True, " | ".join(shown)))
            await pilot.press("escape")
            await pilot.pause()
    return outcomes


@pytest.fixture
def ledger_path(forms: Forms) -> Path:
    return Path(str(forms.ledger.engine.url.database))


def member_values(serial: int) -> st.SearchStrategy[dict[str, str]]:
    """A form's text: a random name, and one of the validated fields random too."""

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, str]:
        values = {"kbo": valid_kbo(serial), "name": draw(hs.names()), "postcode": "9000"}
        values["joined"] = ""
        fuzzed = draw(st.sampled_from(["kbo", "postcode", "joined", "name only"]))
        if fuzzed != "name only":
            values[fuzzed] = draw(MEMBER_TEXTS[fuzzed])
        return values

    return build()


@examples(2)
@given(data=st.data())
def test_member_form_in_the_app(forms: Forms, ledger_path: Path, data: st.DataObject) -> None:
    """Random text pasted into the real form, twice per app run: an error in the form and
    nothing written, or the member saved and read back exactly."""
    filled = [data.draw(member_values(next(forms.serials))) for _ in range(2)]
    before = forms.audit_count()
    outcomes = asyncio.run(_member_forms(ledger_path, filled))
    checks = {"kbo": validators.enterprise_number(), "postcode": validators.postcode()}
    checks["joined"] = validators.day()
    saved = 0
    for values, (still_open, shown) in zip(filled, outcomes, strict=True):
        if still_open:
            assert shown, "the form stayed open without saying why"
            if all(v.validate(values[name]).is_valid for name, v in checks.items()):
                # The ledger refused: the name, or a number another form of the run saved.
                expected = oracles.text_refusal(values["name"], max_length=500)
                for word in expected or ["is already a member"]:
                    assert word in shown, (word, shown)
            continue
        saved += 1
        with forms.ledger.read() as session:
            company = recorded(session, identifiers.validate(values["kbo"]), CLUSTER)
        oracles.check_kbo(values["kbo"], company.kbo)
        oracles.check_text(values["name"], company.name)
        oracles.check_postcode(values["postcode"], company.postcode)
    assert forms.audit_count() == before + 2 * saved  # a company and a membership per save
