"""Finding the member an entry is for: by enterprise number or by name, with whose number it
is said under the field as the user types.

A cluster has hundreds of members, so the form reads them once when it opens and looks
them up as the user types; a name that fits one member is as good as its number, and a
name that fits several asks for more.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual.validation import ValidationResult, Validator
from textual.widgets import Input

from ledger import identifiers, queries, state
from ledger.errors import InputError
from ledger.lists import fold
from ledger.session import Ledger
from tui.app.i18n import Labels
from tui.app.screens.forms import Field, FormScreen, Values


@dataclass(frozen=True)
class MemberLookup:
    """The members of one cluster, by enterprise number, for a form to look up."""

    cluster: str
    names: dict[str, str]  # enterprise number -> name

    @classmethod
    def read(cls, ledger: Ledger, cluster: str) -> MemberLookup:
        with ledger.read() as session:
            found = queries.get_cluster(cluster, session=session)
            names = {h.kbo: h.name for h in state.member_histories(found, session=session).values()}
        return cls(cluster, names)

    def find(self, text: str) -> list[str]:
        """The numbers of the members whose name or number fits ``text``, by name."""
        if identifiers.is_valid(text):
            number = identifiers.validate(text)
            return [number] if number in self.names else []
        words = fold(text.strip())
        digits = "".join(ch for ch in words if ch.isascii() and ch.isdigit())
        found = [
            kbo
            for kbo, name in self.names.items()
            if (words and words in fold(name)) or (len(digits) >= 3 and digits in kbo)
        ]
        return sorted(found, key=lambda kbo: fold(self.names[kbo]))

    def resolve(self, text: str) -> str:
        """The one member ``text`` names (the form's check made sure there is one)."""
        if identifiers.is_valid(text):
            return identifiers.validate(text)
        (kbo,) = self.find(text)
        return kbo

    def who(self, kbo: str) -> str:
        return f"{self.names[kbo]} ({identifiers.format_number(kbo)})"

    def form(
        self,
        labels: Labels,
        title: str,
        fields: Sequence[Field],
        submit: Callable[[Values], object],
    ) -> FormScreen:
        return EntryForm(self, labels, title, fields, submit)


class MemberCheck(Validator):
    """Valid when the text names exactly one member, by number or by name."""

    def __init__(self, lookup: MemberLookup, labels: Labels) -> None:
        super().__init__()
        self.lookup = lookup
        self.labels = labels

    def validate(self, value: str) -> ValidationResult:
        t = self.labels
        if not value.strip():
            return self.failure("required")
        if identifiers.is_valid(value):
            number = identifiers.validate(value)
            if number in self.lookup.names:
                return self.success()
            shown = identifiers.format_number(number)
            return self.failure(t("not-a-member", kbo=shown, cluster=self.lookup.cluster))
        found = self.lookup.find(value)
        if len(found) == 1:
            return self.success()
        if not found:
            if value.strip().replace(".", "").replace(" ", "").isdigit():
                try:
                    identifiers.validate(value)
                except InputError as exc:  # the ledger's own words for a bad number
                    return self.failure(exc.message)
            return self.failure(t("no-member-matches", text=value.strip()))
        return self.failure(t("members-match", count=len(found)))


def member_field(labels: Labels, lookup: MemberLookup, value: str = "") -> Field:
    return Field("kbo", labels("member-number-or-name"), value, MemberCheck(lookup, labels))


class EntryForm(FormScreen):
    """A form with a member field: under it, whose number it is, or who the name fits."""

    def __init__(
        self,
        lookup: MemberLookup,
        labels: Labels,
        title: str,
        fields: Sequence[Field],
        submit: Callable[[Values], object],
    ) -> None:
        super().__init__(labels, title, fields, submit)
        self.lookup = lookup

    def on_input_changed(self, event: Input.Changed) -> None:
        super().on_input_changed(event)
        if event.input.id != "kbo":
            return
        found = self.lookup.find(event.value) if event.value.strip() else []
        if len(found) == 1:
            text = self.lookup.who(found[0])
        elif found:
            shown = ", ".join(self.lookup.who(k) for k in found[:3])
            more = len(found) - 3
            text = shown + (f" {self.labels('and-more', count=more)}" if more > 0 else "")
        else:
            text = ""
        self.hint("kbo", text)
