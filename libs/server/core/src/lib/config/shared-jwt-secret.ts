import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { AppConfig, useSharedJwtSecret } from './app-config';
import { insertSecretIfAbsent, secretValue } from './config.queries';

export const JWT_SECRET_NAME = 'jwt_secret';

/**
 * When JWT_SECRET is not set, every API process must still sign and check tokens with
 * one key: the first process to boot generates one (48 random bytes) and stores it
 * in `platform_private.secrets`; concurrent first boots race on an insert-if-absent,
 * so all of them read back the same row. Read over the owner's connection (the app
 * role cannot see that schema), after the migrations and before the Nest app is built,
 * so the JWT strategy and the token service read it from `config.jwtSecret`.
 * Returns where the secret came from.
 */
export async function loadSharedJwtSecret(config: AppConfig): Promise<'environment' | 'database'> {
  if (config.env.JWT_SECRET) return 'environment';
  const owner = new Client({ connectionString: config.ownerDatabaseUrl });
  await owner.connect();
  try {
    await insertSecretIfAbsent(owner, JWT_SECRET_NAME, randomBytes(48).toString('base64url'));
    const secret = await secretValue(owner, JWT_SECRET_NAME);
    if (!secret) throw new Error('the shared JWT secret could not be stored');
    useSharedJwtSecret(secret);
    return 'database';
  } finally {
    await owner.end();
  }
}
