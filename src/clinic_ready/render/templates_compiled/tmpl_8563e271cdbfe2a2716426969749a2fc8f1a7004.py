from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'blank.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html.j2', 'blank.html.j2')
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
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'title'))
    yield ' ('
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'heading_blank'))
    yield ')'

def block_body(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_v = resolve('v')
    pass
    yield '<header>\n  <h1>'
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'title'))
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
    yield '  <p class="meta"><strong>'
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'for_label'))
    yield '</strong> '
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'audience'))
    yield '</p>\n  <p class="notice"><strong>'
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'notice'))
    yield '</strong> '
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'crisis_line'))
    yield '.</p>\n  <p>'
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'intro'))
    yield '</p>\n  <p class="meta">'
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'how_to_tick'))
    yield '</p>\n'
    if environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'key'):
        pass
        yield '  <p class="key">'
        yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'key'))
        yield '</p>\n  <section class="if-warned" aria-label="'
        yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'if_warned_heading'))
        yield '">\n    <strong>'
        yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'if_warned_heading'))
        yield '</strong>\n'
        for l_1_line in environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'if_warned'):
            _loop_vars = {}
            pass
            yield '<p>'
            yield escape(l_1_line)
            yield '</p>'
        l_1_line = missing
        yield '  </section>\n'
    yield '</header>\n'
    l_1_loop = missing
    for (l_1_title, l_1_intro, l_1_when, l_1_questions), l_1_loop in LoopContext(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'sections'), undefined):
        _loop_vars = {}
        pass
        yield '<h2>'
        yield escape(l_1_title)
        yield '</h2>\n'
        if l_1_when:
            pass
            yield '<p class="when"><em>'
            yield escape(l_1_when)
            yield '</em></p>'
        if l_1_intro:
            pass
            yield '<p>'
            yield escape(l_1_intro)
            yield '</p>'
        l_2_loop = missing
        for l_2_q, l_2_loop in LoopContext(l_1_questions, undefined):
            _loop_vars = {}
            pass
            yield '<div class="q">\n  <div><span class="num">'
            yield escape(environment.getattr(l_2_q, 'number'))
            yield '.</span> '
            yield escape(environment.getattr(l_2_q, 'prompt'))
            yield '</div>\n'
            if environment.getattr(l_2_q, 'condition'):
                pass
                yield '<div class="when">'
                yield escape(environment.getattr(l_2_q, 'condition'))
                yield '</div>'
            yield '  <div class="opts">\n'
            if environment.getattr(l_2_q, 'hint'):
                pass
                yield '<div class="meta">'
                yield escape(environment.getattr(l_2_q, 'hint'))
                yield ':</div>'
            if (environment.getattr(l_2_q, 'hint') and (not environment.getattr(l_2_q, 'multi'))):
                pass
                yield '<div class="notes"></div>'
            l_3_loop = missing
            for l_3_o, l_3_loop in LoopContext(environment.getattr(l_2_q, 'options'), undefined):
                l_3__ = resolve('_')
                _loop_vars = {}
                pass
                yield '<span class="opt"><span class="box" role="img" aria-label="'
                yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'tick_box_label'))
                yield '"></span>'
                yield escape(l_3_o)
                if environment.getitem(environment.getattr(l_2_q, 'warn'), environment.getattr(l_3_loop, 'index0')):
                    pass
                    yield ' <span class="warn" role="img" aria-label="'
                    yield escape(context.call((undefined(name='_') if l_3__ is missing else l_3__), 'warning sign', _loop_vars=_loop_vars))
                    yield '">'
                    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'warn_mark'))
                    yield '</span>'
                yield '</span>'
            l_3_loop = l_3_o = l_3__ = missing
            yield '  </div>\n  <div class="help">'
            yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'why_label'))
            yield ' '
            yield escape(environment.getattr(l_2_q, 'help'))
            yield '</div>\n  <div class="help">'
            yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'notes_label'))
            yield '</div><div class="notes"></div>\n</div>\n'
        l_2_loop = l_2_q = missing
    l_1_loop = l_1_title = l_1_intro = l_1_when = l_1_questions = missing
    yield '<h2>'
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'heading_sources'))
    yield '</h2>\n<ol class="sources">'
    for l_1_s in environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'sources'):
        _loop_vars = {}
        pass
        yield '<li value="'
        yield escape(environment.getattr(l_1_s, 'number'))
        yield '">'
        yield escape(environment.getattr(l_1_s, 'text'))
        yield '</li>'
    l_1_s = missing
    yield '</ol>\n<p>'
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
debug_info = '1=12&2=17&3=31&5=41&6=43&7=45&8=53&9=57&10=61&11=63&12=65&13=68&14=70&15=72&16=74&20=84&21=88&22=90&23=95&24=101&26=105&27=109&29=115&30=120&31=124&33=142&34=146&38=151&39=153&40=163&42=165&43=167'