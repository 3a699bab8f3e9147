"""Annual reports: the Excel workbooks for the funding agency and the board.

``write_annual`` writes one cluster-year (summary, members, entries, checks);
``write_overview`` the program across its years; ``verify_report`` ties a workbook
back to the ledger through the checksum it carries. The figures always come from
:mod:`ledger.summary`, the same matching engine as the ``summary`` command.
"""
