// Forms and dialogs: labelled fields, values read as the API wants them, and the API's refusal
// shown where it belongs (each `errors[]` entry beside its field, the detail above the buttons).
import { el, fill } from './dom.js';
import { ApiError } from './api.js';
import { describe } from './ui.js';

let formCount = 0;

/**
 * One labelled field. spec: {name, label, type, required, value, options: [[value, label]],
 * hint, placeholder, min, max, step, autocomplete, as: 'number' | 'tags' | 'instant'}.
 * `name` is the API's field name, so that a refusal's errors[].field finds it.
 */
function field(formId, spec) {
  const id = `${formId}-${spec.name}`;
  const hintId = spec.hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const common = {
    id, name: spec.name, required: spec.required, 'aria-describedby': [hintId, errorId].filter(Boolean).join(' '),
  };
  let input;
  if (spec.type === 'select') {
    input = el('select', common, spec.options.map(([value, label]) =>
      el('option', { value: String(value), selected: String(value) === String(spec.value ?? '') }, label)));
  } else if (spec.type === 'textarea') {
    input = el('textarea', { ...common, rows: 3, placeholder: spec.placeholder }, spec.value ?? '');
  } else if (spec.type === 'checkbox') {
    input = el('input', { ...common, type: 'checkbox', checked: Boolean(spec.value) });
  } else {
    input = el('input', {
      ...common, type: spec.type ?? 'text', value: spec.value ?? '', placeholder: spec.placeholder,
      min: spec.min, max: spec.max, step: spec.step, inputmode: spec.inputmode,
      autocomplete: spec.autocomplete ?? 'off', spellcheck: spec.type === 'password' ? 'false' : undefined,
    });
  }
  return el('div', { class: ['field', spec.type === 'checkbox' && 'check', spec.wide && 'wide'] },
    el('label', { for: id }, spec.label, spec.required ? el('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    input,
    spec.hint ? el('small', { id: hintId, class: 'hint' }, spec.hint) : null,
    el('p', { id: errorId, class: 'field-error', dataset: { errorFor: spec.name }, hidden: true }));
}

/** Reads the fields as the API wants them; empty ones are left out unless `keepEmpty` (then null). */
export function readValues(form, specs, { keepEmpty = false } = {}) {
  const values = {};
  for (const spec of specs) {
    const input = form.elements.namedItem(spec.name);
    if (!input) continue;
    if (spec.type === 'checkbox') {
      values[spec.name] = input.checked;
      continue;
    }
    const raw = input.value.trim();
    if (raw === '') {
      if (keepEmpty) values[spec.name] = spec.as === 'tags' ? [] : null;
      continue;
    }
    if (spec.as === 'number') values[spec.name] = Number(raw);
    else if (spec.as === 'tags') values[spec.name] = raw.split(',').map((t) => t.trim()).filter(Boolean);
    else if (spec.as === 'instant') values[spec.name] = new Date(raw).toISOString(); // datetime-local is local time
    else values[spec.name] = spec.type === 'password' ? input.value : raw;
  }
  return values;
}

export function clearProblem(form) {
  for (const slot of form.querySelectorAll('.field-error')) {
    slot.hidden = true;
    slot.replaceChildren();
  }
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  const top = form.querySelector(':scope > .form-error');
  if (top) {
    top.hidden = true;
    top.replaceChildren();
  }
}

/** Shows a refusal in the form: errors[] beside their fields, the detail (and strays) at the top. */
export function showProblem(form, error) {
  clearProblem(form);
  const strays = [];
  let first = null;
  const errors = error instanceof ApiError ? error.errors : [];
  for (const { field: name, message } of errors) {
    const slot = [...form.querySelectorAll('.field-error')].find((s) => s.dataset.errorFor === name);
    if (!slot) {
      strays.push(`${name}: ${message}`);
      continue;
    }
    const input = form.elements.namedItem(name);
    input?.setAttribute('aria-invalid', 'true');
    first ??= input;
    slot.textContent = slot.textContent ? `${slot.textContent}; ${message}` : message;
    slot.hidden = false;
  }
  const top = form.querySelector(':scope > .form-error');
  fill(top, describe(error), strays.length ? el('span', { class: 'strays' }, ` (${strays.join('; ')})`) : null);
  top.hidden = false;
  (first ?? top).focus?.();
}

/** A form element with its fields, a form-level error line, and the given buttons. */
export function form(specs, { buttons = [], className = 'stacked', label } = {}) {
  const id = `form-${++formCount}`;
  return el('form', { id, class: className, novalidate: true, 'aria-label': label },
    el('p', { class: 'form-error', role: 'alert', hidden: true, tabindex: -1 }),
    el('div', { class: 'fields' }, specs.map((spec) => field(id, spec))),
    el('div', { class: 'form-buttons' }, buttons));
}

function modal(title, ...content) {
  const titleId = `dialog-title-${++formCount}`;
  const dialog = el('dialog', { class: 'modal', 'aria-labelledby': titleId },
    el('h2', { id: titleId }, title), content);
  document.body.append(dialog);
  dialog.addEventListener('close', () => dialog.remove());
  dialog.showModal();
  return dialog;
}

/**
 * A form in a modal dialog. onSubmit(values, form) runs the call; what it returns closes the dialog
 * and resolves the promise; a refusal stays in the dialog beside the fields. Esc or Cancel → undefined.
 * `extra(form)` may add content (e.g. a connection test) after the fields.
 */
export function formDialog({ title, intro, fields, submitLabel = 'Save', onSubmit, extra, danger = false }) {
  return new Promise((resolve) => {
    let result;
    const submit = el('button', { type: 'submit', class: danger ? 'danger' : 'primary' }, submitLabel);
    const cancel = el('button', { type: 'button' }, 'Cancel');
    const f = form(fields, { buttons: [cancel, submit], label: title });
    const dialog = modal(title, intro ? el('p', { class: 'muted' }, intro) : null, f);
    if (extra) f.querySelector('.fields').after(extra(f, submit));
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => resolve(result));
    f.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (submit.disabled) return;
      submit.disabled = true;
      clearProblem(f);
      try {
        result = (await onSubmit(readValues(f, fields), f)) ?? true;
        dialog.close();
      } catch (error) {
        showProblem(f, error);
      } finally {
        submit.disabled = false;
      }
    });
    (f.querySelector('input, select, textarea') ?? submit).focus();
  });
}

/** Asks before something that cannot be undone; resolves true only on an explicit yes. */
export function confirmDialog({ title, message, confirmLabel = 'Confirm', danger = true }) {
  return new Promise((resolve) => {
    let answer = false;
    const yes = el('button', { type: 'button', class: danger ? 'danger' : 'primary' }, confirmLabel);
    const no = el('button', { type: 'button' }, 'Cancel');
    const dialog = modal(title, el('p', {}, message), el('div', { class: 'form-buttons' }, no, yes));
    yes.addEventListener('click', () => {
      answer = true;
      dialog.close();
    });
    no.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => resolve(answer));
    no.focus(); // a stray Enter keeps things as they are
  });
}

/** An instant as a datetime-local input wants it: local wall time, to the minute. */
function localInput(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A one-line filter bar; onApply(values) on submit, onApply({}) on clear. */
export function filterForm(specs, params, onApply) {
  const withValues = specs.map((spec) => {
    const given = params.get(spec.name);
    return { ...spec, value: given && spec.as === 'instant' ? localInput(given) : given ?? spec.value };
  });
  const apply = el('button', { type: 'submit', class: 'primary' }, 'Apply');
  const reset = el('button', { type: 'button', on: { click: () => onApply({}) } }, 'Clear');
  const f = form(withValues, { buttons: [apply, reset], className: 'filters', label: 'Filters' });
  f.addEventListener('submit', (event) => {
    event.preventDefault();
    onApply(readValues(f, withValues));
  });
  return f;
}
