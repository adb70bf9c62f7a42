"""`ita guide`: where the Thai user guide is (the twin of the คู่มือ button); --open shows it."""

from __future__ import annotations

import argparse


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--open", action="store_true", help="เปิดคู่มือในเบราว์เซอร์")


def run(args: argparse.Namespace) -> int:
    from actions.guide import guide_target

    target = guide_target()
    print(target)
    if args.open:
        import webbrowser
        from pathlib import Path

        webbrowser.open(target if "://" in target else Path(target).resolve().as_uri())
    return 0
