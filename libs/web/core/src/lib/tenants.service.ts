import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateTenantRequest,
  CreateTenantResponse,
  TenantSummary,
} from '@fieldwork/contracts';
import { Observable } from 'rxjs';
import { API_BASE } from './api';

/** Operator: the platform's tenants (career centers). */
@Injectable({ providedIn: 'root' })
export class TenantsService {
  private readonly http = inject(HttpClient);

  list(): Observable<TenantSummary[]> {
    return this.http.get<TenantSummary[]>(`${API_BASE}/platform/tenants`);
  }

  create(request: CreateTenantRequest): Observable<CreateTenantResponse> {
    return this.http.post<CreateTenantResponse>(`${API_BASE}/platform/tenants`, {
      slug: request.slug.trim().toLowerCase(),
      name: request.name.trim(),
      timezone: request.timezone.trim(),
      adminEmail: request.adminEmail.trim(),
      adminName: request.adminName.trim(),
    });
  }
}
