import sys

from ita.cli.main import main

sys.exit(main())
