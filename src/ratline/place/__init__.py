"""Places: names in reporting -> coordinates, province and country, offline."""
from ratline.place.gazetteer import Gazetteer, Place  # noqa: F401
