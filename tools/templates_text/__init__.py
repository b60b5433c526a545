"""The text of confdocs' shipped templates, one module per language (its BCP 47 tag, with "_")."""
