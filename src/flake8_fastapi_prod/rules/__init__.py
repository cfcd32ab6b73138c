"""One module per rule or tight family; defining a Rule subclass registers it."""
