"""The network of actors: the projection of the graph to NetworkX and what is measured on it."""
