import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  Page,
  Template,
  TemplateCategory,
  TemplateInput,
  UpdateTemplateRequest,
} from '@fieldwork/contracts';
import { EMPTY, Observable, expand, reduce } from 'rxjs';
import { API_BASE } from '../api';
import { idPath, queryParams } from './http-params';

export interface TemplateListQuery {
  category?: TemplateCategory;
  /** false (default): live templates; true: archived only; 'all': both. */
  archived?: boolean | 'all';
  cursor?: string;
  limit?: number;
}

/** Stop following cursors after this many pages (the library is small). */
const MAX_PAGES = 10;
const BASE = `${API_BASE}/templates`;

/** The homework library (admin and advisor). */
@Injectable({ providedIn: 'root' })
export class TemplatesService {
  private readonly http = inject(HttpClient);

  list(query: TemplateListQuery = {}): Observable<Page<Template>> {
    const archived = query.archived ?? false;
    const params = queryParams({
      category: query.category,
      archived: archived === 'all' ? undefined : archived,
      cursor: query.cursor,
      limit: query.limit,
    });
    return this.http.get<Page<Template>>(BASE, { params });
  }

  /** Every template that matches, following the cursor (bounded). */
  listAll(query: Omit<TemplateListQuery, 'cursor'> = {}): Observable<Template[]> {
    let pages = 0;
    return this.list(query).pipe(
      expand((page) =>
        page.nextCursor && ++pages < MAX_PAGES ? this.list({ ...query, cursor: page.nextCursor }) : EMPTY,
      ),
      reduce((all: Template[], page) => [...all, ...page.items], []),
    );
  }

  get(id: string): Observable<Template> {
    return this.http.get<Template>(idPath(BASE, id));
  }

  create(input: TemplateInput): Observable<Template> {
    return this.http.post<Template>(BASE, input);
  }

  update(id: string, changes: UpdateTemplateRequest): Observable<Template> {
    return this.http.patch<Template>(idPath(BASE, id), changes);
  }
}
