import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { exportAggregates } from '../../../shared/src/use-cases/export-aggregates';
import { exportSubmissions } from '../../../shared/src/use-cases/export-submissions';
import { type ExportTable, parseExportFormat } from '../../../shared/src/use-cases/export-table';
import { tableToCsv } from '../adapters/export/csv';
import { tableToXlsx, XLSX_CONTENT_TYPE } from '../adapters/export/xlsx';
import { type Routes, routeHandler } from '../adapters/http/http-handler';
import { claimNamesFromEnv, depsFromEnv } from '../wiring';

/**
 * The file as an HTTP response. API Gateway carries binary bodies base64-encoded with
 * `isBase64Encoded`, so both formats go that way (the CSV's BOM survives every proxy untouched).
 * `filename*` (RFC 6266/5987) gives the Chinese name to browsers; `filename` is the ASCII fallback.
 */
async function fileResponse(
  table: ExportTable,
  format: 'csv' | 'xlsx',
): Promise<APIGatewayProxyStructuredResultV2> {
  const bytes = format === 'csv' ? await tableToCsv(table) : await tableToXlsx(table);
  return {
    statusCode: 200,
    headers: {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_CONTENT_TYPE,
      'content-disposition': `attachment; filename="${table.fileName}.${format}"; filename*=UTF-8''${encodeURIComponent(
        `${table.localizedFileName}.${format}`,
      )}`,
    },
    body: bytes.toString('base64'),
    isBase64Encoded: true,
  };
}

/** CSV and xlsx exports of revisions and aggregates (same access rules as the aggregates). */
export const routes: Routes = {
  'GET /api/exports/submissions': {
    auth: true,
    run: async (req, deps) => {
      const format = parseExportFormat(req.query.format);
      const table = await exportSubmissions(
        req.principal(),
        {
          from: req.query.from,
          to: req.query.to,
          departmentId: req.query.departmentId,
          lang: req.query.lang ?? req.lang,
        },
        deps,
      );
      return fileResponse(table, format);
    },
  },
  'GET /api/exports/aggregates': {
    auth: true,
    run: async (req, deps) => {
      const format = parseExportFormat(req.query.format);
      const table = await exportAggregates(
        req.principal(),
        {
          from: req.query.from,
          to: req.query.to,
          departmentId: req.query.departmentId,
          groupBy: req.query.groupBy,
          asOf: req.query.asOf,
          lang: req.query.lang ?? req.lang,
        },
        deps,
      );
      return fileResponse(table, format);
    },
  },
};

export const handler = routeHandler(routes, depsFromEnv, claimNamesFromEnv());
