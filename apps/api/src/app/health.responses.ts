import { ApiProperty } from '@nestjs/swagger';
import type { HealthResponse, QueueBackendKind } from '@fieldwork/contracts';

export class ComponentStatusBody {
  @ApiProperty({ enum: ['up', 'down'] }) status!: 'up' | 'down';
}

export class QueueStatusBody {
  @ApiProperty({ enum: ['redis', 'postgres'] }) backend!: QueueBackendKind;
  @ApiProperty({ enum: ['up', 'down'] }) status!: 'up' | 'down';
}

export class HealthBody implements HealthResponse {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status!: 'ok' | 'degraded';
  @ApiProperty({ type: () => ComponentStatusBody }) database!: ComponentStatusBody;
  @ApiProperty({ type: () => QueueStatusBody }) queue!: QueueStatusBody;
}
