from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'report.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html.j2', 'report.html.j2')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    yield from parent_template.root_render_func(context)

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
    yield '<header>\n  <h1>'
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'title'))
    yield '</h1>\n'
    if environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'clinic_name'):
        pass
        yield '<p class="meta"><strong>Clinic:</strong> '
        yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'clinic_name'))
        yield '</p>'
    yield '  <p class="meta">Checklist version '
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'version'))
    yield ' · '
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'currency'))
    yield ' · report made '
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'printed_on'))
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
    yield '.</p>\n</header>\n\n'
    if environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'urgent'):
        pass
        yield '<section class="urgent" aria-label="Urgent: get help now">\n  <h2>Urgent: get help now</h2>\n'
        for l_1_c in environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'urgent'):
            _loop_vars = {}
            pass
            yield '  <p><strong>'
            yield escape(environment.getattr(l_1_c, 'title'))
            yield '.</strong> '
            yield escape(environment.getattr(l_1_c, 'action'))
            yield '</p>\n'
            if environment.getattr(l_1_c, 'because'):
                pass
                yield '<p class="because">'
                yield escape(environment.getattr(l_1_c, 'because'))
                yield '</p>'
        l_1_c = missing
        yield '  <ul>'
        for l_1_line in environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'urgent_lines'):
            _loop_vars = {}
            pass
            yield '<li>'
            yield escape(l_1_line)
            yield '</li>'
        l_1_line = missing
        yield '</ul>\n</section>\n'
    yield '\n<section class="verdict '
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'verdict_code'))
    yield '" aria-label="Verdict">\n  <div class="title">'
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'verdict_title'))
    yield '</div>\n  <div>'
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'verdict_text'))
    yield '</div>\n  <div class="meta">'
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'counts_text'))
    yield '</div>\n</section>\n\n'
    if environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'first_steps'):
        pass
        yield '<section class="first-steps" aria-label="First steps">\n  <h2>First steps</h2>\n  <ol>'
        for l_1_step in environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'first_steps'):
            _loop_vars = {}
            pass
            yield '<li>'
            yield escape(l_1_step)
            yield '</li>'
        l_1_step = missing
        yield '</ol>\n</section>\n'
    yield '\n<h2>Concerns, most serious first</h2>\n'
    if (not environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'groups')):
        pass
        yield '<p>No concern was raised by these answers.</p>'
    for (l_1_label, l_1_sev, l_1_items) in environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'groups'):
        _loop_vars = {}
        pass
        yield '  <h3>'
        yield escape(l_1_label)
        yield ' ('
        yield escape(t_1(l_1_items))
        yield ')</h3>\n'
        for l_2_c in l_1_items:
            _loop_vars = {}
            pass
            yield '  <article class="concern '
            yield escape(l_1_sev)
            yield '" id="concern-'
            yield escape(environment.getattr(l_2_c, 'id'))
            yield '">\n    <div class="head"><span class="sev">'
            yield escape(environment.getattr(l_2_c, 'label'))
            yield '</span> · '
            yield escape(environment.getattr(l_2_c, 'title'))
            yield '</div>\n'
            if environment.getattr(l_2_c, 'because'):
                pass
                yield '<p class="because">'
                yield escape(environment.getattr(l_2_c, 'because'))
                yield '</p>'
            yield '    <dl>\n      <dt>Why it matters</dt><dd>'
            yield escape(environment.getattr(l_2_c, 'why'))
            yield '</dd>\n      <dt>Ask</dt><dd>'
            yield escape(environment.getattr(l_2_c, 'ask'))
            yield '</dd>\n      <dt>What to do</dt><dd>'
            yield escape(environment.getattr(l_2_c, 'action'))
            yield '</dd>\n      <dt>Sources</dt><dd>'
            yield escape(environment.getattr(l_2_c, 'refs'))
            yield '</dd>\n    </dl>\n  </article>\n'
        l_2_c = missing
    l_1_label = l_1_sev = l_1_items = missing
    yield '\n'
    if environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'could_apply'):
        pass
        yield '<section class="could-apply" aria-label="Could apply">\n  <h2>Could apply</h2>\n  <p class="meta">Not raised, but your open answers leave these possible. Find out the answers.</p>\n'
        for l_1_p in environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'could_apply'):
            _loop_vars = {}
            pass
            yield '  <article class="concern possible '
            yield escape(environment.getattr(l_1_p, 'severity'))
            yield '">\n    <div class="head"><span class="sev">'
            yield escape(environment.getattr(l_1_p, 'label'))
            yield '</span> · '
            yield escape(environment.getattr(l_1_p, 'title'))
            yield '</div>\n    <p>'
            yield escape(environment.getattr(l_1_p, 'depends'))
            yield '</p>\n  </article>\n'
        l_1_p = missing
        yield '</section>\n'
    yield '\n<section class="asklist">\n  <h2>Questions to ask your clinic</h2>\n  <p class="meta">Tick each question when it has been answered, and write the answer on the line.</p>\n  <ol>\n'
    t_2 = 1
    for l_1_item in environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'ask_list'):
        _loop_vars = {}
        pass
        yield '    <li><span class="box" role="img" aria-label="tick box"></span><div>'
        yield escape(environment.getattr(l_1_item, 'text'))
        yield '<br><span class="about">'
        yield escape(environment.getattr(l_1_item, 'about'))
        yield '</span></div><div class="line"></div></li>\n'
        t_2 = 0
    l_1_item = missing
    if t_2:
        pass
        yield '    <li><span></span><div>No questions: nothing was raised and nothing is open.</div></li>\n'
    yield '  </ol>\n</section>\n\n<h2>Not assessed</h2>\n'
    if environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'not_assessed'):
        pass
        yield '<table><thead><tr><th>Question</th><th>State</th></tr></thead><tbody>\n'
        for (l_1_prompt, l_1_state) in environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'not_assessed'):
            _loop_vars = {}
            pass
            yield '<tr><td>'
            yield escape(l_1_prompt)
            yield '</td><td>'
            yield escape(l_1_state)
            yield '</td></tr>'
        l_1_prompt = l_1_state = missing
        yield '</tbody></table>\n'
    else:
        pass
        yield '<p>Every question was answered.</p>'
    yield '\n<h2>All answers</h2>\n'
    for (l_1_title, l_1_rows) in environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'answers'):
        _loop_vars = {}
        pass
        yield '<h3>'
        yield escape(l_1_title)
        yield '</h3>\n<table><thead><tr><th style="width:68%">Question</th><th>Answer</th></tr></thead><tbody>\n'
        for (l_2_prompt, l_2_answer) in l_1_rows:
            _loop_vars = {}
            pass
            yield '<tr><td>'
            yield escape(l_2_prompt)
            yield '</td><td>'
            yield escape(l_2_answer)
            yield '</td></tr>'
        l_2_prompt = l_2_answer = missing
        yield '</tbody></table>\n'
    l_1_title = l_1_rows = missing
    yield '\n<h2>Sources</h2>\n<ol class="sources">\n'
    t_3 = 1
    for l_1_s in environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'sources'):
        _loop_vars = {}
        pass
        yield '<li value="'
        yield escape(environment.getattr(l_1_s, 'number'))
        yield '">'
        yield escape(environment.getattr(l_1_s, 'text'))
        yield '</li>'
        t_3 = 0
    l_1_s = missing
    if t_3:
        pass
        yield '<li>No sources cited.</li>'
    yield '</ol>\n\n<h2>About this report</h2>\n<p>'
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'checklist_notice'))
    yield '</p>\n<p><strong>'
    yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'notice'))
    yield '</strong></p>\n<section class="crisis">\n  <strong>'
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

blocks = {'body': block_body}
debug_info = '1=12&2=17&4=33&5=35&6=41&7=47&8=55&11=59&14=62&15=66&16=70&18=77&22=86&23=88&24=90&25=92&28=94&31=97&36=106&37=109&38=113&39=117&40=121&41=125&42=129&44=135&45=137&46=139&47=141&53=146&57=149&58=153&59=155&60=159&70=165&71=169&79=179&81=182&86=196&87=200&89=202&95=215&99=229&100=231&102=233&103=235'