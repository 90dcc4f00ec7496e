"""actorgraph: a quote-verified graph of armed groups and the relations between them."""
