import type { RosterImportReport } from '@fieldwork/contracts';
import type { TestApi } from './test-api';

/** Uploads a roster as multipart, the way the page and a registrar's script do. */
export async function sync(api: TestApi, token: string, csv: string, query: { dryRun?: boolean; removeMissing?: boolean } = {}) {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'roster.csv');
  const params = new URLSearchParams({ dryRun: String(query.dryRun ?? false), removeMissing: String(query.removeMissing ?? false) });
  const response = await fetch(`${api.url}/api/rosters/import?${params}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const body = await response.json();
  return { status: response.status, body: body as RosterImportReport & { report?: RosterImportReport; message?: string } };
}
