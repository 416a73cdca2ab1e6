"""Column mappings shipped with ecokg (one YAML file per spreadsheet layout)."""
