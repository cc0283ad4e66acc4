"""Built-in profiles and rule data (YAML), shipped inside the wheel."""
