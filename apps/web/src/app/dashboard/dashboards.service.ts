import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CohortDashboard, Dashboard, DashboardQuery, StudentProfile } from '@fieldwork/contracts';
import { API_BASE } from '@fieldwork/web-core';
import { Observable } from 'rxjs';

/** Dashboards and the staff view of one student. */
@Injectable({ providedIn: 'root' })
export class DashboardsService {
  private readonly http = inject(HttpClient);

  /** Admin: the whole career center; advisor: their cohorts; `cohortId` narrows to one. */
  overview(query: DashboardQuery = {}): Observable<Dashboard> {
    return this.http.get<Dashboard>(`${API_BASE}/dashboards/overview`, { params: params(query) });
  }

  cohort(id: string, query: Omit<DashboardQuery, 'cohortId'> = {}): Observable<CohortDashboard> {
    return this.http.get<CohortDashboard>(`${API_BASE}/dashboards/cohorts/${encodeURIComponent(id)}`, { params: params(query) });
  }

  student(id: string): Observable<StudentProfile> {
    return this.http.get<StudentProfile>(`${API_BASE}/students/${encodeURIComponent(id)}`);
  }
}

function params(query: DashboardQuery): HttpParams {
  let result = new HttpParams();
  for (const [key, value] of Object.entries(query)) if (value) result = result.set(key, value);
  return result;
}
