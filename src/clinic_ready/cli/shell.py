"""The shell around the commands: `clinic-ready help [COMMAND]`, `clinic-ready completion SHELL`
and what Tab completes.

Completion is Typer's own (the ``_CLINIC_READY_COMPLETE`` protocol that ``--show-completion`` and
``--install-completion`` also use); this module adds the values only clinic-ready knows:
checklist ids, concern and question ids for `explain`, and for ``--set`` the question ids
(``driving=``) and then that question's values (``driving=no``, ``driving=unsure``).  A completion
never fails: anything that cannot be read completes to nothing, and the shell falls back to files.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

import typer

from clinic_ready.i18n import _

if TYPE_CHECKING:
    from clinic_ready.core.model import Checklist

PROG = "clinic-ready"
VAR = "_CLINIC_READY_COMPLETE"

#: the scripts each shell sources; they ask the program itself what to complete (Typer's protocol)
SCRIPTS = {
    # bash splits "driving=no" at "=" (COMP_WORDBREAKS): the program is given the line as typed,
    # and its answers are trimmed back to the part bash replaces
    "bash": (
        "_clinic_ready_completion() {\n"
        '    local IFS=$\' \\t\\n\' line="${COMP_LINE:0:COMP_POINT}" cur="${COMP_WORDS[COMP_CWORD]}" full="" cword\n'
        "    local -a words\n"
        '    read -ra words <<< "$line"\n'
        "    cword=${#words[@]}\n"
        '    if [[ -n "$line" && "${line: -1}" != [[:space:]] ]]; then\n'
        '        cword=$((cword - 1)); full="${words[cword]}"\n'
        "    fi\n"
        "    local IFS=$'\\n'\n"
        f'    COMPREPLY=( $( env COMP_WORDS="$line" COMP_CWORD=$cword {VAR}=complete_bash "$1" ) )\n'
        '    local strip="${full%"$cur"}"\n'
        '    if [[ -n "$strip" && "$full" == *"$cur" ]]; then\n'
        '        COMPREPLY=( "${COMPREPLY[@]#"$strip"}" )\n'
        "    fi\n"
        '    if [[ ${#COMPREPLY[@]} -eq 1 && "${COMPREPLY[0]}" == *= ]]; then compopt -o nospace 2>/dev/null; fi\n'
        "    return 0\n"
        "}\n\n"
        f"complete -o default -F _clinic_ready_completion {PROG}\n"
    ),
    "zsh": (
        f"#compdef {PROG}\n\n"
        "_clinic_ready_completion() {\n"
        f'  eval $(env _TYPER_COMPLETE_ARGS="${{words[1,$CURRENT]}}" {VAR}=complete_zsh {PROG})\n'
        "}\n\n"
        f"compdef _clinic_ready_completion {PROG}\n"
    ),
    "fish": (
        f"complete --command {PROG} --no-files --arguments "
        f'"(env {VAR}=complete_fish _TYPER_COMPLETE_FISH_ACTION=get-args _TYPER_COMPLETE_ARGS=(commandline -cp) {PROG})" '
        f'--condition "env {VAR}=complete_fish _TYPER_COMPLETE_FISH_ACTION=is-args _TYPER_COMPLETE_ARGS=(commandline -cp) {PROG}"\n'
    ),
}


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


def completion(shell: Shell = typer.Argument(..., metavar="SHELL", help=_("bash, zsh or fish."))) -> None:
    """Print the shell completion script for bash, zsh or fish.

    Tab then completes commands, options, checklist ids, --format values, and for --set the
    question ids and their values.  Save the script where your shell looks for completions:
    bash: ~/.local/share/bash-completion/completions/clinic-ready; zsh: a file named
    _clinic-ready in a folder of your $fpath; fish: ~/.config/fish/completions/clinic-ready.fish.

    \b
    Examples:
      clinic-ready completion bash
      clinic-ready completion zsh
      clinic-ready completion fish
    """
    typer.echo(SCRIPTS[shell.value], nl=False)


def help_command(
    ctx: typer.Context,
    command: list[str] | None = typer.Argument(
        None, metavar="[COMMAND]", show_default=False, help=_("The command to explain.")
    ),
) -> None:
    """Show the help of clinic-ready, or of one command (the same as --help).

    \b
    Examples:
      clinic-ready help
      clinic-ready help run
    """
    from typer.core import TyperGroup

    from clinic_ready.errors import UsageError, suggest

    root_ctx = ctx.parent or ctx
    group = root_ctx.command
    assert isinstance(group, TyperGroup)  # help is a subcommand of the program's group
    if not command:
        typer.echo(group.get_help(root_ctx))
        return
    name = command[0]
    sub = group.get_command(root_ctx, name)
    if sub is None or len(command) > 1:
        if sub is None:
            names = [n for n in group.list_commands(root_ctx)]
            raise UsageError(
                _("there is no command '{name}'{hint} — see 'clinic-ready help'").format(
                    name=name, hint=suggest(name, names)
                )
            )
        raise UsageError(_("'help' takes one command name — for example 'clinic-ready help {name}'").format(name=name))
    sub_ctx = typer.Context(sub, info_name=name, parent=root_ctx)
    typer.echo(sub.get_help(sub_ctx))


# ----------------------------------------------------------------------------- values to complete


def _checklist(ctx) -> Checklist | None:
    """The checklist the command line names so far (the shipped default when none), or None."""
    try:
        from clinic_ready.app import pipeline

        params = getattr(ctx, "params", {}) or {}
        return pipeline.load_checklist(params.get("checklist") or params.get("checklist_option"))
    except Exception:  # a completion never fails: nothing to offer
        return None


def checklist_ids(incomplete: str) -> list[str]:
    """Shipped checklist ids (a file name is completed by the shell)."""
    from clinic_ready.io import catalog

    return [cid for cid in catalog.shipped() if cid.startswith(incomplete)]


def set_values(ctx: typer.Context, incomplete: str) -> list[str]:
    """--set: question ids as ``id=``, then that question's values as ``id=value``."""
    cl = _checklist(ctx)
    if cl is None:
        return []
    if "=" not in incomplete:
        return [f"{qid}=" for qid in cl.questions if qid.startswith(incomplete)]
    qid, _sep, typed = incomplete.partition("=")
    q = cl.questions.get(qid)
    if q is None:
        return []
    values = list(q.choice_values) if q.type in ("yes_no", "choice", "multi_choice") else []
    if q.type == "yes_no" and not values:
        values = ["yes", "no"]
    values += ["unsure", "declined"]
    return [f"{qid}={v}" for v in values if v.startswith(typed)]


def explain_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """explain: concern ids, then question ids."""
    cl = _checklist(ctx)
    if cl is None:
        return []
    ids = [c.id for c in cl.concerns] + [q for q in cl.questions if q not in {c.id for c in cl.concerns}]
    return [i for i in ids if i.startswith(incomplete)]
