import sys

from translator_app.cli import main

sys.exit(main())
