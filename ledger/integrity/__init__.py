"""What makes the ledger's history trustworthy: hash chains over entries and the audit
trail, the database guards that refuse rewriting them, and the check that proves both."""
