"""translator-app: an offline German <-> English translator that shows its attention.

Importing this package loads neither torch nor Qt; they are imported where used.
"""

__version__ = "0.1.0"
