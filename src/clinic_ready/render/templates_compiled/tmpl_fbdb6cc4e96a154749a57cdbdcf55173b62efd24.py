from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'compare.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html.j2', 'compare.html.j2')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_v = resolve('v')
    pass
    yield 'Comparing clinics: '
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'title'))

def block_body(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_v = resolve('v')
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    yield '<header>\n  <h1>Comparing '
    yield escape(t_1(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'clinics')))
    yield ' clinics</h1>\n  <p class="meta">'
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'title'))
    yield ' · checklist version '
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'version'))
    yield ' · facts as of '
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'facts_as_of'))
    yield ' · made '
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'printed_on'))
    yield '</p>\n  <p class="notice"><strong>'
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'notice'))
    yield '</strong> '
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'crisis_line'))
    yield '.</p>\n</header>\n<h2>Verdicts</h2>\n<table><thead><tr><th scope="col">Clinic</th><th scope="col">Verdict</th></tr></thead><tbody>\n'
    for l_1_k in environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'clinics'):
        _loop_vars = {}
        pass
        yield '<tr><th scope="row">'
        yield escape(environment.getattr(l_1_k, 'name'))
        yield '</th><td><strong>'
        yield escape(environment.getattr(l_1_k, 'short'))
        yield '</strong> — '
        yield escape(environment.getattr(l_1_k, 'title'))
        yield '</td></tr>'
    l_1_k = missing
    yield '</tbody></table>\n<h2>Concerns, most serious first</h2>\n'
    if environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'concerns'):
        pass
        yield '<table><thead><tr><th scope="col">Concern</th>'
        for l_1_k in environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'clinics'):
            _loop_vars = {}
            pass
            yield '<th scope="col">'
            yield escape(environment.getattr(l_1_k, 'name'))
            yield '</th>'
        l_1_k = missing
        yield '</tr></thead><tbody>\n'
        for l_1_c in environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'concerns'):
            _loop_vars = {}
            pass
            yield '<tr><td><strong>'
            yield escape(environment.getattr(l_1_c, 'label'))
            yield '</strong> '
            yield escape(environment.getattr(l_1_c, 'title'))
            yield '</td>'
            for l_2_m in environment.getattr(l_1_c, 'marks'):
                _loop_vars = {}
                pass
                yield '<td>'
                if environment.getattr(l_2_m, 'raised'):
                    pass
                    yield '<strong>'
                    yield escape(environment.getattr(l_2_m, 'text'))
                    yield '</strong>'
                else:
                    pass
                    yield escape(environment.getattr(l_2_m, 'text'))
                yield '</td>'
            l_2_m = missing
            yield '</tr>'
        l_1_c = missing
        yield '</tbody></table>\n<p class="meta">'
        yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'legend'))
        yield '</p>\n'
    else:
        pass
        yield '<p>No concern differs between the clinics.</p>'
    if environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'open_questions'):
        pass
        yield '<h2>Questions still open</h2>\n<table><thead><tr><th scope="col">Question</th>'
        for l_1_k in environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'clinics'):
            _loop_vars = {}
            pass
            yield '<th scope="col">'
            yield escape(environment.getattr(l_1_k, 'name'))
            yield '</th>'
        l_1_k = missing
        yield '</tr></thead><tbody>\n'
        for l_1_q in environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'open_questions'):
            _loop_vars = {}
            pass
            yield '<tr><td>'
            yield escape(environment.getattr(l_1_q, 'prompt'))
            yield '</td>'
            for l_2_s in environment.getattr(l_1_q, 'states'):
                _loop_vars = {}
                pass
                yield '<td>'
                yield escape(l_2_s)
                yield '</td>'
            l_2_s = missing
            yield '</tr>'
        l_1_q = missing
        yield '</tbody></table>\n'
    if environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'personal'):
        pass
        yield '<h2>About you, the same whichever clinic you choose</h2>\n<ul>'
        for l_1_line in environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'personal'):
            _loop_vars = {}
            pass
            yield '<li>'
            yield escape(l_1_line)
            yield '</li>'
        l_1_line = missing
        yield '</ul>\n'
    yield '<p>'
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'checklist_notice'))
    yield '</p>\n<section class="crisis">\n  <strong>'
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'crisis_heading'))
    yield ':</strong>\n  <ul>'
    for (l_1_who, l_1_how) in environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'crisis'):
        _loop_vars = {}
        pass
        yield '<li><strong>'
        yield escape(l_1_who)
        yield ':</strong> '
        yield escape(l_1_how)
        yield '</li>'
    l_1_who = l_1_how = missing
    yield '</ul>\n</section>\n'

blocks = {'title': block_title, 'body': block_body}
debug_info = '1=12&2=17&3=29&5=45&6=47&7=55&11=59&14=71&15=74&16=82&18=107&20=112&22=115&23=123&26=139&28=142&30=151&32=153&33=155'