from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'base.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_v = resolve('v')
    l_0_paper = resolve('paper')
    try:
        t_1 = environment.filters['safe']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'safe' found.")
    pass
    yield '<!DOCTYPE html>\n<html lang="'
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'lang'))
    yield '">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="generator" content="clinic-ready">\n<title>'
    yield from context.blocks['title'][0](context)
    yield '</title>\n<style>\n  @page {\n    size: '
    yield escape((undefined(name='paper') if l_0_paper is missing else l_0_paper))
    yield ';\n    margin: 16mm 15mm 22mm 15mm;\n    @bottom-left { content: "'
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'footer'))
    yield '"; font: 8.5pt "DejaVu Sans", Arial, sans-serif; color: #333; }\n    @bottom-right { content: "'
    yield escape(t_1(context.call(environment.getattr(context.call(environment.getattr(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'page_of'), 'replace'), '{page}', '" counter(page) "'), 'replace'), '{pages}', '" counter(pages) "')))
    yield '"; font: 8.5pt "DejaVu Sans", Arial, sans-serif; color: #333; }\n  }\n  :root { color-scheme: light; }\n  body { font-family: "DejaVu Sans", "Segoe UI", Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.45;\n         color: #111; max-width: 50em; margin: 1.5em auto; padding: 0 1em; }\n  h1 { font-size: 19pt; margin: 0 0 .2em; }\n  h2 { font-size: 14pt; border-bottom: 1.5pt solid #111; padding-bottom: .15em; margin-top: 1.4em; break-after: avoid; }\n  h3 { font-size: 12pt; margin: 1em 0 .3em; break-after: avoid; }\n  .meta { color: #333; font-size: 10pt; margin: 0; }\n  .notice { border: 1pt solid #111; padding: .5em .8em; font-size: 10pt; margin: .8em 0; }\n  .verdict { border: 2.5pt solid #111; padding: .6em .9em; margin: 1em 0; break-inside: avoid; }\n  .verdict .title { font-size: 14pt; font-weight: bold; }\n  .verdict.stop, .verdict.discuss { border-style: double; border-width: 4pt; }\n  .urgent { border: 4pt double #111; padding: .4em .9em; margin: 1em 0; break-inside: avoid; }\n  .urgent h2 { border: none; margin-top: .2em; }\n  .because { font-style: italic; margin: .1em 0 .2em; }\n  .concern.possible { border-left-style: dotted; }\n  .concern.possible p { margin: .2em 0; }\n  .concern { border-left: 4pt solid #111; padding: .2em 0 .3em .8em; margin: .7em 0; break-inside: avoid; }\n  .concern.high { border-left-style: double; border-left-width: 5pt; }\n  .concern.moderate, .concern.low { border-left-style: dashed; border-left-width: 2pt; }\n  .concern.info { border-left-style: dotted; border-left-width: 2pt; }\n  .concern .head { font-weight: bold; }\n  .concern .sev { font-weight: bold; letter-spacing: .03em; }\n  .concern .id { color: #444; font-size: 9pt; font-weight: normal; }\n  .concern dl { margin: .25em 0 0; display: grid; grid-template-columns: 6.5em 1fr; gap: .1em .5em; }\n  .concern dt { font-weight: bold; }\n  .concern dd { margin: 0; }\n  .asklist { break-before: page; }\n  .asklist ol { list-style: none; padding: 0; margin: 0; }\n  .asklist.only { break-before: auto; }\n  .asklist li { break-inside: avoid; margin: 0 0 .55em; display: grid; grid-template-columns: 2em 1.4em 1fr; }\n  .asklist .num { font-weight: bold; text-align: right; padding-right: .35em; }\n  .box { display: inline-block; width: .85em; height: .85em; border: 1pt solid #111; vertical-align: -.1em; margin-right: .3em; }\n  .about { color: #444; font-size: 9.5pt; }\n  .line { border-bottom: .75pt solid #666; height: 1.5em; grid-column: 3; }\n  tr.open td { font-style: italic; }\n  .respondent { font-size: 11pt; }\n  table { border-collapse: collapse; width: 100%; font-size: 10pt; }\n  thead { display: table-header-group; }\n  th, td { border: .75pt solid #777; padding: .25em .45em; text-align: left; vertical-align: top; }\n  th { background: #e6e6e6; }\n  tr { break-inside: avoid; }\n  .sources li { margin-bottom: .25em; font-size: 10pt; overflow-wrap: anywhere; }\n  .crisis { border: 2pt solid #111; padding: .5em .9em; margin-top: 1em; break-inside: avoid; }\n  .q { break-inside: avoid; margin: .6em 0 .9em; }\n  .q .num { font-weight: bold; }\n  .q .when { font-style: italic; color: #333; font-size: 10pt; }\n  .q .opts { margin: .3em 0 0 1.6em; }\n  .q .opt { display: inline-block; margin: .1em 1.4em .1em 0; }\n  .q .help { color: #333; font-size: 9.5pt; margin: .2em 0 0 1.6em; }\n  .key { font-size: 10pt; margin: .6em 0 .3em; }\n  .if-warned { border: 2pt solid #111; padding: .4em .9em; margin: .5em 0 1em; break-inside: avoid; }\n  .if-warned p { margin: .25em 0; }\n  .warn { font-weight: bold; }\n  .notes { border-bottom: .75pt solid #666; height: 1.4em; margin-left: 1.6em; }\n  footer.page { margin-top: 2em; font-size: 9pt; color: #333; border-top: .75pt solid #777; padding-top: .4em; }\n  @media print { body { max-width: none; margin: 0; padding: 0; } footer.page { display: none; } a { color: #111; } }\n</style>\n</head>\n<body>\n'
    yield from context.blocks['body'][0](context)
    yield '<footer class="page">'
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'footer'))
    yield '</footer>\n</body>\n</html>'

def block_title(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_v = resolve('v')
    pass
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'title'))

def block_body(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

blocks = {'title': block_title, 'body': block_body}
debug_info = '2=20&7=22&10=24&12=26&13=28&74=30&75=32&7=35&74=46'