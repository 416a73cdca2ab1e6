"""SPARQL queries of the network projection and analysis (one query per ``.rq`` file)."""
