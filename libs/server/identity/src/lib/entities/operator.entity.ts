import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Platform staff. A platform table: no tenant_id, no row-level security. */
@Entity({ name: 'operators' })
export class OperatorEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') email!: string;
  @Column('text') name!: string;
  @Column('text', { name: 'password_hash', select: false }) passwordHash!: string;
  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false }) createdAt!: Date;
}
