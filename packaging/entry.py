"""Entry script of the frozen app (PyInstaller): the same commands as ``translator-app``.

    translator-app                      the window
    translator-app FILE.txt             the window, translating FILE.txt
    translator-app gui --screenshot D   render the documented states to PNGs (offscreen)
    translator-app --self-test [--model DIR]
    translator-app translate ...        the command line

``--self-test`` is handled here too, so the bundle can be checked whatever cli.py routes.
"""

import multiprocessing
import sys


def main() -> int:
    argv = sys.argv[1:]
    if argv and argv[0] == "--self-test":
        from translator_app.selftest import main as self_test

        return self_test(argv)
    from translator_app.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    multiprocessing.freeze_support()  # training's worker processes re-enter here
    sys.exit(main())
