"""`make bench`: a city-scale data set and a load test of the public programme (see README)."""
