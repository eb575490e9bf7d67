// The help desk's page: drives a consultation through the /v1 API. Every value shown is set with textContent on
// elements made with createElement: ticket text is hostile until proven otherwise, and the page's policy forbids
// inline script anyway. The consultation's state lives in this tab only (it holds the ticket text).
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);

  const ACTORS = {
    USER: 'User',
    ADMINISTRATOR: 'Administrator',
    SUPER_ADMINISTRATOR: 'Super administrator',
    SUPPORT: 'Support',
  };
  const CONDITIONS = {
    IMMEDIATE: 'at once',
    IF_PERSISTS: 'if the problem persists after the plan',
    AFTER_SECOND_ATTEMPT: 'if a second attempt at the plan fails',
  };
  const UNKNOWN = 'unknown';

  /** What the page carries between requests: the server keeps nothing. */
  const session = {
    start: null,          // the start request, as sent
    view: null,           // the last consultation view
    prompts: new Map(),   // question id -> the words it was asked in
  };

  class ApiError extends Error {
    constructor(status, problem) {
      super(problem && problem.detail ? problem.detail : 'the server answered ' + status);
      this.status = status;
      this.problem = problem || {};
    }
  }

  // A server bound beyond loopback asks for a bearer token: the field appears on the first 401, and the token is
  // kept in that field only (never in storage or the URL).
  function headers() {
    const h = { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' };
    const token = $('access-token').value.trim();
    if (token) {
      h.Authorization = 'Bearer ' + token;
    }
    return h;
  }

  async function post(path, body) {
    let res;
    try {
      res = await fetch(path, {
        method: 'POST',
        headers: headers(),
        body: JSON.stringify(body),
        cache: 'no-store',
        credentials: 'same-origin',
      });
    } catch (e) {
      throw new ApiError(0, { title: 'The server cannot be reached', detail: 'Check that authdoctor serve is running, then try again.' });
    }
    let json = null;
    try {
      json = await res.json();
    } catch (e) {
      json = null;
    }
    if (!res.ok) {
      if (res.status === 401) {
        $('token-field').hidden = false;
        json = Object.assign({}, json || {}, {
          title: 'This server asks for an access token',
          detail: 'Enter it in the Access token field, then press Diagnose again.',
        });
      }
      if (res.status === 503 || res.status === 429) {
        const wait = res.headers.get('Retry-After');
        json = Object.assign({ title: 'The server is busy' }, json || {},
          wait ? { retry: 'Try again in ' + wait + ' s.' } : {});
      }
      throw new ApiError(res.status, json);
    }
    if (json === null || typeof json !== 'object') {
      throw new ApiError(res.status, { title: 'Unexpected answer', detail: 'the server did not answer JSON' });
    }
    return json;
  }

  // ---- small DOM helpers: text only ----

  function el(tag, text, className) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) {
      e.textContent = String(text);
    }
    if (className) {
      e.className = className;
    }
    return e;
  }

  function announce(text) {
    // Cleared first so the same words are announced again.
    const status = $('status');
    status.textContent = '';
    window.setTimeout(() => { status.textContent = text; }, 50);
  }

  function setBusy(busy) {
    document.body.setAttribute('aria-busy', busy ? 'true' : 'false');
    for (const id of ['diagnose', 'answer', 'unknown', 'why', 'download']) {
      $(id).disabled = busy;
    }
  }

  function showError(error, focus) {
    const box = $('error');
    const p = error instanceof ApiError ? error.problem : { title: 'Something went wrong', detail: String(error && error.message) };
    box.replaceChildren();
    box.append(el('p', p.title || 'The request was refused', 'error-title'));
    if (p.detail) {
      box.append(el('p', p.detail));
    }
    if (Array.isArray(p.errors) && p.errors.length > 0) {
      const list = el('ul');
      for (const e of p.errors) {
        list.append(el('li', e));
      }
      box.append(list);
    }
    if (p.retry) {
      box.append(el('p', p.retry));
    }
    box.hidden = false;
    (focus || box).focus();
  }

  function clearError() {
    $('error').hidden = true;
    $('error').replaceChildren();
  }

  async function guarded(work) {
    clearError();
    setBusy(true);
    try {
      await work();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  }

  // ---- starting a consultation ----

  function startRequest() {
    const req = {};
    const description = $('ticket-text').value.trim();
    const message = $('error-message').value.trim();
    const symptom = $('symptom').value;
    const incidentId = $('incident-id').value.trim();
    if (description) { req.description = description; }
    if (message) { req.message = message; }
    if (symptom) { req.symptom = symptom; }
    if (incidentId) { req.incidentId = incidentId; }
    return req;
  }

  async function diagnose(event) {
    event.preventDefault();
    const req = startRequest();
    if (!req.description && !req.message && !req.symptom) {
      showError(new ApiError(400, {
        title: 'Nothing to diagnose yet',
        detail: 'Paste the ticket text or the error message, or choose what happened.',
      }), $('ticket-text'));
      return;
    }
    await guarded(async () => {
      session.prompts.clear();
      let view = await post('/v1/consultations', req);
      // What the agent already knows goes in as answers, so those questions are never asked.
      for (const select of document.querySelectorAll('#ticket-form select[data-question]')) {
        if (select.value) {
          const label = document.querySelector('label[for="' + select.id + '"]');
          session.prompts.set(select.dataset.question, label ? label.textContent : select.dataset.question);
          view = await post('/v1/consultations/answers', { state: view.state, question: select.dataset.question, answer: select.value });
        }
      }
      session.start = req;
      show(view);
      $('result-heading').focus();
    });
  }

  // ---- showing a view ----

  function show(view) {
    session.view = view;
    renderReported(session.start);
    renderDiagnosis(view.diagnosis);
    renderQuestion(view.question, view.remaining);
    renderAnswers(view);
    closeWhy();
    $('ticket-status').textContent = '';
    $('draft-details').hidden = true;
    $('draft').textContent = '';
    for (const id of ['result', 'questions', 'ticket']) {
      $(id).hidden = false;
    }
    announce(summary(view));
  }

  function summary(view) {
    const d = view.diagnosis;
    const parts = [];
    parts.push(d.problems.length > 0 ? 'Diagnosis: ' + d.problems.map((p) => p.title).join('; ') + '.' : 'No known problem recognised yet.');
    parts.push(d.steps.length + (d.steps.length === 1 ? ' step' : ' steps') + ' in the plan.');
    if (d.escalation) {
      parts.push(d.escalation.now ? 'Escalation due now.' : 'Escalation not due yet.');
    }
    parts.push(view.question ? 'Next question: ' + view.question.prompt : 'No more questions.');
    return parts.join(' ');
  }

  function renderReported(req) {
    const box = $('reported');
    box.replaceChildren();
    if (!req) {
      return;
    }
    const dl = el('dl');
    const add = (term, value) => {
      if (value) {
        dl.append(el('dt', term), el('dd', value, 'quoted'));
      }
    };
    add('Ticket', req.incidentId);
    add('The user wrote', req.description);
    add('Error message', req.message);
    add('What happened', req.symptom);
    box.append(dl);
  }

  function renderDiagnosis(d) {
    const problems = $('problems');
    problems.replaceChildren();
    if (d.outcome === 'REJECTED') {
      problems.append(el('p', 'The ticket could not be read:', 'warn'));
      const list = el('ul');
      for (const e of d.errors || []) {
        list.append(el('li', e));
      }
      problems.append(list);
    } else if (d.problems.length === 0) {
      problems.append(el('p', session.view.inPlay === false
        ? 'Nothing reported points to a known problem: add more of the user\'s words above and diagnose again.'
        : 'No known problem recognised yet. Answer the questions below, or add more of the user\'s words.', 'warn'));
    }
    for (const p of d.problems) {
      const box = el('div', null, 'problem');
      box.append(el('h3', p.title));
      const facts = el('p', null, 'meta');
      facts.append(el('span', 'Problem ' + p.id));
      if (p.causes && p.causes.length > 0) {
        facts.append(el('span', 'Causes: ' + p.causes.join(', ')));
      }
      if (p.evidence === 'TEXT') {
        const sure = typeof p.confidence === 'number' ? Math.round(p.confidence * 100) + '% sure' : '';
        facts.append(el('span', 'Heard in the ticket\'s words' + (sure ? ' (' + sure + ')' : '')
          + (p.matchedTerms && p.matchedTerms.length ? ': ' + p.matchedTerms.join(', ') : '')));
      }
      box.append(facts);
      problems.append(box);
    }

    const plan = $('plan');
    plan.replaceChildren();
    const steps = [...d.steps].sort((a, b) => a.order - b.order);
    for (const s of steps) {
      const li = el('li', null, 'step');
      li.value = s.order;
      li.append(el('span', ACTORS[s.actor] || s.actor, 'actor actor-' + String(s.actor).toLowerCase().replace(/_/g, '-')));
      li.append(el('span', s.text, 'step-text'));
      plan.append(li);
    }
    plan.hidden = steps.length === 0;
    $('no-plan').hidden = steps.length > 0;

    const esc = $('escalation');
    esc.replaceChildren();
    const e = d.escalation;
    if (!e) {
      esc.append(el('p', 'No escalation: the plan should solve it.'));
    } else {
      const line = el('p', null, 'escalation ' + (e.now ? 'due' : 'not-due'));
      line.append(el('strong', e.now ? 'Due now' : 'Not due yet', 'badge'));
      const who = e.contact === 'SUPER_ADMINISTRATOR' ? 'the organisation\'s super administrator' : e.contact;
      line.append(el('span', ' Hand over to ' + who + ', ' + (CONDITIONS[e.condition] || e.condition) + '.'));
      esc.append(line);
      if (e.reason) {
        esc.append(el('p', e.reason, 'hint'));
      }
    }
  }

  function renderQuestion(q, remaining) {
    const form = $('question-form');
    const box = $('question-options');
    box.replaceChildren();
    if (!q) {
      form.hidden = true;
      $('no-more').hidden = false;
      $('remaining').textContent = '';
      return;
    }
    form.hidden = false;
    $('no-more').hidden = true;
    form.dataset.question = q.id;
    session.prompts.set(q.id, q.prompt);
    $('question-prompt').textContent = q.prompt;
    $('remaining').textContent = remaining === 1 ? 'This is the last question that could change the diagnosis.'
      : 'At most ' + remaining + ' questions could still change the diagnosis.';
    if (q.number) {
      const field = el('div', null, 'field');
      const input = el('input');
      input.type = 'number';
      input.step = '1';
      input.id = 'q-number';
      input.name = 'answer';
      input.inputMode = 'numeric';
      const label = el('label', 'A whole number' + (q.options && q.options.length ? ' (for example ' + q.options.join(', ') + ')' : ''));
      label.htmlFor = input.id;
      field.append(label, input);
      box.append(field);
    } else {
      q.options.forEach((option, i) => {
        const row = el('div', null, 'option');
        const input = el('input');
        input.type = 'radio';
        input.name = 'answer';
        input.value = option;
        input.id = 'q-option-' + i;
        const label = el('label', option);
        label.htmlFor = input.id;
        row.append(input, label);
        box.append(row);
      });
    }
  }

  function renderAnswers(view) {
    const dl = $('answers');
    dl.replaceChildren();
    const entries = Object.entries(view.answers || {});
    for (const [id, value] of entries) {
      dl.append(el('dt', session.prompts.get(id) || id), el('dd', value === UNKNOWN ? 'Not known' : value));
    }
    $('no-answers').hidden = entries.length > 0;
  }

  function firstAnswerInput() {
    return document.querySelector('#question-options input');
  }

  // ---- answering ----

  async function answer(event) {
    event.preventDefault();
    const q = session.view && session.view.question;
    if (!q) {
      return;
    }
    let value;
    if (q.number) {
      value = $('q-number').value.trim();
    } else {
      const checked = document.querySelector('#question-options input:checked');
      value = checked ? checked.value : '';
    }
    if (!value) {
      showError(new ApiError(400, {
        title: 'No answer chosen',
        detail: q.number ? 'Type a whole number, or choose "The user does not know".' : 'Choose an answer, or "The user does not know".',
      }), firstAnswerInput());
      return;
    }
    await next('/v1/consultations/answers', { state: session.view.state, question: q.id, answer: value });
  }

  async function unknown() {
    const q = session.view && session.view.question;
    if (q) {
      await next('/v1/consultations/unknowns', { state: session.view.state, question: q.id });
    }
  }

  async function next(path, body) {
    await guarded(async () => {
      const view = await post(path, body);
      show(view);
      // The next question if there is one; else the plan, now final.
      (firstAnswerInput() && !$('question-form').hidden ? firstAnswerInput() : $('result-heading')).focus();
    });
  }

  // ---- why ----

  /** The incident the consultation has gathered, as the server gives it with each view. */
  function incident() {
    if (!session.view.incident) {
      throw new ApiError(0, { title: 'Cannot explain', detail: 'the server did not send the gathered facts with the consultation' });
    }
    return session.view.incident;
  }

  function closeWhy() {
    $('why-panel').hidden = true;
    $('why-panel').replaceChildren();
    $('why').setAttribute('aria-expanded', 'false');
    $('why').textContent = 'Why? Show the reasoning';
  }

  async function why() {
    if (!$('why-panel').hidden) {
      closeWhy();
      return;
    }
    await guarded(async () => {
      const d = await post('/v1/explanations', incident());
      renderWhy(d);
      $('why').setAttribute('aria-expanded', 'true');
      $('why').textContent = 'Hide the reasoning';
      $('why-panel').hidden = false;
      $('why-panel').focus();
    });
  }

  function renderWhy(d) {
    const panel = $('why-panel');
    panel.replaceChildren();
    panel.append(el('h3', 'Why this diagnosis'));
    if (d.problems.length === 0) {
      panel.append(el('p', 'No rule recognised a problem in what is known so far.'));
    }
    for (const p of d.problems) {
      panel.append(el('h4', p.title));
      const list = el('ul', null, 'reasons');
      for (const x of p.explanations || []) {
        list.append(reason(x));
      }
      if (!p.explanations || p.explanations.length === 0) {
        list.append(el('li', 'Rules: ' + (p.rules || []).join(', ')));
      }
      panel.append(list);
    }
    const explained = d.steps.filter((s) => s.explanation);
    if (explained.length > 0) {
      panel.append(el('h4', 'Why each step'));
      const list = el('ol', null, 'reasons');
      for (const s of explained) {
        const li = reason(s.explanation);
        li.value = s.order;
        list.append(li);
      }
      panel.append(list);
    }
  }

  function reason(x) {
    const li = el('li');
    li.append(el('span', 'Rule ' + x.rule + (x.row ? ' (seed table row ' + x.row + ')' : ''), 'rule'));
    if (x.because && x.because.length > 0) {
      li.append(el('span', ', because:'));
      const facts = el('ul', null, 'because');
      for (const b of x.because) {
        facts.append(el('li', b, 'quoted'));
      }
      li.append(facts);
    }
    return li;
  }

  // ---- the ticket draft ----

  async function download() {
    await guarded(async () => {
      const t = await post('/v1/tickets', { state: session.view.state });
      const name = t.fileName || 'support-ticket.txt';
      const url = URL.createObjectURL(new Blob([t.draft], { type: 'text/plain;charset=utf-8' }));
      const a = el('a');
      a.href = url;
      a.download = name;
      a.hidden = true;
      document.body.append(a);
      a.click();
      a.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 60000);
      const said = 'Downloaded ' + name + '. ' + (t.due ? 'The escalation is due now: send it to support.'
        : 'The escalation is not due yet: send it only if the plan does not solve the problem.');
      $('ticket-status').textContent = said;
      $('draft').textContent = t.draft;
      $('draft-details').hidden = false;
      announce(said);
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('ticket-form').addEventListener('submit', diagnose);
    $('question-form').addEventListener('submit', answer);
    $('unknown').addEventListener('click', unknown);
    $('why').addEventListener('click', why);
    $('download').addEventListener('click', download);
  });
})();
