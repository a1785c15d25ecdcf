"""Trust between jurisdictions: signed events, trust file, tokens, tamper-evident history."""
