"""Engagement files in: JSON text with positions (source), profiles they extend (profiles),
rosters they are imported from (roster; importer, with its steps in cells, row_findings,
import_record, example_roster and roster_fields), the schema and its fast check (schema,
fastcheck), the rules beyond the schema (rules), and validate, which runs them all."""
