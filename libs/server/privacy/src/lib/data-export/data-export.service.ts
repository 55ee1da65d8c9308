import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { isUuid } from '@fieldwork/contracts';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService, Outbox, TenantDatabase, UserAuth, openBuiltFile } from '@fieldwork/server-core';
import { requireAccess, type Action } from '@fieldwork/server-access';
import { localDayIn, percentOf } from '@fieldwork/server-exports';
import type { CreateDataExportResponse, DataExportList, DataExportSummary } from '@fieldwork/contracts';
import { DataExportFiles } from './data-export-files';
import { dataExportsOf, insertDataExport, ownDataExport, type DataExportRow } from './data-export.queries';
import type { ZipDownload } from '../zip-file';

/** How many of a person's copies the list shows (newest first); older ones have long expired. */
export const DATA_EXPORT_LIST_LIMIT = 20;

/**
 * "Download my data", API side: any signed-in user of a career center asks for
 * a copy of their own data; the row and its outbox row are written in one
 * transaction and the worker builds the ZIP. Only the requester ever reaches a
 * copy: anyone else (an admin too) gets 404.
 */
@Injectable()
export class DataExportService {
  constructor(
    private readonly tenantDb: TenantDatabase,
    private readonly outbox: Outbox,
    private readonly audit: AuditService,
    private readonly files: DataExportFiles,
  ) {}

  request(auth: UserAuth, ip?: string): Promise<CreateDataExportResponse> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'data_export.request');
      const id = randomUUID();
      await insertDataExport(db, auth.tenantId, id, auth.userId);
      await this.outbox.publish(db, auth.tenantId, 'data_export.requested', { exportId: id });
      await this.audit.record(db, { tenantId: auth.tenantId, action: 'data_export.requested', actorId: auth.userId, subjectType: 'data_export', subjectId: id, ip, details: {} });
      return { id };
    });
  }

  list(auth: UserAuth): Promise<DataExportList> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      await requireAccess(db, auth, 'data_export.list');
      const rows = await dataExportsOf(db, auth.tenantId, auth.userId, DATA_EXPORT_LIST_LIMIT);
      return { items: rows.map(toSummary) };
    });
  }

  get(auth: UserAuth, id: string): Promise<DataExportSummary> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => toSummary(await this.load(db, auth, 'data_export.read', id)));
  }

  /** The finished ZIP, for its requester only; 410 once its 7 days are over. The download is audited. */
  download(auth: UserAuth, id: string, ip?: string): Promise<ZipDownload> {
    return this.tenantDb.transaction(auth.tenantId, async (db) => {
      const row = await this.load(db, auth, 'data_export.download', id);
      if (row.status === 'failed') throw new ConflictException('This copy of your data could not be made; ask for a new one');
      const refusals = {
        expired: `This copy of your data expired on ${localDayIn(row.expires_at, row.timezone) ?? 'its last day'}; ask for a new one`,
        notReady: `This copy of your data is not ready yet (it is ${row.status}); try again when it is done`,
        missing: 'This copy of your data is no longer available; ask for a new one',
      };
      const file = await openBuiltFile(this.files.store, row, refusals, ({ size }) =>
        this.audit.record(db, { tenantId: auth.tenantId, action: 'data_export.downloaded', actorId: auth.userId, subjectType: 'data_export', subjectId: id, ip, details: { bytes: size } }),
      );
      return { stream: file.stream, size: file.size, filename: `fieldwork-my-data-${localDayIn(row.finished_at, row.timezone)}.zip` };
    });
  }

  /** The caller's own copy, or 404 (another person's copy is as absent as one that never existed). */
  private async load(db: EntityManager, auth: UserAuth, action: Action, id: string): Promise<DataExportRow> {
    await requireAccess(db, auth, action);
    if (!isUuid(id)) throw new NotFoundException('No such copy of your data');
    const row = await ownDataExport(db, auth.tenantId, id, auth.userId);
    if (!row) throw new NotFoundException('No such copy of your data');
    return row;
  }
}

function toSummary(row: DataExportRow): DataExportSummary {
  return {
    id: row.id,
    status: row.status,
    percent: percentOf(row.status, row.done_items, row.total_items),
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    fileSize: row.file_size === null ? null : Number(row.file_size),
    error: row.error,
  };
}
