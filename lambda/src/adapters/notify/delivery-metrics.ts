import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ReminderMetrics } from '../../../../shared/src/ports/notifier';

/**
 * `ReminderDeliveryFailed` (count, namespace LegalReporting, default `service` dimension): the
 * infra alarm `ReminderDeliveryFailures` watches it. Published as CloudWatch EMF through the log.
 */
export class PowertoolsReminderMetrics implements ReminderMetrics {
  private readonly metrics = new Metrics({
    namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'LegalReporting',
    serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'legal-reporting',
  });
  private pending = 0;

  deliveryFailed(): void {
    this.pending++;
    this.metrics.addMetric('ReminderDeliveryFailed', MetricUnit.Count, 1);
  }

  flush(): void {
    if (this.pending === 0) return;
    this.pending = 0;
    this.metrics.publishStoredMetrics();
  }
}

/** Local mode: counts in memory (the local stack has no CloudWatch); tests read `failures`. */
export class CountingReminderMetrics implements ReminderMetrics {
  failures = 0;
  deliveryFailed(): void {
    this.failures++;
  }
  flush(): void {}
}
