export * from './lib/identity.module';
export * from './lib/invitations/invitations.service';
export * from './lib/operators/operators.service';
export * from './lib/auth/auth.service';
export * from './lib/auth/sessions.service';
export * from './lib/entities/user.entity';
export * from './lib/identity-jobs.module';
export * from './lib/jobs/credentials-cleanup.jobs';
