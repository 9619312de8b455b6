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
    l_0__ = resolve('_')
    l_0_v = resolve('v')
    pass
    yield escape(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Comparing clinics: {title}', _block_vars=_block_vars), 'format'), title=environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'title'), _block_vars=_block_vars))

def block_body(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_v = resolve('v')
    l_0__ = resolve('_')
    pass
    yield '<header>\n  <h1>'
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'heading'))
    yield '</h1>\n  <p class="meta">'
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'meta_line'))
    yield '</p>\n'
    for l_1_a in environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'about'):
        _loop_vars = {}
        pass
        yield '<p class="meta">'
        yield escape(l_1_a)
        yield '</p>'
    l_1_a = missing
    yield '  <p class="notice"><strong>'
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'notice'))
    yield '</strong> '
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'crisis_line'))
    yield '.</p>\n</header>\n<h2>'
    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Verdicts', _block_vars=_block_vars))
    yield '</h2>\n<table><thead><tr><th scope="col">'
    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Clinic', _block_vars=_block_vars))
    yield '</th><th scope="col">'
    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Verdict', _block_vars=_block_vars))
    yield '</th></tr></thead><tbody>\n'
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
    yield '</tbody></table>\n<h2>'
    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Concerns, most serious first', _block_vars=_block_vars))
    yield '</h2>\n'
    if environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'concerns'):
        pass
        yield '<table><thead><tr><th scope="col">'
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Concern', _block_vars=_block_vars))
        yield '</th>'
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
        yield '<p>'
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'No concern differs between the clinics.', _block_vars=_block_vars))
        yield '</p>'
    if environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'open_questions'):
        pass
        yield '<h2>'
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Questions still open', _block_vars=_block_vars))
        yield '</h2>\n<table><thead><tr><th scope="col">'
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Question', _block_vars=_block_vars))
        yield '</th>'
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
        yield '<h2>'
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'About you, the same whichever clinic you choose', _block_vars=_block_vars))
        yield '</h2>\n<ul>'
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
debug_info = '1=12&2=17&3=29&5=40&6=42&7=44&8=52&10=56&11=58&12=62&14=74&15=76&16=79&17=89&19=114&20=119&21=121&22=124&23=126&24=136&27=152&28=155&29=157&31=166&33=168&34=170'