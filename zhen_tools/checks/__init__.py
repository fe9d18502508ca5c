"""Rules, one module per family; ``registry.all_rules()`` lists them by id."""
