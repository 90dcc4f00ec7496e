"""actorgraph: a quote-verified graph of armed groups and the relations between them."""

if __name__ != "actorgraph":  # the folder is `graph/`, so a checkout's root can import it under that name
    raise ImportError(f"this is the actorgraph package; import it as `actorgraph`, not `{__name__}`")
