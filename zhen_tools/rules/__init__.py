"""Rules: one module per rule id, found by ``registry.all_rules()``; ``context`` is what they read."""
