"""The runner process the core spawns: loads step files, answers describe/invoke/cancel/shutdown."""
