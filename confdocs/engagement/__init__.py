"""Engagement files in: JSON text with positions (source), profiles they extend (profiles),
rosters they are imported from (roster, importer), the schema and its fast check (schema,
fastcheck), the rules beyond the schema (rules), and validate, which runs them all."""
