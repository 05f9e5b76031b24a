"""Views of coordination, one module per audience: directory, case team, partner, family."""
