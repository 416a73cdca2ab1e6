"""SPARQL queries of the graph layer's privacy tools (one query per ``.rq`` file)."""
