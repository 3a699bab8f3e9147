"""The words of ``verify-report`` (:mod:`ledger.report.verify`): a workbook tied back to
the ledger, or the parts of it that no longer match, and a file that is not a report.

The command line prints the English; a Dutch face words the same problems in Dutch. The
parts of the ledger's state a checksum covers are named by ``report_check.part.…``.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # --- the verdict ---
    "report_check.covers_year": {"en": "{cluster}, {year}", "nl": "{cluster}, {year}"},
    "report_check.covers_overview": {"en": "{cluster}, overview", "nl": "{cluster}, overzicht"},
    "report_check.ok": {
        "en": "OK: {path} matches the ledger ({covers}; checksum {checksum}...)",
        "nl": "OK: {path} komt overeen met het grootboek ({covers}; controlegetal {checksum}...)",
    },
    "report_check.mismatch": {
        "en": "MISMATCH: {path} does not match the ledger ({covers}):",
        "nl": "VERSCHIL: {path} komt niet overeen met het grootboek ({covers}):",
    },
    # --- what differs ---
    "report_check.checksum_edited": {
        "en": "the checksum shown in the workbook ({shown}) differs from the one recorded when "
        "it was written ({recorded}): the workbook was edited",
        "nl": "het controlegetal in de werkmap ({shown}) verschilt van het getal dat bij het "
        "schrijven werd vastgelegd ({recorded}): de werkmap werd bewerkt",
    },
    "report_check.ledger_changed": {
        "en": "the ledger has changed since the report was written: {parts} differ (checksum "
        "now {now}, in the report {recorded})",
        "nl": "het grootboek is gewijzigd sinds het rapport werd geschreven: {parts} verschillen "
        "(controlegetal nu {now}, in het rapport {recorded})",
    },
    "report_check.cell_edited": {
        "en": "the workbook was edited: {difference}",
        "nl": "de werkmap werd bewerkt: {difference}",
    },
    "report_check.cell_differs": {
        "en": "the first cell that differs from the report made now: {difference}",
        "nl": "de eerste cel die verschilt van het rapport zoals het nu gemaakt wordt: "
        "{difference}",
    },
    "report_check.history_gone": {
        "en": "the ledger's history before the report was rewritten: link {length} of the "
        "entries' hash chain was {tip}... when the report was written and is gone; run "
        "'cluster-ledger verify'",
        "nl": "de geschiedenis van het grootboek van voor het rapport werd herschreven: schakel "
        "{length} van de hashketen van de boekingen was {tip}... toen het rapport werd "
        "geschreven en is verdwenen; voer 'cluster-ledger verify' uit",
    },
    "report_check.history_rewritten": {
        "en": "the ledger's history before the report was rewritten: link {length} of the "
        "entries' hash chain was {tip}... when the report was written and recomputed from the "
        "entries now is {now}...; run 'cluster-ledger verify'",
        "nl": "de geschiedenis van het grootboek van voor het rapport werd herschreven: schakel "
        "{length} van de hashketen van de boekingen was {tip}... toen het rapport werd "
        "geschreven en is nu, herberekend uit de boekingen, {now}...; voer 'cluster-ledger "
        "verify' uit",
    },
    # --- the parts a checksum covers ---
    "report_check.part.cluster": {
        "en": "the cluster's details",
        "nl": "de gegevens van de cluster",
    },
    "report_check.part.rules": {"en": "the rule set", "nl": "de regelset"},
    "report_check.part.members": {
        "en": "the members or their facts",
        "nl": "de leden of hun gegevens",
    },
    "report_check.part.entries": {"en": "the entries", "nl": "de boekingen"},
    "report_check.part.costs": {"en": "the coordination costs", "nl": "de coördinatiekosten"},
    "report_check.part.locks": {"en": "the lock state", "nl": "de afsluitingen"},
    "report_check.part.projects": {"en": "the projects", "nl": "de projecten"},
    # --- a file that is not a report ---
    "report_check.not_a_file": {
        "en": "{path} does not exist or is not a file",
        "nl": "{path} bestaat niet of is geen bestand",
    },
    "report_check.unreadable": {
        "en": "cannot read {path}: {reason}",
        "nl": "{path} kan niet gelezen worden: {reason}",
    },
    "report_check.not_xlsx": {
        "en": "cannot read {path}: it is not an Excel workbook (.xlsx)",
        "nl": "{path} kan niet gelezen worden: het is geen Excel-werkmap (.xlsx)",
    },
    "report_check.no_checksum": {
        "en": "{path} carries no ledger checksum; it was not written by 'cluster-ledger export'",
        "nl": "{path} draagt geen controlegetal van het grootboek; het werd niet geschreven door "
        "'cluster-ledger export'",
    },
    "report_check.no_chain": {
        "en": "{path} records no chain to check against",
        "nl": "{path} legt geen keten vast om tegen te controleren",
    },
}
