"""The Typer app: thin commands, one error boundary, fixed exit codes.

Exit codes: 0 done; 1 a concern at or above --fail-on; 2 bad input or usage; 3 a bug in
clinic-ready; 130 interrupted (any draft is kept).
"""

from __future__ import annotations

import inspect
import re
import sys
from enum import Enum
from typing import TYPE_CHECKING, cast

import typer
from typer.core import TyperCommand, TyperGroup

from clinic_ready import __version__, i18n
from clinic_ready.i18n import N_, _

EPILOG = N_(
    "Exit codes: 0 done; 1 a concern at or above --fail-on; 2 bad input, usage or a problem with "
    "files, pipes or the terminal that you can fix; 3 a bug in clinic-ready; 130 interrupted; "
    "141 the reader of the output went away (a closed pipe).  Not medical advice. "
    "In a crisis call or text 988; SAMHSA 1-800-662-4357; emergency 911."
)
#: commands without --fail-on never exit 1
EPILOG_NO_FAIL = N_(
    "Exit codes: 0 done; 2 bad input, usage or a problem with "
    "files, pipes or the terminal that you can fix; 3 a bug in clinic-ready; 130 interrupted; "
    "141 the reader of the output went away (a closed pipe).  Not medical advice. "
    "In a crisis call or text 988; SAMHSA 1-800-662-4357; emergency 911."
)


def _stderr(line: str) -> None:
    from clinic_ready.app.console import warn

    warn(line)


def _environment_message(exc: BaseException) -> str | None:
    """One line for a failure of the environment (files, pipes, terminal, encoding), or None."""
    import errno

    if isinstance(exc, UnicodeEncodeError):  # ASCII only: this line must show in that encoding
        encoding = exc.encoding or "the output encoding"
        return (  # ASCII in every language (the translation keeps to ASCII too)
            f"the output encoding ({encoding}) cannot show some characters - use a UTF-8 locale "
            "(for example LANG=C.UTF-8), set PYTHONIOENCODING=utf-8, or write to a file with --output"
        )
    if isinstance(exc, OSError):
        reason = exc.strerror or type(exc).__name__
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return _("cannot write the output ({reason}) — free some space, or write elsewhere with --output").format(
                reason=reason
            )
        if reason.startswith("standard "):
            return _("{reason} — run the command with its input and output open").format(reason=reason)
        if getattr(exc, "filename", None):
            return _("cannot read or write {file} ({reason}) — check the file, the disk or the pipe").format(
                file=exc.filename, reason=reason
            )
        return _("cannot read or write the input or output ({reason}) — check the file, the disk or the pipe").format(
            reason=reason
        )
    return None


#: the type names typer adds to help ("<str>", "<list[str]>", "<int>", "<path>"); a choice is "<a|b>"
_TYPE_NAME = re.compile(r" <(?:list\[)?(?:str|int|float|bool|path|file|text|datetime)\]?>(\.\.\.)?")
_CHOICES = re.compile(r" <([^<>\s]+\|[^<>\s]+)>")


#: the help of Typer's completion options, which Typer does not translate
TYPER_OPTION_HELP = {
    "Install completion for the current shell.": N_("Install completion for the current shell."),
    "Show completion for the current shell, to copy it or customize the installation.": N_(
        "Show completion for the current shell, to copy it or customize the installation."
    ),
}


if TYPE_CHECKING:  # what the mixin builds on (it is used with TyperCommand and TyperGroup)
    _WordsBase = TyperCommand
else:
    _WordsBase = object


class _Words(_WordsBase):
    """Click's help and usage words in the person's language (see cli/click_text.py)."""

    def format_usage(self, ctx, formatter) -> None:
        from clinic_ready.cli.click_text import USAGE_PREFIX

        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=_(USAGE_PREFIX))

    def collect_usage_pieces(self, ctx):
        """The usage line's arguments as command-line tools write them: a required one bare
        (ANSWERS_FILE), an optional one in brackets ([CHECKLIST]), one that takes several with
        "..." (typer 0.29 writes a required one in braces, {ANSWERS_FILE}, which reads as a
        choice between values)."""
        usual = {}
        for param in self.get_params(ctx):
            if hasattr(param, "_usage_display_name"):
                name = param.metavar or param.name.upper()
                name = (name if param.required else f"[{name}]") + ("..." if param.nargs != 1 else "")
                usual[param._usage_display_name()] = name
        return [usual.get(piece, piece) for piece in super().collect_usage_pieces(ctx)]

    def format_options(self, ctx, formatter) -> None:
        """Arguments and options as command-line tools write them: no type names after them (typer
        writes 'CHECKLIST <str>', 'PATH... <list[str]>'), and a choice of values in brackets,
        '--format [terminal|json|…]', as Click does."""
        args, opts = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            name, text = record
            if param.param_type_name == "argument":
                name = _TYPE_NAME.sub("", name)
                args.append((name + ("..." if param.nargs != 1 and not name.endswith("...") else ""), text))
            elif param.param_type_name == "option":
                text = _(TYPER_OPTION_HELP[text]) if text in TYPER_OPTION_HELP else text
                opts.append((_CHOICES.sub(r" [\1]", _TYPE_NAME.sub("", name)), text))
        if args:
            with formatter.section(_("Arguments")):
                formatter.write_dl(args)
        if opts:
            with formatter.section(_("Options")):
                formatter.write_dl(opts)
        if hasattr(self, "format_commands"):  # a group: its commands after its options, as Click does
            self.format_commands(ctx, formatter)

    def get_help_option(self, ctx):
        from clinic_ready.cli.click_text import HELP_OPTION

        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _(HELP_OPTION)
        return option


class Command(_Words, TyperCommand):
    """Every command: Click's words translated."""


#: the root's options that a newcomer often writes after the command (`clinic-ready run --lang es`),
#: and that no command has an option of the same name (export's --version is the FHIR version)
ROOT_FLAGS = ("--debug",)
ROOT_VALUED = "--lang"


def _root_options_first(argv: list[str]) -> list[str]:
    """The command line with the root's own --lang X (--lang=X) and --debug moved in front of the
    command, wherever they were written (up to a `--`), so that
    `clinic-ready run --lang es` means `clinic-ready --lang es run`.  i18n.resolve reads --lang
    from the same places."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest += argv[i:]
            break
        if arg == ROOT_VALUED:
            # without a value, an empty one: Click then names the values it takes (not the command)
            front += argv[i : i + 2] if i + 1 < len(argv) else [ROOT_VALUED + "="]
            i += 2
            continue
        if arg in ROOT_FLAGS or arg.startswith(ROOT_VALUED + "="):
            front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest


class BoundaryGroup(_Words, TyperGroup):
    """The one error boundary: every command runs inside it.

    Usage errors (unknown option or command, a bad choice, a missing argument) are Click's own:
    its message and usage line on stderr, exit 2.  Exit 3 is only for a genuine bug.
    """

    def main(
        self,
        args=None,
        prog_name=None,
        complete_var=None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **kwargs,
    ):
        """Click's main, with its usage errors shown by cli/click_text.py: in the person's language
        (Click itself builds them in English), and without the "Value error," of typer's coercion.  The root's
        own options may also follow the command (see _root_options_first)."""
        args = _root_options_first(list(sys.argv[1:] if args is None else args))
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, windows_expand_args, **kwargs)
        from clinic_ready.cli import click_text

        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **kwargs)
        except click_text.CLICK_EXCEPTION as exc:
            click_text.show(exc)
            sys.exit(cast("click_text.Exiting", exc).exit_code)
        except typer.Abort:  # (the Click that Typer bundles raises Typer's Abort)
            typer.echo(_(click_text.ABORTED), file=sys.stderr)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx):
        """Every command's errors go through the one table (process.exit_code_for) here, inside
        Click, which would otherwise show Ctrl-C as "Aborted!" with exit 1."""
        try:
            return super().invoke(ctx)
        except (typer.TyperException, typer.Exit, typer.Abort, SystemExit):  # Click's usage errors: exit 2
            raise
        except (KeyboardInterrupt, EOFError, Exception) as exc:  # the boundary
            from clinic_ready.process import EXIT_PIPE, closed_pipe, exit_code_for

            code = exit_code_for(exc, debug=bool(ctx.params.get("debug")), say=_stderr)
            if code == EXIT_PIPE:
                raise closed_pipe() from None
            raise typer.Exit(code) from None


app = typer.Typer(
    name="clinic-ready",
    cls=BoundaryGroup,
    epilog=_(EPILOG),
    no_args_is_help=True,
    add_completion=True,  # Typer's protocol; `clinic-ready completion SHELL` prints our script (cli/shell.py)
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"clinic-ready {__version__}")
        raise typer.Exit()


class Language(str, Enum):
    en = "en"
    es = "es"


#: in both languages: the person who wrote a language we do not have may read either
UNKNOWN_LANGUAGE = (
    "'{value}' is not a language clinic-ready speaks — use en (English) or es (español) · "
    "'{value}' no es un idioma de clinic-ready — use es (español) o en (English)"
)


def _language(value: str | None) -> Language | None:
    """--lang, else CLINIC_READY_LANG, else the locale (the console script has already done this
    before the command line was built; doing it again here serves in-process callers).  Besides
    en and es, names such as español, spanish or es_MX are taken."""
    if value is None:
        i18n.install(i18n.resolve([]))
        return None
    code = i18n.supported(value)
    if code is None:
        raise typer.BadParameter(UNKNOWN_LANGUAGE.format(value=value))
    i18n.install(code)
    return Language(code)


def _root(
    version: bool | None = typer.Option(
        None, "--version", callback=_version, is_eager=True, help=_("Show the version and exit.")
    ),
    lang: str | None = typer.Option(
        None,
        "--lang",
        callback=_language,
        is_eager=True,
        metavar="[en|es]",
        help=_(
            "Language of the questions, messages and reports: en (English) or es (Spanish). "
            "Default: $CLINIC_READY_LANG, else the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English."
        ),
    ),
    debug: bool = typer.Option(
        False, "--debug", help=_("On an internal error, show where it happened (never answers).")
    ),
) -> None:
    """Questions to ask before ketamine therapy.

    Check whether a clinic is ready to treat you, and which of your own risk factors
    (addiction history, medicines that interact, heart disease) to raise before the first
    dose.  It lists concerns and questions; it never diagnoses.

    \b
    Examples:
      clinic-ready run
      clinic-ready run --answers my-answers.yaml --format markdown --output report.md
      clinic-ready list
    """


def doc(fn) -> str:
    """A command's help: its docstring, translated (scripts/i18n.py puts every command's
    docstring into the catalogue)."""
    text = inspect.getdoc(fn)
    return _(text) if text else ""


app.callback(help=doc(_root))(_root)


def _register() -> None:
    from clinic_ready.cli import batch, compare, documents, explain, export, info, run, selftest, shell

    for name, fn in COMMANDS(batch, compare, documents, explain, export, info, run, selftest, shell):
        app.command(name, help=doc(fn), epilog=_(epilog(fn)), cls=Command)(fn)
    from clinic_ready.cli import web

    web.app.callback(invoke_without_command=True, help=doc(web.web), epilog=_(EPILOG_NO_FAIL), cls=BoundaryGroup)(
        web.web
    )
    web.app.registered_commands[0].help = doc(web.build_site)
    app.add_typer(web.app, name="web")


def COMMANDS(batch, compare, documents, explain, export, info, run, selftest, shell):  # a table
    """(name, function) of every command, in the order of the help."""
    return (
        ("run", run.run),
        ("report", documents.report),
        ("print", documents.print_blank),
        ("batch", batch.batch),
        ("explain", explain.explain),
        ("list", info.list_checklists),
        ("validate", info.validate),
        ("schema", info.schema),
        ("export", export.export),
        ("compare", compare.compare),
        ("test", selftest.test_checklists),
        ("help", shell.help_command),
        ("completion", shell.completion),
    )


def epilog(fn) -> str:
    """The exit codes under a command's help: exit code 1 is listed only for a command with --fail-on."""
    return EPILOG if "fail_on" in inspect.signature(fn).parameters else EPILOG_NO_FAIL


_register()


def main() -> None:
    """Run the app inside the process guard (the console script starts at clinic_ready.launch)."""
    from clinic_ready.process import run_app

    run_app(app)
