"""What crosses service boundaries: events, outbox/inbox, settings, logging, codes, programmes."""
