import { Logger } from '@aws-lambda-powertools/logger';

/** Structured JSON logs with the request id (Powertools); level from POWERTOOLS_LOG_LEVEL. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'legal-reporting' });
