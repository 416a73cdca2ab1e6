"""Maps: self-contained, offline HTML pages of the network (pyvis, vis-network)."""
