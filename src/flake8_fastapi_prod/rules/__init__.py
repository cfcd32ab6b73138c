"""The rules, one subpackage per family, one module per rule; defining a Rule subclass registers it."""
