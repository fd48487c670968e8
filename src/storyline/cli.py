"""The ``storyline`` command: a thin shell over :mod:`storyline.pipeline`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from .model import InputError

EXIT_OK = 0
EXIT_INPUT_ERRORS = 3  # the run finished, but some input could not be read (see stderr / errors)
EXIT_USAGE = 2


def _report(err: InputError) -> None:
    print(f"storyline: skipped {err}", file=sys.stderr)


def cmd_brief(args: argparse.Namespace) -> int:
    from . import pipeline
    from .render import render

    if args.store is None and not args.paths:
        print("storyline brief: give PATH... or --store PATH", file=sys.stderr)
        return EXIT_USAGE
    if args.store is not None:
        if args.paths:
            print("storyline brief: give PATH... or --store, not both", file=sys.stderr)
            return EXIT_USAGE
        try:
            briefing = pipeline.brief_from_store(
                args.store, story=args.story, summary_words=args.summary_words,
                progress=not args.quiet and sys.stderr.isatty())
        except KeyError as exc:
            print(f"storyline brief: {exc.args[0]}", file=sys.stderr)
            return EXIT_USAGE
    elif args.dask:
        from . import distributed

        briefing = distributed.brief(
            args.paths,
            args.dask,
            workers=args.workers,
            one_story=args.one_story,
            summary_words=args.summary_words,
            on_error=_report,
        )
    else:
        briefing = pipeline.brief(
            args.paths,
            one_story=args.one_story,
            summary_words=args.summary_words,
            progress=not args.quiet and sys.stderr.isatty(),
            on_error=_report,
        )
    out = render(briefing, args.format)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(out)
            if not out.endswith("\n"):
                fh.write("\n")
    else:
        sys.stdout.write(out if out.endswith("\n") else out + "\n")
    input_failed = any(not e.file.startswith("<story ") for e in briefing.errors)
    return EXIT_INPUT_ERRORS if input_failed else EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    from . import pipeline

    progress = not args.quiet and sys.stderr.isatty()
    if args.dask:
        from . import distributed

        report = distributed.add(args.paths, args.store, args.dask, workers=args.workers,
                                 batch_size=args.batch_size, progress=progress, on_error=_report)
    else:
        report = pipeline.add_to_store(args.paths, args.store, batch_size=args.batch_size,
                                       progress=progress, on_error=_report)
    print(f"storyline: {report.summary()}", file=sys.stderr)
    return EXIT_INPUT_ERRORS if report.errors else EXIT_OK


def cmd_stories(args: argparse.Namespace) -> int:
    import json

    from .store import Store

    with Store(args.store) as db:
        rows = db.stories()
    if args.format == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    for r in rows:
        span = r["first"] or "?"
        if r["last"] and r["last"] != r["first"]:
            span += f"..{r['last']}"
        sys.stdout.write(f"{r['id']:>8} {r['size']:>5}  {span:22} {r['headline'] or ''}\n")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from .web import serve

    serve(args.store, host=args.host, port=args.port)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="storyline",
        description="Turn news articles into stories and cited, source-checked briefings.",
        epilog=f"Exit status: 0 success; {EXIT_INPUT_ERRORS} the run finished but some input could "
        f"not be read (each named on stderr and in the JSON 'errors'); {EXIT_USAGE} bad usage; "
        "1 internal error.",
    )
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("brief", help="turn articles into stories and briefings")
    b.add_argument("paths", nargs="*", help="files or directories (txt, html, jsonl, ...)")
    b.add_argument("--one-story", action="store_true", help="treat all input as one story")
    b.add_argument("--summary-words", type=int, default=100, metavar="N",
                   help="at most N words per story summary (default 100)")
    b.add_argument("--format", choices=["json", "md", "html"], default="md")
    b.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    b.add_argument("--store", metavar="PATH", help="brief the stories of this store instead")
    b.add_argument("--story", metavar="ID", help="with --store: only this story")
    b.add_argument("--dask", metavar="local|ADDRESS",
                   help="run on Dask: 'local' starts a local cluster, else a scheduler address")
    b.add_argument("--workers", type=int, metavar="N",
                   help="with --dask local: worker processes (default: one per core)")
    b.set_defaults(func=cmd_brief)
    store_help = "SQLite store (default: the user data dir's storyline/storyline.sqlite)"
    a = sub.add_parser("add", help="add articles to the store, grouping them into stories")
    a.add_argument("paths", nargs="+", help="files or directories (txt, html, jsonl, ...)")
    a.add_argument("--store", metavar="PATH", help=store_help)
    a.add_argument("--batch-size", type=int, default=500, metavar="N",
                   help="articles per transaction (default 500)")
    a.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    a.add_argument("--dask", metavar="local|ADDRESS",
                   help="prepare batches on Dask: 'local' starts a local cluster, else a "
                   "scheduler address (the store is written from here)")
    a.add_argument("--workers", type=int, metavar="N",
                   help="with --dask local: worker processes (default: one per core)")
    a.set_defaults(func=cmd_add)
    s = sub.add_parser("stories", help="list the stories in the store")
    s.add_argument("--store", metavar="PATH", help=store_help)
    s.add_argument("--format", choices=["table", "json"], default="table")
    s.set_defaults(func=cmd_stories)
    w = sub.add_parser("serve", help="serve the store's stories as web pages and a REST API")
    w.add_argument("--store", metavar="PATH", help=store_help)
    w.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    w.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    w.set_defaults(func=cmd_serve)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("storyline: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early
        return EXIT_OK
    except OSError as exc:  # unwritable -o path, full disk, ...
        print(f"storyline: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - a clear line for users, the trace on request
        if os.environ.get("STORYLINE_DEBUG"):
            raise
        print(f"storyline: internal error: {type(exc).__name__}: {exc} "
              "(set STORYLINE_DEBUG=1 for the traceback)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
