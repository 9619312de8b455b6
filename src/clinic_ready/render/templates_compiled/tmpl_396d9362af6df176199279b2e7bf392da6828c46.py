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
    l_0__ = resolve('_')
    l_0_questions = l_0_crisis = missing
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
        yield '<p class="meta"><strong>'
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Clinic:', _block_vars=_block_vars))
        yield '</strong> '
        yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'clinic_name'))
        yield '</p>'
    if environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'respondent_line'):
        pass
        yield '<p class="meta respondent"><strong>'
        yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'respondent_line'))
        yield '</strong></p>'
    yield '  <p class="meta">'
    yield escape(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Checklist version {version} · {currency} · report made {date}', _block_vars=_block_vars), 'format'), version=environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'version'), currency=environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'currency'), date=environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'printed_on'), _block_vars=_block_vars))
    yield '</p>\n'
    if (not environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'only')):
        pass
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
    def macro():
        t_2 = []
        pass
        t_2.append(
            '<section class="asklist',
        )
        if environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'only'):
            pass
            t_2.append(
                ' only',
            )
        t_2.extend((
            '" aria-label="',
            escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'heading_questions')),
            '">\n  <h2>',
            escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'heading_questions')),
            '</h2>\n  <p class="meta">',
            escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'questions_hint')),
            '</p>\n  <ol>\n',
        ))
        t_3 = 1
        for l_2_item in environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'ask_list'):
            _loop_vars = {}
            pass
            t_2.extend((
                '    <li id="question-',
                escape(environment.getattr(l_2_item, 'number')),
                '"><span class="num">',
                escape(environment.getattr(l_2_item, 'number')),
                '.</span><span class="box" role="img" aria-label="',
                escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'tick box', _loop_vars=_loop_vars)),
                '"></span><div>',
                escape(environment.getattr(l_2_item, 'text')),
                '<br><span class="about">',
                escape(environment.getattr(l_2_item, 'about')),
                '</span></div><div class="line"></div></li>\n',
            ))
            t_3 = 0
        l_2_item = missing
        if t_3:
            pass
            t_2.extend((
                '    <li><span></span><span></span><div>',
                escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'no_questions')),
                '</div></li>\n',
            ))
        t_2.append(
            '  </ol>\n</section>\n',
        )
        return concat(t_2)
    l_0_questions = Macro(environment, macro, 'questions', (), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro():
        t_4 = []
        pass
        t_4.extend((
            '<section class="crisis">\n  <strong>',
            escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'crisis_heading')),
            ':</strong>\n  <ul>',
        ))
        for (l_2_who, l_2_how) in environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'crisis'):
            _loop_vars = {}
            pass
            t_4.extend((
                '<li><strong>',
                escape(l_2_who),
                ':</strong> ',
                escape(l_2_how),
                '</li>',
            ))
        l_2_who = l_2_how = missing
        t_4.append(
            '</ul>\n</section>\n',
        )
        return concat(t_4)
    l_0_crisis = Macro(environment, macro, 'crisis', (), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    if (environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'only') == 'questions'):
        pass
        yield escape(context.call((undefined(name='questions') if l_0_questions is missing else l_0_questions), _block_vars=_block_vars))
        yield '\n'
        yield escape(context.call((undefined(name='crisis') if l_0_crisis is missing else l_0_crisis), _block_vars=_block_vars))
        yield '\n'
    else:
        pass
        yield '\n'
        if environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'urgent'):
            pass
            yield '<section class="urgent" aria-label="'
            yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'heading_urgent'))
            yield '">\n  <h2>'
            yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'heading_urgent'))
            yield '</h2>\n'
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
        yield '" aria-label="'
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Verdict', _block_vars=_block_vars))
        yield '">\n  <div class="title">'
        yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'verdict_title'))
        yield '</div>\n  <div>'
        yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'verdict_text'))
        yield '</div>\n  <div class="meta">'
        yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'counts_text'))
        yield '</div>\n</section>\n\n'
        if environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'first_steps'):
            pass
            yield '<section class="first-steps" aria-label="'
            yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'heading_first_steps'))
            yield '">\n  <h2>'
            yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'heading_first_steps'))
            yield '</h2>\n  <ol>'
            for l_1_step in environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'first_steps'):
                _loop_vars = {}
                pass
                yield '<li>'
                yield escape(l_1_step)
                yield '</li>'
            l_1_step = missing
            yield '</ol>\n</section>\n'
        yield '\n'
        if environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'tips'):
            pass
            yield '<section class="tips" aria-label="'
            yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'heading_tips'))
            yield '">\n  <h2>'
            yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'heading_tips'))
            yield '</h2>\n  <ul>'
            for l_1_t in environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'tips'):
                _loop_vars = {}
                pass
                yield '<li>'
                yield escape(environment.getattr(l_1_t, 'text'))
                if environment.getattr(l_1_t, 'refs'):
                    pass
                    yield ' <span class="refs">'
                    yield escape(environment.getattr(l_1_t, 'refs'))
                    yield '</span>'
                yield '</li>'
            l_1_t = missing
            yield '</ul>\n</section>\n'
        yield '\n'
        yield escape(context.call((undefined(name='questions') if l_0_questions is missing else l_0_questions), _block_vars=_block_vars))
        yield '\n\n<h2>'
        yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'heading_concerns'))
        yield '</h2>\n'
        if (not environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'groups')):
            pass
            yield '<p>'
            yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'no_concerns'))
            yield '</p>'
        l_1_loop = missing
        for (l_1_label, l_1_sev, l_1_items), l_1_loop in LoopContext(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'groups'), undefined):
            _loop_vars = {}
            pass
            yield '  <h3>'
            yield escape(l_1_label)
            yield ' ('
            yield escape(t_1(l_1_items))
            yield ')</h3>\n'
            l_2_loop = missing
            for l_2_c, l_2_loop in LoopContext(l_1_items, undefined):
                _loop_vars = {}
                pass
                yield '  <article class="concern '
                yield escape(l_1_sev)
                yield '" id="concern-'
                yield escape(environment.getattr(l_2_loop, 'index'))
                yield '-'
                yield escape(l_1_sev)
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
                yield '    <dl>\n      <dt>'
                yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Why it matters', _loop_vars=_loop_vars))
                yield '</dt><dd>'
                yield escape(environment.getattr(l_2_c, 'why'))
                yield '</dd>\n      <dt>'
                yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'What to do', _loop_vars=_loop_vars))
                yield '</dt><dd>'
                yield escape(environment.getattr(l_2_c, 'action'))
                yield '</dd>\n      <dt>'
                yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Ask', _loop_vars=_loop_vars))
                yield '</dt><dd>'
                if environment.getattr(l_2_c, 'ask_number'):
                    pass
                    yield '<a href="#question-'
                    yield escape(environment.getattr(l_2_c, 'ask_number'))
                    yield '">'
                    yield escape(environment.getattr(l_2_c, 'ask'))
                    yield '</a>'
                else:
                    pass
                    yield escape(environment.getattr(l_2_c, 'ask'))
                yield '</dd>\n      <dt>'
                yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Sources', _loop_vars=_loop_vars))
                yield '</dt><dd>'
                yield escape(environment.getattr(l_2_c, 'refs'))
                yield '</dd>\n    </dl>\n  </article>\n'
            l_2_loop = l_2_c = missing
        l_1_loop = l_1_label = l_1_sev = l_1_items = missing
        yield '\n'
        if (environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'could_apply') or environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'not_assessed_note')):
            pass
            yield '<section class="could-apply" aria-label="'
            yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'heading_could_apply'))
            yield '">\n  <h2>'
            yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'heading_could_apply'))
            yield '</h2>\n'
            if environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'could_apply'):
                pass
                yield '  <p class="meta">'
                yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'could_apply_intro'))
                yield '</p>\n'
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
            if environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'not_assessed_note'):
                pass
                yield '<p>'
                yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'not_assessed_note'))
                yield '</p>'
            yield '</section>\n'
        yield '\n<h2>'
        yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'heading_answers'))
        yield '</h2>\n'
        for (l_1_title, l_1_rows) in environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'answers'):
            _loop_vars = {}
            pass
            yield '<h3>'
            yield escape(l_1_title)
            yield '</h3>\n<table><thead><tr><th style="width:68%">'
            yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Question', _loop_vars=_loop_vars))
            yield '</th><th>'
            yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Answer', _loop_vars=_loop_vars))
            yield '</th></tr></thead><tbody>\n'
            for l_2_r in l_1_rows:
                _loop_vars = {}
                pass
                yield '<tr'
                if environment.getattr(l_2_r, 'open'):
                    pass
                    yield ' class="open"'
                yield '><td>'
                yield escape(environment.getattr(l_2_r, 'prompt'))
                yield '</td><td>'
                if environment.getattr(l_2_r, 'open'):
                    pass
                    yield '<em>'
                    yield escape(environment.getattr(l_2_r, 'answer'))
                    yield '</em>'
                else:
                    pass
                    yield escape(environment.getattr(l_2_r, 'answer'))
                yield '</td></tr>'
            l_2_r = missing
            yield '</tbody></table>\n'
        l_1_title = l_1_rows = missing
        yield '\n<h2>'
        yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'heading_sources'))
        yield '</h2>\n<ol class="sources">\n'
        t_5 = 1
        for l_1_s in environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'sources'):
            _loop_vars = {}
            pass
            yield '<li value="'
            yield escape(environment.getattr(l_1_s, 'number'))
            yield '">'
            yield escape(environment.getattr(l_1_s, 'text'))
            yield '</li>'
            t_5 = 0
        l_1_s = missing
        if t_5:
            pass
            yield '<li>'
            yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'No sources cited.'))
            yield '</li>'
        yield '</ol>\n\n<h2>'
        yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'heading_about'))
        yield '</h2>\n<p>'
        yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'checklist_notice'))
        yield '</p>\n<p><strong>'
        yield escape(environment.getattr((undefined(name='v') if l_0_v is missing else l_0_v), 'notice'))
        yield '</strong></p>\n'
        yield escape(context.call((undefined(name='crisis') if l_0_crisis is missing else l_0_crisis), _block_vars=_block_vars))
        yield '\n'

blocks = {'body': block_body}
debug_info = '1=12&2=17&4=35&5=37&6=44&7=50&8=52&9=62&12=66&13=72&14=81&15=83&17=87&18=92&20=109&26=118&28=123&29=126&33=143&34=145&35=147&38=152&39=155&40=157&41=159&42=163&43=167&45=174&49=183&50=187&51=189&52=191&55=193&56=196&57=198&58=200&62=209&63=212&64=214&65=216&69=230&71=232&72=234&73=240&74=244&75=249&76=253&77=259&78=263&80=269&81=273&82=277&83=290&89=297&90=300&91=302&92=304&93=307&94=309&95=313&96=315&97=319&101=322&105=329&106=331&107=335&108=337&109=341&113=364&115=367&118=383&119=385&120=387&121=389'