// Forms: checked here first, then by the API; every error shown beside its field and listed in
// the form's error summary (role=alert), which takes the focus after a failed submit.
import { el, fill, describe } from './ui.js';
import { ApiError } from './api.js';

/**
 * Wires a form (markup in the page: .error-summary, inputs with .field-error slots): on submit,
 * checks the fields, then calls `send(values, form)`; a refusal is shown, and the button is busy
 * meanwhile. `check(values)` may add [{field, message}] for rules across fields.
 */
export function onSubmit(form, send, { check } = {}) {
  form.noValidate = true;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const values = readValues(form);
    const problems = [...checkFields(form), ...(check?.(values) ?? [])];
    if (problems.length) {
      showErrors(form, { errors: problems });
      return;
    }
    const buttons = [...form.querySelectorAll('button[type="submit"]')];
    buttons.forEach((b) => { b.disabled = true; });
    form.setAttribute('aria-busy', 'true');
    try {
      await send(values, form);
    } catch (error) {
      showErrors(form, error instanceof ApiError ? { detail: error.detail, errors: error.errors } : { detail: describe(error) });
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
      form.removeAttribute('aria-busy');
    }
  });
}

/** {name: value} for the form's named fields (trimmed, except passwords; radios: the checked one). */
export function readValues(form) {
  const values = {};
  for (const input of form.elements) {
    if (!input.name || input.disabled) continue;
    if (input.type === 'radio') {
      if (input.checked) values[input.name] = input.value;
    } else if (input.type === 'checkbox') {
      values[input.name] = input.checked;
    } else {
      values[input.name] = input.type === 'password' ? input.value : input.value.trim();
    }
  }
  return values;
}

/** Required, email and pattern rules, with messages from data-* or the label. */
function checkFields(form) {
  const problems = [];
  for (const input of form.elements) {
    if (!input.name || input.disabled || !input.willValidate) continue;
    const name = labelOf(input).toLowerCase();
    const empty = input.type === 'radio' ? !form.querySelector(`input[name="${input.name}"]:checked`) : input.value.trim() === '';
    if (problems.some((p) => p.field === input.name)) continue;
    if (input.required && empty) problems.push({ field: input.name, message: input.dataset.required ?? `Enter your ${name}.` });
    else if (!empty && input.validity.typeMismatch) problems.push({ field: input.name, message: `Enter a valid ${name}, like name@example.com.` });
    else if (!empty && (input.validity.patternMismatch || input.validity.tooShort)) {
      problems.push({ field: input.name, message: input.dataset.invalid ?? `Check the ${name}.` });
    }
  }
  return problems;
}

function labelOf(input) {
  const fieldset = input.type === 'radio' ? input.closest('fieldset')?.querySelector('legend') : null;
  return (fieldset ?? input.labels?.[0])?.textContent.trim() ?? input.name;
}

export function clearErrors(form) {
  const summary = form.querySelector('.error-summary');
  if (summary) {
    summary.hidden = true;
    summary.replaceChildren();
  }
  for (const slot of form.querySelectorAll('.field-error')) {
    slot.hidden = true;
    slot.replaceChildren();
  }
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
}

/**
 * Shows {detail, errors: [{field, message}]}: each error beside its field (aria-invalid), and all
 * of them in the summary, whose links lead to the fields; the summary takes the focus.
 */
export function showErrors(form, { detail, errors = [] }) {
  const listed = [];
  for (const { field, message } of errors) {
    const name = String(field ?? '').split('.').pop();
    const slot = form.querySelector(`.field-error[data-error-for="${CSS.escape(name)}"]`);
    const input = form.elements.namedItem(name);
    const target = input instanceof RadioNodeList ? input[0] : input;
    if (slot) {
      fill(slot, message);
      slot.hidden = false;
    }
    if (target) target.setAttribute('aria-invalid', 'true');
    listed.push(target?.id ? el('a', { href: `#${target.id}` }, message) : message);
  }
  const summary = form.querySelector('.error-summary');
  if (!summary) return;
  const intro = detail && !(errors.length && /fields? (is|are) invalid/.test(detail)) ? detail : null;
  fill(summary,
    el('h2', {}, 'There is a problem'),
    intro ? el('p', {}, intro) : null,
    listed.length ? el('ul', {}, listed.map((item) => el('li', {}, item))) : null);
  summary.hidden = false;
  summary.focus();
}
