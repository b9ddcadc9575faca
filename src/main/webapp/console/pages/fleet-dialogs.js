// The fleet's forms: add a server (connection tested first), edit it, rotate its credentials.
import * as api from '../api.js';
import { el, fill } from '../dom.js';
import { formDialog, readValues, showProblem, clearProblem } from '../forms.js';

const URL_HINT = 'http:// or https://, e.g. http://192.168.10.203:9000';

const details = (server = {}) => [
  { name: 'name', label: 'Name', required: true, value: server.name },
  { name: 'description', label: 'Description', type: 'textarea', value: server.description, wide: true },
  { name: 'capacity', label: 'Capacity (accounts)', type: 'number', as: 'number', min: 1, value: server.capacity ?? 100,
    hint: server.id ? `At least ${server.current_accounts}, the accounts it holds now` : null },
  { name: 'location', label: 'Location', value: server.location, placeholder: 'US-East' },
  { name: 'tags', label: 'Tags', as: 'tags', value: (server.tags ?? []).join(', '), hint: 'Comma-separated' },
  { name: 'rate_limit_per_hour', label: 'Panel calls per hour', type: 'number', as: 'number', min: 1,
    value: server.rate_limit_per_hour ?? 1000 },
  { name: 'panel_url', label: 'Control panel URL for customers', type: 'url', wide: true,
    value: server.panel_url && server.panel_url !== server.base_url ? server.panel_url : '',
    hint: 'Shown in the client area and in emails. Leave empty when customers use the API URL above.' },
];

const credentials = (required) => [
  { name: 'base_url', label: 'Panel API URL', type: 'url', required, hint: required ? URL_HINT : `Leave empty to keep it; ${URL_HINT}` },
  { name: 'api_key', label: 'API key', required: true, placeholder: 'npk_…' },
  { name: 'api_secret', label: 'API secret', type: 'password', required: true, autocomplete: 'new-password' },
];

/** The connection test's outcome, in words. */
function testOutcome(result) {
  if (result.success) {
    return el('span', {}, el('strong', {}, 'Connection OK. '), result.detail,
      result.panel_version ? ` (NextPanel ${result.panel_version})` : '');
  }
  const what = !result.reachable ? 'Panel not reachable. ' : 'Credentials refused. ';
  return el('span', {}, el('strong', {}, what), result.detail ?? '');
}

/**
 * Adds a server. Saving stays disabled until a connection test of the URL, key and secret now in
 * the form has passed, so the operator sees the test's result before anything is saved.
 */
export function addServer() {
  const fields = [details()[0], ...credentials(true), ...details().slice(1)];
  const testSpecs = credentials(true);
  let testedFor = null; // what the last test was run on
  const signature = (f) => JSON.stringify(readValues(f, testSpecs));

  return formDialog({
    title: 'Add a server',
    intro: 'The panel\'s health and credentials are tested before the server joins the fleet.',
    fields,
    submitLabel: 'Add server',
    extra: (f, submit) => {
      const outcome = el('p', { class: 'test-outcome', role: 'status', hidden: true });
      const hint = el('small', { class: 'hint' }, 'Test the connection before adding the server.');
      submit.disabled = true;
      const test = el('button', { type: 'button', name: 'test' }, 'Test connection');
      test.addEventListener('click', async () => {
        test.disabled = true;
        clearProblem(f);
        fill(outcome, 'Testing the connection…');
        outcome.className = 'test-outcome';
        outcome.hidden = false;
        try {
          const values = readValues(f, testSpecs);
          const result = await api.post('nextpanel/servers/test', values);
          fill(outcome, testOutcome(result));
          outcome.className = `test-outcome ${result.success ? 'ok' : 'error'}`;
          testedFor = signature(f);
          submit.disabled = !result.success;
          hint.hidden = result.success;
        } catch (error) {
          outcome.hidden = true;
          showProblem(f, error);
        } finally {
          test.disabled = false;
        }
      });
      // Changing what was tested means testing again (an old outcome, good or bad, no longer applies).
      f.addEventListener('input', () => {
        if (testedFor && signature(f) !== testedFor) {
          testedFor = null;
          submit.disabled = true;
          hint.hidden = false;
          outcome.className = 'test-outcome';
          fill(outcome, 'The URL or credentials changed: test again.');
        }
      });
      return el('div', { class: 'connection-test' }, test, hint, outcome);
    },
    onSubmit: (values) => api.post('nextpanel/servers', values),
  });
}

/** Edits what PATCH may change, sending only what changed (a JSON merge patch). */
export function editServer(server) {
  const fields = details(server);
  return formDialog({
    title: `Edit ${server.name}`,
    fields,
    onSubmit: async (_, f) => {
      const values = readValues(f, fields, { keepEmpty: true });
      const changed = Object.fromEntries(Object.entries(values).filter(([name, value]) =>
        JSON.stringify(value) !== JSON.stringify(server[name] ?? (name === 'tags' ? [] : null))));
      if (!Object.keys(changed).length) return 'unchanged';
      return api.patch(`nextpanel/servers/${server.id}`, changed);
    },
  });
}

/** Key rotation: the new pair is tested by the API before it replaces the old one. */
export function rotateCredentials(server) {
  return formDialog({
    title: `Rotate credentials of ${server.name}`,
    intro: `Current key ${server.api_key_hint ?? '(none)'} at ${server.base_url}. The new pair is tested before it replaces the old one.`,
    fields: [credentials(false)[1], credentials(false)[2], credentials(false)[0]],
    submitLabel: 'Test and replace',
    onSubmit: (values) => api.put(`nextpanel/servers/${server.id}/credentials`, values),
  });
}
