"""translator-app: an offline German <-> English translator that shows its attention.

Importing this package loads neither torch nor Qt; they are imported where used.
"""

import logging

__version__ = "0.1.0"

# A library does not print: without this, Python's last-resort handler wrote each logged
# warning to stderr next to the CLI's own line (the device fall-back came out twice).
logging.getLogger(__name__).addHandler(logging.NullHandler())
