"""The words for what the importers find: cells, columns, rows, totals and the faces' labels.

Keyed by the problem's code (:mod:`ledger.problems`); ``en#cli`` and ``nl#app`` are the
hints a face appends (the command line names an option, the app a box or a key).
Codes under ``import.`` are labels the faces show around a plan (the column list, the
row counts).
"""

from __future__ import annotations

_MAP_HINT = {
    "en#cli": "map it with {choices}, or leave it out with --map '{header}=ignore'",
    "nl#cli": "koppel ze met {choices}, of laat ze weg met --map '{header}=ignore'",
    "en#app": "name its field in the Columns box ({app_choices}), or write {header}=ignore",
    "nl#app": "geef haar veld in het vak Kolommen ({app_choices}), of schrijf {header}=ignore",
}


def _looks(en: str, nl: str) -> dict[str, str]:
    return {
        "en": f"column '{{header}}' ({{letter}}) looks like {en} ('{{example}}') but no field "
        "takes it",
        "nl": f"kolom '{{header}}' ({{letter}}) lijkt {nl} te bevatten ('{{example}}') maar geen "
        "veld neemt ze over",
        **_MAP_HINT,
    }


TEXTS: dict[str, dict[str, str]] = {
    # Cells
    "cell.invalid": {"en": "{reason}", "nl": "{reason}"},
    "cell.error": {
        "en": "the cell holds the error {code}",
        "nl": "de cel bevat de fout {code}",
        "en#cli": "fix the formula in the file and save it again",
        "nl#cli": "verbeter de formule in het bestand en bewaar het opnieuw",
        "en#app": "fix the formula in the file and save it again",
        "nl#app": "verbeter de formule in het bestand en bewaar het opnieuw",
    },
    "cell.uncalculated": {
        "en": "the formula ={formula} was never calculated",
        "nl": "de formule ={formula} werd nooit berekend",
        "en#cli": "open and save the file in Excel or LibreOffice",
        "nl#cli": "open het bestand in Excel of LibreOffice en bewaar het",
        "en#app": "open and save the file in Excel or LibreOffice",
        "nl#app": "open het bestand in Excel of LibreOffice en bewaar het",
    },
    "cell.not_amount": {
        "en": "{value!r} is not an amount; expected a number such as 1234,56",
        "nl": "{value!r} is geen bedrag; verwacht een getal zoals 1234,56",
    },
    "cell.empty_amount": {
        "en": "the cell is empty; expected an amount such as 2.500,00",
        "nl": "de cel is leeg; verwacht een bedrag zoals 2.500,00",
    },
    "cell.empty_kbo": {
        "en": "the cell is empty; expected an enterprise number such as 0123.456.749",
        "nl": "de cel is leeg; verwacht een ondernemingsnummer zoals 0123.456.749",
    },
    "cell.not_kbo": {
        "en": "{value!r} is not an enterprise number",
        "nl": "{value!r} is geen ondernemingsnummer",
    },
    "cell.not_date": {
        "en": "{value!r} is not a date; expected 2026-03-31 or 31/03/2026",
        "nl": "{value!r} is geen datum; verwacht 2026-03-31 of 31/03/2026",
    },
    "cell.no_such_date": {
        "en": "date {value!r} does not exist",
        "nl": "datum {value!r} bestaat niet",
    },
    "cell.empty_postcode": {
        "en": "the cell is empty; expected a Belgian postcode such as 9000",
        "nl": "de cel is leeg; verwacht een Belgische postcode zoals 9000",
    },
    "cell.empty_name": {
        "en": "the cell is empty; expected a name",
        "nl": "de cel is leeg; verwacht een naam",
    },
    "cell.year_only_mandate": {
        "en": "the mandate date holds only the year {year}",
        "nl": "de mandaatdatum bevat enkel het jaar {year}",
        "en#cli": "write the day the mandate was signed, such as 15/03/{year}",
        "nl#cli": "schrijf de dag waarop het mandaat getekend werd, zoals 15/03/{year}",
        "en#app": "write the day the mandate was signed, such as 15/03/{year}",
        "nl#app": "schrijf de dag waarop het mandaat getekend werd, zoals 15/03/{year}",
    },
    # Columns and --map
    "column.duplicate": {
        "en": "columns '{first}' ({first_letter}) and '{header}' ({letter}) both mean {field}",
        "nl": "de kolommen '{first}' ({first_letter}) en '{header}' ({letter}) betekenen "
        "allebei {field}",
        "en#cli": "rename one or leave it out with --map '{header}=ignore'",
        "nl#cli": "hernoem er een of laat ze weg met --map '{header}=ignore'",
        "en#app": "rename one, or write {header}=ignore in the Columns box",
        "nl#app": "hernoem er een, of schrijf {header}=ignore in het vak Kolommen",
    },
    "column.same_header": {
        "en": "columns '{first}' ({first_letter}) and '{header}' ({letter}) both mean {field}",
        "nl": "de kolommen '{first}' ({first_letter}) en '{header}' ({letter}) betekenen "
        "allebei {field}",
        "en#cli": "rename one",
        "nl#cli": "hernoem er een",
        "en#app": "rename one",
        "nl#app": "hernoem er een",
    },
    "column.ambiguous": {
        "en": "column '{header}' ({letter}) could mean {fields}",
        "nl": "kolom '{header}' ({letter}) kan {fields} betekenen",
        "en#cli": "say which with {choices}, or leave it out with --map '{header}=ignore'",
        "nl#cli": "zeg welke met {choices}, of laat ze weg met --map '{header}=ignore'",
        "en#app": "say which in the Columns box ({app_choices}), or write {header}=ignore",
        "nl#app": "zeg welke in het vak Kolommen ({app_choices}), of schrijf {header}=ignore",
    },
    "column.looks.date": _looks("a date", "een datum"),
    "column.looks.year": _looks("a year", "een jaar"),
    "column.looks.amount": _looks("an amount", "een bedrag"),
    "column.looks.kind": _looks("a member kind", "een soort lid"),
    "column.looks.region": _looks("a region", "een gewest"),
    "column.looks.mandate": _looks("a mandate", "een mandaat"),
    "column.looks.kbo": _looks("an enterprise number", "een ondernemingsnummer"),
    "map.syntax": {
        "en": "{item!r} is not COLUMN=FIELD, such as 'Storting=amount'",
        "nl": "{item!r} is geen KOLOM=VELD, zoals 'Storting=amount'",
    },
    "map.unknown_field": {
        "en": "unknown field {field!r} for an import; expected one of {known} (or ignore)",
        "nl": "onbekend veld {field!r} voor een import; verwacht een van {known} (of ignore)",
    },
    "map.unknown_field_of": {
        "en": "unknown field {field!r} for a {what} import; expected one of {known} (or ignore)",
        "nl": "onbekend veld {field!r} voor een import van {what}; verwacht een van {known} "
        "(of ignore)",
    },
    # Finding the table
    "table.merged_header": {
        "en": "the header cells {cells} are merged",
        "nl": "de kopcellen {cells} zijn samengevoegd",
        "en#cli": "unmerge them so each column has a header of its own",
        "nl#cli": "maak de samenvoeging ongedaan zodat elke kolom een eigen kop heeft",
        "en#app": "unmerge them so each column has a header of its own",
        "nl#app": "maak de samenvoeging ongedaan zodat elke kolom een eigen kop heeft",
    },
    "table.no_rows": {
        "en": "the table under the header in row {row} holds no rows; expected at least one "
        "row of data",
        "nl": "de tabel onder de kop in rij {row} bevat geen rijen; verwacht minstens een rij "
        "met gegevens",
    },
    "table.not_found": {
        "en": "sheet {sheet} has no header row with the columns of an import in its first "
        "{rows} rows; expected ({expected})",
        "nl": "blad {sheet} heeft geen koprij met de kolommen van een import in de eerste "
        "{rows} rijen; verwacht ({expected})",
        "en#cli": "or name columns with --map COLUMN=FIELD",
        "nl#cli": "of benoem kolommen met --map KOLOM=VELD",
        "en#app": "or name columns in the Columns box (COLUMN=FIELD)",
        "nl#app": "of benoem kolommen in het vak Kolommen (KOLOM=VELD)",
    },
    "table.not_found_any": {
        "en": "no sheet has a header row with the columns of an import in its first {rows} "
        "rows; expected ({expected})",
        "nl": "geen enkel blad heeft een koprij met de kolommen van een import in de eerste "
        "{rows} rijen; verwacht ({expected})",
        "en#cli": "or name columns with --map COLUMN=FIELD",
        "nl#cli": "of benoem kolommen met --map KOLOM=VELD",
        "en#app": "or name columns in the Columns box (COLUMN=FIELD)",
        "nl#app": "of benoem kolommen in het vak Kolommen (KOLOM=VELD)",
    },
    "table.nearest": {
        "en": "the nearest to a header row is this one, read as {what}, but no column holds "
        "{missing}",
        "nl": "het dichtst bij een koprij komt deze, gelezen als {what}, maar geen kolom bevat "
        "{missing}",
        "en#cli": "name the column that does with --map COLUMN=FIELD",
        "nl#cli": "benoem de kolom die het wel bevat met --map KOLOM=VELD",
        "en#app": "name the column that does in the Columns box (COLUMN=FIELD)",
        "nl#app": "benoem de kolom die het wel bevat in het vak Kolommen (KOLOM=VELD)",
    },
    "table.nearest.column": {
        "en": "the nearest to a header row is this one, read as {what}, but no column holds "
        "{missing}; column {header!r} ({letter}) names {field} among other words",
        "nl": "het dichtst bij een koprij komt deze, gelezen als {what}, maar geen kolom bevat "
        "{missing}; kolom {header!r} ({letter}) noemt {field} tussen andere woorden",
        "en#cli": "if it holds {field}, map it with --map '{header}={field}'",
        "nl#cli": "als ze {field} bevat, koppel ze met --map '{header}={field}'",
        "en#app": "if it holds {field}, name it in the Columns box: {header}={field}",
        "nl#app": "als ze {field} bevat, benoem ze in het vak Kolommen: {header}={field}",
    },
    "table.hidden_only": {
        "en": "the only table is on the hidden sheet {sheet!r}; hidden sheets are not "
        "imported unless named",
        "nl": "de enige tabel staat op het verborgen blad {sheet!r}; verborgen bladen worden "
        "enkel ingelezen als ze genoemd worden",
        "en#cli": "add --sheet {sheet!r}",
        "nl#cli": "voeg --sheet {sheet!r} toe",
        "en#app": "unhide the sheet in the file, then preview it again",
        "nl#app": "maak het blad zichtbaar in het bestand en vraag dan opnieuw een voorbeeld",
    },
    "table.two_sheets": {
        "en": "sheets {names} both hold a {what} table",
        "nl": "de bladen {names} bevatten allebei een tabel met {what}",
        "en#cli": "choose one with --sheet",
        "nl#cli": "kies er een met --sheet",
        "en#app": "keep one of them in the file (or save the other as a file of its own)",
        "nl#app": "hou er één over in het bestand (of bewaar het andere als een eigen bestand)",
    },
    "table.no_sheet": {
        "en": "no sheet {sheet!r}; the sheets are {found}",
        "nl": "geen blad {sheet!r}; de bladen zijn {found}",
    },
    "what.unknown": {
        "en": "{what!r} is not something to import; expected members, contributions, costs, "
        "projects or project-partners",
        "nl": "{what!r} kan niet geïmporteerd worden; verwacht members, contributions, costs, "
        "projects of project-partners",
    },
    # Rows
    "row.no_year": {
        "en": "no year: the sheet has no year column and neither its name nor a title line "
        "gives one",
        "nl": "geen jaar: het blad heeft geen jaarkolom en noch de naam noch een titelregel "
        "noemt er een",
        "en#cli": "add --year",
        "nl#cli": "voeg --year toe",
        "en#app": "fill in the year",
        "nl#app": "vul het jaar in",
    },
    "row.conflict": {
        "en": "this row changed since batch {batch} imported it; it is not imported twice",
        "nl": "deze rij is gewijzigd sinds batch {batch} ze importeerde; ze wordt geen "
        "tweede keer geïmporteerd",
        "en#cli": "undo batch {batch} ('import undo {batch}') and import the file again",
        "nl#cli": "maak batch {batch} ongedaan ('import undo {batch}') en importeer het "
        "bestand opnieuw",
        "en#app": "undo batch {batch} (f4 in the batch list) and import the file again",
        "nl#app": "maak batch {batch} ongedaan (f4 in de lijst van batches) en importeer het "
        "bestand opnieuw",
    },
    "row.left_before_joined": {
        "en": "the leaving date {left} is before the joining date {joined}",
        "nl": "de uittredingsdatum {left} valt voor de toetredingsdatum {joined}",
    },
    "row.member_twice": {
        "en": "{kbo} is listed twice (also in row {other}) with other details; keep one row "
        "per member",
        "nl": "{kbo} staat twee keer in de lijst (ook in rij {other}) met andere gegevens; "
        "hou een rij per lid",
    },
    "row.costs_negative": {
        "en": "coordination costs of {amount} are negative; expected 0 or more",
        "nl": "coördinatiekosten van {amount} zijn negatief; verwacht 0 of meer",
    },
    "row.year_twice": {
        "en": "{year} is listed twice (also in row {other}); keep one",
        "nl": "{year} staat twee keer in de lijst (ook in rij {other}); hou er een",
    },
    "total.mismatch": {
        "en": "the total is {stated} but the rows above add up to {sum}; check both",
        "nl": "het totaal is {stated} maar de rijen erboven tellen op tot {sum}; controleer beide",
    },
    "total.mismatch_text": {
        "en": "the total is {stated} but the rows above add up to {sum} ({numeric} without "
        "the amounts typed as text); check both",
        "nl": "het totaal is {stated} maar de rijen erboven tellen op tot {sum} ({numeric} "
        "zonder de bedragen die als tekst getypt zijn); controleer beide",
    },
    "subtotal.mismatch": {
        "en": "the subtotal is {stated} but the rows above add up to {sum}; check both",
        "nl": "het subtotaal is {stated} maar de rijen erboven tellen op tot {sum}; "
        "controleer beide",
    },
    "subtotal.mismatch_text": {
        "en": "the subtotal is {stated} but the rows above add up to {sum} ({numeric} without "
        "the amounts typed as text); check both",
        "nl": "het subtotaal is {stated} maar de rijen erboven tellen op tot {sum} ({numeric} "
        "zonder de bedragen die als tekst getypt zijn); controleer beide",
    },
    # Notes: said beside a plan, never blocking
    "note.hidden_sheet": {
        "en": "sheet {sheet!r} is hidden",
        "nl": "blad {sheet!r} is verborgen",
        "en#cli": "read because --sheet names it",
        "nl#cli": "ingelezen omdat --sheet het noemt",
        "en#app": "read because it was named",
        "nl#app": "ingelezen omdat het genoemd werd",
    },
    "note.year_only": {
        "en": "the cell holds only the year {year}: read as {date}",
        "nl": "de cel bevat enkel het jaar {year}: gelezen als {date}",
    },
    "note.not_paid": {
        "en": "no amount: not paid, so the row is skipped",
        "nl": "geen bedrag: niet betaald, dus de rij wordt overgeslagen",
    },
    "note.duplicate_row": {
        "en": "the same member with the same details as row {other}: read once",
        "nl": "hetzelfde lid met dezelfde gegevens als rij {other}: één keer ingelezen",
    },
    "note.remark": {
        "en": "holds only the text {text!r}: read as a remark, not imported",
        "nl": "bevat enkel de tekst {text!r}: gelezen als opmerking, niet geïmporteerd",
    },
    "note.total_unlabelled": {
        "en": "no label and no enterprise number, but its amount {sum} equals the rows above: "
        "checked as a total",
        "nl": "geen label en geen ondernemingsnummer, maar het bedrag {sum} is de som van de "
        "rijen erboven: gecontroleerd als totaal",
    },
    "note.total_is_member": {
        "en": "starts with {word!r} but holds an enterprise number: read as a member, not as "
        "a total",
        "nl": "begint met {word!r} maar bevat een ondernemingsnummer: gelezen als lid, niet "
        "als totaal",
    },
    "note.total_uncalculated": {
        "en": "the total's formula ={formula} was never calculated: not checked",
        "nl": "de formule ={formula} van het totaal werd nooit berekend: niet gecontroleerd",
    },
    "note.after_total": {
        "en": "rows follow this total: they are read, and checked as a block of their own",
        "nl": "er volgen rijen op dit totaal: ze worden ingelezen en als apart blok gecontroleerd",
    },
    # Labels of the faces
    "import.columns": {"en": "Columns", "nl": "Kolommen"},
    "import.header": {"en": "Header", "nl": "Kop"},
    "import.field": {"en": "Field", "nl": "Veld"},
    "import.how.synonym": {"en": "{field} (a synonym)", "nl": "{field} (synoniem)"},
    "import.how.words": {"en": "{field} (by its words)", "nl": "{field} (volgens de woorden)"},
    "import.how.map.cli": {"en": "{field} (--map)", "nl": "{field} (--map)"},
    "import.how.map.app": {"en": "{field} (as you mapped it)", "nl": "{field} (zoals gekoppeld)"},
    "import.how.saved": {
        "en": "{field} (a mapping saved earlier)",
        "nl": "{field} (eerder bewaarde koppeling)",
    },
    "import.ignored": {"en": "ignored", "nl": "genegeerd"},
    "import.ignored.map.cli": {
        "en": "left out (--map ...=ignore)",
        "nl": "weggelaten (--map ...=ignore)",
    },
    "import.ignored.map.app": {"en": "left out, as asked", "nl": "weggelaten, zoals gevraagd"},
    "import.ignored.saved": {
        "en": "left out (a mapping saved earlier)",
        "nl": "weggelaten (eerder bewaarde koppeling)",
    },
    "import.ignored.taken": {
        "en": "ignored: {field} is column {other}",
        "nl": "genegeerd: {field} staat in kolom {other}",
    },
    "import.ignored.looks": {
        "en": "ignored (looks like {look}, which column {other} fills)",
        "nl": "genegeerd (lijkt {look}, dat kolom {other} al invult)",
    },
    "import.ignored.looks_free": {
        "en": "ignored (looks like {look}, which this import does not take)",
        "nl": "genegeerd (lijkt {look}, dat deze import niet overneemt)",
    },
    "import.blocks": {
        "en": "NOT MAPPED: looks like {look} (see the problem below)",
        "nl": "NIET GEKOPPELD: lijkt {look} (zie het probleem hieronder)",
    },
    "import.blocks.ambiguous": {
        "en": "NOT MAPPED: could be {fields} (see the problem below)",
        "nl": "NIET GEKOPPELD: kan {fields} zijn (zie het probleem hieronder)",
    },
    "import.look.date": {"en": "a date", "nl": "een datum"},
    "import.look.year": {"en": "a year", "nl": "een jaar"},
    "import.look.amount": {"en": "an amount", "nl": "een bedrag"},
    "import.look.kind": {"en": "a member kind", "nl": "een soort lid"},
    "import.look.region": {"en": "a region", "nl": "een gewest"},
    "import.look.mandate": {"en": "a mandate", "nl": "een mandaat"},
    "import.look.kbo": {"en": "an enterprise number", "nl": "een ondernemingsnummer"},
    "import.rows": {"en": "{rows} rows: {parts}", "nl": "{rows} rijen: {parts}"},
    "import.rows.one": {"en": "1 row: {parts}", "nl": "1 rij: {parts}"},
    "import.fate.landing": {"en": "{n} to import", "nl": "{n} te importeren"},
    "import.fate.landed": {"en": "{n} imported", "nl": "{n} geïmporteerd"},
    "import.fate.unchanged": {"en": "{n} already in the ledger", "nl": "{n} al in het register"},
    "import.fate.conflicting": {"en": "{n} conflicting", "nl": "{n} in conflict"},
    "import.fate.invalid": {"en": "{n} invalid", "nl": "{n} ongeldig"},
    "import.fate.not_paid": {"en": "{n} not paid", "nl": "{n} niet betaald"},
    "import.fate.duplicate": {
        "en": "{n} duplicate read once",
        "nl": "{n} dubbele rij één keer gelezen",
    },
    "import.fate.duplicate.many": {
        "en": "{n} duplicates read once",
        "nl": "{n} dubbele rijen één keer gelezen",
    },
    "import.fate.total": {"en": "{n} total checked", "nl": "{n} totaal gecontroleerd"},
    "import.fate.total.many": {"en": "{n} totals checked", "nl": "{n} totalen gecontroleerd"},
    "import.fate.remark": {"en": "{n} remark", "nl": "{n} opmerking"},
    "import.fate.remark.many": {"en": "{n} remarks", "nl": "{n} opmerkingen"},
    "import.fate.blank": {"en": "{n} blank", "nl": "{n} leeg"},
    "import.map-box": {
        "en": "Columns: COLUMN=FIELD; ...",
        "nl": "Kolommen: KOLOM=VELD; ...",
    },
    "import.errors-out": {"en": "Problem rows", "nl": "Probleemrijen"},
    "import.errors-out-title": {
        "en": "Write the problem rows to a workbook (.xlsx)",
        "nl": "Schrijf de probleemrijen naar een werkmap (.xlsx)",
    },
    "import.errors-exists": {
        "en": "{path} already exists; choose to replace it, or give another name",
        "nl": "{path} bestaat al; kies om het te vervangen, of geef een andere naam",
    },
    "import.replace": {"en": "Replace existing", "nl": "Bestaand vervangen"},
    "import.yes": {"en": "yes", "nl": "ja"},
    "import.no": {"en": "no", "nl": "nee"},
    "import.errors-written": {
        "en": "Wrote {rows} problem rows to {path}.",
        "nl": "{rows} probleemrijen geschreven naar {path}.",
    },
    "import.no-plan": {
        "en": "Preview a file first (f2).",
        "nl": "Bekijk eerst een voorbeeld van een bestand (f2).",
    },
    "import.preview-rows": {"en": "Rows", "nl": "Rijen"},
    "import.preview-problems": {"en": "Problems", "nl": "Problemen"},
    "import.preview-batches": {"en": "Batches", "nl": "Batches"},
    "import.skip-invalid": {"en": "Skip invalid rows", "nl": "Ongeldige overslaan"},
    "import.path-box": {
        "en": "File (.xlsx .xls .ods .csv)",
        "nl": "Bestand (.xlsx .xls .ods .csv)",
    },
    "import.note": {"en": "note", "nl": "opmerking"},
    "import.where.sheet": {"en": "sheet {sheet!r}", "nl": "blad {sheet!r}"},
    "import.where.row": {"en": "row {row}", "nl": "rij {row}"},
    "import.where.column": {"en": "column {column!r}", "nl": "kolom {column!r}"},
    "import.row.landing": {"en": "to import", "nl": "te importeren"},
    "import.row.unchanged": {"en": "already in", "nl": "al aanwezig"},
    "import.row.conflicting": {"en": "conflicting", "nl": "in conflict"},
    "import.row.invalid": {"en": "invalid", "nl": "ongeldig"},
    "import.row.not_paid": {"en": "not paid", "nl": "niet betaald"},
    "import.row.duplicate": {"en": "duplicate", "nl": "dubbel"},
    "import.row.total": {"en": "total", "nl": "totaal"},
    "import.row.remark": {"en": "remark", "nl": "opmerking"},
    "import.row.blank": {"en": "blank", "nl": "leeg"},
    "import.summary": {
        "en": "{where}: {what}, header in row {row}",
        "nl": "{where}: {what}, kop in rij {row}",
    },
    "import.row": {"en": "Row", "nl": "Rij"},
    "import.fate": {"en": "Fate", "nl": "Lot"},
    "import.key": {"en": "Member", "nl": "Lid"},
    "import.amount": {"en": "Amount", "nl": "Bedrag"},
    "import.sum": {
        "en": "Sum of the {rows} rows to import: {amount}",
        "nl": "Som van de {rows} te importeren rijen: {amount}",
    },
}
