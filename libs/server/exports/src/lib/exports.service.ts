import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { EntityManager } from 'typeorm';
import { AuditService, Outbox, TenantDatabase, UserAuth, decodeCursor, join, openBuiltFile, pageOf, pageSize, sql, validationFailed } from '@fieldwork/server-core';
import { requireAccess, visibility, type Action } from '@fieldwork/server-access';
import { ADMIN_ONLY_EXPORT_KINDS, type CreateExportRequest, type CreateExportResponse, type ExportPage, type ExportSummary } from '@fieldwork/contracts';
import { ExportFiles } from './export-files';
import { localDayIn } from './zoned-time';
import { exportById, exportPage, insertExport, type ExportRow } from './exports.queries';

export interface ExportDownload {
  stream: Readable;
  filename: string;
  size: number;
}

/**
 * Exports, API side: a request writes the export row and an outbox row in one
 * transaction (the worker does the rest); people see their own exports, admins
 * every export of the career center; anyone else gets 404.
 */
@Injectable()
export class ExportsService {
  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly outbox: Outbox,
    private readonly audit: AuditService,
    private readonly files: ExportFiles,
  ) {}

  request(auth: UserAuth, request: CreateExportRequest, ip?: string): Promise<CreateExportResponse> {
    if (auth.role !== 'admin' && ADMIN_ONLY_EXPORT_KINDS.includes(request.kind)) {
      throw new ForbiddenException(`Only admins may export ${request.kind}`);
    }
    if (auth.role === 'advisor' && !request.cohortId) {
      throw validationFailed([{ field: 'cohortId', problems: ['cohortId is required: advisors export one of the cohorts they advise'] }]);
    }
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'export.request');
      if (request.cohortId) await requireAccess(db, auth, 'cohort.read', request.cohortId);
      const id = randomUUID();
      await insertExport(db, auth.tenantId, id, auth.userId, request.kind, request.cohortId ?? null);
      await this.outbox.publish(db, auth.tenantId, 'export.requested', { exportId: id });
      const details = { kind: request.kind, cohortId: request.cohortId ?? null };
      await this.audit.record(db, { tenantId: auth.tenantId, action: 'export.requested', actorId: auth.userId, subjectType: 'export', subjectId: id, ip, details });
      if (request.kind === 'reflections') {
        await this.audit.record(db, { tenantId: auth.tenantId, action: 'reflections.exported', actorId: auth.userId, subjectType: 'export', subjectId: id, ip, details });
      }
      return { id };
    });
  }

  list(auth: UserAuth, filter: { cursor?: string; limit?: number }): Promise<ExportPage> {
    const limit = pageSize(filter.limit, 20);
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'export.list');
      const where = [visibility(auth, 'export')];
      if (filter.cursor) {
        const [createdAt, id] = decodeCursor(filter.cursor, 2);
        where.push(sql`(e.created_at, e.id) < (${createdAt}::timestamptz, ${id}::uuid)`);
      }
      const rows = await exportPage(db, auth.tenantId, join(where, ' AND '), limit + 1);
      return pageOf(rows, limit, toSummary, (row) => [row.created_at.toISOString(), row.id]);
    });
  }

  get(auth: UserAuth, id: string): Promise<ExportSummary> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => toSummary(await this.load(db, auth, 'export.read', id)));
  }

  /** The file of a finished export, for its requester or an admin; the download is audited. */
  download(auth: UserAuth, id: string, ip?: string): Promise<ExportDownload> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const row = await this.load(db, auth, 'export.download', id);
      const refusals = {
        expired: `This export expired on ${localDayIn(row.expires_at, row.timezone)}; request a new one`,
        notReady: `This export is not ready yet (it is ${row.status}); try again when it is done`,
        missing: 'This export’s file is no longer available; request a new one',
      };
      const file = await openBuiltFile(this.files.store, row, refusals, () =>
        this.audit.record(db, { tenantId: auth.tenantId, action: 'export.downloaded', actorId: auth.userId, subjectType: 'export', subjectId: id, ip, details: { kind: row.kind, cohortId: row.cohort_id } }),
      );
      return { stream: file.stream, size: file.size, filename: fileName(row) };
    });
  }

  /** Checks the action on the export (its requester, or an admin) and loads it. */
  private async load(db: EntityManager, auth: UserAuth, action: Action, id: string): Promise<ExportRow> {
    await requireAccess(db, auth, action, id);
    const row = await exportById(db, auth.tenantId, id);
    if (!row) throw new NotFoundException('No such export');
    return row;
  }
}

function toSummary(row: ExportRow): ExportSummary {
  return {
    id: row.id,
    kind: row.kind,
    cohort: row.cohort_id && row.cohort_name !== null ? { id: row.cohort_id, name: row.cohort_name } : null,
    requestedBy: { id: row.requested_by, name: row.requester_name },
    status: row.status,
    percent: percentOf(row.status, row.done_rows, row.total_rows),
    totalRows: row.total_rows,
    doneRows: row.done_rows,
    fileSize: row.file_size === null ? null : Number(row.file_size),
    error: row.error,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
  };
}

/** 100 once the file is written; while running, rows written over rows counted (at most 99: the file is not there yet). */
export function percentOf(status: string, done: number, total: number | null): number {
  if (status === 'done' || status === 'expired') return 100;
  if (status !== 'running' || !total) return 0;
  return Math.min(99, Math.floor((done / total) * 100));
}

function fileName(row: ExportRow): string {
  const scope = row.cohort_name ? `-${row.cohort_name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}` : '';
  // The day of the file is the career center's.
  return `${row.kind}${scope}-${localDayIn(row.finished_at, row.timezone)}.csv`;
}
