"""Views of the joint programme, by audience: the public catalogue, calendar feeds and the
printed programme, registration, and the hosts' management pages."""
