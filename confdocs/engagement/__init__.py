"""Engagement files in: JSON text with positions (source), profiles they extend (profiles),
rosters they are imported from (roster; importer, with its steps in cells, row_findings,
import_record, example_roster and roster_fields), the schema, its index of fields and its fast
check (schema, fields, fastcheck), the rules beyond the schema (rules), which locales have
templates (coverage, told by the caller, never asked of render), and validate, which runs them
all. The schema's version (version) and upgrade, which rewrites a file written for an older one
through its steps (upgrade_v2, ...), each step editing the file's text in place (rewrite,
jsonedit)."""
