import { HttpParams } from '@angular/common/http';

/** Query parameters from an object, leaving out empty values (undefined, null, ''). */
export function queryParams(query: Record<string, string | number | boolean | null | undefined>): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params = params.set(key, String(value));
  }
  return params;
}

/** `/api/x/{id}` with the id encoded. */
export function idPath(base: string, id: string, ...rest: string[]): string {
  return [base, encodeURIComponent(id), ...rest.map(encodeURIComponent)].join('/');
}
