import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { DomainError } from '../../../../shared/src/domain/errors';
import { type Lang, pickLang, text } from '../../../../shared/src/domain/localized';
import type { Principal } from '../../../../shared/src/domain/principal';
import type { Deps } from '../../../../shared/src/use-cases/deps';
import { logger } from '../logger';
import { type ClaimNames, DEFAULT_CLAIMS, header, principalFrom } from './parse';
import { domainProblem, internalProblem, problemResponse } from './problem-json';

export interface RouteRequest {
  event: APIGatewayProxyEventV2;
  /** The verified caller; throws 401 when the route needs one and there is none. */
  principal(): Principal;
  lang: Lang;
  params: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  requestId: string;
}

export interface RouteDef {
  /** Public routes (health, OpenAPI, the local dev token) need no token. */
  auth: boolean;
  run(req: RouteRequest, deps: Deps): Promise<APIGatewayProxyStructuredResultV2>;
}

export type Routes = Record<string, RouteDef>;

export type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context?: Partial<Context>,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * One Lambda function serving a group of routes (API Gateway HTTP API, payload v2). Domain errors
 * become problem+json in the caller's language; anything unexpected is logged and answered with a
 * generic 500 carrying only a request id.
 */
export function routeHandler(
  routes: Routes,
  getDeps: () => Deps,
  claimNames: ClaimNames = DEFAULT_CLAIMS,
): HttpHandler {
  return async (event, context) => {
    const requestId = context?.awsRequestId ?? event.requestContext?.requestId ?? 'local';
    const lang = pickLang(event.queryStringParameters?.lang ?? header(event, 'accept-language'));
    const route = routes[event.routeKey];
    if (!route) {
      return problemResponse('route-not-found', text('没有这个接口。', 'There is no such route.'), lang);
    }
    let principal: Principal | undefined;
    const req: RouteRequest = {
      event,
      lang,
      requestId,
      params: event.pathParameters ?? {},
      query: event.queryStringParameters ?? {},
      principal: () => {
        principal ??= principalFrom(event, claimNames);
        return principal;
      },
    };
    try {
      if (route.auth) req.principal();
      return await route.run(req, getDeps());
    } catch (err) {
      if (err instanceof DomainError) {
        if (err.code === 'service-busy') logger.warn('storage busy after retries', { requestId, error: err });
        return domainProblem(err, lang, requestId);
      }
      logger.error('unhandled error', { requestId, routeKey: event.routeKey, error: err as Error });
      return internalProblem(lang, requestId);
    }
  };
}

export function json(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

export const ok = (body: unknown, headers?: Record<string, string>) => json(200, body, headers);
export const created = (body: unknown, headers?: Record<string, string>) => json(201, body, headers);
