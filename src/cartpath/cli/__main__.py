import sys

from cartpath.cli import main

sys.exit(main())
