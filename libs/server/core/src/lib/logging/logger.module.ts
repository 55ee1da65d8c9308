import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { hostname } from 'node:os';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';

/** Never logged: credentials, tokens, hashes, cookies. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.password_hash',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
];

/** The levels at which a line per request ("request completed") is written. */
const REQUEST_LINE_LEVELS = new Set(['info', 'debug', 'trace']);

/**
 * Structured JSON logs (pino) with a request id on every line of a request. The service
 * name is a base field (not a per-request child logger), and at `warn` and above, where no
 * request line would be written, the per-request completion logging is off altogether
 * (5xx answers are still logged, with their stack, by ApiExceptionFilter).
 */
export const AppLoggerModule = LoggerModule.forRootAsync({
  inject: [AppConfig],
  useFactory: (config: AppConfig) => ({
    pinoHttp: {
      level: config.env.LOG_LEVEL,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      genReqId: (req: IncomingMessage) => {
        const given = req.headers['x-request-id'];
        return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
      },
      base: { pid: process.pid, hostname: hostname(), service: 'api' },
      autoLogging: REQUEST_LINE_LEVELS.has(config.env.LOG_LEVEL) ? { ignore: (req: IncomingMessage) => req.url === '/api/health' } : false,
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url?.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  }),
});
