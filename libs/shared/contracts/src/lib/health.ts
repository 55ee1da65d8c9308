export type QueueBackendKind = 'redis' | 'postgres';

export interface HealthResponse {
  status: 'ok' | 'degraded';
  database: { status: 'up' | 'down' };
  queue: { backend: QueueBackendKind; status: 'up' | 'down' };
}
